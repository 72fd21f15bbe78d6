#!/usr/bin/env bash
# Installs the peers that benchmarks compare Galen with (Debian packages).
set -euo pipefail
if [[ "$(id -u)" -ne 0 ]]; then
  echo "run as root (apt-get install)" >&2
  exit 1
fi
apt-get update -q
DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
  python3-pandas python3-sklearn python3-torch wrk
