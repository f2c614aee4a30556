#!/bin/sh
# install-deps.sh [build|test] -- install the Debian packages listed in
# deps/debian-packages.txt for that use (test includes build) that are not
# installed yet. Runs apt-get as root (or through sudo when available).
set -eu
use=${1:-test}
here=$(cd "$(dirname "$0")/.." && pwd)
list="$here/deps/debian-packages.txt"

wanted=$(awk -v use="$use" '
    /^#/ || NF < 2 { next }
    use == "test" || $2 == "build" { print $1 }' "$list")

missing=""
for p in $wanted; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
        missing="$missing $p"
    fi
done
[ -z "$missing" ] && exit 0

echo "install-deps: installing Debian packages:$missing"
if [ "$(id -u)" -eq 0 ]; then
    sudo=""
elif command -v sudo >/dev/null 2>&1; then
    sudo="sudo"
else
    echo "install-deps: need root to install:$missing" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
# shellcheck disable=SC2086
$sudo apt-get update -q || { echo "install-deps: apt-get update failed" >&2; exit 1; }
# shellcheck disable=SC2086
$sudo apt-get install -y -q --no-install-recommends $missing
