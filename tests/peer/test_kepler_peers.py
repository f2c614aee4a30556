"""Classical elements and Kepler propagation against independent codes.

1. Elements -> state: python3-poliastro's coe2rv on 3000 random element
   sets (circles, ellipses, parabolas, hyperbolas; inclined and
   prograde-equatorial): positions and velocities within 1e-12 relative
   (float64 rounding of two implementations of the same formulas).
2. State -> elements: poliastro's rv2coe on the same states: p within
   1e-12 relative, e within 1e-12, angles within 1e-9 rad (1e-12 / e
   for the argument of periapsis of near-circular orbits; e >= 1e-3
   here; parabolas skipped: rv2coe goes through a = p / (1 - e^2)). The
   singular cases (e = 0; i = 0) follow the same conventions
   in both: argument of latitude, longitude of periapsis, true
   longitude. (poliastro does not treat i = pi as equatorial, so
   retrograde-equatorial orbits are checked only in tests/test_kepler.c.)
3. Propagation: scipy's solve_ivp (DOP853, rtol 1e-12, atol 1e-12 of the
   scale) integrating the two-body equations directly, for 150 orbits
   (ellipses e < 0.95 over up to 3 periods, hyperbolas, near-parabolas
   |e - 1| < 1e-6): our universal-variable position within
   10 x the integrator's own error (its difference from a run at rtol
   1e-11) + 1e-11 |r|.
"""
import time

import numpy as np
from poliastro.core.elements import coe2rv, rv2coe
from scipy.integrate import solve_ivp

from ilrs_check import check_eq, check_le, done, probe

T0 = time.perf_counter()
GM = 398600.4418
rng = np.random.default_rng(5)


def rows(text):
    out = []
    for line in text.splitlines():
        out.append(None if line.startswith("ERR") else np.array([float(x) for x in line.split()]))
    return out


def wrap(a):
    return abs((a + np.pi) % (2 * np.pi) - np.pi)


# 1 and 2: element sets of every type.
sets = []
for k in range(3000):
    kind, orient = k % 4, (k // 4) % 3
    e = [0.0, rng.uniform(1e-3, 0.99), 1.0, rng.uniform(1.01, 4.0)][kind]
    inc = 0.0 if orient == 0 else rng.uniform(0.05, np.pi - 0.05)
    numax = np.pi if e < 1 else (0.95 * np.pi if e == 1 else 0.95 * np.arccos(-1 / e))
    sets.append((rng.uniform(7000, 40000), e, inc, rng.uniform(0, 2 * np.pi),
                 rng.uniform(0, 2 * np.pi), rng.uniform(-numax, numax)))
ours = rows(probe("probe_kepler", [], "".join(
    f"el2rv {GM!r} {' '.join(repr(x) for x in el)}\n" for el in sets)))
worst_rv = 0.0
for el, s in zip(sets, ours):
    r, v = coe2rv(GM, *el)
    worst_rv = max(worst_rv, np.abs(s[:3] - r).max() / np.linalg.norm(r),
                   np.abs(s[3:] - v).max() / np.linalg.norm(v))
check_eq("all element sets convert", sum(s is None for s in ours), 0, "valid input")
check_le("elements -> state vs poliastro coe2rv (relative)", worst_rv, 1e-12,
         "python3-poliastro, float64 rounding")

states = [np.concatenate(coe2rv(GM, *el)) for el in sets]
back = rows(probe("probe_kepler", [], "".join(
    f"rv2el {GM!r} {' '.join(repr(float(x)) for x in s)}\n" for s in states)))
worst_p = worst_e = worst_ang = 0.0
for el, s, b in zip(sets, states, back):
    if el[1] == 1.0:
        continue  # rv2coe divides by 1 - e^2: parabolas only in part 1
    p, ecc, inc, raan, argp, nu = rv2coe(GM, s[:3], s[3:], 1e-11)
    worst_p = max(worst_p, abs(b[0] / p - 1))
    worst_e = max(worst_e, abs(b[1] - ecc))
    worst_ang = max(worst_ang, abs(b[2] - inc), wrap(b[3] - raan),
                    wrap(b[4] - argp), wrap(b[5] - nu))
check_le("state -> p vs poliastro rv2coe (relative)", worst_p, 1e-12, "poliastro")
check_le("state -> e vs poliastro rv2coe", worst_e, 1e-12, "poliastro")
check_le("state -> i, raan, argp, nu vs poliastro rv2coe (rad)", worst_ang, 1e-9,
         "poliastro; same singular-case conventions")


# 3: propagation against direct numerical integration.
def twobody(t, y):
    r = y[:3]
    return np.concatenate([y[3:], -GM * r / np.linalg.norm(r) ** 3])


props = []
for k in range(150):
    kind = k % 3
    rp = rng.uniform(6600, 20000)
    e = [rng.uniform(0, 0.95), rng.uniform(1.05, 3.0), 1 + rng.uniform(-1e-6, 1e-6)][kind]
    el = (rp * (1 + e), e, rng.uniform(0, np.pi), rng.uniform(0, 2 * np.pi),
          rng.uniform(0, 2 * np.pi), rng.uniform(-1.0, 1.0))
    s0 = np.concatenate(coe2rv(GM, *el))
    if kind == 0:
        a = rp / (1 - e)
        dt = rng.uniform(0.1, 3.0) * 2 * np.pi * np.sqrt(a ** 3 / GM)
    else:
        dt = rng.uniform(0.1, 6.0) * 3600.0 * rng.choice([-1, 1])
    props.append((s0, dt))
prop = rows(probe("probe_kepler", [], "".join(
    f"prop {GM!r} {' '.join(repr(float(x)) for x in s0)} {dt!r}\n" for s0, dt in props)))
worst_ratio = 0.0
worst_rel = 0.0
for (s0, dt), got in zip(props, prop):
    scale = np.linalg.norm(s0[:3])
    atol = np.concatenate([np.full(3, 1e-12 * scale), np.full(3, 1e-12 * np.linalg.norm(s0[3:]))])
    ref = solve_ivp(twobody, (0, dt), s0, method="DOP853", rtol=1e-12, atol=atol).y[:, -1]
    loose = solve_ivp(twobody, (0, dt), s0, method="DOP853", rtol=1e-11, atol=atol * 10).y[:, -1]
    r = np.linalg.norm(ref[:3])
    err_ref = np.linalg.norm(loose[:3] - ref[:3])
    diff = np.linalg.norm(got[:3] - ref[:3])
    worst_ratio = max(worst_ratio, diff / (10 * err_ref + 1e-11 * r))
    worst_rel = max(worst_rel, diff / r)
print(f"propagation: worst |ours - DOP853| / |r| = {worst_rel:.3g}")
check_eq("all propagations succeed", sum(g is None for g in prop), 0, "valid input")
check_le("propagation vs DOP853, in units of 10 x its error + 1e-11 |r|",
         worst_ratio, 1.0, "scipy solve_ivp DOP853 rtol 1e-12")
elapsed = time.perf_counter() - T0
check_le("test time (s)", elapsed, 60.0, "suite budget")
done()
