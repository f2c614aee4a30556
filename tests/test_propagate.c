/* test_propagate.c -- numerical propagation: invariants, Kepler, events,
   reversibility, STM, errors. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "ilrs/constants.h"
#include "ilrs/kepler.h"
#include "ilrs/propagate.h"
#include "ilrs/vec.h"

static double energy(const double x[6], double gm)
{
    return 0.5 * ilrs_vec3_dot(x + 3, x + 3) - gm / ilrs_vec3_norm(x);
}

static void two_body(void)
{
    ilrs_force_model fm;
    ilrs_prop *p = NULL;
    ilrs_error err;
    check_int("init two-body", ilrs_force_model_init(&fm, 399, 0, 0, NULL,
                                                     0, &err), 0, "API");
    check_int("new", ilrs_prop_new(&fm, NULL, &p, &err), 0, "API");
    /* An elliptical LEO-to-lunar-distance transfer orbit. */
    ilrs_conic c = {ILRS_GM_EARTH, 6578.0, 0.966, 28.5 * ILRS_DEG,
                    40 * ILRS_DEG, 30 * ILRS_DEG, 0.0};
    double x0[6], xk[6];
    ilrs_conic_state(&c, 0.0, x0, &err);
    ilrs_prop_request rq = {.t0 = 0.0, .t1 = 4.5 * 86400.0};
    memcpy(rq.x0, x0, sizeof x0);
    ilrs_prop_result res;
    check_int("run transfer", ilrs_prop_run(p, &rq, &res, &err), 0, err.msg);
    check_close("two-body energy conserved (rel)",
                (energy(res.x, ILRS_GM_EARTH) - energy(x0, ILRS_GM_EARTH)) /
                    energy(x0, ILRS_GM_EARTH),
                0.0, 1e-11, "energy is a two-body invariant; rk8pd at "
                            "rtol 1e-12");
    ilrs_kepler_propagate(x0, rq.t1, ILRS_GM_EARTH, xk, &err);
    double dr[3] = {res.x[0] - xk[0], res.x[1] - xk[1], res.x[2] - xk[2]};
    check_close("transfer vs universal-variable Kepler (km)",
                ilrs_vec3_norm(dr), 0.0, 1e-4,
                "ilrs_kepler_propagate, independent algorithm (Stumpff); "
                "0.1 m over 4.5 d");
    /* LEO, 30 revolutions. */
    ilrs_conic leo = {ILRS_GM_EARTH, 6778.0, 0.001, 51.6 * ILRS_DEG, 0, 0, 0};
    ilrs_conic_state(&leo, 0.0, x0, &err);
    memcpy(rq.x0, x0, sizeof x0);
    rq.t1 = 30 * 5553.0;
    ilrs_prop_run(p, &rq, &res, &err);
    ilrs_kepler_propagate(x0, rq.t1, ILRS_GM_EARTH, xk, &err);
    for (int k = 0; k < 3; k++)
        dr[k] = res.x[k] - xk[k];
    check_close("LEO 30 revs vs Kepler (km)", ilrs_vec3_norm(dr), 0.0, 1e-4,
                "ilrs_kepler_propagate; 0.1 m");
    /* Periapsis event: start a quarter orbit past periapsis. */
    ilrs_conic el = {ILRS_GM_EARTH, 7000.0, 0.3, 10 * ILRS_DEG, 0, 0, 0.0};
    double a = el.q / (1 - el.e), period = 2 * ILRS_PI * sqrt(a * a * a /
                                                            el.gm);
    ilrs_conic_state(&el, 1000.0, x0, &err);
    ilrs_event ev = {ILRS_EVENT_PERIAPSIS, 399, 0, +1, 1};
    memcpy(rq.x0, x0, sizeof x0);
    rq.t0 = 1000.0;
    rq.t1 = 1000.0 + 2 * period;
    rq.events = &ev;
    rq.nevents = 1;
    ilrs_prop_run(p, &rq, &res, &err);
    check_int("periapsis event stops", res.stopped_by, 0, "terminal event");
    check_close("periapsis time (s)", res.t, period, 1e-3,
                "conic: next periapsis at tp + P (Kepler's third law)");
    check_close("periapsis radius (km)", ilrs_vec3_norm(res.x), el.q, 1e-6,
                "conic periapsis q");
    /* Altitude event: falling through 1000 km altitude. */
    ilrs_event alt = {ILRS_EVENT_ALTITUDE, 399, 1000.0, -1, 1};
    rq.events = &alt;
    ilrs_prop_run(p, &rq, &res, &err);
    check_close("altitude event radius (km)", ilrs_vec3_norm(res.x),
                ILRS_WGS84_A_KM + 1000.0, 1e-6, "event definition");
    /* Distance event (a sphere-of-influence style crossing) on the
       transfer ellipse: outbound through 100,000 km, not terminal. The
       time from Kepler's equation for the true anomaly where r = 1e5. */
    ilrs_conic tr = {ILRS_GM_EARTH, 6578.0, 0.966, 0.5, 0.3, 0.2, 0.0};
    ilrs_event soi = {ILRS_EVENT_DISTANCE, 399, 100000.0, +1, 0};
    ilrs_conic_state(&tr, 0.0, rq.x0, &err);
    rq.t0 = 0.0;
    rq.t1 = 3 * 86400.0;
    rq.events = &soi;
    rq.nevents = 1;
    ilrs_prop_run(p, &rq, &res, &err);
    double at = tr.q / (1 - tr.e), pp = at * (1 - tr.e * tr.e);
    double nu = acos((pp / 100000.0 - 1) / tr.e);
    double E = 2 * atan(sqrt((1 - tr.e) / (1 + tr.e)) * tan(nu / 2));
    double tk = (E - tr.e * sin(E)) / sqrt(tr.gm / (at * at * at));
    check_int("distance event: one crossing, run not stopped",
              res.nhits * 10 + (res.stopped_by == -1), 11,
              "non-terminal event is recorded, run goes on");
    check_close("distance event time (s)", res.hits[0].t, tk, 1e-3,
                "Kepler's equation at r = 100,000 km (Vallado 4th ed. "
                "alg. 5)");
    check_close("distance event radius (km)", ilrs_vec3_norm(res.hits[0].x),
                100000.0, 1e-6, "event definition");
    rq.events = NULL;
    rq.nevents = 0;
    ilrs_prop_free(p);
}


static int nsamples;
static int count_sample(void *ctx, double t, const double x[6])
{
    (void)ctx;
    (void)t;
    (void)x;
    nsamples++;
    return 0;
}

static void ephemeris_model(const char *kernel)
{
    ilrs_ephem *eph = NULL;
    ilrs_error err;
    if (!check_int("open DE421 excerpt", ilrs_ephem_open(kernel, &eph, &err),
                   0, err.msg))
        return;
    ilrs_force_model fm;
    double t0 = 24.0 * 365.25 * 86400.0;  /* 2024-01-01 approx */
    ilrs_force_model_init(&fm, 399, ILRS_PROP_MOON | ILRS_PROP_SUN, 1, eph,
                          t0, &err);
    ilrs_prop *p = NULL;
    ilrs_prop_new(&fm, NULL, &p, &err);
    ilrs_conic c = {ILRS_GM_EARTH, 6578.0, 0.97, 28.5 * ILRS_DEG,
                    40 * ILRS_DEG, 30 * ILRS_DEG, t0};
    double x0[6];
    ilrs_conic_state(&c, t0, x0, &err);
    ilrs_prop_request rq = {.t0 = t0, .t1 = t0 + 5 * 86400.0};
    memcpy(rq.x0, x0, sizeof x0);
    rq.sample_s = 3600.0;
    rq.sample = count_sample;
    ilrs_prop_result fwd, back;
    check_int("ephemeris run", ilrs_prop_run(p, &rq, &fwd, &err), 0,
              err.msg);
    check_int("hourly samples over 5 d", nsamples, 121,
              "t0, every 3600 s, t1 included");
    ilrs_prop_request rb = {.t0 = rq.t1, .t1 = t0};
    memcpy(rb.x0, fwd.x, sizeof rb.x0);
    ilrs_prop_run(p, &rb, &back, &err);
    double d[3] = {back.x[0] - x0[0], back.x[1] - x0[1], back.x[2] - x0[2]};
    check_close("forward then back returns (km)", ilrs_vec3_norm(d), 0.0,
                1e-5, "time reversibility of the equations; 1 cm");
    /* STM against central differences of the full propagation. */
    rq.stm = 1;
    rq.sample = NULL;
    rq.t1 = t0 + 2 * 86400.0;
    ilrs_prop_result r0;
    ilrs_prop_run(p, &rq, &r0, &err);
    double worst = 0.0;
    for (int j = 0; j < 6; j++) {
        double h = j < 3 ? 1e-3 : 1e-6, xp[6], xm[6];
        ilrs_prop_request q = rq;
        q.stm = 0;
        q.x0[j] += h;
        ilrs_prop_result a, b;
        ilrs_prop_run(p, &q, &a, &err);
        memcpy(xp, a.x, sizeof xp);
        q.x0[j] -= 2 * h;
        ilrs_prop_run(p, &q, &b, &err);
        memcpy(xm, b.x, sizeof xm);
        for (int i = 0; i < 6; i++) {
            double fd = (xp[i] - xm[i]) / (2 * h), an = r0.stm[6 * i + j];
            double rel = fabs(fd - an) / (fabs(fd) + 1e-3 * (i < 3 ? 1 : 1e-3));
            if (rel > worst)
                worst = rel;
        }
    }
    check_close("STM vs central differences (worst rel)", worst, 0.0, 1e-4,
                "finite differences of the propagation itself; their "
                "truncation and round-off reach ~1e-5");
    /* Outside the kernel's coverage: ILRS_ERANGE, not a crash. */
    ilrs_prop_request far = {.t0 = 40.0 * 365.25 * 86400.0,
                             .t1 = 40.0 * 365.25 * 86400.0 + 86400.0};
    memcpy(far.x0, x0, sizeof x0);
    int st = ilrs_prop_run(p, &far, &fwd, &err);
    check_int("beyond ephemeris coverage", st, ILRS_ERANGE,
              "de421 excerpt covers 2022-2026");
    ilrs_prop_free(p);
    ilrs_ephem_free(eph);
}

static void j2_node_rate(void)
{
    ilrs_force_model fm;
    ilrs_error err;
    ilrs_force_model_init(&fm, 399, 0, 1, NULL, 0.0, &err);
    fm.pole[0] = fm.pole[1] = 0.0;
    fm.pole[2] = 1.0;
    ilrs_prop *p = NULL;
    ilrs_prop_new(&fm, NULL, &p, &err);
    double a = 7000.0, inc = 45 * ILRS_DEG;
    ilrs_conic c = {ILRS_GM_EARTH, a, 0.0, inc, 0.0, 0.0, 0.0};
    double x0[6];
    ilrs_conic_state(&c, 0.0, x0, &err);
    double n = sqrt(ILRS_GM_EARTH / (a * a * a));
    double rate = -1.5 * n * ILRS_EARTH_J2 *
                  pow(ILRS_EARTH_J2_RADIUS_KM / a, 2) * cos(inc);
    ilrs_prop_request rq = {.t0 = 0.0, .t1 = 10 * 86400.0};
    memcpy(rq.x0, x0, sizeof x0);
    ilrs_prop_result res;
    ilrs_prop_run(p, &rq, &res, &err);
    double h[3];
    ilrs_vec3_cross(res.x, res.x + 3, h);
    double node = atan2(h[0], -h[1]);
    check_close("J2 node drift over 10 d (deg)", node / ILRS_DEG,
                rate * rq.t1 / ILRS_DEG, 0.02 * fabs(rate * rq.t1) / ILRS_DEG,
                "Vallado 4th ed. eq. 9-41 (secular J2 node rate); 2% for "
                "short-period terms of osculating elements");
    ilrs_prop_free(p);
}

static void bad_input(void)
{
    ilrs_force_model fm;
    ilrs_error err;
    check_int("center 499 rejected",
              ilrs_force_model_init(&fm, 499, 0, 0, NULL, 0, &err),
              ILRS_EINVAL, "only Earth or Moon");
    check_int("third bodies without ephemeris",
              ilrs_force_model_init(&fm, 399, ILRS_PROP_SUN, 0, NULL, 0,
                                    &err),
              ILRS_EINVAL, "documented");
    ilrs_force_model_init(&fm, 399, 0, 0, NULL, 0, &err);
    ilrs_prop *p = NULL;
    ilrs_prop_new(&fm, NULL, &p, &err);
    ilrs_prop_request rq = {.t0 = 0, .t1 = 10};
    rq.x0[0] = NAN;
    ilrs_prop_result res;
    check_int("NaN state rejected", ilrs_prop_run(p, &rq, &res, &err),
              ILRS_EINVAL, "documented");
    ilrs_prop_free(p);
    ilrs_prop_free(NULL);
}

int main(void)
{

    two_body();
    j2_node_rate();
    bad_input();
    char path[1024];
    check_data(path, sizeof path, "ephem/de421-2022-2026.bsp");
    ephemeris_model(path);
    return check_done();
}
