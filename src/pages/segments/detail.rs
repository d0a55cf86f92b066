//! One saved segment: what it is, its summary and members (with CSV export), and
//! editing its rule, freezing it into a static list, or deleting it (with undo).

use super::make::SegmentMaker;
use super::members::{MembersTable, SummaryCards};
use crate::components::ConfirmDialog;
use crate::state::{use_data, use_notices, use_segments, use_settings, NoticeKind};
use clientele_core::command::RecordCommand;
use clientele_core::segment::saved::SavedSegment;
use clientele_core::Id;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_params_map};

#[component]
pub fn SegmentPage() -> impl IntoView {
    let params = use_params_map();
    let segments = use_segments();
    let settings = use_settings();
    let s = move || settings.s();
    let id = Memo::new(move |_| params.with(|p| p.get("id").and_then(|s| Id::parse(&s))));
    let segment = Memo::new(move |_| id.get().and_then(|id| segments.get(id)));
    view! {
        <section class="page">
            {move || match segment.get() {
                Some(seg) => view! { <Detail id=seg.id seg=seg.data/> }.into_any(),
                None => view! {
                    <h1>{s().not_found}</h1>
                    <p><a href="/segments">{s().back}</a></p>
                }.into_any(),
            }}
        </section>
    }
}

#[component]
fn Detail(id: Id, seg: SavedSegment) -> impl IntoView {
    let settings = use_settings();
    let segments = use_segments();
    let data = use_data();
    let notices = use_notices();
    let navigate = use_navigate();
    let maker = SegmentMaker::new();
    let s = move || settings.s();
    let members = Signal::derive(move || segments.members(id));
    let confirm = RwSignal::new(false);
    let live = seg.is_live();
    let name = seg.name.clone();
    let freeze = {
        let name = name.clone();
        move |_| {
            let ids: Vec<Id> = members
                .with_untracked(|m| data.untracked(|db| m.iter().map(|&p| db.at(p).id).collect()));
            let segment = SavedSegment {
                name: format!("{name} ({})", settings.date_of(crate::platform::now_ms())),
                description: name.clone(),
                rule: None,
                members: ids,
                created_at: crate::platform::now_ms(),
                deleted: false,
            };
            maker.create(segment, settings.s().frozen.to_string());
        }
    };
    let delete = Callback::new(move |_| {
        let navigate = navigate.clone();
        spawn_local(async move {
            match segments.command(RecordCommand::Delete { id }).await {
                Ok(undo) => {
                    let action = undo.map(|u| {
                        (
                            settings.t().undo.to_string(),
                            Callback::new(move |_| {
                                let u = u.clone();
                                // A failed undo says why, as the customer page's does.
                                spawn_local(async move {
                                    if let Err(e) = segments.command(u).await {
                                        notices.error(e.message(settings.t()));
                                    }
                                });
                            }),
                        )
                    });
                    notices.push(NoticeKind::Info, settings.s().deleted, action);
                    navigate("/segments", Default::default());
                }
                Err(e) => notices.error(e.message(settings.t())),
            }
        });
    });
    let title = name.clone();
    view! {
        <div class="page-head">
            <h1>{title}</h1>
            <a href="/segments">{move || s().back}</a>
        </div>
        <p>
            <span class="badge">{move || if live { s().live } else { s().static_list }}</span>
            " "
            <span class="muted">{move || if live { s().live_explain } else { s().static_explain }}</span>
        </p>
        {(!seg.description.is_empty()).then(|| view! { <p class="muted">{seg.description.clone()}</p> })}
        <div class="row">
            {live.then(|| view! { <a class="button" href=format!("/segments/{id}/edit")>{move || s().edit_rule}</a> })}
            {live.then(|| view! { <button type="button" on:click=freeze.clone()>{move || s().freeze}</button> })}
            <button type="button" class="danger" on:click=move |_| confirm.set(true)>{move || s().delete}</button>
        </div>
        <div class="card">
            <SummaryCards members=members/>
        </div>
        <MembersTable members=members name=Signal::derive(move || name.clone())/>
        <ConfirmDialog
            open=confirm
            title=Signal::derive(move || s().delete.to_string())
            body=Signal::derive(move || s().delete_body.to_string())
            confirm=Signal::derive(move || s().delete.to_string())
            cancel=Signal::derive(move || settings.t().cancel.to_string())
            on_confirm=delete
        />
    }
}
