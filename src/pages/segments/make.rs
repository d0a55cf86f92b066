//! Saving a new segment and opening it (from the Dashboard's panels, or freezing a
//! live segment).

use crate::state::{use_notices, use_segments, use_settings, Notices, Segments, SettingsState};
use clientele_core::command::RecordCommand;
use clientele_core::segment::saved::SavedSegment;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;
use std::sync::Arc;

/// How a page moves to another one.
type Navigate = Arc<dyn Fn(&str, NavigateOptions) + Send + Sync>;

/// Saves segments; made while the component is set up (it reads the context).
#[derive(Clone)]
pub struct SegmentMaker {
    segments: Segments,
    notices: Notices,
    settings: SettingsState,
    navigate: Navigate,
    /// A segment is being saved (a second click meanwhile does nothing).
    saving: StoredValue<bool>,
}

impl SegmentMaker {
    /// Made from the page's contexts (segments, notices, router), not a plain value.
    #[expect(clippy::new_without_default, reason = "reads the page's contexts")]
    pub fn new() -> SegmentMaker {
        SegmentMaker {
            segments: use_segments(),
            notices: use_notices(),
            settings: use_settings(),
            navigate: Arc::new(use_navigate()),
            saving: StoredValue::new(false),
        }
    }

    /// Saves `segment`; once saved, says `made` and opens the segment.
    pub fn create(&self, segment: SavedSegment, made: String) {
        if self.saving.try_get_value() != Some(false) {
            return;
        }
        self.saving.set_value(true);
        let this = self.clone();
        spawn_local(async move {
            let id = crate::platform::new_id();
            match this
                .segments
                .command(RecordCommand::Create { id, data: segment })
                .await
            {
                Ok(_) => {
                    this.notices.info(made);
                    (this.navigate)(&format!("/segments/{id}"), Default::default());
                }
                Err(e) => this.notices.error(e.message(this.settings.t())),
            }
            let _ = this.saving.try_update_value(|s| *s = false);
        });
    }
}
