"""DE405 from Debian's casacore table, against python3-casacore's reading
of the same table and against the DE421 excerpt.

(a) Coefficients: python3-casacore reads each record's 1018 doubles; numpy
    evaluates the Chebyshev series with JPL's DE405 pointer table. Our
    states must agree to rounding (same numbers, other code): 1e-6 km and
    1e-9 km/s, the SPK bounds.
(b) Physics: DE405 vs DE421 over 2022-2026, bounds set from the measured
    differences of the two solutions (see each check) with margin.
(c) The Moon's PA frame from DE405's librations vs the DE421 binary PCK.
(d) Errors: epochs outside 1960-2060, a truncated or corrupted table.
"""
import json
import os
import shutil
import tempfile

import numpy as np
from casacore.tables import table
from jplephem.spk import SPK
from numpy.polynomial import chebyshev as C

from ilrs_check import check_eq, check_in, check_le, data, done, probe, run

DIR = "/usr/share/casacore/data/ephemerides/DE405"
J2000 = 2451545.0
rng = np.random.default_rng(405)
if not os.path.exists(os.path.join(DIR, "table.f0i")):
    check_eq("DE405 installed", False, True, "Debian package casacore-data-jpl-de405")
    done()

tab = table(DIR, ack=False)
kw = tab.getkeywords()
check_eq("EMRAT keyword", kw["EMRAT"], 81.30056, "hard-coded DE405_EMRAT in de405.c")
check_eq("first record MJD", tab.getcell("MJD", 0), 36912.0, "record 0 starts MJD 36912")
check_eq("record spacing dMJD", kw["dMJD"], 32.0, "32-day records")
emrat = kw["EMRAT"]

# JPL DE405 pointer table (1-based ptr, coefficients, sub-intervals)
ITEMS = {1: (3, 14, 4), 2: (171, 10, 2), 3: (231, 13, 2), 4: (309, 11, 1),
         5: (342, 8, 1), 6: (366, 7, 1), 7: (387, 6, 1), 8: (405, 6, 1),
         9: (423, 6, 1), 10: (753, 11, 2), "moon": (441, 13, 8), "lib": (899, 10, 4)}


def reference(item, tdb_s):
    """Position (km) and velocity (km/s) of an item from casacore's cells."""
    ptr, n, nsub = ITEMS[item]
    out = []
    for t in tdb_s:
        mjd = 51544.5 + t / 86400.0
        r = int((mjd - 36912.0) // 32)
        c = np.array(tab.getcell("x", r)).ravel()
        into = mjd - (36912.0 + 32 * r)
        ln = 32.0 / nsub
        sub = min(int(into // ln), nsub - 1)
        x = 2 * (into - sub * ln) / ln - 1
        base = ptr - 3 + sub * 3 * n
        p = [C.chebval(x, c[base + j * n:base + (j + 1) * n]) for j in range(3)]
        v = [C.chebval(x, C.chebder(c[base + j * n:base + (j + 1) * n])) * 2 / ln / 86400
             for j in range(3)]
        out.append(p + v)
    return np.array(out)


def ours(target, center, t, spec="de405"):
    text = "\n".join(repr(float(x)) for x in t) + "\n"
    out = probe("probe_ephem", ["state", spec, str(target), str(center)], text)
    return np.array([[float(x) for x in line.split()] for line in out.splitlines()])


# (a) the table read identically, over the whole span
t = rng.uniform(-40 * 365.25 * 86400, 59 * 365.25 * 86400, 300)
for body in (1, 2, 3, 4, 5, 6, 7, 8, 9, 10):
    got, want = ours(body, 0, t), reference(body, t)
    # 1e-6 km, or 4 ulp of |r| where float64 cannot resolve 1e-6 km
    bound = max(1e-6, 4 * np.spacing(np.abs(want[:, :3]).max()))
    check_le(f"DE405 {body} vs casacore cells: max |dr| km",
             np.abs(got[:, :3] - want[:, :3]).max(), bound, "same coefficients")
    check_le(f"DE405 {body} vs casacore cells: max |dv| km/s",
             np.abs(got[:, 3:] - want[:, 3:]).max(), 1e-9, "same coefficients")
got, want = ours(301, 399, t), reference("moon", t)
check_le("DE405 Moon-Earth vs casacore cells: max |dr| km",
         np.abs(got[:, :3] - want[:, :3]).max(), 1e-6, "same coefficients")
got = ours(301, 3, t)
check_le("DE405 Moon-EMB = EMRAT/(1+EMRAT) Moon-Earth (km)",
         np.abs(got[:, :3] - want[:, :3] * emrat / (1 + emrat)).max(), 1e-6,
         "EMB definition with the table's EMRAT")

# (b) against DE421, 2022-2026. Measured maxima: Moon-Earth 12.7 m, Sun
# 0.7 km, Mercury..Mars 1.5-2.6 km, Jupiter 215 km, Saturn 234 km, Uranus
# 1750 km, Neptune 5930 km, Pluto 21900 km: DE421 added a decade of
# spacecraft ranging (Mars, Venus Express, Cassini) and VLBI that moved the
# outer planets, known then only from optical data, by this much (Folkner
# et al. 2008, IPN PR 42-178). Bounds: about twice the measured values.
de421 = data("ephem/de421-2022-2026.bsp")
kernel = SPK.open(de421)
t = np.round(rng.uniform(7.0e8, 8.1e8, 1000) / 84.375) * 84.375
BOUNDS = {1: 5.0, 2: 5.0, 3: 5.0, 4: 5.0, 5: 500.0, 6: 500.0, 7: 3500.0,
          8: 12000.0, 9: 45000.0, 10: 1.5}
for body, bound in BOUNDS.items():
    got = ours(body, 0, t)
    want = kernel[0, body].compute(J2000, t / 86400.0).T
    d = np.linalg.norm(got[:, :3] - want, axis=1).max()
    print(f"     DE405-DE421 body {body}: max {d:.3f} km")
    check_le(f"DE405 vs DE421 body {body} max |dr| km", d, bound,
             "difference of two JPL solutions (measured, with margin)")
got = ours(301, 399, t)
want = (kernel[3, 301].compute(J2000, t / 86400.0) - kernel[3, 399].compute(J2000, t / 86400.0)).T
d = np.linalg.norm(got[:, :3] - want, axis=1).max()
print(f"     DE405-DE421 Moon-Earth: max {d * 1000:.1f} m")
check_le("DE405 vs DE421 Moon-Earth max |dr| km", d, 0.05,
         "lunar laser ranging fits differ by ~10 m (measured 12 m at 2024-06-01)")

# (c) librations vs the DE421 binary PCK
pck = data("ephem/moon_pa_de421_1900-2050.bpc")
def rots(spec, frame, t):
    out = probe("probe_ephem", ["rot", spec, frame], "\n".join(repr(float(x)) for x in t) + "\n")
    return np.array([[float(x) for x in line.split()[:9]] for line in out.splitlines()]).reshape(-1, 3, 3)
a = rots("de405", "MOON_PA", t[:300])
b = rots(de421 + "," + pck, "MOON_PA", t[:300])
ang = [np.degrees(np.arccos(np.clip((np.trace(x @ y.T) - 1) / 2, -1, 1))) * 3600 for x, y in zip(a, b)]
print(f"     DE405 librations vs DE421 PCK: max {max(ang):.2f} arcsec")
check_le("Moon PA: DE405 librations vs DE421 PCK (arcsec)", max(ang), 10.0,
         "two lunar libration solutions: measured 5.4 arcsec (about 45 m at "
         "the surface), bound about twice that")

# (d) bad input
rc, out, err = run(["ephem", "--ephemeris", "de405", "--from", "1950-01-01"])
check_eq("1950 outside DE405 exit", rc, 1, "ILRS_ERANGE")
check_in("1950 message", "outside", err, "names the range")
with tempfile.TemporaryDirectory() as tmp:
    src = os.path.join(DIR, "table.f0i")
    bad = os.path.join(tmp, "table.f0i")
    raw = open(src, "rb").read()
    open(bad, "wb").write(raw[:len(raw) - 1000])
    rc, out, err = run(["ephem", "--ephemeris", "de405:" + tmp])
    check_eq("truncated table exit", rc, 1, "ILRS_EFORMAT")
    check_in("truncated table message", "table.f0i", err, "names the file")
    corrupt = bytearray(raw)
    corrupt[28 + 8160 * 5 - 4] = 0x7f  # header of record 5
    open(bad, "wb").write(bytes(corrupt))
    rc, out, err = run(["ephem", "--ephemeris", "de405:" + tmp])
    check_eq("corrupt record header exit", rc, 1, "ILRS_EFORMAT")
    check_in("corrupt record message", "record", err, "names the record")
    rc, out, err = run(["ephem", "--ephemeris", "de405:" + os.path.join(tmp, "nowhere")])
    check_in("missing DE405 message names the package", "casacore-data-jpl-de405", err,
             "tells the user what to install")
done()
