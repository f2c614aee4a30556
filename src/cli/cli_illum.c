/* cli_illum.c -- `ilrs illum`: illumination and Earth-visibility maps. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "ilrs/lunar.h"
#include "ilrs/plot_lunar.h"

#define PI 3.14159265358979323846
#define D2R (PI / 180.0)

static const char illum_help[] =
    "usage: ilrs illum --dem FILE [--region R] --from T0 --to T1 [--step DT]\n"
    "                  --out MAP.tif [--png MAP.png] [--azimuths N]\n"
    "                  [--max-dist KM] [--height M] [--threads N]\n"
    "                  [--ephemeris SPEC]\n"
    "\n"
    "For every pixel of a DEM region: the horizon (ray casting over the\n"
    "terrain with the Moon's curvature), then over the period the mean\n"
    "visible fraction of the solar disc and the share of time the Earth's\n"
    "centre is above the horizon. Pixels that never see any of the Sun in\n"
    "the period are flagged as permanently shadowed.\n"
    "\n"
    "  --dem FILE       any DEM GDAL reads, polar stereographic, simple\n"
    "                   cylindrical or geographic (see 'ilrs site --help')\n"
    "  --region R       COL,ROW,NCOL,NROW: a pixel window (0-based), or\n"
    "                   LAT,LON,HALF_KM: the window around a point (deg)\n"
    "                   reaching HALF_KM each way. Default: the whole DEM\n"
    "                   (hours for a global grid: about 300 pixels/s per\n"
    "                   core at 720 azimuths on LDEM_4).\n"
    "  --from T0, --to T1, --step DT  period and step (default 6h)\n"
    "  --out MAP.tif    GeoTIFF, georeferenced like the DEM, float32 bands:\n"
    "                   1 sun_fraction, 2 earth_fraction, 3 psr (1 = no\n"
    "                   sunlight in the period, else 0)\n"
    "  --png MAP.png    the sun fraction as an image with a colour bar,\n"
    "                   permanently shadowed pixels outlined\n"
    "  --azimuths N     horizon azimuths per pixel (default 360)\n"
    "  --max-dist KM    how far horizon rays go (default: the whole DEM)\n"
    "  --height M       observer above the terrain (m, default 0)\n"
    "  --threads N      threads (default: all cores)\n"
    "  --ephemeris SPEC as for 'ilrs site'\n"
    "\n"
    "Prints one summary line per quantity. Exit 0 on success, 1 if the work\n"
    "failed, 2 on bad usage.\n";

static const cli_opt illum_opts[] = {
    {"dem", 1, 0},      {"region", 1, 0},   {"from", 1, 0},
    {"to", 1, 0},       {"step", 1, 0},     {"out", 1, 0},
    {"png", 1, 0},      {"azimuths", 1, 0}, {"max-dist", 1, 0},
    {"height", 1, 0},   {"threads", 1, 0},  {"ephemeris", 1, 0},
    {"help", 0, 0},
};

/* Most pixels x azimuths one map holds (4 bytes each: 4 GiB). */
#define MAX_HORIZON_CELLS (1L << 30)

typedef struct {
    ilrs_dem *dem;
    ilrs_dem_info in;
    ilrs_ephem *eph;
    int c0, r0, nc, nr, threads;
    ilrs_horizon_opts ho;
    double t0, t1, step;
    const char *out, *png;
    float *hor, *bands;
    double *sun, *earth;
    size_t nt;
} illum_run;

static int parse_region(const char *v, illum_run *r)
{
    double x[4];
    int n = 0;
    const char *p = v;
    while (n < 4) {
        char *end;
        x[n] = strtod(p, &end);
        if (end == p)
            break;
        n++;
        if (*end != ',') {
            p = end;
            break;
        }
        p = end + 1;
    }
    if (*p || (n != 3 && n != 4))
        return cli_fail("illum", CLI_EXIT_USAGE, "--region '%s': want "
                        "COL,ROW,NCOL,NROW or LAT,LON,HALF_KM", v);
    for (int k = 0; k < n; k++)
        if (!(fabs(x[k]) < 1e9))
            return cli_fail("illum", CLI_EXIT_USAGE, "--region '%s': value "
                            "out of range", v);
    if (n == 4) {
        r->c0 = (int)x[0];
        r->r0 = (int)x[1];
        r->nc = (int)x[2];
        r->nr = (int)x[3];
    } else {
        double col, row;
        if (fabs(x[0]) > 90 || !(x[2] > 0 && x[2] < 1e4) ||
            ilrs_dem_latlon_to_pixel(r->dem, x[0] * D2R, x[1] * D2R, &col,
                                     &row))
            return cli_fail("illum", CLI_EXIT_USAGE, "--region '%s': bad "
                            "point or size", v);
        int half = (int)ceil(x[2] / r->in.pixel_km);
        r->c0 = (int)floor(col) - half;
        r->r0 = (int)floor(row) - half;
        r->nc = r->nr = 2 * half + 1;
    }
    if (r->c0 < 0 || r->r0 < 0 || r->nc < 1 || r->nr < 1 ||
        r->c0 + r->nc > r->in.nx || r->r0 + r->nr > r->in.ny)
        return cli_fail("illum", CLI_EXIT_FAIL, "--region '%s': window "
                        "%d,%d,%d,%d is outside the DEM (%d x %d pixels)", v,
                        r->c0, r->r0, r->nc, r->nr, r->in.nx, r->in.ny);
    return 0;
}

static int parse_illum(const cli_args *a, illum_run *r)
{
    ilrs_error err;
    const char *v, *dem = cli_get(a, "dem");
    if (!dem)
        return cli_fail("illum", CLI_EXIT_USAGE, "--dem is required");
    if (!(r->out = cli_get(a, "out")))
        return cli_fail("illum", CLI_EXIT_USAGE, "--out is required");
    r->png = cli_get(a, "png");
    int rc = cli_period("illum", a, &r->t0, &r->t1, &r->step);
    if (rc)
        return rc;
    if (!cli_get(a, "step")) /* cli_period defaults to 1h; maps to 6h */
        r->step = 6 * 3600.0;
    ilrs_horizon_opts_default(&r->ho);
    r->ho.naz = 360;
    double x = 0;
    if ((v = cli_get(a, "azimuths"))) {
        if (cli_number("illum", "azimuths", v, 4, 36000, &x))
            return CLI_EXIT_USAGE;
        r->ho.naz = (int)x;
    }
    if ((v = cli_get(a, "max-dist"))) {
        if (cli_number("illum", "max-dist", v, 0.001, 1e4, &x))
            return CLI_EXIT_USAGE;
        r->ho.max_dist_km = x;
    }
    if ((v = cli_get(a, "height"))) {
        if (cli_number("illum", "height", v, 0, 1e5, &x))
            return CLI_EXIT_USAGE;
        r->ho.height_km = x / 1000.0;
    }
    if ((v = cli_get(a, "threads"))) {
        if (cli_number("illum", "threads", v, 0, 4096, &x))
            return CLI_EXIT_USAGE;
        r->threads = (int)x;
    }
    int st = ilrs_dem_open(dem, &r->dem, &err);
    if (st)
        return cli_fail_status("illum", "--dem", st, &err);
    ilrs_dem_get_info(r->dem, &r->in);
    r->nc = r->in.nx;
    r->nr = r->in.ny;
    if ((v = cli_get(a, "region")) && (rc = parse_region(v, r)) != 0)
        return rc;
    return 0;
}

/* Sun and Earth (Moon-centred ME, km) at every epoch. */
static int sky_positions(illum_run *r)
{
    ilrs_error err;
    double n = floor((r->t1 - r->t0) / r->step) + 1;
    if (n > ILRS_SITE_MAX_SAMPLES)
        return cli_fail("illum", CLI_EXIT_USAGE, "%.0f epochs: more than %ld",
                        n, ILRS_SITE_MAX_SAMPLES);
    r->nt = (size_t)n;
    r->sun = malloc(sizeof(double) * 3 * r->nt);
    r->earth = malloc(sizeof(double) * 3 * r->nt);
    if (!r->sun || !r->earth)
        return cli_fail("illum", CLI_EXIT_FAIL, "out of memory");
    ilrs_frame me = {ILRS_FRAME_MOON_ME, 301, 0.0};
    for (size_t i = 0; i < r->nt; i++) {
        double t = r->t0 + (double)i * r->step, s[6];
        int st = ilrs_ephem_state_in(r->eph, 10, 301, &me, t, s, &err);
        if (st < 0)
            return cli_fail_status("illum", "period outside the ephemeris",
                                   st, &err);
        memcpy(r->sun + 3 * i, s, 3 * sizeof(double));
        st = ilrs_ephem_state_in(r->eph, 399, 301, &me, t, s, &err);
        if (st < 0)
            return cli_fail_status("illum", "period outside the ephemeris",
                                   st, &err);
        memcpy(r->earth + 3 * i, s, 3 * sizeof(double));
    }
    return 0;
}

static int illum_work(const cli_args *a, illum_run *r)
{
    ilrs_error err;
    int rc = parse_illum(a, r);
    if (rc)
        return rc;
    if ((rc = cli_open_ephem("illum", cli_get(a, "ephemeris"), &r->eph)) ||
        (rc = sky_positions(r)))
        return rc;
    size_t np = (size_t)r->nc * (size_t)r->nr;
    if ((double)np * r->ho.naz > (double)MAX_HORIZON_CELLS)
        return cli_fail("illum", CLI_EXIT_USAGE, "%zu pixels x %d azimuths "
                        "exceeds %ld: choose a smaller --region or fewer "
                        "--azimuths", np, r->ho.naz, MAX_HORIZON_CELLS);
    r->hor = malloc(sizeof(float) * np * (size_t)r->ho.naz);
    r->bands = malloc(sizeof(float) * np * 3);
    if (!r->hor || !r->bands)
        return cli_fail("illum", CLI_EXIT_FAIL, "out of memory");
    int st = ilrs_horizon_map(r->dem, r->c0, r->r0, r->nc, r->nr, &r->ho,
                              r->threads, r->hor, &err);
    if (st < 0)
        return cli_fail_status("illum", "horizon map", st, &err);
    float *sf = r->bands, *ef = r->bands + np, *psr = r->bands + 2 * np;
    st = ilrs_illum_map(r->dem, r->c0, r->r0, r->nc, r->nr, r->hor, r->ho.naz,
                        r->sun, r->earth, r->nt, r->threads, sf, ef, &err);
    if (st < 0)
        return cli_fail_status("illum", "illumination", st, &err);
    size_t npsr = 0;
    double msun = 0, mearth = 0;
    for (size_t i = 0; i < np; i++) {
        psr[i] = sf[i] <= 0.0f ? 1.0f : 0.0f;
        npsr += sf[i] <= 0.0f;
        msun += sf[i];
        mearth += ef[i];
    }
    static const char *const names[] = {"sun_fraction", "earth_fraction",
                                        "psr"};
    st = ilrs_dem_write_geotiff(r->dem, r->out, r->c0, r->r0, r->nc, r->nr, 3,
                                r->bands, names, NAN, &err);
    if (st < 0)
        return cli_fail_status("illum", "--out", st, &err);
    char b0[40], b1[40], title[160];
    cli_utc(r->t0, b0);
    cli_utc(r->t1, b1);
    if (r->png) {
        snprintf(title, sizeof title, "Illumination %.10s to %.10s", b0, b1);
        st = ilrs_plot_illum_map(r->png, sf, psr, r->nc, r->nr,
                                 r->in.pixel_km, title, &err);
        if (st < 0)
            return cli_fail_status("illum", "--png", st, &err);
    }
    printf("dem: %s\nwindow: columns %d..%d, rows %d..%d (%zu pixels, "
           "%.4g km each)\n", ilrs_dem_path(r->dem), r->c0, r->c0 + r->nc - 1,
           r->r0, r->r0 + r->nr - 1, np, r->in.pixel_km);
    printf("period: %s to %s UTC, %zu epochs\nephemeris: %s\n", b0, b1, r->nt,
           ilrs_ephem_source(r->eph));
    printf("mean sun fraction: %.4f\nmean earth fraction: %.4f\n"
           "permanently shadowed pixels: %zu\nwrote: %s%s%s\n", msun / np,
           mearth / np, npsr, r->out, r->png ? ", " : "", r->png ? r->png : "");
    return 0;
}

int cmd_illum(int argc, char **argv)
{
    cli_args a;
    int rc0 = cli_start(&a, "illum", illum_opts,
                        (int)(sizeof illum_opts / sizeof illum_opts[0]),
                        illum_help, 0, argc, argv);
    if (rc0 != CLI_CONTINUE)
        return rc0;
    illum_run r;
    memset(&r, 0, sizeof r);
    int rc = illum_work(&a, &r);
    free(r.hor);
    free(r.bands);
    free(r.sun);
    free(r.earth);
    ilrs_dem_close(r.dem);
    ilrs_ephem_free(r.eph);
    return rc;
}
