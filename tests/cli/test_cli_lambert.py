"""`ilrs lambert` through the real binary: results against Vallado's
example 7-5, vis-viva (180 deg Hohmann arc) and python3-poliastro's izzo
(multi-revolution), the body-name and unit conveniences, and every kind
of bad input (exit 2, one line on stderr naming what was wrong).
"""
import json
import os
import sys

import numpy as np
from poliastro.core.iod import izzo

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "peer"))
from ilrs_check import check_close, check_eq, check_in, check_le, check_true, done, run

GM_EARTH_DE440 = 398600.435507  # km^3/s^2, JPL gm_de440.tpc (BODY399_GM)


def lam(*args):
    rc, out, err = run(["lambert", *args])
    return rc, out, err


def test_help():
    rc, out, _ = run(["--help"])
    check_in("ilrs --help lists lambert", "lambert", out, "command table")
    rc, out, _ = lam("--help")
    check_eq("lambert --help exit", rc, 0, "help")
    for opt in ("--mu", "--r1", "--r2", "--tof", "--revs", "--retrograde",
                "--normal", "--format"):
        check_in(f"--help documents {opt}", opt, out, "every option documented")


def test_vallado():
    # Vallado, Fundamentals of Astrodynamics 4th ed., Example 7-5 (76 min,
    # mu 398600.4418): v1 = (2.058913, 2.915965, 0) km/s,
    # v2 = (-3.451565, 0.910315, 0) km/s, printed to 1e-6 (the book's
    # rounding reaches 1.5e-6 in y).
    rc, out, err = lam("--mu", "398600.4418", "--r1", "15945.34,0,0", "--r2",
                       "12214.83899,10249.46731,0", "--tof", "4560",
                       "--format", "json")
    check_eq("Vallado 7-5 exit", rc, 0, err)
    sols = json.loads(out)
    check_eq("Vallado 7-5: one solution", len(sols), 1, "revs 0")
    s = sols[0]
    check_eq("JSON fields", sorted(s), ["branch", "revs", "v1", "v2"], "documented")
    check_eq("branch of the direct arc", s["branch"], "single", "documented")
    for got, want, name in ((s["v1"][0], 2.058913, "v1x"), (s["v1"][1], 2.915965, "v1y"),
                            (s["v2"][0], -3.451565, "v2x"), (s["v2"][1], 0.910315, "v2y")):
        check_close(f"Vallado 7-5 {name} (km/s)", got, want, 1.5e-6, "Vallado ex. 7-5")
    # Same problem in minutes and with --mu earth (DE440 GM): same as the
    # explicit number.
    rc1, out1, _ = lam("--mu", "earth", "--r1", "15945.34,0,0", "--r2",
                       "12214.83899,10249.46731,0", "--tof", "76m", "--format", "json")
    rc2, out2, _ = lam("--mu", repr(GM_EARTH_DE440), "--r1", "15945.34,0,0", "--r2",
                       "12214.83899,10249.46731,0", "--tof", "4560", "--format", "json")
    check_true("--mu earth and --tof 76m equal the explicit numbers",
               rc1 == 0 and out1 == out2, "JPL DE440 GM of the Earth; 76 min = 4560 s")
    rc, out, err = lam("--mu", "earth", "--r1", "15945.34,0,0", "--r2",
                       "12214.83899,10249.46731,0", "--tof", "4560")
    check_eq("table format exit", rc, 0, err)
    check_in("table header names units", "km/s", out, "units printed")
    check_true("table has one data row", len([l for l in out.splitlines()
                                              if l.strip().startswith("0 ")]) == 1, "revs 0")


def test_multirev_vs_poliastro():
    mu = 398600.4418
    r1 = np.array([7000.0, 1200.0, -300.0])
    r2 = np.array([-5000.0, 9000.0, 2500.0])
    tof = 6.5 * 3600.0
    for retro in (False, True):
        args = ["--mu", repr(mu), "--r1", ",".join(map(repr, r1)), "--r2",
                ",".join(map(repr, r2)), "--tof", repr(tof), "--revs", "3",
                "--format", "json"] + (["--retrograde"] if retro else [])
        rc, out, err = lam(*args)
        check_eq(f"multi-rev exit (retrograde={retro})", rc, 0, err)
        sols = json.loads(out)
        worst, count = 0.0, 1
        for m in range(1, 4):
            for low in (True, False):
                try:
                    v1, v2 = izzo(mu, r1, r2, tof, m, not retro, low, 100, 1e-12)
                except ValueError:
                    continue
                count += 1
                want = np.concatenate([v1, v2])
                rel = min(np.abs(np.array(s["v1"] + s["v2"]) - want).max() / np.abs(want).max()
                          for s in sols if s["revs"] == m)
                worst = max(worst, rel)
        check_eq(f"solution count (retrograde={retro})", len(sols), count,
                 "poliastro izzo: feasible revolution counts x 2 + 1")
        check_le(f"velocities vs poliastro (retrograde={retro})", worst, 1e-10,
                 "python3-poliastro izzo, rtol 1e-12")
        h = np.cross(r1, sols[0]["v1"])
        check_true(f"sense of motion (retrograde={retro})", (h[2] < 0) == retro,
                   "h_z > 0 prograde")


def test_half_turn():
    # Hohmann half ellipse 7000 -> 42164 km: vis-viva perigee speed.
    mu, ra, rb = 398600.4418, 7000.0, 42164.0
    a = (ra + rb) / 2
    tof = np.pi * np.sqrt(a ** 3 / mu)
    vp = np.sqrt(mu * (2 / ra - 1 / a))
    rc, out, err = lam("--mu", repr(mu), "--r1", "7000,0,0", "--r2", "-42164,0,0",
                       "--tof", repr(tof), "--normal", "0,0,1", "--format", "json")
    check_eq("180 deg with --normal exit", rc, 0, err)
    v1 = json.loads(out)[0]["v1"]
    check_close("180 deg: v1y / vis-viva", v1[1] / vp, 1.0, 1e-12,
                "vis-viva, Vallado eq. 1-31")


def test_bad_input():
    base = {"--mu": "earth", "--r1": "7000,0,0", "--r2": "0,8000,0", "--tof": "3600"}

    def args(**over):
        d = dict(base)
        for k, v in over.items():
            d["--" + k] = v
        out = []
        for k, v in d.items():
            if v is not None:
                out += [k, v]
        return out

    cases = [
        ("zero tof", args(tof="0"), "--tof"),
        ("negative tof", args(tof="-60"), "--tof"),
        ("tof not a number", args(tof="soon"), "--tof"),
        ("missing tof", args(tof=None), "--tof"),
        ("zero r1", args(r1="0,0,0"), "--r1"),
        ("zero r2", args(r2="0,0,0"), "--r2"),
        ("coincident positions", args(r2="7000,0,0"), "same point"),
        ("same direction (0 deg)", args(r2="9000,0,0"), "same way"),
        ("180 deg without --normal", args(r2="-8000,0,0"), "--normal"),
        ("two components", args(r1="7000,0"), "--r1"),
        ("four components", args(r1="7000,0,0,1"), "--r1"),
        ("empty component", args(r2="0,,8000"), "--r2"),
        ("text component", args(r2="0,x,8000"), "--r2"),
        ("nan component", args(r2="0,nan,8000"), "--r2"),
        ("negative revs", args(revs="-1"), "--revs"),
        ("fractional revs", args(revs="1.5"), "--revs"),
        ("unknown body", args(mu="pluto"), "--mu"),
        ("negative mu", args(mu="-398600"), "--mu"),
        ("zero normal", args(normal="0,0,0"), "--normal"),
        ("malformed normal", args(normal="0,0"), "--normal"),
        ("normal along r1 at 180 deg", args(r2="-8000,0,0", normal="1,0,0"), "parallel"),
        ("unknown format", args(format="xml"), "--format"),
        ("unknown option", args() + ["--frobnicate"], "frobnicate"),
        ("stray argument", args() + ["extra"], "extra"),
    ]
    for name, argv, needle in cases:
        rc, out, err = lam(*argv)
        check_eq(f"{name}: exit 2", rc, 2, "usage error")
        check_eq(f"{name}: one line on stderr", len(err.strip().splitlines()), 1,
                 "one clear line")
        check_in(f"{name}: names the problem", needle, err, "error says what was wrong")
        check_eq(f"{name}: nothing on stdout", out, "", "no partial output")


test_help()
test_vallado()
test_multirev_vs_poliastro()
test_half_turn()
test_bad_input()
done()
