/* cli_lambert.c -- `ilrs lambert`: every transfer between two positions in
   a given time (Lambert's problem). */
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli.h"
#include "ilrs/constants.h"
#include "ilrs/orbit.h"

static const char lambert_help[] =
    "usage: ilrs lambert --mu MU --r1 X,Y,Z --r2 X,Y,Z --tof SECONDS\n"
    "                    [--revs N] [--retrograde] [--normal X,Y,Z]\n"
    "                    [--format table|json]\n"
    "\n"
    "Every conic arc from r1 to r2 in the time of flight about one body\n"
    "(Izzo's method): the direct arc, then for each number of complete\n"
    "revolutions 1..N that the time allows, its two solutions.\n"
    "\n"
    "  --mu MU          gravitational parameter (km^3/s^2), or a body: sun,\n"
    "                   earth, moon, mars (the Mars system; JPL DE440 values)\n"
    "  --r1 X,Y,Z       departure position (km), inertial frame\n"
    "  --r2 X,Y,Z       arrival position (km), same frame\n"
    "  --tof T          time of flight: seconds (3600), or with a unit\n"
    "                   (90s, 15m, 6h, 1.5d, 2w); > 0\n"
    "  --revs N         most complete revolutions (default 0, at most 100)\n"
    "  --retrograde     angular momentum against the normal (default: along)\n"
    "  --normal X,Y,Z   the sense of motion: prograde means angular momentum\n"
    "                   along this vector (default +z). Needed when r1 and r2\n"
    "                   are opposite (180 deg): the plane is then the one\n"
    "                   through r1 perpendicular to this vector.\n"
    "  --format F       table (default) or json: an array of\n"
    "                   {\"revs\", \"branch\", \"v1\", \"v2\"}, velocities in\n"
    "                   km/s, branch \"single\" (revs 0), \"left\" (the\n"
    "                   longer-period, low-energy solution) or \"right\"\n"
    "\n"
    "Bad input (zero or negative tof, zero or coincident positions, 180 deg\n"
    "without --normal, malformed vectors, negative revs) exits with status 2.\n";

static const cli_opt lambert_opts[] = {
    {"mu", 1, 0},      {"r1", 1, 0},     {"r2", 1, 0},
    {"tof", 1, 0},     {"revs", 1, 0},   {"retrograde", 0, 0},
    {"normal", 1, 0},  {"format", 1, 0}, {"help", 0, 0},
};

#define MAX_REVS 100

/* "X,Y,Z": three finite numbers, nothing else. */
static int parse_vec(const char *opt, const char *text, double v[3])
{
    const char *p = text;
    for (int k = 0; k < 3; k++) {
        char *end;
        v[k] = strtod(p, &end);
        if (end == p || !isfinite(v[k]) || *end != (k < 2 ? ',' : '\0'))
            return cli_fail("lambert", CLI_EXIT_USAGE,
                            "--%s: expected three numbers X,Y,Z (km), got "
                            "'%s'", opt, text);
        p = end + 1;
    }
    return 0;
}

static int parse_mu(const char *text, double *mu)
{
    static const struct {
        const char *name;
        double gm;
    } bodies[] = {{"sun", ILRS_GM_SUN}, {"earth", ILRS_GM_EARTH},
                  {"moon", ILRS_GM_MOON}, {"mars", ILRS_GM_MARS_SYS}};
    for (size_t i = 0; i < sizeof bodies / sizeof bodies[0]; i++)
        if (strcasecmp(text, bodies[i].name) == 0) {
            *mu = bodies[i].gm;
            return 0;
        }
    char *end;
    *mu = strtod(text, &end);
    if (end == text || *end || !isfinite(*mu) || !(*mu > 0.0))
        return cli_fail("lambert", CLI_EXIT_USAGE,
                        "--mu: expected a positive number (km^3/s^2) or "
                        "sun, earth, moon, mars; got '%s'", text);
    return 0;
}

static int parse_tof(const char *text, double *tof)
{
    char *end;
    *tof = strtod(text, &end);
    if (end == text || *end) {
        if (cli_duration(text, tof))
            return cli_fail("lambert", CLI_EXIT_USAGE,
                            "--tof: expected seconds or a duration (6h, "
                            "1.5d), got '%s'", text);
    } else if (!isfinite(*tof) || !(*tof > 0.0)) {
        return cli_fail("lambert", CLI_EXIT_USAGE,
                        "--tof: time of flight must be > 0 s, got '%s'",
                        text);
    }
    return 0;
}

static int parse_problem(const cli_args *a, ilrs_lambert_problem *p,
                         int *json)
{
    const char *need[] = {"mu", "r1", "r2", "tof"};
    for (int k = 0; k < 4; k++)
        if (!cli_get(a, need[k]))
            return cli_fail("lambert", CLI_EXIT_USAGE,
                            "--%s is required (see 'ilrs lambert --help')",
                            need[k]);
    memset(p, 0, sizeof *p);
    if (parse_mu(cli_get(a, "mu"), &p->mu) ||
        parse_vec("r1", cli_get(a, "r1"), p->r1) ||
        parse_vec("r2", cli_get(a, "r2"), p->r2) ||
        parse_tof(cli_get(a, "tof"), &p->tof_s))
        return CLI_EXIT_USAGE;
    const char *v = cli_get(a, "normal");
    if (v && parse_vec("normal", v, p->normal))
        return CLI_EXIT_USAGE;
    if (v && p->normal[0] == 0 && p->normal[1] == 0 && p->normal[2] == 0)
        return cli_fail("lambert", CLI_EXIT_USAGE,
                        "--normal: the zero vector has no direction");
    for (int k = 0; k < 2; k++) {
        const double *r = k ? p->r2 : p->r1;
        if (r[0] == 0 && r[1] == 0 && r[2] == 0)
            return cli_fail("lambert", CLI_EXIT_USAGE,
                            "--r%d: the zero vector is the centre of the "
                            "body, not a position on an orbit", k + 1);
    }
    if (memcmp(p->r1, p->r2, sizeof p->r1) == 0)
        return cli_fail("lambert", CLI_EXIT_USAGE,
                        "--r1 and --r2 are the same point: no transfer");
    v = cli_get(a, "revs");
    if (v) {
        char *end;
        long n = strtol(v, &end, 10);
        if (end == v || *end || n < 0 || n > MAX_REVS)
            return cli_fail("lambert", CLI_EXIT_USAGE,
                            "--revs: expected an integer 0..%d, got '%s'",
                            MAX_REVS, v);
        p->max_revs = (int)n;
    }
    p->retrograde = cli_has(a, "retrograde");
    v = cli_get(a, "format");
    *json = v && strcmp(v, "json") == 0;
    if (v && !*json && strcmp(v, "table") != 0)
        return cli_fail("lambert", CLI_EXIT_USAGE,
                        "--format: expected table or json, got '%s'", v);
    return 0;
}

static const char *branch_name(int b)
{
    return b < 0 ? "left" : b > 0 ? "right" : "single";
}

static int print_json(const ilrs_lambert_solution *s, size_t n)
{
    json_t *arr = json_array();
    for (size_t i = 0; arr && i < n; i++) {
        json_t *o = json_pack("{s:i, s:s, s:[f,f,f], s:[f,f,f]}", "revs",
                              s[i].revs, "branch", branch_name(s[i].branch),
                              "v1", s[i].v1[0], s[i].v1[1], s[i].v1[2], "v2",
                              s[i].v2[0], s[i].v2[1], s[i].v2[2]);
        if (!o || json_array_append_new(arr, o)) {
            json_decref(arr);
            arr = NULL;
        }
    }
    char *d = arr ? json_dumps(arr, JSON_INDENT(2) | JSON_REAL_PRECISION(17))
                  : NULL;
    json_decref(arr);
    if (!d)
        return cli_fail("lambert", CLI_EXIT_FAIL, "out of memory");
    puts(d);
    free(d);
    return 0;
}

static void print_table(const ilrs_lambert_problem *p,
                        const ilrs_lambert_solution *s, size_t n)
{
    printf("# Lambert arcs: mu %.17g km^3/s^2, tof %.17g s, %s, "
           "revolutions 0..%d\n# velocities in km/s\n", p->mu, p->tof_s,
           p->retrograde ? "retrograde" : "prograde", p->max_revs);
    printf("%4s %-6s %17s %17s %17s %17s %17s %17s\n", "revs", "branch",
           "v1x", "v1y", "v1z", "v2x", "v2y", "v2z");
    for (size_t i = 0; i < n; i++)
        printf("%4d %-6s %17.12f %17.12f %17.12f %17.12f %17.12f %17.12f\n",
               s[i].revs, branch_name(s[i].branch), s[i].v1[0], s[i].v1[1],
               s[i].v1[2], s[i].v2[0], s[i].v2[1], s[i].v2[2]);
}

int cmd_lambert(int argc, char **argv)
{
    cli_args a;
    int rc0 = cli_start(&a, "lambert", lambert_opts,
                        (int)(sizeof lambert_opts / sizeof lambert_opts[0]),
                        lambert_help, 0, argc, argv);
    if (rc0 != CLI_CONTINUE)
        return rc0;
    ilrs_lambert_problem p;
    int json, rc = parse_problem(&a, &p, &json);
    if (rc)
        return rc;
    ilrs_lambert_solution s[ILRS_LAMBERT_MAX_SOLUTIONS(MAX_REVS)];
    size_t n;
    ilrs_error err = {0, ""};
    int st = ilrs_lambert_problem_solve(&p, s, sizeof s / sizeof s[0], &n,
                                        &err);
    if (st < 0) {
        const char *m = err.msg[0] ? err.msg : ilrs_strerror(st);
        if (strncmp(m, "lambert: ", 9) == 0)
            m += 9;
        return cli_fail("lambert", st == ILRS_EINVAL ? CLI_EXIT_USAGE
                                                     : CLI_EXIT_FAIL,
                        "%s%s", m, strstr(m, "give a plane normal")
                                       ? " (--normal X,Y,Z)" : "");
    }
    if (json)
        return print_json(s, n);
    print_table(&p, s, n);
    return 0;
}
