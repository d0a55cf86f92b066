//! Words for correcting a customer's orders and interactions (edit, delete with
//! Undo, move an order to another customer), in English and Vietnamese (one value
//! per language, so a missing string does not compile). Placeholders: `{date}`,
//! `{name}`, `{n}`, `{total}`, `{other}`, `{keep}`, `{orders}`, `{interactions}`, `{x}`.

mod en;
mod vi;

use clientele_core::format::Locale;

pub fn history_strings(locale: Locale) -> &'static HistoryStrings {
    match locale {
        Locale::En => &en::EN,
        Locale::Vi => &vi::VI,
    }
}

/// Serialize: the checks of `tests/placeholders.rs` walk every string.
#[derive(serde::Serialize)]
pub struct HistoryStrings {
    pub col_actions: &'static str,
    pub edit: &'static str,
    pub delete: &'static str,
    /// The accessible name of an order's Edit button.
    pub edit_order_of: &'static str,
    /// The accessible name of an order's Delete button.
    pub delete_order_of: &'static str,
    pub edit_order: &'static str,
    pub save_changes: &'static str,
    pub cancel: &'static str,
    pub order_saved: &'static str,
    pub order_deleted: &'static str,
    pub order_restored: &'static str,
    pub order_moved: &'static str,
    pub field_total: &'static str,
    pub total_hint: &'static str,
    pub err_total: &'static str,
    pub customer_label: &'static str,
    pub move_order: &'static str,
    pub find_customer: &'static str,
    pub find_hint: &'static str,
    pub move_to: &'static str,
    pub moving_to: &'static str,
    pub keep_with: &'static str,
    pub no_customer_found: &'static str,
    pub edit_interaction_of: &'static str,
    pub delete_interaction_of: &'static str,
    pub edit_interaction: &'static str,
    pub interaction_saved: &'static str,
    pub interaction_deleted: &'static str,
    pub interaction_restored: &'static str,
    pub field_when: &'static str,
    // The customer's timeline (orders and interactions, newest first).
    pub timeline_title: &'static str,
    pub timeline_empty: &'static str,
    /// `{n}` of `{total}` entries shown.
    pub timeline_shown: &'static str,
    /// `{n}`: how many more a click shows.
    pub show_more: &'static str,
    pub entry_order: &'static str,
    pub save_interaction: &'static str,
    // Merging two customers.
    pub merge_open: &'static str,
    pub merge_chosen: &'static str,
    pub merge_other: &'static str,
    pub merge_keep: &'static str,
    pub merge_keep_one: &'static str,
    /// `{other}`, `{keep}`: names; `{orders}`, `{interactions}`: counts.
    pub merge_explain: &'static str,
    pub merge_button: &'static str,
    pub merged: &'static str,
    pub merge_undone: &'static str,
    pub merged_into: &'static str,
    // The product field of an order line: `{x}` is the SKU, category and price.
    pub known_product: &'static str,
    pub new_product: &'static str,
}
