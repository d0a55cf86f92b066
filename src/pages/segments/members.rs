//! A segment's members: a summary (size, shares, averages), the virtualised list, and
//! the CSV export.

use crate::components::{download, Column, VirtualTable, CSV};
use crate::state::{use_data, use_notices, use_segments, use_settings};
use clientele_core::segment::saved::{members_csv, Summary};
use leptos::prelude::*;

use std::sync::Arc;

/// A file name from a segment name: letters and digits kept, diacritics folded.
pub fn file_name(name: &str) -> String {
    let folded = clientele_core::search::fold(name);
    let mut out: String = folded
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    while out.contains("--") {
        out = out.replace("--", "-");
    }
    let out = out.trim_matches('-');
    format!("{}.csv", if out.is_empty() { "segment" } else { out })
}

#[component]
pub fn SummaryCards(#[prop(into)] members: Signal<Arc<Vec<u32>>>) -> impl IntoView {
    let settings = use_settings();
    let segments = use_segments();
    let s = move || settings.s();
    let summary = Memo::new(move |_| {
        let a = segments.analysis();
        members.with(|m| Summary::of(m, &a))
    });
    let pct = move |x: f64| {
        format!(
            "{} %",
            clientele_core::format::decimal(x * 100.0, 1, settings.locale())
        )
    };
    view! {
        <dl class="kpis">
            <div><dt>{move || s().size}</dt><dd>{move || settings.integer(summary.get().size as i64)}</dd></div>
            <div><dt>{move || s().share_customers}</dt><dd>{move || pct(summary.get().share_customers)}</dd></div>
            <div><dt>{move || s().revenue}</dt><dd>{move || settings.money(summary.get().revenue, settings.currency())}</dd></div>
            <div><dt>{move || s().share_revenue}</dt><dd>{move || pct(summary.get().share_revenue)}</dd></div>
            <div><dt>{move || s().average_spend}</dt><dd>{move || settings.money(summary.get().average_spend, settings.currency())}</dd></div>
            <div><dt>{move || s().average_recency}</dt><dd>{move || summary.get().average_recency.map(|d| s().days.replace("{n}", &settings.integer(d.round() as i64))).unwrap_or_else(|| "–".into())}</dd></div>
        </dl>
    }
}

#[component]
pub fn MembersTable(
    #[prop(into)] members: Signal<Arc<Vec<u32>>>,
    /// The segment's name, for the table's name and the file name.
    #[prop(into)]
    name: Signal<String>,
) -> impl IntoView {
    let data = use_data();
    let settings = use_settings();
    let segments = use_segments();
    let notices = use_notices();
    let t = move || settings.t();
    let s = move || settings.s();
    let rows: Memo<Arc<Vec<u32>>> = Memo::new(move |_| Arc::new(members.with(|m| m.to_vec())));
    let count = Signal::derive(move || rows.with(|r| r.len()));
    let col = |title: fn(&SettingsState) -> String, width: &'static str, numeric: bool| Column {
        sort: None,
        title: Signal::derive(move || title(&settings)),
        width,
        numeric,
        class: "",
    };
    use crate::state::SettingsState;
    let columns = vec![
        col(
            |st| st.t().col_name.to_string(),
            "minmax(10rem, 2fr)",
            false,
        ),
        // The city gives way on narrow screens (see `col-city` in the stylesheet).
        Column {
            class: "col-city",
            ..col(
                |st| st.t().col_city.to_string(),
                "var(--col-city, minmax(7rem, 1fr))",
                false,
            )
        },
        col(|st| st.t().col_orders.to_string(), "4.5rem", true),
        col(|st| st.t().col_spent.to_string(), "8rem", true),
        col(|st| st.t().col_last_order.to_string(), "7rem", true),
        col(|st| st.t().col_clv.to_string(), "8rem", true),
        col(|st| st.s().col_r.to_string(), "2.5rem", true),
        col(|st| st.s().col_f.to_string(), "2.5rem", true),
        col(|st| st.s().col_m.to_string(), "2.5rem", true),
        col(
            |st| st.s().col_segment.to_string(),
            "minmax(8rem, 1fr)",
            false,
        ),
    ];
    let row = move |i: usize| {
        let p = rows.with_untracked(|r| r[i]);
        let (c, stats) = data.untracked(|db| (db.at(p).clone(), db.stats_at(p).clone()));
        let a = segments.analysis_untracked();
        let pi = p as usize;
        let score = |v: &Vec<u8>| v.get(pi).copied().filter(|x| *x > 0).map(|x| x.to_string());
        let main = settings.currency();
        let clv = a.potential.clv_at(p).map(|v| settings.money_major(v, main));
        let seg = a
            .segment
            .get(pi)
            .copied()
            .flatten()
            .map(|x| settings.s().segment(x));
        view! {
            <span role="cell" class="name"><a href=format!("/customers/{}", c.id)>{c.data.name()}</a></span>
            <span role="cell" class="ellipsis col-city">{c.data.address.city.clone()}</span>
            <span role="cell" class="num">{settings.integer(stats.orders as i64)}</span>
            <span role="cell" class="num">{settings.money(stats.spent_in(main), main)}</span>
            <span role="cell" class="num">{stats.last_order.map(|ms| settings.date_of(ms))}</span>
            <span role="cell" class="num">{clv}</span>
            <span role="cell" class="num">{score(&a.r)}</span>
            <span role="cell" class="num">{score(&a.f)}</span>
            <span role="cell" class="num">{score(&a.m)}</span>
            <span role="cell" class="ellipsis">{seg}</span>
        }
    };
    let key = move |i: usize| {
        (
            rows.with_untracked(|r| r.get(i).copied()),
            segments.revision.get_untracked(),
            i,
        )
    };
    let export = move |_| {
        let a = segments.analysis_untracked();
        let csv =
            members.with_untracked(|m| data.untracked(|db| members_csv(db, &a, m, settings.csv())));
        match download(&file_name(&name.get_untracked()), CSV, &csv) {
            Ok(()) => notices.info(settings.s().exported),
            Err(_) => notices.error(settings.t().unknown),
        }
    };
    view! {
        <div class="members">
            <div class="page-head">
                <h2>{move || s().members}</h2>
                <button type="button" on:click=export disabled=move || count.get() == 0>{move || s().export_csv}</button>
            </div>
            <p class="count" role="status">{move || t().customer_count(count.get(), &settings.integer(count.get() as i64))}</p>
            <VirtualTable
                label=Signal::derive(move || format!("{}: {}", name.get(), s().members))
                columns=columns
                count=count
                key=key
                row=row
            />
        </div>
    }
}
