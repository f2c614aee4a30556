/*
 * cr3bp.c -- Earth-Moon CR3BP: Lagrange points, Jacobi constant,
 * symmetric periodic orbits by differential correction with
 * pseudo-arclength continuation, monodromy eigenvalues, conversion to the
 * ephemeris model.
 *
 * Free variables X of a member: (x0, vy0, tau) for planar families,
 * (x0, z0, vy0, tau) for halos, with tau the half period. Constraints F at
 * tau: (y, vx) planar, (y, vx, vz) spatial: a perpendicular crossing of
 * the x-z plane. One more equation picks the member: a fixed variable, the
 * pseudo-arclength condition t.(X - X_prev) = ds (Keller 1977), or a
 * parameter equal to a target.
 */
#include <gsl/gsl_eigen.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_odeiv2.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ilrs/constants.h"
#include "ilrs/cr3bp.h"
#include "ilrs/vec.h"
#include "orbit_int.h"

void ilrs_cr3bp_earth_moon(ilrs_cr3bp_system *s)
{
    s->mu = ILRS_GM_MOON / (ILRS_GM_EARTH + ILRS_GM_MOON);
    s->l_km = ILRS_CR3BP_EM_LENGTH_KM;
    s->t_s = sqrt(s->l_km * s->l_km * s->l_km /
                  (ILRS_GM_EARTH + ILRS_GM_MOON));
}

/* Collinear point: x where dU/dx = 0 on the x axis, Newton from a guess. */
static double collinear(double mu, double x)
{
    for (int it = 0; it < 100; it++) {
        double d1 = x + mu, d2 = x - 1 + mu;
        double f = x - (1 - mu) * d1 / pow(fabs(d1), 3) -
                   mu * d2 / pow(fabs(d2), 3);
        double df = 1 + 2 * (1 - mu) / pow(fabs(d1), 3) +
                    2 * mu / pow(fabs(d2), 3);
        double dx = f / df;
        x -= dx;
        if (fabs(dx) < 1e-15)
            break;
    }
    return x;
}

int ilrs_cr3bp_lagrange(double mu, double pts[5][3], ilrs_error *err)
{
    if (!(mu > 0 && mu <= 0.5))
        return ilrs_error_set(err, ILRS_EINVAL,
                              "cr3bp: mu must be in (0, 0.5], got %g", mu);
    double h = cbrt(mu / 3.0);   /* Hill radius: first guess */
    memset(pts, 0, 15 * sizeof(double));
    pts[0][0] = collinear(mu, 1 - mu - h);
    pts[1][0] = collinear(mu, 1 - mu + h);
    pts[2][0] = collinear(mu, -1 - 5.0 * mu / 12.0);
    pts[3][0] = pts[4][0] = 0.5 - mu;
    pts[3][1] = sqrt(3.0) / 2;
    pts[4][1] = -sqrt(3.0) / 2;
    return ILRS_OK;
}

double ilrs_cr3bp_jacobi(double mu, const double x[6])
{
    double r1 = sqrt(pow(x[0] + mu, 2) + x[1] * x[1] + x[2] * x[2]);
    double r2 = sqrt(pow(x[0] - 1 + mu, 2) + x[1] * x[1] + x[2] * x[2]);
    return x[0] * x[0] + x[1] * x[1] + 2 * (1 - mu) / r1 + 2 * mu / r2 -
           (x[3] * x[3] + x[4] * x[4] + x[5] * x[5]);
}

/* Equations of motion and (dimension 42) the variational equations. */
static int eom(double t, const double y[], double f[], void *params)
{
    (void)t;
    double mu = *(const double *)params;
    double dx1 = y[0] + mu, dx2 = y[0] - 1 + mu, yy = y[1], zz = y[2];
    double r1s = dx1 * dx1 + yy * yy + zz * zz, r2s = dx2 * dx2 + yy * yy +
                                                        zz * zz;
    double r1 = sqrt(r1s), r2 = sqrt(r2s);
    double a1 = (1 - mu) / (r1s * r1), a2 = mu / (r2s * r2);
    f[0] = y[3];
    f[1] = y[4];
    f[2] = y[5];
    f[3] = 2 * y[4] + y[0] - a1 * dx1 - a2 * dx2;
    f[4] = -2 * y[3] + yy - a1 * yy - a2 * yy;
    f[5] = -a1 * zz - a2 * zz;
    if (!isfinite(f[3]) || !isfinite(f[4]))
        return GSL_EBADFUNC;
    if (!params || ((const double *)params)[1] == 0.0)
        return GSL_SUCCESS;
    /* Hessian of the effective potential */
    double b1 = 3 * (1 - mu) / (r1s * r1s * r1), b2 = 3 * mu / (r2s * r2s *
                                                                r2);
    double d[3][3], p1[3] = {dx1, yy, zz}, p2[3] = {dx2, yy, zz};
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 3; j++)
            d[i][j] = b1 * p1[i] * p1[j] + b2 * p2[i] * p2[j] -
                      (i == j ? a1 + a2 : 0);
    d[0][0] += 1;
    d[1][1] += 1;
    const double *phi = y + 6;
    double *dp = f + 6;
    for (int j = 0; j < 6; j++) {
        for (int i = 0; i < 3; i++)
            dp[6 * i + j] = phi[6 * (i + 3) + j];
        for (int i = 0; i < 3; i++)
            dp[6 * (i + 3) + j] = d[i][0] * phi[j] + d[i][1] * phi[6 + j] +
                                  d[i][2] * phi[12 + j];
        dp[6 * 3 + j] += 2 * phi[6 * 4 + j];
        dp[6 * 4 + j] -= 2 * phi[6 * 3 + j];
    }
    return GSL_SUCCESS;
}

/* Integrate n = 6 or 42 equations from 0 to dt, stopping at each of the
   `nsamp` sample times if fn is given. */
static int integrate(double mu, double *y, int n, double dt, int nsamp,
                     ilrs_cr3bp_sample_fn fn, void *ctx, ilrs_error *err)
{
    double par[2] = {mu, n == 42 ? 1.0 : 0.0};
    gsl_odeiv2_system sys = {eom, NULL, (size_t)n, par};
    ilrs__gsl_errors_off();
    double h0 = dt >= 0 ? 1e-4 : -1e-4;
    gsl_odeiv2_driver *d = gsl_odeiv2_driver_alloc_y_new(
        &sys, gsl_odeiv2_step_rk8pd, h0, 1e-14, 1e-13);
    if (!d)
        return ilrs_error_set(err, ILRS_ENOMEM, "cr3bp: out of memory");
    gsl_odeiv2_driver_set_nmax(d, 2000000);
    double t = 0.0;
    int st = GSL_SUCCESS;
    if (fn && fn(ctx, 0.0, y))
        nsamp = 0;
    for (int k = 1; k <= (nsamp > 0 ? nsamp : 1) && st == GSL_SUCCESS; k++) {
        double tk = nsamp > 0 ? dt * k / nsamp : dt;
        st = gsl_odeiv2_driver_apply(d, &t, tk, y);
        if (st == GSL_SUCCESS && fn && nsamp > 0 && fn(ctx, t, y))
            break;
    }
    gsl_odeiv2_driver_free(d);
    if (st != GSL_SUCCESS)
        return ilrs_error_set(err, ILRS_ENOCONV,
                              "cr3bp: integration failed at t=%.6f "
                              "(collision or step underflow)", t);
    return ILRS_OK;
}

int ilrs_cr3bp_propagate(double mu, const double x0[6], double dt,
                         double x[6], double *stm, ilrs_error *err)
{
    double y[42];
    for (int k = 0; k < 6; k++)
        if (!isfinite(x0[k]))
            return ilrs_error_set(err, ILRS_EINVAL, "cr3bp: non-finite state");
    if (!isfinite(dt) || !(mu > 0 && mu <= 0.5))
        return ilrs_error_set(err, ILRS_EINVAL, "cr3bp: bad mu or time");
    memcpy(y, x0, 6 * sizeof(double));
    memset(y + 6, 0, 36 * sizeof(double));
    for (int i = 0; i < 6; i++)
        y[6 + 7 * i] = 1.0;
    int st = integrate(mu, y, stm ? 42 : 6, dt, 0, NULL, NULL, err);
    if (st < 0)
        return st;
    memcpy(x, y, 6 * sizeof(double));
    if (stm)
        memcpy(stm, y + 6, 36 * sizeof(double));
    return ILRS_OK;
}

int ilrs_cr3bp_sample(double mu, const double x0[6], double dt, int n,
                      ilrs_cr3bp_sample_fn fn, void *ctx, ilrs_error *err)
{
    double y[6];
    if (n < 1 || !fn)
        return ilrs_error_set(err, ILRS_EINVAL, "cr3bp: bad sample count");
    memcpy(y, x0, sizeof y);
    return integrate(mu, y, 6, dt, n, fn, ctx, err);
}

/* ---- families ---------------------------------------------------------- */

static const char *family_names[] = {"lyapunov-l1", "lyapunov-l2", "halo-l1",
                                     "halo-l2", "nrho", "dro"};

int ilrs_cr3bp_family_parse(const char *name)
{
    for (int k = 0; k < 6; k++)
        if (name && strcmp(name, family_names[k]) == 0)
            return k;
    return -1;
}

const char *ilrs_cr3bp_family_name(ilrs_cr3bp_family f)
{
    return (int)f >= 0 && (int)f < 6 ? family_names[f] : "unknown";
}

typedef struct {
    double mu;
    int planar;           /* X = (x0, vy0, tau) */
    int n;                /* number of free variables: 3 or 4 */
    ilrs_cr3bp_family fam;
} fam;

/* One evaluated member: X, the state at tau and the half-period STM. */
typedef struct {
    double X[4];
    double x0[6], xf[6], phi[36], f[6];
    double F[3];          /* residuals */
    double DF[3][4];
} member;

static void unpack(const fam *c, const double *X, double x0[6], double *tau)
{
    memset(x0, 0, 6 * sizeof(double));
    x0[0] = X[0];
    if (c->planar) {
        x0[4] = X[1];
        *tau = X[2];
    } else {
        x0[2] = X[1];
        x0[4] = X[2];
        *tau = X[3];
    }
}

static int eval_member(const fam *c, member *m, ilrs_error *err)
{
    double tau;
    unpack(c, m->X, m->x0, &tau);
    int st = ilrs_cr3bp_propagate(c->mu, m->x0, tau, m->xf, m->phi, err);
    if (st < 0)
        return st;
    double par[2] = {c->mu, 0.0};
    eom(0, m->xf, m->f, par);
    static const int rows3[3] = {1, 3, 5}, cols3[3] = {0, 2, 4};
    static const int cols2[2] = {0, 4};
    int nr = c->n - 1;
    for (int i = 0; i < nr; i++) {
        int r = rows3[i];
        m->F[i] = m->xf[r];
        for (int j = 0; j < nr; j++)
            m->DF[i][j] = m->phi[6 * r + (c->planar ? cols2[j] : cols3[j])];
        m->DF[i][nr] = m->f[r];
    }
    return ILRS_OK;
}

/* Solve A x = b (n <= 4) by Gaussian elimination with partial pivoting;
   -1 when singular. */
static int solve_small(int n, double A[4][4], double b[4], double x[4])
{
    for (int k = 0; k < n; k++) {
        int p = k;
        for (int i = k + 1; i < n; i++)
            if (fabs(A[i][k]) > fabs(A[p][k]))
                p = i;
        if (fabs(A[p][k]) < 1e-300)
            return -1;
        for (int j = 0; j < n; j++) {
            double t = A[k][j];
            A[k][j] = A[p][j];
            A[p][j] = t;
        }
        double t = b[k];
        b[k] = b[p];
        b[p] = t;
        for (int i = k + 1; i < n; i++) {
            double f = A[i][k] / A[k][k];
            for (int j = k; j < n; j++)
                A[i][j] -= f * A[k][j];
            b[i] -= f * b[k];
        }
    }
    for (int i = n - 1; i >= 0; i--) {
        double s = b[i];
        for (int j = i + 1; j < n; j++)
            s -= A[i][j] * x[j];
        x[i] = s / A[i][i];
    }
    return 0;
}

/* The quantity a parameter names, and its gradient over X. */
static double quantity(const fam *c, const member *m, ilrs_cr3bp_param p,
                       double grad[4])
{
    int n = c->n, iz = 1, ivy = c->planar ? 1 : 2, it = n - 1;
    double mu = c->mu;
    memset(grad, 0, 4 * sizeof(double));
    if (p == ILRS_CR3BP_BY_PERIOD) {
        grad[it] = 2;
        return 2 * m->X[it];
    }
    const double *x = m->x0;
    if (p == ILRS_CR3BP_BY_JACOBI) {
        double d1 = x[0] + mu, d2 = x[0] - 1 + mu;
        double r1 = sqrt(d1 * d1 + x[2] * x[2]), r2 = sqrt(d2 * d2 +
                                                             x[2] * x[2]);
        double k1 = 2 * (1 - mu) / (r1 * r1 * r1), k2 = 2 * mu / (r2 * r2 *
                                                                  r2);
        grad[0] = 2 * x[0] - k1 * d1 - k2 * d2;
        if (!c->planar)
            grad[iz] = -(k1 + k2) * x[2];
        grad[ivy] = -2 * x[4];
        return ilrs_cr3bp_jacobi(mu, x);
    }
    if (c->fam == ILRS_CR3BP_DRO) {
        grad[0] = 1;
        return x[0] - (1 - mu);
    }
    if (c->planar) {   /* Lyapunov: Ax = |x(tau) - x0| / 2 */
        double s = m->xf[0] >= x[0] ? 0.5 : -0.5;
        grad[0] = s * (m->phi[0] - 1);
        grad[ivy] = s * m->phi[4];
        grad[it] = s * m->f[0];
        return s * (m->xf[0] - x[0]);
    }
    if (fabs(x[2]) >= fabs(m->xf[2])) {
        grad[iz] = x[2] >= 0 ? 1 : -1;
        return fabs(x[2]);
    }
    double s = m->xf[2] >= 0 ? 1 : -1;
    grad[0] = s * m->phi[12];
    grad[iz] = s * m->phi[14];
    grad[ivy] = s * m->phi[16];
    grad[it] = s * m->f[2];
    return fabs(m->xf[2]);
}

/* Kinds of the closing equation. */
enum { CLOSE_FIX, CLOSE_PAL, CLOSE_TARGET };

typedef struct {
    int kind;
    int index;            /* CLOSE_FIX: variable held */
    double value;         /* CLOSE_FIX value, CLOSE_TARGET value, PAL ds */
    double xprev[4], t[4];/* CLOSE_PAL */
    ilrs_cr3bp_param param;
} closing;

/* Newton on F(X) = 0 plus the closing equation. On return m holds the
   evaluated converged member. */
static int correct(const fam *c, member *m, const closing *cl,
                   ilrs_error *err)
{
    int n = c->n, nr = n - 1;
    for (int it = 0; it < 25; it++) {
        int st = eval_member(c, m, err);
        if (st < 0)
            return st;
        double A[4][4], b[4], dx[4], g[4], h;
        for (int i = 0; i < nr; i++) {
            for (int j = 0; j < n; j++)
                A[i][j] = m->DF[i][j];
            b[i] = -m->F[i];
        }
        if (cl->kind == CLOSE_FIX) {
            memset(g, 0, sizeof g);
            g[cl->index] = 1;
            h = m->X[cl->index] - cl->value;
        } else if (cl->kind == CLOSE_PAL) {
            h = -cl->value;
            for (int j = 0; j < n; j++) {
                g[j] = cl->t[j];
                h += cl->t[j] * (m->X[j] - cl->xprev[j]);
            }
        } else {
            h = quantity(c, m, cl->param, g) - cl->value;
        }
        double res = fabs(h);
        for (int i = 0; i < nr; i++)
            res = fmax(res, fabs(m->F[i]));
        if (res < 1e-11)
            return ILRS_OK;
        for (int j = 0; j < n; j++)
            A[nr][j] = g[j];
        b[nr] = -h;
        if (solve_small(n, A, b, dx))
            break;
        double step = 0;
        for (int j = 0; j < n; j++)
            step = fmax(step, fabs(dx[j]));
        double scale = step > 0.05 ? 0.05 / step : 1.0;
        for (int j = 0; j < n; j++)
            m->X[j] += scale * dx[j];
        if (m->X[n - 1] <= 0)
            break;
    }
    return ilrs_error_set(err, ILRS_ENOCONV,
                          "cr3bp: differential correction did not converge "
                          "(%s)", family_names[c->fam]);
}

/* Unit tangent of the family at m: the null vector of DF, oriented along
   `prev` (which must not be orthogonal to it). */
static int tangent(const fam *c, const member *m, const double prev[4],
                   double t[4])
{
    int n = c->n, nr = n - 1;
    double A[4][4], b[4];
    for (int i = 0; i < nr; i++) {
        for (int j = 0; j < n; j++)
            A[i][j] = m->DF[i][j];
        b[i] = 0;
    }
    for (int j = 0; j < n; j++)
        A[nr][j] = prev[j];
    b[nr] = 1;
    if (solve_small(n, A, b, t))
        return -1;
    double s = 0;
    for (int j = 0; j < n; j++)
        s += t[j] * t[j];
    s = sqrt(s);
    for (int j = 0; j < n; j++)
        t[j] /= s;
    return 0;
}

/* One pseudo-arclength step from m (tangent t) of length ds, halving ds
   on failure. Updates m, t, ds. */
static int pal_step(const fam *c, member *m, double t[4], double *ds,
                    ilrs_error *err)
{
    for (int tries = 0; tries < 12; tries++) {
        member next = *m;
        closing cl = {CLOSE_PAL, 0, *ds, {0}, {0}, 0};
        memcpy(cl.xprev, m->X, sizeof cl.xprev);
        memcpy(cl.t, t, sizeof cl.t);
        for (int j = 0; j < c->n; j++)
            next.X[j] = m->X[j] + *ds * t[j];
        if (correct(c, &next, &cl, err) == ILRS_OK) {
            double tn[4];
            if (tangent(c, &next, t, tn) == 0) {
                *m = next;
                memcpy(t, tn, sizeof tn);
                return ILRS_OK;
            }
        }
        *ds *= 0.5;
    }
    return ilrs_error_set(err, ILRS_ENOCONV,
                          "cr3bp: continuation of %s stalled",
                          family_names[c->fam]);
}

/* ---- walking a family ---------------------------------------------------- */

#define MAX_MEMBERS 4000
#define NRHO_RP_MIN_KM 1850.0    /* Zimovan, Howell and Davis (2017) */
#define NRHO_RP_MAX_KM 17350.0

static void moon_distances(const fam *c, const member *m, double *rmin,
                           double *rmax)
{
    double a = hypot(m->x0[0] - 1 + c->mu, m->x0[2]);
    double b = hypot(m->xf[0] - 1 + c->mu, m->xf[2]);
    *rmin = fmin(a, b);
    *rmax = fmax(a, b);
}

/* Whether a member lies in the part of the family followed here. */
static int in_followed_range(const fam *c, const member *m, double l_km)
{
    double g[4], rmin, rmax, amp = quantity(c, m, ILRS_CR3BP_BY_AMPLITUDE, g);
    moon_distances(c, m, &rmin, &rmax);
    switch (c->fam) {
    case ILRS_CR3BP_LYAPUNOV_L1:
    case ILRS_CR3BP_LYAPUNOV_L2:
        return amp <= 0.2 && rmin * l_km >= 2500.0;
    case ILRS_CR3BP_DRO:
        return amp <= 0.5;
    default:
        return rmin * l_km >= NRHO_RP_MIN_KM;
    }
}

static int selectable(const fam *c, const member *m, double l_km)
{
    double rmin, rmax;
    if (c->fam != ILRS_CR3BP_NRHO)
        return 1;
    moon_distances(c, m, &rmin, &rmax);
    return rmin * l_km <= NRHO_RP_MAX_KM;
}

/* Linear Lyapunov seed near L1 or L2 (Szebehely 1967 ch. 5 linearisation):
   x = xL - A cos(l t), y = B sin(l t) with l the in-plane frequency. */
static int seed_lyapunov(fam *c, int which, member *m, double t[4],
                         ilrs_error *err)
{
    double pts[5][3];
    ilrs_cr3bp_lagrange(c->mu, pts, err);
    double xl = pts[which][0], mu = c->mu;
    double k = (1 - mu) / pow(fabs(xl + mu), 3) + mu / pow(fabs(xl - 1 + mu),
                                                           3);
    double uxx = 1 + 2 * k, uyy = 1 - k, b = 4 - uxx - uyy;
    double l2 = 0.5 * (b + sqrt(b * b - 4 * uxx * uyy)), l = sqrt(l2);
    double ax = 5e-4;
    c->planar = 1;
    c->n = 3;
    memset(m, 0, sizeof *m);
    m->X[0] = xl - ax;
    m->X[1] = 0.5 * (l2 + uxx) * ax;
    m->X[2] = ILRS_PI / l;
    closing cl = {CLOSE_FIX, 0, m->X[0], {0}, {0}, 0};
    int st = correct(c, m, &cl, err);
    if (st < 0)
        return st;
    double prev[4] = {-1, 0, 0, 0};
    return tangent(c, m, prev, t) ? ilrs_error_set(err, ILRS_ENOCONV,
                                                   "cr3bp: singular seed")
                                  : ILRS_OK;
}

/* A small DRO on the far side: retrograde circular speed about the Moon
   plus the frame rate. */
static int seed_dro(fam *c, member *m, double t[4], ilrs_error *err)
{
    double d = 0.03, mu = c->mu, n = sqrt(mu / (d * d * d));
    c->planar = 1;
    c->n = 3;
    memset(m, 0, sizeof *m);
    m->X[0] = 1 - mu + d;
    m->X[1] = -(sqrt(mu / d) + d);
    m->X[2] = ILRS_PI / (n + 1);
    closing cl = {CLOSE_FIX, 0, m->X[0], {0}, {0}, 0};
    int st = correct(c, m, &cl, err);
    if (st < 0)
        return st;
    double prev[4] = {1, 0, 0, 0};
    return tangent(c, m, prev, t) ? ilrs_error_set(err, ILRS_ENOCONV,
                                                   "cr3bp: singular seed")
                                  : ILRS_OK;
}

/* Trace of the out-of-plane block of the monodromy matrix minus 2: zero
   where a planar orbit bifurcates into the halo family. */
static int vertical_index(const fam *c, const member *m, double *g,
                          ilrs_error *err)
{
    double x[6], M[36];
    int st = ilrs_cr3bp_propagate(c->mu, m->x0, 2 * m->X[c->n - 1], x, M,
                                  err);
    *g = M[6 * 2 + 2] + M[6 * 5 + 5] - 2.0;
    return st;
}

/* The halo family's start: walk the Lyapunov family to the vertical
   bifurcation, locate it by bisection, step off along z0. */
static int seed_halo(fam *c, int which, member *m, double t[4],
                     ilrs_error *err)
{
    double ds = 2e-3, g0, g1;
    member a;
    int st = seed_lyapunov(c, which, m, t, err);
    if (st < 0 || (st = vertical_index(c, m, &g0, err)) < 0)
        return st;
    for (int k = 0; k < 2000; k++) {
        a = *m;
        double ta[4], used = ds;
        memcpy(ta, t, sizeof ta);
        if ((st = pal_step(c, m, t, &used, err)) < 0 ||
            (st = vertical_index(c, m, &g1, err)) < 0)
            return st;
        if ((g0 > 0) != (g1 > 0)) {
            double lo = 0, hi = used;
            for (int it = 0; it < 40; it++) {
                double mid = 0.5 * (lo + hi), tt[4], gm;
                *m = a;
                memcpy(tt, ta, sizeof tt);
                double s = mid;
                if ((st = pal_step(c, m, tt, &s, err)) < 0 ||
                    (st = vertical_index(c, m, &gm, err)) < 0)
                    return st;
                if ((gm > 0) == (g0 > 0))
                    lo = mid;
                else
                    hi = mid;
            }
            break;
        }
        g0 = g1;
        if (k == 1999)
            return ilrs_error_set(err, ILRS_ENOCONV,
                                  "cr3bp: no halo bifurcation found");
    }
    /* spatial variables (x0, z0, vy0, tau) */
    double X3[3] = {m->X[0], m->X[1], m->X[2]};
    c->planar = 0;
    c->n = 4;
    m->X[0] = X3[0];
    m->X[1] = 1e-3;
    m->X[2] = X3[1];
    m->X[3] = X3[2];
    closing cl = {CLOSE_FIX, 1, 1e-3, {0}, {0}, 0};
    if ((st = correct(c, m, &cl, err)) < 0)
        return st;
    double prev[4] = {0, 1, 0, 0};
    return tangent(c, m, prev, t) ? ilrs_error_set(err, ILRS_ENOCONV,
                                                   "cr3bp: singular seed")
                                  : ILRS_OK;
}

static int seed_family(fam *c, member *m, double t[4], ilrs_error *err)
{
    switch (c->fam) {
    case ILRS_CR3BP_LYAPUNOV_L1:
        return seed_lyapunov(c, 0, m, t, err);
    case ILRS_CR3BP_LYAPUNOV_L2:
        return seed_lyapunov(c, 1, m, t, err);
    case ILRS_CR3BP_HALO_L1:
        return seed_halo(c, 0, m, t, err);
    case ILRS_CR3BP_DRO:
        return seed_dro(c, m, t, err);
    default:
        return seed_halo(c, 1, m, t, err);
    }
}

/* The full description of a member; mirrored to the requested branch. */
static int describe(const fam *c, const member *m, int south, double l_km,
                    ilrs_cr3bp_orbit *o, ilrs_error *err)
{
    double g[4], x[6], M[36];
    memset(o, 0, sizeof *o);
    o->family = c->fam;
    memcpy(o->x0, m->x0, sizeof o->x0);
    o->period = 2 * m->X[c->n - 1];
    o->jacobi = ilrs_cr3bp_jacobi(c->mu, m->x0);
    o->amplitude = quantity(c, m, ILRS_CR3BP_BY_AMPLITUDE, g);
    moon_distances(c, m, &o->rmin_moon, &o->rmax_moon);
    (void)l_km;
    if (!c->planar) {
        double zbig = fabs(m->x0[2]) >= fabs(m->xf[2]) ? m->x0[2] : m->xf[2];
        if ((zbig < 0) != (south != 0)) {
            o->x0[2] = -o->x0[2];
            o->x0[5] = -o->x0[5];
        }
        o->south = south != 0;
    }
    int st = ilrs_cr3bp_propagate(c->mu, o->x0, o->period, x, M, err);
    if (st < 0)
        return st;
    double d = 0;
    for (int k = 0; k < 6; k++)
        d += (x[k] - o->x0[k]) * (x[k] - o->x0[k]);
    o->closure = sqrt(d);
    gsl_matrix_view mv = gsl_matrix_view_array(M, 6, 6);
    gsl_vector_complex *ev = gsl_vector_complex_alloc(6);
    gsl_eigen_nonsymm_workspace *w = gsl_eigen_nonsymm_alloc(6);
    if (!ev || !w) {
        gsl_vector_complex_free(ev);
        gsl_eigen_nonsymm_free(w);
        return ilrs_error_set(err, ILRS_ENOMEM, "cr3bp: out of memory");
    }
    gsl_eigen_nonsymm_params(0, 1, w);
    st = gsl_eigen_nonsymm(&mv.matrix, ev, w);
    o->stability = 1.0;
    for (int k = 0; k < 6 && st == 0; k++) {
        gsl_complex z = gsl_vector_complex_get(ev, k);
        o->eig_re[k] = GSL_REAL(z);
        o->eig_im[k] = GSL_IMAG(z);
        double r = hypot(o->eig_re[k], o->eig_im[k]);
        if (r > 0)
            o->stability = fmax(o->stability, 0.5 * (r + 1 / r));
    }
    gsl_vector_complex_free(ev);
    gsl_eigen_nonsymm_free(w);
    return st ? ilrs_error_set(err, ILRS_ENOCONV,
                               "cr3bp: monodromy eigenvalues failed")
              : ILRS_OK;
}

/* Walk from the seed; keep members (X) in `out` (up to max) while inside
   the followed range. *count gets the number kept. If `cl` is a target,
   stop at the first bracket and leave the refined member in *hit. */
static int walk(fam *c, double l_km, const closing *target, member *hit,
                double (*keep)[4], int max, int *count, ilrs_error *err)
{
    member m;
    double t[4], ds = 2e-3, g[4];
    int st = seed_family(c, &m, t, err);
    if (st < 0)
        return st;
    double qprev = target ? quantity(c, &m, target->param, g) : 0;
    *count = 0;
    for (int k = 0; k < MAX_MEMBERS; k++) {
        if (!in_followed_range(c, &m, l_km))
            break;
        if (keep && *count < max && selectable(c, &m, l_km))
            memcpy(keep[(*count)++], m.X, sizeof m.X);
        member prev = m;
        double used = ds;
        if ((st = pal_step(c, &m, t, &used, err)) < 0)
            return st;
        ds = fmin(used * 1.5, 0.02);
        if (!target)
            continue;
        double q = quantity(c, &m, target->param, g);
        if ((qprev - target->value) * (q - target->value) <= 0 &&
            selectable(c, &m, l_km) && in_followed_range(c, &m, l_km)) {
            double f = (target->value - qprev) / (q - qprev);
            for (int j = 0; j < c->n; j++)
                hit->X[j] = prev.X[j] + f * (m.X[j] - prev.X[j]);
            return correct(c, hit, target, err);
        }
        qprev = q;
    }
    if (target)
        return ilrs_error_set(err, ILRS_ERANGE,
                              "cr3bp: the %s family (as followed here) never "
                              "reaches that value", family_names[c->fam]);
    return ILRS_OK;
}

int ilrs_cr3bp_family_orbit(const ilrs_cr3bp_system *sys,
                            ilrs_cr3bp_family family, int south,
                            ilrs_cr3bp_param param, double value,
                            ilrs_cr3bp_orbit *out, ilrs_error *err)
{
    if ((int)family < 0 || (int)family > 5 || !isfinite(value) ||
        (int)param < 0 || (int)param > 2)
        return ilrs_error_set(err, ILRS_EINVAL, "cr3bp: bad family or "
                                                "parameter");
    fam c = {sys->mu, 1, 3, family};
    closing cl = {CLOSE_TARGET, 0, value, {0}, {0}, param};
    member hit;
    int n, st = walk(&c, sys->l_km, &cl, &hit, NULL, 0, &n, err);
    if (st < 0)
        return st;
    return describe(&c, &hit, south, sys->l_km, out, err);
}

int ilrs_cr3bp_family_sweep(const ilrs_cr3bp_system *sys,
                            ilrs_cr3bp_family family, int south, int n,
                            ilrs_cr3bp_orbit *out, ilrs_error *err)
{
    if (n < 1 || n > 1000 || (int)family < 0 || (int)family > 5)
        return ilrs_error_set(err, ILRS_EINVAL,
                              "cr3bp: count must be 1..1000, got %d", n);
    double(*keep)[4] = malloc(MAX_MEMBERS * sizeof *keep);
    if (!keep)
        return ilrs_error_set(err, ILRS_ENOMEM, "cr3bp: out of memory");
    fam c = {sys->mu, 1, 3, family};
    int count = 0, st = walk(&c, sys->l_km, NULL, NULL, keep, MAX_MEMBERS,
                             &count, err);
    if (st >= 0 && count < 1)
        st = ilrs_error_set(err, ILRS_ERANGE, "cr3bp: empty family");
    for (int k = 0; k < n && st >= 0; k++) {
        int idx = n == 1 ? count / 2
                         : (int)lround((double)k * (count - 1) / (n - 1));
        member m;
        memset(&m, 0, sizeof m);
        memcpy(m.X, keep[idx], sizeof m.X);
        if ((st = eval_member(&c, &m, err)) >= 0)
            st = describe(&c, &m, south, sys->l_km, &out[k], err);
    }
    free(keep);
    return st < 0 ? st : ILRS_OK;
}

int ilrs_cr3bp_to_ephem(const ilrs_ephem *eph, const ilrs_cr3bp_system *sys,
                        double t, const double xr[6], double out[6],
                        ilrs_error *err)
{
    double em[6], h[3], xh[3], yh[3], zh[3];
    int st = ilrs_ephem_state(eph, 301, 399, t, em, err);
    if (st < 0)
        return st;
    double l = ilrs_vec3_norm(em);
    ilrs_vec3_cross(em, em + 3, h);
    double hn = ilrs_vec3_norm(h), w = hn / (l * l);
    double ldot = ilrs_vec3_dot(em, em + 3) / l;
    for (int k = 0; k < 3; k++) {
        xh[k] = em[k] / l;
        zh[k] = h[k] / hn;
    }
    ilrs_vec3_cross(zh, xh, yh);
    /* position from the Earth, normalised; rotating-frame velocity in
       normalised units times the instantaneous rate w (rad/s) */
    double p[3] = {xr[0] + sys->mu, xr[1], xr[2]};
    double v[3] = {ldot * p[0] + l * w * (xr[3] - p[1]),
                   ldot * p[1] + l * w * (xr[4] + p[0]),
                   ldot * p[2] + l * w * xr[5]};
    for (int k = 0; k < 3; k++) {
        out[k] = l * (p[0] * xh[k] + p[1] * yh[k] + p[2] * zh[k]);
        out[3 + k] = v[0] * xh[k] + v[1] * yh[k] + v[2] * zh[k];
    }
    return ILRS_OK;
}
