/* plot_porkchop.c -- the porkchop chart on top of ilrs/plot.h. */
#include "ilrs/plot_porkchop.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "ilrs/constants.h"
#include "ilrs/plot.h"

/* A "nice" step (1, 2, 2.5, 5 x 10^k) near span / n. */
static double nice_step(double span, int n)
{
    double raw = span / n, p = pow(10.0, floor(log10(raw)));
    double m = raw / p;
    return (m < 1.5 ? 1.0 : m < 2.25 ? 2.0 : m < 3.5 ? 2.5 : m < 7.5 ? 5.0
                                                                    : 10.0) *
           p;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Contour levels from the minimum up to the q-quantile of the finite
   values: denser near the minimum (where a planner looks), at most max. */
static size_t levels_for(const double *z, size_t n, double q, double span,
                         double *lv, size_t max)
{
    double *v = malloc(n * sizeof *v);
    size_t m = 0;
    if (!v)
        return 0;
    for (size_t k = 0; k < n; k++)
        if (isfinite(z[k]))
            v[m++] = z[k];
    if (m < 4) {
        free(v);
        return 0;
    }
    qsort(v, m, sizeof *v, cmp_double);
    double lo = v[0], hi = v[(size_t)(q * (double)(m - 1))];
    free(v);
    /* no further than `span` times the minimum (at least 20 units) above
       it: the region a planner reads */
    hi = fmin(hi, lo + fmax(span * lo, 20.0 * span / 1.5));
    if (!(hi > lo))
        return 0;
    double step = nice_step(hi - lo, (int)max - 2);
    size_t k = 0;
    /* two fine levels just above the minimum, then the regular ones */
    double first = ceil(lo / step) * step;
    double fine = nice_step(step, 4);  /* a level between them, rounded */
    double mid = round((lo + 0.5 * (first - lo)) / fine) * fine;
    if (mid > lo && mid < first && k < max)
        lv[k++] = mid;
    for (double x = first; x <= hi + 1e-9 * step && k < max; x += step)
        lv[k++] = x;
    return k;
}

static void tof_lines(ilrs_plot *p, const ilrs_porkchop *g,
                      const ilrs_plot_style *s)
{
    double x0 = g->dep_t[0], x1 = g->dep_t[g->ndep - 1];
    double y0 = g->arr_t[0], y1 = g->arr_t[g->narr - 1];
    double tmin = fmax(y0 - x1, 1.0), tmax = y1 - x0;
    if (!(tmax > tmin))
        return;
    double step = nice_step((tmax - tmin) / ILRS_DAY_S, 6) * ILRS_DAY_S;
    ilrs_plot_style ts = *s;
    ts.dash = 0;
    for (double t = ceil(tmin / step) * step; t <= tmax; t += step) {
        /* the part of y = x + t inside the panel */
        double a = fmax(x0, y0 - t), b = fmin(x1, y1 - t);
        if (!(b > a))
            continue;
        double xs[2] = {a, b}, ys[2] = {a + t, b + t};
        ilrs_plot_line(p, xs, ys, 2, s);
        char buf[32];
        snprintf(buf, sizeof buf, "%.0f d", t / ILRS_DAY_S);
        double xl = a + 0.93 * (b - a);
        ilrs_plot_text(p, xl, xl + t, buf, 8, ILRS_ANCHOR_CENTER, &ts);
    }
}

static void mark_optimum(ilrs_plot *p, const ilrs_porkchop *g, size_t i,
                         size_t j, const char *label, char *text, size_t size)
{
    size_t k = j * g->ndep + i;
    double x = g->dep_t[i], y = g->arr_t[j];
    ilrs_plot_style white = {{1, 1, 1}, 3.0, 0, 0};
    ilrs_plot_style black = {{0, 0, 0}, 1.0, 0, 0};
    ilrs_plot_marker(p, x, y, ILRS_MARK_STAR, 18, &white);
    ilrs_plot_marker(p, x, y, ILRS_MARK_STAR, 14, &black);
    char d[24], a[24];
    ilrs_plot_format_date(x, 0, d, sizeof d);
    ilrs_plot_format_date(y, 0, a, sizeof a);
    snprintf(text, size, "star: %s, C3 %.2f, v-inf %.2f, %s to %s",
             label ? label : "optimum", g->c3[k], g->vinf_arr[k], d, a);
}

/* Which side of the 180-degree ridge cell (i, j) is on: the sign of the
   z component of r_dep x r_arr (the prograde transfer angle passes 180
   degrees where it changes), or 2 within 2 degrees of 180. */
static signed char ridge_side(const ilrs_porkchop *g, size_t i, size_t j)
{
    const double *a = g->dep_state + 6 * i, *b = g->arr_state + 6 * j;
    double na = sqrt(a[0] * a[0] + a[1] * a[1] + a[2] * a[2]);
    double nb = sqrt(b[0] * b[0] + b[1] * b[1] + b[2] * b[2]);
    double c = (a[0] * b[0] + a[1] * b[1] + a[2] * b[2]) / (na * nb);
    if (c < -cos(2.0 * ILRS_DEG))
        return 2;
    return a[0] * b[1] - a[1] * b[0] >= 0.0;
}

/* Copies of C3 (which 0) or arrival v-inf (1) without the cells on the
   180-degree ridge: there the transfer plane is ill-defined, values jump
   between neighbours and every level would draw a bead along the ridge. */
static double *masked(const ilrs_porkchop *g, const signed char *side,
                      int which)
{
    size_t nd = g->ndep, na = g->narr;
    double *z = malloc(nd * na * sizeof *z);
    if (!z)
        return NULL;
    for (size_t j = 0; j < na; j++)
        for (size_t i = 0; i < nd; i++) {
            size_t k = j * nd + i;
            signed char sd = side[k];
            int cut = sd == 2 || (i > 0 && side[k - 1] != sd) ||
                      (i + 1 < nd && side[k + 1] != sd) ||
                      (j > 0 && side[k - nd] != sd) ||
                      (j + 1 < na && side[k + nd] != sd);
            z[k] = cut ? NAN : (which ? g->vinf_arr[k] : g->c3[k]);
        }
    return z;
}

static int masked_pair(const ilrs_porkchop *g, double **zc, double **zv)
{
    size_t cells = g->ndep * g->narr;
    signed char *side = malloc(cells);
    *zc = *zv = NULL;
    if (!side)
        return ILRS_ENOMEM;
    for (size_t j = 0; j < g->narr; j++)
        for (size_t i = 0; i < g->ndep; i++)
            side[j * g->ndep + i] = ridge_side(g, i, j);
    *zc = masked(g, side, 0);
    *zv = masked(g, side, 1);
    free(side);
    return *zc && *zv ? ILRS_OK : ILRS_ENOMEM;
}

int ilrs_porkchop_plot(const char *path, const ilrs_porkchop *g,
                       const char *from, const char *to, const char *source,
                       size_t opt_i, size_t opt_j, const char *label,
                       ilrs_error *err)
{
    if (!g || g->ndep < 2 || g->narr < 2)
        return ilrs_error_set(err, ILRS_EINVAL,
                              "a porkchop plot needs at least 2 x 2 dates");
    ilrs_plot *p = NULL;
    int st = ilrs_plot_open(path, 1000, 780, &p, err);
    if (st < 0)
        return st;
    char title[160], sub[300];
    snprintf(title, sizeof title, "%s to %s: launch energy and arrival speed",
             from, to);
    snprintf(sub, sizeof sub, "C3 (km^2/s^2) blue, labelled; arrival "
             "v-infinity (km/s) red; time of flight dashed. %s",
             source ? source : "");
    ilrs_plot_title(p, title, sub);
    ilrs_plot_axis x = {g->dep_t[0], g->dep_t[g->ndep - 1], ILRS_AXIS_DATE,
                        "Departure (UTC)", NULL, 0};
    ilrs_plot_axis y = {g->arr_t[0], g->arr_t[g->narr - 1], ILRS_AXIS_DATE,
                        "Arrival (UTC)", NULL, 0};
    st = ilrs_plot_axes(p, &x, &y);
    double *zc, *zv;
    if (masked_pair(g, &zc, &zv) != ILRS_OK)
        st = ilrs_error_set(err, ILRS_ENOMEM, "out of memory");
    ilrs_grid c3 = {zc, g->ndep, g->narr, g->dep_t[0],
                    g->dep_t[1] - g->dep_t[0], g->arr_t[0],
                    g->arr_t[1] - g->arr_t[0]};
    ilrs_grid va = c3;
    va.z = zv;
    ilrs_plot_style blue = {{0.05, 0.25, 0.75}, 1.3, 0, 0};
    ilrs_plot_style red = {{0.80, 0.10, 0.10}, 1.0, 0, 0};
    ilrs_plot_style grey = {{0.45, 0.45, 0.45}, 0.8, 1, 0};
    double lv[16];
    size_t cells = g->ndep * g->narr, n = 0;
    if (st >= 0) {
        tof_lines(p, g, &grey);
        n = levels_for(g->vinf_arr, cells, 0.35, 1.0, lv, 7);
        st = n ? ilrs_plot_contour(p, &va, lv, n, &red, 1) : ILRS_OK;
    }
    if (st >= 0) {
        n = levels_for(g->c3, cells, 0.4, 1.5, lv, 12);
        st = n ? ilrs_plot_contour(p, &c3, lv, n, &blue, 1) : ILRS_OK;
    }
    char opt_text[160] = "";
    if (st >= 0 && opt_i < g->ndep && opt_j < g->narr)
        mark_optimum(p, g, opt_i, opt_j, label, opt_text, sizeof opt_text);
    if (st >= 0) {
        const char *names[] = {"C3 (km^2/s^2)", "arrival v-infinity (km/s)",
                               "time of flight (days)", opt_text};
        /* the optimum's entry has no line sample (white on white) */
        ilrs_plot_style styles[] = {blue, red, grey, {{1, 1, 1}, 1, 0, 0}};
        ilrs_plot_legend(p, names, styles, opt_text[0] ? 4 : 3);
    }
    free(zc);
    free(zv);
    if (st < 0) {
        ilrs_plot_discard(p);
        return ilrs_error_set(err, st, "%s: cannot draw the porkchop", path);
    }
    return ilrs_plot_close(p, err);
}
