#!/usr/bin/env bash
# RFM benchmark: `clientele rfm` against the same computation in pandas
# (bench/rfm_pandas.py), on the demo orders (100,000 customers, seed 1) and on the
# CDNOW data set (from the lifetimes package). Times both end to end, best of 3, and
# pandas' compute step alone; checks both give the same results (bench/rfm_compare.py)
# and fails loudly if not. Prints plain lines to paste into bench/RESULTS.md.
#
# Needs python3 (3.11) with venv and pip, and cargo. Creates bench/.venv on first run;
# data and outputs go to bench/out/rfm. Set CARGO_TARGET_DIR to build elsewhere.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/common.sh

CUSTOMERS=100000
SEED=1
END=2026-11-25 # demo --end and the as-of date for the demo orders
CDNOW_AS_OF=1998-07-01 # the day after CDNOW's last purchase (1998-06-30)
RUNS=3

OUT=bench/out/rfm
TARGET=${CARGO_TARGET_DIR:-$PWD/target}
CLIENTELE=$TARGET/release/clientele
mkdir -p "$OUT"

machine

python_env
echo "python: $("$PY" -c 'import platform; print(platform.python_version())'), pandas $("$PY" -c 'import pandas; print(pandas.__version__)'), numpy $("$PY" -c 'import numpy; print(numpy.__version__)'), lifetimes $LIFETIMES (only its CDNOW file is used)"

cargo build --quiet --release -p clientele-cli
echo "clientele: release build of $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- crates || echo ' + uncommitted changes in crates/')"

# Generated every run (3 s): the same seed and end date give the same files.
DEMO=$OUT/demo-$CUSTOMERS-s$SEED-$END
echo "demo: $("$CLIENTELE" demo --customers "$CUSTOMERS" --seed "$SEED" --end "$END" --out "$DEMO")"
"$PY" bench/cdnow.py "$OUT/cdnow_orders.csv" 2>&1

# ratio A B: A / B, 2 decimals.
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

SUMMARY=()

# bench NAME ORDERS AS_OF: times both tools on ORDERS, compares, prints the lines.
bench() {
  local name=$1 orders=$2 as_of=$3 i t0 t1
  local rust=() pandas=() read=() compute=() write=()
  local rust_out=$OUT/${name}_clientele.csv pandas_out=$OUT/${name}_pandas.csv
  for ((i = 0; i < RUNS; i++)); do
    t0=$EPOCHREALTIME
    "$CLIENTELE" rfm --orders "$orders" --as-of "$as_of" >"$rust_out" ||
      { echo "FAILED: clientele rfm on $orders" >&2; exit 1; }
    t1=$EPOCHREALTIME
    rust+=("$(secs "$t0" "$t1")")
    t0=$EPOCHREALTIME
    if ! "$PY" bench/rfm_pandas.py --orders "$orders" --as-of "$as_of" >"$pandas_out" 2>"$OUT/${name}_pandas.timings"; then
      cat "$OUT/${name}_pandas.timings" >&2
      echo "FAILED: bench/rfm_pandas.py on $orders" >&2
      exit 1
    fi
    t1=$EPOCHREALTIME
    pandas+=("$(secs "$t0" "$t1")")
    # timings: read=S compute=S write=S rows=N customers=N
    read+=("$(grep -o 'read=[0-9.]*' "$OUT/${name}_pandas.timings" | cut -d= -f2)")
    compute+=("$(grep -o 'compute=[0-9.]*' "$OUT/${name}_pandas.timings" | cut -d= -f2)")
    write+=("$(grep -o 'write=[0-9.]*' "$OUT/${name}_pandas.timings" | cut -d= -f2)")
  done
  local rows customers
  rows=$(grep -o 'rows=[0-9]*' "$OUT/${name}_pandas.timings" | cut -d= -f2)
  customers=$(grep -o 'customers=[0-9]*' "$OUT/${name}_pandas.timings" | cut -d= -f2)
  local check
  if ! check=$("$PY" bench/rfm_compare.py "$rust_out" "$pandas_out"); then
    echo "FAILED: clientele rfm and pandas disagree on $name ($rust_out vs $pandas_out)" >&2
    exit 1
  fi
  if cmp -s "$rust_out" "$pandas_out"; then check="$check; the files are byte-identical"; fi
  local r p c
  r=$(min "${rust[@]}") p=$(min "${pandas[@]}") c=$(min "${compute[@]}")
  echo "== rfm, $name: $orders, as of $as_of: $rows order rows, $customers customers scored"
  echo "clientele rfm, end to end, best of $RUNS: $r s (runs: ${rust[*]})"
  echo "pandas, end to end (python start, imports, read, compute, write), best of $RUNS: $p s (runs: ${pandas[*]})"
  echo "pandas steps, best of $RUNS each: read $(min "${read[@]}") s, compute $c s, write $(min "${write[@]}") s"
  echo "ratio, pandas end to end / clientele end to end: $(ratio "$p" "$r")x"
  echo "ratio, pandas compute only / clientele end to end: $(ratio "$c" "$r")x"
  echo "check: $check"
  SUMMARY+=("| $name | $rows | $customers | $r s | $p s | $c s | $(ratio "$p" "$r")x | $(ratio "$c" "$r")x | yes |")
}

bench demo "$DEMO/orders.csv" "$END"
bench cdnow "$OUT/cdnow_orders.csv" "$CDNOW_AS_OF"

echo "== rfm summary (best of $RUNS; ratios are pandas time / clientele time)"
echo "| data | order rows | customers | clientele rfm, end to end | pandas, end to end | pandas, compute only | ratio end to end | ratio compute only / clientele end to end | same results |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"
printf '%s\n' "${SUMMARY[@]}"
