//! Periods of the calendar: days, weeks starting on Monday, calendar months. Integer
//! arithmetic only (the proleptic Gregorian calendar, like `Day::ymd`).

use super::Range;
use crate::time::Day;
use serde::{Deserialize, Serialize};

/// How a range is cut into periods.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Grain {
    #[default]
    Day,
    /// Monday to Sunday.
    Week,
    /// A calendar month.
    Month,
}

impl Grain {
    pub const ALL: [Grain; 3] = [Grain::Day, Grain::Week, Grain::Month];

    /// The first day of the period containing `day`: the day itself, the Monday on
    /// or before it, or the first of its month.
    pub fn start_of(self, day: Day) -> Day {
        match self {
            Grain::Day => day,
            // Day 0 (1970-01-01) was a Thursday, three days after a Monday.
            Grain::Week => Day(day.0 - (day.0 + 3).rem_euclid(7)),
            Grain::Month => Day(day.0 - (day.ymd().2 as i32 - 1)),
        }
    }

    /// The first day of the period after the one containing `day`.
    pub fn next_start(self, day: Day) -> Day {
        match self {
            Grain::Day => Day(day.0 + 1),
            Grain::Week => Day(self.start_of(day).0 + 7),
            Grain::Month => month_start(month_index(day) + 1),
        }
    }

    /// The periods overlapping `range`, in order, clipped to it (so the first and the
    /// last may be partial). None for an empty range.
    pub fn periods(self, range: Range) -> Vec<Range> {
        let mut out = Vec::new();
        let mut from = range.from;
        while from <= range.to {
            let next = self.next_start(from);
            out.push(Range {
                from,
                to: Day((next.0 - 1).min(range.to.0)),
            });
            from = next;
        }
        out
    }
}

/// Months since the start of year 0: `year * 12 + month - 1`, so consecutive months
/// have consecutive numbers.
pub fn month_index(day: Day) -> i32 {
    let (y, m, _) = day.ymd();
    y * 12 + m as i32 - 1
}

/// The first day of the month numbered `index` (as by `month_index`).
pub fn month_start(index: i32) -> Day {
    let (y, m) = (index.div_euclid(12), index.rem_euclid(12) as u32 + 1);
    Day(days_from_civil(y, m, 1))
}

/// Days since 1970-01-01 of a date (the inverse of `Day::ymd`; H. Hinnant's
/// days-from-civil).
fn days_from_civil(y: i32, m: u32, d: u32) -> i32 {
    let y = y as i64 - i64::from(m <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m as i64 + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    (era * 146_097 + doe - 719_468) as i32
}
