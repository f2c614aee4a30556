/* design_int.h -- private pieces shared by the design module. */
#ifndef ILRS_DESIGN_INT_H
#define ILRS_DESIGN_INT_H

#include "ilrs/design.h"

/* Most revolutions a grid cell or window considers. */
#define ILRS__MAX_REVS 20
/* Most cells of one grid. */
#define ILRS__MAX_CELLS 200000000.0

/* ilrs__transfer_nan -- a transfer with every value NaN (revs -1). */
void ilrs__transfer_nan(ilrs_transfer *t, double t_dep, double t_arr);

/* ilrs__spec_check -- the checks common to porkchop and window specs. */
int ilrs__spec_check(int max_revs, ilrs_objective obj, const ilrs_budget *b,
                     ilrs_error *err);

#endif
