/* plot_cr3bp.c -- CR3BP family members in the Earth-Moon rotating frame. */
#include <math.h>
#include <stdlib.h>

#include "ilrs/earthmoon_plot.h"
#include "ilrs/plot.h"

#define NSAMP 400

typedef struct {
    double *x, *y, *z;
    int k;
    double l_km, xm;
} trace;

static int keep(void *ctx, double t, const double s[6])
{
    trace *tr = ctx;
    (void)t;
    if (tr->k <= NSAMP) {
        tr->x[tr->k] = (s[0] - tr->xm) * tr->l_km;
        tr->y[tr->k] = s[1] * tr->l_km;
        tr->z[tr->k] = s[2] * tr->l_km;
        tr->k++;
    }
    return 0;
}

/* Sample every orbit; bounds of the data (km from the Moon). */
static int sample_all(const ilrs_cr3bp_system *sys,
                      const ilrs_cr3bp_orbit *o, int n, double *buf,
                      double box[6], ilrs_error *err)
{
    box[0] = box[2] = box[4] = -2000.0;
    box[1] = box[3] = box[5] = 2000.0;
    for (int i = 0; i < n; i++) {
        trace tr = {buf + (size_t)i * 3 * (NSAMP + 1),
                    buf + (size_t)i * 3 * (NSAMP + 1) + NSAMP + 1,
                    buf + (size_t)i * 3 * (NSAMP + 1) + 2 * (NSAMP + 1), 0,
                    sys->l_km, 1 - sys->mu};
        int st = ilrs_cr3bp_sample(sys->mu, o[i].x0, o[i].period, NSAMP,
                                   keep, &tr, err);
        if (st < 0)
            return st;
        for (int k = 0; k <= NSAMP; k++) {
            box[0] = fmin(box[0], tr.x[k]);
            box[1] = fmax(box[1], tr.x[k]);
            box[2] = fmin(box[2], tr.y[k]);
            box[3] = fmax(box[3], tr.y[k]);
            box[4] = fmin(box[4], tr.z[k]);
            box[5] = fmax(box[5], tr.z[k]);
        }
    }
    return ILRS_OK;
}

static void panel(ilrs_plot *p, const ilrs_cr3bp_system *sys,
                  const double *buf, int n, const double box[6], int vert,
                  double top, double height)
{
    double span = fmax(box[1] - box[0], box[vert ? 5 : 3] - box[vert ? 4 :
                                                                   2]);
    double cx = 0.5 * (box[0] + box[1]);
    double cy = 0.5 * (box[vert ? 4 : 2] + box[vert ? 5 : 3]);
    double h = 0.55 * span / 1000.0;
    ilrs_plot_region(p, 0.0, top, 1.0, height);
    /* the panel is ~1.15 times wider than tall on this page: equal scales */
    ilrs_plot_axis ax = {cx / 1000 - 1.15 * h, cx / 1000 + 1.15 * h,
                         ILRS_AXIS_LINEAR,
                         "x from the Moon (1000 km)", NULL, 0};
    ilrs_plot_axis ay = {cy / 1000 - h, cy / 1000 + h, ILRS_AXIS_LINEAR,
                         vert ? "z (1000 km)" : "y (1000 km)", NULL, 0};
    ilrs_plot_axes(p, &ax, &ay);
    double xs[NSAMP + 1], ys[NSAMP + 1];
    for (int i = 0; i < n; i++) {
        const double *b = buf + (size_t)i * 3 * (NSAMP + 1);
        ilrs_plot_style s = {{0, 0, 0}, 1.2, 0, 0.9};
        ilrs_colormap_rgb(ILRS_CMAP_VIRIDIS,
                          n > 1 ? 0.9 * i / (n - 1.0) : 0.3, s.rgb);
        for (int k = 0; k <= NSAMP; k++) {
            xs[k] = b[k] / 1000;
            ys[k] = b[(vert ? 2 : 1) * (NSAMP + 1) + k] / 1000;
        }
        ilrs_plot_line(p, xs, ys, NSAMP + 1, &s);
    }
    double pts[5][3];
    ilrs_cr3bp_lagrange(sys->mu, pts, NULL);
    ilrs_plot_style grey = {{0.5, 0.5, 0.5}, 1, 0, 1};
    ilrs_plot_style moon = {{0.35, 0.35, 0.35}, 1, 0, 1};
    /* the Moon to scale (1737.4 km) */
    double mx[65], my[65];
    for (int k = 0; k <= 64; k++) {
        mx[k] = 1.7374 * cos(k * 2 * 3.14159265358979 / 64);
        my[k] = 1.7374 * sin(k * 2 * 3.14159265358979 / 64);
    }
    ilrs_plot_fill(p, mx, my, 65, &moon);
    for (int k = 0; k < 2; k++) {
        double lx = (pts[k][0] - (1 - sys->mu)) * sys->l_km / 1000;
        ilrs_plot_marker(p, lx, 0, ILRS_MARK_CROSS, 8, &grey);
        ilrs_plot_text(p, lx, -h * 0.06, k ? "L2" : "L1", 9,
                       ILRS_ANCHOR_CENTER, &grey);
    }
}

int ilrs_plot_cr3bp(const char *path, const ilrs_cr3bp_system *sys,
                    const ilrs_cr3bp_orbit *orbits, int n, const char *title,
                    ilrs_error *err)
{
    if (n < 1 || !orbits)
        return ilrs_error_set(err, ILRS_EINVAL, "plot: no orbits");
    double *buf = malloc((size_t)n * 3 * (NSAMP + 1) * sizeof *buf);
    if (!buf)
        return ilrs_error_set(err, ILRS_ENOMEM, "plot: out of memory");
    double box[6];
    int st = sample_all(sys, orbits, n, buf, box, err);
    ilrs_plot *p = NULL;
    int planar = box[4] >= -2000.0 && box[5] <= 2000.0;
    if (st >= 0)
        st = ilrs_plot_open(path, 700, planar ? 650 : 1300, &p, err);
    if (st >= 0) {
        ilrs_plot_title(p, title, planar ? "Earth-Moon rotating frame "
                                           "(CR3BP), x-y plane"
                                         : "Earth-Moon rotating frame "
                                           "(CR3BP), x-y above, x-z below");
        if (planar) {
            panel(p, sys, buf, n, box, 0, 0.0, 1.0);
        } else {
            panel(p, sys, buf, n, box, 0, 0.0, 0.5);
            panel(p, sys, buf, n, box, 1, 0.5, 0.5);
        }
        st = ilrs_plot_close(p, err);
    }
    free(buf);
    return st;
}
