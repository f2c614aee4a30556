/* export.c -- a program back to a file: YAML (libyaml's emitter) or JSON
   (jansson), quantities as plain numbers in canonical units. */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "program/program_int.h"

typedef struct {
    char *buf;
    size_t len, cap;
    int oom;
} sbuf;

static int sbuf_write(void *data, unsigned char *bytes, size_t size)
{
    sbuf *s = data;
    if (s->len + size + 1 > s->cap) {
        size_t cap = s->cap ? s->cap : 65536;
        while (cap < s->len + size + 1)
            cap *= 2;
        char *nb = realloc(s->buf, cap);
        if (!nb) {
            s->oom = 1;
            return 0;
        }
        s->buf = nb;
        s->cap = cap;
    }
    memcpy(s->buf + s->len, bytes, size);
    s->len += size;
    s->buf[s->len] = '\0';
    return 1;
}

/* Text a YAML reader would take for something other than a string (a
   number, date, boolean or null under YAML 1.1 or 1.2): quote it. */
static int looks_typed(const char *s)
{
    static const char *const words[] = {"y", "n", "yes", "no", "on", "off",
                                        "true", "false", "null", "~", NULL};
    if (!s[0] || isdigit((unsigned char)s[0]) || strchr("+-.<=", s[0]))
        return 1;
    for (int i = 0; words[i]; i++) {
        size_t k = 0;
        while (s[k] && words[i][k] &&
               tolower((unsigned char)s[k]) == words[i][k])
            k++;
        if (!s[k] && !words[i][k])
            return 1;
    }
    return 0;
}

static int emit(yaml_emitter_t *em, yaml_event_t *ev)
{
    return yaml_emitter_emit(em, ev) ? 0 : -1;
}

static int e_scalar(yaml_emitter_t *em, const char *text, int string)
{
    yaml_event_t ev;
    yaml_scalar_style_t style = YAML_ANY_SCALAR_STYLE;
    if (string && looks_typed(text))
        style = YAML_DOUBLE_QUOTED_SCALAR_STYLE;
    if (!yaml_scalar_event_initialize(&ev, NULL, NULL,
                                      (yaml_char_t *)(uintptr_t)text,
                                      (int)strlen(text), 1, 1, style))
        return -1;
    return emit(em, &ev);
}

/* A double as a YAML float/int both YAML 1.1 and 1.2 readers parse. */
static void num_text(double x, char *buf, size_t size)
{
    snprintf(buf, size, "%.15g", x);
    char *e = strchr(buf, 'e');
    if (e && !strchr(buf, '.')) {
        char tail[32];
        snprintf(tail, sizeof tail, "%s", e);
        snprintf(e, size - (size_t)(e - buf), ".0%s", tail);
    }
}

static int e_start(yaml_emitter_t *em, int map, int flow)
{
    yaml_event_t ev;
    int ok = map ? yaml_mapping_start_event_initialize(
                       &ev, NULL, NULL, 1,
                       flow ? YAML_FLOW_MAPPING_STYLE : YAML_BLOCK_MAPPING_STYLE)
                 : yaml_sequence_start_event_initialize(
                       &ev, NULL, NULL, 1,
                       flow ? YAML_FLOW_SEQUENCE_STYLE
                            : YAML_BLOCK_SEQUENCE_STYLE);
    return ok ? emit(em, &ev) : -1;
}

static int e_end(yaml_emitter_t *em, int map)
{
    yaml_event_t ev;
    int ok = map ? yaml_mapping_end_event_initialize(&ev)
                 : yaml_sequence_end_event_initialize(&ev);
    return ok ? emit(em, &ev) : -1;
}

static int e_value(yaml_emitter_t *em, const json_t *v)
{
    char buf[64];
    switch (json_typeof(v)) {
    case JSON_STRING:
        return e_scalar(em, json_string_value(v), 1);
    case JSON_REAL:
        num_text(json_real_value(v), buf, sizeof buf);
        return e_scalar(em, buf, 0);
    case JSON_INTEGER:
        snprintf(buf, sizeof buf, "%" JSON_INTEGER_FORMAT,
                 json_integer_value(v));
        return e_scalar(em, buf, 0);
    case JSON_TRUE:
        return e_scalar(em, "true", 0);
    case JSON_FALSE:
        return e_scalar(em, "false", 0);
    case JSON_ARRAY: {
        int table = json_array_size(v) && json_is_array(json_array_get(v, 0));
        if (e_start(em, 0, !table))
            return -1;
        for (size_t i = 0; i < json_array_size(v); i++) {
            json_t *x = json_array_get(v, i);
            if (table) {
                if (e_start(em, 1, 1) || e_scalar(em, "c3", 0) ||
                    e_value(em, json_array_get(x, 0)) ||
                    e_scalar(em, "mass", 0) ||
                    e_value(em, json_array_get(x, 1)) || e_end(em, 1))
                    return -1;
            } else if (e_value(em, x)) {
                return -1;
            }
        }
        return e_end(em, 0);
    }
    default:
        return e_scalar(em, "null", 0);
    }
}

static int e_entity(yaml_emitter_t *em, const entity *e)
{
    if (e_start(em, 1, 0) || e_scalar(em, "id", 0) || e_scalar(em, e->id, 1))
        return -1;
    for (const fdef *d = ilrs__schema(e->kind); d->name; d++) {
        if (d->type == FT_GROUP) {
            int any = 0;
            for (const fdef *g = d->sub; g->name; g++)
                any |= ilrs__entity_get(e, g->name) != NULL;
            if (!any)
                continue;
            if (e_scalar(em, d->key, 0) || e_start(em, 1, 0))
                return -1;
            for (const fdef *g = d->sub; g->name; g++) {
                efield *f = ilrs__entity_get(e, g->name);
                if (f && (e_scalar(em, g->key, 0) || e_value(em, f->v)))
                    return -1;
            }
            if (e_end(em, 1))
                return -1;
            continue;
        }
        efield *f = ilrs__entity_get(e, d->name);
        if (f && (e_scalar(em, d->key, 0) || e_value(em, f->v)))
            return -1;
    }
    return e_end(em, 1);
}

static int export_yaml(const ilrs_program *p, sbuf *s)
{
    yaml_emitter_t em;
    yaml_event_t ev;
    if (!yaml_emitter_initialize(&em))
        return ILRS_ENOMEM;
    yaml_emitter_set_output(&em, sbuf_write, s);
    yaml_emitter_set_unicode(&em, 1);
    yaml_emitter_set_width(&em, 100);
    int bad = !yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING) ||
              emit(&em, &ev) ||
              !yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 1) ||
              emit(&em, &ev) || e_start(&em, 1, 0);
    for (int k = 0; !bad && k < ILRS_PK_COUNT; k++) {
        size_t n = ilrs_program_count(p, (ilrs_program_kind)k);
        if (!n)
            continue;
        bad = e_scalar(&em, ilrs_program_kind_section((ilrs_program_kind)k), 0);
        if (!bad && k != ILRS_PK_PROGRAM)
            bad = e_start(&em, 0, 0);
        for (size_t i = 0; !bad && i < p->n; i++)
            if ((int)p->e[i].kind == k) {
                bad = e_entity(&em, &p->e[i]);
                if (k == ILRS_PK_PROGRAM)
                    break;
            }
        if (!bad && k != ILRS_PK_PROGRAM)
            bad = e_end(&em, 0);
    }
    bad = bad || e_end(&em, 1) ||
          !yaml_document_end_event_initialize(&ev, 1) || emit(&em, &ev) ||
          !yaml_stream_end_event_initialize(&ev) || emit(&em, &ev) ||
          !yaml_emitter_flush(&em);
    yaml_emitter_delete(&em);
    return bad || s->oom ? ILRS_ENOMEM : ILRS_OK;
}

static json_t *j_value(const json_t *v)
{
    if (json_is_array(v) && json_array_size(v) &&
        json_is_array(json_array_get(v, 0))) {
        json_t *a = json_array();
        for (size_t i = 0; i < json_array_size(v); i++) {
            json_t *x = json_array_get(v, i);
            json_array_append_new(a, json_pack("{sOsO}", "c3",
                                               json_array_get(x, 0), "mass",
                                               json_array_get(x, 1)));
        }
        return a;
    }
    return json_deep_copy(v);
}

static json_t *j_entity(const entity *e)
{
    json_t *o = json_object();
    json_object_set_new(o, "id", json_string(e->id));
    for (const fdef *d = ilrs__schema(e->kind); d->name; d++) {
        if (d->type == FT_GROUP) {
            json_t *g = json_object();
            for (const fdef *m = d->sub; m->name; m++) {
                efield *f = ilrs__entity_get(e, m->name);
                if (f)
                    json_object_set_new(g, m->key, j_value(f->v));
            }
            if (json_object_size(g))
                json_object_set_new(o, d->key, g);
            else
                json_decref(g);
            continue;
        }
        efield *f = ilrs__entity_get(e, d->name);
        if (f)
            json_object_set_new(o, d->key, j_value(f->v));
    }
    return o;
}

static int export_json(const ilrs_program *p, sbuf *s)
{
    json_t *root = json_object();
    for (int k = 0; k < ILRS_PK_COUNT; k++) {
        json_t *list = json_array();
        for (size_t i = 0; i < p->n; i++)
            if ((int)p->e[i].kind == k)
                json_array_append_new(list, j_entity(&p->e[i]));
        if (k == ILRS_PK_PROGRAM && json_array_size(list))
            json_object_set(root, "program", json_array_get(list, 0));
        else if (k != ILRS_PK_PROGRAM && json_array_size(list))
            json_object_set(root, ilrs_program_kind_section((ilrs_program_kind)k),
                            list);
        json_decref(list);
    }
    char *text = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER |
                                      JSON_REAL_PRECISION(15));
    json_decref(root);
    if (!text)
        return ILRS_ENOMEM;
    s->buf = text;
    s->len = strlen(text);
    return ILRS_OK;
}

int ilrs_program_export(const ilrs_program *p, int json, char **text,
                        size_t *len, ilrs_error *err)
{
    sbuf s = {NULL, 0, 0, 0};
    int st = json ? export_json(p, &s) : export_yaml(p, &s);
    if (st) {
        free(s.buf);
        return ilrs_error_set(err, st, "out of memory while exporting");
    }
    *text = s.buf;
    if (len)
        *len = s.len;
    return ILRS_OK;
}
