#!/bin/sh
# That tests/po/run.sh (make po-check) fails when it should: it is run on
# copies of src/ and po/, each broken one way.  usage: sh tests/po/self-test.sh
# with $XGETTEXT_FLAGS as the Makefile sets them.
set -u
root=$(cd "$(dirname "$0")/../.." && pwd) || exit 2
tmp=$(mktemp -d "${TMPDIR:-/tmp}/caseload-po-self.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
failed=0
msg='stdin (-) is named twice'

# A fresh copy of what po-check reads, in $tmp/tree.
fresh() {
	rm -rf "$tmp/tree"
	mkdir -p "$tmp/tree/tests/po"
	cp -R "$root/src" "$root/po" "$tmp/tree/"
	cp "$root/tests/po/run.sh" "$tmp/tree/tests/po/"
}

# Runs po-check on the copy; WANT is 0 (passes) or 1 (fails, saying TEXT).
expect() { # WANT TEXT WHAT
	sh "$tmp/tree/tests/po/run.sh" da sv >"$tmp/out" 2>&1
	rc=$?
	if [ "$1" = 0 ] && [ "$rc" != 0 ]; then
		echo "po-self-test: $3: po-check failed:"
		sed 's/^/    /' "$tmp/out"
		failed=1
	elif [ "$1" != 0 ] && { [ "$rc" = 0 ] || ! grep -qF "$2" "$tmp/out"; }; then
		echo "po-self-test: $3: po-check should fail with \"$2\" (exit $rc):"
		sed 's/^/    /' "$tmp/out"
		failed=1
	fi
}

# The entry of $msg (msgid and msgstr lines) in a .po, dropped or changed.
po_edit() { # FILE SED-SCRIPT
	sed -i "$2" "$1"
}

fresh
grep -qF "msgid \"$msg\"" "$tmp/tree/po/da.po" || { echo "po-self-test: no \"$msg\" in po/da.po"; exit 2; }
expect 0 "" "the sources as they are"

fresh
po_edit "$tmp/tree/po/da.po" "/^msgid \"$msg\"\$/,/^\$/d"
expect 1 "po/da.po misses translations" "a message missing from da.po"

fresh
po_edit "$tmp/tree/po/sv.po" "/^msgid \"$msg\"\$/{n;s/.*/msgstr \"\"/}"
expect 1 "po/sv.po misses translations" "a message untranslated in sv.po"

fresh
po_edit "$tmp/tree/po/da.po" "/^msgid \"$msg\"\$/i #, fuzzy"
expect 1 "po/da.po misses translations" "a fuzzy message in da.po"

fresh
printf '\nmsgid "a message the sources do not have"\nmsgstr "en besked"\n' >>"$tmp/tree/po/da.po"
expect 1 "po/da.po has messages the template does not" "an extra message in da.po"

fresh
printf '\nconst char *po_self_test(void);\nconst char *po_self_test(void) { return _("a new message"); }\n' >>"$tmp/tree/src/main.c"
expect 1 "po/caseload.pot lacks messages of src/" "a new message in src/"

fresh
po_edit "$tmp/tree/po/da.po" '/^msgid "--format %s writes a file: give -o FILE"$/{n;s/%s/%d/}'
expect 1 "po/da.po does not compile" "a placeholder in da.po that is not the English one"

[ "$failed" = 0 ] && echo "po-self-test: po-check fails on a missing, untranslated, fuzzy or extra message, a stale template and a bad placeholder"
exit "$failed"
