#!/bin/sh
# Runs the examples in the docs and compares their output, as jq runs its
# manual.  usage: sh tests/docs/run.sh BIN FILE...
#
# An example is a literal block whose first line starts with "$ ": in
# Markdown a fenced block (``` or ~~~, any info string), in the man page a
# `.Bd -literal` block (roff escapes such as \e, \& and \(:o are decoded
# first).  In it, a line starting with "$ " is a command (a line ending in
# "\" continues it on the next line); the lines after it, up to the next
# command, are what it writes to standard output and standard error
# together.  A line that is just "..." stands for any number of lines.
# "$ cat NAME", NAME a bare file name (no "/"), defines the file: it is
# written with the lines shown before cat runs.  Blocks that must not run
# (install commands, cron lines) are written without the "$ " prompt.
#
# Each file's examples run in order, each block in its own sh, in one fresh
# directory per file that holds a copy of data/, where both `caseload` and
# `build/caseload` run BIN (through $CASELOAD_WRAPPER when that is set).
# Files a block writes stay there for the blocks after it.  A file with no
# example is an error, so a broken extractor cannot pass by finding none.
set -u

if [ $# -lt 2 ]; then
	echo "usage: sh tests/docs/run.sh BIN FILE..." >&2
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
export CASELOAD_BIN
here=$(cd "$(dirname "$0")" && pwd) || exit 2
root=$(cd "$here/../.." && pwd) || exit 2

tmp=$(mktemp -d "${TMPDIR:-/tmp}/caseload-docs.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' HUP INT PIPE TERM
mkdir "$tmp/bin"
cat >"$tmp/bin/caseload" <<'EOF'
#!/bin/sh
# shellcheck disable=SC2086
exec ${CASELOAD_WRAPPER-} "$CASELOAD_BIN" "$@"
EOF
chmod +x "$tmp/bin/caseload"

# The same environment for every example, whatever the caller's.
unset CASELOAD_CONFIG
TZ=UTC
LC_ALL=C
PATH=$tmp/bin:$PATH
export TZ LC_ALL PATH

passed=0
failed=0
for doc; do
	name=$doc
	rm -rf "$tmp/x" "$tmp/work"
	mkdir "$tmp/x" "$tmp/work" "$tmp/work/build" || exit 2
	cp -R "$root/data" "$tmp/work/data" || exit 2
	ln -s "$tmp/bin/caseload" "$tmp/work/build/caseload" || exit 2
	# Writes x/N.sh (the commands, each echoed as written and then run),
	# x/N.expected (the block as written) and x/N.line (where it starts).
	if ! awk -v out="$tmp/x" -v doc="$name" -f "$here/extract.awk" "$doc"; then
		failed=$((failed + 1))
		continue
	fi
	n=0
	for script in "$tmp"/x/*.sh; do
		[ -f "$script" ] || continue
		n=$((n + 1))
		base=${script%.sh}
		line=$(cat "$base.line")
		(cd "$tmp/work" && sh "$script" >"$base.actual" 2>&1 </dev/null)
		if awk -v expected="$base.expected" -f "$here/match.awk" "$base.actual"; then
			passed=$((passed + 1))
		else
			failed=$((failed + 1))
			echo "--- $name:$line: the example's output differs (as written, then actual)"
			diff -u "$base.expected" "$base.actual" | sed 1,2d
		fi
	done
	if [ "$n" = 0 ]; then
		echo "--- $name: no example found (a block starting with \"\$ \")"
		failed=$((failed + 1))
	fi
done
echo "docs: $passed examples passed, $failed failed"
[ "$failed" = 0 ]
