//! The customers export: one row per live customer.

use super::csv::{CsvOut, CsvStyle};
use crate::db::Db;
use crate::model::{
    AcquisitionChannel, ConsentChannel, CustomValue, Customer, Gender, IncomeBand, PartyKind,
};
use crate::record::Record;
use crate::time::iso_datetime;

/// The fixed columns; custom fields follow as `custom:KEY`.
pub const CUSTOMER_COLUMNS: [&str; 25] = [
    "Customer ID",
    "Name",
    "First name",
    "Last name",
    "Company",
    "Email",
    "Phone",
    "Address",
    "Ward",
    "District",
    "City",
    "Country",
    "Birthday",
    "Gender",
    "Occupation",
    "Tags",
    "Interests",
    "Notes",
    "Source",
    "Created at",
    "Accepts email marketing",
    "Accepts SMS marketing",
    "Income band",
    "Personal values",
    "Acquisition channel",
];

/// The customer's id for files: the shop's own id when it has one, else Clientele's
/// (the importer matches either, so an exported file updates the same customers).
pub fn file_id(r: &Record<Customer>) -> String {
    if r.data.external_id.trim().is_empty() {
        r.id.to_string()
    } else {
        r.data.external_id.clone()
    }
}

pub fn custom_text(v: &CustomValue) -> String {
    match v {
        CustomValue::Text(s) | CustomValue::Choice(s) => s.clone(),
        CustomValue::Number(n) => n.to_string(),
        CustomValue::Date(d) => d.iso(),
    }
}

fn yes_no(c: &Customer, channel: ConsentChannel) -> String {
    match c.consent_for(channel) {
        Some(x) if x.granted => "yes".into(),
        Some(_) => "no".into(),
        None => String::new(),
    }
}

/// The custom field keys in use, in the order first met (compared without case).
pub fn custom_keys<'a>(customers: impl Iterator<Item = &'a Record<Customer>>) -> Vec<String> {
    let mut keys: Vec<String> = Vec::new();
    for r in customers {
        for f in &r.data.custom {
            if !keys.iter().any(|k| k.eq_ignore_ascii_case(&f.key)) {
                keys.push(f.key.clone());
            }
        }
    }
    keys
}

/// One customer's cells (`CUSTOMER_COLUMNS`, then one per custom key).
pub fn customer_values(db: &Db, r: &Record<Customer>, keys: &[String]) -> Vec<String> {
    let c = &r.data;
    let org = c.kind == PartyKind::Organisation;
    let company = if org {
        c.name()
    } else {
        c.company
            .and_then(|id| db.customer(id))
            .map(|o| o.data.name())
            .unwrap_or_default()
    };
    let person = |s: &String| if org { String::new() } else { s.clone() };
    let a = &c.address;
    let mut v = vec![
        file_id(r),
        person(&c.display_name),
        person(&c.given_name),
        person(&c.family_name),
        company,
        c.emails.join("; "),
        c.phones.join("; "),
        a.street.clone(),
        a.ward.clone(),
        a.district.clone(),
        a.city.clone(),
        a.country.clone(),
        c.birthday.map(|d| d.iso()).unwrap_or_default(),
        c.gender.map_or("", Gender::code).into(),
        c.occupation.clone(),
        c.tags.join(", "),
        c.interests.join(", "),
        c.notes.clone(),
        c.source.clone(),
        if c.created_at == 0 {
            String::new()
        } else {
            iso_datetime(c.created_at)
        },
        yes_no(c, ConsentChannel::Email),
        yes_no(c, ConsentChannel::Sms),
        c.income.map_or("", IncomeBand::code).into(),
        c.values.join(", "),
        c.channel.map_or("", AcquisitionChannel::code).into(),
    ];
    for k in keys {
        v.push(
            c.custom
                .iter()
                .find(|f| f.key.eq_ignore_ascii_case(k))
                .map(|f| custom_text(&f.value))
                .unwrap_or_default(),
        );
    }
    v
}

/// Every live customer of `db` as CSV: organisations first, so that importing the
/// file finds each person's company already there.
pub fn customers_csv(db: &Db, style: CsvStyle) -> String {
    let live = || {
        (0..db.len() as u32)
            .map(|p| db.at(p))
            .filter(|r| !r.is_deleted())
    };
    let org = |r: &&Record<Customer>| r.data.kind == PartyKind::Organisation;
    let ordered: Vec<&Record<Customer>> = live()
        .filter(org)
        .chain(live().filter(|r| !org(r)))
        .collect();
    let keys = custom_keys(ordered.iter().copied());
    let mut header: Vec<String> = CUSTOMER_COLUMNS.iter().map(|s| s.to_string()).collect();
    header.extend(keys.iter().map(|k| format!("custom:{k}")));
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    let mut out = CsvOut::new(style, &header);
    for r in ordered {
        out.row(&customer_values(db, r, &keys));
    }
    out.finish()
}
