"""Shared helpers for the Python tests: named checks and the real binary.

Each check prints one line, PASS or FAIL, with its name, the values, the
tolerance and where the expected value comes from; done() prints the
closing "N passed, M failed" line and exits non-zero on any failure.
"""
import math
import os
import subprocess
import sys

_passed = 0
_failed = 0


def _report(ok, text):
    global _passed, _failed
    if ok:
        _passed += 1
    else:
        _failed += 1
    print(("PASS " if ok else "FAIL ") + text, flush=True)
    return ok


def check_true(name, ok, source):
    return _report(bool(ok), f"{name} ({source})")


def check_close(name, got, want, tol, source):
    ok = got is not None and math.isfinite(got) and abs(got - want) <= tol
    diff = abs(got - want) if got is not None and math.isfinite(got) else float("nan")
    return _report(ok, f"{name}: got {got!r} want {want!r} |diff| {diff:.3g} "
                       f"tol {tol:.3g} ({source})")


def check_le(name, got, bound, source):
    ok = got is not None and math.isfinite(got) and got <= bound
    return _report(ok, f"{name}: got {got:.6g} <= {bound:.6g} ({source})")


def check_eq(name, got, want, source):
    return _report(got == want, f"{name}: got {got!r} want {want!r} ({source})")


def check_in(name, needle, haystack, source):
    return _report(needle in (haystack or ""),
                   f"{name}: {needle!r} in {haystack!r} ({source})")


def done():
    print(f"{_passed} passed, {_failed} failed")
    sys.exit(1 if _failed or not _passed else 0)


def env(name):
    """A required environment variable set by CTest; a FAIL if missing."""
    value = os.environ.get(name)
    if not value:
        _report(False, f"environment variable {name} is not set (run through ctest)")
        done()
    return value


def data(relpath):
    """Path of a reference file under $ILRS_DATA; a FAIL if missing."""
    path = os.path.join(env("ILRS_DATA"), relpath)
    if not os.path.exists(path):
        _report(False, f"reference data missing: {path}")
        done()
    return path


def run(args, input_text=None, extra_env=None):
    """Run the ilrs binary; returns (exit code, stdout, stderr)."""
    e = dict(os.environ)
    if extra_env is not None:
        e.update(extra_env)
    p = subprocess.run([env("ILRS_BIN")] + list(args), input=input_text,
                       capture_output=True, text=True, env=e, timeout=600)
    return p.returncode, p.stdout, p.stderr


def probe(name, args, input_text=None):
    """Run a test probe from $ILRS_BUILD/tests; returns stdout (fails on error)."""
    exe = os.path.join(env("ILRS_BUILD"), "tests", name)
    p = subprocess.run([exe] + list(args), input=input_text, capture_output=True,
                       text=True, timeout=600)
    if p.returncode != 0:
        _report(False, f"probe {name} {' '.join(args)} exited {p.returncode}: "
                       f"{p.stderr.strip()[:500]}")
        done()
    return p.stdout
