//! Segmentation: RFM scores and named segments, lifecycle stages, rules over customer
//! fields, k-means++ clustering, saved segments, and the rules the app writes for
//! the user (presets), and one verdict per customer (status and next action).

pub mod analysis;
pub mod cluster;
pub mod eval;
pub mod features;
pub mod lifecycle;
pub mod presets;
pub mod rfm;
pub mod rules;
pub mod saved;
pub mod verdict;
