/*
 * probe_lambert.c -- Lambert solutions for the Python peer test.
 * stdin: lines "mu r1x r1y r1z r2x r2y r2z tof max_revs retrograde"
 * stdout per line: "n" then n lines "revs branch v1x v1y v1z v2x v2y v2z",
 * or "ERR status message".
 */
#include <stdio.h>

#include "ilrs/orbit.h"

int main(void)
{
    double mu, r1[3], r2[3], tof;
    int revs, retro;
    while (scanf("%lf %lf %lf %lf %lf %lf %lf %lf %d %d", &mu, &r1[0], &r1[1],
                 &r1[2], &r2[0], &r2[1], &r2[2], &tof, &revs, &retro) == 10) {
        ilrs_lambert_solution s[41];
        size_t n;
        ilrs_error err = {0, ""};
        int st = ilrs_lambert_solve(r1, r2, tof, mu, revs > 20 ? 20 : revs,
                                    retro, s, 41, &n, &err);
        if (st < 0) {
            printf("ERR %d %s\n", st, err.msg);
            continue;
        }
        printf("%zu\n", n);
        for (size_t i = 0; i < n; i++)
            printf("%d %d %.17g %.17g %.17g %.17g %.17g %.17g\n", s[i].revs,
                   s[i].branch, s[i].v1[0], s[i].v1[1], s[i].v1[2],
                   s[i].v2[0], s[i].v2[1], s[i].v2[2]);
    }
    return 0;
}
