/*
 * io_int.h -- internals shared by the io module's files: files written
 * atomically, and the plot handle's layout.
 */
#ifndef ILRS_IO_INT_H
#define ILRS_IO_INT_H

#include <cairo.h>
#include <stddef.h>

#include "ilrs/constants.h"
#include "ilrs/core.h"
#include "ilrs/plot.h"

/*
 * ilrs__tmp_create -- make an empty, unique temporary file beside `path`
 * ("path.XXXXXX") and return its name in *tmp (owned by the caller: free()).
 * Returns ILRS_OK, ILRS_EIO (directory not writable) or ILRS_ENOMEM.
 * ilrs__tmp_commit -- rename tmp onto path (atomic on POSIX file systems);
 * on failure removes tmp and returns ILRS_EIO.
 */
int ilrs__tmp_create(const char *path, char **tmp, ilrs_error *err);
int ilrs__tmp_commit(const char *tmp, const char *path, ilrs_error *err);

/* What the panel's coordinates mean. */
enum { PLOT_PAGE = 0, PLOT_CART = 1, PLOT_POLAR = 2 };

/* Ticks of one axis: positions (data units) and their labels. */
#define PLOT_MAX_TICKS 64
typedef struct plot_ticks {
    size_t n;
    double v[PLOT_MAX_TICKS];
    char label[PLOT_MAX_TICKS][32];
} plot_ticks;

struct ilrs_plot {
    cairo_surface_t *surf;
    cairo_t *cr;
    int format;                 /* 0 png, 1 svg, 2 pdf */
    char *path, *tmp;
    double width, height;       /* page (pt) */
    double reg_l, reg_t, reg_w, reg_h; /* region for the next panel (pt) */
    double title_h;             /* room taken by the title (pt) */
    int reserve_cbar;
    int mode;                   /* PLOT_PAGE, PLOT_CART, PLOT_POLAR */
    double px, py, pw, ph;      /* panel rectangle (pt) */
    double xmin, xmax, ymin, ymax;
    int xlog, ylog;             /* unused; kept 0 */
    double cx, cy, rad;         /* polar: centre and rim radius (pt) */
    double el_min, el_max;      /* polar: elevation at rim and centre */
};

/* Data coordinates to page points in the current panel. */
void ilrs__plot_map(const ilrs_plot *p, double x, double y, double *px,
                    double *py);
/* Set colour, width, dash and opacity of a style (NULL: 1 pt black). */
void ilrs__plot_style(const ilrs_plot *p, const ilrs_plot_style *s);
/* Clip to the panel (rectangle or rim circle); undo with cairo_restore. */
void ilrs__plot_clip(const ilrs_plot *p);
/* Text at page point (x, y), anchored, with an optional white halo. */
void ilrs__plot_text_at(ilrs_plot *p, double x, double y, const char *text,
                        double size, ilrs_anchor anchor, int halo);

/* "Nice" linear ticks covering [lo, hi], at most `max` of them. */
void ilrs__ticks_linear(double lo, double hi, int max, plot_ticks *t);
/* Calendar ticks (years, months or days in UTC) for TDB seconds. */
void ilrs__ticks_date(double lo, double hi, int max, plot_ticks *t);

#endif
