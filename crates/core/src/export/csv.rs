//! Writing CSV for spreadsheets: a chosen delimiter, an optional UTF-8 byte order mark
//! (Excel needs it to read UTF-8), and formula injection neutralised.

use crate::formula::needs_mark;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Delimiter {
    #[default]
    Comma,
    Semicolon,
    Tab,
}

impl Delimiter {
    pub const ALL: [Delimiter; 3] = [Delimiter::Comma, Delimiter::Semicolon, Delimiter::Tab];

    pub fn char(self) -> char {
        match self {
            Delimiter::Comma => ',',
            Delimiter::Semicolon => ';',
            Delimiter::Tab => '\t',
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Delimiter::Comma => "comma",
            Delimiter::Semicolon => "semicolon",
            Delimiter::Tab => "tab",
        }
    }

    pub fn parse(s: &str) -> Option<Delimiter> {
        Delimiter::ALL.into_iter().find(|d| d.code() == s)
    }
}

/// How a CSV file is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CsvStyle {
    pub delimiter: Delimiter,
    /// Start with a UTF-8 byte order mark.
    pub bom: bool,
}

impl Default for CsvStyle {
    fn default() -> Self {
        CsvStyle {
            delimiter: Delimiter::Comma,
            bom: true,
        }
    }
}

/// One cell: neutralised with a leading `'` when a spreadsheet would read it as a
/// formula (the importer removes that `'` again), quoted when it holds the delimiter,
/// a quote or a line break.
pub fn cell(s: &str, delimiter: Delimiter) -> String {
    let defused = if needs_mark(s) {
        format!("'{s}")
    } else {
        s.to_string()
    };
    if defused.contains([delimiter.char(), '"', '\n', '\r']) {
        format!("\"{}\"", defused.replace('"', "\"\""))
    } else {
        defused
    }
}

/// A CSV text built line by line.
pub struct CsvOut {
    style: CsvStyle,
    text: String,
}

impl CsvOut {
    /// Starts a file with its byte order mark (if chosen) and header line.
    pub fn new(style: CsvStyle, header: &[&str]) -> CsvOut {
        let mut out = CsvOut {
            style,
            text: String::new(),
        };
        if style.bom {
            out.text.push('\u{feff}');
        }
        let header: Vec<String> = header.iter().map(|h| h.to_string()).collect();
        out.row(&header);
        out
    }

    /// Appends one line (CR LF, as RFC 4180 and Excel expect).
    pub fn row(&mut self, cells: &[String]) {
        for (i, c) in cells.iter().enumerate() {
            if i > 0 {
                self.text.push(self.style.delimiter.char());
            }
            self.text.push_str(&cell(c, self.style.delimiter));
        }
        self.text.push_str("\r\n");
    }

    /// The text so far, leaving the builder empty (for writing a large file in pieces).
    pub fn take(&mut self) -> String {
        std::mem::take(&mut self.text)
    }

    pub fn finish(self) -> String {
        self.text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_quoted_and_formulas_neutralised() {
        let c = |s| cell(s, Delimiter::Comma);
        assert_eq!(c("Nguyễn Văn An"), "Nguyễn Văn An");
        assert_eq!(c("a,b"), "\"a,b\"");
        assert_eq!(c("a;b"), "a;b");
        assert_eq!(cell("a;b", Delimiter::Semicolon), "\"a;b\"");
        assert_eq!(cell("a\tb", Delimiter::Tab), "\"a\tb\"");
        assert_eq!(c("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(c("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(c("+84 90"), "'+84 90");
        assert_eq!(c("@sum"), "'@sum");
        assert_eq!(c("-2+3+cmd|' /C calc'!A0"), "'-2+3+cmd|' /C calc'!A0");
        assert_eq!(c("\tx"), "'\tx");
        assert_eq!(c("\rx"), "\"'\rx\"");
        assert_eq!(c("line\nbreak"), "\"line\nbreak\"");
        // Plain numbers are numbers, not formulas.
        assert_eq!(c("-5"), "-5");
        assert_eq!(c("-12.50"), "-12.50");
        assert_eq!(c("-"), "'-");
        assert_eq!(c("-1."), "'-1.");
        assert_eq!(c("'=x"), "''=x");
        assert_eq!(c("'hello"), "'hello");
        assert_eq!(c("''-x"), "'''-x");
    }

    #[test]
    fn files_start_with_the_mark_and_end_lines_with_crlf() {
        let style = CsvStyle {
            delimiter: Delimiter::Semicolon,
            bom: true,
        };
        let mut out = CsvOut::new(style, &["Name", "Email"]);
        out.row(&["An".into(), "an@example.com".into()]);
        assert_eq!(out.finish(), "\u{feff}Name;Email\r\nAn;an@example.com\r\n");
        let plain = CsvOut::new(
            CsvStyle {
                delimiter: Delimiter::Tab,
                bom: false,
            },
            &["a", "b"],
        );
        assert_eq!(plain.finish(), "a\tb\r\n");
    }
}
