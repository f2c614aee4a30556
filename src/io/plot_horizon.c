/* plot_horizon.c -- a site's horizon chart and illumination map images. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "ilrs/plot.h"
#include "ilrs/plot_lunar.h"

#define PI 3.14159265358979323846
#define R2D (180.0 / PI)

/* The relay's track is drawn for its first two days only: a month of a
   fast orbit would cover the chart. */
#define RELAY_SPAN_S (2 * 86400.0)

/* Which track: 0 Sun, 1 Earth, 2 relay. */
static void track(const ilrs_site_stats *st, int which, double *az,
                  double *el, double el_min, size_t *n)
{
    size_t k = 0;
    for (size_t i = 0; i < st->nsamples; i++) {
        const ilrs_site_sample *s = &st->samples[i];
        if (which == 2 && s->t > st->samples[0].t + RELAY_SPAN_S)
            break;
        double a = which == 0 ? s->sun_az : which == 1 ? s->earth_az
                                                       : s->relay_az;
        double e = which == 0 ? s->sun_el : which == 1 ? s->earth_el
                                                       : s->relay_el;
        a *= R2D;
        e *= R2D;
        /* break the line below the chart and where it jumps */
        int brk = !(e >= el_min) ||
                  (k > 0 && isfinite(az[k - 1]) && fabs(a - az[k - 1]) > 90.0);
        if (brk) {
            az[k] = el[k] = NAN;
            k++;
            if (!(e >= el_min))
                continue;
        }
        az[k] = a;
        el[k] = e;
        k++;
    }
    *n = k;
}

static void chart_range(const double *elev, int naz, const ilrs_site_stats *st,
                        double *lo, double *hi)
{
    double mn = 0, mx = 5;
    for (int k = 0; k < naz; k++) {
        mn = fmin(mn, elev[k] * R2D);
        mx = fmax(mx, elev[k] * R2D);
    }
    for (size_t i = 0; i < st->nsamples; i++) {
        mx = fmax(mx, st->samples[i].sun_el * R2D);
        mx = fmax(mx, st->samples[i].earth_el * R2D);
        if (isfinite(st->samples[i].relay_el))
            mx = fmax(mx, st->samples[i].relay_el * R2D);
    }
    *lo = fmax(-90.0, floor(mn) - 2.0);
    *hi = fmin(90.0, ceil(mx) + 2.0);
}

int ilrs_plot_site_horizon(const char *path, const double *elev, int naz,
                           const ilrs_site_stats *st, const char *terrain,
                           double lat_deg, double lon_deg, ilrs_error *err)
{
    ilrs_plot *p;
    int rc = ilrs_plot_open(path, 760, 800, &p, err);
    if (rc)
        return rc;
    char title[128], sub[512];
    snprintf(title, sizeof title, "Horizon at %.4f, %.4f deg (Moon ME)",
             lat_deg, lon_deg);
    snprintf(sub, sizeof sub, "terrain: %s; Sun and Earth tracks, %zu "
             "samples", terrain, st->nsamples);
    ilrs_plot_title(p, title, sub);
    double lo, hi;
    chart_range(elev, naz, st, &lo, &hi);
    if ((rc = ilrs_plot_polar(p, lo, hi)) != 0) {
        ilrs_plot_discard(p);
        return ilrs_error_set(err, rc, "horizon chart range %g..%g deg", lo,
                              hi);
    }
    size_t n = st->nsamples * 2 + 2;
    if (n < (size_t)naz + 1)
        n = (size_t)naz + 1;
    double *az = malloc(sizeof(double) * n);
    double *el = malloc(sizeof(double) * n);
    if (!az || !el) {
        free(az);
        free(el);
        ilrs_plot_discard(p);
        return ilrs_error_set(err, ILRS_ENOMEM, "horizon chart");
    }
    for (int k = 0; k <= naz; k++) {
        az[k] = 360.0 * k / naz;
        el[k] = elev[k % naz] * R2D;
    }
    ilrs_plot_style terr = {{0.45, 0.38, 0.30}, 1.5, 0, 0.8};
    ilrs_plot_polar_horizon(p, az, el, (size_t)naz + 1, &terr);
    ilrs_plot_style sty[3] = {{{0.95, 0.65, 0.05}, 2.0, 0, 0},
                              {{0.15, 0.45, 0.90}, 2.0, 0, 0},
                              {{0.60, 0.20, 0.70}, 1.0, 2, 0}};
    int ntr = st->nsamples && isfinite(st->samples[0].relay_az) ? 3 : 2;
    for (int w = 0; w < ntr; w++) {
        size_t m;
        track(st, w, az, el, lo, &m);
        ilrs_plot_polar_line(p, az, el, m, &sty[w]);
    }
    static const char *labels[4] = {"Sun", "Earth", "relay (first 2 days)",
                                    "terrain"};
    ilrs_plot_style leg[4] = {sty[0], sty[1], sty[2], terr};
    if (ntr == 2)
        leg[2] = terr;
    const char *lab[4] = {labels[0], labels[1],
                          ntr == 3 ? labels[2] : labels[3], labels[3]};
    ilrs_plot_legend(p, lab, leg, (size_t)ntr + 1);
    free(az);
    free(el);
    return ilrs_plot_close(p, err);
}

int ilrs_plot_illum_map(const char *path, const float *sun_frac,
                        const float *psr, int ncol, int nrow, double pixel_km,
                        const char *title, ilrs_error *err)
{
    size_t np = (size_t)ncol * nrow;
    double *z = malloc(sizeof(double) * np), *q = malloc(sizeof(double) * np);
    if (!z || !q) {
        free(z);
        free(q);
        return ilrs_error_set(err, ILRS_ENOMEM, "illumination map");
    }
    /* Grid rows run upwards: flip so the DEM's top row is at the top. */
    for (int j = 0; j < nrow; j++)
        for (int i = 0; i < ncol; i++) {
            size_t s = (size_t)j * ncol + i, d = (size_t)(nrow - 1 - j) * ncol + i;
            z[d] = sun_frac[s];
            q[d] = psr[s];
        }
    ilrs_plot *p;
    int rc = ilrs_plot_open(path, 860, 720, &p, err);
    if (rc) {
        free(z);
        free(q);
        return rc;
    }
    ilrs_plot_title(p, title, "mean visible fraction of the solar disc; "
                              "permanently shadowed pixels outlined");
    ilrs_plot_reserve_colorbar(p);
    double w = ncol * pixel_km, h = nrow * pixel_km;
    ilrs_plot_axis x = {0, w, ILRS_AXIS_LINEAR, "east in the map (km)", NULL,
                        0};
    ilrs_plot_axis y = {0, h, ILRS_AXIS_LINEAR, "north in the map (km)",
                        NULL, 0};
    rc = ilrs_plot_axes(p, &x, &y);
    if (rc) {
        ilrs_plot_discard(p);
        free(z);
        free(q);
        return ilrs_error_set(err, rc, "illumination map axes");
    }
    ilrs_grid g = {z, (size_t)ncol, (size_t)nrow, pixel_km / 2, pixel_km,
                   pixel_km / 2, pixel_km};
    ilrs_plot_image(p, &g, 0.0, 1.0, ILRS_CMAP_INFERNO);
    ilrs_grid gq = g;
    gq.z = q;
    double level = 0.5;
    ilrs_plot_style cyan = {{0.2, 0.9, 1.0}, 1.2, 0, 0};
    ilrs_plot_contour(p, &gq, &level, 1, &cyan, 0);
    ilrs_plot_colorbar(p, 0.0, 1.0, ILRS_CMAP_INFERNO, "sun fraction");
    free(z);
    free(q);
    return ilrs_plot_close(p, err);
}
