//! Adding an interaction, or correcting one: date, channel, direction, subject and
//! note. Cancel or Escape closes the form without saving; a save is confirmed.

use crate::components::{choices, focus_first_invalid, focus_id, SelectField, TextField};
use crate::platform;
use crate::state::{use_data, use_notices, use_settings, AppError};
use clientele_core::command::RecordCommand;
use clientele_core::model::{Direction, InteractionChannel};
use clientele_core::record::changes;
use clientele_core::validate;
use clientele_core::{Id, Interaction, Record};
use leptos::prelude::*;

const DIRECTIONS: [Direction; 2] = [Direction::Outbound, Direction::Inbound];

#[component]
pub fn InteractionForm(
    /// Whose interaction.
    customer: Id,
    /// The interaction to correct; none to add one.
    #[prop(optional)]
    item: Option<Record<Interaction>>,
    /// Called after saving, or on Cancel and Escape.
    #[prop(optional)]
    on_close: Option<Callback<()>>,
) -> impl IntoView {
    let data = use_data();
    let settings = use_settings();
    let notices = use_notices();
    let t = move || settings.t();
    let h = move || settings.h();
    let editing = item.is_some();
    let start = item.as_ref().map(|i| i.data.clone());
    let first_date = settings.date_of(start.as_ref().map_or_else(platform::now_ms, |i| i.at));
    let date = RwSignal::new(first_date.clone());
    let channel = RwSignal::new(choices::code(
        start
            .as_ref()
            .map_or(InteractionChannel::Phone, |i| i.channel),
    ));
    let direction = RwSignal::new(choices::code(
        start.as_ref().map_or(Direction::Outbound, |i| i.direction),
    ));
    let subject = RwSignal::new(start.as_ref().map_or(String::new(), |i| i.subject.clone()));
    let note = RwSignal::new(start.as_ref().map_or(String::new(), |i| i.note.clone()));
    let date_error = RwSignal::new(None::<String>);
    let subject_error = RwSignal::new(None::<String>);
    let failure = RwSignal::new(None::<String>);
    let close = move || {
        if let Some(c) = on_close {
            c.run(());
        }
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let text = date.get_untracked();
        let Some(day) = validate::parse_date(&text, settings.date_format()) else {
            date_error.set(Some(settings.t().problem(
                validate::Problem::InvalidDate,
                settings.date_format().pattern(),
            )));
            focus_first_invalid();
            return;
        };
        date_error.set(None);
        // Unchanged dates keep their time (now, for a new one); others are at noon.
        let at = match &start {
            Some(i) if text == first_date => i.at,
            None if text == first_date => platform::now_ms(),
            _ => platform::local_noon(day),
        };
        let edited = Interaction {
            customer,
            at,
            channel: choices::parse(&channel.get_untracked(), &InteractionChannel::ALL)
                .unwrap_or_default(),
            direction: choices::parse(&direction.get_untracked(), &DIRECTIONS)
                .unwrap_or(Direction::Outbound),
            subject: subject.get_untracked().trim().to_string(),
            note: note.get_untracked(),
            deleted: false,
        };
        let original = item.clone();
        leptos::task::spawn_local(async move {
            let saved = match &original {
                Some(i) => {
                    let cmd = RecordCommand::<Interaction>::Update {
                        id: i.id,
                        changes: changes(&i.data, &edited),
                    };
                    data.history_command(customer, cmd).await.map(|_| ())
                }
                None => data.add_history(customer, edited).await,
            };
            match saved {
                Ok(()) => {
                    subject_error.set(None);
                    failure.set(None);
                    notices.info(settings.h().interaction_saved);
                    close();
                }
                Err(AppError::Invalid(es)) => {
                    let tr = settings.t();
                    subject_error.set(
                        es.iter()
                            .find(|e| e.field == "subject")
                            .map(|e| tr.problem(e.problem, "")),
                    );
                    focus_first_invalid();
                }
                Err(e) => failure.set(Some(e.message(settings.t()))),
            }
        });
    };
    let escape = move |ev: leptos::ev::KeyboardEvent| {
        if on_close.is_some() && ev.key() == "Escape" {
            ev.prevent_default();
            close();
        }
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
    let title = move || {
        if editing {
            h().edit_interaction
        } else {
            t().add_interaction
        }
    };
    // The form opened: the keyboard goes to its first field.
    focus_id(if editing {
        "interaction-date"
    } else {
        "interaction-new-date"
    });
    view! {
        <form class="subform" on:submit=submit on:keydown=escape novalidate aria-label=title>
            {editing.then(|| view! { <h3>{title}</h3> })}
            {move || failure.get().map(|m| view! { <p class="form-error" role="alert">{m}</p> })}
            <div class="grid">
                <TextField id=if editing { "interaction-date" } else { "interaction-new-date" } label=Signal::derive(move || h().field_when.to_string()) value=date error=date_error hint=Signal::derive(move || Some(t().date_hint(settings.date_format().pattern())))/>
                <SelectField label=l(|t| t.col_channel) value=channel options=channel_options/>
                <SelectField label=l(|t| t.field_direction) value=direction options=direction_options/>
            </div>
            <TextField label=l(|t| t.field_subject) value=subject error=subject_error required=true/>
            <TextField label=l(|t| t.field_note) value=note multiline=true/>
            <div class="actions">
                {on_close.is_some().then(|| view! { <button type="button" on:click=move |_| close()>{move || h().cancel}</button> })}
                <button type="submit" class="primary">{move || if editing { h().save_changes } else { h().save_interaction }}</button>
            </div>
        </form>
    }
}
