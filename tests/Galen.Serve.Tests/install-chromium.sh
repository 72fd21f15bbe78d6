#!/usr/bin/env bash
# Installs Debian's Chromium for the dashboard's browser tests (Playwright drives it; it cannot
# download its own browser here). Run as root on Debian; the test fixture runs it once when
# /usr/bin/chromium is missing.
set -euo pipefail
if [[ -x /usr/bin/chromium ]]; then
  exit 0
fi
if [[ "$(id -u)" -ne 0 ]] || ! command -v apt-get >/dev/null; then
  echo "install Debian's chromium package (apt-get install chromium) as root" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends chromium fonts-dejavu-core
