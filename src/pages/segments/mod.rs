//! The Segments pages: overview (RFM grid, named segments, stages, saved segments,
//! scoring settings), the rule builder, a saved segment, and discovering groups.

mod builder;
mod clusters;
mod detail;
mod make;
mod members;
mod overview;
mod rule_editor;
mod scoring;

pub use builder::{EditSegmentPage, NewSegmentPage};
pub use clusters::ClustersPage;
pub use detail::SegmentPage;
pub use make::SegmentMaker;
pub use overview::SegmentsPage;
