#!/usr/bin/env sh
# The end-to-end tests drive Debian's Chromium. Install it when it is missing (as root, with apt),
# so that `npm test` sets up a fresh machine by itself. CHROMIUM_PATH points at another binary.
set -eu
if [ -n "${CHROMIUM_PATH:-}" ] || command -v chromium >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's Chromium for the end-to-end tests…"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium >/dev/null
  exit 0
fi
echo "The end-to-end tests need Chromium: run 'sudo apt-get install -y chromium', or set CHROMIUM_PATH." >&2
exit 1
