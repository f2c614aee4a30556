/*
 * daf.c -- NAIF DAF files: SPK (segment types 2 and 3) and binary PCK
 * (type 2). Layout from NAIF's "DAF Required Reading" and "SPK Required
 * Reading": 1024-byte records; a file record (id word, ND, NI, FWARD,
 * BWARD, FREE, byte order); a doubly linked list of summary records, each
 * [next, prev, nsum] and nsum summaries of ND doubles and NI packed
 * int32s; segment data addressed in 1-based double words.
 *
 * Little-endian files are mapped read-only; big-endian files are read
 * into memory and their segment data byte-swapped once. Every address and
 * length is checked against the file size before use.
 */
#include "ephem/ephem_int.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "frames/frames_int.h"
#include "ilrs/constants.h"

#define DAF_RECORD 1024
/* NAIF reference frame ids accepted in segments (J2000 and ECLIPJ2000). */
#define FRAME_J2000 1
#define FRAME_ECLIPJ2000 17
/* Most coefficients per component a segment may have (DE files use <= 18;
   the bound keeps the evaluation's stack arrays fixed). */
#define MAX_COEF 64

typedef struct {
    int type;              /* 2 or 3 (SPK), 2 (PCK) */
    int frame;             /* reference frame id */
    int body, center;      /* target and center (SPK), frame class (PCK) */
    double t0, t1;         /* coverage (TDB s past J2000) */
    const double *data;    /* first double of the segment */
    double init, intlen, inv_intlen;
    long rsize, n, ncoef;  /* record size (doubles), records, coefficients */
} cheb_seg;

typedef struct {
    unsigned char *base;   /* mapped or allocated file contents */
    size_t size;
    int mapped;
    cheb_seg *segs;
    size_t nsegs;
} daf_file;

static void daf_close(void *p)
{
    daf_file *f = p;
    if (!f)
        return;
    if (f->mapped)
        munmap(f->base, f->size);
    else
        free(f->base);
    free(f->segs);
    free(f);
}

static uint32_t rd32(const unsigned char *p, int big)
{
    return big ? (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
                     (uint32_t)p[2] << 8 | p[3]
               : (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 |
                     (uint32_t)p[1] << 8 | p[0];
}

static double rd64(const unsigned char *p, int big)
{
    unsigned char b[8];
    for (int i = 0; i < 8; i++)
        b[i] = big ? p[7 - i] : p[i];
    double d;
    memcpy(&d, b, 8);
    return d;
}

/* ---- evaluation ---------------------------------------------------------- */

/* Record of t and the normalised time x in [-1, 1]. */
static const double *record(const cheb_seg *s, double t, double *x,
                            double *inv_rad)
{
    long i = (long)floor((t - s->init) * s->inv_intlen);
    if (i < 0)
        i = 0;
    if (i >= s->n)
        i = s->n - 1;
    const double *r = s->data + i * s->rsize;
    *inv_rad = 1.0 / r[1];
    *x = (t - r[0]) * *inv_rad;
    return r + 2;
}

/* Sum of three Chebyshev series c[0..n), c[n..2n), c[2n..3n) and their
   derivatives (per unit x). */
static void cheb3(const double *c, long n, double x, double f[3],
                  double df[3])
{
    double t[MAX_COEF], d[MAX_COEF];
    t[0] = 1.0;
    t[1] = x;
    d[0] = 0.0;
    d[1] = 1.0;
    for (long k = 2; k < n; k++) {
        t[k] = 2.0 * x * t[k - 1] - t[k - 2];
        d[k] = 2.0 * t[k - 1] + 2.0 * x * d[k - 1] - d[k - 2];
    }
    for (int j = 0; j < 3; j++) {
        const double *cj = c + j * n;
        double s = 0.0, ds = 0.0;
        for (long k = 0; k < n; k++) {
            s += cj[k] * t[k];
            ds += cj[k] * d[k];
        }
        f[j] = s;
        df[j] = ds;
    }
}

/* ECLIPJ2000 -> ICRF for a 3-vector. */
static void from_ecliptic(double v[3])
{
    double c = cos(ILRS_OBLIQUITY_J2000), s = sin(ILRS_OBLIQUITY_J2000);
    double y = c * v[1] - s * v[2], z = s * v[1] + c * v[2];
    v[1] = y;
    v[2] = z;
}

static int spk_eval(const ilrs__segment *seg, size_t n, const double *t,
                    double *out, double sign)
{
    const cheb_seg *s = seg->data;
    for (size_t i = 0; i < n; i++) {
        double x, ir, p[3], dp[3];
        const double *c = record(s, t[i], &x, &ir);
        cheb3(c, s->ncoef, x, p, dp);
        if (s->type == 2) {
            for (int k = 0; k < 3; k++)
                dp[k] *= ir;
        } else {
            double dummy[3];
            cheb3(c + 3 * s->ncoef, s->ncoef, x, dp, dummy);
        }
        if (s->frame == FRAME_ECLIPJ2000) {
            from_ecliptic(p);
            from_ecliptic(dp);
        }
        double *o = out + 6 * i;
        for (int k = 0; k < 3; k++) {
            o[k] += sign * p[k];
            o[3 + k] += sign * dp[k];
        }
    }
    return ILRS_OK;
}

static int pck_eval(const ilrs__orient *o, double t, ilrs_rotation *rot)
{
    const cheb_seg *s = o->data;
    double x, ir, a[3], da[3];
    const double *c = record(s, t, &x, &ir);
    cheb3(c, s->ncoef, x, a, da);
    ilrs_rotation_euler313(a[0], a[1], a[2], da[0] * ir, da[1] * ir,
                           da[2] * ir, rot);
    if (s->frame == FRAME_ECLIPJ2000) {
        ilrs_frame ecl = {ILRS_FRAME_ECLIPJ2000, 0, 0.0};
        ilrs_rotation e;
        ilrs_frame_rotation(&ecl, t, &e, NULL);
        ilrs_rotation_compose(rot, &e, rot);
    }
    return ILRS_OK;
}

/* ---- loading ------------------------------------------------------------- */

typedef struct {
    const char *label;     /* file name for messages */
    const unsigned char *b;
    size_t size;
    int big, is_pck, nd, ni;
} daf_view;

/* Check a segment's directory and records; fill s. */
static int check_segment(const daf_view *v, long start, long end, int type,
                         cheb_seg *s, ilrs_error *err)
{
    long len = end - start + 1;
    if (start < 1 || end < start || (uint64_t)end * 8 > v->size || len < 4)
        return ilrs_error_set(err, ILRS_EFORMAT,
                              "%s: segment addresses %ld..%ld lie outside "
                              "the file (%zu bytes)", v->label, start, end,
                              v->size);
    const double *d = (const double *)(v->b + (size_t)(start - 1) * 8);
    double init = d[len - 4], intlen = d[len - 3];
    double rsize = d[len - 2], n = d[len - 1];
    int per = type == 3 ? 6 : 3;
    if (!isfinite(init) || !(intlen > 0.0) || !isfinite(intlen) ||
        !(rsize >= 2 + per) || rsize > 2 + per * MAX_COEF ||
        rsize != floor(rsize) || ((long)rsize - 2) % per != 0 ||
        !(n >= 1) || n != floor(n) || n * rsize + 4 != (double)len)
        return ilrs_error_set(err, ILRS_EFORMAT,
                              "%s: segment at address %ld has a bad "
                              "directory (INIT %g, INTLEN %g, RSIZE %g, "
                              "N %g for %ld doubles)", v->label, start, init,
                              intlen, rsize, n, len);
    s->type = type;
    s->data = d;
    s->init = init;
    s->intlen = intlen;
    s->inv_intlen = 1.0 / intlen;
    s->rsize = (long)rsize;
    s->n = (long)n;
    s->ncoef = ((long)rsize - 2) / per;
    for (long i = 0; i < s->n; i++) {
        const double *r = d + i * s->rsize;
        if (!isfinite(r[0]) || !(r[1] > 0.0) || !isfinite(r[1]))
            return ilrs_error_set(err, ILRS_EFORMAT,
                                  "%s: segment at address %ld, record %ld: "
                                  "bad midpoint or radius", v->label, start,
                                  i + 1);
    }
    return ILRS_OK;
}

/* Swap every double of the segment in place (big-endian files). */
static void swap_doubles(unsigned char *p, long count)
{
    for (long i = 0; i < count; i++, p += 8)
        for (int k = 0; k < 4; k++) {
            unsigned char c = p[k];
            p[k] = p[7 - k];
            p[7 - k] = c;
        }
}

/* One summary: check it and append it to f->segs (room is reserved).
   *skipped counts the segments of unsupported types. */
static int add_summary(daf_file *f, const daf_view *v,
                       const unsigned char *sum, int *skipped,
                       ilrs_error *err)
{
    double t0 = rd64(sum, v->big), t1 = rd64(sum + 8, v->big);
    int32_t ic[6] = {0};
    for (int k = 0; k < v->ni; k++)
        ic[k] = (int32_t)rd32(sum + 16 + 4 * k, v->big);
    int type = v->is_pck ? ic[2] : ic[3];
    int frame = v->is_pck ? ic[1] : ic[2];
    long start = v->is_pck ? ic[3] : ic[4], end = v->is_pck ? ic[4] : ic[5];
    if (!isfinite(t0) || !isfinite(t1) || t1 < t0)
        return ilrs_error_set(err, ILRS_EFORMAT,
                              "%s: segment with bad coverage %g..%g",
                              v->label, t0, t1);
    if ((type != 2 && !(type == 3 && !v->is_pck)) ||
        (frame != FRAME_J2000 && frame != FRAME_ECLIPJ2000)) {
        (*skipped)++;
        return ILRS_OK;
    }
    if (start >= 1 && end >= start && (uint64_t)end * 8 <= v->size && v->big)
        swap_doubles(f->base + (size_t)(start - 1) * 8, end - start + 1);
    cheb_seg *s = &f->segs[f->nsegs];
    int st = check_segment(v, start, end, type, s, err);
    if (st < 0)
        return st;
    s->frame = frame;
    s->body = ic[0];
    s->center = v->is_pck ? 0 : ic[1];
    s->t0 = t0;
    s->t1 = t1;
    f->nsegs++;
    return ILRS_OK;
}

/* Register the checked segments with the context. */
static int register_all(ilrs_ephem *e, const daf_file *f, int is_pck,
                        ilrs_error *err)
{
    for (size_t i = 0; i < f->nsegs; i++) {
        const cheb_seg *s = &f->segs[i];
        int st;
        if (is_pck) {
            ilrs__orient o = {s->body, s->t0, s->t1, pck_eval, s,
                              "binary PCK", {{0}}};
            ilrs__moon_pa_to_me_de421(o.pa_to_me);
            st = ilrs__ephem_add_orient(e, &o, err);
        } else {
            ilrs__segment g = {s->body, s->center, s->t0, s->t1, spk_eval, s};
            st = ilrs__ephem_add_segment(e, &g, err);
        }
        if (st < 0)
            return st;
    }
    return ILRS_OK;
}

/* Walk the summary records. */
static int walk_summaries(daf_file *f, const daf_view *v, long fward,
                          size_t *count, int *skipped, ilrs_error *err)
{
    long nrec = (long)(v->size / DAF_RECORD);
    int ss = v->nd + (v->ni + 1) / 2;  /* summary size, doubles */
    long rec = fward, visited = 0;
    while (rec != 0) {
        if (rec < 1 || rec > nrec || ++visited > nrec)
            return ilrs_error_set(err, ILRS_EFORMAT,
                                  "%s: summary record %ld is outside the "
                                  "file or the list loops", v->label, rec);
        const unsigned char *r = v->b + (size_t)(rec - 1) * DAF_RECORD;
        double next = rd64(r, v->big), nsum = rd64(r + 16, v->big);
        if (!(nsum >= 0) || nsum > (128 - 3) / ss || nsum != floor(nsum) ||
            !(next >= 0) || next > nrec || next != floor(next))
            return ilrs_error_set(err, ILRS_EFORMAT,
                                  "%s: summary record %ld is malformed",
                                  v->label, rec);
        *count += (size_t)nsum;
        for (int k = 0; f->segs && k < (int)nsum; k++) {
            int st = add_summary(f, v, r + 24 + (size_t)k * ss * 8, skipped,
                                 err);
            if (st < 0)
                return st;
        }
        rec = (long)next;
    }
    return ILRS_OK;
}

/* Parse the file record and load everything from f->base. Takes f. */
static int load_daf(ilrs_ephem *e, daf_file *f, const char *label,
                    ilrs_error *err)
{
    daf_view v = {label, f->base, f->size, 0, 0, 0, 0};
    int st = ILRS_OK;
    if (f->size < DAF_RECORD) {
        st = ilrs_error_set(err, ILRS_EFORMAT, "%s: too short for a DAF file "
                            "(%zu bytes)", label, f->size);
        goto fail;
    }
    if (memcmp(f->base, "DAF/SPK ", 8) == 0 ||
        memcmp(f->base, "NAIF/DAF", 8) == 0)
        v.is_pck = 0;
    else if (memcmp(f->base, "DAF/PCK ", 8) == 0)
        v.is_pck = 1;
    else {
        st = ilrs_error_set(err, ILRS_EFORMAT, "%s: not a SPK or binary PCK "
                            "file (id word '%.8s')", label, f->base);
        goto fail;
    }
    if (memcmp(f->base + 88, "BIG-IEEE", 8) == 0)
        v.big = 1;
    else if (memcmp(f->base + 88, "LTL-IEEE", 8) != 0)
        v.big = rd32(f->base + 8, 0) != 2 && rd32(f->base + 8, 1) == 2;
    v.nd = (int)rd32(f->base + 8, v.big);
    v.ni = (int)rd32(f->base + 12, v.big);
    if (v.nd != 2 || v.ni != (v.is_pck ? 5 : 6)) {
        st = ilrs_error_set(err, ILRS_EFORMAT, "%s: ND=%d NI=%d is not a %s",
                            label, v.nd, v.ni, v.is_pck ? "binary PCK (2, 5)"
                                                        : "SPK (2, 6)");
        goto fail;
    }
    long fward = (long)(int32_t)rd32(f->base + 76, v.big);
    size_t count = 0;
    int skipped = 0;
    st = walk_summaries(f, &v, fward, &count, &skipped, err);
    if (st < 0)
        goto fail;
    f->segs = calloc(count ? count : 1, sizeof *f->segs);
    if (!f->segs) {
        st = ilrs_error_set(err, ILRS_ENOMEM, "out of memory");
        goto fail;
    }
    count = 0;
    st = walk_summaries(f, &v, fward, &count, &skipped, err);
    if (st < 0)
        goto fail;
    const char *base = strrchr(label, '/');
    char text[512];
    snprintf(text, sizeof text, "%s %s%s", v.is_pck ? "binary PCK" : "JPL SPK",
             base ? base + 1 : label, "");
    if (skipped)
        snprintf(text + strlen(text), sizeof text - strlen(text),
                 " (%d segment%s of unsupported type or frame skipped)",
                 skipped, skipped > 1 ? "s" : "");
    st = ilrs__ephem_add_source(e, text, f, daf_close, err);
    if (st < 0)
        goto fail;
    return register_all(e, f, v.is_pck, err);
fail:
    daf_close(f);
    return st;
}

int ilrs__daf_load(ilrs_ephem *e, const char *path, ilrs_error *err)
{
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return ilrs_error_set(err, ILRS_EIO, "cannot open '%s': %s", path,
                              strerror(errno));
    struct stat sb;
    daf_file *f = calloc(1, sizeof *f);
    if (!f || fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
        int st = f ? ilrs_error_set(err, ILRS_EIO, "'%s' is not a regular "
                                    "file", path)
                   : ilrs_error_set(err, ILRS_ENOMEM, "out of memory");
        free(f);
        close(fd);
        return st;
    }
    f->size = (size_t)sb.st_size;
    unsigned char fmt[8] = {0};
    int big = pread(fd, fmt, 8, 88) == 8 && memcmp(fmt, "BIG-IEEE", 8) == 0;
    if (f->size >= DAF_RECORD && !big) {
        void *m = mmap(NULL, f->size, PROT_READ, MAP_PRIVATE, fd,
                       0);
        if (m != MAP_FAILED) {
            f->base = m;
            f->mapped = 1;
        }
    }
    if (!f->mapped) {
        f->base = malloc(f->size ? f->size : 1);
        ssize_t got = f->base ? pread(fd, f->base, f->size, 0) : -1;
        if (got < 0 || (size_t)got != f->size) {
            close(fd);
            daf_close(f);
            return ilrs_error_set(err, ILRS_EIO, "cannot read '%s'", path);
        }
    }
    close(fd);
    return load_daf(e, f, path, err);
}

int ilrs__daf_load_mem(ilrs_ephem *e, const char *label,
                       const unsigned char *buf, size_t size,
                       ilrs_error *err)
{
    daf_file *f = calloc(1, sizeof *f);
    if (f)
        f->base = malloc(size ? size : 1);
    if (!f || !f->base) {
        free(f);
        return ilrs_error_set(err, ILRS_ENOMEM, "out of memory");
    }
    if (size)
        memcpy(f->base, buf, size);
    f->size = size;
    return load_daf(e, f, label, err);
}
