//! Clientele, the browser app: a Leptos client-side app over `clientele-core`.
//! Layers: `storage` (the only code touching IndexedDB and localStorage), `state`
//! (reactive state and commands), `pages` and `components` (views), `i18n` (words).

pub mod app;
pub mod components;
pub mod i18n;
pub mod pages;
pub mod platform;
pub mod state;
pub mod storage;

/// Mounts the app on the page.
pub fn start() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}
