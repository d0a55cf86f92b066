//! A CSV file read a chunk of bytes at a time: its encoding decoded, its delimiter
//! found from the first 64 KB, its header kept and every other record passed on.

use super::rows::{Fields, Row, RowError, RowReader};
use super::text::{Decoder, TextError};

/// How much text decides the delimiter.
const SNIFF: usize = 64 * 1024;

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum FileError {
    #[error("{}", not_text(.0))]
    Text(TextError),
    #[error("{0}")]
    Record(RowError),
    #[error("the file is empty")]
    Empty,
}

fn not_text(e: &TextError) -> String {
    let TextError::NotText { line, encoding } = e;
    format!(
        "line {line}: the file is not {encoding:?} text (a spreadsheet must be saved as CSV first)"
    )
}

#[derive(Default)]
pub struct CsvFile {
    decoder: Decoder,
    /// Text decoded and not yet read into records.
    text: String,
    reader: Option<RowReader>,
    delimiter: Option<char>,
    header: Option<Vec<String>>,
    /// Bytes pushed so far (progress).
    pub bytes: u64,
}

impl CsvFile {
    pub fn new() -> CsvFile {
        CsvFile::default()
    }

    pub fn header(&self) -> Option<&[String]> {
        self.header.as_deref()
    }

    pub fn delimiter(&self) -> Option<char> {
        self.delimiter
    }

    /// Reads the records `chunk` completes (the header is kept, not passed).
    pub fn push(&mut self, chunk: &[u8], each: &mut impl FnMut(Row)) -> Result<(), FileError> {
        self.push_fields(chunk, &mut |_, f| each(f.to_row()))
    }

    /// The end of the file.
    pub fn finish(&mut self, each: &mut impl FnMut(Row)) -> Result<(), FileError> {
        self.finish_fields(&mut |_, f| each(f.to_row()))
    }

    /// As `push`, each record borrowed (no allocation per record: the CLI's fast
    /// path), with the header.
    pub fn push_fields(
        &mut self,
        chunk: &[u8],
        each: &mut impl FnMut(&[String], Fields<'_>),
    ) -> Result<(), FileError> {
        self.bytes += chunk.len() as u64;
        self.decoder
            .push(chunk, &mut self.text)
            .map_err(FileError::Text)?;
        if self.reader.is_none() && self.text.len() < SNIFF {
            return Ok(());
        }
        self.read(false, each)
    }

    /// As `finish`, the last records borrowed.
    pub fn finish_fields(
        &mut self,
        each: &mut impl FnMut(&[String], Fields<'_>),
    ) -> Result<(), FileError> {
        self.decoder
            .finish(&mut self.text)
            .map_err(FileError::Text)?;
        self.read(true, each)?;
        if self.header.is_none() {
            return Err(FileError::Empty);
        }
        Ok(())
    }

    fn read(
        &mut self,
        end: bool,
        each: &mut impl FnMut(&[String], Fields<'_>),
    ) -> Result<(), FileError> {
        let reader = match &mut self.reader {
            Some(r) => r,
            None => {
                let d = super::sniff::delimiter(&self.text, end);
                self.delimiter = Some(d);
                self.reader.insert(RowReader::new(d))
            }
        };
        let header = &mut self.header;
        let mut pass = |row: Fields<'_>| match header {
            None => *header = Some(row.to_row().fields),
            Some(h) => each(h, row),
        };
        reader
            .push_fields(&self.text, &mut pass)
            .map_err(FileError::Record)?;
        self.text.clear();
        if end {
            reader.finish_fields(&mut pass).map_err(FileError::Record)?;
        }
        Ok(())
    }
}

/// A whole file's header and records (tests, the CLI, small files).
pub fn read_all(bytes: &[u8]) -> Result<(Vec<String>, Vec<Row>), FileError> {
    let mut file = CsvFile::new();
    let mut rows = Vec::new();
    file.push(bytes, &mut |r| rows.push(r))?;
    file.finish(&mut |r| rows.push(r))?;
    Ok((file.header.unwrap_or_default(), rows))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_records_delimiter_and_encoding() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in "Tên;Số điện thoại\r\nAn;0912\r\n\"Bình; B\";0913".encode_utf16() {
            bytes.extend(u.to_le_bytes());
        }
        let mut file = CsvFile::new();
        let mut rows = Vec::new();
        for chunk in bytes.chunks(5) {
            file.push(chunk, &mut |r| rows.push(r)).unwrap();
        }
        file.finish(&mut |r| rows.push(r)).unwrap();
        assert_eq!(file.delimiter(), Some(';'));
        assert_eq!(file.header().unwrap(), ["Tên", "Số điện thoại"]);
        assert_eq!(rows.len(), 2);
        assert_eq!((rows[1].line, rows[1].fields[0].as_str()), (3, "Bình; B"));
        assert_eq!(read_all(b""), Err(FileError::Empty));
        assert!(matches!(
            read_all(b"a,b\n\xff\xfe\xfd,1\n"),
            Err(FileError::Text(_))
        ));
    }
}
