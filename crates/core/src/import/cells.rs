//! A row's cells read into what they mean for the mapped fields: a customer (whole,
//! or only who they are), an order's own values and its line items, an interaction.
//! Every refusal names its column and the reason.

use super::mapping::{FileKind, Mapping, Target};
use super::words;
use crate::amount::{parse_amount, Amount, AmountError};
use crate::dates::{parse_datetime, DateError, DateOrder};
use crate::formula::needs_mark;
use crate::model::{
    Consent, ConsentChannel, Currency, CustomField, CustomValue, Customer, CustomerField,
    Direction, InteractionChannel, LineItem, OrderStatus, SalesChannel,
};
use crate::time::{Day, Millis};
use crate::validate;

/// Why a row (or one of its cells) is refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reason {
    Date(DateError),
    Amount(AmountError),
    Email,
    Phone,
    /// Not a whole number of at least 1.
    Quantity,
    /// A word the field does not know (status, channel, gender...).
    Choice,
    /// Not yes or no.
    YesNo,
    Currency,
    /// A WooCommerce line item cell that is not `name:…|quantity:…|total:…`.
    LineItem,
    TooLong,
    /// A value the row needs is empty.
    Missing(Target),
    /// Nothing says who the customer is (no id, name, email or phone).
    NoCustomer,
    /// An order with neither line items nor a total.
    Empty,
    Negative,
    /// A birthday in the future or over 130 years back.
    Birthday,
    /// More values than the header has columns.
    ExtraValues {
        found: usize,
        expected: usize,
    },
}

impl std::fmt::Display for Reason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Reason::Date(DateError::Ambiguous) => {
                write!(
                    f,
                    "the date reads both day-first and month-first: choose one"
                )
            }
            Reason::Date(DateError::NoSuchDay) => write!(f, "no such day"),
            Reason::Date(DateError::BadTime) => write!(f, "not a time of day"),
            Reason::Date(_) => write!(f, "not a date"),
            Reason::Amount(AmountError::BadGrouping) => {
                write!(f, "thousands are not grouped by three")
            }
            Reason::Amount(AmountError::TooManyDecimals) => {
                write!(f, "more decimals than the currency has")
            }
            Reason::Amount(AmountError::TooLarge) => write!(f, "amount too large"),
            Reason::Amount(_) => write!(f, "not an amount"),
            Reason::Email => write!(f, "not an email address"),
            Reason::Phone => write!(f, "not a phone number"),
            Reason::Quantity => write!(f, "not a whole number of at least 1"),
            Reason::Choice => write!(f, "not a known value"),
            Reason::YesNo => write!(f, "not yes or no"),
            Reason::Currency => write!(f, "not a currency code"),
            Reason::LineItem => write!(f, "not a line item (name:…|quantity:…|total:…)"),
            Reason::TooLong => write!(f, "too long"),
            Reason::Missing(t) => write!(f, "{} is empty", t.name()),
            Reason::NoCustomer => write!(f, "no customer id, name, email or phone"),
            Reason::Empty => write!(f, "no line items and no total"),
            Reason::Negative => write!(f, "negative amount"),
            Reason::Birthday => write!(f, "birthday in the future or over 130 years ago"),
            Reason::ExtraValues { found, expected } => {
                write!(f, "{found} values, but the header has {expected} columns")
            }
        }
    }
}

/// A refused cell: its column (None: the row as a whole) and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CellError {
    pub column: Option<usize>,
    pub reason: Reason,
}

fn err(column: usize, reason: Reason) -> CellError {
    CellError {
        column: Some(column),
        reason,
    }
}

/// Column numbers per target, resolved once per file.
#[derive(Default)]
pub struct Cols {
    pub external_id: Option<usize>,
    pub full_name: Option<usize>,
    pub given: Option<usize>,
    pub family: Option<usize>,
    pub company: Option<usize>,
    pub email: Vec<usize>,
    pub phone: Vec<usize>,
    pub street: Vec<usize>,
    pub ward: Option<usize>,
    pub district: Option<usize>,
    pub city: Option<usize>,
    pub country: Option<usize>,
    pub birthday: Option<usize>,
    pub gender: Option<usize>,
    pub occupation: Option<usize>,
    pub tags: Vec<usize>,
    pub interests: Vec<usize>,
    pub notes: Vec<usize>,
    pub source: Option<usize>,
    pub created_at: Option<usize>,
    pub email_consent: Option<usize>,
    pub sms_consent: Option<usize>,
    pub kind: Option<usize>,
    pub income: Option<usize>,
    pub values: Vec<usize>,
    pub acquisition: Option<usize>,
    pub order_ref: Option<usize>,
    pub order_date: Option<usize>,
    pub total: Option<usize>,
    pub currency: Option<usize>,
    pub product: Option<usize>,
    pub sku: Option<usize>,
    pub category: Option<usize>,
    pub quantity: Option<usize>,
    pub unit_price: Option<usize>,
    pub status: Option<usize>,
    pub cancelled_at: Option<usize>,
    pub refunded: Option<usize>,
    pub sales_channel: Option<usize>,
    pub store: Option<usize>,
    pub line_specs: Vec<usize>,
    pub at: Option<usize>,
    pub channel: Option<usize>,
    pub direction: Option<usize>,
    pub subject: Option<usize>,
    pub note: Vec<usize>,
    pub custom: Vec<(usize, String)>,
    /// Amount columns' decimal marks (by column), from the file's first rows.
    pub marks: Vec<Option<char>>,
}

impl Cols {
    pub fn of(mapping: &Mapping) -> Cols {
        let mut c = Cols {
            marks: vec![None; mapping.columns.len()],
            ..Cols::default()
        };
        for (i, t) in mapping.columns.iter().enumerate() {
            use Target::*;
            let one = Some(i);
            match t {
                Ignore => {}
                ExternalId => c.external_id = one,
                FullName => c.full_name = one,
                GivenName => c.given = one,
                FamilyName => c.family = one,
                Company => c.company = one,
                Email => c.email.push(i),
                Phone => c.phone.push(i),
                Street => c.street.push(i),
                Ward => c.ward = one,
                District => c.district = one,
                City => c.city = one,
                Country => c.country = one,
                Birthday => c.birthday = one,
                Gender => c.gender = one,
                Occupation => c.occupation = one,
                Tags => c.tags.push(i),
                Interests => c.interests.push(i),
                Notes => c.notes.push(i),
                Source => c.source = one,
                CreatedAt => c.created_at = one,
                EmailConsent => c.email_consent = one,
                SmsConsent => c.sms_consent = one,
                Kind => c.kind = one,
                Income => c.income = one,
                Values => c.values.push(i),
                Acquisition => c.acquisition = one,
                // Recognised, not imported: Clientele computes these itself.
                Computed => {}
                OrderRef => c.order_ref = one,
                OrderDate => c.order_date = one,
                Total => c.total = one,
                Target::Currency => c.currency = one,
                Product => c.product = one,
                Sku => c.sku = one,
                Category => c.category = one,
                Quantity => c.quantity = one,
                UnitPrice => c.unit_price = one,
                Status => c.status = one,
                CancelledAt => c.cancelled_at = one,
                RefundedAmount => c.refunded = one,
                Target::SalesChannel => c.sales_channel = one,
                Store => c.store = one,
                LineItemSpec => c.line_specs.push(i),
                InteractionDate => c.at = one,
                Target::InteractionChannel => c.channel = one,
                Target::Direction => c.direction = one,
                Subject => c.subject = one,
                Note => c.note.push(i),
                Custom(key) => c.custom.push((i, key.trim().to_string())),
            }
        }
        c
    }

    /// The columns whose values are amounts (their decimal mark is inferred).
    pub fn amount_columns(&self) -> Vec<usize> {
        [self.total, self.unit_price, self.refunded]
            .into_iter()
            .flatten()
            .chain(self.line_specs.iter().copied())
            .collect()
    }

    /// The columns whose values are dates (their day/month order is inferred).
    pub fn date_columns(&self, kind: FileKind) -> Vec<usize> {
        let cols = match kind {
            FileKind::Customers => vec![self.birthday, self.created_at],
            FileKind::Orders => vec![self.order_date, self.cancelled_at],
            FileKind::Interactions => vec![self.at],
        };
        cols.into_iter().flatten().collect()
    }
}

/// How to read dates and amounts.
#[derive(Clone, Copy, Debug)]
pub struct Reading {
    pub date_order: Option<DateOrder>,
    pub offset_minutes: i32,
    pub currency: Currency,
    pub today: Day,
}

/// One row's cells, with the file's columns and how to read them.
pub struct Cells<'a> {
    pub cols: &'a Cols,
    pub fields: &'a [String],
    pub reading: Reading,
}

impl<'a> Cells<'a> {
    pub fn get(&self, col: Option<usize>) -> &'a str {
        let v = col
            .and_then(|i| self.fields.get(i))
            .map_or("", |s| s.trim());
        // A cell an export neutralised (`'=…`, `'+84…`) reads as what was exported.
        match v.strip_prefix('\'') {
            Some(rest) if needs_mark(rest) => rest.trim(),
            _ => v,
        }
    }

    fn joined(&self, cols: &[usize], sep: &str) -> String {
        let parts: Vec<&str> = cols
            .iter()
            .map(|&i| self.get(Some(i)))
            .filter(|s| !s.is_empty())
            .collect();
        parts.join(sep)
    }

    fn text(&self, col: Option<usize>, max: usize, errors: &mut Vec<CellError>) -> String {
        let v = self.get(col);
        if v.chars().count() > max {
            errors.push(err(col.unwrap_or(0), Reason::TooLong));
        }
        v.to_string()
    }

    pub fn datetime(&self, col: Option<usize>) -> Result<Option<Millis>, CellError> {
        let v = self.get(col);
        if v.is_empty() {
            return Ok(None);
        }
        let r = self.reading;
        parse_datetime(v, r.date_order, r.offset_minutes)
            .map(Some)
            .map_err(|e| err(col.unwrap_or(0), Reason::Date(e)))
    }

    fn day(&self, col: Option<usize>) -> Result<Option<Day>, CellError> {
        let offset = self.reading.offset_minutes as i64 * 60_000;
        Ok(self.datetime(col)?.map(|ms| Day::of_millis(ms + offset)))
    }

    pub fn amount(
        &self,
        col: Option<usize>,
        currency: Currency,
    ) -> Result<Option<Amount>, CellError> {
        let v = self.get(col);
        if v.is_empty() {
            return Ok(None);
        }
        let i = col.unwrap_or(0);
        parse_amount(v, currency, self.cols.marks.get(i).copied().flatten())
            .map(Some)
            .map_err(|e| err(i, Reason::Amount(e)))
    }

    fn choice<T>(
        &self,
        col: Option<usize>,
        read: fn(&str) -> Option<T>,
    ) -> Result<Option<T>, CellError> {
        let v = self.get(col);
        if v.is_empty() {
            return Ok(None);
        }
        read(v)
            .map(Some)
            .ok_or_else(|| err(col.unwrap_or(0), Reason::Choice))
    }

    /// The row's currency: its currency column, else the file's.
    pub fn currency(&self) -> Result<Currency, CellError> {
        let v = self.get(self.cols.currency);
        if v.is_empty() {
            return Ok(self.reading.currency);
        }
        Currency::parse(v).ok_or_else(|| err(self.cols.currency.unwrap_or(0), Reason::Currency))
    }

    /// Who the row is about, and for a customers file everything about them. Also
    /// the fields the row gives a value (an update writes only those).
    pub fn customer(&self, whole: bool) -> Result<(Customer, Vec<CustomerField>), Vec<CellError>> {
        let c = self.cols;
        let mut e = Vec::new();
        let mut out = Customer::default();
        let max = validate::MAX_TEXT;
        out.external_id = self.text(c.external_id, max, &mut e);
        out.display_name = self.text(c.full_name, max, &mut e);
        out.given_name = self.text(c.given, max, &mut e);
        out.family_name = self.text(c.family, max, &mut e);
        let company = self.text(c.company, max, &mut e);
        if out.name().is_empty() && !company.is_empty() {
            out.kind = crate::model::PartyKind::Organisation;
            out.display_name = company;
        }
        for &i in &c.email {
            for part in self
                .get(Some(i))
                .split([',', ';', ' '])
                .filter(|s| !s.is_empty())
            {
                if !validate::is_email(part) {
                    e.push(err(i, Reason::Email));
                } else if !out.emails.iter().any(|x| x.eq_ignore_ascii_case(part)) {
                    out.emails.push(part.to_string());
                }
            }
        }
        for &i in &c.phone {
            for part in self.get(Some(i)).split([',', ';', '/']).map(str::trim) {
                if part.is_empty() {
                    continue;
                }
                let part = part.trim_start_matches('\'');
                match validate::phone_key(part) {
                    None => e.push(err(i, Reason::Phone)),
                    Some(key) => {
                        if !out
                            .phones
                            .iter()
                            .any(|p| validate::phone_key(p).as_deref() == Some(&key))
                        {
                            out.phones.push(part.to_string());
                        }
                    }
                }
            }
        }
        out.address.street = self.joined(&c.street, ", ");
        out.address.ward = self.text(c.ward, max, &mut e);
        out.address.district = self.text(c.district, max, &mut e);
        out.address.city = self.text(c.city, max, &mut e);
        out.address.country = words::country(self.get(c.country));
        if whole {
            self.profile(&mut out, &mut e);
        }
        if !e.is_empty() {
            return Err(e);
        }
        let fields = present(&out, self, whole);
        Ok((out, fields))
    }

    /// The fields only a customers file has.
    fn profile(&self, out: &mut Customer, e: &mut Vec<CellError>) {
        let c = self.cols;
        let max = validate::MAX_TEXT;
        match self.day(c.birthday) {
            Ok(Some(d)) if d > self.reading.today || d.years_until(self.reading.today) > 130 => {
                e.push(err(c.birthday.unwrap_or(0), Reason::Birthday))
            }
            Ok(d) => out.birthday = d,
            Err(x) => e.push(x),
        }
        match self.choice(c.gender, words::gender) {
            Ok(g) => out.gender = g,
            Err(x) => e.push(x),
        }
        out.occupation = self.text(c.occupation, max, e);
        out.source = self.text(c.source, max, e);
        // Several columns' lists read as one, so a tag in two columns is kept once.
        out.tags = words::list(&self.joined(&c.tags, ","));
        out.interests = words::list(&self.joined(&c.interests, ","));
        out.values = words::list(&self.joined(&c.values, ","));
        match self.choice(c.kind, words::party_kind) {
            Ok(Some(k)) => out.kind = k,
            Ok(None) => {}
            Err(x) => e.push(x),
        }
        match self.choice(c.income, words::income) {
            Ok(i) => out.income = i,
            Err(x) => e.push(x),
        }
        match self.choice(c.acquisition, words::acquisition) {
            Ok(a) => out.channel = a,
            Err(x) => e.push(x),
        }
        out.notes = self.joined(&c.notes, "\n");
        if out.notes.chars().count() > validate::MAX_NOTES {
            e.push(err(c.notes[0], Reason::TooLong));
        }
        match self.datetime(c.created_at) {
            Ok(t) => out.created_at = t.unwrap_or(0),
            Err(x) => e.push(x),
        }
        for (col, channel) in [
            (c.email_consent, ConsentChannel::Email),
            (c.sms_consent, ConsentChannel::Sms),
        ] {
            match self.choice(col, words::yes_no) {
                Ok(Some(granted)) => out.consent.push(Consent {
                    channel,
                    granted,
                    on: self.reading.today,
                }),
                Ok(None) => {}
                Err(x) => e.push(CellError {
                    reason: Reason::YesNo,
                    ..x
                }),
            }
        }
        for (i, key) in &c.custom {
            let v = self.get(Some(*i));
            if !v.is_empty() {
                out.custom.push(CustomField {
                    key: key.clone(),
                    value: CustomValue::Text(v.to_string()),
                });
            }
        }
    }

    /// A line item from the product columns, if the row has one.
    pub fn item(&self, currency: Currency) -> Result<Option<LineItem>, CellError> {
        let c = self.cols;
        let product = self.get(c.product);
        if product.is_empty() {
            return Ok(None);
        }
        let quantity = match self.get(c.quantity) {
            "" => 1,
            q => {
                words::quantity(q).ok_or_else(|| err(c.quantity.unwrap_or(0), Reason::Quantity))?
            }
        };
        let unit_price = match self.amount(c.unit_price, currency)? {
            Some(a) if a.minor < 0 => return Err(err(c.unit_price.unwrap_or(0), Reason::Negative)),
            Some(a) => a.minor,
            None => 0,
        };
        Ok(Some(LineItem {
            product: product.to_string(),
            sku: self.get(c.sku).to_string(),
            category: self.get(c.category).to_string(),
            quantity,
            unit_price,
        }))
    }

    /// WooCommerce's line item cells.
    pub fn spec_items(&self, currency: Currency) -> Result<Vec<LineItem>, CellError> {
        let mut out = Vec::new();
        for &i in &self.cols.line_specs {
            let v = self.get(Some(i));
            if v.is_empty() {
                continue;
            }
            let spec = words::line_spec(v).ok_or_else(|| err(i, Reason::LineItem))?;
            let quantity = match spec.quantity {
                "" => 1,
                q => words::quantity(q).ok_or_else(|| err(i, Reason::Quantity))?,
            };
            let total = if spec.total.is_empty() {
                0
            } else {
                parse_amount(spec.total, currency, Some('.'))
                    .map_err(|e| err(i, Reason::Amount(e)))?
                    .minor
            };
            out.push(LineItem {
                product: spec.name.to_string(),
                sku: spec.sku.to_string(),
                category: String::new(),
                quantity,
                unit_price: total / quantity as i64,
            });
        }
        Ok(out)
    }

    /// The order's status from its status, cancellation and refund cells.
    pub fn status(&self) -> Result<Option<OrderStatus>, CellError> {
        let cancelled = self.datetime(self.cols.cancelled_at)?;
        if cancelled.is_some() {
            return Ok(Some(OrderStatus::Cancelled));
        }
        self.choice(self.cols.status, words::status)
    }

    pub fn sales_channel(&self) -> Result<Option<SalesChannel>, CellError> {
        self.choice(self.cols.sales_channel, words::sales_channel)
    }

    pub fn interaction_channel(&self) -> Result<Option<InteractionChannel>, CellError> {
        self.choice(self.cols.channel, words::interaction_channel)
    }

    pub fn direction(&self) -> Result<Option<Direction>, CellError> {
        self.choice(self.cols.direction, words::direction)
    }

    pub fn notes(&self, cols: &[usize]) -> String {
        self.joined(cols, "\n")
    }
}

/// The fields a row gives a value: an update leaves the others as they are.
fn present(c: &Customer, cells: &Cells, whole: bool) -> Vec<CustomerField> {
    let cols = cells.cols;
    let mut out = Vec::new();
    let filled = |col: Option<usize>| !cells.get(col).is_empty();
    let any = |cols: &[usize]| cols.iter().any(|&i| !cells.get(Some(i)).is_empty());
    if !c.external_id.is_empty() {
        out.push(CustomerField::ExternalId(c.external_id.clone()));
    }
    if !c.display_name.is_empty() {
        out.push(CustomerField::DisplayName(c.display_name.clone()));
        out.push(CustomerField::Kind(c.kind));
    }
    if !c.given_name.is_empty() {
        out.push(CustomerField::GivenName(c.given_name.clone()));
    }
    if !c.family_name.is_empty() {
        out.push(CustomerField::FamilyName(c.family_name.clone()));
    }
    if !c.emails.is_empty() {
        out.push(CustomerField::Emails(c.emails.clone()));
    }
    if !c.phones.is_empty() {
        out.push(CustomerField::Phones(c.phones.clone()));
    }
    let a = &c.address;
    if !(a.street.is_empty()
        && a.ward.is_empty()
        && a.district.is_empty()
        && a.city.is_empty()
        && a.country.is_empty())
    {
        out.push(CustomerField::Address(a.clone()));
    }
    if !whole {
        return out;
    }
    if c.birthday.is_some() {
        out.push(CustomerField::Birthday(c.birthday));
    }
    if c.gender.is_some() {
        out.push(CustomerField::Gender(c.gender));
    }
    if filled(cols.occupation) {
        out.push(CustomerField::Occupation(c.occupation.clone()));
    }
    if filled(cols.source) {
        out.push(CustomerField::Source(c.source.clone()));
    }
    if !c.tags.is_empty() {
        out.push(CustomerField::Tags(c.tags.clone()));
    }
    if !c.interests.is_empty() {
        out.push(CustomerField::Interests(c.interests.clone()));
    }
    if !c.values.is_empty() {
        out.push(CustomerField::Values(c.values.clone()));
    }
    if filled(cols.kind) {
        out.push(CustomerField::Kind(c.kind));
    }
    if c.income.is_some() {
        out.push(CustomerField::Income(c.income));
    }
    if c.channel.is_some() {
        out.push(CustomerField::Channel(c.channel));
    }
    if any(&cols.notes) {
        out.push(CustomerField::Notes(c.notes.clone()));
    }
    if filled(cols.created_at) {
        out.push(CustomerField::CreatedAt(c.created_at));
    }
    if !c.consent.is_empty() {
        out.push(CustomerField::Consent(c.consent.clone()));
    }
    if !c.custom.is_empty() {
        out.push(CustomerField::Custom(c.custom.clone()));
    }
    out
}
