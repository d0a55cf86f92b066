//! What each customer has bought: products, categories, SKUs, stores and sales
//! channels, over their orders that count (paid or pending). Derived from the orders
//! and stored beside them, so segment rules ("bought category Giày") need not read
//! every order. In memory the texts are interned: each distinct folded text is one
//! number, and a customer's purchases are a sorted list of numbers.

use crate::id::Id;
use crate::model::{Order, SalesChannel};
use crate::record::Record;
use crate::search::fold;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

/// One customer's purchases, as stored.
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
pub struct PurchaseFact {
    pub customer: Id,
    pub products: Vec<String>,
    pub categories: Vec<String>,
    pub skus: Vec<String>,
    pub stores: Vec<String>,
    /// Bit `i` set: bought through `SalesChannel::ALL[i]`.
    pub channels: u8,
    /// What they bought of each product (the catalogue's tallies).
    pub sold: Vec<crate::catalogue::Sold>,
}

fn add(list: &mut Vec<String>, s: &str) {
    let s = s.trim();
    if !s.is_empty() && !list.iter().any(|x| x == s) {
        list.push(s.to_string());
    }
}

pub fn channel_bit(c: SalesChannel) -> u8 {
    let i = SalesChannel::ALL
        .iter()
        .position(|x| *x == c)
        .expect("listed");
    1 << i
}

impl PurchaseFact {
    /// The purchases of every customer with orders in `orders` (one bucket), by id.
    pub fn of(orders: &[Record<Order>]) -> Vec<PurchaseFact> {
        let mut by: BTreeMap<Id, (PurchaseFact, Vec<&Record<Order>>)> = BTreeMap::new();
        for o in orders
            .iter()
            .filter(|o| !o.is_deleted() && o.data.status.counts())
        {
            let (p, theirs) = by.entry(o.data.customer).or_insert_with(|| {
                let fact = PurchaseFact {
                    customer: o.data.customer,
                    ..Default::default()
                };
                (fact, Vec::new())
            });
            theirs.push(o);
            for item in &o.data.items {
                add(&mut p.products, &item.product);
                add(&mut p.categories, &item.category);
                add(&mut p.skus, &item.sku);
            }
            add(&mut p.stores, &o.data.store);
            p.channels |= channel_bit(o.data.channel);
        }
        by.into_values()
            .map(|(mut p, theirs)| {
                p.sold = crate::catalogue::sold_of(theirs);
                p
            })
            .collect()
    }
}

/// The kinds of purchase terms.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TermKind {
    Product,
    Category,
    Sku,
    Store,
}

/// Interned purchase texts: (kind, folded text) → number, and the first spelling seen.
#[derive(Default)]
pub struct Terms {
    ids: HashMap<(TermKind, String), u32>,
    shown: Vec<(TermKind, String)>,
}

impl Terms {
    pub fn intern(&mut self, kind: TermKind, text: &str) -> u32 {
        let key = (kind, fold(text.trim()));
        if let Some(&id) = self.ids.get(&key) {
            return id;
        }
        let id = self.shown.len() as u32;
        self.ids.insert(key, id);
        self.shown.push((kind, text.trim().to_string()));
        id
    }

    /// The kind of a term number.
    pub fn kind(&self, id: u32) -> Option<TermKind> {
        self.shown.get(id as usize).map(|(k, _)| *k)
    }

    /// The shown text of a term number ("" if unknown).
    pub fn text(&self, id: u32) -> &str {
        self.shown.get(id as usize).map_or("", |(_, s)| s.as_str())
    }

    /// The number of a text, if any customer bought it.
    pub fn find(&self, kind: TermKind, text: &str) -> Option<u32> {
        self.ids.get(&(kind, fold(text.trim()))).copied()
    }

    /// Every text of a kind, sorted (for the builder's suggestions).
    pub fn of_kind(&self, kind: TermKind) -> Vec<String> {
        self.numbered(kind).into_iter().map(|(_, s)| s).collect()
    }

    /// Every term of a kind with its number, sorted by text (diacritics folded).
    pub fn numbered(&self, kind: TermKind) -> Vec<(u32, String)> {
        let mut v: Vec<(u32, String)> = self
            .shown
            .iter()
            .enumerate()
            .filter(|(_, (k, _))| *k == kind)
            .map(|(id, (_, s))| (id as u32, s.clone()))
            .collect();
        v.sort_by_cached_key(|(_, s)| fold(s));
        v
    }
}

/// One customer's purchases in memory.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Bought {
    /// Sorted term numbers.
    pub terms: Box<[u32]>,
    pub channels: u8,
}

impl Bought {
    pub fn from_fact(f: &PurchaseFact, terms: &mut Terms) -> Bought {
        let mut v: Vec<u32> = Vec::new();
        for (kind, list) in [
            (TermKind::Product, &f.products),
            (TermKind::Category, &f.categories),
            (TermKind::Sku, &f.skus),
            (TermKind::Store, &f.stores),
        ] {
            v.extend(list.iter().map(|s| terms.intern(kind, s)));
        }
        v.sort_unstable();
        v.dedup();
        Bought {
            terms: v.into_boxed_slice(),
            channels: f.channels,
        }
    }

    pub fn has(&self, term: u32) -> bool {
        self.terms.binary_search(&term).is_ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::model::{LineItem, OrderStatus};

    fn order(
        c: Id,
        n: u64,
        items: &[(&str, &str)],
        channel: SalesChannel,
        status: OrderStatus,
    ) -> Record<Order> {
        let data = Order {
            customer: c,
            items: items
                .iter()
                .map(|(p, cat)| LineItem {
                    product: p.to_string(),
                    sku: format!("SKU-{p}"),
                    category: cat.to_string(),
                    quantity: 1,
                    unit_price: 1,
                })
                .collect(),
            channel,
            store: "Cửa hàng Huế".into(),
            status,
            ..Default::default()
        };
        Record::new(
            Id::new_v7(n, [n as u8; 10]),
            data,
            crate::fixtures::stamp(1, 1),
        )
    }

    #[test]
    fn facts_count_paid_orders_only_and_intern_folded() {
        let a = Id::new_v7(1, [1; 10]);
        let b = Id::new_v7(2, [2; 10]);
        let orders = vec![
            order(
                a,
                10,
                &[("Áo dài", "Thời trang"), ("Giày", "Giày dép")],
                SalesChannel::Online,
                OrderStatus::Paid,
            ),
            order(
                a,
                11,
                &[("áo dài", "thoi trang")],
                SalesChannel::InStore,
                OrderStatus::Pending,
            ),
            order(
                b,
                12,
                &[("Túi", "Phụ kiện")],
                SalesChannel::Phone,
                OrderStatus::Refunded,
            ),
        ];
        let facts = PurchaseFact::of(&orders);
        assert_eq!(facts.len(), 1, "b's only order was refunded");
        let f = &facts[0];
        assert_eq!(f.customer, a);
        assert_eq!(
            f.channels,
            channel_bit(SalesChannel::Online) | channel_bit(SalesChannel::InStore)
        );
        let mut terms = Terms::default();
        let bought = Bought::from_fact(f, &mut terms);
        let ao = terms.find(TermKind::Product, "ao dai").unwrap();
        assert!(bought.has(ao), "diacritics and case are folded");
        assert!(terms.find(TermKind::Product, "Túi").is_none());
        assert_eq!(
            terms.of_kind(TermKind::Category),
            vec!["Giày dép", "Thời trang"]
        );
        assert!(bought.has(terms.find(TermKind::Store, "cua hang hue").unwrap()));
    }
}
