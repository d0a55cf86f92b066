//! Shows the notices (info fades, errors stay until dismissed), in a live region.

use crate::state::{use_notices, use_settings, NoticeKind};
use leptos::prelude::*;

#[component]
pub fn Toasts() -> impl IntoView {
    let notices = use_notices();
    let settings = use_settings();
    view! {
        <div class="toasts" role="status" aria-live="polite">
            <For each=move || notices.list.get() key=|n| n.id let:n>
                {
                    let id = n.id;
                    let error = n.kind == NoticeKind::Error;
                    view! {
                        <div class="toast" class:error=error role=error.then_some("alert")>
                            <span>{n.text.clone()}</span>
                            {n.action.clone().map(|(label, cb)| view! {
                                <button type="button" class="link" on:click=move |_| { notices.dismiss(id); cb.run(()); }>{label}</button>
                            })}
                            <button type="button" class="icon" aria-label=move || settings.t().dismiss on:click=move |_| notices.dismiss(id)>"×"</button>
                        </div>
                    }
                }
            </For>
        </div>
    }
}
