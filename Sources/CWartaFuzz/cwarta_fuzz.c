// Only the declaration in include/cwarta_fuzz.h matters; SwiftPM wants one source file per C target.
#include "cwarta_fuzz.h"
