"""The ilrs command through the real binary: arguments, output, exit codes.

Numbers here are checked against python3-jplephem reading the same SPK file
(an independent SPK implementation) and numpy rotations.
"""
import csv
import io
import json
import os
import sys

import numpy as np
from jplephem.spk import SPK

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "peer"))
from ilrs_check import (check_close, check_eq, check_in, check_true, data,
                        done, run)

DE421 = data("ephem/de421-2022-2026.bsp")
J2000_JD = 2451545.0


def test_help():
    rc, out, err = run(["--help"])
    check_eq("ilrs --help exit", rc, 0, "help is not an error")
    for cmd in ("ephem", "time"):
        check_in(f"--help lists {cmd}", cmd, out, "every subcommand is listed")
    rc, out, err = run([])
    check_eq("ilrs without command exit", rc, 2, "usage error")
    rc, out, err = run(["frobnicate"])
    check_eq("unknown command exit", rc, 2, "usage error")
    check_in("unknown command named", "frobnicate", err, "error names it")
    for cmd in ("ephem", "time"):
        rc, out, err = run([cmd, "--help"])
        check_eq(f"ilrs {cmd} --help exit", rc, 0, "help")
        check_in(f"ilrs {cmd} --help usage line", f"usage: ilrs {cmd}", out, "help text")


def test_ephem_json():
    rc, out, err = run(["ephem", "--ephemeris", DE421, "--target", "Moon",
                        "--center", "Earth", "--from", "2024-06-01T00:00:00 TDB",
                        "--format", "json"])
    check_eq("ephem json exit", rc, 0, err.strip())
    doc = json.loads(out)
    check_in("json source names the file", "de421-2022-2026.bsp", doc["source"],
             "every output says which source it used")
    check_eq("json frame", doc["frame"], "ICRF", "default frame")
    check_eq("json center", doc["center"], "EARTH", "--center Earth")
    check_eq("json units", doc["units"]["position"], "km", "metadata")
    check_eq("json rows", len(doc["rows"]), 1, "one epoch, one target")
    row = doc["rows"][0]
    kernel = SPK.open(DE421)
    tdb = 2460462.5  # 2024-06-01T00:00 TDB
    p1, v1 = kernel[3, 301].compute_and_differentiate(tdb)
    p2, v2 = kernel[3, 399].compute_and_differentiate(tdb)
    want_p = p1 - p2
    want_v = (v1 - v2) / 86400.0
    got_p = np.array(row["position"])
    got_v = np.array(row["velocity"])
    check_close("json Moon-Earth position vs jplephem (km)",
                float(np.linalg.norm(got_p - want_p)), 0.0, 1e-6,
                "python3-jplephem on the same file; SPK reader bound")
    check_close("json Moon-Earth velocity vs jplephem (km/s)",
                float(np.linalg.norm(got_v - want_v)), 0.0, 1e-9,
                "python3-jplephem on the same file")
    check_close("json tdb_seconds", row["tdb_seconds"], (tdb - J2000_JD) * 86400.0,
                1e-6, "2024-06-01 TDB is JD 2460462.5")
    kernel.close()


def test_ephem_csv_range_and_frame():
    args = ["ephem", "--ephemeris", DE421, "--target", "Mars barycenter",
            "--center", "Sun", "--from", "2024-06-01", "--to", "2024-06-02",
            "--step", "6h", "--format", "csv"]
    rc, out, err = run(args)
    check_eq("ephem csv exit", rc, 0, err.strip())
    rows = [r for r in csv.reader(io.StringIO(out)) if r and not r[0].startswith("#")]
    check_eq("csv header", rows[0][:4], ["epoch", "tdb_seconds", "target", "naif_id"],
             "documented columns")
    check_eq("csv rows for 1 day at 6h", len(rows) - 1, 5, "inclusive range: 0,6,12,18,24 h")
    icrf = np.array([[float(x) for x in r[4:10]] for r in rows[1:]])
    rc, out, err = run(args + ["--frame", "ECLIPJ2000"])
    rows = [r for r in csv.reader(io.StringIO(out)) if r and not r[0].startswith("#")]
    ecl = np.array([[float(x) for x in r[4:10]] for r in rows[1:]])
    eps = 84381.448 / 3600.0 * np.pi / 180.0  # IAU 1976 obliquity, SPICE ECLIPJ2000
    rot = np.array([[1, 0, 0], [0, np.cos(eps), np.sin(eps)],
                    [0, -np.sin(eps), np.cos(eps)]])
    want = (rot @ icrf[:, :3].T).T
    check_close("ECLIPJ2000 = R1(eps) ICRF (km)", float(np.abs(ecl[:, :3] - want).max()),
                0.0, 1e-6, "rotation by the J2000 obliquity 84381.448 arcsec")


def test_ephem_errors():
    cases = [
        (["ephem", "--fram", "ICRF"], 2, "--fram"),
        (["ephem", "--target", "Vulcan"], 2, "Vulcan"),
        (["ephem", "--from", "2024-02-30"], 2, "2024-02-30"),
        (["ephem", "--from", "2024-06-01", "--to", "2024-06-02", "--step", "6"], 2, "--step"),
        (["ephem", "--from", "2024-06-01", "--to", "2024-06-02"], 2, "--step"),
        (["ephem", "--from", "2024-06-02", "--to", "2024-06-01", "--step", "1h"], 2, "before"),
        (["ephem", "--frame", "galactic"], 2, "galactic"),
        (["ephem", "--format", "xml"], 2, "xml"),
        (["ephem", "--ephemeris", DE421, "--from", "1990-01-01"], 1, "outside"),
        (["ephem", "--ephemeris", "no/such.bsp"], 1, "no/such.bsp"),
    ]
    for args, code, needle in cases:
        rc, out, err = run(args)
        label = " ".join(a if a != DE421 else "DE421" for a in args)
        check_eq(f"'{label}' exit", rc, code, "bad input exits non-zero")
        check_in(f"'{label}' message", needle, err, "the error names what was wrong")
        check_eq(f"'{label}' one line", err.count("\n"), 1, "one clear line on stderr")


def test_elements_errors():
    """Elements written out on the command line and JPL asteroid files with
    a bad field: one line naming the key (or the file, line and columns)."""
    good = "a=1.2,e=0.1,i=3,node=40,argp=50,M=60,epoch=2026-01-01"
    cases = [
        ("a=1.2,e=0.1,i=3,node=40,argp=50,M=60", "epoch"),
        ("a=1.2,e=0.1,i=3,node=40,M=60,epoch=2026-01-01", "argp"),
        (good + ",colour=red", "colour"),
        (good + ",e=0.2", "twice"),
        ("a=1.2,q=1.0,e=0.1,i=3,node=40,argp=50,M=60,epoch=2026-01-01", "one of a"),
        ("a=1.2,e=1.5,i=3,node=40,argp=50,M=60,epoch=2026-01-01", "e >= 1"),
        ("q=1.2,e=1.5,i=3,node=40,argp=50,M=60,epoch=2026-01-01", "tp"),
        ("a=1.2,e=0.1,i=three,node=40,argp=50,M=60,epoch=2026-01-01", "i"),
        ("a=-1,e=0.1,i=3,node=40,argp=50,M=60,epoch=2026-01-01", "> 0"),
        ("a=1.2,e=0.1,i=3,node=40,argp=50,M=60,epoch=2026-13-01", "2026-13-01"),
        ("a=1.2,e=0.1,i=3,node=40,argp=50,tp=", "tp"),
    ]
    for spec, needle in cases:
        for args in (["ephem", "--ephemeris", "analytic", "--target", spec],
                     ["window", "--ephemeris", "analytic", "--to", spec,
                      "--depart", "2026-01-01/2026-02-01", "--tof", "100d/200d"]):
            rc, out, err = run(args)
            label = f"{args[0]} '{spec}'"
            check_eq(f"{label} exit", rc, 2, "bad elements are a usage error")
            check_in(f"{label} message", needle, err, "names the key")
            check_eq(f"{label} one line", err.count("\n"), 1, "one line")
    rc, out, err = run(["ephem", "--ephemeris", "analytic", "--target", good])
    check_eq("elements written out: accepted", rc, 0, err.strip())
    head = (" Num   Name              Epoch      a          e        i         w"
            "        Node        M         H     G   Ref\n"
            "------ ----------------- ----- ---------- ---------- --------- "
            "--------- --------- ----------- ----- ----- ----------\n")
    line = ("     1 Ceres             60200  2.7672544 0.07891253  10.58688"
            "  73.42180  80.25498  60.0787728  3.33  0.12 JPL 48\n")
    path = os.path.join(os.environ.get("TMPDIR", "/tmp"), f"numbr-{os.getpid()}")
    for bad, needle in ((line.replace("2.7672544", "2.767254x"), "columns 32-41: a"),
                        (line.replace("0.07891253", "1.07891253"), "e must be"),
                        (line.replace("     1 Ceres", "    x1 Ceres"), "Num")):
        with open(path, "w") as f:
            f.write(head + bad)
        rc, out, err = run(["ephem", "--ephemeris", "analytic", "--elements", path,
                            "--target", "Ceres"])
        check_eq(f"ELEMENTS.NUMBR with {needle}: exit", rc, 1, "the file is bad")
        check_in(f"ELEMENTS.NUMBR with {needle}: message", needle, err, "names the field")
        check_in(f"ELEMENTS.NUMBR with {needle}: file and line", "line 3", err,
                 "names the line")
    os.remove(path)


def test_ephemeris_choice():
    rc, out, err = run(["ephem", "--target", "Moon", "--from", "2024-06-01",
                        "--format", "json"], extra_env={"ILRS_EPHEMERIS": "analytic"})
    check_in("ILRS_EPHEMERIS=analytic is used", "analytic", json.loads(out)["source"],
             "environment choice")
    rc, out, err = run(["ephem", "--ephemeris", DE421, "--target", "Moon",
                        "--from", "2024-06-01", "--format", "json"],
                       extra_env={"ILRS_EPHEMERIS": "analytic"})
    check_in("--ephemeris beats ILRS_EPHEMERIS", "de421", json.loads(out)["source"],
             "explicit option first")
    de405 = os.path.exists("/usr/share/casacore/data/ephemerides/DE405/table.f0i")
    rc, out, err = run(["ephem", "--target", "Moon", "--from", "2024-06-01",
                        "--format", "json"], extra_env={"ILRS_EPHEMERIS": ""})
    want = "DE405" if de405 else "analytic"
    check_in("default source", want, json.loads(out)["source"],
             "DE405 if installed, else analytic")


def test_time():
    rc, out, err = run(["time", "2016-12-31T23:59:60", "--to", "TAI"])
    check_eq("time leap second exit", rc, 0, err.strip())
    check_eq("leap second 2016-12-31T23:59:60 UTC in TAI", out.strip(),
             "2017-01-01T00:00:36.000000 TAI",
             "TAI-UTC = 36 s before 2017-01-01 (IERS Bulletin C 52)")
    rc, out, err = run(["time", "2017-01-01T00:00:36.5 TAI", "--to", "UTC"])
    check_eq("TAI inside the leap second prints :60", out.strip(),
             "2016-12-31T23:59:60.500000 UTC", "IERS Bulletin C 52 leap second")
    rc, out, err = run(["time", "2000-01-01T12:00:00", "TT", "--to", "UTC"])
    check_eq("J2000 TT in UTC", out.strip(), "2000-01-01T11:58:55.816000 UTC",
             "TT-UTC = 32.184 + 32 s in 2000 (IERS)")
    rc, out, err = run(["time", "JD 2451545.0", "--scale", "TDB", "--to", "TT", "--as", "jd"])
    check_true("JD input, JD output", out.startswith("2451545.0000000"),
               "TDB-TT < 2 ms at J2000 (Fairhead & Bretagnon)")
    rc, out, err = run(["time", "2024-06-01", "--format", "json"])
    doc = json.loads(out)
    check_eq("json scales", sorted(k for k in doc if k.isupper()),
             ["TAI", "TDB", "TT", "UTC"], "every scale printed")
    for args, needle in ((["time", "2024-13-01"], "2024-13-01"),
                         (["time", "2024-06-01", "--to", "GPS"], "GPS"),
                         (["time"], "EPOCH"),
                         (["time", "2015-12-31T23:59:60"], "23:59:60")):
        rc, out, err = run(args)
        check_eq(f"'{' '.join(args)}' exit", rc, 2, "bad input")
        check_in(f"'{' '.join(args)}' message", needle, err, "names what was wrong")


def test_stray_arguments():
    """Every subcommand that takes only options refuses a stray word (the
    shared opening, cli_start), naming it, before doing any work."""
    for cmd in ("ephem", "lambert", "porkchop", "window", "lunar-transfer",
                "cr3bp", "site", "illum"):
        rc, out, err = run([cmd, "--help"])
        check_eq(f"{cmd} --help exit", rc, 0, "help")
        rc, out, err = run([cmd, "stray-word"])
        check_eq(f"{cmd} stray word exit", rc, 2, "usage error")
        check_in(f"{cmd} stray word named", "stray-word", err, "names it")
        check_eq(f"{cmd} stray word: nothing on stdout", out, "", "no work done")


test_help()
test_stray_arguments()
test_ephem_json()
test_ephem_csv_range_and_frame()
test_ephem_errors()
test_elements_errors()
test_ephemeris_choice()
test_time()
done()
