/* plot_image.c -- colour maps, gridded images and colour bars. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>

#include "ilrs/plot.h"
#include "io/io_int.h"

/* Anchor colours, evenly spaced in t, linearly interpolated. viridis and
   inferno anchors are samples of the matplotlib colour maps of the same
   names (van der Walt and Smith, 2015; public domain, CC0). */
static const double viridis[9][3] = {
    {0.267, 0.005, 0.329}, {0.279, 0.175, 0.483}, {0.230, 0.322, 0.546},
    {0.173, 0.449, 0.558}, {0.128, 0.567, 0.551}, {0.153, 0.680, 0.506},
    {0.369, 0.789, 0.383}, {0.678, 0.864, 0.190}, {0.993, 0.906, 0.144}};
static const double inferno[9][3] = {
    {0.001, 0.000, 0.014}, {0.122, 0.047, 0.282}, {0.335, 0.060, 0.429},
    {0.531, 0.134, 0.426}, {0.729, 0.213, 0.333}, {0.891, 0.349, 0.192},
    {0.975, 0.549, 0.039}, {0.975, 0.779, 0.174}, {0.988, 0.998, 0.645}};

void ilrs_colormap_rgb(ilrs_colormap cmap, double t, double rgb[3])
{
    if (!(t > 0))
        t = 0;
    if (t > 1)
        t = 1;
    if (cmap == ILRS_CMAP_GRAY) {
        rgb[0] = rgb[1] = rgb[2] = t;
        return;
    }
    const double (*a)[3] = cmap == ILRS_CMAP_INFERNO ? inferno : viridis;
    double u = t * 8;
    int k = (int)u;
    if (k > 7)
        k = 7;
    double f = u - k;
    for (int c = 0; c < 3; c++)
        rgb[c] = a[k][c] + f * (a[k + 1][c] - a[k][c]);
}

static uint32_t pixel(ilrs_colormap cmap, double v, double vmin, double vmax)
{
    if (!isfinite(v))
        return 0; /* transparent */
    double rgb[3];
    ilrs_colormap_rgb(cmap, (v - vmin) / (vmax - vmin), rgb);
    return 0xff000000u | (uint32_t)lround(rgb[0] * 255) << 16 |
           (uint32_t)lround(rgb[1] * 255) << 8 | (uint32_t)lround(rgb[2] * 255);
}

int ilrs_plot_image(ilrs_plot *p, const ilrs_grid *g, double vmin,
                    double vmax, ilrs_colormap cmap)
{
    if (!g || !g->z || g->nx < 1 || g->ny < 1 || g->nx > 32767 ||
        g->ny > 32767 || !(vmax > vmin))
        return ILRS_EINVAL;
    cairo_surface_t *img = cairo_image_surface_create(
        CAIRO_FORMAT_ARGB32, (int)g->nx, (int)g->ny);
    if (cairo_surface_status(img) != CAIRO_STATUS_SUCCESS) {
        cairo_surface_destroy(img);
        return ILRS_ENOMEM;
    }
    cairo_surface_flush(img);
    unsigned char *data = cairo_image_surface_get_data(img);
    int stride = cairo_image_surface_get_stride(img);
    for (size_t j = 0; j < g->ny; j++) {
        uint32_t *row = (uint32_t *)(void *)(data + j * (size_t)stride);
        for (size_t i = 0; i < g->nx; i++)
            row[i] = pixel(cmap, g->z[j * g->nx + i], vmin, vmax);
    }
    cairo_surface_mark_dirty(img);
    /* Cell (i, j) covers [x0 + (i - 1/2) dx, x0 + (i + 1/2) dx] and the
       same in y: an affine map from image pixels to the page. */
    double ox, oy, ex, ey, fx, fy;
    ilrs__plot_map(p, g->x0 - g->dx / 2, g->y0 - g->dy / 2, &ox, &oy);
    ilrs__plot_map(p, g->x0 + g->dx / 2, g->y0 - g->dy / 2, &ex, &ey);
    ilrs__plot_map(p, g->x0 - g->dx / 2, g->y0 + g->dy / 2, &fx, &fy);
    ilrs__plot_clip(p);
    cairo_matrix_t m;
    cairo_matrix_init(&m, ex - ox, ey - oy, fx - ox, fy - oy, ox, oy);
    cairo_transform(p->cr, &m);
    cairo_set_source_surface(p->cr, img, 0, 0);
    cairo_pattern_set_filter(cairo_get_source(p->cr), CAIRO_FILTER_NEAREST);
    cairo_rectangle(p->cr, 0, 0, (double)g->nx, (double)g->ny);
    cairo_fill(p->cr);
    cairo_restore(p->cr);
    cairo_surface_destroy(img);
    return ILRS_OK;
}

void ilrs_plot_colorbar(ilrs_plot *p, double vmin, double vmax,
                        ilrs_colormap cmap, const char *label)
{
    if (!(vmax > vmin) || p->mode == PLOT_PAGE)
        return;
    cairo_t *cr = p->cr;
    double x = p->mode == PLOT_POLAR ? p->cx + p->rad + 50 : p->px + p->pw + 18;
    double y = p->mode == PLOT_POLAR ? p->cy - p->rad : p->py;
    double w = 14, h = p->mode == PLOT_POLAR ? 2 * p->rad : p->ph;
    const int steps = 128;
    for (int k = 0; k < steps; k++) {
        double rgb[3];
        ilrs_colormap_rgb(cmap, (k + 0.5) / steps, rgb);
        cairo_set_source_rgb(cr, rgb[0], rgb[1], rgb[2]);
        cairo_rectangle(cr, x, y + h - (k + 1) * h / steps, w, h / steps + 0.5);
        cairo_fill(cr);
    }
    cairo_set_source_rgb(cr, 0, 0, 0);
    cairo_set_line_width(cr, 0.8);
    cairo_set_dash(cr, NULL, 0, 0);
    cairo_rectangle(cr, x, y, w, h);
    cairo_stroke(cr);
    plot_ticks t;
    ilrs__ticks_linear(vmin, vmax, 7, &t);
    for (size_t i = 0; i < t.n; i++) {
        double ty = y + h - (t.v[i] - vmin) / (vmax - vmin) * h;
        cairo_move_to(cr, x + w, ty);
        cairo_line_to(cr, x + w + 3, ty);
        cairo_stroke(cr);
        ilrs__plot_text_at(p, x + w + 5, ty, t.label[i], 9,
                           ILRS_ANCHOR_LEFT, 0);
    }
    if (label) {
        cairo_save(cr);
        cairo_translate(cr, x + w + 48, y + h / 2);
        cairo_rotate(cr, -ILRS_PI / 2);
        ilrs__plot_text_at(p, 0, 0, label, 10.5, ILRS_ANCHOR_CENTER, 0);
        cairo_restore(cr);
    }
}
