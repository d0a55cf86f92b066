//! RFM: recency, frequency and monetary value per customer, scored 1–5, and named
//! segments over the R × FM grid.
//!
//! - Recency: days from the last purchase to the as-of date.
//! - Frequency: distinct purchase days (several orders on one day count once).
//! - Monetary: total spend; the average per order is given too.
//!
//! Only purchases on or before the as-of date, inside the window, that are not
//! refunded or cancelled count (callers filter by status; see `Purchase`).
//!
//! Scores (quintiles) follow one rule, so equal values always get equal scores:
//! `score = 1 + ⌊5 · worse / n⌋`, where `worse` is the number of customers with a
//! strictly worse value (for recency, more days is worse) and `n` the number of
//! customers. The best get 5, the worst 1, and ties share the lower score of their
//! group. Fixed thresholds set by the user can replace quintiles.
//!
//! FM combines frequency and monetary scores: `FM = ⌈(F + M) / 2⌉`. The segment of a
//! customer is `SegmentMap::cell(R, FM)`: a 5 × 5 table, so every score combination
//! belongs to exactly one segment by construction; the default table reaches all 11.

use crate::time::Day;
use serde::{Deserialize, Serialize};
use std::hash::Hash;

/// One purchase that counts (paid, not refunded or cancelled).
#[derive(Clone, Debug, PartialEq)]
pub struct Purchase<K> {
    pub customer: K,
    pub day: Day,
    pub amount: f64,
}

/// The raw RFM values of one customer.
#[derive(Clone, Debug, PartialEq)]
pub struct Values<K> {
    pub customer: K,
    pub recency_days: i32,
    pub frequency: u32,
    pub monetary: f64,
    pub orders: u32,
}

impl<K> Values<K> {
    pub fn average(&self) -> f64 {
        if self.orders == 0 {
            0.0
        } else {
            self.monetary / self.orders as f64
        }
    }
}

/// The period purchases are taken from: the `days` days up to and including `as_of`
/// (all history when `days` is `None`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Window {
    pub as_of: Day,
    pub days: Option<u32>,
}

impl Window {
    pub fn contains(&self, day: Day) -> bool {
        day <= self.as_of && self.days.is_none_or(|d| day.0 > self.as_of.0 - d as i32)
    }
}

/// RFM values of every customer with at least one purchase in the window, sorted by
/// customer key.
pub fn values<K: Clone + Eq + Hash + Ord>(
    purchases: &[Purchase<K>],
    window: Window,
) -> Vec<Values<K>> {
    struct Acc {
        last: Day,
        days: Vec<Day>,
        total: f64,
        orders: u32,
    }
    let mut by: rustc_hash::FxHashMap<&K, Acc> = Default::default();
    for p in purchases.iter().filter(|p| window.contains(p.day)) {
        let a = by.entry(&p.customer).or_insert(Acc {
            last: p.day,
            days: Vec::new(),
            total: 0.0,
            orders: 0,
        });
        a.last = a.last.max(p.day);
        a.days.push(p.day);
        a.total += p.amount;
        a.orders += 1;
    }
    let mut out: Vec<Values<K>> = by
        .into_iter()
        .map(|(k, mut a)| {
            a.days.sort_unstable();
            a.days.dedup();
            Values {
                customer: k.clone(),
                recency_days: window.as_of.0 - a.last.0,
                frequency: a.days.len() as u32,
                monetary: a.total,
                orders: a.orders,
            }
        })
        .collect();
    out.sort_by(|a, b| a.customer.cmp(&b.customer));
    out
}

/// How values become scores for one dimension.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Scoring {
    /// Quintiles of the customers scored together (the rule in the module docs).
    Quintiles,
    /// Four ascending cut points: a value below the first scores 1 (for recency: 5),
    /// at or above the fourth scores 5 (for recency: 1).
    Thresholds([f64; 4]),
}

/// Reads cut points as typed: empty means quintiles; else four ascending numbers in
/// the locale's notation, separated by ";" or spaces (and "," in English).
pub fn parse_cuts(text: &str, locale: crate::format::Locale) -> Option<Scoring> {
    if text.trim().is_empty() {
        return Some(Scoring::Quintiles);
    }
    let sep: &[char] = if locale == crate::format::Locale::Vi {
        &[';', ' ']
    } else {
        &[';', ' ', ',']
    };
    let v: Vec<f64> = text
        .split(sep)
        .filter(|s| !s.trim().is_empty())
        .map(|s| crate::format::parse_decimal(s, locale))
        .collect::<Option<Vec<f64>>>()?;
    match v[..] {
        [a, b, c, d] if a < b && b < c && c < d => Some(Scoring::Thresholds([a, b, c, d])),
        _ => None,
    }
}

/// Scores `values` (higher is better unless `lower_is_better`) by the quintile rule.
fn quintiles(values: &[f64], lower_is_better: bool) -> Vec<u8> {
    let n = values.len();
    // `score >= k + 1` exactly when `worse >= ⌈k·n/5⌉ = t`, that is when the value
    // beats the t-th worst value: four order statistics (found by selection, O(n))
    // decide every score, with no sort.
    let mut sorted = values.to_vec();
    let mut index = [0usize; 4];
    for (k, slot) in index.iter_mut().enumerate() {
        let t = ((k + 1) * n).div_ceil(5);
        *slot = if lower_is_better { n - t } else { t - 1 };
    }
    let mut order = index;
    order.sort_unstable();
    let mut cuts = [0f64; 4];
    let mut bound = n;
    for &i in order.iter().rev() {
        if i < bound {
            sorted[..bound].select_nth_unstable_by(i, f64::total_cmp);
            bound = i;
        }
    }
    for (k, &i) in index.iter().enumerate() {
        cuts[k] = sorted[i];
    }
    values
        .iter()
        .map(|v| {
            let beats = |c: &f64| {
                if lower_is_better {
                    v.total_cmp(c).is_lt()
                } else {
                    v.total_cmp(c).is_gt()
                }
            };
            1 + cuts.iter().filter(|c| beats(c)).count() as u8
        })
        .collect()
}

fn thresholds(values: &[f64], cuts: &[f64; 4], lower_is_better: bool) -> Vec<u8> {
    values
        .iter()
        .map(|v| {
            let above = cuts.iter().filter(|c| v >= *c).count() as u8;
            if lower_is_better {
                5 - above
            } else {
                1 + above
            }
        })
        .collect()
}

/// Scores one dimension (see the module docs); recency is `lower_is_better`.
pub fn score(values: &[f64], scoring: &Scoring, lower_is_better: bool) -> Vec<u8> {
    if values.is_empty() {
        return Vec::new();
    }
    match scoring {
        Scoring::Quintiles => quintiles(values, lower_is_better),
        Scoring::Thresholds(c) => thresholds(values, c, lower_is_better),
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ScoringRules {
    pub recency: Scoring,
    pub frequency: Scoring,
    pub monetary: Scoring,
}

impl Default for ScoringRules {
    fn default() -> Self {
        ScoringRules {
            recency: Scoring::Quintiles,
            frequency: Scoring::Quintiles,
            monetary: Scoring::Quintiles,
        }
    }
}

/// A customer's values, scores and segment.
#[derive(Clone, Debug, PartialEq)]
pub struct Scored<K> {
    pub values: Values<K>,
    pub r: u8,
    pub f: u8,
    pub m: u8,
    pub segment: Segment,
}

impl<K> Scored<K> {
    pub fn fm(&self) -> u8 {
        fm(self.f, self.m)
    }
}

/// FM = ⌈(F + M) / 2⌉.
pub fn fm(f: u8, m: u8) -> u8 {
    (f + m).div_ceil(2)
}

/// Scores every customer and names their segment.
pub fn score_all<K: Clone>(
    values: Vec<Values<K>>,
    rules: &ScoringRules,
    map: &SegmentMap,
) -> Vec<Scored<K>> {
    let r = score(
        &values
            .iter()
            .map(|v| v.recency_days as f64)
            .collect::<Vec<_>>(),
        &rules.recency,
        true,
    );
    let f = score(
        &values
            .iter()
            .map(|v| v.frequency as f64)
            .collect::<Vec<_>>(),
        &rules.frequency,
        false,
    );
    let m = score(
        &values.iter().map(|v| v.monetary).collect::<Vec<_>>(),
        &rules.monetary,
        false,
    );
    values
        .into_iter()
        .enumerate()
        .map(|(i, v)| Scored {
            values: v,
            r: r[i],
            f: f[i],
            m: m[i],
            segment: map.cell(r[i], fm(f[i], m[i])),
        })
        .collect()
}

/// The named RFM segments.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Segment {
    Champions,
    Loyal,
    PotentialLoyalists,
    New,
    Promising,
    NeedAttention,
    AboutToSleep,
    AtRisk,
    CantLoseThem,
    Hibernating,
    Lost,
}

impl Segment {
    pub const ALL: [Segment; 11] = [
        Segment::Champions,
        Segment::Loyal,
        Segment::PotentialLoyalists,
        Segment::New,
        Segment::Promising,
        Segment::NeedAttention,
        Segment::AboutToSleep,
        Segment::AtRisk,
        Segment::CantLoseThem,
        Segment::Hibernating,
        Segment::Lost,
    ];

    /// A stable code for files and the CLI.
    pub fn code(self) -> &'static str {
        match self {
            Segment::Champions => "champions",
            Segment::Loyal => "loyal",
            Segment::PotentialLoyalists => "potential_loyalists",
            Segment::New => "new",
            Segment::Promising => "promising",
            Segment::NeedAttention => "need_attention",
            Segment::AboutToSleep => "about_to_sleep",
            Segment::AtRisk => "at_risk",
            Segment::CantLoseThem => "cant_lose_them",
            Segment::Hibernating => "hibernating",
            Segment::Lost => "lost",
        }
    }

    pub fn parse(code: &str) -> Option<Segment> {
        Segment::ALL.into_iter().find(|s| s.code() == code)
    }
}

/// Which segment each (R, FM) cell belongs to: rows R = 1..5, columns FM = 1..5.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SegmentMap {
    cells: [[Segment; 5]; 5],
}

impl Default for SegmentMap {
    /// ```text
    ///        FM=1         2                3                4              5
    /// R=5   New          Potential L.     Potential L.     Champions      Champions
    /// R=4   Promising    Potential L.     Potential L.     Loyal          Loyal
    /// R=3   About to S.  About to Sleep   Need Attention   Loyal          Loyal
    /// R=2   Hibernating  Hibernating      At Risk          At Risk        Can't Lose Them
    /// R=1   Lost         Lost             At Risk          At Risk        Can't Lose Them
    /// ```
    fn default() -> Self {
        use Segment::*;
        SegmentMap {
            cells: [
                [Lost, Lost, AtRisk, AtRisk, CantLoseThem],
                [Hibernating, Hibernating, AtRisk, AtRisk, CantLoseThem],
                [AboutToSleep, AboutToSleep, NeedAttention, Loyal, Loyal],
                [
                    Promising,
                    PotentialLoyalists,
                    PotentialLoyalists,
                    Loyal,
                    Loyal,
                ],
                [
                    New,
                    PotentialLoyalists,
                    PotentialLoyalists,
                    Champions,
                    Champions,
                ],
            ],
        }
    }
}

impl SegmentMap {
    /// The segment of scores R and FM (each 1..=5).
    pub fn cell(&self, r: u8, fm: u8) -> Segment {
        self.cells[(r.clamp(1, 5) - 1) as usize][(fm.clamp(1, 5) - 1) as usize]
    }

    /// Assigns a cell to a segment (the user edits the map).
    pub fn set(&mut self, r: u8, fm: u8, segment: Segment) {
        self.cells[(r.clamp(1, 5) - 1) as usize][(fm.clamp(1, 5) - 1) as usize] = segment;
    }

    /// Segments no cell leads to (the UI warns about them after an edit).
    pub fn unreachable(&self) -> Vec<Segment> {
        Segment::ALL
            .into_iter()
            .filter(|s| !self.cells.iter().flatten().any(|c| c == s))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::Locale;
    use proptest::prelude::*;

    #[test]
    fn cut_points_as_typed() {
        assert_eq!(parse_cuts(" ", Locale::En), Some(Scoring::Quintiles));
        assert_eq!(
            parse_cuts("30; 90; 180; 365", Locale::En),
            Some(Scoring::Thresholds([30.0, 90.0, 180.0, 365.0]))
        );
        assert_eq!(
            parse_cuts("1.000.000; 2.000.000; 5.000.000; 10.000.000", Locale::Vi),
            Some(Scoring::Thresholds([1e6, 2e6, 5e6, 1e7]))
        );
        assert_eq!(parse_cuts("30 20 10 5", Locale::En), None, "not ascending");
        assert_eq!(parse_cuts("1; 2; 3", Locale::En), None);
        assert_eq!(parse_cuts("1; 2; x; 4", Locale::En), None);
    }

    fn p(c: &str, day: i32, amount: f64) -> Purchase<String> {
        Purchase {
            customer: c.to_string(),
            day: Day(day),
            amount,
        }
    }

    #[test]
    fn values_count_days_not_orders_and_respect_the_window() {
        let purchases = vec![
            p("a", 100, 10.0),
            p("a", 100, 5.0), // same day: frequency counts it once
            p("a", 90, 20.0),
            p("a", 200, 99.0), // after as-of: ignored
            p("b", 10, 7.0),   // outside a 60-day window
            p("b", 41, 3.0),   // first day inside the window (100 - 60 + 1)
        ];
        let all = values(
            &purchases,
            Window {
                as_of: Day(100),
                days: None,
            },
        );
        assert_eq!(all[0].recency_days, 0);
        assert_eq!(
            (all[0].frequency, all[0].orders, all[0].monetary),
            (2, 3, 35.0)
        );
        assert!((all[0].average() - 35.0 / 3.0).abs() < 1e-9);
        assert_eq!(
            (all[1].recency_days, all[1].frequency, all[1].monetary),
            (59, 2, 10.0)
        );
        let window = values(
            &purchases,
            Window {
                as_of: Day(100),
                days: Some(60),
            },
        );
        assert_eq!(
            (
                window[1].recency_days,
                window[1].frequency,
                window[1].monetary
            ),
            (59, 1, 3.0)
        );
        assert!(values::<String>(
            &[],
            Window {
                as_of: Day(1),
                days: None
            }
        )
        .is_empty());
    }

    #[test]
    fn quintiles_of_distinct_values_are_even() {
        let v: Vec<f64> = (1..=10).map(f64::from).collect();
        assert_eq!(quintiles(&v, false), vec![1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
        assert_eq!(quintiles(&v, true), vec![5, 5, 4, 4, 3, 3, 2, 2, 1, 1]);
        assert_eq!(
            quintiles(&[42.0], false),
            vec![1],
            "one customer: nobody is worse"
        );
    }

    /// The definition itself, by counting: the selection above must agree with it.
    fn quintiles_by_counting(values: &[f64], lower_is_better: bool) -> Vec<u8> {
        let n = values.len();
        values
            .iter()
            .map(|v| {
                let worse = values
                    .iter()
                    .filter(|x| {
                        if lower_is_better {
                            x.total_cmp(v).is_gt()
                        } else {
                            x.total_cmp(v).is_lt()
                        }
                    })
                    .count();
                (1 + 5 * worse / n) as u8
            })
            .collect()
    }

    proptest::proptest! {
        #[test]
        fn quintiles_follow_the_definition(values in proptest::collection::vec(0u8..12, 1..60), lower in proptest::bool::ANY) {
            let v: Vec<f64> = values.iter().map(|&x| x as f64).collect();
            proptest::prop_assert_eq!(quintiles(&v, lower), quintiles_by_counting(&v, lower));
        }
    }

    #[test]
    fn ties_share_a_score() {
        // Six customers bought once, four more often.
        let v = [1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 2.0, 2.0, 3.0, 9.0];
        assert_eq!(quintiles(&v, false), vec![1, 1, 1, 1, 1, 1, 4, 4, 5, 5]);
    }

    #[test]
    fn fixed_thresholds() {
        let cuts = [2.0, 4.0, 8.0, 16.0];
        assert_eq!(
            thresholds(&[1.0, 2.0, 5.0, 16.0, 100.0], &cuts, false),
            vec![1, 2, 3, 5, 5]
        );
        assert_eq!(
            thresholds(&[1.0, 2.0, 5.0, 16.0, 100.0], &cuts, true),
            vec![5, 4, 3, 1, 1]
        );
    }

    #[test]
    fn the_default_map_is_a_partition_reaching_every_segment() {
        let map = SegmentMap::default();
        assert!(map.unreachable().is_empty());
        let mut seen = std::collections::HashMap::new();
        for r in 1..=5 {
            for fm in 1..=5 {
                *seen.entry(map.cell(r, fm)).or_insert(0) += 1;
            }
        }
        assert_eq!(
            seen.values().sum::<i32>(),
            25,
            "every cell has exactly one segment"
        );
        assert_eq!(seen.len(), 11);
        assert_eq!(map.cell(5, 5), Segment::Champions);
        assert_eq!(map.cell(1, 1), Segment::Lost);
        assert_eq!(map.cell(1, 5), Segment::CantLoseThem);
        assert_eq!(map.cell(5, 1), Segment::New);
        let mut edited = map.clone();
        edited.set(3, 3, Segment::Loyal);
        assert_eq!(edited.unreachable(), vec![Segment::NeedAttention]);
        for s in Segment::ALL {
            assert_eq!(Segment::parse(s.code()), Some(s));
        }
    }

    #[test]
    fn fm_rounds_up() {
        assert_eq!((fm(1, 1), fm(1, 2), fm(4, 5), fm(5, 5)), (1, 2, 5, 5));
    }

    proptest! {
        #[test]
        fn scores_are_in_range_monotonic_and_equal_for_equal_values(v in prop::collection::vec(0u8..20, 1..60)) {
            let v: Vec<f64> = v.into_iter().map(f64::from).collect();
            for lower in [false, true] {
                let s = quintiles(&v, lower);
                for i in 0..v.len() {
                    prop_assert!((1..=5).contains(&s[i]));
                    for j in 0..v.len() {
                        if v[i] == v[j] { prop_assert_eq!(s[i], s[j]); }
                        let better = if lower { v[i] < v[j] } else { v[i] > v[j] };
                        if better { prop_assert!(s[i] >= s[j]); }
                    }
                }
            }
        }

        #[test]
        fn every_scored_customer_lands_in_one_mapped_segment(
            purchases in prop::collection::vec((0u8..30, 0i32..400, 1u32..1000), 1..200)
        ) {
            let purchases: Vec<Purchase<u8>> = purchases.into_iter()
                .map(|(c, d, a)| Purchase { customer: c, day: Day(d), amount: a as f64 }).collect();
            let map = SegmentMap::default();
            let scored = score_all(values(&purchases, Window { as_of: Day(400), days: None }), &ScoringRules::default(), &map);
            for s in &scored {
                prop_assert_eq!(s.segment, map.cell(s.r, s.fm()));
            }
        }
    }
}
