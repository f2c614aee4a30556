/*
 * lambert_avx2.c -- the vector blocks of the Lambert batch, 4 problems at
 * a time, for processors with AVX2 and FMA. Built with that instruction set
 * (CMakeLists.txt) and called only where the processor has it; on other
 * processors lambert_simd.inc makes them stubs.
 */
#define W 4
#include "lambert_simd.inc"
