/* cli_plan.c -- `ilrs plan PROGRAM`: the whole program planned in one run:
   validation, registry import, launch windows and transfers per mission,
   landing-site statistics, budget check and payload allocation, then the
   report (cli_plan_out.c). */
#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli_design.h"
#include "cli_plan.h"
#include "ilrs/constants.h"
#include "ilrs/earthmoon_plot.h"
#include "ilrs/oem.h"
#include "ilrs/plot_lunar.h"
#include "ilrs/plot_porkchop.h"
#include "ilrs/registry.h"
#include "ilrs/timeline.h"

static const char plan_help[] =
    "usage: ilrs plan PROGRAM.yaml [--out DIR] [--registry FILE]\n"
    "                 [--ephemeris SPEC] [--threads N] [--quiet]\n"
    "\n"
    "Plans a whole program file. A program with errors stops before any\n"
    "computation, listing every problem. Otherwise it is imported into the\n"
    "registry, and for each mission with a launch date or window:\n"
    "  Moon: the Earth-Moon transfer for each launch day from the launch\n"
    "    site (as 'ilrs lunar-transfer': 200 km parking orbit, 4.5 d to\n"
    "    the mission's lunar_orbit, by default 100 km circular polar,\n"
    "    descent to the landing site if any);\n"
    "  planets and small bodies: the launch window (as 'ilrs window'),\n"
    "    C3 limited by the vehicle's payload-vs-C3 table and launch_mass,\n"
    "    |DLA| by the launch site's latitude, and its porkchop chart;\n"
    "  the mass the vehicle delivers at that C3 against launch_mass.\n"
    "Each landing site used by a lander gets its horizon (DEM named by the\n"
    "site's 'dem', else a smooth sphere), sunlight, Earth/relay link and\n"
    "longest night over one year from the arrival of the first mission\n"
    "landing there (the LOI of its cheapest transfer; with no transfer,\n"
    "the launch window's start + 4.5 d). Then the budget check and the\n"
    "payload allocation. See docs/plan.md.\n"
    "\n"
    "  --out DIR          report directory (default ./ilrs-plan): index.html,\n"
    "                     plan.json, missions.csv, sites.csv, allocation.csv,\n"
    "                     oem/*.oem, plots/*.png\n"
    "  --registry FILE    registry to import into (default DIR/registry.db)\n"
    "  --ephemeris SPEC   analytic | de405 | SPK file path(s) joined by ','\n"
    "                     (default: $ILRS_EPHEMERIS, else DE405, else\n"
    "                     analytic)\n"
    "  --threads N        threads (default: all cores)\n"
    "  --quiet            no progress bar and no summary\n"
    "\n"
    "Exit status: 0 planned (warnings are in the report), 1 the program has\n"
    "errors or the work failed, 2 bad arguments.\n";

static const cli_opt plan_opts[] = {
    {"out", 1, 0},     {"registry", 1, 0}, {"ephemeris", 1, 0},
    {"threads", 1, 0}, {"quiet", 0, 0},    {"help", 0, 0},
};

/* A field as text, "" when not set. */
static const char *fld(const ilrs_program *p, const char *id, const char *f,
                       char *buf, size_t n)
{
    if (ilrs_program_field(p, id, f, buf, n) != ILRS_OK)
        buf[0] = '\0';
    return buf;
}

static double fld_num(const ilrs_program *p, const char *id, const char *f)
{
    char b[128];
    if (!*fld(p, id, f, b, sizeof b))
        return NAN;
    return strtod(b, NULL);
}

static int has_word(const char *list, const char *w)
{
    size_t n = strlen(w);
    for (const char *s = list; (s = strstr(s, w)) != NULL; s += n)
        if ((s == list || s[-1] == ' ' || s[-1] == ',') &&
            (s[n] == '\0' || s[n] == ','))
            return 1;
    return 0;
}

/* "C3 -60 km2/s2: 25000 kg; C3 ..." into the mission's table. */
static void read_table(const char *text, plan_mission *m)
{
    const char *s = text;
    m->ntab = 0;
    while (s && *s && m->ntab < 16) {
        double c3, mass;
        if (sscanf(s, " C3 %lf km2/s2: %lf kg", &c3, &mass) != 2)
            break;
        m->tab_c3[m->ntab] = c3;
        m->tab_mass[m->ntab++] = mass;
        s = strchr(s, ';');
        if (s)
            s++;
    }
}

double plan_capacity(const plan_mission *m, double c3)
{
    if (m->ntab == 0 || !isfinite(c3) || c3 > m->tab_c3[m->ntab - 1])
        return NAN;
    if (c3 <= m->tab_c3[0])
        return m->tab_mass[0];
    for (int k = 1; k < m->ntab; k++)
        if (c3 <= m->tab_c3[k]) {
            double f = (c3 - m->tab_c3[k - 1]) /
                       (m->tab_c3[k] - m->tab_c3[k - 1]);
            return m->tab_mass[k - 1] +
                   f * (m->tab_mass[k] - m->tab_mass[k - 1]);
        }
    return NAN;
}

/* Largest C3 at which the table still lifts `mass`: linear between rows,
   the table's last C3 when even that row lifts more (or no mass is
   given), -INFINITY when the first row lifts less. */
static double c3_for_mass(const plan_mission *m, double mass)
{
    if (m->ntab == 0)
        return INFINITY;
    if (!isfinite(mass))   /* no mass: the table's reach */
        return m->tab_c3[m->ntab - 1];
    if (mass > m->tab_mass[0])
        return -INFINITY;
    for (int k = 1; k < m->ntab; k++)
        if (mass >= m->tab_mass[k]) {
            double dm = m->tab_mass[k - 1] - m->tab_mass[k];
            if (dm <= 0)
                return m->tab_c3[k];
            return m->tab_c3[k - 1] + (m->tab_mass[k - 1] - mass) / dm *
                                          (m->tab_c3[k] - m->tab_c3[k - 1]);
        }
    return m->tab_c3[m->ntab - 1];
}

static void mission_basics(const ilrs_program *p, plan_mission *m)
{
    char b[4096];
    const char *id = m->id;
    fld(p, id, "name", m->name, sizeof m->name);
    fld(p, id, "target", m->target, sizeof m->target);
    fld(p, id, "vehicle", m->vehicle, sizeof m->vehicle);
    fld(p, id, "launch_site", m->lsite, sizeof m->lsite);
    fld(p, id, "landing_site", m->landing, sizeof m->landing);
    fld(p, id, "status", m->status, sizeof m->status);
    fld(p, id, "type", m->types, sizeof m->types);
    fld(p, id, "launch", m->launch_text, sizeof m->launch_text);
    m->has_launch = ilrs_program_launch(p, id, &m->t0, &m->t1) == ILRS_OK;
    m->launch_mass = fld_num(p, id, "launch_mass");
    if (*m->vehicle)
        read_table(fld(p, m->vehicle, "performance", b, sizeof b), m);
    m->has_lsite = *m->lsite != '\0';
    if (m->has_lsite) {
        m->lsite_lat = fld_num(p, m->lsite, "lat");
        m->lsite_lon = fld_num(p, m->lsite, "lon");
    }
    m->lands = has_word(m->types, "lander") || has_word(m->types, "rover") ||
               has_word(m->types, "hopper") ||
               has_word(m->types, "sample-return");
    if (*m->landing) {
        m->land_lat = fld_num(p, m->landing, "lat");
        m->land_lon = fld_num(p, m->landing, "lon");
    }
    double pe = fld_num(p, id, "lunar_orbit.peri_km");
    double ap = fld_num(p, id, "lunar_orbit.apo_km");
    double inc = fld_num(p, id, "lunar_orbit.inc_deg");
    m->lo_given = isfinite(pe) || isfinite(ap) || isfinite(inc);
    m->lo_peri = isfinite(pe) ? pe : PLAN_LUNAR_ORBIT_KM;
    m->lo_apo = isfinite(ap) ? ap : fmax(m->lo_peri, PLAN_LUNAR_ORBIT_KM);
    if (isfinite(pe) && !isfinite(ap))
        m->lo_apo = pe;
    m->lo_inc = isfinite(inc) ? inc : PLAN_LUNAR_INC_DEG;
    m->c3_limit = c3_for_mass(m, m->launch_mass);
    m->dla_limit = m->has_lsite ? fabs(m->lsite_lat) * ILRS_DEG : INFINITY;
    m->capacity = NAN;
    m->c3 = m->dv_total = NAN;
    m->best = -1;
}

/* The target's name as the design module takes it: elements written
   out ("a=...,e=..."), else the whole text, else each comma- or
   space-separated word ("469219 Kamo`oalewa"). */
static int resolve_target(plan_run *r, plan_mission *m)
{
    ilrs_error err = {0, ""};
    if (strchr(m->target, '=')) {
        if (ilrs_target_resolve(r->eph, m->target, NULL, NAN, &m->to,
                                &err) == 0)
            return 0;
        ilrs_diag_add(&m->warn, "target: %s", err.msg);
        return -1;
    }
    char buf[160], first[160];
    snprintf(buf, sizeof buf, "%s", m->target);
    char *comma = strchr(buf, ',');
    if (comma) {
        *comma = '\0';
        ilrs_diag_add(&m->warn, "targets '%s': only the first, '%s', is "
                      "designed", m->target, buf);
    }
    snprintf(first, sizeof first, "%s", buf);
    if (ilrs_target_resolve(r->eph, first, NULL, NAN, &m->to, &err) == 0)
        return 0;
    char *save = NULL;
    for (char *w = strtok_r(buf, " ", &save); w; w = strtok_r(NULL, " ",
                                                             &save))
        if (ilrs_target_resolve(r->eph, w, NULL, NAN, &m->to, &err) == 0)
            return 0;
    return -1;
}

static void classify(plan_run *r, plan_mission *m)
{
    if (!m->has_launch) {
        ilrs_diag_add(&m->warn, "no launch date: nothing designed");
        return;
    }
    if (strcasecmp(m->target, "Moon") == 0) {
        if (!m->has_lsite) {
            ilrs_diag_add(&m->warn, "no launch site: the Earth-Moon "
                          "transfer needs its latitude; nothing designed");
            return;
        }
        m->kind = PK_LUNAR;
        return;
    }
    if (strcasecmp(m->target, "Earth") == 0 || resolve_target(r, m) != 0) {
        ilrs_diag_add(&m->warn, "target '%s' is neither the Moon nor a "
                      "planet or small body the ephemeris or the catalog "
                      "knows: nothing designed", m->target);
        return;
    }
    m->kind = PK_DEEP;
    if (!m->has_lsite)
        ilrs_diag_add(&m->warn, "no launch site: no DLA limit");
}

/* ---- checks before any computation ------------------------------------ */

/* The directory of the program file, for relative DEM paths. */
static void dem_path(const char *file, const char *dem, char *out, size_t n)
{
    const char *slash = strrchr(file, '/');
    size_t k = dem[0] == '/' || !slash ? 0 : (size_t)(slash - file) + 1;
    if (k + strlen(dem) >= n)
        k = 0;
    memcpy(out, file, k);
    memcpy(out + k, dem, strlen(dem) < n - k ? strlen(dem) + 1 : 0);
    out[n - 1] = '\0';
}

/* The DEM of a site no lander uses must still open (a problem in the
   file is one whether or not this run needs it). */
static void dem_unused(const plan_run *r, const char *id, ilrs_diag *d)
{
    char b[1024], path[1024];
    ilrs_dem *dem = NULL;
    ilrs_error err = {0, ""};
    if (!*fld(r->p, id, "dem", b, sizeof b))
        return;
    dem_path(r->file, b, path, sizeof path);
    if (ilrs_dem_open(path, &dem, &err) < 0)
        ilrs_diag_add(d, "%s: landing site %s: dem: %s", r->file, id,
                      err.msg);
    ilrs_dem_close(dem);
}

/* Landing sites used by landers, with their DEMs opened: every problem
   to d. */
static int plan_sites(plan_run *r, ilrs_diag *d)
{
    size_t nls = ilrs_program_count(r->p, ILRS_PK_LANDING_SITE);
    r->s = calloc(nls + 1, sizeof *r->s);
    if (!r->s)
        return ILRS_ENOMEM;
    for (size_t i = 0; i < nls; i++) {
        const char *id = ilrs_program_id(r->p, ILRS_PK_LANDING_SITE, i);
        plan_site *s = &r->s[r->ns];
        s->t0 = INFINITY;
        for (size_t k = 0; k < r->nm; k++) {
            plan_mission *m = &r->m[k];
            if (m->kind != PK_LUNAR || !m->lands || strcmp(m->landing, id))
                continue;
            size_t l = strlen(s->missions);
            snprintf(s->missions + l, sizeof s->missions - l, "%s%s",
                     l ? ", " : "", m->id);
            if (m->t0 < s->t0)
                s->t0 = m->t0;
        }
        if (!s->missions[0]) {
            dem_unused(r, id, d);
            continue;
        }
        s->id = id;
        r->ns++;
        char b[1024];
        fld(r->p, id, "name", s->name, sizeof s->name);
        s->lat = fld_num(r->p, id, "lat");
        s->lon = fld_num(r->p, id, "lon");
        s->t1 = s->t0 + PLAN_SITE_DAYS * ILRS_DAY_S;
        if (!*fld(r->p, id, "dem", b, sizeof b))
            continue;
        dem_path(r->file, b, s->dem_path, sizeof s->dem_path);
        ilrs_error err = {0, ""};
        double h;
        if (ilrs_dem_open(s->dem_path, &s->dem, &err) < 0)
            ilrs_diag_add(d, "%s: landing site %s: dem: %s", r->file, id,
                          err.msg);
        else if (ilrs_dem_height(s->dem, s->lat * ILRS_DEG,
                                 s->lon * ILRS_DEG, &h, &err) < 0)
            ilrs_diag_add(d, "%s: landing site %s: dem: %s does not cover "
                          "the site (%.4f, %.4f deg)", r->file, id,
                          s->dem_path, s->lat, s->lon);
    }
    return 0;
}

static void pre_kinds(plan_run *r);

/* Load, validate, classify; every problem printed. 0 or exit code. */
static int plan_load(plan_run *r)
{
    ilrs_diag d = {0};
    ilrs_error err = {0, ""};
    int st = ilrs_program_load(r->file, &r->p, &d, &err);
    if (st < 0 && d.n == 0)
        ilrs_diag_add(&d, "%s", err.msg);
    int rc = 0;
    if (st >= 0) {
        size_t nm = ilrs_program_count(r->p, ILRS_PK_MISSION);
        r->m = calloc(nm + 1, sizeof *r->m);
        if (!r->m) {
            ilrs_diag_free(&d);
            return cli_fail(PLAN_CMD, CLI_EXIT_FAIL, "out of memory");
        }
        for (size_t i = 0; i < nm; i++) {
            plan_mission *m = &r->m[r->nm++];
            m->id = ilrs_program_id(r->p, ILRS_PK_MISSION, i);
            mission_basics(r->p, m);
        }
        pre_kinds(r);
        if (plan_sites(r, &d) < 0) {
            ilrs_diag_free(&d);
            return cli_fail(PLAN_CMD, CLI_EXIT_FAIL, "out of memory");
        }
    }
    if (d.n) {
        for (size_t i = 0; i < d.n; i++)
            fprintf(stderr, "%s\n", d.msg[i]);
        fprintf(stderr, "ilrs plan: %s: %zu problem%s; nothing planned\n",
                r->file, d.n, d.n == 1 ? "" : "s");
        rc = CLI_EXIT_FAIL;
    }
    ilrs_diag_free(&d);
    return rc;
}

/* Sites need the missions' kinds; kinds need the ephemeris. So the
   landing-site pass of plan_load runs on what the file says: a lunar
   mission is one whose target is the Moon. */
static void pre_kinds(plan_run *r)
{
    for (size_t i = 0; i < r->nm; i++)
        if (r->m[i].has_launch && r->m[i].has_lsite &&
            strcasecmp(r->m[i].target, "Moon") == 0)
            r->m[i].kind = PK_LUNAR;
}

/* ---- directories -------------------------------------------------------- */

static int mkdirs(const char *path)
{
    char b[1200];
    snprintf(b, sizeof b, "%s", path);
    for (char *s = b + 1; *s; s++)
        if (*s == '/') {
            *s = '\0';
            if (mkdir(b, 0777) && errno != EEXIST)
                return -1;
            *s = '/';
        }
    return mkdir(b, 0777) && errno != EEXIST ? -1 : 0;
}

void plan_path(const plan_run *r, const char *name, char *buf, size_t n)
{
    snprintf(buf, n, "%s/%s", r->staging, name);
}

/* Remove the staging directory and what is in it (two levels: the
   report's own layout). */
static void rm_tree(const char *path, int depth)
{
    DIR *d = opendir(path);
    struct dirent *e;
    while (d && (e = readdir(d)) != NULL) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        char b[1400];
        snprintf(b, sizeof b, "%s/%s", path, e->d_name);
        struct stat sb;
        if (lstat(b, &sb) == 0 && S_ISDIR(sb.st_mode) && depth > 0)
            rm_tree(b, depth - 1);
        else
            unlink(b);
    }
    if (d)
        closedir(d);
    rmdir(path);
}

/* Move the staged report into DIR, file by file (each rename atomic),
   index.html last. */
static int publish_dir(const plan_run *r, const char *sub)
{
    char from[1400], to[1400];
    snprintf(from, sizeof from, "%s/%s", r->staging, sub);
    snprintf(to, sizeof to, "%s/%s", r->outdir, sub);
    DIR *d = opendir(from);
    if (!d)
        return 0;
    int rc = mkdirs(to);
    struct dirent *e;
    while (!rc && (e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        char a[1700], b[1700];
        snprintf(a, sizeof a, "%s/%s", from, e->d_name);
        snprintf(b, sizeof b, "%s/%s", to, e->d_name);
        rc = rename(a, b);
    }
    closedir(d);
    return rc;
}

static int publish(const plan_run *r)
{
    const char *files[] = {"plan.json", "missions.csv", "sites.csv",
                           "allocation.csv", "index.html"};
    if (publish_dir(r, "plots") || publish_dir(r, "oem"))
        return -1;
    for (size_t k = 0; k < sizeof files / sizeof files[0]; k++) {
        char a[1400], b[1400];
        snprintf(a, sizeof a, "%s/%s", r->staging, files[k]);
        snprintf(b, sizeof b, "%s/%s", r->outdir, files[k]);
        if (rename(a, b))
            return -1;
    }
    return 0;
}

/* ---- the work ----------------------------------------------------------- */

static double mission_weight(const plan_mission *m)
{
    if (m->kind == PK_LUNAR)
        return (double)m->ndays;
    return m->kind == PK_DEEP ? 20.0 : 0.0;
}

static void lunar_setup(plan_mission *m)
{
    ilrs_lunar_transfer_spec *sp = &m->lsp;
    memset(sp, 0, sizeof *sp);
    sp->site_lat = m->lsite_lat * ILRS_DEG;
    sp->site_lon = m->lsite_lon * ILRS_DEG;
    sp->park_alt_km = PLAN_PARK_ALT_KM;
    sp->tof_s = PLAN_LUNAR_TOF_D * ILRS_DAY_S;
    sp->peri_alt_km = m->lo_peri;
    sp->apo_alt_km = m->lo_apo;
    sp->lunar_inc = m->lo_inc * ILRS_DEG;
    if (m->lands && m->landing[0]) {
        sp->land = 1;
        sp->land_lat = m->land_lat * ILRS_DEG;
        sp->land_lon = m->land_lon * ILRS_DEG;
    }
    m->day0 = m->t0;
    double n = floor((m->t1 - m->t0) / ILRS_DAY_S + 1e-6);
    m->ndays = n < 1 ? 1 : n > 366 ? 366 : (int)n;
    if (n > 366)
        ilrs_diag_add(&m->warn, "launch window longer than 366 days: only "
                      "its first 366 days are searched");
}

static double lunar_total(const ilrs_lunar_transfer *t)
{
    return t->tli_dv_kms + t->loi_dv_kms + t->descent_dv_kms;
}

/* After the pool: the cheapest day, or a warning. */
static void lunar_finish(plan_mission *m, const ilrs_error *err)
{
    if (err->code < 0) {
        ilrs_diag_add(&m->warn, "Earth-Moon transfer: %s", err->msg);
        return;
    }
    for (int i = 0; i < m->ndays; i++)
        if (m->days[i].status == ILRS_TRANSFER_OK &&
            (m->best < 0 ||
             lunar_total(&m->days[i]) < lunar_total(&m->days[m->best])))
            m->best = i;
    if (m->best < 0) {
        ilrs_diag_add(&m->warn, "no Earth-Moon transfer on any launch day");
        return;
    }
    const ilrs_lunar_transfer *b = &m->days[m->best];
    m->done = 1;
    m->c3 = b->c3_km2s2;
    m->dv_total = lunar_total(b);
}

/* Semi-major axis (km) of a body's heliocentric orbit at t. */
static double helio_a(const plan_run *r, int id, double t)
{
    double x[6];
    if (ilrs_ephem_state(r->eph, id, 10, t, x, NULL) < 0)
        return NAN;
    double rr = sqrt(x[0] * x[0] + x[1] * x[1] + x[2] * x[2]);
    double v2 = x[3] * x[3] + x[4] * x[4] + x[5] * x[5];
    return 1.0 / (2.0 / rr - v2 / ILRS_GM_SUN);
}

/* Window settings: time of flight from the Hohmann time th between the
   two orbits' semi-major axes, [max(60 d, 0.3 th), max(2 th, 730 d)];
   grid step 1 d, doubled until at most 2e6 cells. */
static void deep_setup(plan_run *r, plan_mission *m)
{
    ilrs_window_spec *s = &m->ws;
    memset(s, 0, sizeof *s);
    s->from = r->earth.id;
    s->to = m->to.id;
    s->dep0 = m->t0;
    double n = floor((m->t1 - m->t0) / ILRS_DAY_S + 1e-6);
    s->dep1 = m->t0 + (n > 1 ? n - 1 : 0) * ILRS_DAY_S;
    double a1 = helio_a(r, r->earth.id, m->t0), a2 = helio_a(r, m->to.id,
                                                              m->t0);
    double am = 0.5 * (a1 + a2);
    double th = isfinite(am) && am > 0
                    ? ILRS_PI * sqrt(am * am * am / ILRS_GM_SUN)
                    : 365.25 * ILRS_DAY_S;
    s->tof_min = ILRS_DAY_S * round(fmax(60.0, 0.3 * th / ILRS_DAY_S));
    s->tof_max = ILRS_DAY_S * round(fmax(2.0 * th, 730.0 * ILRS_DAY_S) /
                                    ILRS_DAY_S);
    s->step = ILRS_DAY_S;
    for (;;) {
        double cells = (floor((s->dep1 - s->dep0) / s->step + 1e-6) + 1) *
                       (floor((s->tof_max - s->tof_min) / s->step + 1e-6) +
                        1);
        if (cells <= 2e6)
            break;
        s->step *= 2;
    }
    s->max_revs = 0;
    ilrs_budget_default(s->from, s->to, &s->budget);
    int flyby = !m->lands && !has_word(m->types, "orbiter");
    if (flyby)
        s->budget.arrive = ILRS_ARRIVE_FLYBY;
    s->objective = flyby ? ILRS_OBJ_C3 : ILRS_OBJ_DV;
    s->c3_max = m->c3_limit;
    s->dla_max = m->dla_limit;
    s->vinf_arr_max = INFINITY;
    s->nthreads = r->threads;
}

/* The porkchop chart's grid: the departure period (at least 60 days,
   centred on the optimum) against the arrivals it reaches, 120 x 120. */
static int deep_porkchop(plan_run *r, plan_mission *m, ilrs_error *err)
{
    const ilrs_window_spec *s = &m->ws;
    double d0 = s->dep0, d1 = s->dep1;
    if (d1 - d0 < 60 * ILRS_DAY_S) {
        double c = m->win.optimum.t_dep;
        d0 = c - 30 * ILRS_DAY_S;
        d1 = c + 30 * ILRS_DAY_S;
    }
    const size_t n = 120;
    int st = ilrs_porkchop_new(n, n, &m->pc, err);
    if (st < 0)
        return st;
    ilrs_porkchop_spec *ps = &m->ps;
    memset(ps, 0, sizeof *ps);
    ps->from = s->from;
    ps->to = s->to;
    ps->dep0 = d0;
    ps->dep_step = (d1 - d0) / (double)(n - 1);
    ps->arr0 = d0 + s->tof_min;
    ps->arr_step = (d1 + s->tof_max - ps->arr0) / (double)(n - 1);
    ps->objective = s->objective;
    ps->budget = s->budget;
    ps->nthreads = r->threads;
    return ilrs_porkchop_compute(m->pc, r->eph, ps, err);
}

static int deep_run(plan_run *r, plan_mission *m)
{
    ilrs_error err = {0, ""};
    char label[96];
    snprintf(label, sizeof label, "%s: launch window to %s", m->id,
             m->to.name);
    cli_progress_label(&r->bar, label);
    deep_setup(r, m);
    /* Both limits, then without the DLA limit, without the C3 limit,
       without either: the first that finds a transfer. */
    const double dla = m->ws.dla_max, c3 = m->ws.c3_max;
    int st = 0;
    for (int k = 0; k < 4 && st >= 0 && !m->win.found; k++) {
        if ((k & 1 && dla == INFINITY) || (k & 2 && c3 == INFINITY))
            continue;   /* nothing to relax */
        m->ws.dla_max = k & 1 ? INFINITY : dla;
        m->ws.c3_max = k & 2 ? INFINITY : c3;
        m->dla_relaxed = k & 1;
        m->c3_relaxed = (k & 2) != 0;
        ilrs_window_free(&m->win);
        memset(&m->win, 0, sizeof m->win);
        st = ilrs_window_search(r->eph, &m->ws, &m->win, &err);
    }
    cli_progress_add(&r->bar, mission_weight(m));
    if (st < 0) {
        ilrs_diag_add(&m->warn, "launch window: %s", err.msg);
        return 0;
    }
    if (!m->win.found) {
        ilrs_diag_add(&m->warn, "no transfer in the launch window");
        return 0;
    }
    if (m->dla_relaxed)
        ilrs_diag_add(&m->warn, "no transfer with |DLA| <= %.1f deg (the "
                      "launch site's latitude): shown without the DLA "
                      "limit (needs a dogleg or a higher parking "
                      "inclination, at a cost in payload)",
                      m->dla_limit / ILRS_DEG);
    if (m->c3_relaxed && !isfinite(m->c3_limit))
        ilrs_diag_add(&m->warn, "%s cannot lift the launch mass %.0f kg at "
                      "any C3 of its table (%.0f kg at most): shown without "
                      "the C3 limit", m->vehicle, m->launch_mass,
                      m->tab_mass[0]);
    else if (m->c3_relaxed)
        ilrs_diag_add(&m->warn, "no transfer with C3 <= %.2f km2/s2 (%s's "
                      "reach%s): shown without the C3 limit", m->c3_limit,
                      m->vehicle, isfinite(m->launch_mass)
                                      ? " for the launch mass"
                                      : " by its table");
    if (m->win.edge & (ILRS_EDGE_DEP0 | ILRS_EDGE_DEP1))
        ilrs_diag_add(&m->warn, "the least-cost launch is on the %s day of "
                      "the launch window: the opportunity's best may lie "
                      "outside it", m->win.edge & ILRS_EDGE_DEP0 ? "first"
                                                                 : "last");
    m->done = 1;
    m->c3 = m->win.optimum.c3;
    m->dv_total = m->win.optimum.dv_total;
    if (deep_porkchop(r, m, &err) < 0)
        ilrs_diag_add(&m->warn, "porkchop chart: %s", err.msg);
    return 0;
}

/* Vehicle capacity at the transfer's C3 against launch_mass. */
static void mass_check(plan_mission *m)
{
    if (!m->done)
        return;
    if (!m->vehicle[0]) {
        ilrs_diag_add(&m->warn, "no launch vehicle: payload capacity unknown");
        return;
    }
    if (m->ntab == 0) {
        ilrs_diag_add(&m->warn, "vehicle %s has no performance table: "
                      "payload capacity unknown", m->vehicle);
        return;
    }
    m->capacity = plan_capacity(m, m->c3);
    if (!isfinite(m->capacity))
        ilrs_diag_add(&m->warn, "C3 %.2f km2/s2 is beyond %s's performance "
                      "table (last C3 %.6g)", m->c3, m->vehicle,
                      m->tab_c3[m->ntab - 1]);
    else if (isfinite(m->launch_mass) && m->capacity < m->launch_mass)
        ilrs_diag_add(&m->warn, "%s lifts %.0f kg at C3 %.2f km2/s2, less "
                      "than the launch mass %.0f kg", m->vehicle,
                      m->capacity, m->c3, m->launch_mass);
}

/* An Earth-Moon L2 relay mission: its target names L2. */
static int l2_target(const char *target)
{
    return strstr(target, "L2") != NULL || strstr(target, "l2") != NULL;
}

/* Far side: more than 90 deg of longitude from the sub-Earth meridian. */
static int far_side(double lon_deg)
{
    double l = fmod(lon_deg + 540.0, 360.0) - 180.0;
    return fabs(l) > 90.0;
}

/* The relay: of the relay missions launched by the start of the site's
   period, the latest one that serves the site: a lunar relay (target
   Moon: the Queqiao-2 preset orbit) for any site, an Earth-Moon L2 relay
   (the Queqiao L2 halo preset) for far-side sites. */
static void site_relay(plan_run *r, plan_site *s)
{
    const plan_mission *best = NULL;
    for (size_t i = 0; i < r->nm; i++) {
        const plan_mission *m = &r->m[i];
        if (!has_word(m->types, "relay") || !m->has_launch || m->t0 > s->t0)
            continue;
        int moon = !strcasecmp(m->target, "Moon");
        int l2 = l2_target(m->target) && far_side(s->lon);
        if ((moon || l2) && (!best || m->t0 >= best->t0))
            best = m;
    }
    if (!best)
        return;
    s->relay_l2 = strcasecmp(best->target, "Moon") != 0;
    const char *preset = s->relay_l2 ? "queqiao" : "queqiao2";
    ilrs_error err = {0, ""};
    if (ilrs_relay_parse(preset, &s->relay, &err) == 0) {
        s->has_relay = 1;
        snprintf(s->relay_name, sizeof s->relay_name, "%s (%s)", best->id,
                 s->relay_l2 ? "queqiao L2 halo preset"
                             : "queqiao2 preset orbit");
    } else {
        ilrs_diag_add(&r->warn, "landing site %s: relay %s: %s", s->id,
                      best->id, err.msg);
    }
}

static int site_one(plan_run *r, plan_site *s)
{
    ilrs_horizon_opts ho;
    ilrs_horizon_opts_default(&ho);
    s->naz = ho.naz;
    s->horizon = malloc(sizeof(double) * (size_t)s->naz);
    if (!s->horizon)
        return ilrs_error_set(&s->err, ILRS_ENOMEM, "out of memory");
    ilrs_site_query q;
    memset(&q, 0, sizeof q);
    int st = cli_site_setup(s->dem, s->lat * ILRS_DEG, s->lon * ILRS_DEG,
                            &ho, s->horizon, &s->terrain_km, &q, &s->err);
    if (st < 0)
        return st;
    q.t0 = s->t0;
    q.t1 = s->t1;
    q.step = PLAN_SITE_STEP_S;
    q.relay = s->has_relay ? &s->relay : NULL;
    return ilrs_site_analyze(r->eph, &q, &s->st, &s->err);
}

/* ---- the pool: lunar launch days and landing sites ---------------------- */

/* One job: days d0 .. d0+n-1 of a lunar mission, or a landing site. */
typedef struct {
    plan_mission *m;          /* NULL: site job */
    plan_site *s;
    int d0, n;
    ilrs_error err;
} plan_job;

typedef struct {
    plan_run *r;
    plan_job *jobs;
    size_t njobs;
    atomic_size_t next;
    atomic_size_t units;      /* work done, in progress units */
} plan_pool;

#define PLAN_DAYS_PER_JOB 4

static void *pool_worker(void *ctx)
{
    plan_pool *pp = ctx;
    for (;;) {
        size_t k = atomic_fetch_add(&pp->next, 1);
        if (k >= pp->njobs)
            return NULL;
        plan_job *j = &pp->jobs[k];
        if (j->m) {
            ilrs_lunar_transfer_window(pp->r->eph, &j->m->lsp,
                                       j->m->day0 + j->d0 * ILRS_DAY_S, j->n,
                                       j->m->days + j->d0, 1, &j->err);
            atomic_fetch_add(&pp->units, (size_t)j->n);
        } else {
            j->s->status = site_one(pp->r, j->s);
            atomic_fetch_add(&pp->units, 10);
        }
    }
}

/* The job list: phase 0, every lunar day chunk; phase 1, the sites
   (their period starts at the arrival of the first mission landing there,
   known once the transfers are). */
static plan_job *pool_jobs(plan_run *r, int phase, size_t *n)
{
    size_t cap = r->ns + 1;
    for (size_t i = 0; i < r->nm; i++)
        if (r->m[i].kind == PK_LUNAR)
            cap += (size_t)r->m[i].ndays / PLAN_DAYS_PER_JOB + 1;
    plan_job *jobs = calloc(cap, sizeof *jobs);
    *n = 0;
    if (!jobs)
        return NULL;
    for (size_t i = 0; phase == 1 && i < r->ns; i++)
        jobs[(*n)++].s = &r->s[i];
    for (size_t i = 0; phase == 0 && i < r->nm; i++) {
        plan_mission *m = &r->m[i];
        if (m->kind != PK_LUNAR)
            continue;
        for (int d = 0; d < m->ndays; d += PLAN_DAYS_PER_JOB) {
            plan_job *j = &jobs[(*n)++];
            j->m = m;
            j->d0 = d;
            j->n = m->ndays - d < PLAN_DAYS_PER_JOB ? m->ndays - d
                                                     : PLAN_DAYS_PER_JOB;
        }
    }
    return jobs;
}

/* Results per mission (phase 0) or site (phase 1), once every job of the
   phase is done. */
static void pool_finish(plan_run *r, int phase, const plan_pool *pp)
{
    for (size_t i = 0; phase == 0 && i < r->nm; i++) {
        plan_mission *m = &r->m[i];
        ilrs_error err = {0, ""};
        if (m->kind != PK_LUNAR)
            continue;
        for (size_t k = 0; k < pp->njobs && !err.code; k++)
            if (pp->jobs[k].m == m && pp->jobs[k].err.code < 0)
                err = pp->jobs[k].err;
        lunar_finish(m, &err);
    }
    for (size_t i = 0; phase == 1 && i < r->ns; i++)
        if (r->s[i].status < 0)
            ilrs_diag_add(&r->warn, "landing site %s: %s", r->s[i].id,
                          r->s[i].err.msg);
}

/* A lunar mission's arrival: the cheapest transfer's LOI, else (no
   transfer) the launch window's start plus the planned flight time. */
static double arrival(const plan_mission *m, int *planned)
{
    *planned = !(m->done && m->best >= 0 && m->days);
    return *planned ? m->t0 + PLAN_LUNAR_TOF_D * ILRS_DAY_S
                    : m->days[m->best].t_loi;
}

/* Each site's period: one year from the earliest arrival of the missions
   landing there. */
static void site_periods(plan_run *r)
{
    for (size_t i = 0; i < r->ns; i++) {
        plan_site *s = &r->s[i];
        s->t0 = INFINITY;
        for (size_t k = 0; k < r->nm; k++) {
            const plan_mission *m = &r->m[k];
            int planned;
            if (m->kind != PK_LUNAR || !m->lands || strcmp(m->landing, s->id))
                continue;
            double t = arrival(m, &planned);
            if (t < s->t0) {
                s->t0 = t;
                snprintf(s->start_by, sizeof s->start_by, "%s %s", m->id,
                         planned ? "launch window start + 4.5 d (no "
                                   "transfer found)"
                                 : "arrival (LOI of its cheapest transfer)");
            }
        }
        /* To the whole UTC second plan.json prints, so that 'ilrs site'
           with that period takes the same samples. */
        char b[64], u[80];
        double t;
        plan_utc(s->t0, b, sizeof b);
        snprintf(u, sizeof u, "%s UTC", b);
        if (ilrs_time_parse_tdb(u, &t, NULL) == 0)
            s->t0 = t;
        s->t1 = s->t0 + PLAN_SITE_DAYS * ILRS_DAY_S;
    }
}

/* Run one phase's jobs on the threads, the progress bar drawn from this
   thread. */
static int pool_phase(plan_run *r, int phase)
{
    plan_pool pp = {r, NULL, 0, 0, 0};
    pp.jobs = pool_jobs(r, phase, &pp.njobs);
    if (!pp.jobs)
        return cli_fail(PLAN_CMD, CLI_EXIT_FAIL, "out of memory");
    int nt = r->threads > 0 ? r->threads : ilrs_ncpu();
    pthread_t *tid = calloc((size_t)nt, sizeof *tid);
    char *up = calloc((size_t)nt, 1);
    char label[96];
    snprintf(label, sizeof label, "%s (%d thread%s)",
             phase ? "landing sites" : "Earth-Moon transfers", nt,
             nt == 1 ? "" : "s");
    if (pp.njobs)
        cli_progress_label(&r->bar, label);
    for (int i = 0; tid && up && i < nt; i++)
        up[i] = pthread_create(&tid[i], NULL, pool_worker, &pp) == 0;
    int any = 0;
    for (int i = 0; tid && up && i < nt; i++)
        any |= up[i];
    if (!any)
        pool_worker(&pp);
    double shown = 0;
    while (atomic_load(&pp.next) < pp.njobs) {
        struct timespec ts = {0, 100000000L};
        nanosleep(&ts, NULL);
        double u = (double)atomic_load(&pp.units);
        cli_progress_add(&r->bar, u - shown);
        shown = u;
    }
    for (int i = 0; tid && up && i < nt; i++)
        if (up[i])
            pthread_join(tid[i], NULL);
    cli_progress_add(&r->bar, (double)atomic_load(&pp.units) - shown);
    pool_finish(r, phase, &pp);
    free(tid);
    free(up);
    free(pp.jobs);
    return 0;
}

/* The transfers, then each site from its mission's arrival. */
static int pool_run(plan_run *r)
{
    for (size_t i = 0; i < r->nm; i++)
        if (r->m[i].kind == PK_LUNAR &&
            !(r->m[i].days = calloc((size_t)r->m[i].ndays,
                                    sizeof *r->m[i].days)))
            return cli_fail(PLAN_CMD, CLI_EXIT_FAIL, "out of memory");
    int rc = pool_phase(r, 0);
    if (rc)
        return rc;
    site_periods(r);
    for (size_t i = 0; i < r->ns; i++)
        site_relay(r, &r->s[i]);
    return pool_phase(r, 1);
}

/* Budget check of the program's own assignments, then the allocation. */
static int allocate(plan_run *r)
{
    ilrs_error err = {0, ""};
    cli_progress_label(&r->bar, "budget check and payload allocation");
    int st = ilrs_program_view_make(r->p, &r->v, &err);
    if (st < 0)
        return cli_fail(PLAN_CMD, CLI_EXIT_FAIL, "%s", err.msg);
    r->have_view = 1;
    st = ilrs_program_check(&r->v, NULL, 1e-9, NULL, &r->check);
    if (st < 0)
        return cli_fail(PLAN_CMD, CLI_EXIT_FAIL, "out of memory");
    ilrs_alloc_options o = {60.0, 0.0};
    r->alloc_status = ilrs_alloc_solve(&r->v, &o, &r->alloc, &err);
    if (r->alloc_status < 0) {
        snprintf(r->alloc_msg, sizeof r->alloc_msg, "%s", err.msg);
        ilrs_diag_add(&r->warn, "payload allocation: %s", err.msg);
    } else if (r->alloc_status > 0) {
        ilrs_diag_add(&r->warn, "payload allocation stopped at the time "
                      "limit: not proven optimal (bound %.6g)",
                      r->alloc.bound);
    }
    cli_progress_add(&r->bar, 5.0);
    return 0;
}

/* ---- charts and trajectories ------------------------------------------- */

/* The lunar transfer as an OEM: TLI to perilune every 10 minutes. */
static int lunar_oem(plan_run *r, plan_mission *m, const char *path,
                     ilrs_error *err)
{
    char c[200];
    snprintf(c, sizeof c, "%s: TLI to perilune, ephemeris model (Earth, "
             "Moon, Sun point masses)", m->id);
    return cli_lunar_transfer_oem(path, r->eph, &m->days[m->best], m->name,
                                  m->id, c, err);
}

static void mission_files(plan_run *r, plan_mission *m)
{
    ilrs_error err = {0, ""};
    char path[1400], title[200], d[40];
    if (!m->done)
        return;
    snprintf(m->plot, sizeof m->plot, "plots/%s.png", m->id);
    snprintf(m->oem, sizeof m->oem, "oem/%s.oem", m->id);
    plan_path(r, m->plot, path, sizeof path);
    int st = 0;
    if (m->kind == PK_LUNAR) {
        plan_utc(m->days[m->best].t_launch, d, sizeof d);
        snprintf(title, sizeof title, "%s from %s, launch %s UTC", m->id,
                 m->lsite, d);
        st = ilrs_plot_lunar_transfer(path, r->eph, &m->days[m->best],
                                      m->days, m->ndays, m->day0, title,
                                      &err);
    } else if (m->pc) {
        /* The star on the plan's transfer (the limits applied), at its
           nearest cell. */
        double fi = (m->win.optimum.t_dep - m->ps.dep0) / m->ps.dep_step;
        double fj = (m->win.optimum.t_arr - m->ps.arr0) / m->ps.arr_step;
        size_t i = (size_t)fmin(fmax(round(fi), 0), m->pc->ndep - 1);
        size_t j = (size_t)fmin(fmax(round(fj), 0), m->pc->narr - 1);
        st = ilrs_porkchop_plot(path, m->pc, "EARTH", m->to.name,
                                ilrs_ephem_source(r->eph), i, j,
                                "the plan's transfer", &err);
    } else {
        m->plot[0] = '\0';
    }
    if (st < 0) {
        ilrs_diag_add(&m->warn, "chart: %s", err.msg);
        m->plot[0] = '\0';
    }
    plan_path(r, m->oem, path, sizeof path);
    if (m->kind == PK_LUNAR)
        st = lunar_oem(r, m, path, &err);
    else
        st = design_oem(path, r->eph, &m->ws, &m->win.optimum, m->to.name)
                 ? ilrs_error_set(&err, ILRS_EIO, "cannot write %s", path)
                 : 0;
    if (st < 0) {
        ilrs_diag_add(&m->warn, "trajectory file: %s", err.msg);
        m->oem[0] = '\0';
    }
}

static void site_files(plan_run *r, plan_site *s)
{
    ilrs_error err = {0, ""};
    char path[1400];
    if (s->status < 0)
        return;
    snprintf(s->plot, sizeof s->plot, "plots/site-%s.png", s->id);
    plan_path(r, s->plot, path, sizeof path);
    if (ilrs_plot_site_horizon(path, s->horizon, s->naz, &s->st,
                               s->dem ? s->dem_path : "smooth sphere",
                               s->lat, s->lon, &err) < 0) {
        ilrs_diag_add(&r->warn, "landing site %s: chart: %s", s->id,
                      err.msg);
        s->plot[0] = '\0';
    }
}

static void files(plan_run *r)
{
    ilrs_error err = {0, ""};
    char path[1400];
    cli_progress_label(&r->bar, "charts and trajectory files");
    snprintf(r->timeline, sizeof r->timeline, "plots/timeline.png");
    plan_path(r, r->timeline, path, sizeof path);
    if (ilrs_timeline_plot(r->p, path, &err) < 0) {
        ilrs_diag_add(&r->warn, "timeline chart: %s", err.msg);
        r->timeline[0] = '\0';
    }
    for (size_t i = 0; i < r->nm; i++)
        mission_files(r, &r->m[i]);
    for (size_t i = 0; i < r->ns; i++)
        site_files(r, &r->s[i]);
    cli_progress_add(&r->bar, 5.0);
}

/* ---- the command -------------------------------------------------------- */

static int plan_args(plan_run *r, int argc, char **argv, int *done)
{
    cli_args a;
    *done = 0;
    int rc0 = cli_start(&a, PLAN_CMD, plan_opts,
                        (int)(sizeof plan_opts / sizeof plan_opts[0]),
                        plan_help, CLI_MAX_ARGS, argc, argv);
    if (rc0 != CLI_CONTINUE) {
        *done = rc0 == 0;
        return rc0;
    }
    if (a.npos != 1)
        return cli_fail(PLAN_CMD, CLI_EXIT_USAGE, a.npos ? "one program file "
                        "expected, got '%s' too" : "a program file is "
                        "required (ilrs plan PROGRAM.yaml)",
                        a.npos ? a.pos[1] : "");
    r->file = a.pos[0];
    r->outdir = cli_get(&a, "out") ? cli_get(&a, "out") : "ilrs-plan";
    r->registry = cli_get(&a, "registry");
    r->quiet = cli_has(&a, "quiet");
    if (!*r->outdir || strlen(r->outdir) > 1000)
        return cli_fail(PLAN_CMD, CLI_EXIT_USAGE, "--out: expected a "
                        "directory name of 1 to 1000 characters");
    const char *t = cli_get(&a, "threads");
    double x = 0;
    if (t && (cli_number(PLAN_CMD, "threads", t, 1, 1024, &x) ||
              x != floor(x)))
        return x != floor(x) ? cli_fail(PLAN_CMD, CLI_EXIT_USAGE,
                                        "--threads: expected a whole number, "
                                        "got '%s'", t)
                             : CLI_EXIT_USAGE;
    r->threads = (int)x;
    struct stat sb;
    if (stat(r->file, &sb) != 0)
        return cli_fail(PLAN_CMD, CLI_EXIT_USAGE, "%s: %s", r->file,
                        strerror(errno));
    return cli_open_ephem(PLAN_CMD, cli_get(&a, "ephemeris"), &r->eph);
}

static int import(plan_run *r)
{
    ilrs_error err = {0, ""};
    ilrs_registry *reg;
    ilrs_import_stats is;
    if (r->registry)
        snprintf(r->reg_path, sizeof r->reg_path, "%s", r->registry);
    else
        snprintf(r->reg_path, sizeof r->reg_path, "%s/registry.db",
                 r->outdir);
    int st = ilrs_registry_open(r->reg_path, 1, &reg, &err);
    if (st >= 0) {
        const char *user = getenv("USER");
        st = ilrs_registry_import(reg, r->p, user ? user : "ilrs", 0, NULL,
                                  NULL, &is, &err);
        ilrs_registry_close(reg);
    }
    return st < 0 ? cli_fail(PLAN_CMD, CLI_EXIT_FAIL, "registry %s: %s",
                             r->reg_path, err.msg)
                  : 0;
}

static int compute(plan_run *r)
{
    ilrs_error err = {0, ""};
    if (ilrs_target_resolve(r->eph, "Earth", NULL, NAN, &r->earth, &err) < 0)
        return cli_fail(PLAN_CMD, CLI_EXIT_FAIL, "%s", err.msg);
    double total = 20.0;
    for (size_t i = 0; i < r->nm; i++) {
        plan_mission *m = &r->m[i];
        m->kind = PK_NONE;
        classify(r, m);
        if (m->kind == PK_LUNAR)
            lunar_setup(m);
        total += mission_weight(m);
    }
    total += 10.0 * (double)r->ns;
    cli_progress_start(&r->bar, total, r->quiet);
    int rc = pool_run(r);
    for (size_t i = 0; !rc && i < r->nm; i++) {
        if (r->m[i].kind == PK_DEEP)
            deep_run(r, &r->m[i]);
        mass_check(&r->m[i]);
    }
    if (!rc)
        rc = allocate(r);
    if (!rc)
        files(r);
    return rc;
}

static int report(plan_run *r)
{
    cli_progress_label(&r->bar, "report");
    int st = plan_write_json(r);
    if (!st)
        st = plan_write_csv(r);
    if (!st)
        st = plan_write_html(r);
    cli_progress_add(&r->bar, 5.0);
    if (st)
        return st;
    if (publish(r))
        return cli_fail(PLAN_CMD, CLI_EXIT_FAIL, "%s: cannot move the "
                        "report into place: %s", r->outdir, strerror(errno));
    return 0;
}

static void summary(const plan_run *r)
{
    size_t done = 0, warn = r->warn.n;
    for (size_t i = 0; i < r->nm; i++) {
        done += r->m[i].done != 0;
        warn += r->m[i].warn.n;
    }
    printf("ilrs plan: %s: %zu missions (%zu with a transfer), %zu landing "
           "site%s, %zu warning%s, %.1f s\n", r->file, r->nm, done, r->ns,
           r->ns == 1 ? "" : "s", warn, warn == 1 ? "" : "s", r->seconds);
    printf("report:   %s/index.html\nregistry: %s\n", r->outdir, r->reg_path);
}

static void plan_free(plan_run *r)
{
    for (size_t i = 0; i < r->nm; i++) {
        free(r->m[i].days);
        ilrs_window_free(&r->m[i].win);
        ilrs_porkchop_free(r->m[i].pc);
        ilrs_diag_free(&r->m[i].warn);
    }
    for (size_t i = 0; i < r->ns; i++) {
        ilrs_dem_close(r->s[i].dem);
        free(r->s[i].horizon);
        ilrs_site_stats_free(&r->s[i].st);
    }
    free(r->m);
    free(r->s);
    if (r->have_view)
        ilrs_program_view_free(&r->v);
    if (r->alloc.mission)
        ilrs_alloc_plan_free(&r->alloc);
    ilrs_diag_free(&r->check);
    ilrs_diag_free(&r->warn);
    ilrs_program_free(r->p);
    ilrs_ephem_free(r->eph);
}

int cmd_plan(int argc, char **argv)
{
    plan_run r;
    memset(&r, 0, sizeof r);
    int done, rc = plan_args(&r, argc, argv, &done);
    if (!rc && !done)
        rc = plan_load(&r);
    if (!rc && !done) {
        struct stat sb;
        if (mkdirs(r.outdir))
            rc = cli_fail(PLAN_CMD, CLI_EXIT_FAIL, "--out %s: %s", r.outdir,
                          strerror(errno));
        else if (stat(r.outdir, &sb) || !S_ISDIR(sb.st_mode))
            rc = cli_fail(PLAN_CMD, CLI_EXIT_FAIL, "--out %s: not a "
                          "directory", r.outdir);
        if (!rc)
            snprintf(r.staging, sizeof r.staging, "%s/.staging-%ld",
                     r.outdir, (long)getpid());
        if (!rc && mkdirs(r.staging))
            rc = cli_fail(PLAN_CMD, CLI_EXIT_FAIL, "%s: %s", r.staging,
                          strerror(errno));
    }
    if (!rc && !done) {
        char b[1400];
        snprintf(b, sizeof b, "%s/plots", r.staging);
        int e1 = mkdirs(b);
        snprintf(b, sizeof b, "%s/oem", r.staging);
        if (e1 || mkdirs(b))
            rc = cli_fail(PLAN_CMD, CLI_EXIT_FAIL, "%s: %s", b,
                          strerror(errno));
    }
    if (!rc && !done)
        rc = import(&r);
    if (!rc && !done)
        rc = compute(&r);
    if (!rc && !done) {
        rc = report(&r);
        r.seconds = cli_progress_end(&r.bar);
        if (!rc && !r.quiet)
            summary(&r);
    } else if (r.bar.on) {
        cli_progress_end(&r.bar);
    }
    if (r.staging[0])
        rm_tree(r.staging, 2);
    plan_free(&r);
    return rc;
}
