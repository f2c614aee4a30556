/*
 * lambert_simd.h -- internal: what the scalar Lambert solver (lambert.c)
 * and its vector blocks (lambert_simd.inc, built for AVX2 and AVX-512)
 * share, so that both iterate the same equations to the same tests.
 */
#ifndef ILRS_LAMBERT_SIMD_H
#define ILRS_LAMBERT_SIMD_H

#include <stddef.h>

#include "ilrs/orbit.h"

#define LAMBERT_MAX_ITER 50   /* Householder / Halley iterations */
/* Householder's third-order step converges quartically: once a step is
   below STEP_DONE (relative) the next would be ~C STEP_DONE^4 and the
   stepped x is kept without another evaluation. The step is measured
   against the distance to x = -1 (where T grows without bound) for
   x < 0, else against max(1, x). Relative to that scale C stays small on
   the single-revolution curve (measured: velocities within 4e-13 of a
   run iterated to 1e-13); near the minimum-time point of a
   multi-revolution branch it does not, so those stop later. */
#define LAMBERT_STEP_DONE_0 1e-4
#define LAMBERT_STEP_DONE_N 1e-7
#define LAMBERT_BATTIN_DX 0.1  /* Battin's series for |x - 1| below this */
#define LAMBERT_SERIES_TOL 1e-16  /* last term of Battin's series, relative */
#define LAMBERT_SERIES_MAX 200

/* acos(a) / sqrt(1 - a) for 0 <= a <= 1, to 2e-8 in acos, for the initial
   guess only: Abramowitz & Stegun, Handbook of Mathematical Functions
   (1964), 4.4.46. A macro so that it serves doubles and vectors alike; K
   converts the coefficients (empty for doubles, (float) for floats). */
#define LAMBERT_ACOS_POLY(a, K)                                              \
    (K(1.5707963050) + (a) * (K(-0.2145988016) + (a) * (K(0.0889789874) +   \
     (a) * (K(-0.0501743046) + (a) * (K(0.0308918810) +                     \
     (a) * (K(-0.0170881256) + (a) * (K(0.0066700901) +                     \
     (a) * K(-0.0012624911))))))))

/* LAMBERT_LONG_GUESS: the initial guess for n = 0 and T >= T00 (x <= 0).
   Izzo's 1 + x = (T00/T)^(2/3) is exact at T00 but misses the limit of
   long flights: as x -> -1, T -> pi / (2 sqrt(2) (1 + x)^(3/2)) (the acos
   term of T(x) tends to pi while 1 - x^2 ~ 2 (1 + x)), that is
   1 + x -> (C/T)^(2/3) with C = pi / (2 sqrt 2), off from Izzo's by the
   factor k = (C/T00)^(2/3) (0.79 at lambda = -1, infinite at +1). The
   guess 1 + x = (T00/T)^(2/3) (k + (1 - k) T00/T) keeps both ends;
   measured on (lambda, T) from -0.98 to 0.98 and 1.5 to 100 T00, its
   largest error in 1 + x is 12 % against Izzo's 80 %, and single-
   revolution problems needing a third Householder step fall from 4 % to
   almost none. */
#define LAMBERT_LONG_C 1.1107207345395915  /* pi / (2 sqrt 2) */

/* LAMBERT_NEWTON_GUARD: for n = 0, Householder's step h is taken only
   where it agrees with Newton's, d = (T - T*) / T', to within half of d:
   |h T' - (T - T*)| <= 0.5 |T - T*| (near the root h = d (1 + O(T - T*))).
   Elsewhere the step is Newton's, and the iteration does not stop on it.
   Far from the root the higher derivatives can turn h round: they grow
   as 1/y^3 and 1/y^5, and y = sqrt(1 - lambda^2 (1 - x^2)) falls to
   sqrt(1 - lambda^2) near x = 0 as lambda -> -1. From x = -0.0116
   (lambda = -0.99996, T = 3.154) Householder stepped away from the root
   and then by ever smaller steps to x = -0.0147, where T is 0.5 % short,
   and stopped there: a transfer that missed r2 by 30 km (found by
   fuzz_lambert; poliastro's izzo solves it). Newton's step on the
   single-revolution T(x), which falls monotonically, heads for the root.
   Householder's step is h = D A / B (D = T - T*, A and B its numerator
   over D and its denominator), so h T' - D = D (A T' - B) / B, and the
   test is |A T' - B| <= 0.5 |B|: no quotient, beside the step's
   division rather than after it. On the benchmark's problems the steps
   taken stay at 1.99 a problem, and no step disagrees. */
#define LAMBERT_NEWTON_GUARD 0.5

/* The ratio of consecutive terms of F(3, 1; 5/2; z), over z. */
#define LAMBERT_SERIES_RATIO(j)                                              \
    ((3.0 + (j)) * (1.0 + (j)) / ((2.5 + (j)) * ((j) + 1.0)))

/*
 * ilrs__lambert_block4 / 8 -- up to 8 (AVX2) or 16 (AVX-512) single-
 * revolution problems p[0 .. m-1], two blocks of 4 or 8 with one problem
 * in each lane of a vector.
 * Lane j writes out[j * per] when it solves its problem: revs 0, the
 * velocities, x and the iterations. Problems with max_revs > 0, a plane
 * normal, collinear r1 and r2, anything setup would refuse, a step that
 * leaves the domain or velocities that are not finite are left alone.
 * Returns: the bit mask of the problems solved (bit j for problem j); the
 *   caller solves the others with ilrs_lambert_problem_solve.
 * Only to be called when the processor has the instruction set
 * (ilrs_lambert_solve_batch checks).
 */
unsigned ilrs__lambert_block4(const ilrs_lambert_problem *p, size_t m,
                              ilrs_lambert_solution *out, size_t per);
unsigned ilrs__lambert_block8(const ilrs_lambert_problem *p, size_t m,
                              ilrs_lambert_solution *out, size_t per);

/*
 * ilrs__lambert_arrays4 / 8 -- the same for problems i .. i+m-1 (m <= 8
 * or 16) of the arrays a: writes every lane's velocities into a->v1 and
 * a->v2 (garbage for lanes not solved) and returns the mask of the lanes
 * solved; the caller solves the others with ilrs_lambert_problem_solve.
 */
unsigned ilrs__lambert_arrays4(const ilrs_lambert_arrays *a, size_t i,
                               size_t m);
unsigned ilrs__lambert_arrays8(const ilrs_lambert_arrays *a, size_t i,
                               size_t m);

#endif
