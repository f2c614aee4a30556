/* stats.c -- illumination and link statistics over a period; maps. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ilrs/constants.h"
#include "ilrs/vec.h"
#include "lunar_int.h"

/* NAIF ids */
#define SUN 10
#define EARTH 399
#define MOON 301

void ilrs_site_stats_free(ilrs_site_stats *st)
{
    if (!st)
        return;
    free(st->nights);
    free(st->events);
    free(st->samples);
    st->nights = NULL;
    st->events = NULL;
    st->samples = NULL;
    st->nnights = st->nevents = st->nsamples = 0;
}

/* Min and max of a horizon profile, for quick whole-disc decisions. */
static void profile_range(const double *h, int n, double *lo, double *hi)
{
    *lo = INFINITY;
    *hi = -INFINITY;
    for (int k = 0; k < n; k++) {
        *lo = fmin(*lo, h[k]);
        *hi = fmax(*hi, h[k]);
    }
}

static double disc_frac(const ilrs_site_query *q, double lo, double hi,
                        double az, double el, double rho)
{
    if (el - rho > hi)
        return 1.0;
    if (el + rho < lo)
        return 0.0;
    return ilrs_disc_visible(q->horizon, q->naz, az, el, rho);
}

typedef struct {
    double up[3], north[3], east[3], site[3];
    double lo, hi;
    ilrs_frame me;
} site_ctx;

/* One sample: directions, fractions, relay; margins (rad above the
   horizon) of the Sun's upper limb, Earth's centre and the relay. */
static int sample_at(const ilrs_ephem *e, const ilrs_site_query *q,
                     const site_ctx *c, double t, ilrs_site_sample *s,
                     double margin[3], ilrs_error *err)
{
    double sun[6], earth[6], dist;
    int st = ilrs_ephem_state_in(e, SUN, MOON, &c->me, t, sun, err);
    if (st >= 0)
        st = ilrs_ephem_state_in(e, EARTH, MOON, &c->me, t, earth, err);
    if (st < 0)
        return st;
    memset(s, 0, sizeof *s);
    s->t = t;
    ilrs_topo_azel(c->site, c->up, c->north, c->east, sun, &s->sun_az,
                   &s->sun_el, &dist);
    double rho = asin(ILRS_SUN_RADIUS_KM / dist);
    s->sun_frac = disc_frac(q, c->lo, c->hi, s->sun_az, s->sun_el, rho);
    margin[0] = s->sun_el + rho - ilrs_horizon_at(q->horizon, q->naz,
                                                  s->sun_az);
    ilrs_topo_azel(c->site, c->up, c->north, c->east, earth, &s->earth_az,
                   &s->earth_el, &dist);
    rho = asin(ILRS_EARTH_MEAN_RADIUS_KM / dist);
    s->earth_frac = disc_frac(q, c->lo, c->hi, s->earth_az, s->earth_el, rho);
    margin[1] = s->earth_el - fmax(q->min_el,
                                   ilrs_horizon_at(q->horizon, q->naz,
                                                   s->earth_az));
    s->relay_az = s->relay_el = NAN;
    margin[2] = -1.0;
    if (q->relay) {
        double rp[3];
        st = ilrs_relay_position(e, q->relay, t, rp, err);
        if (st < 0)
            return st;
        ilrs_topo_azel(c->site, c->up, c->north, c->east, rp, &s->relay_az,
                       &s->relay_el, NULL);
        double floor_el = fmax(fmax(q->relay->min_el, q->min_el),
                               ilrs_horizon_at(q->horizon, q->naz,
                                               s->relay_az));
        margin[2] = s->relay_el - floor_el;
        s->relay_vis = margin[2] > 0;
        s->relay_earth = ilrs_segment_clear(rp, earth, ILRS_MOON_RADIUS_KM);
    }
    s->link = margin[1] > 0 || (s->relay_vis && s->relay_earth);
    return ILRS_OK;
}

static int push_event(ilrs_site_stats *st, size_t *cap, double t,
                      ilrs_event_kind k)
{
    if (st->nevents == *cap) {
        size_t n = *cap ? 2 * *cap : 64;
        ilrs_event *p = realloc(st->events, n * sizeof *p);
        if (!p)
            return ILRS_ENOMEM;
        st->events = p;
        *cap = n;
    }
    st->events[st->nevents].t = t;
    st->events[st->nevents].kind = k;
    st->nevents++;
    return ILRS_OK;
}

/* Rises and sets between samples i-1 and i, interpolated in the margin. */
static int find_events(ilrs_site_stats *st, size_t *cap, double t0,
                       double step, const double m0[3], const double m1[3],
                       int nk)
{
    static const ilrs_event_kind rise[3] = {ILRS_EV_SUNRISE, ILRS_EV_EARTHRISE,
                                            ILRS_EV_RELAY_AOS};
    static const ilrs_event_kind set[3] = {ILRS_EV_SUNSET, ILRS_EV_EARTHSET,
                                           ILRS_EV_RELAY_LOS};
    for (int k = 0; k < nk; k++) {
        int up0 = m0[k] > 0, up1 = m1[k] > 0;
        if (up0 == up1)
            continue;
        double f = m0[k] / (m0[k] - m1[k]);
        if (push_event(st, cap, t0 + f * step, up1 ? rise[k] : set[k]))
            return ILRS_ENOMEM;
    }
    return ILRS_OK;
}

/* Runs of samples with no sunlight. */
static int find_nights(ilrs_site_stats *st, double step)
{
    size_t cap = 0;
    for (size_t i = 0; i < st->nsamples; i++) {
        if (st->samples[i].sun_frac > 0)
            continue;
        size_t j = i;
        while (j + 1 < st->nsamples && st->samples[j + 1].sun_frac <= 0)
            j++;
        if (st->nnights == cap) {
            cap = cap ? 2 * cap : 16;
            ilrs_interval *p = realloc(st->nights, cap * sizeof *p);
            if (!p)
                return ILRS_ENOMEM;
            st->nights = p;
        }
        ilrs_interval *n = &st->nights[st->nnights++];
        n->t0 = st->samples[i].t;
        n->t1 = st->samples[j].t;
        double len = n->t1 - n->t0 + step;
        if (len > st->longest_night_s)
            st->longest_night_s = len;
        i = j;
    }
    return ILRS_OK;
}

static void summarize(ilrs_site_stats *st)
{
    double sun = 0, relay = 0, link = 0, both = 0;
    for (size_t i = 0; i < st->nsamples; i++) {
        const ilrs_site_sample *s = &st->samples[i];
        sun += s->sun_frac;
        relay += s->relay_vis;
        link += s->link;
        both += s->link && s->sun_frac > 0;
    }
    double n = (double)st->nsamples;
    st->sun_fraction = sun / n;
    st->relay_fraction = relay / n;
    st->link_fraction = link / n;
    st->sun_and_link_fraction = both / n;
}

int ilrs_site_analyze(const ilrs_ephem *e, const ilrs_site_query *q,
                      ilrs_site_stats *st, ilrs_error *err)
{
    memset(st, 0, sizeof *st);
    if (!q || !q->horizon || q->naz < 4 || !(q->step > 0) ||
        !(q->t1 >= q->t0) || !(q->site_radius_km > 0))
        return ilrs_error_set(err, ILRS_EINVAL, "bad site query (need "
                              "t1 >= t0, step > 0, a horizon)");
    double n = floor((q->t1 - q->t0) / q->step) + 1;
    if (n > ILRS_SITE_MAX_SAMPLES)
        return ilrs_error_set(err, ILRS_ELIMIT, "%.0f samples exceed the "
                              "limit of %ld", n, ILRS_SITE_MAX_SAMPLES);
    site_ctx c;
    c.me = (ilrs_frame){ILRS_FRAME_MOON_ME, MOON, 0.0};
    ilrs_site_frame(q->lat, q->lon, c.up, c.north, c.east);
    for (int k = 0; k < 3; k++)
        c.site[k] = q->site_radius_km * c.up[k];
    profile_range(q->horizon, q->naz, &c.lo, &c.hi);
    st->samples = malloc((size_t)n * sizeof *st->samples);
    if (!st->samples)
        return ilrs_error_set(err, ILRS_ENOMEM, "%.0f samples", n);
    size_t cap = 0, earth_up = 0;
    double prev[3] = {0, 0, 0};
    int nk = q->relay ? 3 : 2;
    for (size_t i = 0; i < (size_t)n; i++) {
        double m[3], t = q->t0 + (double)i * q->step;
        int s = sample_at(e, q, &c, t, &st->samples[i], m, err);
        if (s < 0) {
            ilrs_site_stats_free(st);
            return s;
        }
        st->nsamples = i + 1;
        earth_up += m[1] > 0;
        if (i > 0 && find_events(st, &cap, t - q->step, q->step, prev, m, nk))
            goto nomem;
        memcpy(prev, m, sizeof prev);
    }
    if (find_nights(st, q->step))
        goto nomem;
    summarize(st);
    st->earth_fraction = (double)earth_up / n;
    return ILRS_OK;
nomem:
    ilrs_site_stats_free(st);
    return ilrs_error_set(err, ILRS_ENOMEM, "site statistics");
}

typedef struct {
    const ilrs_dem *d;
    int col0, row0, ncol, naz;
    const float *hor;
    const double *sun, *earth;
    size_t nt;
    float *sf, *ef;
} illum_job;

static int illum_range(void *ctx, size_t begin, size_t end)
{
    illum_job *j = ctx;
    const ilrs_dem *d = j->d;
    for (size_t k = begin; k < end; k++) {
        int i = (int)(k % (size_t)j->ncol), r = (int)(k / (size_t)j->ncol);
        double lat, lon, up[3], no[3], ea[3], p[3];
        ilrs_dem_pixel_to_latlon(d, j->col0 + i + 0.5, j->row0 + r + 0.5,
                                 &lat, &lon);
        ilrs_site_frame(lat, lon, up, no, ea);
        double rs = d->info.radius_km +
                    d->h[(size_t)(j->row0 + r) * d->info.nx + j->col0 + i] /
                        1000.0;
        for (int a = 0; a < 3; a++)
            p[a] = rs * up[a];
        const float *h = j->hor + k * (size_t)j->naz;
        double lo = INFINITY, hi = -INFINITY;
        for (int a = 0; a < j->naz; a++) {
            lo = fmin(lo, h[a]);
            hi = fmax(hi, h[a]);
        }
        double sun = 0, earth = 0;
        for (size_t t = 0; t < j->nt; t++) {
            double az, el, dist;
            ilrs_topo_azel(p, up, no, ea, j->sun + 3 * t, &az, &el, &dist);
            double rho = asin(ILRS_SUN_RADIUS_KM / dist);
            if (el - rho > hi)
                sun += 1.0;
            else if (el + rho >= lo)
                sun += ilrs_disc_visible_f(h, j->naz, az, el, rho);
            ilrs_topo_azel(p, up, no, ea, j->earth + 3 * t, &az, &el, &dist);
            if (el > hi || (el >= lo && el > ilrs__horizon_at_f(h, j->naz, az)))
                earth += 1.0;
        }
        j->sf[k] = (float)(sun / (double)j->nt);
        j->ef[k] = (float)(earth / (double)j->nt);
    }
    return ILRS_OK;
}

int ilrs_illum_map(const ilrs_dem *d, int col0, int row0, int ncol, int nrow,
                   const float *hor, int naz, const double *sun_me,
                   const double *earth_me, size_t nt, int nthreads,
                   float *sun_frac, float *earth_frac, ilrs_error *err)
{
    if (!d || col0 < 0 || row0 < 0 || ncol < 1 || nrow < 1 ||
        col0 + ncol > d->info.nx || row0 + nrow > d->info.ny || nt < 1 ||
        naz < 4)
        return ilrs_error_set(err, ILRS_EINVAL, "bad illumination map "
                              "request (window or epochs)");
    illum_job j = {d, col0, row0, ncol, naz, hor, sun_me, earth_me, nt,
                   sun_frac, earth_frac};
    ilrs_parallel_for((size_t)ncol * nrow, nthreads, illum_range, &j);
    return ILRS_OK;
}
