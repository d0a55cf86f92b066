//! What this device remembers of its backups and of asking the browser to keep its
//! data, in localStorage (per device, like the settings; not data that syncs).

use gloo_storage::{LocalStorage, Storage as _};
use serde::{Deserialize, Serialize};

const KEY: &str = "clientele.safety";

#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SafetyRecord {
    /// The last backup made on this device (ms since the epoch).
    pub last_backup: Option<i64>,
    /// When this device first held data.
    pub first_data: Option<i64>,
    /// The backup reminder was put off until then.
    pub snoozed_until: Option<i64>,
    /// The browser was asked once to keep the data (persistent storage).
    pub asked_persistence: bool,
}

/// The record as stored (a default one if none, or unreadable).
pub fn load() -> SafetyRecord {
    LocalStorage::get(KEY).unwrap_or_default()
}

/// Stores the record; false if localStorage refused (private mode, full).
pub fn save(record: &SafetyRecord) -> bool {
    LocalStorage::set(KEY, record).is_ok()
}
