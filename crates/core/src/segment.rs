//! Segmentation: RFM scores and named segments, lifecycle stages. (Rules and
//! clustering come with the rest of issue 3.)

pub mod lifecycle;
pub mod rfm;
