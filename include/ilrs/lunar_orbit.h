/*
 * ilrs/lunar_orbit.h -- orbits about the Moon: elements in the Moon's
 * mean-Earth frame, secular drift from the Moon's J2 and the Earth's tide,
 * frozen orbits, and how much of the time an orbiter sees a surface site.
 *
 * Units: km, km/s, s, rad; epochs TDB seconds past J2000; states
 * Moon-centred ICRF unless said otherwise.
 */
#ifndef ILRS_LUNAR_ORBIT_H
#define ILRS_LUNAR_ORBIT_H

#include "ilrs/core.h"
#include "ilrs/ephem.h"
#include "ilrs/kepler.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * ilrs_lunar_elements -- conic elements in MOON_ME (the rotation from
 * ilrs_ephem_rotation: DE librations or PCK where loaded, else IAU) of a
 * Moon-centred ICRF state at t. The node is measured from the ME prime
 * meridian at t (a body-fixed node).
 * Returns: ILRS_OK; ILRS_EINVAL; ephemeris errors.
 */
int ilrs_lunar_elements(const ilrs_ephem *eph, double t, const double x[6],
                        ilrs_conic *out, ilrs_error *err);

typedef struct ilrs_lunar_rates {
    double node_j2, argp_j2;        /* rad/s, Moon J2 (GL0660B) */
    double node_earth, argp_earth;  /* rad/s, Earth's quadrupole tide */
    double ecc_earth;               /* de/dt (1/s), Earth's tide */
    double node, argp;              /* totals (rad/s) */
} ilrs_lunar_rates;

/*
 * ilrs_lunar_secular_rates -- secular drift of a lunar orbit.
 * Given: a_km, e (< 1), i (rad, to the lunar equator), argp (rad),
 *   use_j2, use_earth (0/1 to leave a term out)
 * Notes: J2: Vallado (2013) eq. 9-41 (node) and 9-42 (argp) with the
 *   GL0660B J2 (propagate.h). Earth: the doubly averaged quadrupole
 *   (Kozai 1962) with the Earth on a circular orbit of radius 384400 km in
 *   the lunar equator (the 6.7 deg tilt of the equator to the orbit is
 *   left out).
 */
void ilrs_lunar_secular_rates(double a_km, double e, double i, double argp,
                              int use_j2, int use_earth,
                              ilrs_lunar_rates *out);

/*
 * ilrs_lunar_frozen_ecc -- eccentricity of the frozen orbit (argp = 90
 * deg, d argp/dt = de/dt = 0) with semi-major axis a_km and inclination i
 * under the terms asked for.
 * Returns: ILRS_OK; ILRS_ENOTFOUND when no e in [0, 0.95) freezes it.
 */
int ilrs_lunar_frozen_ecc(double a_km, double i, int use_j2, int use_earth,
                          double *e, ilrs_error *err);

typedef struct ilrs_lunar_coverage {
    double fraction;        /* of the samples with the orbiter above the
                               elevation mask */
    double longest_gap_s;   /* longest run without it (s) */
    double longest_pass_s;  /* longest run with it (s) */
    long samples;
} ilrs_lunar_coverage;

/*
 * ilrs_lunar_site_coverage -- an orbiter (Moon-centred ICRF state x0 at
 * t0) propagated for span_s in the ephemeris model (Moon point mass and
 * J2, Earth and Sun), sampled every step_s, seen from a surface site
 * (Moon ME latitude, longitude in rad, on the 1737.4 km sphere) above
 * min_elev (rad).
 * Returns: ILRS_OK; ILRS_EINVAL; propagation and ephemeris errors.
 */
int ilrs_lunar_site_coverage(const ilrs_ephem *eph, const double x0[6],
                             double t0, double span_s, double step_s,
                             double lat, double lon, double min_elev,
                             ilrs_lunar_coverage *out, ilrs_error *err);

#ifdef __cplusplus
}
#endif
#endif
