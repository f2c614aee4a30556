/*
 * ephem.c -- the ephemeris context: sources, segment index, chaining.
 *
 * Segments are indexed by target body in a small open-addressing hash
 * table; each body keeps its segments in load order and a query takes the
 * newest one covering the epoch. A state of target relative to center is
 * the sum along target's chain of segments up to the first body it shares
 * with center's chain, minus the same for center.
 */
#include "ephem/ephem_int.h"

#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ilrs/time.h"
#include "ilrs/vec.h"
#include <strings.h>

/* Longest chain of segments from a body to its root (SSB). Real kernels
   need 3 (Moon -> EMB -> SSB); the bound stops loops in bad files. */
#define MAX_CHAIN 16

typedef struct {
    char *label;
    void *data;
    void (*close)(void *data);
} src_entry;

typedef struct {
    int body;        /* NAIF id; slot empty when nseg == 0 */
    size_t nseg, cap;
    size_t *seg;     /* indices into e->seg, in load order */
} body_slot;

typedef struct {
    int id;
    char *name;
} named_body;

/* Bodies added with ilrs_ephem_add_conic: one source for all of them. */
typedef struct {
    ilrs_conic **c;      /* each allocated alone: segments point at them */
    size_t n, cap;
} conic_set;

struct ilrs_ephem {
    src_entry *src;
    size_t nsrc, capsrc;
    ilrs__segment *seg;
    size_t nseg, capseg;
    ilrs__orient *ori;
    size_t nori, capori;
    body_slot *slot;     /* hash table, capslot a power of two */
    size_t nslot, capslot;
    named_body *names;
    size_t nnames, capnames;
    char *label;         /* the sources' labels joined by "; " */
    conic_set *conics;   /* bodies on Keplerian orbits, or NULL */
};

/* ---- growing arrays ------------------------------------------------------ */

static int grow(void **p, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return ILRS_OK;
    size_t ncap = *cap ? *cap * 2 : 8;
    while (ncap < need)
        ncap *= 2;
    if (ncap > SIZE_MAX / size)
        return ILRS_ENOMEM;
    void *q = realloc(*p, ncap * size);
    if (!q)
        return ILRS_ENOMEM;
    *p = q;
    *cap = ncap;
    return ILRS_OK;
}

static char *dup_str(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = malloc(n);
    if (d)
        memcpy(d, s, n);
    return d;
}

/* ---- body index ---------------------------------------------------------- */

static size_t hash_id(int id, size_t cap)
{
    uint32_t h = (uint32_t)id * 2654435761u;
    return (size_t)h & (cap - 1);
}

static const body_slot *find_slot(const ilrs_ephem *e, int body)
{
    if (!e->capslot)
        return NULL;
    for (size_t i = hash_id(body, e->capslot);; i = (i + 1) & (e->capslot - 1)) {
        const body_slot *s = &e->slot[i];
        if (!s->nseg)
            return NULL;
        if (s->body == body)
            return s;
    }
}

static body_slot *insert_slot(body_slot *tab, size_t cap, int body)
{
    for (size_t i = hash_id(body, cap);; i = (i + 1) & (cap - 1))
        if (!tab[i].nseg || tab[i].body == body)
            return &tab[i];
}

static int rehash(ilrs_ephem *e)
{
    size_t ncap = e->capslot ? e->capslot * 2 : 16;
    body_slot *tab = calloc(ncap, sizeof *tab);
    if (!tab)
        return ILRS_ENOMEM;
    for (size_t i = 0; i < e->capslot; i++)
        if (e->slot[i].nseg)
            *insert_slot(tab, ncap, e->slot[i].body) = e->slot[i];
    free(e->slot);
    e->slot = tab;
    e->capslot = ncap;
    return ILRS_OK;
}

static int index_segment(ilrs_ephem *e, int body, size_t k)
{
    if ((e->nslot + 1) * 2 > e->capslot && rehash(e) != ILRS_OK)
        return ILRS_ENOMEM;
    body_slot *s = insert_slot(e->slot, e->capslot, body);
    if (grow((void **)&s->seg, &s->cap, s->nseg + 1, sizeof *s->seg))
        return ILRS_ENOMEM;
    if (!s->nseg) {
        s->body = body;
        e->nslot++;
    }
    s->seg[s->nseg++] = k;
    return ILRS_OK;
}

/* ---- registration (for loaders) ----------------------------------------- */

int ilrs__ephem_add_source(ilrs_ephem *e, const char *label, void *data,
                           void (*close)(void *data), ilrs_error *err)
{
    size_t need = (e->label ? strlen(e->label) + 2 : 0) + strlen(label) + 1;
    char *joined = malloc(need);
    char *copy = dup_str(label);
    if (!joined || !copy ||
        grow((void **)&e->src, &e->capsrc, e->nsrc + 1, sizeof *e->src)) {
        free(joined);
        free(copy);
        return ilrs_error_set(err, ILRS_ENOMEM, "out of memory loading %s",
                              label);
    }
    snprintf(joined, need, "%s%s%s", e->label ? e->label : "",
             e->label ? "; " : "", label);
    free(e->label);
    e->label = joined;
    e->src[e->nsrc++] = (src_entry){copy, data, close};
    return ILRS_OK;
}

int ilrs__ephem_add_segment(ilrs_ephem *e, const ilrs__segment *s,
                            ilrs_error *err)
{
    if (grow((void **)&e->seg, &e->capseg, e->nseg + 1, sizeof *e->seg) ||
        index_segment(e, s->target, e->nseg))
        return ilrs_error_set(err, ILRS_ENOMEM,
                              "out of memory adding a segment");
    e->seg[e->nseg++] = *s;
    return ILRS_OK;
}

int ilrs__ephem_add_orient(ilrs_ephem *e, const ilrs__orient *o,
                           ilrs_error *err)
{
    if (grow((void **)&e->ori, &e->capori, e->nori + 1, sizeof *e->ori))
        return ilrs_error_set(err, ILRS_ENOMEM,
                              "out of memory adding an orientation");
    e->ori[e->nori++] = *o;
    return ILRS_OK;
}

/* ---- open / load / free -------------------------------------------------- */

int ilrs_ephem_new(ilrs_ephem **out, ilrs_error *err)
{
    *out = calloc(1, sizeof **out);
    if (!*out)
        return ilrs_error_set(err, ILRS_ENOMEM, "out of memory");
    return ILRS_OK;
}

void ilrs_ephem_free(ilrs_ephem *e)
{
    if (!e)
        return;
    for (size_t i = e->nsrc; i-- > 0;) {
        if (e->src[i].close)
            e->src[i].close(e->src[i].data);
        free(e->src[i].label);
    }
    for (size_t i = 0; i < e->capslot; i++)
        free(e->slot[i].seg);
    for (size_t i = 0; i < e->nnames; i++)
        free(e->names[i].name);
    free(e->names);
    free(e->slot);
    free(e->src);
    free(e->seg);
    free(e->ori);
    free(e->label);
    free(e);
}

static int load_one(ilrs_ephem *e, const char *spec, ilrs_error *err)
{
    if (strcmp(spec, "analytic") == 0)
        return ilrs__analytic_load(e, err);
    if (strcmp(spec, "de405") == 0)
        return ilrs__de405_load(e, ILRS_DE405_DIR, err);
    if (strncmp(spec, "de405:", 6) == 0)
        return ilrs__de405_load(e, spec + 6, err);
    return ilrs__daf_load(e, spec, err);
}

int ilrs_ephem_load(ilrs_ephem *e, const char *spec, ilrs_error *err)
{
    if (!e || !spec || !*spec)
        return ilrs_error_set(err, ILRS_EINVAL, "no ephemeris source named");
    return load_one(e, spec, err);
}

static int load_list(ilrs_ephem *e, const char *list, ilrs_error *err)
{
    char *copy = dup_str(list);
    if (!copy)
        return ilrs_error_set(err, ILRS_ENOMEM, "out of memory");
    int st = ILRS_OK;
    char *save = NULL;
    for (char *tok = strtok_r(copy, ",", &save); tok && st >= 0;
         tok = strtok_r(NULL, ",", &save))
        if (*tok)
            st = load_one(e, tok, err);
    free(copy);
    if (st >= 0 && !e->nsrc)
        st = ilrs_error_set(err, ILRS_EINVAL, "empty ephemeris list '%s'",
                            list);
    return st;
}

/* The default source: $ILRS_EPHEMERIS, else DE405 if installed, else the
   analytic ephemerides. */
static int load_default(ilrs_ephem *e, ilrs_error *err)
{
    const char *env = getenv("ILRS_EPHEMERIS");
    if (env && *env)
        return load_list(e, env, err);
    FILE *f = fopen(ILRS_DE405_DIR "/table.f0i", "rb");
    if (f) {
        fclose(f);
        return ilrs__de405_load(e, ILRS_DE405_DIR, err);
    }
    return ilrs__analytic_load(e, err);
}

int ilrs_ephem_open(const char *spec, ilrs_ephem **out, ilrs_error *err)
{
    ilrs_ephem *e;
    int st = ilrs_ephem_new(&e, err);
    if (st < 0)
        return st;
    st = (spec && *spec) ? load_list(e, spec, err)
                         : load_default(e, err);
    if (st < 0) {
        ilrs_ephem_free(e);
        *out = NULL;
        return st;
    }
    *out = e;
    return st;
}

const char *ilrs_ephem_source(const ilrs_ephem *e)
{
    return e && e->label ? e->label : "none";
}

/* ---- names --------------------------------------------------------------- */

static int add_name(ilrs_ephem *e, int id, const char *name,
                         ilrs_error *err)
{
    char *copy = dup_str(name);
    if (!copy || grow((void **)&e->names, &e->capnames, e->nnames + 1,
                      sizeof *e->names)) {
        free(copy);
        return ilrs_error_set(err, ILRS_ENOMEM, "out of memory");
    }
    e->names[e->nnames++] = (named_body){id, copy};
    return ILRS_OK;
}

int ilrs_ephem_body_id(const ilrs_ephem *e, const char *name, int *id,
                       ilrs_error *err)
{
    if (!name || !*name)
        return ilrs_error_set(err, ILRS_EINVAL, "empty body name");
    for (size_t i = e ? e->nnames : 0; i-- > 0;)
        if (strcasecmp(e->names[i].name, name) == 0) {
            *id = e->names[i].id;
            return ILRS_OK;
        }
    if (ilrs__body_builtin_id(name, id) == ILRS_OK)
        return ILRS_OK;
    return ilrs_error_set(err, ILRS_ENOTFOUND,
                          "unknown body '%s' (give a name such as Moon, "
                          "Mars, 'Jupiter barycenter', or a NAIF id)",
                          name);
}

const char *ilrs_ephem_body_name(const ilrs_ephem *e, int id)
{
    for (size_t i = e ? e->nnames : 0; i-- > 0;)
        if (e->names[i].id == id)
            return e->names[i].name;
    return ilrs__body_builtin_name(id);
}

/* A printable name for messages: the name, else the id. */
static const char *body_label(const ilrs_ephem *e, int id, char buf[32])
{
    const char *n = ilrs_ephem_body_name(e, id);
    if (n)
        return n;
    snprintf(buf, 32, "%d", id);
    return buf;
}

/* ---- chains -------------------------------------------------------------- */

typedef struct {
    const ilrs__segment *seg[2 * MAX_CHAIN];
    double sign[2 * MAX_CHAIN];
    int n;
} chain;

/* The newest segment of body covering t (NULL if none); *pos gets its
   place in the body's list. */
static const ilrs__segment *covering(const ilrs_ephem *e, const body_slot *s,
                                     double t, size_t *pos)
{
    for (size_t j = s ? s->nseg : 0; j-- > 0;) {
        const ilrs__segment *g = &e->seg[s->seg[j]];
        if (t >= g->t0 && t <= g->t1) {
            if (pos)
                *pos = j;
            return g;
        }
    }
    return NULL;
}

/* Walk from body toward the root at t: nodes[0] = body, segs[i] links
   nodes[i] to nodes[i+1]. Returns the number of links, or -1 on a loop. */
static int walk(const ilrs_ephem *e, int body, double t, int nodes[],
                const ilrs__segment *segs[])
{
    int n = 0;
    nodes[0] = body;
    for (;;) {
        const ilrs__segment *g = covering(e, find_slot(e, nodes[n]), t, NULL);
        if (!g)
            return n;
        if (n == MAX_CHAIN)
            return -1;
        segs[n] = g;
        nodes[++n] = g->center;
    }
}

static void format_tdb(double t, char *buf, size_t size)
{
    ilrs_epoch ep;
    if (!isfinite(t) || ilrs_time_from_tdb(t, ILRS_TDB, &ep, NULL) < 0 ||
        ilrs_time_format(&ep, ILRS_TIME_ISO, 0, buf, size, NULL) < 0)
        snprintf(buf, size, "%.17g s TDB", t);
    else
        strncat(buf, " TDB", size - strlen(buf) - 1);
}

/* Why no chain joins target and center at t: outside coverage, or a body
   that nothing loaded knows. */
static int no_chain(const ilrs_ephem *e, int target, int center, double t,
                    int last_t, int last_c, ilrs_error *err)
{
    char b1[32], b2[32], when[64];
    format_tdb(t, when, sizeof when);
    if (!isfinite(t))
        return ilrs_error_set(err, ILRS_EINVAL, "epoch is not a number");
    int ends[2] = {last_t, last_c};
    for (int k = 0; k < 2; k++) {
        const body_slot *s = find_slot(e, ends[k]);
        if (s) {
            double lo = INFINITY, hi = -INFINITY;
            for (size_t j = 0; j < s->nseg; j++) {
                lo = fmin(lo, e->seg[s->seg[j]].t0);
                hi = fmax(hi, e->seg[s->seg[j]].t1);
            }
            char a[64], z[64];
            format_tdb(lo, a, sizeof a);
            format_tdb(hi, z, sizeof z);
            return ilrs_error_set(
                err, ILRS_ERANGE,
                "%s at %s is outside the ephemeris (%s covers %s to %s%s)",
                body_label(e, ends[k], b1), when, ilrs_ephem_source(e), a, z,
                s->nseg > 1 ? ", with gaps possible" : "");
        }
    }
    return ilrs_error_set(err, ILRS_ENOTFOUND,
                          "no loaded ephemeris links %s to %s (sources: %s)",
                          body_label(e, target, b1), body_label(e, center, b2),
                          ilrs_ephem_source(e));
}

/* Build the chain target - center at t. */
static int resolve(const ilrs_ephem *e, int target, int center, double t,
                   chain *c, ilrs_error *err)
{
    int tn[MAX_CHAIN + 1], cn[MAX_CHAIN + 1];
    const ilrs__segment *ts[MAX_CHAIN], *cs[MAX_CHAIN];
    int nt = walk(e, target, t, tn, ts);
    int nc = walk(e, center, t, cn, cs);
    if (nt < 0 || nc < 0)
        return ilrs_error_set(err, ILRS_EFORMAT,
                              "segments of %s form a loop or a chain longer "
                              "than %d links",
                              ilrs_ephem_source(e), MAX_CHAIN);
    /* The first node of target's chain that center's chain also reaches. */
    for (int i = 0; i <= nt; i++)
        for (int j = 0; j <= nc; j++)
            if (tn[i] == cn[j]) {
                c->n = 0;
                for (int k = 0; k < i; k++) {
                    c->seg[c->n] = ts[k];
                    c->sign[c->n++] = 1.0;
                }
                for (int k = 0; k < j; k++) {
                    c->seg[c->n] = cs[k];
                    c->sign[c->n++] = -1.0;
                }
                return ILRS_OK;
            }
    return no_chain(e, target, center, t, tn[nt], cn[nc], err);
}

/* Does chain c hold unchanged at t (every link covers t and is still its
   body's newest covering segment)? */
static int chain_holds(const ilrs_ephem *e, const chain *c, double t)
{
    for (int k = 0; k < c->n; k++) {
        const ilrs__segment *g = c->seg[k];
        if (!(t >= g->t0 && t <= g->t1))
            return 0;
        if (covering(e, find_slot(e, g->target), t, NULL) != g)
            return 0;
    }
    return 1;
}

typedef struct {
    const ilrs_ephem *e;
    int target, center;
    const double *t;
    double *out;
    pthread_mutex_t lock;
    size_t fail_at;      /* the first failing epoch's index, or SIZE_MAX */
    ilrs_error err;
} batch;

static int run_range(void *arg, size_t begin, size_t end)
{
    batch *b = arg;
    ilrs_error err = {0, ""};
    chain c;
    int st = ILRS_OK;
    memset(b->out + 6 * begin, 0, 6 * (end - begin) * sizeof *b->out);
    for (size_t i = begin; i < end && st == ILRS_OK;) {
        st = resolve(b->e, b->target, b->center, b->t[i], &c, &err);
        if (st < 0) {
            pthread_mutex_lock(&b->lock);
            if (i < b->fail_at) {
                b->fail_at = i;
                b->err = err;
            }
            pthread_mutex_unlock(&b->lock);
            return st;
        }
        size_t j = i + 1;
        while (j < end && chain_holds(b->e, &c, b->t[j]))
            j++;
        for (int k = 0; k < c.n && st == ILRS_OK; k++)
            st = c.seg[k]->eval(c.seg[k], j - i, b->t + i, b->out + 6 * i,
                                c.sign[k]);
        if (st < 0) {
            char b1[32];
            ilrs_error_set(&err, st, "%s: cannot evaluate %s",
                           ilrs_ephem_source(b->e),
                           body_label(b->e, b->target, b1));
            pthread_mutex_lock(&b->lock);
            if (i < b->fail_at) {
                b->fail_at = i;
                b->err = err;
            }
            pthread_mutex_unlock(&b->lock);
        }
        i = j;
    }
    return st;
}

int ilrs_ephem_states(const ilrs_ephem *e, int target, int center, size_t n,
                      const double *t, double *out, int nthreads,
                      ilrs_error *err)
{
    if (!e || (n && (!t || !out)))
        return ilrs_error_set(err, ILRS_EINVAL, "null argument");
    batch b = {e, target, center, t, out, PTHREAD_MUTEX_INITIALIZER,
               SIZE_MAX, {0, ""}};
    int st = ilrs_parallel_for(n, nthreads, run_range, &b);
    pthread_mutex_destroy(&b.lock);
    if (st < 0 && err)
        *err = b.err;
    return st;
}

int ilrs_ephem_state(const ilrs_ephem *e, int target, int center, double t,
                     double state[6], ilrs_error *err)
{
    return ilrs_ephem_states(e, target, center, 1, &t, state, 1, err);
}

int ilrs_ephem_coverage(const ilrs_ephem *e, int target, int center,
                        double near, double *t0, double *t1, ilrs_error *err)
{
    if (isnan(near)) {
        const body_slot *s = find_slot(e, target);
        if (!s)
            s = find_slot(e, center);
        if (!s)
            return no_chain(e, target, center, 0.0, target, center, err);
        const ilrs__segment *g = &e->seg[s->seg[s->nseg - 1]];
        near = 0.5 * (g->t0 + g->t1);
    }
    chain c;
    int st = resolve(e, target, center, near, &c, err);
    if (st < 0)
        return st;
    *t0 = -INFINITY;
    *t1 = INFINITY;
    for (int k = 0; k < c.n; k++) {
        *t0 = fmax(*t0, c.seg[k]->t0);
        *t1 = fmin(*t1, c.seg[k]->t1);
    }
    return ILRS_OK;
}

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

int ilrs_ephem_bodies(const ilrs_ephem *e, int *ids, size_t max, size_t *n)
{
    size_t cap = 2 * e->nseg, k = 0;
    int *all = malloc((cap ? cap : 1) * sizeof *all);
    if (!all)
        return ILRS_ENOMEM;
    for (size_t i = 0; i < e->nseg; i++) {
        all[k++] = e->seg[i].target;
        all[k++] = e->seg[i].center;
    }
    qsort(all, k, sizeof *all, cmp_int);
    size_t m = 0;
    for (size_t i = 0; i < k; i++)
        if (i == 0 || all[i] != all[i - 1]) {
            if (m < max)
                ids[m] = all[i];
            m++;
        }
    free(all);
    *n = m;
    return ILRS_OK;
}

/* ---- orientation --------------------------------------------------------- */

int ilrs_ephem_rotation(const ilrs_ephem *e, const ilrs_frame *f, double t,
                        ilrs_rotation *rot, const char **source,
                        ilrs_error *err)
{
    if (e && (f->kind == ILRS_FRAME_MOON_PA || f->kind == ILRS_FRAME_MOON_ME)) {
        for (size_t i = e->nori; i-- > 0;) {
            const ilrs__orient *o = &e->ori[i];
            if (o->frame != ILRS__FRAME_MOON_PA || !(t >= o->t0 && t <= o->t1))
                continue;
            ilrs_rotation pa;
            int st = o->eval(o, t, &pa);
            if (st < 0)
                return ilrs_error_set(err, st, "%s: cannot evaluate the "
                                      "Moon's orientation", o->label);
            if (f->kind == ILRS_FRAME_MOON_ME) {
                double m[3][3];
                memcpy(m, o->pa_to_me, sizeof m);
                ilrs_mat3_mul(m, pa.r, rot->r);
                ilrs_mat3_mul(m, pa.dr, rot->dr);
            } else {
                *rot = pa;
            }
            if (source)
                *source = o->label;
            return ILRS_OK;
        }
    }
    if (source)
        *source = "IAU model";
    return ilrs_frame_rotation(f, t, rot, err);
}

int ilrs_ephem_state_in(const ilrs_ephem *e, int target, int center,
                        const ilrs_frame *f, double t, double state[6],
                        ilrs_error *err)
{
    int st = ilrs_ephem_state(e, target, center, t, state, err);
    if (st < 0 || f->kind == ILRS_FRAME_ICRF)
        return st;
    ilrs_rotation rot;
    int st2 = ilrs_ephem_rotation(e, f, t, &rot, NULL, err);
    if (st2 < 0)
        return st2;
    ilrs_rotation_apply(&rot, state, state);
    return st2 > 0 ? st2 : st;
}

/* ---- bodies on conics ---------------------------------------------------- */

static void conic_set_close(void *data)
{
    conic_set *cs = data;
    for (size_t i = 0; i < cs->n; i++)
        free(cs->c[i]);
    free(cs->c);
    free(cs);
}

static int conic_eval(const ilrs__segment *seg, size_t n, const double *t,
                      double *out, double sign)
{
    for (size_t i = 0; i < n; i++) {
        double s[6];
        int st = ilrs_conic_state(seg->data, t[i], s, NULL);
        if (st < 0)
            return st;
        for (int k = 0; k < 6; k++)
            out[6 * i + k] += sign * s[k];
    }
    return ILRS_OK;
}

int ilrs_ephem_add_conic(ilrs_ephem *e, int id, const char *name, int center,
                         const ilrs_conic *c, ilrs_error *err)
{
    if (!e || !c)
        return ilrs_error_set(err, ILRS_EINVAL, "null argument");
    double probe[6];
    int st = ilrs_conic_state(c, c->tp, probe, err);
    if (st < 0)
        return st;
    if (!e->conics) {
        conic_set *cs = calloc(1, sizeof *cs);
        if (!cs)
            return ilrs_error_set(err, ILRS_ENOMEM, "out of memory");
        st = ilrs__ephem_add_source(e, "Keplerian orbits from osculating "
                                    "elements", cs, conic_set_close, err);
        if (st < 0) {
            free(cs);
            return st;
        }
        e->conics = cs;
    }
    conic_set *cs = e->conics;
    ilrs_conic *copy = malloc(sizeof *copy);
    if (!copy || grow((void **)&cs->c, &cs->cap, cs->n + 1, sizeof *cs->c)) {
        free(copy);
        return ilrs_error_set(err, ILRS_ENOMEM, "out of memory");
    }
    *copy = *c;
    cs->c[cs->n++] = copy;
    ilrs__segment seg = {id, center, -INFINITY, INFINITY, conic_eval, copy};
    st = ilrs__ephem_add_segment(e, &seg, err);
    if (st >= 0 && name && *name)
        st = add_name(e, id, name, err);
    return st;
}
