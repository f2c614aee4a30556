/* cli_window.c -- `ilrs window`: the launch window and optimum transfer
   for a departure period and a time-of-flight range. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli_design.h"
#include "ilrs/constants.h"
#include "ilrs/kepler.h"
#include "ilrs/oem.h"

static const char window_help[] =
    "usage: ilrs window --from BODY --to BODY --depart D0/D1 --tof MIN/MAX\n"
    "                   [--step DT] [--revs N] [--objective OBJ]\n"
    "                   [--c3-max X] [--dla-max DEG] [--vinf-arr-max X]\n"
    "                   [--park-alt KM] [--capture-peri KM --capture-apo KM]\n"
    "                   [--format table|json] [--oem FILE]\n"
    "                   [--ephemeris SPEC] [--elements FILE] [--threads N]\n"
    "\n"
    "Searches departures in D0..D1 and times of flight in MIN..MAX on a grid,\n"
    "keeps the transfers that meet the constraints, and refines the best one\n"
    "in continuous dates (Nelder-Mead). Prints that optimum and the window:\n"
    "every departure date of the grid on which the constraints hold, with\n"
    "that date's best arrival.\n"
    "\n"
    "  --from BODY        departure body (default Earth)\n"
    "  --to BODY          target: planet, NAIF id or small body (number,\n"
    "                     name, designation; --elements, then the bundled\n"
    "                     catalog), or its elements written out as in\n"
    "                     'ilrs porkchop --help'\n"
    "  --depart D0/D1     departure period (ISO 8601 or 'JD ...', UTC)\n"
    "  --tof MIN/MAX      time of flight range with units: 120d/400d (bare\n"
    "                     numbers are days)\n"
    "  --step DT          grid spacing of departure and tof (default 1d)\n"
    "  --revs N           also consider up to N complete revolutions\n"
    "  --objective OBJ    c3 (default), dv (total), dv-depart, vinf-arr\n"
    "  --c3-max X         largest C3 the launcher gives (km^2/s^2)\n"
    "  --dla-max DEG      largest |declination| of the launch asymptote\n"
    "  --vinf-arr-max X   largest arrival v-infinity (km/s)\n"
    "  --park-alt KM      parking orbit altitude (default 200 km)\n"
    "  --capture-peri KM, --capture-apo KM\n"
    "                     capture orbit at a planet (default 400 km circular)\n"
    "  --format F         table (default) or json\n"
    "  --oem FILE         the optimum's heliocentric arc as a CCSDS OEM\n"
    "                     (EME2000, TDB, one state per day)\n"
    "  --ephemeris SPEC   analytic | de405 | SPK file path(s) joined by ','\n"
    "  --elements FILE    MPC (MPCORB) or JPL (ELEMENTS.COMET,\n"
    "                     ELEMENTS.NUMBR, ELEMENTS.UNNUM) file\n"
    "  --threads N        threads (default: all cores)\n"
    "\n"
    "JSON: {\"optimum\": {depart_utc, arrive_utc, tof_days, c3_km2s2,\n"
    "vinf_dep_kms, dla_deg, rla_deg, vinf_arr_kms, dv_depart_kms,\n"
    "dv_arrive_kms, dv_total_kms, revs}, \"optimum_at_edge\": [ends of\n"
    "the range the optimum lies within half a step of: depart_first,\n"
    "depart_last, tof_min, tof_max], \"window\": [rows like the optimum]}.\n"
    "An optimum at an edge is also noted in the table: the best transfer\n"
    "may then lie outside the range searched.\n";

static const cli_opt window_opts[] = {
    {"from", 1, 0},          {"to", 1, 0},          {"depart", 1, 0},
    {"tof", 1, 0},           {"step", 1, 0},        {"revs", 1, 0},
    {"objective", 1, 0},     {"c3-max", 1, 0},      {"dla-max", 1, 0},
    {"vinf-arr-max", 1, 0},  {"park-alt", 1, 0},    {"capture-peri", 1, 0},
    {"capture-apo", 1, 0},   {"format", 1, 0},      {"oem", 1, 0},
    {"ephemeris", 1, 0},     {"elements", 1, 0},    {"threads", 1, 0},
    {"help", 0, 0},
};

typedef struct {
    ilrs_ephem *eph;
    ilrs_target from, to;
    ilrs_window_spec spec;
    int fmt;
    const char *oem;
} win_run;

static int tof_range(const char *text, double *lo, double *hi)
{
    const char *cmd = "window";
    const char *slash = text ? strchr(text, '/') : NULL;
    char a[64];
    if (!slash || slash == text || (size_t)(slash - text) >= sizeof a)
        return cli_fail(cmd, CLI_EXIT_USAGE,
                        "--tof: expected MIN/MAX durations (120d/400d), got "
                        "'%s'", text ? text : "");
    memcpy(a, text, (size_t)(slash - text));
    a[slash - text] = '\0';
    if (design_days(a, lo) || design_days(slash + 1, hi))
        return cli_fail(cmd, CLI_EXIT_USAGE,
                        "--tof: expected positive durations MIN/MAX (120d/"
                        "400d), got '%s'", text);
    if (*hi < *lo)
        return cli_fail(cmd, CLI_EXIT_USAGE,
                        "--tof: MAX '%s' is below MIN '%s'", slash + 1, a);
    return 0;
}

static int limit(const cli_args *a, const char *name, double scale,
                 double *out)
{
    const char *v = cli_get(a, name);
    *out = INFINITY;
    if (!v)
        return 0;
    char *end;
    double x = strtod(v, &end);
    if (end == v || *end || !isfinite(x) || x < 0.0)
        return cli_fail("window", CLI_EXIT_USAGE,
                        "--%s: expected a number >= 0, got '%s'", name, v);
    *out = x * scale;
    return 0;
}

static int win_options(const cli_args *a, win_run *r)
{
    const char *cmd = "window";
    ilrs_window_spec *s = &r->spec;
    if (!cli_get(a, "depart") || !cli_get(a, "tof"))
        return cli_fail(cmd, CLI_EXIT_USAGE,
                        "--depart D0/D1 and --tof MIN/MAX are required");
    if (!cli_get(a, "to"))
        return cli_fail(cmd, CLI_EXIT_USAGE, "--to BODY is required");
    if (design_range(cmd, "depart", cli_get(a, "depart"), &s->dep0, &s->dep1) ||
        tof_range(cli_get(a, "tof"), &s->tof_min, &s->tof_max))
        return CLI_EXIT_USAGE;
    const char *st = cli_get(a, "step");
    s->step = ILRS_DAY_S;
    if (st && design_days(st, &s->step))
        return cli_fail(cmd, CLI_EXIT_USAGE,
                        "--step: expected a positive duration (1d, 12h, or "
                        "days), got '%s'", st);
    double cells = (floor((s->dep1 - s->dep0) / s->step + 1e-6) + 1) *
                   (floor((s->tof_max - s->tof_min) / s->step + 1e-6) + 1);
    if (cells > 1e8)
        return cli_fail(cmd, CLI_EXIT_USAGE,
                        "--step gives %.0f grid cells; at most 1e8 (use a "
                        "larger --step)", cells);
    if (design_int_opt(cmd, a, "revs", 0, 20, 0, &s->max_revs) ||
        design_int_opt(cmd, a, "threads", 1, 1024, 0, &s->nthreads) ||
        design_objective(cmd, a, &s->objective) ||
        design_format(cmd, a, &r->fmt) ||
        limit(a, "c3-max", 1.0, &s->c3_max) ||
        limit(a, "dla-max", ILRS_DEG, &s->dla_max) ||
        limit(a, "vinf-arr-max", 1.0, &s->vinf_arr_max))
        return CLI_EXIT_USAGE;
    r->oem = cli_get(a, "oem");
    return 0;
}

static int win_parse(const cli_args *a, win_run *r)
{
    const char *cmd = "window";
    int rc = win_options(a, r);
    if (rc)
        return rc;
    ilrs_window_spec *s = &r->spec;
    const char *el = cli_get(a, "elements"), *from = cli_get(a, "from");
    rc = cli_open_ephem(cmd, cli_get(a, "ephemeris"), &r->eph);
    if (rc)
        return rc;
    if (design_body(cmd, "from", r->eph, from ? from : "Earth", el, NAN,
                    &r->from) ||
        design_body(cmd, "to", r->eph, cli_get(a, "to"), el, NAN, &r->to))
        return CLI_EXIT_USAGE;
    if (design_covered(cmd, "depart", r->eph, &r->from, s->dep0, s->dep1) ||
        design_covered(cmd, "tof", r->eph, &r->to, s->dep0 + s->tof_min,
                       s->dep1 + s->tof_max))
        return CLI_EXIT_FAIL;
    if (design_budget(cmd, a, &r->from, &r->to, &s->budget))
        return CLI_EXIT_USAGE;
    s->from = r->from.id;
    s->to = r->to.id;
    return 0;
}

static void win_table(const win_run *r, const ilrs_window *w)
{
    const ilrs_window_spec *s = &r->spec;
    printf("# source: %s\n# %s -> %s (%s)  objective %s  revs <= %d\n"
           "# constraints: C3 <= %g km^2/s^2, |DLA| <= %g deg, v_inf arr <= "
           "%g km/s\n",
           ilrs_ephem_source(r->eph), r->from.name, r->to.name, r->to.source,
           ilrs_objective_name(s->objective), s->max_revs, s->c3_max,
           s->dla_max / ILRS_DEG, s->vinf_arr_max);
    if (!w->found) {
        printf("no transfer meets the constraints\n");
        return;
    }
    design_transfer_table("optimum (refined):", &w->optimum);
    design_edge_note(w->edge, "--depart or --tof");
    printf("\nwindow: %zu departure dates\n%-19s  %-19s %8s %9s %8s %8s "
           "%8s %8s\n",
           w->ndays, "depart (UTC)", "arrive (UTC)", "tof (d)", "C3",
           "DLA", "vinf arr", "dv dep", "dv tot");
    for (size_t k = 0; k < w->ndays; k++) {
        const ilrs_transfer *t = &w->days[k];
        char d[48], a[48];
        design_date(t->t_dep, d, sizeof d);
        design_date(t->t_arr, a, sizeof a);
        printf("%-19s  %-19s %8.2f %9.4f %8.3f %8.4f %8.4f %8.4f\n", d, a,
               (t->t_arr - t->t_dep) / ILRS_DAY_S, t->c3, t->dla / ILRS_DEG,
               t->vinf_arr_kms, t->dv_depart, t->dv_total);
    }
}

static json_t *limit_json(double x, double scale)
{
    return isfinite(x) ? json_real(x / scale) : json_null();
}

static int win_json(const win_run *r, const ilrs_window *w)
{
    const ilrs_window_spec *s = &r->spec;
    json_t *doc = json_object(), *rows = json_array();
    json_object_set_new(doc, "source", json_string(ilrs_ephem_source(r->eph)));
    json_object_set_new(doc, "from", json_string(r->from.name));
    json_object_set_new(doc, "to", json_string(r->to.name));
    json_object_set_new(doc, "to_source", json_string(r->to.source));
    json_object_set_new(doc, "objective",
                        json_string(ilrs_objective_name(s->objective)));
    json_object_set_new(doc, "revs_max", json_integer(s->max_revs));
    json_object_set_new(doc, "c3_max_km2s2", limit_json(s->c3_max, 1.0));
    json_object_set_new(doc, "dla_max_deg", limit_json(s->dla_max, ILRS_DEG));
    json_object_set_new(doc, "vinf_arr_max_kms",
                        limit_json(s->vinf_arr_max, 1.0));
    design_budget_json(doc, &s->budget);
    json_object_set_new(doc, "step_days", json_real(s->step / ILRS_DAY_S));
    json_object_set_new(doc, "optimum", w->found
                                            ? design_transfer_json(&w->optimum)
                                            : json_null());
    json_object_set_new(doc, "optimum_at_edge", design_edge_json(w->edge));
    for (size_t k = 0; k < w->ndays; k++)
        json_array_append_new(rows, design_transfer_json(&w->days[k]));
    json_object_set_new(doc, "window", rows);
    return design_print_json(doc);
}

/* The arc from the departure body's state with the transfer's v_inf
   added, propagated about the Sun, one state per day and at arrival. */
int design_oem(const char *path, const ilrs_ephem *e,
               const ilrs_window_spec *s, const ilrs_transfer *t,
               const char *target)
{
    ilrs_error err = {0, ""};
    double dep[6];
    int st = ilrs_ephem_state(e, s->from, 10, t->t_dep, dep, &err);
    if (st < 0)
        return cli_fail_status("window", "--oem", st, &err);
    for (int k = 0; k < 3; k++)
        dep[3 + k] += t->vinf_dep[k];
    double tof = t->t_arr - t->t_dep;
    size_t n = (size_t)ceil(tof / ILRS_DAY_S) + 1;
    double *tt = malloc(n * sizeof *tt);
    double(*xs)[6] = malloc(n * sizeof *xs);
    if (!tt || !xs) {
        free(tt);
        free(xs);
        return cli_fail("window", CLI_EXIT_FAIL, "out of memory");
    }
    for (size_t k = 0; k < n && st >= 0; k++) {
        double dt = k + 1 == n ? tof : (double)k * ILRS_DAY_S;
        tt[k] = t->t_dep + dt;
        st = ilrs_kepler_propagate(dep, dt, ILRS_GM_SUN, xs[k], &err);
    }
    char comment[256];
    snprintf(comment, sizeof comment, "Heliocentric Lambert arc to %s "
             "(two-body, Sun GM of DE440)\nC3 %.4f km^2/s^2, arrival v-inf "
             "%.4f km/s", target, t->c3, t->vinf_arr_kms);
    ilrs_oem_segment seg = {"TRANSFER", NULL, "SUN", "EME2000", "TDB",
                            comment, tt, (const double(*)[6])xs, n, 7};
    if (st >= 0)
        st = ilrs_oem_write(path, NULL, &seg, 1, &err);
    free(tt);
    free(xs);
    return st < 0 ? cli_fail_status("window", "--oem", st, &err) : 0;
}

int cmd_window(int argc, char **argv)
{
    cli_args a;
    int rc0 = cli_start(&a, "window", window_opts,
                        (int)(sizeof window_opts / sizeof window_opts[0]),
                        window_help, 0, argc, argv);
    if (rc0 != CLI_CONTINUE)
        return rc0;
    win_run r;
    memset(&r, 0, sizeof r);
    int rc = win_parse(&a, &r);
    ilrs_window w = {0};
    if (!rc) {
        ilrs_error err = {0, ""};
        int st = ilrs_window_search(r.eph, &r.spec, &w, &err);
        if (st < 0)
            rc = cli_fail_status("window", NULL, st, &err);
        else if (r.oem && w.found)
            rc = design_oem(r.oem, r.eph, &r.spec, &w.optimum, r.to.name);
        else if (r.oem)
            rc = cli_fail("window", CLI_EXIT_FAIL,
                          "--oem: no transfer meets the constraints");
        if (!rc && r.fmt == 1)
            rc = win_json(&r, &w);
        else if (!rc)
            win_table(&r, &w);
    }
    ilrs_window_free(&w);
    ilrs_ephem_free(r.eph);
    return rc;
}
