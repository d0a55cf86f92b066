//! Stored data written by earlier versions, read and brought up to date. Storage
//! buckets start with a format byte (`codec::FORMAT`); only customers changed shape:
//!
//! - format 1: customers without `values` (added in format 2).

use crate::codec::{CodecError, FORMAT};
use crate::model::{
    AcquisitionChannel, Address, Consent, CustomField, Customer, Gender, IncomeBand, PartyKind,
};
use crate::record::Record;
use crate::time::{Day, Millis};
use crate::Id;
use serde::{Deserialize, Serialize};

/// A customer as format 1 stored it: the fields of `Customer` up to `deleted`.
#[derive(Serialize, Deserialize)]
struct CustomerV1 {
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
}

impl From<CustomerV1> for Customer {
    fn from(c: CustomerV1) -> Customer {
        Customer {
            kind: c.kind,
            given_name: c.given_name,
            family_name: c.family_name,
            display_name: c.display_name,
            emails: c.emails,
            phones: c.phones,
            address: c.address,
            birthday: c.birthday,
            gender: c.gender,
            occupation: c.occupation,
            income: c.income,
            interests: c.interests,
            source: c.source,
            channel: c.channel,
            company: c.company,
            tags: c.tags,
            custom: c.custom,
            consent: c.consent,
            notes: c.notes,
            created_at: c.created_at,
            deleted: c.deleted,
            values: Vec::new(),
        }
    }
}

impl From<&Customer> for CustomerV1 {
    /// Format 1 had no `values`: they are dropped.
    fn from(c: &Customer) -> CustomerV1 {
        let c = c.clone();
        CustomerV1 {
            kind: c.kind,
            given_name: c.given_name,
            family_name: c.family_name,
            display_name: c.display_name,
            emails: c.emails,
            phones: c.phones,
            address: c.address,
            birthday: c.birthday,
            gender: c.gender,
            occupation: c.occupation,
            income: c.income,
            interests: c.interests,
            source: c.source,
            channel: c.channel,
            company: c.company,
            tags: c.tags,
            custom: c.custom,
            consent: c.consent,
            notes: c.notes,
            created_at: c.created_at,
            deleted: c.deleted,
        }
    }
}

/// Encodes customers as format 1 did (their `values` are lost): lets tests write an
/// old database and check it is read correctly.
pub fn encode_customers_v1(records: &[Record<Customer>]) -> Vec<u8> {
    let old: Vec<Record<CustomerV1>> = records
        .iter()
        .map(|r| Record {
            id: r.id,
            data: CustomerV1::from(&r.data),
            stamps: r.stamps.clone(),
        })
        .collect();
    let mut out = vec![1u8];
    out.extend(postcard::to_stdvec(&old).expect("postcard encodes plain data"));
    out
}

/// Decodes a stored bucket of customers of any format up to the current one.
pub fn decode_customers(bytes: &[u8]) -> Result<Vec<Record<Customer>>, CodecError> {
    let (&format, body) = bytes.split_first().ok_or(CodecError::Empty)?;
    if format > FORMAT {
        return Err(CodecError::NewerFormat { found: format });
    }
    let damaged = |e: postcard::Error| CodecError::Damaged(e.to_string());
    if format >= 2 {
        return postcard::from_bytes(body).map_err(damaged);
    }
    let old: Vec<Record<CustomerV1>> = postcard::from_bytes(body).map_err(damaged)?;
    Ok(old
        .into_iter()
        .map(|r| Record {
            id: r.id,
            data: r.data.into(),
            stamps: r.stamps,
        })
        .collect())
}

#[cfg(test)]
mod tests {
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
        let stamp = Hlc {
            millis: 5,
            counter: 0,
            device: DeviceId(1),
        };
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
        assert_eq!(
            decode_customers(&encode_customers_v1(&plain)).unwrap(),
            read
        );
    }
}
