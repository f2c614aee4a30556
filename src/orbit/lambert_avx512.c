/*
 * lambert_avx512.c -- the vector block of the Lambert batch, 8 problems at a
 * time, for processors with AVX-512 (F and DQ). Built with that instruction set
 * (CMakeLists.txt) and called only where the processor has it.
 */
#if defined(__x86_64__) && defined(ILRS_X86_SIMD)
#define W 8
#include "lambert_simd.inc"
#else
/* Another processor: the batch never picks this width
   (ilrs_lambert_batch_widths); solve nothing, leave every problem to
   the scalar solver. */
#include "lambert_simd.h"

unsigned ilrs__lambert_block8(const ilrs_lambert_problem *p, size_t m,
                              ilrs_lambert_solution *out, size_t per)
{
    (void)p;
    (void)m;
    (void)out;
    (void)per;
    return 0;
}

unsigned ilrs__lambert_arrays8(const ilrs_lambert_arrays *a, size_t i,
                               size_t m)
{
    (void)a;
    (void)i;
    (void)m;
    return 0;
}
#endif
