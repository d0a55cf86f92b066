//! Customer lifetime value: how many purchases each customer will make (BG/NBD), how
//! much they will spend (Gamma-Gamma), what that is worth over a horizon, and how
//! likely they are to be still a customer (churn risk).

pub mod bgnbd;
pub mod check;
pub mod gamma_gamma;
pub mod observe;
mod optimize;
pub mod potential;
pub mod predict;
mod special;

use std::collections::HashMap;

/// One customer's purchases in the calibration period, in one time unit (days or
/// weeks): what the models read.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Summary {
    /// x: repeat purchases (purchase days after the first).
    pub frequency: f64,
    /// tₓ: time from the first purchase to the last (0 without a repeat).
    pub recency: f64,
    /// T: time from the first purchase to the end of the calibration period.
    pub age: f64,
}

impl Summary {
    /// The summary's exact bits, to find identical summaries.
    pub fn key(&self) -> [u64; 3] {
        [
            self.frequency.to_bits(),
            self.recency.to_bits(),
            self.age.to_bits(),
        ]
    }
}

/// Why a model could not be fitted.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum FitError {
    #[error("no customers with a purchase before the end of the calibration period")]
    NoCustomers,
    #[error("customer {index}: repeat purchases, recency and age must be numbers with 0 ≤ recency ≤ age")]
    BadSummary { index: usize },
    #[error("every customer's first purchase is on the last day of the calibration period: there is no time to see them come back")]
    NoTime,
    #[error(
        "{found} customers bought again; at least {needed} are needed to estimate who comes back"
    )]
    TooFewRepeatBuyers { found: usize, needed: usize },
    #[error(
        "{found} repeat buyers spent more than 0 on their repeat purchases; at least {needed} are needed to estimate spend"
    )]
    TooFewSpenders { found: usize, needed: usize },
    #[error("every repeat buyer spent the same amount: spend cannot be told apart")]
    SameSpend,
    #[error("spend needs at least one repeat purchase and a mean value above 0")]
    BadSpend,
    #[error("the fit did not settle: the data do not pin the model down")]
    DidNotConverge,
}

/// What a customer's purchases over the next `horizon` are worth today, at `spend`
/// each: the purchases expected in each `step` (as `horizon`, in the summary's unit),
/// discounted by `discount` per step. With steps of a month and a monthly rate this is
/// the convention of the `lifetimes` package. None if the model's series does not
/// converge.
pub fn lifetime_value(
    model: &bgnbd::BgNbd,
    s: &Summary,
    spend: f64,
    horizon: f64,
    step: f64,
    discount: f64,
) -> Option<f64> {
    let steps = Steps::new(horizon, step, discount);
    Some(steps.value(model, s, spend)?.0)
}

/// A horizon cut in steps, each with its discount (the same for every customer).
#[derive(Clone, Debug, PartialEq)]
pub struct Steps {
    /// The ends of the steps: step, 2·step, ..., the last cut at the horizon.
    ends: Vec<f64>,
    /// The discount of each end: what a purchase then is worth today divided by it.
    divisors: Vec<f64>,
}

impl Steps {
    pub fn new(horizon: f64, step: f64, discount: f64) -> Steps {
        let mut ends = Vec::new();
        let mut k = 1.0;
        loop {
            let t = (k * step).min(horizon);
            ends.push(t);
            if t >= horizon {
                break;
            }
            k += 1.0;
        }
        let divisors = ends
            .iter()
            .map(|t| (1.0 + discount).powf(t / step))
            .collect();
        Steps { ends, divisors }
    }

    /// As `lifetime_value`, with the purchases expected over the whole horizon (the
    /// same series: one pass for both).
    pub fn value(&self, model: &bgnbd::BgNbd, s: &Summary, spend: f64) -> Option<(f64, f64)> {
        let mut upto = vec![0.0; self.ends.len()];
        model.expected_purchases_each(s, &self.ends, &mut upto)?;
        let mut value = 0.0;
        let mut before = 0.0;
        for (&divisor, &now) in self.divisors.iter().zip(&upto) {
            value += spend * (now - before) / divisor;
            before = now;
        }
        Some((value, before))
    }
}

/// Checks summaries before a BG/NBD fit.
fn check(customers: &[Summary]) -> Result<(), FitError> {
    if customers.is_empty() {
        return Err(FitError::NoCustomers);
    }
    for (index, s) in customers.iter().enumerate() {
        let ok = s.frequency.is_finite()
            && s.age.is_finite()
            && s.frequency >= 0.0
            && (0.0..=s.age).contains(&s.recency)
            && (s.frequency > 0.0 || s.recency == 0.0);
        if !ok {
            return Err(FitError::BadSummary { index });
        }
    }
    if customers.iter().all(|s| s.age == 0.0) {
        return Err(FitError::NoTime);
    }
    let repeat = customers.iter().filter(|s| s.frequency > 0.0).count();
    if repeat < bgnbd::MIN_REPEAT_BUYERS {
        return Err(FitError::TooFewRepeatBuyers {
            found: repeat,
            needed: bgnbd::MIN_REPEAT_BUYERS,
        });
    }
    Ok(())
}

/// Identical summaries counted once, with how many customers share them (the
/// likelihood is evaluated once per group).
fn group(customers: &[Summary]) -> Vec<(Summary, f64)> {
    let mut at: HashMap<[u64; 3], usize> = HashMap::new();
    let mut out: Vec<(Summary, f64)> = Vec::new();
    for s in customers {
        let key = s.key();
        match at.get(&key) {
            Some(&i) => out[i].1 += 1.0,
            None => {
                at.insert(key, out.len());
                out.push((*s, 1.0));
            }
        }
    }
    out
}

/// Where an analytic gradient and central finite differences (steps of 1e-6 of each
/// parameter) disagree by more than 1e-5 relative: the parameter and both values.
#[cfg(test)]
fn gradient_mismatch<const K: usize>(
    p: [f64; K],
    f: impl Fn(&[f64; K]) -> (f64, [f64; K]),
) -> Option<(usize, f64, f64)> {
    let (_, g) = f(&p);
    (0..K).find_map(|i| {
        let h = 1e-6 * p[i];
        let (mut up, mut down) = (p, p);
        up[i] += h;
        down[i] -= h;
        let num = (f(&up).0 - f(&down).0) / (2.0 * h);
        ((g[i] - num).abs() > 1e-5 * num.abs().max(1.0)).then_some((i, g[i], num))
    })
}

#[cfg(test)]
mod potential_tests;
#[cfg(test)]
mod predict_tests;
#[cfg(test)]
mod tests;
