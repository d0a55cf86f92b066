//! From a customer's purchases to what the models read: the calibration summary
//! (frequency, recency, age), the spend of their repeat purchases, and their purchases
//! in a holdout period after the calibration end.
//!
//! Purchases are counted by day: several on one day are one purchase of their summed
//! value. Frequency is the number of purchase days after the first, recency the days
//! from the first purchase to the last, age (T) the days from the first purchase to
//! the end of the calibration period (which is included in it). In weeks, days / 7.

use super::gamma_gamma::Spend;
use super::Summary;
use crate::time::Day;

/// The time unit of summaries. Predictions do not depend on it (the model's α scales
/// with the unit); it changes the numbers shown for recency, T and the parameters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Unit {
    #[default]
    Days,
    Weeks,
}

impl Unit {
    /// `days` in this unit.
    pub fn of_days(self, days: f64) -> f64 {
        match self {
            Unit::Days => days,
            Unit::Weeks => days / 7.0,
        }
    }
}

/// The periods a customer is observed in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Periods {
    /// Last day of the calibration period.
    pub calibration_end: Day,
    /// Last day of the holdout period (after `calibration_end`), if any.
    pub holdout_end: Option<Day>,
    pub unit: Unit,
}

impl Periods {
    /// The holdout's length in the unit (0 without one).
    pub fn holdout_length(&self) -> f64 {
        self.holdout_end.map_or(0.0, |end| {
            self.unit
                .of_days(f64::from(end.0 - self.calibration_end.0).max(0.0))
        })
    }
}

/// One customer, as the models see them.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Observed {
    pub summary: Summary,
    /// Number and mean value of the repeat purchase days (the first left out); None
    /// without a repeat purchase.
    pub spend: Option<Spend>,
    /// Value of the first purchase day.
    pub first_value: f64,
    /// Purchase days in the holdout period.
    pub holdout: u32,
}

/// Observes one customer from their purchases `(day, value)`, sorted by day. None if
/// they made no purchase by the calibration end.
pub fn observe(purchases: impl IntoIterator<Item = (Day, f64)>, p: &Periods) -> Option<Observed> {
    let mut first: Option<(Day, f64)> = None;
    let mut last = Day(i32::MIN);
    let mut repeat_days = 0u32;
    let mut repeat_value = 0.0;
    let mut holdout = 0u32;
    let mut last_holdout = Day(i32::MIN);
    for (day, value) in purchases {
        if day > p.calibration_end {
            if p.holdout_end.is_some_and(|end| day <= end) && day != last_holdout {
                holdout += 1;
                last_holdout = day;
            }
            continue;
        }
        match first {
            None => {
                first = Some((day, value));
                last = day;
            }
            Some((f, ref mut v)) if day == f => *v += value,
            Some(_) => {
                if day != last {
                    repeat_days += 1;
                    last = day;
                }
                repeat_value += value;
            }
        }
    }
    let (first_day, first_value) = first?;
    let days = |d: i32| p.unit.of_days(f64::from(d));
    Some(Observed {
        summary: Summary {
            frequency: f64::from(repeat_days),
            recency: days(last.0 - first_day.0),
            age: days(p.calibration_end.0 - first_day.0),
        },
        spend: (repeat_days > 0).then(|| Spend {
            frequency: f64::from(repeat_days),
            mean: repeat_value / f64::from(repeat_days),
        }),
        first_value,
        holdout,
    })
}

/// Observes every customer of `purchases` `(customer, day, value)`, in any order.
/// Returns the customers (in order of their key) with their observation; customers
/// with no purchase by the calibration end are left out.
pub fn observe_all<K: Ord + Clone>(
    purchases: impl IntoIterator<Item = (K, Day, f64)>,
    p: &Periods,
) -> Vec<(K, Observed)> {
    let mut all: Vec<(K, Day, f64)> = purchases.into_iter().collect();
    all.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)));
    all.chunk_by(|a, b| a.0 == b.0)
        .filter_map(|group| {
            let o = observe(group.iter().map(|(_, d, v)| (*d, *v)), p)?;
            Some((group[0].0.clone(), o))
        })
        .collect()
}
