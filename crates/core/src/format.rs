//! Numbers, money and dates formatted per locale: `1.234.567 ₫` in Vietnamese,
//! `₫1,234,567` in English. Pure Rust, so it is the same in the browser and the CLI.

use crate::model::Currency;
use crate::time::{Day, Millis, MS_PER_DAY};
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Locale {
    #[default]
    En,
    Vi,
}

impl Locale {
    pub fn code(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::Vi => "vi",
        }
    }
    pub fn parse(s: &str) -> Option<Locale> {
        match s {
            "en" => Some(Locale::En),
            "vi" => Some(Locale::Vi),
            _ => None,
        }
    }
    fn separators(self) -> (char, char) {
        match self {
            Locale::En => (',', '.'),
            Locale::Vi => ('.', ','),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum DateFormat {
    #[default]
    DayMonthYear,
    MonthDayYear,
    YearMonthDay,
}

impl DateFormat {
    pub const ALL: [DateFormat; 3] = [
        DateFormat::DayMonthYear,
        DateFormat::MonthDayYear,
        DateFormat::YearMonthDay,
    ];

    /// The pattern shown to people, e.g. `dd/mm/yyyy`.
    pub fn pattern(self) -> &'static str {
        match self {
            DateFormat::DayMonthYear => "dd/mm/yyyy",
            DateFormat::MonthDayYear => "mm/dd/yyyy",
            DateFormat::YearMonthDay => "yyyy-mm-dd",
        }
    }
    pub fn code(self) -> &'static str {
        match self {
            DateFormat::DayMonthYear => "dmy",
            DateFormat::MonthDayYear => "mdy",
            DateFormat::YearMonthDay => "ymd",
        }
    }
    pub fn parse(s: &str) -> Option<DateFormat> {
        DateFormat::ALL.into_iter().find(|f| f.code() == s)
    }
}

fn group(digits: &str, sep: char) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

/// An integer with thousands separators: `1,234,567` / `1.234.567`.
pub fn integer(n: i64, locale: Locale) -> String {
    let sign = if n < 0 { "-" } else { "" };
    format!(
        "{sign}{}",
        group(&n.unsigned_abs().to_string(), locale.separators().0)
    )
}

/// A decimal with a fixed number of digits after the point.
pub fn decimal(x: f64, digits: usize, locale: Locale) -> String {
    if !x.is_finite() {
        return "–".into();
    }
    let s = format!("{:.*}", digits, x.abs());
    let (whole, frac) = s.split_once('.').unwrap_or((&s, ""));
    let (thousands, point) = locale.separators();
    let sign = if x < 0.0 && s.bytes().any(|b| (b'1'..=b'9').contains(&b)) {
        "-"
    } else {
        ""
    };
    let mut out = format!("{sign}{}", group(whole, thousands));
    if !frac.is_empty() {
        out.push(point);
        out.push_str(frac);
    }
    out
}

/// A number shortened for a chart's axis: `950`, `12.5K`, `3.4M`, `1.2B` (en);
/// `950`, `12,5 nghìn`, `3,4 tr`, `1,2 tỷ` (vi). One digit after the point below 100
/// of a unit, none above; trailing `.0` dropped.
pub fn compact(x: f64, locale: Locale) -> String {
    if !x.is_finite() {
        return "–".into();
    }
    let units: [(f64, &str, &str); 3] =
        [(1e9, "B", " tỷ"), (1e6, "M", " tr"), (1e3, "K", " nghìn")];
    for (size, en, vi) in units {
        if x.abs() >= size {
            let v = x / size;
            let digits = if v.abs() < 100.0 { 1 } else { 0 };
            let mut text = decimal(v, digits, locale);
            let point = locale.separators().1;
            if let Some(stripped) = text.strip_suffix(&format!("{point}0")) {
                text = stripped.to_string();
            }
            return text + if locale == Locale::Vi { vi } else { en };
        }
    }
    decimal(x, 0, locale)
}

/// The top of a chart's value axis with four steps: 4 × (1, 2, 2.5 or 5 × a power
/// of ten), at least `max` (1 when there is nothing to show).
pub fn nice_top(max: f64) -> f64 {
    if !max.is_finite() || max <= 0.0 {
        return 1.0;
    }
    let step = 10f64.powf((max / 4.0).log10().floor());
    for k in [1.0, 2.0, 2.5, 5.0, 10.0] {
        if 4.0 * k * step >= max {
            return 4.0 * k * step;
        }
    }
    40.0 * step
}

/// A share as a percent: `0.1234` → `12.3%` (en), `12,3%` (vi).
pub fn percent(share: f64, locale: Locale) -> String {
    format!("{}%", decimal(share * 100.0, 1, locale))
}

/// An amount in minor units without its currency, as a person types it in the
/// locale (`1.234.567` in Vietnamese, `1,234,567` or `12.50` in English): what a form
/// shows for editing; `parse_money` reads it back.
pub fn amount(minor: i64, currency: Currency, locale: Locale) -> String {
    let sign = if minor < 0 { "-" } else { "" };
    format!("{sign}{}", unsigned_amount(minor, currency, locale))
}

fn unsigned_amount(minor: i64, currency: Currency, locale: Locale) -> String {
    let exp = currency.exponent() as u32;
    let div = 10u64.pow(exp);
    let a = minor.unsigned_abs();
    let (thousands, point) = locale.separators();
    let mut num = group(&(a / div).to_string(), thousands);
    if exp > 0 {
        num.push(point);
        num.push_str(&format!("{:0width$}", a % div, width = exp as usize));
    }
    num
}

/// Money in minor units: `1.234.567 ₫` (vi), `₫1,234,567` (en), `$12.50`, `12,50 €`.
pub fn money(minor: i64, currency: Currency, locale: Locale) -> String {
    let num = unsigned_amount(minor, currency, locale);
    with_symbol(minor < 0, &num, currency, locale)
}

/// Money short enough for a card from a billion up (`5,96 tỷ ₫`, `₫5.96B`,
/// `30 nghìn tỷ ₫`, `₫30T`): three significant digits; as `money` below that.
pub fn money_short(minor: i64, currency: Currency, locale: Locale) -> String {
    let major = minor as f64 / currency.minor_per_major();
    let units: [(f64, &str, &str); 2] = [(1e12, "T", "\u{a0}nghìn tỷ"), (1e9, "B", "\u{a0}tỷ")];
    let Some((size, en, vi)) = units.into_iter().find(|(size, _, _)| major.abs() >= *size) else {
        return money(minor, currency, locale);
    };
    let v = major.abs() / size;
    let digits = if v < 10.0 {
        2
    } else if v < 100.0 {
        1
    } else {
        0
    };
    let mut num = decimal(v, digits, locale);
    let point = locale.separators().1;
    if num.contains(point) {
        num = num
            .trim_end_matches('0')
            .trim_end_matches(point)
            .to_string();
    }
    num.push_str(if locale == Locale::Vi { vi } else { en });
    with_symbol(minor < 0, &num, currency, locale)
}

/// `num` with the sign and the currency's symbol where the locale puts them.
fn with_symbol(negative: bool, num: &str, currency: Currency, locale: Locale) -> String {
    let sign = if negative { "-" } else { "" };
    let symbol = currency.symbol();
    match locale {
        Locale::Vi => format!("{sign}{num}\u{a0}{symbol}"),
        Locale::En
            if symbol.chars().count() <= 3 && !symbol.chars().all(|c| c.is_ascii_uppercase()) =>
        {
            format!("{sign}{symbol}{num}")
        }
        Locale::En => format!("{sign}{symbol}\u{a0}{num}"),
    }
}

/// Parses money as a person types it in their locale (`amount::parse_number`: `1.234.567`,
/// `1,234.56`, `12,5` in Vietnamese, `2tr`, `1,5 tỷ`, with or without the symbol or
/// code) into minor units of `currency`; None if it is not a number or has more
/// decimals than the currency. For a currency without decimals (₫), a mark that the
/// locale reads as decimal is read as grouping (`1.234` typed in English is ₫1,234).
pub fn parse_money(s: &str, currency: Currency, locale: Locale) -> Option<i64> {
    let (thousands, point) = locale.separators();
    let scale = 10f64.powi(currency.exponent() as i32);
    let minor = |mark| {
        let n = crate::amount::parse_number(s, mark).ok()?;
        let m = n.value * scale;
        ((m - m.round()).abs() < 1e-6 && m.abs() < 9e15).then(|| m.round() as i64)
    };
    minor(point).or_else(|| {
        (currency.exponent() == 0)
            .then(|| minor(thousands))
            .flatten()
    })
}

/// Parses a decimal number as typed in the locale (`amount::parse_number`: `1.234,5` in
/// Vietnamese, `1,234.5` in English, `2tr`, `1,5 tỷ`; a plain `1234.5` in both).
pub fn parse_decimal(s: &str, locale: Locale) -> Option<f64> {
    crate::amount::parse_number(s, locale.separators().1)
        .ok()
        .map(|n| n.value)
}

/// A date in the chosen format.
pub fn date(day: Day, format: DateFormat) -> String {
    let (y, m, d) = day.ymd();
    match format {
        DateFormat::DayMonthYear => format!("{d:02}/{m:02}/{y:04}"),
        DateFormat::MonthDayYear => format!("{m:02}/{d:02}/{y:04}"),
        DateFormat::YearMonthDay => format!("{y:04}-{m:02}-{d:02}"),
    }
}

/// A date and time (minutes) in the chosen format, in the given offset from UTC.
pub fn date_time(ms: Millis, offset_minutes: i32, format: DateFormat) -> String {
    let local = ms + offset_minutes as i64 * 60_000;
    let day = Day::of_millis(local);
    let in_day = local - day.start_millis();
    let minutes = in_day / 60_000;
    format!(
        "{} {:02}:{:02}",
        date(day, format),
        minutes / 60,
        minutes % 60
    )
}

/// Whole days between two instants, for "3 days ago".
pub fn days_between(from: Millis, to: Millis) -> i64 {
    (to - from).div_euclid(MS_PER_DAY)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What a form shows for editing reads back as the same amount, in both locales.
    #[test]
    fn amounts_read_back() {
        for locale in [Locale::En, Locale::Vi] {
            for (minor, currency) in [
                (2_500_000, Currency::VND),
                (0, Currency::VND),
                (-85_000, Currency::VND),
                (1_250, Currency::USD),
                (123_456_789, Currency::EUR),
            ] {
                let text = amount(minor, currency, locale);
                assert!(!text.contains(currency.symbol()), "{text}");
                assert_eq!(parse_money(&text, currency, locale), Some(minor), "{text}");
            }
        }
        assert_eq!(amount(2_500_000, Currency::VND, Locale::Vi), "2.500.000");
        assert_eq!(amount(1_250, Currency::USD, Locale::En), "12.50");
    }

    #[test]
    fn axis_tops_are_round() {
        assert_eq!(nice_top(0.0), 1.0);
        assert_eq!(nice_top(7.0), 8.0);
        assert_eq!(nice_top(95.0), 100.0);
        assert_eq!(nice_top(1_234_567.0), 2_000_000.0);
        assert_eq!(nice_top(f64::INFINITY), 1.0);
    }

    #[test]
    fn short_money_from_a_billion() {
        let vi = |m| money_short(m, Currency::VND, Locale::Vi);
        let en = |m| money_short(m, Currency::VND, Locale::En);
        assert_eq!(vi(5_957_006_471), "5,96\u{a0}tỷ\u{a0}₫");
        assert_eq!(en(5_957_006_471), "₫5.96B");
        assert_eq!(vi(30_005_441_591_997), "30\u{a0}nghìn tỷ\u{a0}₫");
        assert_eq!(en(30_005_441_591_997), "₫30T");
        assert_eq!(en(10_900_000_000), "₫10.9B");
        assert_eq!(en(-2_500_000_000), "-₫2.5B");
        // Below a billion: every digit.
        assert_eq!(
            vi(999_999_999),
            money(999_999_999, Currency::VND, Locale::Vi)
        );
        assert_eq!(
            money_short(123_456_789_012, Currency::USD, Locale::En),
            "$1.23B"
        );
        // What the short form says reads back as roughly the amount.
        let back = crate::amount::parse_number(&en(5_957_006_471), '.')
            .unwrap()
            .value;
        assert!((back - 5_960_000_000.0).abs() < 1.0);
    }

    #[test]
    fn compact_numbers_and_percents() {
        let en = |x| compact(x, Locale::En);
        let vi = |x| compact(x, Locale::Vi);
        assert_eq!(
            [en(950.0), en(12_500.0), en(3_400_000.0), en(1.0e9)],
            ["950", "12.5K", "3.4M", "1B"]
        );
        assert_eq!(
            [vi(12_500.0), vi(250_000_000.0), vi(1_230_000_000.0)],
            ["12,5 nghìn", "250 tr", "1,2 tỷ"]
        );
        assert_eq!(en(-2_000_000.0), "-2M");
        assert_eq!(en(f64::NAN), "–");
        assert_eq!(
            [percent(0.1234, Locale::En), percent(0.5, Locale::Vi)],
            ["12.3%", "50,0%"]
        );
    }

    #[test]
    fn money_per_locale() {
        assert_eq!(
            money(1_234_567, Currency::VND, Locale::Vi),
            "1.234.567\u{a0}₫"
        );
        assert_eq!(money(1_234_567, Currency::VND, Locale::En), "₫1,234,567");
        assert_eq!(money(1250, Currency::USD, Locale::En), "$12.50");
        assert_eq!(money(-1250, Currency::EUR, Locale::Vi), "-12,50\u{a0}€");
        assert_eq!(money(5, Currency::USD, Locale::En), "$0.05");
        assert_eq!(money(0, Currency::VND, Locale::Vi), "0\u{a0}₫");
        let chf = Currency::parse("CHF").unwrap();
        assert_eq!(money(100_000, chf, Locale::En), "CHF\u{a0}1,000.00");
    }

    #[test]
    fn money_as_typed() {
        assert_eq!(
            parse_money("1.234.567", Currency::VND, Locale::Vi),
            Some(1_234_567)
        );
        assert_eq!(
            parse_money("1.234.567 ₫", Currency::VND, Locale::Vi),
            Some(1_234_567)
        );
        assert_eq!(
            parse_money("1,234,567", Currency::VND, Locale::En),
            Some(1_234_567)
        );
        assert_eq!(
            parse_money("₫250000", Currency::VND, Locale::En),
            Some(250_000)
        );
        assert_eq!(
            parse_money("1,234.5", Currency::USD, Locale::En),
            Some(123_450)
        );
        assert_eq!(parse_money("12,50", Currency::EUR, Locale::Vi), Some(1250));
        assert_eq!(parse_money("-3", Currency::USD, Locale::En), Some(-300));
        assert_eq!(parse_money("abc", Currency::VND, Locale::En), None);
        assert_eq!(parse_money("", Currency::VND, Locale::En), None);
        assert_eq!(parse_money("1.2.3,4,5", Currency::USD, Locale::Vi), None);
    }

    #[test]
    fn decimals_as_typed() {
        assert_eq!(parse_decimal("1.234,5", Locale::Vi), Some(1234.5));
        assert_eq!(parse_decimal("1,234.5", Locale::En), Some(1234.5));
        assert_eq!(parse_decimal("12.5", Locale::Vi), Some(12.5));
        assert_eq!(parse_decimal("1.234", Locale::Vi), Some(1234.0));
        assert_eq!(parse_decimal("-3", Locale::En), Some(-3.0));
        assert_eq!(parse_decimal("x", Locale::En), None);
        assert_eq!(parse_decimal("inf", Locale::En), None);
        assert_eq!(parse_decimal("", Locale::En), None);
    }

    #[test]
    fn numbers_per_locale() {
        assert_eq!(integer(1_234_567, Locale::Vi), "1.234.567");
        assert_eq!(integer(-999, Locale::En), "-999");
        assert_eq!(integer(1000, Locale::En), "1,000");
        assert_eq!(decimal(1234.5, 1, Locale::Vi), "1.234,5");
        assert_eq!(decimal(-0.001, 1, Locale::En), "0.0");
        assert_eq!(decimal(f64::NAN, 1, Locale::En), "–");
    }

    #[test]
    fn dates_per_format() {
        let d = Day::from_ymd(2026, 1, 5).unwrap();
        assert_eq!(date(d, DateFormat::DayMonthYear), "05/01/2026");
        assert_eq!(date(d, DateFormat::MonthDayYear), "01/05/2026");
        assert_eq!(date(d, DateFormat::YearMonthDay), "2026-01-05");
        let ms = d.start_millis() + 23 * 3_600_000 + 30 * 60_000;
        assert_eq!(
            date_time(ms, 7 * 60, DateFormat::DayMonthYear),
            "06/01/2026 06:30"
        );
    }
}
