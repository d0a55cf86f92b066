//! Money amounts as shops write them: `1.234.567`, `1,234.56`, `1 234,56 €`,
//! `150.000 ₫`, `$12`, `-5,50`, `(12.00)`. The result is in minor units of the
//! column's currency.
//!
//! Which of `.` and `,` is the decimal mark: when both appear, the last one; when one
//! appears several times, it groups thousands; when one appears once, it is decimal
//! unless exactly three digits follow. Those three digits are thousands unless the
//! column's other values show that mark as decimal (`infer_decimal_mark`), or the
//! currency has three decimals (`1.234` ₫ or $ is 1,234).

use crate::model::Currency;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AmountError {
    Empty,
    /// Not a number (letters, two signs, misplaced separators).
    NotANumber,
    /// Thousands groups that are not three digits (`1.23.456`).
    BadGrouping,
    /// More decimals than the currency has (`10.505` dollars), not all zeros.
    TooManyDecimals,
    TooLarge,
}

/// A parsed amount: minor units, and the currency its symbol or code named, if any.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Amount {
    pub minor: i64,
    pub currency: Option<Currency>,
}

/// Symbols and codes recognised around a number, longest first.
const MARKS: &[(&str, &str)] = &[
    ("US$", "USD"),
    ("CN¥", "CNY"),
    ("S$", "SGD"),
    ("A$", "AUD"),
    ("VNĐ", "VND"),
    ("VND", "VND"),
    ("USD", "USD"),
    ("EUR", "EUR"),
    ("GBP", "GBP"),
    ("JPY", "JPY"),
    ("SGD", "SGD"),
    ("THB", "THB"),
    ("KRW", "KRW"),
    ("CNY", "CNY"),
    ("AUD", "AUD"),
    ("₫", "VND"),
    ("đ", "VND"),
    ("$", "USD"),
    ("€", "EUR"),
    ("£", "GBP"),
    ("¥", "JPY"),
    ("฿", "THB"),
    ("₩", "KRW"),
];

/// Takes a currency mark off either end of `s`.
fn strip_mark(s: &str) -> (&str, Option<Currency>) {
    // Most amounts start and end with a digit: no mark to look for.
    let digit = |b: Option<&u8>| b.is_some_and(u8::is_ascii_digit);
    if digit(s.as_bytes().first()) && digit(s.as_bytes().last()) {
        return (s, None);
    }
    for (mark, code) in MARKS {
        let found = if let Some(rest) = s.strip_prefix(mark) {
            Some(rest)
        } else {
            s.strip_suffix(mark)
        };
        if let Some(rest) = found {
            return (rest.trim(), Currency::parse(code));
        }
    }
    (s, None)
}

fn is_space(c: char) -> bool {
    c == ' ' || c == '\u{a0}' || c == '\u{202f}' || c == '\''
}

/// The decimal mark the values of one column agree on, if any value shows it.
pub fn infer_decimal_mark<'a>(values: impl IntoIterator<Item = &'a str>) -> Option<char> {
    for v in values {
        let digits: String = v
            .chars()
            .filter(|c| c.is_ascii_digit() || *c == '.' || *c == ',')
            .collect();
        let dots = digits.matches('.').count();
        let commas = digits.matches(',').count();
        let last = digits.rfind(['.', ',']);
        match (dots, commas, last) {
            (0, 0, _) | (_, _, None) => continue,
            (d, c, Some(i)) if d > 0 && c > 0 => return digits[i..].chars().next(),
            (d, c, Some(i)) if d + c == 1 && digits.len() - i - 1 != 3 => {
                return digits[i..].chars().next()
            }
            (d, 0, _) if d > 1 => return Some(','),
            (0, c, _) if c > 1 => return Some('.'),
            _ => continue,
        }
    }
    None
}

/// Parses `raw` for a column in `currency`; `mark` is the column's decimal mark if
/// known (see `infer_decimal_mark`).
pub fn parse_amount(
    raw: &str,
    currency: Currency,
    mark: Option<char>,
) -> Result<Amount, AmountError> {
    let mut s = raw.trim();
    if s.is_empty() {
        return Err(AmountError::Empty);
    }
    let mut negative = false;
    if let Some(inner) = s.strip_prefix('(').and_then(|x| x.strip_suffix(')')) {
        negative = true;
        s = inner.trim();
    }
    let (rest, named) = strip_mark(s);
    s = rest;
    for sign in ['-', '−'] {
        if let Some(x) = s.strip_prefix(sign).or_else(|| s.strip_suffix(sign)) {
            if negative {
                return Err(AmountError::NotANumber);
            }
            negative = true;
            s = x.trim();
        }
    }
    // A mark may also sit between the sign and the number: "-$5", "$-5".
    let (rest, named2) = strip_mark(s);
    s = rest;
    let named = named.or(named2);
    if let Some(x) = s.strip_prefix('+') {
        s = x;
    }
    let s: String = s.chars().filter(|c| !is_space(*c)).collect();
    if s.is_empty()
        || !s
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
    {
        return Err(AmountError::NotANumber);
    }
    let exponent = named.unwrap_or(currency).exponent() as usize;
    let dots = s.matches('.').count();
    let commas = s.matches(',').count();
    let decimal = match (dots, commas) {
        (0, 0) => None,
        (d, c) if d > 0 && c > 0 => s.rfind(['.', ',']).and_then(|i| s[i..].chars().next()),
        (1, 0) | (0, 1) => {
            let sep = if dots == 1 { '.' } else { ',' };
            let after = s.len() - s.find(sep).unwrap_or(0) - 1;
            if after != 3 {
                Some(sep)
            } else if let Some(m) = mark {
                (m == sep).then_some(sep)
            } else if exponent >= 3 {
                Some(sep)
            } else {
                None
            }
        }
        _ => None,
    };
    let (int_part, frac_part) = match decimal {
        Some(d) => {
            let i = s.rfind(d).unwrap_or(0);
            if s[..i].contains(d) {
                return Err(AmountError::NotANumber);
            }
            (&s[..i], &s[i + 1..])
        }
        None => (s.as_str(), ""),
    };
    if frac_part.contains(['.', ',']) {
        return Err(AmountError::NotANumber);
    }
    // Thousands: the first group 1–3 digits, every other group exactly 3.
    let groups: Vec<&str> = int_part.split(['.', ',']).collect();
    if groups.len() > 1
        && (groups[0].is_empty() || groups[0].len() > 3 || groups[1..].iter().any(|g| g.len() != 3))
    {
        return Err(AmountError::BadGrouping);
    }
    let digits: String = groups.concat();
    if digits.is_empty() && frac_part.is_empty() {
        return Err(AmountError::NotANumber);
    }
    let frac = frac_part.trim_end_matches('0');
    if frac.len() > exponent {
        return Err(AmountError::TooManyDecimals);
    }
    let mut minor: i64 = 0;
    let padded = format!("{digits}{frac:0<exponent$}");
    for c in padded.chars() {
        minor = minor
            .checked_mul(10)
            .and_then(|m| m.checked_add(c as i64 - '0' as i64))
            .ok_or(AmountError::TooLarge)?;
    }
    Ok(Amount {
        minor: if negative { -minor } else { minor },
        currency: named,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn vnd(s: &str) -> Result<i64, AmountError> {
        parse_amount(s, Currency::VND, None).map(|a| a.minor)
    }

    fn usd(s: &str, mark: Option<char>) -> Result<i64, AmountError> {
        parse_amount(s, Currency::USD, mark).map(|a| a.minor)
    }

    #[test]
    fn shop_formats() {
        assert_eq!(vnd("1.234.567"), Ok(1_234_567));
        assert_eq!(vnd("1,234,567"), Ok(1_234_567));
        assert_eq!(vnd("150.000 ₫"), Ok(150_000));
        assert_eq!(vnd("150.000đ"), Ok(150_000));
        assert_eq!(vnd("150000.00"), Ok(150_000), "zero decimals are fine");
        assert_eq!(vnd("1.234"), Ok(1_234), "VND has no decimals: thousands");
        assert_eq!(vnd("2 500 000 VND"), Ok(2_500_000));
        assert_eq!(usd("1,234.56", None), Ok(123_456));
        assert_eq!(usd("1.234,56", None), Ok(123_456));
        assert_eq!(usd("1 234,56 €", None), Ok(123_456));
        assert_eq!(usd("$12", None), Ok(1200));
        assert_eq!(
            parse_amount("S$ 1,200.50", Currency::VND, None),
            Ok(Amount {
                minor: 120_050,
                currency: Currency::parse("SGD")
            })
        );
        assert_eq!(usd("-5,50", None), Ok(-550));
        assert_eq!(usd("(12.00)", None), Ok(-1200));
        assert_eq!(usd("-$5.25", None), Ok(-525));
        assert_eq!(usd("0.5", None), Ok(50));
        assert_eq!(usd(",5", None), Ok(50));
        assert_eq!(usd("1'234.50", None), Ok(123_450));
        assert_eq!(
            usd("1,234", None),
            Ok(123_400),
            "three digits after: thousands"
        );
        assert_eq!(usd("1,234", Some(',')), Err(AmountError::TooManyDecimals));
        assert_eq!(
            parse_amount("€ 12,50", Currency::VND, None),
            Ok(Amount {
                minor: 1250,
                currency: Currency::parse("EUR")
            }),
            "the symbol names the currency and its decimals"
        );
    }

    #[test]
    fn refusals() {
        assert_eq!(vnd(""), Err(AmountError::Empty));
        assert_eq!(vnd("abc"), Err(AmountError::NotANumber));
        assert_eq!(vnd("12a"), Err(AmountError::NotANumber));
        assert_eq!(vnd("--5"), Err(AmountError::NotANumber));
        assert_eq!(vnd("1.23.456"), Err(AmountError::BadGrouping));
        assert_eq!(vnd("1234.567.890"), Err(AmountError::BadGrouping));
        assert_eq!(usd("10.505", Some('.')), Err(AmountError::TooManyDecimals));
        assert_eq!(vnd("1.5"), Err(AmountError::TooManyDecimals));
        assert_eq!(vnd("99999999999999999999"), Err(AmountError::TooLarge));
        assert_eq!(vnd("."), Err(AmountError::NotANumber));
    }

    #[test]
    fn a_column_tells_its_decimal_mark() {
        assert_eq!(infer_decimal_mark(["1.234", "12,5"]), Some(','));
        assert_eq!(infer_decimal_mark(["1.234", "1.234.567"]), Some(','));
        assert_eq!(infer_decimal_mark(["1,234", "3.99"]), Some('.'));
        assert_eq!(infer_decimal_mark(["1,234.5"]), Some('.'));
        assert_eq!(infer_decimal_mark(["1.234", "5"]), None);
    }

    proptest! {
        /// Written with thousands groups and either mark, an amount reads back.
        #[test]
        fn formatted_amounts_read_back(cents in -1_000_000_000_000i64..1_000_000_000_000, comma in any::<bool>()) {
            let (thousands, decimal) = if comma { ('.', ',') } else { (',', '.') };
            let units = (cents.abs() / 100).to_string();
            let mut grouped = String::new();
            for (i, ch) in units.chars().enumerate() {
                if i > 0 && (units.len() - i) % 3 == 0 {
                    grouped.push(thousands);
                }
                grouped.push(ch);
            }
            let sign = if cents < 0 { "-" } else { "" };
            let text = format!("{sign}{grouped}{decimal}{:02}", cents.abs() % 100);
            prop_assert_eq!(usd(&text, Some(decimal)), Ok(cents));
        }
    }
}
