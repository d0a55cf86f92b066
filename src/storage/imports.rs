//! Writing an import, its revert, or a restored backup as one IndexedDB transaction:
//! every bucket it touches (and its history entry, or segments) are committed
//! together or not at all (a failure, a closed tab or Cancel leaves the database as
//! it was).

use super::database::{
    commit_or_abort, decode, decode_with, key, put_bytes, put_clock, put_encoded, segment_key,
    History, Storage, ALL_STORES, IMPORTS, SEGMENTS,
};
use super::StorageError;
use clientele_core::backup::{merge_records, Merged};
use clientele_core::db::{InteractionFact, OrderFact};
use clientele_core::import::history::{delete_created, ImportEntry};
use clientele_core::packed::Packed;
use clientele_core::purchases::PurchaseFact;
use clientele_core::segment::saved::SavedSegment;
use clientele_core::{Customer, Hlc, Interaction, Order, Record};
use idb::TransactionMode;
use wasm_bindgen::JsValue;

/// What to do to the orders or interactions of a bucket.
pub enum Edit<T> {
    Keep,
    /// Add these new records (kept encoded until their bucket is written).
    Append(Packed<Record<T>>),
    /// Delete what the import with this stamp created (revert), stamping with `now`.
    DeleteCreated {
        stamp: Hlc,
        now: Hlc,
    },
    /// Merge these copies in by id, field by field (restoring a backup).
    Merge(Packed<Record<T>>),
}

impl<T> Edit<T> {
    /// Appends `records`; nothing to do when there are none.
    pub fn append(records: Packed<Record<T>>) -> Edit<T> {
        if records.is_empty() {
            Edit::Keep
        } else {
            Edit::Append(records)
        }
    }
}

/// One bucket's part of an import or revert.
pub struct BucketWrite {
    pub bucket: u32,
    /// The whole bucket of customers as it must be, if it changes, encoded
    /// (`encode_customers`): a large import holds every bucket until written.
    pub customers: Option<Vec<u8>>,
    pub orders: Edit<Order>,
    pub interactions: Edit<Interaction>,
}

/// The derived facts of what changed, for the in-memory database.
pub struct BucketFacts {
    pub bucket: u32,
    pub orders: Option<(Vec<OrderFact>, Vec<PurchaseFact>)>,
    pub interactions: Option<Vec<InteractionFact>>,
    /// Orders or interactions deleted (revert).
    pub deleted: u64,
    /// What merging did to the orders and to the interactions (restore).
    pub merged: (Merged, Merged),
}

/// The buckets a batch writes, each made when the transaction reaches it.
pub type Writes<'a> = Box<dyn ExactSizeIterator<Item = BucketWrite> + 'a>;

/// Everything one transaction writes.
pub struct Batch<'a> {
    pub writes: Writes<'a>,
    /// The import's history entry.
    pub entry: Option<&'a ImportEntry>,
    /// Saved segments to put, whole.
    pub segments: Vec<Record<SavedSegment>>,
    /// Erase every record first (a restore that replaces the data).
    pub clear: bool,
}

/// A bucket of customers as `BucketWrite` takes it.
pub fn encode_customers(bucket: &[Record<Customer>]) -> Vec<u8> {
    clientele_core::codec::encode(bucket)
}

impl Storage {
    /// Writes every bucket, the entry and the segments in one transaction. `step` is
    /// told how many buckets are done (of how many) and returns false to cancel: the
    /// transaction is then aborted and `StorageError::Cancelled` returned.
    pub async fn write_batch(
        &self,
        batch: Batch<'_>,
        clock: Hlc,
        step: &dyn Fn(usize, usize) -> bool,
    ) -> Result<Vec<BucketFacts>, StorageError> {
        let tx = self
            .db
            .transaction(&ALL_STORES, TransactionMode::ReadWrite)?;
        if batch.clear {
            let clears = || -> Result<(), StorageError> {
                for name in &ALL_STORES[1..] {
                    tx.object_store(name)?.clear()?;
                }
                Ok(())
            };
            if let Err(e) = clears() {
                return abort(tx, e).await;
            }
        }
        let total = batch.writes.len();
        let mut out = Vec::with_capacity(total);
        for (done, w) in batch.writes.enumerate() {
            if !step(done, total) {
                return abort(tx, StorageError::Cancelled).await;
            }
            let b = w.bucket;
            if let Some(customers) = &w.customers {
                if let Err(e) = put_bytes(&tx, super::database::CUSTOMERS, &key(b), customers) {
                    return abort(tx, e).await;
                }
            }
            let orders = match edit::<Order>(&tx, b, w.orders).await {
                Ok(o) => o,
                Err(e) => return abort(tx, e).await,
            };
            let interactions = match edit::<Interaction>(&tx, b, w.interactions).await {
                Ok(i) => i,
                Err(e) => return abort(tx, e).await,
            };
            if let Err(e) = self.injected_failure() {
                return abort(tx, e).await;
            }
            out.push(BucketFacts {
                bucket: b,
                deleted: orders.as_ref().map_or(0, |o| o.2.deleted)
                    + interactions.as_ref().map_or(0, |i| i.2.deleted),
                merged: (
                    orders.as_ref().map_or_else(Merged::default, |o| o.2.merged),
                    interactions
                        .as_ref()
                        .map_or_else(Merged::default, |i| i.2.merged),
                ),
                orders: orders.map(|(f, p, _)| (f, p)),
                interactions: interactions.map(|(f, _, _)| f),
            });
        }
        step(total, total);
        let puts = || -> Result<(), StorageError> {
            if let Some(entry) = batch.entry {
                put_encoded(
                    &tx,
                    IMPORTS,
                    &JsValue::from_str(&entry.id.to_string()),
                    entry,
                )?;
            }
            for s in &batch.segments {
                put_encoded(&tx, SEGMENTS, &JsValue::from_str(&segment_key(s.id)), s)?;
            }
            put_clock(&tx, clock)
        };
        let issued = puts();
        commit_or_abort(tx, issued).await?;
        Ok(out)
    }

    /// Every import recorded, newest first.
    pub async fn load_imports(&self) -> Result<Vec<ImportEntry>, StorageError> {
        let tx = self.db.transaction(&[IMPORTS], TransactionMode::ReadOnly)?;
        let values = tx.object_store(IMPORTS)?.get_all(None, None)?.await?;
        let mut v: Vec<ImportEntry> = values
            .iter()
            .map(|v| decode(v, IMPORTS))
            .collect::<Result<_, _>>()?;
        v.sort_by_key(|e| std::cmp::Reverse(e.at));
        Ok(v)
    }
}

async fn abort<R>(tx: idb::Transaction, e: StorageError) -> Result<R, StorageError> {
    commit_or_abort(tx, Err(e))
        .await
        .map(|_| unreachable!("aborted"))
}

/// What an edit did to a bucket.
#[derive(Default)]
struct Edited {
    deleted: u64,
    merged: Merged,
}

/// Applies an edit to one bucket of orders or interactions within `tx`; returns the
/// bucket's new facts and extra facts, and what was deleted or merged.
async fn edit<T: History>(
    tx: &idb::Transaction,
    b: u32,
    edit: Edit<T>,
) -> Result<Option<(Vec<T::Fact>, T::Extra, Edited)>, StorageError> {
    if matches!(edit, Edit::Keep) {
        return Ok(None);
    }
    let store = tx.object_store(T::STORE)?;
    let mut records: Vec<Record<T>> = match store.get(key(b))?.await? {
        Some(v) if !v.is_undefined() => decode_with(&v, T::STORE, T::decode)?,
        _ => Vec::new(),
    };
    let mut done = Edited::default();
    match edit {
        Edit::Keep => {}
        Edit::Append(new) => records.extend(new.iter()),
        Edit::DeleteCreated { stamp, now } => {
            done.deleted = delete_created(&mut records, stamp, now)
        }
        Edit::Merge(copies) => done.merged = merge_records(&mut records, copies.iter()),
    }
    let facts = T::facts(&records);
    let extra = T::extra(&records);
    put_encoded(tx, T::STORE, &key(b), &records)?;
    put_encoded(tx, T::FACTS, &key(b), &facts)?;
    if let Some(name) = T::EXTRA {
        put_encoded(tx, name, &key(b), &extra)?;
    }
    Ok(Some((facts, extra, done)))
}
