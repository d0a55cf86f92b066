//! Segmentation: RFM scores and named segments (more to come: lifecycle stages,
//! rules, clustering).

pub mod rfm;
