/* test_relay_halo.c -- a relay on an Earth-Moon L2 halo (ilrs_relay_parse
   "queqiao" / "l2halo,...", ilrs_relay_position): where it is over one
   period, and bad text. */
#include <stdio.h>
#include <stdlib.h>

#include "check.h"
#include "ilrs/constants.h"
#include "ilrs/frames.h"
#include "ilrs/lunar.h"
#include "ilrs/time.h"
#include "ilrs/vec.h"

static void bad_text(void)
{
    ilrs_relay r;
    ilrs_error err;
    check_int("l2halo without a branch", ilrs_relay_parse(
        "l2halo,13000,X,2024-01-01", &r, &err), ILRS_EFORMAT, err.msg);
    check_int("l2halo, amplitude not a number", ilrs_relay_parse(
        "l2halo,big,S,2024-01-01", &r, &err), ILRS_EFORMAT, err.msg);
    check_int("l2halo, bad epoch", ilrs_relay_parse(
        "l2halo,13000,N,yesterday", &r, &err), ILRS_EFORMAT, err.msg);
    check_int("keplerian text still parsed", ilrs_relay_parse(
        "200,16000,62.4,0,90,2024-04-02", &r, &err), ILRS_OK, err.msg);
    check_int("keplerian kind", r.kind, ILRS_RELAY_KEPLER, "zero value");
}

/* Over one period from 2024-01-01 (DE421): the relay beyond the Moon,
   opposite the Earth, at the L2 distance give or take the halo's size. */
static void near_l2(void)
{
    ilrs_ephem *eph = NULL;
    ilrs_error err;
    ilrs_relay r;
    char path[1024];
    check_data(path, sizeof path, "ephem/de421-2022-2026.bsp");
    if (!check_int("open DE421", ilrs_ephem_open(path, &eph, &err), 0,
                   err.msg))
        return;
    if (!check_int("queqiao preset", ilrs_relay_parse("queqiao", &r, &err),
                   ILRS_OK, err.msg)) {
        ilrs_ephem_free(eph);
        return;
    }
    double t0, worst_l2 = 0, min_cos = 1, max_cos = -1;
    ilrs_time_parse_tdb("2024-01-01", &t0, &err);
    ilrs_frame me = {ILRS_FRAME_MOON_ME, 301, 0.0};
    int fails = 0;
    for (int k = 0; k <= 15 * 24; k++) {
        double t = t0 + k * 3600.0, pos[3], em[6], e_me[3];
        ilrs_rotation rot;
        fails += ilrs_relay_position(eph, &r, t, pos, &err) != ILRS_OK;
        fails += ilrs_ephem_state(eph, 399, 301, t, em, &err) < 0;
        fails += ilrs_ephem_rotation(eph, &me, t, &rot, NULL, &err) < 0;
        ilrs_mat3_mul_vec(rot.r, em, e_me);
        double d = ilrs_vec3_norm(e_me);
        /* L2: 0.16783 |r_EM| beyond the Moon, opposite the Earth (Koon,
           Lo, Marsden and Ross 2011, gamma_2). */
        double l2[3], g = 0.16783 / 1.0;
        for (int i = 0; i < 3; i++)
            l2[i] = -e_me[i] * g;
        double dl[3] = {pos[0] - l2[0], pos[1] - l2[1], pos[2] - l2[2]};
        worst_l2 = fmax(worst_l2, ilrs_vec3_norm(dl) / (g * d));
        double c = ilrs_vec3_dot(pos, e_me) / ilrs_vec3_norm(pos) / d;
        min_cos = fmin(min_cos, c);
        max_cos = fmax(max_cos, c);
    }
    check_int("positions over one period", fails, 0, err.msg);
    check_true("relay nearer L2 than the Moon is", worst_l2 < 1.0,
               "a halo about L2 (its extent < the L2-Moon distance)");
    printf("  (largest distance from L2 / L2-Moon distance: %.3f; "
           "cos(relay, Earth) at the Moon %.3f..%.3f)\n", worst_l2, min_cos,
           max_cos);
    check_true("relay always on the far side", max_cos < -0.5,
               "beyond the Moon, within 60 deg of the anti-Earth direction");
    ilrs_ephem_free(eph);
}

int main(void)
{
    bad_text();
    near_l2();
    return check_done();
}
