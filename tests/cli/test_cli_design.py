"""`ilrs porkchop` and `ilrs window` through the real binary: options,
output formats, plot and OEM files, small bodies, and bad input (one clear
line on stderr, exit 2 for usage, 1 when the work fails).

Numbers are checked against python3-jplephem reading the same DE421
excerpt (the OEM arc must end at Mars) and PIL (the plot is a real PNG).
"""
import csv
import json
import os
import sys
import tempfile

import numpy as np
from jplephem.spk import SPK

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "peer"))
from ilrs_check import (check_close, check_eq, check_in, check_le,  # noqa: E402
                        check_true, data, done, run)

DE421 = data("ephem/de421-2022-2026.bsp")
NEA = data("smallbody/NEA-2019-07-02.txt")
TMP = tempfile.mkdtemp()
BASE = ["--ephemeris", DE421, "--to", "Mars"]
PC = ["porkchop"] + BASE + ["--depart", "2022-08-01/2022-10-30",
                            "--arrive", "2023-03-01/2023-10-28", "--step", "5d"]
WIN = ["window"] + BASE + ["--depart", "2022-08-01/2022-10-30",
                           "--tof", "150d/300d", "--step", "2d"]


def test_help():
    rc, out, _ = run(["--help"])
    for cmd in ("porkchop", "window"):
        check_in(f"ilrs --help lists {cmd}", cmd, out, "command table")
    for cmd, opts in (("porkchop", ["from", "to", "depart", "arrive", "step",
                                    "revs", "objective", "plot", "csv",
                                    "format", "ephemeris", "elements",
                                    "threads", "park-alt", "capture-peri",
                                    "capture-apo"]),
                      ("window", ["from", "to", "depart", "tof", "step", "revs",
                                  "objective", "c3-max", "dla-max",
                                  "vinf-arr-max", "park-alt", "capture-peri",
                                  "capture-apo", "format", "oem", "ephemeris",
                                  "elements", "threads"])):
        rc, out, _ = run([cmd, "--help"])
        check_eq(f"{cmd} --help exit", rc, 0, "help")
        missing = [o for o in opts if f"--{o}" not in out]
        check_eq(f"{cmd} --help documents every option", missing, [],
                 "each option has a line")


def bad(name, args, code, needle):
    rc, out, err = run(args)
    check_eq(f"{name}: exit", rc, code, "2 usage, 1 work failed")
    lines = [x for x in err.splitlines() if x.strip()]
    check_eq(f"{name}: one line on stderr", len(lines), 1, err.strip())
    check_in(f"{name}: names the problem", needle, err, "clear message")
    check_eq(f"{name}: nothing on stdout", out, "", "no partial output")


def test_bad_input():
    bad("zero tof", ["window"] + BASE + ["--depart", "2022-08-01/2022-09-01",
                                         "--tof", "0d/100d"], 2, "--tof")
    bad("negative tof", ["window"] + BASE + ["--depart", "2022-08-01/2022-09-01",
                                             "--tof", "-5d/100d"], 2, "--tof")
    bad("tof max below min", ["window"] + BASE + ["--depart",
        "2022-08-01/2022-09-01", "--tof", "300d/100d"], 2, "below MIN")
    bad("tof without unit or slash", ["window"] + BASE + ["--depart",
        "2022-08-01/2022-09-01", "--tof", "200"], 2, "--tof")
    bad("D1 before D0", ["porkchop"] + BASE + ["--depart", "2022-10-01/2022-08-01",
        "--arrive", "2023-03-01/2023-06-01"], 2, "before the first")
    bad("range without slash", ["porkchop"] + BASE + ["--depart", "2022-08-01",
        "--arrive", "2023-03-01/2023-06-01"], 2, "--depart")
    bad("empty range", ["porkchop"] + BASE + ["--depart", "/",
        "--arrive", "2023-03-01/2023-06-01"], 2, "--depart")
    bad("bad date", ["porkchop"] + BASE + ["--depart", "2022-13-01/2022-14-01",
        "--arrive", "2023-03-01/2023-06-01"], 2, "--depart")
    bad("arrivals all before departures", ["porkchop"] + BASE + ["--depart",
        "2023-08-01/2023-09-01", "--arrive", "2023-03-01/2023-06-01"], 2,
        "--arrive")
    bad("unknown body", ["porkchop", "--ephemeris", DE421, "--to", "Vulcan",
        "--depart", "2022-08-01/2022-09-01", "--arrive", "2023-03-01/2023-06-01"],
        2, "Vulcan")
    bad("outside ephemeris coverage", ["porkchop"] + BASE + ["--depart",
        "2030-01-01/2030-02-01", "--arrive", "2030-08-01/2030-09-01"], 1,
        "coverage")
    bad("zero step", PC[:-1] + ["0d"], 2, "--step")
    bad("revs out of range", PC + ["--revs", "99"], 2, "--revs")
    bad("unknown objective", PC + ["--objective", "fuel"], 2, "--objective")
    bad("negative C3 limit", WIN + ["--c3-max", "-1"], 2, "--c3-max")
    bad("negative parking altitude", WIN + ["--park-alt", "-200"], 2,
        "--park-alt")
    bad("apoapsis below periapsis", WIN + ["--capture-peri", "500",
        "--capture-apo", "300"], 2, "--capture-apo")
    bad("unwritable plot", PC + ["--plot", "/nonexistent-dir/pc.png"], 1,
        "--plot")
    bad("unknown plot format", PC + ["--plot", os.path.join(TMP, "pc.gif")], 1,
        "--plot")
    bad("missing --to", ["window", "--depart", "2022-08-01/2022-09-01",
                         "--tof", "100d/200d"], 2, "--to")


def test_porkchop_outputs():
    path_csv, path_png = os.path.join(TMP, "pc.csv"), os.path.join(TMP, "pc.png")
    rc, out, err = run(PC + ["--format", "json", "--csv", path_csv, "--plot",
                             path_png])
    check_eq("porkchop json exit", rc, 0, err.strip())
    doc = json.loads(out)
    check_eq("grid size", (doc["n_depart"], doc["n_arrive"]), (19, 49),
             "91 d and 241 d at 5 d")
    check_in("source named", "de421-2022-2026.bsp", doc["source"], "metadata")
    rows = list(csv.DictReader(open(path_csv)))
    check_eq("CSV rows", len(rows), 19 * 49, "one per cell")
    c3 = [float(r["c3_km2s2"]) for r in rows if r["c3_km2s2"]]
    check_close("JSON optimum is the CSV minimum", doc["optimum"]["c3_km2s2"],
                min(c3), 1e-9 * min(c3), "same grid")
    from PIL import Image
    img = Image.open(path_png).convert("RGB")
    check_eq("plot size (px)", img.size, (1000, 780), "1000 x 780 pt PNG")
    px = np.asarray(img).reshape(-1, 3).astype(int)
    blue = np.sum((px[:, 2] > 150) & (px[:, 0] < 80))
    red = np.sum((px[:, 0] > 150) & (px[:, 2] < 80) & (px[:, 1] < 80))
    check_true("plot has C3 (blue) contours", blue > 2000, f"{blue} blue px")
    check_true("plot has v-inf (red) contours", red > 1000, f"{red} red px")
    rc1, out1, _ = run(PC + ["--format", "json", "--threads", "1"])
    check_eq("one thread gives the same optimum", json.loads(out1)["optimum"],
             doc["optimum"], "deterministic cells")


def test_window_json_and_oem():
    oem = os.path.join(TMP, "arc.oem")
    rc, out, err = run(WIN + ["--format", "json", "--oem", oem, "--c3-max", "22",
                              "--dla-max", "45"])
    check_eq("window json exit", rc, 0, err.strip())
    doc = json.loads(out)
    keys = ["depart_utc", "arrive_utc", "tof_days", "c3_km2s2", "vinf_dep_kms",
            "dla_deg", "rla_deg", "vinf_arr_kms", "dv_depart_kms",
            "dv_arrive_kms", "dv_total_kms"]
    check_eq("optimum keys", [k for k in keys if k not in doc["optimum"]], [],
             "the documented row")
    check_true("window rows", len(doc["window"]) > 0 and all(
        all(k in r for k in keys) for r in doc["window"]), "rows like the optimum")
    check_true("window rows within constraints", all(
        r["c3_km2s2"] <= 22 and abs(r["dla_deg"]) <= 45 for r in doc["window"]),
        "--c3-max 22 --dla-max 45")
    # The OEM arc ends where Mars is at arrival (jplephem, same file).
    lines = [x for x in open(oem) if x[:1].isdigit()]
    last = lines[-1].split()
    t = np.datetime64(last[0])
    jd = 2451545.0 + (t - np.datetime64("2000-01-01T12:00:00")) / np.timedelta64(1, "s") / 86400.0
    k = SPK.open(DE421)
    mars = k[0, 4].compute(jd) + k[4, 499].compute(jd) - k[0, 10].compute(jd)
    end = np.array([float(x) for x in last[1:4]])
    check_le("OEM arc ends at Mars (km)", float(np.linalg.norm(end - mars)), 10.0,
             "jplephem Mars at the arrival epoch; Lambert endpoint")
    text = open(oem).read()
    check_in("OEM centre", "CENTER_NAME = SUN", text, "heliocentric arc")
    check_in("OEM frame", "REF_FRAME = EME2000", text, "ICRF")


def test_small_bodies():
    rc, out, err = run(["porkchop", "--ephemeris", DE421, "--to", "Kamo`oalewa",
                        "--depart", "2025-04-01/2025-07-01", "--arrive",
                        "2026-04-01/2026-09-01", "--step", "5d", "--format", "json"])
    check_eq("Kamo`oalewa from the catalog", rc, 0, err.strip())
    doc = json.loads(out)
    check_eq("catalog source", doc["to_source"], "bundled catalog", "no file given")
    check_eq("rendezvous at a small body", doc["arrival"], "rendezvous", "no capture")
    o = doc["optimum"]
    check_close("rendezvous dv = arrival v-inf", o["dv_arrive_kms"],
                o["vinf_arr_kms"], 1e-9, "definition")
    rc, out, err = run(["porkchop", "--ephemeris", DE421, "--to", "469219",
                        "--elements", NEA, "--depart", "2025-04-01/2025-07-01",
                        "--arrive", "2026-04-01/2026-09-01", "--step", "5d",
                        "--format", "json"])
    check_eq("469219 from the element file", rc, 0, err.strip())
    check_eq("element file source", json.loads(out)["to_source"],
             "elements file", "--elements first")
    rc, out, err = run(["window", "--ephemeris", DE421, "--to", "311P",
                        "--depart", "2024-01-01/2024-12-31", "--tof", "200d/600d",
                        "--step", "4d", "--format", "json"])
    check_eq("311P window exit", rc, 0, err.strip())
    check_true("311P optimum", json.loads(out)["optimum"] is not None,
               "comet from the catalog")


def test_edges():
    """An optimum at an end of the searched range is named, in JSON and in
    the table. In August 2022 the least C3 with 150-300 d of flight is on
    the longest arcs (the 2022 optimum departs in September: test_design),
    so a search of 1-20 August ends on one of its ends; which ones must
    agree with the optimum's own dates (within half the 2 d step)."""
    early = ["--depart", "2022-08-01/2022-08-20"]
    rc, out, err = run(["window"] + BASE + early +
                       ["--tof", "150d/300d", "--step", "2d", "--format", "json"])
    check_eq("window json exit", rc, 0, err.strip())
    doc = json.loads(out)
    o = doc["optimum"]
    day = o["depart_utc"][:19]
    dep = (np.datetime64(day) - np.datetime64("2022-08-01T00:00:00")) / \
        np.timedelta64(1, "D")
    want = (["depart_first"] if dep <= 1.0 else []) + \
        (["depart_last"] if 19.0 - dep <= 1.0 else []) + \
        (["tof_min"] if o["tof_days"] - 150.0 <= 1.0 else []) + \
        (["tof_max"] if 300.0 - o["tof_days"] <= 1.0 else [])
    check_eq("window edges = the optimum's own dates",
             doc["optimum_at_edge"], want, "half of the 2 d step")
    check_true("August 2022 optimum on an edge", len(want) > 0,
               f"{day}, {o['tof_days']:.2f} d")
    rc, out, err = run(["window"] + BASE + early + ["--tof", "150d/300d",
                                                    "--step", "2d"])
    check_in("table notes the edge",
             "note: the optimum is at the edge of the searched range (", out,
             "one line after the optimum")
    rc, out, err = run(WIN + ["--format", "json"])
    check_eq("2022 optimum inside August-October, 150-300 d",
             json.loads(out)["optimum_at_edge"], [], "departs 2022-09-07")
    path_csv = os.path.join(TMP, "edge.csv")
    rc, out, err = run(["porkchop"] + BASE + early +
                       ["--arrive", "2023-03-01/2023-10-28", "--step", "5d",
                        "--format", "json", "--csv", path_csv])
    check_eq("porkchop json exit", rc, 0, err.strip())
    rows = [r for r in csv.DictReader(open(path_csv)) if r["c3_km2s2"]]
    best = min(rows, key=lambda r: float(r["c3_km2s2"]))
    deps = sorted({r["depart_utc"] for r in rows})
    arrs = sorted({r["arrive_utc"] for r in rows})
    want = (["depart_first"] if best["depart_utc"] == deps[0] else []) + \
        (["depart_last"] if best["depart_utc"] == deps[-1] else []) + \
        (["arrive_first"] if best["arrive_utc"] == arrs[0] else []) + \
        (["arrive_last"] if best["arrive_utc"] == arrs[-1] else [])
    check_eq("porkchop edge = where the CSV's least C3 lies",
             json.loads(out)["optimum_at_edge"], want, "the grid's own cells")
    check_in("... which is its last departure date", "depart_last", want,
             "2022 optimum departs in September")


test_help()
test_bad_input()
test_porkchop_outputs()
test_window_json_and_oem()
test_small_bodies()
test_edges()
done()
