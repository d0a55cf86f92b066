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

/// The value and gradient of the function minimised.
pub type Objective<'a> = dyn Fn(&[f64]) -> (f64, Vec<f64>) + 'a;

/// Minimises `f` (value and gradient) from `x0`. A non-finite value counts as
/// infinitely bad, so the line search steps back from it. (The models go through
/// `Likelihood`, a `Search` underneath; this runs one to its end for the tests.)
#[cfg(test)]
pub fn bfgs(f: impl Fn(&[f64]) -> (f64, Vec<f64>), x0: &[f64], tolerance: f64) -> Minimum {
    let mut search = Search::new(&f, x0, tolerance);
    loop {
        if let Some(m) = search.step(&f) {
            return m;
        }
    }
}

/// A BFGS search one iteration at a time, so that a caller can pause between them
/// (the app yields to the page); `bfgs` runs one to its end.
pub struct Search {
    x: Vec<f64>,
    fx: f64,
    g: Vec<f64>,
    h: Vec<Vec<f64>>,
    iterations: usize,
    tolerance: f64,
}

const MAX_ITERATIONS: usize = 1000;

fn norm(g: &[f64]) -> f64 {
    g.iter().fold(0.0f64, |m, v| m.max(v.abs()))
}

impl Search {
    pub fn new(f: &Objective, x0: &[f64], tolerance: f64) -> Search {
        let x = x0.to_vec();
        let (fx, g) = f(&x);
        Search {
            h: identity(x.len()),
            x,
            fx,
            g,
            iterations: 0,
            tolerance,
        }
    }

    fn end(&self, converged: bool) -> Minimum {
        Minimum {
            x: self.x.clone(),
            value: self.fx,
            iterations: self.iterations,
            converged,
        }
    }

    /// One iteration (a direction and its line search); the minimum once the search
    /// has ended. `f` must be the function the search started with.
    pub fn step(&mut self, f: &Objective) -> Option<Minimum> {
        let n = self.x.len();
        let (x, g) = (&self.x, &self.g);
        if self.iterations >= MAX_ITERATIONS
            || !self.fx.is_finite()
            || g.iter().any(|v| !v.is_finite())
        {
            let converged = self.fx.is_finite() && norm(g) <= self.tolerance;
            return Some(self.end(converged));
        }
        if norm(g) <= self.tolerance {
            return Some(self.end(true));
        }
        self.iterations += 1;
        let mut d: Vec<f64> = (0..n).map(|i| -dot(&self.h[i], g)).collect();
        let mut slope = dot(&d, g);
        if slope >= 0.0 {
            // Not a descent direction (curvature lost): start again from the gradient.
            self.h = identity(n);
            d = g.iter().map(|v| -v).collect();
            slope = dot(&d, g);
        }
        let mut step = 1.0;
        let found = loop {
            let next: Vec<f64> = x.iter().zip(&d).map(|(a, b)| a + step * b).collect();
            let (fn_, gn) = f(&next);
            if fn_.is_finite() && fn_ <= self.fx + 1e-4 * step * slope {
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
            return Some(self.end(norm(g) <= FLOOR));
        };
        let s: Vec<f64> = next.iter().zip(x).map(|(a, b)| a - b).collect();
        let y: Vec<f64> = gn.iter().zip(g).map(|(a, b)| a - b).collect();
        let sy = dot(&s, &y);
        if sy > 1e-300 {
            if self.iterations == 1 {
                // Scale the first guess of the inverse Hessian by the curvature just
                // seen (Nocedal & Wright, 6.20): fewer steps are tried and rejected.
                let scale = sy / dot(&y, &y);
                self.h.iter_mut().flatten().for_each(|v| *v *= scale);
            }
            update_inverse(&mut self.h, &s, &y, sy);
        }
        let stalled = (self.fx - fn_).abs() <= 1e-16 * self.fx.abs().max(1.0) && norm(&s) < 1e-14;
        self.x = next;
        self.fx = fn_;
        self.g = gn;
        stalled.then(|| self.end(norm(&self.g) <= FLOOR))
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
    let mut search = Likelihood::new(n, start, &each);
    loop {
        if let Some(found) = search.step(&each) {
            return found;
        }
    }
}

/// What `maximum_likelihood` reads: (weight, ln L, gradient) of every item.
pub type Items<'a, const K: usize> = dyn Fn(&[f64; K], &mut dyn FnMut(f64, f64, [f64; K])) + 'a;

/// `maximum_likelihood` one step at a time.
pub struct Likelihood<const K: usize> {
    n: f64,
    search: Search,
}

fn exp_of<const K: usize>(theta: &[f64]) -> [f64; K] {
    std::array::from_fn(|i| theta[i].exp())
}

/// The negative mean log-likelihood over log-parameters, and its gradient.
fn objective<'a, const K: usize>(
    n: f64,
    each: &'a Items<'a, K>,
) -> impl Fn(&[f64]) -> (f64, Vec<f64>) + 'a {
    move |theta: &[f64]| {
        let p = exp_of::<K>(theta);
        let mut value = 0.0;
        let mut grad = [0.0; K];
        each(&p, &mut |w, ll, g| {
            value -= w * ll;
            for i in 0..K {
                grad[i] -= w * g[i] * p[i];
            }
        });
        (value / n, grad.iter().map(|g| g / n).collect())
    }
}

impl<const K: usize> Likelihood<K> {
    pub fn new(n: f64, start: [f64; K], each: &Items<K>) -> Likelihood<K> {
        let start: Vec<f64> = start.iter().map(|v| v.ln()).collect();
        Likelihood {
            n,
            search: Search::new(&objective(n, each), &start, 1e-9),
        }
    }

    /// One step; once ended, the parameters, the summed log-likelihood and the
    /// iterations, or None if it did not converge. `each` must be the items the
    /// search started with.
    pub fn step(&mut self, each: &Items<K>) -> Option<Option<([f64; K], f64, usize)>> {
        let m = self.search.step(&objective(self.n, each))?;
        Some(
            m.converged
                .then(|| (exp_of(&m.x), -m.value * self.n, m.iterations)),
        )
    }
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
