//! Valuable customers at risk: the top spenders the models say are probably gone, and
//! one click to make them a live segment (to win them back).

use crate::pages::segments::SegmentMaker;
use crate::state::{use_data, use_segments, use_settings};
use clientele_core::clv::potential::valuable_at_risk;
use clientele_core::segment::presets;
use clientele_core::segment::saved::SavedSegment;
use leptos::prelude::*;

/// Rows shown; the segment holds them all.
const SHOWN: usize = 10;

#[component]
pub fn AtRiskPanel() -> impl IntoView {
    let settings = use_settings();
    let segments = use_segments();
    let data = use_data();
    let maker = SegmentMaker::new();
    let d = move || settings.d();
    let found = Memo::new(move |_| {
        let a = segments.analysis();
        let currency = settings.currency();
        data.with(|db| {
            if !a.fits(db) {
                return (0, Vec::new());
            }
            valuable_at_risk(db, &a.potential, currency)
        })
    });
    let rows = move || {
        let a = segments.analysis_untracked();
        let currency = settings.currency();
        let (_, list) = found.get();
        data.untracked(|db| {
            list.iter()
                .take(SHOWN)
                .map(|&p| {
                    let c = db.at(p);
                    let stats = db.stats_at(p);
                    let chance = a.potential.p_alive_at(p).unwrap_or(f64::NAN);
                    view! {
                        <tr>
                            <th scope="row"><a href=format!("/customers/{}", c.id)>{c.data.name()}</a></th>
                            <td class="num">{settings.money(stats.spent_in(currency), currency)}</td>
                            <td class="num">{stats.last_order.map(|ms| settings.date_of(ms))}</td>
                            <td class="num">{settings.chance(chance)}</td>
                        </tr>
                    }
                })
                .collect_view()
        })
    };
    let make = move |_| {
        let (threshold, list) = found.get_untracked();
        let currency = settings.currency();
        let n = list.len();
        let segment = SavedSegment {
            name: d().segment_name.to_string(),
            description: format!(
                "{} ≥ {}",
                settings.d().col_spent,
                settings.money(threshold, currency)
            ),
            rule: Some(presets::at_risk(threshold, currency)),
            members: Vec::new(),
            created_at: crate::platform::now_ms(),
            deleted: false,
        };
        maker.create(
            segment,
            settings
                .d()
                .segment_made
                .replace("{n}", &settings.integer(n as i64)),
        );
    };
    view! {
        <div class="card">
            <h2>{move || d().at_risk_title}</h2>
            <p class="muted small">{move || d().at_risk_explain}</p>
            <Show when=move || !found.with(|f| f.1.is_empty()) fallback=move || view! { <p>{d().none_at_risk}</p> }>
                <div class="table-scroll">
                    <table class="plain">
                        <caption class="sr-only">{move || d().at_risk_title}</caption>
                        <thead>
                            <tr>
                                <th scope="col">{move || d().col_name}</th>
                                <th scope="col" class="num">{move || d().col_spent}</th>
                                <th scope="col" class="num">{move || d().col_last}</th>
                                <th scope="col" class="num">{move || d().col_chance}</th>
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
                <p class="muted small">{move || settings.t().customer_count(found.with(|f| f.1.len()), &settings.integer(found.with(|f| f.1.len()) as i64))}</p>
                <button type="button" class="primary" on:click=make.clone()>{move || d().make_segment}</button>
            </Show>
        </div>
    }
}
