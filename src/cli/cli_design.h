/*
 * cli_design.h -- helpers shared by `ilrs porkchop` and `ilrs window`
 * (defined in cli_porkchop.c; design_oem in cli_window.c): date ranges,
 * bodies, budgets, output.
 */
#ifndef ILRS_CLI_DESIGN_H
#define ILRS_CLI_DESIGN_H

#include <jansson.h>

#include "cli.h"
#include "ilrs/design.h"

/* "120d", "12h" (cli_duration) or a bare number of days, to seconds;
   0 or -1. */
int design_days(const char *text, double *seconds);
/* "D0/D1" to TDB seconds; 0 or an exit code (message printed). */
int design_range(const char *cmd, const char *opt, const char *text,
                 double *t0, double *t1);
/* An integer option in lo..hi (dflt when absent); 0 or an exit code. */
int design_int_opt(const char *cmd, const cli_args *a, const char *name,
                   int lo, int hi, int dflt, int *out);
/* --park-alt, --capture-peri, --capture-apo over the defaults for the
   two bodies; 0 or an exit code. */
int design_budget(const char *cmd, const cli_args *a, const ilrs_target *from,
                  const ilrs_target *to, ilrs_budget *b);
/* ilrs_target_resolve with a one-line error; 0 or an exit code. */
int design_body(const char *cmd, const char *opt, ilrs_ephem *e,
                const char *name, const char *elements, double near,
                ilrs_target *out);
/* Does the ephemeris cover body b over [t0, t1]? 0 or an exit code. */
int design_covered(const char *cmd, const char *opt, const ilrs_ephem *e,
                   const ilrs_target *b, double t0, double t1);
/* --format table|json (0 table, 1 json); --objective. 0 or exit code. */
int design_format(const char *cmd, const cli_args *a, int *fmt);
int design_objective(const char *cmd, const cli_args *a, ilrs_objective *o);
/* UTC ISO date of a TDB epoch ("none" for NaN). */
void design_date(double t_tdb, char *buf, size_t size);
/* A transfer as the JSON row of the design commands. */
json_t *design_transfer_json(const ilrs_transfer *t);
/* The budget's settings into a JSON object. */
void design_budget_json(json_t *o, const ilrs_budget *b);
/* A transfer as a few table lines under `label`. */
void design_transfer_table(const char *label, const ilrs_transfer *t);
/* The ends of the searched range an optimum lies at (ILRS_EDGE_* bits):
   a note line naming them and the options to widen (none for 0), and
   the JSON array of their names. */
void design_edge_note(int edge, const char *widen);
json_t *design_edge_json(int edge);
/* Print and free a JSON document; 0 or an exit code. */
int design_print_json(json_t *doc);
/* The porkchop plot of a computed grid; 0 or an exit code. */
int design_plot(const char *path, const ilrs_porkchop *p,
                const ilrs_porkchop_spec *s, const char *from, const char *to,
                const char *source);
/* The transfer arc of t as a CCSDS OEM file; 0 or an exit code. */
int design_oem(const char *path, const ilrs_ephem *e,
               const ilrs_window_spec *s, const ilrs_transfer *t,
               const char *target);

#endif
