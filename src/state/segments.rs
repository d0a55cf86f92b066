//! Segments as the app sees them: the analysis of every customer (RFM, segment,
//! stage), saved segments and their members. Everything is recomputed when the data
//! or the analysis settings change, in slices, yielding to the browser whenever the
//! work since the last yield took a frame (`pace`), so the page never freezes: one
//! slice is the analysis (about 15 ms per 1M orders) or up to `SLICE` customers of
//! one segment's rule.

use super::data::Data;
use super::demo::yield_now;
use super::error::AppError;
use super::notices::NoticeKind;
use super::pace::{for_slices, mark, measure, Pacer, BUDGET_MS};
use super::settings::SettingsState;
use crate::platform;
use crate::platform::today;
use clientele_core::clv::observe::{Observed, Unit};
use clientele_core::clv::potential::{observe_db, Cache, Potential};
use clientele_core::clv::predict::Models;
use clientele_core::clv::FitError;
use clientele_core::command::RecordCommand;
use clientele_core::crosssell;
use clientele_core::segment::analysis::{Analysis, Params};
use clientele_core::segment::eval::{Compiled, Context};
use clientele_core::segment::rules::Rule;
use clientele_core::segment::saved::SavedSegment;
use clientele_core::{Id, Record};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::Arc;

/// Customers evaluated per slice of a rule.
pub const SLICE: u32 = 20_000;

#[derive(Clone, Copy)]
pub struct Segments {
    data: Data,
    /// Every saved segment record (deleted ones too, as tombstones).
    records: RwSignal<Vec<Record<SavedSegment>>>,
    analysis: StoredValue<Rc<Analysis>, LocalStorage>,
    members: StoredValue<HashMap<Id, Arc<Vec<u32>>>, LocalStorage>,
    /// Bumped when a new analysis and members are ready.
    pub revision: RwSignal<u64>,
    /// A recomputation is under way.
    pub busy: RwSignal<bool>,
    run: StoredValue<u64>,
}

/// The analysis parameters from the settings, as of today.
pub fn params(settings: &SettingsState) -> Params {
    let a = settings.settings.with(|s| s.analysis.clone());
    let mut p = Params::new(today(), settings.currency());
    p.horizon = a.horizon();
    p.offset_minutes = platform::utc_offset_minutes();
    p.window_days = a.window_days;
    p.scoring = a.scoring;
    p.map = a.map;
    p.stages = a.stages;
    p
}

impl Segments {
    /// The current analysis (tracks `revision`).
    pub fn analysis(&self) -> Rc<Analysis> {
        self.revision.track();
        self.analysis.get_value()
    }

    /// The current analysis, without tracking (inside event handlers and rows).
    pub fn analysis_untracked(&self) -> Rc<Analysis> {
        self.analysis.get_value()
    }

    /// Live saved segments, newest first.
    pub fn list(&self) -> Vec<Record<SavedSegment>> {
        let mut v: Vec<Record<SavedSegment>> = self
            .records
            .get()
            .into_iter()
            .filter(|r| !r.is_deleted())
            .collect();
        v.sort_by_key(|r| std::cmp::Reverse(r.data.created_at));
        v
    }

    pub fn get(&self, id: Id) -> Option<Record<SavedSegment>> {
        self.records
            .with(|v| v.iter().find(|r| r.id == id && !r.is_deleted()).cloned())
    }

    /// The members (customer positions) of a saved segment, as last computed.
    pub fn members(&self, id: Id) -> Arc<Vec<u32>> {
        self.revision.track();
        self.members
            .with_value(|m| m.get(&id).cloned())
            .unwrap_or_default()
    }

    /// Members of an unsaved rule, computed now (the builder's preview).
    pub fn preview(&self, rule: &Rule) -> Vec<u32> {
        let analysis = self.analysis();
        self.data.with(|db| {
            if !analysis.fits(db) || rule.check().is_err() {
                return Vec::new();
            }
            let ctx = Context {
                db,
                analysis: &analysis,
            };
            Compiled::new(rule, &ctx).members(&ctx, 0..db.len() as u32)
        })
    }

    /// Runs a command on a saved segment; returns the command that undoes it.
    pub async fn command(
        &self,
        cmd: RecordCommand<SavedSegment>,
    ) -> Result<Option<RecordCommand<SavedSegment>>, AppError> {
        let lock = self.data.lock_handle();
        let _guard = lock.lock().await;
        let written = self.data.run(cmd.id(), cmd).await?;
        self.records.update(|v| {
            for next in written.records {
                match v.iter_mut().find(|r| r.id == next.id) {
                    Some(slot) => *slot = next,
                    None => v.push(next),
                }
            }
        });
        Ok(written.value)
    }

    /// After `gone` was merged into `keep`: the static lists that held `gone` hold
    /// `keep` instead (once). Returns what undoes it, in the order to run it.
    pub async fn member_merged(
        &self,
        gone: Id,
        keep: Id,
    ) -> Result<Vec<RecordCommand<SavedSegment>>, AppError> {
        let lists: Vec<Record<SavedSegment>> = self.records.with_untracked(|v| {
            v.iter()
                .filter(|s| {
                    !s.is_deleted() && s.data.rule.is_none() && s.data.members.contains(&gone)
                })
                .cloned()
                .collect()
        });
        let mut undo = Vec::new();
        for seg in lists {
            let mut seen = std::collections::HashSet::new();
            let members: Vec<Id> = seg
                .data
                .members
                .iter()
                .map(|&m| if m == gone { keep } else { m })
                .filter(|m| seen.insert(*m))
                .collect();
            let cmd = RecordCommand::Update {
                id: seg.id,
                changes: vec![clientele_core::segment::saved::SavedSegmentField::Members(
                    members,
                )],
            };
            if let Some(u) = self.command(cmd).await? {
                undo.push(u);
            }
        }
        undo.reverse();
        Ok(undo)
    }

    /// Forgets the saved segments in memory (after all data was erased or replaced).
    pub fn forget(&self) {
        self.records.set(Vec::new());
        self.members.set_value(HashMap::new());
    }

    /// Starts a recomputation; an older one still running stops at its next slice.
    pub fn recompute(&self, params: Params) {
        let run = self.run.get_value() + 1;
        self.run.set_value(run);
        let this = *self;
        spawn_local(async move {
            // Let a burst of changes settle (and the page paint) first.
            yield_now().await;
            if this.run.get_value() != run {
                return;
            }
            this.busy.set(true);
            if let Some((analysis, members)) = this.compute(run, params).await {
                this.analysis.set_value(Rc::new(analysis));
                this.members.set_value(members);
                this.revision.update(|r| *r += 1);
                measure("clientele:segments", "clientele:segments-start");
                mark("clientele:segments-ready");
            }
            if this.run.get_value() == run {
                this.busy.set(false);
            }
        });
    }

    async fn compute(
        &self,
        run: u64,
        params: Params,
    ) -> Option<(Analysis, HashMap<Id, Arc<Vec<u32>>>)> {
        let data = self.data;
        let revision = data.revision.get_untracked();
        let stale = || self.run.get_value() != run || data.revision.get_untracked() != revision;
        mark("clientele:segments-start");
        let mut pacer = Pacer::new(BUDGET_MS);
        let mut analysis = data.untracked(|db| Analysis::compute(db, &params));
        measure("clientele:analysis", "clientele:segments-start");
        if !self
            .potential(&mut analysis, &params, &mut pacer, &stale)
            .await
        {
            return None;
        }
        measure("clientele:potential", "clientele:segments-start");
        let mut members = HashMap::new();
        for seg in self.records.get_untracked() {
            if seg.is_deleted() {
                continue;
            }
            pacer.pause().await;
            if stale() {
                return None;
            }
            let found = match &seg.data.rule {
                None => data.untracked(|db| seg.data.static_members(db)),
                Some(rule) => {
                    let mut found = Vec::new();
                    let (n, compiled) = data.untracked(|db| {
                        let ctx = Context {
                            db,
                            analysis: &analysis,
                        };
                        (db.len() as u32, Compiled::new(rule, &ctx))
                    });
                    let done = for_slices(n, SLICE, &mut pacer, &stale, |range| {
                        data.untracked(|db| {
                            let ctx = Context {
                                db,
                                analysis: &analysis,
                            };
                            found.extend(compiled.members(&ctx, range));
                        })
                    })
                    .await;
                    if !done {
                        return None;
                    }
                    found
                }
            };
            members.insert(seg.id, Arc::new(found));
        }
        (!stale()).then_some((analysis, members))
    }
}

impl Segments {
    /// Adds lifetime values, churn risk and next products to `analysis`, yielding
    /// between steps; false if the work became stale.
    async fn potential(
        &self,
        analysis: &mut Analysis,
        params: &Params,
        pacer: &mut Pacer,
        stale: &dyn Fn() -> bool,
    ) -> bool {
        let data = self.data;
        let observed = data
            .untracked(|db| observe_db(db, params.as_of, params.offset_minutes, params.currency));
        pacer.pause().await;
        if stale() {
            return false;
        }
        let n = data.untracked(|db| db.len());
        mark("clientele:clv-fit-start");
        // From the last fit: data change a little between analyses, and the fit takes
        // far fewer steps from near its maximum.
        let last = self.analysis.with_value(|a| match &a.potential.models {
            Some(Ok(m)) => Some(*m),
            _ => None,
        });
        let list: Vec<Observed> = observed.iter().map(|(_, o)| *o).collect();
        let Some(models) = fit_paced(&list, last.as_ref(), pacer, stale).await else {
            return false;
        };
        let mut potential = Potential::with_models(n, params.horizon, models);
        measure("clientele:clv-fit", "clientele:clv-fit-start");
        let mut cache = Cache::default();
        let done = for_slices(observed.len() as u32, SLICE, pacer, stale, |range| {
            potential.fill(
                &observed[range.start as usize..range.end as usize],
                &mut cache,
            )
        })
        .await;
        if !done {
            return false;
        }
        analysis.potential = potential;
        pacer.pause().await;
        if stale() {
            return false;
        }
        let rules = data.untracked(|db| crosssell::mine(db, &crosssell::Settings::default()));
        pacer.pause().await;
        if stale() {
            return false;
        }
        let recommender = crosssell::Recommender::new(&rules);
        data.untracked(|db| analysis.clear_next(db));
        // Next products cost some 10 µs a customer: smaller slices.
        let done = for_slices(n as u32, SLICE / 10, pacer, stale, |range| {
            data.untracked(|db| analysis.fill_next(db, &recommender, range))
        })
        .await;
        analysis.cross_sell = Some(rules);
        done
    }
}

/// Fits both models one search step at a time (see `Models::fitting`), yielding
/// between steps. None if the work became stale.
async fn fit_paced(
    list: &[Observed],
    previous: Option<&Models>,
    pacer: &mut Pacer,
    stale: &dyn Fn() -> bool,
) -> Option<Result<Models, FitError>> {
    let mut fitting = match Models::fitting(list, Unit::Days, previous) {
        Ok(f) => f,
        Err(e) => return Some(Err(e)),
    };
    loop {
        if let Some(done) = fitting.step() {
            return Some(done);
        }
        pacer.pause().await;
        if stale() {
            return None;
        }
    }
}

fn use_notices_or_log(kind: NoticeKind, text: String) {
    match use_context::<super::notices::Notices>() {
        Some(n) => {
            n.push(kind, text, None);
        }
        None => web_sys::console::error_1(&text.into()),
    }
}

/// Loads the saved segments and keeps the analysis up to date.
pub fn provide_segments(data: Data, settings: SettingsState) -> Segments {
    let segments = Segments {
        data,
        records: RwSignal::new(Vec::new()),
        analysis: StoredValue::new_local(Rc::new(Analysis::default())),
        members: StoredValue::new_local(HashMap::new()),
        revision: RwSignal::new(0),
        busy: RwSignal::new(false),
        run: StoredValue::new(0),
    };
    provide_context(segments);
    Effect::new(move |_| {
        // Re-run on any data change, once the order facts are in.
        data.revision.track();
        segments.records.track();
        let ready = data.facts_ready.get();
        let p = params(&settings);
        if ready {
            segments.recompute(p);
        }
    });
    Effect::new(move |seen: Option<u64>| {
        // Another tab changed saved segments: read them again.
        let n = data.segments_elsewhere.get();
        if seen.is_some() {
            spawn_local(async move { segments.reload().await });
        }
        n
    });
    Effect::new(move |loaded: Option<bool>| {
        if loaded == Some(true) {
            return true;
        }
        if !data.facts_ready.get() {
            return false;
        }
        spawn_local(async move {
            let loaded = match data.storage_handle() {
                Ok(storage) => storage
                    .read_all::<SavedSegment>()
                    .await
                    .map_err(AppError::from),
                Err(e) => Err(e),
            };
            match loaded {
                Ok(list) => segments.records.set(list),
                Err(e) => {
                    let t = settings.t();
                    use_notices_or_log(NoticeKind::Error, e.message(t));
                }
            }
        });
        true
    });
    segments
}

impl Segments {
    /// Reads the saved segments from storage again (after a restore, or a change in
    /// another tab).
    pub async fn reload(&self) {
        if let Ok(storage) = self.data.storage_handle() {
            if let Ok(list) = storage.read_all::<SavedSegment>().await {
                self.records.set(list);
            }
        }
    }
}

pub fn use_segments() -> Segments {
    expect_context::<Segments>()
}
