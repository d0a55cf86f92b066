//! `clientele import` as a user runs it: checking shops' files in batch.
#![allow(clippy::unwrap_used)] // a test: an unwrap that fails is a failed test, with its line

mod common;
use common::*;

const SHOPIFY: &str = "Name,Email,Financial Status,Paid at,Currency,Subtotal,Total,Discount Amount,Created at,Lineitem quantity,Lineitem name,Lineitem price,Lineitem sku,Billing Name,Billing Phone,Cancelled at,Refunded Amount
#1001,an@example.vn,paid,2025-03-01 10:00:00 +0700,VND,300000,300000,0,2025-03-01 10:00:00 +0700,1,Áo dài,300000,AD-1,Nguyễn An,+84 912 345 678,,
#1002,binh@example.vn,paid,2025-03-02 11:00:00 +0700,VND,250000,250000,0,2025-03-02 11:00:00 +0700,2,Khăn,125000,KH-2,Trần Bình,0913000111,,
#1002,binh@example.vn,,,,,,,,1,Nón lá,50000,NL-1,,,,
";

#[test]
fn a_clean_shopify_export_and_a_bad_customers_file_in_one_run() {
    let good = file("shopify", SHOPIFY.as_bytes());
    let bad = file(
        "customers",
        "\u{feff}Mã KH,Tên khách hàng,Số điện thoại,Email\nKH01,Nguyễn Văn An,0912 345 678,an@example.vn\nKH02,Trần Bình,abc,binh@example\n"
            .as_bytes(),
    );
    let out = clientele(&["import", "--kind", "customers", &bad]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(2), "{text}");
    assert!(text.contains("Tên khách hàng → FullName"), "{text}");
    assert!(
        text.contains("records 2, new 1, updated 0, duplicate 0, invalid 1"),
        "{text}"
    );
    assert!(
        text.contains("line 3, column Email (\"binh@example\"): not an email address"),
        "{text}"
    );
    assert!(
        text.contains("line 3, column Số điện thoại (\"abc\"): not a phone number"),
        "{text}"
    );

    // The Shopify file is recognised without --kind; JSON for scripts.
    let out = clientele(&["import", "--format", "json", &good]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v[0]["kind"], "orders");
    assert_eq!(v[0]["preset"], "ShopifyOrders");
    assert_eq!(v[0]["counts"]["records"], 2, "line item rows grouped: {v}");
    assert_eq!(v[0]["counts"]["new"], 2);
    assert_eq!(v[0]["counts"]["customers_created"], 2);
    assert_eq!(v[0]["problems"], serde_json::json!([]));

    // Both at once: the exit code says one has problems, each file has its report.
    let out = clientele(&["import", "--kind", "customers", &bad, &good]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("1 of 2 files have problems"));
}

#[test]
fn unreadable_and_ambiguous_files_say_why() {
    let xlsx = file(
        "sheet",
        b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00\xff\xfe\x00\x00",
    );
    let out = clientele(&["import", "--kind", "orders", &xlsx]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(text.contains("line 1: the file is not"), "{text}");

    let dates = file(
        "dates",
        b"Email,Date,Total\nan@example.vn,03/04/2025,100000\n",
    );
    let out = clientele(&["import", "--kind", "orders", &dates]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("--date-order dmy|mdy"), "{text}");
    let out = clientele(&["import", "--kind", "orders", "--date-order", "dmy", &dates]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );

    let out = clientele(&["import", "--kind", "people", &dates]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr)
        .contains("'people' is not customers, orders or interactions"));
}
