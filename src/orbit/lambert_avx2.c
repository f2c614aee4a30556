/*
 * lambert_avx2.c -- the vector block of the Lambert batch, 4 problems at a
 * time, for processors with AVX2 and FMA. Built with that instruction set
 * (CMakeLists.txt) and called only where the processor has it.
 */
#if defined(__x86_64__) && defined(ILRS_X86_SIMD)
#define W 4
#include "lambert_simd.inc"
#else
/* Another processor: the batch uses the scalar solver. */
typedef int ilrs__lambert_avx2;
#endif
