//! One customer's page: the key figures, their status and next step, the timeline
//! of orders and interactions, their potential, and the profile (edit, delete with
//! Undo).

use super::form::CustomerForm;
use super::merge_panel::MergePanel;
use super::potential_card::PotentialCard;
use super::status_card::StatusCard;
use super::timeline::Timeline;
use crate::state::{use_data, use_notices, use_settings, LoadState};
use clientele_core::command::RecordCommand;
use clientele_core::model::{Customer, PartyKind};
use clientele_core::{Id, Record};
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map};

#[component]
pub fn CustomerPage() -> impl IntoView {
    let params = use_params_map();
    let data = use_data();
    let settings = use_settings();
    let t = move || settings.t();
    let id = Memo::new(move |_| params.with(|p| p.get("id").and_then(|s| Id::parse(&s))));
    let customer = Memo::new(move |_| {
        id.get()
            .and_then(|id| data.customer(id))
            .filter(|c| !c.is_deleted())
    });
    // Merged into another: which (a link there says so).
    let merged = Memo::new(move |_| {
        let into = id
            .get()
            .and_then(|id| data.customer(id))?
            .data
            .merged_into?;
        data.customer(into).map(|c| (into, c.data.name()))
    });
    let editing = RwSignal::new(false);
    crate::state::mark("clientele:customer-page-start");
    view! {
        <section class="page">
            {move || {
                // The form is made once, from the customer as editing started: a
                // change saved meanwhile in another tab does not wipe what is typed
                // (the save writes only the fields changed here).
                if editing.get() {
                    if let Some(c) = customer.get_untracked() {
                        return view! {
                            <h1>{t().edit_customer}</h1>
                            <CustomerForm
                                existing=c
                                on_saved=Callback::new(move |_| editing.set(false))
                                on_cancel=Callback::new(move |_| editing.set(false))
                            />
                        }.into_any();
                    }
                }
                // The profile's words are drawn once: a new language draws it anew.
                let _ = settings.locale();
                match (customer.get(), data.state.get()) {
                (Some(c), _) => view! { <Profile c=c editing=editing/> }.into_any(),
                (None, LoadState::Loading) => view! { <p>{t().loading}</p> }.into_any(),
                (None, _) if merged.with(Option::is_some) => {
                    let (into, name) = merged.get().unwrap_or_default();
                    let text = settings.h().merged_into.replace("{name}", &name);
                    view! {
                        <h1>{t().customer_not_found}</h1>
                        <p><a href=format!("/customers/{into}")>{text}</a></p>
                    }.into_any()
                }
                (None, _) => view! {
                    <h1>{t().customer_not_found}</h1>
                    <p><a href="/customers">{t().back_to_customers}</a></p>
                }.into_any(),
                }
            }}
        </section>
    }
}

#[component]
fn Profile(c: Record<Customer>, editing: RwSignal<bool>) -> impl IntoView {
    let data = use_data();
    let settings = use_settings();
    let notices = use_notices();
    let navigate = use_navigate();
    let t = move || settings.t();
    let id = c.id;
    let d = c.data.clone();
    let merging = RwSignal::new(false);
    let merge_name = d.name();
    let has_details = !(d.emails.is_empty()
        && d.phones.is_empty()
        && d.address.is_empty()
        && d.birthday.is_none()
        && d.gender.is_none()
        && d.occupation.is_empty()
        && d.income.is_none()
        && d.interests.is_empty()
        && d.values.is_empty()
        && d.channel.is_none()
        && d.source.is_empty()
        && d.company.is_none()
        && d.consent.is_empty()
        && d.custom.is_empty()
        && d.notes.trim().is_empty());
    // When any field last changed: the newest field stamp.
    let updated = c.stamps.latest().millis;
    let stats = Memo::new(move |_| data.with(|db| db.stats(id).cloned()).unwrap_or_default());
    let main = settings.currency();
    let delete = move |_| {
        let navigate = navigate.clone();
        leptos::task::spawn_local(async move {
            match data.customer_command(RecordCommand::Delete { id }).await {
                Ok(undo) => {
                    navigate("/customers", Default::default());
                    let action = undo.map(|undo| {
                        let cb = Callback::new(move |_| {
                            let undo = undo.clone();
                            leptos::task::spawn_local(async move {
                                if let Err(e) = data.customer_command(undo).await {
                                    notices.error(e.message(settings.t()));
                                }
                            });
                        });
                        (settings.t().undo.to_string(), cb)
                    });
                    notices.push(
                        crate::state::NoticeKind::Info,
                        settings.t().customer_deleted,
                        action,
                    );
                }
                Err(e) => notices.error(e.message(settings.t())),
            }
        });
    };
    let field = move |label: &'static str, value: String| {
        (!value.trim().is_empty()).then(|| view! { <dt>{label}</dt><dd>{value}</dd> })
    };
    // The country by its name in the user's language (a code not listed, as it is).
    let country = clientele_core::model::Country::of(&d.address.country).map_or_else(
        || d.address.country.clone(),
        |c| t().countries.of(c).to_string(),
    );
    let address = [
        &d.address.street,
        &d.address.ward,
        &d.address.district,
        &d.address.city,
        &country,
    ]
    .into_iter()
    .filter(|s| !s.is_empty())
    .cloned()
    .collect::<Vec<_>>()
    .join(", ");
    let age = d.birthday.map(|b| {
        let today = crate::platform::today();
        format!(
            "{} ({} {})",
            settings.date(b),
            b.years_until(today),
            t().years
        )
    });
    let company = d
        .company
        .and_then(|cid| data.customer(cid))
        .map(|c| (c.id, c.data.name()));
    let consent = d
        .consent
        .iter()
        .map(|c| {
            let state = if c.granted {
                t().consent_yes
            } else {
                t().consent_no
            };
            format!(
                "{}: {state} ({})",
                t().consent_channel(c.channel),
                settings.date(c.on)
            )
        })
        .collect::<Vec<_>>()
        .join(" · ");
    view! {
        <div class="page-head">
            <div>
                <h1>{d.name()}</h1>
                <p class="muted">
                    {if d.kind == PartyKind::Organisation { t().kind_organisation } else { t().kind_person }}
                    " · "{t().customer_since}" "{settings.date_of(d.created_at)}
                    " · "{t().updated}" "{settings.date_time(updated)}
                </p>
                <ul class="tags" aria-label=t().field_tags>
                    {d.tags.iter().map(|tag| view! { <li class="badge">{tag.clone()}</li> }).collect_view()}
                </ul>
            </div>
            <div class="actions">
                <button type="button" on:click=move |_| editing.set(true)>{t().edit}</button>
                <button type="button" aria-expanded=move || merging.get().to_string() on:click=move |_| merging.update(|m| *m = !*m)>{settings.h().merge_open}</button>
                <button type="button" class="danger" on:click=delete>{t().delete_customer}</button>
            </div>
        </div>
        <div class="kpis">
            <div class="kpi"><span class="kpi-label">{t().col_orders}</span><span class="kpi-value">{move || settings.integer(stats.get().orders as i64)}</span></div>
            <div class="kpi"><span class="kpi-label">{t().total_spent}</span><span class="kpi-value">{move || settings.money(stats.get().spent_in(main), main)}</span></div>
            <div class="kpi"><span class="kpi-label">{t().col_last_order}</span><span class="kpi-value">{move || stats.get().last_order.map(|ms| settings.date_of(ms)).unwrap_or_else(|| "–".into())}</span></div>
            <div class="kpi"><span class="kpi-label">{t().interactions_title}</span><span class="kpi-value">{move || settings.integer(stats.get().interactions as i64)}</span></div>
        </div>
        {move || merging.get().then(|| view! {
            <MergePanel customer=id name=merge_name.clone() open=merging/>
        })}
        <StatusCard customer=id/>
        <Timeline customer=id/>
        <PotentialCard customer=id/>
        <div class="card">
            <h2>{t().section_profile}</h2>
            {(!has_details).then(|| view! { <p class="muted">{t().no_details}</p> })}
            <dl class="facts">
                {field(t().field_emails, d.emails.join(", "))}
                {field(t().field_phones, d.phones.join(", "))}
                {field(t().field_address, address)}
                {age.map(|a| field(t().field_birthday, a))}
                {d.gender.map(|g| field(t().field_gender, t().gender(g).to_string()))}
                {field(t().field_occupation, d.occupation.clone())}
                {d.income.map(|i| field(t().field_income, t().income(i).to_string()))}
                {field(t().field_interests, d.interests.join(", "))}
                {field(t().field_values, d.values.join(", "))}
                {d.channel.map(|c| field(t().field_channel, t().acquisition(c).to_string()))}
                {field(t().field_source, d.source.clone())}
                {company.map(|(cid, name)| view! { <dt>{t().field_company}</dt><dd><a href=format!("/customers/{cid}")>{name}</a></dd> })}
                {field(t().section_consent, consent)}
                {d.custom.iter().map(|cf| {
                    let v = match &cf.value {
                        clientele_core::model::CustomValue::Text(s) | clientele_core::model::CustomValue::Choice(s) => s.clone(),
                        clientele_core::model::CustomValue::Number(n) => clientele_core::format::decimal(*n, 2, settings.locale()),
                        clientele_core::model::CustomValue::Date(day) => settings.date(*day),
                    };
                    view! { <dt>{cf.key.clone()}</dt><dd>{v}</dd> }
                }).collect_view()}
                {field(t().field_notes, d.notes.clone())}
            </dl>
        </div>
    }
}
