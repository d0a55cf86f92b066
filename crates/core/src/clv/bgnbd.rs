//! BG/NBD (Fader, Hardie & Lee 2005, "Counting your customers the easy way"): while
//! alive, a customer buys at a rate drawn from Gamma(r, α); after each purchase they
//! drop out with a probability drawn from Beta(a, b). Fitted by maximum likelihood on
//! each customer's (x, tₓ, T); gives P(alive) and the purchases to expect.

use super::optimize::Likelihood;
use super::special::{digamma, hyp2f1, hyp2f1_each, ln_gamma};
use super::{FitError, Summary};
use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct BgNbd {
    pub r: f64,
    pub alpha: f64,
    pub a: f64,
    pub b: f64,
}

/// A fitted model and how well it fits.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Fitted<M> {
    pub model: M,
    /// The log-likelihood of the data at the fitted parameters (summed).
    pub log_likelihood: f64,
    pub iterations: usize,
}

/// The largest r, a and b a fit may give (α: its square, as α is a time).
const BOUND: f64 = 1e4;

/// Repeat buyers needed for a fit: with fewer, a and b (the drop-out) are guesses.
pub const MIN_REPEAT_BUYERS: usize = 10;

impl BgNbd {
    fn of(p: &[f64]) -> BgNbd {
        BgNbd {
            r: p[0],
            alpha: p[1],
            a: p[2],
            b: p[3],
        }
    }

    /// ln L for one customer, and its gradient in (r, α, a, b).
    pub fn log_likelihood(&self, s: &Summary) -> (f64, [f64; 4]) {
        let BgNbd { r, alpha, a, b } = *self;
        let (x, tx, t) = (s.frequency, s.recency, s.age);
        let a1 = ln_gamma(r + x) - ln_gamma(r) + r * alpha.ln();
        let a2 = ln_gamma(a + b) + ln_gamma(b + x) - ln_gamma(b) - ln_gamma(a + b + x);
        let a3 = -(r + x) * (alpha + t).ln();
        // Weight of the "still alive at T" term (w3) and of "dropped out after the
        // last purchase" (w4, only with a repeat purchase).
        let (mix, w3, w4) = if x > 0.0 {
            let a4 = a.ln() - (b + x - 1.0).ln() - (r + x) * (alpha + tx).ln();
            let m = a3.max(a4);
            let (e3, e4) = ((a3 - m).exp(), (a4 - m).exp());
            (m + (e3 + e4).ln(), e3 / (e3 + e4), e4 / (e3 + e4))
        } else {
            (a3, 1.0, 0.0)
        };
        let d_r = digamma(r + x) - digamma(r) + alpha.ln()
            - w3 * (alpha + t).ln()
            - w4 * (alpha + tx).ln();
        let d_alpha = r / alpha - w3 * (r + x) / (alpha + t) - w4 * (r + x) / (alpha + tx);
        let d_a = digamma(a + b) - digamma(a + b + x) + w4 / a;
        let d_b = digamma(a + b) + digamma(b + x)
            - digamma(b)
            - digamma(a + b + x)
            - if x > 0.0 { w4 / (b + x - 1.0) } else { 0.0 };
        (a1 + a2 + mix, [d_r, d_alpha, d_a, d_b])
    }

    /// The probability that a customer with this history is still a customer.
    pub fn p_alive(&self, s: &Summary) -> f64 {
        if s.frequency <= 0.0 {
            return 1.0;
        }
        let BgNbd { r, alpha, a, b } = *self;
        let x = s.frequency;
        let odds = a / (b + x - 1.0) * ((alpha + s.age) / (alpha + s.recency)).powf(r + x);
        1.0 / (1.0 + odds)
    }

    /// Purchases to expect from this customer in the next `t` (same unit as the
    /// summary). None if the series behind it does not converge.
    pub fn expected_purchases(&self, s: &Summary, t: f64) -> Option<f64> {
        if t <= 0.0 {
            return Some(0.0);
        }
        let mut out = [0.0];
        self.expected_purchases_each(s, &[t], &mut out)?;
        Some(out[0])
    }

    /// As `expected_purchases`, at each of `ts` into `out` (as long), in one pass of
    /// the series.
    pub fn expected_purchases_each(&self, s: &Summary, ts: &[f64], out: &mut [f64]) -> Option<()> {
        let BgNbd { r, alpha, a, b } = *self;
        let (x, tx, big_t) = (s.frequency, s.recency, s.age);
        // ₂F₁(r+x, b+x; a+b+x−1; z) · (1 − z)^(r+x), with z = t / (α + T + t), after
        // Euler's transformation: the plain series overflows for frequent buyers.
        let zs: Vec<f64> = ts
            .iter()
            .map(|&t| {
                if t <= 0.0 {
                    0.0
                } else {
                    t / (alpha + big_t + t)
                }
            })
            .collect();
        let c = a + b + x - 1.0;
        hyp2f1_each(c - r - x, a - 1.0, c, &zs, out)?;
        let first = c / (a - 1.0);
        let alive_odds = if x > 0.0 {
            a / (b + x - 1.0) * ((alpha + big_t) / (alpha + tx)).powf(r + x)
        } else {
            0.0
        };
        for (&t, value) in ts.iter().zip(out.iter_mut()) {
            *value = if t <= 0.0 {
                0.0
            } else {
                let second = 1.0 - *value * ((alpha + big_t) / (alpha + big_t + t)).powf(a - 1.0);
                first * second / (1.0 + alive_odds)
            };
        }
        Some(())
    }

    /// Repeat purchases to expect from a new customer in their first `t`.
    pub fn expected_from_new(&self, t: f64) -> Option<f64> {
        let BgNbd { r, alpha, a, b } = *self;
        // As in `expected_purchases`, after Euler's transformation.
        let c = a + b - 1.0;
        let hyp = hyp2f1(c - r, a - 1.0, c, t / (alpha + t))?;
        Some(c / (a - 1.0) * (1.0 - (alpha / (alpha + t)).powf(a - 1.0) * hyp))
    }

    /// Fits the model to customers' summaries by maximum likelihood.
    pub fn fit(customers: &[Summary]) -> Result<Fitted<BgNbd>, FitError> {
        BgNbd::fit_from(customers, None)
    }

    /// Fits the model, starting from `start` if given (the fit of nearly the same
    /// data: far fewer steps) rather than from r = a = b = 1 and α at the mean age.
    pub fn fit_from(
        customers: &[Summary],
        start: Option<BgNbd>,
    ) -> Result<Fitted<BgNbd>, FitError> {
        let mut fitting = BgNbd::fitting(customers, start)?;
        loop {
            if let Some(done) = fitting.step() {
                return done;
            }
        }
    }

    /// A fit to go step by step (as `fit_from`).
    pub fn fitting(customers: &[Summary], start: Option<BgNbd>) -> Result<Fitting, FitError> {
        super::check(customers)?;
        let table = Table::of(customers);
        let n = customers.len() as f64;
        let mean_age = customers.iter().map(|s| s.age).sum::<f64>() / n;
        let start = match start {
            Some(m) => [m.r, m.alpha, m.a, m.b],
            None => [1.0, mean_age.max(1e-3), 1.0, 1.0],
        };
        let likelihood = Likelihood::new(n, start, &|p, add| table.each(&BgNbd::of(p), add));
        Ok(Fitting { table, likelihood })
    }
}

/// A BG/NBD fit under way: each `step` is one iteration of the search.
pub struct Fitting {
    table: Table,
    likelihood: Likelihood<4>,
}

impl Fitting {
    /// One iteration; the fitted model (or why there is none) once the fit has ended.
    pub fn step(&mut self) -> Option<Result<Fitted<BgNbd>, FitError>> {
        let table = &self.table;
        let found = self
            .likelihood
            .step(&|p, add| table.each(&BgNbd::of(p), add))?;
        let Some((p, log_likelihood, iterations)) = found else {
            return Some(Err(FitError::DidNotConverge));
        };
        // Runaway parameters (a and b in the hundred thousands: nobody ever drops out,
        // or everyone at once) fit some small data sets, but predict nothing.
        let [r, alpha, a, b] = p;
        if r > BOUND || a > BOUND || b > BOUND || alpha > BOUND * BOUND {
            return Some(Err(FitError::DidNotConverge));
        }
        Some(Ok(Fitted {
            model: BgNbd::of(&p),
            log_likelihood,
            iterations,
        }))
    }
}

/// The customers of a fit, laid out so that each evaluation of the likelihood works
/// out the terms of each distinct frequency (the Γ and ψ functions) and of each
/// distinct time (logarithms) once; what is left per group of identical customers is
/// one exponential and one logarithm. `BgNbd::log_likelihood` is the same sum for one
/// customer.
struct Table {
    frequencies: Vec<f64>,
    times: Vec<f64>,
    /// (frequency, tₓ, T) as indices into the lists above, and how many customers.
    groups: Vec<([u32; 3], f64)>,
}

/// Index of `v` in `list`, pushed if new.
fn index_of(list: &mut Vec<f64>, at: &mut std::collections::HashMap<u64, u32>, v: f64) -> u32 {
    *at.entry(v.to_bits()).or_insert_with(|| {
        list.push(v);
        list.len() as u32 - 1
    })
}

/// The terms of one frequency x: ln L without the time terms, and the gradient's.
struct ForFrequency {
    x: f64,
    ln_l: f64,
    d_r: f64,
    d_a: f64,
    d_b: f64,
    /// ln a − ln(b + x − 1), and 1 / (b + x − 1) (x > 0 only).
    ln_drop: f64,
    inv_b: f64,
}

impl Table {
    fn of(customers: &[Summary]) -> Table {
        let (mut frequencies, mut times) = (Vec::new(), Vec::new());
        let (mut fi, mut ti) = Default::default();
        let groups = super::group(customers)
            .into_iter()
            .map(|(s, w)| {
                let x = index_of(&mut frequencies, &mut fi, s.frequency);
                let tx = index_of(&mut times, &mut ti, s.recency);
                let t = index_of(&mut times, &mut ti, s.age);
                ([x, tx, t], w)
            })
            .collect();
        Table {
            frequencies,
            times,
            groups,
        }
    }

    fn each(&self, m: &BgNbd, add: &mut dyn FnMut(f64, f64, [f64; 4])) {
        let BgNbd { r, alpha, a, b } = *m;
        let base_ln = ln_gamma(a + b) - ln_gamma(b) - ln_gamma(r) + r * alpha.ln();
        let (psi_ab, psi_b, psi_r) = (digamma(a + b), digamma(b), digamma(r));
        let per_x: Vec<ForFrequency> = self
            .frequencies
            .iter()
            .map(|&x| {
                let psi_abx = digamma(a + b + x);
                ForFrequency {
                    x,
                    ln_l: base_ln + ln_gamma(r + x) + ln_gamma(b + x) - ln_gamma(a + b + x),
                    d_r: digamma(r + x) - psi_r + alpha.ln(),
                    d_a: psi_ab - psi_abx,
                    d_b: psi_ab + digamma(b + x) - psi_b - psi_abx,
                    ln_drop: if x > 0.0 {
                        a.ln() - (b + x - 1.0).ln()
                    } else {
                        0.0
                    },
                    inv_b: if x > 0.0 { 1.0 / (b + x - 1.0) } else { 0.0 },
                }
            })
            .collect();
        let per_t: Vec<(f64, f64)> = self
            .times
            .iter()
            .map(|&t| ((alpha + t).ln(), 1.0 / (alpha + t)))
            .collect();
        for &([xi, txi, ti], w) in &self.groups {
            let f = &per_x[xi as usize];
            let (ln_t, inv_t) = per_t[ti as usize];
            let rx = r + f.x;
            let a3 = -rx * ln_t;
            if f.x > 0.0 {
                let (ln_tx, inv_tx) = per_t[txi as usize];
                let a4 = f.ln_drop - rx * ln_tx;
                // ln(e^a3 + e^a4), and each term's share (ln(1 + e) rather than
                // ln_1p: e is in (0, 1], and glibc's log1p is several times slower).
                let (m, d) = if a3 >= a4 {
                    (a3, a4 - a3)
                } else {
                    (a4, a3 - a4)
                };
                let e = d.exp();
                let share = e / (1.0 + e);
                let (w3, w4) = if a3 >= a4 {
                    (1.0 - share, share)
                } else {
                    (share, 1.0 - share)
                };
                add(
                    w,
                    f.ln_l + m + (1.0 + e).ln(),
                    [
                        f.d_r - w3 * ln_t - w4 * ln_tx,
                        r / alpha - rx * (w3 * inv_t + w4 * inv_tx),
                        f.d_a + w4 / a,
                        f.d_b - w4 * f.inv_b,
                    ],
                );
            } else {
                add(
                    w,
                    f.ln_l + a3,
                    [f.d_r - ln_t, r / alpha - rx * inv_t, f.d_a, f.d_b],
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn s(frequency: f64, recency: f64, age: f64) -> Summary {
        Summary {
            frequency,
            recency,
            age,
        }
    }

    const PAPER: BgNbd = BgNbd {
        r: 0.243,
        alpha: 4.414,
        a: 0.793,
        b: 2.426,
    };

    #[test]
    fn likelihood_of_one_customer_by_hand() {
        // x = 0: L = B(a, b)/B(a, b) · Γ(r) α^r / (Γ(r) (α+T)^r) = (α / (α+T))^r
        let m = BgNbd {
            r: 2.0,
            alpha: 3.0,
            a: 1.5,
            b: 2.5,
        };
        let (ll, _) = m.log_likelihood(&s(0.0, 0.0, 5.0));
        assert!((ll - 2.0 * (3.0f64 / 8.0).ln()).abs() < 1e-12);
        // x = 1, tₓ = 2, T = 5 (r = 2, α = 3, a = 1.5, b = 2.5), from the paper's (6):
        // B(a, b+1)/B(a, b) = b/(a+b) = 0.625; Γ(3)/Γ(2) = 2; α^r = 9
        // alive: 0.625 · 2 · 9 / 8³; dropped: B(a+1, b)/B(a, b) = a/(a+b) = 0.375,
        // · 2 · 9 / 5³
        let want = (0.625 * 18.0 / 512.0 + 0.375 * 18.0 / 125.0f64).ln();
        let (ll, _) = m.log_likelihood(&s(1.0, 2.0, 5.0));
        assert!((ll - want).abs() < 1e-12, "{ll} vs {want}");
    }

    /// Values computed independently with the `lifetimes` Python package (0.11.3,
    /// scipy's hyp2f1) at the paper's parameters.
    #[test]
    fn p_alive_and_expectations_agree_with_lifetimes() {
        let near = |a: f64, b: f64| (a - b).abs() <= 1e-6 * b.abs().max(1e-3);
        // No repeat purchase: alive for sure (the model's assumption).
        assert_eq!(PAPER.p_alive(&s(0.0, 0.0, 30.0)), 1.0);
        // A frequent buyer silent for a long time is probably gone; one who just
        // bought is probably not.
        assert!(near(
            PAPER.p_alive(&s(6.0, 5.0, 39.0)),
            0.000_671_026_507_250_856_8
        ));
        assert!(near(
            PAPER.p_alive(&s(6.0, 38.0, 39.0)),
            0.890_067_995_861_583_4
        ));
        let new = |t| PAPER.expected_from_new(t).unwrap();
        assert!(near(new(39.0), 1.196_723_193_320_798_5));
        assert!(near(new(78.0), 1.860_519_057_942_745_5));
        let next = PAPER
            .expected_purchases(&s(2.0, 30.43, 38.86), 39.0)
            .unwrap();
        assert!(near(next, 1.226_028_174_767_135), "{next}");
        assert_eq!(
            PAPER.expected_purchases(&s(2.0, 30.43, 38.86), 0.0),
            Some(0.0)
        );
    }

    proptest! {
        /// The analytic gradient agrees with finite differences.
        #[test]
        fn gradient_matches_finite_differences(
            r in 0.1f64..5.0, alpha in 0.5f64..50.0, a in 0.1f64..5.0, b in 0.1f64..5.0,
            x in 0u32..20, frac in 0.0f64..1.0, t in 0.5f64..60.0,
        ) {
            let tx = if x == 0 { 0.0 } else { frac * t };
            let c = s(x as f64, tx, t);
            let bad = super::super::gradient_mismatch([r, alpha, a, b], |p| {
                BgNbd::of(p).log_likelihood(&c)
            });
            prop_assert!(bad.is_none(), "parameter, analytic, numeric: {bad:?}");
        }

        /// The fit's table sums the same likelihood and gradient as one customer at a
        /// time.
        #[test]
        fn table_sums_what_each_customer_gives(
            r in 0.1f64..5.0, alpha in 0.5f64..50.0, a in 0.1f64..5.0, b in 0.1f64..5.0,
            customers in proptest::collection::vec((0u32..6, 0u32..=10, 1u32..12), 1..40),
        ) {
            let data: Vec<Summary> = customers
                .iter()
                .map(|&(x, tx, t)| {
                    let t = t as f64 / 2.0;
                    if x == 0 { s(0.0, 0.0, t) } else { s(x as f64, t * tx as f64 / 10.0, t) }
                })
                .collect();
            let m = BgNbd { r, alpha, a, b };
            let (mut want, mut want_g) = (0.0, [0.0; 4]);
            for c in &data {
                let (ll, g) = m.log_likelihood(c);
                want += ll;
                (0..4).for_each(|i| want_g[i] += g[i]);
            }
            let (mut got, mut got_g) = (0.0, [0.0; 4]);
            Table::of(&data).each(&m, &mut |w, ll, g| {
                got += w * ll;
                (0..4).for_each(|i| got_g[i] += w * g[i]);
            });
            prop_assert!((got - want).abs() <= 1e-9 * want.abs().max(1.0), "{got} vs {want}");
            for i in 0..4 {
                prop_assert!((got_g[i] - want_g[i]).abs() <= 1e-9 * want_g[i].abs().max(1.0),
                    "parameter {i}: {} vs {}", got_g[i], want_g[i]);
            }
        }
    }
}
