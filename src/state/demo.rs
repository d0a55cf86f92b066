//! Loading demo data into the browser: generated in WASM bucket by bucket and written
//! one bucket per transaction through the batch write path (merged with what is
//! stored), yielding between buckets so the page stays responsive.
//! A marker in storage says a load is under way: if the tab dies midway, the next
//! start erases the partial load, so there is never half a data set.

use super::data::Data;
use super::error::AppError;
use crate::platform::{self, tabs::Job};
use crate::storage::{Batch, BucketWrite, Edit};
use clientele_core::backup::merge_records;
use clientele_core::db::{bucket_of, Db, BUCKETS};
use clientele_core::demo::{self, DemoConfig};
use clientele_core::facts::{InteractionFact, OrderFact};
use clientele_core::purchases::PurchaseFact;
use clientele_core::{Customer, Interaction, Order, Record};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct DemoProgress {
    pub done: u32,
    pub total: u32,
}

/// Lets the browser paint and handle input before going on.
pub async fn yield_now() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ =
                w.set_timeout_with_callback_and_timeout_and_arguments_0(resolve.unchecked_ref(), 0);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Replaces all data with `customers` generated demo customers and their history.
pub async fn load_demo(
    data: Data,
    customers: usize,
    seed: u64,
    progress: RwSignal<Option<DemoProgress>>,
) -> Result<(), AppError> {
    let storage = data.storage_handle()?;
    let _bulk = data.bulk(Job::Demo).await?;
    let lock = data.lock_handle();
    let _guard = lock.lock().await;
    let total = BUCKETS + 1;
    progress.set(Some(DemoProgress { done: 0, total }));
    let started = platform::now_ms();
    storage.clear().await?;
    storage.set_bulk_pending(true).await?;
    let clock = data.reserve_stamp().await?;
    let end = platform::today();
    let cfg = DemoConfig {
        customers,
        seed,
        end,
    };
    let mut by_bucket: Vec<Vec<(usize, Record<Customer>)>> =
        (0..BUCKETS).map(|_| Vec::new()).collect();
    for i in 0..customers {
        let c = demo::customer(&cfg, i);
        by_bucket[bucket_of(c.id) as usize].push((i, c));
        if i % 5000 == 4999 {
            yield_now().await;
        }
    }
    progress.set(Some(DemoProgress { done: 1, total }));
    let mut all_customers = Vec::with_capacity(customers);
    let mut order_facts: Vec<(u32, Vec<OrderFact>)> = Vec::with_capacity(BUCKETS as usize);
    let mut interaction_facts: Vec<(u32, Vec<InteractionFact>)> =
        Vec::with_capacity(BUCKETS as usize);
    let mut purchases: Vec<(u32, Vec<PurchaseFact>)> = Vec::with_capacity(BUCKETS as usize);
    for (b, members) in by_bucket.into_iter().enumerate() {
        let mut orders: Vec<Record<Order>> = Vec::new();
        let mut interactions: Vec<Record<Interaction>> = Vec::new();
        for (i, c) in &members {
            let (o, it) = demo::history(&cfg, *i, c);
            orders.extend(o);
            interactions.extend(it);
        }
        let cs: Vec<Record<Customer>> = members.into_iter().map(|(_, c)| c).collect();
        // Through the batch write path, merged with the bucket as stored: a record
        // another tab saved meanwhile is kept (and shown).
        // (Handed over as they are: no encoding round trip for a million orders.)
        let write = BucketWrite {
            bucket: b as u32,
            customers: Edit::With(Box::new(move |stored| {
                merge_records(stored, cs);
            })),
            orders: Edit::With(Box::new(move |stored| stored.extend(orders))),
            interactions: Edit::With(Box::new(move |stored| stored.extend(interactions))),
        };
        let batch = Batch {
            writes: Box::new(std::iter::once(write)),
            entry: None,
            segments: Vec::new(),
            clear: false,
        };
        let committed = match storage.write_batch(batch, clock, &|_, _| true).await {
            Ok(c) => c,
            Err(e) => {
                // Leave nothing half-written.
                let _ = storage.clear().await;
                data.replace(Db::new());
                progress.set(None);
                return Err(e.into());
            }
        };
        for written in committed.buckets {
            let b = written.bucket;
            all_customers.extend(written.customers.unwrap_or_default());
            if let Some((facts, bought)) = written.orders {
                order_facts.push((b, facts));
                purchases.push((b, bought));
            }
            if let Some(facts) = written.interactions {
                interaction_facts.push((b, facts));
            }
        }
        progress.set(Some(DemoProgress {
            done: b as u32 + 2,
            total,
        }));
        yield_now().await;
    }
    storage.set_bulk_pending(false).await?;
    let mut db = Db::load(all_customers, order_facts, interaction_facts);
    db.load_purchases(purchases);
    data.replace(db);
    progress.set(None);
    web_sys::console::log_1(
        &format!(
            "clientele: demo data stored in {} ms",
            platform::now_ms() - started
        )
        .into(),
    );
    super::pace::mark("clientele:demo-stored");
    Ok(())
}
