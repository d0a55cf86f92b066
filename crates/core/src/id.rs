//! Record ids: UUID v7 (time-ordered, random), stable across devices.
//!
//! The core never reads a clock or a random source itself: callers pass the time and
//! ten random bytes, so ids are deterministic in tests and in the demo generator.

use serde::{Deserialize, Serialize};
use std::fmt;
use uuid::Uuid;

#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Default)]
pub struct Id(pub Uuid);

impl Id {
    /// A UUID v7 from a Unix time in milliseconds and 10 random bytes.
    pub fn new_v7(unix_ms: u64, random: [u8; 10]) -> Id {
        Id(uuid::Builder::from_unix_timestamp_millis(unix_ms, &random).into_uuid())
    }

    pub fn parse(s: &str) -> Option<Id> {
        Uuid::parse_str(s.trim()).ok().map(Id)
    }

    /// A small, stable hash of the id, used to spread records over storage buckets.
    pub fn bucket(&self, buckets: u32) -> u32 {
        let b = self.0.as_bytes();
        // The last bytes of a v7 UUID are random: use them, not the timestamp.
        let x = u32::from_le_bytes([b[12], b[13], b[14], b[15]]);
        x % buckets
    }
}

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.hyphenated().fmt(f)
    }
}

impl fmt::Debug for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Id({self})")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn v7_ids_are_time_ordered_and_round_trip() {
        let a = Id::new_v7(1_700_000_000_000, [1; 10]);
        let b = Id::new_v7(1_700_000_000_001, [0; 10]);
        assert!(a < b);
        assert_eq!(a.0.get_version_num(), 7);
        assert_eq!(Id::parse(&a.to_string()), Some(a));
        assert_eq!(Id::parse("not an id"), None);
    }

    #[test]
    fn buckets_stay_in_range() {
        for i in 0..100u8 {
            let id = Id::new_v7(0, [i; 10]);
            assert!(id.bucket(64) < 64);
        }
    }
}

/// A fast hasher for maps keyed by `Id`: ids are mostly random bits already, so a
/// multiply-rotate mix (FxHash's) is enough, and much faster than SipHash for the
/// per-customer lookups of every analysis.
#[derive(Default, Clone, Copy)]
pub struct IdHasher(u64);

impl std::hash::Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(word))
                .wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }
}

/// A `HashMap` keyed by `Id`, with `IdHasher`.
pub type IdMap<V> = std::collections::HashMap<Id, V, std::hash::BuildHasherDefault<IdHasher>>;
