//! A customer's orders: the list with totals, and adding an order by hand.

use super::order_form::OrderForm;
use crate::state::{use_data, use_settings};
use clientele_core::{Id, Order};
use leptos::prelude::*;

#[component]
pub fn Orders(
    /// Whose orders.
    customer: Id,
) -> impl IntoView {
    let data = use_data();
    let settings = use_settings();
    let t = move || settings.t();
    let adding = RwSignal::new(false);
    let orders = LocalResource::new(move || {
        data.revision.track();
        async move {
            data.history::<Order>(customer, |o: &Order| o.placed_at)
                .await
        }
    });
    view! {
        <div class="card">
            <div class="card-head">
                <h2>{move || t().orders_title}</h2>
                <button type="button" on:click=move |_| adding.update(|a| *a = !*a) aria-expanded=move || adding.get().to_string()>
                    {move || t().add_order}
                </button>
            </div>
            <Show when=move || adding.get()>
                <OrderForm customer=customer on_done=Callback::new(move |_| adding.set(false))/>
            </Show>
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
                            </tr></thead>
                            <tbody>
                                {list.into_iter().map(|o| {
                                    let d = o.data;
                                    let items = d.items.iter().map(|i| format!("{} × {}", i.quantity, i.product)).collect::<Vec<_>>().join(", ");
                                    let place = if d.store.is_empty() { t().sales_channel(d.channel).to_string() } else { format!("{} · {}", t().sales_channel(d.channel), d.store) };
                                    view! {
                                        <tr class:muted=!d.status.counts()>
                                            <td>{settings.date_of(d.placed_at)}</td>
                                            <td>{items}</td>
                                            <td>{place}</td>
                                            <td>{t().order_status(d.status)}</td>
                                            <td class="num">{settings.money(d.total, d.currency)}</td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                            <tfoot><tr>
                                <th scope="row" colspan="4">{t().total_spent}</th>
                                <td class="num"><strong>{total_text}</strong></td>
                            </tr></tfoot>
                        </table>
                    }.into_any()
                }
            })}
        </div>
    }
}
