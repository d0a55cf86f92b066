//! Adding an order by hand, or correcting one: date, channel, store, status,
//! currency and line items (or, for an order without items, its total), and moving
//! it to another customer. Cancel or Escape closes the form without saving; a save
//! is confirmed.

use super::customer_picker::{CustomerPicker, Purpose};
use crate::components::{choices, focus_first_invalid, focus_id, SelectField, TextField};
use crate::platform;
use crate::state::{use_data, use_notices, use_settings, AppError, NoticeKind};
use clientele_core::catalogue::{suggest, Product};
use clientele_core::command::RecordCommand;
use clientele_core::format::{amount, parse_money};
use clientele_core::model::{Currency, LineItem, OrderStatus, SalesChannel};
use clientele_core::record::changes;
use clientele_core::search::fold;
use clientele_core::validate;
use clientele_core::{Id, Order, Record};
use leptos::prelude::*;

/// Products suggested under a product field at most.
const SUGGESTED: usize = 12;

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

    fn of(key: u32, item: &LineItem, price: String) -> Line {
        Line {
            key,
            product: RwSignal::new(item.product.clone()),
            sku: RwSignal::new(item.sku.clone()),
            category: RwSignal::new(item.category.clone()),
            quantity: RwSignal::new(item.quantity.to_string()),
            price: RwSignal::new(price),
        }
    }
}

#[component]
pub fn OrderForm(
    /// Whose order (a new one), or whose it is now (one being corrected).
    customer: Id,
    /// The order to correct; none to add one.
    #[prop(optional)]
    order: Option<Record<Order>>,
    /// Called after saving.
    on_done: Callback<()>,
    /// Called on Cancel or Escape.
    on_cancel: Callback<()>,
) -> impl IntoView {
    let data = use_data();
    let settings = use_settings();
    let notices = use_notices();
    let t = move || settings.t();
    let h = move || settings.h();
    let original = order.clone();
    let editing = order.is_some();
    let start = order.as_ref().map(|o| o.data.clone());
    let locale = settings.locale();
    let first_date = match &start {
        Some(o) => settings.date_of(o.placed_at),
        None => settings.date_of(platform::now_ms()),
    };
    let date = RwSignal::new(first_date.clone());
    let channel = RwSignal::new(choices::code(
        start.as_ref().map_or(SalesChannel::InStore, |o| o.channel),
    ));
    let store = RwSignal::new(start.as_ref().map_or(String::new(), |o| o.store.clone()));
    let status = RwSignal::new(choices::code(
        start.as_ref().map_or(OrderStatus::Paid, |o| o.status),
    ));
    let currency = RwSignal::new(
        start
            .as_ref()
            .map_or(settings.currency(), |o| o.currency)
            .code()
            .to_string(),
    );
    let first_lines: Vec<Line> = match &start {
        Some(o) => o
            .items
            .iter()
            .enumerate()
            .map(|(k, i)| Line::of(k as u32, i, amount(i.unit_price, o.currency, locale)))
            .collect(),
        None => vec![Line::new(0)],
    };
    // The catalogue, for the product fields' suggestions.
    let products = Memo::new(move |_| data.with(|db| db.catalogue()));
    // A known product's SKU, category and price, said under its field.
    let describe = move |p: &Product| {
        let mut parts: Vec<String> = [&p.tally.sku, &p.tally.category]
            .into_iter()
            .filter(|s| !s.is_empty())
            .cloned()
            .collect();
        parts.push(settings.money(p.tally.last_price, p.tally.last_currency));
        parts.join(" · ")
    };
    // Picking a known product fills in its SKU, category and last price where empty,
    // and says what is known of it; a new product says so.
    let known = move |line: Line| -> Option<String> {
        let typed = line.product.get();
        if typed.trim().is_empty() {
            return None;
        }
        let key = fold(typed.trim());
        products.with(|all| match all.iter().find(|p| fold(&p.name) == key) {
            Some(p) => {
                let fill = |field: RwSignal<String>, value: String| {
                    if field.get_untracked().trim().is_empty() && !value.is_empty() {
                        field.set(value);
                    }
                };
                fill(line.sku, p.tally.sku.clone());
                fill(line.category, p.tally.category.clone());
                fill(
                    line.price,
                    amount(p.tally.last_price, p.tally.last_currency, locale),
                );
                Some(h().known_product.replace("{x}", &describe(p)))
            }
            None if !all.is_empty() => Some(h().new_product.to_string()),
            None => None,
        })
    };
    let next_key = StoredValue::new(first_lines.len() as u32);
    let lines = RwSignal::new(first_lines);
    // The total of an order without items (imported that way, or its lines removed).
    let total_only = RwSignal::new(
        start
            .as_ref()
            .filter(|o| o.items.is_empty())
            .map_or(String::new(), |o| amount(o.total, o.currency, locale)),
    );
    // Where the order goes when saved: another customer (id, name), or none.
    let target = RwSignal::new(None::<(Id, String)>);
    // Errors by field key: "date", "total", "lines", "form", or "line-{key}-{field}".
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
        let sum: i64 = if lines.with(Vec::is_empty) {
            parse_money(&total_only.get(), c, settings.locale()).unwrap_or(0)
        } else {
            lines
                .get()
                .iter()
                .filter_map(|l| {
                    let q: i64 = l.quantity.get().trim().parse().ok()?;
                    Some(q * parse_money(&l.price.get(), c, settings.locale())?)
                })
                .sum()
        };
        settings.money(sum, c)
    };

    // The order as the form says, or the errors to show.
    let read = move || -> Result<Order, Vec<(String, String)>> {
        let tr = settings.t();
        let mut errs = Vec::new();
        let text = date.get_untracked();
        let day = validate::parse_date(&text, settings.date_format());
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
        let total = if lines.with_untracked(Vec::is_empty) {
            match parse_money(&total_only.get_untracked(), c, settings.locale()).filter(|t| *t >= 0)
            {
                Some(t) => t,
                None => {
                    errs.push(("total".into(), settings.h().err_total.to_string()));
                    0
                }
            }
        } else {
            items.iter().map(LineItem::amount).sum()
        };
        if !errs.is_empty() {
            return Err(errs);
        }
        let base = start.clone().unwrap_or_default();
        // The time of day is kept unless the date was changed (then noon, local).
        let placed_at = match (&start, day) {
            (Some(o), _) if text == first_date => o.placed_at,
            (_, Some(d)) => platform::local_noon(d),
            (_, None) => base.placed_at,
        };
        Ok(Order {
            customer: target.get_untracked().map_or(customer, |(id, _)| id),
            placed_at,
            total,
            items,
            currency: c,
            channel: choices::parse(&channel.get_untracked(), &SalesChannel::ALL)
                .unwrap_or_default(),
            store: store.get_untracked().trim().to_string(),
            status: choices::parse(&status.get_untracked(), &OrderStatus::ALL).unwrap_or_default(),
            deleted: false,
            reference: base.reference,
        })
    };

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let edited = match read() {
            Ok(o) => o,
            Err(errs) => {
                errors.set(errs);
                focus_first_invalid();
                return;
            }
        };
        let original = original.clone();
        saving.set(true);
        leptos::task::spawn_local(async move {
            let h = settings.h();
            let saved = match (&original, target.get_untracked()) {
                // Moved: written anew for the other customer; Undo brings it back.
                (Some(from), Some((_, name))) => data.move_order(from, edited).await.map(|m| {
                    let undo = Callback::new(move |_| {
                        leptos::task::spawn_local(async move {
                            match data.undo_move(m).await {
                                Ok(()) => notices.info(settings.h().order_restored),
                                Err(e) => notices.error(e.message(settings.t())),
                            }
                        });
                    });
                    notices.push(
                        NoticeKind::Info,
                        h.order_moved.replace("{name}", &name),
                        Some((settings.t().undo.to_string(), undo)),
                    );
                }),
                (Some(from), None) => {
                    let cmd = RecordCommand::<Order>::Update {
                        id: from.id,
                        changes: changes(&from.data, &edited),
                    };
                    data.history_command(customer, cmd)
                        .await
                        .map(|_| notices.info(h.order_saved))
                }
                (None, _) => data
                    .add_history(customer, edited)
                    .await
                    .map(|_| notices.info(h.order_saved)),
            };
            match saved {
                Ok(()) => {
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
    let escape = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" {
            ev.prevent_default();
            on_cancel.run(());
        }
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
    let title = move || {
        if editing {
            h().edit_order
        } else {
            t().add_order
        }
    };
    let owner = data.untracked(|db| {
        db.customer(customer)
            .map_or(String::new(), |c| c.data.display_name.clone())
    });

    // The keyboard goes where the work is: the form's first field.
    focus_id("order-date");
    view! {
        <form class="subform" on:submit=submit on:keydown=escape novalidate aria-label=title>
            <h3>{title}</h3>
            {move || form_error().map(|m| view! { <p class="form-error" role="alert">{m}</p> })}
            <div class="grid">
                <TextField id="order-date" label=l(|t| t.col_date) value=date error=err("date".into()) hint=Signal::derive(move || Some(t().date_hint(settings.date_format().pattern())))/>
                <SelectField label=l(|t| t.col_channel) value=channel options=channel_options/>
                <TextField label=l(|t| t.field_store) value=store/>
                <SelectField label=l(|t| t.col_status) value=status options=status_options/>
                <SelectField label=l(|t| t.field_currency) value=currency options=currency_options/>
            </div>
            {editing.then(|| view! { <CustomerPicker current=customer current_name=owner target=target purpose=Purpose::MoveOrder/> })}
            <For each=move || lines.get() key=|l| l.key let:line>
                <fieldset class="line">
                    <legend>{move || format!("{} {}", t().line_item, lines.with(|ls| ls.iter().position(|x| x.key == line.key).unwrap_or(0) + 1))}</legend>
                    <div class="grid line-grid">
                        <TextField label=l(|t| t.field_product) value=line.product error=err(format!("line-{}-product", line.key)) required=true list=format!("products-{}", line.key) hint=Signal::derive(move || known(line))/>
                        <datalist id=format!("products-{}", line.key)>
                            {move || products.with(|all| suggest(all, &line.product.get(), SUGGESTED).into_iter().map(|p| {
                                let label = describe(p);
                                view! { <option value=p.name.clone() label=label></option> }
                            }).collect_view())}
                        </datalist>
                        <TextField label=l(|t| t.field_sku) value=line.sku/>
                        <TextField label=l(|t| t.field_category) value=line.category/>
                        <TextField label=l(|t| t.field_quantity) value=line.quantity error=err(format!("line-{}-quantity", line.key))/>
                        <TextField label=l(|t| t.field_unit_price) value=line.price error=err(format!("line-{}-price", line.key))/>
                    </div>
                    <button type="button" class="link" on:click=move |_| lines.update(|ls| ls.retain(|x| x.key != line.key))>{move || t().remove_line}</button>
                </fieldset>
            </For>
            <Show when=move || lines.with(Vec::is_empty)>
                <TextField label=Signal::derive(move || h().field_total.to_string()) value=total_only error=err("total".into()) hint=Signal::derive(move || Some(h().total_hint.to_string()))/>
            </Show>
            <div class="actions spread">
                <button type="button" on:click=move |_| {
                    let k = next_key.get_value();
                    next_key.set_value(k + 1);
                    lines.update(|ls| ls.push(Line::new(k)));
                }>{move || t().add_line}</button>
                <span class="total">{move || t().col_total}": "<strong>{total}</strong></span>
                <span class="buttons">
                    <button type="button" on:click=move |_| on_cancel.run(())>{move || h().cancel}</button>
                    <button type="submit" class="primary" disabled=move || saving.get()>
                        {move || if editing { h().save_changes } else { t().save_order }}
                    </button>
                </span>
            </div>
        </form>
    }
}
