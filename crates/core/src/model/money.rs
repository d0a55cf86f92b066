//! Money as integer minor units with an ISO 4217 currency. No floats anywhere near it.

use serde::{Deserialize, Serialize};
use std::fmt;

/// An ISO 4217 code, e.g. `VND`. Stored as its three bytes; in JSON (backups) as text.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Currency(pub [u8; 3]);

impl Serialize for Currency {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if s.is_human_readable() {
            s.serialize_str(self.code())
        } else {
            s.serialize_newtype_struct("Currency", &self.0)
        }
    }
}

impl<'de> Deserialize<'de> for Currency {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Currency, D::Error> {
        if d.is_human_readable() {
            let s = std::borrow::Cow::<str>::deserialize(d)?;
            Currency::parse(&s).ok_or_else(|| {
                serde::de::Error::custom(format!("'{s}' is not a three-letter currency code"))
            })
        } else {
            struct Code;
            impl<'de> serde::de::Visitor<'de> for Code {
                type Value = Currency;
                fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                    f.write_str("a currency code")
                }
                fn visit_newtype_struct<D: serde::Deserializer<'de>>(
                    self,
                    d: D,
                ) -> Result<Currency, D::Error> {
                    <[u8; 3]>::deserialize(d).map(Currency)
                }
            }
            d.deserialize_newtype_struct("Currency", Code)
        }
    }
}

impl Default for Currency {
    fn default() -> Self {
        Currency::VND
    }
}

/// The currencies Clientele knows how to show: code, minor-unit digits, symbol.
const KNOWN: &[(&str, u8, &str)] = &[
    ("VND", 0, "₫"),
    ("USD", 2, "$"),
    ("EUR", 2, "€"),
    ("GBP", 2, "£"),
    ("JPY", 0, "¥"),
    ("KRW", 0, "₩"),
    ("CNY", 2, "CN¥"),
    ("THB", 2, "฿"),
    ("SGD", 2, "S$"),
    ("AUD", 2, "A$"),
];

impl Currency {
    pub const VND: Currency = Currency(*b"VND");
    pub const USD: Currency = Currency(*b"USD");
    pub const EUR: Currency = Currency(*b"EUR");

    /// Every currency with a known symbol and precision, for pickers.
    pub fn known() -> impl Iterator<Item = Currency> {
        KNOWN.iter().filter_map(|(c, _, _)| Currency::parse(c))
    }

    /// Parses a three-letter code, in any case.
    pub fn parse(code: &str) -> Option<Currency> {
        let b = code.trim().as_bytes();
        if b.len() != 3 || !b.iter().all(u8::is_ascii_alphabetic) {
            return None;
        }
        Some(Currency([
            b[0].to_ascii_uppercase(),
            b[1].to_ascii_uppercase(),
            b[2].to_ascii_uppercase(),
        ]))
    }

    pub fn code(&self) -> &str {
        std::str::from_utf8(&self.0).unwrap_or("???")
    }

    fn known_entry(&self) -> Option<&'static (&'static str, u8, &'static str)> {
        KNOWN.iter().find(|(c, _, _)| *c == self.code())
    }

    /// Digits after the decimal point (VND: 0, USD: 2). Unknown codes: 2.
    pub fn exponent(&self) -> u8 {
        self.known_entry().map(|e| e.1).unwrap_or(2)
    }

    /// Minor units in one major unit (VND: 1, USD: 100), to turn amounts in minor
    /// units into numbers of money and back.
    pub fn minor_per_major(&self) -> f64 {
        10f64.powi(self.exponent() as i32)
    }

    pub fn symbol(&self) -> &str {
        match self.known_entry() {
            Some(e) => e.2,
            None => self.code(),
        }
    }

    /// Parses a plain decimal amount ("1234.5", "-3") into minor units.
    /// Refuses more decimals than the currency has.
    pub fn parse_amount(&self, s: &str) -> Option<i64> {
        let s = s.trim();
        let (neg, s) = match s.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, s),
        };
        let (whole, frac) = s.split_once('.').unwrap_or((s, ""));
        if whole.is_empty() && frac.is_empty() {
            return None;
        }
        let exp = self.exponent() as usize;
        if frac.len() > exp
            || !whole
                .bytes()
                .chain(frac.bytes())
                .all(|b| b.is_ascii_digit())
        {
            return None;
        }
        let mut minor: i64 = if whole.is_empty() {
            0
        } else {
            whole.parse().ok()?
        };
        minor = minor.checked_mul(10i64.pow(exp as u32))?;
        if !frac.is_empty() {
            let f: i64 = frac.parse().ok()?;
            minor = minor.checked_add(f * 10i64.pow((exp - frac.len()) as u32))?;
        }
        Some(if neg { -minor } else { minor })
    }

    /// Minor units as a plain decimal string ("1234.50"), as used in files.
    pub fn plain_amount(&self, minor: i64) -> String {
        let exp = self.exponent() as u32;
        if exp == 0 {
            return minor.to_string();
        }
        let div = 10i64.pow(exp);
        let sign = if minor < 0 { "-" } else { "" };
        let a = minor.unsigned_abs();
        format!(
            "{sign}{}.{:0width$}",
            a / div as u64,
            a % div as u64,
            width = exp as usize
        )
    }
}

impl fmt::Debug for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_parse_into_minor_units() {
        assert_eq!(Currency::VND.parse_amount("1234567"), Some(1_234_567));
        assert_eq!(
            Currency::VND.parse_amount("12.5"),
            None,
            "VND has no minor unit"
        );
        assert_eq!(Currency::USD.parse_amount("12.5"), Some(1250));
        assert_eq!(Currency::USD.parse_amount("-0.07"), Some(-7));
        assert_eq!(Currency::USD.parse_amount("1.234"), None);
        assert_eq!(Currency::USD.parse_amount("abc"), None);
        assert_eq!(Currency::USD.parse_amount(""), None);
        assert_eq!(Currency::USD.plain_amount(-1250), "-12.50");
        assert_eq!(Currency::VND.plain_amount(5000), "5000");
    }

    #[test]
    fn codes_parse_and_know_their_symbols() {
        assert_eq!(Currency::parse("vnd"), Some(Currency::VND));
        assert_eq!(Currency::parse("VN"), None);
        assert_eq!(Currency::VND.symbol(), "₫");
        assert_eq!(Currency::parse("CHF").unwrap().symbol(), "CHF");
        assert_eq!(Currency::parse("CHF").unwrap().exponent(), 2);
    }
}
