/* cli_program.c -- `ilrs program ...`: program files, the registry, budget
   checks, payload allocation and the timeline. */
#include <jansson.h>
#include <math.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "ilrs/program.h"
#include "ilrs/registry.h"
#include "ilrs/timeline.h"

static const char program_help[] =
    "usage: ilrs program ACTION [ARGS] [OPTIONS]\n"
    "\n"
    "The ILRS program: partners, launch vehicles and sites, landing sites,\n"
    "missions and payload proposals (docs/program-file.md), kept in a "
    "registry.\n"
    "\n"
    "actions:\n"
    "  validate FILE             check a program file; print every problem\n"
    "  import FILE [--prune]     store FILE in the registry (creates it); "
    "entities\n"
    "                            are matched by id; --prune deletes those "
    "the file\n"
    "                            does not name\n"
    "  export [--format yaml|json] [--output FILE]\n"
    "                            the registry as a program file\n"
    "  list KIND                 missions, payloads, partners, sites "
    "(launch sites),\n"
    "                            landing_sites, vehicles or phases\n"
    "  show ID                   every field of one entity\n"
    "  set ID FIELD VALUE        change one field (VALUE as in a file: "
    "'12 kg',\n"
    "                            '2026-08', 'true'; 'null' clears); "
    "budget.mass etc.\n"
    "  history [ID]              every change: what, old, new, when, who\n"
    "  check                     assigned payloads against each mission's "
    "budgets\n"
    "                            and needs; exit 1 if any fails\n"
    "  allocate [--apply]        best assignment of proposals to missions "
    "(GLPK MIP);\n"
    "                            --apply records it in the registry\n"
    "  timeline [--plot FILE]    phases and missions by launch date; "
    "--plot draws\n"
    "                            them (.png, .svg or .pdf)\n"
    "\n"
    "options:\n"
    "  --registry FILE   the registry; default $ILRS_REGISTRY, else\n"
    "                    ./ilrs-registry.db\n"
    "  --file FILE       check, allocate, timeline, list, show, export: read "
    "a\n"
    "                    program file instead of the registry\n"
    "  --user NAME       who makes the change (history); default the login "
    "name\n"
    "  --format F        export: yaml (default) or json\n"
    "  --output FILE     export: write here instead of stdout\n"
    "  --prune           import: delete entities the file does not name\n"
    "  --apply           allocate: record the plan (payload 'assigned')\n"
    "  --time-limit S    allocate: GLPK time limit in seconds (default 60)\n"
    "  --mip-gap G       allocate: stop within relative gap G (default 0: "
    "optimal)\n"
    "  --plot FILE       timeline: chart file\n"
    "  --commit-delay MS import: wait MS ms inside the transaction before "
    "committing\n"
    "                    (for crash tests: a kill then leaves the old "
    "state)\n";

static const cli_opt program_opts[] = {
    {"registry", 1, 0}, {"file", 1, 0},       {"user", 1, 0},
    {"format", 1, 0},   {"output", 1, 0},     {"prune", 0, 0},
    {"apply", 0, 0},    {"time-limit", 1, 0}, {"mip-gap", 1, 0},
    {"plot", 1, 0},     {"commit-delay", 1, 0}, {"help", 0, 0},
};

#define CMD "program"

static const char *registry_path(const cli_args *a)
{
    const char *r = cli_get(a, "registry");
    if (!r)
        r = getenv("ILRS_REGISTRY");
    return r && r[0] ? r : "ilrs-registry.db";
}

static const char *user_name(const cli_args *a)
{
    const char *u = cli_get(a, "user");
    if (!u)
        u = getenv("USER");
    if (!u)
        u = getenv("LOGNAME");
    if (!u) {
        struct passwd *pw = getpwuid(getuid());
        u = pw ? pw->pw_name : NULL;
    }
    return u && u[0] ? u : "unknown";
}

static void print_diag(const ilrs_diag *d)
{
    for (size_t i = 0; i < d->n; i++)
        fprintf(stderr, "%s\n", d->msg[i]);
}

/* Load FILE, printing every problem. Returns 0 or an exit code. */
static int load_file(const char *path, ilrs_program **p)
{
    ilrs_diag d = {0};
    ilrs_error err = {0, ""};
    int st = ilrs_program_load(path, p, &d, &err);
    if (st < 0) {
        if (d.n)
            print_diag(&d);
        else
            fprintf(stderr, "%s\n", err.msg);
        fprintf(stderr, "ilrs program: %s: %zu problem%s\n", path,
                d.n ? d.n : 1, d.n == 1 ? "" : "s");
    }
    ilrs_diag_free(&d);
    return st < 0 ? CLI_EXIT_FAIL : 0;
}

static int open_reg(const cli_args *a, int create, ilrs_registry **r)
{
    ilrs_error err = {0, ""};
    int st = ilrs_registry_open(registry_path(a), create, r, &err);
    if (st < 0)
        return cli_fail(CMD, CLI_EXIT_FAIL, "%s", err.msg);
    return 0;
}

/* The program from --file or the registry. */
static int get_program(const cli_args *a, ilrs_program **p)
{
    if (cli_get(a, "file"))
        return load_file(cli_get(a, "file"), p);
    ilrs_registry *r;
    int rc = open_reg(a, 0, &r);
    if (rc)
        return rc;
    ilrs_diag d = {0};
    ilrs_error err = {0, ""};
    int st = ilrs_registry_load(r, p, &d, &err);
    ilrs_registry_close(r);
    if (st < 0) {
        print_diag(&d);
        ilrs_diag_free(&d);
        return cli_fail(CMD, CLI_EXIT_FAIL, "%s", err.msg);
    }
    ilrs_diag_free(&d);
    return 0;
}

static int act_validate(const cli_args *a)
{
    if (a->npos != 2)
        return cli_fail(CMD, CLI_EXIT_USAGE, "validate needs FILE");
    ilrs_program *p;
    int rc = load_file(a->pos[1], &p);
    if (rc)
        return rc;
    printf("%s: valid: %zu entities (%zu missions, %zu payload proposals)\n",
           a->pos[1], ilrs_program_count(p, ILRS_PK_COUNT),
           ilrs_program_count(p, ILRS_PK_MISSION),
           ilrs_program_count(p, ILRS_PK_PAYLOAD));
    ilrs_program_free(p);
    return 0;
}

static void sleep_ms(void *ctx)
{
    long ms = *(const long *)ctx;
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    fprintf(stderr, "ilrs program: import: waiting %ld ms before commit\n",
            ms);
    nanosleep(&ts, NULL);
}

static int act_import(const cli_args *a)
{
    if (a->npos != 2)
        return cli_fail(CMD, CLI_EXIT_USAGE, "import needs FILE");
    long delay = 0;
    const char *cd = cli_get(a, "commit-delay");
    if (cd) {
        char *end;
        delay = strtol(cd, &end, 10);
        if (*end || delay < 0 || delay > 3600000)
            return cli_fail(CMD, CLI_EXIT_USAGE, "--commit-delay: expected "
                            "milliseconds 0..3600000, got '%s'", cd);
    }
    ilrs_program *p;
    ilrs_registry *r;
    int rc = load_file(a->pos[1], &p);
    if (rc)
        return rc;
    if ((rc = open_reg(a, 1, &r)) != 0) {
        ilrs_program_free(p);
        return rc;
    }
    ilrs_import_stats s;
    ilrs_error err = {0, ""};
    int st = ilrs_registry_import(r, p, user_name(a), cli_has(a, "prune"),
                                  cd ? sleep_ms : NULL, &delay, &s, &err);
    ilrs_registry_close(r);
    ilrs_program_free(p);
    if (st < 0)
        return cli_fail(CMD, CLI_EXIT_FAIL, "import: %s", err.msg);
    printf("%s -> %s: %zu created, %zu updated, %zu unchanged, %zu kept "
           "(not in the file), %zu deleted\n", a->pos[1], registry_path(a),
           s.created, s.updated, s.unchanged, s.kept, s.deleted);
    return 0;
}

static int act_export(const cli_args *a)
{
    const char *fmt = cli_get(a, "format");
    if (fmt && strcmp(fmt, "yaml") != 0 && strcmp(fmt, "json") != 0)
        return cli_fail(CMD, CLI_EXIT_USAGE, "--format: expected yaml or "
                        "json, got '%s'", fmt);
    ilrs_program *p;
    int rc = get_program(a, &p);
    if (rc)
        return rc;
    char *text;
    size_t len;
    ilrs_error err = {0, ""};
    int st = ilrs_program_export(p, fmt && strcmp(fmt, "json") == 0, &text,
                                 &len, &err);
    ilrs_program_free(p);
    if (st < 0)
        return cli_fail(CMD, CLI_EXIT_FAIL, "export: %s", err.msg);
    const char *out = cli_get(a, "output");
    FILE *f = out ? fopen(out, "wb") : stdout;
    if (!f) {
        free(text);
        return cli_fail(CMD, CLI_EXIT_FAIL, "--output: cannot write '%s'",
                        out);
    }
    int bad = fwrite(text, 1, len, f) != len;
    if (len && text[len - 1] != '\n')
        bad |= fputc('\n', f) == EOF;
    bad |= out ? fclose(f) != 0 : fflush(f) != 0;
    free(text);
    if (bad)
        return cli_fail(CMD, CLI_EXIT_FAIL, "export: write failed");
    return 0;
}

static const char *field_or(const ilrs_program *p, const char *id,
                            const char *field, char *buf, size_t size)
{
    if (ilrs_program_field(p, id, field, buf, size) != ILRS_OK)
        snprintf(buf, size, "-");
    return buf;
}

static int act_list(const cli_args *a)
{
    static const struct {
        ilrs_program_kind kind;
        const char *cols[6];
    } views[] = {
        {ILRS_PK_MISSION, {"name", "type", "launch", "status", "lead", NULL}},
        {ILRS_PK_PAYLOAD, {"name", "partner", "mass", "needs", "status",
                           "assigned"}},
        {ILRS_PK_PARTNER, {"name", "country", "kind", NULL}},
        {ILRS_PK_LAUNCH_SITE, {"name", "lat", "lon", NULL}},
        {ILRS_PK_LANDING_SITE, {"name", "lat", "lon", "region", NULL}},
        {ILRS_PK_VEHICLE, {"name", "status", "fairing_diameter",
                           "fairing_height", NULL}},
        {ILRS_PK_PHASE, {"name", "from", "to", NULL}},
        {ILRS_PK_PROGRAM, {"name", NULL}},
    };
    ilrs_program_kind k;
    if (a->npos != 2 || ilrs_program_kind_parse(a->pos[1], &k) != ILRS_OK)
        return cli_fail(CMD, CLI_EXIT_USAGE, "list needs KIND: missions, "
                        "payloads, partners, sites, landing_sites, vehicles "
                        "or phases%s%s%s", a->npos > 1 ? " (got '" : "",
                        a->npos > 1 ? a->pos[1] : "", a->npos > 1 ? "')" : "");
    ilrs_program *p;
    int rc = get_program(a, &p);
    if (rc)
        return rc;
    size_t v = 0;
    while (views[v].kind != k)
        v++;
    printf("%-14s", "id");
    for (int c = 0; c < 6 && views[v].cols[c]; c++)
        printf("  %-*s", c ? 16 : 34, views[v].cols[c]);
    printf("\n");
    for (size_t i = 0; i < ilrs_program_count(p, k); i++) {
        const char *id = ilrs_program_id(p, k, i);
        char buf[256];
        printf("%-14s", id);
        for (int c = 0; c < 6 && views[v].cols[c]; c++)
            printf("  %-*s", c ? 16 : 34,
                   field_or(p, id, views[v].cols[c], buf, sizeof buf));
        printf("\n");
    }
    ilrs_program_free(p);
    return 0;
}

static void show_field(void *ctx, const char *name, const char *text)
{
    (void)ctx;
    printf("  %-22s %s\n", name, text);
}

static int act_show(const cli_args *a)
{
    if (a->npos != 2)
        return cli_fail(CMD, CLI_EXIT_USAGE, "show needs ID");
    ilrs_program *p;
    int rc = get_program(a, &p);
    if (rc)
        return rc;
    ilrs_program_kind k;
    if (ilrs_program_find(p, a->pos[1], &k) != ILRS_OK) {
        ilrs_program_free(p);
        return cli_fail(CMD, CLI_EXIT_FAIL, "show: no entity '%s'",
                        a->pos[1]);
    }
    printf("%s %s\n", ilrs_program_kind_name(k), a->pos[1]);
    ilrs_program_fields(p, a->pos[1], show_field, NULL);
    ilrs_program_free(p);
    return 0;
}

static int act_set(const cli_args *a)
{
    if (a->npos != 4)
        return cli_fail(CMD, CLI_EXIT_USAGE, "set needs ID FIELD VALUE");
    ilrs_registry *r;
    int rc = open_reg(a, 0, &r);
    if (rc)
        return rc;
    ilrs_diag d = {0};
    ilrs_error err = {0, ""};
    int st = ilrs_registry_set(r, a->pos[1], a->pos[2], a->pos[3],
                               user_name(a), &d, &err);
    ilrs_registry_close(r);
    if (st < 0) {
        for (size_t i = 1; i < d.n; i++)
            fprintf(stderr, "%s\n", d.msg[i]);
        ilrs_diag_free(&d);
        return cli_fail(CMD, CLI_EXIT_FAIL, "set %s %s: %s", a->pos[1],
                        a->pos[2], err.msg);
    }
    ilrs_diag_free(&d);
    return 0;
}

static int print_history(void *ctx, const ilrs_history_row *h)
{
    (void)ctx;
    printf("%6ld  %s  %-10s %-8s %s%s%s: %s -> %s\n", h->seq, h->at, h->who,
           h->action, h->id, h->field ? " " : "", h->field ? h->field : "",
           h->old_value ? h->old_value : "(none)",
           h->new_value ? h->new_value : "(none)");
    return 0;
}

static int act_history(const cli_args *a)
{
    if (a->npos > 2)
        return cli_fail(CMD, CLI_EXIT_USAGE, "history takes at most one ID");
    ilrs_registry *r;
    int rc = open_reg(a, 0, &r);
    if (rc)
        return rc;
    ilrs_error err = {0, ""};
    printf("%6s  %-24s  %-10s %-8s %s\n", "seq", "when (UTC)", "who",
           "action", "what: old -> new");
    int st = ilrs_registry_history(r, a->npos == 2 ? a->pos[1] : NULL,
                                   print_history, NULL, &err);
    ilrs_registry_close(r);
    if (st < 0)
        return cli_fail(CMD, CLI_EXIT_FAIL, "history: %s", err.msg);
    return 0;
}

/* Budget use lines of one mission. */
static void print_use(const ilrs_mission_offer *m, const double *used)
{
    for (int d = 0; d < ILRS_NBUDGET; d++) {
        if (!isfinite(m->cap[d])) {
            printf("    %-11s %12.6g %-7s (no budget given)\n",
                   ilrs_budget_name(d), used[d], ilrs_budget_unit(d));
            continue;
        }
        printf("    %-11s %12.6g / %-10.6g %-7s %5.1f%%%s\n",
               ilrs_budget_name(d), used[d], m->cap[d], ilrs_budget_unit(d),
               m->cap[d] > 0 ? 100.0 * used[d] / m->cap[d]
                             : (used[d] > 0 ? INFINITY : 0.0),
               used[d] > m->cap[d] * (1 + 1e-9) ? "  OVER" : "");
    }
}

static int act_check(const cli_args *a)
{
    ilrs_program *p;
    int rc = get_program(a, &p);
    if (rc)
        return rc;
    ilrs_program_view v;
    ilrs_error err = {0, ""};
    ilrs_diag d = {0};
    if (ilrs_program_view_make(p, &v, &err) < 0) {
        ilrs_program_free(p);
        return cli_fail(CMD, CLI_EXIT_FAIL, "%s", err.msg);
    }
    ilrs_mission_use *use = calloc(v.nmissions + 1, sizeof *use);
    int st = use ? ilrs_program_check(&v, NULL, 1e-9, use, &d) : ILRS_ENOMEM;
    for (size_t mi = 0; use && mi < v.nmissions; mi++) {
        if (!v.missions[mi].has_budget && !use[mi].npayloads)
            continue;
        printf("mission %s: %zu payload%s assigned%s\n", v.missions[mi].id,
               use[mi].npayloads, use[mi].npayloads == 1 ? "" : "s",
               v.missions[mi].has_budget ? "" : " (offers no budget)");
        if (v.missions[mi].has_budget)
            print_use(&v.missions[mi], use[mi].used);
    }
    if (st > 0) {
        printf("\n%zu problem%s:\n", d.n, d.n == 1 ? "" : "s");
        for (size_t i = 0; i < d.n; i++)
            printf("  %s\n", d.msg[i]);
    } else if (st == 0) {
        printf("\nall assignments fit their missions' budgets and needs\n");
    }
    free(use);
    ilrs_diag_free(&d);
    ilrs_program_view_free(&v);
    ilrs_program_free(p);
    if (st < 0)
        return cli_fail(CMD, CLI_EXIT_FAIL, "out of memory");
    return st ? CLI_EXIT_FAIL : 0;
}

static int parse_pos_double(const char *opt, const char *s, double lo,
                            double *out)
{
    char *end;
    *out = strtod(s, &end);
    if (end == s || *end || !isfinite(*out) || *out < lo)
        return cli_fail(CMD, CLI_EXIT_USAGE, "--%s: expected a number >= %g, "
                        "got '%s'", opt, lo, s);
    return 0;
}

static void print_plan(const ilrs_program_view *v, const ilrs_alloc_plan *pl)
{
    for (size_t mi = 0; mi < v->nmissions; mi++) {
        size_t n = 0;
        for (size_t pi = 0; pi < v->npayloads; pi++)
            n += pl->mission[pi] == (int)mi;
        if (!n && !v->missions[mi].open)
            continue;
        if (!v->missions[mi].has_budget)
            continue;
        printf("mission %s: %zu payload%s\n", v->missions[mi].id, n,
               n == 1 ? "" : "s");
        for (size_t pi = 0; pi < v->npayloads; pi++)
            if (pl->mission[pi] == (int)mi)
                printf("    %-16s value %-8.6g%s\n", v->payloads[pi].id,
                       v->payloads[pi].value,
                       v->payloads[pi].fixed ? " (fixed: accepted or flown)"
                                             : "");
        print_use(&v->missions[mi], pl->used + mi * ILRS_NBUDGET);
    }
    size_t nrej = 0;
    char why[1200];
    for (size_t pi = 0; pi < v->npayloads; pi++)
        if (v->payloads[pi].active && pl->mission[pi] < 0) {
            if (!nrej++)
                printf("\nnot placed:\n");
            ilrs_alloc_reason(v, pl, pi, why, sizeof why);
            printf("  %-16s %s\n", v->payloads[pi].id, why);
        }
}

static int apply_plan(const cli_args *a, const ilrs_program_view *v,
                      const ilrs_alloc_plan *pl)
{
    const char **ids = calloc(v->npayloads + 1, sizeof *ids);
    const char **ms = calloc(v->npayloads + 1, sizeof *ms);
    size_t n = 0, changed = 0;
    if (!ids || !ms) {
        free(ids);
        free(ms);
        return cli_fail(CMD, CLI_EXIT_FAIL, "out of memory");
    }
    for (size_t pi = 0; pi < v->npayloads; pi++)
        if (v->payloads[pi].active && !v->payloads[pi].fixed) {
            ids[n] = v->payloads[pi].id;
            ms[n++] = pl->mission[pi] >= 0 ? v->missions[pl->mission[pi]].id
                                           : NULL;
        }
    ilrs_registry *r;
    int rc = open_reg(a, 0, &r);
    if (!rc) {
        ilrs_error err = {0, ""};
        int st = ilrs_registry_assign(r, ids, ms, n, user_name(a), &changed,
                                      &err);
        ilrs_registry_close(r);
        if (st < 0)
            rc = cli_fail(CMD, CLI_EXIT_FAIL, "allocate --apply: %s",
                          err.msg);
        else
            printf("\napplied: %zu assignment%s changed in %s\n", changed,
                   changed == 1 ? "" : "s", registry_path(a));
    }
    free(ids);
    free(ms);
    return rc;
}

static int act_allocate(const cli_args *a)
{
    ilrs_alloc_options o = {60.0, 0.0};
    if (cli_has(a, "apply") && cli_has(a, "file"))
        return cli_fail(CMD, CLI_EXIT_USAGE, "--apply writes the registry; "
                        "it cannot be used with --file");
    if ((cli_get(a, "time-limit") &&
         parse_pos_double("time-limit", cli_get(a, "time-limit"), 0.001,
                          &o.time_limit_s)) ||
        (cli_get(a, "mip-gap") &&
         parse_pos_double("mip-gap", cli_get(a, "mip-gap"), 0.0, &o.mip_gap)))
        return CLI_EXIT_USAGE;
    ilrs_program *p;
    int rc = get_program(a, &p);
    if (rc)
        return rc;
    ilrs_program_view v;
    ilrs_alloc_plan pl;
    ilrs_error err = {0, ""};
    int st = ilrs_program_view_make(p, &v, &err);
    size_t nactive = 0;
    for (size_t i = 0; !st && i < v.npayloads; i++)
        nactive += v.payloads[i].active && !v.payloads[i].fixed;
    if (!st && (v.nmissions == 0 || nactive == 0)) {
        printf("nothing to allocate: %zu mission%s, %zu open proposal%s\n",
               v.nmissions, v.nmissions == 1 ? "" : "s", nactive,
               nactive == 1 ? "" : "s");
    } else if (!st && (st = ilrs_alloc_solve(&v, &o, &pl, &err)) >= 0) {
        size_t placed = 0;
        for (size_t i = 0; i < v.npayloads; i++)
            placed += pl.mission[i] >= 0 && !v.payloads[i].fixed;
        printf("plan: %zu of %zu open proposals placed; total value %.15g "
               "(%s; %zu GLPK variables)\n\n", placed, nactive, pl.objective,
               st == 0 ? "optimal" : "time limit or gap reached: not proven "
                                     "optimal", pl.nvars);
        if (st > 0)
            printf("best bound %.15g\n", pl.bound);
        print_plan(&v, &pl);
        if (cli_has(a, "apply"))
            rc = apply_plan(a, &v, &pl);
        ilrs_alloc_plan_free(&pl);
        st = 0;
    }
    ilrs_program_view_free(&v);
    ilrs_program_free(p);
    if (st < 0)
        return cli_fail(CMD, CLI_EXIT_FAIL, "allocate: %s", err.msg);
    return rc;
}

typedef struct {
    const char *id;
    double t0, t1;
} dated;

static int by_t0(const void *a, const void *b)
{
    const dated *x = a, *y = b;
    return x->t0 < y->t0 ? -1 : x->t0 > y->t0 ? 1 : strcmp(x->id, y->id);
}

static int act_timeline(const cli_args *a)
{
    ilrs_program *p;
    int rc = get_program(a, &p);
    if (rc)
        return rc;
    char b1[128], b2[128], b3[128], b4[64], b5[64];
    size_t nph = ilrs_program_count(p, ILRS_PK_PHASE);
    printf("phases:\n");
    for (size_t i = 0; i < nph; i++) {
        const char *id = ilrs_program_id(p, ILRS_PK_PHASE, i);
        printf("  %s-%s  %-14s %s\n", field_or(p, id, "from", b4, sizeof b4),
               field_or(p, id, "to", b5, sizeof b5), id,
               field_or(p, id, "name", b1, sizeof b1));
    }
    size_t nm = ilrs_program_count(p, ILRS_PK_MISSION), n = 0;
    dated *m = calloc(nm + 1, sizeof *m);
    for (size_t i = 0; m && i < nm; i++) {
        m[n].id = ilrs_program_id(p, ILRS_PK_MISSION, i);
        if (ilrs_program_launch(p, m[n].id, &m[n].t0, &m[n].t1) == ILRS_OK)
            n++;
    }
    if (m)
        qsort(m, n, sizeof *m, by_t0);
    printf("\nmissions by launch:\n");
    for (size_t i = 0; i < n; i++)
        printf("  %-22s %-12s %-30s %-14s %s\n",
               field_or(p, m[i].id, "launch", b1, sizeof b1), m[i].id,
               field_or(p, m[i].id, "name", b2, sizeof b2),
               field_or(p, m[i].id, "status", b4, sizeof b4),
               field_or(p, m[i].id, "phase", b3, sizeof b3));
    free(m);
    const char *plot = cli_get(a, "plot");
    if (plot) {
        ilrs_error err = {0, ""};
        if (ilrs_timeline_plot(p, plot, &err) < 0)
            rc = cli_fail(CMD, CLI_EXIT_FAIL, "--plot: %s", err.msg);
        else
            printf("\nchart: %s\n", plot);
    }
    ilrs_program_free(p);
    return rc;
}

int cmd_program(int argc, char **argv)
{
    static const struct {
        const char *name;
        int (*run)(const cli_args *a);
    } acts[] = {{"validate", act_validate}, {"import", act_import},
                {"export", act_export},     {"list", act_list},
                {"show", act_show},         {"set", act_set},
                {"history", act_history},   {"check", act_check},
                {"allocate", act_allocate}, {"timeline", act_timeline}};
    cli_args a;
    int rc0 = cli_start(&a, CMD, program_opts,
                        (int)(sizeof program_opts / sizeof program_opts[0]),
                        program_help, CLI_MAX_ARGS, argc, argv);
    if (rc0 != CLI_CONTINUE)
        return rc0;
    if (a.npos == 0)
        return cli_fail(CMD, CLI_EXIT_USAGE, "missing ACTION (see 'ilrs "
                        "program --help')");
    for (size_t i = 0; i < sizeof acts / sizeof acts[0]; i++)
        if (strcmp(a.pos[0], acts[i].name) == 0)
            return acts[i].run(&a);
    return cli_fail(CMD, CLI_EXIT_USAGE, "unknown action '%s' (see 'ilrs "
                    "program --help')", a.pos[0]);
}
