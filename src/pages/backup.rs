//! The Export & backup page: customers and orders to CSV (separator and UTF-8 mark
//! chosen once, used by every CSV export), a full backup to download (and the gentle
//! reminder to make one), and restoring one, merged in or replacing everything.

use crate::components::{download, download_parts, ConfirmDialog, CSV, JSON};
use crate::platform::{self, today};
use crate::state::{
    use_data, use_notices, use_safety, use_segments, use_settings, RestoreError, RestoreMode,
    Restored,
};
use clientele_core::export::customers::customers_csv;
use clientele_core::export::Delimiter;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::JsCast;

fn today_name(stem: &str, ext: &str) -> String {
    format!("{stem}-{}.{ext}", today().iso())
}

#[component]
pub fn BackupPage() -> impl IntoView {
    let settings = use_settings();
    let b = move || settings.bak();
    view! {
        <section class="page">
            <div class="page-head">
                <h1>{move || b().title}</h1>
            </div>
            <CsvCard/>
            <BackupCard/>
            <RestoreCard/>
        </section>
    }
}

#[component]
fn CsvCard() -> impl IntoView {
    let settings = use_settings();
    let data = use_data();
    let notices = use_notices();
    let b = move || settings.bak();
    let busy = RwSignal::new(false);
    let delimiter = move || settings.settings.with(|s| s.csv.delimiter.code());
    let set_delimiter = move |ev: web_sys::Event| {
        let v = event_target_value(&ev);
        if let Some(d) = Delimiter::parse(&v) {
            settings.update(|s| s.csv.delimiter = d);
        }
    };
    let bom = move || settings.settings.with(|s| s.csv.bom);
    let set_bom = move |ev: web_sys::Event| {
        let on = event_target_checked(&ev);
        settings.update(|s| s.csv.bom = on);
    };
    let done = move |r: Result<(), wasm_bindgen::JsValue>| match r {
        Ok(()) => notices.info(settings.bak().exported),
        Err(e) => {
            web_sys::console::warn_1(&e);
            notices.error(settings.bak().err_download)
        }
    };
    let customers = move |_| {
        let csv = data.untracked(|db| customers_csv(db, settings.csv()));
        done(download(&today_name("customers", "csv"), CSV, &csv));
    };
    let orders = move |_| {
        busy.set(true);
        spawn_local(async move {
            match data.orders_csv(settings.csv()).await {
                Ok(parts) => done(download_parts(&today_name("orders", "csv"), CSV, &parts.0)),
                Err(e) => notices.error(e.message(settings.t())),
            }
            busy.set(false);
        });
    };
    view! {
        <div class="card">
            <h2>{move || b().csv_title}</h2>
            <p class="muted">{move || b().csv_explain}</p>
            <div class="grid import-options">
                <div class="field">
                    <label for="csv-delimiter">{move || b().delimiter}</label>
                    <select id="csv-delimiter" on:change=set_delimiter prop:value=delimiter>
                        {Delimiter::ALL.into_iter().map(|d| view! {
                            <option value=d.code() selected=move || delimiter() == d.code()>{move || b().delimiters.of(d)}</option>
                        }).collect_view()}
                    </select>
                </div>
                <label class="check">
                    <input type="checkbox" prop:checked=bom on:change=set_bom/>
                    {move || b().bom}
                </label>
            </div>
            <p class="hint">{move || b().segments_hint}</p>
            <div class="actions">
                <button type="button" on:click=customers>{move || b().export_customers}</button>
                <button type="button" on:click=orders disabled=move || busy.get() || !data.facts_ready.get()>{move || b().export_orders}</button>
            </div>
        </div>
    }
}

#[component]
fn Working(
    progress: RwSignal<Option<f64>>,
    #[prop(optional)] cancel: Option<StoredValue<Rc<Cell<bool>>, LocalStorage>>,
) -> impl IntoView {
    let settings = use_settings();
    move || {
        progress.get().map(|p| {
            let b = settings.bak();
            view! {
                <div class="progress-row">
                    <label class="progress">
                        <span role="status">{b.working}</span>
                        <progress max="1" value=p aria-label=b.working></progress>
                    </label>
                    {cancel.map(|c| view! {
                        <button type="button" on:click=move |_| c.get_value().set(true)>{b.cancel}</button>
                    })}
                </div>
            }
        })
    }
}

/// Makes a full backup and saves it to the downloads, with its progress in
/// `progress`; noted as this device's last backup when the browser took the file.
pub fn back_up(progress: RwSignal<Option<f64>>) {
    let settings = use_settings();
    let data = use_data();
    let notices = use_notices();
    let safety = use_safety();
    progress.set(Some(0.0));
    spawn_local(async move {
        match data.backup(progress).await {
            Ok(parts) => {
                match download_parts(&today_name("clientele-backup", "json"), JSON, &parts.0) {
                    Ok(()) => {
                        safety.backed_up();
                        notices.info(settings.safe().backed_up)
                    }
                    Err(e) => {
                        web_sys::console::warn_1(&e);
                        notices.error(settings.bak().err_download)
                    }
                }
            }
            Err(e) => notices.error(e.message(settings.t())),
        }
        progress.set(None);
    });
}

#[component]
fn BackupCard() -> impl IntoView {
    let settings = use_settings();
    let data = use_data();
    let safety = use_safety();
    let b = move || settings.bak();
    let progress = RwSignal::new(None::<f64>);
    view! {
        <div class="card">
            <h2>{move || b().backup_title}</h2>
            <p class="muted">{move || b().backup_explain}</p>
            <p>{move || settings.safe().last_backup(safety.state().age_days(platform::now_ms()))}</p>
            <Working progress/>
            <div class="actions">
                <button type="button" class="primary" on:click=move |_| back_up(progress) disabled=move || progress.with(Option::is_some) || !data.facts_ready.get()>{move || b().download_backup}</button>
            </div>
        </div>
    }
}

/// The gentle reminder under the top bar: a week or more since the last backup (or
/// none yet) with changes since, one click to make one, or Later (a day).
#[component]
pub fn BackupReminder() -> impl IntoView {
    let settings = use_settings();
    let safety = use_safety();
    let progress = RwSignal::new(None::<f64>);
    move || {
        let state = safety.state();
        let now = platform::now_ms();
        (state.due(now) || progress.with(Option::is_some)).then(|| {
            let s = settings.safe();
            view! {
                <div class="banner reminder" role="region" aria-label=s.back_up_now>
                    <p>{s.reminder(state.age_days(now))}</p>
                    <div class="buttons">
                        <button type="button" class="primary" on:click=move |_| back_up(progress) disabled=move || progress.with(Option::is_some)>{s.back_up_now}</button>
                        <button type="button" on:click=move |_| safety.snooze()>{s.later}</button>
                    </div>
                </div>
            }
        })
    }
}

/// "Customers: 3 added, 1 updated · Orders: …", the kinds that changed.
fn summary(settings: crate::state::SettingsState, r: &Restored) -> String {
    let b = settings.bak();
    let parts: Vec<String> = [
        (b.kinds.customers, r.customers),
        (b.kinds.orders, r.orders),
        (b.kinds.interactions, r.interactions),
        (b.kinds.segments, r.segments),
    ]
    .iter()
    .filter(|(_, m)| m.added + m.updated > 0)
    .map(|(kind, m)| {
        format!(
            "{}: {}",
            kind,
            b.restored
                .replace("{a}", &settings.integer(m.added as i64))
                .replace("{u}", &settings.integer(m.updated as i64))
        )
    })
    .collect();
    if parts.is_empty() {
        b.restored.replace("{a}", "0").replace("{u}", "0")
    } else {
        parts.join(" · ")
    }
}

#[component]
fn RestoreCard() -> impl IntoView {
    let settings = use_settings();
    let data = use_data();
    let notices = use_notices();
    let segments = use_segments();
    let b = move || settings.bak();
    let file = StoredValue::new_local(None::<web_sys::File>);
    let mode = RwSignal::new(RestoreMode::Merge);
    let progress = RwSignal::new(None::<f64>);
    let cancel = StoredValue::new_local(Rc::new(Cell::new(false)));
    let error = RwSignal::new(None::<String>);
    let confirm = RwSignal::new(false);
    let on_file = move |ev: web_sys::Event| {
        let input: web_sys::HtmlInputElement = ev.target().expect("input").unchecked_into();
        file.set_value(input.files().and_then(|f| f.get(0)));
        error.set(None);
    };
    let restore = Callback::new(move |_| {
        let Some(f) = file.get_value() else {
            error.set(Some(settings.bak().nothing_chosen.into()));
            return;
        };
        let chosen = mode.get_untracked();
        let flag = Rc::new(Cell::new(false));
        cancel.set_value(flag.clone());
        error.set(None);
        progress.set(Some(0.0));
        spawn_local(async move {
            match data.restore(&f, chosen, progress, flag).await {
                Ok(r) => {
                    segments.reload().await;
                    notices.info(summary(settings, &r));
                }
                Err(e) => {
                    let b = settings.bak();
                    let text = match e {
                        RestoreError::Backup(e) => b.refused(&e),
                        RestoreError::Unreadable(_) => {
                            format!("{} {}", b.err_unreadable, b.unchanged)
                        }
                        RestoreError::Clock(_) => format!("{} {}", b.err_clock, b.unchanged),
                        RestoreError::Cancelled => format!("{} {}", b.err_cancelled, b.unchanged),
                        RestoreError::App(e) => e.message(settings.t()),
                    };
                    error.set(Some(text));
                }
            }
            progress.set(None);
        });
    });
    let start = move |_| {
        if mode.get_untracked() == RestoreMode::Replace {
            confirm.set(true);
        } else {
            restore.run(());
        }
    };
    view! {
        <div class="card">
            <h2>{move || b().restore_title}</h2>
            <p class="muted">{move || b().restore_explain}</p>
            <div class="grid import-options">
                <div class="field">
                    <label for="restore-file">{move || b().choose_backup}</label>
                    <input id="restore-file" type="file" accept=".json,application/json" on:change=on_file/>
                </div>
                <fieldset class="field">
                    <legend>{move || b().mode_label}</legend>
                    <label class="check">
                        <input type="radio" name="restore-mode" value="merge" prop:checked=move || mode.get() == RestoreMode::Merge on:change=move |_| mode.set(RestoreMode::Merge)/>
                        {move || b().mode_merge}
                    </label>
                    <label class="check">
                        <input type="radio" name="restore-mode" value="replace" prop:checked=move || mode.get() == RestoreMode::Replace on:change=move |_| mode.set(RestoreMode::Replace)/>
                        {move || b().mode_replace}
                    </label>
                </fieldset>
            </div>
            <Working progress cancel/>
            {move || error.get().map(|e| view! { <p class="form-error" role="alert">{e}</p> })}
            <div class="actions">
                <button type="button" class="primary" on:click=start disabled=move || progress.with(Option::is_some) || !data.facts_ready.get()>{move || b().restore}</button>
            </div>
            <ConfirmDialog
                open=confirm
                title=Signal::derive(move || b().replace_title.to_string())
                body=Signal::derive(move || b().replace_body.to_string())
                confirm=Signal::derive(move || b().replace_confirm.to_string())
                cancel=Signal::derive(move || settings.t().cancel.to_string())
                on_confirm=restore
            />
        </div>
    }
}
