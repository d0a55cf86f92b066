//! Settings: language, currency, date format, theme; storage usage, persistence (and
//! what a refusal means) and the last backup;
//! demo data; erasing everything.

use crate::components::choices::country_options;
use crate::components::{choices, Choice, ChoiceField, ConfirmDialog, SelectField};
use crate::state::{
    load_demo, quota, use_data, use_notices, use_safety, use_segments, use_settings, AppError,
    DemoProgress, Theme,
};
use clientele_core::format::{DateFormat, Locale};
use leptos::prelude::*;
use leptos::task::spawn_local;

fn mb(bytes: f64, settings: &crate::state::SettingsState) -> String {
    if bytes >= 1e9 {
        format!(
            "{} GB",
            clientele_core::format::decimal(bytes / 1e9, 1, settings.locale())
        )
    } else {
        format!(
            "{} MB",
            clientele_core::format::decimal(bytes / 1e6, 1, settings.locale())
        )
    }
}

#[component]
pub fn SettingsPage() -> impl IntoView {
    let settings = use_settings();
    let t = move || settings.t();
    let l = move |f| settings.text(f);

    // Each select edits a string and writes through to the settings.
    let lang = RwSignal::new(settings.locale().code().to_string());
    let currency = RwSignal::new(settings.currency().code().to_string());
    let country = RwSignal::new(settings.country());
    let date_format = RwSignal::new(settings.date_format().code().to_string());
    let theme = RwSignal::new(format!(
        "{:?}",
        settings.settings.with_untracked(|s| s.theme)
    ));
    Effect::new(move |_| {
        let (lang, currency, df, theme) =
            (lang.get(), currency.get(), date_format.get(), theme.get());
        let mut next = settings.settings.get_untracked();
        next.country = country.get();
        next.locale = Locale::parse(&lang).unwrap_or(next.locale);
        next.currency = currency;
        next.date_format = DateFormat::parse(&df).unwrap_or(next.date_format);
        next.theme = match theme.as_str() {
            "Light" => Theme::Light,
            "Dark" => Theme::Dark,
            _ => Theme::System,
        };
        if next != settings.settings.get_untracked() {
            settings.settings.set(next);
        }
    });
    // The nav's language switch changes the setting too: follow it.
    Effect::new(move |_| {
        let code = settings.locale().code().to_string();
        if lang.get_untracked() != code {
            lang.set(code);
        }
    });

    let lang_options = Signal::derive(|| {
        vec![
            ("en".into(), "English".into()),
            ("vi".into(), "Tiếng Việt".into()),
        ]
    });
    let currency_options = Signal::derive(choices::currency_options);
    let date_options = Signal::derive(|| {
        DateFormat::ALL
            .iter()
            .map(|f| (f.code().to_string(), f.pattern().to_string()))
            .collect::<Vec<_>>()
    });
    let theme_options = Signal::derive(move || {
        vec![
            ("System".into(), t().theme_system.into()),
            ("Light".into(), t().theme_light.into()),
            ("Dark".into(), t().theme_dark.into()),
        ]
    });

    view! {
        <section class="page narrow">
            <h1>{move || t().nav_settings}</h1>
            <div class="card">
                <h2>{move || t().settings_display}</h2>
                <div class="grid">
                    <SelectField label=l(|t| t.field_language) value=lang options=lang_options/>
                    <SelectField label=l(|t| t.field_currency) value=currency options=currency_options/>
                    <SelectField label=l(|t| t.field_shop_country) value=country options=Signal::derive(move || country_options(t(), ""))/>
                    <SelectField label=l(|t| t.field_date_format) value=date_format options=date_options/>
                    <SelectField label=l(|t| t.field_theme) value=theme options=theme_options/>
                </div>
                <Show when=move || !settings.saved.get()>
                    <p class="form-error" role="alert">{move || t().settings_not_saved}</p>
                </Show>
            </div>
            <StorageCard/>
            <DemoCard/>
            <EraseCard/>
        </section>
    }
}

#[component]
fn StorageCard() -> impl IntoView {
    let settings = use_settings();
    let data = use_data();
    let safety = use_safety();
    let t = move || settings.t();
    let usage = LocalResource::new(move || {
        data.revision.track();
        quota::usage()
    });
    let notices = use_notices();
    let persist = move |_| {
        spawn_local(async move {
            match safety.ask().await {
                Some(true) => notices.info(settings.t().persist_granted),
                Some(false) => notices.info(settings.t().persist_refused),
                None => notices.error(settings.t().persist_unsupported),
            }
        });
    };
    view! {
        <div class="card" id="storage">
            <h2>{move || t().settings_storage}</h2>
            <dl class="facts">
                <dt>{move || t().storage_used}</dt>
                <dd>{move || match usage.get().flatten() {
                    Some(u) => format!("{} / {}", mb(u.used_bytes, &settings), mb(u.quota_bytes, &settings)),
                    None => t().unknown.to_string(),
                }}</dd>
                <dt>{move || t().storage_persistent}</dt>
                <dd>{move || match safety.persisted.get() {
                    Some(true) => t().persist_yes,
                    Some(false) => t().persist_no,
                    None => t().unknown,
                }}</dd>
                <dt>{move || t().storage_records}</dt>
                <dd>{move || t().records_summary(&settings.integer(data.with(|db| db.live_count()) as i64), &settings.integer(data.with(|db| db.order_count()) as i64))}</dd>
            </dl>
            <p>{move || settings.safe().last_backup(safety.state().age_days(crate::platform::now_ms()))}" "<a href="/backup">{move || settings.bak().nav}</a></p>
            // Declined when asked: what that means; not asked yet: why to ask.
            {move || match safety.persisted.get() {
                Some(true) => None,
                Some(false) if safety.record.with(|r| r.asked_persistence) => Some(view! {
                    <p class="banner-inline warning">{settings.safe().at_risk_means}</p>
                    <button type="button" on:click=persist>{t().persist_button}</button>
                }.into_any()),
                _ => Some(view! {
                    <p class="muted">{t().persist_explain}</p>
                    <button type="button" on:click=persist>{t().persist_button}</button>
                }.into_any()),
            }}
        </div>
    }
}

/// How many demo customers to load.
#[derive(Clone, Copy, PartialEq)]
enum DemoSize {
    Thousand,
    TenThousand,
    HundredThousand,
}

impl DemoSize {
    const ALL: [DemoSize; 3] = [
        DemoSize::Thousand,
        DemoSize::TenThousand,
        DemoSize::HundredThousand,
    ];

    fn customers(self) -> usize {
        match self {
            DemoSize::Thousand => 1_000,
            DemoSize::TenThousand => 10_000,
            DemoSize::HundredThousand => 100_000,
        }
    }
}

impl Choice for DemoSize {
    fn code(self) -> &'static str {
        match self {
            DemoSize::Thousand => "1000",
            DemoSize::TenThousand => "10000",
            DemoSize::HundredThousand => "100000",
        }
    }
}

#[component]
fn DemoCard() -> impl IntoView {
    let settings = use_settings();
    let data = use_data();
    let notices = use_notices();
    let t = move || settings.t();
    let size = RwSignal::new(DemoSize::Thousand);
    let progress = RwSignal::new(None::<DemoProgress>);
    let confirm = RwSignal::new(false);
    let size_options = Signal::derive(move || {
        DemoSize::ALL
            .into_iter()
            .map(|n| (n, t().n_customers(&settings.integer(n.customers() as i64))))
            .collect::<Vec<_>>()
    });
    let segments = use_segments();
    let run = move || {
        let n = size.get_untracked().customers();
        spawn_local(async move {
            let result = load_demo(data, n, 1, progress).await;
            // Loading demo data replaces everything, saved segments included (unless
            // it could not start: another tab runs a bulk job).
            if !matches!(result, Err(AppError::Busy(_))) {
                segments.forget();
            }
            match result {
                Ok(()) => notices.info(settings.t().demo_loaded),
                Err(e) => notices.error(e.message(settings.t())),
            }
        });
    };
    let start = move |_| {
        if data.untracked(|db| db.is_empty()) {
            run();
        } else {
            confirm.set(true);
        }
    };
    view! {
        <div class="card" id="demo">
            <h2>{move || t().settings_demo}</h2>
            <p class="muted">{move || t().demo_explain}</p>
            <div class="row">
                <ChoiceField label=Signal::derive(move || t().demo_size.to_string()) value=size options=size_options class="compact"/>
                <button type="button" class="primary" on:click=start disabled=move || progress.with(Option::is_some)>{move || t().load_demo}</button>
            </div>
            {move || progress.get().map(|p| view! {
                <label class="progress">
                    {t().demo_progress}
                    <progress max=p.total value=p.done></progress>
                </label>
            })}
            <ConfirmDialog
                open=confirm
                title=Signal::derive(move || t().demo_replace_title.to_string())
                body=Signal::derive(move || t().demo_replace_body.to_string())
                confirm=Signal::derive(move || t().load_demo.to_string())
                cancel=Signal::derive(move || t().cancel.to_string())
                on_confirm=Callback::new(move |_| run())
            />
        </div>
    }
}

#[component]
fn EraseCard() -> impl IntoView {
    let settings = use_settings();
    let data = use_data();
    let notices = use_notices();
    let t = move || settings.t();
    let confirm = RwSignal::new(false);
    let segments = use_segments();
    let erase = Callback::new(move |_| {
        spawn_local(async move {
            let result = data.erase_all().await;
            if !matches!(result, Err(AppError::Busy(_))) {
                segments.forget();
            }
            match result {
                Ok(()) => notices.info(settings.t().erased),
                Err(e) => notices.error(e.message(settings.t())),
            }
        });
    });
    view! {
        <div class="card danger-zone">
            <h2>{move || t().settings_erase}</h2>
            <p class="muted">{move || t().erase_explain}</p>
            <button type="button" class="danger" on:click=move |_| confirm.set(true)>{move || t().erase_button}</button>
            <ConfirmDialog
                open=confirm
                title=Signal::derive(move || t().erase_title.to_string())
                body=Signal::derive(move || t().erase_body.to_string())
                confirm=Signal::derive(move || t().erase_confirm.to_string())
                cancel=Signal::derive(move || t().cancel.to_string())
                on_confirm=erase
            />
        </div>
    }
}
