/* test_cr3bp.c -- Earth-Moon CR3BP: Lagrange points, linear limits,
   periodic-orbit closure, stability, NRHO and DRO against published
   values, conversion to the ephemeris model. */
#include <stdlib.h>

#include "check.h"
#include "ilrs/constants.h"
#include "ilrs/cr3bp.h"
#include "ilrs/vec.h"

static ilrs_cr3bp_system sys;

static void lagrange(void)
{
    double p[5][3];
    ilrs_error err;
    check_close("mu Earth-Moon", sys.mu, 0.01215, 1e-5,
                "Koon, Lo, Marsden, Ross (2011) sec. 2.2: mu = 0.01215");
    ilrs_cr3bp_lagrange(sys.mu, p, &err);
    const char *src = "Koon et al. (2011), Earth-Moon collinear points "
                      "0.8369, 1.1557, -1.0051; 1e-4 covers mu to 5 digits";
    check_close("L1 x", p[0][0], 0.8369, 1e-4, src);
    check_close("L2 x", p[1][0], 1.1557, 1e-4, src);
    check_close("L3 x", p[2][0], -1.0051, 1e-4, src);
    check_close("L4 y", p[3][1], sqrt(3) / 2, 1e-15, "equilateral point");
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
    ilrs_cr3bp_orbit o;
    ilrs_error err;
    int st = ilrs_cr3bp_family_orbit(&sys, ILRS_CR3BP_LYAPUNOV_L1, 0,
                                     ILRS_CR3BP_BY_AMPLITUDE,
                                     500.0 / sys.l_km, &o, &err);
    check_int("L1 Lyapunov 500 km", st, 0, err.msg);
    check_close("L1 Lyapunov Ax (km)", o.amplitude * sys.l_km, 500.0, 1e-6,
                "the member asked for");
    check_close("small L1 Lyapunov period -> 2 pi / nu", o.period,
                2 * ILRS_PI / 2.3344, 0.005 * 2 * ILRS_PI / 2.3344,
                "Koon et al. (2011) sec. 2.6: in-plane frequency nu = 2.3344 "
                "at Earth-Moon L1; 0.5% for amplitude and rounding");
    check_close("small L1 Lyapunov stability ~ exp(lambda T)/2",
                log(2 * o.stability), 2.9321 * o.period, 0.05,
                "Koon et al. (2011): real exponent lambda = 2.9321 at L1 "
                "(linear theory); 0.05 in the log");
    check_true("Lyapunov closes to 1e-9 after one period",
               o.closure < 1e-9, "periodicity");
}

static void halo_and_nrho(void)
{
    ilrs_cr3bp_orbit o;
    ilrs_error err;
    double p92 = 29.530589 * 2.0 / 9.0 * 86400.0 / sys.t_s;
    int st = ilrs_cr3bp_family_orbit(&sys, ILRS_CR3BP_NRHO, 1,
                                     ILRS_CR3BP_BY_PERIOD, p92, &o, &err);
    check_int("9:2 NRHO found", st, 0, err.msg);
    check_close("9:2 NRHO period (d)", o.period * sys.t_s / 86400.0, 6.5624,
                1e-3, "2/9 of the synodic month 29.530589 d (Lee 2019, "
                      "Gateway 9:2 synodic resonance)");
    check_close("9:2 NRHO perilune radius (km)", o.rmin_moon * sys.l_km,
                3300.0, 300.0,
                "Zimovan-Spreen, Howell, Davis (2020) and Lee (2019): "
                "perilune radius ~3,200-3,400 km; band +-300 km");
    check_close("9:2 NRHO apolune radius (km)", o.rmax_moon * sys.l_km,
                70500.0, 2000.0,
                "Lee (2019): apolune ~70,000-71,000 km; band +-2000 km");
    double half[6];
    ilrs_cr3bp_propagate(sys.mu, o.x0, 0.5 * o.period, half, NULL, &err);
    double zbig = fabs(o.x0[2]) > fabs(half[2]) ? o.x0[2] : half[2];
    check_true("9:2 NRHO is southern: apolune below the Moon", zbig < 0,
               "Gateway's NRHO is the L2 southern family (Lee 2019)");
    check_true("9:2 NRHO nearly stable (index < 2)", o.stability < 2.0,
               "Zimovan-Spreen et al. (2020): NRHOs near the 9:2 are "
                "nearly stable");
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
    int st = ilrs_cr3bp_family_orbit(&sys, ILRS_CR3BP_DRO, 0,
                                     ILRS_CR3BP_BY_AMPLITUDE,
                                     70000.0 / sys.l_km, &o, &err);
    check_int("DRO 70000 km", st, 0, err.msg);
    check_close("DRO is stable (index 1)", o.stability, 1.0, 1e-6,
                "DROs of the Earth-Moon system are linearly stable "
                "(Henon 1969; Bezrouk and Parker 2017)");
    check_close("DRO 70000 km period (d)", o.period * sys.t_s / 86400.0,
                13.0, 1.5,
                "Artemis I (NASA 2022): about 6 d for half a revolution of "
                "its ~70,000 km DRO; band 1.5 d");
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
    const char *data = getenv("ILRS_DATA");
    snprintf(path, sizeof path, "%s/ephem/de421-2022-2026.bsp",
             data ? data : "../shared/data");
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
