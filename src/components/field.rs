//! Labelled form fields with inline errors (`aria-invalid`, `aria-describedby`).

use leptos::prelude::*;
use std::sync::atomic::{AtomicU32, Ordering};

static NEXT: AtomicU32 = AtomicU32::new(1);

/// A unique element id for labels and descriptions.
pub fn next_id(prefix: &str) -> String {
    format!("{prefix}-{}", NEXT.fetch_add(1, Ordering::Relaxed))
}

/// Moves the focus to the first field marked invalid (after a failed save, so the
/// person sees what to fix even when the form is long).
pub fn focus_first_invalid() {
    request_animation_frame(|| {
        let el = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.query_selector("[aria-invalid=\"true\"]").ok().flatten());
        if let Some(el) =
            el.and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok())
        {
            let _ = el.focus();
        }
    });
}

/// Moves the keyboard focus to the element with `id`, once it is drawn (a form just
/// opened, what replaced the button just pressed).
pub fn focus_id(id: &'static str) {
    request_animation_frame(move || {
        let el = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id(id));
        if let Some(el) =
            el.and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok())
        {
            let _ = el.focus();
        }
    });
}

/// A text input (or textarea) with a visible label, an optional hint and an error.
#[component]
pub fn TextField(
    /// The visible label, also the accessible name.
    #[prop(into)]
    label: Signal<String>,
    /// The value, two-way.
    value: RwSignal<String>,
    /// An error to show under the field.
    #[prop(into, optional)]
    error: Signal<Option<String>>,
    /// A hint under the input (e.g. the date format).
    #[prop(into, optional)]
    hint: Signal<Option<String>>,
    /// The input type: "text" (default), "email", "tel", "search".
    #[prop(optional)]
    kind: Option<&'static str>,
    /// Marks the field as required.
    #[prop(optional)]
    required: bool,
    /// A multi-line text area instead of an input.
    #[prop(optional)]
    multiline: bool,
    /// The autocomplete hint for the browser.
    #[prop(optional)]
    autocomplete: Option<&'static str>,
    /// The id of a <datalist> of suggestions.
    #[prop(optional, into)]
    list: Option<String>,
    /// The input's id, to move the focus to it (`focus_id`); a fresh one if none.
    #[prop(optional)]
    id: Option<&'static str>,
) -> impl IntoView {
    let id = id.map_or_else(|| next_id("f"), String::from);
    let err_id = format!("{id}-err");
    let hint_id = format!("{id}-hint");
    let described = {
        let (err_id, hint_id) = (err_id.clone(), hint_id.clone());
        move || {
            let mut v = Vec::new();
            if hint.with(Option::is_some) {
                v.push(hint_id.clone());
            }
            if error.with(Option::is_some) {
                v.push(err_id.clone());
            }
            (!v.is_empty()).then(|| v.join(" "))
        }
    };
    let invalid = move || error.with(Option::is_some).then_some("true");
    let input = if multiline {
        view! {
            <textarea
                id=id.clone()
                rows="3"
                aria-invalid=invalid
                aria-describedby=described.clone()
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            ></textarea>
        }
        .into_any()
    } else {
        view! {
            <input
                id=id.clone()
                type=kind.unwrap_or("text")
                required=required
                autocomplete=autocomplete
                list=list
                aria-invalid=invalid
                aria-describedby=described
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            />
        }
        .into_any()
    };
    view! {
        <div class="field" class:has-error=move || error.with(Option::is_some)>
            <label for=id.clone()>
                {move || label.get()}
                {required.then(|| view! { <span class="req" aria-hidden="true">" *"</span> })}
            </label>
            {input}
            {move || hint.get().map(|h| view! { <p class="hint" id=hint_id.clone()>{h}</p> })}
            {move || error.get().map(|e| view! { <p class="error" id=err_id.clone()>{e}</p> })}
        </div>
    }
}

/// A value a `ChoiceField` offers: a closed set (an enum), each with a stable code
/// for the page (and its tests) to name it by.
pub trait Choice: Copy + PartialEq + Send + Sync + 'static {
    fn code(self) -> &'static str;
}

/// A select with a visible label over typed choices: the signal holds the enum, so a
/// misspelt choice does not compile. Options are (choice, text).
#[component]
pub fn ChoiceField<T: Choice>(
    /// The visible label, also the accessible name.
    #[prop(into)]
    label: Signal<String>,
    /// The selected choice, two-way.
    value: RwSignal<T>,
    /// The choices offered, with their text.
    #[prop(into)]
    options: Signal<Vec<(T, String)>>,
    /// Extra class for layout (e.g. "compact").
    #[prop(optional)]
    class: &'static str,
) -> impl IntoView {
    let codes = Signal::derive(move || {
        options.with(|o| {
            o.iter()
                .map(|(c, text)| (c.code().to_string(), text.clone()))
                .collect()
        })
    });
    let pick = move |code: String| {
        if let Some((c, _)) = options.with(|o| o.iter().find(|(c, _)| c.code() == code).cloned()) {
            value.set(c);
        }
    };
    select(
        label,
        class,
        Signal::derive(move || value.get().code().to_string()),
        codes,
        pick,
    )
}

/// A select with a visible label. Options are (value, text) pairs.
#[component]
pub fn SelectField(
    /// The visible label, also the accessible name.
    #[prop(into)]
    label: Signal<String>,
    /// The selected option's value, two-way.
    value: RwSignal<String>,
    /// The options as (value, text).
    #[prop(into)]
    options: Signal<Vec<(String, String)>>,
    /// Extra class for layout (e.g. "compact").
    #[prop(optional)]
    class: &'static str,
) -> impl IntoView {
    select(label, class, value.into(), options, move |v| value.set(v))
}

/// The select both fields draw: a visible label over options (value, text), the one
/// valued `current` selected; `pick` is given the value chosen.
fn select(
    label: Signal<String>,
    class: &'static str,
    current: Signal<String>,
    options: Signal<Vec<(String, String)>>,
    pick: impl Fn(String) + 'static,
) -> impl IntoView {
    let id = next_id("s");
    view! {
        <div class=format!("field {class}")>
            <label for=id.clone()>{move || label.get()}</label>
            <select id=id on:change=move |ev| pick(event_target_value(&ev)) prop:value=move || current.get()>
                {move || {
                    let current = current.get();
                    options
                        .get()
                        .into_iter()
                        .map(|(v, text)| {
                            let selected = v == current;
                            view! { <option value=v selected=selected>{text}</option> }
                        })
                        .collect_view()
                }}
            </select>
        </div>
    }
}
