"""Peer timing for bench/ephem.c: python3-jplephem's vectorised evaluation
of the same segment at the same epochs (read from the file bench_ephem
wrote), then the ratio to ilrs's single-thread and all-thread rates.

    ephem_peer.py FILE.bsp CENTER TARGET EPOCHS_FILE ILRS_1T ILRS_ALL
"""
import sys
import time

import numpy as np
from jplephem.spk import SPK

path, center, target, epochs, ilrs_1, ilrs_all = sys.argv[1:7]
t = np.fromfile(epochs, dtype=np.float64)
kernel = SPK.open(path)
seg = kernel[int(center), int(target)]
best = 1e30
for _ in range(3):
    t0 = time.perf_counter()
    p, v = seg.compute_and_differentiate(2451545.0, t / 86400.0)
    best = min(best, time.perf_counter() - t0)
rate = len(t) / best
print(f"jplephem states={len(t)} seconds={best:.6f} states_per_s={rate:.0f}")
print(f"ratio ilrs(1 thread)/jplephem = {float(ilrs_1) / rate:.1f}x")
print(f"ratio ilrs(all threads)/jplephem = {float(ilrs_all) / rate:.1f}x")
