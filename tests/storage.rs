//! Browser tests of the storage layer: IndexedDB round trip, schema and versions,
//! transaction atomicity, and error mapping. Run in headless Chromium (see Makefile).
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used)] // a test: an unwrap that fails is a failed test, with its line

use clientele::storage::{Batch, BucketWrite, Edit, Kind, Storage, StorageError, SCHEMA_VERSION};
use clientele_core::command::{apply, RecordCommand};
use clientele_core::db::bucket_of;
use clientele_core::fixtures::stamp;
use clientele_core::hlc::Hlc;
use clientele_core::model::*;
use clientele_core::packed::Packed;
use clientele_core::time::Day;
use clientele_core::{Id, Record};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn customer(n: u8, name: &str) -> Record<Customer> {
    Record::new(
        Id::new_v7(n as u64, [n; 10]),
        Customer {
            display_name: name.into(),
            ..Default::default()
        },
        stamp(n as i64, 7),
    )
}

fn order(c: Id, n: u8, total: i64) -> Record<Order> {
    let data = Order {
        customer: c,
        placed_at: 1_700_000_000_000 + n as i64,
        items: vec![LineItem {
            product: "Cà phê".into(),
            sku: "CF".into(),
            category: "Đồ uống".into(),
            quantity: 1,
            unit_price: total,
        }],
        total,
        ..Default::default()
    };
    Record::new(
        Id::new_v7(n as u64, [n + 100; 10]),
        data,
        stamp(n as i64, 7),
    )
}

/// Puts records into their bucket through the one write path (merged with what is
/// stored); returns the stamp the write took.
async fn put<T: Kind<Slot = u32>>(
    s: &Storage,
    bucket: u32,
    records: &[Record<T>],
    local: Hlc,
) -> Hlc {
    s.merge::<T>(bucket, records.to_vec(), local, local.millis)
        .await
        .expect("written")
        .stamp
}

async fn fresh(name: &str) -> Storage {
    let _ = idb::Factory::new().unwrap().delete(name).unwrap().await;
    Storage::open_named(name).await.expect("opens")
}

#[wasm_bindgen_test]
async fn fresh_database_has_the_current_schema() {
    let s = fresh("t-schema").await;
    let mut names = s.store_names();
    names.sort();
    assert_eq!(
        names,
        [
            "customers",
            "imports",
            "interaction_facts",
            "interactions",
            "meta",
            "order_facts",
            "orders",
            "purchase_facts",
            "segments"
        ]
    );
    let loaded = s.load_customers().await.unwrap();
    assert!(loaded.customers.is_empty());
    assert_eq!(loaded.meta.clock, None);
    assert!(!loaded.meta.bulk_pending);
    assert!(!loaded.meta.purchases_ready);
    // Nothing to derive on a fresh database; afterwards it is marked ready.
    assert!(s.rebuild_purchases().await.unwrap().is_empty());
    assert!(s.meta().await.unwrap().purchases_ready);
}

#[wasm_bindgen_test]
async fn a_v1_database_is_migrated_and_its_purchases_derived() {
    let name = "t-migrate";
    let _ = idb::Factory::new().unwrap().delete(name).unwrap().await;
    // A database as version 1 of the app left it: customers and orders, no
    // purchase facts, no segments store.
    let v1 = Storage::open_at(name, 1).await.expect("opens at v1");
    let mut v1_names = v1.store_names();
    v1_names.sort();
    assert!(!v1_names.contains(&"segments".to_string()));
    let a = customer(1, "An");
    let b = bucket_of(a.id);
    // Version 1 also wrote customers in record format 1 (no `values` field).
    v1.put_raw_customers_v1(b, std::slice::from_ref(&a))
        .await
        .unwrap();
    let o = order(a.id, 3, 150_000);
    // Version 1 wrote orders and their facts only: write the orders store directly.
    v1.put_raw_orders_v1(b, std::slice::from_ref(&o))
        .await
        .unwrap();
    v1.close();

    let s = Storage::open_named(name).await.expect("upgrades");
    assert!(s.store_names().contains(&"segments".to_string()));
    assert_eq!(s.load_customers().await.unwrap().customers, vec![a.clone()]);
    assert!(!s.meta().await.unwrap().purchases_ready);
    let derived = s.rebuild_purchases().await.unwrap();
    assert_eq!(derived.len(), 1);
    assert_eq!(derived[0].1[0].categories, vec!["Đồ uống".to_string()]);
    assert!(s.meta().await.unwrap().purchases_ready);
    assert_eq!(s.load_purchases().await.unwrap(), derived);
    assert_eq!(s.read::<Order>(b).await.unwrap(), vec![o]);

    // Written again by this version, the customer keeps the new field.
    let mut a2 = a.clone();
    a2.write(CustomerField::Values(vec!["Gia đình".into()]), stamp(6, 7));
    put(&s, b, std::slice::from_ref(&a2), stamp(6, 7)).await;
    assert_eq!(s.load_customers().await.unwrap().customers, vec![a2]);
}

#[wasm_bindgen_test]
async fn segments_round_trip_and_fail_atomically() {
    use clientele_core::segment::rules::{Condition, Field, Op, Rule, Value};
    use clientele_core::segment::saved::SavedSegment;
    let s = fresh("t-segments").await;
    let seg = Record::new(
        Id::new_v7(9, [9; 10]),
        SavedSegment {
            name: "Hà Nội".into(),
            rule: Some(Rule::All(vec![Rule::Condition(Condition {
                field: Field::City,
                op: Op::Is,
                value: Value::Text("Hà Nội".into()),
            })])),
            ..Default::default()
        },
        stamp(40, 7),
    );
    let stored = s
        .merge::<SavedSegment>(seg.id, vec![seg.clone()], stamp(40, 7), 40)
        .await
        .unwrap()
        .stamp;
    assert_eq!(
        s.read_all::<SavedSegment>().await.unwrap(),
        vec![seg.clone()]
    );
    let mut renamed = seg.clone();
    renamed.write(
        clientele_core::segment::saved::SavedSegmentField::Name("Changed".into()),
        stamp(41, 7),
    );
    s.fail_next_write();
    assert!(s
        .merge::<SavedSegment>(seg.id, vec![renamed], stamp(41, 7), 41)
        .await
        .is_err());
    assert_eq!(s.read_all::<SavedSegment>().await.unwrap(), vec![seg]);
    assert_eq!(s.meta().await.unwrap().clock, Some(stored));
}

#[wasm_bindgen_test]
async fn customers_orders_and_clock_survive_a_reopen() {
    let s = fresh("t-roundtrip").await;
    let a = customer(1, "Nguyễn Văn An");
    let b = customer(2, "Trần Thị Bình");
    let bucket = bucket_of(a.id);
    put(&s, bucket, std::slice::from_ref(&a), stamp(10, 7)).await;
    put(&s, bucket_of(b.id), std::slice::from_ref(&b), stamp(11, 7)).await;
    let o = order(a.id, 1, 250_000);
    let written = s
        .merge::<Order>(bucket, vec![o.clone()], stamp(12, 7), 12)
        .await
        .unwrap();
    let (facts, purchases) = written.derived;
    assert_eq!(facts.len(), 1);
    assert_eq!(purchases[0].products, vec!["Cà phê".to_string()]);
    s.close();

    let s = Storage::open_named("t-roundtrip").await.unwrap();
    let mut loaded = s.load_customers().await.unwrap();
    loaded.customers.sort_by_key(|c| c.id);
    assert_eq!(loaded.customers, vec![a.clone(), b]);
    assert_eq!(loaded.meta.clock, Some(written.stamp));
    assert_eq!(s.read::<Order>(bucket).await.unwrap(), vec![o]);
    let (order_facts, _) = s.load_facts().await.unwrap();
    assert_eq!(order_facts.len(), 1);
    assert_eq!(order_facts[0].1[0].total, 250_000);
    let stored = s.load_purchases().await.unwrap();
    assert_eq!(stored, vec![(bucket, purchases)], "written with the orders");
}

#[wasm_bindgen_test]
async fn a_failed_change_writes_nothing() {
    let s = fresh("t-atomic").await;
    let a = customer(1, "An");
    let bucket = bucket_of(a.id);
    let first = put(&s, bucket, std::slice::from_ref(&a), stamp(10, 7)).await;

    // The change itself refuses (invalid data): the transaction is aborted.
    let bad = RecordCommand::Create {
        id: Id::new_v7(5, [5; 10]),
        data: Order {
            customer: a.id,
            ..Default::default()
        },
    };
    let refused = s
        .write::<Order, _, _>(bucket, stamp(20, 7), 20, |records, stamp| {
            let next = apply(&bad, None, stamp, Day(20_000))?;
            records.push(next);
            Ok::<(), clientele_core::CommandError>(())
        })
        .await
        .unwrap();
    assert!(
        refused.is_err(),
        "an order with no items and no total is invalid"
    );
    assert!(s.read::<Order>(bucket).await.unwrap().is_empty());

    // A failure after the first put: neither the customers nor the clock change.
    let mut renamed = a.clone();
    renamed.write(CustomerField::DisplayName("Changed".into()), stamp(30, 7));
    s.fail_next_write();
    let err = s
        .merge::<Customer>(bucket, vec![renamed.clone()], stamp(30, 7), 30)
        .await
        .err()
        .expect("failed");
    assert!(matches!(err, StorageError::Failed(_)));
    let loaded = s.load_customers().await.unwrap();
    assert_eq!(loaded.customers, vec![a.clone()]);
    assert_eq!(loaded.meta.clock, Some(first));

    // The same for a bucket of orders, and for a bulk write of all kinds.
    s.fail_next_write();
    let o = order(a.id, 2, 99_000);
    let failed = s.merge::<Order>(bucket, vec![o.clone()], stamp(31, 7), 31);
    assert!(failed.await.is_err());
    assert!(s.read::<Order>(bucket).await.unwrap().is_empty());
    s.fail_next_write();
    let batch = Batch {
        writes: Box::new(std::iter::once(BucketWrite {
            bucket,
            customers: Edit::Merge(Packed::of(&[renamed])),
            orders: Edit::append(Packed::of(&[o])),
            interactions: Edit::Keep,
        })),
        entry: None,
        segments: Vec::new(),
        clear: false,
    };
    assert!(s
        .write_batch(batch, stamp(32, 7), &|_, _| true)
        .await
        .is_err());
    assert_eq!(s.load_customers().await.unwrap().customers, vec![a]);
    assert!(s.read::<Order>(bucket).await.unwrap().is_empty());
}

#[wasm_bindgen_test]
async fn a_database_from_a_newer_version_is_refused_untouched() {
    let name = "t-newer";
    let factory = idb::Factory::new().unwrap();
    let _ = factory.delete(name).unwrap().await;
    // Made by a future Clientele with one more schema version.
    let mut req = factory.open(name, Some(SCHEMA_VERSION + 1)).unwrap();
    req.on_upgrade_needed(|e| {
        use idb::DatabaseEvent;
        e.database()
            .unwrap()
            .create_object_store("future", idb::ObjectStoreParams::new())
            .unwrap();
    });
    let db = req.await.unwrap();
    db.close();
    let err = Storage::open_named(name).await.err().expect("refused");
    assert!(matches!(err, StorageError::NewerVersion { .. }), "{err:?}");
    let db = factory.open(name, None).unwrap().await.unwrap();
    assert_eq!(db.version().unwrap(), SCHEMA_VERSION + 1);
    assert_eq!(db.store_names(), vec!["future".to_string()]);
}

#[wasm_bindgen_test]
async fn reopening_the_current_version_keeps_the_data() {
    // Schema version 1 is the first: the only earlier state is "no database", covered
    // by `fresh_database_has_the_current_schema`. Reopening must not re-run steps.
    let s = fresh("t-reopen").await;
    let a = customer(3, "Lê Cường");
    put(&s, bucket_of(a.id), std::slice::from_ref(&a), stamp(1, 7)).await;
    s.close();
    let s = Storage::open_named("t-reopen").await.unwrap();
    assert_eq!(s.load_customers().await.unwrap().customers, vec![a]);
}

#[wasm_bindgen_test]
fn quota_errors_are_recognised() {
    let dom =
        web_sys::DomException::new_with_message_and_name("full", "QuotaExceededError").unwrap();
    assert_eq!(
        StorageError::from(idb::Error::DomException(dom)),
        StorageError::QuotaExceeded
    );
}

#[wasm_bindgen_test]
async fn damaged_bytes_are_reported_not_panicked_on() {
    let s = fresh("t-damaged").await;
    let a = customer(1, "An");
    put(&s, bucket_of(a.id), &[a], stamp(1, 7)).await;
    s.close();
    // Overwrite the bucket with garbage through the raw API.
    let db = idb::Factory::new()
        .unwrap()
        .open("t-damaged", None)
        .unwrap()
        .await
        .unwrap();
    let tx = db
        .transaction(&["customers"], idb::TransactionMode::ReadWrite)
        .unwrap();
    let garbage: wasm_bindgen::JsValue = js_sys::Uint8Array::from(&[1u8, 255, 255, 255][..]).into();
    tx.object_store("customers")
        .unwrap()
        .put(&garbage, Some(&wasm_bindgen::JsValue::from(0u32)))
        .unwrap();
    tx.await.unwrap();
    db.close();
    let s = Storage::open_named("t-damaged").await.unwrap();
    let err = s.load_customers().await.err().expect("damaged");
    assert!(matches!(err, StorageError::Damaged(_)), "{err:?}");
}

/// Runs a customer command as the app does: applied to the record as stored.
async fn run(
    s: &Storage,
    b: u32,
    cmd: RecordCommand<Customer>,
) -> clientele::storage::Written<Customer, ()> {
    let local = clientele_core::fixtures::stamp(5, 7);
    s.write::<Customer, _, clientele_core::CommandError>(b, local, 5, move |records, stamp| {
        let pos = records.iter().position(|r| r.id == cmd.id());
        let next = apply(&cmd, pos.map(|p| &records[p]), stamp, Day(20_000))?;
        match pos {
            Some(p) => records[p] = next,
            None => records.push(next),
        }
        Ok(())
    })
    .await
    .expect("stored")
    .expect("applied")
}

/// Bug: each tab wrote a customer's whole bucket from its own copy in memory, so the
/// same customer edited in two tabs (a different field in each) lost the first edit,
/// and two tabs' new customers in one bucket lost one of them. Two handles on one
/// database stand for two tabs; their writes run at the same time.
#[wasm_bindgen_test]
async fn two_tabs_writing_at_once_keep_each_others_changes() {
    let name = "t-two-tabs";
    let one = fresh(name).await;
    let two = Storage::open_named(name).await.expect("second handle");
    let a = customer(1, "An");
    let b = bucket_of(a.id);
    put(&one, b, std::slice::from_ref(&a), stamp(1, 7)).await;
    // Both tabs have the customer as it was; each changes one field.
    let edit = |field: CustomerField| RecordCommand::Update {
        id: a.id,
        changes: vec![field],
    };
    // A new customer in the same bucket from each tab too.
    let mut in_bucket = (1000u64..).map(|n| Id::new_v7(n, [(n % 251) as u8; 10]));
    let mut next_id = || in_bucket.find(|id| bucket_of(*id) == b).expect("an id");
    let (mut c1, mut c2) = (customer(2, "Bình"), customer(3, "Cường"));
    c1.id = next_id();
    c2.id = next_id();
    let (x, y, p, q) = futures::join!(
        run(&one, b, edit(CustomerField::Notes("from tab one".into()))),
        run(&two, b, edit(CustomerField::Occupation("Giáo viên".into()))),
        one.merge::<Customer>(b, vec![c1.clone()], stamp(5, 7), 5),
        two.merge::<Customer>(b, vec![c2.clone()], stamp(5, 7), 5),
    );
    let (x, y) = (x, y);
    let (p, q) = (p.unwrap(), q.unwrap());
    // One device, one clock: no two writes carry the same stamp.
    let mut stamps = vec![x.stamp, y.stamp, p.stamp, q.stamp];
    stamps.sort();
    stamps.dedup();
    assert_eq!(stamps.len(), 4, "{stamps:?}");
    for s in [&one, &two] {
        let stored = s.read::<Customer>(b).await.unwrap();
        let an = stored.iter().find(|r| r.id == a.id).expect("An kept");
        assert_eq!(an.data.notes, "from tab one");
        assert_eq!(an.data.occupation, "Giáo viên");
        assert!(
            stored.iter().any(|r| r.id == c1.id),
            "tab one's new customer"
        );
        assert!(
            stored.iter().any(|r| r.id == c2.id),
            "tab two's new customer"
        );
    }
    let clock = one.meta().await.unwrap().clock.expect("clock stored");
    assert_eq!(
        clock,
        *stamps.last().unwrap(),
        "the stored clock is the last stamp"
    );
}

/// Bug: creating a record that already exists said "This record no longer exists."
#[wasm_bindgen_test]
fn creating_a_record_twice_says_it_exists() {
    use clientele::i18n::strings;
    use clientele::state::AppError;
    use clientele_core::format::Locale;
    for l in [Locale::En, Locale::Vi] {
        let t = strings(l);
        let said = AppError::from(clientele_core::CommandError::AlreadyExists).message(t);
        assert_eq!(said, t.err_exists);
        assert_ne!(said, t.err_not_found);
    }
}
