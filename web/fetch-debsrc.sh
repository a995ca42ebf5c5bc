#!/bin/sh
# Fetches Debian's source package PKG with `apt-get source` and unpacks it
# (with Debian's patches applied) as DIR/PKG.  The first time, it writes the
# deb-src line apt needs (the same mirrors as the deb lines) and updates
# the package lists.  Usage: fetch-debsrc.sh DIR PKG
set -eu
dir=$1 pkg=$2
apt_get() { apt-get -o DPkg::Lock::Timeout=900 "$@"; }

have_sources() {
	apt-cache showsrc --only-source "$pkg" 2>/dev/null | grep -q '^Version:'
}

if ! have_sources; then
	list=/etc/apt/sources.list.d/caseload-deb-src.sources
	if [ "$(id -u)" != 0 ]; then
		echo "web: apt has no deb-src line for $pkg; run make web as root, or add one (see $0)" >&2
		exit 1
	fi
	if [ -f /etc/apt/sources.list.d/debian.sources ]; then
		sed 's/^Types:.*/Types: deb-src/' /etc/apt/sources.list.d/debian.sources >"$list"
	elif [ -f /etc/apt/sources.list ]; then
		list=/etc/apt/sources.list.d/caseload-deb-src.list
		sed -n 's/^deb \(.*\)/deb-src \1/p' /etc/apt/sources.list >"$list"
	else
		echo "web: no Debian sources list to derive a deb-src line from" >&2
		exit 1
	fi
	echo "web: wrote $list"
	apt_get update -qq
	have_sources || { echo "web: apt knows no source package $pkg" >&2; exit 1; }
fi

# Newest first; a version the mirror lists but no longer holds is skipped.
tmp="$dir/.fetch-$pkg"
rm -rf "$tmp" "${dir:?}/$pkg"
mkdir -p "$tmp"
for v in $(apt-cache showsrc --only-source "$pkg" | sed -n 's/^Version: //p' | sort -u -r -V); do
	if (cd "$tmp" && apt_get source -qq --only-source "$pkg=$v" >fetch.log 2>&1); then
		src=$(find "$tmp" -mindepth 1 -maxdepth 1 -type d)
		mv "$src" "$dir/$pkg"
		echo "$v" >"$dir/$pkg/.debian-version"
		rm -rf "$tmp"
		echo "web: $pkg $v unpacked in $dir/$pkg"
		exit 0
	fi
	echo "web: $pkg $v: $(grep -m1 '^E:' "$tmp/fetch.log" || tail -1 "$tmp/fetch.log")" >&2
	find "$tmp" -mindepth 1 ! -name fetch.log -exec rm -rf {} +
done
echo "web: could not fetch the source package $pkg" >&2
exit 1
