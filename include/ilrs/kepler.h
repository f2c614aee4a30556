/*
 * ilrs/kepler.h -- two-body conic orbits: elements, states, propagation.
 *
 * Elements are perifocal (q, e, i, node, argp, tp), which describe every
 * conic (ellipse, parabola, hyperbola) without singularity in e; the frame
 * is whatever the caller's states are in (ICRF for the ephemeris; the
 * small-body files are J2000 ecliptic and are rotated when read).
 * Propagation uses universal variables (Stumpff functions), valid for all
 * e >= 0.
 */
#ifndef ILRS_KEPLER_H
#define ILRS_KEPLER_H

#include "ilrs/core.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ilrs_conic {
    double gm;     /* gravitational parameter of the central body (km^3/s^2) */
    double q;      /* periapsis distance (km), > 0 */
    double e;      /* eccentricity, >= 0 */
    double i;      /* inclination (rad) */
    double node;   /* longitude of the ascending node (rad) */
    double argp;   /* argument of periapsis (rad) */
    double tp;     /* time of periapsis passage (TDB s past J2000) */
} ilrs_conic;

/*
 * ilrs_conic_state -- position (km) and velocity (km/s) at t (TDB s past
 * J2000) on the conic, in the conic's reference frame.
 * Returns: ILRS_OK; ILRS_EINVAL for q <= 0, e < 0, gm <= 0 or non-finite
 *   input; ILRS_ENOCONV if Kepler's equation does not converge.
 */
int ilrs_conic_state(const ilrs_conic *c, double t, double state[6],
                     ilrs_error *err);

/*
 * ilrs_conic_from_state -- elements of the conic through state (km, km/s)
 * at t (TDB s past J2000) about a body of parameter gm (km^3/s^2).
 * Notes: circular orbits take argp = 0 (periapsis at the node); equatorial
 *   orbits take node = 0 (argp measured from +x).
 * Returns: ILRS_OK; ILRS_EINVAL for a zero position, a rectilinear orbit,
 *   or gm <= 0.
 */
int ilrs_conic_from_state(const double state[6], double t, double gm,
                          ilrs_conic *out, ilrs_error *err);

/*
 * ilrs_kepler_propagate -- state at t0 + dt from state at t0 about gm
 * (universal variables).
 * Returns: ILRS_OK; ILRS_EINVAL; ILRS_ENOCONV.
 */
int ilrs_kepler_propagate(const double state0[6], double dt_s, double gm,
                          double state[6], ilrs_error *err);

#ifdef __cplusplus
}
#endif
#endif
