/*
 * ilrs/plot.h -- plots with cairo: PNG, SVG and PDF files.
 *
 * Usage:
 *     ilrs_plot *p;
 *     if (ilrs_plot_open("porkchop.png", 900, 700, &p, &err)) ...;
 *     ilrs_plot_title(p, "Earth to Mars, 2020", "C3 (km^2/s^2)");
 *     ilrs_plot_axis x = {t0, t1, ILRS_AXIS_DATE, "Departure (UTC)"};
 *     ilrs_plot_axis y = {a0, a1, ILRS_AXIS_DATE, "Arrival (UTC)"};
 *     ilrs_plot_axes(p, &x, &y);             // after this: data coordinates
 *     ilrs_plot_contour(p, &grid, levels, n, &style, 1);
 *     ilrs_plot_marker(p, tx, ty, ILRS_MARK_STAR, 10, &red);
 *     st = ilrs_plot_close(p, &err);         // writes the file, frees p
 *
 * The format comes from the file name's extension (.png, .svg, .pdf). The
 * file is written to a temporary name beside the target and renamed into
 * place by ilrs_plot_close, so a crash never leaves a half-written plot.
 * Sizes are in points (1/72 in; one pixel in a PNG). Drawing calls on a
 * plot whose axes are not set yet use page coordinates (points from the
 * top-left corner). A plot handle is used by one thread at a time.
 */
#ifndef ILRS_PLOT_H
#define ILRS_PLOT_H

#include <stddef.h>

#include "ilrs/core.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ilrs_plot ilrs_plot;

/* How an axis labels its values. */
typedef enum ilrs_axis_kind {
    ILRS_AXIS_LINEAR = 0,  /* numbers */
    ILRS_AXIS_DATE = 1,    /* TDB seconds past J2000, labelled as UTC dates
                              (years, months or days as the span suits) */
    ILRS_AXIS_CATEGORY = 2 /* integer positions 0..n-1 labelled by
                              `categories` (e.g. mission names) */
} ilrs_axis_kind;

typedef struct ilrs_plot_axis {
    double min, max;         /* data range shown; max > min */
    ilrs_axis_kind kind;
    const char *label;       /* axis title, may be NULL */
    const char *const *categories; /* ILRS_AXIS_CATEGORY: names */
    size_t ncategories;
} ilrs_plot_axis;

/* Line and fill style. A zero-initialised style is a 1 pt black line. */
typedef struct ilrs_plot_style {
    double rgb[3];   /* colour, each 0..1 */
    double width;    /* line width (pt); 0 means 1 */
    int dash;        /* 0 solid, 1 dashed, 2 dotted */
    double alpha;    /* opacity 0..1; 0 means 1 (opaque) */
} ilrs_plot_style;

typedef enum ilrs_marker {
    ILRS_MARK_CIRCLE = 0,
    ILRS_MARK_SQUARE = 1,
    ILRS_MARK_TRIANGLE = 2,
    ILRS_MARK_STAR = 3,
    ILRS_MARK_CROSS = 4
} ilrs_marker;

/* Text anchors: where (x, y) sits on the text's box. */
typedef enum ilrs_anchor {
    ILRS_ANCHOR_LEFT = 0,    /* left end, vertically centred */
    ILRS_ANCHOR_CENTER = 1,
    ILRS_ANCHOR_RIGHT = 2
} ilrs_anchor;

/* Colour maps for images and colour bars. */
typedef enum ilrs_colormap {
    ILRS_CMAP_VIRIDIS = 0,  /* dark blue - green - yellow, perceptually even */
    ILRS_CMAP_GRAY = 1,     /* black - white */
    ILRS_CMAP_INFERNO = 2   /* black - red - yellow (illumination) */
} ilrs_colormap;

/*
 * A regular grid of values: z[j * nx + i] is the value at
 * x = x0 + i dx, y = y0 + j dy (i < nx, j < ny). NaN means "no value" and
 * is skipped by contours and drawn transparent by images.
 */
typedef struct ilrs_grid {
    const double *z;
    size_t nx, ny;
    double x0, dx, y0, dy;
} ilrs_grid;

/*
 * ilrs_plot_open -- start a plot of width x height points.
 * Returns: ILRS_OK; ILRS_EINVAL for an unknown extension or a size outside
 *   16..20000 pt; ILRS_EIO if the file's directory cannot be written;
 *   ILRS_ENOMEM. The handle is owned by the caller: end it with
 *   ilrs_plot_close (write) or ilrs_plot_discard (write nothing).
 */
int ilrs_plot_open(const char *path, double width, double height,
                   ilrs_plot **out, ilrs_error *err);

/* ilrs_plot_close -- finish, write the file and free p. Returns ILRS_OK or
   ILRS_EIO (nothing is left at the path then). p may be NULL (OK). */
int ilrs_plot_close(ilrs_plot *p, ilrs_error *err);

/* ilrs_plot_discard -- free p without writing anything. NULL is allowed. */
void ilrs_plot_discard(ilrs_plot *p);

/* ilrs_plot_title -- a title (and optional smaller subtitle) across the top.
   Call before ilrs_plot_axes so the panel leaves room for it. */
void ilrs_plot_title(ilrs_plot *p, const char *title, const char *subtitle);

/*
 * ilrs_plot_axes -- lay out a Cartesian panel, draw its frame, grid, ticks
 * and labels, and make later calls use data coordinates.
 * Notes: leaves room on the right for a colour bar when
 *   ilrs_plot_reserve_colorbar was called first. May be called again on the
 *   same plot only after ilrs_plot_region (several panels).
 * Returns: ILRS_OK; ILRS_EINVAL for an empty or non-finite range.
 */
int ilrs_plot_axes(ilrs_plot *p, const ilrs_plot_axis *x,
                   const ilrs_plot_axis *y);

/* ilrs_plot_reserve_colorbar -- keep a strip on the panel's right for
   ilrs_plot_colorbar. Call before ilrs_plot_axes. */
void ilrs_plot_reserve_colorbar(ilrs_plot *p);

/* ilrs_plot_region -- confine the next panel to a fraction of the page:
   left, top, width, height each 0..1 of the page. */
void ilrs_plot_region(ilrs_plot *p, double left, double top, double width,
                      double height);

/* Drawing in data coordinates (page points before ilrs_plot_axes).
   ilrs_plot_line: a polyline; a NaN in x or y breaks it.
   ilrs_plot_fill: a closed polygon filled with the style's colour.
   ilrs_plot_rect: a filled rectangle between two corners.
   ilrs_plot_marker: a marker of `size` pt centred on (x, y).
   ilrs_plot_text: text of `size` pt (0: 10 pt) anchored at (x, y).
   Everything is clipped to the panel. */
void ilrs_plot_line(ilrs_plot *p, const double *x, const double *y, size_t n,
                    const ilrs_plot_style *s);
void ilrs_plot_fill(ilrs_plot *p, const double *x, const double *y, size_t n,
                    const ilrs_plot_style *s);
void ilrs_plot_rect(ilrs_plot *p, double x0, double y0, double x1, double y1,
                    const ilrs_plot_style *s);
void ilrs_plot_marker(ilrs_plot *p, double x, double y, ilrs_marker m,
                      double size, const ilrs_plot_style *s);
void ilrs_plot_text(ilrs_plot *p, double x, double y, const char *text,
                    double size, ilrs_anchor anchor, const ilrs_plot_style *s);

/* ilrs_plot_legend -- a boxed legend in the panel's top-right corner: one
   line sample and label per entry. */
void ilrs_plot_legend(ilrs_plot *p, const char *const *labels,
                      const ilrs_plot_style *styles, size_t n);

/*
 * ilrs_plot_contour -- contour lines of a grid at the given levels
 * (marching squares with linear interpolation; saddles resolved by the
 * cell's mean). With `label` set, each level's lines carry its value.
 * Returns: ILRS_OK; ILRS_EINVAL for an empty grid; ILRS_ENOMEM.
 */
int ilrs_plot_contour(ilrs_plot *p, const ilrs_grid *g, const double *levels,
                      size_t nlevels, const ilrs_plot_style *s, int label);

/*
 * ilrs_contour_segments -- the same contour lines as data: calls
 * fn(ctx, xa, ya, xb, yb) for every segment of level `level`.
 * Pure computation, usable without a plot.
 */
typedef void (*ilrs_segment_fn)(void *ctx, double xa, double ya, double xb,
                                double yb);
void ilrs_contour_segments(const ilrs_grid *g, double level,
                           ilrs_segment_fn fn, void *ctx);

/* ilrs_plot_image -- the grid as a colour image over its cells (each value
   fills the cell centred on its x, y), vmin..vmax across the colour map. */
int ilrs_plot_image(ilrs_plot *p, const ilrs_grid *g, double vmin,
                    double vmax, ilrs_colormap cmap);

/* ilrs_plot_colorbar -- a colour bar with ticks in the reserved strip. */
void ilrs_plot_colorbar(ilrs_plot *p, double vmin, double vmax,
                        ilrs_colormap cmap, const char *label);

/* ilrs_colormap_rgb -- the colour of t in 0..1 (clamped) in a map. */
void ilrs_colormap_rgb(ilrs_colormap cmap, double t, double rgb[3]);

/*
 * ilrs_plot_polar -- a sky chart panel: azimuth clockwise from north at the
 * top (N, E, S, W marked, 30-degree spokes), elevation el_max at the centre
 * and el_min on the rim, rings labelled in degrees. Later polar calls use
 * azimuth and elevation in degrees.
 * Returns: ILRS_OK; ILRS_EINVAL unless el_min < el_max within -90..90.
 */
int ilrs_plot_polar(ilrs_plot *p, double el_min_deg, double el_max_deg);
void ilrs_plot_polar_line(ilrs_plot *p, const double *az_deg,
                          const double *el_deg, size_t n,
                          const ilrs_plot_style *s);
/* ilrs_plot_polar_horizon -- shade the sky below a closed horizon profile
   (az_deg ascending over 0..360) between the profile and the rim. */
void ilrs_plot_polar_horizon(ilrs_plot *p, const double *az_deg,
                             const double *el_deg, size_t n,
                             const ilrs_plot_style *s);

/*
 * ilrs_plot_format_date -- "2020-07-30" (or with hh:mm when with_time) for
 * TDB seconds past J2000, in UTC. buf of 24 bytes suffices.
 */
void ilrs_plot_format_date(double t_tdb, int with_time, char *buf,
                           size_t size);

#ifdef __cplusplus
}
#endif
#endif
