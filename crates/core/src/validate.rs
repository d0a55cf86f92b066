//! Validation of what people type: required names, email and phone formats, dates,
//! amounts. Errors name the field and the problem; the UI turns them into words.

use crate::model::{Customer, Interaction, Order};
use crate::time::Day;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Problem {
    Required,
    InvalidEmail,
    InvalidPhone,
    /// A date that does not exist, or is out of the plausible range.
    InvalidDate,
    /// A birthday in the future or more than 130 years back.
    ImplausibleBirthday,
    TooLong,
    Negative,
    /// An order with no line items and no total.
    Empty,
    DuplicateTag,
    /// A number field holding something that is not a finite number.
    InvalidNumber,
    /// A custom field name used twice.
    DuplicateName,
    /// A segment rule with a condition that does not fit (see `Rule::check`).
    InvalidRule,
    /// A company typed that is no organisation in the database.
    UnknownOrganisation,
}

/// A problem with one field (by its stable name, e.g. "emails"), and for list fields
/// which entry (0-based).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    pub field: &'static str,
    pub index: Option<usize>,
    pub problem: Problem,
}

impl FieldError {
    pub fn new(field: &'static str, problem: Problem) -> FieldError {
        FieldError {
            field,
            index: None,
            problem,
        }
    }
    pub fn at(field: &'static str, index: usize, problem: Problem) -> FieldError {
        FieldError {
            field,
            index: Some(index),
            problem,
        }
    }
}

pub const MAX_TEXT: usize = 200;
pub const MAX_NOTES: usize = 20_000;

/// A practical email check: one `@`, a non-empty local part, a dotted domain of
/// letters, digits and hyphens, no spaces.
pub fn is_email(s: &str) -> bool {
    let s = s.trim();
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    if local.is_empty()
        || local.len() > 64
        || domain.contains('@')
        || s.chars().any(char::is_whitespace)
    {
        return false;
    }
    let labels: Vec<&str> = domain.split('.').collect();
    labels.len() >= 2
        && labels.iter().all(|l| {
            !l.is_empty()
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars().all(|c| c.is_alphanumeric() || c == '-')
        })
        && labels
            .last()
            .is_some_and(|tld| tld.chars().count() >= 2 && tld.chars().all(char::is_alphabetic))
}

/// Digits of a phone number, keeping a leading `+`. Spaces, dots, dashes and brackets
/// are allowed as separators; anything else makes it invalid (`None`).
pub fn phone_digits(s: &str) -> Option<String> {
    let s = s.trim();
    let mut out = String::with_capacity(s.len());
    for (i, c) in s.chars().enumerate() {
        match c {
            '0'..='9' => out.push(c),
            '+' if i == 0 => out.push(c),
            ' ' | '.' | '-' | '(' | ')' => {}
            _ => return None,
        }
    }
    let digits = out.trim_start_matches('+').len();
    (7..=15).contains(&digits).then_some(out)
}

/// An email address as compared: trimmed, lower case (`An@X.vn` is `an@x.vn`).
pub fn email_key(s: &str) -> String {
    let e = s.trim();
    if e.is_ascii() {
        e.to_ascii_lowercase()
    } else {
        e.to_lowercase()
    }
}

/// A phone number in its national form for Vietnam (`+84 912…` → `0912…`), for
/// matching the same number written two ways (`search::national_phone`).
pub fn phone_key(s: &str) -> Option<String> {
    Some(crate::search::national_phone(&phone_digits(s)?))
}

fn check_text(errors: &mut Vec<FieldError>, field: &'static str, s: &str, max: usize) {
    if s.chars().count() > max {
        errors.push(FieldError::new(field, Problem::TooLong));
    }
}

pub fn customer(c: &Customer, today: Day) -> Result<(), Vec<FieldError>> {
    let mut e = Vec::new();
    if c.name().is_empty() {
        e.push(FieldError::new("display_name", Problem::Required));
    }
    for (field, value) in [
        ("given_name", &c.given_name),
        ("family_name", &c.family_name),
        ("display_name", &c.display_name),
        ("occupation", &c.occupation),
        ("source", &c.source),
    ] {
        check_text(&mut e, field, value, MAX_TEXT);
    }
    check_text(&mut e, "notes", &c.notes, MAX_NOTES);
    for (i, email) in c.emails.iter().enumerate() {
        if !is_email(email) {
            e.push(FieldError::at("emails", i, Problem::InvalidEmail));
        }
    }
    for (i, phone) in c.phones.iter().enumerate() {
        if phone_digits(phone).is_none() {
            e.push(FieldError::at("phones", i, Problem::InvalidPhone));
        }
    }
    if let Some(b) = c.birthday {
        if b > today || b.years_until(today) > 130 {
            e.push(FieldError::new("birthday", Problem::ImplausibleBirthday));
        }
    }
    for (i, tag) in c.tags.iter().enumerate() {
        if tag.trim().is_empty() {
            e.push(FieldError::at("tags", i, Problem::Required));
        } else if c.tags[..i]
            .iter()
            .any(|t| t.trim().eq_ignore_ascii_case(tag.trim()))
        {
            e.push(FieldError::at("tags", i, Problem::DuplicateTag));
        }
    }
    for (i, f) in c.custom.iter().enumerate() {
        if f.key.trim().is_empty() {
            e.push(FieldError::at("custom", i, Problem::Required));
        } else if c.custom[..i]
            .iter()
            .any(|g| g.key.trim().eq_ignore_ascii_case(f.key.trim()))
        {
            e.push(FieldError::at("custom", i, Problem::DuplicateName));
        } else if matches!(f.value, crate::model::CustomValue::Number(n) if !n.is_finite()) {
            e.push(FieldError::at("custom", i, Problem::InvalidNumber));
        }
    }
    if e.is_empty() {
        Ok(())
    } else {
        Err(e)
    }
}

pub fn order(o: &Order) -> Result<(), Vec<FieldError>> {
    let mut e = Vec::new();
    if o.total < 0 {
        e.push(FieldError::new("total", Problem::Negative));
    }
    if o.items.is_empty() && o.total == 0 {
        e.push(FieldError::new("items", Problem::Empty));
    }
    for (i, item) in o.items.iter().enumerate() {
        if item.product.trim().is_empty() {
            e.push(FieldError::at("items", i, Problem::Required));
        }
        if item.unit_price < 0 {
            e.push(FieldError::at("items", i, Problem::Negative));
        }
    }
    check_text(&mut e, "store", &o.store, MAX_TEXT);
    if e.is_empty() {
        Ok(())
    } else {
        Err(e)
    }
}

pub fn interaction(i: &Interaction) -> Result<(), Vec<FieldError>> {
    let mut e = Vec::new();
    if i.subject.trim().is_empty() {
        e.push(FieldError::new("subject", Problem::Required));
    }
    check_text(&mut e, "subject", &i.subject, MAX_TEXT);
    check_text(&mut e, "note", &i.note, MAX_NOTES);
    if e.is_empty() {
        Ok(())
    } else {
        Err(e)
    }
}

/// Parses a date typed by a person in the given order of day, month, year, with `/`,
/// `-` or `.` between; the year first (ISO `YYYY-MM-DD`) is always accepted. The same
/// reader as the importer's (`dates::parse_day`): two-digit years included.
pub fn parse_date(s: &str, format: crate::format::DateFormat) -> Option<Day> {
    use crate::dates::{parse_day, DateOrder};
    use crate::format::DateFormat;
    let order = match format {
        DateFormat::DayMonthYear => Some(DateOrder::DayFirst),
        DateFormat::MonthDayYear => Some(DateOrder::MonthFirst),
        DateFormat::YearMonthDay => None,
    };
    parse_day(s, order).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::DateFormat;

    #[test]
    fn emails() {
        for ok in [
            "an@example.com",
            "nguyen.van.an+shop@mail.vn",
            "x@sub.domain.com.vn",
        ] {
            assert!(is_email(ok), "{ok}");
        }
        for bad in [
            "",
            "an",
            "an@",
            "@x.com",
            "an@x",
            "an@@x.com",
            "a n@x.com",
            "an@x.c",
            "an@-x.com",
            "an@x..com",
        ] {
            assert!(!is_email(bad), "{bad}");
        }
    }

    #[test]
    fn phones() {
        assert_eq!(phone_digits("0912 345 678").as_deref(), Some("0912345678"));
        assert_eq!(
            phone_digits("+84 (912) 345-678").as_deref(),
            Some("+84912345678")
        );
        assert_eq!(phone_digits("12345"), None, "too short");
        assert_eq!(phone_digits("09x2345678"), None);
        assert_eq!(phone_digits("091+2345678"), None);
        assert_eq!(phone_key("+84 912 345 678").as_deref(), Some("0912345678"));
        assert_eq!(phone_key("84912345678").as_deref(), Some("0912345678"));
        assert_eq!(phone_key("0912345678").as_deref(), Some("0912345678"));
    }

    #[test]
    fn customer_rules() {
        let today = Day::from_ymd(2026, 11, 24).unwrap();
        let mut c = Customer::default();
        let errs = customer(&c, today).unwrap_err();
        assert_eq!(
            errs,
            vec![FieldError::new("display_name", Problem::Required)]
        );
        c.display_name = "Trần Thị Bình".into();
        c.emails = vec!["binh@example.vn".into(), "binh@".into()];
        c.phones = vec!["abc".into()];
        c.birthday = Day::from_ymd(2030, 1, 1);
        c.tags = vec!["VIP".into(), "vip".into()];
        let errs = customer(&c, today).unwrap_err();
        assert_eq!(
            errs,
            vec![
                FieldError::at("emails", 1, Problem::InvalidEmail),
                FieldError::at("phones", 0, Problem::InvalidPhone),
                FieldError::new("birthday", Problem::ImplausibleBirthday),
                FieldError::at("tags", 1, Problem::DuplicateTag),
            ]
        );
        c.emails.pop();
        c.phones = vec!["0912345678".into()];
        c.birthday = Day::from_ymd(1990, 5, 1);
        c.tags.pop();
        assert_eq!(customer(&c, today), Ok(()));
        use crate::model::{CustomField, CustomValue};
        c.custom = vec![
            CustomField {
                key: "Size".into(),
                value: CustomValue::Choice("M".into()),
            },
            CustomField {
                key: "size".into(),
                value: CustomValue::Text("L".into()),
            },
            CustomField {
                key: " ".into(),
                value: CustomValue::Number(1.0),
            },
            CustomField {
                key: "Points".into(),
                value: CustomValue::Number(f64::NAN),
            },
        ];
        assert_eq!(
            customer(&c, today).unwrap_err(),
            vec![
                FieldError::at("custom", 1, Problem::DuplicateName),
                FieldError::at("custom", 2, Problem::Required),
                FieldError::at("custom", 3, Problem::InvalidNumber),
            ]
        );
    }

    #[test]
    fn dates_in_each_format() {
        let d = Day::from_ymd(2024, 3, 7);
        assert_eq!(parse_date("07/03/2024", DateFormat::DayMonthYear), d);
        assert_eq!(parse_date("03/07/2024", DateFormat::MonthDayYear), d);
        assert_eq!(parse_date("2024.03.07", DateFormat::YearMonthDay), d);
        assert_eq!(
            parse_date("2024-03-07", DateFormat::DayMonthYear),
            d,
            "ISO always works"
        );
        assert_eq!(parse_date("31/02/2024", DateFormat::DayMonthYear), None);
        assert_eq!(parse_date("tomorrow", DateFormat::DayMonthYear), None);
    }

    /// Bug: the importer and the customer form read numeric dates with different year
    /// rules (`01/02/25` imported but was refused in the form).
    #[test]
    fn the_form_reads_dates_as_the_importer_does() {
        use crate::dates::{parse_datetime, DateOrder};
        assert_eq!(
            parse_date("01/02/25", DateFormat::DayMonthYear),
            Day::from_ymd(2025, 2, 1)
        );
        for s in [
            "01/02/25",
            "1/2/99",
            "31/12/69",
            "29/02/2024",
            "29/02/2023",
            "2024-03-07",
            "2024.3.7",
            "20240307",
            "7/3/2024",
            "13/13/2024",
            "1/2",
            "x",
        ] {
            for (format, order) in [
                (DateFormat::DayMonthYear, DateOrder::DayFirst),
                (DateFormat::MonthDayYear, DateOrder::MonthFirst),
            ] {
                let imported = parse_datetime(s, Some(order), 0).ok().map(Day::of_millis);
                assert_eq!(parse_date(s, format), imported, "{s} {format:?}");
            }
        }
    }
}
