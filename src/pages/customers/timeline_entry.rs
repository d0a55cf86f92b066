//! One entry of the customer's timeline: an order (date, channel and store, status,
//! items, total) or an interaction (time, channel, direction, subject, note), each
//! with Edit and Delete.

use crate::state::use_settings;
use clientele_core::model::Direction;
use clientele_core::{Interaction, Order, Record};
use leptos::prelude::*;

#[derive(Clone, Debug, PartialEq)]
pub enum Entry {
    Order(Record<Order>),
    Interaction(Record<Interaction>),
}

impl Entry {
    fn at(&self) -> i64 {
        match self {
            Entry::Order(o) => o.data.placed_at,
            Entry::Interaction(i) => i.data.at,
        }
    }

    /// The live orders and interactions, newest first.
    pub fn merge(orders: Vec<Record<Order>>, touches: Vec<Record<Interaction>>) -> Vec<Entry> {
        let mut v: Vec<Entry> = orders
            .into_iter()
            .filter(|o| !o.is_deleted())
            .map(Entry::Order)
            .chain(
                touches
                    .into_iter()
                    .filter(|i| !i.is_deleted())
                    .map(Entry::Interaction),
            )
            .collect();
        v.sort_by_key(|e| std::cmp::Reverse(e.at()));
        v
    }
}

#[component]
pub fn EntryView(
    entry: Entry,
    on_edit: Callback<Entry>,
    on_delete: Callback<Entry>,
) -> impl IntoView {
    let settings = use_settings();
    let t = move || settings.t();
    let h = move || settings.h();
    let e = entry.clone();
    let (edit, delete) = (e.clone(), e.clone());
    let actions = move |edit_label: String, delete_label: String| {
        let (edit, delete) = (edit.clone(), delete.clone());
        view! {
            <p class="row-actions">
                <button type="button" class="link" aria-label=edit_label on:click=move |_| on_edit.run(edit.clone())>{h().edit}</button>
                <button type="button" class="link danger" aria-label=delete_label on:click=move |_| on_delete.run(delete.clone())>{h().delete}</button>
            </p>
        }
    };
    match entry {
        Entry::Order(o) => {
            let d = o.data;
            let date = settings.date_of(d.placed_at);
            let count = d.items.len();
            // One item never breaks across lines.
            let items = d
                .items
                .iter()
                .enumerate()
                .map(|(n, i)| {
                    view! {
                        <span class="item">{format!("{} × {}", i.quantity, i.product)}</span>
                        {(n + 1 < count).then_some(", ")}
                    }
                })
                .collect_view();
            let place = if d.store.is_empty() {
                t().sales_channel(d.channel).to_string()
            } else {
                format!("{} · {}", t().sales_channel(d.channel), d.store)
            };
            view! {
                <li class="entry order" class:muted=!d.status.counts()>
                    <div>
                        <p class="when muted">
                            {date.clone()}" · "<strong>{h().entry_order}</strong>" · "{place}" · "{t().order_status(d.status)}
                        </p>
                        <p class="items">{items}</p>
                    </div>
                    <p class="num total">{settings.money(d.total, d.currency)}</p>
                    {actions(h().edit_order_of.replace("{date}", &date), h().delete_order_of.replace("{date}", &date))}
                </li>
            }
            .into_any()
        }
        Entry::Interaction(i) => {
            let d = i.data;
            let date = settings.date_of(d.at);
            let dir = if d.direction == Direction::Inbound {
                t().inbound
            } else {
                t().outbound
            };
            view! {
                <li class="entry">
                    <div>
                        <p class="when muted">{settings.date_time(d.at)}" · "{t().interaction_channel(d.channel)}" · "{dir}</p>
                        <p class="subject">{d.subject.clone()}</p>
                        {(!d.note.is_empty()).then(|| view! { <p class="note">{d.note.clone()}</p> })}
                    </div>
                    <p class="total"></p>
                    {actions(h().edit_interaction_of.replace("{date}", &date), h().delete_interaction_of.replace("{date}", &date))}
                </li>
            }
            .into_any()
        }
    }
}
