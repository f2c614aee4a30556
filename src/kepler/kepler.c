/*
 * kepler.c -- two-body conics: universal-variable propagation (Bate,
 * Mueller & White 1971, ch. 4; Curtis, Orbital Mechanics for Engineering
 * Students, 3rd ed., sec. 3.7), elements <-> states.
 */
#include "ilrs/kepler.h"

#include <math.h>

#include "ilrs/constants.h"
#include "ilrs/vec.h"

/* Iteration limits of the universal Kepler equation. */
#define KEPLER_MAX_ITER 200
#define KEPLER_TOL 1e-13   /* relative, on the time of flight */

/* Stumpff functions C(z) and S(z), with series near z = 0. */
static void stumpff(double z, double *c, double *s)
{
    if (fabs(z) < 1e-3) {
        *c = 0.5 - z / 24.0 + z * z / 720.0 - z * z * z / 40320.0;
        *s = 1.0 / 6.0 - z / 120.0 + z * z / 5040.0 - z * z * z / 362880.0;
    } else if (z > 0.0) {
        double q = sqrt(z);
        *c = (1.0 - cos(q)) / z;
        *s = (q - sin(q)) / (q * z);
    } else {
        double q = sqrt(-z);
        *c = (cosh(q) - 1.0) / -z;
        *s = (sinh(q) - q) / (q * -z);
    }
}

/* Time of flight (s, times sqrt(mu)) for universal anomaly x, and its
   derivative r (km). */
static void tof(double x, double r0, double sigma0, double alpha, double *t,
                double *r)
{
    double z = alpha * x * x, c, s;
    stumpff(z, &c, &s);
    *t = sigma0 * x * x * c + (1.0 - alpha * r0) * x * x * x * s + r0 * x;
    *r = sigma0 * x * (1.0 - z * s) + (1.0 - alpha * r0) * x * x * c + r0;
}

/* Solve sqrt(mu) dt = tof(x) for x: Newton steps kept inside a bracket,
   bisection when a step leaves it (tof is increasing: dtof/dx = r > 0). */
static int solve_x(double r0, double sigma0, double alpha, double target,
                   double *x_out)
{
    double lo = 0.0, hi = 0.0, t, r, x;
    double step = fabs(target) / r0;
    if (target == 0.0) {
        *x_out = 0.0;
        return ILRS_OK;
    }
    /* Hyperbolas: start where |z| <= 1 so that cosh cannot overflow
       before the bracket closes. */
    if (alpha < 0.0 && step > 1.0 / sqrt(-alpha))
        step = 1.0 / sqrt(-alpha);
    if (target < 0.0)
        step = -step;
    /* Bracket the root by doubling (tof grows at least linearly). */
    for (int i = 0;; i++) {
        tof(step, r0, sigma0, alpha, &t, &r);
        if (!isfinite(t) || i == 2000)
            return ILRS_ENOCONV;
        if ((target > 0.0) ? t >= target : t <= target)
            break;
        step *= 2.0;
    }
    lo = target > 0.0 ? 0.0 : step;
    hi = target > 0.0 ? step : 0.0;
    x = alpha > 0.0 ? alpha * target : 0.5 * (lo + hi);  /* Vallado 2-4 */
    if (!(x > lo && x < hi))
        x = 0.5 * (lo + hi);
    for (int i = 0; i < KEPLER_MAX_ITER; i++) {
        tof(x, r0, sigma0, alpha, &t, &r);
        double f = t - target;
        if (fabs(f) <= KEPLER_TOL * fmax(fabs(target), r0)) {
            *x_out = x;
            return ILRS_OK;
        }
        if (f > 0.0)
            hi = x;
        else
            lo = x;
        double nx = x - f / r;
        x = (nx > lo && nx < hi) ? nx : 0.5 * (lo + hi);
        if (hi - lo <= 1e-15 * fabs(x)) {
            *x_out = x;
            return ILRS_OK;
        }
    }
    return ILRS_ENOCONV;
}

int ilrs_kepler_propagate(const double s0[6], double dt, double gm,
                          double out[6], ilrs_error *err)
{
    double r0 = ilrs_vec3_norm(s0), v2 = ilrs_vec3_dot(s0 + 3, s0 + 3);
    if (!(gm > 0.0) || !(r0 > 0.0) || !isfinite(dt) || !isfinite(v2))
        return ilrs_error_set(err, ILRS_EINVAL,
                              "kepler: need gm > 0, r != 0 and finite input");
    double sq = sqrt(gm), alpha = 2.0 / r0 - v2 / gm;
    double sigma0 = ilrs_vec3_dot(s0, s0 + 3) / sq;
    if (alpha > 0.0) {  /* ellipse: reduce dt to within one period */
        double period = 2.0 * ILRS_PI / (sqrt(alpha) * alpha * sq);
        dt = fmod(dt, period);
    }
    double x;
    if (solve_x(r0, sigma0, alpha, sq * dt, &x) != ILRS_OK)
        return ilrs_error_set(err, ILRS_ENOCONV,
                              "kepler: universal anomaly did not converge "
                              "(dt %g s)", dt);
    double z = alpha * x * x, c, s, t, r;
    stumpff(z, &c, &s);
    tof(x, r0, sigma0, alpha, &t, &r);
    double f = 1.0 - x * x / r0 * c, g = dt - x * x * x / sq * s;
    double fd = sq / (r * r0) * x * (z * s - 1.0), gd = 1.0 - x * x / r * c;
    double o[6];
    for (int k = 0; k < 3; k++) {
        o[k] = f * s0[k] + g * s0[3 + k];
        o[3 + k] = fd * s0[k] + gd * s0[3 + k];
    }
    for (int k = 0; k < 6; k++)
        out[k] = o[k];
    return ILRS_OK;
}

/* Perifocal -> frame: columns P, Q, W of R3(-node) R1(-i) R3(-argp). */
static void perifocal(const ilrs_conic *c, double p[3], double q[3])
{
    double cn = cos(c->node), sn = sin(c->node), ci = cos(c->i);
    double si = sin(c->i), cw = cos(c->argp), sw = sin(c->argp);
    p[0] = cn * cw - sn * sw * ci;
    p[1] = sn * cw + cn * sw * ci;
    p[2] = sw * si;
    q[0] = -cn * sw - sn * cw * ci;
    q[1] = -sn * sw + cn * cw * ci;
    q[2] = cw * si;
}

int ilrs_conic_state(const ilrs_conic *c, double t, double state[6],
                     ilrs_error *err)
{
    if (!c || !(c->gm > 0.0) || !(c->q > 0.0) || !(c->e >= 0.0) ||
        !isfinite(c->q) || !isfinite(c->e) || !isfinite(c->i) ||
        !isfinite(c->node) || !isfinite(c->argp) || !isfinite(c->tp) ||
        !isfinite(t))
        return ilrs_error_set(err, ILRS_EINVAL,
                              "conic: need gm > 0, q > 0, e >= 0 and finite "
                              "angles and epochs");
    double p[3], q[3], s0[6];
    perifocal(c, p, q);
    double vp = sqrt(c->gm * (1.0 + c->e) / c->q);
    for (int k = 0; k < 3; k++) {
        s0[k] = c->q * p[k];
        s0[3 + k] = vp * q[k];
    }
    return ilrs_kepler_propagate(s0, t - c->tp, c->gm, state, err);
}

/* Time from periapsis (s) at true anomaly nu on the conic (q, e). */
static double time_since_periapsis(double q, double e, double gm, double nu)
{
    if (fabs(e - 1.0) < 1e-9) {  /* Barker's equation */
        double d = tan(0.5 * nu);
        return sqrt(2.0 * q * q * q / gm) * (d + d * d * d / 3.0);
    }
    double a = q / (1.0 - e);
    double n = sqrt(gm / fabs(a * a * a));
    if (e < 1.0) {
        double E = 2.0 * atan(sqrt((1.0 - e) / (1.0 + e)) * tan(0.5 * nu));
        return (E - e * sin(E)) / n;
    }
    double H = 2.0 * atanh(sqrt((e - 1.0) / (e + 1.0)) * tan(0.5 * nu));
    return (e * sinh(H) - H) / n;
}

int ilrs_conic_from_state(const double s[6], double t, double gm,
                          ilrs_conic *out, ilrs_error *err)
{
    double h[3], n[3], ev[3], r = ilrs_vec3_norm(s);
    ilrs_vec3_cross(s, s + 3, h);
    double hn = ilrs_vec3_norm(h);
    if (!(gm > 0.0) || !(r > 0.0) || !(hn > 1e-12 * r * ilrs_vec3_norm(s + 3)))
        return ilrs_error_set(err, ILRS_EINVAL,
                              "conic: zero position, rectilinear orbit or "
                              "gm <= 0");
    double vxh[3];
    ilrs_vec3_cross(s + 3, h, vxh);
    for (int k = 0; k < 3; k++)
        ev[k] = vxh[k] / gm - s[k] / r;
    double e = ilrs_vec3_norm(ev);
    n[0] = -h[1];
    n[1] = h[0];
    n[2] = 0.0;
    double nn = ilrs_vec3_norm(n);
    out->gm = gm;
    out->e = e;
    out->q = hn * hn / gm / (1.0 + e);
    out->i = acos(fmax(-1.0, fmin(1.0, h[2] / hn)));
    int equatorial = nn < 1e-11 * hn, circular = e < 1e-11;
    out->node = equatorial ? 0.0 : atan2(n[1], n[0]);
    /* Reference direction in the orbit plane for the angles. */
    double ref[3] = {cos(out->node), sin(out->node), 0.0}, hxref[3];
    ilrs_vec3_cross(h, ref, hxref);
    for (int k = 0; k < 3; k++)
        hxref[k] /= hn;
    double peri[3];
    for (int k = 0; k < 3; k++)
        peri[k] = circular ? ref[k] : ev[k];
    out->argp = circular ? 0.0
                         : atan2(ilrs_vec3_dot(peri, hxref),
                                 ilrs_vec3_dot(peri, ref));
    if (out->argp < 0.0)
        out->argp += 2.0 * ILRS_PI;
    if (out->node < 0.0)
        out->node += 2.0 * ILRS_PI;
    /* True anomaly from periapsis (or the node, when circular). */
    double pxh[3];
    ilrs_vec3_cross(h, peri, pxh);
    double pn = ilrs_vec3_norm(peri);
    double nu = atan2(ilrs_vec3_dot(s, pxh) / (hn * pn),
                      ilrs_vec3_dot(s, peri) / pn);
    out->tp = t - time_since_periapsis(out->q, e, gm, nu);
    return ILRS_OK;
}
