//! Segmentation: RFM scores and named segments, lifecycle stages, rules over customer
//! fields, k-means++ clustering, and saved segments.

pub mod analysis;
pub mod cluster;
pub mod eval;
pub mod features;
pub mod lifecycle;
pub mod rfm;
pub mod rules;
pub mod saved;
