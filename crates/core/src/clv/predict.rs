//! Both models fitted to observed customers, and what they say of each: P(alive),
//! purchases to expect, mean spend to expect, lifetime value and churn risk; and the
//! holdout check (predicted against actual purchases after the calibration end).

use super::bgnbd::{BgNbd, Fitted, Fitting};
use super::gamma_gamma::{GammaGamma, Spend};
use super::observe::{Observed, Unit};
use super::{FitError, Steps, Summary};

/// Days in a month for discounting: the `lifetimes` convention with daily data.
pub const MONTH_DAYS: f64 = 30.0;

/// What a lifetime value is computed over.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Horizon {
    pub days: f64,
    /// Discount rate per month (of `MONTH_DAYS`), e.g. 0.01.
    pub monthly_discount: f64,
}

impl Default for Horizon {
    fn default() -> Self {
        Horizon {
            days: 365.0,
            monthly_discount: 0.01,
        }
    }
}

/// Churn risk, from P(alive). Customers with a single purchase day have no band:
/// BG/NBD counts them alive until they buy again (P(alive) = 1), which says nothing.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Risk {
    Low,
    Medium,
    High,
    /// One purchase day only.
    Unknown,
}

impl Risk {
    pub const ALL: [Risk; 4] = [Risk::Low, Risk::Medium, Risk::High, Risk::Unknown];
    /// P(alive) at or above this: low risk.
    pub const LOW_FROM: f64 = 0.7;
    /// P(alive) below this: high risk.
    pub const HIGH_BELOW: f64 = 0.3;

    pub fn of(frequency: f64, p_alive: f64) -> Risk {
        if frequency <= 0.0 {
            Risk::Unknown
        } else if p_alive >= Risk::LOW_FROM {
            Risk::Low
        } else if p_alive < Risk::HIGH_BELOW {
            Risk::High
        } else {
            Risk::Medium
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Risk::Low => "low",
            Risk::Medium => "medium",
            Risk::High => "high",
            Risk::Unknown => "unknown",
        }
    }
}

/// Both fitted models, in the unit of the summaries they were fitted on.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Models {
    pub unit: Unit,
    pub bgnbd: Fitted<BgNbd>,
    pub gamma_gamma: Fitted<GammaGamma>,
}

/// What the models say of one customer.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Prediction {
    pub p_alive: f64,
    /// Purchase days to expect over the horizon.
    pub expected_purchases: f64,
    /// Mean value of a purchase to expect.
    pub expected_spend: f64,
    /// Discounted value of the expected purchases over the horizon.
    pub clv: f64,
    pub risk: Risk,
}

impl Models {
    /// Fits BG/NBD on every customer and Gamma-Gamma on the repeat buyers whose repeat
    /// purchases have a value above 0.
    pub fn fit(customers: &[Observed], unit: Unit) -> Result<Models, FitError> {
        Models::fit_from(customers, unit, None)
    }

    /// Fits both models starting from `previous` (fitted in the same unit to nearly
    /// the same customers) if given: the same maximum in fewer steps.
    pub fn fit_from(
        customers: &[Observed],
        unit: Unit,
        previous: Option<&Models>,
    ) -> Result<Models, FitError> {
        let mut fitting = Models::fitting(customers, unit, previous)?;
        loop {
            if let Some(done) = fitting.step() {
                return done;
            }
        }
    }

    /// A fit of both models to go step by step (see `fit_from`).
    pub fn fitting(
        customers: &[Observed],
        unit: Unit,
        previous: Option<&Models>,
    ) -> Result<ModelsFitting, FitError> {
        let previous = previous.filter(|m| m.unit == unit);
        let summaries: Vec<_> = customers.iter().map(|o| o.summary).collect();
        let spend: Vec<Spend> = customers
            .iter()
            .filter_map(|o| o.spend)
            .filter(|s| s.mean > 0.0 && s.mean.is_finite())
            .collect();
        Ok(ModelsFitting {
            unit,
            bgnbd: BgNbd::fitting(&summaries, previous.map(|m| m.bgnbd.model))?,
            spend,
            spend_start: previous.map(|m| m.gamma_gamma.model),
            retry: previous.is_some().then_some(summaries),
        })
    }

    /// What the models say of a summary alone (customers with identical summaries
    /// share it). None if a series behind it does not converge.
    pub fn outlook(&self, s: &Summary, h: &Horizon) -> Option<Outlook> {
        self.outlook_in(s, &self.steps(h))
    }

    /// The steps of a horizon in the models' unit (months of `MONTH_DAYS`).
    fn steps(&self, h: &Horizon) -> Steps {
        let horizon = self.unit.of_days(h.days);
        let step = self.unit.of_days(MONTH_DAYS);
        Steps::new(horizon, step, h.monthly_discount)
    }

    fn outlook_in(&self, s: &Summary, steps: &Steps) -> Option<Outlook> {
        let (discounted, expected) = steps.value(&self.bgnbd.model, s, 1.0)?;
        Some(Outlook {
            p_alive: self.bgnbd.model.p_alive(s),
            expected,
            discounted,
        })
    }

    /// The mean value of a purchase to expect from this customer (everyone's mean,
    /// for a customer without a repeat purchase).
    pub fn expected_spend(&self, o: &Observed) -> f64 {
        let none = Spend {
            frequency: 0.0,
            mean: 0.0,
        };
        self.gamma_gamma
            .model
            .expected_spend(&o.spend.unwrap_or(none))
    }

    /// The prediction for one customer. None if a series behind it does not converge.
    pub fn predict(&self, o: &Observed, h: &Horizon) -> Option<Prediction> {
        self.predict_in(o, h, &mut Cache::default())
    }

    /// As `predict`, the outlook of a summary met before taken from `cache` (many
    /// customers share theirs: CDNOW's 23,570 have about 8,000).
    pub fn predict_in(&self, o: &Observed, h: &Horizon, cache: &mut Cache) -> Option<Prediction> {
        let out = cache.outlook(self, &o.summary, h)?;
        let expected_spend = self.expected_spend(o);
        Some(Prediction {
            p_alive: out.p_alive,
            expected_purchases: out.expected,
            expected_spend,
            // The value is linear in the spend.
            clv: expected_spend * out.discounted,
            risk: Risk::of(o.summary.frequency, out.p_alive),
        })
    }
}

/// Outlooks shared by customers with identical summaries (for one horizon), and
/// that horizon's steps.
#[derive(Default)]
pub struct Cache {
    outlooks: rustc_hash::FxHashMap<[u64; 3], Option<Outlook>>,
    steps: Option<(Horizon, Steps)>,
}

impl Cache {
    /// The outlook of `s`, computed once per distinct summary.
    pub fn outlook(&mut self, models: &Models, s: &Summary, h: &Horizon) -> Option<Outlook> {
        let steps = match &self.steps {
            Some((known, steps)) if known == h => steps,
            _ => {
                self.outlooks.clear();
                &self.steps.insert((*h, models.steps(h))).1
            }
        };
        *self
            .outlooks
            .entry(s.key())
            .or_insert_with(|| models.outlook_in(s, steps))
    }
}

/// Both models being fitted: BG/NBD one search iteration per `step`, then
/// Gamma-Gamma (a few milliseconds) in the last. A fit from a previous one that fails
/// starts again from scratch (a start far from this data's maximum can stall).
pub struct ModelsFitting {
    unit: Unit,
    bgnbd: Fitting,
    spend: Vec<Spend>,
    spend_start: Option<GammaGamma>,
    /// The summaries while a start from scratch is still to try.
    retry: Option<Vec<Summary>>,
}

impl ModelsFitting {
    /// One step; both models (or why not) once the fit has ended.
    pub fn step(&mut self) -> Option<Result<Models, FitError>> {
        let bgnbd = match self.bgnbd.step()? {
            Ok(m) => m,
            Err(e) => return self.again(e),
        };
        match GammaGamma::fit_from(&self.spend, self.spend_start) {
            Ok(gamma_gamma) => Some(Ok(Models {
                unit: self.unit,
                bgnbd,
                gamma_gamma,
            })),
            Err(e) => self.again(e),
        }
    }

    /// After a failed fit: both models again from scratch if they started from a
    /// previous fit, else the failure.
    fn again(&mut self, e: FitError) -> Option<Result<Models, FitError>> {
        let Some(summaries) = self.retry.take() else {
            return Some(Err(e));
        };
        self.spend_start = None;
        match BgNbd::fitting(&summaries, None) {
            Ok(f) => {
                self.bgnbd = f;
                None
            }
            Err(e) => Some(Err(e)),
        }
    }
}

/// What the models say of a customer's summary, before their spend: P(alive), the
/// purchase days to expect over the horizon, and those purchases discounted (their
/// value at a spend of 1).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Outlook {
    pub p_alive: f64,
    pub expected: f64,
    pub discounted: f64,
}

/// One line of the holdout check: customers with the same calibration frequency.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct HoldoutRow {
    /// Repeat purchases in calibration (the last row holds this many and more).
    pub frequency: u32,
    pub customers: u32,
    /// Mean purchases in the holdout, predicted and seen.
    pub predicted: f64,
    pub actual: f64,
}

/// Predicted against actual purchases in a holdout period of `length` (in the
/// models' unit), by calibration frequency 0, 1, … up to `top` (the last row takes
/// everyone above). Customers whose prediction does not converge are left out.
pub fn holdout_check(
    model: &BgNbd,
    customers: &[Observed],
    length: f64,
    top: u32,
) -> Vec<HoldoutRow> {
    let mut rows: Vec<HoldoutRow> = (0..=top)
        .map(|frequency| HoldoutRow {
            frequency,
            customers: 0,
            predicted: 0.0,
            actual: 0.0,
        })
        .collect();
    // Customers with the same summary expect the same (CDNOW: a third as many).
    let mut known: rustc_hash::FxHashMap<[u64; 3], Option<f64>> = Default::default();
    for o in customers {
        let expected = *known
            .entry(o.summary.key())
            .or_insert_with(|| model.expected_purchases(&o.summary, length));
        let Some(predicted) = expected else {
            continue;
        };
        let row = &mut rows[(o.summary.frequency as u32).min(top) as usize];
        row.customers += 1;
        row.predicted += predicted;
        row.actual += f64::from(o.holdout);
    }
    for row in &mut rows {
        if row.customers > 0 {
            row.predicted /= f64::from(row.customers);
            row.actual /= f64::from(row.customers);
        }
    }
    rows
}
