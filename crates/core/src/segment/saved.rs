//! Saved segments: a live segment keeps its rule and is re-evaluated whenever the
//! data changes; a static list keeps the customers it had when it was frozen. Each
//! has a summary (size, shares, averages) and its members export to CSV.

use super::analysis::Analysis;
use super::rules::Rule;
use crate::db::Db;
use crate::export::csv::{CsvOut, CsvStyle};
use crate::id::Id;
use crate::record_fields;
use crate::time::{Day, Millis, MS_PER_DAY};
use crate::validate::{FieldError, Problem, MAX_TEXT};

record_fields! {
    /// A segment the user saved.
    pub struct SavedSegment / SavedSegmentField {
        name: String => Name,
        /// Where it came from ("RFM R5 × FM4", "cluster 2: recent, frequent"), free text.
        description: String => Description,
        /// Live segments: the rule. Static lists: `None`.
        rule: Option<Rule> => Rule,
        /// Static lists: the members, frozen.
        members: Vec<Id> => Members,
        created_at: Millis => CreatedAt,
        deleted: bool => Deleted,
    }
}

impl SavedSegment {
    /// A saved segment needs a name, and a live one a rule that checks out.
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut errors = Vec::new();
        if self.name.trim().is_empty() {
            errors.push(FieldError::new("name", Problem::Required));
        } else if self.name.chars().count() > MAX_TEXT {
            errors.push(FieldError::new("name", Problem::TooLong));
        }
        if self.rule.as_ref().is_some_and(|r| r.check().is_err()) {
            errors.push(FieldError::new("rule", Problem::InvalidRule));
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }

    pub fn is_live(&self) -> bool {
        self.rule.is_some()
    }

    /// The positions of a static list's members still in the database (live ones).
    pub fn static_members(&self, db: &Db) -> Vec<u32> {
        let mut v: Vec<u32> = self
            .members
            .iter()
            .filter_map(|id| db.position(*id))
            .filter(|&p| !db.at(p).is_deleted())
            .collect();
        v.sort_unstable();
        v
    }
}

/// What a segment amounts to.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Summary {
    pub size: u32,
    /// Share of all live customers, 0–1.
    pub share_customers: f64,
    /// Revenue of the members in the analysis window, main currency, minor units.
    pub revenue: i64,
    /// Share of all revenue in the window, 0–1.
    pub share_revenue: f64,
    /// Average revenue per member who bought (minor units); 0 when none did.
    pub average_spend: i64,
    /// Average days since the last purchase, over members who bought.
    pub average_recency: Option<f64>,
    pub buyers: u32,
}

impl Summary {
    pub fn of(positions: &[u32], analysis: &Analysis) -> Summary {
        let mut s = Summary {
            size: positions.len() as u32,
            ..Default::default()
        };
        let mut recency_sum = 0i64;
        for &p in positions {
            let p = p as usize;
            s.revenue += analysis.monetary.get(p).copied().unwrap_or(0);
            if let Some(&r) = analysis.recency.get(p).filter(|r| **r >= 0) {
                s.buyers += 1;
                recency_sum += r as i64;
            }
        }
        if analysis.customers > 0 {
            s.share_customers = s.size as f64 / analysis.customers as f64;
        }
        if analysis.revenue > 0 {
            s.share_revenue = s.revenue as f64 / analysis.revenue as f64;
        }
        if s.buyers > 0 {
            s.average_spend = s.revenue / s.buyers as i64;
            s.average_recency = Some(recency_sum as f64 / s.buyers as f64);
        }
        s
    }
}

/// The columns of a members export.
pub const MEMBER_COLUMNS: [&str; 19] = [
    "customer_id",
    "name",
    "email",
    "phone",
    "city",
    "country",
    "tags",
    "orders",
    "total_spent",
    "currency",
    "last_order",
    "recency_days",
    "frequency",
    "monetary",
    "r",
    "f",
    "m",
    "segment",
    "stage",
];

/// One member's export values (`MEMBER_COLUMNS`), before any quoting: contact data,
/// totals, RFM and stage. Money in major units of the analysis currency, dates as ISO
/// days, missing values empty.
pub fn member_values(db: &Db, analysis: &Analysis, p: u32) -> [String; 19] {
    let params = analysis.params.as_ref();
    let currency = params.map(|p| p.currency).unwrap_or_default();
    let offset = params.map_or(0, |p| p.offset_minutes as i64 * 60_000);
    let day = |ms: Millis| Day((ms + offset).div_euclid(MS_PER_DAY) as i32).iso();
    let c = &db.at(p).data;
    let st = db.stats_at(p);
    let pi = p as usize;
    let recency = analysis.recency.get(pi).copied().unwrap_or(-1);
    let scored = analysis.r.get(pi).copied().unwrap_or(0) > 0;
    let score = |v: &Vec<u8>| {
        if scored {
            v[pi].to_string()
        } else {
            String::new()
        }
    };
    [
        db.at(p).id.to_string(),
        c.name(),
        c.emails.first().cloned().unwrap_or_default(),
        c.phones.first().cloned().unwrap_or_default(),
        c.address.city.clone(),
        c.address.country.clone(),
        c.tags.join("; "),
        st.orders.to_string(),
        currency.plain_amount(st.spent_in(currency)),
        currency.code().to_string(),
        st.last_order.map(day).unwrap_or_default(),
        if recency >= 0 {
            recency.to_string()
        } else {
            String::new()
        },
        analysis.frequency.get(pi).copied().unwrap_or(0).to_string(),
        currency.plain_amount(analysis.monetary.get(pi).copied().unwrap_or(0)),
        score(&analysis.r),
        score(&analysis.f),
        score(&analysis.m),
        analysis
            .segment
            .get(pi)
            .copied()
            .flatten()
            .map(|s| s.code())
            .unwrap_or("")
            .to_string(),
        analysis
            .stage
            .get(pi)
            .map(|s| s.code())
            .unwrap_or("")
            .to_string(),
    ]
}

/// A header line and one line per row (see `export::csv` for quoting and formulas).
pub fn csv_lines(rows: impl IntoIterator<Item = [String; 19]>, style: CsvStyle) -> String {
    let mut out = CsvOut::new(style, &MEMBER_COLUMNS);
    for row in rows {
        out.row(&row);
    }
    out.finish()
}

/// The members as CSV (see `member_values`).
pub fn members_csv(db: &Db, analysis: &Analysis, positions: &[u32], style: CsvStyle) -> String {
    csv_lines(
        positions.iter().map(|&p| member_values(db, analysis, p)),
        style,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::rfm::Segment;

    #[test]
    fn stored_form_round_trips() {
        use crate::segment::rules::{Condition, Field, Op, Value};
        let seg = SavedSegment {
            name: "Hà Nội big spenders".into(),
            rule: Some(Rule::All(vec![Rule::Condition(Condition {
                field: Field::City,
                op: Op::Is,
                value: Value::Text("Hà Nội".into()),
            })])),
            members: vec![Id::new_v7(1, [1; 10])],
            ..Default::default()
        };
        let bytes = crate::codec::encode(&seg);
        assert_eq!(crate::codec::decode::<SavedSegment>(&bytes).unwrap(), seg);
    }

    #[test]
    fn summary_shares_and_averages() {
        let analysis = Analysis {
            recency: vec![10, -1, 30, 5],
            frequency: vec![2, 0, 1, 4],
            monetary: vec![1000, 0, 3000, 6000],
            segment: vec![
                Some(Segment::Loyal),
                None,
                Some(Segment::AtRisk),
                Some(Segment::Champions),
            ],
            customers: 4,
            buyers: 3,
            revenue: 10_000,
            ..Default::default()
        };
        let s = Summary::of(&[0, 1, 2], &analysis);
        assert_eq!(
            (s.size, s.buyers, s.revenue, s.average_spend),
            (3, 2, 4000, 2000)
        );
        assert_eq!(s.share_customers, 0.75);
        assert_eq!(s.share_revenue, 0.4);
        assert_eq!(s.average_recency, Some(20.0));
        let empty = Summary::of(&[], &analysis);
        assert_eq!((empty.size, empty.average_recency), (0, None));
    }
}
