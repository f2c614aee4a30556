/*
 * ilrs/frames.h -- reference frames and the rotations between them.
 *
 * All rotations here are from ICRF to the named frame, with their time
 * derivative, so a state transforms as
 *     r_f = R r_icrf,   v_f = R v_icrf + dR r_icrf      (dR in 1/s).
 * ICRF, J2000 and EME2000 are one frame here, as in SPICE and the JPL
 * ephemerides (the 23 mas frame bias between ICRF and the dynamical J2000
 * frame is below planning accuracy).
 *
 * This module needs no data files: Earth-fixed comes from ERFA's IAU
 * 2006/2000A precession-nutation and Earth rotation angle, and the Sun,
 * planets and Moon from the IAU WGCCRE rotation models (pck00011). The
 * Moon's principal-axis frame from DE librations or a binary PCK lives in
 * ephem.h (ilrs_ephem_rotation), which falls back to the models here.
 */
#ifndef ILRS_FRAMES_H
#define ILRS_FRAMES_H

#include "ilrs/core.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum ilrs_frame_kind {
    ILRS_FRAME_ICRF = 0,       /* ICRF = J2000 = EME2000 */
    ILRS_FRAME_ECLIPJ2000 = 1, /* mean ecliptic and equinox of J2000 */
    ILRS_FRAME_ITRF = 2,       /* Earth-fixed (IAU 2006/2000A, CIO based) */
    ILRS_FRAME_MOON_PA = 3,    /* Moon principal axes */
    ILRS_FRAME_MOON_ME = 4,    /* Moon mean Earth / polar axis */
    ILRS_FRAME_IAU = 5         /* IAU rotation model of `body` */
} ilrs_frame_kind;

typedef struct ilrs_frame {
    ilrs_frame_kind kind;
    int body;        /* NAIF id, for ILRS_FRAME_IAU (10 Sun, 199, 299, 399,
                        301, 499, 599, 699, 799, 899) */
    double dut1_s;   /* UT1-UTC (s) for ILRS_FRAME_ITRF; 0 if unknown,
                        which misplaces the equator by < 0.9 s of rotation
                        (< 0.42 km) */
} ilrs_frame;

typedef struct ilrs_rotation {
    double r[3][3];   /* ICRF -> frame */
    double dr[3][3];  /* dR/dt (1/s) */
} ilrs_rotation;

/*
 * ilrs_frame_parse -- frame from a name, case-insensitive: "icrf", "j2000",
 * "eme2000", "eclipj2000" (or "ecliptic"), "itrf" (or "earth-fixed",
 * "itrf93"), "moon_pa", "moon_me", "iau_sun", "iau_mercury", ... "iau_moon".
 * Returns: ILRS_OK; ILRS_ENOTFOUND with the name in err.
 */
int ilrs_frame_parse(const char *name, ilrs_frame *out, ilrs_error *err);

/* ilrs_frame_name -- the canonical name ("ICRF", "IAU_MARS", ...). */
const char *ilrs_frame_name(const ilrs_frame *f);

/*
 * ilrs_frame_rotation -- rotation from ICRF to frame f at t_tdb (TDB s past
 * J2000), from the built-in models (the Moon's PA and ME frames here come
 * from the IAU model of the Moon; see ilrs_ephem_rotation for DE-based).
 * Returns: ILRS_OK; ILRS_ENOTFOUND for a body with no model;
 *   ILRS_WDUBIOUS when the UTC needed for ITRF lies beyond the
 *   leap-second table.
 */
int ilrs_frame_rotation(const ilrs_frame *f, double t_tdb,
                        ilrs_rotation *out, ilrs_error *err);

/* ilrs_rotation_apply -- state6 (km, km/s) ICRF -> frame (out may alias). */
void ilrs_rotation_apply(const ilrs_rotation *rot, const double in[6],
                         double out[6]);
/* ilrs_rotation_apply_inv -- state6 frame -> ICRF (out may alias). */
void ilrs_rotation_apply_inv(const ilrs_rotation *rot, const double in[6],
                             double out[6]);
/* ilrs_rotation_compose -- out = a after b: (a.r b.r, a.dr b.r + a.r b.dr). */
void ilrs_rotation_compose(const ilrs_rotation *a, const ilrs_rotation *b,
                           ilrs_rotation *out);

/*
 * ilrs_rotation_euler313 -- R = R3(w) R1(delta) R3(phi) and its derivative
 * from the angles (rad) and rates (rad/s). This is the form of NAIF binary
 * PCK type 2 (phi = RA + 90 deg, delta = 90 deg - Dec, w = prime meridian)
 * and of the JPL DE lunar librations (phi, theta, psi).
 */
void ilrs_rotation_euler313(double phi, double delta, double w,
                            double dphi, double ddelta, double dw,
                            ilrs_rotation *out);

/*
 * ilrs_geodetic_to_fixed -- WGS84 geodetic latitude, longitude (rad,
 * east positive) and height (km) to Earth-fixed position (km).
 * Returns: ILRS_OK; ILRS_EINVAL for |lat| > pi/2 or non-finite input.
 */
int ilrs_geodetic_to_fixed(double lat, double lon, double h_km,
                           double r[3], ilrs_error *err);

/*
 * ilrs_fixed_to_geodetic -- the inverse (WGS84), lat/lon in rad, h in km.
 */
int ilrs_fixed_to_geodetic(const double r[3], double *lat, double *lon,
                           double *h_km, ilrs_error *err);

#ifdef __cplusplus
}
#endif
#endif
