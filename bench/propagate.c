/*
 * bench/propagate.c -- the ephemeris-model propagator and the lunar
 * transfer search.
 *
 *   bench_propagate FILE.bsp
 * 1. Propagates a translunar coast (Earth, Moon and Sun from FILE.bsp,
 *    rk8pd at rtol 1e-12) for 3 days, 200 times, and the same with the
 *    STM; prints steps and right-hand-side evaluations per second.
 * 2. Solves a month (June 2024, 30 days) of daily Wenchang transfers on 1
 *    thread and on all threads; prints the seconds.
 * Output lines:
 *   ilrs propagate stm=S runs=N steps=K seconds=T steps_per_s=R
 *   ilrs lunar_window days=30 threads=K seconds=T open_days=D
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ilrs/constants.h"
#include "ilrs/lunar_transfer.h"
#include "ilrs/propagate.h"
#include "ilrs/time.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static int propagate(const ilrs_ephem *eph, int stm)
{
    ilrs_force_model fm;
    ilrs_prop *p = NULL;
    ilrs_error err;
    double t0 = 7.6e8;
    if (ilrs_force_model_init(&fm, 399, ILRS_PROP_MOON | ILRS_PROP_SUN, 0,
                              eph, t0, &err) < 0 ||
        ilrs_prop_new(&fm, NULL, &p, &err) < 0) {
        fprintf(stderr, "bench_propagate: %s\n", err.msg);
        return 1;
    }
    ilrs_prop_request rq = {.t0 = t0, .t1 = t0 + 3 * 86400.0, .stm = stm};
    double x0[6] = {6578.0, 0, 0, 0, 10.4, 4.0};
    memcpy(rq.x0, x0, sizeof x0);
    ilrs_prop_result res;
    long steps = 0;
    int runs = 200;
    double s = now();
    for (int k = 0; k < runs; k++) {
        if (ilrs_prop_run(p, &rq, &res, &err) < 0) {
            fprintf(stderr, "bench_propagate: %s\n", err.msg);
            return 1;
        }
        steps += res.steps;
    }
    double dt = now() - s;
    printf("ilrs propagate stm=%d runs=%d steps=%ld seconds=%.4f "
           "steps_per_s=%.0f\n", stm, runs, steps, dt, steps / dt);
    ilrs_prop_free(p);
    return 0;
}

static int window(const ilrs_ephem *eph, int threads)
{
    ilrs_lunar_transfer_spec sp = {0};
    ilrs_lunar_transfer t[30];
    ilrs_error err;
    double day0;
    ilrs_launch_site_find("wenchang", &sp.site_lat, &sp.site_lon);
    sp.park_alt_km = 200;
    sp.tof_s = 4.5 * ILRS_DAY_S;
    sp.peri_alt_km = sp.apo_alt_km = 100;
    sp.lunar_inc = 90 * ILRS_DEG;
    ilrs_time_parse_tdb("2024-06-01", &day0, &err);
    double s = now();
    if (ilrs_lunar_transfer_window(eph, &sp, day0, 30, t, threads, &err) < 0) {
        fprintf(stderr, "bench_propagate: %s\n", err.msg);
        return 1;
    }
    double dt = now() - s;
    int open = 0;
    for (int i = 0; i < 30; i++)
        open += t[i].status == ILRS_TRANSFER_OK;
    printf("ilrs lunar_window days=30 threads=%d seconds=%.3f open_days=%d\n",
           threads > 0 ? threads : ilrs_ncpu(), dt, open);
    return 0;
}

int main(int argc, char **argv)
{
    ilrs_ephem *eph = NULL;
    ilrs_error err;
    if (argc != 2 || ilrs_ephem_open(argv[1], &eph, &err) < 0) {
        fprintf(stderr, "usage: bench_propagate FILE.bsp (%s)\n",
                argc == 2 ? err.msg : "no file");
        return 2;
    }
    int rc = propagate(eph, 0) || propagate(eph, 1) || window(eph, 1) ||
             window(eph, 0);
    ilrs_ephem_free(eph);
    return rc;
}
