//! The in-memory database the app works on: every customer record, and compact facts
//! about orders and interactions (the full orders stay in storage buckets and are read
//! per customer). Storage decides where bytes go; this decides what they mean.

use crate::catalogue::{Product, Sales};
use crate::columns::Columns;
use crate::facts::{sort_facts, CustomerStats, InteractionFact, OrderFact};
use crate::id::{Id, IdMap};
use crate::model::{Currency, Customer, Interaction, Order};
use crate::purchases::{Bought, PurchaseFact, TermKind, Terms};
use crate::record::Record;
use crate::search::{self, SearchIndex};
use crate::timeline::Timeline;
use std::collections::HashMap;

/// Records are spread over this many storage buckets by id (orders and interactions by
/// their customer's id, so one customer's history sits in one bucket).
pub const BUCKETS: u32 = 256;

pub fn bucket_of(id: Id) -> u32 {
    id.bucket(BUCKETS)
}

/// What a search query is exactly, to rank the customers it names first: a name
/// (folded, as the sort keeps it), a phone (national form), an email.
struct Exact {
    name: String,
    phone: Option<String>,
    email: Option<String>,
}

impl Exact {
    fn of(query: &str) -> Exact {
        Exact {
            name: search::fold(query.trim()),
            phone: crate::validate::phone_key(query),
            email: query
                .contains('@')
                .then(|| crate::validate::email_key(query)),
        }
    }

    /// Whether a customer (with their folded name) is exactly what was asked for.
    fn matches(&self, folded_name: &str, c: &Customer) -> bool {
        folded_name == self.name
            || self.phone.as_ref().is_some_and(|k| {
                c.phones
                    .iter()
                    .any(|p| crate::validate::phone_key(p).as_ref() == Some(k))
            })
            || self
                .email
                .as_ref()
                .is_some_and(|k| c.emails.iter().any(|e| crate::validate::email_key(e) == *k))
    }
}

/// Another customer with a phone or email of one about to be saved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SameContact {
    pub id: Id,
    pub name: String,
    /// The phone or email they share, as typed in the form.
    pub contact: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum SortKey {
    #[default]
    Name,
    Newest,
    Spent,
    LastOrder,
}

#[derive(Default)]
pub struct Db {
    customers: Vec<Record<Customer>>,
    positions: IdMap<u32>,
    stats: Vec<CustomerStats>,
    /// The fields rules test, as columns parallel to `customers`.
    columns: Columns,
    /// What each customer bought, parallel to `customers`.
    bought: Vec<Bought>,
    terms: Terms,
    /// Each bucket's product tallies (the catalogue).
    sales: Vec<Sales>,
    order_facts: Vec<Vec<OrderFact>>,
    /// The counting orders of each bucket, compact, for the analysis.
    timelines: Vec<Timeline>,
    /// Positions of each bucket's customers (tombstones included).
    bucket_members: Vec<Vec<u32>>,
    interaction_facts: Vec<Vec<InteractionFact>>,
    /// Folded names for sorting, parallel to `customers`.
    sort_names: Vec<String>,
    search: Option<SearchIndex>,
    /// The last search (query, entry positions), refined when the next query extends it.
    last_search: Option<(String, Vec<u32>)>,
    /// Live customers' positions in each sort order (and the currency it was made
    /// for), built once and reused by every keystroke until the data changes.
    sorted: HashMap<SortKey, (Currency, Vec<u32>)>,
}

impl Db {
    pub fn new() -> Db {
        Db {
            order_facts: vec![Vec::new(); BUCKETS as usize],
            timelines: vec![Timeline::default(); BUCKETS as usize],
            bucket_members: vec![Vec::new(); BUCKETS as usize],
            interaction_facts: vec![Vec::new(); BUCKETS as usize],
            sales: vec![Sales::default(); BUCKETS as usize],
            ..Default::default()
        }
    }

    /// Builds the database from stored records and facts (any order).
    pub fn load(
        customers: Vec<Record<Customer>>,
        order_facts: Vec<(u32, Vec<OrderFact>)>,
        interaction_facts: Vec<(u32, Vec<InteractionFact>)>,
    ) -> Db {
        let mut db = Db::new();
        db.customers = customers;
        db.customers.sort_by_key(|c| c.id);
        db.positions = db
            .customers
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id, i as u32))
            .collect();
        for (i, c) in db.customers.iter().enumerate() {
            db.bucket_members[bucket_of(c.id) as usize].push(i as u32);
            db.columns.push(&c.data);
        }
        db.sort_names = db
            .customers
            .iter()
            .map(|c| search::fold(&c.data.name()))
            .collect();
        db.bought = vec![Bought::default(); db.customers.len()];
        db.load_facts(order_facts, interaction_facts);
        db
    }

    /// Builds the database from whole records (tests, benchmarks, the CLI): each
    /// bucket's order, purchase and interaction facts derived as storage derives them.
    pub fn from_records(
        customers: Vec<Record<Customer>>,
        orders: impl IntoIterator<Item = Record<Order>>,
        interactions: impl IntoIterator<Item = Record<Interaction>>,
    ) -> Db {
        let mut by_order: Vec<Vec<Record<Order>>> = vec![Vec::new(); BUCKETS as usize];
        let mut by_touch: Vec<Vec<Record<Interaction>>> = vec![Vec::new(); BUCKETS as usize];
        for o in orders {
            by_order[bucket_of(o.data.customer) as usize].push(o);
        }
        for i in interactions {
            by_touch[bucket_of(i.data.customer) as usize].push(i);
        }
        let (mut facts, mut bought, mut touched) = (Vec::new(), Vec::new(), Vec::new());
        for (b, (o, i)) in by_order.iter().zip(&by_touch).enumerate() {
            let b = b as u32;
            if !o.is_empty() {
                facts.push((b, OrderFact::of(o)));
                bought.push((b, PurchaseFact::of(o)));
            }
            if !i.is_empty() {
                touched.push((b, InteractionFact::of(i)));
            }
        }
        let mut db = Db::load(customers, facts, touched);
        db.load_purchases(bought);
        db
    }

    /// Sets the facts of every bucket at once (start-up, after the customers).
    pub fn load_facts(
        &mut self,
        orders: Vec<(u32, Vec<OrderFact>)>,
        interactions: Vec<(u32, Vec<InteractionFact>)>,
    ) {
        for (b, mut f) in orders {
            if let Some(slot) = self.order_facts.get_mut(b as usize) {
                sort_facts(&mut f);
                *slot = f;
            }
        }
        for (b, f) in interactions {
            if let Some(slot) = self.interaction_facts.get_mut(b as usize) {
                *slot = f;
            }
        }
        self.rebuild_stats();
        self.sorted.clear();
    }

    /// Sets what the customers of some buckets bought (start-up, after the customers).
    pub fn load_purchases(&mut self, buckets: Vec<(u32, Vec<PurchaseFact>)>) {
        for (b, facts) in buckets {
            self.apply_purchases(&facts);
            self.set_sales(b, &facts);
        }
    }

    fn set_sales(&mut self, b: u32, facts: &[PurchaseFact]) {
        if let Some(slot) = self.sales.get_mut(b as usize) {
            let terms = &mut self.terms;
            *slot = Sales::of(facts.iter().map(|f| f.sold.as_slice()), |name| {
                terms.intern(TermKind::Product, name)
            });
        }
    }

    /// The product catalogue: every product sold, by name.
    pub fn catalogue(&self) -> Vec<Product> {
        crate::catalogue::catalogue(&self.sales, |t| self.terms.text(t))
    }

    /// The buckets whose customers bought `product` (a term).
    pub fn buckets_with(&self, product: u32) -> Vec<u32> {
        (0..BUCKETS)
            .filter(|&b| self.sales[b as usize].has(product))
            .collect()
    }

    fn apply_purchases(&mut self, facts: &[PurchaseFact]) {
        for f in facts {
            if let Some(&p) = self.positions.get(&f.customer) {
                self.bought[p as usize] = Bought::from_fact(f, &mut self.terms);
            }
        }
    }

    /// Replaces what the customers of bucket `b` bought (after an order changed).
    pub fn set_purchase_facts(&mut self, b: u32, facts: Vec<PurchaseFact>) {
        for i in self.bucket_positions(b) {
            self.bought[i as usize] = Bought::default();
        }
        self.apply_purchases(&facts);
        self.set_sales(b, &facts);
    }

    pub fn bought_at(&self, position: u32) -> &Bought {
        &self.bought[position as usize]
    }

    pub fn terms(&self) -> &Terms {
        &self.terms
    }

    /// Positions of the customers of bucket `b` (tombstones included).
    fn bucket_positions(&self, b: u32) -> Vec<u32> {
        self.bucket_members[b as usize].clone()
    }

    fn rebuild_stats(&mut self) {
        self.stats = vec![CustomerStats::default(); self.customers.len()];
        for b in 0..BUCKETS {
            self.add_bucket_stats(b);
        }
    }

    fn rebuild_timeline(&mut self, b: u32) {
        let positions = &self.positions;
        self.timelines[b as usize] = Timeline::build(&self.order_facts[b as usize], |id| {
            positions.get(&id).copied()
        });
    }

    /// The counting orders of bucket `b`, per customer position, compact.
    pub fn timeline(&self, b: u32) -> &Timeline {
        &self.timelines[b as usize]
    }

    fn add_bucket_stats(&mut self, b: u32) {
        self.rebuild_timeline(b);
        for f in &self.order_facts[b as usize] {
            if let Some(&p) = self.positions.get(&f.customer) {
                self.stats[p as usize].add_order(f);
            }
        }
        for f in &self.interaction_facts[b as usize] {
            if let Some(&p) = self.positions.get(&f.customer) {
                let s = &mut self.stats[p as usize];
                s.interactions += 1;
                s.last_interaction = Some(s.last_interaction.map_or(f.at, |t| t.max(f.at)));
            }
        }
    }

    fn refresh_bucket_stats(&mut self, b: u32) {
        for i in self.bucket_positions(b) {
            self.stats[i as usize] = CustomerStats::default();
        }
        self.add_bucket_stats(b);
    }

    pub fn len(&self) -> usize {
        self.customers.len()
    }

    pub fn is_empty(&self) -> bool {
        self.customers.is_empty()
    }

    pub fn live_count(&self) -> usize {
        self.customers.iter().filter(|c| !c.is_deleted()).count()
    }

    pub fn order_count(&self) -> usize {
        self.order_facts.iter().map(Vec::len).sum()
    }

    pub fn customer(&self, id: Id) -> Option<&Record<Customer>> {
        self.positions
            .get(&id)
            .map(|&p| &self.customers[p as usize])
    }

    /// The live customers whose company is `org`.
    pub fn members_of(&self, org: Id) -> Vec<Id> {
        self.customers
            .iter()
            .filter(|c| c.data.company == Some(org) && !c.is_deleted())
            .map(|c| c.id)
            .collect()
    }

    pub fn at(&self, position: u32) -> &Record<Customer> {
        &self.customers[position as usize]
    }

    /// The fields rules test, by position.
    pub fn columns(&self) -> &Columns {
        &self.columns
    }

    pub fn stats_at(&self, position: u32) -> &CustomerStats {
        &self.stats[position as usize]
    }

    pub fn stats(&self, id: Id) -> Option<&CustomerStats> {
        self.positions.get(&id).map(|&p| &self.stats[p as usize])
    }

    pub fn position(&self, id: Id) -> Option<u32> {
        self.positions.get(&id).copied()
    }

    /// Every stored customer record of one bucket (tombstones included), to persist it.
    pub fn customer_bucket(&self, b: u32) -> Vec<Record<Customer>> {
        self.bucket_members[b as usize]
            .iter()
            .map(|&p| self.customers[p as usize].clone())
            .collect()
    }

    /// Takes records as stored (a bucket just written, by this tab or another one):
    /// those that differ from what is in memory replace it, new ones are added.
    pub fn put_stored(&mut self, records: Vec<Record<Customer>>) {
        let changed: Vec<Record<Customer>> = records
            .into_iter()
            .filter(|r| self.customer(r.id) != Some(r))
            .collect();
        if !changed.is_empty() {
            self.put_customers(changed);
        }
    }

    /// Inserts or replaces a customer record.
    pub fn put_customer(&mut self, record: Record<Customer>) {
        self.put_customers(vec![record]);
    }

    /// Inserts or replaces many customer records (an import), refreshing each
    /// bucket's totals once.
    pub fn put_customers(&mut self, records: Vec<Record<Customer>>) {
        let mut added: Vec<u32> = Vec::new();
        for record in records {
            let name = search::fold(&record.data.name());
            match self.positions.get(&record.id) {
                Some(&p) => {
                    self.columns.set(p as usize, &record.data);
                    self.customers[p as usize] = record;
                    self.sort_names[p as usize] = name;
                }
                None => {
                    // New customers go last: every other position stays as it was (a
                    // load sorts by id, so the order is the same for a given set).
                    let p = self.customers.len() as u32;
                    let b = bucket_of(record.id);
                    self.positions.insert(record.id, p);
                    self.columns.push(&record.data);
                    self.customers.push(record);
                    self.sort_names.push(name);
                    self.stats.push(CustomerStats::default());
                    self.bought.push(Bought::default());
                    self.bucket_members[b as usize].push(p);
                    added.push(b);
                }
            }
        }
        added.sort_unstable();
        added.dedup();
        for b in added {
            self.refresh_bucket_stats(b);
        }
        self.search = None;
        self.last_search = None;
        self.sorted.clear();
    }

    pub fn set_order_facts(&mut self, b: u32, mut facts: Vec<OrderFact>) {
        sort_facts(&mut facts);
        self.order_facts[b as usize] = facts;
        self.refresh_bucket_stats(b);
        self.sorted.clear();
    }

    pub fn set_interaction_facts(&mut self, b: u32, facts: Vec<InteractionFact>) {
        self.interaction_facts[b as usize] = facts;
        self.refresh_bucket_stats(b);
        self.sorted.clear();
    }

    /// The order facts of one bucket, grouped by customer and by time within each.
    pub fn bucket_order_facts(&self, b: u32) -> &[OrderFact] {
        &self.order_facts[b as usize]
    }

    pub fn order_facts(&self) -> impl Iterator<Item = &OrderFact> {
        self.order_facts.iter().flatten()
    }

    pub fn interaction_facts(&self) -> impl Iterator<Item = &InteractionFact> {
        self.interaction_facts.iter().flatten()
    }

    /// Live organisations (for linking people to their company), sorted by name.
    pub fn organisations(&self) -> Vec<(Id, String)> {
        let mut v: Vec<(Id, String)> = self
            .customers
            .iter()
            .filter(|c| !c.is_deleted() && c.data.kind == crate::model::PartyKind::Organisation)
            .map(|c| (c.id, c.data.name()))
            .collect();
        v.sort_by_cached_key(|(_, n)| search::fold(n));
        v
    }

    /// Values already used for a custom field (by name), for choosing among them.
    pub fn custom_values(&self, key: &str) -> Vec<String> {
        let mut v: Vec<String> = self
            .customers
            .iter()
            .filter(|c| !c.is_deleted())
            .flat_map(|c| c.data.custom.iter())
            .filter(|f| f.key.eq_ignore_ascii_case(key))
            .filter_map(|f| match &f.value {
                crate::model::CustomValue::Choice(s) | crate::model::CustomValue::Text(s) => {
                    Some(s.clone())
                }
                _ => None,
            })
            .collect();
        v.sort();
        v.dedup();
        v
    }

    /// Names of the custom fields in use on live customers, sorted.
    pub fn custom_keys(&self) -> Vec<String> {
        let mut v: Vec<String> = Vec::new();
        for c in self.customers.iter().filter(|c| !c.is_deleted()) {
            for f in &c.data.custom {
                let k = f.key.trim();
                if !k.is_empty() && !v.iter().any(|x| x.eq_ignore_ascii_case(k)) {
                    v.push(k.to_string());
                }
            }
        }
        v.sort_by_cached_key(|k| search::fold(k));
        v
    }

    /// Distinct non-empty values `of` live customers (folded for sameness), sorted.
    pub fn distinct(&self, of: impl Fn(&Customer) -> Vec<String>) -> Vec<String> {
        let mut seen: HashMap<String, String> = HashMap::new();
        for c in self.customers.iter().filter(|c| !c.is_deleted()) {
            for v in of(&c.data) {
                let v = v.trim();
                if !v.is_empty() {
                    seen.entry(search::fold(v)).or_insert_with(|| v.to_string());
                }
            }
        }
        let mut v: Vec<(String, String)> = seen.into_iter().collect();
        v.sort();
        v.into_iter().map(|(_, shown)| shown).collect()
    }

    /// Every tag in use on live customers, sorted, with its count.
    pub fn tags(&self) -> Vec<(String, usize)> {
        let mut counts: HashMap<String, (String, usize)> = HashMap::new();
        for c in self.customers.iter().filter(|c| !c.is_deleted()) {
            for t in &c.data.tags {
                let e = counts
                    .entry(search::fold(t))
                    .or_insert_with(|| (t.clone(), 0));
                e.1 += 1;
            }
        }
        let mut v: Vec<(String, usize)> = counts.into_values().collect();
        v.sort_by_cached_key(|(tag, _)| search::fold(tag));
        v
    }

    /// The first live customer other than `except` with one of `c`'s phones (compared
    /// as `validate::phone_key`) or emails (`validate::email_key`): a customer about
    /// to be saved twice.
    pub fn same_contact(&self, c: &Customer, except: Option<Id>) -> Option<SameContact> {
        let phones: Vec<(String, &String)> = c
            .phones
            .iter()
            .filter_map(|p| Some((crate::validate::phone_key(p)?, p)))
            .collect();
        let emails: Vec<(String, &String)> = c
            .emails
            .iter()
            .map(|e| (crate::validate::email_key(e), e))
            .filter(|(k, _)| !k.is_empty())
            .collect();
        if phones.is_empty() && emails.is_empty() {
            return None;
        }
        self.customers
            .iter()
            .filter(|r| !r.is_deleted() && Some(r.id) != except)
            .find_map(|r| {
                let d = &r.data;
                let found = emails
                    .iter()
                    .find(|(k, _)| d.emails.iter().any(|e| crate::validate::email_key(e) == *k))
                    .or_else(|| {
                        phones.iter().find(|(k, _)| {
                            d.phones
                                .iter()
                                .any(|p| crate::validate::phone_key(p).as_deref() == Some(k))
                        })
                    })?;
                Some(SameContact {
                    id: r.id,
                    name: d.display_name.clone(),
                    contact: found.1.trim().to_string(),
                })
            })
    }

    fn index(&mut self) -> &SearchIndex {
        if self.search.is_none() {
            let mut idx = SearchIndex::new();
            for (i, c) in self.customers.iter().enumerate() {
                if c.is_deleted() {
                    continue;
                }
                let d = &c.data;
                let phones: Vec<String> = d
                    .phones
                    .iter()
                    .filter_map(|p| crate::validate::phone_key(p))
                    .collect();
                let parts = [
                    d.display_name.as_str(),
                    d.given_name.as_str(),
                    d.family_name.as_str(),
                ];
                idx.push(
                    i as u32,
                    parts
                        .into_iter()
                        .chain(d.emails.iter().map(String::as_str))
                        .chain(d.phones.iter().map(String::as_str))
                        .chain(phones.iter().map(String::as_str)),
                );
            }
            self.search = Some(idx);
        }
        self.search.as_ref().expect("built above")
    }

    /// Builds the search index and the name order now (they are otherwise built on
    /// first use): call it when idle, so that typing never pays for it.
    pub fn prepare_search(&mut self) {
        self.index();
        self.sorted_positions(SortKey::Name, Currency::VND);
    }

    /// Live customers' positions in the order of `key`, cached.
    fn sorted_positions(&mut self, key: SortKey, main: Currency) -> &[u32] {
        let currency_free = matches!(key, SortKey::Name | SortKey::Newest);
        let fresh = matches!(self.sorted.get(&key), Some((c, _)) if *c == main || currency_free);
        if !fresh {
            let mut all: Vec<u32> = (0..self.customers.len() as u32)
                .filter(|&p| !self.customers[p as usize].is_deleted())
                .collect();
            self.sort(&mut all, key, main);
            self.sorted.insert(key, (main, all));
        }
        &self.sorted[&key].1
    }

    /// Positions of live customers matching `query`, in position order. Typing one more
    /// letter narrows the previous hits instead of scanning everything again.
    pub fn search(&mut self, query: &str) -> Vec<u32> {
        self.index();
        let idx = self.search.as_ref().expect("built above");
        let entries = match &self.last_search {
            Some((last, hits)) if search::extends(last, query) => idx.refine(hits, query),
            _ => idx.find(query),
        };
        let keys = entries.iter().map(|&e| idx.key_at(e)).collect();
        self.last_search = Some((query.to_string(), entries));
        keys
    }

    /// Positions of live customers matching `query` (all of them for an empty query),
    /// carrying `tag`, in the order of `key`. No sorting per call: the hits filter a
    /// cached order, so a keystroke costs one pass over the customers at most.
    pub fn query(
        &mut self,
        query: &str,
        tag: Option<&str>,
        key: SortKey,
        main: Currency,
    ) -> Vec<u32> {
        let hits = (!search::query_words(query).is_empty()).then(|| self.search(query));
        let mut hit = Vec::new();
        if let Some(hits) = &hits {
            hit = vec![false; self.customers.len()];
            for &p in hits {
                hit[p as usize] = true;
            }
        }
        self.sorted_positions(key, main);
        let order = &self.sorted[&key].1;
        let (customers, names) = (&self.customers, &self.sort_names);
        let mut rows: Vec<u32> = order
            .iter()
            .copied()
            .filter(|&p| hits.is_none() || hit[p as usize])
            .filter(|&p| tag.is_none_or(|t| customers[p as usize].data.has_tag(t)))
            .collect();
        if hits.is_some() {
            // Exact matches first (the whole name, a phone, an email), each part in the
            // chosen order.
            let exact = Exact::of(query);
            let (mut first, rest): (Vec<u32>, Vec<u32>) = rows
                .into_iter()
                .partition(|&p| exact.matches(&names[p as usize], &customers[p as usize].data));
            first.extend(rest);
            rows = first;
        }
        rows
    }

    /// Sorts positions: by name (diacritics folded), newest first, top spenders first,
    /// most recent order first. Ties break by name, then id, so the order is stable.
    pub fn sort(&self, positions: &mut [u32], key: SortKey, main: Currency) {
        let name = |p: &u32| &self.sort_names[*p as usize];
        match key {
            SortKey::Name => positions.sort_by(|a, b| name(a).cmp(name(b)).then(a.cmp(b))),
            SortKey::Newest => positions.sort_by(|a, b| {
                let ca = self.customers[*a as usize].data.created_at;
                let cb = self.customers[*b as usize].data.created_at;
                cb.cmp(&ca).then(name(a).cmp(name(b))).then(a.cmp(b))
            }),
            SortKey::Spent => positions.sort_by(|a, b| {
                let sa = self.stats[*a as usize].spent_in(main);
                let sb = self.stats[*b as usize].spent_in(main);
                sb.cmp(&sa).then(name(a).cmp(name(b))).then(a.cmp(b))
            }),
            SortKey::LastOrder => positions.sort_by(|a, b| {
                let la = self.stats[*a as usize].last_order;
                let lb = self.stats[*b as usize].last_order;
                lb.cmp(&la).then(name(a).cmp(name(b))).then(a.cmp(b))
            }),
        }
    }

    /// Sorts positions by a value of each (a lifetime value, a chance), highest first
    /// when `descending`. Unknown values (NaN) always come last, whichever the
    /// direction; ties break by name (diacritics folded), then position, as in `sort`.
    pub fn sort_by_value(
        &self,
        positions: &mut [u32],
        value: impl Fn(u32) -> f64,
        descending: bool,
    ) {
        use std::cmp::Ordering;
        let name = |p: u32| &self.sort_names[p as usize];
        // Each value read once; -0.0 and 0.0 are equal (NaN is handled apart).
        let mut keyed: Vec<(f64, u32)> = positions.iter().map(|&p| (value(p), p)).collect();
        keyed.sort_by(|(va, a), (vb, b)| {
            let by_value = match (va.is_nan(), vb.is_nan()) {
                (true, true) => Ordering::Equal,
                (true, false) => Ordering::Greater,
                (false, true) => Ordering::Less,
                (false, false) if descending => vb.partial_cmp(va).unwrap_or(Ordering::Equal),
                (false, false) => va.partial_cmp(vb).unwrap_or(Ordering::Equal),
            };
            by_value.then_with(|| name(*a).cmp(name(*b))).then(a.cmp(b))
        });
        for (slot, (_, p)) in positions.iter_mut().zip(keyed) {
            *slot = p;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::model::OrderStatus;

    use crate::fixtures::order_fact as fact;

    fn customer(n: u8, name: &str, tags: &[&str]) -> Record<Customer> {
        let mut c = crate::fixtures::customer(u64::from(n), name);
        c.data.tags = tags.iter().map(|t| t.to_string()).collect();
        c
    }

    #[test]
    fn exact_matches_come_first() {
        let named = |n: u8, name: &str, phone: &str| {
            let mut c = customer(n, name, &[]);
            c.data.phones = vec![phone.into()];
            c
        };
        let db_of = || {
            Db::from_records(
                vec![
                    named(1, "An Nguyễn Bình", "0912000001"),
                    named(2, "Bình An", "0912000002"),
                    named(3, "An", "0912000003"),
                    named(4, "Anh Tuấn", "0912345678"),
                ],
                Vec::<Record<Order>>::new(),
                Vec::<Record<Interaction>>::new(),
            )
        };
        let mut db = db_of();
        let names = |db: &Db, rows: Vec<u32>| -> Vec<String> {
            rows.iter()
                .map(|&p| db.at(p).data.display_name.clone())
                .collect()
        };
        let rows = db.query("an", None, SortKey::Name, Currency::VND);
        assert_eq!(
            names(&db, rows),
            ["An", "An Nguyễn Bình", "Anh Tuấn", "Bình An"]
        );
        // A phone typed another way names its customer first; the rest by name.
        let mut db = db_of();
        let rows = db.query("+84 912 345 678", None, SortKey::Name, Currency::VND);
        assert_eq!(names(&db, rows), ["Anh Tuấn"]);
        let rows = db.query("0912", None, SortKey::Name, Currency::VND);
        assert_eq!(names(&db, rows).len(), 4);
    }

    #[test]
    fn same_phone_or_email_found_in_any_form() {
        let mut a = customer(1, "Trần Thị Bình", &[]);
        a.data.phones = vec!["0912 345 678".into()];
        a.data.emails = vec!["Binh@Example.vn".into()];
        let mut gone = customer(2, "Đã xóa", &[]);
        gone.data.phones = vec!["0987 000 111".into()];
        gone.data.deleted = true;
        let db = Db::from_records(
            vec![a.clone(), gone],
            Vec::<Record<Order>>::new(),
            Vec::<Record<Interaction>>::new(),
        );
        let with = |phones: &[&str], emails: &[&str]| Customer {
            phones: phones.iter().map(|p| p.to_string()).collect(),
            emails: emails.iter().map(|e| e.to_string()).collect(),
            ..Default::default()
        };
        let found = db
            .same_contact(&with(&["+84 912345678"], &[]), None)
            .unwrap();
        assert_eq!(
            (found.id, found.name.as_str(), found.contact.as_str()),
            (a.id, "Trần Thị Bình", "+84 912345678")
        );
        assert_eq!(
            db.same_contact(&with(&[], &[" binh@example.VN "]), None)
                .map(|f| f.id),
            Some(a.id)
        );
        // Themselves (an edit), a deleted customer, nothing in common: none.
        assert_eq!(
            db.same_contact(&with(&["0912345678"], &[]), Some(a.id)),
            None
        );
        assert_eq!(db.same_contact(&with(&["0987000111"], &[]), None), None);
        assert_eq!(
            db.same_contact(&with(&["0900000000"], &["x@y.vn"]), None),
            None
        );
        assert_eq!(db.same_contact(&with(&[], &[]), None), None);
    }

    #[test]
    fn stats_search_sort_and_tags() {
        let a = customer(1, "Nguyễn Văn An", &["VIP"]);
        let b = customer(2, "Trần Bình", &["vip", "new"]);
        let c = customer(3, "Lê Cường", &[]);
        let (ia, ib) = (a.id, b.id);
        let facts = vec![
            fact(ia, 100, 500, OrderStatus::Paid),
            fact(ia, 300, 700, OrderStatus::Paid),
            fact(ia, 400, 999, OrderStatus::Refunded),
            fact(ib, 200, 2000, OrderStatus::Paid),
        ];
        let mut by_bucket: HashMap<u32, Vec<OrderFact>> = HashMap::new();
        for f in facts {
            by_bucket.entry(bucket_of(f.customer)).or_default().push(f);
        }
        let mut db = Db::load(vec![c, b, a], by_bucket.into_iter().collect(), vec![]);
        let sa = db.stats(ia).unwrap();
        assert_eq!(
            (
                sa.orders,
                sa.spent_in(Currency::VND),
                sa.first_order,
                sa.last_order
            ),
            (2, 1200, Some(100), Some(300))
        );

        let names =
            |db: &Db, v: Vec<u32>| v.iter().map(|&p| db.at(p).data.name()).collect::<Vec<_>>();
        let all = db.query("", None, SortKey::Name, Currency::VND);
        assert_eq!(names(&db, all), ["Lê Cường", "Nguyễn Văn An", "Trần Bình"]);
        let spent = db.query("", None, SortKey::Spent, Currency::VND);
        assert_eq!(
            names(&db, spent),
            ["Trần Bình", "Nguyễn Văn An", "Lê Cường"]
        );
        let hits = db.query("nguyen", None, SortKey::Name, Currency::VND);
        assert_eq!(names(&db, hits), ["Nguyễn Văn An"]);
        // Typing on narrows the last hits; a different query starts over.
        for (q, expected) in [
            ("ng", vec!["Nguyễn Văn An", "Lê Cường"]),
            ("ngu", vec!["Nguyễn Văn An"]),
            ("tran", vec!["Trần Bình"]),
            ("trx", vec![]),
        ] {
            let hits = db.search(q);
            assert_eq!(names(&db, hits), expected, "{q}");
        }
        let vip = db.query("", Some("VIP"), SortKey::Newest, Currency::VND);
        assert_eq!(names(&db, vip), ["Trần Bình", "Nguyễn Văn An"]);
        // Cached orders follow changes: new spending re-sorts top spenders.
        let c_id = db.query("cuong", None, SortKey::Name, Currency::VND)[0];
        let c_id = db.at(c_id).id;
        db.set_order_facts(bucket_of(c_id), {
            let mut f: Vec<OrderFact> = db
                .order_facts()
                .filter(|f| bucket_of(f.customer) == bucket_of(c_id))
                .copied()
                .collect();
            f.push(fact(c_id, 500, 99_999, OrderStatus::Paid));
            f
        });
        let spent = db.query("", None, SortKey::Spent, Currency::VND);
        assert_eq!(names(&db, spent)[0], "Lê Cường");
        let spent_usd = db.query("", None, SortKey::Spent, Currency::USD);
        assert_eq!(
            names(&db, spent_usd),
            ["Lê Cường", "Nguyễn Văn An", "Trần Bình"],
            "no USD spending: by name"
        );
        assert_eq!(
            db.tags(),
            vec![("new".to_string(), 1), ("VIP".to_string(), 2)]
        );
    }

    #[test]
    fn sort_by_value_puts_unknown_last_and_breaks_ties_by_name() {
        let db = Db::load(
            vec![
                customer(1, "Dũng", &[]),
                customer(2, "An", &[]),
                customer(3, "Bình", &[]),
                customer(4, "Cường", &[]),
                customer(5, "Em", &[]),
            ],
            vec![],
            vec![],
        );
        let at = |name: &str| {
            (0..db.len() as u32)
                .find(|&p| db.at(p).data.name() == name)
                .unwrap()
        };
        let value = |p: u32| match db.at(p).data.name().as_str() {
            "An" => 5.0,
            "Bình" => f64::NAN,
            "Cường" => 2.0,
            "Dũng" => 5.0,
            _ => f64::NAN,
        };
        let names = |v: &[u32]| v.iter().map(|&p| db.at(p).data.name()).collect::<Vec<_>>();
        let mut all: Vec<u32> = (0..db.len() as u32).rev().collect();
        db.sort_by_value(&mut all, value, true);
        assert_eq!(names(&all), ["An", "Dũng", "Cường", "Bình", "Em"]);
        db.sort_by_value(&mut all, value, false);
        assert_eq!(
            names(&all),
            ["Cường", "An", "Dũng", "Bình", "Em"],
            "NaN still last"
        );
        // -0.0 and 0.0 are one value: the name decides.
        let zero = |p: u32| {
            if p == at("Em") {
                -0.0
            } else if p == at("An") {
                0.0
            } else {
                1.0
            }
        };
        let mut two = vec![at("Em"), at("An")];
        db.sort_by_value(&mut two, zero, true);
        assert_eq!(names(&two), ["An", "Em"]);
        // A subset stays a subset, and the empty list is fine.
        let mut some = vec![at("Dũng"), at("Bình")];
        db.sort_by_value(&mut some, value, true);
        assert_eq!(names(&some), ["Dũng", "Bình"]);
        db.sort_by_value(&mut [], value, true);
    }

    #[test]
    fn put_customer_updates_search_and_positions() {
        let mut db = Db::load(vec![customer(5, "An", &[])], vec![], vec![]);
        assert_eq!(
            db.query("binh", None, SortKey::Name, Currency::VND).len(),
            0
        );
        let b = customer(1, "Bình", &[]);
        let id = b.id;
        db.put_customer(b.clone());
        assert_eq!(
            db.query("binh", None, SortKey::Name, Currency::VND),
            vec![db.position(id).unwrap()]
        );
        let mut deleted = b;
        deleted.data.deleted = true;
        db.put_customer(deleted);
        assert!(db
            .query("binh", None, SortKey::Name, Currency::VND)
            .is_empty());
        assert_eq!(db.live_count(), 1);
        assert_eq!(db.len(), 2, "the tombstone stays");
        let f = fact(id, 1, 10, OrderStatus::Paid);
        db.set_order_facts(bucket_of(id), vec![f]);
        assert_eq!(db.stats(id).unwrap().orders, 1);
        assert_eq!(
            db.customer_bucket(bucket_of(id)).len(),
            1 + db
                .customer_bucket(bucket_of(id))
                .iter()
                .filter(|c| c.id != id)
                .count()
        );
    }
}
