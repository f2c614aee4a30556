/* plot_timeline.c -- the program timeline chart (placeholder until the
   plot layer lands). */
#include "ilrs/timeline.h"

int ilrs_timeline_plot(const ilrs_program *p, const char *path,
                       ilrs_error *err)
{
    (void)p;
    return ilrs_error_set(err, ILRS_EUNSUPPORTED, "%s: charts are not "
                          "available in this build", path);
}
