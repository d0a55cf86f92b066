//! Full backups: every record (tombstones too, so a restore merges deletions) with its
//! field stamps, in one JSON file (schema: docs/backup.md). Written in pieces so that a
//! large database never becomes one string, and read in pieces by a small scanner
//! that hands each record to serde_json, so a large file is never held whole either.

mod reader;
pub mod reminder;

pub use reader::{read_all, BackupError, BackupReader};

use crate::hlc::Hlc;
use crate::model::{Customer, Interaction, Order};
use crate::packed::Packed;
use crate::record::{Fields, Record};
use crate::segment::saved::SavedSegment;
use crate::time::{iso_datetime, Millis};
use serde::{Deserialize, Serialize};

/// The `format` value that says a file is a Clientele backup.
pub const FORMAT: &str = "clientele-backup";
/// The schema version written; files up to it are read, newer ones refused.
pub const VERSION: u32 = 1;

/// The record arrays, in the order they are written.
pub const SECTIONS: [&str; 4] = ["customers", "orders", "interactions", "segments"];

/// How many records of each kind a backup holds (written last, checked on reading:
/// a file cut short or edited by hand does not restore half).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    pub customers: u64,
    pub orders: u64,
    pub interactions: u64,
    pub segments: u64,
}

impl Counts {
    pub fn total(&self) -> u64 {
        self.customers + self.orders + self.interactions + self.segments
    }
    fn slot(&mut self, section: usize) -> &mut u64 {
        match section {
            0 => &mut self.customers,
            1 => &mut self.orders,
            2 => &mut self.interactions,
            _ => &mut self.segments,
        }
    }
}

/// Writes a backup piece by piece: `start`, then each kind's records in `SECTIONS`
/// order (any number of calls per kind), then `finish`. Each call returns the next
/// piece of the file.
pub struct BackupWriter {
    section: Option<usize>,
    first: bool,
    counts: Counts,
}

impl BackupWriter {
    pub fn start(created_at: Millis) -> (BackupWriter, String) {
        let head = format!(
            "{{\"format\":\"{FORMAT}\",\"version\":{VERSION},\"created_at\":\"{}\",\"app\":\"Clientele {}\"",
            iso_datetime(created_at),
            env!("CARGO_PKG_VERSION")
        );
        let w = BackupWriter {
            section: None,
            first: true,
            counts: Counts::default(),
        };
        (w, head)
    }

    fn open(&mut self, section: usize, out: &mut String) {
        assert!(
            self.section.is_none_or(|s| s <= section),
            "sections are written in order"
        );
        while self.section != Some(section) {
            if self.section.is_some() {
                out.push_str("\n]");
            }
            let next = self.section.map_or(0, |s| s + 1);
            out.push_str(&format!(",\n\"{}\":[", SECTIONS[next]));
            self.section = Some(next);
            self.first = true;
        }
    }

    fn records<T: Serialize>(&mut self, section: usize, records: &[Record<T>]) -> String {
        let mut out = String::new();
        self.open(section, &mut out);
        for r in records {
            out.push_str(if self.first { "\n" } else { ",\n" });
            self.first = false;
            out.push_str(&serde_json::to_string(r).expect("records are plain data"));
        }
        *self.counts.slot(section) += records.len() as u64;
        out
    }

    pub fn customers(&mut self, records: &[Record<Customer>]) -> String {
        self.records(0, records)
    }
    pub fn orders(&mut self, records: &[Record<Order>]) -> String {
        self.records(1, records)
    }
    pub fn interactions(&mut self, records: &[Record<Interaction>]) -> String {
        self.records(2, records)
    }
    pub fn segments(&mut self, records: &[Record<SavedSegment>]) -> String {
        self.records(3, records)
    }

    /// The end of the file: any section not written yet (empty) and the counts.
    pub fn finish(mut self) -> String {
        let mut out = String::new();
        self.open(SECTIONS.len() - 1, &mut out);
        out.push_str("\n],\n\"counts\":");
        out.push_str(&serde_json::to_string(&self.counts).expect("plain numbers"));
        out.push_str("}\n");
        out
    }
}

/// Everything a backup holds, read and checked. Orders and interactions, the bulk of
/// a large backup, are kept encoded (`crate::packed`) until they are written.
#[derive(Debug, Default)]
pub struct Backup {
    pub version: u32,
    pub created_at: String,
    pub counts: Counts,
    pub customers: Vec<Record<Customer>>,
    pub orders: Packed<Record<Order>>,
    pub interactions: Packed<Record<Interaction>>,
    pub segments: Vec<Record<SavedSegment>>,
}

impl Backup {
    /// The newest stamp in the file: the local clock must move past it, so that
    /// edits made after a restore win over the restored values.
    pub fn latest_stamp(&self) -> Option<Hlc> {
        [
            self.customers.iter().map(|r| r.stamps.latest()).max(),
            self.orders.iter().map(|r| r.stamps.latest()).max(),
            self.interactions.iter().map(|r| r.stamps.latest()).max(),
            self.segments.iter().map(|r| r.stamps.latest()).max(),
        ]
        .into_iter()
        .flatten()
        .max()
    }
}

/// What merging records into what is there did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Merged {
    pub added: u64,
    pub updated: u64,
    pub unchanged: u64,
}

impl std::ops::AddAssign for Merged {
    fn add_assign(&mut self, o: Merged) {
        self.added += o.added;
        self.updated += o.updated;
        self.unchanged += o.unchanged;
    }
}

/// Merges `incoming` into `records` by id, field by field (the later stamp wins, as
/// when two devices sync): new records are added, known ones merged.
pub fn merge_records<T: Fields>(
    records: &mut Vec<Record<T>>,
    incoming: impl IntoIterator<Item = Record<T>>,
) -> Merged {
    let mut m = Merged::default();
    let mut at: std::collections::HashMap<crate::id::Id, usize> =
        records.iter().enumerate().map(|(i, r)| (r.id, i)).collect();
    for r in incoming {
        match at.get(&r.id) {
            Some(&i) => {
                let before = records[i].clone();
                records[i].merge(&r);
                if records[i] == before {
                    m.unchanged += 1;
                } else {
                    m.updated += 1;
                }
            }
            None => {
                at.insert(r.id, records.len());
                records.push(r);
                m.added += 1;
            }
        }
    }
    m
}

#[cfg(test)]
mod tests;
