//! The Products page: the catalogue grown from the orders (name, SKU, category, last
//! price, units sold, revenue in the main currency, buyers), searched and sorted, 50
//! rows at a time; a product renamed, or merged into another by taking its name,
//! with progress and Undo.

use crate::components::{focus_id, SelectField, TextField};
use crate::state::{use_data, use_notices, use_settings, NoticeKind};
use clientele_core::catalogue::{suggest, Product};
use clientele_core::search::fold;
use leptos::prelude::*;

/// Rows shown at first, and added by each "Show more".
const PAGE: usize = 50;

#[component]
pub fn ProductsPage() -> impl IntoView {
    let data = use_data();
    let settings = use_settings();
    let p = move || settings.p();
    let query = RwSignal::new(String::new());
    let sort = RwSignal::new("revenue".to_string());
    let shown = RwSignal::new(PAGE);
    let renaming = RwSignal::new(None::<Product>);
    let all = Memo::new(move |_| data.with(|db| db.catalogue()));
    let list = Memo::new(move |_| {
        let main = settings.currency();
        let q = query.get();
        all.with(|all| {
            let mut v: Vec<Product> = if q.trim().is_empty() {
                all.clone()
            } else {
                suggest(all, &q, usize::MAX).into_iter().cloned().collect()
            };
            match sort.get().as_str() {
                "units" => v.sort_by_key(|p| std::cmp::Reverse(p.tally.units)),
                "buyers" => v.sort_by_key(|p| std::cmp::Reverse(p.tally.buyers)),
                "name" => v.sort_by_cached_key(|p| fold(&p.name)),
                _ => v.sort_by_key(|p| std::cmp::Reverse(p.tally.revenue_in(main))),
            }
            v
        })
    });
    let sort_options = Signal::derive(move || {
        [
            ("revenue", p().sort_revenue),
            ("units", p().sort_units),
            ("buyers", p().sort_buyers),
            ("name", p().sort_name),
        ]
        .into_iter()
        .map(|(v, t)| (v.to_string(), t.to_string()))
        .collect::<Vec<_>>()
    });
    view! {
        <section class="page products">
            <div class="page-head">
                <div>
                    <h1 tabindex="-1">{move || p().title}</h1>
                    <p class="muted">{move || p().intro}</p>
                </div>
            </div>
            {move || renaming.get().map(|product| view! { <RenamePanel product=product all=all open=renaming/> })}
            <div class="toolbar">
                <TextField label=Signal::derive(move || p().search.to_string()) value=query kind="search"/>
                <SelectField label=Signal::derive(move || p().sort_label.to_string()) value=sort options=sort_options class="compact sort"/>
            </div>
            {move || {
                let total = list.with(Vec::len);
                if all.with(Vec::is_empty) {
                    return view! { <p class="muted">{p().none}</p> }.into_any();
                }
                if total == 0 {
                    return view! { <p class="muted">{p().no_match}</p> }.into_any();
                }
                let n = shown.get().min(total);
                let main = settings.currency();
                view! {
                    <p class="muted">{p().search_hint}" "{p().count.replace("{n}", &settings.integer(total as i64))}" · "{p().revenue_note.replace("{currency}", main.code())}</p>
                    <div class="table-wrap">
                    <table class="table">
                        <caption class="sr-only">{p().title}</caption>
                        <thead><tr>
                            <th scope="col">{p().col_product}</th>
                            <th scope="col">{p().col_sku}</th>
                            <th scope="col">{p().col_category}</th>
                            <th scope="col" class="num">{p().col_price}</th>
                            <th scope="col" class="num">{p().col_units}</th>
                            <th scope="col" class="num">{p().col_revenue}</th>
                            <th scope="col" class="num">{p().col_buyers}</th>
                            <th scope="col"><span class="sr-only">{p().col_actions}</span></th>
                        </tr></thead>
                        <tbody>
                            {list.with(|v| v.iter().take(n).cloned().collect::<Vec<_>>()).into_iter().map(|product| {
                                let t = &product.tally;
                                let name = product.name.clone();
                                let label = p().rename_of.replace("{name}", &name);
                                view! {
                                    <tr>
                                        <th scope="row">{name}</th>
                                        <td>{t.sku.clone()}</td>
                                        <td>{t.category.clone()}</td>
                                        <td class="num">{settings.money(t.last_price, t.last_currency)}</td>
                                        <td class="num">{settings.integer(t.units as i64)}</td>
                                        <td class="num">{settings.money(t.revenue_in(main), main)}</td>
                                        <td class="num">{settings.integer(t.buyers as i64)}</td>
                                        <td class="row-actions">
                                            <button type="button" class="link" aria-label=label on:click=move |_| {
                                                renaming.set(Some(product.clone()));
                                                focus_id("rename-name");
                                            }>{p().rename}</button>
                                        </td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                    </div>
                    <p class="more">
                        <span class="muted">{p().shown.replace("{n}", &settings.integer(n as i64)).replace("{total}", &settings.integer(total as i64))}</span>
                        {(n < total).then(|| view! {
                            " "<button type="button" on:click=move |_| shown.update(|s| *s += PAGE)>
                                {p().show_more.replace("{n}", &settings.integer(PAGE.min(total - n) as i64))}
                            </button>
                        })}
                    </p>
                }.into_any()
            }}
        </section>
    }
}

/// Renaming one product: the new name (another product's merges the two), progress,
/// and Undo in the notice. Cancel or Escape closes it.
#[component]
fn RenamePanel(
    product: Product,
    /// The catalogue, as the page computed it.
    all: Memo<Vec<Product>>,
    open: RwSignal<Option<Product>>,
) -> impl IntoView {
    let data = use_data();
    let settings = use_settings();
    let notices = use_notices();
    let p = move || settings.p();
    let name = RwSignal::new(product.name.clone());
    let error = RwSignal::new(None::<String>);
    let progress = RwSignal::new(None::<(usize, usize)>);
    let term = product.term;
    let current = product.name.clone();
    // Another product of that name (folded), which the two become.
    let into = Memo::new(move |_| {
        let key = fold(name.get().trim());
        all.with(|all| {
            all.iter()
                .find(|x| x.term != term && fold(&x.name) == key)
                .map(|x| x.name.clone())
        })
    });
    let others = Memo::new(move |_| {
        all.with(|all| {
            all.iter()
                .filter(|x| x.term != term)
                .map(|x| x.name.clone())
                .collect::<Vec<_>>()
        })
    });
    let close = move || open.set(None);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let to = name.get_untracked().trim().to_string();
        if to.is_empty() {
            error.set(Some(p().err_empty.to_string()));
            focus_id("rename-name");
            return;
        }
        if to == current {
            error.set(Some(p().err_same.to_string()));
            focus_id("rename-name");
            return;
        }
        error.set(None);
        progress.set(Some((0, 0)));
        leptos::task::spawn_local(async move {
            let report = move |n, total| {
                progress.try_set(Some((n, total)));
            };
            match data.rename_product(term, &to, report).await {
                Ok(done) => {
                    let orders = done.orders;
                    let undo = Callback::new(move |_| {
                        let done = done.clone();
                        leptos::task::spawn_local(async move {
                            match data.undo_rename(&done).await {
                                Ok(()) => notices.info(settings.p().rename_undone),
                                Err(e) => notices.error(e.message(settings.t())),
                            }
                        });
                    });
                    let text = settings
                        .p()
                        .renamed
                        .replace("{n}", &settings.integer(orders as i64));
                    notices.push(
                        NoticeKind::Info,
                        text,
                        Some((settings.t().undo.to_string(), undo)),
                    );
                    open.try_set(None);
                }
                Err(e) => {
                    progress.try_set(None);
                    error.try_set(Some(e.message(settings.t())));
                }
            }
        });
    };
    let escape = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" && progress.get_untracked().is_none() {
            ev.prevent_default();
            close();
        }
    };
    let title = p().rename_title.replace("{name}", &product.name);
    let heading = title.clone();
    view! {
        <form class="card subform rename" aria-label=title on:submit=save on:keydown=escape novalidate>
            <h2>{heading}</h2>
            <TextField id="rename-name" label=Signal::derive(move || p().new_name.to_string()) value=name error=error list="rename-others" hint=Signal::derive(move || Some(match into.get() {
                Some(other) => p().merges_into.replace("{name}", &other),
                None => p().new_name_hint.to_string(),
            }))/>
            <datalist id="rename-others">
                {move || others.get().into_iter().take(200).map(|n| view! { <option value=n></option> }).collect_view()}
            </datalist>
            {move || progress.get().map(|(n, total)| view! {
                <p role="status">{p().renaming.replace("{n}", &n.to_string()).replace("{total}", &total.to_string())}</p>
            })}
            <div class="actions">
                <button type="button" on:click=move |_| close() disabled=move || progress.get().is_some()>{move || p().cancel}</button>
                <button type="submit" class="primary" disabled=move || progress.get().is_some()>
                    {move || if into.with(Option::is_some) { p().merge } else { p().rename }}
                </button>
            </div>
        </form>
    }
}
