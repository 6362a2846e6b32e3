#!/usr/bin/env bash
# Installs what the build needs, builds everything and opens a sample log.
# Opens samples/demo.evtx in the viewer unless another file is named.
set -euo pipefail
cd "$(dirname "$0")/.."
bash packaging/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release
cmake --build build --parallel
sample=${1:-}
if [ -z "$sample" ] && [ -f samples/demo.evtx ]; then
  sample=samples/demo.evtx
fi
if [ -z "$sample" ]; then
  sample=$(ls samples/*.evtx 2>/dev/null | head -n 1 || true)
fi
if [ -z "$sample" ] && [ -d ../shared/evtx-samples ]; then
  sample=../shared/evtx-samples/security.evtx
fi
if [ -x build/bin/evtxview ]; then
  exec build/bin/evtxview ${sample:+"$sample"}
fi
if [ -n "$sample" ]; then
  build/bin/evtxdump -o xml "$sample" | head -n 60
else
  echo "built build/bin/evtxdump; pass an .evtx file to open it"
fi
