"""Peer timing for bench/lambert.c: python3-poliastro's Izzo solver
(poliastro.core.iod.izzo, compiled by numba) on the same problems, read
from the file bench_lambert wrote, called from a numba-compiled loop so
that no Python overhead is counted (its compile time is not counted
either). poliastro's default tolerance (35 iterations, rtol 1e-8).
Prints its rate and the ratios to ilrs's single-thread and all-thread
rates.

    lambert_peer.py PROBLEMS_FILE ILRS_1T ILRS_ALL [MAX_PROBLEMS]
"""
import sys
import time

import numba
import numpy as np
from poliastro.core.iod import izzo

path, ilrs_1, ilrs_all = sys.argv[1:4]
limit = int(sys.argv[4]) if len(sys.argv) > 4 else 1000000
rows = np.fromfile(path, dtype=np.float64).reshape(-1, 9)[:limit].copy()


@numba.njit
def solve_all(rows, out):
    for i in range(rows.shape[0]):
        v1, v2 = izzo(rows[i, 0], rows[i, 1:4], rows[i, 4:7], rows[i, 7], 0,
                      rows[i, 8] == 0.0, True, 35, 1e-8)
        out[i, :3] = v1
        out[i, 3:] = v2


out = np.empty((rows.shape[0], 6))
solve_all(rows[:2], out[:2])  # compile outside the timing
best = 1e30
for _ in range(50):  # best of 50, as bench_lambert
    t0 = time.perf_counter()
    solve_all(rows, out)
    best = min(best, time.perf_counter() - t0)
rate = rows.shape[0] / best
print(f"poliastro izzo solves={rows.shape[0]} seconds={best:.6f} "
      f"solves_per_s={rate:.0f}")
print(f"ratio ilrs(1 thread)/poliastro = {float(ilrs_1) / rate:.1f}x")
print(f"ratio ilrs(all threads)/poliastro = {float(ilrs_all) / rate:.1f}x")
