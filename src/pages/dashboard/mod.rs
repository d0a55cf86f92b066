//! The Dashboard: how the shop is doing over a date range against a comparison period
//! (KPIs, revenue trend, cohorts) and what the customer analysis says today (RFM
//! segments and grid, lifetime value, valuable customers at risk). Charts are SVG and
//! can be saved as SVG or PNG.

mod charts;
mod crosssell;
mod export;
mod model;
mod panels;
mod risk;

use crate::components::{Choice, ChoiceField, TextField};
use crate::i18n::DashStrings;
use crate::platform;
use crate::platform::today;
use crate::state::{mark, measure, use_data, use_segments, use_settings};
use clientele_core::format::{self, percent, Locale};
use clientele_core::time::Day;
use clientele_core::trends::{self, change, Grain, PeriodKpis, Range, Trend};
use clientele_core::validate;
use crosssell::CrossSellPanel;
use leptos::prelude::*;
use model::ModelPanel;
use panels::{ClvPanel, CohortPanel, GridPanel, SegmentsPanel, TrendPanel};
use risk::AtRiskPanel;

/// The comparison period.
#[derive(Clone, Copy, PartialEq)]
pub enum Compare {
    Previous,
    YearBefore,
    None,
}

impl Choice for Compare {
    fn code(self) -> &'static str {
        match self {
            Compare::Previous => "previous",
            Compare::YearBefore => "year",
            Compare::None => "none",
        }
    }
}

impl Choice for Grain {
    fn code(self) -> &'static str {
        match self {
            Grain::Day => "day",
            Grain::Week => "week",
            Grain::Month => "month",
        }
    }
}

impl Compare {
    /// The option's words.
    fn words(self, d: &DashStrings) -> &'static str {
        match self {
            Compare::Previous => d.compares.previous,
            Compare::YearBefore => d.compares.year_before,
            Compare::None => d.compares.none,
        }
    }
}

/// The same dates a year earlier (29 February: the 28th).
fn year_before(d: Day) -> Day {
    let (y, m, day) = d.ymd();
    Day::from_ymd(y - 1, m, day)
        .or_else(|| Day::from_ymd(y - 1, m, day - 1))
        .unwrap_or(Day(d.0 - 365))
}

/// The comparison range of `range`.
pub fn comparison(range: Range, compare: Compare) -> Option<Range> {
    match compare {
        Compare::Previous => Some(trends::previous(range)),
        Compare::YearBefore => Some(Range::new(year_before(range.from), year_before(range.to))),
        Compare::None => None,
    }
}

/// What the controls ask for, checked.
#[derive(Clone, Copy, PartialEq)]
pub struct Query {
    pub range: Range,
    pub before: Option<Range>,
    pub grain: Grain,
}

/// A short label of a period's start for an axis: `Mar 26` / `T3/26` for months,
/// `12/03` (vi) or `Mar 12` (en) for days and weeks.
pub fn period_label(day: Day, grain: Grain, locale: Locale) -> String {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let (y, m, d) = day.ymd();
    match (grain, locale) {
        (Grain::Month, Locale::En) => format!("{} {:02}", MONTHS[m as usize - 1], y % 100),
        (Grain::Month, Locale::Vi) => format!("T{m}/{:02}", y % 100),
        (_, Locale::En) => format!("{} {d}", MONTHS[m as usize - 1]),
        (_, Locale::Vi) => format!("{d:02}/{m:02}"),
    }
}

#[component]
pub fn DashboardPage() -> impl IntoView {
    let settings = use_settings();
    let data = use_data();
    let segments = use_segments();
    let d = move || settings.d();
    let end = today();
    let (y, m, _) = end.ymd();
    // The last twelve months, this one included.
    let start =
        Day::from_ymd(if m == 12 { y } else { y - 1 }, m % 12 + 1, 1).unwrap_or(Day(end.0 - 364));
    // Dates as the app's date format writes them (ISO is read too).
    let from = RwSignal::new(settings.date(start));
    let to = RwSignal::new(settings.date(end));
    let read = move |text: &str| validate::parse_date(text, settings.date_format());
    let grain = RwSignal::new(Grain::Month);
    let compare = RwSignal::new(Compare::Previous);
    let query = Memo::new(move |_| {
        let range = Range::new(read(&from.get())?, read(&to.get())?);
        if range.is_empty() {
            return None;
        }
        let (grain, how) = (grain.get(), compare.get());
        Some(Query {
            range,
            before: comparison(range, how),
            grain,
        })
    });
    mark("clientele:dashboard-start");
    let kpis: Memo<Option<(Trend, Option<Trend>)>> = Memo::new(move |_| {
        let q = query.get()?;
        if !data.facts_ready.get() {
            return None;
        }
        let (offset, currency) = (platform::utc_offset_minutes(), settings.currency());
        Some(data.with(|db| {
            let now = trends::kpis(db, q.range, q.grain, offset, currency);
            let before = q
                .before
                .map(|r| trends::kpis(db, r, q.grain, offset, currency));
            (now, before)
        }))
    });
    let has_orders = move || data.with(|db| db.order_count() > 0);
    let grain_options = Signal::derive(move || {
        [Grain::Day, Grain::Week, Grain::Month]
            .into_iter()
            .map(|g| (g, d().grains.of(g).to_string()))
            .collect::<Vec<_>>()
    });
    let compare_options = Signal::derive(move || {
        [Compare::Previous, Compare::YearBefore, Compare::None]
            .into_iter()
            .map(|c| (c, c.words(d()).to_string()))
            .collect::<Vec<_>>()
    });
    let compared = move || {
        query.get().and_then(|q| q.before).map(|r| {
            d().compared_with.replace(
                "{p}",
                &format!("{} – {}", settings.date(r.from), settings.date(r.to)),
            )
        })
    };
    // Marks when the page has drawn with data (read by the benchmark).
    Effect::new(move |_| {
        if kpis.with(Option::is_some) && segments.revision.get() > 0 {
            request_animation_frame(|| {
                mark("clientele:dashboard-ready");
                measure("clientele:dashboard", "clientele:dashboard-start");
            });
        }
    });
    view! {
        <section class="page dashboard">
            <div class="page-head">
                <h1>{move || d().title}</h1>
            </div>
            <Show when=has_orders fallback=move || view! { <p class="empty">{d().no_data}</p> }>
                <div class="toolbar dash-controls">
                    <DateField label=Signal::derive(move || d().from.to_string()) value=from/>
                    <DateField label=Signal::derive(move || d().to.to_string()) value=to/>
                    <ChoiceField label=Signal::derive(move || d().grain.to_string()) value=grain options=grain_options class="compact"/>
                    <ChoiceField label=Signal::derive(move || d().compare.to_string()) value=compare options=compare_options class="compact"/>
                </div>
                <p class="muted small" aria-live="polite">{compared}</p>
                {move || query.with(Option::is_none).then(|| view! { <p class="error" role="alert">{d().bad_range}</p> })}
                <KpiCards kpis=kpis/>
                <TrendPanel kpis=kpis query=query/>
                <div class="dash-grid">
                    <SegmentsPanel/>
                    <GridPanel/>
                </div>
                <CohortPanel query=query/>
                <div class="dash-grid">
                    <ClvPanel/>
                    <AtRiskPanel/>
                </div>
                <CrossSellPanel/>
                <ModelPanel/>
            </Show>
        </section>
    }
}

/// One KPI: its value now, and the change against the comparison period.
#[component]
fn KpiCards(kpis: Memo<Option<(Trend, Option<Trend>)>>) -> impl IntoView {
    let settings = use_settings();
    let d = move || settings.d();
    let cards = move || {
        let (now, before) = kpis.get()?;
        let currency = settings.currency();
        let money = move |minor: f64| settings.money(minor.round() as i64, currency);
        let locale = settings.locale();
        type Pick = fn(&PeriodKpis) -> Option<f64>;
        let items: [(&str, Pick, bool); 6] = [
            (d().revenue, |k| Some(k.revenue as f64), true),
            (d().orders, |k| Some(k.orders as f64), false),
            (d().aov, |k| k.aov(), true),
            (d().repeat_rate, |k| k.repeat_rate(), false),
            (d().active, |k| Some(k.active as f64), false),
            (d().new_customers, |k| Some(k.new as f64), false),
        ];
        Some(
            items
                .into_iter()
                .enumerate()
                .map(|(i, (name, pick, is_money))| {
                    let v = pick(&now.total);
                    let shown = match (v, is_money, i) {
                        (None, _, _) => "–".to_string(),
                        (Some(x), true, _) => money(x),
                        (Some(x), false, 3) => percent(x, locale),
                        (Some(x), false, _) => settings.integer(x as i64),
                    };
                    // From a billion, money is shortened to fit the card; the full
                    // amount on hover and focus, and for screen readers.
                    let short = match (v, is_money) {
                        (Some(x), true) => format::money_short(x.round() as i64, currency, locale),
                        _ => shown.clone(),
                    };
                    let value = if short == shown {
                        view! { <p class="value">{shown}</p> }.into_any()
                    } else {
                        let (title, full) = (shown.clone(), shown.clone());
                        view! {
                            <p class="value short" tabindex="0" title=title data-full=full>
                                <span aria-hidden="true">{short}</span>
                                <span class="sr-only">{shown}</span>
                            </p>
                        }
                        .into_any()
                    };
                    let delta = before.as_ref().and_then(|b| change(v?, pick(&b.total)?));
                    let (class, text) = match delta {
                        None => ("delta", d().no_change.to_string()),
                        Some(c) if c >= 0.0 => {
                            ("delta up", d().up.replace("{p}", &percent(c, locale)))
                        }
                        Some(c) => ("delta down", d().down.replace("{p}", &percent(-c, locale))),
                    };
                    view! {
                        <div class="kpi" role="group" aria-label=name>
                            <h2>{name}</h2>
                            {value}
                            <p class=class>{text}</p>
                        </div>
                    }
                })
                .collect_view(),
        )
    };
    view! { <div class="kpis" role="group" aria-label=move || d().title>{cards}</div> }
}

/// A date typed in the app's date format (not the browser's language), with the
/// format as its hint and an error when it cannot be read.
#[component]
pub(super) fn DateField(
    #[prop(into)] label: Signal<String>,
    value: RwSignal<String>,
) -> impl IntoView {
    let settings = use_settings();
    let pattern = move || settings.date_format().pattern();
    let error = Signal::derive(move || {
        validate::parse_date(&value.get(), settings.date_format())
            .is_none()
            .then(|| {
                settings
                    .t()
                    .problem(validate::Problem::InvalidDate, pattern())
            })
    });
    view! {
        <div class="compact date-field">
            <TextField label=label value=value error=error hint=Signal::derive(move || Some(settings.t().date_hint(pattern())))/>
        </div>
    }
}
