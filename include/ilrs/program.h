/*
 * ilrs/program.h -- the ILRS program model: program files (YAML or JSON),
 * validation, budget checks and payload allocation.
 *
 * Usage:
 *     ilrs_program *p;
 *     ilrs_diag d = {0};
 *     st = ilrs_program_load("examples/ilrs.yaml", &p, &d, &err);
 *     // st == ILRS_EFORMAT: d.msg[0..d.n) holds every problem found, each
 *     // "FILE:LINE:COL: PATH: what was expected, what was found"
 *     ilrs_program_view v;
 *     st = ilrs_program_view_make(p, &v, &err);
 *     st = ilrs_program_check(&v, &report, &err);
 *     st = ilrs_alloc_solve(&v, &opts, &plan, &err);
 *     ilrs_program_view_free(&v); ilrs_program_free(p); ilrs_diag_free(&d);
 *
 * A program is a set of entities (the program itself, phases, partners,
 * launch vehicles, launch sites, lunar landing sites, missions, payload
 * proposals), each with a unique id across all kinds and named fields.
 * docs/program-file.md lists every field with its unit. Inside the model,
 * quantities are in canonical units: kg, W, MB per day, L, m, degrees,
 * km^2/s^2; numbers are rounded to 15 significant digits so that printing
 * them with 15 digits and reading them back gives the same double.
 */
#ifndef ILRS_PROGRAM_H
#define ILRS_PROGRAM_H

#include <stddef.h>

#include "ilrs/core.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ilrs_program ilrs_program;

/* The kinds of entity, in the order a program file lists them. */
typedef enum ilrs_program_kind {
    ILRS_PK_PROGRAM = 0,
    ILRS_PK_PHASE,
    ILRS_PK_PARTNER,
    ILRS_PK_VEHICLE,
    ILRS_PK_LAUNCH_SITE,
    ILRS_PK_LANDING_SITE,
    ILRS_PK_MISSION,
    ILRS_PK_PAYLOAD,
    ILRS_PK_COUNT
} ilrs_program_kind;

/*
 * A list of problems (one line each), filled by the loader and the checks.
 * Zero-initialise; free the lines with ilrs_diag_free. Owned by the caller.
 */
typedef struct ilrs_diag {
    size_t n, cap;
    char **msg;
} ilrs_diag;

/* ilrs_diag_add -- append a printf-style line (ILRS_ENOMEM if it cannot). */
int ilrs_diag_add(ilrs_diag *d, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* ilrs_diag_free -- free the lines and reset d to empty. NULL allowed. */
void ilrs_diag_free(ilrs_diag *d);

/* Largest program file read (bytes) and deepest nesting accepted. */
#define ILRS_PROGRAM_MAX_BYTES (64L * 1024 * 1024)
#define ILRS_PROGRAM_MAX_DEPTH 32

/*
 * ilrs_program_load -- read and validate a program file.
 * Given:
 *   path   a YAML file, or JSON when the name ends in ".json" or the first
 *          non-blank character is '{'
 * Returned:
 *   out    the program (NULL on error); free with ilrs_program_free
 *   diag   every problem found, one line each (may be NULL)
 *   err    the first problem, or the I/O failure
 * Returns: ILRS_OK; ILRS_EIO if the file cannot be read; ILRS_EFORMAT if it
 *   is not valid YAML/JSON or breaks any rule (unknown key, wrong type or
 *   unit, dangling reference, duplicate id, impossible date); ILRS_ELIMIT
 *   for a file over ILRS_PROGRAM_MAX_BYTES or nested deeper than
 *   ILRS_PROGRAM_MAX_DEPTH (aliases included); ILRS_ENOMEM.
 */
int ilrs_program_load(const char *path, ilrs_program **out, ilrs_diag *diag,
                      ilrs_error *err);

/*
 * ilrs_program_parse -- the same from memory. `name` names the text in
 * messages; json: 1 JSON, 0 YAML, -1 guess from the first character.
 */
int ilrs_program_parse(const char *text, size_t len, const char *name,
                       int json, ilrs_program **out, ilrs_diag *diag,
                       ilrs_error *err);

/* ilrs_program_free -- free a program. NULL allowed. */
void ilrs_program_free(ilrs_program *p);

/* ilrs_program_kind_name -- "mission", "payload", ... for a kind;
   ilrs_program_kind_section -- its section in a file ("missions"). */
const char *ilrs_program_kind_name(ilrs_program_kind k);
const char *ilrs_program_kind_section(ilrs_program_kind k);
/* ilrs_program_kind_parse -- the kind of a name or section ("missions",
   "mission", "sites" = launch sites). Returns ILRS_OK or ILRS_ENOTFOUND. */
int ilrs_program_kind_parse(const char *name, ilrs_program_kind *out);

/* ilrs_program_count -- number of entities of a kind (all when kind is
   ILRS_PK_COUNT). ilrs_program_id -- the id of the i-th of that kind. */
size_t ilrs_program_count(const ilrs_program *p, ilrs_program_kind kind);
const char *ilrs_program_id(const ilrs_program *p, ilrs_program_kind kind,
                            size_t i);

/*
 * ilrs_program_find -- the kind of entity `id` (ILRS_OK), or ILRS_ENOTFOUND.
 */
int ilrs_program_find(const ilrs_program *p, const char *id,
                      ilrs_program_kind *kind);

/*
 * ilrs_program_field -- the value of a field of entity `id` as text
 * (strings as they are; numbers in canonical units with 15 significant
 * digits; true/false; lists joined by ", "; tables as c3:mass pairs).
 * Group members are named "budget.mass". Returns ILRS_OK, ILRS_ENOTFOUND
 * (no such entity or field not set) or ILRS_EINVAL (buf too small).
 */
int ilrs_program_field(const ilrs_program *p, const char *id,
                       const char *field, char *buf, size_t size);

/*
 * ilrs_program_fields -- call fn(ctx, name, text) for each field of entity
 * `id` that is set, in the documented order (text as ilrs_program_field).
 * Returns ILRS_OK or ILRS_ENOTFOUND.
 */
typedef void (*ilrs_field_fn)(void *ctx, const char *name, const char *text);
int ilrs_program_fields(const ilrs_program *p, const char *id,
                        ilrs_field_fn fn, void *ctx);

/*
 * ilrs_program_export -- the program as a file: YAML (json = 0) or JSON
 * (json = 1), quantities as plain numbers in canonical units. Loading the
 * result gives an equal program (ilrs_program_equal).
 * Returned: *text (NUL-terminated, owned by the caller: free()), *len.
 * Returns: ILRS_OK; ILRS_ENOMEM.
 */
int ilrs_program_export(const ilrs_program *p, int json, char **text,
                        size_t *len, ilrs_error *err);

/* ilrs_program_equal -- 1 if the two programs hold the same entities (same
   kinds, ids and field values), else 0. */
int ilrs_program_equal(const ilrs_program *a, const ilrs_program *b);

/*
 * ilrs_program_launch -- the launch of mission `id` as an interval of TDB
 * seconds past J2000: a date's whole year, month or day, or a window from
 * the start of its first date to the end of its last.
 * Returns: ILRS_OK; ILRS_ENOTFOUND (no such mission or no launch).
 */
int ilrs_program_launch(const ilrs_program *p, const char *id, double *t0,
                        double *t1);

/* ---- budgets, needs, checks ------------------------------------------- */

/* The budget dimensions a mission offers and a payload needs. */
enum {
    ILRS_BUDGET_MASS = 0,   /* kg */
    ILRS_BUDGET_POWER_AVG,  /* W, orbit or day average */
    ILRS_BUDGET_POWER_PEAK, /* W */
    ILRS_BUDGET_DATA,       /* MB per day */
    ILRS_BUDGET_VOLUME,     /* L */
    ILRS_NBUDGET
};
/* ilrs_budget_name -- "mass", "power_avg", ...; ilrs_budget_unit -- "kg"... */
const char *ilrs_budget_name(int dim);
const char *ilrs_budget_unit(int dim);

/* Where a payload works / a mission carries payloads. */
#define ILRS_ACC_SURFACE 1
#define ILRS_ACC_ORBIT 2

/* Illumination of a landing site, or needed by a payload. */
typedef enum ilrs_illum {
    ILRS_ILLUM_ANY = 0,       /* payload: no need; site: unknown */
    ILRS_ILLUM_SUNLIT = 1,
    ILRS_ILLUM_SHADOWED = 2,
    ILRS_ILLUM_MIXED = 3      /* site: both sunlit and shadowed ground */
} ilrs_illum;

/* What a mission offers to payloads. Strings point into the program (or
   the caller's memory when built by hand) and are not freed by the view. */
typedef struct ilrs_mission_offer {
    const char *id;
    double cap[ILRS_NBUDGET]; /* budgets offered (units above); a mission
                                 with has_budget 0 offers nothing */
    int has_budget;
    int accommodation;        /* ILRS_ACC_SURFACE | ILRS_ACC_ORBIT bits */
    int night_survival;       /* 1: payloads survive the lunar night */
    const char *region;       /* landing site's region, or NULL */
    ilrs_illum illumination;  /* landing site's illumination */
    int open;                 /* 1: takes new payloads (not launched,
                                 completed, failed or cancelled) */
    double launch_tdb;        /* earliest launch (TDB s past J2000) */
} ilrs_mission_offer;

/* What a payload proposal needs. */
typedef struct ilrs_payload_need {
    const char *id;
    double need[ILRS_NBUDGET]; /* (units above), 0 where not given */
    int needs;                 /* ILRS_ACC_SURFACE, ILRS_ACC_ORBIT, or 0 (any) */
    const char *region;        /* required region, or NULL */
    int night_survival;        /* 1: must survive the lunar night */
    ilrs_illum illumination;   /* needed illumination (ANY: none) */
    const int *preferred;      /* mission indices it may fly on; */
    size_t npreferred;         /*   none: any mission */
    double value;              /* priority x score (>= 0) */
    int assigned;              /* mission index it is assigned to, or -1 */
    int fixed;                 /* 1: accepted or flown: stays on `assigned` */
    int active;                /* 0: rejected or withdrawn: ignored */
} ilrs_payload_need;

/* Missions and payloads as numbers: what checks and allocation work on. */
typedef struct ilrs_program_view {
    ilrs_mission_offer *missions;
    size_t nmissions;
    ilrs_payload_need *payloads;
    size_t npayloads;
    int *pref_store;           /* backing store of the preferred lists */
} ilrs_program_view;

/*
 * ilrs_program_view_make -- the numbers of a program. The view points into
 * p (keep p alive); free it with ilrs_program_view_free.
 * Returns: ILRS_OK; ILRS_ENOMEM.
 */
int ilrs_program_view_make(const ilrs_program *p, ilrs_program_view *v,
                           ilrs_error *err);
void ilrs_program_view_free(ilrs_program_view *v);

/*
 * ilrs_alloc_compatible -- whether payload pi may fly on mission mi by its
 * needs alone (budgets aside): accommodation, region, night survival,
 * illumination, preferred missions, mission open or the payload fixed
 * there. Returns 1 or 0; on 0 `why` (if not NULL) gets the reason, e.g.
 * "needs the surface; CE-7O carries payloads only in orbit".
 */
int ilrs_alloc_compatible(const ilrs_program_view *v, size_t pi, size_t mi,
                          char *why, size_t size);

/* Budget use of one mission by the payloads assigned to it. */
typedef struct ilrs_mission_use {
    double used[ILRS_NBUDGET];
    size_t npayloads;
} ilrs_mission_use;

/*
 * ilrs_program_check -- sums of the assigned payloads against each
 * mission's budgets, and assignments the payload's needs forbid.
 * Given: v, assign[npayloads] (mission index or -1; NULL: the view's own
 *   `assigned`), slack (relative tolerance on budgets, e.g. 1e-9)
 * Returned: use[nmissions] (may be NULL), problems: one line per
 *   over-subscribed budget or incompatible assignment, naming mission,
 *   payloads and numbers.
 * Returns: ILRS_OK when nothing fails; 1 (a positive count of problems)
 *   otherwise; ILRS_ENOMEM.
 */
int ilrs_program_check(const ilrs_program_view *v, const int *assign,
                       double slack, ilrs_mission_use *use,
                       ilrs_diag *problems);

/* ---- allocation (GLPK) ------------------------------------------------- */

typedef struct ilrs_alloc_options {
    double time_limit_s; /* GLPK branch-and-cut limit (s); <= 0: none */
    double mip_gap;      /* relative gap to stop at; <= 0: 0 (optimal) */
} ilrs_alloc_options;

typedef struct ilrs_alloc_plan {
    int *mission;        /* per payload: mission index, or -1 (owned) */
    size_t npayloads;
    double objective;    /* total value of the plan */
    double bound;        /* best bound GLPK proved (>= objective) */
    int optimal;         /* 1: proven optimal within mip_gap */
    size_t nvars;        /* binary variables (compatible pairs) */
    double *used;        /* [nmissions * ILRS_NBUDGET]: budget use of the
                            plan, fixed payloads included (owned) */
    size_t nmissions;
} ilrs_alloc_plan;

/*
 * ilrs_alloc_solve -- choose a mission for each active payload proposal to
 * maximise the total value under every mission's budgets, each proposal at
 * most once, fixed payloads kept where they are. A mixed-integer program
 * solved with GLPK's branch and cut (glp_intopt).
 * Returned: plan (free with ilrs_alloc_plan_free).
 * Returns: ILRS_OK (optimal); ILRS_WDUBIOUS when a time limit stopped GLPK
 *   with a feasible plan (plan.bound says how far it may be from optimal);
 *   ILRS_ERANGE when the fixed payloads alone break a budget (infeasible;
 *   err names the mission and budget); ILRS_ENOCONV when GLPK found no
 *   plan in time; ILRS_ENOMEM.
 */
int ilrs_alloc_solve(const ilrs_program_view *v, const ilrs_alloc_options *o,
                     ilrs_alloc_plan *plan, ilrs_error *err);
void ilrs_alloc_plan_free(ilrs_alloc_plan *plan);

/*
 * ilrs_alloc_reason -- why active payload pi is not in the plan: no
 * compatible mission (each mission's reason), or, per compatible mission,
 * the budget it would break given the plan ("CE-7: mass 12 kg > 3.5 kg
 * left of 100 kg"). Writes one line to why.
 */
void ilrs_alloc_reason(const ilrs_program_view *v, const ilrs_alloc_plan *plan,
                       size_t pi, char *why, size_t size);

#ifdef __cplusplus
}
#endif
#endif
