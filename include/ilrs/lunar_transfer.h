/*
 * ilrs/lunar_transfer.h -- direct Earth-Moon transfers from a launch site.
 *
 * For a launch day: a circular parking orbit through the launch site
 * (inclination >= the site's latitude), a patched-conic first guess (the
 * transfer plane through the Moon's position at arrival, the in-plane
 * conic from perigee that reaches the Moon's distance in the time of
 * flight), then differential correction in the ephemeris model (Earth,
 * Moon and Sun point masses, ilrs_prop with its STM) of the TLI
 * velocity change: first to pass a point at the target perilune radius,
 * then to make that point the perilune, at the target inclination to the
 * Moon's mean-Earth equator, at the arrival epoch. Costs: TLI (impulsive,
 * at the parking orbit), LOI (one tangential burn at perilune into the
 * target orbit), descent to a landing site (the loss model below).
 *
 * Epochs are TDB seconds past J2000; states ICRF, km and km/s.
 */
#ifndef ILRS_LUNAR_TRANSFER_H
#define ILRS_LUNAR_TRANSFER_H

#include "ilrs/core.h"
#include "ilrs/ephem.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * ilrs_launch_site_find -- a named launch site (case-insensitive):
 * "wenchang" (19.614 N, 110.951 E), "xichang" (28.246 N, 102.027 E),
 * "jiuquan" (40.958 N, 100.291 E), "taiyuan" (38.849 N, 111.608 E).
 * Returned: lat, lon (rad, geodetic WGS84, east positive).
 * Returns: ILRS_OK; ILRS_ENOTFOUND.
 */
int ilrs_launch_site_find(const char *name, double *lat, double *lon);

/* Powered descent loss model: ideal velocity change times (1 + this),
   plus ILRS_DESCENT_HOVER_KMS for hover and site selection. Apollo's
   descent from a 15 km perilune took ~2.04 km/s against an ideal
   ~1.7 km/s (Apollo 11 Mission Report, NASA MSC-00171, 1969). */
#define ILRS_DESCENT_LOSS_FRACTION 0.15
#define ILRS_DESCENT_HOVER_KMS 0.05
/* Perilune of the descent orbit (km altitude), as Apollo and Chang'e. */
#define ILRS_DESCENT_PERILUNE_KM 15.0

typedef struct ilrs_lunar_transfer_spec {
    double site_lat, site_lon;  /* launch site, geodetic (rad) */
    double park_alt_km;         /* circular parking orbit altitude (km) */
    double park_inc;            /* parking inclination (rad); <= 0: the
                                   site's latitude, or the Moon's
                                   declination at arrival plus 2 deg if
                                   that is more */
    double tof_s;               /* TLI to perilune (s) */
    double t_launch;            /* 0: search the day for the launch time;
                                   else this launch epoch (TDB s): the
                                   parking plane is then the one through
                                   the site and the Moon, any inclination */
    double peri_alt_km;         /* target lunar orbit perilune altitude */
    double apo_alt_km;          /* and apolune altitude (km) */
    double lunar_inc;           /* to the Moon's ME equator (rad) */
    int land;                   /* 1: a landing site is given */
    double land_lat, land_lon;  /* Moon ME (rad) */
} ilrs_lunar_transfer_spec;

/* Why a day has no transfer. */
typedef enum ilrs_transfer_status {
    ILRS_TRANSFER_OK = 0,
    ILRS_TRANSFER_PLANE = 1,    /* the parking plane cannot contain the
                                   Moon's direction (declination above
                                   the parking inclination) */
    ILRS_TRANSFER_NOCONV = 2,   /* the corrector did not converge */
    ILRS_TRANSFER_IMPACT = 3    /* converged below the surface */
} ilrs_transfer_status;

typedef struct ilrs_lunar_transfer {
    ilrs_transfer_status status;
    double t_launch;            /* site in the parking plane (TDB s) */
    double t_tli, t_loi;        /* TLI burn and perilune/LOI (TDB s) */
    double coast_s;             /* parking orbit coast before TLI (s) */
    double park_inc;            /* rad */
    double launch_azimuth;      /* rad from north */
    double tli_dv_kms;          /* |TLI velocity change| */
    double tli_dv_first_kms;    /* patched-conic first guess */
    double c3_km2s2;            /* geocentric energy after TLI (2E) */
    double vinf_moon_kms;       /* Moon-relative v-infinity at arrival */
    double peri_alt_km;         /* achieved perilune altitude */
    double lunar_inc;           /* achieved inclination (rad, Moon ME) */
    double loi_dv_kms;          /* into the target orbit */
    double descent_dv_kms;      /* 0 when no landing site */
    double x_tli[6];            /* geocentric state just after TLI */
    double x_loi[6];            /* Moon-centred state at perilune before
                                   LOI (ICRF) */
    int iterations;             /* corrector iterations */
} ilrs_lunar_transfer;

/*
 * ilrs_lunar_transfer_solve -- the transfer launched on the day starting
 * at `day` (TDB s): the launch time in [day, day + 1 d) whose coast to TLI
 * is shortest over the four parking planes (two through the Moon's
 * direction, launched going north or south); or, with spec->t_launch set,
 * the transfer launched then.
 * Returned: out (status says whether a transfer exists).
 * Returns: ILRS_OK (also for a day without transfer: see out->status);
 *   ILRS_EINVAL for a bad spec; ephemeris errors (ILRS_ERANGE).
 */
int ilrs_lunar_transfer_solve(const ilrs_ephem *eph,
                              const ilrs_lunar_transfer_spec *spec,
                              double day, ilrs_lunar_transfer *out,
                              ilrs_error *err);

/*
 * ilrs_lunar_transfer_window -- ilrs_lunar_transfer_solve for each of
 * ndays days from day0, on nthreads threads (<= 0: all cores).
 * Returned: out[0..ndays-1].
 * Returns: as ilrs_lunar_transfer_solve for the first failing day.
 */
int ilrs_lunar_transfer_window(const ilrs_ephem *eph,
                               const ilrs_lunar_transfer_spec *spec,
                               double day0, int ndays,
                               ilrs_lunar_transfer *out, int nthreads,
                               ilrs_error *err);

/* Sample callback: t (TDB s), geocentric ICRF state (km, km/s). */
typedef int (*ilrs_transfer_sample_fn)(void *ctx, double t,
                                       const double x[6]);

/*
 * ilrs_lunar_transfer_sample -- the transfer's trajectory from TLI to
 * perilune in the ephemeris model, every step_s seconds (and at both
 * ends), geocentric ICRF.
 * Returns: ILRS_OK; ILRS_EINVAL (no transfer, step <= 0); ephemeris errors.
 */
int ilrs_lunar_transfer_sample(const ilrs_ephem *eph,
                               const ilrs_lunar_transfer *tr, double step_s,
                               ilrs_transfer_sample_fn fn, void *ctx,
                               ilrs_error *err);

/*
 * ilrs_lunar_descent_dv -- velocity change (km/s) from an orbit of
 * perilune/apolune altitudes (km) to the surface: lower the perilune to
 * ILRS_DESCENT_PERILUNE_KM at apolune, then a powered descent from
 * perilune speed with the loss model above.
 */
double ilrs_lunar_descent_dv(double peri_alt_km, double apo_alt_km);

#ifdef __cplusplus
}
#endif
#endif
