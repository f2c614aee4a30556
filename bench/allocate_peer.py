"""allocate_peer.py PROBLEM TIME_LIMIT GAP OURS_S OURS_OBJ -- the allocation
problem bench_allocate wrote, solved with scipy.optimize.milp (HiGHS) under
the same time limit and gap; prints its time, objective, and the ratios."""
import sys
import time

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import coo_matrix


def main():
    path, limit, gap = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])
    ours_s, ours_obj = float(sys.argv[4]), float(sys.argv[5])
    with open(path) as f:
        nm, np_, ncol = map(int, f.readline().split())
        cap = np.array([[float(x) for x in f.readline().split()] for _ in range(nm)])
        pl = np.array([[float(x) for x in f.readline().split()] for _ in range(np_)])
        cols = np.loadtxt(f, dtype=np.int64, ndmin=2) if ncol else np.zeros((0, 2), np.int64)
    value, need = pl[:, 0], pl[:, 1:]
    p, m = cols[:, 0], cols[:, 1]
    j = np.arange(ncol)
    rows = [p]                      # one row per proposal: at most once
    vals = [np.ones(ncol)]
    cols_ = [j]
    ub = [np.ones(np_)]
    for d in range(5):              # one row per mission and budget
        rows.append(np_ + d * nm + m)
        vals.append(need[p, d])
        cols_.append(j)
        ub.append(cap[:, d])
    a = coo_matrix((np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols_))),
                   shape=(np_ + 5 * nm, ncol)).tocsr()
    t0 = time.time()
    res = milp(-value[p], constraints=LinearConstraint(a, -np.inf, np.concatenate(ub)),
               integrality=np.ones(ncol), bounds=Bounds(0, 1),
               options={"time_limit": limit, "mip_rel_gap": gap})
    dt = time.time() - t0
    obj = -res.fun if res.x is not None else float("nan")
    bound = -getattr(res, "mip_dual_bound", float("nan")) if res.x is not None else float("nan")
    print(f"peer scipy.optimize.milp (HiGHS): allocate_s={dt:.3f} objective={obj:.10g} "
          f"bound={bound:.10g} status={res.message!r}")
    print(f"ratio: ilrs/HiGHS time = {ours_s / dt:.2f}, objective ilrs/HiGHS = "
          f"{ours_obj / obj:.5f}")
    ok = ours_obj <= bound * (1 + 1e-9)
    print(f"check: ilrs objective {'<=' if ok else '>'} HiGHS bound "
          f"({'consistent' if ok else 'INCONSISTENT'})")


main()
