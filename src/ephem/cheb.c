/* cheb.c -- Chebyshev series, shared by the DAF and DE405 readers. */
#include "ephem/ephem_int.h"

void ilrs__cheb_eval(const double *c, int n, double x, double *f, double *df)
{
    /* T_k and its derivative by the three-term recurrences:
       T_{k+1} = 2x T_k - T_{k-1},  T'_{k+1} = 2 T_k + 2x T'_k - T'_{k-1}. */
    double t0 = 1.0, t1 = x, d0 = 0.0, d1 = 1.0;
    double s = c[0], ds = 0.0;
    if (n > 1) {
        s += c[1] * x;
        ds += c[1];
    }
    for (int k = 2; k < n; k++) {
        double t2 = 2.0 * x * t1 - t0, d2 = 2.0 * t1 + 2.0 * x * d1 - d0;
        s += c[k] * t2;
        ds += c[k] * d2;
        t0 = t1;
        t1 = t2;
        d0 = d1;
        d1 = d2;
    }
    *f = s;
    *df = ds;
}
