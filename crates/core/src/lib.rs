//! Clientele's domain, in pure Rust: no browser APIs, so every rule here is tested
//! natively and the same code runs in the browser (WASM) and in the CLI.

pub mod amount;
pub mod backup;
pub mod catalogue;
pub mod clv;
pub mod codec;
pub mod columns;
pub mod command;
pub mod crosssell;
pub mod dates;
pub mod db;
pub mod demo;
pub mod export;
pub mod facts;
#[cfg(any(test, feature = "fixtures"))]
pub mod fixtures;
pub mod format;
pub mod formula;
pub mod hlc;
pub mod id;
pub mod import;
pub mod merge;
pub mod migrate;
pub mod model;
pub mod packed;
pub mod purchases;
pub mod record;
pub mod search;
pub mod segment;
pub mod time;
pub mod timeline;
pub mod trends;
pub mod validate;

pub use command::{Command, CommandError, RecordCommand};
pub use db::Db;
pub use hlc::{Clock, DeviceId, Hlc};
pub use id::Id;
pub use model::{Customer, Interaction, Order};
pub use record::Record;
