/*
 * lambert.c -- Lambert's problem after Izzo (2015): the time of flight as
 * a function of one variable x, solved by Householder's third-order
 * iteration from Izzo's initial guesses; Battin's hypergeometric series
 * near x = 1 where Lagrange's form loses precision.
 */
#include "ilrs/orbit.h"

#include <math.h>

#include "ilrs/constants.h"
#include "ilrs/vec.h"

#define MAX_ITER 50
#define X_TOL 1e-13

/* Gauss hypergeometric F(3, 1; 5/2; z) by its series (|z| < 1 here). */
static double hyp2f1b(double z)
{
    if (z >= 1.0)
        return INFINITY;
    double sum = 1.0, term = 1.0;
    for (int j = 0; j < 200; j++) {
        term *= (3.0 + j) * (1.0 + j) / (2.5 + j) * z / (j + 1.0);
        sum += term;
        if (fabs(term) <= 1e-16 * fabs(sum))
            break;
    }
    return sum;
}

/* Non-dimensional time of flight T(x) for N revolutions. */
static double tof_of_x(double x, double lam, int n)
{
    double y = sqrt(1.0 - lam * lam * (1.0 - x * x));
    if (n == 0 && x > sqrt(0.6) && x < sqrt(1.4)) {
        double eta = y - lam * x;
        double s1 = 0.5 * (1.0 - lam - x * eta);
        double q = 4.0 / 3.0 * hyp2f1b(s1);
        return 0.5 * (eta * eta * eta * q + 4.0 * lam * eta);
    }
    double a = 1.0 / (1.0 - x * x);
    if (a > 0.0) {  /* ellipse */
        double alfa = 2.0 * acos(fmax(-1.0, fmin(1.0, x)));
        double beta = 2.0 * asin(sqrt(lam * lam / a));
        if (lam < 0.0)
            beta = -beta;
        return a * sqrt(a) *
               ((alfa - sin(alfa)) - (beta - sin(beta)) + 2.0 * ILRS_PI * n) /
               2.0;
    }
    double alfa = 2.0 * acosh(x);
    double beta = 2.0 * asinh(sqrt(-lam * lam / a));
    if (lam < 0.0)
        beta = -beta;
    return -a * sqrt(-a) * ((beta - sinh(beta)) - (alfa - sinh(alfa))) / 2.0;
}

/* First three derivatives of T(x) (Izzo 2015, eq. 22). */
static void tof_derivs(double x, double t, double lam, double *d1,
                       double *d2, double *d3)
{
    double l2 = lam * lam, l3 = l2 * lam, umx2 = 1.0 - x * x;
    double y = sqrt(1.0 - l2 * umx2), y2 = y * y, y3 = y2 * y;
    *d1 = 1.0 / umx2 * (3.0 * t * x - 2.0 + 2.0 * l3 * x / y);
    *d2 = 1.0 / umx2 * (3.0 * t + 5.0 * x * *d1 + 2.0 * (1.0 - l2) * l3 / y3);
    *d3 = 1.0 / umx2 *
          (7.0 * x * *d2 + 8.0 * *d1 - 6.0 * (1.0 - l2) * l2 * l3 * x / y3 / y2);
}

/* Householder iteration on T(x) = target from x0. */
static int householder(double target, double x0, int n, double lam,
                       double *x, int *iters)
{
    double xk = x0;
    for (int it = 1; it <= MAX_ITER; it++) {
        double t = tof_of_x(xk, lam, n), d1, d2, d3;
        tof_derivs(xk, t, lam, &d1, &d2, &d3);
        double delta = t - target, d1sq = d1 * d1;
        double step = delta * (d1sq - delta * d2 / 2.0) /
                      (d1 * (d1sq - delta * d2) + d3 * delta * delta / 6.0);
        double xn = xk - step;
        if (!isfinite(xn))
            return ILRS_ENOCONV;
        if (fabs(xn - xk) < X_TOL) {
            *x = xn;
            *iters = it;
            return ILRS_OK;
        }
        xk = xn;
    }
    return ILRS_ENOCONV;
}

/* Halley iteration for the minimum of T(x) with n revolutions. */
static int tmin(double lam, int n, double *tm)
{
    double x = 0.0, t = tof_of_x(x, lam, n);
    for (int it = 0; it < MAX_ITER; it++) {
        double d1, d2, d3;
        tof_derivs(x, t, lam, &d1, &d2, &d3);
        if (d1 == 0.0)
            break;
        double xn = x - d1 * d2 / (d2 * d2 - d1 * d3 / 2.0);
        if (!isfinite(xn) || fabs(xn) >= 1.0)
            return ILRS_ENOCONV;
        int done = fabs(xn - x) < X_TOL;
        x = xn;
        t = tof_of_x(x, lam, n);
        if (done)
            break;
    }
    *tm = t;
    return ILRS_OK;
}

/* The velocities of a solution x (Izzo 2015, Algorithm 1, last block). */
static void velocities(double x, double lam, double gamma, double rho,
                       double sigma, double r1n, double r2n,
                       const double ir1[3], const double ir2[3],
                       const double it1[3], const double it2[3],
                       ilrs_lambert_solution *s)
{
    double y = sqrt(1.0 - lam * lam * (1.0 - x * x));
    double vr1 = gamma * ((lam * y - x) - rho * (lam * y + x)) / r1n;
    double vr2 = -gamma * ((lam * y - x) + rho * (lam * y + x)) / r2n;
    double vt = gamma * sigma * (y + lam * x);
    for (int k = 0; k < 3; k++) {
        s->v1[k] = vr1 * ir1[k] + vt / r1n * it1[k];
        s->v2[k] = vr2 * ir2[k] + vt / r2n * it2[k];
    }
    s->x = x;
}

/* Izzo's initial guess for N = 0. */
static double guess0(double t, double lam)
{
    double t00 = acos(lam) + lam * sqrt(1.0 - lam * lam);
    double t1 = 2.0 / 3.0 * (1.0 - lam * lam * lam);
    if (t >= t00)
        return -(t - t00) / (t - t00 + 4.0);
    if (t <= t1)
        return t1 * (t1 - t) / (2.0 / 5.0 * (1.0 - pow(lam, 5)) * t) + 1.0;
    return pow(t / t00, log2(t1 / t00)) - 1.0;
}

int ilrs_lambert_solve(const double r1[3], const double r2[3], double tof_s,
                       double mu, int max_revs, int retrograde,
                       ilrs_lambert_solution *out, size_t max_out,
                       size_t *nsol, ilrs_error *err)
{
    *nsol = 0;
    double r1n = ilrs_vec3_norm(r1), r2n = ilrs_vec3_norm(r2);
    if (!(tof_s > 0.0) || !(mu > 0.0) || !(r1n > 0.0) || !(r2n > 0.0) ||
        !isfinite(tof_s) || !isfinite(mu) || !isfinite(r1n) ||
        !isfinite(r2n) || max_revs < 0)
        return ilrs_error_set(err, ILRS_EINVAL,
                              "lambert: need nonzero finite positions, "
                              "tof > 0, mu > 0, max_revs >= 0");
    double c[3] = {r2[0] - r1[0], r2[1] - r1[1], r2[2] - r1[2]};
    double cn = ilrs_vec3_norm(c), s = 0.5 * (r1n + r2n + cn);
    double ir1[3], ir2[3], ih[3], it1[3], it2[3];
    for (int k = 0; k < 3; k++) {
        ir1[k] = r1[k] / r1n;
        ir2[k] = r2[k] / r2n;
    }
    ilrs_vec3_cross(ir1, ir2, ih);
    double hn = ilrs_vec3_norm(ih);
    if (hn < 1e-12)
        return ilrs_error_set(err, ILRS_EINVAL,
                              "lambert: r1 and r2 are collinear (0 or 180 "
                              "deg transfer): the transfer plane is "
                              "undefined");
    for (int k = 0; k < 3; k++)
        ih[k] /= hn;
    double lam2 = 1.0 - cn / s, lam = sqrt(fmax(0.0, lam2));
    if (ih[2] < 0.0) {
        lam = -lam;
        ilrs_vec3_cross(ir1, ih, it1);
        ilrs_vec3_cross(ir2, ih, it2);
    } else {
        ilrs_vec3_cross(ih, ir1, it1);
        ilrs_vec3_cross(ih, ir2, it2);
    }
    if (retrograde) {
        lam = -lam;
        for (int k = 0; k < 3; k++) {
            it1[k] = -it1[k];
            it2[k] = -it2[k];
        }
    }
    double t = sqrt(2.0 * mu / (s * s * s)) * tof_s;
    /* Most revolutions possible for this T. */
    int nmax = (int)floor(t / ILRS_PI);
    double t00 = acos(lam) + lam * sqrt(1.0 - lam * lam);
    if (nmax > 0 && t < t00 + nmax * ILRS_PI) {
        double tm;
        if (tmin(lam, nmax, &tm) == ILRS_OK && tm > t)
            nmax--;
    }
    if (nmax > max_revs)
        nmax = max_revs;
    double gamma = sqrt(mu * s / 2.0), rho = (r1n - r2n) / cn;
    double sigma = sqrt(fmax(0.0, 1.0 - rho * rho));
    for (int n = 0; n <= nmax; n++)
        for (int b = (n ? -1 : 0); b <= (n ? 1 : 0); b += 2) {
            if (*nsol >= max_out)
                return ILRS_OK;
            double x0, x;
            if (n == 0) {
                x0 = guess0(t, lam);
            } else {
                double q = b < 0 ? pow((n * ILRS_PI + ILRS_PI) / (8.0 * t),
                                       2.0 / 3.0)
                                 : pow(8.0 * t / (n * ILRS_PI), 2.0 / 3.0);
                x0 = (q - 1.0) / (q + 1.0);
            }
            ilrs_lambert_solution *sol = &out[*nsol];
            if (householder(t, x0, n, lam, &x, &sol->iters) != ILRS_OK) {
                *nsol = 0;
                return ilrs_error_set(err, ILRS_ENOCONV,
                                      "lambert: %d-revolution solution "
                                      "did not converge", n);
            }
            sol->revs = n;
            sol->branch = b;
            velocities(x, lam, gamma, rho, sigma, r1n, r2n, ir1, ir2, it1,
                       it2, sol);
            (*nsol)++;
        }
    return ILRS_OK;
}
