/*
 * time.c -- time scales with ERFA: conversions, the internal TDB epoch.
 *
 * Conversions walk the chain UTC <-> TAI <-> TT <-> TDB one step at a
 * time with ERFA's routines, keeping both parts of the Julian date.
 */
#include "ilrs/time.h"

#include <ctype.h>
#include <erfa.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "ilrs/constants.h"

static const char *const scale_names[] = {"UTC", "TAI", "TT", "TDB"};

const char *ilrs_scale_name(ilrs_scale s)
{
    return (unsigned)s < 4 ? scale_names[s] : "?";
}

int ilrs_scale_parse(const char *name, ilrs_scale *out)
{
    for (int i = 0; name && i < 4; i++)
        if (strcasecmp(name, scale_names[i]) == 0) {
            *out = (ilrs_scale)i;
            return ILRS_OK;
        }
    return ILRS_ENOTFOUND;
}

/* TDB-TT (s) at the geocentre: ERFA's Fairhead & Bretagnon series with
   the topocentric terms zero (u = v = 0). */
static double tdb_minus_tt(double jd1, double jd2)
{
    return eraDtdb(jd1, jd2, 0.0, 0.0, 0.0, 0.0);
}

/* One step along UTC-TAI-TT-TDB; returns ERFA's status. */
static int step_up(ilrs_scale from, double a, double b, double *c, double *d)
{
    switch (from) {
    case ILRS_UTC:
        return eraUtctai(a, b, c, d);
    case ILRS_TAI:
        return eraTaitt(a, b, c, d);
    default:
        return eraTttdb(a, b, tdb_minus_tt(a, b), c, d);
    }
}

static int step_down(ilrs_scale from, double a, double b, double *c,
                     double *d)
{
    switch (from) {
    case ILRS_TDB:
        return eraTdbtt(a, b, tdb_minus_tt(a, b), c, d);
    case ILRS_TT:
        return eraTttai(a, b, c, d);
    default:
        return eraTaiutc(a, b, c, d);
    }
}

int ilrs_time_convert(const ilrs_epoch *in, ilrs_scale to, ilrs_epoch *out,
                      ilrs_error *err)
{
    if (!in || !out || (unsigned)in->scale > 3 || (unsigned)to > 3)
        return ilrs_error_set(err, ILRS_EINVAL, "invalid time scale");
    if (!isfinite(in->jd1) || !isfinite(in->jd2))
        return ilrs_error_set(err, ILRS_EINVAL, "epoch is not finite");
    double a = in->jd1, b = in->jd2;
    int s = (int)in->scale, warn = 0;
    while (s != (int)to) {
        double c, d;
        int j = s < (int)to ? step_up((ilrs_scale)s, a, b, &c, &d)
                            : step_down((ilrs_scale)s, a, b, &c, &d);
        if (j < 0)
            return ilrs_error_set(err, ILRS_ERANGE,
                                  "epoch JD %.9f %s cannot be converted to "
                                  "%s (year out of range)", a + b,
                                  ilrs_scale_name(in->scale),
                                  ilrs_scale_name(to));
        warn |= j > 0;
        a = c;
        b = d;
        s += s < (int)to ? 1 : -1;
    }
    *out = (ilrs_epoch){a, b, to};
    return warn ? ILRS_WDUBIOUS : ILRS_OK;
}

int ilrs_time_to_tdb(const ilrs_epoch *in, double *t_tdb, ilrs_error *err)
{
    ilrs_epoch e;
    int st = ilrs_time_convert(in, ILRS_TDB, &e, err);
    if (st < 0)
        return st;
    /* Subtract J2000 from the larger part first to keep precision. */
    if (fabs(e.jd1) >= fabs(e.jd2))
        *t_tdb = ((e.jd1 - ILRS_J2000_JD) + e.jd2) * ILRS_DAY_S;
    else
        *t_tdb = ((e.jd2 - ILRS_J2000_JD) + e.jd1) * ILRS_DAY_S;
    return st;
}

int ilrs_time_from_tdb(double t_tdb, ilrs_scale to, ilrs_epoch *out,
                       ilrs_error *err)
{
    if (!isfinite(t_tdb))
        return ilrs_error_set(err, ILRS_EINVAL, "epoch is not finite");
    ilrs_epoch e = {ILRS_J2000_JD, t_tdb / ILRS_DAY_S, ILRS_TDB};
    return ilrs_time_convert(&e, to, out, err);
}

int ilrs_time_now(ilrs_epoch *out, ilrs_error *err)
{
    struct timespec ts;
    if (clock_gettime(CLOCK_REALTIME, &ts) != 0)
        return ilrs_error_set(err, ILRS_EIO, "cannot read the system clock");
    /* POSIX time counts 86400 s a day, as ERFA's UTC quasi-JD does. */
    double days = floor((double)ts.tv_sec / ILRS_DAY_S);
    double sod = (double)ts.tv_sec - days * ILRS_DAY_S + ts.tv_nsec * 1e-9;
    *out = (ilrs_epoch){2440587.5 + days, sod / ILRS_DAY_S, ILRS_UTC};
    return ILRS_OK;
}

int ilrs_time_format(const ilrs_epoch *e, ilrs_time_style style, int ndp,
                     char *buf, size_t size, ilrs_error *err)
{
    if (!e || !buf || ndp < 0 || ndp > 9 || size < 40)
        return ilrs_error_set(err, ILRS_EINVAL,
                              "bad format arguments (ndp 0..9, buffer >= 40)");
    if (!isfinite(e->jd1) || !isfinite(e->jd2))
        return ilrs_error_set(err, ILRS_EINVAL, "epoch is not finite");
    if (style == ILRS_TIME_JD || style == ILRS_TIME_MJD) {
        double off = style == ILRS_TIME_JD ? 0.0 : ILRS_MJD_OFFSET;
        double v = fabs(e->jd1) >= fabs(e->jd2) ? (e->jd1 - off) + e->jd2
                                                : (e->jd2 - off) + e->jd1;
        snprintf(buf, size, "%.*f", ndp, v);
        return ILRS_OK;
    }
    int y, m, d, hmsf[4];
    int st = eraD2dtf(ilrs_scale_name(e->scale), ndp, e->jd1, e->jd2, &y, &m,
                      &d, hmsf);
    if (st < 0 || y < 1 || y > 9999)
        return ilrs_error_set(err, ILRS_ERANGE,
                              "epoch JD %.6f is outside years 1..9999",
                              e->jd1 + e->jd2);
    int n = snprintf(buf, size, "%04d-%02d-%02dT%02d:%02d:%02d", y, m, d,
                     hmsf[0], hmsf[1], hmsf[2]);
    if (ndp > 0)
        snprintf(buf + n, size - (size_t)n, ".%0*d", ndp, hmsf[3]);
    return ILRS_OK;
}
