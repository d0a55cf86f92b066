//! Short messages to the user ("Customer deleted. Undo"), shown by the `Toasts` view.

use leptos::prelude::*;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoticeKind {
    Info,
    Error,
}

#[derive(Clone)]
pub struct Notice {
    pub id: u64,
    pub kind: NoticeKind,
    pub text: String,
    /// A button on the notice (label, action), e.g. Undo.
    pub action: Option<(String, Callback<()>)>,
}

#[derive(Clone, Copy)]
pub struct Notices {
    pub list: RwSignal<Vec<Notice>>,
    next: StoredValue<u64>,
}

impl Notices {
    pub fn push(
        &self,
        kind: NoticeKind,
        text: impl Into<String>,
        action: Option<(String, Callback<()>)>,
    ) -> u64 {
        let id = self.next.get_value();
        self.next.set_value(id + 1);
        let has_action = action.is_some();
        self.list.update(|l| {
            l.push(Notice {
                id,
                kind,
                text: text.into(),
                action,
            });
            // Keep the last few only.
            let extra = l.len().saturating_sub(4);
            l.drain(..extra);
        });
        if kind == NoticeKind::Info {
            // A notice with an action (Undo) stays long enough to be noticed and used.
            let seconds = if has_action { 20 } else { 8 };
            let list = self.list;
            set_timeout(
                move || list.update(|l| l.retain(|n| n.id != id)),
                std::time::Duration::from_secs(seconds),
            );
        }
        id
    }
    pub fn info(&self, text: impl Into<String>) {
        self.push(NoticeKind::Info, text, None);
    }
    pub fn error(&self, text: impl Into<String>) {
        self.push(NoticeKind::Error, text, None);
    }
    pub fn dismiss(&self, id: u64) {
        self.list.update(|l| l.retain(|n| n.id != id));
    }
}

pub fn provide_notices() -> Notices {
    let n = Notices {
        list: RwSignal::new(Vec::new()),
        next: StoredValue::new(1),
    };
    provide_context(n);
    n
}

pub fn use_notices() -> Notices {
    expect_context::<Notices>()
}
