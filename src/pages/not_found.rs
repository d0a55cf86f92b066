use crate::state::use_settings;
use leptos::prelude::*;

#[component]
pub fn NotFound() -> impl IntoView {
    let s = use_settings();
    view! {
        <section class="page narrow">
            <h1>{move || s.t().not_found_title}</h1>
            <p><a href="/customers">{move || s.t().back_to_customers}</a></p>
        </section>
    }
}
