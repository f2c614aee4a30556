/* relay_cr3bp.c -- a relay on a periodic orbit of the Earth-Moon circular
   restricted three-body problem (an L2 halo), its position at an epoch. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ilrs/constants.h"
#include "ilrs/time.h"
#include "ilrs/vec.h"
#include "lunar_int.h"

#define EARTH 399
#define MOON 301

/* Queqiao (Chang'e-4 relay): an Earth-Moon L2 halo. The z-amplitude of
   13 000 km is chosen so that the CR3BP member matches what CNSA published
   (CGTN 2018-06-14): a period of about 14 days and about 65 000 km from
   the Moon (the member: 14.8 d, ~65 000 km). The mission-analysis papers
   (Zhang Lihua et al., J. Deep Space Explor. 5(6) 515-523, 2018; Gao Shan
   et al., Sci. Sin. Tech. 49 156-165, 2019) give the designed orbit; their
   figures were not checked here. Halo orbit entry 2018-06-14 11:06
   Beijing time (CGTN). Assumed: the southern branch, phase 0 (the x-z
   plane crossing) at orbit entry. */
#define QQ_AZ_KM 13000.0
#define QQ_SOUTH 1
#define QQ_EPOCH "2018-06-14T03:06:00 UTC"

typedef struct {
    ilrs_relay *r;
    int k;
} sample_ctx;

static int keep_sample(void *ctx, double t, const double x[6])
{
    sample_ctx *c = ctx;
    (void)t;
    if (c->k <= ILRS_RELAY_NS)
        memcpy(c->r->track[c->k++], x, 6 * sizeof(double));
    return 0;
}

int ilrs_relay_cr3bp(const ilrs_cr3bp_system *sys,
                     const ilrs_cr3bp_orbit *orbit, double t_ref,
                     ilrs_relay *out, ilrs_error *err)
{
    if (!(orbit->period > 0) || !isfinite(t_ref))
        return ilrs_error_set(err, ILRS_EINVAL, "relay: periodic orbit needs "
                              "a positive period and a finite epoch");
    memset(out, 0, sizeof *out);
    out->kind = ILRS_RELAY_CR3BP;
    out->sys = *sys;
    out->periodic = *orbit;
    out->t_ref = t_ref;
    out->min_el = 0.0;
    sample_ctx c = {out, 0};
    int st = ilrs_cr3bp_sample(sys->mu, orbit->x0, orbit->period,
                               ILRS_RELAY_NS, keep_sample, &c, err);
    if (st < 0)
        return st;
    if (c.k != ILRS_RELAY_NS + 1)
        return ilrs_error_set(err, ILRS_ENOCONV, "relay: %d of %d samples of "
                              "the periodic orbit", c.k, ILRS_RELAY_NS + 1);
    return ILRS_OK;
}

/* An L2 halo of z-amplitude az_km, phase 0 at t_ref. */
static int halo_l2(double az_km, int south, double t_ref, ilrs_relay *out,
                   ilrs_error *err)
{
    ilrs_cr3bp_system sys;
    ilrs_cr3bp_orbit o;
    ilrs_cr3bp_earth_moon(&sys);
    int st = ilrs_cr3bp_family_orbit(&sys, ILRS_CR3BP_HALO_L2, south,
                                     ILRS_CR3BP_BY_AMPLITUDE,
                                     az_km / sys.l_km, &o, err);
    if (st < 0)
        return st;
    return ilrs_relay_cr3bp(&sys, &o, t_ref, out, err);
}

int ilrs__relay_parse_halo(const char *text, ilrs_relay *out, ilrs_error *err,
                           int *matched)
{
    double t;
    *matched = 1;
    if (strcmp(text, "queqiao") == 0 || strcmp(text, "queqiao-1") == 0) {
        int st = ilrs_time_parse_tdb(QQ_EPOCH, &t, err);
        return st < 0 ? st : halo_l2(QQ_AZ_KM, QQ_SOUTH, t, out, err);
    }
    if (strncmp(text, "l2halo,", 7) != 0) {
        *matched = 0;
        return ILRS_OK;
    }
    char *end;
    double az = strtod(text + 7, &end);
    if (end == text + 7 || *end != ',' || !(az > 0 && az < 200000))
        return ilrs_error_set(err, ILRS_EFORMAT, "relay '%s': bad z-amplitude "
                              "(want l2halo,AZ_KM,N|S,EPOCH; AZ in 0..200000)",
                              text);
    char ns = end[1];
    if ((ns != 'N' && ns != 'S' && ns != 'n' && ns != 's') || end[2] != ',')
        return ilrs_error_set(err, ILRS_EFORMAT, "relay '%s': bad branch "
                              "(want l2halo,AZ_KM,N|S,EPOCH)", text);
    if (ilrs_time_parse_tdb(end + 3, &t, err) < 0)
        return ilrs_error_set(err, ILRS_EFORMAT, "relay '%s': bad epoch '%s'",
                              text, end + 3);
    return halo_l2(az, ns == 'S' || ns == 's', t, out, err);
}

/* Rotating state at normalised phase tau of one period: cubic Hermite in
   position (its derivative is the velocity), linear in velocity. */
static void track_at(const ilrs_relay *r, double tau, double x[6])
{
    double h = r->periodic.period / ILRS_RELAY_NS;
    double u = tau / h;
    int k = (int)floor(u);
    k = k < 0 ? 0 : k >= ILRS_RELAY_NS ? ILRS_RELAY_NS - 1 : k;
    double s = u - k;
    const double *a = r->track[k], *b = r->track[k + 1];
    double h00 = (1 + 2 * s) * (1 - s) * (1 - s), h10 = s * (1 - s) * (1 - s);
    double h01 = s * s * (3 - 2 * s), h11 = s * s * (s - 1);
    for (int i = 0; i < 3; i++) {
        x[i] = h00 * a[i] + h10 * h * a[i + 3] + h01 * b[i] +
               h11 * h * b[i + 3];
        x[i + 3] = (1 - s) * a[i + 3] + s * b[i + 3];
    }
}

int ilrs__relay_position_cr3bp(const ilrs_ephem *e, const ilrs_relay *r,
                               double t, double pos[3], ilrs_error *err)
{
    double per = r->periodic.period;
    double tau = fmod((t - r->t_ref) / r->sys.t_s, per);
    if (tau < 0)
        tau += per;
    double xr[6], geo[6], moon[6], icrf[3];
    track_at(r, tau, xr);
    int st = ilrs_cr3bp_to_ephem(e, &r->sys, t, xr, geo, err);
    if (st < 0)
        return st;
    if ((st = ilrs_ephem_state(e, MOON, EARTH, t, moon, err)) < 0)
        return st;
    for (int i = 0; i < 3; i++)
        icrf[i] = geo[i] - moon[i];
    ilrs_frame me = {ILRS_FRAME_MOON_ME, MOON, 0.0};
    ilrs_rotation rot;
    if ((st = ilrs_ephem_rotation(e, &me, t, &rot, NULL, err)) < 0)
        return st;
    ilrs_mat3_mul_vec(rot.r, icrf, pos);
    return ILRS_OK;
}
