//! `clientele clv`: BG/NBD and Gamma-Gamma fitted to an orders file, and what they say
//! of each customer (P(alive), purchases to expect, spend, lifetime value, churn risk).

use crate::{day_arg, json, orders, CliError};
use clientele_core::clv::observe::{observe_all, Observed, Periods, Unit};
use clientele_core::clv::predict::{holdout_check, Cache, Horizon, Models};
use lexopt::ValueExt;
use serde::Serialize;
use std::path::PathBuf;

/// Calibration frequencies shown one by one in the holdout check (then "and more").
const HOLDOUT_ROWS: u32 = 7;

fn number_arg(p: &mut lexopt::Parser, name: &str, ok: fn(f64) -> bool) -> Result<f64, CliError> {
    let v = p.value()?.string()?;
    v.parse::<f64>()
        .ok()
        .filter(|x| x.is_finite() && ok(*x))
        .ok_or_else(|| CliError::usage(format!("{name}: '{v}' is out of range")))
}

pub fn run(mut p: lexopt::Parser) -> Result<(), CliError> {
    use lexopt::Arg::*;
    let (mut file, mut calibration_end, mut holdout_end) = (None, None, None);
    let (mut unit, mut horizon) = (Unit::Days, Horizon::default());
    while let Some(arg) = p.next()? {
        match arg {
            Long("orders") => file = Some(PathBuf::from(p.value()?)),
            Long("calibration-end") => {
                calibration_end = Some(day_arg(&mut p, "--calibration-end")?)
            }
            Long("holdout-end") => holdout_end = Some(day_arg(&mut p, "--holdout-end")?),
            Long("unit") => {
                unit = match p.value()?.string()?.as_str() {
                    "days" => Unit::Days,
                    "weeks" => Unit::Weeks,
                    other => {
                        return Err(CliError::usage(format!(
                            "--unit: '{other}' is not days or weeks"
                        )))
                    }
                }
            }
            Long("horizon-days") => {
                horizon.days = number_arg(&mut p, "--horizon-days", |d| d > 0.0 && d <= 3650.0)?
            }
            Long("discount-rate") => {
                horizon.monthly_discount =
                    number_arg(&mut p, "--discount-rate", |r| (0.0..1.0).contains(&r))?
            }
            Long("format") => {
                let v = p.value()?.string()?;
                if v != "json" {
                    return Err(CliError::usage(format!("--format: '{v}' is not json")));
                }
            }
            other => return Err(other.unexpected().into()),
        }
    }
    let file = file.ok_or_else(|| CliError::usage("--orders is required"))?;
    let calibration_end =
        calibration_end.ok_or_else(|| CliError::usage("--calibration-end is required"))?;
    if holdout_end.is_some_and(|h| h <= calibration_end) {
        return Err(CliError::usage(
            "--holdout-end must be after --calibration-end",
        ));
    }
    let periods = Periods {
        calibration_end,
        holdout_end,
        unit,
    };
    let purchases = orders::read(&file)?;
    let customers = observe_all(
        purchases
            .list
            .into_iter()
            .map(|p| (p.customer, p.day, p.amount)),
        &periods,
    );
    let observed: Vec<_> = customers.iter().map(|(_, o)| *o).collect();
    let models = Models::fit(&observed, unit).map_err(|e| CliError {
        message: format!("{}: cannot fit the models: {e}", file.display()),
        code: 2,
    })?;
    let (r, rows) = report(
        &models,
        &purchases.ids,
        &customers,
        &observed,
        &periods,
        &horizon,
    )?;
    json::emit_spliced(&r, "customers", &rows)?;
    Ok(())
}

/// The report, typed and streamed to the output (no tree of values), its customers
/// written by the threads that predict them. Fields are in alphabetical order, as
/// the report has always listed them.
#[derive(Serialize)]
struct Report<'a> {
    bgnbd: BgNbdOut,
    calibration_end: String,
    customers: Vec<CustomerOut<'a>>,
    discount_rate: f64,
    gamma_gamma: GammaGammaOut,
    #[serde(skip_serializing_if = "Option::is_none")]
    holdout: Option<Vec<HoldoutOut>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    holdout_end: Option<String>,
    horizon_days: f64,
    unit: &'static str,
}

#[derive(Serialize)]
struct BgNbdOut {
    a: f64,
    alpha: f64,
    b: f64,
    log_likelihood: f64,
    r: f64,
}

#[derive(Serialize)]
struct GammaGammaOut {
    log_likelihood: f64,
    p: f64,
    q: f64,
    v: f64,
}

#[derive(Serialize)]
struct CustomerOut<'a> {
    #[serde(rename = "T")]
    age: f64,
    churn_risk: Option<&'static str>,
    clv: Option<f64>,
    customer_id: &'a str,
    expected_avg_spend: Option<f64>,
    expected_purchases: Option<f64>,
    frequency: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    holdout_purchases: Option<u32>,
    p_alive: Option<f64>,
    recency: f64,
}

#[derive(Serialize)]
struct HoldoutOut {
    actual: f64,
    and_more: bool,
    customers: u32,
    frequency: u32,
    predicted: f64,
}

fn report<'a>(
    models: &Models,
    ids: &'a [String],
    customers: &[(u32, Observed)],
    observed: &[Observed],
    periods: &Periods,
    horizon: &Horizon,
) -> Result<(Report<'a>, Vec<Vec<u8>>), CliError> {
    let (bg, fit) = (models.bgnbd.model, models.gamma_gamma.model);
    let holdout = periods.holdout_end.is_some();
    // Predictions in one thread per core (a slice of the customers each); customers
    // with the same summary share its outlook, computed once per thread.
    // Predictions in one thread per core (a slice of the customers each), written
    // out as JSON there; customers with the same summary share its outlook,
    // computed once per thread.
    let predict = |first: bool, slice: &[(u32, Observed)]| -> std::io::Result<Vec<u8>> {
        let mut cache = Cache::default();
        let mut out = Vec::with_capacity(slice.len() * 360);
        for (i, (id, o)) in slice.iter().enumerate() {
            let s = o.summary;
            let p = models.predict_in(o, horizon, &mut cache);
            let row = CustomerOut {
                age: s.age,
                churn_risk: p.map(|p| p.risk.code()),
                clv: p.map(|p| p.clv),
                customer_id: &ids[*id as usize],
                expected_avg_spend: p.map(|p| p.expected_spend),
                expected_purchases: p.map(|p| p.expected_purchases),
                frequency: s.frequency,
                holdout_purchases: holdout.then_some(o.holdout),
                p_alive: p.map(|p| p.p_alive),
                recency: s.recency,
            };
            json::push_item(&mut out, first && i == 0, &row)?;
        }
        Ok(out)
    };
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(4));
    let per = customers.len().div_ceil(threads).max(1);
    // The holdout check meanwhile, in a thread of its own.
    let (rows, check) = std::thread::scope(|scope| {
        let check = periods.holdout_end.map(|_| {
            scope.spawn(|| holdout_check(&bg, observed, periods.holdout_length(), HOLDOUT_ROWS))
        });
        let parts: Vec<_> = customers
            .chunks(per)
            .enumerate()
            .map(|(k, slice)| scope.spawn(move || predict(k == 0, slice)))
            .collect();
        let rows: std::io::Result<Vec<Vec<u8>>> = parts.into_iter().map(join).collect();
        (rows, check.map(join))
    });
    let rows = rows.map_err(|e| CliError::io("stdout", e))?;
    let check = check.map(|rows| {
        rows.iter()
            .map(|r| HoldoutOut {
                actual: r.actual,
                and_more: r.frequency == HOLDOUT_ROWS,
                customers: r.customers,
                frequency: r.frequency,
                predicted: r.predicted,
            })
            .collect()
    });
    let report = Report {
        bgnbd: BgNbdOut {
            a: bg.a,
            alpha: bg.alpha,
            b: bg.b,
            log_likelihood: models.bgnbd.log_likelihood,
            r: bg.r,
        },
        calibration_end: periods.calibration_end.iso(),
        customers: Vec::new(),
        discount_rate: horizon.monthly_discount,
        gamma_gamma: GammaGammaOut {
            log_likelihood: models.gamma_gamma.log_likelihood,
            p: fit.p,
            q: fit.q,
            v: fit.v,
        },
        holdout: check,
        holdout_end: periods.holdout_end.map(|d| d.iso()),
        horizon_days: horizon.days,
        unit: match periods.unit {
            Unit::Days => "days",
            Unit::Weeks => "weeks",
        },
    };
    Ok((report, rows))
}

/// A scoped thread's result; its panic goes on in the caller.
fn join<T>(h: std::thread::ScopedJoinHandle<'_, T>) -> T {
    h.join().unwrap_or_else(|e| std::panic::resume_unwind(e))
}
