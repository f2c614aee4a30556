/* program_int.h -- private pieces of the program module. */
#ifndef ILRS_PROGRAM_INT_H
#define ILRS_PROGRAM_INT_H

#include <jansson.h>

#include "ilrs/program.h"

/* ---- the parsed document: YAML or JSON as one tree ---------------------- */

typedef enum { PN_SCALAR, PN_MAP, PN_SEQ } pn_kind;

typedef struct pnode {
    pn_kind kind;
    int line, col;          /* 1-based; 0 when unknown (JSON values) */
    char *text;             /* scalar text */
    int quoted;             /* scalar was quoted: a string for sure */
    size_t n;               /* map pairs or sequence items */
    struct pnode **keys;    /* map: key scalars */
    struct pnode **kids;    /* map values or sequence items */
} pnode;

/* Parse text into a tree. Returns ILRS_OK, ILRS_EFORMAT (err has
   "NAME:LINE:COL: ..."), ILRS_ELIMIT, ILRS_ENOMEM. */
int ilrs__tree_yaml(const char *text, size_t len, const char *name,
                    pnode **out, ilrs_error *err);
int ilrs__tree_json(const char *text, size_t len, const char *name,
                    pnode **out, ilrs_error *err);
void ilrs__tree_free(pnode *n);

/* ---- schema ----------------------------------------------------------- */

typedef enum {
    FT_STR,      /* text */
    FT_NUM,      /* a quantity with a unit dimension (or none) */
    FT_YEAR,     /* a calendar year */
    FT_BOOL,
    FT_WINDOW,   /* "2026", "2026-08", "2024-05-03", or {from, to} */
    FT_ENUM,
    FT_REF,      /* the id of an entity of kind ref */
    FT_REFLIST,  /* a list of such ids */
    FT_C3TABLE,  /* a list of {c3, mass} */
    FT_GROUP     /* a nested map of sub-fields */
} ftype;

typedef enum {
    UD_NONE, UD_MASS, UD_POWER, UD_DATA, UD_VOLUME, UD_LENGTH, UD_LAT,
    UD_LON, UD_C3
} udim;

typedef struct fdef {
    const char *name;   /* storage name ("budget.mass" for group members) */
    const char *key;    /* key in the file ("mass") */
    ftype type;
    int required;
    udim dim;
    double min, max;    /* allowed range of numbers (canonical units) */
    const char *const *choices; /* FT_ENUM, NULL-terminated */
    int ref;            /* FT_REF/FT_REFLIST: ilrs_program_kind */
    const struct fdef *sub; /* FT_GROUP: members, ended by name NULL */
    const char *doc;    /* one line, with the unit */
} fdef;

/* The fields of a kind, ended by an entry with name NULL. */
const fdef *ilrs__schema(ilrs_program_kind k);
/* The field named `name` ("budget.mass" too) of a kind, or NULL. */
const fdef *ilrs__schema_field(ilrs_program_kind k, const char *name);
/* Canonical unit of a dimension ("kg") and what the file may write. */
const char *ilrs__unit_name(udim d);
const char *ilrs__unit_choices(udim d);

/* ---- entities ----------------------------------------------------------- */

typedef struct efield {
    const fdef *def;
    json_t *v;          /* canonical value */
    int line, col;
} efield;

typedef struct entity {
    ilrs_program_kind kind;
    char *id;
    efield *f;
    size_t nf, capf;
    int line, col;
    long ord;           /* position in its kind */
} entity;

typedef struct ilrs__idx {
    const char *id;
    size_t i;
} ilrs__idx;

struct ilrs_program {
    entity *e;
    size_t n, cap;
    char *name;         /* file name for messages */
    ilrs__idx *index;   /* entity indices sorted by id (valid when
                           nindex == n) */
    size_t nindex;
};

/* Build the id index (after the entities are all added). */
int ilrs__program_index(ilrs_program *p);

ilrs_program *ilrs__program_new(const char *name);
entity *ilrs__program_add(ilrs_program *p, ilrs_program_kind k,
                          const char *id, int line, int col);
/* Set (or replace) field def of e to v (reference taken). */
int ilrs__entity_set(entity *e, const fdef *def, json_t *v, int line, int col);
void ilrs__entity_unset(entity *e, const char *name);
efield *ilrs__entity_get(const entity *e, const char *name);
entity *ilrs__program_entity(const ilrs_program *p, const char *id);
/* Sort entities by kind then ord (stable), as files list them. */
void ilrs__program_sort(ilrs_program *p);

/*
 * Read one scalar or node as field def: the canonical value, or NULL with
 * the problem in why ("expected ..., found ...").
 */
json_t *ilrs__value_read(const fdef *def, const pnode *n, char *why,
                         size_t size);
/* The canonical value as text for people (ilrs_program_field). */
void ilrs__value_text(const fdef *def, const json_t *v, char *buf,
                      size_t size);
/* Stored form (compact JSON) and back. */
char *ilrs__value_store(const json_t *v);
json_t *ilrs__value_unstore(const char *s);
/* Round to 15 significant digits. */
double ilrs__round15(double x);
/* The earliest TDB second of a window value (0 if unparseable). */
double ilrs__window_start(const json_t *v);
/* Start and end (TDB s) of a window value; 0 OK, -1 unreadable. */
int ilrs__window_range(const json_t *v, double *t0, double *t1);

/* Rules across fields and entities: references, duplicates, orders.
   Adds one diag line per problem; returns the number of problems. */
size_t ilrs__program_validate(const ilrs_program *p, ilrs_diag *d);

/* "FILE:LINE:COL: " prefix (or "FILE: " without position). */
void ilrs__where(char *buf, size_t size, const char *file, int line, int col);

#endif
