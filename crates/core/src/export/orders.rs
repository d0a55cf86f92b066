//! The orders export: one row per line item, the order's own columns repeated on
//! each (an order without items has one row). The importer groups consecutive rows
//! with the same order number back into one order.

use super::csv::CsvOut;
use super::customers::file_id;
use crate::db::Db;
use crate::model::{Order, OrderStatus, PartyKind, SalesChannel};
use crate::record::Record;
use crate::time::iso_datetime;

pub const ORDER_COLUMNS: [&str; 17] = [
    "Order",
    "Customer ID",
    "Name",
    "Company",
    "Email",
    "Phone",
    "Date",
    "Total",
    "Currency",
    "Status",
    "Channel",
    "Store",
    "Product",
    "SKU",
    "Category",
    "Quantity",
    "Unit price",
];

pub fn status_word(s: OrderStatus) -> &'static str {
    match s {
        OrderStatus::Paid => "paid",
        OrderStatus::Pending => "pending",
        OrderStatus::Refunded => "refunded",
        OrderStatus::Cancelled => "cancelled",
    }
}

pub fn channel_word(c: SalesChannel) -> &'static str {
    match c {
        SalesChannel::Online => "online",
        SalesChannel::InStore => "in store",
        SalesChannel::Phone => "phone",
        SalesChannel::Marketplace => "marketplace",
        SalesChannel::Social => "social",
    }
}

/// Appends the rows of the live orders in `orders` (one bucket, say) to `out`, with
/// their customers' contact data from `db`. Orders whose customer is gone are left out.
pub fn order_rows(db: &Db, orders: &[Record<Order>], out: &mut CsvOut) {
    for r in orders.iter().filter(|r| !r.is_deleted()) {
        let o = &r.data;
        let Some(c) = db.customer(o.customer).filter(|c| !c.is_deleted()) else {
            continue;
        };
        let org = c.data.kind == PartyKind::Organisation;
        let money = |m: i64| o.currency.plain_amount(m);
        let head = [
            if o.reference.trim().is_empty() {
                r.id.to_string()
            } else {
                o.reference.clone()
            },
            file_id(c),
            if org { String::new() } else { c.data.name() },
            if org { c.data.name() } else { String::new() },
            c.data.emails.first().cloned().unwrap_or_default(),
            c.data.phones.first().cloned().unwrap_or_default(),
            iso_datetime(o.placed_at),
            money(o.total),
            o.currency.code().to_string(),
            status_word(o.status).to_string(),
            channel_word(o.channel).to_string(),
            o.store.clone(),
        ];
        if o.items.is_empty() {
            let mut row = head.to_vec();
            row.extend(std::iter::repeat_n(String::new(), 5));
            out.row(&row);
        }
        for i in &o.items {
            let mut row = head.to_vec();
            row.extend([
                i.product.clone(),
                i.sku.clone(),
                i.category.clone(),
                i.quantity.to_string(),
                money(i.unit_price),
            ]);
            out.row(&row);
        }
    }
}
