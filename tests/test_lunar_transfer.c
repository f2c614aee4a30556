/* test_lunar_transfer.c -- direct Earth-Moon transfers against Apollo 11,
   Chang'e-5 and Chang'e-6 and textbook costs. */
#include <stdlib.h>

#include "check.h"
#include "ilrs/constants.h"
#include "ilrs/lunar_orbit.h"
#include "ilrs/lunar_transfer.h"
#include "ilrs/propagate.h"
#include "ilrs/time.h"
#include "ilrs/vec.h"

static double tdb(const char *text)
{
    double t = 0;
    ilrs_time_parse_tdb(text, &t, NULL);
    return t;
}

static const char *TLI_SRC = "TLI from low Earth orbit ~3.1-3.2 km/s "
                             "(Bate, Mueller, White 1971 sec. 7.4; Curtis "
                             "2014 sec. 9.8)";

static void apollo11(ilrs_ephem *de405)
{
    /* Apollo 11: launch 1969-07-16 13:32:00 UTC from LC-39A, parking orbit
       ~185 km, TLI cutoff 16:22:13 UTC, LOI 1969-07-19 17:21:50 UTC
       (Apollo 11 Mission Report, NASA MSC-00171, 1969). */
    ilrs_lunar_transfer_spec sp = {0};
    sp.site_lat = 28.608 * ILRS_DEG;
    sp.site_lon = -80.604 * ILRS_DEG;
    sp.park_alt_km = 185.0;
    sp.tof_s = tdb("1969-07-19T17:21:50") - tdb("1969-07-16T16:22:13");
    sp.t_launch = tdb("1969-07-16T13:32:00");
    sp.peri_alt_km = 111.0;   /* LOI-1 orbit 60 x 170 nmi */
    sp.apo_alt_km = 313.0;
    sp.lunar_inc = 170.0 * ILRS_DEG;   /* retrograde, as flown */
    ilrs_lunar_transfer t;
    ilrs_error err;
    int st = ilrs_lunar_transfer_solve(de405, &sp, tdb("1969-07-16"), &t,
                                       &err);
    check_int("Apollo 11 solve", st, 0, err.msg);
    check_int("Apollo 11 transfer exists", t.status, ILRS_TRANSFER_OK,
              "it flew");
    check_close("Apollo 11 parking inclination (deg)", t.park_inc / ILRS_DEG,
                32.52, 1.0, "Mission Report: Earth parking orbit "
                            "inclination 32.52 deg; 1 deg for our "
                            "spherical-Earth, impulsive model");
    check_close("Apollo 11 launch azimuth (deg)",
                t.launch_azimuth / ILRS_DEG, 72.06, 3.0,
                "Mission Report: launch azimuth 72.06 deg; our azimuth "
                "is the orbit's heading at the pad, no ascent, 3 deg");
    double period = 2 * ILRS_PI * sqrt(pow(ILRS_WGS84_A_KM + 185.0, 3) /
                                       ILRS_GM_EARTH);
    double flown = tdb("1969-07-16T16:16:16") - sp.t_launch;
    check_close("Apollo 11 TLI opportunity (coast mod one revolution, "
                "min)", fmod(t.coast_s, period) / 60,
                fmod(flown, period) / 60, 10.0,
                "Mission Report: TLI ignition 2:44:16 after launch (the "
                "second opportunity); 10 min for ascent and burn length");
    check_close("Apollo 11 TLI dv (km/s)", t.tli_dv_kms, 3.15, 0.1,
                TLI_SRC);
    check_close("Apollo 11 LOI-1 dv (km/s)", t.loi_dv_kms, 0.889, 0.05,
                "Mission Report: LOI-1 2917 ft/s = 0.889 km/s into "
                "60 x 170 nmi; 50 m/s for the impulsive model");
    check_close("Apollo 11 perilune altitude reached (km)", t.peri_alt_km,
                111.0, 1e-2, "corrector target");
    check_close("Apollo 11 inclination reached (deg)",
                t.lunar_inc / ILRS_DEG, 170.0, 1e-6, "corrector target");
}

static void change(ilrs_ephem *eph, const char *name, const char *launch,
                   const char *day, double tli_after_launch_s)
{
    ilrs_lunar_transfer_spec sp = {0};
    char what[128];
    ilrs_launch_site_find("wenchang", &sp.site_lat, &sp.site_lon);
    sp.park_alt_km = 200.0;
    sp.tof_s = 4.66 * ILRS_DAY_S;
    sp.t_launch = tdb(launch);
    sp.peri_alt_km = 100.0;
    sp.apo_alt_km = 100.0;
    sp.lunar_inc = 90.0 * ILRS_DEG;
    sp.land = 1;
    ilrs_lunar_transfer t;
    ilrs_error err;
    int st = ilrs_lunar_transfer_solve(eph, &sp, tdb(day), &t, &err);
    snprintf(what, sizeof what, "%s solve", name);
    check_int(what, st, 0, err.msg);
    snprintf(what, sizeof what, "%s transfer exists", name);
    check_int(what, t.status, ILRS_TRANSFER_OK,
              "it flew (CNSA launch and LOI announcements)");
    snprintf(what, sizeof what, "%s TLI dv (km/s)", name);
    check_close(what, t.tli_dv_kms, 3.13, 0.08, TLI_SRC);
    snprintf(what, sizeof what, "%s LOI dv into 100 km circular (km/s)",
             name);
    check_close(what, t.loi_dv_kms, 0.85, 0.07,
                "LOI into 100 km circular from a 4-5 d transfer: "
                "0.8-0.9 km/s (Bate, Mueller, White 1971 ch. 7)");
    snprintf(what, sizeof what, "%s launch to TLI (min)", name);
    check_close(what, (t.t_tli - t.t_launch) / 60, tli_after_launch_s / 60,
                15.0, "CNSA: Long March 5 put the probe on its transfer "
                      "orbit ~37 min after launch; 15 min: no ascent model");
    snprintf(what, sizeof what, "%s parking inclination >= latitude", name);
    check_true(what, t.park_inc >= 19.6 * ILRS_DEG - 1e-9,
               "a launch from 19.6 N cannot reach a lower inclination");
    snprintf(what, sizeof what, "%s descent dv (km/s)", name);
    check_close(what, t.descent_dv_kms, 2.05, 0.15,
                "Apollo LM descent from 15 km perilune ~2.0-2.1 km/s "
                "(Apollo 11 Mission Report); same loss model");
}

static int sample_count;
static double first_r, last_moon_dist;
static const ilrs_ephem *sample_eph;
static int on_sample(void *ctx, double t, const double x[6])
{
    (void)ctx;
    double m[6];
    if (sample_count++ == 0)
        first_r = ilrs_vec3_norm(x);
    ilrs_ephem_state(sample_eph, 301, 399, t, m, NULL);
    double d[3] = {x[0] - m[0], x[1] - m[1], x[2] - m[2]};
    last_moon_dist = ilrs_vec3_norm(d);
    return 0;
}

static void window(ilrs_ephem *eph)
{
    ilrs_lunar_transfer_spec sp = {0};
    ilrs_launch_site_find("wenchang", &sp.site_lat, &sp.site_lon);
    sp.park_alt_km = 200.0;
    sp.park_inc = 21.0 * ILRS_DEG;
    sp.tof_s = 4.5 * ILRS_DAY_S;
    sp.peri_alt_km = 100.0;
    sp.apo_alt_km = 100.0;
    sp.lunar_inc = 90.0 * ILRS_DEG;
    ilrs_lunar_transfer t[28];
    ilrs_error err;
    double day0 = tdb("2024-06-01");
    int st = ilrs_lunar_transfer_window(eph, &sp, day0, 28, t, 2, &err);
    check_int("June 2024 window", st, 0, err.msg);
    int ok = 0, agree = 0;
    for (int i = 0; i < 28; i++) {
        int open = t[i].status == ILRS_TRANSFER_OK;
        double hi = 0;   /* largest |declination| over possible arrivals */
        for (int h = 0; h <= 26; h++) {
            double m[6], when = open ? t[i].t_loi
                                     : day0 + i * ILRS_DAY_S + sp.tof_s +
                                           h * 3600.0;
            ilrs_ephem_state(eph, 301, 399, when, m, NULL);
            double dec = fabs(asin(m[2] / ilrs_vec3_norm(m))) / ILRS_DEG;
            hi = fmax(hi, dec);
        }
        ok += open;
        /* open: the Moon within the plane's reach at arrival (0.5 deg for
           the aim point off the centre); closed: out of reach for some
           arrival that day (the launch time is set by the geometry) */
        agree += open ? hi < 21.0 + 0.5 : hi > 21.0 - 0.5;
    }
    check_true("some June 2024 days open, some closed", ok > 5 && ok < 25,
               "the Moon's declination reaches +-28 deg in 2024 (major "
               "standstill), beyond a 21 deg parking orbit");
    check_int("open days are those with |Moon declination| < 21 deg",
              agree, 28, "geometry: the parking plane must hold the "
                         "Moon's direction");
    for (int i = 0; i < 28; i++)
        if (t[i].status == ILRS_TRANSFER_OK) {
            sample_eph = eph;
            st = ilrs_lunar_transfer_sample(eph, &t[i], 3600.0, on_sample,
                                            NULL, &err);
            check_int("sample a transfer", st, 0, err.msg);
            check_close("trajectory starts in the parking orbit (km)",
                        first_r, ILRS_WGS84_A_KM + 200.0, 1e-6, "TLI state");
            check_close("trajectory ends at perilune (km)", last_moon_dist,
                        ILRS_MOON_RADIUS_KM + 100.0, 0.01, "LOI point");
            break;
        }
    sp.park_alt_km = 50.0;
    check_int("parking altitude 50 km rejected",
              ilrs_lunar_transfer_solve(eph, &sp, day0, t, &err),
              ILRS_EINVAL, "documented 150..2000 km");
    check_contains("error names the parking altitude", err.msg,
                   "parking altitude", "one clear message");
}

static void lunar_orbits(ilrs_ephem *eph)
{
    ilrs_error err;
    double e, inc = 50 * ILRS_DEG;
    int st = ilrs_lunar_frozen_ecc(5000.0, inc, 0, 1, &e, &err);
    check_int("frozen orbit, Earth tide only", st, 0, err.msg);
    check_close("Kozai frozen orbit: cos^2 i = 3/5 (1 - e^2)", e,
                sqrt(1 - cos(inc) * cos(inc) / 0.6), 1e-9,
                "Kozai (1962), AJ 67, 591: the quadrupole fixed point");
    check_int("no frozen e at i = 10 deg (Earth only)",
              ilrs_lunar_frozen_ecc(5000.0, 10 * ILRS_DEG, 0, 1, &e, &err),
              ILRS_ENOTFOUND, "below the Kozai critical 39.2 deg");
    /* J2 node rate against a numerical run with the Moon's J2 only */
    ilrs_force_model fm;
    ilrs_force_model_init(&fm, 301, 0, 1, eph, 7.7e8, &err);
    fm.pole[0] = fm.pole[1] = 0;
    fm.pole[2] = 1;
    ilrs_prop *p = NULL;
    ilrs_prop_new(&fm, NULL, &p, &err);
    double a = ILRS_MOON_RADIUS_KM + 100.0;
    ilrs_conic c = {ILRS_GM_MOON, a, 0.0, 30 * ILRS_DEG, 0, 0, 0};
    ilrs_prop_request rq = {.t0 = 0.0, .t1 = 20 * 86400.0};
    ilrs_conic_state(&c, 0.0, rq.x0, &err);
    ilrs_prop_result res;
    ilrs_prop_run(p, &rq, &res, &err);
    double h[3];
    ilrs_vec3_cross(res.x, res.x + 3, h);
    ilrs_lunar_rates r;
    ilrs_lunar_secular_rates(a, 0.0, c.i, 0.0, 1, 0, &r);
    check_close("Moon J2 node drift over 20 d (deg)",
                atan2(h[0], -h[1]) / ILRS_DEG, r.node * rq.t1 / ILRS_DEG,
                0.03 * fabs(r.node * rq.t1) / ILRS_DEG,
                "Vallado (2013) eq. 9-41 vs a numerical run with the same "
                "J2; 3% for short-period terms");
    ilrs_prop_free(p);
    /* coverage of the south pole from a 100 km polar orbit */
    ilrs_frame me = {ILRS_FRAME_MOON_ME, 0, 0.0};
    ilrs_rotation rot;
    double t0 = tdb("2024-06-01"), xm[6], x0[6];
    ilrs_ephem_rotation(eph, &me, t0, &rot, NULL, &err);
    ilrs_conic polar = {ILRS_GM_MOON, a, 0.0, 90 * ILRS_DEG, 0.3, 0, t0};
    ilrs_conic_state(&polar, t0, xm, &err);
    ilrs_mat3_tmul_vec(rot.r, xm, x0);
    ilrs_mat3_tmul_vec(rot.r, xm + 3, x0 + 3);
    ilrs_conic el;
    ilrs_lunar_elements(eph, t0, x0, &el, &err);
    check_close("elements in MOON_ME: inclination (deg)", el.i / ILRS_DEG,
                90.0, 1e-9, "built polar in MOON_ME");
    ilrs_lunar_coverage cov;
    st = ilrs_lunar_site_coverage(eph, x0, t0, 86400.0, 20.0,
                                  -90 * ILRS_DEG, 0.0, 0.0, &cov, &err);
    check_int("coverage run", st, 0, err.msg);
    double lam = acos(ILRS_MOON_RADIUS_KM / a);
    check_close("south pole seen from a 100 km polar orbit (fraction)",
                cov.fraction, lam / ILRS_PI, 0.01,
                "geometry: visible while within the central angle "
                "acos(R / (R + h)) of the pole, each revolution (Wertz, "
                "Space Mission Engineering 2011, sec. 8.3)");
    check_int("coverage bad step", ilrs_lunar_site_coverage(
                  eph, x0, t0, 86400.0, 0.0, 0, 0, 0, &cov, &err),
              ILRS_EINVAL, "documented");
}

int main(void)
{
    const char *data = getenv("ILRS_DATA");
    char path[1024];
    snprintf(path, sizeof path, "%s/ephem/de421-2022-2026.bsp",
             data ? data : "../shared/data");
    ilrs_ephem *de405 = NULL, *de421 = NULL;
    ilrs_error err;
    check_int("open DE405 (Debian casacore-data-jpl-de405)",
              ilrs_ephem_open("de405", &de405, &err), 0, err.msg);
    check_int("open DE421 excerpt", ilrs_ephem_open(path, &de421, &err), 0,
              err.msg);
    check_close("descent from 100 km circular (km/s)",
                ilrs_lunar_descent_dv(100.0, 100.0), 2.05, 0.15,
                "Apollo LM descent ~2.0-2.1 km/s (Apollo 11 Mission "
                "Report), from which the loss fraction comes");
    if (de405) {
        apollo11(de405);
        change(de405, "Chang'e-5", "2020-11-23T20:30:00", "2020-11-23",
               2200.0);
    }
    if (de421) {
        change(de421, "Chang'e-6", "2024-05-03T09:27:00", "2024-05-03",
               37 * 60.0);
        window(de421);
        lunar_orbits(de421);
    }
    ilrs_ephem_free(de405);
    ilrs_ephem_free(de421);
    return check_done();
}
