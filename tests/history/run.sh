#!/bin/sh
# The history's promises under stress: two processes recording at once,
# a recording killed at random points, a read-only history.
# usage: sh tests/history/run.sh BIN DBCHECK [ROUNDS]
#
# DBCHECK (tests/history/dbcheck.c) runs PRAGMA integrity_check and prints
# each snapshot's date, claimed worker count, worker rows and points sum.
set -u

if [ $# -lt 2 ]; then
	echo "usage: sh tests/history/run.sh BIN DBCHECK [ROUNDS]" >&2
	exit 2
fi
case $1 in /*) bin=$1 ;; *) bin=$(pwd)/$1 ;; esac
case $2 in /*) dbcheck=$2 ;; *) dbcheck=$(pwd)/$2 ;; esac
rounds=${3:-20}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/caseload-history.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' HUP INT TERM
cd "$tmp" || exit 2
failed=0

fail() {
	echo "FAIL $*"
	failed=$((failed + 1))
}

# A case list of $1 workers, each with 3 cases of (i + $2) % 50 + 1 points.
make_list() {
	awk -v n="$1" -v shift="$2" 'BEGIN {
		print "case_id,worker,team,points"
		for (i = 0; i < n; i++)
			for (k = 0; k < 3; k++)
				printf "K%d-%d,Worker %05d,Team %d,%d\n", i, k, i,
				    i % 7, (i + shift + k) % 50 + 1
	}'
}

# ---- two processes recording at once: both succeed, nothing is lost ----
make_list 2000 0 >a.csv
make_list 2000 9 >b.csv
recorder() { # LIST MONTH LOG
	for day in 01 02 03 04 05 06; do
		"$bin" --record both.db --as-of "2026-$2-$day" "$1" >/dev/null
		echo "$2-$day $?" >>"$3"
	done
}
recorder a.csv 03 a.log &
recorder b.csv 04 b.log &
wait
if grep -v ' 0$' a.log b.log; then
	fail "concurrency: a recording did not exit 0"
fi
"$dbcheck" both.db >both.out || fail "concurrency: integrity_check"
snapshots=$(grep -c '^2026-0[34]-0[1-6] 2000 2000 ' both.out)
[ "$snapshots" = 12 ] || {
	fail "concurrency: $snapshots of 12 snapshots whole"
	cat both.out
}
echo "concurrency: 2 processes x 6 recordings, $snapshots snapshots whole"

# ---- killed while recording: the old snapshot or the new one, whole ----
make_list 3000 0 >old.csv
make_list 3500 13 >new.csv
"$bin" --record crash.db --as-of 2026-05-01 old.csv >/dev/null ||
	fail "crash: first recording"
"$bin" --record crash.db --as-of 2026-05-08 old.csv >/dev/null
"$dbcheck" crash.db | grep '^2026-05-01' >old.line
"$bin" --record crash.db --as-of 2026-05-01 new.csv >/dev/null
"$dbcheck" crash.db | grep '^2026-05-01' >new.line
"$bin" --record crash.db --as-of 2026-05-01 old.csv >/dev/null
cp crash.db crash.before
# kills land from the start to a little after the end of a recording,
# however fast this build is (ASan, valgrind)
start=$(date +%s%N)
"$bin" --record crash.db --as-of 2026-05-01 new.csv >/dev/null
"$bin" --record crash.db --as-of 2026-05-01 old.csv >/dev/null
span=$((($(date +%s%N) - start) / 2000000 * 13 / 10 + 1))
kept=0
replaced=0
state=old
seed=$$
i=0
while [ "$i" -lt "$rounds" ]; do
	i=$((i + 1))
	# record the other list, so each kill races a real change
	if [ "$state" = old ]; then try=new; else try=old; fi
	# the C library's rand() step (its multiplier in hex)
	seed=$(((seed * 0x41C64E6D + 12345) % 2147483648))
	delay=$((seed % span))
	"$bin" --record crash.db --as-of 2026-05-01 "$try.csv" >/dev/null 2>&1 &
	pid=$!
	sleep "$(printf '%d.%03d' $((delay / 1000)) $((delay % 1000)))"
	kill -KILL "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	if ! "$dbcheck" crash.db >crash.out; then
		fail "crash: integrity_check after a kill at ${delay} ms"
		cat crash.out
		break
	fi
	line=$(grep '^2026-05-01' crash.out)
	if [ "$line" = "$(cat "$try.line")" ]; then
		replaced=$((replaced + 1))
		state=$try
	elif [ "$line" = "$(cat "$state.line")" ]; then
		kept=$((kept + 1))
	else
		fail "crash: a torn snapshot after a kill at ${delay} ms: $line"
		break
	fi
	grep -q '^2026-05-08 3000 3000 ' crash.out ||
		fail "crash: the other snapshot changed"
done
# the next run finds the database whole and records normally
"$bin" --record crash.db --as-of 2026-05-15 old.csv >/dev/null ||
	fail "crash: recording after the kills"
echo "crash: $rounds kills in 0 to $span ms; the snapshot was whole every time" \
    "($kept times the one before, $replaced times the new one)"

# ---- a history that cannot be written: exit 74, left as it was ----
mkdir ro
cp crash.before ro/h.db
if [ "$(id -u)" = 0 ]; then
	# root writes anywhere: run as nobody, in a folder nobody cannot write
	chmod 711 "$tmp"	# SQLite needs the full path of the file
	cp "$bin" ro/caseload
	cp old.csv ro/
	chmod 755 ro ro/caseload
	chmod 644 ro/h.db ro/old.csv
	run_ro() { (cd ro && setpriv --reuid=65534 --regid=65534 \
	    --clear-groups ./caseload "$@"); }
else
	cp old.csv ro/
	chmod 444 ro/h.db
	chmod 555 ro
	run_ro() { (cd ro && "$bin" "$@"); }
fi
run_ro --record h.db --as-of 2026-06-01 old.csv >/dev/null 2>ro.err
status=$?
[ "$status" = 74 ] || fail "read-only: exit $status, expected 74"
grep -q 'h.db: cannot' ro.err || fail "read-only: message: $(cat ro.err)"
cmp -s ro/h.db crash.before || fail "read-only: the file changed"
echo "read-only: exit $status: $(cat ro.err)"

# ---- a history that cannot be read: exit 66, left as it was ----
chmod 600 ro/h.db
[ "$(id -u)" = 0 ] || chmod 000 ro/h.db
run_ro history h.db >/dev/null 2>ro.err
status=$?
[ "$status" = 66 ] || fail "unreadable: exit $status, expected 66"
grep -q 'h.db: Permission denied' ro.err ||
	fail "unreadable: message: $(cat ro.err)"
chmod 644 ro/h.db
cmp -s ro/h.db crash.before || fail "unreadable: the file changed"
echo "unreadable: exit $status: $(cat ro.err)"
chmod 755 ro 2>/dev/null

[ "$failed" = 0 ] && echo "history stress: all passed"
[ "$failed" = 0 ]
