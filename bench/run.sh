#!/bin/sh
# bench/run.sh BUILD_DIR -- every benchmark against its peer, in one run.
# Needs ../shared/data (ILRS_DATA to override) and Debian's python3 with
# python3-jplephem and python3-poliastro.
set -eu
build=${1:-build}
here=$(cd "$(dirname "$0")" && pwd)
data=${ILRS_DATA:-$here/../../shared/data}
n=${BENCH_N:-4000000}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for case in "3 301 Moon_wrt_EMB" "0 4 Mars_barycenter_wrt_SSB"; do
    set -- $case
    echo "== SPK evaluation, de421-2022-2026.bsp, $3, $n random epochs =="
    "$build/bench/bench_ephem" "$data/ephem/de421-2022-2026.bsp" "$2" "$1" "$n" \
        "$tmp/epochs" | tee "$tmp/out"
    one=$(awk '/threads=1 /{sub("states_per_s=","",$5); print $5}' "$tmp/out")
    all=$(tail -n 1 "$tmp/out" | awk '{sub("states_per_s=","",$5); print $5}')
    /usr/bin/python3 "$here/ephem_peer.py" "$data/ephem/de421-2022-2026.bsp" \
        "$1" "$2" "$tmp/epochs" "$one" "$all"
done
for case in "LDEM_4.LBL 0 696 240 24 720 0 LDEM_4_south_polar_cap_whole_DEM" \
            "ldem_6_cut.tif 450 450 100 100 360 0.25 ldem_6_1m_250m_rays"; do
    set -- $case
    echo "== horizon map, $1, window $2,$3 ${4}x$5, $6 azimuths, max $7 km ($8) =="
    "$build/bench/bench_horizon" "$data/lunar/$1" "$2" "$3" "$4" "$5" "$6" "$7"
done
echo "== porkchop, Earth -> Mars 2020, 1000 x 1000 grid end to end =="
"$build/bench/bench_porkchop" "${BENCH_EPHEMERIS:-}" "${BENCH_GRID:-1000}" \
    "$tmp/cells" | tee "$tmp/pc"
one=$(awk '/threads=1 /{sub("cells_per_s=","",$5); print $5}' "$tmp/pc")
all=$(tail -n 1 "$tmp/pc" | awk '{sub("cells_per_s=","",$5); print $5}')
cells=$(tail -n 1 "$tmp/pc" | awk '{sub("cells=","",$3); print $3}')
/usr/bin/python3 "$here/porkchop_peer.py" "$tmp/cells" "$cells" "$one" "$all"

# Lambert: random single-revolution heliocentric problems; poliastro's
# izzo (python3-poliastro, numba) times the first LAMBERT_PEER_N of the
# same problems.
ln=${BENCH_LAMBERT_N:-1000000}
echo "== Lambert single revolution, $ln random heliocentric problems =="
"$build/bench/bench_lambert" "$ln" "$tmp/lambert" | tee "$tmp/out"
one=$(awk '/threads=1 /{sub("solves_per_s=","",$5); print $5}' "$tmp/out")
all=$(tail -n 1 "$tmp/out" | awk '{sub("solves_per_s=","",$5); print $5}')
/usr/bin/python3 "$here/lambert_peer.py" "$tmp/lambert" "$one" "$all" \
    "${LAMBERT_PEER_N:-200000}"
echo "== Ephemeris-model propagation (rk8pd) and a month of lunar transfers =="
"$build/bench/bench_propagate" "$data/ephem/de421-2022-2026.bsp" | tee "$tmp/prop"
rate=$(awk '/stm=0 /{sub("steps_per_s=","",$7); print $7}' "$tmp/prop")
/usr/bin/python3 "$here/propagate_peer.py" "$data/ephem/de421-2022-2026.bsp" "$rate"
# Payload allocation: random programs of proposals x missions (a medium
# one both solvers finish, and 10000 x 100), import and GLPK allocation
# under a time limit and MIP gap, then the same problem with scipy's HiGHS
# under the same limits (given 3x the limit plus a minute before it is
# declared unfinished).
limit=${ALLOC_TIME_LIMIT:-60} gap=${ALLOC_GAP:-1e-3}
for size in "${ALLOC_MEDIUM:-2000 40}" "${ALLOC_NP:-10000} ${ALLOC_NM:-100}"; do
    set -- $size
    echo "== payload allocation, $1 proposals x $2 missions, time limit ${limit} s, gap $gap =="
    "$build/bench/bench_allocate" "$1" "$2" "$limit" "$gap" "$tmp/alloc.txt" | tee "$tmp/alloc.out"
    ours_s=$(sed -n 's/.*allocate_s=\([0-9.]*\).*/\1/p' "$tmp/alloc.out")
    ours_obj=$(sed -n 's/.*objective=\([0-9.e+]*\).*/\1/p' "$tmp/alloc.out")
    timeout $((${limit%.*} * 3 + 60)) /usr/bin/python3 "$here/allocate_peer.py" \
        "$tmp/alloc.txt" "$limit" "$gap" "$ours_s" "$ours_obj" ||
        echo "peer scipy.optimize.milp (HiGHS): no answer within $((${limit%.*} * 3 + 60)) s"
done
