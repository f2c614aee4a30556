/* cli_ephem.c -- `ilrs ephem`: positions and velocities of bodies. */
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "ilrs/smallbody.h"

static const char ephem_help[] =
    "usage: ilrs ephem [--target BODY]... [--center BODY] [--frame FRAME]\n"
    "                  [--from T0] [--to T1 --step DT] [--format F]\n"
    "                  [--ephemeris SPEC] [--time-scale SCALE]\n"
    "\n"
    "Position (km) and velocity (km/s) of each target relative to the center,\n"
    "at each epoch.\n"
    "\n"
    "  --target BODY    name ('Moon', 'Mars barycenter', 'EMB') or NAIF id;\n"
    "                   repeat for several. Default: the Sun, Moon and the\n"
    "                   planets (system barycentres).\n"
    "  --center BODY    default Earth\n"
    "  --frame FRAME    ICRF (default; = J2000 = EME2000), ECLIPJ2000, ITRF\n"
    "                   (Earth-fixed), MOON_PA, MOON_ME, IAU_<BODY>\n"
    "  --from T0        first epoch (default now); see 'ilrs time --help'\n"
    "  --to T1          last epoch (with --step)\n"
    "  --step DT        spacing with a unit: 30s, 10m, 6h, 1d, 1w\n"
    "  --format F       table (default), csv or json\n"
    "  --time-scale S   scale of the printed epochs: UTC (default), TAI, TT, "
    "TDB\n"
    "  --ephemeris SPEC analytic | de405 | SPK file path(s) joined by ','.\n"
    "                   Default: $ILRS_EPHEMERIS, else DE405 if installed\n"
    "                   (Debian package casacore-data-jpl-de405), else "
    "analytic.\n"
    "  --threads N      threads for the evaluation (default: all cores)\n"
    "  --elements FILE  osculating elements of small bodies (MPC MPCORB, "
    "JPL\n"
    "                   ELEMENTS.COMET, ELEMENTS.NUMBR or ELEMENTS.UNNUM); "
    "a\n"
    "                   --target found there by number, name or "
    "designation\n"
    "                   ('469219', 'Kamo`oalewa', '311P') moves on a "
    "Keplerian\n"
    "                   orbit about the Sun. Repeatable.\n"
    "\n"
    "A --target may also be elements written out (J2000 ecliptic, au, deg;\n"
    "epochs TDB unless they name a scale), e.g.\n"
    "  'a=1.0011,e=0.1037,i=7.79,node=66.0,argp=304.4,M=85.3,epoch=MJD "
    "60600'\n"
    "  'q=0.98,e=1.2,i=30,node=10,argp=20,tp=2027-03-01,name=C/2027 X1'\n"
    "(keys: a or q, e, i, node, argp, M with epoch or tp, name).\n"
    "\n"
    "Every output names the ephemeris source it used.\n";

static const cli_opt ephem_opts[] = {
    {"target", 1, 1}, {"center", 1, 0},     {"frame", 1, 0},
    {"from", 1, 0},   {"to", 1, 0},         {"step", 1, 0},
    {"format", 1, 0}, {"ephemeris", 1, 0},  {"time-scale", 1, 0},
    {"threads", 1, 0}, {"elements", 1, 1}, {"help", 0, 0},
};

/* Default targets: what a person means by "the Sun, Moon and planets". */
static const int default_targets[] = {10, 301, 1, 2, 4, 5, 6, 7, 8};

/* Most epochs one run prints (a bound on output, not on the library). */
#define MAX_EPOCHS 10000000L
/* Epochs evaluated per batch (bounds memory for long runs). */
#define CHUNK 65536

enum fmt { FMT_TABLE, FMT_CSV, FMT_JSON };

typedef struct {
    ilrs_ephem *eph;
    int targets[CLI_MAX_ARGS];
    int ntargets;
    int center;
    ilrs_frame frame;
    const char *frame_source;
    double t0, step;
    long n;
    enum fmt fmt;
    ilrs_scale scale;
    int threads;
} ephem_run;

static const char *body_text(const ilrs_ephem *e, int id, char buf[32])
{
    const char *n = ilrs_ephem_body_name(e, id);
    if (n)
        return n;
    snprintf(buf, 32, "%d", id);
    return buf;
}

static void print_string(const char *s)
{
    json_t *j = json_string(s);
    char *d = j ? json_dumps(j, JSON_ENCODE_ANY) : NULL;
    fputs(d ? d : "null", stdout);
    free(d);
    json_decref(j);
}

static void print_header(const ephem_run *r)
{
    char cb[32];
    const char *center = body_text(r->eph, r->center, cb);
    const char *frame = ilrs_frame_name(&r->frame);
    if (r->fmt == FMT_JSON) {
        printf("{\n  \"source\": ");
        print_string(ilrs_ephem_source(r->eph));
        printf(",\n  \"frame\": ");
        print_string(frame);
        printf(",\n  \"frame_source\": ");
        print_string(r->frame_source);
        printf(",\n  \"center\": ");
        print_string(center);
        printf(",\n  \"center_id\": %d,\n  \"time_scale\": \"%s\",\n"
               "  \"units\": {\"position\": \"km\", \"velocity\": \"km/s\", "
               "\"tdb_seconds\": \"s past J2000 TDB\"},\n  \"rows\": [",
               r->center, ilrs_scale_name(r->scale));
        return;
    }
    const char *lead = r->fmt == FMT_CSV ? "# " : "# ";
    printf("%ssource: %s\n%sframe: %s (%s)  center: %s  units: km, km/s  "
           "epochs: %s\n",
           lead, ilrs_ephem_source(r->eph), lead, frame, r->frame_source,
           center, ilrs_scale_name(r->scale));
    if (r->fmt == FMT_CSV)
        printf("epoch,tdb_seconds,target,naif_id,x_km,y_km,z_km,vx_kms,"
               "vy_kms,vz_kms\n");
    else
        printf("%-23s %-24s %17s %17s %17s %12s %12s %12s %15s\n", "epoch",
               "target", "x (km)", "y (km)", "z (km)", "vx (km/s)",
               "vy (km/s)", "vz (km/s)", "distance (km)");
}

static void print_row(const ephem_run *r, const char *when, double t,
                      int target, const double s[6], int first)
{
    char tb[32];
    const char *name = body_text(r->eph, target, tb);
    if (r->fmt == FMT_JSON) {
        printf("%s\n    {\"epoch\": \"%s\", \"tdb_seconds\": %.17g, "
               "\"target\": ",
               first ? "" : ",", when, t);
        print_string(name);
        printf(", \"naif_id\": %d, \"position\": [%.17g, %.17g, %.17g], "
               "\"velocity\": [%.17g, %.17g, %.17g]}",
               target, s[0], s[1], s[2], s[3], s[4], s[5]);
    } else if (r->fmt == FMT_CSV) {
        printf("%s,%.17g,\"%s\",%d,%.17g,%.17g,%.17g,%.17g,%.17g,%.17g\n",
               when, t, name, target, s[0], s[1], s[2], s[3], s[4], s[5]);
    } else {
        printf("%-23s %-24s %17.3f %17.3f %17.3f %12.6f %12.6f %12.6f "
               "%15.3f\n",
               when, name, s[0], s[1], s[2], s[3], s[4], s[5],
               sqrt(s[0] * s[0] + s[1] * s[1] + s[2] * s[2]));
    }
}

/* Evaluate and print epochs [i0, i0+m) for every target. */
static int run_chunk(const ephem_run *r, long i0, long m, double *t,
                     double *states, ilrs_rotation *rot, int *first)
{
    ilrs_error err = {0, ""};
    for (long i = 0; i < m; i++)
        t[i] = r->t0 + (double)(i0 + i) * r->step;
    if (r->frame.kind != ILRS_FRAME_ICRF)
        for (long i = 0; i < m; i++) {
            int st = ilrs_ephem_rotation(r->eph, &r->frame, t[i], &rot[i],
                                         NULL, &err);
            if (st < 0)
                return cli_fail_status("ephem", "frame", st, &err);
        }
    for (int k = 0; k < r->ntargets; k++) {
        double *s = states + (size_t)k * 6 * (size_t)m;
        int st = ilrs_ephem_states(r->eph, r->targets[k], r->center,
                                   (size_t)m, t, s, r->threads, &err);
        if (st < 0)
            return cli_fail_status("ephem", NULL, st, &err);
        if (r->frame.kind != ILRS_FRAME_ICRF)
            for (long i = 0; i < m; i++)
                ilrs_rotation_apply(&rot[i], s + 6 * i, s + 6 * i);
    }
    for (long i = 0; i < m; i++) {
        ilrs_epoch e;
        char when[48];
        if (ilrs_time_from_tdb(t[i], r->scale, &e, NULL) < 0 ||
            ilrs_time_format(&e, ILRS_TIME_ISO, 3, when, sizeof when, NULL) < 0)
            snprintf(when, sizeof when, "TDB %+.3f s", t[i]);
        for (int k = 0; k < r->ntargets; k++) {
            print_row(r, when, t[i], r->targets[k],
                      states + (size_t)k * 6 * (size_t)m + 6 * i, *first);
            *first = 0;
        }
    }
    return 0;
}

static int run_all(ephem_run *r)
{
    long chunk = r->n < CHUNK ? r->n : CHUNK;
    double *t = malloc((size_t)chunk * sizeof *t);
    double *states = malloc((size_t)chunk * 6 * (size_t)r->ntargets *
                            sizeof *states);
    ilrs_rotation *rot = malloc((size_t)chunk * sizeof *rot);
    if (!t || !states || !rot) {
        free(t);
        free(states);
        free(rot);
        return cli_fail("ephem", CLI_EXIT_FAIL, "out of memory");
    }
    int first = 1, rc = 0;
    print_header(r);
    for (long i0 = 0; i0 < r->n && rc == 0; i0 += chunk)
        rc = run_chunk(r, i0, r->n - i0 < chunk ? r->n - i0 : chunk, t,
                       states, rot, &first);
    if (r->fmt == FMT_JSON && rc == 0)
        printf("\n  ]\n}\n");
    free(t);
    free(states);
    free(rot);
    return rc;
}

/* Epochs from --from/--to/--step; 0 or an exit code. */
static int parse_epochs(const cli_args *a, ephem_run *r)
{
    ilrs_error err = {0, ""};
    const char *from = cli_get(a, "from"), *to = cli_get(a, "to");
    const char *step = cli_get(a, "step");
    if (ilrs_time_parse_tdb(from ? from : "now", &r->t0, &err) < 0)
        return cli_fail("ephem", CLI_EXIT_USAGE, "--from: %s", err.msg);
    r->n = 1;
    r->step = 0.0;
    if (!to && !step)
        return 0;
    if (!to || !step)
        return cli_fail("ephem", CLI_EXIT_USAGE,
                        "--to and --step go together (a range needs both)");
    double t1;
    if (ilrs_time_parse_tdb(to, &t1, &err) < 0)
        return cli_fail("ephem", CLI_EXIT_USAGE, "--to: %s", err.msg);
    if (cli_duration(step, &r->step) != 0)
        return cli_fail("ephem", CLI_EXIT_USAGE,
                        "--step: expected a positive duration with a unit "
                        "(30s, 10m, 6h, 1d, 1w), got '%s'", step);
    if (t1 < r->t0)
        return cli_fail("ephem", CLI_EXIT_USAGE,
                        "--to '%s' is before --from '%s'", to,
                        from ? from : "now");
    /* Steps are in TDB; allow a millionth of a step so that a range given
       in UTC keeps its last epoch (TDB-UTC drifts by < 1e-9 s/s). */
    double n = floor((t1 - r->t0) / r->step + 1e-6) + 1.0;
    if (n > (double)MAX_EPOCHS)
        return cli_fail("ephem", CLI_EXIT_USAGE,
                        "--from/--to/--step give %.0f epochs; at most %ld "
                        "(use a larger --step)", n, MAX_EPOCHS);
    r->n = (long)n;
    return 0;
}

/* A target written out as elements, or looked up in the --elements
   files; 1 found (and added to the ephemeris), 0 not found, -1 error,
   -2 bad elements (both printed). */
static int small_body(const cli_args *a, ephem_run *r, const char *target,
                      int *id)
{
    const char *file;
    if (strchr(target, '=')) {  /* elements written out */
        ilrs_smallbody b;
        ilrs_error err = {0, ""};
        int st = ilrs_smallbody_parse_inline(target, &b, &err);
        if (st < 0) {
            cli_fail("ephem", CLI_EXIT_USAGE, "--target: %s", err.msg);
            return -2;
        }
        if (ilrs_ephem_add_conic(r->eph, b.id, b.name, 10, &b.conic,
                                 &err) < 0) {
            cli_fail_status("ephem", "--target", ILRS_EFORMAT, &err);
            return -1;
        }
        *id = b.id;
        return 1;
    }
    for (int k = 0; (file = cli_get_nth(a, "elements", k)) != NULL; k++) {
        ilrs_smallbody b;
        ilrs_error err = {0, ""};
        int st = ilrs_smallbody_find(file, target, &b, &err);
        if (st == ILRS_ENOTFOUND)
            continue;
        if (st >= 0)
            st = ilrs_ephem_add_conic(r->eph, b.id, b.name, 10, &b.conic,
                                      &err);
        if (st < 0) {
            cli_fail_status("ephem", "--elements", st, &err);
            return -1;
        }
        *id = b.id;
        return 1;
    }
    return 0;
}

/* Everything but the epochs; 0 or an exit code. */
static int parse_run(const cli_args *a, ephem_run *r)
{
    ilrs_error err = {0, ""};
    const char *v;
    r->ntargets = 0;
    for (int k = 0; (v = cli_get_nth(a, "target", k)) != NULL; k++) {
        int rc = small_body(a, r, v, &r->targets[r->ntargets]);
        if (rc < 0)
            return rc == -2 ? CLI_EXIT_USAGE : CLI_EXIT_FAIL;
        if (rc == 0 &&
            ilrs_ephem_body_id(r->eph, v, &r->targets[r->ntargets], &err))
            return cli_fail("ephem", CLI_EXIT_USAGE, "--target: %s", err.msg);
        r->ntargets++;
    }
    if (!r->ntargets)
        for (size_t i = 0; i < sizeof default_targets / sizeof(int); i++)
            r->targets[r->ntargets++] = default_targets[i];
    v = cli_get(a, "center");
    r->center = 399;
    if (v && ilrs_ephem_body_id(r->eph, v, &r->center, &err))
        return cli_fail("ephem", CLI_EXIT_USAGE, "--center: %s", err.msg);
    v = cli_get(a, "frame");
    r->frame = (ilrs_frame){ILRS_FRAME_ICRF, 0, 0.0};
    if (v && ilrs_frame_parse(v, &r->frame, &err))
        return cli_fail("ephem", CLI_EXIT_USAGE, "--frame: %s", err.msg);
    v = cli_get(a, "format");
    r->fmt = FMT_TABLE;
    if (v && strcmp(v, "csv") == 0)
        r->fmt = FMT_CSV;
    else if (v && strcmp(v, "json") == 0)
        r->fmt = FMT_JSON;
    else if (v && strcmp(v, "table") != 0)
        return cli_fail("ephem", CLI_EXIT_USAGE,
                        "--format: expected table, csv or json, got '%s'", v);
    v = cli_get(a, "time-scale");
    r->scale = ILRS_UTC;
    if (v && ilrs_scale_parse(v, &r->scale))
        return cli_fail("ephem", CLI_EXIT_USAGE,
                        "--time-scale: unknown scale '%s' (UTC, TAI, TT, TDB)",
                        v);
    v = cli_get(a, "threads");
    r->threads = 0;
    if (v) {
        char *end;
        long n = strtol(v, &end, 10);
        if (end == v || *end || n < 1 || n > 1024)
            return cli_fail("ephem", CLI_EXIT_USAGE,
                            "--threads: expected 1..1024, got '%s'", v);
        r->threads = (int)n;
    }
    return parse_epochs(a, r);
}

int cmd_ephem(int argc, char **argv)
{
    cli_args a;
    int rc0 = cli_start(&a, "ephem", ephem_opts,
                        (int)(sizeof ephem_opts / sizeof ephem_opts[0]),
                        ephem_help, 0, argc, argv);
    if (rc0 != CLI_CONTINUE)
        return rc0;
    ilrs_ephem *eph = NULL;
    int rc = cli_open_ephem("ephem", cli_get(&a, "ephemeris"), &eph);
    if (rc)
        return rc;
    ephem_run r;
    memset(&r, 0, sizeof r);
    r.eph = eph;
    rc = parse_run(&a, &r);
    if (!rc) {
        ilrs_rotation rot;
        ilrs_error err = {0, ""};
        int st = ilrs_ephem_rotation(eph, &r.frame, r.t0, &rot,
                                     &r.frame_source, &err);
        if (r.frame.kind == ILRS_FRAME_ICRF || r.frame.kind ==
                                                   ILRS_FRAME_ECLIPJ2000)
            r.frame_source = "inertial";
        else if (r.frame.kind == ILRS_FRAME_ITRF)
            r.frame_source = "ERFA IAU 2006/2000A, UT1 = UTC";
        rc = st < 0 ? cli_fail_status("ephem", "--frame", st, &err)
                    : run_all(&r);
    }
    ilrs_ephem_free(eph);
    return rc;
}
