/* cli_lunar_transfer.c -- `ilrs lunar-transfer`: direct transfers from a
   launch site to lunar orbit, day by day over a departure period. */
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "ilrs/constants.h"
#include "ilrs/earthmoon_plot.h"
#include "ilrs/lunar_orbit.h"
#include "ilrs/lunar_transfer.h"
#include "ilrs/oem.h"

static const char lt_help[] =
    "usage: ilrs lunar-transfer --site SITE --depart D0[/D1] [options]\n"
    "\n"
    "Direct Earth-Moon transfers, one per launch day: a circular parking\n"
    "orbit through the launch site, a patched-conic first guess, then\n"
    "differential correction in the ephemeris model (Earth, Moon, Sun) to\n"
    "the target perilune altitude and lunar inclination. Prints, for each\n"
    "day, whether a transfer exists, the launch time, TLI, LOI and descent\n"
    "costs: the monthly launch windows.\n"
    "\n"
    "  --site SITE        wenchang, xichang, jiuquan, taiyuan, or LAT,LON\n"
    "                     (geodetic degrees, east positive)\n"
    "  --depart D0[/D1]   first and last launch day (UTC dates; see 'ilrs\n"
    "                     time --help'); at most 366 days\n"
    "  --launch T         launch at this epoch instead of searching the day\n"
    "                     (the parking plane then goes through the site and\n"
    "                     the Moon at any inclination); needs a single day\n"
    "  --park-alt KM      parking orbit altitude, 150..2000 (default 200)\n"
    "  --park-inc DEG     parking inclination (default: the site latitude,\n"
    "                     or the Moon's declination at arrival + 2 deg if\n"
    "                     more); with it set, days when the Moon is beyond\n"
    "                     its reach have no transfer\n"
    "  --orbit PxA        target lunar orbit, perilune x apolune altitudes in\n"
    "                     km (default 100x100, circular)\n"
    "  --inc DEG          lunar orbit inclination to the Moon's equator\n"
    "                     (mean Earth frame), 0..180 (default 90, polar:\n"
    "                     reaches the south pole)\n"
    "  --land LAT,LON     landing site (Moon ME degrees): adds the descent\n"
    "                     cost (lower perilune to 15 km, powered descent with\n"
    "                     15% losses and 50 m/s hover) and the share of the\n"
    "                     first day in lunar orbit the site sees the orbiter\n"
    "                     above 5 deg\n"
    "  --tof DAYS         TLI to perilune, 2.5..6 (default 4.5)\n"
    "  --format F         table (default) or json\n"
    "  --oem FILE         CCSDS OEM of the cheapest transfer (TLI to LOI,\n"
    "                     Earth-centred EME2000, TDB, every 10 min)\n"
    "  --plot FILE        chart (.png, .svg, .pdf): the cheapest transfer in\n"
    "                     the Earth-Moon rotating frame and the daily costs\n"
    "  --ephemeris SPEC   analytic | de405 | SPK file(s) joined by ','\n"
    "  --threads N        threads for the day-by-day search (default: all)\n";

static const cli_opt lt_opts[] = {
    {"site", 1, 0},   {"depart", 1, 0},    {"launch", 1, 0},
    {"park-alt", 1, 0}, {"park-inc", 1, 0}, {"orbit", 1, 0},
    {"inc", 1, 0},    {"land", 1, 0},      {"tof", 1, 0},
    {"format", 1, 0}, {"oem", 1, 0},       {"plot", 1, 0},
    {"ephemeris", 1, 0}, {"threads", 1, 0}, {"help", 0, 0},
};

#define CMD "lunar-transfer"

/* A number in [lo, hi]; 0 or -1. */
static int num(const char *text, double lo, double hi, double *out)
{
    char *end;
    double v = strtod(text, &end);
    if (end == text || *end || !isfinite(v) || v < lo || v > hi)
        return -1;
    *out = v;
    return 0;
}

/* "A,B" or "AxB" into two numbers. */
static int pair(const char *text, char sep, double *a, double *b)
{
    char buf[128], *end;
    if (strlen(text) >= sizeof buf)
        return -1;
    strcpy(buf, text);
    char *mid = strchr(buf, sep);
    if (!mid)
        return -1;
    *mid = '\0';
    *a = strtod(buf, &end);
    if (end == buf || *end || !isfinite(*a))
        return -1;
    *b = strtod(mid + 1, &end);
    if (end == mid + 1 || *end || !isfinite(*b))
        return -1;
    return 0;
}

typedef struct {
    ilrs_lunar_transfer_spec sp;
    const char *site_name;
    double day0;
    int ndays, json, threads;
    double land_lat, land_lon;
} lt_run;

static int parse_site(const char *v, lt_run *r)
{
    if (!v)
        return cli_fail(CMD, CLI_EXIT_USAGE, "--site is required "
                                             "(wenchang, xichang, or "
                                             "LAT,LON)");
    r->site_name = v;
    if (ilrs_launch_site_find(v, &r->sp.site_lat, &r->sp.site_lon) == 0)
        return 0;
    double lat, lon;
    if (pair(v, ',', &lat, &lon) || fabs(lat) > 80 || fabs(lon) > 360)
        return cli_fail(CMD, CLI_EXIT_USAGE,
                        "--site: unknown site '%s' (wenchang, xichang, "
                        "jiuquan, taiyuan, or LAT,LON with |LAT| <= 80)", v);
    r->sp.site_lat = lat * ILRS_DEG;
    r->sp.site_lon = lon * ILRS_DEG;
    return 0;
}

static int parse_days(const char *v, const char *launch, lt_run *r)
{
    ilrs_error err = {0, ""};
    char buf[128];
    if (!v)
        return cli_fail(CMD, CLI_EXIT_USAGE, "--depart D0[/D1] is required");
    if (strlen(v) >= sizeof buf)
        return cli_fail(CMD, CLI_EXIT_USAGE, "--depart: too long");
    strcpy(buf, v);
    char *slash = strchr(buf, '/');
    if (slash)
        *slash = '\0';
    double t1;
    if (ilrs_time_parse_tdb(buf, &r->day0, &err) < 0)
        return cli_fail(CMD, CLI_EXIT_USAGE, "--depart: %s", err.msg);
    t1 = r->day0;
    if (slash && ilrs_time_parse_tdb(slash + 1, &t1, &err) < 0)
        return cli_fail(CMD, CLI_EXIT_USAGE, "--depart: %s", err.msg);
    if (t1 < r->day0)
        return cli_fail(CMD, CLI_EXIT_USAGE,
                        "--depart: D1 '%s' is before D0 '%s'", slash + 1,
                        buf);
    double n = floor((t1 - r->day0) / ILRS_DAY_S + 1e-6) + 1;
    if (n > 366)
        return cli_fail(CMD, CLI_EXIT_USAGE,
                        "--depart: %.0f days; at most 366", n);
    r->ndays = (int)n;
    if (launch) {
        if (r->ndays != 1)
            return cli_fail(CMD, CLI_EXIT_USAGE,
                            "--launch needs a single --depart day");
        if (ilrs_time_parse_tdb(launch, &r->sp.t_launch, &err) < 0)
            return cli_fail(CMD, CLI_EXIT_USAGE, "--launch: %s", err.msg);
        if (r->sp.t_launch < r->day0 ||
            r->sp.t_launch >= r->day0 + ILRS_DAY_S)
            return cli_fail(CMD, CLI_EXIT_USAGE,
                            "--launch '%s' is not on the --depart day",
                            launch);
    }
    return 0;
}

/* The numeric options; 0 or an exit code. */
static int parse_numbers(const cli_args *a, lt_run *r)
{
    const char *v;
    double x, y;
    r->sp.park_alt_km = 200;
    if ((v = cli_get(a, "park-alt")) && num(v, 150, 2000, &r->sp.park_alt_km))
        return cli_fail(CMD, CLI_EXIT_USAGE,
                        "--park-alt: expected 150..2000 km, got '%s'", v);
    if ((v = cli_get(a, "park-inc"))) {
        if (num(v, fabs(r->sp.site_lat) / ILRS_DEG, 89.9, &x))
            return cli_fail(CMD, CLI_EXIT_USAGE,
                            "--park-inc: expected the site latitude "
                            "(%.2f) .. 89.9 deg, got '%s'",
                            fabs(r->sp.site_lat) / ILRS_DEG, v);
        r->sp.park_inc = x * ILRS_DEG;
    }
    r->sp.peri_alt_km = r->sp.apo_alt_km = 100;
    if ((v = cli_get(a, "orbit"))) {
        if (pair(v, 'x', &x, &y) || x < 10 || y < x || y > 20000)
            return cli_fail(CMD, CLI_EXIT_USAGE,
                            "--orbit: expected PERIxAPO in km with "
                            "10 <= PERI <= APO <= 20000, got '%s'", v);
        r->sp.peri_alt_km = x;
        r->sp.apo_alt_km = y;
    }
    r->sp.lunar_inc = 90 * ILRS_DEG;
    if ((v = cli_get(a, "inc"))) {
        if (num(v, 0, 180, &x))
            return cli_fail(CMD, CLI_EXIT_USAGE,
                            "--inc: expected 0..180 deg, got '%s'", v);
        r->sp.lunar_inc = x * ILRS_DEG;
    }
    r->sp.tof_s = 4.5 * ILRS_DAY_S;
    if ((v = cli_get(a, "tof"))) {
        if (num(v, 2.5, 6.0, &x))
            return cli_fail(CMD, CLI_EXIT_USAGE,
                            "--tof: expected 2.5..6 days, got '%s'", v);
        r->sp.tof_s = x * ILRS_DAY_S;
    }
    if ((v = cli_get(a, "land"))) {
        if (pair(v, ',', &x, &y) || fabs(x) > 90 || fabs(y) > 360)
            return cli_fail(CMD, CLI_EXIT_USAGE,
                            "--land: expected LAT,LON in degrees, got '%s'",
                            v);
        double ideg = r->sp.lunar_inc / ILRS_DEG;
        if (fabs(x) > fmin(ideg, 180 - ideg) + 1e-9)
            return cli_fail(CMD, CLI_EXIT_USAGE,
                            "--land: latitude %g is out of reach of a "
                            "%g deg orbit (raise --inc)", x,
                            r->sp.lunar_inc / ILRS_DEG);
        r->sp.land = 1;
        r->sp.land_lat = x * ILRS_DEG;
        r->sp.land_lon = y * ILRS_DEG;
    }
    r->threads = 0;
    if ((v = cli_get(a, "threads")) && (num(v, 1, 1024, &x) || x != floor(x)))
        return cli_fail(CMD, CLI_EXIT_USAGE,
                        "--threads: expected 1..1024, got '%s'", v);
    if (v)
        r->threads = (int)x;
    return 0;
}

static void utc(double t, char *buf, size_t n)
{
    ilrs_epoch e;
    if (ilrs_time_from_tdb(t, ILRS_UTC, &e, NULL) < 0 ||
        ilrs_time_format(&e, ILRS_TIME_ISO, 0, buf, n, NULL) < 0)
        snprintf(buf, n, "TDB %+.0f s", t);
}

static const char *status_text(ilrs_transfer_status s)
{
    switch (s) {
    case ILRS_TRANSFER_OK:
        return "ok";
    case ILRS_TRANSFER_PLANE:
        return "no: Moon out of the parking plane's reach";
    case ILRS_TRANSFER_NOCONV:
        return "no: corrector did not converge";
    default:
        return "no: reaches below the surface";
    }
}

static double total(const ilrs_lunar_transfer *t)
{
    return t->tli_dv_kms + t->loi_dv_kms + t->descent_dv_kms;
}

/* The lunar orbit after LOI: drift and, with a landing site, how much of
   a day the site sees the orbiter (5 deg mask). */
typedef struct {
    int ok;
    double node_rate, argp_rate;   /* deg/day, Moon J2 + Earth tide */
    double visible, gap_h;         /* fraction, longest gap (h) */
} orbit_info;

#define VIS_MASK_DEG 5.0

static int lunar_info(const lt_run *r, const ilrs_ephem *eph,
                      const ilrs_lunar_transfer *t, orbit_info *o,
                      ilrs_error *err)
{
    double x[6], v = sqrt(t->x_loi[3] * t->x_loi[3] +
                          t->x_loi[4] * t->x_loi[4] +
                          t->x_loi[5] * t->x_loi[5]);
    memset(o, 0, sizeof *o);
    if (t->status != ILRS_TRANSFER_OK)
        return 0;
    for (int k = 0; k < 3; k++) {   /* the tangential LOI burn */
        x[k] = t->x_loi[k];
        x[3 + k] = t->x_loi[3 + k] * (1 - t->loi_dv_kms / v);
    }
    ilrs_conic c;
    ilrs_lunar_rates rates;
    int st = ilrs_lunar_elements(eph, t->t_loi, x, &c, err);
    if (st < 0)
        return st;
    ilrs_lunar_secular_rates(c.q / (1 - c.e), c.e, c.i, c.argp, 1, 1, &rates);
    o->node_rate = rates.node / ILRS_DEG * ILRS_DAY_S;
    o->argp_rate = rates.argp / ILRS_DEG * ILRS_DAY_S;
    o->ok = 1;
    if (!r->sp.land)
        return 0;
    ilrs_lunar_coverage cov;
    st = ilrs_lunar_site_coverage(eph, x, t->t_loi, ILRS_DAY_S, 60.0,
                                  r->sp.land_lat, r->sp.land_lon,
                                  VIS_MASK_DEG * ILRS_DEG, &cov, err);
    if (st < 0)
        return st;
    o->visible = cov.fraction;
    o->gap_h = cov.longest_gap_s / 3600.0;
    return 0;
}

static void print_table(const lt_run *r, const ilrs_ephem *eph,
                        const ilrs_lunar_transfer *t, const orbit_info *oi)
{
    printf("# source: %s\n", ilrs_ephem_source(eph));
    printf("# site: %s (%.3f, %.3f deg)  parking orbit: %.0f km circular  "
           "TLI to perilune: %.2f d\n",
           r->site_name, r->sp.site_lat / ILRS_DEG, r->sp.site_lon / ILRS_DEG,
           r->sp.park_alt_km, r->sp.tof_s / ILRS_DAY_S);
    printf("# lunar orbit: %.0f x %.0f km, inclination %.1f deg (Moon ME)%s\n",
           r->sp.peri_alt_km, r->sp.apo_alt_km, r->sp.lunar_inc / ILRS_DEG,
           r->sp.land ? "; descent: DOI to 15 km perilune, powered descent "
                        "+15% losses +50 m/s hover" : "");
    printf("# epochs UTC; dv km/s (impulsive); C3 km^2/s^2; node and argp: "
           "drift of the lunar orbit (deg/day, Moon J2 + Earth tide)%s\n",
           r->sp.land ? "; vis: share of the first day in lunar orbit the "
                        "site sees the orbiter above 5 deg" : "");
    printf("%-10s %-19s %-19s %-19s %6s %6s %7s %7s %6s %6s %7s %7s %6s "
           "%6s %5s  %s\n",
           "day", "launch", "TLI", "LOI", "inc", "az", "TLI", "C3", "vinf",
           "LOI", "descent", "total", "node", "argp", "vis", "status");
    for (int i = 0; i < r->ndays; i++) {
        char d[40], l[40], a[40], b[40];
        utc(r->day0 + i * ILRS_DAY_S, d, sizeof d);
        d[10] = '\0';
        if (t[i].status != ILRS_TRANSFER_OK) {
            printf("%-10s %-19s %-19s %-19s %6s %6s %7s %7s %6s %6s %7s %7s "
                   "%6s %6s %5s  %s\n", d, "-", "-", "-", "-", "-", "-", "-",
                   "-", "-", "-", "-", "-", "-", "-",
                   status_text(t[i].status));
            continue;
        }
        utc(t[i].t_launch, l, sizeof l);
        utc(t[i].t_tli, a, sizeof a);
        utc(t[i].t_loi, b, sizeof b);
        char vis[16] = "-";
        if (r->sp.land)
            snprintf(vis, sizeof vis, "%.1f%%", 100 * oi[i].visible);
        printf("%-10s %-19s %-19s %-19s %6.2f %6.1f %7.4f %7.3f %6.3f %6.4f "
               "%7.4f %7.4f %6.2f %6.2f %5s  ok\n",
               d, l, a, b, t[i].park_inc / ILRS_DEG,
               t[i].launch_azimuth / ILRS_DEG, t[i].tli_dv_kms,
               t[i].c3_km2s2, t[i].vinf_moon_kms, t[i].loi_dv_kms,
               t[i].descent_dv_kms, total(&t[i]), oi[i].node_rate,
               oi[i].argp_rate, vis);
    }
}

static json_t *day_json(const lt_run *r, int i, const ilrs_lunar_transfer *t,
                        const orbit_info *oi)
{
    char d[40], l[40], a[40], b[40];
    utc(r->day0 + i * ILRS_DAY_S, d, sizeof d);
    d[10] = '\0';
    json_t *o = json_pack("{s:s, s:b, s:s}", "day", d, "exists",
                          t->status == ILRS_TRANSFER_OK, "status",
                          status_text(t->status));
    if (t->status != ILRS_TRANSFER_OK)
        return o;
    utc(t->t_launch, l, sizeof l);
    utc(t->t_tli, a, sizeof a);
    utc(t->t_loi, b, sizeof b);
    json_object_set_new(o, "launch_utc", json_string(l));
    json_object_set_new(o, "tli_utc", json_string(a));
    json_object_set_new(o, "loi_utc", json_string(b));
    const struct {
        const char *key;
        double v;
    } nums[] = {
        {"launch_tdb_s", t->t_launch},
        {"tli_tdb_s", t->t_tli},
        {"loi_tdb_s", t->t_loi},
        {"coast_s", t->coast_s},
        {"tof_days", (t->t_loi - t->t_tli) / ILRS_DAY_S},
        {"park_inc_deg", t->park_inc / ILRS_DEG},
        {"launch_azimuth_deg", t->launch_azimuth / ILRS_DEG},
        {"tli_dv_kms", t->tli_dv_kms},
        {"tli_dv_first_guess_kms", t->tli_dv_first_kms},
        {"c3_km2s2", t->c3_km2s2},
        {"vinf_moon_kms", t->vinf_moon_kms},
        {"perilune_alt_km", t->peri_alt_km},
        {"loi_dv_kms", t->loi_dv_kms},
    };
    for (size_t k = 0; k < sizeof nums / sizeof nums[0]; k++)
        json_object_set_new(o, nums[k].key, json_real(nums[k].v));
    json_object_set_new(o, "iterations", json_integer(t->iterations));
    json_object_set_new(o, "lunar_inc_deg",
                        json_real(t->lunar_inc / ILRS_DEG));
    json_object_set_new(o, "descent_dv_kms", json_real(t->descent_dv_kms));
    json_object_set_new(o, "total_dv_kms", json_real(total(t)));
    json_object_set_new(o, "orbit_node_rate_deg_per_day",
                        json_real(oi->node_rate));
    json_object_set_new(o, "orbit_argp_rate_deg_per_day",
                        json_real(oi->argp_rate));
    if (r->sp.land) {
        json_object_set_new(o, "site_visible_fraction",
                            json_real(oi->visible));
        json_object_set_new(o, "site_longest_gap_hours",
                            json_real(oi->gap_h));
    }
    return o;
}

static void print_json(const lt_run *r, const ilrs_ephem *eph,
                       const ilrs_lunar_transfer *t, const orbit_info *oi)
{
    json_t *root = json_pack(
        "{s:s, s:s, s:f, s:f, s:f, s:f, s:f, s:f, s:f, s:b}", "source",
        ilrs_ephem_source(eph), "site", r->site_name, "site_lat_deg",
        r->sp.site_lat / ILRS_DEG, "site_lon_deg", r->sp.site_lon / ILRS_DEG,
        "park_alt_km", r->sp.park_alt_km, "tof_days",
        r->sp.tof_s / ILRS_DAY_S, "lunar_peri_alt_km", r->sp.peri_alt_km,
        "lunar_apo_alt_km", r->sp.apo_alt_km, "lunar_inc_deg",
        r->sp.lunar_inc / ILRS_DEG, "landing", r->sp.land);
    json_t *days = json_array();
    for (int i = 0; i < r->ndays; i++)
        json_array_append_new(days, day_json(r, i, &t[i], &oi[i]));
    json_object_set_new(root, "days", days);
    json_object_set_new(root, "units",
                        json_pack("{s:s, s:s, s:s}", "dv", "km/s", "c3",
                                  "km^2/s^2", "epochs", "UTC"));
    char *s = json_dumps(root, JSON_INDENT(2) | JSON_REAL_PRECISION(12));
    if (s)
        puts(s);
    free(s);
    json_decref(root);
}

static int write_oem(const char *path, const ilrs_ephem *eph,
                     const ilrs_lunar_transfer *t)
{
    ilrs_error err = {0, ""};
    int st = cli_lunar_transfer_oem(path, eph, t, "LUNAR TRANSFER", NULL,
                                    "TLI to perilune, ILRS Planner ephemeris "
                                    "model (Earth, Moon, Sun point masses)",
                                    &err);
    return st < 0 ? cli_fail_status(CMD, "--oem", st, &err) : 0;
}

/* Index of the cheapest transfer, -1 if none. */
static int cheapest(const lt_run *r, const ilrs_lunar_transfer *t)
{
    int best = -1;
    for (int i = 0; i < r->ndays; i++)
        if (t[i].status == ILRS_TRANSFER_OK &&
            (best < 0 || total(&t[i]) < total(&t[best])))
            best = i;
    return best;
}

static int outputs(const cli_args *a, const lt_run *r, const ilrs_ephem *eph,
                   const ilrs_lunar_transfer *t)
{
    const char *oem = cli_get(a, "oem"), *plot = cli_get(a, "plot");
    int best = cheapest(r, t), rc = 0;
    if ((oem || plot) && best < 0)
        return cli_fail(CMD, CLI_EXIT_FAIL,
                        "no transfer exists in the period, nothing to write "
                        "to --oem/--plot");
    if (oem)
        rc = write_oem(oem, eph, &t[best]);
    if (plot && !rc) {
        ilrs_error err = {0, ""};
        char title[160], d[40];
        utc(t[best].t_launch, d, sizeof d);
        snprintf(title, sizeof title, "Lunar transfer from %s, launch %s UTC",
                 r->site_name, d);
        int st = ilrs_plot_lunar_transfer(plot, eph, &t[best], t, r->ndays,
                                          r->day0, title, &err);
        if (st < 0)
            rc = cli_fail_status(CMD, "--plot", st, &err);
    }
    return rc;
}

int cmd_lunar_transfer(int argc, char **argv)
{
    cli_args a;
    int rc0 = cli_start(&a, CMD, lt_opts,
                        (int)(sizeof lt_opts / sizeof lt_opts[0]),
                        lt_help, 0, argc, argv);
    if (rc0 != CLI_CONTINUE)
        return rc0;
    lt_run r;
    memset(&r, 0, sizeof r);
    const char *fmt = cli_get(&a, "format");
    if (fmt && strcmp(fmt, "json") && strcmp(fmt, "table"))
        return cli_fail(CMD, CLI_EXIT_USAGE,
                        "--format: expected table or json, got '%s'", fmt);
    r.json = fmt && strcmp(fmt, "json") == 0;
    int rc = parse_site(cli_get(&a, "site"), &r);
    if (!rc)
        rc = parse_days(cli_get(&a, "depart"), cli_get(&a, "launch"), &r);
    if (!rc)
        rc = parse_numbers(&a, &r);
    if (rc)
        return rc;
    ilrs_ephem *eph = NULL;
    if ((rc = cli_open_ephem(CMD, cli_get(&a, "ephemeris"), &eph)))
        return rc;
    ilrs_lunar_transfer *t = calloc((size_t)r.ndays, sizeof *t);
    ilrs_error err = {0, ""};
    int st = t ? ilrs_lunar_transfer_window(eph, &r.sp, r.day0, r.ndays, t,
                                            r.threads, &err)
               : ilrs_error_set(&err, ILRS_ENOMEM, "out of memory");
    if (st < 0) {
        rc = cli_fail_status(CMD, NULL, st, &err);
    } else {
        orbit_info *oi = calloc((size_t)r.ndays, sizeof *oi);
        for (int i = 0; oi && i < r.ndays && st >= 0; i++)
            st = lunar_info(&r, eph, &t[i], &oi[i], &err);
        if (!oi)
            rc = cli_fail(CMD, CLI_EXIT_FAIL, "out of memory");
        else if (st < 0)
            rc = cli_fail_status(CMD, "lunar orbit", st, &err);
        else if (r.json)
            print_json(&r, eph, t, oi);
        else
            print_table(&r, eph, t, oi);
        if (!rc)
            rc = outputs(&a, &r, eph, t);
        free(oi);
    }
    free(t);
    ilrs_ephem_free(eph);
    return rc;
}
