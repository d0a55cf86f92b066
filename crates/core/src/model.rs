//! The entities: customers (people and organisations), orders and interactions,
//! with money and the enumerations they use.

mod country;
mod customer;
mod interaction;
mod money;
mod order;

pub use country::*;
pub use customer::*;
pub use interaction::*;
pub use money::*;
pub use order::*;
