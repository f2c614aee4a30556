/*
 * ilrs/orbit.h -- Lambert's problem (Izzo 2015), single and multiple
 * revolutions, prograde and retrograde, one problem or a batch.
 *
 * Usage:
 *   ilrs_lambert_problem p = {.r1 = {...}, .r2 = {...}, .tof_s = 86400,
 *                             .mu = ILRS_GM_EARTH, .max_revs = 2};
 *   ilrs_lambert_solution s[ILRS_LAMBERT_MAX_SOLUTIONS(2)];
 *   size_t n;
 *   if (ilrs_lambert_problem_solve(&p, s, 5, &n, &err) < 0) ...
 *
 * Reference: D. Izzo, "Revisiting Lambert's problem", Celestial Mechanics
 * and Dynamical Astronomy 121 (2015) 1-15.
 */
#ifndef ILRS_ORBIT_H
#define ILRS_ORBIT_H

#include <stddef.h>

#include "ilrs/core.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Room for every solution up to n revolutions: 1 + 2 n. */
#define ILRS_LAMBERT_MAX_SOLUTIONS(n) (1 + 2 * (n))

/* r1 and r2 count as collinear (0 or 180 deg apart, transfer plane
   undefined) when |r1 x r2| < ILRS_LAMBERT_COLLINEAR |r1| |r2|
   (dimensionless: the sine of the transfer angle). */
#define ILRS_LAMBERT_COLLINEAR 1e-10

typedef struct ilrs_lambert_problem {
    double r1[3];      /* position at departure (km), inertial frame */
    double r2[3];      /* position at arrival (km), same frame */
    double tof_s;      /* time of flight (s), > 0 */
    double mu;         /* gravitational parameter (km^3/s^2), > 0 */
    int max_revs;      /* most complete revolutions to consider, >= 0 */
    int retrograde;    /* 0: prograde, 1: retrograde (see normal) */
    double normal[3];  /* optional hint (any length; all zero: none):
                          prograde means angular momentum along +normal
                          (without it, along +z of the frame); when r1
                          and r2 are opposite it also fixes the transfer
                          plane, the one through r1 perpendicular to the
                          part of normal perpendicular to r1 */
} ilrs_lambert_problem;

typedef struct ilrs_lambert_solution {
    int revs;        /* complete revolutions, 0 .. max_revs */
    int branch;      /* 0 for revs = 0; -1 left (long period, low energy
                        side of the minimum-time point) or +1 right */
    double v1[3];    /* velocity at r1 (km/s) */
    double v2[3];    /* velocity at r2 (km/s) */
    double x;        /* Izzo's x variable of the solution */
    int iters;       /* iterations used */
} ilrs_lambert_solution;

/*
 * ilrs_lambert_problem_solve -- every transfer of problem p.
 * Given:
 *   p           the problem (positions km, tof s, mu km^3/s^2)
 *   out, max_out  room for solutions: ILRS_LAMBERT_MAX_SOLUTIONS(max_revs)
 *               suffice; with less room the first max_out are returned
 * Returned:
 *   out[0 .. *nsol-1]: the 0-revolution solution first, then for each
 *   revs = 1, 2, ... (while the time of flight allows it) the left
 *   (branch -1) and right (branch +1) solutions
 *   *nsol       number of solutions written
 * Returns: ILRS_OK; ILRS_EINVAL for a zero or non-finite position, a
 *   non-positive or non-finite tof or mu, max_revs < 0, r1 and r2 pointing
 *   the same way (0 deg: no transfer arc), r1 and r2 opposite (180 deg)
 *   without a normal, a normal along r1, or a normal lying in the
 *   transfer plane (the sense of motion is then undefined); ILRS_ENOCONV
 *   if an iteration fails, ILRS_ERANGE if the scale of the problem or the
 *   velocities overflow (absurd inputs such as a 1e-300 s time of flight
 *   or 1e300 km positions); no solution is then returned.
 * Notes: allocates nothing, keeps no state, safe from many threads.
 *   err->msg names what was wrong.
 */
int ilrs_lambert_problem_solve(const ilrs_lambert_problem *p,
                               ilrs_lambert_solution *out, size_t max_out,
                               size_t *nsol, ilrs_error *err);

/*
 * ilrs_lambert_solve -- the same without a normal hint (prograde means
 * angular momentum along +z of the frame; polar planes count as
 * prograde).
 * Given:
 *   r1, r2      positions (km), same inertial frame
 *   tof_s       time of flight (s), > 0
 *   mu          gravitational parameter (km^3/s^2), > 0
 *   max_revs    most complete revolutions to consider (>= 0)
 *   retrograde  0: prograde, 1: retrograde
 *   out, max_out  room for solutions: 1 + 2 max_revs suffice
 * Returned and Returns: as ilrs_lambert_problem_solve; r1 and r2
 *   opposite give ILRS_EINVAL (use the problem form with a normal).
 */
int ilrs_lambert_solve(const double r1[3], const double r2[3], double tof_s,
                       double mu, int max_revs, int retrograde,
                       ilrs_lambert_solution *out, size_t max_out,
                       size_t *nsol, ilrs_error *err);

/*
 * ilrs_lambert_solve_batch -- solve n problems into caller-owned arrays.
 * Given:
 *   p[0 .. n-1]   the problems
 *   per_problem   solution slots per problem (>= 1); problem i writes
 *                 out[i * per_problem ...]
 *   nthreads      1: on the calling thread only; <= 0: all online cores;
 *                 k: k threads (ilrs_parallel_for)
 * Returned:
 *   out           n * per_problem slots
 *   nsol[i]       solutions of problem i (0 when it failed)
 *   status[i]     its status, as ilrs_lambert_problem_solve returns
 * Returns: ILRS_OK when every problem was solved; otherwise the status of
 *   the lowest-numbered failed problem (every other result is still
 *   valid: read status[]); ILRS_EINVAL for NULL arrays or per_problem 0.
 * Notes: no allocation per problem; with nthreads = 1 none at all (more
 *   threads: ilrs_parallel_for's small per-call bookkeeping).
 */
int ilrs_lambert_solve_batch(const ilrs_lambert_problem *p, size_t n,
                             ilrs_lambert_solution *out, size_t per_problem,
                             size_t *nsol, int *status, int nthreads);

/*
 * ilrs_lambert_batch_widths -- how many single-revolution problems the
 * batch can solve at once on this processor, as bits: 2 (always: the
 * scalar solver on two problems interleaved), 4 (AVX2 and FMA: one
 * problem per lane of a 4-wide vector), 8 (AVX-512 F and DQ).
 *
 * ilrs_lambert_solve_batch_width -- ilrs_lambert_solve_batch with that
 * width chosen: 0 the widest available (what ilrs_lambert_solve_batch
 * does), else 2, 4 or 8; a width this processor or build lacks gives
 * ILRS_EINVAL and solves nothing.
 * Notes: width 2 gives bit for bit what ilrs_lambert_problem_solve gives.
 *   The vector widths iterate the same equations to the same stopping
 *   rule with their own inline elementary functions (within a few ulp),
 *   taking the initial guess and the first step in single precision and
 *   every later step in double, so they agree with it to rounding
 *   (velocities within ~1e-14 relative, steps within one), not bit for
 *   bit. Problems with max_revs > 0 or a plane normal, and any a block
 *   cannot finish, are solved by ilrs_lambert_problem_solve.
 */
int ilrs_lambert_batch_widths(void);
int ilrs_lambert_solve_batch_width(const ilrs_lambert_problem *p, size_t n,
                                   ilrs_lambert_solution *out,
                                   size_t per_problem, size_t *nsol,
                                   int *status, int nthreads, int width);

/*
 * ilrs_lambert_arrays -- single-revolution problems given as arrays, one
 * per coordinate (a structure of arrays, as numpy columns or a grid's
 * rows hold them), for ilrs_lambert_solve_arrays.
 */
typedef struct ilrs_lambert_arrays {
    size_t n;                   /* number of problems */
    const double *r1[3];        /* x, y, z of the departure positions (km) */
    const double *r2[3];        /* x, y, z of the arrival positions (km) */
    const double *tof_s;        /* times of flight (s), > 0 */
    double mu;                  /* GM (km^3/s^2), one for all */
    const int *retrograde;      /* nonzero: retrograde; NULL: all prograde */
    double *v1[3];              /* out: departure velocities (km/s) */
    double *v2[3];              /* out: arrival velocities (km/s) */
    int *status;                /* out: each problem's status */
} ilrs_lambert_arrays;

/*
 * ilrs_lambert_solve_arrays -- the single-revolution transfer (max_revs
 * 0, no plane normal: the sense of motion about +z, as
 * ilrs_lambert_problem_solve) of every problem in a.
 * Given:
 *   a          the arrays; outputs must not overlap inputs
 *   nthreads   as ilrs_lambert_solve_batch
 *   width      as ilrs_lambert_solve_batch_width (0: the widest)
 * Returned:
 *   a->v1, a->v2   velocities; NaN for a problem that failed
 *   a->status[i]   as ilrs_lambert_problem_solve returns for problem i
 * Returns: ILRS_OK when every problem was solved; otherwise the status of
 *   the lowest-numbered failed problem; ILRS_EINVAL for a NULL array or a
 *   width this processor or build lacks (nothing solved).
 * Notes: the same blocks as ilrs_lambert_solve_batch_width, read and
 *   written without packing problems into structures, so the same results
 *   (width 2 bit for bit with ilrs_lambert_problem_solve); no allocation
 *   with nthreads = 1.
 */
int ilrs_lambert_solve_arrays(const ilrs_lambert_arrays *a, int nthreads,
                              int width);

#ifdef __cplusplus
}
#endif
#endif
