/*
 * test_conics.c -- patched conics against textbook cases.
 *
 * Curtis, Orbital Mechanics for Engineering Students, 3rd ed. (2014):
 *   Example 8.4: Hohmann transfer Earth -> Mars from a 300 km circular
 *     parking orbit: v_inf = 2.943 km/s, dv = 3.590 km/s.
 *   Example 8.5: after the Hohmann transfer, capture at Mars into the
 *     orbit of 7 h period with the least dv: v_inf = 2.648 km/s,
 *     rp = 5447 km, e = 0.3833, dv = 1.470 km/s.
 * The inputs are the book's (mu_sun 1.327e11, R_earth orbit 149.6e6 km,
 * R_mars orbit 227.9e6 km, mu_earth 398600, r_earth 6378, mu_mars 42830,
 * r_mars 3396); tolerances are half a unit of the book's last printed
 * digit plus what the book's rounded intermediate values carry.
 */
#include <math.h>

#include "check.h"
#include "ilrs/conics.h"
#include "ilrs/constants.h"

#define MU_SUN 1.327e11
#define R1 149.6e6
#define R2 227.9e6

/* The Hohmann arc's heliocentric states: Earth at (R1, 0, 0), Mars at
   (-R2, 0, 0), both circular; the arc leaves at perihelion and arrives at
   aphelion (vis-viva, Curtis eq. 8.2-8.4). */
static void hohmann(double dep[6], double arr[6], double v1[3], double v2[3])
{
    double a = 0.5 * (R1 + R2);
    double ve = sqrt(MU_SUN / R1), vm = sqrt(MU_SUN / R2);
    double vp = sqrt(MU_SUN * (2.0 / R1 - 1.0 / a));
    double va = sqrt(MU_SUN * (2.0 / R2 - 1.0 / a));
    double d[6] = {R1, 0, 0, 0, ve, 0}, m[6] = {-R2, 0, 0, 0, -vm, 0};
    for (int k = 0; k < 6; k++) {
        dep[k] = d[k];
        arr[k] = m[k];
    }
    v1[0] = 0, v1[1] = vp, v1[2] = 0;
    v2[0] = 0, v2[1] = -va, v2[2] = 0;
}

static void test_curtis(void)
{
    double dep[6], arr[6], v1[3], v2[3];
    hohmann(dep, arr, v1, v2);
    /* Curtis ex. 8.5: a of the 7 h orbit from its period, then rp, ra */
    double a = pow(7.0 * 3600.0 * sqrt(42830.0) / (2.0 * ILRS_PI), 2.0 / 3.0);
    double rp = 5447.0, ra = 2.0 * a - rp;
    ilrs_budget b = {398600.0, 6378.0, 300.0, ILRS_ARRIVE_CAPTURE,
                     42830.0,  3396.0, rp - 3396.0, ra - 3396.0};
    ilrs_transfer t;
    int st = ilrs_conics_transfer(dep, arr, v1, v2, 0.0, 1.0, &b, &t);
    check_int("transfer status", st, ILRS_OK, "valid Hohmann input");
    check_close("Curtis 8.4 v_inf departure", t.vinf_dep_kms, 2.943, 6e-4,
                "Curtis ex. 8.4: 2.943 km/s");
    check_close("Curtis 8.4 C3", t.c3, 2.943 * 2.943, 4e-3,
                "C3 = v_inf^2 of Curtis ex. 8.4");
    check_close("Curtis 8.4 dv from 300 km", t.dv_depart, 3.590, 6e-4,
                "Curtis ex. 8.4: 3.590 km/s");
    check_close("Curtis 8.5 v_inf arrival", t.vinf_arr_kms, 2.648, 6e-4,
                "Curtis ex. 8.5: 2.648 km/s");
    check_close("Curtis 8.5 capture dv", t.dv_arrive, 1.470, 1.5e-3,
                "Curtis ex. 8.5: 1.470 km/s (rp rounded to 1 km)");
    check_close("total dv", t.dv_total, 3.590 + 1.470, 2e-3,
                "sum of Curtis ex. 8.4 and 8.5");
    /* The Hohmann departure asymptote lies along +y: RLA 90 deg, DLA 0. */
    check_close("Hohmann RLA", t.rla / ILRS_DEG, 90.0, 1e-9,
                "v_inf along +y");
    check_close("Hohmann DLA", t.dla / ILRS_DEG, 0.0, 1e-9, "v_inf in plane");
}

static void test_asymptote(void)
{
    double dla, rla;
    double v[3] = {-1.0, -1.0, sqrt(2.0)};
    check_int("asymptote status", ilrs_conics_asymptote(v, &dla, &rla),
              ILRS_OK, "nonzero vector");
    check_close("DLA of (-1,-1,sqrt2)", dla / ILRS_DEG, 45.0, 1e-12,
                "asin(sqrt2/2) = 45 deg");
    check_close("RLA of (-1,-1,sqrt2)", rla / ILRS_DEG, 225.0, 1e-12,
                "third quadrant, 0..360");
    double z[3] = {0, 0, 0};
    check_int("zero v_inf refused", ilrs_conics_asymptote(z, &dla, &rla),
              ILRS_EINVAL, "no direction");
}

static void test_budget(void)
{
    ilrs_budget b;
    ilrs_budget_default(399, 499, &b);
    check_close("default Earth GM", b.dep_gm, 398600.43550702266, 1e-6,
                "gm_de440.tpc BODY399_GM");
    check_close("default Mars radius", b.arr_radius_km, 3396.19, 1e-9,
                "pck00011.tpc BODY499_RADII");
    check_int("default arrival at Mars", b.arrive, ILRS_ARRIVE_CAPTURE,
              "planet target");
    ilrs_budget_default(399, 2469219, &b);
    check_int("default arrival at asteroid", b.arrive,
              ILRS_ARRIVE_RENDEZVOUS, "small body target");
    double dep[6] = {1e8, 0, 0, 0, 30, 0}, arr[6] = {0, 1.2e8, 0, -27, 0, 0};
    double v1[3] = {0, 33, 1}, v2[3] = {-24, 1, 0};
    ilrs_transfer t;
    ilrs_conics_transfer(dep, arr, v1, v2, 0, 1, &b, &t);
    check_close("rendezvous dv = |v_inf arrival|", t.dv_arrive,
                sqrt(9.0 + 1.0), 1e-12, "definition of rendezvous");
    b.park_alt_km = -5.0;
    check_int("negative parking altitude refused",
              ilrs_budget_check(&b, NULL), ILRS_EINVAL, "bad input");
    ilrs_budget_default(399, 499, &b);
    b.apo_alt_km = b.peri_alt_km - 1.0;
    check_int("apoapsis below periapsis refused",
              ilrs_budget_check(&b, NULL), ILRS_EINVAL, "bad input");
    check_int("unknown body constants",
              ilrs_planet_constants(2099942, NULL, NULL), ILRS_ENOTFOUND,
              "Apophis is not a planet");
    check_true("departure dv NaN for r = 0",
               isnan(ilrs_conics_departure_dv(398600.0, 0.0, 3.0)),
               "bad input gives NaN");
}

int main(void)
{
    test_curtis();
    test_asymptote();
    test_budget();
    return check_done();
}
