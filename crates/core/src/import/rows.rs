//! CSV records read from text that arrives a piece at a time (a file read in chunks),
//! with the line each record starts on, for messages. Quoting follows RFC 4180 (a
//! quoted field may hold delimiters, quotes written twice and line breaks); the
//! parsing itself is `csv-core`'s. Blank lines are skipped.

/// One record: the line it starts on (1-based) and its fields.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    pub line: u32,
    pub fields: Vec<String>,
}

/// A record that never ends: most often a quote opened and not closed.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("the record starting on line {line} is longer than {MAX_RECORD} bytes: a quote is probably not closed")]
pub struct RowError {
    pub line: u32,
}

/// The longest record accepted; protects memory from an unclosed quote in a big file.
pub const MAX_RECORD: usize = 1 << 20;

pub struct RowReader {
    reader: csv_core::Reader,
    out: Vec<u8>,
    used: usize,
    ends: Vec<usize>,
    fields: usize,
    /// Line breaks consumed so far.
    breaks: u32,
    /// The last byte consumed, to tell whether a record's line break was consumed.
    last: u8,
}

impl RowReader {
    pub fn new(delimiter: char) -> RowReader {
        let reader = csv_core::ReaderBuilder::new()
            .delimiter(delimiter as u8)
            .build();
        RowReader {
            reader,
            out: vec![0; 4096],
            used: 0,
            ends: vec![0; 64],
            fields: 0,
            breaks: 0,
            last: b'\n',
        }
    }

    /// Reads the records that `text` completes, passing each to `each`. Text that
    /// ends inside a record is kept for the next call.
    pub fn push(&mut self, text: &str, each: &mut impl FnMut(Row)) -> Result<(), RowError> {
        // Empty input means the end to csv-core: an empty piece is no news.
        if text.is_empty() {
            return Ok(());
        }
        self.run(text.as_bytes(), each)
    }

    /// The end of the text: reads the last record if it had no line break.
    pub fn finish(&mut self, each: &mut impl FnMut(Row)) -> Result<(), RowError> {
        self.run(&[], each)
    }

    fn run(&mut self, mut input: &[u8], each: &mut impl FnMut(Row)) -> Result<(), RowError> {
        use csv_core::ReadRecordResult as R;
        loop {
            let (result, nin, nout, nend) = self.reader.read_record(
                input,
                &mut self.out[self.used..],
                &mut self.ends[self.fields..],
            );
            let consumed = &input[..nin];
            self.breaks += breaks(self.last, consumed);
            if let Some(&b) = consumed.last() {
                self.last = b;
            }
            input = &input[nin..];
            self.used += nout;
            self.fields += nend;
            match result {
                R::InputEmpty => return Ok(()),
                R::OutputFull => {
                    if self.out.len() >= MAX_RECORD {
                        let line = self.breaks + 1 - self.breaks_inside();
                        return Err(RowError { line });
                    }
                    let len = self.out.len() * 2;
                    self.out.resize(len, 0);
                }
                R::OutputEndsFull => {
                    let len = self.ends.len() * 2;
                    self.ends.resize(len, 0);
                }
                R::Record => self.emit(each),
                R::End => return Ok(()),
            }
        }
    }

    /// Line breaks inside the fields read so far (quoted line breaks).
    fn breaks_inside(&self) -> u32 {
        breaks(0, &self.out[..self.used])
    }

    fn emit(&mut self, each: &mut impl FnMut(Row)) {
        // The record's own line break, if consumed, is on its last line.
        let ended_by_break = self.last == b'\n' || self.last == b'\r';
        let last_line = self.breaks + u32::from(!ended_by_break);
        let line = last_line.saturating_sub(self.breaks_inside()).max(1);
        let mut fields = Vec::with_capacity(self.fields);
        let mut start = 0;
        for &end in &self.ends[..self.fields] {
            fields.push(String::from_utf8_lossy(&self.out[start..end]).into_owned());
            start = end;
        }
        self.used = 0;
        self.fields = 0;
        each(Row { line, fields });
    }
}

/// Line breaks in `bytes` (CR LF, LF or CR alone), `before` being the byte before them.
fn breaks(before: u8, bytes: &[u8]) -> u32 {
    let crs = memchr::memchr_iter(b'\r', bytes).count();
    let lfs = memchr::memchr_iter(b'\n', bytes).count();
    let mut pairs = memchr::memmem::find_iter(bytes, b"\r\n").count();
    if before == b'\r' && bytes.first() == Some(&b'\n') {
        pairs += 1;
    }
    (crs + lfs - pairs) as u32
}

/// Every record of a whole text (tests and small files).
pub fn read_all(text: &str, delimiter: char) -> Result<Vec<Row>, RowError> {
    let mut rows = Vec::new();
    let mut reader = RowReader::new(delimiter);
    reader.push(text, &mut |r| rows.push(r))?;
    reader.finish(&mut |r| rows.push(r))?;
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn lines(rows: &[Row]) -> Vec<(u32, Vec<&str>)> {
        rows.iter()
            .map(|r| (r.line, r.fields.iter().map(String::as_str).collect()))
            .collect()
    }

    #[test]
    fn quoted_fields_line_numbers_and_blank_lines() {
        let text =
            "Tên,Ghi chú\r\nAn,\"hai\r\ndòng, \"\"trích\"\"\"\r\n\r\nBình,x\r\nCường,\"cuối\"";
        let rows = read_all(text, ',').unwrap();
        assert_eq!(
            lines(&rows),
            vec![
                (1, vec!["Tên", "Ghi chú"]),
                (2, vec!["An", "hai\r\ndòng, \"trích\""]),
                (5, vec!["Bình", "x"]),
                (6, vec!["Cường", "cuối"]),
            ]
        );
        let semi = read_all("a;b\n1;\"2;3\"\n", ';').unwrap();
        assert_eq!(
            lines(&semi),
            vec![(1, vec!["a", "b"]), (2, vec!["1", "2;3"])]
        );
        let tabs = read_all("a\tb\n\n\n1\t2", '\t').unwrap();
        assert_eq!(lines(&tabs), vec![(1, vec!["a", "b"]), (4, vec!["1", "2"])]);
    }

    #[test]
    fn an_unclosed_quote_is_refused_with_its_line() {
        let mut text = String::from("a,b\n1,2\n3,\"never closed\n");
        text.push_str(&"x,y\n".repeat(MAX_RECORD / 4 + 10));
        assert_eq!(read_all(&text, ','), Err(RowError { line: 3 }));
    }

    proptest! {
        /// Records written with quoting and LF or CR LF line ends, cut into random
        /// pieces, read back the same, each with the line it starts on.
        #[test]
        fn chunked_reading_gives_the_records_and_their_lines(
            records in prop::collection::vec(
                prop::collection::vec("[a-zA-Zễ ,;\"\n]{0,8}", 1..4), 1..12),
            cuts in prop::collection::vec(0usize..400, 0..6),
            crlf in any::<bool>(),
        ) {
            // Records of one empty field are blank lines, which are skipped.
            let records: Vec<Vec<String>> = records
                .into_iter()
                .filter(|r| !(r.len() == 1 && r[0].is_empty()))
                .collect();
            let mut text = String::new();
            let mut expected = Vec::new();
            let mut line = 1u32;
            for r in &records {
                expected.push(Row { line, fields: r.clone() });
                let quoted: Vec<String> = r
                    .iter()
                    .map(|f| format!("\"{}\"", f.replace('"', "\"\"")))
                    .collect();
                let rec = quoted.join(",");
                line += rec.matches('\n').count() as u32 + 1;
                text.push_str(&rec);
                text.push_str(if crlf { "\r\n" } else { "\n" });
            }
            let mut at: Vec<usize> = cuts
                .into_iter()
                .map(|c| c.min(text.len()))
                .filter(|c| text.is_char_boundary(*c))
                .collect();
            at.sort();
            let mut rows = Vec::new();
            let mut reader = RowReader::new(',');
            let mut from = 0;
            for c in at.into_iter().chain([text.len()]) {
                reader.push(&text[from..c], &mut |r| rows.push(r)).unwrap();
                from = c;
            }
            reader.finish(&mut |r| rows.push(r)).unwrap();
            prop_assert_eq!(rows, expected);
        }
    }
}
