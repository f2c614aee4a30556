/*
 * ilrs/timeline.h -- the program's timeline as a chart (src/io/plot_timeline.c,
 * drawn with ilrs/plot.h).
 */
#ifndef ILRS_TIMELINE_H
#define ILRS_TIMELINE_H

#include "ilrs/core.h"
#include "ilrs/program.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * ilrs_timeline_plot -- phases as shaded bands and missions as one row each
 * (a marker at the launch date, a bar over a launch window, coloured by
 * status), on a date axis.
 * Given: p (the program), path (.png, .svg or .pdf)
 * Returns: ILRS_OK; ILRS_EINVAL (unknown extension, or nothing with a date
 *   to draw); ILRS_EIO; ILRS_ENOMEM.
 */
int ilrs_timeline_plot(const ilrs_program *p, const char *path,
                       ilrs_error *err);

#ifdef __cplusplus
}
#endif
#endif
