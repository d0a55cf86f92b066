//! Calendar days and instants as plain integers (compact to store, fast to compare),
//! with conversions through chrono.

use chrono::{DateTime, NaiveDate};
use serde::{Deserialize, Serialize};

/// A calendar date, as days since 1970-01-01. Stored as that number; in JSON (backups)
/// as `YYYY-MM-DD`.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub struct Day(pub i32);

impl Serialize for Day {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if s.is_human_readable() {
            s.serialize_str(&self.iso())
        } else {
            s.serialize_newtype_struct("Day", &self.0)
        }
    }
}

impl<'de> Deserialize<'de> for Day {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Day, D::Error> {
        if d.is_human_readable() {
            let s = std::borrow::Cow::<str>::deserialize(d)?;
            Day::parse_iso(&s)
                .ok_or_else(|| serde::de::Error::custom(format!("'{s}' is not a date YYYY-MM-DD")))
        } else {
            struct Days;
            impl<'de> serde::de::Visitor<'de> for Days {
                type Value = Day;
                fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                    f.write_str("a day number")
                }
                fn visit_newtype_struct<D: serde::Deserializer<'de>>(
                    self,
                    d: D,
                ) -> Result<Day, D::Error> {
                    i32::deserialize(d).map(Day)
                }
            }
            d.deserialize_newtype_struct("Day", Days)
        }
    }
}

/// Milliseconds since the Unix epoch, UTC.
pub type Millis = i64;

pub const MS_PER_DAY: i64 = 86_400_000;

fn epoch() -> NaiveDate {
    NaiveDate::from_ymd_opt(1970, 1, 1).expect("valid epoch")
}

impl Day {
    pub fn from_ymd(y: i32, m: u32, d: u32) -> Option<Day> {
        NaiveDate::from_ymd_opt(y, m, d).map(Day::from_naive)
    }
    pub fn from_naive(d: NaiveDate) -> Day {
        Day((d - epoch()).num_days() as i32)
    }
    pub fn to_naive(self) -> NaiveDate {
        epoch() + chrono::Duration::days(self.0 as i64)
    }
    pub fn of_millis(ms: Millis) -> Day {
        Day(ms.div_euclid(MS_PER_DAY) as i32)
    }
    pub fn start_millis(self) -> Millis {
        self.0 as i64 * MS_PER_DAY
    }
    /// Year, month, day. Integer arithmetic only (the proleptic Gregorian calendar,
    /// days-to-civil), as segment rules compute ages for every customer.
    pub fn ymd(self) -> (i32, u32, u32) {
        let z = self.0 as i64 + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let y = (yoe + era * 400 + i64::from(m <= 2)) as i32;
        (y, m, d)
    }
    /// Parses `YYYY-MM-DD`.
    pub fn parse_iso(s: &str) -> Option<Day> {
        let s = s.trim();
        // The common `YYYY-MM-DD` read by hand: chrono's format parser costs more
        // than the rest of a row when reading a million of them.
        let b = s.as_bytes();
        if b.len() == 10 && b[4] == b'-' && b[7] == b'-' {
            let digits = |r: std::ops::Range<usize>| {
                b[r].iter().try_fold(0u32, |n, &c| {
                    c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
                })
            };
            if let (Some(y), Some(m), Some(d)) = (digits(0..4), digits(5..7), digits(8..10)) {
                return Day::from_ymd(y as i32, m, d);
            }
        }
        NaiveDate::parse_from_str(s, "%Y-%m-%d")
            .ok()
            .map(Day::from_naive)
    }
    pub fn iso(self) -> String {
        self.to_naive().format("%Y-%m-%d").to_string()
    }
    /// Whole years from `self` (a birthday) to `on`.
    pub fn years_until(self, on: Day) -> i32 {
        let (by, bm, bd) = self.ymd();
        let (y, m, d) = on.ymd();
        let mut age = y - by;
        if (m, d) < (bm, bd) {
            age -= 1;
        }
        age
    }
}

/// Formats an instant as ISO 8601 in UTC (`2026-01-31T08:05:00Z`).
pub fn iso_datetime(ms: Millis) -> String {
    DateTime::from_timestamp_millis(ms)
        .map(|t| t.format("%Y-%m-%dT%H:%M:%SZ").to_string())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ymd_agrees_with_chrono() {
        use chrono::Datelike;
        for n in (-800_000..800_000).step_by(37) {
            let d = Day(n).to_naive();
            assert_eq!(Day(n).ymd(), (d.year(), d.month(), d.day()), "{n}");
        }
    }

    #[test]
    fn day_round_trips_and_ages() {
        let d = Day::from_ymd(1990, 2, 28).unwrap();
        assert_eq!(Day::parse_iso(&d.iso()), Some(d));
        assert_eq!(d.years_until(Day::from_ymd(2020, 2, 27).unwrap()), 29);
        assert_eq!(d.years_until(Day::from_ymd(2020, 2, 28).unwrap()), 30);
        assert_eq!(Day::of_millis(-1), Day(-1));
        assert_eq!(Day::of_millis(MS_PER_DAY), Day(1));
        assert_eq!(iso_datetime(0), "1970-01-01T00:00:00Z");
    }
}
