"""Launch-window search against an independent optimiser: the least-C3
Earth-Mars transfer of the 2022 opportunity (type I, departures
2022-08-01..10-30, tof 150..300 d) found by scipy.optimize's Nelder-Mead on
C3(departure, tof) computed with python3-jplephem states (same DE421
excerpt) and python3-poliastro's Izzo solver, started from its own 1-day
grid minimum. Ours must reach the same C3 to 1e-7 relative (both
optimisers stop below 1e-10) and the same dates to 0.05 d (the valley is
flat: C3 changes by ~1e-5 of itself over 0.05 d). The window rows are then
checked against the constraints given and the same peers.
"""
import datetime
import json
import os
import sys

import numpy as np
from jplephem.spk import SPK
from poliastro.core.iod import izzo
from scipy.optimize import minimize

sys.path.insert(0, os.path.dirname(__file__))
from ilrs_check import check_close, check_eq, check_le, check_true, data, done, run  # noqa

DE421 = data("ephem/de421-2022-2026.bsp")
GM_SUN = 132712440041.279419  # km^3/s^2, gm_de440.tpc BODY10_GM
kernel = SPK.open(DE421)
TDB_UTC = 69.184  # s in 2022: 37 leap seconds + 32.184 (TT-TAI); TDB-TT < 2 ms


def helio(body, jd):
    def st(c, t):
        p, v = kernel[c, t].compute_and_differentiate(jd)
        return np.concatenate([p, v / 86400.0])
    s = st(0, 3) + st(3, 399) if body == 399 else st(0, 4) + st(4, 499)
    return s - st(0, 10)


def transfer(jd1, tof_d):
    e, m = helio(399, jd1), helio(499, jd1 + tof_d)
    v1, v2 = izzo(GM_SUN, e[:3], m[:3], tof_d * 86400.0, 0, True, True, 35, 1e-12)
    vd = v1 - e[3:]
    return float(vd @ vd), np.degrees(np.arcsin(vd[2] / np.linalg.norm(vd))), \
        float(np.linalg.norm(v2 - m[3:]))


def jd_of(utc):
    t = datetime.datetime.fromisoformat(utc)
    j2000 = datetime.datetime(2000, 1, 1, 12, 0, 0)
    return 2451545.0 + ((t - j2000).total_seconds() + TDB_UTC) / 86400.0


D0 = 2459792.5  # 2022-08-01 TDB
grid = [(transfer(D0 + i, 150.0 + k)[0], i, k) for i in range(0, 91, 1)
        for k in range(0, 151, 3)]
c3g, ig, kg = min(grid)
res = minimize(lambda x: transfer(x[0], x[1])[0], [D0 + ig, 150.0 + kg],
               method="Nelder-Mead", bounds=[(D0, D0 + 90.0), (150.0, 300.0)],
               options={"xatol": 1e-7, "fatol": 1e-12, "maxiter": 4000})
peer_c3, (peer_jd, peer_tof) = res.fun, res.x

rc, out, err = run(["window", "--ephemeris", DE421, "--to", "Mars",
                    "--depart", "2022-08-01 TDB/2022-10-30 TDB", "--tof", "150d/300d",
                    "--format", "json"])
check_eq("ilrs window exit", rc, 0, err.strip())
doc = json.loads(out)
opt = doc["optimum"]
check_close("least C3 (km^2/s^2)", opt["c3_km2s2"], peer_c3, 1e-7 * peer_c3,
            "scipy Nelder-Mead over jplephem + poliastro izzo")
check_close("departure of least C3 (JD TDB)", jd_of(opt["depart_utc"]), peer_jd,
            0.05, "same; flat valley")
check_close("tof of least C3 (d)", opt["tof_days"], peer_tof, 0.05, "same")

# With constraints: every window row meets them and matches the peers.
rc, out, err = run(["window", "--ephemeris", DE421, "--to", "Mars",
                    "--depart", "2022-08-01 TDB/2022-10-30 TDB", "--tof", "150d/300d",
                    "--c3-max", "22", "--dla-max", "45", "--vinf-arr-max", "4",
                    "--format", "json"])
check_eq("constrained window exit", rc, 0, err.strip())
doc = json.loads(out)
rows = doc["window"]
check_true("constrained window has rows", len(rows) > 0, "2022 opportunity")
bad = [r for r in rows if r["c3_km2s2"] > 22 or abs(r["dla_deg"]) > 45
       or r["vinf_arr_kms"] > 4]
check_eq("rows breaking a constraint", len(bad), 0, "--c3-max 22 --dla-max 45 "
         "--vinf-arr-max 4")
worst = 0.0
for r in rows:
    c3, dla, va = transfer(jd_of(r["depart_utc"]), r["tof_days"])
    worst = max(worst, abs(c3 - r["c3_km2s2"]) / c3)
check_le("window rows C3 vs peers (max rel)", worst, 1e-6,
         "jplephem + poliastro; dates printed to 1 s")
o = doc["optimum"]
check_true("constrained optimum meets the constraints",
           o["c3_km2s2"] <= 22 and abs(o["dla_deg"]) <= 45 and o["vinf_arr_kms"] <= 4,
           "the constraints given")
done()
