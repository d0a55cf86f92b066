//! Segment rules: conditions over a customer's fields, combined in nested AND/OR
//! groups. A rule is plain data (saved with a segment, written by hand in a JSON file
//! for the CLI); `eval` compiles and runs it.
//!
//! JSON form (the CLI's RULES.json):
//! ```json
//! { "all": [
//!     { "field": "city", "op": "is", "value": "Hà Nội" },
//!     { "field": "total_spent", "op": ">", "value": 2000000 },
//!     { "any": [ { "field": "tags", "op": "has", "value": "VIP" },
//!                { "field": "rfm_segment", "op": "any_of", "value": ["champions", "loyal"] } ] }
//! ] }
//! ```
//! Text comparisons ignore case and Vietnamese diacritics ("ha noi" is "Hà Nội").
//! Money values are in major units of the shop's main currency (2000000 ₫, 25.50 $).

use crate::clv::predict::Risk;
use crate::model::SalesChannel;
use crate::model::{AcquisitionChannel, ConsentChannel, IncomeBand};
use crate::segment::lifecycle::Stage;
use crate::segment::rfm::Segment;
use crate::time::Day;
use serde::{Deserialize, Serialize};
use std::fmt;

/// A field a condition can test.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    // Demographic
    Kind,
    Age,
    Gender,
    Occupation,
    Income,
    // Geographic
    Country,
    City,
    District,
    // Psychographic
    Interests,
    /// What matters to the customer (the customer's `values`).
    Values,
    Tags,
    // Behavioural
    Orders,
    TotalSpent,
    AverageSpend,
    DaysSinceLastOrder,
    DaysSinceFirstOrder,
    Product,
    Category,
    Sku,
    SalesChannel,
    Store,
    RfmSegment,
    Stage,
    RecencyScore,
    FrequencyScore,
    MonetaryScore,
    /// FM = ⌈(F + M) / 2⌉, the column of the RFM grid.
    FmScore,
    /// Lifetime value over the analysis horizon (BG/NBD + Gamma-Gamma), money.
    Clv,
    /// The chance the customer is still a customer (BG/NBD P(alive)), in percent.
    PAlive,
    /// Churn risk band from P(alive).
    ChurnRisk,
    /// The products cross-sell rules suggest offering next.
    NextProduct,
    Interactions,
    DaysSinceLastInteraction,
    Consent(ConsentChannel),
    Acquisition,
    Source,
    /// A custom field, by its name (compared without regard to case).
    Custom(String),
}

/// Which group a field is shown under in the builder.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Group {
    Demographic,
    Geographic,
    Psychographic,
    Behavioural,
    Custom,
}

/// What kind of value a field holds, which decides its operators.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Number,
    /// A number of money, in major units of the main currency.
    Money,
    Text,
    /// One of a fixed set of codes (see `Field::choices`).
    Choice,
    /// Several texts (tags, products bought).
    List,
    /// Several codes from a fixed set (sales channels used).
    ChoiceList,
    /// Yes or no (consent given).
    Flag,
    Date,
}

impl Field {
    /// Every field but custom ones and per-channel consent, in builder order.
    pub const FIXED: [Field; 35] = [
        Field::Kind,
        Field::Age,
        Field::Gender,
        Field::Occupation,
        Field::Income,
        Field::Country,
        Field::City,
        Field::District,
        Field::Interests,
        Field::Values,
        Field::Tags,
        Field::Orders,
        Field::TotalSpent,
        Field::AverageSpend,
        Field::DaysSinceLastOrder,
        Field::DaysSinceFirstOrder,
        Field::Product,
        Field::Category,
        Field::Sku,
        Field::SalesChannel,
        Field::Store,
        Field::RfmSegment,
        Field::Stage,
        Field::RecencyScore,
        Field::FrequencyScore,
        Field::MonetaryScore,
        Field::FmScore,
        Field::Clv,
        Field::PAlive,
        Field::ChurnRisk,
        Field::NextProduct,
        Field::Interactions,
        Field::DaysSinceLastInteraction,
        Field::Acquisition,
        Field::Source,
    ];

    /// Every field the builder offers (consent once per channel), custom fields aside.
    pub fn all() -> Vec<Field> {
        let mut v: Vec<Field> = Field::FIXED.to_vec();
        v.extend(ConsentChannel::ALL.into_iter().map(Field::Consent));
        v
    }

    pub fn code(&self) -> String {
        let s = match self {
            Field::Kind => "kind",
            Field::Age => "age",
            Field::Gender => "gender",
            Field::Occupation => "occupation",
            Field::Income => "income",
            Field::Country => "country",
            Field::City => "city",
            Field::District => "district",
            Field::Interests => "interests",
            Field::Values => "values",
            Field::Tags => "tags",
            Field::Orders => "orders",
            Field::TotalSpent => "total_spent",
            Field::AverageSpend => "average_spend",
            Field::DaysSinceLastOrder => "days_since_last_order",
            Field::DaysSinceFirstOrder => "days_since_first_order",
            Field::Product => "product",
            Field::Category => "category",
            Field::Sku => "sku",
            Field::SalesChannel => "sales_channel",
            Field::Store => "store",
            Field::RfmSegment => "rfm_segment",
            Field::Stage => "stage",
            Field::RecencyScore => "r_score",
            Field::FrequencyScore => "f_score",
            Field::MonetaryScore => "m_score",
            Field::FmScore => "fm_score",
            Field::Clv => "clv",
            Field::PAlive => "p_alive",
            Field::ChurnRisk => "churn_risk",
            Field::NextProduct => "next_product",
            Field::Interactions => "interactions",
            Field::DaysSinceLastInteraction => "days_since_last_interaction",
            Field::Acquisition => "acquisition_channel",
            Field::Source => "source",
            Field::Consent(c) => return format!("consent:{}", c.code()),
            Field::Custom(name) => return format!("custom:{name}"),
        };
        s.to_string()
    }

    pub fn parse(code: &str) -> Option<Field> {
        if let Some(c) = code.strip_prefix("consent:") {
            return ConsentChannel::ALL
                .into_iter()
                .find(|ch| ch.code() == c)
                .map(Field::Consent);
        }
        if let Some(name) = code.strip_prefix("custom:") {
            let name = name.trim();
            return (!name.is_empty()).then(|| Field::Custom(name.to_string()));
        }
        Field::FIXED.iter().find(|f| f.code() == code).cloned()
    }

    pub fn group(&self) -> Group {
        use Field::*;
        match self {
            Kind | Age | Gender | Occupation | Income => Group::Demographic,
            Country | City | District => Group::Geographic,
            Interests | Values | Tags => Group::Psychographic,
            Custom(_) => Group::Custom,
            _ => Group::Behavioural,
        }
    }

    /// The kind of value; custom fields say theirs (`custom_kind`), text by default.
    pub fn kind(&self) -> Kind {
        use Field::*;
        match self {
            Age
            | Orders
            | DaysSinceLastOrder
            | DaysSinceFirstOrder
            | RecencyScore
            | FrequencyScore
            | MonetaryScore
            | FmScore
            | PAlive
            | Interactions
            | DaysSinceLastInteraction => self::Kind::Number,
            TotalSpent | AverageSpend | Clv => self::Kind::Money,
            Occupation | Country | City | District | Source | Custom(_) => self::Kind::Text,
            Kind | Gender | Income | RfmSegment | Stage | ChurnRisk | Acquisition => {
                self::Kind::Choice
            }
            Interests | Values | Tags | Product | Category | Sku | Store | NextProduct => {
                self::Kind::List
            }
            SalesChannel => self::Kind::ChoiceList,
            Consent(_) => self::Kind::Flag,
        }
    }

    /// The codes a choice field takes, in display order.
    pub fn choices(&self) -> Vec<&'static str> {
        match self {
            Field::Kind => vec!["person", "organisation"],
            Field::Gender => vec!["female", "male", "other"],
            Field::Income => IncomeBand::ALL.into_iter().map(IncomeBand::code).collect(),
            Field::RfmSegment => Segment::ALL.into_iter().map(Segment::code).collect(),
            Field::Stage => Stage::ALL.into_iter().map(Stage::code).collect(),
            Field::ChurnRisk => Risk::ALL.into_iter().map(Risk::code).collect(),
            Field::Acquisition => AcquisitionChannel::ALL
                .into_iter()
                .map(AcquisitionChannel::code)
                .collect(),
            Field::SalesChannel => SalesChannel::ALL
                .into_iter()
                .map(SalesChannel::code)
                .collect(),
            _ => Vec::new(),
        }
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.code())
    }
}

impl Serialize for Field {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.code())
    }
}

impl<'de> Deserialize<'de> for Field {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Field, D::Error> {
        let code = String::deserialize(d)?;
        Field::parse(&code)
            .ok_or_else(|| serde::de::Error::custom(format!("unknown field '{code}'")))
    }
}

/// An operator. Which ones a field takes depends on its kind (`Op::for_kind`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Op {
    Is,
    IsNot,
    Gt,
    Ge,
    Lt,
    Le,
    Between,
    Contains,
    NotContains,
    StartsWith,
    Has,
    HasNot,
    AnyOf,
    NoneOf,
    AllOf,
    IsEmpty,
    NotEmpty,
    Yes,
    No,
    Before,
    After,
}

impl Op {
    pub const ALL: [Op; 21] = [
        Op::Is,
        Op::IsNot,
        Op::Gt,
        Op::Ge,
        Op::Lt,
        Op::Le,
        Op::Between,
        Op::Contains,
        Op::NotContains,
        Op::StartsWith,
        Op::Has,
        Op::HasNot,
        Op::AnyOf,
        Op::NoneOf,
        Op::AllOf,
        Op::IsEmpty,
        Op::NotEmpty,
        Op::Yes,
        Op::No,
        Op::Before,
        Op::After,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Op::Is => "is",
            Op::IsNot => "is_not",
            Op::Gt => ">",
            Op::Ge => ">=",
            Op::Lt => "<",
            Op::Le => "<=",
            Op::Between => "between",
            Op::Contains => "contains",
            Op::NotContains => "not_contains",
            Op::StartsWith => "starts_with",
            Op::Has => "has",
            Op::HasNot => "has_not",
            Op::AnyOf => "any_of",
            Op::NoneOf => "none_of",
            Op::AllOf => "all_of",
            Op::IsEmpty => "is_empty",
            Op::NotEmpty => "not_empty",
            Op::Yes => "yes",
            Op::No => "no",
            Op::Before => "before",
            Op::After => "after",
        }
    }

    /// Accepts the codes and a few spellings people write by hand.
    pub fn parse(code: &str) -> Option<Op> {
        let alias = match code.trim() {
            "=" | "==" | "eq" => Some(Op::Is),
            "!=" | "<>" | "ne" => Some(Op::IsNot),
            "gt" => Some(Op::Gt),
            "gte" | "ge" => Some(Op::Ge),
            "lt" => Some(Op::Lt),
            "lte" | "le" => Some(Op::Le),
            _ => None,
        };
        alias.or_else(|| Op::ALL.into_iter().find(|o| o.code() == code.trim()))
    }

    /// The operators that fit a kind of field, in the order the builder shows them.
    pub fn for_kind(kind: Kind) -> &'static [Op] {
        use Op::*;
        match kind {
            Kind::Number | Kind::Money => &[Gt, Ge, Lt, Le, Is, IsNot, Between, IsEmpty, NotEmpty],
            Kind::Text => &[
                Is,
                IsNot,
                Contains,
                NotContains,
                StartsWith,
                AnyOf,
                NoneOf,
                IsEmpty,
                NotEmpty,
            ],
            Kind::Choice => &[Is, IsNot, AnyOf, NoneOf, IsEmpty, NotEmpty],
            Kind::List | Kind::ChoiceList => {
                &[Has, HasNot, AnyOf, NoneOf, AllOf, IsEmpty, NotEmpty]
            }
            Kind::Flag => &[Yes, No],
            Kind::Date => &[Before, After, Is, IsEmpty, NotEmpty],
        }
    }

    /// What value the operator needs.
    pub fn arity(self) -> Arity {
        match self {
            Op::IsEmpty | Op::NotEmpty | Op::Yes | Op::No => Arity::None,
            Op::Between => Arity::Two,
            Op::AnyOf | Op::NoneOf | Op::AllOf => Arity::Many,
            _ => Arity::One,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Arity {
    None,
    One,
    Two,
    Many,
}

impl Serialize for Op {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

impl<'de> Deserialize<'de> for Op {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Op, D::Error> {
        let code = String::deserialize(d)?;
        Op::parse(&code)
            .ok_or_else(|| serde::de::Error::custom(format!("unknown operator '{code}'")))
    }
}

/// A condition's value, as written: a number, a text, or a list of them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
#[serde(untagged)]
pub enum Value {
    #[default]
    None,
    Number(f64),
    Text(String),
    Numbers(Vec<f64>),
    Texts(Vec<String>),
}

impl Value {
    pub fn is_none(&self) -> bool {
        matches!(self, Value::None)
    }

    /// The value as texts (numbers written out), for list operators.
    pub fn texts(&self) -> Vec<String> {
        match self {
            Value::None => Vec::new(),
            Value::Number(n) => vec![plain_number(*n)],
            Value::Text(t) => vec![t.clone()],
            Value::Numbers(v) => v.iter().map(|n| plain_number(*n)).collect(),
            Value::Texts(v) => v.clone(),
        }
    }

    /// The value as one number (a text is parsed: "2000000", "25.5").
    pub fn number(&self) -> Option<f64> {
        match self {
            Value::Number(n) => Some(*n),
            Value::Text(t) => t.trim().parse().ok().filter(|n: &f64| n.is_finite()),
            _ => None,
        }
    }

    /// The value as two numbers (for `between`), in ascending order.
    pub fn range(&self) -> Option<(f64, f64)> {
        let v: Vec<f64> = match self {
            Value::Numbers(v) => v.clone(),
            Value::Texts(v) => v.iter().filter_map(|t| t.trim().parse().ok()).collect(),
            _ => return None,
        };
        match v[..] {
            [a, b] if a.is_finite() && b.is_finite() => Some((a.min(b), a.max(b))),
            _ => None,
        }
    }

    pub fn date(&self) -> Option<Day> {
        match self {
            Value::Text(t) => Day::parse_iso(t),
            _ => None,
        }
    }
}

fn plain_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Condition {
    pub field: Field,
    pub op: Op,
    #[serde(default, skip_serializing_if = "Value::is_none")]
    pub value: Value,
}

/// A rule: a condition, or a group of rules that must all (AND) or any (OR) hold.
#[derive(Clone, Debug, PartialEq)]
pub enum Rule {
    All(Vec<Rule>),
    Any(Vec<Rule>),
    Condition(Condition),
}

/// The JSON form of a rule. Binary formats (postcard, in storage) cannot read its
/// untagged parts, so there a rule is stored as its JSON text.
#[derive(Serialize, Deserialize)]
enum Repr {
    #[serde(rename = "all")]
    All(Vec<Rule>),
    #[serde(rename = "any")]
    Any(Vec<Rule>),
    #[serde(untagged)]
    Condition(Condition),
}

impl Serialize for Rule {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let repr = match self.clone() {
            Rule::All(v) => Repr::All(v),
            Rule::Any(v) => Repr::Any(v),
            Rule::Condition(c) => Repr::Condition(c),
        };
        if s.is_human_readable() {
            repr.serialize(s)
        } else {
            let json = serde_json::to_string(&repr).map_err(serde::ser::Error::custom)?;
            s.serialize_str(&json)
        }
    }
}

impl<'de> Deserialize<'de> for Rule {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Rule, D::Error> {
        let repr = if d.is_human_readable() {
            Repr::deserialize(d)?
        } else {
            let json = String::deserialize(d)?;
            serde_json::from_str(&json).map_err(serde::de::Error::custom)?
        };
        Ok(match repr {
            Repr::All(v) => Rule::All(v),
            Repr::Any(v) => Rule::Any(v),
            Repr::Condition(c) => Rule::Condition(c),
        })
    }
}

impl Default for Rule {
    fn default() -> Self {
        Rule::All(Vec::new())
    }
}

/// What is wrong with a rule, and where: `path` lists the positions from the top
/// group, 1-based ("2.1" is the first rule of the second rule's group).
#[derive(Clone, Debug, PartialEq)]
pub struct RuleError {
    pub path: String,
    pub problem: RuleProblem,
}

#[derive(Clone, Debug, PartialEq)]
pub enum RuleProblem {
    /// The operator does not fit the field (e.g. "contains" on a number).
    OpNotForField { op: Op, field: Field },
    /// The value is missing or of the wrong shape for the operator.
    BadValue {
        field: Field,
        op: Op,
        expected: &'static str,
    },
    /// A choice field was given a code it does not have.
    UnknownChoice { field: Field, value: String },
    /// A group has no rules.
    EmptyGroup,
}

impl fmt::Display for RuleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "rule {}: ", self.path)?;
        match &self.problem {
            RuleProblem::OpNotForField { op, field } => write!(
                f,
                "operator '{}' does not apply to field '{field}' (use one of: {})",
                op.code(),
                Op::for_kind(field.kind())
                    .iter()
                    .map(|o| o.code())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            RuleProblem::BadValue {
                field,
                op,
                expected,
            } => write!(f, "'{field} {}' needs {expected}", op.code()),
            RuleProblem::UnknownChoice { field, value } => write!(
                f,
                "'{value}' is not a value of '{field}' (one of: {})",
                field.choices().join(", ")
            ),
            RuleProblem::EmptyGroup => write!(f, "the group has no conditions"),
        }
    }
}

impl Condition {
    /// Checks the operator fits the field and the value fits the operator.
    pub fn check(&self) -> Result<(), RuleProblem> {
        let kind = self.field.kind();
        let custom_date =
            matches!(self.field, Field::Custom(_)) && matches!(self.op, Op::Before | Op::After);
        let custom_number = matches!(self.field, Field::Custom(_))
            && matches!(self.op, Op::Gt | Op::Ge | Op::Lt | Op::Le | Op::Between);
        if !Op::for_kind(kind).contains(&self.op) && !custom_date && !custom_number {
            return Err(RuleProblem::OpNotForField {
                op: self.op,
                field: self.field.clone(),
            });
        }
        let bad = |expected| RuleProblem::BadValue {
            field: self.field.clone(),
            op: self.op,
            expected,
        };
        match self.op.arity() {
            Arity::None => {}
            Arity::Two => {
                self.value
                    .range()
                    .ok_or_else(|| bad("two numbers, e.g. [10, 20]"))?;
            }
            Arity::Many => {
                if self.value.texts().iter().all(|t| t.trim().is_empty()) {
                    return Err(bad("a list of values, e.g. [\"a\", \"b\"]"));
                }
            }
            Arity::One => match self.op {
                Op::Before | Op::After => {
                    self.value.date().ok_or_else(|| bad("a date, YYYY-MM-DD"))?;
                }
                _ if matches!(kind, Kind::Number | Kind::Money) || custom_number => {
                    self.value.number().ok_or_else(|| bad("a number"))?;
                }
                _ => {
                    if self.value.texts().len() != 1 || self.value.texts()[0].trim().is_empty() {
                        return Err(bad("a value"));
                    }
                }
            },
        }
        let choices = self.field.choices();
        if !choices.is_empty() {
            for v in self.value.texts() {
                if !choices.contains(&v.trim()) {
                    return Err(RuleProblem::UnknownChoice {
                        field: self.field.clone(),
                        value: v,
                    });
                }
            }
        }
        Ok(())
    }
}

impl Rule {
    /// Checks every condition; the first problem found, with where it is.
    pub fn check(&self) -> Result<(), RuleError> {
        self.check_at(String::new())
    }

    fn check_at(&self, path: String) -> Result<(), RuleError> {
        let here = |p: &str| {
            if p.is_empty() {
                "1".to_string()
            } else {
                p.to_string()
            }
        };
        match self {
            Rule::All(rules) | Rule::Any(rules) => {
                if rules.is_empty() {
                    return Err(RuleError {
                        path: here(&path),
                        problem: RuleProblem::EmptyGroup,
                    });
                }
                for (i, r) in rules.iter().enumerate() {
                    let p = if path.is_empty() {
                        format!("{}", i + 1)
                    } else {
                        format!("{path}.{}", i + 1)
                    };
                    r.check_at(p)?;
                }
                Ok(())
            }
            Rule::Condition(c) => c.check().map_err(|problem| RuleError {
                path: here(&path),
                problem,
            }),
        }
    }

    /// Every condition, depth first.
    pub fn conditions(&self) -> Vec<&Condition> {
        match self {
            Rule::All(rules) | Rule::Any(rules) => {
                rules.iter().flat_map(Rule::conditions).collect()
            }
            Rule::Condition(c) => vec![c],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cond(field: Field, op: Op, value: Value) -> Rule {
        Rule::Condition(Condition { field, op, value })
    }

    #[test]
    fn codes_round_trip() {
        for f in Field::all() {
            assert_eq!(Field::parse(&f.code()), Some(f.clone()), "{f}");
            assert!(!Op::for_kind(f.kind()).is_empty());
        }
        assert_eq!(
            Field::parse("custom:Size"),
            Some(Field::Custom("Size".into()))
        );
        assert_eq!(Field::parse("custom: "), None);
        assert_eq!(Field::parse("cty"), None);
        for o in Op::ALL {
            assert_eq!(Op::parse(o.code()), Some(o));
        }
        assert_eq!(Op::parse("="), Some(Op::Is));
        assert_eq!(Op::parse("gte"), Some(Op::Ge));
    }

    #[test]
    fn json_shape_and_checks() {
        let rule = Rule::All(vec![
            cond(Field::City, Op::Is, Value::Text("Hà Nội".into())),
            cond(Field::TotalSpent, Op::Gt, Value::Number(2_000_000.0)),
            Rule::Any(vec![
                cond(Field::Tags, Op::Has, Value::Text("VIP".into())),
                cond(
                    Field::RfmSegment,
                    Op::AnyOf,
                    Value::Texts(vec!["champions".into(), "loyal".into()]),
                ),
                cond(Field::Consent(ConsentChannel::Email), Op::Yes, Value::None),
            ]),
        ]);
        rule.check().unwrap();
        let json = serde_json_like(&rule);
        assert!(json.contains("\"field\":\"city\""), "{json}");
        assert!(json.contains("\"op\":\">\""), "{json}");
        assert!(json.contains("\"any\":["), "{json}");
        assert!(
            !json.contains("Condition"),
            "conditions are untagged: {json}"
        );
        assert_eq!(conditions_len(&rule), 5);
    }

    fn conditions_len(r: &Rule) -> usize {
        r.conditions().len()
    }

    fn serde_json_like(rule: &Rule) -> String {
        let json = serde_json::to_string(rule).unwrap();
        let back: Rule = serde_json::from_str(&json).unwrap();
        assert_eq!(&back, rule);
        let bytes = postcard::to_stdvec(rule).unwrap();
        assert_eq!(
            &postcard::from_bytes::<Rule>(&bytes).unwrap(),
            rule,
            "storage form"
        );
        json
    }

    #[test]
    fn problems_name_the_place() {
        let rule = Rule::All(vec![
            cond(Field::Age, Op::Gt, Value::Number(30.0)),
            Rule::Any(vec![
                cond(Field::City, Op::Is, Value::Text("Huế".into())),
                cond(Field::Orders, Op::Contains, Value::Text("x".into())),
            ]),
        ]);
        let e = rule.check().unwrap_err();
        assert_eq!(e.path, "2.2");
        assert!(matches!(e.problem, RuleProblem::OpNotForField { .. }));
        assert!(
            e.to_string().starts_with("rule 2.2: operator 'contains'"),
            "{e}"
        );

        let bad = [
            (
                cond(Field::Age, Op::Gt, Value::Text("old".into())),
                "a number",
            ),
            (
                cond(Field::Age, Op::Between, Value::Number(3.0)),
                "two numbers",
            ),
            (cond(Field::Tags, Op::AnyOf, Value::Texts(vec![])), "a list"),
            (
                cond(Field::City, Op::Is, Value::Text(" ".into())),
                "a value",
            ),
        ];
        for (r, expected) in bad {
            let e = r.check().unwrap_err();
            assert!(e.to_string().contains(expected), "{e}");
        }
        let e = cond(Field::Stage, Op::Is, Value::Text("gold".into()))
            .check()
            .unwrap_err();
        assert!(
            matches!(e.problem, RuleProblem::UnknownChoice { .. }),
            "{e}"
        );
        assert_eq!(
            Rule::Any(vec![]).check().unwrap_err().problem,
            RuleProblem::EmptyGroup
        );
        // Custom fields take numbers and dates too.
        cond(Field::Custom("Size".into()), Op::Gt, Value::Number(3.0))
            .check()
            .unwrap();
        cond(
            Field::Custom("Renewal".into()),
            Op::Before,
            Value::Text("2026-01-01".into()),
        )
        .check()
        .unwrap();
    }
}
