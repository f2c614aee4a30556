/* probe_oem.c -- writes an OEM file for tests/peer/test_oem_astropy.py.
   usage: probe_oem FILE TIME_SYSTEM T0_TDB_S STEP_S N
   States are a fixed analytic circular orbit, so the reader can recompute
   them: r = 7000 km, period 2 pi sqrt(r^3 / GM_EARTH). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "ilrs/constants.h"
#include "ilrs/oem.h"

int main(int argc, char **argv)
{
    if (argc != 6)
        return 2;
    size_t n = (size_t)atol(argv[5]);
    double t0 = atof(argv[3]), step = atof(argv[4]);
    double *t = malloc(n * sizeof *t);
    double (*x)[6] = malloc(n * sizeof *x);
    if (!t || !x)
        return 1;
    double r = 7000.0, w = sqrt(ILRS_GM_EARTH / (r * r * r));
    for (size_t i = 0; i < n; i++) {
        t[i] = t0 + step * (double)i;
        double a = w * (t[i] - t0);
        double s[6] = {r * cos(a), r * sin(a), 0, -r * w * sin(a),
                       r * w * cos(a), 0};
        for (int c = 0; c < 6; c++)
            x[i][c] = s[c];
    }
    ilrs_oem_segment seg = {"TEST-SAT", "2024-001A", "EARTH", "EME2000",
                            argv[2], "circular test orbit\nsecond line",
                            t, (const double (*)[6])x, n, 5};
    ilrs_error err;
    int st = ilrs_oem_write(argv[1], NULL, &seg, 1, &err);
    if (st)
        fprintf(stderr, "probe_oem: %s\n", err.msg);
    free(t);
    free(x);
    return st ? 1 : 0;
}
