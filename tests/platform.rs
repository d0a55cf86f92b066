//! Browser tests of the services between tabs: a Web Lock that one holder has at a
//! time, and messages over the BroadcastChannel.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used)] // a test: an unwrap that fails is a failed test, with its line

use clientele::platform::locks::try_take;
use clientele::platform::tabs::{Job, Message, Tabs};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Waits `ms` milliseconds (lets the browser deliver messages and lock grants).
async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

#[wasm_bindgen_test]
async fn a_bulk_lock_has_one_holder_at_a_time() {
    let held = try_take("t-bulk").await.expect("free at first");
    assert!(try_take("t-bulk").await.is_none(), "taken while held");
    drop(held);
    sleep(20).await;
    let again = try_take("t-bulk").await;
    assert!(again.is_some(), "free again once released");
}

#[wasm_bindgen_test]
async fn a_tab_hears_what_another_tab_says_and_not_itself() {
    let heard = Rc::new(RefCell::new(Vec::new()));
    let log = heard.clone();
    let listening = Tabs::open(move |m| log.borrow_mut().push(m));
    let other = Tabs::open(|_| {});
    let change = Message::Changed {
        store: "customers".into(),
        slot: "17".into(),
    };
    other.post(&change);
    other.post(&Message::Started(Job::Import));
    other.post(&Message::Ended(Job::Erase));
    // Not heard by the tab that says it.
    listening.post(&Message::Ended(Job::Demo));
    sleep(100).await;
    assert_eq!(
        *heard.borrow(),
        vec![
            change,
            Message::Started(Job::Import),
            Message::Ended(Job::Erase)
        ]
    );
}
