//! Long work on the main thread without freezing the page: work in small pieces and
//! give the browser a turn (`yield_now`) once a piece of work has run for a frame.

use super::demo::yield_now;

/// How long work may run before it yields (one frame at 60 Hz).
pub const BUDGET_MS: f64 = 16.0;

fn now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// A performance mark (read by the benchmarks and tests).
pub fn mark(name: &str) {
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let _ = p.mark(name);
    }
}

/// A performance measure from mark `start` to now (read by the benchmarks).
pub fn measure(name: &str, start: &str) {
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let _ = p.measure_with_start_mark(name, start);
    }
}

/// Counts the time since the last yield.
pub struct Pacer {
    budget_ms: f64,
    since: f64,
}

impl Pacer {
    pub fn new(budget_ms: f64) -> Pacer {
        Pacer {
            budget_ms,
            since: now(),
        }
    }

    /// Yields to the browser if the work since the last yield took the budget.
    pub async fn pause(&mut self) {
        if now() - self.since >= self.budget_ms {
            yield_now().await;
            self.since = now();
        }
    }
}

/// Runs `work` over `0..n` in slices of `slice`, letting `pacer` yield between them;
/// stops (returning false) as soon as `stale` says the result is not wanted.
pub async fn for_slices(
    n: u32,
    slice: u32,
    pacer: &mut Pacer,
    stale: &dyn Fn() -> bool,
    mut work: impl FnMut(std::ops::Range<u32>),
) -> bool {
    let mut start = 0;
    while start < n {
        let end = (start + slice).min(n);
        work(start..end);
        start = end;
        if start < n {
            pacer.pause().await;
            if stale() {
                return false;
            }
        }
    }
    true
}
