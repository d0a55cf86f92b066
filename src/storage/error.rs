//! What can go wrong with storage, in terms a person can act on.

use clientele_core::codec::CodecError;

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum StorageError {
    /// IndexedDB is missing or refused (private mode, blocked by settings).
    #[error("storage unavailable: {0}")]
    Unavailable(String),
    /// Another tab holds an older version of the database open.
    #[error("storage blocked by another tab")]
    Blocked,
    /// The database was written by a newer version of Clientele.
    #[error("database version {found} is newer than this app ({supported})")]
    NewerVersion { found: u32, supported: u32 },
    #[error("storage quota exceeded")]
    QuotaExceeded,
    #[error("stored data is damaged: {0}")]
    Damaged(String),
    #[error("storage failed: {0}")]
    Failed(String),
    /// The person cancelled a long write; nothing was written.
    #[error("cancelled")]
    Cancelled,
}

impl From<idb::Error> for StorageError {
    fn from(e: idb::Error) -> StorageError {
        let text = match &e {
            idb::Error::DomException(d) => format!("{}: {}", d.name(), d.message()),
            other => other.to_string(),
        };
        if text.contains("QuotaExceeded") {
            StorageError::QuotaExceeded
        } else if text.contains("VersionError") {
            StorageError::NewerVersion {
                found: 0,
                supported: super::SCHEMA_VERSION,
            }
        } else if text.contains("InvalidStateError")
            || text.contains("SecurityError")
            || text.contains("indexed db not found")
        {
            StorageError::Unavailable(text)
        } else {
            StorageError::Failed(text)
        }
    }
}

impl From<CodecError> for StorageError {
    fn from(e: CodecError) -> StorageError {
        StorageError::Damaged(e.to_string())
    }
}
