//! `clientele rfm` as a user runs it.
#![allow(clippy::unwrap_used)] // a test: an unwrap that fails is a failed test, with its line

mod common;
use common::*;

#[test]
fn scores_a_small_file_exactly() {
    // c1: two days (one with two orders), c2: one refunded and one real order,
    // c3: one old order; a row after the as-of date is ignored.
    let f = file(
        "small",
        "order_id,customer_id,date,amount,status\n\
         1,c1,2026-03-01,100.00,paid\n\
         2,c1,2026-03-01T18:30:00Z,50.5,paid\n\
         3,c1,2026-02-01,20,paid\n\
         4,c2,2026-02-20,999,refunded\n\
         5,c2,2026-01-15,10,Paid\n\
         6,c3,2025-06-01,5,paid\n\
         7,c3,2026-04-01,5,paid\n",
    );
    let out = clientele(&["rfm", "--orders", &f, "--as-of", "2026-03-01"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    // Recency: c1 0 days (best), c2 45, c3 273. Frequency: 2, 1, 1. Monetary: 170.5, 10, 5.
    // Scores by 1 + floor(5 * worse / 3): best of three gets 4, a tie of two worst gets 1.
    assert_eq!(
        text,
        "customer_id,recency_days,frequency,monetary,r,f,m,segment\n\
         c1,0,2,170.50,4,4,4,loyal\n\
         c2,45,1,10.00,2,1,2,hibernating\n\
         c3,273,1,5.00,1,1,1,lost\n"
    );
    let json = clientele(&[
        "rfm",
        "--orders",
        &f,
        "--as-of",
        "2026-03-01",
        "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(v[0]["customer_id"], "c1");
    assert_eq!(v[0]["average"], 56.83);
    assert_eq!(v[2]["segment"], "lost");
}

/// Runs `rfm` on a file with `text` and checks it is refused: exit code 2, nothing
/// printed, and `message` in the error.
fn refused(name: &str, text: &str, message: &str) {
    let f = file(name, text);
    let out = clientele(&["rfm", "--orders", &f, "--as-of", "2026-03-01"]);
    assert_eq!(out.status.code(), Some(2), "{name}");
    assert!(out.stdout.is_empty(), "{name}: no partial output");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains(message), "{name}: {err}");
}

#[test]
fn a_bad_row_names_its_line_and_column_and_prints_nothing() {
    refused(
        "bad",
        "customer_id,date,amount\nc1,2026-01-01,10\nc2,01/02/2026,5\n",
        "line 3, column 'date': '01/02/2026' is not an ISO date",
    );
    refused(
        "amount",
        "customer_id,date,amount\nc1,2026-01-01,ten\n",
        "line 2, column 'amount': 'ten'",
    );
    refused(
        "header",
        "customer,date,total\nc1,2026-01-01,10\n",
        "line 1, column 'customer_id', 'amount': missing from the header",
    );
    refused(
        "ragged",
        "customer_id,date,amount\nc1,2026-01-01\n",
        "line 2",
    );
    refused(
        "empty-id",
        "customer_id,date,amount\n ,2026-01-01,3\n",
        "line 2, column 'customer_id': empty",
    );
}

#[test]
fn demo_orders_are_scored_into_every_segment_kind() {
    let dir = std::env::temp_dir().join(format!("clientele-rfm-demo-{}", std::process::id()));
    let out = clientele(&[
        "demo",
        "--customers",
        "2000",
        "--seed",
        "4",
        "--end",
        "2026-11-24",
        "--out",
        dir.to_str().unwrap(),
    ]);
    assert!(out.status.success());
    let orders = dir.join("orders.csv");
    let out = clientele(&[
        "rfm",
        "--orders",
        orders.to_str().unwrap(),
        "--as-of",
        "2026-11-24",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let rows = text.lines().count() - 1;
    assert!(rows > 1500 && rows < 2000, "buyers only: {rows}");
    let segments: std::collections::HashSet<&str> = text
        .lines()
        .skip(1)
        .map(|l| l.rsplit(',').next().unwrap())
        .collect();
    assert!(
        segments.len() >= 9,
        "demo data spreads over the grid: {segments:?}"
    );
}
