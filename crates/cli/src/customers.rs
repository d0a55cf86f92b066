//! Reading a customers CSV (as `clientele demo` writes it) into customer profiles for
//! segment rules. Only `customer_id` is required; every other column is optional and
//! found by name (any order, any case): `kind`, `display_name` (or `name`),
//! `given_name`, `family_name`, `email`, `phone`, `street`, `ward`, `district`,
//! `city`, `country`, `birthday`, `gender`, `occupation`, `income_band` (or
//! `income`), `interests`, `values`, `source`, `channel` (or `acquisition_channel`), `tags`,
//! `consent_email` (`consent_sms`, `consent_phone`, `consent_messaging`,
//! `consent_post`; yes/no) and `custom:NAME` for custom fields. Lists (emails,
//! phones, interests, values, tags) are separated by `;`. Codes are the rule codes
//! (`lower_middle`, `walk_in`) or the names demo writes (`LowerMiddle`, `WalkIn`), in
//! any case. Other columns are ignored. The first bad cell stops the reading.

use crate::csvfile::{bad, cell, Table};
use crate::orders::parse_day;
use crate::CliError;
use clientele_core::model::{
    AcquisitionChannel, Consent, ConsentChannel, CustomField, CustomValue, Customer, Gender,
    IncomeBand, PartyKind,
};
use clientele_core::time::Day;
use std::collections::HashMap;
use std::path::Path;

/// The canonical names of the profile columns, with the other names accepted.
const COLUMNS: &[(&str, &[&str])] = &[
    ("kind", &[]),
    ("display_name", &["name"]),
    ("given_name", &[]),
    ("family_name", &[]),
    ("email", &["emails"]),
    ("phone", &["phones"]),
    ("street", &[]),
    ("ward", &[]),
    ("district", &[]),
    ("city", &[]),
    ("country", &[]),
    ("birthday", &[]),
    ("gender", &[]),
    ("occupation", &[]),
    ("income_band", &["income"]),
    ("interests", &[]),
    ("values", &[]),
    ("source", &[]),
    ("channel", &["acquisition_channel"]),
    ("tags", &[]),
];

/// A customers file read whole.
pub struct CustomerFile {
    /// Original ids and profiles, in file order.
    pub rows: Vec<(String, Customer)>,
    /// The canonical names of the columns it has (`city`, `consent_email`,
    /// `custom:Size`, as written).
    pub columns: Vec<String>,
}

impl CustomerFile {
    /// Whether the file has a column, by canonical name, without regard to case.
    pub fn has(&self, column: &str) -> bool {
        self.columns.iter().any(|c| c.eq_ignore_ascii_case(column))
    }
}

fn key(s: &str) -> String {
    s.chars()
        .filter(|c| !matches!(c, '_' | '-' | ' '))
        .flat_map(char::to_lowercase)
        .collect()
}

/// A code among `all` by its rule code or its name, in any case.
fn choice<T: Copy>(all: &[T], code: fn(T) -> &'static str, s: &str) -> Option<T> {
    let k = key(s);
    all.iter().copied().find(|x| key(code(*x)) == k)
}

fn list(s: &str) -> Vec<String> {
    s.split(';')
        .map(str::trim)
        .filter(|x| !x.is_empty())
        .map(str::to_string)
        .collect()
}

fn flag(s: &str) -> Option<bool> {
    match s.to_ascii_lowercase().as_str() {
        "yes" | "y" | "true" | "1" => Some(true),
        "no" | "n" | "false" | "0" => Some(false),
        _ => None,
    }
}

/// Reads the profiles; consent given or refused is dated `as_of`.
pub fn read(path: &Path, as_of: Day) -> Result<CustomerFile, CliError> {
    let mut table = Table::open(path)?;
    table.require(&["customer_id"], "needed: customer_id")?;
    let id_col = table.find("customer_id").expect("required");
    let mut columns: Vec<String> = Vec::new();
    let mut at: HashMap<&str, usize> = HashMap::new();
    for (name, aliases) in COLUMNS {
        let names: Vec<&str> = std::iter::once(*name)
            .chain(aliases.iter().copied())
            .collect();
        if let Some(i) = table.find_any(&names) {
            at.insert(name, i);
            columns.push(name.to_string());
        }
    }
    let mut consent: Vec<(ConsentChannel, usize, String)> = Vec::new();
    for ch in ConsentChannel::ALL {
        let code = ch.code();
        let names = [format!("consent_{code}"), format!("consent:{code}")];
        if let Some(i) = table.find_any(&[&names[0], &names[1]]) {
            consent.push((ch, i, table.names()[i].clone()));
            columns.push(names[0].clone());
        }
    }
    let mut custom: Vec<(String, usize, String)> = Vec::new();
    for (i, name) in table.names().iter().enumerate() {
        if let Some(field) = name.get(..7).filter(|p| p.eq_ignore_ascii_case("custom:")) {
            let field_name = name[field.len()..].trim().to_string();
            if !field_name.is_empty() {
                columns.push(format!("custom:{field_name}"));
                custom.push((field_name, i, name.clone()));
            }
        }
    }
    // Columns are named in messages as the file writes them.
    let written = table.names().to_vec();
    let name_of = |canonical: &'static str| -> &str {
        at.get(canonical)
            .map_or(canonical, |&i| written[i].as_str())
    };
    let mut rows: Vec<(String, Customer)> = Vec::new();
    let mut seen: HashMap<String, u64> = HashMap::new();
    for row in table.rows() {
        let (line, row) = row?;
        let get = |name: &str| cell(&row, at.get(name).copied());
        let wrong = |column: &str, value: &str, what: String| {
            bad(path, line, column, format!("'{value}' is not {what}"))
        };
        let wrong_in = |canonical: &'static str, value: &str, what: String| {
            wrong(name_of(canonical), value, what)
        };
        let id = cell(&row, Some(id_col));
        if id.is_empty() {
            return Err(bad(path, line, "customer_id", "empty"));
        }
        if let Some(first) = seen.insert(id.to_string(), line) {
            return Err(bad(
                path,
                line,
                "customer_id",
                format!("'{id}' is already on line {first}"),
            ));
        }
        let mut c = Customer::default();
        let kind = get("kind");
        if !kind.is_empty() {
            c.kind = if key(kind) == "organization" {
                PartyKind::Organisation
            } else {
                choice(
                    &[PartyKind::Person, PartyKind::Organisation],
                    PartyKind::code,
                    kind,
                )
                .ok_or_else(|| wrong_in("kind", kind, "person or organisation".into()))?
            };
        }
        c.display_name = get("display_name").to_string();
        c.given_name = get("given_name").to_string();
        c.family_name = get("family_name").to_string();
        c.emails = list(get("email"));
        c.phones = list(get("phone"));
        c.address.street = get("street").to_string();
        c.address.ward = get("ward").to_string();
        c.address.district = get("district").to_string();
        c.address.city = get("city").to_string();
        c.address.country = get("country").to_string();
        let birthday = get("birthday");
        if !birthday.is_empty() {
            c.birthday = Some(parse_day(birthday).ok_or_else(|| {
                wrong_in("birthday", birthday, "an ISO date (YYYY-MM-DD)".into())
            })?);
        }
        let gender = get("gender");
        if !gender.is_empty() {
            let all = [Gender::Female, Gender::Male, Gender::Other];
            c.gender =
                Some(choice(&all, Gender::code, gender).ok_or_else(|| {
                    wrong_in("gender", gender, "one of: female, male, other".into())
                })?);
        }
        c.occupation = get("occupation").to_string();
        let income = get("income_band");
        if !income.is_empty() {
            c.income = Some(
                choice(&IncomeBand::ALL, IncomeBand::code, income).ok_or_else(|| {
                    let all = IncomeBand::ALL.map(IncomeBand::code).join(", ");
                    wrong_in("income_band", income, format!("one of: {all}"))
                })?,
            );
        }
        c.interests = list(get("interests"));
        c.values = list(get("values"));
        c.source = get("source").to_string();
        let channel = get("channel");
        if !channel.is_empty() {
            c.channel = Some(
                choice(&AcquisitionChannel::ALL, AcquisitionChannel::code, channel).ok_or_else(
                    || {
                        let all = AcquisitionChannel::ALL
                            .map(AcquisitionChannel::code)
                            .join(", ");
                        wrong_in(
                            "channel",
                            channel,
                            format!("an acquisition channel (one of: {all})"),
                        )
                    },
                )?,
            );
        }
        c.tags = list(get("tags"));
        for (ch, i, column) in &consent {
            let v = cell(&row, Some(*i));
            if v.is_empty() {
                continue;
            }
            let granted = flag(v).ok_or_else(|| wrong(column, v, "yes or no".into()))?;
            c.consent.push(Consent {
                channel: *ch,
                granted,
                on: as_of,
            });
        }
        for (name, i, _) in &custom {
            let v = cell(&row, Some(*i));
            if v.is_empty() {
                continue;
            }
            // Dates compare as dates; numbers and texts are kept as written (numeric
            // operators read numbers from texts).
            let value = match Day::parse_iso(v) {
                Some(d) => CustomValue::Date(d),
                None => CustomValue::Text(v.to_string()),
            };
            c.custom.push(CustomField {
                key: name.clone(),
                value,
            });
        }
        rows.push((id.to_string(), c));
    }
    Ok(CustomerFile { rows, columns })
}
