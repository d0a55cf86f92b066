//! Bought together: the cross-sell rules of products (mined with the analysis) or
//! categories (mined here when asked for), with support, confidence and lift, and one
//! click to make a segment of the customers a rule points at.

use crate::components::{Choice, ChoiceField};
use crate::pages::segments::SegmentMaker;
use crate::state::{use_data, use_segments, use_settings};
use clientele_core::crosssell::{self, Rule, Rules};
use clientele_core::format::{decimal, percent};
use clientele_core::purchases::TermKind;
use clientele_core::segment::presets;
use clientele_core::segment::saved::SavedSegment;
use leptos::prelude::*;
use std::sync::Arc;

/// Rules shown at first.
const SHOWN: usize = 10;
/// Rules added by each "Show more": a page of them, never thousands at once.
const PAGE: usize = 50;

impl Choice for TermKind {
    fn code(self) -> &'static str {
        match self {
            TermKind::Product => "product",
            TermKind::Category => "category",
            TermKind::Sku => "sku",
            TermKind::Store => "store",
        }
    }
}

#[component]
pub fn CrossSellPanel() -> impl IntoView {
    let settings = use_settings();
    let segments = use_segments();
    let data = use_data();
    let maker = SegmentMaker::new();
    let d = move || settings.d();
    let kind = RwSignal::new(TermKind::Product);
    // How many rules are shown (thousands exist on real data: a page at a time).
    let count = RwSignal::new(SHOWN);
    let kind_options = Signal::derive(move || {
        let w = &d().xsell_kinds;
        vec![
            (TermKind::Product, w.products.to_string()),
            (TermKind::Category, w.categories.to_string()),
        ]
    });
    // Products come with the analysis; categories are mined on demand.
    let rules: Memo<Option<Arc<Rules>>> = Memo::new(move |_| {
        if kind.get() == TermKind::Category {
            data.revision.track();
            let s = crosssell::Settings {
                kind: TermKind::Category,
                ..Default::default()
            };
            Some(Arc::new(data.untracked(|db| crosssell::mine(db, &s))))
        } else {
            segments.analysis().cross_sell.clone().map(Arc::new)
        }
    });
    let make = move |rules: &Rules, rule: &Rule| {
        let Some(target) = presets::cross_sell_target(rules, rule) else {
            return;
        };
        let (x, y) = names(rules, rule);
        let name = d().xsell_segment.replace("{x}", &x).replace("{k}", &y);
        let n = (f64::from(rule.count) / rule.confidence).round() as i64 - i64::from(rule.count);
        let segment = SavedSegment {
            description: name.clone(),
            name,
            rule: Some(target),
            members: Vec::new(),
            created_at: crate::platform::now_ms(),
            deleted: false,
        };
        maker.create(
            segment,
            d().segment_made.replace("{n}", &settings.integer(n)),
        );
    };
    let table = move || {
        let Some(rules) = rules.get() else {
            return view! { <p class="muted">{d().computing}</p> }.into_any();
        };
        if rules.rules.is_empty() {
            return view! { <p>{d().no_rules}</p> }.into_any();
        }
        let locale = settings.locale();
        let shown = count.get().min(rules.rules.len());
        let make = make.clone();
        let rows = rules
            .rules
            .iter()
            .take(shown)
            .enumerate()
            .map(|(i, r)| {
                let (x, y) = names(&rules, r);
                let label = d().xsell_target.replace("{x}", &x).replace("{k}", &y);
                let (list, make) = (rules.clone(), make.clone());
                view! {
                    <tr>
                        <td>{x}</td>
                        <th scope="row">{y}</th>
                        <td class="num">{settings.integer(i64::from(r.count))}</td>
                        <td class="num">{percent(r.support, locale)}</td>
                        <td class="num">{percent(r.confidence, locale)}</td>
                        <td class="num">{decimal(r.lift, 2, locale)}</td>
                        <td>
                            <button type="button" class="ghost small" aria-label=label on:click=move |_| make(&list, &list.rules[i])>
                                {d().xsell_make}
                            </button>
                        </td>
                    </tr>
                }
            })
            .collect_view();
        let total = rules.rules.len();
        let left = total - shown;
        let more = (left > 0).then(|| {
            let k = left.min(PAGE);
            view! {
                <button type="button" class="ghost" on:click=move |_| count.update(|c| *c += PAGE)>
                    {d().show_more.replace("{k}", &settings.integer(k as i64)).replace("{n}", &settings.integer(left as i64))}
                </button>
            }
        });
        let fewer = (shown > SHOWN).then(|| view! {
            <button type="button" class="ghost" on:click=move |_| count.set(SHOWN)>{d().show_fewer}</button>
        });
        view! {
            <p class="muted small">
                {d().xsell_count
                    .replace("{n}", &settings.integer(rules.rules.len() as i64))
                    .replace("{k}", &settings.integer(i64::from(rules.baskets)))}
            </p>
            <div class="table-scroll">
                <table class="plain">
                    <caption class="sr-only">{d().xsell_title}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{d().col_bought}</th>
                            <th scope="col">{d().col_also}</th>
                            <th scope="col" class="num">{d().col_customers}</th>
                            <th scope="col" class="num">{d().col_support}</th>
                            <th scope="col" class="num">{d().col_confidence}</th>
                            <th scope="col" class="num">{d().col_lift}</th>
                            <th scope="col"><span class="sr-only">{d().xsell_make}</span></th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <div class="actions start">{more}{fewer}</div>
        }
        .into_any()
    };
    view! {
        <div class="card">
            <div class="chart-head">
                <h2>{move || d().xsell_title}</h2>
                <ChoiceField label=Signal::derive(move || d().xsell_kind.to_string()) value=kind options=kind_options class="compact"/>
            </div>
            <p class="muted small">{move || d().xsell_explain}</p>
            {table}
        </div>
    }
}

/// A rule's antecedent ("A + B") and consequent as shown.
fn names(rules: &Rules, r: &Rule) -> (String, String) {
    (
        rules.names_of(&r.antecedent).join(" + "),
        rules.name(r.consequent).to_string(),
    )
}
