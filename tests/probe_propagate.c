/*
 * probe_propagate.c -- the ephemeris-model propagator for the Python peer
 * test. argv: SPK path. stdin: lines "t0 t1 x y z vx vy vz third j2"
 * (TDB s, km, km/s; third: ILRS_PROP_* mask; j2 0/1, Earth-centred).
 * stdout per line: "t x y z vx vy vz steps" or "ERR status message".
 */
#include <stdio.h>

#include "ilrs/propagate.h"

int main(int argc, char **argv)
{
    ilrs_ephem *eph = NULL;
    ilrs_error err = {0, ""};
    if (argc < 2 || ilrs_ephem_open(argv[1], &eph, &err) < 0) {
        printf("ERR %s\n", err.msg);
        return 1;
    }
    ilrs_prop_request rq = {0};
    int third, j2;
    ilrs_prop_options opt = {0};
    while (scanf("%lf %lf %lf %lf %lf %lf %lf %lf %d %d %lf", &rq.t0, &rq.t1,
                 &rq.x0[0], &rq.x0[1], &rq.x0[2], &rq.x0[3], &rq.x0[4],
                 &rq.x0[5], &third, &j2, &opt.table_step_s) == 11) {
        ilrs_force_model fm;
        ilrs_prop *p = NULL;
        ilrs_prop_result res;
        int st = ilrs_force_model_init(&fm, 399, third, j2, eph, rq.t0, &err);
        if (st >= 0)
            st = ilrs_prop_new(&fm, &opt, &p, &err);
        if (st >= 0)
            st = ilrs_prop_run(p, &rq, &res, &err);
        ilrs_prop_free(p);
        if (st < 0) {
            printf("ERR %d %s\n", st, err.msg);
            continue;
        }
        printf("%.17g %.17g %.17g %.17g %.17g %.17g %.17g %ld\n", res.t,
               res.x[0], res.x[1], res.x[2], res.x[3], res.x[4], res.x[5],
               res.steps);
    }
    ilrs_ephem_free(eph);
    return 0;
}
