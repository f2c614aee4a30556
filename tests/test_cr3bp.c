/* test_cr3bp.c -- Earth-Moon CR3BP: Lagrange points, linear limits,
   periodic-orbit closure, stability, NRHO and DRO against published
   values, conversion to the ephemeris model. */
#include <stdlib.h>

#include "check.h"
#include "ilrs/constants.h"
#include "ilrs/cr3bp.h"
#include "ilrs/vec.h"

static ilrs_cr3bp_system sys;

/* Independent oracles, written here from the equations alone: the
   collinear points as roots of dU/dx = x - (1 - mu)(x + mu)/|x + mu|^3
   - mu (x - 1 + mu)/|x - 1 + mu|^3 on the x axis, found by bisection
   (not the library's Newton), and the linearised motion about them. */
static double dudx(double mu, double x)
{
    double a = x + mu, b = x - 1 + mu;
    return x - (1 - mu) * a / pow(fabs(a), 3) - mu * b / pow(fabs(b), 3);
}

static double bisect_collinear(double mu, double lo, double hi)
{
    double flo = dudx(mu, lo);
    for (int i = 0; i < 200 && hi - lo > 1e-15; i++) {
        double mid = 0.5 * (lo + hi), f = dudx(mu, mid);
        if ((f < 0) == (flo < 0)) {
            lo = mid;
            flo = f;
        } else {
            hi = mid;
        }
    }
    return 0.5 * (lo + hi);
}

/* In-plane frequency nu and real exponent lambda at a collinear point x:
   with c2 = (1 - mu)/|x + mu|^3 + mu/|x - 1 + mu|^3 the planar
   linearisation has eigenvalues +-lambda, +-i nu where lambda^2 =
   (c2 - 2 + sqrt(9 c2^2 - 8 c2))/2 and nu^2 = (2 - c2 + sqrt(9 c2^2 -
   8 c2))/2 (Szebehely 1967, Theory of Orbits; Koon, Lo, Marsden, Ross
   2011, ch. 2). At Earth-Moon L1 they are 2.93206 and 2.33439. */
static void collinear_modes(double mu, double x, double *lambda, double *nu)
{
    double c2 = (1 - mu) / pow(fabs(x + mu), 3) +
                mu / pow(fabs(x - 1 + mu), 3);
    double d = sqrt(9 * c2 * c2 - 8 * c2);
    *lambda = sqrt((c2 - 2 + d) / 2);
    *nu = sqrt((2 - c2 + d) / 2);
}

static void lagrange(void)
{
    double p[5][3];
    ilrs_error err;
    check_close("mu Earth-Moon from the DE440 GMs", sys.mu,
                ILRS_GM_MOON / (ILRS_GM_EARTH + ILRS_GM_MOON), 1e-15,
                "definition; GMs from gm_de440.tpc");
    check_close("mu Earth-Moon vs the classical value", sys.mu, 0.012150,
                1e-6,
                "Deprit, Henrard, Palmore, Price (1967), The Trojan "
                "manifold in the system Earth-Moon (Boeing Scientific "
                "Research Laboratories; DTIC AD0651147): mass ratio "
                "'about 0.012150'; 1e-6 = one unit of its last digit");
    ilrs_cr3bp_lagrange(sys.mu, p, &err);
    const char *src = "bisection on dU/dx = 0 written in this test with "
                      "the same mu; 1e-12 (bisection to 1e-15)";
    check_close("L1 x", p[0][0],
                bisect_collinear(sys.mu, 0.5, 1 - sys.mu - 1e-6), 1e-12, src);
    check_close("L2 x", p[1][0],
                bisect_collinear(sys.mu, 1 - sys.mu + 1e-6, 1.5), 1e-12, src);
    check_close("L3 x", p[2][0],
                bisect_collinear(sys.mu, -1.5, -sys.mu - 1e-6), 1e-12, src);
    check_close("L4 x", p[3][0], 0.5 - sys.mu, 1e-15,
                "equilateral point (1/2 - mu, sqrt(3)/2)");
    check_close("L4 y", p[3][1], sqrt(3) / 2, 1e-15, "equilateral point");
    check_close("L5 y", p[4][1], -sqrt(3) / 2, 1e-15, "equilateral point");
    check_int("mu out of range", ilrs_cr3bp_lagrange(0.7, p, &err),
              ILRS_EINVAL, "documented");
    double pl[6] = {p[0][0], 0, 0, 0, 0, 0}, x[6];
    ilrs_cr3bp_propagate(sys.mu, pl, 1.0, x, NULL, &err);
    check_close("L1 is an equilibrium (drift in 1 unit)", fabs(x[0] - pl[0]),
                0, 1e-9, "dU/dx = 0 at L1; unstable so 1e-9 allows growth "
                         "from round-off");
}

static void lyapunov_linear_limit(void)
{
    /* A 500 km member is in the linear regime: the period's amplitude
       correction is second order, ~(Ax / gamma)^2 with gamma the
       point's distance from the Moon (58,000 km at L1, 64,500 km at L2),
       i.e. ~1e-4 relative; 1e-3 allows a coefficient up to ~10. */
    const int fam[2] = {ILRS_CR3BP_LYAPUNOV_L1, ILRS_CR3BP_LYAPUNOV_L2};
    const char *name[2] = {"L1", "L2"};
    double xl[2] = {bisect_collinear(sys.mu, 0.5, 1 - sys.mu - 1e-6),
                    bisect_collinear(sys.mu, 1 - sys.mu + 1e-6, 1.5)};
    for (int k = 0; k < 2; k++) {
        ilrs_cr3bp_orbit o;
        ilrs_error err;
        char what[96];
        double lambda, nu;
        collinear_modes(sys.mu, xl[k], &lambda, &nu);
        int st = ilrs_cr3bp_family_orbit(&sys, fam[k], 0,
                                         ILRS_CR3BP_BY_AMPLITUDE,
                                         500.0 / sys.l_km, &o, &err);
        snprintf(what, sizeof what, "%s Lyapunov 500 km", name[k]);
        check_int(what, st, 0, err.msg);
        snprintf(what, sizeof what, "%s Lyapunov Ax (km)", name[k]);
        check_close(what, o.amplitude * sys.l_km, 500.0, 1e-6,
                    "the member asked for");
        snprintf(what, sizeof what, "small %s Lyapunov period -> 2 pi / nu",
                 name[k]);
        check_close(what, o.period, 2 * ILRS_PI / nu,
                    1e-3 * 2 * ILRS_PI / nu,
                    "nu from the collinear-point linearisation computed "
                    "in this test; 1e-3 relative for the amplitude");
        snprintf(what, sizeof what, "small %s Lyapunov: ln(2 index) -> "
                 "lambda T", name[k]);
        check_close(what, log(2 * o.stability), lambda * o.period, 0.01,
                    "lambda from the same linearisation; index ~ "
                    "exp(lambda T)/2 up to the amplitude's 1e-4 shift of "
                    "lambda T ~ 8 and the dropped exp(-lambda T): 0.01");
        snprintf(what, sizeof what, "%s Lyapunov closes to 1e-9", name[k]);
        check_true(what, o.closure < 1e-9, "periodicity");
    }
}

static void halo_and_nrho(void)
{
    ilrs_cr3bp_orbit o;
    ilrs_error err;
    /* Mean synodic month 29.530589 d (Meeus, Astronomical Algorithms,
       1998, ch. 49); the Gateway orbit makes 9 revolutions in 2 of them
       (Lee 2019, White Paper: Gateway Destination Orbit Model, NASA
       NTRS 20190030294). */
    double p92 = 29.530589 * 2.0 / 9.0 * 86400.0 / sys.t_s;
    int st = ilrs_cr3bp_family_orbit(&sys, ILRS_CR3BP_NRHO, 1,
                                     ILRS_CR3BP_BY_PERIOD, p92, &o, &err);
    check_int("9:2 NRHO found", st, 0, err.msg);
    check_close("9:2 NRHO period (d)", o.period * sys.t_s / 86400.0,
                29.530589 * 2.0 / 9.0, 1e-6, "the member asked for");
    check_close("9:2 NRHO perilune altitude (km)",
                o.rmin_moon * sys.l_km - ILRS_MOON_RADIUS_KM, 1500.0, 100.0,
                "Lee (2019) reference NRHO as described by NASA's "
                "Meteoroid Environment Office: 'within 1500 km of the "
                "lunar surface at its closest point'; two significant "
                "figures (+-50 km), doubled for ephemeris vs CR3BP");
    check_true("9:2 NRHO apolune radius 70,000-72,000 km",
               o.rmax_moon * sys.l_km > 70000.0 &&
                   o.rmax_moon * sys.l_km < 72000.0,
               "same source: 'just over 70,000 km at its farthest', "
               "whether from the centre or the surface (+1737 km)");
    double half[6];
    ilrs_cr3bp_propagate(sys.mu, o.x0, 0.5 * o.period, half, NULL, &err);
    double zbig = fabs(o.x0[2]) > fabs(half[2]) ? o.x0[2] : half[2];
    check_true("9:2 NRHO is southern: apolune below the Moon", zbig < 0,
               "Gateway's NRHO is the L2 southern family (Lee 2019)");
    check_true("9:2 NRHO nearly stable (index < 2)", o.stability < 2.0,
               "Davis et al. (2017), AAS 17-826: the NRHO 'exhibits "
               "nearly stable characteristics'");
    check_true("NRHO closes to 1e-9 after one period", o.closure < 1e-9,
               "periodicity");
    /* halo L1 by amplitude and its mirror */
    ilrs_cr3bp_orbit n, s;
    ilrs_cr3bp_family_orbit(&sys, ILRS_CR3BP_HALO_L1, 0,
                            ILRS_CR3BP_BY_AMPLITUDE, 10000.0 / sys.l_km, &n,
                            &err);
    st = ilrs_cr3bp_family_orbit(&sys, ILRS_CR3BP_HALO_L1, 1,
                                 ILRS_CR3BP_BY_AMPLITUDE,
                                 10000.0 / sys.l_km, &s, &err);
    check_int("L1 halo Az 10000 km", st, 0, err.msg);
    check_close("L1 halo Az (km)", s.amplitude * sys.l_km, 10000.0, 1e-6,
                "the member asked for");
    check_close("north/south mirror: same period", n.period, s.period, 1e-12,
                "z -> -z symmetry of the CR3BP");
    check_close("north/south mirror: z0 opposite", n.x0[2], -s.x0[2], 1e-12,
                "z -> -z symmetry");
    check_true("halo closes to 1e-9", s.closure < 1e-9, "periodicity");
    double x[6];
    ilrs_cr3bp_propagate(sys.mu, s.x0, s.period, x, NULL, &err);
    check_close("Jacobi conserved over a period",
                ilrs_cr3bp_jacobi(sys.mu, x), s.jacobi, 1e-11,
                "Jacobi integral");
}

static void dro(void)
{
    ilrs_cr3bp_orbit o;
    ilrs_error err;
    /* Artemis I (NASA, 25 Nov 2022): Orion's DRO took it "about 40,000
       miles (64,000 km) beyond the Moon" and "six days to complete half
       of a revolution". */
    int st = ilrs_cr3bp_family_orbit(&sys, ILRS_CR3BP_DRO, 0,
                                     ILRS_CR3BP_BY_AMPLITUDE,
                                     64000.0 / sys.l_km, &o, &err);
    check_int("DRO 64000 km", st, 0, err.msg);
    check_close("DRO is stable (index 1)", o.stability, 1.0, 1e-6,
                "DROs of the Earth-Moon system are linearly stable "
                "(Henon 1969; Bezrouk and Parker 2017)");
    check_close("DRO 64000 km half period (d)",
                0.5 * o.period * sys.t_s / 86400.0, 6.0, 0.5,
                "Artemis I (NASA 2022): six days for half a revolution "
                "of its 40,000-mile DRO; 0.5 d = the figure's rounding "
                "to whole days (the 40,000 miles, from the surface or "
                "the centre, moves it by 0.2 d)");
    check_true("DRO closes to 1e-9", o.closure < 1e-9, "periodicity");
    st = ilrs_cr3bp_family_orbit(&sys, ILRS_CR3BP_DRO, 0,
                                 ILRS_CR3BP_BY_JACOBI, 3.0, &o, &err);
    check_close("DRO by Jacobi constant", o.jacobi, 3.0, 1e-10,
                "the member asked for");
    st = ilrs_cr3bp_family_orbit(&sys, ILRS_CR3BP_DRO, 0,
                                 ILRS_CR3BP_BY_PERIOD, 1e3, &o, &err);
    check_int("period never reached", st, ILRS_ERANGE, "documented");
    ilrs_cr3bp_orbit sw[4];
    st = ilrs_cr3bp_family_sweep(&sys, ILRS_CR3BP_DRO, 0, 4, sw, &err);
    check_int("DRO sweep", st, 0, err.msg);
    check_true("DRO sweep grows", sw[0].amplitude < sw[3].amplitude,
               "members in continuation order");
    check_int("sweep count 0", ilrs_cr3bp_family_sweep(&sys, ILRS_CR3BP_DRO,
                                                       0, 0, sw, &err),
              ILRS_EINVAL, "documented");
}

static void to_ephem(void)
{
    ilrs_ephem *eph = NULL;
    ilrs_error err;
    char path[1024];
    check_data(path, sizeof path, "ephem/de421-2022-2026.bsp");
    if (!check_int("open DE421", ilrs_ephem_open(path, &eph, &err), 0,
                   err.msg))
        return;
    double t = 7.7e8, moon[6], got[6];
    ilrs_ephem_state(eph, 301, 399, t, moon, &err);
    double xr[6] = {1 - sys.mu, 0, 0, 0, 0, 0};
    ilrs_cr3bp_to_ephem(eph, &sys, t, xr, got, &err);
    double dp[3] = {got[0] - moon[0], got[1] - moon[1], got[2] - moon[2]};
    double dv[3] = {got[3] - moon[3], got[4] - moon[4], got[5] - moon[5]};
    check_close("Moon point -> ephemeris Moon (km)", ilrs_vec3_norm(dp), 0,
                1e-6, "identity: L and the axes come from the "
                      "ephemeris Earth-Moon vector");
    check_close("Moon point velocity (km/s)", ilrs_vec3_norm(dv), 0, 1e-9,
                "rotating frame at rest = the Moon's motion");
    double xe[6] = {-sys.mu, 0, 0, 0, 0, 0};
    ilrs_cr3bp_to_ephem(eph, &sys, t, xe, got, &err);
    check_close("Earth point -> geocentre (km)", ilrs_vec3_norm(got), 0,
                1e-6, "Earth at (-mu, 0, 0)");
    ilrs_ephem_free(eph);
}

int main(void)
{
    ilrs_cr3bp_earth_moon(&sys);
    lagrange();
    lyapunov_linear_limit();
    halo_and_nrho();
    dro();
    to_ephem();
    return check_done();
}
