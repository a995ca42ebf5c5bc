#!/bin/sh
# The set-up step away from Debian.  usage: sh tests/deps/run.sh [--make-check]
#
# Runs `make deps` on a PATH that holds every program of this machine but
# dpkg, dpkg-query and apt-get (as on Fedora, Alpine or macOS), then with a
# stand-in apt-get (and id) that only log what they were asked: nothing is
# installed.  With --make-check it then runs the whole `make check` on
# that PATH too.
set -u

root=$(cd "$(dirname "$0")/../.." && pwd) || exit 2
tmp=$(mktemp -d "${TMPDIR:-/tmp}/caseload-deps-test.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/bin" "$tmp/apt"

# Every program on PATH, first one of a name wins, but Debian's package tools.
old_ifs=$IFS
IFS=:
for dir in $PATH; do
	IFS=$old_ifs
	[ -d "$dir" ] || continue
	for prog in "$dir"/*; do
		name=${prog##*/}
		case $name in dpkg | dpkg-* | apt | apt-get | apt-cache) continue ;; esac
		[ -x "$prog" ] && [ ! -e "$tmp/bin/$name" ] &&
			ln -s "$prog" "$tmp/bin/$name"
	done
done
IFS=$old_ifs
for tool in dpkg-query apt-get; do
	if [ -e "$tmp/bin/$tool" ]; then
		echo "deps test: $tool is still on the test PATH" >&2
		exit 1
	fi
done

# The stand-ins: apt-get logs its arguments; id -u says $FAKE_UID.
cat >"$tmp/apt/apt-get" <<'STUB'
#!/bin/sh
echo "apt-get $*" >>"$APT_LOG"
STUB
cat >"$tmp/apt/id" <<'STUB'
#!/bin/sh
echo "${FAKE_UID:-0}"
STUB
chmod +x "$tmp/apt/apt-get" "$tmp/apt/id"

needs=$(make -s -C "$root" -f Makefile -f - print-needs <<'MK'
print-needs:
	@echo $(NEEDS)
MK
)
missing="pc:caseload-no-such-lib:caseload-no-such-dev lib:caseload_no_such:libcaseload-no-such-dev cmd:caseload-no-such-tool:caseload-tools"
passed=0
failed=0

# run NAME PATH EXPECTED-STATUS EXPECTED-STDERR EXPECTED-APT-LOG NEEDS...
run() {
	name=$1 path=$2 want_status=$3 want_err=$4 want_log=$5
	shift 5
	rm -f "$tmp/apt.log"
	(cd "$root" && env PATH="$path" APT_LOG="$tmp/apt.log" \
		FAKE_UID="${FAKE_UID:-0}" make -s --no-print-directory deps \
		NEEDS="$*") >"$tmp/out" 2>"$tmp/err"
	status=$?
	log=$(cat "$tmp/apt.log" 2>/dev/null)
	err=$(sed '/^make[^:]*: \*\*\*/d' "$tmp/err")	# make's own line
	if [ "$status" = "$want_status" ] && [ "$err" = "$want_err" ] &&
		[ "$log" = "$want_log" ]; then
		passed=$((passed + 1))
		return
	fi
	failed=$((failed + 1))
	echo "--- $name: status $status (expected $want_status)"
	echo "stderr:   $err"
	echo "expected: $want_err"
	echo "apt-get log:  $log"
	echo "expected:     $want_log"
}

# Everything found: silent, and no package manager is asked.
run found-no-dpkg "$tmp/bin" 0 "" "" "$needs"
run found-apt-not-asked "$tmp/apt:$tmp/bin" 0 "" "" "$needs"
# Missing, no apt-get: say what, and stop.
run missing-no-apt "$tmp/bin" 2 "caseload needs: caseload-no-such-lib \
caseload_no_such caseload-no-such-tool (not found with pkg-config, the C \
compiler or on PATH); install them with your package manager (Debian names: \
caseload-no-such-dev libcaseload-no-such-dev caseload-tools)" "" \
	"$needs $missing"
# Missing, apt-get, not root: the line to run.
FAKE_UID=1000 run missing-not-root "$tmp/apt:$tmp/bin" 2 "caseload needs: \
caseload-no-such-lib; install them with: sudo apt-get install \
caseload-no-such-dev" "" "$needs pc:caseload-no-such-lib:caseload-no-such-dev"
# Missing, apt-get, root: only the missing package is installed.
run missing-root "$tmp/apt:$tmp/bin" 0 "" "apt-get -o DPkg::Lock::Timeout=900 update -qq
apt-get -o DPkg::Lock::Timeout=900 install -y -qq --no-install-recommends caseload-no-such-dev" \
	"$needs pc:caseload-no-such-lib:caseload-no-such-dev"

echo "deps: $passed passed, $failed failed"
[ "$failed" = 0 ] || exit 1

if [ "${1-}" = --make-check ]; then
	echo "make check with PATH=$tmp/bin (no dpkg-query, no apt-get)"
	(cd "$root" && env PATH="$tmp/bin" make check) || exit 1
fi
exit 0
