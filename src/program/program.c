/* program.c -- the program object: entities, fields, lookup, diag lists. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "program/program_int.h"

int ilrs_diag_add(ilrs_diag *d, const char *fmt, ...)
{
    if (!d)
        return ILRS_OK;
    if (d->n == d->cap) {
        size_t cap = d->cap ? 2 * d->cap : 16;
        char **m = realloc(d->msg, cap * sizeof *m);
        if (!m)
            return ILRS_ENOMEM;
        d->msg = m;
        d->cap = cap;
    }
    va_list ap;
    char buf[1024];
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    d->msg[d->n] = strdup(buf);
    if (!d->msg[d->n])
        return ILRS_ENOMEM;
    d->n++;
    return ILRS_OK;
}

void ilrs_diag_free(ilrs_diag *d)
{
    if (!d)
        return;
    for (size_t i = 0; i < d->n; i++)
        free(d->msg[i]);
    free(d->msg);
    d->msg = NULL;
    d->n = d->cap = 0;
}

void ilrs__where(char *buf, size_t size, const char *file, int line, int col)
{
    if (line > 0)
        snprintf(buf, size, "%s:%d:%d: ", file, line, col);
    else
        snprintf(buf, size, "%s: ", file);
}

static const char *const kind_names[ILRS_PK_COUNT] = {
    "program", "phase", "partner", "vehicle", "launch_site", "landing_site",
    "mission", "payload"};
static const char *const kind_sections[ILRS_PK_COUNT] = {
    "program", "phases", "partners", "vehicles", "launch_sites",
    "landing_sites", "missions", "payloads"};

const char *ilrs_program_kind_name(ilrs_program_kind k)
{
    return (unsigned)k < ILRS_PK_COUNT ? kind_names[k] : "?";
}

const char *ilrs_program_kind_section(ilrs_program_kind k)
{
    return (unsigned)k < ILRS_PK_COUNT ? kind_sections[k] : "?";
}

int ilrs_program_kind_parse(const char *name, ilrs_program_kind *out)
{
    for (int k = 0; k < ILRS_PK_COUNT; k++)
        if (strcmp(name, kind_names[k]) == 0 ||
            strcmp(name, kind_sections[k]) == 0) {
            *out = (ilrs_program_kind)k;
            return ILRS_OK;
        }
    if (strcmp(name, "sites") == 0 || strcmp(name, "site") == 0) {
        *out = ILRS_PK_LAUNCH_SITE;
        return ILRS_OK;
    }
    return ILRS_ENOTFOUND;
}

ilrs_program *ilrs__program_new(const char *name)
{
    ilrs_program *p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    p->name = strdup(name ? name : "(program)");
    if (!p->name) {
        free(p);
        return NULL;
    }
    return p;
}

static void entity_clear(entity *e)
{
    for (size_t i = 0; i < e->nf; i++)
        json_decref(e->f[i].v);
    free(e->f);
    free(e->id);
}

void ilrs_program_free(ilrs_program *p)
{
    if (!p)
        return;
    for (size_t i = 0; i < p->n; i++)
        entity_clear(&p->e[i]);
    free(p->e);
    free(p->index);
    free(p->name);
    free(p);
}

entity *ilrs__program_add(ilrs_program *p, ilrs_program_kind k,
                          const char *id, int line, int col)
{
    if (p->n == p->cap) {
        size_t cap = p->cap ? 2 * p->cap : 64;
        entity *e = realloc(p->e, cap * sizeof *e);
        if (!e)
            return NULL;
        p->e = e;
        p->cap = cap;
    }
    entity *e = &p->e[p->n];
    memset(e, 0, sizeof *e);
    e->id = strdup(id);
    if (!e->id)
        return NULL;
    e->kind = k;
    e->line = line;
    e->col = col;
    e->ord = (long)ilrs_program_count(p, k);
    p->n++;
    p->nindex = 0;
    return e;
}

efield *ilrs__entity_get(const entity *e, const char *name)
{
    for (size_t i = 0; i < e->nf; i++)
        if (strcmp(e->f[i].def->name, name) == 0)
            return &e->f[i];
    return NULL;
}

int ilrs__entity_set(entity *e, const fdef *def, json_t *v, int line, int col)
{
    efield *f = ilrs__entity_get(e, def->name);
    if (f) {
        json_decref(f->v);
    } else {
        if (e->nf == e->capf) {
            size_t cap = e->capf ? 2 * e->capf : 8;
            efield *nf = realloc(e->f, cap * sizeof *nf);
            if (!nf) {
                json_decref(v);
                return ILRS_ENOMEM;
            }
            e->f = nf;
            e->capf = cap;
        }
        f = &e->f[e->nf++];
        f->def = def;
    }
    f->v = v;
    f->line = line;
    f->col = col;
    return ILRS_OK;
}

void ilrs__entity_unset(entity *e, const char *name)
{
    efield *f = ilrs__entity_get(e, name);
    if (!f)
        return;
    json_decref(f->v);
    *f = e->f[--e->nf];
}

static int by_id(const void *a, const void *b)
{
    return strcmp(((const ilrs__idx *)a)->id, ((const ilrs__idx *)b)->id);
}

int ilrs__program_index(ilrs_program *p)
{
    free(p->index);
    p->index = NULL;
    p->nindex = 0;
    if (!p->n)
        return ILRS_OK;
    p->index = malloc(p->n * sizeof *p->index);
    if (!p->index)
        return ILRS_ENOMEM;
    for (size_t i = 0; i < p->n; i++) {
        p->index[i].id = p->e[i].id;
        p->index[i].i = i;
    }
    qsort(p->index, p->n, sizeof *p->index, by_id);
    p->nindex = p->n;
    return ILRS_OK;
}

entity *ilrs__program_entity(const ilrs_program *p, const char *id)
{
    if (p->index && p->nindex == p->n) {
        size_t lo = 0, hi = p->n;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            int c = strcmp(p->index[mid].id, id);
            if (c == 0)
                return &p->e[p->index[mid].i];
            if (c < 0)
                lo = mid + 1;
            else
                hi = mid;
        }
        return NULL;
    }
    for (size_t i = 0; i < p->n; i++)
        if (strcmp(p->e[i].id, id) == 0)
            return &p->e[i];
    return NULL;
}

static int by_kind_ord(const void *a, const void *b)
{
    const entity *x = a, *y = b;
    if (x->kind != y->kind)
        return x->kind < y->kind ? -1 : 1;
    if (x->ord != y->ord)
        return x->ord < y->ord ? -1 : 1;
    return strcmp(x->id, y->id);
}

void ilrs__program_sort(ilrs_program *p)
{
    qsort(p->e, p->n, sizeof *p->e, by_kind_ord);
    p->nindex = 0;
}

size_t ilrs_program_count(const ilrs_program *p, ilrs_program_kind kind)
{
    size_t n = 0;
    for (size_t i = 0; i < p->n; i++)
        if (kind == ILRS_PK_COUNT || p->e[i].kind == kind)
            n++;
    return n;
}

const char *ilrs_program_id(const ilrs_program *p, ilrs_program_kind kind,
                            size_t i)
{
    for (size_t j = 0; j < p->n; j++)
        if (kind == ILRS_PK_COUNT || p->e[j].kind == kind)
            if (i-- == 0)
                return p->e[j].id;
    return NULL;
}

int ilrs_program_find(const ilrs_program *p, const char *id,
                      ilrs_program_kind *kind)
{
    entity *e = ilrs__program_entity(p, id);
    if (!e)
        return ILRS_ENOTFOUND;
    if (kind)
        *kind = e->kind;
    return ILRS_OK;
}

int ilrs_program_field(const ilrs_program *p, const char *id,
                       const char *field, char *buf, size_t size)
{
    entity *e = ilrs__program_entity(p, id);
    if (strcmp(field, "id") == 0 && e) {
        snprintf(buf, size, "%s", e->id);
        return ILRS_OK;
    }
    efield *f = e ? ilrs__entity_get(e, field) : NULL;
    if (!f)
        return ILRS_ENOTFOUND;
    if (size < 2)
        return ILRS_EINVAL;
    ilrs__value_text(f->def, f->v, buf, size);
    return ILRS_OK;
}

int ilrs_program_fields(const ilrs_program *p, const char *id,
                        ilrs_field_fn fn, void *ctx)
{
    entity *e = ilrs__program_entity(p, id);
    if (!e)
        return ILRS_ENOTFOUND;
    char buf[4096];
    fn(ctx, "id", e->id);
    for (const fdef *d = ilrs__schema(e->kind); d->name; d++) {
        const fdef *list = d->type == FT_GROUP ? d->sub : d;
        for (const fdef *g = list; g->name; g++) {
            efield *f = ilrs__entity_get(e, g->name);
            if (f && strcmp(g->name, "id") != 0) {
                ilrs__value_text(g, f->v, buf, sizeof buf);
                fn(ctx, g->name, buf);
            }
            if (d->type != FT_GROUP)
                break;
        }
    }
    return ILRS_OK;
}

static int entity_equal(const entity *a, const entity *b)
{
    if (a->kind != b->kind || strcmp(a->id, b->id) != 0 || a->nf != b->nf)
        return 0;
    for (size_t i = 0; i < a->nf; i++) {
        efield *g = ilrs__entity_get(b, a->f[i].def->name);
        if (!g || !json_equal(a->f[i].v, g->v))
            return 0;
    }
    return 1;
}

int ilrs_program_equal(const ilrs_program *a, const ilrs_program *b)
{
    if (a->n != b->n)
        return 0;
    for (size_t i = 0; i < a->n; i++) {
        entity *e = ilrs__program_entity(b, a->e[i].id);
        if (!e || !entity_equal(&a->e[i], e))
            return 0;
    }
    return 1;
}

int ilrs_program_launch(const ilrs_program *p, const char *id, double *t0,
                        double *t1)
{
    entity *e = ilrs__program_entity(p, id);
    efield *f = e && e->kind == ILRS_PK_MISSION ? ilrs__entity_get(e, "launch")
                                                 : NULL;
    if (!f || ilrs__window_range(f->v, t0, t1))
        return ILRS_ENOTFOUND;
    return ILRS_OK;
}
