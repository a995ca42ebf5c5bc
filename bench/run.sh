#!/bin/sh
# bench/run.sh - time caseload and the tools a user would reach for instead
# on generated case lists, and print one markdown table.  See bench/README.md.
#
#   sh bench/run.sh [--rows "1000 1000000 10000000"] [--runs 5] [--quick]
#                   [--decimal-comma] CASELOAD_BIN
#
# --quick is the CI smoke test: 100,000 rows, one run, caseload only, and
# exit 1 when caseload's totals are not the generator's.  That is the only
# result this script asserts; timings never are.
set -eu

usage() {
	echo 'usage: sh bench/run.sh [--rows "N ..."] [--runs N] [--quick] [--decimal-comma] CASELOAD_BIN'
}

die() {
	echo "run.sh: $*" >&2
	exit 2
}

say() {
	echo "bench: $*" >&2
}

here=$(CDPATH='' cd -- "$(dirname -- "$0")" && pwd)
root=$(dirname -- "$here")
work=${BENCH_DIR:-$root/build/bench}
duckdb_version=${DUCKDB_NODE_API_VERSION:-1.5.6-r.1}

rows_list="1000 1000000 10000000"
runs=5
quick=0
decimal_comma=0
while [ $# -gt 0 ]; do
	case $1 in
	--rows) [ $# -ge 2 ] || { usage >&2; exit 64; }; rows_list=$2; shift 2 ;;
	--rows=*) rows_list=${1#--rows=}; shift ;;
	--runs) [ $# -ge 2 ] || { usage >&2; exit 64; }; runs=$2; shift 2 ;;
	--runs=*) runs=${1#--runs=}; shift ;;
	--quick) quick=1; shift ;;
	--decimal-comma) decimal_comma=1; shift ;;
	-h | --help) usage; exit 0 ;;
	--) shift; break ;;
	-*) usage >&2; exit 64 ;;
	*) break ;;
	esac
done
[ $# -eq 1 ] || { usage >&2; exit 64; }
if [ "$quick" = 1 ]; then
	rows_list=100000
	runs=1
fi
case $runs in '' | *[!0-9]* | 0) die "--runs wants a positive number, not '$runs'" ;; esac
[ -n "$rows_list" ] || die "--rows wants at least one number"
for n in $rows_list; do
	case $n in *[!0-9]* | 0) die "--rows wants positive numbers, not '$n'" ;; esac
done

caseload=$1
case $caseload in /*) ;; *) caseload=$(pwd)/$caseload ;; esac
if [ ! -f "$caseload" ] || [ ! -x "$caseload" ]; then
	die "$1 is not an executable file"
fi

mkdir -p "$work"
log=$work/install.log
: >"$log"
table=$work/table.md
: >"$table"
: >"$work/pipes.md"
: >"$work/stages.md"

# ---- the dialect of the generated files ----

if [ "$decimal_comma" = 1 ]; then
	delim=';'
	decimal_sep=','
	gen_dialect="--delimiter ; --decimal-comma"
	dialect="';'-separated, decimal commas"
	stem=semicolon-comma
else
	delim=','
	decimal_sep='.'
	gen_dialect=""
	dialect="','-separated, '.' decimals"
	stem=comma-point
fi
workers=200
seed=1
quote_rate=0.05

# ---- tools: build ours, install the peers ----

# Builds bench/NAME.c into $work/NAME unless that is newer.
build_helper() {
	src=$here/$1.c
	exe=$work/$1
	if [ ! -x "$exe" ] || [ -n "$(find "$src" -newer "$exe")" ]; then
		${CC:-cc} -O2 -o "$exe" "$src" -lm || die "cannot compile $src"
	fi
}

apt_updated=0
# Installs Debian packages with apt-get; fails when not root or offline.
deb_install() {
	[ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 || return 1
	say "installing $* with apt-get"
	if DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
		--no-install-recommends "$@" >>"$log" 2>&1; then
		return 0
	fi
	[ "$apt_updated" = 0 ] || return 1
	apt_updated=1
	apt-get update -qq >>"$log" 2>&1 || return 1
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
		--no-install-recommends "$@" >>"$log" 2>&1
}

# Sets the reason (empty when the peer can run) and the label of each peer.
setup_peers() {
	skip_mawk='' skip_miller='' skip_python='' skip_duckdb=''
	if ! command -v mawk >/dev/null 2>&1 && ! deb_install mawk; then
		skip_mawk="skipped: mawk missing and apt-get install mawk failed"
	fi
	label_mawk="mawk $(mawk -W version 2>&1 | sed -n '1s/^mawk \([^ ]*\).*/\1/p'), naive split on '$delim'"

	if ! command -v mlr >/dev/null 2>&1 && ! deb_install miller; then
		skip_miller="skipped: mlr missing and apt-get install miller failed"
	fi
	mlr_version=$(mlr --version 2>/dev/null | sed -n '1s/^mlr \([^ ]*\).*/\1/p')
	case $mlr_version in
	6.*) ;;
	*) [ -n "$skip_miller" ] || skip_miller="skipped: Miller 6 needed, found '$mlr_version'" ;;
	esac
	label_miller="Miller $mlr_version stats1 -a count,sum"

	if ! command -v python3 >/dev/null 2>&1 && ! deb_install python3; then
		skip_python="skipped: python3 missing and apt-get install python3 failed"
	fi
	# the interpreter itself, not a wrapper such as a pyenv shim
	python=$(python3 -c 'import sys; print(sys.executable)' 2>/dev/null) || python=python3
	label_python="python $(python3 -c 'import platform; print(platform.python_version())' 2>/dev/null) csv module"

	setup_duckdb
	duckdb_lib=''
	if [ -z "$skip_duckdb" ]; then
		# the library's own version, which the npm package's only names
		duckdb_lib=$(cd "$nodedir" && "$node" --input-type=module -e "
			import { DuckDBInstance } from '@duckdb/node-api';
			const c = await (await DuckDBInstance.create(':memory:')).connect();
			const r = await c.runAndReadAll('SELECT version()');
			console.log(r.getRows()[0][0]);" 2>>"$log") || duckdb_lib=''
	fi
	label_duckdb="DuckDB ${duckdb_lib:-?} (@duckdb/node-api $duckdb_version, 2 threads)"
}

setup_duckdb() {
	nodedir=$work/node
	if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
		deb_install nodejs npm || {
			skip_duckdb="skipped: node or npm missing and apt-get install nodejs npm failed"
			return 0
		}
	fi
	node=$(command -v node)
	pkg=$nodedir/node_modules/@duckdb/node-api/package.json
	have=$(cd "$nodedir" 2>/dev/null && node -p "require('./node_modules/@duckdb/node-api/package.json').version" 2>/dev/null) || have=''
	if [ ! -f "$pkg" ] || [ "$have" != "$duckdb_version" ]; then
		say "installing @duckdb/node-api@$duckdb_version with npm into $nodedir"
		mkdir -p "$nodedir"
		[ -f "$nodedir/package.json" ] ||
			printf '{ "private": true, "type": "module" }\n' >"$nodedir/package.json"
		(cd "$nodedir" && npm install --no-audit --no-fund \
			"@duckdb/node-api@$duckdb_version") >>"$log" 2>&1 || {
			skip_duckdb="skipped: npm install @duckdb/node-api@$duckdb_version failed"
			return 0
		}
	fi
	# next to node_modules, where its import resolves
	cp "$here/duckdb.mjs" "$nodedir/duckdb.mjs"
}

# ---- files ----

# Generates (or reuses) the case list of $1 rows; sets file and totals.
case_list() {
	base=$work/cases-$1-$stem-w$workers-s$seed
	file=$base.csv
	totals=$base.totals.csv
	# shellcheck disable=SC2086 # gen_dialect is a list of words
	set -- --rows "$1" --workers "$workers" --seed "$seed" \
		--quote-rate "$quote_rate" $gen_dialect
	stamp="$(cksum <"$here/gen.c") $*"
	if [ -f "$file" ] && [ -f "$totals" ] && [ -f "$base.stamp" ] &&
		[ "$(cat "$base.stamp")" = "$stamp" ]; then
		return 0
	fi
	say "generating $file"
	rm -f "$base.stamp"
	"$work/gen" "$@" --out "$file.tmp" --totals "$totals.tmp" ||
		die "the generator failed"
	mv "$totals.tmp" "$totals"
	mv "$file.tmp" "$file"
	echo "$stamp" >"$base.stamp"
}

# Splits $file into 4 case lists, each with the header ($parts).
split_list() {
	parts=''
	for k in 1 2 3 4; do
		parts="$parts $base.part$k.csv"
	done
	if [ -f "$base.part4.csv" ] && [ "$base.part4.csv" -nt "$file" ]; then
		return 0
	fi
	awk -v base="$base" -v rows="$1" 'NR == 1 { head = $0; next }
		{ k = int((NR - 2) * 4 / rows) + 1
		  out = base ".part" k ".csv"
		  if (!(k in started)) { print head > out; started[k] = 1 }
		  print > out }' "$file" || die "cannot split $file"
}

# Medians of caseload's stages over $runs runs with CASELOAD_STAGES=$1:
# sets stage_count, stage_aggregate (repeats, second pass, merge) and
# stage_report.
stages() {
	: >"$work/stages"
	i=0
	while [ "$i" -lt "$runs" ]; do
		i=$((i + 1))
		CASELOAD_STAGES=$1 "$caseload" -f csv "$file" 2>&1 >/dev/null |
			sed -n 's/^caseload: stages: count \([0-9.]*\) s, repeats \([0-9.]*\) s, second pass \([0-9.]*\) s, merge \([0-9.]*\) s, report \([0-9.]*\) s$/\1 \2 \3 \4 \5/p' >>"$work/stages"
	done
	med() {
		awk -v c="$1" '{ print $c }' "$work/stages" | sort -n | awk '{ t[NR] = $1 }
			END { print NR % 2 ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2 }'
	}
	stage_count=$(med 1)
	stage_aggregate=$(awk '{ print $2 + $3 + $4 }' "$work/stages" | sort -n |
		awk '{ t[NR] = $1 } END { print NR % 2 ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2 }')
	stage_report=$(med 5)
}

# ---- measuring ----

# measure [-i FILE] OUT ERR CMD...: runs CMD $runs times, stdout to OUT
# and stderr to ERR, and with -i its standard input a pipe that cat FILE
# writes to (timeit.c: `cat FILE | CMD` with no shell's start in it);
# sets median (seconds), rss_kib (the largest of the runs, empty without
# GNU time) and exit_status (of the last run).
measure() {
	feed=''
	if [ "$1" = -i ]; then
		feed=$2
		shift 2
	fi
	out=$1 err=$2
	shift 2
	: >"$work/times"
	rss_kib=''
	i=0
	# one run untimed, so that no timed run loads the program from disk
	[ "$quick" = 1 ] || "$work/timeit" ${feed:+-i "$feed"} "$out" "$err" "$@" >/dev/null
	while [ "$i" -lt "$runs" ]; do
		i=$((i + 1))
		read -r elapsed kib exit_status <<EOF
$("$work/timeit" ${feed:+-i "$feed"} "$out" "$err" "$@")
EOF
		if [ -z "$rss_kib" ] || [ "$kib" -gt "$rss_kib" ]; then
			rss_kib=$kib
		fi
		echo "$elapsed" >>"$work/times"
		say "  run $i/$runs: $elapsed s"
	done
	median=$(sort -n "$work/times" | awk '{ t[NR] = $1 }
		END { print NR % 2 ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2 }')
}

# row TOOL ROWS MATCH RATIO: one line of the table from the last measure.
row() {
	awk -v tool="$1" -v rows="$2" -v match_="$3" -v base="$4" \
		-v t="$median" -v kib="$rss_kib" -v bytes="$bytes" 'BEGIN {
		mbs = t > 0 ? sprintf("%.0f", bytes / 1e6 / t) : "-"
		mib = kib == "" ? "-" : sprintf("%.0f", kib / 1024)
		ratio = base == "" || t <= 0 ? "-" : sprintf("%.2f", base / t)
		printf "| %s | %s | %.3f | %s | %s | %s | %s |\n",
		    tool, rows, t, mbs, mib, match_, ratio
	}' >>"$table"
}

skip_row() {
	printf '| %s | %s | - | - | - | %s | - |\n' "$1" "$2" "$3" >>"$table"
}

# check OUT [compare options]: the totals-match cell for the last measure.
check() {
	out=$1
	shift
	verdict=$("$work/compare" "$@" "$totals" "$out" 2>&1) || true
	if [ "$exit_status" != 0 ]; then
		verdict="$verdict; exit $exit_status"
	fi
	echo "$verdict"
}

# run_peer KEY LABEL OUT [compare options] -- CMD...
run_peer() {
	key=$1 label=$2 out=$3
	shift 3
	case $key in
	duckdb) reason=$skip_duckdb ;;
	mawk) reason=$skip_mawk ;;
	miller) reason=$skip_miller ;;
	python) reason=$skip_python ;;
	*) die "no peer $key" ;;
	esac
	if [ -n "$reason" ]; then
		skip_row "$label" "$n" "$reason"
		return 0
	fi
	copts=''
	while [ "$1" != -- ]; do
		copts="$copts $1"
		shift
	done
	shift
	say "$n rows: $label"
	measure "$out" "$out.err" "$@"
	# shellcheck disable=SC2086 # copts is a list of words
	row "$label" "$n" "$(check "$out" $copts)" "$caseload_median"
}

# diff_rows N: times caseload diff of the N-row list (last week) and the
# list of N + 1 % rows (this week: the same rows, then new cases), and
# checks that it finds exactly the new cases.  Keeps file and totals.
diff_rows() {
	old_file=$file old_totals=$totals old_bytes=$bytes
	added=$(($1 / 100))
	case_list "$(($1 + added))"
	new_file=$file
	diff_new_file=$file diff_new_totals=$totals
	file=$old_file totals=$old_totals
	cat "$new_file" >/dev/null
	bytes=$((old_bytes + $(wc -c <"$new_file" | tr -d ' ')))
	say "$1 rows: $caseload_version diff"
	out=$work/out-$stem-caseload-diff-$1.csv
	measure "$out" "$out.err" "$caseload" diff -f csv --cases \
		"$old_file" "$new_file"
	verdict=$(awk -F, -v want="$added" 'NR > 1 { n[$1]++ }
		END { ok = n["added"] == want && n["closed"] + n["moved"] + \
		    n["repointed"] == 0
		      print ok ? "yes" : sprintf("no: %d added, %d other", \
		    n["added"], n["closed"] + n["moved"] + n["repointed"]) }' \
		"$out")
	[ "$exit_status" = 0 ] || verdict="$verdict; exit $exit_status"
	diff_median=$median
	row "caseload diff (OLD $1, NEW +1 %)" "$(($1 + $1 + added))" \
		"$verdict" "$caseload_median"
	diff_summary="$diff_summary
$(awk -v n="$1" -v m="$(($1 + added))" -v d="$median" \
		-v r="$caseload_median" 'BEGIN { printf "caseload diff of %d and %d rows: %.3f s, %.1f x the report of the %d-row list (goal: at most 3 x).", n, m, d, (r > 0 ? d / r : 0), n }')"
	if [ "$verdict" != yes ]; then
		failed=1
		say "caseload diff did not find exactly the $added new cases"
	fi
	bytes=$old_bytes
}

# write_export LIST TOTALS EXPORT: LIST as case systems export it, with
# two title lines above the header and an "I alt" row at the end that
# sums the points (from TOTALS), into EXPORT (kept while newer than LIST).
write_export() {
	if [ -f "$3" ] && [ "$3" -nt "$1" ]; then
		return 0
	fi
	say "writing $3"
	# in tenths, as the generator sums them; a name may hold a comma
	sum=$(awk -F, 'NR > 1 { split($NF, p, "."); t += p[1] * 10 + p[2] }
		END { printf "%d%s%d", t / 10, sep, t % 10 }' sep="$decimal_sep" \
		"$2")
	{
		printf 'Sagsoversigt uge 49\nUdtrukket af fagsystemet\n'
		cat "$1"
		printf '%sI alt%s%s%s%s%s\n' "$delim" "$delim" "$delim" \
			"$delim" "$sum" "$delim"
	} >"$3.tmp" || die "cannot write $3"
	mv "$3.tmp" "$3"
}

# export_rows N: times caseload on the N-row list as case systems export
# it (write_export; issue 17: neither the title nor the I alt row may
# make caseload read the list row by row), against the plain list; then
# caseload diff of the two weeks' exports against the plain lists' diff.
# Keeps file, totals and bytes.
export_rows() {
	export_file=${file%.csv}.export.csv
	write_export "$file" "$totals" "$export_file"
	old_bytes=$bytes
	bytes=$(wc -c <"$export_file" | tr -d ' ')
	cat "$export_file" >/dev/null
	say "$1 rows: $caseload_version, a title and an I alt row"
	out=$work/out-$stem-caseload-export-$1.csv
	measure "$out" "$out.err" "$caseload" -f csv "$export_file"
	export_median=$median
	verdict=$(check "$out")
	grep -q 'total row "I alt" ([0-9.,]* points) left out; it matches the rows above it' \
		"$out.err" || verdict="$verdict; the I alt row was not checked"
	# the fast way reports its stages; the row-by-row way counts nothing
	CASELOAD_STAGES=1 "$caseload" -f csv "$export_file" 2>&1 >/dev/null |
		grep -q '^caseload: stages: count 0\.0000 s' &&
		verdict="$verdict; read row by row"
	row "$caseload_version, a title and an I alt row" "$1" "$verdict" \
		"$caseload_median"
	[ "$verdict" = yes ] || failed=1
	export_summary="$export_summary
$(awk -v n="$1" -v e="$median" -v r="$caseload_median" 'BEGIN {
		printf "%d rows with a title and an I alt row: %.3f s, %.2f x the plain list (goal: counted the same way, about 1 x).", n, e, (r > 0 ? e / r : 0) }')"

	new_export=${diff_new_file%.csv}.export.csv
	write_export "$diff_new_file" "$diff_new_totals" "$new_export"
	bytes=$((bytes + $(wc -c <"$new_export" | tr -d ' ')))
	cat "$new_export" >/dev/null
	say "$1 rows: $caseload_version diff of two exports"
	out=$work/out-$stem-caseload-diff-export-$1.csv
	measure "$out" "$out.err" "$caseload" diff -f csv --cases \
		"$export_file" "$new_export"
	verdict=yes
	cmp -s "$out" "$work/out-$stem-caseload-diff-$1.csv" ||
		verdict="no: not the plain lists' diff"
	[ "$exit_status" = 0 ] || verdict="$verdict; exit $exit_status"
	CASELOAD_STAGES=1 "$caseload" diff -f csv --cases "$export_file" \
		"$new_export" 2>&1 >/dev/null |
		grep -q '^caseload: stages: diff: both sides counted the fast way' ||
		verdict="$verdict; read row by row"
	row "caseload diff of two exports (title, I alt)" \
		"$(($1 + $1 + $1 / 100))" "$verdict" "$caseload_median"
	[ "$verdict" = yes ] || failed=1
	export_summary="$export_summary
$(awk -v n="$1" -v e="$median" -v d="$diff_median" 'BEGIN {
		printf "caseload diff of the %d-row exports with a title and an I alt row: %.3f s, %.2f x the plain lists'"'"' diff (goal: counted the same way, about 1 x).", n, e, (d > 0 ? e / d : 0) }')"
	bytes=$old_bytes
}

# export_encoded N FILE WRITE NAME WHAT PATTERN MISSING: writes FILE, the
# N-row export (write_export) as the command WRITE EXPORT FILE writes it
# (another encoding, another way to write a cell), unless it is newer than
# the export; then times caseload on it against the UTF-8 export, with
# the totals checked, its messages saying PATTERN (else "; MISSING") and
# the fast way counting it (issue 17).  NAME names the output files, WHAT
# the table's row.  Keeps file, totals and bytes.
export_encoded() {
	if [ ! -f "$2" ] || [ "$export_file" -nt "$2" ]; then
		say "writing $2"
		"$3" "$export_file" "$2.tmp" || die "cannot write $2 ($3)"
		mv "$2.tmp" "$2"
	fi
	old_bytes=$bytes
	bytes=$(wc -c <"$2" | tr -d ' ')
	cat "$2" >/dev/null
	say "$1 rows: $caseload_version, the export $5"
	out=$work/out-$stem-caseload-export-$4-$1.csv
	measure "$out" "$out.err" "$caseload" -f csv "$2"
	verdict=$(check "$out")
	grep -q "$6" "$out.err" || verdict="$verdict; $7"
	CASELOAD_STAGES=1 "$caseload" -f csv "$2" 2>&1 >/dev/null |
		grep -q '^caseload: stages: the fast way declined' &&
		verdict="$verdict; read row by row"
	row "$caseload_version, the export $5" "$1" "$verdict" \
		"$caseload_median"
	[ "$verdict" = yes ] || failed=1
	export_summary="$export_summary
$(awk -v n="$1" -v e="$median" -v u="$export_median" -v what="$5" 'BEGIN {
		printf "%d rows, the export %s: %.3f s, %.2f x the UTF-8 export (goal: counted the same way, about 1 x).", n, what, e, (u > 0 ? e / u : 0) }')"
	bytes=$old_bytes
}

# export_1252 N: the N-row export in Windows-1252, as Excel saves it: its
# title and header are plain ASCII, so the first name that is not is where
# the note is said and the rest read as Windows-1252.
to_1252() { iconv -f UTF-8 -t CP1252 "$1" >"$2"; }
to_utf16() { iconv -f UTF-8 -t UTF-16 "$1" >"$2"; }
# every case id written ="..." (below the title and the header), as case
# systems keep a number such as 00123 as text for Excel
to_formulas() {
	awk -v d="$delim" 'NR > 3 && (i = index($0, d)) > 1 {
		$0 = "=\"" substr($0, 1, i - 1) "\"" substr($0, i) } { print }' \
		"$1" >"$2"
}

export_1252() {
	export_encoded "$1" "${file%.csv}.export-1252.csv" to_1252 1252 \
		'in Windows-1252' 'not valid UTF-8; reading the file as Windows-1252' \
		'no note on Windows-1252'
}

# export_utf16 N: the N-row export as "Unicode text" (UTF-16 with a
# byte-order mark), read as the UTF-8 it stands for.
export_utf16() {
	export_encoded "$1" "${file%.csv}.export-utf16.txt" to_utf16 utf16 \
		'in UTF-16' 'total row "I alt" ([0-9.,]* points) left out; it matches the rows above it' \
		'the I alt row was not checked'
}

# export_formulas N: the N-row export with every case id written
# ="...", read as the text in its quotes.
export_formulas() {
	export_encoded "$1" "${file%.csv}.export-formulas.csv" to_formulas \
		formulas 'with case ids written ="..."' 'a cell written =' \
		'no note on ="..." cells'
}

# export_parts N: times caseload on the 4 parts of the N-row list
# ($parts), each written as a case system exports it: a title above the
# header, an "I alt" row of its own points below the rows and a footer
# line below that (issue 17: several files given at once, and footers,
# keep the fast way too), against the 4 plain parts.  Keeps file, totals
# and bytes.
export_parts() {
	exports=''
	old_bytes=$bytes
	bytes=0
	for part in $parts; do
		export_part=${part%.csv}.export.csv
		exports="$exports $export_part"
		if [ ! -f "$export_part" ] || [ "$part" -nt "$export_part" ] ||
			! tail -n 1 "$export_part" | grep -q '^Udskrevet'; then
			say "writing $export_part"
			# the points are the next to last cell (a name may hold
			# the delimiter, quoted); summed in tenths
			awk -F "$delim" -v d="$delim" -v sep="$decimal_sep" '
				NR == 1 { print "Sagsoversigt uge 49" d d d d d
					print "Udtrukket af fagsystemet" d d d d d }
				{ print }
				NR > 1 { split($(NF - 1), p, sep); t += p[1] * 10 + p[2] }
				END { printf "%sI alt%s%s%s%d%s%d%s\n", d, d, d, d,
					t / 10, sep, t % 10, d
					print "Udskrevet 07-12-2026 af fagsystemet" d d d d d }' "$part" \
				>"$export_part.tmp" || die "cannot write $export_part"
			mv "$export_part.tmp" "$export_part"
		fi
		bytes=$((bytes + $(wc -c <"$export_part" | tr -d ' ')))
		cat "$export_part" >/dev/null
	done
	say "$1 rows: $caseload_version, 4 exports (title, I alt, footer)"
	out=$work/out-$stem-caseload-export-parts-$1.csv
	# shellcheck disable=SC2086 # exports is a list of file names
	measure "$out" "$out.err" "$caseload" -f csv $exports
	verdict=$(check "$out")
	[ "$(grep -c 'total row "I alt" ([0-9.,]* points) left out; it matches the rows above it' "$out.err")" = 4 ] ||
		verdict="$verdict; the I alt rows were not checked"
	[ "$(grep -c 'a line below the table left out: "Udskrevet' "$out.err")" = 4 ] ||
		verdict="$verdict; the footers were not left out"
	# shellcheck disable=SC2086
	CASELOAD_STAGES=1 "$caseload" -f csv $exports 2>&1 >/dev/null |
		grep -q '^caseload: stages: the fast way declined' &&
		verdict="$verdict; read row by row"
	row "$caseload_version, 4 exports (title, I alt, footer)" "$1" "$verdict" \
		"$caseload_median"
	[ "$verdict" = yes ] || failed=1
	export_summary="$export_summary
$(awk -v n="$1" -v e="$median" -v f="$files_median" 'BEGIN {
		printf "%d rows in 4 exports, each with a title, an I alt row and a footer: %.3f s, %.2f x the 4 plain parts (goal: counted the same way, about 1 x).", n, e, (f > 0 ? e / f : 0) }')"
	bytes=$old_bytes
}

# ---- the run ----

build_helper gen
build_helper compare
build_helper timeit
if [ "$quick" = 0 ]; then
	setup_peers
fi
caseload_version=$("$caseload" --version 2>/dev/null | head -n 1) || true
case $caseload_version in caseload*) ;; *) caseload_version=caseload ;; esac
tab=$(printf '\t')
[ "$delim" != "$tab" ] || mlr_ifs=tab
failed=0
diff_summary=''
export_summary=''
startup_summary=''
load_before=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null) || load_before='?'

for n in $rows_list; do
	case_list "$n"
	bytes=$(wc -c <"$file" | tr -d ' ')
	cat "$file" >/dev/null # into the page cache: every tool reads it warm
	say "$n rows: $caseload_version"
	measure "$work/out-$stem-caseload-$n.csv" \
		"$work/out-$stem-caseload-$n.csv.err" "$caseload" -f csv "$file"
	caseload_median=$median
	verdict=$(check "$work/out-$stem-caseload-$n.csv")
	row "$caseload_version" "$n" "$verdict" "$caseload_median"
	[ "$n" != 1000 ] || startup_summary=$(awk -v t="$median" 'BEGIN {
		printf "caseload on 1,000 rows, end to end (start, read, report, exit): %.1f ms (goal: under 5 ms).", t * 1000 }')
	if [ "$verdict" != yes ]; then
		failed=1
		say "caseload's totals differ from $totals:"
		head -n 5 "$work/out-$stem-caseload-$n.csv.err" >&2
	fi

	# the same bytes on a pipe, and split over four files
	say "$n rows: cat FILE | caseload -"
	out=$work/out-$stem-caseload-pipe-$n.csv
	measure -i "$file" "$out" "$out.err" "$caseload" -f csv -
	pipe_median=$median
	verdict=$(check "$out")
	row "cat FILE \\| $caseload_version -" "$n" "$verdict" "$caseload_median"
	[ "$verdict" = yes ] || failed=1
	split_list "$n"
	say "$n rows: caseload PART1 ... PART4"
	out=$work/out-$stem-caseload-files-$n.csv
	# shellcheck disable=SC2086 # parts is a list of file names
	measure "$out" "$out.err" "$caseload" -f csv $parts
	files_median=$median
	verdict=$(check "$out")
	row "$caseload_version, the rows in 4 files" "$n" "$verdict" "$caseload_median"
	[ "$verdict" = yes ] || failed=1
	awk -v n="$n" -v f="$caseload_median" -v p="$pipe_median" \
		-v s="$files_median" 'BEGIN { printf "| %s | %.2f | %.2f |\n",
		n, p / f, s / f }' >>"$work/pipes.md"
	diff_rows "$n"
	export_rows "$n"
	export_1252 "$n"
	export_utf16 "$n"
	export_formulas "$n"
	export_parts "$n"
	[ "$quick" = 0 ] || continue

	say "$n rows: caseload's stages"
	stages split
	split_s=$stage_count
	stages 1
	awk -v n="$n" -v t="$caseload_median" -v split_s="$split_s" \
		-v c="$stage_count" -v a="$stage_aggregate" -v r="$stage_report" \
		'BEGIN { parse = c - split_s; if (parse < 0) parse = 0
		printf "| %s | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f |\n",
		    n, split_s, parse, a, r, t - c - a - r, t }' >>"$work/stages.md"

	run_peer duckdb "$label_duckdb" "$work/out-$stem-duckdb-$n.csv" -- \
		"$node" "$work/node/duckdb.mjs" "$file" "$delim" "$decimal_sep" 2
	# shellcheck disable=SC2016 # an awk program, not shell
	run_peer mawk "$label_mawk" "$work/out-$stem-mawk-$n.csv" -- \
		mawk -F "$delim" 'NR == 1 { print "worker,cases,points"; next }
			{ n[$2]++; s[$2] += $5 }
			END { for (w in n) { q = w; gsub(/"/, "\"\"", q)
				printf "\"%s\",%d,%.1f\n", q, n[w], s[w] } }' "$file"
	run_peer miller "$label_miller" "$work/out-$stem-miller-$n.csv" \
		--cases points_count --points points_sum -- \
		mlr --icsv --ocsv --ifs "${mlr_ifs:-$delim}" \
		stats1 -a count,sum -f points -g worker "$file"
	run_peer python "$label_python" "$work/out-$stem-python-$n.csv" -- \
		"$python" "$here/peer.py" "$file" "$delim"

	say "$n rows: cat"
	measure /dev/null "$work/out-$stem-cat-$n.err" cat "$file"
	row "cat FILE > /dev/null" "$n" "-" "$caseload_median"
	say "$n rows: wc -l"
	measure "$work/out-$stem-wc-$n.txt" "$work/out-$stem-wc-$n.txt.err" \
		wc -l "$file"
	row "wc -l" "$n" "-" "$caseload_median"
done

# ---- the report ----

mem_kib=$(awk '/^MemTotal:/ { print $2 }' /proc/meminfo 2>/dev/null) || mem_kib=''
cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -n 1) || cpu=''
echo "Case lists: $dialect, $workers workers, $(awk -v r="$quote_rate" 'BEGIN { print r * 100 }') % of rows with a quoted worker name (a comma and a doubled quote), seed $seed. Median of $runs run(s), warm page cache."
echo
echo "| tool | rows | median wall s | MB/s | peak RSS MiB | totals match | caseload / peer |"
echo "|---|---:|---:|---:|---:|---|---:|"
cat "$table"
echo "$diff_summary"
echo "$export_summary"
[ -z "$startup_summary" ] || echo "$startup_summary"
echo
echo "Pipes and several files: caseload's median time for the same rows on a pipe (\`cat FILE | caseload -\`) and split over 4 files, over its time for the one file (issue 17's goal: at most 1.5)."
echo
echo "| rows | pipe / file | 4 files / file |"
echo "|---:|---:|---:|"
cat "$work/pipes.md"
if [ -s "$work/stages.md" ]; then
	echo
	echo "Where caseload's time goes (median wall seconds of $runs runs each, CASELOAD_STAGES): *read+split* is the fast way reading and splitting every record but counting none (CASELOAD_STAGES=split); *parse+count* the rest of that pass (cells to names, points and case-id fingerprints, summed per thread); *aggregate* finding the case ids that occur twice, their second pass and adding up the threads' tallies; *report* sorting and writing it; *start, header, exit* what is left of the wall time."
	echo
	echo "| rows | read+split | parse+count | aggregate | report | start, header, exit | wall |"
	echo "|---:|---:|---:|---:|---:|---:|---:|"
	cat "$work/stages.md"
fi
echo
load_after=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null) || load_after='?'
printf 'Machine: %s cores (nproc), %s memory (MemTotal), %s; %s; load average %s before, %s after\n' \
	"$(nproc)" \
	"$(awk -v k="$mem_kib" 'BEGIN { printf "%.1f GiB", k / 1048576 }')" \
	"${cpu:-unknown CPU}" "$(date -u '+%Y-%m-%d %H:%M UTC')" \
	"$load_before" "$load_after"
if [ "$failed" != 0 ]; then
	echo "caseload's totals (or its diff) do not match the generator's." >&2
	[ "$quick" = 0 ] || exit 1
fi
exit 0
