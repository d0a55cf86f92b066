//! What the import will do, before it does it: counts, each row with a problem
//! (line, column, value, why), the first records as they will be stored, and the
//! button that writes them all (or nothing).

use super::mapping::Progress;
use super::{error_text, Invalid, Job, Step, Words};
use crate::state::{remember_mapping, use_data, use_notices, use_settings};
use clientele_core::import::plan::{Counts, Preview, MAX_PROBLEMS};
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub(super) fn PreviewCard(job: Job) -> impl IntoView {
    let settings = use_settings();
    let imp = move || settings.imp();
    let data = use_data();
    let notices = use_notices();
    let counts = job
        .plan
        .with_value(|p| p.as_ref().map(|p| p.counts))
        .unwrap_or_default();
    let writes = job
        .plan
        .with_value(|p| p.as_ref().map_or(0, |p| p.writes()));
    let header = job
        .sample
        .with_untracked(|s| s.as_ref().map(|s| s.header.clone()).unwrap_or_default());
    let blocked = move || job.invalid.get() == Invalid::Block && counts.invalid > 0;

    let run = move |_| {
        let Some(plan) = job.plan.try_update_value(|p| p.take()).flatten() else {
            return;
        };
        let mapping = job.mapping();
        let name = job.name.get_untracked();
        let header = job
            .sample
            .with_untracked(|s| s.as_ref().map(|s| s.header.clone()).unwrap_or_default());
        let cancel = job.new_cancel();
        spawn_local(async move {
            match data.write_import(plan, &name, job.progress, cancel).await {
                Ok(entry) => {
                    remember_mapping(&mapping, &header);
                    let text = settings
                        .imp()
                        .imported
                        .replace("{file}", &name)
                        .replace(
                            "{n}",
                            &settings.integer((entry.new + entry.new_customers) as i64),
                        )
                        .replace("{u}", &settings.integer(entry.updated as i64));
                    notices.info(text);
                    job.reset();
                    job.history.update(|h| *h += 1);
                }
                Err(e) => {
                    job.error.set(Some(error_text(&e, settings)));
                    job.step.set(Step::Map);
                }
            }
        });
    };

    view! {
        <div class="card">
            <h2>{move || imp().summary_title}</h2>
            <CountList counts=counts/>
            <Problems job=job header=header/>
            <PreviewTable job=job/>
            <Progress job=job/>
            {move || blocked().then(|| view! { <p class="form-error" role="alert">{imp().blocked}</p> })}
            {move || (writes == 0).then(|| view! { <p class="hint">{imp().nothing}</p> })}
            <div class="actions">
                <button type="button" on:click=move |_| job.step.set(Step::Map) disabled=move || job.progress.with(Option::is_some)>{move || imp().back}</button>
                <button type="button" class="primary" on:click=run disabled=move || blocked() || writes == 0 || job.progress.with(Option::is_some)>
                    {move || imp().import_button.replace("{n}", &settings.integer(writes as i64))}
                </button>
            </div>
        </div>
    }
}

#[component]
fn CountList(counts: Counts) -> impl IntoView {
    let settings = use_settings();
    // Each count with its words; the last two only when there are any.
    let rows: [(u64, Words, bool); 7] = [
        (counts.records, |i| i.counts.records, true),
        (counts.new, |i| i.counts.new, true),
        (counts.updated, |i| i.counts.updated, true),
        (counts.duplicate, |i| i.counts.duplicate, true),
        (counts.invalid, |i| i.counts.invalid, true),
        (counts.not_found, |i| i.counts.not_found, false),
        (counts.new_customers, |i| i.counts.new_customers, false),
    ];
    view! {
        <dl class="kpis">
            {rows.into_iter().filter(|(v, _, always)| *always || *v > 0).map(|(v, label, _)| view! {
                <div>
                    <dt class="kpi-label">{move || label(settings.imp())}</dt>
                    <dd class="kpi-value">{move || settings.integer(v as i64)}</dd>
                </div>
            }).collect_view()}
        </dl>
    }
}

#[component]
fn Problems(job: Job, header: Vec<String>) -> impl IntoView {
    let settings = use_settings();
    let imp = move || settings.imp();
    let problems = job
        .plan
        .with_value(|p| p.as_ref().map(|p| p.problems.clone()))
        .unwrap_or_default();
    if problems.is_empty() {
        return None;
    }
    let more = (problems.len() >= MAX_PROBLEMS).then(|| {
        imp()
            .problems_more
            .replace("{n}", &MAX_PROBLEMS.to_string())
    });
    let rows = move || {
        problems
            .iter()
            .map(|p| {
                let column = p
                    .column
                    .and_then(|c| header.get(c))
                    .cloned()
                    .unwrap_or_default();
                view! {
                    <tr>
                        <td class="num">{p.line}</td>
                        <td>{column}</td>
                        <td class="ellipsis">{p.value.clone()}</td>
                        <td>{imp().reason(&p.reason)}</td>
                    </tr>
                }
            })
            .collect_view()
    };
    Some(view! {
        <h3>{move || imp().problems_title}</h3>
        <div class="table-scroll problems">
            <table class="plain">
                <thead><tr>
                    <th scope="col" class="num">{move || imp().col_line}</th>
                    <th scope="col">{move || imp().col_column}</th>
                    <th scope="col">{move || imp().col_value}</th>
                    <th scope="col">{move || imp().col_problem}</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        {more.map(|m| view! { <p class="muted small">{m}</p> })}
    })
}

#[component]
fn PreviewTable(job: Job) -> impl IntoView {
    let settings = use_settings();
    let imp = move || settings.imp();
    let t = move || settings.t();
    let preview = job
        .plan
        .with_value(|p| p.as_ref().map(|p| p.preview.clone()))
        .unwrap_or_default();
    if preview.is_empty() {
        return None;
    }
    let is_customers = matches!(preview[0], Preview::Customer(_));
    let is_orders = matches!(preview[0], Preview::Order { .. });
    let head = move || {
        let cols: Vec<&str> = if is_customers {
            vec![
                t().col_name,
                t().field_emails,
                t().field_phones,
                t().col_city,
            ]
        } else if is_orders {
            vec![
                imp().col_reference,
                imp().col_when,
                imp().col_customer,
                imp().col_items,
                imp().col_total,
            ]
        } else {
            vec![imp().col_when, imp().col_customer, imp().col_subject]
        };
        cols.into_iter()
            .map(|c| view! { <th scope="col">{c}</th> })
            .collect_view()
    };
    let rows = move || {
        preview
            .iter()
            .map(|p| {
                let cells: Vec<String> = match p {
                    Preview::Customer(c) => vec![
                        c.name(),
                        c.emails.join(", "),
                        c.phones.join(", "),
                        c.address.city.clone(),
                    ],
                    Preview::Order { order, customer } => vec![
                        order.reference.clone(),
                        settings.date_time(order.placed_at),
                        customer.clone(),
                        order.items.iter().map(|i| format!("{} × {}", i.quantity, i.product)).collect::<Vec<_>>().join(", "),
                        settings.money(order.total, order.currency),
                    ],
                    Preview::Interaction { interaction, customer } => vec![
                        settings.date_time(interaction.at),
                        customer.clone(),
                        interaction.subject.clone(),
                    ],
                };
                view! { <tr>{cells.into_iter().map(|c| view! { <td class="ellipsis">{c}</td> }).collect_view()}</tr> }
            })
            .collect_view()
    };
    Some(view! {
        <h3>{move || imp().preview_title}</h3>
        <div class="table-scroll">
            <table class="plain">
                <thead><tr>{head}</tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    })
}
