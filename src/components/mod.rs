//! Reusable view pieces: props in, callbacks out, no storage.

pub mod choices;
mod confirm;
mod download;
mod field;
mod nav;
mod toasts;
mod virtual_table;

pub use confirm::ConfirmDialog;
pub use download::{download, download_parts, CSV, JSON};
pub use field::{
    focus_first_invalid, focus_id, next_id, Choice, ChoiceField, SelectField, TextField,
};
pub use nav::Nav;
pub use toasts::Toasts;
pub use virtual_table::{Column, Sortable, VirtualTable};
