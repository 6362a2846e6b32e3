#!/usr/bin/env bash
# Ablation of the speed work in PERF.md: builds evtxdump from HEAD with one
# optimisation taken out at a time (a revert or a switch) in a scratch
# worktree, and reports callgrind instruction counts for W1 (and XML, mixed)
# next to the full build. Instruction counts are repeatable on a noisy
# machine; run bench/run-bench.sh for wall times.
#
#   bench/ablation.sh [WORKDIR]        (default /tmp/evtx-ablation)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
shared=${EVTX_SHARED_DIR:-$root/../shared}
work=${1:-/tmp/evtx-ablation}
mkdir -p "$work"

# name|how: "revert <commit>", "flags <cmake cxx flags>" or "patch <file>|<sed script>"
variants=(
  "full|none"
  "no compiled shapes (H1)|patch engine/src/compile/record_renderer.cpp|s/if (!buildShapeKey(tree, key_)) return renderDirect/if (true) return renderDirect/"
  "no SIMD text (H2, H5)|flags -DEVTX_NO_SIMD"
  "no template reuse across chunks (H3)|revert 71545bf"
  "stdio output copy (H7)|revert c6a498d"
  "byte-wise definition hash (H8)|revert e830bdf"
  "old value loop (H9)|revert e8b7c28"
  "8-unit lane-wise transcoding (H11)|revert 2de4741"
  "shape key from a second pass (H12)|revert adb7d85"
  "type switch per slot (H13)|patch engine/src/compile/record_renderer.cpp|s/    if (s.item >= 0) return SlotWriter::Generic;/    if (s.item >= 0 || true) return SlotWriter::Generic;/"
  "fragment costs allocated per record (H14)|revert 138324f"
  "names decoded per record (H15)|revert 4d41ce3"
  "1 KB raw-name limit for shapes (H16)|patch engine/src/compile/record_shape.cpp|s/kMaxRawText = 4096/kMaxRawText = 1024/"
  "integers through std::to_chars, out of line (H18)|revert f70e1c9"
)

count() { # binary args... -> instruction count
  valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null |
    awk '/Collected/ { gsub(",", "", $4); print $4 }'
}

printf '%-40s %14s %14s %14s\n' variant "W1 security" "XML security" "W1 mixed"
for v in "${variants[@]}"; do
  name=${v%%|*}
  how=${v#*|}
  tree=$work/tree
  rm -rf "$tree"
  git -C "$root" worktree prune
  git -C "$root" worktree add -f --detach "$tree" HEAD >/dev/null 2>&1
  flags=
  case $how in
    none) ;;
    revert*) git -C "$tree" revert --no-commit "${how#revert }" >/dev/null 2>&1 ||
               { echo "$name: revert conflicts, skipped"; continue; } ;;
    flags*) flags=${how#flags } ;;
    patch*) spec=${how#patch }; sed -i "${spec#*|}" "$tree/${spec%%|*}" ;;
  esac
  cmake -S "$tree" -B "$tree/build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DEVTX_BUILD_TESTS=OFF \
    -DEVTX_BUILD_VIEWER=OFF -DCMAKE_CXX_FLAGS="$flags" >/dev/null
  cmake --build "$tree/build" --target evtxdump >/dev/null
  bin=$tree/build/bin/evtxdump
  w1=$(count "$bin" -t 1 -o jsonl "$shared/bench/security-32mb.evtx")
  xml=$(count "$bin" -t 1 -o xml "$shared/bench/security-32mb.evtx")
  mixed=$(count "$bin" -t 1 -o jsonl "$shared/bench/mixed-32mb.evtx")
  printf '%-40s %14s %14s %14s\n' "$name" "$w1" "$xml" "$mixed"
done
git -C "$root" worktree remove --force "$work/tree" 2>/dev/null || true
