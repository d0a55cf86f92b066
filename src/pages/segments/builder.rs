//! Building a segment: the rule editor, a live preview of the matching customers
//! (summary and list), and saving as a live segment or a static list.

use super::members::{MembersTable, SummaryCards};
use super::rule_editor::{CondState, GroupState, Item, RuleEditor};
use crate::components::{focus_first_invalid, TextField};
use crate::state::{use_data, use_notices, use_segments, use_settings};
use clientele_core::command::RecordCommand;
use clientele_core::segment::presets;
use clientele_core::segment::rules::{Field, Rule};
use clientele_core::segment::saved::SavedSegment;
use clientele_core::{Id, Record};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};
use std::sync::Arc;

#[component]
pub fn NewSegmentPage() -> impl IntoView {
    let query = use_query_map();
    let settings = use_settings();
    let (rule, name) = query.with_untracked(|q| {
        let num = |k: &str| {
            q.get(k)
                .and_then(|v| v.parse::<u8>().ok())
                .filter(|n| (1..=5).contains(n))
        };
        let rule = presets::start(num("r"), num("fm"), q.get("rfm"), q.get("stage"));
        let s = settings.s();
        let name = match (num("r"), num("fm"), q.get("rfm"), q.get("stage")) {
            (Some(r), Some(fm), _, _) => format!("R{r} FM{fm}"),
            (_, _, Some(code), _) => clientele_core::segment::rfm::Segment::parse(&code)
                .map(|x| s.segment(x).to_string())
                .unwrap_or_default(),
            (_, _, _, Some(code)) => clientele_core::segment::lifecycle::Stage::ALL
                .into_iter()
                .find(|x| x.code() == code)
                .map(|x| s.stage_name(x).to_string())
                .unwrap_or_default(),
            _ => String::new(),
        };
        (rule, name)
    });
    view! { <Builder existing=None rule=rule name=name description=String::new()/> }
}

#[component]
pub fn EditSegmentPage() -> impl IntoView {
    let params = use_params_map();
    let segments = use_segments();
    let settings = use_settings();
    let id = params.with_untracked(|p| p.get("id").and_then(|s| Id::parse(&s)));
    // The segment as editing started: what the form shows and what a save compares
    // with (a change saved in another tab meanwhile does not reset the form).
    let base = Memo::new(
        move |was: Option<&Option<Record<SavedSegment>>>| match was {
            Some(Some(seg)) => Some(seg.clone()),
            _ => id.and_then(|id| segments.get(id)),
        },
    );
    move || match base.get() {
        Some(seg) => {
            let rule = seg.data.rule.clone().unwrap_or_default();
            let (name, description) = (seg.data.name.clone(), seg.data.description.clone());
            view! { <Builder existing=Some(seg) rule=rule name=name description=description/> }
                .into_any()
        }
        None => view! {
            <section class="page">
                <h1>{settings.s().not_found}</h1>
                <p><a href="/segments">{settings.s().back}</a></p>
            </section>
        }
        .into_any(),
    }
}

#[component]
fn Builder(
    existing: Option<Record<SavedSegment>>,
    rule: Rule,
    name: String,
    description: String,
) -> impl IntoView {
    let settings = use_settings();
    let segments = use_segments();
    let data = use_data();
    let notices = use_notices();
    let navigate = use_navigate();
    let s = move || settings.s();
    let root = GroupState::from_rule(&rule, settings.locale());
    if root.items.with_untracked(Vec::is_empty) {
        root.items
            .set(vec![Item::Cond(CondState::new(Field::City))]);
    }
    let name = RwSignal::new(name);
    let description = RwSignal::new(description);
    let editing = existing.is_some();
    let live = RwSignal::new(true);
    let show_errors = RwSignal::new(false);
    let name_error = RwSignal::new(None::<String>);
    // The rule as typed, debounced so typing stays smooth on 100k customers.
    let typed = Memo::new(move |_| root.rule(settings.locale()));
    let settled = RwSignal::new(typed.get_untracked());
    Effect::new(move |_| {
        let r = typed.get();
        set_timeout(
            move || {
                // The builder may be gone by then (saved, navigated away).
                if typed.try_get_untracked().as_ref() == Some(&r) {
                    let _ = settled.try_set(r);
                }
            },
            std::time::Duration::from_millis(250),
        );
    });
    let members: Memo<Arc<Vec<u32>>> =
        Memo::new(move |_| Arc::new(settled.with(|r| segments.preview(r))));
    let valid = Memo::new(move |_| settled.with(|r| r.check().is_ok()));
    let save = move |_| {
        show_errors.set(true);
        let rule = root.rule(settings.locale());
        let bad_name = name.with(|n| n.trim().is_empty());
        name_error.set(bad_name.then(|| settings.t().problems.required.to_string()));
        if bad_name || rule.check().is_err() {
            focus_first_invalid();
            return;
        }
        let frozen = !live.get_untracked();
        let positions = segments.preview(&rule);
        let member_ids: Vec<Id> = if frozen {
            data.untracked(|db| positions.iter().map(|&p| db.at(p).id).collect())
        } else {
            Vec::new()
        };
        let edited = SavedSegment {
            name: name.get_untracked().trim().to_string(),
            description: description.get_untracked().trim().to_string(),
            rule: (!frozen).then_some(rule),
            members: member_ids,
            created_at: existing
                .as_ref()
                .map_or_else(crate::platform::now_ms, |e| e.data.created_at),
            deleted: false,
        };
        let navigate = navigate.clone();
        let existing = existing.clone();
        spawn_local(async move {
            let (id, cmd) = match existing {
                // Only what was changed here (an emptied description too).
                Some(base) => (
                    base.id,
                    RecordCommand::Update {
                        id: base.id,
                        changes: clientele_core::record::changes(&base.data, &edited),
                    },
                ),
                None => {
                    let id = crate::platform::new_id();
                    (id, RecordCommand::Create { id, data: edited })
                }
            };
            match segments.command(cmd).await {
                Ok(_) => {
                    notices.info(settings.s().saved);
                    navigate(&format!("/segments/{id}"), Default::default());
                }
                Err(e) => notices.error(e.message(settings.t())),
            }
        });
    };
    let kind_name = crate::components::next_id("kind");
    view! {
        <section class="page builder">
            <div class="page-head">
                <h1>{move || if editing { s().edit_title } else { s().builder_title }}</h1>
                <a href="/segments">{move || s().back}</a>
            </div>
            <div class="card">
                <RuleEditor root=root show_errors=show_errors/>
            </div>
            <div class="card">
                <h2>{move || s().preview_title}</h2>
                <SummaryCards members=Signal::derive(move || members.get())/>
            </div>
            <div class="card save-form">
                <TextField label=Signal::derive(move || s().name_label.to_string()) value=name required=true error=Signal::derive(move || name_error.get())/>
                <TextField label=Signal::derive(move || s().description_label.to_string()) value=description/>
                <fieldset class="choices" role="radiogroup">
                    <legend>{move || s().kind_label}</legend>
                    <label class="check"><input type="radio" name=kind_name.clone() prop:checked=move || live.get() on:change=move |_| live.set(true)/>{move || s().live_explain}</label>
                    <label class="check"><input type="radio" name=kind_name prop:checked=move || !live.get() on:change=move |_| live.set(false)/>{move || s().static_explain}</label>
                </fieldset>
                <button type="button" class="primary" on:click=save>{move || s().save_segment}</button>
                {move || (show_errors.get() && !valid.get()).then(|| view! { <p class="error" role="alert">{settings.t().problems.invalid_rule}</p> })}
            </div>
            <MembersTable members=Signal::derive(move || members.get()) name=Signal::derive(move || name.get())/>
        </section>
    }
}
