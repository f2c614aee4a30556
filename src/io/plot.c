/* plot.c -- the plot handle: surfaces (PNG, SVG, PDF), layout, axes and
   the drawing primitives, on cairo. */
#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ilrs/plot.h"
#include "io/io_int.h"

#define FONT "sans-serif"
#define TICK_SIZE 9.0     /* tick label size (pt) */
#define LABEL_SIZE 11.0   /* axis title size (pt) */
#define CBAR_ROOM 90.0    /* width kept for a colour bar (pt) */

static int format_of(const char *path)
{
    const char *dot = path ? strrchr(path, '.') : NULL;
    if (!dot)
        return -1;
    if (strcasecmp(dot, ".png") == 0)
        return 0;
    if (strcasecmp(dot, ".svg") == 0)
        return 1;
    if (strcasecmp(dot, ".pdf") == 0)
        return 2;
    return -1;
}

static cairo_surface_t *make_surface(int format, const char *tmp, double w,
                                     double h)
{
    switch (format) {
    case 0:
        return cairo_image_surface_create(CAIRO_FORMAT_ARGB32, (int)ceil(w),
                                          (int)ceil(h));
    case 1:
        return cairo_svg_surface_create(tmp, w, h);
    default:
        return cairo_pdf_surface_create(tmp, w, h);
    }
}

int ilrs_plot_open(const char *path, double width, double height,
                   ilrs_plot **out, ilrs_error *err)
{
    *out = NULL;
    int format = format_of(path);
    if (format < 0)
        return ilrs_error_set(err, ILRS_EINVAL,
                              "%s: plot file must end in .png, .svg or .pdf",
                              path ? path : "(null)");
    if (!(width >= 16 && width <= 20000 && height >= 16 && height <= 20000))
        return ilrs_error_set(err, ILRS_EINVAL,
                              "plot size %gx%g pt outside 16..20000", width,
                              height);
    ilrs_plot *p = calloc(1, sizeof *p);
    if (!p || !(p->path = strdup(path))) {
        free(p);
        return ilrs_error_set(err, ILRS_ENOMEM, "out of memory");
    }
    int st = ilrs__tmp_create(path, &p->tmp, err);
    if (st < 0) {
        free(p->path);
        free(p);
        return st;
    }
    p->format = format;
    p->width = width;
    p->height = height;
    p->surf = make_surface(format, p->tmp, width, height);
    p->cr = cairo_create(p->surf);
    if (cairo_status(p->cr) != CAIRO_STATUS_SUCCESS) {
        ilrs_plot_discard(p);
        return ilrs_error_set(err, ILRS_ENOMEM, "%s: cannot start plot: %s",
                              path, cairo_status_to_string(CAIRO_STATUS_NO_MEMORY));
    }
    cairo_set_source_rgb(p->cr, 1, 1, 1);
    cairo_paint(p->cr);
    cairo_select_font_face(p->cr, FONT, CAIRO_FONT_SLANT_NORMAL,
                           CAIRO_FONT_WEIGHT_NORMAL);
    ilrs_plot_region(p, 0, 0, 1, 1);
    *out = p;
    return ILRS_OK;
}

static void plot_free(ilrs_plot *p)
{
    if (p->cr)
        cairo_destroy(p->cr);
    if (p->surf)
        cairo_surface_destroy(p->surf);
    free(p->path);
    free(p->tmp);
    free(p);
}

void ilrs_plot_discard(ilrs_plot *p)
{
    if (!p)
        return;
    if (p->surf)
        cairo_surface_finish(p->surf);
    if (p->tmp)
        remove(p->tmp);
    plot_free(p);
}

int ilrs_plot_close(ilrs_plot *p, ilrs_error *err)
{
    if (!p)
        return ILRS_OK;
    cairo_status_t cs;
    if (p->format == 0)
        cs = cairo_surface_write_to_png(p->surf, p->tmp);
    else {
        cairo_surface_finish(p->surf);
        cs = cairo_surface_status(p->surf);
    }
    int st = ILRS_OK;
    if (cs != CAIRO_STATUS_SUCCESS) {
        remove(p->tmp);
        st = ilrs_error_set(err, ILRS_EIO, "%s: cannot write plot: %s",
                            p->path, cairo_status_to_string(cs));
    } else {
        st = ilrs__tmp_commit(p->tmp, p->path, err);
    }
    plot_free(p);
    return st;
}

void ilrs_plot_region(ilrs_plot *p, double left, double top, double width,
                      double height)
{
    p->reg_l = left * p->width;
    p->reg_t = top * p->height;
    p->reg_w = width * p->width;
    p->reg_h = height * p->height;
    p->mode = PLOT_PAGE;
    p->reserve_cbar = 0;
}

void ilrs_plot_reserve_colorbar(ilrs_plot *p)
{
    p->reserve_cbar = 1;
}

void ilrs__plot_text_at(ilrs_plot *p, double x, double y, const char *text,
                        double size, ilrs_anchor anchor, int halo)
{
    cairo_t *cr = p->cr;
    cairo_text_extents_t te;
    cairo_set_font_size(cr, size > 0 ? size : 10.0);
    cairo_text_extents(cr, text, &te);
    double tx = x - (anchor == ILRS_ANCHOR_CENTER ? te.x_advance / 2
                   : anchor == ILRS_ANCHOR_RIGHT ? te.x_advance : 0.0);
    double ty = y - (te.y_bearing + te.height / 2);
    if (halo) {
        double r, g, b, a;
        cairo_pattern_get_rgba(cairo_get_source(cr), &r, &g, &b, &a);
        cairo_save(cr);
        cairo_set_source_rgba(cr, 1, 1, 1, 0.85);
        cairo_rectangle(cr, tx + te.x_bearing - 1.5, ty + te.y_bearing - 1.5,
                        te.width + 3, te.height + 3);
        cairo_fill(cr);
        cairo_restore(cr);
        cairo_set_source_rgba(cr, r, g, b, a);
    }
    cairo_move_to(cr, tx, ty);
    cairo_show_text(cr, text);
    cairo_new_path(cr);
}

void ilrs_plot_title(ilrs_plot *p, const char *title, const char *subtitle)
{
    double y = p->reg_t + 8;
    cairo_set_source_rgb(p->cr, 0, 0, 0);
    if (title && *title) {
        cairo_select_font_face(p->cr, FONT, CAIRO_FONT_SLANT_NORMAL,
                               CAIRO_FONT_WEIGHT_BOLD);
        ilrs__plot_text_at(p, p->reg_l + p->reg_w / 2, y + 9, title, 15,
                           ILRS_ANCHOR_CENTER, 0);
        cairo_select_font_face(p->cr, FONT, CAIRO_FONT_SLANT_NORMAL,
                               CAIRO_FONT_WEIGHT_NORMAL);
        y += 22;
    }
    if (subtitle && *subtitle) {
        cairo_set_source_rgb(p->cr, 0.3, 0.3, 0.3);
        ilrs__plot_text_at(p, p->reg_l + p->reg_w / 2, y + 6, subtitle, 10.5,
                           ILRS_ANCHOR_CENTER, 0);
        y += 17;
    }
    p->title_h = y - p->reg_t;
}

void ilrs__plot_map(const ilrs_plot *p, double x, double y, double *px,
                    double *py)
{
    if (p->mode == PLOT_CART) {
        *px = p->px + (x - p->xmin) / (p->xmax - p->xmin) * p->pw;
        *py = p->py + p->ph - (y - p->ymin) / (p->ymax - p->ymin) * p->ph;
    } else if (p->mode == PLOT_POLAR) {
        double el = y < p->el_min ? p->el_min : y;
        double r = p->rad * (p->el_max - el) / (p->el_max - p->el_min);
        double az = x * 0.017453292519943295;
        *px = p->cx + r * sin(az);
        *py = p->cy - r * cos(az);
    } else {
        *px = x;
        *py = y;
    }
}

void ilrs__plot_style(const ilrs_plot *p, const ilrs_plot_style *s)
{
    static const double dashes[2][2] = {{6.0, 4.0}, {1.5, 3.0}};
    cairo_t *cr = p->cr;
    if (!s) {
        cairo_set_source_rgb(cr, 0, 0, 0);
        cairo_set_line_width(cr, 1.0);
        cairo_set_dash(cr, NULL, 0, 0);
        return;
    }
    double a = s->alpha > 0 && s->alpha <= 1 ? s->alpha : 1.0;
    cairo_set_source_rgba(cr, s->rgb[0], s->rgb[1], s->rgb[2], a);
    double w = s->width > 0 ? s->width : 1.0;
    cairo_set_line_width(cr, w);
    if (s->dash == 1 || s->dash == 2)
        cairo_set_dash(cr, dashes[s->dash - 1], 2, 0);
    else
        cairo_set_dash(cr, NULL, 0, 0);
}

void ilrs__plot_clip(const ilrs_plot *p)
{
    cairo_save(p->cr);
    if (p->mode == PLOT_CART) {
        cairo_rectangle(p->cr, p->px, p->py, p->pw, p->ph);
        cairo_clip(p->cr);
    } else if (p->mode == PLOT_POLAR) {
        cairo_arc(p->cr, p->cx, p->cy, p->rad + 0.5, 0, 2 * ILRS_PI);
        cairo_clip(p->cr);
    }
}

/* Tick labels for an axis (categories: one per name). */
static void axis_ticks(const ilrs_plot_axis *a, int max, plot_ticks *t)
{
    if (a->kind == ILRS_AXIS_DATE) {
        ilrs__ticks_date(a->min, a->max, max, t);
    } else if (a->kind == ILRS_AXIS_CATEGORY) {
        t->n = 0;
        for (size_t i = 0; i < a->ncategories && t->n < PLOT_MAX_TICKS; i++) {
            if (i < a->min - 1e-9 || i > a->max + 1e-9)
                continue;
            t->v[t->n] = (double)i;
            snprintf(t->label[t->n], sizeof t->label[0], "%s",
                     a->categories && a->categories[i] ? a->categories[i] : "");
            t->n++;
        }
    } else {
        ilrs__ticks_linear(a->min, a->max, max, t);
    }
}

static double widest_label(ilrs_plot *p, const plot_ticks *t)
{
    double w = 0;
    cairo_text_extents_t te;
    cairo_set_font_size(p->cr, TICK_SIZE);
    for (size_t i = 0; i < t->n; i++) {
        cairo_text_extents(p->cr, t->label[i], &te);
        if (te.x_advance > w)
            w = te.x_advance;
    }
    return w;
}

static void draw_vertical_text(ilrs_plot *p, double x, double y,
                               const char *text, double size)
{
    cairo_save(p->cr);
    cairo_translate(p->cr, x, y);
    cairo_rotate(p->cr, -ILRS_PI / 2);
    ilrs__plot_text_at(p, 0, 0, text, size, ILRS_ANCHOR_CENTER, 0);
    cairo_restore(p->cr);
}

/* Grid lines, ticks and tick labels of both axes; then the frame. */
static void draw_axes(ilrs_plot *p, const ilrs_plot_axis *x,
                      const ilrs_plot_axis *y, const plot_ticks *tx,
                      const plot_ticks *ty, double ylab_w)
{
    cairo_t *cr = p->cr;
    double px, py;
    cairo_set_line_width(cr, 0.6);
    for (size_t i = 0; i < tx->n; i++) {
        ilrs__plot_map(p, tx->v[i], y->min, &px, &py);
        cairo_set_source_rgb(cr, 0.88, 0.88, 0.88);
        cairo_move_to(cr, px, p->py);
        cairo_line_to(cr, px, p->py + p->ph);
        cairo_stroke(cr);
        cairo_set_source_rgb(cr, 0, 0, 0);
        cairo_move_to(cr, px, p->py + p->ph);
        cairo_line_to(cr, px, p->py + p->ph + 4);
        cairo_stroke(cr);
        /* Centred under its tick, but kept inside the drawing region
           (a date at the right end would otherwise be cut off). */
        cairo_text_extents_t te;
        cairo_set_font_size(cr, TICK_SIZE);
        cairo_text_extents(cr, tx->label[i], &te);
        double half = te.x_advance / 2 + 2;
        double lx = fmax(p->reg_l + half,
                         fmin(px, p->reg_l + p->reg_w - half));
        ilrs__plot_text_at(p, lx, p->py + p->ph + 12, tx->label[i], TICK_SIZE,
                           ILRS_ANCHOR_CENTER, 0);
    }
    for (size_t i = 0; i < ty->n; i++) {
        ilrs__plot_map(p, x->min, ty->v[i], &px, &py);
        if (y->kind != ILRS_AXIS_CATEGORY) {
            cairo_set_source_rgb(cr, 0.88, 0.88, 0.88);
            cairo_move_to(cr, p->px, py);
            cairo_line_to(cr, p->px + p->pw, py);
            cairo_stroke(cr);
        }
        cairo_set_source_rgb(cr, 0, 0, 0);
        cairo_move_to(cr, p->px - 4, py);
        cairo_line_to(cr, p->px, py);
        cairo_stroke(cr);
        ilrs__plot_text_at(p, p->px - 6, py, ty->label[i], TICK_SIZE,
                           ILRS_ANCHOR_RIGHT, 0);
    }
    cairo_set_source_rgb(cr, 0, 0, 0);
    cairo_set_line_width(cr, 1.0);
    cairo_rectangle(cr, p->px, p->py, p->pw, p->ph);
    cairo_stroke(cr);
    if (x->label)
        ilrs__plot_text_at(p, p->px + p->pw / 2, p->py + p->ph + 30, x->label,
                           LABEL_SIZE, ILRS_ANCHOR_CENTER, 0);
    if (y->label)
        draw_vertical_text(p, p->px - ylab_w - 18, p->py + p->ph / 2,
                           y->label, LABEL_SIZE);
}

static int axis_ok(const ilrs_plot_axis *a)
{
    return a && isfinite(a->min) && isfinite(a->max) && a->max > a->min;
}

int ilrs_plot_axes(ilrs_plot *p, const ilrs_plot_axis *x,
                   const ilrs_plot_axis *y)
{
    if (!axis_ok(x) || !axis_ok(y))
        return ILRS_EINVAL;
    plot_ticks tx, ty;
    axis_ticks(y, 9, &ty);
    double ylab_w = widest_label(p, &ty);
    double left = ylab_w + (y->label ? 34 : 14);
    double right = 18 + (p->reserve_cbar ? CBAR_ROOM : 0);
    double top = (p->title_h > 0 ? p->title_h : 10) + 6;
    double bottom = x->label ? 46 : 26;
    p->px = p->reg_l + left;
    p->py = p->reg_t + top;
    p->pw = p->reg_w - left - right;
    p->ph = p->reg_h - top - bottom;
    if (p->pw < 10 || p->ph < 10)
        return ILRS_EINVAL;
    /* As many x ticks as fit under the widest label. */
    plot_ticks probe;
    axis_ticks(x, 12, &probe);
    double xw = widest_label(p, &probe) + 14;
    int nx = (int)(p->pw / (xw > 20 ? xw : 20));
    axis_ticks(x, nx < 2 ? 2 : nx > 12 ? 12 : nx, &tx);
    p->xmin = x->min;
    p->xmax = x->max;
    p->ymin = y->min;
    p->ymax = y->max;
    p->mode = PLOT_CART;
    draw_axes(p, x, y, &tx, &ty, ylab_w);
    return ILRS_OK;
}

static void path_polyline(ilrs_plot *p, const double *x, const double *y,
                          size_t n)
{
    int pen = 0;
    for (size_t i = 0; i < n; i++) {
        if (!isfinite(x[i]) || !isfinite(y[i])) {
            pen = 0;
            continue;
        }
        double px, py;
        ilrs__plot_map(p, x[i], y[i], &px, &py);
        if (pen)
            cairo_line_to(p->cr, px, py);
        else
            cairo_move_to(p->cr, px, py);
        pen = 1;
    }
}

void ilrs_plot_line(ilrs_plot *p, const double *x, const double *y, size_t n,
                    const ilrs_plot_style *s)
{
    ilrs__plot_clip(p);
    ilrs__plot_style(p, s);
    cairo_set_line_join(p->cr, CAIRO_LINE_JOIN_ROUND);
    path_polyline(p, x, y, n);
    cairo_stroke(p->cr);
    cairo_restore(p->cr);
}

void ilrs_plot_fill(ilrs_plot *p, const double *x, const double *y, size_t n,
                    const ilrs_plot_style *s)
{
    ilrs__plot_clip(p);
    ilrs__plot_style(p, s);
    path_polyline(p, x, y, n);
    cairo_close_path(p->cr);
    cairo_fill(p->cr);
    cairo_restore(p->cr);
}

void ilrs_plot_rect(ilrs_plot *p, double x0, double y0, double x1, double y1,
                    const ilrs_plot_style *s)
{
    double ax, ay, bx, by;
    ilrs__plot_map(p, x0, y0, &ax, &ay);
    ilrs__plot_map(p, x1, y1, &bx, &by);
    ilrs__plot_clip(p);
    ilrs__plot_style(p, s);
    cairo_rectangle(p->cr, fmin(ax, bx), fmin(ay, by), fabs(bx - ax),
                    fabs(by - ay));
    cairo_fill(p->cr);
    cairo_restore(p->cr);
}

static void marker_path(cairo_t *cr, double x, double y, ilrs_marker m,
                        double r)
{
    switch (m) {
    case ILRS_MARK_SQUARE:
        cairo_rectangle(cr, x - r, y - r, 2 * r, 2 * r);
        break;
    case ILRS_MARK_TRIANGLE:
        cairo_move_to(cr, x, y - r);
        cairo_line_to(cr, x + 0.87 * r, y + 0.5 * r);
        cairo_line_to(cr, x - 0.87 * r, y + 0.5 * r);
        cairo_close_path(cr);
        break;
    case ILRS_MARK_STAR:
        for (int k = 0; k < 10; k++) {
            double a = -ILRS_PI / 2 + k * ILRS_PI / 5, rr = k % 2 ? 0.45 * r : r;
            if (k == 0)
                cairo_move_to(cr, x + rr * cos(a), y + rr * sin(a));
            else
                cairo_line_to(cr, x + rr * cos(a), y + rr * sin(a));
        }
        cairo_close_path(cr);
        break;
    case ILRS_MARK_CROSS:
        cairo_move_to(cr, x - r, y - r);
        cairo_line_to(cr, x + r, y + r);
        cairo_move_to(cr, x - r, y + r);
        cairo_line_to(cr, x + r, y - r);
        break;
    default:
        cairo_arc(cr, x, y, r, 0, 2 * ILRS_PI);
    }
}

void ilrs_plot_marker(ilrs_plot *p, double x, double y, ilrs_marker m,
                      double size, const ilrs_plot_style *s)
{
    if (!isfinite(x) || !isfinite(y))
        return;
    double px, py, r = (size > 0 ? size : 6.0) / 2;
    ilrs__plot_map(p, x, y, &px, &py);
    ilrs__plot_clip(p);
    ilrs__plot_style(p, s);
    cairo_set_dash(p->cr, NULL, 0, 0);
    marker_path(p->cr, px, py, m, r);
    if (m == ILRS_MARK_CROSS) {
        cairo_stroke(p->cr);
    } else {
        cairo_fill_preserve(p->cr);
        cairo_set_source_rgb(p->cr, 0, 0, 0);
        cairo_set_line_width(p->cr, 0.8);
        cairo_stroke(p->cr);
    }
    cairo_restore(p->cr);
}

void ilrs_plot_text(ilrs_plot *p, double x, double y, const char *text,
                    double size, ilrs_anchor anchor, const ilrs_plot_style *s)
{
    if (!text || !isfinite(x) || !isfinite(y))
        return;
    double px, py;
    ilrs__plot_map(p, x, y, &px, &py);
    ilrs__plot_clip(p);
    ilrs__plot_style(p, s);
    ilrs__plot_text_at(p, px, py, text, size, anchor, 0);
    cairo_restore(p->cr);
}

void ilrs_plot_legend(ilrs_plot *p, const char *const *labels,
                      const ilrs_plot_style *styles, size_t n)
{
    if (n == 0)
        return;
    cairo_t *cr = p->cr;
    cairo_text_extents_t te;
    double w = 0, line = 15;
    cairo_set_font_size(cr, TICK_SIZE);
    for (size_t i = 0; i < n; i++) {
        cairo_text_extents(cr, labels[i], &te);
        w = fmax(w, te.x_advance);
    }
    double bw = w + 42, bh = n * line + 8;
    double bx = (p->mode == PLOT_PAGE ? p->reg_l + p->reg_w : p->px + p->pw)
                - bw - 8;
    double by = (p->mode == PLOT_PAGE ? p->reg_t : p->py) + 8;
    if (p->mode == PLOT_POLAR) {
        bx = p->reg_l + p->reg_w - bw - 8;
        by = p->reg_t + p->title_h + 8;
    }
    cairo_save(cr);
    cairo_set_source_rgba(cr, 1, 1, 1, 0.9);
    cairo_rectangle(cr, bx, by, bw, bh);
    cairo_fill_preserve(cr);
    cairo_set_source_rgb(cr, 0.5, 0.5, 0.5);
    cairo_set_line_width(cr, 0.6);
    cairo_stroke(cr);
    for (size_t i = 0; i < n; i++) {
        double y = by + 4 + line * (i + 0.5);
        ilrs__plot_style(p, &styles[i]);
        cairo_move_to(cr, bx + 6, y);
        cairo_line_to(cr, bx + 30, y);
        cairo_stroke(cr);
        cairo_set_source_rgb(cr, 0, 0, 0);
        ilrs__plot_text_at(p, bx + 36, y, labels[i], TICK_SIZE,
                           ILRS_ANCHOR_LEFT, 0);
    }
    cairo_restore(cr);
}
