/* cli_plan_out.c -- the report of `ilrs plan`: plan.json, CSV tables and
   the self-contained index.html, written to the staging directory. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli_design.h"
#include "cli_plan.h"
#include "ilrs/constants.h"
#include "ilrs/report.h"

void plan_utc(double t, char *buf, size_t n)
{
    ilrs_epoch e;
    if (!isfinite(t) || ilrs_time_from_tdb(t, ILRS_UTC, &e, NULL) < 0 ||
        ilrs_time_format(&e, ILRS_TIME_ISO, 0, buf, n, NULL) < 0)
        snprintf(buf, n, "-");
}

void plan_date(double t, char *buf, size_t n)
{
    char b[48];
    plan_utc(t, b, sizeof b);
    snprintf(buf, n, "%.10s", b);
}

static json_t *jnum(double x)
{
    return isfinite(x) ? json_real(x) : json_null();
}

static json_t *jstr(const char *s)
{
    return s && *s ? json_string(s) : json_null();
}

static json_t *jdiag(const ilrs_diag *d)
{
    json_t *a = json_array();
    for (size_t i = 0; i < d->n; i++)
        json_array_append_new(a, json_string(d->msg[i]));
    return a;
}

static const char *kind_name(plan_kind k)
{
    return k == PK_LUNAR ? "lunar" : k == PK_DEEP ? "deep-space" : "none";
}

/* Index of mission id in the view, or -1. */
static int view_mission(const plan_run *r, const char *id)
{
    for (size_t i = 0; r->have_view && i < r->v.nmissions; i++)
        if (strcmp(r->v.missions[i].id, id) == 0)
            return (int)i;
    return -1;
}

/* Payloads the allocation puts on mission id, joined by ", ". */
static void flying(const plan_run *r, const char *id, char *buf, size_t n)
{
    int mi = view_mission(r, id);
    size_t off = 0;
    buf[0] = '\0';
    if (mi < 0 || !r->alloc.mission)
        return;
    for (size_t pi = 0; pi < r->v.npayloads && off < n; pi++)
        if (r->alloc.mission[pi] == mi) {
            int k = snprintf(buf + off, n - off, "%s%s", off ? ", " : "",
                             r->v.payloads[pi].id);
            if (k < 0)
                break;
            off += (size_t)k;
        }
}

static json_t *lunar_best_json(const plan_mission *m)
{
    const ilrs_lunar_transfer *t = &m->days[m->best];
    char d[48], l[48], a[48], b[48];
    plan_date(m->day0 + m->best * ILRS_DAY_S, d, sizeof d);
    plan_utc(t->t_launch, l, sizeof l);
    plan_utc(t->t_tli, a, sizeof a);
    plan_utc(t->t_loi, b, sizeof b);
    return json_pack("{s:s,s:s,s:s,s:s,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o,"
                     "s:o}",
                     "day", d, "launch_utc", l, "tli_utc", a, "loi_utc", b,
                     "tof_days", jnum((t->t_loi - t->t_tli) / ILRS_DAY_S),
                     "park_inc_deg", jnum(t->park_inc / ILRS_DEG),
                     "launch_azimuth_deg",
                     jnum(t->launch_azimuth / ILRS_DEG), "tli_dv_kms",
                     jnum(t->tli_dv_kms), "c3_km2s2", jnum(t->c3_km2s2),
                     "vinf_moon_kms", jnum(t->vinf_moon_kms), "loi_dv_kms",
                     jnum(t->loi_dv_kms), "descent_dv_kms",
                     jnum(t->descent_dv_kms), "total_dv_kms",
                     jnum(t->tli_dv_kms + t->loi_dv_kms + t->descent_dv_kms),
                     "lunar_inc_deg", jnum(t->lunar_inc / ILRS_DEG));
}

static json_t *lunar_json(const plan_mission *m)
{
    char d0[48], d1[48];
    int nok = 0;
    for (int i = 0; m->days && i < m->ndays; i++)
        nok += m->days[i].status == ILRS_TRANSFER_OK;
    plan_date(m->day0, d0, sizeof d0);
    plan_date(m->day0 + (m->ndays - 1) * ILRS_DAY_S, d1, sizeof d1);
    json_t *o = json_pack(
        "{s:f,s:f,s:s,s:s,s:i,s:i,s:f,s:f,s:f,s:f,s:f}", "site_lat_deg",
        m->lsite_lat, "site_lon_deg", m->lsite_lon, "depart_first", d0,
        "depart_last", d1, "days_searched", m->ndays, "days_with_transfer",
        nok, "park_alt_km", m->lsp.park_alt_km, "tof_days",
        m->lsp.tof_s / ILRS_DAY_S, "lunar_peri_alt_km", m->lsp.peri_alt_km,
        "lunar_apo_alt_km", m->lsp.apo_alt_km, "lunar_inc_deg",
        m->lsp.lunar_inc / ILRS_DEG);
    json_object_set_new(o, "lunar_orbit_source",
                        json_string(m->lo_given ? "mission" : "default"));
    json_object_set_new(o, "landing",
                        m->lsp.land ? json_pack("{s:s,s:f,s:f}", "site",
                                                m->landing, "lat_deg",
                                                m->land_lat, "lon_deg",
                                                m->land_lon)
                                    : json_null());
    json_object_set_new(o, "best", m->best >= 0 ? lunar_best_json(m)
                                                : json_null());
    json_t *days = json_array();
    for (int i = 0; m->days && i < m->ndays; i++) {
        const ilrs_lunar_transfer *t = &m->days[i];
        int ok = t->status == ILRS_TRANSFER_OK;
        char d[48], l[48];
        plan_date(m->day0 + i * ILRS_DAY_S, d, sizeof d);
        plan_utc(ok ? t->t_launch : NAN, l, sizeof l);
        json_array_append_new(
            days, json_pack("{s:s,s:b,s:o,s:o,s:o}", "day", d, "exists", ok,
                            "launch_utc", ok ? json_string(l) : json_null(),
                            "tli_dv_kms", jnum(ok ? t->tli_dv_kms : NAN),
                            "total_dv_kms",
                            jnum(ok ? t->tli_dv_kms + t->loi_dv_kms +
                                          t->descent_dv_kms
                                    : NAN)));
    }
    json_object_set_new(o, "days", days);
    return o;
}

static json_t *window_json(const plan_run *r, const plan_mission *m)
{
    const ilrs_window_spec *s = &m->ws;
    char d0[48], d1[48];
    plan_date(s->dep0, d0, sizeof d0);
    plan_date(s->dep1, d1, sizeof d1);
    json_t *o = json_pack(
        "{s:s,s:s,s:s,s:s,s:s,s:f,s:f,s:f,s:s,s:o,s:o,s:b,s:b}", "from",
        r->earth.name, "to", m->to.name, "to_source", m->to.source,
        "depart_first", d0, "depart_last", d1, "tof_min_days",
        s->tof_min / ILRS_DAY_S, "tof_max_days", s->tof_max / ILRS_DAY_S,
        "step_days", s->step / ILRS_DAY_S, "objective",
        ilrs_objective_name(s->objective), "c3_max_km2s2", jnum(s->c3_max),
        "dla_max_deg", jnum(s->dla_max / ILRS_DEG), "dla_relaxed",
        m->dla_relaxed, "c3_relaxed", m->c3_relaxed);
    design_budget_json(o, &s->budget);
    json_object_set_new(o, "optimum", m->win.found
                                          ? design_transfer_json(
                                                &m->win.optimum)
                                          : json_null());
    json_object_set_new(o, "optimum_at_edge", design_edge_json(m->win.edge));
    json_object_set_new(o, "window_days", json_integer((json_int_t)
                                                       m->win.ndays));
    json_t *days = json_array();
    for (size_t k = 0; k < m->win.ndays; k++)
        json_array_append_new(days, design_transfer_json(&m->win.days[k]));
    json_object_set_new(o, "days", days);
    if (m->win.ndays) {
        plan_utc(m->win.days[0].t_dep, d0, sizeof d0);
        plan_utc(m->win.days[m->win.ndays - 1].t_dep, d1, sizeof d1);
        json_object_set_new(o, "window_first_utc", json_string(d0));
        json_object_set_new(o, "window_last_utc", json_string(d1));
    }
    return o;
}

static json_t *mission_json(const plan_run *r, const plan_mission *m)
{
    char d0[48], d1[48], fl[1024];
    plan_utc(m->t0, d0, sizeof d0);
    plan_utc(m->t1, d1, sizeof d1);
    flying(r, m->id, fl, sizeof fl);
    json_t *pl = json_array();
    char *save = NULL;
    for (char *w = strtok_r(fl, ", ", &save); w; w = strtok_r(NULL, ", ",
                                                             &save))
        json_array_append_new(pl, json_string(w));
    json_t *o = json_pack("{s:s,s:s,s:s,s:s,s:s,s:s}", "id", m->id, "name",
                          m->name, "target", m->target, "kind",
                          kind_name(m->kind), "type", m->types, "status",
                          m->status);
    json_object_set_new(o, "launch", m->has_launch
                                         ? json_pack("{s:s,s:s,s:s}", "text",
                                                     m->launch_text,
                                                     "from_utc", d0, "to_utc",
                                                     d1)
                                         : json_null());
    json_object_set_new(o, "vehicle", jstr(m->vehicle));
    json_object_set_new(o, "launch_site", jstr(m->lsite));
    json_object_set_new(o, "landing_site", jstr(m->landing));
    json_object_set_new(o, "launch_mass_kg", jnum(m->launch_mass));
    json_object_set_new(o, "vehicle_c3_limit_km2s2", jnum(m->c3_limit));
    json_object_set_new(o, "dla_limit_deg", jnum(m->dla_limit / ILRS_DEG));
    json_object_set_new(o, "transfer_found", json_boolean(m->done));
    json_object_set_new(o, "c3_km2s2", jnum(m->c3));
    json_object_set_new(o, "dv_total_kms", jnum(m->dv_total));
    json_object_set_new(o, "vehicle_capacity_kg", jnum(m->capacity));
    json_object_set_new(o, "mass_margin_kg",
                        jnum(m->capacity - m->launch_mass));
    json_object_set_new(o, "lunar", m->kind == PK_LUNAR ? lunar_json(m)
                                                        : json_null());
    json_object_set_new(o, "window", m->kind == PK_DEEP ? window_json(r, m)
                                                        : json_null());
    json_object_set_new(o, "payloads", pl);
    json_object_set_new(o, "files", json_pack("{s:o,s:o}", "plot",
                                              jstr(m->plot), "oem",
                                              jstr(m->oem)));
    json_object_set_new(o, "warnings", jdiag(&m->warn));
    return o;
}

/* The relay's orbit: the preset's name, and for a CR3BP orbit what
   reproduces it (the x-z plane state, period, units, phase-0 epoch). */
static json_t *relay_json(const plan_site *s)
{
    if (!s->has_relay)
        return json_null();
    if (s->relay.kind != ILRS_RELAY_CR3BP)
        return json_pack("{s:s,s:s}", "preset", "queqiao2", "kind",
                         "kepler");
    const ilrs_relay *r = &s->relay;
    char ep[48];
    plan_utc(r->t_ref, ep, sizeof ep);
    json_t *x0 = json_array();
    for (int k = 0; k < 6; k++)
        json_array_append_new(x0, json_real(r->periodic.x0[k]));
    return json_pack("{s:s,s:s,s:s,s:o,s:f,s:f,s:f,s:f,s:f,s:b,s:s}",
                     "preset", "queqiao", "kind", "cr3bp",
                     "family", ilrs_cr3bp_family_name(r->periodic.family),
                     "x0", x0, "period", r->periodic.period,
                     "amplitude_km", r->periodic.amplitude * r->sys.l_km,
                     "mu", r->sys.mu, "length_km", r->sys.l_km,
                     "time_s", r->sys.t_s, "south", r->periodic.south,
                     "epoch_utc", ep);
}

static json_t *site_json(const plan_site *s)
{
    char d0[48], d1[48];
    plan_utc(s->t0, d0, sizeof d0);
    plan_utc(s->t1, d1, sizeof d1);
    const ilrs_site_stats *t = &s->st;
    json_t *o = json_pack("{s:s,s:s,s:f,s:f,s:s,s:s,s:o}", "id", s->id,
                          "name", s->name, "lat_deg", s->lat, "lon_deg",
                          s->lon, "missions", s->missions, "terrain",
                          s->dem ? s->dem_path : "smooth sphere",
                          "terrain_height_m", jnum(s->terrain_km * 1000.0));
    json_object_set_new(o, "period",
                        json_pack("{s:s,s:s,s:f,s:I,s:s}", "from_utc", d0,
                                  "to_utc", d1, "step_s", PLAN_SITE_STEP_S,
                                  "samples", (json_int_t)t->nsamples,
                                  "starts_at", s->start_by));
    json_object_set_new(o, "relay", jstr(s->relay_name));
    json_object_set_new(o, "relay_orbit", relay_json(s));
    int ok = s->status >= 0;
    json_object_set_new(o, "sun_fraction", jnum(ok ? t->sun_fraction : NAN));
    json_object_set_new(o, "earth_fraction",
                        jnum(ok ? t->earth_fraction : NAN));
    json_object_set_new(o, "relay_fraction",
                        jnum(ok && s->has_relay ? t->relay_fraction : NAN));
    json_object_set_new(o, "link_fraction",
                        jnum(ok ? t->link_fraction : NAN));
    json_object_set_new(o, "sun_and_link_fraction",
                        jnum(ok ? t->sun_and_link_fraction : NAN));
    json_object_set_new(o, "longest_night_h",
                        jnum(ok ? t->longest_night_s / 3600.0 : NAN));
    json_t *nights = json_array();
    for (size_t i = 0; ok && i < t->nnights; i++) {
        plan_utc(t->nights[i].t0, d0, sizeof d0);
        plan_utc(t->nights[i].t1, d1, sizeof d1);
        json_array_append_new(
            nights, json_pack("{s:s,s:s,s:f}", "start_utc", d0, "end_utc", d1,
                              "hours", (t->nights[i].t1 - t->nights[i].t0 +
                                        PLAN_SITE_STEP_S) / 3600.0));
    }
    json_object_set_new(o, "nights", nights);
    json_object_set_new(o, "error", ok ? json_null()
                                       : json_string(s->err.msg));
    json_object_set_new(o, "files", json_pack("{s:o}", "plot",
                                              jstr(s->plot)));
    return o;
}

static json_t *budgets_json(const double *x)
{
    json_t *o = json_object();
    for (int d = 0; d < ILRS_NBUDGET; d++) {
        char k[48];
        snprintf(k, sizeof k, "%s_%s", ilrs_budget_name(d),
                 d == ILRS_BUDGET_MASS     ? "kg"
                 : d == ILRS_BUDGET_DATA   ? "mb_per_day"
                 : d == ILRS_BUDGET_VOLUME ? "l" : "w");
        json_object_set_new(o, k, jnum(x[d]));
    }
    return o;
}

static const char *alloc_word(const plan_run *r)
{
    return r->alloc_status == 0  ? "optimal"
           : r->alloc_status > 0 ? "time limit: not proven optimal"
                                 : "failed";
}

static json_t *alloc_json(const plan_run *r)
{
    json_t *o = json_object(), *ms = json_array(), *ps = json_array();
    int ok = r->alloc.mission != NULL;
    json_object_set_new(o, "status", json_string(alloc_word(r)));
    json_object_set_new(o, "error", jstr(r->alloc_msg));
    json_object_set_new(o, "objective", jnum(ok ? r->alloc.objective : NAN));
    json_object_set_new(o, "bound", jnum(ok ? r->alloc.bound : NAN));
    for (size_t mi = 0; r->have_view && mi < r->v.nmissions; mi++) {
        const ilrs_mission_offer *m = &r->v.missions[mi];
        if (!m->has_budget)
            continue;
        json_t *x = json_pack("{s:s,s:b}", "id", m->id, "open", m->open);
        json_object_set_new(x, "offered", budgets_json(m->cap));
        if (ok)
            json_object_set_new(x, "used", budgets_json(r->alloc.used +
                                                        mi * ILRS_NBUDGET));
        json_array_append_new(ms, x);
    }
    char why[1200];
    for (size_t pi = 0; r->have_view && pi < r->v.npayloads; pi++) {
        const ilrs_payload_need *p = &r->v.payloads[pi];
        int mi = ok ? r->alloc.mission[pi] : -1;
        why[0] = '\0';
        if (ok && p->active && mi < 0)
            ilrs_alloc_reason(&r->v, &r->alloc, pi, why, sizeof why);
        json_array_append_new(
            ps, json_pack("{s:s,s:o,s:f,s:b,s:b,s:o}", "id", p->id,
                          "mission", mi >= 0 ? json_string(
                                                   r->v.missions[mi].id)
                                             : json_null(),
                          "value", p->value, "fixed", p->fixed, "active",
                          p->active, "reason", jstr(why)));
    }
    json_object_set_new(o, "missions", ms);
    json_object_set_new(o, "payloads", ps);
    return o;
}

static json_t *rules_json(void)
{
    return json_pack(
        "{s:s,s:s,s:s,s:s,s:s,s:s}", "lunar",
        "ilrs lunar-transfer for each launch day from the launch site: "
        "200 km circular parking orbit, TLI to perilune 4.5 d, the "
        "mission's lunar_orbit (default: 100 km circular at 90 deg to the "
        "Moon's equator), descent to the landing site of landers; the day "
        "with the least total dv",
        "deep_space",
        "ilrs window from Earth over the launch window: direct transfers, "
        "tof from max(60 d, 0.3 Hohmann) to max(2 Hohmann, 730 d), grid 1 d "
        "(doubled until <= 2e6 cells), objective dv (c3 for flyby-only "
        "missions), capture into a 400 km circular orbit at planets, "
        "rendezvous at small bodies",
        "c3_limit",
        "the largest C3 at which the vehicle's payload-vs-C3 table "
        "(linear between rows, not extrapolated) lifts launch_mass; "
        "without launch_mass, the table's last C3",
        "dla_limit",
        "|DLA| <= the launch site's latitude (a due-east launch); relaxed "
        "with a warning when no transfer meets it",
        "capacity",
        "vehicle payload at the transfer's C3 from the table, compared "
        "with launch_mass",
        "sites",
        "landing sites of landers: horizon from the site's DEM or a smooth "
        "sphere, one year hourly from the first arrival of the missions "
        "landing there (LOI of the cheapest transfer; no transfer: launch "
        "window start + 4.5 d); "
        "relay: of the relay missions launched by then, the latest: target "
        "Moon, the queqiao2 preset orbit; target Earth-Moon L2, for far-side "
        "sites only, the queqiao L2 halo preset (CR3BP halo, 13000 km "
        "z-amplitude, carried to the ephemeris at each epoch)");
}

int plan_write_json(plan_run *r)
{
    json_t *doc = json_object(), *ms = json_array(), *ss = json_array();
    char prog[200], path[1400];
    const char *pid = ilrs_program_id(r->p, ILRS_PK_PROGRAM, 0);
    if (!pid || ilrs_program_field(r->p, pid, "name", prog, sizeof prog))
        prog[0] = '\0';
    json_object_set_new(doc, "schema", json_string("ilrs-plan/1"));
    json_object_set_new(doc, "program",
                        json_pack("{s:o,s:o,s:s,s:s}", "id", jstr(pid),
                                  "name", jstr(prog), "file", r->file,
                                  "registry", r->reg_path));
    json_object_set_new(doc, "ephemeris",
                        json_string(ilrs_ephem_source(r->eph)));
    json_object_set_new(doc, "rules", rules_json());
    for (size_t i = 0; i < r->nm; i++)
        json_array_append_new(ms, mission_json(r, &r->m[i]));
    for (size_t i = 0; i < r->ns; i++)
        json_array_append_new(ss, site_json(&r->s[i]));
    json_object_set_new(doc, "missions", ms);
    json_object_set_new(doc, "sites", ss);
    json_object_set_new(doc, "budget_check",
                        json_pack("{s:b,s:o}", "ok", r->check.n == 0,
                                  "problems", jdiag(&r->check)));
    json_object_set_new(doc, "allocation", alloc_json(r));
    json_object_set_new(doc, "warnings", jdiag(&r->warn));
    json_object_set_new(doc, "timeline", jstr(r->timeline));
    plan_path(r, "plan.json", path, sizeof path);
    int st = json_dump_file(doc, path, JSON_INDENT(2) |
                                           JSON_REAL_PRECISION(12));
    json_decref(doc);
    return st ? cli_fail(PLAN_CMD, CLI_EXIT_FAIL, "cannot write %s", path)
              : 0;
}

/* ---- text cells ---------------------------------------------------------- */

/* Copy text, cut to the buffer. */
static void cpy(char *d, size_t n, const char *s)
{
    size_t k = strlen(s);
    if (k >= n)
        k = n - 1;
    memcpy(d, s, k);
    d[k] = '\0';
}

typedef struct {
    char b[24][256];
} cells;

static const char *num(char *buf, const char *fmt, double x)
{
    if (isfinite(x))
        snprintf(buf, 256, fmt, x);
    else
        snprintf(buf, 256, "-");
    return buf;
}

/* The mission's numbers as text, shared by the CSV and the HTML table. */
typedef struct {
    char launch[256], arrive[256], c3[256], dv[256], cap[256], mass[256],
        margin[256], tli[256], loi[256], descent[256];
} mission_text;

static void mission_cells(const plan_mission *m, mission_text *t)
{
    char b[256];
    memset(t, 0, sizeof *t);
    snprintf(t->launch, sizeof t->launch, "-");
    snprintf(t->arrive, sizeof t->arrive, "-");
    if (m->done && m->kind == PK_LUNAR) {
        const ilrs_lunar_transfer *d = &m->days[m->best];
        plan_utc(d->t_launch, t->launch, sizeof t->launch);
        plan_utc(d->t_loi, t->arrive, sizeof t->arrive);
        snprintf(t->tli, sizeof t->tli, "%s", num(b, "%.3f", d->tli_dv_kms));
        snprintf(t->loi, sizeof t->loi, "%s", num(b, "%.3f", d->loi_dv_kms));
        snprintf(t->descent, sizeof t->descent, "%s",
                 m->lsp.land ? num(b, "%.3f", d->descent_dv_kms) : "-");
    } else if (m->done) {
        plan_date(m->win.optimum.t_dep, t->launch, sizeof t->launch);
        plan_date(m->win.optimum.t_arr, t->arrive, sizeof t->arrive);
        snprintf(t->tli, sizeof t->tli, "%s",
                 num(b, "%.3f", m->win.optimum.dv_depart));
        snprintf(t->loi, sizeof t->loi, "%s",
                 num(b, "%.3f", m->win.optimum.dv_arrive));
        snprintf(t->descent, sizeof t->descent, "-");
    }
    snprintf(t->c3, sizeof t->c3, "%s", num(b, "%.2f", m->c3));
    snprintf(t->dv, sizeof t->dv, "%s", num(b, "%.3f", m->dv_total));
    snprintf(t->cap, sizeof t->cap, "%s", num(b, "%.0f", m->capacity));
    snprintf(t->mass, sizeof t->mass, "%s", num(b, "%.0f", m->launch_mass));
    snprintf(t->margin, sizeof t->margin, "%s",
             num(b, "%+.0f", m->capacity - m->launch_mass));
}

/* A CSV row with "-" (no value) written as an empty field. */
static void csv_row(FILE *f, const char **row, size_t n)
{
    for (size_t k = 0; k < n; k++)
        if (row[k] && strcmp(row[k], "-") == 0)
            row[k] = "";
    ilrs_csv_write_row(f, row, n);
}

static FILE *csv_open(const plan_run *r, const char *name, char *path)
{
    plan_path(r, name, path, 1400);
    FILE *f = fopen(path, "wb");
    if (!f)
        cli_fail(PLAN_CMD, CLI_EXIT_FAIL, "cannot write %s", path);
    return f;
}

static int csv_missions(const plan_run *r)
{
    char path[1400], fl[1024], warn[2048];
    FILE *f = csv_open(r, "missions.csv", path);
    if (!f)
        return CLI_EXIT_FAIL;
    const char *head[] = {
        "id", "name", "target", "kind", "launch", "vehicle", "launch_site",
        "best_launch_utc", "arrival_utc", "c3_km2s2", "dv_total_kms",
        "dv_depart_or_tli_kms", "dv_arrive_or_loi_kms", "descent_dv_kms",
        "vehicle_capacity_kg", "launch_mass_kg", "mass_margin_kg",
        "landing_site", "payloads", "warnings"};
    ilrs_csv_write_row(f, head, 20);
    for (size_t i = 0; i < r->nm; i++) {
        const plan_mission *m = &r->m[i];
        mission_text t;
        mission_cells(m, &t);
        flying(r, m->id, fl, sizeof fl);
        size_t off = 0;
        warn[0] = '\0';
        for (size_t k = 0; k < m->warn.n && off < sizeof warn; k++)
            off += (size_t)snprintf(warn + off, sizeof warn - off, "%s%s",
                                    k ? "; " : "", m->warn.msg[k]);
        const char *row[] = {m->id, m->name, m->target, kind_name(m->kind),
                             m->launch_text, m->vehicle, m->lsite, t.launch,
                             t.arrive, t.c3, t.dv, t.tli, t.loi, t.descent,
                             t.cap, t.mass, t.margin, m->landing, fl, warn};
        csv_row(f, row, 20);
    }
    return fclose(f) ? cli_fail(PLAN_CMD, CLI_EXIT_FAIL, "cannot write %s",
                                path)
                     : 0;
}

static int csv_sites(const plan_run *r)
{
    char path[1400];
    FILE *f = csv_open(r, "sites.csv", path);
    if (!f)
        return CLI_EXIT_FAIL;
    const char *head[] = {"id", "name", "lat_deg", "lon_deg", "missions",
                          "terrain", "from_utc", "to_utc", "sun_fraction",
                          "earth_fraction", "relay", "relay_fraction",
                          "link_fraction", "longest_night_h"};
    ilrs_csv_write_row(f, head, 14);
    for (size_t i = 0; i < r->ns; i++) {
        const plan_site *s = &r->s[i];
        cells c;
        int ok = s->status >= 0;
        plan_utc(s->t0, c.b[6], 256);
        plan_utc(s->t1, c.b[7], 256);
        const char *row[] = {
            s->id, s->name, num(c.b[0], "%.4f", s->lat),
            num(c.b[1], "%.4f", s->lon), s->missions,
            s->dem ? s->dem_path : "smooth sphere", c.b[6], c.b[7],
            num(c.b[2], "%.4f", ok ? s->st.sun_fraction : NAN),
            num(c.b[3], "%.4f", ok ? s->st.earth_fraction : NAN),
            s->relay_name,
            num(c.b[4], "%.4f", ok && s->has_relay ? s->st.relay_fraction
                                                   : NAN),
            num(c.b[5], "%.4f", ok ? s->st.link_fraction : NAN),
            num(c.b[8], "%.1f", ok ? s->st.longest_night_s / 3600 : NAN)};
        csv_row(f, row, 14);
    }
    return fclose(f) ? cli_fail(PLAN_CMD, CLI_EXIT_FAIL, "cannot write %s",
                                path)
                     : 0;
}

/* A payload's state in the plan as a word and its reason. */
static const char *payload_state(const plan_run *r, size_t pi, char *why,
                                 size_t n)
{
    const ilrs_payload_need *p = &r->v.payloads[pi];
    why[0] = '\0';
    if (!p->active)
        return "inactive (rejected or withdrawn)";
    if (!r->alloc.mission)
        return "not allocated";
    if (r->alloc.mission[pi] >= 0)
        return p->fixed ? "fixed (accepted or flown)" : "placed";
    ilrs_alloc_reason(&r->v, &r->alloc, pi, why, n);
    return "not placed";
}

static int csv_alloc(const plan_run *r)
{
    char path[1400], why[1200], val[64];
    FILE *f = csv_open(r, "allocation.csv", path);
    if (!f)
        return CLI_EXIT_FAIL;
    const char *head[] = {"payload", "mission", "state", "value", "reason"};
    ilrs_csv_write_row(f, head, 5);
    for (size_t pi = 0; r->have_view && pi < r->v.npayloads; pi++) {
        const char *state = payload_state(r, pi, why, sizeof why);
        int mi = r->alloc.mission ? r->alloc.mission[pi] : -1;
        snprintf(val, sizeof val, "%.15g", r->v.payloads[pi].value);
        const char *row[] = {r->v.payloads[pi].id,
                             mi >= 0 ? r->v.missions[mi].id : "", state, val,
                             why};
        ilrs_csv_write_row(f, row, 5);
    }
    return fclose(f) ? cli_fail(PLAN_CMD, CLI_EXIT_FAIL, "cannot write %s",
                                path)
                     : 0;
}

int plan_write_csv(plan_run *r)
{
    int rc = csv_missions(r);
    if (!rc)
        rc = csv_sites(r);
    if (!rc)
        rc = csv_alloc(r);
    return rc;
}

/* ---- index.html --------------------------------------------------------- */

static void kv(ilrs_html *h, const char *k, const char *v)
{
    const char *row[] = {k, v && *v ? v : "-"};
    ilrs_html_table_row(h, row, 2);
}

static int image(ilrs_html *h, const plan_run *r, const char *rel,
                 const char *caption)
{
    char path[1400];
    ilrs_error err = {0, ""};
    if (!rel[0])
        return 0;
    plan_path(r, rel, path, sizeof path);
    if (ilrs_html_image(h, path, caption, &err) < 0)
        return cli_fail(PLAN_CMD, CLI_EXIT_FAIL, "%s", err.msg);
    return 0;
}

static void html_overview(ilrs_html *h, const plan_run *r)
{
    char b[2048], name[200];
    const char *pid = ilrs_program_id(r->p, ILRS_PK_PROGRAM, 0);
    if (!pid || ilrs_program_field(r->p, pid, "name", name, sizeof name))
        snprintf(name, sizeof name, "%s", pid ? pid : "program");
    size_t done = 0;
    for (size_t i = 0; i < r->nm; i++)
        done += r->m[i].done != 0;
    snprintf(b, sizeof b, "%s (%s): %zu missions, %zu with a designed "
             "transfer; %zu landing site%s analysed; %zu payload "
             "proposals. Program file %s, registry %s, ephemeris %s.",
             name, pid ? pid : "-", r->nm, done, r->ns,
             r->ns == 1 ? "" : "s",
             ilrs_program_count(r->p, ILRS_PK_PAYLOAD), r->file,
             r->reg_path, ilrs_ephem_source(r->eph));
    ilrs_html_heading(h, 2, "Program");
    ilrs_html_para(h, b);
}

static void html_mission_table(ilrs_html *h, const plan_run *r)
{
    const char *head[] = {"Mission", "Target", "Launch (program)",
                          "Best launch (UTC)", "Arrival (UTC)",
                          "C3 (km²/s²)", "Δv total (km/s)",
                          "Vehicle capacity / launch mass (kg)",
                          "Lands at", "Payloads flying"};
    ilrs_html_heading(h, 2, "Missions");
    ilrs_html_para(h, "Δv total: TLI + lunar orbit insertion + descent for "
                   "the Moon; departure + arrival burns elsewhere. Capacity: "
                   "what the vehicle lifts at that C3 by its performance "
                   "table.");
    ilrs_html_table_begin(h, head, 10);
    for (size_t i = 0; i < r->nm; i++) {
        const plan_mission *m = &r->m[i];
        mission_text t;
        char name[400], cap[600], fl[1024];
        mission_cells(m, &t);
        snprintf(name, sizeof name, "%s (%s)", m->id, m->name);
        snprintf(cap, sizeof cap, "%s / %s%s", t.cap, t.mass,
                 m->capacity < m->launch_mass ? " (short)" : "");
        flying(r, m->id, fl, sizeof fl);
        const char *row[] = {name, m->target, m->launch_text, t.launch,
                             t.arrive, t.c3, t.dv, cap, m->landing, fl};
        ilrs_html_table_row(h, row, 10);
    }
    ilrs_html_table_end(h);
}

static const plan_site *find_site(const plan_run *r, const char *id)
{
    for (size_t i = 0; i < r->ns; i++)
        if (strcmp(r->s[i].id, id) == 0)
            return &r->s[i];
    return NULL;
}

static void site_text(const plan_site *s, char *b, size_t n)
{
    if (s->status < 0) {
        snprintf(b, n, "not analysed: %s", s->err.msg);
        return;
    }
    snprintf(b, n, "sunlight %.0f%% of the time, Earth in view %.0f%%, "
             "link %.0f%% (Earth, or relay: %s), longest night %.0f h (%s, "
             "one year from the first arrival)", 100 * s->st.sun_fraction,
             100 * s->st.earth_fraction, 100 * s->st.link_fraction,
             s->has_relay ? s->relay_name : "none modelled",
             s->st.longest_night_s / 3600, s->dem ? "DEM" : "smooth sphere");
}

static void html_costs(const plan_mission *m, char *b, size_t n)
{
    if (!m->done) {
        snprintf(b, n, "no transfer designed");
    } else if (m->kind == PK_LUNAR) {
        const ilrs_lunar_transfer *d = &m->days[m->best];
        snprintf(b, n, "C3 %.2f km²/s²; TLI %.3f + LOI %.3f + descent %.3f "
                 "= %.3f km/s", d->c3_km2s2, d->tli_dv_kms, d->loi_dv_kms,
                 d->descent_dv_kms, m->dv_total);
    } else {
        const ilrs_transfer *t = &m->win.optimum;
        snprintf(b, n, "C3 %.2f km²/s², DLA %.1f°; departure %.3f + arrival "
                 "%.3f = %.3f km/s; arrival v∞ %.2f km/s", t->c3,
                 t->dla / ILRS_DEG, t->dv_depart, t->dv_arrive, t->dv_total,
                 t->vinf_arr_kms);
    }
}

static void html_launch(const plan_mission *m, char *b, size_t n)
{
    char l[48], a[48];
    if (!m->done) {
        snprintf(b, n, "program says %s", m->launch_text);
    } else if (m->kind == PK_LUNAR) {
        int nok = 0;
        for (int i = 0; i < m->ndays; i++)
            nok += m->days[i].status == ILRS_TRANSFER_OK;
        plan_utc(m->days[m->best].t_launch, l, sizeof l);
        plan_utc(m->days[m->best].t_loi, a, sizeof a);
        if (m->ndays == 1)
            snprintf(b, n, "%s UTC from %s (the launch day %s); lunar orbit "
                     "%s UTC", l, m->lsite, m->launch_text, a);
        else
            snprintf(b, n, "%s UTC from %s (the cheapest of %d launch days "
                     "with a transfer, out of %d in %s); lunar orbit %s UTC",
                     l, m->lsite, nok, m->ndays, m->launch_text, a);
    } else {
        plan_date(m->win.optimum.t_dep, l, sizeof l);
        plan_date(m->win.optimum.t_arr, a, sizeof a);
        snprintf(b, n, "%s from %s (window %s: %zu feasible departure days); "
                 "arrives %s after %.0f days", l, m->lsite[0] ? m->lsite
                 : "-", m->launch_text, m->win.ndays, a,
                 (m->win.optimum.t_arr - m->win.optimum.t_dep) / ILRS_DAY_S);
    }
}

static void html_vehicle(const plan_mission *m, char *b, size_t n)
{
    if (!m->vehicle[0])
        snprintf(b, n, "no vehicle given");
    else if (!m->done)
        snprintf(b, n, "%s", m->vehicle);
    else if (!isfinite(m->capacity))
        snprintf(b, n, "%s: capacity at this C3 unknown", m->vehicle);
    else if (!isfinite(m->launch_mass))
        snprintf(b, n, "%s lifts %.0f kg at C3 %.2f (no launch_mass to "
                 "check)", m->vehicle, m->capacity, m->c3);
    else
        snprintf(b, n, "%s lifts %.0f kg at C3 %.2f; launch mass %.0f kg: "
                 "margin %+.0f kg%s", m->vehicle, m->capacity, m->c3,
                 m->launch_mass, m->capacity - m->launch_mass,
                 m->capacity < m->launch_mass ? " (SHORT)" : "");
}

static int html_mission(ilrs_html *h, const plan_run *r,
                        const plan_mission *m)
{
    char title[600], b[1200];
    snprintf(title, sizeof title, "%s: %s → %s", m->id, m->name, m->target);
    ilrs_html_heading(h, 3, title);
    const char *head[] = {"Plan", m->id};
    ilrs_html_table_begin(h, head, 2);
    html_launch(m, b, sizeof b);
    kv(h, "Launches", b);
    html_costs(m, b, sizeof b);
    kv(h, "Costs", b);
    html_vehicle(m, b, sizeof b);
    kv(h, "Vehicle", b);
    const plan_site *s = m->landing[0] ? find_site(r, m->landing) : NULL;
    if (m->landing[0]) {
        snprintf(b, sizeof b, "%s (%.4f°, %.4f°)", m->landing, m->land_lat,
                 m->land_lon);
        kv(h, "Lands at", b);
    }
    if (s) {
        site_text(s, b, sizeof b);
        kv(h, "The site gives", b);
    }
    flying(r, m->id, b, sizeof b);
    kv(h, "Payloads flying", b[0] ? b : "none allocated");
    ilrs_html_table_end(h);
    for (size_t k = 0; k < m->warn.n; k++)
        ilrs_html_note(h, 1, m->warn.msg[k]);
    snprintf(title, sizeof title, "%s: %s", m->id,
             m->kind == PK_LUNAR ? "the cheapest transfer in the Earth-Moon "
                                   "rotating frame and the daily costs"
                                 : "porkchop of the launch window (at "
                                   "least 60 days wide); the star is the "
                                   "plan's transfer, within its limits");
    return image(h, r, m->plot, title);
}

static int html_sites(ilrs_html *h, const plan_run *r)
{
    const char *head[] = {"Site", "Used by", "Terrain", "Sunlight",
                          "Earth in view", "Relay", "Link", "Longest night"};
    ilrs_html_heading(h, 2, "Landing sites");
    ilrs_html_para(h, "One year from the arrival at the Moon (lunar orbit "
                   "insertion of the cheapest transfer) of the first "
                   "mission landing there, hourly; no landing date is "
                   "modelled, so the first days count as landed. Sunlight: "
                   "mean "
                   "visible fraction of the solar disc above the horizon. "
                   "Link: Earth in view, or the relay in view while it sees "
                   "the Earth.");
    ilrs_html_table_begin(h, head, 8);
    for (size_t i = 0; i < r->ns; i++) {
        const plan_site *s = &r->s[i];
        cells c;
        int ok = s->status >= 0;
        snprintf(c.b[0], 256, "%s (%.3f°, %.3f°)", s->id, s->lat, s->lon);
        cpy(c.b[1], 256, s->dem ? s->dem_path : "smooth sphere");
        const char *row[] = {
            c.b[0], s->missions, c.b[1],
            num(c.b[2], "%.1f%%", ok ? 100 * s->st.sun_fraction : NAN),
            num(c.b[3], "%.1f%%", ok ? 100 * s->st.earth_fraction : NAN),
            s->has_relay ? s->relay_name : "none",
            num(c.b[4], "%.1f%%", ok ? 100 * s->st.link_fraction : NAN),
            num(c.b[5], "%.0f h", ok ? s->st.longest_night_s / 3600 : NAN)};
        ilrs_html_table_row(h, row, 8);
    }
    ilrs_html_table_end(h);
    for (size_t i = 0; i < r->ns; i++) {
        char cap[1400];
        snprintf(cap, sizeof cap, "%s: horizon (%s) with the tracks of the "
                 "Sun and the Earth", r->s[i].id,
                 r->s[i].dem ? r->s[i].dem_path : "smooth sphere");
        if (image(h, r, r->s[i].plot, cap))
            return CLI_EXIT_FAIL;
    }
    return 0;
}

static void html_use(ilrs_html *h, const plan_run *r)
{
    const char *head[] = {"Mission", "Mass (kg)", "Power avg (W)",
                          "Power peak (W)", "Data (MB/day)", "Volume (L)",
                          "Payloads"};
    ilrs_html_table_begin(h, head, 7);
    for (size_t mi = 0; mi < r->v.nmissions; mi++) {
        const ilrs_mission_offer *m = &r->v.missions[mi];
        if (!m->has_budget)
            continue;
        cells c;
        const char *row[7];
        row[0] = m->id;
        for (int d = 0; d < ILRS_NBUDGET; d++) {
            double u = r->alloc.used[mi * ILRS_NBUDGET + d];
            if (isfinite(m->cap[d]))
                snprintf(c.b[d], 256, "%.6g of %.6g", u, m->cap[d]);
            else
                snprintf(c.b[d], 256, "%.6g (no limit)", u);
            row[1 + d] = c.b[d];
        }
        flying(r, m->id, c.b[6], 256);
        row[6] = c.b[6];
        ilrs_html_table_row(h, row, 7);
    }
    ilrs_html_table_end(h);
}

static void html_alloc(ilrs_html *h, const plan_run *r)
{
    char b[600], why[1200], val[64];
    ilrs_html_heading(h, 2, "Payload allocation");
    for (size_t k = 0; k < r->check.n; k++)
        ilrs_html_note(h, 1, r->check.msg[k]);
    if (!r->check.n)
        ilrs_html_note(h, 0, "Budget check: the program's own assignments "
                       "fit every mission's budgets.");
    if (!r->alloc.mission) {
        snprintf(b, sizeof b, "No allocation: %s", r->alloc_msg);
        ilrs_html_note(h, 1, b);
        return;
    }
    snprintf(b, sizeof b, "Best assignment of the proposals to the missions "
             "(GLPK): total value %.6g, %s. Accepted and flown payloads stay "
             "where they are.", r->alloc.objective, alloc_word(r));
    ilrs_html_para(h, b);
    html_use(h, r);
    const char *head[] = {"Payload", "Mission", "State", "Value", "Why not"};
    ilrs_html_table_begin(h, head, 5);
    for (size_t pi = 0; pi < r->v.npayloads; pi++) {
        const char *state = payload_state(r, pi, why, sizeof why);
        int mi = r->alloc.mission[pi];
        snprintf(val, sizeof val, "%.6g", r->v.payloads[pi].value);
        const char *row[] = {r->v.payloads[pi].id,
                             mi >= 0 ? r->v.missions[mi].id : "-", state, val,
                             why};
        ilrs_html_table_row(h, row, 5);
    }
    ilrs_html_table_end(h);
}

static void html_warnings(ilrs_html *h, const plan_run *r)
{
    char b[1400];
    size_t n = r->warn.n;
    ilrs_html_heading(h, 2, "Warnings");
    for (size_t k = 0; k < r->warn.n; k++)
        ilrs_html_note(h, 1, r->warn.msg[k]);
    for (size_t i = 0; i < r->nm; i++)
        for (size_t k = 0; k < r->m[i].warn.n; k++, n++) {
            snprintf(b, sizeof b, "%s: %s", r->m[i].id, r->m[i].warn.msg[k]);
            ilrs_html_note(h, 1, b);
        }
    if (!n)
        ilrs_html_para(h, "None.");
}

static void html_rules(ilrs_html *h)
{
    ilrs_html_heading(h, 2, "How this plan was made");
    json_t *rules = rules_json();
    const char *k;
    json_t *v;
    json_object_foreach(rules, k, v) {
        char b[1200];
        snprintf(b, sizeof b, "%s: %s", k, json_string_value(v));
        ilrs_html_para(h, b);
    }
    json_decref(rules);
    ilrs_html_para(h, "Machine-readable: plan.json (schema in docs/plan.md), "
                   "missions.csv, sites.csv, allocation.csv; trajectories as "
                   "CCSDS OEM files in oem/.");
}

int plan_write_html(plan_run *r)
{
    ilrs_html *h;
    ilrs_error err = {0, ""};
    char path[1400], title[240], name[200];
    const char *pid = ilrs_program_id(r->p, ILRS_PK_PROGRAM, 0);
    if (!pid || ilrs_program_field(r->p, pid, "name", name, sizeof name))
        snprintf(name, sizeof name, "Program");
    snprintf(title, sizeof title, "%s: plan", name);
    plan_path(r, "index.html", path, sizeof path);
    if (ilrs_html_open(path, title, &h, &err) < 0)
        return cli_fail(PLAN_CMD, CLI_EXIT_FAIL, "%s", err.msg);
    html_overview(h, r);
    int rc = image(h, r, r->timeline, "Program phases and mission launches");
    if (!rc)
        html_mission_table(h, r);
    for (size_t i = 0; !rc && i < r->nm; i++)
        rc = html_mission(h, r, &r->m[i]);
    if (!rc)
        rc = html_sites(h, r);
    if (!rc) {
        html_alloc(h, r);
        html_warnings(h, r);
        html_rules(h);
    }
    if (rc) {
        ilrs_html_discard(h);
        return rc;
    }
    if (ilrs_html_close(h, &err) < 0)
        return cli_fail(PLAN_CMD, CLI_EXIT_FAIL, "%s", err.msg);
    return 0;
}
