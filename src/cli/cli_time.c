/* cli_time.c -- `ilrs time`: convert an epoch between time scales. */
#include <jansson.h>
#include <string.h>

#include "cli.h"

static const char time_help[] =
    "usage: ilrs time EPOCH [--to SCALE] [--as iso|jd|mjd] [--scale SCALE]\n"
    "                 [--format text|json]\n"
    "\n"
    "Convert EPOCH between UTC, TAI, TT and TDB (ERFA, leap seconds "
    "included).\n"
    "\n"
    "  EPOCH           ISO 8601 ('2024-06-01T12:00:00', '2024-153T12:00', "
    "'...Z'),\n"
    "                  'JD 2460463.5', 'MJD 60463', or 'now'; may end with a "
    "scale\n"
    "                  ('2024-06-01 TDB'). Words after the first are joined.\n"
    "  --scale SCALE   scale of EPOCH when it names none (default UTC)\n"
    "  --to SCALE      print only this scale (UTC, TAI, TT, TDB)\n"
    "  --as STYLE      with --to: iso (default), jd or mjd\n"
    "  --format F      text (default): every scale as ISO, JD and MJD, and "
    "TDB\n"
    "                  seconds past J2000; json: the same as an object\n"
    "\n"
    "Dates outside the leap-second table (before 1960, or past its end) are\n"
    "converted with a warning on stderr.\n";

static const cli_opt time_opts[] = {
    {"to", 1, 0}, {"as", 1, 0}, {"scale", 1, 0}, {"format", 1, 0},
    {"help", 0, 0},
};

/* Print e in scale s as style; returns 0 or an exit code. */
static int print_as(const ilrs_epoch *e, ilrs_scale s, ilrs_time_style style,
                    char *buf, size_t size)
{
    ilrs_epoch c;
    ilrs_error err = {0, ""};
    int st = ilrs_time_convert(e, s, &c, &err);
    if (st >= 0)
        st = ilrs_time_format(&c, style, style == ILRS_TIME_ISO ? 6 : 9, buf,
                              size, &err);
    if (st < 0)
        return cli_fail_status("time", "cannot convert", st, &err);
    return 0;
}

static int print_all(const ilrs_epoch *e, int json)
{
    static const ilrs_scale scales[] = {ILRS_UTC, ILRS_TAI, ILRS_TT, ILRS_TDB};
    static const char *styles[] = {"iso", "jd", "mjd"};
    json_t *root = json_object();
    for (int i = 0; i < 4; i++) {
        char text[3][48];
        for (int k = 0; k < 3; k++)
            if (print_as(e, scales[i], (ilrs_time_style)k, text[k], 48)) {
                json_decref(root);
                return CLI_EXIT_FAIL;
            }
        if (json) {
            json_t *o = json_object();
            for (int k = 0; k < 3; k++)
                json_object_set_new(o, styles[k], json_string(text[k]));
            json_object_set_new(root, ilrs_scale_name(scales[i]), o);
        } else {
            printf("%-4s %s   JD %s   MJD %s\n", ilrs_scale_name(scales[i]),
                   text[0], text[1], text[2]);
        }
    }
    double t;
    ilrs_time_to_tdb(e, &t, NULL);
    if (json) {
        json_object_set_new(root, "tdb_seconds_past_j2000", json_real(t));
        json_dumpf(root, stdout, JSON_INDENT(2) | JSON_REAL_PRECISION(17));
        putchar('\n');
    } else {
        printf("TDB seconds past J2000: %.6f\n", t);
    }
    json_decref(root);
    return 0;
}

int cmd_time(int argc, char **argv)
{
    cli_args a;
    int rc0 = cli_start(&a, "time", time_opts,
                        (int)(sizeof time_opts / sizeof time_opts[0]),
                        time_help, CLI_MAX_ARGS, argc, argv);
    if (rc0 != CLI_CONTINUE)
        return rc0;
    if (a.npos == 0)
        return cli_fail("time", CLI_EXIT_USAGE,
                        "missing EPOCH (see 'ilrs time --help')");
    char text[256] = "";
    for (int i = 0; i < a.npos; i++) {
        if (strlen(text) + strlen(a.pos[i]) + 2 > sizeof text)
            return cli_fail("time", CLI_EXIT_USAGE, "EPOCH is too long");
        if (i)
            strcat(text, " ");
        strcat(text, a.pos[i]);
    }
    ilrs_scale in = ILRS_UTC, to = ILRS_UTC;
    const char *s = cli_get(&a, "scale");
    if (s && ilrs_scale_parse(s, &in) != ILRS_OK)
        return cli_fail("time", CLI_EXIT_USAGE,
                        "--scale: unknown time scale '%s' (UTC, TAI, TT, TDB)",
                        s);
    const char *fmt = cli_get(&a, "format");
    if (fmt && strcmp(fmt, "text") != 0 && strcmp(fmt, "json") != 0)
        return cli_fail("time", CLI_EXIT_USAGE,
                        "--format: expected text or json, got '%s'", fmt);
    ilrs_epoch e;
    ilrs_error err = {0, ""};
    int st = ilrs_time_parse(text, in, &e, &err);
    if (st < 0)
        return cli_fail("time", CLI_EXIT_USAGE, "EPOCH: %s", err.msg);
    ilrs_epoch probe;
    if (ilrs_time_convert(&e, ILRS_TAI, &probe, NULL) == ILRS_WDUBIOUS)
        fprintf(stderr, "ilrs time: warning: '%s' is outside the leap-second "
                        "table; UTC conversions are extrapolated\n", text);
    const char *tos = cli_get(&a, "to");
    if (!tos) {
        if (cli_has(&a, "as"))
            return cli_fail("time", CLI_EXIT_USAGE, "--as needs --to SCALE");
        return print_all(&e, fmt && strcmp(fmt, "json") == 0);
    }
    if (ilrs_scale_parse(tos, &to) != ILRS_OK)
        return cli_fail("time", CLI_EXIT_USAGE,
                        "--to: unknown time scale '%s' (UTC, TAI, TT, TDB)",
                        tos);
    const char *as = cli_get(&a, "as");
    ilrs_time_style style = ILRS_TIME_ISO;
    if (as && strcmp(as, "jd") == 0)
        style = ILRS_TIME_JD;
    else if (as && strcmp(as, "mjd") == 0)
        style = ILRS_TIME_MJD;
    else if (as && strcmp(as, "iso") != 0)
        return cli_fail("time", CLI_EXIT_USAGE,
                        "--as: expected iso, jd or mjd, got '%s'", as);
    char buf[64];
    if (print_as(&e, to, style, buf, sizeof buf))
        return CLI_EXIT_FAIL;
    printf("%s %s\n", buf, ilrs_scale_name(to));
    return 0;
}
