/* cli_design_out.c -- plot and OEM output of the design commands. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "cli_design.h"
#include "ilrs/constants.h"
#include "ilrs/kepler.h"
#include "ilrs/oem.h"
#include "ilrs/plot_porkchop.h"

int design_plot(const char *path, const ilrs_porkchop *p,
                const ilrs_porkchop_spec *s, const char *from, const char *to,
                const char *source)
{
    ilrs_error err = {0, ""};
    size_t i = SIZE_MAX, j = SIZE_MAX;
    if (ilrs_porkchop_best(p, s->objective, &i, &j) != ILRS_OK)
        i = j = SIZE_MAX;
    char label[48];
    snprintf(label, sizeof label, "least %s",
             s->objective == ILRS_OBJ_C3 ? "C3"
             : s->objective == ILRS_OBJ_DV ? "total dv"
             : s->objective == ILRS_OBJ_DV_DEPART ? "departure dv"
                                                   : "arrival v-inf");
    int st = ilrs_porkchop_plot(path, p, from, to, source, i, j, label, &err);
    if (st < 0)
        return cli_fail_status("porkchop", "--plot", st, &err);
    return 0;
}

/* The arc from the departure body's state with the transfer's v_inf
   added, propagated about the Sun, one state per day and at arrival. */
int design_oem(const char *path, const ilrs_ephem *e,
               const ilrs_window_spec *s, const ilrs_transfer *t,
               const char *target)
{
    ilrs_error err = {0, ""};
    double dep[6];
    int st = ilrs_ephem_state(e, s->from, 10, t->t_dep, dep, &err);
    if (st < 0)
        return cli_fail_status("window", "--oem", st, &err);
    for (int k = 0; k < 3; k++)
        dep[3 + k] += t->vinf_dep[k];
    double tof = t->t_arr - t->t_dep;
    size_t n = (size_t)ceil(tof / ILRS_DAY_S) + 1;
    double *tt = malloc(n * sizeof *tt);
    double(*xs)[6] = malloc(n * sizeof *xs);
    if (!tt || !xs) {
        free(tt);
        free(xs);
        return cli_fail("window", CLI_EXIT_FAIL, "out of memory");
    }
    for (size_t k = 0; k < n && st >= 0; k++) {
        double dt = k + 1 == n ? tof : (double)k * ILRS_DAY_S;
        tt[k] = t->t_dep + dt;
        st = ilrs_kepler_propagate(dep, dt, ILRS_GM_SUN, xs[k], &err);
    }
    char comment[256];
    snprintf(comment, sizeof comment, "Heliocentric Lambert arc to %s "
             "(two-body, Sun GM of DE440)\nC3 %.4f km^2/s^2, arrival v-inf "
             "%.4f km/s", target, t->c3, t->vinf_arr_kms);
    ilrs_oem_segment seg = {"TRANSFER", NULL, "SUN", "EME2000", "TDB",
                            comment, tt, (const double(*)[6])xs, n, 7};
    if (st >= 0)
        st = ilrs_oem_write(path, NULL, &seg, 1, &err);
    free(tt);
    free(xs);
    return st < 0 ? cli_fail_status("window", "--oem", st, &err) : 0;
}
