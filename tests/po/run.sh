#!/bin/sh
# The translations against the sources.  usage: sh tests/po/run.sh LANG...
# with $XGETTEXT_FLAGS as the Makefile sets them.
#
# Fails when po/caseload.pot is not what xgettext makes of src/*.c now
# (run `make pot`), when po/LANG.po and the template differ in their set
# of messages: one missing, untranslated or fuzzy, or one the sources no
# longer have (run `make po-update`, then translate), or when a .po does
# not pass msgfmt --check (placeholders that do not match, a bad header).
set -u
cd "$(dirname "$0")/../.." || exit 2
tmp=$(mktemp -d "${TMPDIR:-/tmp}/caseload-po.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
failed=0

fail() {
	echo "po: $*"
	sed 's/^/    /' "$tmp/err"
	failed=1
}

# Whether every message of $2 is in $1, translated and not fuzzy unless $3
# says --use-untranslated.
covers() { # DEF REF [--use-untranslated]
	msgcmp ${3-} "$1" "$2" >"$tmp/err" 2>&1
}

# shellcheck disable=SC2086
xgettext ${XGETTEXT_FLAGS-} -o "$tmp/fresh.pot" $(ls src/*.c) || exit 2
if [ ! -f "$tmp/fresh.pot" ]; then
	: >"$tmp/err"
	fail "the sources have no messages"
elif ! covers po/caseload.pot "$tmp/fresh.pot" --use-untranslated; then
	fail "po/caseload.pot lacks messages of src/ (make pot)"
elif ! covers "$tmp/fresh.pot" po/caseload.pot --use-untranslated; then
	fail "po/caseload.pot has messages src/ no longer has (make pot)"
fi
for lang; do
	po=po/$lang.po
	if ! msgfmt --check --output-file=/dev/null "$po" 2>"$tmp/err"; then
		fail "$po does not compile"
	fi
	if ! covers "$po" po/caseload.pot; then
		fail "$po misses translations (make po-update, then translate)"
	fi
	if ! covers po/caseload.pot "$po" --use-untranslated; then
		fail "$po has messages the template does not (make po-update)"
	fi
done
[ "$failed" = 0 ] && echo "po: template and $* agree"
exit "$failed"
