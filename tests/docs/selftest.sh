#!/bin/sh
# Proves that tests/docs/run.sh fails when an example is wrong, so that a
# passing doc test means something.  usage: sh tests/docs/selftest.sh BIN DOC...
#
# For each DOC: a copy passes; a copy with one figure of its first example's
# output edited fails, naming that example.  Then a few small documents
# check the rules themselves ("...", a missing or extra line, a document
# without examples).
set -u

if [ $# -lt 2 ]; then
	echo "usage: sh tests/docs/selftest.sh BIN DOC..." >&2
	exit 2
fi
bin=$1
shift
here=$(cd "$(dirname "$0")" && pwd) || exit 2
tmp=$(mktemp -d "${TMPDIR:-/tmp}/caseload-docs-self.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' HUP INT PIPE TERM

failed=0
bad() {
	echo "selftest: $*"
	failed=$((failed + 1))
}

# expect pass|fail NAME [PATTERN]: runs the doc test on $tmp/NAME; with
# fail, its report must also contain PATTERN.
expect() {
	sh "$here/run.sh" "$bin" "$tmp/$2" >"$tmp/out" 2>&1
	status=$?
	case $1 in
	pass) [ "$status" = 0 ] || { bad "$2 should pass"; cat "$tmp/out"; } ;;
	fail)
		if [ "$status" = 0 ]; then
			bad "$2 should fail"
		elif [ -n "${3-}" ] && ! grep -q -- "$3" "$tmp/out"; then
			bad "$2 failed without saying \"$3\""
			cat "$tmp/out"
		fi
		;;
	esac
}

for doc; do
	name=$(basename "$doc")
	cp "$doc" "$tmp/$name" || exit 2
	expect pass "$name"
	# The first output line of the first example with a digit in it: its
	# first digit is changed (0 -> 1, else n -> n-1), as a changed figure
	# would be.  Prints the line number of the block and of the edit.
	where=$(awk -v man="$(case $name in *.[1-9]) echo 1 ;; *) echo 0 ;; esac)" '
		man && /^\.Bd -literal/ { open = 1; start = NR; first = 1; next }
		man && /^\.Ed/ { open = 0; next }
		!man && /^ ? ? ?(```|~~~)/ {
			if (open) { open = 0 } else { open = 1; start = NR; first = 1 }
			next
		}
		open && first { first = 0; ex = ($0 ~ /^\$ /); next }
		open && ex && $0 !~ /^\$ / && $0 !~ /\\$/ && $0 ~ /[0-9]/ {
			print start + 1, NR; exit
		}' "$tmp/$name")
	if [ -z "$where" ]; then
		bad "$name: no example output with a figure to edit"
		continue
	fi
	block=${where% *}
	edit=${where#* }
	awk -v n="$edit" 'NR == n {
		match($0, /[0-9]/)
		d = substr($0, RSTART, 1)
		$0 = substr($0, 1, RSTART - 1) (d == 0 ? 1 : d - 1) substr($0, RSTART + 1)
	} { print }' "$doc" >"$tmp/$name"
	cmp -s "$doc" "$tmp/$name" && { bad "$name: the edit changed nothing"; continue; }
	expect fail "$name" "$name:$block: the example's output differs"
done

# The rules, on small documents.
report='$ build/caseload --roster data/roster.csv data/cases.csv'
fence='```'
{
	echo "$fence"; echo "$report"; echo "Worker         Team   FTE  Cases   Max  Points  Max     Load  Status"
	echo "..."; echo "229 cases, 1209 points; at 120 points per FTE that is 10.08 FTE of work."; echo "$fence"
} >"$tmp/dots.md"
expect pass dots.md
sed 's/10.08 FTE/10.09 FTE/' "$tmp/dots.md" >"$tmp/dots-last.md"
expect fail dots-last.md "dots-last.md:2:"
grep -v '^\.\.\.$' "$tmp/dots.md" | grep -v '^229 cases' >"$tmp/dots-short.md"
expect fail dots-short.md "dots-short.md:2:"
sed 's/^\.\.\.$/Anna Berg/' "$tmp/dots.md" >"$tmp/dots-none.md"
expect fail dots-none.md "dots-none.md:2:"
printf '%s\n' "$fence" '$ cat seen.txt' 'a line' '$ cat seen.txt' 'a line' "$fence" \
	"$fence" '$ cat seen.txt' 'a line' "$fence" >"$tmp/cat.md"
expect pass cat.md
printf '%s\n' "$fence" '$ cat data/roster.csv' 'worker,fte,team' "$fence" >"$tmp/cat-data.md"
expect fail cat-data.md "cat-data.md:2:"
printf '%s\n' "$fence" 'make install' "$fence" >"$tmp/none.md"
expect fail none.md "none.md: no example found"
printf '%s\n' "$fence" '$ caseload --version' "$fence" '' '    $ caseload --help' >"$tmp/indented.md"
expect fail indented.md "indented.md:5: an example in an indented block"

if [ "$failed" = 0 ]; then
	echo "docs selftest: an edited example fails the doc test"
else
	echo "docs selftest: $failed failed"
	exit 1
fi
