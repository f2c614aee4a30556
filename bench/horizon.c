/*
 * bench/horizon.c -- pixels per second of a horizon map (max-height
 * pyramid, ilrs_horizon_map) on one thread and on all threads, against the
 * plain single-site ray cast (ilrs_horizon_site, every sample) on the same
 * pixels, in the same run.
 *
 *   bench_horizon DEM COL0 ROW0 NCOL NROW NAZ MAX_DIST_KM
 * (MAX_DIST_KM 0: the whole DEM). Prints one line per run:
 *   ilrs method=M threads=K pixels=N azimuths=A seconds=S pixels_per_s=R
 * then the ratios. One-thread runs are timed in process CPU seconds, the
 * all-thread run in wall seconds. The plain cast runs on one thread over every 4th pixel
 * of the window (it is the slow one); the map agrees with it to float
 * precision (tests/test_lunar.c).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "ilrs/lunar.h"

/* Wall time for the threaded run; process CPU time for the one-thread
   runs, which keeps their ratio steady on a machine shared with other
   jobs (the threaded figure needs an idle machine). */
static int use_cpu;

static double now(void)
{
    struct timespec ts;
    clock_gettime(use_cpu ? CLOCK_PROCESS_CPUTIME_ID : CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static double time_map(const ilrs_dem *d, int c0, int r0, int nc, int nr,
                       const ilrs_horizon_opts *o, int threads, float *out)
{
    double t0 = now();
    if (ilrs_horizon_map(d, c0, r0, nc, nr, o, threads, out, NULL) < 0)
        return -1;
    return now() - t0;
}

static double time_plain(const ilrs_dem *d, int c0, int r0, int nc, int nr,
                         const ilrs_horizon_opts *o, size_t *npix)
{
    double *h = malloc(sizeof(double) * (size_t)o->naz);
    double t0 = now();
    *npix = 0;
    for (int j = 0; j < nr; j++)
        for (int i = (j % 2) * 2; i < nc; i += 4) {
            double lat, lon;
            ilrs_dem_pixel_to_latlon(d, c0 + i + 0.5, r0 + j + 0.5, &lat,
                                     &lon);
            ilrs_horizon_site(d, lat, lon, o, h, NULL, NULL);
            (*npix)++;
        }
    double dt = now() - t0;
    free(h);
    return dt;
}

int main(int argc, char **argv)
{
    if (argc != 8) {
        fprintf(stderr, "usage: bench_horizon DEM COL0 ROW0 NCOL NROW NAZ "
                        "MAX_DIST_KM\n");
        return 2;
    }
    ilrs_dem *d;
    ilrs_error err;
    if (ilrs_dem_open(argv[1], &d, &err)) {
        fprintf(stderr, "bench_horizon: %s\n", err.msg);
        return 1;
    }
    int c0 = atoi(argv[2]), r0 = atoi(argv[3]), nc = atoi(argv[4]),
        nr = atoi(argv[5]);
    ilrs_horizon_opts o;
    ilrs_horizon_opts_default(&o);
    o.naz = atoi(argv[6]);
    o.max_dist_km = atof(argv[7]);
    size_t np = (size_t)nc * nr;
    float *out = malloc(sizeof(float) * np * (size_t)o.naz);
    if (!out)
        return 1;
    size_t npl;
    use_cpu = 1;
    double tp = time_plain(d, c0, r0, nc, nr, &o, &npl);
    printf("ilrs method=plain threads=1 pixels=%zu azimuths=%d seconds=%.3f "
           "pixels_per_s=%.1f\n", npl, o.naz, tp, npl / tp);
    double t1 = time_map(d, c0, r0, nc, nr, &o, 1, out);
    printf("ilrs method=map threads=1 pixels=%zu azimuths=%d seconds=%.3f "
           "pixels_per_s=%.1f\n", np, o.naz, t1, np / t1);
    int nt = ilrs_ncpu();
    use_cpu = 0;
    double tn = time_map(d, c0, r0, nc, nr, &o, 0, out);
    printf("ilrs method=map threads=%d pixels=%zu azimuths=%d seconds=%.3f "
           "pixels_per_s=%.1f\n", nt, np, o.naz, tn, np / tn);
    printf("ratio map(1 thread)/plain(1 thread) = %.2f\n",
           (np / t1) / (npl / tp));
    printf("ratio map(%d threads)/plain(1 thread) = %.2f\n", nt,
           (np / tn) / (npl / tp));
    free(out);
    ilrs_dem_close(d);
    return 0;
}
