/* horizon.c -- horizon profiles by ray casting over a DEM on the sphere. */
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ilrs/constants.h"
#include "ilrs/vec.h"
#include "lunar_int.h"

#define PI 3.14159265358979323846
#define D2R (PI / 180.0)

/* Rays sample the DEM every STEP_PIXELS nominal pixels. */
#define STEP_PIXELS 0.5
/* Pyramid levels (a level-L cell covers 2^L x 2^L pixels). */
#define MAX_LEVELS 20
/* The pyramid is consulted for runs of at least 2^MIN_RUN_LOG2 samples
   (so from sample 2^(MIN_RUN_LOG2+3) on): a bound costs about as much as
   three samples, so shorter runs do not pay for it. */
#define MIN_RUN_LOG2 3

void ilrs_horizon_opts_default(ilrs_horizon_opts *o)
{
    o->naz = 720;
    o->max_dist_km = 0.0;
    o->height_km = 0.0;
}

void ilrs_site_frame(double lat, double lon, double up[3], double north[3],
                     double east[3])
{
    double sl = sin(lat), cl = cos(lat), so = sin(lon), co = cos(lon);
    up[0] = cl * co;
    up[1] = cl * so;
    up[2] = sl;
    north[0] = -sl * co;
    north[1] = -sl * so;
    north[2] = cl;
    east[0] = -so;
    east[1] = co;
    east[2] = 0.0;
}

/* Max-height pyramid: level 0 cell (i, j) is the largest of the four
   pixels a bilinear sample in [i+0.5, i+1.5) x [j+0.5, j+1.5) uses, so
   every sample is bounded by the cell holding floor(col-0.5), floor(row
   -0.5); level L+1 is the max of 2x2 level-L cells. */
typedef struct {
    int nlev;
    int nx[MAX_LEVELS], ny[MAX_LEVELS];
    float *m[MAX_LEVELS];
} pyramid;

static void pyramid_free(pyramid *p)
{
    for (int l = 0; l < p->nlev; l++)
        free(p->m[l]);
    p->nlev = 0;
}

static int pyramid_build(const ilrs_dem *d, pyramid *p)
{
    int nx = d->info.nx, ny = d->info.ny;
    memset(p, 0, sizeof *p);
    p->nx[0] = nx;
    p->ny[0] = ny;
    p->m[0] = malloc((size_t)nx * ny * sizeof(float));
    if (!p->m[0])
        return ILRS_ENOMEM;
    p->nlev = 1;
    for (int j = 0; j < ny; j++)
        for (int i = 0; i < nx; i++) {
            int i1 = i + 1 < nx ? i + 1 : (d->wrap_cols > 0 ? 0 : i);
            int j1 = j + 1 < ny ? j + 1 : j;
            const float *h = d->h;
            float m = fmaxf(fmaxf(h[(size_t)j * nx + i], h[(size_t)j * nx + i1]),
                            fmaxf(h[(size_t)j1 * nx + i], h[(size_t)j1 * nx + i1]));
            p->m[0][(size_t)j * nx + i] = m;
        }
    while (p->nlev < MAX_LEVELS && (p->nx[p->nlev - 1] > 1 ||
                                    p->ny[p->nlev - 1] > 1)) {
        int l = p->nlev, px = p->nx[l - 1], py = p->ny[l - 1];
        int qx = (px + 1) / 2, qy = (py + 1) / 2;
        float *m = malloc((size_t)qx * qy * sizeof(float));
        if (!m) {
            pyramid_free(p);
            return ILRS_ENOMEM;
        }
        for (int j = 0; j < qy; j++)
            for (int i = 0; i < qx; i++) {
                float v = -FLT_MAX;
                for (int b = 2 * j; b < 2 * j + 2 && b < py; b++)
                    for (int a = 2 * i; a < 2 * i + 2 && a < px; a++)
                        v = fmaxf(v, p->m[l - 1][(size_t)b * px + a]);
                m[(size_t)j * qx + i] = v;
            }
        p->m[l] = m;
        p->nx[l] = qx;
        p->ny[l] = qy;
        p->nlev++;
    }
    return ILRS_OK;
}

/* Largest height (m) over level-0 cells [i0, i1] x [j0, j1] (clamped),
   read from the level where the box spans at most 4 cells a side. */
static float pyramid_max(const pyramid *p, int i0, int i1, int j0, int j1)
{
    if (i0 < 0)
        i0 = 0;
    if (j0 < 0)
        j0 = 0;
    if (i1 > p->nx[0] - 1)
        i1 = p->nx[0] - 1;
    if (j1 > p->ny[0] - 1)
        j1 = p->ny[0] - 1;
    int l = 0;
    while (l + 1 < p->nlev && ((i1 >> l) - (i0 >> l) > 3 ||
                               (j1 >> l) - (j0 >> l) > 3))
        l++;
    float v = -FLT_MAX;
    for (int j = j0 >> l; j <= j1 >> l; j++)
        for (int i = i0 >> l; i <= i1 >> l; i++)
            v = fmaxf(v, p->m[l][(size_t)j * p->nx[l] + i]);
    return v;
}

/* One site: its unit vector, tangent frame and radius. */
typedef struct {
    double u[3], n[3], e[3];
    double rs;         /* site radius (km) */
    double step;       /* ray step (rad of arc) */
    long jmax;         /* last sample index */
    double rmax;       /* largest terrain radius (km) */
} site_geom;

/* Upper bound of tan(elevation) of terrain of radius <= r over arc
   distances [d0, d1] seen from radius rs: t = cot d - rs / (r sin d)
   rises while rs cos d > r and falls after. */
static double tan_bound(double rs, double r, double d0, double d1)
{
    double d;
    if (rs * cos(d0) <= r)
        d = d0;
    else if (rs * cos(d1) >= r)
        d = d1;
    else
        d = acos(r / rs);
    return (r * cos(d) - rs) / (r * sin(d));
}

/* Sample index j of ray w: pixel coordinates; 0 or -1 off the raster. */
static int ray_pixel(const ilrs_dem *d, const site_geom *g, const double w[3],
                     long j, double *col, double *row, double *cd,
                     double *sd)
{
    double a = j * g->step;
    *cd = cos(a);
    *sd = sin(a);
    double q[3] = {*cd * g->u[0] + *sd * w[0], *cd * g->u[1] + *sd * w[1],
                   *cd * g->u[2] + *sd * w[2]};
    if (ilrs__dem_unit_to_pixel(d, q, col, row))
        return -1;
    return 0;
}

/* tan(elevation) of the sample at arc distance d (cd = cos d, sd = sin d)
   along ray w, or NAN off the raster. */
static double ray_sample(const ilrs_dem *d, const site_geom *g,
                         const double w[3], double cd, double sd)
{
    double col, row, h;
    double q[3] = {cd * g->u[0] + sd * w[0], cd * g->u[1] + sd * w[1],
                   cd * g->u[2] + sd * w[2]};
    if (ilrs__dem_unit_to_pixel(d, q, &col, &row) ||
        ilrs__dem_sample(d, col, row, &h))
        return NAN;
    double r = d->info.radius_km + h / 1000.0;
    return (r * cd - g->rs) / (r * sd);
}

/* Is the remainder of the ray (from sample j at cos cd, sin sd) provably
   below tmax? Past arc distance acos(r_max / r_s) the bound for the
   highest terrain only falls. */
static int ray_done(const site_geom *g, long j, double cd, double sd,
                    double tmax)
{
    if (j > g->jmax || j * g->step >= PI)
        return 1;
    if (g->rs * cd >= g->rmax)
        return 0;
    return (g->rmax * cd - g->rs) / (g->rmax * sd) < tmax;
}

/* The plain cast: every sample in turn; cos and sin of the arc distance
   advance by the rotation through one step. */
static double ray_plain(const ilrs_dem *d, const site_geom *g,
                        const double w[3])
{
    double tmax = -INFINITY;
    double ce = cos(g->step), se = sin(g->step), cd = ce, sd = se;
    for (long j = 1; !ray_done(g, j, cd, sd, tmax); j++) {
        double t = ray_sample(d, g, w, cd, sd);
        if (isnan(t))
            break;
        if (t > tmax)
            tmax = t;
        double c = cd * ce - sd * se;
        sd = sd * ce + cd * se;
        cd = c;
    }
    return tmax;
}

/* Bound of samples [j, j + len) from the pyramid; +inf when the box
   cannot be formed (off the raster, across the longitude wrap). */
static double seg_bound(const ilrs_dem *d, const pyramid *p,
                        const site_geom *g, const double w[3], long j,
                        long len)
{
    double c0, r0, c1, r1, cd, sd;
    if (ray_pixel(d, g, w, j, &c0, &r0, &cd, &sd) ||
        ray_pixel(d, g, w, j + len - 1, &c1, &r1, &cd, &sd))
        return INFINITY;
    double ext = fmax(fabs(c1 - c0), fabs(r1 - r0));
    /* Pad for the great circle's bow between the end samples: in polar
       stereographic great circles are circles of radius >= 2 R k0 (the
       equator's image passes through the images of any great circle's two
       crossings of the equator), so a chord of L px bows by at most
       L^2 / (8 r) with r = 2 R k0 / pixel size, plus one pixel; in the
       cylindrical projections they bend strongly near the poles. */
    double pad;
    if (d->info.proj == ILRS_PROJ_POLAR_STEREO) {
        double r_px = 2.0 * d->r_m * d->info.k0 / fabs(d->info.gt[1]);
        double len_px = hypot(c1 - c0, r1 - r0);
        pad = 1.0 + len_px * len_px / (8.0 * r_px);
    } else {
        pad = 2.0 + ext / 4.0;
    }
    double lo_c = fmin(c0, c1) - 0.5 - pad, hi_c = fmax(c0, c1) - 0.5 + pad;
    double lo_r = fmin(r0, r1) - 0.5 - pad, hi_r = fmax(r0, r1) - 0.5 + pad;
    if (d->wrap_cols > 0 && (lo_c < 0 || hi_c > d->info.nx - 1))
        return INFINITY;
    /* A box off the raster holds no sample: let the samples say so (and
       keep the casts to int in range). */
    if (!(hi_c >= 0 && lo_c <= d->info.nx && hi_r >= 0 && lo_r <= d->info.ny))
        return INFINITY;
    lo_c = fmax(lo_c, -1.0);
    lo_r = fmax(lo_r, -1.0);
    hi_c = fmin(hi_c, d->info.nx + 1.0);
    hi_r = fmin(hi_r, d->info.ny + 1.0);
    float hm = pyramid_max(p, (int)floor(lo_c), (int)ceil(hi_c),
                           (int)floor(lo_r), (int)ceil(hi_r));
    double r = d->info.radius_km + hm / 1000.0;
    return tan_bound(g->rs, r, j * g->step, (j + len - 1) * g->step);
}

/* The accelerated cast: the same samples as ray_plain. At positions
   aligned to 2^s (with 2^s <= j/8, s >= MIN_RUN_LOG2) one pyramid bound
   decides for the next 2^s samples: skipped when the bound is below the
   current maximum, else evaluated one by one. Skipped samples cannot change the maximum, so the
   result is ray_plain's. */
static double ray_pyramid(const ilrs_dem *d, const pyramid *p,
                          const site_geom *g, const double w[3])
{
    double tmax = -INFINITY;
    double ce = cos(g->step), se = sin(g->step);
    long j = 1;
    for (;;) {
        double cd = cos(j * g->step), sd = sin(j * g->step);
        if (ray_done(g, j, cd, sd, tmax))
            return tmax;
        int s = 0;
        while (s < 16 && (j & ((2L << s) - 1)) == 0 && (2L << s) * 8 <= j)
            s++;
        long n = 1L << s;
        if (s >= MIN_RUN_LOG2 && seg_bound(d, p, g, w, j, n) < tmax) {
            j += n;
            continue;
        }
        for (long k = 0; k < n; k++, j++) {
            if (j > g->jmax)
                return tmax;
            double t = ray_sample(d, g, w, cd, sd);
            if (isnan(t))
                return tmax;
            if (t > tmax)
                tmax = t;
            double c = cd * ce - sd * se;
            sd = sd * ce + cd * se;
            cd = c;
        }
    }
}

static int site_setup(const ilrs_dem *d, double lat, double lon,
                      const ilrs_horizon_opts *o, site_geom *g,
                      double *terrain_km, ilrs_error *err)
{
    if (!(fabs(lat) <= PI / 2) || !isfinite(lon))
        return ilrs_error_set(err, ILRS_EINVAL,
                              "latitude %g deg out of range [-90, 90]",
                              lat / D2R);
    if (o->naz < 4 || !(o->height_km >= 0.0))
        return ilrs_error_set(err, ILRS_EINVAL, "bad horizon options "
                              "(azimuths %d, height %g km)", o->naz,
                              o->height_km);
    ilrs_site_frame(lat, lon, g->u, g->n, g->e);
    double h = 0.0;
    double R = d ? d->info.radius_km : ILRS_MOON_RADIUS_KM;
    if (d) {
        int st = ilrs_dem_height(d, lat, lon, &h, err);
        if (st)
            return st;
        g->step = STEP_PIXELS * d->info.pixel_km / R;
        g->rmax = R + d->info.hmax_m / 1000.0;
        double dist = o->max_dist_km > 0 ? o->max_dist_km : PI * R;
        double jm = dist / R / g->step;  /* step > 0: dem.c checks */
        g->jmax = jm < 1e9 ? (long)jm : 1000000000L;
    }
    if (terrain_km)
        *terrain_km = h;
    g->rs = R + h + o->height_km;
    return ILRS_OK;
}

int ilrs_horizon_site(const ilrs_dem *d, double lat, double lon,
                      const ilrs_horizon_opts *o, double *elev,
                      double *terrain_km, ilrs_error *err)
{
    ilrs_horizon_opts def;
    if (!o) {
        ilrs_horizon_opts_default(&def);
        o = &def;
    }
    if (!elev)
        return ilrs_error_set(err, ILRS_EINVAL, "no output array");
    site_geom g;
    int st = site_setup(d, lat, lon, o, &g, terrain_km, err);
    if (st)
        return st;
    for (int k = 0; k < o->naz; k++) {
        if (!d) { /* the geometric dip of a smooth sphere */
            elev[k] = -acos(ILRS_MOON_RADIUS_KM / g.rs);
            continue;
        }
        double az = 2.0 * PI * k / o->naz, ca = cos(az), sa = sin(az);
        double w[3] = {ca * g.n[0] + sa * g.e[0], ca * g.n[1] + sa * g.e[1],
                       ca * g.n[2] + sa * g.e[2]};
        double t = ray_plain(d, &g, w);
        double dip = -acos(d->info.radius_km / g.rs);
        elev[k] = isfinite(t) ? atan(t) : dip;
    }
    return ILRS_OK;
}

typedef struct {
    const ilrs_dem *d;
    const pyramid *p;
    const ilrs_horizon_opts *o;
    int col0, row0, ncol;
    float *out;
} map_job;

static int map_range(void *ctx, size_t begin, size_t end)
{
    map_job *m = ctx;
    const ilrs_dem *d = m->d;
    int naz = m->o->naz;
    for (size_t k = begin; k < end; k++) {
        int i = (int)(k % (size_t)m->ncol), j = (int)(k / (size_t)m->ncol);
        double lat, lon;
        site_geom g;
        ilrs_dem_pixel_to_latlon(d, m->col0 + i + 0.5, m->row0 + j + 0.5,
                                 &lat, &lon);
        int st = site_setup(d, lat, lon, m->o, &g, NULL, NULL);
        if (st)
            return st;
        double dip = -acos(d->info.radius_km / g.rs);
        float *out = m->out + k * (size_t)naz;
        for (int a = 0; a < naz; a++) {
            double az = 2.0 * PI * a / naz, ca = cos(az), sa = sin(az);
            double w[3] = {ca * g.n[0] + sa * g.e[0],
                           ca * g.n[1] + sa * g.e[1],
                           ca * g.n[2] + sa * g.e[2]};
            double t = m->p ? ray_pyramid(d, m->p, &g, w)
                            : ray_plain(d, &g, w);
            out[a] = (float)(isfinite(t) ? atan(t) : dip);
        }
    }
    return ILRS_OK;
}

int ilrs_horizon_map(const ilrs_dem *d, int col0, int row0, int ncol,
                     int nrow, const ilrs_horizon_opts *o, int nthreads,
                     float *out, ilrs_error *err)
{
    ilrs_horizon_opts def;
    if (!o) {
        ilrs_horizon_opts_default(&def);
        o = &def;
    }
    if (!d || col0 < 0 || row0 < 0 || ncol < 1 || nrow < 1 ||
        col0 + ncol > d->info.nx || row0 + nrow > d->info.ny)
        return ilrs_error_set(err, ILRS_EINVAL, "window %d,%d,%d,%d is "
                              "outside the DEM", col0, row0, ncol, nrow);
    if (o->naz < 4)
        return ilrs_error_set(err, ILRS_EINVAL, "azimuths %d < 4", o->naz);
    /* The pyramid pays in polar stereographic, where a run's box is tight
       (1.5 px pad); in the cylindrical projections the boxes near the
       poles span many columns, bounds rarely skip, and the plain cast was
       measured faster (bench/horizon: 0.74-0.83x with the pyramid on
       LDEM_4, 1.38x on ldem_6_cut). */
    pyramid p;
    int use = d->info.proj == ILRS_PROJ_POLAR_STEREO;
    if (use && pyramid_build(d, &p))
        return ilrs_error_set(err, ILRS_ENOMEM, "horizon pyramid");
    map_job m = {d, use ? &p : NULL, o, col0, row0, ncol, out};
    int st = ilrs_parallel_for((size_t)ncol * nrow, nthreads, map_range, &m);
    if (use)
        pyramid_free(&p);
    if (st < 0 && st != ILRS_ENOMEM)
        return ilrs_error_set(err, st, "horizon map failed");
    return ILRS_OK;
}

/* The sample k at or below azimuth az (rad) on a ring of naz samples, and
   the fraction f of the way to sample k + 1. */
static int azimuth_cell(int naz, double az, double *f)
{
    double x = fmod(az / (2.0 * PI) * naz, (double)naz);
    if (x < 0)
        x += naz;
    int k = (int)x;
    if (k >= naz)
        k = naz - 1;
    *f = x - k;
    return k;
}

double ilrs_horizon_at(const double *elev, int naz, double az)
{
    double f;
    int k = azimuth_cell(naz, az, &f);
    return elev[k] * (1 - f) + elev[(k + 1) % naz] * f;
}

double ilrs__horizon_at_f(const float *elev, int naz, double az)
{
    double f;
    int k = azimuth_cell(naz, az, &f);
    return elev[k] * (1 - f) + elev[(k + 1) % naz] * f;
}

/* Disc over strips: strip centre x (rad across), chord from el - c to
   el + c; the part above the horizon at that azimuth is visible. */
#define DISC_STRIPS 32

static double disc_generic(const void *elev, int is_float, int naz, double az,
                           double el, double rho)
{
    double ce = cos(el), area = 0.0, vis = 0.0;
    if (ce < 1e-6)
        ce = 1e-6;
    for (int s = 0; s < DISC_STRIPS; s++) {
        double x = rho * (-1.0 + (2.0 * s + 1.0) / DISC_STRIPS);
        double c = sqrt(fmax(0.0, rho * rho - x * x));
        double a = az + x / ce;
        double h = is_float ? ilrs__horizon_at_f(elev, naz, a)
                            : ilrs_horizon_at(elev, naz, a);
        double lo = fmax(el - c, h), hi = el + c;
        area += 2.0 * c;
        if (hi > lo)
            vis += hi - lo;
    }
    return area > 0 ? vis / area : 0.0;
}

double ilrs_disc_visible(const double *elev, int naz, double az, double el,
                         double rho)
{
    return disc_generic(elev, 0, naz, az, el, rho);
}

double ilrs_disc_visible_f(const float *elev, int naz, double az, double el,
                           double rho)
{
    return disc_generic(elev, 1, naz, az, el, rho);
}
