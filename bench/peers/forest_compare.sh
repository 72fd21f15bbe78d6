#!/usr/bin/env bash
# Galen's random forest next to scikit-learn's RandomForestClassifier on the same rows, runs
# alternating (Galen, sklearn, Galen, sklearn, ...) so both see the same machine load.
# Usage: bench/peers/forest_compare.sh FOLDER REPEATS [harness options, e.g. --rows 50000 --features 50 --depth none]
# Prints each run, then medians: wall and CPU time ratio Galen/sklearn and the AUROC difference.
# Run i seeds both sides with i.
set -euo pipefail
folder="${1:-/tmp/galen-bench}"
repeats="${2:-3}"
shift 2 || true
mkdir -p "$folder"
dotnet build -c Release bench/Galen.Bench -v q -nologo >/dev/null
harness=(dotnet bench/Galen.Bench/bin/Release/net10.0/Galen.Bench.dll harness forest "$folder")
"${harness[@]}" --data-only "$@"
rm -f "$folder/forest-galen.csv" "$folder/forest-sklearn.csv"
# Run i gives both sides seed i (a forest's AUROC moves by a few thousandths with the seed, so
# the medians compare forests, not one lucky draw); a --seed among the options overrides it.
for ((i = 1; i <= repeats; i++)); do
    "${harness[@]}" --seed "$i" "$@"
    /usr/bin/python3 bench/peers/forest_sklearn.py "$folder" --seed "$i" "$@"
done
/usr/bin/python3 bench/peers/forest_sklearn.py "$folder" --summary
