/*
 * probe_lambert.c -- Lambert solutions for the Python peer tests.
 * stdin: lines "mu r1x r1y r1z r2x r2y r2z tof max_revs retrograde
 *               [nx ny nz]" (the optional plane normal)
 * stdout per line: "n" then n lines
 *   "revs branch x v1x v1y v1z v2x v2y v2z miss"
 * where miss is |r(tof) - r2| / |r2| after propagating (r1, v1) for tof
 * with ilrs_kepler_propagate (-1 if that fails); or "ERR status message".
 *
 *   probe_lambert widths     prints ilrs_lambert_batch_widths()
 *   probe_lambert batch W    solves every line through
 *                            ilrs_lambert_solve_batch_width (width W, all
 *                            threads); same output ("ERR status" alone)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ilrs/kepler.h"
#include "ilrs/orbit.h"
#include "ilrs/vec.h"

#define MAX_REVS 20

static double miss(const ilrs_lambert_problem *p,
                   const ilrs_lambert_solution *s)
{
    double s0[6] = {p->r1[0], p->r1[1], p->r1[2], s->v1[0], s->v1[1],
                    s->v1[2]}, end[6];
    if (ilrs_kepler_propagate(s0, p->tof_s, p->mu, end, NULL) != ILRS_OK)
        return -1.0;
    double d[3] = {end[0] - p->r2[0], end[1] - p->r2[1], end[2] - p->r2[2]};
    return ilrs_vec3_norm(d) / ilrs_vec3_norm(p->r2);
}

static int read_problem(const char *line, ilrs_lambert_problem *p)
{
    memset(p, 0, sizeof *p);
    int k = sscanf(line, "%lf %lf %lf %lf %lf %lf %lf %lf %d %d %lf %lf %lf",
                   &p->mu, &p->r1[0], &p->r1[1], &p->r1[2], &p->r2[0],
                   &p->r2[1], &p->r2[2], &p->tof_s, &p->max_revs,
                   &p->retrograde, &p->normal[0], &p->normal[1],
                   &p->normal[2]);
    if (k != 10 && k != 13)
        return -1;
    if (p->max_revs > MAX_REVS)
        p->max_revs = MAX_REVS;
    return 0;
}

static void print_solutions(const ilrs_lambert_problem *p,
                            const ilrs_lambert_solution *s, size_t n)
{
    printf("%zu\n", n);
    for (size_t i = 0; i < n; i++)
        printf("%d %d %.17g %.17g %.17g %.17g %.17g %.17g %.17g %.3g\n",
               s[i].revs, s[i].branch, s[i].x, s[i].v1[0], s[i].v1[1],
               s[i].v1[2], s[i].v2[0], s[i].v2[1], s[i].v2[2],
               miss(p, &s[i]));
}

/* Every line through the batch call at width w. */
static int batch(int w)
{
    enum { PER = ILRS_LAMBERT_MAX_SOLUTIONS(MAX_REVS) };
    char line[1024];
    size_t n = 0, cap = 0;
    ilrs_lambert_problem *p = NULL;
    while (fgets(line, sizeof line, stdin)) {
        if (n == cap) {
            cap = cap ? 2 * cap : 1024;
            ilrs_lambert_problem *q = realloc(p, cap * sizeof *p);
            if (!q)
                return 1;
            p = q;
        }
        if (read_problem(line, &p[n]) != 0) {
            fprintf(stderr, "probe_lambert: bad input line %zu\n", n + 1);
            return 1;
        }
        n++;
    }
    ilrs_lambert_solution *s = malloc((n ? n : 1) * PER * sizeof *s);
    size_t *nsol = malloc((n ? n : 1) * sizeof *nsol);
    int *st = malloc((n ? n : 1) * sizeof *st);
    if (!s || !nsol || !st)
        return 1;
    if (!(ilrs_lambert_batch_widths() & w)) {
        fprintf(stderr, "probe_lambert: width %d not available\n", w);
        return 1;
    }
    ilrs_lambert_solve_batch_width(p, n, s, PER, nsol, st, 0, w);
    for (size_t i = 0; i < n; i++) {
        if (st[i] < 0)
            printf("ERR %d\n", st[i]);
        else
            print_solutions(&p[i], s + i * PER, nsol[i]);
    }
    free(p);
    free(s);
    free(nsol);
    free(st);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc == 2 && strcmp(argv[1], "widths") == 0) {
        printf("%d\n", ilrs_lambert_batch_widths());
        return 0;
    }
    if (argc == 3 && strcmp(argv[1], "batch") == 0)
        return batch(atoi(argv[2]));
    char line[1024];
    while (fgets(line, sizeof line, stdin)) {
        ilrs_lambert_problem p;
        if (read_problem(line, &p) != 0) {
            printf("ERR bad input line\n");
            continue;
        }
        ilrs_lambert_solution s[ILRS_LAMBERT_MAX_SOLUTIONS(MAX_REVS)];
        size_t n;
        ilrs_error err = {0, ""};
        int st = ilrs_lambert_problem_solve(&p, s, sizeof s / sizeof s[0],
                                            &n, &err);
        if (st < 0) {
            printf("ERR %d %s\n", st, err.msg);
            continue;
        }
        print_solutions(&p, s, n);
    }
    return 0;
}
