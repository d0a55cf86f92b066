# Shared by the benchmark scripts (sourced from the repository's root): the machine
# line, the Python venv with its pinned packages, and timing helpers.

PANDAS=3.1.1
NUMPY=2.4.6
LIFETIMES=0.11.3
PY=bench/.venv/bin/python

# machine: the line that says where the numbers were measured.
machine() {
  echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
}

# python_env: bench/.venv (created on first use) with the pinned packages.
python_env() {
  if [ ! -x "$PY" ]; then
    python3 -m venv bench/.venv
  fi
  "$PY" -m pip install --quiet --disable-pip-version-check \
    "pandas==$PANDAS" "numpy==$NUMPY" "lifetimes==$LIFETIMES"
}

# secs START END: seconds between two $EPOCHREALTIME readings, 3 decimals.
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }
# min A B...: the smallest number.
min() { printf '%s\n' "$@" | sort -g | head -1; }
