/*
 * bench/porkchop.c -- an Earth-Mars porkchop grid end to end: ephemeris
 * (once per date, batch), Lambert and patched conics in every cell, on one
 * thread and on all threads.
 *
 *   bench_porkchop [EPHEMERIS] [N] [SUBSET_OUT]
 * EPHEMERIS: as --ephemeris (default: de405 if installed, else analytic);
 * N: grid side (default 1000: 1000 departures x 1000 arrivals, departures
 * 2020-05-01 + 150 d, arrivals 2020-11-01 + 400 d). Prints one line per run:
 *   ilrs threads=K cells=C seconds=S cells_per_s=R
 * and writes 2000 seeded cells of the grid (r1, r2, v_planet1, tof and our
 * C3; float64 rows of 11) to SUBSET_OUT so that the peer times the same
 * work on a measured subset (bench/porkchop_peer.py).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "ilrs/constants.h"
#include "ilrs/design.h"
#include "ilrs/time.h"

#define NSUB 2000

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static double run(ilrs_porkchop *p, const ilrs_ephem *e,
                  ilrs_porkchop_spec *s, int threads)
{
    double best = 1e30;
    s->nthreads = threads;
    for (int rep = 0; rep < 3; rep++) {
        double t0 = now();
        ilrs_error err = {0, ""};
        if (ilrs_porkchop_compute(p, e, s, &err) < 0) {
            fprintf(stderr, "bench_porkchop: %s\n", err.msg);
            return -1;
        }
        double dt = now() - t0;
        best = dt < best ? dt : best;
    }
    return best;
}

static int write_subset(const char *path, const ilrs_porkchop *p)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return -1;
    unsigned long x = 12345;
    for (int k = 0; k < NSUB;) {
        x = x * 6364136223846793005UL + 1442695040888963407UL;
        size_t i = (x >> 33) % p->ndep;
        x = x * 6364136223846793005UL + 1442695040888963407UL;
        size_t j = (x >> 33) % p->narr, c = j * p->ndep + i;
        if (isnan(p->c3[c]))
            continue;
        double row[11];
        for (int m = 0; m < 3; m++) {
            row[m] = p->dep_state[6 * i + m];
            row[3 + m] = p->arr_state[6 * j + m];
            row[6 + m] = p->dep_state[6 * i + 3 + m];
        }
        row[9] = p->tof[c];
        row[10] = p->c3[c];
        fwrite(row, sizeof row, 1, f);
        k++;
    }
    return fclose(f);
}

int main(int argc, char **argv)
{
    const char *spec = argc > 1 ? argv[1] : NULL;
    size_t n = argc > 2 ? strtoul(argv[2], NULL, 10) : 1000;
    ilrs_ephem *e = NULL;
    ilrs_error err = {0, ""};
    if (ilrs_ephem_open(spec && *spec ? spec : NULL, &e, &err) < 0) {
        fprintf(stderr, "bench_porkchop: %s\n", err.msg);
        return 1;
    }
    double d0, a0;
    ilrs_time_parse_tdb("2020-05-01", &d0, NULL);
    ilrs_time_parse_tdb("2020-11-01", &a0, NULL);
    ilrs_porkchop_spec s = {.from = 399, .to = 499, .dep0 = d0,
                            .dep_step = 150.0 * ILRS_DAY_S / (double)n,
                            .arr0 = a0,
                            .arr_step = 400.0 * ILRS_DAY_S / (double)n,
                            .objective = ILRS_OBJ_C3};
    ilrs_budget_default(399, 499, &s.budget);
    ilrs_porkchop *p = NULL;
    if (n == 0 || ilrs_porkchop_new(n, n, &p, &err) < 0) {
        fprintf(stderr, "bench_porkchop: bad grid size\n");
        ilrs_ephem_free(e);
        return 1;
    }
    printf("# %s, Earth -> Mars, %zu x %zu grid\n", ilrs_ephem_source(e), n,
           n);
    int rc = 0;
    int threads[2] = {1, ilrs_ncpu()};
    for (int k = 0; k < 2 && rc == 0; k++) {
        double sec = run(p, e, &s, threads[k]);
        if (sec < 0)
            rc = 1;
        else
            printf("ilrs threads=%d cells=%zu seconds=%.4f cells_per_s=%.0f\n",
                   threads[k], n * n, sec, (double)(n * n) / sec);
    }
    if (rc == 0 && argc > 3 && write_subset(argv[3], p) != 0) {
        fprintf(stderr, "bench_porkchop: cannot write %s\n", argv[3]);
        rc = 1;
    }
    ilrs_porkchop_free(p);
    ilrs_ephem_free(e);
    return rc;
}
