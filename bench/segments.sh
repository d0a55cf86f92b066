#!/usr/bin/env bash
# Native benchmark of the full analysis (RFM, segments, stages, grid) and four saved
# segments over demo data (100,000 customers, ~1M orders, seed 1). Compare with the
# pandas compute time printed by bench/rfm.sh in the same run.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo run --quiet --release -p clientele-core --example segments_bench -- "${1:-100000}"
