/*
 * ilrs/plot_lunar.h -- charts of the lunar module, drawn with plot.h.
 */
#ifndef ILRS_PLOT_LUNAR_H
#define ILRS_PLOT_LUNAR_H

#include <stddef.h>

#include "ilrs/core.h"
#include "ilrs/lunar.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * ilrs_plot_site_horizon -- polar chart of a site's horizon (terrain
 * shaded) with the tracks of the Sun, the Earth and (if any) the relay.
 * Given: path (.png, .svg, .pdf), elev[naz] (rad, as ilrs_horizon_site),
 *   st (samples from ilrs_site_analyze), terrain (text for the subtitle),
 *   lat_deg, lon_deg (the site)
 * Returns: ILRS_OK; the plot module's statuses (ILRS_EINVAL for a bad
 *   extension, ILRS_EIO when the file cannot be written).
 */
int ilrs_plot_site_horizon(const char *path, const double *elev, int naz,
                           const ilrs_site_stats *st, const char *terrain,
                           double lat_deg, double lon_deg, ilrs_error *err);

/*
 * ilrs_plot_illum_map -- the solar illumination fraction of a map window
 * as an image with a colour bar, permanently shadowed pixels outlined.
 * Given: path, sun_frac and psr (ncol*nrow, row-major, row 0 at the top),
 *   pixel_km (pixel size), title
 * Returns: as ilrs_plot_site_horizon.
 */
int ilrs_plot_illum_map(const char *path, const float *sun_frac,
                        const float *psr, int ncol, int nrow, double pixel_km,
                        const char *title, ilrs_error *err);

#ifdef __cplusplus
}
#endif
#endif
