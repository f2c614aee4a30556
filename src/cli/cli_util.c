/* cli_util.c -- option parsing and shared helpers of the ilrs command. */
#include "cli.h"

#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

int cli_fail(const char *cmd, int code, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "ilrs %s: ", cmd);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    return code;
}

int cli_fail_status(const char *cmd, const char *what, int st,
                    const ilrs_error *err)
{
    const char *detail = err && err->msg[0] ? err->msg : ilrs_strerror(st);
    fprintf(stderr, "ilrs %s: %s%s%s\n", cmd, what ? what : "",
            what ? ": " : "", detail);
    return CLI_EXIT_FAIL;
}

static int find_opt(const cli_opt *opts, int nopt, const char *name,
                    size_t len)
{
    for (int i = 0; i < nopt; i++)
        if (strlen(opts[i].name) == len && strncmp(opts[i].name, name, len) == 0)
            return i;
    return -1;
}

int cli_parse(cli_args *a, const char *cmd, const cli_opt *opts, int nopt,
              int argc, char **argv)
{
    memset(a, 0, sizeof *a);
    a->cmd = cmd;
    a->opts = opts;
    a->nopt = nopt;
    for (int i = 0; i < argc; i++) {
        const char *arg = argv[i];
        if (strncmp(arg, "--", 2) != 0 || arg[2] == '\0') {
            if (a->npos == CLI_MAX_ARGS)
                return cli_fail(cmd, CLI_EXIT_USAGE, "too many arguments");
            a->pos[a->npos++] = arg;
            continue;
        }
        const char *name = arg + 2, *eq = strchr(name, '=');
        size_t len = eq ? (size_t)(eq - name) : strlen(name);
        int k = find_opt(opts, nopt, name, len);
        if (k < 0)
            return cli_fail(cmd, CLI_EXIT_USAGE,
                            "unknown option '%.*s' (see 'ilrs %s --help')",
                            (int)len + 2, arg, cmd);
        const char *value = NULL;
        if (opts[k].takes_value) {
            if (eq)
                value = eq + 1;
            else if (i + 1 < argc)
                value = argv[++i];
            else
                return cli_fail(cmd, CLI_EXIT_USAGE,
                                "option '--%s' needs a value", opts[k].name);
        } else if (eq) {
            return cli_fail(cmd, CLI_EXIT_USAGE,
                            "option '--%s' takes no value", opts[k].name);
        }
        if (!opts[k].repeatable)
            for (int j = 0; j < a->n; j++)
                if (a->which[j] == k)
                    return cli_fail(cmd, CLI_EXIT_USAGE,
                                    "option '--%s' given twice", opts[k].name);
        if (a->n == CLI_MAX_ARGS)
            return cli_fail(cmd, CLI_EXIT_USAGE, "too many options");
        a->which[a->n] = k;
        a->value[a->n++] = value ? value : "";
    }
    return 0;
}

const char *cli_get_nth(const cli_args *a, const char *name, int k)
{
    for (int j = 0; j < a->n; j++)
        if (strcmp(a->opts[a->which[j]].name, name) == 0 && k-- == 0)
            return a->value[j];
    return NULL;
}

int cli_start(cli_args *a, const char *cmd, const cli_opt *opts, int nopt,
              const char *help, int max_pos, int argc, char **argv)
{
    if (cli_parse(a, cmd, opts, nopt, argc, argv))
        return CLI_EXIT_USAGE;
    if (cli_has(a, "help")) {
        fputs(help, stdout);
        return 0;
    }
    if (a->npos > max_pos)
        return cli_fail(cmd, CLI_EXIT_USAGE,
                        "unexpected argument '%s' (see 'ilrs %s --help')",
                        a->pos[max_pos], cmd);
    return CLI_CONTINUE;
}

const char *cli_get(const cli_args *a, const char *name)
{
    const char *last = NULL;
    for (int j = 0; j < a->n; j++)
        if (strcmp(a->opts[a->which[j]].name, name) == 0)
            last = a->value[j];
    return last;
}

int cli_has(const cli_args *a, const char *name)
{
    return cli_get(a, name) != NULL;
}

int cli_duration(const char *text, double *seconds)
{
    static const struct {
        const char *unit;
        double s;
    } units[] = {{"s", 1.0},     {"sec", 1.0},   {"m", 60.0},
                 {"min", 60.0},  {"h", 3600.0},  {"d", 86400.0},
                 {"day", 86400.0}, {"days", 86400.0}, {"w", 604800.0}};
    char *end;
    double v = strtod(text, &end);
    if (end == text || !isfinite(v) || v <= 0.0)
        return -1;
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++)
        if (strcmp(end, units[i].unit) == 0) {
            *seconds = v * units[i].s;
            return 0;
        }
    return -1;
}

int cli_open_ephem(const char *cmd, const char *spec, ilrs_ephem **out)
{
    ilrs_error err = {0, ""};
    int st = ilrs_ephem_open(spec, out, &err);
    if (st < 0)
        return cli_fail_status(cmd, "cannot open the ephemeris", st, &err);
    return 0;
}
