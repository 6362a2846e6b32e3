#!/usr/bin/env bash
# Installs what the build needs, configures a Release build, builds
# everything and runs the whole test suite with CTest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash packaging/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DEVTX_WERROR=ON
cmake --build build --parallel
ctest --test-dir build --output-on-failure --parallel 2
