//! A customer's interactions as a timeline, adding one, and correcting one (edit,
//! delete with Undo).

use super::interaction_form::InteractionForm;
use crate::components::focus_id;
use crate::state::{use_data, use_notices, use_settings, NoticeKind};
use clientele_core::command::RecordCommand;
use clientele_core::model::Direction;
use clientele_core::{Id, Interaction, Record};
use leptos::prelude::*;

#[component]
pub fn Interactions(
    /// Whose interactions.
    customer: Id,
) -> impl IntoView {
    let data = use_data();
    let settings = use_settings();
    let notices = use_notices();
    let t = move || settings.t();
    let h = move || settings.h();
    let items = LocalResource::new(move || {
        data.revision.track();
        async move {
            data.history::<Interaction>(customer, |i: &Interaction| i.at)
                .await
        }
    });
    // The interaction being corrected.
    let editing = RwSignal::new(None::<Record<Interaction>>);
    let delete = move |id: Id| {
        leptos::task::spawn_local(async move {
            let cmd = RecordCommand::<Interaction>::Delete { id };
            match data.history_command(customer, cmd).await {
                Ok(undo) => {
                    let action = undo.map(|undo| {
                        let cb = Callback::new(move |_| {
                            let undo = undo.clone();
                            leptos::task::spawn_local(async move {
                                match data.history_command(customer, undo).await {
                                    Ok(_) => notices.info(settings.h().interaction_restored),
                                    Err(e) => notices.error(e.message(settings.t())),
                                }
                            });
                        });
                        (settings.t().undo.to_string(), cb)
                    });
                    notices.push(NoticeKind::Info, settings.h().interaction_deleted, action);
                    focus_id("interactions-title");
                }
                Err(e) => notices.error(e.message(settings.t())),
            }
        });
    };
    let close = Callback::new(move |_| editing.set(None));
    view! {
        <div class="card">
            <h2 id="interactions-title" tabindex="-1">{move || t().interactions_title}</h2>
            {move || match editing.get() {
                Some(i) => view! { <InteractionForm customer=customer item=i on_close=close/> }.into_any(),
                None => view! { <InteractionForm customer=customer/> }.into_any(),
            }}
            {move || items.get().map(|r| match r {
                Err(e) => view! { <p class="form-error" role="alert">{e.message(settings.t())}</p> }.into_any(),
                Ok(list) if list.iter().all(|i| i.is_deleted()) => view! { <p class="muted">{t().no_interactions}</p> }.into_any(),
                Ok(list) => view! {
                    <ol class="timeline" aria-label=t().interactions_title>
                        {list.into_iter().filter(|i| !i.is_deleted()).map(|i| {
                            let id = i.id;
                            let d = i.data.clone();
                            let dir = if d.direction == Direction::Inbound { t().inbound } else { t().outbound };
                            let date = settings.date_of(d.at);
                            view! {
                                <li>
                                    <p class="when muted">{settings.date_time(d.at)}" · "{t().interaction_channel(d.channel)}" · "{dir}</p>
                                    <p class="subject">{d.subject.clone()}</p>
                                    {(!d.note.is_empty()).then(|| view! { <p class="note">{d.note.clone()}</p> })}
                                    <p class="row-actions">
                                        <button type="button" class="link" aria-label=h().edit_interaction_of.replace("{date}", &date) on:click=move |_| editing.set(Some(i.clone()))>{h().edit}</button>
                                        <button type="button" class="link danger" aria-label=h().delete_interaction_of.replace("{date}", &date) on:click=move |_| delete(id)>{h().delete}</button>
                                    </p>
                                </li>
                            }
                        }).collect_view()}
                    </ol>
                }.into_any(),
            })}
        </div>
    }
}
