//! Messages between the tabs of this browser profile (BroadcastChannel): what one tab
//! wrote, so the others show it without a reload, and the bulk jobs it runs.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The channel's name; the first word of each message is the protocol version, so a
/// tab of an older version ignores what it cannot read.
const CHANNEL: &str = "clientele";
const VERSION: &str = "1";

/// A job over much of the data, run by one tab at a time (see `locks`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Job {
    Import,
    Revert,
    Restore,
    Demo,
    Erase,
}

impl Job {
    pub const ALL: [Job; 5] = [
        Job::Import,
        Job::Revert,
        Job::Restore,
        Job::Demo,
        Job::Erase,
    ];

    fn code(self) -> &'static str {
        match self {
            Job::Import => "import",
            Job::Revert => "revert",
            Job::Restore => "restore",
            Job::Demo => "demo",
            Job::Erase => "erase",
        }
    }

    fn of_code(code: &str) -> Option<Job> {
        Job::ALL.into_iter().find(|j| j.code() == code)
    }

    /// What another tab doing this job is doing, in words (`None`: not known).
    pub fn elsewhere(job: Option<Job>, t: &crate::i18n::Strings) -> &'static str {
        match job {
            Some(Job::Import) => t.elsewhere_import,
            Some(Job::Revert) => t.elsewhere_revert,
            Some(Job::Restore) => t.elsewhere_restore,
            Some(Job::Demo) => t.elsewhere_demo,
            Some(Job::Erase) => t.elsewhere_erase,
            None => t.elsewhere_unknown,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Message {
    /// Records were written to `slot` (a bucket number, or a record's id) of `store`.
    Changed { store: String, slot: String },
    /// Another tab started a bulk job: its result is not there yet.
    Started(Job),
    /// It ended (done, failed or cancelled): read the data again.
    Ended(Job),
}

impl Message {
    fn encode(&self) -> String {
        match self {
            Message::Changed { store, slot } => format!("{VERSION} changed {store} {slot}"),
            Message::Started(j) => format!("{VERSION} started {}", j.code()),
            Message::Ended(j) => format!("{VERSION} ended {}", j.code()),
        }
    }

    fn decode(text: &str) -> Option<Message> {
        let mut words = text.split(' ');
        if words.next()? != VERSION {
            return None;
        }
        let m = match (words.next()?, words.next()?) {
            ("changed", store) => Message::Changed {
                store: store.to_string(),
                slot: words.next()?.to_string(),
            },
            ("started", job) => Message::Started(Job::of_code(job)?),
            ("ended", job) => Message::Ended(Job::of_code(job)?),
            _ => return None,
        };
        words.next().is_none().then_some(m)
    }
}

/// This tab's end of the channel. Without BroadcastChannel (very old browsers) it
/// sends nothing and hears nothing: each tab then sees the others' work on reload.
pub struct Tabs {
    channel: Option<web_sys::BroadcastChannel>,
    _listener: Option<Closure<dyn FnMut(web_sys::MessageEvent)>>,
}

impl Tabs {
    /// Opens the channel; `heard` is called with each message from another tab.
    pub fn open(heard: impl Fn(Message) + 'static) -> Tabs {
        let Ok(channel) = web_sys::BroadcastChannel::new(CHANNEL) else {
            return Tabs {
                channel: None,
                _listener: None,
            };
        };
        let listener =
            Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
                if let Some(m) = e.data().as_string().as_deref().and_then(Message::decode) {
                    heard(m);
                }
            });
        channel.set_onmessage(Some(listener.as_ref().unchecked_ref()));
        Tabs {
            channel: Some(channel),
            _listener: Some(listener),
        }
    }

    /// Tells the other tabs (never this one).
    pub fn post(&self, m: &Message) {
        if let Some(c) = &self.channel {
            // A closed channel only means no tab hears it.
            let _ = c.post_message(&JsValue::from_str(&m.encode()));
        }
    }
}
