#ifndef CWARTA_ICU_H
#define CWARTA_ICU_H
// Plain C entry points over ICU. ICU renames its API with versioned macros (ubrk_open -> ubrk_open_72)
// that Swift cannot import, so warta calls these forwarding functions instead.
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// 1 when the UTF-8 bytes are already in NFC (the common case: callers skip work), 0 when not,
/// negative on an ICU error.
int32_t cwarta_nfc_is_normalized_utf8(const char *text, int32_t length);

/// 1 when NFC never combines across a boundary just before `c`: text may be cut there and
/// normalized piecewise.
int32_t cwarta_nfc_has_boundary_before(int32_t c);

/// NFC of UTF-8 `text` into `out` (capacity `capacity` bytes). Returns the UTF-8 length written,
/// or the length needed when it exceeds `capacity`, or -1 on an ICU error.
int32_t cwarta_nfc_utf8(const char *text, int32_t length, char *out, int32_t capacity);

/// Unicode full case folding of UTF-8 `text`; same return convention as cwarta_nfc_utf8.
int32_t cwarta_fold_case_utf8(const char *text, int32_t length, char *out, int32_t capacity);

enum { CWARTA_BREAK_WORD = 0, CWARTA_BREAK_SENTENCE = 1 };

/// Runs an ICU break iterator of `kind` over UTF-8 `text` (root rules: ICU has no "id" rules)
/// and stores every boundary after the start as a UTF-8 byte offset in `boundaries`, with the
/// rule status of the segment that ends there in `statuses` (word iterator only).
/// Returns the number of boundaries, the number needed when above `capacity`, or -1 on error.
/// The iterator is cached per thread, so the call is cheap and safe from any thread.
int64_t cwarta_break_utf8(int32_t kind, const char *text, int64_t length,
                          int64_t *boundaries, int32_t *statuses, int64_t capacity);

/// A compiled ICU regular expression (an opaque `URegularExpression *`). One must not be used by two
/// threads at once: `cwarta_regex_clone` gives another that shares the compiled pattern.
typedef void *cwarta_regex;

/// Compiles `pattern` (UTF-16). On failure returns NULL and writes a message (ICU's error name and
/// the offset in the pattern) into `error` (capacity `errorCapacity` bytes, NUL-terminated).
cwarta_regex cwarta_regex_open(const uint16_t *pattern, int32_t length, char *error, int32_t errorCapacity);

/// Another matcher for the same compiled pattern (cheap: the pattern is shared). NULL on failure.
cwarta_regex cwarta_regex_clone(cwarta_regex regex);

void cwarta_regex_close(cwarta_regex regex);

/// ICU's match limits set on every matcher (see cwarta_icu.c): time in units of 10,000 match steps,
/// backtracking stack in bytes.
#define CWARTA_REGEX_TIME_LIMIT 1000
#define CWARTA_REGEX_STACK_LIMIT (8 * 1024 * 1024)

/// 1 when the whole UTF-16 `text` matches the pattern, 0 when not, -2 when the match gave up at the
/// time or stack limit, -1 on another ICU error.
int32_t cwarta_regex_matches(cwarta_regex regex, const uint16_t *text, int32_t length);

/// 0 when no text that begins with `text` can match the pattern from its start (so none matches it
/// whole): ICU's anchored match (`lookingAt`) on `text` failed without reading at its end
/// (`uregex_hitEnd`), so what follows `text` cannot change the outcome. 1 otherwise, and on any ICU
/// error (the caller then tries the full match).
int32_t cwarta_regex_prefix_may_match(cwarta_regex regex, const uint16_t *text, int32_t length);

/// The successive non-overlapping matches in `text`, as UTF-16 offsets: stores up to `capacity`
/// (start, end) pairs and returns how many there are (more than `capacity`: call again with room),
/// or -1 when ICU refuses the text. A search that fails part way stops there: the matches before it
/// are returned, and `*gaveUp` (when not NULL) is set to 1 when it stopped at the time or stack limit.
int32_t cwarta_regex_find_all(cwarta_regex regex, const uint16_t *text, int32_t length,
                              int32_t *starts, int32_t *ends, int32_t capacity, int32_t *gaveUp);

/// ICU version string, e.g. "72.1", for run.json.
const char *cwarta_icu_version(void);

#ifdef __cplusplus
}
#endif
#endif
