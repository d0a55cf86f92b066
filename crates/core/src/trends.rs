//! Sales trends for the dashboard: KPIs per day, week or month of a date range
//! (revenue, orders, average order value, active, new and returning customers),
//! period-over-period change, and monthly cohort retention.
//!
//! What counts: the orders that count (paid or pending) of live (not deleted)
//! customers, as `Db` keeps them in its timelines. Which day: the shop's local day, an
//! order placed at `minute` (UTC) falling on `day_of(minute, offset_minutes)`.
//!
//! Each computation is one pass over the timelines. Instead of working out each
//! order's day, the passes compare its minute with the first minute of each period
//! (exact, as offsets are whole minutes); orders are sorted by time within a customer,
//! so an order costs a comparison and a few additions, and nothing is allocated per
//! order or per customer.

mod calendar;
mod cohort;
#[cfg(test)]
mod tests;

pub use calendar::{month_index, month_start, Grain};
pub use cohort::{cohorts, CohortRow, Cohorts};

use crate::db::{Db, BUCKETS};
use crate::model::Currency;
use crate::time::Day;
use crate::timeline::{Run, Timeline, MINUTES_PER_DAY};
use serde::{Deserialize, Serialize};

/// A range of the shop's local days, both ends included. Empty when `to < from`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Range {
    pub from: Day,
    pub to: Day,
}

impl Range {
    pub fn new(from: Day, to: Day) -> Range {
        Range { from, to }
    }

    /// The number of days (0 when empty).
    pub fn days(self) -> u32 {
        (self.to.0 as i64 - self.from.0 as i64 + 1).max(0) as u32
    }

    pub fn is_empty(self) -> bool {
        self.to < self.from
    }

    pub fn contains(self, day: Day) -> bool {
        self.from <= day && day <= self.to
    }
}

/// The range of as many days as `range`, ending the day before it starts: what
/// "compared with the previous period" compares with.
pub fn previous(range: Range) -> Range {
    let n = range.days() as i32;
    Range {
        from: Day(range.from.0 - n),
        to: Day(range.from.0 - 1),
    }
}

/// The relative change from `before` to `now`: 0.25 for +25 %, -1.0 when `now` is 0.
/// `None` when `before` is 0 (nothing to compare with) or either is not finite. The
/// base is taken as its absolute value, so the sign always says up or down.
pub fn change(now: f64, before: f64) -> Option<f64> {
    if before == 0.0 || !before.is_finite() || !now.is_finite() {
        return None;
    }
    Some((now - before) / before.abs())
}

/// The KPIs of one period (or of a whole range). Only live customers and the orders
/// that count (paid or pending) are included; days are the shop's local days.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PeriodKpis {
    /// First day of the period (clipped to the range).
    pub start: Day,
    /// Last day of the period, included (clipped to the range).
    pub end: Day,
    /// Sum of the orders in the chosen currency, in its minor units; orders in other
    /// currencies are left out (never converted).
    pub revenue: i64,
    /// Every order, in any currency.
    pub orders: u32,
    /// The orders in the chosen currency: those `revenue` adds up.
    pub currency_orders: u32,
    /// Distinct customers with at least one order in the period.
    pub active: u32,
    /// Active customers whose first order ever is in the period.
    pub new: u32,
    /// Active customers who had bought on a day before their first order in the
    /// period: repeat buyers. As a first order ever in the period is also the first
    /// in the period, every active customer is either new or returning.
    pub returning: u32,
}

impl PeriodKpis {
    fn empty(range: Range) -> PeriodKpis {
        PeriodKpis {
            start: range.from,
            end: range.to,
            revenue: 0,
            orders: 0,
            currency_orders: 0,
            active: 0,
            new: 0,
            returning: 0,
        }
    }

    /// Average order value: `revenue / currency_orders`, in minor units of the chosen
    /// currency. `None` without orders in that currency.
    pub fn aov(&self) -> Option<f64> {
        (self.currency_orders > 0).then(|| self.revenue as f64 / self.currency_orders as f64)
    }

    /// The share of active customers who are returning. `None` without active ones.
    pub fn repeat_rate(&self) -> Option<f64> {
        (self.active > 0).then(|| self.returning as f64 / self.active as f64)
    }

    fn add_customer(&mut self, is_new: bool) {
        self.active += 1;
        if is_new {
            self.new += 1;
        } else {
            self.returning += 1;
        }
    }

    fn add_order(&mut self, total: i64, in_currency: bool) {
        self.orders += 1;
        if in_currency {
            self.revenue += total;
            self.currency_orders += 1;
        }
    }
}

/// KPIs per period of a range, and for the whole range.
#[derive(Clone, Debug, PartialEq)]
pub struct Trend {
    /// Every period overlapping the range, clipped to it, in order, empty ones
    /// included.
    pub periods: Vec<PeriodKpis>,
    /// The whole range, counted on its own: `active`, `new` and `returning` count
    /// each customer once, not once per period.
    pub total: PeriodKpis,
}

impl Trend {
    /// Whether the last period is still running on `today` (the range ends today or
    /// later, before the period does): its numbers are so far, not a fall.
    pub fn last_unfinished(&self, grain: Grain, today: Day) -> bool {
        self.periods
            .last()
            .is_some_and(|p| p.end >= today && grain.next_start(p.start).0 - 1 > p.end.0)
    }
}

/// The KPIs of `range` cut by `grain`, for a shop `offset_minutes` from UTC, revenue
/// in `currency`. See `PeriodKpis` for what each number counts. An empty range gives
/// no periods and a zero total.
pub fn kpis(db: &Db, range: Range, grain: Grain, offset_minutes: i32, currency: Currency) -> Trend {
    let spans = grain.periods(range);
    let mut periods: Vec<PeriodKpis> = spans.iter().map(|&r| PeriodKpis::empty(r)).collect();
    let mut total = PeriodKpis::empty(range);
    if spans.is_empty() {
        return Trend { periods, total };
    }
    // Period k is the minutes bounds[k]..bounds[k + 1].
    let mut bounds: Vec<i64> = spans
        .iter()
        .map(|r| first_minute(r.from.0 as i64, offset_minutes))
        .collect();
    bounds.push(first_minute(range.to.0 as i64 + 1, offset_minutes));
    let (lo, hi) = (bounds[0], bounds[spans.len()]);
    each_live_run(db, |t, run| {
        let (start, end) = (run.start as usize, run.end as usize);
        let minutes = &t.minute[start..end];
        let Some(&first_ever) = minutes.first() else {
            return;
        };
        let first_ever = first_ever as i64;
        // Orders are by time: the range is one stretch of the run.
        let from = start + minutes.partition_point(|&m| (m as i64) < lo);
        let to = start + minutes.partition_point(|&m| (m as i64) < hi);
        if from == to {
            return;
        }
        total.add_customer(first_ever >= lo);
        let (mut k, mut next) = (0, i64::MIN);
        for i in from..to {
            let m = t.minute[i] as i64;
            if m >= next {
                // The customer's first order in a new period.
                k = slot(&bounds, k, m);
                next = bounds[k + 1];
                periods[k].add_customer(first_ever >= bounds[k]);
            }
            let in_currency = t.currency[i] == currency;
            periods[k].add_order(t.total[i], in_currency);
            total.add_order(t.total[i], in_currency);
        }
    });
    Trend { periods, total }
}

/// The first minute (UTC, since the epoch) of local day `day`.
fn first_minute(day: i64, offset_minutes: i32) -> i64 {
    day * MINUTES_PER_DAY as i64 - offset_minutes as i64
}

/// The `k` with `bounds[k] <= m < bounds[k + 1]`, searching from `from` (for which
/// `bounds[from] <= m` holds) on; `m` is before the last bound.
fn slot(bounds: &[i64], from: usize, m: i64) -> usize {
    from + bounds[from + 1..].partition_point(|&b| b <= m)
}

/// Calls `f` with each live customer's run of orders.
fn each_live_run(db: &Db, mut f: impl FnMut(&Timeline, &Run)) {
    let live = &db.columns().live;
    for b in 0..BUCKETS {
        let t = db.timeline(b);
        for run in t.runs.iter().filter(|r| live[r.position as usize]) {
            f(t, run);
        }
    }
}
