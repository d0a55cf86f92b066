//! Writing an import, its revert, or a restored backup as one IndexedDB transaction:
//! every bucket it touches (and its history entry, or segments) are committed
//! together or not at all (a failure, a closed tab or Cancel leaves the database as
//! it was). Like every write (`records`), each bucket is read as stored and changed
//! within the transaction: what other tabs wrote meanwhile is kept.

use super::database::{abort, commit_or_abort, decode, put_encoded, Storage, ALL_STORES, IMPORTS};
use super::records::{advance_clock, put_slot, read_in, Kind};
use super::StorageError;
use clientele_core::backup::{merge_records, Merged};
use clientele_core::facts::{InteractionFact, OrderFact};
use clientele_core::import::history::ImportEntry;
use clientele_core::packed::Packed;
use clientele_core::purchases::PurchaseFact;
use clientele_core::segment::saved::SavedSegment;
use clientele_core::{Customer, Hlc, Interaction, Order, Record};
use idb::TransactionMode;
use wasm_bindgen::JsValue;

/// A change made to a slot's stored records within a transaction.
pub type Change<'a, T> = Box<dyn FnOnce(&mut Vec<Record<T>>) + 'a>;

/// What to do to the records of one kind in a bucket.
pub enum Edit<'a, T> {
    Keep,
    /// Add these new records (kept encoded until their bucket is written).
    Append(Packed<Record<T>>),
    /// Merge these copies in by id, field by field (an import's customers, a backup).
    Merge(Packed<Record<T>>),
    /// Any other change of the stored records (a revert), made within the transaction.
    With(Change<'a, T>),
}

impl<T> Edit<'_, T> {
    /// Appends `records`; nothing to do when there are none.
    pub fn append(records: Packed<Record<T>>) -> Self {
        if records.is_empty() {
            Edit::Keep
        } else {
            Edit::Append(records)
        }
    }
}

/// One bucket's part of an import, revert or restore.
pub struct BucketWrite<'a> {
    pub bucket: u32,
    pub customers: Edit<'a, Customer>,
    pub orders: Edit<'a, Order>,
    pub interactions: Edit<'a, Interaction>,
}

/// What changed in a bucket, for the in-memory database.
pub struct BucketFacts {
    pub bucket: u32,
    /// The bucket's customers as now stored, if they were edited.
    pub customers: Option<Vec<Record<Customer>>>,
    pub orders: Option<(Vec<OrderFact>, Vec<PurchaseFact>)>,
    pub interactions: Option<Vec<InteractionFact>>,
    /// What merging did to the customers, orders and interactions (`Merge`).
    pub merged: [Merged; 3],
}

/// The buckets a batch writes, each made when the transaction reaches it.
pub type Writes<'a> = Box<dyn ExactSizeIterator<Item = BucketWrite<'a>> + 'a>;

/// Everything one transaction writes.
pub struct Batch<'a> {
    pub writes: Writes<'a>,
    /// The import's history entry.
    pub entry: Option<&'a ImportEntry>,
    /// Saved segments to merge in (a backup's).
    pub segments: Vec<Record<SavedSegment>>,
    /// Erase every record first (a restore that replaces the data).
    pub clear: bool,
}

/// What a batch wrote.
pub struct Committed {
    pub buckets: Vec<BucketFacts>,
    /// What merging did to the saved segments.
    pub segments: Merged,
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
    ) -> Result<Committed, StorageError> {
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
            // The bucket's three slots are read before any is written: a read issued
            // after a write of the same transaction waits for that write.
            let (customers, orders, interactions) = futures::join!(
                read_for::<Customer>(&tx, b, &w.customers),
                read_for::<Order>(&tx, b, &w.orders),
                read_for::<Interaction>(&tx, b, &w.interactions),
            );
            let written = (|| {
                let customers = apply::<Customer>(&tx, b, w.customers, customers?)?;
                self.injected_failure()?;
                let orders = apply::<Order>(&tx, b, w.orders, orders?)?;
                let interactions = apply::<Interaction>(&tx, b, w.interactions, interactions?)?;
                Ok::<_, StorageError>((customers, orders, interactions))
            })();
            let (customers, orders, interactions) = match written {
                Ok(w) => w,
                Err(e) => return abort(tx, e).await,
            };
            out.push(BucketFacts {
                bucket: b,
                merged: [
                    merged_of(&customers),
                    merged_of(&orders),
                    merged_of(&interactions),
                ],
                customers: customers.map(|c| c.records),
                orders: orders.map(|o| o.derived),
                interactions: interactions.map(|i| i.derived.0),
            });
        }
        step(total, total);
        let mut segments = Merged::default();
        for s in batch.segments {
            let id = s.id;
            let copy = Packed::of(std::slice::from_ref(&s));
            match edit::<SavedSegment>(&tx, id, Edit::Merge(copy)).await {
                Ok(e) => segments += e.map_or_else(Merged::default, |e| e.merged),
                Err(e) => return abort(tx, e).await,
            }
        }
        if let Err(e) = advance_clock(&tx, clock).await {
            return abort(tx, e).await;
        }
        let issued = match batch.entry {
            Some(entry) => put_encoded(
                &tx,
                IMPORTS,
                &JsValue::from_str(&entry.id.to_string()),
                entry,
            ),
            None => Ok(()),
        };
        commit_or_abort(tx, issued).await?;
        Ok(Committed {
            buckets: out,
            segments,
        })
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

/// What an edit did to a slot.
struct Edited<R, D> {
    records: R,
    derived: D,
    merged: Merged,
}

/// What an edit did to a slot of `T` records.
type EditedSlot<T> = Edited<Vec<Record<T>>, <T as Kind>::Derived>;

fn merged_of<R, D>(e: &Option<Edited<R, D>>) -> Merged {
    e.as_ref().map_or_else(Merged::default, |e| e.merged)
}

/// The records of a slot as stored, if `edit` changes them.
async fn read_for<T: Kind>(
    tx: &idb::Transaction,
    slot: T::Slot,
    edit: &Edit<'_, T>,
) -> Result<Option<Vec<Record<T>>>, StorageError> {
    match edit {
        Edit::Keep => Ok(None),
        _ => Ok(Some(read_in::<T>(tx, slot).await?)),
    }
}

/// Applies an edit to the records of a slot as stored (`read_for`) and writes them
/// and their derived facts back within `tx`. Returns the records as written, their
/// derived facts, and what merging did.
fn apply<T: Kind>(
    tx: &idb::Transaction,
    slot: T::Slot,
    edit: Edit<'_, T>,
    stored: Option<Vec<Record<T>>>,
) -> Result<Option<EditedSlot<T>>, StorageError> {
    let Some(mut records) = stored else {
        return Ok(None);
    };
    let mut merged = Merged::default();
    match edit {
        Edit::Keep => return Ok(None),
        Edit::Append(new) => records.extend(new.iter()),
        Edit::Merge(copies) => merged = merge_records(&mut records, copies.iter()),
        Edit::With(change) => change(&mut records),
    }
    let derived = put_slot::<T>(tx, slot, &records)?;
    Ok(Some(Edited {
        records,
        derived,
        merged,
    }))
}

/// Reads a slot as stored, applies an edit, and writes it back, within `tx`.
async fn edit<T: Kind>(
    tx: &idb::Transaction,
    slot: T::Slot,
    edit: Edit<'_, T>,
) -> Result<Option<EditedSlot<T>>, StorageError> {
    let stored = read_for::<T>(tx, slot, &edit).await?;
    apply(tx, slot, edit, stored)
}
