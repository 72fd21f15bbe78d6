#!/usr/bin/env bash
# Runs every Galen-vs-scikit-learn comparison of issue 4 and prints both sides.
# Usage: bench/peers/run_learning_peers.sh [FOLDER]. Numbers go to docs/benchmarks.md.
set -euo pipefail
folder="${1:-/tmp/galen-bench}"
mkdir -p "$folder"
bench=(dotnet run -c Release --project bench/Galen.Bench --)
"${bench[@]}" harness breast-cancer "$folder"
/usr/bin/python3 bench/peers/breast_cancer_sklearn.py "$folder"
"${bench[@]}" harness forest "$folder" 50000 50
/usr/bin/python3 bench/peers/forest_sklearn.py "$folder"
"${bench[@]}" harness lightgbm 100000 200
"${bench[@]}" harness bootstrap
