/*
 * analytic.c -- the built-in ephemeris from ERFA, needing no file:
 *   eraEpv00  Earth relative to the Sun and to the SSB (and so the Sun),
 *             1900-2100, at most 13.4 km from DE405 (ERFA's note 4);
 *   eraPlan94 heliocentric planets (Mercury..Neptune; EMB for 3),
 *             1000 BC - 3000 AD, a few arcsec over 1800-2050 (Simon et al.);
 *   eraMoon98 geocentric Moon (ELP/MPP02 truncated, Meeus 1998), about
 *             10 arcsec in longitude.
 * The segments form the same tree as a JPL file: 1..8 around the Sun (10),
 * the Sun, EMB (3) around the SSB (0), Earth (399) and Moon (301) around
 * the EMB, and each planet's own body (199 ... 899) at its barycentre.
 */
#include "ephem/ephem_int.h"

#include <erfa.h>

#include "ilrs/constants.h"

/* Coverage of all analytic segments: the span of eraEpv00 (TDB s past
   J2000 of 1900-01-01 and 2100-01-01, 12h). */
#define ANALYTIC_T0 (-36525.0 * ILRS_DAY_S)
#define ANALYTIC_T1 (36525.0 * ILRS_DAY_S)

/* What each segment computes. */
enum kind { SUN_SSB, EMB_SSB, EARTH_EMB, MOON_EMB, PLANET_SUN, ZERO };

typedef struct {
    enum kind kind;
    int planet;   /* eraPlan94 planet number for PLANET_SUN */
} analytic_seg;

static const analytic_seg seg_data[] = {
    {SUN_SSB, 0},    {EMB_SSB, 0},    {EARTH_EMB, 0},  {MOON_EMB, 0},
    {PLANET_SUN, 1}, {PLANET_SUN, 2}, {PLANET_SUN, 4}, {PLANET_SUN, 5},
    {PLANET_SUN, 6}, {PLANET_SUN, 7}, {PLANET_SUN, 8}, {ZERO, 0},
};

/* au, au/d -> km, km/s */
static void to_km(double pv[2][3], double s[6])
{
    for (int k = 0; k < 3; k++) {
        s[k] = pv[0][k] * ILRS_AU_KM;
        s[3 + k] = pv[1][k] * ILRS_AU_KM / ILRS_DAY_S;
    }
}

static void state_at(const analytic_seg *a, double t, double s[6])
{
    double d2 = t / ILRS_DAY_S, pvh[2][3], pvb[2][3], pv[2][3];
    double f = 1.0 / (1.0 + ILRS_EMRAT);  /* Moon's share of the EMB offset */
    double e[6], m[6];
    switch (a->kind) {
    case SUN_SSB:    /* SSB->Sun = SSB->Earth - Sun->Earth */
        eraEpv00(ILRS_J2000_JD, d2, pvh, pvb);
        eraPvmpv(pvb, pvh, pv);
        to_km(pv, s);
        return;
    case EMB_SSB:
        eraEpv00(ILRS_J2000_JD, d2, pvh, pvb);
        eraMoon98(ILRS_J2000_JD, d2, pv);
        to_km(pvb, e);
        to_km(pv, m);
        for (int k = 0; k < 6; k++)
            s[k] = e[k] + f * m[k];
        return;
    case EARTH_EMB:
    case MOON_EMB:
        eraMoon98(ILRS_J2000_JD, d2, pv);
        to_km(pv, m);
        for (int k = 0; k < 6; k++)
            s[k] = (a->kind == EARTH_EMB ? -f : 1.0 - f) * m[k];
        return;
    case PLANET_SUN:
        eraPlan94(ILRS_J2000_JD, d2, a->planet, pv);
        to_km(pv, s);
        return;
    case ZERO:
        for (int k = 0; k < 6; k++)
            s[k] = 0.0;
        return;
    }
}

static int analytic_eval(const ilrs__segment *seg, size_t n, const double *t,
                         double *out, double sign)
{
    for (size_t i = 0; i < n; i++) {
        double s[6] = {0};
        state_at(seg->data, t[i], s);
        for (int k = 0; k < 6; k++)
            out[6 * i + k] += sign * s[k];
    }
    return ILRS_OK;
}

int ilrs__analytic_load(ilrs_ephem *e, ilrs_error *err)
{
    static const struct {
        int target, center, data;
    } tree[] = {
        {10, 0, 0},  {3, 0, 1},  {399, 3, 2}, {301, 3, 3},  {1, 10, 4},
        {2, 10, 5},  {4, 10, 6}, {5, 10, 7},  {6, 10, 8},   {7, 10, 9},
        {8, 10, 10}, {199, 1, 11}, {299, 2, 11}, {499, 4, 11}, {599, 5, 11},
        {699, 6, 11}, {799, 7, 11}, {899, 8, 11},
    };
    int st = ilrs__ephem_add_source(
        e, "analytic (ERFA epv00/plan94/moon98)", NULL, NULL, err);
    for (size_t i = 0; st >= 0 && i < sizeof tree / sizeof tree[0]; i++) {
        ilrs__segment s = {tree[i].target, tree[i].center, ANALYTIC_T0,
                           ANALYTIC_T1, analytic_eval,
                           &seg_data[tree[i].data]};
        st = ilrs__ephem_add_segment(e, &s, err);
    }
    return st;
}
