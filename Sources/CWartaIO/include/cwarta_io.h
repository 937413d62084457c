#ifndef CWARTA_IO_H
#define CWARTA_IO_H
// Linux I/O flags that Swift's Glibc module leaves out: O_DIRECT is only defined under _GNU_SOURCE,
// and its value differs between architectures (0x4000 on x86_64, 0x10000 on arm64), so it cannot be
// written as a constant in Swift.

#ifdef __cplusplus
extern "C" {
#endif

/// The platform's O_DIRECT open flag, or 0 where there is none (the caller then never asks for it).
int cwarta_o_direct(void);

#ifdef __cplusplus
}
#endif

#endif
