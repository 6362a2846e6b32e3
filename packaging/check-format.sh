#!/usr/bin/env bash
# Fails when a tracked C++ file differs from what clang-format (.clang-format)
# makes of it; prints the files. Run from anywhere.
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t files < <(git ls-files '*.cpp' '*.hpp' '*.h')
if ! clang-format --dry-run --Werror "${files[@]}" 2>/tmp/clang-format-check.$$; then
    grep -oE '^[^ :]+\.(cpp|hpp|h):' /tmp/clang-format-check.$$ | tr -d ':' | sort -u |
        sed 's/^/not clang-formatted: /'
    rm -f /tmp/clang-format-check.$$
    echo "check-format: run clang-format -i on the files above" >&2
    exit 1
fi
rm -f /tmp/clang-format-check.$$
echo "check-format: ${#files[@]} files clean"
