/* test_plot.c -- plots: contour geometry, colour maps, date ticks, files
   written whole or not at all. */
#include <cairo.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "ilrs/plot.h"
#include "ilrs/time.h"
#include "io/io_int.h"

typedef struct {
    double max_dev;   /* largest |x^2 + y^2 - 1| at segment ends */
    double length;    /* total length of the segments */
    size_t n;
} circle_acc;

static void on_segment(void *ctx, double xa, double ya, double xb, double yb)
{
    circle_acc *a = ctx;
    double da = fabs(xa * xa + ya * ya - 1), db = fabs(xb * xb + yb * yb - 1);
    a->max_dev = fmax(a->max_dev, fmax(da, db));
    a->length += hypot(xb - xa, yb - ya);
    a->n++;
}

static void test_contour_circle(void)
{
    /* z = x^2 + y^2 on [-2, 2]^2 with step h; the level-1 contour is the
       unit circle. Linear interpolation along an edge of length h of a
       function with second derivative 2 errs in z by (x-x1)(x2-x) <= h^2/4
       (interpolation error theorem), so every end point must satisfy
       |x^2 + y^2 - 1| <= h^2/4. */
    enum { N = 81 };
    double h = 4.0 / (N - 1);
    double *z = malloc(sizeof(double) * N * N);
    for (int j = 0; j < N; j++)
        for (int i = 0; i < N; i++) {
            double x = -2 + i * h, y = -2 + j * h;
            z[j * N + i] = x * x + y * y;
        }
    ilrs_grid g = {z, N, N, -2, h, -2, h};
    circle_acc a = {0, 0, 0};
    ilrs_contour_segments(&g, 1.0, on_segment, &a);
    check_true("contour: segments found", a.n > 50, "circle of radius 1");
    check_close("contour: end points on the circle", a.max_dev, 0,
                h * h / 4, "linear interpolation error bound h^2/4");
    check_close("contour: length of the polygon", a.length, 2 * ILRS_PI,
                0.01 * 2 * ILRS_PI, "circumference of the unit circle, 1%");
    /* A NaN cell drops only the segments that touch it. */
    z[40 * N + 60] = NAN; /* (x, y) = (1, 0) lies on the circle */
    circle_acc b = {0, 0, 0};
    ilrs_contour_segments(&g, 1.0, on_segment, &b);
    check_true("contour: NaN cells skipped", b.n < a.n && b.n + 4 >= a.n,
               "a NaN corner removes at most its four cells");
    free(z);
}

static void test_saddle(void)
{
    /* Corners a=1, b=0, c=1, d=0 with level 0.5: the cell mean 0.5 >= 0.5
       joins a and c, so the two segments cut off b and d: each segment
       has one end on edge a-b or b-c near b = (1, 0). */
    double z[4] = {1, 0, 0, 1}; /* row 0: a, b; row 1: d, c */
    ilrs_grid g = {z, 2, 2, 0, 1, 0, 1};
    circle_acc a = {0, 0, 0};
    ilrs_contour_segments(&g, 0.5, on_segment, &a);
    check_int("saddle: two segments", (long)a.n, 2, "marching squares");
    check_close("saddle: segments join edge midpoints",
                a.length, 2 * hypot(0.5, 0.5), 1e-12, "geometry");
}

static void test_colormap(void)
{
    /* viridis and inferno are designed with luminance increasing
       monotonically from 0 to 1 (van der Walt and Smith 2015). */
    const ilrs_colormap maps[2] = {ILRS_CMAP_VIRIDIS, ILRS_CMAP_INFERNO};
    for (int m = 0; m < 2; m++) {
        double prev = -1;
        int mono = 1;
        for (int k = 0; k <= 100; k++) {
            double rgb[3];
            ilrs_colormap_rgb(maps[m], k / 100.0, rgb);
            double lum = 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2];
            mono &= lum > prev - 1e-9;
            prev = lum;
        }
        check_true(m ? "inferno: luminance rises" : "viridis: luminance rises",
                   mono, "perceptually uniform map design");
    }
}

static double tdb_of(const char *text)
{
    double t = NAN;
    ilrs_time_parse_tdb(text, &t, NULL);
    return t;
}

static void test_date_ticks(void)
{
    plot_ticks t;
    ilrs__ticks_date(tdb_of("2020-06-15"), tdb_of("2020-12-20"), 8, &t);
    check_int("date ticks: monthly over half a year", (long)t.n, 6,
              "calendar: Jul..Dec 2020 month starts");
    check_str("date ticks: first label", t.label[0], "2020-07-01",
              "calendar");
    check_close("date ticks: on 00:00 UTC", t.v[1],
                tdb_of("2020-08-01T00:00:00 UTC"), 1e-6, "calendar");
    ilrs__ticks_date(tdb_of("2024-01-01"), tdb_of("2036-01-01"), 8, &t);
    check_str("date ticks: years over a decade", t.label[0], "2024",
              "calendar");
    ilrs__ticks_date(tdb_of("2024-05-03"), tdb_of("2024-05-10"), 8, &t);
    check_str("date ticks: days over a week", t.label[0], "2024-05-03",
              "calendar: the start is itself a day boundary");
    check_int("date ticks: daily", (long)t.n, 8, "calendar: 3..10 May");
    ilrs__ticks_linear(0.13, 9.7, 6, &t);
    check_close("linear ticks: nice step", t.v[1] - t.v[0], 2, 1e-12,
                "1-2-2.5-5 steps");
}

static int file_exists(const char *path)
{
    return access(path, F_OK) == 0;
}

static void draw_sample(ilrs_plot *p)
{
    ilrs_plot_title(p, "Sample", "contours of x^2 + y^2");
    ilrs_plot_axis x = {-2, 2, ILRS_AXIS_LINEAR, "x", NULL, 0};
    ilrs_plot_axis y = {-2, 2, ILRS_AXIS_LINEAR, "y", NULL, 0};
    ilrs_plot_axes(p, &x, &y);
    double z[25 * 25];
    for (int j = 0; j < 25; j++)
        for (int i = 0; i < 25; i++) {
            double xx = -2 + i / 6.0, yy = -2 + j / 6.0;
            z[j * 25 + i] = xx * xx + yy * yy;
        }
    ilrs_grid g = {z, 25, 25, -2, 1 / 6.0, -2, 1 / 6.0};
    double levels[3] = {0.5, 1, 2};
    ilrs_plot_style s = {{0.1, 0.3, 0.8}, 1.2, 0, 0};
    ilrs_plot_contour(p, &g, levels, 3, &s, 1);
    ilrs_plot_marker(p, 0, 0, ILRS_MARK_STAR, 10, &s);
}

static void test_files(void)
{
    char dir[] = "/tmp/ilrs-plot-XXXXXX";
    char path[256];
    ilrs_error err;
    ilrs_plot *p = NULL;
    if (!mkdtemp(dir)) {
        check_true("temporary directory", 0, "mkdtemp");
        return;
    }
    snprintf(path, sizeof path, "%s/a.gif", dir);
    check_int("plot: unknown extension", ilrs_plot_open(path, 400, 300, &p, &err),
              ILRS_EINVAL, "only png, svg, pdf");
    check_contains("plot: message names the file", err.msg, "a.gif",
                   "error detail");
    snprintf(path, sizeof path, "%s/none/a.png", dir);
    check_int("plot: missing directory", ilrs_plot_open(path, 400, 300, &p, &err),
              ILRS_EIO, "cannot create the file");
    snprintf(path, sizeof path, "%s/a.png", dir);
    check_int("plot: open png", ilrs_plot_open(path, 400, 300, &p, &err), 0,
              "valid");
    draw_sample(p);
    check_true("plot: nothing at the path before close", !file_exists(path),
               "atomic write");
    check_int("plot: close png", ilrs_plot_close(p, &err), 0, "valid");
    cairo_surface_t *s = cairo_image_surface_create_from_png(path);
    check_int("png: readable by cairo", cairo_surface_status(s), 0,
              "libpng through cairo");
    check_int("png: width", cairo_image_surface_get_width(s), 400, "opened");
    check_int("png: height", cairo_image_surface_get_height(s), 300, "opened");
    cairo_surface_destroy(s);
    snprintf(path, sizeof path, "%s/a.svg", dir);
    ilrs_plot_open(path, 400, 300, &p, &err);
    draw_sample(p);
    check_int("plot: close svg", ilrs_plot_close(p, &err), 0, "valid");
    FILE *f = fopen(path, "r");
    char buf[4096] = "";
    size_t n = f ? fread(buf, 1, sizeof buf - 1, f) : 0;
    buf[n < 200 ? n : 200] = '\0';
    if (f)
        fclose(f);
    check_contains("svg: an svg document", buf, "<svg", "SVG 1.1");
    snprintf(path, sizeof path, "%s/b.png", dir);
    ilrs_plot_open(path, 400, 300, &p, &err);
    ilrs_plot_discard(p);
    check_true("plot: discard leaves nothing", !file_exists(path), "discard");
    char cmd[512];
    snprintf(cmd, sizeof cmd, "ls -A %s | grep -c XXX >/dev/null; rm -rf %s",
             dir, dir);
    check_int("cleanup", system(cmd) >= 0, 1, "shell");
}

int main(void)
{
    test_contour_circle();
    test_saddle();
    test_colormap();
    test_date_ticks();
    test_files();
    return check_done();
}
