//! Binary encoding of storage buckets: a format byte, then postcard. Compact and fast
//! to decode, so 100k customers load in a fraction of a second (see docs/storage.md).

use serde::{de::DeserializeOwned, Serialize};

/// Bumped when the encoding of stored records changes; old formats are migrated.
pub const FORMAT: u8 = 4;

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum CodecError {
    #[error("stored data is empty")]
    Empty,
    #[error("stored data has format {found}, but this version of Clientele reads format {FORMAT}: update the app")]
    NewerFormat { found: u8 },
    #[error("stored data is damaged ({0})")]
    Damaged(String),
}

pub fn encode<T: Serialize + ?Sized>(value: &T) -> Vec<u8> {
    let mut out = vec![FORMAT];
    // Serializing plain data into a Vec cannot fail.
    let body = postcard::to_stdvec(value).expect("postcard encodes plain data");
    out.extend_from_slice(&body);
    out
}

pub fn decode<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, CodecError> {
    let (&format, body) = bytes.split_first().ok_or(CodecError::Empty)?;
    if format > FORMAT {
        return Err(CodecError::NewerFormat { found: format });
    }
    postcard::from_bytes(body).map_err(|e| CodecError::Damaged(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_errors() {
        let v = vec![(1u32, "Nguyễn".to_string())];
        let bytes = encode(&v);
        assert_eq!(decode::<Vec<(u32, String)>>(&bytes).unwrap(), v);
        assert_eq!(decode::<Vec<u32>>(&[]), Err(CodecError::Empty));
        assert_eq!(
            decode::<Vec<u32>>(&[FORMAT + 1, 0]),
            Err(CodecError::NewerFormat { found: FORMAT + 1 })
        );
        assert!(matches!(
            decode::<Vec<(u32, String)>>(&bytes[..bytes.len() - 2]),
            Err(CodecError::Damaged(_))
        ));
    }
}
