//! Adding an order by hand: date, channel, store, status, currency and line items.

use crate::components::{choices, focus_first_invalid, SelectField, TextField};
use crate::platform;
use crate::state::{use_data, use_settings, AppError};
use clientele_core::format::parse_money;
use clientele_core::model::{Currency, LineItem, OrderStatus, SalesChannel};
use clientele_core::validate;
use clientele_core::{Id, Order};
use leptos::prelude::*;

#[derive(Clone, Copy)]
struct Line {
    key: u32,
    product: RwSignal<String>,
    sku: RwSignal<String>,
    category: RwSignal<String>,
    quantity: RwSignal<String>,
    price: RwSignal<String>,
}

impl Line {
    fn new(key: u32) -> Line {
        Line {
            key,
            product: RwSignal::new(String::new()),
            sku: RwSignal::new(String::new()),
            category: RwSignal::new(String::new()),
            quantity: RwSignal::new("1".into()),
            price: RwSignal::new(String::new()),
        }
    }
}

#[component]
pub fn OrderForm(
    /// Whose order.
    customer: Id,
    /// Called after saving.
    on_done: Callback<()>,
) -> impl IntoView {
    let data = use_data();
    let settings = use_settings();
    let t = move || settings.t();
    let today = settings.date_of(platform::now_ms());
    let date = RwSignal::new(today);
    let channel = RwSignal::new(choices::code(SalesChannel::InStore));
    let store = RwSignal::new(String::new());
    let status = RwSignal::new(choices::code(OrderStatus::Paid));
    let currency = RwSignal::new(settings.currency().code().to_string());
    let lines = RwSignal::new(vec![Line::new(0)]);
    let next_key = StoredValue::new(1u32);
    // Errors by field key: "date", "lines", or "line-{key}-{field}".
    let errors = RwSignal::new(Vec::<(String, String)>::new());
    let err = move |k: String| {
        Signal::derive(move || {
            errors.with(|e| e.iter().find(|(f, _)| *f == k).map(|(_, m)| m.clone()))
        })
    };
    let saving = RwSignal::new(false);

    let cur = move || Currency::parse(&currency.get_untracked()).unwrap_or(Currency::VND);
    let total = move || {
        let c = Currency::parse(&currency.get()).unwrap_or(Currency::VND);
        let sum: i64 = lines
            .get()
            .iter()
            .filter_map(|l| {
                let q: i64 = l.quantity.get().trim().parse().ok()?;
                Some(q * parse_money(&l.price.get(), c, settings.locale())?)
            })
            .sum();
        settings.money(sum, c)
    };

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let tr = settings.t();
        let mut errs = Vec::new();
        let day = validate::parse_date(&date.get_untracked(), settings.date_format());
        if day.is_none() {
            errs.push((
                "date".to_string(),
                tr.problem(
                    validate::Problem::InvalidDate,
                    settings.date_format().pattern(),
                ),
            ));
        }
        let c = cur();
        let mut items = Vec::new();
        for l in lines.get_untracked() {
            let product = l.product.get_untracked().trim().to_string();
            let q = l
                .quantity
                .get_untracked()
                .trim()
                .parse::<u32>()
                .ok()
                .filter(|q| *q > 0);
            let p = parse_money(&l.price.get_untracked(), c, settings.locale()).filter(|p| *p >= 0);
            if product.is_empty() {
                errs.push((
                    format!("line-{}-product", l.key),
                    tr.problem(validate::Problem::Required, ""),
                ));
            }
            if q.is_none() {
                errs.push((
                    format!("line-{}-quantity", l.key),
                    tr.err_quantity.to_string(),
                ));
            }
            if p.is_none() {
                errs.push((format!("line-{}-price", l.key), tr.err_price.to_string()));
            }
            if let (Some(q), Some(p)) = (q, p) {
                items.push(LineItem {
                    product,
                    sku: l.sku.get_untracked().trim().into(),
                    category: l.category.get_untracked().trim().into(),
                    quantity: q,
                    unit_price: p,
                });
            }
        }
        if !errs.is_empty() {
            errors.set(errs);
            focus_first_invalid();
            return;
        }
        // Noon local time on the chosen day: the order list shows dates.
        let placed_at = day.expect("checked").start_millis() + 12 * 3_600_000
            - platform::utc_offset_minutes() as i64 * 60_000;
        let order = Order {
            customer,
            placed_at,
            total: items.iter().map(LineItem::amount).sum(),
            items,
            currency: c,
            channel: choices::parse(&channel.get_untracked(), &SalesChannel::ALL)
                .unwrap_or_default(),
            store: store.get_untracked().trim().to_string(),
            status: choices::parse(&status.get_untracked(), &OrderStatus::ALL).unwrap_or_default(),
            deleted: false,
            reference: String::new(),
        };
        saving.set(true);
        leptos::task::spawn_local(async move {
            match data.add_history(customer, order).await {
                Ok(_) => {
                    errors.set(Vec::new());
                    on_done.run(());
                }
                Err(AppError::Invalid(es)) => errors.set(
                    es.iter()
                        .map(|e| ("lines".to_string(), settings.t().problem(e.problem, "")))
                        .collect(),
                ),
                Err(e) => errors.set(vec![("form".into(), e.message(settings.t()))]),
            }
            saving.set(false);
        });
    };

    let channel_options =
        Signal::derive(move || choices::options(&SalesChannel::ALL, |c| t().sales_channel(c)));
    let status_options =
        Signal::derive(move || choices::options(&OrderStatus::ALL, |s| t().order_status(s)));
    let currency_options = Signal::derive(choices::currency_options);
    let l = move |f| settings.text(f);
    let form_error = move || {
        errors.with(|e| {
            e.iter()
                .find(|(k, _)| k == "form" || k == "lines")
                .map(|(_, m)| m.clone())
        })
    };

    view! {
        <form class="subform" on:submit=submit novalidate aria-label=move || t().add_order>
            {move || form_error().map(|m| view! { <p class="form-error" role="alert">{m}</p> })}
            <div class="grid">
                <TextField label=l(|t| t.col_date) value=date error=err("date".into()) hint=Signal::derive(move || Some(t().date_hint(settings.date_format().pattern())))/>
                <SelectField label=l(|t| t.col_channel) value=channel options=channel_options/>
                <TextField label=l(|t| t.field_store) value=store/>
                <SelectField label=l(|t| t.col_status) value=status options=status_options/>
                <SelectField label=l(|t| t.field_currency) value=currency options=currency_options/>
            </div>
            <For each=move || lines.get() key=|l| l.key let:line>
                <fieldset class="line">
                    <legend>{move || format!("{} {}", t().line_item, lines.with(|ls| ls.iter().position(|x| x.key == line.key).unwrap_or(0) + 1))}</legend>
                    <div class="grid line-grid">
                        <TextField label=l(|t| t.field_product) value=line.product error=err(format!("line-{}-product", line.key)) required=true/>
                        <TextField label=l(|t| t.field_sku) value=line.sku/>
                        <TextField label=l(|t| t.field_category) value=line.category/>
                        <TextField label=l(|t| t.field_quantity) value=line.quantity error=err(format!("line-{}-quantity", line.key))/>
                        <TextField label=l(|t| t.field_unit_price) value=line.price error=err(format!("line-{}-price", line.key))/>
                    </div>
                    <Show when=move || { lines.with(|ls| ls.len() > 1) }>
                        <button type="button" class="link" on:click=move |_| lines.update(|ls| ls.retain(|x| x.key != line.key))>{move || t().remove_line}</button>
                    </Show>
                </fieldset>
            </For>
            <div class="actions spread">
                <button type="button" on:click=move |_| {
                    let k = next_key.get_value();
                    next_key.set_value(k + 1);
                    lines.update(|ls| ls.push(Line::new(k)));
                }>{move || t().add_line}</button>
                <span class="total">{move || t().col_total}": "<strong>{total}</strong></span>
                <button type="submit" class="primary" disabled=move || saving.get()>{move || t().save_order}</button>
            </div>
        </form>
    }
}
