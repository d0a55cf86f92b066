//! Every string of the UI in both languages: the placeholders that code fills in
//! (`{n}`, `{pattern}`...) appear in the English and the Vietnamese text alike, and no
//! text is empty. Runs natively: the words are their own crate.
#![allow(clippy::unwrap_used)] // a test: an unwrap that fails is a failed test, with its line

use clientele_core::format::Locale;
use clientele_core::validate::Problem;
use clientele_i18n::*;
use serde_json::Value;
use std::collections::BTreeSet;

/// The placeholders of a text: `{name}` with a plain name inside.
fn placeholders(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut rest = text;
    while let Some(start) = rest.find('{') {
        let after = &rest[start + 1..];
        match after.find('}') {
            Some(end)
                if after[..end]
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_') =>
            {
                out.insert(after[..end].to_string());
                rest = &after[end + 1..];
            }
            _ => rest = after,
        }
    }
    out
}

/// Walks two languages' values side by side; says where they disagree.
fn compare(path: &str, en: &Value, vi: &Value, problems: &mut Vec<String>) {
    match (en, vi) {
        (Value::String(e), Value::String(v)) => {
            if e.trim().is_empty() || v.trim().is_empty() {
                problems.push(format!("{path}: empty text"));
            }
            let (pe, pv) = (placeholders(e), placeholders(v));
            if pe != pv {
                problems.push(format!("{path}: English has {pe:?}, Vietnamese {pv:?}"));
            }
        }
        (Value::Array(e), Value::Array(v)) if e.len() == v.len() => {
            for (i, (e, v)) in e.iter().zip(v).enumerate() {
                compare(&format!("{path}[{i}]"), e, v, problems);
            }
        }
        (Value::Object(e), Value::Object(v)) => {
            for (key, ev) in e {
                match v.get(key) {
                    Some(vv) => compare(&format!("{path}.{key}"), ev, vv, problems),
                    None => problems.push(format!("{path}.{key}: missing in Vietnamese")),
                }
            }
        }
        _ => problems.push(format!("{path}: different shapes")),
    }
}

fn check<T: serde::Serialize>(name: &str, en: &T, vi: &T) -> Vec<String> {
    let mut problems = Vec::new();
    compare(
        name,
        &serde_json::to_value(en).unwrap(),
        &serde_json::to_value(vi).unwrap(),
        &mut problems,
    );
    problems
}

#[test]
fn every_placeholder_is_in_both_languages() {
    let (en, vi) = (Locale::En, Locale::Vi);
    let mut problems = check("strings", strings(en), strings(vi));
    problems.extend(check("seg", seg_strings(en), seg_strings(vi)));
    problems.extend(check("dash", dash_strings(en), dash_strings(vi)));
    problems.extend(check("imp", imp_strings(en), imp_strings(vi)));
    problems.extend(check("backup", backup_strings(en), backup_strings(vi)));
    problems.extend(check("history", history_strings(en), history_strings(vi)));
    problems.extend(check(
        "products",
        products_strings(en),
        products_strings(vi),
    ));
    problems.extend(check("safety", safety_strings(en), safety_strings(vi)));
    problems.extend(check("keys", keys_strings(en), keys_strings(vi)));
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_check_finds_a_missing_placeholder() {
    #[derive(serde::Serialize)]
    struct Words {
        count: &'static str,
    }
    let problems = check(
        "t",
        &Words {
            count: "{n} customers",
        },
        &Words {
            count: "khách hàng",
        },
    );
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(placeholders("{a} and {b}, not { c }").len() == 2);
}

#[test]
fn placeholders_are_filled_in_both_languages() {
    for l in [Locale::En, Locale::Vi] {
        let t = strings(l);
        assert!(!t.customer_count(5, "5").contains('{'));
        assert!(t.customer_count(1234, "1.234").contains("1.234"));
        assert!(t.date_hint("dd/mm/yyyy").contains("dd/mm/yyyy"));
        assert!(!t.records_summary("1", "2").contains('{'));
        assert!(t
            .problem(Problem::InvalidDate, "dd/mm/yyyy")
            .contains("dd/mm/yyyy"));
    }
    assert_ne!(strings(Locale::En).save, strings(Locale::Vi).save);
}
