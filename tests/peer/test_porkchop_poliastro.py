"""Porkchop grid cells against independent peers: the bodies' states from
python3-jplephem reading the same DE421 excerpt, the Lambert arc from
python3-poliastro's Izzo solver (poliastro.core.iod.izzo), C3, arrival
v-infinity, DLA and the burns computed here with numpy from their
textbook definitions (Curtis 3rd ed. eq. 8.40 and 8.58 for the parking
orbit and capture burns), with GM and radii read from NAIF's gm_de440.tpc
and pck00011.tpc. Every cell of an Earth-Mars 2022 grid must agree to
1e-8 relative: the two Lambert codes converge to ~1e-13 and the two SPK
readers agree to ~1e-7 km on ~2e8 km positions (tests/peer/
test_spk_jplephem.py), far below that.
"""
import csv
import os
import re
import sys
import tempfile

import numpy as np
from jplephem.spk import SPK
from poliastro.core.iod import izzo

sys.path.insert(0, os.path.dirname(__file__))
from ilrs_check import check_eq, check_le, data, done, run  # noqa: E402

DE421 = data("ephem/de421-2022-2026.bsp")
GM_SUN = None


def tpc_values(path, name):
    text = open(path).read()
    m = re.search(name + r"\s*=\s*\(([^)]*)\)", text)
    return [float(x.replace("D", "E")) for x in m.group(1).split()]


gmfile, pck = data("ephem/gm_de440.tpc"), data("ephem/pck00011.tpc")
GM_SUN = tpc_values(gmfile, "BODY10_GM")[0]
GM_E, GM_M = tpc_values(gmfile, "BODY399_GM")[0], tpc_values(gmfile, "BODY499_GM")[0]
R_E, R_M = tpc_values(pck, "BODY399_RADII")[0], tpc_values(pck, "BODY499_RADII")[0]

kernel = SPK.open(DE421)


def helio(body, jd):
    """Heliocentric state (km, km/s) of Earth (399) or Mars (499)."""
    def st(c, t):
        p, v = kernel[c, t].compute_and_differentiate(jd)
        return np.concatenate([p, v / 86400.0])
    sun = st(0, 10)
    if body == 399:
        s = st(0, 3) + st(3, 399)
    else:
        s = st(0, 4) + st(4, 499)
    return s - sun


J0 = 2459792.5  # 2022-08-01 TDB
A0 = 2460004.5  # 2023-03-01 TDB
STEP = 5.0
out = os.path.join(tempfile.mkdtemp(), "pc.csv")
rc, text, err = run(["porkchop", "--ephemeris", DE421, "--from", "Earth",
                     "--to", "Mars", "--depart", "2022-08-01 TDB/2022-10-30 TDB",
                     "--arrive", "2023-03-01 TDB/2023-10-28 TDB", "--step", "5d",
                     "--csv", out])
check_eq("ilrs porkchop exit", rc, 0, err.strip())
rows = list(csv.DictReader(open(out)))
nd, na = 19, 49
check_eq("cells in CSV", len(rows), nd * na, "19 x 49 grid")

worst = {"c3": 0.0, "vinf_arr": 0.0, "dla": 0.0, "dv_dep": 0.0, "dv_arr": 0.0}
checked = 0
for k, row in enumerate(rows):
    i, j = k % nd, k // nd
    jd1, jd2 = J0 + STEP * i, A0 + STEP * j
    e, m = helio(399, jd1), helio(499, jd2)
    v1, v2 = izzo(GM_SUN, e[:3], m[:3], (jd2 - jd1) * 86400.0, 0, True, True,
                  35, 1e-12)
    vd, va = v1 - e[3:], v2 - m[3:]
    c3 = float(vd @ vd)
    vinf_a = float(np.linalg.norm(va))
    dla = np.degrees(np.arcsin(vd[2] / np.sqrt(c3)))
    rp = R_E + 200.0
    dv_dep = np.sqrt(c3 + 2 * GM_E / rp) - np.sqrt(GM_E / rp)
    rc_ = R_M + 400.0
    dv_arr = np.sqrt(vinf_a ** 2 + 2 * GM_M / rc_) - np.sqrt(GM_M / rc_)
    got = {k2: float(row[c]) for k2, c in (("c3", "c3_km2s2"),
                                           ("vinf_arr", "vinf_arr_kms"),
                                           ("dla", "dla_deg"),
                                           ("dv_dep", "dv_depart_kms"),
                                           ("dv_arr", "dv_arrive_kms"))}
    want = {"c3": c3, "vinf_arr": vinf_a, "dla": dla, "dv_dep": dv_dep,
            "dv_arr": dv_arr}
    for key in worst:
        scale = 90.0 if key == "dla" else abs(want[key])
        worst[key] = max(worst[key], abs(got[key] - want[key]) / scale)
    checked += 1

for key, w in worst.items():
    check_le(f"max relative difference of {key} over {checked} cells", w, 1e-8,
             "jplephem states + poliastro izzo + textbook burns")
done()
