//! Every import is recorded (file, time, counts) and can be reverted as a whole.
//!
//! An import writes every record with one clock stamp (`Plan::stamp`), so what it
//! created is what carries that stamp as its creation stamp, and what it changed in
//! customers already there is each field still carrying it. Reverting deletes what it
//! created (tombstones, so a device that synced them deletes them too) and puts back
//! the earlier value of each field it changed, unless the field was edited since:
//! a later edit is kept.

use super::mapping::FileKind;
use super::plan::{Counts, Plan};
use crate::hlc::Hlc;
use crate::model::Customer;
use crate::record::{Fields, Record};
use crate::time::Millis;
use crate::Id;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ImportEntry {
    pub id: Id,
    pub file: String,
    pub kind: FileKind,
    pub at: Millis,
    pub stamp: Hlc,
    pub new: u64,
    pub updated: u64,
    pub new_customers: u64,
    pub skipped: u64,
    /// The buckets it wrote.
    pub buckets: Vec<u32>,
    /// The customers it changed, as they were before.
    pub before: Vec<Record<Customer>>,
    pub reverted_at: Option<Millis>,
}

impl ImportEntry {
    pub fn of(plan: &Plan, id: Id, file: &str, at: Millis) -> ImportEntry {
        let Counts {
            new,
            updated,
            duplicate,
            invalid,
            not_found,
            new_customers,
            ..
        } = plan.counts;
        ImportEntry {
            id,
            file: file.to_string(),
            kind: plan.kind,
            at,
            stamp: plan.stamp,
            new,
            updated,
            new_customers,
            skipped: duplicate + invalid + not_found,
            buckets: plan.buckets(),
            before: plan.before().collect(),
            reverted_at: None,
        }
    }
}

/// What reverting changed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Reverted {
    pub deleted: u64,
    pub restored: u64,
    /// Fields edited after the import, left as they are.
    pub kept: u64,
}

impl std::ops::AddAssign for Reverted {
    fn add_assign(&mut self, o: Reverted) {
        self.deleted += o.deleted;
        self.restored += o.restored;
        self.kept += o.kept;
    }
}

/// Deletes the records of a bucket that `stamp` created; returns how many.
pub fn delete_created<T: Fields>(records: &mut [Record<T>], stamp: Hlc, now: Hlc) -> u64 {
    let mut n = 0;
    for r in records.iter_mut() {
        if r.stamps.created == stamp && !r.is_deleted() {
            r.write(T::deleted_field(true), now);
            n += 1;
        }
    }
    n
}

/// Reverts an import in one bucket of customers: created ones deleted, changed
/// fields put back where no later edit changed them again.
pub fn revert_customers(
    records: &mut [Record<Customer>],
    entry: &ImportEntry,
    now: Hlc,
) -> Reverted {
    let mut out = Reverted {
        deleted: delete_created(records, entry.stamp, now),
        ..Reverted::default()
    };
    for before in &entry.before {
        let Some(r) = records.iter_mut().find(|r| r.id == before.id) else {
            continue;
        };
        let mut restored = false;
        for f in 0..Customer::COUNT {
            let stamp = r.stamps.get(f);
            if stamp == entry.stamp {
                r.write(before.data.get(f), now);
                restored = true;
            } else if stamp > entry.stamp && before.data.get(f) != r.data.get(f) {
                out.kept += 1;
            }
        }
        out.restored += u64::from(restored);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::stamp;

    use crate::model::{CustomerField, Order};

    #[test]
    fn revert_deletes_what_was_created_and_restores_unedited_fields() {
        let import = stamp(10, 1);
        let before = Record::new(
            Id::new_v7(1, [1; 10]),
            Customer {
                display_name: "An".into(),
                notes: "old".into(),
                tags: vec!["VIP".into()],
                ..Customer::default()
            },
            stamp(1, 1),
        );
        let mut changed = before.clone();
        changed.write(CustomerField::Notes("imported".into()), import);
        changed.write(CustomerField::Tags(vec!["VIP".into(), "sỉ".into()]), import);
        // Edited by hand after the import: kept.
        changed.write(CustomerField::Tags(vec!["Khách quen".into()]), stamp(20, 1));
        let created = Record::new(Id::new_v7(2, [2; 10]), Customer::default(), import);
        let mut bucket = vec![changed, created];
        let entry = ImportEntry {
            id: Id::new_v7(3, [3; 10]),
            file: "khach.csv".into(),
            kind: FileKind::Customers,
            at: 0,
            stamp: import,
            new: 1,
            updated: 1,
            new_customers: 0,
            skipped: 0,
            buckets: vec![],
            before: vec![before],
            reverted_at: None,
        };
        let r = revert_customers(&mut bucket, &entry, stamp(30, 1));
        assert_eq!(
            r,
            Reverted {
                deleted: 1,
                restored: 1,
                kept: 1
            }
        );
        assert_eq!(bucket[0].data.notes, "old");
        assert_eq!(bucket[0].data.tags, ["Khách quen"]);
        assert!(bucket[1].is_deleted());
        // Reverting twice changes nothing more.
        let again = revert_customers(&mut bucket, &entry, stamp(40, 1));
        assert_eq!((again.deleted, again.restored), (0, 0));

        let mut orders = vec![
            Record::new(Id::new_v7(4, [4; 10]), Order::default(), import),
            Record::new(Id::new_v7(5, [5; 10]), Order::default(), stamp(2, 1)),
        ];
        assert_eq!(delete_created(&mut orders, import, stamp(30, 1)), 1);
        assert!(orders[0].is_deleted() && !orders[1].is_deleted());
    }
}
