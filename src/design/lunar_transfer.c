/*
 * lunar_transfer.c -- direct Earth-Moon transfers: parking plane through
 * the site and the Moon, patched-conic first guess, STM-based
 * differential correction in the ephemeris model, LOI and descent costs.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ilrs/constants.h"
#include "ilrs/frames.h"
#include "ilrs/kepler.h"
#include "ilrs/lunar_transfer.h"
#include "ilrs/propagate.h"
#include "ilrs/vec.h"

/* Earth's rotation rate (rad/s, IERS Conventions 2010, sidereal). */
#define EARTH_RATE 7.292115e-5
/* Automatic parking inclination: this much above the target declination,
   so the plane does not graze the direction (rad). */
#define AUTO_INC_MARGIN (2.0 * ILRS_DEG)

static const struct {
    const char *name;
    double lat, lon;   /* deg */
} sites[] = {
    /* Launch-pad coordinates, public (rounded to 0.001 deg). */
    {"wenchang", 19.614, 110.951},
    {"xichang", 28.246, 102.027},
    {"jiuquan", 40.958, 100.291},
    {"taiyuan", 38.849, 111.608},
};

int ilrs_launch_site_find(const char *name, double *lat, double *lon)
{
    for (size_t k = 0; name && k < sizeof sites / sizeof sites[0]; k++)
        if (strcasecmp(name, sites[k].name) == 0) {
            *lat = sites[k].lat * ILRS_DEG;
            *lon = sites[k].lon * ILRS_DEG;
            return ILRS_OK;
        }
    return ILRS_ENOTFOUND;
}

static double vis_viva(double gm, double r, double a)
{
    return sqrt(gm * (2.0 / r - 1.0 / a));
}

double ilrs_lunar_descent_dv(double peri_alt_km, double apo_alt_km)
{
    double gm = ILRS_GM_MOON, R = ILRS_MOON_RADIUS_KM;
    double ra = R + apo_alt_km, rp = R + peri_alt_km;
    double rpd = R + ILRS_DESCENT_PERILUNE_KM;
    double doi = 0.0, a2 = 0.5 * (ra + rpd);
    if (rp > rpd)
        doi = vis_viva(gm, ra, 0.5 * (ra + rp)) - vis_viva(gm, ra, a2);
    else
        a2 = 0.5 * (ra + rp), rpd = rp;
    double vpd = vis_viva(gm, rpd, a2);
    return doi + vpd * (1.0 + ILRS_DESCENT_LOSS_FRACTION) +
           ILRS_DESCENT_HOVER_KMS;
}

static double wrap2pi(double a)
{
    a = fmod(a, 2 * ILRS_PI);
    return a < 0 ? a + 2 * ILRS_PI : a;
}

/* Time from periapsis to true anomaly nu on the conic of periapsis rp and
   eccentricity e (s); NaN if unreachable. */
static double time_to_nu(double gm, double rp, double e, double nu)
{
    if (fabs(e - 1.0) < 1e-9)
        e = 1.0 - 1e-9;
    double a = rp / (1.0 - e);
    if (e < 1.0) {
        if (nu > ILRS_PI && e < 0)
            return NAN;
        double E = 2 * atan2(sqrt(1 - e) * sin(nu / 2), sqrt(1 + e) *
                             cos(nu / 2));
        E = wrap2pi(E);
        return (E - e * sin(E)) / sqrt(gm / (a * a * a));
    }
    double th = sqrt((e - 1) / (e + 1)) * tan(nu / 2);
    if (!(nu < ILRS_PI) || fabs(th) >= 1.0)
        return NAN;
    double F = 2 * atanh(th);
    return (e * sinh(F) - F) / sqrt(gm / (-a * a * a));
}

/* In-plane first guess: the conic from perigee rp reaching radius rt at
   true anomaly nu after tof. Bisection on nu in (90, 250) deg: the time
   grows with nu, past 180 deg (apogee beyond rt) until the conic opens. */
static int conic_plan(double rp, double rt, double tof, double *nu,
                      double *e)
{
    double lo = 90.5 * ILRS_DEG, hi = 250.0 * ILRS_DEG;
    for (int it = 0; it < 100; it++) {
        double mid = 0.5 * (lo + hi);
        double ee = (rt - rp) / (rp - rt * cos(mid));
        double t = time_to_nu(ILRS_GM_EARTH, rp, ee, mid);
        if (!(t == t))
            t = mid > ILRS_PI ? INFINITY : 0.0;
        if (t < tof)
            lo = mid;
        else
            hi = mid;
    }
    *nu = 0.5 * (lo + hi);
    *e = (rt - rp) / (rp - rt * cos(*nu));
    return *e >= 0 && *e < 1.5 ? 0 : -1;
}

/* The site in ICRF at t: unit vector and right ascension / declination. */
static int site_icrf(const ilrs_lunar_transfer_spec *sp, double t,
                     double s[3], double *ra, double *dec, ilrs_error *err)
{
    double rf[3];
    ilrs_frame f = {ILRS_FRAME_ITRF, 0, 0.0};
    ilrs_rotation rot;
    int st = ilrs_geodetic_to_fixed(sp->site_lat, sp->site_lon, 0.0, rf, err);
    if (st < 0 || (st = ilrs_frame_rotation(&f, t, &rot, err)) < 0)
        return st;
    ilrs_mat3_tmul_vec(rot.r, rf, s);
    double n = ilrs_vec3_norm(s);
    for (int k = 0; k < 3; k++)
        s[k] /= n;
    *ra = atan2(s[1], s[0]);
    *dec = asin(s[2]);
    return ILRS_OK;
}

/* A parking plane: node (rad), inclination, and its axes. */
typedef struct {
    double node, inc;
    double n[3], m[3], h[3];
} plane;

static void plane_set(plane *p, double node, double inc)
{
    p->node = node;
    p->inc = inc;
    p->h[0] = sin(inc) * sin(node);
    p->h[1] = -sin(inc) * cos(node);
    p->h[2] = cos(inc);
    p->n[0] = cos(node);
    p->n[1] = sin(node);
    p->n[2] = 0.0;
    ilrs_vec3_cross(p->h, p->n, p->m);
}

static double arg_lat(const plane *p, const double v[3])
{
    return atan2(ilrs_vec3_dot(v, p->m), ilrs_vec3_dot(v, p->n));
}

static int check_spec(const ilrs_lunar_transfer_spec *sp, ilrs_error *err)
{
    if (!(fabs(sp->site_lat) < 80 * ILRS_DEG) || !isfinite(sp->site_lon))
        return ilrs_error_set(err, ILRS_EINVAL,
                              "lunar transfer: site latitude must be within "
                              "+-80 deg");
    if (!(sp->park_alt_km >= 150 && sp->park_alt_km <= 2000))
        return ilrs_error_set(err, ILRS_EINVAL,
                              "lunar transfer: parking altitude %g km outside "
                              "150..2000", sp->park_alt_km);
    if (!(sp->tof_s >= 2.5 * ILRS_DAY_S && sp->tof_s <= 6.0 * ILRS_DAY_S))
        return ilrs_error_set(err, ILRS_EINVAL,
                              "lunar transfer: time of flight %g d outside "
                              "2.5..6 (direct transfers)",
                              sp->tof_s / ILRS_DAY_S);
    if (!(sp->peri_alt_km >= 10 && sp->apo_alt_km >= sp->peri_alt_km &&
          sp->apo_alt_km <= 20000))
        return ilrs_error_set(err, ILRS_EINVAL,
                              "lunar transfer: lunar orbit %gx%g km: need "
                              "10 <= perilune <= apolune <= 20000",
                              sp->peri_alt_km, sp->apo_alt_km);
    if (!(sp->lunar_inc >= 0 && sp->lunar_inc <= ILRS_PI) ||
        !(sp->park_inc <= 0 || (sp->park_inc < 90 * ILRS_DEG &&
                                sp->park_inc >= fabs(sp->site_lat) -
                                                    1e-9)))
        return ilrs_error_set(err, ILRS_EINVAL,
                              "lunar transfer: inclinations: lunar 0..180 deg,"
                              " parking between the site latitude and 90");
    return ILRS_OK;
}

/* One launch option: the patched-conic first guess for one plane. */
typedef struct {
    plane pl;              /* parking plane at t_launch */
    double t_launch, t_tli, t_a, coast, nu, e, azimuth;
    double u_site, du;     /* site's argument of latitude at launch and
                              the coast angle to TLI (rad) */
    double S[3], vinf;     /* conic approach direction and speed relative
                              to the Moon */
    double axis[3];        /* the corrector turns the plane about this axis */
    double rate;           /* rad per unit of the first variable */
    double dt_dp0;         /* launch-time change per unit of it */
    double cap0;           /* largest step of it per iteration */
} option;

/* Launch time in [day, day + 1 d) when the site's right ascension is
   `ra` (the site then lies in the plane). */
static int launch_time(const ilrs_lunar_transfer_spec *sp, double day,
                       double ra, double *t, ilrs_error *err)
{
    double s[3], a, d;
    int st = site_icrf(sp, day, s, &a, &d, err);
    if (st < 0)
        return st;
    *t = day + wrap2pi(ra - a) / EARTH_RATE;
    for (int it = 0; it < 3; it++) {
        if ((st = site_icrf(sp, *t, s, &a, &d, err)) < 0)
            return st;
        *t += remainder(ra - a, 2 * ILRS_PI) / EARTH_RATE;
    }
    /* keep the launch on its day (one sidereal day earlier or later) */
    double sidereal = 2 * ILRS_PI / EARTH_RATE;
    if (*t >= day + ILRS_DAY_S)
        *t -= sidereal;
    else if (*t < day)
        *t += sidereal;
    return ILRS_OK;
}

/* The site's argument of latitude and the launch azimuth. */
static void site_geometry(option *o, const double s[3], double ra,
                          double dec)
{
    o->u_site = arg_lat(&o->pl, s);
    double v[3], east[3] = {-sin(ra), cos(ra), 0};
    double north[3] = {-sin(dec) * cos(ra), -sin(dec) * sin(ra), cos(dec)};
    ilrs_vec3_cross(o->pl.h, s, v);
    o->azimuth = wrap2pi(atan2(ilrs_vec3_dot(v, east),
                               ilrs_vec3_dot(v, north)));
}

/* A fixed launch time: the one prograde plane through the site and the
   target; the corrector tilts it about the site's direction. */
static int fixed_plane(const ilrs_lunar_transfer_spec *sp, int k,
                       const double target[3], option *o, ilrs_error *err)
{
    double s[3], ra, dec, h[3];
    if (k != 0)
        return 1;
    o->t_launch = sp->t_launch;
    int st = site_icrf(sp, sp->t_launch, s, &ra, &dec, err);
    if (st < 0)
        return st;
    ilrs_vec3_cross(s, target, h);
    double hn = ilrs_vec3_norm(h) * (h[2] < 0 ? -1.0 : 1.0);
    for (int i = 0; i < 3; i++)
        h[i] /= hn;
    plane_set(&o->pl, atan2(h[0], -h[1]), acos(h[2]));
    memcpy(o->axis, s, sizeof o->axis);
    o->rate = 1.0;
    o->dt_dp0 = 0.0;
    o->cap0 = 0.05;
    site_geometry(o, s, ra, dec);
    return 0;
}

/* The plane of option k (two nodes through the target direction, launched
   going north or south), its launch time, and the site's place in it.
   Returns 1 when the inclination cannot reach the target. */
static int option_plane(const ilrs_lunar_transfer_spec *sp, double day,
                        int k, const double target[3], option *o,
                        ilrs_error *err)
{
    double s[3], ra, dec, rt = ilrs_vec3_norm(target);
    if (sp->t_launch != 0.0)
        return fixed_plane(sp, k, target, o, err);
    int st = site_icrf(sp, day, s, &ra, &dec, err);
    if (st < 0)
        return st;
    o->axis[0] = o->axis[1] = 0.0;
    o->axis[2] = 1.0;
    o->rate = EARTH_RATE;
    o->dt_dp0 = 1.0;
    o->cap0 = 600.0;
    double dm = asin(target[2] / rt), am = atan2(target[1], target[0]);
    double inc = sp->park_inc > 0
                     ? sp->park_inc
                     : fmax(fabs(dec), fabs(dm) + AUTO_INC_MARGIN);
    double km = -tan(dm) / tan(inc), ks = -tan(dec) / tan(inc);
    if (fabs(km) > 1 || fabs(ks) > 1)
        return 1;
    double node = (k & 1) ? am + ILRS_PI - asin(km) : am + asin(km);
    plane_set(&o->pl, node, inc);
    double ra_site = (k & 2) ? node - (ILRS_PI - asin(ks)) : node - asin(ks);
    if ((st = launch_time(sp, day, ra_site, &o->t_launch, err)) < 0 ||
        (st = site_icrf(sp, o->t_launch, s, &ra, &dec, err)) < 0)
        return st;
    site_geometry(o, s, ra, dec);
    return 0;
}

/* Patched-conic first guess for option k: reach the point `off` from the
   Moon (km; NULL: its centre) `lead` seconds before perilune, perilune
   being tof after TLI. Iterates on the arrival epoch. Returns 1 if the
   plane cannot be built, 0 on success, < 0 on error. */
static int first_guess(const ilrs_ephem *eph,
                       const ilrs_lunar_transfer_spec *sp, double day, int k,
                       const double off[3], double lead, option *o,
                       ilrs_error *err)
{
    double rp = ILRS_WGS84_A_KM + sp->park_alt_km;
    double n_park = sqrt(ILRS_GM_EARTH / (rp * rp * rp));
    if (o->t_a == 0.0)
        o->t_a = day + 0.5 * ILRS_DAY_S + sp->tof_s;
    for (int it = 0; it < 10; it++) {
        double moon[6], tg[3];
        int st = ilrs_ephem_state(eph, 301, 399, o->t_a - lead, moon, err);
        if (st < 0)
            return st;
        for (int i = 0; i < 3; i++)
            tg[i] = moon[i] + (off ? off[i] : 0.0);
        if ((st = option_plane(sp, day, k, tg, o, err)) != 0)
            return st;
        if (conic_plan(rp, ilrs_vec3_norm(tg), sp->tof_s - lead, &o->nu,
                       &o->e))
            return 1;
        double ua = arg_lat(&o->pl, tg);
        o->du = wrap2pi(ua - o->nu - o->u_site);
        o->coast = o->du / n_park;
        o->t_tli = o->t_launch + o->coast;
        double t_new = o->t_tli + sp->tof_s, dt = t_new - o->t_a;
        o->t_a = t_new;
        /* conic velocity at the target relative to the Moon */
        double p = rp * (1 + o->e), c = sqrt(ILRS_GM_EARTH / p);
        double vr = c * o->e * sin(o->nu), vt = c * (1 + o->e * cos(o->nu));
        for (int i = 0; i < 3; i++)
            o->S[i] = vr * (cos(ua) * o->pl.n[i] + sin(ua) * o->pl.m[i]) +
                      vt * (-sin(ua) * o->pl.n[i] + cos(ua) * o->pl.m[i]) -
                      moon[3 + i];
        o->vinf = ilrs_vec3_norm(o->S);
        for (int i = 0; i < 3; i++)
            o->S[i] /= o->vinf;
        if (fabs(dt) < 1.0)
            break;
    }
    return 0;
}

/* Solve the 3x3 system A x = b (Cramer's rule); -1 if singular. */
static int solve3(double A[3][3], const double b[3], double x[3])
{
    double c0[3];
    ilrs_vec3_cross(A[1], A[2], c0);
    double det = ilrs_vec3_dot(A[0], c0);
    if (!(fabs(det) > 1e-300))
        return -1;
    for (int j = 0; j < 3; j++) {
        double M[3][3], c[3];
        memcpy(M, A, sizeof M);
        for (int i = 0; i < 3; i++)
            M[i][j] = b[i];
        ilrs_vec3_cross(M[1], M[2], c);
        x[j] = ilrs_vec3_dot(M[0], c) / det;
    }
    return 0;
}

/* Stage A aims at the point of the wanted Moon-centred hyperbola this long
   before perilune (~20,000 km out, where the Earth's tide moves it by
   < 100 km over the lead). */
#define AIM_LEAD_S 21600.0

typedef struct {
    const ilrs_ephem *eph;
    ilrs_force_model fm;
    ilrs_prop *prop;
    option o;
    double rp_park, vc, n_park;
    double t_a, t_aim;
    double moon_a[6];      /* Moon at t_a */
    double zme[3];         /* Moon ME pole at t_a (ICRF) */
    double rp_target, cos_inc, b_hat[3], h_hat[3];
    double aim_off[3];     /* stage A target relative to the Moon */
    double aim[3];         /* stage A target, geocentric at t_aim */
} shooter;

/* v turned by th (rad) about the unit axis a (Rodrigues). */
static void rotate(const double a[3], double th, const double v[3],
                   double out[3])
{
    double c = cos(th), sn = sin(th), axv[3], ad = ilrs_vec3_dot(a, v);
    ilrs_vec3_cross(a, v, axv);
    for (int i = 0; i < 3; i++)
        out[i] = v[i] * c + axv[i] * sn + a[i] * ad * (1 - c);
}

/* TLI state from the variables p = (plane turn: launch-time shift (s)
   for a free launch time, tilt about the site (rad) for a fixed one; extra
   coast angle (rad); tangential TLI velocity change (km/s)), its epoch,
   and their derivatives. */
static void tli_state(const shooter *sh, const double p[3], double x0[6],
                      double *t0, double dx[6][3], double dt0[3])
{
    const option *o = &sh->o;
    double th = o->rate * p[0], n[3], m[3], r[3], t[3];
    double u = o->u_site + o->du + p[1], v = sh->vc + p[2];
    rotate(o->axis, th, o->pl.n, n);
    rotate(o->axis, th, o->pl.m, m);
    for (int i = 0; i < 3; i++) {
        r[i] = cos(u) * n[i] + sin(u) * m[i];
        t[i] = -sin(u) * n[i] + cos(u) * m[i];
        x0[i] = sh->rp_park * r[i];
        x0[3 + i] = v * t[i];
    }
    *t0 = o->t_launch + o->dt_dp0 * p[0] + (o->du + p[1]) / sh->n_park;
    double ar[3], av[3];
    ilrs_vec3_cross(o->axis, x0, ar);
    ilrs_vec3_cross(o->axis, x0 + 3, av);
    for (int i = 0; i < 6; i++) {
        int j = i % 3;
        dx[i][0] = o->rate * (i < 3 ? ar[j] : av[j]);
        dx[i][1] = i < 3 ? sh->rp_park * t[j] : -v * r[j];
        dx[i][2] = i < 3 ? 0.0 : t[j];
    }
    dt0[0] = o->dt_dp0;
    dt0[1] = 1.0 / sh->n_park;
    dt0[2] = 0.0;
}

/* Propagate from TLI to t_aim (stage 0: geocentric state) or t_a (stage
   1: Moon-relative state); Jp = d state / d p through the STM. Returns
   ILRS_ENOCONV on impact with the Earth or Moon. */
static int shoot(shooter *sh, int stage, const double p[3], double xf[6],
                 double Jp[6][3], ilrs_error *err)
{
    static const ilrs_event hit[2] = {{ILRS_EVENT_ALTITUDE, 301, 0.0, -1, 1},
                                      {ILRS_EVENT_ALTITUDE, 399, 0.0, -1, 1}};
    double dx[6][3], dt0[3], t0, a[3], f0[6];
    ilrs_prop_request rq = {.t1 = stage ? sh->t_a : sh->t_aim, .stm = 1,
                            .events = hit, .nevents = 2};
    tli_state(sh, p, rq.x0, &t0, dx, dt0);
    rq.t0 = t0;
    ilrs_prop_result res;
    int st = ilrs_prop_run(sh->prop, &rq, &res, err);
    if (st < 0)
        return st;
    if (res.stopped_by >= 0)
        return ilrs_error_set(err, ILRS_ENOCONV, "lunar transfer: the guess "
                                                 "hits the %s",
                              res.stopped_by ? "Earth" : "Moon");
    if ((st = ilrs_force_accel(&sh->fm, t0, rq.x0, a, NULL, err)) < 0)
        return st;
    for (int i = 0; i < 3; i++) {
        f0[i] = rq.x0[3 + i];
        f0[3 + i] = a[i];
    }
    for (int i = 0; i < 6; i++) {
        xf[i] = res.x[i] - (stage ? sh->moon_a[i] : 0.0);
        for (int j = 0; j < 3; j++) {
            double s = 0;
            for (int k = 0; k < 6; k++)
                s += res.stm[6 * i + k] * (dx[k][j] - f0[k] * dt0[j]);
            Jp[i][j] = s;
        }
    }
    return ILRS_OK;
}

/* Stage A: pass the aim point at t_aim.
   Stage B: be at perilune at t_a, at the target radius and inclination. */
static void residual(const shooter *sh, int stage, const double x[6],
                     double g[3])
{
    if (stage == 0) {
        for (int k = 0; k < 3; k++)
            g[k] = x[k] - sh->aim[k];
        return;
    }
    double r = ilrs_vec3_norm(x), h[3];
    ilrs_vec3_cross(x, x + 3, h);
    g[0] = r - sh->rp_target;
    g[1] = ilrs_vec3_dot(x, x + 3) / r;
    g[2] = ilrs_vec3_dot(h, sh->zme) / ilrs_vec3_norm(h) - sh->cos_inc;
}

/* Newton step: J = dG/dx (central differences) times Jp; step capped. */
static int newton_step(const shooter *sh, int stage, const double x[6],
                       double Jp[6][3], const double g[3], double step[3])
{
    double cap[3] = {sh->o.cap0, 0.05, 0.05};
    double D[3][6], J[3][3], b[3] = {-g[0], -g[1], -g[2]};
    for (int j = 0; j < 6; j++) {
        double h = j < 3 ? 1e-3 : 1e-6, xp[6], xm[6], gp[3], gm[3];
        memcpy(xp, x, sizeof xp);
        memcpy(xm, x, sizeof xm);
        xp[j] += h;
        xm[j] -= h;
        residual(sh, stage, xp, gp);
        residual(sh, stage, xm, gm);
        for (int i = 0; i < 3; i++)
            D[i][j] = (gp[i] - gm[i]) / (2 * h);
    }
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 3; j++) {
            J[i][j] = 0;
            for (int k = 0; k < 6; k++)
                J[i][j] += D[i][k] * Jp[k][j];
        }
    if (solve3(J, b, step))
        return -1;
    double f = 1.0;
    for (int j = 0; j < 3; j++)
        if (fabs(step[j]) > cap[j])
            f = fmin(f, cap[j] / fabs(step[j]));
    for (int j = 0; j < 3; j++)
        step[j] *= f;
    return 0;
}

/* Newton on p for one stage, halving the step when a guess hits a body. */
static int correct_stage(shooter *sh, int stage, double p[3], int *iters,
                         ilrs_error *err)
{
    static const double tol[2][3] = {{1.0, 1.0, 1.0}, {1e-3, 1e-8, 1e-9}};
    double step[3] = {0, 0, 0}, good[3];
    memcpy(good, p, sizeof good);
    for (int it = 0; it < 40; it++, (*iters)++) {
        double x[6], Jp[6][3], g[3];
        int st = shoot(sh, stage, p, x, Jp, err);
        if (st == ILRS_ENOCONV && it > 0) {
            for (int j = 0; j < 3; j++) {
                step[j] *= 0.5;
                p[j] = good[j] + step[j];
            }
            continue;
        }
        if (st < 0)
            return st;
        residual(sh, stage, x, g);
        if (fabs(g[0]) < tol[stage][0] && fabs(g[1]) < tol[stage][1] &&
            fabs(g[2]) < tol[stage][2])
            return ILRS_OK;
        if (newton_step(sh, stage, x, Jp, g, step))
            break;
        memcpy(good, p, sizeof good);
        for (int j = 0; j < 3; j++)
            p[j] += step[j];
    }
    return ilrs_error_set(err, ILRS_ENOCONV,
                          "lunar transfer: corrector stage %d did not "
                          "converge", stage);
}

/* The wanted arrival plane: normal h perpendicular to the approach S with
   h.z = cos(inc); of the two, the one with positive (S x z).h. */
static int arrival_plane(const double S[3], const double z[3], double ci,
                         double b_hat[3], double h[3])
{
    double zp[3], e[3], sz = ilrs_vec3_dot(S, z);
    for (int k = 0; k < 3; k++)
        zp[k] = z[k] - sz * S[k];
    double nz = ilrs_vec3_norm(zp);
    if (nz < 1e-9 || fabs(ci) > nz)
        return -1;
    ilrs_vec3_cross(S, zp, e);
    double ne = ilrs_vec3_norm(e), al = ci / nz, be = sqrt(1 - al * al);
    for (int k = 0; k < 3; k++)
        h[k] = al * zp[k] / nz + be * e[k] / ne;
    ilrs_vec3_cross(S, h, b_hat);
    return 0;
}

/* The wanted hyperbola (perilune rp_target, v-infinity vinf along S,
   plane normal h) run back AIM_LEAD_S from perilune: the stage A target,
   relative to the Moon. Perilune direction p = S/e + B sqrt(e^2 - 1)/e
   (the asymptote geometry of the hyperbola, Vallado 4th ed. sec. 12.5). */
static int aim_offset(shooter *sh, const double S[3], double vinf,
                      ilrs_error *err)
{
    double gm = ILRS_GM_MOON, rp = sh->rp_target;
    double e = 1 + rp * vinf * vinf / gm, s = sqrt(e * e - 1);
    double vp = sqrt(vinf * vinf + 2 * gm / rp), p[3], q[3], x[6];
    for (int k = 0; k < 3; k++)
        p[k] = S[k] / e + sh->b_hat[k] * s / e;
    ilrs_vec3_cross(sh->h_hat, p, q);
    for (int k = 0; k < 3; k++) {
        x[k] = rp * p[k];
        x[3 + k] = vp * q[k];
    }
    double y[6];
    int st = ilrs_kepler_propagate(x, -AIM_LEAD_S, gm, y, err);
    memcpy(sh->aim_off, y, sizeof sh->aim_off);
    return st;
}

/* Moon state and pole at t_a, the aim point at t_aim. */
static int arrival_setup(shooter *sh, ilrs_error *err)
{
    double moon[6];
    ilrs_frame me = {ILRS_FRAME_MOON_ME, 0, 0.0};
    ilrs_rotation rot;
    sh->t_a = sh->o.t_a;
    sh->t_aim = sh->t_a - AIM_LEAD_S;
    int st = ilrs_ephem_state(sh->eph, 301, 399, sh->t_a, sh->moon_a, err);
    if (st < 0 ||
        (st = ilrs_ephem_rotation(sh->eph, &me, sh->t_a, &rot, NULL, err)) <
            0 ||
        (st = ilrs_ephem_state(sh->eph, 301, 399, sh->t_aim, moon, err)) < 0)
        return st;
    memcpy(sh->zme, rot.r[2], sizeof sh->zme);
    for (int k = 0; k < 3; k++)
        sh->aim[k] = moon[k] + sh->aim_off[k];
    return ILRS_OK;
}

/* First guesses: the best of the four planes (not in `skip`, a bit mask)
   to the Moon's centre, then the same plane re-aimed at the wanted
   hyperbola. 1 if no plane; *used gets the plane's index. */
static int plan(shooter *sh, const ilrs_lunar_transfer_spec *sp,
                double day, unsigned skip, int *used, ilrs_error *err)
{
    int found = 0, kbest = 0, st;
    for (int k = 0; k < 4; k++) {
        option o;
        if (skip & (1u << k))
            continue;
        memset(&o, 0, sizeof o);
        if ((st = first_guess(sh->eph, sp, day, k, NULL, 0.0, &o, err)) < 0)
            return st;
        if (st == 0 && (!found || o.coast < sh->o.coast)) {
            sh->o = o;
            kbest = k;
            found = 1;
        }
    }
    if (!found)
        return 1;
    *used = kbest;
    sh->rp_target = ILRS_MOON_RADIUS_KM + sp->peri_alt_km;
    sh->cos_inc = cos(sp->lunar_inc);
    if ((st = arrival_setup(sh, err)) < 0)
        return st;
    if (arrival_plane(sh->o.S, sh->zme, sh->cos_inc, sh->b_hat, sh->h_hat))
        return 1;
    double S[3] = {sh->o.S[0], sh->o.S[1], sh->o.S[2]}, vinf = sh->o.vinf;
    if ((st = aim_offset(sh, S, vinf, err)) < 0)
        return st;
    st = first_guess(sh->eph, sp, day, kbest, sh->aim_off, AIM_LEAD_S,
                     &sh->o, err);
    if (st != 0)
        return st;
    return arrival_setup(sh, err);
}

/* Costs and achieved values once converged. */
static int fill_result(shooter *sh, const ilrs_lunar_transfer_spec *sp,
                       const double p[3], ilrs_lunar_transfer *out,
                       ilrs_error *err)
{
    double x[6], Jp[6][3], h[3], dx[6][3], dt0[3];
    int st = shoot(sh, 1, p, x, Jp, err);
    if (st < 0)
        return st;
    tli_state(sh, p, out->x_tli, &out->t_tli, dx, dt0);
    out->t_launch = sh->o.t_launch + sh->o.dt_dp0 * p[0];
    double h0[3];
    rotate(sh->o.axis, sh->o.rate * p[0], sh->o.pl.h, h0);
    out->park_inc = acos(h0[2]);
    double sv[3], sra, sdec;
    if ((st = site_icrf(sp, out->t_launch, sv, &sra, &sdec, err)) < 0)
        return st;
    plane tilted = sh->o.pl;
    memcpy(tilted.h, h0, sizeof h0);
    option tmp = sh->o;
    tmp.pl = tilted;
    site_geometry(&tmp, sv, sra, sdec);
    out->t_loi = sh->t_a;
    out->coast_s = out->t_tli - out->t_launch;
    out->launch_azimuth = tmp.azimuth;
    out->tli_dv_kms = p[2];
    double r0 = ilrs_vec3_norm(out->x_tli);
    out->c3_km2s2 = ilrs_vec3_dot(out->x_tli + 3, out->x_tli + 3) -
                    2 * ILRS_GM_EARTH / r0;
    memcpy(out->x_loi, x, sizeof out->x_loi);
    double r = ilrs_vec3_norm(x), v = ilrs_vec3_norm(x + 3);
    out->peri_alt_km = r - ILRS_MOON_RADIUS_KM;
    ilrs_vec3_cross(x, x + 3, h);
    out->lunar_inc = acos(fmax(-1, fmin(1, ilrs_vec3_dot(h, sh->zme) /
                                               ilrs_vec3_norm(h))));
    double en = v * v - 2 * ILRS_GM_MOON / r;
    out->vinf_moon_kms = en > 0 ? sqrt(en) : 0.0;
    double ra = ILRS_MOON_RADIUS_KM + sp->apo_alt_km;
    out->loi_dv_kms = v - vis_viva(ILRS_GM_MOON, r, 0.5 * (r + ra));
    out->descent_dv_kms = sp->land ? ilrs_lunar_descent_dv(sp->peri_alt_km,
                                                           sp->apo_alt_km)
                                   : 0.0;
    out->status = ILRS_TRANSFER_OK;
    return ILRS_OK;
}

/* Both corrector stages from the first guess; status in out. */
static int correct_all(shooter *sh, const ilrs_lunar_transfer_spec *sp,
                       ilrs_lunar_transfer *out, ilrs_error *err)
{
    double p[3] = {0.0, 0.0, 0.0};
    p[2] = sqrt(ILRS_GM_EARTH * (1 + sh->o.e) / sh->rp_park) - sh->vc;
    out->tli_dv_first_kms = p[2];
    out->t_launch = sh->o.t_launch;
    out->park_inc = sh->o.pl.inc;
    ilrs_error e2;
    int it = 0, st = correct_stage(sh, 0, p, &it, &e2);
    if (st == ILRS_OK)
        st = correct_stage(sh, 1, p, &it, &e2);
    out->iterations = it;
    if (st == ILRS_ENOCONV) {
        out->status = ILRS_TRANSFER_NOCONV;
        return ILRS_OK;
    }
    if (st < 0) {
        if (err)
            *err = e2;
        return st;
    }
    double fg = out->tli_dv_first_kms;
    st = fill_result(sh, sp, p, out, err);
    out->tli_dv_first_kms = fg;
    out->iterations = it;
    return st;
}

int ilrs_lunar_transfer_solve(const ilrs_ephem *eph,
                              const ilrs_lunar_transfer_spec *sp,
                              double day, ilrs_lunar_transfer *out,
                              ilrs_error *err)
{
    memset(out, 0, sizeof *out);
    int st = check_spec(sp, err);
    if (st < 0)
        return st;
    shooter *sh = calloc(1, sizeof *sh);
    if (!sh)
        return ilrs_error_set(err, ILRS_ENOMEM, "lunar transfer: no memory");
    sh->eph = eph;
    sh->rp_park = ILRS_WGS84_A_KM + sp->park_alt_km;
    sh->vc = sqrt(ILRS_GM_EARTH / sh->rp_park);
    sh->n_park = sh->vc / sh->rp_park;
    /* the plane with the shortest coast first; if the corrector fails
       there, the next */
    unsigned skip = 0;
    int k = 0, tried = 0;
    while ((st = plan(sh, sp, day, skip, &k, err)) == 0) {
        tried++;
        ilrs_prop_free(sh->prop);
        sh->prop = NULL;
        if ((st = ilrs_force_model_init(&sh->fm, 399,
                                        ILRS_PROP_MOON | ILRS_PROP_SUN, 0,
                                        eph, sh->o.t_tli, err)) < 0 ||
            (st = ilrs_prop_new(&sh->fm, NULL, &sh->prop, err)) < 0 ||
            (st = correct_all(sh, sp, out, err)) < 0 ||
            out->status == ILRS_TRANSFER_OK)
            break;
        skip |= 1u << k;
    }
    if (st == 1) {
        if (!tried)
            out->status = ILRS_TRANSFER_PLANE;
        st = ILRS_OK;
    }
    ilrs_prop_free(sh->prop);
    free(sh);
    return st;
}

typedef struct {
    const ilrs_ephem *eph;
    const ilrs_lunar_transfer_spec *sp;
    double day0;
    ilrs_lunar_transfer *out;
    ilrs_error *errs;
} window_job;

static int window_range(void *ctx, size_t begin, size_t end)
{
    window_job *j = ctx;
    for (size_t i = begin; i < end; i++) {
        int st = ilrs_lunar_transfer_solve(j->eph, j->sp,
                                           j->day0 + (double)i * ILRS_DAY_S,
                                           &j->out[i], &j->errs[i]);
        if (st < 0)
            return st;
    }
    return ILRS_OK;
}

int ilrs_lunar_transfer_window(const ilrs_ephem *eph,
                               const ilrs_lunar_transfer_spec *sp,
                               double day0, int ndays,
                               ilrs_lunar_transfer *out, int nthreads,
                               ilrs_error *err)
{
    if (ndays < 1 || ndays > 3660)
        return ilrs_error_set(err, ILRS_EINVAL,
                              "lunar transfer: 1..3660 days, got %d", ndays);
    ilrs_error *errs = calloc((size_t)ndays, sizeof *errs);
    if (!errs)
        return ilrs_error_set(err, ILRS_ENOMEM, "lunar transfer: no memory");
    window_job j = {eph, sp, day0, out, errs};
    int st = ilrs_parallel_for((size_t)ndays, nthreads, window_range, &j);
    if (st < 0 && st != ILRS_ENOMEM)
        for (int i = 0; i < ndays; i++)
            if (errs[i].code < 0 || errs[i].msg[0]) {
                if (err)
                    *err = errs[i];
                break;
            }
    free(errs);
    return st == ILRS_ENOMEM ? ILRS_OK : st;
}

int ilrs_lunar_transfer_sample(const ilrs_ephem *eph,
                               const ilrs_lunar_transfer *tr, double step_s,
                               ilrs_transfer_sample_fn fn, void *ctx,
                               ilrs_error *err)
{
    if (!tr || tr->status != ILRS_TRANSFER_OK || !(step_s > 0) || !fn)
        return ilrs_error_set(err, ILRS_EINVAL,
                              "lunar transfer: nothing to sample");
    ilrs_force_model fm;
    ilrs_prop *p = NULL;
    int st = ilrs_force_model_init(&fm, 399, ILRS_PROP_MOON | ILRS_PROP_SUN,
                                   0, eph, tr->t_tli, err);
    if (st < 0 || (st = ilrs_prop_new(&fm, NULL, &p, err)) < 0)
        return st;
    ilrs_prop_request rq = {.t0 = tr->t_tli, .t1 = tr->t_loi,
                            .sample_s = step_s, .sample = fn, .ctx = ctx};
    memcpy(rq.x0, tr->x_tli, sizeof rq.x0);
    ilrs_prop_result res;
    st = ilrs_prop_run(p, &rq, &res, err);
    ilrs_prop_free(p);
    return st;
}
