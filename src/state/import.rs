//! Importing a file in the browser: its first rows read to guess the mapping, the
//! whole file streamed a slice at a time through the core's reader and planner (the
//! page stays responsive, Cancel works), then the plan written in one transaction
//! and applied to the in-memory database. Also the history and revert.

use super::data::Data;
use super::error::AppError;
use super::pace::Pacer;
use crate::platform::{self, tabs::Job, today};
use crate::storage::{Batch, BucketFacts, BucketWrite, Committed, Edit, Writes};
use clientele_core::db::bucket_of;
use clientele_core::import::cells::Reading;
use clientele_core::import::file::{CsvFile, FileError};
use clientele_core::import::history::{delete_created, revert_customers, ImportEntry, Reverted};
use clientele_core::import::mapping::{header_key, FileKind, Mapping, MappingError};
use clientele_core::import::plan::{Change, Importer, Plan, Settings};
use clientele_core::import::rows::Row;
use clientele_core::model::Currency;
use clientele_core::packed::Sealed;
use clientele_core::{Customer, Record};
use leptos::prelude::*;
use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Bytes read per slice of the file.
const SLICE: f64 = 256.0 * 1024.0;
/// Rows read to guess the mapping, dates and decimal marks.
pub const SAMPLE_ROWS: usize = 200;

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Phase {
    Reading,
    Writing,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Progress {
    pub phase: Phase,
    /// Fraction done, 0 to 1.
    pub done: f64,
    pub rows: u64,
    pub rows_per_second: f64,
}

#[derive(Clone, Debug, PartialEq)]
pub enum ImportError {
    File(FileError),
    /// The browser could not read the file.
    Unreadable(String),
    /// The mapping cannot work (checked before any row is read).
    Mapping(MappingError),
    Cancelled,
    App(AppError),
}

impl From<AppError> for ImportError {
    fn from(e: AppError) -> Self {
        match e {
            AppError::Storage(crate::storage::StorageError::Cancelled) => ImportError::Cancelled,
            other => ImportError::App(other),
        }
    }
}

/// A file's first rows.
#[derive(Clone, Debug, PartialEq)]
pub struct Sample {
    pub header: Vec<String>,
    pub rows: Vec<Row>,
    pub delimiter: char,
}

/// Bytes `start..end` of a file.
pub(super) async fn read_slice(
    file: &web_sys::File,
    start: f64,
    end: f64,
) -> Result<Vec<u8>, wasm_bindgen::JsValue> {
    bytes_of(start_reading(file, start, end)?).await
}

/// Starts reading bytes `start..end` of a file: the browser reads them while the
/// page goes on (`bytes_of` waits for them).
fn start_reading(
    file: &web_sys::File,
    start: f64,
    end: f64,
) -> Result<JsFuture, wasm_bindgen::JsValue> {
    let blob = file.slice_with_f64_and_f64(start, end)?;
    Ok(JsFuture::from(blob.array_buffer()))
}

async fn bytes_of(reading: JsFuture) -> Result<Vec<u8>, wasm_bindgen::JsValue> {
    let buffer = reading.await?;
    Ok(js_sys::Uint8Array::new(&buffer.unchecked_into()).to_vec())
}

async fn slice(file: &web_sys::File, start: f64, end: f64) -> Result<Vec<u8>, ImportError> {
    read_slice(file, start, end).await.map_err(unreadable)
}

/// The browser could not read the file.
fn unreadable(e: wasm_bindgen::JsValue) -> ImportError {
    ImportError::Unreadable(format!("{e:?}"))
}

/// Reads the start of `file`: its header and up to `SAMPLE_ROWS` rows.
pub async fn sample(file: &web_sys::File) -> Result<Sample, ImportError> {
    let size = file.size();
    let mut reader = CsvFile::new();
    let mut rows = Vec::new();
    let mut start = 0.0;
    while start < size && rows.len() < SAMPLE_ROWS {
        let end = (start + SLICE).min(size);
        let bytes = slice(file, start, end).await?;
        reader
            .push(&bytes, &mut |r| rows.push(r))
            .map_err(ImportError::File)?;
        start = end;
    }
    if start >= size {
        reader
            .finish(&mut |r| rows.push(r))
            .map_err(ImportError::File)?;
    }
    rows.truncate(SAMPLE_ROWS);
    let header = reader.header().map(<[String]>::to_vec).unwrap_or_default();
    if header.is_empty() {
        return Err(ImportError::File(FileError::Empty));
    }
    Ok(Sample {
        header,
        rows,
        delimiter: reader.delimiter().unwrap_or(','),
    })
}

/// How the app reads dates and amounts for an import.
pub fn reading(
    date_order: Option<clientele_core::dates::DateOrder>,
    currency: Currency,
) -> Reading {
    Reading {
        date_order,
        offset_minutes: platform::utc_offset_minutes(),
        currency,
        today: today(),
    }
}

/// The mapping the user confirmed for files with this header (and kind), if any and
/// if it still fits the header.
pub fn saved_mapping(kind: FileKind, header: &[String]) -> Option<Mapping> {
    crate::storage::mappings::load(&header_key(kind, header))
        .filter(|m| m.columns.len() == header.len())
}

/// Remembers a confirmed mapping for the next file with this header; false if the
/// browser refused to store it.
pub fn remember_mapping(mapping: &Mapping, header: &[String]) -> bool {
    crate::storage::mappings::save(&header_key(mapping.kind, header), mapping)
}

impl Data {
    /// Reads the whole file and plans the import; nothing is written.
    pub async fn plan_import(
        &self,
        file: &web_sys::File,
        mapping: &Mapping,
        marks: Vec<Option<char>>,
        mut settings: Settings,
        progress: RwSignal<Option<Progress>>,
        cancel: Rc<Cell<bool>>,
    ) -> Result<Plan, ImportError> {
        settings.stamp = self.reserve_stamp().await?;
        settings.seed = u64::from_le_bytes(platform::random_bytes());
        settings.now = platform::now_ms();
        let size = file.size();
        let started = platform::now_ms();
        let mut reader = CsvFile::new();
        let mut pacer = Pacer::new(super::BUDGET_MS);
        let mut start = 0.0;
        let db = self.db;
        // The plan reads the database while the file streams in; writes wait (lock).
        let lock = self.lock_handle();
        let _guard = lock.lock().await;
        let mut importer = db
            .with_value(|d| Importer::new(d, mapping, marks, settings))
            .map_err(ImportError::Mapping)?;
        let report = |importer: &Importer, done: f64| {
            let rows = importer.counts().records;
            let secs = ((platform::now_ms() - started) as f64 / 1000.0).max(0.001);
            progress.set(Some(Progress {
                phase: Phase::Reading,
                done,
                rows,
                rows_per_second: rows as f64 / secs,
            }));
        };
        // The next slice is read while this one is planned.
        let mut next = start_reading(file, 0.0, SLICE.min(size)).map_err(unreadable)?;
        while start < size {
            if cancel.get() {
                progress.set(None);
                return Err(ImportError::Cancelled);
            }
            let end = (start + SLICE).min(size);
            let bytes = bytes_of(next).await.map_err(unreadable)?;
            next = start_reading(file, end, (end + SLICE).min(size)).map_err(unreadable)?;
            db.with_value(|d| reader.push(&bytes, &mut |r| importer.row(d, r)))
                .map_err(ImportError::File)?;
            start = end;
            report(&importer, start / size.max(1.0));
            pacer.pause().await;
        }
        db.with_value(|d| reader.finish(&mut |r| importer.row(d, r)))
            .map_err(ImportError::File)?;
        report(&importer, 1.0);
        Ok(db.with_value(|d| importer.finish(d)))
    }

    /// Writes a planned import, all or nothing, and records it in the history.
    pub async fn write_import(
        &self,
        plan: Plan,
        file_name: &str,
        progress: RwSignal<Option<Progress>>,
        cancel: Rc<Cell<bool>>,
    ) -> Result<ImportEntry, ImportError> {
        let storage = self.storage_handle()?;
        let _bulk = self.bulk(Job::Import).await?;
        let lock = self.lock_handle();
        let _guard = lock.lock().await;
        let entry = ImportEntry::of(&plan, platform::new_id(), file_name, platform::now_ms());
        let Plan {
            changes,
            mut orders,
            mut interactions,
            ..
        } = plan;
        // Records stay encoded until their bucket is written (a large import would
        // not fit in memory decoded).
        let mut by_bucket: BTreeMap<u32, Vec<Sealed<Change>>> = BTreeMap::new();
        for c in changes {
            by_bucket.entry(bucket_of(c.id)).or_default().push(c.change);
        }
        // Each bucket is made ready as the transaction reaches it, so the work is
        // spread over its tasks and the page stays responsive.
        let writes = entry.buckets.clone().into_iter().map(|b| {
            let customers = match by_bucket.remove(&b) {
                None => Edit::Keep,
                // Merged into the bucket as stored, not replaced: an edit made since
                // the plan, here or in another tab (a later stamp), wins over the
                // import's value of that field.
                Some(mine) => Edit::With(Box::new(move |stored: &mut Vec<Record<Customer>>| {
                    let incoming = mine.iter().map(|c| Sealed::open(c).0);
                    clientele_core::backup::merge_records(stored, incoming);
                })),
            };
            BucketWrite {
                bucket: b,
                customers,
                orders: Edit::append(std::mem::take(&mut orders[b as usize])),
                interactions: Edit::append(std::mem::take(&mut interactions[b as usize])),
            }
        });
        let committed = self
            .commit(&storage, Box::new(writes), &entry, progress, cancel)
            .await?;
        self.apply(committed.buckets);
        Ok(entry)
    }

    async fn commit<'a>(
        &self,
        storage: &crate::storage::Storage,
        writes: Writes<'a>,
        entry: &'a ImportEntry,
        progress: RwSignal<Option<Progress>>,
        cancel: Rc<Cell<bool>>,
    ) -> Result<Committed, ImportError> {
        let started = platform::now_ms();
        let records = entry.new + entry.updated + entry.new_customers;
        let step = move |done: usize, total: usize| {
            let secs = ((platform::now_ms() - started) as f64 / 1000.0).max(0.001);
            let fraction = done as f64 / total.max(1) as f64;
            progress.set(Some(Progress {
                phase: Phase::Writing,
                done: fraction,
                rows: (records as f64 * fraction) as u64,
                rows_per_second: records as f64 * fraction / secs,
            }));
            !cancel.get()
        };
        let batch = Batch {
            writes,
            entry: Some(entry),
            segments: Vec::new(),
            clear: false,
        };
        let result = storage.write_batch(batch, entry.stamp, &step).await;
        progress.set(None);
        result.map_err(|e| ImportError::from(AppError::from(e)))
    }

    /// Shows what a batch wrote: the customers as stored, the buckets' new facts.
    pub(super) fn apply(&self, buckets: Vec<BucketFacts>) {
        self.db.update_value(|db| {
            for f in buckets {
                if let Some(customers) = f.customers {
                    db.put_stored(customers);
                }
                if let Some((orders, purchases)) = f.orders {
                    db.set_order_facts(f.bucket, orders);
                    db.set_purchase_facts(f.bucket, purchases);
                }
                if let Some(i) = f.interactions {
                    db.set_interaction_facts(f.bucket, i);
                }
            }
        });
        self.changed();
    }

    /// Every import recorded, newest first.
    pub async fn imports(&self) -> Result<Vec<ImportEntry>, AppError> {
        Ok(self.storage_handle()?.load_imports().await?)
    }

    /// Reverts an import as a whole (see `core::import::history`).
    pub async fn revert_import(&self, mut entry: ImportEntry) -> Result<Reverted, AppError> {
        let storage = self.storage_handle()?;
        let _bulk = self.bulk(Job::Revert).await?;
        let lock = self.lock_handle();
        let _guard = lock.lock().await;
        let now = self.reserve_stamp().await?;
        let total = RefCell::new(Reverted::default());
        let before = entry.clone();
        let (entry_ref, total_ref) = (&before, &total);
        let writes: Vec<BucketWrite> = entry
            .buckets
            .iter()
            .map(|&b| BucketWrite {
                bucket: b,
                customers: Edit::With(Box::new(move |stored: &mut Vec<Record<Customer>>| {
                    *total_ref.borrow_mut() += revert_customers(stored, entry_ref, now);
                })),
                orders: Edit::With(Box::new(move |stored: &mut Vec<_>| {
                    total_ref.borrow_mut().deleted += delete_created(stored, entry_ref.stamp, now);
                })),
                interactions: Edit::With(Box::new(move |stored: &mut Vec<_>| {
                    total_ref.borrow_mut().deleted += delete_created(stored, entry_ref.stamp, now);
                })),
            })
            .collect();
        entry.reverted_at = Some(platform::now_ms());
        let committed = storage
            .write_batch(
                Batch {
                    writes: Box::new(writes.into_iter()),
                    entry: Some(&entry),
                    segments: Vec::new(),
                    clear: false,
                },
                now,
                &|_, _| true,
            )
            .await?;
        self.apply(committed.buckets);
        Ok(total.into_inner())
    }
}
