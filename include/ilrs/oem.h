/*
 * ilrs/oem.h -- CCSDS Orbit Ephemeris Messages (OEM), KVN form,
 * CCSDS 502.0-B-3 (Orbit Data Messages, 2023), so GMAT, Orekit, STK and
 * SPICE's tools can read a trajectory the planner designed.
 *
 * A message is a header and one or more segments; each segment has its own
 * metadata (object, centre, frame, time system) and data lines of epoch,
 * position (km) and velocity (km/s). The file is written to a temporary
 * name beside the target and renamed into place, so a crash never leaves a
 * partial message.
 */
#ifndef ILRS_OEM_H
#define ILRS_OEM_H

#include <stddef.h>

#include "ilrs/core.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ilrs_oem_segment {
    const char *object_name;  /* OBJECT_NAME, e.g. "CHANGE-7" */
    const char *object_id;    /* OBJECT_ID (international designator or
                                 any id; NULL: the object name) */
    const char *center_name;  /* CENTER_NAME: "EARTH", "MOON", "SUN",
                                 "MARS BARYCENTER", ... */
    const char *ref_frame;    /* REF_FRAME: "EME2000" or "ICRF" (the
                                 planner's inertial frame is both) */
    const char *time_system;  /* TIME_SYSTEM: "TDB" or "UTC" */
    const char *comment;      /* COMMENT lines (split at '\n'), may be NULL */
    const double *t_tdb;      /* epochs, TDB seconds past J2000, ascending */
    const double (*state)[6]; /* km, km/s in ref_frame about the centre */
    size_t n;                 /* number of states, >= 1 */
    int interpolation_degree; /* Lagrange degree hinted to readers; 0: none */
} ilrs_oem_segment;

/*
 * ilrs_oem_write -- write an OEM file.
 * Given:
 *   path        file to write (replaced atomically)
 *   originator  ORIGINATOR header field (NULL: "ILRS PLANNER")
 *   segs, nseg  segments, nseg >= 1
 * Returns: ILRS_OK; ILRS_EINVAL for an empty segment, unsorted or
 *   non-finite epochs or states, a missing name or an unknown time system;
 *   ILRS_EIO if the file cannot be written (nothing is left at path).
 * Notes: epochs print in the segment's time system as ISO calendar dates
 *   with microseconds; states with 9 significant decimals (mm, mm/s).
 */
int ilrs_oem_write(const char *path, const char *originator,
                   const ilrs_oem_segment *segs, size_t nseg,
                   ilrs_error *err);

#ifdef __cplusplus
}
#endif
#endif
