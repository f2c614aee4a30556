/*
 * ilrs/kepler.h -- two-body conic orbits: elements, states, propagation.
 *
 * Two element sets: perifocal (ilrs_conic: q, e, i, node, argp, tp),
 * which describe every conic (ellipse, parabola, hyperbola) without
 * singularity in e, and classical at one instant (ilrs_elements: p, e, i,
 * RAAN, argp, true anomaly) with documented singular cases; the frame
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
 * Classical elements at one instant. p (not a) so that one set covers
 * circles, ellipses, the parabola and hyperbolas: a = p / (1 - e^2)
 * (ilrs_elements_sma). Singular cases, with the convention of Vallado
 * (Fundamentals of Astrodynamics, 4th ed., sec. 2.5):
 *   circular (e < ILRS_ELEMENTS_SMALL), inclined: argp = 0 and nu is the
 *     argument of latitude u (from the ascending node);
 *   equatorial (sin i < ILRS_ELEMENTS_SMALL), not circular: raan = 0 and
 *     argp is the longitude of periapsis, from +x in the direction of
 *     motion (counter-clockwise seen from +z when i = 0, clockwise when
 *     i = pi);
 *   circular and equatorial: raan = argp = 0 and nu is the true
 *     longitude, from +x in the direction of motion.
 * With those values ilrs_elements_state gives the state back.
 */
typedef struct ilrs_elements {
    double p;      /* semi-latus rectum (km), > 0 */
    double e;      /* eccentricity, >= 0 (1: parabola) */
    double i;      /* inclination (rad), 0 .. pi */
    double raan;   /* right ascension of the ascending node (rad), 0 .. 2 pi */
    double argp;   /* argument of periapsis (rad), 0 .. 2 pi */
    double nu;     /* true anomaly (rad), -pi .. pi */
} ilrs_elements;

/* Thresholds of the singular cases above (dimensionless: e, and sin i
   as |h_xy| / |h|). */
#define ILRS_ELEMENTS_SMALL 1e-11

/*
 * ilrs_elements_from_state -- classical elements of state (km, km/s)
 * about a body of parameter gm (km^3/s^2).
 * Returns: ILRS_OK; ILRS_EINVAL for gm <= 0, a zero position, a
 *   rectilinear orbit (r parallel to v) or non-finite input.
 */
int ilrs_elements_from_state(const double state[6], double gm,
                             ilrs_elements *el, ilrs_error *err);

/*
 * ilrs_elements_state -- position (km) and velocity (km/s) of el about
 * gm (km^3/s^2), in the frame the angles refer to.
 * Returns: ILRS_OK; ILRS_EINVAL for p <= 0, e < 0, gm <= 0, non-finite
 *   input, or a true anomaly the conic does not reach (1 + e cos nu <= 0:
 *   beyond a hyperbola's asymptote, or nu = pi on a parabola).
 */
int ilrs_elements_state(const ilrs_elements *el, double gm, double state[6],
                        ilrs_error *err);

/* ilrs_elements_sma -- semi-major axis p / (1 - e^2) (km): negative for
   hyperbolas, INFINITY for e = 1. */
double ilrs_elements_sma(const ilrs_elements *el);

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
