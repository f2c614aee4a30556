#!/bin/sh
# run.sh TARGET CORPUS SEEDS -- a bounded libFuzzer run for the test suite.
# New inputs go to CORPUS (in the build tree); SEEDS (committed) and, if the
# file SEEDS.data lists them, reference files under $ILRS_DATA are read only.
# FUZZ_RUNS (default 20000) and FUZZ_SECONDS (default 60) bound the run.
set -eu
target=$1 corpus=$2 seeds=$3
mkdir -p "$corpus"
dirs="$corpus"
[ -d "$seeds" ] && dirs="$dirs $seeds"
if [ -f "$seeds.data" ]; then
    extra="$corpus.data"
    mkdir -p "$extra"
    while read -r f; do
        case "$f" in ''|'#'*) continue ;; esac
        [ -f "$ILRS_DATA/$f" ] || { echo "missing seed $ILRS_DATA/$f" >&2; exit 1; }
        cp "$ILRS_DATA/$f" "$extra/"
    done < "$seeds.data"
    dirs="$dirs $extra"
fi
# shellcheck disable=SC2086
exec "$target" -runs="${FUZZ_RUNS:-20000}" -max_total_time="${FUZZ_SECONDS:-60}" \
    -max_len="${FUZZ_MAX_LEN:-2000000}" -rss_limit_mb=2048 $dirs
