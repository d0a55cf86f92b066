//! The customer's potential: lifetime value and purchases to expect over the next
//! 12 months, the chance they are still a customer, churn risk, and the products to
//! offer next with the buying pattern behind each.

use crate::state::{use_data, use_segments, use_settings};
use clientele_core::clv::predict::Risk;
use clientele_core::crosssell::{next_products, Suggestion};
use clientele_core::format::decimal;
use clientele_core::segment::analysis::NEXT;
use clientele_core::Id;
use leptos::prelude::*;

#[component]
pub fn PotentialCard(customer: Id) -> impl IntoView {
    let data = use_data();
    let segments = use_segments();
    let settings = use_settings();
    let t = move || settings.t();
    let content = move || {
        let a = segments.analysis();
        let (p, fits) = data.with(|db| (db.position(customer), a.fits(db)));
        let Some(p) = p.filter(|_| fits && a.potential.models.is_some()) else {
            return view! { <p class="muted">{t().potential_computing}</p> }.into_any();
        };
        let pot = &a.potential;
        let locale = settings.locale();
        let main = settings.currency();
        let risk = pot.risk_at(p);
        let orders = data.with(|db| db.stats_at(p).orders);
        // Why there is nothing to predict, if so: no purchases, no models, or no
        // purchases the models read (other currencies only).
        let message = match (&pot.models, risk) {
            _ if orders == 0 => Some(t().potential_no_purchases.to_string()),
            (Some(Err(e)), _) => Some(
                t().potential_not_fitted
                    .replace("{reason}", &t().fit_reason(e)),
            ),
            (_, None) => Some(t().potential_no_data.to_string()),
            _ => None,
        };
        let facts = risk.filter(|_| message.is_none()).map(|risk| {
            let clv = pot.clv_at(p).unwrap_or(f64::NAN);
            let alive = pot.p_alive_at(p).unwrap_or(f64::NAN);
            let expected = pot.expected_at(p).unwrap_or(f64::NAN);
            let or_dash = |ok: bool, s: String| if ok { s } else { "–".to_string() };
            // Next to no purchase expected: "₫0" or "₫1" would read as a real value.
            let tiny = pot.tiny_at(p);
            let band = settings.s().risk_names.of(risk);
            view! {
                <div>
                    <dt>{settings.with_months(t().potential_clv, &pot.horizon)}</dt>
                    <dd class="strong">
                        {or_dash(clv.is_finite() && !tiny, settings.money_major(clv, main))}
                        {tiny.then(|| view! { <br/><span class="muted small">{t().potential_tiny}</span> })}
                    </dd>
                </div>
                <div>
                    <dt>{t().potential_alive}</dt>
                    <dd>{or_dash(alive.is_finite(), settings.chance(alive))}</dd>
                </div>
                <div>
                    <dt>{t().potential_risk}</dt>
                    <dd>
                        <span class=format!("risk risk-{}", risk.code())>{band}</span>
                        {(risk == Risk::Unknown).then(|| view! {
                            <br/><span class="muted small">{t().potential_unknown_risk}</span>
                        })}
                    </dd>
                </div>
                <div>
                    <dt>{settings.with_months(t().potential_expected, &pot.horizon)}</dt>
                    <dd>{or_dash(expected.is_finite() && !tiny, decimal(expected, 1, locale))}</dd>
                </div>
            }
        });
        // Suggestions do not depend on the models: shown whenever they bought something.
        let bought_any = data.with(|db| !db.bought_at(p).terms.is_empty());
        let suggestions: Vec<(Suggestion, String, String)> = a
            .cross_sell
            .as_ref()
            .map(|rules| {
                data.with(|db| next_products(rules, db.bought_at(p), NEXT))
                    .into_iter()
                    .map(|s| {
                        let item = rules.name(s.item).to_string();
                        let because = rules.names_of(&s.rule.antecedent).join(", ");
                        (s, item, because)
                    })
                    .collect()
            })
            .unwrap_or_default();
        let next = bought_any.then(|| {
            let list = if suggestions.is_empty() {
                view! { <p class="muted">{t().potential_no_next}</p> }.into_any()
            } else {
                view! {
                    <ol class="next-products" aria-labelledby="potential-next">
                        {suggestions.into_iter().map(|(s, item, because)| view! {
                            <li>
                                <strong>{item}</strong>
                                <span class="muted">
                                    " — "{t().potential_because.replace("{x}", &because)}
                                    " · "{t().potential_confidence.replace("{p}", &settings.chance(s.rule.confidence))}
                                </span>
                            </li>
                        }).collect_view()}
                    </ol>
                    <p class="muted small">{t().potential_confidence_hint}</p>
                }
                .into_any()
            };
            view! {
                <div>
                    <dt id="potential-next">{t().potential_next}</dt>
                    <dd>{list}</dd>
                </div>
            }
        });
        let any_facts = facts.is_some() || next.is_some();
        view! {
            {message.map(|text| view! { <p class="muted">{text}</p> })}
            {any_facts.then(|| view! {
                <dl class="facts potential">
                    {facts}
                    {next}
                </dl>
            })}
        }
        .into_any()
    };
    view! {
        <section class="card" aria-labelledby="potential-title">
            <h2 id="potential-title">{move || t().potential_title}</h2>
            {content}
        </section>
    }
}
