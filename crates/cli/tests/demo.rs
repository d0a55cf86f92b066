//! The `clientele demo` command as a user runs it.
#![allow(clippy::unwrap_used)] // a test: an unwrap that fails is a failed test, with its line

mod common;
use common::*;

#[test]
fn demo_writes_the_same_files_for_the_same_seed() {
    let (a, b) = (fresh("a"), fresh("b"));
    for d in [&a, &b] {
        let out = clientele(&[
            "demo",
            "--customers",
            "200",
            "--seed",
            "3",
            "--end",
            "2026-11-24",
            "--out",
            d.to_str().unwrap(),
        ]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(String::from_utf8_lossy(&out.stdout).contains("wrote 200 customers"));
    }
    for f in [
        "customers.csv",
        "orders.csv",
        "order_items.csv",
        "interactions.csv",
    ] {
        let x = std::fs::read(a.join(f)).unwrap();
        assert_eq!(x, std::fs::read(b.join(f)).unwrap(), "{f} differs");
        assert!(!x.is_empty());
    }
    let customers = std::fs::read_to_string(a.join("customers.csv")).unwrap();
    assert_eq!(customers.lines().count(), 201);
    assert!(customers.contains("Nguyễn"));
    let orders = std::fs::read_to_string(a.join("orders.csv")).unwrap();
    assert!(orders.starts_with("order_id,customer_id,date,amount,"));
    assert!(orders.lines().count() > 500);
}

#[test]
fn bad_arguments_say_what_is_wrong_and_write_nothing() {
    let d = fresh("bad");
    let out = clientele(&["demo", "--customers", "many", "--out", d.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("--customers: 'many' is not a whole number")
    );
    assert!(!d.exists());
    let out = clientele(&["demo", "--customers", "5"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--out is required"));
    let out = clientele(&["frobnicate"]);
    assert_eq!(out.status.code(), Some(2));
}
