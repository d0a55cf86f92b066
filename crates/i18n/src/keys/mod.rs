//! Words of the keyboard: the command palette and the list of shortcuts, in English
//! and Vietnamese (one value per language, so a missing string does not compile).

mod en;
mod vi;

use clientele_core::format::Locale;

pub fn keys_strings(locale: Locale) -> &'static KeysStrings {
    match locale {
        Locale::En => &en::EN,
        Locale::Vi => &vi::VI,
    }
}

/// Serialize: the checks of `tests/placeholders.rs` walk every string.
#[derive(serde::Serialize)]
pub struct KeysStrings {
    pub palette_title: &'static str,
    pub palette_input: &'static str,
    pub palette_hint: &'static str,
    pub commands: &'static str,
    pub customers: &'static str,
    pub nothing_found: &'static str,
    pub go_dashboard: &'static str,
    pub go_customers: &'static str,
    pub go_products: &'static str,
    pub go_segments: &'static str,
    pub go_settings: &'static str,
    pub new_customer: &'static str,
    pub new_segment: &'static str,
    pub import: &'static str,
    pub backup: &'static str,
    pub shortcuts_title: &'static str,
    pub key_search: &'static str,
    pub key_palette: &'static str,
    pub key_shortcuts: &'static str,
    pub key_escape: &'static str,
    pub close: &'static str,
}
