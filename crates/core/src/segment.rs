//! Segmentation: RFM scores and named segments, lifecycle stages, k-means++
//! clustering. (Rules come with the rest of issue 3.)

pub mod cluster;
pub mod lifecycle;
pub mod rfm;
