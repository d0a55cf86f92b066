//! A record is an entity's data plus one clock stamp per field. Merging two copies of a
//! record keeps, field by field, the value with the later stamp (last writer wins), so
//! edits to different fields on two devices both survive. Deletion is a field too
//! (a tombstone), so a delete and an undo merge like any other edit.

use crate::hlc::Hlc;
use crate::id::Id;
use serde::{Deserialize, Serialize};

/// Implemented (by `record_fields!`) for each entity's data struct.
pub trait Fields: Clone + PartialEq {
    /// One variant per field, holding that field's value.
    type Field: Clone + PartialEq + std::fmt::Debug + Serialize + serde::de::DeserializeOwned;
    /// Number of fields; field numbers are `0..COUNT`.
    const COUNT: u8;
    /// The field's number and its stable name (used in messages and files).
    fn number(field: &Self::Field) -> u8;
    fn name(number: u8) -> &'static str;
    fn get(&self, number: u8) -> Self::Field;
    fn set(&mut self, field: Self::Field);
    fn is_deleted(&self) -> bool;
    fn deleted_field(deleted: bool) -> Self::Field;
}

/// The fields of `edited` whose values differ from `base`'s: what a form changed in
/// the record it started from. Only these are written, so a field changed meanwhile
/// elsewhere (another tab, another device) and left alone here keeps its new value.
pub fn changes<T: Fields>(base: &T, edited: &T) -> Vec<T::Field> {
    (0..T::COUNT)
        .map(|n| edited.get(n))
        .filter(|f| base.get(T::number(f)) != *f)
        .collect()
}

/// Stamps of a record's fields: one base stamp (creation) plus the fields changed since.
/// Kept sparse because most records are written once: 1M orders must stay small.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
pub struct Stamps {
    pub created: Hlc,
    pub changed: Vec<(u8, Hlc)>,
}

impl Stamps {
    pub fn new(created: Hlc) -> Stamps {
        Stamps {
            created,
            changed: Vec::new(),
        }
    }

    pub fn get(&self, field: u8) -> Hlc {
        self.changed
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, h)| *h)
            .unwrap_or(self.created)
    }

    pub fn set(&mut self, field: u8, stamp: Hlc) {
        match self.changed.iter_mut().find(|(f, _)| *f == field) {
            Some(slot) => slot.1 = stamp,
            None => {
                self.changed.push((field, stamp));
                self.changed.sort_by_key(|(f, _)| *f);
            }
        }
    }

    /// The newest stamp of any field: when the record last changed.
    pub fn latest(&self) -> Hlc {
        self.changed
            .iter()
            .map(|(_, h)| *h)
            .fold(self.created, Hlc::max)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Record<T> {
    pub id: Id,
    pub data: T,
    pub stamps: Stamps,
}

impl<T: Fields> Record<T> {
    pub fn new(id: Id, data: T, stamp: Hlc) -> Record<T> {
        Record {
            id,
            data,
            stamps: Stamps::new(stamp),
        }
    }

    /// Sets one field, stamping it.
    pub fn write(&mut self, field: T::Field, stamp: Hlc) {
        self.stamps.set(T::number(&field), stamp);
        self.data.set(field);
    }

    /// Merges another copy of the same record into this one, field by field.
    /// Commutative, associative and idempotent (see the property tests).
    pub fn merge(&mut self, other: &Record<T>) {
        debug_assert_eq!(self.id, other.id);
        // The creation stamp is the earliest one either side saw; fields that were never
        // changed keep their own creation stamp as their field stamp.
        let mine: Vec<Hlc> = (0..T::COUNT).map(|f| self.stamps.get(f)).collect();
        let created = self.stamps.created.min(other.stamps.created);
        let mut stamps = Stamps::new(created);
        for f in 0..T::COUNT {
            let theirs = other.stamps.get(f);
            let winner = if theirs > mine[f as usize] {
                self.data.set(other.data.get(f));
                theirs
            } else {
                mine[f as usize]
            };
            if winner != created {
                stamps.changed.push((f, winner));
            }
        }
        self.stamps = stamps;
    }

    pub fn is_deleted(&self) -> bool {
        self.data.is_deleted()
    }
}

/// Declares an entity's data struct, its field enum and its `Fields` impl in one place,
/// so the list of fields cannot drift between them. Field numbers are positions: append
/// new fields at the end, never reorder (they are stored).
#[macro_export]
macro_rules! record_fields {
    (
        $(#[$meta:meta])*
        pub struct $name:ident / $field:ident {
            $( $(#[$fmeta:meta])* $f:ident : $ty:ty => $variant:ident ),* $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq, Default, serde::Serialize, serde::Deserialize)]
        pub struct $name { $( $(#[$fmeta])* pub $f: $ty, )* }

        /// One field of the record with its value.
        #[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
        pub enum $field { $( $variant($ty), )* }

        impl $crate::record::Fields for $name {
            type Field = $field;
            const COUNT: u8 = [$(stringify!($f)),*].len() as u8;
            fn number(field: &$field) -> u8 {
                let names = [$(stringify!($variant)),*];
                let this = match field { $( $field::$variant(_) => stringify!($variant), )* };
                names.iter().position(|n| *n == this).expect("field listed") as u8
            }
            fn name(number: u8) -> &'static str {
                [$(stringify!($f)),*].get(number as usize).copied().unwrap_or("?")
            }
            fn get(&self, number: u8) -> $field {
                let mut i = 0u8;
                $(
                    if i == number { return $field::$variant(self.$f.clone()); }
                    i += 1;
                )*
                let _ = i;
                panic!("no field number {number}")
            }
            fn set(&mut self, field: $field) {
                match field { $( $field::$variant(v) => self.$f = v, )* }
            }
            fn is_deleted(&self) -> bool { self.deleted }
            fn deleted_field(deleted: bool) -> $field { $field::Deleted(deleted) }
        }
    };
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hlc::DeviceId;
    use proptest::prelude::*;

    record_fields! {
        /// A small entity for testing the merge.
        pub struct Thing / ThingField {
            a: i32 => A,
            b: String => B,
            c: Vec<u8> => C,
            deleted: bool => Deleted,
        }
    }

    use crate::fixtures::stamp as h;

    #[test]
    fn field_numbers_and_names() {
        assert_eq!(Thing::COUNT, 4);
        assert_eq!(Thing::number(&ThingField::B("x".into())), 1);
        assert_eq!(Thing::name(2), "c");
        let t = Thing {
            a: 5,
            ..Default::default()
        };
        assert_eq!(t.get(0), ThingField::A(5));
    }

    #[test]
    fn changes_are_the_fields_that_differ() {
        let base = Thing {
            a: 1,
            b: "x".into(),
            ..Default::default()
        };
        let edited = Thing {
            b: "y".into(),
            ..base.clone()
        };
        assert_eq!(changes(&base, &edited), vec![ThingField::B("y".into())]);
        assert!(changes(&base, &base).is_empty());
    }

    #[test]
    fn edits_to_different_fields_on_two_devices_both_survive() {
        let id = Id::default();
        let base = Record::new(id, Thing::default(), h(1, 1));
        let mut left = base.clone();
        let mut right = base.clone();
        left.write(ThingField::A(7), h(10, 1));
        right.write(ThingField::B("bob".into()), h(11, 2));
        let mut l2 = left.clone();
        l2.merge(&right);
        right.merge(&left);
        assert_eq!(l2, right);
        assert_eq!(l2.data.a, 7);
        assert_eq!(l2.data.b, "bob");
    }

    #[test]
    fn later_write_wins_and_delete_is_a_mergeable_tombstone() {
        let base = Record::new(Id::default(), Thing::default(), h(1, 1));
        let mut left = base.clone();
        let mut right = base.clone();
        left.write(ThingField::Deleted(true), h(10, 1));
        right.write(ThingField::A(3), h(5, 2));
        left.merge(&right);
        assert!(left.is_deleted());
        assert_eq!(
            left.data.a, 3,
            "the edit made before the delete is kept under the tombstone"
        );
        right.write(ThingField::Deleted(false), h(20, 2));
        left.merge(&right);
        assert!(!left.is_deleted(), "undo after delete wins");
    }

    fn arb_record(device: u64) -> impl Strategy<Value = Record<Thing>> {
        // Writes are (field, value, millis); each copy is written by its own device so
        // stamps never tie between copies (as with real devices).
        prop::collection::vec((0u8..4, any::<i8>(), 0i64..50), 0..8).prop_map(move |writes| {
            let mut r = Record::new(Id::default(), Thing::default(), h(0, 0));
            for (i, (f, v, t)) in writes.into_iter().enumerate() {
                let field = match f {
                    0 => ThingField::A(v as i32),
                    1 => ThingField::B(v.to_string()),
                    2 => ThingField::C(vec![v as u8]),
                    _ => ThingField::Deleted(v % 2 == 0),
                };
                let stamp = Hlc {
                    millis: t,
                    counter: i as u32,
                    device: DeviceId(device * 1000 + i as u64),
                };
                r.write(field, stamp);
            }
            r
        })
    }

    fn merged(a: &Record<Thing>, b: &Record<Thing>) -> Record<Thing> {
        let mut m = a.clone();
        m.merge(b);
        m
    }

    proptest! {
        #[test]
        fn merge_is_commutative(a in arb_record(1), b in arb_record(2)) {
            prop_assert_eq!(merged(&a, &b), merged(&b, &a));
        }

        #[test]
        fn merge_is_associative(a in arb_record(1), b in arb_record(2), c in arb_record(3)) {
            prop_assert_eq!(merged(&merged(&a, &b), &c), merged(&a, &merged(&b, &c)));
        }

        #[test]
        fn merge_is_idempotent_and_keeps_every_newest_field(a in arb_record(1), b in arb_record(2)) {
            let m = merged(&a, &b);
            prop_assert_eq!(merged(&m, &b), m.clone());
            prop_assert_eq!(merged(&m, &m), m.clone());
            for f in 0..Thing::COUNT {
                let (winner, stamp) = if b.stamps.get(f) > a.stamps.get(f) { (&b, b.stamps.get(f)) } else { (&a, a.stamps.get(f)) };
                prop_assert_eq!(m.data.get(f), winner.data.get(f));
                prop_assert_eq!(m.stamps.get(f), stamp);
            }
        }
    }
}
