//! An order (a transaction): who bought what, when, where, for how much.

use super::money::Currency;
use crate::id::Id;
use crate::record_fields;
use crate::time::Millis;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum SalesChannel {
    Online,
    #[default]
    InStore,
    Phone,
    Marketplace,
    Social,
}

impl SalesChannel {
    pub const ALL: [SalesChannel; 5] = [
        SalesChannel::Online,
        SalesChannel::InStore,
        SalesChannel::Phone,
        SalesChannel::Marketplace,
        SalesChannel::Social,
    ];

    /// The stable code, in rules and files.
    pub fn code(self) -> &'static str {
        match self {
            SalesChannel::Online => "online",
            SalesChannel::InStore => "in_store",
            SalesChannel::Phone => "phone",
            SalesChannel::Marketplace => "marketplace",
            SalesChannel::Social => "social",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum OrderStatus {
    #[default]
    Paid,
    Pending,
    Refunded,
    Cancelled,
}

impl OrderStatus {
    pub const ALL: [OrderStatus; 4] = [
        OrderStatus::Paid,
        OrderStatus::Pending,
        OrderStatus::Refunded,
        OrderStatus::Cancelled,
    ];

    /// Whether the order counts as revenue.
    pub fn counts(self) -> bool {
        matches!(self, OrderStatus::Paid | OrderStatus::Pending)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct LineItem {
    pub product: String,
    pub sku: String,
    pub category: String,
    pub quantity: u32,
    /// Price of one unit, in minor units of the order's currency.
    pub unit_price: i64,
}

impl LineItem {
    pub fn amount(&self) -> i64 {
        self.unit_price.saturating_mul(self.quantity as i64)
    }
}

record_fields! {
    pub struct Order / OrderField {
        customer: Id => Customer,
        placed_at: Millis => PlacedAt,
        items: Vec<LineItem> => Items,
        /// What the customer paid, in minor units (after discounts, with shipping).
        total: i64 => Total,
        currency: Currency => Currency,
        channel: SalesChannel => Channel,
        /// Store or location name.
        store: String => Store,
        status: OrderStatus => Status,
        deleted: bool => Deleted,
        /// The order's number in the shop's own system ("#1001"), kept from imports.
        #[serde(default)]
        reference: String => Reference,
    }
}

impl Order {
    pub fn items_total(&self) -> i64 {
        self.items
            .iter()
            .map(LineItem::amount)
            .fold(0, i64::saturating_add)
    }
}
