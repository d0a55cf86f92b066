//! Lifecycle stages: prospect, first-time buyer, repeat, loyal, at risk, lapsed.
//!
//! Thresholds come from the shop's own rhythm (`Thresholds::derive`): the gaps
//! between consecutive purchase days of all its customers. A customer silent for
//! longer than 90% of those gaps is at risk; for twice that, lapsed. Loyal means as
//! many purchase days as the top fifth of buyers (at least 3). The shop can edit all
//! of them. Each customer gets exactly one stage, by the first rule that applies:
//!
//! 1. no purchase: prospect
//! 2. days since the last purchase > lapsed: lapsed
//! 3. days since the last purchase > at risk: at risk
//! 4. one purchase day: first-time buyer
//! 5. purchase days ≥ loyal: loyal
//! 6. otherwise: repeat

use crate::time::Day;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Stage {
    Prospect,
    FirstTime,
    Repeat,
    Loyal,
    AtRisk,
    Lapsed,
}

impl Stage {
    pub const ALL: [Stage; 6] = [
        Stage::Prospect,
        Stage::FirstTime,
        Stage::Repeat,
        Stage::Loyal,
        Stage::AtRisk,
        Stage::Lapsed,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Stage::Prospect => "prospect",
            Stage::FirstTime => "first_time",
            Stage::Repeat => "repeat",
            Stage::Loyal => "loyal",
            Stage::AtRisk => "at_risk",
            Stage::Lapsed => "lapsed",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Thresholds {
    /// Days without a purchase after which a customer is at risk.
    pub at_risk_days: u32,
    /// Days without a purchase after which a customer has lapsed.
    pub lapsed_days: u32,
    /// Purchase days from which a customer is loyal.
    pub loyal_purchases: u32,
}

impl Default for Thresholds {
    /// For a shop with too little history to derive its own.
    fn default() -> Self {
        Thresholds {
            at_risk_days: 90,
            lapsed_days: 180,
            loyal_purchases: 4,
        }
    }
}

/// Fewer repeat gaps than this and the shop's rhythm is not known yet: defaults.
pub const MIN_GAPS: usize = 20;

/// Counts of small whole numbers (gaps in days, purchase days), for percentiles in
/// one pass without keeping or sorting every value.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Histogram {
    counts: Vec<u32>,
    len: usize,
}

/// Larger values count as this (about 2,700 years of days).
const HISTOGRAM_CAP: u32 = 1_000_000;

impl Histogram {
    pub fn add(&mut self, value: u32) {
        let v = value.min(HISTOGRAM_CAP) as usize;
        if v >= self.counts.len() {
            self.counts.resize(v + 1, 0);
        }
        self.counts[v] += 1;
        self.len += 1;
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The value at rank `p` (0–1): the `round((len - 1) · p)`-th smallest.
    pub fn percentile(&self, p: f64) -> u32 {
        let rank = ((self.len.saturating_sub(1)) as f64 * p).round() as usize;
        let mut seen = 0usize;
        for (v, &c) in self.counts.iter().enumerate() {
            seen += c as usize;
            if seen > rank {
                return v as u32;
            }
        }
        0
    }
}

impl Thresholds {
    /// Derives thresholds from each customer's distinct purchase days (sorted or not).
    pub fn derive<'a>(customers: impl IntoIterator<Item = &'a [Day]>) -> Thresholds {
        let mut gaps: Vec<u32> = Vec::new();
        let mut frequencies: Vec<u32> = Vec::new();
        for days in customers {
            let mut d = days.to_vec();
            d.sort_unstable();
            d.dedup();
            if d.is_empty() {
                continue;
            }
            frequencies.push(d.len() as u32);
            gaps.extend(d.windows(2).map(|w| (w[1].0 - w[0].0) as u32));
        }
        Thresholds::from_gaps(&gaps, &frequencies)
    }

    /// Derives thresholds from every gap (days) between consecutive purchase days and
    /// every buyer's number of purchase days (both in any order).
    pub fn from_gaps(gaps: &[u32], frequencies: &[u32]) -> Thresholds {
        let count = |values: &[u32]| {
            let mut h = Histogram::default();
            values.iter().for_each(|&v| h.add(v));
            h
        };
        Thresholds::from_histograms(&count(gaps), &count(frequencies))
    }

    /// The same, from the counts of gaps and of purchase days.
    pub fn from_histograms(gaps: &Histogram, frequencies: &Histogram) -> Thresholds {
        let mut t = Thresholds::default();
        if gaps.len() >= MIN_GAPS {
            t.at_risk_days = gaps.percentile(0.9).max(7);
            t.lapsed_days = t.at_risk_days * 2;
        }
        if frequencies.len() >= MIN_GAPS {
            t.loyal_purchases = frequencies.percentile(0.8).max(3);
        }
        t
    }

    /// The stage of a customer with these distinct purchase days, as of `as_of`
    /// (days after `as_of` are ignored).
    pub fn stage(&self, days: &[Day], as_of: Day) -> Stage {
        let mut count = 0u32;
        let mut last: Option<Day> = None;
        let mut seen: Vec<Day> = days.iter().copied().filter(|d| *d <= as_of).collect();
        seen.sort_unstable();
        seen.dedup();
        for d in &seen {
            count += 1;
            last = Some(*d);
        }
        self.stage_of(count, last, as_of)
    }

    /// The stage of a customer with `count` distinct purchase days, the last on `last`.
    pub fn stage_of(&self, count: u32, last: Option<Day>, as_of: Day) -> Stage {
        let Some(last) = last else {
            return Stage::Prospect;
        };
        let silent = (as_of.0 - last.0) as u32;
        if silent > self.lapsed_days {
            Stage::Lapsed
        } else if silent > self.at_risk_days {
            Stage::AtRisk
        } else if count == 1 {
            Stage::FirstTime
        } else if count >= self.loyal_purchases {
            Stage::Loyal
        } else {
            Stage::Repeat
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn days(v: &[i32]) -> Vec<Day> {
        v.iter().map(|d| Day(*d)).collect()
    }

    proptest! {
        /// Percentiles from counts equal those of the sorted values.
        #[test]
        fn histogram_percentiles_match_sorting(mut values in prop::collection::vec(0u32..400, 1..200), p in 0.0f64..=1.0) {
            let mut h = Histogram::default();
            values.iter().for_each(|&v| h.add(v));
            values.sort_unstable();
            let rank = ((values.len() - 1) as f64 * p).round() as usize;
            prop_assert_eq!(h.percentile(p), values[rank]);
        }
    }

    #[test]
    fn stages_by_rule() {
        let t = Thresholds {
            at_risk_days: 30,
            lapsed_days: 60,
            loyal_purchases: 4,
        };
        let now = Day(1000);
        assert_eq!(t.stage(&[], now), Stage::Prospect);
        assert_eq!(t.stage(&days(&[995]), now), Stage::FirstTime);
        assert_eq!(t.stage(&days(&[900, 995]), now), Stage::Repeat);
        assert_eq!(t.stage(&days(&[900, 950, 960, 995]), now), Stage::Loyal);
        assert_eq!(
            t.stage(&days(&[900, 950, 960, 995, 995]), now),
            Stage::Loyal,
            "a day counts once"
        );
        assert_eq!(
            t.stage(&days(&[960]), now),
            Stage::AtRisk,
            "one purchase long ago is not 'new'"
        );
        assert_eq!(
            t.stage(&days(&[970]), now),
            Stage::FirstTime,
            "exactly at the threshold is not yet at risk"
        );
        assert_eq!(t.stage(&days(&[900, 939]), now), Stage::Lapsed);
        assert_eq!(
            t.stage(&days(&[1200]), now),
            Stage::Prospect,
            "future purchases do not count"
        );
    }

    #[test]
    fn thresholds_follow_the_shops_rhythm() {
        // A weekly shop: everybody buys every 7 days, some every 10.
        let mut customers: Vec<Vec<Day>> = (0..30)
            .map(|c| (0..6).map(|k| Day(c + 7 * k)).collect())
            .collect();
        customers.extend((0..5).map(|c| (0..3).map(|k| Day(c + 10 * k)).collect()));
        let t = Thresholds::derive(customers.iter().map(Vec::as_slice));
        assert_eq!(t.at_risk_days, 7, "90% of gaps are 7 days");
        assert_eq!(t.lapsed_days, 14);
        assert_eq!(t.loyal_purchases, 6);
        // A shop with little history keeps the defaults.
        let few = [days(&[1, 40]), days(&[5])];
        assert_eq!(
            Thresholds::derive(few.iter().map(Vec::as_slice)),
            Thresholds::default()
        );
    }

    proptest! {
        #[test]
        fn more_silence_never_makes_a_customer_more_active(d in prop::collection::vec(0i32..500, 0..10), extra in 0i32..400) {
            let t = Thresholds { at_risk_days: 40, lapsed_days: 80, loyal_purchases: 3 };
            let ds = days(&d);
            let rank = |s: Stage| match s { Stage::Lapsed => 0, Stage::AtRisk => 1, _ => 2 };
            let before = t.stage(&ds, Day(500));
            let after = t.stage(&ds, Day(500 + extra));
            prop_assert!(rank(after) <= rank(before));
            prop_assert_eq!(before == Stage::Prospect, d.is_empty());
        }
    }
}
