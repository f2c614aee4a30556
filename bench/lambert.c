/*
 * bench/lambert.c -- single-revolution Lambert solves per second through
 * the batch call, on one thread and on all threads.
 *
 *   bench_lambert N PROBLEMS_OUT
 * Draws N random heliocentric problems (seeded): r1 and r2 at 0.7-1.7 au
 * in random directions within 10 deg of the ecliptic, time of flight
 * 30-600 days, one in four retrograde. Writes them to PROBLEMS_OUT
 * (float64 rows: mu, r1[3], r2[3], tof, retrograde) so that
 * bench/lambert_peer.py times poliastro on the same problems, and prints
 *   ilrs block width W, one thread: solves_per_s=R
 * for each block width the processor has (ilrs_lambert_batch_widths:
 * 2 the scalar solver on two problems interleaved, 4 AVX2, 8 AVX-512),
 * then the same through ilrs_lambert_solve_arrays (one array per
 * coordinate, no structures to unpack),
 *   ilrs arrays width W, one thread: solves_per_s=R
 * then, through ilrs_lambert_solve_batch (the widest width),
 *   ilrs threads=K solves=N seconds=S solves_per_s=R
 * for K = 1 and K = all online cores; each the best of REPS runs, so
 * that a run not slowed by other processes counts (on a shared machine
 * 20 were not always enough to find one).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "ilrs/constants.h"
#include "ilrs/orbit.h"

#define REPS 50  /* runs per figure; the best counts */

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* xorshift64 uniform in [0, 1). */
static double uniform(unsigned long long *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return (*s >> 11) * (1.0 / 9007199254740992.0);
}

static void position(unsigned long long *s, double r[3])
{
    double lon = 2.0 * ILRS_PI * uniform(s);
    double lat = (uniform(s) - 0.5) * 20.0 * ILRS_DEG;
    double rn = (0.7 + uniform(s)) * ILRS_AU_KM;
    r[0] = rn * cos(lat) * cos(lon);
    r[1] = rn * cos(lat) * sin(lon);
    r[2] = rn * sin(lat);
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: bench_lambert N PROBLEMS_OUT\n");
        return 2;
    }
    size_t n = strtoul(argv[1], NULL, 10);
    ilrs_lambert_problem *p = malloc(n * sizeof *p);
    ilrs_lambert_solution *out = malloc(n * sizeof *out);
    size_t *nsol = malloc(n * sizeof *nsol);
    int *status = malloc(n * sizeof *status);
    double *rows = malloc(9 * n * sizeof *rows);
    if (!p || !out || !nsol || !status || !rows || n == 0)
        return 1;
    unsigned long long s = 88172645463325252ull;
    for (size_t i = 0; i < n; i++) {
        ilrs_lambert_problem *q = &p[i];
        position(&s, q->r1);
        position(&s, q->r2);
        q->tof_s = (30.0 + 570.0 * uniform(&s)) * ILRS_DAY_S;
        q->mu = ILRS_GM_SUN;
        q->max_revs = 0;
        q->retrograde = uniform(&s) < 0.25;
        q->normal[0] = q->normal[1] = q->normal[2] = 0.0;
        double row[9] = {q->mu, q->r1[0], q->r1[1], q->r1[2], q->r2[0],
                         q->r2[1], q->r2[2], q->tof_s, q->retrograde};
        for (int k = 0; k < 9; k++)
            rows[9 * i + k] = row[k];
    }
    FILE *f = fopen(argv[2], "wb");
    if (!f || fwrite(rows, sizeof *rows, 9 * n, f) != 9 * n) {
        fprintf(stderr, "bench_lambert: cannot write %s\n", argv[2]);
        return 1;
    }
    fclose(f);
    /* The same problems as arrays, one per coordinate (the retrograde
       ones flagged in one more array). */
    double *col = malloc(13 * n * sizeof *col);
    int *retro = malloc(n * sizeof *retro);
    if (!col || !retro)
        return 1;
    for (size_t i = 0; i < n; i++) {
        for (int k = 0; k < 3; k++) {
            col[k * n + i] = p[i].r1[k];
            col[(3 + k) * n + i] = p[i].r2[k];
        }
        col[6 * n + i] = p[i].tof_s;
        retro[i] = p[i].retrograde;
    }
    ilrs_lambert_arrays a = {n, {col, col + n, col + 2 * n},
                             {col + 3 * n, col + 4 * n, col + 5 * n},
                             col + 6 * n, ILRS_GM_SUN, retro,
                             {col + 7 * n, col + 8 * n, col + 9 * n},
                             {col + 10 * n, col + 11 * n, col + 12 * n},
                             status};
    /* Each block width this processor has, one thread (2: the scalar
       solver on two problems interleaved; 4: AVX2; 8: AVX-512), through
       the problem structures and through the arrays. */
    int widths = ilrs_lambert_batch_widths();
    for (int form = 0; form < 2; form++)
        for (int w = 2; w <= 8; w *= 2) {
            if (!(widths & w))
                continue;
            double best = 1e30;
            for (int rep = 0; rep < REPS; rep++) {
                double t0 = now();
                if (form == 0)
                    ilrs_lambert_solve_batch_width(p, n, out, 1, nsol,
                                                   status, 1, w);
                else
                    ilrs_lambert_solve_arrays(&a, 1, w);
                double dt = now() - t0;
                best = dt < best ? dt : best;
            }
            printf("ilrs %s width %d, one thread: solves_per_s=%.0f\n",
                   form ? "arrays" : "block", w, n / best);
        }
    /* The batch call as a user makes it (the widest block). */
    int all = ilrs_ncpu();
    for (int threads = 1; threads <= all;
         threads = threads == all ? all + 1 : all) {
        double best = 1e30;
        long failed = 0;
        for (int rep = 0; rep < REPS; rep++) {
            double t0 = now();
            ilrs_lambert_solve_batch(p, n, out, 1, nsol, status, threads);
            double dt = now() - t0;
            best = dt < best ? dt : best;
        }
        for (size_t i = 0; i < n; i++)
            failed += status[i] != ILRS_OK;
        printf("ilrs threads=%d solves=%zu seconds=%.6f solves_per_s=%.0f "
               "failed=%ld\n", threads, n, best, n / best, failed);
    }
    free(col);
    free(retro);
    free(p);
    free(out);
    free(nsol);
    free(status);
    free(rows);
    return 0;
}
