//! The IndexedDB database: records in buckets of encoded bytes (see docs/storage.md).
//!
//! Stores (key → value):
//! - `meta`: "clock" → the last clock stamp; "bulk" → a marker while a bulk load runs
//! - `customers`: bucket number → encoded `Vec<Record<Customer>>`
//! - `orders`, `interactions`: bucket → encoded records (bucket of the customer's id)
//! - `order_facts`, `interaction_facts`: bucket → encoded facts, derived from the
//!   records and written in the same transaction, read at start-up instead of them.
//! - `purchase_facts` (v2): bucket → what each customer of the bucket bought, derived
//!   from the orders like the facts. Databases from v1 get it rebuilt once at start.
//! - `segments` (v2): segment id → encoded `Record<SavedSegment>`.
//! - `imports` (v3): import id → encoded `ImportEntry` (history and revert, see
//!   `imports.rs`).

use super::StorageError;
use clientele_core::codec;
use clientele_core::facts::{InteractionFact, OrderFact};
use clientele_core::purchases::PurchaseFact;
use clientele_core::record::Fields;
use clientele_core::{Customer, Hlc, Interaction, Order, Record};
use idb::{Database, Factory, TransactionMode};
use js_sys::Uint8Array;
use serde::{de::DeserializeOwned, Serialize};
use wasm_bindgen::{JsCast, JsValue};

pub const DB_NAME: &str = "clientele";
/// The IndexedDB schema version (kept in the core, where docs/storage.md is checked
/// against it). Each version's step is in `upgrade`.
pub use clientele_core::migrate::SCHEMA_VERSION;

pub(super) const META: &str = "meta";
pub(super) const CUSTOMERS: &str = "customers";
pub(super) const PURCHASES: &str = "purchase_facts";
pub(super) const SEGMENTS: &str = "segments";
pub(super) const IMPORTS: &str = "imports";
/// Stores of schema version 1.
const V1_STORES: [&str; 6] = [
    META,
    CUSTOMERS,
    Order::STORE,
    Order::FACTS,
    Interaction::STORE,
    Interaction::FACTS,
];
pub(super) const ALL_STORES: [&str; 9] = [
    META,
    CUSTOMERS,
    Order::STORE,
    Order::FACTS,
    Interaction::STORE,
    Interaction::FACTS,
    PURCHASES,
    SEGMENTS,
    IMPORTS,
];
/// Meta key set once purchase facts of the current shape exist for every bucket of
/// orders ("purchases" was set before they carried the catalogue's tallies: a
/// database with only that one derives them again, once).
const PURCHASES_READY: &str = "purchases-2";

/// A record type stored per customer bucket, with derived facts.
pub trait History: Fields + Serialize + DeserializeOwned + 'static {
    const STORE: &'static str;
    const FACTS: &'static str;
    type Fact: Serialize + DeserializeOwned;
    /// Reads a stored bucket, of the current format or an earlier one (`migrate`).
    fn decode(bytes: &[u8]) -> Result<Vec<Record<Self>>, codec::CodecError>;
    fn facts(records: &[Record<Self>]) -> Vec<Self::Fact>;
    /// A second derived store, if any, written with the facts.
    const EXTRA: Option<&'static str>;
    type Extra: Serialize + DeserializeOwned;
    fn extra(records: &[Record<Self>]) -> Self::Extra;
}

impl History for Order {
    const STORE: &'static str = "orders";
    const FACTS: &'static str = "order_facts";
    type Fact = OrderFact;
    fn decode(bytes: &[u8]) -> Result<Vec<Record<Order>>, codec::CodecError> {
        clientele_core::migrate::decode_orders(bytes)
    }
    fn facts(records: &[Record<Order>]) -> Vec<OrderFact> {
        OrderFact::of(records)
    }
    const EXTRA: Option<&'static str> = Some(PURCHASES);
    type Extra = Vec<PurchaseFact>;
    fn extra(records: &[Record<Order>]) -> Vec<PurchaseFact> {
        PurchaseFact::of(records)
    }
}

impl History for Interaction {
    const STORE: &'static str = "interactions";
    const FACTS: &'static str = "interaction_facts";
    type Fact = InteractionFact;
    fn decode(bytes: &[u8]) -> Result<Vec<Record<Interaction>>, codec::CodecError> {
        codec::decode(bytes)
    }
    fn facts(records: &[Record<Interaction>]) -> Vec<InteractionFact> {
        InteractionFact::of(records)
    }
    const EXTRA: Option<&'static str> = None;
    type Extra = ();
    fn extra(_: &[Record<Interaction>]) {}
}

#[derive(Debug, Default, Clone, PartialEq)]
pub struct Meta {
    pub clock: Option<Hlc>,
    /// A bulk load (demo data) was started and did not finish.
    pub bulk_pending: bool,
    /// Purchase facts exist for every bucket of orders (false after a v1 upgrade).
    pub purchases_ready: bool,
}

pub struct Loaded {
    pub customers: Vec<Record<Customer>>,
    pub meta: Meta,
}

pub struct Storage {
    pub(super) db: Database,
    /// Test hook: make the next write fail after its first put (see `fail_next_write`).
    /// Test hooks exist in debug builds only: the release app has none.
    #[cfg(debug_assertions)]
    fail_next: std::cell::Cell<bool>,
}

fn bytes(v: &[u8]) -> JsValue {
    Uint8Array::from(v).into()
}

pub(super) fn key(b: u32) -> JsValue {
    JsValue::from(b)
}

pub(super) fn decode<T: DeserializeOwned>(v: &JsValue, what: &str) -> Result<T, StorageError> {
    decode_with(v, what, codec::decode)
}

pub(super) fn decode_with<T>(
    v: &JsValue,
    what: &str,
    read: impl Fn(&[u8]) -> Result<T, codec::CodecError>,
) -> Result<T, StorageError> {
    if !v.is_instance_of::<Uint8Array>() {
        return Err(StorageError::Damaged(format!("{what}: not bytes")));
    }
    read(&Uint8Array::new(v).to_vec()).map_err(|e| StorageError::Damaged(format!("{what}: {e}")))
}

/// Creates or upgrades the schema, one step per version, from `old` to `SCHEMA_VERSION`.
fn upgrade(db: &Database, old: u32, new: u32) -> Result<(), idb::Error> {
    if old < 1 && new >= 1 {
        for name in V1_STORES {
            db.create_object_store(name, idb::ObjectStoreParams::new())?;
        }
    }
    if old < 2 && new >= 2 {
        for name in [PURCHASES, SEGMENTS] {
            db.create_object_store(name, idb::ObjectStoreParams::new())?;
        }
    }
    if old < 3 && new >= 3 {
        db.create_object_store(IMPORTS, idb::ObjectStoreParams::new())?;
    }
    Ok(())
}

impl Storage {
    /// Opens (creating or upgrading) Clientele's database.
    pub async fn open() -> Result<Storage, StorageError> {
        Storage::open_named(DB_NAME).await
    }

    /// Opens a database by name (tests use their own names).
    pub async fn open_named(name: &str) -> Result<Storage, StorageError> {
        Storage::open_at(name, SCHEMA_VERSION).await
    }

    /// Opens a database at an older schema version (tests of migrations).
    pub async fn open_at(name: &str, version: u32) -> Result<Storage, StorageError> {
        let factory = Factory::new().map_err(|e| StorageError::Unavailable(e.to_string()))?;
        let mut request = factory
            .open(name, Some(version))
            .map_err(StorageError::from)?;
        let failed = std::rc::Rc::new(std::cell::Cell::new(false));
        let failed2 = failed.clone();
        request.on_upgrade_needed(move |event| {
            use idb::DatabaseEvent;
            let result = event
                .database()
                .and_then(|db| upgrade(&db, event.old_version().unwrap_or(0), version));
            if result.is_err() {
                failed2.set(true);
            }
        });
        request.on_blocked(|_| {});
        let db = request.await.map_err(|e| match StorageError::from(e) {
            StorageError::NewerVersion { .. } => StorageError::NewerVersion {
                found: 0,
                supported: SCHEMA_VERSION,
            },
            other => other,
        })?;
        if failed.get() {
            db.close();
            return Err(StorageError::Failed("could not create the database".into()));
        }
        let found = db.version().unwrap_or(version);
        if found > SCHEMA_VERSION {
            db.close();
            return Err(StorageError::NewerVersion {
                found,
                supported: SCHEMA_VERSION,
            });
        }
        Ok(Storage {
            db,
            #[cfg(debug_assertions)]
            fail_next: std::cell::Cell::new(false),
        })
    }

    pub fn close(&self) {
        self.db.close();
    }

    /// The names of the object stores (for tests of the schema).
    pub fn store_names(&self) -> Vec<String> {
        self.db.store_names()
    }

    async fn all<T: DeserializeOwned>(&self, store: &str) -> Result<Vec<(u32, T)>, StorageError> {
        self.all_with(store, codec::decode).await
    }

    async fn all_with<T>(
        &self,
        store: &str,
        read: impl Fn(&[u8]) -> Result<T, codec::CodecError>,
    ) -> Result<Vec<(u32, T)>, StorageError> {
        let tx = self.db.transaction(&[store], TransactionMode::ReadOnly)?;
        let s = tx.object_store(store)?;
        let keys = s.get_all_keys(None, None)?.await?;
        let values = s.get_all(None, None)?.await?;
        let mut out = Vec::with_capacity(values.len());
        for (k, v) in keys.iter().zip(values.iter()) {
            let b = k
                .as_f64()
                .ok_or_else(|| StorageError::Damaged(format!("{store}: bad key")))?
                as u32;
            out.push((b, decode_with(v, store, &read)?));
        }
        Ok(out)
    }

    /// Reads every customer and the meta data: what the list needs first.
    pub async fn load_customers(&self) -> Result<Loaded, StorageError> {
        // Buckets of earlier formats are converted as they are read (`migrate`).
        let buckets: Vec<(u32, Vec<Record<Customer>>)> = self
            .all_with(CUSTOMERS, clientele_core::migrate::decode_customers)
            .await?;
        let customers = buckets.into_iter().flat_map(|(_, v)| v).collect();
        Ok(Loaded {
            customers,
            meta: self.meta().await?,
        })
    }

    /// Reads the facts of every order and interaction (totals, dates) by bucket.
    pub async fn load_facts(
        &self,
    ) -> Result<(Vec<(u32, Vec<OrderFact>)>, Vec<(u32, Vec<InteractionFact>)>), StorageError> {
        Ok((
            self.all(Order::FACTS).await?,
            self.all(Interaction::FACTS).await?,
        ))
    }

    pub async fn meta(&self) -> Result<Meta, StorageError> {
        let tx = self.db.transaction(&[META], TransactionMode::ReadOnly)?;
        let clock = super::records::stored_clock(&tx).await?;
        let s = tx.object_store(META)?;
        let bulk_pending =
            matches!(s.get(JsValue::from_str("bulk"))?.await?, Some(v) if !v.is_undefined());
        let purchases_ready = matches!(
            s.get(JsValue::from_str(PURCHASES_READY))?.await?,
            Some(v) if !v.is_undefined()
        );
        Ok(Meta {
            clock,
            bulk_pending,
            purchases_ready,
        })
    }

    /// Test hook for atomicity: the next write fails after its first put was issued,
    /// as a quota or I/O error would. The transaction must then leave nothing behind.
    #[cfg(debug_assertions)]
    pub fn fail_next_write(&self) {
        self.fail_next.set(true);
    }

    /// The failure `fail_next_write` asked for, if any (never in release builds).
    pub(super) fn injected_failure(&self) -> Result<(), StorageError> {
        #[cfg(debug_assertions)]
        if self.fail_next.replace(false) {
            return Err(StorageError::Failed("injected failure".into()));
        }
        Ok(())
    }

    /// Reads what every customer bought, by bucket.
    pub async fn load_purchases(&self) -> Result<Vec<(u32, Vec<PurchaseFact>)>, StorageError> {
        self.all(PURCHASES).await
    }

    /// Derives the purchase facts of every bucket of orders (databases from schema
    /// v1 have none), one bucket per transaction, then marks them ready. Returns them.
    pub async fn rebuild_purchases(&self) -> Result<Vec<(u32, Vec<PurchaseFact>)>, StorageError> {
        let tx = self
            .db
            .transaction(&[Order::STORE], TransactionMode::ReadOnly)?;
        let keys = tx
            .object_store(Order::STORE)?
            .get_all_keys(None, None)?
            .await?;
        drop(tx);
        let mut out = Vec::with_capacity(keys.len());
        for k in keys {
            let b = k.as_f64().unwrap_or(0.0) as u32;
            let tx = self
                .db
                .transaction(&[Order::STORE, PURCHASES], TransactionMode::ReadWrite)?;
            let orders: Vec<Record<Order>> =
                match tx.object_store(Order::STORE)?.get(key(b))?.await? {
                    Some(v) if !v.is_undefined() => decode_with(&v, Order::STORE, Order::decode)?,
                    _ => Vec::new(),
                };
            let facts = PurchaseFact::of(&orders);
            let put = put_encoded(&tx, PURCHASES, &key(b), &facts);
            commit_or_abort(tx, put).await?;
            out.push((b, facts));
        }
        let tx = self.db.transaction(&[META], TransactionMode::ReadWrite)?;
        let put = put_bytes(&tx, META, &JsValue::from_str(PURCHASES_READY), &[1]);
        commit_or_abort(tx, put).await?;
        Ok(out)
    }

    /// Test hook: writes a bucket of customers in record format 1 (before `values`).
    #[cfg(debug_assertions)]
    pub async fn put_raw_customers_v1(
        &self,
        bucket: u32,
        records: &[Record<Customer>],
    ) -> Result<(), StorageError> {
        let tx = self
            .db
            .transaction(&[CUSTOMERS], TransactionMode::ReadWrite)?;
        let v1 = clientele_core::migrate::encode_customers_v1(records);
        let issued = put_bytes(&tx, CUSTOMERS, &key(bucket), &v1);
        commit_or_abort(tx, issued).await
    }

    /// Test hook: writes a bucket of orders as schema v1 did (no purchase facts).
    #[cfg(debug_assertions)]
    pub async fn put_raw_orders_v1(
        &self,
        bucket: u32,
        orders: &[Record<Order>],
    ) -> Result<(), StorageError> {
        let tx = self
            .db
            .transaction(&[Order::STORE, Order::FACTS], TransactionMode::ReadWrite)?;
        let puts = || -> Result<(), StorageError> {
            // Orders of that time had no reference (record format 2 and before).
            let old = clientele_core::migrate::encode_orders_v2(orders);
            put_bytes(&tx, Order::STORE, &key(bucket), &old)?;
            put_encoded(&tx, Order::FACTS, &key(bucket), &Order::facts(orders))?;
            Ok(())
        };
        let issued = puts();
        commit_or_abort(tx, issued).await
    }

    /// Marks (or clears the mark of) a bulk load in progress.
    pub async fn set_bulk_pending(&self, pending: bool) -> Result<(), StorageError> {
        let tx = self.db.transaction(&[META], TransactionMode::ReadWrite)?;
        let puts = || -> Result<(), StorageError> {
            let s = tx.object_store(META)?;
            if pending {
                s.put(&bytes(&[1]), Some(&JsValue::from_str("bulk")))?;
            } else {
                s.delete(JsValue::from_str("bulk"))?;
            }
            Ok(())
        };
        let issued = puts();
        commit_or_abort(tx, issued).await
    }

    /// Erases every record (keeps the clock, so later edits still win merges).
    pub async fn clear(&self) -> Result<(), StorageError> {
        let tx = self
            .db
            .transaction(&ALL_STORES[1..], TransactionMode::ReadWrite)?;
        let clears = || -> Result<(), StorageError> {
            for name in &ALL_STORES[1..] {
                tx.object_store(name)?.clear()?;
            }
            Ok(())
        };
        let issued = clears();
        commit_or_abort(tx, issued).await?;
        self.set_bulk_pending(false).await
    }
}

/// Puts `value` under `key` in `store`, as one request of `tx`.
pub(super) fn put_bytes(
    tx: &idb::Transaction,
    store: &str,
    key: &JsValue,
    value: &[u8],
) -> Result<(), StorageError> {
    tx.object_store(store)?.put(&bytes(value), Some(key))?;
    Ok(())
}

/// Puts `value`, encoded (`codec`), under `key` in `store`, as one request of `tx`.
pub(super) fn put_encoded<T: Serialize + ?Sized>(
    tx: &idb::Transaction,
    store: &str,
    key: &JsValue,
    value: &T,
) -> Result<(), StorageError> {
    put_bytes(tx, store, key, &codec::encode(value))
}

/// Commits the transaction if every request was issued, else aborts it, so that a
/// failure part-way leaves nothing written.
pub(super) async fn commit_or_abort(
    tx: idb::Transaction,
    issued: Result<(), StorageError>,
) -> Result<(), StorageError> {
    match issued {
        Ok(()) => finish(tx).await,
        Err(e) => {
            if let Ok(tx) = tx.abort() {
                let _ = tx.await;
            }
            Err(e)
        }
    }
}

async fn finish(tx: idb::Transaction) -> Result<(), StorageError> {
    let result = tx.await?;
    if result.is_committed() {
        Ok(())
    } else {
        Err(StorageError::Failed(
            "the change was not saved (transaction aborted)".into(),
        ))
    }
}

/// Aborts `tx` because of `e` and returns it.
pub(super) async fn abort<R>(tx: idb::Transaction, e: StorageError) -> Result<R, StorageError> {
    match commit_or_abort(tx, Err(e)).await {
        Err(e) => Err(e),
        Ok(()) => Err(StorageError::Failed("aborted".into())),
    }
}
