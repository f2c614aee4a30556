"""`ilrs program` through the real binary, on temporary registries.

Independent checks: python3-yaml reads our exports (and the example) on its
own; the registry's tables are read with Python's sqlite3 module; the
example's allocation optimum is recomputed with scipy.optimize.milp (HiGHS),
a different MIP solver from GLPK.
"""
import json
import math
import os
import random
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time

import numpy as np
import yaml
from scipy.optimize import Bounds, LinearConstraint, milp

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "peer"))
from ilrs_check import check_eq, check_in, check_true, done, env, run

SRC = os.path.abspath(env("ILRS_SOURCE"))
EXAMPLE = os.path.join(SRC, "examples", "ilrs.yaml")
TMP = tempfile.mkdtemp(prefix="ilrs-program-test-")


def prog(args, reg=None, **kw):
    a = ["program"] + list(args)
    if reg:
        a += ["--registry", reg]
    return run(a, **kw)


def tables(reg):
    """The registry's entities and fields, read with Python's sqlite3."""
    db = sqlite3.connect(reg)
    ent = sorted(db.execute("SELECT id, kind FROM entity").fetchall())
    fld = sorted(db.execute("SELECT id, name, value FROM field").fetchall())
    db.close()
    return ent, fld


def history_rows(reg, ident=None):
    db = sqlite3.connect(reg)
    q = "SELECT action, id, field, old, new, who FROM history"
    rows = db.execute(q + (" WHERE id = ?" if ident else "") + " ORDER BY seq",
                      (ident,) if ident else ()).fetchall()
    db.close()
    return rows


# ---- units, written again from docs/program-file.md ---------------------
UNITS = {
    "kg": 1, "g": 1e-3, "t": 1e3, "W": 1, "kW": 1e3, "mW": 1e-3,
    "MB": 1, "GB": 1e3, "TB": 1e6, "kB": 1e-3, "Mbit": 0.125, "Gbit": 125,
    "kbit": 1.25e-4, "L": 1, "mL": 1e-3, "cm3": 1e-3, "dm3": 1, "m3": 1e3,
    "m": 1, "mm": 1e-3, "cm": 1e-2, "km": 1e3, "deg": 1, "km2/s2": 1,
}


def quantity(v, angle=False):
    """A value of the example as python3-yaml reads it, in canonical units."""
    if isinstance(v, bool) or not isinstance(v, (int, float, str)):
        return v
    if isinstance(v, (int, float)):
        return float(v)
    m = re.fullmatch(r"\s*([0-9.]+)\s*([NSEW])\s*", v)
    if angle and m:
        return float(m.group(1)) * (-1 if m.group(2) in "SW" else 1)
    m = re.fullmatch(r"\s*([-+0-9.eE]+)\s*([A-Za-z0-9/^]+?)(/day)?\s*", v)
    if m and m.group(2) in UNITS:
        return float(m.group(1)) * UNITS[m.group(2)]
    m = re.fullmatch(r"\s*([0-9.]+)\s*([NSEW])\s*", v)
    if m:
        return float(m.group(1)) * (-1 if m.group(2) in "SW" else 1)
    return v


def normal(v, key=None):
    """Canonical form of one value for comparison."""
    if isinstance(v, dict):
        if set(v) == {"from", "to"}:
            return f"{v['from']}/{v['to']}"
        return {k: normal(x, k) for k, x in v.items()}
    if isinstance(v, list):
        out = [normal(x) for x in v]
        return out
    if hasattr(v, "isoformat"):
        return v.isoformat()
    if key in ("from", "to") and isinstance(v, int):
        return float(v)
    q = quantity(v, key in ("lat", "lon"))
    if key == "lon" and isinstance(q, float) and q > 180:
        q -= 360
    if key in ("launch",) and isinstance(v, int):
        return str(v)
    if key == "type" and isinstance(v, str):
        return [v]
    if key == "preferred" and isinstance(v, str):
        return [s.strip() for s in v.split(",")]
    return q


def normal_doc(doc):
    out = {}
    for sect, items in doc.items():
        if sect == "program":
            items = [items]
        out[sect] = {it["id"]: {k: normal(x, k) for k, x in it.items()
                                if x is not None}
                     for it in items}
    return out


def close_doc(a, b, path=""):
    """Equal, with numbers equal to 1e-12 relative (15-digit rounding)."""
    if isinstance(a, dict) and isinstance(b, dict):
        if set(a) != set(b):
            return f"{path}: keys {sorted(set(a) ^ set(b))}"
        for k in a:
            r = close_doc(a[k], b[k], f"{path}.{k}")
            if r:
                return r
        return None
    if isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            return f"{path}: lengths"
        for i, (x, y) in enumerate(zip(a, b)):
            r = close_doc(x, y, f"{path}[{i}]")
            if r:
                return r
        return None
    if isinstance(a, float) and isinstance(b, (int, float)) and not isinstance(b, bool):
        return None if math.isclose(a, b, rel_tol=1e-12, abs_tol=1e-12) else f"{path}: {a} != {b}"
    return None if a == b else f"{path}: {a!r} != {b!r}"


def test_usage():
    rc, out, err = run(["program", "--help"])
    check_eq("program --help exit", rc, 0, "help")
    for action in ("import", "export", "list", "show", "set", "history",
                   "check", "allocate", "timeline", "--registry", "ILRS_REGISTRY"):
        check_true(f"--help documents {action}", action in out, "every action and option")
    rc, out, err = run(["program"])
    check_eq("no action: usage exit", rc, 2, "usage error")
    rc, out, err = run(["program", "frobnicate"])
    check_eq("unknown action exit", rc, 2, "usage error")
    check_in("unknown action named", "frobnicate", err, "one clear line")
    rc, out, err = run(["program", "import"])
    check_eq("import without FILE", rc, 2, "usage error")
    rc, out, err = run(["program", "import", os.path.join(TMP, "nope.yaml"),
                        "--registry", os.path.join(TMP, "r0.db")])
    check_eq("import missing file exit", rc, 1, "work failed")
    check_in("missing file named", "nope.yaml: cannot open", err, "names the file")
    check_true("no registry created for a missing file",
               not os.path.exists(os.path.join(TMP, "r0.db")), "nothing written")
    rc, out, err = run(["program", "allocate", "--mip-gap", "x"])
    check_eq("bad --mip-gap", rc, 2, "usage error")
    check_in("bad option value named", "--mip-gap", err, "names the option")


def test_validate_messages():
    bad = os.path.join(TMP, "bad.yaml")
    with open(bad, "w") as f:
        f.write("program: {id: P, name: X}\n"
                "partners: [{id: A, name: A, country: X, kind: agency}]\n"
                "missions:\n"
                "  - {id: M, name: M, lead: B, type: lander, target: Moon,\n"
                "     launch: 2026-13, status: approved, budget: {mass: 3 lbs, accommodation: surface}}\n"
                "payloads:\n"
                "  - {id: M, name: P, partner: A, mass: 1 kg, needs: surface, status: proposed, colour: red}\n")
    reg = os.path.join(TMP, "bad.db")
    rc, out, err = prog(["import", bad], reg)
    check_eq("invalid file: exit 1", rc, 1, "work failed")
    lines = [l for l in err.splitlines() if l.startswith(bad)]
    check_eq("every problem in one run", len(lines), 5,
             "dangling lead, month 13, unit lbs, duplicate id, unknown key")
    for needle in ("bad.yaml:4:", "lead: unknown partner 'B'", "bad.yaml:5:14:",
                   "'2026-13' (no such date)", "unknown unit 'lbs'",
                   "duplicate id 'M'", "unknown key 'colour'"):
        check_in(f"validate message {needle}", needle, err, "file:line:col, field, expected vs found")
    check_true("invalid file leaves no registry", not os.path.exists(reg), "nothing written")
    rc, out, err = prog(["validate", EXAMPLE])
    check_eq("example validates", rc, 0, err)


def test_import_export_round_trip():
    reg = os.path.join(TMP, "r1.db")
    rc, out, err = prog(["import", EXAMPLE, "--user", "alice"], reg)
    check_eq("import example exit", rc, 0, err)
    check_in("import counts", "55 created", out, "55 entities in the example")
    before = tables(reg)
    nhist = len(history_rows(reg))
    rc, out, err = prog(["import", EXAMPLE], reg)
    check_eq("re-import exit", rc, 0, err)
    check_in("re-import changes nothing", "0 created, 0 updated, 55 unchanged", out, "idempotent")
    same("re-import: tables unchanged", tables(reg), before, "sqlite3 module")
    check_eq("re-import: no history rows", len(history_rows(reg)), nhist, "nothing changed")
    hist = history_rows(reg, "CE-6")
    check_eq("create recorded with user", (hist[0][0], hist[0][5]), ("create", "alice"), "--user")

    rc, yexp, err = prog(["export"], reg)
    check_eq("export yaml exit", rc, 0, err)
    rc, jexp, err = prog(["export", "--format", "json"], reg)
    check_eq("export json exit", rc, 0, err)
    mine = normal_doc(yaml.safe_load(yexp))
    orig = normal_doc(yaml.safe_load(open(EXAMPLE)))
    diff = close_doc(mine, orig)
    check_true("python3-yaml: export == example (canonical units)", diff is None,
               f"independent YAML reader and unit table; first difference: {diff}")
    check_true("json export == yaml export", close_doc(normal_doc(json.loads(jexp)), mine) is None,
               "Python json module")
    # import(export(x)) == x, at the level of the stored tables.
    for fmt, text in (("yaml", yexp), ("json", jexp)):
        f = os.path.join(TMP, "export." + fmt)
        with open(f, "w") as fh:
            fh.write(text)
        reg2 = os.path.join(TMP, f"r-{fmt}.db")
        rc, out, err = prog(["import", f], reg2)
        check_eq(f"import of {fmt} export", rc, 0, err)
        same(f"import(export {fmt}) tables == original tables", tables(reg2), before,
                 "sqlite3 module on both files")
        rc, again, err = prog(["export"], reg2)
        same(f"export after {fmt} round trip is byte-identical", again, yexp, "fixed point")


def test_update_by_id_and_set():
    reg = os.path.join(TMP, "r2.db")
    prog(["import", EXAMPLE], reg)
    changed = os.path.join(TMP, "changed.yaml")
    text = open(EXAMPLE).read().replace("budget: {mass: 200 kg", "budget: {mass: 180 kg")
    check_true("fixture edit applied", "mass: 180 kg" in text, "CE-8 budget")
    with open(changed, "w") as f:
        f.write(text)
    rc, out, err = prog(["import", changed, "--user", "carol"], reg)
    check_in("changed file updates one entity", "0 created, 1 updated, 54 unchanged", out, err)
    rows = [r for r in history_rows(reg, "CE-8") if r[0] == "update"]
    check_eq("update history row", rows[-1] if rows else None,
             ("update", "CE-8", "budget.mass", "200.0", "180.0", "carol"),
             "what, old, new, who")
    rc, out, err = prog(["history", "CE-8"], reg)
    check_in("history shows the change", "budget.mass: 200.0 -> 180.0", out, "history CLI")
    check_in("history shows who", "carol", out, "--user")
    rc, out, err = prog(["list", "missions"], reg)
    ids = [l.split()[0] for l in out.splitlines()[1:]]
    want = [i["id"] for i in yaml.safe_load(open(EXAMPLE))["missions"]]
    check_eq("list missions", ids, want, "python3-yaml on the example")
    for kind in ("payloads", "partners", "sites", "landing_sites", "vehicles", "phases"):
        rc, out, err = prog(["list", kind], reg)
        check_eq(f"list {kind} exit", rc, 0, err)
    rc, out, err = prog(["list", "rockets"], reg)
    check_eq("list unknown kind", rc, 2, "usage")
    rc, out, err = prog(["show", "CE-6"], reg)
    check_in("show landing site", "landing_site           Apollo", out, "example")
    rc, out, err = prog(["show", "Apollo"], reg)
    check_in("show lat in degrees", "-41.6385 deg", out, "41.6385 S")
    rc, out, err = prog(["show", "NOPE"], reg)
    check_eq("show unknown id", rc, 1, "work failed")
    check_in("show unknown named", "NOPE", err, "names it")

    before = tables(reg)
    rc, out, err = prog(["set", "CE-8", "budget.power_peak", "10 W"], reg)
    check_eq("set breaking a rule fails", rc, 1, "peak below average")
    check_in("rule named", "peak power 10 W is below the average 300 W", err, "clear line")
    rc, out, err = prog(["set", "CE-8", "budget.mass", "heavy"], reg)
    check_eq("set bad value fails", rc, 1, "not a mass")
    check_in("bad value named", "found 'heavy'", err, "expected vs found")
    rc, out, err = prog(["set", "CE-8", "colour", "red"], reg)
    check_eq("set unknown field fails", rc, 1, "no such field")
    rc, out, err = prog(["set", "CE-8", "lead", "NOPE"], reg)
    check_in("set dangling reference refused", "unknown partner 'NOPE'", err, "validated")
    same("refused sets leave the tables", tables(reg), before, "one transaction each")
    rc, out, err = prog(["set", "CE-8", "budget.mass", "0.15 t", "--user", "dave"], reg)
    check_eq("set with unit", rc, 0, err)
    db = sqlite3.connect(reg)
    v = db.execute("SELECT value FROM field WHERE id='CE-8' AND name='budget.mass'").fetchone()
    db.close()
    check_eq("stored canonical value", v, ("150.0",), "0.15 t = 150 kg")
    check_eq("set history row", history_rows(reg, "CE-8")[-1],
             ("set", "CE-8", "budget.mass", "180.0", "150.0", "dave"), "history")
    rc, out, err = prog(["set", "X-MAG", "notes", "note: colons, [brackets] stay text"], reg)
    rc2, out2, err2 = prog(["show", "X-MAG"], reg)
    check_in("set text verbatim", "note: colons, [brackets] stay text", out2, err)
    rc, out, err = prog(["set", "X-MAG", "notes", "null"], reg)
    check_eq("set null clears an optional field", rc, 0, err)
    rc, out, err = prog(["set", "X-MAG", "name", "null"], reg)
    check_eq("required field cannot be cleared", rc, 1, "name is required")
    # Default registry path: $ILRS_REGISTRY, then ./ilrs-registry.db.
    envreg = os.path.join(TMP, "env.db")
    rc, out, err = run(["program", "import", EXAMPLE], extra_env={"ILRS_REGISTRY": envreg})
    check_true("ILRS_REGISTRY used", rc == 0 and os.path.exists(envreg), err)
    cwd = os.path.join(TMP, "cwd")
    os.makedirs(cwd)
    p = subprocess.run([env("ILRS_BIN"), "program", "import", EXAMPLE], cwd=cwd,
                       capture_output=True, text=True,
                       env={k: v for k, v in os.environ.items() if k != "ILRS_REGISTRY"})
    check_true("default ./ilrs-registry.db", p.returncode == 0 and
               os.path.exists(os.path.join(cwd, "ilrs-registry.db")), p.stderr)


# ---- check and allocate ---------------------------------------------------

def milp_optimum(doc):
    """The example's best total value, by scipy's HiGHS MIP solver, with the
    rules of docs/program-file.md written again here."""
    missions = doc["missions"]
    sites = {s["id"]: s for s in doc["landing_sites"]}
    pls = [p for p in doc["payloads"] if p["status"] not in ("rejected", "withdrawn")]
    dims = ["mass", "power_avg", "power_peak", "data", "volume"]

    def need(p, d):
        return quantity(p.get(d, 0))

    def cap(m, d):
        b = m.get("budget", {})
        return quantity(b[d]) if d in b else math.inf

    fixed_val = 0.0
    used_fixed = {m["id"]: [0.0] * 5 for m in missions}
    pairs = []
    for p in pls:
        val = float(p.get("priority", 1)) * float(p.get("score", 1))
        if p["status"] in ("accepted", "flown"):
            fixed_val += val
            for k, d in enumerate(dims):
                used_fixed[p["assigned"]][k] += need(p, d)
            continue
        for m in missions:
            b = m.get("budget")
            if not b or m["status"] not in ("proposed", "approved", "in-development"):
                continue
            acc = b["accommodation"]
            if p["needs"] == "surface" and acc == "orbit":
                continue
            if p["needs"] == "orbit" and acc == "surface":
                continue
            site = sites.get(m.get("landing_site"), {})
            if p.get("region") and site.get("region") != p["region"]:
                continue
            if p.get("night_survival") and not b.get("night_survival"):
                continue
            ill = p.get("illumination", "any")
            if ill != "any" and site.get("illumination") not in (ill, "mixed"):
                continue
            if p.get("preferred") and m["id"] not in p["preferred"]:
                continue
            if any(need(p, d) > cap(m, d) for d in dims):
                continue
            pairs.append((p["id"], m, val))
    n = len(pairs)
    c = -np.array([v for _, _, v in pairs])
    rows, lb, ub = [], [], []
    for pid in {p for p, _, _ in pairs}:
        rows.append([1.0 if q == pid else 0.0 for q, _, _ in pairs])
        lb.append(0)
        ub.append(1)
    byid = {p["id"]: p for p in pls}
    for m in missions:
        for k, d in enumerate(dims):
            if math.isinf(cap(m, d)):
                continue
            rows.append([need(byid[q], d) if mm is m else 0.0 for q, mm, _ in pairs])
            lb.append(-np.inf)
            ub.append(cap(m, d) - used_fixed[m["id"]][k])
    res = milp(c, constraints=LinearConstraint(np.array(rows), lb, ub),
               integrality=np.ones(n), bounds=Bounds(0, 1))
    return fixed_val - res.fun


def test_check_allocate():
    reg = os.path.join(TMP, "r3.db")
    prog(["import", EXAMPLE], reg)
    rc, out, err = prog(["check"], reg)
    check_eq("example checks cleanly", rc, 0, out + err)
    rc, out, err = prog(["allocate"], reg)
    check_eq("allocate exit", rc, 0, err)
    m = re.search(r"total value ([0-9.e+]+) \(optimal", out)
    want = milp_optimum(yaml.safe_load(open(EXAMPLE)))
    check_true("allocation optimum = scipy milp (HiGHS)",
               m is not None and math.isclose(float(m.group(1)), want, rel_tol=1e-9),
               f"HiGHS says {want}; we print {m.group(1) if m else None}")
    check_in("binding reason for X-DRILL", "CE-8 mass 180 kg > 120 kg left of 200", out,
             "200 - 60 - 12 - 8 kg placed on Chang'e-8")
    check_in("needs reason for X-DUST", "needs night survival; CE-7 does not offer it", out,
             "Chang'e-7 offers no night survival")
    rc, out, err = prog(["allocate", "--apply", "--user", "erin"], reg)
    check_eq("allocate --apply exit", rc, 0, err)
    rows = [r for r in history_rows(reg) if r[0] == "allocate"]
    check_true("plan recorded in history", len(rows) >= 3 and all(r[5] == "erin" for r in rows),
               f"{len(rows)} allocate rows")
    rc, out, err = prog(["check"], reg)
    check_eq("applied plan passes check", rc, 0, out)
    rc, out2, err = prog(["allocate", "--apply"], reg)
    check_in("re-applying changes nothing", "applied: 0 assignments changed", out2, "idempotent")
    # Break a budget: check names it and fails.
    prog(["set", "CE-7", "budget.mass", "5 kg"], reg)
    rc, out, err = prog(["check"], reg)
    check_eq("over-subscribed: check exit 1", rc, 1, "budget broken")
    check_in("over-subscription named", "mission CE-7: mass over budget: 10 kg assigned", out,
             "3 + 3 + 4 kg (ILO-C, NARIT-SW, X-MAG) on a 5 kg budget")
    rc, out, err = prog(["allocate"], reg)
    check_eq("infeasible allocation exit 1", rc, 1, "fixed payloads break a budget")
    check_in("infeasible named", "infeasible: the accepted and flown payloads of mission CE-7", err,
             "clear answer")
    # Empty input.
    empty = os.path.join(TMP, "empty.yaml")
    with open(empty, "w") as f:
        f.write("program: {id: E, name: Empty}\n")
    rc, out, err = prog(["allocate", "--file", empty])
    check_eq("empty program allocate exit", rc, 0, err)
    check_in("empty program answer", "nothing to allocate: 0 missions", out, "clear answer")
    rc, out, err = prog(["allocate", "--file", empty, "--apply"])
    check_eq("--apply with --file is a usage error", rc, 2, "registry only")


def test_timeline_text():
    rc, out, err = prog(["timeline", "--file", EXAMPLE])
    check_eq("timeline exit", rc, 0, err)
    order = [l.split()[1] for l in out.split("missions by launch:")[1].strip().splitlines()]
    check_eq("missions by launch date", order,
             ["Queqiao", "CE-4", "CE-5", "Queqiao-2", "CE-6", "TW-2", "CE-7", "TW-3",
              "CE-8", "TW-4"], "launch dates in the example's sources")
    from PIL import Image
    png = os.path.join(TMP, "timeline.png")
    rc, out, err = prog(["timeline", "--file", EXAMPLE, "--plot", png])
    check_eq("timeline --plot png exit", rc, 0, err)
    img = Image.open(png).convert("RGB")
    check_eq("chart size (pt)", img.size, (1000, 160 + 28 * 10), "1000 wide, 28 per mission row")
    px = list(img.getdata())
    blue = sum(1 for c in px if abs(c[0] - 26) < 6 and abs(c[1] - 115) < 6 and abs(c[2] - 191) < 6)
    orange = sum(1 for c in px if abs(c[0] - 230) < 6 and abs(c[1] - 128) < 6 and abs(c[2] - 13) < 6)
    check_true("flown missions drawn (blue bars)", blue > 100, f"{blue} px; PIL")
    check_true("planned missions drawn (orange bars)", orange > 1000, f"{orange} px; PIL")
    svg = os.path.join(TMP, "timeline.svg")
    rc, out, err = prog(["timeline", "--file", EXAMPLE, "--plot", svg])
    check_true("timeline --plot svg", rc == 0 and "<svg" in open(svg).read(), err)
    rc, out, err = prog(["timeline", "--file", EXAMPLE, "--plot", os.path.join(TMP, "t.bmp")])
    check_eq("unknown chart extension", rc, 1, err.strip())


# ---- registries that are not ours -----------------------------------------

def same(name, got, want, source):
    """check_eq for large values: prints only whether they match."""
    return check_true(name, got == want, source)


def snapshot(path):
    with open(path, "rb") as f:
        return f.read(), os.stat(path).st_mtime_ns


def test_bad_registries():
    text = os.path.join(TMP, "notes.txt")
    with open(text, "w") as f:
        f.write("these are my notes, not a registry\n" * 200)
    s0 = snapshot(text)
    for action in (["import", EXAMPLE], ["list", "missions"], ["set", "CE-6", "name", "x"]):
        rc, out, err = prog(action, text)
        check_eq(f"text file as registry: {action[0]} exit", rc, 1, "work failed")
        check_in(f"text file: {action[0]} message", "not a registry (not an SQLite database)",
                 err, "clear message")
    same("text file untouched", snapshot(text), s0, "bytes and mtime")

    other = os.path.join(TMP, "other.db")
    db = sqlite3.connect(other)
    db.execute("CREATE TABLE t(x)")
    db.execute("INSERT INTO t VALUES (1)")
    db.commit()
    db.close()
    s0 = snapshot(other)
    rc, out, err = prog(["import", EXAMPLE], other)
    check_eq("foreign SQLite file exit", rc, 1, "not ours")
    check_in("foreign SQLite file message", "not an ILRS registry", err, "clear message")
    same("foreign SQLite file untouched", snapshot(other), s0, "bytes and mtime")

    newer = os.path.join(TMP, "newer.db")
    prog(["import", EXAMPLE], newer)
    db = sqlite3.connect(newer)
    db.execute("PRAGMA user_version = 99")
    db.commit()
    db.close()
    s0 = snapshot(newer)
    rc, out, err = prog(["import", EXAMPLE], newer)
    check_eq("newer schema exit", rc, 1, "refused")
    check_in("newer schema message", "schema version 99 is newer than this ilrs reads", err,
             "clear message")
    rc, out, err = prog(["list", "missions"], newer)
    check_eq("newer schema read refused", rc, 1, "refused")
    same("newer-schema file untouched", snapshot(newer), s0, "bytes and mtime")

    # An older schema (version 1) is migrated forward.
    old = os.path.join(TMP, "old.db")
    prog(["import", EXAMPLE], old)
    db = sqlite3.connect(old)
    db.execute("DROP INDEX history_by_id")
    db.execute("PRAGMA user_version = 1")
    db.commit()
    db.close()
    rc, out, err = prog(["list", "missions"], old)
    check_eq("version-1 registry opens", rc, 0, err)
    db = sqlite3.connect(old)
    v = db.execute("PRAGMA user_version").fetchone()[0]
    idx = db.execute("SELECT count(*) FROM sqlite_master WHERE name='history_by_id'").fetchone()[0]
    db.close()
    check_eq("migrated to version 2", (v, idx), (2, 1), "migration 1 -> 2 adds the index")

    corrupt = os.path.join(TMP, "corrupt.db")
    prog(["import", EXAMPLE], corrupt)
    with open(corrupt, "r+b") as f:
        f.seek(4096)
        f.write(os.urandom(16384))
    s0 = snapshot(corrupt)
    for action in (["list", "missions"], ["import", EXAMPLE], ["export"]):
        rc, out, err = prog(action, corrupt)
        check_eq(f"corrupt registry: {action[0]} exit", rc, 1, "work failed, no crash")
        check_true(f"corrupt registry: {action[0]} one clear line",
                   err.count("\n") == 1 and "corrupt.db" in err, err.strip())
    same("corrupt file untouched", snapshot(corrupt), s0, "bytes and mtime")
    rc, out, err = prog(["list", "missions"], os.path.join(TMP, "absent.db"))
    check_eq("missing registry exit", rc, 1, "work failed")
    check_in("missing registry message", "no registry here", err, "clear message")
    check_true("missing registry not created", not os.path.exists(os.path.join(TMP, "absent.db")),
               "reads never create")


# ---- concurrency and crashes ----------------------------------------------

def test_concurrent_writers():
    reg = os.path.join(TMP, "conc.db")
    prog(["import", EXAMPLE], reg)
    n = 12
    results = {}

    def writer(pid, field):
        rcs = []
        for k in range(1, n + 1):
            rc, out, err = prog(["set", pid, field, str(k), "--user", pid], reg)
            rcs.append((rc, err.strip()))
        results[pid] = rcs

    extra = os.path.join(TMP, "extra.yaml")
    doc = yaml.safe_load(open(EXAMPLE))
    doc["payloads"].append({"id": "X-NEW", "name": "New", "partner": "PartnerX",
                            "mass": 1.0, "needs": "any", "status": "proposed"})
    with open(extra, "w") as f:
        yaml.safe_dump(doc, f)
    threads = [threading.Thread(target=writer, args=("X-SEIS", "score")),
               threading.Thread(target=writer, args=("X-MAG", "priority"))]
    for t in threads:
        t.start()
    rc_imp, out, err_imp = prog(["import", extra], reg)
    for t in threads:
        t.join()
    ok = all(rc == 0 for r in results.values() for rc, _ in r)
    check_true("two writers at once: every set succeeded", ok,
               str([e for r in results.values() for rc, e in r if rc][:2]))
    check_eq("import during the writers succeeded", rc_imp, 0, err_imp)
    sets = [r for r in history_rows(reg) if r[0] == "set"]
    check_eq("no write lost: history rows", len(sets), 2 * n, "one row per set")
    db = sqlite3.connect(reg)
    final = dict(db.execute("SELECT id || '.' || name, value FROM field WHERE "
                            "(id='X-SEIS' AND name='score') OR (id='X-MAG' AND name='priority')"))
    have_new = db.execute("SELECT count(*) FROM entity WHERE id='X-NEW'").fetchone()[0]
    db.close()
    check_eq("no write lost: last values", final,
             {"X-SEIS.score": f"{n}.0", "X-MAG.priority": f"{n}.0"}, "each writer's last set")
    check_eq("no write lost: imported entity", have_new, 1, "X-NEW from the concurrent import")


def big_program(path, npay, bump):
    doc = yaml.safe_load(open(EXAMPLE))
    for k in range(npay):
        doc["payloads"].append({"id": f"B{k:05d}", "name": f"Bulk {k}", "partner": "PartnerX",
                                "mass": float(1 + k % 7 + bump), "needs": "any",
                                "status": "proposed", "score": float(k % 5)})
    with open(path, "w") as f:
        yaml.safe_dump(doc, f)


def test_kill_mid_import():
    reg = os.path.join(TMP, "kill.db")
    prog(["import", EXAMPLE], reg)
    old = tables(reg)
    changed = os.path.join(TMP, "kill-new.yaml")
    big_program(changed, 1500, 0)
    # 1. Killed inside the transaction (held open by --commit-delay).
    p = subprocess.Popen([env("ILRS_BIN"), "program", "import", changed, "--registry", reg,
                          "--commit-delay", "20000"], stderr=subprocess.PIPE, text=True)
    line = p.stderr.readline()
    check_in("import reached its commit point", "waiting", line, "--commit-delay")
    p.send_signal(signal.SIGKILL)
    p.wait()
    p.stderr.close()
    same("SIGKILL before commit: old state", tables(reg), old, "one transaction")
    rc, out, err = prog(["import", changed], reg)
    check_eq("import after the kill works", rc, 0, err)
    new = tables(reg)
    check_true("new state differs from old", new != old, "1500 more payloads")
    # 2. Killed at random moments, alternating two versions of the file.
    other = os.path.join(TMP, "kill-other.yaml")
    big_program(other, 1500, 1)
    ref = os.path.join(TMP, "kill-ref.db")
    prog(["import", EXAMPLE], ref)
    prog(["import", other], ref)
    states = {"changed": new, "other": tables(ref)}
    rnd = random.Random(7)
    t0 = time.time()
    subprocess.run([env("ILRS_BIN"), "program", "import", other, "--registry",
                    os.path.join(TMP, "timing.db")], capture_output=True)
    full = time.time() - t0
    bad, killed, current = 0, 0, "changed"
    for k in range(12):
        target = "other" if current == "changed" else "changed"
        f = other if target == "other" else changed
        p = subprocess.Popen([env("ILRS_BIN"), "program", "import", f, "--registry", reg],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rnd.uniform(0.0, full * 1.2))
        p.send_signal(signal.SIGKILL)
        rc = p.wait()
        killed += rc == -signal.SIGKILL
        now = tables(reg)
        if now == states[target]:
            current = target
        elif now != states[current]:
            bad += 1
    check_eq("random SIGKILLs: always old or new state, never between", bad, 0,
             f"{killed} of 12 imports killed; full import takes {full:.2f} s")
    check_true("some imports were killed", killed > 0, "the test exercised kills")


def main():
    try:
        test_usage()
        test_validate_messages()
        test_import_export_round_trip()
        test_update_by_id_and_set()
        test_check_allocate()
        test_timeline_text()
        test_bad_registries()
        test_concurrent_writers()
        test_kill_mid_import()
    finally:
        shutil.rmtree(TMP, ignore_errors=True)
    done()


main()
