//! Words of the Import page, in English and Vietnamese (one value per language, so a
//! missing string does not compile). Placeholders: `{n}`, `{u}`, `{r}`, `{p}`,
//! `{file}`, `{field}`, `{line}`.

mod en;
mod vi;

use clientele_core::format::Locale;
use clientele_core::import::amount::AmountError;
use clientele_core::import::cells::Reason;
use clientele_core::import::date::DateError;
use clientele_core::import::file::FileError;
use clientele_core::import::mapping::{MappingError, Target};
use clientele_core::import::text::TextError;

pub fn imp_strings(locale: Locale) -> &'static ImpStrings {
    match locale {
        Locale::En => &en::EN,
        Locale::Vi => &vi::VI,
    }
}

/// Serialize: the checks of `tests/placeholders.rs` walk every string.
#[derive(serde::Serialize)]
pub struct ImpStrings {
    pub nav: &'static str,
    pub title: &'static str,
    pub explain: &'static str,
    pub kind_label: &'static str,
    pub kinds: [&'static str; 3],
    pub choose_file: &'static str,
    pub drop_hint: &'static str,
    /// "{file}: {n} columns"
    pub file_summary: &'static str,
    pub presets: [&'static str; 3],
    pub mapping_title: &'static str,
    pub col_column: &'static str,
    pub col_sample: &'static str,
    pub col_field: &'static str,
    pub ignore: &'static str,
    pub custom: &'static str,
    pub custom_name: &'static str,
    pub targets: [&'static str; Target::COUNT],
    pub mode_label: &'static str,
    pub modes: [&'static str; 3],
    pub match_label: &'static str,
    pub match_keys: [&'static str; 3],
    pub date_order_label: &'static str,
    pub date_orders: [&'static str; 2],
    pub date_ambiguous: &'static str,
    pub date_conflicting: &'static str,
    pub currency_label: &'static str,
    pub invalid_label: &'static str,
    pub invalid_options: [&'static str; 2],
    pub check: &'static str,
    /// "Reading: {n} rows ({r} rows/s)"
    pub reading: &'static str,
    /// "Writing: {n} records ({r} per second)"
    pub writing: &'static str,
    pub progress_label: &'static str,
    pub summary_title: &'static str,
    /// records, new, updated, duplicate, invalid, not found, new customers
    pub counts: [&'static str; 7],
    pub problems_title: &'static str,
    pub col_line: &'static str,
    pub col_value: &'static str,
    pub col_problem: &'static str,
    /// "Showing the first {n}."
    pub problems_more: &'static str,
    pub preview_title: &'static str,
    pub col_customer: &'static str,
    pub col_reference: &'static str,
    pub col_when: &'static str,
    pub col_total: &'static str,
    pub col_items: &'static str,
    pub col_subject: &'static str,
    /// "Import {n} records"
    pub import_button: &'static str,
    pub nothing: &'static str,
    pub blocked: &'static str,
    pub back: &'static str,
    /// "{file}: {n} new, {u} updated."
    pub imported: &'static str,
    pub history_title: &'static str,
    pub no_history: &'static str,
    pub col_file: &'static str,
    pub col_kind: &'static str,
    pub col_new: &'static str,
    pub col_updated: &'static str,
    pub col_skipped: &'static str,
    pub revert: &'static str,
    /// "Revert {file}"
    pub revert_label: &'static str,
    pub reverted: &'static str,
    pub revert_title: &'static str,
    pub revert_body: &'static str,
    /// "Import reverted: {n} records deleted, {u} customers restored."
    pub reverted_done: &'static str,
    /// Reasons, in the order of `reason()` below.
    pub reasons: [&'static str; 22],
    pub err_not_text: &'static str,
    pub err_unclosed: &'static str,
    pub err_empty: &'static str,
    pub err_unreadable: &'static str,
    pub err_twice: &'static str,
    pub err_no_customer: &'static str,
    pub err_missing: &'static str,
    pub err_custom_name: &'static str,
}

impl ImpStrings {
    pub fn target(&self, t: &Target) -> String {
        match t {
            Target::Ignore => self.ignore.to_string(),
            Target::Custom(key) => format!("{}: {key}", self.custom.trim_end_matches('…')),
            t => t.index().map_or("", |i| self.targets[i]).to_string(),
        }
    }

    /// Why a row was refused, in words.
    pub fn reason(&self, r: &Reason) -> String {
        let i = match r {
            Reason::Date(DateError::Ambiguous) => 0,
            Reason::Date(DateError::NoSuchDay) => 1,
            Reason::Date(DateError::BadTime) => 2,
            Reason::Date(_) => 3,
            Reason::Amount(AmountError::BadGrouping) => 4,
            Reason::Amount(AmountError::TooManyDecimals) => 5,
            Reason::Amount(AmountError::TooLarge) => 6,
            Reason::Amount(_) => 7,
            Reason::Email => 8,
            Reason::Phone => 9,
            Reason::Quantity => 10,
            Reason::Choice => 11,
            Reason::YesNo => 12,
            Reason::Currency => 13,
            Reason::LineItem => 14,
            Reason::TooLong => 15,
            Reason::Missing(t) => return self.reasons[16].replace("{field}", &self.target(t)),
            Reason::NoCustomer => 17,
            Reason::Empty => 18,
            Reason::Negative => 19,
            Reason::Birthday => 20,
            Reason::ExtraValues { found, expected } => {
                return self.reasons[21]
                    .replace("{n}", &found.to_string())
                    .replace("{u}", &expected.to_string())
            }
        };
        self.reasons[i].to_string()
    }

    pub fn file_error(&self, e: &FileError) -> String {
        match e {
            FileError::Text(TextError::NotText { line, .. }) => {
                self.err_not_text.replace("{line}", &line.to_string())
            }
            FileError::Record(r) => self.err_unclosed.replace("{line}", &r.line.to_string()),
            FileError::Empty => self.err_empty.to_string(),
        }
    }

    pub fn mapping_error(&self, e: &MappingError) -> String {
        match e {
            MappingError::Twice { target, .. } => {
                self.err_twice.replace("{field}", &self.target(target))
            }
            MappingError::EmptyCustomKey { .. } => self.err_custom_name.to_string(),
            MappingError::NoCustomer => self.err_no_customer.to_string(),
            MappingError::Missing(t) => self.err_missing.replace("{field}", &self.target(t)),
        }
    }
}
