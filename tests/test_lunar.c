/*
 * test_lunar.c -- DEM reading, horizons on synthetic and real terrain.
 *
 * Synthetic DEMs (a flat-floored crater, a cone) are written as GeoTIFFs
 * with GDAL here, in south polar stereographic on the 1737.4 km sphere, so
 * the horizon angles they must give follow from plane geometry plus the
 * sphere's curvature. Real DEMs come from $ILRS_DATA/lunar/.
 */
#include <cpl_conv.h>
#include <gdal.h>
#include <ogr_srs_api.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "ilrs/constants.h"
#include "ilrs/lunar.h"

/* ThreadSanitizer (make test-tsan) reads this hook: GDAL takes two of its
   own mutexes in both orders inside GDALOpen, which TSan reports as a
   potential deadlock in libgdal; the opens here are single-threaded and the
   threaded horizon code never calls GDAL. Unused in other builds. */
const char *__tsan_default_suppressions(void);
const char *__tsan_default_suppressions(void)
{
    return "deadlock:libgdal.so\n";
}

#define PI 3.14159265358979323846
#define D2R (PI / 180.0)
#define R_M (ILRS_MOON_RADIUS_KM * 1000.0)

/* Synthetic DEM: N x N pixels of PX m centred on the south pole. */
#define N 201
#define PX 100.0

typedef double (*shape_fn)(double x, double y);

static int write_dem(const char *path, shape_fn f)
{
    GDALAllRegister();
    GDALDriverH drv = GDALGetDriverByName("GTiff");
    GDALDatasetH ds = GDALCreate(drv, path, N, N, 1, GDT_Float32, NULL);
    if (!ds)
        return -1;
    double x0 = -N * PX / 2.0, y0 = N * PX / 2.0;
    double gt[6] = {x0, PX, 0, y0, 0, -PX};
    GDALSetGeoTransform(ds, gt);
    OGRSpatialReferenceH srs = OSRNewSpatialReference(NULL);
    OSRImportFromProj4(srs, "+proj=stere +lat_0=-90 +lon_0=0 +k=1 "
                            "+R=1737400 +units=m +no_defs");
    char *wkt = NULL;
    OSRExportToWkt(srs, &wkt);
    GDALSetProjection(ds, wkt);
    CPLFree(wkt);
    OSRDestroySpatialReference(srs);
    float *buf = malloc(sizeof(float) * N * N);
    for (int j = 0; j < N; j++)
        for (int i = 0; i < N; i++)
            buf[j * N + i] =
                (float)f(x0 + (i + 0.5) * PX, y0 - (j + 0.5) * PX);
    CPLErr e = GDALRasterIO(GDALGetRasterBand(ds, 1), GF_Write, 0, 0, N, N,
                            buf, N, N, GDT_Float32, 0, 0);
    free(buf);
    GDALClose(ds);
    return e == CE_None ? 0 : -1;
}

/* Flat floor inside radius A, plateau of height H outside. */
#define CR_A 3000.0
#define CR_H 500.0
static double crater(double x, double y)
{
    return hypot(x, y) < CR_A ? 0.0 : CR_H;
}

/* Cone of height H, base radius B, apex at (CX, 0); flat elsewhere. */
#define CO_H 1000.0
#define CO_B 2000.0
#define CO_X 3000.0
static double cone(double x, double y)
{
    double r = hypot(x - CO_X, y);
    return r < CO_B ? CO_H * (1.0 - r / CO_B) : 0.0;
}

/* Elevation of a point of height h (m) at ground distance s (m) seen from
   the surface of the sphere: the sphere's curvature lowers it. */
static double geo_elev(double h, double s)
{
    double d = s / R_M, r = R_M + h;
    return atan2(r * cos(d) - R_M, r * sin(d));
}

static void test_crater(const char *dir)
{
    char path[512];
    snprintf(path, sizeof path, "%s/crater.tif", dir);
    if (!check_true("write crater GeoTIFF", write_dem(path, crater) == 0,
                    "GDAL GTiff driver"))
        return;
    ilrs_dem *d;
    ilrs_error err;
    int st = ilrs_dem_open(path, &d, &err);
    check_int("open crater", st, ILRS_OK, err.msg);
    if (st)
        return;
    double lat, lon;
    ilrs_dem_pixel_to_latlon(d, N / 2.0, N / 2.0, &lat, &lon);
    check_close("crater centre latitude", lat / D2R, -90.0, 1e-9,
                "raster centre is the projection's pole");
    double h[720];
    ilrs_horizon_opts o;
    ilrs_horizon_opts_default(&o);
    /* An observer at the pole would have no "north"; stand 1 m off it. */
    double slat = -PI / 2 + 1.0 / R_M;
    st = ilrs_horizon_site(d, slat, 0.0, &o, h, NULL, &err);
    check_int("crater horizon status", st, ILRS_OK, err.msg);
    /* On the raster the rim is a staircase of pixels whose centres lie
       within half a diagonal (0.71 px) of the circle, and bilinear
       sampling ramps each step over up to one more diagonal (1.41 px):
       every azimuth must see the rim at an angle between those of a rim
       2 pixels nearer or farther. */
    double lo = INFINITY, hi = -INFINITY;
    for (int k = 0; k < 720; k++) {
        lo = fmin(lo, h[k]);
        hi = fmax(hi, h[k]);
    }
    double want = geo_elev(CR_H, CR_A);
    double far = geo_elev(CR_H, CR_A + 2.0 * PX);
    double near = geo_elev(CR_H, CR_A - 2.0 * PX);
    check_close("crater rim elevation, lowest of 720 azimuths (rad)", lo,
                want, want - far, "atan2 geometry of a rim 3 km away, 500 m "
                "high, on the 1737.4 km sphere; 2 pixels");
    check_close("crater rim elevation, highest of 720 azimuths (rad)", hi,
                want, near - want, "same geometry; 2 pixels");
    double tol = near - want;
    /* The same with the observer 200 m up on a mast. */
    o.height_km = 0.2;
    ilrs_horizon_site(d, slat, 0.0, &o, h, NULL, &err);
    double r = R_M + CR_H, s = CR_A / R_M, rs = R_M + 200.0;
    want = atan2(r * cos(s) - rs, r * sin(s));
    check_close("crater rim from a 200 m mast (rad)", h[100], want, tol,
                "geometry, observer height above terrain");
    /* The pyramid-accelerated map (polar stereographic) over a window
       across the crater rim equals the plain cast pixel by pixel. */
    o.height_km = 0.0;
    int c0 = 60, r0 = 90, nc = 24, nr = 8;
    float *map = malloc(sizeof(float) * nc * nr * o.naz);
    st = ilrs_horizon_map(d, c0, r0, nc, nr, &o, 0, map, &err);
    check_int("crater horizon map status", st, ILRS_OK, err.msg);
    double worst_map = 0;
    for (int j = 0; j < nr; j++)
        for (int i = 0; i < nc; i++) {
            double pla, plo;
            ilrs_dem_pixel_to_latlon(d, c0 + i + 0.5, r0 + j + 0.5, &pla,
                                     &plo);
            ilrs_horizon_site(d, pla, plo, &o, h, NULL, NULL);
            for (int k = 0; k < o.naz; k++)
                worst_map = fmax(worst_map,
                                 fabs(map[(j * nc + i) * o.naz + k] - h[k]));
        }
    free(map);
    check_close("crater map vs single-site, worst pixel and azimuth (rad)",
                worst_map, 0.0, 1e-6, "plain ray cast on every sample");
    /* Threads: 640 pixels is enough for ilrs_parallel_for to split the
       work (256 per thread); the result must not depend on the split. */
    ilrs_horizon_opts o2 = o;
    o2.naz = 16;
    size_t n2 = 32 * 20 * 16;
    float *m1 = malloc(sizeof(float) * n2), *m2 = malloc(sizeof(float) * n2);
    int s1 = ilrs_horizon_map(d, 80, 80, 32, 20, &o2, 1, m1, &err);
    int s2 = ilrs_horizon_map(d, 80, 80, 32, 20, &o2, 4, m2, &err);
    check_true("crater map on 4 threads = on 1 thread",
               s1 == 0 && s2 == 0 && memcmp(m1, m2, sizeof(float) * n2) == 0,
               "each pixel is computed by one thread alone");
    free(m1);
    free(m2);
    ilrs_dem_close(d);
}

static void test_cone(const char *dir)
{
    char path[512];
    snprintf(path, sizeof path, "%s/cone.tif", dir);
    if (!check_true("write cone GeoTIFF", write_dem(path, cone) == 0,
                    "GDAL GTiff driver"))
        return;
    ilrs_dem *d;
    ilrs_error err;
    if (ilrs_dem_open(path, &d, &err)) {
        check_true("open cone", 0, err.msg);
        return;
    }
    /* Site at x = -3000 m on the y = 0 line: lon -90 deg; the cone's apex
       lies 6 km away across the pole, i.e. due south (azimuth 180). */
    double lat, lon, h[720];
    double col = (N / 2.0) - 3000.0 / PX, row = N / 2.0;
    ilrs_dem_pixel_to_latlon(d, col, row, &lat, &lon);
    check_close("cone site longitude (deg)", lon / D2R, -90.0, 1e-9,
                "x = rho sin(lon), y = rho cos(lon) (Snyder 21-5,21-6)");
    int st = ilrs_horizon_site(d, lat, lon, NULL, h, NULL, &err);
    check_int("cone horizon status", st, ILRS_OK, err.msg);
    double want = geo_elev(CO_H, CO_X + 3000.0);
    /* Samples are half a pixel apart: the apex may fall between two, which
       lowers the peak by at most slope x step / distance. */
    double tol = CO_H / CO_B * (PX / 2) / (CO_X + 3000.0);
    check_close("cone apex elevation at azimuth 180 (rad)", h[360], want, tol,
                "atan2 geometry, apex 1 km high 6 km away");
    /* Away from the cone the ground is the bare sphere: elevation of the
       nearest sample, half a pixel away, -s/(2R). */
    check_close("flat side elevation at azimuth 0 (rad)", h[0],
                geo_elev(0.0, PX / 2), 1e-6, "curvature of the sphere");
    ilrs_dem_close(d);
}

static void test_smooth(void)
{
    double h[8];
    ilrs_horizon_opts o;
    ilrs_horizon_opts_default(&o);
    o.naz = 8;
    o.height_km = 0.002;
    ilrs_error err;
    int st = ilrs_horizon_site(NULL, -PI / 4, 0.3, &o, h, NULL, &err);
    check_int("smooth sphere status", st, ILRS_OK, err.msg);
    /* Dip of the horizon from height h on a sphere: sqrt(2h/R) to first
       order (any navigation text); tolerance is the second-order term. */
    double dip = sqrt(2 * 2.0 / R_M);
    check_close("smooth sphere dip, 2 m mast (rad)", -h[3], dip, 1e-3 * dip,
                "dip = sqrt(2h/R)");
    st = ilrs_horizon_site(NULL, 95 * D2R, 0, &o, h, NULL, &err);
    check_int("latitude 95 deg rejected", st, ILRS_EINVAL, err.msg);
}

static void test_real(const char *data, const char *dir)
{
    char path[512];
    ilrs_dem *d;
    ilrs_error err;
    snprintf(path, sizeof path, "%s/lunar/LDEM_4.LBL", data);
    int st = ilrs_dem_open(path, &d, &err);
    check_int("open LDEM_4.LBL", st, ILRS_OK, err.msg);
    if (st)
        return;
    ilrs_dem_info in;
    ilrs_dem_get_info(d, &in);
    check_int("LDEM_4 columns", in.nx, 1440, "label LINE_SAMPLES");
    double lat, lon;
    ilrs_dem_pixel_to_latlon(d, 0.5, 0.5, &lat, &lon);
    /* Label: 4 px/deg, LINE_PROJECTION_OFFSET 359.5, SAMPLE_PROJECTION_
       OFFSET 719.5, centre longitude 180: first pixel centre 89.875 N,
       0.125 E. The label's 7580.84 m pixel differs from 2 pi R/1440 by
       4e-7 relative: 1.3e-4 deg at the pole. */
    check_close("LDEM_4 first pixel latitude (deg)", lat / D2R, 89.875, 2e-4,
                "PDS label projection offsets");
    check_close("LDEM_4 first pixel longitude (deg)", lon / D2R, 0.125, 2e-4,
                "PDS label projection offsets");
    double hk;
    st = ilrs_dem_height(d, 0.0, 0.0, &hk, NULL);
    check_true("LDEM_4 height at 0,0 within the DEM's range",
               st == 0 && hk * 1000 >= in.hmin_m && hk * 1000 <= in.hmax_m,
               "bilinear stays inside its corners");

    /* Horizon map near the south pole equals the single-site cast. */
    ilrs_horizon_opts o;
    ilrs_horizon_opts_default(&o);
    int c0 = 600, r0 = 712, nc = 12, nr = 6;
    float *map = malloc(sizeof(float) * nc * nr * o.naz);
    double h[720];
    st = ilrs_horizon_map(d, c0, r0, nc, nr, &o, 0, map, &err);
    check_int("LDEM_4 horizon map status", st, ILRS_OK, err.msg);
    double worst = 0;
    for (int j = 0; j < nr; j++)
        for (int i = 0; i < nc; i++) {
            ilrs_dem_pixel_to_latlon(d, c0 + i + 0.5, r0 + j + 0.5, &lat,
                                     &lon);
            ilrs_horizon_site(d, lat, lon, &o, h, NULL, NULL);
            for (int k = 0; k < o.naz; k++)
                worst = fmax(worst,
                             fabs(map[(j * nc + i) * o.naz + k] - h[k]));
        }
    /* Both take the same samples; the map only skips provably lower
       stretches, so they agree to float rounding (1e-6 rad). */
    check_close("LDEM_4 map vs single-site, worst pixel and azimuth (rad)",
                worst, 0.0, 1e-6, "plain ray cast on every sample");
    free(map);
    st = ilrs_horizon_map(d, 1430, 0, 20, 2, &o, 0, NULL, &err);
    check_int("map window outside the DEM", st, ILRS_EINVAL, err.msg);
    ilrs_dem_close(d);

    snprintf(path, sizeof path, "%s/lunar/ldem_6_cut.tif", data);
    st = ilrs_dem_open(path, &d, &err);
    check_int("open ldem_6_cut.tif", st, ILRS_OK, err.msg);
    if (st)
        return;
    o.max_dist_km = 0.15;
    nc = 10;
    nr = 10;
    c0 = 495;
    r0 = 495;
    map = malloc(sizeof(float) * nc * nr * o.naz);
    ilrs_horizon_map(d, c0, r0, nc, nr, &o, 0, map, &err);
    worst = 0;
    for (int j = 0; j < nr; j++)
        for (int i = 0; i < nc; i++) {
            ilrs_dem_pixel_to_latlon(d, c0 + i + 0.5, r0 + j + 0.5, &lat,
                                     &lon);
            ilrs_horizon_site(d, lat, lon, &o, h, NULL, NULL);
            for (int k = 0; k < o.naz; k++)
                worst = fmax(worst,
                             fabs(map[(j * nc + i) * o.naz + k] - h[k]));
        }
    check_close("ldem_6 map vs single-site, worst (rad)", worst, 0.0, 1e-6,
                "plain ray cast on every sample");
    free(map);
    st = ilrs_horizon_site(d, 0.0, 0.0, NULL, h, NULL, &err);
    check_int("site outside ldem_6", st, ILRS_ERANGE, err.msg);
    check_contains("outside message names the DEM", err.msg, "ldem_6_cut",
                   "error detail");
    ilrs_dem_close(d);

    st = ilrs_dem_open("no/such/dem.tif", &d, &err);
    check_int("missing DEM", st, ILRS_EIO, err.msg);
    check_contains("missing DEM named", err.msg, "no/such/dem.tif",
                   "error detail");
    snprintf(path, sizeof path, "%s/notadem.tif", dir);
    FILE *f = fopen(path, "w");
    if (f) {
        fputs("II*\0 this is not a TIFF\n", f);
        fclose(f);
    }
    st = ilrs_dem_open(path, &d, &err);
    remove(path);
    check_true("non-DEM file refused", st < 0, err.msg);
}

int main(void)
{
    const char *data = getenv("ILRS_DATA");
    char dir[] = "/tmp/ilrs_lunar_XXXXXX";
    if (!mkdtemp(dir))
        return 1;
    test_smooth();
    test_crater(dir);
    test_cone(dir);
    if (data && *data)
        test_real(data, dir);
    else
        check_true("ILRS_DATA set", 0, "ctest sets it");
    char p[600];
    snprintf(p, sizeof p, "%s/crater.tif", dir);
    remove(p);
    snprintf(p, sizeof p, "%s/cone.tif", dir);
    remove(p);
    remove(dir);
    return check_done();
}
