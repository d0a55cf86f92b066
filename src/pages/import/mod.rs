//! The Import page: choose or drop a file, check how its columns map, see what the
//! import will do (counts, rows with problems, first records), import it all or
//! nothing, and revert earlier imports.

mod history;
mod mapping;
mod preview;

use crate::components::Choice;
use crate::state::{
    sample, saved_mapping, use_settings, ImportError, Progress, Sample, SettingsState,
};
use clientele_core::dates::DateOrder;
use clientele_core::import::mapping::{FileKind, Mapping, Preset, Target};
use clientele_core::import::plan::{Mode, Plan};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::JsCast;

/// Where the page is in an import.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Step {
    Choose,
    Map,
    Preview,
}

/// Everything one import on the page holds.
#[derive(Clone, Copy)]
pub(super) struct Job {
    pub file: StoredValue<Option<web_sys::File>, LocalStorage>,
    pub name: RwSignal<String>,
    pub sample: RwSignal<Option<Sample>>,
    pub kind: RwSignal<FileKind>,
    pub preset: RwSignal<Option<Preset>>,
    /// Per column: the select's value ("Ignore", "custom" or a target's name) and
    /// the custom field's name.
    pub columns: RwSignal<Vec<(RwSignal<String>, RwSignal<String>)>>,
    pub plan: StoredValue<Option<Plan>, LocalStorage>,
    pub step: RwSignal<Step>,
    pub progress: RwSignal<Option<Progress>>,
    pub cancel: StoredValue<Rc<Cell<bool>>, LocalStorage>,
    pub error: RwSignal<Option<String>>,
    /// Bumped when the history changes.
    pub history: RwSignal<u32>,
    // How to import.
    pub mode: RwSignal<Mode>,
    pub by_id: RwSignal<bool>,
    pub by_email: RwSignal<bool>,
    pub by_phone: RwSignal<bool>,
    /// Day or month first (None: not chosen yet).
    pub date_order: RwSignal<Option<DateOrder>>,
    pub currency: RwSignal<String>,
    pub invalid: RwSignal<Invalid>,
}

/// What rows with problems do.
#[derive(Clone, Copy, PartialEq)]
pub enum Invalid {
    /// Imported without them.
    Skip,
    /// Nothing is imported until they are fixed.
    Block,
}

impl Choice for Invalid {
    fn code(self) -> &'static str {
        match self {
            Invalid::Skip => "skip",
            Invalid::Block => "block",
        }
    }
}

impl Choice for FileKind {
    fn code(self) -> &'static str {
        match self {
            FileKind::Customers => "Customers",
            FileKind::Orders => "Orders",
            FileKind::Interactions => "Interactions",
        }
    }
}

impl Choice for Mode {
    fn code(self) -> &'static str {
        match self {
            Mode::CreateAndUpdate => "CreateAndUpdate",
            Mode::Create => "Create",
            Mode::Update => "Update",
        }
    }
}

impl Choice for Option<DateOrder> {
    fn code(self) -> &'static str {
        match self {
            None => "",
            Some(DateOrder::DayFirst) => "DayFirst",
            Some(DateOrder::MonthFirst) => "MonthFirst",
        }
    }
}

/// Picks a text out of the Import page's words (read again when the language changes).
pub(super) type Words = fn(&crate::i18n::ImpStrings) -> &'static str;

/// A target's select value.
pub(super) fn target_code(t: &Target) -> String {
    match t {
        Target::Ignore => "Ignore".into(),
        Target::Custom(_) => "custom".into(),
        t => t.name(),
    }
}

impl Job {
    fn new(currency: String) -> Job {
        Job {
            file: StoredValue::new_local(None),
            name: RwSignal::new(String::new()),
            sample: RwSignal::new(None),
            kind: RwSignal::new(FileKind::Customers),
            preset: RwSignal::new(None),
            columns: RwSignal::new(Vec::new()),
            plan: StoredValue::new_local(None),
            step: RwSignal::new(Step::Choose),
            progress: RwSignal::new(None),
            cancel: StoredValue::new_local(Rc::new(Cell::new(false))),
            error: RwSignal::new(None),
            history: RwSignal::new(0),
            mode: RwSignal::new(Mode::CreateAndUpdate),
            by_id: RwSignal::new(true),
            by_email: RwSignal::new(true),
            by_phone: RwSignal::new(true),
            date_order: RwSignal::new(None),
            currency: RwSignal::new(currency),
            invalid: RwSignal::new(Invalid::Skip),
        }
    }

    pub fn kind(&self) -> FileKind {
        self.kind.get()
    }

    /// The mapping as the selects show it.
    pub fn mapping(&self) -> Mapping {
        let columns = self
            .columns
            .get_untracked()
            .iter()
            .map(|(code, key)| match code.get_untracked().as_str() {
                "custom" => Target::Custom(key.get_untracked().trim().to_string()),
                code => Target::all()
                    .find(|t| t.name() == code)
                    .cloned()
                    .unwrap_or(Target::Ignore),
            })
            .collect();
        Mapping {
            kind: self.kind.get_untracked(),
            columns,
            preset: self.preset.get_untracked(),
        }
    }

    /// Sets the selects from the saved mapping for this header set, or the guess.
    pub fn remap(&self) {
        let Some(sample) = self.sample.get_untracked() else {
            return;
        };
        let kind = self.kind.get_untracked();
        let m = saved_mapping(kind, &sample.header)
            .unwrap_or_else(|| Mapping::guess(&sample.header, kind));
        self.preset.set(m.preset);
        self.columns.set(
            m.columns
                .iter()
                .map(|t| {
                    let key = match t {
                        Target::Custom(k) => k.clone(),
                        _ => String::new(),
                    };
                    (RwSignal::new(target_code(t)), RwSignal::new(key))
                })
                .collect(),
        );
    }

    /// Forgets the file and its plan (after an import, or to start again).
    pub fn reset(&self) {
        self.file.set_value(None);
        self.plan.set_value(None);
        self.sample.set(None);
        self.name.set(String::new());
        self.columns.set(Vec::new());
        self.preset.set(None);
        self.error.set(None);
        self.date_order.set(None);
        self.step.set(Step::Choose);
    }

    pub fn new_cancel(&self) -> Rc<Cell<bool>> {
        let c = Rc::new(Cell::new(false));
        self.cancel.set_value(c.clone());
        c
    }

    /// A file was chosen: read its start and guess the mapping.
    fn open(&self, file: web_sys::File, settings: SettingsState) {
        let job = *self;
        job.reset();
        job.name.set(file.name());
        job.file.set_value(Some(file.clone()));
        spawn_local(async move {
            match sample(&file).await {
                Ok(s) => {
                    job.kind.set(FileKind::guess(&s.header));
                    job.sample.set(Some(s));
                    job.remap();
                    job.step.set(Step::Map);
                }
                Err(e) => job.error.set(Some(error_text(&e, settings))),
            }
        });
    }
}

pub(super) fn error_text(e: &ImportError, settings: SettingsState) -> String {
    let imp = settings.imp();
    match e {
        ImportError::File(f) => imp.file_error(f),
        ImportError::Unreadable(_) => imp.err_unreadable.to_string(),
        ImportError::Mapping(m) => imp.mapping_error(m),
        ImportError::Cancelled => settings.t().err_cancelled.to_string(),
        ImportError::App(a) => a.message(settings.t()),
    }
}

#[component]
pub fn ImportPage() -> impl IntoView {
    let settings = use_settings();
    let imp = move || settings.imp();
    let job = Job::new(settings.currency().code().to_string());
    view! {
        <section class="page">
            <div class="page-head">
                <h1>{move || imp().title}</h1>
            </div>
            <p class="muted">{move || imp().explain}</p>
            <FileCard job=job/>
            {move || (job.step.get() != Step::Choose).then(|| view! { <mapping::MappingCard job=job/> })}
            {move || (job.step.get() == Step::Preview).then(|| view! { <preview::PreviewCard job=job/> })}
            <history::HistoryCard job=job/>
        </section>
    }
}

#[component]
fn FileCard(job: Job) -> impl IntoView {
    let settings = use_settings();
    let imp = move || settings.imp();
    let dragging = RwSignal::new(false);
    let on_change = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        if let Some(f) = input.files().and_then(|l| l.get(0)) {
            job.open(f, settings);
        }
        // Choosing the same file again must fire again.
        input.set_value("");
    };
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        dragging.set(false);
        if let Some(f) = ev
            .data_transfer()
            .and_then(|d| d.files())
            .and_then(|l| l.get(0))
        {
            job.open(f, settings);
        }
    };
    let summary = move || {
        job.sample.with(|s| {
            s.as_ref().map(|s| {
                imp()
                    .file_summary
                    .replace("{file}", &job.name.get())
                    .replace("{n}", &s.header.len().to_string())
            })
        })
    };
    view! {
        <div class="card">
            <label
                class="dropzone"
                class:dragging=move || dragging.get()
                on:dragover=move |ev: leptos::ev::DragEvent| { ev.prevent_default(); dragging.set(true); }
                on:dragleave=move |_| dragging.set(false)
                on:drop=on_drop
            >
                <span class="button primary">{move || imp().choose_file}</span>
                <span class="muted">{move || imp().drop_hint}</span>
                <input type="file" class="sr-only" accept=".csv,.txt,.tsv,text/csv,text/plain" on:change=on_change/>
            </label>
            {move || summary().map(|s| view! { <p class="file-name">{s}</p> })}
            {move || job.preset.get().map(|p| view! { <p class="badge">{imp().presets.of(p)}</p> })}
            // Later errors (checking, writing) are shown by the Check button.
            {move || (job.step.get() == Step::Choose).then(|| job.error.get()).flatten().map(|e| view! { <p class="form-error" role="alert">{e}</p> })}
        </div>
    }
}

/// The input element an event came from.
fn event_target<T: JsCast>(ev: &leptos::ev::Event) -> T {
    ev.target().expect("event has a target").unchecked_into()
}
