//! The app shell's navigation: the app name, links to what exists, a warning when the
//! browser may clear the data, the language switch.

use crate::state::{use_safety, use_settings};
use clientele_core::format::Locale;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn Nav() -> impl IntoView {
    let settings = use_settings();
    let safety = use_safety();
    let t = move || settings.t();
    let switch = move |_| {
        settings.update(|s| {
            s.locale = if s.locale == Locale::En {
                Locale::Vi
            } else {
                Locale::En
            }
        });
    };
    view! {
        <header class="topbar">
            <a class="brand" href="/">
                <img src="/icons/icon.svg" alt="" width="28" height="28"/>
                <span>"Clientele"</span>
            </a>
            <nav aria-label=move || t().nav_label>
                <A href="/dashboard">{move || settings.d().nav}</A>
                <A href="/customers" exact=false>{move || t().nav_customers}</A>
                <A href="/products">{move || settings.p().nav}</A>
                <A href="/segments" exact=false>{move || settings.s().nav}</A>
                <A href="/import">{move || settings.imp().nav}</A>
                <A href="/backup">{move || settings.bak().nav}</A>
                <A href="/settings">{move || t().nav_settings}</A>
            </nav>
            // Once the browser has been asked and declined (not before: a first visit
            // starts without an alarm). On narrow screens the sign alone, its words
            // kept for screen readers.
            {move || (safety.persisted.get() == Some(false) && safety.record.with(|r| r.asked_persistence)).then(|| view! {
                <a class="at-risk" href="/settings#storage" title=settings.safe().at_risk_means>
                    <span aria-hidden="true">"⚠"</span>
                    <span class="at-risk-text">{settings.safe().at_risk}</span>
                </a>
            })}
            <button class="lang" type="button" on:click=switch aria-label=move || t().switch_language lang=move || t().other_language_code>
                {move || t().other_language}
            </button>
        </header>
    }
}
