//! Every CSV the project writes on the command line imports back as the app reads it:
//! the right kind of file guessed, every column mapped, no row refused.
//! Bug fixed here: `demo`'s customers.csv was taken for an orders file (its
//! `created_at` and `channel` columns outvoted the rest) and 10 of its 21 columns
//! were ignored; order_items.csv named no customer; interactions.csv had an id
//! column nothing reads and channels the importer did not know.
#![allow(clippy::unwrap_used)] // a test: an unwrap that fails is a failed test, with its line

mod common;
use common::*;

use clientele_core::db::Db;
use clientele_core::import::cells::Reading;
use clientele_core::import::file::read_all;
use clientele_core::import::mapping::{FileKind, Mapping, Target};
use clientele_core::import::plan::{analyse, Importer, Plan, Settings};
use clientele_core::model::Currency;
use clientele_core::time::Day;

/// Runs `clientele`, which must succeed.
fn done(args: &[&str]) -> std::process::Output {
    let out = clientele(args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// Reads `csv` as the app's Import page does, against `db`; checks the kind and that
/// every column is mapped; returns the plan.
fn import(db: &Db, name: &str, csv: &[u8], kind: FileKind) -> Plan {
    let (header, rows) = read_all(csv).unwrap();
    assert_eq!(FileKind::guess(&header), kind, "{name}: {header:?}");
    let mapping = Mapping::guess(&header, kind);
    for (h, t) in header.iter().zip(&mapping.columns) {
        assert_ne!(*t, Target::Ignore, "{name}: column {h} is not mapped");
    }
    let (_, marks) = analyse(&mapping, &rows);
    let now = 1_795_000_000_000;
    let reading = Reading {
        date_order: None,
        offset_minutes: 7 * 60,
        currency: Currency::default(),
        today: Day::of_millis(now),
    };
    let mut importer =
        Importer::new(db, &mapping, marks, Settings::checking(reading, now)).unwrap();
    for r in rows {
        importer.row(db, r);
    }
    let plan = importer.finish(db);
    assert!(
        plan.problems.is_empty(),
        "{name}: {:?}",
        &plan.problems[..plan.problems.len().min(3)]
    );
    assert!(plan.counts.records > 0, "{name}: no rows");
    plan
}

#[test]
fn every_file_the_command_line_writes_imports_back() {
    let d = dir("round-trip");
    clientele(&[
        "demo",
        "--customers",
        "300",
        "--seed",
        "3",
        "--end",
        "2026-11-24",
        "--out",
        d.to_str().unwrap(),
    ]);
    let empty = Db::new();
    let customers = import(
        &empty,
        "customers.csv",
        &std::fs::read(d.join("customers.csv")).unwrap(),
        FileKind::Customers,
    );
    assert_eq!(customers.counts.new, 300);
    // Every profile field the demo writes arrives: income, values, acquisition...
    let made: Vec<_> = customers.customers().map(|(r, _)| r).collect();
    assert!(made.iter().any(|r| r.data.income.is_some()));
    assert!(made.iter().any(|r| !r.data.values.is_empty()));
    assert!(made.iter().any(|r| r.data.channel.is_some()));
    assert!(made
        .iter()
        .any(|r| r.data.birthday.is_some() && r.data.gender.is_some()));
    assert!(made
        .iter()
        .any(|r| r.data.kind == clientele_core::model::PartyKind::Organisation));
    let mut db = Db::new();
    db.put_customers(made);

    let orders = import(
        &db,
        "orders.csv",
        &std::fs::read(d.join("orders.csv")).unwrap(),
        FileKind::Orders,
    );
    assert_eq!(
        orders.counts.new_customers, 0,
        "every order finds its customer"
    );
    let items = import(
        &db,
        "order_items.csv",
        &std::fs::read(d.join("order_items.csv")).unwrap(),
        FileKind::Orders,
    );
    assert_eq!(
        items.counts.new, orders.counts.new,
        "the line items group into the same orders"
    );
    let interactions = import(
        &db,
        "interactions.csv",
        &std::fs::read(d.join("interactions.csv")).unwrap(),
        FileKind::Interactions,
    );
    assert_eq!(interactions.counts.new_customers, 0);

    // What rfm and segment print, into the data they were computed from: every
    // customer found, the computed columns recognised and not imported.
    let orders_file = d.join("orders.csv");
    let rfm = done(&[
        "rfm",
        "--orders",
        orders_file.to_str().unwrap(),
        "--as-of",
        "2026-11-24",
    ]);
    let plan = import(&db, "rfm output", &rfm.stdout, FileKind::Customers);
    assert_eq!((plan.counts.new, plan.counts.not_found), (0, 0));
    let rules = d.join("rules.json");
    std::fs::write(
        &rules,
        r#"{"all": [{"field": "total_spent", "op": ">", "value": 0}]}"#,
    )
    .unwrap();
    let segment = done(&[
        "segment",
        "--orders",
        orders_file.to_str().unwrap(),
        "--customers",
        d.join("customers.csv").to_str().unwrap(),
        "--items",
        d.join("order_items.csv").to_str().unwrap(),
        "--rules",
        rules.to_str().unwrap(),
        "--as-of",
        "2026-11-24",
    ]);
    let plan = import(&db, "segment output", &segment.stdout, FileKind::Customers);
    assert_eq!((plan.counts.new, plan.counts.not_found), (0, 0));
    let _ = std::fs::remove_dir_all(&d);
}
