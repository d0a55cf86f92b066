//! Reading a backup in pieces. A small scanner walks the top-level object and cuts
//! out each value (a record of a section, or a header value) without parsing it;
//! serde_json then reads that one value. Memory is the records, not the file.

use super::{Backup, Counts, FORMAT, SECTIONS, VERSION};
use serde::de::DeserializeOwned;

/// The largest single value (one record) accepted: beyond it the file is damaged.
const MAX_VALUE: usize = 16 << 20;

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum BackupError {
    #[error("this is not a Clientele backup file")]
    NotBackup,
    #[error("this backup was made by a newer version of Clientele (backup version {found}; this version reads up to {VERSION})")]
    Newer { found: u32 },
    #[error("the backup is damaged at line {line}: {what}")]
    Damaged { line: u64, what: String },
    #[error("the backup ends early: the file is incomplete")]
    Truncated,
    #[error(
        "the backup holds {found} {section} but says it holds {expected}: it was cut or edited"
    )]
    Counts {
        section: &'static str,
        found: u64,
        expected: u64,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    Start,
    Key,
    KeyText,
    Colon,
    Value,
    Item,
    Capture,
    AfterItem,
    Done,
}

/// Where the value being cut out goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Dest {
    Header,
    Section(usize),
}

pub struct BackupReader {
    state: State,
    into: Dest,
    buf: Vec<u8>,
    key: String,
    depth: u32,
    in_string: bool,
    escaped: bool,
    line: u64,
    value_line: u64,
    /// Top-level keys read so far.
    keys: usize,
    format_seen: bool,
    version_seen: bool,
    bom_checked: bool,
    counts: Option<Counts>,
    backup: Backup,
}

impl Default for BackupReader {
    fn default() -> Self {
        BackupReader::new()
    }
}

impl BackupReader {
    pub fn new() -> BackupReader {
        BackupReader {
            state: State::Start,
            into: Dest::Header,
            buf: Vec::new(),
            key: String::new(),
            depth: 0,
            in_string: false,
            escaped: false,
            line: 1,
            value_line: 1,
            keys: 0,
            format_seen: false,
            version_seen: false,
            bom_checked: false,
            counts: None,
            backup: Backup::default(),
        }
    }

    /// Records read so far (progress).
    pub fn records(&self) -> u64 {
        let b = &self.backup;
        (b.customers.len() + b.orders.len() + b.interactions.len() + b.segments.len()) as u64
    }

    fn damaged(&self, what: impl Into<String>) -> BackupError {
        BackupError::Damaged {
            line: self.value_line.max(1),
            what: what.into(),
        }
    }

    fn unexpected(&self, b: u8, wanted: &str) -> BackupError {
        BackupError::Damaged {
            line: self.line,
            what: format!("found '{}' where {wanted} was expected", b as char),
        }
    }

    /// Reads the next piece of the file.
    pub fn push(&mut self, mut chunk: &[u8]) -> Result<(), BackupError> {
        if !self.bom_checked && !chunk.is_empty() {
            self.bom_checked = true;
            if let Some(rest) = chunk.strip_prefix(b"\xEF\xBB\xBF") {
                chunk = rest;
            }
        }
        for &b in chunk {
            self.byte(b)?;
            if b == b'\n' {
                self.line += 1;
            }
        }
        Ok(())
    }

    fn byte(&mut self, b: u8) -> Result<(), BackupError> {
        let space = matches!(b, b' ' | b'\t' | b'\n' | b'\r');
        match self.state {
            State::Capture => return self.capture(b),
            State::KeyText => {
                self.buf.push(b);
                if self.escaped {
                    self.escaped = false;
                } else if b == b'\\' {
                    self.escaped = true;
                } else if b == b'"' {
                    self.key = serde_json::from_slice(&self.buf)
                        .map_err(|e| self.damaged(format!("a name: {e}")))?;
                    self.buf.clear();
                    self.state = State::Colon;
                }
                if self.buf.len() > 1024 {
                    return Err(self.damaged("a name is too long"));
                }
                return Ok(());
            }
            _ if space => return Ok(()),
            _ => {}
        }
        match (self.state, b) {
            (State::Start, b'{') => self.state = State::Key,
            (State::Start, _) => return Err(BackupError::NotBackup),
            (State::Key, b'"') => {
                self.buf.clear();
                self.buf.push(b);
                self.value_line = self.line;
                self.state = State::KeyText;
            }
            (State::Key, _) if self.keys == 0 => return Err(BackupError::NotBackup),
            (State::Key, _) => return Err(self.unexpected(b, "a name in quotes")),
            (State::Colon, b':') => {
                self.keys += 1;
                self.state = State::Value;
            }
            (State::Colon, _) => return Err(self.unexpected(b, "':'")),
            (State::Value, _) => {
                let section = SECTIONS.iter().position(|s| *s == self.key);
                if section.is_some() && !(self.format_seen && self.version_seen) {
                    // Records before the format and version: not a backup we know.
                    return Err(BackupError::NotBackup);
                }
                match section {
                    Some(i) if b == b'[' => {
                        self.into = Dest::Section(i);
                        self.state = State::Item;
                    }
                    Some(_) => return Err(self.unexpected(b, "'['")),
                    None => {
                        self.into = Dest::Header;
                        self.start_capture(b)?;
                    }
                }
            }
            (State::Item, b']') if self.buf.is_empty() => self.state = State::AfterItem,
            (State::Item, _) => self.start_capture(b)?,
            (State::AfterItem, b',') => self.state = State::Key,
            (State::AfterItem, b'}') => self.state = State::Done,
            (State::AfterItem, _) => return Err(self.unexpected(b, "',' or '}'")),
            (State::Done, _) => return Err(self.unexpected(b, "the end of the file")),
            (State::Capture | State::KeyText, _) => unreachable!("handled above"),
        }
        Ok(())
    }

    fn start_capture(&mut self, b: u8) -> Result<(), BackupError> {
        self.buf.clear();
        self.depth = 0;
        self.in_string = false;
        self.escaped = false;
        self.value_line = self.line;
        self.state = State::Capture;
        self.capture(b)
    }

    fn capture(&mut self, b: u8) -> Result<(), BackupError> {
        if self.in_string {
            if self.escaped {
                self.escaped = false;
            } else if b == b'\\' {
                self.escaped = true;
            } else if b == b'"' {
                self.in_string = false;
            }
        } else {
            match b {
                b'"' => self.in_string = true,
                b'{' | b'[' => self.depth += 1,
                b'}' | b']' | b',' if self.depth == 0 => return self.end_value(b),
                b'}' | b']' => self.depth -= 1,
                _ => {}
            }
        }
        self.buf.push(b);
        if self.buf.len() > MAX_VALUE {
            return Err(self.damaged("a record is larger than 16 MB"));
        }
        Ok(())
    }

    /// A value ended at `end` (',' or the closing bracket of what holds it).
    fn end_value(&mut self, end: u8) -> Result<(), BackupError> {
        let value = std::mem::take(&mut self.buf);
        match self.into {
            Dest::Header => {
                self.header(&value)?;
                self.state = match end {
                    b',' => State::Key,
                    b'}' => State::Done,
                    _ => return Err(self.unexpected(end, "',' or '}'")),
                };
            }
            Dest::Section(i) => {
                self.record(i, &value)?;
                self.state = match end {
                    b',' => State::Item,
                    b']' => State::AfterItem,
                    _ => return Err(self.unexpected(end, "',' or ']'")),
                };
            }
        }
        Ok(())
    }

    fn header(&mut self, value: &[u8]) -> Result<(), BackupError> {
        let read = |what: &str, e: serde_json::Error| self.damaged(format!("{what}: {e}"));
        match self.key.as_str() {
            "format" => {
                let f: String =
                    serde_json::from_slice(value).map_err(|_| BackupError::NotBackup)?;
                if f != FORMAT {
                    return Err(BackupError::NotBackup);
                }
                self.format_seen = true;
            }
            "version" => {
                let v: u32 = serde_json::from_slice(value).map_err(|e| read("version", e))?;
                if v > VERSION {
                    return Err(BackupError::Newer { found: v });
                }
                self.backup.version = v;
                self.version_seen = true;
            }
            "created_at" => {
                self.backup.created_at =
                    serde_json::from_slice(value).map_err(|e| read("created_at", e))?;
            }
            "counts" => {
                self.counts = Some(serde_json::from_slice(value).map_err(|e| read("counts", e))?);
            }
            // Other values (the app that wrote it) are information only.
            _ => {
                serde_json::from_slice::<serde_json::Value>(value)
                    .map_err(|e| read(&self.key.clone(), e))?;
            }
        }
        Ok(())
    }

    fn record(&mut self, section: usize, value: &[u8]) -> Result<(), BackupError> {
        /// Reads record number `n` (from 0); on failure, its number and why.
        fn read<T: DeserializeOwned>(
            value: &[u8],
            n: usize,
        ) -> Result<T, (usize, serde_json::Error)> {
            serde_json::from_slice(value).map_err(|e| (n + 1, e))
        }
        let b = &mut self.backup;
        match section {
            0 => read(value, b.customers.len()).map(|r| b.customers.push(r)),
            1 => read(value, b.orders.len()).map(|r| b.orders.push(&r)),
            2 => read(value, b.interactions.len()).map(|r| b.interactions.push(&r)),
            _ => read(value, b.segments.len()).map(|r| b.segments.push(r)),
        }
        .map_err(|(n, e)| {
            self.damaged(format!(
                "{} record {n}: {e}",
                self.key.trim_end_matches('s')
            ))
        })
    }

    /// The whole backup, once the file has ended: complete, and its counts agree.
    pub fn finish(self) -> Result<Backup, BackupError> {
        if self.state == State::Done && !self.format_seen {
            return Err(BackupError::NotBackup);
        }
        if self.state != State::Done {
            return Err(if self.keys == 0 && self.state == State::Start {
                BackupError::NotBackup
            } else {
                BackupError::Truncated
            });
        }
        let Some(expected) = self.counts else {
            return Err(BackupError::Truncated);
        };
        let mut b = self.backup;
        let found = [
            b.customers.len(),
            b.orders.len(),
            b.interactions.len(),
            b.segments.len(),
        ];
        let mut want = expected;
        for (i, n) in found.into_iter().enumerate() {
            if *want.slot(i) != n as u64 {
                return Err(BackupError::Counts {
                    section: SECTIONS[i],
                    found: n as u64,
                    expected: *want.slot(i),
                });
            }
        }
        b.counts = expected;
        Ok(b)
    }
}

/// Reads a whole backup held in memory (tests, the CLI).
pub fn read_all(bytes: &[u8]) -> Result<Backup, BackupError> {
    let mut r = BackupReader::new();
    r.push(bytes)?;
    r.finish()
}
