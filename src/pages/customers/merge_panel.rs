//! Merging this customer with another (`Data::merge_customers`): find the other,
//! choose which record is kept, read what will happen, merge (static segments that
//! listed the one merged away list the kept one); Undo in the notice.
//! Cancel or Escape closes the panel.

use super::customer_picker::{CustomerPicker, Purpose};
use crate::components::focus_id;
use crate::state::{use_data, use_notices, use_segments, use_settings, NoticeKind};
use clientele_core::{Id, Interaction, Order};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

#[component]
pub fn MergePanel(
    /// The customer whose page this is.
    customer: Id,
    name: String,
    /// Whether the panel is open (set false to close it). The page may be gone when
    /// a merge ends (this customer merged away): only `try_` writes after it.
    open: RwSignal<bool>,
) -> impl IntoView {
    let data = use_data();
    let settings = use_settings();
    let notices = use_notices();
    let segments = use_segments();
    let navigate = use_navigate();
    let h = move || settings.h();
    let target = RwSignal::new(None::<(Id, String)>);
    // Keep this page's customer (else the other).
    let keep_this = RwSignal::new(true);
    let busy = RwSignal::new(false);
    let failure = RwSignal::new(None::<String>);
    // The live orders and interactions of the one merged away.
    let counts = LocalResource::new(move || {
        let pair = target.get();
        let this = keep_this.get();
        async move {
            let (other, _) = pair?;
            let gone = if this { other } else { customer };
            let o = data.history::<Order>(gone, |o| o.placed_at).await.ok()?;
            let i = data.history::<Interaction>(gone, |i| i.at).await.ok()?;
            Some((
                o.iter().filter(|r| !r.is_deleted()).count(),
                i.iter().filter(|r| !r.is_deleted()).count(),
            ))
        }
    });
    let this_name = name.clone();
    let names = move || {
        let (_, other) = target.get()?;
        Some(if keep_this.get() {
            (this_name.clone(), other)
        } else {
            (other, this_name.clone())
        })
    };
    let names_for_merge = names.clone();
    let merge = move |_| {
        let Some((other, _)) = target.get_untracked() else {
            return;
        };
        let Some((keep_name, gone_name)) = names_for_merge() else {
            return;
        };
        let (keep, gone) = if keep_this.get_untracked() {
            (customer, other)
        } else {
            (other, customer)
        };
        busy.set(true);
        let navigate = navigate.clone();
        leptos::task::spawn_local(async move {
            match data.merge_customers(keep, gone).await {
                Ok(m) => {
                    // Static lists that held the one merged away hold the kept one.
                    let lists = match segments.member_merged(gone, keep).await {
                        Ok(undo) => undo,
                        Err(e) => {
                            notices.error(e.message(settings.t()));
                            Vec::new()
                        }
                    };
                    let undo = Callback::new(move |_| {
                        let m = m.clone();
                        let lists = lists.clone();
                        leptos::task::spawn_local(async move {
                            for cmd in lists {
                                if let Err(e) = segments.command(cmd).await {
                                    notices.error(e.message(settings.t()));
                                }
                            }
                            match data.undo_merge(&m).await {
                                Ok(()) => notices.info(settings.h().merge_undone),
                                Err(e) => notices.error(e.message(settings.t())),
                            }
                        });
                    });
                    let text = settings
                        .h()
                        .merged
                        .replace("{other}", &gone_name)
                        .replace("{keep}", &keep_name);
                    notices.push(
                        NoticeKind::Info,
                        text,
                        Some((settings.t().undo.to_string(), undo)),
                    );
                    open.try_set(false);
                    if keep != customer {
                        navigate(&format!("/customers/{keep}"), Default::default());
                    }
                }
                Err(e) => {
                    busy.try_set(false);
                    failure.try_set(Some(e.message(settings.t())));
                }
            }
        });
    };
    let escape = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" {
            ev.prevent_default();
            open.set(false);
        }
    };
    focus_id("merge-title");
    view! {
        <section class="card merge" aria-labelledby="merge-title" on:keydown=escape>
            <h2 id="merge-title" tabindex="-1">{move || h().merge_open}</h2>
            {move || failure.get().map(|m| view! { <p class="form-error" role="alert">{m}</p> })}
            <CustomerPicker current=customer current_name=name.clone() target=target purpose=Purpose::Merge/>
            {move || names().map(|(keep, gone)| {
                let (this, other) = if keep_this.get() { (keep.clone(), gone.clone()) } else { (gone.clone(), keep.clone()) };
                let explain = counts.get().flatten().map(|(o, i)| h().merge_explain
                    .replace("{other}", &gone)
                    .replace("{keep}", &keep)
                    .replace("{orders}", &settings.integer(o as i64))
                    .replace("{interactions}", &settings.integer(i as i64)));
                view! {
                    <fieldset class="choices" role="radiogroup">
                        <legend>{h().merge_keep}</legend>
                        <label class="check"><input type="radio" name="merge-keep" prop:checked=move || keep_this.get() on:change=move |_| keep_this.set(true)/>{h().merge_keep_one.replace("{name}", &this)}</label>
                        <label class="check"><input type="radio" name="merge-keep" prop:checked=move || !keep_this.get() on:change=move |_| keep_this.set(false)/>{h().merge_keep_one.replace("{name}", &other)}</label>
                    </fieldset>
                    <p role="status">{explain}</p>
                }
            })}
            <div class="actions">
                <button type="button" on:click=move |_| open.set(false)>{move || h().cancel}</button>
                <button type="button" class="primary" disabled=move || busy.get() || target.with(Option::is_none) on:click=merge>{move || h().merge_button}</button>
            </div>
        </section>
    }
}
