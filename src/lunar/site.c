/* site.c -- Sun, Earth and relay at a lunar site; statistics and events. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ilrs/constants.h"
#include "ilrs/time.h"
#include "ilrs/vec.h"
#include "lunar_int.h"

#define PI 3.14159265358979323846
#define D2R (PI / 180.0)

/* NAIF ids */
#define SUN 10
#define EARTH 399
#define MOON 301

/* Queqiao-2 mission orbit: 200 x 16 000 km altitude, 24 h period (CNSA,
   2024-04-02 announcement of the 24-hour elliptical frozen orbit),
   inclination 62.4 deg (as listed for COSPAR 2024-051A). Assumed here:
   apolune over the south pole (argument of periapsis 90 deg), node 0 and
   periapsis at the orbit-entry date, 2024-04-02T00:00 UTC. */
#define QQ2_HP_KM 200.0
#define QQ2_HA_KM 16000.0
#define QQ2_INC_DEG 62.4
#define QQ2_ARGP_DEG 90.0
#define QQ2_NODE_DEG 0.0
#define QQ2_TP "2024-04-02T00:00:00 UTC"

const char *ilrs_event_name(ilrs_event_kind k)
{
    static const char *names[] = {"sunrise",   "sunset",    "earthrise",
                                  "earthset",  "relay_aos", "relay_los"};
    return (unsigned)k < 6 ? names[k] : "unknown";
}

void ilrs_topo_azel(const double site[3], const double up[3],
                    const double north[3], const double east[3],
                    const double tgt[3], double *az, double *el,
                    double *dist_km)
{
    double v[3] = {tgt[0] - site[0], tgt[1] - site[1], tgt[2] - site[2]};
    double r = ilrs_vec3_norm(v);
    double z = ilrs_vec3_dot(v, up) / r;
    *el = asin(fmax(-1.0, fmin(1.0, z)));
    double a = atan2(ilrs_vec3_dot(v, east), ilrs_vec3_dot(v, north));
    *az = a < 0 ? a + 2.0 * PI : a;
    if (dist_km)
        *dist_km = r;
}

int ilrs_segment_clear(const double a[3], const double b[3],
                       double radius_km)
{
    double d[3] = {b[0] - a[0], b[1] - a[1], b[2] - a[2]};
    double dd = ilrs_vec3_dot(d, d);
    double s = dd > 0 ? -ilrs_vec3_dot(a, d) / dd : 0.0;
    s = fmax(0.0, fmin(1.0, s));
    double p[3] = {a[0] + s * d[0], a[1] + s * d[1], a[2] + s * d[2]};
    return ilrs_vec3_norm(p) > radius_km;
}

static int relay_from(double hp, double ha, double inc, double node,
                      double argp, double tp, ilrs_relay *out,
                      ilrs_error *err)
{
    if (!(hp > -ILRS_MOON_RADIUS_KM) || !(ha >= hp) || !isfinite(inc) ||
        !isfinite(node) || !isfinite(argp))
        return ilrs_error_set(err, ILRS_EFORMAT, "relay: need periapsis "
                              "altitude <= apoapsis altitude (got %g, %g km)",
                              hp, ha);
    double rp = ILRS_MOON_RADIUS_KM + hp, ra = ILRS_MOON_RADIUS_KM + ha;
    memset(out, 0, sizeof *out);
    out->orbit.gm = ILRS_GM_MOON;
    out->orbit.q = rp;
    out->orbit.e = (ra - rp) / (ra + rp);
    out->orbit.i = inc * D2R;
    out->orbit.node = node * D2R;
    out->orbit.argp = argp * D2R;
    out->orbit.tp = tp;
    out->t_ref = tp;
    out->min_el = 0.0;
    return ILRS_OK;
}

int ilrs_relay_parse(const char *text, ilrs_relay *out, ilrs_error *err)
{
    double tp;
    if (!text)
        return ilrs_error_set(err, ILRS_EFORMAT, "relay: no elements");
    if (strcmp(text, "queqiao2") == 0 || strcmp(text, "queqiao-2") == 0) {
        int st = ilrs_time_parse_tdb(QQ2_TP, &tp, err);
        if (st < 0)
            return st;
        return relay_from(QQ2_HP_KM, QQ2_HA_KM, QQ2_INC_DEG, QQ2_NODE_DEG,
                          QQ2_ARGP_DEG, tp, out, err);
    }
    int halo, hst = ilrs__relay_parse_halo(text, out, err, &halo);
    if (halo)
        return hst;
    double v[5];
    const char *p = text;
    static const char *field[] = {"periapsis altitude", "apoapsis altitude",
                                  "inclination", "node",
                                  "argument of periapsis"};
    for (int k = 0; k < 5; k++) {
        char *end;
        v[k] = strtod(p, &end);
        if (end == p || *end != ',' || !isfinite(v[k]))
            return ilrs_error_set(err, ILRS_EFORMAT,
                                  "relay '%s': bad %s (want HP,HA,INC,NODE,"
                                  "ARGP,TP, 'queqiao2', 'queqiao' or "
                                  "l2halo,AZ_KM,N|S,EPOCH)",
                                  text, field[k]);
        p = end + 1;
    }
    int st = ilrs_time_parse_tdb(p, &tp, err);
    if (st < 0)
        return ilrs_error_set(err, ILRS_EFORMAT, "relay '%s': bad periapsis "
                              "epoch '%s'", text, p);
    return relay_from(v[0], v[1], v[2], v[3], v[4], tp, out, err);
}

int ilrs_relay_position(const ilrs_ephem *e, const ilrs_relay *r, double t,
                        double pos[3], ilrs_error *err)
{
    if (r->kind == ILRS_RELAY_CR3BP)
        return ilrs__relay_position_cr3bp(e, r, t, pos, err);
    ilrs_frame me = {ILRS_FRAME_MOON_ME, MOON, 0.0};
    ilrs_rotation r_ref, r_t;
    double s[6], icrf[3];
    int st = ilrs_conic_state(&r->orbit, t, s, err);
    if (st < 0)
        return st;
    if ((st = ilrs_ephem_rotation(e, &me, r->t_ref, &r_ref, NULL, err)) < 0 ||
        (st = ilrs_ephem_rotation(e, &me, t, &r_t, NULL, err)) < 0)
        return st;
    ilrs_mat3_tmul_vec(r_ref.r, s, icrf);
    ilrs_mat3_mul_vec(r_t.r, icrf, pos);
    return ILRS_OK;
}
