//! Reading shops' own files: the text encodings, delimiters, amounts and dates that
//! real exports use. Pure functions, so every case is tested natively and the same
//! reading runs in the browser and in `clientele import`.

pub mod cells;
pub mod file;
pub mod history;
pub mod mapping;
pub mod plan;
pub mod rows;
pub mod sniff;
pub mod text;
pub mod words;
