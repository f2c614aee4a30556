/*
 * bench/ephem.c -- states per second of SPK evaluation through the public
 * batch call, one thread and all threads.
 *
 *   bench_ephem FILE.bsp TARGET CENTER N EPOCHS_OUT
 * Evaluates N random epochs (seeded) inside the segment's coverage,
 * writes the epochs (float64, TDB s past J2000) to EPOCHS_OUT so that the
 * peer times the same work, and prints one line per run:
 *   ilrs threads=K states=N seconds=S states_per_s=R
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "ilrs/ephem.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static double run(const ilrs_ephem *e, int tg, int ct, size_t n,
                  const double *t, double *out, int threads)
{
    double best = 1e30;
    for (int rep = 0; rep < 3; rep++) {
        double t0 = now();
        if (ilrs_ephem_states(e, tg, ct, n, t, out, threads, NULL) < 0)
            return -1;
        double dt = now() - t0;
        best = dt < best ? dt : best;
    }
    return best;
}

int main(int argc, char **argv)
{
    if (argc != 6) {
        fprintf(stderr, "usage: bench_ephem FILE.bsp TARGET CENTER N "
                        "EPOCHS_OUT\n");
        return 2;
    }
    ilrs_ephem *e;
    ilrs_error err = {0, ""};
    int tg, ct;
    if (ilrs_ephem_open(argv[1], &e, &err) < 0 ||
        ilrs_ephem_body_id(e, argv[2], &tg, &err) < 0 ||
        ilrs_ephem_body_id(e, argv[3], &ct, &err) < 0) {
        fprintf(stderr, "bench_ephem: %s\n", err.msg);
        return 1;
    }
    size_t n = strtoul(argv[4], NULL, 10);
    double t0, t1;
    if (ilrs_ephem_coverage(e, tg, ct, 7.8e8, &t0, &t1, &err) < 0) {
        fprintf(stderr, "bench_ephem: %s\n", err.msg);
        return 1;
    }
    double *t = malloc(n * sizeof *t), *out = malloc(6 * n * sizeof *out);
    if (!t || !out)
        return 1;
    unsigned long long s = 88172645463325252ull;
    for (size_t i = 0; i < n; i++) {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        t[i] = t0 + (t1 - t0) * ((s >> 11) * (1.0 / 9007199254740992.0));
    }
    FILE *f = fopen(argv[5], "wb");
    if (!f || fwrite(t, sizeof *t, n, f) != n) {
        fprintf(stderr, "bench_ephem: cannot write %s\n", argv[5]);
        return 1;
    }
    fclose(f);
    int all = ilrs_ncpu();
    for (int threads = 1; threads <= all; threads = threads == all ? all + 1 : all) {
        double sec = run(e, tg, ct, n, t, out, threads);
        printf("ilrs threads=%d states=%zu seconds=%.6f states_per_s=%.0f\n",
               threads, n, sec, n / sec);
    }
    free(t);
    free(out);
    ilrs_ephem_free(e);
    return 0;
}
