/*
 * lambert_avx512.c -- the vector block of the Lambert batch, 8 problems at a
 * time, for processors with AVX-512 (F and DQ). Built with that instruction set
 * (CMakeLists.txt) and called only where the processor has it.
 */
#if defined(__x86_64__) && defined(ILRS_X86_SIMD)
#define W 8
#include "lambert_simd.inc"
#else
/* Another processor: the batch uses the scalar solver. */
typedef int ilrs__lambert_avx512;
#endif
