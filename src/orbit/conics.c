/* conics.c -- patched conics: C3, v-infinity, asymptote, burns. */
#include "ilrs/conics.h"

#include <math.h>

#include "ilrs/constants.h"
#include "ilrs/vec.h"

int ilrs_planet_constants(int id, double *gm, double *radius_km)
{
    static const struct {
        int id;
        double gm, radius;
    } planets[] = {
        {199, ILRS_GM_MERCURY_BODY, ILRS_RADIUS_MERCURY_KM},
        {299, ILRS_GM_VENUS_BODY, ILRS_RADIUS_VENUS_KM},
        {399, ILRS_GM_EARTH_BODY, ILRS_RADIUS_EARTH_KM},
        {499, ILRS_GM_MARS_BODY, ILRS_RADIUS_MARS_KM},
        {599, ILRS_GM_JUPITER_BODY, ILRS_RADIUS_JUPITER_KM},
        {699, ILRS_GM_SATURN_BODY, ILRS_RADIUS_SATURN_KM},
        {799, ILRS_GM_URANUS_BODY, ILRS_RADIUS_URANUS_KM},
        {899, ILRS_GM_NEPTUNE_BODY, ILRS_RADIUS_NEPTUNE_KM},
        {999, ILRS_GM_PLUTO_BODY, ILRS_RADIUS_PLUTO_KM},
        {301, ILRS_GM_MOON, ILRS_MOON_RADIUS_KM},
    };
    int want = id >= 1 && id <= 9 ? id * 100 + 99 : id;
    if (id == 3)  /* the Earth-Moon barycentre stands for the Earth */
        want = 399;
    for (size_t i = 0; i < sizeof planets / sizeof planets[0]; i++)
        if (planets[i].id == want) {
            if (gm)
                *gm = planets[i].gm;
            if (radius_km)
                *radius_km = planets[i].radius;
            return ILRS_OK;
        }
    return ILRS_ENOTFOUND;
}

void ilrs_budget_default(int from, int to, ilrs_budget *out)
{
    ilrs_budget b = {0};
    if (ilrs_planet_constants(from, &b.dep_gm, &b.dep_radius_km) == ILRS_OK)
        b.park_alt_km = ILRS_PARK_ALT_DEFAULT_KM;
    else
        b.dep_gm = 0.0;
    if (ilrs_planet_constants(to, &b.arr_gm, &b.arr_radius_km) == ILRS_OK) {
        b.arrive = ILRS_ARRIVE_CAPTURE;
        b.peri_alt_km = b.apo_alt_km = ILRS_CAPTURE_ALT_DEFAULT_KM;
    } else {
        b.arrive = ILRS_ARRIVE_RENDEZVOUS;
        b.arr_gm = 0.0;
    }
    *out = b;
}

int ilrs_budget_check(const ilrs_budget *b, ilrs_error *err)
{
    if (!b)
        return ilrs_error_set(err, ILRS_EINVAL, "no budget");
    if (!isfinite(b->dep_gm) || b->dep_gm < 0.0)
        return ilrs_error_set(err, ILRS_EINVAL, "departure GM %g", b->dep_gm);
    if (b->dep_gm > 0.0 &&
        (!isfinite(b->park_alt_km) || b->park_alt_km < 0.0 ||
         !(b->dep_radius_km > 0.0)))
        return ilrs_error_set(err, ILRS_EINVAL,
                              "parking orbit altitude %g km: must be >= 0",
                              b->park_alt_km);
    if (b->arrive == ILRS_ARRIVE_CAPTURE) {
        if (!(b->arr_gm > 0.0) || !(b->arr_radius_km > 0.0))
            return ilrs_error_set(err, ILRS_EINVAL,
                                  "capture needs the target's GM and radius");
        if (!isfinite(b->peri_alt_km) || b->peri_alt_km < 0.0)
            return ilrs_error_set(err, ILRS_EINVAL,
                                  "capture periapsis altitude %g km: must be "
                                  ">= 0", b->peri_alt_km);
        if (!isfinite(b->apo_alt_km) || b->apo_alt_km < b->peri_alt_km)
            return ilrs_error_set(err, ILRS_EINVAL,
                                  "capture apoapsis altitude %g km is below "
                                  "the periapsis altitude %g km",
                                  b->apo_alt_km, b->peri_alt_km);
    } else if (b->arrive != ILRS_ARRIVE_FLYBY &&
               b->arrive != ILRS_ARRIVE_RENDEZVOUS) {
        return ilrs_error_set(err, ILRS_EINVAL, "unknown arrival kind %d",
                              (int)b->arrive);
    }
    return ILRS_OK;
}

int ilrs_conics_asymptote(const double vinf[3], double *dla, double *rla)
{
    double v = ilrs_vec3_norm(vinf);
    if (!(v > 0.0) || !isfinite(v))
        return ILRS_EINVAL;
    double s = vinf[2] / v;
    *dla = asin(s > 1.0 ? 1.0 : (s < -1.0 ? -1.0 : s));
    double a = atan2(vinf[1], vinf[0]);
    *rla = a < 0.0 ? a + 2.0 * ILRS_PI : a;
    return ILRS_OK;
}

double ilrs_conics_departure_dv(double gm, double r_park_km, double vinf_kms)
{
    if (!(gm > 0.0) || !(r_park_km > 0.0))
        return NAN;
    return sqrt(vinf_kms * vinf_kms + 2.0 * gm / r_park_km) -
           sqrt(gm / r_park_km);
}

double ilrs_conics_capture_dv(double gm, double rp_km, double ra_km,
                              double vinf_kms)
{
    if (!(gm > 0.0) || !(rp_km > 0.0) || !(ra_km >= rp_km))
        return NAN;
    double v_hyp = sqrt(vinf_kms * vinf_kms + 2.0 * gm / rp_km);
    double v_ell = sqrt(2.0 * gm * ra_km / (rp_km * (rp_km + ra_km)));
    return v_hyp - v_ell;
}

static double arrival_dv(const ilrs_budget *b, double vinf)
{
    switch (b->arrive) {
    case ILRS_ARRIVE_CAPTURE:
        return ilrs_conics_capture_dv(b->arr_gm,
                                      b->arr_radius_km + b->peri_alt_km,
                                      b->arr_radius_km + b->apo_alt_km, vinf);
    case ILRS_ARRIVE_RENDEZVOUS:
        return vinf;
    case ILRS_ARRIVE_FLYBY:
    default:
        return 0.0;
    }
}

void ilrs_budget_dv(const ilrs_budget *b, double vinf_dep_kms,
                    double vinf_arr_kms, double *dv_depart,
                    double *dv_arrive)
{
    *dv_depart = b->dep_gm > 0.0
                     ? ilrs_conics_departure_dv(
                           b->dep_gm, b->dep_radius_km + b->park_alt_km,
                           vinf_dep_kms)
                     : vinf_dep_kms;
    *dv_arrive = arrival_dv(b, vinf_arr_kms);
}

int ilrs_conics_transfer(const double dep_state[6], const double arr_state[6],
                         const double v1[3], const double v2[3], double t_dep,
                         double t_arr, const ilrs_budget *b,
                         ilrs_transfer *out)
{
    if (ilrs_budget_check(b, NULL) != ILRS_OK)
        return ILRS_EINVAL;
    for (int k = 0; k < 3; k++) {
        out->vinf_dep[k] = v1[k] - dep_state[3 + k];
        out->vinf_arr[k] = v2[k] - arr_state[3 + k];
    }
    out->t_dep = t_dep;
    out->t_arr = t_arr;
    out->revs = 0;
    out->vinf_dep_kms = ilrs_vec3_norm(out->vinf_dep);
    out->vinf_arr_kms = ilrs_vec3_norm(out->vinf_arr);
    out->c3 = ilrs_vec3_dot(out->vinf_dep, out->vinf_dep);
    if (!isfinite(out->c3) || !isfinite(out->vinf_arr_kms))
        return ILRS_EINVAL;
    if (ilrs_conics_asymptote(out->vinf_dep, &out->dla, &out->rla) != 0)
        out->dla = out->rla = 0.0;  /* zero v_inf: no direction */
    ilrs_budget_dv(b, out->vinf_dep_kms, out->vinf_arr_kms, &out->dv_depart,
                   &out->dv_arrive);
    out->dv_total = out->dv_depart + out->dv_arrive;
    return ILRS_OK;
}
