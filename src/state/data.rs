//! The customer database as the app sees it: loading at start-up, running commands
//! (validated by the core, written to storage, then applied in memory, in that order,
//! so memory never shows what storage does not have), undo, and erasing.

use super::error::AppError;
use super::pace::mark;
use crate::storage::{self, Storage, StorageError};
use clientele_core::command::{apply, inverse, RecordCommand};
use clientele_core::db::{bucket_of, Db, InteractionFact, OrderFact};
use clientele_core::hlc::{Clock, DeviceId};
use clientele_core::purchases::PurchaseFact;
use clientele_core::time::Day;
use clientele_core::{Customer, Hlc, Id, Interaction, Order, Record};
use futures::lock::Mutex;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::rc::Rc;

#[derive(Clone, Debug, PartialEq)]
pub enum LoadState {
    Loading,
    Ready,
    Failed(AppError),
}

#[derive(Clone, Copy)]
pub struct Data {
    pub(super) db: StoredValue<Db>,
    storage: StoredValue<Option<Rc<Storage>>, LocalStorage>,
    clock: StoredValue<Clock>,
    /// One write at a time: a bucket is read, changed and written as a unit.
    lock: StoredValue<Rc<Mutex<()>>, LocalStorage>,
    /// Bumped after every change to the data; views that read the data track it.
    pub revision: RwSignal<u64>,
    pub state: RwSignal<LoadState>,
    /// Order and interaction totals are loaded (after the customers).
    pub facts_ready: RwSignal<bool>,
}

/// A record type kept in per-customer buckets (orders, interactions).
pub trait HistoryKind: storage::History + clientele_core::command::Validate {
    fn set_facts(db: &mut Db, bucket: u32, facts: Vec<Self::Fact>, extra: Self::Extra);
    /// The customer the record belongs to (a bucket holds many customers).
    fn customer(&self) -> Id;
}

impl HistoryKind for Order {
    fn set_facts(db: &mut Db, bucket: u32, facts: Vec<OrderFact>, purchases: Vec<PurchaseFact>) {
        db.set_order_facts(bucket, facts);
        db.set_purchase_facts(bucket, purchases);
    }
    fn customer(&self) -> Id {
        self.customer
    }
}

impl HistoryKind for Interaction {
    fn set_facts(db: &mut Db, bucket: u32, facts: Vec<InteractionFact>, _: ()) {
        db.set_interaction_facts(bucket, facts);
    }
    fn customer(&self) -> Id {
        self.customer
    }
}

/// Today in the device's time zone.
pub fn today() -> Day {
    Day::of_millis(storage::now_ms() + storage::utc_offset_minutes() as i64 * 60_000)
}

impl Data {
    /// Reads the database; re-runs when it changes.
    pub fn with<R>(&self, f: impl FnOnce(&Db) -> R) -> R {
        self.revision.track();
        self.db.with_value(f)
    }

    /// Reads the database without tracking (inside views built per row).
    pub fn untracked<R>(&self, f: impl FnOnce(&Db) -> R) -> R {
        self.db.with_value(f)
    }

    /// Like `with`, for queries that build caches (the search index).
    pub fn with_mut<R>(&self, f: impl FnOnce(&mut Db) -> R) -> R {
        self.revision.track();
        self.db.try_update_value(f).expect("database is alive")
    }

    pub fn customer(&self, id: Id) -> Option<Record<Customer>> {
        self.with(|db| db.customer(id).cloned())
    }

    fn storage(&self) -> Result<Rc<Storage>, AppError> {
        self.storage
            .get_value()
            .ok_or(AppError::Storage(StorageError::Unavailable(
                "not open".into(),
            )))
    }

    pub(super) fn tick(&self) -> Hlc {
        let now = storage::now_ms();
        self.clock
            .try_update_value(|c| c.tick(now))
            .expect("clock is alive")
    }

    /// Takes a stamp from elsewhere (a backup) into account: later local stamps
    /// come after it.
    pub(super) fn observe(&self, remote: Hlc) -> Result<(), clientele_core::hlc::ClockError> {
        let now = storage::now_ms();
        self.clock
            .try_update_value(|c| c.observe(remote, now))
            .expect("clock is alive")
    }

    pub(super) fn changed(&self) {
        self.revision.update(|r| *r += 1);
        // Rebuild the search index after this change has been shown, not on the
        // next keystroke: typing stays fast.
        let db = self.db;
        set_timeout(
            move || {
                let _ = db.try_update_value(|db| db.prepare_search());
            },
            std::time::Duration::ZERO,
        );
    }

    /// Runs a customer command; returns the command that undoes it.
    pub async fn customer_command(
        &self,
        cmd: RecordCommand<Customer>,
    ) -> Result<Option<RecordCommand<Customer>>, AppError> {
        let storage = self.storage()?;
        let lock = self.lock.get_value();
        let _guard = lock.lock().await;
        let stamp = self.tick();
        let id = cmd.id();
        let current = self.db.with_value(|db| db.customer(id).cloned());
        let next = apply(&cmd, current.as_ref(), stamp, today())?;
        let undo = inverse(&cmd, current.as_ref());
        let b = bucket_of(id);
        let mut bucket = self.db.with_value(|db| db.customer_bucket(b));
        match bucket.iter_mut().find(|r| r.id == id) {
            Some(slot) => *slot = next.clone(),
            None => bucket.push(next.clone()),
        }
        storage.write_customers(b, &bucket, stamp).await?;
        self.db.update_value(|db| db.put_customer(next));
        self.changed();
        Ok(undo)
    }

    /// Runs a command on an order or interaction of `customer`; returns its undo.
    pub async fn history_command<T: HistoryKind>(
        &self,
        customer: Id,
        cmd: RecordCommand<T>,
    ) -> Result<Option<RecordCommand<T>>, AppError>
    where
        T::Fact: Clone,
    {
        let storage = self.storage()?;
        let lock = self.lock.get_value();
        let _guard = lock.lock().await;
        let stamp = self.tick();
        let b = bucket_of(customer);
        let today = today();
        let result = storage
            .modify::<T, _, AppError>(b, stamp, |records| {
                let pos = records.iter().position(|r| r.id == cmd.id());
                let current = pos.map(|p| &records[p]);
                let next = apply(&cmd, current, stamp, today)?;
                let undo = inverse(&cmd, current);
                match pos {
                    Some(p) => records[p] = next,
                    None => records.push(next),
                }
                Ok(undo)
            })
            .await?;
        let (undo, facts, extra) = result?;
        self.db.update_value(|db| T::set_facts(db, b, facts, extra));
        self.changed();
        Ok(undo)
    }

    /// Adds a new order or interaction to `customer`.
    pub async fn add_history<T: HistoryKind>(&self, customer: Id, data: T) -> Result<(), AppError>
    where
        T::Fact: Clone,
    {
        let cmd = RecordCommand::Create {
            id: storage::new_id(),
            data,
        };
        self.history_command(customer, cmd).await.map(|_| ())
    }

    /// The orders or interactions of one customer, newest first.
    pub async fn history<T: HistoryKind>(
        &self,
        customer: Id,
        time: impl Fn(&T) -> i64,
    ) -> Result<Vec<Record<T>>, AppError> {
        let storage = self.storage()?;
        let mut v: Vec<Record<T>> = storage
            .read::<T>(bucket_of(customer))
            .await?
            .into_iter()
            .filter(|r| r.data.customer() == customer)
            .collect();
        v.sort_by_key(|r| std::cmp::Reverse(time(&r.data)));
        Ok(v)
    }

    /// Erases every customer, order and interaction.
    pub async fn erase_all(&self) -> Result<(), AppError> {
        let storage = self.storage()?;
        let lock = self.lock.get_value();
        let _guard = lock.lock().await;
        storage.clear().await?;
        self.db.set_value(Db::new());
        self.changed();
        Ok(())
    }

    /// Replaces the in-memory database (after a bulk load).
    pub(super) fn replace(&self, db: Db) {
        self.db.set_value(db);
        self.facts_ready.set(true);
        self.changed();
    }

    pub(super) fn storage_handle(&self) -> Result<Rc<Storage>, AppError> {
        self.storage()
    }

    pub(super) fn lock_handle(&self) -> Rc<Mutex<()>> {
        self.lock.get_value()
    }
}

/// The derived facts of every bucket (orders, interactions, purchases), as stored.
pub(super) struct Facts {
    orders: Vec<(u32, Vec<OrderFact>)>,
    interactions: Vec<(u32, Vec<InteractionFact>)>,
    purchases: Vec<(u32, Vec<PurchaseFact>)>,
}

impl Facts {
    pub(super) async fn read(storage: &Storage, purchases_ready: bool) -> Result<Facts, AppError> {
        let (orders, interactions) = storage.load_facts().await?;
        let purchases = if purchases_ready {
            storage.load_purchases().await?
        } else {
            // A database from schema v1: derive what customers bought, once.
            storage.rebuild_purchases().await?
        };
        Ok(Facts {
            orders,
            interactions,
            purchases,
        })
    }

    pub(super) fn apply(self, db: &mut Db) {
        db.load_facts(self.orders, self.interactions);
        db.load_purchases(self.purchases);
    }
}

async fn load(data: Data) -> Result<(), AppError> {
    let storage = Rc::new(Storage::open().await?);
    data.storage.set_value(Some(storage.clone()));
    let mut loaded = storage.load_customers().await?;
    if loaded.meta.bulk_pending {
        // A demo load was interrupted (tab closed, crash): undo it entirely.
        storage.clear().await?;
        loaded.customers.clear();
    }
    let device = loaded
        .meta
        .clock
        .map(|c| c.device)
        .filter(|d| d.0 != 0)
        .unwrap_or_else(|| DeviceId(u64::from_le_bytes(storage::random_bytes())));
    let clock = match loaded.meta.clock {
        Some(last) if last.device == device => Clock::resume(last),
        _ => Clock::new(device),
    };
    data.clock.set_value(clock);
    data.db
        .set_value(Db::load(loaded.customers, vec![], vec![]));
    data.state.set(LoadState::Ready);
    data.changed();
    mark("clientele:customers-loaded");
    let facts = Facts::read(&storage, loaded.meta.purchases_ready).await?;
    data.db.update_value(|db| facts.apply(db));
    data.facts_ready.set(true);
    data.changed();
    mark("clientele:facts-loaded");
    Ok(())
}

pub fn provide_data() -> Data {
    let data = Data {
        db: StoredValue::new(Db::new()),
        storage: StoredValue::new_local(None),
        clock: StoredValue::new(Clock::new(DeviceId(0))),
        lock: StoredValue::new_local(Rc::new(Mutex::new(()))),
        revision: RwSignal::new(0),
        state: RwSignal::new(LoadState::Loading),
        facts_ready: RwSignal::new(false),
    };
    provide_context(data);
    spawn_local(async move {
        if let Err(e) = load(data).await {
            data.state.set(LoadState::Failed(e));
        }
    });
    data
}

pub fn use_data() -> Data {
    expect_context::<Data>()
}
