#!/usr/bin/env bash
# Runs the benchmarks and prints their results (record them in bench/RESULTS.md with
# the date and machine). Expects dist/ built (make bench does it). The RFM benchmark
# (bench/rfm.sh) builds the CLI itself and sets up its Python venv in bench/.venv; the
# CLV benchmark (bench/clv.sh) uses the same venv.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/common.sh
machine
echo "chromium: $(/usr/bin/chromium --version 2>/dev/null || echo unknown)"
echo "== browser, 1,000 customers (reference scale)"
node bench/browser.mjs 1000
echo "== browser, 100,000 customers"
node bench/browser.mjs 100000
echo "== rfm: clientele rfm vs pandas (demo orders, 100,000 customers, and CDNOW)"
bash bench/rfm.sh
echo "== clv: BG/NBD and Gamma-Gamma fit vs lifetimes (CDNOW), and clientele clv end to end"
bash bench/clv.sh
echo "== native segments benchmark"
bash bench/segments.sh 100000
echo "== native import, 1,000,000 order rows"
bash bench/import.sh 1000000
echo "== browser import, 1,000,000 order rows"
node bench/import.mjs 1000000
