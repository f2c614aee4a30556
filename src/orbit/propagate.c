/*
 * propagate.c -- ephemeris force model, GSL rk8pd integration, events
 * located by regula falsi, variational equations for the STM.
 */
#include <gsl/gsl_errno.h>
#include <gsl/gsl_odeiv2.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "ilrs/constants.h"
#include "ilrs/propagate.h"
#include "ilrs/vec.h"
#include "orbit_int.h"

static pthread_once_t gsl_once = PTHREAD_ONCE_INIT;

static void gsl_off(void)
{
    gsl_set_error_handler_off();
}

void ilrs__gsl_errors_off(void)
{
    pthread_once(&gsl_once, gsl_off);
}

/* Third-body table for one run: the Sun, Earth and Moon relative to the
   center every `step` seconds from t_lo, cubic Hermite interpolation
   (positions and velocities) between nodes. At 1 h spacing the Moon's
   interpolation error is ~h^4 r w^4 / 384 ~ 1 cm. */
typedef struct {
    int on;
    double t_lo, step;
    long n, cap;
    double *s;            /* n nodes x 3 bodies x 6 */
} body_table;

struct ilrs_prop {
    body_table tab;
    const ilrs_force_model *fm;
    ilrs_prop_options opt;
    gsl_odeiv2_step *step[2];      /* [0] 6 equations, [1] 42 */
    gsl_odeiv2_control *ctl;
    gsl_odeiv2_evolve *evo[2];
    gsl_odeiv2_evolve *evo2[2];   /* re-integration inside a step */
    int status;                    /* first failure inside the RHS */
    ilrs_error err;
};

static int body_bit(int id)
{
    return id == 10 ? ILRS_PROP_SUN : id == 399 ? ILRS_PROP_EARTH
           : id == 301 ? ILRS_PROP_MOON : 0;
}

static double body_gm(int id)
{
    return id == 10 ? ILRS_GM_SUN : id == 399 ? ILRS_GM_EARTH : ILRS_GM_MOON;
}

int ilrs_force_model_init(ilrs_force_model *fm, int center, int third,
                          int j2, const ilrs_ephem *eph, double t_pole,
                          ilrs_error *err)
{
    if (!fm || (center != 399 && center != 301))
        return ilrs_error_set(err, ILRS_EINVAL,
                              "force model: center must be 399 (Earth) or "
                              "301 (Moon), got %d", fm ? center : 0);
    memset(fm, 0, sizeof *fm);
    fm->center = center;
    fm->gm_center = body_gm(center);
    fm->third = third & ~body_bit(center) &
                (ILRS_PROP_SUN | ILRS_PROP_EARTH | ILRS_PROP_MOON);
    fm->j2 = j2 ? 1 : 0;
    fm->eph = eph;
    fm->pole[2] = 1.0;
    if ((fm->third || (j2 && center == 301)) && !eph)
        return ilrs_error_set(err, ILRS_EINVAL,
                              "force model: third bodies or the Moon's pole "
                              "need an ephemeris");
    fm->j2_value = center == 399 ? ILRS_EARTH_J2 : ILRS_MOON_J2;
    fm->j2_radius_km = center == 399 ? ILRS_EARTH_J2_RADIUS_KM
                                     : ILRS_MOON_J2_RADIUS_KM;
    if (j2) {
        ilrs_frame f = {center == 399 ? ILRS_FRAME_ITRF : ILRS_FRAME_MOON_ME,
                        0, 0.0};
        ilrs_rotation rot;
        int st = center == 399 ? ilrs_frame_rotation(&f, t_pole, &rot, err)
                               : ilrs_ephem_rotation(eph, &f, t_pole, &rot,
                                                     NULL, err);
        if (st < 0)
            return st;
        for (int k = 0; k < 3; k++)
            fm->pole[k] = rot.r[2][k];   /* frame z axis in ICRF */
    }
    return ILRS_OK;
}

/* Point-mass attraction of gm at offset d = r - r_body (km), added to a;
   gradient added to g if not NULL. */
static void point_mass(double gm, const double d[3], double a[3],
                       double g[3][3])
{
    double r2 = ilrs_vec3_dot(d, d), r = sqrt(r2), r3 = r2 * r;
    for (int k = 0; k < 3; k++)
        a[k] -= gm * d[k] / r3;
    if (!g)
        return;
    double r5 = r3 * r2;
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 3; j++)
            g[i][j] += gm * (3.0 * d[i] * d[j] / r5 - (i == j ? 1.0 / r3 : 0));
}

static void j2_accel(const ilrs_force_model *fm, const double r[3],
                     double a[3])
{
    double r2 = ilrs_vec3_dot(r, r), rn = sqrt(r2);
    double z = ilrs_vec3_dot(r, fm->pole) / rn;   /* sin(latitude) */
    double k = 1.5 * fm->j2_value * fm->gm_center *
               fm->j2_radius_km * fm->j2_radius_km / (r2 * r2);
    for (int i = 0; i < 3; i++)
        a[i] += k * ((5.0 * z * z - 1.0) * r[i] / rn -
                     2.0 * z * fm->pole[i]);
}

/* J2 gradient by central differences (relative step 1e-6 of r: the
   truncation error is ~1e-12 of the term). */
static void j2_gradient(const ilrs_force_model *fm, const double r[3],
                        double g[3][3])
{
    double h = 1e-6 * ilrs_vec3_norm(r);
    for (int j = 0; j < 3; j++) {
        double rp[3] = {r[0], r[1], r[2]}, rm[3] = {r[0], r[1], r[2]};
        double ap[3] = {0, 0, 0}, am[3] = {0, 0, 0};
        rp[j] += h;
        rm[j] -= h;
        j2_accel(fm, rp, ap);
        j2_accel(fm, rm, am);
        for (int i = 0; i < 3; i++)
            g[i][j] += (ap[i] - am[i]) / (2 * h);
    }
}

static const int body_ids[3] = {10, 399, 301};

/* State of body b (index into body_ids) relative to the center at t:
   from the table when it covers t, else from the ephemeris. */
static int body_state(const ilrs_force_model *fm, const body_table *tab,
                      int b, double t, double s[6], ilrs_error *err)
{
    if (tab && tab->on) {
        double x = (t - tab->t_lo) / tab->step;
        long i = (long)floor(x);
        if (i == tab->n - 1 && x <= (double)i + 1e-9)
            i--;
        if (i >= 0 && i < tab->n - 1) {
            double u = x - (double)i, h = tab->step, u2 = u * u, u3 = u2 * u;
            const double *p0 = tab->s + (i * 3 + b) * 6;
            const double *p1 = tab->s + ((i + 1) * 3 + b) * 6;
            double h00 = 2 * u3 - 3 * u2 + 1, h10 = u3 - 2 * u2 + u;
            double h01 = -2 * u3 + 3 * u2, h11 = u3 - u2;
            double d00 = 6 * u2 - 6 * u, d10 = 3 * u2 - 4 * u + 1;
            double d01 = -6 * u2 + 6 * u, d11 = 3 * u2 - 2 * u;
            for (int k = 0; k < 3; k++) {
                s[k] = h00 * p0[k] + h10 * h * p0[3 + k] + h01 * p1[k] +
                       h11 * h * p1[3 + k];
                s[3 + k] = (d00 * p0[k] + d01 * p1[k]) / h +
                           d10 * p0[3 + k] + d11 * p1[3 + k];
            }
            return ILRS_OK;
        }
    }
    return ilrs_ephem_state(fm->eph, body_ids[b], fm->center, t, s, err);
}

static int accel(const ilrs_force_model *fm, const body_table *tab, double t,
                 const double x[6], double a[3], double dadr[3][3],
                 ilrs_error *err)
{
    a[0] = a[1] = a[2] = 0.0;
    if (dadr)
        memset(dadr, 0, 9 * sizeof(double));
    point_mass(fm->gm_center, x, a, dadr);
    for (int b = 0; b < 3; b++) {
        if (!(fm->third & body_bit(body_ids[b])))
            continue;
        double s[6], d[3], gm = body_gm(body_ids[b]);
        int st = body_state(fm, tab, b, t, s, err);
        if (st < 0)
            return st;
        for (int k = 0; k < 3; k++)
            d[k] = x[k] - s[k];
        point_mass(gm, d, a, dadr);
        /* indirect term: the center's own acceleration toward the body */
        double s2 = ilrs_vec3_dot(s, s), s3 = s2 * sqrt(s2);
        for (int k = 0; k < 3; k++)
            a[k] -= gm * s[k] / s3;
    }
    if (fm->j2) {
        j2_accel(fm, x, a);
        if (dadr)
            j2_gradient(fm, x, dadr);
    }
    return ILRS_OK;
}

int ilrs_force_accel(const ilrs_force_model *fm, double t, const double x[6],
                     double a[3], double dadr[3][3], ilrs_error *err)
{
    return accel(fm, NULL, t, x, a, dadr, err);
}

static int rhs(double t, const double y[], double f[], void *params)
{
    ilrs_prop *p = params;
    double a[3];
    int st = accel(p->fm, &p->tab, t, y, a, NULL, &p->err);
    if (st < 0) {
        p->status = st;
        return GSL_EBADFUNC;
    }
    f[0] = y[3];
    f[1] = y[4];
    f[2] = y[5];
    f[3] = a[0];
    f[4] = a[1];
    f[5] = a[2];
    return GSL_SUCCESS;
}

/* 42 equations: state then Phi (6x6 row-major); Phi' = A Phi with
   A = [0 I; G 0]. */
static int rhs_stm(double t, const double y[], double f[], void *params)
{
    ilrs_prop *p = params;
    double a[3], g[3][3];
    int st = accel(p->fm, &p->tab, t, y, a, g, &p->err);
    if (st < 0) {
        p->status = st;
        return GSL_EBADFUNC;
    }
    for (int k = 0; k < 3; k++) {
        f[k] = y[3 + k];
        f[3 + k] = a[k];
    }
    const double *phi = y + 6;
    double *dphi = f + 6;
    for (int j = 0; j < 6; j++) {
        for (int i = 0; i < 3; i++)
            dphi[6 * i + j] = phi[6 * (i + 3) + j];
        for (int i = 0; i < 3; i++)
            dphi[6 * (i + 3) + j] = g[i][0] * phi[j] + g[i][1] * phi[6 + j] +
                                    g[i][2] * phi[12 + j];
    }
    return GSL_SUCCESS;
}

void ilrs_prop_free(ilrs_prop *p)
{
    if (!p)
        return;
    for (int k = 0; k < 2; k++) {
        if (p->step[k])
            gsl_odeiv2_step_free(p->step[k]);
        if (p->evo[k])
            gsl_odeiv2_evolve_free(p->evo[k]);
        if (p->evo2[k])
            gsl_odeiv2_evolve_free(p->evo2[k]);
    }
    if (p->ctl)
        gsl_odeiv2_control_free(p->ctl);
    free(p->tab.s);
    free(p);
}

int ilrs_prop_new(const ilrs_force_model *fm, const ilrs_prop_options *opt,
                  ilrs_prop **out, ilrs_error *err)
{
    *out = NULL;
    if (!fm || (fm->center != 399 && fm->center != 301))
        return ilrs_error_set(err, ILRS_EINVAL, "propagator: bad force model");
    ilrs_prop *p = calloc(1, sizeof *p);
    if (!p)
        return ilrs_error_set(err, ILRS_ENOMEM, "propagator: out of memory");
    p->fm = fm;
    p->opt = (ilrs_prop_options){1e-12, 1e-9, 60.0, 1000000L, 3600.0};
    if (opt) {
        if (opt->rtol > 0)
            p->opt.rtol = opt->rtol;
        if (opt->atol > 0)
            p->opt.atol = opt->atol;
        if (opt->h0_s > 0)
            p->opt.h0_s = opt->h0_s;
        if (opt->max_steps > 0)
            p->opt.max_steps = opt->max_steps;
        if (opt->table_step_s != 0)
            p->opt.table_step_s = opt->table_step_s;
    }
    ilrs__gsl_errors_off();
    static const size_t dim[2] = {6, 42};
    for (int k = 0; k < 2; k++) {
        p->step[k] = gsl_odeiv2_step_alloc(gsl_odeiv2_step_rk8pd, dim[k]);
        p->evo[k] = gsl_odeiv2_evolve_alloc(dim[k]);
        p->evo2[k] = gsl_odeiv2_evolve_alloc(dim[k]);
    }
    p->ctl = gsl_odeiv2_control_standard_new(p->opt.atol, p->opt.rtol, 1, 0);
    if (!p->step[0] || !p->step[1] || !p->evo[0] || !p->evo[1] ||
        !p->evo2[0] || !p->evo2[1] || !p->ctl) {
        ilrs_prop_free(p);
        return ilrs_error_set(err, ILRS_ENOMEM, "propagator: out of memory");
    }
    *out = p;
    return ILRS_OK;
}

static double body_radius(int id)
{
    return id == 399 ? ILRS_WGS84_A_KM : ILRS_MOON_RADIUS_KM;
}

/* Event function g at (t, x); 0 or an ephemeris error. */
static int event_g(const ilrs_prop *p, const ilrs_event *ev, double t,
                   const double x[6], double *g, ilrs_error *err)
{
    double d[6];
    memcpy(d, x, sizeof d);
    if (ev->body != p->fm->center) {
        double s[6];
        int st = body_state(p->fm, &p->tab, ev->body == 399 ? 1 : 2, t, s,
                            err);
        if (st < 0)
            return st;
        for (int k = 0; k < 6; k++)
            d[k] -= s[k];
    }
    double r = ilrs_vec3_norm(d);
    if (ev->kind == ILRS_EVENT_PERIAPSIS)
        *g = ilrs_vec3_dot(d, d + 3) / r;   /* radial velocity (km/s) */
    else if (ev->kind == ILRS_EVENT_DISTANCE)
        *g = r - ev->value;
    else
        *g = r - body_radius(ev->body) - ev->value;
    return ILRS_OK;
}

/* Integrate y (dimension 6 or 42) from ta to tb with the second evolve
   (no events, no samples). */
static int advance(ilrs_prop *p, int k, gsl_odeiv2_system *sys, double ta,
                   const double *ya, double tb, double *yb, ilrs_error *err)
{
    size_t n = sys->dimension;
    memcpy(yb, ya, n * sizeof(double));
    gsl_odeiv2_evolve_reset(p->evo2[k]);
    gsl_odeiv2_step_reset(p->step[k]);
    double t = ta, h = tb - ta;
    long guard = 0;
    while (t != tb) {
        int gs = gsl_odeiv2_evolve_apply(p->evo2[k], p->ctl, p->step[k], sys,
                                         &t, tb, &h, yb);
        if (gs != GSL_SUCCESS || ++guard > 100000) {
            if (p->status < 0) {
                *err = p->err;
                return p->status;
            }
            return ilrs_error_set(err, ILRS_ENOCONV,
                                  "propagator: step failed near t=%.3f s", t);
        }
    }
    return ILRS_OK;
}

/* Locate the root of event ev between (ta, ya) and tb (g changes sign):
   Illinois regula falsi to 1e-6 s. Writes the epoch and state. */
static int locate(ilrs_prop *p, int k, gsl_odeiv2_system *sys,
                  const ilrs_event *ev, double ta, const double *ya,
                  double ga, double tb, double gb, double *troot,
                  double *yroot, ilrs_error *err)
{
    double a = ta, b = tb, fa = ga, fb = gb, t = tb;
    int side = 0;
    for (int it = 0; it < 100 && fabs(b - a) > 1e-6; it++) {
        t = (a * fb - b * fa) / (fb - fa);
        if (!(t > fmin(a, b) && t < fmax(a, b)))
            t = 0.5 * (a + b);
        double g;
        int st = advance(p, k, sys, ta, ya, t, yroot, err);
        if (st < 0)
            return st;
        if ((st = event_g(p, ev, t, yroot, &g, err)) < 0)
            return st;
        if (g == 0.0) {
            a = b = t;
            break;
        }
        if ((g > 0) == (fb > 0)) {
            b = t;
            fb = g;
            if (side == -1)
                fa *= 0.5;
            side = -1;
        } else {
            a = t;
            fa = g;
            if (side == 1)
                fb *= 0.5;
            side = 1;
        }
    }
    *troot = t;
    return advance(p, k, sys, ta, ya, t, yroot, err);
}

typedef struct {
    ilrs_prop *p;
    const ilrs_prop_request *rq;
    ilrs_prop_result *res;
    gsl_odeiv2_system sys;
    int k;                 /* 0: 6 equations, 1: 42 */
    double g[64];          /* event functions at the last accepted step */
} run_state;

static void finish(run_state *s, double t, const double *y, int stopped)
{
    s->res->t = t;
    memcpy(s->res->x, y, 6 * sizeof(double));
    if (s->k)
        memcpy(s->res->stm, y + 6, 36 * sizeof(double));
    s->res->stopped_by = stopped;
}

/* Check events across a step (tp, yp) -> (t, y). Returns 1 when a
   terminal event stopped the run (y, t moved to it), 0 otherwise, < 0 on
   error. */
static int check_events(run_state *s, double tp, const double *yp,
                        double *t, double *y, ilrs_error *err)
{
    const ilrs_prop_request *rq = s->rq;
    double yr[42], tr;
    for (int i = 0; i < rq->nevents && i < 64; i++) {
        const ilrs_event *ev = &rq->events[i];
        double g;
        int st = event_g(s->p, ev, *t, y, &g, err);
        if (st < 0)
            return st;
        double gp = s->g[i];
        s->g[i] = g;
        int rising = gp < 0 && g >= 0, falling = gp > 0 && g <= 0;
        if (!(rising || falling) || (ev->direction > 0 && !rising) ||
            (ev->direction < 0 && !falling))
            continue;
        st = locate(s->p, s->k, &s->sys, ev, tp, yp, gp, *t, g, &tr, yr,
                    err);
        if (st < 0)
            return st;
        if (s->res->nhits < ILRS_PROP_MAX_HITS) {
            ilrs_event_hit *h = &s->res->hits[s->res->nhits++];
            h->event = i;
            h->t = tr;
            memcpy(h->x, yr, sizeof h->x);
        }
        if (ev->terminal) {
            *t = tr;
            memcpy(y, yr, s->sys.dimension * sizeof(double));
            finish(s, tr, y, i);
            return 1;
        }
    }
    return 0;
}

/* The third-body table over [t0, t1] (nothing for short runs, two-body
   models or when turned off). */
static int build_table(ilrs_prop *p, double t0, double t1, ilrs_error *err)
{
    body_table *tab = &p->tab;
    double lo = fmin(t0, t1), span = fabs(t1 - t0), h = p->opt.table_step_s;
    tab->on = 0;
    if (h <= 0 || span < 4 * h || !p->fm->eph || !p->fm->third)
        return ILRS_OK;
    long n = (long)ceil(span / h) + 1;
    if (n > 1000000)
        return ILRS_OK;
    if (n > tab->cap) {
        double *ns = realloc(tab->s, (size_t)n * 18 * sizeof *ns);
        if (!ns)
            return ilrs_error_set(err, ILRS_ENOMEM, "propagator: no memory");
        tab->s = ns;
        tab->cap = n;
    }
    tab->t_lo = lo;
    tab->n = n;
    tab->step = span / (double)(n - 1);
    for (long i = 0; i < n; i++)
        for (int b = 0; b < 3; b++) {
            double *s = tab->s + (i * 3 + b) * 6;
            if (body_ids[b] == p->fm->center) {
                memset(s, 0, 6 * sizeof *s);
                continue;
            }
            int st = ilrs_ephem_state(p->fm->eph, body_ids[b], p->fm->center,
                                      i == n - 1 ? lo + span
                                                 : lo + (double)i * tab->step,
                                      s, err);
            if (st < 0)
                return st;
        }
    tab->on = 1;
    return ILRS_OK;
}

static int init_run(run_state *s, double *y, ilrs_error *err)
{
    const ilrs_prop_request *rq = s->rq;
    for (int k = 0; k < 6; k++)
        if (!isfinite(rq->x0[k]))
            return ilrs_error_set(err, ILRS_EINVAL,
                                  "propagator: non-finite initial state");
    if (!isfinite(rq->t0) || !isfinite(rq->t1) || rq->nevents < 0 ||
        rq->nevents > 64 || (rq->nevents && !rq->events))
        return ilrs_error_set(err, ILRS_EINVAL,
                              "propagator: bad epochs or events (at most "
                              "64)");
    int st0 = build_table(s->p, rq->t0, rq->t1, err);
    if (st0 < 0)
        return st0;
    memcpy(y, rq->x0, 6 * sizeof(double));
    if (s->k) {
        memset(y + 6, 0, 36 * sizeof(double));
        for (int i = 0; i < 6; i++)
            y[6 + 7 * i] = 1.0;
    }
    for (int i = 0; i < rq->nevents; i++) {
        int st = event_g(s->p, &rq->events[i], rq->t0, y, &s->g[i], err);
        if (st < 0)
            return st;
    }
    if (rq->sample && rq->sample(rq->ctx, rq->t0, y))
        return 1;
    return 0;
}

int ilrs_prop_run(ilrs_prop *p, const ilrs_prop_request *rq,
                  ilrs_prop_result *res, ilrs_error *err)
{
    run_state s = {p, rq, res, {NULL, NULL, 6, p}, rq->stm ? 1 : 0, {0}};
    s.sys.function = s.k ? rhs_stm : rhs;
    s.sys.dimension = s.k ? 42 : 6;
    memset(res, 0, sizeof *res);
    res->stopped_by = -1;
    p->status = 0;
    double y[42], yp[42], t = rq->t0, tp;
    int st = init_run(&s, y, err);
    if (st != 0) {
        finish(&s, t, y, -1);
        return st < 0 ? st : ILRS_OK;
    }
    double dir = rq->t1 >= rq->t0 ? 1.0 : -1.0;
    double h = dir * fmin(p->opt.h0_s, fabs(rq->t1 - rq->t0) + 1e-3);
    double next_sample = rq->sample_s > 0 ? rq->t0 + dir * rq->sample_s
                                          : rq->t1;
    double last_sample = rq->t0;
    gsl_odeiv2_evolve_reset(p->evo[s.k]);
    gsl_odeiv2_step_reset(p->step[s.k]);
    while (dir * (rq->t1 - t) > 0) {
        double tlim = dir * (next_sample - rq->t1) < 0 ? next_sample : rq->t1;
        tp = t;
        memcpy(yp, y, s.sys.dimension * sizeof(double));
        int gs = gsl_odeiv2_evolve_apply(p->evo[s.k], p->ctl, p->step[s.k],
                                         &s.sys, &t, tlim, &h, y);
        if (gs != GSL_SUCCESS) {
            if (p->status < 0) {
                *err = p->err;
                return p->status;
            }
            return ilrs_error_set(err, ILRS_ENOCONV,
                                  "propagator: step failed at t=%.3f s "
                                  "(GSL %d)", t, gs);
        }
        if (++res->steps > p->opt.max_steps)
            return ilrs_error_set(err, ILRS_ENOCONV,
                                  "propagator: more than %ld steps",
                                  p->opt.max_steps);
        if ((st = check_events(&s, tp, yp, &t, y, err)) != 0) {
            if (st < 0)
                return st;
            if (rq->sample)
                rq->sample(rq->ctx, t, y);
            return ILRS_OK;
        }
        if (t == tlim && tlim == next_sample && rq->sample_s > 0) {
            next_sample += dir * rq->sample_s;
            last_sample = t;
            if (rq->sample && rq->sample(rq->ctx, t, y))
                break;
        }
    }
    if (rq->sample && t != last_sample)
        rq->sample(rq->ctx, t, y);
    finish(&s, t, y, -1);
    return ILRS_OK;
}
