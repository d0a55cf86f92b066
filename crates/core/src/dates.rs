//! Reading dates and times, for the importer and the forms alike (one reader), as
//! exports write them and people type them: ISO (`2026-03-05`, `2026-03-05T14:30:00Z`,
//! `2026-03-05 14:30:00 +0700`), day or month first (`05/03/2026 14:30`,
//! `3/5/2026 2:30 PM`), two-digit years, and Excel serial numbers (`46086.5`).
//!
//! Whether `05/03/2026` is the 5th of March or the 3rd of May is decided per column
//! (`infer_order`): a value with a first part over 12 means day first, a second part
//! over 12 month first; when no value decides, the user must be asked. Times without
//! a zone are the shop's local time (`offset_minutes` from UTC).

use crate::time::{Day, Millis, MS_PER_DAY};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateOrder {
    DayFirst,
    MonthFirst,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateError {
    Empty,
    NotADate,
    /// The numbers name no day (31/02, month 13).
    NoSuchDay,
    /// Day or month first is not known (see `infer_order`).
    Ambiguous,
    BadTime,
}

/// What a column's values say about day or month first.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OrderGuess {
    /// No value needs it (ISO dates, serial numbers).
    NotNeeded,
    Decided(DateOrder),
    /// Every such value reads both ways: ask.
    Ambiguous,
    /// Some values are only day first, others only month first.
    Conflicting,
}

/// The parts of a numeric date with the year last: `A/B/YYYY`.
fn year_last(date: &str) -> Option<(u32, u32, i32)> {
    let parts: Vec<&str> = date.split(['/', '-', '.']).collect();
    if parts.len() != 3
        || parts
            .iter()
            .any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    if parts[0].len() > 2 || parts[1].len() > 2 || !(parts[2].len() == 2 || parts[2].len() == 4) {
        return None;
    }
    let year: i32 = parts[2].parse().ok()?;
    // Two-digit years: 00–69 are 2000–2069, 70–99 are 1970–1999.
    let year = match parts[2].len() {
        2 if year < 70 => 2000 + year,
        2 => 1900 + year,
        _ => year,
    };
    Some((parts[0].parse().ok()?, parts[1].parse().ok()?, year))
}

fn date_part(s: &str) -> &str {
    s.trim().split(['T', ' ']).next().unwrap_or("")
}

pub fn infer_order<'a>(values: impl IntoIterator<Item = &'a str>) -> OrderGuess {
    let (mut day_first, mut month_first, mut seen) = (false, false, false);
    for v in values {
        if let Some((a, b, _)) = year_last(date_part(v)) {
            seen = true;
            day_first |= a > 12 && b <= 12;
            month_first |= b > 12 && a <= 12;
        }
    }
    match (day_first, month_first, seen) {
        (true, true, _) => OrderGuess::Conflicting,
        (true, false, _) => OrderGuess::Decided(DateOrder::DayFirst),
        (false, true, _) => OrderGuess::Decided(DateOrder::MonthFirst),
        (false, false, true) => OrderGuess::Ambiguous,
        (false, false, false) => OrderGuess::NotNeeded,
    }
}

/// Excel's day 0 is 1899-12-30 (so that its phantom 1900-02-29 comes out right
/// for every date from March 1900 on).
fn excel_day(serial: f64) -> Option<(Day, Millis)> {
    if !(1.0..2_958_466.0).contains(&serial) {
        return None;
    }
    let base = Day::from_ymd(1899, 12, 30)?;
    let whole = serial.floor();
    let ms = ((serial - whole) * MS_PER_DAY as f64).round() as Millis;
    Some((Day(base.0 + whole as i32), ms))
}

fn number(s: &str, max: u32) -> Result<u32, DateError> {
    if s.is_empty() || s.len() > 2 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return Err(DateError::BadTime);
    }
    let n: u32 = s.parse().map_err(|_| DateError::BadTime)?;
    if n > max {
        return Err(DateError::BadTime);
    }
    Ok(n)
}

/// `+07:00`, `+0700`, `+07`, `Z`, `UTC`, `GMT`: minutes east of UTC.
fn zone(z: &str) -> Result<i32, DateError> {
    let z = z.trim();
    if z.eq_ignore_ascii_case("z") || z.eq_ignore_ascii_case("utc") || z.eq_ignore_ascii_case("gmt")
    {
        return Ok(0);
    }
    let (sign, rest) = match z.as_bytes().first() {
        Some(b'+') => (1, &z[1..]),
        Some(b'-') => (-1, &z[1..]),
        _ => return Err(DateError::BadTime),
    };
    let digits: String = rest.chars().filter(|c| *c != ':').collect();
    // Only digits, so that the slices below fall on character boundaries.
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(DateError::BadTime);
    }
    let (h, m) = match digits.len() {
        2 => (&digits[..2], "0"),
        4 => (&digits[..2], &digits[2..]),
        _ => return Err(DateError::BadTime),
    };
    Ok(sign * (number(h, 14)? * 60 + number(m, 59)?) as i32)
}

/// A time of day with an optional AM/PM and zone: milliseconds, and the zone if any.
fn time_part(s: &str) -> Result<(Millis, Option<i32>), DateError> {
    let mut s = s.trim();
    let mut zone_minutes = None;
    // A zone is a letter code or a sign after the time.
    if let Some(i) = s.find(['Z', '+']).or_else(|| s.rfind('-')) {
        zone_minutes = Some(zone(&s[i..])?);
        s = s[..i].trim();
    } else if let Some(rest) = s.strip_suffix("UTC").or_else(|| s.strip_suffix("GMT")) {
        zone_minutes = Some(0);
        s = rest.trim();
    }
    let lower = s.to_ascii_lowercase();
    let (clock, half) = if let Some(x) = lower.strip_suffix("am") {
        (x.trim().to_string(), Some(false))
    } else if let Some(x) = lower.strip_suffix("pm") {
        (x.trim().to_string(), Some(true))
    } else {
        (lower.clone(), None)
    };
    let mut parts = clock.split(':');
    let h = number(parts.next().unwrap_or(""), 23)?;
    let m = number(parts.next().ok_or(DateError::BadTime)?, 59)?;
    let (sec, frac) = match parts.next() {
        Some(x) => x.split_once('.').unwrap_or((x, "")),
        None => ("", ""),
    };
    let sec = if sec.is_empty() { 0 } else { number(sec, 59)? };
    if parts.next().is_some() || !frac.bytes().all(|b| b.is_ascii_digit()) {
        return Err(DateError::BadTime);
    }
    let ms: u32 = format!("{:0<3}", &frac[..frac.len().min(3)])
        .parse()
        .unwrap_or(0);
    let h = match half {
        Some(pm) if (1..=12).contains(&h) => h % 12 + if pm { 12 } else { 0 },
        Some(_) => return Err(DateError::BadTime),
        None => h,
    };
    Ok((
        (h * 3_600_000 + m * 60_000 + sec * 1000 + ms) as Millis,
        zone_minutes,
    ))
}

/// Parses a date without a time: numeric with the year last (`05/03/2026`, two-digit
/// years too, day or month first by `order`), or the year first (`2026-03-05`,
/// `2026.03.05`, `20260305`). The one reader of typed dates: the importer's cells and
/// the app's date fields (`validate::parse_date`) both use it.
pub fn parse_day(date: &str, order: Option<DateOrder>) -> Result<Day, DateError> {
    let date = date.trim();
    if date.is_empty() {
        return Err(DateError::Empty);
    }
    if let Some((a, b, year)) = year_last(date) {
        let (d, m) = match order {
            _ if a == b => (a, b),
            Some(DateOrder::DayFirst) => (a, b),
            Some(DateOrder::MonthFirst) => (b, a),
            None if a > 12 => (a, b),
            None if b > 12 => (b, a),
            None => return Err(DateError::Ambiguous),
        };
        return Day::from_ymd(year, m, d).ok_or(DateError::NoSuchDay);
    }
    let parts: Vec<&str> = if date.len() == 8 && date.bytes().all(|b| b.is_ascii_digit()) {
        vec![&date[..4], &date[4..6], &date[6..]]
    } else {
        date.split(['-', '/', '.']).collect()
    };
    if parts.len() != 3
        || parts[0].len() != 4
        || parts
            .iter()
            .any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()))
    {
        return Err(DateError::NotADate);
    }
    let n = |p: &str| p.parse::<u32>().map_err(|_| DateError::NotADate);
    Day::from_ymd(n(parts[0])? as i32, n(parts[1])?, n(parts[2])?).ok_or(DateError::NoSuchDay)
}

/// Parses a date with an optional time into a UTC instant.
pub fn parse_datetime(
    raw: &str,
    order: Option<DateOrder>,
    offset_minutes: i32,
) -> Result<Millis, DateError> {
    let s = raw.trim();
    if s.is_empty() {
        return Err(DateError::Empty);
    }
    let local = |day: Day, ms: Millis, zone: Option<i32>| {
        day.start_millis() + ms - zone.unwrap_or(offset_minutes) as Millis * 60_000
    };
    let compact = s.len() == 8 && s.bytes().all(|b| b.is_ascii_digit());
    let serial = s.bytes().all(|b| b.is_ascii_digit() || b == b'.') && s.matches('.').count() <= 1;
    if !compact && serial {
        let serial: f64 = s.parse().map_err(|_| DateError::NotADate)?;
        let (day, ms) = excel_day(serial).ok_or(DateError::NotADate)?;
        return Ok(local(day, ms, None));
    }
    let (date, time) = match s.find(['T', ' ']) {
        Some(i) => (&s[..i], Some(&s[i + 1..])),
        None => (s, None),
    };
    let day = parse_day(date, order)?;
    match time.map(str::trim).filter(|t| !t.is_empty()) {
        None => Ok(local(day, 0, None)),
        Some(t) => {
            let (ms, zone) = time_part(t)?;
            Ok(local(day, ms, zone))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const H: Millis = 3_600_000;

    fn at(y: i32, m: u32, d: u32, ms: Millis) -> Millis {
        Day::from_ymd(y, m, d).unwrap().start_millis() + ms
    }

    fn utc(s: &str, order: Option<DateOrder>) -> Result<Millis, DateError> {
        parse_datetime(s, order, 0)
    }

    #[test]
    fn iso_and_zones() {
        assert_eq!(utc("2026-03-05", None), Ok(at(2026, 3, 5, 0)));
        assert_eq!(utc("20260305", None), Ok(at(2026, 3, 5, 0)));
        assert_eq!(utc("2026/03/05", None), Ok(at(2026, 3, 5, 0)));
        assert_eq!(
            utc("2026-03-05T14:30:00Z", None),
            Ok(at(2026, 3, 5, 14 * H + 30 * 60_000))
        );
        assert_eq!(
            utc("2026-03-05T14:30:00.250Z", None),
            Ok(at(2026, 3, 5, 14 * H + 1_800_250))
        );
        // Shopify writes "2026-03-05 14:30:00 +0700": 07:30 UTC.
        assert_eq!(
            utc("2026-03-05 14:30:00 +0700", None),
            Ok(at(2026, 3, 5, 7 * H + 1_800_000))
        );
        assert_eq!(
            utc("2026-03-05T01:00:00+07:00", None),
            Ok(at(2026, 3, 4, 18 * H))
        );
        assert_eq!(
            utc("2026-03-05 10:00 -05:00", None),
            Ok(at(2026, 3, 5, 15 * H))
        );
        assert_eq!(
            utc("2026-03-05 10:00 UTC", None),
            Ok(at(2026, 3, 5, 10 * H))
        );
        // No zone: the shop's local time (Hà Nội, UTC+7).
        assert_eq!(
            parse_datetime("2026-03-05 08:00", None, 420),
            Ok(at(2026, 3, 5, H))
        );
        assert_eq!(
            parse_datetime("2026-03-05", None, 420),
            Ok(at(2026, 3, 4, 17 * H))
        );
    }

    #[test]
    fn day_or_month_first() {
        let day = Some(DateOrder::DayFirst);
        let month = Some(DateOrder::MonthFirst);
        assert_eq!(utc("05/03/2026", day), Ok(at(2026, 3, 5, 0)));
        assert_eq!(utc("05/03/2026", month), Ok(at(2026, 5, 3, 0)));
        assert_eq!(utc("05/03/2026", None), Err(DateError::Ambiguous));
        assert_eq!(
            utc("25/03/2026", None),
            Ok(at(2026, 3, 25, 0)),
            "only one reading"
        );
        assert_eq!(utc("03/25/2026", None), Ok(at(2026, 3, 25, 0)));
        assert_eq!(
            utc("04/04/2026", None),
            Ok(at(2026, 4, 4, 0)),
            "both readings agree"
        );
        assert_eq!(utc("5.3.2026", day), Ok(at(2026, 3, 5, 0)));
        assert_eq!(utc("05-03-26", day), Ok(at(2026, 3, 5, 0)));
        assert_eq!(utc("05/03/99", day), Ok(at(1999, 3, 5, 0)));
        assert_eq!(
            utc("3/5/2026 2:30 PM", month),
            Ok(at(2026, 3, 5, 14 * H + 1_800_000))
        );
        assert_eq!(
            utc("3/5/2026 12:05 AM", month),
            Ok(at(2026, 3, 5, 5 * 60_000))
        );
        assert_eq!(
            utc("05/03/2026 14:30:15", day),
            Ok(at(2026, 3, 5, 14 * H + 1_815_000))
        );
    }

    #[test]
    fn excel_serials() {
        assert_eq!(utc("46086", None), Ok(at(2026, 3, 5, 0)));
        assert_eq!(utc("46086.5", None), Ok(at(2026, 3, 5, 12 * H)));
        assert_eq!(utc("61", None), Ok(at(1900, 3, 1, 0)));
        assert_eq!(utc("46086.25", None), Ok(at(2026, 3, 5, 6 * H)));
        assert_eq!(utc("0", None), Err(DateError::NotADate));
    }

    #[test]
    fn refusals() {
        assert_eq!(utc("", None), Err(DateError::Empty));
        assert_eq!(utc("yesterday", None), Err(DateError::NotADate));
        assert_eq!(
            utc("31/02/2026", Some(DateOrder::DayFirst)),
            Err(DateError::NoSuchDay)
        );
        assert_eq!(utc("2026-13-01", None), Err(DateError::NoSuchDay));
        assert_eq!(utc("13/13/2026", None), Err(DateError::NoSuchDay));
        assert_eq!(utc("2026-03-05 25:00", None), Err(DateError::BadTime));
        assert_eq!(utc("2026-03-05 10:61", None), Err(DateError::BadTime));
        assert_eq!(utc("2026-03-05 13:00 PM", None), Err(DateError::BadTime));
        assert_eq!(
            utc("2026-03-05 10:00 +25:00", None),
            Err(DateError::BadTime)
        );
        assert_eq!(utc("1/2/3/2026", None), Err(DateError::NotADate));
        // A zone of letters several bytes long (found by the fuzzer: it panicked).
        assert_eq!(utc("2025-03-01 10:00 +hăn", None), Err(DateError::BadTime));
        assert_eq!(utc("2025-03-01 10:00 -ắ", None), Err(DateError::BadTime));
    }

    #[test]
    fn a_column_tells_its_order() {
        assert_eq!(
            infer_order(["05/03/2026", "25/03/2026"]),
            OrderGuess::Decided(DateOrder::DayFirst)
        );
        assert_eq!(
            infer_order(["05/03/2026", "03/25/2026 10:00"]),
            OrderGuess::Decided(DateOrder::MonthFirst)
        );
        assert_eq!(
            infer_order(["05/03/2026", "04/04/2026"]),
            OrderGuess::Ambiguous
        );
        assert_eq!(
            infer_order(["25/03/2026", "03/25/2026"]),
            OrderGuess::Conflicting
        );
        assert_eq!(infer_order(["2026-03-05", "46086"]), OrderGuess::NotNeeded);
    }

    proptest! {
        /// Any day written either way, with a time, reads back exactly.
        #[test]
        fn written_days_read_back(day in -25_000i32..60_000, minute in 0i64..1440, day_first in any::<bool>()) {
            let (y, m, d) = Day(day).ymd();
            prop_assume!((1000..=9999).contains(&y));
            let clock = format!("{:02}:{:02}", minute / 60, minute % 60);
            let (text, order) = if day_first {
                (format!("{d:02}/{m:02}/{y} {clock}"), DateOrder::DayFirst)
            } else {
                (format!("{m}/{d}/{y} {clock}"), DateOrder::MonthFirst)
            };
            let expected = Day(day).start_millis() + minute * 60_000;
            prop_assert_eq!(utc(&text, Some(order)), Ok(expected));
            prop_assert_eq!(utc(&format!("{}T{clock}Z", Day(day).iso()), None), Ok(expected));
        }
    }
}
