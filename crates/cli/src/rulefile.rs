//! Reading a segment rule from a JSON file (the form in `clientele_core::segment::rules`).
//! The core's own deserializer decides what a rule is; when it refuses, a JSON syntax
//! error is reported with serde_json's line and column, and a rule of the wrong shape
//! with the place of the offending rule ("rule 2.1", as `Rule::check` names places).

use crate::CliError;
use clientele_core::segment::rules::{Condition, Rule};
use serde_json::Value;
use std::path::Path;

fn refused(path: &Path, message: impl std::fmt::Display) -> CliError {
    CliError {
        message: format!("{}: {message}", path.display()),
        code: 2,
    }
}

/// Reads, parses and checks a rule file.
pub fn read(path: &Path) -> Result<Rule, CliError> {
    let text = std::fs::read_to_string(path).map_err(|e| CliError {
        message: format!("cannot read {}: {e}", path.display()),
        code: 2,
    })?;
    let rule = parse(&text).map_err(|m| refused(path, m))?;
    rule.check().map_err(|e| refused(path, e))?;
    Ok(rule)
}

/// A rule from JSON text, or what is wrong and where.
pub fn parse(text: &str) -> Result<Rule, String> {
    let e = match serde_json::from_str::<Rule>(text) {
        Ok(rule) => return Ok(rule),
        Err(e) => e,
    };
    let at_line = || {
        let message = e.to_string();
        let suffix = format!(" at line {} column {}", e.line(), e.column());
        let message = message.strip_suffix(&suffix).unwrap_or(&message);
        format!("line {}, column {}: {message}", e.line(), e.column())
    };
    if !e.is_data() {
        return Err(at_line());
    }
    let value: Value = serde_json::from_str(text).map_err(|_| at_line())?;
    Err(match locate(&value, "") {
        Some((place, problem)) => format!("rule {place}: {problem}"),
        None => at_line(),
    })
}

const SHAPE: &str = "a rule is a condition {\"field\": …, \"op\": …, \"value\": …} \
                     or a group {\"all\": [rules]} or {\"any\": [rules]}";

/// The first rule in `v` that is not well formed, with its place (1-based, dotted).
fn locate(v: &Value, path: &str) -> Option<(String, String)> {
    let here = if path.is_empty() { "1" } else { path }.to_string();
    let Value::Object(map) = v else {
        return Some((here, SHAPE.to_string()));
    };
    let group = ["all", "any"].into_iter().find(|k| map.contains_key(*k));
    let Some(key) = group else {
        return serde_json::from_value::<Condition>(v.clone())
            .err()
            .map(|e| (here, condition_problem(&e.to_string())));
    };
    if map.len() != 1 {
        return Some((
            here,
            format!("a group holds only its list: {{\"{key}\": [rules]}}"),
        ));
    }
    let Value::Array(rules) = &map[key] else {
        return Some((here, format!("'{key}' needs a list of rules")));
    };
    rules.iter().enumerate().find_map(|(i, r)| {
        let p = if path.is_empty() {
            format!("{}", i + 1)
        } else {
            format!("{path}.{}", i + 1)
        };
        locate(r, &p)
    })
}

fn condition_problem(serde_message: &str) -> String {
    if serde_message.contains("untagged enum Value") {
        "the value must be a number, a text, or a list of numbers or of texts".to_string()
    } else {
        serde_message.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_and_positions() {
        let ok = r#"{"all": [{"field": "city", "op": "is", "value": "Huế"},
                             {"any": [{"field": "orders", "op": ">=", "value": 3}]}]}"#;
        assert!(parse(ok).is_ok());
        let e = parse(
            r#"{"all": [{"field": "city", "op": "is", "value": "Huế"},
                                  {"any": [{"field": "cty", "op": "is", "value": "x"}]}]}"#,
        )
        .unwrap_err();
        assert_eq!(e, "rule 2.1: unknown field 'cty'");
        let e = parse(r#"{"field": "orders", "op": "~", "value": 3}"#).unwrap_err();
        assert_eq!(e, "rule 1: unknown operator '~'");
        let e =
            parse(r#"{"any": [{"field": "orders", "op": ">", "value": {"n": 3}}]}"#).unwrap_err();
        assert!(e.starts_with("rule 1: the value must be"), "{e}");
        let e = parse(r#"{"all": [3]}"#).unwrap_err();
        assert!(e.starts_with("rule 1: a rule is"), "{e}");
        let e = parse(r#"{"all": {"field": "orders"}}"#).unwrap_err();
        assert_eq!(e, "rule 1: 'all' needs a list of rules");
        let e = parse("{\"all\": [\n  {\"field\": \"city\" \"op\": \"is\"}]}").unwrap_err();
        assert!(e.starts_with("line 2, column 20: expected"), "{e}");
        let e = parse("{\"all\": [").unwrap_err();
        assert!(e.starts_with("line 1, column 9: EOF"), "{e}");
    }
}
