"""BG/NBD and Gamma-Gamma fitted by lifetimes, as `clientele clv --unit weeks` fits them.

    python bench/clv_lifetimes.py ORDERS.csv CALIBRATION_END RUNS

ORDERS.csv: customer_id,date,amount (as bench/cdnow.py writes). The summary is
lifetimes' summary_data_from_transaction_data of the purchases up to the calibration
end, with daily periods (frequency = purchase days after the first, same-day
purchases summed), recency and T divided by 7; Gamma-Gamma on the customers with a
repeat purchase worth more than 0. Prints one JSON object: the parameters, the BG/NBD
log-likelihood of the data (summed, in weeks), and the best of RUNS wall times of the
two fits (seconds) and of building the summary.
"""

import json
import sys
import time

import numpy as np
import pandas as pd
from lifetimes import BetaGeoFitter, GammaGammaFitter
from lifetimes.utils import summary_data_from_transaction_data


def best(runs, f):
    times, value = [], None
    for _ in range(runs):
        t = time.perf_counter()
        value = f()
        times.append(time.perf_counter() - t)
    return min(times), value


def main():
    orders, end, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
    d = pd.read_csv(orders, dtype={"customer_id": str}, parse_dates=["date"])

    def summary():
        cal = d[d["date"] <= end]
        return summary_data_from_transaction_data(
            cal, "customer_id", "date", monetary_value_col="amount",
            observation_period_end=end, freq="D")

    summary_s, s = best(runs, summary)
    x, tx, big_t = s["frequency"], s["recency"] / 7, s["T"] / 7
    # As clientele: repeat buyers whose repeat purchases are worth more than 0 (CDNOW
    # has purchases of $0).
    repeat = s[(s["frequency"] > 0) & (s["monetary_value"] > 0)]

    def fit():
        bgf = BetaGeoFitter(penalizer_coef=0.0).fit(x, tx, big_t)
        ggf = GammaGammaFitter(penalizer_coef=0.0).fit(repeat["frequency"], repeat["monetary_value"])
        return bgf, ggf

    fit_s, (bgf, ggf) = best(runs, fit)
    p, g = bgf.params_, ggf.params_
    # The data's summed log-likelihood at the fitted parameters, in weeks (lifetimes'
    # own _negative_log_likelihood_ is a mean per customer on internally rescaled
    # times, not comparable).
    log_likelihood = -len(s) * BetaGeoFitter._negative_log_likelihood(
        np.log([p["r"], p["alpha"], p["a"], p["b"]]),
        x.to_numpy(), tx.to_numpy(), big_t.to_numpy(), np.ones(len(s)), 0.0)
    print(json.dumps({
        "customers": len(s), "repeat_buyers": len(repeat),
        "bgnbd": {"r": p["r"], "alpha": p["alpha"], "a": p["a"], "b": p["b"],
                  "log_likelihood": log_likelihood},
        "gamma_gamma": {"p": g["p"], "q": g["q"], "v": g["v"]},
        "fit_seconds": fit_s, "summary_seconds": summary_s,
    }))


if __name__ == "__main__":
    main()
