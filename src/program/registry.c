/* registry.c -- the program registry in one SQLite file: schema versions
   and migrations, WAL, one transaction per write, history of changes. */
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "ilrs/registry.h"
#include "program/program_int.h"

struct ilrs_registry {
    sqlite3 *db;
    int version;
    char *path;
};

/* Migrations: step k brings the schema from version k to k + 1. */
static const char *const migrations[ILRS_REGISTRY_VERSION] = {
    "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
    "CREATE TABLE entity(id TEXT PRIMARY KEY, kind TEXT NOT NULL,"
    "  ord INTEGER NOT NULL);"
    "CREATE TABLE field(id TEXT NOT NULL REFERENCES entity(id)"
    "  ON DELETE CASCADE, name TEXT NOT NULL, value TEXT NOT NULL,"
    "  PRIMARY KEY(id, name)) WITHOUT ROWID;"
    "CREATE TABLE history(seq INTEGER PRIMARY KEY AUTOINCREMENT,"
    "  at TEXT NOT NULL, who TEXT NOT NULL, action TEXT NOT NULL,"
    "  id TEXT NOT NULL, field TEXT, old TEXT, new TEXT);"
    "INSERT INTO meta VALUES('created_by', 'ilrs');",
    "CREATE INDEX history_by_id ON history(id, seq);",
};

static int db_fail(ilrs_registry *r, ilrs_error *err, const char *what)
{
    int code = sqlite3_errcode(r->db);
    int st = (code == SQLITE_NOTADB || code == SQLITE_CORRUPT)
                 ? ILRS_EFORMAT
                 : ILRS_EIO;
    return ilrs_error_set(err, st, "%s: %s: %s%s", r->path, what,
                          sqlite3_errmsg(r->db),
                          code == SQLITE_BUSY ? " (another writer held the "
                                                "registry too long)"
                                              : "");
}

static int exec(ilrs_registry *r, const char *sql, ilrs_error *err)
{
    if (sqlite3_exec(r->db, sql, NULL, NULL, NULL) != SQLITE_OK)
        return db_fail(r, err, sql);
    return ILRS_OK;
}

static int pragma_int(ilrs_registry *r, const char *sql, long *out)
{
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(r->db, sql, -1, &s, NULL) != SQLITE_OK)
        return -1;
    int rc = sqlite3_step(s);
    *out = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
    sqlite3_finalize(s);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : -1;
}

/* The file's first bytes: empty (new), SQLite, or something else. */
static int sniff(const char *path, int create, ilrs_error *err)
{
    struct stat sb;
    if (stat(path, &sb) != 0) {
        if (create)
            return ILRS_OK;
        return ilrs_error_set(err, ILRS_EIO, "%s: no registry here (create "
                              "one with 'ilrs program import FILE')", path);
    }
    if (!S_ISREG(sb.st_mode))
        return ilrs_error_set(err, ILRS_EIO, "%s: not a regular file", path);
    if (sb.st_size == 0)
        return ILRS_OK;
    char head[16] = {0};
    FILE *f = fopen(path, "rb");
    if (!f)
        return ilrs_error_set(err, ILRS_EIO, "%s: cannot open", path);
    size_t n = fread(head, 1, sizeof head, f);
    fclose(f);
    if (n < sizeof head || memcmp(head, "SQLite format 3", 16) != 0)
        return ilrs_error_set(err, ILRS_EFORMAT, "%s: not a registry (not "
                              "an SQLite database); left untouched", path);
    return ILRS_OK;
}

static int migrate(ilrs_registry *r, ilrs_error *err)
{
    int st = exec(r, "BEGIN IMMEDIATE", err);
    if (st)
        return st;
    long v = 0;
    if (pragma_int(r, "PRAGMA user_version", &v)) {
        st = db_fail(r, err, "reading the schema version");
        goto out;
    }
    for (; v < ILRS_REGISTRY_VERSION; v++) {
        if ((st = exec(r, migrations[v], err)) != ILRS_OK)
            goto out;
        char sql[80];
        snprintf(sql, sizeof sql, "PRAGMA user_version = %ld", v + 1);
        if ((st = exec(r, sql, err)) != ILRS_OK)
            goto out;
    }
    char sql[80];
    snprintf(sql, sizeof sql, "PRAGMA application_id = %d",
             ILRS_REGISTRY_APP_ID);
    st = exec(r, sql, err);
out:
    if (st) {
        sqlite3_exec(r->db, "ROLLBACK", NULL, NULL, NULL);
        return st;
    }
    st = exec(r, "COMMIT", err);
    r->version = ILRS_REGISTRY_VERSION;
    return st;
}

/* Is this SQLite file ours, and which version? */
static int identify(ilrs_registry *r, int create, ilrs_error *err)
{
    long app = 0, ver = 0, ntab = 0;
    if (pragma_int(r, "SELECT count(*) FROM sqlite_master", &ntab) ||
        pragma_int(r, "PRAGMA application_id", &app) ||
        pragma_int(r, "PRAGMA user_version", &ver))
        return ilrs_error_set(err, ILRS_EFORMAT, "%s: not a registry, or "
                              "corrupt: %s; left untouched", r->path,
                              sqlite3_errmsg(r->db));
    if (ntab > 0 && app != ILRS_REGISTRY_APP_ID)
        return ilrs_error_set(err, ILRS_EFORMAT, "%s: an SQLite database but "
                              "not an ILRS registry (application_id %ld); "
                              "left untouched", r->path, app);
    if (ver > ILRS_REGISTRY_VERSION)
        return ilrs_error_set(err, ILRS_EUNSUPPORTED, "%s: registry schema "
                              "version %ld is newer than this ilrs reads "
                              "(%d); use a newer ilrs. Left untouched",
                              r->path, ver, ILRS_REGISTRY_VERSION);
    if (ntab == 0 && !create)
        return ilrs_error_set(err, ILRS_EFORMAT, "%s: an empty database, "
                              "not a registry yet (import a program first)",
                              r->path);
    r->version = (int)ver;
    return ILRS_OK;
}

int ilrs_registry_open(const char *path, int create, ilrs_registry **out,
                       ilrs_error *err)
{
    *out = NULL;
    int st = sniff(path, create, err);
    if (st)
        return st;
    ilrs_registry *r = calloc(1, sizeof *r);
    if (!r || !(r->path = strdup(path))) {
        free(r);
        return ilrs_error_set(err, ILRS_ENOMEM, "out of memory");
    }
    int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0);
    if (sqlite3_open_v2(path, &r->db, flags, NULL) != SQLITE_OK) {
        st = ilrs_error_set(err, ILRS_EIO, "%s: cannot open: %s", path,
                            r->db ? sqlite3_errmsg(r->db) : "out of memory");
        ilrs_registry_close(r);
        return st;
    }
    sqlite3_busy_timeout(r->db, ILRS_REGISTRY_BUSY_MS);
    sqlite3_extended_result_codes(r->db, 0);
    if ((st = identify(r, create, err)) != ILRS_OK) {
        ilrs_registry_close(r);
        return st;
    }
    /* WAL survives in the file; setting it again is a no-op. */
    if ((st = exec(r, "PRAGMA journal_mode = WAL", err)) != ILRS_OK ||
        (st = exec(r, "PRAGMA foreign_keys = ON", err)) != ILRS_OK ||
        (st = exec(r, "PRAGMA synchronous = NORMAL", err)) != ILRS_OK ||
        (r->version < ILRS_REGISTRY_VERSION && (st = migrate(r, err)))) {
        ilrs_registry_close(r);
        return st;
    }
    *out = r;
    return ILRS_OK;
}

void ilrs_registry_close(ilrs_registry *r)
{
    if (!r)
        return;
    sqlite3_close(r->db);
    free(r->path);
    free(r);
}

int ilrs_registry_version(const ilrs_registry *r)
{
    return r->version;
}

/* ---- statements --------------------------------------------------------- */

static int prep(ilrs_registry *r, sqlite3_stmt **s, const char *sql,
                ilrs_error *err)
{
    if (sqlite3_prepare_v2(r->db, sql, -1, s, NULL) != SQLITE_OK)
        return db_fail(r, err, "preparing a statement");
    return ILRS_OK;
}

static void bind_text(sqlite3_stmt *s, int i, const char *t)
{
    if (t)
        sqlite3_bind_text(s, i, t, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(s, i);
}

/* Run a prepared statement to completion with up to 4 text parameters. */
static int run4(ilrs_registry *r, sqlite3_stmt *s, const char *a,
                const char *b, const char *c, const char *d, ilrs_error *err)
{
    sqlite3_reset(s);
    sqlite3_clear_bindings(s);
    const char *v[4] = {a, b, c, d};
    int np = sqlite3_bind_parameter_count(s);
    for (int i = 0; i < np && i < 4; i++)
        bind_text(s, i + 1, v[i]);
    int rc = sqlite3_step(s);
    if (rc != SQLITE_DONE && rc != SQLITE_ROW)
        return db_fail(r, err, "writing");
    return ILRS_OK;
}

typedef struct {
    sqlite3_stmt *hist, *ins_e, *upd_ord, *del_e, *get_kind, *get_fields,
        *put_f, *del_f;
    const char *who;
} stmts;

static int stmts_prep(ilrs_registry *r, stmts *s, const char *who,
                      ilrs_error *err)
{
    memset(s, 0, sizeof *s);
    s->who = who && who[0] ? who : "unknown";
    int st = prep(r, &s->hist, "INSERT INTO history(at, who, action, id, "
                  "field, old, new) VALUES(strftime('%Y-%m-%dT%H:%M:%fZ', "
                  "'now'), ?5, ?1, ?2, ?3, ?4, ?6)", err);
    if (!st)
        st = prep(r, &s->ins_e, "INSERT INTO entity(id, kind, ord) "
                  "VALUES(?, ?, CAST(? AS INTEGER))", err);
    if (!st)
        st = prep(r, &s->upd_ord, "UPDATE entity SET ord = CAST(?2 AS "
                  "INTEGER) WHERE id = ?1 AND ord <> CAST(?2 AS INTEGER)",
                  err);
    if (!st)
        st = prep(r, &s->del_e, "DELETE FROM entity WHERE id = ?", err);
    if (!st)
        st = prep(r, &s->get_kind, "SELECT kind FROM entity WHERE id = ?",
                  err);
    if (!st)
        st = prep(r, &s->get_fields, "SELECT name, value FROM field WHERE "
                  "id = ?", err);
    if (!st)
        st = prep(r, &s->put_f, "INSERT OR REPLACE INTO field(id, name, "
                  "value) VALUES(?, ?, ?)", err);
    if (!st)
        st = prep(r, &s->del_f, "DELETE FROM field WHERE id = ? AND name = ?",
                  err);
    return st;
}

static void stmts_free(stmts *s)
{
    sqlite3_finalize(s->hist);
    sqlite3_finalize(s->ins_e);
    sqlite3_finalize(s->upd_ord);
    sqlite3_finalize(s->del_e);
    sqlite3_finalize(s->get_kind);
    sqlite3_finalize(s->get_fields);
    sqlite3_finalize(s->put_f);
    sqlite3_finalize(s->del_f);
}

static int history(ilrs_registry *r, stmts *s, const char *action,
                   const char *id, const char *field, const char *old,
                   const char *new_value, ilrs_error *err)
{
    sqlite3_reset(s->hist);
    sqlite3_clear_bindings(s->hist);
    bind_text(s->hist, 1, action);
    bind_text(s->hist, 2, id);
    bind_text(s->hist, 3, field);
    bind_text(s->hist, 4, old);
    bind_text(s->hist, 5, s->who);
    bind_text(s->hist, 6, new_value);
    if (sqlite3_step(s->hist) != SQLITE_DONE)
        return db_fail(r, err, "writing history");
    return ILRS_OK;
}

/* The entity's fields as one JSON object text (for create/delete rows). */
static char *entity_json(const entity *e)
{
    json_t *o = json_object();
    for (size_t i = 0; i < e->nf; i++)
        json_object_set(o, e->f[i].def->name, e->f[i].v);
    char *t = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS |
                                JSON_REAL_PRECISION(15));
    json_decref(o);
    return t;
}

/* Stored fields of one id: names and values, parallel arrays. */
typedef struct {
    char **name, **value;
    size_t n;
} stored;

static void stored_free(stored *f)
{
    for (size_t i = 0; i < f->n; i++) {
        free(f->name[i]);
        free(f->value[i]);
    }
    free(f->name);
    free(f->value);
    memset(f, 0, sizeof *f);
}

static int stored_get(ilrs_registry *r, stmts *s, const char *id, stored *f,
                      ilrs_error *err)
{
    memset(f, 0, sizeof *f);
    sqlite3_reset(s->get_fields);
    bind_text(s->get_fields, 1, id);
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(s->get_fields)) == SQLITE_ROW) {
        if (f->n == cap) {
            cap = cap ? 2 * cap : 16;
            char **a = realloc(f->name, cap * sizeof *a);
            if (a)
                f->name = a;
            char **b = realloc(f->value, cap * sizeof *b);
            if (b)
                f->value = b;
            if (!a || !b) {
                stored_free(f);
                return ilrs_error_set(err, ILRS_ENOMEM, "out of memory");
            }
        }
        f->name[f->n] = strdup((const char *)sqlite3_column_text(s->get_fields, 0));
        f->value[f->n] = strdup((const char *)sqlite3_column_text(s->get_fields, 1));
        f->n++;
    }
    if (rc != SQLITE_DONE) {
        stored_free(f);
        return db_fail(r, err, "reading fields");
    }
    return ILRS_OK;
}

static const char *stored_find(const stored *f, const char *name)
{
    for (size_t i = 0; i < f->n; i++)
        if (f->name[i] && strcmp(f->name[i], name) == 0)
            return f->value[i];
    return NULL;
}

/* Bring one stored entity's fields to those of e; count changes. */
static int update_fields(ilrs_registry *r, stmts *s, const entity *e,
                         const char *action, size_t *nchanged,
                         ilrs_error *err)
{
    stored old;
    int st = stored_get(r, s, e->id, &old, err);
    for (size_t i = 0; !st && i < e->nf; i++) {
        char *v = ilrs__value_store(e->f[i].v);
        const char *was = stored_find(&old, e->f[i].def->name);
        if (!v)
            st = ilrs_error_set(err, ILRS_ENOMEM, "out of memory");
        else if (!was || strcmp(was, v) != 0) {
            st = run4(r, s->put_f, e->id, e->f[i].def->name, v, NULL, err);
            if (!st)
                st = history(r, s, action, e->id, e->f[i].def->name, was, v,
                             err);
            ++*nchanged;
        }
        free(v);
    }
    for (size_t i = 0; !st && i < old.n; i++)
        if (!ilrs__entity_get(e, old.name[i])) {
            st = run4(r, s->del_f, e->id, old.name[i], NULL, NULL, err);
            if (!st)
                st = history(r, s, action, e->id, old.name[i], old.value[i],
                             NULL, err);
            ++*nchanged;
        }
    stored_free(&old);
    return st;
}

static int import_one(ilrs_registry *r, stmts *s, const entity *e,
                      ilrs_import_stats *stats, ilrs_error *err)
{
    char ord[32];
    snprintf(ord, sizeof ord, "%ld", e->ord);
    const char *kind = ilrs_program_kind_name(e->kind);
    sqlite3_reset(s->get_kind);
    bind_text(s->get_kind, 1, e->id);
    int rc = sqlite3_step(s->get_kind);
    if (rc == SQLITE_ROW) {
        const char *k = (const char *)sqlite3_column_text(s->get_kind, 0);
        if (strcmp(k, kind) != 0)
            return ilrs_error_set(err, ILRS_EINVAL, "id '%s' is a %s in the "
                                  "registry but a %s in the file; rename one",
                                  e->id, k, kind);
        sqlite3_reset(s->get_kind);
        size_t n = 0;
        int st = run4(r, s->upd_ord, e->id, ord, NULL, NULL, err);
        if (!st)
            st = update_fields(r, s, e, "update", &n, err);
        if (n)
            stats->updated++;
        else
            stats->unchanged++;
        return st;
    }
    if (rc != SQLITE_DONE)
        return db_fail(r, err, "reading");
    sqlite3_reset(s->get_kind);
    int st = run4(r, s->ins_e, e->id, kind, ord, NULL, err);
    for (size_t i = 0; !st && i < e->nf; i++) {
        char *v = ilrs__value_store(e->f[i].v);
        st = v ? run4(r, s->put_f, e->id, e->f[i].def->name, v, NULL, err)
               : ilrs_error_set(err, ILRS_ENOMEM, "out of memory");
        free(v);
    }
    char *all = st ? NULL : entity_json(e);
    if (!st)
        st = history(r, s, "create", e->id, NULL, NULL, all ? all : kind, err);
    free(all);
    stats->created++;
    return st;
}

/* Entities in the registry that p does not name: kept or deleted. */
static int leftovers(ilrs_registry *r, stmts *s, const ilrs_program *p,
                     int prune, ilrs_import_stats *stats, ilrs_error *err)
{
    sqlite3_stmt *q;
    int st = prep(r, &q, "SELECT id FROM entity", err), rc;
    char **gone = NULL;
    size_t ngone = 0;
    while (!st && (rc = sqlite3_step(q)) == SQLITE_ROW) {
        const char *id = (const char *)sqlite3_column_text(q, 0);
        if (ilrs__program_entity(p, id))
            continue;
        stats->kept++;
        char **g = prune ? realloc(gone, (ngone + 1) * sizeof *g) : gone;
        if (prune && (!g || !(g[ngone] = strdup(id))))
            st = ilrs_error_set(err, ILRS_ENOMEM, "out of memory");
        gone = g;
        if (prune && !st)
            ngone++;
    }
    sqlite3_finalize(q);
    for (size_t i = 0; i < ngone; i++) {
        if (!st)
            st = history(r, s, "delete", gone[i], NULL, "(entity)", NULL, err);
        if (!st)
            st = run4(r, s->del_e, gone[i], NULL, NULL, NULL, err);
        free(gone[i]);
    }
    free(gone);
    if (prune) {
        stats->deleted = ngone;
        stats->kept -= ngone;
    }
    return st;
}

static int finish(ilrs_registry *r, int st, ilrs_error *err)
{
    if (st) {
        sqlite3_exec(r->db, "ROLLBACK", NULL, NULL, NULL);
        return st;
    }
    return exec(r, "COMMIT", err);
}

int ilrs_registry_import(ilrs_registry *r, const ilrs_program *p,
                         const char *user, int prune,
                         ilrs_registry_hook before_commit, void *hook_ctx,
                         ilrs_import_stats *stats, ilrs_error *err)
{
    ilrs_import_stats tmp;
    if (!stats)
        stats = &tmp;
    memset(stats, 0, sizeof *stats);
    stmts s;
    int st = exec(r, "BEGIN IMMEDIATE", err);
    if (st)
        return st;
    st = stmts_prep(r, &s, user, err);
    for (size_t i = 0; !st && i < p->n; i++)
        st = import_one(r, &s, &p->e[i], stats, err);
    if (!st)
        st = leftovers(r, &s, p, prune, stats, err);
    stmts_free(&s);
    if (!st && before_commit)
        before_commit(hook_ctx);
    return finish(r, st, err);
}

/* ---- reading the program back ------------------------------------------ */

static int load_rows(ilrs_registry *r, ilrs_program *p, ilrs_error *err)
{
    sqlite3_stmt *q;
    int st = prep(r, &q, "SELECT e.id, e.kind, e.ord, f.name, f.value FROM "
                  "entity e LEFT JOIN field f ON f.id = e.id ORDER BY e.id",
                  err);
    entity *cur = NULL;
    int rc;
    while (!st && (rc = sqlite3_step(q)) == SQLITE_ROW) {
        const char *id = (const char *)sqlite3_column_text(q, 0);
        const char *kn = (const char *)sqlite3_column_text(q, 1);
        if (!cur || strcmp(cur->id, id) != 0) {
            ilrs_program_kind k;
            if (!kn || ilrs_program_kind_parse(kn, &k) != ILRS_OK) {
                st = ilrs_error_set(err, ILRS_EFORMAT, "%s: entity %s has "
                                    "unknown kind '%s'", r->path, id,
                                    kn ? kn : "");
                break;
            }
            if (!(cur = ilrs__program_add(p, k, id, 0, 0))) {
                st = ilrs_error_set(err, ILRS_ENOMEM, "out of memory");
                break;
            }
            cur->ord = (long)sqlite3_column_int64(q, 2);
        }
        if (sqlite3_column_type(q, 3) == SQLITE_NULL)
            continue;
        const char *name = (const char *)sqlite3_column_text(q, 3);
        const fdef *d = ilrs__schema_field(cur->kind, name);
        json_t *v = ilrs__value_unstore((const char *)sqlite3_column_text(q, 4));
        if (!d || !v) {
            json_decref(v);
            st = ilrs_error_set(err, ILRS_EFORMAT, "%s: %s %s: unknown field "
                                "'%s' or unreadable value", r->path, kn, id,
                                name);
            break;
        }
        st = ilrs__entity_set(cur, d, v, 0, 0);
    }
    if (!st && rc != SQLITE_DONE)
        st = db_fail(r, err, "reading the program");
    sqlite3_finalize(q);
    return st;
}

int ilrs_registry_load(ilrs_registry *r, ilrs_program **out, ilrs_diag *diag,
                       ilrs_error *err)
{
    *out = NULL;
    ilrs_program *p = ilrs__program_new(r->path);
    if (!p)
        return ilrs_error_set(err, ILRS_ENOMEM, "out of memory");
    int st = load_rows(r, p, err);
    if (!st) {
        ilrs__program_sort(p);
        st = ilrs__program_index(p);
    }
    if (!st && ilrs__program_validate(p, diag))
        st = ilrs_error_set(err, ILRS_EFORMAT, "%s: the registry holds an "
                            "inconsistent program%s%s", r->path,
                            diag && diag->n ? ": " : "",
                            diag && diag->n ? diag->msg[0] : "");
    if (st) {
        ilrs_program_free(p);
        return st;
    }
    *out = p;
    return ILRS_OK;
}

/* ---- set, assign, history ----------------------------------------------- */

/* VALUE text as the file would read it: a YAML scalar or flow node. */
static int read_value(const fdef *d, const char *text, json_t **out,
                      ilrs_error *err)
{
    pnode *n;
    *out = NULL;
    if (d->type == FT_STR && strcmp(text, "null") != 0) {
        /* Text is taken as it is (no YAML: "a: b" stays text). */
        pnode s = {PN_SCALAR, 0, 0, (char *)(uintptr_t)text, 1, 0, NULL, NULL};
        char why[600];
        *out = ilrs__value_read(d, &s, why, sizeof why);
        return *out ? ILRS_OK
                    : ilrs_error_set(err, ILRS_EFORMAT, "%s: %s", d->name, why);
    }
    int st = ilrs__tree_yaml(text, strlen(text), "VALUE", &n, err);
    if (st == ILRS_EFORMAT && strcmp(err ? err->msg : "", "VALUE: empty file")
                                  == 0)
        return ILRS_OK; /* "" clears */
    if (st)
        return st;
    if (n->kind == PN_SCALAR && !n->quoted &&
        (strcmp(n->text, "null") == 0 || strcmp(n->text, "~") == 0)) {
        ilrs__tree_free(n);
        return ILRS_OK;
    }
    char why[600];
    *out = ilrs__value_read(d, n, why, sizeof why);
    ilrs__tree_free(n);
    if (!*out)
        return ilrs_error_set(err, ILRS_EFORMAT, "%s: %s", d->name, why);
    return ILRS_OK;
}

static int set_in(ilrs_registry *r, ilrs_program *p, const char *id,
                  const char *field, const char *value, const char *user,
                  ilrs_diag *diag, ilrs_error *err)
{
    entity *e = ilrs__program_entity(p, id);
    if (!e)
        return ilrs_error_set(err, ILRS_ENOTFOUND, "no entity '%s' in the "
                              "registry", id);
    const fdef *d = ilrs__schema_field(e->kind, field);
    if (strcmp(field, "id") == 0)
        return ilrs_error_set(err, ILRS_EINVAL, "ids cannot be changed");
    if (!d || d->type == FT_GROUP)
        return ilrs_error_set(err, ILRS_ENOTFOUND, "a %s has no field '%s' "
                              "(see docs/program-file.md)",
                              ilrs_program_kind_name(e->kind), field);
    json_t *v;
    int st = read_value(d, value, &v, err);
    if (st)
        return st;
    if (!v && d->required)
        return ilrs_error_set(err, ILRS_EFORMAT, "%s is required and cannot "
                              "be cleared", field);
    if (v)
        st = ilrs__entity_set(e, d, v, 0, 0);
    else
        ilrs__entity_unset(e, field);
    if (st)
        return ilrs_error_set(err, st, "out of memory");
    if (ilrs__program_validate(p, diag))
        return ilrs_error_set(err, ILRS_EFORMAT, "the change breaks a rule%s%s",
                              diag && diag->n ? ": " : "",
                              diag && diag->n ? diag->msg[0] : "");
    stmts s;
    size_t n = 0;
    st = stmts_prep(r, &s, user, err);
    if (!st)
        st = update_fields(r, &s, e, "set", &n, err);
    stmts_free(&s);
    return st;
}

int ilrs_registry_set(ilrs_registry *r, const char *id, const char *field,
                      const char *value, const char *user, ilrs_diag *diag,
                      ilrs_error *err)
{
    int st = exec(r, "BEGIN IMMEDIATE", err);
    if (st)
        return st;
    ilrs_program *p;
    st = ilrs_registry_load(r, &p, diag, err);
    if (!st) {
        st = set_in(r, p, id, field, value, user, diag, err);
        ilrs_program_free(p);
    }
    return finish(r, st, err);
}

int ilrs_registry_assign(ilrs_registry *r, const char *const *ids,
                         const char *const *missions, size_t n,
                         const char *user, size_t *changed, ilrs_error *err)
{
    size_t nch = 0;
    int st = exec(r, "BEGIN IMMEDIATE", err);
    if (st)
        return st;
    stmts s;
    st = stmts_prep(r, &s, user, err);
    for (size_t i = 0; !st && i < n; i++) {
        stored old;
        if (missions[i]) {
            sqlite3_reset(s.get_kind);
            bind_text(s.get_kind, 1, missions[i]);
            int rc = sqlite3_step(s.get_kind);
            int ok = rc == SQLITE_ROW &&
                     strcmp((const char *)sqlite3_column_text(s.get_kind, 0),
                            "mission") == 0;
            sqlite3_reset(s.get_kind);
            if (!ok) {
                st = ilrs_error_set(err, ILRS_ENOTFOUND, "no mission '%s' in "
                                    "the registry", missions[i]);
                break;
            }
        }
        if ((st = stored_get(r, &s, ids[i], &old, err)) != ILRS_OK)
            break;
        const char *was = stored_find(&old, "assigned");
        char *now = NULL;
        if (missions[i]) {
            json_t *j = json_string(missions[i]);
            now = j ? ilrs__value_store(j) : NULL;
            json_decref(j);
        }
        if ((was == NULL) != (now == NULL) || (was && strcmp(was, now) != 0)) {
            st = now ? run4(r, s.put_f, ids[i], "assigned", now, NULL, err)
                     : run4(r, s.del_f, ids[i], "assigned", NULL, NULL, err);
            if (!st)
                st = history(r, &s, "allocate", ids[i], "assigned", was, now,
                             err);
            nch++;
        }
        free(now);
        stored_free(&old);
    }
    stmts_free(&s);
    if (changed)
        *changed = nch;
    return finish(r, st, err);
}

int ilrs_registry_history(ilrs_registry *r, const char *id,
                          ilrs_history_fn fn, void *ctx, ilrs_error *err)
{
    sqlite3_stmt *q;
    int st = prep(r, &q, id ? "SELECT seq, at, who, action, id, field, old, "
                              "new FROM history WHERE id = ? ORDER BY seq"
                            : "SELECT seq, at, who, action, id, field, old, "
                              "new FROM history ORDER BY seq", err);
    if (st)
        return st;
    if (id)
        bind_text(q, 1, id);
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        ilrs_history_row row = {
            (long)sqlite3_column_int64(q, 0),
            (const char *)sqlite3_column_text(q, 1),
            (const char *)sqlite3_column_text(q, 2),
            (const char *)sqlite3_column_text(q, 3),
            (const char *)sqlite3_column_text(q, 4),
            (const char *)sqlite3_column_text(q, 5),
            (const char *)sqlite3_column_text(q, 6),
            (const char *)sqlite3_column_text(q, 7)};
        if ((st = fn(ctx, &row)) != 0)
            break;
    }
    if (!st && rc != SQLITE_DONE)
        st = db_fail(r, err, "reading history");
    sqlite3_finalize(q);
    return st;
}
