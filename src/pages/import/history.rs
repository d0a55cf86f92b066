//! Every import (file, when, kind, counts) and reverting one as a whole.

use super::Job;
use crate::components::ConfirmDialog;
use crate::state::{use_data, use_notices, use_settings, LoadState};
use clientele_core::import::history::ImportEntry;
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub(super) fn HistoryCard(job: Job) -> impl IntoView {
    let settings = use_settings();
    let imp = move || settings.imp();
    let data = use_data();
    let notices = use_notices();
    // Read once the database is open (the page may be the first one opened).
    let entries = LocalResource::new(move || {
        job.history.track();
        let ready = data.state.get() == LoadState::Ready;
        async move {
            match ready {
                true => Some(data.imports().await),
                false => None,
            }
        }
    });
    let confirm = RwSignal::new(false);
    let chosen = StoredValue::new(None::<ImportEntry>);
    let revert = Callback::new(move |_| {
        let Some(entry) = chosen.get_value() else {
            return;
        };
        spawn_local(async move {
            match data.revert_import(entry).await {
                Ok(r) => {
                    notices.info(
                        settings
                            .imp()
                            .reverted_done
                            .replace("{n}", &settings.integer(r.deleted as i64))
                            .replace("{u}", &settings.integer(r.restored as i64)),
                    );
                }
                Err(e) => notices.error(e.message(settings.t())),
            }
            job.history.update(|h| *h += 1);
        });
    });
    let rows = move || {
        entries.get().flatten().map(|result| match result {
            Err(e) => view! { <p class="form-error" role="alert">{e.message(settings.t())}</p> }.into_any(),
            Ok(list) if list.is_empty() => view! { <p class="muted">{imp().no_history}</p> }.into_any(),
            Ok(list) => view! {
                <div class="table-scroll">
                    <table class="plain">
                        <thead><tr>
                            <th scope="col">{imp().col_file}</th>
                            <th scope="col">{imp().col_when}</th>
                            <th scope="col">{imp().col_kind}</th>
                            <th scope="col" class="num">{imp().col_new}</th>
                            <th scope="col" class="num">{imp().col_updated}</th>
                            <th scope="col" class="num">{imp().col_skipped}</th>
                            <th scope="col"><span class="sr-only">{imp().revert}</span></th>
                        </tr></thead>
                        <tbody>
                            {list.into_iter().map(|e| {
                                let label = imp().revert_label.replace("{file}", &e.file);
                                let action = match e.reverted_at {
                                    Some(_) => view! { <span class="badge">{imp().reverted}</span> }.into_any(),
                                    None => {
                                        let entry = e.clone();
                                        view! {
                                            <button type="button" aria-label=label on:click=move |_| {
                                                chosen.set_value(Some(entry.clone()));
                                                confirm.set(true);
                                            }>{imp().revert}</button>
                                        }.into_any()
                                    }
                                };
                                view! {
                                    <tr>
                                        <td class="ellipsis">{e.file.clone()}</td>
                                        <td>{settings.date_time(e.at)}</td>
                                        <td>{imp().kinds.of(e.kind)}</td>
                                        <td class="num">{settings.integer((e.new + e.new_customers) as i64)}</td>
                                        <td class="num">{settings.integer(e.updated as i64)}</td>
                                        <td class="num">{settings.integer(e.skipped as i64)}</td>
                                        <td>{action}</td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            }.into_any(),
        })
    };
    view! {
        <div class="card">
            <h2>{move || imp().history_title}</h2>
            {rows}
            <ConfirmDialog
                open=confirm
                title=Signal::derive(move || imp().revert_title.to_string())
                body=Signal::derive(move || imp().revert_body.to_string())
                confirm=Signal::derive(move || imp().revert.to_string())
                cancel=Signal::derive(move || settings.t().cancel.to_string())
                on_confirm=revert
            />
        </div>
    }
}
