"""`ilrs site` and `ilrs illum` through the real binary.

Independent sources:
  - python3-skyfield: Sun and Earth seen from a lunar site, through its own
    Moon ME frame (moon_080317.tf + pck00008.tpc + the DE421 Moon PA binary
    PCK) and its own reading of DE421;
  - a relay propagated here with numpy (Kepler's equation by Newton) and
    rotated with skyfield's Moon ME frame;
  - published facts: Chang'e-6 landed at 41.63 S 153.99 W in the Apollo
    basin on the far side (CNSA, 2024-06-02); the Moon's equator is
    inclined 1.543 deg to the ecliptic (Cassini's laws; IAU WGCCRE); the
    eclipse year (the Sun's return to the Moon's node) is 346.62 d;
    Shackleton crater is centred at 89.67 S 129.78 E, 21 km across, and the
    south pole lies on its rim (IAU Gazetteer of Planetary Nomenclature);
    its floor is permanently shadowed (Mazarico et al. 2011, Icarus 211,
    1066).
"""
import json
import math
import os
import subprocess
import sys
import tempfile

import numpy as np
from osgeo import gdal, osr
from skyfield.api import load, load_file
from skyfield.planetarylib import PlanetaryConstants

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "peer"))
from ilrs_check import (check_close, check_eq, check_in, check_le,
                        check_true, data, done, run)

gdal.UseExceptions()
DE421 = data("ephem/de421-2022-2026.bsp")
BPC = data("ephem/moon_pa_de421_1900-2050.bpc")
EPH = f"{DE421},{BPC}"
LDEM4 = data("lunar/LDEM_4.LBL")
LDEM6 = data("lunar/ldem_6_cut.tif")

ts = load.timescale(builtin=True)
planets = load_file(DE421)
pc = PlanetaryConstants()
with open(data("ephem/moon_080317.tf"), "rb") as f:
    pc.read_text(f)
with open(data("ephem/pck00008.tpc"), "rb") as f:
    pc.read_text(f)
BPC_FILE = open(BPC, "rb")  # read lazily by skyfield; open for the run
pc.read_binary(BPC_FILE)
ME = pc.build_frame_named("MOON_ME_DE421")
MOON, SUN, EARTH = planets["moon"], planets["sun"], planets["earth"]


def site_json(args):
    rc, out, err = run(["site", "--format", "json", "--ephemeris", EPH] + args)
    if rc != 0:
        check_true("ilrs site ran", False, err.strip())
        done()
    return json.loads(out)


def local_axes(lat, lon):
    la, lo = math.radians(lat), math.radians(lon)
    up = np.array([math.cos(la) * math.cos(lo), math.cos(la) * math.sin(lo),
                   math.sin(la)])
    north = np.array([-math.sin(la) * math.cos(lo),
                      -math.sin(la) * math.sin(lo), math.cos(la)])
    east = np.array([-math.sin(lo), math.cos(lo), 0.0])
    return up, north, east


def azel(vec, lat, lon):
    up, north, east = local_axes(lat, lon)
    v = vec / np.linalg.norm(vec)
    el = math.degrees(math.asin(np.dot(v, up)))
    az = math.degrees(math.atan2(np.dot(v, east), np.dot(v, north))) % 360
    return az, el


def sky_vectors(lat, lon, tdb_seconds, body):
    """Body seen from a lunar surface point (1737.4 km sphere), in skyfield's
    Moon ME frame (km): the geometric vector, as ilrs computes it. (The
    apparent direction differs by aberration: 0.006 deg for the Sun from
    the Moon's 30 km/s, 0.0002 deg for the Earth from the 1 km/s relative
    speed; far below the horizon's 0.5 deg azimuth step.)"""
    site = MOON + pc.build_latlon_degrees(ME, lat, lon)
    t = ts.tdb_jd(2451545.0 + np.asarray(tdb_seconds) / 86400.0)
    return (body - site).at(t).frame_xyz(ME).km.T


def test_sun_earth_vs_skyfield():
    for lat, lon in ((-41.63, -153.99), (0.0, 0.0), (-89.5, 30.0)):
        d = site_json(["--lat", str(lat), "--lon", str(lon), "--from",
                       "2024-01-01", "--to", "2024-12-31", "--step", "7d",
                       "--track"])
        tr = d["track"]
        t = [p["tdb_seconds"] for p in tr]
        worst = {"sun": 0.0, "earth": 0.0}
        for name, body in (("sun", SUN), ("earth", EARTH)):
            for p, v in zip(tr, sky_vectors(lat, lon, t, body)):
                az, el = azel(v, lat, lon)
                daz = ((p[name + "_az"] - az + 180) % 360 - 180) * \
                    math.cos(math.radians(el))
                worst[name] = max(worst[name], abs(p[name + "_el"] - el),
                                  abs(daz))
        # Both geometric from the same DE421 and PCK data read by two
        # implementations; 1e-4 deg (60 m at the Earth's distance) covers
        # the PA->ME angles' rounding in the two frame kernels.
        check_close(f"Sun az/el at {lat},{lon} vs skyfield, worst of "
                    f"{len(tr)} (deg)", worst["sun"], 0.0, 1e-4,
                    "skyfield MOON_ME_DE421 frame")
        check_close(f"Earth az/el at {lat},{lon} vs skyfield, worst (deg)",
                    worst["earth"], 0.0, 1e-4, "skyfield MOON_ME_DE421 frame")


def test_pole_smooth_sphere():
    # One eclipse year (346.62 d): the Sun's declination on the Moon goes
    # through a whole cycle, so it is up half the time.
    d = site_json(["--lat", "-90", "--lon", "0", "--from", "2024-01-01",
                   "--to", "2024-12-12T15:00", "--step", "1h", "--track"])
    check_eq("no DEM: terrain is a smooth sphere", d["terrain"],
             "smooth sphere", "output says so")
    els = [p["sun_el"] for p in d["track"]]
    check_le("Sun elevation at the pole never above 1.6 deg", max(els), 1.6,
             "lunar equator 1.543 deg to the ecliptic (Cassini) + parallax")
    check_true("Sun elevation reaches 1.45 deg in the year", max(els) > 1.45,
               "inclination 1.543 deg, reached twice a year")
    # Tolerance: 1 h samples (1/8300) and the partial disc near the horizon,
    # which averages out over the symmetric cycle; 0.02 covers the Sun's
    # 0.05 deg/day libration-driven asymmetry.
    check_close("sun fraction at the pole over an eclipse year",
                d["sun_fraction"], 0.5, 0.02, "symmetry of the cycle")
    t = [p["tdb_seconds"] for p in d["track"]][::24]
    sky = sky_vectors(-90.0, 0.0, t, EARTH)
    ours = [p["earth_el"] for p in d["track"]][::24]
    worst = max(abs(o - azel(v, -90.0, 0.0)[1]) for o, v in zip(ours, sky))
    check_close("Earth elevation at the pole follows libration (deg)", worst,
                0.0, 1e-4, "skyfield, daily samples")
    theirs = [azel(v, -90.0, 0.0)[1] for v in sky]
    check_true("Earth rises and sets at the pole with libration",
               min(theirs) < -5.0 and max(theirs) > 5.0,
               "libration in latitude about 6.7 deg each way")
    # Libration in latitude is symmetric; 12.7 draconic months (27.21 d) in
    # the period leave at most 0.7/12.7 of a cycle unbalanced (0.03), and
    # the site's 1737 km offset raises Earth by 0.26 deg (+0.01).
    check_close("Earth up half the time at the pole", d["earth_fraction"],
                0.5, 0.05, "symmetry of libration in latitude")
    up = np.mean([p["earth_el"] > 0 for p in d["track"]])
    check_close("earth_fraction = share of samples with Earth up",
                d["earth_fraction"], up, 1e-9, "from the track")


def test_change6():
    lat, lon = "-41.63", "-153.99"
    base = ["--lat", lat, "--lon", lon, "--dem", LDEM4, "--from",
            "2024-06-01", "--to", "2024-06-30", "--step", "1h"]
    d = site_json(base)
    check_eq("Chang'e-6 site: no direct Earth link", d["earth_fraction"], 0.0,
             "far side, 154 deg from the sub-Earth point (CNSA landing site)")
    check_eq("Chang'e-6 site: no link without a relay", d["link_fraction"],
             0.0, "far side")
    check_true("Chang'e-6 terrain is the DEM", "LDEM_4" in d["terrain"],
               "output names the DEM")
    d = site_json(base + ["--relay", "queqiao2", "--night-power", "50"])
    check_true("Chang'e-6 with Queqiao-2: relay link available",
               d["link_fraction"] > 0.3 and d["relay_fraction"] > 0.3,
               f"Queqiao-2 relayed Chang'e-6 (CNSA); got link "
               f"{d['link_fraction']}, relay {d['relay_fraction']}")
    # One lunar night at mid-southern latitude is about half a synodic
    # month (29.53 d / 2 = 354 h); terrain shifts it by a few hours.
    check_close("Chang'e-6 longest night (h)", d["longest_night_h"], 354.0,
                24.0, "half a synodic month")
    check_close("battery = power x longest night (Wh)", d["battery_wh"],
                50.0 * d["longest_night_h"], 1e-6, "definition")


def sun_upper_limb(lat, lon, jd):
    """Elevation of the Sun's upper limb (deg) from skyfield, geometric."""
    v = sky_vectors(lat, lon, [(jd - 2451545.0) * 86400.0], SUN)[0]
    semi = math.degrees(math.asin(695700.0 / np.linalg.norm(v)))
    return azel(v, lat, lon)[1] + semi


def test_events_vs_skyfield():
    # Smooth sphere, equator: sunrise/sunset are the upper limb crossing
    # the 0 deg horizon; skyfield's crossing found by bisection to 1 s.
    d = site_json(["--lat", "0", "--lon", "30", "--from", "2024-03-01",
                   "--to", "2024-04-15", "--step", "1h"])
    ev = [e for e in d["events"] if e["event"] in ("sunrise", "sunset")]
    check_true("sunrises and sunsets found", len(ev) >= 2,
               f"{len(ev)} events in 45 days (synodic month 29.5 d)")
    worst = 0.0
    for e in ev:
        t = ts.utc(*[int(x) for x in e["time"][:10].split("-")],
                   int(e["time"][11:13]), int(e["time"][14:16]),
                   int(e["time"][17:19]))
        lo, hi = t.tdb - 2 / 24, t.tdb + 2 / 24
        up_lo = sun_upper_limb(0, 30, lo) > 0
        for _ in range(40):
            mid = (lo + hi) / 2
            if (sun_upper_limb(0, 30, mid) > 0) == up_lo:
                lo = mid
            else:
                hi = mid
        worst = max(worst, abs(lo - t.tdb) * 86400.0)
    # Linear interpolation of a margin that changes at 0.5 deg/h with a
    # curvature near 1e-4 deg/h^2 over a 1 h step errs by ~1 s; times are
    # printed to the second: 5 s.
    check_close("sunrise/sunset times vs skyfield, worst (s)", worst, 0.0,
                5.0, "bisection on skyfield's Sun elevation")
    nights = d["nights"]
    check_true("a full night in the period", any(
        abs(n["hours"] - 354) < 12 for n in nights),
        "half a synodic month (29.53 d / 2) at the equator")


def kepler_position(hp, ha, inc, node, argp, tp_jd, jd):
    gm, r = 4902.800118, 1737.4
    rp, ra = r + hp, r + ha
    a, e = (rp + ra) / 2, (ra - rp) / (ra + rp)
    n = math.sqrt(gm / a ** 3)
    m = n * (jd - tp_jd) * 86400.0
    ea = m
    for _ in range(50):
        ea -= (ea - e * math.sin(ea) - m) / (1 - e * math.cos(ea))
    x = a * (math.cos(ea) - e)
    y = a * math.sqrt(1 - e * e) * math.sin(ea)
    i, o, w = map(math.radians, (inc, node, argp))
    rot = np.array([
        [math.cos(o) * math.cos(w) - math.sin(o) * math.sin(w) * math.cos(i),
         -math.cos(o) * math.sin(w) - math.sin(o) * math.cos(w) * math.cos(i)],
        [math.sin(o) * math.cos(w) + math.cos(o) * math.sin(w) * math.cos(i),
         -math.sin(o) * math.sin(w) + math.cos(o) * math.cos(w) * math.cos(i)],
        [math.sin(w) * math.sin(i), math.cos(w) * math.sin(i)]])
    return rot @ np.array([x, y])


def test_relay_vs_numpy():
    # Relay elements given in the Moon mean-equator frame of the periapsis
    # epoch; skyfield's ME rotation carries them to ME at each epoch.
    el = (300.0, 9000.0, 70.0, 40.0, 80.0)
    tp = "2024-06-01T00:00 TDB"
    d = site_json(["--lat", "-60", "--lon", "100", "--from", "2024-06-01",
                   "--to", "2024-06-05", "--step", "30m", "--relay",
                   ",".join(map(str, el)) + "," + tp, "--track"])
    tp_jd = 2460462.5
    r_ref = ME.rotation_at(ts.tdb_jd(tp_jd))
    agree = 0
    worst = 0.0
    for p in d["track"]:
        jd = 2451545.0 + p["tdb_seconds"] / 86400.0
        inertial = r_ref.T @ kepler_position(*el, tp_jd, jd)
        me = ME.rotation_at(ts.tdb_jd(jd)) @ inertial
        up, _, _ = local_axes(-60, 100)
        az, e = azel(me - 1737.4 * up, -60, 100)
        worst = max(worst, abs(e - p["relay_el"]))
        agree += (e > 0) == p["relay_visible"]
    # 1e-4 deg: the frames as above; the epochs are printed to 1e-6 s.
    check_close("relay elevation vs numpy Kepler + skyfield frame (deg)",
                worst, 0.0, 1e-4, "independent propagation")
    check_eq("relay visibility agrees on every sample", agree,
             len(d["track"]), "same geometry, smooth sphere")


def test_near_side_and_shackleton():
    d = site_json(["--lat", "0", "--lon", "0", "--dem", LDEM4, "--from",
                   "2024-01-01", "--to", "2025-01-01", "--step", "6h"])
    check_eq("near-side equatorial site: Earth always up",
             d["earth_fraction"], 1.0, "sub-Earth point; libration < 8 deg")
    check_eq("near-side: link always", d["link_fraction"], 1.0, "Earth up")
    args = ["--dem", LDEM4, "--from", "2024-01-01", "--to", "2025-01-01",
            "--step", "3h"]
    rim = site_json(["--lat", "-90", "--lon", "0"] + args)
    floor = site_json(["--lat", "-89.67", "--lon", "129.78"] + args)
    check_true("Shackleton rim (south pole) lit more than its floor",
               rim["sun_fraction"] > floor["sun_fraction"] + 0.1,
               f"rim {rim['sun_fraction']:.3f} floor "
               f"{floor['sun_fraction']:.3f}; IAU Gazetteer positions")
    check_eq("Shackleton floor never sees the Sun in 2024 (LDEM_4)",
             floor["sun_fraction"], 0.0, "Mazarico et al. 2011: PSR floor")


def horizon_at(d, az):
    """The JSON horizon (deg, azimuth k at k x step) at az, linear between
    the two nearest samples, as the command documents."""
    h, step = d["horizon"], d["horizon_azimuth_step_deg"]
    x = (az % 360.0) / step
    k = int(math.floor(x)) % len(h)
    f = x - math.floor(x)
    return h[k] * (1 - f) + h[(k + 1) % len(h)] * f


def test_link_mask():
    """--min-elev: the Earth and the relay count as in view only above
    max(mask, terrain horizon) (the relay also above 0 deg). Recomputed
    here sample by sample from the track's elevations (checked against
    skyfield and an independent relay propagation above) and the terrain
    horizon the command prints, on LDEM_4 at a site near the eastern limb,
    where libration moves the Earth through the mask."""
    base = ["--lat", "-10", "--lon", "85", "--dem", LDEM4, "--from",
            "2024-01-01", "--to", "2024-03-01", "--step", "2h", "--relay",
            "queqiao2", "--track"]
    plain = site_json(base)
    mask = 8.0
    d = site_json(base + ["--min-elev", str(mask)])
    check_close("min_elev_deg in the JSON", d["min_elev_deg"], mask, 0,
                "--min-elev 8")
    tr = d["track"]
    earth = [p["earth_el"] > max(mask, horizon_at(d, p["earth_az"]))
             for p in tr]
    relay = [p["relay_el"] > max(0.0, mask, horizon_at(d, p["relay_az"]))
             for p in tr]
    link = [e or (r and p["relay_sees_earth"])
            for e, r, p in zip(earth, relay, tr)]
    n = len(tr)
    # one sample's worth: an elevation within rounding of the threshold
    check_close("masked Earth fraction = share of samples above "
                "max(mask, horizon)", d["earth_fraction"], sum(earth) / n,
                1.0 / n, "recomputed from the track")
    check_close("masked relay fraction = share above max(0, mask, horizon)",
                d["relay_fraction"], sum(relay) / n, 1.0 / n,
                "recomputed from the track")
    check_close("masked link fraction = Earth, or relay that sees Earth",
                d["link_fraction"], sum(link) / n, 1.0 / n,
                "recomputed from the track")
    flags = sum(p["relay_visible"] != r for p, r in zip(tr, relay))
    check_true("relay_visible flags follow the mask", flags <= 1,
               f"{flags} samples differ")
    check_true("the mask matters here: Earth fraction falls",
               0 < d["earth_fraction"] < plain["earth_fraction"],
               f"{d['earth_fraction']:.4f} vs {plain['earth_fraction']:.4f}")
    rises = [e["time"] for e in d["events"] if e["event"] == "earthrise"]
    check_true("earthrises with the mask", len(rises) > 0,
               "libration carries the Earth across 8 deg")
    for bad in ("95", "-91", "ten"):
        rc, out, err = run(["site", "--lat", "0", "--lon", "0", "--from",
                            "2024-01-01", "--to", "2024-01-02",
                            "--min-elev", bad])
        check_eq(f"--min-elev {bad} exit", rc, 2, "usage error")
        check_in(f"--min-elev {bad} message", "--min-elev", err,
                 "names the option")


def test_errors():
    for cmd in ("site", "illum"):
        rc, out, err = run([cmd, "--help"])
        check_eq(f"ilrs {cmd} --help exit", rc, 0, "help")
        check_in(f"ilrs {cmd} --help usage", f"usage: ilrs {cmd}", out, "help")
    rc, out, err = run(["--help"])
    check_in("ilrs --help lists site", "site", out, "command table")
    check_in("ilrs --help lists illum", "illum", out, "command table")
    cases = [
        (["site", "--lat", "95", "--lon", "0", "--from", "2024-01-01",
          "--to", "2024-01-02"], 2, "--lat"),
        (["site", "--lon", "0", "--from", "2024-01-01", "--to",
          "2024-01-02"], 2, "--lat"),
        (["site", "--lat", "0", "--lon", "0", "--from", "2024-01-02",
          "--to", "2024-01-01"], 2, "--to"),
        (["site", "--lat", "0", "--lon", "0", "--from", "2024-01-01",
          "--to", "2024-01-02", "--step", "fast"], 2, "--step"),
        (["site", "--lat", "0", "--lon", "0", "--from", "2024-01-01",
          "--to", "2024-01-02", "--relay", "1,2,x"], 2, "--relay"),
        (["site", "--lat", "0", "--lon", "0", "--dem", LDEM6, "--from",
          "2024-01-01", "--to", "2024-01-02"], 1, "outside the DEM"),
        (["site", "--lat", "0", "--lon", "0", "--dem", "missing.tif",
          "--from", "2024-01-01", "--to", "2024-01-02"], 1, "missing.tif"),
        (["site", "--lat", "0", "--lon", "0", "--ephemeris", EPH, "--from",
          "2030-01-01", "--to", "2030-01-02"], 1,
         "period outside the ephemeris"),
        (["illum", "--dem", LDEM6, "--region", "990,990,20,20", "--from",
          "2024-01-01", "--to", "2024-01-02", "--out", "x.tif"], 1,
         "outside the DEM"),
        (["illum", "--from", "2024-01-01", "--to", "2024-01-02", "--out",
          "x.tif"], 2, "--dem"),
        (["illum", "--dem", LDEM6, "--region=1e30,0,1,1", "--from",
          "2024-01-01", "--to", "2024-01-02", "--out", "x.tif"], 2,
         "--region"),
    ]
    with tempfile.TemporaryDirectory() as tmp:
        bad = os.path.join(tmp, "bad.img")
        with open(bad, "wb") as f:
            f.write(b"PDS_VERSION_ID = PDS3\nOBJECT = IMAGE\nEND\n")
        cases.append((["site", "--lat", "0", "--lon", "0", "--dem", bad,
                       "--from", "2024-01-01", "--to", "2024-01-02"], 1,
                      "bad.img"))
        for args, code, needle in cases:
            rc, out, err = run(args, extra_env={"ILRS_EPHEMERIS": EPH})
            name = " ".join(a if len(a) < 30 else os.path.basename(a)
                            for a in args[:6])
            check_eq(f"exit code: {name}", rc, code, "2 usage, 1 failure")
            check_in(f"message: {name}", needle, err, "names the problem")
            check_eq(f"one line: {name}", err.count("\n"), 1, "one line")


def test_illum():
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "map.tif")
        rc, o, err = run(["illum", "--dem", LDEM6, "--region",
                          "480,480,24,16", "--from", "2024-06-01", "--to",
                          "2024-07-01", "--step", "12h", "--azimuths", "90",
                          "--max-dist", "0.3", "--out", out, "--ephemeris",
                          EPH])
        check_eq("illum exit", rc, 0, err.strip())
        if rc:
            return
        src, ds = gdal.Open(LDEM6), gdal.Open(out)
        check_eq("illum bands", ds.RasterCount, 3, "sun, earth, psr")
        check_eq("illum size", (ds.RasterXSize, ds.RasterYSize), (24, 16),
                 "--region")
        g0, g1 = src.GetGeoTransform(), ds.GetGeoTransform()
        want = (g0[0] + 480 * g0[1], g0[1], 0.0, g0[3] + 480 * g0[5], 0.0,
                g0[5])
        check_true("illum geotransform = DEM window",
                   all(abs(a - b) < 1e-6 for a, b in zip(g1, want)),
                   f"{g1} vs {want}")
        s0 = osr.SpatialReference(wkt=src.GetProjection())
        s1 = osr.SpatialReference(wkt=ds.GetProjection())
        check_true("illum projection = DEM's", s0.IsSame(s1), "OSR IsSame")
        sun = ds.GetRasterBand(1).ReadAsArray()
        psr = ds.GetRasterBand(3).ReadAsArray()
        check_true("sun fraction within [0, 1]",
                   sun.min() >= 0 and sun.max() <= 1, "a fraction")
        check_true("psr flag = no sunlight", bool(((sun <= 0) == (psr > 0))
                                                 .all()), "definition")
        # The best-lit pixel against `ilrs site` at its centre with the same
        # options (the single-site ray cast without the pyramid).
        j, i = np.unravel_index(np.argmax(sun), sun.shape)
        check_true("some pixel of the window is lit", sun[j, i] > 0.05,
                   "Sun up to 4.6 deg at 84 S in June 2024")
        s0.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
        geo = s0.CloneGeogCS()
        geo.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
        fwd = osr.CoordinateTransformation(s0, geo)
        lon, lat, _ = fwd.TransformPoint(g1[0] + (i + 0.5) * g1[1],
                                         g1[3] + (j + 0.5) * g1[5])
        d = site_json(["--lat", repr(lat), "--lon", repr(lon), "--dem", LDEM6,
                       "--from", "2024-06-01", "--to", "2024-07-01",
                       "--step", "12h", "--azimuths", "90", "--max-dist",
                       "0.3"])
        check_close("illum pixel = ilrs site at its centre", float(sun[j, i]),
                    d["sun_fraction"], 1e-4, "same horizon, float32 map")
        # --region LAT,LON,HALF_KM: a square window centred on the point.
        out2 = os.path.join(tmp, "pt.tif")
        rc, o, err = run(["illum", "--dem", LDEM6, "--region",
                          "-83.892,59.17,0.005", "--from", "2024-06-01",
                          "--to", "2024-06-02", "--azimuths", "8",
                          "--max-dist", "0.01", "--out", out2, "--ephemeris",
                          EPH])
        check_eq("illum --region LAT,LON,HALF_KM exit", rc, 0, err.strip())
        if rc == 0:
            ds2 = gdal.Open(out2)
            g2 = ds2.GetGeoTransform()
            n = ds2.RasterXSize
            # 1 m projected is 1/k m on the ground at 83.9 S, with the
            # stereographic scale k = 2 / (1 + sin|lat|) (Snyder 21-4).
            k = 2 / (1 + math.sin(math.radians(83.892)))
            half = math.ceil(5.0 / (1.0 / k))
            check_eq(f"window is 2 ceil(5 m / ground pixel) + 1 = "
                     f"{2 * half + 1} px a side", (n, ds2.RasterYSize),
                     (2 * half + 1, 2 * half + 1), "--region half size")
            inv = osr.CoordinateTransformation(geo, s0)
            x, y, _ = inv.TransformPoint(59.17, -83.892)
            ci, cj = (x - g2[0]) / g2[1], (y - g2[3]) / g2[5]
            check_true("the point lies in the window's centre pixel",
                       half <= ci < half + 1 and half <= cj < half + 1,
                       f"pixel {ci:.2f}, {cj:.2f}")


def test_plots():
    from PIL import Image
    with tempfile.TemporaryDirectory() as tmp:
        png = os.path.join(tmp, "h.png")
        rc, out, err = run(["site", "--lat", "-89.5", "--lon", "30", "--dem",
                            LDEM4, "--from", "2024-01-01", "--to",
                            "2024-03-01", "--step", "6h", "--ephemeris", EPH,
                            "--plot", png])
        check_eq("site --plot exit", rc, 0, err.strip())
        if rc == 0:
            im = Image.open(png)
            check_eq("horizon chart is a PNG of 760 x 800", (im.format,
                     im.size), ("PNG", (760, 800)), "plot_horizon.c size")
            rgb = np.asarray(im.convert("RGB")).reshape(-1, 3)
            sun = ((rgb[:, 0] > 200) & (rgb[:, 1] > 120) & (rgb[:, 1] < 200)
                   & (rgb[:, 2] < 80)).sum()
            check_true("Sun track drawn (orange pixels)", sun > 200,
                       f"{sun} orange pixels")
        rc, out, err = run(["site", "--lat", "0", "--lon", "0", "--from",
                            "2024-01-01", "--to", "2024-01-02", "--ephemeris",
                            EPH, "--plot", os.path.join(tmp, "h.bmp")])
        check_eq("plot with unknown extension exit", rc, 1, err.strip())
        check_in("plot error names --plot", "--plot", err, "one line")
        png = os.path.join(tmp, "m.png")
        rc, out, err = run(["illum", "--dem", LDEM6, "--region",
                            "480,480,24,16", "--from", "2024-06-01", "--to",
                            "2024-06-10", "--azimuths", "36", "--max-dist",
                            "0.1", "--out", os.path.join(tmp, "m.tif"),
                            "--png", png, "--ephemeris", EPH])
        check_eq("illum --png exit", rc, 0, err.strip())
        if rc == 0:
            check_eq("illum map is a PNG", Image.open(png).format, "PNG",
                     "--png")


test_sun_earth_vs_skyfield()
test_events_vs_skyfield()
test_plots()
test_pole_smooth_sphere()
test_change6()
test_relay_vs_numpy()
test_near_side_and_shackleton()
test_link_mask()
test_errors()
test_illum()
done()
