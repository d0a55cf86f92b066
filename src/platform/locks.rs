//! Locks between the tabs of this browser profile (Web Locks API): one bulk job at a
//! time. A lock is asked for without waiting; a tab that cannot have it is told so.
//! web-sys has the API only behind an unstable flag, so the two calls are bound here.

use futures::channel::oneshot;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen]
extern "C" {
    type LockManager;
    #[wasm_bindgen(method)]
    fn request(
        this: &LockManager,
        name: &str,
        options: &JsValue,
        callback: &JsValue,
    ) -> js_sys::Promise;
}

/// A lock held by this tab until dropped.
pub struct Held {
    release: Option<js_sys::Function>,
}

impl Drop for Held {
    fn drop(&mut self) {
        if let Some(r) = self.release.take() {
            let _ = r.call0(&JsValue::UNDEFINED);
        }
    }
}

fn manager() -> Option<LockManager> {
    let navigator = web_sys::window()?.navigator();
    let locks = js_sys::Reflect::get(&navigator, &"locks".into()).ok()?;
    (!locks.is_undefined() && !locks.is_null()).then(|| locks.unchecked_into())
}

/// Takes the lock `name` if no tab holds it; `None` if one does. Where the browser
/// has no Web Locks (old, or an insecure origin), every tab gets it.
pub async fn try_take(name: &str) -> Option<Held> {
    let Some(locks) = manager() else {
        return Some(Held { release: None });
    };
    let (tell, told) = oneshot::channel::<Option<js_sys::Function>>();
    let granted = Closure::once_into_js(move |lock: JsValue| -> JsValue {
        if lock.is_null() {
            let _ = tell.send(None);
            return JsValue::UNDEFINED;
        }
        // Held until the promise settles: its resolve function is the release.
        let mut release = None;
        let promise = js_sys::Promise::new(&mut |resolve, _| release = Some(resolve));
        let _ = tell.send(release);
        promise.into()
    });
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"ifAvailable".into(), &JsValue::TRUE);
    let _ = locks.request(name, &options, &granted);
    match told.await {
        Ok(Some(release)) => Some(Held {
            release: Some(release),
        }),
        Ok(None) => None,
        // The browser dropped the request: behave as without Web Locks.
        Err(_) => Some(Held { release: None }),
    }
}
