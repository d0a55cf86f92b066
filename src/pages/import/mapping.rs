//! Where each column goes, and how to read the file: what to do with customers
//! already there, how to recognise them, dates, currency, rows with problems.

use super::{error_text, target_code, Invalid, Job, Step, Words};
use crate::components::{next_id, ChoiceField, SelectField};
use crate::state::{reading, use_data, use_settings, Phase};
use clientele_core::dates::OrderGuess;
use clientele_core::import::mapping::Target;
use clientele_core::import::plan::{analyse, MatchBy, Settings};
use clientele_core::model::Currency;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Examples of a column's values from the first rows.
fn examples(job: &Job, col: usize) -> String {
    job.sample.with_untracked(|s| {
        s.as_ref().map_or(String::new(), |s| {
            let mut seen: Vec<&str> = Vec::new();
            for r in &s.rows {
                let v = r.fields.get(col).map_or("", |v| v.trim());
                if !v.is_empty() && !seen.contains(&v) {
                    seen.push(v);
                }
                if seen.len() == 3 {
                    break;
                }
            }
            seen.join(" · ")
        })
    })
}

#[component]
pub(super) fn MappingCard(job: Job) -> impl IntoView {
    let settings = use_settings();
    let imp = move || settings.imp();
    let data = use_data();
    let kind_options = Signal::derive(move || {
        imp()
            .kinds
            .all()
            .into_iter()
            .map(|(k, w)| (k, w.to_string()))
            .collect::<Vec<_>>()
    });
    // A change of kind maps the columns again for that kind.
    let last_kind = StoredValue::new(job.kind.get_untracked());
    Effect::new(move |_| {
        let k = job.kind.get();
        if last_kind.get_value() != k {
            last_kind.set_value(k);
            job.remap();
            job.step.set(Step::Map);
        }
    });
    let guess = Memo::new(move |_| {
        job.columns.with(|c| {
            c.iter().for_each(|(code, key)| {
                code.track();
                key.track();
            })
        });
        job.kind.track();
        job.sample.with(|s| {
            s.as_ref().map_or(OrderGuess::NotNeeded, |s| {
                analyse(&job.mapping(), &s.rows).0
            })
        })
    });
    // A date order the rows decide is chosen for the user.
    Effect::new(move |_| {
        if let OrderGuess::Decided(o) = guess.get() {
            job.date_order.set(Some(o));
        }
    });

    let rows = move || {
        let header = job
            .sample
            .with(|s| s.as_ref().map(|s| s.header.clone()).unwrap_or_default());
        let kind = job.kind();
        job.columns
            .get()
            .into_iter()
            .enumerate()
            .map(|(i, (code, key))| {
                let h = header.get(i).cloned().unwrap_or_default();
                let select_id = next_id("map");
                let key_id = next_id("key");
                let options = move || {
                    let mut v = vec![("Ignore".to_string(), imp().ignore.to_string())];
                    v.extend(Target::choices(kind).iter().map(|t| (target_code(t), imp().target(t))));
                    v.push(("custom".to_string(), imp().custom.to_string()));
                    let current = code.get();
                    v.into_iter()
                        .map(|(value, text)| {
                            let selected = value == current;
                            view! { <option value=value selected=selected>{text}</option> }
                        })
                        .collect_view()
                };
                let label = format!("{} {}", imp().col_field, h);
                let key_label = format!("{}: {}", imp().custom_name, h);
                view! {
                    <tr>
                        <th scope="row">{h.clone()}</th>
                        <td class="muted small ellipsis">{examples(&job, i)}</td>
                        <td>
                            <label class="sr-only" for=select_id.clone()>{label}</label>
                            <select id=select_id prop:value=move || code.get() on:change=move |ev| {
                                code.set(event_target_value(&ev));
                                job.step.set(Step::Map);
                            }>{options}</select>
                            {move || (code.get() == "custom").then(|| view! {
                                <label class="sr-only" for=key_id.clone()>{key_label.clone()}</label>
                                <input id=key_id.clone() type="text" placeholder=imp().custom_name prop:value=move || key.get() on:input=move |ev| key.set(event_target_value(&ev))/>
                            })}
                        </td>
                    </tr>
                }
            })
            .collect_view()
    };

    let mode_options = Signal::derive(move || {
        imp()
            .modes
            .all()
            .into_iter()
            .map(|(m, w)| (m, w.to_string()))
            .collect::<Vec<_>>()
    });
    let date_options = Signal::derive(move || {
        let mut v = Vec::new();
        if !matches!(guess.get(), OrderGuess::Decided(_)) {
            v.push((None, "—".to_string()));
        }
        v.extend(
            imp()
                .date_orders
                .all()
                .into_iter()
                .map(|(o, w)| (Some(o), w.to_string())),
        );
        v
    });
    let currency_options = Signal::derive(crate::components::choices::currency_options);
    let invalid_options = Signal::derive(move || {
        vec![
            (Invalid::Skip, imp().invalid_options.skip.to_string()),
            (Invalid::Block, imp().invalid_options.block.to_string()),
        ]
    });
    let match_keys: [(RwSignal<bool>, Words); 3] = [
        (job.by_id, |i| i.match_keys.external_id),
        (job.by_email, |i| i.match_keys.email),
        (job.by_phone, |i| i.match_keys.phone),
    ];
    let l = move |f: Words| Signal::derive(move || f(settings.imp()).to_string());

    let check = move |_| {
        // The planner checks the mapping before it reads a row.
        let mapping = job.mapping();
        let date_order = job.date_order.get_untracked();
        let Some(file) = job.file.get_value() else {
            return;
        };
        let marks = job.sample.with_untracked(|s| {
            s.as_ref()
                .map(|s| analyse(&mapping, &s.rows).1)
                .unwrap_or_default()
        });
        let mode = job.mode.get_untracked();
        let currency =
            Currency::parse(&job.currency.get_untracked()).unwrap_or(settings.currency());
        let core = Settings {
            mode,
            match_by: MatchBy {
                external_id: job.by_id.get_untracked(),
                email: job.by_email.get_untracked(),
                phone: job.by_phone.get_untracked(),
            },
            reading: reading(date_order, currency),
            stamp: Default::default(),
            seed: 0,
            now: 0,
        };
        job.error.set(None);
        let cancel = job.new_cancel();
        spawn_local(async move {
            let result = data
                .plan_import(&file, &mapping, marks, core, job.progress, cancel)
                .await;
            job.progress.set(None);
            match result {
                Ok(plan) => {
                    job.plan.set_value(Some(plan));
                    job.step.set(Step::Preview);
                }
                Err(e) => job.error.set(Some(error_text(&e, settings))),
            }
        });
    };

    view! {
        <div class="card">
            <h2>{move || imp().mapping_title}</h2>
            <ChoiceField label=l(|i| i.kind_label) value=job.kind options=kind_options class="compact"/>
            <div class="table-scroll">
                <table class="plain mapping">
                    <thead><tr>
                        <th scope="col">{move || imp().col_column}</th>
                        <th scope="col">{move || imp().col_sample}</th>
                        <th scope="col">{move || imp().col_field}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <div class="grid import-options">
                <ChoiceField label=l(|i| i.mode_label) value=job.mode options=mode_options/>
                <fieldset class="field">
                    <legend>{move || imp().match_label}</legend>
                    <div class="checks">
                        {match_keys.into_iter().map(|(sig, key)| view! {
                            <label class="check">
                                <input type="checkbox" prop:checked=move || sig.get() on:change=move |ev| sig.set(event_target_checked(&ev))/>
                                {move || key(imp())}
                            </label>
                        }).collect_view()}
                    </div>
                </fieldset>
                {move || (guess.get() != OrderGuess::NotNeeded).then(|| view! {
                    <ChoiceField label=l(|i| i.date_order_label) value=job.date_order options=date_options/>
                })}
                <SelectField label=l(|i| i.currency_label) value=job.currency options=currency_options/>
                <ChoiceField label=l(|i| i.invalid_label) value=job.invalid options=invalid_options/>
            </div>
            {move || match guess.get() {
                OrderGuess::Ambiguous if job.date_order.get().is_none() => Some(view! { <p class="hint">{imp().date_ambiguous}</p> }),
                OrderGuess::Conflicting => Some(view! { <p class="hint">{imp().date_conflicting}</p> }),
                _ => None,
            }}
            {move || job.error.get().map(|e| view! { <p class="form-error" role="alert">{e}</p> })}
            <Progress job=job/>
            <div class="actions">
                <button type="button" class="primary" on:click=check disabled=move || job.progress.with(Option::is_some)>{move || imp().check}</button>
            </div>
        </div>
    }
}

/// The progress bar of a running read or write, with its Cancel button.
#[component]
pub(super) fn Progress(job: Job) -> impl IntoView {
    let settings = use_settings();
    move || {
        job.progress.get().map(|p| {
            let imp = settings.imp();
            let text = match p.phase {
                Phase::Reading => imp.reading,
                Phase::Writing => imp.writing,
            }
            .replace("{n}", &settings.integer(p.rows as i64))
            .replace("{r}", &settings.integer(p.rows_per_second.round() as i64));
            view! {
                <div class="progress-row">
                    <label class="progress">
                        <span role="status">{text}</span>
                        <progress max="1" value=p.done aria-label=imp.progress_label></progress>
                    </label>
                    <button type="button" on:click=move |_| job.cancel.get_value().set(true)>{settings.t().cancel}</button>
                </div>
            }
        })
    }
}
