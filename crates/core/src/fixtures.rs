//! The records and clock stamps tests build on, one set for every test of the core,
//! the app's browser tests and the CLI's (feature `fixtures`; never in the app).

use crate::facts::OrderFact;
use crate::hlc::{DeviceId, Hlc};
use crate::id::Id;
use crate::model::{Currency, Customer, LineItem, Order, OrderStatus};
use crate::record::Record;
use crate::time::Millis;

/// A stamp of `device` at `millis` (counter 0).
pub fn stamp(millis: i64, device: u64) -> Hlc {
    Hlc {
        millis,
        counter: 0,
        device: DeviceId(device),
    }
}

/// Id number `n` (its time part `n`, its random part `n` repeated): ids sort by `n`.
pub fn id(n: u64) -> Id {
    Id::new_v7(n, [n as u8; 10])
}

/// Customer `n` (`id(n)`, created at `n` ms), named `name`, stamped at 1 ms by
/// device 1.
pub fn customer(n: u64, name: &str) -> Record<Customer> {
    let data = Customer {
        display_name: name.into(),
        created_at: n as i64,
        ..Default::default()
    };
    Record::new(id(n), data, stamp(1, 1))
}

/// A paid order in ₫ of one line (a coffee at `total`), placed at `at` by `customer`,
/// its id made from `at`, stamped at 1 ms by device 1.
pub fn order(customer: Id, at: Millis, total: i64) -> Record<Order> {
    let data = Order {
        customer,
        placed_at: at,
        items: vec![LineItem {
            product: "Cà phê".into(),
            sku: "CF".into(),
            category: "Đồ uống".into(),
            quantity: 1,
            unit_price: total,
        }],
        total,
        ..Default::default()
    };
    Record::new(Id::new_v7(at as u64, [9; 10]), data, stamp(1, 1))
}

/// The fact of an order in ₫ by `customer` at `at` (its id made from `at`).
pub fn order_fact(customer: Id, at: Millis, total: i64, status: OrderStatus) -> OrderFact {
    OrderFact {
        order: Id::new_v7(at as u64, [9; 10]),
        customer,
        placed_at: at,
        total,
        currency: Currency::VND,
        status,
    }
}
