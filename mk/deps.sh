#!/bin/sh
# Checks that what the build needs is there, and installs what is missing
# where apt-get exists.  usage: sh mk/deps.sh NEED...
#
# A NEED is KIND:NAME:PACKAGE, PACKAGE being its Debian package:
#   pc:NAME:PACKAGE       a library pkg-config finds as NAME
#   lib:NAME:PACKAGE      a library with no .pc file (libcsv on Debian):
#                         <NAME.h> compiles and -lNAME links, with $CC,
#                         $CPPFLAGS and $LDFLAGS
#   cmd:NAME:PACKAGE      a program on PATH
#   fuzzer:NAME:PACKAGE   the compiler NAME links a libFuzzer target
#
# When everything is found it says nothing, asks no package manager and
# exits 0.  Else, with apt-get and as root, it installs the packages; with
# apt-get but not root, it prints the apt-get line to run and exits 1;
# without apt-get (Fedora, Alpine, macOS) it names what is missing and
# exits 1.
set -u

tmp=$(mktemp -d "${TMPDIR:-/tmp}/caseload-deps.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT

found() { # KIND NAME
	case $1 in
	pc)
		command -v pkg-config >/dev/null 2>&1 &&
			pkg-config --exists "$2" ;;
	lib)
		printf '#include <%s.h>\nint main(void) { return 0; }\n' "$2" \
			>"$tmp/probe.c" || return 1
		# the flags are word lists
		# shellcheck disable=SC2086
		${CC:-cc} ${CPPFLAGS-} -o "$tmp/probe" "$tmp/probe.c" \
			${LDFLAGS-} -l"$2" >/dev/null 2>&1 ;;
	cmd)
		command -v "$2" >/dev/null 2>&1 ;;
	fuzzer)
		printf '%s\n' '#include <stddef.h>' '#include <stdint.h>' \
			'int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)' \
			'{ (void)d; (void)n; return 0; }' >"$tmp/fuzz.c" &&
			"$2" -fsanitize=fuzzer -o "$tmp/fuzz" "$tmp/fuzz.c" \
				>/dev/null 2>&1 ;;
	*)
		echo "mk/deps.sh: unknown kind \"$1\"" >&2
		exit 2 ;;
	esac
}

names=
packages=
for need; do
	kind=${need%%:*}
	rest=${need#*:}
	name=${rest%%:*}
	package=${rest#*:}
	found "$kind" "$name" && continue
	names="$names $name"
	case " $packages " in
	*" $package "*) ;;
	*) packages="$packages $package" ;;
	esac
done
[ -z "$names" ] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
	echo "caseload needs:$names (not found with pkg-config, the C" \
		"compiler or on PATH); install them with your package manager" \
		"(Debian names:$packages)" >&2
	exit 1
fi
if [ "$(id -u)" != 0 ]; then
	echo "caseload needs:$names; install them with:" \
		"sudo apt-get install$packages" >&2
	exit 1
fi
echo "Installing$packages"
# Wait for another apt-get or dpkg (up to 15 minutes) rather than fail.
lock="-o DPkg::Lock::Timeout=900"
# shellcheck disable=SC2086
apt-get $lock update -qq &&
	DEBIAN_FRONTEND=noninteractive apt-get $lock install -y -qq \
		--no-install-recommends $packages
