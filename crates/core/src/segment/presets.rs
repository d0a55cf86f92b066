//! Segment rules the app writes for the user: where the builder starts (from an RFM
//! grid cell, a named RFM segment or a lifecycle stage), valuable customers at risk,
//! and the customers a cross-sell rule points at.

use super::rules::{Condition, Field, Op, Rule, Value};
use crate::clv::predict::Risk;
use crate::crosssell;
use crate::model::Currency;
use crate::purchases::TermKind;

fn condition(field: Field, op: Op, value: Value) -> Rule {
    Rule::Condition(Condition { field, op, value })
}

/// The builder's starting rule: a grid cell (recency score `r`, frequency-monetary
/// score `fm`), else a named RFM segment (its code), else a lifecycle stage (its
/// code); else one empty condition to fill in.
pub fn start(r: Option<u8>, fm: Option<u8>, rfm: Option<String>, stage: Option<String>) -> Rule {
    let score = |field, n: u8| condition(field, Op::Is, Value::Number(f64::from(n)));
    let is = |field, code: String| condition(field, Op::Is, Value::Text(code));
    Rule::All(match (r, fm, rfm, stage) {
        (Some(r), Some(fm), _, _) => {
            vec![score(Field::RecencyScore, r), score(Field::FmScore, fm)]
        }
        (_, _, Some(code), _) => vec![is(Field::RfmSegment, code)],
        (_, _, _, Some(code)) => vec![is(Field::Stage, code)],
        _ => vec![condition(Field::City, Op::Is, Value::None)],
    })
}

/// Valuable customers at risk (`clv::potential::valuable_at_risk`) as a live rule:
/// churn risk high and spend at least `threshold` (minor units of `currency`).
pub fn at_risk(threshold: i64, currency: Currency) -> Rule {
    let scale = currency.minor_per_major();
    Rule::All(vec![
        condition(
            Field::ChurnRisk,
            Op::AnyOf,
            Value::Texts(vec![Risk::High.code().to_string()]),
        ),
        condition(
            Field::TotalSpent,
            Op::Ge,
            Value::Number(threshold as f64 / scale),
        ),
    ])
}

/// The customers a cross-sell rule of `rules` points at: they bought every item of
/// its antecedent and not (yet) its consequent. None for kinds other than products
/// and categories (no rule field to say it).
pub fn cross_sell_target(rules: &crosssell::Rules, rule: &crosssell::Rule) -> Option<Rule> {
    let field = match rules.kind {
        TermKind::Product => Field::Product,
        TermKind::Category => Field::Category,
        _ => return None,
    };
    let texts = |terms: &[u32]| {
        Value::Texts(
            rules
                .names_of(terms)
                .into_iter()
                .map(String::from)
                .collect(),
        )
    };
    Some(Rule::All(vec![
        condition(field.clone(), Op::AllOf, texts(&rule.antecedent)),
        condition(field, Op::NoneOf, texts(&[rule.consequent])),
    ]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn start_rules() {
        let cell = start(Some(5), Some(4), None, None);
        assert_eq!(
            cell,
            Rule::All(vec![
                condition(Field::RecencyScore, Op::Is, Value::Number(5.0)),
                condition(Field::FmScore, Op::Is, Value::Number(4.0)),
            ])
        );
        assert_eq!(
            start(None, None, Some("champions".into()), Some("loyal".into())),
            Rule::All(vec![condition(
                Field::RfmSegment,
                Op::Is,
                Value::Text("champions".into())
            )])
        );
        assert_eq!(
            start(Some(5), None, None, Some("loyal".into())),
            Rule::All(vec![condition(
                Field::Stage,
                Op::Is,
                Value::Text("loyal".into())
            )])
        );
        // Nothing asked: one condition to fill in, which does not check out yet.
        let empty = start(None, None, None, None);
        assert!(empty.check().is_err());
        assert!(cell.check().is_ok());
    }
}
