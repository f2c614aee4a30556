/*
 * probe_kepler.c -- elements and propagation for the Python peer tests.
 * stdin, one request a line:
 *   rv2el GM X Y Z VX VY VZ        -> "p e i raan argp nu"
 *   el2rv GM P E I RAAN ARGP NU    -> "x y z vx vy vz"
 *   prop  GM X Y Z VX VY VZ DT     -> "x y z vx vy vz"
 * (km, km/s, s, rad, km^3/s^2); "ERR status message" on failure.
 */
#include <stdio.h>
#include <string.h>

#include "ilrs/kepler.h"

static void print6(const double a[6])
{
    printf("%.17g %.17g %.17g %.17g %.17g %.17g\n", a[0], a[1], a[2], a[3],
           a[4], a[5]);
}

int main(void)
{
    char line[1024], op[16];
    while (fgets(line, sizeof line, stdin)) {
        double gm, a[7], out[6];
        ilrs_error err = {0, ""};
        int st, k = sscanf(line, "%15s %lf %lf %lf %lf %lf %lf %lf %lf", op,
                           &gm, &a[0], &a[1], &a[2], &a[3], &a[4], &a[5],
                           &a[6]);
        if (k >= 8 && strcmp(op, "rv2el") == 0) {
            ilrs_elements el;
            st = ilrs_elements_from_state(a, gm, &el, &err);
            if (st == ILRS_OK) {
                double e[6] = {el.p, el.e, el.i, el.raan, el.argp, el.nu};
                print6(e);
            }
        } else if (k >= 8 && strcmp(op, "el2rv") == 0) {
            ilrs_elements el = {a[0], a[1], a[2], a[3], a[4], a[5]};
            st = ilrs_elements_state(&el, gm, out, &err);
            if (st == ILRS_OK)
                print6(out);
        } else if (k == 9 && strcmp(op, "prop") == 0) {
            st = ilrs_kepler_propagate(a, a[6], gm, out, &err);
            if (st == ILRS_OK)
                print6(out);
        } else {
            st = ILRS_EINVAL;
            snprintf(err.msg, sizeof err.msg, "bad request line");
        }
        if (st != ILRS_OK)
            printf("ERR %d %s\n", st, err.msg);
    }
    return 0;
}
