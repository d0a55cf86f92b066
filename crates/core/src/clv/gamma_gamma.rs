//! Gamma-Gamma spend model (Fader, Hardie & Lee 2005, "RFM and CLV"; Fader & Hardie's
//! note on it): each purchase's value is Gamma(p, ν) around a customer's own mean,
//! and ν varies over customers as Gamma(q, v). Fitted on customers with at least one
//! repeat purchase, on the mean value of their repeat purchases.

use super::bgnbd::Fitted;
use super::optimize::maximum_likelihood;
use super::special::{digamma, ln_gamma};
use super::FitError;
use serde::Serialize;

/// A repeat buyer's spend: how many repeat purchases, and their mean value.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Spend {
    pub frequency: f64,
    pub mean: f64,
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct GammaGamma {
    pub p: f64,
    pub q: f64,
    pub v: f64,
}

/// Repeat buyers needed for a fit.
pub const MIN_BUYERS: usize = 10;

impl GammaGamma {
    fn of(x: &[f64]) -> GammaGamma {
        GammaGamma {
            p: x[0],
            q: x[1],
            v: x[2],
        }
    }

    /// ln L for one customer, and its gradient in (p, q, v).
    pub fn log_likelihood(&self, s: &Spend) -> (f64, [f64; 3]) {
        let GammaGamma { p, q, v } = *self;
        let (x, m) = (s.frequency, s.mean);
        let px = p * x;
        let total = v + x * m;
        let ll = ln_gamma(px + q) - ln_gamma(px) - ln_gamma(q)
            + q * v.ln()
            + (px - 1.0) * m.ln()
            + px * x.ln()
            - (px + q) * total.ln();
        let d_p = x * (digamma(px + q) - digamma(px) + m.ln() + x.ln() - total.ln());
        let d_q = digamma(px + q) - digamma(q) + v.ln() - total.ln();
        let d_v = q / v - (px + q) / total;
        (ll, [d_p, d_q, d_v])
    }

    /// The mean purchase value to expect from a customer: their own mean, shrunk
    /// towards everyone's by how few purchases it rests on. With no repeat purchase,
    /// everyone's mean, pv / (q − 1).
    pub fn expected_spend(&self, s: &Spend) -> f64 {
        let GammaGamma { p, q, v } = *self;
        if s.frequency <= 0.0 {
            return p * v / (q - 1.0);
        }
        p * (v + s.frequency * s.mean) / (p * s.frequency + q - 1.0)
    }

    /// Fits the model by maximum likelihood on repeat buyers' spend.
    pub fn fit(buyers: &[Spend]) -> Result<Fitted<GammaGamma>, FitError> {
        GammaGamma::fit_from(buyers, None)
    }

    /// Fits the model, starting from `start` if given (as `BgNbd::fit_from`).
    pub fn fit_from(
        buyers: &[Spend],
        start: Option<GammaGamma>,
    ) -> Result<Fitted<GammaGamma>, FitError> {
        if buyers
            .iter()
            .any(|s| !(s.frequency >= 1.0 && s.mean > 0.0 && s.mean.is_finite()))
        {
            return Err(FitError::BadSpend);
        }
        if buyers.len() < MIN_BUYERS {
            return Err(FitError::TooFewSpenders {
                found: buyers.len(),
                needed: MIN_BUYERS,
            });
        }
        let first = buyers[0].mean;
        if buyers.iter().all(|s| s.mean == first) {
            return Err(FitError::SameSpend);
        }
        let n = buyers.len() as f64;
        let mean = buyers.iter().map(|s| s.mean).sum::<f64>() / n;
        // p = q = 1 and v at the mean spend: far from most data's answer, but every
        // step is cheap.
        let table = Table::of(buyers);
        let start = start.map_or([1.0, 1.0, mean], |m| [m.p, m.q, m.v]);
        let (k, log_likelihood, iterations) =
            maximum_likelihood(n, start, |k, add| table.each(&GammaGamma::of(k), add))
                .ok_or(FitError::DidNotConverge)?;
        Ok(Fitted {
            model: GammaGamma::of(&k),
            log_likelihood,
            iterations,
        })
    }
}

/// The buyers of a fit, laid out so that each evaluation works out the Γ and ψ terms
/// of each distinct frequency once; per buyer one logarithm is left.
/// `GammaGamma::log_likelihood` is the same sum for one buyer.
struct Table {
    frequencies: Vec<Frequency>,
}

/// A distinct frequency x with ln x, and its buyers' (x·m, ln m).
type Frequency = (f64, f64, Vec<(f64, f64)>);

impl Table {
    fn of(buyers: &[Spend]) -> Table {
        let mut frequencies: Vec<Frequency> = Vec::new();
        let mut at = std::collections::HashMap::new();
        for s in buyers {
            let i = *at.entry(s.frequency.to_bits()).or_insert_with(|| {
                frequencies.push((s.frequency, s.frequency.ln(), Vec::new()));
                frequencies.len() - 1
            });
            frequencies[i].2.push((s.frequency * s.mean, s.mean.ln()));
        }
        Table { frequencies }
    }

    fn each(&self, m: &GammaGamma, add: &mut dyn FnMut(f64, f64, [f64; 3])) {
        let GammaGamma { p, q, v } = *m;
        let (ln_v, base) = (v.ln(), q * v.ln() - ln_gamma(q));
        let psi_q = digamma(q);
        for (x, ln_x, buyers) in &self.frequencies {
            let px = p * x;
            let ln_l = ln_gamma(px + q) - ln_gamma(px) + base + px * ln_x;
            let psi = digamma(px + q);
            let (d_p, d_q) = (psi - digamma(px) + ln_x, psi - psi_q + ln_v);
            for &(xm, ln_m) in buyers {
                let ln_total = (v + xm).ln();
                add(
                    1.0,
                    ln_l + (px - 1.0) * ln_m - (px + q) * ln_total,
                    [
                        x * (d_p + ln_m - ln_total),
                        d_q - ln_total,
                        q / v - (px + q) / (v + xm),
                    ],
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn expected_spend_shrinks_towards_everyones_mean() {
        let m = GammaGamma {
            p: 6.25,
            q: 3.74,
            v: 15.44,
        };
        let everyone = m.expected_spend(&Spend {
            frequency: 0.0,
            mean: 0.0,
        });
        assert!((everyone - 6.25 * 15.44 / 2.74).abs() < 1e-12);
        // One purchase of 100 says less than ten of 100.
        let one = m.expected_spend(&Spend {
            frequency: 1.0,
            mean: 100.0,
        });
        let ten = m.expected_spend(&Spend {
            frequency: 10.0,
            mean: 100.0,
        });
        assert!(
            everyone < one && one < ten && ten < 100.0,
            "{everyone} {one} {ten}"
        );
    }

    #[test]
    fn degenerate_data_is_refused_with_its_reason() {
        let same: Vec<Spend> = (0..20)
            .map(|i| Spend {
                frequency: 1.0 + i as f64,
                mean: 50.0,
            })
            .collect();
        assert_eq!(GammaGamma::fit(&same), Err(FitError::SameSpend));
        assert_eq!(
            GammaGamma::fit(&same[..3]),
            Err(FitError::TooFewSpenders {
                found: 3,
                needed: MIN_BUYERS
            })
        );
        let bad = [Spend {
            frequency: 0.0,
            mean: 5.0,
        }];
        assert_eq!(GammaGamma::fit(&bad), Err(FitError::BadSpend));
    }

    proptest! {
        /// The analytic gradient agrees with finite differences.
        #[test]
        fn gradient_matches_finite_differences(
            p in 0.2f64..20.0, q in 0.2f64..20.0, v in 0.5f64..200.0,
            x in 1u32..30, m in 0.5f64..500.0,
        ) {
            let s = Spend { frequency: x as f64, mean: m };
            let bad = super::super::gradient_mismatch([p, q, v], |k| {
                GammaGamma::of(k).log_likelihood(&s)
            });
            prop_assert!(bad.is_none(), "parameter, analytic, numeric: {bad:?}");
        }

        /// The fit's table sums the same likelihood and gradient as one buyer at a time.
        #[test]
        fn table_sums_what_each_buyer_gives(
            p in 0.2f64..20.0, q in 0.2f64..20.0, v in 0.5f64..200.0,
            buyers in proptest::collection::vec((1u32..6, 0.5f64..500.0), 1..40),
        ) {
            let data: Vec<Spend> = buyers
                .iter()
                .map(|&(x, mean)| Spend { frequency: x as f64, mean })
                .collect();
            let m = GammaGamma { p, q, v };
            let (mut want, mut want_g) = (0.0, [0.0; 3]);
            for s in &data {
                let (ll, g) = m.log_likelihood(s);
                want += ll;
                (0..3).for_each(|i| want_g[i] += g[i]);
            }
            let (mut got, mut got_g) = (0.0, [0.0; 3]);
            Table::of(&data).each(&m, &mut |w, ll, g| {
                got += w * ll;
                (0..3).for_each(|i| got_g[i] += w * g[i]);
            });
            prop_assert!((got - want).abs() <= 1e-9 * want.abs().max(1.0), "{got} vs {want}");
            for i in 0..3 {
                prop_assert!((got_g[i] - want_g[i]).abs() <= 1e-9 * want_g[i].abs().max(1.0),
                    "parameter {i}: {} vs {}", got_g[i], want_g[i]);
            }
        }
    }
}
