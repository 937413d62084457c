#define _GNU_SOURCE
#include <fcntl.h>
#include "cwarta_io.h"

#ifdef __linux__
#include <linux/magic.h>
#include <sys/vfs.h>
#endif

int cwarta_o_direct_for(const char *directory) {
#if defined(__linux__) && defined(O_DIRECT)
    struct statfs fs;
    if (statfs(directory, &fs) != 0) return 0;
    switch ((unsigned long)fs.f_type) {
    case EXT4_SUPER_MAGIC:
    case XFS_SUPER_MAGIC:
    case BTRFS_SUPER_MAGIC:
    case F2FS_SUPER_MAGIC:
        return O_DIRECT;
    default:
        return 0;
    }
#else
    (void)directory;
    return 0;
#endif
}

int cwarta_o_path(void) {
#if defined(__linux__) && defined(O_PATH)
    return O_PATH;
#else
    return O_RDONLY;
#endif
}
