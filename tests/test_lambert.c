/* test_lambert.c -- Lambert's problem: textbook cases, every solution
   reaches r2 under Kepler propagation, and bad input. */
#include <math.h>
#include <stdio.h>

#include "check.h"
#include "ilrs/kepler.h"
#include "ilrs/orbit.h"
#include "ilrs/vec.h"

static void textbook(void)
{
    ilrs_lambert_solution s[9];
    size_t n;
    /* Vallado, Fundamentals of Astrodynamics 4th ed., Example 7-5 (76 min
       transfer, mu 398600.4418): v1 = (2.058913, 2.915965, 0) km/s,
       v2 = (-3.451565, 0.910315, 0) km/s; printed to 1e-6. */
    double r1[3] = {15945.34, 0, 0}, r2[3] = {12214.83899, 10249.46731, 0};
    int st = ilrs_lambert_solve(r1, r2, 76 * 60.0, 398600.4418, 0, 0, s, 9,
                                &n, NULL);
    check_int("Vallado 7-5 status", st, ILRS_OK, "short-way transfer");
    check_close("lambert vallado v1x", s[0].v1[0], 2.058913, 1e-6,
                "Vallado 4th ed. ex. 7-5");
    check_close("lambert vallado v1y", s[0].v1[1], 2.915965, 1.5e-6,
                "Vallado 4th ed. ex. 7-5 (book rounding)");
    check_close("lambert vallado v2x", s[0].v2[0], -3.451565, 1e-6,
                "Vallado 4th ed. ex. 7-5");
    check_close("lambert vallado v2y", s[0].v2[1], 0.910315, 1.5e-6,
                "Vallado 4th ed. ex. 7-5 (book rounding)");
    /* Curtis, Orbital Mechanics for Engineering Students, Example 5.2:
       v1 = (-5.9925, 1.9254, 3.2456), v2 = (-3.3125, -4.1966, -0.38529). */
    double a[3] = {5000, 10000, 2100}, b[3] = {-14600, 2500, 7000};
    ilrs_lambert_solve(a, b, 3600.0, 398600.0, 0, 0, s, 9, &n, NULL);
    check_close("Curtis 5.2 v1x", s[0].v1[0], -5.9925, 5e-5, "Curtis Ex. 5.2");
    check_close("Curtis 5.2 v1z", s[0].v1[2], 3.2456, 5e-5, "Curtis Ex. 5.2");
    check_close("Curtis 5.2 v2z", s[0].v2[2], -0.38529, 5e-6, "Curtis Ex. 5.2");
}

/* Every solution, propagated from (r1, v1) for tof, lands on r2. */
static void closes(void)
{
    double r1[3] = {15945.34, 0, 0}, r2[3] = {12214.83899, 10249.46731, 300};
    ilrs_lambert_solution s[9];
    size_t n;
    int st = ilrs_lambert_solve(r1, r2, 2 * 86400.0, 398600.4418, 4, 0, s, 9,
                                &n, NULL);
    check_int("4-rev problem status", st, ILRS_OK, "long time of flight");
    check_int("solutions found (1 + 2 x 4)", (long)n, 9, "T allows 4 revs");
    double worst = 0;
    for (size_t i = 0; i < n; i++) {
        double st0[6] = {r1[0], r1[1], r1[2], s[i].v1[0], s[i].v1[1],
                         s[i].v1[2]}, end[6];
        ilrs_kepler_propagate(st0, 2 * 86400.0, 398600.4418, end, NULL);
        double d = 0;
        for (int k = 0; k < 3; k++)
            d += (end[k] - r2[k]) * (end[k] - r2[k]);
        worst = fmax(worst, sqrt(d));
    }
    check_close("every solution reaches r2 (km)", worst, 0, 1e-5,
                "independent universal-variable propagation");
}

static void bad_input(void)
{
    ilrs_lambert_solution s[3];
    size_t n;
    ilrs_error err = {0, ""};
    double r1[3] = {7000, 0, 0}, r2[3] = {-7000, 0, 0}, z[3] = {0, 0, 0};
    check_int("180 deg transfer", ilrs_lambert_solve(r1, r2, 3000, 398600, 0,
              0, s, 3, &n, &err), ILRS_EINVAL, "plane undefined");
    check_contains("180 deg message", err.msg, "collinear", "says why");
    check_int("zero position", ilrs_lambert_solve(z, r2, 3000, 398600, 0, 0,
              s, 3, &n, &err), ILRS_EINVAL, "r1 = 0");
    double r3[3] = {0, 7000, 0};
    check_int("negative tof", ilrs_lambert_solve(r1, r3, -5, 398600, 0, 0, s,
              3, &n, &err), ILRS_EINVAL, "tof must be > 0");
}

int main(void)
{
    textbook();
    closes();
    bad_input();
    return check_done();
}
