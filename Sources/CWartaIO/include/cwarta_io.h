#ifndef CWARTA_IO_H
#define CWARTA_IO_H
// Linux I/O details that Swift's Glibc module leaves out: O_DIRECT is only defined under _GNU_SOURCE,
// and its value differs between architectures (0x4000 on x86_64, 0x10000 on arm64), so it cannot be
// written as a constant in Swift; the filesystem magic numbers are in <linux/magic.h>.

#ifdef __cplusplus
extern "C" {
#endif

/// The O_DIRECT open flag if files in `directory` are worth writing direct, else 0: only on the local
/// disk filesystems ext4, XFS, btrfs and F2FS, where a direct write goes from the buffer to the device.
/// Elsewhere it does not pay or costs: on NFS each direct write waits for the server, on tmpfs the page
/// cache is the storage.
int cwarta_o_direct_for(const char *directory);

/// The O_PATH open flag (also only under _GNU_SOURCE): a descriptor that names a folder, for openat(2),
/// with the search permission a path walk needs; O_RDONLY where there is none.
int cwarta_o_path(void);

/// The GNU build ID of the running program (the NT_GNU_BUILD_ID note the linker writes, a hash of the
/// linked output), read from the program's own loaded PT_NOTE segments (dl_iterate_phdr), no file read;
/// for WartaInfo.buildIdentity (cwarta_build_id.c). Returns the ID's length in bytes and copies it to
/// `out` when it fits in `capacity`; 0 when the program has none.
int cwarta_build_id(unsigned char *out, int capacity);

#ifdef __cplusplus
}
#endif

#endif
