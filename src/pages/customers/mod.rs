//! Customers: the list, one customer's page, the form to add or edit.

mod customer_picker;
mod detail;
mod form;
mod interaction_form;
mod interactions;
mod list;
mod order_form;
mod orders;
mod potential_card;
mod status_card;

pub use detail::CustomerPage;
pub use form::NewCustomerPage;
pub use list::CustomersPage;
