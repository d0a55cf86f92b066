//! Money amounts as shops write them: `1.234.567`, `1,234.56`, `1 234,56 €`,
//! `150.000 ₫`, `$12`, `-5,50`, `(12.00)`. The result is in minor units of the
//! column's currency.
//!
//! Which of `.` and `,` is the decimal mark: when both appear, the last one; when one
//! appears several times, it groups thousands; when one appears once, it is decimal
//! unless exactly three digits follow. Those three digits are thousands unless the
//! column's other values show that mark as decimal (`infer_decimal_mark`), or the
//! currency has three decimals (`1.234` ₫ or $ is 1,234).
//!
//! The same reader takes numbers typed in the app's forms (`parse_number`): there
//! the locale's decimal mark settles `1.234`, and a scale word may follow, as people
//! write amounts in Vietnam: `2tr`, `2 triệu`, `1,5 tỷ`, `500k`, `₫10.9B`.

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

/// A number as written, taken apart: its sign, the currency its mark names, and its
/// whole and fractional digits (no separators).
pub(crate) struct Written {
    pub negative: bool,
    pub named: Option<Currency>,
    pub whole: String,
    pub fraction: String,
}

/// Takes `raw` apart (sign, currency mark, thousands and decimal separators). `mark`
/// is the decimal mark if known (a column's, a locale's); `exponent` the decimals the
/// currency has, if it is money (three decimals: `1.234` is 1.234).
pub(crate) fn take_apart(
    raw: &str,
    mark: Option<char>,
    exponent: Option<usize>,
) -> Result<Written, AmountError> {
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
    let exponent = named.map(|c| c.exponent() as usize).or(exponent);
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
            } else if exponent.is_some_and(|e| e >= 3) {
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
    let whole: String = groups.concat();
    if whole.is_empty() && frac_part.is_empty() {
        return Err(AmountError::NotANumber);
    }
    Ok(Written {
        negative,
        named,
        whole,
        fraction: frac_part.to_string(),
    })
}

/// Words of scale after a number, folded (no diacritics, lower case), and what they
/// multiply by.
const SCALES: &[(&str, f64)] = &[
    ("trieu", 1e6),
    ("nghin", 1e3),
    ("ngan", 1e3),
    ("ty", 1e9),
    ("ti", 1e9),
    ("tr", 1e6),
    ("bn", 1e9),
    ("k", 1e3),
    ("m", 1e6),
    ("b", 1e9),
];

/// Currency words after a number, folded, besides the marks of `MARKS`.
const CURRENCY_WORDS: &[&str] = &["dong", "vnd", "d", "usd", "eur"];

/// A number typed in a form: its value, and the currency its mark named, if any.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Number {
    pub value: f64,
    pub currency: Option<Currency>,
}

/// Takes a trailing word (letters) off `s` if, folded, it is one of `words`.
fn strip_word<'a>(s: &'a str, words: &[&str]) -> Option<(&'a str, String)> {
    let start = s
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphabetic())
        .last()
        .map(|(i, _)| i)?;
    let folded = crate::search::fold(&s[start..]);
    words
        .contains(&folded.as_str())
        .then(|| (s[..start].trim_end(), folded))
}

/// Reads a number as a person types it, `decimal` being their locale's decimal mark
/// (`1.234` is 1234 where the mark is `,`, 1.234 where it is `.`; with both marks or
/// several of one, the writing decides): `2.000.000`, `2,000,000`, `2tr`, `2 triệu`,
/// `1,5 tỷ`, `500k`, `$12.50`, `150.000 ₫`, `-5`. The one reader of typed amounts
/// (prices, rule values, settings).
pub fn parse_number(raw: &str, decimal: char) -> Result<Number, AmountError> {
    let mut s = raw.trim();
    if s.is_empty() {
        return Err(AmountError::Empty);
    }
    let mut named = None;
    // A currency after a scale word ("2 triệu đồng", "1,5 tỷ ₫"), then the scale.
    let (rest, mark) = strip_mark(s);
    if mark.is_some() && rest != s && s.starts_with(rest) {
        named = mark;
        s = rest;
    }
    if let Some((rest, _)) = strip_word(s, CURRENCY_WORDS) {
        named = named.or(Currency::parse("VND"));
        s = rest;
    }
    let scales: Vec<&str> = SCALES.iter().map(|(w, _)| *w).collect();
    let mut scale = 1.0;
    if let Some((rest, word)) = strip_word(s, &scales) {
        scale = SCALES
            .iter()
            .find(|(w, _)| *w == word)
            .map_or(1.0, |(_, f)| *f);
        s = rest;
    }
    let w = take_apart(s, Some(decimal), None)?;
    let text = format!(
        "{}.{}",
        if w.whole.is_empty() { "0" } else { &w.whole },
        w.fraction
    );
    let value = text.parse::<f64>().map_err(|_| AmountError::NotANumber)? * scale;
    if !value.is_finite() || value.abs() >= 1e15 {
        return Err(AmountError::TooLarge);
    }
    Ok(Number {
        value: if w.negative { -value } else { value },
        currency: w.named.or(named),
    })
}

/// Parses `raw` for a column in `currency`; `mark` is the column's decimal mark if
/// known (see `infer_decimal_mark`).
pub fn parse_amount(
    raw: &str,
    currency: Currency,
    mark: Option<char>,
) -> Result<Amount, AmountError> {
    let w = take_apart(raw, mark, Some(currency.exponent() as usize))?;
    let exponent = w.named.unwrap_or(currency).exponent() as usize;
    let frac = w.fraction.trim_end_matches('0');
    if frac.len() > exponent {
        return Err(AmountError::TooManyDecimals);
    }
    let mut minor: i64 = 0;
    let padded = format!("{}{frac:0<exponent$}", w.whole);
    for c in padded.chars() {
        minor = minor
            .checked_mul(10)
            .and_then(|m| m.checked_add(c as i64 - '0' as i64))
            .ok_or(AmountError::TooLarge)?;
    }
    Ok(Amount {
        minor: if w.negative { -minor } else { minor },
        currency: w.named,
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
    fn typed_numbers_in_either_language() {
        let vi = |s: &str| parse_number(s, ',').map(|n| n.value);
        let en = |s: &str| parse_number(s, '.').map(|n| n.value);
        for two_million in [
            "2.000.000",
            "2,000,000",
            "2000000",
            "2tr",
            "2 triệu",
            "2 TRIỆU",
            "2 trieu",
            "2000k",
            "2m",
        ] {
            assert_eq!(vi(two_million), Ok(2_000_000.0), "vi {two_million}");
            assert_eq!(en(two_million), Ok(2_000_000.0), "en {two_million}");
        }
        assert_eq!(vi("1,5 tỷ"), Ok(1_500_000_000.0));
        assert_eq!(en("1.5 tỷ"), Ok(1_500_000_000.0));
        assert_eq!(vi("1,5"), Ok(1.5));
        assert_eq!(en("1.5"), Ok(1.5));
        // One mark before three digits: the locale decides.
        assert_eq!(vi("1.234"), Ok(1234.0));
        assert_eq!(en("1.234"), Ok(1.234));
        assert_eq!(en("1,234"), Ok(1234.0));
        assert_eq!(vi("500 nghìn"), Ok(500_000.0));
        assert_eq!(vi("2 triệu đồng"), Ok(2_000_000.0));
        assert_eq!(vi("10,9 tỷ ₫"), Ok(10_900_000_000.0));
        assert_eq!(en("₫10.9B"), Ok(10_900_000_000.0));
        assert_eq!(en("-5"), Ok(-5.0));
        let dollars = parse_number("$12.50", '.').unwrap();
        assert_eq!(
            (dollars.value, dollars.currency),
            (12.5, Currency::parse("USD"))
        );
        assert_eq!(vi("150.000 ₫").map(|_| ()), Ok(()));
        assert_eq!(vi("150.000 ₫"), Ok(150_000.0));
        // What cannot be read says why; nothing becomes 0.
        assert_eq!(vi(""), Err(AmountError::Empty));
        assert_eq!(vi("abc"), Err(AmountError::NotANumber));
        assert_eq!(vi("2 cái"), Err(AmountError::NotANumber));
        assert_eq!(vi("1.23.456"), Err(AmountError::BadGrouping));
        assert_eq!(vi("tr"), Err(AmountError::Empty));
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
