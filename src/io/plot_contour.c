/* plot_contour.c -- contour lines by marching squares, drawn and labelled. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "ilrs/plot.h"
#include "io/io_int.h"

/* Point where the level crosses the edge from corner (x1,y1,v1) to
   (x2,y2,v2). */
static void edge_point(double x1, double y1, double v1, double x2, double y2,
                       double v2, double level, double *x, double *y)
{
    double t = v2 != v1 ? (level - v1) / (v2 - v1) : 0.5;
    *x = x1 + t * (x2 - x1);
    *y = y1 + t * (y2 - y1);
}

/* Segments of one cell. Corners a (i,j), b (i+1,j), c (i+1,j+1), d (i,j+1);
   edges 0 a-b, 1 b-c, 2 d-c, 3 a-d. */
static void cell_segments(const ilrs_grid *g, size_t i, size_t j,
                          double level, ilrs_segment_fn fn, void *ctx)
{
    /* Pairs of edges per case; -1 ends the list. Cases 5 and 10 are the
       saddles, resolved below. */
    static const signed char table[16][4] = {
        {-1, -1, -1, -1}, {3, 0, -1, -1}, {0, 1, -1, -1}, {3, 1, -1, -1},
        {1, 2, -1, -1},   {-1, -1, -1, -1}, {0, 2, -1, -1}, {3, 2, -1, -1},
        {3, 2, -1, -1},   {0, 2, -1, -1}, {-1, -1, -1, -1}, {1, 2, -1, -1},
        {3, 1, -1, -1},   {0, 1, -1, -1}, {3, 0, -1, -1},  {-1, -1, -1, -1}};
    double va = g->z[j * g->nx + i], vb = g->z[j * g->nx + i + 1];
    double vc = g->z[(j + 1) * g->nx + i + 1], vd = g->z[(j + 1) * g->nx + i];
    if (!isfinite(va) || !isfinite(vb) || !isfinite(vc) || !isfinite(vd))
        return;
    int k = (va >= level) | (vb >= level) << 1 | (vc >= level) << 2 |
            (vd >= level) << 3;
    if (k == 0 || k == 15)
        return;
    double x0 = g->x0 + i * g->dx, x1 = x0 + g->dx;
    double y0 = g->y0 + j * g->dy, y1 = y0 + g->dy;
    double ex[4], ey[4];
    edge_point(x0, y0, va, x1, y0, vb, level, &ex[0], &ey[0]);
    edge_point(x1, y0, vb, x1, y1, vc, level, &ex[1], &ey[1]);
    edge_point(x0, y1, vd, x1, y1, vc, level, &ex[2], &ey[2]);
    edge_point(x0, y0, va, x0, y1, vd, level, &ex[3], &ey[3]);
    signed char pairs[4];
    if (k == 5 || k == 10) {
        int centre_high = (va + vb + vc + vd) / 4 >= level;
        /* Cut off the corners not joined through the centre. */
        int cut_bd = (k == 5) == centre_high;
        signed char s1[4] = {0, 1, 2, 3}, s2[4] = {3, 0, 1, 2};
        for (int m = 0; m < 4; m++)
            pairs[m] = cut_bd ? s1[m] : s2[m];
    } else {
        for (int m = 0; m < 4; m++)
            pairs[m] = table[k][m];
    }
    for (int m = 0; m < 4 && pairs[m] >= 0; m += 2)
        fn(ctx, ex[pairs[m]], ey[pairs[m]], ex[pairs[m + 1]],
           ey[pairs[m + 1]]);
}

void ilrs_contour_segments(const ilrs_grid *g, double level,
                           ilrs_segment_fn fn, void *ctx)
{
    if (!g || !g->z || g->nx < 2 || g->ny < 2 || !isfinite(level))
        return;
    for (size_t j = 0; j + 1 < g->ny; j++)
        for (size_t i = 0; i + 1 < g->nx; i++)
            cell_segments(g, i, j, level, fn, ctx);
}

typedef struct {
    ilrs_plot *p;
    double lx[4], ly[4];  /* label positions placed so far (pt) */
    int nlabel, want_labels;
    double level;
    char text[32];
} contour_ctx;

static void draw_segment(void *vctx, double xa, double ya, double xb,
                         double yb)
{
    contour_ctx *c = vctx;
    double pa, qa, pb, qb;
    ilrs__plot_map(c->p, xa, ya, &pa, &qa);
    ilrs__plot_map(c->p, xb, yb, &pb, &qb);
    cairo_move_to(c->p->cr, pa, qa);
    cairo_line_to(c->p->cr, pb, qb);
    if (!c->want_labels || c->nlabel >= 4)
        return;
    double mx = (pa + pb) / 2, my = (qa + qb) / 2;
    const ilrs_plot *p = c->p;
    if (mx < p->px + 30 || mx > p->px + p->pw - 30 || my < p->py + 15 ||
        my > p->py + p->ph - 15)
        return;
    for (int k = 0; k < c->nlabel; k++)
        if (hypot(mx - c->lx[k], my - c->ly[k]) < 160)
            return;
    c->lx[c->nlabel] = mx;
    c->ly[c->nlabel] = my;
    c->nlabel++;
}

int ilrs_plot_contour(ilrs_plot *p, const ilrs_grid *g, const double *levels,
                      size_t nlevels, const ilrs_plot_style *s, int label)
{
    if (!g || !g->z || g->nx < 2 || g->ny < 2)
        return ILRS_EINVAL;
    ilrs__plot_clip(p);
    for (size_t l = 0; l < nlevels; l++) {
        contour_ctx c = {.p = p, .want_labels = label, .level = levels[l]};
        ilrs__plot_style(p, s);
        cairo_set_line_cap(p->cr, CAIRO_LINE_CAP_ROUND);
        ilrs_contour_segments(g, levels[l], draw_segment, &c);
        cairo_stroke(p->cr);
        snprintf(c.text, sizeof c.text, "%g", levels[l]);
        for (int k = 0; k < c.nlabel; k++) {
            ilrs__plot_style(p, s);
            ilrs__plot_text_at(p, c.lx[k], c.ly[k], c.text, 8.5,
                               ILRS_ANCHOR_CENTER, 1);
        }
    }
    cairo_restore(p->cr);
    return ILRS_OK;
}
