/* allocate.c -- payload proposals to missions: a 0-1 program solved with
   GLPK's branch and cut.
 *
 *   maximise   sum_{p,m} value_p x_pm
 *   subject to sum_m x_pm <= 1                       each proposal p
 *              sum_p need_pd x_pm <= cap_md - fixed_md  each mission m,
 *                                                    budget d
 *              x_pm in {0, 1}, only for compatible (p, m)
 *
 * Fixed payloads (accepted or flown) are not variables: their needs are
 * taken from the budgets first (fixed_md). Budgets a mission leaves out
 * are not rows. */
#include <glpk.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "program/program_int.h"

typedef struct {
    double bound;
    int have;
} cb_ctx;

/* Record the best bound GLPK has proved (for plans cut short). */
static void on_event(glp_tree *t, void *info)
{
    cb_ctx *c = info;
    int best = glp_ios_best_node(t);
    if (best) {
        double b = glp_ios_node_bound(t, best);
        if (!c->have || b < c->bound)
            c->bound = b;
        c->have = 1;
    }
}

typedef struct {
    int *col_p, *col_m;     /* per column (1-based): payload, mission */
    int ncol;
    int *row_of;            /* [nm * NBUDGET]: row of a budget, or 0 */
    double *resid;          /* [nm * NBUDGET]: budget left after fixed */
} lp_map;

/* Budgets left after the fixed payloads; ILRS_ERANGE if one breaks. */
static int fixed_use(const ilrs_program_view *v, double *resid,
                     ilrs_error *err)
{
    for (size_t mi = 0; mi < v->nmissions; mi++)
        for (int d = 0; d < ILRS_NBUDGET; d++)
            resid[mi * ILRS_NBUDGET + d] = v->missions[mi].cap[d];
    for (size_t pi = 0; pi < v->npayloads; pi++) {
        const ilrs_payload_need *q = &v->payloads[pi];
        if (!q->active || !q->fixed)
            continue;
        for (int d = 0; d < ILRS_NBUDGET; d++)
            resid[q->assigned * ILRS_NBUDGET + d] -= q->need[d];
    }
    for (size_t mi = 0; mi < v->nmissions; mi++)
        for (int d = 0; d < ILRS_NBUDGET; d++) {
            double cap = v->missions[mi].cap[d];
            if (resid[mi * ILRS_NBUDGET + d] < -1e-9 * fabs(cap))
                return ilrs_error_set(
                    err, ILRS_ERANGE,
                    "infeasible: the accepted and flown payloads of mission "
                    "%s alone need %.15g %s of %s; it offers %.15g",
                    v->missions[mi].id, cap - resid[mi * ILRS_NBUDGET + d],
                    ilrs_budget_unit(d), ilrs_budget_name(d), cap);
        }
    return ILRS_OK;
}

static int build(glp_prob *lp, const ilrs_program_view *v, lp_map *mp)
{
    size_t nm = v->nmissions, np = v->npayloads, cap = 1024, nnz = 0;
    int *ia = malloc((cap + 1) * sizeof *ia), *ja = malloc((cap + 1) * sizeof *ja);
    double *ar = malloc((cap + 1) * sizeof *ar);
    size_t ncap = 1024;
    mp->col_p = malloc((ncap + 1) * sizeof *mp->col_p);
    mp->col_m = malloc((ncap + 1) * sizeof *mp->col_m);
    if (!ia || !ja || !ar || !mp->col_p || !mp->col_m)
        goto oom;
    glp_set_obj_dir(lp, GLP_MAX);
    /* Budget rows first. */
    int nrow = 0;
    for (size_t mi = 0; mi < nm; mi++)
        for (int d = 0; d < ILRS_NBUDGET; d++)
            mp->row_of[mi * ILRS_NBUDGET + d] =
                isfinite(v->missions[mi].cap[d]) ? ++nrow : 0;
    int prow0 = nrow;
    if (nrow)
        glp_add_rows(lp, nrow);
    for (size_t mi = 0; mi < nm; mi++)
        for (int d = 0; d < ILRS_NBUDGET; d++) {
            int r = mp->row_of[mi * ILRS_NBUDGET + d];
            if (r)
                glp_set_row_bnds(lp, r, GLP_UP, 0.0,
                                 fmax(0.0, mp->resid[mi * ILRS_NBUDGET + d]));
        }
    for (size_t pi = 0; pi < np; pi++) {
        const ilrs_payload_need *q = &v->payloads[pi];
        if (!q->active || q->fixed)
            continue;
        int prow = 0;
        for (size_t mi = 0; mi < nm; mi++) {
            if (!ilrs_alloc_compatible(v, pi, mi, NULL, 0))
                continue;
            if (!prow) {
                prow = glp_add_rows(lp, 1);
                glp_set_row_bnds(lp, prow, GLP_UP, 0.0, 1.0);
            }
            if ((size_t)mp->ncol + 1 >= ncap) {
                ncap *= 2;
                int *a = realloc(mp->col_p, (ncap + 1) * sizeof *a);
                if (a)
                    mp->col_p = a;
                int *b = realloc(mp->col_m, (ncap + 1) * sizeof *b);
                if (b)
                    mp->col_m = b;
                if (!a || !b)
                    goto oom;
            }
            int c = ++mp->ncol;
            mp->col_p[c] = (int)pi;
            mp->col_m[c] = (int)mi;
            if (nnz + ILRS_NBUDGET + 2 >= cap) {
                cap *= 2;
                int *a = realloc(ia, (cap + 1) * sizeof *a);
                if (a)
                    ia = a;
                int *b = realloc(ja, (cap + 1) * sizeof *b);
                if (b)
                    ja = b;
                double *e = realloc(ar, (cap + 1) * sizeof *e);
                if (e)
                    ar = e;
                if (!a || !b || !e)
                    goto oom;
            }
            ++nnz, ia[nnz] = prow, ja[nnz] = c, ar[nnz] = 1.0;
            for (int d = 0; d < ILRS_NBUDGET; d++) {
                int r = mp->row_of[mi * ILRS_NBUDGET + d];
                if (r && q->need[d] > 0)
                    ++nnz, ia[nnz] = r, ja[nnz] = c, ar[nnz] = q->need[d];
            }
        }
    }
    (void)prow0;
    if (mp->ncol) {
        glp_add_cols(lp, mp->ncol);
        for (int c = 1; c <= mp->ncol; c++) {
            glp_set_col_kind(lp, c, GLP_BV);
            glp_set_obj_coef(lp, c, v->payloads[mp->col_p[c]].value);
        }
        glp_load_matrix(lp, (int)nnz, ia, ja, ar);
    }
    free(ia);
    free(ja);
    free(ar);
    return ILRS_OK;
oom:
    free(ia);
    free(ja);
    free(ar);
    return ILRS_ENOMEM;
}

static void plan_use(const ilrs_program_view *v, ilrs_alloc_plan *plan)
{
    memset(plan->used, 0, v->nmissions * ILRS_NBUDGET * sizeof *plan->used);
    plan->objective = 0.0;
    for (size_t pi = 0; pi < v->npayloads; pi++) {
        int mi = plan->mission[pi];
        if (mi < 0)
            continue;
        for (int d = 0; d < ILRS_NBUDGET; d++)
            plan->used[mi * ILRS_NBUDGET + d] += v->payloads[pi].need[d];
        plan->objective += v->payloads[pi].value;
    }
}

static int solve(glp_prob *lp, const ilrs_program_view *v,
                 const ilrs_alloc_options *o, const lp_map *mp,
                 ilrs_alloc_plan *plan, ilrs_error *err)
{
    glp_iocp parm;
    cb_ctx cb = {0.0, 0};
    glp_init_iocp(&parm);
    parm.msg_lev = GLP_MSG_OFF;
    parm.presolve = GLP_ON;
    parm.cb_func = on_event;
    parm.cb_info = &cb;
    if (o && o->time_limit_s > 0)
        parm.tm_lim = o->time_limit_s * 1000.0 > 2e9
                          ? 2000000000
                          : (int)(o->time_limit_s * 1000.0);
    if (o && o->mip_gap > 0)
        parm.mip_gap = o->mip_gap;
    int rc = glp_intopt(lp, &parm);
    int ms = glp_mip_status(lp);
    if (ms != GLP_OPT && ms != GLP_FEAS)
        return ilrs_error_set(err, ILRS_ENOCONV,
                              "GLPK found no plan (glp_intopt %d, status %d)"
                              "%s", rc, ms,
                              rc == GLP_ETMLIM ? ": time limit reached" : "");
    for (int c = 1; c <= mp->ncol; c++)
        if (glp_mip_col_val(lp, c) > 0.5)
            plan->mission[mp->col_p[c]] = mp->col_m[c];
    plan_use(v, plan);
    plan->optimal = ms == GLP_OPT && rc == 0;
    plan->bound = plan->objective;
    double fixed = 0.0;
    for (size_t pi = 0; pi < v->npayloads; pi++)
        if (v->payloads[pi].active && v->payloads[pi].fixed)
            fixed += v->payloads[pi].value;
    if (!plan->optimal && cb.have && cb.bound + fixed > plan->objective)
        plan->bound = cb.bound + fixed;
    return plan->optimal && (!o || o->mip_gap <= 0) ? ILRS_OK
           : plan->optimal                           ? ILRS_OK
                                                     : ILRS_WDUBIOUS;
}

int ilrs_alloc_solve(const ilrs_program_view *v, const ilrs_alloc_options *o,
                     ilrs_alloc_plan *plan, ilrs_error *err)
{
    memset(plan, 0, sizeof *plan);
    size_t nm = v->nmissions, np = v->npayloads;
    plan->mission = malloc((np + 1) * sizeof *plan->mission);
    plan->used = calloc(nm * ILRS_NBUDGET + 1, sizeof *plan->used);
    lp_map mp = {NULL, NULL, 0, calloc(nm * ILRS_NBUDGET + 1, sizeof(int)),
                 malloc((nm * ILRS_NBUDGET + 1) * sizeof(double))};
    plan->npayloads = np;
    plan->nmissions = nm;
    int st = ILRS_OK;
    if (!plan->mission || !plan->used || !mp.row_of || !mp.resid) {
        st = ilrs_error_set(err, ILRS_ENOMEM, "out of memory");
        goto done;
    }
    for (size_t pi = 0; pi < np; pi++)
        plan->mission[pi] = v->payloads[pi].active && v->payloads[pi].fixed
                                ? v->payloads[pi].assigned
                                : -1;
    if ((st = fixed_use(v, mp.resid, err)) != ILRS_OK)
        goto done;
    glp_prob *lp = glp_create_prob();
    st = build(lp, v, &mp);
    if (st)
        ilrs_error_set(err, st, "out of memory");
    else if (mp.ncol == 0) {
        plan_use(v, plan);
        plan->optimal = 1;
        plan->bound = plan->objective;
    } else {
        plan->nvars = (size_t)mp.ncol;
        st = solve(lp, v, o, &mp, plan, err);
    }
    glp_delete_prob(lp);
done:
    free(mp.col_p);
    free(mp.col_m);
    free(mp.row_of);
    free(mp.resid);
    if (st < 0)
        ilrs_alloc_plan_free(plan);
    return st;
}

void ilrs_alloc_plan_free(ilrs_alloc_plan *plan)
{
    if (!plan)
        return;
    free(plan->mission);
    free(plan->used);
    memset(plan, 0, sizeof *plan);
}

/* Append "; text" (or "text" first) to why; 0 while there is room. */
static int add(char *why, size_t size, size_t *off, size_t *shown,
               const char *text)
{
    if (*off >= size)
        return -1;
    if (++*shown > 4) {
        snprintf(why + *off, size - *off, "; ...");
        *off = size;
        return -1;
    }
    *off += (size_t)snprintf(why + *off, size - *off, "%s %s",
                             *shown > 1 ? " |" : "", text);
    return 0;
}

void ilrs_alloc_reason(const ilrs_program_view *v, const ilrs_alloc_plan *plan,
                       size_t pi, char *why, size_t size)
{
    const ilrs_payload_need *q = &v->payloads[pi];
    char one[400];
    size_t off = 0, ncompat = 0, shown = 0, nclosed = 0;
    why[0] = '\0';
    if (!q->active) {
        snprintf(why, size, "not a candidate (rejected or withdrawn)");
        return;
    }
    if (v->nmissions == 0) {
        snprintf(why, size, "there are no missions");
        return;
    }
    for (size_t mi = 0; mi < v->nmissions; mi++)
        ncompat += ilrs_alloc_compatible(v, pi, mi, NULL, 0);
    off = (size_t)snprintf(why, size, ncompat ? "budgets left by the plan:"
                                              : "no mission fits its needs:");
    for (size_t mi = 0; mi < v->nmissions; mi++) {
        const double *used = plan->used + mi * ILRS_NBUDGET;
        const ilrs_mission_offer *m = &v->missions[mi];
        if (!m->open || !m->has_budget) {
            nclosed++;
            continue;
        }
        if (!ncompat) {
            ilrs_alloc_compatible(v, pi, mi, one, sizeof one);
        } else if (ilrs_alloc_compatible(v, pi, mi, NULL, 0)) {
            int d = 0;
            while (d < ILRS_NBUDGET &&
                   used[d] + q->need[d] <= m->cap[d] * (1 + 1e-12))
                d++;
            if (d == ILRS_NBUDGET)
                snprintf(one, sizeof one, "%s has room, but the plan with it "
                         "is no better (value %.15g)", m->id, q->value);
            else
                snprintf(one, sizeof one, "%s %s %.15g %s > %.15g %s left of "
                         "%.15g", m->id, ilrs_budget_name(d), q->need[d],
                         ilrs_budget_unit(d), m->cap[d] - used[d],
                         ilrs_budget_unit(d), m->cap[d]);
        } else {
            continue;
        }
        if (add(why, size, &off, &shown, one))
            return;
    }
    if (!ncompat && nclosed && off < size)
        snprintf(why + off, size - off, "%s%zu other mission%s closed or "
                 "without a payload budget", shown ? " | " : " ", nclosed,
                 nclosed == 1 ? "" : "s");
}
