/*
 * lunar_orbit.c -- lunar orbit elements, secular rates, frozen orbits,
 * site coverage.
 */
#include <math.h>
#include <string.h>

#include "ilrs/constants.h"
#include "ilrs/cr3bp.h"
#include "ilrs/lunar_orbit.h"
#include "ilrs/propagate.h"
#include "ilrs/vec.h"

int ilrs_lunar_elements(const ilrs_ephem *eph, double t, const double x[6],
                        ilrs_conic *out, ilrs_error *err)
{
    ilrs_frame me = {ILRS_FRAME_MOON_ME, 0, 0.0};
    ilrs_rotation rot;
    double y[6];
    int st = ilrs_ephem_rotation(eph, &me, t, &rot, NULL, err);
    if (st < 0)
        return st;
    /* inertial velocity expressed on the ME axes (no frame rotation term):
       osculating elements are those of the inertial motion */
    ilrs_mat3_mul_vec(rot.r, x, y);
    ilrs_mat3_mul_vec(rot.r, x + 3, y + 3);
    return ilrs_conic_from_state(y, t, ILRS_GM_MOON, out, err);
}

void ilrs_lunar_secular_rates(double a_km, double e, double i, double argp,
                              int use_j2, int use_earth,
                              ilrs_lunar_rates *out)
{
    memset(out, 0, sizeof *out);
    double n = sqrt(ILRS_GM_MOON / (a_km * a_km * a_km));
    double p = a_km * (1 - e * e), eta = sqrt(1 - e * e);
    double ci = cos(i), si2 = sin(i) * sin(i), sw2 = pow(sin(argp), 2);
    if (use_j2) {
        double k = n * ILRS_MOON_J2 * pow(ILRS_MOON_J2_RADIUS_KM / p, 2);
        out->node_j2 = -1.5 * k * ci;
        out->argp_j2 = 0.75 * k * (5 * ci * ci - 1);
    }
    if (use_earth) {
        double am = ILRS_CR3BP_EM_LENGTH_KM;
        double n3sq = ILRS_GM_EARTH / (am * am * am), k = 0.75 * n3sq / n;
        double x = 1 - e * e + 5 * e * e * sw2;
        out->node_earth = -k * ci * x / eta;
        out->argp_earth = k * (eta * (1 + si2 - 5 * si2 * sw2) +
                               ci * ci * x / eta);
        out->ecc_earth = k * eta * 5 * e * si2 * sin(2 * argp) / 2;
    }
    out->node = out->node_j2 + out->node_earth;
    out->argp = out->argp_j2 + out->argp_earth;
}

int ilrs_lunar_frozen_ecc(double a_km, double i, int use_j2, int use_earth,
                          double *e, ilrs_error *err)
{
    ilrs_lunar_rates r;
    double lo = 0.0, hi = 0.95;
    ilrs_lunar_secular_rates(a_km, lo, i, ILRS_PI / 2, use_j2, use_earth, &r);
    double flo = r.argp;
    ilrs_lunar_secular_rates(a_km, hi, i, ILRS_PI / 2, use_j2, use_earth, &r);
    if ((flo > 0) == (r.argp > 0))
        return ilrs_error_set(err, ILRS_ENOTFOUND,
                              "lunar orbit: no frozen eccentricity for "
                              "a = %g km, i = %g deg", a_km, i / ILRS_DEG);
    for (int it = 0; it < 100; it++) {
        double mid = 0.5 * (lo + hi);
        ilrs_lunar_secular_rates(a_km, mid, i, ILRS_PI / 2, use_j2,
                                 use_earth, &r);
        if ((r.argp > 0) == (flo > 0))
            lo = mid;
        else
            hi = mid;
    }
    *e = 0.5 * (lo + hi);
    return ILRS_OK;
}

typedef struct {
    const ilrs_ephem *eph;
    double site[3];          /* Moon ME (km) */
    double up[3];
    double sin_mask;
    double step;
    long n, seen, run, best_gap, best_pass;
    int last;
    int status;
    ilrs_error *err;
} cover;

static int cover_sample(void *ctx, double t, const double x[6])
{
    cover *c = ctx;
    ilrs_frame me = {ILRS_FRAME_MOON_ME, 0, 0.0};
    ilrs_rotation rot;
    int st = ilrs_ephem_rotation(c->eph, &me, t, &rot, NULL, c->err);
    if (st < 0) {
        c->status = st;
        return 1;
    }
    double y[3], d[3];
    ilrs_mat3_mul_vec(rot.r, x, y);
    for (int k = 0; k < 3; k++)
        d[k] = y[k] - c->site[k];
    int vis = ilrs_vec3_dot(d, c->up) >= c->sin_mask * ilrs_vec3_norm(d);
    if (c->n > 0 && vis == c->last)
        c->run++;
    else
        c->run = 1;
    if (vis && c->run > c->best_pass)
        c->best_pass = c->run;
    if (!vis && c->run > c->best_gap)
        c->best_gap = c->run;
    c->last = vis;
    c->seen += vis;
    c->n++;
    return 0;
}

int ilrs_lunar_site_coverage(const ilrs_ephem *eph, const double x0[6],
                             double t0, double span_s, double step_s,
                             double lat, double lon, double min_elev,
                             ilrs_lunar_coverage *out, ilrs_error *err)
{
    memset(out, 0, sizeof *out);
    if (!(span_s > 0) || !(step_s > 0) || span_s / step_s > 1e7 ||
        !(fabs(lat) <= ILRS_PI / 2) || !(fabs(min_elev) < ILRS_PI / 2))
        return ilrs_error_set(err, ILRS_EINVAL,
                              "lunar coverage: bad span, step, site or mask");
    cover c;
    memset(&c, 0, sizeof c);
    c.eph = eph;
    c.err = err;
    c.up[0] = cos(lat) * cos(lon);
    c.up[1] = cos(lat) * sin(lon);
    c.up[2] = sin(lat);
    for (int k = 0; k < 3; k++)
        c.site[k] = ILRS_MOON_RADIUS_KM * c.up[k];
    c.sin_mask = sin(min_elev);
    ilrs_force_model fm;
    ilrs_prop *p = NULL;
    int st = ilrs_force_model_init(&fm, 301, ILRS_PROP_EARTH | ILRS_PROP_SUN,
                                   1, eph, t0, err);
    if (st < 0 || (st = ilrs_prop_new(&fm, NULL, &p, err)) < 0)
        return st;
    ilrs_prop_request rq = {.t0 = t0, .t1 = t0 + span_s, .sample_s = step_s,
                            .sample = cover_sample, .ctx = &c};
    memcpy(rq.x0, x0, sizeof rq.x0);
    ilrs_prop_result res;
    st = ilrs_prop_run(p, &rq, &res, err);
    ilrs_prop_free(p);
    if (st < 0)
        return st;
    if (c.status < 0)
        return c.status;
    out->samples = c.n;
    out->fraction = c.n ? (double)c.seen / (double)c.n : 0.0;
    out->longest_gap_s = (double)c.best_gap * step_s;
    out->longest_pass_s = (double)c.best_pass * step_s;
    return ILRS_OK;
}
