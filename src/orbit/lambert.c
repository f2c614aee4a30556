/*
 * lambert.c -- Lambert's problem after Izzo (2015): the time of flight as
 * a function of one variable x, solved by Householder's third-order
 * iteration from Izzo's initial guesses.
 *
 * T(x) is Lancaster's form (Izzo 2015, eq. 18) with one atan2 or asinh,
 * and Battin's hypergeometric series near x = 1 (single revolution) where
 * that form loses precision. Differences that cancel near lambda = +-1 or
 * for large |x| are written as quotients using 1 - lambda^2 = c/s
 * exactly. Should Householder fail, or land on the wrong side of the
 * minimum-time point of a multi-revolution branch, a bracketed Newton /
 * bisection search on the monotonic part of T(x) takes over.
 */
#include "ilrs/orbit.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

#include "ilrs/constants.h"
#include "ilrs/vec.h"
#include "lambert_simd.h"

#define MAX_ITER LAMBERT_MAX_ITER
#define MAX_BRACKET 300    /* safeguarded Newton-bisection iterations */
#define X_TOL 1e-13        /* convergence, relative to max(1, |x|) */
#define STEP_DONE_0 LAMBERT_STEP_DONE_0
#define STEP_DONE_N LAMBERT_STEP_DONE_N
#define BATTIN_DX LAMBERT_BATTIN_DX

/* The setup, guess, evaluation of T(x), Householder step and velocities,
   inlined where they are used, so that in the batch's lane loop the
   processor overlaps the work of different problems. */
#if defined(__GNUC__)
#define INLINE static inline __attribute__((always_inline))
#else
#define INLINE static inline
#endif

/* The reduced problem: Izzo's lambda and T, and the geometry to turn x
   into velocities. */
typedef struct {
    double lam, oml2;      /* lambda and 1 - lambda^2 (= c / s) */
    double t;              /* non-dimensional time of flight */
    double gamma, rho, sigma, i1, i2;  /* i1, i2: 1 / |r1|, 1 / |r2| */
    double ir1[3], ir2[3], it1[3], it2[3];
} geom;

/* Gauss hypergeometric F(3, 1; 5/2; z) by its series (|z| < 1 here). */
static double hyp2f1b(double z)
{
    double sum = 1.0, term = 1.0;
    for (int j = 0; j < LAMBERT_SERIES_MAX; j++) {
        term *= LAMBERT_SERIES_RATIO(j) * z;
        sum += term;
        if (fabs(term) <= LAMBERT_SERIES_TOL * fabs(sum))
            break;
    }
    return sum;
}

/* y - lambda x and x - lambda y without cancellation. */
static double eta_of(double x, double y, const geom *g)
{
    return g->lam * x > 0.0 ? g->oml2 / (y + g->lam * x) : y - g->lam * x;
}

static double xmly_of(double x, double y, const geom *g)
{
    double l2 = g->lam * g->lam;
    return g->lam * x > 0.0
               ? g->oml2 * (x * x * (1.0 + l2) - l2) / (x + g->lam * y)
               : x - g->lam * y;
}

/* Non-dimensional time of flight T(x) for n revolutions; y returned. */
INLINE double tof_of_x(double x, const geom *g, int n, double *yp)
{
    double e = x * x - 1.0, lam = g->lam;
    double y = sqrt(1.0 + lam * lam * e);
    *yp = y;
    double eta = eta_of(x, y, g);
    if (n == 0 && fabs(x - 1.0) < BATTIN_DX) {
        double s1 = 0.5 * (1.0 - lam - x * eta);
        double q = 4.0 / 3.0 * hyp2f1b(s1);
        return 0.5 * (eta * eta * eta * q + 4.0 * lam * eta);
    }
    double se = sqrt(fabs(e)), psi;
    double inv = 1.0 / (se * e);  /* off the psi chain: overlaps asin */
    if (e < 0.0) {  /* psi in [0, pi]; acos where well conditioned */
        double sp = se * eta, cp = x * y - lam * e;
        psi = cp > 0.5 ? asin(sp) : (cp < -0.5 ? ILRS_PI - asin(sp)
                                                : acos(cp));
        psi += n * ILRS_PI;
    } else
        psi = asinh(se * eta);
    return (xmly_of(x, y, g) * se - psi) * inv;
}

/* First three derivatives of T(x) (Izzo 2015, eq. 22). */
INLINE void tof_derivs(double x, double t, double y, double lam, double *d1,
                       double *d2, double *d3)
{
    double l2 = lam * lam, l3 = l2 * lam, umx2 = 1.0 - x * x;
    if (umx2 == 0.0)
        umx2 = 1e-300;
    double iu = 1.0 / umx2, iy = 1.0 / y, iy2 = iy * iy;
    double a = 2.0 * (1.0 - l2) * l3 * iy * iy2;  /* 2 (1-l2) l3 / y^3 */
    *d1 = (3.0 * t * x - 2.0 + 2.0 * l3 * x * iy) * iu;
    *d2 = (3.0 * t + 5.0 * x * *d1 + a) * iu;
    *d3 = (7.0 * x * *d2 + 8.0 * *d1 - 3.0 * a * l2 * x * iy2) * iu;
}

/* One Householder step on T(x) = g->t from xk (for n = 0 guarded by
   Newton's, LAMBERT_NEWTON_GUARD): the next x in *xn and dT/dx at xk in
   *d1. Returns 1 when that step was small enough to keep *xn as the
   root, 0 to go on, -1 when the step left the domain. */
INLINE int householder_step(const geom *g, double xk, int n, double *xn,
                            double *d1)
{
    double y, t = tof_of_x(xk, g, n, &y), d2, d3;
    tof_derivs(xk, t, y, g->lam, d1, &d2, &d3);
    double delta = t - g->t, d1sq = *d1 * *d1;
    double num = d1sq - delta * d2 / 2.0;
    double den = *d1 * (d1sq - delta * d2) + d3 * delta * delta / 6.0;
    double step = delta * num / den;
    int agree = 1;
    if (n == 0) {  /* see LAMBERT_NEWTON_GUARD */
        agree = fabs(*d1 * num - den) <= LAMBERT_NEWTON_GUARD * fabs(den);
        if (!agree)
            step = delta / *d1;
    }
    *xn = xk - step;
    if (!isfinite(*xn) || *xn <= -1.0 || (n > 0 && *xn >= 1.0))
        return -1;
    double scale = xk < 0.0 ? 1.0 + xk : (xk > 1.0 ? xk : 1.0);
    return agree && fabs(step) < (n ? STEP_DONE_N : STEP_DONE_0) * scale;
}

/* Householder iteration on T(x) = g->t from x0; *d1 is dT/dx at the
   root (its sign tells the branch). */
static int householder(const geom *g, double x0, int n, double *x,
                       int *iters, double *d1)
{
    double xk = x0;
    for (int it = 1; it <= MAX_ITER; it++) {
        double xn;
        int done = householder_step(g, xk, n, &xn, d1);
        if (done < 0)
            return ILRS_ENOCONV;
        if (done) {
            *x = xn;
            *iters = it;
            return ILRS_OK;
        }
        xk = xn;
    }
    return ILRS_ENOCONV;
}

/* Newton steps kept inside (lo, hi), bisection otherwise; T - target
   changes sign across the bracket, positive at lo when lo_pos. */
static int bracketed(const geom *g, int n, double lo, double hi, int lo_pos,
                     double *x, int *iters)
{
    double xk = 0.5 * (lo + hi);
    for (int it = 1; it <= MAX_BRACKET; it++) {
        double y, t = tof_of_x(xk, g, n, &y), d1, d2, d3;
        double f = t - g->t;
        if (isnan(f))
            return ILRS_ENOCONV;
        if ((f > 0.0) == (lo_pos != 0))
            lo = xk;
        else
            hi = xk;
        tof_derivs(xk, t, y, g->lam, &d1, &d2, &d3);
        double xn = xk - f / d1;
        if (!(xn > lo && xn < hi))
            xn = 0.5 * (lo + hi);
        if (f == 0.0 || fabs(xn - xk) <= 4e-16 * fmax(1.0, fabs(xk)) ||
            hi - lo <= 4e-16 * fmax(1.0, fabs(xk))) {
            *x = f == 0.0 ? xk : xn;
            *iters = it;
            return ILRS_OK;
        }
        xk = xn;
    }
    return ILRS_ENOCONV;
}

/* The minimum of T(x) with n >= 1 revolutions: Halley's iteration on
   dT/dx = 0 kept inside a bracket (dT/dx < 0 left of the minimum, > 0
   right of it, on (-1, 1)), bisection where a step leaves it. */
static int tmin(const geom *g, int n, double *xm, double *tm)
{
    double lo = -1.0, hi = 1.0, x = 0.0, y, t = tof_of_x(x, g, n, &y);
    for (int it = 0; it < MAX_BRACKET; it++) {
        double d1, d2, d3;
        tof_derivs(x, t, y, g->lam, &d1, &d2, &d3);
        if (d1 == 0.0)
            break;
        if (d1 < 0.0)
            lo = x;
        else if (d1 > 0.0)
            hi = x;
        else
            return ILRS_ENOCONV;  /* NaN */
        double xn = x - d1 * d2 / (d2 * d2 - d1 * d3 / 2.0);
        if (!(xn > lo && xn < hi))
            xn = 0.5 * (lo + hi);
        int done = fabs(xn - x) < X_TOL || hi - lo < X_TOL;
        x = xn;
        t = tof_of_x(x, g, n, &y);
        if (done)
            break;
    }
    *xm = x;
    *tm = t;
    return isfinite(t) ? ILRS_OK : ILRS_ENOCONV;
}

/* The velocities of a solution x (Izzo 2015, Algorithm 1, last block). */
INLINE void velocities(double x, const geom *g, ilrs_lambert_solution *s)
{
    double y = sqrt(1.0 + g->lam * g->lam * (x * x - 1.0));
    double xmly = xmly_of(x, y, g);
    double ypl = g->lam * x >= 0.0 ? y + g->lam * x
                                   : g->oml2 / (y - g->lam * x);
    double lypx = g->lam * y + x;
    double vr1 = g->gamma * (-xmly - g->rho * lypx) * g->i1;
    double vr2 = -g->gamma * (-xmly + g->rho * lypx) * g->i2;
    double vt = g->gamma * g->sigma * ypl;
    double vt1 = vt * g->i1, vt2 = vt * g->i2;
    for (int k = 0; k < 3; k++) {
        s->v1[k] = vr1 * g->ir1[k] + vt1 * g->it1[k];
        s->v2[k] = vr2 * g->ir2[k] + vt2 * g->it2[k];
    }
    s->x = x;
}

/* acos(x) to 2e-8 for the initial guess only (LAMBERT_ACOS_POLY), with
   acos(-x) = pi - acos(x). */
static double acos_guess(double x)
{
    double a = fabs(x);
    double r = sqrt(1.0 - a) * LAMBERT_ACOS_POLY(a, );
    return x < 0.0 ? ILRS_PI - r : r;
}

/* z^(1/3) for the initial guess only: the exponent divided by three in
   the bit pattern (within 4 %), then two of Halley's steps
   y <- y (y^3 + 2 z) / (2 y^3 + z), each cubing the relative error, so
   within 1e-12 -- far below the guess's own error. libm's cbrt, for
   zero, subnormal, infinite or NaN z. */
static double cbrt_guess(double z)
{
    if (!(z > 1e-300 && z < 1e300))
        return cbrt(z);
    uint64_t u;
    memcpy(&u, &z, sizeof u);
    u = u / 3 + UINT64_C(0x2AA0000000000000);  /* exact for z = 1 */
    double y;
    memcpy(&y, &u, sizeof y);
    for (int k = 0; k < 2; k++) {
        double y3 = y * y * y;
        y *= (y3 + 2.0 * z) / (2.0 * y3 + z);
    }
    return y;
}

/* Izzo's initial guess for n = 0 (Izzo 2015, eq. 30). */
INLINE double guess0(const geom *g)
{
    double lam = g->lam, t = g->t, oml = g->oml2 / (1.0 + lam);
    double t00 = acos_guess(lam) + lam * sqrt(g->oml2);
    double t1 = 2.0 / 3.0 * oml * (1.0 + lam + lam * lam);
    if (t >= t00) {  /* see LAMBERT_LONG_GUESS */
        double q = t00 / t, c = LAMBERT_LONG_C / t00;
        double k = cbrt_guess(c * c);
        return cbrt_guess(q * q) * (k + (1.0 - k) * q) - 1.0;
    }
    if (t <= t1) {
        double l2 = lam * lam;
        double oml5 = oml * (1.0 + lam + l2 + l2 * lam + l2 * l2);
        return t1 * (t1 - t) / (2.0 / 5.0 * oml5 * t) + 1.0;
    }
    /* Between T1 and T00: the interpolation of Izzo's eq. (30) written so
       that it gives x = 1 at T1 and x = 0 at T00 (as printed, the
       exponent is log2(T1/T00) and x misses 1 at T1). */
    return exp2(log(t / t00) / log(t1 / t00)) - 1.0;
}

/* Unit vectors and the sign of lambda for the transfer plane. */
INLINE int plane(const ilrs_lambert_problem *p, geom *g, ilrs_error *err)
{
    double ih[3], ref[3] = {0.0, 0.0, 1.0};
    int hint = p->normal[0] != 0.0 || p->normal[1] != 0.0 ||
               p->normal[2] != 0.0;
    if (hint) {
        double nn = ilrs_vec3_norm(p->normal);
        if (!isfinite(nn))
            return ilrs_error_set(err, ILRS_EINVAL,
                                  "lambert: the plane normal is not finite");
        for (int k = 0; k < 3; k++)
            ref[k] = p->normal[k] / nn;
    }
    ilrs_vec3_cross(g->ir1, g->ir2, ih);
    double hn = ilrs_vec3_norm(ih), sgn;
    int collinear = hn < ILRS_LAMBERT_COLLINEAR;
    if (collinear) {
        if (ilrs_vec3_dot(g->ir1, g->ir2) > 0.0)
            return ilrs_error_set(err, ILRS_EINVAL,
                                  "lambert: r1 and r2 point the same way "
                                  "(0 deg transfer): no transfer arc");
        if (!hint)
            return ilrs_error_set(err, ILRS_EINVAL,
                                  "lambert: r1 and r2 are opposite (180 deg "
                                  "transfer): the transfer plane is "
                                  "undefined; give a plane normal");
        double d = ilrs_vec3_dot(ref, g->ir1);
        for (int k = 0; k < 3; k++)
            ih[k] = ref[k] - d * g->ir1[k];
        hn = ilrs_vec3_norm(ih);
        if (hn < ILRS_LAMBERT_COLLINEAR)
            return ilrs_error_set(err, ILRS_EINVAL,
                                  "lambert: the plane normal is parallel "
                                  "to r1");
        sgn = 1.0;
    } else {
        double d = ilrs_vec3_dot(ih, ref);  /* its sign; / hn if hint */
        if (hint && fabs(d / hn) < ILRS_LAMBERT_COLLINEAR)
            return ilrs_error_set(err, ILRS_EINVAL,
                                  "lambert: the normal lies in the transfer "
                                  "plane: prograde is undefined");
        sgn = d < 0.0 ? -1.0 : 1.0;
    }
    for (int k = 0; k < 3; k++)
        ih[k] *= sgn / hn;  /* along the prograde angular momentum */
    if (p->retrograde)
        sgn = -sgn;
    g->lam *= sgn;          /* negative for transfers beyond 180 deg */
    ilrs_vec3_cross(ih, g->ir1, g->it1);
    ilrs_vec3_cross(ih, g->ir2, g->it2);
    /* ih is normal to r2 unless the plane came from the hint. */
    double dir = p->retrograde ? -1.0 : 1.0;
    double d2 = collinear ? dir / ilrs_vec3_norm(g->it2) : dir;
    for (int k = 0; k < 3; k++) {
        g->it1[k] *= dir;
        g->it2[k] *= d2;
    }
    return ILRS_OK;
}

/* Check the problem and reduce it to lambda, T and the geometry. */
INLINE int setup(const ilrs_lambert_problem *p, geom *g, ilrs_error *err)
{
    double r1n = ilrs_vec3_norm(p->r1), r2n = ilrs_vec3_norm(p->r2);
    if (!(r1n > 0.0) || !(r2n > 0.0) || !isfinite(r1n) || !isfinite(r2n))
        return ilrs_error_set(err, ILRS_EINVAL,
                              "lambert: r1 and r2 must be nonzero and "
                              "finite");
    if (!(p->tof_s > 0.0) || !isfinite(p->tof_s))
        return ilrs_error_set(err, ILRS_EINVAL,
                              "lambert: time of flight must be finite and "
                              "> 0 (got %g s)", p->tof_s);
    if (!(p->mu > 0.0) || !isfinite(p->mu))
        return ilrs_error_set(err, ILRS_EINVAL,
                              "lambert: mu must be finite and > 0 (got %g)",
                              p->mu);
    if (p->max_revs < 0)
        return ilrs_error_set(err, ILRS_EINVAL,
                              "lambert: max_revs must be >= 0 (got %d)",
                              p->max_revs);
    double c[3], sum[3], i1 = 1.0 / r1n, i2 = 1.0 / r2n;
    for (int k = 0; k < 3; k++) {
        c[k] = p->r2[k] - p->r1[k];
        g->ir1[k] = p->r1[k] * i1;
        g->ir2[k] = p->r2[k] * i2;
        sum[k] = g->ir1[k] + g->ir2[k];
    }
    double cn = ilrs_vec3_norm(c), s = 0.5 * (r1n + r2n + cn), is = 1.0 / s;
    if (!(cn > 0.0))
        return ilrs_error_set(err, ILRS_EINVAL,
                              "lambert: r1 and r2 are the same point: no "
                              "transfer arc");
    /* |lambda| = sqrt(r1 r2) cos(theta/2) / s: no cancellation at 180 deg */
    g->lam = 0.5 * sqrt(r1n * r2n * ilrs_vec3_dot(sum, sum)) * is;
    g->oml2 = cn * is;
    g->gamma = sqrt(p->mu * s / 2.0);
    g->t = 2.0 * g->gamma * is * is * p->tof_s;  /* sqrt(2 mu / s^3) tof */
    g->i1 = i1;
    g->i2 = i2;
    g->rho = (r1n - r2n) / cn;
    double s2 = 1.0 - g->rho * g->rho;
    g->sigma = s2 > 0.0 ? sqrt(s2) : 0.0;
    if (!(g->t > 0.0) || !isfinite(g->t) || isnan(g->lam) ||
        !isfinite(g->gamma) || !isfinite(g->rho))
        return ilrs_error_set(err, ILRS_ERANGE,
                              "lambert: the problem's scale (|r| %g km, "
                              "tof %g s, mu %g) is outside double precision",
                              r1n, p->tof_s, p->mu);
    return plane(p, g, err);
}

/* Most revolutions the time of flight allows, up to max_revs. */
static int revs_possible(const geom *g, int max_revs)
{
    double q = g->t / ILRS_PI;
    int nmax = q >= max_revs ? max_revs : (int)q;
    if (nmax > 0 &&
        g->t < acos(g->lam) + g->lam * sqrt(g->oml2) + nmax * ILRS_PI) {
        double xm, tm;
        if (tmin(g, nmax, &xm, &tm) == ILRS_OK && tm > g->t)
            nmax--;
    }
    return nmax;
}

/* One root: Householder from Izzo's guess, checked, else bracketed. */
static int solve_one(const geom *g, int n, int b, double *x, int *iters)
{
    double x0, d1;
    if (n == 0) {
        x0 = guess0(g);
    } else {
        double q = b < 0 ? pow((n * ILRS_PI + ILRS_PI) / (8.0 * g->t),
                               2.0 / 3.0)
                         : pow(8.0 * g->t / (n * ILRS_PI), 2.0 / 3.0);
        x0 = (q - 1.0) / (q + 1.0);
    }
    if (householder(g, x0, n, x, iters, &d1) == ILRS_OK &&
        (n == 0 || (b < 0 ? d1 < 0.0 : d1 > 0.0)))
        return ILRS_OK;
    if (n == 0) {
        double hi = 1.0, y;
        for (int k = 0; k < 2000 && tof_of_x(hi, g, 0, &y) > g->t; k++)
            hi *= 2.0;
        return bracketed(g, 0, -1.0, hi, 1, x, iters);
    }
    double xm, tm;
    if (tmin(g, n, &xm, &tm) != ILRS_OK)
        return ILRS_ENOCONV;
    return b < 0 ? bracketed(g, n, -1.0, xm, 1, x, iters)
                 : bracketed(g, n, xm, 1.0, 0, x, iters);
}

int ilrs_lambert_problem_solve(const ilrs_lambert_problem *p,
                               ilrs_lambert_solution *out, size_t max_out,
                               size_t *nsol, ilrs_error *err)
{
    *nsol = 0;
    geom g;
    int st = setup(p, &g, err);
    if (st != ILRS_OK)
        return st;
    int nmax = revs_possible(&g, p->max_revs);
    size_t k = 0;
    for (int n = 0; n <= nmax; n++)
        for (int b = (n ? -1 : 0); b <= (n ? 1 : 0); b += 2) {
            if (k >= max_out) {
                *nsol = k;
                return ILRS_OK;
            }
            ilrs_lambert_solution *sol = &out[k];
            double x;
            if (solve_one(&g, n, b, &x, &sol->iters) != ILRS_OK)
                return ilrs_error_set(err, ILRS_ENOCONV,
                                      "lambert: %d-revolution solution "
                                      "(branch %d) did not converge", n, b);
            sol->revs = n;
            sol->branch = b;
            velocities(x, &g, sol);
            if (!isfinite(sol->v1[0] + sol->v1[1] + sol->v1[2] + sol->v2[0] +
                          sol->v2[1] + sol->v2[2]))
                return ilrs_error_set(err, ILRS_ERANGE,
                                      "lambert: the velocities overflow "
                                      "double precision (tof %g s, mu %g)",
                                      p->tof_s, p->mu);
            k++;
        }
    *nsol = k;
    return ILRS_OK;
}

int ilrs_lambert_solve(const double r1[3], const double r2[3], double tof_s,
                       double mu, int max_revs, int retrograde,
                       ilrs_lambert_solution *out, size_t max_out,
                       size_t *nsol, ilrs_error *err)
{
    ilrs_lambert_problem p = {{r1[0], r1[1], r1[2]}, {r2[0], r2[1], r2[2]},
                              tof_s, mu, max_revs, retrograde, {0, 0, 0}};
    return ilrs_lambert_problem_solve(&p, out, max_out, nsol, err);
}

typedef struct {
    const ilrs_lambert_problem *p;
    ilrs_lambert_solution *out;
    size_t per;
    size_t *nsol;
    int *status;
    int width;      /* problems per block: 2, 4 or 8 */
} batch;

/* Single-revolution problems (max_revs 0), two at a time in lockstep
   where the processor has no vector block: the Householder iterations of
   different problems are independent, so the processor overlaps them
   where one problem's chain of dependent operations would leave it idle.
   Each problem goes through exactly the operations of
   ilrs_lambert_problem_solve (same setup, guess, steps and velocities),
   so the results are identical. Returns the mask of problems solved; a
   problem that is not of this kind, fails its setup or leaves
   Householder's iteration is left to ilrs_lambert_problem_solve. */
#define LANES 2

static unsigned block2(const ilrs_lambert_problem *p, size_t m,
                       ilrs_lambert_solution *out, size_t per)
{
    geom g[LANES];
    double x[LANES];
    int state[LANES], iters[LANES], live = 0;  /* state: 0 live, 1 done,
                                                  -1 scalar path */
    for (size_t j = 0; j < m; j++) {
        int fast = p[j].max_revs == 0 &&
                   setup(&p[j], &g[j], NULL) == ILRS_OK;
        state[j] = fast ? 0 : -1;
        if (fast) {
            x[j] = guess0(&g[j]);
            live++;
        }
    }
    for (int it = 1; it <= MAX_ITER && live > 0; it++)
        for (size_t j = 0; j < m; j++) {
            if (state[j] != 0)
                continue;
            double xn, d1;
            int done = householder_step(&g[j], x[j], 0, &xn, &d1);
            x[j] = xn;
            if (done != 0) {
                state[j] = done > 0 ? 1 : -1;
                iters[j] = it;
                live--;
            }
        }
    unsigned mask = 0;
    for (size_t j = 0; j < m; j++) {
        ilrs_lambert_solution *sol = out + j * per;
        if (state[j] != 1)
            continue;
        sol->revs = 0;
        sol->branch = 0;
        sol->iters = iters[j];
        velocities(x[j], &g[j], sol);
        if (isfinite(sol->v1[0] + sol->v1[1] + sol->v1[2] + sol->v2[0] +
                     sol->v2[1] + sol->v2[2]))
            mask |= 1u << j;
    }
    return mask;
}

/* Problems per call of a block: two vector blocks of the width (see
   lambert_simd.inc), or block2's pair. */
static size_t block_chunk(int width)
{
    return width == 2 ? LANES : 2 * (size_t)width;
}

static int batch_range(void *ctx, size_t begin, size_t end)
{
    batch *b = ctx;
    int first = ILRS_OK;
    size_t chunk = block_chunk(b->width);
    for (size_t i = begin; i < end; i += chunk) {
        size_t m = end - i < chunk ? end - i : chunk;
        const ilrs_lambert_problem *p = b->p + i;
        ilrs_lambert_solution *out = b->out + i * b->per;
        unsigned done;
#if defined(ILRS_X86_SIMD)
        if (b->width == 8)
            done = ilrs__lambert_block8(p, m, out, b->per);
        else if (b->width == 4)
            done = ilrs__lambert_block4(p, m, out, b->per);
        else
#endif
            done = block2(p, m, out, b->per);
        for (size_t j = 0; j < m; j++) {
            if (done >> j & 1) {
                b->nsol[i + j] = 1;
                b->status[i + j] = ILRS_OK;
            } else {
                b->status[i + j] = ilrs_lambert_problem_solve(
                    &p[j], out + j * b->per, b->per, &b->nsol[i + j], NULL);
            }
        }
    }
    for (size_t i = begin; i < end; i++)
        if (b->status[i] != ILRS_OK && first == ILRS_OK)
            first = b->status[i];
    return first;
}

/* Problem i of the arrays as a problem structure. */
static void arrays_problem(const ilrs_lambert_arrays *a, size_t i,
                           ilrs_lambert_problem *p)
{
    for (int k = 0; k < 3; k++) {
        p->r1[k] = a->r1[k][i];
        p->r2[k] = a->r2[k][i];
        p->normal[k] = 0.0;
    }
    p->tof_s = a->tof_s[i];
    p->mu = a->mu;
    p->max_revs = 0;
    p->retrograde = a->retrograde ? a->retrograde[i] != 0 : 0;
}

static void arrays_put(const ilrs_lambert_arrays *a, size_t i,
                       const double v1[3], const double v2[3])
{
    for (int k = 0; k < 3; k++) {
        a->v1[k][i] = v1[k];
        a->v2[k][i] = v2[k];
    }
}

/* Width 2: block2 on the two problems as structures. */
static unsigned arrays2(const ilrs_lambert_arrays *a, size_t i, size_t m)
{
    ilrs_lambert_problem p[LANES];
    ilrs_lambert_solution s[LANES];
    for (size_t j = 0; j < m; j++)
        arrays_problem(a, i + j, &p[j]);
    unsigned mask = block2(p, m, s, 1);
    for (size_t j = 0; j < m; j++)
        if (mask >> j & 1)
            arrays_put(a, i + j, s[j].v1, s[j].v2);
    return mask;
}

typedef struct {
    const ilrs_lambert_arrays *a;
    int width;
} arrays_job;

static int arrays_range(void *ctx, size_t begin, size_t end)
{
    const arrays_job *job = ctx;
    const ilrs_lambert_arrays *a = job->a;
    size_t chunk = block_chunk(job->width);
    int first = ILRS_OK;
    for (size_t i = begin; i < end; i += chunk) {
        size_t m = end - i < chunk ? end - i : chunk;
        unsigned done;
#if defined(ILRS_X86_SIMD)
        if (job->width == 8)
            done = ilrs__lambert_arrays8(a, i, m);
        else if (job->width == 4)
            done = ilrs__lambert_arrays4(a, i, m);
        else
#endif
            done = arrays2(a, i, m);
        for (size_t j = 0; j < m; j++) {
            if (done >> j & 1) {
                a->status[i + j] = ILRS_OK;
                continue;
            }
            ilrs_lambert_problem p;
            ilrs_lambert_solution s;
            size_t ns = 0;
            arrays_problem(a, i + j, &p);
            int st = ilrs_lambert_problem_solve(&p, &s, 1, &ns, NULL);
            a->status[i + j] = st;
            if (st == ILRS_OK && ns == 1) {
                arrays_put(a, i + j, s.v1, s.v2);
            } else {
                double nan3[3] = {NAN, NAN, NAN};
                arrays_put(a, i + j, nan3, nan3);
            }
        }
    }
    for (size_t i = begin; i < end; i++)
        if (a->status[i] != ILRS_OK && first == ILRS_OK)
            first = a->status[i];
    return first;
}

int ilrs_lambert_batch_widths(void)
{
    int w = 2;
#if defined(ILRS_X86_SIMD) && (defined(__GNUC__) || defined(__clang__))
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma"))
        w |= 4;
    if (__builtin_cpu_supports("avx512f") &&
        __builtin_cpu_supports("avx512dq"))
        w |= 8;
#endif
    return w;
}

int ilrs_lambert_solve_batch_width(const ilrs_lambert_problem *p, size_t n,
                                   ilrs_lambert_solution *out,
                                   size_t per_problem, size_t *nsol,
                                   int *status, int nthreads, int width)
{
    int have = ilrs_lambert_batch_widths();
    if (width == 0)
        width = have & 8 ? 8 : (have & 4 ? 4 : 2);
    if ((width != 2 && width != 4 && width != 8) || !(have & width))
        return ILRS_EINVAL;
    if (n == 0)
        return ILRS_OK;
    if (!p || !out || !nsol || !status || per_problem == 0)
        return ILRS_EINVAL;
    batch b = {p, out, per_problem, nsol, status, width};
    if (nthreads == 1)
        batch_range(&b, 0, n);
    else
        ilrs_parallel_for(n, nthreads, batch_range, &b);
    for (size_t i = 0; i < n; i++)
        if (status[i] != ILRS_OK)
            return status[i];
    return ILRS_OK;
}

int ilrs_lambert_solve_arrays(const ilrs_lambert_arrays *a, int nthreads,
                              int width)
{
    int have = ilrs_lambert_batch_widths();
    if (width == 0)
        width = have & 8 ? 8 : (have & 4 ? 4 : 2);
    if ((width != 2 && width != 4 && width != 8) || !(have & width) || !a)
        return ILRS_EINVAL;
    if (a->n == 0)
        return ILRS_OK;
    if (!a->tof_s || !a->status)
        return ILRS_EINVAL;
    for (int k = 0; k < 3; k++)
        if (!a->r1[k] || !a->r2[k] || !a->v1[k] || !a->v2[k])
            return ILRS_EINVAL;
    arrays_job job = {a, width};
    if (nthreads == 1)
        arrays_range(&job, 0, a->n);
    else
        ilrs_parallel_for(a->n, nthreads, arrays_range, &job);
    for (size_t i = 0; i < a->n; i++)
        if (a->status[i] != ILRS_OK)
            return a->status[i];
    return ILRS_OK;
}

int ilrs_lambert_solve_batch(const ilrs_lambert_problem *p, size_t n,
                             ilrs_lambert_solution *out, size_t per_problem,
                             size_t *nsol, int *status, int nthreads)
{
    return ilrs_lambert_solve_batch_width(p, n, out, per_problem, nsol,
                                          status, nthreads, 0);
}
