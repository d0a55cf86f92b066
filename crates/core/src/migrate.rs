//! Stored data written by earlier versions, read and brought up to date. Storage
//! buckets start with a format byte (`codec::FORMAT`); customers and orders changed shape:
//!
//! - format 1: customers without `values` (added in format 2);
//! - format 2: customers without `external_id`, orders without `reference` (format 3);
//! - format 3: customers without `merged_into` (format 4).
//!
//! Also the app's IndexedDB schema version, here so that a native test checks
//! docs/storage.md against it.

use crate::codec::{CodecError, FORMAT};
use crate::model::Currency;
use crate::model::{
    AcquisitionChannel, Address, Consent, CustomField, Customer, Gender, IncomeBand, LineItem,
    Order, OrderStatus, PartyKind, SalesChannel,
};
use crate::record::Record;
use crate::time::{Day, Millis};
use crate::Id;
use serde::{de::DeserializeOwned, Deserialize, Serialize};

/// The IndexedDB schema version of the app's storage (the stores it has; each
/// version's step is `upgrade` in the app's `storage/database.rs`).
pub const SCHEMA_VERSION: u32 = 3;

/// Declares an earlier stored shape of an entity: its fields (a prefix of today's, in
/// order), the fields added since (read as their default), and both conversions.
macro_rules! legacy {
    ($old:ident => $new:ident { $($f:ident: $ty:ty,)* } + { $($added:ident),* }) => {
        #[derive(Serialize, Deserialize)]
        struct $old { $($f: $ty,)* }

        impl From<$old> for $new {
            fn from(o: $old) -> $new {
                $new { $($f: o.$f,)* $($added: Default::default(),)* }
            }
        }

        impl From<&$new> for $old {
            /// The fields added since are dropped.
            fn from(n: &$new) -> $old {
                let n = n.clone();
                $old { $($f: n.$f,)* }
            }
        }
    };
}

/// Customers' fields up to `deleted`, then what each format added, in order.
macro_rules! customer_fields {
    ($old:ident, { $($extra:ident: $ty:ty,)* } + { $($added:ident),* }) => {
        legacy!($old => Customer {
            kind: PartyKind,
            given_name: String,
            family_name: String,
            display_name: String,
            emails: Vec<String>,
            phones: Vec<String>,
            address: Address,
            birthday: Option<Day>,
            gender: Option<Gender>,
            occupation: String,
            income: Option<IncomeBand>,
            interests: Vec<String>,
            source: String,
            channel: Option<AcquisitionChannel>,
            company: Option<Id>,
            tags: Vec<String>,
            custom: Vec<CustomField>,
            consent: Vec<Consent>,
            notes: String,
            created_at: Millis,
            deleted: bool,
            $($extra: $ty,)*
        } + { $($added),* });
    };
}

customer_fields!(CustomerV1, {} + { values, external_id, merged_into });
customer_fields!(CustomerV2, { values: Vec<String>, } + { external_id, merged_into });
customer_fields!(CustomerV3, { values: Vec<String>, external_id: String, } + { merged_into });
legacy!(OrderV2 => Order {
    customer: Id,
    placed_at: Millis,
    items: Vec<LineItem>,
    total: i64,
    currency: Currency,
    channel: SalesChannel,
    store: String,
    status: OrderStatus,
    deleted: bool,
} + { reference });

fn convert<Old, New: From<Old>>(old: Vec<Record<Old>>) -> Vec<Record<New>> {
    old.into_iter()
        .map(|r| Record {
            id: r.id,
            data: r.data.into(),
            stamps: r.stamps,
        })
        .collect()
}

fn split(bytes: &[u8]) -> Result<(u8, &[u8]), CodecError> {
    let (&format, body) = bytes.split_first().ok_or(CodecError::Empty)?;
    if format > FORMAT {
        return Err(CodecError::NewerFormat { found: format });
    }
    Ok((format, body))
}

fn read<T: DeserializeOwned>(body: &[u8]) -> Result<T, CodecError> {
    postcard::from_bytes(body).map_err(|e| CodecError::Damaged(e.to_string()))
}

/// Decodes a stored bucket of customers of any format up to the current one.
pub fn decode_customers(bytes: &[u8]) -> Result<Vec<Record<Customer>>, CodecError> {
    let (format, body) = split(bytes)?;
    match format {
        0 | 1 => Ok(convert(read::<Vec<Record<CustomerV1>>>(body)?)),
        2 => Ok(convert(read::<Vec<Record<CustomerV2>>>(body)?)),
        3 => Ok(convert(read::<Vec<Record<CustomerV3>>>(body)?)),
        _ => read(body),
    }
}

/// Decodes a stored bucket of orders of any format up to the current one.
pub fn decode_orders(bytes: &[u8]) -> Result<Vec<Record<Order>>, CodecError> {
    let (format, body) = split(bytes)?;
    match format {
        0..=2 => Ok(convert(read::<Vec<Record<OrderV2>>>(body)?)),
        _ => read(body),
    }
}

fn encode_as<Old, New>(format: u8, records: &[Record<New>]) -> Vec<u8>
where
    for<'a> Old: Serialize + From<&'a New>,
{
    let old: Vec<Record<Old>> = records
        .iter()
        .map(|r| Record {
            id: r.id,
            data: Old::from(&r.data),
            stamps: r.stamps.clone(),
        })
        .collect();
    let mut out = vec![format];
    out.extend(postcard::to_stdvec(&old).expect("postcard encodes plain data"));
    out
}

/// Encodes customers as format 1 did (their `values` and external ids are lost): lets
/// tests write an old database and check it is read correctly.
pub fn encode_customers_v1(records: &[Record<Customer>]) -> Vec<u8> {
    encode_as::<CustomerV1, _>(1, records)
}

/// Encodes customers as format 3 did (merged-away customers lose where they went),
/// for tests.
pub fn encode_customers_v3(records: &[Record<Customer>]) -> Vec<u8> {
    encode_as::<CustomerV3, _>(3, records)
}

/// Encodes orders as format 2 did (their references are lost), for tests.
pub fn encode_orders_v2(records: &[Record<Order>]) -> Vec<u8> {
    encode_as::<OrderV2, _>(2, records)
}

#[cfg(test)]
mod tests {
    /// docs/storage.md names the schema version the code has.
    #[test]
    fn the_storage_doc_names_this_schema_version() {
        let doc = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../docs/storage.md"
        ))
        .expect("docs/storage.md");
        let said = format!("schema version {}.", super::SCHEMA_VERSION);
        assert!(
            doc.contains(&said),
            "docs/storage.md does not say \"{said}\""
        );
        let newer = format!("schema version {}", super::SCHEMA_VERSION + 1);
        assert!(
            !doc.contains(&newer),
            "docs/storage.md names a newer version"
        );
    }

    use super::*;
    use crate::hlc::{DeviceId, Hlc};

    /// Format 1 as it was written: the same fields, without `values`.
    #[derive(Serialize)]
    struct WrittenV1<'a> {
        kind: PartyKind,
        given_name: &'a str,
        family_name: &'a str,
        display_name: &'a str,
        emails: Vec<&'a str>,
        phones: Vec<&'a str>,
        address: Address,
        birthday: Option<Day>,
        gender: Option<Gender>,
        occupation: &'a str,
        income: Option<IncomeBand>,
        interests: Vec<&'a str>,
        source: &'a str,
        channel: Option<AcquisitionChannel>,
        company: Option<Id>,
        tags: Vec<&'a str>,
        custom: Vec<CustomField>,
        consent: Vec<Consent>,
        notes: &'a str,
        created_at: Millis,
        deleted: bool,
    }

    #[test]
    fn format_1_customers_read_with_empty_values_and_format_2_round_trips() {
        let stamp = crate::fixtures::stamp(5, 1);
        let id = Id::new_v7(1, [1; 10]);
        let v1 = WrittenV1 {
            kind: PartyKind::Person,
            given_name: "An",
            family_name: "Nguyễn",
            display_name: "",
            emails: vec!["an@example.vn"],
            phones: vec![],
            address: Address {
                city: "Hà Nội".into(),
                ..Default::default()
            },
            birthday: Some(Day(7000)),
            gender: Some(Gender::Female),
            occupation: "",
            income: None,
            interests: vec!["Cà phê"],
            source: "",
            channel: None,
            company: None,
            tags: vec!["VIP"],
            custom: vec![],
            consent: vec![],
            notes: "ghi chú",
            created_at: 42,
            deleted: false,
        };
        let record = Record {
            id,
            data: v1,
            stamps: crate::record::Stamps::new(stamp),
        };
        let mut bytes = vec![1u8];
        bytes.extend(postcard::to_stdvec(&vec![record]).unwrap());
        let read = decode_customers(&bytes).unwrap();
        assert_eq!(read.len(), 1);
        let c = &read[0].data;
        assert_eq!((c.given_name.as_str(), c.notes.as_str()), ("An", "ghi chú"));
        assert_eq!(c.address.city, "Hà Nội");
        assert_eq!(c.tags, vec!["VIP".to_string()]);
        assert!(c.values.is_empty());

        let mut now = read.clone();
        now[0].data.values = vec!["Gia đình".into()];
        let bytes = crate::codec::encode(&now);
        assert_eq!(bytes[0], FORMAT);
        assert_eq!(decode_customers(&bytes).unwrap(), now);
        assert_eq!(
            decode_customers(&[FORMAT + 1]),
            Err(CodecError::NewerFormat { found: FORMAT + 1 })
        );
        assert!(matches!(
            decode_customers(&bytes[..bytes.len() - 3]),
            Err(CodecError::Damaged(_))
        ));
        // The test helper writes what the hand-written format 1 above wrote.
        let mut plain = read.clone();
        plain[0].data.values = vec!["lost".into()];
        plain[0].data.external_id = "lost too".into();
        assert_eq!(
            decode_customers(&encode_customers_v1(&plain)).unwrap(),
            read
        );
        // Format 2 kept values; external ids came with format 3.
        let mut v2 = now.clone();
        v2[0].data.external_id = "shopify-1".into();
        let mut bytes = encode_as::<CustomerV2, _>(2, &v2);
        let back = decode_customers(&bytes).unwrap();
        assert_eq!(back[0].data.values, now[0].data.values);
        assert_eq!(back[0].data.external_id, "");
        v2[0].data.external_id.clear();
        assert_eq!(back, v2);
        bytes.truncate(bytes.len() - 2);
        assert!(matches!(
            decode_customers(&bytes),
            Err(CodecError::Damaged(_))
        ));
        // Format 3 kept external ids; where a merged customer went came with format 4.
        let mut v3 = now.clone();
        v3[0].data.external_id = "shopify-1".into();
        v3[0].data.merged_into = Some(Id::new_v7(7, [7; 10]));
        let back = decode_customers(&encode_customers_v3(&v3)).unwrap();
        assert_eq!(back[0].data.external_id, "shopify-1");
        assert_eq!(back[0].data.merged_into, None);
        let bytes = crate::codec::encode(&v3);
        assert_eq!(decode_customers(&bytes).unwrap(), v3, "format 4 keeps it");
    }

    #[test]
    fn format_2_orders_read_without_reference_and_format_3_round_trips() {
        let stamp = Hlc {
            millis: 9,
            counter: 1,
            device: DeviceId(2),
        };
        let mut order = Order {
            customer: Id::new_v7(3, [2; 10]),
            placed_at: 1_700_000_000_000,
            items: vec![LineItem {
                product: "Cà phê".into(),
                quantity: 2,
                unit_price: 45_000,
                ..Default::default()
            }],
            total: 90_000,
            reference: "#1001".into(),
            ..Default::default()
        };
        let records = vec![Record::new(Id::new_v7(4, [3; 10]), order.clone(), stamp)];
        let bytes = crate::codec::encode(&records);
        assert_eq!(decode_orders(&bytes).unwrap(), records);
        let old = decode_orders(&encode_orders_v2(&records)).unwrap();
        order.reference.clear();
        assert_eq!(old[0].data, order);
        assert_eq!(old[0].stamps, records[0].stamps);
        assert_eq!(
            decode_orders(&[FORMAT + 1]),
            Err(CodecError::NewerFormat { found: FORMAT + 1 })
        );
    }
}
