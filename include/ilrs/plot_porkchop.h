/*
 * ilrs/plot_porkchop.h -- the porkchop chart of a computed grid, drawn with
 * ilrs/plot.h: labelled contours of launch energy C3 (blue), contours of
 * arrival v-infinity (red), dashed lines of constant time of flight (grey),
 * the optimum marked and annotated, dates on both axes, title and legend.
 */
#ifndef ILRS_PLOT_PORKCHOP_H
#define ILRS_PLOT_PORKCHOP_H

#include "ilrs/core.h"
#include "ilrs/design.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * ilrs_porkchop_plot -- write the chart of grid p to path (.png, .svg,
 * .pdf).
 * Given:
 *   p        a grid filled by ilrs_porkchop_compute (at least 2 x 2)
 *   from, to names for the title ("EARTH", "MARS")
 *   source   the ephemeris source, printed under the title (may be NULL)
 *   opt_i, opt_j  the cell to mark as the optimum (SIZE_MAX: none)
 *   label    what the optimum is ("least C3"), may be NULL
 * Returns: ILRS_OK; ILRS_EINVAL for a grid smaller than 2 x 2; the
 *   plot's errors (ILRS_EIO naming the file, ILRS_ENOMEM).
 */
int ilrs_porkchop_plot(const char *path, const ilrs_porkchop *p,
                       const char *from, const char *to, const char *source,
                       size_t opt_i, size_t opt_j, const char *label,
                       ilrs_error *err);

#ifdef __cplusplus
}
#endif
#endif
