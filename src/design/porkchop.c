/* porkchop.c -- departure x arrival grids of Lambert transfers. */
#include "ilrs/design.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "design/design_int.h"
#include "ilrs/constants.h"
#include "ilrs/orbit.h"

int ilrs__spec_check(int max_revs, ilrs_objective obj, const ilrs_budget *b,
                     ilrs_error *err)
{
    if (max_revs < 0 || max_revs > ILRS__MAX_REVS)
        return ilrs_error_set(err, ILRS_EINVAL,
                              "revolutions %d: must be 0..%d", max_revs,
                              ILRS__MAX_REVS);
    if ((int)obj < 0 || (int)obj > 3)
        return ilrs_error_set(err, ILRS_EINVAL, "unknown objective %d",
                              (int)obj);
    return ilrs_budget_check(b, err);
}

int ilrs_porkchop_new(size_t ndep, size_t narr, ilrs_porkchop **out,
                      ilrs_error *err)
{
    *out = NULL;
    if (ndep == 0 || narr == 0)
        return ilrs_error_set(err, ILRS_EINVAL, "empty porkchop grid (%zu x "
                              "%zu)", ndep, narr);
    if ((double)ndep * (double)narr > ILRS__MAX_CELLS)
        return ilrs_error_set(err, ILRS_ELIMIT,
                              "porkchop grid of %zu x %zu cells: at most "
                              "%.0f cells", ndep, narr, ILRS__MAX_CELLS);
    size_t cells = ndep * narr;
    /* One block: header, 7 (ndep + narr) epoch and state doubles, 7
       fields of `cells` doubles, then the revs bytes. */
    size_t ndbl = 7 * (ndep + narr) + 7 * cells;
    size_t head = (sizeof(ilrs_porkchop) + 15) & ~(size_t)15;
    char *blk = malloc(head + ndbl * sizeof(double) + cells);
    if (!blk)
        return ilrs_error_set(err, ILRS_ENOMEM,
                              "out of memory for a %zu x %zu porkchop grid",
                              ndep, narr);
    ilrs_porkchop *p = (ilrs_porkchop *)(void *)blk;
    memset(p, 0, sizeof *p);
    double *d = (double *)(void *)(blk + head);
    p->ndep = ndep;
    p->narr = narr;
    p->dep_t = d, d += ndep;
    p->arr_t = d, d += narr;
    p->dep_state = d, d += 6 * ndep;
    p->arr_state = d, d += 6 * narr;
    double **fields[] = {&p->c3,        &p->vinf_arr,  &p->dla,
                         &p->dv_depart, &p->dv_arrive, &p->dv_total,
                         &p->tof};
    for (size_t k = 0; k < sizeof fields / sizeof fields[0]; k++)
        *fields[k] = d, d += cells;
    p->revs = (signed char *)(void *)d;
    *out = p;
    return ILRS_OK;
}

void ilrs_porkchop_free(ilrs_porkchop *p)
{
    free(p);
}

typedef struct {
    ilrs_porkchop *p;
    const ilrs_porkchop_spec *s;
} grid_job;

/* Cells gathered per batch call on the single-revolution path: 128
   problems, solutions, counts, cell indices and statuses are 24 KB of
   stack (32 to 256 cells ran equally fast in bench/porkchop.c). */
#define GRID_CHUNK 128

/* Costs one cell from its Lambert solutions sol[0 .. n-1] (n = 0: no
   solution): every solution costed without the asymptote's angles; the
   chosen one gets its DLA. Cells without a solution (arrival before
   departure, a 180-degree transfer, no convergence) are NaN. */
static void cell_cost(const grid_job *g, size_t i, size_t j, size_t k,
                      const ilrs_lambert_solution *sol, size_t n)
{
    ilrs_porkchop *p = g->p;
    const ilrs_porkchop_spec *s = g->s;
    const double *a = p->dep_state + 6 * i, *b = p->arr_state + 6 * j;
    double tof = p->arr_t[j] - p->dep_t[i], best = INFINITY;
    double out[6] = {NAN, NAN, NAN, NAN, NAN, NAN}, vbest[3] = {0, 0, 0};
    int revs = -1;
    for (size_t m = 0; m < n; m++) {
        double vd[3], va[3];
        for (int c = 0; c < 3; c++) {
            vd[c] = sol[m].v1[c] - a[3 + c];
            va[c] = sol[m].v2[c] - b[3 + c];
        }
        double c3 = vd[0] * vd[0] + vd[1] * vd[1] + vd[2] * vd[2];
        double vinf_a = sqrt(va[0] * va[0] + va[1] * va[1] + va[2] * va[2]);
        double dvd, dva;
        ilrs_budget_dv(&s->budget, sqrt(c3), vinf_a, &dvd, &dva);
        double f[4] = {c3, dvd + dva, dvd, vinf_a};
        double cost = f[s->objective];
        if (cost < best) {
            best = cost;
            out[0] = c3, out[1] = vinf_a, out[2] = dvd, out[3] = dva;
            out[4] = dvd + dva, out[5] = tof;
            vbest[0] = vd[0], vbest[1] = vd[1], vbest[2] = vd[2];
            revs = sol[m].revs;
        }
    }
    double dla = NAN;  /* as ilrs_conics_asymptote, without the RLA */
    if (revs >= 0)
        dla = out[0] > 0.0 ? asin(fmax(-1.0, fmin(1.0, vbest[2] /
                                                     sqrt(out[0]))))
                           : 0.0;
    p->c3[k] = out[0];
    p->vinf_arr[k] = out[1];
    p->dv_depart[k] = out[2];
    p->dv_arrive[k] = out[3];
    p->dv_total[k] = out[4];
    p->tof[k] = out[5];
    p->dla[k] = dla;
    p->revs[k] = (signed char)revs;
}

/* Several revolutions: one Lambert call per cell, 0..max_revs. */
static int grid_range(void *ctx, size_t begin, size_t end)
{
    grid_job *g = ctx;
    const ilrs_porkchop *p = g->p;
    size_t nd = p->ndep, room = (size_t)(1 + 2 * g->s->max_revs);
    ilrs_lambert_solution sol[1 + 2 * ILRS__MAX_REVS];
    for (size_t k = begin; k < end; k++) {
        size_t i = k % nd, j = k / nd, n = 0;
        double tof = p->arr_t[j] - p->dep_t[i];
        if (tof > 0.0 &&
            ilrs_lambert_solve(p->dep_state + 6 * i, p->arr_state + 6 * j,
                               tof, ILRS_GM_SUN, g->s->max_revs, 0, sol,
                               room, &n, NULL) < 0)
            n = 0;
        cell_cost(g, i, j, k, sol, n);
    }
    return ILRS_OK;
}

/* Single revolution: the range's cells GRID_CHUNK at a time through the
   Lambert batch (vector blocks) on this thread; cells with tof <= 0 are
   not handed over and stay NaN. */
static int grid_range_batch(void *ctx, size_t begin, size_t end)
{
    grid_job *g = ctx;
    const ilrs_porkchop *p = g->p;
    size_t nd = p->ndep;
    ilrs_lambert_problem pr[GRID_CHUNK];
    ilrs_lambert_solution sol[GRID_CHUNK];
    size_t nsol[GRID_CHUNK], cell[GRID_CHUNK];
    int status[GRID_CHUNK];
    for (size_t k = begin; k < end;) {
        size_t m = 0;
        for (; k < end && m < GRID_CHUNK; k++) {
            size_t i = k % nd, j = k / nd;
            double tof = p->arr_t[j] - p->dep_t[i];
            if (!(tof > 0.0)) {
                cell_cost(g, i, j, k, NULL, 0);
                continue;
            }
            ilrs_lambert_problem *q = &pr[m];
            memcpy(q->r1, p->dep_state + 6 * i, sizeof q->r1);
            memcpy(q->r2, p->arr_state + 6 * j, sizeof q->r2);
            q->tof_s = tof;
            q->mu = ILRS_GM_SUN;
            q->max_revs = 0;
            q->retrograde = 0;
            q->normal[0] = q->normal[1] = q->normal[2] = 0.0;
            cell[m++] = k;
        }
        if (m == 0)
            continue;
        (void)ilrs_lambert_solve_batch(pr, m, sol, 1, nsol, status, 1);
        for (size_t c = 0; c < m; c++)
            cell_cost(g, cell[c] % nd, cell[c] / nd, cell[c], &sol[c],
                      status[c] < 0 ? 0 : nsol[c]);
    }
    return ILRS_OK;
}

int ilrs_porkchop_solve(ilrs_porkchop *p, const ilrs_porkchop_spec *s,
                        ilrs_error *err)
{
    int st = ilrs__spec_check(s->max_revs, s->objective, &s->budget, err);
    if (st < 0)
        return st;
    grid_job g = {p, s};
    size_t cells = p->ndep * p->narr;
    st = ilrs_parallel_for(cells, s->nthreads,
                           s->max_revs == 0 ? grid_range_batch : grid_range,
                           &g);
    if (st < 0 && st != ILRS_ENOMEM)
        return ilrs_error_set(err, st, "porkchop grid failed");
    p->nsolved = 0;
    for (size_t k = 0; k < cells; k++)
        p->nsolved += !isnan(p->c3[k]);
    return ILRS_OK;
}

int ilrs_porkchop_compute(ilrs_porkchop *p, const ilrs_ephem *e,
                          const ilrs_porkchop_spec *s, ilrs_error *err)
{
    if (!(s->dep_step > 0.0) || !(s->arr_step > 0.0) ||
        !isfinite(s->dep0) || !isfinite(s->arr0))
        return ilrs_error_set(err, ILRS_EINVAL,
                              "porkchop steps must be > 0 and epochs finite");
    int st = ilrs__spec_check(s->max_revs, s->objective, &s->budget, err);
    if (st < 0)
        return st;
    for (size_t i = 0; i < p->ndep; i++)
        p->dep_t[i] = s->dep0 + (double)i * s->dep_step;
    for (size_t j = 0; j < p->narr; j++)
        p->arr_t[j] = s->arr0 + (double)j * s->arr_step;
    /* The ephemeris once per date: two batch calls, not one per cell. */
    st = ilrs_ephem_states(e, s->from, 10, p->ndep, p->dep_t, p->dep_state,
                           s->nthreads, err);
    if (st >= 0)
        st = ilrs_ephem_states(e, s->to, 10, p->narr, p->arr_t,
                               p->arr_state, s->nthreads, err);
    if (st < 0)
        return st;
    p->nephem = p->ndep + p->narr;
    return ilrs_porkchop_solve(p, s, err);
}

static const double *objective_field(const ilrs_porkchop *p,
                                     ilrs_objective o)
{
    switch (o) {
    case ILRS_OBJ_C3:
        return p->c3;
    case ILRS_OBJ_DV:
        return p->dv_total;
    case ILRS_OBJ_DV_DEPART:
        return p->dv_depart;
    case ILRS_OBJ_VINF_ARR:
        return p->vinf_arr;
    }
    return p->c3;
}

int ilrs_porkchop_edge(const ilrs_porkchop *p, size_t i, size_t j)
{
    int dep = p->ndep > 1, arr = p->narr > 1;
    return (dep && i == 0 ? ILRS_EDGE_DEP0 : 0) |
           (dep && i + 1 == p->ndep ? ILRS_EDGE_DEP1 : 0) |
           (arr && j == 0 ? ILRS_EDGE_ARR0 : 0) |
           (arr && j + 1 == p->narr ? ILRS_EDGE_ARR1 : 0);
}

int ilrs_porkchop_best(const ilrs_porkchop *p, ilrs_objective o, size_t *i,
                       size_t *j)
{
    const double *f = objective_field(p, o);
    size_t cells = p->ndep * p->narr, at = SIZE_MAX;
    double best = INFINITY;
    for (size_t k = 0; k < cells; k++)
        if (f[k] < best) {
            best = f[k];
            at = k;
        }
    if (at == SIZE_MAX)
        return ILRS_ENOTFOUND;
    *i = at % p->ndep;
    *j = at / p->ndep;
    return ILRS_OK;
}
