/*
 * ilrs/orbit.h -- Lambert's problem (Izzo 2015), single and multiple
 * revolutions, prograde and retrograde.
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

typedef struct ilrs_lambert_solution {
    int revs;        /* complete revolutions, 0 .. max_revs */
    int branch;      /* 0 for revs = 0; -1 left (long period, low energy
                        side of the minimum-time point) or +1 right */
    double v1[3];    /* velocity at r1 (km/s) */
    double v2[3];    /* velocity at r2 (km/s) */
    double x;        /* Izzo's x variable of the solution */
    int iters;       /* Householder iterations used */
} ilrs_lambert_solution;

/*
 * ilrs_lambert_solve -- every transfer from r1 to r2 in tof_s.
 * Given:
 *   r1, r2      positions (km), same inertial frame
 *   tof_s       time of flight (s), > 0
 *   mu          gravitational parameter (km^3/s^2), > 0
 *   max_revs    most complete revolutions to consider (>= 0)
 *   retrograde  0: prograde (angular momentum along +z of the frame for
 *               non-polar planes), 1: retrograde
 *   out, max_out  room for solutions: 1 + 2 max_revs suffice
 * Returned:
 *   out[0 .. *nsol-1]: the single-revolution solution first, then for each
 *   revs = 1, 2, ... the left and right branches
 * Returns: ILRS_OK; ILRS_EINVAL for zero or collinear-through-zero
 *   positions (r1 and r2 opposite: the transfer plane is undefined), a
 *   non-positive tof or mu, or non-finite input; ILRS_ENOCONV if an
 *   iteration fails (no solution is then returned).
 * Notes: allocates nothing; safe to call from many threads.
 */
int ilrs_lambert_solve(const double r1[3], const double r2[3], double tof_s,
                       double mu, int max_revs, int retrograde,
                       ilrs_lambert_solution *out, size_t max_out,
                       size_t *nsol, ilrs_error *err);

#ifdef __cplusplus
}
#endif
#endif
