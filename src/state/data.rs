//! The customer database as the app sees it: loading at start-up, running commands
//! (validated by the core against the record as stored, written, then applied in
//! memory, so memory never shows what storage does not have), undo, erasing, and
//! keeping up with the other tabs of this browser (`platform::tabs`): their writes are
//! read back within moments, and their bulk jobs announced.

use super::error::AppError;
use super::pace::mark;
use crate::platform::locks;
use crate::platform::tabs::{Job, Message, Tabs};
use crate::platform::{self, today};
use crate::storage::{Kind, Storage, StorageError, Written};
use clientele_core::command::{apply, inverse, CommandError, RecordCommand, Validate};
use clientele_core::db::{bucket_of, Db};
use clientele_core::facts::{InteractionFact, OrderFact};
use clientele_core::hlc::{Clock, DeviceId};
use clientele_core::purchases::PurchaseFact;
use clientele_core::segment::saved::SavedSegment;
use clientele_core::{Customer, Hlc, Id, Interaction, Order, Record};
use futures::lock::Mutex;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::rc::Rc;

/// The lock between tabs that a bulk job holds.
const BULK_LOCK: &str = "clientele-bulk";

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
    /// This tab's view of the device's clock; every write takes its stamp from the
    /// stored clock too (`storage::records`), so tabs never repeat a stamp.
    clock: StoredValue<Clock>,
    /// One write at a time in this tab: a change and its update of memory are a unit.
    lock: StoredValue<Rc<Mutex<()>>, LocalStorage>,
    tabs: StoredValue<Option<Rc<Tabs>>, LocalStorage>,
    /// Bumped after every change to the data; views that read the data track it.
    pub revision: RwSignal<u64>,
    pub state: RwSignal<LoadState>,
    /// Order and interaction totals are loaded (after the customers).
    pub facts_ready: RwSignal<bool>,
    /// A bulk job another tab is running, as announced.
    pub elsewhere: RwSignal<Option<Job>>,
    /// Bumped when another tab changed saved segments (or ended a bulk job).
    pub segments_elsewhere: RwSignal<u64>,
}

/// A record type kept in per-customer buckets (orders, interactions).
pub trait HistoryKind: Kind<Slot = u32> + Validate {
    fn set_facts(db: &mut Db, bucket: u32, derived: Self::Derived);
    /// The customer the record belongs to (a bucket holds many customers).
    fn customer(&self) -> Id;
}

impl HistoryKind for Order {
    fn set_facts(
        db: &mut Db,
        bucket: u32,
        (facts, purchases): (Vec<OrderFact>, Vec<PurchaseFact>),
    ) {
        db.set_order_facts(bucket, facts);
        db.set_purchase_facts(bucket, purchases);
    }
    fn customer(&self) -> Id {
        self.customer
    }
}

impl HistoryKind for Interaction {
    fn set_facts(db: &mut Db, bucket: u32, (facts, ()): (Vec<InteractionFact>, ())) {
        db.set_interaction_facts(bucket, facts);
    }
    fn customer(&self) -> Id {
        self.customer
    }
}

/// Ends a bulk job: tells the other tabs, whatever way the job ended.
pub(super) struct Bulk {
    data: Data,
    job: Job,
    _held: locks::Held,
}

impl Drop for Bulk {
    fn drop(&mut self) {
        self.data.post(&Message::Ended(self.job));
    }
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

    pub(super) fn storage(&self) -> Result<Rc<Storage>, AppError> {
        self.storage
            .get_value()
            .ok_or(AppError::Storage(StorageError::Unavailable(
                "not open".into(),
            )))
    }

    /// Takes a stamp for a bulk job that stamps all it writes with one (an import):
    /// from the device's stored clock, so no other tab's write gets it.
    pub(super) async fn reserve_stamp(&self) -> Result<Hlc, AppError> {
        let local = self.clock.with_value(Clock::last);
        let stamp = self
            .storage()?
            .reserve_stamp(local, platform::now_ms())
            .await?;
        self.clock.set_value(Clock::resume(stamp));
        Ok(stamp)
    }

    /// Takes a stamp from elsewhere (a backup) into account: later local stamps
    /// come after it.
    pub(super) fn observe(&self, remote: Hlc) -> Result<(), clientele_core::hlc::ClockError> {
        let now = platform::now_ms();
        self.clock
            .try_update_value(|c| c.observe(remote, now))
            .unwrap_or(Ok(()))
    }

    /// When the data last changed, as far as this tab knows (the device's clock).
    pub fn last_change(&self) -> Option<i64> {
        self.revision.track();
        let millis = self.clock.with_value(Clock::last).millis;
        (millis > 0).then_some(millis)
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

    /// Tells the other tabs.
    pub(super) fn post(&self, m: &Message) {
        if let Some(tabs) = self.tabs.try_get_value().flatten() {
            tabs.post(m);
        }
    }

    /// The one write path of a command, for every kind of record: in one transaction,
    /// the record is read as stored (with what other tabs wrote), the command applied
    /// to it with the device's next stamp, and the slot written back (`Storage::write`).
    /// Returns the undo command and what is now stored; the other tabs are told.
    pub(super) async fn run<T: Kind + Validate>(
        &self,
        slot: T::Slot,
        cmd: RecordCommand<T>,
    ) -> Result<Written<T, Option<RecordCommand<T>>>, AppError> {
        let w = self.run_all(slot, vec![cmd]).await?;
        Ok(Written {
            value: w.value.into_iter().next().flatten(),
            records: w.records,
            derived: w.derived,
            stamp: w.stamp,
        })
    }

    /// `run` for several commands on records of one slot, in one transaction (all
    /// or none), each against the record as stored; their undo commands, in order.
    pub(super) async fn run_all<T: Kind + Validate>(
        &self,
        slot: T::Slot,
        cmds: Vec<RecordCommand<T>>,
    ) -> Result<Written<T, Vec<Option<RecordCommand<T>>>>, AppError> {
        let storage = self.storage()?;
        let today = today();
        let local = self.clock.with_value(Clock::last);
        let written = storage
            .write::<T, _, CommandError>(slot, local, platform::now_ms(), |records, stamp| {
                let mut undo = Vec::with_capacity(cmds.len());
                for cmd in &cmds {
                    let id = cmd.id();
                    let pos = records.iter().position(|r| r.id == id);
                    let current = pos.map(|p| &records[p]);
                    let next = apply(cmd, current, stamp, today)?;
                    undo.push(inverse(cmd, current));
                    match pos {
                        Some(p) => records[p] = next,
                        None => records.push(next),
                    }
                }
                Ok(undo)
            })
            .await??;
        self.clock.set_value(Clock::resume(written.stamp));
        self.post(&Message::Changed {
            store: T::STORE.to_string(),
            slot: slot.to_string(),
        });
        Ok(written)
    }

    /// This tab's lock on writes (a write and its update of memory are one unit).
    pub(super) fn lock_handle(&self) -> Rc<Mutex<()>> {
        self.lock.get_value()
    }

    /// Runs a customer command; returns the command that undoes it.
    pub async fn customer_command(
        &self,
        cmd: RecordCommand<Customer>,
    ) -> Result<Option<RecordCommand<Customer>>, AppError> {
        let lock = self.lock_handle();
        let _guard = lock.lock().await;
        let written = self.run(bucket_of(cmd.id()), cmd).await?;
        self.db.update_value(|db| db.put_stored(written.records));
        self.changed();
        Ok(written.value)
    }

    /// Runs a command on an order or interaction of `customer`; returns its undo.
    pub async fn history_command<T: HistoryKind>(
        &self,
        customer: Id,
        cmd: RecordCommand<T>,
    ) -> Result<Option<RecordCommand<T>>, AppError> {
        let undo = self.history_commands(customer, vec![cmd]).await?;
        Ok(undo.into_iter().next())
    }

    /// Runs commands on orders or interactions of `customer`, all or none; returns
    /// what undoes them, in the order to run it.
    pub async fn history_commands<T: HistoryKind>(
        &self,
        customer: Id,
        cmds: Vec<RecordCommand<T>>,
    ) -> Result<Vec<RecordCommand<T>>, AppError> {
        self.bucket_commands(bucket_of(customer), cmds).await
    }

    /// `history_commands` for the records of any customers of bucket `b`.
    pub async fn bucket_commands<T: HistoryKind>(
        &self,
        b: u32,
        cmds: Vec<RecordCommand<T>>,
    ) -> Result<Vec<RecordCommand<T>>, AppError> {
        let undo = self.bucket_commands_quietly(b, cmds).await?;
        self.changed();
        Ok(undo)
    }

    /// `bucket_commands` for one bucket of a job over many: memory is updated, but the
    /// views (and the analysis) are told only when the caller calls `changed` at the
    /// end, not once per bucket.
    pub(super) async fn bucket_commands_quietly<T: HistoryKind>(
        &self,
        b: u32,
        cmds: Vec<RecordCommand<T>>,
    ) -> Result<Vec<RecordCommand<T>>, AppError> {
        let lock = self.lock_handle();
        let _guard = lock.lock().await;
        let written = self.run_all(b, cmds).await?;
        self.db
            .update_value(|db| T::set_facts(db, b, written.derived));
        Ok(written.value.into_iter().rev().flatten().collect())
    }

    /// Moves an order to another customer with the changes of `edited` (whose
    /// `customer` is the new one): written anew, with a new id, among the other
    /// customer's records, then deleted from the first's (if that fails, the new copy
    /// is deleted again and nothing has changed). Returns what undoes it.
    pub async fn move_order(&self, from: &Record<Order>, edited: Order) -> Result<Moved, AppError> {
        let (was, now) = (from.data.customer, edited.customer);
        let id = platform::new_id();
        self.history_command(now, RecordCommand::Create { id, data: edited })
            .await?;
        if let Err(e) = self
            .history_command(was, RecordCommand::<Order>::Delete { id: from.id })
            .await
        {
            let _ = self
                .history_command(now, RecordCommand::<Order>::Delete { id })
                .await;
            return Err(e);
        }
        Ok(Moved {
            order: from.id,
            was,
            copy: id,
            now,
        })
    }

    /// Undoes a move: the order is back with its first customer, the copy deleted.
    pub async fn undo_move(&self, m: Moved) -> Result<(), AppError> {
        self.history_command(m.was, RecordCommand::<Order>::Restore { id: m.order })
            .await?;
        self.history_command(m.now, RecordCommand::<Order>::Delete { id: m.copy })
            .await?;
        Ok(())
    }

    /// Adds a new order or interaction to `customer`.
    pub async fn add_history<T: HistoryKind>(&self, customer: Id, data: T) -> Result<(), AppError> {
        let cmd = RecordCommand::Create {
            id: platform::new_id(),
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

    /// Starts a bulk job: takes the lock between tabs (or says which job another tab
    /// is running) and announces it; the other tabs read the data again when the
    /// returned guard is dropped, however the job ends.
    pub(super) async fn bulk(&self, job: Job) -> Result<Bulk, AppError> {
        let held = locks::try_take(BULK_LOCK)
            .await
            .ok_or_else(|| AppError::Busy(self.elsewhere.get_untracked()))?;
        self.post(&Message::Started(job));
        Ok(Bulk {
            data: *self,
            job,
            _held: held,
        })
    }

    /// Erases every customer, order and interaction.
    pub async fn erase_all(&self) -> Result<(), AppError> {
        let storage = self.storage()?;
        let _bulk = self.bulk(Job::Erase).await?;
        let lock = self.lock_handle();
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

    /// Reads the whole database from storage again (after a restore, or another
    /// tab's bulk job).
    pub(super) async fn reload(&self) -> Result<(), AppError> {
        let storage = self.storage_handle()?;
        let loaded = storage.load_customers().await?;
        let facts = Facts::read(&storage, loaded.meta.purchases_ready).await?;
        let mut db = Db::load(loaded.customers, vec![], vec![]);
        facts.apply(&mut db);
        self.replace(db);
        Ok(())
    }

    /// Reads back a slot another tab wrote and shows it.
    async fn refresh(&self, store: &str, slot: &str) -> Result<(), AppError> {
        if store == SavedSegment::STORE {
            self.segments_elsewhere.update(|n| *n += 1);
            return Ok(());
        }
        let Ok(b) = slot.parse::<u32>() else {
            return Ok(());
        };
        let storage = self.storage()?;
        let lock = self.lock_handle();
        let _guard = lock.lock().await;
        if store == Customer::STORE {
            let records = storage.read::<Customer>(b).await?;
            self.db.update_value(|db| db.put_stored(records));
        } else if store == Order::STORE {
            let derived = Order::derive(&storage.read::<Order>(b).await?);
            self.db.update_value(|db| Order::set_facts(db, b, derived));
        } else if store == Interaction::STORE {
            let derived = Interaction::derive(&storage.read::<Interaction>(b).await?);
            self.db
                .update_value(|db| Interaction::set_facts(db, b, derived));
        } else {
            return Ok(());
        }
        self.changed();
        Ok(())
    }

    /// What another tab said.
    fn heard(&self, m: Message) {
        let data = *self;
        match m {
            Message::Changed { store, slot } => spawn_local(async move {
                if let Err(e) = data.refresh(&store, &slot).await {
                    web_sys::console::warn_1(&format!("clientele: {e:?}").into());
                }
            }),
            Message::Started(job) => self.elsewhere.set(Some(job)),
            Message::Ended(_) => spawn_local(async move {
                let lock = data.lock_handle();
                let _guard = lock.lock().await;
                if let Err(e) = data.reload().await {
                    web_sys::console::warn_1(&format!("clientele: {e:?}").into());
                }
                data.segments_elsewhere.update(|n| *n += 1);
                data.elsewhere.set(None);
            }),
        }
    }
}

/// An order moved to another customer (`Data::move_order`).
#[derive(Clone, Copy, Debug)]
pub struct Moved {
    /// The order as it was, now deleted, and its customer.
    pub order: Id,
    pub was: Id,
    /// Its copy, and the customer it now belongs to.
    pub copy: Id,
    pub now: Id,
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
        // A demo load was interrupted (tab closed, crash): undo it entirely. Unless
        // another tab is running it now: then its end is announced, and read then.
        if let Some(_held) = locks::try_take(BULK_LOCK).await {
            storage.clear().await?;
            loaded.customers.clear();
        }
    }
    let device = loaded
        .meta
        .clock
        .map(|c| c.device)
        .filter(|d| d.0 != 0)
        .unwrap_or_else(|| DeviceId(u64::from_le_bytes(platform::random_bytes())));
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
        tabs: StoredValue::new_local(None),
        elsewhere: RwSignal::new(None),
        segments_elsewhere: RwSignal::new(0),
    };
    let tabs = Tabs::open(move |m| data.heard(m));
    data.tabs.set_value(Some(Rc::new(tabs)));
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
