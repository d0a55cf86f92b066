//! Cohort retention: customers grouped by the month of their first order, and how
//! many of each group ordered in each month after.

use super::calendar::{month_index, month_start};
use super::{each_live_run, first_minute, slot, Range};
use crate::db::Db;
use crate::time::Day;

/// One cohort: the live customers whose first order ever (among the orders that
/// count: paid or pending) fell in `month`, on the shop's local days.
#[derive(Clone, Debug, PartialEq)]
pub struct CohortRow {
    /// The first day of the cohort's month.
    pub month: Day,
    /// Customers in the cohort.
    pub size: u32,
    /// `active[k]`: customers of the cohort with at least one order in the `k`-th
    /// month after `month` (so `active[0] == size`), for every month up to the
    /// range's last month.
    pub active: Vec<u32>,
}

impl CohortRow {
    /// The share of the cohort active in its `k`-th month (1.0 for `k = 0`). `None`
    /// for an empty cohort or a month past the range.
    pub fn retention(&self, k: usize) -> Option<f64> {
        let active = *self.active.get(k)?;
        (self.size > 0).then(|| active as f64 / self.size as f64)
    }
}

/// The cohorts of the months of a range, oldest first: a triangle, each row one
/// month shorter than the one before.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Cohorts {
    pub rows: Vec<CohortRow>,
}

/// The cohorts of `range` for a shop `offset_minutes` from UTC. The range is taken in
/// whole calendar months: there is one row per month from the month of `range.from`
/// to the month of `range.to` (empty cohorts included), and its cells count orders
/// anywhere in their months, up to the end of the month of `range.to`. Customers
/// whose first order is before the first month are in no cohort. An empty range
/// gives no rows.
pub fn cohorts(db: &Db, range: Range, offset_minutes: i32) -> Cohorts {
    if range.is_empty() {
        return Cohorts::default();
    }
    let (first_month, last_month) = (month_index(range.from), month_index(range.to));
    let n = (last_month - first_month + 1) as usize;
    // Month j of the range is the minutes bounds[j]..bounds[j + 1].
    let bounds: Vec<i64> = (first_month..=last_month + 1)
        .map(|m| first_minute(month_start(m).0 as i64, offset_minutes))
        .collect();
    let end = bounds[n];
    let mut rows: Vec<CohortRow> = (0..n)
        .map(|j| CohortRow {
            month: month_start(first_month + j as i32),
            size: 0,
            active: vec![0; n - j],
        })
        .collect();
    each_live_run(db, |t, run| {
        let minutes = &t.minute[run.start as usize..run.end as usize];
        let Some(&first) = minutes.first() else {
            return;
        };
        let first = first as i64;
        if first < bounds[0] || first >= end {
            return;
        }
        let cohort = slot(&bounds, 0, first);
        let row = &mut rows[cohort];
        row.size += 1;
        row.active[0] += 1;
        // Orders are by time: count each later month once, when it is reached.
        let mut j = cohort;
        for &m in &minutes[1..] {
            let m = m as i64;
            if m < bounds[j + 1] {
                continue;
            }
            if m >= end {
                break;
            }
            j = slot(&bounds, j, m);
            row.active[j - cohort] += 1;
        }
    });
    Cohorts { rows }
}
