//! Reactive state: `provide_x()` / `use_x()` pairs. No views here.

mod backup;
mod bulk;
mod data;
mod demo;
mod error;
mod import;
mod merge;
mod notices;
mod pace;
mod products;
mod safety;
mod segments;
mod settings;

/// The browser's storage for this app: usage, quota, persistence (Settings → Storage).
pub use crate::storage::quota;
pub use backup::{Parts, RestoreError, RestoreMode, Restored};
pub use bulk::BulkUndo;
pub use data::{provide_data, use_data, Data, HistoryKind, LoadState, Moved};
pub use demo::{load_demo, yield_now, DemoProgress};
pub use error::AppError;
pub use import::{
    reading, remember_mapping, sample, saved_mapping, ImportError, Phase, Progress, Sample,
};
pub use merge::Merged;
pub use notices::{provide_notices, use_notices, Notice, NoticeKind, Notices};
pub use pace::{for_slices, mark, measure, Pacer, BUDGET_MS};
pub use products::Renamed;
pub use safety::{provide_safety, use_safety, Safety};
pub use segments::{params as analysis_params, provide_segments, use_segments, Segments, SLICE};
pub use settings::{
    provide_settings, use_settings, AnalysisSettings, Settings, SettingsState, Theme,
};
