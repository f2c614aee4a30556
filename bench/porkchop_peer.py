"""Peer timing for bench/porkchop.c: python3-poliastro's Izzo solver
(poliastro.core.iod.izzo) on a measured subset of the same grid cells
(states written by bench_porkchop), each with the C3 from its velocity, then
the ratio to ilrs's single-thread and all-thread cell rates and the time
poliastro would take for the whole grid at that rate.

    porkchop_peer.py SUBSET_FILE CELLS ILRS_1T ILRS_ALL
"""
import sys
import time

import numpy as np

path, cells, ilrs_1, ilrs_all = sys.argv[1:5]
try:
    from poliastro.core.iod import izzo
except ImportError:
    print("poliastro not installed (Debian python3-poliastro): no ratio")
    sys.exit(0)

rows = np.fromfile(path, dtype=np.float64).reshape(-1, 11)
k = 132712440041.279419  # GM of the Sun, km^3/s^2 (DE440), as ilrs uses


def cell(row):
    v1, _ = izzo(k, row[0:3], row[3:6], row[9], 0, True, True, 35, 1e-8)
    dv = v1 - row[6:9]
    return float(dv @ dv)


cell(rows[0])  # compile (numba) outside the timing
worst = 0.0
best = 1e30
for _ in range(3):
    t0 = time.perf_counter()
    c3 = [cell(r) for r in rows]
    best = min(best, time.perf_counter() - t0)
worst = max(abs(a - b) / b for a, b in zip(c3, rows[:, 10]))
rate = len(rows) / best
print(f"poliastro izzo cells={len(rows)} seconds={best:.4f} "
      f"cells_per_s={rate:.0f} (1 thread); max rel C3 difference {worst:.1e}")
print(f"poliastro, {int(cells)} cells at that rate: {int(cells) / rate:.1f} s")
print(f"ratio ilrs(1 thread)/poliastro = {float(ilrs_1) / rate:.1f}x")
print(f"ratio ilrs(all threads)/poliastro = {float(ilrs_all) / rate:.1f}x")
