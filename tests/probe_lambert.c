/*
 * probe_lambert.c -- Lambert solutions for the Python peer tests.
 * stdin: lines "mu r1x r1y r1z r2x r2y r2z tof max_revs retrograde
 *               [nx ny nz]" (the optional plane normal)
 * stdout per line: "n" then n lines
 *   "revs branch x v1x v1y v1z v2x v2y v2z miss"
 * where miss is |r(tof) - r2| / |r2| after propagating (r1, v1) for tof
 * with ilrs_kepler_propagate (-1 if that fails); or "ERR status message".
 */
#include <stdio.h>
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

int main(void)
{
    char line[1024];
    while (fgets(line, sizeof line, stdin)) {
        ilrs_lambert_problem p;
        memset(&p, 0, sizeof p);
        int k = sscanf(line, "%lf %lf %lf %lf %lf %lf %lf %lf %d %d %lf %lf "
                       "%lf", &p.mu, &p.r1[0], &p.r1[1], &p.r1[2], &p.r2[0],
                       &p.r2[1], &p.r2[2], &p.tof_s, &p.max_revs,
                       &p.retrograde, &p.normal[0], &p.normal[1],
                       &p.normal[2]);
        if (k != 10 && k != 13) {
            printf("ERR bad input line\n");
            continue;
        }
        if (p.max_revs > MAX_REVS)
            p.max_revs = MAX_REVS;
        ilrs_lambert_solution s[ILRS_LAMBERT_MAX_SOLUTIONS(MAX_REVS)];
        size_t n;
        ilrs_error err = {0, ""};
        int st = ilrs_lambert_problem_solve(&p, s, sizeof s / sizeof s[0],
                                            &n, &err);
        if (st < 0) {
            printf("ERR %d %s\n", st, err.msg);
            continue;
        }
        printf("%zu\n", n);
        for (size_t i = 0; i < n; i++)
            printf("%d %d %.17g %.17g %.17g %.17g %.17g %.17g %.17g %.3g\n",
                   s[i].revs, s[i].branch, s[i].x, s[i].v1[0], s[i].v1[1],
                   s[i].v1[2], s[i].v2[0], s[i].v2[1], s[i].v2[2],
                   miss(&p, &s[i]));
    }
    return 0;
}
