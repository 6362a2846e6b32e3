#!/usr/bin/env bash
# End-to-end evtxdump throughput on the canonical workloads of PERF.md:
# W1 (-t 1 -o jsonl), XML (-t 1 -o xml) and W2 (-t N -o jsonl) on both
# ../shared/bench logs, with hyperfine (JSON under build/perf/), then medians,
# records/s, MB/s and peak RSS (/usr/bin/time -v); then W1 against W2 for
# thread scaling, in one hyperfine call and in interleaved rounds.
#
#   bench/run-bench.sh [--runs N] [--threads N] [--baseline BIN] [--no-build]
#
# --baseline BIN puts another evtxdump into the same hyperfine runs, so the
# before/after comparison is measured side by side.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
shared=${EVTX_SHARED_DIR:-$root/../shared}
build=${EVTX_BUILD_DIR:-$root/build}
runs=15
threads=2
baseline=
do_build=1
while [ $# -gt 0 ]; do
  case $1 in
    --runs) runs=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    --baseline) baseline=$(realpath "$2"); shift 2 ;;
    --no-build) do_build=0; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

if [ $do_build -eq 1 ]; then
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$build" --target evtxdump >/dev/null
fi
bin=$build/bin/evtxdump
out=$build/perf
mkdir -p "$out"
for tool in hyperfine /usr/bin/time jq; do
  command -v "$tool" >/dev/null || { echo "run-bench: $tool is missing (packaging/install-deps.sh)" >&2; exit 1; }
done

workloads=(
  "W1|-t 1 -o jsonl"
  "XML|-t 1 -o xml"
  "W2|-t $threads -o jsonl"
)

printf '%-6s %-20s %-9s %10s %20s %12s %9s %10s\n' workload log binary median range records/s MB/s peakRSS
for log in security-32mb mixed-32mb; do
  file=$shared/bench/$log.evtx
  [ -f "$file" ] || { echo "run-bench: $file not found" >&2; exit 1; }
  records=$("$bin" -t 0 -o jsonl "$file" 2>/dev/null | wc -l)
  megabytes=$(awk -v b="$(stat -c %s "$file")" 'BEGIN { printf "%.3f", b / 1048576 }')
  for w in "${workloads[@]}"; do
    name=${w%%|*}
    args=${w#*|}
    json=$out/$name-$log.json
    cmds=(-n current "$bin $args $file")
    [ -n "$baseline" ] && cmds+=(-n baseline "$baseline $args $file")
    hyperfine -N --warmup 3 --runs "$runs" --output=null --export-json "$json" "${cmds[@]}" >/dev/null
    for label in current baseline; do
      [ "$label" = baseline ] && [ -z "$baseline" ] && continue
      exe=$bin
      [ "$label" = baseline ] && exe=$baseline
      read -r median lo hi < <(jq -r --arg n "$label" \
        '.results[] | select(.command == $n) | "\(.median) \(.min) \(.max)"' "$json")
      rss=$(/usr/bin/time -v "$exe" $args "$file" 2>&1 >/dev/null | awk -F': ' '/Maximum resident/ { print $2 }')
      awk -v w="$name" -v l="$log" -v b="$label" -v m="$median" -v lo="$lo" -v hi="$hi" \
          -v r="$records" -v mb="$megabytes" -v rss="$rss" 'BEGIN {
        printf "%-6s %-20s %-9s %8.1fms %9.1f-%-8.1fms %12.0f %9.1f %8.1fMB\n",
               w, l, b, m * 1000, lo * 1000, hi * 1000, r / m, mb / m, rss / 1024 }'
    done
  done
done

# Thread scaling: W1 and W2 in one hyperfine call (ratio of medians), then in
# alternation (bench/interleaved-runs.py: the median of per-round ratios,
# which the VM's drift over seconds does not bias).
for log in security-32mb mixed-32mb; do
  file=$shared/bench/$log.evtx
  json=$out/scaling-$log.json
  hyperfine -N --warmup 3 --runs "$runs" --output=null --export-json "$json" \
    -n W1 "$bin -t 1 -o jsonl $file" -n W2 "$bin -t $threads -o jsonl $file" >/dev/null
  jq -r --arg l "$log" '(.results | map({(.command): .median}) | add) as $m
    | "scaling \($l): W1 \($m.W1 * 1000 | . * 10 | round / 10) ms, W2 \($m.W2 * 1000 | . * 10 | round / 10) ms, W1/W2 \($m.W1 / $m.W2 | . * 100 | round / 100)x (one hyperfine call)"' "$json"
  python3 "$root/bench/interleaved-runs.py" "$runs" "W1=$bin -t 1 -o jsonl $file" \
    "W2=$bin -t $threads -o jsonl $file" | sed -n "s/^W1\/W2: /scaling $log interleaved: /p"
done
echo "hyperfine JSON: $out/"
