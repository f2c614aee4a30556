"""SPK reader against python3-jplephem, an independent SPK implementation.

Every segment of the DE421 and DE440s excerpts at >= 1000 random epochs
(plus the segment's ends and record boundaries): |dr| < 1e-6 km and
|dv| < 1e-9 km/s, the bounds of the issue (both sides evaluate the same
Chebyshev coefficients in float64, so agreement is at rounding level,
~1e-8 km for 1e9 km positions). Also: chained queries, a type-3 segment
built from a type-2 one, and a big-endian copy of a file.
"""
import os
import shutil
import struct
import tempfile

import numpy as np
from jplephem.daf import DAF
from jplephem.spk import SPK

from ilrs_check import check_eq, check_le, check_true, data, done, probe

J2000 = 2451545.0
rng = np.random.default_rng(20241122)


def ours(spec, target, center, tdb_seconds):
    text = "\n".join(repr(float(t)) for t in tdb_seconds) + "\n"
    out = probe("probe_ephem", ["state", spec, str(target), str(center)], text)
    rows = [line.split() for line in out.splitlines()]
    bad = [r for r in rows if r[0] == "ERR"]
    check_eq(f"{os.path.basename(spec)} {target}/{center}: no errors", len(bad), 0,
             "epochs inside the segment")
    return np.array([[float(x) for x in r] for r in rows if r[0] != "ERR"])


def epochs_for(seg, n=1000):
    """Random epochs in the segment, with its ends and record boundaries."""
    init, intlen, rsize, nrec = seg.daf.read_array(seg.end_i - 3, seg.end_i)
    lo, hi = seg.start_second, seg.end_second
    # Multiples of 86400/1024 s, so that jplephem's t/86400 day fractions
    # are exact and its own rounding (~1e-7 s) does not enter the check.
    q = 86400.0 / 1024.0
    t = list(np.ceil(rng.uniform(lo, hi, n) / q) * q) + [lo, hi]
    bounds = init + intlen * np.arange(1, int(nrec))
    t += [b for b in bounds[:50] if lo <= b <= hi]
    return np.array(t)


def dr_bound(r):
    """1e-6 km (the required bound), or 4 ulp of the largest |r| where
    float64 cannot resolve 1e-6 km (1 ulp of 4.5e9 km, Neptune's distance,
    is 9.5e-7 km): both sides sum the same series in a different order."""
    return max(1e-6, 4 * np.spacing(np.abs(r).max()))


def compare(spec, seg, t, label):
    got = ours(spec, seg.target, seg.center, t)
    # Two-part dates: a single float JD would limit jplephem to ~40 us.
    if seg.data_type == 3:
        want = seg.compute(J2000, t / 86400.0).T  # km and km/s as stored
    else:
        p, v = seg.compute_and_differentiate(J2000, t / 86400.0)
        want = np.hstack([p.T, (v / 86400.0).T])
    dr = np.linalg.norm(got[:, :3] - want[:, :3], axis=1).max()
    dv = np.linalg.norm(got[:, 3:] - want[:, 3:], axis=1).max()
    check_le(f"{label} {seg.center}->{seg.target} max |dr| km ({len(t)} epochs)",
             dr, dr_bound(want[:, :3]), "python3-jplephem on the same segment")
    check_le(f"{label} {seg.center}->{seg.target} max |dv| km/s", dv, 1e-9,
             "python3-jplephem on the same segment")


def every_segment(name):
    path = data(f"ephem/{name}")
    kernel = SPK.open(path)
    seen = set()
    for seg in kernel.segments:
        key = (seg.center, seg.target)
        if key in seen:  # the newest segment wins a query; test each pair once
            continue
        seen.add(key)
        compare(path, seg, epochs_for(seg), name)
    # A chained query: Moon relative to the Sun = (3->301) + (0->3) - (0->10)
    t = np.round(rng.uniform(7.3e8, 8.0e8, 1000) / 84.375) * 84.375
    want = sum(sign * np.vstack(kernel[c, tg].compute_and_differentiate(J2000, t / 86400.0))
               for sign, (c, tg) in ((1, (3, 301)), (1, (0, 3)), (-1, (0, 10))))
    got = ours(path, 301, 10, t)
    check_le(f"{name} chained Moon-Sun max |dr| km",
             np.linalg.norm(got[:, :3] - want[:3].T, axis=1).max(), 1e-6,
             "sum of three jplephem segments")
    check_le(f"{name} chained Moon-Sun max |dv| km/s",
             np.linalg.norm(got[:, 3:] - want[3:].T / 86400.0, axis=1).max(), 1e-9,
             "sum of three jplephem segments")
    kernel.close()


def cheb_derivative(c):
    """Coefficients of d/dx of a Chebyshev series (last axis)."""
    n = c.shape[-1]
    d = np.zeros_like(c)
    for k in range(n - 1, 0, -1):
        d[..., k - 1] = 2 * k * c[..., k] + (d[..., k + 1] if k + 1 < n else 0)
    d[..., 0] *= 0.5
    return d


def type3_file(tmp):
    """A type-3 SPK made from DE421's Mars-barycentre segment: velocity
    coefficients are the exact derivative of the position series."""
    src = data("ephem/de421-2022-2026.bsp")
    kernel = SPK.open(src)
    seg = kernel[0, 4]
    init, intlen, rsize, nrec = seg.daf.read_array(seg.end_i - 3, seg.end_i)
    recs = seg.daf.read_array(seg.start_i, seg.end_i - 4).reshape(int(nrec), int(rsize))
    n = (int(rsize) - 2) // 3
    pos = recs[:, 2:].reshape(int(nrec), 3, n)
    vel = cheb_derivative(pos) / recs[:, 1][:, None, None]
    out = np.hstack([recs[:, :2], pos.reshape(int(nrec), -1), vel.reshape(int(nrec), -1)])
    arr = np.concatenate([out.ravel(), [init, intlen, 2 + 6 * n, nrec]])
    path = os.path.join(tmp, "type3.bsp")
    shutil.copy(src, path)
    with open(path, "r+b") as f:
        daf = DAF(f)
        daf.add_array(b"type 3 test", (seg.start_second, seg.end_second, 4, 0, 1, 3), arr)
    kernel.close()
    return path


def big_endian_copy(src, dst):
    """Rewrite a little-endian DAF as BIG-IEEE: swap every double and int."""
    raw = bytearray(open(src, "rb").read())
    nd, ni = struct.unpack_from("<ii", raw, 8)
    fward, bward, free = struct.unpack_from("<iii", raw, 76)
    for off in (8, 12, 76, 80, 84):
        raw[off:off + 4] = raw[off:off + 4][::-1]
    raw[88:96] = b"BIG-IEEE"
    ss = nd + (ni + 1) // 2
    rec = fward
    summaries = set()
    while rec:
        base = (rec - 1) * 1024
        nxt, _, nsum = struct.unpack_from("<ddd", raw, base)
        summaries.add(rec)
        for k in range(3):
            raw[base + 8 * k:base + 8 * k + 8] = raw[base + 8 * k:base + 8 * k + 8][::-1]
        for s in range(int(nsum)):
            o = base + 24 + s * ss * 8
            for k in range(nd):
                raw[o + 8 * k:o + 8 * k + 8] = raw[o + 8 * k:o + 8 * k + 8][::-1]
            for k in range(ni):
                p = o + nd * 8 + 4 * k
                raw[p:p + 4] = raw[p:p + 4][::-1]
        rec = int(nxt)
    # data records: every record that is neither the file record, a summary
    # record nor the name record after it holds doubles
    for rec in range(2, (len(raw) + 1023) // 1024 + 1):
        if rec in summaries or (rec - 1) in summaries:
            continue
        base = (rec - 1) * 1024
        for k in range(min(128, (len(raw) - base) // 8)):
            raw[base + 8 * k:base + 8 * k + 8] = raw[base + 8 * k:base + 8 * k + 8][::-1]
    open(dst, "wb").write(bytes(raw))


every_segment("de421-2022-2026.bsp")
every_segment("de440s-2023-2026.bsp")

with tempfile.TemporaryDirectory() as tmp:
    path = type3_file(tmp)
    kernel = SPK.open(path)
    seg3 = [s for s in kernel.segments if s.data_type == 3]
    check_eq("synthetic file has one type-3 segment", len(seg3), 1, "written above")
    compare(path, seg3[0], epochs_for(seg3[0]), "type 3")
    kernel.close()

    src = data("ephem/de421-2022-2026.bsp")
    big = os.path.join(tmp, "big.bsp")
    big_endian_copy(src, big)
    t = rng.uniform(7.3e8, 8.0e8, 500)
    a = ours(src, 301, 399, t)
    b = ours(big, 301, 399, t)
    check_true("BIG-IEEE copy gives identical states", np.array_equal(a, b),
               "same numbers, other byte order")
done()
