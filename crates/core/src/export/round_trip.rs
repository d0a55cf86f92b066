//! Export then import gives back the same data: every field a CSV carries, for any
//! customers and orders (Vietnamese text, quotes, delimiters, line breaks, formulas).

use super::customers::{customers_csv, file_id};
use super::orders::{order_rows, ORDER_COLUMNS};
use super::{csv::CsvOut, CsvStyle, Delimiter};
use crate::db::Db;
use crate::fixtures::stamp;
use crate::id::Id;
use crate::import::file::read_all;
use crate::import::mapping::{FileKind, Mapping};
use crate::import::plan::tests::{settings, TODAY};
use crate::import::plan::{analyse, Importer, Mode, Plan};
use crate::model::*;
use crate::record::Record;
use crate::time::Day;
use proptest::prelude::*;

fn import(db: &Db, csv: &str, kind: FileKind) -> Plan {
    let (header, rows) = read_all(csv.as_bytes()).unwrap();
    // What Clientele writes is read back as what it is, every column mapped.
    assert_eq!(FileKind::guess(&header), kind, "{header:?}");
    let mapping = Mapping::guess(&header, kind);
    for (h, t) in header.iter().zip(&mapping.columns) {
        assert_ne!(
            *t,
            crate::import::mapping::Target::Ignore,
            "column {h} is not mapped"
        );
    }
    let (_, marks) = analyse(&mapping, &rows);
    let mut imp = Importer::new(db, &mapping, marks, settings(Mode::CreateAndUpdate)).unwrap();
    for r in rows {
        imp.row(db, r);
    }
    imp.finish(db)
}

/// Text as people type it: Vietnamese, punctuation that CSV quotes, formula starts.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Zàáạảãăằắặâầấậđèéêềếệìíòóôồốộơờớợùúưừứựỳýỹ ]{1,12}",
        "[=+@-][a-z0-9 ()\"]{1,8}",
        "'[=+@-]?[a-z]{1,5}",
        "[a-z]{1,4}[,;\"\t][a-z ]{1,4}",
        "-?[0-9]{1,4}",
    ]
    .prop_map(|s| s.trim().to_string())
    .prop_filter("not empty", |s| !s.is_empty())
}

fn optional(s: impl Strategy<Value = String>) -> impl Strategy<Value = String> {
    prop_oneof![Just(String::new()), s]
}

fn list() -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec("[a-zA-Zđôư][a-zđôư ]{0,8}[a-z]", 0..4).prop_map(|v| {
        let mut out: Vec<String> = Vec::new();
        for t in v {
            if !out.iter().any(|o| o.eq_ignore_ascii_case(&t)) {
                out.push(t);
            }
        }
        out
    })
}

fn customer(i: usize) -> impl Strategy<Value = Customer> {
    let who = (
        any::<bool>(),
        text(),
        optional(text()),
        optional(text()),
        prop::option::of("[a-z]{1,6}"),
        prop::option::of(prop_oneof![Just("09"), Just("+84 9"), Just("03")]),
        optional("KH[0-9]{1,3}"),
    );
    let place = (
        optional(text()),
        optional(text()),
        optional(text()),
        prop::sample::select(vec!["", "VN", "US", "FR"]),
    );
    let profile = (
        prop::option::of(-20_000i32..20_000),
        prop::option::of(prop::sample::select(vec![
            Gender::Female,
            Gender::Male,
            Gender::Other,
        ])),
        optional(text()),
        list(),
        list(),
        optional("[a-zA-Zđ ,\"=]{1,10}(\n[a-zđ =]{1,10})?"),
        1_000_000i64..2_000_000_000,
        (
            prop::option::of(any::<bool>()),
            prop::option::of(any::<bool>()),
        ),
        prop::option::of(text()),
    );
    let more = (
        prop::option::of(prop::sample::select(IncomeBand::ALL.to_vec())),
        list(),
        prop::option::of(prop::sample::select(AcquisitionChannel::ALL.to_vec())),
    );
    (who, place, profile, more).prop_map(
        move |(
            (org, name, given, family, email, phone, ext),
            (street, ward, city, country),
            p,
            more,
        )| {
            let (birthday, gender, occupation, tags, interests, notes, secs, consent, custom) = p;
            let (income, values, channel) = more;
            let mut c = Customer {
                kind: if org {
                    PartyKind::Organisation
                } else {
                    PartyKind::Person
                },
                display_name: name,
                given_name: if org { String::new() } else { given },
                family_name: if org { String::new() } else { family },
                emails: email
                    .map(|e| vec![format!("c{i}{e}@example.vn")])
                    .unwrap_or_default(),
                phones: phone
                    .map(|p| vec![format!("{p}{:08}", 10_000_000 + i)])
                    .unwrap_or_default(),
                address: Address {
                    street,
                    ward,
                    district: String::new(),
                    city,
                    country: country.to_string(),
                },
                birthday: birthday.map(|d| Day(d.min(TODAY.0))),
                gender,
                occupation,
                tags,
                interests,
                income,
                values,
                channel,
                notes: notes.trim().to_string(),
                created_at: secs * 1000,
                external_id: if ext.is_empty() {
                    ext
                } else {
                    format!("{ext}-{i}")
                },
                custom: custom
                    .map(|v| {
                        vec![CustomField {
                            key: "size".into(),
                            value: CustomValue::Text(v),
                        }]
                    })
                    .unwrap_or_default(),
                ..Default::default()
            };
            for (granted, channel) in [
                (consent.0, ConsentChannel::Email),
                (consent.1, ConsentChannel::Sms),
            ] {
                if let Some(granted) = granted {
                    c.consent.push(Consent {
                        channel,
                        granted,
                        on: TODAY,
                    });
                }
            }
            c
        },
    )
}

fn customers() -> impl Strategy<Value = Vec<Customer>> {
    (1usize..12).prop_flat_map(|n| (0..n).map(customer).collect::<Vec<_>>())
}

fn id(n: usize) -> Id {
    Id::new_v7(1_700_000_000_000 + n as u64, [n as u8; 10])
}

/// The database of `data`; each person after an organisation works for it.
fn database(data: &[Customer]) -> Db {
    let mut db = Db::new();
    let mut org = None;
    for (i, c) in data.iter().enumerate() {
        let mut c = c.clone();
        if c.kind == PartyKind::Person {
            c.company = org;
        } else {
            org = Some(id(i));
        }
        db.put_customer(Record::new(id(i), c, stamp(1, 1)));
    }
    db
}

/// What a customer looks like after the trip: its id for files kept as the external
/// id, and the company named (ids differ between the databases).
fn comparable(db: &Db, r: &Record<Customer>) -> (Customer, String) {
    let mut c = r.data.clone();
    let company = c
        .company
        .take()
        .and_then(|id| db.customer(id))
        .map(|o| o.data.name())
        .unwrap_or_default();
    (c, company)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn customers_come_back_as_they_were(
        data in customers(),
        delimiter in prop::sample::select(Delimiter::ALL.to_vec()),
        bom in any::<bool>(),
    ) {
        let before = database(&data);
        let csv = customers_csv(&before, CsvStyle { delimiter, bom });
        let plan = import(&Db::new(), &csv, FileKind::Customers);
        prop_assert!(plan.problems.is_empty(), "{:?}\n{}", plan.problems, csv);
        let mut after = Db::new();
        for (r, _) in plan.customers() {
            after.put_customer(r.clone());
        }
        prop_assert_eq!(after.len(), before.len(), "{}", csv);
        for p in 0..before.len() as u32 {
            let original = before.at(p);
            let ext = file_id(original);
            let back = (0..after.len() as u32)
                .map(|q| after.at(q))
                .find(|r| r.data.external_id == ext)
                .expect("imported");
            let mut want = comparable(&before, original);
            want.0.external_id = ext;
            prop_assert_eq!(comparable(&after, back), want, "{}", csv);
        }
    }

    #[test]
    fn orders_come_back_as_they_were(
        data in customers(),
        orders in prop::collection::vec(
            (
                0usize..12,
                1_000_000i64..2_000_000_000,
                prop::sample::select(vec![Currency::VND, Currency::USD, Currency(*b"JPY")]),
                prop::sample::select(OrderStatus::ALL.to_vec()),
                prop::sample::select(SalesChannel::ALL.to_vec()),
                optional(text()),
                optional("#[0-9]{1,4}"),
                prop::collection::vec((text(), optional(text()), optional(text()), 1u32..5, 0i64..10_000_000), 0..3),
                0i64..100_000_000,
            ),
            0..10,
        ),
    ) {
        let before = database(&data);
        let mut records = Vec::new();
        for (n, (who, secs, currency, status, channel, store, reference, items, total)) in orders.into_iter().enumerate() {
            let items: Vec<LineItem> = items
                .into_iter()
                .map(|(product, sku, category, quantity, unit_price)| LineItem { product, sku, category, quantity, unit_price })
                .collect();
            let order = Order {
                customer: id(who % data.len()),
                placed_at: secs * 1000,
                total: if items.is_empty() { total } else { items.iter().map(LineItem::amount).sum() },
                items,
                currency,
                channel,
                store,
                status,
                deleted: false,
                reference: if reference.is_empty() { reference } else { format!("{reference}-{n}") },
            };
            records.push(Record::new(id(1000 + n), order, stamp(1, 1)));
        }
        // The customers first, as a user would: then their orders find them.
        let customers = import(&Db::new(), &customers_csv(&before, CsvStyle::default()), FileKind::Customers);
        let mut after = Db::new();
        for (r, _) in customers.customers() {
            after.put_customer(r.clone());
        }
        let mut out = CsvOut::new(CsvStyle::default(), &ORDER_COLUMNS);
        order_rows(&before, &records, &mut out);
        let csv = out.finish();
        let plan = import(&after, &csv, FileKind::Orders);
        prop_assert!(plan.problems.is_empty(), "{:?}\n{}", plan.problems, csv);
        let mut back = crate::import::plan::tests::orders(&plan);
        prop_assert_eq!(back.len(), records.len(), "{}", csv);
        back.sort_by_key(|r| r.data.reference.clone());
        let mut want: Vec<Order> = records
            .iter()
            .map(|r| {
                let mut o = r.data.clone();
                if o.reference.is_empty() {
                    o.reference = r.id.to_string();
                }
                o
            })
            .collect();
        want.sort_by_key(|o| o.reference.clone());
        for (b, w) in back.iter().zip(&want) {
            let owner = after.customer(b.data.customer).expect("customer");
            let original = before.customer(w.customer).expect("customer");
            prop_assert_eq!(&owner.data.external_id, &file_id(original));
            let got = Order { customer: w.customer, ..b.data.clone() };
            prop_assert_eq!(&got, w, "{}", csv);
        }
    }
}
