//! `clientele clv`: BG/NBD and Gamma-Gamma fitted to an orders file, and what they say
//! of each customer (P(alive), purchases to expect, spend, lifetime value, churn risk).

use crate::{day_arg, orders, CliError};
use clientele_core::clv::observe::{observe_all, Periods, Unit};
use clientele_core::clv::predict::{holdout_check, Horizon, Models};
use lexopt::ValueExt;
use serde_json::{json, Value};
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
        purchases.into_iter().map(|p| (p.customer, p.day, p.amount)),
        &periods,
    );
    let observed: Vec<_> = customers.iter().map(|(_, o)| *o).collect();
    let models = Models::fit(&observed, unit).map_err(|e| CliError {
        message: format!("{}: cannot fit the models: {e}", file.display()),
        code: 2,
    })?;
    crate::emit(&report(&models, &customers, &periods, &horizon))?;
    Ok(())
}

/// The whole JSON report, built before anything is printed.
fn report(
    models: &Models,
    customers: &[(String, clientele_core::clv::observe::Observed)],
    periods: &Periods,
    horizon: &Horizon,
) -> String {
    let (bg, fit) = (models.bgnbd.model, models.gamma_gamma.model);
    let holdout = periods.holdout_end.is_some();
    let rows: Vec<Value> = customers
        .iter()
        .map(|(id, o)| {
            let s = o.summary;
            let p = models.predict(o, horizon);
            let mut row = json!({
                "customer_id": id,
                "frequency": s.frequency,
                "recency": s.recency,
                "T": s.age,
                "p_alive": p.map(|p| p.p_alive),
                "expected_purchases": p.map(|p| p.expected_purchases),
                "expected_avg_spend": p.map(|p| p.expected_spend),
                "clv": p.map(|p| p.clv),
                "churn_risk": p.map(|p| p.risk.code()),
            });
            if holdout {
                row["holdout_purchases"] = json!(o.holdout);
            }
            row
        })
        .collect();
    let mut out = json!({
        "unit": match periods.unit { Unit::Days => "days", Unit::Weeks => "weeks" },
        "calibration_end": periods.calibration_end.iso(),
        "horizon_days": horizon.days,
        "discount_rate": horizon.monthly_discount,
        "bgnbd": {
            "r": bg.r, "alpha": bg.alpha, "a": bg.a, "b": bg.b,
            "log_likelihood": models.bgnbd.log_likelihood,
        },
        "gamma_gamma": {
            "p": fit.p, "q": fit.q, "v": fit.v,
            "log_likelihood": models.gamma_gamma.log_likelihood,
        },
        "customers": rows,
    });
    if let Some(end) = periods.holdout_end {
        let observed: Vec<_> = customers.iter().map(|(_, o)| *o).collect();
        let check = holdout_check(&bg, &observed, periods.holdout_length(), HOLDOUT_ROWS);
        out["holdout_end"] = json!(end.iso());
        out["holdout"] = check
            .iter()
            .map(|r| {
                json!({
                    "frequency": r.frequency,
                    "and_more": r.frequency == HOLDOUT_ROWS,
                    "customers": r.customers,
                    "predicted": r.predicted,
                    "actual": r.actual,
                })
            })
            .collect();
    }
    serde_json::to_string_pretty(&out).expect("JSON of plain values") + "\n"
}
