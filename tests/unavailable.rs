//! Storage unavailable (private mode, blocked): a clear error, no panic.
//! Its own test binary, because it removes `indexedDB` from the page.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used)] // a test: an unwrap that fails is a failed test, with its line

use clientele::i18n::strings;
use clientele::state::AppError;
use clientele::storage::{Storage, StorageError};
use clientele_core::format::Locale;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn no_indexeddb_gives_a_clear_message() {
    let window = web_sys::window().unwrap();
    let desc = js_sys::Object::new();
    js_sys::Reflect::set(&desc, &"value".into(), &JsValue::UNDEFINED).unwrap();
    js_sys::Reflect::set(&desc, &"configurable".into(), &JsValue::TRUE).unwrap();
    js_sys::Object::define_property(&window, &"indexedDB".into(), &desc);
    let err = Storage::open().await.err().expect("no storage");
    assert!(matches!(err, StorageError::Unavailable(_)), "{err:?}");
    let msg = AppError::Storage(err).message(strings(Locale::Vi));
    assert!(msg.contains("không cho Clientele lưu dữ liệu"), "{msg}");
}
