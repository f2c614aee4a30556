/* cli_lunar_util.c -- pieces `ilrs site`, `ilrs lunar-transfer` and
   `ilrs plan` share: a site's horizon and query, a lunar transfer as an
   OEM file. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "ilrs/oem.h"

int cli_site_setup(const ilrs_dem *dem, double lat, double lon,
                   const ilrs_horizon_opts *ho, double *horizon,
                   double *terrain_km, ilrs_site_query *q, ilrs_error *err)
{
    int st = ilrs_horizon_site(dem, lat, lon, ho, horizon, terrain_km, err);
    if (st)
        return st;
    q->lat = lat;
    q->lon = lon;
    q->horizon = horizon;
    q->naz = ho->naz;
    q->min_el = -INFINITY;  /* no link mask unless the caller sets one */
    q->site_radius_km = 1737.4 + *terrain_km + ho->height_km;
    if (dem) {
        ilrs_dem_info in;
        ilrs_dem_get_info(dem, &in);
        q->site_radius_km = in.radius_km + *terrain_km + ho->height_km;
    }
    return 0;
}

typedef struct {
    double *t;
    double (*x)[6];
    size_t n, cap;
} oem_buf;

static int collect(void *ctx, double t, const double x[6])
{
    oem_buf *s = ctx;
    if (s->n == s->cap) {
        size_t cap = s->cap ? 2 * s->cap : 1024;
        double *nt = realloc(s->t, cap * sizeof *nt);
        if (nt)
            s->t = nt;
        double(*nx)[6] = realloc(s->x, cap * sizeof *nx);
        if (nx)
            s->x = nx;
        if (!nt || !nx)
            return ILRS_ENOMEM;
        s->cap = cap;
    }
    s->t[s->n] = t;
    memcpy(s->x[s->n], x, sizeof s->x[0]);
    s->n++;
    return 0;
}

int cli_lunar_transfer_oem(const char *path, const ilrs_ephem *eph,
                           const ilrs_lunar_transfer *t, const char *object,
                           const char *object_id, const char *comment,
                           ilrs_error *err)
{
    oem_buf s = {0};
    int st = ilrs_lunar_transfer_sample(eph, t, 600.0, collect, &s, err);
    if (st >= 0) {
        ilrs_oem_segment seg = {object, object_id, "EARTH", "EME2000", "TDB",
                                comment, s.t, (const double(*)[6])s.x, s.n,
                                7};
        st = ilrs_oem_write(path, NULL, &seg, 1, err);
    }
    free(s.t);
    free(s.x);
    return st;
}
