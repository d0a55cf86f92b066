//! The only code that touches IndexedDB, localStorage and the storage manager.
//! See docs/storage.md for the layout and why it is that way.

mod database;
mod error;
mod imports;
pub mod mappings;
pub mod quota;
pub mod settings;

pub use database::{History, Loaded, Meta, Storage, DB_NAME, SCHEMA_VERSION};
pub use error::StorageError;
pub use imports::{encode_customers, Batch, BucketFacts, BucketWrite, Edit, Writes};

/// Now, in ms since the epoch, from the browser's clock.
pub fn now_ms() -> i64 {
    js_sys::Date::now() as i64
}

/// Ten random bytes from the browser's CSPRNG (for UUID v7 and device ids).
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

/// The local time zone's offset from UTC, in minutes (Hà Nội: +420).
pub fn utc_offset_minutes() -> i32 {
    -(js_sys::Date::new_0().get_timezone_offset() as i32)
}
