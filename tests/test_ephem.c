/*
 * test_ephem.c -- the ephem core: chaining, symmetry, batch = single,
 * many threads on one context, error statuses; and the analytic source
 * against JPL DE421 within ERFA's documented accuracy.
 */
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "ilrs/constants.h"
#include "ilrs/ephem.h"
#include "ilrs/vec.h"

static char spk_path[1024];

static double dist3(const double *a, const double *b)
{
    return sqrt((a[0] - b[0]) * (a[0] - b[0]) + (a[1] - b[1]) * (a[1] - b[1]) +
                (a[2] - b[2]) * (a[2] - b[2]));
}

/* 2024-01-01 00:00 TDB, inside the DE421 excerpt (2022-2026). */
#define T2024 (8766.0 * 86400.0 - 43200.0)

static void test_chaining(const ilrs_ephem *e)
{
    double moon_emb[6], emb_ssb[6], sun_ssb[6], moon_sun[6], sun_moon[6];
    double t = T2024;
    ilrs_ephem_state(e, 301, 3, t, moon_emb, NULL);
    ilrs_ephem_state(e, 3, 0, t, emb_ssb, NULL);
    ilrs_ephem_state(e, 10, 0, t, sun_ssb, NULL);
    int st = ilrs_ephem_state(e, 301, 10, t, moon_sun, NULL);
    check_int("chain moon-sun status", st, ILRS_OK, "DE421 has the chain");
    double want[6];
    for (int k = 0; k < 6; k++)
        want[k] = moon_emb[k] + emb_ssb[k] - sun_ssb[k];
    /* Same three segments summed in another order: rounding only,
       |r| ~ 1.5e8 km * 2^-52 ~ 3e-8 km. */
    check_close("chain moon-sun |dr| (km)", dist3(moon_sun, want), 0, 1e-7,
                "sum of the DE421 segments 3->301, 0->3, 0->10");
    check_close("chain moon-sun |dv| (km/s)", dist3(moon_sun + 3, want + 3),
                0, 1e-12, "same");
    ilrs_ephem_state(e, 10, 301, t, sun_moon, NULL);
    double neg[6];
    for (int k = 0; k < 6; k++)
        neg[k] = -sun_moon[k];
    check_close("symmetry sun-moon = -(moon-sun) (km)", dist3(neg, moon_sun),
                0, 1e-7, "antisymmetry of a relative state");
    double self[6];
    st = ilrs_ephem_state(e, 301, 301, t, self, NULL);
    check_int("moon-moon status", st, ILRS_OK, "a body relative to itself");
    check_close("moon-moon is zero", ilrs_vec3_norm(self), 0, 0, "definition");
}

typedef struct {
    const ilrs_ephem *e;
    const double *t;
    double *out;
    size_t n, start, stride;
    int status;
} worker;

static void *work(void *arg)
{
    worker *w = arg;
    for (size_t i = w->start; i < w->n; i += w->stride) {
        int st = ilrs_ephem_state(w->e, 301, 10, w->t[i], w->out + 6 * i, NULL);
        if (st < 0)
            w->status = st;
    }
    return NULL;
}

static void test_threads(const ilrs_ephem *e)
{
    enum { N = 200000, NT = 8 };
    double *t = malloc(N * sizeof *t);
    double *serial = malloc(6 * N * sizeof *serial);
    double *batch = malloc(6 * N * sizeof *batch);
    double *threaded = malloc(6 * N * sizeof *threaded);
    unsigned s = 12345;
    for (size_t i = 0; i < N; i++) {
        s = s * 1103515245u + 12345u;
        t[i] = T2024 + ((s >> 8) / 16777216.0 - 0.5) * 2.0 * 365.0 * 86400.0;
    }
    int st = ilrs_ephem_states(e, 301, 10, N, t, serial, 1, NULL);
    check_int("serial batch status", st, ILRS_OK, "epochs inside DE421");
    st = ilrs_ephem_states(e, 301, 10, N, t, batch, 4, NULL);
    check_int("4-thread batch status", st, ILRS_OK, "epochs inside DE421");
    check_int("4-thread batch bit-identical", memcmp(serial, batch,
              6 * N * sizeof *serial) == 0, 1, "same arithmetic per epoch");
    pthread_t tid[NT];
    worker w[NT];
    for (int k = 0; k < NT; k++) {
        w[k] = (worker){e, t, threaded, N, (size_t)k, NT, 0};
        pthread_create(&tid[k], NULL, work, &w[k]);
    }
    int bad = 0;
    for (int k = 0; k < NT; k++) {
        pthread_join(tid[k], NULL);
        bad |= w[k].status != 0;
    }
    check_int("8 threads on one context: statuses", bad, 0, "all OK");
    check_int("8 threads on one context: bit-identical to serial",
              memcmp(serial, threaded, 6 * N * sizeof *serial) == 0, 1,
              "a context is read-only after loading");
    free(t);
    free(serial);
    free(batch);
    free(threaded);
}

static void test_errors(const ilrs_ephem *e)
{
    ilrs_error err = {0, ""};
    double s[6];
    int st = ilrs_ephem_state(e, 301, 399, -40.0 * 365.25 * 86400.0, s, &err);
    check_int("epoch 1960 outside the excerpt", st, ILRS_ERANGE,
              "de421-2022-2026.bsp covers 2021-12-31..2026");
    check_contains("range message names the body", err.msg, "MOON",
                   "message names what was asked");
    check_contains("range message names the file", err.msg,
                   "de421-2022-2026.bsp", "message names the source");
    st = ilrs_ephem_state(e, 123456, 399, T2024, s, &err);
    check_int("unknown body", st, ILRS_ENOTFOUND, "no segment has 123456");
    check_contains("unknown body message", err.msg, "123456", "names it");
    st = ilrs_ephem_state(e, 301, 399, NAN, s, &err);
    check_int("NaN epoch", st, ILRS_EINVAL, "not a number");
    int id = 0;
    st = ilrs_ephem_body_id(e, "Plutonia", &id, &err);
    check_int("unknown name", st, ILRS_ENOTFOUND, "no such body");
    check_contains("unknown name message", err.msg, "Plutonia", "names it");
    ilrs_ephem_body_id(e, "mars barycenter", &id, NULL);
    check_int("name 'mars barycenter'", id, 4, "NAIF id 4");
    ilrs_ephem_body_id(e, "Moon", &id, NULL);
    check_int("name 'Moon'", id, 301, "NAIF id 301");
    ilrs_ephem *none = NULL;
    st = ilrs_ephem_open("no/such/file.bsp", &none, &err);
    check_int("missing file", st, ILRS_EIO, "fopen fails");
    check_contains("missing file message", err.msg, "no/such/file.bsp",
                   "names the path");
    check_true("missing file leaves no context", none == NULL, "contract");
}

/*
 * Analytic (ERFA) vs DE421 over 2022-2026. Bounds from ERFA's own notes:
 *  - eraEpv00 note 4: against DE405 over 1900-2100, maximum errors
 *    13.4 km (barycentric) and 11.2 km (heliocentric) in position;
 *  - eraMoon98: worst case 31.7 km and 172 mm/s against ELP/MPP02,
 *    1950-2100;
 *  - eraPlan94: maximum differences from DE200/DE406 over 1800-2100,
 *    L and B (arcsec) and R (km); the bound is |(L r, B r, R)|, r the
 *    heliocentric distance.
 * DE405/DE200 differ from DE421 by far less than these bounds (< 1 km for
 * the inner planets, DE421 notes).
 */
static void test_analytic(const ilrs_ephem *de)
{
    ilrs_ephem *an = NULL;
    int st = ilrs_ephem_open("analytic", &an, NULL);
    check_int("open analytic", st, ILRS_OK, "needs no file");
    if (st < 0)
        return;
    static const struct {
        int target, center;
        double l_as, b_as, r_km;  /* plan94 max |dL|, |dB| (arcsec), |dR| */
        const char *name;
    } cases[] = {
        {1, 10, 7, 1, 500, "Mercury"},   {2, 10, 7, 1, 1100, "Venus"},
        {3, 10, 9, 1, 1300, "EMB"},      {4, 10, 26, 1, 9000, "Mars"},
        {5, 10, 78, 6, 82000, "Jupiter"}, {6, 10, 87, 14, 263000, "Saturn"},
        {7, 10, 86, 7, 661000, "Uranus"}, {8, 10, 11, 2, 248000, "Neptune"},
    };
    double worst[8] = {0};
    double worst_earth = 0, worst_sun = 0, worst_moon = 0, worst_moonv = 0;
    for (int i = 0; i < 400; i++) {
        double t = 8036.0 * 86400.0 + i * 3.5 * 86400.0;  /* 2022-01-01.. */
        double a[6], b[6];
        for (size_t c = 0; c < 8; c++) {
            ilrs_ephem_state(an, cases[c].target, cases[c].center, t, a, NULL);
            ilrs_ephem_state(de, cases[c].target, cases[c].center, t, b, NULL);
            double r = ilrs_vec3_norm(b);
            double bound = sqrt(pow(cases[c].l_as * ILRS_ARCSEC * r, 2) +
                                pow(cases[c].b_as * ILRS_ARCSEC * r, 2) +
                                pow(cases[c].r_km, 2));
            worst[c] = fmax(worst[c], dist3(a, b) / bound);
        }
        ilrs_ephem_state(an, 399, 0, t, a, NULL);
        ilrs_ephem_state(de, 399, 0, t, b, NULL);
        worst_earth = fmax(worst_earth, dist3(a, b));
        ilrs_ephem_state(an, 10, 0, t, a, NULL);
        ilrs_ephem_state(de, 10, 0, t, b, NULL);
        worst_sun = fmax(worst_sun, dist3(a, b));
        ilrs_ephem_state(an, 301, 399, t, a, NULL);
        ilrs_ephem_state(de, 301, 399, t, b, NULL);
        worst_moon = fmax(worst_moon, dist3(a, b));
        worst_moonv = fmax(worst_moonv, dist3(a + 3, b + 3));
    }
    char name[96];
    for (size_t c = 0; c < 8; c++) {
        snprintf(name, sizeof name, "analytic %s: max |dr| / plan94 bound",
                 cases[c].name);
        check_true(name, worst[c] <= 1.0, "ERFA eraPlan94 note 5");
        printf("     (%s: %.3f of the bound)\n", cases[c].name, worst[c]);
    }
    check_close("analytic Earth-SSB max |dr| (km)", worst_earth, 0, 13.4,
                "ERFA eraEpv00 note 4: max 13.4 km vs DE405, 1900-2100");
    check_close("analytic Sun-SSB max |dr| (km)", worst_sun, 0, 24.6,
                "eraEpv00 barycentric minus heliocentric: 13.4 + 11.2 km");
    check_close("analytic Moon-Earth max |dr| (km)", worst_moon, 0, 31.7,
                "ERFA eraMoon98 note 3: worst 31.7 km");
    check_close("analytic Moon-Earth max |dv| (km/s)", worst_moonv, 0,
                172e-6, "ERFA eraMoon98 note 3: worst 172 mm/s");
    ilrs_ephem_free(an);
}

int main(void)
{
    const char *data = getenv("ILRS_DATA");
    if (!data) {
        printf("FAIL ILRS_DATA is not set (reference data directory)\n");
        return 1;
    }
    snprintf(spk_path, sizeof spk_path, "%s/ephem/de421-2022-2026.bsp", data);
    ilrs_ephem *e = NULL;
    ilrs_error err = {0, ""};
    int st = ilrs_ephem_open(spk_path, &e, &err);
    if (!check_int("open DE421 excerpt", st, ILRS_OK, err.msg))
        return check_done();
    test_chaining(e);
    test_threads(e);
    test_errors(e);
    test_analytic(e);
    ilrs_ephem_free(e);
    return check_done();
}
