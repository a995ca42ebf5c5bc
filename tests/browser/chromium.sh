# Sourced by the browser test and the screenshot: finds Chromium, installs
# Debian's chromium when it is missing (as root), and defines
#   chromium_run ARGS... URL   headless, with a fresh profile in $tmp
# The flags keep it off the network: no first-run, background, component
# or sync traffic, no QUIC; the pages need nothing outside themselves.
# Needs $tmp (a scratch folder) to be set by the caller.

browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
	if [ "$(id -u)" != 0 ]; then
		echo "this needs chromium: sudo apt-get install chromium" >&2
		exit 1
	fi
	echo "Installing chromium"
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
		--no-install-recommends chromium >/dev/null
	browser=$(command -v chromium)
fi

chromium_run() {
	rm -rf "$tmp/profile"
	timeout 120 "$browser" --headless --no-sandbox --disable-gpu \
		--disable-quic --no-first-run --disable-background-networking \
		--disable-component-update --disable-sync \
		--user-data-dir="$tmp/profile" --hide-scrollbars \
		--window-size=1100,1600 "$@" 2>>"$tmp/chromium.log"
}
