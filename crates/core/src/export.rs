//! Exports to CSV that spreadsheets open correctly: customers, orders (one row per
//! line item) and a segment's members. The headers are words the importer knows, so
//! an exported file imports back without mapping anything (see the round-trip test).

pub mod csv;
pub mod customers;
pub mod orders;

pub use csv::{CsvStyle, Delimiter};

#[cfg(test)]
mod round_trip;
