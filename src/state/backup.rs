//! Exports and backups in the browser: CSV files and the full JSON backup written a
//! bucket at a time into the parts of a Blob (never one string), and a backup read
//! back a slice at a time, checked whole, then merged in (or replacing everything)
//! in one transaction. The in-memory database is reloaded from storage afterwards.

use super::data::Data;
use super::error::AppError;
use super::import::read_slice;
use super::pace::Pacer;
use crate::platform::{self, tabs::Job};
use crate::storage::{Batch, BucketWrite, Edit};
use clientele_core::backup::{BackupError, BackupReader, BackupWriter, Merged};
use clientele_core::db::{bucket_of, BUCKETS};
use clientele_core::export::csv::CsvOut;
use clientele_core::export::orders::{order_rows, ORDER_COLUMNS};
use clientele_core::export::CsvStyle;
use clientele_core::hlc::ClockError;
use clientele_core::packed::Packed;
use clientele_core::segment::saved::SavedSegment;
use clientele_core::{Customer, Interaction, Order, Record};
use leptos::prelude::*;
use std::cell::Cell;
use std::collections::BTreeMap;
use std::rc::Rc;
use wasm_bindgen::JsValue;

/// What a restore does with the data already here.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RestoreMode {
    /// Merged record by record, field by field (the later stamp wins).
    Merge,
    /// Everything erased first, then the backup written.
    Replace,
}

/// Bytes of a backup read per slice.
const SLICE: f64 = 1024.0 * 1024.0;

#[derive(Clone, Debug, PartialEq)]
pub enum RestoreError {
    Backup(BackupError),
    /// The browser could not read the file.
    Unreadable(String),
    /// The backup's stamps are far ahead of this device's clock.
    Clock(ClockError),
    Cancelled,
    App(AppError),
}

impl From<AppError> for RestoreError {
    fn from(e: AppError) -> Self {
        match e {
            AppError::Storage(crate::storage::StorageError::Cancelled) => RestoreError::Cancelled,
            other => RestoreError::App(other),
        }
    }
}

/// What a restore did, per kind of record.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Restored {
    pub customers: Merged,
    pub orders: Merged,
    pub interactions: Merged,
    pub segments: Merged,
}

/// A file built of parts (each a JS string), for a download.
pub struct Parts(pub js_sys::Array);

impl Parts {
    fn new() -> Parts {
        Parts(js_sys::Array::new())
    }
    fn push(&self, text: String) {
        if !text.is_empty() {
            self.0.push(&JsValue::from_str(&text));
        }
    }
}

impl Data {
    /// Every order as CSV (one row per line item), read a bucket at a time.
    pub async fn orders_csv(&self, style: CsvStyle) -> Result<Parts, AppError> {
        let storage = self.storage_handle()?;
        let parts = Parts::new();
        let mut out = CsvOut::new(style, &ORDER_COLUMNS);
        let mut pacer = Pacer::new(super::BUDGET_MS);
        for b in 0..BUCKETS {
            if self.db.with_value(|db| db.bucket_order_facts(b).is_empty()) {
                continue;
            }
            let orders = storage.read::<Order>(b).await?;
            self.db.with_value(|db| order_rows(db, &orders, &mut out));
            parts.push(out.take());
            pacer.pause().await;
        }
        parts.push(out.finish());
        Ok(parts)
    }

    /// The whole database as a backup file; `progress` goes from 0 to 1.
    pub async fn backup(&self, progress: RwSignal<Option<f64>>) -> Result<Parts, AppError> {
        let storage = self.storage_handle()?;
        let lock = self.lock_handle();
        let _guard = lock.lock().await;
        let parts = Parts::new();
        let (mut w, head) = BackupWriter::start(platform::now_ms());
        parts.push(head);
        for b in 0..BUCKETS {
            parts.push(w.customers(&self.db.with_value(|db| db.customer_bucket(b))));
        }
        let mut pacer = Pacer::new(super::BUDGET_MS);
        for b in 0..BUCKETS {
            parts.push(w.orders(&storage.read::<Order>(b).await?));
            progress.set(Some(b as f64 / BUCKETS as f64 * 0.5));
            pacer.pause().await;
        }
        for b in 0..BUCKETS {
            parts.push(w.interactions(&storage.read::<Interaction>(b).await?));
            progress.set(Some(0.5 + b as f64 / BUCKETS as f64 * 0.5));
            pacer.pause().await;
        }
        parts.push(w.segments(&storage.read_all::<SavedSegment>().await?));
        parts.push(w.finish());
        progress.set(None);
        Ok(parts)
    }

    /// Reads a backup and merges it in (`replace`: instead of what is there), all
    /// or nothing. A file that is not a whole, valid backup changes nothing.
    pub async fn restore(
        &self,
        file: &web_sys::File,
        mode: RestoreMode,
        progress: RwSignal<Option<f64>>,
        cancel: Rc<Cell<bool>>,
    ) -> Result<Restored, RestoreError> {
        let replace = mode == RestoreMode::Replace;
        let storage = self.storage_handle()?;
        let size = file.size();
        let mut reader = BackupReader::new();
        let mut pacer = Pacer::new(super::BUDGET_MS);
        let mut start = 0.0;
        while start < size {
            if cancel.get() {
                progress.set(None);
                return Err(RestoreError::Cancelled);
            }
            let end = (start + SLICE).min(size);
            let bytes = read_slice(file, start, end)
                .await
                .map_err(|e| RestoreError::Unreadable(format!("{e:?}")))?;
            reader.push(&bytes).map_err(RestoreError::Backup)?;
            start = end;
            progress.set(Some(start / size.max(1.0) * 0.5));
            pacer.pause().await;
        }
        let backup = reader.finish().map_err(RestoreError::Backup)?;
        let _bulk = self.bulk(Job::Restore).await?;
        let lock = self.lock_handle();
        let _guard = lock.lock().await;
        if let Some(latest) = backup.latest_stamp() {
            self.observe(latest).map_err(RestoreError::Clock)?;
        }
        let mut restored = Restored::default();
        let mut customers: BTreeMap<u32, Packed<Record<Customer>>> = BTreeMap::new();
        for r in &backup.customers {
            customers.entry(bucket_of(r.id)).or_default().push(r);
        }
        // Orders and interactions stay encoded until their bucket is written.
        let mut orders: BTreeMap<u32, Packed<Record<Order>>> = BTreeMap::new();
        for r in backup.orders.iter() {
            orders
                .entry(bucket_of(r.data.customer))
                .or_default()
                .push(&r);
        }
        drop(backup.orders);
        let mut interactions: BTreeMap<u32, Packed<Record<Interaction>>> = BTreeMap::new();
        for r in backup.interactions.iter() {
            interactions
                .entry(bucket_of(r.data.customer))
                .or_default()
                .push(&r);
        }
        drop(backup.interactions);
        let buckets: std::collections::BTreeSet<u32> = customers
            .keys()
            .chain(orders.keys())
            .chain(interactions.keys())
            .copied()
            .collect();
        // Merged into each bucket as stored, within the transaction (after erasing
        // everything first when replacing).
        let writes: Vec<BucketWrite> = buckets
            .into_iter()
            .map(|b| BucketWrite {
                bucket: b,
                customers: customers.remove(&b).map_or(Edit::Keep, Edit::Merge),
                orders: orders.remove(&b).map_or(Edit::Keep, Edit::Merge),
                interactions: interactions.remove(&b).map_or(Edit::Keep, Edit::Merge),
            })
            .collect();
        let clock = self.reserve_stamp().await?;
        let step = move |done: usize, total: usize| {
            progress.set(Some(0.5 + done as f64 / total.max(1) as f64 * 0.5));
            !cancel.get()
        };
        let batch = Batch {
            writes: Box::new(writes.into_iter()),
            entry: None,
            segments: backup.segments,
            clear: replace,
        };
        let committed = storage
            .write_batch(batch, clock, &step)
            .await
            .map_err(AppError::from);
        progress.set(None);
        let committed = committed?;
        restored.segments = committed.segments;
        for f in committed.buckets {
            restored.customers += f.merged[0];
            restored.orders += f.merged[1];
            restored.interactions += f.merged[2];
        }
        self.reload().await?;
        Ok(restored)
    }
}
