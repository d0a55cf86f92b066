//! The browser's services, in one place: the clock and the shop's local day, ids and
//! random bytes, messages between tabs, locks between tabs. Storage, state and pages
//! take them from here rather than calling web APIs themselves.

pub mod locks;
pub mod tabs;

use clientele_core::time::Day;

/// Now, in ms since the epoch, from the browser's clock.
pub fn now_ms() -> i64 {
    js_sys::Date::now() as i64
}

/// The local time zone's offset from UTC now, in minutes (Hà Nội: +420).
pub fn utc_offset_minutes() -> i32 {
    -(js_sys::Date::new_0().get_timezone_offset() as i32)
}

/// The shop's local day of an instant (ms since the epoch): a consent given at
/// 01:00 in Hà Nội is dated that day, not the day before as in UTC.
pub fn local_day(millis: i64) -> Day {
    Day::of_millis(millis + utc_offset_minutes() as i64 * 60_000)
}

/// Noon of a local day, in ms since the epoch: the time given to an order or an
/// interaction dated by hand (lists show their dates).
pub fn local_noon(day: Day) -> i64 {
    day.start_millis() + 12 * 3_600_000 - utc_offset_minutes() as i64 * 60_000
}

/// Today in the device's time zone: the one "today" of the app.
pub fn today() -> Day {
    local_day(now_ms())
}

/// `N` random bytes from the browser's CSPRNG (for UUID v7 and device ids).
pub fn random_bytes<const N: usize>() -> [u8; N] {
    let mut b = [0u8; N];
    let ok = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .map(|c| c.get_random_values_with_u8_array(&mut b).is_ok())
        .unwrap_or(false);
    if !ok {
        // No crypto (very old browser): fall back to Math.random, good enough for ids.
        for x in b.iter_mut() {
            *x = (js_sys::Math::random() * 256.0) as u8;
        }
    }
    b
}

/// A new record id.
pub fn new_id() -> clientele_core::Id {
    clientele_core::Id::new_v7(now_ms().max(0) as u64, random_bytes())
}
