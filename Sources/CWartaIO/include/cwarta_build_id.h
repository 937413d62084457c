#ifndef CWARTA_BUILD_ID_H
#define CWARTA_BUILD_ID_H
// The running program's GNU build ID, for WartaInfo.buildIdentity: Swift cannot walk ELF notes
// through dl_iterate_phdr's C structs without a page of unsafe pointer code, so it is done here.

#ifdef __cplusplus
extern "C" {
#endif

/// The GNU build ID of the running program (the NT_GNU_BUILD_ID note the linker writes, a hash of the
/// linked output), read from the program's own loaded PT_NOTE segments, no file read. Returns the ID's
/// length in bytes and copies it to `out` when it fits in `capacity`; 0 when the program has none.
int cwarta_build_id(unsigned char *out, int capacity);

#ifdef __cplusplus
}
#endif

#endif
