//! The keyboard, everywhere: `/` searches customers, Ctrl/Cmd+K opens the command
//! palette (go to a page, find a customer, start something), `?` lists the
//! shortcuts; after navigating, the focus is on the new page's heading.

use crate::components::focus_id;
use crate::i18n::KeysStrings;
use crate::state::{use_data, use_settings};
use leptos::ev;
use leptos::html::{Dialog, Input};
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};
use wasm_bindgen::JsCast;

/// Customers the palette shows at most.
const CUSTOMERS_SHOWN: usize = 5;

#[derive(Clone, Copy, PartialEq)]
enum Command {
    Dashboard,
    Customers,
    Products,
    Segments,
    NewCustomer,
    NewSegment,
    Import,
    Backup,
    Settings,
}

impl Command {
    const ALL: [Command; 9] = [
        Command::Dashboard,
        Command::Customers,
        Command::Products,
        Command::Segments,
        Command::NewCustomer,
        Command::NewSegment,
        Command::Import,
        Command::Backup,
        Command::Settings,
    ];

    fn path(self) -> &'static str {
        match self {
            Command::Dashboard => "/dashboard",
            Command::Customers => "/customers",
            Command::Products => "/products",
            Command::Segments => "/segments",
            Command::NewCustomer => "/customers/new",
            Command::NewSegment => "/segments/new",
            Command::Import => "/import",
            Command::Backup => "/backup",
            Command::Settings => "/settings",
        }
    }

    fn words(self, k: &KeysStrings) -> &'static str {
        match self {
            Command::Dashboard => k.go_dashboard,
            Command::Customers => k.go_customers,
            Command::Products => k.go_products,
            Command::Segments => k.go_segments,
            Command::NewCustomer => k.new_customer,
            Command::NewSegment => k.new_segment,
            Command::Import => k.import,
            Command::Backup => k.backup,
            Command::Settings => k.go_settings,
        }
    }
}

/// Whether a key press is typing into a field (then it is not a shortcut).
fn typing(e: &ev::KeyboardEvent) -> bool {
    e.target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok())
        .is_some_and(|el| {
            matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
                || el.is_content_editable()
        })
}

/// Puts the focus on the page's main heading once it is drawn.
fn focus_heading() {
    set_timeout(
        || {
            let heading = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.query_selector("main h1").ok().flatten())
                .and_then(|h| h.dyn_into::<web_sys::HtmlElement>().ok());
            if let Some(h) = heading {
                if !h.has_attribute("tabindex") {
                    let _ = h.set_attribute("tabindex", "-1");
                }
                let _ = h.focus();
            }
        },
        std::time::Duration::from_millis(30),
    );
}

#[component]
pub fn Keyboard() -> impl IntoView {
    let palette = RwSignal::new(false);
    let shortcuts = RwSignal::new(false);
    let navigate = use_navigate();
    let location = use_location();
    let go = {
        let navigate = navigate.clone();
        move |path: &str| navigate(path, Default::default())
    };
    let on_key = window_event_listener(ev::keydown, move |e| {
        if (e.ctrl_key() || e.meta_key()) && e.key().eq_ignore_ascii_case("k") {
            e.prevent_default();
            shortcuts.set(false);
            palette.set(true);
            return;
        }
        if typing(&e) || e.ctrl_key() || e.meta_key() || e.alt_key() || palette.get_untracked() {
            return;
        }
        match e.key().as_str() {
            "/" => {
                e.prevent_default();
                if location.pathname.get_untracked() != "/customers" {
                    go("/customers");
                }
                set_timeout(
                    || focus_id("customer-search"),
                    std::time::Duration::from_millis(30),
                );
            }
            "?" => {
                e.prevent_default();
                shortcuts.set(true);
            }
            _ => {}
        }
    });
    on_cleanup(move || on_key.remove());
    // After navigating (not on the first page), the new page's heading.
    Effect::new(move |before: Option<String>| {
        let path = location.pathname.get();
        if before.is_some_and(|b| b != path) {
            focus_heading();
        }
        path
    });
    view! {
        <Palette open=palette/>
        <Shortcuts open=shortcuts/>
    }
}

/// Opens and closes a native modal dialog with `open`.
fn modal(dialog: NodeRef<Dialog>, open: RwSignal<bool>) {
    Effect::new(move |_| {
        let Some(d) = dialog.get() else { return };
        if open.get() {
            if !d.open() {
                let _ = d.show_modal();
            }
        } else if d.open() {
            d.close();
        }
    });
}

/// One choice of the palette.
#[derive(Clone, PartialEq)]
struct Choice {
    text: String,
    path: String,
}

#[component]
fn Palette(open: RwSignal<bool>) -> impl IntoView {
    let settings = use_settings();
    let data = use_data();
    let navigate = use_navigate();
    let k = move || settings.keys();
    let dialog = NodeRef::<Dialog>::new();
    let input = NodeRef::<Input>::new();
    modal(dialog, open);
    let query = RwSignal::new(String::new());
    let selected = RwSignal::new(0usize);
    Effect::new(move |_| {
        if open.get() {
            query.set(String::new());
            selected.set(0);
            if let Some(i) = input.get() {
                let _ = i.focus();
            }
        }
    });
    // Pages and actions whose words hold the query, then matching customers.
    let choices = Memo::new(move |_| {
        let q = query.get();
        let folded = clientele_core::search::fold(q.trim());
        let words = k();
        let mut v: Vec<Choice> = Command::ALL
            .into_iter()
            .filter(|c| clientele_core::search::fold(c.words(words)).contains(&folded))
            .map(|c| Choice {
                text: c.words(words).to_string(),
                path: c.path().to_string(),
            })
            .collect();
        if !folded.is_empty() {
            let found = data.with_mut(|db| {
                db.search(&q)
                    .into_iter()
                    .take(CUSTOMERS_SHOWN)
                    .map(|p| {
                        let c = db.at(p);
                        Choice {
                            text: c.data.display_name.clone(),
                            path: format!("/customers/{}", c.id),
                        }
                    })
                    .collect::<Vec<_>>()
            });
            v.extend(found);
        }
        v
    });
    let run = move |i: usize| {
        if let Some(c) = choices.with_untracked(|v| v.get(i).cloned()) {
            open.set(false);
            navigate(&c.path, Default::default());
        }
    };
    let keys = {
        let run = run.clone();
        move |e: ev::KeyboardEvent| {
            let n = choices.with_untracked(Vec::len);
            match e.key().as_str() {
                "ArrowDown" if n > 0 => {
                    e.prevent_default();
                    selected.update(|s| *s = (*s + 1) % n);
                }
                "ArrowUp" if n > 0 => {
                    e.prevent_default();
                    selected.update(|s| *s = (*s + n - 1) % n);
                }
                "Enter" => {
                    e.prevent_default();
                    run(selected.get_untracked());
                }
                _ => {}
            }
        }
    };
    let option_id = |i: usize| format!("palette-option-{i}");
    view! {
        <dialog node_ref=dialog class="palette" aria-labelledby="palette-title" on:close=move |_| open.set(false)>
            <h2 id="palette-title">{move || k().palette_title}</h2>
            <label for="palette-input" class="sr-only">{move || k().palette_input}</label>
            <input
                node_ref=input
                id="palette-input"
                type="text"
                role="combobox"
                autocomplete="off"
                aria-expanded="true"
                aria-controls="palette-list"
                aria-activedescendant=move || (!choices.with(Vec::is_empty)).then(|| option_id(selected.get()))
                placeholder=move || k().palette_input
                prop:value=move || query.get()
                on:input=move |e| {
                    query.set(event_target_value(&e));
                    selected.set(0);
                }
                on:keydown=keys
            />
            <p class="hint">{move || k().palette_hint}</p>
            <ul id="palette-list" role="listbox" aria-label=move || k().palette_title>
                {move || choices.get().into_iter().enumerate().map(|(i, c)| {
                    let run = run.clone();
                    view! {
                        <li id=option_id(i) role="option" aria-selected=move || (selected.get() == i).to_string() on:click=move |_| run(i)>
                            {c.text}
                        </li>
                    }
                }).collect_view()}
            </ul>
            {move || choices.with(Vec::is_empty).then(|| view! { <p class="muted">{k().nothing_found}</p> })}
        </dialog>
    }
}

#[component]
fn Shortcuts(open: RwSignal<bool>) -> impl IntoView {
    let settings = use_settings();
    let k = move || settings.keys();
    let dialog = NodeRef::<Dialog>::new();
    modal(dialog, open);
    view! {
        <dialog node_ref=dialog aria-labelledby="shortcuts-title" on:close=move |_| open.set(false)>
            <h2 id="shortcuts-title">{move || k().shortcuts_title}</h2>
            <dl class="shortcuts">
                <dt><kbd>"/"</kbd></dt><dd>{move || k().key_search}</dd>
                <dt><kbd>"Ctrl"</kbd>" + "<kbd>"K"</kbd></dt><dd>{move || k().key_palette}</dd>
                <dt><kbd>"?"</kbd></dt><dd>{move || k().key_shortcuts}</dd>
                <dt><kbd>"Esc"</kbd></dt><dd>{move || k().key_escape}</dd>
            </dl>
            <div class="actions">
                <button type="button" on:click=move |_| open.set(false)>{move || k().close}</button>
            </div>
        </dialog>
    }
}
