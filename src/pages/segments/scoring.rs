//! Scoring and value settings: which purchases count, fixed cut points instead of quintiles,
//! lifecycle thresholds (derived from the data unless set), and the segment of each
//! cell of the R × FM grid; and what lifetime values are computed over (months, discount).

use crate::components::{SelectField, TextField};
use crate::state::{use_segments, use_settings, AnalysisSettings};
use clientele_core::format::{self, Locale};
use clientele_core::segment::lifecycle::Thresholds;
use clientele_core::segment::rfm::{parse_cuts, Scoring, Segment, SegmentMap};
use leptos::prelude::*;

fn cuts_text(s: &Scoring, locale: Locale) -> String {
    match s {
        Scoring::Quintiles => String::new(),
        Scoring::Thresholds(c) => c
            .iter()
            .map(|x| format::decimal(*x, if x.fract() == 0.0 { 0 } else { 2 }, locale))
            .collect::<Vec<_>>()
            .join("; "),
    }
}

fn parse_days(s: &str) -> Option<u32> {
    s.trim().parse::<u32>().ok().filter(|n| *n > 0)
}

#[component]
pub fn ScoringSettings() -> impl IntoView {
    let settings = use_settings();
    let segments = use_segments();
    let s = move || settings.s();
    let locale = settings.locale();
    let current = settings.settings.with_untracked(|x| x.analysis.clone());
    let window = RwSignal::new(
        current
            .window_days
            .map(|d| d.to_string())
            .unwrap_or_default(),
    );
    let cuts = [
        RwSignal::new(cuts_text(&current.scoring.recency, locale)),
        RwSignal::new(cuts_text(&current.scoring.frequency, locale)),
        RwSignal::new(cuts_text(&current.scoring.monetary, locale)),
    ];
    let stage = |f: fn(&Thresholds) -> u32| {
        RwSignal::new(
            current
                .stages
                .as_ref()
                .map(|t| f(t).to_string())
                .unwrap_or_default(),
        )
    };
    let at_risk = stage(|t| t.at_risk_days);
    let lapsed = stage(|t| t.lapsed_days);
    let loyal = stage(|t| t.loyal_purchases);
    let map = RwSignal::new(current.map.clone());
    let months = RwSignal::new(current.clv_months().to_string());
    let discount = RwSignal::new(
        current
            .clv_discount
            .map(|d| {
                // Up to four decimals, without trailing zeros.
                let s = format::decimal(d, 4, locale);
                let s = s.trim_end_matches('0');
                s.trim_end_matches(['.', ',']).to_string()
            })
            .unwrap_or_default(),
    );
    let months_options = Signal::derive(move || {
        AnalysisSettings::MONTHS
            .map(|n| (n.to_string(), s().clv_months.replace("{n}", &n.to_string())))
            .to_vec()
    });
    let errors = RwSignal::new([false; 5]);
    let window_options = Signal::derive(move || {
        let mut v = vec![(String::new(), s().window_all.to_string())];
        v.extend([90, 180, 365, 730].map(|d| {
            (
                d.to_string(),
                s().window_days.replace("{n}", &d.to_string()),
            )
        }));
        v
    });
    let derived = move || {
        let t = segments.analysis().thresholds;
        s().derived_hint.replace(
            "{x}",
            &format!(
                "{} / {} / {}",
                t.at_risk_days, t.lapsed_days, t.loyal_purchases
            ),
        )
    };
    let apply = move |_| {
        let locale = settings.locale();
        let parsed: Vec<Option<Scoring>> = cuts
            .iter()
            .map(|c| parse_cuts(&c.get_untracked(), locale))
            .collect();
        let days = [at_risk, lapsed, loyal].map(|x| x.get_untracked());
        let all_empty = days.iter().all(|d| d.trim().is_empty());
        let stages = match days
            .iter()
            .map(|d| parse_days(d))
            .collect::<Option<Vec<u32>>>()
        {
            Some(v) if v[0] < v[1] => Some(Some(Thresholds {
                at_risk_days: v[0],
                lapsed_days: v[1],
                loyal_purchases: v[2],
            })),
            _ if all_empty => Some(None),
            _ => None,
        };
        let rate = discount.get_untracked();
        let rate = if rate.trim().is_empty() {
            Some(None)
        } else {
            format::parse_decimal(&rate, locale)
                .filter(|r| (0.0..=20.0).contains(r))
                .map(Some)
        };
        errors.set([
            parsed[0].is_none(),
            parsed[1].is_none(),
            parsed[2].is_none(),
            stages.is_none(),
            rate.is_none(),
        ]);
        let (Some(r), Some(f), Some(m), Some(stages), Some(rate)) = (
            parsed[0].clone(),
            parsed[1].clone(),
            parsed[2].clone(),
            stages,
            rate,
        ) else {
            return;
        };
        let next = AnalysisSettings {
            window_days: window.get_untracked().parse().ok(),
            scoring: clientele_core::segment::rfm::ScoringRules {
                recency: r,
                frequency: f,
                monetary: m,
            },
            map: map.get_untracked(),
            stages,
            clv_months: months
                .get_untracked()
                .parse()
                .ok()
                .filter(|n| *n != AnalysisSettings::CLV_MONTHS),
            clv_discount: rate,
        };
        settings.update(|x| x.analysis = next);
    };
    let err = move |i: usize| {
        Signal::derive(move || errors.get()[i].then(|| s().cuts_invalid.to_string()))
    };
    let unreachable = move || {
        let v = map.with(SegmentMap::unreachable);
        (!v.is_empty()).then(|| {
            let names: Vec<&str> = v.into_iter().map(|x| s().segment(x)).collect();
            view! { <p class="warning" role="status">{s().unreachable.replace("{x}", &names.join(", "))}</p> }
        })
    };
    let map_rows = move || {
        (1..=5u8)
            .rev()
            .map(|r| {
                let cells = (1..=5u8)
                    .map(|fm| {
                        let value = RwSignal::new(format!("{:?}", map.with_untracked(|m| m.cell(r, fm))));
                        Effect::new(move |_| {
                            let v = value.get();
                            if let Some(seg) = Segment::ALL.into_iter().find(|x| format!("{x:?}") == v) {
                                if map.with_untracked(|m| m.cell(r, fm)) != seg {
                                    map.update(|m| m.set(r, fm, seg));
                                }
                            }
                        });
                        let options = Signal::derive(move || Segment::ALL.into_iter().map(|x| (format!("{x:?}"), s().segment(x).to_string())).collect::<Vec<_>>());
                        let label = Signal::derive(move || s().map_cell.replace("{r}", &r.to_string()).replace("{fm}", &fm.to_string()));
                        view! { <td><SelectField label=label value=value options=options class="compact map-cell"/></td> }
                    })
                    .collect_view();
                view! { <tr><th scope="row">{format!("R{r}")}</th>{cells}</tr> }
            })
            .collect_view()
    };
    let reset = move |_| map.set(SegmentMap::default());
    view! {
        <details class="card scoring">
            <summary><h2>{move || s().settings_title}</h2></summary>
            <div class="form-grid">
                <SelectField label=Signal::derive(move || s().window_label.to_string()) value=window options=window_options/>
                <TextField label=Signal::derive(move || s().cuts_label.recency.to_string()) value=cuts[0] hint=Signal::derive(move || Some(s().cuts_hint.to_string())) error=err(0)/>
                <TextField label=Signal::derive(move || s().cuts_label.frequency.to_string()) value=cuts[1] error=err(1)/>
                <TextField label=Signal::derive(move || s().cuts_label.monetary.to_string()) value=cuts[2] error=err(2)/>
                <TextField label=Signal::derive(move || s().at_risk_label.to_string()) value=at_risk hint=Signal::derive(move || Some(derived())) error=Signal::derive(move || errors.get()[3].then(|| s().cuts_invalid.to_string()))/>
                <TextField label=Signal::derive(move || s().lapsed_label.to_string()) value=lapsed/>
                <TextField label=Signal::derive(move || s().loyal_label.to_string()) value=loyal/>
                <SelectField label=Signal::derive(move || s().clv_months_label.to_string()) value=months options=months_options/>
                <TextField label=Signal::derive(move || s().clv_discount_label.to_string()) value=discount hint=Signal::derive(move || Some(s().clv_discount_hint.to_string())) error=Signal::derive(move || errors.get()[4].then(|| s().clv_discount_invalid.to_string()))/>
            </div>
            <h3>{move || s().map_title}</h3>
            <div class="table-scroll">
                <table class="map-editor">
                    <thead><tr><th></th>{(1..=5).map(|fm| view! { <th scope="col">{format!("FM{fm}")}</th> }).collect_view()}</tr></thead>
                    <tbody>{map_rows}</tbody>
                </table>
            </div>
            {unreachable}
            <div class="row">
                <button type="button" on:click=reset>{move || s().reset_map}</button>
                <button type="button" class="primary" on:click=apply>{move || s().apply}</button>
            </div>
        </details>
    }
}
