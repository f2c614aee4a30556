/*
 * cli.h -- shared pieces of the `ilrs` command: option parsing, units at
 * the edges, opening the ephemeris the way every subcommand does.
 * The CLI includes only include/ilrs/ headers from the library.
 */
#ifndef ILRS_CLI_H
#define ILRS_CLI_H

#include <stdio.h>

#include "ilrs/ephem.h"
#include "ilrs/lunar.h"
#include "ilrs/lunar_transfer.h"
#include "ilrs/time.h"

/* Exit codes: 0 success, 1 the work failed (bad data, outside coverage),
   2 bad usage (unknown option, malformed argument). */
#define CLI_EXIT_FAIL 1
#define CLI_EXIT_USAGE 2

/* One option a subcommand takes. */
typedef struct {
    const char *name;     /* long name without "--" */
    int takes_value;      /* 1: "--name VALUE" or "--name=VALUE" */
    int repeatable;       /* 1: may be given more than once */
} cli_opt;

#define CLI_MAX_ARGS 64

/* The parsed command line of a subcommand. */
typedef struct {
    const char *cmd;                 /* "ephem" (for messages) */
    const cli_opt *opts;
    int nopt;
    const char *value[CLI_MAX_ARGS]; /* per given option, in order */
    int which[CLI_MAX_ARGS];         /* index into opts */
    int n;
    const char *pos[CLI_MAX_ARGS];   /* positional arguments */
    int npos;
} cli_args;

/* Parse argv (after the subcommand name). Prints one line naming the bad
   argument on stderr and returns CLI_EXIT_USAGE on error; 0 otherwise. */
int cli_parse(cli_args *a, const char *cmd, const cli_opt *opts, int nopt,
              int argc, char **argv);
/*
 * cli_start -- the opening every subcommand shares: parse argv (after the
 * subcommand name), print `help` on stdout for --help, and refuse more than
 * max_pos positional arguments. Returns CLI_CONTINUE when the command should
 * go on, else the exit code to return (0 after --help, CLI_EXIT_USAGE).
 */
#define CLI_CONTINUE (-1)
int cli_start(cli_args *a, const char *cmd, const cli_opt *opts, int nopt,
              const char *help, int max_pos, int argc, char **argv);
/* The last value of option `name`, or NULL; cli_has for flags. */
const char *cli_get(const cli_args *a, const char *name);
int cli_has(const cli_args *a, const char *name);
/* The k-th value of a repeatable option (NULL past the end). */
const char *cli_get_nth(const cli_args *a, const char *name, int k);

/* Error line "ilrs CMD: MSG" on stderr; returns `code`. */
int cli_fail(const char *cmd, int code, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
/* Error line from a library status and its detail. Returns the exit code
   (CLI_EXIT_USAGE for ILRS_EINVAL/EFORMAT on arguments, else FAIL). */
int cli_fail_status(const char *cmd, const char *what, int st,
                    const ilrs_error *err);

/*
 * cli_duration -- "90s", "15m" (or "15min"), "6h", "1d", "2w", "1.5d" to
 * seconds. Returns 0, or -1 if malformed (no unit, not positive, ...).
 */
int cli_duration(const char *text, double *seconds);

/*
 * cli_open_ephem -- the ephemeris for a subcommand: --ephemeris SPEC if
 * given, else $ILRS_EPHEMERIS, else DE405 if installed, else analytic.
 * Prints the error and returns nonzero exit code on failure.
 */
int cli_open_ephem(const char *cmd, const char *spec, ilrs_ephem **out);

/* cli_number -- a number in [lo, hi] from option --opt's text; prints
   the error and returns CLI_EXIT_USAGE, else 0. */
int cli_number(const char *cmd, const char *opt, const char *text, double lo,
               double hi, double *out);
/* cli_period -- --from, --to (required) and --step (default 1h) as TDB s
   past J2000 and seconds; prints the error and returns the exit code. */
int cli_period(const char *cmd, const cli_args *a, double *t0, double *t1,
               double *step);
/* cli_utc -- ISO UTC text of a TDB epoch (s past J2000). */
void cli_utc(double t_tdb, char buf[40]);

/*
 * cli_site_setup -- a lunar site's horizon (dem NULL: the smooth sphere)
 * and the query fields it fixes: lat, lon (rad), horizon, naz and the
 * site's distance from the Moon's centre (sphere or DEM radius + terrain
 * + observer height). Returns ilrs_horizon_site's status.
 */
int cli_site_setup(const ilrs_dem *dem, double lat, double lon,
                   const ilrs_horizon_opts *ho, double *horizon,
                   double *terrain_km, ilrs_site_query *q, ilrs_error *err);

/*
 * cli_lunar_transfer_oem -- transfer t from TLI to perilune as a CCSDS OEM
 * (Earth-centred EME2000, TDB, every 10 minutes and at both ends).
 * object_id may be NULL, comment too. Returns the library's status.
 */
int cli_lunar_transfer_oem(const char *path, const ilrs_ephem *eph,
                           const ilrs_lunar_transfer *t, const char *object,
                           const char *object_id, const char *comment,
                           ilrs_error *err);

/*
 * A progress bar on stderr ("[####....]  42%  3.1s  what"), drawn only
 * when stderr is a terminal and quiet is 0; silent otherwise. Called from
 * one thread. cli_progress_end clears the line and returns the seconds
 * since start.
 */
typedef struct {
    int on;
    double done, total, t0;
    char what[96];
} cli_progress;
void cli_progress_start(cli_progress *p, double total, int quiet);
void cli_progress_label(cli_progress *p, const char *what);
void cli_progress_add(cli_progress *p, double n);
double cli_progress_end(cli_progress *p);

/* Subcommands: each returns the process exit code. */
int cmd_ephem(int argc, char **argv);
int cmd_time(int argc, char **argv);
int cmd_site(int argc, char **argv);
int cmd_illum(int argc, char **argv);
int cmd_porkchop(int argc, char **argv);
int cmd_window(int argc, char **argv);
int cmd_lambert(int argc, char **argv);
int cmd_lunar_transfer(int argc, char **argv);
int cmd_cr3bp(int argc, char **argv);
int cmd_program(int argc, char **argv);
int cmd_plan(int argc, char **argv);

#endif
