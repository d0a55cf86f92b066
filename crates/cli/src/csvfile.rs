//! Reading a CSV file with a header, for every command: columns found by name (any
//! order, any case, a byte-order mark ignored), rows with their line numbers, and
//! errors that say "FILE: line L, column 'C': why".

use crate::CliError;
use clientele_core::import::file::{CsvFile, FileError};
use clientele_core::import::rows::{Row, RowError};
use std::collections::VecDeque;
use std::path::{Path, PathBuf};

/// Bytes read at a time.
const CHUNK: usize = 1 << 20;

/// A refusal of a file's content, at a line and column (`-` for the whole row).
pub fn bad(path: &Path, line: u64, column: &str, why: impl std::fmt::Display) -> CliError {
    CliError {
        message: format!("{}: line {line}, column '{column}': {why}", path.display()),
        code: 2,
    }
}

pub struct Table {
    path: PathBuf,
    file: std::fs::File,
    csv: CsvFile,
    /// Records read and not yet taken.
    pending: VecDeque<Row>,
    /// The whole file has been read.
    done: bool,
    /// The header's names, trimmed, without a byte-order mark.
    names: Vec<String>,
}

impl Table {
    /// Opens a file and reads its header, through the core's CSV reader (the app's
    /// Import page's: any encoding it knows, comma, semicolon or tab).
    pub fn open(path: &Path) -> Result<Table, CliError> {
        let file = std::fs::File::open(path).map_err(|e| CliError {
            message: format!("cannot read {}: {e}", path.display()),
            code: 2,
        })?;
        let mut table = Table {
            path: path.to_path_buf(),
            file,
            csv: CsvFile::new(),
            pending: VecDeque::new(),
            done: false,
            names: Vec::new(),
        };
        while table.csv.header().is_none() && !table.done {
            table.more()?;
        }
        table.names = table
            .csv
            .header()
            .unwrap_or_default()
            .iter()
            .map(|h| h.trim_start_matches('\u{feff}').trim().to_string())
            .collect();
        Ok(table)
    }

    /// Reads the next piece of the file into `pending`.
    fn more(&mut self) -> Result<(), CliError> {
        use std::io::Read;
        let mut chunk = vec![0u8; CHUNK];
        let n = self.file.read(&mut chunk).map_err(|e| CliError {
            message: format!("cannot read {}: {e}", self.path.display()),
            code: 2,
        })?;
        let pending = &mut self.pending;
        let read = if n == 0 {
            self.done = true;
            self.csv.finish(&mut |r| pending.push_back(r))
        } else {
            self.csv.push(&chunk[..n], &mut |r| pending.push_back(r))
        };
        read.map_err(|e| match e {
            FileError::Record(RowError { line }) => bad(&self.path, line.into(), "-", e),
            e => CliError {
                message: format!("{}: {e}", self.path.display()),
                code: 2,
            },
        })
    }

    /// The next record with its line, or None at the end. A record with more or
    /// fewer values than the header is an error at its line.
    fn next_row(&mut self) -> Result<Option<(u64, Row)>, CliError> {
        loop {
            if let Some(row) = self.pending.pop_front() {
                let line = u64::from(row.line);
                if row.fields.len() != self.names.len() {
                    let why = format!(
                        "{} values, but the header has {} columns",
                        row.fields.len(),
                        self.names.len()
                    );
                    return Err(bad(&self.path, line, "-", why));
                }
                return Ok(Some((line, row)));
            }
            if self.done {
                return Ok(None);
            }
            self.more()?;
        }
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

    /// Every row with its line number; a malformed row (a quote never closed, more
    /// or fewer values than the header) is an error at its line.
    pub fn rows(&mut self) -> impl Iterator<Item = Result<(u64, Row), CliError>> + '_ {
        std::iter::from_fn(move || self.next_row().transpose())
    }
}

/// A cell of an optional column, trimmed ("" when the column is absent).
pub fn cell(row: &Row, column: Option<usize>) -> &str {
    column
        .and_then(|i| row.fields.get(i))
        .map_or("", |v| v.trim())
}
