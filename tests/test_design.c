/*
 * test_design.c -- porkchop grids and launch-window search.
 *
 * Sources of the expected values:
 *   - every grid cell checked is solved again directly (ephemeris state,
 *     ilrs_lambert_solve, v_inf by subtraction) -- the grid must add
 *     nothing of its own;
 *   - Mars 2020's launch period as NASA published it before launch:
 *     "Launch Window: July 17 - Aug. 5, 2020", landing "Feb. 18, 2021"
 *     (NASA, "Key Facts About NASA's Mars 2020 Mission",
 *     mars.nasa.gov/mars2020/mission/facts/; every date of the period
 *     lands on that day: "Regardless of the launch date, NASA targets a
 *     landing in the Jezero Crater on February 18, 2021", autoevolution.com,
 *     July 2019). The period later closed on 15 August ("the mission's
 *     launch period would have expired on Aug. 15", Aerotech News, July
 *     2020). The opportunity's least-C3 type-I departure must fall inside
 *     the planned period. Hope (2020-07-19) and Tianwen-1 (2020-07-23)
 *     launched at its start.
 *   - ESA's ExoMars 2022 launch period: "a 12-day launch window starting
 *     on 20 September 2022", so 2022-09-20 to 2022-10-01 (ESA, "The way
 *     forward to Mars", 5 October 2020, reprinted by spacemart.com): the
 *     least-C3 departure of the 2022 opportunity (tof 120-300 d) lies
 *     within two weeks before it (the window opens once C3 and DLA meet
 *     the Proton's limits).
 *     For 2020 and 2022 no published least-C3 value of the opportunity is
 *     asserted (none could be reached); for 2020 the C3 of the launch
 *     actually flown is:
 *   - Mars 2020 as flown: launch 2020-07-30 11:50 UTC, landing 2021-02-18
 *     20:55 UTC (NASA/JPL), with C3 14.49 km^2/s^2 (United Launch
 *     Alliance, "Atlas V Mars 2020 Mission Overview", July 2020,
 *     ulalaunch.com launch booklet mars2020_mobrochure_200717.pdf, as
 *     quoted in the public test suite of B612-Asteroid-Institute/
 *     adam_core): the Lambert transfer between those instants.
 *   - NASA/TM-2010-216764 (Burke, Falck and McGuire, Interplanetary
 *     Mission Design Handbook: Earth-to-Mars Mission Opportunities 2026 to
 *     2045), tables 2-5: the least-C3 ballistic transfer of each type in
 *     2026, 2028, 2031 and 2033 -- C3, dates, arrival v_inf -- against
 *     our window optimum on DE405 (see test_handbook).
 *   - the bundled catalog against the MPC and JPL element files it was
 *     taken from ($ILRS_DATA/smallbody/).
 */
#include <math.h>
#include <stdlib.h>

#include "check.h"
#include "ilrs/catalog.h"
#include "ilrs/constants.h"
#include "ilrs/design.h"
#include "ilrs/orbit.h"
#include "ilrs/smallbody.h"
#include "ilrs/time.h"

static double tdb(const char *text)
{
    double t = NAN;
    ilrs_time_parse_tdb(text, &t, NULL);
    return t;
}

static ilrs_ephem *open_ephem(void)
{
    ilrs_ephem *e = NULL;
    /* DE405 where Debian's package is installed, else analytic. */
    if (ilrs_ephem_open("de405", &e, NULL) < 0 &&
        ilrs_ephem_open("analytic", &e, NULL) < 0)
        return NULL;
    return e;
}

static ilrs_porkchop_spec mars_spec(const char *d0, const char *a0,
                                    double step_d, int revs)
{
    ilrs_porkchop_spec s = {.from = 399, .to = 499, .dep0 = tdb(d0),
                            .dep_step = step_d * ILRS_DAY_S, .arr0 = tdb(a0),
                            .arr_step = step_d * ILRS_DAY_S,
                            .max_revs = revs, .objective = ILRS_OBJ_C3};
    ilrs_budget_default(399, 499, &s.budget);
    return s;
}

/* Cells against direct solves of the same problem, every cell of a
   20 x 30 grid: with revs 0 the grid goes through the Lambert batch (in
   chunks of up to 128 cells per thread), with revs 1 one call per cell. */
static void test_cells(const ilrs_ephem *e, int revs)
{
    ilrs_porkchop_spec s = mars_spec("2020-05-01", "2020-11-01", 9.0, revs);
    ilrs_porkchop *p = NULL;
    ilrs_error err = {0, ""};
    char name[96];
    int st = ilrs_porkchop_new(20, 30, &p, &err);
    if (st == ILRS_OK)
        st = ilrs_porkchop_compute(p, e, &s, &err);
    snprintf(name, sizeof name, "porkchop compute (revs %d)", revs);
    check_int(name, st, ILRS_OK, err.msg);
    if (st != ILRS_OK) {
        ilrs_porkchop_free(p);
        return;
    }
    check_int("ephemeris once per date", (long)p->nephem, 20 + 30,
              "two batch calls: ndep + narr states");
    check_int("edges of cell (0, 29)", ilrs_porkchop_edge(p, 0, 29),
              ILRS_EDGE_DEP0 | ILRS_EDGE_ARR1, "20 x 30 grid corner");
    check_int("edges of cell (19, 0)", ilrs_porkchop_edge(p, 19, 0),
              ILRS_EDGE_DEP1 | ILRS_EDGE_ARR0, "20 x 30 grid corner");
    check_int("edges of cell (7, 12)", ilrs_porkchop_edge(p, 7, 12), 0,
              "inside");
    double worst = 0.0, worst_v = 0.0;
    int nan_mismatch = 0;
    for (size_t k = 0; k < 600; k++) {
        size_t i = k % 20, j = k / 20;
        double a[6], b[6];
        ilrs_ephem_state(e, 399, 10, p->dep_t[i], a, NULL);
        ilrs_ephem_state(e, 499, 10, p->arr_t[j], b, NULL);
        ilrs_lambert_solution sol[3];
        size_t n = 0;
        if (ilrs_lambert_solve(a, b, p->arr_t[j] - p->dep_t[i], ILRS_GM_SUN,
                               revs, 0, sol, 3, &n, NULL) < 0)
            n = 0;
        double c3 = INFINITY, va = NAN;
        for (size_t m = 0; m < n; m++) {
            double dv[3] = {sol[m].v1[0] - a[3], sol[m].v1[1] - a[4],
                            sol[m].v1[2] - a[5]};
            double c = dv[0] * dv[0] + dv[1] * dv[1] + dv[2] * dv[2];
            if (c < c3) {
                c3 = c;
                va = hypot(hypot(sol[m].v2[0] - b[3], sol[m].v2[1] - b[4]),
                           sol[m].v2[2] - b[5]);
            }
        }
        nan_mismatch += (n == 0) != (isnan(p->c3[k]) != 0);
        if (n == 0)
            continue;
        worst = fmax(worst, fabs(p->c3[k] - c3) / c3);
        worst_v = fmax(worst_v, fabs(p->vinf_arr[k] - va) / va);
    }
    /* 1e-12: with revs 1 the grid makes the same calls (rounding only);
       with revs 0 the batch's vector lanes agree with the single call to
       ~4e-15 of the heliocentric velocity (~30 km/s; tests/test_lambert.c),
       which C3 = |v1 - v_Earth|^2 ~ 10-100 km^2/s^2 amplifies by at most
       2 |v1| / v_inf ~ 60: below 3e-13, under 1e-12. */
    snprintf(name, sizeof name, "grid C3 vs direct Lambert, revs %d (max rel)",
             revs);
    check_close(name, worst, 0.0, 1e-12,
                "same states, same equations: rounding only");
    snprintf(name, sizeof name,
             "grid v_inf arr vs direct Lambert, revs %d (max rel)", revs);
    check_close(name, worst_v, 0.0, 1e-12,
                "same states, same equations: rounding only");
    snprintf(name, sizeof name, "NaN cells where direct Lambert fails, "
             "revs %d", revs);
    check_int(name, nan_mismatch, 0, "no solution, no cell");
    /* The cell loop needs no ephemeris: solve again from the states. */
    ilrs_porkchop *q = NULL;
    ilrs_porkchop_new(20, 30, &q, NULL);
    for (size_t i = 0; i < 20; i++) {
        q->dep_t[i] = p->dep_t[i];
        for (int c = 0; c < 6; c++)
            q->dep_state[6 * i + c] = p->dep_state[6 * i + c];
    }
    for (size_t j = 0; j < 30; j++) {
        q->arr_t[j] = p->arr_t[j];
        for (int c = 0; c < 6; c++)
            q->arr_state[6 * j + c] = p->arr_state[6 * j + c];
    }
    ilrs_porkchop_solve(q, &s, NULL);
    int same = 1;
    for (size_t k = 0; k < 600; k++)
        same &= (isnan(p->c3[k]) && isnan(q->c3[k])) || p->c3[k] == q->c3[k];
    check_true("grid from states alone equals the ephemeris grid", same,
               "the cells never call the ephemeris");
    check_int("no ephemeris states in the solve-only grid", (long)q->nephem,
              0, "ilrs_porkchop_solve takes the states given");
    ilrs_porkchop_free(q);
    ilrs_porkchop_free(p);
}

/* A 180-degree cell and arrival-before-departure cells are NaN. */
static void test_no_solution(void)
{
    ilrs_porkchop *p = NULL;
    ilrs_porkchop_new(2, 2, &p, NULL);
    ilrs_porkchop_spec s = {0};
    ilrs_budget_default(399, 499, &s.budget);
    double r1 = ILRS_AU_KM, r2 = 1.52 * ILRS_AU_KM;
    p->dep_t[0] = 0.0, p->dep_t[1] = 400 * ILRS_DAY_S;
    p->arr_t[0] = 250 * ILRS_DAY_S, p->arr_t[1] = 300 * ILRS_DAY_S;
    double dep[6] = {r1, 0, 0, 0, 29.8, 0}, arr[6] = {-r2, 0, 0, 0, -24.1, 0};
    for (int c = 0; c < 6; c++) {
        p->dep_state[c] = p->dep_state[6 + c] = dep[c];
        p->arr_state[c] = arr[c];
        p->arr_state[6 + c] = c == 1 ? r2 : (c == 3 ? -24.1 : 0.0);
    }
    int st = ilrs_porkchop_solve(p, &s, NULL);
    check_int("grid with a 180-degree cell", st, ILRS_OK, "no crash");
    check_true("180-degree cell is NaN", isnan(p->c3[0]) && p->revs[0] == -1,
               "Lambert: transfer plane undefined");
    check_true("90-degree cell solved", isfinite(p->c3[2]),
               "a regular geometry");
    check_true("arrival before departure is NaN",
               isnan(p->c3[1]) && isnan(p->c3[3]), "negative tof");
    check_int("cells solved", (long)p->nsolved, 1, "one regular cell");
    ilrs_porkchop_free(p);
    ilrs_porkchop *z = NULL;
    check_int("empty grid refused", ilrs_porkchop_new(0, 5, &z, NULL),
              ILRS_EINVAL, "bad input");
}

/* Multi-revolution cells never cost more than direct ones. */
static void test_revs(const ilrs_ephem *e)
{
    ilrs_porkchop *p0 = NULL, *p2 = NULL;
    ilrs_porkchop_spec s0 = mars_spec("2020-01-01", "2021-06-01", 30.0, 0);
    ilrs_porkchop_spec s2 = mars_spec("2020-01-01", "2021-06-01", 30.0, 2);
    s0.objective = s2.objective = ILRS_OBJ_DV;
    ilrs_porkchop_new(12, 24, &p0, NULL);
    ilrs_porkchop_new(12, 24, &p2, NULL);
    ilrs_porkchop_compute(p0, e, &s0, NULL);
    ilrs_porkchop_compute(p2, e, &s2, NULL);
    int ok = 1, multi = 0;
    for (size_t k = 0; k < 12 * 24; k++) {
        if (isfinite(p0->dv_total[k]))
            ok &= p2->dv_total[k] <= p0->dv_total[k] + 1e-12;
        multi += p2->revs[k] > 0;
    }
    check_true("revs 2 cells <= revs 0 cells (dv)", ok,
               "each cell keeps the best of 0..2 revolutions");
    check_true("some cells choose a multi-revolution arc", multi > 0,
               "long transfers (up to 3 years) favour them");
    ilrs_porkchop_free(p0);
    ilrs_porkchop_free(p2);
}

static ilrs_window_spec window_spec(const char *d0, const char *d1,
                                    double tmin, double tmax)
{
    ilrs_window_spec s = {.from = 399, .to = 499, .dep0 = tdb(d0),
                          .dep1 = tdb(d1), .tof_min = tmin * ILRS_DAY_S,
                          .tof_max = tmax * ILRS_DAY_S, .step = ILRS_DAY_S,
                          .objective = ILRS_OBJ_C3, .c3_max = INFINITY,
                          .dla_max = INFINITY, .vinf_arr_max = INFINITY};
    ilrs_budget_default(399, 499, &s.budget);
    return s;
}

static void test_window_constraints(const ilrs_ephem *e)
{
    ilrs_window_spec s = window_spec("2020-06-15", "2020-09-15", 150, 300);
    s.objective = ILRS_OBJ_DV;
    s.c3_max = 16.0;
    s.dla_max = 28.0 * ILRS_DEG;
    s.vinf_arr_max = 3.2;
    ilrs_window w;
    int st = ilrs_window_search(e, &s, &w, NULL);
    check_int("window search", st, ILRS_OK, "valid spec");
    check_true("window found", w.found && w.ndays > 0, "2020 opportunity");
    int ok = 1, best_ok = 1;
    double opt = ilrs_transfer_cost(&w.optimum, s.objective);
    for (size_t k = 0; k < w.ndays; k++) {
        const ilrs_transfer *t = &w.days[k];
        ok &= t->c3 <= 16.0 && fabs(t->dla) <= 28.0 * ILRS_DEG &&
              t->vinf_arr_kms <= 3.2;
        ok &= t->t_arr - t->t_dep >= 150 * ILRS_DAY_S - 1e-6 &&
              t->t_arr - t->t_dep <= 300 * ILRS_DAY_S + 1e-6;
        best_ok &= opt <= ilrs_transfer_cost(t, s.objective) + 1e-12;
    }
    check_true("every window day meets C3, DLA, v_inf arr and tof", ok,
               "the constraints given");
    check_true("refined optimum meets the constraints",
               ilrs_window_feasible(&s, &w.optimum), "the constraints given");
    check_true("refined optimum <= every day's best", best_ok,
               "refinement starts from the grid's best");
    check_true("optimum inside the departure period",
               w.optimum.t_dep >= s.dep0 - 1e-6 &&
                   w.optimum.t_dep <= s.dep1 + 1e-6,
               "bounded search");
    size_t nloose = w.ndays;
    ilrs_window_free(&w);
    s.c3_max = 14.0;
    ilrs_window_search(e, &s, &w, NULL);
    check_true("tighter C3 limit gives a shorter window",
               w.ndays < nloose, "fewer feasible days");
    ilrs_window_free(&w);
    s.c3_max = 1.0;
    ilrs_window_search(e, &s, &w, NULL);
    check_true("C3 <= 1 is never met for Mars", !w.found && w.ndays == 0,
               "Hohmann C3 to Mars is ~8.7 km^2/s^2 (Curtis ex. 8.4)");
    ilrs_window_free(&w);
    /* Revolutions only add candidates: never a worse optimum. */
    ilrs_window_spec s0 = window_spec("2020-06-15", "2020-09-15", 150, 900);
    s0.objective = ILRS_OBJ_DV;
    s0.step = 4 * ILRS_DAY_S;
    ilrs_window w0, w1;
    ilrs_window_search(e, &s0, &w0, NULL);
    s0.max_revs = 1;
    ilrs_window_search(e, &s0, &w1, NULL);
    check_true("window with revs <= 1 is no worse than direct",
               w1.found && w0.found && w1.optimum.dv_total <=
                                           w0.optimum.dv_total + 1e-3,
               "superset of candidate arcs; 1 m/s: both refinements end "
               "in the same valley, each within ~1e-6 step");
    ilrs_window_free(&w0);
    ilrs_window_free(&w1);
    s.tof_min = -5.0;
    check_int("negative tof refused", ilrs_window_search(e, &s, &w, NULL),
              ILRS_EINVAL, "bad input");
}

/* The opportunities of 2020 and 2022 against the missions flown. */
static void test_opportunities(const ilrs_ephem *e)
{
    ilrs_window w;
    ilrs_window_spec s = window_spec("2020-05-01", "2020-10-31", 120, 300);
    ilrs_window_search(e, &s, &w, NULL);
    double t = w.optimum.t_dep;
    check_true("2020 least-C3 type-I departure in Mars 2020 launch period",
               t >= tdb("2020-07-17") && t <= tdb("2020-08-06"),
               "NASA, Mars 2020 key facts: launch window 2020-07-17..08-05");
    char buf[64];
    snprintf(buf, sizeof buf, "2020 optimum C3 %.3f, DLA %.2f deg",
             w.optimum.c3, w.optimum.dla / ILRS_DEG);
    check_true(buf, w.optimum.c3 > 8.6,
               "above the circular-coplanar Hohmann C3, 2.943^2 = 8.66 "
               "km^2/s^2 (Curtis ex. 8.4); eccentric, inclined Mars in 2020 "
               "costs more");
    check_int("2020 optimum inside May-October, 120-300 d: no edge", w.edge,
              0, "departs 2020-07-19 after 193 d");
    ilrs_window_free(&w);
    /* The same opportunity searched up to 1 July, and with times of flight
       up to 150 d: the optimum sits on the last date, the longest tof. */
    s = window_spec("2020-06-01", "2020-07-01", 120, 300);
    ilrs_window_search(e, &s, &w, NULL);
    check_int("search ending 2020-07-01: optimum at the last departure",
              w.edge, ILRS_EDGE_DEP1, "least C3 departs 2020-07-19");
    ilrs_window_free(&w);
    s = window_spec("2020-05-01", "2020-10-31", 100, 150);
    ilrs_window_search(e, &s, &w, NULL);
    check_int("tof 100-150 d: optimum at the longest tof", w.edge,
              ILRS_EDGE_TOF_MAX, "least C3 takes 193 d");
    ilrs_window_free(&w);
    /* The launch flown: one cell at the launch and landing instants. */
    ilrs_porkchop_spec m =
        mars_spec("2020-07-30T11:50:00", "2021-02-18T20:55:00", 1.0, 0);
    ilrs_porkchop *p = NULL;
    if (ilrs_porkchop_new(1, 1, &p, NULL) == ILRS_OK &&
        ilrs_porkchop_compute(p, e, &m, NULL) == ILRS_OK) {
        snprintf(buf, sizeof buf, "Mars 2020 as flown: C3 %.3f km^2/s^2",
                 p->c3[0]);
        /* 0.2 km^2/s^2: what one day's shift of the launch changes C3 by
           here (14.28 on 07-29, 14.46 on 07-30, 14.65 on 07-31 at 0h,
           arrival fixed); the flown C3 is at injection, aimed at an entry
           point rather than Mars' centre. */
        check_close(buf, p->c3[0], 14.49, 0.2,
                    "ULA, Atlas V Mars 2020 Mission Overview: C3 14.49");
        check_int("a one-cell grid has no edges",
                  ilrs_porkchop_edge(p, 0, 0), 0, "dates held fixed");
    } else
        check_true("Mars 2020 as flown: porkchop cell", 0, "computed");
    ilrs_porkchop_free(p);
    s = window_spec("2022-07-01", "2022-12-31", 120, 300);
    ilrs_window_search(e, &s, &w, NULL);
    t = w.optimum.t_dep;
    check_true("2022 least-C3 departure within 14 d before ExoMars 2022",
               t >= tdb("2022-09-06") && t <= tdb("2022-10-01"),
               "ESA, The way forward to Mars: 12-day window from "
               "2022-09-20");
    ilrs_window_free(&w);
}

/*
 * Least-C3 ballistic Earth-Mars transfers of NASA/TM-2010-216764 (L. M.
 * Burke, R. D. Falck, M. L. McGuire, "Interplanetary Mission Design
 * Handbook: Earth-to-Mars Mission Opportunities 2026 to 2045", NASA Glenn,
 * October 2010): tables 2-5 (the 2026, 2028, 2031 and 2033 opportunities),
 * one row per transfer type -- type I below 180 degrees of transfer
 * angle, type II above.
 * The handbook evaluates a two-day grid of dates at 0h and prints C3 and
 * the arrival v_inf to four figures. Its C3 matches a departure from the
 * Earth-Moon barycentre (NAIF 3): from the Earth's centre our C3 at the table's
 * dates is 0.035 km^2/s^2 higher in 2026 II, the Moon swinging the
 * Earth's heliocentric velocity by up to 12.4 m/s about the barycentre
 * (2 v_inf 12.4 m/s = 0.075 km^2/s^2); from the barycentre it agrees to
 * the printed digits. So the departure body here is 3.
 * The values were read from a hand transcription of those tables (public
 * repository markbastian/allgo, test/data/imdh/earth-mars-2026-2045.edn),
 * not from the handbook's pages; the transfers between each row's own dates
 * reproduce every value used to its printed digits, which confirms the
 * transcription for these rows.
 * Each row is checked twice: the transfer between the table's own dates
 * (C3, v_inf, which side of 180 degrees), and the window search's refined
 * optimum restricted to the type by its tof range (its angle, C3, dates).
 */
typedef struct handbook_row {
    const char *name;
    const char *d0, *d1;       /* departure period searched */
    double tof_min, tof_max;   /* days: keeps the search on the type's side */
    int type;                  /* 1: angle < 180 deg, 2: > 180 deg */
    int interior;              /* 1: the type has a minimum of its own;
                                  0: its C3 falls towards the 180-degree
                                  ridge, the table's row is a grid point
                                  close to it (only that point is checked) */
    const char *dep, *arr;     /* the table's dates (0h) */
    double c3, vinf_arr;       /* the table's values (km^2/s^2, km/s) */
    const char *source;
} handbook_row;

/* Transfer angle (deg, 0..360) from the departure body at t_dep to Mars
   at t_arr, measured in the sense of the departure body's motion. */
static double transfer_angle(const ilrs_ephem *e, int from, double t_dep,
                             double t_arr)
{
    double a[6], b[6];
    if (ilrs_ephem_state(e, from, 10, t_dep, a, NULL) < 0 ||
        ilrs_ephem_state(e, 499, 10, t_arr, b, NULL) < 0)
        return NAN;
    double h[3] = {a[1] * a[5] - a[2] * a[4], a[2] * a[3] - a[0] * a[5],
                   a[0] * a[4] - a[1] * a[3]};
    double n[3] = {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2],
                   a[0] * b[1] - a[1] * b[0]};
    double ra = sqrt(a[0] * a[0] + a[1] * a[1] + a[2] * a[2]);
    double rb = sqrt(b[0] * b[0] + b[1] * b[1] + b[2] * b[2]);
    double c = (a[0] * b[0] + a[1] * b[1] + a[2] * b[2]) / (ra * rb);
    double ang = acos(fmax(-1.0, fmin(1.0, c))) / ILRS_DEG;
    return h[0] * n[0] + h[1] * n[1] + h[2] * n[2] < 0 ? 360.0 - ang : ang;
}

/* The transfer between the table's own dates, as printed. */
static void check_handbook_dates(const ilrs_ephem *e, const handbook_row *r,
                                 const ilrs_budget *b)
{
    char name[160];
    double x[6], y[6];
    ilrs_transfer t;
    double t0 = tdb(r->dep), t1 = tdb(r->arr);
    ilrs_ephem_state(e, 3, 10, t0, x, NULL);
    ilrs_ephem_state(e, 499, 10, t1, y, NULL);
    int st = ilrs_transfer_best(x, y, t0, t1, 0, ILRS_OBJ_C3, b, &t);
    double ang = transfer_angle(e, 3, t0, t1);
    snprintf(name, sizeof name, "%s table's dates: transfer angle %.1f deg",
             r->name, ang);
    check_true(name, r->type == 1 ? ang < 180.0 : ang > 180.0,
               "type I < 180 deg < type II (the handbook's definition)");
    snprintf(name, sizeof name, "%s C3 at the table's dates", r->name);
    check_close(name, st == ILRS_OK ? t.c3 : NAN, r->c3, 0.01,
                "the last printed digit (0.005) plus the handbook's "
                "ephemeris and constants, not stated in the tables");
    snprintf(name, sizeof name, "%s arrival v_inf at the table's dates",
             r->name);
    check_close(name, st == ILRS_OK ? t.vinf_arr_kms : NAN, r->vinf_arr,
                0.005, "four printed figures");
}

/* Our window optimum, searched on the type's side, against the row. */
static void check_handbook_row(const ilrs_ephem *e, const handbook_row *r)
{
    char name[160];
    ilrs_window_spec s = window_spec(r->d0, r->d1, r->tof_min, r->tof_max);
    s.from = 3;
    s.step = 2.0 * ILRS_DAY_S; /* the handbook's grid; refined after */
    check_handbook_dates(e, r, &s.budget);
    if (!r->interior)
        return;
    ilrs_window w;
    int st = ilrs_window_search(e, &s, &w, NULL);
    snprintf(name, sizeof name, "%s window search", r->name);
    check_true(name, st == ILRS_OK && w.found, "DE405, Earth-Moon barycentre");
    if (st != ILRS_OK || !w.found)
        return;
    const ilrs_transfer *o = &w.optimum;
    double ang = transfer_angle(e, 3, o->t_dep, o->t_arr);
    snprintf(name, sizeof name, "%s optimum: transfer angle %.1f deg",
             r->name, ang);
    check_true(name, r->type == 1 ? ang < 180.0 : ang > 180.0,
               "type I < 180 deg < type II (the handbook's definition)");
    snprintf(name, sizeof name, "%s optimum strictly inside the tof range",
             r->name);
    check_true(name, o->t_arr - o->t_dep > (r->tof_min + 1.0) * ILRS_DAY_S &&
               o->t_arr - o->t_dep < (r->tof_max - 1.0) * ILRS_DAY_S,
               "a minimum of the type, not the edge of the search");
    snprintf(name, sizeof name, "%s least C3 (km^2/s^2)", r->name);
    check_close(name, o->c3, r->c3, 0.02, r->source);
    snprintf(name, sizeof name, "%s departure (d from the table's)", r->name);
    check_close(name, (o->t_dep - tdb(r->dep)) / ILRS_DAY_S, 0.0, 2.5,
                "the table's 2-d grid: 2 d, plus 0.5 d along the valley's "
                "flat floor");
    snprintf(name, sizeof name, "%s arrival (d from the table's)", r->name);
    check_close(name, (o->t_arr - tdb(r->arr)) / ILRS_DAY_S, 0.0, 2.5,
                "the table's 2-d grid: 2 d, plus 0.5 d along the valley's "
                "flat floor");
    ilrs_window_free(&w);
}

static void test_handbook(void)
{
    ilrs_ephem *e = NULL;
    check_int("DE405 opens", ilrs_ephem_open("de405", &e, NULL), ILRS_OK,
              "casacore-data-jpl-de405, a build dependency");
    if (!e)
        return;
    static const handbook_row rows[] = {
        {"2026 type I", "2026-09-01", "2027-01-31", 150, 270, 1, 0,
         "2026-11-14", "2027-08-09", 11.11, 2.915,
         "NASA/TM-2010-216764 table 2: 11.11 km^2/s^2, 2026-11-14 to "
         "2027-08-09, v_inf 2.915 km/s"},
        {"2026 type II", "2026-09-01", "2027-01-31", 285, 400, 2, 1,
         "2026-10-31", "2027-08-19", 9.144, 2.729,
         "NASA/TM-2010-216764 table 2: 9.144 km^2/s^2, 2026-10-31 to "
         "2027-08-19, v_inf 2.729 km/s"},
        {"2028 type I", "2028-10-01", "2029-02-28", 150, 280, 1, 1,
         "2028-12-10", "2029-07-20", 9.048, 4.892,
         "NASA/TM-2010-216764 table 3: 9.048 km^2/s^2, 2028-12-10 to "
         "2029-07-20, v_inf 4.892 km/s"},
        {"2028 type II", "2028-10-01", "2029-02-28", 285, 400, 2, 1,
         "2028-12-02", "2029-10-16", 8.928, 3.261,
         "NASA/TM-2010-216764 table 3: 8.928 km^2/s^2, 2028-12-02 to "
         "2029-10-16, v_inf 3.261 km/s"},
        {"2031 type I", "2030-11-01", "2031-04-30", 120, 250, 1, 1,
         "2031-01-28", "2031-08-06", 9.00, 5.541,
         "NASA/TM-2010-216764 table 4: 9.00 km^2/s^2, 2031-01-28 to "
         "2031-08-06, v_inf 5.541 km/s"},
        {"2031 type II", "2030-11-01", "2031-04-30", 250, 400, 2, 1,
         "2031-02-23", "2032-01-09", 8.237, 5.53,
         "NASA/TM-2010-216764 table 4: 8.237 km^2/s^2, 2031-02-23 to "
         "2032-01-09, v_inf 5.53 km/s"},
        {"2033 type I", "2033-02-01", "2033-07-31", 120, 230, 1, 1,
         "2033-04-06", "2033-10-01", 8.412, 3.956,
         "NASA/TM-2010-216764 table 5: 8.412 km^2/s^2, 2033-04-06 to "
         "2033-10-01, v_inf 3.956 km/s"},
        {"2033 type II", "2033-02-01", "2033-07-31", 230, 400, 2, 1,
         "2033-04-28", "2034-01-27", 7.781, 4.377,
         "NASA/TM-2010-216764 table 5: 7.781 km^2/s^2, 2033-04-28 to "
         "2034-01-27, v_inf 4.377 km/s"},
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
        check_handbook_row(e, &rows[i]);
    ilrs_ephem_free(e);
}

static void test_catalog(const ilrs_ephem *e0)
{
    (void)e0;
    const char *data = getenv("ILRS_DATA");
    check_true("ILRS_DATA set", data != NULL, "set by ctest");
    if (!data)
        return;
    char nea[1024], com[1024];
    snprintf(nea, sizeof nea, "%s/smallbody/NEA-2019-07-02.txt", data);
    snprintf(com, sizeof com, "%s/smallbody/ELEMENTS.COMET", data);
    const char *names[] = {"469219", "Apophis", "Bennu", "Ryugu", "311P"};
    for (int k = 0; k < 5; k++) {
        ilrs_smallbody a, b;
        int st = ilrs_catalog_find(names[k], &a, NULL, NULL);
        int sf = ilrs_smallbody_find(k == 4 ? com : nea, names[k], &b, NULL);
        double sa[6], sb[6];
        ilrs_conic_state(&a.conic, a.epoch + 300 * ILRS_DAY_S, sa, NULL);
        ilrs_conic_state(&b.conic, b.epoch + 300 * ILRS_DAY_S, sb, NULL);
        char name[96];
        snprintf(name, sizeof name, "catalog %s vs element file (km)",
                 names[k]);
        check_true(name, st == 0 && sf == 0, "both found");
        check_close(name, hypot(hypot(sa[0] - sb[0], sa[1] - sb[1]),
                                sa[2] - sb[2]),
                    0.0, 1e-2,
                    "MPC NEA-2019-07-02 / JPL ELEMENTS.COMET; 10 m: the "
                    "catalog's Tp is one double JD (40 us at 20 km/s)");
    }
    ilrs_smallbody b;
    check_int("catalog: Kamo`oalewa by name", ilrs_catalog_find("kamooalewa",
              &b, NULL, NULL), ILRS_OK, "names ignore case and backticks");
    check_int("catalog id of 469219", b.id, 2469219, "NAIF 2000000 + number");
    check_int("catalog: 2016 HO3", ilrs_catalog_find("2016 HO3", &b, NULL,
              NULL), ILRS_OK, "provisional designation");
    check_int("catalog: unknown", ilrs_catalog_find("Vesta", &b, NULL, NULL),
              ILRS_ENOTFOUND, "not bundled");
}

static void test_targets(void)
{
    ilrs_ephem *e = NULL;
    ilrs_ephem_open("analytic", &e, NULL);
    ilrs_target t;
    ilrs_error err = {0, ""};
    check_int("resolve Mars", ilrs_target_resolve(e, "Mars", NULL, 0.0, &t,
              &err), ILRS_OK, "planet name");
    check_true("Mars is a planet", t.planet && t.id == 499, "NAIF 499");
    check_int("resolve Kamo`oalewa", ilrs_target_resolve(e, "Kamo`oalewa",
              NULL, 0.0, &t, &err), ILRS_OK, "bundled catalog");
    check_int("Kamo`oalewa id", t.id, 2469219, "catalog");
    double s[6];
    check_int("Kamo`oalewa state", ilrs_ephem_state(e, t.id, 10,
              tdb("2026-07-01"), s, NULL), ILRS_OK, "added to the ephemeris");
    check_int("resolve 469219", ilrs_target_resolve(e, "469219", NULL, 0.0,
              &t, &err), ILRS_OK, "number");
    check_int("unknown body", ilrs_target_resolve(e, "Vulcan", NULL, 0.0, &t,
              &err), ILRS_ENOTFOUND, "no such body");
    check_contains("unknown body message", err.msg, "Vulcan", "names it");
    ilrs_ephem_free(e);
    /* An SPK excerpt without Jupiter's centre gives its barycentre. */
    const char *data = getenv("ILRS_DATA");
    char spk[1024];
    snprintf(spk, sizeof spk, "%s/ephem/de421-2022-2026.bsp",
             data ? data : ".");
    if (ilrs_ephem_open(spk, &e, NULL) == ILRS_OK) {
        int st = ilrs_target_resolve(e, "Jupiter", NULL, tdb("2024-01-01"),
                                     &t, &err);
        check_true("Jupiter from an excerpt without 599 -> barycentre 5",
                   st == ILRS_OK && t.id == 5 && t.planet, err.msg);
        ilrs_ephem_free(e);
    } else {
        check_true("DE421 excerpt opens", 0, spk);
    }
}

int main(void)
{
    ilrs_ephem *e = open_ephem();
    check_true("ephemeris opens", e != NULL, "de405 or analytic");
    if (!e)
        return check_done();
    test_cells(e, 0);
    test_cells(e, 1);
    test_no_solution();
    test_revs(e);
    test_window_constraints(e);
    test_opportunities(e);
    test_handbook();
    test_catalog(e);
    test_targets();
    ilrs_ephem_free(e);
    return check_done();
}
