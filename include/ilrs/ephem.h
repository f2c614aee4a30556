/*
 * ilrs/ephem.h -- where body X is at time t: one interface, several sources.
 *
 * An ilrs_ephem is a context holding any number of loaded sources:
 *   - "analytic": ERFA's epv00 (Earth, Sun), plan94 (planets), moon98 (Moon);
 *     works with no file at all, to arcseconds;
 *   - JPL SPK files (DAF, segment types 2 and 3): DE4xx, small-body SPKs;
 *   - JPL DE405 as packaged by Debian (casacore-data-jpl-de405), with the
 *     lunar librations;
 *   - NAIF binary PCK files (type 2): the Moon's principal-axis orientation;
 *   - small bodies on Keplerian orbits from osculating elements.
 * Sources are segments "target relative to center over [t0, t1]"; a query
 * chains segments so any body may be asked relative to any other (Moon
 * relative to Sun). Where segments overlap, the source loaded last wins
 * (as SPICE). Bodies are NAIF ids (ilrs_body_id for names).
 *
 * Threads: after loading, a context is read-only; any number of threads may
 * query one context at once. Loading (ilrs_ephem_load, _add_conic) must not
 * run concurrently with queries on the same context.
 *
 * States are ICRF (= J2000 = EME2000), km and km/s; epochs are TDB seconds
 * past J2000.
 */
#ifndef ILRS_EPHEM_H
#define ILRS_EPHEM_H

#include <stddef.h>

#include "ilrs/core.h"
#include "ilrs/frames.h"
#include "ilrs/kepler.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ilrs_ephem ilrs_ephem;

/* Where Debian's casacore-data-jpl-de405 installs the DE405 table. */
#define ILRS_DE405_DIR "/usr/share/casacore/data/ephemerides/DE405"

/*
 * ilrs_ephem_open -- a context with one source.
 * Given:
 *   spec  "analytic"; "de405" (Debian's table) or "de405:DIR"; the path of a
 *         SPK or binary PCK file; several of those joined by ','; or NULL /
 *         "" for the default: the environment variable ILRS_EPHEMERIS if
 *         set, else DE405 if installed, else analytic.
 * Returned:
 *   out   the new context, owned by the caller: free with ilrs_ephem_free
 * Returns: ILRS_OK; ILRS_EIO, ILRS_EFORMAT (with the file and what was
 *   wrong in err), ILRS_ENOMEM.
 */
int ilrs_ephem_open(const char *spec, ilrs_ephem **out, ilrs_error *err);

/* ilrs_ephem_new -- an empty context (no sources). */
int ilrs_ephem_new(ilrs_ephem **out, ilrs_error *err);

/* ilrs_ephem_free -- release a context; NULL does nothing. */
void ilrs_ephem_free(ilrs_ephem *e);

/*
 * ilrs_ephem_load -- add a source to a context: one spec as for
 * ilrs_ephem_open ("analytic", "de405[:DIR]", or an SPK/PCK path).
 * Returns: as ilrs_ephem_open.
 */
int ilrs_ephem_load(ilrs_ephem *e, const char *spec, ilrs_error *err);

/*
 * ilrs_ephem_add_conic -- add a body on a Keplerian orbit about `center`
 * (conic elements in ICRF), valid for all time, under NAIF id `id` and an
 * optional name (may be NULL) that ilrs_ephem_body_id will find.
 * Returns: ILRS_OK; ILRS_EINVAL; ILRS_ENOMEM.
 */
int ilrs_ephem_add_conic(ilrs_ephem *e, int id, const char *name, int center,
                         const ilrs_conic *c, ilrs_error *err);

/*
 * ilrs_ephem_source -- one line naming the loaded sources, for output
 * ("JPL SPK de440s.bsp; analytic (ERFA epv00/plan94/moon98)").
 * The string is owned by the context.
 */
const char *ilrs_ephem_source(const ilrs_ephem *e);

/*
 * ilrs_ephem_state -- state of target relative to center at t.
 * Given: e, target, center (NAIF ids), t (TDB s past J2000)
 * Returned: state (km, km/s, ICRF)
 * Returns: ILRS_OK; ILRS_ENOTFOUND if no loaded source has the body;
 *   ILRS_ERANGE if t is outside the coverage (err names body and range).
 */
int ilrs_ephem_state(const ilrs_ephem *e, int target, int center, double t,
                     double state[6], ilrs_error *err);

/*
 * ilrs_ephem_states -- the batch form: n epochs t[0..n-1], states to
 * out[6*i .. 6*i+5]; spread over nthreads threads (<= 0: all cores).
 * Returns: as ilrs_ephem_state, for the first epoch that fails.
 */
int ilrs_ephem_states(const ilrs_ephem *e, int target, int center, size_t n,
                      const double *t, double *out, int nthreads,
                      ilrs_error *err);

/*
 * ilrs_ephem_rotation -- rotation from ICRF to frame f at t. For the Moon's
 * PA and ME frames this uses, in order: a loaded binary PCK for the Moon
 * PA frame, the DE405 librations, the IAU model (ilrs_frame_rotation);
 * every other frame comes from ilrs_frame_rotation.
 * Returned: rot; `source` (may be NULL) gets a static string naming what
 *   was used ("binary PCK", "DE405 librations", "IAU model").
 * Returns: as ilrs_frame_rotation; ILRS_ERANGE when a PCK or DE405 is loaded
 *   but does not cover t is NOT an error: the next source is used.
 */
int ilrs_ephem_rotation(const ilrs_ephem *e, const ilrs_frame *f, double t,
                        ilrs_rotation *rot, const char **source,
                        ilrs_error *err);

/*
 * ilrs_ephem_state_in -- ilrs_ephem_state expressed in frame f.
 */
int ilrs_ephem_state_in(const ilrs_ephem *e, int target, int center,
                        const ilrs_frame *f, double t, double state[6],
                        ilrs_error *err);

/*
 * ilrs_ephem_coverage -- the interval over which target relative to center
 * can be evaluated without a gap (the intersection along the chain at
 * `near`, a TDB epoch inside it, or the first covered interval when
 * near is NaN).
 * Returns: ILRS_OK; ILRS_ENOTFOUND; ILRS_ERANGE if nothing covers `near`.
 */
int ilrs_ephem_coverage(const ilrs_ephem *e, int target, int center,
                        double near, double *t0, double *t1, ilrs_error *err);

/*
 * ilrs_ephem_bodies -- NAIF ids of every body the context can place
 * (targets of any segment, plus their centers), sorted, without repeats.
 * Returned: ids[0..*n-1], at most max written; *n is the total count.
 */
int ilrs_ephem_bodies(const ilrs_ephem *e, int *ids, size_t max, size_t *n);

/*
 * ilrs_ephem_body_id -- NAIF id from a name ("Moon", "mars barycenter", "EMB",
 * "SSB", "399") or from a small body's name given to ilrs_ephem_add_conic
 * (e may be NULL for the built-in names only). Case-insensitive.
 * Returns: ILRS_OK; ILRS_ENOTFOUND.
 */
int ilrs_ephem_body_id(const ilrs_ephem *e, const char *name, int *id,
                       ilrs_error *err);

/*
 * ilrs_ephem_body_name -- the name of a NAIF id ("MOON", "MARS BARYCENTER",
 * or a small body's own name); NULL when it has none. The string is static
 * or owned by the context.
 */
const char *ilrs_ephem_body_name(const ilrs_ephem *e, int id);

#ifdef __cplusplus
}
#endif
#endif
