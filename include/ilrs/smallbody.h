/*
 * ilrs/smallbody.h -- asteroids and comets from osculating orbital
 * elements as the Minor Planet Center and JPL publish them.
 *
 * Formats read (the format of a file is recognised from its lines):
 *   - MPCORB (MPC's fixed-width orbit file: NEA.txt, MPCORB.DAT): packed
 *     epoch, M, argument of perihelion, node, inclination, e, n, a;
 *   - JPL SSD ELEMENTS.COMET: name, epoch (MJD), q, e, i, w, node, Tp.
 * Elements are heliocentric J2000 ecliptic; they are turned into an
 * ilrs_conic in ICRF about the Sun (GM of DE440). Epochs in the files are
 * TT, used as TDB (they differ by < 2 ms).
 *
 * Ids: a numbered asteroid N gets NAIF's 2000000 + N (Apophis 2099942); a
 * comet or unnumbered object gets 90000000 + its line number in the file,
 * a local id that no NAIF id uses.
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
