//! The customer list: instant search (case and diacritics ignored), tag filter, sort,
//! virtualised so 100,000 customers scroll smoothly.

use crate::components::{Column, SelectField, VirtualTable};
use crate::state::{use_data, use_settings, LoadState};
use clientele_core::db::SortKey;
use leptos::prelude::*;
use leptos_router::components::A;
use std::sync::Arc;

fn sort_key(s: &str) -> SortKey {
    match s {
        "newest" => SortKey::Newest,
        "spent" => SortKey::Spent,
        "last" => SortKey::LastOrder,
        _ => SortKey::Name,
    }
}

#[component]
pub fn CustomersPage() -> impl IntoView {
    let data = use_data();
    let settings = use_settings();
    let t = move || settings.t();
    let query = RwSignal::new(String::new());
    let tag = RwSignal::new(String::new());
    let sort = RwSignal::new("name".to_string());

    let rows: Memo<Arc<Vec<u32>>> = Memo::new(move |_| {
        let q = query.get();
        let tag = tag.get();
        let key = sort_key(&sort.get());
        let main = settings.currency();
        let tag = (!tag.is_empty()).then_some(tag);
        Arc::new(data.with_mut(|db| db.query(&q, tag.as_deref(), key, main)))
    });

    let count = Signal::derive(move || rows.with(|r| r.len()));
    let tag_options = Signal::derive(move || {
        let mut v = vec![(String::new(), t().all_tags.to_string())];
        v.extend(
            data.with(|db| db.tags())
                .into_iter()
                .map(|(tag, n)| (tag.clone(), format!("{tag} ({n})"))),
        );
        v
    });
    let sort_options = Signal::derive(move || {
        vec![
            ("name".to_string(), t().sort_name.to_string()),
            ("newest".to_string(), t().sort_newest.to_string()),
            ("spent".to_string(), t().sort_spent.to_string()),
            ("last".to_string(), t().sort_last_order.to_string()),
        ]
    });
    let columns = vec![
        Column {
            title: Signal::derive(move || t().col_name.to_string()),
            width: "minmax(12rem, 2fr)",
            numeric: false,
        },
        Column {
            title: Signal::derive(move || t().col_contact.to_string()),
            width: "minmax(10rem, 2fr)",
            numeric: false,
        },
        Column {
            title: Signal::derive(move || t().col_city.to_string()),
            width: "minmax(7rem, 1fr)",
            numeric: false,
        },
        Column {
            title: Signal::derive(move || t().col_orders.to_string()),
            width: "5rem",
            numeric: true,
        },
        Column {
            title: Signal::derive(move || t().col_spent.to_string()),
            width: "8rem",
            numeric: true,
        },
        Column {
            title: Signal::derive(move || t().col_last_order.to_string()),
            width: "7rem",
            numeric: true,
        },
    ];
    let row = move |i: usize| {
        let p = rows.with_untracked(|r| r[i]);
        let (c, stats) = data.untracked(|db| (db.at(p).clone(), db.stats_at(p).clone()));
        let href = format!("/customers/{}", c.id);
        let main = settings.currency();
        let contact = c
            .data
            .emails
            .first()
            .cloned()
            .or_else(|| c.data.phones.first().cloned())
            .unwrap_or_default();
        let ready = data.facts_ready.get_untracked();
        view! {
            <span role="cell" class="name">
                <a href=href>{c.data.name()}</a>
                {(c.data.kind == clientele_core::model::PartyKind::Organisation).then(|| view! { <span class="badge">{t().organisation}</span> })}
            </span>
            <span role="cell" class="muted ellipsis">{contact}</span>
            <span role="cell" class="ellipsis">{c.data.address.city.clone()}</span>
            <span role="cell" class="num">{ready.then(|| settings.integer(stats.orders as i64))}</span>
            <span role="cell" class="num">{ready.then(|| settings.money(stats.spent_in(main), main))}</span>
            <span role="cell" class="num">{stats.last_order.map(|ms| settings.date_of(ms))}</span>
        }
    };
    let key = move |i: usize| {
        (
            rows.with_untracked(|r| r.get(i).copied()),
            data.revision.get_untracked(),
            i,
        )
    };

    let empty = move || {
        let fresh = query.with(String::is_empty) && tag.with(String::is_empty);
        view! {
            <div class="empty">
                <Show when=move || fresh fallback=move || view! { <p>{t().no_matches}</p> }>
                    <p>{t().no_customers_yet}" "<a href="/settings#demo">{t().load_demo_hint}</a></p>
                </Show>
            </div>
        }
    };

    view! {
        <section class="page list-page">
            <div class="page-head">
                <h1>{move || t().customers_title}</h1>
                <A href="/customers/new" attr:class="button primary">{move || t().new_customer}</A>
            </div>
            <div class="toolbar" role="search">
                <div class="field grow">
                    <label for="customer-search">{move || t().search_label}</label>
                    <input
                        id="customer-search"
                        type="search"
                        autocomplete="off"
                        placeholder=move || t().search_placeholder
                        prop:value=move || query.get()
                        on:input=move |ev| query.set(event_target_value(&ev))
                    />
                </div>
                <SelectField label=Signal::derive(move || t().tag_label.to_string()) value=tag options=tag_options class="compact"/>
                <SelectField label=Signal::derive(move || t().sort_label.to_string()) value=sort options=sort_options class="compact"/>
            </div>
            <p class="count" aria-live="polite">
                {move || match data.state.get() {
                    LoadState::Loading => t().loading.to_string(),
                    _ => t().customer_count(count.get(), &settings.integer(count.get() as i64)),
                }}
            </p>
            <Show
                when=move || { count.get() > 0 || !matches!(data.state.get(), LoadState::Ready) }
                fallback=empty
            >
                <VirtualTable
                    label=Signal::derive(move || t().customers_title.to_string())
                    columns=columns.clone()
                    count=count
                    key=key
                    row=row
                />
            </Show>
        </section>
    }
}
