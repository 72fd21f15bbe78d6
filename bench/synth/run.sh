#!/usr/bin/env bash
# Times `galen synth` (Release build) and reports wall time, CPU time, peak RSS and output size.
# Usage: bench/synth/run.sh [patients=100000] [format=mimic] [extra galen synth options...]
# Example: bench/synth/run.sh 100000 mimic
#          bench/synth/run.sh 100000 mimic --gzip
# Pins the run to two cores (taskset) so the number is the "2 cores" target of issue 3.
set -euo pipefail
cd "$(dirname "$0")/../.."

patients="${1:-100000}"
format="${2:-mimic}"
shift $(( $# > 2 ? 2 : $# ))

dotnet build -c Release src/Galen.Cli -v quiet -nologo >/dev/null
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cores="0,1"
echo "galen synth --patients $patients --format $format $* on cores $cores ($(nproc) online)"
taskset -c "$cores" /usr/bin/time -v -o "$work/time.txt" \
  dotnet src/Galen.Cli/bin/Release/net10.0/galen.dll synth --patients "$patients" --seed 42 --format "$format" --out "$work/hospital" "$@" \
  | sed -n '/cohort/,$p'

wall="$(grep 'Elapsed (wall clock)' "$work/time.txt" | awk '{print $NF}')"
user="$(grep 'User time' "$work/time.txt" | awk '{print $NF}')"
system="$(grep 'System time' "$work/time.txt" | awk '{print $NF}')"
rss="$(grep 'Maximum resident' "$work/time.txt" | awk '{print $NF}')"
size="$(du -sb "$work/hospital" | awk '{print $1}')"
printf 'wall %s   cpu %.1f s (user %s + sys %s)   peak RSS %.0f MB   output %.2f GB\n' \
  "$wall" "$(echo "$user + $system" | bc)" "$user" "$system" "$(echo "$rss / 1024" | bc -l)" "$(echo "$size / 1000000000" | bc -l)"
