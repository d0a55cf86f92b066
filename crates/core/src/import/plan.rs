//! One import, planned before anything is written: every row read, checked and
//! matched to the customers already there, giving the counts and problems the user
//! sees in the preview and the records to write (all or nothing) if they go ahead.
//!
//! Customers are matched by external id, email and phone (as the user chooses;
//! phones compared in national form, `+84 912…` = `0912…`). Orders and interactions
//! find their customer the same way and create it when it is new. An order already
//! there (same customer, same minute, same total) or repeated in the file is a
//! duplicate. Rows of one order (line items) follow each other and share its number;
//! order-level values are read from its first row, as Shopify writes them.

use super::cells::{CellError, Cells, Cols, Reading, Reason};
use super::mapping::{FileKind, Mapping, MappingError};
use super::rows::Row;
use crate::dates::{infer_order, OrderGuess};
use crate::db::{bucket_of, Db, BUCKETS};
use crate::hlc::Hlc;
use crate::model::{
    Customer, CustomerField, Interaction, LineItem, Order, OrderStatus, PartyKind, SalesChannel,
};
use crate::packed::{Packed, Sealed};
use crate::record::{Fields, Record};
use crate::time::Millis;
use crate::validate;
use crate::Id;
use rand::{Rng, SeedableRng};
use rustc_hash::{FxHashMap, FxHashSet};
use std::hash::{Hash, Hasher};

/// What the import may do to customers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Mode {
    /// Add new customers; rows matching one already there are duplicates.
    Create,
    /// Change customers already there; rows matching none are not found.
    Update,
    CreateAndUpdate,
}

/// The keys that say two customers are the same.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct MatchBy {
    pub external_id: bool,
    pub email: bool,
    pub phone: bool,
}

impl Default for MatchBy {
    fn default() -> MatchBy {
        MatchBy {
            external_id: true,
            email: true,
            phone: true,
        }
    }
}

#[derive(Clone, Copy, Debug)]
pub struct Settings {
    pub mode: Mode,
    pub match_by: MatchBy,
    pub reading: Reading,
    /// The stamp of every record the import writes: it also tells them apart later
    /// (revert).
    pub stamp: Hlc,
    /// Seeds the new records' ids.
    pub seed: u64,
    pub now: Millis,
}

impl Settings {
    /// For checking a file without writing it (the CLI, benchmarks, fuzzing): create
    /// and update, matched by every key, with a fixed stamp and seed.
    pub fn checking(reading: Reading, now: Millis) -> Settings {
        Settings {
            mode: Mode::CreateAndUpdate,
            match_by: MatchBy::default(),
            reading,
            stamp: Hlc {
                millis: 1,
                counter: 0,
                device: crate::hlc::DeviceId(1),
            },
            seed: 1,
            now,
        }
    }
}

/// A row refused, where and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub line: u32,
    pub column: Option<usize>,
    pub value: String,
    pub reason: Reason,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Records in the file (orders, not their line item rows).
    pub records: u64,
    pub new: u64,
    pub updated: u64,
    /// Already there (unchanged, or create-only), or repeated in the file.
    pub duplicate: u64,
    pub invalid: u64,
    /// Update only: no customer matched.
    pub not_found: u64,
    /// Customers created along the way: for orders and interactions, and the
    /// organisations people belong to.
    pub new_customers: u64,
}

/// One record of the preview, as it will be stored.
#[derive(Clone, Debug, PartialEq)]
pub enum Preview {
    Customer(Box<Customer>),
    Order {
        order: Order,
        customer: String,
    },
    Interaction {
        interaction: Interaction,
        customer: String,
    },
}

/// The problems listed (all are counted).
pub const MAX_PROBLEMS: usize = 1000;
pub const PREVIEW_ROWS: usize = 10;

/// A customer the import creates or changes, and what it was before (None: new).
pub type Change = (Record<Customer>, Option<Record<Customer>>);

/// A customer the import creates or changes, kept encoded.
pub struct Changed {
    pub id: Id,
    /// It was there before the import (its `Change` holds what it was).
    pub existed: bool,
    pub change: Sealed<Change>,
}

/// The records are kept encoded until written (`crate::packed`): a million orders
/// would take about 330 MB decoded, about 80 MB so.
pub struct Plan {
    pub kind: FileKind,
    pub counts: Counts,
    pub problems: Vec<Problem>,
    pub preview: Vec<Preview>,
    pub stamp: Hlc,
    /// New and changed customers, by id (`customers()` decodes them).
    pub changes: Vec<Changed>,
    /// New orders and interactions, by bucket of their customer.
    pub orders: Vec<Packed<Record<Order>>>,
    pub interactions: Vec<Packed<Record<Interaction>>>,
}

impl Plan {
    /// Records the import would write.
    pub fn writes(&self) -> u64 {
        (self.changes.len()
            + self.orders.iter().map(Packed::len).sum::<usize>()
            + self.interactions.iter().map(Packed::len).sum::<usize>()) as u64
    }

    /// The customers created or changed, decoded, in the order the file gave them.
    pub fn customers(&self) -> impl Iterator<Item = Change> + '_ {
        self.changes.iter().map(|c| c.change.open())
    }

    /// The customers that were there before, as they were.
    pub fn before(&self) -> impl Iterator<Item = Record<Customer>> + '_ {
        self.changes
            .iter()
            .filter(|c| c.existed)
            .filter_map(|c| c.change.open().1)
    }

    /// The buckets the import touches.
    pub fn buckets(&self) -> Vec<u32> {
        let mut b: Vec<u32> = self
            .changes
            .iter()
            .map(|c| bucket_of(c.id))
            .chain((0..BUCKETS).filter(|&b| {
                !self.orders[b as usize].is_empty() || !self.interactions[b as usize].is_empty()
            }))
            .collect();
        b.sort_unstable();
        b.dedup();
        b
    }
}

/// The day/month order and decimal marks the first rows show (`rows` without the
/// header). An ambiguous or conflicting order is for the user to settle.
pub fn analyse(mapping: &Mapping, rows: &[Row]) -> (OrderGuess, Vec<Option<char>>) {
    let cols = Cols::of(mapping);
    let mut guess = OrderGuess::NotNeeded;
    for col in cols.date_columns(mapping.kind) {
        let g = infer_order(
            rows.iter()
                .filter_map(|r| r.fields.get(col).map(String::as_str)),
        );
        guess = match (guess, g) {
            (OrderGuess::NotNeeded, g) | (g, OrderGuess::NotNeeded) => g,
            (OrderGuess::Decided(a), OrderGuess::Decided(b)) if a != b => OrderGuess::Conflicting,
            (OrderGuess::Conflicting, _) | (_, OrderGuess::Conflicting) => OrderGuess::Conflicting,
            (OrderGuess::Decided(a), _) | (_, OrderGuess::Decided(a)) => OrderGuess::Decided(a),
            _ => OrderGuess::Ambiguous,
        };
    }
    let mut marks = vec![None; mapping.columns.len()];
    for col in cols.amount_columns() {
        marks[col] = crate::amount::infer_decimal_mark(
            rows.iter()
                .filter_map(|r| r.fields.get(col).map(String::as_str)),
        );
    }
    (guess, marks)
}

/// An order whose rows are still being read.
struct Group {
    line: u32,
    reference: String,
    first: Vec<String>,
    items: Vec<LineItem>,
    errors: Vec<(u32, CellError)>,
}

pub struct Importer {
    kind: FileKind,
    preset: Option<super::mapping::Preset>,
    cols: Cols,
    width: usize,
    settings: Settings,
    rng: rand_chacha::ChaCha8Rng,
    /// Customer keys ("i:", "e:", "p:" + value) to their id.
    keys: FxHashMap<String, Id>,
    /// Organisations by folded name.
    organisations: crate::search::NameIndex,
    /// Index in `plan.changes` of each customer this import creates or changes.
    changed: FxHashMap<Id, usize>,
    /// The line that first created or changed each customer (for duplicates).
    seen: FxHashMap<Id, u32>,
    /// Orders (customer, minute, total) and interactions (customer, minute) stored,
    /// and read from the file.
    stored: FxHashSet<u64>,
    signatures: FxHashSet<u64>,
    references: FxHashSet<u64>,
    group: Option<Group>,
    plan: Plan,
}

fn sig(parts: impl Hash) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    parts.hash(&mut h);
    h.finish()
}

impl Importer {
    pub fn new(
        db: &Db,
        mapping: &Mapping,
        marks: Vec<Option<char>>,
        settings: Settings,
    ) -> Result<Importer, MappingError> {
        mapping.check()?;
        let mut cols = Cols::of(mapping);
        cols.marks = marks;
        cols.marks.resize(mapping.columns.len(), None);
        let mut keys = FxHashMap::default();
        let mut organisations = crate::search::NameIndex::default();
        for p in 0..db.len() as u32 {
            let r = db.at(p);
            if r.is_deleted() {
                continue;
            }
            for k in customer_keys(&r.data, settings.match_by) {
                keys.entry(k).or_insert(r.id);
            }
            if settings.match_by.external_id {
                // Exports write Clientele's id when the shop gave none.
                keys.entry(format!("i:{}", r.id)).or_insert(r.id);
            }
            if r.data.kind == PartyKind::Organisation {
                organisations.insert(&r.data.name(), r.id);
            }
        }
        let stored: FxHashSet<u64> = match mapping.kind {
            FileKind::Orders => db
                .order_facts()
                .map(|f| sig((f.customer, f.placed_at / 60_000, f.total)))
                .collect(),
            FileKind::Interactions => db
                .interaction_facts()
                .map(|f| sig((f.customer, f.at / 60_000)))
                .collect(),
            FileKind::Customers => FxHashSet::default(),
        };
        Ok(Importer {
            kind: mapping.kind,
            preset: mapping.preset,
            cols,
            width: mapping.columns.len(),
            rng: rand_chacha::ChaCha8Rng::seed_from_u64(settings.seed),
            settings,
            keys,
            organisations,
            changed: FxHashMap::default(),
            seen: FxHashMap::default(),
            stored,
            signatures: FxHashSet::default(),
            references: FxHashSet::default(),
            group: None,
            plan: Plan {
                kind: mapping.kind,
                counts: Counts::default(),
                problems: Vec::new(),
                preview: Vec::new(),
                stamp: settings.stamp,
                changes: Vec::new(),
                orders: vec![Packed::default(); BUCKETS as usize],
                interactions: vec![Packed::default(); BUCKETS as usize],
            },
        })
    }

    /// Reads one row (not the header).
    pub fn row(&mut self, db: &Db, row: Row) {
        if row.fields.len() > self.width
            && row.fields[self.width..]
                .iter()
                .any(|f| !f.trim().is_empty())
        {
            self.plan.counts.records += 1;
            self.invalid(
                row.line,
                &row.fields,
                vec![CellError {
                    column: None,
                    reason: Reason::ExtraValues {
                        found: row.fields.len(),
                        expected: self.width,
                    },
                }],
            );
            return;
        }
        match self.kind {
            FileKind::Customers => self.customer_row(db, &row),
            FileKind::Orders => self.order_row(db, row),
            FileKind::Interactions => self.interaction_row(db, &row),
        }
    }

    pub fn finish(mut self, db: &Db) -> Plan {
        self.end_group(db);
        self.plan
    }

    /// The counts so far (progress).
    pub fn counts(&self) -> Counts {
        self.plan.counts
    }

    fn cells<'r>(&'r self, fields: &'r [String]) -> Cells<'r> {
        Cells {
            cols: &self.cols,
            fields,
            reading: self.settings.reading,
        }
    }

    fn invalid(&mut self, line: u32, fields: &[String], errors: Vec<CellError>) {
        self.plan.counts.invalid += 1;
        for e in errors {
            if self.plan.problems.len() >= MAX_PROBLEMS {
                break;
            }
            let value = e
                .column
                .and_then(|c| fields.get(c))
                .cloned()
                .unwrap_or_default();
            self.plan.problems.push(Problem {
                line,
                column: e.column,
                value,
                reason: e.reason,
            });
        }
    }

    fn new_id(&mut self) -> Id {
        let random: [u8; 10] = self.rng.random();
        Id::new_v7(self.settings.now.max(0) as u64, random)
    }

    fn find(&self, c: &Customer) -> Option<Id> {
        customer_keys(c, self.settings.match_by)
            .into_iter()
            .find_map(|k| self.keys.get(&k).copied())
    }

    fn remember(&mut self, id: Id, c: &Customer) {
        for k in customer_keys(c, self.settings.match_by) {
            self.keys.entry(k).or_insert(id);
        }
    }

    /// The current record of a customer (changed by this import, or stored).
    fn current(&self, db: &Db, id: Id) -> Option<Record<Customer>> {
        match self.changed.get(&id) {
            Some(&i) => Some(self.plan.changes[i].change.open().0),
            None => db.customer(id).cloned(),
        }
    }

    /// The name of a customer, for the preview.
    fn name_of(&self, db: &Db, id: Id) -> String {
        self.current(db, id)
            .map(|c| c.data.name())
            .unwrap_or_default()
    }

    fn add_customer(&mut self, mut data: Customer, line: u32) -> Id {
        let id = self.new_id();
        if data.created_at == 0 {
            data.created_at = self.settings.now;
        }
        self.remember(id, &data);
        if data.kind == PartyKind::Organisation {
            self.organisations.insert(&data.name(), id);
        }
        self.changed.insert(id, self.plan.changes.len());
        self.seen.insert(id, line);
        self.plan.changes.push(Changed {
            id,
            existed: false,
            change: Sealed::new(&(Record::new(id, data, self.settings.stamp), None)),
        });
        id
    }

    /// The organisation named `name`, created if new.
    fn organisation(&mut self, name: &str, line: u32) -> Id {
        if let Some(id) = self.organisations.get(name) {
            return id;
        }
        self.plan.counts.new_customers += 1;
        let org = Customer {
            kind: PartyKind::Organisation,
            display_name: name.to_string(),
            ..Customer::default()
        };
        self.add_customer(org, line)
    }

    fn customer_row(&mut self, db: &Db, row: &Row) {
        self.plan.counts.records += 1;
        let (mut data, fields, company) = {
            let cells = self.cells(&row.fields);
            let company = cells.get(self.cols.company).to_string();
            match cells.customer(true) {
                Ok((c, f)) => (c, f, company),
                Err(e) => return self.invalid(row.line, &row.fields, e),
            }
        };
        let found = self.find(&data);
        if found.is_some_and(|id| self.seen.contains_key(&id)) {
            self.plan.counts.duplicate += 1;
            return;
        }
        match (found, self.settings.mode) {
            (Some(_), Mode::Create) => self.plan.counts.duplicate += 1,
            (None, Mode::Update) => self.plan.counts.not_found += 1,
            (None, _) if data.name().is_empty() => {
                // A new customer needs a name; an update does not.
                let col = self
                    .cols
                    .full_name
                    .or(self.cols.given)
                    .or(self.cols.company);
                let missing = Reason::Missing(super::mapping::Target::FullName);
                self.invalid(
                    row.line,
                    &row.fields,
                    vec![CellError {
                        column: col,
                        reason: missing,
                    }],
                );
            }
            (None, _) => {
                if data.kind == PartyKind::Person && !company.is_empty() {
                    data.company = Some(self.organisation(&company, row.line));
                }
                self.preview(|_| Preview::Customer(Box::new(data.clone())));
                self.plan.counts.new += 1;
                self.add_customer(data, row.line);
            }
            (Some(id), _) => self.update(db, id, fields, &company, row.line),
        }
    }

    /// Writes the row's fields into a customer already there (lists are joined).
    fn update(&mut self, db: &Db, id: Id, fields: Vec<CustomerField>, company: &str, line: u32) {
        let Some(before) = self.current(db, id) else {
            return;
        };
        let mut after = before.clone();
        let stamp = self.settings.stamp;
        let mut fields = fields;
        // The customer's own Clientele id (as exports write it) is not a shop's id.
        let own = id.to_string();
        fields.retain(|f| !matches!(f, CustomerField::ExternalId(x) if *x == own));
        if !company.is_empty() && before.data.kind == PartyKind::Person {
            let org = self.organisation(company, line);
            fields.push(CustomerField::Company(Some(org)));
        }
        for f in fields {
            let merged = merge_field(&after.data, f);
            let n = Customer::number(&merged);
            if after.data.get(n) != merged {
                after.write(merged, stamp);
            }
        }
        self.seen.insert(id, line);
        if after == before {
            self.plan.counts.duplicate += 1;
            return;
        }
        self.remember(id, &after.data);
        self.plan.counts.updated += 1;
        self.preview(|_| Preview::Customer(Box::new(after.data.clone())));
        match self.changed.get(&id) {
            Some(&i) => {
                let c = &mut self.plan.changes[i];
                let (_, first) = c.change.open();
                c.change = Sealed::new(&(after, first));
            }
            None => {
                self.changed.insert(id, self.plan.changes.len());
                self.plan.changes.push(Changed {
                    id,
                    existed: true,
                    change: Sealed::new(&(after, Some(before))),
                });
            }
        }
    }

    /// Adds a record to the preview while it takes records: `make` builds it only
    /// then, not for every row of a large file.
    fn preview(&mut self, make: impl FnOnce(&Self) -> Preview) {
        if self.plan.preview.len() < PREVIEW_ROWS {
            let p = make(self);
            self.plan.preview.push(p);
        }
    }

    /// The customer an order or interaction row names: found, or created from it.
    /// `None` when update-only finds nobody.
    fn owner(
        &mut self,
        fields: &[String],
        line: u32,
        at: Millis,
    ) -> Result<Option<Id>, Vec<CellError>> {
        let (mut who, company) = {
            let cells = self.cells(fields);
            (
                cells.customer(false)?.0,
                cells.get(self.cols.company).to_string(),
            )
        };
        if who.external_id.is_empty()
            && who.name().is_empty()
            && who.emails.is_empty()
            && who.phones.is_empty()
        {
            return Err(vec![CellError {
                column: None,
                reason: Reason::NoCustomer,
            }]);
        }
        if let Some(id) = self.find(&who) {
            return Ok(Some(id));
        }
        if self.settings.mode == Mode::Update {
            return Ok(None);
        }
        if who.name().is_empty() {
            who.display_name = who
                .emails
                .first()
                .or(who.phones.first())
                .cloned()
                .unwrap_or_else(|| who.external_id.clone());
        }
        if who.kind == PartyKind::Person && !company.is_empty() {
            who.company = Some(self.organisation(&company, line));
        }
        who.created_at = at;
        self.plan.counts.new_customers += 1;
        Ok(Some(self.add_customer(who, line)))
    }

    fn order_row(&mut self, db: &Db, row: Row) {
        let same = {
            let reference = self.cells(&row.fields).get(self.cols.order_ref);
            self.group
                .as_ref()
                .is_some_and(|g| !reference.is_empty() && g.reference == reference)
        };
        // Line items are in the currency of the order's first row.
        let items = {
            let first = match &self.group {
                Some(g) if same => &g.first[..],
                _ => &row.fields[..],
            };
            let currency = self
                .cells(first)
                .currency()
                .unwrap_or(self.settings.reading.currency);
            let cells = self.cells(&row.fields);
            cells.item(currency).and_then(|i| {
                let mut v: Vec<LineItem> = i.into_iter().collect();
                v.extend(cells.spec_items(currency)?);
                Ok(v)
            })
        };
        if !same {
            self.end_group(db);
            let reference = self.cells(&row.fields).get(self.cols.order_ref).to_string();
            self.group = Some(Group {
                line: row.line,
                reference,
                first: row.fields,
                items: Vec::new(),
                errors: Vec::new(),
            });
        }
        let g = self.group.as_mut().expect("set above");
        match items {
            Ok(v) => g.items.extend(v),
            Err(e) => g.errors.push((row.line, e)),
        }
    }

    fn end_group(&mut self, db: &Db) {
        let Some(mut g) = self.group.take() else {
            return;
        };
        self.plan.counts.records += 1;
        if let Some((line, _)) = g.errors.first() {
            let line = *line;
            let errors = g.errors.into_iter().map(|(_, e)| e).collect();
            return self.invalid(line, &g.first, errors);
        }
        if let Err(e) = self.order_of(db, &mut g) {
            self.invalid(g.line, &g.first, e);
        }
    }

    /// Builds, matches and keeps (or counts as duplicate) the order of a group.
    fn order_of(&mut self, db: &Db, g: &mut Group) -> Result<(), Vec<CellError>> {
        let one = |e: CellError| vec![e];
        let (placed_at, currency, total, refunded, status, channel, store) = {
            let cells = self.cells(&g.first);
            let placed_at = cells
                .datetime(self.cols.order_date)
                .map_err(one)?
                .ok_or_else(|| {
                    one(CellError {
                        column: self.cols.order_date,
                        reason: Reason::Missing(super::mapping::Target::OrderDate),
                    })
                })?;
            let currency = cells.currency().map_err(one)?;
            let total = cells.amount(self.cols.total, currency).map_err(one)?;
            let refunded = cells.amount(self.cols.refunded, currency).map_err(one)?;
            let status = cells.status().map_err(one)?;
            let channel = cells.sales_channel().map_err(one)?;
            let store = cells.get(self.cols.store).to_string();
            (placed_at, currency, total, refunded, status, channel, store)
        };
        let items_total: i64 = g
            .items
            .iter()
            .map(LineItem::amount)
            .fold(0, i64::saturating_add);
        let mut total = total.map_or(items_total, |a| a.minor);
        let mut status = status.unwrap_or(OrderStatus::Paid);
        if let Some(r) = refunded.filter(|r| r.minor > 0) {
            if r.minor >= total && status != OrderStatus::Cancelled {
                status = OrderStatus::Refunded;
            } else {
                total -= r.minor;
            }
        }
        // Online shops' exports are online sales unless they say otherwise.
        let default_channel = match self.preset {
            Some(_) => SalesChannel::Online,
            None => SalesChannel::default(),
        };
        let order = Order {
            customer: Id::default(),
            placed_at,
            items: std::mem::take(&mut g.items),
            total,
            currency,
            channel: channel.unwrap_or(default_channel),
            store,
            status,
            deleted: false,
            reference: g.reference.clone(),
        };
        if let Err(errors) = validate::order(&order) {
            return Err(errors
                .into_iter()
                .map(|e| CellError {
                    column: match e.field {
                        "total" => self.cols.total,
                        "items" => self.cols.product.or(self.cols.unit_price),
                        "store" => self.cols.store,
                        _ => None,
                    },
                    reason: match e.problem {
                        validate::Problem::Negative => Reason::Negative,
                        validate::Problem::TooLong => Reason::TooLong,
                        _ => Reason::Empty,
                    },
                })
                .collect());
        }
        if !g.reference.is_empty() && !self.references.insert(sig(&g.reference)) {
            self.plan.counts.duplicate += 1;
            return Ok(());
        }
        let Some(customer) = self.owner(&g.first, g.line, placed_at)? else {
            self.plan.counts.not_found += 1;
            return Ok(());
        };
        // Orders without a number are told apart by customer, minute and total.
        let signature = sig((customer, placed_at / 60_000, total));
        let repeated = !self.signatures.insert(signature) && g.reference.is_empty();
        if self.stored.contains(&signature) || repeated {
            self.plan.counts.duplicate += 1;
            return Ok(());
        }
        let order = Order { customer, ..order };
        self.plan.counts.new += 1;
        self.preview(|me| Preview::Order {
            order: order.clone(),
            customer: me.name_of(db, customer),
        });
        let id = self.new_id();
        self.plan.orders[bucket_of(customer) as usize].push(&Record::new(
            id,
            order,
            self.settings.stamp,
        ));
        Ok(())
    }

    fn interaction_row(&mut self, db: &Db, row: &Row) {
        self.plan.counts.records += 1;
        match self.interaction_of(db, row) {
            Ok(()) => {}
            Err(e) => self.invalid(row.line, &row.fields, e),
        }
    }

    fn interaction_of(&mut self, db: &Db, row: &Row) -> Result<(), Vec<CellError>> {
        let one = |e: CellError| vec![e];
        let data = {
            let cells = self.cells(&row.fields);
            let at = cells.datetime(self.cols.at).map_err(one)?.ok_or_else(|| {
                one(CellError {
                    column: self.cols.at,
                    reason: Reason::Missing(super::mapping::Target::InteractionDate),
                })
            })?;
            let note = cells.notes(&self.cols.note);
            let mut subject = cells.get(self.cols.subject).to_string();
            if subject.is_empty() {
                subject = note.lines().next().unwrap_or("").chars().take(80).collect();
            }
            if subject.is_empty() {
                return Err(one(CellError {
                    column: self.cols.subject,
                    reason: Reason::Missing(super::mapping::Target::Subject),
                }));
            }
            Interaction {
                customer: Id::default(),
                at,
                channel: cells
                    .interaction_channel()
                    .map_err(one)?
                    .unwrap_or_default(),
                direction: cells.direction().map_err(one)?.unwrap_or_default(),
                subject,
                note,
                deleted: false,
            }
        };
        if validate::interaction(&data).is_err() {
            return Err(one(CellError {
                column: self.cols.subject,
                reason: Reason::TooLong,
            }));
        }
        let Some(customer) = self.owner(&row.fields, row.line, data.at)? else {
            self.plan.counts.not_found += 1;
            return Ok(());
        };
        let signature = sig((customer, data.at / 60_000));
        if self.stored.contains(&signature) || !self.signatures.insert(signature) {
            self.plan.counts.duplicate += 1;
            return Ok(());
        }
        let data = Interaction { customer, ..data };
        self.plan.counts.new += 1;
        self.preview(|me| Preview::Interaction {
            interaction: data.clone(),
            customer: me.name_of(db, customer),
        });
        let id = self.new_id();
        self.plan.interactions[bucket_of(customer) as usize].push(&Record::new(
            id,
            data,
            self.settings.stamp,
        ));
        Ok(())
    }
}

/// A customer's matching keys, in the order they are tried.
fn customer_keys(c: &Customer, by: MatchBy) -> Vec<String> {
    let key = |prefix: &str, value: &str| {
        let mut k = String::with_capacity(prefix.len() + value.len());
        k.push_str(prefix);
        k.push_str(value);
        k
    };
    let mut keys = Vec::new();
    if by.external_id && !c.external_id.trim().is_empty() {
        keys.push(key("i:", c.external_id.trim()));
    }
    if by.email {
        keys.extend(c.emails.iter().map(|e| key("e:", &validate::email_key(e))));
    }
    if by.phone {
        keys.extend(
            c.phones
                .iter()
                .filter_map(|p| validate::phone_key(p))
                .map(|p| key("p:", &p)),
        );
    }
    keys
}

/// A field of an update, joined with what the customer has: lists gain the new
/// entries, the address its filled parts, consent and custom fields by channel and key.
fn merge_field(c: &Customer, f: CustomerField) -> CustomerField {
    fn join(old: &[String], new: Vec<String>, same: impl Fn(&str, &str) -> bool) -> Vec<String> {
        let mut out = old.to_vec();
        for n in new {
            if !out.iter().any(|o| same(o, &n)) {
                out.push(n);
            }
        }
        out
    }
    let ci = |a: &str, b: &str| a.eq_ignore_ascii_case(b);
    match f {
        CustomerField::Emails(v) => CustomerField::Emails(join(&c.emails, v, ci)),
        CustomerField::Phones(v) => CustomerField::Phones(join(&c.phones, v, |a, b| {
            validate::phone_key(a) == validate::phone_key(b)
        })),
        CustomerField::Tags(v) => CustomerField::Tags(join(&c.tags, v, ci)),
        CustomerField::Interests(v) => CustomerField::Interests(join(&c.interests, v, ci)),
        CustomerField::Address(a) => {
            let mut out = c.address.clone();
            for (slot, new) in [
                (&mut out.street, a.street),
                (&mut out.ward, a.ward),
                (&mut out.district, a.district),
                (&mut out.city, a.city),
                (&mut out.country, a.country),
            ] {
                if !new.is_empty() {
                    *slot = new;
                }
            }
            CustomerField::Address(out)
        }
        CustomerField::Consent(v) => {
            let mut out = c.consent.clone();
            for n in v {
                match out.iter_mut().find(|o| o.channel == n.channel) {
                    Some(o) if o.granted == n.granted => {}
                    Some(o) => *o = n,
                    None => out.push(n),
                }
            }
            CustomerField::Consent(out)
        }
        CustomerField::Custom(v) => {
            let mut out = c.custom.clone();
            for n in v {
                match out.iter_mut().find(|o| o.key.eq_ignore_ascii_case(&n.key)) {
                    Some(o) => o.value = n.value,
                    None => out.push(n),
                }
            }
            CustomerField::Custom(out)
        }
        other => other,
    }
}

#[cfg(test)]
#[path = "plan_tests.rs"]
pub(crate) mod tests;
