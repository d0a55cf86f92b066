//! A table that renders only the rows in view, so 100,000 rows scroll smoothly.
//! Rows have a fixed height; the body scrolls; the header stays.

use leptos::html::Div;
use leptos::prelude::*;

/// A column: its header text, its CSS grid width, whether it holds numbers
/// (right-aligned, header included), and a class for its header ("" for none).
///
/// A column the page hides on narrow screens takes its width from a CSS variable,
/// `var(--col-x, minmax(7rem, 1fr))`: the stylesheet empties the variable and hides
/// the cells of class `col-x` (the header's `class` included) below some width.
#[derive(Clone)]
pub struct Column {
    pub title: Signal<String>,
    pub width: &'static str,
    pub numeric: bool,
    pub class: &'static str,
    /// A header that sorts the table when pressed; none for a plain one.
    pub sort: Option<Sortable>,
}

/// A sortable column: whether the table is sorted by it ("ascending" or
/// "descending", the header's `aria-sort`), and what pressing its header does.
#[derive(Clone, Copy)]
pub struct Sortable {
    pub state: Signal<Option<&'static str>>,
    pub press: Callback<()>,
}

const OVERSCAN: usize = 6;

#[component]
pub fn VirtualTable<K, KF, F, V>(
    /// The accessible name of the table.
    #[prop(into)]
    label: Signal<String>,
    columns: Vec<Column>,
    /// Number of rows.
    #[prop(into)]
    count: Signal<usize>,
    /// A key for row `i` that changes when the row's content changes.
    key: KF,
    /// Renders the cells of row `i`.
    row: F,
    /// Row height in pixels.
    #[prop(default = 52.0)]
    row_height: f64,
) -> impl IntoView
where
    K: Eq + std::hash::Hash + Clone + Send + Sync + 'static,
    KF: Fn(usize) -> K + Clone + Send + Sync + 'static,
    F: Fn(usize) -> V + Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let body = NodeRef::<Div>::new();
    let scroll_top = RwSignal::new(0.0f64);
    let height = RwSignal::new(600.0f64);
    // Events can still arrive while the table is being removed: do nothing then.
    let measure = move || {
        if let Some(Some(el)) = body.try_get_untracked() {
            let _ = height.try_set(el.client_height() as f64);
            let _ = scroll_top.try_set(el.scroll_top() as f64);
        }
    };
    Effect::new(move |_| {
        if body.get().is_some() {
            measure();
        }
    });
    let resize = window_event_listener(leptos::ev::resize, move |_| measure());
    on_cleanup(move || resize.remove());
    // A new list (search, sort) starts at the top.
    Effect::new(move |prev: Option<usize>| {
        let n = count.get();
        if prev.is_some() {
            if let Some(el) = body.get_untracked() {
                el.set_scroll_top(0);
                scroll_top.set(0.0);
            }
        }
        n
    });
    let template = columns
        .iter()
        .map(|c| c.width)
        .collect::<Vec<_>>()
        .join(" ");
    let visible = move || {
        let key = key.clone();
        let n = count.get();
        let first = (scroll_top.get() / row_height) as usize;
        let shown = (height.get() / row_height).ceil() as usize;
        let start = first.saturating_sub(OVERSCAN).min(n);
        let end = (first + shown + OVERSCAN).min(n);
        (start..end).map(|i| (i, key(i))).collect::<Vec<_>>()
    };
    let grid = template.clone();
    view! {
        <div class="vtable" role="table" aria-label=move || label.get() aria-rowcount=move || count.get() + 1>
            <div role="rowgroup" class="vhead">
                <div role="row" class="vrow" aria-rowindex="1" style:grid-template-columns=template>
                    {columns.into_iter().map(|c| match c.sort {
                        None => view! { <span role="columnheader" class=c.class class:num=c.numeric>{move || c.title.get()}</span> }.into_any(),
                        Some(s) => view! {
                            <span role="columnheader" class=c.class class:num=c.numeric aria-sort=move || s.state.get()>
                                <button type="button" class="sort-head" on:click=move |_| s.press.run(())>
                                    {move || c.title.get()}
                                </button>
                            </span>
                        }.into_any(),
                    }).collect_view()}
                </div>
            </div>
            <div
                role="rowgroup"
                class="vbody"
                node_ref=body
                on:scroll=move |_| measure()
            >
                <div class="vspacer" style:height=move || format!("{}px", count.get() as f64 * row_height)>
                    <For each=visible key=|(_, k)| k.clone() let:item>
                        {
                            let (i, _) = item;
                            view! {
                                <div
                                    role="row"
                                    class="vrow"
                                    aria-rowindex=i + 2
                                    style:grid-template-columns=grid.clone()
                                    style:transform=format!("translateY({}px)", i as f64 * row_height)
                                    style:height=format!("{row_height}px")
                                >
                                    {row(i)}
                                </div>
                            }
                        }
                    </For>
                </div>
            </div>
        </div>
    }
}
