/* plot_transfer.c -- a lunar transfer in the Earth-Moon rotating frame
   and the daily costs of a launch window. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ilrs/constants.h"
#include "ilrs/earthmoon_plot.h"
#include "ilrs/plot.h"
#include "ilrs/vec.h"

#define STEP_S 600.0
#define MAXS 4096

typedef struct {
    const ilrs_ephem *eph;
    double x[MAXS], y[MAXS], mx[MAXS], my[MAXS]; /* 1000 km */
    int n, status;
    ilrs_error *err;
} track;

/* Geocentric ICRF -> rotating frame of the Earth and Moon at t. */
static int on_sample(void *ctx, double t, const double s[6])
{
    track *k = ctx;
    double m[6], xh[3], zh[3], yh[3], d[3];
    if (k->n >= MAXS)
        return 1;
    int st = ilrs_ephem_state(k->eph, 301, 399, t, m, k->err);
    if (st < 0) {
        k->status = st;
        return 1;
    }
    double r = ilrs_vec3_norm(m);
    ilrs_vec3_cross(m, m + 3, zh);
    double hn = ilrs_vec3_norm(zh);
    for (int i = 0; i < 3; i++) {
        xh[i] = m[i] / r;
        zh[i] /= hn;
        d[i] = s[i] - m[i];
    }
    ilrs_vec3_cross(zh, xh, yh);
    k->x[k->n] = ilrs_vec3_dot(s, xh) / 1000;
    k->y[k->n] = ilrs_vec3_dot(s, yh) / 1000;
    k->mx[k->n] = ilrs_vec3_dot(d, xh) / 1000;
    k->my[k->n] = ilrs_vec3_dot(d, yh) / 1000;
    k->n++;
    return 0;
}

static void circle(ilrs_plot *p, double cx, double cy, double r,
                   const ilrs_plot_style *s)
{
    double x[65], y[65];
    for (int k = 0; k <= 64; k++) {
        x[k] = cx + r * cos(k * 2 * ILRS_PI / 64);
        y[k] = cy + r * sin(k * 2 * ILRS_PI / 64);
    }
    ilrs_plot_fill(p, x, y, 65, s);
}

static void whole(ilrs_plot *p, const track *k)
{
    double ymax = 50.0, xmax = 100.0;
    for (int i = 0; i < k->n; i++) {
        ymax = fmax(ymax, fabs(k->y[i]));
        xmax = fmax(xmax, k->x[i]);
    }
    ilrs_plot_axis ax = {-0.12 * xmax, 1.12 * xmax, ILRS_AXIS_LINEAR,
                         "x toward the Moon (1000 km)", NULL, 0};
    ilrs_plot_axis ay = {-1.2 * ymax, 1.2 * ymax, ILRS_AXIS_LINEAR,
                         "y (1000 km)", NULL, 0};
    ilrs_plot_axes(p, &ax, &ay);
    ilrs_plot_style blue = {{0.1, 0.3, 0.8}, 1, 0, 1};
    ilrs_plot_style grey = {{0.4, 0.4, 0.4}, 1, 0, 1};
    ilrs_plot_style traj = {{0.85, 0.3, 0.1}, 1.5, 0, 1};
    circle(p, 0, 0, 6.378, &blue);
    double mxe = k->x[k->n - 1] - k->mx[k->n - 1];
    circle(p, mxe, 0, 1.737, &grey);
    ilrs_plot_text(p, 0, -14, "Earth", 9, ILRS_ANCHOR_CENTER, &blue);
    ilrs_plot_text(p, mxe, -14, "Moon at LOI", 9, ILRS_ANCHOR_CENTER, &grey);
    ilrs_plot_line(p, k->x, k->y, (size_t)k->n, &traj);
    ilrs_plot_marker(p, k->x[0], k->y[0], ILRS_MARK_TRIANGLE, 8, &traj);
    ilrs_plot_text(p, k->x[0] + 8, k->y[0], "TLI", 9, ILRS_ANCHOR_LEFT,
                   &traj);
}

static void near_moon(ilrs_plot *p, const track *k, double aspect)
{
    int first = k->n > 145 ? k->n - 145 : 0;   /* the last ~24 h */
    double span = 0;
    for (int i = first; i < k->n; i++)
        span = fmax(span, fmax(fabs(k->mx[i]), fabs(k->my[i])));
    span = fmax(span * 1.1, 5.0);
    ilrs_plot_axis ax = {-span * aspect, span * aspect, ILRS_AXIS_LINEAR,
                         "x from the Moon (1000 km)", NULL, 0};
    ilrs_plot_axis ay = {-span, span, ILRS_AXIS_LINEAR,
                         "y from the Moon (1000 km)", NULL, 0};
    ilrs_plot_axes(p, &ax, &ay);
    ilrs_plot_style grey = {{0.4, 0.4, 0.4}, 1, 0, 1};
    ilrs_plot_style traj = {{0.85, 0.3, 0.1}, 1.5, 0, 1};
    circle(p, 0, 0, 1.7374, &grey);
    ilrs_plot_line(p, k->mx + first, k->my + first, (size_t)(k->n - first),
                   &traj);
    ilrs_plot_marker(p, k->mx[k->n - 1], k->my[k->n - 1], ILRS_MARK_STAR,
                     10, &traj);
    ilrs_plot_text(p, k->mx[k->n - 1], k->my[k->n - 1] - span * 0.08,
                   "perilune, LOI", 9, ILRS_ANCHOR_CENTER, &traj);
}

static void costs(ilrs_plot *p, const ilrs_lunar_transfer *d, int n,
                  double day0)
{
    double *t = malloc((size_t)n * 4 * sizeof *t), top = 1.0;
    if (!t)
        return;
    double *a = t + n, *b = a + n, *c = b + n;
    for (int i = 0; i < n; i++) {
        int ok = d[i].status == ILRS_TRANSFER_OK;
        t[i] = ok ? d[i].t_launch : day0 + (i + 0.5) * ILRS_DAY_S;
        a[i] = ok ? d[i].tli_dv_kms : NAN;
        b[i] = ok ? d[i].loi_dv_kms : NAN;
        c[i] = ok ? d[i].tli_dv_kms + d[i].loi_dv_kms : NAN;
        if (ok)
            top = fmax(top, c[i]);
    }
    ilrs_plot_axis ax = {day0, day0 + n * ILRS_DAY_S, ILRS_AXIS_DATE,
                         "launch (UTC)", NULL, 0};
    ilrs_plot_axis ay = {0, top * 1.15, ILRS_AXIS_LINEAR, "delta-v (km/s)",
                         NULL, 0};
    ilrs_plot_axes(p, &ax, &ay);
    ilrs_plot_style st[3] = {{{0.85, 0.3, 0.1}, 1.5, 0, 1},
                             {{0.1, 0.3, 0.8}, 1.5, 0, 1},
                             {{0.1, 0.1, 0.1}, 1.5, 0, 1}};
    ilrs_plot_style red = {{0.8, 0, 0}, 1.5, 0, 1};
    double *ys[3] = {a, b, c};
    for (int k = 0; k < 3; k++) {
        ilrs_plot_line(p, t, ys[k], (size_t)n, &st[k]);
        for (int i = 0; i < n; i++)
            if (ys[k][i] == ys[k][i])
                ilrs_plot_marker(p, t[i], ys[k][i], ILRS_MARK_CIRCLE, 4,
                                 &st[k]);
    }
    for (int i = 0; i < n; i++)
        if (d[i].status != ILRS_TRANSFER_OK)
            ilrs_plot_marker(p, t[i], top * 0.05, ILRS_MARK_CROSS, 7, &red);
    const char *labels[4] = {"TLI", "LOI", "TLI + LOI", "no transfer"};
    ilrs_plot_style ls[4] = {st[0], st[1], st[2], red};
    ilrs_plot_legend(p, labels, ls, 4);
    free(t);
}

int ilrs_plot_lunar_transfer(const char *path, const ilrs_ephem *eph,
                             const ilrs_lunar_transfer *tr,
                             const ilrs_lunar_transfer *days, int ndays,
                             double day0, const char *title,
                             ilrs_error *err)
{
    track *k = calloc(1, sizeof *k);
    if (!k)
        return ilrs_error_set(err, ILRS_ENOMEM, "plot: out of memory");
    k->eph = eph;
    k->err = err;
    int st = ilrs_lunar_transfer_sample(eph, tr, STEP_S, on_sample, k, err);
    if (st >= 0 && k->status < 0)
        st = k->status;
    if (st >= 0 && k->n < 2)
        st = ilrs_error_set(err, ILRS_EINVAL, "plot: empty trajectory");
    int three = ndays > 1 && days;
    ilrs_plot *p = NULL;
    if (st >= 0)
        st = ilrs_plot_open(path, 900, three ? 1250 : 900, &p, err);
    if (st >= 0) {
        char sub[200];
        snprintf(sub, sizeof sub,
                 "Earth-Moon rotating frame, ephemeris model (Earth, Moon, "
                 "Sun). TLI %.3f km/s, TLI to perilune %.2f d, perilune "
                 "%.0f km at %.1f deg, LOI %.3f km/s",
                 tr->tli_dv_kms, (tr->t_loi - tr->t_tli) / ILRS_DAY_S,
                 tr->peri_alt_km, tr->lunar_inc / ILRS_DEG, tr->loi_dv_kms);
        ilrs_plot_title(p, title, sub);
        double hf = three ? 0.36 : 0.55;
        ilrs_plot_region(p, 0.0, 0.0, 1.0, hf);
        whole(p, k);
        /* panel aspect (width / height) measured on these page layouts, so
           the Moon is round */
        ilrs_plot_region(p, 0.0, hf, 0.62, three ? 0.36 : 0.45);
        near_moon(p, k, three ? 1.42 : 1.61);
        if (three) {
            ilrs_plot_region(p, 0.0, 0.72, 1.0, 0.28);
            costs(p, days, ndays, day0);
        }
        st = ilrs_plot_close(p, err);
    }
    free(k);
    return st;
}
