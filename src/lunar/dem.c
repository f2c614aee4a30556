/* dem.c -- digital elevation models read with GDAL; pixel <-> lat/lon. */
#include <gdal.h>
#include <cpl_conv.h>
#include <cpl_error.h>
#include <ogr_srs_api.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ilrs/constants.h"
#include "lunar_int.h"

#define PI 3.14159265358979323846
#define D2R (PI / 180.0)

/* A DEM's sphere must be the Moon's to within this (km): LOLA uses
   1737.4 km; other lunar spheres (1737.15, 1738) are accepted. */
#define MOON_SPHERE_TOL_KM 50.0

/* Pixel sizes a lunar DEM can have (km): 1 mm to 1000 km. Outside them the
   georeferencing is broken and ray steps would be meaningless. */
#define MIN_PIXEL_KM 1e-6
#define MAX_PIXEL_KM 1000.0

static double wrap_pi(double a)
{
    a = fmod(a, 2.0 * PI);
    if (a > PI)
        a -= 2.0 * PI;
    else if (a <= -PI)
        a += 2.0 * PI;
    return a;
}

static char *dup_str(const char *s)
{
    size_t n = strlen(s) + 1;
    char *p = malloc(n);
    if (p)
        memcpy(p, s, n);
    return p;
}

/* Projection parameters from the file's spatial reference. */
static int read_projection(ilrs_dem *d, OGRSpatialReferenceH srs,
                           ilrs_error *err)
{
    ilrs_dem_info *in = &d->info;
    OGRErr oe;
    d->r_m = OSRGetSemiMajor(srs, &oe);
    if (oe != OGRERR_NONE ||
        fabs(d->r_m / 1000.0 - ILRS_MOON_RADIUS_KM) > MOON_SPHERE_TOL_KM)
        return ilrs_error_set(err, ILRS_EFORMAT,
                              "%s: not on a lunar sphere (radius %.1f km)",
                              d->path, d->r_m / 1000.0);
    in->radius_km = d->r_m / 1000.0;
    in->k0 = 1.0;
    if (OSRIsGeographic(srs)) {
        in->proj = ILRS_PROJ_GEOGRAPHIC;
        return ILRS_OK;
    }
    const char *p = OSRGetAttrValue(srs, "PROJECTION", 0);
    if (!p)
        p = "(none)";
    double lat_o = OSRGetProjParm(srs, SRS_PP_LATITUDE_OF_ORIGIN, 0, NULL);
    in->lon0 = OSRGetProjParm(srs, SRS_PP_CENTRAL_MERIDIAN, 0, NULL) * D2R;
    if (OSRGetProjParm(srs, SRS_PP_FALSE_EASTING, 0, NULL) != 0.0 ||
        OSRGetProjParm(srs, SRS_PP_FALSE_NORTHING, 0, NULL) != 0.0)
        return ilrs_error_set(err, ILRS_EUNSUPPORTED,
                              "%s: false easting/northing not supported",
                              d->path);
    if (strcmp(p, SRS_PT_EQUIRECTANGULAR) == 0) {
        in->proj = ILRS_PROJ_EQUIRECT;
        in->lat0 = lat_o * D2R;
        in->lat_ts =
            OSRGetProjParm(srs, SRS_PP_STANDARD_PARALLEL_1, 0, NULL) * D2R;
        return ILRS_OK;
    }
    if (strcmp(p, SRS_PT_POLAR_STEREOGRAPHIC) == 0 ||
        strcmp(p, "Stereographic_South_Pole") == 0 ||
        strcmp(p, "Stereographic_North_Pole") == 0) {
        in->proj = ILRS_PROJ_POLAR_STEREO;
        if (strcmp(p, SRS_PT_POLAR_STEREOGRAPHIC) != 0)
            lat_o = OSRGetProjParm(srs, SRS_PP_STANDARD_PARALLEL_1, 0, NULL);
        in->south = lat_o < 0;
        if (fabs(fabs(lat_o) - 90.0) < 1e-9) {
            in->k0 = OSRGetProjParm(srs, SRS_PP_SCALE_FACTOR, 1.0, NULL);
            in->lat_ts = in->south ? -PI / 2 : PI / 2;
        } else { /* variant B: true scale at lat_o (Snyder 21-7, sphere) */
            in->lat_ts = lat_o * D2R;
            in->k0 = (1.0 + fabs(sin(in->lat_ts))) / 2.0;
        }
        in->lat0 = in->south ? -PI / 2 : PI / 2;
        return ILRS_OK;
    }
    return ilrs_error_set(err, ILRS_EUNSUPPORTED,
                          "%s: projection '%s' not supported (polar "
                          "stereographic, simple cylindrical, geographic)",
                          d->path, p);
}

/* Heights (m above the sphere) from the band's values, scale and offset;
   no-data pixels take the mean of the valid ones. */
static int read_heights(ilrs_dem *d, GDALRasterBandH b, ilrs_error *err)
{
    size_t n = (size_t)d->info.nx * (size_t)d->info.ny;
    d->h = malloc(n * sizeof *d->h);
    if (!d->h)
        return ilrs_error_set(err, ILRS_ENOMEM, "%s: %zu pixels", d->path, n);
    if (GDALRasterIO(b, GF_Read, 0, 0, d->info.nx, d->info.ny, d->h,
                     d->info.nx, d->info.ny, GDT_Float32, 0, 0) != CE_None)
        return ilrs_error_set(err, ILRS_EIO, "%s: cannot read pixels: %s",
                              d->path, CPLGetLastErrorMsg());
    int has_scale = 0, has_off = 0, has_nd = 0;
    double scale = GDALGetRasterScale(b, &has_scale);
    double off = GDALGetRasterOffset(b, &has_off);
    double nd = GDALGetRasterNoDataValue(b, &has_nd);
    if (!has_scale || scale == 0.0)
        scale = 1.0;
    if (!has_off)
        off = 0.0;
    const char *unit = GDALGetRasterUnitType(b);
    if (unit && (strcmp(unit, "km") == 0 || strcmp(unit, "KILOMETER") == 0)) {
        scale *= 1000.0;
        off *= 1000.0;
    }
    /* An offset near the sphere's radius makes the values radii (LOLA). */
    if (fabs(off - d->r_m) < MOON_SPHERE_TOL_KM * 1000.0)
        off -= d->r_m;
    double sum = 0, hmin = INFINITY, hmax = -INFINITY;
    size_t nvalid = 0;
    for (size_t i = 0; i < n; i++) {
        double v = d->h[i];
        if (!isfinite(v) || (has_nd && v == (double)(float)nd)) {
            d->h[i] = NAN;
            continue;
        }
        v = v * scale + off;
        d->h[i] = (float)v;
        sum += v;
        nvalid++;
        hmin = fmin(hmin, v);
        hmax = fmax(hmax, v);
    }
    if (nvalid == 0)
        return ilrs_error_set(err, ILRS_EFORMAT, "%s: no valid pixels",
                              d->path);
    float mean = (float)(sum / (double)nvalid);
    for (size_t i = 0; i < n; i++)
        if (isnan(d->h[i]))
            d->h[i] = mean;
    d->info.hmin_m = hmin;
    d->info.hmax_m = hmax;
    return ILRS_OK;
}

/* Nominal ground size of a pixel (km) and the longitude wrap. */
static void set_scale(ilrs_dem *d)
{
    ilrs_dem_info *in = &d->info;
    double R = in->radius_km;
    d->wrap_cols = 0;
    if (in->proj == ILRS_PROJ_GEOGRAPHIC) {
        in->pixel_km = fabs(in->gt[5]) * D2R * R;
        if (fabs(in->nx * fabs(in->gt[1]) - 360.0) < 1e-6 * 360.0)
            d->wrap_cols = in->nx;
    } else if (in->proj == ILRS_PROJ_EQUIRECT) {
        in->pixel_km = fabs(in->gt[5]) / 1000.0;
        double full = 2.0 * PI * d->r_m * cos(in->lat_ts);
        if (fabs(in->nx * fabs(in->gt[1]) - full) < 1e-6 * full)
            d->wrap_cols = in->nx;
    } else {
        double lat, lon;
        ilrs_dem_pixel_to_latlon(d, in->nx / 2.0, in->ny / 2.0, &lat, &lon);
        double sp = in->south ? -sin(lat) : sin(lat);
        double k = 2.0 * in->k0 / (1.0 + sp); /* Snyder 21-4 */
        in->pixel_km = fabs(in->gt[1]) / 1000.0 / k;
    }
}

static int open_dataset(ilrs_dem *d, GDALDatasetH ds, ilrs_error *err)
{
    ilrs_dem_info *in = &d->info;
    in->nx = GDALGetRasterXSize(ds);
    in->ny = GDALGetRasterYSize(ds);
    if (GDALGetRasterCount(ds) < 1 || in->nx < 2 || in->ny < 2)
        return ilrs_error_set(err, ILRS_EFORMAT, "%s: no raster band of at "
                              "least 2x2 pixels", d->path);
    if ((double)in->nx * in->ny > (double)ILRS_DEM_MAX_PIXELS)
        return ilrs_error_set(err, ILRS_ELIMIT, "%s: %d x %d pixels exceeds "
                              "the limit of %ld", d->path, in->nx, in->ny,
                              (long)ILRS_DEM_MAX_PIXELS);
    if (GDALGetGeoTransform(ds, in->gt) != CE_None)
        return ilrs_error_set(err, ILRS_EFORMAT, "%s: no georeferencing",
                              d->path);
    if (in->gt[2] != 0.0 || in->gt[4] != 0.0 || in->gt[1] == 0.0 ||
        in->gt[5] == 0.0)
        return ilrs_error_set(err, ILRS_EUNSUPPORTED,
                              "%s: rotated geotransform", d->path);
    const char *wkt = GDALGetProjectionRef(ds);
    if (!wkt || !*wkt)
        return ilrs_error_set(err, ILRS_EFORMAT, "%s: no projection",
                              d->path);
    d->wkt = dup_str(wkt);
    OGRSpatialReferenceH srs = OSRNewSpatialReference(wkt);
    if (!d->wkt || !srs) {
        OSRDestroySpatialReference(srs);
        return ilrs_error_set(err, ILRS_EFORMAT, "%s: unreadable projection",
                              d->path);
    }
    int st = read_projection(d, srs, err);
    OSRDestroySpatialReference(srs);
    if (st)
        return st;
    st = read_heights(d, GDALGetRasterBand(ds, 1), err);
    if (st)
        return st;
    d->s0 = sin(d->info.lon0);
    d->c0 = cos(d->info.lon0);
    set_scale(d);
    if (!(d->info.pixel_km >= MIN_PIXEL_KM && d->info.pixel_km <= MAX_PIXEL_KM))
        return ilrs_error_set(err, ILRS_EFORMAT, "%s: implausible pixel size "
                              "%g km", d->path, d->info.pixel_km);
    return ILRS_OK;
}

int ilrs_dem_open(const char *path, ilrs_dem **out, ilrs_error *err)
{
    *out = NULL;
    if (!path || !*path)
        return ilrs_error_set(err, ILRS_EINVAL, "no DEM file given");
    ilrs_dem *d = calloc(1, sizeof *d);
    if (!d || !(d->path = dup_str(path))) {
        free(d);
        return ilrs_error_set(err, ILRS_ENOMEM, "%s", path);
    }
    GDALAllRegister();
    CPLPushErrorHandler(CPLQuietErrorHandler);
    GDALDatasetH ds = GDALOpen(path, GA_ReadOnly);
    int st;
    if (!ds) {
        const char *m = CPLGetLastErrorMsg();
        st = ilrs_error_set(err, ILRS_EIO, "%s: cannot open as a DEM%s%s",
                            path, m && *m ? ": " : "", m ? m : "");
    } else {
        st = open_dataset(d, ds, err);
        GDALClose(ds);
    }
    CPLPopErrorHandler();
    if (st) {
        ilrs_dem_close(d);
        return st;
    }
    *out = d;
    return ILRS_OK;
}

void ilrs_dem_close(ilrs_dem *d)
{
    if (!d)
        return;
    free(d->h);
    free(d->path);
    free(d->wkt);
    free(d);
}

void ilrs_dem_get_info(const ilrs_dem *d, ilrs_dem_info *info)
{
    *info = d->info;
}

const char *ilrs_dem_path(const ilrs_dem *d) { return d->path; }

const float *ilrs_dem_heights(const ilrs_dem *d) { return d->h; }

int ilrs_dem_pixel_to_latlon(const ilrs_dem *d, double col, double row,
                             double *lat, double *lon)
{
    const ilrs_dem_info *in = &d->info;
    double x = in->gt[0] + col * in->gt[1];
    double y = in->gt[3] + row * in->gt[5];
    double R = d->r_m;
    switch (in->proj) {
    case ILRS_PROJ_GEOGRAPHIC:
        *lat = y * D2R;
        *lon = wrap_pi(x * D2R);
        break;
    case ILRS_PROJ_EQUIRECT:
        *lat = y / R + in->lat0;
        *lon = wrap_pi(in->lon0 + x / (R * cos(in->lat_ts)));
        break;
    default: { /* Snyder (1987) 21-14..21-16 on the sphere */
        double rho = hypot(x, y);
        double c = 2.0 * atan(rho / (2.0 * R * in->k0));
        if (in->south) {
            *lat = c - PI / 2;
            *lon = wrap_pi(in->lon0 + atan2(x, y));
        } else {
            *lat = PI / 2 - c;
            *lon = wrap_pi(in->lon0 + atan2(x, -y));
        }
    }
    }
    if (!(fabs(*lat) <= PI / 2 + 1e-12))
        return ILRS_ERANGE;
    return ILRS_OK;
}

static void xy_to_pixel(const ilrs_dem *d, double x, double y, double *col,
                        double *row)
{
    *col = (x - d->info.gt[0]) / d->info.gt[1];
    *row = (y - d->info.gt[3]) / d->info.gt[5];
}

int ilrs_dem_latlon_to_pixel(const ilrs_dem *d, double lat, double lon,
                             double *col, double *row)
{
    double c = cos(lat);
    double q[3] = {c * cos(lon), c * sin(lon), sin(lat)};
    if (d->info.proj != ILRS_PROJ_POLAR_STEREO) {
        const ilrs_dem_info *in = &d->info;
        double x, y;
        if (in->proj == ILRS_PROJ_GEOGRAPHIC) {
            x = wrap_pi(lon) / D2R;
            y = lat / D2R;
        } else {
            x = wrap_pi(lon - in->lon0) * d->r_m * cos(in->lat_ts);
            y = (lat - in->lat0) * d->r_m;
        }
        xy_to_pixel(d, x, y, col, row);
        if (d->wrap_cols > 0) {
            *col = fmod(*col, d->wrap_cols);
            if (*col < 0)
                *col += d->wrap_cols;
        }
        return ILRS_OK;
    }
    return ilrs__dem_unit_to_pixel(d, q, col, row) ? ILRS_ERANGE : ILRS_OK;
}

int ilrs__dem_unit_to_pixel(const ilrs_dem *d, const double q[3],
                            double *col, double *row)
{
    const ilrs_dem_info *in = &d->info;
    if (in->proj != ILRS_PROJ_POLAR_STEREO) {
        double lat = asin(fmax(-1.0, fmin(1.0, q[2])));
        double lon = atan2(q[1], q[0]);
        return ilrs_dem_latlon_to_pixel(d, lat, lon, col, row) ? -1 : 0;
    }
    /* Snyder 21-5, 21-6 (sphere) with tan(pi/4 + lat/2) = (1+z)/cos(lat),
       so no trigonometry is needed per sample. */
    double s0 = d->s0, c0 = d->c0;
    double den = in->south ? 1.0 - q[2] : 1.0 + q[2];
    if (den < 1e-12)
        return -1;
    double f = 2.0 * d->r_m * in->k0 / den;
    double x = f * (q[1] * c0 - q[0] * s0);
    double y = f * (q[0] * c0 + q[1] * s0);
    xy_to_pixel(d, x, in->south ? y : -y, col, row);
    return 0;
}

int ilrs__dem_sample(const ilrs_dem *d, double col, double row, double *h_m)
{
    int nx = d->info.nx, ny = d->info.ny;
    if (!(row >= 0.0 && row <= ny))
        return -1;
    if (d->wrap_cols == 0 && !(col >= 0.0 && col <= nx))
        return -1;
    double u = col - 0.5, v = row - 0.5;
    double fu = floor(u), fv = floor(v);
    double a = u - fu, b = v - fv;
    int i0 = (int)fu, j0 = (int)fv, i1 = i0 + 1, j1 = j0 + 1;
    if (d->wrap_cols > 0) {
        i0 = (i0 % nx + nx) % nx;
        i1 = (i1 % nx + nx) % nx;
    } else {
        if (i0 < 0)
            i0 = 0;
        if (i1 > nx - 1)
            i1 = nx - 1;
    }
    if (j0 < 0)
        j0 = 0;
    if (j1 > ny - 1)
        j1 = ny - 1;
    const float *h = d->h;
    double top = h[(size_t)j0 * nx + i0] * (1 - a) + h[(size_t)j0 * nx + i1] * a;
    double bot = h[(size_t)j1 * nx + i0] * (1 - a) + h[(size_t)j1 * nx + i1] * a;
    *h_m = top * (1 - b) + bot * b;
    return 0;
}

int ilrs_dem_height(const ilrs_dem *d, double lat, double lon, double *h_km,
                    ilrs_error *err)
{
    double col, row, h;
    if (!(fabs(lat) <= PI / 2) || !isfinite(lon))
        return ilrs_error_set(err, ILRS_EINVAL, "latitude %g deg out of range",
                              lat / D2R);
    if (ilrs_dem_latlon_to_pixel(d, lat, lon, &col, &row) ||
        ilrs__dem_sample(d, col, row, &h))
        return ilrs_error_set(err, ILRS_ERANGE,
                              "point %.4f, %.4f deg is outside the DEM %s",
                              lat / D2R, lon / D2R, d->path);
    *h_km = h / 1000.0;
    return ILRS_OK;
}

int ilrs_dem_write_geotiff(const ilrs_dem *d, const char *path, int col0,
                           int row0, int ncol, int nrow, int nbands,
                           const float *data, const char *const *names,
                           double nodata, ilrs_error *err)
{
    if (col0 < 0 || row0 < 0 || ncol < 1 || nrow < 1 || nbands < 1 ||
        col0 + ncol > d->info.nx || row0 + nrow > d->info.ny)
        return ilrs_error_set(err, ILRS_EINVAL, "window outside the DEM");
    GDALAllRegister();
    GDALDriverH drv = GDALGetDriverByName("GTiff");
    if (!drv)
        return ilrs_error_set(err, ILRS_EUNSUPPORTED, "GDAL has no GTiff");
    CPLPushErrorHandler(CPLQuietErrorHandler);
    GDALDatasetH ds =
        GDALCreate(drv, path, ncol, nrow, nbands, GDT_Float32, NULL);
    int st = ILRS_OK;
    if (!ds) {
        st = ilrs_error_set(err, ILRS_EIO, "%s: cannot create: %s", path,
                            CPLGetLastErrorMsg());
        CPLPopErrorHandler();
        return st;
    }
    double gt[6];
    memcpy(gt, d->info.gt, sizeof gt);
    gt[0] += col0 * gt[1];
    gt[3] += row0 * gt[5];
    GDALSetGeoTransform(ds, gt);
    GDALSetProjection(ds, d->wkt);
    for (int b = 0; b < nbands && !st; b++) {
        GDALRasterBandH band = GDALGetRasterBand(ds, b + 1);
        if (names && names[b])
            GDALSetDescription(band, names[b]);
        if (!isnan(nodata))
            GDALSetRasterNoDataValue(band, nodata);
        if (GDALRasterIO(band, GF_Write, 0, 0, ncol, nrow,
                         (void *)(data + (size_t)b * ncol * nrow), ncol, nrow,
                         GDT_Float32, 0, 0) != CE_None)
            st = ilrs_error_set(err, ILRS_EIO, "%s: cannot write: %s", path,
                                CPLGetLastErrorMsg());
    }
    GDALClose(ds);
    CPLPopErrorHandler();
    return st;
}
