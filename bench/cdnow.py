"""Writes the CDNOW data set shipped in the `lifetimes` package as an orders CSV.

    python bench/cdnow.py OUT.csv

CDNOW_master.txt (in lifetimes/datasets/) has one purchase per line, whitespace
separated: customer id (zero-padded), date YYYYMMDD, number of CDs, dollar value;
69,659 purchases of 23,570 customers from 1997-01-01 to 1998-06-30. The output is
`customer_id,date,amount` with ISO dates and the dollar value as written, which
`clientele rfm` reads.

The file is found without importing lifetimes (its import needs scipy and autograd,
and recent lifetimes releases do not import cleanly with every pandas).
"""

import importlib.util
import os
import sys


def master_file():
    spec = importlib.util.find_spec("lifetimes")
    if spec is None or not spec.submodule_search_locations:
        sys.exit("cdnow.py: the lifetimes package is not installed")
    for d in spec.submodule_search_locations:
        p = os.path.join(d, "datasets", "CDNOW_master.txt")
        if os.path.exists(p):
            return p
    sys.exit("cdnow.py: no datasets/CDNOW_master.txt in the lifetimes package")


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__.strip().splitlines()[2].strip())
    src, out = master_file(), sys.argv[1]
    rows, customers = 0, set()
    tmp = out + ".partial"
    with open(src, encoding="ascii") as f, open(tmp, "w", encoding="ascii", newline="") as w:
        header = f.readline().split()
        if header != ["customer_id", "date", "number_of_cds", "dollar_value"]:
            sys.exit(f"cdnow.py: unexpected header in {src}: {header}")
        w.write("customer_id,date,amount\n")
        for n, line in enumerate(f, start=2):
            parts = line.split()
            if not parts:
                continue
            if len(parts) != 4 or len(parts[1]) != 8 or not parts[1].isdigit():
                sys.exit(f"cdnow.py: {src}: line {n}: unexpected {line!r}")
            cid, d, _cds, dollars = parts
            float(dollars)  # a number, or fail here
            w.write(f"{cid},{d[:4]}-{d[4:6]}-{d[6:]},{dollars}\n")
            rows += 1
            customers.add(cid)
    os.replace(tmp, out)
    print(f"cdnow: {rows} purchases of {len(customers)} customers from {src} to {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
