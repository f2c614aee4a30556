"""CR3BP orbits from `ilrs cr3bp` checked with an independent integrator:
scipy's solve_ivp (DOP853) on the CR3BP equations (Szebehely 1967) closes
each orbit after the period the tool reports, keeps its Jacobi constant,
has the Moon distances the tool reports (perilune and apolune for the
halo and Lyapunov orbits), and its
L1/L2 points match scipy's brentq on the equilibrium condition.
"""
import json
import os
import sys

import numpy as np
from scipy.integrate import solve_ivp
from scipy.optimize import brentq, minimize_scalar

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "peer"))
from ilrs_check import check_close, check_eq, done, run


def eom(t, s, mu):
    x, y, z, vx, vy, vz = s
    r1 = np.sqrt((x + mu) ** 2 + y * y + z * z)
    r2 = np.sqrt((x - 1 + mu) ** 2 + y * y + z * z)
    ax = 2 * vy + x - (1 - mu) * (x + mu) / r1 ** 3 - mu * (x - 1 + mu) / r2 ** 3
    ay = -2 * vx + y - (1 - mu) * y / r1 ** 3 - mu * y / r2 ** 3
    az = -(1 - mu) * z / r1 ** 3 - mu * z / r2 ** 3
    return [vx, vy, vz, ax, ay, az]


def jacobi(s, mu):
    x, y, z, vx, vy, vz = s
    r1 = np.sqrt((x + mu) ** 2 + y * y + z * z)
    r2 = np.sqrt((x - 1 + mu) ** 2 + y * y + z * z)
    return x * x + y * y + 2 * (1 - mu) / r1 + 2 * mu / r2 - (vx * vx + vy * vy + vz * vz)


for args in (["--family", "nrho", "--south"], ["--family", "halo-l1"],
             ["--family", "lyapunov-l2"], ["--family", "dro"]):
    rc, out, err = run(["cr3bp"] + args + ["--format", "json"])
    name = " ".join(args)
    check_eq(f"{name} exit", rc, 0, err.strip())
    doc = json.loads(out)
    mu = doc["mu"]
    o = doc["orbits"][0]
    x0 = np.array(o["x0"])
    sol = solve_ivp(eom, (0, o["period"]), x0, method="DOP853", rtol=1e-13,
                    atol=1e-14, args=(mu,))
    end = sol.y[:, -1]
    # unstable orbits amplify the 1e-13 integration error by their
    # stability index over a period; the bound scales with it
    tol = 1e-9 * max(1.0, o["stability_index"])
    check_close(f"{name}: closes after its period (scipy DOP853)",
                float(np.linalg.norm(end - x0)), 0.0, tol,
                "independent integrator; 1e-9 times the stability index")
    check_close(f"{name}: Jacobi constant", jacobi(x0, mu), o["jacobi"],
                1e-12, "C = 2U - v^2 evaluated independently")
    # rmin/rmax_moon_km are the Moon distances at the two x-z plane
    # crossings (cr3bp.h), checked on the scipy trajectory at t = 0 and
    # T/2; for the halo and Lyapunov families these are the true closest
    # and farthest points (perilune and apolune), checked by a fine
    # sampling of the dense output polished with scipy's bounded scalar
    # minimiser. (A DRO's farthest point is off the x axis.)
    dense = solve_ivp(eom, (0, o["period"]), x0, method="DOP853", rtol=1e-12,
                      atol=1e-13, args=(mu,), dense_output=True).sol
    moon = lambda t: float(np.linalg.norm(dense(t)[:3] - [1 - mu, 0, 0]))
    cross = sorted((moon(0.0), moon(0.5 * o["period"])))
    for key, want in (("rmin_moon_km", cross[0]), ("rmax_moon_km", cross[1])):
        check_close(f"{name}: {key} at the x-z crossings vs scipy",
                    o[key], want * doc["length_km"], 1e-3,
                    "independent integrator; 1 m")
    if "dro" in args:
        continue
    ts = np.linspace(0, o["period"], 20001)
    ds = np.array([moon(t) for t in ts])
    step = ts[1] - ts[0]
    for key, sign in (("rmin_moon_km", 1), ("rmax_moon_km", -1)):
        i = int(np.argmin(sign * ds))
        res = minimize_scalar(lambda t: sign * moon(t), method="bounded",
                              bounds=(max(0, ts[i] - step),
                                      min(o["period"], ts[i] + step)),
                              options={"xatol": 1e-12})
        check_close(f"{name}: {key} is the extremum along the scipy orbit",
                    o[key], sign * res.fun * doc["length_km"], 1e-3,
                    "independent integrator; 1 m")

doc = json.loads(run(["cr3bp", "--family", "dro", "--format", "json"])[1])
mu = doc["mu"]
dudx = lambda x: x - (1 - mu) * (x + mu) / abs(x + mu) ** 3 - mu * (x - 1 + mu) / abs(x - 1 + mu) ** 3
l1 = brentq(dudx, 0.5, 1 - mu - 1e-3, xtol=1e-15)
l2 = brentq(dudx, 1 - mu + 1e-3, 1.5, xtol=1e-15)
check_close("L1 vs scipy brentq", doc["lagrange_points"][0][0], l1, 1e-12,
            "scipy brentq on dU/dx = 0 with the same mu")
check_close("L2 vs scipy brentq", doc["lagrange_points"][1][0], l2, 1e-12,
            "scipy brentq on dU/dx = 0 with the same mu")
done()
