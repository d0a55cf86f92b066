//! Customers: the list, one customer's page, the form to add or edit.

mod bulk_bar;
mod customer_picker;
mod detail;
mod form;
mod interaction_form;
mod list;
mod list_filters;
mod merge_panel;
mod order_form;
mod potential_card;
mod status_card;
mod timeline;
mod timeline_entry;

pub use detail::CustomerPage;
pub use form::NewCustomerPage;
pub use list::CustomersPage;
