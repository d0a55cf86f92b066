//! Pretty JSON as `serde_json::to_writer_pretty` prints it, with the items of one long
//! array written apart (by several threads) and spliced in: the same bytes as one
//! serializer writing the whole document.

use serde::Serialize;
use serde_json::ser::Formatter;
use std::io::{self, Write};

/// serde_json's pretty formatter (two spaces an indent) starting `depth` deep.
struct Nested {
    depth: usize,
    has_value: bool,
}

impl Nested {
    fn indent<W: ?Sized + Write>(&self, w: &mut W) -> io::Result<()> {
        for _ in 0..self.depth {
            w.write_all(b"  ")?;
        }
        Ok(())
    }

    fn open<W: ?Sized + Write>(&mut self, w: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        w.write_all(bracket)
    }

    fn close<W: ?Sized + Write>(&mut self, w: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.depth -= 1;
        if self.has_value {
            w.write_all(b"\n")?;
            self.indent(w)?;
        }
        w.write_all(bracket)
    }

    fn item<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        w.write_all(if first { b"\n" } else { b",\n" })?;
        self.indent(w)
    }
}

impl Formatter for Nested {
    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.open(w, b"[")
    }
    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.close(w, b"]")
    }
    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.item(w, first)
    }
    fn end_array_value<W: ?Sized + Write>(&mut self, _: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.open(w, b"{")
    }
    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.close(w, b"}")
    }
    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.item(w, first)
    }
    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        w.write_all(b": ")
    }
    fn end_object_value<W: ?Sized + Write>(&mut self, _: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

/// Appends `value` to `out` as an item of a top-level object's array field: its
/// separator (`first`: the array's first item), indentation and pretty JSON.
pub fn push_item<T: Serialize>(out: &mut Vec<u8>, first: bool, value: &T) -> io::Result<()> {
    let mut f = Nested {
        depth: 2,
        has_value: false,
    };
    f.item(out, first)?;
    let mut ser = serde_json::Serializer::with_formatter(out, f);
    value.serialize(&mut ser).map_err(io::Error::from)
}

/// Prints `document` (pretty JSON of an object whose array field `key` is empty) with
/// that array's items (`parts`, from `push_item`, in order) spliced in, and a line
/// break, to standard output; a reader that stops early ends the command quietly.
pub fn emit_spliced<T: Serialize>(
    document: &T,
    key: &str,
    parts: &[Vec<u8>],
) -> Result<(), crate::CliError> {
    let written = (|| -> io::Result<()> {
        let head = serde_json::to_vec_pretty(document).map_err(io::Error::from)?;
        let mut out = io::BufWriter::with_capacity(1 << 16, io::stdout().lock());
        write_spliced(&mut out, &head, key, parts)?;
        out.write_all(b"\n")?;
        out.flush()
    })();
    crate::quiet_on_broken_pipe(written)
}

fn write_spliced<W: Write>(
    out: &mut W,
    head: &[u8],
    key: &str,
    parts: &[Vec<u8>],
) -> io::Result<()> {
    let empty = format!("\n  \"{key}\": []");
    let at = head
        .windows(empty.len())
        .position(|w| w == empty.as_bytes())
        .ok_or_else(|| io::Error::other(format!("no empty field {key} to fill")))?;
    let (before, after) = head.split_at(at + empty.len() - 1);
    out.write_all(before)?;
    for part in parts {
        out.write_all(part)?;
    }
    if parts.iter().any(|p| !p.is_empty()) {
        out.write_all(b"\n  ")?;
    }
    out.write_all(after)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[derive(Serialize)]
    struct Doc {
        a: Vec<u32>,
        items: Vec<Item>,
        z: &'static str,
    }

    #[derive(Serialize, Clone)]
    struct Item {
        name: &'static str,
        values: Vec<f64>,
        inner: Option<Vec<u8>>,
    }

    /// Items written in parts and spliced give serde_json's pretty bytes exactly.
    #[test]
    fn spliced_parts_equal_one_pretty_document() {
        let item = |name, n: usize| Item {
            name,
            values: (0..n).map(|i| i as f64 * 0.5).collect(),
            inner: n.is_multiple_of(2).then(Vec::new),
        };
        let doc = |items: Vec<Item>| Doc {
            a: vec![1, 2],
            items,
            z: "end",
        };
        for items in [
            vec![],
            vec![item("one", 0)],
            vec![item("x\"y", 3), item("b", 2), item("c", 1), item("é", 4)],
        ] {
            let want = String::from_utf8(serde_json::to_vec_pretty(&doc(items.clone())).unwrap());
            let head = serde_json::to_vec_pretty(&doc(vec![])).unwrap();
            // Every cut of the items into two parts.
            for cut in 0..=items.len() {
                let mut parts = vec![Vec::new(), Vec::new()];
                for (i, it) in items.iter().enumerate() {
                    push_item(&mut parts[usize::from(i >= cut)], i == 0, it).unwrap();
                }
                let mut got = Vec::new();
                write_spliced(&mut got, &head, "items", &parts).unwrap();
                assert_eq!(String::from_utf8(got), want, "cut at {cut}");
            }
        }
    }
}
