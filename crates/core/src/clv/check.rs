//! The model check: both models fitted to the purchases up to a calibration end, and
//! what BG/NBD predicted for the holdout period after it against what customers
//! bought then, by their repeat purchases before it (as the paper's figure 4).

use super::observe::{Observed, Periods};
use super::predict::{holdout_check, HoldoutRow, Models};
use super::FitError;

/// The last row of the check holds customers with this many repeat purchases or more.
pub const TOP: u32 = 7;

/// The models and how well they predicted the holdout period.
#[derive(Clone, Debug, PartialEq)]
pub struct Check {
    pub models: Models,
    /// Customers with a purchase by the calibration end whose prediction converged
    /// (the customers of the rows).
    pub customers: u32,
    /// Of them, those who bought again before it.
    pub repeat_buyers: u32,
    /// Rows by calibration repeat purchases 0, 1, … `TOP` and more.
    pub rows: Vec<HoldoutRow>,
    /// Purchase days in the holdout period, predicted and seen, over everyone.
    pub predicted: f64,
    pub actual: f64,
}

/// Fits the models to `observed` (over `periods`, with their holdout) and checks them.
pub fn check(observed: &[Observed], periods: &Periods) -> Result<Check, FitError> {
    Ok(check_with(
        Models::fit(observed, periods.unit)?,
        observed,
        periods,
    ))
}

/// Checks `models`, fitted to `observed` over `periods`.
pub fn check_with(models: Models, observed: &[Observed], periods: &Periods) -> Check {
    let rows = holdout_check(&models.bgnbd.model, observed, periods.holdout_length(), TOP);
    let total = |f: fn(&HoldoutRow) -> f64| {
        rows.iter()
            .map(|r| f(r) * f64::from(r.customers))
            .sum::<f64>()
    };
    Check {
        models,
        customers: rows.iter().map(|r| r.customers).sum(),
        repeat_buyers: observed
            .iter()
            .filter(|o| o.summary.frequency > 0.0)
            .count() as u32,
        predicted: total(|r| r.predicted),
        actual: total(|r| r.actual),
        rows,
    }
}
