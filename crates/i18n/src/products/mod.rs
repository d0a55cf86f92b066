//! Words of the Products page (the catalogue: rename, merge two spellings), in
//! English and Vietnamese (one value per language, so a missing string does not
//! compile). Placeholders: `{n}`, `{total}`, `{name}`, `{currency}`.

mod en;
mod vi;

use clientele_core::format::Locale;

pub fn products_strings(locale: Locale) -> &'static ProductsStrings {
    match locale {
        Locale::En => &en::EN,
        Locale::Vi => &vi::VI,
    }
}

/// Serialize: the checks of `tests/placeholders.rs` walk every string.
#[derive(serde::Serialize)]
pub struct ProductsStrings {
    pub nav: &'static str,
    pub title: &'static str,
    pub intro: &'static str,
    pub search: &'static str,
    pub search_hint: &'static str,
    pub col_product: &'static str,
    pub col_sku: &'static str,
    pub col_category: &'static str,
    pub col_price: &'static str,
    pub col_units: &'static str,
    pub col_revenue: &'static str,
    pub col_buyers: &'static str,
    pub col_actions: &'static str,
    pub count: &'static str,
    pub none: &'static str,
    pub no_match: &'static str,
    pub sort_label: &'static str,
    pub sort_revenue: &'static str,
    pub sort_units: &'static str,
    pub sort_buyers: &'static str,
    pub sort_name: &'static str,
    pub rename: &'static str,
    pub rename_of: &'static str,
    pub rename_title: &'static str,
    pub new_name: &'static str,
    pub new_name_hint: &'static str,
    pub merges_into: &'static str,
    pub merge: &'static str,
    pub cancel: &'static str,
    pub renaming: &'static str,
    pub renamed: &'static str,
    pub rename_undone: &'static str,
    pub err_empty: &'static str,
    pub err_same: &'static str,
    pub show_more: &'static str,
    pub shown: &'static str,
    pub revenue_note: &'static str,
}
