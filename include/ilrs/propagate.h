/*
 * ilrs/propagate.h -- numerical orbit propagation in the ephemeris model.
 *
 * Force model: the central body (Earth or Moon) as a point mass, optionally
 * its J2 (pole fixed at an epoch the caller names), and the Earth, Moon and
 * Sun as third bodies placed by an ilrs_ephem context. Integrator: GSL's
 * Runge-Kutta Prince-Dormand 8(9) ("rk8pd", gsl_odeiv2) with adaptive step.
 * Over a run, the third bodies are tabulated once (hourly) and
 * interpolated, so an expensive ephemeris (ERFA's analytic series) is
 * called ~100 times a run rather than at every force evaluation.
 * Events (periapsis, distance from a body, altitude) are found between
 * accepted steps by a sign change and located by regula falsi (Illinois)
 * on re-integrations from the step's start. The state transition matrix
 * comes from the variational equations integrated with the state.
 *
 * States: ICRF relative to the central body, km and km/s; epochs TDB
 * seconds past J2000 (as ephem.h).
 *
 * Usage:
 *     ilrs_force_model fm;
 *     ilrs_force_model_init(&fm, 399, ILRS_PROP_MOON | ILRS_PROP_SUN, 0,
 *                           eph, t0, &err);
 *     ilrs_prop *p;
 *     ilrs_prop_new(&fm, NULL, &p, &err);
 *     ilrs_prop_request rq = {.t0 = t0, .t1 = t1};
 *     memcpy(rq.x0, x0, sizeof rq.x0);
 *     ilrs_prop_result res;
 *     ilrs_prop_run(p, &rq, &res, &err);
 *     ilrs_prop_free(p);
 *
 * Threads: a propagator is a workspace; use one per thread. Several may
 * share one read-only ilrs_ephem.
 */
#ifndef ILRS_PROPAGATE_H
#define ILRS_PROPAGATE_H

#include "ilrs/core.h"
#include "ilrs/ephem.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Third bodies (bit mask); the central body's own bit is ignored. */
#define ILRS_PROP_SUN   1
#define ILRS_PROP_EARTH 2
#define ILRS_PROP_MOON  4

/* Earth J2 (dimensionless) and its reference radius (km): EGM2008,
   C20 normalised = -4.84165143790815e-4, J2 = -sqrt(5) C20 (Pavlis et al.
   2012, JGR 117, B04406). */
#define ILRS_EARTH_J2 1.0826261738e-3
#define ILRS_EARTH_J2_RADIUS_KM 6378.1363
/* Moon J2 (dimensionless) and reference radius (km): GRAIL GL0660B
   (Konopliv et al. 2013, JGR Planets 118, 1415), tide-free normalised
   C20 = -9.0880835e-5, J2 = -sqrt(5) C20 = 2.0322e-4 rounded (the
   zero-tide value is 2.0330530e-4) */
#define ILRS_MOON_J2 2.0322e-4
#define ILRS_MOON_J2_RADIUS_KM 1738.0

typedef struct ilrs_force_model {
    int center;            /* NAIF id of the central body: 399 or 301 */
    double gm_center;      /* its GM (km^3/s^2, constants.h) */
    int third;             /* ILRS_PROP_* mask of third bodies */
    int j2;                /* 1: the central body's J2 */
    double j2_value;       /* J2 (dimensionless) */
    double j2_radius_km;   /* J2 reference radius (km) */
    double pole[3];        /* unit pole of the central body (ICRF) */
    const ilrs_ephem *eph; /* third bodies; may be NULL when third == 0 */
} ilrs_force_model;

/*
 * ilrs_force_model_init -- fill a force model.
 * Given:
 *   center  399 (Earth) or 301 (Moon)
 *   third   ILRS_PROP_SUN | ILRS_PROP_EARTH | ILRS_PROP_MOON, or 0
 *   j2      1 to include the central body's J2 (values above)
 *   eph     ephemeris (needed for third bodies and for the Moon's pole)
 *   t_pole  epoch for the pole direction (TDB s past J2000): Earth's from
 *           ITRF (ERFA IAU 2006/2000A), the Moon's from MOON_ME; held fixed
 *           over a propagation (the poles move < 0.01 deg in a month)
 * Returns: ILRS_OK; ILRS_EINVAL (bad center, eph missing).
 */
int ilrs_force_model_init(ilrs_force_model *fm, int center, int third,
                          int j2, const ilrs_ephem *eph, double t_pole,
                          ilrs_error *err);

/*
 * ilrs_force_accel -- acceleration (km/s^2, ICRF) at t (TDB s) of a
 * particle at x (km, km/s, relative to the center) and, if dadr is not
 * NULL, its gradient d a / d r (1/s^2) for the variational equations
 * (point masses analytic, J2 by central differences).
 * Returns: ILRS_OK; ephemeris errors (ILRS_ERANGE outside coverage).
 */
int ilrs_force_accel(const ilrs_force_model *fm, double t, const double x[6],
                     double a[3], double dadr[3][3], ilrs_error *err);

/* Event kinds. */
typedef enum ilrs_event_kind {
    ILRS_EVENT_PERIAPSIS = 0, /* r.v = 0 rising, relative to `body` */
    ILRS_EVENT_DISTANCE = 1,  /* |r - r_body| = value (km), e.g. the SOI */
    ILRS_EVENT_ALTITUDE = 2   /* |r - r_body| - R_body = value (km);
                                 R: Earth WGS84 equatorial, Moon 1737.4 */
} ilrs_event_kind;

typedef struct ilrs_event {
    ilrs_event_kind kind;
    int body;       /* NAIF id: 399 or 301 (the center or a third body) */
    double value;   /* km, for DISTANCE and ALTITUDE */
    int direction;  /* +1 rising, -1 falling, 0 either; in the order of
                       integration (a backward run sees its own order) */
    int terminal;   /* 1: stop the propagation at the first occurrence */
} ilrs_event;

/* The most event occurrences one run records. */
#define ILRS_PROP_MAX_HITS 64

typedef struct ilrs_event_hit {
    int event;      /* index into the request's events */
    double t;       /* epoch (TDB s past J2000) */
    double x[6];    /* state there (km, km/s) */
} ilrs_event_hit;

/* Called at t0, every sample_s, and at the end; nonzero stops the run. */
typedef int (*ilrs_prop_sample_fn)(void *ctx, double t, const double x[6]);

typedef struct ilrs_prop_request {
    double t0, t1;              /* start and end (TDB s); t1 < t0 runs back */
    double x0[6];               /* state at t0 (km, km/s) */
    int stm;                    /* 1: also integrate the 6x6 STM */
    const ilrs_event *events;   /* may be NULL */
    int nevents;
    double sample_s;            /* > 0: call sample every sample_s (s) */
    ilrs_prop_sample_fn sample; /* may be NULL */
    void *ctx;
} ilrs_prop_request;

typedef struct ilrs_prop_result {
    double t;                   /* where it stopped (TDB s) */
    double x[6];                /* state there */
    double stm[36];             /* d x(t) / d x(t0), row-major, if asked */
    int stopped_by;             /* index of the terminal event, or -1 */
    long steps;                 /* accepted steps */
    int nhits;                  /* event occurrences recorded */
    ilrs_event_hit hits[ILRS_PROP_MAX_HITS];
} ilrs_prop_result;

typedef struct ilrs_prop_options {
    double rtol;      /* relative tolerance (default 1e-12) */
    double atol;      /* absolute tolerance (km, km/s; default 1e-9) */
    double h0_s;      /* first step (s; default 60) */
    long max_steps;   /* default 1000000 */
    double table_step_s; /* third bodies are taken from the ephemeris at
                            this spacing (s) over each run and
                            interpolated (cubic Hermite; ~1 cm for the Moon
                            at the default 3600); < 0: the ephemeris at
                            every evaluation */
} ilrs_prop_options;

typedef struct ilrs_prop ilrs_prop;

/*
 * ilrs_prop_new -- a propagator (GSL workspaces for 42 equations) for the
 * force model, which must outlive it. opt may be NULL for the defaults.
 * Returned: out, owned by the caller: free with ilrs_prop_free.
 * Returns: ILRS_OK; ILRS_EINVAL; ILRS_ENOMEM.
 */
int ilrs_prop_new(const ilrs_force_model *fm, const ilrs_prop_options *opt,
                  ilrs_prop **out, ilrs_error *err);
void ilrs_prop_free(ilrs_prop *p);

/*
 * ilrs_prop_run -- integrate from rq->t0 to rq->t1 (or a terminal event).
 * Returns: ILRS_OK; ILRS_EINVAL (non-finite input); ILRS_ENOCONV (step
 *   size underflow, max_steps exceeded); ILRS_ERANGE (ephemeris coverage);
 *   ILRS_ELIMIT is never returned: hits past ILRS_PROP_MAX_HITS are
 *   dropped (a terminal event still stops the run).
 */
int ilrs_prop_run(ilrs_prop *p, const ilrs_prop_request *rq,
                  ilrs_prop_result *res, ilrs_error *err);

#ifdef __cplusplus
}
#endif
#endif
