/*
 * ilrs/conics.h -- patched conics: what a Lambert arc between two planets
 * costs at each end.
 *
 * A heliocentric transfer leaves the departure body with velocity v1 and
 * reaches the target with v2 (from ilrs_lambert_solve). Relative to the
 * bodies these are the hyperbolic excess velocities v_inf; from them come
 * the launch energy C3 = |v_inf,dep|^2, the direction of the outgoing
 * asymptote (DLA, RLA in EME2000 = ICRF equator), the burn from a circular
 * parking orbit onto the departure hyperbola, and at the target the burn
 * into a capture orbit (planets) or to match velocity (small bodies).
 * Everything is impulsive and two-body (Curtis, Orbital Mechanics for
 * Engineering Students, 3rd ed., ch. 8; Vallado, Fundamentals of
 * Astrodynamics and Applications, 4th ed., sec. 12.2).
 *
 * Units: km, km/s, km^2/s^2, km^3/s^2, rad; epochs TDB s past J2000.
 * Nothing here allocates or keeps state.
 */
#ifndef ILRS_CONICS_H
#define ILRS_CONICS_H

#include "ilrs/core.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Planet constants used by the patched conics. GMs of the planets
 * themselves (not their systems), km^3/s^2, from JPL DE440 (gm_de440.tpc,
 * BODYn99_GM); equatorial radii, km, from the IAU WGCCRE 2015 report as
 * carried in NAIF's pck00011.tpc (BODYn99_RADII, first value).
 */
#define ILRS_GM_MERCURY_BODY 22031.868551400003
#define ILRS_GM_VENUS_BODY 324858.592
#define ILRS_GM_EARTH_BODY 398600.43550702266
#define ILRS_GM_MARS_BODY 42828.37362069909
#define ILRS_GM_JUPITER_BODY 126686531.9003704
#define ILRS_GM_SATURN_BODY 37931206.23436167
#define ILRS_GM_URANUS_BODY 5793951.256527211
#define ILRS_GM_NEPTUNE_BODY 6835103.145462294
#define ILRS_GM_PLUTO_BODY 869.6138177608748

#define ILRS_RADIUS_MERCURY_KM 2440.53
#define ILRS_RADIUS_VENUS_KM 6051.8
#define ILRS_RADIUS_EARTH_KM 6378.1366
#define ILRS_RADIUS_MARS_KM 3396.19
#define ILRS_RADIUS_JUPITER_KM 71492.0
#define ILRS_RADIUS_SATURN_KM 60268.0
#define ILRS_RADIUS_URANUS_KM 25559.0
#define ILRS_RADIUS_NEPTUNE_KM 24764.0
#define ILRS_RADIUS_PLUTO_KM 1188.3

/*
 * ilrs_planet_constants -- GM (km^3/s^2) and equatorial radius (km) of a
 * planet (or the Moon) by NAIF id: the planet (199 .. 999), its system
 * barycentre (1 .. 9, giving the planet's own values) or the Moon (301).
 * Returns: ILRS_OK; ILRS_ENOTFOUND for any other id (small bodies).
 */
int ilrs_planet_constants(int id, double *gm, double *radius_km);

/* What happens at the target. */
typedef enum ilrs_arrival {
    ILRS_ARRIVE_FLYBY = 0,      /* no burn: dv_arrive = 0 */
    ILRS_ARRIVE_CAPTURE = 1,    /* burn at periapsis into an ellipse */
    ILRS_ARRIVE_RENDEZVOUS = 2  /* match velocity: dv_arrive = |v_inf| */
} ilrs_arrival;

/*
 * The two ends of a mission. A departure GM of 0 means "no parking orbit":
 * dv_depart is then |v_inf,dep| (e.g. leaving a small body).
 */
typedef struct ilrs_budget {
    double dep_gm;         /* departure body (km^3/s^2); 0: none */
    double dep_radius_km;  /* its equatorial radius (km) */
    double park_alt_km;    /* circular parking orbit altitude (km) */
    ilrs_arrival arrive;
    double arr_gm;         /* target (km^3/s^2), for ILRS_ARRIVE_CAPTURE */
    double arr_radius_km;  /* its equatorial radius (km) */
    double peri_alt_km;    /* capture orbit periapsis altitude (km) */
    double apo_alt_km;     /* capture orbit apoapsis altitude (km),
                              >= peri_alt_km (equal: circular) */
} ilrs_budget;

/* Defaults of ilrs_budget_default (km). */
#define ILRS_PARK_ALT_DEFAULT_KM 200.0
#define ILRS_CAPTURE_ALT_DEFAULT_KM 400.0

/*
 * ilrs_budget_default -- a budget for leaving body `from` and arriving at
 * `to` (NAIF ids): a 200 km circular parking orbit where `from` is a
 * planet (else no parking orbit); capture into a 400 km circular orbit
 * where `to` is a planet, rendezvous otherwise.
 */
void ilrs_budget_default(int from, int to, ilrs_budget *out);

/* Everything the patched conics say about one transfer. */
typedef struct ilrs_transfer {
    double t_dep, t_arr;     /* epochs (TDB s past J2000) */
    double vinf_dep[3];      /* departure v_inf, ICRF (km/s) */
    double vinf_arr[3];      /* arrival v_inf, ICRF (km/s) */
    double vinf_dep_kms, vinf_arr_kms;  /* their magnitudes (km/s) */
    double c3;               /* launch energy |v_inf,dep|^2 (km^2/s^2) */
    double dla, rla;         /* declination (-pi/2 .. pi/2) and right
                                ascension (0 .. 2 pi) of the outgoing
                                asymptote, EME2000 (rad) */
    double dv_depart;        /* burn at departure (km/s) */
    double dv_arrive;        /* burn at the target (km/s) */
    double dv_total;         /* their sum (km/s) */
    int revs;                /* complete revolutions of the arc */
} ilrs_transfer;

/*
 * ilrs_conics_asymptote -- DLA and RLA (rad) of a v_inf vector in ICRF:
 * DLA = asin(vz / |v|), RLA = atan2(vy, vx) in 0 .. 2 pi.
 * Returns: ILRS_OK; ILRS_EINVAL for a zero or non-finite vector.
 */
int ilrs_conics_asymptote(const double vinf[3], double *dla, double *rla);

/*
 * ilrs_conics_departure_dv -- the burn from a circular orbit of radius
 * r_park_km about a body of parameter gm onto the hyperbola of excess
 * speed vinf_kms, at its periapsis (vis-viva):
 *   dv = sqrt(vinf^2 + 2 gm / r) - sqrt(gm / r)   (km/s)
 * Returns: the burn, or NaN for non-positive gm or r.
 */
double ilrs_conics_departure_dv(double gm, double r_park_km, double vinf_kms);

/*
 * ilrs_conics_capture_dv -- the burn at periapsis rp_km from the arrival
 * hyperbola of excess speed vinf_kms into the ellipse rp_km x ra_km
 * (radii from the centre, ra_km >= rp_km) about gm:
 *   dv = sqrt(vinf^2 + 2 gm / rp) - sqrt(2 gm ra / (rp (rp + ra)))   (km/s)
 * Returns: the burn, or NaN for non-positive gm, rp or ra < rp.
 */
double ilrs_conics_capture_dv(double gm, double rp_km, double ra_km,
                              double vinf_kms);

/*
 * ilrs_conics_transfer -- the patched-conic budget of one Lambert arc.
 * Given:
 *   dep_state   departure body, heliocentric, ICRF (km, km/s), at t_dep
 *   arr_state   target, heliocentric, ICRF (km, km/s), at t_arr
 *   v1, v2      the arc's velocities at departure and arrival (km/s)
 *   t_dep, t_arr  epochs (TDB s past J2000), copied to out
 *   b           the budget (parking orbit, arrival kind)
 * Returned: out (revs is left 0: set it from the Lambert solution)
 * Returns: ILRS_OK; ILRS_EINVAL for non-finite input or a budget with a
 *   negative altitude or apoapsis below periapsis.
 */
int ilrs_conics_transfer(const double dep_state[6], const double arr_state[6],
                         const double v1[3], const double v2[3], double t_dep,
                         double t_arr, const ilrs_budget *b,
                         ilrs_transfer *out);

/*
 * ilrs_budget_dv -- the two burns of budget b (unchecked: call
 * ilrs_budget_check once first) for excess speeds vinf_dep_kms and
 * vinf_arr_kms: dv_depart (parking orbit to hyperbola, or |v_inf| without
 * a parking orbit) and dv_arrive (capture, rendezvous or 0), km/s.
 */
void ilrs_budget_dv(const ilrs_budget *b, double vinf_dep_kms,
                    double vinf_arr_kms, double *dv_depart,
                    double *dv_arrive);

/*
 * ilrs_budget_check -- ILRS_OK, or ILRS_EINVAL (with the field named in
 * err) for a negative or non-finite altitude, apoapsis below periapsis,
 * or a capture without a target GM.
 */
int ilrs_budget_check(const ilrs_budget *b, ilrs_error *err);

#ifdef __cplusplus
}
#endif
#endif
