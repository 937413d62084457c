#include "cwarta_icu.h"
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/unorm2.h>
#include <unicode/uregex.h>
#include <stdio.h>
#include <unicode/ustring.h>
#include <unicode/utext.h>
#include <unicode/uversion.h>

static const UNormalizer2 *nfc(void) {
    UErrorCode status = U_ZERO_ERROR;
    const UNormalizer2 *n = unorm2_getNFCInstance(&status);
    return U_FAILURE(status) ? NULL : n;
}

/// UTF-8 -> UTF-16 into a malloc'd buffer (caller frees). NULL on failure.
static UChar *to_utf16(const char *text, int32_t length, int32_t *outLength) {
    UErrorCode status = U_ZERO_ERROR;
    int32_t needed = 0;
    u_strFromUTF8WithSub(NULL, 0, &needed, text, length, 0xFFFD, NULL, &status);
    if (status != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(status)) return NULL;
    status = U_ZERO_ERROR;
    UChar *buffer = (UChar *)malloc(sizeof(UChar) * (size_t)(needed + 1));
    if (!buffer) return NULL;
    u_strFromUTF8WithSub(buffer, needed + 1, outLength, text, length, 0xFFFD, NULL, &status);
    if (U_FAILURE(status)) { free(buffer); return NULL; }
    return buffer;
}

static int32_t to_utf8(const UChar *text, int32_t length, char *out, int32_t capacity) {
    UErrorCode status = U_ZERO_ERROR;
    int32_t written = 0;
    u_strToUTF8WithSub(out, capacity, &written, text, length, 0xFFFD, NULL, &status);
    if (status == U_BUFFER_OVERFLOW_ERROR || status == U_STRING_NOT_TERMINATED_WARNING) return written;
    return U_FAILURE(status) ? -1 : written;
}

int32_t cwarta_nfc_is_normalized_utf8(const char *text, int32_t length) {
    const UNormalizer2 *n = nfc();
    if (!n) return -1;
    int32_t len16 = 0;
    UChar *s = to_utf16(text, length, &len16);
    if (!s) return -1;
    UErrorCode status = U_ZERO_ERROR;
    UBool ok = unorm2_isNormalized(n, s, len16, &status);
    free(s);
    return U_FAILURE(status) ? -1 : (ok ? 1 : 0);
}

int32_t cwarta_nfc_has_boundary_before(int32_t c) {
    const UNormalizer2 *n = nfc();
    return n ? (unorm2_hasBoundaryBefore(n, c) ? 1 : 0) : 1;
}

typedef int32_t (*transform16)(const UChar *src, int32_t len, UChar *dst, int32_t cap, UErrorCode *status);

static int32_t nfc16(const UChar *src, int32_t len, UChar *dst, int32_t cap, UErrorCode *status) {
    const UNormalizer2 *n = nfc();
    if (!n) { *status = U_INTERNAL_PROGRAM_ERROR; return 0; }
    return unorm2_normalize(n, src, len, dst, cap, status);
}

static int32_t fold16(const UChar *src, int32_t len, UChar *dst, int32_t cap, UErrorCode *status) {
    return u_strFoldCase(dst, cap, src, len, U_FOLD_CASE_DEFAULT, status);
}

/// UTF-8 in, UTF-16 transform, UTF-8 out: the shape shared by NFC and case folding.
static int32_t transform_utf8(transform16 f, const char *text, int32_t length, char *out, int32_t capacity) {
    int32_t len16 = 0;
    UChar *src = to_utf16(text, length, &len16);
    if (!src) return -1;
    int32_t cap16 = len16 * 3 + 16;
    UChar *dst = (UChar *)malloc(sizeof(UChar) * (size_t)cap16);
    if (!dst) { free(src); return -1; }
    UErrorCode status = U_ZERO_ERROR;
    int32_t outLen16 = f(src, len16, dst, cap16, &status);
    if (status == U_BUFFER_OVERFLOW_ERROR) {
        free(dst);
        cap16 = outLen16 + 1;
        dst = (UChar *)malloc(sizeof(UChar) * (size_t)cap16);
        if (!dst) { free(src); return -1; }
        status = U_ZERO_ERROR;
        outLen16 = f(src, len16, dst, cap16, &status);
    }
    free(src);
    if (U_FAILURE(status)) { free(dst); return -1; }
    int32_t written = to_utf8(dst, outLen16, out, capacity);
    free(dst);
    return written;
}

int32_t cwarta_nfc_utf8(const char *text, int32_t length, char *out, int32_t capacity) {
    return transform_utf8(nfc16, text, length, out, capacity);
}

int32_t cwarta_fold_case_utf8(const char *text, int32_t length, char *out, int32_t capacity) {
    return transform_utf8(fold16, text, length, out, capacity);
}

// Opening a break iterator loads and compiles rules (tens of microseconds); one per thread and kind
// is kept and re-pointed at each new text. They hang off a pthread key whose destructor closes them
// when the thread ends: Dispatch retires idle worker threads, and a plain `__thread` pointer would
// leak a thread's iterators (LeakSanitizer found it).
typedef struct { UBreakIterator *iterator[2]; } BreakCache;
static pthread_key_t break_cache_key;
static pthread_once_t break_cache_once = PTHREAD_ONCE_INIT;

static void break_cache_free(void *pointer) {
    BreakCache *cache = pointer;
    for (int k = 0; k < 2; k++) {
        if (cache->iterator[k]) ubrk_close(cache->iterator[k]);
    }
    free(cache);
}

static void break_cache_key_create(void) { pthread_key_create(&break_cache_key, break_cache_free); }

static BreakCache *break_cache(void) {
    pthread_once(&break_cache_once, break_cache_key_create);
    BreakCache *cache = pthread_getspecific(break_cache_key);
    if (!cache) {
        cache = calloc(1, sizeof *cache);
        if (!cache || pthread_setspecific(break_cache_key, cache) != 0) { free(cache); return NULL; }
    }
    return cache;
}

int64_t cwarta_break_utf8(int32_t kind, const char *text, int64_t length,
                          int64_t *boundaries, int32_t *statuses, int64_t capacity) {
    if (kind != CWARTA_BREAK_WORD && kind != CWARTA_BREAK_SENTENCE) return -1;
    BreakCache *cache = break_cache();
    if (!cache) return -1;
    UErrorCode status = U_ZERO_ERROR;
    if (!cache->iterator[kind]) {
        cache->iterator[kind] = ubrk_open(kind == CWARTA_BREAK_WORD ? UBRK_WORD : UBRK_SENTENCE, "id", NULL, 0, &status);
        if (U_FAILURE(status)) { cache->iterator[kind] = NULL; return -1; }
        status = U_ZERO_ERROR; // U_USING_DEFAULT_WARNING: "id" has no rules of its own, root rules apply.
    }
    UText *ut = utext_openUTF8(NULL, text, length, &status);
    if (U_FAILURE(status)) return -1;
    UBreakIterator *bi = cache->iterator[kind];
    ubrk_setUText(bi, ut, &status);
    if (U_FAILURE(status)) { utext_close(ut); return -1; }
    int64_t count = 0;
    ubrk_first(bi);
    for (int32_t b = ubrk_next(bi); b != UBRK_DONE; b = ubrk_next(bi)) {
        if (count < capacity) {
            boundaries[count] = b;
            if (statuses) statuses[count] = ubrk_getRuleStatus(bi);
        }
        count++;
    }
    // Detach the iterator from the UText before closing it: the cached iterator outlives this call.
    static const char empty[1] = {0};
    UText *blank = utext_openUTF8(NULL, empty, 0, &status);
    if (blank) { ubrk_setUText(bi, blank, &status); }
    utext_close(ut);
    if (blank) utext_close(blank);
    return count;
}

// Regular expressions through ICU's C API rather than Foundation's NSRegularExpression, which bridges
// every subject string to an NSString and copies it to UTF-16 at each call (thousands of instructions
// per try, even on a miss). Callers convert a line or token to UTF-16 once and try every pattern on it.
// Every matcher is bounded: a pattern that backtracks without end ('(a+)+b' on 31 letters took 31 s)
// gives up with U_REGEX_TIME_OUT after CWARTA_REGEX_TIME_LIMIT of ICU's steps (units of 10,000 steps of
// the match engine, counted, not timed: the same text gives up at the same point on any machine and
// under any load; 1,000 is about 0.3 to 0.6 s here), and one that needs more than
// CWARTA_REGEX_STACK_LIMIT bytes of backtracking stack gives up with U_REGEX_STACK_OVERFLOW.
static void limit(URegularExpression *re) {
    UErrorCode status = U_ZERO_ERROR;
    uregex_setTimeLimit(re, CWARTA_REGEX_TIME_LIMIT, &status);
    status = U_ZERO_ERROR;
    uregex_setStackLimit(re, CWARTA_REGEX_STACK_LIMIT, &status);
}

cwarta_regex cwarta_regex_open(const uint16_t *pattern, int32_t length, char *error, int32_t errorCapacity) {
    UErrorCode status = U_ZERO_ERROR;
    UParseError parse;
    memset(&parse, 0, sizeof parse);
    URegularExpression *re = uregex_open((const UChar *)pattern, length, 0, &parse, &status);
    if (U_FAILURE(status)) {
        if (error && errorCapacity > 0) {
            snprintf(error, (size_t)errorCapacity, "%s at offset %d", u_errorName(status), (int)parse.offset);
        }
        if (re) uregex_close(re);
        return NULL;
    }
    limit(re);
    return re;
}

cwarta_regex cwarta_regex_clone(cwarta_regex regex) {
    UErrorCode status = U_ZERO_ERROR;
    URegularExpression *clone = uregex_clone((const URegularExpression *)regex, &status);
    if (U_FAILURE(status)) {
        if (clone) uregex_close(clone);
        return NULL;
    }
    limit(clone);
    return clone;
}

void cwarta_regex_close(cwarta_regex regex) {
    if (regex) uregex_close((URegularExpression *)regex);
}

// The matcher keeps a pointer to its subject; it is pointed back at this empty text before returning,
// so that no matcher outlives the caller's buffer.
static const UChar no_text[1] = {0};

static void detach(URegularExpression *re) {
    UErrorCode status = U_ZERO_ERROR;
    uregex_setText(re, no_text, 0, &status);
}

int32_t cwarta_regex_matches(cwarta_regex regex, const uint16_t *text, int32_t length) {
    URegularExpression *re = regex;
    UErrorCode status = U_ZERO_ERROR;
    uregex_setText(re, length > 0 ? (const UChar *)text : no_text, length, &status);
    if (U_FAILURE(status)) return -1;
    UBool found = uregex_matches(re, -1, &status);
    detach(re);
    if (status == U_REGEX_TIME_OUT || status == U_REGEX_STACK_OVERFLOW) return -2;
    return U_FAILURE(status) ? -1 : (found ? 1 : 0);
}

int32_t cwarta_regex_prefix_may_match(cwarta_regex regex, const uint16_t *text, int32_t length) {
    URegularExpression *re = regex;
    UErrorCode status = U_ZERO_ERROR;
    uregex_setText(re, length > 0 ? (const UChar *)text : no_text, length, &status);
    if (U_FAILURE(status)) return 1;
    UBool found = uregex_lookingAt(re, -1, &status);
    UBool hitEnd = U_SUCCESS(status) ? uregex_hitEnd(re, &status) : 1;
    detach(re);
    return U_FAILURE(status) || found || hitEnd ? 1 : 0;
}

int32_t cwarta_regex_find_all(cwarta_regex regex, const uint16_t *text, int32_t length,
                              int32_t *starts, int32_t *ends, int32_t capacity, int32_t *gaveUp) {
    URegularExpression *re = regex;
    UErrorCode status = U_ZERO_ERROR;
    uregex_setText(re, length > 0 ? (const UChar *)text : no_text, length, &status);
    if (U_FAILURE(status)) return -1;
    int32_t count = 0;
    // A search that fails part way (U_REGEX_STACK_OVERFLOW on a long line, say) ends the list: the
    // matches found before it stand, as NSRegularExpression's enumeration kept them.
    while (uregex_findNext(re, &status)) {
        int32_t start = uregex_start(re, 0, &status);
        int32_t end = uregex_end(re, 0, &status);
        if (U_FAILURE(status)) break;
        if (count < capacity) { starts[count] = start; ends[count] = end; }
        count++;
    }
    if (gaveUp) *gaveUp = status == U_REGEX_TIME_OUT || status == U_REGEX_STACK_OVERFLOW;
    detach(re);
    return count;
}

const char *cwarta_icu_version(void) {
    static char version[U_MAX_VERSION_STRING_LENGTH];
    UVersionInfo info;
    u_getVersion(info);
    u_versionToString(info, version);
    return version;
}
