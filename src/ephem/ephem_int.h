/*
 * ephem_int.h -- what an ephemeris source gives the ephem core.
 *
 * A source (analytic, a DAF file, DE405, a conic) is loaded into a context
 * by its loader, which registers:
 *   - one ilrs__source (label, private data, close function),
 *   - any number of ilrs__segment: target relative to center over [t0, t1],
 *   - any number of ilrs__orient: a body frame's orientation over [t0, t1].
 * The context copies the segment and orient structs; their `data` pointers
 * must stay valid until the source's close function runs (at
 * ilrs_ephem_free). Segments added later take priority over earlier ones.
 */
#ifndef ILRS_EPHEM_INT_H
#define ILRS_EPHEM_INT_H

#include "ilrs/ephem.h"

typedef struct ilrs__segment ilrs__segment;
typedef struct ilrs__orient ilrs__orient;

/*
 * Evaluate a segment at n epochs and ACCUMULATE:
 *     out[6*i + k] += sign * state_k(t[i])     (km, km/s, ICRF)
 * The core guarantees t0 <= t[i] <= t1 for every i and sign = +1 or -1.
 * Returns ILRS_OK or a negative status (e.g. ILRS_EFORMAT for a record the
 * file's directory promised but that does not hold together).
 * Must be reentrant: it may run on many threads at once.
 */
typedef int (*ilrs__eval_fn)(const ilrs__segment *seg, size_t n,
                             const double *t, double *out, double sign);

struct ilrs__segment {
    int target, center;   /* NAIF ids */
    double t0, t1;        /* coverage, TDB s past J2000, inclusive */
    ilrs__eval_fn eval;
    const void *data;     /* the source's own data for this segment */
};

/* Orientation of a body frame: rotation ICRF -> frame at t. */
typedef int (*ilrs__orient_fn)(const ilrs__orient *o, double t,
                               ilrs_rotation *rot);

/* Frame class ids, as NAIF's. */
#define ILRS__FRAME_MOON_PA 31006

struct ilrs__orient {
    int frame;            /* ILRS__FRAME_MOON_PA, ... */
    double t0, t1;        /* coverage, TDB s past J2000, inclusive */
    ilrs__orient_fn eval;
    const void *data;
    const char *label;    /* static text: "binary PCK", "DE405 librations" */
    /* Constant rotation from this PA solution to its mean-Earth frame
       (ME = pa_to_me * PA), from the solution's frame kernel. */
    double pa_to_me[3][3];
};

/* Registration, for loaders. Each returns ILRS_OK or ILRS_ENOMEM. On
   failure of add_source, the caller still owns data and must close it. */
int ilrs__ephem_add_source(ilrs_ephem *e, const char *label, void *data,
                           void (*close)(void *data), ilrs_error *err);
int ilrs__ephem_add_segment(ilrs_ephem *e, const ilrs__segment *s,
                            ilrs_error *err);
int ilrs__ephem_add_orient(ilrs_ephem *e, const ilrs__orient *o,
                           ilrs_error *err);

/* Loaders (each registers its source, segments and orients). */
int ilrs__analytic_load(ilrs_ephem *e, ilrs_error *err);
/* A DAF file: SPK (types 2 and 3) or binary PCK (type 2). */
int ilrs__daf_load(ilrs_ephem *e, const char *path, ilrs_error *err);
/* The same from memory (copied); `label` names it in messages. */
int ilrs__daf_load_mem(ilrs_ephem *e, const char *label,
                       const unsigned char *buf, size_t size,
                       ilrs_error *err);
/* Debian's casacore DE405 table in directory dir. */
int ilrs__de405_load(ilrs_ephem *e, const char *dir, ilrs_error *err);

/* Built-in NAIF names (bodies.c): id from a name or an integer string,
   ILRS_ENOTFOUND if neither; canonical name of an id or NULL. */
int ilrs__body_builtin_id(const char *name, int *id);
const char *ilrs__body_builtin_name(int id);

/* Chebyshev helpers shared by the DAF, PCK and DE405 readers. */
/* Value and derivative (per unit of x) of sum c[k] T_k(x), k < n. */
void ilrs__cheb_eval(const double *c, int n, double x, double *f,
                     double *df);

#endif
