/* fuzz_lambert.c -- the Lambert solver and the element conversions on
   arbitrary numbers. First byte even: raw float64 fields (NaN, infinities,
   denormals, huge values): any status, but never a crash, and on success
   only finite velocities. First byte odd: bytes scaled into sensible
   problems (radii 0.1-10 units, tof 1e-3-1e3 periods, 0-5 revolutions,
   either direction, sometimes a normal): then the solver must succeed
   unless r1 and r2 are collinear, and every solution must reach r2
   under Kepler propagation. Either way the batch call must give
   the single call's result: bit for bit at width 2, to rounding at the
   vector widths (below); so must the arrays form. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ilrs/kepler.h"
#include "ilrs/orbit.h"
#include "ilrs/vec.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static double raw(const uint8_t *d)
{
    double x;
    memcpy(&x, d, sizeof x);
    return x;
}

/* Two bytes to [lo, hi]. */
static double scaled(const uint8_t *d, double lo, double hi)
{
    return lo + (hi - lo) * ((d[0] << 8 | d[1]) / 65535.0);
}

/* Whether (r1, v1) propagated for tof misses r2 by more than 1e-6 of
   |r2|. Not judged for a conic whose periapsis is below 1e-3 of the
   smaller radius: the propagation itself is ill-conditioned so near a
   collision with the central mass (a 66 s flight swept 297 deg past a
   periapsis of metres; poliastro's izzo gives the same velocity, and a
   numerical integration reaches r2 from it, yet universal variables
   missed by 1e-3). */
static int misses(const ilrs_lambert_problem *p,
                  const ilrs_lambert_solution *s)
{
    double st0[6] = {p->r1[0], p->r1[1], p->r1[2],
                     s->v1[0], s->v1[1], s->v1[2]}, end[6], d[3];
    double r2n = ilrs_vec3_norm(p->r2);
    ilrs_elements el;
    if (ilrs_elements_from_state(st0, p->mu, &el, NULL) != ILRS_OK ||
        el.p / (1.0 + el.e) <  /* periapsis; refused: rectilinear, 0 */
            1e-3 * fmin(ilrs_vec3_norm(p->r1), r2n))
        return 0;
    if (ilrs_kepler_propagate(st0, p->tof_s, p->mu, end, NULL) != ILRS_OK)
        return 1;
    for (int k = 0; k < 3; k++)
        d[k] = end[k] - p->r2[k];
    return !(ilrs_vec3_norm(d) <= 1e-6 * r2n);
}

static void check(const ilrs_lambert_problem *p, int sensible)
{
    ilrs_lambert_solution s[11];
    size_t n = 99;
    int st = ilrs_lambert_problem_solve(p, s, 11, &n, NULL);
    if (st == ILRS_OK) {
        if (n > 11)
            abort();
        for (size_t i = 0; i < n; i++)
            for (int k = 0; k < 3; k++)
                if (!isfinite(s[i].v1[k]) || !isfinite(s[i].v2[k]))
                    abort();
        /* A sensible problem's every solution must reach r2: (r1, v1)
           propagated for tof by universal variables lands within 1e-6 of
           |r2| (test_lambert holds 1e-9 up to 50 periods and 1e-8 at
           1e3; a false convergence misses by far more). */
        for (size_t i = 0; sensible && i < n; i++)
            if (misses(p, &s[i]))
                abort();
    } else if (n != 0 || (sensible && st != ILRS_EINVAL)) {
        abort();
    }
    /* The batch call on the same problem at width 2 (the scalar solver,
       two problems interleaved): the same status, count and bits. */
    ilrs_lambert_solution b[11];
    size_t nb = 99;
    int stb = 99;
    ilrs_lambert_solve_batch_width(p, 1, b, 11, &nb, &stb, 1, 2);
    if (stb != st || nb != n)
        abort();
    for (size_t i = 0; st == ILRS_OK && i < n; i++)
        if (memcmp(s[i].v1, b[i].v1, sizeof s[i].v1) ||
            memcmp(s[i].v2, b[i].v2, sizeof s[i].v2) || s[i].x != b[i].x ||
            s[i].iters != b[i].iters)
            abort();
    /* Every vector width the processor has (one problem per lane of an
       AVX2 or AVX-512 vector): success means finite velocities; for a
       sensible problem the single call's status and count, and velocities
       within 1e-10 of the largest (the blocks' elementary functions are
       within a few ulp, and where one step in double precision after
       their single-precision first step does not end the iteration they
       start again on the scalar solver's path; test_lambert measures
       2.4e-15, and 3.6e-13 near lambda = -1). A raw problem at the edge of
       double precision may resolve differently by a rounding, so there
       only success is checked. */
    for (int w = 4; w <= 8; w *= 2) {
        if (!(ilrs_lambert_batch_widths() & w))
            continue;
        nb = 99;
        stb = 99;
        ilrs_lambert_solve_batch_width(p, 1, b, 11, &nb, &stb, 1, w);
        for (size_t i = 0; stb == ILRS_OK && i < nb; i++)
            for (int k = 0; k < 3; k++)
                if (!isfinite(b[i].v1[k]) || !isfinite(b[i].v2[k]))
                    abort();
        if (!sensible)
            continue;
        if (stb != st || nb != n)
            abort();
        for (size_t i = 0; st == ILRS_OK && i < n; i++) {
            double vmax = 0.0, d = 0.0;
            for (int k = 0; k < 3; k++) {
                vmax = fmax(vmax, fmax(fabs(s[i].v1[k]), fabs(s[i].v2[k])));
                d = fmax(d, fmax(fabs(s[i].v1[k] - b[i].v1[k]),
                                 fabs(s[i].v2[k] - b[i].v2[k])));
            }
            if (d > 1e-10 * vmax)
                abort();
        }
    }
    /* The arrays form, for a single-revolution problem without a plane
       hint: at width 2 the single call's status and bits; at the vector
       widths finite velocities on success and, for a sensible problem,
       its status and velocities within 1e-10 (as above). */
    if (p->max_revs == 0 && p->normal[0] == 0.0 && p->normal[1] == 0.0 &&
        p->normal[2] == 0.0) {
        double v[6];
        int sta = 99, retro = p->retrograde;
        ilrs_lambert_arrays a = {1, {&p->r1[0], &p->r1[1], &p->r1[2]},
                                 {&p->r2[0], &p->r2[1], &p->r2[2]},
                                 &p->tof_s, p->mu, &retro,
                                 {&v[0], &v[1], &v[2]}, {&v[3], &v[4], &v[5]},
                                 &sta};
        for (int w = 2; w <= 8; w *= 2) {
            if (!(ilrs_lambert_batch_widths() & w))
                continue;
            sta = 99;
            ilrs_lambert_solve_arrays(&a, 1, w);
            for (int k = 0; sta == ILRS_OK && k < 6; k++)
                if (!isfinite(v[k]))
                    abort();
            if (w > 2 && !sensible)
                continue;
            if (sta != st)
                abort();
            double vmax = 0.0, d = 0.0;
            for (int k = 0; st == ILRS_OK && k < 3; k++) {
                vmax = fmax(vmax, fmax(fabs(s[0].v1[k]), fabs(s[0].v2[k])));
                d = fmax(d, fmax(fabs(s[0].v1[k] - v[k]),
                                 fabs(s[0].v2[k] - v[3 + k])));
            }
            if (d > (w == 2 ? 0.0 : 1e-10 * vmax))
                abort();
        }
    }
    /* The state at r1 as elements and back. */
    double st0[6] = {p->r1[0], p->r1[1], p->r1[2], p->r2[0] * 1e-3,
                     p->r2[1] * 1e-3, p->r2[2] * 1e-3}, back[6];
    ilrs_elements el;
    if (ilrs_elements_from_state(st0, p->mu, &el, NULL) == ILRS_OK &&
        ilrs_elements_state(&el, p->mu, back, NULL) == ILRS_OK &&
        sensible)
        for (int k = 0; k < 6; k++)
            if (!isfinite(back[k]))
                abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ilrs_lambert_problem p;
    memset(&p, 0, sizeof p);
    if (size >= 1 + 11 * 8 && !(data[0] & 1)) {
        const uint8_t *d = data + 1;
        for (int k = 0; k < 3; k++) {
            p.r1[k] = raw(d + 8 * k);
            p.r2[k] = raw(d + 24 + 8 * k);
            p.normal[k] = raw(d + 64 + 8 * k);
        }
        p.tof_s = raw(d + 48);
        p.mu = raw(d + 56);
        p.max_revs = (int)(size % 7) - 1;
        p.retrograde = data[size - 1] & 1;
        check(&p, 0);
    } else if (size >= 1 + 18 && (data[0] & 1)) {
        const uint8_t *d = data + 1;
        double scale = 7000.0, mu = 398600.4418;
        for (int k = 0; k < 3; k++) {
            p.r1[k] = scaled(d + 2 * k, -10, 10) * scale;
            p.r2[k] = scaled(d + 6 + 2 * k, -10, 10) * scale;
        }
        double period = 2 * 3.141592653589793 * sqrt(scale * scale * scale /
                                                     mu);
        p.tof_s = pow(10.0, scaled(d + 12, -3, 3)) * period;
        p.mu = mu;
        p.max_revs = d[14] % 6;
        p.retrograde = d[15] & 1;
        if (d[16] & 1)
            p.normal[2] = 1.0;
        double r1n = sqrt(p.r1[0] * p.r1[0] + p.r1[1] * p.r1[1] +
                          p.r1[2] * p.r1[2]);
        double r2n = sqrt(p.r2[0] * p.r2[0] + p.r2[1] * p.r2[1] +
                          p.r2[2] * p.r2[2]);
        if (r1n < 0.1 * scale || r2n < 0.1 * scale)
            return 0;  /* outside the sensible range */
        check(&p, 1);
    }
    return 0;
}
