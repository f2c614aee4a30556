/*
 * probe_ephem.c -- drives the library for the Python peer tests.
 *
 *   probe_ephem state SPEC TARGET CENTER   stdin: TDB s past J2000 per line
 *       stdout: x y z vx vy vz (km, km/s, ICRF), %.17g
 *   probe_ephem rot SPEC FRAME             stdin: TDB s [UT1-UTC s]; stdout:
 *       R (9), dR (9), source
 *   probe_ephem time                       stdin: UTC text per line; stdout:
 *       tai_jd1 tai_jd2 tt_jd1 tt_jd2 tdb_jd1 tdb_jd2 tdb_s status
 *   probe_ephem utc                        stdin: TDB s; stdout: UTC ISO (9 dp)
 * A line that fails prints "ERR <status> <message>".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ilrs/ephem.h"
#include "ilrs/time.h"

static int do_state(ilrs_ephem *e, const char *target, const char *center)
{
    int t_id, c_id;
    ilrs_error err = {0, ""};
    if (ilrs_ephem_body_id(e, target, &t_id, &err) ||
        ilrs_ephem_body_id(e, center, &c_id, &err)) {
        fprintf(stderr, "%s\n", err.msg);
        return 2;
    }
    size_t cap = 1024, n = 0;
    double *t = malloc(cap * sizeof *t), v;
    while (t && scanf("%lf", &v) == 1) {
        if (n == cap) {
            double *g = realloc(t, 2 * cap * sizeof *t);
            if (!g)
                break;
            t = g;
            cap *= 2;
        }
        t[n++] = v;
    }
    double *out = malloc((n ? n : 1) * 6 * sizeof *out);
    if (!t || !out)
        return 3;
    for (size_t i = 0; i < n; i++) {
        int st = ilrs_ephem_state(e, t_id, c_id, t[i], out + 6 * i, &err);
        if (st < 0)
            printf("ERR %d %s\n", st, err.msg);
        else
            printf("%.17g %.17g %.17g %.17g %.17g %.17g\n", out[6 * i],
                   out[6 * i + 1], out[6 * i + 2], out[6 * i + 3],
                   out[6 * i + 4], out[6 * i + 5]);
    }
    free(t);
    free(out);
    return 0;
}

static int do_rot(ilrs_ephem *e, const char *frame)
{
    ilrs_frame f;
    ilrs_error err = {0, ""};
    if (ilrs_frame_parse(frame, &f, &err)) {
        fprintf(stderr, "%s\n", err.msg);
        return 2;
    }
    char line[256];
    while (fgets(line, sizeof line, stdin)) {
        double t, dut1;
        int k = sscanf(line, "%lf %lf", &t, &dut1);
        if (k < 1)
            continue;
        f.dut1_s = k == 2 ? dut1 : 0.0;
        ilrs_rotation r;
        const char *src = "";
        int st = ilrs_ephem_rotation(e, &f, t, &r, &src, &err);
        if (st < 0) {
            printf("ERR %d %s\n", st, err.msg);
            continue;
        }
        for (int i = 0; i < 9; i++)
            printf("%.17g ", r.r[i / 3][i % 3]);
        for (int i = 0; i < 9; i++)
            printf("%.17g ", r.dr[i / 3][i % 3]);
        printf("%s\n", src);
    }
    return 0;
}

static int do_time(void)
{
    char line[256];
    while (fgets(line, sizeof line, stdin)) {
        line[strcspn(line, "\n")] = '\0';
        ilrs_epoch e, a, b, c;
        ilrs_error err = {0, ""};
        double s;
        int st = ilrs_time_parse(line, ILRS_UTC, &e, &err);
        if (st >= 0)
            st = ilrs_time_convert(&e, ILRS_TAI, &a, &err);
        if (st >= 0)
            st = ilrs_time_convert(&e, ILRS_TT, &b, &err);
        if (st >= 0)
            st = ilrs_time_convert(&e, ILRS_TDB, &c, &err);
        if (st >= 0)
            st = ilrs_time_to_tdb(&e, &s, &err);
        if (st < 0)
            printf("ERR %d %s\n", st, err.msg);
        else
            printf("%.17g %.17g %.17g %.17g %.17g %.17g %.17g %d\n", a.jd1,
                   a.jd2, b.jd1, b.jd2, c.jd1, c.jd2, s, st);
    }
    return 0;
}

static int do_utc(void)
{
    double t;
    while (scanf("%lf", &t) == 1) {
        ilrs_epoch e;
        char buf[64];
        ilrs_error err = {0, ""};
        int st = ilrs_time_from_tdb(t, ILRS_UTC, &e, &err);
        if (st >= 0)
            st = ilrs_time_format(&e, ILRS_TIME_ISO, 9, buf, sizeof buf, &err);
        if (st < 0)
            printf("ERR %d %s\n", st, err.msg);
        else
            printf("%s\n", buf);
    }
    return 0;
}

int main(int argc, char **argv)
{
    if (argc >= 2 && strcmp(argv[1], "time") == 0)
        return do_time();
    if (argc >= 2 && strcmp(argv[1], "utc") == 0)
        return do_utc();
    if (argc < 4) {
        fprintf(stderr, "usage: see the comment at the top of probe_ephem.c\n");
        return 2;
    }
    ilrs_ephem *e;
    ilrs_error err = {0, ""};
    if (ilrs_ephem_open(argv[2], &e, &err) < 0) {
        fprintf(stderr, "%s\n", err.msg);
        return 1;
    }
    int rc = 2;
    if (strcmp(argv[1], "state") == 0 && argc == 5)
        rc = do_state(e, argv[3], argv[4]);
    else if (strcmp(argv[1], "rot") == 0)
        rc = do_rot(e, argv[3]);
    ilrs_ephem_free(e);
    return rc;
}
