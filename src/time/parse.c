/*
 * parse.c -- reading epochs: ISO 8601 calendar and ordinal dates, JD, MJD,
 * "now", each with an optional time-scale suffix.
 */
#include "ilrs/time.h"

#include <ctype.h>
#include <erfa.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ilrs/constants.h"

/* Longest epoch text accepted (bytes). */
#define MAX_TEXT 128
/* Julian dates accepted: years about -4700 to +10000. */
#define MIN_JD 0.0
#define MAX_JD 5373484.5

/* Read exactly n digits at *p into *v; advance. */
static int digits(const char **p, int n, int *v)
{
    int x = 0;
    for (int i = 0; i < n; i++) {
        if (!isdigit((unsigned char)(*p)[i]))
            return -1;
        x = 10 * x + ((*p)[i] - '0');
    }
    *p += n;
    *v = x;
    return 0;
}

static int bad(ilrs_error *err, const char *text, const char *why)
{
    return ilrs_error_set(err, ILRS_EFORMAT, "bad epoch '%s': %s", text, why);
}

/* "JD 2460463.5", "MJD60463" (JD and MJD as numbers of days). */
static int parse_jd(const char *s, const char *text, ilrs_scale scale,
                    ilrs_epoch *out, ilrs_error *err)
{
    int mjd = strncasecmp(s, "MJD", 3) == 0;
    s += mjd ? 3 : 2;
    while (*s == ' ')
        s++;
    char *end;
    double v = strtod(s, &end);
    if (end == s || *end != '\0' || !isfinite(v))
        return bad(err, text, "expected a number of days after JD or MJD");
    double jd = mjd ? v + ILRS_MJD_OFFSET : v;
    if (jd < MIN_JD || jd > MAX_JD)
        return bad(err, text, "Julian date out of range");
    /* Split at the integer day for precision. */
    double day = floor(v);
    *out = (ilrs_epoch){(mjd ? ILRS_MJD_OFFSET : 0.0) + day, v - day, scale};
    return ILRS_OK;
}

/* Time of day "hh:mm[:ss[.fff]]" into h, m, sec; 0 or -1. */
static int parse_clock(const char **p, int *h, int *m, double *sec)
{
    const char *s = *p;
    *sec = 0.0;
    if (digits(&s, 2, h) || *s++ != ':' || digits(&s, 2, m))
        return -1;
    if (*s == ':') {
        s++;
        int whole;
        if (digits(&s, 2, &whole))
            return -1;
        *sec = whole;
        if (*s == '.') {
            double scale = 0.1;
            s++;
            if (!isdigit((unsigned char)*s))
                return -1;
            for (; isdigit((unsigned char)*s); s++, scale *= 0.1)
                *sec += (*s - '0') * scale;
        }
    }
    *p = s;
    return 0;
}

/* Date: "YYYY-MM-DD" or ordinal "YYYY-DDD"; 0 or -1 (with why). */
static int parse_date(const char **p, int *y, int *mo, int *d,
                      const char **why)
{
    const char *s = *p;
    *why = "expected a date YYYY-MM-DD or YYYY-DDD";
    if (digits(&s, 4, y) || *s++ != '-')
        return -1;
    int doy = 0;
    if (isdigit((unsigned char)s[0]) && isdigit((unsigned char)s[1]) &&
        isdigit((unsigned char)s[2]) && !isdigit((unsigned char)s[3]) &&
        s[2] != '-') {
        digits(&s, 3, &doy);
        double djm0, djm, fd;
        int leap = (*y % 4 == 0 && *y % 100 != 0) || *y % 400 == 0;
        *why = "day of year out of range";
        if (doy < 1 || doy > 365 + leap ||
            eraCal2jd(*y, 1, 1, &djm0, &djm) != 0)
            return -1;
        eraJd2cal(djm0, djm + doy - 1, y, mo, d, &fd);
    } else if (digits(&s, 2, mo) || *s++ != '-' || digits(&s, 2, d)) {
        return -1;
    }
    *p = s;
    return 0;
}

/* Zone suffix: "Z" or +hh[:mm] / -hh[:mm]; offset in s (UTC = local - off). */
static int parse_zone(const char **p, double *offset_s)
{
    const char *s = *p;
    *offset_s = 0.0;
    if (*s == 'Z' || *s == 'z') {
        *p = s + 1;
        return 1;
    }
    if (*s != '+' && *s != '-')
        return 0;
    int sign = *s++ == '-' ? -1 : 1, h, m = 0;
    if (digits(&s, 2, &h) || h > 23)
        return -1;
    if (*s == ':')
        s++;
    if (isdigit((unsigned char)*s) && (digits(&s, 2, &m) || m > 59))
        return -1;
    *offset_s = sign * (h * 3600.0 + m * 60.0);
    *p = s;
    return 1;
}

static int parse_iso(const char *s, const char *text, ilrs_scale scale,
                     ilrs_epoch *out, ilrs_error *err)
{
    int y, mo, d, h = 0, mi = 0, zone = 0;
    double sec = 0.0, offset = 0.0;
    const char *why;
    if (parse_date(&s, &y, &mo, &d, &why))
        return bad(err, text, why);
    if (*s == 'T' || *s == 't' || *s == ' ') {
        s++;
        if (parse_clock(&s, &h, &mi, &sec))
            return bad(err, text, "expected a time hh:mm[:ss[.fff]]");
    }
    zone = parse_zone(&s, &offset);
    if (zone < 0)
        return bad(err, text, "bad zone offset (expected Z or +hh:mm)");
    if (*s != '\0')
        return bad(err, text, "unexpected text after the date and time");
    if (zone && scale != ILRS_UTC)
        return bad(err, text, "a zone (Z, +hh:mm) goes with UTC only");
    double a, b;
    int j = eraDtf2d(ilrs_scale_name(scale), y, mo, d, h, mi, sec, &a, &b);
    static const char *const what[] = {
        "", "year out of range", "month out of range", "day out of range",
        "hour out of range", "minute out of range", "second out of range"};
    if (j < 0)
        return bad(err, text, j >= -6 ? what[-j] : "invalid");
    if (j & 2)
        return bad(err, text, scale == ILRS_UTC
                                  ? "second 60 only on a leap-second day"
                                  : "second must be below 60");
    *out = (ilrs_epoch){a, b - offset / ILRS_DAY_S, scale};
    return ILRS_OK;
}

/* Split off a trailing " UTC"/" TAI"/" TT"/" TDB"; returns the scale or
   -1 when there is none. Shortens buf in place. */
static int strip_scale(char *buf)
{
    char *sp = strrchr(buf, ' ');
    if (!sp)
        return -1;
    ilrs_scale s;
    if (ilrs_scale_parse(sp + 1, &s) != ILRS_OK)
        return -1;
    while (sp > buf && sp[-1] == ' ')
        sp--;
    *sp = '\0';
    return (int)s;
}

int ilrs_time_parse(const char *text, ilrs_scale default_scale,
                    ilrs_epoch *out, ilrs_error *err)
{
    if (!text || !out)
        return ilrs_error_set(err, ILRS_EINVAL, "null argument");
    size_t n = strlen(text);
    if (n > MAX_TEXT)
        return ilrs_error_set(err, ILRS_EFORMAT,
                              "bad epoch: longer than %d characters",
                              MAX_TEXT);
    char buf[MAX_TEXT + 1];
    while (*text == ' ' || *text == '\t')
        text++;
    strcpy(buf, text);
    for (n = strlen(buf); n && isspace((unsigned char)buf[n - 1]); n--)
        buf[n - 1] = '\0';
    if (!*buf)
        return ilrs_error_set(err, ILRS_EFORMAT, "bad epoch: empty");
    int sc = strip_scale(buf);
    ilrs_scale scale = sc < 0 ? default_scale : (ilrs_scale)sc;
    if ((unsigned)scale > 3)
        return ilrs_error_set(err, ILRS_EINVAL, "invalid default scale");
    if (strcasecmp(buf, "now") == 0) {
        if (scale != ILRS_UTC && sc >= 0)
            return bad(err, text, "'now' is read from the clock in UTC");
        return ilrs_time_now(out, err);
    }
    if (strncasecmp(buf, "MJD", 3) == 0 || strncasecmp(buf, "JD", 2) == 0)
        return parse_jd(buf, text, scale, out, err);
    return parse_iso(buf, text, scale, out, err);
}

int ilrs_time_parse_tdb(const char *text, double *t_tdb, ilrs_error *err)
{
    ilrs_epoch e;
    int st = ilrs_time_parse(text, ILRS_UTC, &e, err);
    if (st < 0)
        return st;
    return ilrs_time_to_tdb(&e, t_tdb, err);
}
