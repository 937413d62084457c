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

/// ICU version string, e.g. "72.1", for run.json.
const char *cwarta_icu_version(void);

#ifdef __cplusplus
}
#endif
#endif
