//! The customer's place in the segments: RFM scores and segment (with advice), the
//! lifecycle stage, and the saved segments they belong to.

use crate::state::{use_data, use_segments, use_settings};
use clientele_core::Id;
use leptos::prelude::*;

#[component]
pub fn SegmentsCard(customer: Id) -> impl IntoView {
    let data = use_data();
    let segments = use_segments();
    let settings = use_settings();
    let s = move || settings.s();
    let content = move || {
        let a = segments.analysis();
        let (p, fits) = data.with(|db| (db.position(customer), a.fits(db)));
        let p = p.filter(|_| fits)?;
        let i = p as usize;
        let scored = a.r.get(i).copied().unwrap_or(0) > 0;
        let segment = a.segment.get(i).copied().flatten();
        let stage = a.stage.get(i).copied();
        let member_of: Vec<_> = segments
            .list()
            .into_iter()
            .filter(|seg| segments.members(seg.id).binary_search(&p).is_ok())
            .collect();
        Some(view! {
            <dl class="facts">
                <div>
                    <dt>{s().scores}</dt>
                    <dd>{if scored {
                        format!("R {} · F {} · M {}", a.r[i], a.f[i], a.m[i])
                    } else {
                        s().no_purchases.to_string()
                    }}</dd>
                </div>
                {segment.map(|seg| view! {
                    <div>
                        <dt>{s().col_segment}</dt>
                        <dd><strong>{s().segment(seg)}</strong><br/><span class="muted">{s().advice(seg)}</span></dd>
                    </div>
                })}
                {stage.map(|st| view! {
                    <div><dt>{s().stage}</dt><dd>{s().stage_name(st)}</dd></div>
                })}
                <div>
                    <dt>{s().in_segments}</dt>
                    <dd>
                        {if member_of.is_empty() {
                            s().in_no_segments.into_any()
                        } else {
                            view! {
                                <ul class="inline-list">
                                    {member_of.into_iter().map(|seg| view! {
                                        <li><a href=format!("/segments/{}", seg.id)>{seg.data.name.clone()}</a></li>
                                    }).collect_view()}
                                </ul>
                            }.into_any()
                        }}
                    </dd>
                </div>
            </dl>
        })
    };
    view! {
        <div class="card">
            <h2>{move || s().customer_card}</h2>
            {content}
        </div>
    }
}
