//! Times the BG/NBD and Gamma-Gamma fit on an orders CSV (`customer_id,date,amount`, as
//! bench/cdnow.py writes), in weeks, as `clientele clv --unit weeks` fits them:
//!
//!     cargo run --release -p clientele-core --example clv_fit -- ORDERS.csv CAL_END RUNS
//!
//! Prints the best of RUNS wall times of building the summaries and of the fit, and the
//! parameters, as one JSON object (bench/clv.sh reads it).
#![allow(clippy::unwrap_used)] // a benchmark run by hand: a failure stops it with its line

use clientele_core::clv::observe::{observe_all, Periods, Unit};
use clientele_core::clv::predict::Models;
use clientele_core::time::Day;
use std::time::Instant;

fn best<T>(runs: usize, mut f: impl FnMut() -> T) -> (f64, T) {
    let mut out = None;
    let mut best = f64::INFINITY;
    for _ in 0..runs {
        let t = Instant::now();
        let v = f();
        best = best.min(t.elapsed().as_secs_f64());
        out = Some(v);
    }
    (best, out.expect("at least one run"))
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let [_, path, end, runs] = &args[..] else {
        panic!("usage: clv_fit ORDERS.csv CALIBRATION_END RUNS");
    };
    let end = Day::parse_iso(end).expect("CALIBRATION_END: YYYY-MM-DD");
    let runs: usize = runs.parse().expect("RUNS: a number");
    let text = std::fs::read_to_string(path).expect("readable orders file");
    let rows: Vec<(String, Day, f64)> = text
        .lines()
        .skip(1)
        .filter(|l| !l.is_empty())
        .map(|l| {
            let v: Vec<&str> = l.split(',').collect();
            let day = Day::parse_iso(v[1]).expect("ISO date");
            (v[0].to_string(), day, v[2].parse().expect("amount"))
        })
        .collect();
    let periods = Periods {
        calibration_end: end,
        holdout_end: None,
        unit: Unit::Weeks,
    };
    let (summary_s, customers) = best(runs, || observe_all(rows.iter().cloned(), &periods));
    let observed: Vec<_> = customers.iter().map(|(_, o)| *o).collect();
    let (fit_s, models) = best(runs, || Models::fit(&observed, Unit::Weeks).expect("a fit"));
    let (bg, gg) = (models.bgnbd.model, models.gamma_gamma.model);
    println!(
        "{{\"customers\": {}, \"bgnbd\": {{\"r\": {}, \"alpha\": {}, \"a\": {}, \"b\": {}, \"iterations\": {}}}, \"gamma_gamma\": {{\"p\": {}, \"q\": {}, \"v\": {}, \"iterations\": {}}}, \"fit_seconds\": {fit_s}, \"summary_seconds\": {summary_s}}}",
        observed.len(), bg.r, bg.alpha, bg.a, bg.b, models.bgnbd.iterations, gg.p, gg.q, gg.v, models.gamma_gamma.iterations
    );
}
