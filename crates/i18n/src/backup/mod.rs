//! Words of the Export & backup page, in English and Vietnamese (one value per
//! language, so a missing string does not compile). Placeholders: `{n}`, `{a}`,
//! `{u}`, `{line}`, `{what}`, `{found}`, `{section}`, `{expected}`.

mod en;
mod vi;

use clientele_core::backup::BackupError;
use clientele_core::export::csv::Delimiter;
use clientele_core::format::Locale;

pub fn backup_strings(locale: Locale) -> &'static BackupStrings {
    match locale {
        Locale::En => &en::EN,
        Locale::Vi => &vi::VI,
    }
}

words! {
    DelimiterWords for Delimiter {
        comma: Comma,
        semicolon: Semicolon,
        tab: Tab,
    }
}

words! {
    /// The sections of a backup (`backup::SECTIONS`), read by `section`.
    SectionWords {
        customers,
        orders,
        interactions,
        segments,
    }
}

impl SectionWords {
    /// The name of a section of `backup::SECTIONS` (None: not one of them; the test
    /// below checks that each has one).
    pub fn section(&self, section: &str) -> Option<&'static str> {
        match section {
            "customers" => Some(self.customers),
            "orders" => Some(self.orders),
            "interactions" => Some(self.interactions),
            "segments" => Some(self.segments),
            _ => None,
        }
    }
}

/// Serialize: the checks of `tests/placeholders.rs` walk every string.
#[derive(serde::Serialize)]
pub struct BackupStrings {
    pub nav: &'static str,
    pub title: &'static str,
    pub csv_title: &'static str,
    pub csv_explain: &'static str,
    pub delimiter: &'static str,
    pub delimiters: DelimiterWords,
    pub bom: &'static str,
    pub export_customers: &'static str,
    pub export_orders: &'static str,
    pub segments_hint: &'static str,
    pub exported: &'static str,
    pub backup_title: &'static str,
    pub backup_explain: &'static str,
    pub download_backup: &'static str,
    pub backup_done: &'static str,
    pub restore_title: &'static str,
    pub restore_explain: &'static str,
    pub choose_backup: &'static str,
    pub mode_label: &'static str,
    pub mode_merge: &'static str,
    pub mode_replace: &'static str,
    pub restore: &'static str,
    pub replace_title: &'static str,
    pub replace_body: &'static str,
    pub replace_confirm: &'static str,
    pub working: &'static str,
    pub cancel: &'static str,
    /// "{a} added, {u} updated"
    pub restored: &'static str,
    /// The kinds of records, per section of a backup.
    pub kinds: SectionWords,
    pub nothing_chosen: &'static str,
    pub err_not_backup: &'static str,
    pub err_newer: &'static str,
    pub err_damaged: &'static str,
    pub err_truncated: &'static str,
    pub err_counts: &'static str,
    pub err_unreadable: &'static str,
    /// The browser refused to save a file (out of memory, downloads blocked).
    pub err_download: &'static str,
    pub err_clock: &'static str,
    pub err_cancelled: &'static str,
    pub unchanged: &'static str,
}

impl BackupStrings {
    /// A backup refused, in words, ending with "nothing was changed".
    pub fn refused(&self, e: &BackupError) -> String {
        let text = match e {
            BackupError::NotBackup => self.err_not_backup.to_string(),
            BackupError::Newer { found } => self.err_newer.replace("{n}", &found.to_string()),
            BackupError::Damaged { line, what } => self
                .err_damaged
                .replace("{line}", &line.to_string())
                .replace("{what}", what),
            BackupError::Truncated => self.err_truncated.to_string(),
            BackupError::Counts {
                section,
                found,
                expected,
            } => {
                let name = self.kinds.section(section).unwrap_or(section);
                self.err_counts
                    .replace("{section}", name)
                    .replace("{found}", &found.to_string())
                    .replace("{expected}", &expected.to_string())
            }
        };
        format!("{text} {}", self.unchanged)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_backup_section_has_its_words() {
        for l in [Locale::En, Locale::Vi] {
            for section in clientele_core::backup::SECTIONS {
                assert!(
                    backup_strings(l).kinds.section(section).is_some(),
                    "{section}"
                );
            }
        }
    }
}
