/* cli_cr3bp.c -- `ilrs cr3bp`: periodic orbits of the Earth-Moon
   circular restricted three-body problem. */
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "ilrs/constants.h"
#include "ilrs/cr3bp.h"
#include "ilrs/earthmoon_plot.h"
#include "ilrs/oem.h"

static const char cr_help[] =
    "usage: ilrs cr3bp --family F [--amplitude KM | --period DAYS |\n"
    "                  --jacobi C | --count N] [--south] [options]\n"
    "\n"
    "Periodic orbits of the Earth-Moon circular restricted three-body\n"
    "problem (mu from the DE440 GMs, length 384400 km), by differential\n"
    "correction and pseudo-arclength continuation: period, Jacobi constant,\n"
    "stability (monodromy eigenvalues), initial state.\n"
    "\n"
    "  --family F       lyapunov-l1, lyapunov-l2, halo-l1, halo-l2, nrho\n"
    "                   (the L2 halos with perilune radius 1850..17350 km),\n"
    "                   dro\n"
    "  --amplitude KM   the member with this amplitude: Lyapunov Ax (half\n"
    "                   the x extent), halo/NRHO Az (largest |z|), DRO its\n"
    "                   far-side distance from the Moon\n"
    "  --period DAYS    the member with this period (one normalised time\n"
    "                   unit is 4.3425 d)\n"
    "  --jacobi C       the member with this Jacobi constant\n"
    "  --count N        N members spread along the family (1..200) instead\n"
    "                   of one\n"
    "  Default member: Lyapunov and halo Ax/Az 10000 km, NRHO the 9:2\n"
    "  synodic resonance (period 6.5624 d), DRO 70000 km.\n"
    "  --south          halo and NRHO: the southern branch (apolune below\n"
    "                   the Moon, as Gateway's); default northern\n"
    "  --format F       table (default) or json\n"
    "  --plot FILE      chart of the members (.png, .svg, .pdf) in the\n"
    "                   rotating frame, x-y and x-z\n"
    "  --oem FILE       one period of each member in the ephemeris model's\n"
    "                   frame (Earth-centred EME2000, TDB), starting at\n"
    "  --epoch T        (needed with --oem)\n"
    "  --ephemeris SPEC for --oem: analytic | de405 | SPK file(s)\n";

static const cli_opt cr_opts[] = {
    {"family", 1, 0}, {"amplitude", 1, 0}, {"period", 1, 0},
    {"jacobi", 1, 0}, {"count", 1, 0},     {"south", 0, 0},
    {"format", 1, 0}, {"plot", 1, 0},      {"oem", 1, 0},
    {"epoch", 1, 0},  {"ephemeris", 1, 0}, {"help", 0, 0},
};

#define CMD "cr3bp"
#define MAX_COUNT 200

static int positive(const char *text, double *out)
{
    char *end;
    double v = strtod(text, &end);
    if (end == text || *end || !isfinite(v) || v <= 0)
        return -1;
    *out = v;
    return 0;
}

typedef struct {
    ilrs_cr3bp_system sys;
    ilrs_cr3bp_family fam;
    int south, count, json;
    ilrs_cr3bp_param param;
    double value;           /* normalised */
    int by_default;
} cr_run;

/* Which member(s); 0 or an exit code. */
static int parse_member(const cli_args *a, cr_run *r)
{
    const char *amp = cli_get(a, "amplitude"), *per = cli_get(a, "period");
    const char *jac = cli_get(a, "jacobi"), *cnt = cli_get(a, "count");
    if ((amp != NULL) + (per != NULL) + (jac != NULL) + (cnt != NULL) > 1)
        return cli_fail(CMD, CLI_EXIT_USAGE,
                        "give at most one of --amplitude, --period, "
                        "--jacobi, --count");
    double v;
    r->count = 0;
    if (cnt) {
        char *end;
        long n = strtol(cnt, &end, 10);
        if (end == cnt || *end || n < 1 || n > MAX_COUNT)
            return cli_fail(CMD, CLI_EXIT_USAGE,
                            "--count: expected 1..%d, got '%s'", MAX_COUNT,
                            cnt);
        r->count = (int)n;
    } else if (amp) {
        if (positive(amp, &v))
            return cli_fail(CMD, CLI_EXIT_USAGE,
                            "--amplitude: expected a positive number of km,"
                            " got '%s'", amp);
        r->param = ILRS_CR3BP_BY_AMPLITUDE;
        r->value = v / r->sys.l_km;
    } else if (per) {
        if (positive(per, &v))
            return cli_fail(CMD, CLI_EXIT_USAGE,
                            "--period: expected a positive number of days, "
                            "got '%s'", per);
        r->param = ILRS_CR3BP_BY_PERIOD;
        r->value = v * ILRS_DAY_S / r->sys.t_s;
    } else if (jac) {
        if (positive(jac, &v))
            return cli_fail(CMD, CLI_EXIT_USAGE,
                            "--jacobi: expected a positive number, got '%s'",
                            jac);
        r->param = ILRS_CR3BP_BY_JACOBI;
        r->value = v;
    } else {
        r->by_default = 1;
        r->param = r->fam == ILRS_CR3BP_NRHO ? ILRS_CR3BP_BY_PERIOD
                                             : ILRS_CR3BP_BY_AMPLITUDE;
        r->value = r->fam == ILRS_CR3BP_NRHO
                       ? 29.530589 * 2.0 / 9.0 * ILRS_DAY_S / r->sys.t_s
                   : r->fam == ILRS_CR3BP_DRO ? 70000.0 / r->sys.l_km
                                              : 10000.0 / r->sys.l_km;
    }
    return 0;
}

static int parse_run(const cli_args *a, cr_run *r)
{
    const char *f = cli_get(a, "family"), *fmt = cli_get(a, "format");
    ilrs_cr3bp_earth_moon(&r->sys);
    if (!f)
        return cli_fail(CMD, CLI_EXIT_USAGE,
                        "--family is required (lyapunov-l1, lyapunov-l2, "
                        "halo-l1, halo-l2, nrho, dro)");
    int k = ilrs_cr3bp_family_parse(f);
    if (k < 0)
        return cli_fail(CMD, CLI_EXIT_USAGE,
                        "--family: unknown family '%s' (lyapunov-l1, "
                        "lyapunov-l2, halo-l1, halo-l2, nrho, dro)", f);
    r->fam = (ilrs_cr3bp_family)k;
    r->south = cli_has(a, "south");
    if (r->south && (k < 2 || k == ILRS_CR3BP_DRO))
        return cli_fail(CMD, CLI_EXIT_USAGE,
                        "--south applies to halo-l1, halo-l2 and nrho only");
    if (fmt && strcmp(fmt, "json") && strcmp(fmt, "table"))
        return cli_fail(CMD, CLI_EXIT_USAGE,
                        "--format: expected table or json, got '%s'", fmt);
    r->json = fmt && strcmp(fmt, "json") == 0;
    if (cli_get(a, "oem") && !cli_get(a, "epoch"))
        return cli_fail(CMD, CLI_EXIT_USAGE,
                        "--oem needs --epoch (where the orbit starts)");
    if (cli_get(a, "epoch") && !cli_get(a, "oem"))
        return cli_fail(CMD, CLI_EXIT_USAGE, "--epoch goes with --oem");
    return parse_member(a, r);
}

static double days(const cr_run *r, double t)
{
    return t * r->sys.t_s / ILRS_DAY_S;
}

static void print_table(const cr_run *r, const ilrs_cr3bp_orbit *o, int n)
{
    printf("# Earth-Moon CR3BP: mu = %.10f, L = %.0f km, T = %.6f d per "
           "unit (period in days = normalised x T)\n",
           r->sys.mu, r->sys.l_km, r->sys.t_s / ILRS_DAY_S);
    printf("# family %s%s; x0 = (x, 0, z, 0, vy, 0) normalised at an x-z "
           "plane crossing; distances from the Moon at the crossings\n",
           ilrs_cr3bp_family_name(r->fam),
           r->fam >= 2 && r->fam <= 4 ? (r->south ? " (southern)"
                                                  : " (northern)")
                                      : "");
    printf("%-4s %14s %14s %14s %11s %13s %12s %12s %12s %12s %9s\n", "#",
           "x0", "z0", "vy0", "period (d)", "Jacobi", "amplitude km",
           "rmin km", "rmax km", "stability", "closure");
    for (int i = 0; i < n; i++)
        printf("%-4d %14.10f %14.10f %14.10f %11.5f %13.10f %12.1f %12.1f "
               "%12.1f %12.5g %9.1e\n",
               i + 1, o[i].x0[0], o[i].x0[2], o[i].x0[4],
               days(r, o[i].period), o[i].jacobi,
               o[i].amplitude * r->sys.l_km, o[i].rmin_moon * r->sys.l_km,
               o[i].rmax_moon * r->sys.l_km, o[i].stability, o[i].closure);
}

static void print_json(const cr_run *r, const ilrs_cr3bp_orbit *o, int n)
{
    json_t *root = json_pack("{s:s, s:b, s:f, s:f, s:f}", "family",
                             ilrs_cr3bp_family_name(r->fam), "south",
                             r->south, "mu", r->sys.mu, "length_km",
                             r->sys.l_km, "time_unit_days",
                             r->sys.t_s / ILRS_DAY_S);
    double pts[5][3];
    json_t *lp = json_array();
    ilrs_cr3bp_lagrange(r->sys.mu, pts, NULL);
    for (int k = 0; k < 5; k++)
        json_array_append_new(lp, json_pack("[f, f, f]", pts[k][0],
                                            pts[k][1], pts[k][2]));
    json_object_set_new(root, "lagrange_points", lp);
    json_t *arr = json_array();
    for (int i = 0; i < n; i++) {
        json_t *x0 = json_array(), *ev = json_array();
        for (int k = 0; k < 6; k++) {
            json_array_append_new(x0, json_real(o[i].x0[k]));
            json_array_append_new(ev, json_pack("[f, f]", o[i].eig_re[k],
                                                o[i].eig_im[k]));
        }
        json_array_append_new(
            arr, json_pack("{s:o, s:f, s:f, s:f, s:f, s:f, s:f, s:f, s:o, "
                           "s:f}",
                           "x0", x0, "period", o[i].period, "period_days",
                           days(r, o[i].period), "jacobi", o[i].jacobi,
                           "amplitude_km", o[i].amplitude * r->sys.l_km,
                           "rmin_moon_km", o[i].rmin_moon * r->sys.l_km,
                           "rmax_moon_km", o[i].rmax_moon * r->sys.l_km,
                           "stability_index", o[i].stability,
                           "monodromy_eigenvalues", ev, "closure",
                           o[i].closure));
    }
    json_object_set_new(root, "orbits", arr);
    char *s = json_dumps(root, JSON_INDENT(2) | JSON_REAL_PRECISION(15));
    if (s)
        puts(s);
    free(s);
    json_decref(root);
}

#define OEM_N 400

typedef struct {
    const ilrs_ephem *eph;
    const ilrs_cr3bp_system *sys;
    double epoch;
    double *t;
    double (*x)[6];
    int k, status;
    ilrs_error *err;
} oem_fill;

static int to_oem(void *ctx, double t, const double s[6])
{
    oem_fill *f = ctx;
    if (f->k > OEM_N)
        return 1;
    f->t[f->k] = f->epoch + t * f->sys->t_s;
    int st = ilrs_cr3bp_to_ephem(f->eph, f->sys, f->t[f->k], s, f->x[f->k],
                                 f->err);
    if (st < 0) {
        f->status = st;
        return 1;
    }
    f->k++;
    return 0;
}

static int write_oem(const cli_args *a, const cr_run *r,
                     const ilrs_cr3bp_orbit *o, int n)
{
    ilrs_error err = {0, ""};
    double epoch;
    if (ilrs_time_parse_tdb(cli_get(a, "epoch"), &epoch, &err) < 0)
        return cli_fail(CMD, CLI_EXIT_USAGE, "--epoch: %s", err.msg);
    ilrs_ephem *eph = NULL;
    int rc = cli_open_ephem(CMD, cli_get(a, "ephemeris"), &eph);
    if (rc)
        return rc;
    double *t = malloc((size_t)n * (OEM_N + 1) * sizeof *t);
    double(*x)[6] = malloc((size_t)n * (OEM_N + 1) * sizeof *x);
    ilrs_oem_segment *seg = calloc((size_t)n, sizeof *seg);
    char name[64];
    snprintf(name, sizeof name, "CR3BP %s", ilrs_cr3bp_family_name(r->fam));
    int st = t && x && seg ? 0 : ilrs_error_set(&err, ILRS_ENOMEM, "no memory");
    for (int i = 0; i < n && st >= 0; i++) {
        oem_fill f = {eph, &r->sys, epoch, t + (size_t)i * (OEM_N + 1),
                      x + (size_t)i * (OEM_N + 1), 0, 0, &err};
        st = ilrs_cr3bp_sample(r->sys.mu, o[i].x0, o[i].period, OEM_N,
                               to_oem, &f, &err);
        if (st >= 0 && f.status < 0)
            st = f.status;
        seg[i] = (ilrs_oem_segment){name, NULL, "EARTH", "EME2000", "TDB",
                                    "one period of a CR3BP orbit placed in "
                                    "the ephemeris Earth-Moon frame "
                                    "(instantaneous conversion, not "
                                    "re-converged)",
                                    f.t, (const double(*)[6])f.x,
                                    (size_t)f.k, 7};
    }
    if (st >= 0)
        st = ilrs_oem_write(cli_get(a, "oem"), NULL, seg, (size_t)n, &err);
    free(t);
    free(x);
    free(seg);
    ilrs_ephem_free(eph);
    return st < 0 ? cli_fail_status(CMD, "--oem", st, &err) : 0;
}

int cmd_cr3bp(int argc, char **argv)
{
    cli_args a;
    int rc0 = cli_start(&a, CMD, cr_opts,
                        (int)(sizeof cr_opts / sizeof cr_opts[0]),
                        cr_help, 0, argc, argv);
    if (rc0 != CLI_CONTINUE)
        return rc0;
    cr_run r;
    memset(&r, 0, sizeof r);
    int rc = parse_run(&a, &r);
    if (rc)
        return rc;
    int n = r.count ? r.count : 1;
    ilrs_cr3bp_orbit *o = calloc((size_t)n, sizeof *o);
    ilrs_error err = {0, ""};
    int st = !o ? ilrs_error_set(&err, ILRS_ENOMEM, "out of memory")
             : r.count ? ilrs_cr3bp_family_sweep(&r.sys, r.fam, r.south, n, o,
                                                 &err)
                       : ilrs_cr3bp_family_orbit(&r.sys, r.fam, r.south,
                                                 r.param, r.value, o, &err);
    if (st < 0) {
        free(o);
        return cli_fail_status(CMD, NULL, st, &err);
    }
    if (r.json)
        print_json(&r, o, n);
    else
        print_table(&r, o, n);
    if (cli_get(&a, "oem"))
        rc = write_oem(&a, &r, o, n);
    if (!rc && cli_get(&a, "plot")) {
        char title[96];
        snprintf(title, sizeof title, "Earth-Moon %s%s",
                 ilrs_cr3bp_family_name(r.fam),
                 r.south ? " (southern)" : "");
        st = ilrs_plot_cr3bp(cli_get(&a, "plot"), &r.sys, o, n, title, &err);
        if (st < 0)
            rc = cli_fail_status(CMD, "--plot", st, &err);
    }
    free(o);
    return rc;
}
