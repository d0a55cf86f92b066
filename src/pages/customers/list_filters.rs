//! The customer list's filters: city, segment (RFM or saved), lifecycle stage, and
//! the least spent (an amount typed as people write it: "2.000.000", "2tr"...; what
//! cannot be read is said at the field and filters nothing).

use crate::components::{SelectField, TextField};
use crate::state::{use_data, use_segments, use_settings, Segments};
use clientele_core::db::Db;
use clientele_core::format::parse_money;
use clientele_core::search::fold;
use clientele_core::segment::analysis::Analysis;
use clientele_core::segment::lifecycle::Stage;
use clientele_core::segment::rfm::Segment;
use clientele_core::Id;
use leptos::prelude::*;

/// What the list is filtered by ("" for any).
#[derive(Clone, Copy)]
pub struct Filters {
    pub city: RwSignal<String>,
    /// "rfm:CODE" or "saved:ID".
    pub segment: RwSignal<String>,
    pub stage: RwSignal<String>,
    pub min_spent: RwSignal<String>,
}

/// A filter read once for a whole list.
pub struct Test {
    city: Option<String>,
    rfm: Option<Segment>,
    saved: Option<std::sync::Arc<Vec<u32>>>,
    stage: Option<Stage>,
    min_minor: Option<i64>,
}

impl Filters {
    pub fn new() -> Filters {
        Filters {
            city: RwSignal::new(String::new()),
            segment: RwSignal::new(String::new()),
            stage: RwSignal::new(String::new()),
            min_spent: RwSignal::new(String::new()),
        }
    }

    pub fn any(&self) -> bool {
        [self.city, self.segment, self.stage, self.min_spent]
            .iter()
            .any(|s| !s.with(|v| v.trim().is_empty()))
    }

    pub fn clear(&self) {
        for s in [self.city, self.segment, self.stage, self.min_spent] {
            s.set(String::new());
        }
    }

    /// The filter as it stands (tracked), for `keep`.
    pub fn test(&self, segments: Segments, min_minor: Option<i64>) -> Test {
        let seg = self.segment.get();
        let stage = self.stage.get();
        Test {
            city: Some(fold(self.city.get().trim())).filter(|c| !c.is_empty()),
            rfm: seg
                .strip_prefix("rfm:")
                .and_then(|c| Segment::ALL.into_iter().find(|s| s.code() == c)),
            saved: seg
                .strip_prefix("saved:")
                .and_then(Id::parse)
                .map(|id| segments.members(id)),
            stage: Stage::ALL.into_iter().find(|s| s.code() == stage),
            min_minor,
        }
    }
}

impl Test {
    /// Whether the customer at `p` passes; `a` is read only if it fits `db`.
    pub fn keep(
        &self,
        db: &Db,
        a: Option<&Analysis>,
        p: u32,
        main: clientele_core::model::Currency,
    ) -> bool {
        if let Some(city) = &self.city {
            if fold(db.at(p).data.address.city.trim()) != *city {
                return false;
            }
        }
        if let Some(seg) = self.rfm {
            if a.and_then(|a| a.segment.get(p as usize).copied().flatten()) != Some(seg) {
                return false;
            }
        }
        if let Some(members) = &self.saved {
            if members.binary_search(&p).is_err() {
                return false;
            }
        }
        if let Some(stage) = self.stage {
            if a.and_then(|a| a.stage.get(p as usize).copied()) != Some(stage) {
                return false;
            }
        }
        if let Some(min) = self.min_minor {
            if db.stats_at(p).spent_in(main) < min {
                return false;
            }
        }
        true
    }

    pub fn needs_analysis(&self) -> bool {
        self.rfm.is_some() || self.stage.is_some()
    }
}

/// The least spent typed, in minor units: `Ok(None)` when empty, `Err` when it
/// cannot be read.
pub fn min_spent(text: &str, settings: crate::state::SettingsState) -> Result<Option<i64>, ()> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    parse_money(text, settings.currency(), settings.locale())
        .map(Some)
        .ok_or(())
}

#[component]
pub fn FilterBar(filters: Filters) -> impl IntoView {
    let data = use_data();
    let segments = use_segments();
    let settings = use_settings();
    let l = move || settings.lst();
    let cities = Signal::derive(move || {
        let mut v = vec![(String::new(), l().all_cities.to_string())];
        v.extend(
            data.with(|db| db.distinct(|c| vec![c.address.city.trim().to_string()]))
                .into_iter()
                .filter(|c| !c.is_empty())
                .map(|c| (c.clone(), c)),
        );
        v
    });
    let segment_options = Signal::derive(move || {
        let s = settings.s();
        let mut v = vec![(String::new(), l().all_segments.to_string())];
        v.extend(
            segments
                .list()
                .into_iter()
                .map(|seg| (format!("saved:{}", seg.id), seg.data.name.clone())),
        );
        v.extend(Segment::ALL.into_iter().map(|seg| {
            (
                format!("rfm:{}", seg.code()),
                l().rfm_suffix.replace("{x}", s.segment(seg)),
            )
        }));
        v
    });
    let stage_options = Signal::derive(move || {
        let s = settings.s();
        let mut v = vec![(String::new(), l().all_stages.to_string())];
        v.extend(
            Stage::ALL
                .into_iter()
                .map(|st| (st.code().to_string(), s.stage_name(st).to_string())),
        );
        v
    });
    let spent_error = Signal::derive(move || {
        min_spent(&filters.min_spent.get(), settings)
            .err()
            .map(|_| l().err_amount.to_string())
    });
    view! {
        <fieldset class="filters">
            <legend class="sr-only">{move || l().filters}</legend>
            <SelectField label=Signal::derive(move || l().city.to_string()) value=filters.city options=cities class="compact"/>
            <SelectField label=Signal::derive(move || l().segment.to_string()) value=filters.segment options=segment_options class="compact"/>
            <SelectField label=Signal::derive(move || l().stage.to_string()) value=filters.stage options=stage_options class="compact"/>
            <TextField label=Signal::derive(move || l().min_spent.to_string()) value=filters.min_spent error=spent_error/>
            {move || filters.any().then(|| view! {
                <button type="button" class="link" on:click=move |_| filters.clear()>{l().clear_filters}</button>
            })}
        </fieldset>
    }
}
