//! The only code that touches IndexedDB, localStorage and the storage manager.
//! See docs/storage.md for the layout and why it is that way.

mod database;
mod error;
mod imports;
pub mod mappings;
pub mod quota;
mod records;
pub mod safety;
pub mod settings;

pub use database::{History, Loaded, Meta, Storage, DB_NAME, SCHEMA_VERSION};
pub use error::StorageError;
pub use imports::{Batch, BucketFacts, BucketWrite, Committed, Edit, Writes};
pub use records::{Kind, Written};
