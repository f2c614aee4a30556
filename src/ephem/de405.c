/*
 * de405.c -- JPL DE405 as Debian's casacore-data-jpl-de405 packages it: a
 * casacore table whose data file table.f0i holds, from byte 28, one record
 * per 32 days (every 8160 bytes: 1018 little-endian doubles, then a
 * 16-byte header of the next record). The doubles are JPL's DE405
 * Chebyshev coefficients without the record's two leading dates, so
 * JPL's 1-based coefficient pointer p is index p - 3 here. Record r covers
 * MJD(TDB) 36912 + 32 r to 36944 + 32 r (the table's MJD column).
 * Checked against python3-casacore and DE421 in tests/peer/.
 */
#include "ephem/ephem_int.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frames/frames_int.h"
#include "ilrs/constants.h"

#define REC_BYTES 8160
#define REC_DOUBLES 1018
#define DATA_START 28
#define MJD_FIRST 36912.0   /* MJD(TDB) of record 0's start */
#define REC_DAYS 32.0
#define MJD_J2000 51544.5
/* Earth-Moon mass ratio of DE405 (table keyword EMRAT; Standish 1998,
   JPL IOM 312.F-98-048) */
#define DE405_EMRAT 81.30056

/* One item of the record: JPL's pointer (1-based), coefficients per
   component, sub-intervals; and a factor applied to the result. */
typedef struct {
    int ptr, ncoef, nsub;
    double scale;
} de_item;

typedef struct de_seg de_seg;
typedef struct {
    double *coef;    /* nrec * REC_DOUBLES, aligned */
    long nrec;
} de_table;

struct de_seg {
    const de_table *table;
    const de_item *item;  /* NULL: a body at its barycentre (zero) */
};

/* What a loaded DE405 source owns. */
typedef struct {
    de_table table;
    de_seg segs[20];
} de_source;

static void de_close(void *p)
{
    de_source *d = p;
    if (d)
        free(d->table.coef);
    free(d);
}

/* Position (km) and velocity (km/s) of an item at t (or angles and
   rates for the librations). */
static void de_eval_item(const de_table *d, const de_item *it, double t,
                         double p[3], double v[3])
{
    double mjd = MJD_J2000 + t / ILRS_DAY_S;
    long r = (long)floor((mjd - MJD_FIRST) / REC_DAYS);
    if (r < 0)
        r = 0;
    if (r >= d->nrec)
        r = d->nrec - 1;
    double into = mjd - (MJD_FIRST + REC_DAYS * (double)r);
    double len = REC_DAYS / it->nsub;
    int sub = (int)floor(into / len);
    if (sub < 0)
        sub = 0;
    if (sub >= it->nsub)
        sub = it->nsub - 1;
    double x = 2.0 * (into - sub * len) / len - 1.0;
    const double *c = d->coef + (size_t)r * REC_DOUBLES + (it->ptr - 3) +
                      (size_t)sub * 3 * it->ncoef;
    for (int j = 0; j < 3; j++) {
        double f, df;
        ilrs__cheb_eval(c + j * it->ncoef, it->ncoef, x, &f, &df);
        p[j] = it->scale * f;
        v[j] = it->scale * df * 2.0 / len / ILRS_DAY_S;
    }
}


static int de_eval(const ilrs__segment *seg, size_t n, const double *t,
                   double *out, double sign)
{
    const de_seg *s = seg->data;
    if (!s->item)
        return ILRS_OK;
    for (size_t i = 0; i < n; i++) {
        double p[3], v[3];
        de_eval_item(s->table, s->item, t[i], p, v);
        for (int k = 0; k < 3; k++) {
            out[6 * i + k] += sign * p[k];
            out[6 * i + 3 + k] += sign * v[k];
        }
    }
    return ILRS_OK;
}

/* Librations: Euler angles phi, theta, psi (rad) of the Moon's PA frame. */
static int de_libration(const ilrs__orient *o, double t, ilrs_rotation *rot)
{
    const de_seg *s = o->data;
    double a[3], da[3];
    de_eval_item(s->table, s->item, t, a, da);
    ilrs_rotation_euler313(a[0], a[1], a[2], da[0], da[1], da[2], rot);
    return ILRS_OK;
}

/* JPL's DE405 pointer table (ptr, coefficients, sub-intervals) of the
   items used: Standish, JPL IOM 312.F-98-048, header.405. */
enum { MERCURY, VENUS, EMB, MARS, JUPITER, SATURN, URANUS, NEPTUNE, PLUTO,
       MOON_EARTH, MOON_EMB, SUN, LIBRATION, NITEMS };

static const de_item de405_items[NITEMS] = {
    {3, 14, 4, 1.0},   {171, 10, 2, 1.0}, {231, 13, 2, 1.0},
    {309, 11, 1, 1.0}, {342, 8, 1, 1.0},  {366, 7, 1, 1.0},
    {387, 6, 1, 1.0},  {405, 6, 1, 1.0},  {423, 6, 1, 1.0},
    /* Earth and Moon relative to the EMB, from the geocentric Moon */
    {441, 13, 8, -1.0 / (1.0 + DE405_EMRAT)},
    {441, 13, 8, DE405_EMRAT / (1.0 + DE405_EMRAT)},
    {753, 11, 2, 1.0}, {899, 10, 4, 1.0},
};

/* Read and check table.f0i into d. */
static int read_table(const char *dir, de_table *d, ilrs_error *err)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/table.f0i", dir);
    FILE *f = fopen(path, "rb");
    if (!f)
        return ilrs_error_set(err, ILRS_EIO,
                              "cannot open '%s': %s (DE405 comes with the "
                              "Debian package casacore-data-jpl-de405)",
                              path, strerror(errno));
    unsigned char hdr[16], *rec = malloc(REC_BYTES);
    long size = -1;
    if (fseek(f, 0, SEEK_END) == 0)
        size = ftell(f);
    long n = (size - DATA_START - (REC_DOUBLES * 8)) / REC_BYTES + 1;
    int st = ILRS_OK;
    if (!rec || size < DATA_START + REC_DOUBLES * 8 ||
        DATA_START + (n - 1) * REC_BYTES + REC_DOUBLES * 8 != size)
        st = ilrs_error_set(err, rec ? ILRS_EFORMAT : ILRS_ENOMEM,
                            "%s: size %ld is not 28 + 8160 (n-1) + 8144 "
                            "bytes", path, size);
    else if (!(d->coef = malloc((size_t)n * REC_DOUBLES * sizeof(double))))
        st = ilrs_error_set(err, ILRS_ENOMEM, "out of memory");
    fseek(f, DATA_START - 16, SEEK_SET);
    for (long r = 0; st == ILRS_OK && r < n; r++) {
        size_t want = REC_DOUBLES * 8;
        if (fread(hdr, 1, 16, f) != 16 || fread(rec, 1, want, f) != want ||
            hdr[12] != 0xfa || hdr[13] != 0x03 || hdr[14] || hdr[15]) {
            st = ilrs_error_set(err, ILRS_EFORMAT, "%s: record %ld is not "
                                "a 1018-double row", path, r);
            break;
        }
        double *c = d->coef + (size_t)r * REC_DOUBLES;
        memcpy(c, rec, want);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
        for (int k = 0; k < REC_DOUBLES; k++) {  /* the file is little-endian */
            unsigned char *b = (unsigned char *)&c[k];
            for (int j = 0; j < 4; j++) {
                unsigned char x = b[j];
                b[j] = b[7 - j];
                b[7 - j] = x;
            }
        }
#endif
        for (int k = 0; k < REC_DOUBLES; k++)
            if (!isfinite(c[k])) {
                st = ilrs_error_set(err, ILRS_EFORMAT, "%s: record %ld, "
                                    "coefficient %d is not finite", path, r,
                                    k + 3);
                break;
            }
    }
    d->nrec = n;
    free(rec);
    fclose(f);
    return st;
}

int ilrs__de405_load(ilrs_ephem *e, const char *dir, ilrs_error *err)
{
    static const struct {
        int target, center, item;  /* item -1: zero offset */
    } tree[] = {
        {1, 0, MERCURY}, {2, 0, VENUS},     {3, 0, EMB},     {4, 0, MARS},
        {5, 0, JUPITER}, {6, 0, SATURN},    {7, 0, URANUS},  {8, 0, NEPTUNE},
        {9, 0, PLUTO},   {10, 0, SUN},      {301, 3, MOON_EMB},
        {399, 3, MOON_EARTH}, {199, 1, -1}, {299, 2, -1},    {499, 4, -1},
    };
    de_source *d = calloc(1, sizeof *d);
    if (!d)
        return ilrs_error_set(err, ILRS_ENOMEM, "out of memory");
    int st = read_table(dir, &d->table, err);
    if (st < 0) {
        de_close(d);
        return st;
    }
    double t0 = (MJD_FIRST - MJD_J2000) * ILRS_DAY_S;
    double t1 = t0 + REC_DAYS * (double)d->table.nrec * ILRS_DAY_S;
    st = ilrs__ephem_add_source(e, "JPL DE405 (casacore-data-jpl-de405)", d,
                                de_close, err);
    if (st < 0) {
        de_close(d);
        return st;
    }
    size_t n = sizeof tree / sizeof tree[0];
    for (size_t i = 0; i < n && st >= 0; i++) {
        d->segs[i] = (de_seg){&d->table,
                              tree[i].item < 0 ? NULL
                                               : &de405_items[tree[i].item]};
        ilrs__segment s = {tree[i].target, tree[i].center, t0, t1, de_eval,
                           &d->segs[i]};
        st = ilrs__ephem_add_segment(e, &s, err);
    }
    d->segs[n] = (de_seg){&d->table, &de405_items[LIBRATION]};
    ilrs__orient o = {ILRS__FRAME_MOON_PA, t0, t1, de_libration, &d->segs[n],
                      "DE405 librations", {{0}}};
    /* DE405 publishes no PA -> ME rotation of its own; NAIF's for the
       DE403 lunar solution (moon_060721.tf, TKFRAME_31003: 63.8986,
       79.0768, 0.1462 arcsec about axes 3, 2, 1) is the nearest. */
    ilrs__pa_to_me(63.8986, 79.0768, 0.1462, o.pa_to_me);
    return st < 0 ? st : ilrs__ephem_add_orient(e, &o, err);
}
