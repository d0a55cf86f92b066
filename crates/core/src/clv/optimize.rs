//! Minimising a smooth function with its gradient: BFGS with a backtracking line
//! search (the likelihoods here have four parameters or fewer, so the dense inverse
//! Hessian is tiny). The models minimise the negative mean log-likelihood over the
//! logarithms of their parameters, so every step stays in the positive range.

/// Where the search ended.
#[derive(Clone, Debug, PartialEq)]
pub struct Minimum {
    pub x: Vec<f64>,
    pub value: f64,
    pub iterations: usize,
    /// The gradient fell below the tolerance (else the search stalled or ran out).
    pub converged: bool,
}

/// The gradient below which a search that can no longer lower the value (floating
/// point) counts as converged: the parameters are then good to far more digits than
/// the models are compared on.
const FLOOR: f64 = 1e-6;

/// Minimises `f` (value and gradient) from `x0`. A non-finite value counts as
/// infinitely bad, so the line search steps back from it.
pub fn bfgs(f: impl Fn(&[f64]) -> (f64, Vec<f64>), x0: &[f64], tolerance: f64) -> Minimum {
    const MAX_ITERATIONS: usize = 1000;
    let n = x0.len();
    let mut x = x0.to_vec();
    let (mut fx, mut g) = f(&x);
    let mut h = identity(n);
    let mut iterations = 0;
    let norm = |g: &[f64]| g.iter().fold(0.0f64, |m, v| m.max(v.abs()));
    while iterations < MAX_ITERATIONS {
        if !fx.is_finite() || g.iter().any(|v| !v.is_finite()) {
            break;
        }
        if norm(&g) <= tolerance {
            return Minimum {
                x,
                value: fx,
                iterations,
                converged: true,
            };
        }
        iterations += 1;
        let mut d: Vec<f64> = (0..n).map(|i| -dot(&h[i], &g)).collect();
        let mut slope = dot(&d, &g);
        if slope >= 0.0 {
            // Not a descent direction (curvature lost): start again from the gradient.
            h = identity(n);
            d = g.iter().map(|v| -v).collect();
            slope = dot(&d, &g);
        }
        let mut step = 1.0;
        let found = loop {
            let next: Vec<f64> = x.iter().zip(&d).map(|(a, b)| a + step * b).collect();
            let (fn_, gn) = f(&next);
            if fn_.is_finite() && fn_ <= fx + 1e-4 * step * slope {
                break Some((next, fn_, gn));
            }
            step *= 0.5;
            if step < 1e-20 {
                break None;
            }
        };
        let Some((next, fn_, gn)) = found else {
            // No step lowers the value any more: at the optimum as far as floating
            // point can tell, if the gradient is small.
            return Minimum {
                converged: norm(&g) <= FLOOR,
                x,
                value: fx,
                iterations,
            };
        };
        let s: Vec<f64> = next.iter().zip(&x).map(|(a, b)| a - b).collect();
        let y: Vec<f64> = gn.iter().zip(&g).map(|(a, b)| a - b).collect();
        let sy = dot(&s, &y);
        if sy > 1e-300 {
            if iterations == 1 {
                // Scale the first guess of the inverse Hessian by the curvature just
                // seen (Nocedal & Wright, 6.20): fewer steps are tried and rejected.
                let scale = sy / dot(&y, &y);
                h.iter_mut().flatten().for_each(|v| *v *= scale);
            }
            update_inverse(&mut h, &s, &y, sy);
        }
        let stalled = (fx - fn_).abs() <= 1e-16 * fx.abs().max(1.0) && norm(&s) < 1e-14;
        x = next;
        fx = fn_;
        g = gn;
        if stalled {
            return Minimum {
                converged: norm(&g) <= FLOOR,
                x,
                value: fx,
                iterations,
            };
        }
    }
    let converged = fx.is_finite() && norm(&g) <= tolerance;
    Minimum {
        x,
        value: fx,
        iterations,
        converged,
    }
}

/// Maximum likelihood over positive parameters: `each` calls its argument with
/// (weight, ln L, gradient of ln L) for every item at the given parameters. The search
/// runs over their logarithms (every step stays positive), on the mean over `n` items
/// (so the tolerance does not depend on the data's size). Returns the parameters, the
/// summed log-likelihood and the iterations, or None if it did not converge.
pub fn maximum_likelihood<const K: usize>(
    n: f64,
    start: [f64; K],
    each: impl Fn(&[f64; K], &mut dyn FnMut(f64, f64, [f64; K])),
) -> Option<([f64; K], f64, usize)> {
    let exp = |theta: &[f64]| -> [f64; K] { std::array::from_fn(|i| theta[i].exp()) };
    let objective = |theta: &[f64]| {
        let p = exp(theta);
        let mut value = 0.0;
        let mut grad = [0.0; K];
        each(&p, &mut |w, ll, g| {
            value -= w * ll;
            for i in 0..K {
                grad[i] -= w * g[i] * p[i];
            }
        });
        (value / n, grad.iter().map(|g| g / n).collect())
    };
    let start: Vec<f64> = start.iter().map(|v| v.ln()).collect();
    let m = bfgs(objective, &start, 1e-9);
    m.converged.then(|| (exp(&m.x), -m.value * n, m.iterations))
}

fn identity(n: usize) -> Vec<Vec<f64>> {
    (0..n)
        .map(|i| (0..n).map(|j| if i == j { 1.0 } else { 0.0 }).collect())
        .collect()
}

fn dot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

/// H ← (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ, ρ = 1 / sᵀy.
fn update_inverse(h: &mut [Vec<f64>], s: &[f64], y: &[f64], sy: f64) {
    let n = s.len();
    let rho = 1.0 / sy;
    let hy: Vec<f64> = (0..n).map(|i| dot(&h[i], y)).collect();
    let yhy = dot(y, &hy);
    for i in 0..n {
        for j in 0..n {
            h[i][j] += -rho * (hy[i] * s[j] + s[i] * hy[j]) + (rho * rho * yhy + rho) * s[i] * s[j];
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_minimum_of_rosenbrock() {
        let f = |p: &[f64]| {
            let (x, y) = (p[0], p[1]);
            (
                (1.0 - x).powi(2) + 100.0 * (y - x * x).powi(2),
                vec![
                    -2.0 * (1.0 - x) - 400.0 * x * (y - x * x),
                    200.0 * (y - x * x),
                ],
            )
        };
        let m = bfgs(f, &[-1.2, 1.0], 1e-10);
        assert!(m.converged, "{m:?}");
        assert!(
            (m.x[0] - 1.0).abs() < 1e-8 && (m.x[1] - 1.0).abs() < 1e-8,
            "{m:?}"
        );
    }

    #[test]
    fn steps_back_from_values_that_are_not_finite() {
        // ln is undefined below 0: the search must stay where it is defined.
        let f = |p: &[f64]| {
            let x = p[0];
            let v = if x > 0.0 { x - 2.0 * x.ln() } else { f64::NAN };
            (v, vec![1.0 - 2.0 / x])
        };
        let m = bfgs(f, &[0.1], 1e-12);
        assert!(m.converged && (m.x[0] - 2.0).abs() < 1e-9, "{m:?}");
    }
}
