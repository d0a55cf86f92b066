//! Every customer's potential, laid out by position in `Db` like the RFM analysis:
//! the models fitted to the purchases up to the analysis day (in days), then per
//! customer P(alive), purchases to expect, lifetime value and churn risk.
//!
//! Only orders that count, in the main currency, are purchases here (the value of a
//! purchase is money); deleted customers are left out. The work comes in three steps
//! so the app can yield between them: `observe` (one pass over the orders), `fit`,
//! then `fill` over slices of the observed customers.

use super::observe::{observe, Observed, Periods, Unit};
use super::predict::{Horizon, Models, Risk};
use super::FitError;
use crate::db::{Db, BUCKETS};
use crate::model::Currency;
use crate::time::Day;
use crate::timeline::day_of;

/// Purchases expected over the horizon below which no value is put on a customer
/// ("₫0" or "₫1" would read as a real value).
pub const TINY_EXPECTED: f64 = 0.01;

/// Below this chance of still being a customer, one is taken as gone: to win back,
/// not to keep.
pub const GONE_BELOW: f64 = 0.05;

/// The order of "most likely to leave", lowest first: customers still reachable by
/// their chance of still being a customer, lowest first; those taken as gone after
/// all of them, the likeliest to come back first. NaN (unknown) stays NaN.
pub fn leaving_key(p_alive: f64) -> f64 {
    if p_alive < GONE_BELOW {
        2.0 - p_alive
    } else {
        p_alive
    }
}

/// Customers observed up to `as_of`: (position, observation).
pub fn observe_db(
    db: &Db,
    as_of: Day,
    offset_minutes: i32,
    currency: Currency,
) -> Vec<(u32, Observed)> {
    let periods = Periods {
        calibration_end: as_of,
        holdout_end: None,
        unit: Unit::Days,
    };
    observe_periods(db, &periods, offset_minutes, currency)
}

/// Customers observed over `periods` (days are local at `offset_minutes`): (position,
/// observation), for the live customers with a purchase by the calibration end.
pub fn observe_periods(
    db: &Db,
    periods: &Periods,
    offset_minutes: i32,
    currency: Currency,
) -> Vec<(u32, Observed)> {
    let scale = currency.minor_per_major();
    let live = &db.columns().live;
    let mut out = Vec::new();
    for b in 0..BUCKETS {
        let t = db.timeline(b);
        for run in &t.runs {
            if !live[run.position as usize] {
                continue;
            }
            let purchases = (run.start as usize..run.end as usize)
                .filter(|&i| t.currency[i] == currency)
                .map(|i| {
                    (
                        day_of(t.minute[i], offset_minutes),
                        t.total[i] as f64 / scale,
                    )
                });
            if let Some(o) = observe(purchases, periods) {
                out.push((run.position, o));
            }
        }
    }
    out
}

/// The potential of every customer.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Potential {
    /// The fitted models, or why they could not be fitted (None: not computed).
    pub models: Option<Result<Models, FitError>>,
    pub horizon: Horizon,
    /// P(alive) (NaN: no purchase to judge by, or no model).
    pub p_alive: Vec<f32>,
    /// Purchase days to expect over the horizon (NaN as above).
    pub expected: Vec<f32>,
    /// Lifetime value over the horizon, major units of the main currency (NaN as above).
    pub clv: Vec<f64>,
    /// Churn risk as its place in `Risk::ALL` + 1 (0: none).
    pub risk: Vec<u8>,
}

impl Potential {
    /// Fits the models to the observed customers; predictions are still to `fill`.
    pub fn fit(n: usize, observed: &[(u32, Observed)], horizon: Horizon) -> Potential {
        Potential::fit_from(n, observed, horizon, None)
    }

    /// As `fit`, starting from the models of a previous fit (see `Models::fit_from`).
    pub fn fit_from(
        n: usize,
        observed: &[(u32, Observed)],
        horizon: Horizon,
        previous: Option<&Models>,
    ) -> Potential {
        let list: Vec<Observed> = observed.iter().map(|(_, o)| *o).collect();
        Potential::with_models(n, horizon, Models::fit_from(&list, Unit::Days, previous))
    }

    /// The potential of `n` positions from models already fitted (in days) or the
    /// reason there are none; predictions are still to `fill`.
    pub fn with_models(n: usize, horizon: Horizon, models: Result<Models, FitError>) -> Potential {
        Potential {
            models: Some(models),
            horizon,
            p_alive: vec![f32::NAN; n],
            expected: vec![f32::NAN; n],
            clv: vec![f64::NAN; n],
            risk: vec![0; n],
        }
    }

    /// Predicts for the observed customers of `slice` (no-op without models). Call
    /// with consecutive slices of the same observations; `cache` carries what
    /// customers with identical summaries share between calls.
    pub fn fill(&mut self, slice: &[(u32, Observed)], cache: &mut Cache) {
        let Some(Ok(models)) = self.models else {
            return;
        };
        let h = self.horizon;
        for (position, o) in slice {
            let s = o.summary;
            let outlook = cache.outlook(&models, &s, &h);
            // A series that does not converge: nothing to say of this customer.
            let Some(outlook) = outlook else {
                continue;
            };
            let p = *position as usize;
            let spend = models.expected_spend(o);
            // With q ≤ 1 everyone's mean spend is unbounded: no value to give.
            if spend.is_finite() && spend >= 0.0 {
                self.clv[p] = spend * outlook.discounted;
            }
            self.p_alive[p] = outlook.p_alive as f32;
            self.expected[p] = outlook.expected as f32;
            let risk = Risk::of(s.frequency, outlook.p_alive);
            self.risk[p] = Risk::ALL.iter().position(|r| *r == risk).expect("listed") as u8 + 1;
        }
    }

    /// The lifetime value of a position, if known.
    pub fn clv_at(&self, p: u32) -> Option<f64> {
        self.clv.get(p as usize).copied().filter(|v| v.is_finite())
    }

    /// Whether the models expect next to no purchase from a position (fewer than
    /// `TINY_EXPECTED` over the horizon): a value put on them would read as real.
    pub fn tiny_at(&self, p: u32) -> bool {
        self.expected_at(p).is_some_and(|e| e < TINY_EXPECTED)
    }

    /// The lifetime value to show for a position: none when unknown or tiny.
    pub fn shown_clv_at(&self, p: u32) -> Option<f64> {
        self.clv_at(p).filter(|_| !self.tiny_at(p))
    }

    /// P(alive) of a position, if known.
    pub fn p_alive_at(&self, p: u32) -> Option<f64> {
        known(self.p_alive.get(p as usize))
    }

    /// The purchase days a position is expected to make over the horizon, if known.
    pub fn expected_at(&self, p: u32) -> Option<f64> {
        known(self.expected.get(p as usize))
    }

    /// The churn risk of a position, if any.
    pub fn risk_at(&self, p: u32) -> Option<Risk> {
        let r = *self.risk.get(p as usize)?;
        (r > 0).then(|| Risk::ALL[r as usize - 1])
    }

    /// Computes everything at once (the CLI and tests; the app goes step by step).
    pub fn compute(
        db: &Db,
        as_of: Day,
        offset_minutes: i32,
        currency: Currency,
        h: Horizon,
    ) -> Potential {
        let observed = observe_db(db, as_of, offset_minutes, currency);
        let mut p = Potential::fit(db.len(), &observed, h);
        p.fill(&observed, &mut Cache::default());
        p
    }
}

fn known(v: Option<&f32>) -> Option<f64> {
    v.copied().filter(|v| v.is_finite()).map(f64::from)
}

/// Predictions shared by customers with identical summaries, between `fill` calls.
pub use super::predict::Cache;

/// Valuable customers at risk: live customers whose spend in `currency` is at least
/// the threshold (the spend of the top fifth of buyers) and whose churn risk is high.
/// Returns the threshold (minor units) and the customers by spend, highest first.
pub fn valuable_at_risk(db: &Db, potential: &Potential, currency: Currency) -> (i64, Vec<u32>) {
    let live = &db.columns().live;
    let spent = |p: u32| db.stats_at(p).spent_in(currency);
    let mut spends: Vec<i64> = (0..db.len() as u32)
        .filter(|&p| live[p as usize])
        .map(spent)
        .filter(|s| *s > 0)
        .collect();
    if spends.is_empty() {
        return (0, Vec::new());
    }
    spends.sort_unstable();
    let threshold = spends[spends.len() * 4 / 5];
    let mut found: Vec<u32> = (0..db.len() as u32)
        .filter(|&p| {
            live[p as usize] && potential.risk_at(p) == Some(Risk::High) && spent(p) >= threshold
        })
        .collect();
    found.sort_by_key(|&p| (std::cmp::Reverse(spent(p)), p));
    (threshold, found)
}
