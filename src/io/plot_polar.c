/* plot_polar.c -- sky charts: azimuth around, elevation inwards. */
#include <math.h>
#include <stdio.h>

#include "ilrs/plot.h"
#include "io/io_int.h"

static void polar_grid(ilrs_plot *p)
{
    cairo_t *cr = p->cr;
    plot_ticks t;
    ilrs__ticks_linear(p->el_min, p->el_max, 7, &t);
    cairo_set_line_width(cr, 0.6);
    for (size_t i = 0; i < t.n; i++) {
        double r = p->rad * (p->el_max - t.v[i]) / (p->el_max - p->el_min);
        cairo_set_source_rgb(cr, 0.8, 0.8, 0.8);
        cairo_new_sub_path(cr);
        cairo_arc(cr, p->cx, p->cy, r, 0, 2 * ILRS_PI);
        cairo_stroke(cr);
        cairo_set_source_rgb(cr, 0.35, 0.35, 0.35);
        char buf[40];
        snprintf(buf, sizeof buf, "%s\xc2\xb0", t.label[i]);
        ilrs__plot_text_at(p, p->cx + 3, p->cy - r + 6, buf, 8,
                           ILRS_ANCHOR_LEFT, 0);
    }
    static const char *names[4] = {"N", "E", "S", "W"};
    for (int k = 0; k < 12; k++) {
        double a = k * ILRS_PI / 6;
        cairo_set_source_rgb(cr, 0.8, 0.8, 0.8);
        cairo_move_to(cr, p->cx, p->cy);
        cairo_line_to(cr, p->cx + p->rad * sin(a), p->cy - p->rad * cos(a));
        cairo_stroke(cr);
        char buf[16];
        if (k % 3 == 0)
            snprintf(buf, sizeof buf, "%s", names[k / 3]);
        else
            snprintf(buf, sizeof buf, "%d\xc2\xb0", k * 30);
        cairo_set_source_rgb(cr, 0, 0, 0);
        ilrs__plot_text_at(p, p->cx + (p->rad + 14) * sin(a),
                           p->cy - (p->rad + 12) * cos(a), buf,
                           k % 3 == 0 ? 11 : 8.5, ILRS_ANCHOR_CENTER, 0);
    }
    cairo_set_source_rgb(cr, 0, 0, 0);
    cairo_set_line_width(cr, 1.0);
    cairo_new_sub_path(cr);
    cairo_arc(cr, p->cx, p->cy, p->rad, 0, 2 * ILRS_PI);
    cairo_stroke(cr);
}

int ilrs_plot_polar(ilrs_plot *p, double el_min_deg, double el_max_deg)
{
    if (!(el_min_deg < el_max_deg) || el_min_deg < -90 || el_max_deg > 90)
        return ILRS_EINVAL;
    double top = (p->title_h > 0 ? p->title_h : 10) + 26;
    double right = p->reserve_cbar ? 110 : 0;
    double w = p->reg_w - right - 60, h = p->reg_h - top - 30;
    p->rad = fmin(w, h) / 2;
    if (p->rad < 10)
        return ILRS_EINVAL;
    p->cx = p->reg_l + 30 + w / 2;
    p->cy = p->reg_t + top + h / 2;
    p->el_min = el_min_deg;
    p->el_max = el_max_deg;
    p->mode = PLOT_POLAR;
    polar_grid(p);
    return ILRS_OK;
}

void ilrs_plot_polar_line(ilrs_plot *p, const double *az_deg,
                          const double *el_deg, size_t n,
                          const ilrs_plot_style *s)
{
    /* Break the line where it wraps through north, so a track crossing
       azimuth 360/0 is not joined across the chart. */
    ilrs__plot_clip(p);
    ilrs__plot_style(p, s);
    cairo_set_line_join(p->cr, CAIRO_LINE_JOIN_ROUND);
    int pen = 0;
    for (size_t i = 0; i < n; i++) {
        if (!isfinite(az_deg[i]) || !isfinite(el_deg[i]) ||
            el_deg[i] < p->el_min) {
            pen = 0;
            continue;
        }
        double x, y;
        ilrs__plot_map(p, az_deg[i], el_deg[i], &x, &y);
        if (pen && i > 0 && fabs(az_deg[i] - az_deg[i - 1]) > 180)
            pen = 0;
        if (pen)
            cairo_line_to(p->cr, x, y);
        else
            cairo_move_to(p->cr, x, y);
        pen = 1;
    }
    cairo_stroke(p->cr);
    cairo_restore(p->cr);
}

void ilrs_plot_polar_horizon(ilrs_plot *p, const double *az_deg,
                             const double *el_deg, size_t n,
                             const ilrs_plot_style *s)
{
    if (n < 3 || p->mode != PLOT_POLAR)
        return;
    cairo_t *cr = p->cr;
    ilrs__plot_clip(p);
    ilrs__plot_style(p, s);
    cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
    cairo_new_sub_path(cr);
    cairo_arc(cr, p->cx, p->cy, p->rad + 1, 0, 2 * ILRS_PI);
    cairo_close_path(cr);
    for (size_t i = 0; i < n; i++) {
        double x, y, el = isfinite(el_deg[i]) ? el_deg[i] : p->el_min;
        ilrs__plot_map(p, az_deg[i], el, &x, &y);
        if (i == 0)
            cairo_move_to(cr, x, y);
        else
            cairo_line_to(cr, x, y);
    }
    cairo_close_path(cr);
    cairo_fill(cr);
    cairo_restore(cr);
}
