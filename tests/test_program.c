/* test_program.c -- program files: units, validation messages (each one),
   export round trip, budget checks, and the GLPK allocation against
   exhaustive enumeration on small random instances. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "ilrs/program.h"

static const char good[] =
    "program: {id: P, name: Test program}\n"
    "phases:\n"
    "  - {id: ph1, name: One, from: 2020, to: 2030}\n"
    "partners:\n"
    "  - {id: AG, name: Agency, country: Nowhere, kind: agency}\n"
    "vehicles:\n"
    "  - id: LV\n"
    "    name: Launcher\n"
    "    status: operational\n"
    "    fairing_diameter: 5200 mm\n"
    "    performance: [{c3: -2 km2/s2, mass: 8.2 t}, [10, 5000]]\n"
    "launch_sites:\n"
    "  - {id: LS, name: Site, lat: 19.614, lon: 110.951}\n"
    "landing_sites:\n"
    "  - {id: SP, name: Pole, lat: 89.5 S, lon: 200, region: south-pole,\n"
    "     illumination: mixed}\n"
    "missions:\n"
    "  - id: M1\n"
    "    name: Lander\n"
    "    lead: AG\n"
    "    phase: ph1\n"
    "    type: [lander, rover]\n"
    "    target: Moon\n"
    "    vehicle: LV\n"
    "    launch_site: LS\n"
    "    launch: {from: 2026-08, to: 2026-12-31}\n"
    "    landing_site: SP\n"
    "    status: approved\n"
    "    budget: {mass: 0.1 t, power_avg: 1.5 kW, power_peak: 2 kW,\n"
    "             data: 2 Gbit/day, volume: 0.3 m3, accommodation: surface,\n"
    "             night_survival: true}\n"
    "payloads:\n"
    "  - {id: PL, name: Probe, partner: AG, mass: 500 g, power_avg: 2 W,\n"
    "     needs: surface, status: proposed, preferred: [M1], priority: 2,\n"
    "     score: 3.5}\n";

static void test_units(void)
{
    ilrs_program *p;
    ilrs_diag d = {0};
    ilrs_error err = {0, ""};
    int st = ilrs_program_parse(good, sizeof good - 1, "good.yaml", 0, &p, &d,
                                &err);
    check_int("good file loads", st, ILRS_OK, err.msg);
    if (st)
        return;
    char buf[256];
    /* Unit factors: SI prefixes (BIPM SI brochure, 9th ed.), 1 byte = 8
       bit, MB = 10^6 byte (IEC 80000-13), L = dm^3. */
    ilrs_program_field(p, "M1", "budget.data", buf, sizeof buf);
    check_str("2 Gbit/day in MB/day", buf, "250 MB/day",
              "2e9 bit / 8 = 2.5e8 byte = 250 MB");
    ilrs_program_field(p, "M1", "budget.mass", buf, sizeof buf);
    check_str("0.1 t in kg", buf, "100 kg", "1 t = 1000 kg");
    ilrs_program_field(p, "M1", "budget.power_avg", buf, sizeof buf);
    check_str("1.5 kW in W", buf, "1500 W", "1 kW = 1000 W");
    ilrs_program_field(p, "M1", "budget.volume", buf, sizeof buf);
    check_str("0.3 m3 in L", buf, "300 L", "1 m3 = 1000 L");
    ilrs_program_field(p, "PL", "mass", buf, sizeof buf);
    check_str("500 g in kg", buf, "0.5 kg", "1 g = 0.001 kg");
    ilrs_program_field(p, "SP", "lat", buf, sizeof buf);
    check_str("89.5 S", buf, "-89.5 deg", "south is negative");
    ilrs_program_field(p, "SP", "lon", buf, sizeof buf);
    check_str("lon 200 -> -160", buf, "-160 deg", "200 E = 160 W");
    ilrs_program_field(p, "LV", "fairing_diameter", buf, sizeof buf);
    check_str("5200 mm in m", buf, "5.2 m", "1 mm = 0.001 m");
    ilrs_program_field(p, "LV", "performance", buf, sizeof buf);
    check_str("C3 table (two row forms)", buf,
              "C3 -2 km2/s2: 8200 kg; C3 10 km2/s2: 5000 kg",
              "8.2 t = 8200 kg; [c3, mass] rows");
    double t0, t1;
    st = ilrs_program_launch(p, "M1", &t0, &t1);
    check_int("launch window read", st, ILRS_OK, "window from/to");
    /* 2026-08-01 to 2027-01-01 (end of 2026-12-31) is 153 days. */
    check_close("window length (d)", (t1 - t0) / 86400.0, 153.0, 1e-6,
                "Aug 31 + Sep 30 + Oct 31 + Nov 30 + Dec 31 = 153 d");
    ilrs_program_free(p);
    ilrs_diag_free(&d);
}

/* Each line of `bad` breaks one rule; every problem must be reported in
   one run, each with its line and column. */
static const char bad[] =
    "program: {id: P, name: Bad}\n"                                      /* 1 */
    "phases:\n"                                                          /* 2 */
    "  - {id: ph1, name: One, from: 2030, to: 2020}\n"                   /* 3 */
    "partners:\n"                                                        /* 4 */
    "  - {id: AG, name: Agency, country: X, kind: agncy}\n"              /* 5 */
    "  - {id: AG, name: Again, country: X, kind: agency}\n"              /* 6 */
    "missions:\n"                                                        /* 7 */
    "  - id: M1\n"                                                       /* 8 */
    "    name: One\n"                                                    /* 9 */
    "    lead: NOPE\n"                                                   /* 10 */
    "    type: lander\n"                                                 /* 11 */
    "    target: Moon\n"                                                 /* 12 */
    "    launch: 2025-02-30\n"                                           /* 13 */
    "    status: approved\n"                                             /* 14 */
    "    budget: {mass: heavy, power_avg: 10 W, power_peak: 5 W, accommodation: surface}\n" /* 15 */
    "    lanch: 2026\n"                                                  /* 16 */
    "  - id: M2\n"                                                       /* 17 */
    "    name: Two\n"                                                    /* 18 */
    "    lead: AG\n"                                                     /* 19 */
    "    type: orbiter\n"                                                /* 20 */
    "    target: Moon\n"                                                 /* 21 */
    "    launch: {from: 2027, to: 2026}\n"                               /* 22 */
    "    status: approved\n"                                             /* 23 */
    "    vehicle: M1\n"                                                  /* 24 */
    "    budget: {mass: 5 lb, accommodation: surface}\n"                 /* 25 */
    "payloads:\n"                                                        /* 26 */
    "  - {id: PL, name: P, partner: AG, mass: 1 kg, needs: surface, status: flown}\n" /* 27 */
    "  - {id: PL2, name: Q, partner: AG, mass: [1], needs: surface, status: proposed, name: R}\n" /* 28 */
    "  - {id: PL3, name: S, mass: 1 kg, needs: surface, status: proposed, night_survival: maybe}\n" /* 29 */
    "rockets: []\n";                                                     /* 30 */

static void test_messages(void)
{
    ilrs_program *p;
    ilrs_diag d = {0};
    ilrs_error err = {0, ""};
    int st = ilrs_program_parse(bad, sizeof bad - 1, "bad.yaml", 0, &p, &d,
                                &err);
    check_int("bad file status", st, ILRS_EFORMAT, "every rule broken");
    check_true("bad file: no program returned", p == NULL, "on error");
    static const struct {
        const char *needle, *why;
    } want[] = {
        {"bad.yaml:3:", "phase ends (2020) before it starts (2030)"},
        {"bad.yaml:5:46: partners[0] (AG): kind: expected one of: agency "
         "company university institute government organisation; found "
         "'agncy'", "enum"},
        {"bad.yaml:6:", "duplicate id 'AG' (already used by the partner at "
                        "line 5)"},
        {"bad.yaml:10:11: mission M1: lead: unknown partner 'NOPE'",
         "dangling reference"},
        {"bad.yaml:13:13: missions[0] (M1): launch: expected a date",
         "impossible date"},
        {"'2025-02-30' (no such date)", "impossible date named"},
        {"bad.yaml:15:", "mass: expected a mass: a number in kg"},
        {"found 'heavy'", "wrong type"},
        {"peak power 5 W is below the average 10 W", "peak < average"},
        {"bad.yaml:16:5: missions[0] (M1): unknown key 'lanch' (did you mean "
         "'launch'?)", "unknown key with suggestion"},
        {"bad.yaml:22:", "window ends (2026) before it starts (2027)"},
        {"bad.yaml:24:14: mission M2: vehicle: 'M1' is a mission; expected a "
         "vehicle", "reference to the wrong kind"},
        {"bad.yaml:25:", "unknown unit 'lb' for a mass: use kg, g or t"},
        {"bad.yaml:27:", "status 'flown' needs 'assigned: MISSION'"},
        {"bad.yaml:28:", "mass: expected a mass: a number in kg, or 'NUMBER "
                         "UNIT' with UNIT kg, g or t; found a list"},
        {"key 'name' given twice (first at line 28)", "duplicate key"},
        {"bad.yaml:29:", "missing required field 'partner'"},
        {"night_survival: expected true or false; found 'maybe'", "bool"},
        {"bad.yaml:30:1: unknown section 'rockets'", "unknown section"},
    };
    size_t nwant = sizeof want / sizeof want[0];
    for (size_t i = 0; i < nwant; i++) {
        const char *hit = NULL;
        for (size_t k = 0; k < d.n && !hit; k++)
            if (strstr(d.msg[k], want[i].needle))
                hit = d.msg[k];
        char name[160];
        snprintf(name, sizeof name, "message: %.120s", want[i].needle);
        check_true(name, hit != NULL, want[i].why);
    }
    /* Two needles share a message twice (launch date, mass 'heavy'). */
    check_int("problems reported in one run", (long)d.n, 17,
              "17 broken rules in the file, each reported once");
    for (size_t k = 0; k < d.n; k++)
        printf("  | %s\n", d.msg[k]);
    ilrs_diag_free(&d);
}

static void test_syntax(void)
{
    ilrs_program *p;
    ilrs_diag d = {0};
    ilrs_error err = {0, ""};
    const char y[] = "program: {id: P, name: X}\nmissions:\n  - {id: M, name: [}\n";
    int st = ilrs_program_parse(y, sizeof y - 1, "s.yaml", 0, &p, &d, &err);
    check_int("YAML syntax error status", st, ILRS_EFORMAT, "libyaml");
    check_contains("YAML syntax error position", err.msg, "s.yaml:3:",
                   "line of the broken flow sequence");
    ilrs_diag_free(&d);
    const char j[] = "{\"program\": {\"id\": \"P\", \"name\": \"X\"},\n"
                     "\"partners\": [ {\"id\": \"A\", } ]}";
    st = ilrs_program_parse(j, sizeof j - 1, "s.json", 1, &p, &d, &err);
    check_int("JSON syntax error status", st, ILRS_EFORMAT, "jansson");
    check_contains("JSON syntax error position", err.msg, "s.json:2:",
                   "line of the trailing comma");
    ilrs_diag_free(&d);
    const char bomb[] =
        "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
        "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
        "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
        "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
        "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\n"
        "f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
        "g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]\n";
    st = ilrs_program_parse(bomb, sizeof bomb - 1, "bomb.yaml", 0, &p, &d,
                            &err);
    check_int("alias expansion bounded", st, ILRS_ELIMIT,
              "10^7 nodes > the 4 million node limit");
    ilrs_diag_free(&d);
    st = ilrs_program_parse("", 0, "empty.yaml", 0, &p, &d, &err);
    check_int("empty file", st, ILRS_EFORMAT, "nothing to read");
    check_contains("empty file message", err.msg, "empty", "says so");
    ilrs_diag_free(&d);
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *b = malloc((size_t)n + 1);
    if (b && fread(b, 1, (size_t)n, f) != (size_t)n) {
        free(b);
        b = NULL;
    }
    fclose(f);
    if (b)
        b[n] = '\0';
    *len = (size_t)n;
    return b;
}

static void test_round_trip(void)
{
    const char *src = getenv("ILRS_SOURCE");
    char path[1024];
    snprintf(path, sizeof path, "%s/examples/ilrs.yaml", src ? src : "..");
    ilrs_program *p, *q;
    ilrs_diag d = {0};
    ilrs_error err = {0, ""};
    int st = ilrs_program_load(path, &p, &d, &err);
    check_int("example loads", st, ILRS_OK, err.msg);
    if (st)
        return;
    for (int json = 0; json < 2; json++) {
        char *text;
        size_t len;
        st = ilrs_program_export(p, json, &text, &len, &err);
        check_int(json ? "export json" : "export yaml", st, ILRS_OK, err.msg);
        st = ilrs_program_parse(text, len, "export", json, &q, &d, &err);
        check_int(json ? "json export loads" : "yaml export loads", st,
                  ILRS_OK, err.msg);
        if (!st) {
            check_true(json ? "load(export json) == program"
                            : "load(export yaml) == program",
                       ilrs_program_equal(p, q), "round trip is exact");
            char *again;
            size_t len2;
            ilrs_program_export(q, json, &again, &len2, &err);
            check_true("export is a fixed point", len == len2 &&
                       memcmp(text, again, len) == 0, "same bytes twice");
            free(again);
            ilrs_program_free(q);
        }
        free(text);
    }
    size_t n;
    char *raw = slurp(path, &n);
    check_true("example readable", raw != NULL, path);
    ilrs_program_free(p);
    free(raw);
    ilrs_diag_free(&d);
}

static void test_check(void)
{
    static const char t[] =
        "program: {id: P, name: X}\n"
        "partners: [{id: A, name: A, country: X, kind: agency}]\n"
        "missions:\n"
        "  - {id: ORB, name: O, lead: A, type: orbiter, target: Moon, "
        "launch: 2027, status: approved,\n"
        "     budget: {mass: 10 kg, power_avg: 20 W, accommodation: orbit}}\n"
        "payloads:\n"
        "  - {id: S1, name: S, partner: A, mass: 6 kg, power_avg: 5 W, "
        "needs: surface, status: proposed, assigned: ORB}\n"
        "  - {id: O1, name: O, partner: A, mass: 7 kg, power_avg: 5 W, "
        "needs: orbit, status: proposed, assigned: ORB}\n";
    ilrs_program *p;
    ilrs_diag d = {0};
    ilrs_error err = {0, ""};
    int st = ilrs_program_parse(t, sizeof t - 1, "c.yaml", 0, &p, &d, &err);
    check_int("check fixture loads", st, ILRS_OK, err.msg);
    if (st)
        return;
    ilrs_program_view v;
    ilrs_program_view_make(p, &v, &err);
    ilrs_mission_use use[1];
    st = ilrs_program_check(&v, NULL, 1e-9, use, &d);
    check_int("check finds problems", st, 1, "13 kg > 10 kg; surface on orbiter");
    check_close("mass used (kg)", use[0].used[ILRS_BUDGET_MASS], 13.0, 0.0,
                "6 + 7 kg");
    int over = 0, surf = 0;
    for (size_t i = 0; i < d.n; i++) {
        over |= strstr(d.msg[i], "mission ORB: mass over budget: 13 kg "
                                 "assigned (S1 6, O1 7) > 10 kg offered") != 0;
        surf |= strstr(d.msg[i], "payload S1 on mission ORB: needs the "
                                 "surface; ORB carries payloads only in "
                                 "orbit") != 0;
    }
    check_true("over-subscription named", over, "mission, sum, payloads");
    check_true("incompatible assignment named", surf, "surface on orbiter");
    check_int("two problems", (long)d.n, 2, "one budget, one need");
    ilrs_program_view_free(&v);
    ilrs_program_free(p);
    ilrs_diag_free(&d);
}

/* ---- allocation against exhaustive enumeration ------------------------ */

static unsigned long rng_state = 12345;
static double urand(void)
{
    rng_state = rng_state * 6364136223846793005UL + 1442695040888963407UL;
    return (double)(rng_state >> 11) / 9007199254740992.0;
}

#define NM 3
#define NP 7

/* The rules, written again here from docs/program-file.md. */
static int allowed(const ilrs_program_view *v, int p, int m)
{
    const ilrs_payload_need *q = &v->payloads[p];
    const ilrs_mission_offer *o = &v->missions[m];
    if (!q->active || !o->has_budget)
        return 0;
    if (q->fixed)
        return q->assigned == m;
    if (!o->open)
        return 0;
    if (q->needs && !(o->accommodation & q->needs))
        return 0;
    if (q->region && (!o->region || strcmp(q->region, o->region)))
        return 0;
    if (q->night_survival && !o->night_survival)
        return 0;
    if (q->npreferred) {
        int ok = 0;
        for (size_t k = 0; k < q->npreferred; k++)
            ok |= q->preferred[k] == m;
        if (!ok)
            return 0;
    }
    return 1;
}

static double brute(const ilrs_program_view *v, int *best_assign)
{
    int a[NP];
    double best = -1;
    long total = 1;
    for (int i = 0; i < NP; i++)
        total *= NM + 1;
    for (long code = 0; code < total; code++) {
        long c = code;
        int ok = 1;
        double used[NM][ILRS_NBUDGET] = {{0}}, val = 0;
        for (int p = 0; p < NP; p++) {
            a[p] = (int)(c % (NM + 1)) - 1;
            c /= NM + 1;
            if (v->payloads[p].fixed && v->payloads[p].active &&
                a[p] != v->payloads[p].assigned)
                ok = 0;
            if (a[p] >= 0 && !allowed(v, p, a[p]))
                ok = 0;
            if (!ok)
                break;
            if (a[p] >= 0) {
                for (int d = 0; d < ILRS_NBUDGET; d++)
                    used[a[p]][d] += v->payloads[p].need[d];
                val += v->payloads[p].value;
            }
        }
        for (int m = 0; ok && m < NM; m++)
            for (int d = 0; d < ILRS_NBUDGET; d++)
                if (used[m][d] > v->missions[m].cap[d] + 1e-9)
                    ok = 0;
        if (ok && val > best) {
            best = val;
            memcpy(best_assign, a, sizeof a);
        }
    }
    return best;
}

static void random_view(ilrs_program_view *v, ilrs_mission_offer *m,
                        ilrs_payload_need *q, int *prefs)
{
    static const char *const mid[NM] = {"A", "B", "C"};
    static const char *const pid[NP] = {"p0", "p1", "p2", "p3", "p4", "p5",
                                        "p6"};
    static const char *const regions[2] = {"south-pole", "far-side"};
    memset(m, 0, NM * sizeof *m);
    memset(q, 0, NP * sizeof *q);
    for (int i = 0; i < NM; i++) {
        m[i].id = mid[i];
        m[i].has_budget = urand() < 0.9;
        m[i].open = urand() < 0.85;
        m[i].accommodation = 1 + (int)(urand() * 3);
        m[i].night_survival = urand() < 0.5;
        m[i].region = urand() < 0.7 ? regions[urand() < 0.5] : NULL;
        for (int d = 0; d < ILRS_NBUDGET; d++)
            m[i].cap[d] = urand() < 0.15 ? INFINITY : floor(urand() * 30) + 5;
    }
    for (int p = 0; p < NP; p++) {
        q[p].id = pid[p];
        for (int d = 0; d < ILRS_NBUDGET; d++)
            q[p].need[d] = urand() < 0.2 ? 0 : floor(urand() * 15) + 1;
        q[p].needs = (int)(urand() * 3);
        q[p].region = urand() < 0.25 ? regions[urand() < 0.5] : NULL;
        q[p].night_survival = urand() < 0.3;
        q[p].value = floor(urand() * 10);
        q[p].active = urand() < 0.9;
        q[p].assigned = -1;
        q[p].preferred = prefs + p * NM;
        if (urand() < 0.3) {
            prefs[p * NM] = (int)(urand() * NM);
            q[p].npreferred = 1;
        }
        if (urand() < 0.1) {
            /* A fixed payload, placed where it fits on its own. */
            int mm = (int)(urand() * NM);
            q[p].fixed = 1;
            q[p].assigned = mm;
            m[mm].has_budget = 1;
            for (int d = 0; d < ILRS_NBUDGET; d++)
                q[p].need[d] = fmin(q[p].need[d], 3);
        }
    }
    v->missions = m;
    v->nmissions = NM;
    v->payloads = q;
    v->npayloads = NP;
    v->pref_store = NULL;
}

static void test_allocation(void)
{
    int ninst = 300, agree = 0, feasible = 0, infeasible_ok = 0, ninfeas = 0;
    for (int k = 0; k < ninst; k++) {
        ilrs_mission_offer m[NM];
        ilrs_payload_need q[NP];
        int prefs[NP * NM], ba[NP];
        ilrs_program_view v;
        random_view(&v, m, q, prefs);
        double want = brute(&v, ba);
        ilrs_alloc_plan plan;
        ilrs_error err = {0, ""};
        int st = ilrs_alloc_solve(&v, NULL, &plan, &err);
        if (want < 0) {
            ninfeas++;
            infeasible_ok += st == ILRS_ERANGE;
            continue;
        }
        if (st != ILRS_OK) {
            printf("  instance %d: status %d %s\n", k, st, err.msg);
            continue;
        }
        agree += fabs(plan.objective - want) <= 1e-9 * fmax(1, want);
        /* The plan itself obeys every rule and budget. */
        double used[NM][ILRS_NBUDGET] = {{0}};
        int ok = 1;
        for (int p = 0; p < NP; p++) {
            int mm = plan.mission[p];
            if (mm < 0)
                continue;
            ok &= allowed(&v, p, mm);
            for (int d = 0; d < ILRS_NBUDGET; d++)
                used[mm][d] += q[p].need[d];
        }
        for (int i = 0; i < NM; i++)
            for (int d = 0; d < ILRS_NBUDGET; d++)
                ok &= used[i][d] <= m[i].cap[d] + 1e-9;
        feasible += ok;
        ilrs_alloc_plan_free(&plan);
    }
    check_int("GLPK optimum = exhaustive optimum", agree, ninst - ninfeas,
              "enumeration of all (3 missions + none)^7 assignments");
    check_int("GLPK plans obey every rule and budget", feasible,
              ninst - ninfeas, "rules re-implemented in this test");
    check_int("infeasible instances reported as ILRS_ERANGE", infeasible_ok,
              ninfeas, "fixed payloads alone break a budget");
    printf("  (%d instances, %d infeasible)\n", ninst, ninfeas);
}

static void test_alloc_edges(void)
{
    ilrs_program_view v = {0};
    ilrs_alloc_plan plan;
    ilrs_error err = {0, ""};
    int st = ilrs_alloc_solve(&v, NULL, &plan, &err);
    check_int("empty program allocates", st, ILRS_OK, "nothing to do");
    check_close("empty objective", plan.objective, 0.0, 0.0, "no payloads");
    ilrs_alloc_plan_free(&plan);
    ilrs_mission_offer m = {"M", {10, INFINITY, INFINITY, INFINITY, INFINITY},
                            1, ILRS_ACC_SURFACE, 0, NULL, 0, 1, 0};
    ilrs_payload_need q[2] = {
        {"F", {8, 0, 0, 0, 0}, 0, NULL, 0, 0, NULL, 0, 1, 0, 1, 1},
        {"G", {5, 0, 0, 0, 0}, 0, NULL, 0, 0, NULL, 0, 1, 0, 1, 1}};
    v.missions = &m;
    v.nmissions = 1;
    v.payloads = q;
    v.npayloads = 2;
    st = ilrs_alloc_solve(&v, NULL, &plan, &err);
    check_int("fixed payloads over budget: infeasible", st, ILRS_ERANGE,
              "8 + 5 kg > 10 kg");
    check_contains("infeasible message names mission and budget", err.msg,
                   "mission M alone need 13 kg of mass; it offers 10",
                   "clear answer");
    q[1].fixed = 0;
    q[1].assigned = -1;
    st = ilrs_alloc_solve(&v, NULL, &plan, &err);
    check_int("one fits, one not", st, ILRS_OK, "5 kg > 2 kg left");
    char why[400];
    ilrs_alloc_reason(&v, &plan, 1, why, sizeof why);
    check_contains("binding reason", why, "M mass 5 kg > 2 kg left of 10",
                   "10 - 8 = 2 kg left");
    ilrs_alloc_plan_free(&plan);
}

/* A problem big enough for column generation (2000 x 30 = 60 000 pairs,
   above the 40 000 where it starts) whose optimum is known in closed
   form: every proposal needs 1 kg, every mission offers 10 kg, so the
   best plan carries the 300 most valuable proposals. */
static int desc(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? 1 : x > y ? -1 : 0;
}

/* np proposals of random value, 1 kg each, and nm missions of 10 kg
   (names[] holds both): the view in *v; returns the optimum, the sum of
   the 10 nm largest values. */
static double equal_needs(int np, int nm, ilrs_payload_need *q,
                          ilrs_mission_offer *m, double *vals,
                          char (*names)[8], ilrs_program_view *v)
{
    for (int i = 0; i < nm; i++) {
        snprintf(names[np + i], 8, "M%u", (unsigned)i % 1000000u);
        m[i] = (ilrs_mission_offer){names[np + i],
                                    {10, INFINITY, INFINITY, INFINITY,
                                     INFINITY},
                                    1, ILRS_ACC_SURFACE, 0, NULL, 0, 1, 0};
    }
    for (int i = 0; i < np; i++) {
        snprintf(names[i], 8, "P%u", (unsigned)i % 1000000u);
        vals[i] = floor(urand() * 1000) + 1;
        q[i] = (ilrs_payload_need){names[i], {1, 0, 0, 0, 0}, 0, NULL, 0, 0,
                                   NULL, 0, vals[i], -1, 0, 1};
    }
    *v = (ilrs_program_view){m, (size_t)nm, q, (size_t)np, NULL};
    qsort(vals, (size_t)np, sizeof vals[0], desc);
    double want = 0;
    for (int i = 0; i < 10 * nm; i++)
        want += vals[i];
    return want;
}

static void test_alloc_large(void)
{
    enum { LP = 2000, LM = 30 };
    static ilrs_payload_need q[LP];
    static ilrs_mission_offer m[LM];
    static double vals[LP];
    static char names[LP + LM][8];
    ilrs_program_view v;
    double want = equal_needs(LP, LM, q, m, vals, names, &v);
    ilrs_alloc_options o = {120, 0};
    ilrs_alloc_plan plan;
    ilrs_error err = {0, ""};
    int st = ilrs_alloc_solve(&v, &o, &plan, &err);
    check_int("column generation: proven optimal", st, ILRS_OK, err.msg);
    check_close("column generation: optimum", plan.objective, want, 1e-9,
                "sum of the 300 largest values (10 kg x 30 missions)");
    check_true("column generation: fewer columns than pairs",
               plan.nvars < (size_t)LP * LM, "priced, not loaded whole");
    int load_ok = 1;
    for (int i = 0; i < LM; i++)
        load_ok &= plan.used[i * ILRS_NBUDGET] <= 10.0;
    check_true("column generation: budgets hold", load_ok, "10 kg each");
    if (st >= 0)
        ilrs_alloc_plan_free(&plan);
}

/* The same kind of problem, bigger (6000 x 40 = 240 000 pairs), under a
   0.25 s limit: column generation is cut short wherever the machine's speed
   stops it (the plan then comes from the columns priced so far, the bound
   from the Lagrangian dual, or, should even the first LP not finish,
   from the greedy plan). Whichever path: a feasible plan no better than
   the optimum (the 400 largest values) and a bound no lower. */
static void test_alloc_time_limited(void)
{
    enum { LP = 6000, LM = 40 };
    static ilrs_payload_need q[LP];
    static ilrs_mission_offer m[LM];
    static double vals[LP];
    static char names[LP + LM][8];
    ilrs_program_view v;
    double want = equal_needs(LP, LM, q, m, vals, names, &v);
    ilrs_alloc_options o = {0.25, 0};
    ilrs_alloc_plan plan;
    ilrs_error err = {0, ""};
    int st = ilrs_alloc_solve(&v, &o, &plan, &err);
    check_true("time-limited: a plan", st == ILRS_OK || st == ILRS_WDUBIOUS,
               err.msg);
    if (st < 0)
        return;
    printf("NOTE time-limited: %zu of %d pairs priced, objective %.1f, "
           "optimum %.1f, bound %.1f\n", plan.nvars, LP * LM,
           plan.objective, want, plan.bound);
    check_true("time-limited: objective <= optimum",
               plan.objective <= want + 1e-9, "sum of the 400 largest values");
    check_true("time-limited: bound >= optimum",
               plan.bound >= want - 1e-6 * want && isfinite(plan.bound),
               "LP, Lagrangian or greedy bound");
    int load_ok = 1;
    for (int i = 0; i < LM; i++)
        load_ok &= plan.used[i * ILRS_NBUDGET] <= 10.0;
    check_true("time-limited: budgets hold", load_ok, "10 kg each");
    ilrs_alloc_plan_free(&plan);
}

int main(void)
{
    test_units();
    test_messages();
    test_syntax();
    test_round_trip();
    test_check();
    test_allocation();
    test_alloc_edges();
    test_alloc_large();
    test_alloc_time_limited();
    return check_done();
}
