#!/usr/bin/env bash
# Installs OpenBLAS for the PyTorch peer of the deep-learning benchmarks without changing the
# system's default BLAS. Debian's python3-torch 1.13 calls whatever libblas.so.3 the system
# provides (the reference BLAS by default, ~10x slower at matrix products than OpenBLAS); the
# deep-throughput harness points the peer alone at OpenBLAS with LD_LIBRARY_PATH, so other
# peers (numpy, scikit-learn) keep the BLAS they were measured with.
set -euo pipefail
if [[ "$(id -u)" -ne 0 ]]; then
  echo "run as root (apt-get install)" >&2
  exit 1
fi
blas="$(readlink -f /usr/lib/x86_64-linux-gnu/libblas.so.3)"
lapack="$(readlink -f /usr/lib/x86_64-linux-gnu/liblapack.so.3)"
DEBIAN_FRONTEND=noninteractive apt-get install -y -q libopenblas0-pthread
# Installing OpenBLAS makes it the default in auto mode; put the previous defaults back.
update-alternatives --set libblas.so.3-x86_64-linux-gnu "$blas"
update-alternatives --set liblapack.so.3-x86_64-linux-gnu "$lapack"
ls /usr/lib/x86_64-linux-gnu/openblas-pthread/libblas.so.3
