#!/bin/sh
# Golden CLI tests.  usage: sh tests/cli/run.sh [--update] BIN [CASE...]
#
# Each directory cases/NAME/ holds `cmd` (a shell command line), optional
# `stdin`, the expected `stdout`, `stderr` and `status`, and any input files.
# `cmd` runs with `sh -c` in a fresh copy of the inputs, where `caseload` runs
# BIN (through $CASELOAD_WRAPPER, e.g. valgrind, when that is set).
# --update rewrites the expectations from the actual run: review with git diff.
set -u

update=0
if [ "${1-}" = --update ]; then
	update=1
	shift
fi
if [ $# -lt 1 ]; then
	echo "usage: sh tests/cli/run.sh [--update] BIN [CASE...]" >&2
	exit 2
fi
case $1 in
/*) CASELOAD_BIN=$1 ;;
*) CASELOAD_BIN=$(pwd)/$1 ;;
esac
shift
if [ ! -x "$CASELOAD_BIN" ]; then
	echo "run.sh: $CASELOAD_BIN is not an executable" >&2
	exit 2
fi
cases=$(cd "$(dirname "$0")/cases" && pwd) || exit 2

tmp=$(mktemp -d "${TMPDIR:-/tmp}/caseload-cli.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' HUP INT PIPE TERM
mkdir "$tmp/bin"
cat >"$tmp/bin/caseload" <<'EOF'
#!/bin/sh
# shellcheck disable=SC2086
exec $CASELOAD_WRAPPER "$CASELOAD_BIN" "$@"
EOF
chmod +x "$tmp/bin/caseload"

# Compares an expectation with the actual output; rewrites it under --update.
check() { # NAME FILE
	expected=$dir/$2
	[ -f "$expected" ] && cmp -s "$expected" "$tmp/$2" && return 0
	[ -f "$expected" ] || expected=/dev/null
	echo "--- $1: $2 (expected, then actual)"
	diff -u "$expected" "$tmp/$2"
	[ "$update" = 0 ] || cp "$tmp/$2" "$dir/$2"
	return 1
}

[ $# -gt 0 ] || set -- "$cases"/*/
passed=0
failed=0
for dir; do
	dir=${dir%/}
	case $dir in */*) ;; *) dir=$cases/$dir ;; esac
	name=${dir##*/}
	rm -rf "$tmp/work"
	cp -R "$dir" "$tmp/work"
	(cd "$tmp/work" && rm -f cmd stdin stdout stderr status)
	stdin=/dev/null
	[ -f "$dir/stdin" ] && stdin=$dir/stdin
	(cd "$tmp/work" && umask 022 && env -i PATH="$tmp/bin:$PATH" \
		LC_ALL=C.UTF-8 TZ=UTC CASELOAD_BIN="$CASELOAD_BIN" \
		CASELOAD_WRAPPER="${CASELOAD_WRAPPER-}" \
		sh -c "$(cat "$dir/cmd")" <"$stdin" >"$tmp/stdout" 2>"$tmp/stderr")
	echo $? >"$tmp/status"
	ok=1
	for f in stdout stderr status; do
		check "$name" "$f" || ok=0
	done
	if [ "$ok" = 1 ]; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
		if [ "$update" = 1 ]; then
			echo "UPDATED $name"
		else
			echo "FAIL $name"
		fi
	fi
done
echo "$passed passed, $failed failed"
[ "$failed" = 0 ] || [ "$update" = 1 ]
