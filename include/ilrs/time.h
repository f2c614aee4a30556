/*
 * ilrs/time.h -- time scales (UTC, TAI, TT, TDB), parsing and printing.
 *
 * At this module's boundary an epoch is a two-part Julian date with its
 * scale (ilrs_epoch, as ERFA: jd1 + jd2, either split). Inside the library
 * epochs are TDB seconds past J2000.0 (2000-01-01 12:00:00 TDB) held in a
 * double: 1 microsecond resolution over a century, enough for planning.
 * UTC uses ERFA's leap-second table (eraDat), including the rubber-second
 * offsets of 1960-1971; UTC epochs beyond the table give ILRS_WDUBIOUS.
 * TDB-TT is ERFA's eraDtdb at the geocentre.
 */
#ifndef ILRS_TIME_H
#define ILRS_TIME_H

#include <stddef.h>

#include "ilrs/core.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum ilrs_scale {
    ILRS_UTC = 0,
    ILRS_TAI = 1,
    ILRS_TT = 2,
    ILRS_TDB = 3
} ilrs_scale;

typedef struct ilrs_epoch {
    double jd1, jd2;   /* two-part Julian date (d) */
    ilrs_scale scale;  /* the scale jd1 + jd2 is in */
} ilrs_epoch;

/* Output styles for ilrs_time_format. */
typedef enum ilrs_time_style {
    ILRS_TIME_ISO = 0,  /* 2024-06-01T12:00:00.000 */
    ILRS_TIME_JD = 1,   /* 2460463.000000000 */
    ILRS_TIME_MJD = 2   /* 60462.500000000 */
} ilrs_time_style;

/*
 * ilrs_scale_name -- "UTC", "TAI", "TT", "TDB".
 * ilrs_scale_parse -- the reverse, case-insensitive.
 * Returns: ILRS_OK; ILRS_ENOTFOUND for an unknown name.
 */
const char *ilrs_scale_name(ilrs_scale s);
int ilrs_scale_parse(const char *name, ilrs_scale *out);

/*
 * ilrs_time_parse -- read an epoch from text.
 * Given:
 *   text           ISO 8601 calendar date and time: "2024-06-01",
 *                  "2024-06-01T12:30", "2024-06-01 12:30:15.25",
 *                  "2024-06-01T12:30:15Z", ordinal "2024-153T12:30";
 *                  "JD 2460463.5", "JD2460463.5", "MJD 60463";
 *                  or "now" (the system clock, UTC). Any form may end with
 *                  a scale: " UTC", " TAI", " TT", " TDB" (or "Z" = UTC).
 *                  A leap second (23:59:60) is accepted on leap-second days.
 *   default_scale  scale when the text names none
 * Returned:
 *   out            the epoch in the scale given (no conversion)
 *   err            detail on failure (may be NULL)
 * Returns: ILRS_OK; ILRS_EFORMAT for malformed text or an impossible date
 *   (month 13, 30 February, 24:00:01, second 60 on a normal day).
 */
struct ilrs_error;
int ilrs_time_parse(const char *text, ilrs_scale default_scale,
                    ilrs_epoch *out, ilrs_error *err);

/*
 * ilrs_time_convert -- change scale.
 * Returns: ILRS_OK; ILRS_WDUBIOUS if a UTC date lies outside ERFA's
 *   leap-second table (before 1960 or past its last entry plus a margin);
 *   ILRS_EINVAL for a bad scale.
 */
int ilrs_time_convert(const ilrs_epoch *in, ilrs_scale to, ilrs_epoch *out,
                      ilrs_error *err);

/*
 * ilrs_time_to_tdb -- TDB seconds past J2000 (s) of an epoch in any scale.
 * ilrs_time_from_tdb -- the epoch in scale `to` of TDB seconds past J2000.
 * Returns: as ilrs_time_convert.
 */
int ilrs_time_to_tdb(const ilrs_epoch *in, double *t_tdb, ilrs_error *err);
int ilrs_time_from_tdb(double t_tdb, ilrs_scale to, ilrs_epoch *out,
                       ilrs_error *err);

/*
 * ilrs_time_parse_tdb -- ilrs_time_parse then ilrs_time_to_tdb (UTC default).
 */
int ilrs_time_parse_tdb(const char *text, double *t_tdb, ilrs_error *err);

/*
 * ilrs_time_format -- print an epoch in its own scale.
 * Given: e, style, ndp (decimal places of seconds for ISO, of days for
 *   JD/MJD; 0..9), buf/size (buffer and its size; 40 bytes always suffice)
 * Returns: ILRS_OK; ILRS_EINVAL if ndp is out of range or buf too small;
 *   ILRS_ERANGE for years outside 1..9999 (ISO).
 * Notes: ISO output has no scale suffix; a leap second prints as :60.
 */
int ilrs_time_format(const ilrs_epoch *e, ilrs_time_style style, int ndp,
                     char *buf, size_t size, ilrs_error *err);

/* ilrs_time_now -- the system clock as a UTC epoch. */
int ilrs_time_now(ilrs_epoch *out, ilrs_error *err);

#ifdef __cplusplus
}
#endif
#endif
