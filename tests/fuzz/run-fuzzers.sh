#!/usr/bin/env bash
# Runs each libFuzzer target for a bounded time and prints executions and
# coverage per target. Corpora grow in BUILD/fuzz-corpus/<target> (seeded by
# make-seeds.py on first use); crashes land in BUILD/fuzz-artifacts.
#
# usage: tests/fuzz/run-fuzzers.sh SECONDS [target...]
#   BUILD=build-fuzz  build dir configured with -DEVTX_BUILD_FUZZERS=ON
#   JOBS=1            targets run at the same time
#   TIMEOUT=10        seconds per input before it counts as a hang (wall time:
#                     raise it when the machine is shared and the fuzzers niced)
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:?usage: run-fuzzers.sh SECONDS [target...]}
shift
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(fuzz_file fuzz_chunk fuzz_binxml fuzz_query fuzz_knowledge)
build=${BUILD:-build-fuzz}
jobs=${JOBS:-1}

cmake --build "$build" --target "${targets[@]}" >/dev/null
corpus=$build/fuzz-corpus
mkdir -p "$build/fuzz-artifacts" "$build/fuzz-logs"
if [ ! -d "$corpus" ]; then
    evtxgen=$build/bin/evtxgen
    cmake --build "$build" --target evtxgen >/dev/null
    python3 tests/fuzz/make-seeds.py "$corpus.seeds" --evtxgen "$evtxgen"
    mkdir -p "$corpus"
    for t in file chunk binxml query knowledge; do mv "$corpus.seeds/$t" "$corpus/fuzz_$t"; done
    rm -rf "$corpus.seeds"
fi

max_len() {
    case $1 in
    fuzz_file) echo 135168 ;;  # header block + two chunks
    fuzz_chunk) echo 65536 ;;
    fuzz_binxml) echo 65000 ;;
    *) echo 4096 ;;
    esac
}

run_one() {
    local t=$1
    mkdir -p "$corpus/$t"
    # Leaks, UB and timeouts (TIMEOUT s per input) all count as findings.
    "$build/fuzz/$t" "$corpus/$t" -max_total_time="$seconds" -max_len="$(max_len "$t")" \
        -timeout="${TIMEOUT:-10}" -rss_limit_mb=2048 -print_final_stats=1 \
        -artifact_prefix="$build/fuzz-artifacts/$t-" >"$build/fuzz-logs/$t.log" 2>&1 || true
}

running=0
for t in "${targets[@]}"; do
    run_one "$t" &
    running=$((running + 1))
    if [ "$running" -ge "$jobs" ]; then
        wait -n || true
        running=$((running - 1))
    fi
done
wait

status=0
for t in "${targets[@]}"; do
    log=$build/fuzz-logs/$t.log
    last=$(grep -E '^#[0-9]+' "$log" | tail -1 || true)
    runs=$(grep -E 'stat::number_of_executed_units' "$log" | awk '{print $2}' || true)
    echo "$t: executions=${runs:-?} last: $last"
    if grep -qE 'ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer)|runtime error|SUMMARY: ' "$log"; then
        echo "  FINDING: see $log and $build/fuzz-artifacts/$t-*"
        status=1
    fi
done
exit $status
