"""`ilrs lunar-transfer` and `ilrs cr3bp` through the real binary:
arguments, output, files, exit codes.

Expected numbers come from the missions' published timelines (CNSA for
Chang'e-6), the Gateway NRHO reference orbit (Lee 2019), vis-viva and
patched-conic formulas computed here with the Moon placed by
python3-jplephem, and the OEM standard.
"""
import json
import math
import os
import struct
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "peer"))
from ilrs_check import (check_close, check_eq, check_in, check_true, data,
                        done, run)

DE421 = data("ephem/de421-2022-2026.bsp")
GM_EARTH = 398600.435507   # DE440 (gm_de440.tpc)
GM_MOON = 4902.800118
R_EARTH = 6378.137         # WGS84
R_MOON = 1737.4            # IAU mean radius


def moon_distance(utc):
    """Earth-Moon distance (km) at a UTC 'YYYY-MM-DDTHH:MM' from DE421 via
    jplephem; UTC is used for TDB (69 s, under 10 m of distance)."""
    from jplephem.spk import SPK
    y, mo, d = (int(v) for v in utc[:10].split("-"))
    hh, mm = int(utc[11:13]), int(utc[14:16])
    a = (14 - mo) // 12
    yy, m2 = y + 4800 - a, mo + 12 * a - 3
    jdn = d + (153 * m2 + 2) // 5 + 365 * yy + yy // 4 - yy // 100 + \
        yy // 400 - 32045
    jd = jdn - 0.5 + (hh + mm / 60) / 24
    k = SPK.open(DE421)
    r = k[3, 301].compute(jd) - k[3, 399].compute(jd)
    k.close()
    return math.sqrt(sum(v * v for v in r))


def hohmann(r0, ra, rp):
    """TLI and LOI (into a circular orbit of radius rp) of the Hohmann
    ellipse from r0 to ra, patched at the Moon (vis-viva)."""
    tli = math.sqrt(2 * GM_EARTH / r0 - 2 * GM_EARTH / (r0 + ra)) - \
        math.sqrt(GM_EARTH / r0)
    vapo = math.sqrt(2 * GM_EARTH / ra - 2 * GM_EARTH / (r0 + ra))
    vinf = math.sqrt(GM_EARTH / ra) - vapo
    loi = math.sqrt(vinf ** 2 + 2 * GM_MOON / rp) - math.sqrt(GM_MOON / rp)
    return tli, loi


def png_size(path):
    with open(path, "rb") as f:
        head = f.read(24)
    if head[:8] != b"\x89PNG\r\n\x1a\n":
        return None
    return struct.unpack(">II", head[16:24])


def test_help():
    rc, out, err = run(["--help"])
    for cmd in ("lunar-transfer", "cr3bp"):
        check_in(f"--help lists {cmd}", cmd, out, "every subcommand is listed")
        rc, out2, err2 = run([cmd, "--help"])
        check_eq(f"{cmd} --help exit", rc, 0, "help is not an error")
        check_in(f"{cmd} --help usage", f"usage: ilrs {cmd}", out2, "help")
    rc, out, err = run(["lunar-transfer", "--help"])
    for opt in ("--site", "--depart", "--launch", "--park-alt", "--park-inc",
                "--orbit", "--inc", "--land", "--tof", "--format", "--oem",
                "--plot", "--ephemeris", "--threads"):
        check_in(f"lunar-transfer --help documents {opt}", opt, out,
                 "every option is documented")
    rc, out, err = run(["cr3bp", "--help"])
    for opt in ("--family", "--amplitude", "--period", "--jacobi", "--count",
                "--south", "--format", "--plot", "--oem", "--epoch",
                "--ephemeris"):
        check_in(f"cr3bp --help documents {opt}", opt, out,
                 "every option is documented")


def test_change6():
    # Chang'e-6: launch 2024-05-03 17:27 Beijing time (09:27 UTC) from
    # Wenchang, LOI 2024-05-08 10:12 Beijing time (02:12 UTC) after "nearly
    # 113 hours" on the transfer trajectory (CNSA via Xinhua and China
    # Daily): TLI-to-LOI 4.67 d (112.1 h).
    rc, out, err = run(["lunar-transfer", "--ephemeris", DE421, "--site",
                        "wenchang", "--depart", "2024-05-03", "--launch",
                        "2024-05-03T09:27", "--tof", "4.67", "--orbit",
                        "200x200", "--land=-41.6,-153.9", "--format",
                        "json"])
    check_eq("Chang'e-6 exit", rc, 0, err.strip())
    doc = json.loads(out)
    check_in("json names the ephemeris", "de421", doc["source"],
             "every output names its source")
    day = doc["days"][0]
    check_true("Chang'e-6 transfer exists", day["exists"], "it flew")
    check_eq("Chang'e-6 LOI day", day["loi_utc"][:10], "2024-05-08",
             "CNSA: lunar orbit insertion on 8 May 2024")
    check_close("Chang'e-6 LOI hour (UTC)",
                int(day["loi_utc"][11:13]) + int(day["loi_utc"][14:16]) / 60,
                2.2, 1.0, "CNSA: LOI at 10:12 Beijing time = 02:12 UTC; "
                          "1 h for the model's launch-to-TLI")
    ra = moon_distance(day["loi_utc"])
    rp = R_MOON + 200.0
    tli, loi = hohmann(R_EARTH + 200.0, ra, rp)
    check_close("Chang'e-6 TLI dv vs Hohmann (km/s)", day["tli_dv_kms"], tli,
                0.05, "vis-viva here, Moon distance at LOI from jplephem; "
                      "0.05 km/s for a 4.7-d flight and the Moon's pull")
    check_close("Chang'e-6 LOI dv into 200 km vs patched conic (km/s)",
                day["loi_dv_kms"], loi, 0.05,
                "Hohmann v-infinity patched at the Moon, computed here; "
                "0.05 km/s as above")
    # descent: lower perilune to 15 km at 200 km, cancel the perilune
    # speed (vis-viva), plus the documented 15% + 50 m/s losses
    rpd = R_MOON + 15.0
    vc = math.sqrt(GM_MOON / rp)
    vapo = math.sqrt(GM_MOON * (2 / rp - 2 / (rp + rpd)))
    vper = math.sqrt(GM_MOON * (2 / rpd - 2 / (rp + rpd)))
    check_close("Chang'e-6 descent dv (km/s)", day["descent_dv_kms"],
                (vc - vapo) + 1.15 * vper + 0.05, 1e-6,
                "two-impulse minimum by vis-viva computed here with the "
                "loss model of docs/earthmoon.md; 1 mm/s for JSON digits")
    check_true("Chang'e-6 parking inclination >= site latitude",
               day["park_inc_deg"] >= 19.6, "Wenchang is at 19.6 N")


def test_window_files():
    tmp = tempfile.mkdtemp()
    png = os.path.join(tmp, "window.png")
    oem = os.path.join(tmp, "transfer.oem")
    rc, out, err = run(["lunar-transfer", "--ephemeris", DE421, "--site",
                        "xichang", "--depart", "2024-06-01/2024-06-10",
                        "--park-inc", "28.5", "--plot", png, "--oem", oem])
    check_eq("window exit", rc, 0, err.strip())
    rows = [l for l in out.splitlines() if l.startswith("2024-06")]
    check_eq("one row per day", len(rows), 10, "--depart D0/D1 inclusive")
    check_true("some days open", any(l.endswith("ok") for l in rows),
               "a 28.5 deg orbit reaches the Moon on most days")
    size = png_size(png)
    check_true("plot is a PNG", size is not None and size[0] > 500,
               "--plot FILE.png")
    text = open(oem).read()
    check_in("OEM version", "CCSDS_OEM_VERS = 3.0", text, "CCSDS 502.0-B-3")
    check_in("OEM centre", "CENTER_NAME = EARTH", text, "geocentric")
    lines = [l.split() for l in text.splitlines()
             if l[:4].isdigit() and len(l.split()) == 7]
    check_true("OEM has states", len(lines) > 100, "every 10 min for ~4.5 d")
    r0 = sum(float(x) ** 2 for x in lines[0][1:4]) ** 0.5
    check_close("OEM starts in the 200 km parking orbit (km)", r0,
                6378.137 + 200, 1e-3, "TLI state")


def test_lunar_orbit_columns():
    # 100 km polar orbit, landing site at the south pole
    rc, out, err = run(["lunar-transfer", "--ephemeris", DE421, "--site",
                        "wenchang", "--depart", "2024-06-01", "--land=-89.9,0",
                        "--format", "json"])
    check_eq("south-pole landing exit", rc, 0, err.strip())
    day = json.loads(out)["days"][0]
    lam = math.acos(1737.4 * math.cos(math.radians(5)) / 1837.4) - \
        math.radians(5)
    check_close("south pole seen from the 100 km polar orbit (fraction)",
                day["site_visible_fraction"], lam / math.pi, 0.01,
                "geometry: within the central angle for a 5 deg mask each "
                "revolution (Wertz, Space Mission Engineering 2011, "
                "sec. 8.3)")
    check_close("polar orbit node drift (deg/day)",
                day["orbit_node_rate_deg_per_day"], 0.0, 0.01,
                "J2 and third-body node rates vanish at i = 90 deg "
                "(Vallado eq. 9-41; Kozai 1962)")


def test_cr3bp():
    rc, out, err = run(["cr3bp", "--family", "nrho", "--south", "--format",
                        "json"])
    check_eq("nrho exit", rc, 0, err.strip())
    o = json.loads(out)["orbits"][0]
    check_close("default NRHO is the 9:2 (d)", o["period_days"],
                29.530589 * 2 / 9, 1e-6,
                "2/9 of the mean synodic month 29.530589 d (Meeus 1998 "
                "ch. 49); Gateway's 9:2 resonance (Lee 2019)")
    check_close("9:2 NRHO perilune altitude (km)",
                o["rmin_moon_km"] - R_MOON, 1500, 100,
                "Lee (2019) NRHO, NASA Meteoroid Environment Office: "
                "'within 1500 km of the lunar surface'; two significant "
                "figures, doubled for ephemeris vs CR3BP")
    check_true("9:2 NRHO apolune below the Moon", o["x0"][2] > 0,
               "southern NRHO: perilune over the north pole (Lee 2019)")
    tmp = tempfile.mkdtemp()
    png = os.path.join(tmp, "dro.png")
    oem = os.path.join(tmp, "dro.oem")
    rc, out, err = run(["cr3bp", "--family", "dro", "--count", "4", "--plot",
                        png, "--oem", oem, "--epoch", "2024-06-01",
                        "--ephemeris", DE421])
    check_eq("dro sweep exit", rc, 0, err.strip())
    rows = [l for l in out.splitlines() if not l.startswith("#")]
    check_eq("4 members printed", len(rows), 4, "--count 4")
    check_true("DROs stable", all(abs(float(l.split()[9]) - 1) < 1e-6
                                  for l in rows), "DROs are stable")
    check_true("plot written", png_size(png) is not None, "--plot")
    text = open(oem).read()
    check_eq("one OEM segment per member", text.count("META_START"), 4,
             "CCSDS OEM segments")


def test_bad_input():
    cases = [
        (["lunar-transfer", "--depart", "2024-05-01"], "--site"),
        (["lunar-transfer", "--site", "atlantis", "--depart", "2024-05-01"],
         "atlantis"),
        (["lunar-transfer", "--site", "wenchang"], "--depart"),
        (["lunar-transfer", "--site", "wenchang", "--depart", "2024-13-01"],
         "--depart"),
        (["lunar-transfer", "--site", "wenchang", "--depart",
          "2024-05-02/2024-05-01"], "before"),
        (["lunar-transfer", "--site", "wenchang", "--depart", "2024-05-01",
          "--orbit", "100x50"], "--orbit"),
        (["lunar-transfer", "--site", "wenchang", "--depart", "2024-05-01",
          "--park-inc", "10"], "--park-inc"),
        (["lunar-transfer", "--site", "wenchang", "--depart", "2024-05-01",
          "--tof", "9"], "--tof"),
        (["lunar-transfer", "--site", "wenchang", "--depart", "2024-05-01",
          "--inc", "30", "--land=-89,0"], "--land"),
        (["lunar-transfer", "--site", "wenchang", "--depart", "2024-05-01",
          "--format", "xml"], "--format"),
        (["lunar-transfer", "--site", "wenchang", "--depart", "2024-05-01",
          "--bogus"], "--bogus"),
        (["cr3bp"], "--family"),
        (["cr3bp", "--family", "butterfly"], "butterfly"),
        (["cr3bp", "--family", "dro", "--period", "5", "--jacobi", "3"],
         "at most one"),
        (["cr3bp", "--family", "dro", "--south"], "--south"),
        (["cr3bp", "--family", "dro", "--amplitude", "-5"], "--amplitude"),
        (["cr3bp", "--family", "dro", "--count", "0"], "--count"),
        (["cr3bp", "--family", "dro", "--oem", "x.oem"], "--epoch"),
    ]
    for args, needle in cases:
        rc, out, err = run(args)
        name = " ".join(args)
        check_eq(f"'{name}' exit 2", rc, 2, "usage error")
        check_in(f"'{name}' names the problem", needle, err,
                 "one clear line naming what was wrong")
        check_eq(f"'{name}' one line", err.count("\n"), 1, "one line")
    rc, out, err = run(["cr3bp", "--family", "dro", "--period", "1000"])
    check_eq("period no DRO has: exit 1", rc, 1, "the work failed")
    check_in("period no DRO has: says so", "never reaches", err, "message")
    rc, out, err = run(["lunar-transfer", "--ephemeris", DE421, "--site",
                        "wenchang", "--depart", "2030-01-01"])
    check_eq("outside the ephemeris: exit 1", rc, 1, "the work failed")


test_help()
test_change6()
test_window_files()
test_lunar_orbit_columns()
test_cr3bp()
test_bad_input()
done()
