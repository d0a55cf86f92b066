//! Keeping the data safe on the device: asking the browser once, at the first real
//! data, to keep it under storage pressure (and saying what a refusal means), and
//! knowing when the last backup was made, to remind the owner gently.

use super::data::Data;
use super::notices::Notices;
use super::settings::SettingsState;
use crate::platform;
use crate::storage::quota;
use crate::storage::safety::{self, SafetyRecord};
use clientele_core::backup::reminder::BackupState;
use leptos::prelude::*;
use leptos::task::spawn_local;

#[derive(Clone, Copy)]
pub struct Safety {
    /// Whether the browser keeps the data under pressure (None: unknown, or no such
    /// thing in this browser).
    pub persisted: RwSignal<Option<bool>>,
    pub record: RwSignal<SafetyRecord>,
    data: Data,
}

impl Safety {
    /// What the reminder needs to know, now.
    pub fn state(&self) -> BackupState {
        let r = self.record.get();
        BackupState {
            last_backup: r.last_backup,
            first_data: r.first_data,
            last_change: self.data.last_change(),
            snoozed_until: r.snoozed_until,
        }
    }

    /// A backup was saved now.
    pub fn backed_up(&self) {
        self.change(|r| {
            r.last_backup = Some(platform::now_ms());
            r.snoozed_until = None;
        });
    }

    /// Asks the browser to keep the data; remembers that it was asked and what it
    /// said (None: the browser has no such thing).
    pub async fn ask(&self) -> Option<bool> {
        self.change(|r| r.asked_persistence = true);
        let granted = quota::request_persistence().await;
        self.persisted.set(granted);
        granted
    }

    /// "Later": no reminder for a day.
    pub fn snooze(&self) {
        let until = platform::now_ms() + clientele_core::time::MS_PER_DAY;
        self.change(|r| r.snoozed_until = Some(until));
    }

    fn change(&self, f: impl FnOnce(&mut SafetyRecord)) {
        self.record.update(f);
        safety::save(&self.record.get_untracked());
    }
}

pub fn provide_safety(data: Data, notices: Notices, settings: SettingsState) -> Safety {
    let s = Safety {
        persisted: RwSignal::new(None),
        record: RwSignal::new(safety::load()),
        data,
    };
    spawn_local(async move { s.persisted.set(quota::is_persisted().await) });
    // The first real data on this device (a customer, an import, demo data): noted,
    // and the browser asked once to keep it.
    Effect::new(move |_| {
        let has_data = data.facts_ready.get() && data.with(|db| !db.is_empty());
        if !has_data {
            return;
        }
        let r = s.record.get_untracked();
        if r.first_data.is_none() {
            s.change(|r| r.first_data = Some(platform::now_ms()));
        }
        if r.asked_persistence || s.persisted.get_untracked() == Some(true) {
            return;
        }
        s.change(|r| r.asked_persistence = true);
        spawn_local(async move {
            match s.ask().await {
                Some(true) => notices.info(settings.safe().persist_granted),
                Some(false) => notices.info(settings.safe().persist_refused),
                None => {}
            }
        });
    });
    provide_context(s);
    s
}

pub fn use_safety() -> Safety {
    expect_context::<Safety>()
}
