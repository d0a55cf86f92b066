//! Clientele, the browser app: a Leptos client-side app over `clientele-core`.
//! Layers: `storage` (the only code touching IndexedDB and localStorage), `state`
//! (reactive state and commands), `pages` and `components` (views), `platform` (browser
//! services); the words are the `clientele-i18n` crate.

pub mod app;
pub mod components;
/// The UI's words (the `clientele-i18n` crate, tested natively).
pub use clientele_i18n as i18n;
pub mod pages;
pub mod platform;
pub mod state;
pub mod storage;

/// Mounts the app on the page.
pub fn start() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}
