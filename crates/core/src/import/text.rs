//! Bytes of a file to text, a chunk at a time (a 50 MB export is never one string):
//! UTF-8 with or without a byte order mark, and UTF-16 as Excel's "Unicode text"
//! writes it (with a mark; without one, recognised by its zero bytes). A character
//! split between two chunks is carried over.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16Le,
    Utf16Be,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextError {
    /// Bytes that are not text in the file's encoding, on this line (1-based).
    NotText { line: usize, encoding: Encoding },
}

#[derive(Debug, Default)]
pub struct Decoder {
    encoding: Option<Encoding>,
    pending: Vec<u8>,
    /// Lines completed so far (for messages).
    lines: usize,
}

/// The encoding the first bytes show, and how many bytes of mark to skip.
fn detect(start: &[u8]) -> (Encoding, usize) {
    match start {
        [0xEF, 0xBB, 0xBF, ..] => (Encoding::Utf8, 3),
        [0xFF, 0xFE, ..] => (Encoding::Utf16Le, 2),
        [0xFE, 0xFF, ..] => (Encoding::Utf16Be, 2),
        [a, 0, b, 0, ..] if *a != 0 && *b != 0 => (Encoding::Utf16Le, 0),
        [0, a, 0, b, ..] if *a != 0 && *b != 0 => (Encoding::Utf16Be, 0),
        _ => (Encoding::Utf8, 0),
    }
}

impl Decoder {
    pub fn new() -> Decoder {
        Decoder::default()
    }

    pub fn encoding(&self) -> Option<Encoding> {
        self.encoding
    }

    /// Appends the text of `chunk` to `out`.
    pub fn push(&mut self, chunk: &[u8], out: &mut String) -> Result<(), TextError> {
        // UTF-8 with nothing carried over: checked in place, one copy fewer.
        if self.encoding == Some(Encoding::Utf8) && self.pending.is_empty() {
            if let Ok(text) = std::str::from_utf8(chunk) {
                self.lines += memchr::memchr_iter(b'\n', chunk).count();
                out.push_str(text);
                return Ok(());
            }
        }
        self.pending.extend_from_slice(chunk);
        let encoding = match self.encoding {
            Some(e) => e,
            // Wait for four bytes (or the end) before deciding.
            None if self.pending.len() < 4 => return Ok(()),
            None => self.start(),
        };
        self.decode(encoding, out, false)
    }

    /// Decodes what is left at the end of the file.
    pub fn finish(&mut self, out: &mut String) -> Result<(), TextError> {
        let encoding = match self.encoding {
            Some(e) => e,
            None => self.start(),
        };
        self.decode(encoding, out, true)
    }

    fn start(&mut self) -> Encoding {
        let (e, skip) = detect(&self.pending);
        self.pending.drain(..skip);
        self.encoding = Some(e);
        e
    }

    fn fail(&self, good: &str, encoding: Encoding) -> TextError {
        let line = self.lines + memchr::memchr_iter(b'\n', good.as_bytes()).count() + 1;
        TextError::NotText { line, encoding }
    }

    fn decode(
        &mut self,
        encoding: Encoding,
        out: &mut String,
        last: bool,
    ) -> Result<(), TextError> {
        let before = out.len();
        match encoding {
            Encoding::Utf8 => {
                let bytes = std::mem::take(&mut self.pending);
                match std::str::from_utf8(&bytes) {
                    Ok(s) => out.push_str(s),
                    Err(e) => {
                        let good = std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or("");
                        // An incomplete character at the end waits for the next chunk.
                        if e.error_len().is_some() || last {
                            return Err(self.fail(good, encoding));
                        }
                        out.push_str(good);
                        self.pending = bytes[e.valid_up_to()..].to_vec();
                    }
                }
            }
            Encoding::Utf16Le | Encoding::Utf16Be => {
                let whole = self.pending.len() / 2 * 2;
                let mut units: Vec<u16> = self.pending[..whole]
                    .chunks_exact(2)
                    .map(|p| match encoding {
                        Encoding::Utf16Le => u16::from_le_bytes([p[0], p[1]]),
                        _ => u16::from_be_bytes([p[0], p[1]]),
                    })
                    .collect();
                let mut keep = self.pending[whole..].to_vec();
                // A high surrogate at the end waits for its pair.
                if !last && units.last().is_some_and(|u| (0xD800..0xDC00).contains(u)) {
                    let u = units.pop().unwrap_or(0);
                    let b = match encoding {
                        Encoding::Utf16Le => u.to_le_bytes(),
                        _ => u.to_be_bytes(),
                    };
                    keep.splice(0..0, b);
                }
                let mut text = String::with_capacity(units.len());
                for c in char::decode_utf16(units) {
                    match c {
                        Ok(c) => text.push(c),
                        Err(_) => return Err(self.fail(&text, encoding)),
                    }
                }
                if last && !keep.is_empty() {
                    return Err(self.fail(&text, encoding));
                }
                out.push_str(&text);
                self.pending = keep;
            }
        }
        self.lines += memchr::memchr_iter(b'\n', &out.as_bytes()[before..]).count();
        Ok(())
    }
}

/// Decodes a whole file (tests and small files).
pub fn decode_all(bytes: &[u8]) -> Result<String, TextError> {
    let mut d = Decoder::new();
    let mut out = String::new();
    d.push(bytes, &mut out)?;
    d.finish(&mut out)?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const TEXT: &str = "Tên khách hàng,Số điện thoại\nNguyễn Văn An,0912 345 678\n😀 emoji,\n";

    fn utf16(text: &str, le: bool, mark: bool) -> Vec<u8> {
        let mut out = Vec::new();
        if mark {
            out.extend(if le { [0xFF, 0xFE] } else { [0xFE, 0xFF] });
        }
        for u in text.encode_utf16() {
            out.extend(if le { u.to_le_bytes() } else { u.to_be_bytes() });
        }
        out
    }

    #[test]
    fn encodings_are_recognised() {
        assert_eq!(decode_all(TEXT.as_bytes()).unwrap(), TEXT);
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend(TEXT.as_bytes());
        assert_eq!(decode_all(&bom).unwrap(), TEXT, "the mark is not text");
        for le in [true, false] {
            for mark in [true, false] {
                assert_eq!(
                    decode_all(&utf16(TEXT, le, mark)).unwrap(),
                    TEXT,
                    "le {le} mark {mark}"
                );
            }
        }
        assert_eq!(decode_all(b"").unwrap(), "");
        assert_eq!(decode_all(b"a").unwrap(), "a");
    }

    #[test]
    fn bad_bytes_name_their_line() {
        let mut bytes = b"ok\nstill ok\nbad \xFF here\n".to_vec();
        assert_eq!(
            decode_all(&bytes),
            Err(TextError::NotText {
                line: 3,
                encoding: Encoding::Utf8
            })
        );
        bytes.truncate(3);
        bytes.extend([0xE1, 0xBB]); // a cut-off character at the very end
        assert_eq!(
            decode_all(&bytes),
            Err(TextError::NotText {
                line: 2,
                encoding: Encoding::Utf8
            })
        );
        let mut odd = utf16("ab\ncd", true, true);
        odd.push(0x41);
        assert_eq!(
            decode_all(&odd),
            Err(TextError::NotText {
                line: 2,
                encoding: Encoding::Utf16Le
            })
        );
    }

    proptest! {
        /// Cut into chunks anywhere, every encoding gives back the same text.
        #[test]
        fn chunks_cut_anywhere(text in "[a-zA-Zàáạảãăằắặẳẵâầấậẩẫđêềếệểễôồốộổỗơờớợởỡưừứựửữ,;\t\"\n😀]{0,60}", cuts in prop::collection::vec(1usize..7, 1..30), kind in 0usize..4) {
            let bytes = match kind {
                0 => text.as_bytes().to_vec(),
                1 => { let mut b = vec![0xEF, 0xBB, 0xBF]; b.extend(text.as_bytes()); b }
                2 => utf16(&text, true, true),
                _ => utf16(&text, false, true),
            };
            let mut d = Decoder::new();
            let mut out = String::new();
            let mut at = 0;
            for c in cuts {
                let end = (at + c).min(bytes.len());
                d.push(&bytes[at..end], &mut out).unwrap();
                at = end;
            }
            d.push(&bytes[at..], &mut out).unwrap();
            d.finish(&mut out).unwrap();
            prop_assert_eq!(out, text);
        }
    }
}
