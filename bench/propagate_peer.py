"""Peer timing for bench/propagate.c: scipy's solve_ivp (DOP853, rtol
1e-12) on the same translunar coast and force model (Earth, Moon and Sun
from python3-jplephem reading the same file), then the ratio of steps per
second.

    propagate_peer.py FILE.bsp ILRS_STEPS_PER_S
"""
import sys
import time

import numpy as np
from jplephem.spk import SPK
from scipy.integrate import solve_ivp

path, ilrs_rate = sys.argv[1], float(sys.argv[2])
k = SPK.open(path)
GM_E, GM_M, GM_S = 398600.435507, 4902.800118, 132712440041.279419


def rhs(t, y):
    jd = 2451545.0 + t / 86400.0
    earth = k[3, 399].compute(jd)
    moon = k[3, 301].compute(jd) - earth
    sun = k[0, 10].compute(jd) - k[0, 3].compute(jd) - earth
    r = y[:3]
    a = -GM_E * r / np.linalg.norm(r) ** 3
    for gm, s in ((GM_M, moon), (GM_S, sun)):
        d = r - s
        a += -gm * d / np.linalg.norm(d) ** 3 - gm * s / np.linalg.norm(s) ** 3
    return np.concatenate([y[3:], a])


t0 = 7.6e8
y0 = np.array([6578.0, 0, 0, 0, 10.4, 4.0])
start = time.perf_counter()
sol = solve_ivp(rhs, (t0, t0 + 3 * 86400.0), y0, method="DOP853", rtol=1e-12,
                atol=1e-9)
dt = time.perf_counter() - start
steps = len(sol.t) - 1
rate = steps / dt
print(f"scipy DOP853 steps={steps} seconds={dt:.4f} steps_per_s={rate:.0f}")
print(f"ratio ilrs/scipy steps per second = {ilrs_rate / rate:.1f}x")
