//! Words for keeping the data safe on the device (persistent storage, backup
//! reminders) and for the first visit's ways in, in English and Vietnamese (one
//! value per language, so a missing string does not compile). Placeholders: `{n}`.

mod en;
mod vi;

use clientele_core::format::Locale;

pub fn safety_strings(locale: Locale) -> &'static SafetyStrings {
    match locale {
        Locale::En => &en::EN,
        Locale::Vi => &vi::VI,
    }
}

/// Serialize: the checks of `tests/placeholders.rs` walk every string.
#[derive(serde::Serialize)]
pub struct SafetyStrings {
    pub persist_granted: &'static str,
    pub persist_refused: &'static str,
    pub at_risk: &'static str,
    pub at_risk_means: &'static str,
    pub backup_never: &'static str,
    pub backup_today: &'static str,
    pub backup_yesterday: &'static str,
    pub backup_days: &'static str,
    pub remind_never: &'static str,
    pub remind_days: &'static str,
    pub back_up_now: &'static str,
    pub later: &'static str,
    pub backed_up: &'static str,
    pub welcome_title: &'static str,
    pub welcome_explain: &'static str,
    pub start_import: &'static str,
    pub start_import_hint: &'static str,
    pub start_add: &'static str,
    pub start_add_hint: &'static str,
    pub start_demo: &'static str,
    pub start_demo_hint: &'static str,
}

impl SafetyStrings {
    /// "Last backup: 3 days ago" (today, yesterday; "No backup yet" for none).
    pub fn last_backup(&self, days: Option<i64>) -> String {
        match days {
            None => self.backup_never.to_string(),
            Some(0) => self.backup_today.to_string(),
            Some(1) => self.backup_yesterday.to_string(),
            Some(n) => self.backup_days.replace("{n}", &n.to_string()),
        }
    }

    /// The reminder: a week or more since the last backup (or none yet).
    pub fn reminder(&self, days: Option<i64>) -> String {
        match days {
            None => self.remind_never.to_string(),
            Some(n) => self.remind_days.replace("{n}", &n.to_string()),
        }
    }
}
