/*
 * elements.c -- classical orbital elements <-> state vectors for every
 * conic (Vallado, Fundamentals of Astrodynamics and Applications, 4th
 * ed., algorithms 9 and 10; Curtis, Orbital Mechanics for Engineering
 * Students, 3rd ed., algorithms 4.2 and 4.5), written with p so that the
 * parabola needs no special case.
 */
#include "ilrs/kepler.h"

#include <math.h>

#include "ilrs/constants.h"
#include "ilrs/vec.h"

/* Angle from u to w (rad, -pi .. pi), positive about the unit normal h. */
static double angle_about(const double u[3], const double w[3],
                          const double h[3])
{
    double c[3];
    ilrs_vec3_cross(u, w, c);
    return atan2(ilrs_vec3_dot(c, h), ilrs_vec3_dot(u, w));
}

static double wrap_2pi(double a)
{
    a = fmod(a, 2.0 * ILRS_PI);
    return a < 0.0 ? a + 2.0 * ILRS_PI : a;
}

int ilrs_elements_from_state(const double s[6], double gm, ilrs_elements *el,
                             ilrs_error *err)
{
    double r = ilrs_vec3_norm(s), v = ilrs_vec3_norm(s + 3), h[3];
    ilrs_vec3_cross(s, s + 3, h);
    double hn = ilrs_vec3_norm(h);
    if (!(gm > 0.0) || !isfinite(gm) || !(r > 0.0) || !isfinite(r) ||
        !isfinite(v))
        return ilrs_error_set(err, ILRS_EINVAL,
                              "elements: need gm > 0 and a finite, nonzero "
                              "position");
    if (!(hn > 1e-14 * r * v))
        return ilrs_error_set(err, ILRS_EINVAL,
                              "elements: rectilinear orbit (position "
                              "parallel to velocity): no orbit plane");
    double ih[3] = {h[0] / hn, h[1] / hn, h[2] / hn}, ev[3], vxh[3];
    ilrs_vec3_cross(s + 3, h, vxh);
    for (int k = 0; k < 3; k++)
        ev[k] = vxh[k] / gm - s[k] / r;
    double e = ilrs_vec3_norm(ev), hxy = hypot(h[0], h[1]);
    int circular = e < ILRS_ELEMENTS_SMALL;
    int equatorial = hxy < ILRS_ELEMENTS_SMALL * hn;
    el->p = hn * hn / gm;
    el->e = e;
    el->i = atan2(hxy, h[2]);
    /* Reference direction in the plane: the ascending node, or +x. */
    double ref[3] = {1.0, 0.0, 0.0};
    el->raan = 0.0;
    if (!equatorial) {
        ref[0] = -h[1] / hxy;
        ref[1] = h[0] / hxy;
        el->raan = wrap_2pi(atan2(ref[1], ref[0]));
    }
    if (circular) {
        el->argp = 0.0;
        el->nu = angle_about(ref, s, ih);
    } else {
        el->argp = wrap_2pi(angle_about(ref, ev, ih));
        el->nu = angle_about(ev, s, ih);
    }
    return ILRS_OK;
}

int ilrs_elements_state(const ilrs_elements *el, double gm, double s[6],
                        ilrs_error *err)
{
    if (!el || !(gm > 0.0) || !isfinite(gm) || !(el->p > 0.0) ||
        !isfinite(el->p) || !(el->e >= 0.0) || !isfinite(el->e) ||
        !isfinite(el->i) || !isfinite(el->raan) || !isfinite(el->argp) ||
        !isfinite(el->nu))
        return ilrs_error_set(err, ILRS_EINVAL,
                              "elements: need gm > 0, p > 0, e >= 0 and "
                              "finite angles");
    double cn = cos(el->nu), sn = sin(el->nu), den = 1.0 + el->e * cn;
    if (!(den > 0.0))
        return ilrs_error_set(err, ILRS_EINVAL,
                              "elements: true anomaly %.6g deg is not on "
                              "the conic (e = %.6g): 1 + e cos(nu) <= 0",
                              el->nu / ILRS_DEG, el->e);
    double r = el->p / den, vs = sqrt(gm / el->p);
    double xp = r * cn, yp = r * sn, vxp = -vs * sn, vyp = vs * (el->e + cn);
    /* Perifocal -> frame: columns P, Q of R3(-raan) R1(-i) R3(-argp). */
    double co = cos(el->raan), so = sin(el->raan), ci = cos(el->i);
    double si = sin(el->i), cw = cos(el->argp), sw = sin(el->argp);
    double P[3] = {co * cw - so * sw * ci, so * cw + co * sw * ci, sw * si};
    double Q[3] = {-co * sw - so * cw * ci, -so * sw + co * cw * ci, cw * si};
    for (int k = 0; k < 3; k++) {
        s[k] = xp * P[k] + yp * Q[k];
        s[3 + k] = vxp * P[k] + vyp * Q[k];
    }
    return ILRS_OK;
}

double ilrs_elements_sma(const ilrs_elements *el)
{
    double d = 1.0 - el->e * el->e;
    return d == 0.0 ? INFINITY : el->p / d;
}
