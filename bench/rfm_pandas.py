"""RFM with pandas, computed exactly as `clientele rfm` does, for the benchmark.

    python bench/rfm_pandas.py --orders FILE --as-of YYYY-MM-DD [--window-days N] [--out FILE]

Writes the same CSV as `clientele rfm` (to stdout, or to --out):
customer_id,recency_days,frequency,monetary,r,f,m,segment, sorted by customer_id,
monetary with two decimals. Prints its timings (read, compute, write) to stderr as
`timings: read=S compute=S write=S` (seconds).

The rules, from crates/cli/src/orders.rs and crates/core/src/segment/rfm.rs:
- the orders CSV has a header with customer_id, date, amount (any case) and an optional
  status; rows whose status is refunded, cancelled or canceled, or whose amount is
  negative, are not purchases; a date is its first ten characters (`2026-01-31` or
  `2026-01-31T08:05:00Z`), taken as written;
- only purchases on or before the as-of date (and inside the window) count;
- recency = days from the last purchase to the as-of date; frequency = distinct
  purchase days; monetary = total of the amounts;
- score = 1 + floor(5 * worse / n), worse = number of customers with a strictly worse
  value (for recency, more days is worse), n = number of customers;
- FM = ceil((F + M) / 2); segment = the default 5 x 5 map of SegmentMap::default().

One known difference: pandas sums each customer's amounts with compensated (Kahan)
summation, Rust in file order, so totals can differ in the last bits (on CDNOW, 2,816
of 23,570 totals do, by at most 2.4e-11). Printed with two decimals they are the same,
and no score changed on the benchmark's data; bench/rfm_compare.py would catch it.

The input is assumed well-formed (the benchmark's files are): unlike `clientele rfm`,
bad rows are not reported by line and column, but a bad date or amount still raises.
"""

import argparse
import sys
import time

import numpy as np
import pandas as pd

# SegmentMap::default() in crates/core/src/segment/rfm.rs: rows R = 1..5, columns FM = 1..5.
SEGMENT_MAP = [
    ["lost", "lost", "at_risk", "at_risk", "cant_lose_them"],
    ["hibernating", "hibernating", "at_risk", "at_risk", "cant_lose_them"],
    ["about_to_sleep", "about_to_sleep", "need_attention", "loyal", "loyal"],
    ["promising", "potential_loyalists", "potential_loyalists", "loyal", "loyal"],
    ["new", "potential_loyalists", "potential_loyalists", "champions", "champions"],
]

NOT_PURCHASES = ["refunded", "cancelled", "canceled"]


def columns(path):
    """The header names to read: customer_id, date, amount and status if present,
    matched like orders.rs does (trimmed, any case, a leading BOM ignored)."""
    with open(path, encoding="utf-8", newline="") as f:
        header = pd.read_csv(f, nrows=0, dtype=str).columns
    found = {}
    for name in header:
        key = name.strip().lstrip("\ufeff").lower()
        if key in ("customer_id", "date", "amount", "status") and key not in found:
            found[key] = name
    missing = [n for n in ("customer_id", "date", "amount") if n not in found]
    if missing:
        sys.exit(f"{path}: missing from the header: {', '.join(missing)}")
    return found


def read(path):
    cols = columns(path)
    df = pd.read_csv(
        path,
        usecols=list(cols.values()),
        # A status column holds a handful of values: categorical, so that cleaning it
        # up (strip, lower case) is done once per distinct value.
        dtype={cols[k]: str for k in ("customer_id", "date")}
        | {cols["amount"]: "float64"}
        | ({cols["status"]: "category"} if "status" in cols else {}),
        # No float_precision: pandas 3.1 deprecated it, all its modes now parse alike
        # (bench/rfm.sh checks the results against Rust's correctly rounded parse).
        keep_default_na=False,
        encoding="utf-8",
    )
    return df.rename(columns={v: k for k, v in cols.items()})


def quintiles(values, lower_is_better):
    """1 + floor(5 * worse / n): ties share the lower score of their group."""
    n = len(values)
    s = np.sort(values)
    if lower_is_better:
        worse = n - np.searchsorted(s, values, side="right")
    else:
        worse = np.searchsorted(s, values, side="left")
    return (1 + (5 * worse) // n).astype(np.int64)


def compute(df, as_of, window_days):
    # Customer ids are trimmed, as orders.rs does; done on the distinct ids only: factorize,
    # trim the uniques, factorize those again (" a" and "a" become one customer).
    codes, uniques = pd.factorize(df["customer_id"])
    trimmed_codes, names = pd.factorize(uniques.str.strip())
    customer = trimmed_codes[codes]
    # A date, or a date-time whose date is taken as written (as orders.rs does). Fast
    # path: ISO 8601 parsing, then the wall-clock date (tz_localize(None) drops a "Z" or
    # an offset without shifting). pandas refuses files mixing plain dates and
    # date-times with an offset, several offsets, or surrounding spaces: for those, the
    # first ten characters of each trimmed value (0.3 s more on a million rows).
    try:
        when = pd.to_datetime(df["date"], format="ISO8601")
        if when.dt.tz is not None:
            when = when.dt.tz_localize(None)
    except ValueError:
        when = pd.to_datetime(df["date"].str.strip().str.slice(0, 10), format="%Y-%m-%d")
    day = when.to_numpy().astype("datetime64[D]")
    amount = df["amount"].to_numpy()
    keep = (amount >= 0) & (day <= as_of)
    if window_days is not None:
        keep &= day > as_of - np.timedelta64(window_days, "D")
    if "status" in df.columns:
        status = df["status"].cat
        dropped = status.categories.str.strip().str.lower().isin(NOT_PURCHASES)
        keep &= ~dropped[status.codes.to_numpy()]
    p = pd.DataFrame({"customer": customer[keep], "day": day[keep], "amount": amount[keep]})
    g = p.groupby("customer", sort=False)
    last = g["day"].max()
    out = pd.DataFrame(
        {
            "recency_days": (as_of - last.to_numpy().astype("datetime64[D]")).astype(np.int64),
            "frequency": g["day"].nunique(),
            "monetary": g["amount"].sum(),
        },
        index=last.index,
    )
    out.index = pd.Index(np.asarray(names)[out.index.to_numpy()], name="customer_id")
    out = out.sort_index()
    if len(out) == 0:
        for c in ("r", "f", "m", "segment"):
            out[c] = []
        return out
    out["r"] = quintiles(out["recency_days"].to_numpy(), lower_is_better=True)
    out["f"] = quintiles(out["frequency"].to_numpy(), lower_is_better=False)
    out["m"] = quintiles(out["monetary"].to_numpy(), lower_is_better=False)
    fm = (out["f"].to_numpy() + out["m"].to_numpy() + 1) // 2
    cells = np.array(SEGMENT_MAP, dtype=object)
    out["segment"] = cells[out["r"].to_numpy() - 1, fm - 1]
    return out


def main():
    a = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    a.add_argument("--orders", required=True)
    a.add_argument("--as-of", required=True)
    a.add_argument("--window-days", type=int)
    a.add_argument("--out", help="output file (default: stdout)")
    args = a.parse_args()
    as_of = np.datetime64(args.as_of, "D")

    t0 = time.perf_counter()
    df = read(args.orders)
    t1 = time.perf_counter()
    out = compute(df, as_of, args.window_days)
    t2 = time.perf_counter()
    dest = args.out if args.out else sys.stdout
    out.reset_index().to_csv(dest, index=False, float_format="%.2f", lineterminator="\n")
    if not args.out:
        sys.stdout.flush()
    t3 = time.perf_counter()
    print(
        f"timings: read={t1 - t0:.3f} compute={t2 - t1:.3f} write={t3 - t2:.3f}"
        f" rows={len(df)} customers={len(out)}",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
