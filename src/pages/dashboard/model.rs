//! How well the lifetime-value model predicts: the models fitted to the purchases up to
//! a calibration end the user picks, and the purchases they predicted for the period
//! after it against those customers made, by their repeat purchases before (the
//! check of Fader, Hardie & Lee 2005); and the fitted parameters.
//!
//! The check fits the models again on its own, after the page has drawn.

use super::charts::{line_chart, Line};
use super::panels::ChartCard;
use super::DateField;
use crate::platform;
use crate::platform::today;
use crate::state::{mark, measure, use_data, use_settings, yield_now};
use clientele_core::clv::check::{check_with, Check, TOP};
use clientele_core::clv::observe::{Observed, Periods, Unit};
use clientele_core::clv::potential::observe_periods;
use clientele_core::clv::predict::Models;
use clientele_core::clv::FitError;
use clientele_core::format::{compact, decimal, Locale};
use clientele_core::time::Day;
use clientele_core::validate;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The default check period: the last half year.
const HOLDOUT_DAYS: i32 = 182;

/// `x` with six significant digits.
fn significant(x: f64, locale: Locale) -> String {
    let magnitude = if x == 0.0 {
        0
    } else {
        x.abs().log10().floor() as i32
    };
    decimal(x, (5 - magnitude).clamp(1, 9) as usize, locale)
}

/// The result of the last check: None while it runs.
type Outcome = Option<Result<Check, FitError>>;

#[component]
pub fn ModelPanel() -> impl IntoView {
    let settings = use_settings();
    let data = use_data();
    let d = move || settings.d();
    let end = today();
    let calibration = RwSignal::new(settings.date(Day(end.0 - HOLDOUT_DAYS)));
    let until = RwSignal::new(settings.date(end));
    let read = move |text: &str| validate::parse_date(text, settings.date_format());
    let periods = Memo::new(move |_| {
        let calibration_end = read(&calibration.get())?;
        // No purchase is known after today.
        let holdout_end = read(&until.get())?.min(end);
        (calibration_end < holdout_end).then_some(Periods {
            calibration_end,
            holdout_end: Some(holdout_end),
            unit: Unit::Days,
        })
    });
    let outcome: RwSignal<Outcome> = RwSignal::new(None);
    let run = StoredValue::new(0u64);
    // Only the currency of the settings matters here (not the language or theme).
    let currency = Memo::new(move |_| settings.currency());
    Effect::new(move |_| {
        data.revision.track();
        let ready = data.facts_ready.get();
        let (p, currency) = (periods.get(), currency.get());
        run.update_value(|r| *r += 1);
        let me = run.get_value();
        outcome.set(None);
        let Some(p) = p.filter(|_| ready) else {
            return;
        };
        spawn_local(async move {
            // Let the page draw first; drop the work if the inputs changed meanwhile.
            yield_now().await;
            // (The panel may be gone by now: its values are then disposed.)
            if run.try_get_value() != Some(me) {
                return;
            }
            mark("clientele:model-check-start");
            let offset = platform::utc_offset_minutes();
            let observed: Vec<Observed> = data.untracked(|db| {
                observe_periods(db, &p, offset, currency)
                    .into_iter()
                    .map(|(_, o)| o)
                    .collect()
            });
            mark("clientele:model-fit-start");
            let fitted = Models::fit(&observed, p.unit);
            measure("clientele:model-fit", "clientele:model-fit-start");
            let result = fitted.map(|m| check_with(m, &observed, &p));
            measure("clientele:model-check", "clientele:model-check-start");
            if run.try_get_value() == Some(me) {
                outcome.try_set(Some(result));
            }
        });
    });
    let body = move || {
        let Some(p) = periods.get() else {
            return view! { <p class="error" role="alert">{d().bad_check_range}</p> }.into_any();
        };
        match outcome.get() {
            None => view! { <p class="muted">{d().computing}</p> }.into_any(),
            Some(Err(e)) => view! { <p class="muted">{d().no_model.replace("{x}", &settings.t().fit_reason(&e))}</p> }
                .into_any(),
            Some(Ok(c)) => view! { <CheckView check=c periods=p/> }.into_any(),
        }
    };
    view! {
        <ChartCard title=Signal::derive(move || d().model_title.to_string()) explain=Signal::derive(move || d().model_explain.to_string()) file="model-check" wide=true>
            <div class="toolbar">
                <DateField label=Signal::derive(move || d().calibration_end.to_string()) value=calibration/>
                <DateField label=Signal::derive(move || d().check_until.to_string()) value=until/>
            </div>
            <div aria-live="polite">{body}</div>
        </ChartCard>
    }
}

/// The chart, the totals and the details of one check.
#[component]
fn CheckView(mut check: Check, periods: Periods) -> impl IntoView {
    // A group without customers says nothing (0 against 0).
    check.rows.retain(|r| r.customers > 0);
    let settings = use_settings();
    let d = settings.d();
    let locale = settings.locale();
    let group = |f: u32| {
        if f == TOP {
            format!("{f}+")
        } else {
            f.to_string()
        }
    };
    let labels: Vec<String> = check.rows.iter().map(|r| group(r.frequency)).collect();
    let lines = vec![
        Line {
            values: check.rows.iter().map(|r| r.actual).collect(),
            name: d.actual.to_string(),
            dashed: false,
            open_end: false,
        },
        Line {
            values: check.rows.iter().map(|r| r.predicted).collect(),
            name: d.predicted.to_string(),
            dashed: true,
            open_end: false,
        },
    ];
    let names = [d.actual, d.predicted];
    let point_labels = labels.clone();
    let point = move |line: usize, i: usize, v: f64| {
        d.check_point
            .replace("{x}", &point_labels[i])
            .replace("{k}", names[line])
            .replace("{n}", &decimal(v, 2, locale))
    };
    let chart = line_chart(
        d.model_title.to_string(),
        labels.clone(),
        lines,
        move |v| compact(v, locale),
        point,
    );
    let total = d
        .check_total
        .replace("{a}", &settings.date(Day(periods.calibration_end.0 + 1)))
        .replace(
            "{b}",
            &settings.date(periods.holdout_end.unwrap_or(periods.calibration_end)),
        )
        .replace("{p}", &settings.integer(check.predicted.round() as i64))
        .replace("{n}", &settings.integer(check.actual.round() as i64));
    let rows = check
        .rows
        .iter()
        .zip(labels)
        .map(|(r, label)| {
            view! {
                <tr>
                    <th scope="row">{label}</th>
                    <td class="num">{settings.integer(i64::from(r.customers))}</td>
                    <td class="num">{decimal(r.predicted, 2, locale)}</td>
                    <td class="num">{decimal(r.actual, 2, locale)}</td>
                </tr>
            }
        })
        .collect_view();
    let (bg, gg) = (check.models.bgnbd, check.models.gamma_gamma);
    let params = [
        ("r", bg.model.r),
        ("α", bg.model.alpha),
        ("a", bg.model.a),
        ("b", bg.model.b),
        ("p", gg.model.p),
        ("q", gg.model.q),
        ("v", gg.model.v),
    ]
    .into_iter()
    .map(|(name, v)| view! { <div><dt>{name}</dt><dd class="num">{significant(v, locale)}</dd></div> })
    .collect_view();
    view! {
        <p class="x-axis muted small">{d.check_axis}</p>
        {chart}
        <p class="small">{total}</p>
        <details class="model-details">
            <summary>{d.check_details}</summary>
            <div class="model-columns">
                <table class="plain">
                    <caption class="sr-only">{d.model_title}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{d.col_repeat}</th>
                            <th scope="col" class="num">{d.col_customers}</th>
                            <th scope="col" class="num">{d.col_predicted}</th>
                            <th scope="col" class="num">{d.col_actual}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
                <div>
                    <dl class="params" aria-label=d.params>{params}</dl>
                    <dl class="params">
                        <div><dt>{d.log_likelihood}</dt><dd class="num">{decimal(bg.log_likelihood, 2, locale)}</dd></div>
                        <div><dt>{d.col_customers}</dt><dd class="num">{settings.integer(i64::from(check.customers))}</dd></div>
                        <div><dt>{d.repeat_buyers}</dt><dd class="num">{settings.integer(i64::from(check.repeat_buyers))}</dd></div>
                    </dl>
                    <p class="muted small">{d.params_explain}</p>
                </div>
            </div>
        </details>
    }
}
