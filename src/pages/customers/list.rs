//! The customer list: instant search (case and diacritics ignored), filters (tag,
//! city, segment, stage, least spent), sort (from the select or the column headers,
//! either way round; also by lifetime value and by the chance of leaving), rows
//! selected for bulk actions; virtualised so 100,000 customers scroll smoothly.

use super::bulk_bar::BulkBar;
use super::list_filters::{min_spent, FilterBar, Filters};
use crate::components::{Choice, ChoiceField, Column, SelectField, Sortable, VirtualTable};
use crate::state::{use_data, use_segments, use_settings, LoadState};
use clientele_core::db::SortKey;
use clientele_core::segment::analysis::Analysis;
use clientele_core::Id;
use leptos::prelude::*;
use leptos_router::components::A;
use std::collections::HashSet;
use std::sync::Arc;

/// How the list is sorted.
#[derive(Clone, Copy, PartialEq)]
enum Sort {
    Name,
    Newest,
    Spent,
    LastOrder,
    Value,
    Leaving,
}

impl Choice for Sort {
    fn code(self) -> &'static str {
        match self {
            Sort::Name => "name",
            Sort::Newest => "newest",
            Sort::Spent => "spent",
            Sort::LastOrder => "last",
            Sort::Value => "value",
            Sort::Leaving => "leaving",
        }
    }
}

/// The database's sort for `s` (value sorts start from the name order).
fn sort_key(s: Sort) -> SortKey {
    match s {
        Sort::Newest => SortKey::Newest,
        Sort::Spent => SortKey::Spent,
        Sort::LastOrder => SortKey::LastOrder,
        Sort::Name | Sort::Value | Sort::Leaving => SortKey::Name,
    }
}

/// A customer's predicted value, by position.
type ValueAt = fn(&Analysis, u32) -> f64;

/// The predicted value a sort by `s` reads, and whether highest comes first (None:
/// a `SortKey` sort).
fn value_sort(s: Sort) -> Option<(ValueAt, bool)> {
    match s {
        Sort::Value => Some((clv_at, true)),
        Sort::Leaving => Some((leaving_at, false)),
        Sort::Name | Sort::Newest | Sort::Spent | Sort::LastOrder => None,
    }
}

/// Lifetime value (major units; NaN: unknown).
fn clv_at(a: &Analysis, p: u32) -> f64 {
    a.potential.clv_at(p).unwrap_or(f64::NAN)
}

/// P(alive) (NaN: unknown).
fn p_alive_at(a: &Analysis, p: u32) -> f64 {
    a.potential.p_alive_at(p).unwrap_or(f64::NAN)
}

/// "Most likely to leave": the reachable first, those long gone after them.
fn leaving_at(a: &Analysis, p: u32) -> f64 {
    clientele_core::clv::potential::leaving_key(p_alive_at(a, p))
}

#[component]
pub fn CustomersPage() -> impl IntoView {
    let data = use_data();
    let segments = use_segments();
    let settings = use_settings();
    let t = move || settings.t();
    let query = RwSignal::new(String::new());
    let tag = RwSignal::new(String::new());
    let sort = RwSignal::new(Sort::Name);
    // The sort's other way round (a second press on the sorted column's header).
    let reverse = RwSignal::new(false);
    Effect::new(move |_| {
        sort.track();
        reverse.set(false);
    });
    let filters = Filters::new();
    let selected = RwSignal::new(HashSet::<Id>::new());

    let rows: Memo<Arc<Vec<u32>>> = Memo::new(move |_| {
        let q = query.get();
        let tag = tag.get();
        let sort = sort.get();
        let by_value = value_sort(sort);
        // Value sorts start from the name order, cached like the other orders.
        let key = if by_value.is_some() {
            SortKey::Name
        } else {
            sort_key(sort)
        };
        let main = settings.currency();
        let tag = (!tag.is_empty()).then_some(tag);
        let mut rows = data.with_mut(|db| db.query(&q, tag.as_deref(), key, main));
        if let Some((value, descending)) = by_value {
            let a = segments.analysis();
            data.with(|db| {
                let known = a.fits(db);
                let value = |p| if known { value(&a, p) } else { f64::NAN };
                db.sort_by_value(&mut rows, value, descending)
            });
        }
        // An amount that cannot be read filters nothing (its field says why).
        let min = min_spent(&filters.min_spent.get(), settings).unwrap_or(None);
        let test = filters.test(segments, min);
        if filters.any() {
            let a = segments.analysis();
            data.with(|db| {
                let a = (test.needs_analysis() && a.fits(db)).then_some(&*a);
                rows.retain(|&p| test.keep(db, a, p, main));
            });
        }
        if reverse.get() {
            rows.reverse();
        }
        Arc::new(rows)
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
            (Sort::Name, t().sort_name.to_string()),
            (Sort::Newest, t().sort_newest.to_string()),
            (Sort::Spent, t().sort_spent.to_string()),
            (Sort::LastOrder, t().sort_last_order.to_string()),
            (Sort::Value, t().sort_value.to_string()),
            (Sort::Leaving, t().sort_leaving.to_string()),
        ]
    });
    // A header that sorts by `by`: pressed again, the other way round. Its state is
    // the direction shown (`aria-sort`).
    let sortable = move |by: Sort, ascending_first: bool| Sortable {
        state: Signal::derive(move || {
            (sort.get() == by).then(|| {
                if ascending_first != reverse.get() {
                    "ascending"
                } else {
                    "descending"
                }
            })
        }),
        press: Callback::new(move |_| {
            if sort.get_untracked() == by {
                reverse.update(|r| *r = !*r);
            } else {
                sort.set(by);
            }
        }),
    };
    let col = move |title: fn(&crate::i18n::Strings) -> &'static str,
                    width: &'static str,
                    numeric: bool,
                    class: &'static str| Column {
        title: Signal::derive(move || title(t()).to_string()),
        width,
        numeric,
        class,
        sort: None,
    };
    let with_sort = |c: Column, s: Sortable| Column { sort: Some(s), ..c };
    // On narrow screens the model's columns give way first (see `col-model` in the
    // stylesheet): name, contact, city, last order and spent stay.
    let columns = vec![
        Column {
            title: Signal::derive(move || settings.lst().select_col.to_string()),
            width: "2.75rem",
            numeric: false,
            class: "col-select",
            sort: None,
        },
        with_sort(
            col(|t| t.col_name, "minmax(10rem, 2fr)", false, ""),
            sortable(Sort::Name, true),
        ),
        col(|t| t.col_contact, "minmax(8rem, 2fr)", false, ""),
        col(|t| t.col_city, "minmax(7rem, 1fr)", false, ""),
        col(|t| t.col_orders, "4.5rem", true, ""),
        with_sort(
            col(|t| t.col_spent, "8rem", true, ""),
            sortable(Sort::Spent, false),
        ),
        with_sort(
            col(|t| t.col_last_order, "7.5rem", true, ""),
            sortable(Sort::LastOrder, false),
        ),
        with_sort(
            col(|t| t.col_clv, "var(--col-clv, 8rem)", true, "col-model"),
            sortable(Sort::Value, false),
        ),
        with_sort(
            col(
                |t| t.col_alive,
                "var(--col-alive, 6.5rem)",
                true,
                "col-model",
            ),
            sortable(Sort::Leaving, true),
        ),
    ];
    let row = move |i: usize| {
        let p = rows.with_untracked(|r| r[i]);
        let (c, stats) = data.untracked(|db| (db.at(p).clone(), db.stats_at(p).clone()));
        let a = segments.analysis_untracked();
        let known = data.untracked(|db| a.fits(db));
        let clv = a.potential.shown_clv_at(p).filter(|_| known);
        let alive = Some(p_alive_at(&a, p)).filter(|v| known && v.is_finite());
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
        let id = c.id;
        let pick = settings.lst().select_one.replace("{name}", &c.data.name());
        view! {
            <span role="cell" class="col-select">
                <label class="pick"><input type="checkbox" aria-label=pick
                    prop:checked=move || selected.with(|s| s.contains(&id))
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        selected.update(|s| { if on { s.insert(id); } else { s.remove(&id); } });
                    }/></label>
            </span>
            <span role="cell" class="name">
                <a href=href>{c.data.name()}</a>
                {(c.data.kind == clientele_core::model::PartyKind::Organisation).then(|| view! { <span class="badge">{t().organisation}</span> })}
            </span>
            <span role="cell" class="muted ellipsis">{contact}</span>
            <span role="cell" class="ellipsis">{c.data.address.city.clone()}</span>
            <span role="cell" class="num">{ready.then(|| settings.integer(stats.orders as i64))}</span>
            <span role="cell" class="num">{ready.then(|| settings.money(stats.spent_in(main), main))}</span>
            <span role="cell" class="num">{stats.last_order.map(|ms| settings.date_of(ms))}</span>
            <span role="cell" class="num col-model">{clv.map(|v| settings.money_major(v, main))}</span>
            <span role="cell" class="num col-model">{alive.map(|v| settings.chance(v))}</span>
        }
    };
    let key = move |i: usize| {
        (
            rows.with_untracked(|r| r.get(i).copied()),
            data.revision.get_untracked(),
            // Tracked: the rows show the analysis, which arrives after the list.
            segments.revision.get(),
            i,
        )
    };

    let empty = move || {
        let fresh = query.with(String::is_empty) && tag.with(String::is_empty) && !filters.any();
        view! {
            <div class="empty">
                <Show when=move || fresh fallback=move || view! { <p>{t().no_matches}</p> }>
                    <Welcome/>
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
                <ChoiceField label=Signal::derive(move || t().sort_label.to_string()) value=sort options=sort_options class="compact sort"/>
            </div>
            <FilterBar filters=filters/>
            <div class="count-line">
                <p class="count" aria-live="polite">
                    {move || match data.state.get() {
                        LoadState::Loading => t().loading.to_string(),
                        _ => t().customer_count(count.get(), &settings.integer(count.get() as i64)),
                    }}
                </p>
                {move || (count.get() > 0).then(|| view! {
                    <button type="button" class="link" on:click=move |_| {
                        let all: HashSet<Id> = rows.with_untracked(|r| data.untracked(|db| r.iter().map(|&p| db.at(p).id).collect()));
                        selected.set(all);
                    }>{settings.lst().select_all.replace("{n}", &settings.integer(count.get() as i64))}</button>
                })}
            </div>
            {move || selected.with(|s| !s.is_empty()).then(|| view! { <BulkBar selected=selected/> })}
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

/// An empty database's greeting: three ways in, the owner's own list first.
#[component]
fn Welcome() -> impl IntoView {
    let settings = use_settings();
    let s = move || settings.safe();
    view! {
        <div class="welcome">
            <h2>{move || s().welcome_title}</h2>
            <p>{move || s().welcome_explain}</p>
            <ul class="ways">
                <li>
                    <a class="button primary" href="/import">{move || s().start_import}</a>
                    <span class="muted">{move || s().start_import_hint}</span>
                </li>
                <li>
                    <a class="button" href="/customers/new">{move || s().start_add}</a>
                    <span class="muted">{move || s().start_add_hint}</span>
                </li>
                <li>
                    <a class="button" href="/settings#demo">{move || s().start_demo}</a>
                    <span class="muted">{move || s().start_demo_hint}</span>
                </li>
            </ul>
        </div>
    }
}
