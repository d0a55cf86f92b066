//! The one write path for records of every kind. A write reads what is stored in the
//! record's slot, lets the caller change it (apply a command, merge copies), and writes
//! it back with its derived facts and the device's clock, all in one transaction: no
//! write starts from a copy held in memory, so two tabs never overwrite each other.
//!
//! The clock is shared by every tab of this browser profile through `meta`: each
//! write's stamp comes after the stored one and is written back in the same
//! transaction, so no two writes of one device carry the same stamp.

use super::database::{
    abort, commit_or_abort, decode, decode_with, key, put_bytes, put_encoded, History, Storage,
    CUSTOMERS, META, PURCHASES, SEGMENTS,
};
use super::StorageError;
use clientele_core::codec::{self, CodecError};
use clientele_core::hlc::{Clock, Hlc};
use clientele_core::record::Fields;
use clientele_core::segment::saved::SavedSegment;
use clientele_core::{Customer, Id, Interaction, Order, Record};
use idb::{Transaction, TransactionMode};
use serde::{de::DeserializeOwned, Serialize};
use wasm_bindgen::JsValue;

/// A kind of record and where it is stored: a store of slots, each holding some
/// records (a bucket of customers, orders or interactions; one saved segment), and
/// the stores derived from a slot, written with it.
pub trait Kind: Fields + Serialize + DeserializeOwned + 'static {
    const STORE: &'static str;
    /// The stores written with the records (derived facts).
    const DERIVED: &'static [&'static str];
    /// What names a slot: a bucket number, or the record's id.
    type Slot: Copy + std::fmt::Display + 'static;
    /// The slot a record is kept in, from what `Slot` is made of.
    fn key(slot: Self::Slot) -> JsValue;
    /// Reads a stored slot (of the current format or an earlier one).
    fn decode(bytes: &[u8]) -> Result<Vec<Record<Self>>, CodecError>;
    /// Writes a slot; `None` when there is nothing to keep.
    fn encode(records: &[Record<Self>]) -> Option<Vec<u8>>;
    type Derived;
    fn derive(records: &[Record<Self>]) -> Self::Derived;
    fn put_derived(
        tx: &Transaction,
        key: &JsValue,
        derived: &Self::Derived,
    ) -> Result<(), StorageError>;
}

impl Kind for Customer {
    const STORE: &'static str = CUSTOMERS;
    const DERIVED: &'static [&'static str] = &[];
    type Slot = u32;
    fn key(b: u32) -> JsValue {
        key(b)
    }
    fn decode(bytes: &[u8]) -> Result<Vec<Record<Customer>>, CodecError> {
        clientele_core::migrate::decode_customers(bytes)
    }
    fn encode(records: &[Record<Customer>]) -> Option<Vec<u8>> {
        Some(codec::encode(records))
    }
    type Derived = ();
    fn derive(_: &[Record<Customer>]) {}
    fn put_derived(_: &Transaction, _: &JsValue, _: &()) -> Result<(), StorageError> {
        Ok(())
    }
}

/// Orders and interactions: a bucket per customer bucket, with their facts.
macro_rules! history_kind {
    ($t:ty, $derived:expr) => {
        impl Kind for $t {
            const STORE: &'static str = <$t as History>::STORE;
            const DERIVED: &'static [&'static str] = $derived;
            type Slot = u32;
            fn key(b: u32) -> JsValue {
                key(b)
            }
            fn decode(bytes: &[u8]) -> Result<Vec<Record<$t>>, CodecError> {
                <$t as History>::decode(bytes)
            }
            fn encode(records: &[Record<$t>]) -> Option<Vec<u8>> {
                Some(codec::encode(records))
            }
            type Derived = (Vec<<$t as History>::Fact>, <$t as History>::Extra);
            fn derive(records: &[Record<$t>]) -> Self::Derived {
                (<$t>::facts(records), <$t>::extra(records))
            }
            fn put_derived(
                tx: &Transaction,
                key: &JsValue,
                (facts, extra): &Self::Derived,
            ) -> Result<(), StorageError> {
                put_encoded(tx, <$t as History>::FACTS, key, facts)?;
                if let Some(name) = <$t as History>::EXTRA {
                    put_encoded(tx, name, key, extra)?;
                }
                Ok(())
            }
        }
    };
}
history_kind!(Order, &[<Order as History>::FACTS, PURCHASES]);
history_kind!(Interaction, &[<Interaction as History>::FACTS]);

impl Kind for SavedSegment {
    const STORE: &'static str = SEGMENTS;
    const DERIVED: &'static [&'static str] = &[];
    type Slot = Id;
    fn key(id: Id) -> JsValue {
        JsValue::from_str(&id.to_string())
    }
    fn decode(bytes: &[u8]) -> Result<Vec<Record<SavedSegment>>, CodecError> {
        codec::decode(bytes).map(|r| vec![r])
    }
    fn encode(records: &[Record<SavedSegment>]) -> Option<Vec<u8>> {
        records.first().map(codec::encode)
    }
    type Derived = ();
    fn derive(_: &[Record<SavedSegment>]) {}
    fn put_derived(_: &Transaction, _: &JsValue, _: &()) -> Result<(), StorageError> {
        Ok(())
    }
}

/// What a write left in storage.
pub struct Written<T: Kind, R> {
    /// What the change returned.
    pub value: R,
    /// The slot's records as now stored: this tab's change and every other tab's.
    pub records: Vec<Record<T>>,
    pub derived: T::Derived,
    /// The stamp the change was made with.
    pub stamp: Hlc,
}

/// Reads one slot of `store` within `tx`.
pub(super) async fn read_in<T: Kind>(
    tx: &Transaction,
    slot: T::Slot,
) -> Result<Vec<Record<T>>, StorageError> {
    match tx.object_store(T::STORE)?.get(T::key(slot))?.await? {
        Some(v) if !v.is_undefined() => decode_with(&v, T::STORE, T::decode),
        _ => Ok(Vec::new()),
    }
}

/// The key of the device's last clock stamp in `meta`.
const CLOCK: &str = "clock";

/// The stored clock's last stamp, within `tx` (which includes `meta`).
pub(super) async fn stored_clock(tx: &Transaction) -> Result<Option<Hlc>, StorageError> {
    match tx
        .object_store(META)?
        .get(JsValue::from_str(CLOCK))?
        .await?
    {
        Some(v) if !v.is_undefined() => Ok(Some(decode::<Hlc>(&v, CLOCK)?)),
        _ => Ok(None),
    }
}

/// Stores `stamp` as the clock's last, within `tx`.
fn put_clock(tx: &Transaction, stamp: &Hlc) -> Result<(), StorageError> {
    put_encoded(tx, META, &JsValue::from_str(CLOCK), stamp)
}

/// Writes a slot's records (or deletes the slot when nothing is left to keep) and
/// the facts derived from them, within `tx`; returns the facts. Every write of
/// records ends here: one command's (`Storage::write`) or a batch's buckets.
pub(super) fn put_slot<T: Kind>(
    tx: &Transaction,
    slot: T::Slot,
    records: &[Record<T>],
) -> Result<T::Derived, StorageError> {
    let derived = T::derive(records);
    let k = T::key(slot);
    match T::encode(records) {
        Some(bytes) => put_bytes(tx, T::STORE, &k, &bytes)?,
        None => tx.object_store(T::STORE)?.delete(k.clone()).map(|_| ())?,
    }
    T::put_derived(tx, &k, &derived)?;
    Ok(derived)
}

/// The next stamp of this device, within `tx`: after the stored clock (every tab's
/// last write) and after `local` (this tab's last stamp). Written back by the caller.
pub(super) async fn next_stamp(
    tx: &Transaction,
    local: Hlc,
    now: i64,
) -> Result<Hlc, StorageError> {
    let stored = stored_clock(tx).await?;
    let last = stored.map_or(local, |s| s.max(local));
    // Tabs opened together on a new profile may each have drawn a device id: the
    // first one stored is the device's.
    let device = stored
        .map(|s| s.device)
        .filter(|d| d.0 != 0)
        .unwrap_or(local.device);
    Ok(Clock::resume(Hlc { device, ..last }).tick(now))
}

/// Records `stamp` as the clock's last within `tx`, unless a later one is stored.
pub(super) async fn advance_clock(tx: &Transaction, stamp: Hlc) -> Result<(), StorageError> {
    let last = stored_clock(tx).await?.map_or(stamp, |s| s.max(stamp));
    put_clock(tx, &last)
}

impl Storage {
    /// Reads one slot: a bucket of customers, orders or interactions, or a segment.
    pub async fn read<T: Kind>(&self, slot: T::Slot) -> Result<Vec<Record<T>>, StorageError> {
        let tx = self
            .db
            .transaction(&[T::STORE], TransactionMode::ReadOnly)?;
        read_in::<T>(&tx, slot).await
    }

    /// Reads every record of a kind kept one per slot (saved segments).
    pub async fn read_all<T: Kind>(&self) -> Result<Vec<Record<T>>, StorageError> {
        let tx = self
            .db
            .transaction(&[T::STORE], TransactionMode::ReadOnly)?;
        let values = tx.object_store(T::STORE)?.get_all(None, None)?.await?;
        let mut out = Vec::with_capacity(values.len());
        for v in values.iter() {
            out.extend(decode_with(v, T::STORE, T::decode)?);
        }
        Ok(out)
    }

    /// The one write path: in one transaction, reads the slot as stored, takes the
    /// next stamp of the device's clock (after `local`, this tab's last), lets
    /// `change` modify the records with it, and writes them, their derived facts and
    /// the clock. If `change` refuses, nothing is written and its error is returned
    /// inside `Ok`; a storage failure part-way leaves everything as it was.
    pub async fn write<T: Kind, R, E>(
        &self,
        slot: T::Slot,
        local: Hlc,
        now: i64,
        change: impl FnOnce(&mut Vec<Record<T>>, Hlc) -> Result<R, E>,
    ) -> Result<Result<Written<T, R>, E>, StorageError> {
        let mut stores = vec![T::STORE, META];
        stores.extend(T::DERIVED);
        let tx = self.db.transaction(&stores, TransactionMode::ReadWrite)?;
        let read = async {
            let records = read_in::<T>(&tx, slot).await?;
            let stamp = next_stamp(&tx, local, now).await?;
            Ok::<_, StorageError>((records, stamp))
        };
        let (mut records, stamp) = match read.await {
            Ok(r) => r,
            Err(e) => return abort(tx, e).await,
        };
        let value = match change(&mut records, stamp) {
            Ok(v) => v,
            Err(e) => {
                let _ = tx.abort();
                return Ok(Err(e));
            }
        };
        let issued = put_slot::<T>(&tx, slot, &records).and_then(|derived| {
            self.injected_failure()?;
            put_clock(&tx, &stamp)?;
            Ok(derived)
        });
        let derived = match issued {
            Ok(d) => d,
            Err(e) => return abort(tx, e).await,
        };
        commit_or_abort(tx, Ok(())).await?;
        Ok(Ok(Written {
            value,
            records,
            derived,
            stamp,
        }))
    }

    /// Merges copies of records into their slot, field by field (the later stamp
    /// wins), stamping nothing new: how records written elsewhere come in.
    pub async fn merge<T: Kind>(
        &self,
        slot: T::Slot,
        copies: Vec<Record<T>>,
        local: Hlc,
        now: i64,
    ) -> Result<Written<T, clientele_core::backup::Merged>, StorageError> {
        let written = self
            .write::<T, _, std::convert::Infallible>(slot, local, now, |records, _| {
                Ok(clientele_core::backup::merge_records(records, copies))
            })
            .await?;
        Ok(written.unwrap_or_else(|e| match e {}))
    }

    /// Takes the next stamp of the device's clock, for a bulk job that stamps many
    /// records with one stamp (an import): no other write of this device gets it.
    pub async fn reserve_stamp(&self, local: Hlc, now: i64) -> Result<Hlc, StorageError> {
        let tx = self.db.transaction(&[META], TransactionMode::ReadWrite)?;
        let stamp = match next_stamp(&tx, local, now).await {
            Ok(s) => s,
            Err(e) => return abort(tx, e).await,
        };
        let put = put_clock(&tx, &stamp);
        commit_or_abort(tx, put).await?;
        Ok(stamp)
    }
}
