#ifndef CWARTA_FUZZ_H
#define CWARTA_FUZZ_H
#include <stddef.h>
#include <stdint.h>

// libFuzzer's driver (compiler-rt, linked by -sanitize=fuzzer). Called from our own main, because
// SwiftPM gives an executable target's entry point its own name (WartaFuzz_main) and aliases main to it.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

#endif
