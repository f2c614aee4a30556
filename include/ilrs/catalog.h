/*
 * ilrs/catalog.h -- a small bundled catalog of mission targets: asteroids
 * and comets of current missions, with osculating heliocentric elements
 * (J2000 ecliptic), their epoch and the source of every entry, so that
 * `ilrs porkchop --to Kamo\`oalewa` works without an element file.
 *
 * Bodies move on Keplerian orbits about the Sun from these elements: good
 * for mission design over a few years around the epoch (planetary
 * perturbations move a near-Earth asteroid by up to ~1e5 km per year);
 * give a newer MPC/JPL file with --elements for anything closer.
 */
#ifndef ILRS_CATALOG_H
#define ILRS_CATALOG_H

#include <stddef.h>

#include "ilrs/core.h"
#include "ilrs/smallbody.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ilrs_catalog_entry {
    const char *name;        /* "Kamo`oalewa" */
    const char *designation; /* "469219", "2016 HO3", "311P" */
    const char *aliases;     /* more names, separated by '|', may be "" */
    long number;             /* asteroid number, 0 for none */
    int comet;               /* 1: q and tp given; 0: a and M given */
    double epoch_jd;         /* osculation epoch (JD, TT) */
    double a_or_q_au;        /* a (asteroid) or q (comet), au */
    double e;                /* eccentricity */
    double i_deg, node_deg, argp_deg;  /* J2000 ecliptic angles (deg) */
    double m_deg_or_tp_jd;   /* mean anomaly at epoch (deg, asteroid) or
                                time of perihelion (JD TT, comet) */
    const char *mission;     /* why it is here ("Tianwen-2 target") */
    const char *source;      /* where the elements come from */
} ilrs_catalog_entry;

/* ilrs_catalog_count, ilrs_catalog_get -- the entries (static data). */
size_t ilrs_catalog_count(void);
const ilrs_catalog_entry *ilrs_catalog_get(size_t i);

/*
 * ilrs_catalog_find -- a body by number ("469219"), name ("Kamo`oalewa",
 * "kamooalewa"), designation ("2016 HO3", "311P") or alias; case, spaces,
 * backticks and apostrophes are ignored.
 * Returned: out as ilrs_smallbody_find gives it (id 2000000 + number for
 *   numbered asteroids, else 95000000 + the entry's index); entry (may be
 *   NULL) the catalog entry.
 * Returns: ILRS_OK; ILRS_ENOTFOUND.
 */
int ilrs_catalog_find(const char *query, ilrs_smallbody *out,
                      const ilrs_catalog_entry **entry, ilrs_error *err);

/* ilrs_catalog_body -- the ilrs_smallbody of entry i (as _find). */
int ilrs_catalog_body(size_t i, ilrs_smallbody *out, ilrs_error *err);

#ifdef __cplusplus
}
#endif
#endif
