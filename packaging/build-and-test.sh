#!/usr/bin/env bash
# Installs what the build needs, checks formatting, configures a Release
# build with strict warnings as errors, builds everything and runs the whole
# test suite with CTest. Then, unless EVTX_SKIP_SANITIZERS=1:
#  - everything again with AddressSanitizer + UndefinedBehaviorSanitizer
#    (build-asan-ci): every CTest suite (engine, cli, ui), then a short
#    mutation test (tests/mutate/mutate.py) on that evtxdump;
#  - the libFuzzer targets built with clang (build-fuzz-ci), each run for
#    EVTX_FUZZ_SECONDS (default 60); a crash, leak, UB or hang fails.
set -euo pipefail
cd "$(dirname "$0")/.."
bash packaging/install-deps.sh
bash packaging/check-format.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DEVTX_WERROR=ON
cmake --build build --parallel
ctest --test-dir build --output-on-failure --parallel 2

if [ "${EVTX_SKIP_SANITIZERS:-0}" != 1 ]; then
    start=$SECONDS
    cmake -S . -B build-asan-ci -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DEVTX_SANITIZE=ON
    cmake --build build-asan-ci --parallel
    ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
        LSAN_OPTIONS="suppressions=$PWD/tests/sanitizers/lsan.supp:print_suppressions=0" \
        ctest --test-dir build-asan-ci --output-on-failure --parallel 2
    # 50 seeded damaged copies of the shared samples (CI=true: required).
    python3 tests/mutate/mutate.py --evtxdump build-asan-ci/bin/evtxdump --count 50 --jobs 2
    echo "sanitizer stage: $((SECONDS - start)) s"

    start=$SECONDS
    CC=clang-14 CXX=clang++-14 cmake -S . -B build-fuzz-ci -G Ninja \
        -DCMAKE_BUILD_TYPE=RelWithDebInfo -DEVTX_BUILD_FUZZERS=ON -DEVTX_BUILD_VIEWER=OFF \
        -DEVTX_BUILD_TESTS=OFF
    BUILD=build-fuzz-ci JOBS=2 TIMEOUT=30 \
        bash tests/fuzz/run-fuzzers.sh "${EVTX_FUZZ_SECONDS:-60}"
    echo "fuzz stage: $((SECONDS - start)) s"
fi
