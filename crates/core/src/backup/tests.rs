use super::*;
use crate::demo::{customer, history, DemoConfig};
use crate::hlc::DeviceId;
use crate::id::Id;
use crate::model::{CustomField, CustomValue, CustomerField};
use crate::segment::rules::{Condition, Field, Op, Rule, Value};
use crate::time::Day;
use proptest::prelude::*;

fn stamp(millis: i64) -> Hlc {
    Hlc {
        millis,
        counter: 2,
        device: DeviceId(u64::MAX - 7),
    }
}

fn sample() -> Backup {
    sample_of(12)
}

/// Demo customers with their histories, one edited and one deleted, and two segments.
fn sample_of(customers: usize) -> Backup {
    let cfg = DemoConfig {
        customers,
        seed: 4,
        end: Day(20_400),
    };
    let mut b = Backup::default();
    for i in 0..cfg.customers {
        let mut c = customer(&cfg, i);
        let (o, it) = history(&cfg, i, &c);
        if i == 3 % customers {
            c.write(
                CustomerField::Custom(vec![
                    CustomField {
                        key: "size".into(),
                        value: CustomValue::Number(41.5),
                    },
                    CustomField {
                        key: "since".into(),
                        value: CustomValue::Date(Day(19_000)),
                    },
                ]),
                stamp(1_800_000_000_000),
            );
        }
        if i == 5 % customers {
            c.write(CustomerField::Deleted(true), stamp(1_800_000_000_001));
        }
        b.customers.push(c);
        o.iter().for_each(|r| b.orders.push(r));
        it.iter().for_each(|r| b.interactions.push(r));
    }
    let live = SavedSegment {
        name: "Hà Nội \"VIP\"".into(),
        rule: Some(Rule::All(vec![Rule::Condition(Condition {
            field: Field::City,
            op: Op::Is,
            value: Value::Text("Hà Nội".into()),
        })])),
        ..Default::default()
    };
    let frozen = SavedSegment {
        name: "List".into(),
        members: vec![b.customers[0].id],
        ..Default::default()
    };
    b.segments
        .push(Record::new(Id::new_v7(9, [9; 10]), live, stamp(5)));
    b.segments
        .push(Record::new(Id::new_v7(10, [8; 10]), frozen, stamp(6)));
    b
}

/// The first `n` records of a list.
fn keep<T: serde::Serialize + serde::de::DeserializeOwned>(
    list: &Packed<T>,
    n: usize,
) -> Packed<T> {
    let mut out = Packed::default();
    list.iter().take(n).for_each(|r| out.push(&r));
    out
}

/// The backup as a file, each kind written in two calls.
fn write(b: &Backup) -> String {
    let (mut w, mut out) = BackupWriter::start(1_764_000_000_000);
    let half = |n: usize| n / 2;
    out += &w.customers(&b.customers[..half(b.customers.len())]);
    out += &w.customers(&b.customers[half(b.customers.len())..]);
    let orders = b.orders.unpack();
    out += &w.orders(&orders[..half(orders.len())]);
    out += &w.orders(&orders[half(orders.len())..]);
    out += &w.interactions(&b.interactions.unpack());
    out += &w.segments(&b.segments);
    out + &w.finish()
}

fn same(a: &Backup, b: &Backup) {
    assert_eq!(a.customers, b.customers);
    assert_eq!(a.orders.unpack(), b.orders.unpack());
    assert_eq!(a.interactions.unpack(), b.interactions.unpack());
    assert_eq!(a.segments, b.segments);
}

#[test]
fn a_backup_reads_back_exactly_and_is_plain_json() {
    let b = sample();
    assert!(!b.orders.is_empty() && !b.interactions.is_empty());
    let text = write(&b);
    let back = read_all(text.as_bytes()).unwrap();
    same(&back, &b);
    assert_eq!(back.version, VERSION);
    assert_eq!(back.created_at, "2025-11-24T16:00:00Z");
    assert_eq!(back.counts.customers, 12);
    assert_eq!(back.latest_stamp(), Some(stamp(1_800_000_000_001)));
    // Any JSON tool reads it; money and dates are written as people read them.
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["format"], FORMAT);
    assert_eq!(v["orders"][0]["data"]["currency"], "VND");
    let custom = &v["customers"][3]["data"]["custom"];
    assert_eq!(custom[1]["value"]["Date"], "2022-01-08");
    // Laid out differently, it still reads.
    let spaced = text
        .replace('\n', "\r\n\t  ")
        .replacen("{\"format\":", "{\n  \"format\" :\n ", 1);
    same(&read_all(spaced.as_bytes()).unwrap(), &b);
    // With a byte order mark too.
    same(&read_all(format!("\u{feff}{text}").as_bytes()).unwrap(), &b);
}

#[test]
fn an_empty_database_backs_up() {
    let (w, head) = BackupWriter::start(0);
    let text = head + &w.finish();
    let back = read_all(text.as_bytes()).unwrap();
    assert_eq!(back.counts, Counts::default());
    assert_eq!(back.latest_stamp(), None);
}

#[test]
fn every_cut_of_the_file_is_refused() {
    let mut b = sample_of(2);
    b.orders = keep(&b.orders, 3);
    b.interactions = keep(&b.interactions, 2);
    let text = write(&b);
    let bytes = text.as_bytes();
    let end = text.trim_end().len();
    for cut in 0..end {
        let r = read_all(&bytes[..cut]);
        assert!(r.is_err(), "cut at {cut} was accepted");
    }
}

#[test]
fn newer_other_and_damaged_files_are_refused_with_their_reason() {
    let text = write(&sample());
    let newer = text.replacen("\"version\":1", "\"version\":2", 1);
    assert_eq!(
        read_all(newer.as_bytes()).unwrap_err(),
        BackupError::Newer { found: 2 }
    );
    for other in [
        "",
        "Name,Email\nAn,an@example.vn\n",
        "{\"customers\":[]}",
        "{\"format\":\"something-else\",\"version\":1}",
        "[1,2]",
        "{\"version\":1}",
    ] {
        assert_eq!(
            read_all(other.as_bytes()).unwrap_err(),
            BackupError::NotBackup,
            "{other}"
        );
    }
    // The header alone: the records and counts are missing.
    assert_eq!(
        read_all(b"{\"version\":1,\"format\":\"clientele-backup\"}").unwrap_err(),
        BackupError::Truncated
    );
    // A record with a wrong value: the line and what is wrong.
    let bad = text.replacen("\"currency\":\"VND\"", "\"currency\":\"dong\"", 1);
    let line = bad[..bad.find("\"dong\"").unwrap()].matches('\n').count() as u64 + 1;
    match read_all(bad.as_bytes()).unwrap_err() {
        BackupError::Damaged { line: l, what } => {
            assert_eq!(l, line);
            assert!(
                what.starts_with("order record 1: 'dong' is not a three-letter currency code"),
                "{what}"
            );
        }
        e => panic!("{e:?}"),
    }
    // A record taken out: the counts say so.
    let first_order_line = text.lines().position(|l| l == "\"orders\":[").unwrap() + 1;
    let removed: Vec<&str> = text
        .lines()
        .enumerate()
        .filter(|(i, _)| *i != first_order_line)
        .map(|(_, l)| l)
        .collect();
    let removed = removed.join("\n");
    let orders = sample().orders.len() as u64;
    assert_eq!(
        read_all(removed.as_bytes()).unwrap_err(),
        BackupError::Counts {
            section: "orders",
            found: orders - 1,
            expected: orders
        }
    );
    // Something after the end.
    let extra = format!("{text}{{}}");
    assert!(matches!(
        read_all(extra.as_bytes()).unwrap_err(),
        BackupError::Damaged { .. }
    ));
}

#[test]
fn merging_adds_new_records_and_keeps_each_newest_field() {
    let b = sample();
    let mut mine = b.customers[..6].to_vec();
    mine[0].write(
        CustomerField::Notes("edited here, later".into()),
        stamp(1_900_000_000_000),
    );
    let mut theirs = b.customers.clone();
    theirs[1].write(
        CustomerField::Occupation("edited there".into()),
        stamp(1_850_000_000_000),
    );
    theirs[0].write(
        CustomerField::Notes("edited there, earlier".into()),
        stamp(1_850_000_000_000),
    );
    let m = merge_records(&mut mine, theirs);
    assert_eq!(
        m,
        Merged {
            added: 6,
            updated: 1,
            unchanged: 5
        }
    );
    assert_eq!(mine.len(), 12);
    assert_eq!(mine[0].data.notes, "edited here, later");
    assert_eq!(mine[1].data.occupation, "edited there");
    // Merging the same again changes nothing.
    let again = merge_records(&mut mine, b.customers.clone());
    assert_eq!(again.added + again.updated, 0);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// However the file is cut into pieces, it reads the same.
    #[test]
    fn pieces_of_any_size_read_the_same(sizes in prop::collection::vec(1usize..900, 1..40)) {
        let b = sample();
        let text = write(&b);
        let bytes = text.as_bytes();
        let mut r = BackupReader::new();
        let mut at = 0;
        let mut i = 0;
        while at < bytes.len() {
            let n = sizes[i % sizes.len()].min(bytes.len() - at);
            r.push(&bytes[at..at + n]).unwrap();
            r.push(&[]).unwrap();
            at += n;
            i += 1;
        }
        let back = r.finish().unwrap();
        same(&back, &b);
    }

    /// Garbage never panics.
    #[test]
    fn arbitrary_bytes_are_refused_not_a_panic(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let _ = read_all(&bytes);
    }
}
