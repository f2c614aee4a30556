"""CCSDS OEM files (CCSDS 502.0-B-3, KVN) written by the library, read back
independently: the keywords the standard requires, in its order; every
epoch against astropy's conversion of the same TDB instants; every state
against the orbit the probe wrote. Also: bad input leaves no file."""
import math
import os
import subprocess
import sys
import tempfile

from astropy.time import Time

sys.path.insert(0, os.path.dirname(__file__))
import ilrs_check as chk  # noqa: E402

BUILD = os.environ["ILRS_BUILD"]
PROBE = os.path.join(BUILD, "tests", "probe_oem")
GM_EARTH = 398600.435507  # km^3/s^2, JPL DE440 (gm_de440.tpc)

# Header and metadata keywords in the order of CCSDS 502.0-B-3 tables 5-2/5-3.
HEADER = ["CCSDS_OEM_VERS", "CREATION_DATE", "ORIGINATOR"]
META = ["OBJECT_NAME", "OBJECT_ID", "CENTER_NAME", "REF_FRAME", "TIME_SYSTEM",
        "START_TIME", "STOP_TIME", "INTERPOLATION", "INTERPOLATION_DEGREE"]


def parse(path):
    keys, meta, data, comments = [], {}, [], []
    in_meta = False
    with open(path) as f:
        for line in f:
            line = line.strip()
            if not line:
                continue
            if line == "META_START":
                in_meta = True
            elif line == "META_STOP":
                in_meta = False
            elif line.startswith("COMMENT"):
                comments.append(line[8:])
            elif "=" in line:
                k, v = [s.strip() for s in line.split("=", 1)]
                keys.append(k)
                meta[k] = v
            else:
                f7 = line.split()
                data.append((f7[0], [float(v) for v in f7[1:]]))
    return keys, meta, data, comments


def main():
    t0 = 770000000.0 + 0.123456  # TDB s past J2000 (2024-05-27)
    step, n = 600.0, 50
    with tempfile.TemporaryDirectory() as d:
        for ts in ("TDB", "UTC"):
            path = os.path.join(d, "a.oem")
            subprocess.run([PROBE, path, ts, repr(t0), repr(step), str(n)],
                           check=True)
            keys, meta, data, comments = parse(path)
            chk.check_true(f"{ts}: header then metadata keywords in order",
                   keys == HEADER + META, "CCSDS 502.0-B-3 5.2")
            chk.check_true(f"{ts}: version 3.0", meta["CCSDS_OEM_VERS"] == "3.0",
                   "CCSDS 502.0-B-3")
            chk.check_true(f"{ts}: time system", meta["TIME_SYSTEM"] == ts, "probe")
            chk.check_true(f"{ts}: comment lines", comments == [
                "circular test orbit", "second line"], "probe")
            chk.check_true(f"{ts}: {n} data lines", len(data) == n, "probe")
            worst_t, worst_r = 0.0, 0.0
            w = math.sqrt(GM_EARTH / 7000.0 ** 3)
            for i, (ep, x) in enumerate(data):
                tdb = t0 + i * step
                ref = Time(2451545.0, tdb / 86400.0, format="jd", scale="tdb")
                ref = getattr(ref, ts.lower())
                got = Time(ep, format="isot", scale=ts.lower())
                worst_t = max(worst_t, abs((got - ref).sec))
                a = w * (tdb - t0)
                want = [7000 * math.cos(a), 7000 * math.sin(a), 0,
                        -7000 * w * math.sin(a), 7000 * w * math.cos(a), 0]
                worst_r = max(worst_r, max(abs(g - h) for g, h in
                                           zip(x[:3], want[:3])))
            # Epochs print with 6 decimals: half a microsecond of rounding,
            # plus astropy's and ERFA's TDB-TT models agreeing to ~1 us.
            chk.check_close(f"{ts}: epochs vs astropy (s)", worst_t, 0, 2e-6,
                    "astropy Time, TDB->" + ts)
            chk.check_close(f"{ts}: positions (km)", worst_r, 0, 1e-6,
                    "6 decimals in km")
            chk.check_true(f"{ts}: start and stop times", meta["START_TIME"] ==
                   data[0][0] and meta["STOP_TIME"] == data[-1][0],
                   "CCSDS 502.0-B-3 table 5-3")
        bad = os.path.join(d, "bad.oem")
        r = subprocess.run([PROBE, bad, "GPS", repr(t0), "60", "3"],
                           capture_output=True, text=True)
        chk.check_true("unknown time system refused", r.returncode == 1 and
               "time system" in r.stderr, "only TDB, UTC, TT, TAI")
        chk.check_true("nothing written on error", not os.path.exists(bad) and
               len(os.listdir(d)) == 1, "atomic write")
    chk.done()


if __name__ == "__main__":
    main()
