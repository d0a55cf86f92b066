"""Checks that two `rfm` CSV outputs hold the same results.

    python bench/rfm_compare.py CLIENTELE.csv PANDAS.csv

Both are sorted by customer_id, then compared row by row: every column exactly,
except monetary, where numbers within 1e-6 relative (formatting) are equal. Prints
one line; on any difference prints the first ones and exits with status 1.
"""

import csv
import sys

HEADER = ["customer_id", "recency_days", "frequency", "monetary", "r", "f", "m", "segment"]


def rows(path):
    with open(path, encoding="utf-8", newline="") as f:
        r = csv.reader(f)
        header = next(r, None)
        if header != HEADER:
            fail(f"{path}: header {header}, expected {HEADER}")
        out = sorted(r, key=lambda row: row[0])
    for i, row in enumerate(out):
        if len(row) != len(HEADER):
            fail(f"{path}: {len(row)} fields in {row}")
        if i and row[0] == out[i - 1][0]:
            fail(f"{path}: customer {row[0]} twice")
    return out


def fail(message):
    print(f"MISMATCH: {message}", file=sys.stderr)
    sys.exit(1)


def same_money(a, b):
    x, y = float(a), float(b)
    return x == y or abs(x - y) <= 1e-6 * max(abs(x), abs(y))


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__.strip().splitlines()[2].strip())
    a_path, b_path = sys.argv[1:]
    a, b = rows(a_path), rows(b_path)
    problems = []
    if len(a) != len(b):
        problems.append(f"{len(a)} rows in {a_path}, {len(b)} in {b_path}")
    ids_a, ids_b = {r[0] for r in a}, {r[0] for r in b}
    for c in sorted(ids_a - ids_b)[:5]:
        problems.append(f"customer {c} only in {a_path}")
    for c in sorted(ids_b - ids_a)[:5]:
        problems.append(f"customer {c} only in {b_path}")
    differing = 0
    by_id = {r[0]: r for r in b}
    for ra in a:
        rb = by_id.get(ra[0])
        if rb is None:
            continue  # reported above
        cols = [
            name
            for i, name in enumerate(HEADER)
            if not (same_money(ra[i], rb[i]) if name == "monetary" else ra[i] == rb[i])
        ]
        if cols:
            differing += 1
            if differing <= 10:
                problems.append(f"customer {ra[0]}: {', '.join(cols)} differ: {ra} vs {rb}")
    if differing:
        problems.append(f"{differing} customers differ in all")
    if problems:
        fail("\n  ".join([f"{a_path} vs {b_path}"] + problems))
    print(f"same results: {len(a)} customers, every column equal (monetary within 1e-6 relative)")


if __name__ == "__main__":
    main()
