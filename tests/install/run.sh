#!/bin/sh
# make install and make uninstall, into a temporary PREFIX, from a build
# of its own (so that build/ is never rebuilt under a running test).
# usage: sh tests/install/run.sh [MAKE]
#
# Checks that the program, the man page and the Danish and Swedish
# catalogues land under PREFIX (PREFIX/share/locale/LANG/LC_MESSAGES), that
# the installed program finds its catalogues there (no build tree beside
# it, no locale installed: env -i with LC_ALL=C.UTF-8), and that uninstall
# removes them again.
set -u
cd "$(dirname "$0")/../.." || exit 2
make=${1:-make}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/caseload-install.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
prefix=$tmp/prefix
failed=0

fail() {
	echo "install: $*"
	failed=1
}

if ! $make -s install BUILD="$tmp/build" PREFIX="$prefix" CFLAGS=-O0 \
    >"$tmp/log" 2>&1; then
	cat "$tmp/log"
	fail "make install failed"
	exit 1
fi
for f in bin/caseload share/man/man1/caseload.1 \
    share/locale/da/LC_MESSAGES/caseload.mo \
    share/locale/sv/LC_MESSAGES/caseload.mo; do
	[ -f "$prefix/$f" ] || fail "PREFIX/$f is not installed"
done
# the installed program speaks each language from PREFIX/share/locale
speaks() { # WANT [VAR=VALUE] PROGRAM ARG...
	want=$1
	shift
	got=$(env -i PATH=/usr/bin:/bin LC_ALL=C.UTF-8 "$@" 2>&1 | head -n 1)
	case $got in
	"$want"*) ;;
	*) fail "$* does not begin \"$want\": $got" ;;
	esac
}
speaks "brug:  caseload" "$prefix/bin/caseload" --lang da --help
speaks "användning: caseload" LANGUAGE=sv "$prefix/bin/caseload" --help
speaks "usage: caseload" "$prefix/bin/caseload" --help
if ! $make -s uninstall BUILD="$tmp/build" PREFIX="$prefix" >"$tmp/log" 2>&1; then
	cat "$tmp/log"
	fail "make uninstall failed"
fi
left=$(find "$prefix" -type f)
[ -z "$left" ] || fail "make uninstall left: $left"
[ "$failed" = 0 ] && echo "install: program, man page and da, sv catalogues under PREFIX; uninstalled"
exit "$failed"
