//! A customer's interactions as a timeline, and adding one.

use crate::components::{choices, SelectField, TextField};
use crate::platform;
use crate::state::{use_data, use_settings, AppError};
use clientele_core::model::{Direction, InteractionChannel};
use clientele_core::{Id, Interaction};
use leptos::prelude::*;

const DIRECTIONS: [Direction; 2] = [Direction::Outbound, Direction::Inbound];

#[component]
pub fn Interactions(
    /// Whose interactions.
    customer: Id,
) -> impl IntoView {
    let data = use_data();
    let settings = use_settings();
    let t = move || settings.t();
    let items = LocalResource::new(move || {
        data.revision.track();
        async move {
            data.history::<Interaction>(customer, |i: &Interaction| i.at)
                .await
        }
    });
    let channel = RwSignal::new(choices::code(InteractionChannel::Phone));
    let direction = RwSignal::new(choices::code(Direction::Outbound));
    let subject = RwSignal::new(String::new());
    let note = RwSignal::new(String::new());
    let subject_error = RwSignal::new(None::<String>);
    let failure = RwSignal::new(None::<String>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let i = Interaction {
            customer,
            at: platform::now_ms(),
            channel: choices::parse(&channel.get_untracked(), &InteractionChannel::ALL)
                .unwrap_or_default(),
            direction: choices::parse(&direction.get_untracked(), &DIRECTIONS)
                .unwrap_or(Direction::Outbound),
            subject: subject.get_untracked().trim().to_string(),
            note: note.get_untracked(),
            deleted: false,
        };
        leptos::task::spawn_local(async move {
            match data.add_history(customer, i).await {
                Ok(_) => {
                    subject.set(String::new());
                    note.set(String::new());
                    subject_error.set(None);
                    failure.set(None);
                }
                Err(AppError::Invalid(es)) => {
                    let tr = settings.t();
                    subject_error.set(
                        es.iter()
                            .find(|e| e.field == "subject")
                            .map(|e| tr.problem(e.problem, "")),
                    );
                }
                Err(e) => failure.set(Some(e.message(settings.t()))),
            }
        });
    };
    let channel_options = Signal::derive(move || {
        choices::options(&InteractionChannel::ALL, |c| t().interaction_channel(c))
    });
    let direction_options = Signal::derive(move || {
        choices::options(&DIRECTIONS, |d| {
            if d == Direction::Inbound {
                t().inbound
            } else {
                t().outbound
            }
        })
    });
    let l = move |f| settings.text(f);
    view! {
        <div class="card">
            <h2>{move || t().interactions_title}</h2>
            <form class="subform" on:submit=submit novalidate aria-label=move || t().add_interaction>
                {move || failure.get().map(|m| view! { <p class="form-error" role="alert">{m}</p> })}
                <div class="grid">
                    <SelectField label=l(|t| t.col_channel) value=channel options=channel_options/>
                    <SelectField label=l(|t| t.field_direction) value=direction options=direction_options/>
                </div>
                <TextField label=l(|t| t.field_subject) value=subject error=subject_error required=true/>
                <TextField label=l(|t| t.field_note) value=note multiline=true/>
                <div class="actions"><button type="submit" class="primary">{move || t().add_interaction}</button></div>
            </form>
            {move || items.get().map(|r| match r {
                Err(e) => view! { <p class="form-error" role="alert">{e.message(settings.t())}</p> }.into_any(),
                Ok(list) if list.is_empty() => view! { <p class="muted">{t().no_interactions}</p> }.into_any(),
                Ok(list) => view! {
                    <ol class="timeline" aria-label=t().interactions_title>
                        {list.into_iter().filter(|i| !i.is_deleted()).map(|i| {
                            let d = i.data;
                            let dir = if d.direction == Direction::Inbound { t().inbound } else { t().outbound };
                            view! {
                                <li>
                                    <p class="when muted">{settings.date_time(d.at)}" · "{t().interaction_channel(d.channel)}" · "{dir}</p>
                                    <p class="subject">{d.subject}</p>
                                    {(!d.note.is_empty()).then(|| view! { <p class="note">{d.note.clone()}</p> })}
                                </li>
                            }
                        }).collect_view()}
                    </ol>
                }.into_any(),
            })}
        </div>
    }
}
