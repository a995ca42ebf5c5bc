#!/bin/sh
# Makes docs/report.png, the guide's picture of --format html, from data/.
# usage: sh docs/screenshot.sh BIN [OUT.png]   (make docs-screenshot)
set -eu
bin=$1
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
out=${2:-docs/report.png}
root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/caseload-shot.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
. "$root/tests/browser/chromium.sh"
# the files as a reader of the guide names them, and a fixed date
(cd "$root" && SOURCE_DATE_EPOCH=1765000000 "$bin" -f html \
	--roster data/roster.csv data/cases.csv -o "$tmp/report.html")
chromium_run --window-size=1000,1750 --screenshot="$tmp/report.png" \
	"file://$tmp/report.html" >/dev/null
cp "$tmp/report.png" "$out"
echo "wrote $out"
