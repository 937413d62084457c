#define _GNU_SOURCE
#include <fcntl.h>
#include "cwarta_io.h"

int cwarta_o_direct(void) {
#ifdef O_DIRECT
    return O_DIRECT;
#else
    return 0;
#endif
}
