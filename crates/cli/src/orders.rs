//! Reading an orders CSV for batch analytics: a header with at least `customer_id`,
//! `date` and `amount` (any order, any case); other columns are ignored, except an
//! optional `status`. Dates are ISO (`2026-01-31`, or a date-time such as
//! `2026-01-31T08:05:00Z`, whose date is taken); amounts are plain decimals
//! (`1234.5`). Rows whose status is refunded or cancelled, and rows with a negative
//! amount (refunds), are not purchases. The first bad row stops the reading with its
//! line and column.

use crate::CliError;
use clientele_core::segment::rfm::Purchase;
use clientele_core::time::Day;
use std::path::Path;

fn bad(path: &Path, line: u64, column: &str, why: impl std::fmt::Display) -> CliError {
    CliError {
        message: format!("{}: line {line}, column '{column}': {why}", path.display()),
        code: 2,
    }
}

pub fn parse_day(s: &str) -> Option<Day> {
    let s = s.trim();
    if let Some(d) = Day::parse_iso(s) {
        return Some(d);
    }
    // A date-time: the date part, when the rest looks like a time.
    let (date, rest) = (s.get(..10)?, s.get(10..)?);
    if rest.starts_with(['T', ' ']) && rest.len() >= 6 && rest.as_bytes()[3] == b':' {
        Day::parse_iso(date)
    } else {
        None
    }
}

pub fn read(path: &Path) -> Result<Vec<Purchase<String>>, CliError> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(false)
        .from_path(path)
        .map_err(|e| CliError {
            message: format!("cannot read {}: {e}", path.display()),
            code: 2,
        })?;
    let headers = reader.headers().map_err(|e| bad(path, 1, "-", e))?.clone();
    let find = |name: &str| {
        headers.iter().position(|h| {
            h.trim()
                .trim_start_matches('\u{feff}')
                .eq_ignore_ascii_case(name)
        })
    };
    let missing: Vec<&str> = ["customer_id", "date", "amount"]
        .into_iter()
        .filter(|n| find(n).is_none())
        .collect();
    if !missing.is_empty() {
        return Err(bad(
            path,
            1,
            &missing.join("', '"),
            "missing from the header (needed: customer_id, date, amount)",
        ));
    }
    let (ci, di, ai) = (
        find("customer_id").unwrap(),
        find("date").unwrap(),
        find("amount").unwrap(),
    );
    let si = find("status");
    let mut out = Vec::new();
    for row in reader.records() {
        let row = row.map_err(|e| {
            let line = e.position().map(|p| p.line()).unwrap_or(0);
            bad(path, line, "-", e)
        })?;
        let line = row.position().map(|p| p.line()).unwrap_or(0);
        let customer = row.get(ci).unwrap_or("").trim();
        if customer.is_empty() {
            return Err(bad(path, line, "customer_id", "empty"));
        }
        let date = row.get(di).unwrap_or("");
        let day = parse_day(date).ok_or_else(|| {
            bad(
                path,
                line,
                "date",
                format!("'{date}' is not an ISO date (YYYY-MM-DD)"),
            )
        })?;
        let amount_text = row.get(ai).unwrap_or("").trim();
        let amount: f64 = amount_text
            .parse()
            .ok()
            .filter(|a: &f64| a.is_finite())
            .ok_or_else(|| {
                bad(
                    path,
                    line,
                    "amount",
                    format!("'{amount_text}' is not a decimal number like 1234.50"),
                )
            })?;
        let status = si
            .and_then(|i| row.get(i))
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase();
        if amount < 0.0 || matches!(status.as_str(), "refunded" | "cancelled" | "canceled") {
            continue;
        }
        out.push(Purchase {
            customer: customer.to_string(),
            day,
            amount,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(parse_day("2026-01-31"), Day::from_ymd(2026, 1, 31));
        assert_eq!(
            parse_day("2026-01-31T08:05:00Z"),
            Day::from_ymd(2026, 1, 31)
        );
        assert_eq!(parse_day("2026-01-31 08:05"), Day::from_ymd(2026, 1, 31));
        assert_eq!(parse_day("31/01/2026"), None);
        assert_eq!(parse_day("2026-01-31Tnope"), None);
        assert_eq!(parse_day("2026-02-30"), None);
    }
}
