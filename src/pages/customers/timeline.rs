//! The customer's timeline: orders and interactions in one list, newest first, ten
//! at a time ("Show more"); adding either, and correcting one (edit, move an order
//! to another customer, delete with Undo).

use super::interaction_form::InteractionForm;
use super::order_form::OrderForm;
use super::timeline_entry::{Entry, EntryView};
use crate::components::focus_id;
use crate::state::{
    use_data, use_notices, use_settings, Data, HistoryKind, NoticeKind, Notices, SettingsState,
};
use clientele_core::command::RecordCommand;
use clientele_core::{Id, Interaction, Order};
use leptos::prelude::*;

/// Entries shown at first, and added by each "Show more".
pub const PAGE: usize = 10;

/// What is open above the list.
#[derive(Clone, PartialEq)]
enum Open {
    None,
    AddOrder,
    AddInteraction,
    Edit(Entry),
}

#[component]
pub fn Timeline(
    /// Whose timeline.
    customer: Id,
) -> impl IntoView {
    let data = use_data();
    let settings = use_settings();
    let t = move || settings.t();
    let h = move || settings.h();
    let open = RwSignal::new(Open::None);
    let shown = RwSignal::new(PAGE);
    let entries = LocalResource::new(move || {
        data.revision.track();
        async move {
            let orders = data.history::<Order>(customer, |o| o.placed_at).await?;
            let touches = data.history::<Interaction>(customer, |i| i.at).await?;
            let entries = Entry::merge(orders, touches);
            // From the page's creation to its timeline read (bench/customer_page.mjs).
            crate::state::measure("clientele:timeline", "clientele:customer-page-start");
            Ok::<_, crate::state::AppError>(entries)
        }
    });
    let close = Callback::new(move |_| open.set(Open::None));
    let toggle = move |what: Open| {
        open.update(|o| *o = if *o == what { Open::None } else { what });
    };
    let on_edit = Callback::new(move |e: Entry| open.set(Open::Edit(e)));
    let app = App(data, settings, use_notices());
    let on_delete = Callback::new(move |e: Entry| match e {
        Entry::Order(o) => delete::<Order>(app, customer, o.id, Words::ORDER),
        Entry::Interaction(i) => delete::<Interaction>(app, customer, i.id, Words::INTERACTION),
    });
    view! {
        <section class="card" aria-labelledby="timeline-title">
            <div class="card-head">
                <h2 id="timeline-title" tabindex="-1">{move || h().timeline_title}</h2>
                <div class="actions">
                    <button type="button" aria-expanded=move || (open.get() == Open::AddOrder).to_string() on:click=move |_| toggle(Open::AddOrder)>
                        {move || t().add_order}
                    </button>
                    <button type="button" aria-expanded=move || (open.get() == Open::AddInteraction).to_string() on:click=move |_| toggle(Open::AddInteraction)>
                        {move || t().add_interaction}
                    </button>
                </div>
            </div>
            {move || match open.get() {
                Open::None => ().into_any(),
                Open::AddOrder => view! { <OrderForm customer=customer on_done=close on_cancel=close/> }.into_any(),
                Open::AddInteraction => view! { <InteractionForm customer=customer on_close=close/> }.into_any(),
                Open::Edit(Entry::Order(o)) => view! { <OrderForm customer=customer order=o on_done=close on_cancel=close/> }.into_any(),
                Open::Edit(Entry::Interaction(i)) => view! { <InteractionForm customer=customer item=i on_close=close/> }.into_any(),
            }}
            {move || entries.get().map(|r| match r {
                Err(e) => view! { <p class="form-error" role="alert">{e.message(settings.t())}</p> }.into_any(),
                Ok(list) if list.is_empty() => view! { <p class="muted">{h().timeline_empty}</p> }.into_any(),
                Ok(list) => {
                    let total = list.len();
                    let n = shown.get().min(total);
                    view! {
                        <ol class="timeline" aria-label=h().timeline_title>
                            {list.into_iter().take(n).map(|e| view! {
                                <EntryView entry=e on_edit=on_edit on_delete=on_delete/>
                            }).collect_view()}
                        </ol>
                        <p class="more">
                            <span class="muted">{h().timeline_shown.replace("{n}", &settings.integer(n as i64)).replace("{total}", &settings.integer(total as i64))}</span>
                            {(n < total).then(|| view! {
                                " "<button type="button" on:click=move |_| shown.update(|s| *s += PAGE)>
                                    {h().show_more.replace("{n}", &settings.integer(PAGE.min(total - n) as i64))}
                                </button>
                            })}
                        </p>
                    }.into_any()
                }
            })}
        </section>
    }
}

/// What a deletion needs of the app, taken while the page is made.
#[derive(Clone, Copy)]
struct App(Data, SettingsState, Notices);

/// The notices of deleting and restoring one kind of entry.
struct Words {
    deleted: fn(&crate::i18n::HistoryStrings) -> &'static str,
    restored: fn(&crate::i18n::HistoryStrings) -> &'static str,
}

impl Words {
    const ORDER: Words = Words {
        deleted: |h| h.order_deleted,
        restored: |h| h.order_restored,
    };
    const INTERACTION: Words = Words {
        deleted: |h| h.interaction_deleted,
        restored: |h| h.interaction_restored,
    };
}

/// Deletes an entry, offering Undo. The keyboard goes to the heading, not onto the
/// next entry's Delete: a second Enter must not delete it.
fn delete<T: HistoryKind + 'static>(app: App, customer: Id, id: Id, words: Words)
where
    RecordCommand<T>: Send + Sync,
{
    let App(data, settings, notices) = app;
    leptos::task::spawn_local(async move {
        match data
            .history_command(customer, RecordCommand::<T>::Delete { id })
            .await
        {
            Ok(undo) => {
                let action = undo.map(|undo| {
                    let cb = Callback::new(move |_| {
                        let undo = undo.clone();
                        leptos::task::spawn_local(async move {
                            match data.history_command(customer, undo).await {
                                Ok(_) => notices.info((words.restored)(settings.h())),
                                Err(e) => notices.error(e.message(settings.t())),
                            }
                        });
                    });
                    (settings.t().undo.to_string(), cb)
                });
                notices.push(NoticeKind::Info, (words.deleted)(settings.h()), action);
                focus_id("timeline-title");
            }
            Err(e) => notices.error(e.message(settings.t())),
        }
    });
}
