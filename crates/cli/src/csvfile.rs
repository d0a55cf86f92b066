//! Reading a CSV file with a header, for every command: columns found by name (any
//! order, any case, a byte-order mark ignored), rows with their line numbers, and
//! errors that say "FILE: line L, column 'C': why".

use crate::CliError;
use std::path::{Path, PathBuf};

/// A refusal of a file's content, at a line and column (`-` for the whole row).
pub fn bad(path: &Path, line: u64, column: &str, why: impl std::fmt::Display) -> CliError {
    CliError {
        message: format!("{}: line {line}, column '{column}': {why}", path.display()),
        code: 2,
    }
}

pub struct Table {
    path: PathBuf,
    reader: csv::Reader<std::fs::File>,
    /// The header's names, trimmed, without a byte-order mark.
    names: Vec<String>,
}

impl Table {
    pub fn open(path: &Path) -> Result<Table, CliError> {
        let mut reader = csv::ReaderBuilder::new()
            .flexible(false)
            .from_path(path)
            .map_err(|e| CliError {
                message: format!("cannot read {}: {e}", path.display()),
                code: 2,
            })?;
        let names = reader
            .headers()
            .map_err(|e| bad(path, 1, "-", e))?
            .iter()
            .map(|h| h.trim_start_matches('\u{feff}').trim().to_string())
            .collect();
        Ok(Table {
            path: path.to_path_buf(),
            reader,
            names,
        })
    }

    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// The position of a column, by name without regard to case.
    pub fn find(&self, name: &str) -> Option<usize> {
        self.names.iter().position(|h| h.eq_ignore_ascii_case(name))
    }

    /// The first of several names the file has.
    pub fn find_any(&self, names: &[&str]) -> Option<usize> {
        names.iter().find_map(|n| self.find(n))
    }

    /// Refuses a header without all of `names`; `needed` says what the file needs.
    pub fn require(&self, names: &[&str], needed: &str) -> Result<(), CliError> {
        let missing: Vec<&str> = names
            .iter()
            .copied()
            .filter(|n| self.find(n).is_none())
            .collect();
        if missing.is_empty() {
            return Ok(());
        }
        Err(bad(
            &self.path,
            1,
            &missing.join("', '"),
            format!("missing from the header ({needed})"),
        ))
    }

    /// Every row with its line number; a malformed row (wrong number of fields, bad
    /// UTF-8) is an error at its line.
    pub fn rows(
        &mut self,
    ) -> impl Iterator<Item = Result<(u64, csv::StringRecord), CliError>> + '_ {
        let path = &self.path;
        self.reader.records().map(move |row| {
            let row = row.map_err(|e| {
                let line = e.position().map(|p| p.line()).unwrap_or(0);
                bad(path, line, "-", e)
            })?;
            let line = row.position().map(|p| p.line()).unwrap_or(0);
            Ok((line, row))
        })
    }
}

/// A cell of an optional column, trimmed ("" when the column is absent).
pub fn cell(row: &csv::StringRecord, column: Option<usize>) -> &str {
    column.and_then(|i| row.get(i)).unwrap_or("").trim()
}
