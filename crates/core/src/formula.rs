//! Spreadsheet formulas in cell text: a text a spreadsheet would run (formula
//! injection) is marked with a leading `'` when exported, and the importer removes
//! that mark again.

/// True for a plain number (`-5`, `12.50`): a spreadsheet reads it as a number, never
/// as a formula, so it is left as it is.
fn is_number(s: &str) -> bool {
    let digits = s.strip_prefix('-').unwrap_or(s);
    let mut parts = digits.splitn(2, '.');
    let whole = parts.next().unwrap_or("");
    let frac = parts.next();
    !whole.is_empty()
        && whole.bytes().all(|b| b.is_ascii_digit())
        && frac.is_none_or(|f| !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()))
}

/// A text that a spreadsheet would run as a formula (it starts with `=`, `+`, `-`,
/// `@`, tab or carriage return, and is not a plain number).
pub fn is_formula(s: &str) -> bool {
    matches!(s.chars().next(), Some('=' | '+' | '-' | '@' | '\t' | '\r')) && !is_number(s)
}

/// True when a text is marked with a leading `'` on export: a formula, or a formula
/// behind any number of `'` already (so the importer, removing one, gives it back).
pub fn needs_mark(s: &str) -> bool {
    is_formula(s.trim_start_matches('\''))
}
