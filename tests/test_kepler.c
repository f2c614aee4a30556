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

int main(void)
{
    textbook();
    round_trips();
    bad_input();
    return check_done();
}
