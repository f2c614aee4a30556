"""Time scales against python3-astropy (which calls ERFA through pyerfa,
an independent binding and code path for parsing, splitting and chaining).

>= 1000 epochs 1960-2060: seeded random ones, every leap-second day with
its 23:59:60 and the seconds around it, and the 1960-1971 rubber-second era.
|dTAI|, |dTT|, |dTDB| < 1 microsecond, and the reverse TDB -> UTC.
"""
import warnings

import numpy as np
from astropy.time import Time
from astropy.utils import iers

from ilrs_check import check_eq, check_le, done, probe

iers.conf.auto_download = False
warnings.simplefilter("ignore")  # ERFA's "dubious year" past the table

rng = np.random.default_rng(7)

LEAP_DAYS = ["1972-06-30", "1972-12-31", "1973-12-31", "1974-12-31",
             "1975-12-31", "1976-12-31", "1977-12-31", "1978-12-31",
             "1979-12-31", "1981-06-30", "1982-06-30", "1983-06-30",
             "1985-06-30", "1987-12-31", "1989-12-31", "1990-12-31",
             "1992-06-30", "1993-06-30", "1994-06-30", "1995-12-31",
             "1997-06-30", "1998-12-31", "2005-12-31", "2008-12-31",
             "2012-06-30", "2015-06-30", "2016-12-31"]  # IERS Bulletin C


def epochs():
    out = []
    mjd = rng.uniform(36934.0, 73415.0, 1000)  # 1960-01-01 .. 2060-01-01
    for t in Time(mjd, format="mjd", scale="utc").isot:
        out.append(t)
    for day in LEAP_DAYS:
        for sec in ("23:59:58.5", "23:59:59", "23:59:60", "23:59:60.25",
                    "23:59:60.999"):
            out.append(f"{day}T{sec}")
        nxt = (Time(day) + 1).isot[:10]
        out.append(f"{nxt}T00:00:00")
        out.append(f"{nxt}T00:00:00.5")
    for m in range(1960, 1972):  # rubber seconds
        out.append(f"{m}-03-15T06:00:00")
    return out


texts = epochs()
check_le("epochs tested", -len(texts), -1000, "at least 1000")
rows = [line.split() for line in probe("probe_ephem", ["time"], "\n".join(texts) + "\n").splitlines()]
check_eq("every epoch parsed", sum(r[0] == "ERR" for r in rows), 0, "valid UTC")
ours = np.array([[float(x) for x in r[:7]] for r in rows])
t = Time(texts, format="isot", scale="utc")
us = 86400e6
worst = {}
for name, col, ref in (("TAI", 0, t.tai), ("TT", 2, t.tt), ("TDB", 4, t.tdb)):
    d = ((ours[:, col] - ref.jd1) + (ours[:, col + 1] - ref.jd2)) * us
    worst[name] = np.abs(d).max()
    check_le(f"max |d{name}| (us) over {len(texts)} epochs", worst[name], 1.0,
             "python3-astropy Time(...).%s" % name.lower())
tdb_s = ((t.tdb.jd1 - 2451545.0) + t.tdb.jd2) * 86400.0
check_le("max |d TDB seconds past J2000| (us)",
         np.abs(ours[:, 6] - tdb_s).max() * 1e6, 1.0, "astropy TDB")

# Reverse: TDB seconds -> UTC text, read back by astropy.
mask = np.ones(len(texts), bool)  # leap seconds included
back = probe("probe_ephem", ["utc"], "\n".join(repr(float(x)) for x in ours[mask, 6]) + "\n")
lines = back.split()
check_eq("reverse: every epoch printed", sum(x.startswith("ERR") for x in lines), 0, "valid")
rt = Time(lines, format="isot", scale="utc")
d = (rt - t[mask]).sec * 1e6
check_le("reverse TDB -> UTC (us)", np.abs(d).max(), 1.0, "astropy reads our UTC text back")
done()
