//! The Segments page: the RFM grid as a heat map, the named RFM segments with advice,
//! lifecycle stages, saved segments, and the scoring settings.

use super::scoring::ScoringSettings;
use crate::state::{use_segments, use_settings};
use clientele_core::segment::lifecycle::Stage;
use clientele_core::segment::rfm::Segment;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn SegmentsPage() -> impl IntoView {
    let settings = use_settings();
    let segments = use_segments();
    let s = move || settings.s();
    let has_buyers = move || segments.analysis().buyers > 0;
    view! {
        <section class="page segments-page">
            <div class="page-head">
                <h1>{move || s().title}</h1>
                <div class="row">
                    <A href="/segments/clusters" attr:class="button">{move || s().clusters_title}</A>
                    <A href="/segments/new" attr:class="button primary">{move || s().new_segment}</A>
                </div>
            </div>
            <p class="muted" aria-live="polite">{move || segments.busy.get().then(|| s().computing)}</p>
            <SavedList/>
            <Show when=has_buyers fallback=move || view! { <p class="empty">{s().no_data}</p> }>
                <div class="columns">
                    <RfmGrid/>
                    <Stages/>
                </div>
                <NamedSegments/>
            </Show>
            <ScoringSettings/>
        </section>
    }
}

#[component]
fn RfmGrid() -> impl IntoView {
    let settings = use_settings();
    let segments = use_segments();
    let s = move || settings.s();
    let by_revenue = RwSignal::new(false);
    let cells = move || {
        let a = segments.analysis();
        let max_n = a.grid_max(|t| t.customers as i64);
        let max_r = a.grid_max(|t| t.revenue);
        let revenue = by_revenue.get();
        let main = settings.currency();
        (1..=5u8)
            .rev()
            .map(|r| {
                let row = (1..=5u8)
                    .map(|fm| {
                        let t = a.grid[r as usize - 1][fm as usize - 1];
                        let share = if revenue {
                            t.revenue as f64 / max_r as f64
                        } else {
                            t.customers as f64 / max_n as f64
                        };
                        let segment = a.params.as_ref().map(|p| p.map.cell(r, fm));
                        let shown = if revenue {
                            settings.money(t.revenue, main)
                        } else {
                            settings.integer(t.customers as i64)
                        };
                        let style = format!("--heat: {:.3}", share.sqrt());
                        // The link's name is its own text, with the cell's place read
                        // out first ("R5 FM4: 12 — Loyal"): no label that differs from
                        // what is seen.
                        view! {
                            <td>
                                <a class="cell" href=format!("/segments/new?r={r}&fm={fm}") style=style>
                                    <span class="sr-only">{s().cell(r, fm, "")}</span>
                                    <span class="n">{shown}</span>
                                    <span class="sr-only">" — "</span>
                                    <span class="seg">{segment.map(|x| s().segment(x))}</span>
                                </a>
                            </td>
                        }
                    })
                    .collect_view();
                view! { <tr><th scope="row">{format!("R{r}")}</th>{row}</tr> }
            })
            .collect_view()
    };
    view! {
        <div class="card grid-card">
            <h2>{move || s().grid_title}</h2>
            <p class="muted small">{move || s().grid_explain}</p>
            <label class="check">
                <input type="checkbox" prop:checked=move || by_revenue.get() on:change=move |ev| by_revenue.set(event_target_checked(&ev))/>
                {move || s().show_revenue}
            </label>
            <table class="rfm-grid">
                <caption class="sr-only">{move || s().grid_title}</caption>
                <thead>
                    <tr>
                        <th scope="col"><span class="sr-only">{move || s().axis_r}</span></th>
                        {(1..=5).map(|fm| view! { <th scope="col">{format!("FM{fm}")}</th> }).collect_view()}
                    </tr>
                </thead>
                <tbody>{cells}</tbody>
            </table>
            <p class="axes muted small">{move || format!("↑ {} · → {}", s().axis_r, s().axis_fm)}</p>
        </div>
    }
}

#[component]
fn Stages() -> impl IntoView {
    let settings = use_settings();
    let segments = use_segments();
    let s = move || settings.s();
    let rows = move || {
        let a = segments.analysis();
        Stage::ALL
            .into_iter()
            .map(|st| {
                let n = a.stages[st as usize];
                view! {
                    <tr>
                        <th scope="row"><a href=format!("/segments/new?stage={}", st.code())>{s().stage_name(st)}</a></th>
                        <td class="num">{settings.integer(n as i64)}</td>
                    </tr>
                }
            })
            .collect_view()
    };
    let thresholds = move || {
        let t = segments.analysis().thresholds;
        format!(
            "{} {} · {} {} · {} {}",
            s().at_risk_label,
            t.at_risk_days,
            s().lapsed_label,
            t.lapsed_days,
            s().loyal_label,
            t.loyal_purchases
        )
    };
    view! {
        <div class="card">
            <h2>{move || s().stages_title}</h2>
            <table class="plain">
                <thead><tr><th scope="col">{move || s().stage}</th><th scope="col" class="num">{move || s().col_customers}</th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
            <p class="muted small">{thresholds}</p>
        </div>
    }
}

#[component]
fn NamedSegments() -> impl IntoView {
    let settings = use_settings();
    let segments = use_segments();
    let s = move || settings.s();
    let rows = move || {
        let a = segments.analysis();
        let main = settings.currency();
        Segment::ALL
            .into_iter()
            .map(|seg| {
                let t = a.segments[seg as usize];
                view! {
                    <tr>
                        <th scope="row"><a href=format!("/segments/new?rfm={}", seg.code())>{s().segment(seg)}</a></th>
                        <td class="num">{settings.integer(t.customers as i64)}</td>
                        <td class="num">{settings.money(t.revenue, main)}</td>
                        <td class="advice">{s().advice(seg)}</td>
                    </tr>
                }
            })
            .collect_view()
    };
    view! {
        <div class="card">
            <h2>{move || s().named_title}</h2>
            <div class="table-scroll">
                <table class="plain">
                    <thead>
                        <tr>
                            <th scope="col">{move || s().col_segment}</th>
                            <th scope="col" class="num">{move || s().col_customers}</th>
                            <th scope="col" class="num">{move || s().col_revenue}</th>
                            <th scope="col">{move || s().col_advice}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </div>
    }
}

#[component]
fn SavedList() -> impl IntoView {
    let settings = use_settings();
    let segments = use_segments();
    let s = move || settings.s();
    let items = move || {
        segments
            .list()
            .into_iter()
            .map(|seg| {
                let n = segments.members(seg.id).len();
                let kind = if seg.data.is_live() { s().live } else { s().static_list };
                view! {
                    <li>
                        <a href=format!("/segments/{}", seg.id)>{seg.data.name.clone()}</a>
                        <span class="badge">{kind}</span>
                        <span class="muted">{settings.t().customer_count(n, &settings.integer(n as i64))}</span>
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <div class="card">
            <h2>{move || s().saved_title}</h2>
            <Show when=move || !segments.list().is_empty() fallback=move || view! { <p class="muted">{s().none_saved}</p> }>
                <ul class="saved-list">{items}</ul>
            </Show>
        </div>
    }
}
