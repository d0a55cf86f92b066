//! Values kept encoded (postcard) until they are needed: an order takes about 80
//! bytes this way against about 330 decoded, so an import of a million orders can be
//! planned, shown and written in a browser tab's memory (see bench/RESULTS.md).

use serde::{de::DeserializeOwned, Serialize};
use std::marker::PhantomData;

fn encode_into<T: Serialize>(value: &T, bytes: Vec<u8>) -> Vec<u8> {
    // Serializing plain data into a Vec cannot fail.
    postcard::to_extend(value, bytes).expect("postcard encodes plain data")
}

/// Bytes per chunk of a `Packed` list: a list grows a chunk at a time, so it wastes
/// at most the end of its last chunk (a doubling `Vec` wastes up to half).
const CHUNK: usize = 16 * 1024;

/// A list of values, encoded one after another: push and read back in order.
pub struct Packed<T> {
    len: usize,
    /// Each value lies whole in one chunk.
    chunks: Vec<Vec<u8>>,
    kind: PhantomData<fn() -> T>,
}

impl<T> Default for Packed<T> {
    fn default() -> Self {
        Packed {
            len: 0,
            chunks: Vec::new(),
            kind: PhantomData,
        }
    }
}

impl<T> Clone for Packed<T> {
    fn clone(&self) -> Self {
        Packed {
            len: self.len,
            chunks: self.chunks.clone(),
            kind: PhantomData,
        }
    }
}

impl<T> std::fmt::Debug for Packed<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Packed({} values, {} bytes)", self.len, self.size())
    }
}

impl<T> Packed<T> {
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The bytes the values take.
    pub fn size(&self) -> usize {
        self.chunks.iter().map(Vec::len).sum()
    }
}

impl<T: Serialize + DeserializeOwned> Packed<T> {
    /// The values of a slice, packed in their order.
    pub fn of(values: &[T]) -> Packed<T> {
        let mut packed = Packed::default();
        for v in values {
            packed.push(v);
        }
        packed
    }

    pub fn push(&mut self, value: &T) {
        // Most values fit a small buffer on the stack: no allocation for them.
        let mut buffer = [0u8; 512];
        let large;
        let encoded: &[u8] = match postcard::to_slice(value, &mut buffer) {
            Ok(used) => used,
            Err(_) => {
                large = encode_into(value, Vec::new());
                &large
            }
        };
        match self.chunks.last_mut() {
            Some(c) if c.capacity() - c.len() >= encoded.len() => c.extend_from_slice(encoded),
            _ => {
                let mut c = Vec::with_capacity(CHUNK.max(encoded.len()));
                c.extend_from_slice(encoded);
                self.chunks.push(c);
            }
        }
        self.len += 1;
    }

    /// The values, decoded in the order they were pushed.
    pub fn iter(&self) -> impl Iterator<Item = T> + '_ {
        self.chunks.iter().flat_map(|chunk| {
            let mut rest = &chunk[..];
            std::iter::from_fn(move || {
                if rest.is_empty() {
                    return None;
                }
                // Only `push` wrote these bytes, with the same type.
                let (value, tail) = postcard::take_from_bytes(rest).expect("packed by push");
                rest = tail;
                Some(value)
            })
        })
    }

    pub fn unpack(&self) -> Vec<T> {
        let mut out = Vec::with_capacity(self.len);
        out.extend(self.iter());
        out
    }
}

/// One value kept encoded, replaced whole when it changes.
pub struct Sealed<T> {
    bytes: Box<[u8]>,
    kind: PhantomData<fn() -> T>,
}

impl<T> Clone for Sealed<T> {
    fn clone(&self) -> Self {
        Sealed {
            bytes: self.bytes.clone(),
            kind: PhantomData,
        }
    }
}

impl<T> std::fmt::Debug for Sealed<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Sealed({} bytes)", self.bytes.len())
    }
}

impl<T: Serialize + DeserializeOwned> Sealed<T> {
    pub fn new(value: &T) -> Sealed<T> {
        Sealed {
            bytes: encode_into(value, Vec::new()).into_boxed_slice(),
            kind: PhantomData,
        }
    }

    pub fn open(&self) -> T {
        // Only `new` wrote these bytes, with the same type.
        postcard::from_bytes(&self.bytes).expect("sealed by new")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{LineItem, Order};
    use crate::record::Record;
    use crate::{Hlc, Id};

    fn order(i: u32) -> Record<Order> {
        let mut o = Order {
            placed_at: i as i64 * 1000,
            total: 25_000 * i as i64,
            reference: format!("#{i}"),
            store: "Cửa hàng Hà Nội".into(),
            ..Order::default()
        };
        o.items.push(LineItem {
            product: format!("Cà phê {i}"),
            quantity: i,
            ..LineItem::default()
        });
        Record::new(Id(uuid::Uuid::from_u128(i as u128 + 1)), o, Hlc::default())
    }

    #[test]
    fn packed_gives_back_what_was_pushed_in_order() {
        let mut p = Packed::default();
        assert!(p.is_empty());
        assert_eq!(p.unpack(), Vec::<Record<Order>>::new());
        // Several chunks, and a value larger than a chunk.
        let mut all: Vec<_> = (0..500).map(order).collect();
        all[200].data.store = "x".repeat(CHUNK + 10);
        for o in &all {
            p.push(o);
        }
        assert_eq!(p.len(), 500);
        assert!(p.chunks.len() > 3, "{} chunks", p.chunks.len());
        assert_eq!(p.unpack(), all);
        assert_eq!(p.iter().nth(3), Some(all[3].clone()));
        // Far smaller than decoded.
        assert!(p.size() < 500 * 120 + CHUNK, "{} bytes", p.size());
    }

    #[test]
    fn sealed_opens_to_its_value() {
        let o = order(7);
        let s = Sealed::new(&o);
        assert_eq!(s.open(), o);
        assert_eq!(s.clone().open(), o);
    }
}
