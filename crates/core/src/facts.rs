//! What the app keeps of each order and interaction beside the records, for the
//! list, sorting and analytics (derived, stored with each bucket), and the
//! per-customer totals made from them.

use crate::id::Id;
use crate::model::{Currency, Interaction, InteractionChannel, Order, OrderStatus};
use crate::record::Record;
use crate::time::Millis;
use serde::{Deserialize, Serialize};
use smallvec::SmallVec;

/// What the list, sorting and (later) analytics need of an order.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct OrderFact {
    pub order: Id,
    pub customer: Id,
    pub placed_at: Millis,
    pub total: i64,
    pub currency: Currency,
    pub status: OrderStatus,
}

impl OrderFact {
    /// Facts of the live (not deleted) orders, grouped by customer and time.
    pub fn of(orders: &[Record<Order>]) -> Vec<OrderFact> {
        let mut facts: Vec<OrderFact> = orders
            .iter()
            .filter(|o| !o.is_deleted())
            .map(|o| OrderFact {
                order: o.id,
                customer: o.data.customer,
                placed_at: o.data.placed_at,
                total: o.data.total,
                currency: o.data.currency,
                status: o.data.status,
            })
            .collect();
        sort_facts(&mut facts);
        facts
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct InteractionFact {
    pub customer: Id,
    pub at: Millis,
    pub channel: InteractionChannel,
}

impl InteractionFact {
    pub fn of(items: &[Record<Interaction>]) -> Vec<InteractionFact> {
        items
            .iter()
            .filter(|i| !i.is_deleted())
            .map(|i| InteractionFact {
                customer: i.data.customer,
                at: i.data.at,
                channel: i.data.channel,
            })
            .collect()
    }
}

/// Per-customer totals, derived from the facts.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CustomerStats {
    /// Orders that count as revenue (paid or pending).
    pub orders: u32,
    /// Revenue per currency, in minor units (kept inline: most customers pay in one
    /// currency, and rules read it for every customer).
    pub spent: SmallVec<[(Currency, i64); 1]>,
    pub first_order: Option<Millis>,
    pub last_order: Option<Millis>,
    pub interactions: u32,
    pub last_interaction: Option<Millis>,
}

impl CustomerStats {
    pub fn spent_in(&self, currency: Currency) -> i64 {
        self.spent
            .iter()
            .find(|(c, _)| *c == currency)
            .map(|(_, v)| *v)
            .unwrap_or(0)
    }

    pub(crate) fn add_order(&mut self, f: &OrderFact) {
        if !f.status.counts() {
            return;
        }
        self.orders += 1;
        match self.spent.iter_mut().find(|(c, _)| *c == f.currency) {
            Some(slot) => slot.1 += f.total,
            None => self.spent.push((f.currency, f.total)),
        }
        self.first_order = Some(self.first_order.map_or(f.placed_at, |t| t.min(f.placed_at)));
        self.last_order = Some(self.last_order.map_or(f.placed_at, |t| t.max(f.placed_at)));
    }
}

/// Groups a bucket's facts by customer, by time within each (stable: nearly sorted
/// input, as stored, costs one pass).
pub(crate) fn sort_facts(facts: &mut [OrderFact]) {
    facts.sort_by_key(|f| (f.customer, f.placed_at));
}
