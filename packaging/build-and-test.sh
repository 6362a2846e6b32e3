#!/usr/bin/env bash
# Installs what the build needs, configures a Release build, builds
# everything and runs the whole test suite with CTest. Then, unless
# EVTX_SKIP_SANITIZERS=1, builds the engine and CLI tests again with
# AddressSanitizer + UndefinedBehaviorSanitizer (build-asan-ci), runs them and
# a short mutation test (tests/mutate/mutate.py) on that evtxdump.
set -euo pipefail
cd "$(dirname "$0")/.."
bash packaging/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DEVTX_WERROR=ON
cmake --build build --parallel
ctest --test-dir build --output-on-failure --parallel 2

if [ "${EVTX_SKIP_SANITIZERS:-0}" != 1 ]; then
    start=$SECONDS
    cmake -S . -B build-asan-ci -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DEVTX_SANITIZE=ON \
        -DEVTX_BUILD_VIEWER=OFF
    cmake --build build-asan-ci --parallel
    ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
        ctest --test-dir build-asan-ci -L '^(engine|cli)$' --output-on-failure --parallel 2
    # 50 seeded damaged copies of the shared samples (skipped without them).
    if command -v python3 >/dev/null; then
        python3 tests/mutate/mutate.py --evtxdump build-asan-ci/bin/evtxdump --count 50 --jobs 2
    fi
    echo "sanitizer stage: $((SECONDS - start)) s"
fi
