/* budget.c -- missions and payloads as numbers; compatibility of a payload
   with a mission; budget sums of the assigned payloads. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "program/program_int.h"

const char *ilrs_budget_name(int dim)
{
    static const char *const n[ILRS_NBUDGET] = {"mass", "power_avg",
                                                "power_peak", "data",
                                                "volume"};
    return dim >= 0 && dim < ILRS_NBUDGET ? n[dim] : "?";
}

const char *ilrs_budget_unit(int dim)
{
    static const char *const u[ILRS_NBUDGET] = {"kg", "W", "W", "MB/day",
                                                "L"};
    return dim >= 0 && dim < ILRS_NBUDGET ? u[dim] : "?";
}

static const char *str(const entity *e, const char *name)
{
    efield *f = ilrs__entity_get(e, name);
    return f && json_is_string(f->v) ? json_string_value(f->v) : NULL;
}

static int is(const char *s, const char *word)
{
    return s && strcmp(s, word) == 0;
}

static void mission_offer(const ilrs_program *p, const entity *e,
                          ilrs_mission_offer *m)
{
    memset(m, 0, sizeof *m);
    m->id = e->id;
    for (int d = 0; d < ILRS_NBUDGET; d++) {
        char name[40];
        snprintf(name, sizeof name, "budget.%s", ilrs_budget_name(d));
        efield *f = ilrs__entity_get(e, name);
        m->cap[d] = f ? json_real_value(f->v) : INFINITY;
    }
    const char *acc = str(e, "budget.accommodation");
    m->has_budget = acc != NULL;
    m->accommodation = is(acc, "surface") ? ILRS_ACC_SURFACE
                       : is(acc, "orbit") ? ILRS_ACC_ORBIT
                       : is(acc, "both")  ? ILRS_ACC_SURFACE | ILRS_ACC_ORBIT
                                          : 0;
    efield *night = ilrs__entity_get(e, "budget.night_survival");
    m->night_survival = night && json_is_true(night->v);
    const char *site = str(e, "landing_site");
    entity *ls = site ? ilrs__program_entity(p, site) : NULL;
    if (ls) {
        const char *il = str(ls, "illumination");
        m->region = str(ls, "region");
        m->illumination = is(il, "sunlit")     ? ILRS_ILLUM_SUNLIT
                          : is(il, "shadowed") ? ILRS_ILLUM_SHADOWED
                          : is(il, "mixed")    ? ILRS_ILLUM_MIXED
                                               : ILRS_ILLUM_ANY;
    }
    const char *st = str(e, "status");
    m->open = is(st, "proposed") || is(st, "approved") ||
              is(st, "in-development");
    efield *w = ilrs__entity_get(e, "launch");
    m->launch_tdb = w ? ilrs__window_start(w->v) : 0.0;
}

static double num(const entity *e, const char *name, double dflt)
{
    efield *f = ilrs__entity_get(e, name);
    return f ? json_real_value(f->v) : dflt;
}

/* Mission index of a mission id (via the entity's position), or -1. */
static int mission_index(const ilrs_program *p, const int *mi_of,
                         const char *id)
{
    entity *e = id ? ilrs__program_entity(p, id) : NULL;
    return e && e->kind == ILRS_PK_MISSION ? mi_of[e - p->e] : -1;
}

static void payload_need(const ilrs_program *p, const entity *e,
                         const int *mi_of, int **pref,
                         ilrs_payload_need *q)
{
    memset(q, 0, sizeof *q);
    q->id = e->id;
    for (int d = 0; d < ILRS_NBUDGET; d++)
        q->need[d] = num(e, ilrs_budget_name(d), 0.0);
    const char *needs = str(e, "needs");
    q->needs = is(needs, "surface") ? ILRS_ACC_SURFACE
               : is(needs, "orbit") ? ILRS_ACC_ORBIT
                                    : 0;
    q->region = str(e, "region");
    efield *night = ilrs__entity_get(e, "night_survival");
    q->night_survival = night && json_is_true(night->v);
    const char *il = str(e, "illumination");
    q->illumination = is(il, "sunlit")     ? ILRS_ILLUM_SUNLIT
                      : is(il, "shadowed") ? ILRS_ILLUM_SHADOWED
                                           : ILRS_ILLUM_ANY;
    efield *pf = ilrs__entity_get(e, "preferred");
    q->preferred = *pref;
    for (size_t k = 0; pf && k < json_array_size(pf->v); k++) {
        int mi = mission_index(p, mi_of,
                               json_string_value(json_array_get(pf->v, k)));
        if (mi >= 0)
            (*pref)[q->npreferred++] = mi;
    }
    *pref += q->npreferred;
    q->value = num(e, "priority", 1.0) * num(e, "score", 1.0);
    q->assigned = mission_index(p, mi_of, str(e, "assigned"));
    const char *st = str(e, "status");
    q->fixed = (is(st, "accepted") || is(st, "flown")) && q->assigned >= 0;
    q->active = !is(st, "rejected") && !is(st, "withdrawn");
}

int ilrs_program_view_make(const ilrs_program *p, ilrs_program_view *v,
                           ilrs_error *err)
{
    memset(v, 0, sizeof *v);
    size_t nm = ilrs_program_count(p, ILRS_PK_MISSION);
    size_t np = ilrs_program_count(p, ILRS_PK_PAYLOAD), npref = 0;
    for (size_t i = 0; i < p->n; i++) {
        efield *f = p->e[i].kind == ILRS_PK_PAYLOAD
                        ? ilrs__entity_get(&p->e[i], "preferred")
                        : NULL;
        npref += f ? json_array_size(f->v) : 0;
    }
    int *mi_of = malloc((p->n + 1) * sizeof *mi_of);
    v->missions = calloc(nm + 1, sizeof *v->missions);
    v->payloads = calloc(np + 1, sizeof *v->payloads);
    v->pref_store = malloc((npref + 1) * sizeof *v->pref_store);
    if (!mi_of || !v->missions || !v->payloads || !v->pref_store) {
        free(mi_of);
        ilrs_program_view_free(v);
        return ilrs_error_set(err, ILRS_ENOMEM, "out of memory");
    }
    for (size_t i = 0; i < p->n; i++) {
        mi_of[i] = -1;
        if (p->e[i].kind == ILRS_PK_MISSION) {
            mi_of[i] = (int)v->nmissions;
            mission_offer(p, &p->e[i], &v->missions[v->nmissions++]);
        }
    }
    int *pref = v->pref_store;
    for (size_t i = 0; i < p->n; i++)
        if (p->e[i].kind == ILRS_PK_PAYLOAD)
            payload_need(p, &p->e[i], mi_of, &pref,
                         &v->payloads[v->npayloads++]);
    free(mi_of);
    return ILRS_OK;
}

void ilrs_program_view_free(ilrs_program_view *v)
{
    if (!v)
        return;
    free(v->missions);
    free(v->payloads);
    free(v->pref_store);
    memset(v, 0, sizeof *v);
}

/* Needs only (budgets aside unless with_budget). */
static int compat(const ilrs_program_view *v, size_t pi, size_t mi,
                  int with_budget, char *why, size_t size)
{
    const ilrs_payload_need *q = &v->payloads[pi];
    const ilrs_mission_offer *m = &v->missions[mi];
    char tmp[8];
    if (!why)
        why = tmp, size = sizeof tmp;
    if (!m->has_budget) {
        snprintf(why, size, "%s offers no payload budget", m->id);
        return 0;
    }
    if (!m->open && !(q->fixed && q->assigned == (int)mi)) {
        snprintf(why, size, "%s takes no new payloads (its status)", m->id);
        return 0;
    }
    if (q->needs && !(m->accommodation & q->needs)) {
        snprintf(why, size, "needs %s; %s carries payloads only %s",
                 q->needs == ILRS_ACC_SURFACE ? "the surface" : "orbit",
                 m->id, q->needs == ILRS_ACC_SURFACE ? "in orbit"
                                                     : "on the surface");
        return 0;
    }
    if (q->region && (!m->region || strcmp(q->region, m->region) != 0)) {
        snprintf(why, size, "needs region %s; %s %s%s", q->region, m->id,
                 m->region ? "lands in region " : "has no landing region",
                 m->region ? m->region : "");
        return 0;
    }
    if (q->night_survival && !m->night_survival) {
        snprintf(why, size, "needs night survival; %s does not offer it",
                 m->id);
        return 0;
    }
    if (q->illumination &&
        !(m->illumination == ILRS_ILLUM_MIXED ||
          m->illumination == q->illumination)) {
        snprintf(why, size, "needs %s ground; %s's site is %s",
                 q->illumination == ILRS_ILLUM_SUNLIT ? "sunlit" : "shadowed",
                 m->id,
                 m->illumination == ILRS_ILLUM_SUNLIT     ? "sunlit"
                 : m->illumination == ILRS_ILLUM_SHADOWED ? "shadowed"
                                                          : "not described");
        return 0;
    }
    if (q->npreferred) {
        int ok = 0;
        for (size_t k = 0; k < q->npreferred; k++)
            ok |= q->preferred[k] == (int)mi;
        if (!ok) {
            size_t off = (size_t)snprintf(why, size, "prefers only");
            for (size_t k = 0; k < q->npreferred && off < size; k++)
                off += (size_t)snprintf(why + off, size - off, "%s %s",
                                        k ? "," : "",
                                        v->missions[q->preferred[k]].id);
            return 0;
        }
    }
    for (int d = 0; with_budget && d < ILRS_NBUDGET; d++)
        if (q->need[d] > m->cap[d]) {
            snprintf(why, size, "%s %.15g %s exceeds %s's whole budget "
                     "%.15g %s", ilrs_budget_name(d), q->need[d],
                     ilrs_budget_unit(d), m->id, m->cap[d],
                     ilrs_budget_unit(d));
            return 0;
        }
    return 1;
}

int ilrs_alloc_compatible(const ilrs_program_view *v, size_t pi, size_t mi,
                          char *why, size_t size)
{
    if (why && size)
        why[0] = '\0';
    return compat(v, pi, mi, 1, why, size);
}

/* One over-subscribed budget: the mission, the sums and the payloads. */
static int over(const ilrs_program_view *v, const int *assign, size_t mi,
                int d, double used, ilrs_diag *problems)
{
    const ilrs_mission_offer *m = &v->missions[mi];
    char list[700];
    size_t off = 0;
    list[0] = '\0';
    for (size_t pi = 0; pi < v->npayloads && off < sizeof list - 40; pi++) {
        const ilrs_payload_need *q = &v->payloads[pi];
        if (q->active && assign[pi] == (int)mi && q->need[d] > 0)
            off += (size_t)snprintf(list + off, sizeof list - off,
                                    "%s%s %.15g", off ? ", " : "", q->id,
                                    q->need[d]);
    }
    return ilrs_diag_add(problems, "mission %s: %s over budget: %.15g %s "
                         "assigned (%s) > %.15g %s offered", m->id,
                         ilrs_budget_name(d), used, ilrs_budget_unit(d), list,
                         m->cap[d], ilrs_budget_unit(d));
}

int ilrs_program_check(const ilrs_program_view *v, const int *assign,
                       double slack, ilrs_mission_use *use,
                       ilrs_diag *problems)
{
    int *own = NULL;
    size_t nbad = 0;
    if (!assign) {
        own = malloc((v->npayloads + 1) * sizeof *own);
        if (!own)
            return ILRS_ENOMEM;
        for (size_t i = 0; i < v->npayloads; i++)
            own[i] = v->payloads[i].assigned;
        assign = own;
    }
    ilrs_mission_use *u = calloc(v->nmissions + 1, sizeof *u);
    if (!u) {
        free(own);
        return ILRS_ENOMEM;
    }
    char why[600];
    for (size_t pi = 0; pi < v->npayloads; pi++) {
        int mi = assign[pi];
        if (mi < 0 || !v->payloads[pi].active)
            continue;
        u[mi].npayloads++;
        for (int d = 0; d < ILRS_NBUDGET; d++)
            u[mi].used[d] += v->payloads[pi].need[d];
        if (!compat(v, pi, (size_t)mi, 0, why, sizeof why)) {
            ilrs_diag_add(problems, "payload %s on mission %s: %s",
                          v->payloads[pi].id, v->missions[mi].id, why);
            nbad++;
        }
    }
    for (size_t mi = 0; mi < v->nmissions; mi++)
        for (int d = 0; d < ILRS_NBUDGET; d++) {
            double cap = v->missions[mi].cap[d];
            if (u[mi].npayloads && u[mi].used[d] > cap * (1.0 + slack) &&
                v->missions[mi].has_budget) {
                over(v, assign, mi, d, u[mi].used[d], problems);
                nbad++;
            }
        }
    if (use)
        memcpy(use, u, v->nmissions * sizeof *u);
    free(u);
    free(own);
    return nbad ? 1 : ILRS_OK;
}
