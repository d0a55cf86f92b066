//! The customer's one status and next step (`segment::verdict`: the RFM segment, the
//! lifecycle stage and the model reconciled), how it was decided behind a
//! disclosure, and the saved segments they belong to.

use crate::state::{use_data, use_segments, use_settings};
use clientele_core::segment::verdict::{verdict, Product};
use clientele_core::Id;
use leptos::prelude::*;

#[component]
pub fn StatusCard(customer: Id) -> impl IntoView {
    let data = use_data();
    let segments = use_segments();
    let settings = use_settings();
    let s = move || settings.s();
    let content = move || {
        let a = segments.analysis();
        let (p, fits) = data.with(|db| (db.position(customer), a.fits(db)));
        let p = p.filter(|_| fits)?;
        let i = p as usize;
        let v = data.with(|db| verdict(db, &a, p));
        let product = v.product.map(|x| match x {
            Product::Next(t) | Product::BestSeller(t) => {
                data.with(|db| db.terms().text(t).to_string())
            }
        });
        let action = match &product {
            Some(name) => s().actions_with.of(v.action).replace("{x}", name),
            None => s().actions.of(v.action).to_string(),
        };
        let note = match (v.product, &product) {
            (Some(Product::BestSeller(_)), Some(name)) => {
                Some(s().best_seller_note.replace("{x}", name))
            }
            _ => None,
        };
        let scored = a.r.get(i).copied().unwrap_or(0) > 0;
        let segment = a.segment.get(i).copied().flatten();
        let stage = a.stage.get(i).copied();
        let member_of: Vec<_> = segments
            .list()
            .into_iter()
            .filter(|seg| segments.members(seg.id).binary_search(&p).is_ok())
            .collect();
        Some(view! {
            <p class="verdict">
                <strong class=format!("status status-{}", v.status.code())>{s().status_names.of(v.status)}</strong>
                " "<span class="muted">{s().status_why.of(v.status)}</span>
            </p>
            <dl class="facts">
                <div>
                    <dt>{s().next_step}</dt>
                    <dd>
                        {action}
                        {note.map(|n| view! { <br/><span class="muted small">{n}</span> })}
                    </dd>
                </div>
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
            <details class="advanced">
                <summary>{s().how_decided}</summary>
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
                        <div><dt>{s().rfm_segment}</dt><dd>{s().segment(seg)}</dd></div>
                    })}
                    {stage.map(|st| view! {
                        <div><dt>{s().stage}</dt><dd>{s().stage_name(st)}</dd></div>
                    })}
                </dl>
            </details>
        })
    };
    view! {
        <section class="card" aria-labelledby="status-title">
            <h2 id="status-title">{move || s().customer_card}</h2>
            {content}
        </section>
    }
}
