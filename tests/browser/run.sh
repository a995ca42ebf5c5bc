#!/bin/sh
# Browser test of --format html.  usage: sh tests/browser/run.sh BIN
#
# Renders the sample report (data/) and the hostile-name sample
# (tests/samples/hostile.csv) with headless Chromium, to a PNG and to the
# DOM after load (--dump-dom, scripts enabled), and checks that
#   - the DOM holds one bar and one table row per worker of the table format,
#     and a bar and a row per team;
#   - nothing in the hostile page ran: the title is still the report's, no
#     <script> or <img> element exists, and every hostile name is text;
#   - each PNG is a real, non-blank image.
# Installs Debian's chromium when it is missing (as root).  Nothing goes to
# the network: the pages need nothing outside themselves.
set -eu

if [ $# -ne 1 ]; then
	echo "usage: sh tests/browser/run.sh BIN" >&2
	exit 2
fi
bin=$1
root=$(cd "$(dirname "$0")/../.." && pwd)
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac

tmp=$(mktemp -d "${TMPDIR:-/tmp}/caseload-browser.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' HUP INT PIPE TERM
. "$root/tests/browser/chromium.sh"
failed=0

fail() {
	echo "FAIL $*"
	failed=$((failed + 1))
}

render() { # NAME HTML
	chromium_run --screenshot="$tmp/$1.png" "file://$2" >/dev/null
	chromium_run --dump-dom "file://$2" >"$tmp/$1.dom"
	# a PNG signature and more than a blank page's bytes
	if ! head -c 8 "$tmp/$1.png" | od -An -c | grep -q 'P   N   G'; then
		fail "$1: no PNG"
	elif [ "$(wc -c <"$tmp/$1.png")" -lt 20000 ]; then
		fail "$1: the PNG is too small to hold the report"
	fi
	[ -s "$tmp/$1.dom" ] || fail "$1: empty DOM"
}

count() { # FILE PATTERN
	grep -o "$2" "$1" | wc -l | tr -d ' '
}

# The sample report: a bar and a row per worker and per team.
"$bin" -f html --roster "$root/data/roster.csv" "$root/data/cases.csv" \
	-o "$tmp/sample.html"
"$bin" -f csv --roster "$root/data/roster.csv" "$root/data/cases.csv" \
	>"$tmp/sample.csv"
"$bin" -f csv --by team --roster "$root/data/roster.csv" \
	"$root/data/cases.csv" >"$tmp/teams.csv"
render sample "$tmp/sample.html"
workers=$(($(wc -l <"$tmp/sample.csv") - 1))
teams=$(($(wc -l <"$tmp/teams.csv") - 1))
bars=$(count "$tmp/sample.dom" '<g class="bar"')
[ "$bars" = $((workers + teams)) ] ||
	fail "sample: $bars bars for $workers workers and $teams teams"
rows=$(sed -n '/<section id="workers">/,/<\/section>/p' "$tmp/sample.dom" |
	grep -c '<th scope="row">' || true)
[ "$rows" = "$workers" ] || fail "sample: $rows rows for $workers workers"
tail -n +2 "$tmp/sample.csv" | cut -d, -f1 | tr -d '"' | while read -r name; do
	# a name with a comma was quoted: its first half is enough here
	grep -q "<text class=\"label\"[^>]*>$name" "$tmp/sample.dom" ||
		echo "no bar labelled $name" >>"$tmp/missing"
	grep -q "<th scope=\"row\">$name" "$tmp/sample.dom" ||
		echo "no row for $name" >>"$tmp/missing"
done
if [ -s "$tmp/missing" ]; then
	fail "sample: $(tr '\n' ';' <"$tmp/missing")"
fi
grep -q '<svg class="chart"' "$tmp/sample.dom" || fail "sample: no chart"

# The hostile names: nothing runs, everything is text.
"$bin" -f html "$root/tests/samples/hostile.csv" -o "$tmp/hostile.html" \
	2>/dev/null || [ $? = 65 ]
render hostile "$tmp/hostile.html"
grep -q '<title>Caseload report: ' "$tmp/hostile.dom" ||
	fail "hostile: the title changed: a script ran"
[ "$(count "$tmp/hostile.dom" '<script')" = 0 ] ||
	fail "hostile: a <script> element exists"
[ "$(count "$tmp/hostile.dom" '<img')" = 0 ] ||
	fail "hostile: an <img> element exists"
[ "$(count "$tmp/hostile.dom" '<b>')" = 0 ] ||
	fail "hostile: a <b> element exists"
grep -q '&lt;script&gt;document.title=' "$tmp/hostile.dom" ||
	fail "hostile: the script name is not shown as text"
grep -q '=HYPERLINK(&quot;http://example.invalid&quot;' "$tmp/hostile.dom" ||
	grep -q '=HYPERLINK("http://example.invalid"' "$tmp/hostile.dom" ||
	fail "hostile: the formula name is not shown as text"
bars=$(count "$tmp/hostile.dom" '<g class="bar"')
[ "$bars" = 7 ] || fail "hostile: $bars bars, expected 5 workers + 2 teams"

if [ -n "${BROWSER_TEST_KEEP-}" ]; then
	mkdir -p "$BROWSER_TEST_KEEP"
	cp "$tmp"/*.png "$tmp"/*.dom "$BROWSER_TEST_KEEP"/
fi
if [ "$failed" -gt 0 ]; then
	echo "browser-test: $failed failed (chromium log: last lines)"
	tail -5 "$tmp/chromium.log"
	exit 1
fi
echo "browser-test: sample ($workers workers, $teams teams) and hostile names passed"
