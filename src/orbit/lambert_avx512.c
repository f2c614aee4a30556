/*
 * lambert_avx512.c -- the vector blocks of the Lambert batch, 8 problems at
 * a time, for processors with AVX-512 (F and DQ). Built with that instruction set
 * (CMakeLists.txt) and called only where the processor has it; on other
 * processors lambert_simd.inc makes them stubs.
 */
#define W 8
#include "lambert_simd.inc"
