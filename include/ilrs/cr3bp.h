/*
 * ilrs/cr3bp.h -- the circular restricted three-body problem (Earth-Moon):
 * Lagrange points, Jacobi constant, periodic-orbit families by
 * differential correction and pseudo-arclength continuation, stability,
 * and conversion of a rotating-frame state to the ephemeris model.
 *
 * Units are normalised: length L (km), time T (s) with T = sqrt(L^3 / (GM
 * Earth + GM Moon)), so the primaries turn at 1 rad per unit time. The
 * barycentre is at the origin, the Earth at (-mu, 0, 0), the Moon at
 * (1 - mu, 0, 0); x points from the Earth to the Moon, z along the orbit
 * normal. mu = GM Moon / (GM Earth + GM Moon) = 1 / (1 + EMRAT).
 *
 * Every family member is symmetric about the x-z plane: it is stored by
 * its state x0 = (x, 0, z, 0, vy, 0) at one x-z plane crossing, and the
 * corrector makes the next crossing perpendicular (vx = vz = 0 at half
 * period), which closes the orbit.
 */
#ifndef ILRS_CR3BP_H
#define ILRS_CR3BP_H

#include "ilrs/core.h"
#include "ilrs/ephem.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Earth-Moon length unit (km): the mean distance used by Koon, Lo, Marsden
   and Ross (2011) and most NRHO papers. */
#define ILRS_CR3BP_EM_LENGTH_KM 384400.0

typedef struct ilrs_cr3bp_system {
    double mu;       /* mass parameter (dimensionless) */
    double l_km;     /* length unit (km) */
    double t_s;      /* time unit (s) */
} ilrs_cr3bp_system;

/* ilrs_cr3bp_earth_moon -- the Earth-Moon system: mu from the DE440 GMs
   (constants.h), L = 384400 km. */
void ilrs_cr3bp_earth_moon(ilrs_cr3bp_system *s);

/*
 * ilrs_cr3bp_lagrange -- the five Lagrange points (normalised, rotating):
 * L1, L2, L3 on the x axis by Newton on the collinear quintic, L4/L5 at
 * (1/2 - mu, +-sqrt(3)/2).
 * Returned: pts[k] for L(k+1).
 * Returns: ILRS_OK; ILRS_EINVAL for mu outside (0, 1/2].
 */
int ilrs_cr3bp_lagrange(double mu, double pts[5][3], ilrs_error *err);

/* ilrs_cr3bp_jacobi -- C = x^2 + y^2 + 2(1-mu)/r1 + 2 mu/r2 - v^2. */
double ilrs_cr3bp_jacobi(double mu, const double x[6]);

/*
 * ilrs_cr3bp_propagate -- integrate the equations of motion (GSL rk8pd,
 * relative tolerance 1e-13) for normalised time dt (either sign).
 * Returned: x (state at dt), stm (6x6 row-major, may be NULL).
 * Returns: ILRS_OK; ILRS_EINVAL; ILRS_ENOCONV (collision with a primary).
 */
int ilrs_cr3bp_propagate(double mu, const double x0[6], double dt,
                         double x[6], double *stm, ilrs_error *err);

/* Sample callback for ilrs_cr3bp_sample: nonzero stops. */
typedef int (*ilrs_cr3bp_sample_fn)(void *ctx, double t, const double x[6]);

/* ilrs_cr3bp_sample -- call fn at n+1 equally spaced times over [0, dt]. */
int ilrs_cr3bp_sample(double mu, const double x0[6], double dt, int n,
                      ilrs_cr3bp_sample_fn fn, void *ctx, ilrs_error *err);

typedef enum ilrs_cr3bp_family {
    ILRS_CR3BP_LYAPUNOV_L1 = 0,
    ILRS_CR3BP_LYAPUNOV_L2 = 1,
    ILRS_CR3BP_HALO_L1 = 2,
    ILRS_CR3BP_HALO_L2 = 3,
    ILRS_CR3BP_NRHO = 4,     /* the L2 halo family where its perilune
                                radius lies in 1850..17350 km (Zimovan,
                                Howell and Davis 2017) */
    ILRS_CR3BP_DRO = 5
} ilrs_cr3bp_family;

/* ilrs_cr3bp_family_parse -- "halo-l2", "nrho", "dro", ...; -1 if none. */
int ilrs_cr3bp_family_parse(const char *name);
const char *ilrs_cr3bp_family_name(ilrs_cr3bp_family f);

/* What selects a member. */
typedef enum ilrs_cr3bp_param {
    ILRS_CR3BP_BY_AMPLITUDE = 0, /* normalised: Lyapunov Ax (half the x
                                    extent), halo/NRHO Az (largest |z|),
                                    DRO: far-side x distance from the Moon */
    ILRS_CR3BP_BY_PERIOD = 1,    /* normalised period */
    ILRS_CR3BP_BY_JACOBI = 2     /* Jacobi constant */
} ilrs_cr3bp_param;

typedef struct ilrs_cr3bp_orbit {
    ilrs_cr3bp_family family;
    int south;               /* 1: southern (largest |z| at z < 0) */
    double x0[6];            /* state at the x-z plane crossing */
    double period;           /* normalised */
    double jacobi;
    double amplitude;        /* normalised, as ILRS_CR3BP_BY_AMPLITUDE */
    double rmin_moon;        /* distance from the Moon at the x-z plane
                                crossings: min and max (normalised) */
    double rmax_moon;
    double eig_re[6], eig_im[6]; /* monodromy eigenvalues */
    double stability;        /* largest (|l| + 1/|l|) / 2 over eigenvalues:
                                1 for a linearly stable orbit */
    double closure;          /* |x(T) - x0| after one full period */
} ilrs_cr3bp_orbit;

/*
 * ilrs_cr3bp_family_orbit -- the member of a family where a parameter
 * takes a value: continuation from the family's start (a small orbit near
 * the libration point, the halo bifurcation of the Lyapunov family, a
 * small DRO) until the value is bracketed, then Newton on the parameter.
 * Given: sys, family, south (halo/NRHO: 1 for the southern branch),
 *   param, value (normalised)
 * Returned: out
 * Returns: ILRS_OK; ILRS_ERANGE when the family (as far as it is followed)
 *   never takes the value; ILRS_ENOCONV if a correction fails.
 */
int ilrs_cr3bp_family_orbit(const ilrs_cr3bp_system *sys,
                            ilrs_cr3bp_family family, int south,
                            ilrs_cr3bp_param param, double value,
                            ilrs_cr3bp_orbit *out, ilrs_error *err);

/*
 * ilrs_cr3bp_family_sweep -- n members spread along the family (by
 * continuation step) over the range it is followed here.
 * Returned: out[0..n-1]
 * Returns: as ilrs_cr3bp_family_orbit; ILRS_EINVAL for n < 1 or n > 1000.
 */
int ilrs_cr3bp_family_sweep(const ilrs_cr3bp_system *sys,
                            ilrs_cr3bp_family family, int south, int n,
                            ilrs_cr3bp_orbit *out, ilrs_error *err);

/*
 * ilrs_cr3bp_to_ephem -- a rotating-frame state (normalised) as an
 * Earth-centred ICRF state (km, km/s) at epoch t, in the frame that the
 * Earth and Moon of the ephemeris define at t: x along Earth->Moon, z
 * along their angular momentum, length |r_EM|, angular rate |r x v| /
 * |r|^2 (the instantaneous conversion, e.g. Pavlak 2013 sec. 3.2).
 * Given: eph, sys (its mu), t (TDB s past J2000), xr (normalised)
 * Returned: out (km, km/s, ICRF, relative to the Earth)
 * Returns: ILRS_OK; ephemeris errors.
 */
int ilrs_cr3bp_to_ephem(const ilrs_ephem *eph, const ilrs_cr3bp_system *sys,
                        double t, const double xr[6], double out[6],
                        ilrs_error *err);

#ifdef __cplusplus
}
#endif
#endif
