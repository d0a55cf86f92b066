//! Settings in localStorage (via gloo-storage), as JSON under one key.

use gloo_storage::{LocalStorage, Storage as _};
use serde::{de::DeserializeOwned, Serialize};

pub const KEY: &str = "clientele.settings";

/// Reads the stored settings; `None` if there are none or they cannot be read.
pub fn load<T: DeserializeOwned>() -> Option<T> {
    LocalStorage::get(KEY).ok()
}

/// Stores the settings; returns false if localStorage refused (private mode, full).
pub fn save<T: Serialize>(value: &T) -> bool {
    LocalStorage::set(KEY, value).is_ok()
}
