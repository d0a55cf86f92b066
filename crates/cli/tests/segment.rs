//! `clientele segment` as a user runs it.
#![allow(clippy::unwrap_used)] // a test: an unwrap that fails is a failed test, with its line

mod common;
use common::*;

use std::collections::BTreeMap;
use std::path::PathBuf;

const CUSTOMERS: &str = "\
customer_id,kind,display_name,city,country,birthday,gender,tags,values
hn-zed,Person,Zed Nguyễn,Hà Nội,VN,1980-05-01,Male,VIP,Gia đình;Chất lượng
hn-amy,Person,Amy Trần,Ha Noi,VN,2000-01-01,Female,,
hn-recent,Person,Recent Lê,Hà Nội,VN,,,VIP;new,
hn-refund,Person,Refund Phạm,Hà Nội,VN,1999-02-02,Male,,
hue-big,Person,Huế Big,Huế,VN,1970-01-01,Female,VIP,gia dinh
hn-prospect,Person,Prospect Võ,Hà Nội,VN,1990-01-01,Female,VIP,
hn-edge,Person,Edge Đỗ,Hà Nội,VN,,Other,,
";

// As of 2026-03-01: hn-zed last bought 120 days ago, hn-amy 200, hn-recent 30.
const ORDERS: &str = "\
order_id,customer_id,date,amount,status,channel,store
o1,hn-zed,2025-10-01,1500000,Paid,InStore,Cửa hàng Hoàn Kiếm
o2,hn-zed,2025-11-01T10:00:00Z,1000000,Paid,Online,Website
o3,hn-amy,2025-08-13,3000000,Pending,Phone,Hotline
o4,hn-recent,2026-01-30,2500000,Paid,Online,Website
o5,hn-refund,2025-06-01,1500000,Paid,InStore,Cửa hàng Hoàn Kiếm
o6,hn-refund,2025-06-02,1000000,Refunded,InStore,Cửa hàng Hoàn Kiếm
o7,hue-big,2025-11-21,5000000,Paid,InStore,Cửa hàng Huế
o8,orders-only,2024-01-01,9000000,Paid,Marketplace,Shopee
o9,hn-edge,2025-01-01,2000000,Paid,InStore,Cửa hàng Hoàn Kiếm
";

const ITEMS: &str = "\
order_id,sku,product,category,quantity,unit_price
o1,GD-001,Giày thể thao,Giày dép,1,1500000
o2,SA-001,Truyện tranh,Sách,2,500000
o3,SA-002,Sách nấu ăn,Sách,1,3000000
o6,GD-001,Giày thể thao,Giày dép,1,1000000
o7,TT-001,Áo dài,Thời trang,1,5000000
";

/// The small shop's files: (orders, customers, items).
fn shop(name: &str) -> (PathBuf, [String; 3]) {
    let d = dir(name);
    let files = [
        file_in(&d, "orders.csv", ORDERS),
        file_in(&d, "customers.csv", CUSTOMERS),
        file_in(&d, "order_items.csv", ITEMS),
    ];
    (d, files)
}

/// Runs `segment` with `rule` over the small shop (`items`: with the items file) and
/// returns the member ids, checking it succeeded.
fn members(name: &str, rule: &str, items: bool, format: &str) -> Vec<String> {
    let (d, [orders, customers, item_file]) = shop(name);
    let rules = file_in(&d, "rules.json", rule);
    let mut args = vec![
        "segment",
        "--orders",
        &orders,
        "--customers",
        &customers,
        "--rules",
        &rules,
        "--as-of",
        "2026-03-01",
        "--format",
        format,
    ];
    if items {
        args.extend(["--items", item_file.as_str()]);
    }
    let out = clientele(&args);
    assert!(
        out.status.success(),
        "{name}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    ids(&out.stdout, format)
}

fn ids(stdout: &[u8], format: &str) -> Vec<String> {
    if format == "json" {
        let v: serde_json::Value = serde_json::from_slice(stdout).unwrap();
        return v
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["customer_id"].as_str().unwrap().to_string())
            .collect();
    }
    let mut r = csv::Reader::from_reader(stdout);
    assert_eq!(&r.headers().unwrap()[0], "customer_id");
    r.records().map(|row| row.unwrap()[0].to_string()).collect()
}

const ISSUE_RULE: &str = r#"{ "all": [
    { "field": "city", "op": "is", "value": "Hà Nội" },
    { "field": "total_spent", "op": ">", "value": 2000000 },
    { "field": "days_since_last_order", "op": ">", "value": 90 }
] }"#;

#[test]
fn the_issue_example_gives_exactly_its_members() {
    // hn-zed (2.5M, 120 days) and hn-amy ("Ha Noi", 3M pending, 200 days) belong;
    // hn-recent bought 30 days ago, hn-refund's refund does not count, hn-edge spent
    // exactly 2M, hue-big lives in Huế, orders-only has no city, hn-prospect no orders.
    // Sorted by id, not by file order.
    assert_eq!(
        members("issue", ISSUE_RULE, false, "csv"),
        ["hn-amy", "hn-zed"]
    );
    assert_eq!(
        members("issue-json", ISSUE_RULE, false, "json"),
        ["hn-amy", "hn-zed"]
    );

    let (d, [orders, customers, _]) = shop("issue-rows");
    let rules = file_in(&d, "rules.json", ISSUE_RULE);
    let out = clientele(&[
        "segment",
        "--orders",
        &orders,
        "--customers",
        &customers,
        "--rules",
        &rules,
        "--as-of",
        "2026-03-01",
    ]);
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(
        lines[0],
        "customer_id,name,email,phone,city,country,tags,orders,total_spent,currency,last_order,recency_days,frequency,monetary,r,f,m,segment,stage"
    );
    assert!(lines[1]
        .starts_with("hn-amy,Amy Trần,,,Ha Noi,VN,,1,3000000,VND,2025-08-13,200,1,3000000,"));
    assert!(lines[2]
        .starts_with("hn-zed,Zed Nguyễn,,,Hà Nội,VN,VIP,2,2500000,VND,2025-11-01,120,2,2500000,"));
    // Scores and segments agree with `clientele rfm` over the same orders.
    let rfm = clientele(&["rfm", "--orders", &orders, "--as-of", "2026-03-01"]);
    let rfm = String::from_utf8(rfm.stdout).unwrap();
    for line in &lines[1..] {
        let cells: Vec<&str> = line.split(',').collect();
        let reference = rfm
            .lines()
            .find(|l| l.starts_with(&format!("{},", cells[0])))
            .unwrap();
        let r: Vec<&str> = reference.split(',').collect();
        assert_eq!(cells[14..18], r[4..8], "{line} / {reference}");
        assert!(!cells[18].is_empty(), "a stage");
    }
    let json = clientele(&[
        "segment",
        "--orders",
        &orders,
        "--customers",
        &customers,
        "--rules",
        &rules,
        "--as-of",
        "2026-03-01",
        "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(v[1]["name"], "Zed Nguyễn");
    assert_eq!(v[1]["orders"], 2);
    assert_eq!(v[1]["total_spent"], 2_500_000);
    assert_eq!(v[1]["recency_days"], 120);
    assert_eq!(v[1]["segment"], "loyal");
}

#[test]
fn nested_any_and_all_groups() {
    // Either in Huế with an order, or VIP and (female or under 30).
    let rule = r#"{ "any": [
        { "all": [ { "field": "city", "op": "is", "value": "hue" },
                   { "field": "orders", "op": ">=", "value": 1 } ] },
        { "all": [ { "field": "tags", "op": "has", "value": "vip" },
                   { "any": [ { "field": "gender", "op": "is", "value": "female" },
                              { "field": "age", "op": "<", "value": 30 } ] } ] }
    ] }"#;
    // hn-prospect (VIP, female, no orders) and hue-big; hn-zed is a VIP man of 45,
    // hn-recent a VIP with neither gender nor birthday, hn-amy (26) is not a VIP.
    assert_eq!(
        members("nested", rule, false, "csv"),
        ["hn-prospect", "hue-big"]
    );
    let none_of = r#"{ "all": [ { "field": "orders", "op": "is", "value": 0 },
                               { "field": "stage", "op": "is", "value": "prospect" } ] }"#;
    assert_eq!(members("prospects", none_of, false, "csv"), ["hn-prospect"]);
    // Psychographic values, without regard to case or diacritics.
    let values = r#"{ "all": [ { "field": "values", "op": "has", "value": "Gia Đình" } ] }"#;
    assert_eq!(
        members("values", values, false, "csv"),
        ["hn-zed", "hue-big"]
    );
}

#[test]
fn product_category_sku_store_and_channel_rules() {
    let category = r#"{ "field": "category", "op": "has", "value": "sach" }"#;
    assert_eq!(
        members("category", category, true, "csv"),
        ["hn-amy", "hn-zed"]
    );
    // hn-refund's shoes were on the refunded order.
    let product = r#"{ "all": [ { "field": "product", "op": "has", "value": "Giày Thể Thao" } ] }"#;
    assert_eq!(members("product", product, true, "csv"), ["hn-zed"]);
    let sku = r#"{ "field": "sku", "op": "any_of", "value": ["TT-001", "SA-002"] }"#;
    assert_eq!(members("sku", sku, true, "json"), ["hn-amy", "hue-big"]);
    let not_bought = r#"{ "all": [ { "field": "category", "op": "has_not", "value": "Sách" },
                                  { "field": "orders", "op": ">", "value": 0 } ] }"#;
    assert_eq!(
        members("has-not", not_bought, true, "csv"),
        [
            "hn-edge",
            "hn-recent",
            "hn-refund",
            "hue-big",
            "orders-only"
        ]
    );
    // Stores and sales channels come from the orders file itself.
    let store = r#"{ "field": "store", "op": "has", "value": "website" }"#;
    assert_eq!(
        members("store", store, false, "csv"),
        ["hn-recent", "hn-zed"]
    );
    let channel =
        r#"{ "field": "sales_channel", "op": "any_of", "value": ["phone", "marketplace"] }"#;
    assert_eq!(
        members("channel", channel, false, "csv"),
        ["hn-amy", "orders-only"]
    );
}

/// Runs `segment` with extra `args` and checks it is refused: exit code 2, nothing
/// printed, and `message` in the error.
fn refused(name: &str, args: &[&str], message: &str) {
    let mut all = vec!["segment", "--as-of", "2026-03-01"];
    all.extend(args);
    let out = clientele(&all);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{name}: {err}");
    assert!(out.stdout.is_empty(), "{name}: no partial output");
    assert!(err.contains(message), "{name}: {err}");
}

#[test]
fn bad_rules_are_refused_with_their_place() {
    let (d, [orders, customers, _]) = shop("bad-rules");
    let unknown = file_in(
        &d,
        "unknown.json",
        r#"{ "all": [ { "field": "city", "op": "is", "value": "Huế" },
                      { "any": [ { "field": "cty", "op": "is", "value": "Huế" } ] } ] }"#,
    );
    refused(
        "unknown field",
        &[
            "--orders",
            &orders,
            "--customers",
            &customers,
            "--rules",
            &unknown,
        ],
        "unknown.json: rule 2.1: unknown field 'cty'",
    );
    let wrong_op = file_in(
        &d,
        "op.json",
        r#"{ "all": [ { "field": "city", "op": "is", "value": "Huế" },
                      { "field": "orders", "op": "contains", "value": "3" } ] }"#,
    );
    refused(
        "operator for field",
        &[
            "--orders",
            &orders,
            "--customers",
            &customers,
            "--rules",
            &wrong_op,
        ],
        "op.json: rule 2: operator 'contains' does not apply to field 'orders'",
    );
    let syntax = file_in(
        &d,
        "syntax.json",
        "{ \"all\": [\n  { \"field\": \"city\", \"op\": \"is\" \"value\": \"Huế\" } ] }",
    );
    refused(
        "bad JSON",
        &["--orders", &orders, "--rules", &syntax],
        "syntax.json: line 2, column 33: expected `,` or `}`",
    );
    refused(
        "missing rules file",
        &[
            "--orders",
            &orders,
            "--rules",
            d.join("none.json").to_str().unwrap(),
        ],
        "cannot read",
    );
}

#[test]
fn bad_files_and_missing_data_are_refused() {
    let (d, [orders, customers, items]) = shop("bad-files");
    let rules = file_in(&d, "rules.json", ISSUE_RULE);
    let bad_date = file_in(
        &d,
        "bad-date.csv",
        "customer_id,date,amount\nc1,2026-01-01,10\nc2,01/02/2026,5\n",
    );
    refused(
        "bad date",
        &[
            "--orders",
            &bad_date,
            "--customers",
            &customers,
            "--rules",
            &rules,
        ],
        "bad-date.csv: line 3, column 'date': '01/02/2026' is not an ISO date",
    );
    let product = file_in(
        &d,
        "product.json",
        r#"{ "all": [ { "field": "orders", "op": ">", "value": 0 },
        { "field": "product", "op": "has", "value": "Áo dài" } ] }"#,
    );
    refused(
        "product without items",
        &["--orders", &orders, "--rules", &product],
        "product.json: rule 2: field 'product' needs order items: give --items FILE",
    );
    refused(
        "city without customers",
        &["--orders", &orders, "--rules", &rules],
        "rules.json: rule 1: field 'city' needs customer profiles: give --customers FILE with a 'city' column",
    );
    let no_order_id = file_in(
        &d,
        "no-order-id.csv",
        "customer_id,date,amount\nc1,2026-01-01,10\n",
    );
    refused(
        "items without order ids",
        &[
            "--orders",
            &no_order_id,
            "--items",
            &items,
            "--rules",
            &product,
        ],
        "no-order-id.csv: line 1, column 'order_id': missing from the header",
    );
    let stray = file_in(&d, "stray.csv", "order_id,product\no1,Áo\nzz,Giày\n");
    refused(
        "item of no order",
        &["--orders", &orders, "--items", &stray, "--rules", &product],
        "stray.csv: line 3, column 'order_id': 'zz' is not an order in",
    );
    let gender = file_in(&d, "gender.csv", "customer_id,gender\nc1,Female\nc2,Nam\n");
    refused(
        "bad gender",
        &[
            "--orders",
            &orders,
            "--customers",
            &gender,
            "--rules",
            &rules,
        ],
        "gender.csv: line 3, column 'gender': 'Nam' is not one of: female, male, other",
    );
    let twice = file_in(&d, "twice.csv", "customer_id,city\nc1,Huế\nc1,Huế\n");
    refused(
        "duplicate customer",
        &[
            "--orders",
            &orders,
            "--customers",
            &twice,
            "--rules",
            &rules,
        ],
        "twice.csv: line 3, column 'customer_id': 'c1' is already on line 2",
    );
    // The files are read by the core's reader (the app's): a row short of a value is
    // refused at its line (the csv crate's reader did so before).
    let short = file_in(&d, "short.csv", "customer_id,city\nc1,Huế\nc2\n");
    refused(
        "a short row",
        &[
            "--orders",
            &orders,
            "--customers",
            &short,
            "--rules",
            &rules,
        ],
        "short.csv: line 3, column '-': 1 values, but the header has 2 columns",
    );
    let no_city = file_in(&d, "no-city.csv", "customer_id,gender\nc1,Female\n");
    refused(
        "customers without the column",
        &[
            "--orders",
            &orders,
            "--customers",
            &no_city,
            "--rules",
            &rules,
        ],
        "rules.json: rule 1: field 'city' needs a 'city' column in",
    );
    let usd = file_in(
        &d,
        "usd.csv",
        "customer_id,date,amount,currency\nc1,2026-01-01,10.505,USD\n",
    );
    refused(
        "amount precision",
        &["--orders", &usd, "--rules", &rules],
        "usd.csv: line 2, column 'amount': '10.505' is not an amount in USD",
    );
}

#[test]
fn demo_customers_with_three_orders_match_an_independent_count() {
    let d = dir("demo");
    let out = clientele(&[
        "demo",
        "--customers",
        "300",
        "--seed",
        "3",
        "--out",
        d.to_str().unwrap(),
    ]);
    assert!(out.status.success());
    // Counting orders per customer, straight from orders.csv.
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    let mut r = csv::Reader::from_path(d.join("orders.csv")).unwrap();
    let h = r.headers().unwrap().clone();
    let col = |name: &str| h.iter().position(|x| x == name).unwrap();
    let (ci, si) = (col("customer_id"), col("status"));
    for row in r.records() {
        let row = row.unwrap();
        if matches!(&row[si], "Paid" | "Pending") {
            *counts.entry(row[ci].to_string()).or_default() += 1;
        }
    }
    let expected: Vec<String> = counts
        .into_iter()
        .filter(|(_, n)| *n >= 3)
        .map(|(c, _)| c)
        .collect();
    assert!(
        expected.len() > 20 && expected.len() < 300,
        "a real selection: {}",
        expected.len()
    );
    let rules = file_in(
        &d,
        "rules.json",
        r#"{"field": "orders", "op": ">=", "value": 3}"#,
    );
    let path = |f: &str| d.join(f).to_str().unwrap().to_string();
    for format in ["csv", "json"] {
        let out = clientele(&[
            "segment",
            "--orders",
            &path("orders.csv"),
            "--customers",
            &path("customers.csv"),
            "--items",
            &path("order_items.csv"),
            "--rules",
            &rules,
            "--format",
            format,
        ]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(ids(&out.stdout, format), expected, "{format}");
    }
}

/// Churn risk in a rule means what `clientele clv` says of the same orders.
#[test]
fn churn_risk_rule_agrees_with_the_clv_command() {
    let d = dir("churn");
    let demo = d.join("demo");
    let out = clientele(&[
        "demo",
        "--customers",
        "400",
        "--seed",
        "3",
        "--end",
        "2026-03-01",
        "--out",
        demo.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let orders = demo.join("orders.csv");
    let orders = orders.to_str().unwrap();
    let rules = file_in(
        &d,
        "rules.json",
        r#"{"all": [{"field": "churn_risk", "op": "is", "value": "high"}, {"field": "clv", "op": "<", "value": 1000000000}]}"#,
    );
    let out = clientele(&[
        "segment",
        "--orders",
        orders,
        "--rules",
        &rules,
        "--as-of",
        "2026-03-01",
        "--format",
        "json",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let members = ids(&out.stdout, "json");
    let out = clientele(&["clv", "--orders", orders, "--calibration-end", "2026-03-01"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let high: Vec<String> = v["customers"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["churn_risk"] == "high")
        .map(|c| c["customer_id"].as_str().unwrap().to_string())
        .collect();
    assert!(!high.is_empty());
    assert_eq!(members, high);
}

#[test]
fn lifetime_value_rules_on_too_little_data_say_why() {
    let (d, [orders, _, _]) = shop("clv-refused");
    let rules = file_in(
        &d,
        "rules.json",
        r#"{"all": [{"field": "p_alive", "op": "<", "value": 30}]}"#,
    );
    let out = clientele(&[
        "segment",
        "--orders",
        &orders,
        "--rules",
        &rules,
        "--as-of",
        "2026-03-01",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("rule 1: field 'p_alive' needs the lifetime value models")
            && err.contains("at least 10 are needed"),
        "{err}"
    );
}

/// Profiles saved by Excel where the comma is the decimal mark (semicolons, UTF-16)
/// read as the app's Import page reads them.
#[test]
fn profiles_with_semicolons_in_utf16_are_read() {
    let d = dir("segment-semicolons");
    let orders = file_in(
        &d,
        "orders.csv",
        "customer_id,date,amount\nc1,2026-01-01,10\nc2,2026-01-02,20\n",
    );
    let mut utf16 = vec![0xFF, 0xFE];
    for u in "customer_id;city\r\nc1;Huế\r\nc2;Hà Nội\r\n".encode_utf16() {
        utf16.extend(u.to_le_bytes());
    }
    let customers = file_in(&d, "customers.csv", utf16);
    let rules = file_in(
        &d,
        "rules.json",
        r#"{"all": [{"field": "city", "op": "is", "value": "Huế"}]}"#,
    );
    let out = clientele(&[
        "segment",
        "--as-of",
        "2026-03-01",
        "--orders",
        &orders,
        "--customers",
        &customers,
        "--rules",
        &rules,
        "--format",
        "json",
    ]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(ids(&out.stdout, "json"), ["c1"], "{text}");
}
