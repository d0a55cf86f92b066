//! When to remind the owner to make a backup: the whole customer base lives in one
//! browser, so a copy elsewhere is the only protection against a lost device or a
//! cleared browser. Gentle: only after a week, and only if something changed since.

use crate::time::{Millis, MS_PER_DAY};

/// Days after the last backup (or, without one, after the first data) before the
/// reminder shows.
pub const REMIND_AFTER_DAYS: i64 = 7;

/// What this device knows of its backups and changes, in ms since the epoch.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct BackupState {
    /// The last backup made on this device.
    pub last_backup: Option<Millis>,
    /// When this device first held data.
    pub first_data: Option<Millis>,
    /// The last change of the data (the device's clock).
    pub last_change: Option<Millis>,
    /// The reminder was put off until then ("Later").
    pub snoozed_until: Option<Millis>,
}

/// Whole days from `then` to `now` (0 for the same 24 hours or a clock set back).
pub fn days_since(then: Millis, now: Millis) -> i64 {
    ((now - then) / MS_PER_DAY).max(0)
}

impl BackupState {
    /// Whole days since the last backup, or None if there was none.
    pub fn age_days(&self, now: Millis) -> Option<i64> {
        self.last_backup.map(|b| days_since(b, now))
    }

    /// Whether to remind now: data changed after the last backup (any data, without
    /// one), that backup (or the first data) is `REMIND_AFTER_DAYS` old or more, and
    /// the reminder is not put off.
    pub fn due(&self, now: Millis) -> bool {
        if self.snoozed_until.is_some_and(|s| now < s) {
            return false;
        }
        let Some(change) = self.last_change else {
            return false;
        };
        let since = match (self.last_backup, self.first_data) {
            (Some(b), _) if change <= b => return false,
            (Some(b), _) => b,
            (None, Some(first)) => first,
            (None, None) => return false,
        };
        days_since(since, now) >= REMIND_AFTER_DAYS
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DAY: Millis = MS_PER_DAY;
    const NOW: Millis = 1_800_000_000_000;

    #[test]
    fn reminds_after_a_week_with_changes_only() {
        let backed_up = |days_ago: i64, changed_days_ago: i64| BackupState {
            last_backup: Some(NOW - days_ago * DAY),
            first_data: Some(NOW - 100 * DAY),
            last_change: Some(NOW - changed_days_ago * DAY),
            snoozed_until: None,
        };
        // A week old with a change since: due. Six days: not yet.
        assert!(backed_up(7, 1).due(NOW));
        assert!(!backed_up(6, 1).due(NOW));
        // Nothing changed since the backup, however old: nothing to save.
        assert!(!backed_up(30, 31).due(NOW));
        assert!(!backed_up(30, 30).due(NOW));
        // Put off until tomorrow.
        let snoozed = BackupState {
            snoozed_until: Some(NOW + DAY),
            ..backed_up(10, 1)
        };
        assert!(!snoozed.due(NOW));
        assert!(snoozed.due(NOW + DAY));
        assert_eq!(backed_up(10, 1).age_days(NOW), Some(10));
    }

    #[test]
    fn without_a_backup_the_first_data_counts() {
        let never = |first_days_ago: i64| BackupState {
            last_backup: None,
            first_data: Some(NOW - first_days_ago * DAY),
            last_change: Some(NOW - DAY),
            snoozed_until: None,
        };
        assert!(never(8).due(NOW));
        assert!(!never(2).due(NOW));
        assert_eq!(never(8).age_days(NOW), None);
        // No data ever: nothing to remind of.
        assert!(!BackupState::default().due(NOW));
        // A clock set back gives 0 days, not a negative count.
        assert_eq!(days_since(NOW, NOW - DAY), 0);
    }
}
