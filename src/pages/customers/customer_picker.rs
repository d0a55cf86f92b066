//! Choosing another customer, to move an order to or to merge with: a search by
//! name, phone or email (the list's search, diacritics ignored), its first matches
//! as buttons, and the choice said plainly until saved, with a way back.

use crate::components::{focus_id, TextField};
use crate::state::{use_data, use_settings};
use clientele_core::Id;
use leptos::prelude::*;

/// Matches shown at most.
const SHOWN: usize = 6;

/// What the customer is chosen for (the words differ).
#[derive(Clone, Copy, PartialEq)]
pub enum Purpose {
    MoveOrder,
    /// The search is open from the start.
    Merge,
}

#[component]
pub fn CustomerPicker(
    /// Whose the order is now (the customer to merge with another), left out of
    /// the matches.
    current: Id,
    current_name: String,
    /// The customer chosen (id, name), none to keep it where it is.
    target: RwSignal<Option<(Id, String)>>,
    purpose: Purpose,
) -> impl IntoView {
    let data = use_data();
    let settings = use_settings();
    let h = move || settings.h();
    let open = RwSignal::new(purpose == Purpose::Merge);
    let merge = purpose == Purpose::Merge;
    // The button that opens the search, which also names the list of matches.
    let action = move || {
        if merge {
            h().merge_open
        } else {
            h().move_order
        }
    };
    // The chosen customer's phone or email, to tell two of one name apart.
    let chosen_detail = RwSignal::new(String::new());
    let query = RwSignal::new(String::new());
    // (id, name, phone or email) of the first live matches other than `current`.
    let matches = Memo::new(move |_| {
        let q = query.get();
        if q.trim().is_empty() {
            return Vec::new();
        }
        data.with_mut(|db| {
            let hits = db.search(&q);
            hits.into_iter()
                .map(|p| db.at(p))
                .filter(|c| c.id != current && !c.is_deleted())
                .take(SHOWN)
                .map(|c| {
                    let d = &c.data;
                    let detail = d
                        .phones
                        .first()
                        .or(d.emails.first())
                        .cloned()
                        .unwrap_or_default();
                    (c.id, d.display_name.clone(), detail)
                })
                .collect::<Vec<_>>()
        })
    });
    let name = current_name.clone();
    view! {
        <div class="picker">
            <p>
                <span class="muted">{move || h().customer_label}": "</span>
                <strong>{current_name.clone()}</strong>
            </p>
            {move || match target.get() {
                Some((_, to)) => {
                    let (chosen, back) = if merge {
                        (h().merge_chosen, h().merge_other.to_string())
                    } else {
                        (h().moving_to, h().keep_with.replace("{name}", &name))
                    };
                    let detail = chosen_detail.get();
                    let to = if detail.is_empty() { to } else { format!("{to} ({detail})") };
                    view! {
                        <p role="status" class="moving">{chosen.replace("{name}", &to)}</p>
                        <button type="button" id="keep-target" on:click=move |_| { target.set(None); open.set(merge) }>{back}</button>
                    }.into_any()
                }
                None if !open.get() => view! {
                    <button type="button" on:click=move |_| open.set(true)>{action()}</button>
                }.into_any(),
                None => view! {
                    <TextField
                        label=Signal::derive(move || h().find_customer.to_string())
                        value=query
                        kind="search"
                        hint=Signal::derive(move || Some(h().find_hint.to_string()))
                    />
                    <ul class="picks" aria-label=action()>
                        {move || matches.get().into_iter().map(|(id, name, detail)| {
                            let chosen = name.clone();
                            let chosen_with = detail.clone();
                            view! {
                                <li>
                                    <button type="button" on:click=move |_| {
                                        chosen_detail.set(chosen_with.clone());
                                        target.set(Some((id, chosen.clone())));
                                        open.set(false);
                                        focus_id("keep-target");
                                    }>
                                        {name}
                                        {(!detail.is_empty()).then(|| view! { <span class="muted">" · "{detail}</span> })}
                                    </button>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                    {move || (!query.get().trim().is_empty() && matches.with(Vec::is_empty))
                        .then(|| view! { <p class="muted">{h().no_customer_found}</p> })}
                }.into_any(),
            }}
        </div>
    }
}
