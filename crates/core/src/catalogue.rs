//! The product catalogue, grown from what the shop sells: every product of the
//! orders that count (paid or pending), with its SKU and category as last entered,
//! its last price, the units sold, the revenue per currency and the buyers.
//!
//! Each customer's purchase facts carry their own tallies per product (`Sold`,
//! derived from their orders and stored with the other purchase facts); `Sales`
//! adds them up per storage bucket, so a changed bucket is counted again alone, and
//! `Db::catalogue` adds the buckets up. Products are told apart by their folded name
//! (`search::fold`: case and diacritics ignored), shown as first spelled.

use crate::model::{Currency, Order};
use crate::record::Record;
use crate::search::fold;
use crate::time::Millis;
use serde::{Deserialize, Serialize};
use smallvec::SmallVec;
use std::collections::HashMap;

/// One customer's purchases of one product, as stored.
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
pub struct Sold {
    pub product: String,
    pub sku: String,
    pub category: String,
    pub units: u64,
    /// Revenue per currency, minor units.
    pub revenue: Vec<(Currency, i64)>,
    /// The unit price of the latest line, and when and in what currency.
    pub last_price: i64,
    pub last_currency: Currency,
    pub last_at: Millis,
}

/// The tallies of one customer's orders (all of one customer), one per product.
pub fn sold_of<'a>(orders: impl IntoIterator<Item = &'a Record<Order>>) -> Vec<Sold> {
    let mut by: Vec<(String, Sold)> = Vec::new();
    for o in orders {
        for item in &o.data.items {
            let name = item.product.trim();
            if name.is_empty() {
                continue;
            }
            let key = fold(name);
            let i = match by.iter().position(|(k, _)| *k == key) {
                Some(i) => i,
                None => {
                    by.push((
                        key,
                        Sold {
                            product: name.to_string(),
                            last_at: Millis::MIN,
                            ..Default::default()
                        },
                    ));
                    by.len() - 1
                }
            };
            let s = &mut by[i].1;
            s.units += item.quantity as u64;
            let amount = item.amount();
            match s.revenue.iter_mut().find(|(c, _)| *c == o.data.currency) {
                Some(slot) => slot.1 += amount,
                None => s.revenue.push((o.data.currency, amount)),
            }
            if o.data.placed_at >= s.last_at {
                s.last_at = o.data.placed_at;
                s.last_price = item.unit_price;
                s.last_currency = o.data.currency;
                if !item.sku.trim().is_empty() {
                    s.sku = item.sku.trim().to_string();
                }
                if !item.category.trim().is_empty() {
                    s.category = item.category.trim().to_string();
                }
            }
        }
    }
    by.into_iter().map(|(_, s)| s).collect()
}

/// A product's figures over some customers.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Tally {
    pub units: u64,
    pub revenue: SmallVec<[(Currency, i64); 1]>,
    pub buyers: u32,
    pub sku: String,
    pub category: String,
    pub last_price: i64,
    pub last_currency: Currency,
    pub last_at: Millis,
}

impl Tally {
    fn add(&mut self, units: u64, revenue: &[(Currency, i64)], buyers: u32) {
        self.units += units;
        self.buyers += buyers;
        for &(c, v) in revenue {
            match self.revenue.iter_mut().find(|(x, _)| *x == c) {
                Some(slot) => slot.1 += v,
                None => self.revenue.push((c, v)),
            }
        }
    }

    /// The latest price (and its SKU and category) wins.
    fn last(&mut self, at: Millis, price: i64, currency: Currency, sku: &str, category: &str) {
        if self.buyers == 0 || at >= self.last_at {
            self.last_at = at;
            self.last_price = price;
            self.last_currency = currency;
            if !sku.is_empty() {
                self.sku = sku.to_string();
            }
            if !category.is_empty() {
                self.category = category.to_string();
            }
        }
    }

    fn merge(&mut self, o: &Tally) {
        self.last(
            o.last_at,
            o.last_price,
            o.last_currency,
            &o.sku,
            &o.category,
        );
        self.add(o.units, &o.revenue, o.buyers);
    }

    pub fn revenue_in(&self, c: Currency) -> i64 {
        self.revenue
            .iter()
            .find(|(x, _)| *x == c)
            .map_or(0, |(_, v)| *v)
    }
}

/// The tallies of one bucket's customers, by product term.
#[derive(Clone, Debug, Default)]
pub struct Sales {
    by: HashMap<u32, Tally>,
}

impl Sales {
    /// From the tallies of a bucket's customers (their purchase facts); `term`
    /// numbers a product's name (`Terms::intern`).
    pub fn of<'a>(
        customers: impl IntoIterator<Item = &'a [Sold]>,
        mut term: impl FnMut(&str) -> u32,
    ) -> Sales {
        let mut by: HashMap<u32, Tally> = HashMap::new();
        for sold in customers {
            for s in sold {
                let t = by.entry(term(&s.product)).or_default();
                t.last(
                    s.last_at,
                    s.last_price,
                    s.last_currency,
                    &s.sku,
                    &s.category,
                );
                t.add(s.units, &s.revenue, 1);
            }
        }
        Sales { by }
    }

    /// Whether any of these customers bought `product` (a term).
    pub fn has(&self, product: u32) -> bool {
        self.by.contains_key(&product)
    }
}

/// One product of the catalogue.
#[derive(Clone, Debug, PartialEq)]
pub struct Product {
    /// Its term number (`Db::terms`).
    pub term: u32,
    pub name: String,
    pub tally: Tally,
}

/// The buckets' tallies added up, by name (folded); `name` shows a term.
pub fn catalogue<'a, 'n>(
    buckets: impl IntoIterator<Item = &'a Sales>,
    name: impl Fn(u32) -> &'n str,
) -> Vec<Product> {
    let mut all: HashMap<u32, Tally> = HashMap::new();
    for b in buckets {
        for (&term, t) in &b.by {
            all.entry(term).or_default().merge(t);
        }
    }
    let mut v: Vec<Product> = all
        .into_iter()
        .map(|(term, tally)| Product {
            term,
            name: name(term).to_string(),
            tally,
        })
        .collect();
    v.sort_by_cached_key(|p| fold(&p.name));
    v
}

/// The products whose name, SKU or category holds `query` (folded), most buyers
/// first, at most `k`.
pub fn suggest<'a>(products: &'a [Product], query: &str, k: usize) -> Vec<&'a Product> {
    let q = fold(query.trim());
    if q.is_empty() {
        return Vec::new();
    }
    let mut hits: Vec<&Product> = products
        .iter()
        .filter(|p| {
            fold(&p.name).contains(&q)
                || fold(&p.tally.sku).contains(&q)
                || fold(&p.tally.category).contains(&q)
        })
        .collect();
    // A name that starts with the query first, then by buyers.
    hits.sort_by_key(|p| {
        (
            !fold(&p.name).starts_with(&q),
            std::cmp::Reverse(p.tally.buyers),
        )
    });
    hits.truncate(k);
    hits
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::{id, order};

    fn line(o: &mut Record<Order>, product: &str, sku: &str, qty: u32, price: i64) {
        o.data.items = vec![crate::model::LineItem {
            product: product.into(),
            sku: sku.into(),
            category: "Đồ uống".into(),
            quantity: qty,
            unit_price: price,
        }];
        o.data.total = qty as i64 * price;
    }

    #[test]
    fn tallies_per_product_across_customers_and_buckets() {
        let (a, b) = (id(1), id(2));
        let mut o1 = order(a, 1_000, 0);
        line(&mut o1, "Cà phê sữa", "", 2, 25_000);
        let mut o2 = order(a, 2_000, 0);
        line(&mut o2, "cà phê SỮA ", "CF-S", 1, 29_000);
        let mut o3 = order(b, 3_000, 0);
        line(&mut o3, "Trà sen", "TS", 3, 40_000);
        let mut o4 = order(b, 500, 0);
        line(&mut o4, "Ca phe sua", "OLD", 1, 20_000);
        let sa = sold_of([&o1, &o2]);
        assert_eq!(sa.len(), 1, "one product however it is written");
        assert_eq!(sa[0].product, "Cà phê sữa");
        assert_eq!(
            (sa[0].units, sa[0].last_price, sa[0].sku.as_str()),
            (3, 29_000, "CF-S")
        );
        assert_eq!(sa[0].revenue, vec![(Currency::VND, 79_000)]);
        let sb = sold_of([&o3, &o4]);
        let mut names: Vec<String> = Vec::new();
        let mut term = |s: &str| match names.iter().position(|n| fold(n) == fold(s)) {
            Some(i) => i as u32,
            None => {
                names.push(s.to_string());
                names.len() as u32 - 1
            }
        };
        // Two buckets.
        let b1 = Sales::of([sa.as_slice()], &mut term);
        let b2 = Sales::of([sb.as_slice()], &mut term);
        let all = catalogue([&b1, &b2], |t| names[t as usize].as_str());
        let names: Vec<_> = all.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["Cà phê sữa", "Trà sen"]);
        let cf = &all[0].tally;
        assert_eq!(
            (cf.units, cf.buyers, cf.revenue_in(Currency::VND)),
            (4, 2, 99_000)
        );
        assert_eq!(
            (cf.last_price, cf.sku.as_str()),
            (29_000, "CF-S"),
            "the latest line's"
        );
        let found = suggest(&all, "CF", 5);
        assert_eq!(found.len(), 1, "by SKU");
        assert_eq!(suggest(&all, "tra", 5)[0].name, "Trà sen");
        assert!(suggest(&all, "", 5).is_empty());
    }

    #[test]
    fn the_database_keeps_its_catalogue_as_orders_change() {
        use crate::db::{bucket_of, Db};
        use crate::fixtures::customer;
        use crate::purchases::PurchaseFact;
        let (a, b) = (customer(1, "An"), customer(2, "Bình"));
        let mut o1 = order(a.id, 1_000, 0);
        line(&mut o1, "Bánh pía", "BP", 2, 60_000);
        let mut o2 = order(b.id, 2_000, 0);
        line(&mut o2, "Bánh pía", "BP", 1, 65_000);
        let mut db = Db::from_records(vec![a.clone(), b.clone()], [o1.clone(), o2.clone()], vec![]);
        let all = db.catalogue();
        assert_eq!(all.len(), 1);
        assert_eq!(
            (
                all[0].tally.units,
                all[0].tally.buyers,
                all[0].tally.last_price
            ),
            (3, 2, 65_000)
        );
        let term = all[0].term;
        let with = db.buckets_with(term);
        assert!(with.contains(&bucket_of(a.id)) && with.contains(&bucket_of(b.id)));
        // An's bucket now has a refunded order only: An no longer counts.
        o1.data.status = crate::model::OrderStatus::Refunded;
        let mut bucket = vec![o1];
        if bucket_of(a.id) == bucket_of(b.id) {
            bucket.push(o2);
        }
        db.set_purchase_facts(bucket_of(a.id), PurchaseFact::of(&bucket));
        let all = db.catalogue();
        assert_eq!((all[0].tally.units, all[0].tally.buyers), (1, 1));
    }
}
