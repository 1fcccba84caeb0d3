#!/usr/bin/env bash
# The browser tests drive Debian's Chromium (Playwright cannot download its own
# browser here). Install it when missing and we are root; otherwise say how.
set -euo pipefail
CHROMIUM=${CHROMIUM_PATH:-/usr/bin/chromium}
if [ -x "$CHROMIUM" ]; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing Debian's chromium for the browser tests" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >/dev/null
  apt-get install -y -q --no-install-recommends chromium fonts-dejavu-core >/dev/null
  exit 0
fi
echo "Chromium is missing: install Debian's 'chromium' package (or set CHROMIUM_PATH)." >&2
exit 1
