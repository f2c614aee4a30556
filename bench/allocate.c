/* allocate.c -- bench_allocate: a random program of NP payload proposals
 * and NM missions, written as a program file; times loading (parse and
 * validate), registry import, registry load and the GLPK allocation, and
 * prints peak memory. Optionally writes the allocation problem for
 * bench/allocate_peer.py (scipy's HiGHS) to solve the same instance.
 *
 *   bench_allocate [NP [NM [TIME_LIMIT_S [MIP_GAP [PROBLEM_OUT]]]]]
 *   defaults:       10000 100  60          1e-4
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "ilrs/program.h"
#include "ilrs/registry.h"

static unsigned long long rng = 0x9E3779B97F4A7C15ULL;
static double urand(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (double)(rng >> 11) / 9007199254740992.0;
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static const char *const regions[4] = {"south-pole", "far-side",
                                       "near-side", "north-pole"};

static void write_program(FILE *f, int np, int nm)
{
    fprintf(f, "program: {id: BENCH, name: Random program}\n"
               "partners: [{id: PA, name: Partner, country: X, kind: "
               "agency}]\nlanding_sites:\n");
    for (int r = 0; r < 4; r++)
        fprintf(f, "  - {id: S%d, name: Site %d, lat: %d, lon: %d, region: "
                   "%s, illumination: %s}\n", r, r, -80 + 40 * r, 10 * r,
                regions[r], r % 2 ? "sunlit" : "mixed");
    fprintf(f, "missions:\n");
    static const char *const acc[3] = {"surface", "orbit", "both"};
    for (int m = 0; m < nm; m++)
        fprintf(f, "  - {id: M%03d, name: Mission %d, lead: PA, type: lander, "
                   "target: Moon, launch: %d, status: approved, landing_site: "
                   "S%d,\n     budget: {mass: %.0f kg, power_avg: %.0f W, "
                   "power_peak: %.0f W, data: %.0f MB/day, volume: %.0f L, "
                   "accommodation: %s, night_survival: %s}}\n",
                m, m, 2027 + m % 10, m % 4, 50 + 450 * urand(),
                100 + 900 * urand(), 1000 + 1000 * urand(),
                500 + 5000 * urand(), 50 + 450 * urand(),
                acc[(int)(3 * urand())], urand() < 0.5 ? "true" : "false");
    fprintf(f, "payloads:\n");
    static const char *const needs[3] = {"surface", "orbit", "any"};
    for (int p = 0; p < np; p++) {
        fprintf(f, "  - {id: P%05d, name: Proposal %d, partner: PA, mass: "
                   "%.2f kg, power_avg: %.1f W, power_peak: %.1f W, data: "
                   "%.1f MB, volume: %.1f L, needs: %s, priority: %d, score: "
                   "%.1f, status: proposed", p, p, 1 + 49 * urand(),
                1 + 99 * urand(), 100 + 100 * urand(), 1 + 499 * urand(),
                1 + 49 * urand(), needs[(int)(3 * urand())],
                1 + (int)(3 * urand()), 10 * urand());
        if (urand() < 0.3)
            fprintf(f, ", region: %s", regions[(int)(4 * urand())]);
        if (urand() < 0.3)
            fprintf(f, ", night_survival: true");
        if (urand() < 0.2) {
            int k = 1 + (int)(3 * urand());
            fprintf(f, ", preferred: [");
            for (int j = 0; j < k; j++)
                fprintf(f, "%sM%03d", j ? ", " : "", (int)(nm * urand()));
            fprintf(f, "]");
        }
        fprintf(f, "}\n");
    }
}

/* The allocation problem as plain numbers, for the peer. */
static void write_problem(const char *path, const ilrs_program_view *v)
{
    FILE *f = fopen(path, "w");
    if (!f)
        return;
    size_t ncol = 0;
    for (size_t p = 0; p < v->npayloads; p++)
        for (size_t m = 0; m < v->nmissions; m++)
            ncol += ilrs_alloc_compatible(v, p, m, NULL, 0);
    fprintf(f, "%zu %zu %zu\n", v->nmissions, v->npayloads, ncol);
    for (size_t m = 0; m < v->nmissions; m++) {
        for (int d = 0; d < ILRS_NBUDGET; d++)
            fprintf(f, "%.17g ", isfinite(v->missions[m].cap[d])
                                     ? v->missions[m].cap[d] : 1e300);
        fputc('\n', f);
    }
    for (size_t p = 0; p < v->npayloads; p++) {
        fprintf(f, "%.17g", v->payloads[p].value);
        for (int d = 0; d < ILRS_NBUDGET; d++)
            fprintf(f, " %.17g", v->payloads[p].need[d]);
        fputc('\n', f);
    }
    for (size_t p = 0; p < v->npayloads; p++)
        for (size_t m = 0; m < v->nmissions; m++)
            if (ilrs_alloc_compatible(v, p, m, NULL, 0))
                fprintf(f, "%zu %zu\n", p, m);
    fclose(f);
}

int main(int argc, char **argv)
{
    int np = argc > 1 ? atoi(argv[1]) : 10000;
    int nm = argc > 2 ? atoi(argv[2]) : 100;
    ilrs_alloc_options o = {argc > 3 ? atof(argv[3]) : 60.0,
                            argc > 4 ? atof(argv[4]) : 1e-4};
    char dir[] = "/tmp/ilrs-bench-XXXXXX", file[64], reg[64];
    if (np < 1 || nm < 1 || !mkdtemp(dir)) {
        fprintf(stderr, "usage: bench_allocate [NP [NM [TIME_LIMIT [GAP "
                        "[PROBLEM_OUT]]]]]\n");
        return 2;
    }
    snprintf(file, sizeof file, "%s/program.yaml", dir);
    snprintf(reg, sizeof reg, "%s/registry.db", dir);
    FILE *f = fopen(file, "w");
    if (!f)
        return 1;
    write_program(f, np, nm);
    long bytes = ftell(f);
    fclose(f);
    ilrs_program *p, *q;
    ilrs_registry *r;
    ilrs_error err = {0, ""};
    double t0 = now_s();
    int st = ilrs_program_load(file, &p, NULL, &err);
    double t1 = now_s();
    if (!st)
        st = ilrs_registry_open(reg, 1, &r, &err);
    if (st) {
        fprintf(stderr, "bench_allocate: %s\n", err.msg);
        return 1;
    }
    st = ilrs_registry_import(r, p, "bench", 0, NULL, NULL, NULL, &err);
    double t2 = now_s();
    if (!st)
        st = ilrs_registry_load(r, &q, NULL, &err);
    double t3 = now_s();
    ilrs_program_view v;
    ilrs_alloc_plan plan;
    if (!st)
        st = ilrs_program_view_make(q, &v, &err);
    double t4 = now_s();
    if (!st)
        st = ilrs_alloc_solve(&v, &o, &plan, &err);
    double t5 = now_s();
    if (st < 0) {
        fprintf(stderr, "bench_allocate: %s\n", err.msg);
        return 1;
    }
    size_t placed = 0;
    for (size_t i = 0; i < v.npayloads; i++)
        placed += plan.mission[i] >= 0;
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("proposals=%d missions=%d file_bytes=%ld\n", np, nm, bytes);
    printf("load_s=%.3f import_s=%.3f registry_load_s=%.3f view_s=%.3f "
           "allocate_s=%.3f\n", t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4);
    printf("variables=%zu placed=%zu objective=%.10g bound=%.10g status=%s "
           "time_limit_s=%g mip_gap=%g\n", plan.nvars, placed, plan.objective,
           plan.bound, st == 0 ? "optimal" : "limit", o.time_limit_s,
           o.mip_gap);
    printf("peak_rss_mb=%.1f\n", (double)ru.ru_maxrss / 1024.0);
    if (argc > 5)
        write_problem(argv[5], &v);
    ilrs_alloc_plan_free(&plan);
    ilrs_program_view_free(&v);
    ilrs_program_free(q);
    ilrs_program_free(p);
    ilrs_registry_close(r);
    unlink(file);
    unlink(reg);
    char side[96];
    snprintf(side, sizeof side, "%s-wal", reg);
    unlink(side);
    snprintf(side, sizeof side, "%s-shm", reg);
    unlink(side);
    rmdir(dir);
    return 0;
}
