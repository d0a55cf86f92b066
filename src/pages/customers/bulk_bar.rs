//! What can be done to the customers selected in the list: tag them, add them to a
//! static segment (an existing one or a new one), export them as CSV, delete them;
//! each with Undo where it changes data.

use crate::components::{download, CSV};
use crate::components::{SelectField, TextField};
use crate::platform;
use crate::state::{use_data, use_notices, use_segments, use_settings, NoticeKind};
use clientele_core::command::RecordCommand;
use clientele_core::model::CustomerField;
use clientele_core::segment::saved::{members_csv, SavedSegment};
use clientele_core::Id;
use leptos::prelude::*;
use std::collections::HashSet;

/// The segment choice that makes a new static segment.
const NEW: &str = "new";

#[component]
pub fn BulkBar(selected: RwSignal<HashSet<Id>>) -> impl IntoView {
    let data = use_data();
    let segments = use_segments();
    let settings = use_settings();
    let notices = use_notices();
    let l = move || settings.lst();
    let tag = RwSignal::new(String::new());
    let tag_error = RwSignal::new(None::<String>);
    let target = RwSignal::new(NEW.to_string());
    let new_name = RwSignal::new(String::new());
    let name_error = RwSignal::new(None::<String>);
    // The selected customers still there (another tab may have deleted some).
    let live = move || {
        let ids = selected.get_untracked();
        data.untracked(|db| {
            let mut v: Vec<(Id, u32)> = ids
                .iter()
                .filter_map(|&id| {
                    db.position(id)
                        .filter(|&p| !db.at(p).is_deleted())
                        .map(|p| (id, p))
                })
                .collect();
            v.sort_by_key(|(_, p)| *p);
            v
        })
    };
    let undo_action = move |undo: crate::state::BulkUndo, done: &'static str| {
        let cb = Callback::new(move |_| {
            let undo = undo.clone();
            leptos::task::spawn_local(async move {
                match data.undo_bulk(&undo).await {
                    Ok(()) => notices.info(done),
                    Err(e) => notices.error(e.message(settings.t())),
                }
            });
        });
        Some((settings.t().undo.to_string(), cb))
    };
    let add_tag = move |_| {
        let t = tag.get_untracked().trim().to_string();
        if t.is_empty() {
            tag_error.set(Some(l().err_tag.to_string()));
            return;
        }
        tag_error.set(None);
        let cmds: Vec<RecordCommand<_>> = data.untracked(|db| {
            live()
                .into_iter()
                .filter(|&(_, p)| !db.at(p).data.has_tag(&t))
                .map(|(id, p)| {
                    let mut tags = db.at(p).data.tags.clone();
                    tags.push(t.clone());
                    RecordCommand::Update {
                        id,
                        changes: vec![CustomerField::Tags(tags)],
                    }
                })
                .collect()
        });
        let n = selected.with_untracked(HashSet::len);
        leptos::task::spawn_local(async move {
            match data.customer_commands(cmds).await {
                Ok(undo) => {
                    let w = settings.lst();
                    let text = if n == 1 { w.tagged_one } else { w.tagged }
                        .replace("{tag}", &t)
                        .replace("{n}", &settings.integer(n as i64));
                    notices.push(
                        NoticeKind::Info,
                        text,
                        undo_action(undo, settings.lst().undone),
                    );
                    tag.try_set(String::new());
                }
                Err(e) => notices.error(e.message(settings.t())),
            }
        });
    };
    let statics = Signal::derive(move || {
        let mut v: Vec<(String, String)> = segments
            .list()
            .into_iter()
            .filter(|s| s.data.rule.is_none())
            .map(|s| (s.id.to_string(), s.data.name.clone()))
            .collect();
        v.push((NEW.to_string(), l().new_segment.to_string()));
        v
    });
    let add_to_segment = move |_| {
        let ids: Vec<Id> = live().into_iter().map(|(id, _)| id).collect();
        let choice = target.get_untracked();
        let cmd = if choice == NEW {
            let name = new_name.get_untracked().trim().to_string();
            if name.is_empty() {
                name_error.set(Some(l().err_segment_name.to_string()));
                return;
            }
            RecordCommand::Create {
                id: platform::new_id(),
                data: SavedSegment {
                    name,
                    members: ids.clone(),
                    created_at: platform::now_ms(),
                    ..Default::default()
                },
            }
        } else {
            let Some(seg) = Id::parse(&choice).and_then(|id| segments.get(id)) else {
                return;
            };
            let mut members = seg.data.members.clone();
            let had: HashSet<Id> = members.iter().copied().collect();
            members.extend(ids.iter().filter(|id| !had.contains(id)));
            RecordCommand::Update {
                id: seg.id,
                changes: vec![clientele_core::segment::saved::SavedSegmentField::Members(
                    members,
                )],
            }
        };
        name_error.set(None);
        let id = cmd.id();
        leptos::task::spawn_local(async move {
            match segments.command(cmd).await {
                Ok(undo) => {
                    let name = segments.get(id).map(|s| s.data.name).unwrap_or_default();
                    let w = settings.lst();
                    let text = if ids.len() == 1 {
                        w.added_one
                    } else {
                        w.added_to_segment
                    }
                    .replace("{n}", &settings.integer(ids.len() as i64))
                    .replace("{name}", &name);
                    let action = undo.map(|undo| {
                        let cb = Callback::new(move |_| {
                            let undo = undo.clone();
                            leptos::task::spawn_local(async move {
                                match segments.command(undo).await {
                                    Ok(_) => notices.info(settings.lst().undone),
                                    Err(e) => notices.error(e.message(settings.t())),
                                }
                            });
                        });
                        (settings.t().undo.to_string(), cb)
                    });
                    notices.push(NoticeKind::Info, text, action);
                    new_name.try_set(String::new());
                }
                Err(e) => notices.error(e.message(settings.t())),
            }
        });
    };
    let export = move |_| {
        let positions: Vec<u32> = live().into_iter().map(|(_, p)| p).collect();
        let a = segments.analysis_untracked();
        let csv = data.untracked(|db| members_csv(db, &a, &positions, settings.csv()));
        if download("customers.csv", CSV, &csv).is_err() {
            notices.error(settings.t().unknown);
        }
    };
    let delete = move |_| {
        let cmds: Vec<RecordCommand<_>> = live()
            .into_iter()
            .map(|(id, _)| RecordCommand::Delete { id })
            .collect();
        let n = cmds.len();
        leptos::task::spawn_local(async move {
            match data.customer_commands(cmds).await {
                Ok(undo) => {
                    selected.try_set(HashSet::new());
                    let w = settings.lst();
                    let text = if n == 1 { w.deleted_one } else { w.deleted }
                        .replace("{n}", &settings.integer(n as i64));
                    notices.push(
                        NoticeKind::Info,
                        text,
                        undo_action(undo, settings.lst().restored),
                    );
                }
                Err(e) => notices.error(e.message(settings.t())),
            }
        });
    };
    view! {
        <section class="bulk card" aria-label=move || l().bulk_label>
            <p class="bulk-count"><strong>{move || l().selected.replace("{n}", &settings.integer(selected.with(HashSet::len) as i64))}</strong></p>
            <div class="bulk-group">
                <TextField label=Signal::derive(move || l().tag.to_string()) value=tag error=tag_error/>
                <button type="button" on:click=add_tag>{move || l().add_tag}</button>
            </div>
            <div class="bulk-group">
                <SelectField label=Signal::derive(move || l().to_segment.to_string()) value=target options=statics class="compact"/>
                {move || (target.get() == NEW).then(|| view! {
                    <TextField label=Signal::derive(move || l().segment_name.to_string()) value=new_name error=name_error/>
                })}
                <button type="button" on:click=add_to_segment>{move || l().add_to_segment}</button>
            </div>
            <div class="bulk-group">
                <button type="button" on:click=export>{move || l().export}</button>
                <button type="button" class="danger" on:click=delete>{move || l().delete}</button>
                <button type="button" class="link" on:click=move |_| selected.set(HashSet::new())>{move || l().clear_selection}</button>
            </div>
        </section>
    }
}
