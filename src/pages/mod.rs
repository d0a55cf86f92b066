//! One module per area of the app.

pub mod backup;
pub mod customers;
pub mod dashboard;
pub mod import;
pub mod keyboard;
pub mod not_found;
pub mod products;
pub mod segments;
pub mod settings;
