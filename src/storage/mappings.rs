//! Column mappings the user confirmed, per header set (see `core::import::mapping::
//! header_key`), in localStorage: the next file from the same system maps itself.

use clientele_core::import::mapping::Mapping;
use gloo_storage::{LocalStorage, Storage as _};

const KEY: &str = "clientele.mappings";
/// Mappings kept; the oldest saved go first past this.
const MAX: usize = 50;

fn all() -> Vec<(String, Mapping)> {
    LocalStorage::get(KEY).unwrap_or_default()
}

pub fn load(key: &str) -> Option<Mapping> {
    all().into_iter().find(|(k, _)| k == key).map(|(_, m)| m)
}

/// Saves the mapping for `key` (most recent last); false if localStorage refused.
pub fn save(key: &str, mapping: &Mapping) -> bool {
    let mut v: Vec<(String, Mapping)> = all().into_iter().filter(|(k, _)| k != key).collect();
    v.push((key.to_string(), mapping.clone()));
    let skip = v.len().saturating_sub(MAX);
    let v: Vec<_> = v.into_iter().skip(skip).collect();
    LocalStorage::set(KEY, &v).is_ok()
}
