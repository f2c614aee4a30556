/* load.c -- program files to entities, and the rules across fields and
   entities. Every problem is reported, each with file, line, column, the
   entity and field, and what was expected against what was found. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "program/program_int.h"

typedef struct {
    ilrs_program *p;
    ilrs_diag *d;
    size_t nproblems;
    const char *file;
    int oom;
    const fdef *seen[64]; /* fields of the current item given (valid or
                             not), so a bad value is not also "missing" */
    int nseen;
} ld;

static int was_seen(const ld *c, const fdef *d)
{
    for (int i = 0; i < c->nseen; i++)
        if (c->seen[i] == d)
            return 1;
    return 0;
}

static void problem(ld *c, int line, int col, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

static void problem(ld *c, int line, int col, const char *fmt, ...)
{
    char where[300], msg[900];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    ilrs__where(where, sizeof where, c->file, line, col);
    if (ilrs_diag_add(c->d, "%s%s", where, msg))
        c->oom = 1;
    c->nproblems++;
}

/* Levenshtein distance of short words, for "did you mean". */
static size_t edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b), row[64];
    if (la > 60 || lb > 60)
        return 99;
    for (size_t j = 0; j <= lb; j++)
        row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t prev = row[0];
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t cur = row[j];
            size_t sub = prev + (a[i - 1] != b[j - 1]);
            size_t best = row[j] + 1 < row[j - 1] + 1 ? row[j] + 1
                                                      : row[j - 1] + 1;
            row[j] = sub < best ? sub : best;
            prev = cur;
        }
    }
    return row[lb];
}

static void unknown_key(ld *c, const pnode *k, const char *label,
                        const fdef *defs)
{
    const char *best = NULL;
    size_t bd = 3;
    char known[600] = "";
    for (const fdef *d = defs; d->name; d++) {
        size_t dist = edit_distance(k->text, d->key);
        if (dist < bd)
            bd = dist, best = d->key;
        if (strlen(known) + strlen(d->key) + 3 < sizeof known) {
            if (known[0])
                strcat(known, ", ");
            strcat(known, d->key);
        }
    }
    if (best)
        problem(c, k->line, k->col, "%s: unknown key '%.60s' (did you mean "
                                    "'%s'?)", label, k->text, best);
    else
        problem(c, k->line, k->col, "%s: unknown key '%.60s'; expected one "
                                    "of: %s", label, k->text, known);
}

static int is_null(const pnode *n)
{
    return n->kind == PN_SCALAR && !n->quoted &&
           (!n->text[0] || strcmp(n->text, "null") == 0 ||
            strcmp(n->text, "~") == 0 || strcmp(n->text, "Null") == 0);
}

/* Report a key given twice in one map; returns 1 if so. */
static int dup_key(ld *c, const pnode *map, size_t i, const char *label)
{
    for (size_t j = 0; j < i; j++)
        if (map->keys[j]->kind == PN_SCALAR &&
            strcmp(map->keys[j]->text, map->keys[i]->text) == 0) {
            problem(c, map->keys[i]->line, map->keys[i]->col,
                    "%s: key '%.60s' given twice (first at line %d)", label,
                    map->keys[i]->text, map->keys[j]->line);
            return 1;
        }
    return 0;
}

static void read_fields(ld *c, entity *e, const pnode *map, const fdef *defs,
                        const char *label, const char *prefix)
{
    char why[600];
    for (size_t i = 0; i < map->n; i++) {
        const pnode *k = map->keys[i], *v = map->kids[i];
        if (k->kind != PN_SCALAR) {
            problem(c, k->line, k->col, "%s: a key must be a word, found %s",
                    label, k->kind == PN_MAP ? "a map" : "a list");
            continue;
        }
        if (dup_key(c, map, i, label))
            continue;
        const fdef *d = defs;
        while (d->name && strcmp(d->key, k->text) != 0)
            d++;
        if (!d->name) {
            unknown_key(c, k, label, defs);
            continue;
        }
        if (is_null(v))
            continue;
        if (c->nseen < 64)
            c->seen[c->nseen++] = d;
        if (d->type == FT_GROUP) {
            if (v->kind != PN_MAP) {
                problem(c, v->line, v->col, "%s: %s: expected a map of "
                                            "sub-fields", label, d->key);
                continue;
            }
            read_fields(c, e, v, d->sub, label, d->key);
            continue;
        }
        json_t *val = ilrs__value_read(d, v, why, sizeof why);
        if (!val) {
            problem(c, v->line, v->col, "%s: %s%s%s: %s", label,
                    prefix ? prefix : "", prefix ? "." : "", d->key, why);
            continue;
        }
        if (ilrs__entity_set(e, d, val, v->line, v->col))
            c->oom = 1;
    }
}

static const char *find_id(const pnode *item)
{
    for (size_t i = 0; i < item->n; i++)
        if (item->keys[i]->kind == PN_SCALAR &&
            strcmp(item->keys[i]->text, "id") == 0 &&
            item->kids[i]->kind == PN_SCALAR)
            return item->kids[i]->text;
    return NULL;
}

static void read_item(ld *c, ilrs_program_kind k, const pnode *item,
                      size_t index)
{
    char label[200];
    const char *sect = ilrs_program_kind_section(k);
    if (item->kind != PN_MAP) {
        problem(c, item->line, item->col, "%s[%zu]: expected a map of "
                                          "fields; found %s", sect, index,
                item->kind == PN_SEQ ? "a list" : "a value");
        return;
    }
    const char *id = find_id(item);
    if (k == ILRS_PK_PROGRAM)
        snprintf(label, sizeof label, "program");
    else
        snprintf(label, sizeof label, "%s[%zu]%s%.64s%s", sect, index,
                 id ? " (" : "", id ? id : "", id ? ")" : "");
    entity *e = ilrs__program_add(c->p, k, id ? id : "", item->line,
                                  item->col);
    if (!e) {
        c->oom = 1;
        return;
    }
    const fdef *defs = ilrs__schema(k);
    c->nseen = 0;
    read_fields(c, e, item, defs, label, NULL);
    for (const fdef *d = defs; d->name; d++)
        if (d->required && !ilrs__entity_get(e, d->name) && !was_seen(c, d))
            problem(c, item->line, item->col, "%s: missing required field "
                                              "'%s' (%s)", label, d->key,
                    d->doc);
    /* The id lives in e->id; the field copy is dropped. */
    ilrs__entity_unset(e, "id");
}

static void read_root(ld *c, const pnode *root)
{
    if (root->kind != PN_MAP) {
        problem(c, root->line, root->col, "expected a map with the sections "
                "program, phases, partners, vehicles, launch_sites, "
                "landing_sites, missions, payloads");
        return;
    }
    for (size_t i = 0; i < root->n; i++) {
        const pnode *k = root->keys[i], *v = root->kids[i];
        ilrs_program_kind kind;
        if (k->kind != PN_SCALAR) {
            problem(c, k->line, k->col, "a section name must be a word, "
                    "found %s", k->kind == PN_MAP ? "a map" : "a list");
            continue;
        }
        if (dup_key(c, root, i, "top level"))
            continue;
        if (k->kind != PN_SCALAR ||
            ilrs_program_kind_parse(k->text, &kind) != ILRS_OK ||
            strcmp(k->text, ilrs_program_kind_section(kind)) != 0) {
            problem(c, k->line, k->col, "unknown section '%.60s'; expected "
                    "program, phases, partners, vehicles, launch_sites, "
                    "landing_sites, missions or payloads",
                    k->kind == PN_SCALAR ? k->text : "?");
            continue;
        }
        if (kind == ILRS_PK_PROGRAM) {
            read_item(c, kind, v, 0);
        } else if (is_null(v)) {
            continue;
        } else if (v->kind != PN_SEQ) {
            problem(c, v->line, v->col, "%s: expected a list of %ss; found "
                    "%s", k->text, ilrs_program_kind_name(kind),
                    v->kind == PN_MAP ? "a map" : "a value");
        } else {
            for (size_t j = 0; j < v->n && !c->oom; j++)
                read_item(c, kind, v->kids[j], j);
        }
    }
}

static int guess_json(const char *text, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (text[i] != ' ' && text[i] != '\t' && text[i] != '\r' &&
            text[i] != '\n')
            return text[i] == '{';
    return 0;
}

/* Line number of a "NAME:LINE:COL: ..." message (0 when none). */
static long msg_line(const char *m, size_t nlen)
{
    if (strlen(m) <= nlen || m[nlen] != ':')
        return 0;
    return strtol(m + nlen + 1, NULL, 10);
}

/* Sort the messages from `from` on by line, keeping equal lines in order
   (insertion sort: a file's problems are few). */
static void sort_by_line(ilrs_diag *d, size_t from, const char *name)
{
    size_t nlen = strlen(name);
    for (size_t i = from + 1; d && i < d->n; i++) {
        char *m = d->msg[i];
        long l = msg_line(m, nlen);
        size_t j = i;
        while (j > from && msg_line(d->msg[j - 1], nlen) > l) {
            d->msg[j] = d->msg[j - 1];
            j--;
        }
        d->msg[j] = m;
    }
}

int ilrs_program_parse(const char *text, size_t len, const char *name,
                       int json, ilrs_program **out, ilrs_diag *diag,
                       ilrs_error *err)
{
    pnode *root;
    *out = NULL;
    if (!name)
        name = "(program)";
    if ((long long)len > ILRS_PROGRAM_MAX_BYTES)
        return ilrs_error_set(err, ILRS_ELIMIT, "%s: larger than %ld bytes",
                              name, ILRS_PROGRAM_MAX_BYTES);
    if (json < 0)
        json = guess_json(text, len);
    int st = json ? ilrs__tree_json(text, len, name, &root, err)
                  : ilrs__tree_yaml(text, len, name, &root, err);
    if (st) {
        if (diag && err)
            ilrs_diag_add(diag, "%s", err->msg);
        return st;
    }
    ld c = {ilrs__program_new(name), diag, 0, name, 0, {NULL}, 0};
    size_t first = diag ? diag->n : 0;
    if (!c.p) {
        ilrs__tree_free(root);
        return ilrs_error_set(err, ILRS_ENOMEM, "out of memory");
    }
    read_root(&c, root);
    ilrs__tree_free(root);
    if (!c.oom && ilrs__program_index(c.p))
        c.oom = 1;
    if (!c.oom)
        c.nproblems += ilrs__program_validate(c.p, diag);
    if (c.oom) {
        ilrs_program_free(c.p);
        return ilrs_error_set(err, ILRS_ENOMEM, "out of memory");
    }
    if (c.nproblems) {
        ilrs_program_free(c.p);
        sort_by_line(diag, first, name);
        if (diag && diag->n)
            return ilrs_error_set(err, ILRS_EFORMAT, "%s%s", diag->msg[first],
                                  c.nproblems > 1 ? " (and more)" : "");
        return ilrs_error_set(err, ILRS_EFORMAT, "%s: %zu problems", name,
                              c.nproblems);
    }
    *out = c.p;
    return ILRS_OK;
}

int ilrs_program_load(const char *path, ilrs_program **out, ilrs_diag *diag,
                      ilrs_error *err)
{
    *out = NULL;
    FILE *f = fopen(path, "rb");
    if (!f)
        return ilrs_error_set(err, ILRS_EIO, "%s: cannot open", path);
    char *buf = NULL;
    size_t len = 0, cap = 0;
    for (;;) {
        if (len == cap) {
            if ((long long)cap > ILRS_PROGRAM_MAX_BYTES) {
                free(buf);
                fclose(f);
                return ilrs_error_set(err, ILRS_ELIMIT,
                                      "%s: larger than %ld bytes", path,
                                      ILRS_PROGRAM_MAX_BYTES);
            }
            cap = cap ? 2 * cap : 65536;
            char *nb = realloc(buf, cap + 1);
            if (!nb) {
                free(buf);
                fclose(f);
                return ilrs_error_set(err, ILRS_ENOMEM, "out of memory");
            }
            buf = nb;
        }
        size_t k = fread(buf + len, 1, cap - len, f);
        len += k;
        if (k == 0)
            break;
    }
    int bad = ferror(f);
    fclose(f);
    if (bad) {
        free(buf);
        return ilrs_error_set(err, ILRS_EIO, "%s: read error", path);
    }
    size_t plen = strlen(path);
    int json = plen > 5 && strcmp(path + plen - 5, ".json") == 0 ? 1 : -1;
    int st = ilrs_program_parse(buf ? buf : "", len, path, json, out, diag,
                                err);
    free(buf);
    return st;
}

/* ---- rules across fields and entities --------------------------------- */

static void e_problem(ld *c, const entity *e, const efield *f,
                      const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

static void e_problem(ld *c, const entity *e, const efield *f,
                      const char *fmt, ...)
{
    char msg[700];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    problem(c, f ? f->line : e->line, f ? f->col : e->col, "%s %s%s%s: %s",
            ilrs_program_kind_name(e->kind), e->id, f ? ": " : "",
            f ? f->def->name : "", msg);
}

static void check_ref(ld *c, const entity *e, const efield *f, const char *id)
{
    entity *t = ilrs__program_entity(c->p, id);
    if (!t)
        e_problem(c, e, f, "unknown %s '%s' (no %s has this id)",
                  ilrs_program_kind_name((ilrs_program_kind)f->def->ref), id,
                  ilrs_program_kind_name((ilrs_program_kind)f->def->ref));
    else if ((int)t->kind != f->def->ref)
        e_problem(c, e, f, "'%s' is a %s; expected a %s", id,
                  ilrs_program_kind_name(t->kind),
                  ilrs_program_kind_name((ilrs_program_kind)f->def->ref));
}

static void check_entity(ld *c, const entity *e)
{
    for (size_t i = 0; i < e->nf; i++) {
        const efield *f = &e->f[i];
        if (f->def->type == FT_REF)
            check_ref(c, e, f, json_string_value(f->v));
        else if (f->def->type == FT_REFLIST)
            for (size_t k = 0; k < json_array_size(f->v); k++)
                check_ref(c, e, f, json_string_value(json_array_get(f->v, k)));
    }
    for (const fdef *d = ilrs__schema(e->kind); d->name; d++) {
        if (d->type != FT_GROUP)
            continue;
        const efield *any = NULL;
        for (const fdef *g = d->sub; g->name && !any; g++)
            any = ilrs__entity_get(e, g->name);
        for (const fdef *g = d->sub; any && g->name; g++)
            if (g->required && !ilrs__entity_get(e, g->name))
                e_problem(c, e, any, "%s needs '%s' too (%s)", d->key, g->key,
                          g->doc);
    }
    const char *pre = e->kind == ILRS_PK_MISSION ? "budget." : "";
    char avg[40], peak[40];
    snprintf(avg, sizeof avg, "%spower_avg", pre);
    snprintf(peak, sizeof peak, "%spower_peak", pre);
    efield *fa = ilrs__entity_get(e, avg), *fp = ilrs__entity_get(e, peak);
    if (fa && fp && json_real_value(fp->v) < json_real_value(fa->v))
        e_problem(c, e, fp, "peak power %.15g W is below the average %.15g W",
                  json_real_value(fp->v), json_real_value(fa->v));
    efield *lp = ilrs__entity_get(e, "lunar_orbit.peri_km");
    efield *la = ilrs__entity_get(e, "lunar_orbit.apo_km");
    if (lp && la && json_real_value(la->v) < json_real_value(lp->v))
        e_problem(c, e, la, "apolune %.15g km is below perilune %.15g km",
                  json_real_value(la->v), json_real_value(lp->v));
    if (e->kind == ILRS_PK_PHASE) {
        efield *f0 = ilrs__entity_get(e, "from"), *f1 = ilrs__entity_get(e, "to");
        if (f0 && f1 && json_integer_value(f1->v) < json_integer_value(f0->v))
            e_problem(c, e, f1, "phase ends (%" JSON_INTEGER_FORMAT
                      ") before it starts (%" JSON_INTEGER_FORMAT ")",
                      json_integer_value(f1->v), json_integer_value(f0->v));
    }
    if (e->kind == ILRS_PK_PAYLOAD) {
        efield *st = ilrs__entity_get(e, "status");
        const char *s = st ? json_string_value(st->v) : "";
        if ((strcmp(s, "accepted") == 0 || strcmp(s, "flown") == 0) &&
            !ilrs__entity_get(e, "assigned"))
            e_problem(c, e, st, "status '%s' needs 'assigned: MISSION'", s);
    }
}

static int by_id(const void *a, const void *b)
{
    return strcmp(((const ilrs__idx *)a)->id, ((const ilrs__idx *)b)->id);
}

size_t ilrs__program_validate(const ilrs_program *p, ilrs_diag *d)
{
    ld c = {(ilrs_program *)p, d, 0, p->name, 0, {NULL}, 0};
    size_t nprog = ilrs_program_count(p, ILRS_PK_PROGRAM);
    if (nprog == 0)
        problem(&c, 0, 0, "no 'program' section: expected program: {id: ..., "
                          "name: ...}");
    /* Duplicate ids (any kinds). */
    ilrs__idx *ix = p->n ? malloc(p->n * sizeof *ix) : NULL;
    if (ix) {
        for (size_t i = 0; i < p->n; i++)
            ix[i].id = p->e[i].id, ix[i].i = i;
        qsort(ix, p->n, sizeof *ix, by_id);
        for (size_t i = 1; i < p->n; i++) {
            const entity *a = &p->e[ix[i - 1].i], *b = &p->e[ix[i].i];
            if (strcmp(a->id, b->id) == 0 && a->id[0]) {
                const entity *first = a->line <= b->line ? a : b;
                const entity *second = first == a ? b : a;
                problem(&c, second->line, second->col, "%s %s: duplicate id "
                        "'%s' (already used by the %s at line %d)",
                        ilrs_program_kind_name(second->kind), second->id,
                        second->id, ilrs_program_kind_name(first->kind),
                        first->line);
            }
        }
        free(ix);
    }
    for (size_t i = 0; i < p->n; i++)
        check_entity(&c, &p->e[i]);
    return c.nproblems;
}
