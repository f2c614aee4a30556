/*
 * ilrs/lunar.h -- lunar sites: terrain (DEMs), horizons, Sun, Earth and
 * relay visibility, illumination and link statistics.
 *
 * Terrain. An ilrs_dem is a digital elevation model read with GDAL (any
 * format it reads: GeoTIFF, PDS3 IMG with its label, ISIS cubes). Heights
 * are held in memory as metres above the reference sphere (1737.4 km);
 * a file whose scale/offset make its values planetary radii (LOLA's
 * OFFSET = 1737400 m) is brought to heights. Pixels map to Moon ME
 * latitude/longitude through the file's own georeferencing: equirectangular
 * (simple cylindrical), polar stereographic (north or south, variant A or
 * B) or plain geographic degrees, on a sphere; the formulas are our own
 * and are checked against GDAL/OSR in the tests. Pixel coordinates are
 * continuous: (col, row) = (0, 0) is the outer corner of the first pixel,
 * its centre is (0.5, 0.5).
 *
 * Horizons. The horizon elevation at a site at naz azimuths (clockwise from
 * Moon ME north) is found by casting rays along great circles over the
 * sphere plus terrain, sampling the DEM bilinearly every half pixel. A
 * region's horizon map uses the same samples with a max-height pyramid
 * that skips stretches of ray which cannot raise the horizon, so it gives
 * the single-site result at a fraction of the cost, on all cores.
 *
 * Sky. Sun and Earth come from an ilrs_ephem (Moon-centred, Moon ME frame:
 * ilrs_ephem_state_in), a relay from Keplerian elements about the Moon.
 *
 * Threads: an ilrs_dem is read-only after _open; any number of threads may
 * query it at once.
 */
#ifndef ILRS_LUNAR_H
#define ILRS_LUNAR_H

#include <stddef.h>

#include "ilrs/core.h"
#include "ilrs/ephem.h"
#include "ilrs/cr3bp.h"
#include "ilrs/kepler.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Angular diameter of the Sun seen from the Moon (rad; 0.533 deg at 1 au:
   2 x 696 000 km / 149 598 000 km, IAU 2015 nominal solar radius). */
#define ILRS_SUN_RADIUS_KM 695700.0
/* Earth's mean radius (km, IUGG) for its disc seen from the Moon. */
#define ILRS_EARTH_MEAN_RADIUS_KM 6371.0

/* ------------------------------------------------------------------ DEM */

typedef struct ilrs_dem ilrs_dem;

typedef enum ilrs_dem_proj {
    ILRS_PROJ_GEOGRAPHIC = 0,   /* x = lon (deg), y = lat (deg) */
    ILRS_PROJ_EQUIRECT = 1,     /* simple cylindrical on the sphere */
    ILRS_PROJ_POLAR_STEREO = 2  /* polar stereographic on the sphere */
} ilrs_dem_proj;

typedef struct ilrs_dem_info {
    int nx, ny;            /* columns, rows */
    ilrs_dem_proj proj;
    double radius_km;      /* sphere of the projection (km) */
    double gt[6];          /* GDAL geotransform (projection units, m/deg) */
    double lat0, lon0;     /* projection origin / centre (rad) */
    double lat_ts;         /* standard parallel (rad) */
    double k0;             /* polar stereographic scale at the pole */
    int south;             /* polar stereographic: 1 south, 0 north */
    double pixel_km;       /* nominal ground size of a pixel (km) */
    double hmin_m, hmax_m; /* range of heights above the sphere (m) */
} ilrs_dem_info;

/*
 * ilrs_dem_open -- read band 1 of a DEM file with GDAL into memory.
 * Given: path (any file GDAL opens; for PDS3 the .LBL or the .IMG with an
 *   attached label)
 * Returned: out, owned by the caller: free with ilrs_dem_close
 * Returns: ILRS_OK; ILRS_EIO (cannot open: file named in err);
 *   ILRS_EFORMAT (no georeferencing, not on a lunar sphere, all no-data);
 *   ILRS_EUNSUPPORTED (another projection); ILRS_ELIMIT (more than
 *   ILRS_DEM_MAX_PIXELS); ILRS_ENOMEM.
 * Notes: no-data pixels take the mean height of the valid ones' nearest
 *   neighbour along the row (a hole-fill good enough for horizons).
 */
#define ILRS_DEM_MAX_PIXELS (1L << 30)
int ilrs_dem_open(const char *path, ilrs_dem **out, ilrs_error *err);

/* ilrs_dem_close -- release a DEM; NULL does nothing. */
void ilrs_dem_close(ilrs_dem *d);

/* ilrs_dem_get_info -- size, projection and height range. */
void ilrs_dem_get_info(const ilrs_dem *d, ilrs_dem_info *info);

/* ilrs_dem_path -- the file name it was opened from (owned by d). */
const char *ilrs_dem_path(const ilrs_dem *d);

/* ilrs_dem_heights -- row-major heights (m above the sphere), nx*ny. */
const float *ilrs_dem_heights(const ilrs_dem *d);

/*
 * ilrs_dem_pixel_to_latlon -- Moon ME latitude, longitude (rad, east
 * positive, in (-pi, pi]) of continuous pixel coordinates (col, row).
 * Returns: ILRS_OK; ILRS_ERANGE if the point is off the projection.
 */
int ilrs_dem_pixel_to_latlon(const ilrs_dem *d, double col, double row,
                             double *lat, double *lon);

/*
 * ilrs_dem_latlon_to_pixel -- the inverse: continuous pixel coordinates of
 * lat, lon (rad). Points outside the raster are returned all the same.
 * Returns: ILRS_OK; ILRS_ERANGE where the projection has no image (the
 *   opposite pole of a polar stereographic map).
 */
int ilrs_dem_latlon_to_pixel(const ilrs_dem *d, double lat, double lon,
                             double *col, double *row);

/*
 * ilrs_dem_height -- terrain height (km above the 1737.4 km sphere) at
 * lat, lon (rad), bilinear between pixel centres.
 * Returns: ILRS_OK; ILRS_ERANGE (with lat/lon in err) outside the DEM.
 */
int ilrs_dem_height(const ilrs_dem *d, double lat, double lon, double *h_km,
                    ilrs_error *err);

/*
 * ilrs_dem_write_geotiff -- write nbands float32 bands of a window of d's
 * raster (columns col0..col0+ncol-1, rows row0..row0+nrow-1) to a GeoTIFF
 * with d's projection and the window's geotransform.
 * Given: data (band-major: band b pixel (i, j) at data[(b*nrow + j)*ncol+i]),
 *   names (band descriptions, may be NULL), nodata (written as the bands'
 *   no-data value unless NaN)
 * Returns: ILRS_OK; ILRS_EINVAL (window outside d); ILRS_EIO.
 */
int ilrs_dem_write_geotiff(const ilrs_dem *d, const char *path, int col0,
                           int row0, int ncol, int nrow, int nbands,
                           const float *data, const char *const *names,
                           double nodata, ilrs_error *err);

/* ------------------------------------------------------------- horizons */

typedef struct ilrs_horizon_opts {
    int naz;             /* azimuths, evenly from 0 (north) clockwise;
                            >= 4; default 720 */
    double max_dist_km;  /* how far rays go; <= 0: the whole DEM */
    double height_km;    /* observer above the terrain (km); default 0 */
} ilrs_horizon_opts;

/* ilrs_horizon_opts_default -- naz 720, whole DEM, height 0. */
void ilrs_horizon_opts_default(ilrs_horizon_opts *o);

/*
 * ilrs_horizon_site -- horizon elevation at a site by ray casting.
 * Given: d (NULL: a smooth sphere of radius 1737.4 km), lat, lon (rad,
 *   Moon ME), o (NULL: defaults)
 * Returned: elev[0..naz-1] (rad above the local horizontal; azimuth k is
 *   k * 2 pi / naz clockwise from north); terrain_km (may be NULL): the
 *   terrain height under the site (km above the sphere)
 * Returns: ILRS_OK; ILRS_EINVAL (lat out of range, naz < 4, NULL elev);
 *   ILRS_ERANGE (site outside the DEM, with the point in err).
 */
int ilrs_horizon_site(const ilrs_dem *d, double lat, double lon,
                      const ilrs_horizon_opts *o, double *elev,
                      double *terrain_km, ilrs_error *err);

/*
 * ilrs_horizon_map -- horizon of every pixel of a window (observer at the
 * pixel centre, at its DEM height plus o->height_km).
 * Given: d, window col0, row0, ncol, nrow (pixels), o, nthreads (<= 0: all
 *   cores)
 * Returned: out[(j*ncol + i)*naz + k] (rad) for pixel (col0+i, row0+j),
 *   azimuth k; the caller allocates ncol*nrow*naz floats.
 * Returns: ILRS_OK; ILRS_EINVAL (window outside the DEM); ILRS_ENOMEM.
 * Notes: the result equals ilrs_horizon_site at the pixel centre to float
 *   precision: skipped stretches are bounded by the pyramid's maxima.
 */
int ilrs_horizon_map(const ilrs_dem *d, int col0, int row0, int ncol,
                     int nrow, const ilrs_horizon_opts *o, int nthreads,
                     float *out, ilrs_error *err);

/* ilrs_horizon_at -- horizon elevation at azimuth az (rad), linear between
   the two nearest of naz samples elev[]. */
double ilrs_horizon_at(const double *elev, int naz, double az);

/*
 * ilrs_disc_visible -- visible fraction (0..1) of a disc of angular radius
 * rho (rad) centred at azimuth az, elevation el (rad), above a horizon
 * profile (naz samples, as ilrs_horizon_site), integrated over 32 vertical
 * strips of the disc.
 */
double ilrs_disc_visible(const double *elev, int naz, double az, double el,
                         double rho);
double ilrs_disc_visible_f(const float *elev, int naz, double az, double el,
                           double rho);

/* ------------------------------------------------------------ the sky */

/* ilrs_site_frame -- unit vectors up, north, east at lat, lon (rad) in the
   Moon ME frame. */
void ilrs_site_frame(double lat, double lon, double up[3], double north[3],
                     double east[3]);

/*
 * ilrs_topo_azel -- azimuth (rad, clockwise from north, [0, 2 pi)) and
 * elevation (rad) of a target at ME position tgt (km) seen from a site at
 * ME position site (km) with local frame up/north/east; dist_km may be NULL.
 */
void ilrs_topo_azel(const double site[3], const double up[3],
                    const double north[3], const double east[3],
                    const double tgt[3], double *az, double *el,
                    double *dist_km);

/*
 * A relay: on a Keplerian orbit about the Moon (kind ILRS_RELAY_KEPLER, the
 * zero value), or on a periodic orbit of the Earth-Moon circular restricted
 * three-body problem (ILRS_RELAY_CR3BP, e.g. an L2 halo), carried to the
 * ephemeris model at each epoch by ilrs_cr3bp_to_ephem.
 * Kepler: the elements are in the Moon's mean-equator inertial frame of the
 * epoch t_ref (the Moon ME axes at t_ref, held fixed in inertial space).
 * CR3BP: one period sampled at ILRS_RELAY_NS equal steps (normalised
 * rotating states), phase 0 (the orbit's x-z plane crossing x0) at t_ref.
 */
typedef enum ilrs_relay_kind {
    ILRS_RELAY_KEPLER = 0,
    ILRS_RELAY_CR3BP = 1
} ilrs_relay_kind;

#define ILRS_RELAY_NS 256

typedef struct ilrs_relay {
    ilrs_conic orbit;   /* gm = ILRS_GM_MOON, q (km), e, i, node, argp (rad),
                           tp (TDB s past J2000) */
    double t_ref;       /* epoch of the frame (TDB s past J2000) */
    double min_el;      /* minimum elevation at the site (rad) */
    ilrs_relay_kind kind;
    ilrs_cr3bp_system sys;            /* CR3BP: the system */
    ilrs_cr3bp_orbit periodic;        /* CR3BP: the orbit */
    double track[ILRS_RELAY_NS + 1][6]; /* CR3BP: states over one period */
} ilrs_relay;

/*
 * ilrs_relay_parse -- relay from text: "queqiao2" (the preset:
 * 200 x 16 000 km altitude, 24 h; see docs/lunar.md for the source and the
 * assumed orientation), "queqiao" (the preset Earth-Moon L2 halo: 13 000 km
 * z-amplitude, southern, phase 0 at the 2018-06-14 orbit entry; see
 * docs/lunar.md), "l2halo,AZ,N|S,EPOCH" (an L2 halo of z-amplitude AZ km,
 * northern or southern, phase 0 at EPOCH), or "HP,HA,INC,NODE,ARGP,TP"
 * (periapsis and apoapsis altitudes in km above 1737.4 km, angles in
 * degrees, TP an epoch as ilrs_time_parse_tdb); the frame epoch t_ref is TP.
 * Returns: ILRS_OK; ILRS_EFORMAT with the bad field in err; the CR3BP
 *   family's errors (ILRS_ERANGE: no halo of that amplitude).
 */
int ilrs_relay_parse(const char *text, ilrs_relay *out, ilrs_error *err);

/*
 * ilrs_relay_cr3bp -- a relay on a CR3BP periodic orbit: one period of
 * `orbit` sampled for ilrs_relay_position, phase 0 at t_ref.
 * Given: sys, orbit (from ilrs_cr3bp_family_orbit), t_ref (TDB s)
 * Returned: out (min_el 0)
 * Returns: ILRS_OK; ILRS_EINVAL (period not positive); propagation errors.
 */
int ilrs_relay_cr3bp(const ilrs_cr3bp_system *sys,
                     const ilrs_cr3bp_orbit *orbit, double t_ref,
                     ilrs_relay *out, ilrs_error *err);

/*
 * ilrs_relay_position -- relay position (km, Moon-centred, Moon ME at t)
 * at t. CR3BP: the rotating state at the phase of t (cubic Hermite
 * between samples, the orbit repeated period after period), then
 * ilrs_cr3bp_to_ephem at t.
 * Returns: ILRS_OK or the ephemeris status.
 */
int ilrs_relay_position(const ilrs_ephem *e, const ilrs_relay *r, double t,
                        double pos[3], ilrs_error *err);

/* ilrs_segment_clear -- 1 if the straight segment a-b (km, Moon-centred)
   stays above a sphere of radius radius_km. */
int ilrs_segment_clear(const double a[3], const double b[3],
                       double radius_km);

/* ---------------------------------------------------- site statistics */

typedef struct ilrs_site_sample {
    double t;                  /* TDB s past J2000 */
    double sun_az, sun_el;     /* rad */
    double earth_az, earth_el; /* rad */
    double sun_frac;           /* visible fraction of the solar disc */
    double earth_frac;         /* visible fraction of Earth's disc */
    double relay_az, relay_el; /* rad (NaN without a relay) */
    int relay_vis;             /* relay above horizon and min elevation */
    int relay_earth;           /* relay sees the Earth's centre */
    int link;                  /* Earth direct, or via relay */
} ilrs_site_sample;

typedef struct ilrs_interval {
    double t0, t1;             /* TDB s past J2000 */
} ilrs_interval;

typedef enum ilrs_event_kind {
    ILRS_EV_SUNRISE = 0, ILRS_EV_SUNSET, ILRS_EV_EARTHRISE, ILRS_EV_EARTHSET,
    ILRS_EV_RELAY_AOS, ILRS_EV_RELAY_LOS
} ilrs_event_kind;

typedef struct ilrs_event {
    double t;                  /* TDB s past J2000, interpolated */
    ilrs_event_kind kind;
} ilrs_event;

/* ilrs_event_name -- "sunrise", "sunset", "earthrise", "earthset",
   "relay_aos", "relay_los". */
const char *ilrs_event_name(ilrs_event_kind k);

typedef struct ilrs_site_stats {
    size_t nsamples;
    double sun_fraction;       /* mean visible solar disc fraction */
    double earth_fraction;     /* share of samples with Earth's centre up */
    double relay_fraction;     /* relay visible from the site */
    double link_fraction;      /* Earth direct or relay that sees Earth */
    double sun_and_link_fraction;
    double longest_night_s;    /* longest run with no sunlight (s) */
    ilrs_interval *nights;     /* runs with no sunlight (owned; see free) */
    size_t nnights;
    ilrs_event *events;        /* rises and sets (owned) */
    size_t nevents;
    ilrs_site_sample *samples; /* every sample (owned) */
} ilrs_site_stats;

typedef struct ilrs_site_query {
    double lat, lon;           /* rad, Moon ME */
    const double *horizon;     /* naz elevations (rad), from
                                  ilrs_horizon_site */
    int naz;
    double site_radius_km;     /* |site| from the Moon's centre (km) */
    double t0, t1, step;       /* TDB s past J2000; step > 0 (s) */
    const ilrs_relay *relay;   /* NULL: none */
    double min_el;             /* link elevation mask (rad): the Earth and
                                  the relay count as in view only above
                                  max(min_el, the terrain's horizon);
                                  -INFINITY: the terrain alone (0 is a
                                  0 deg mask) */
} ilrs_site_query;

/* Most samples one query takes (a bound on memory). */
#define ILRS_SITE_MAX_SAMPLES 10000000L

/*
 * ilrs_site_analyze -- Sun, Earth and relay at a site from t0 to t1 in
 * steps; statistics, nights and events.
 * Returned: st, whose arrays the caller frees with ilrs_site_stats_free.
 * Returns: ILRS_OK; ILRS_EINVAL; ILRS_ELIMIT (too many samples);
 *   ILRS_ERANGE (period outside the ephemeris, in err); ILRS_ENOMEM.
 * Notes: a night is a run of samples with no part of the Sun above the
 *   horizon; its length runs from the last lit sample to the next lit one
 *   less one step (sample resolution). Events are interpolated linearly in
 *   the elevation margin above the horizon between samples.
 */
int ilrs_site_analyze(const ilrs_ephem *e, const ilrs_site_query *q,
                      ilrs_site_stats *st, ilrs_error *err);

/* ilrs_site_stats_free -- free the arrays of st (st itself is the
   caller's); safe on a zeroed struct. */
void ilrs_site_stats_free(ilrs_site_stats *st);

/*
 * ilrs_illum_map -- per pixel of a horizon map, the mean visible solar
 * disc fraction and the share of time Earth's centre is above the horizon
 * over the epochs t[0..nt-1].
 * Given: d, window (as ilrs_horizon_map), hor (its output), naz, sun_me and
 *   earth_me (Moon-centred ME positions, km, 3 per epoch), nt, nthreads
 * Returned: sun_frac, earth_frac (ncol*nrow each, row-major)
 * Returns: ILRS_OK; ILRS_EINVAL.
 */
int ilrs_illum_map(const ilrs_dem *d, int col0, int row0, int ncol, int nrow,
                   const float *hor, int naz, const double *sun_me,
                   const double *earth_me, size_t nt, int nthreads,
                   float *sun_frac, float *earth_frac, ilrs_error *err);

#ifdef __cplusplus
}
#endif
#endif
