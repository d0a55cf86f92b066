//! The dashboard's chart cards: revenue trend, RFM segments and grid, cohorts and
//! lifetime value, each with buttons to save the chart.

use super::charts::{column_chart, heat_map, line_chart, paired_bars, Bar, Cell, Line};
use super::export::{save_png, save_svg};
use super::{period_label, Query};
use crate::platform;
use crate::state::{use_data, use_notices, use_segments, use_settings};
use clientele_core::format::{compact, percent};
use clientele_core::segment::rfm::Segment;
use clientele_core::trends::{self, Trend};
use leptos::html::Div;
use leptos::prelude::*;

/// A card holding one chart, with its title, explanation and save buttons.
#[component]
pub fn ChartCard(
    #[prop(into)] title: Signal<String>,
    #[prop(into)] explain: Signal<String>,
    /// The saved file's name, without extension.
    file: &'static str,
    #[prop(optional)] wide: bool,
    children: Children,
) -> impl IntoView {
    let settings = use_settings();
    let notices = use_notices();
    let d = move || settings.d();
    let holder = NodeRef::<Div>::new();
    let failed = move |e: wasm_bindgen::JsValue| {
        let why = e.as_string().unwrap_or_else(|| format!("{e:?}"));
        notices.error(d().save_failed.replace("{x}", &why));
    };
    let svg = move |_| {
        if let Some(el) = holder.get() {
            match save_svg(&el, file) {
                Ok(()) => notices.info(d().saved),
                Err(e) => failed(e),
            }
        }
    };
    let png = move |_| {
        if let Some(el) = holder.get() {
            let done = move |r: Result<(), wasm_bindgen::JsValue>| match r {
                Ok(()) => notices.info(settings.d().saved),
                Err(e) => failed(e),
            };
            if let Err(e) = save_png(&el, file, done) {
                failed(e);
            }
        }
    };
    view! {
        <div class=if wide { "card chart-card wide" } else { "card chart-card" }>
            <div class="chart-head">
                <h2>{move || title.get()}</h2>
                <div class="row">
                    <button type="button" class="ghost small" on:click=svg aria-label=move || format!("{} – {}", d().save_svg, title.get())>{move || d().save_svg}</button>
                    <button type="button" class="ghost small" on:click=png aria-label=move || format!("{} – {}", d().save_png, title.get())>{move || d().save_png}</button>
                </div>
            </div>
            <p class="muted small">{move || explain.get()}</p>
            <div class="chart-holder" node_ref=holder>{children()}</div>
        </div>
    }
}

#[component]
pub fn TrendPanel(
    kpis: Memo<Option<(Trend, Option<Trend>)>>,
    query: Memo<Option<Query>>,
) -> impl IntoView {
    let settings = use_settings();
    let d = move || settings.d();
    let chart = move || {
        let (now, before) = kpis.get()?;
        let q = query.get()?;
        let locale = settings.locale();
        let currency = settings.currency();
        let scale = currency.minor_per_major();
        let mut labels: Vec<String> = now
            .periods
            .iter()
            .map(|p| period_label(p.start, q.grain, locale))
            .collect();
        // The period still running is marked: its low value is "so far", not a fall.
        let unfinished = now.last_unfinished(q.grain, platform::today());
        let note = labels
            .last()
            .filter(|_| unfinished)
            .map(|l| d().unfinished_note.replace("{p}", l));
        if let (true, Some(last)) = (unfinished, labels.last_mut()) {
            last.push_str(d().so_far);
        }
        let revenue = |t: &Trend| -> Vec<f64> {
            t.periods.iter().map(|p| p.revenue as f64 / scale).collect()
        };
        let mut lines = vec![Line {
            values: revenue(&now),
            name: d().this_period.to_string(),
            dashed: false,
            open_end: unfinished,
        }];
        if let Some(b) = &before {
            lines.push(Line {
                values: revenue(b),
                name: d().before_period.to_string(),
                dashed: true,
                open_end: false,
            });
        }
        let starts: Vec<Vec<clientele_core::time::Day>> = std::iter::once(&now)
            .chain(before.as_ref())
            .map(|t| t.periods.iter().map(|p| p.start).collect())
            .collect();
        let point = move |line: usize, i: usize, v: f64| {
            let day = starts[line].get(i).copied();
            d().bar(
                &day.map(|x| settings.date(x)).unwrap_or_default(),
                &settings.money_major(v, currency),
            )
        };
        Some(view! {
            {line_chart(
                d().trend_title.to_string(),
                labels,
                lines,
                move |v| compact(v, locale),
                point,
            )}
            {note.map(|n| view! { <p class="muted small">{n}</p> })}
        })
    };
    view! {
        <ChartCard title=Signal::derive(move || d().trend_title.to_string()) explain=Signal::derive(move || d().trend_explain.to_string()) file="revenue-trend" wide=true>
            {chart}
        </ChartCard>
    }
}

#[component]
pub fn SegmentsPanel() -> impl IntoView {
    let settings = use_settings();
    let segments = use_segments();
    let d = move || settings.d();
    let chart = move || {
        let a = segments.analysis();
        let s = settings.s();
        let (buyers, revenue) = (a.buyers.max(1) as f64, a.revenue.max(1) as f64);
        let locale = settings.locale();
        let rows = Segment::ALL
            .into_iter()
            .map(|seg| {
                let t = a.segments[seg as usize];
                let shares = [t.customers as f64 / buyers, t.revenue as f64 / revenue];
                let name = s.segment(seg).to_string();
                let titles = [
                    d().bar(
                        &name,
                        &format!(
                            "{} ({})",
                            settings.integer(t.customers as i64),
                            percent(shares[0], locale)
                        ),
                    ),
                    d().bar(
                        &name,
                        &format!(
                            "{} ({})",
                            settings.money(t.revenue, settings.currency()),
                            percent(shares[1], locale)
                        ),
                    ),
                ];
                (name, shares, titles)
            })
            .collect();
        paired_bars(
            d().segments_title.to_string(),
            rows,
            [d().col_customers.to_string(), d().col_share.to_string()],
        )
    };
    view! {
        <ChartCard title=Signal::derive(move || d().segments_title.to_string()) explain=Signal::derive(move || d().segments_explain.to_string()) file="rfm-segments">
            {chart}
        </ChartCard>
    }
}

#[component]
pub fn GridPanel() -> impl IntoView {
    let settings = use_settings();
    let segments = use_segments();
    let d = move || settings.d();
    let chart = move || {
        let a = segments.analysis();
        let max = a.grid_max(|t| t.customers as i64) as f64;
        let rows = (1..=5u8)
            .rev()
            .map(|r| {
                let cells = (1..=5u8)
                    .map(|fm| {
                        let t = a.grid[r as usize - 1][fm as usize - 1];
                        let n = settings.integer(t.customers as i64);
                        Some(Cell {
                            heat: (t.customers as f64 / max).sqrt(),
                            title: d()
                                .grid_cell
                                .replace("{x}", &r.to_string())
                                .replace("{k}", &fm.to_string())
                                .replace("{n}", &n),
                            text: n,
                        })
                    })
                    .collect();
                (format!("R{r}"), cells)
            })
            .collect();
        heat_map(
            d().grid_title.to_string(),
            (1..=5).map(|fm| format!("FM{fm}")).collect(),
            rows,
            84.0,
            40.0,
        )
    };
    view! {
        <ChartCard title=Signal::derive(move || d().grid_title.to_string()) explain=Signal::derive(move || d().grid_explain.to_string()) file="rfm-grid">
            {chart}
        </ChartCard>
    }
}

#[component]
pub fn CohortPanel(query: Memo<Option<Query>>) -> impl IntoView {
    let settings = use_settings();
    let data = use_data();
    let d = move || settings.d();
    let chart = move || {
        let q = query.get()?;
        let offset = platform::utc_offset_minutes();
        let cohorts = data.with(|db| trends::cohorts(db, q.range, offset));
        let locale = settings.locale();
        let rows: Vec<_> = cohorts.rows.iter().filter(|r| r.size > 0).collect();
        if rows.is_empty() {
            return Some(view! { <p class="muted">{d().no_cohorts}</p> }.into_any());
        }
        let width = rows
            .iter()
            .map(|r| r.active.len())
            .max()
            .unwrap_or(1)
            .min(13);
        // The darkest cell is the best retention after the first month.
        let best = rows
            .iter()
            .flat_map(|r| (1..width).filter_map(|k| r.retention(k)))
            .fold(0.0, f64::max)
            .max(1e-9);
        let mut columns = vec![d().col_customers.to_string()];
        columns.extend((1..width).map(|k| format!("+{k}")));
        let table = rows
            .iter()
            .map(|r| {
                let name = period_label(r.month, trends::Grain::Month, locale);
                let mut cells = vec![Some(Cell {
                    heat: 0.0,
                    text: settings.integer(r.size as i64),
                    title: d().bar(&name, &settings.integer(r.size as i64)),
                })];
                cells.extend((1..width).map(|k| {
                    let share = r.retention(k)?;
                    let p = percent(share, locale);
                    Some(Cell {
                        heat: share / best,
                        title: d()
                            .cohort_cell
                            .replace("{x}", &name)
                            .replace("{k}", &k.to_string())
                            .replace("{p}", &p),
                        text: format!("{:.0}%", share * 100.0),
                    })
                }));
                (name, cells)
            })
            .collect();
        Some(heat_map(d().cohorts_title.to_string(), columns, table, 56.0, 64.0).into_any())
    };
    view! {
        <ChartCard title=Signal::derive(move || d().cohorts_title.to_string()) explain=Signal::derive(move || d().cohorts_explain.to_string()) file="cohorts" wide=true>
            {chart}
        </ChartCard>
    }
}

#[component]
pub fn ClvPanel() -> impl IntoView {
    let settings = use_settings();
    let segments = use_segments();
    let d = move || settings.d();
    let chart = move || {
        let a = segments.analysis();
        let p = &a.potential;
        match &p.models {
            Some(Err(e)) => {
                return view! { <p class="muted">{d().no_model.replace("{x}", &settings.t().fit_reason(e))}</p> }.into_any()
            }
            None => return view! { <p class="muted">{d().computing}</p> }.into_any(),
            Some(Ok(_)) => {}
        }
        let mut values: Vec<f64> = p.clv.iter().copied().filter(|v| v.is_finite()).collect();
        values.sort_by(f64::total_cmp);
        let locale = settings.locale();
        let currency = settings.currency();
        let total: f64 = values.iter().sum();
        // Ten bands up to the 95th percentile (a round width), the rest in the last.
        let high = values.get(values.len() * 95 / 100).copied().unwrap_or(0.0);
        let width = clientele_core::format::nice_top((high * 0.4).max(1e-9)) / 4.0;
        let bands = 10usize;
        let mut counts = vec![0u32; bands];
        for v in &values {
            counts[((v / width).floor().max(0.0) as usize).min(bands - 1)] += 1;
        }
        let bars = counts
            .iter()
            .enumerate()
            .map(|(i, n)| {
                let lo = width * i as f64;
                let label = if i + 1 == bands {
                    format!("≥{}", compact(lo, locale))
                } else {
                    compact(lo, locale)
                };
                let range = if i + 1 == bands {
                    format!("≥ {}", settings.money_major(lo, currency))
                } else {
                    format!(
                        "{} – {}",
                        settings.money_major(lo, currency),
                        settings.money_major(lo + width, currency)
                    )
                };
                Bar {
                    label,
                    value: *n as f64,
                    title: d()
                        .clv_bin
                        .replace("{x}", &range)
                        .replace("{n}", &settings.integer(*n as i64)),
                    shown: compact(*n as f64, locale),
                }
            })
            .collect();
        view! {
            {column_chart(settings.with_months(d().clv_title, &a.potential.horizon), bars, move |v| compact(v, locale))}
            <p class="small">{d().clv_total.replace("{n}", &settings.money_major(total, currency))}</p>
        }
        .into_any()
    };
    view! {
        <ChartCard title=Signal::derive(move || settings.with_months(d().clv_title, &segments.analysis().potential.horizon)) explain=Signal::derive(move || d().clv_explain.to_string()) file="lifetime-value">
            {chart}
        </ChartCard>
    }
}
