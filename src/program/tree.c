/* tree.c -- YAML (libyaml) and JSON (jansson) text to one document tree,
   with line and column of every YAML node. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "program/program_int.h"

/* Most nodes one document may expand to (aliases count each use): bounds
   memory against "billion laughs" documents. */
#define MAX_NODES 4000000L

void ilrs__tree_free(pnode *n)
{
    if (!n)
        return;
    for (size_t i = 0; i < n->n; i++) {
        if (n->keys)
            ilrs__tree_free(n->keys[i]);
        ilrs__tree_free(n->kids[i]);
    }
    free(n->keys);
    free(n->kids);
    free(n->text);
    free(n);
}

static pnode *node_new(pn_kind kind, int line, int col, size_t n)
{
    pnode *p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    p->kind = kind;
    p->line = line;
    p->col = col;
    if (n) {
        p->kids = calloc(n, sizeof *p->kids);
        if (kind == PN_MAP)
            p->keys = calloc(n, sizeof *p->keys);
        if (!p->kids || (kind == PN_MAP && !p->keys)) {
            free(p->kids);
            free(p->keys);
            free(p);
            return NULL;
        }
    }
    return p;
}

static pnode *scalar_new(const char *text, size_t len, int quoted, int line,
                         int col)
{
    pnode *p = node_new(PN_SCALAR, line, col, 0);
    if (!p)
        return NULL;
    p->text = malloc(len + 1);
    if (!p->text) {
        free(p);
        return NULL;
    }
    memcpy(p->text, text, len);
    p->text[len] = '\0';
    p->quoted = quoted;
    return p;
}

typedef struct {
    yaml_document_t *doc;
    long count;
    const char *name;
    ilrs_error *err;
} ycv;

static int yconv(ycv *c, yaml_node_t *y, int depth, pnode **out)
{
    int line = (int)y->start_mark.line + 1, col = (int)y->start_mark.column + 1;
    if (depth > ILRS_PROGRAM_MAX_DEPTH || ++c->count > MAX_NODES)
        return ilrs_error_set(c->err, ILRS_ELIMIT,
                              "%s:%d:%d: document nested deeper than %d or "
                              "larger than %ld nodes (aliases count each use)",
                              c->name, line, col, ILRS_PROGRAM_MAX_DEPTH,
                              MAX_NODES);
    pnode *p = NULL;
    if (y->type == YAML_SCALAR_NODE) {
        p = scalar_new((const char *)y->data.scalar.value,
                       y->data.scalar.length,
                       y->data.scalar.style != YAML_PLAIN_SCALAR_STYLE, line,
                       col);
        if (!p)
            return ILRS_ENOMEM;
    } else if (y->type == YAML_SEQUENCE_NODE) {
        size_t n = (size_t)(y->data.sequence.items.top -
                            y->data.sequence.items.start);
        if (!(p = node_new(PN_SEQ, line, col, n)))
            return ILRS_ENOMEM;
        for (size_t i = 0; i < n; i++) {
            yaml_node_t *k = yaml_document_get_node(
                c->doc, y->data.sequence.items.start[i]);
            int st = k ? yconv(c, k, depth + 1, &p->kids[p->n]) : ILRS_EFORMAT;
            if (st) {
                ilrs__tree_free(p);
                return st;
            }
            p->n++;
        }
    } else if (y->type == YAML_MAPPING_NODE) {
        size_t n = (size_t)(y->data.mapping.pairs.top -
                            y->data.mapping.pairs.start);
        if (!(p = node_new(PN_MAP, line, col, n)))
            return ILRS_ENOMEM;
        for (size_t i = 0; i < n; i++) {
            yaml_node_pair_t *pr = &y->data.mapping.pairs.start[i];
            yaml_node_t *k = yaml_document_get_node(c->doc, pr->key);
            yaml_node_t *v = yaml_document_get_node(c->doc, pr->value);
            int st = (k && v) ? yconv(c, k, depth + 1, &p->keys[p->n])
                              : ILRS_EFORMAT;
            /* A key that is a map or list has no text: give it "" so that
               key comparisons need no special case (readers report it). */
            if (!st && !p->keys[p->n]->text &&
                !(p->keys[p->n]->text = calloc(1, 1))) {
                ilrs__tree_free(p->keys[p->n]);
                p->keys[p->n] = NULL;
                st = ILRS_ENOMEM;
            }
            if (!st) {
                st = yconv(c, v, depth + 1, &p->kids[p->n]);
                if (st) {
                    ilrs__tree_free(p->keys[p->n]);
                    p->keys[p->n] = NULL;
                }
            }
            if (st) {
                ilrs__tree_free(p);
                return st;
            }
            p->n++;
        }
    } else {
        return ilrs_error_set(c->err, ILRS_EFORMAT, "%s:%d:%d: empty node",
                              c->name, line, col);
    }
    *out = p;
    return ILRS_OK;
}

int ilrs__tree_yaml(const char *text, size_t len, const char *name,
                    pnode **out, ilrs_error *err)
{
    yaml_parser_t parser;
    yaml_document_t doc;
    *out = NULL;
    if (!yaml_parser_initialize(&parser))
        return ilrs_error_set(err, ILRS_ENOMEM, "out of memory");
    yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
    if (!yaml_parser_load(&parser, &doc)) {
        int st = ilrs_error_set(
            err, parser.error == YAML_MEMORY_ERROR ? ILRS_ENOMEM : ILRS_EFORMAT,
            "%s:%lu:%lu: not valid YAML: %s%s%s", name,
            (unsigned long)parser.problem_mark.line + 1,
            (unsigned long)parser.problem_mark.column + 1,
            parser.problem ? parser.problem : "unknown problem",
            parser.context ? " " : "", parser.context ? parser.context : "");
        yaml_parser_delete(&parser);
        return st;
    }
    yaml_node_t *root = yaml_document_get_root_node(&doc);
    int st;
    if (!root) {
        st = ilrs_error_set(err, ILRS_EFORMAT, "%s: empty file", name);
    } else {
        ycv c = {&doc, 0, name, err};
        st = yconv(&c, root, 0, out);
        if (st == ILRS_ENOMEM)
            ilrs_error_set(err, st, "out of memory");
    }
    yaml_document_delete(&doc);
    yaml_parser_delete(&parser);
    return st;
}

static int jconv(json_t *j, int depth, long *count, pnode **out,
                 const char *name, ilrs_error *err)
{
    if (depth > ILRS_PROGRAM_MAX_DEPTH || ++*count > MAX_NODES)
        return ilrs_error_set(err, ILRS_ELIMIT,
                              "%s: document nested deeper than %d", name,
                              ILRS_PROGRAM_MAX_DEPTH);
    char buf[64];
    pnode *p = NULL;
    switch (json_typeof(j)) {
    case JSON_OBJECT: {
        size_t n = json_object_size(j), i = 0;
        const char *k;
        json_t *v;
        if (!(p = node_new(PN_MAP, 0, 0, n)))
            return ILRS_ENOMEM;
        json_object_foreach(j, k, v) {
            if (i == n)
                break;
            p->keys[i] = scalar_new(k, strlen(k), 1, 0, 0);
            int st = p->keys[i] ? jconv(v, depth + 1, count, &p->kids[i],
                                        name, err)
                                : ILRS_ENOMEM;
            p->n = i + 1;
            if (st) {
                ilrs__tree_free(p);
                return st;
            }
            i++;
        }
        break;
    }
    case JSON_ARRAY: {
        size_t n = json_array_size(j);
        if (!(p = node_new(PN_SEQ, 0, 0, n)))
            return ILRS_ENOMEM;
        for (size_t i = 0; i < n; i++) {
            int st = jconv(json_array_get(j, i), depth + 1, count,
                           &p->kids[i], name, err);
            if (st) {
                ilrs__tree_free(p);
                return st;
            }
            p->n = i + 1;
        }
        break;
    }
    case JSON_STRING:
        p = scalar_new(json_string_value(j), json_string_length(j), 1, 0, 0);
        break;
    case JSON_INTEGER:
        snprintf(buf, sizeof buf, "%" JSON_INTEGER_FORMAT,
                 json_integer_value(j));
        p = scalar_new(buf, strlen(buf), 0, 0, 0);
        break;
    case JSON_REAL:
        snprintf(buf, sizeof buf, "%.17g", json_real_value(j));
        p = scalar_new(buf, strlen(buf), 0, 0, 0);
        break;
    case JSON_TRUE:
        p = scalar_new("true", 4, 0, 0, 0);
        break;
    case JSON_FALSE:
        p = scalar_new("false", 5, 0, 0, 0);
        break;
    default:
        p = scalar_new("null", 4, 0, 0, 0);
        break;
    }
    if (!p)
        return ILRS_ENOMEM;
    *out = p;
    return ILRS_OK;
}

int ilrs__tree_json(const char *text, size_t len, const char *name,
                    pnode **out, ilrs_error *err)
{
    json_error_t je;
    *out = NULL;
    json_t *j = json_loadb(text, len, JSON_REJECT_DUPLICATES, &je);
    if (!j)
        return ilrs_error_set(err, ILRS_EFORMAT,
                              "%s:%d:%d: not valid JSON: %s", name, je.line,
                              je.column, je.text);
    long count = 0;
    int st = jconv(j, 0, &count, out, name, err);
    if (st == ILRS_ENOMEM)
        ilrs_error_set(err, st, "out of memory");
    json_decref(j);
    return st;
}
