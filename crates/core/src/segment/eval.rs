//! Running a rule over the database: `Compiled::new` prepares the rule once (texts
//! folded, money in minor units, product names looked up, and for texts, tags and
//! choices the answer decided once per distinct value), then `matches` tests one
//! customer position at a time against the database's columns, so the caller can work
//! in slices and yield between.
//!
//! Missing values: a condition on a value the customer does not have (no birthday,
//! no orders) is false, except "is not", "none of", "has not" and "is empty".

use super::analysis::Analysis;
use super::rules::{Condition, Field, Op, Rule, Value};
use crate::columns::{consent_bit, fold_into, folded, ListField, TextField};
use crate::db::Db;
use crate::model::SalesChannel;
use crate::model::{CustomValue, Customer};
use crate::purchases::{channel_bit, TermKind};
use crate::time::{Day, Millis, MS_PER_DAY};

/// What a rule is evaluated against.
pub struct Context<'a> {
    pub db: &'a Db,
    pub analysis: &'a Analysis,
}

enum Node {
    All(Vec<Node>),
    Any(Vec<Node>),
    Leaf(Leaf),
}

struct Leaf {
    field: Field,
    op: Op,
    number: f64,
    range: (f64, f64),
    /// Folded texts of the value.
    texts: Vec<String>,
    /// Purchase terms of the value (`None`: nobody bought it).
    terms: Vec<Option<u32>>,
    /// Sales channel bits of the value.
    bits: u8,
    date: Option<Day>,
    /// The answer for each value of a choice column (0: not set, then variant + 1),
    /// or for each numbered text of a text column (`text_field`).
    accept: Vec<bool>,
    /// For list columns: whether each numbered text is one of the wanted ones, and
    /// how many distinct wanted texts there are.
    wanted: Vec<bool>,
    distinct_wanted: usize,
}

pub struct Compiled {
    root: Node,
    as_of: Day,
    offset: i64,
    currency: crate::model::Currency,
    currency_scale: f64,
}

fn text_field(f: &Field) -> Option<TextField> {
    Some(match f {
        Field::Occupation => TextField::Occupation,
        Field::Country => TextField::Country,
        Field::City => TextField::City,
        Field::District => TextField::District,
        Field::Source => TextField::Source,
        _ => return None,
    })
}

fn list_field(f: &Field) -> Option<ListField> {
    Some(match f {
        Field::Interests => ListField::Interests,
        Field::Values => ListField::Values,
        Field::Tags => ListField::Tags,
        _ => return None,
    })
}

/// The codes of a choice field stored as a column (or in the analysis) as its
/// variant's number + 1: `Field::choices` lists them in declaration order (tested).
fn choice_codes(f: &Field) -> Option<Vec<&'static str>> {
    match f {
        Field::Kind
        | Field::Gender
        | Field::Income
        | Field::Acquisition
        | Field::RfmSegment
        | Field::Stage
        | Field::ChurnRisk => Some(f.choices()),
        _ => None,
    }
}

impl Compiled {
    /// Prepares a rule (which must pass `Rule::check`) for `ctx`'s data.
    pub fn new(rule: &Rule, ctx: &Context) -> Compiled {
        let params =
            ctx.analysis.params.clone().unwrap_or_else(|| {
                super::analysis::Params::new(Day(0), crate::model::Currency::VND)
            });
        let scale = params.currency.minor_per_major();
        Compiled {
            root: compile(rule, ctx.db, scale),
            as_of: params.as_of,
            offset: params.offset_minutes as i64 * 60_000,
            currency: params.currency,
            currency_scale: scale,
        }
    }

    /// Whether the live customer at `position` belongs (deleted ones never do).
    pub fn matches(&self, ctx: &Context, position: u32, scratch: &mut String) -> bool {
        if !ctx.db.columns().live[position as usize] {
            return false;
        }
        self.node(&self.root, ctx, position, scratch)
    }

    /// Every matching position in `range`.
    pub fn members(&self, ctx: &Context, range: std::ops::Range<u32>) -> Vec<u32> {
        let mut scratch = String::new();
        range
            .filter(|&p| self.matches(ctx, p, &mut scratch))
            .collect()
    }

    fn node(&self, node: &Node, ctx: &Context, p: u32, scratch: &mut String) -> bool {
        match node {
            Node::All(v) => v.iter().all(|n| self.node(n, ctx, p, scratch)),
            Node::Any(v) => v.iter().any(|n| self.node(n, ctx, p, scratch)),
            Node::Leaf(l) => self.leaf(l, ctx, p, scratch),
        }
    }

    fn day(&self, ms: Millis) -> Day {
        Day((ms + self.offset).div_euclid(MS_PER_DAY) as i32)
    }

    fn leaf(&self, l: &Leaf, ctx: &Context, p: u32, scratch: &mut String) -> bool {
        let cols = ctx.db.columns();
        let a = ctx.analysis;
        let pi = p as usize;
        let stats = || ctx.db.stats_at(p);
        let since = |t: Option<Millis>| t.map(|t| (self.as_of.0 - self.day(t).0) as f64);
        let score = |v: &Vec<u8>| v.get(pi).copied().filter(|s| *s > 0).map(f64::from);
        let table = |v: usize| l.accept.get(v).copied().unwrap_or(false);
        match &l.field {
            Field::Age => number(
                l,
                cols.birthday[pi].map(|b| b.years_until(self.as_of) as f64),
            ),
            Field::Orders => number(l, Some(stats().orders as f64)),
            Field::TotalSpent => number(
                l,
                Some(stats().spent_in(self.currency) as f64 / self.currency_scale),
            ),
            Field::AverageSpend => {
                let s = stats();
                number(
                    l,
                    (s.orders > 0).then(|| {
                        s.spent_in(self.currency) as f64 / s.orders as f64 / self.currency_scale
                    }),
                )
            }
            Field::DaysSinceLastOrder => number(l, since(stats().last_order)),
            Field::DaysSinceFirstOrder => number(l, since(stats().first_order)),
            Field::Interactions => number(l, Some(stats().interactions as f64)),
            Field::DaysSinceLastInteraction => number(l, since(stats().last_interaction)),
            Field::RecencyScore => number(l, score(&a.r)),
            Field::FrequencyScore => number(l, score(&a.f)),
            Field::MonetaryScore => number(l, score(&a.m)),
            Field::FmScore => number(
                l,
                score(&a.f)
                    .zip(score(&a.m))
                    .map(|(f, m)| crate::segment::rfm::fm(f as u8, m as u8) as f64),
            ),
            Field::Occupation | Field::Country | Field::City | Field::District | Field::Source => {
                let col = cols.text(text_field(&l.field).expect("a text column"));
                let n = col.at[pi] as usize;
                match l.accept.get(n) {
                    Some(&yes) => yes,
                    // A text first seen after the rule was prepared.
                    None => text(l, &col.dict.values()[n], scratch),
                }
            }
            Field::Kind => table(cols.kind[pi] as usize),
            Field::Gender => table(cols.gender[pi] as usize),
            Field::Income => table(cols.income[pi] as usize),
            Field::Acquisition => table(cols.acquisition[pi] as usize),
            Field::RfmSegment => table(
                a.segment
                    .get(pi)
                    .copied()
                    .flatten()
                    .map_or(0, |s| s as usize + 1),
            ),
            Field::Stage => table(a.stage.get(pi).map_or(0, |s| *s as usize + 1)),
            Field::ChurnRisk => table(a.potential.risk.get(pi).map_or(0, |r| *r as usize)),
            Field::Clv => number(l, a.potential.clv_at(p)),
            Field::PAlive => number(l, a.potential.p_alive_at(p).map(|v| v * 100.0)),
            Field::NextProduct => {
                let next = a.next_at(p);
                let held = l
                    .terms
                    .iter()
                    .filter(|t| t.is_some_and(|t| next.contains(&t)))
                    .count();
                list(l.op, next.is_empty(), held, l.terms.len())
            }
            Field::Interests | Field::Values | Field::Tags => {
                let col = cols.list(list_field(&l.field).expect("a list column"));
                let have = &col.at[pi];
                let is_wanted = |n: &&u32| l.wanted.get(**n as usize).copied().unwrap_or(false);
                // Numbers are distinct and each is at most one wanted text.
                let held = have.iter().filter(is_wanted).count();
                list(l.op, have.is_empty(), held, l.distinct_wanted)
            }
            Field::Product | Field::Category | Field::Sku | Field::Store => {
                let bought = ctx.db.bought_at(p);
                let held = l
                    .terms
                    .iter()
                    .filter(|t| t.is_some_and(|t| bought.has(t)))
                    .count();
                list(l.op, bought.terms.is_empty(), held, l.terms.len())
            }
            Field::SalesChannel => {
                let have = ctx.db.bought_at(p).channels;
                let held = (have & l.bits).count_ones() as usize;
                list(l.op, have == 0, held, l.bits.count_ones() as usize)
            }
            Field::Consent(ch) => {
                let granted = cols.consent[pi] & consent_bit(*ch) != 0;
                (l.op == Op::Yes) == granted
            }
            Field::Custom(name) => custom(l, &ctx.db.at(p).data, name, scratch),
        }
    }
}

fn number(l: &Leaf, v: Option<f64>) -> bool {
    let Some(v) = v else {
        return matches!(l.op, Op::IsNot | Op::IsEmpty);
    };
    match l.op {
        Op::Gt => v > l.number,
        Op::Ge => v >= l.number,
        Op::Lt => v < l.number,
        Op::Le => v <= l.number,
        Op::Is => v == l.number,
        Op::IsNot => v != l.number,
        Op::Between => v >= l.range.0 && v <= l.range.1,
        Op::NotEmpty => true,
        _ => false,
    }
}

fn text(l: &Leaf, v: &str, scratch: &mut String) -> bool {
    fold_into(v, scratch);
    let v = scratch.as_str();
    let first = l.texts.first().map(String::as_str).unwrap_or("");
    match l.op {
        Op::Is => v == first,
        Op::IsNot => v != first,
        Op::Contains => v.contains(first),
        Op::NotContains => !v.contains(first),
        Op::StartsWith => v.starts_with(first),
        Op::AnyOf => l.texts.iter().any(|t| t == v),
        Op::NoneOf => !l.texts.iter().any(|t| t == v),
        Op::IsEmpty => v.is_empty(),
        Op::NotEmpty => !v.is_empty(),
        _ => false,
    }
}

fn choice(l: &Leaf, v: Option<&str>) -> bool {
    let has = |code: &str| l.texts.iter().any(|t| t == code);
    match (l.op, v) {
        (Op::IsEmpty, v) => v.is_none(),
        (Op::NotEmpty, v) => v.is_some(),
        (Op::Is | Op::AnyOf, Some(v)) => has(v),
        (Op::IsNot | Op::NoneOf, Some(v)) => !has(v),
        (Op::IsNot | Op::NoneOf, None) => true,
        _ => false,
    }
}

/// A list operator, given whether the list is empty and how many of the `n` wanted
/// values it holds.
fn list(op: Op, empty: bool, held: usize, n: usize) -> bool {
    match op {
        Op::Has | Op::AnyOf => held > 0,
        Op::HasNot | Op::NoneOf => held == 0,
        Op::AllOf => n > 0 && held == n,
        Op::IsEmpty => empty,
        Op::NotEmpty => !empty,
        _ => false,
    }
}

fn custom(l: &Leaf, c: &Customer, name: &str, scratch: &mut String) -> bool {
    let value = c
        .custom
        .iter()
        .find(|f| f.key.trim().eq_ignore_ascii_case(name.trim()))
        .map(|f| &f.value);
    match value {
        None => matches!(l.op, Op::IsEmpty | Op::IsNot | Op::NoneOf | Op::NotContains),
        Some(CustomValue::Number(n)) => number(l, Some(*n)),
        Some(CustomValue::Date(d)) => match (l.op, l.date) {
            (Op::Before, Some(x)) => *d < x,
            (Op::After, Some(x)) => *d > x,
            (Op::Is, Some(x)) => *d == x,
            (Op::NotEmpty, _) => true,
            _ => false,
        },
        Some(CustomValue::Text(s)) | Some(CustomValue::Choice(s)) => match l.op {
            Op::Gt | Op::Ge | Op::Lt | Op::Le | Op::Between => {
                number(l, s.trim().parse::<f64>().ok())
            }
            _ => text(l, s, scratch),
        },
    }
}

/// A rough cost of testing a node, so cheap tests run first: AND and OR give the
/// same answer in any order, and most customers fail a cheap test early. Column
/// lookups cost least; per-customer totals, dates and purchases more; custom fields
/// (read from the record) most.
fn cost(node: &Node) -> u32 {
    match node {
        Node::All(v) | Node::Any(v) => v.iter().map(cost).sum(),
        Node::Leaf(l) => match l.field {
            Field::Age => 3,
            Field::Product | Field::Category | Field::Sku | Field::Store => 3,
            Field::NextProduct => 3,
            Field::SalesChannel => 2,
            Field::Custom(_) => 6,
            _ if text_field(&l.field).is_some() || list_field(&l.field).is_some() => 1,
            _ if choice_codes(&l.field).is_some() => 1,
            Field::Consent(_) => 1,
            _ => 2,
        },
    }
}

fn compile(rule: &Rule, db: &Db, scale: f64) -> Node {
    let group = |v: &[Rule]| {
        let mut nodes: Vec<Node> = v.iter().map(|r| compile(r, db, scale)).collect();
        nodes.sort_by_key(cost);
        nodes
    };
    match rule {
        Rule::All(v) => Node::All(group(v)),
        Rule::Any(v) => Node::Any(group(v)),
        Rule::Condition(c) => Node::Leaf(leaf(c, db, scale)),
    }
}

fn leaf(c: &Condition, db: &Db, scale: f64) -> Leaf {
    let money = matches!(
        c.field,
        Field::TotalSpent | Field::AverageSpend | Field::Clv
    );
    // Money is compared in major units: no scaling needed, but amounts are rounded to
    // the currency's precision as the user sees them.
    let round = |v: f64| {
        if money {
            (v * scale).round() / scale
        } else {
            v
        }
    };
    let texts: Vec<String> = match c.value {
        Value::None => Vec::new(),
        _ => c.value.texts(),
    };
    let kind = match c.field {
        Field::Product | Field::NextProduct => Some(TermKind::Product),
        Field::Category => Some(TermKind::Category),
        Field::Sku => Some(TermKind::Sku),
        Field::Store => Some(TermKind::Store),
        _ => None,
    };
    let terms = match kind {
        Some(k) => texts.iter().map(|t| db.terms().find(k, t)).collect(),
        None => Vec::new(),
    };
    let bits = if c.field == Field::SalesChannel {
        SalesChannel::ALL
            .into_iter()
            .filter(|ch| texts.iter().any(|t| t.trim() == ch.code()))
            .map(channel_bit)
            .fold(0, |a, b| a | b)
    } else {
        0
    };
    let choice_field = !c.field.choices().is_empty();
    let mut l = Leaf {
        field: c.field.clone(),
        op: c.op,
        number: c.value.number().map(round).unwrap_or(f64::NAN),
        range: c
            .value
            .range()
            .map(|(a, b)| (round(a), round(b)))
            .unwrap_or((f64::NAN, f64::NAN)),
        texts: texts
            .iter()
            .map(|t| {
                if choice_field {
                    t.trim().to_string()
                } else {
                    folded(t)
                }
            })
            .collect(),
        terms,
        bits,
        date: c.value.date(),
        accept: Vec::new(),
        wanted: Vec::new(),
        distinct_wanted: 0,
    };
    let cols = db.columns();
    if let Some(codes) = choice_codes(&l.field) {
        l.accept = std::iter::once(choice(&l, None))
            .chain(codes.iter().map(|code| choice(&l, Some(code))))
            .collect();
    } else if let Some(f) = text_field(&l.field) {
        let mut scratch = String::new();
        l.accept = cols
            .text(f)
            .dict
            .values()
            .iter()
            .map(|v| text(&l, v, &mut scratch))
            .collect();
    } else if let Some(f) = list_field(&l.field) {
        l.wanted = cols
            .list(f)
            .dict
            .values()
            .iter()
            .map(|v| l.texts.contains(v))
            .collect();
        let mut distinct = l.texts.clone();
        distinct.sort();
        distinct.dedup();
        l.distinct_wanted = distinct.len();
    }
    l
}

#[cfg(test)]
mod tests;
