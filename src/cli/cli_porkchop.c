/* cli_porkchop.c -- `ilrs porkchop`: departure x arrival grids of C3,
   arrival v-infinity and dv; and the helpers `ilrs window` shares. */
#include <ctype.h>
#include <jansson.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cli_design.h"
#include "ilrs/constants.h"
#include "ilrs/plot_porkchop.h"

static const char porkchop_help[] =
    "usage: ilrs porkchop --from BODY --to BODY --depart D0/D1 --arrive A0/A1\n"
    "                     [--step DT] [--revs N] [--objective OBJ]\n"
    "                     [--plot FILE.png|.svg|.pdf] [--csv FILE]\n"
    "                     [--format table|json] [--ephemeris SPEC]\n"
    "                     [--elements FILE] [--threads N] [--park-alt KM]\n"
    "                     [--capture-peri KM --capture-apo KM]\n"
    "\n"
    "Lambert transfers about the Sun for every departure date in D0..D1 and\n"
    "arrival date in A0..A1: launch energy C3, departure and arrival\n"
    "v-infinity, declination of the launch asymptote (DLA), and the dv from\n"
    "a parking orbit and into a capture orbit (or to rendezvous with a\n"
    "small body). Prints the best cell by the objective, with a note when it\n"
    "lies on the grid's border (a better transfer may lie outside it).\n"
    "\n"
    "  --from BODY       departure body (default Earth)\n"
    "  --to BODY         target: a planet ('Mars', 'Jupiter'), a NAIF id, or\n"
    "                    a small body by number, name or designation\n"
    "                    ('469219', 'Kamo`oalewa', '311P', 'Apophis'),\n"
    "                    looked up in --elements, then in the bundled\n"
    "                    catalog; or its elements written out (J2000\n"
    "                    ecliptic, au, deg, epochs TDB):\n"
    "                    'a=1.0011,e=0.1037,i=7.79,node=66.0,argp=304.4,\n"
    "                    M=85.3,epoch=MJD 60600' (keys: a or q, e, i, node,\n"
    "                    argp, M with epoch or tp, name)\n"
    "  --depart D0/D1    departure dates (ISO 8601 or 'JD ...', UTC default)\n"
    "  --arrive A0/A1    arrival dates\n"
    "  --step DT         grid spacing, with a unit (1d, 12h) or in days\n"
    "                    (default 1d); both axes\n"
    "  --revs N          also consider transfers of up to N complete\n"
    "                    revolutions; each cell keeps the best by the\n"
    "                    objective (default 0)\n"
    "  --objective OBJ   c3 (default), dv (total), dv-depart, vinf-arr\n"
    "  --park-alt KM     circular parking orbit altitude at departure\n"
    "                    (default 200 km; planets only)\n"
    "  --capture-peri KM, --capture-apo KM\n"
    "                    capture orbit altitudes at a planet target\n"
    "                    (default 400 km circular); small bodies: rendezvous\n"
    "                    (dv = arrival v-infinity)\n"
    "  --plot FILE       porkchop plot: C3 and arrival v-infinity contours,\n"
    "                    lines of constant time of flight, the optimum\n"
    "  --csv FILE        every cell as CSV\n"
    "  --format F        table (default) or json (the optimum and grid\n"
    "                    summary; \"optimum_at_edge\" names the ends of the\n"
    "                    grid the best cell lies on: depart_first,\n"
    "                    depart_last, arrive_first, arrive_last)\n"
    "  --ephemeris SPEC  analytic | de405 | SPK file path(s) joined by ','\n"
    "  --elements FILE   MPC (MPCORB) or JPL (ELEMENTS.COMET,\n"
    "                    ELEMENTS.NUMBR, ELEMENTS.UNNUM) file\n"
    "  --threads N       threads (default: all cores)\n"
    "\n"
    "Units: C3 km^2/s^2, speeds and dv km/s, angles deg, EME2000 (ICRF).\n";

static const cli_opt porkchop_opts[] = {
    {"from", 1, 0},         {"to", 1, 0},          {"depart", 1, 0},
    {"arrive", 1, 0},       {"step", 1, 0},        {"revs", 1, 0},
    {"objective", 1, 0},    {"plot", 1, 0},        {"csv", 1, 0},
    {"format", 1, 0},       {"ephemeris", 1, 0},   {"elements", 1, 0},
    {"threads", 1, 0},      {"park-alt", 1, 0},    {"capture-peri", 1, 0},
    {"capture-apo", 1, 0},  {"help", 0, 0},
};

int design_days(const char *text, double *seconds)
{
    char *end;
    double v = strtod(text, &end);
    if (end != text && *end == '\0' && isfinite(v) && v > 0.0) {
        *seconds = v * ILRS_DAY_S;
        return 0;
    }
    return cli_duration(text, seconds);
}

int design_range(const char *cmd, const char *opt, const char *text,
                 double *t0, double *t1)
{
    ilrs_error err = {0, ""};
    const char *slash = text ? strchr(text, '/') : NULL;
    if (!text || !slash)
        return cli_fail(cmd, CLI_EXIT_USAGE,
                        "--%s: expected FIRST/LAST dates, got '%s'", opt,
                        text ? text : "");
    char a[128];
    size_t n = (size_t)(slash - text);
    if (n == 0 || n >= sizeof a || !slash[1])
        return cli_fail(cmd, CLI_EXIT_USAGE,
                        "--%s: expected FIRST/LAST dates, got '%s'", opt,
                        text);
    memcpy(a, text, n);
    a[n] = '\0';
    if (ilrs_time_parse_tdb(a, t0, &err) < 0)
        return cli_fail(cmd, CLI_EXIT_USAGE, "--%s: first date: %s", opt,
                        err.msg);
    if (ilrs_time_parse_tdb(slash + 1, t1, &err) < 0)
        return cli_fail(cmd, CLI_EXIT_USAGE, "--%s: last date: %s", opt,
                        err.msg);
    if (*t1 < *t0)
        return cli_fail(cmd, CLI_EXIT_USAGE,
                        "--%s: last date '%s' is before the first '%s'", opt,
                        slash + 1, a);
    return 0;
}

static int parse_alt(const char *cmd, const cli_args *a, const char *name,
                     double *out)
{
    const char *v = cli_get(a, name);
    if (!v)
        return 0;
    char *end;
    double x = strtod(v, &end);
    if (end == v || *end || !isfinite(x) || x < 0.0)
        return cli_fail(cmd, CLI_EXIT_USAGE,
                        "--%s: expected an altitude >= 0 in km, got '%s'",
                        name, v);
    *out = x;
    return 0;
}

int design_budget(const char *cmd, const cli_args *a, const ilrs_target *from,
                  const ilrs_target *to, ilrs_budget *b)
{
    ilrs_budget_default(from->id, to->id, b);
    if (!from->planet)
        b->dep_gm = 0.0;
    if (!to->planet) {
        b->arrive = ILRS_ARRIVE_RENDEZVOUS;
        b->arr_gm = 0.0;
    }
    if (parse_alt(cmd, a, "park-alt", &b->park_alt_km) ||
        parse_alt(cmd, a, "capture-peri", &b->peri_alt_km) ||
        parse_alt(cmd, a, "capture-apo", &b->apo_alt_km))
        return CLI_EXIT_USAGE;
    if (cli_has(a, "capture-peri") && !cli_has(a, "capture-apo"))
        b->apo_alt_km = b->peri_alt_km;
    if (b->arrive == ILRS_ARRIVE_CAPTURE && b->apo_alt_km < b->peri_alt_km)
        return cli_fail(cmd, CLI_EXIT_USAGE,
                        "--capture-apo %g km is below --capture-peri %g km",
                        b->apo_alt_km, b->peri_alt_km);
    return 0;
}

int design_int_opt(const char *cmd, const cli_args *a, const char *name,
                   int lo, int hi, int dflt, int *out)
{
    const char *v = cli_get(a, name);
    *out = dflt;
    if (!v)
        return 0;
    char *end;
    long n = strtol(v, &end, 10);
    if (end == v || *end || n < lo || n > hi)
        return cli_fail(cmd, CLI_EXIT_USAGE, "--%s: expected %d..%d, got '%s'",
                        name, lo, hi, v);
    *out = (int)n;
    return 0;
}

int design_body(const char *cmd, const char *opt, ilrs_ephem *e,
                const char *name, const char *elements, double near,
                ilrs_target *out)
{
    ilrs_error err = {0, ""};
    int st = ilrs_target_resolve(e, name, elements, near, out, &err);
    if (st == ILRS_ENOTFOUND || st == ILRS_EINVAL ||
        (st < 0 && strchr(name, '=')))  /* bad elements written out */
        return cli_fail(cmd, CLI_EXIT_USAGE, "--%s: %s", opt, err.msg);
    if (st < 0)
        return cli_fail_status(cmd, opt, st, &err);
    return 0;
}

int design_covered(const char *cmd, const char *opt, const ilrs_ephem *e,
                   const ilrs_target *b, double t0, double t1)
{
    ilrs_error err = {0, ""};
    double c0, c1;
    int st = ilrs_ephem_coverage(e, b->id, 10, t0, &c0, &c1, &err);
    if (st >= 0 && t1 <= c1)
        return 0;
    char a[48] = "?", z[48] = "?";
    if (st >= 0) {
        design_date(c0, a, sizeof a);
        design_date(c1, z, sizeof z);
    } else if (ilrs_ephem_coverage(e, b->id, 10, NAN, &c0, &c1, NULL) >= 0) {
        design_date(c0, a, sizeof a);
        design_date(c1, z, sizeof z);
    }
    return cli_fail(cmd, CLI_EXIT_FAIL,
                    "--%s: dates outside the ephemeris coverage of %s (%s to "
                    "%s, %s)", opt, b->name, a, z, ilrs_ephem_source(e));
}

void design_date(double t_tdb, char *buf, size_t size)
{
    ilrs_epoch e;
    if (!isfinite(t_tdb) || ilrs_time_from_tdb(t_tdb, ILRS_UTC, &e, NULL) < 0 ||
        ilrs_time_format(&e, ILRS_TIME_ISO, 0, buf, size, NULL) < 0)
        snprintf(buf, size, "%s", isfinite(t_tdb) ? "?" : "none");
}

static json_t *num(double x)
{
    return isfinite(x) ? json_real(x) : json_null();
}

json_t *design_transfer_json(const ilrs_transfer *t)
{
    char d[48], a[48];
    design_date(t->t_dep, d, sizeof d);
    design_date(t->t_arr, a, sizeof a);
    json_t *o = json_object();
    json_object_set_new(o, "depart_utc", json_string(d));
    json_object_set_new(o, "arrive_utc", json_string(a));
    json_object_set_new(o, "tof_days", num((t->t_arr - t->t_dep) / ILRS_DAY_S));
    json_object_set_new(o, "c3_km2s2", num(t->c3));
    json_object_set_new(o, "vinf_dep_kms", num(t->vinf_dep_kms));
    json_object_set_new(o, "dla_deg", num(t->dla / ILRS_DEG));
    json_object_set_new(o, "rla_deg", num(t->rla / ILRS_DEG));
    json_object_set_new(o, "vinf_arr_kms", num(t->vinf_arr_kms));
    json_object_set_new(o, "dv_depart_kms", num(t->dv_depart));
    json_object_set_new(o, "dv_arrive_kms", num(t->dv_arrive));
    json_object_set_new(o, "dv_total_kms", num(t->dv_total));
    json_object_set_new(o, "revs", json_integer(t->revs));
    return o;
}

void design_transfer_table(const char *label, const ilrs_transfer *t)
{
    char d[48], a[48];
    design_date(t->t_dep, d, sizeof d);
    design_date(t->t_arr, a, sizeof a);
    printf("%s\n  depart %s UTC  arrive %s UTC  tof %.2f d  revs %d\n"
           "  C3 %.4f km^2/s^2  v_inf dep %.4f km/s  DLA %.3f deg  "
           "RLA %.3f deg\n"
           "  v_inf arr %.4f km/s  dv depart %.4f  dv arrive %.4f  "
           "dv total %.4f km/s\n",
           label, d, a, (t->t_arr - t->t_dep) / ILRS_DAY_S, t->revs, t->c3,
           t->vinf_dep_kms, t->dla / ILRS_DEG, t->rla / ILRS_DEG,
           t->vinf_arr_kms, t->dv_depart, t->dv_arrive, t->dv_total);
}

void design_budget_json(json_t *o, const ilrs_budget *b)
{
    json_object_set_new(o, "park_alt_km",
                        b->dep_gm > 0 ? json_real(b->park_alt_km)
                                      : json_null());
    json_object_set_new(o, "arrival",
                        json_string(b->arrive == ILRS_ARRIVE_CAPTURE
                                        ? "capture"
                                        : b->arrive == ILRS_ARRIVE_RENDEZVOUS
                                              ? "rendezvous"
                                              : "flyby"));
    if (b->arrive == ILRS_ARRIVE_CAPTURE) {
        json_object_set_new(o, "capture_peri_km", json_real(b->peri_alt_km));
        json_object_set_new(o, "capture_apo_km", json_real(b->apo_alt_km));
    }
}

static const struct {
    int bit;
    const char *name, *text;
} edges[] = {
    {ILRS_EDGE_DEP0, "depart_first", "first departure date"},
    {ILRS_EDGE_DEP1, "depart_last", "last departure date"},
    {ILRS_EDGE_ARR0, "arrive_first", "first arrival date"},
    {ILRS_EDGE_ARR1, "arrive_last", "last arrival date"},
    {ILRS_EDGE_TOF_MIN, "tof_min", "shortest time of flight"},
    {ILRS_EDGE_TOF_MAX, "tof_max", "longest time of flight"},
};
#define NEDGES (sizeof edges / sizeof edges[0])

void design_edge_note(int edge, const char *widen)
{
    if (!edge)
        return;
    printf("note: the optimum is at the edge of the searched range (");
    const char *sep = "";
    for (size_t k = 0; k < NEDGES; k++)
        if (edge & edges[k].bit) {
            printf("%s%s", sep, edges[k].text);
            sep = ", ";
        }
    printf("): a better transfer may lie outside it; widen %s\n", widen);
}

json_t *design_edge_json(int edge)
{
    json_t *at = json_array();
    for (size_t k = 0; k < NEDGES; k++)
        if (edge & edges[k].bit)
            json_array_append_new(at, json_string(edges[k].name));
    return at;
}

int design_print_json(json_t *doc)
{
    char *s = json_dumps(doc, JSON_INDENT(2) | JSON_REAL_PRECISION(12));
    json_decref(doc);
    if (!s)
        return cli_fail("design", CLI_EXIT_FAIL, "out of memory");
    puts(s);
    free(s);
    return 0;
}

enum { FMT_TABLE, FMT_JSON };

int design_format(const char *cmd, const cli_args *a, int *fmt)
{
    const char *v = cli_get(a, "format");
    *fmt = FMT_TABLE;
    if (!v || strcmp(v, "table") == 0)
        return 0;
    if (strcmp(v, "json") == 0) {
        *fmt = FMT_JSON;
        return 0;
    }
    return cli_fail(cmd, CLI_EXIT_USAGE,
                    "--format: expected table or json, got '%s'", v);
}

int design_objective(const char *cmd, const cli_args *a, ilrs_objective *o)
{
    const char *v = cli_get(a, "objective");
    *o = ILRS_OBJ_C3;
    if (v && ilrs_objective_parse(v, o) != ILRS_OK)
        return cli_fail(cmd, CLI_EXIT_USAGE,
                        "--objective: expected c3, dv, dv-depart or "
                        "vinf-arr, got '%s'", v);
    return 0;
}

/* Everything a porkchop run needs, parsed. */
typedef struct {
    ilrs_ephem *eph;
    ilrs_target from, to;
    ilrs_porkchop_spec spec;
    double d0, d1, a0, a1, step;
    size_t ndep, narr;
    int fmt;
    const char *plot, *csv;
} pc_run;

#define PC_MAX_AXIS 20000

static int pc_axes(const cli_args *a, pc_run *r)
{
    const char *cmd = "porkchop";
    if (!cli_get(a, "depart") || !cli_get(a, "arrive"))
        return cli_fail(cmd, CLI_EXIT_USAGE,
                        "--depart D0/D1 and --arrive A0/A1 are required");
    if (design_range(cmd, "depart", cli_get(a, "depart"), &r->d0, &r->d1) ||
        design_range(cmd, "arrive", cli_get(a, "arrive"), &r->a0, &r->a1))
        return CLI_EXIT_USAGE;
    const char *st = cli_get(a, "step");
    r->step = ILRS_DAY_S;
    if (st && design_days(st, &r->step))
        return cli_fail(cmd, CLI_EXIT_USAGE,
                        "--step: expected a positive duration (1d, 12h, or "
                        "days), got '%s'", st);
    if (r->a1 <= r->d0)
        return cli_fail(cmd, CLI_EXIT_USAGE,
                        "--arrive ends before --depart begins: no transfer "
                        "has a positive time of flight");
    double nd = floor((r->d1 - r->d0) / r->step + 1e-6) + 1;
    double na = floor((r->a1 - r->a0) / r->step + 1e-6) + 1;
    if (nd > PC_MAX_AXIS || na > PC_MAX_AXIS)
        return cli_fail(cmd, CLI_EXIT_USAGE,
                        "--step gives %.0f x %.0f dates; at most %d per "
                        "axis (use a larger --step)", nd, na, PC_MAX_AXIS);
    r->ndep = (size_t)nd;
    r->narr = (size_t)na;
    return 0;
}

static int pc_parse(const cli_args *a, pc_run *r)
{
    const char *cmd = "porkchop";
    int rc = pc_axes(a, r);
    if (rc)
        return rc;
    ilrs_porkchop_spec *s = &r->spec;
    if (design_int_opt(cmd, a, "revs", 0, 20, 0, &s->max_revs) ||
        design_int_opt(cmd, a, "threads", 1, 1024, 0, &s->nthreads) ||
        design_objective(cmd, a, &s->objective) ||
        design_format(cmd, a, &r->fmt))
        return CLI_EXIT_USAGE;
    r->plot = cli_get(a, "plot");
    r->csv = cli_get(a, "csv");
    const char *from = cli_get(a, "from"), *to = cli_get(a, "to");
    if (!to)
        return cli_fail(cmd, CLI_EXIT_USAGE, "--to BODY is required");
    const char *el = cli_get(a, "elements");
    rc = cli_open_ephem(cmd, cli_get(a, "ephemeris"), &r->eph);
    if (rc)
        return rc;
    if (design_body(cmd, "from", r->eph, from ? from : "Earth", el, NAN,
                    &r->from) ||
        design_body(cmd, "to", r->eph, to, el, NAN, &r->to))
        return CLI_EXIT_USAGE;
    if (design_covered(cmd, "depart", r->eph, &r->from, r->d0, r->d1) ||
        design_covered(cmd, "arrive", r->eph, &r->to, r->a0, r->a1))
        return CLI_EXIT_FAIL;
    if (design_budget(cmd, a, &r->from, &r->to, &s->budget))
        return CLI_EXIT_USAGE;
    s->from = r->from.id;
    s->to = r->to.id;
    s->dep0 = r->d0;
    s->arr0 = r->a0;
    s->dep_step = s->arr_step = r->step;
    return 0;
}

static int pc_csv(const pc_run *r, const ilrs_porkchop *p)
{
    FILE *f = fopen(r->csv, "w");
    if (!f)
        return cli_fail("porkchop", CLI_EXIT_FAIL, "--csv %s: cannot write",
                        r->csv);
    fprintf(f, "depart_utc,arrive_utc,tof_days,revs,c3_km2s2,vinf_dep_kms,"
               "dla_deg,vinf_arr_kms,dv_depart_kms,dv_arrive_kms,"
               "dv_total_kms\n");
    for (size_t j = 0; j < p->narr; j++) {
        char ab[48];
        design_date(p->arr_t[j], ab, sizeof ab);
        for (size_t i = 0; i < p->ndep; i++) {
            size_t k = j * p->ndep + i;
            char db[48];
            design_date(p->dep_t[i], db, sizeof db);
            if (isnan(p->c3[k])) {
                fprintf(f, "%s,%s,%.6f,,,,,,,,\n", db, ab,
                        (p->arr_t[j] - p->dep_t[i]) / ILRS_DAY_S);
                continue;
            }
            fprintf(f, "%s,%s,%.6f,%d,%.12g,%.12g,%.10f,%.12g,%.12g,%.12g,"
                       "%.12g\n",
                    db, ab, p->tof[k] / ILRS_DAY_S, p->revs[k], p->c3[k],
                    sqrt(p->c3[k]), p->dla[k] / ILRS_DEG, p->vinf_arr[k],
                    p->dv_depart[k], p->dv_arrive[k], p->dv_total[k]);
        }
    }
    int bad = ferror(f);
    if (fclose(f) != 0 || bad)
        return cli_fail("porkchop", CLI_EXIT_FAIL, "--csv %s: write failed",
                        r->csv);
    return 0;
}

/* The optimum cell as a full transfer (with RLA and v_inf vectors). */
static void pc_cell(const ilrs_porkchop *p, const ilrs_porkchop_spec *s,
                    size_t i, size_t j, ilrs_transfer *t)
{
    ilrs_transfer_best(p->dep_state + 6 * i, p->arr_state + 6 * j,
                       p->dep_t[i], p->arr_t[j], s->max_revs, s->objective,
                       &s->budget, t);
}

static int pc_report(const pc_run *r, const ilrs_porkchop *p)
{
    size_t i = 0, j = 0;
    ilrs_transfer t;
    int found = ilrs_porkchop_best(p, r->spec.objective, &i, &j) == ILRS_OK;
    if (found)
        pc_cell(p, &r->spec, i, j, &t);
    if (r->fmt == FMT_JSON) {
        json_t *doc = json_object();
        json_object_set_new(doc, "source", json_string(ilrs_ephem_source(r->eph)));
        json_object_set_new(doc, "from", json_string(r->from.name));
        json_object_set_new(doc, "to", json_string(r->to.name));
        json_object_set_new(doc, "to_source", json_string(r->to.source));
        json_object_set_new(doc, "objective",
                            json_string(ilrs_objective_name(r->spec.objective)));
        json_object_set_new(doc, "revs_max", json_integer(r->spec.max_revs));
        design_budget_json(doc, &r->spec.budget);
        json_object_set_new(doc, "n_depart", json_integer((json_int_t)p->ndep));
        json_object_set_new(doc, "n_arrive", json_integer((json_int_t)p->narr));
        json_object_set_new(doc, "step_days", json_real(r->step / ILRS_DAY_S));
        json_object_set_new(doc, "cells_solved",
                            json_integer((json_int_t)p->nsolved));
        json_object_set_new(doc, "optimum",
                            found ? design_transfer_json(&t) : json_null());
        json_object_set_new(doc, "optimum_at_edge",
                            design_edge_json(
                                found ? ilrs_porkchop_edge(p, i, j) : 0));
        return design_print_json(doc);
    }
    printf("# source: %s\n# %s -> %s (%s)  objective %s  revs <= %d\n"
           "# grid %zu departures x %zu arrivals, step %.4g d, %zu cells "
           "solved\n",
           ilrs_ephem_source(r->eph), r->from.name, r->to.name, r->to.source,
           ilrs_objective_name(r->spec.objective), r->spec.max_revs, p->ndep,
           p->narr, r->step / ILRS_DAY_S, p->nsolved);
    if (!found) {
        printf("no transfer in the grid\n");
        return 0;
    }
    design_transfer_table("optimum (grid cell):", &t);
    design_edge_note(ilrs_porkchop_edge(p, i, j), "--depart or --arrive");
    return 0;
}

int design_plot(const char *path, const ilrs_porkchop *p,
                const ilrs_porkchop_spec *s, const char *from, const char *to,
                const char *source)
{
    ilrs_error err = {0, ""};
    size_t i = SIZE_MAX, j = SIZE_MAX;
    if (ilrs_porkchop_best(p, s->objective, &i, &j) != ILRS_OK)
        i = j = SIZE_MAX;
    char label[48];
    snprintf(label, sizeof label, "least %s",
             s->objective == ILRS_OBJ_C3 ? "C3"
             : s->objective == ILRS_OBJ_DV ? "total dv"
             : s->objective == ILRS_OBJ_DV_DEPART ? "departure dv"
                                                   : "arrival v-inf");
    int st = ilrs_porkchop_plot(path, p, from, to, source, i, j, label, &err);
    if (st < 0)
        return cli_fail_status("porkchop", "--plot", st, &err);
    return 0;
}

static int pc_run_all(pc_run *r)
{
    ilrs_error err = {0, ""};
    ilrs_porkchop *p = NULL;
    int st = ilrs_porkchop_new(r->ndep, r->narr, &p, &err);
    if (st >= 0)
        st = ilrs_porkchop_compute(p, r->eph, &r->spec, &err);
    if (st < 0) {
        ilrs_porkchop_free(p);
        return cli_fail_status("porkchop", NULL, st, &err);
    }
    int rc = r->csv ? pc_csv(r, p) : 0;
    if (!rc && r->plot)
        rc = design_plot(r->plot, p, &r->spec, r->from.name, r->to.name,
                         ilrs_ephem_source(r->eph));
    if (!rc)
        rc = pc_report(r, p);
    ilrs_porkchop_free(p);
    return rc;
}

int cmd_porkchop(int argc, char **argv)
{
    cli_args a;
    int rc0 = cli_start(&a, "porkchop", porkchop_opts,
                        (int)(sizeof porkchop_opts / sizeof porkchop_opts[0]),
                        porkchop_help, 0, argc, argv);
    if (rc0 != CLI_CONTINUE)
        return rc0;
    pc_run r;
    memset(&r, 0, sizeof r);
    int rc = pc_parse(&a, &r);
    if (!rc)
        rc = pc_run_all(&r);
    ilrs_ephem_free(r.eph);
    return rc;
}
