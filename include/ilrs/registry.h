/*
 * ilrs/registry.h -- the program registry: one SQLite file holding the
 * entities of a program, their fields, and the history of every change.
 *
 * The schema is versioned (PRAGMA user_version) and migrated forward on
 * open; the file is marked as ours (PRAGMA application_id 0x494C5253,
 * "ILRS"). Journal mode is WAL with a busy timeout, and every write (an
 * import, a set, an applied plan) is one transaction, so a process killed
 * at any moment leaves the registry as it was before or after that write,
 * and several processes may write at once (each waits for the others).
 * A handle is used by one thread at a time.
 */
#ifndef ILRS_REGISTRY_H
#define ILRS_REGISTRY_H

#include <stddef.h>

#include "ilrs/core.h"
#include "ilrs/program.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ilrs_registry ilrs_registry;

/* The schema version this library writes, and the application id. */
#define ILRS_REGISTRY_VERSION 2
#define ILRS_REGISTRY_APP_ID 0x494C5253

/* How long a writer waits for another to finish (ms). */
#define ILRS_REGISTRY_BUSY_MS 30000

/*
 * ilrs_registry_open -- open a registry file.
 * Given:
 *   path    the file
 *   create  1: create it (or migrate an older schema) if needed;
 *           0: it must exist (read-only use never creates a file)
 * Returned:
 *   out     the handle; close with ilrs_registry_close
 * Returns: ILRS_OK; ILRS_EIO (cannot open, or missing with create 0);
 *   ILRS_EFORMAT (not an SQLite file, corrupt, or an SQLite file that is
 *   not a registry); ILRS_EUNSUPPORTED (written by a newer version:
 *   schema version above ILRS_REGISTRY_VERSION). Nothing is written to a
 *   file that is refused.
 */
int ilrs_registry_open(const char *path, int create, ilrs_registry **out,
                       ilrs_error *err);
void ilrs_registry_close(ilrs_registry *r);

/* ilrs_registry_version -- the schema version of the open file. */
int ilrs_registry_version(const ilrs_registry *r);

/* What an import changed. */
typedef struct ilrs_import_stats {
    size_t created, updated, unchanged, kept; /* kept: in the registry,
                                                 not in the file */
    size_t deleted;                           /* with prune */
} ilrs_import_stats;

/* Called inside the import's transaction just before it commits (tests
   use it to kill the process there); may be NULL. */
typedef void (*ilrs_registry_hook)(void *ctx);

/*
 * ilrs_registry_import -- store a program: entities new to the registry
 * are created, those with the same id replaced field by field (history
 * records each changed field), those absent from p kept (prune 0) or
 * deleted (prune 1). Importing the same program twice changes nothing.
 * One transaction. Returns: ILRS_OK; ILRS_EINVAL when an id changes kind,
 *   or the result would have dangling references; ILRS_EIO on an SQLite
 *   failure (err says which).
 */
int ilrs_registry_import(ilrs_registry *r, const ilrs_program *p,
                         const char *user, int prune,
                         ilrs_registry_hook before_commit, void *hook_ctx,
                         ilrs_import_stats *stats, ilrs_error *err);

/*
 * ilrs_registry_load -- the program the registry holds (validated as a
 * program file is). Returns: ILRS_OK; ILRS_EIO; ILRS_EFORMAT (diag says
 * what is inconsistent); ILRS_ENOMEM. Free with ilrs_program_free.
 */
int ilrs_registry_load(ilrs_registry *r, ilrs_program **out, ilrs_diag *diag,
                       ilrs_error *err);

/*
 * ilrs_registry_set -- change one field of one entity: VALUE is read as
 * the file would read it ("12 kg", "2026-08", "true", "CE-7"; "null"
 * clears an optional field) and the whole program is validated again
 * before the change is written, with its history, in one transaction.
 * Returns: ILRS_OK; ILRS_ENOTFOUND (no such id or field); ILRS_EFORMAT
 *   (bad value, or the change breaks a rule: diag says which); ILRS_EIO.
 */
int ilrs_registry_set(ilrs_registry *r, const char *id, const char *field,
                      const char *value, const char *user, ilrs_diag *diag,
                      ilrs_error *err);

/*
 * ilrs_registry_assign -- record a plan: payload `ids[i]` assigned to
 * mission `missions[i]` (NULL: unassigned), for n payloads, in one
 * transaction with history (action "allocate"). Returns as set.
 */
int ilrs_registry_assign(ilrs_registry *r, const char *const *ids,
                         const char *const *missions, size_t n,
                         const char *user, size_t *changed, ilrs_error *err);

/* One change in the history. */
typedef struct ilrs_history_row {
    long seq;            /* order of the change */
    const char *at;      /* when (UTC, ISO 8601 with Z) */
    const char *who;     /* user name */
    const char *action;  /* create, update, delete, set, allocate */
    const char *id;      /* entity */
    const char *field;   /* field, or NULL for a whole entity */
    const char *old_value, *new_value; /* NULL where none */
} ilrs_history_row;
typedef int (*ilrs_history_fn)(void *ctx, const ilrs_history_row *row);

/*
 * ilrs_registry_history -- call fn for each change (of entity `id`, or
 * all when NULL), oldest first. A nonzero return from fn stops the walk
 * and is returned. Returns: ILRS_OK; ILRS_EIO.
 */
int ilrs_registry_history(ilrs_registry *r, const char *id,
                          ilrs_history_fn fn, void *ctx, ilrs_error *err);

#ifdef __cplusplus
}
#endif
#endif
