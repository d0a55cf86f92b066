#!/usr/bin/env bash
# Native import benchmark: 1,000,000 order rows (about 50 MB) parsed, then planned.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo run --release -q -p clientele-core --example import_bench -- "${1:-1000000}"
