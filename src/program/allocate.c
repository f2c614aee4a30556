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
    int *cand_p, *cand_m;   /* every compatible pair (payload, mission),
                               grouped by payload */
    int ncand;
    char *in_lp;            /* [ncand]: already a column */
    int *col_p, *col_m;     /* per LP column (1-based): payload, mission */
    int ncol, capcol;
    int *row_of;            /* [nm * NBUDGET]: row of a budget, or 0 */
    int *prow;              /* [np]: the payload's "at most once" row, or 0 */
    double *resid;          /* [nm * NBUDGET]: budget left after fixed */
} lp_map;

/* Problems with more compatible pairs than this are priced in by column
   generation instead of loaded whole (GLPK's simplex slows badly past a
   few 10^4 columns). */
#define COLGEN_MIN 40000

/* What the branch-and-cut callback needs: the bound proved so far, and
   work space for the rounding heuristic. */
typedef struct {
    double bound;
    int have;
    int nheur;              /* heuristic calls so far */
    double t0, limit_s;     /* glp_time() at the start; time limit (s),
                               <= 0: none */
    const ilrs_program_view *v;
    const lp_map *mp;
    double *x;              /* [ncol + 1] candidate 0-1 solution */
    double *left;           /* [nm * NBUDGET] budget left while rounding */
    char *taken;            /* [np] payload already placed */
    struct order { double x, value; int col; } *ord; /* [ncol] */
} cb_ctx;

static int by_lp_value(const void *a, const void *b)
{
    const struct order *p = a, *q = b;
    if (p->x != q->x)
        return p->x > q->x ? -1 : 1;
    if (p->value != q->value)
        return p->value > q->value ? -1 : 1;
    return p->col - q->col;
}

/* Round the node's LP solution: take pairs by LP value (then by proposal
   value) while every budget holds; offer the result to GLPK. */
static void round_lp(glp_tree *t, cb_ctx *c)
{
    const lp_map *mp = c->mp;
    const ilrs_program_view *v = c->v;
    glp_prob *lp = glp_ios_get_prob(t);
    for (int k = 1; k <= mp->ncol; k++) {
        c->ord[k - 1].x = glp_get_col_prim(lp, k);
        c->ord[k - 1].value = v->payloads[mp->col_p[k]].value;
        c->ord[k - 1].col = k;
        c->x[k] = 0.0;
    }
    qsort(c->ord, (size_t)mp->ncol, sizeof *c->ord, by_lp_value);
    memcpy(c->left, mp->resid,
           v->nmissions * ILRS_NBUDGET * sizeof *c->left);
    memset(c->taken, 0, v->npayloads);
    for (int k = 0; k < mp->ncol; k++) {
        int col = c->ord[k].col, pi = mp->col_p[col], mi = mp->col_m[col];
        const double *need = v->payloads[pi].need;
        double *left = c->left + mi * ILRS_NBUDGET;
        int d = 0;
        if (c->taken[pi] || c->ord[k].value <= 0)
            continue;
        while (d < ILRS_NBUDGET && need[d] <= left[d])
            d++;
        if (d < ILRS_NBUDGET)
            continue;
        for (d = 0; d < ILRS_NBUDGET; d++)
            left[d] -= need[d];
        c->taken[pi] = 1;
        c->x[col] = 1.0;
    }
    glp_ios_heur_sol(t, c->x);
}

static void on_event(glp_tree *t, void *info)
{
    cb_ctx *c = info;
    /* GLPK checks its own limit only between nodes; stop at the limit
       wherever the search is (the best plan so far is kept). */
    if (c->limit_s > 0 && glp_difftime(glp_time(), c->t0) > c->limit_s)
        glp_ios_terminate(t);
    if (glp_ios_reason(t) == GLP_IHEUR && c->nheur < 50) {
        c->nheur++;
        round_lp(t, c);
    }
    int best = glp_ios_best_node(t);
    if (best) {
        double b = glp_ios_node_bound(t, best);
        if (!c->have || b < c->bound)
            c->bound = b;
        c->have = 1;
    }
}

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

/* Grow an int array to hold n + 1 entries. */
static int grow_int(int **a, int *cap, int n)
{
    if (n + 1 < *cap)
        return 0;
    int nc = *cap ? 2 * *cap : 1024;
    while (nc <= n + 1)
        nc *= 2;
    int *b = realloc(*a, (size_t)nc * sizeof *b);
    if (!b)
        return -1;
    *a = b;
    *cap = nc;
    return 0;
}

/* Rows of the problem, and the list of compatible pairs (no columns). */
static int build(glp_prob *lp, const ilrs_program_view *v, lp_map *mp)
{
    size_t nm = v->nmissions, np = v->npayloads;
    int ccap = 0, ccap2 = 0;
    glp_set_obj_dir(lp, GLP_MAX);
    int nrow = 0;
    for (size_t mi = 0; mi < nm; mi++)
        for (int d = 0; d < ILRS_NBUDGET; d++)
            mp->row_of[mi * ILRS_NBUDGET + d] =
                isfinite(v->missions[mi].cap[d]) ? ++nrow : 0;
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
        for (size_t mi = 0; mi < nm; mi++) {
            if (!ilrs_alloc_compatible(v, pi, mi, NULL, 0))
                continue;
            if (!mp->prow[pi]) {
                mp->prow[pi] = glp_add_rows(lp, 1);
                glp_set_row_bnds(lp, mp->prow[pi], GLP_UP, 0.0, 1.0);
            }
            if (grow_int(&mp->cand_p, &ccap, mp->ncand) ||
                grow_int(&mp->cand_m, &ccap2, mp->ncand))
                return ILRS_ENOMEM;
            mp->cand_p[mp->ncand] = (int)pi;
            mp->cand_m[mp->ncand++] = (int)mi;
        }
    }
    mp->in_lp = calloc((size_t)mp->ncand + 1, 1);
    return mp->in_lp ? ILRS_OK : ILRS_ENOMEM;
}

/* Make candidates list[0..n) columns of the LP (continuous 0..1). */
static int add_columns(glp_prob *lp, const ilrs_program_view *v, lp_map *mp,
                       const int *list, int n)
{
    int cap2 = mp->capcol;
    if (n <= 0)
        return ILRS_OK;
    if (grow_int(&mp->col_p, &mp->capcol, mp->ncol + n) ||
        grow_int(&mp->col_m, &cap2, mp->ncol + n))
        return ILRS_ENOMEM;
    int first = glp_add_cols(lp, n);
    for (int k = 0; k < n; k++) {
        int c = first + k, pi = mp->cand_p[list[k]], mi = mp->cand_m[list[k]];
        int ind[ILRS_NBUDGET + 2], len = 0;
        double val[ILRS_NBUDGET + 2];
        ind[++len] = mp->prow[pi];
        val[len] = 1.0;
        for (int d = 0; d < ILRS_NBUDGET; d++) {
            int r = mp->row_of[mi * ILRS_NBUDGET + d];
            if (r && v->payloads[pi].need[d] > 0)
                ind[++len] = r, val[len] = v->payloads[pi].need[d];
        }
        glp_set_mat_col(lp, c, len, ind, val);
        glp_set_col_bnds(lp, c, GLP_DB, 0.0, 1.0);
        glp_set_obj_coef(lp, c, v->payloads[pi].value);
        mp->col_p[c] = pi;
        mp->col_m[c] = mi;
        mp->in_lp[list[k]] = 1;
    }
    mp->ncol += n;
    return ILRS_OK;
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

typedef struct {
    double key;
    int pi, first, n; /* payload, its first column, number of columns */
} gitem;

static int by_key(const void *a, const void *b)
{
    const gitem *p = a, *q = b;
    return p->key != q->key ? (p->key > q->key ? -1 : 1) : p->pi - q->pi;
}

/* A plan without the LP: proposals by value per share of the budgets they
   use, each to the compatible mission where it fits with most room left.
   Used when the LP relaxation does not finish in the time limit. */
static int greedy(const ilrs_program_view *v, const lp_map *mp,
                  ilrs_alloc_plan *plan)
{
    size_t nm = v->nmissions;
    gitem *it = malloc(((size_t)mp->ncand + 1) * sizeof *it);
    double *left = malloc((nm * ILRS_NBUDGET + 1) * sizeof *left);
    double mean[ILRS_NBUDGET] = {0};
    size_t n = 0;
    if (!it || !left) {
        free(it);
        free(left);
        return ILRS_ENOMEM;
    }
    memcpy(left, mp->resid, nm * ILRS_NBUDGET * sizeof *left);
    for (size_t mi = 0; mi < nm; mi++)
        for (int d = 0; d < ILRS_NBUDGET; d++)
            mean[d] += isfinite(left[mi * ILRS_NBUDGET + d])
                           ? fmax(left[mi * ILRS_NBUDGET + d], 1e-9) / (double)nm
                           : 0.0;
    for (int c = 0; c < mp->ncand; c++) {
        if (n && it[n - 1].pi == mp->cand_p[c]) {
            it[n - 1].n++;
            continue;
        }
        const ilrs_payload_need *q = &v->payloads[mp->cand_p[c]];
        double share = 1e-12;
        for (int d = 0; d < ILRS_NBUDGET; d++)
            share += mean[d] > 0 ? q->need[d] / mean[d] : 0.0;
        it[n++] = (gitem){q->value / share, mp->cand_p[c], c, 1};
    }
    qsort(it, n, sizeof *it, by_key);
    for (size_t k = 0; k < n; k++) {
        const double *need = v->payloads[it[k].pi].need;
        int best = -1;
        double room = -1;
        for (int c = it[k].first; c < it[k].first + it[k].n; c++) {
            const double *l = left + mp->cand_m[c] * ILRS_NBUDGET;
            double r = INFINITY;
            for (int d = 0; d < ILRS_NBUDGET; d++)
                r = fmin(r, isfinite(l[d]) ? (l[d] - need[d]) /
                                                 fmax(mean[d], 1e-9)
                                           : INFINITY);
            if (r >= 0 && r > room)
                room = r, best = mp->cand_m[c];
        }
        if (best < 0 || v->payloads[it[k].pi].value <= 0)
            continue;
        plan->mission[it[k].pi] = best;
        for (int d = 0; d < ILRS_NBUDGET; d++)
            left[best * ILRS_NBUDGET + d] -= need[d];
    }
    plan_use(v, plan);
    /* A bound without the LP: every proposal that fits somewhere. */
    plan->bound = plan->objective;
    for (size_t k = 0; k < n; k++)
        if (plan->mission[it[k].pi] < 0)
            plan->bound += fmax(0.0, v->payloads[it[k].pi].value);
    free(it);
    free(left);
    return ILRS_WDUBIOUS;
}

static int cb_alloc(cb_ctx *cb, const ilrs_program_view *v,
                    const lp_map *mp)
{
    memset(cb, 0, sizeof *cb);
    cb->v = v;
    cb->mp = mp;
    cb->x = malloc(((size_t)mp->ncol + 1) * sizeof *cb->x);
    cb->left = malloc((v->nmissions * ILRS_NBUDGET + 1) * sizeof *cb->left);
    cb->taken = malloc(v->npayloads + 1);
    cb->ord = malloc(((size_t)mp->ncol + 1) * sizeof *cb->ord);
    return cb->x && cb->left && cb->taken && cb->ord ? ILRS_OK : ILRS_ENOMEM;
}

static void cb_free(cb_ctx *cb)
{
    free(cb->x);
    free(cb->left);
    free(cb->taken);
    free(cb->ord);
}

/* Time left of the limit (ms), at least 1; INT_MAX-ish when none. */
static int ms_left(const ilrs_alloc_options *o, double spent_ms)
{
    if (!o || o->time_limit_s <= 0)
        return 2000000000;
    double left = o->time_limit_s * 1000.0 - spent_ms;
    return left > 2e9 ? 2000000000 : left < 1 ? 1 : (int)left;
}

/* Add to a plan every left-out proposal that still fits one of its
   compatible missions (by value, highest first): GLPK's plan covers only
   the columns it was given, and a time-limited one may leave room. */
static void fill(const ilrs_program_view *v, const lp_map *mp,
                 ilrs_alloc_plan *plan)
{
    plan_use(v, plan);
    struct order *ord = malloc(((size_t)mp->ncand + 1) * sizeof *ord);
    if (!ord)
        return; /* the plan stays as GLPK gave it */
    for (int k = 0; k < mp->ncand; k++) {
        ord[k].x = v->payloads[mp->cand_p[k]].value;
        ord[k].value = 0;
        ord[k].col = k;
    }
    qsort(ord, (size_t)mp->ncand, sizeof *ord, by_lp_value);
    for (int j = 0; j < mp->ncand; j++) {
        int k = ord[j].col, pi = mp->cand_p[k], mi = mp->cand_m[k], d = 0;
        const ilrs_payload_need *q = &v->payloads[pi];
        double *used = plan->used + mi * ILRS_NBUDGET;
        if (plan->mission[pi] >= 0 || q->value <= 0)
            continue;
        while (d < ILRS_NBUDGET &&
               used[d] + q->need[d] <= v->missions[mi].cap[d])
            d++;
        if (d < ILRS_NBUDGET)
            continue;
        plan->mission[pi] = mi;
        for (d = 0; d < ILRS_NBUDGET; d++)
            used[d] += q->need[d];
        plan->objective += q->value;
    }
    free(ord);
}

/* Greedy plan when the LP does not finish in time. */
static int fallback(const ilrs_program_view *v, const lp_map *mp,
                    ilrs_alloc_plan *plan, ilrs_error *err)
{
    int rc = greedy(v, mp, plan);
    if (rc < 0)
        return ilrs_error_set(err, rc, "out of memory");
    return ilrs_error_set(err, ILRS_WDUBIOUS, "the LP relaxation did not "
                          "finish in the time limit: greedy plan, not "
                          "proven optimal");
}

/* Price the candidates not yet in the LP with the row duals; add those
   with positive reduced cost (at most `most`, best first). Returns the
   number added, or a negative status. */
static int price(glp_prob *lp, const ilrs_program_view *v, lp_map *mp,
                 int most, int *list, struct order *ord)
{
    int n = 0;
    for (int k = 0; k < mp->ncand; k++) {
        if (mp->in_lp[k])
            continue;
        int pi = mp->cand_p[k], mi = mp->cand_m[k];
        double rc = v->payloads[pi].value -
                    glp_get_row_dual(lp, mp->prow[pi]);
        for (int d = 0; d < ILRS_NBUDGET; d++) {
            int r = mp->row_of[mi * ILRS_NBUDGET + d];
            if (r)
                rc -= v->payloads[pi].need[d] * glp_get_row_dual(lp, r);
        }
        if (rc > 1e-9 * fmax(1.0, v->payloads[pi].value))
            ord[n].x = rc, ord[n].value = 0, ord[n++].col = k;
    }
    if (n > most) {
        qsort(ord, (size_t)n, sizeof *ord, by_lp_value);
        n = most;
    }
    for (int k = 0; k < n; k++)
        list[k] = ord[k].col;
    return add_columns(lp, v, mp, list, n) ? ILRS_ENOMEM : n;
}

/* Column generation stops pricing once it has used this share of the
   time limit, and a pricing round's simplex may run to 1.2 times it (else
   the round is undone), so that branch-and-cut gets the rest: an LP over
   the columns priced so far is worth more than a relaxation over all
   pairs that leaves no time for a plan. */
#define COLGEN_SHARE 0.5

/* Columns a pricing round adds at most (the best by reduced cost): GLPK
   re-solves slowly after many new columns, and needs more rounds after
   few. On the 10 000 x 100 benchmark, rounds of 10 000 left a plan 10 %
   below the Lagrangian bound in the minute, rounds of 2 000 and 4 000
   5 %. */
#define COLGEN_ROUND 4000

/* The basis of the LP before a pricing round, to go back to when the
   round's simplex runs out of time. */
typedef struct {
    int *rstat, *cstat, ncol, nadded;
} basis_save;

static int basis_keep(glp_prob *lp, basis_save *b)
{
    int nr = glp_get_num_rows(lp), nc = glp_get_num_cols(lp);
    free(b->rstat);
    free(b->cstat);
    b->rstat = malloc(((size_t)nr + 1) * sizeof *b->rstat);
    b->cstat = malloc(((size_t)nc + 1) * sizeof *b->cstat);
    if (!b->rstat || !b->cstat)
        return ILRS_ENOMEM;
    for (int r = 1; r <= nr; r++)
        b->rstat[r] = glp_get_row_stat(lp, r);
    for (int c = 1; c <= nc; c++)
        b->cstat[c] = glp_get_col_stat(lp, c);
    b->ncol = nc;
    return ILRS_OK;
}

/* Drop the columns of the last round (candidates list[0 .. nadded-1]) and
   restore the basis that was optimal before it. */
static void basis_back(glp_prob *lp, lp_map *mp, const int *list,
                       const basis_save *b)
{
    int n = b->nadded, *idx = malloc(((size_t)n + 1) * sizeof *idx);
    if (!idx)
        return;
    for (int k = 0; k < n; k++) {
        idx[k + 1] = b->ncol + 1 + k;
        mp->in_lp[list[k]] = 0;
    }
    glp_del_cols(lp, n, idx);
    free(idx);
    mp->ncol -= n;
    for (int r = 1; r <= glp_get_num_rows(lp); r++)
        glp_set_row_stat(lp, r, b->rstat[r]);
    for (int c = 1; c <= b->ncol; c++)
        glp_set_col_stat(lp, c, b->cstat[c]);
}

/* The LP relaxation over every compatible pair: loaded whole when small,
   else by column generation from a few columns per proposal, pricing
   until no column improves it or COLGEN_SHARE of the time limit is
   spent. On return the LP is optimal over its columns, and *full says
   whether it is optimal over all pairs (its value is then a bound for
   the whole problem). */
static int relax(glp_prob *lp, const ilrs_program_view *v, lp_map *mp,
                 const ilrs_alloc_options *o, double t0, int *full)
{
    int big = mp->ncand > COLGEN_MIN, n = 0;
    int *list = malloc(((size_t)mp->ncand + 1) * sizeof *list);
    struct order *ord = malloc(((size_t)mp->ncand + 1) * sizeof *ord);
    basis_save keep = {NULL, NULL, 0, 0};
    if (!list || !ord) {
        free(list);
        free(ord);
        return ILRS_ENOMEM;
    }
    /* Start: every pair (small), or each proposal's first two pairs. */
    for (int k = 0; k < mp->ncand; k++)
        if (!big || k < 2 || mp->cand_p[k - 2] != mp->cand_p[k])
            list[n++] = k;
    int st = add_columns(lp, v, mp, list, n) ? ILRS_ENOMEM : ILRS_OK;
    glp_smcp sm;
    glp_init_smcp(&sm);
    sm.msg_lev = GLP_MSG_OFF;
    sm.presolve = GLP_OFF;
    *full = 0;
    double share = o && o->time_limit_s > 0
                       ? COLGEN_SHARE * o->time_limit_s * 1000.0
                       : INFINITY;
    while (!st) {
        double spent = glp_difftime(glp_time(), t0) * 1000.0;
        sm.tm_lim = ms_left(o, spent);
        if (keep.nadded && isfinite(share))  /* a round: until 1.2 x share */
            sm.tm_lim = (int)fmax(1.0, fmin(sm.tm_lim, 1.2 * share - spent));
        int rc = glp_simplex(lp, &sm);
        if ((rc == GLP_ETMLIM || rc == GLP_EITLIM) && keep.nadded) {
            /* the last round did not finish: back to the LP before it */
            basis_back(lp, mp, list, &keep);
            sm.tm_lim = ms_left(o, 0.0);
            rc = glp_simplex(lp, &sm);
            if (rc == 0 && glp_get_status(lp) == GLP_OPT)
                break;
        }
        if (rc == GLP_ETMLIM || rc == GLP_EITLIM) {
            st = ILRS_ENOCONV;
            break;
        }
        if (rc != 0 || glp_get_status(lp) != GLP_OPT) {
            st = ILRS_EFORMAT;
            break;
        }
        if (!big)
            *full = 1;
        if (!big || glp_difftime(glp_time(), t0) * 1000.0 > share)
            break;
        if (basis_keep(lp, &keep)) {
            st = ILRS_ENOMEM;
            break;
        }
        int added = price(lp, v, mp, COLGEN_ROUND, list, ord);
        keep.nadded = added > 0 ? added : 0;
        if (added < 0)
            st = added;
        else if (added == 0)
            *full = 1;
        if (added <= 0)
            break;
    }
    free(keep.rstat);
    free(keep.cstat);
    free(list);
    free(ord);
    return st;
}

/* The Lagrangian dual at lambda (>= 0, one per budget row; 0 where a
   budget has no row): every proposal free to take its best pair,
   L = sum lambda * budget + sum over proposals of
   max(0, max over its pairs of value - lambda . need) >= the optimum over
   all pairs. g returns a subgradient: what those choices use minus each
   budget. */
static double lagrange_at(const ilrs_program_view *v, const lp_map *mp,
                          const double *lam, const double *cap, double *g)
{
    size_t nb = v->nmissions * ILRS_NBUDGET;
    double l = 0.0;
    for (size_t k = 0; k < nb; k++) {
        l += mp->row_of[k] ? lam[k] * cap[k] : 0.0;
        g[k] = mp->row_of[k] ? -cap[k] : 0.0;
    }
    for (int k = 0; k < mp->ncand;) {
        int pi = mp->cand_p[k], arg = -1;
        double best = 0.0;
        for (; k < mp->ncand && mp->cand_p[k] == pi; k++) {
            const double *lm = lam + mp->cand_m[k] * ILRS_NBUDGET;
            double rc = v->payloads[pi].value;
            for (int d = 0; d < ILRS_NBUDGET; d++)
                rc -= lm[d] * v->payloads[pi].need[d];
            if (rc > best)
                best = rc, arg = mp->cand_m[k];
        }
        l += best;
        for (int d = 0; arg >= 0 && d < ILRS_NBUDGET; d++)
            if (mp->row_of[arg * ILRS_NBUDGET + d])
                g[arg * ILRS_NBUDGET + d] += v->payloads[pi].need[d];
    }
    return l;
}

/* An upper bound on the whole problem from an LP optimal over some of
   the pairs: the Lagrangian dual (lagrange_at) from its budget rows'
   duals, lowered by subgradient steps (Polyak's step towards target, a
   value no higher than the optimum: the LP over the columns so far). Any
   lambda >= 0 gives a valid bound; the lowest is kept. */
#define LAGRANGE_ITERS 300

static double lagrange_bound(glp_prob *lp, const ilrs_program_view *v,
                             const lp_map *mp, double target)
{
    size_t nb = v->nmissions * ILRS_NBUDGET;
    double *lam = calloc(3 * nb + 1, sizeof *lam), best = INFINITY;
    if (!lam)
        return INFINITY;
    double *cap = lam + nb, *g = cap + nb, theta = 1.0;
    for (size_t k = 0; k < nb; k++)
        if (mp->row_of[k]) {
            lam[k] = fmax(0.0, glp_get_row_dual(lp, mp->row_of[k]));
            cap[k] = glp_get_row_ub(lp, mp->row_of[k]);
        }
    for (int it = 0, stale = 0; it < LAGRANGE_ITERS; it++) {
        double l = lagrange_at(v, mp, lam, cap, g), norm2 = 0.0;
        if (l < best)
            best = l, stale = 0;
        else if (++stale == 10)
            theta *= 0.5, stale = 0;
        for (size_t k = 0; k < nb; k++)
            if (!(lam[k] <= 0.0 && g[k] < 0.0))
                norm2 += g[k] * g[k];
        if (norm2 <= 0.0 || !(l > target))
            break;  /* lambda optimal, or the bound meets the LP value */
        double step = theta * (l - target) / norm2;
        for (size_t k = 0; k < nb; k++)
            lam[k] = fmax(0.0, lam[k] + step * g[k]);
    }
    free(lam);
    return best;
}

/* The value of the payloads already fixed to a mission. */
static double fixed_value(const ilrs_program_view *v)
{
    double fixed = 0.0;
    for (size_t pi = 0; pi < v->npayloads; pi++)
        if (v->payloads[pi].active && v->payloads[pi].fixed)
            fixed += v->payloads[pi].value;
    return fixed;
}

static int solve(glp_prob *lp, const ilrs_program_view *v,
                 const ilrs_alloc_options *o, lp_map *mp,
                 ilrs_alloc_plan *plan, ilrs_error *err)
{
    /* GLPK prints some notes whatever msg_lev says: silence its terminal
       output for this call and restore it after. */
    int term = glp_term_out(GLP_OFF), full = 0;
    double t0 = glp_time();
    int st = relax(lp, v, mp, o, t0, &full);
    if (st) {
        glp_term_out(term);
        if (st == ILRS_ENOCONV)
            return fallback(v, mp, plan, err);
        return st == ILRS_ENOMEM
                   ? ilrs_error_set(err, st, "out of memory")
                   : ilrs_error_set(err, ILRS_ENOCONV, "GLPK could not solve "
                                    "the LP relaxation");
    }
    double lp_bound = glp_get_obj_val(lp);
    double lag = full ? lp_bound : lagrange_bound(lp, v, mp, lp_bound);
    for (int c = 1; c <= mp->ncol; c++)
        glp_set_col_kind(lp, c, GLP_BV);
    cb_ctx cb;
    if (cb_alloc(&cb, v, mp)) {
        glp_term_out(term);
        cb_free(&cb);
        return ilrs_error_set(err, ILRS_ENOMEM, "out of memory");
    }
    cb.t0 = t0;
    cb.limit_s = o ? o->time_limit_s : 0.0;
    glp_iocp parm;
    glp_init_iocp(&parm);
    parm.msg_lev = GLP_MSG_OFF;
    parm.presolve = GLP_OFF;
    parm.cov_cuts = GLP_ON;
    parm.cb_func = on_event;
    parm.cb_info = &cb;
    parm.tm_lim = ms_left(o, glp_difftime(glp_time(), t0) * 1000.0);
    if (o && o->mip_gap > 0)
        parm.mip_gap = o->mip_gap;
    int rc = glp_intopt(lp, &parm);
    glp_term_out(term);
    int ms = glp_mip_status(lp);
    if (ms != GLP_OPT && ms != GLP_FEAS) {
        cb_free(&cb);
        int fb = fallback(v, mp, plan, err);
        double fixed = fixed_value(v);  /* greedy plan, the LP's bound */
        if (fb >= 0 && isfinite(lag) && lag + fixed < plan->bound)
            plan->bound = fmax(plan->objective, lag + fixed);
        return fb;
    }
    for (int c = 1; c <= mp->ncol; c++)
        if (glp_mip_col_val(lp, c) > 0.5)
            plan->mission[mp->col_p[c]] = mp->col_m[c];
    fill(v, mp, plan);
    double fixed = fixed_value(v);
    /* Optimal: GLPK proved it over every pair (all were columns), or the
       plan reaches the LP bound over every pair. Bound: the best open
       node's (all pairs loaded), else the LP relaxation over all pairs. */
    int all = mp->ncol == mp->ncand;
    plan->optimal = (all && ms == GLP_OPT && rc == 0) ||
                    (full && plan->objective - fixed >=
                                 lp_bound - 1e-9 * fmax(1.0, lp_bound));
    plan->bound = plan->objective;
    if (!plan->optimal) {
        double b = all && cb.have ? cb.bound : lp_bound;
        if (!all && !full)
            b = lag;  /* pricing unfinished: the Lagrangian bound */
        if (b + fixed > plan->objective)
            plan->bound = b + fixed;
    }
    cb_free(&cb);
    return plan->optimal ? ILRS_OK : ILRS_WDUBIOUS;
}

int ilrs_alloc_solve(const ilrs_program_view *v, const ilrs_alloc_options *o,
                     ilrs_alloc_plan *plan, ilrs_error *err)
{
    memset(plan, 0, sizeof *plan);
    size_t nm = v->nmissions, np = v->npayloads;
    plan->mission = malloc((np + 1) * sizeof *plan->mission);
    plan->used = calloc(nm * ILRS_NBUDGET + 1, sizeof *plan->used);
    lp_map mp;
    memset(&mp, 0, sizeof mp);
    mp.row_of = calloc(nm * ILRS_NBUDGET + 1, sizeof *mp.row_of);
    mp.resid = malloc((nm * ILRS_NBUDGET + 1) * sizeof *mp.resid);
    mp.prow = calloc(np + 1, sizeof *mp.prow);
    plan->npayloads = np;
    plan->nmissions = nm;
    int st = ILRS_OK;
    glp_prob *lp = NULL;
    if (!plan->mission || !plan->used || !mp.row_of || !mp.resid || !mp.prow) {
        st = ilrs_error_set(err, ILRS_ENOMEM, "out of memory");
        goto done;
    }
    for (size_t pi = 0; pi < np; pi++)
        plan->mission[pi] = v->payloads[pi].active && v->payloads[pi].fixed
                                ? v->payloads[pi].assigned
                                : -1;
    if ((st = fixed_use(v, mp.resid, err)) != ILRS_OK)
        goto done;
    lp = glp_create_prob();
    st = build(lp, v, &mp);
    if (st)
        ilrs_error_set(err, st, "out of memory");
    else if (mp.ncand == 0) {
        plan_use(v, plan);
        plan->optimal = 1;
        plan->bound = plan->objective;
    } else {
        st = solve(lp, v, o, &mp, plan, err);
        plan->nvars = (size_t)mp.ncol;
    }
done:
    if (lp)
        glp_delete_prob(lp);
    free(mp.cand_p);
    free(mp.cand_m);
    free(mp.in_lp);
    free(mp.col_p);
    free(mp.col_m);
    free(mp.row_of);
    free(mp.prow);
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
