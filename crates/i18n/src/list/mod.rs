//! Words of the customer list's filters, selection and bulk actions, in English and
//! Vietnamese (one value per language, so a missing string does not compile).
//! Placeholders: `{n}`, `{x}`, `{name}`, `{tag}`.

mod en;
mod vi;

use clientele_core::format::Locale;

pub fn list_strings(locale: Locale) -> &'static ListStrings {
    match locale {
        Locale::En => &en::EN,
        Locale::Vi => &vi::VI,
    }
}

/// Serialize: the checks of `tests/placeholders.rs` walk every string.
#[derive(serde::Serialize)]
pub struct ListStrings {
    pub filters: &'static str,
    pub city: &'static str,
    pub all_cities: &'static str,
    pub segment: &'static str,
    pub all_segments: &'static str,
    pub rfm_suffix: &'static str,
    pub stage: &'static str,
    pub all_stages: &'static str,
    pub min_spent: &'static str,
    pub err_amount: &'static str,
    pub clear_filters: &'static str,
    pub select_col: &'static str,
    pub select_one: &'static str,
    pub select_all: &'static str,
    pub selected: &'static str,
    pub clear_selection: &'static str,
    pub bulk_label: &'static str,
    pub tag: &'static str,
    pub add_tag: &'static str,
    pub tagged: &'static str,
    pub err_tag: &'static str,
    pub to_segment: &'static str,
    pub new_segment: &'static str,
    pub segment_name: &'static str,
    pub add_to_segment: &'static str,
    pub added_to_segment: &'static str,
    pub err_segment_name: &'static str,
    pub export: &'static str,
    pub delete: &'static str,
    pub deleted: &'static str,
    pub restored: &'static str,
    pub undone: &'static str,
    pub sort_by: &'static str,
    /// The same three for one customer.
    pub tagged_one: &'static str,
    pub added_one: &'static str,
    pub deleted_one: &'static str,
}
