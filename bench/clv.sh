#!/usr/bin/env bash
# CLV benchmark: clientele's BG/NBD and Gamma-Gamma fit against the lifetimes package's
# on the CDNOW data set (from lifetimes; 23,570 customers), calibration to 1997-09-30,
# in weeks. Times both fits (clientele: crates/core/examples/clv_fit.rs, best of 5;
# lifetimes: bench/clv_lifetimes.py, best of 3), compares the seven parameters and
# fails loudly if any differs at 4 significant digits (relative difference > 5e-5).
# Then runs `clientele clv` end to end with a holdout to 1998-06-30 (best of 3), checks
# its parameters the same way and prints its holdout check. Prints plain lines to paste
# into bench/RESULTS.md.
#
# Needs python3 (3.11) with venv and pip, and cargo. Creates bench/.venv on first run
# (as bench/rfm.sh); data and outputs go to bench/out/clv. Set CARGO_TARGET_DIR to
# build elsewhere.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/common.sh

CAL_END=1997-09-30
HOLDOUT_END=1998-06-30 # CDNOW's last purchase
RUNS=5                 # clientele fit
PY_RUNS=3              # lifetimes fit
CLI_RUNS=3             # clientele clv end to end
TOLERANCE=5e-5         # relative: parameters must agree at 4 significant digits

OUT=bench/out/clv
TARGET=${CARGO_TARGET_DIR:-$PWD/target}
CLIENTELE=$TARGET/release/clientele
ORDERS=$OUT/cdnow.csv
mkdir -p "$OUT"

machine

python_env
echo "python: $("$PY" -c 'import platform, pandas, numpy, scipy, lifetimes; print(platform.python_version() + ", pandas " + pandas.__version__ + ", numpy " + numpy.__version__ + ", scipy " + scipy.__version__ + ", lifetimes " + lifetimes.__version__)')"

cargo build --quiet --release -p clientele-cli
cargo build --quiet --release -p clientele-core --example clv_fit
echo "clientele: release build of $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- crates || echo ' + uncommitted changes in crates/')"

"$PY" bench/cdnow.py "$ORDERS" 2>&1


cargo run --release -q -p clientele-core --example clv_fit -- "$ORDERS" "$CAL_END" "$RUNS" >"$OUT/clientele_fit.json" ||
  { echo "FAILED: examples/clv_fit on $ORDERS" >&2; exit 1; }
"$PY" bench/clv_lifetimes.py "$ORDERS" "$CAL_END" "$PY_RUNS" >"$OUT/lifetimes_fit.json" ||
  { echo "FAILED: bench/clv_lifetimes.py on $ORDERS" >&2; exit 1; }

cli=()
for ((i = 0; i < CLI_RUNS; i++)); do
  t0=$EPOCHREALTIME
  "$CLIENTELE" clv --orders "$ORDERS" --calibration-end "$CAL_END" --holdout-end "$HOLDOUT_END" \
    --unit weeks --format json >"$OUT/cdnow_clv.json" ||
    { echo "FAILED: clientele clv on $ORDERS" >&2; exit 1; }
  t1=$EPOCHREALTIME
  cli+=("$(secs "$t0" "$t1")")
done

echo "== clv, cdnow: $ORDERS, calibration to $CAL_END, in weeks"
# Prints the comparison; exits 1 if a parameter differs at 4 significant digits.
"$PY" - "$OUT/clientele_fit.json" "$OUT/lifetimes_fit.json" "$OUT/cdnow_clv.json" \
  "$TOLERANCE" "$RUNS" "$PY_RUNS" "$(min "${cli[@]}")" "${cli[*]}" "$HOLDOUT_END" <<'EOF'
import json, math, sys

rust_path, py_path, cli_path, tol, runs, py_runs, cli_best, cli_runs, holdout_end = sys.argv[1:]
rust, py, cli = (json.load(open(p)) for p in (rust_path, py_path, cli_path))
tol = float(tol)
names = [("bgnbd", k) for k in ("r", "alpha", "a", "b")] + [("gamma_gamma", k) for k in ("p", "q", "v")]

def digits(a, b):
    """Significant digits a and b agree to: n when |a - b| / max(|a|, |b|) <= 5e-(n+1)."""
    rel = abs(a - b) / max(abs(a), abs(b))
    return rel, (15 if rel == 0 else max(0, min(15, math.floor(math.log10(0.5 / rel)))))

print(f"customers: {rust['customers']} (lifetimes: {py['customers']}), repeat buyers: {py['repeat_buyers']}")
print(f"clientele fit (BG/NBD + Gamma-Gamma), best of {runs}: {rust['fit_seconds'] * 1000:.2f} ms "
      f"({rust['bgnbd']['iterations']} + {rust['gamma_gamma']['iterations']} iterations); summaries {rust['summary_seconds'] * 1000:.2f} ms")
print(f"lifetimes fit (BG/NBD + Gamma-Gamma), best of {py_runs}: {py['fit_seconds'] * 1000:.2f} ms; summaries {py['summary_seconds'] * 1000:.2f} ms")
print(f"ratio, lifetimes fit / clientele fit: {py['fit_seconds'] / rust['fit_seconds']:.1f}x")
bad = []
for model, k in names:
    a, b = rust[model][k], py[model][k]
    rel, n = digits(a, b)
    print(f"{k}: clientele {a:.10g}, lifetimes {b:.10g}: {n} significant digits agree (relative difference {rel:.1e})")
    if rel > tol:
        bad.append(f"{k} (clientele {a!r}, lifetimes {b!r})")
    c = cli[model][k]
    rel_cli = abs(c - b) / max(abs(c), abs(b))
    if rel_cli > tol:
        bad.append(f"{k} of clientele clv (clientele clv {c!r}, lifetimes {b!r})")
ll_cli, ll_py = cli["bgnbd"]["log_likelihood"], py["bgnbd"]["log_likelihood"]
print(f"BG/NBD log-likelihood: clientele clv {ll_cli:.6f}, lifetimes {ll_py:.6f} (difference {ll_cli - ll_py:.2e})")
print(f"clientele clv end to end (read, summaries, fit, {len(cli['customers'])} customers' predictions, JSON), "
      f"holdout to {holdout_end}, best of {len(cli_runs.split())}: {cli_best} s (runs: {cli_runs})")
print("holdout check (clientele clv): calibration frequency, customers, mean holdout purchases predicted, actual")
for r in cli["holdout"]:
    f = f"{r['frequency']}+" if r["and_more"] else str(r["frequency"])
    print(f"  {f}: {r['customers']} customers, predicted {r['predicted']:.3f}, actual {r['actual']:.3f}")
if bad:
    print("FAILED: clientele and lifetimes disagree at 4 significant digits: " + "; ".join(bad), file=sys.stderr)
    sys.exit(1)
print("check: every parameter of clientele (fit and clv) agrees with lifetimes at 4 significant digits or more")
EOF

# WASM: the same fit in the app (dist/, as `make dist` builds it), in headless
# Chromium, on the orders a user can import: the app refuses an order of 0 without
# items, so CDNOW's 80 purchases of $0 are left out of the file, and lifetimes is run
# again on that same file. Each purchase gets an order number (its line), as a shop's
# export has: without one, the app takes a second order of the same customer, minute
# and total for the first imported twice (CDNOW repeats 255 such lines).
if [[ ! -f dist/index.html ]]; then
  echo "FAILED: no dist/: run make dist (or make bench) first" >&2
  exit 1
fi
PAID=$OUT/cdnow_paid.csv
"$PY" - "$ORDERS" "$PAID" <<'EOF_PY'
import csv, sys
src, dst = sys.argv[1:]
with open(src, newline="") as f, open(dst, "w", newline="") as g:
    r, w = csv.reader(f), csv.writer(g, lineterminator="\n")
    w.writerow(["order_id"] + next(r))
    w.writerows([str(i)] + row for i, row in enumerate(r, 1) if float(row[2]) > 0)
EOF_PY
"$PY" bench/clv_lifetimes.py "$PAID" "$CAL_END" "$PY_RUNS" >"$OUT/lifetimes_paid.json" ||
  { echo "FAILED: bench/clv_lifetimes.py on $PAID" >&2; exit 1; }
node bench/clv_wasm.mjs "$PAID" "$CAL_END" "$HOLDOUT_END" "$RUNS" >"$OUT/wasm_fit.json" ||
  { echo "FAILED: bench/clv_wasm.mjs on $PAID" >&2; exit 1; }
echo "== clv in WASM (the app in $(chromium --version 2>/dev/null | head -1 || echo Chromium)), $PAID: CDNOW without its \$0 purchases, calibration to $CAL_END"
"$PY" - "$OUT/wasm_fit.json" "$OUT/lifetimes_paid.json" "$TOLERANCE" "$RUNS" "$PY_RUNS" <<'EOF_PY'
import json, sys
wasm_path, py_path, tol, runs, py_runs = sys.argv[1:]
wasm, py = json.load(open(wasm_path)), json.load(open(py_path))
tol = float(tol)
print(f"customers: app {wasm['customers']}, lifetimes {py['customers']}; repeat buyers: app {wasm['repeat_buyers']}, lifetimes {py['repeat_buyers']}")
launches = "; ".join(", ".join(f"{t:.1f}" for t in runs_) for runs_ in wasm["fit_ms"])
print(f"app fit in WASM (BG/NBD + Gamma-Gamma, the app's measure clientele:model-fit), best of {runs} in each of {len(wasm['fit_ms'])} browser launches: "
      f"{wasm['fit_ms_best']:.1f} ms; best per launch {', '.join(f'{t:.1f}' for t in wasm['fit_ms_launch_best'])} (runs: {launches})")
print(f"lifetimes fit, best of {py_runs}: {py['fit_seconds'] * 1000:.2f} ms")
worst = max(wasm["fit_ms_launch_best"])
print(f"ratio, lifetimes fit / WASM fit: {py['fit_seconds'] * 1000 / wasm['fit_ms_best']:.1f}x (slowest launch: {py['fit_seconds'] * 1000 / worst:.1f}x)")
print(f"holdout check in the app: {wasm['holdout']}")
# The app works in days: its alpha is 7 times the alpha in weeks. The page shows six
# significant digits.
ours = dict(wasm["bgnbd"], **wasm["gamma_gamma"])
ours["alpha"] = ours.pop("alpha_days") / 7
bad = [] if wasm["customers"] == py["customers"] and not wasm["page_errors"] else [f"customers or page errors: {wasm['customers']}, {wasm['page_errors']}"]
for model, keys in (("bgnbd", ("r", "alpha", "a", "b")), ("gamma_gamma", ("p", "q", "v"))):
    for k in keys:
        a, b = ours[k], py[model][k]
        rel = abs(a - b) / max(abs(a), abs(b))
        print(f"{k}: app {a:.6g}, lifetimes {b:.10g} (relative difference {rel:.1e})")
        if rel > tol:
            bad.append(f"{k} (app {a!r}, lifetimes {b!r})")
if bad:
    print("FAILED: the app's fit and lifetimes disagree: " + "; ".join(bad), file=sys.stderr)
    sys.exit(1)
print("check: every parameter the app shows agrees with lifetimes at 4 significant digits")
EOF_PY
