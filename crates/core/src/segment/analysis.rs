//! RFM scores, segments and lifecycle stages of every customer in the database, in
//! one pass over the order facts (which `Db` keeps grouped by customer and sorted by
//! time within each bucket). The same rules as `rfm` and `lifecycle`, laid out per
//! customer position for speed: 1M orders take a few milliseconds.
//!
//! Days are the shop's local days (`offset_minutes` from UTC). Recency and frequency
//! count every order that counts (paid or pending); monetary counts those in the main
//! currency only. Lifecycle stages look at the same window.

use super::lifecycle::{Histogram, Stage, Thresholds};
use super::rfm::{fm, score, ScoringRules, Segment, SegmentMap, Window};
use crate::clv::potential::Potential;
use crate::db::{Db, BUCKETS};
use crate::model::Currency;
use crate::time::Day;
use crate::timeline::{day_of, MINUTES_PER_DAY};
use serde::{Deserialize, Serialize};

/// What the analysis is computed for; saved in the app's settings.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Params {
    pub as_of: Day,
    /// Only the last this many days count (all history when `None`).
    pub window_days: Option<u32>,
    pub offset_minutes: i32,
    pub currency: Currency,
    pub scoring: ScoringRules,
    pub map: SegmentMap,
    /// Lifecycle thresholds set by the user; derived from the data when `None`.
    pub stages: Option<Thresholds>,
    /// What lifetime values are computed over (not saved: it comes from settings).
    #[serde(skip)]
    pub horizon: crate::clv::predict::Horizon,
}

impl Params {
    pub fn new(as_of: Day, currency: Currency) -> Params {
        Params {
            as_of,
            window_days: None,
            offset_minutes: 0,
            currency,
            scoring: ScoringRules::default(),
            map: SegmentMap::default(),
            stages: None,
            horizon: Default::default(),
        }
    }

    pub fn window(&self) -> Window {
        Window {
            as_of: self.as_of,
            days: self.window_days,
        }
    }
}

/// Customers and revenue of one cell or segment.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Tally {
    pub customers: u32,
    /// Minor units of the main currency.
    pub revenue: i64,
}

/// Per-customer results, indexed by the customer's position in `Db`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Analysis {
    pub params: Option<Params>,
    pub thresholds: Thresholds,
    /// Days since the last purchase (-1: none in the window).
    pub recency: Vec<i32>,
    /// Distinct purchase days.
    pub frequency: Vec<u32>,
    /// Spend in the main currency, minor units.
    pub monetary: Vec<i64>,
    /// Scores 1–5; 0 for customers without purchases in the window.
    pub r: Vec<u8>,
    pub f: Vec<u8>,
    pub m: Vec<u8>,
    pub segment: Vec<Option<Segment>>,
    pub stage: Vec<Stage>,
    /// `grid[r - 1][fm - 1]`.
    pub grid: [[Tally; 5]; 5],
    /// Indexed like `Segment::ALL`.
    pub segments: [Tally; 11],
    /// Live customers per stage, indexed like `Stage::ALL`.
    pub stages: [u32; 6],
    /// Live customers with and without purchases, and all revenue in the window.
    pub buyers: u32,
    pub customers: u32,
    pub revenue: i64,
    /// Lifetime value, P(alive) and churn risk (filled after `compute`, step by step).
    pub potential: Potential,
    /// Up to `NEXT` product term numbers to offer each position next, best first
    /// (`NONE` pads); empty until filled (`set_next`).
    pub next: Vec<u32>,
    /// The product rules `next` comes from.
    pub cross_sell: Option<crate::crosssell::Rules>,
    /// Product term numbers bought by the most customers, most first (set with
    /// `clear_next`): what to offer when no rule fits.
    pub best_sellers: Vec<u32>,
}

/// Best sellers kept.
pub const BEST_SELLERS: usize = 20;

/// Products suggested per customer.
pub const NEXT: usize = 3;
/// No suggestion.
pub const NONE: u32 = u32::MAX;

/// The window as minutes since the epoch (UTC): `lo <= minute < hi`.
fn minute_bounds(window: &Window, offset_minutes: i32) -> (i64, i64) {
    let day = MINUTES_PER_DAY as i64;
    let hi = (window.as_of.0 as i64 + 1) * day - offset_minutes as i64;
    let lo = match window.days {
        Some(d) => (window.as_of.0 as i64 - d as i64 + 1) * day - offset_minutes as i64,
        None => i64::MIN,
    };
    (lo, hi)
}

impl Analysis {
    pub fn compute(db: &Db, params: &Params) -> Analysis {
        let n = db.len();
        let window = params.window();
        let mut a = Analysis {
            recency: vec![-1; n],
            frequency: vec![0; n],
            monetary: vec![0; n],
            ..Default::default()
        };
        let mut gaps = Histogram::default();
        let (lo, hi) = minute_bounds(&window, params.offset_minutes);
        for b in 0..BUCKETS {
            let t = db.timeline(b);
            for run in &t.runs {
                let p = run.position as usize;
                let minutes = &t.minute[run.start as usize..run.end as usize];
                // Orders are by time: the window is one stretch of the run.
                let first = run.start as usize + minutes.partition_point(|&m| (m as i64) < lo);
                let end = run.start as usize + minutes.partition_point(|&m| (m as i64) < hi);
                if first == end {
                    continue;
                }
                let mut spent = 0i64;
                let mut last = i32::MIN;
                let mut days = 0u32;
                for i in first..end {
                    if t.currency[i] == params.currency {
                        spent += t.total[i];
                    }
                    let day = day_of(t.minute[i], params.offset_minutes).0;
                    if day != last {
                        if days > 0 {
                            gaps.add((day - last) as u32);
                        }
                        days += 1;
                        last = day;
                    }
                }
                a.monetary[p] = spent;
                a.frequency[p] = days;
                a.recency[p] = params.as_of.0 - last;
            }
        }
        let live_column = &db.columns().live;
        let live = |p: usize| live_column[p];
        let buyers: Vec<usize> = (0..n).filter(|&p| live(p) && a.frequency[p] > 0).collect();
        a.thresholds = params.stages.unwrap_or_else(|| {
            let mut frequencies = Histogram::default();
            for &p in &buyers {
                frequencies.add(a.frequency[p]);
            }
            Thresholds::from_histograms(&gaps, &frequencies)
        });
        let pick = |v: &dyn Fn(usize) -> f64| buyers.iter().map(|&p| v(p)).collect::<Vec<f64>>();
        let r = score(
            &pick(&|p| a.recency[p] as f64),
            &params.scoring.recency,
            true,
        );
        let f = score(
            &pick(&|p| a.frequency[p] as f64),
            &params.scoring.frequency,
            false,
        );
        let m = score(
            &pick(&|p| a.monetary[p] as f64),
            &params.scoring.monetary,
            false,
        );
        a.r = vec![0; n];
        a.f = vec![0; n];
        a.m = vec![0; n];
        a.segment = vec![None; n];
        for (k, &p) in buyers.iter().enumerate() {
            a.r[p] = r[k];
            a.f[p] = f[k];
            a.m[p] = m[k];
            let fm = fm(f[k], m[k]);
            let s = params.map.cell(r[k], fm);
            a.segment[p] = Some(s);
            let money = a.monetary[p];
            let cell = &mut a.grid[r[k] as usize - 1][fm as usize - 1];
            cell.customers += 1;
            cell.revenue += money;
            let t = &mut a.segments[s as usize];
            t.customers += 1;
            t.revenue += money;
            a.revenue += money;
        }
        a.stage = (0..n)
            .map(|p| {
                let last = (a.frequency[p] > 0).then(|| Day(params.as_of.0 - a.recency[p]));
                a.thresholds.stage_of(a.frequency[p], last, params.as_of)
            })
            .collect();
        for (p, st) in a.stage.iter().enumerate() {
            if live(p) {
                a.stages[*st as usize] += 1;
            }
        }
        a.buyers = buyers.len() as u32;
        a.customers = (0..n).filter(|&p| live(p)).count() as u32;
        a.params = Some(params.clone());
        a
    }

    /// The largest value of `of` over the RFM grid's cells (at least 1: a scale).
    pub fn grid_max(&self, of: impl Fn(&Tally) -> i64) -> i64 {
        self.grid.iter().flatten().map(of).max().unwrap_or(1).max(1)
    }

    /// The products to offer the customer at `position` next, best first.
    pub fn next_at(&self, position: u32) -> &[u32] {
        let at = position as usize * NEXT;
        let list = self.next.get(at..at + NEXT).unwrap_or(&[]);
        let n = list.iter().take_while(|t| **t != NONE).count();
        &list[..n]
    }

    /// Sets every position's suggestions from a recommender over product rules.
    pub fn set_next(&mut self, db: &Db, recommender: &crate::crosssell::Recommender) {
        self.clear_next(db);
        self.fill_next(db, recommender, 0..db.len() as u32);
    }

    /// Makes room for the next products of every customer, none yet, and ranks the
    /// best sellers.
    pub fn clear_next(&mut self, db: &Db) {
        self.next = vec![NONE; db.len() * NEXT];
        self.best_sellers = super::verdict::best_sellers(db, BEST_SELLERS);
    }

    /// Sets the next products of the live customers at `positions` (after
    /// `clear_next`; the app goes slice by slice).
    pub fn fill_next(
        &mut self,
        db: &Db,
        recommender: &crate::crosssell::Recommender,
        positions: std::ops::Range<u32>,
    ) {
        let live = &db.columns().live;
        for p in positions {
            let p = p as usize;
            if !live.get(p).copied().unwrap_or(false) {
                continue;
            }
            let found = recommender.for_customer(db.bought_at(p as u32), NEXT);
            for (k, s) in found.iter().enumerate() {
                self.next[p * NEXT + k] = s.item;
            }
        }
    }

    /// Whether this analysis still describes `db` (same number of customers).
    pub fn fits(&self, db: &Db) -> bool {
        self.recency.len() == db.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::bucket_of;
    use crate::facts::OrderFact;

    use crate::id::Id;
    use crate::model::{Customer, OrderStatus};
    use crate::record::Record;
    use crate::segment::rfm::{score_all, values, Purchase};
    use proptest::prelude::*;
    use std::collections::HashMap;

    fn customer(n: u64) -> Record<Customer> {
        let data = Customer {
            display_name: format!("C{n}"),
            ..Default::default()
        };
        Record::new(
            Id::new_v7(n, [n as u8; 10]),
            data,
            crate::fixtures::stamp(1, 1),
        )
    }

    fn db_with(orders: &[(u64, i32, i64, OrderStatus)], customers: u64) -> Db {
        let cs: Vec<Record<Customer>> = (1..=customers).map(customer).collect();
        let mut by: HashMap<u32, Vec<OrderFact>> = HashMap::new();
        for (k, (c, day, total, status)) in orders.iter().enumerate() {
            let id = Id::new_v7(*c, [*c as u8; 10]);
            by.entry(bucket_of(id)).or_default().push(OrderFact {
                order: Id::new_v7(1000 + k as u64, [0; 10]),
                customer: id,
                placed_at: Day(*day).start_millis() + 3_600_000,
                total: *total,
                currency: Currency::VND,
                status: *status,
            });
        }
        Db::load(cs, by.into_iter().collect(), vec![])
    }

    #[test]
    fn matches_the_reference_rfm_and_counts_cells() {
        use OrderStatus::*;
        let orders = [
            (1, 100, 500, Paid),
            (1, 100, 300, Paid),
            (1, 90, 200, Pending),
            (2, 50, 9000, Paid),
            (2, 60, 1000, Refunded),
            (3, 99, 10, Cancelled),
            (4, 120, 70, Paid), // after as-of
        ];
        let db = db_with(&orders, 5);
        let a = Analysis::compute(&db, &Params::new(Day(100), Currency::VND));
        let p = |c: u64| db.position(Id::new_v7(c, [c as u8; 10])).unwrap() as usize;
        assert_eq!(
            (a.recency[p(1)], a.frequency[p(1)], a.monetary[p(1)]),
            (0, 2, 1000)
        );
        assert_eq!(
            (a.recency[p(2)], a.frequency[p(2)], a.monetary[p(2)]),
            (50, 1, 9000)
        );
        assert_eq!(a.frequency[p(3)], 0, "cancelled does not count");
        assert_eq!(a.frequency[p(4)], 0, "after as-of does not count");
        assert_eq!(a.r[p(3)], 0);
        assert_eq!(a.segment[p(5)], None);
        assert_eq!(a.stage[p(5)], Stage::Prospect);
        assert_eq!(a.stages.iter().sum::<u32>(), 5);
        assert_eq!(a.stages[Stage::Prospect as usize], 3);
        assert_eq!((a.buyers, a.customers, a.revenue), (2, 5, 10_000));
        let cells: u32 = a.grid.iter().flatten().map(|t| t.customers).sum();
        assert_eq!(cells, 2);
        assert_eq!(a.segments.iter().map(|t| t.revenue).sum::<i64>(), 10_000);
    }

    proptest! {
        /// The fast per-position pass agrees with the reference `rfm` functions.
        #[test]
        fn agrees_with_reference(orders in prop::collection::vec((1u64..20, 0i32..200, 1i64..10_000, 0usize..4), 0..80),
                                 window in prop::option::of(1u32..150)) {
            let orders: Vec<(u64, i32, i64, OrderStatus)> = orders.into_iter().map(|(c, d, t, s)| (c, d, t, OrderStatus::ALL[s])).collect();
            let db = db_with(&orders, 20);
            let mut params = Params::new(Day(150), Currency::VND);
            params.window_days = window;
            let a = Analysis::compute(&db, &params);
            let purchases: Vec<Purchase<u64>> = orders.iter().filter(|o| o.3.counts()).map(|o| Purchase { customer: o.0, day: Day(o.1), amount: o.2 as f64 }).collect();
            let reference = score_all(values(&purchases, params.window()), &params.scoring, &params.map);
            prop_assert_eq!(reference.len() as u32, a.buyers);
            for s in reference {
                let p = db.position(Id::new_v7(s.values.customer, [s.values.customer as u8; 10])).unwrap() as usize;
                prop_assert_eq!(a.recency[p], s.values.recency_days);
                prop_assert_eq!(a.frequency[p], s.values.frequency);
                prop_assert_eq!(a.monetary[p] as f64, s.values.monetary);
                prop_assert_eq!((a.r[p], a.f[p], a.m[p]), (s.r, s.f, s.m));
                prop_assert_eq!(a.segment[p], Some(s.segment));
            }
        }
    }
}
