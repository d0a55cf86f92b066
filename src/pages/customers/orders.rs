//! A customer's orders: the list with totals, adding an order by hand, and correcting
//! one (edit, move to another customer, delete with Undo).

use super::order_form::OrderForm;
use crate::components::focus_id;
use crate::state::{use_data, use_notices, use_settings, NoticeKind};
use clientele_core::command::RecordCommand;
use clientele_core::{Id, Order, Record};
use leptos::prelude::*;

#[component]
pub fn Orders(
    /// Whose orders.
    customer: Id,
) -> impl IntoView {
    let data = use_data();
    let settings = use_settings();
    let notices = use_notices();
    let t = move || settings.t();
    let h = move || settings.h();
    let adding = RwSignal::new(false);
    // The order being corrected.
    let editing = RwSignal::new(None::<Record<Order>>);
    let orders = LocalResource::new(move || {
        data.revision.track();
        async move {
            data.history::<Order>(customer, |o: &Order| o.placed_at)
                .await
        }
    });
    let delete = move |id: Id| {
        leptos::task::spawn_local(async move {
            match data
                .history_command(customer, RecordCommand::<Order>::Delete { id })
                .await
            {
                Ok(undo) => {
                    let action = undo.map(|undo| {
                        let cb = Callback::new(move |_| {
                            let undo = undo.clone();
                            leptos::task::spawn_local(async move {
                                match data.history_command(customer, undo).await {
                                    Ok(_) => notices.info(settings.h().order_restored),
                                    Err(e) => notices.error(e.message(settings.t())),
                                }
                            });
                        });
                        (settings.t().undo.to_string(), cb)
                    });
                    notices.push(NoticeKind::Info, settings.h().order_deleted, action);
                    // Not onto the next row's Delete: a second Enter must not delete it.
                    focus_id("orders-title");
                }
                Err(e) => notices.error(e.message(settings.t())),
            }
        });
    };
    let close = Callback::new(move |_| {
        adding.set(false);
        editing.set(None);
    });
    view! {
        <div class="card">
            <div class="card-head">
                <h2 id="orders-title" tabindex="-1">{move || t().orders_title}</h2>
                <button type="button" on:click=move |_| { editing.set(None); adding.update(|a| *a = !*a) } aria-expanded=move || adding.get().to_string()>
                    {move || t().add_order}
                </button>
            </div>
            <Show when=move || adding.get()>
                <OrderForm customer=customer on_done=close on_cancel=close/>
            </Show>
            {move || editing.get().map(|o| view! {
                <OrderForm customer=customer order=o on_done=close on_cancel=close/>
            })}
            {move || orders.get().map(|result| match result {
                Err(e) => view! { <p class="form-error" role="alert">{e.message(settings.t())}</p> }.into_any(),
                Ok(list) if list.iter().all(|o| o.is_deleted()) => view! { <p class="muted">{t().no_orders}</p> }.into_any(),
                Ok(list) => {
                    let list: Vec<_> = list.into_iter().filter(|o| !o.is_deleted()).collect();
                    let mut totals: Vec<(clientele_core::model::Currency, i64)> = Vec::new();
                    for o in list.iter().filter(|o| o.data.status.counts()) {
                        match totals.iter_mut().find(|(c, _)| *c == o.data.currency) {
                            Some(slot) => slot.1 += o.data.total,
                            None => totals.push((o.data.currency, o.data.total)),
                        }
                    }
                    let total_text = totals.iter().map(|(c, v)| settings.money(*v, *c)).collect::<Vec<_>>().join(" + ");
                    view! {
                        <table class="table">
                            <caption class="sr-only">{t().orders_title}</caption>
                            <thead><tr>
                                <th scope="col">{t().col_date}</th>
                                <th scope="col">{t().col_items}</th>
                                <th scope="col">{t().col_channel}</th>
                                <th scope="col">{t().col_status}</th>
                                <th scope="col" class="num">{t().col_total}</th>
                                <th scope="col"><span class="sr-only">{h().col_actions}</span></th>
                            </tr></thead>
                            <tbody>
                                {list.into_iter().map(|o| {
                                    let id = o.id;
                                    let d = o.data.clone();
                                    let count = d.items.len();
                                    // One item never breaks across lines.
                                    let items = d.items.iter().enumerate().map(|(n, i)| view! {
                                        <span class="item">{format!("{} × {}", i.quantity, i.product)}</span>
                                        {(n + 1 < count).then_some(", ")}
                                    }).collect_view();
                                    let place = if d.store.is_empty() { t().sales_channel(d.channel).to_string() } else { format!("{} · {}", t().sales_channel(d.channel), d.store) };
                                    let date = settings.date_of(d.placed_at);
                                    view! {
                                        <tr class:muted=!d.status.counts()>
                                            <td>{date.clone()}</td>
                                            <td>{items}</td>
                                            <td>{place}</td>
                                            <td>{t().order_status(d.status)}</td>
                                            <td class="num">{settings.money(d.total, d.currency)}</td>
                                            <td class="row-actions">
                                                <button type="button" class="link" aria-label=h().edit_order_of.replace("{date}", &date) on:click=move |_| {
                                                    adding.set(false);
                                                    editing.set(Some(o.clone()));
                                                }>{h().edit}</button>
                                                <button type="button" class="link danger" aria-label=h().delete_order_of.replace("{date}", &date) on:click=move |_| delete(id)>{h().delete}</button>
                                            </td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                            <tfoot><tr>
                                <th scope="row" colspan="4">{t().total_spent}</th>
                                <td class="num"><strong>{total_text}</strong></td>
                                <td></td>
                            </tr></tfoot>
                        </table>
                    }.into_any()
                }
            })}
        </div>
    }
}
