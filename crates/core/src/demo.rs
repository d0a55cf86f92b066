//! Seeded, deterministic demo data: customers with realistic Vietnamese and English
//! names, places, ages and interests, and two years of orders drawn from a BG/NBD-like
//! process (each customer buys at their own Poisson rate, drawn from a gamma, and may
//! drop out after each purchase with their own probability, drawn from a beta), with
//! gamma–gamma order values. So RFM and lifetime-value models have real structure.
//!
//! Each customer's data comes from its own random stream (seed, index), so a customer's
//! history can be generated on its own, in any order: the app stores one bucket at a
//! time and never holds a million orders in memory.

mod names;

use crate::hlc::{DeviceId, Hlc};
use crate::id::Id;
use crate::model::*;
use crate::record::Record;
use crate::time::{Day, Millis, MS_PER_DAY};
use names::*;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rand_distr::{Beta, Distribution, Exp, Gamma};

/// The demo device: stamps of generated records carry it.
pub const DEMO_DEVICE: DeviceId = DeviceId(0xDE40);

/// Days of order history generated before `end`.
pub const HISTORY_DAYS: i32 = 730;

#[derive(Clone, Copy, Debug)]
pub struct DemoConfig {
    pub customers: usize,
    pub seed: u64,
    /// The last day of generated history (usually today).
    pub end: Day,
}

fn rng(cfg: &DemoConfig, index: usize, stream: u64) -> ChaCha8Rng {
    let mut r = ChaCha8Rng::seed_from_u64(cfg.seed);
    r.set_stream(index as u64 * 4 + stream);
    r
}

fn pick<'a, T>(r: &mut ChaCha8Rng, items: &'a [T]) -> &'a T {
    &items[r.random_range(0..items.len())]
}

fn pick_weighted<'a, T>(r: &mut ChaCha8Rng, items: &'a [(T, u32)]) -> &'a T {
    let total: u32 = items.iter().map(|i| i.1).sum();
    let mut x = r.random_range(0..total);
    for (item, w) in items {
        if x < *w {
            return item;
        }
        x -= w;
    }
    &items[items.len() - 1].0
}

fn stamp(ms: Millis) -> Hlc {
    Hlc {
        millis: ms,
        counter: 0,
        device: DEMO_DEVICE,
    }
}

fn new_id(r: &mut ChaCha8Rng, ms: Millis) -> Id {
    Id::new_v7(ms.max(0) as u64, r.random())
}

fn end_ms(cfg: &DemoConfig) -> Millis {
    cfg.end.start_millis() + MS_PER_DAY - 1
}

/// The `index`-th demo customer.
pub fn customer(cfg: &DemoConfig, index: usize) -> Record<Customer> {
    let r = &mut rng(cfg, index, 0);
    let end = end_ms(cfg);
    // Customers were acquired over the last three years, more of them recently.
    let span = (HISTORY_DAYS as i64 + 365) * MS_PER_DAY;
    let created_at = end - (span as f64 * r.random::<f64>().powf(1.3)) as Millis;
    let id = new_id(r, created_at);
    let vietnamese = r.random_bool(0.8);
    let organisation = r.random_bool(0.05);
    let mut c = Customer {
        created_at,
        ..Default::default()
    };
    let (given, family, display, ascii) = if organisation {
        let (name, ascii) = if vietnamese {
            let n = format!(
                "{} {}",
                pick(r, VN_COMPANY_PREFIX),
                pick(r, VN_COMPANY_CORE)
            );
            let a = crate::search::fold(&n).replace(' ', "");
            (n, a)
        } else {
            let n = format!(
                "{} {}",
                pick(r, EN_COMPANY_CORE),
                pick(r, EN_COMPANY_SUFFIX)
            );
            let a = crate::search::fold(&n).replace(' ', "");
            (n, a)
        };
        c.kind = PartyKind::Organisation;
        (String::new(), String::new(), name, a_trim(ascii))
    } else if vietnamese {
        let family = pick_weighted(r, VN_FAMILY).to_string();
        let female = r.random_bool(0.55);
        c.gender = Some(if female { Gender::Female } else { Gender::Male });
        let middle = if female {
            pick(r, VN_MIDDLE_F)
        } else {
            pick(r, VN_MIDDLE_M)
        };
        let given = if female {
            pick(r, VN_GIVEN_F)
        } else {
            pick(r, VN_GIVEN_M)
        };
        let display = format!("{family} {middle} {given}");
        let ascii = crate::search::fold(&format!("{given}.{family}"));
        (given.to_string(), family, display, ascii)
    } else {
        let female = r.random_bool(0.5);
        c.gender = Some(if female { Gender::Female } else { Gender::Male });
        let given = if female {
            pick(r, EN_GIVEN_F)
        } else {
            pick(r, EN_GIVEN_M)
        };
        let family = pick(r, EN_FAMILY);
        (
            given.to_string(),
            family.to_string(),
            format!("{given} {family}"),
            crate::search::fold(&format!("{given}.{family}")),
        )
    };
    c.given_name = given;
    c.family_name = family;
    c.display_name = display;
    if r.random_bool(0.85) {
        c.emails.push(format!(
            "{ascii}{}@{}",
            r.random_range(1..999),
            pick(r, EMAIL_DOMAINS)
        ));
    }
    let place = if vietnamese {
        pick_weighted(r, VN_CITIES)
    } else {
        pick_weighted(r, FOREIGN_CITIES)
    };
    if r.random_bool(0.9) {
        c.phones.push(if place.country == "VN" {
            format!(
                "{} {:03} {:04}",
                pick(r, VN_MOBILE_PREFIX),
                r.random_range(0..1000),
                r.random_range(0..10000)
            )
        } else {
            format!(
                "{} {:03} {:04}",
                place.dial,
                r.random_range(100..1000),
                r.random_range(0..10000)
            )
        });
    }
    c.address = Address {
        street: format!("{} {}", r.random_range(1..300), pick(r, place.streets)),
        ward: String::new(),
        district: pick(r, place.districts).to_string(),
        city: place.city.to_string(),
        country: place.country.to_string(),
    };
    if c.kind == PartyKind::Person {
        let age_days = r.random_range(18 * 365..72 * 365);
        c.birthday = Some(Day(cfg.end.0 - age_days));
        c.occupation = pick(r, OCCUPATIONS).to_string();
        c.income = Some(*pick_weighted(r, INCOME));
    } else {
        c.occupation = String::new();
    }
    let n_interests = r.random_range(1..4);
    for _ in 0..n_interests {
        let i = pick(r, INTERESTS).to_string();
        if !c.interests.contains(&i) {
            c.interests.push(i);
        }
    }
    let channel = *pick_weighted(r, ACQUISITION);
    c.channel = Some(channel);
    c.source = pick(r, SOURCES).to_string();
    for (tag, p) in TAGS {
        if r.random_bool(*p) {
            c.tags.push(tag.to_string());
        }
    }
    if organisation {
        c.tags.push("B2B".into());
    }
    let on = Day::of_millis(created_at);
    for ch in ConsentChannel::ALL {
        let (p_ask, p_yes) = match ch {
            ConsentChannel::Email => (0.9, 0.6),
            ConsentChannel::Sms => (0.7, 0.4),
            ConsentChannel::Messaging => (0.6, 0.5),
            _ => (0.3, 0.3),
        };
        if r.random_bool(p_ask) {
            c.consent.push(Consent {
                channel: ch,
                granted: r.random_bool(p_yes),
                on,
            });
        }
    }
    if r.random_bool(0.1) {
        c.notes = pick(r, NOTES).to_string();
    }
    // Values come from their own stream, so adding them changed no other field.
    if c.kind == PartyKind::Person {
        let v = &mut rng(cfg, index, 2);
        for _ in 0..v.random_range(0..3) {
            let value = pick(v, VALUES).to_string();
            if !c.values.contains(&value) {
                c.values.push(value);
            }
        }
    }
    Record::new(id, c, stamp(created_at))
}

fn a_trim(s: String) -> String {
    s.chars()
        .filter(char::is_ascii_alphanumeric)
        .take(20)
        .collect()
}

/// The `index`-th customer's orders and interactions, given the customer record.
pub fn history(
    cfg: &DemoConfig,
    index: usize,
    c: &Record<Customer>,
) -> (Vec<Record<Order>>, Vec<Record<Interaction>>) {
    let r = &mut rng(cfg, index, 1);
    let end = end_ms(cfg);
    let start = end - HISTORY_DAYS as i64 * MS_PER_DAY;
    let mut orders = Vec::new();
    let mut interactions = Vec::new();
    // ~12% are prospects who never buy.
    let buyer = r.random_bool(0.88);
    let first =
        c.data.created_at.max(start) + (r.random::<f64>() * 3.0 * MS_PER_DAY as f64) as Millis;
    if buyer && first < end {
        // Purchase rate per day ~ Gamma(0.9, 0.06): mean about 20 a year, very uneven.
        let lambda = Gamma::<f64>::new(0.9, 0.06)
            .expect("valid")
            .sample(r)
            .max(1e-4);
        // Drop-out probability after each purchase ~ Beta(1, 15).
        let p_drop: f64 = Beta::<f64>::new(1.0, 15.0).expect("valid").sample(r);
        // Order value: gamma–gamma; VND, mean about 600.000 ₫.
        let nu: f64 = Gamma::<f64>::new(3.5, 1.0 / 250_000.0)
            .expect("valid")
            .sample(r);
        let value = Gamma::new(6.0, 1.0 / nu).expect("valid");
        let gap = Exp::new(lambda).expect("valid");
        let pref_channel = *pick_weighted(r, SALES_CHANNELS);
        let pref_category = r.random_range(0..CATEGORIES.len());
        let mut t = first;
        loop {
            let target = value.sample(r);
            orders.push(order(r, c.id, t, target, pref_channel, pref_category, c));
            if r.random_bool(p_drop) {
                break;
            }
            let days = gap.sample(r).max(0.02);
            t += (days * MS_PER_DAY as f64) as Millis;
            if t > end {
                break;
            }
        }
    }
    let n_inter = if orders.is_empty() {
        r.random_range(0..2)
    } else {
        r.random_range(0..5)
    };
    for _ in 0..n_inter {
        let from = c.data.created_at.max(start);
        if from >= end {
            break;
        }
        let at = r.random_range(from..end);
        let (subject, note) = pick(r, INTERACTIONS);
        let data = Interaction {
            customer: c.id,
            at,
            channel: *pick(r, &InteractionChannel::ALL),
            direction: if r.random_bool(0.6) {
                Direction::Inbound
            } else {
                Direction::Outbound
            },
            subject: subject.to_string(),
            note: note.to_string(),
            deleted: false,
        };
        interactions.push(Record::new(new_id(r, at), data, stamp(at)));
    }
    interactions.sort_by_key(|i| i.data.at);
    (orders, interactions)
}

fn order(
    r: &mut ChaCha8Rng,
    customer: Id,
    at: Millis,
    target: f64,
    pref_channel: SalesChannel,
    pref_category: usize,
    c: &Record<Customer>,
) -> Record<Order> {
    let n_items = *pick_weighted(r, &[(1usize, 55), (2, 30), (3, 15)]);
    let mut items = Vec::with_capacity(n_items);
    let mut left: f64 = target.max(20_000.0);
    for k in 0..n_items {
        let cat = if r.random_bool(0.7) {
            pref_category
        } else {
            r.random_range(0..CATEGORIES.len())
        };
        let (category, products) = &CATEGORIES[cat];
        let (product, sku, price) = pick(r, products);
        let share = if k + 1 == n_items {
            left
        } else {
            left * r.random_range(0.3..0.7)
        };
        let quantity = ((share / *price as f64).round() as u32).clamp(1, 6);
        left = (left - (quantity as i64 * price) as f64).max(0.0);
        // The same product twice in one order is one line with more units.
        match items.iter_mut().find(|i: &&mut LineItem| i.sku == *sku) {
            Some(line) => line.quantity += quantity,
            None => items.push(LineItem {
                product: product.to_string(),
                sku: sku.to_string(),
                category: category.to_string(),
                quantity,
                unit_price: *price,
            }),
        }
    }
    let channel = if r.random_bool(0.75) {
        pref_channel
    } else {
        *pick_weighted(r, SALES_CHANNELS)
    };
    let store = match channel {
        SalesChannel::InStore => store_for(&c.data.address.city).to_string(),
        SalesChannel::Online => "Website".to_string(),
        SalesChannel::Marketplace => pick(r, &["Shopee", "Lazada", "Tiki"]).to_string(),
        SalesChannel::Social => pick(r, &["Facebook", "Zalo", "Instagram"]).to_string(),
        SalesChannel::Phone => "Hotline".to_string(),
    };
    let status = *pick_weighted(
        r,
        &[
            (OrderStatus::Paid, 95),
            (OrderStatus::Refunded, 3),
            (OrderStatus::Cancelled, 2),
        ],
    );
    let subtotal: i64 = items.iter().map(LineItem::amount).sum();
    // Occasional discount, rounded to 1.000 ₫.
    let discount = if r.random_bool(0.15) {
        (subtotal / 10 / 1000) * 1000
    } else {
        0
    };
    let data = Order {
        customer,
        placed_at: at,
        total: subtotal - discount,
        items,
        currency: Currency::VND,
        channel,
        store,
        status,
        deleted: false,
        reference: String::new(),
    };
    Record::new(new_id(r, at), data, stamp(at))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cfg(n: usize) -> DemoConfig {
        DemoConfig {
            customers: n,
            seed: 7,
            end: Day::from_ymd(2026, 11, 24).unwrap(),
        }
    }

    #[test]
    fn deterministic_and_independent_of_order() {
        let c = cfg(50);
        let a = customer(&c, 17);
        let b = customer(&c, 17);
        assert_eq!(a, b);
        let h1 = history(&c, 17, &a);
        let _ = history(&c, 3, &customer(&c, 3));
        assert_eq!(history(&c, 17, &a), h1);
        assert_ne!(customer(&c, 18).id, a.id);
        let other_seed = DemoConfig { seed: 8, ..c };
        assert_ne!(customer(&other_seed, 17).data, a.data);
    }

    #[test]
    fn generated_data_is_valid_and_has_structure() {
        let c = cfg(2000);
        let today = c.end;
        let mut orders = 0usize;
        let mut per_customer = Vec::new();
        let mut vn = 0;
        let mut diacritics = 0;
        for i in 0..c.customers {
            let cu = customer(&c, i);
            crate::validate::customer(&cu.data, today)
                .unwrap_or_else(|e| panic!("customer {i}: {e:?} {:?}", cu.data));
            if cu.data.address.country == "VN" {
                vn += 1;
            }
            if cu.data.name() != crate::search::fold(&cu.data.name()) {
                diacritics += 1;
            }
            let (os, is) = history(&c, i, &cu);
            for o in &os {
                crate::validate::order(&o.data).unwrap();
                let mut skus: Vec<&str> = o.data.items.iter().map(|i| i.sku.as_str()).collect();
                skus.sort();
                skus.dedup();
                assert_eq!(skus.len(), o.data.items.len(), "one line per product");
                assert_eq!(o.data.customer, cu.id);
                assert!(o.data.placed_at <= end_ms(&c));
                assert!(o.data.placed_at >= cu.data.created_at);
                assert!(
                    o.data.total > 0 && o.data.total <= o.data.items_total(),
                    "total within items"
                );
            }
            for it in &is {
                crate::validate::interaction(&it.data).unwrap();
            }
            orders += os.len();
            per_customer.push(os.len());
        }
        let mean = orders as f64 / c.customers as f64;
        assert!(
            (5.0..15.0).contains(&mean),
            "mean orders per customer {mean}"
        );
        per_customer.sort();
        let prospects = per_customer.iter().filter(|&&n| n == 0).count();
        assert!(prospects > 100, "some customers never buy ({prospects})");
        let top = per_customer[per_customer.len() * 95 / 100];
        let median = per_customer[per_customer.len() / 2];
        assert!(
            top > 4 * median.max(1),
            "purchase rates are heterogeneous: p95 {top}, median {median}"
        );
        assert!(
            vn > 1800 && vn < 1990,
            "mostly customers in Vietnam, some abroad ({vn})"
        );
        assert!(
            diacritics > 1000,
            "Vietnamese names keep their diacritics ({diacritics})"
        );
    }
}
