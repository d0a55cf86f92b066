//! The one user-facing error type: every failure becomes an `AppError`, shown once, in
//! words a shop owner understands (in the chosen language).

use crate::i18n::Strings;
use crate::platform::tabs::Job;
use crate::storage::StorageError;
use clientele_core::command::CommandError;
use clientele_core::validate::FieldError;

#[derive(Clone, Debug, PartialEq)]
pub enum AppError {
    Storage(StorageError),
    /// The data typed is not valid; each field error is shown next to its field.
    Invalid(Vec<FieldError>),
    NotFound,
    /// A record with this id exists already (created twice).
    Exists,
    Deleted,
    /// Another tab is running a bulk job (the one it announced, if known).
    Busy(Option<Job>),
}

impl From<StorageError> for AppError {
    fn from(e: StorageError) -> Self {
        AppError::Storage(e)
    }
}

impl From<CommandError> for AppError {
    fn from(e: CommandError) -> Self {
        match e {
            CommandError::Invalid(v) => AppError::Invalid(v),
            CommandError::NotFound => AppError::NotFound,
            CommandError::AlreadyExists => AppError::Exists,
            CommandError::Deleted => AppError::Deleted,
        }
    }
}

impl AppError {
    pub fn message(&self, t: &Strings) -> String {
        match self {
            AppError::Storage(StorageError::Unavailable(_)) => t.err_storage_unavailable.into(),
            AppError::Storage(StorageError::Blocked) => t.err_storage_blocked.into(),
            AppError::Storage(StorageError::NewerVersion { .. }) => t.err_storage_newer.into(),
            AppError::Storage(StorageError::QuotaExceeded) => t.err_storage_quota.into(),
            AppError::Storage(StorageError::Damaged(d)) => {
                format!("{} ({d})", t.err_storage_damaged)
            }
            AppError::Storage(StorageError::Failed(d)) => format!("{} ({d})", t.err_storage_failed),
            AppError::Storage(StorageError::Cancelled) => t.err_cancelled.into(),
            AppError::Invalid(_) => t.err_invalid.into(),
            AppError::NotFound => t.err_not_found.into(),
            AppError::Exists => t.err_exists.into(),
            AppError::Deleted => t.err_deleted.into(),
            AppError::Busy(job) => format!("{} {}", Job::elsewhere(*job, t), t.elsewhere_try_later),
        }
    }

    /// The field errors, if this is a validation error.
    pub fn fields(&self) -> &[FieldError] {
        match self {
            AppError::Invalid(v) => v,
            _ => &[],
        }
    }
}
