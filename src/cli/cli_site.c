/* cli_site.c -- `ilrs site`: Sun, Earth and relay at a lunar site. */
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "ilrs/lunar.h"
#include "ilrs/plot_lunar.h"

#define PI 3.14159265358979323846
#define D2R (PI / 180.0)
#define R2D (180.0 / PI)

static const char site_help[] =
    "usage: ilrs site --lat DEG --lon DEG [--dem FILE] [--height M]\n"
    "                 --from T0 --to T1 [--step DT] [--relay RELAY]\n"
    "                 [--night-power W] [--format text|json] [--plot FILE]\n"
    "                 [--ephemeris SPEC] [--azimuths N] [--max-dist KM]\n"
    "                 [--min-elev DEG] [--track]\n"
    "\n"
    "Sun, Earth and relay visibility at a site on the Moon over a period:\n"
    "the horizon from the terrain, the share of time in sunlight (visible\n"
    "fraction of the solar disc), the nights, Earth and relay links, the\n"
    "battery a payload needs for the longest night, rises and sets.\n"
    "\n"
    "  --lat DEG, --lon DEG  site in the Moon's mean-Earth frame (ME),\n"
    "                     latitude -90..90, longitude east positive\n"
    "  --dem FILE         terrain: any DEM that GDAL reads (GeoTIFF, PDS3\n"
    "                     .LBL/.IMG, ISIS .cub) in polar stereographic,\n"
    "                     simple cylindrical or geographic projection.\n"
    "                     Without it the site is on a smooth 1737.4 km\n"
    "                     sphere, and the output says so.\n"
    "  --height M         observer (antenna, panel) above the terrain (m;\n"
    "                     default 0)\n"
    "  --from T0, --to T1 period (see 'ilrs time --help' for forms)\n"
    "  --step DT          sampling step: 30m, 1h (default), 6h, 1d\n"
    "  --relay RELAY      a relay orbiter: 'queqiao2' (200 x 16000 km, 24 h,\n"
    "                     62.4 deg; see docs/lunar.md) or\n"
    "                     'HP,HA,INC,NODE,ARGP,TP': periapsis and apoapsis\n"
    "                     altitude (km), inclination, node, argument of\n"
    "                     periapsis (deg, Moon mean equator of TP), TP the\n"
    "                     periapsis epoch; or a relay on an Earth-Moon L2\n"
    "                     halo: 'queqiao' (Queqiao's, 13000 km z-amplitude)\n"
    "                     or 'l2halo,AZ_KM,N|S,EPOCH' (z-amplitude, northern\n"
    "                     or southern branch, epoch of its x-z crossing)\n"
    "  --min-elev DEG     link elevation mask: the Earth and the relay\n"
    "                     count as in view only above DEG (and above the\n"
    "                     terrain); earth/relay/link fractions and\n"
    "                     earthrise/earthset and relay AOS/LOS use it\n"
    "                     (default: the terrain alone)\n"
    "  --night-power W    payload power through the night: battery_wh is\n"
    "                     W times the longest night\n"
    "  --format F         text (default) or json\n"
    "  --plot FILE        polar horizon chart with the Sun's and Earth's\n"
    "                     tracks (.png, .svg or .pdf)\n"
    "  --ephemeris SPEC   analytic | de405 | SPK/PCK file path(s) joined by\n"
    "                     ','. Default: $ILRS_EPHEMERIS, else DE405, else\n"
    "                     analytic.\n"
    "  --azimuths N       horizon azimuths (default 720: every 0.5 deg)\n"
    "  --max-dist KM      how far the horizon rays go (default: the whole\n"
    "                     DEM)\n"
    "  --track            (json) every sample: Sun, Earth, relay az/el\n"
    "\n"
    "Epochs print in UTC. Fractions are shares of the samples.\n";

static const cli_opt site_opts[] = {
    {"lat", 1, 0},      {"lon", 1, 0},         {"dem", 1, 0},
    {"height", 1, 0},   {"from", 1, 0},        {"to", 1, 0},
    {"step", 1, 0},     {"relay", 1, 0},       {"night-power", 1, 0},
    {"format", 1, 0},   {"plot", 1, 0},        {"ephemeris", 1, 0},
    {"azimuths", 1, 0}, {"max-dist", 1, 0},    {"track", 0, 0},
    {"min-elev", 1, 0}, {"help", 0, 0},
};

int cli_number(const char *cmd, const char *opt, const char *text, double lo,
               double hi, double *out)
{
    char *end;
    double v = text ? strtod(text, &end) : NAN;
    if (!text || end == text || *end || !isfinite(v))
        return cli_fail(cmd, CLI_EXIT_USAGE, "--%s: '%s' is not a number",
                        opt, text ? text : "");
    if (v < lo || v > hi)
        return cli_fail(cmd, CLI_EXIT_USAGE, "--%s %s: out of range [%g, %g]",
                        opt, text, lo, hi);
    *out = v;
    return 0;
}

int cli_period(const char *cmd, const cli_args *a, double *t0, double *t1,
               double *step)
{
    ilrs_error err;
    const char *from = cli_get(a, "from"), *to = cli_get(a, "to");
    const char *st = cli_get(a, "step");
    if (!from || !to)
        return cli_fail(cmd, CLI_EXIT_USAGE, "--from and --to are required");
    if (ilrs_time_parse_tdb(from, t0, &err) < 0)
        return cli_fail(cmd, CLI_EXIT_USAGE, "--from: %s", err.msg);
    if (ilrs_time_parse_tdb(to, t1, &err) < 0)
        return cli_fail(cmd, CLI_EXIT_USAGE, "--to: %s", err.msg);
    if (*t1 < *t0)
        return cli_fail(cmd, CLI_EXIT_USAGE, "--to is before --from");
    if (cli_duration(st ? st : "1h", step) != 0)
        return cli_fail(cmd, CLI_EXIT_USAGE, "--step '%s': want a duration "
                        "such as 30m, 1h, 1d", st);
    return 0;
}

void cli_utc(double t, char buf[40])
{
    ilrs_epoch e;
    if (ilrs_time_from_tdb(t, ILRS_UTC, &e, NULL) < 0 ||
        ilrs_time_format(&e, ILRS_TIME_ISO, 0, buf, 40, NULL) < 0)
        snprintf(buf, 40, "TDB%+.0f", t);
}

typedef struct {
    double lat, lon, height_m, terrain_km;
    ilrs_dem *dem;
    ilrs_ephem *eph;
    ilrs_horizon_opts ho;
    double *horizon;
    ilrs_relay relay;
    int has_relay;
    double night_w;
    double min_el_deg;      /* --min-elev, NaN: none */
    int json, track;
    const char *plot;
    ilrs_site_query q;
    ilrs_site_stats st;
} site_run;

static int parse_site(const cli_args *a, site_run *r)
{
    ilrs_error err;
    const char *v;
    if (!cli_get(a, "lat") || !cli_get(a, "lon"))
        return cli_fail("site", CLI_EXIT_USAGE, "--lat and --lon are required");
    if (cli_number("site", "lat", cli_get(a, "lat"), -90, 90, &r->lat) ||
        cli_number("site", "lon", cli_get(a, "lon"), -360, 360, &r->lon))
        return CLI_EXIT_USAGE;
    r->height_m = 0;
    if ((v = cli_get(a, "height")) &&
        cli_number("site", "height", v, 0, 1e5, &r->height_m))
        return CLI_EXIT_USAGE;
    ilrs_horizon_opts_default(&r->ho);
    r->ho.height_km = r->height_m / 1000.0;
    double x = 0;
    if ((v = cli_get(a, "azimuths"))) {
        if (cli_number("site", "azimuths", v, 4, 36000, &x))
            return CLI_EXIT_USAGE;
        r->ho.naz = (int)x;
    }
    if ((v = cli_get(a, "max-dist"))) {
        if (cli_number("site", "max-dist", v, 0.001, 1e4, &x))
            return CLI_EXIT_USAGE;
        r->ho.max_dist_km = x;
    }
    r->min_el_deg = NAN;
    if ((v = cli_get(a, "min-elev")) &&
        cli_number("site", "min-elev", v, -90, 90, &r->min_el_deg))
        return CLI_EXIT_USAGE;
    r->night_w = NAN;
    if ((v = cli_get(a, "night-power")) &&
        cli_number("site", "night-power", v, 0, 1e9, &r->night_w))
        return CLI_EXIT_USAGE;
    if ((v = cli_get(a, "relay"))) {
        if (ilrs_relay_parse(v, &r->relay, &err) < 0)
            return cli_fail("site", CLI_EXIT_USAGE, "--relay: %s", err.msg);
        r->has_relay = 1;
    }
    v = cli_get(a, "format");
    if (v && strcmp(v, "json") != 0 && strcmp(v, "text") != 0)
        return cli_fail("site", CLI_EXIT_USAGE, "--format '%s': want text or "
                        "json", v);
    r->json = v && strcmp(v, "json") == 0;
    r->track = cli_has(a, "track");
    r->plot = cli_get(a, "plot");
    return cli_period("site", a, &r->q.t0, &r->q.t1, &r->q.step);
}

/* Terrain and horizon: exit code or 0. */
static int site_horizon(const cli_args *a, site_run *r)
{
    ilrs_error err;
    const char *dem = cli_get(a, "dem");
    if (dem) {
        int st = ilrs_dem_open(dem, &r->dem, &err);
        if (st)
            return cli_fail_status("site", "--dem", st, &err);
    }
    r->horizon = malloc(sizeof(double) * (size_t)r->ho.naz);
    if (!r->horizon)
        return cli_fail("site", CLI_EXIT_FAIL, "out of memory");
    int st = cli_site_setup(r->dem, r->lat * D2R, r->lon * D2R, &r->ho,
                            r->horizon, &r->terrain_km, &r->q, &err);
    if (st)
        return cli_fail_status("site", "site", st, &err);
    r->q.relay = r->has_relay ? &r->relay : NULL;
    if (isfinite(r->min_el_deg))
        r->q.min_el = r->min_el_deg * D2R;
    return 0;
}

static void json_num(json_t *o, const char *k, double v)
{
    json_object_set_new(o, k, isfinite(v) ? json_real(v) : json_null());
}

static json_t *site_json(const site_run *r)
{
    const ilrs_site_stats *s = &r->st;
    json_t *o = json_object();
    char b0[40], b1[40];
    json_object_set_new(o, "site", json_pack("{s:f,s:f,s:f,s:f}", "lat_deg",
                        r->lat, "lon_deg", r->lon, "terrain_height_m",
                        r->terrain_km * 1000.0, "height_m", r->height_m));
    json_object_set_new(o, "terrain", json_string(r->dem ? ilrs_dem_path(r->dem)
                                                         : "smooth sphere"));
    json_object_set_new(o, "ephemeris", json_string(ilrs_ephem_source(r->eph)));
    cli_utc(r->q.t0, b0);
    cli_utc(r->q.t1, b1);
    json_object_set_new(o, "period", json_pack("{s:s,s:s,s:f,s:I}", "from", b0,
                        "to", b1, "step_s", r->q.step, "samples",
                        (json_int_t)s->nsamples));
    json_num(o, "sun_fraction", s->sun_fraction);
    json_num(o, "longest_night_h", s->longest_night_s / 3600.0);
    json_num(o, "min_elev_deg", r->min_el_deg);
    json_num(o, "earth_fraction", s->earth_fraction);
    json_num(o, "relay_fraction", r->has_relay ? s->relay_fraction : NAN);
    json_num(o, "link_fraction", s->link_fraction);
    json_num(o, "sun_and_link_fraction", s->sun_and_link_fraction);
    json_num(o, "battery_wh", r->night_w * s->longest_night_s / 3600.0);
    json_num(o, "horizon_azimuth_step_deg", 360.0 / r->ho.naz);
    json_t *h = json_array();
    for (int k = 0; k < r->ho.naz; k++)
        json_array_append_new(h, json_real(r->horizon[k] * R2D));
    json_object_set_new(o, "horizon", h);
    json_t *n = json_array();
    for (size_t i = 0; i < s->nnights; i++) {
        cli_utc(s->nights[i].t0, b0);
        cli_utc(s->nights[i].t1, b1);
        json_array_append_new(n, json_pack("{s:s,s:s,s:f}", "start", b0, "end",
                              b1, "hours", (s->nights[i].t1 - s->nights[i].t0
                                            + r->q.step) / 3600.0));
    }
    json_object_set_new(o, "nights", n);
    json_t *e = json_array();
    for (size_t i = 0; i < s->nevents; i++) {
        cli_utc(s->events[i].t, b0);
        json_array_append_new(e, json_pack("{s:s,s:s}", "time", b0, "event",
                              ilrs_event_name(s->events[i].kind)));
    }
    json_object_set_new(o, "events", e);
    if (r->track) {
        json_t *t = json_array();
        for (size_t i = 0; i < s->nsamples; i++) {
            const ilrs_site_sample *p = &s->samples[i];
            json_t *x = json_object();
            cli_utc(p->t, b0);
            json_object_set_new(x, "time", json_string(b0));
            json_num(x, "tdb_seconds", p->t);
            json_num(x, "sun_az", p->sun_az * R2D);
            json_num(x, "sun_el", p->sun_el * R2D);
            json_num(x, "sun_frac", p->sun_frac);
            json_num(x, "earth_az", p->earth_az * R2D);
            json_num(x, "earth_el", p->earth_el * R2D);
            json_num(x, "earth_frac", p->earth_frac);
            json_num(x, "relay_az", p->relay_az * R2D);
            json_num(x, "relay_el", p->relay_el * R2D);
            json_object_set_new(x, "relay_visible", json_boolean(p->relay_vis));
            json_object_set_new(x, "relay_sees_earth",
                                json_boolean(p->relay_earth));
            json_object_set_new(x, "link", json_boolean(p->link));
            json_array_append_new(t, x);
        }
        json_object_set_new(o, "track", t);
    }
    return o;
}

static void site_text(const site_run *r)
{
    const ilrs_site_stats *s = &r->st;
    char b0[40], b1[40];
    printf("site: %.4f, %.4f deg (Moon ME), terrain %.1f m, observer %.1f m "
           "above it\n", r->lat, r->lon, r->terrain_km * 1000.0, r->height_m);
    printf("terrain: %s\n", r->dem ? ilrs_dem_path(r->dem) : "smooth sphere "
           "(no DEM given)");
    printf("ephemeris: %s\n", ilrs_ephem_source(r->eph));
    cli_utc(r->q.t0, b0);
    cli_utc(r->q.t1, b1);
    printf("period: %s to %s UTC, step %g s, %zu samples\n", b0, b1, r->q.step,
           s->nsamples);
    printf("sun fraction:          %.4f\n", s->sun_fraction);
    printf("longest night:         %.1f h\n", s->longest_night_s / 3600.0);
    if (isfinite(r->min_el_deg))
        printf("link elevation mask:   %.2f deg\n", r->min_el_deg);
    printf("earth fraction:        %.4f\n", s->earth_fraction);
    if (r->has_relay)
        printf("relay fraction:        %.4f\n", s->relay_fraction);
    printf("link fraction:         %.4f\n", s->link_fraction);
    printf("sun and link fraction: %.4f\n", s->sun_and_link_fraction);
    if (isfinite(r->night_w))
        printf("battery:               %.1f Wh (%.1f W through the longest "
               "night)\n", r->night_w * s->longest_night_s / 3600.0,
               r->night_w);
    printf("nights: %zu\n", s->nnights);
    for (size_t i = 0; i < s->nnights; i++) {
        cli_utc(s->nights[i].t0, b0);
        cli_utc(s->nights[i].t1, b1);
        printf("  %s to %s  %.1f h\n", b0, b1,
               (s->nights[i].t1 - s->nights[i].t0 + r->q.step) / 3600.0);
    }
    printf("events: %zu\n", s->nevents);
    for (size_t i = 0; i < s->nevents; i++) {
        cli_utc(s->events[i].t, b0);
        printf("  %s  %s\n", b0, ilrs_event_name(s->events[i].kind));
    }
}

static int site_work(const cli_args *a, site_run *r)
{
    ilrs_error err;
    int rc = parse_site(a, r);
    if (rc)
        return rc;
    if ((rc = site_horizon(a, r)) != 0)
        return rc;
    if ((rc = cli_open_ephem("site", cli_get(a, "ephemeris"), &r->eph)) != 0)
        return rc;
    int st = ilrs_site_analyze(r->eph, &r->q, &r->st, &err);
    if (st < 0)
        return cli_fail_status("site", st == ILRS_ERANGE
                                           ? "period outside the ephemeris"
                                           : "analysis", st, &err);
    if (r->plot) {
        st = ilrs_plot_site_horizon(r->plot, r->horizon, r->ho.naz, &r->st,
                                    r->dem ? ilrs_dem_path(r->dem)
                                           : "smooth sphere",
                                    r->lat, r->lon, &err);
        if (st < 0)
            return cli_fail_status("site", "--plot", st, &err);
    }
    if (r->json) {
        json_t *o = site_json(r);
        char *d = json_dumps(o, JSON_INDENT(2) | JSON_REAL_PRECISION(15));
        if (d)
            puts(d);
        free(d);
        json_decref(o);
    } else {
        site_text(r);
    }
    return 0;
}

int cmd_site(int argc, char **argv)
{
    cli_args a;
    int rc0 = cli_start(&a, "site", site_opts,
                        (int)(sizeof site_opts / sizeof site_opts[0]),
                        site_help, 0, argc, argv);
    if (rc0 != CLI_CONTINUE)
        return rc0;
    site_run r;
    memset(&r, 0, sizeof r);
    int rc = site_work(&a, &r);
    ilrs_site_stats_free(&r.st);
    free(r.horizon);
    ilrs_dem_close(r.dem);
    ilrs_ephem_free(r.eph);
    return rc;
}
