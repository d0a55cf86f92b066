//! Every change to the data is a named command, applied by one function (`apply`).
//! Undo is the inverse command; the sync log is the list of applied commands.

use crate::hlc::Hlc;
use crate::id::Id;
use crate::model::{Customer, CustomerField, Interaction, InteractionField, Order, OrderField};
use crate::record::{Fields, Record};
use crate::time::Day;
use crate::validate::{self, FieldError};
use serde::{Deserialize, Serialize};

/// A change to one record of type `T`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(bound = "T: Serialize + serde::de::DeserializeOwned")]
pub enum RecordCommand<T: Fields> {
    Create { id: Id, data: T },
    Update { id: Id, changes: Vec<T::Field> },
    Delete { id: Id },
    Restore { id: Id },
}

/// Any command. (Customer commands are larger than the others; commands are few and
/// short-lived, so they are not boxed.)
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[allow(clippy::large_enum_variant)]
pub enum Command {
    Customer(RecordCommand<Customer>),
    Order(RecordCommand<Order>),
    Interaction(RecordCommand<Interaction>),
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum CommandError {
    #[error("the record to change does not exist")]
    NotFound,
    #[error("a record with this id already exists")]
    AlreadyExists,
    #[error("the record was deleted")]
    Deleted,
    #[error("invalid data")]
    Invalid(Vec<FieldError>),
}

impl<T: Fields> RecordCommand<T> {
    pub fn id(&self) -> Id {
        match self {
            RecordCommand::Create { id, .. }
            | RecordCommand::Update { id, .. }
            | RecordCommand::Delete { id }
            | RecordCommand::Restore { id } => *id,
        }
    }

    fn verb(&self) -> &'static str {
        match self {
            RecordCommand::Create { .. } => "create",
            RecordCommand::Update { .. } => "update",
            RecordCommand::Delete { .. } => "delete",
            RecordCommand::Restore { .. } => "restore",
        }
    }
}

impl Command {
    /// The command's stable name, e.g. `customer-update`.
    pub fn name(&self) -> String {
        let (kind, verb) = match self {
            Command::Customer(c) => ("customer", c.verb()),
            Command::Order(c) => ("order", c.verb()),
            Command::Interaction(c) => ("interaction", c.verb()),
        };
        format!("{kind}-{verb}")
    }
}

/// Validation of an entity's data, per type.
pub trait Validate {
    fn validate(&self, today: Day) -> Result<(), Vec<FieldError>>;
}

impl Validate for Customer {
    fn validate(&self, today: Day) -> Result<(), Vec<FieldError>> {
        validate::customer(self, today)
    }
}
impl Validate for Order {
    fn validate(&self, _today: Day) -> Result<(), Vec<FieldError>> {
        validate::order(self)
    }
}
impl Validate for crate::segment::saved::SavedSegment {
    fn validate(&self, _today: Day) -> Result<(), Vec<FieldError>> {
        crate::segment::saved::SavedSegment::validate(self)
    }
}
impl Validate for Interaction {
    fn validate(&self, _today: Day) -> Result<(), Vec<FieldError>> {
        validate::interaction(self)
    }
}

/// Applies a command to the current version of its record (`None` if it does not exist
/// yet) and returns the new version, or why not. Pure: the caller stores the result.
pub fn apply<T: Fields + Validate>(
    cmd: &RecordCommand<T>,
    current: Option<&Record<T>>,
    stamp: Hlc,
    today: Day,
) -> Result<Record<T>, CommandError> {
    match cmd {
        RecordCommand::Create { id, data } => {
            if current.is_some() {
                return Err(CommandError::AlreadyExists);
            }
            data.validate(today).map_err(CommandError::Invalid)?;
            Ok(Record::new(*id, data.clone(), stamp))
        }
        RecordCommand::Update { changes, .. } => {
            let current = current.ok_or(CommandError::NotFound)?;
            if current.is_deleted() {
                return Err(CommandError::Deleted);
            }
            let mut next = current.clone();
            for change in changes {
                // Only fields whose value changes get a new stamp: a save that touches
                // nothing must not win a later merge against a real edit elsewhere.
                let n = T::number(change);
                if next.data.get(n) != *change {
                    next.write(change.clone(), stamp);
                }
            }
            next.data.validate(today).map_err(CommandError::Invalid)?;
            Ok(next)
        }
        RecordCommand::Delete { .. } | RecordCommand::Restore { .. } => {
            let current = current.ok_or(CommandError::NotFound)?;
            let deleted = matches!(cmd, RecordCommand::Delete { .. });
            let mut next = current.clone();
            if next.is_deleted() != deleted {
                next.write(T::deleted_field(deleted), stamp);
            }
            Ok(next)
        }
    }
}

/// The command that undoes `cmd`, given the record as it was before it.
pub fn inverse<T: Fields>(
    cmd: &RecordCommand<T>,
    before: Option<&Record<T>>,
) -> Option<RecordCommand<T>> {
    match (cmd, before) {
        (RecordCommand::Create { id, .. }, _) => Some(RecordCommand::Delete { id: *id }),
        (RecordCommand::Update { id, changes }, Some(before)) => Some(RecordCommand::Update {
            id: *id,
            changes: changes
                .iter()
                .map(|c| before.data.get(T::number(c)))
                .collect(),
        }),
        (RecordCommand::Delete { id }, Some(b)) if !b.is_deleted() => {
            Some(RecordCommand::Restore { id: *id })
        }
        (RecordCommand::Restore { id }, Some(b)) if b.is_deleted() => {
            Some(RecordCommand::Delete { id: *id })
        }
        _ => None,
    }
}

/// Convenience constructors used by the UI and the tests.
pub fn update_customer(id: Id, changes: Vec<CustomerField>) -> Command {
    Command::Customer(RecordCommand::Update { id, changes })
}
pub fn update_order(id: Id, changes: Vec<OrderField>) -> Command {
    Command::Order(RecordCommand::Update { id, changes })
}
pub fn update_interaction(id: Id, changes: Vec<InteractionField>) -> Command {
    Command::Interaction(RecordCommand::Update { id, changes })
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::fixtures::stamp;
    use crate::validate::Problem;

    const TODAY: Day = Day(20_000);

    fn named(name: &str) -> Customer {
        Customer {
            display_name: name.into(),
            ..Default::default()
        }
    }

    #[test]
    fn create_update_delete_restore() {
        let id = Id::new_v7(1, [1; 10]);
        let create = RecordCommand::Create {
            id,
            data: named("An"),
        };
        let r = apply(&create, None, stamp(1, 1), TODAY).unwrap();
        assert_eq!(
            apply(&create, Some(&r), stamp(2, 1), TODAY),
            Err(CommandError::AlreadyExists)
        );

        let upd = RecordCommand::Update {
            id,
            changes: vec![CustomerField::Emails(vec!["an@x.vn".into()])],
        };
        let r2 = apply(&upd, Some(&r), stamp(3, 1), TODAY).unwrap();
        assert_eq!(r2.data.emails, vec!["an@x.vn".to_string()]);
        assert_eq!(
            r2.stamps
                .get(Customer::number(&CustomerField::Emails(vec![]))),
            stamp(3, 1)
        );

        let del = RecordCommand::Delete { id };
        let r3 = apply(&del, Some(&r2), stamp(4, 1), TODAY).unwrap();
        assert!(r3.is_deleted());
        assert_eq!(
            apply(&upd, Some(&r3), stamp(5, 1), TODAY),
            Err(CommandError::Deleted)
        );
        let undo = inverse(&del, Some(&r2)).unwrap();
        let r4 = apply(&undo, Some(&r3), stamp(6, 1), TODAY).unwrap();
        assert!(!r4.is_deleted());
        assert_eq!(r4.data, r2.data);
    }

    #[test]
    fn invalid_update_is_refused_and_changes_nothing() {
        let id = Id::default();
        let r = apply(
            &RecordCommand::Create {
                id,
                data: named("An"),
            },
            None,
            stamp(1, 1),
            TODAY,
        )
        .unwrap();
        let before = r.clone();
        let bad = RecordCommand::Update {
            id,
            changes: vec![CustomerField::Emails(vec!["nope".into()])],
        };
        let err = apply(&bad, Some(&r), stamp(2, 1), TODAY).unwrap_err();
        assert_eq!(
            err,
            CommandError::Invalid(vec![FieldError::at("emails", 0, Problem::InvalidEmail)])
        );
        assert_eq!(r, before);
    }

    #[test]
    fn unchanged_fields_keep_their_stamps() {
        let id = Id::default();
        let r = apply(
            &RecordCommand::Create {
                id,
                data: named("An"),
            },
            None,
            stamp(1, 1),
            TODAY,
        )
        .unwrap();
        let same = RecordCommand::Update {
            id,
            changes: vec![CustomerField::DisplayName("An".into())],
        };
        let r2 = apply(&same, Some(&r), stamp(9, 1), TODAY).unwrap();
        assert_eq!(r2.stamps, r.stamps);
    }

    #[test]
    fn inverse_of_update_restores_old_values() {
        let id = Id::default();
        let r = apply(
            &RecordCommand::Create {
                id,
                data: named("An"),
            },
            None,
            stamp(1, 1),
            TODAY,
        )
        .unwrap();
        let upd = RecordCommand::Update {
            id,
            changes: vec![CustomerField::DisplayName("Bình".into())],
        };
        let r2 = apply(&upd, Some(&r), stamp(2, 1), TODAY).unwrap();
        let undo = inverse(&upd, Some(&r)).unwrap();
        let r3 = apply(&undo, Some(&r2), stamp(3, 1), TODAY).unwrap();
        assert_eq!(r3.data, r.data);
        assert_eq!(Command::Customer(upd).name(), "customer-update");
    }
}
