//! Persistent storage and usage/quota, through `navigator.storage`.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub struct Usage {
    pub used_bytes: f64,
    pub quota_bytes: f64,
}

fn manager() -> Option<web_sys::StorageManager> {
    let nav = web_sys::window()?.navigator();
    // Not in every browser (or in insecure contexts): check before calling.
    let has = js_sys::Reflect::has(&nav, &"storage".into()).unwrap_or(false);
    has.then(|| nav.storage())
}

/// Asks the browser to keep our data even under storage pressure.
/// `Some(true)` granted, `Some(false)` refused, `None` not supported.
pub async fn request_persistence() -> Option<bool> {
    let p = manager()?.persist().ok()?;
    JsFuture::from(p).await.ok()?.as_bool()
}

/// Whether persistence was granted already.
pub async fn is_persisted() -> Option<bool> {
    let p = manager()?.persisted().ok()?;
    JsFuture::from(p).await.ok()?.as_bool()
}

pub async fn usage() -> Option<Usage> {
    let p = manager()?.estimate().ok()?;
    let est: web_sys::StorageEstimate = JsFuture::from(p).await.ok()?.unchecked_into();
    Some(Usage {
        used_bytes: est.get_usage().unwrap_or(0.0),
        quota_bytes: est.get_quota().unwrap_or(0.0),
    })
}
