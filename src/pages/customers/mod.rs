//! Customers: the list, one customer's page, the form to add or edit.

mod detail;
mod form;
mod interactions;
mod list;
mod order_form;
mod orders;
mod potential_card;
mod segments_card;

pub use detail::CustomerPage;
pub use form::NewCustomerPage;
pub use list::CustomersPage;
