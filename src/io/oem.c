/* oem.c -- CCSDS Orbit Ephemeris Message writer, KVN form
   (CCSDS 502.0-B-3, Orbit Data Messages, 2023, section 5). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ilrs/oem.h"
#include "ilrs/time.h"
#include "io/io_int.h"

static int scale_of(const char *ts, ilrs_scale *s)
{
    if (ts && strcmp(ts, "TDB") == 0)
        *s = ILRS_TDB;
    else if (ts && strcmp(ts, "UTC") == 0)
        *s = ILRS_UTC;
    else if (ts && strcmp(ts, "TT") == 0)
        *s = ILRS_TT;
    else if (ts && strcmp(ts, "TAI") == 0)
        *s = ILRS_TAI;
    else
        return -1;
    return 0;
}

/* Epoch as "YYYY-MM-DDThh:mm:ss.ffffff" in scale s. */
static int epoch_text(double t_tdb, ilrs_scale s, char *buf, size_t size,
                      ilrs_error *err)
{
    ilrs_epoch e;
    int st = ilrs_time_from_tdb(t_tdb, s, &e, err);
    if (st < 0)
        return st;
    return ilrs_time_format(&e, ILRS_TIME_ISO, 6, buf, size, err);
}

static int check_segment(const ilrs_oem_segment *g, size_t k,
                         ilrs_error *err)
{
    ilrs_scale s = ILRS_TDB;
    if (!g->object_name || !*g->object_name || !g->center_name ||
        !*g->center_name || !g->ref_frame || !*g->ref_frame)
        return ilrs_error_set(err, ILRS_EINVAL,
                              "OEM segment %zu: object, centre and frame "
                              "names are required", k + 1);
    if (scale_of(g->time_system, &s) < 0)
        return ilrs_error_set(err, ILRS_EINVAL,
                              "OEM segment %zu: time system '%s' is not one "
                              "of TDB, UTC, TT, TAI", k + 1,
                              g->time_system ? g->time_system : "(none)");
    if (g->n == 0 || !g->t_tdb || !g->state)
        return ilrs_error_set(err, ILRS_EINVAL,
                              "OEM segment %zu: no states", k + 1);
    for (size_t i = 0; i < g->n; i++) {
        int bad = !isfinite(g->t_tdb[i]) || (i && g->t_tdb[i] <= g->t_tdb[i - 1]);
        for (int c = 0; c < 6; c++)
            bad |= !isfinite(g->state[i][c]);
        if (bad)
            return ilrs_error_set(err, ILRS_EINVAL,
                                  "OEM segment %zu, state %zu: epochs must "
                                  "increase and values be finite", k + 1,
                                  i + 1);
    }
    return ILRS_OK;
}

static void put_comment(FILE *f, const char *text)
{
    if (!text)
        return;
    const char *s = text;
    while (*s) {
        size_t n = strcspn(s, "\n");
        fprintf(f, "COMMENT %.*s\n", (int)n, s);
        s += n;
        if (*s == '\n')
            s++;
    }
}

static int write_segment(FILE *f, const ilrs_oem_segment *g, ilrs_error *err)
{
    ilrs_scale s = ILRS_TDB;
    char t0[40], t1[40], t[40];
    scale_of(g->time_system, &s);
    int st = epoch_text(g->t_tdb[0], s, t0, sizeof t0, err);
    if (st >= 0)
        st = epoch_text(g->t_tdb[g->n - 1], s, t1, sizeof t1, err);
    if (st < 0)
        return st;
    fprintf(f, "\nMETA_START\nOBJECT_NAME = %s\nOBJECT_ID = %s\n"
               "CENTER_NAME = %s\nREF_FRAME = %s\nTIME_SYSTEM = %s\n"
               "START_TIME = %s\nSTOP_TIME = %s\n",
            g->object_name, g->object_id ? g->object_id : g->object_name,
            g->center_name, g->ref_frame, g->time_system, t0, t1);
    if (g->interpolation_degree > 0)
        fprintf(f, "INTERPOLATION = LAGRANGE\nINTERPOLATION_DEGREE = %d\n",
                g->interpolation_degree);
    fprintf(f, "META_STOP\n\n");
    put_comment(f, g->comment);
    for (size_t i = 0; i < g->n; i++) {
        st = epoch_text(g->t_tdb[i], s, t, sizeof t, err);
        if (st < 0)
            return st;
        const double *x = g->state[i];
        fprintf(f, "%s %.6f %.6f %.6f %.9f %.9f %.9f\n", t, x[0], x[1], x[2],
                x[3], x[4], x[5]);
    }
    return ILRS_OK;
}

int ilrs_oem_write(const char *path, const char *originator,
                   const ilrs_oem_segment *segs, size_t nseg,
                   ilrs_error *err)
{
    if (!segs || nseg == 0)
        return ilrs_error_set(err, ILRS_EINVAL, "OEM: no segments");
    for (size_t k = 0; k < nseg; k++) {
        int st = check_segment(&segs[k], k, err);
        if (st < 0)
            return st;
    }
    char *tmp;
    int st = ilrs__tmp_create(path, &tmp, err);
    if (st < 0)
        return st;
    FILE *f = fopen(tmp, "w");
    if (!f) {
        remove(tmp);
        free(tmp);
        return ilrs_error_set(err, ILRS_EIO, "%s: cannot write", path);
    }
    char now[40] = "";
    ilrs_epoch e;
    if (ilrs_time_now(&e, NULL) >= 0)
        ilrs_time_format(&e, ILRS_TIME_ISO, 3, now, sizeof now, NULL);
    fprintf(f, "CCSDS_OEM_VERS = 3.0\nCREATION_DATE = %s\nORIGINATOR = %s\n",
            now, originator && *originator ? originator : "ILRS PLANNER");
    for (size_t k = 0; k < nseg && st >= 0; k++)
        st = write_segment(f, &segs[k], err);
    int bad = ferror(f);
    bad |= fclose(f) != 0;
    if (st >= 0 && bad)
        st = ilrs_error_set(err, ILRS_EIO, "%s: cannot write", path);
    if (st < 0) {
        remove(tmp);
        free(tmp);
        return st;
    }
    st = ilrs__tmp_commit(tmp, path, err);
    free(tmp);
    return st;
}
