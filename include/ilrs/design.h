/*
 * ilrs/design.h -- when can we launch and what does it cost: porkchop
 * grids and launch-window search for planets, asteroids and comets.
 *
 * Transfers are heliocentric Lambert arcs (ilrs_lambert_solve, prograde,
 * optionally multi-revolution) between the bodies' states about the Sun,
 * costed by patched conics (ilrs/conics.h). Bodies are NAIF ids in an
 * ilrs_ephem: planets from the ephemeris (their barycentres where it has
 * no planet centre), small bodies added to it from orbital elements
 * (ilrs_target_resolve does both).
 *
 * Usage:
 *     ilrs_porkchop *pc;
 *     ilrs_porkchop_new(ndep, narr, &pc, &err);     // one allocation
 *     ilrs_porkchop_spec s = {...};                  // bodies, dates, revs
 *     ilrs_porkchop_compute(pc, eph, &s, &err);       // all cores
 *     ... pc->c3[j * ndep + i] ...                    // NaN: no solution
 *     ilrs_porkchop_free(pc);
 */
#ifndef ILRS_DESIGN_H
#define ILRS_DESIGN_H

#include <stddef.h>

#include "ilrs/conics.h"
#include "ilrs/core.h"
#include "ilrs/ephem.h"

#ifdef __cplusplus
extern "C" {
#endif

/* What "best" means. */
typedef enum ilrs_objective {
    ILRS_OBJ_C3 = 0,        /* launch energy C3 */
    ILRS_OBJ_DV = 1,        /* total dv: departure + arrival burns */
    ILRS_OBJ_DV_DEPART = 2, /* departure burn only */
    ILRS_OBJ_VINF_ARR = 3   /* arrival v_inf magnitude */
} ilrs_objective;

/* ilrs_objective_parse -- "c3", "dv", "dv-depart", "vinf-arr".
   Returns ILRS_OK or ILRS_ENOTFOUND. ilrs_objective_name: the reverse. */
int ilrs_objective_parse(const char *name, ilrs_objective *out);
const char *ilrs_objective_name(ilrs_objective o);

/* ilrs_transfer_cost -- the value of objective o for transfer t. */
double ilrs_transfer_cost(const ilrs_transfer *t, ilrs_objective o);

/* A body to leave from or go to. */
typedef struct ilrs_target {
    int id;              /* NAIF id in the ephemeris (heliocentric states
                            of id relative to the Sun, 10) */
    char name[64];       /* for output ("MARS", "Kamo`oalewa") */
    int planet;          /* 1: a planet (GM, radius set), 0: small body */
    double gm;           /* km^3/s^2, planets only */
    double radius_km;    /* km, planets only */
    const char *source;  /* "ephemeris", "elements file", "catalog" */
} ilrs_target;

/*
 * ilrs_target_resolve -- a body by name, for design.
 * Given:
 *   e        the ephemeris; small bodies are added to it (so not
 *            concurrently with queries)
 *   name     "Mars", "Earth", "Jupiter barycenter", a NAIF id below 1000,
 *            or a small body: number ("469219"), name ("Kamo`oalewa"),
 *            designation ("2016 HO3", "311P"), or its elements written
 *            out ("a=...,e=...": ilrs_smallbody_parse_inline)
 *   elements an MPC or JPL element file to search first for small bodies,
 *            or NULL
 *   near     a TDB epoch (s past J2000) at which a planet centre must be
 *            covered; if the ephemeris has no planet centre there (SPK
 *            excerpts without 599), the system barycentre is used
 * Order: elements written out (text with '='), built-in planet names
 *   and NAIF ids, then the element file, then the bundled catalog
 *   (ilrs/catalog.h).
 * Returns: ILRS_OK; ILRS_ENOTFOUND naming the body; the element file's
 *   errors (ILRS_EIO, ILRS_EFORMAT).
 */
int ilrs_target_resolve(ilrs_ephem *e, const char *name, const char *elements,
                        double near, ilrs_target *out, ilrs_error *err);

/*
 * ilrs_transfer_best -- the best prograde Lambert transfer between two
 * heliocentric states by objective, over 0 .. max_revs revolutions (both
 * branches).
 * Given: dep_state, arr_state (km, km/s, ICRF, about the Sun), t_dep < t_arr
 *   (TDB s past J2000), max_revs >= 0, obj, b (a checked budget)
 * Returned: out (its revs set)
 * Returns: ILRS_OK; ILRS_ENOCONV when Lambert has no solution (e.g. a
 *   180-degree transfer) -- out is then all NaN; ILRS_EINVAL for
 *   t_arr <= t_dep.
 */
int ilrs_transfer_best(const double dep_state[6], const double arr_state[6],
                       double t_dep, double t_arr, int max_revs,
                       ilrs_objective obj, const ilrs_budget *b,
                       ilrs_transfer *out);

/* A porkchop's inputs. */
typedef struct ilrs_porkchop_spec {
    int from, to;           /* NAIF ids (states relative to the Sun) */
    double dep0, dep_step;  /* first departure, spacing (TDB s; s) */
    double arr0, arr_step;  /* first arrival, spacing (TDB s; s) */
    int max_revs;           /* 0: direct transfers; N: best of 0..N revs */
    ilrs_objective objective; /* picks among the solutions of a cell */
    ilrs_budget budget;     /* parking orbit and arrival kind */
    int nthreads;           /* <= 0: all cores */
} ilrs_porkchop_spec;

/*
 * A porkchop grid: ndep departure epochs x narr arrival epochs. Cell
 * (i, j) -- departure i, arrival j -- is at index j * ndep + i of every
 * field (the layout of ilrs_grid in ilrs/plot.h, departure along x).
 * Cells with arrival <= departure or no Lambert solution are NaN (revs -1).
 */
typedef struct ilrs_porkchop {
    size_t ndep, narr;
    double *dep_t, *arr_t;            /* epochs (TDB s past J2000) */
    double *dep_state, *arr_state;    /* 6 per epoch: body about the Sun
                                         (km, km/s, ICRF) */
    double *c3;          /* km^2/s^2 */
    double *vinf_arr;    /* km/s */
    double *dla;         /* rad */
    double *dv_depart, *dv_arrive, *dv_total;  /* km/s */
    double *tof;         /* s */
    signed char *revs;   /* revolutions of the chosen arc, -1 none */
    size_t nsolved;      /* cells with a solution */
    size_t nephem;       /* body states evaluated by the last compute
                            (ndep + narr: once per date, never per cell) */
} ilrs_porkchop;

/*
 * ilrs_porkchop_new -- a grid for ndep x narr cells in one allocation.
 * Returns: ILRS_OK; ILRS_EINVAL for an empty grid; ILRS_ELIMIT above
 *   2e8 cells; ILRS_ENOMEM. The grid is owned by the caller: free it with
 *   ilrs_porkchop_free (NULL does nothing).
 */
int ilrs_porkchop_new(size_t ndep, size_t narr, ilrs_porkchop **out,
                      ilrs_error *err);
void ilrs_porkchop_free(ilrs_porkchop *p);

/*
 * ilrs_porkchop_compute -- fill the grid: epochs from the spec, the two
 * bodies' states from the ephemeris in two batch calls (once per date),
 * then every cell on all cores.
 * Returns: ILRS_OK; the ephemeris's error (ILRS_ERANGE naming the body and
 *   coverage, ILRS_ENOTFOUND); ILRS_EINVAL for a bad spec (steps <= 0,
 *   bad budget, max_revs outside 0..20).
 */
int ilrs_porkchop_compute(ilrs_porkchop *p, const ilrs_ephem *e,
                          const ilrs_porkchop_spec *s, ilrs_error *err);

/*
 * ilrs_porkchop_solve -- the cell loop alone, from the epochs and states
 * already in p (dep_t, arr_t, dep_state, arr_state): no ephemeris.
 * Returns: ILRS_OK; ILRS_EINVAL for a bad spec.
 * Notes: with max_revs 0 each thread hands its cells to
 *   ilrs_lambert_solve_batch in chunks (vector blocks: velocities agree
 *   with ilrs_lambert_solve to rounding, ~4e-15, not bit for bit); with
 *   max_revs > 0 each cell calls ilrs_lambert_solve.
 */
int ilrs_porkchop_solve(ilrs_porkchop *p, const ilrs_porkchop_spec *s,
                        ilrs_error *err);

/*
 * ilrs_porkchop_best -- the cell with the least value of objective o.
 * Returns: ILRS_OK; ILRS_ENOTFOUND when no cell has a solution.
 */
int ilrs_porkchop_best(const ilrs_porkchop *p, ilrs_objective o, size_t *i,
                       size_t *j);

/*
 * ilrs_porkchop_edge -- the ILRS_EDGE_* bits (DEP0, DEP1, ARR0, ARR1) of
 * the ends of the grid that cell (i, j) lies on: a best cell there means
 * the best transfer may lie outside the grid. A dimension of one date has
 * no ends.
 */
int ilrs_porkchop_edge(const ilrs_porkchop *p, size_t i, size_t j);

/* A launch-window search's inputs. */
typedef struct ilrs_window_spec {
    int from, to;              /* NAIF ids */
    double dep0, dep1;         /* departure period (TDB s), dep1 >= dep0 */
    double tof_min, tof_max;   /* time of flight range (s), 0 < min <= max */
    double step;               /* grid spacing of departure and tof (s) */
    int max_revs;
    ilrs_objective objective;
    ilrs_budget budget;
    double c3_max;             /* km^2/s^2; INFINITY: no limit */
    double dla_max;            /* |DLA| limit (rad); INFINITY: none */
    double vinf_arr_max;       /* km/s; INFINITY: none */
    int nthreads;
} ilrs_window_spec;

/* Ends of a window search's range (ilrs_window.edge bits). */
#define ILRS_EDGE_DEP0 1     /* first departure date */
#define ILRS_EDGE_DEP1 2     /* last departure date */
#define ILRS_EDGE_TOF_MIN 4  /* shortest time of flight */
#define ILRS_EDGE_TOF_MAX 8  /* longest time of flight */
#define ILRS_EDGE_ARR0 16    /* first arrival date (porkchop) */
#define ILRS_EDGE_ARR1 32    /* last arrival date (porkchop) */

/* A launch window: the refined optimum and each feasible departure day. */
typedef struct ilrs_window {
    int found;                 /* 1 if any transfer meets the constraints */
    ilrs_transfer optimum;     /* refined in continuous dates */
    int edge;                  /* ILRS_EDGE_* bits: the optimum lies within
                                  half a grid step of that end of the
                                  searched range, so the best transfer may
                                  lie beyond it (widen the range); 0 when
                                  it is inside */
    ilrs_transfer *days;       /* per feasible departure epoch of the grid,
                                  the best tof meeting the constraints
                                  (golden-section search within one step
                                  of the grid's best) */
    size_t ndays;
    size_t nephem;             /* body states evaluated on the grid */
} ilrs_window;

/*
 * ilrs_window_search -- grid the departure period against the tof range
 * (arrival epochs on the same lattice, so every body state is evaluated
 * once), keep the cells meeting the constraints, refine each departure
 * date's best tof (golden section), then the best of those by Nelder-Mead
 * in (departure, tof) inside the period and tof range.
 * Returned: out; free its days with ilrs_window_free.
 * Returns: ILRS_OK (out->found 0 when nothing meets the constraints);
 *   ILRS_EINVAL for a bad spec; ILRS_ELIMIT for more than 2e8 cells;
 *   ILRS_ENOMEM; the ephemeris's errors.
 */
int ilrs_window_search(const ilrs_ephem *e, const ilrs_window_spec *s,
                       ilrs_window *out, ilrs_error *err);
void ilrs_window_free(ilrs_window *w);

/* ilrs_window_feasible -- 1 if t meets the spec's constraints. */
int ilrs_window_feasible(const ilrs_window_spec *s, const ilrs_transfer *t);

#ifdef __cplusplus
}
#endif
#endif
