//! The special functions the models need: ln Γ (from `libm`), digamma ψ = (ln Γ)′ and
//! the Gaussian hypergeometric function ₂F₁ for |z| < 1 (no small, well-kept crate
//! has the last two without pulling in a linear algebra library).

pub fn ln_gamma(x: f64) -> f64 {
    libm::lgamma(x)
}

/// ψ(x) for x > 0: shifted up by ψ(x) = ψ(x + 1) − 1/x, then the asymptotic series.
pub fn digamma(x: f64) -> f64 {
    if x.is_nan() || x <= 0.0 || x.is_infinite() {
        return f64::NAN;
    }
    let mut x = x;
    let mut shift = 0.0;
    while x < 10.0 {
        shift -= 1.0 / x;
        x += 1.0;
    }
    let inv2 = 1.0 / (x * x);
    // ln x − 1/2x − Σ B₂ₖ / (2k x²ᵏ)
    let series = inv2
        * (1.0 / 12.0
            - inv2
                * (1.0 / 120.0
                    - inv2
                        * (1.0 / 252.0
                            - inv2
                                * (1.0 / 240.0 - inv2 * (1.0 / 132.0 - inv2 * 691.0 / 32760.0)))));
    shift + x.ln() - 0.5 / x - series
}

/// ₂F₁(a, b; c; z) for 0 ≤ z < 1 by its series (the models call it with
/// z = t / (α + T + t), below 1). None when it does not converge.
pub fn hyp2f1(a: f64, b: f64, c: f64, z: f64) -> Option<f64> {
    let mut out = [0.0];
    hyp2f1_each(a, b, c, &[z], &mut out)?;
    Some(out[0])
}

/// ₂F₁(a, b; c; z) at each of `zs`, into `out` (as long): one pass of the series
/// for all of them, its coefficients shared (a lifetime value needs a dozen points
/// of one customer's series), each sum as `hyp2f1` of its z alone. None when a
/// series does not converge.
pub fn hyp2f1_each(a: f64, b: f64, c: f64, zs: &[f64], out: &mut [f64]) -> Option<()> {
    if zs.len() != out.len() || !zs.iter().all(|z| (0.0..1.0).contains(z)) {
        return None;
    }
    // The sums still adding terms, with their current term.
    let mut open: Vec<(usize, f64)> = (0..zs.len()).map(|i| (i, 1.0)).collect();
    out.fill(1.0);
    for n in 0..100_000 {
        if open.is_empty() {
            return Some(());
        }
        let n = n as f64;
        let ratio = (a + n) * (b + n) / ((c + n) * (n + 1.0));
        let mut k = 0;
        while k < open.len() {
            let (i, term) = &mut open[k];
            *term *= ratio * zs[*i];
            out[*i] += *term;
            if term.abs() <= 1e-16 * out[*i].abs() {
                if !out[*i].is_finite() {
                    return None;
                }
                open.swap_remove(k);
            } else {
                k += 1;
            }
        }
    }
    open.is_empty().then_some(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const EULER: f64 = 0.577_215_664_901_532_9;

    fn close(a: f64, b: f64, tol: f64) -> bool {
        (a - b).abs() <= tol * b.abs().max(1.0)
    }

    #[test]
    fn digamma_known_values() {
        assert!(
            close(digamma(1.0), -EULER, 1e-14),
            "{}",
            digamma(1.0) + EULER
        );
        assert!(close(digamma(0.5), -EULER - 2.0 * 2f64.ln(), 1e-14));
        // ψ(n) = H(n−1) − γ
        let h9: f64 = (1..10).map(|k| 1.0 / k as f64).sum();
        assert!(close(digamma(10.0), h9 - EULER, 1e-14));
        assert!(close(digamma(1e-3), -1000.0 - EULER + 1.644_934e-3, 1e-8));
        assert!(digamma(0.0).is_nan() && digamma(-1.0).is_nan());
    }

    #[test]
    fn hyp2f1_known_values() {
        // ₂F₁(1, 1; 2; z) = −ln(1 − z) / z
        for z in [0.1, 0.5, 0.9] {
            let want = -(1.0f64 - z).ln() / z;
            assert!(close(hyp2f1(1.0, 1.0, 2.0, z).unwrap(), want, 1e-13));
        }
        // ₂F₁(a, b; b; z) = (1 − z)^−a
        assert!(close(
            hyp2f1(2.5, 3.0, 3.0, 0.3).unwrap(),
            0.7f64.powf(-2.5),
            1e-13
        ));
        assert_eq!(hyp2f1(1.0, 1.0, 2.0, 0.0), Some(1.0));
        assert_eq!(hyp2f1(1.0, 1.0, 2.0, 1.0), None);
    }

    /// The series for one z, term by term.
    fn plain(a: f64, b: f64, c: f64, z: f64) -> Option<f64> {
        let (mut term, mut sum) = (1.0f64, 1.0f64);
        for n in 0..100_000 {
            let n = n as f64;
            term *= (a + n) * (b + n) / ((c + n) * (n + 1.0)) * z;
            sum += term;
            if term.abs() <= 1e-16 * sum.abs() {
                return sum.is_finite().then_some(sum);
            }
        }
        None
    }

    proptest! {
        /// Many points in one pass give each point's plain series, bit for bit.
        #[test]
        fn each_point_as_alone(
            a in 0.1f64..20.0,
            b in -3.0f64..5.0,
            c in 0.5f64..30.0,
            zs in proptest::collection::vec(0.0f64..0.95, 1..14),
        ) {
            let mut out = vec![0.0; zs.len()];
            let all = hyp2f1_each(a, b, c, &zs, &mut out);
            let alone: Option<Vec<f64>> = zs.iter().map(|&z| plain(a, b, c, z)).collect();
            prop_assert_eq!(all.map(|()| out), alone);
        }
    }

    proptest! {
        /// ψ is the derivative of ln Γ.
        #[test]
        fn digamma_is_the_slope_of_ln_gamma(x in 0.05f64..200.0) {
            let h = 1e-5 * x.max(1.0);
            let slope = (ln_gamma(x + h) - ln_gamma(x - h)) / (2.0 * h);
            prop_assert!(close(digamma(x), slope, 1e-6), "x {x}: {} vs {slope}", digamma(x));
        }
    }
}
