/*
 * ilrs/smallbody.h -- asteroids and comets from osculating orbital
 * elements as the Minor Planet Center and JPL publish them.
 *
 * Formats read (the format of a file is recognised from its lines):
 *   - MPCORB (MPC's fixed-width orbit file: NEA.txt, MPCORB.DAT): packed
 *     epoch, M, argument of perihelion, node, inclination, e, n, a;
 *   - JPL SSD ELEMENTS.COMET: name, epoch (MJD), q, e, i, w, node, Tp;
 *   - JPL SSD ELEMENTS.NUMBR and ELEMENTS.UNNUM: number and name, or
 *     designation, then epoch (MJD), a, e, i, w, node, M, H, G, Ref, in
 *     the columns the file's line of dashes under its header marks;
 * and elements written out as text (ilrs_smallbody_parse_inline).
 * Elements are heliocentric J2000 ecliptic; they are turned into an
 * ilrs_conic in ICRF about the Sun (GM of DE440). Epochs in the files are
 * TT, used as TDB (they differ by < 2 ms).
 *
 * Ids: a numbered asteroid N gets NAIF's 2000000 + N (Apophis 2099942); a
 * comet or unnumbered object gets 90000000 + its line number in the file,
 * elements written out 80000000 + a hash of their text: local ids that no
 * NAIF id uses.
 */
#ifndef ILRS_SMALLBODY_H
#define ILRS_SMALLBODY_H

#include "ilrs/core.h"
#include "ilrs/kepler.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ilrs_smallbody {
    char name[64];         /* "Kamo`oalewa", "Apophis", "311P/PANSTARRS" */
    char designation[32];  /* "469219", "2016 HO3", "311P" */
    long number;           /* asteroid number, 0 if none */
    int id;                /* see the ids above */
    double epoch;          /* osculation epoch (TDB s past J2000) */
    ilrs_conic conic;      /* heliocentric, ICRF, gm = ILRS_GM_SUN */
} ilrs_smallbody;

/*
 * ilrs_smallbody_parse_mpc -- one MPCORB line.
 * ilrs_smallbody_parse_jpl_comet -- one ELEMENTS.COMET data line.
 * Given: line (NUL-terminated, at most 512 characters), line_no (for
 *   messages and local ids; 1-based)
 * Returned: out
 * Returns: ILRS_OK; ILRS_EFORMAT naming the column/field that is bad.
 */
int ilrs_smallbody_parse_mpc(const char *line, long line_no,
                             ilrs_smallbody *out, ilrs_error *err);
int ilrs_smallbody_parse_jpl_comet(const char *line, long line_no,
                                   ilrs_smallbody *out, ilrs_error *err);

/*
 * ilrs_smallbody_parse_jpl_asteroid -- one data line of ELEMENTS.NUMBR or
 * ELEMENTS.UNNUM.
 * Given: line; layout, the file's line of dashes under its header (each
 *   run of '-' one field: 12 fields for NUMBR -- Num, Name, Epoch, a, e,
 *   i, w, Node, M, H, G, Ref --, 11 for UNNUM, which has the designation
 *   in place of Num and Name); line_no as above
 * Returned: out
 * Returns: ILRS_OK; ILRS_EFORMAT naming the columns and field that are
 *   bad, or a layout that is neither.
 */
int ilrs_smallbody_parse_jpl_asteroid(const char *line, const char *layout,
                                      long line_no, ilrs_smallbody *out,
                                      ilrs_error *err);

/*
 * ilrs_smallbody_parse_inline -- elements written out as key=value pairs
 * joined by commas, heliocentric J2000 ecliptic like the files:
 *   "a=1.0011,e=0.1037,i=7.79,node=66.0,argp=304.4,M=85.3,epoch=MJD 60600"
 *   "q=0.98,e=1.2,i=30,node=10,argp=20,tp=2027-03-01,name=C/2027 X1"
 * Keys: a or q (au; a only for e < 1), e, i, node, argp (deg), then M
 *   (mean anomaly, deg; e < 1) with epoch, or tp (perihelion time); epoch
 *   is the osculation epoch (default tp); name is optional. Epochs as
 *   ilrs_time_parse reads them, TDB unless they name a scale.
 * Returns: ILRS_OK; ILRS_EFORMAT naming the key that is missing, unknown,
 *   repeated or bad.
 */
int ilrs_smallbody_parse_inline(const char *spec, ilrs_smallbody *out,
                                ilrs_error *err);

/*
 * ilrs_smallbody_find -- look a body up in an element file by number
 * ("469219"), name ("Kamo`oalewa", "kamooalewa", "Apophis"), designation
 * ("2016 HO3", "311P") or full comet name ("311P/PANSTARRS").
 * Case, backticks and apostrophes are ignored.
 * Returns: ILRS_OK; ILRS_ENOTFOUND (the query in err); ILRS_EIO;
 *   ILRS_EFORMAT for a malformed line of the matching body (file:line).
 */
int ilrs_smallbody_find(const char *path, const char *query,
                        ilrs_smallbody *out, ilrs_error *err);

#ifdef __cplusplus
}
#endif
#endif
