/* test_lambert.c -- Lambert's problem: textbook cases, every solution
   reaches r2 under Kepler propagation, and bad input. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "ilrs/constants.h"
#include "ilrs/kepler.h"
#include "ilrs/orbit.h"
#include "ilrs/vec.h"
#include "../src/orbit/lambert_simd.h"

static void textbook(void)
{
    ilrs_lambert_solution s[9];
    size_t n;
    /* Vallado, Fundamentals of Astrodynamics 4th ed., Example 7-5 (76 min
       transfer, mu 398600.4418): v1 = (2.058913, 2.915965, 0) km/s,
       v2 = (-3.451565, 0.910315, 0) km/s; printed to 1e-6. */
    double r1[3] = {15945.34, 0, 0}, r2[3] = {12214.83899, 10249.46731, 0};
    int st = ilrs_lambert_solve(r1, r2, 76 * 60.0, 398600.4418, 0, 0, s, 9,
                                &n, NULL);
    check_int("Vallado 7-5 status", st, ILRS_OK, "short-way transfer");
    check_close("lambert vallado v1x", s[0].v1[0], 2.058913, 1e-6,
                "Vallado 4th ed. ex. 7-5");
    check_close("lambert vallado v1y", s[0].v1[1], 2.915965, 1.5e-6,
                "Vallado 4th ed. ex. 7-5 (book rounding)");
    check_close("lambert vallado v2x", s[0].v2[0], -3.451565, 1e-6,
                "Vallado 4th ed. ex. 7-5");
    check_close("lambert vallado v2y", s[0].v2[1], 0.910315, 1.5e-6,
                "Vallado 4th ed. ex. 7-5 (book rounding)");
    /* Curtis, Orbital Mechanics for Engineering Students, Example 5.2:
       v1 = (-5.9925, 1.9254, 3.2456), v2 = (-3.3125, -4.1966, -0.38529). */
    double a[3] = {5000, 10000, 2100}, b[3] = {-14600, 2500, 7000};
    ilrs_lambert_solve(a, b, 3600.0, 398600.0, 0, 0, s, 9, &n, NULL);
    check_close("Curtis 5.2 v1x", s[0].v1[0], -5.9925, 5e-5, "Curtis Ex. 5.2");
    check_close("Curtis 5.2 v1z", s[0].v1[2], 3.2456, 5e-5, "Curtis Ex. 5.2");
    check_close("Curtis 5.2 v2z", s[0].v2[2], -0.38529, 5e-6, "Curtis Ex. 5.2");
}

/* Every solution, propagated from (r1, v1) for tof, lands on r2. */
static void closes(void)
{
    double r1[3] = {15945.34, 0, 0}, r2[3] = {12214.83899, 10249.46731, 300};
    ilrs_lambert_solution s[9];
    size_t n;
    int st = ilrs_lambert_solve(r1, r2, 2 * 86400.0, 398600.4418, 4, 0, s, 9,
                                &n, NULL);
    check_int("4-rev problem status", st, ILRS_OK, "long time of flight");
    check_int("solutions found (1 + 2 x 4)", (long)n, 9, "T allows 4 revs");
    double worst = 0;
    for (size_t i = 0; i < n; i++) {
        double st0[6] = {r1[0], r1[1], r1[2], s[i].v1[0], s[i].v1[1],
                         s[i].v1[2]}, end[6];
        ilrs_kepler_propagate(st0, 2 * 86400.0, 398600.4418, end, NULL);
        double d = 0;
        for (int k = 0; k < 3; k++)
            d += (end[k] - r2[k]) * (end[k] - r2[k]);
        worst = fmax(worst, sqrt(d));
    }
    check_close("every solution reaches r2 (km)", worst, 0, 1e-5,
                "independent universal-variable propagation");
}

static void bad_input(void)
{
    ilrs_lambert_solution s[3];
    size_t n;
    ilrs_error err = {0, ""};
    double r1[3] = {7000, 0, 0}, r2[3] = {-7000, 0, 0}, z[3] = {0, 0, 0};
    check_int("180 deg transfer", ilrs_lambert_solve(r1, r2, 3000, 398600, 0,
              0, s, 3, &n, &err), ILRS_EINVAL, "plane undefined");
    check_contains("180 deg message", err.msg, "give a plane normal",
                   "says why and what to do");
    check_int("zero position", ilrs_lambert_solve(z, r2, 3000, 398600, 0, 0,
              s, 3, &n, &err), ILRS_EINVAL, "r1 = 0");
    check_int("coincident positions", ilrs_lambert_solve(r1, r1, 3000,
              398600, 2, 0, s, 3, &n, &err), ILRS_EINVAL, "r1 = r2");
    check_contains("coincident message", err.msg, "same point", "says why");
    double r3[3] = {0, 7000, 0};
    check_int("negative tof", ilrs_lambert_solve(r1, r3, -5, 398600, 0, 0, s,
              3, &n, &err), ILRS_EINVAL, "tof must be > 0");
}

/* |r(tof) - r2| / |r2| after propagating (r1, v1) for tof. */
static double miss(const double r1[3], const double r2[3], double tof,
                   double mu, const ilrs_lambert_solution *s)
{
    double st0[6] = {r1[0], r1[1], r1[2], s->v1[0], s->v1[1], s->v1[2]};
    double end[6];
    if (ilrs_kepler_propagate(st0, tof, mu, end, NULL) != ILRS_OK)
        return INFINITY;
    double d[3] = {end[0] - r2[0], end[1] - r2[1], end[2] - r2[2]};
    return ilrs_vec3_norm(d) / ilrs_vec3_norm(r2);
}

/* 180 deg transfers: the Hohmann half ellipse, with a plane normal. */
static void half_turn(void)
{
    const double mu = 398600.4418, ra = 7000.0, rb = 42164.0;
    double a = 0.5 * (ra + rb), tof = ILRS_PI * sqrt(a * a * a / mu);
    /* Vis-viva (Vallado 4th ed. eq. 1-31): perigee and apogee speeds of
       the transfer ellipse; the solver only has r1, r2 and tof. */
    double vp = sqrt(mu * (2.0 / ra - 1.0 / a));
    double va = sqrt(mu * (2.0 / rb - 1.0 / a));
    ilrs_lambert_problem p = {{ra, 0, 0}, {-rb, 0, 0}, tof, mu, 0, 0,
                              {0, 0, 1}};
    ilrs_lambert_solution s[5];
    size_t n;
    ilrs_error err = {0, ""};
    int st = ilrs_lambert_problem_solve(&p, s, 5, &n, &err);
    check_int("Hohmann 180 deg with normal +z: status", st, ILRS_OK,
              "plane given by the normal");
    check_close("Hohmann v1y / vis-viva perigee speed", s[0].v1[1] / vp, 1,
                1e-12, "vis-viva; rounding of ~10 operations");
    check_close("Hohmann v1x (radial, km/s)", s[0].v1[0], 0, 1e-12 * vp,
                "apsides: no radial velocity");
    check_close("Hohmann v2y / -vis-viva apogee speed", s[0].v2[1] / va, -1,
                1e-12, "vis-viva");
    /* The normal sets the sense of motion; retrograde reverses it. */
    p.normal[2] = -1;
    ilrs_lambert_problem_solve(&p, s, 5, &n, NULL);
    check_close("normal -z: v1y = -vp", s[0].v1[1] / vp, -1, 1e-12,
                "angular momentum along the normal");
    p.normal[2] = 1;
    p.retrograde = 1;
    ilrs_lambert_problem_solve(&p, s, 5, &n, NULL);
    check_close("retrograde with normal +z: v1y = -vp", s[0].v1[1] / vp, -1,
                1e-12, "angular momentum against the normal");
    /* A tilted normal: the plane through r1 perpendicular to its part
       normal to r1, here (0, 1, 1) / sqrt 2; v1 along (0, 1, -1) / sqrt 2. */
    ilrs_lambert_problem q = {{ra, 0, 0}, {-rb, 0, 0}, tof, mu, 0, 0,
                              {0.3, 1, 1}};
    ilrs_lambert_problem_solve(&q, s, 5, &n, NULL);
    check_close("tilted plane: v1y", s[0].v1[1], vp / sqrt(2.0), 1e-11 * vp,
                "vis-viva in the plane normal to (0, 1, 1)");
    check_close("tilted plane: v1z", s[0].v1[2], -vp / sqrt(2.0), 1e-11 * vp,
                "vis-viva in the plane normal to (0, 1, 1)");
    /* Nearly opposite (sin theta = 1e-13, below ILRS_LAMBERT_COLLINEAR):
       solved in the normal's plane, and still reaches r2. */
    double eps = 1e-13;
    ilrs_lambert_problem r = {{ra, 0, 0}, {-rb, rb * eps, 0}, 5 * tof, mu,
                              2, 0, {0, 0, 1}};
    st = ilrs_lambert_problem_solve(&r, s, 5, &n, &err);
    check_int("near-180 multi-rev with normal: 5 solutions", (long)n, 5,
              "2.5 transfer periods allow 2 revolutions");
    double worst = 0;
    for (size_t i = 0; i < n; i++)
        worst = fmax(worst, miss(r.r1, r.r2, r.tof_s, mu, &s[i]));
    check_close("near-180 solutions reach r2 (relative)", worst, 0, 1e-10,
                "universal-variable propagation");
    /* Just outside the collinear limit (1e-7 rad short of 180 deg) the
       plane is r1 x r2 and the answer tends to Hohmann's. */
    double th = ILRS_PI - 1e-7;
    double r2b[3] = {rb * cos(th), rb * sin(th), 0}, r1b[3] = {ra, 0, 0};
    st = ilrs_lambert_solve(r1b, r2b, tof, mu, 0, 0, s, 5, &n, NULL);
    check_int("1e-7 rad short of 180 deg: status", st, ILRS_OK,
              "plane from r1 x r2");
    check_close("1e-7 rad short of 180 deg: v1y / vp", s[0].v1[1] / vp, 1,
                1e-6, "continuity with the Hohmann transfer");
    /* Errors. */
    ilrs_lambert_problem z = p;
    z.normal[0] = 1;
    z.normal[2] = 0;
    check_int("normal along r1", ilrs_lambert_problem_solve(&z, s, 5, &n,
              &err), ILRS_EINVAL, "plane still undefined");
    check_contains("normal along r1: message", err.msg, "parallel to r1",
                   "says why");
    ilrs_lambert_problem w = {{ra, 0, 0}, {0, rb, 0}, tof, mu, 0, 0,
                              {0, 1, 0}};
    check_int("normal in the transfer plane", ilrs_lambert_problem_solve(&w,
              s, 5, &n, &err), ILRS_EINVAL, "sense of motion undefined");
    ilrs_lambert_problem same = {{ra, 0, 0}, {rb, 0, 0}, tof, mu, 3, 0,
                                 {0, 0, 1}};
    check_int("0 deg transfer", ilrs_lambert_problem_solve(&same, s, 5, &n,
              &err), ILRS_EINVAL, "no arc");
    check_contains("0 deg message", err.msg, "same way", "says why");
}

/* Extreme times of flight and both directions: every solution closes.
   Closure bounds: up to 50 periods 1e-9 relative (the propagator's 1e-13
   time tolerance and the velocity's rounding, amplified by the arc);
   at 1e3 periods 1e-8: x is then within 3e-3 of -1, so one ulp of x is
   4e-14 of the period, ~4e-6 km over 5.8e6 s at ~10 km/s. Retrograde arcs
   under 1 min dive almost radially past the centre (a near-rectilinear
   hyperbola at ~1e3 km/s) where propagation itself is ill-conditioned:
   only their status is checked there (poliastro checks their values in
   tests/peer/test_lambert_poliastro.py). */
static void extremes(void)
{
    const double mu = 398600.4418;
    double r1[3] = {7000, 0, 0}, r2[3] = {6900 * cos(0.2), 6900 * sin(0.2),
                                          300};
    double per = 2 * ILRS_PI * sqrt(7000.0 * 7000.0 * 7000.0 / mu);
    double tofs[] = {1e-3, 0.1, 1.0, 10.0, 0.3 * per, 50 * per, 1e3 * per,
                     1e5 * per};
    double worst = 0, worst_long = 0, fastdev = 0;
    long fails = 0, hsign = 0;
    for (int retro = 0; retro <= 1; retro++)
        for (size_t k = 0; k < sizeof tofs / sizeof tofs[0]; k++) {
            ilrs_lambert_solution s[1];
            size_t n;
            if (ilrs_lambert_solve(r1, r2, tofs[k], mu, 0, retro, s, 1, &n,
                                   NULL) != ILRS_OK || n != 1) {
                fails++;
                continue;
            }
            double h[3];
            ilrs_vec3_cross(r1, s[0].v1, h);
            hsign += (h[2] < 0) != retro;
            if (retro && tofs[k] < 60)
                continue;
            if (tofs[k] <= 50 * per)
                worst = fmax(worst, miss(r1, r2, tofs[k], mu, &s[0]));
            else if (tofs[k] <= 1e3 * per)
                worst_long = fmax(worst_long,
                                  miss(r1, r2, tofs[k], mu, &s[0]));
            if (tofs[k] <= 1.0 && !retro) {
                /* Gravity bends a 1 s arc by ~g t^2 / 2 = 4 m over the
                   1.4e3 km chord: the speed is chord / tof to 1e-5. */
                double c[3] = {r2[0] - r1[0], r2[1] - r1[1], r2[2] - r1[2]};
                double v = ilrs_vec3_norm(s[0].v1) * tofs[k];
                fastdev = fmax(fastdev, fabs(v / ilrs_vec3_norm(c) - 1));
            }
        }
    check_int("1 ms to 1e5 periods, both directions: all solved", fails, 0,
              "Householder with bracketed fallback");
    check_close("up to 50 periods: all reach r2 (relative)", worst, 0, 1e-9,
                "universal-variable propagation");
    check_close("1e3 periods: reach r2 (relative)", worst_long, 0, 1e-8,
                "propagation; x near -1 limits the period to 4e-14");
    check_int("sense of motion follows the retrograde flag", hsign, 0,
              "h_z > 0 prograde");
    check_close("very short arcs fly the chord at chord / tof", fastdev, 0,
                1e-5, "straight-line limit, gravity ~ g t^2 / 2");
    /* Many revolutions: 60 periods admit 50 revolutions both branches. */
    ilrs_lambert_solution m[101];
    size_t n;
    int st = ilrs_lambert_solve(r1, r2, 60 * per, mu, 50, 1, m, 101, &n,
                                NULL);
    check_int("50 revolutions retrograde: 101 solutions", (long)n, 101,
              "T_min(50) < 60 periods for r ~ 7000 km");
    worst = 0;
    for (size_t i = 0; i < n && st == ILRS_OK; i++)
        worst = fmax(worst, miss(r1, r2, 60 * per, mu, &m[i]));
    check_close("every 50-revolution solution reaches r2", worst, 0, 1e-9,
                "universal-variable propagation");
}

/* Transfers the long way round between nearly coincident positions
   (lambda -> -1), where T's second and third derivatives grow as 1/y^3
   and 1/y^5 near x = 0 and Householder's step alone can stall short of
   the root (LAMBERT_NEWTON_GUARD). First the problem fuzz_lambert found
   (r2 10.7 km from r1 at 121 000 km; the solver stopped at x = -0.0147
   and missed r2 by 30 km; poliastro's izzo solves it), then a sweep: r2
   at 1e-5 to 1e-2 rad from r1, times of flight from 0.3 to 3 periods,
   prograde (the long way) at every width. Each solution is propagated
   back onto r2; 1e-9 is the closure bound of extremes(). A second problem
   the fuzzer found (r2 2.1 km from r1, 229 s, retrograde, so again the
   long way) takes the scalar solver 15 steps and stops 1.7e-12 from the
   root, where the velocities change by 2.4e-10 of their size; the vector
   blocks, whose first step is in single precision, had stopped elsewhere
   within the stopping rule's reach. They must follow the scalar
   solver's path wherever one step in double precision does not end the
   iteration: velocities within 1e-12 of the scalar solver's on every
   problem here, as batch_single_rev() holds on well-conditioned ones. */
static void near_full_turn(void)
{
    const double mu = 398600.4418;
    ilrs_lambert_problem p[64];
    size_t np = 0;
    ilrs_lambert_problem found = {{-70000, -70000, -70000},
                                  {-70000, -69989.318684672311, -70000},
                                  149147.09679649535, mu, 0, 0, {0, 0, 0}};
    p[np++] = found;
    ilrs_lambert_problem found2 = {
        {-69997.863736934465, -70000, -70000}, {-70000, -70000, -70000},
        228.78308595934163, mu, 0, 1, {0, 0, 0}};
    p[np++] = found2;
    double per = 2 * ILRS_PI * sqrt(7000.0 * 7000.0 * 7000.0 / mu);
    double angles[] = {1e-5, 1e-4, 1e-3, 1e-2};
    double tofs[] = {0.3, 0.6, 0.9, 1.0, 1.1, 1.5, 2.0, 3.0};
    for (size_t a = 0; a < 4; a++)
        for (size_t k = 0; k < 8; k++) {
            ilrs_lambert_problem q = {{7000, 0, 0},
                                      {7000 * cos(-angles[a]),
                                       7000 * sin(-angles[a]), 0},
                                      tofs[k] * per, mu, 0, 0, {0, 0, 0}};
            p[np++] = q;
        }
    long bad = 0;
    double worst = 0.0, apart = 0.0;
    int have = ilrs_lambert_batch_widths();
    ilrs_lambert_solution one[64];
    for (size_t i = 0; i < np; i++) {
        ilrs_lambert_solution *s = &one[i];
        size_t n;
        if (ilrs_lambert_problem_solve(&p[i], s, 1, &n, NULL) != ILRS_OK) {
            bad++;
            continue;
        }
        double m = miss(p[i].r1, p[i].r2, p[i].tof_s, mu, &s[0]);
        if (i < 2)
            check_close("near full turn: a fuzzer's problem reaches r2",
                        m, 0, 1e-9, "universal-variable propagation");
        worst = fmax(worst, m);
    }
    for (int w = 2; w <= 8; w *= 2) {
        if (!(have & w))
            continue;
        ilrs_lambert_solution s[64];
        size_t ns[64];
        int st[64];
        ilrs_lambert_solve_batch_width(p, np, s, 1, ns, st, 1, w);
        for (size_t i = 0; i < np; i++) {
            if (st[i] != ILRS_OK) {
                bad++;
                continue;
            }
            worst = fmax(worst, miss(p[i].r1, p[i].r2, p[i].tof_s, mu, &s[i]));
            double vmax = 0.0, d = 0.0;
            for (int c = 0; c < 3; c++) {
                vmax = fmax(vmax, fmax(fabs(one[i].v1[c]),
                                       fabs(one[i].v2[c])));
                d = fmax(d, fmax(fabs(s[i].v1[c] - one[i].v1[c]),
                                 fabs(s[i].v2[c] - one[i].v2[c])));
            }
            apart = fmax(apart, d / vmax);
        }
    }
    check_int("near full turn: every problem solved at every width", bad, 0,
              "single revolution, valid input");
    check_close("near full turn: velocities as single calls at every width "
                "(relative)", apart, 0, 1e-12, "the scalar solver's path");
    check_close("near full turn: every solution reaches r2 (relative)",
                worst, 0, 1e-9, "universal-variable propagation");
}

/* Eight uniform numbers in [0, 1) from a seeded linear congruential
   generator (the batch tests' problems). */
static void uniforms(unsigned *seed, double u[8])
{
    for (int j = 0; j < 8; j++) {
        *seed = *seed * 1664525u + 1013904223u;
        u[j] = (*seed >> 8) / 16777216.0;
    }
}

/* Problem i of the single-revolution sets: near-Earth positions, every
   third time of flight from 1e-3 to 1e3 periods, 30 % retrograde; a plane
   hint on 20 % of them when hints is set. */
static ilrs_lambert_problem single_rev_problem(unsigned *seed, int i,
                                               int hints)
{
    double u[8];
    uniforms(seed, u);
    double tof = i % 3 == 2 ? 5600.0 * pow(10.0, 6.0 * u[5] - 3.0)
                            : 200 + 4e4 * u[5];
    ilrs_lambert_problem q = {{7000 * (u[0] - 0.5), 7000 * (u[1] - 0.5),
                               7000}, {-9000 * u[2], 9000 * u[3],
                               -3000 * u[4]}, tof,
                              398600.4418, 0, u[6] < 0.3,
                              {0, 0, hints && u[7] < 0.2 ? 1.0 : 0.0}};
    return q;
}

/* The batch call gives, problem by problem, exactly what single calls
   give, on one thread and on all, with per-problem statuses. */
static void batch(void)
{
    enum { N = 3000, PER = 5 };
    static ilrs_lambert_problem p[N];
    static ilrs_lambert_solution one[N * PER], all[N * PER];
    static size_t n1[N], na[N];
    static int st1[N], sta[N];
    unsigned seed = 11;
    for (int i = 0; i < N; i++) {
        double u[8];
        uniforms(&seed, u);
        ilrs_lambert_problem q = {{7000 * (u[0] - 0.5), 7000 * (u[1] - 0.5),
                                   7000}, {-9000 * u[2], 9000 * u[3],
                                   -3000 * u[4]}, 200 + 4e4 * u[5],
                                  398600.4418, 2, u[6] < 0.3, {0, 0, 0}};
        p[i] = q;
    }
    p[17].tof_s = -1;                 /* bad: negative tof */
    p[2001].r2[0] = p[2001].r2[1] = p[2001].r2[2] = 0;  /* bad: r2 = 0 */
    int st = ilrs_lambert_solve_batch(p, N, one, PER, n1, st1, 1);
    check_int("batch returns the first failure's status", st, ILRS_EINVAL,
              "problem 17 has tof < 0");
    ilrs_lambert_solve_batch(p, N, all, PER, na, sta, 0);
    long mismatch = 0, bad = 0, nsols = 0;
    for (int i = 0; i < N; i++) {
        ilrs_lambert_solution s[PER];
        size_t n;
        int sti = ilrs_lambert_problem_solve(&p[i], s, PER, &n, NULL);
        bad += sti != ILRS_OK;
        mismatch += sti != st1[i] || sti != sta[i] || (sti == ILRS_OK &&
                    (n != n1[i] || n != na[i]));
        for (size_t k = 0; sti == ILRS_OK && k < n; k++) {
            nsols++;
            mismatch += memcmp(s[k].v1, one[i * PER + k].v1, sizeof s[k].v1)
                        || memcmp(s[k].v2, all[i * PER + k].v2,
                                  sizeof s[k].v2);
        }
    }
    check_int("batch: results identical to single calls (1 and all "
              "threads)", mismatch, 0, "same code, caller-owned arrays");
    check_int("batch: exactly the two bad problems fail", bad, 2,
              "tof < 0 and r2 = 0");
    check_int("batch: statuses of the bad problems", (long)st1[17] +
              sta[2001], 2L * ILRS_EINVAL, "per-problem status");
    check_true("batch: most problems have several solutions",
               nsols > 2 * N, "up to 2 revolutions");
    check_int("batch: NULL arrays refused", ilrs_lambert_solve_batch(p, N,
              NULL, PER, n1, st1, 1), ILRS_EINVAL, "argument check");
}

/* Single-revolution batches (max_revs 0) take the batch's block path at
   every width this processor has: width 2 (the scalar solver on two
   problems interleaved) must give, field by field, bit for bit what the
   single-problem call gives; the vector widths (4: AVX2, 8: AVX-512)
   iterate the same equations with their own elementary functions (within
   a few ulp), the guess and first step in single precision and the rest
   in double, so they must give the same statuses and counts and
   velocities within 1e-12 of the largest velocity: 1e-12 is over two
   orders above the differences measured (2.4e-15: a few ulp through the
   converged Householder step) and four below the 1e-8 the solver is held
   to against poliastro. The vector
   blocks, called directly, must solve every problem they are meant for
   (no plane hint, max_revs 0, valid), so that the comparison is not
   with the scalar fallback. The problems mix plane hints, bad problems, a
   multi-revolution one and a count that is not a multiple of any block;
   every third has a time of flight from 1e-3 to 1e3 periods (x from
   near -1 through Battin's series region near 1 to large hyperbolic x). */
static void batch_single_rev(void)
{
    enum { N = 2001 };
    static ilrs_lambert_problem p[N];
    static ilrs_lambert_solution one[N], all[N];
    static size_t n1[N], na[N];
    static int st1[N], sta[N];
    unsigned seed = 29;
    for (int i = 0; i < N; i++)
        p[i] = single_rev_problem(&seed, i, 1);
    p[5].tof_s = 0;                   /* bad: zero tof */
    p[6].mu = -1;                     /* bad: negative mu */
    p[1000].max_revs = 1;             /* the general path, in between */
    int have = ilrs_lambert_batch_widths();
    check_true("batch widths: the scalar pair path is always there",
               (have & 2) != 0, "ilrs_lambert_batch_widths");
    for (int w = 2; w <= 8; w *= 2) {
        if (!(have & w)) {
            printf("NOTE single-rev batch width %d: not on this processor\n",
                   w);
            check_int("single-rev batch: a missing width is refused",
                      ilrs_lambert_solve_batch_width(p, N, one, 1, n1, st1,
                                                     1, w), ILRS_EINVAL,
                      "ilrs_lambert_solve_batch_width");
            continue;
        }
        ilrs_lambert_solve_batch_width(p, N, one, 1, n1, st1, 1, w);
        ilrs_lambert_solve_batch_width(p, N, all, 1, na, sta, 0, w);
        long mismatch = 0, bad = 0, steps = 0;
        double worst = 0.0;
        for (int i = 0; i < N; i++) {
            ilrs_lambert_solution s[1];
            size_t n;
            int sti = ilrs_lambert_problem_solve(&p[i], s, 1, &n, NULL);
            bad += sti != ILRS_OK;
            mismatch += sti != st1[i] || sti != sta[i] || n != n1[i] ||
                        n != na[i];
            for (int k = 0; sti == ILRS_OK && n == 1 && k < 2; k++) {
                const ilrs_lambert_solution *b = k ? &all[i] : &one[i];
                mismatch += s[0].revs != b->revs || s[0].branch != b->branch;
                if (w == 2) {
                    mismatch += memcmp(s[0].v1, b->v1, sizeof s[0].v1) ||
                                memcmp(s[0].v2, b->v2, sizeof s[0].v2) ||
                                memcmp(&s[0].x, &b->x, sizeof s[0].x) ||
                                s[0].iters != b->iters;
                    continue;
                }
                /* x to rounding. The vector count includes the single-
                   precision step: one more where the scalar solver's
                   guess was already within the stopping threshold, one
                   either way where a step falls next to it, two more
                   where a lane started again from the double-precision
                   guess (near_full_turn()). */
                int more = b->iters - s[0].iters;
                steps += more < -1 || more > 2 ||
                         fabs(s[0].x - b->x) > 1e-12 * fmax(1.0, fabs(s[0].x));
                double vmax = 0.0, d = 0.0;
                for (int c = 0; c < 3; c++) {
                    vmax = fmax(vmax, fmax(fabs(s[0].v1[c]),
                                           fabs(s[0].v2[c])));
                    d = fmax(d, fmax(fabs(s[0].v1[c] - b->v1[c]),
                                     fabs(s[0].v2[c] - b->v2[c])));
                }
                worst = fmax(worst, d / vmax);
            }
        }
        char name[120];
        if (w > 2) {
            long meant = 0, took = 0;
            /* Two blocks of w per call, as the batch calls them. */
            for (size_t i = 0; i < N; i += 2 * (size_t)w) {
                size_t m = N - i < 2 * (size_t)w ? N - i : 2 * (size_t)w;
                unsigned got = w == 4
                    ? ilrs__lambert_block4(p + i, m, one + i, 1)
                    : ilrs__lambert_block8(p + i, m, one + i, 1);
                for (size_t j = 0; j < m; j++) {
                    const ilrs_lambert_problem *q = &p[i + j];
                    meant += q->normal[2] == 0.0 && q->max_revs == 0 &&
                             i + j != 5 && i + j != 6;
                    took += got >> j & 1;
                }
            }
            snprintf(name, sizeof name, "single-rev batch width %d: the "
                     "vector block solves all it is meant for", w);
            check_int(name, took, meant, "no fallback to the scalar path");
        }
        snprintf(name, sizeof name, "single-rev batch width %d: statuses, "
                 "counts and branches as single calls", w);
        check_int(name, mismatch, 0, w == 2 ? "same operations, bit for bit"
                  : "same equations and stopping rule");
        if (w > 2) {
            snprintf(name, sizeof name, "single-rev batch width %d: "
                     "velocities as single calls (relative)", w);
            check_close(name, worst, 0.0, 1e-12,
                        "elementary functions within a few ulp; 1e-4 of "
                        "the peer bound");
            snprintf(name, sizeof name, "single-rev batch width %d: x and "
                     "iterations as single calls", w);
            check_int(name, steps, 0, "x within 1e-12, steps -1 to +2");
        }
        snprintf(name, sizeof name, "single-rev batch width %d: exactly "
                 "the two bad problems fail", w);
        check_int(name, bad, 2, "tof = 0 and mu < 0");
        snprintf(name, sizeof name, "single-rev batch width %d: statuses "
                 "of the bad problems", w);
        check_int(name, (long)st1[5] + sta[6], 2L * ILRS_EINVAL,
                  "per-problem status");
    }
}

/* The arrays form (one array per coordinate) at every width this
   processor has, against single calls problem by problem: the same
   statuses; velocities bit for bit at width 2 and within 1e-12 at the
   vector widths (the bounds of batch_single_rev: the same blocks); NaN
   velocities for the failed problems. The problems are
   batch_single_rev's kind without plane hints, one GM for all, a third
   retrograde, a count that is not a multiple of any block, and three bad
   ones: zero tof, r2 = 0, and r2 along r1 (collinear, refused without a
   plane normal). */
static void arrays_single_rev(void)
{
    enum { N = 1003 };
    static double c[9][N], v[6][N];
    static int retro[N], st[N];
    static ilrs_lambert_problem p[N];
    unsigned seed = 31;
    for (int i = 0; i < N; i++)
        p[i] = single_rev_problem(&seed, i, 0);
    p[7].tof_s = 0.0;
    p[8].r2[0] = p[8].r2[1] = p[8].r2[2] = 0.0;
    for (int k = 0; k < 3; k++)
        p[9].r2[k] = 2.0 * p[9].r1[k];
    for (int i = 0; i < N; i++) {
        for (int k = 0; k < 3; k++) {
            c[k][i] = p[i].r1[k];
            c[3 + k][i] = p[i].r2[k];
        }
        c[6][i] = p[i].tof_s;
        retro[i] = p[i].retrograde;
    }
    ilrs_lambert_arrays a = {N, {c[0], c[1], c[2]}, {c[3], c[4], c[5]},
                             c[6], 398600.4418, retro,
                             {v[0], v[1], v[2]}, {v[3], v[4], v[5]}, st};
    int have = ilrs_lambert_batch_widths();
    char name[120];
    for (int w = 2; w <= 8; w *= 2) {
        if (!(have & w)) {
            snprintf(name, sizeof name, "arrays width %d: refused where "
                     "missing", w);
            check_int(name, ilrs_lambert_solve_arrays(&a, 1, w), ILRS_EINVAL,
                      "ilrs_lambert_solve_arrays");
            continue;
        }
        if (w > 2) {
            long took = 0;
            /* Two blocks of w per call, as the batch calls them. */
            for (size_t i = 0; i < N; i += 2 * (size_t)w) {
                size_t m = N - i < 2 * (size_t)w ? N - i : 2 * (size_t)w;
                unsigned got = w == 4 ? ilrs__lambert_arrays4(&a, i, m)
                                      : ilrs__lambert_arrays8(&a, i, m);
                for (size_t j = 0; j < m; j++)
                    took += got >> j & 1;
            }
            snprintf(name, sizeof name, "arrays width %d: the vector block "
                     "solves all but the 3 bad problems", w);
            check_int(name, took, N - 3, "no fallback to the scalar path");
        }
        for (int threads = 1; threads >= 0; threads--) {
            int ret = ilrs_lambert_solve_arrays(&a, threads, w);
            long mismatch = 0, nan_bad = 0;
            double worst = 0.0;
            for (int i = 0; i < N; i++) {
                ilrs_lambert_solution s[1];
                size_t n = 0;
                int sti = ilrs_lambert_problem_solve(&p[i], s, 1, &n, NULL);
                mismatch += sti != st[i];
                if (sti != ILRS_OK) {
                    for (int k = 0; k < 6; k++)
                        nan_bad += !isnan(v[k][i]);
                    continue;
                }
                double vmax = 0.0, d = 0.0;
                for (int k = 0; k < 3; k++) {
                    vmax = fmax(vmax,
                                fmax(fabs(s[0].v1[k]), fabs(s[0].v2[k])));
                    d = fmax(d, fmax(fabs(s[0].v1[k] - v[k][i]),
                                     fabs(s[0].v2[k] - v[3 + k][i])));
                }
                worst = fmax(worst, d / vmax);
            }
            snprintf(name, sizeof name, "arrays width %d, %s: statuses as "
                     "single calls", w, threads ? "1 thread" : "all threads");
            check_int(name, mismatch, 0, "same blocks and fallback");
            snprintf(name, sizeof name, "arrays width %d: returns the first "
                     "failure", w);
            check_int(name, ret, ILRS_EINVAL, "problem 7: zero tof");
            snprintf(name, sizeof name, "arrays width %d: NaN velocities "
                     "for the 3 failed problems", w);
            check_int(name, nan_bad + (st[7] != ILRS_OK) +
                                (st[8] != ILRS_OK) + (st[9] != ILRS_OK),
                      3, "tof 0, r2 0, collinear");
            snprintf(name, sizeof name, "arrays width %d, %s: velocities as "
                     "single calls (relative)", w,
                     threads ? "1 thread" : "all threads");
            check_close(name, worst, 0.0, w == 2 ? 0.0 : 1e-12,
                        w == 2 ? "bit for bit" : "batch_single_rev's bound");
        }
    }
    a.retrograde = NULL;
    ilrs_lambert_solve_arrays(&a, 1, 0);
    ilrs_lambert_solution s[1];
    size_t n = 0;
    int i3 = 0;
    while (!retro[i3] || i3 < 10)
        i3++;
    p[i3].retrograde = 0;
    ilrs_lambert_problem_solve(&p[i3], s, 1, &n, NULL);
    check_close("arrays: retrograde NULL means prograde",
                fabs(s[0].v1[0] - v[0][i3]) / fabs(s[0].v1[0]), 0.0, 1e-12,
                "a retrograde problem solved prograde");
    a.r2[1] = NULL;
    check_int("arrays: a NULL array refused",
              ilrs_lambert_solve_arrays(&a, 1, 0), ILRS_EINVAL,
              "argument check");
}

int main(void)
{
    textbook();
    closes();
    bad_input();
    half_turn();
    extremes();
    near_full_turn();
    batch();
    batch_single_rev();
    arrays_single_rev();
    return check_done();
}
