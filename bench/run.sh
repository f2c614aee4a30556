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
