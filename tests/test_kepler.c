/* test_kepler.c -- two-body conics: textbook cases, round trips,
   conservation laws and bad input. */
#include <math.h>
#include <stdio.h>

#include "check.h"
#include "ilrs/constants.h"
#include "ilrs/kepler.h"
#include "ilrs/vec.h"

#define MU_EARTH 398600.0  /* km^3/s^2, as Curtis uses */

static void textbook(void)
{
    /* Curtis, Orbital Mechanics for Engineering Students, Example 3.7:
       r0 = 7000 I - 12124 J km, v0 = 2.6679 I + 4.6210 J km/s, 1 h later
       r = -3297.8 I + 7413.4 J km, v = -8.2977 I - 0.96404 J km/s. The
       book rounds the universal anomaly to 5 digits (253.53 km^0.5) before
       the f and g functions: a relative error of 2e-5 in chi, so the
       tolerances are 2e-5 of each magnitude (0.2 km, 2e-4 km/s). */
    double s0[6] = {7000, -12124, 0, 2.6679, 4.6210, 0}, s[6];
    int st = ilrs_kepler_propagate(s0, 3600.0, MU_EARTH, s, NULL);
    check_int("Curtis 3.7 status", st, ILRS_OK, "converges");
    check_close("Curtis 3.7 x (km)", s[0], -3297.8, 0.2, "Curtis Ex. 3.7");
    check_close("Curtis 3.7 y (km)", s[1], 7413.4, 0.2, "Curtis Ex. 3.7");
    check_close("Curtis 3.7 vx (km/s)", s[3], -8.2977, 2e-4, "Curtis Ex. 3.7");
    check_close("Curtis 3.7 vy (km/s)", s[4], -0.96404, 2e-5, "Curtis Ex. 3.7");
    /* Curtis Example 4.3 (elements of r = -6045 I - 3490 J + 2500 K km,
       v = -3.457 I + 6.618 J + 2.533 K km/s): e = 0.1712, i = 153.2 deg,
       node = 255.3 deg, argp = 20.07 deg. */
    double s43[6] = {-6045, -3490, 2500, -3.457, 6.618, 2.533};
    ilrs_conic c;
    st = ilrs_conic_from_state(s43, 0.0, MU_EARTH, &c, NULL);
    check_int("Curtis 4.3 status", st, ILRS_OK, "elliptic orbit");
    check_close("Curtis 4.3 e", c.e, 0.1712, 5e-5, "Curtis Ex. 4.3");
    check_close("Curtis 4.3 i (deg)", c.i * 180 / ILRS_PI, 153.2, 0.05,
                "Curtis Ex. 4.3");
    check_close("Curtis 4.3 node (deg)", c.node * 180 / ILRS_PI, 255.3, 0.05,
                "Curtis Ex. 4.3");
    check_close("Curtis 4.3 argp (deg)", c.argp * 180 / ILRS_PI, 20.07, 0.005,
                "Curtis Ex. 4.3");
}

static double energy(const double s[6], double mu)
{
    return 0.5 * ilrs_vec3_dot(s + 3, s + 3) - mu / ilrs_vec3_norm(s);
}

/* Random conics: state -> elements -> state, and conservation. */
static void round_trips(void)
{
    unsigned seed = 7;
    double worst_rt = 0, worst_e = 0, worst_h = 0;
    int bad = 0;
    for (int k = 0; k < 3000; k++) {
        double u[8];
        for (int j = 0; j < 8; j++) {
            seed = seed * 1664525u + 1013904223u;
            u[j] = (seed >> 8) / 16777216.0;
        }
        /* e in [0, 3): ellipses, near-parabolas and hyperbolas */
        double e = k % 3 == 0 ? u[0] : k % 3 == 1 ? 1.0 + (u[0] - 0.5) * 1e-6
                                                   : 1.0 + 2.0 * u[0];
        ilrs_conic c = {MU_EARTH, 6600.0 + 40000.0 * u[1], e, ILRS_PI * u[2],
                        2 * ILRS_PI * u[3], 2 * ILRS_PI * u[4], 0.0};
        double t = (u[5] - 0.5) * 86400.0 * (e < 1 ? 100.0 : 3.0), s[6];
        if (ilrs_conic_state(&c, t, s, NULL) != ILRS_OK) {
            bad++;
            continue;
        }
        ilrs_conic back;
        double s2[6];
        if (ilrs_conic_from_state(s, t, MU_EARTH, &back, NULL) ||
            ilrs_conic_state(&back, t + 3600.0 * u[6], s2, NULL)) {
            bad++;
            continue;
        }
        double s1[6];
        ilrs_conic_state(&c, t + 3600.0 * u[6], s1, NULL);
        double r = ilrs_vec3_norm(s1), d = 0;
        for (int j = 0; j < 3; j++)
            d += (s1[j] - s2[j]) * (s1[j] - s2[j]);
        worst_rt = fmax(worst_rt, sqrt(d) / r);
        double e0 = energy(s, MU_EARTH), e1 = energy(s1, MU_EARTH);
        worst_e = fmax(worst_e, fabs(e1 - e0) / (MU_EARTH / c.q));
        double h0[3], h1[3];
        ilrs_vec3_cross(s, s + 3, h0);
        ilrs_vec3_cross(s1, s1 + 3, h1);
        worst_h = fmax(worst_h, fabs(ilrs_vec3_norm(h1) - ilrs_vec3_norm(h0)) /
                                    ilrs_vec3_norm(h0));
    }
    check_int("3000 random conics all evaluate", bad, 0, "valid inputs");
    /* Near-parabolic cases (|1-e| ~ 1e-7) lose digits in a = q/(1-e) and
       in the anomaly: about 1e-16 / 1e-7 ~ 1e-9, times the growth of the
       error over the propagated hour; measured 1.3e-8. */
    check_close("round trip state->elements->state (relative)", worst_rt, 0,
                1e-7, "same conic; float64 with near-parabolic cases");
    check_close("energy conserved (relative to mu/q)", worst_e, 0, 1e-10,
                "two-body invariant");
    check_close("angular momentum conserved (relative)", worst_h, 0, 1e-10,
                "two-body invariant");
}

static void bad_input(void)
{
    ilrs_error err = {0, ""};
    double s[6];
    ilrs_conic c = {MU_EARTH, -1.0, 0.1, 0, 0, 0, 0};
    check_int("q < 0", ilrs_conic_state(&c, 0, s, &err), ILRS_EINVAL,
              "periapsis distance must be positive");
    c.q = 7000;
    c.e = NAN;
    check_int("e NaN", ilrs_conic_state(&c, 0, s, &err), ILRS_EINVAL,
              "non-finite element");
    double zero[6] = {0, 0, 0, 1, 0, 0};
    check_int("zero position", ilrs_kepler_propagate(zero, 10, MU_EARTH, s,
              &err), ILRS_EINVAL, "r = 0");
    double radial[6] = {7000, 0, 0, 1, 0, 0};
    ilrs_conic out;
    check_int("rectilinear orbit", ilrs_conic_from_state(radial, 0, MU_EARTH,
              &out, &err), ILRS_EINVAL, "h = 0 has no conic elements");
    check_int("gm <= 0", ilrs_kepler_propagate(radial, 10, 0.0, s, &err),
              ILRS_EINVAL, "gm must be positive");
}

/* Classical elements: textbook conversions both ways. */
static void elements_textbook(void)
{
    /* Vallado, Fundamentals of Astrodynamics and Applications, 4th ed.,
       Example 2-5 (RV2COE), mu 398600.4418: p = 11067.790 km,
       e = 0.832853, i = 87.870 deg, RAAN = 227.89 deg, argp = 53.38 deg,
       nu = 92.335 deg. Tolerances: one unit of the last printed digit
       (p: 0.01 km), as the book's last digits carry its intermediate
       rounding. */
    double s[6] = {6524.834, 6862.875, 6448.296, 4.901327, 5.533756,
                   -1.976341};
    ilrs_elements el;
    int st = ilrs_elements_from_state(s, 398600.4418, &el, NULL);
    check_int("Vallado 2-5 status", st, ILRS_OK, "elliptic orbit");
    check_close("Vallado 2-5 p (km)", el.p, 11067.790, 1e-2,
                "Vallado 4th ed. ex. 2-5");
    check_close("Vallado 2-5 e", el.e, 0.832853, 1e-6,
                "Vallado 4th ed. ex. 2-5");
    check_close("Vallado 2-5 i (deg)", el.i / ILRS_DEG, 87.870, 1e-3,
                "Vallado 4th ed. ex. 2-5");
    check_close("Vallado 2-5 RAAN (deg)", el.raan / ILRS_DEG, 227.89, 1e-2,
                "Vallado 4th ed. ex. 2-5");
    check_close("Vallado 2-5 argp (deg)", el.argp / ILRS_DEG, 53.38, 1e-2,
                "Vallado 4th ed. ex. 2-5");
    check_close("Vallado 2-5 nu (deg)", el.nu / ILRS_DEG, 92.335, 1e-3,
                "Vallado 4th ed. ex. 2-5");
    /* Curtis, Orbital Mechanics for Engineering Students, Example 4.7 (a
       hyperbola), mu 398600: h = 80000 km^2/s, e = 1.4, i = 30 deg,
       RAAN = 40 deg, argp = 60 deg, nu = 30 deg give
       r = (-4040, 4815, 3629) km, v = (-10.39, -4.772, 1.744) km/s
       (printed to 4 digits). */
    ilrs_elements c = {80000.0 * 80000.0 / 398600.0, 1.4, 30 * ILRS_DEG,
                       40 * ILRS_DEG, 60 * ILRS_DEG, 30 * ILRS_DEG};
    st = ilrs_elements_state(&c, 398600.0, s, NULL);
    check_int("Curtis 4.7 status", st, ILRS_OK, "hyperbola");
    double want[6] = {-4040, 4815, 3629, -10.39, -4.772, 1.744};
    double tol[6] = {0.5, 0.5, 0.5, 5e-3, 5e-4, 5e-4};
    const char *name[6] = {"Curtis 4.7 x (km)", "Curtis 4.7 y (km)",
                           "Curtis 4.7 z (km)", "Curtis 4.7 vx (km/s)",
                           "Curtis 4.7 vy (km/s)", "Curtis 4.7 vz (km/s)"};
    for (int k = 0; k < 6; k++)
        check_close(name[k], s[k], want[k], tol[k],
                    "Curtis Ex. 4.7, half a unit of the last printed digit");
}

static double angle_diff(double a, double b)
{
    return fabs(remainder(a - b, 2 * ILRS_PI));
}

/* Random elements of every conic type and orientation: elements ->
   state -> elements -> state, and the singular-case conventions. */
static void elements_round_trips(void)
{
    unsigned seed = 99;
    double worst_state = 0, worst_angle = 0, worst_shape = 0;
    long bad = 0, conv_bad = 0;
    for (int k = 0; k < 6000; k++) {
        double u[6];
        for (int j = 0; j < 6; j++) {
            seed = seed * 1664525u + 1013904223u;
            u[j] = (seed >> 8) / 16777216.0;
        }
        int type = k % 4, orient = (k / 4) % 4;
        double e = type == 0 ? 0.0 : type == 1 ? 0.99 * u[0]
                 : type == 2 ? 1.0 : 1.0 + 3.0 * u[0];
        double inc = orient == 0 ? 0.0 : orient == 1 ? ILRS_PI
                   : 0.05 + 3.0 * u[1];
        double numax = e < 1 ? ILRS_PI : e == 1.0 ? 0.95 * ILRS_PI
                     : 0.95 * acos(-1.0 / e);
        ilrs_elements in = {7000.0 + 30000.0 * u[2], e, inc,
                            2 * ILRS_PI * u[3], 2 * ILRS_PI * u[4],
                            numax * (2.0 * u[5] - 1.0)};
        double s[6], s2[6];
        ilrs_elements out;
        if (ilrs_elements_state(&in, MU_EARTH, s, NULL) ||
            ilrs_elements_from_state(s, MU_EARTH, &out, NULL) ||
            ilrs_elements_state(&out, MU_EARTH, s2, NULL)) {
            bad++;
            continue;
        }
        double dr = 0, dv = 0;
        for (int j = 0; j < 3; j++) {
            dr += (s[j] - s2[j]) * (s[j] - s2[j]);
            dv += (s[3 + j] - s2[3 + j]) * (s[3 + j] - s2[3 + j]);
        }
        worst_state = fmax(worst_state,
                           fmax(sqrt(dr) / ilrs_vec3_norm(s),
                                sqrt(dv) / ilrs_vec3_norm(s + 3)));
        worst_shape = fmax(worst_shape, fmax(fabs(out.p / in.p - 1),
                                             fabs(out.e - in.e)));
        /* What the convention says the angles become. */
        int circ = type == 0, equ = orient < 2;
        double sg = orient == 1 ? -1.0 : 1.0;  /* i = pi: clockwise */
        double raan = equ ? 0.0 : in.raan;
        double argp = circ ? 0.0 : equ ? in.argp + sg * in.raan : in.argp;
        double nu = in.nu + (circ ? in.argp + (equ ? sg * in.raan : 0.0)
                                  : 0.0);
        double da = fmax(angle_diff(out.raan, raan),
                         fmax(angle_diff(out.argp, argp),
                              fmax(angle_diff(out.nu, nu),
                                   fabs(out.i - in.i))));
        worst_angle = fmax(worst_angle, da);
        conv_bad += out.raan < 0 || out.raan >= 2 * ILRS_PI ||
                    out.argp < 0 || out.argp >= 2 * ILRS_PI ||
                    fabs(out.nu) > ILRS_PI;
    }
    check_int("6000 element sets of every type convert", bad, 0,
              "circles, ellipses, parabolas, hyperbolas; i = 0, pi, other");
    check_close("elements -> state -> elements -> state (relative)",
                worst_state, 0, 1e-13, "float64 rounding, ~100 operations");
    check_close("p and e recovered (relative p, absolute e)", worst_shape, 0,
                1e-12, "float64 rounding");
    check_close("angles follow the documented convention (rad)", worst_angle,
                0, 1e-9, "Vallado sec. 2.5: u, longitude of periapsis, true "
                "longitude; 1e-9 rad as e ~ 1e-3 sets argp to 1e-13 / e");
    check_int("angle ranges: raan, argp in [0, 2 pi), nu in [-pi, pi]",
              conv_bad, 0, "documented ranges");
    ilrs_elements bad_nu = {7000, 2.0, 0.3, 0, 0, 2.2};
    ilrs_error err = {0, ""};
    double s[6];
    check_int("hyperbola beyond its asymptote", ilrs_elements_state(&bad_nu,
              MU_EARTH, s, &err), ILRS_EINVAL, "1 + e cos nu < 0");
    check_contains("asymptote message", err.msg, "not on the conic",
                   "says why");
    double radial[6] = {7000, 0, 0, 3, 0, 0};
    ilrs_elements o;
    check_int("elements of a rectilinear orbit", ilrs_elements_from_state(
              radial, MU_EARTH, &o, &err), ILRS_EINVAL, "no orbit plane");
    ilrs_elements par = {7000, 1.0, 0.3, 0, 0, 0};
    check_close("parabola: a is infinite", isinf(ilrs_elements_sma(&par)), 1,
                0, "p / (1 - e^2), e = 1");
}

int main(void)
{
    textbook();
    round_trips();
    bad_input();
    elements_textbook();
    elements_round_trips();
    return check_done();
}
