/* window.c -- launch-window search: a departure x tof grid, constraints,
   and a Nelder-Mead refinement of the optimum in continuous dates. */
#include "ilrs/design.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "design/design_int.h"

int ilrs_window_feasible(const ilrs_window_spec *s, const ilrs_transfer *t)
{
    return !isnan(t->c3) && t->c3 <= s->c3_max &&
           fabs(t->dla) <= s->dla_max && t->vinf_arr_kms <= s->vinf_arr_max;
}

void ilrs_window_free(ilrs_window *w)
{
    if (w) {
        free(w->days);
        w->days = NULL;
        w->ndays = 0;
    }
}

static int check_spec(const ilrs_window_spec *s, ilrs_error *err)
{
    if (!isfinite(s->dep0) || !isfinite(s->dep1) || s->dep1 < s->dep0)
        return ilrs_error_set(err, ILRS_EINVAL,
                              "departure period ends before it starts");
    if (!(s->tof_min > 0.0) || !(s->tof_max >= s->tof_min) ||
        !isfinite(s->tof_max))
        return ilrs_error_set(err, ILRS_EINVAL,
                              "time of flight range must have 0 < min <= "
                              "max");
    if (!(s->step > 0.0) || !isfinite(s->step))
        return ilrs_error_set(err, ILRS_EINVAL, "step must be > 0");
    if (isnan(s->c3_max) || isnan(s->dla_max) || isnan(s->vinf_arr_max))
        return ilrs_error_set(err, ILRS_EINVAL, "a constraint is NaN");
    return ilrs__spec_check(s->max_revs, s->objective, &s->budget, err);
}

/* The grid: departures dep0 + i step, tofs tof_min + k step, so arrival
   epochs dep0 + tof_min + m step (m = i + k) are shared by all cells. */
typedef struct {
    const ilrs_window_spec *s;
    size_t ndep, ntof;
    const double *dep_t, *arr_t, *dep_state, *arr_state;
    double *cost;  /* per cell; INFINITY where infeasible */
} window_grid;

static int window_range(void *ctx, size_t begin, size_t end)
{
    window_grid *g = ctx;
    for (size_t c = begin; c < end; c++) {
        size_t i = c / g->ntof, k = c % g->ntof, m = i + k;
        ilrs_transfer t;
        int st = ilrs_transfer_best(g->dep_state + 6 * i,
                                    g->arr_state + 6 * m, g->dep_t[i],
                                    g->arr_t[m], g->s->max_revs,
                                    g->s->objective, &g->s->budget, &t);
        g->cost[c] = st == ILRS_OK && ilrs_window_feasible(g->s, &t)
                         ? ilrs_transfer_cost(&t, g->s->objective)
                         : INFINITY;
    }
    return ILRS_OK;
}

/* Cost at (t_dep, tof) for the refinement; INFINITY outside the period,
   the tof range or the constraints. */
typedef struct {
    const ilrs_ephem *e;
    const ilrs_window_spec *s;
    ilrs_transfer best;
    double best_cost;
} refine_ctx;

static double refine_cost(refine_ctx *r, double t_dep, double tof)
{
    const ilrs_window_spec *s = r->s;
    double slack = 1e-9 * s->step;
    if (t_dep < s->dep0 - slack || t_dep > s->dep1 + slack ||
        tof < s->tof_min - slack || tof > s->tof_max + slack)
        return INFINITY;
    double a[6], b[6];
    ilrs_transfer t;
    if (ilrs_ephem_state(r->e, s->from, 10, t_dep, a, NULL) < 0 ||
        ilrs_ephem_state(r->e, s->to, 10, t_dep + tof, b, NULL) < 0 ||
        ilrs_transfer_best(a, b, t_dep, t_dep + tof, s->max_revs,
                           s->objective, &s->budget, &t) != ILRS_OK ||
        !ilrs_window_feasible(s, &t))
        return INFINITY;
    double c = ilrs_transfer_cost(&t, s->objective);
    if (c < r->best_cost) {
        r->best_cost = c;
        r->best = t;
    }
    return c;
}

/* Nelder-Mead (reflection 1, expansion 2, contraction 1/2, shrink 1/2)
   in (t_dep, tof) scaled by the grid step, from the grid's best cell. */
static void nelder_mead(refine_ctx *r, double t_dep, double tof)
{
    double h = r->s->step, x[3][2], f[3];
    double d[3][2] = {{0, 0}, {0.5, 0}, {0, 0.5}};
    for (int v = 0; v < 3; v++) {
        x[v][0] = t_dep + d[v][0] * h;
        x[v][1] = tof + d[v][1] * h;
        f[v] = refine_cost(r, x[v][0], x[v][1]);
        if (!isfinite(f[v])) { /* try the other side */
            x[v][0] = t_dep - d[v][0] * h;
            x[v][1] = tof - d[v][1] * h;
            f[v] = refine_cost(r, x[v][0], x[v][1]);
        }
    }
    for (int it = 0; it < 400; it++) {
        int lo = 0, hi = 0;
        for (int v = 1; v < 3; v++) {
            lo = f[v] < f[lo] ? v : lo;
            hi = f[v] > f[hi] ? v : hi;
        }
        int mid = 3 - lo - hi;
        if (lo == hi)
            mid = (lo + 1) % 3, hi = (lo + 2) % 3;
        double size = fabs(x[hi][0] - x[lo][0]) + fabs(x[hi][1] - x[lo][1]) +
                      fabs(x[mid][0] - x[lo][0]) + fabs(x[mid][1] - x[lo][1]);
        if (size < 1e-6 * h)
            break;
        double c[2] = {0.5 * (x[lo][0] + x[mid][0]),
                       0.5 * (x[lo][1] + x[mid][1])};
        double xr[2] = {2 * c[0] - x[hi][0], 2 * c[1] - x[hi][1]};
        double fr = refine_cost(r, xr[0], xr[1]);
        if (fr < f[lo]) {
            double xe[2] = {3 * c[0] - 2 * x[hi][0], 3 * c[1] - 2 * x[hi][1]};
            double fe = refine_cost(r, xe[0], xe[1]);
            int use_e = fe < fr;
            x[hi][0] = use_e ? xe[0] : xr[0];
            x[hi][1] = use_e ? xe[1] : xr[1];
            f[hi] = use_e ? fe : fr;
        } else if (fr < f[mid]) {
            x[hi][0] = xr[0], x[hi][1] = xr[1], f[hi] = fr;
        } else {
            double xc[2] = {0.5 * (c[0] + x[hi][0]), 0.5 * (c[1] + x[hi][1])};
            double fc = refine_cost(r, xc[0], xc[1]);
            if (fc < f[hi]) {
                x[hi][0] = xc[0], x[hi][1] = xc[1], f[hi] = fc;
            } else {
                for (int v = 0; v < 3; v++)
                    if (v != lo) {
                        x[v][0] = 0.5 * (x[v][0] + x[lo][0]);
                        x[v][1] = 0.5 * (x[v][1] + x[lo][1]);
                        f[v] = refine_cost(r, x[v][0], x[v][1]);
                    }
            }
        }
    }
}

/* Golden-section search of the tof of one departure date within one grid
   step either side of the grid's best; keeps the best point seen, so the
   day never gets worse than its grid cell. */
static void refine_day(const ilrs_ephem *e, const ilrs_window_spec *s,
                       ilrs_transfer *day)
{
    refine_ctx r = {e, s, *day, ilrs_transfer_cost(day, s->objective)};
    double tof = day->t_arr - day->t_dep;
    double a = fmax(s->tof_min, tof - s->step);
    double b = fmin(s->tof_max, tof + s->step);
    const double g = 0.6180339887498949;
    double c = b - g * (b - a), d = a + g * (b - a);
    double fc = refine_cost(&r, day->t_dep, c);
    double fd = refine_cost(&r, day->t_dep, d);
    for (int it = 0; it < 40 && b - a > 1e-7 * s->step; it++) {
        if (fc <= fd) {
            b = d, d = c, fd = fc;
            c = b - g * (b - a);
            fc = refine_cost(&r, day->t_dep, c);
        } else {
            a = c, c = d, fc = fd;
            d = a + g * (b - a);
            fd = refine_cost(&r, day->t_dep, d);
        }
    }
    *day = r.best;
}

/* Per departure day, its best feasible tof; the optimum among them. */
static int collect_days(const window_grid *g, const ilrs_window_spec *s,
                        ilrs_window *out, size_t *opt, ilrs_error *err)
{
    out->days = malloc(g->ndep * sizeof *out->days);
    if (!out->days)
        return ilrs_error_set(err, ILRS_ENOMEM, "out of memory");
    double best = INFINITY;
    for (size_t i = 0; i < g->ndep; i++) {
        size_t kb = 0;
        double cb = INFINITY;
        for (size_t k = 0; k < g->ntof; k++)
            if (g->cost[i * g->ntof + k] < cb)
                cb = g->cost[i * g->ntof + k], kb = k;
        if (!(cb < INFINITY))
            continue;
        ilrs_transfer *t = &out->days[out->ndays];
        ilrs_transfer_best(g->dep_state + 6 * i, g->arr_state + 6 * (i + kb),
                           g->dep_t[i], g->arr_t[i + kb], s->max_revs,
                           s->objective, &s->budget, t);
        if (cb < best)
            best = cb, *opt = out->ndays;
        out->ndays++;
    }
    return ILRS_OK;
}

static int grid_and_collect(const ilrs_ephem *e, const ilrs_window_spec *s,
                            ilrs_window *out, size_t *opt, ilrs_error *err)
{
    size_t ndep = (size_t)floor((s->dep1 - s->dep0) / s->step + 1e-6) + 1;
    size_t ntof = (size_t)floor((s->tof_max - s->tof_min) / s->step + 1e-6) +
                  1;
    if ((double)ndep * (double)ntof > ILRS__MAX_CELLS)
        return ilrs_error_set(err, ILRS_ELIMIT,
                              "window grid of %zu x %zu cells: at most %.0f "
                              "(use a larger step)", ndep, ntof,
                              ILRS__MAX_CELLS);
    size_t narr = ndep + ntof - 1;
    double *blk = malloc((7 * (ndep + narr) + ndep * ntof) * sizeof *blk);
    if (!blk)
        return ilrs_error_set(err, ILRS_ENOMEM, "out of memory");
    double *dep_t = blk, *arr_t = dep_t + ndep, *ds = arr_t + narr;
    double *as = ds + 6 * ndep, *cost = as + 6 * narr;
    for (size_t i = 0; i < ndep; i++)
        dep_t[i] = s->dep0 + (double)i * s->step;
    for (size_t m = 0; m < narr; m++)
        arr_t[m] = s->dep0 + s->tof_min + (double)m * s->step;
    int st = ilrs_ephem_states(e, s->from, 10, ndep, dep_t, ds, s->nthreads,
                               err);
    if (st >= 0)
        st = ilrs_ephem_states(e, s->to, 10, narr, arr_t, as, s->nthreads,
                               err);
    if (st >= 0) {
        out->nephem = ndep + narr;
        window_grid g = {s, ndep, ntof, dep_t, arr_t, ds, as, cost};
        ilrs_parallel_for(ndep * ntof, s->nthreads, window_range, &g);
        st = collect_days(&g, s, out, opt, err);
    }
    free(blk);
    return st < 0 ? st : ILRS_OK;
}

/* Which ends of the range the optimum t lies within half a step of; a
   range narrower than one step (a date or tof held fixed) has none. */
static int window_edge(const ilrs_window_spec *s, const ilrs_transfer *t)
{
    double h = 0.5 * s->step, tof = t->t_arr - t->t_dep;
    int dep = s->dep1 - s->dep0 >= s->step;
    int tr = s->tof_max - s->tof_min >= s->step;
    return (dep && t->t_dep - s->dep0 <= h ? ILRS_EDGE_DEP0 : 0) |
           (dep && s->dep1 - t->t_dep <= h ? ILRS_EDGE_DEP1 : 0) |
           (tr && tof - s->tof_min <= h ? ILRS_EDGE_TOF_MIN : 0) |
           (tr && s->tof_max - tof <= h ? ILRS_EDGE_TOF_MAX : 0);
}

int ilrs_window_search(const ilrs_ephem *e, const ilrs_window_spec *s,
                       ilrs_window *out, ilrs_error *err)
{
    memset(out, 0, sizeof *out);
    int st = check_spec(s, err);
    size_t opt = 0;
    if (st >= 0)
        st = grid_and_collect(e, s, out, &opt, err);
    if (st < 0) {
        ilrs_window_free(out);
        return st;
    }
    if (out->ndays == 0) {
        ilrs__transfer_nan(&out->optimum, NAN, NAN);
        return ILRS_OK;
    }
    double best = INFINITY;
    for (size_t k = 0; k < out->ndays; k++) {
        refine_day(e, s, &out->days[k]);
        double c = ilrs_transfer_cost(&out->days[k], s->objective);
        if (c < best)
            best = c, opt = k;
    }
    ilrs_transfer g = out->days[opt];
    refine_ctx r = {e, s, g, ilrs_transfer_cost(&g, s->objective)};
    nelder_mead(&r, g.t_dep, g.t_arr - g.t_dep);
    out->optimum = r.best;
    out->found = 1;
    out->edge = window_edge(s, &out->optimum);
    return ILRS_OK;
}
