//! The crate's error type.

use thiserror::Error;

/// Everything that can go wrong when reading an article.
///
/// Analysis itself never fails: any text, however broken its quotation marks
/// or layout, yields an [`Article`](crate::Article). Errors come only from input
/// that cannot be read as text at all, and each says what was wrong and where.
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum Error {
    /// The bytes are not UTF-8.
    #[error("input is not valid UTF-8: invalid byte sequence at byte offset {offset}")]
    InvalidUtf8 {
        /// Byte offset of the first byte that is not part of a valid UTF-8 sequence.
        offset: usize,
    },
    /// The input is larger than the crate can index.
    #[error("input is {len} bytes long; the largest supported input is {max} bytes")]
    TooLarge {
        /// Length of the input in bytes.
        len: usize,
        /// The largest length accepted.
        max: usize,
    },
    /// Reading from a reader failed.
    #[error("could not read the input: {0}")]
    Io(#[from] std::io::Error),
    /// A saved corpus or interchange record could not be decoded.
    #[error("could not decode JSON at line {line}: {source}")]
    Json {
        /// One-based line number of the record that failed.
        line: usize,
        /// What the JSON decoder said.
        #[source]
        source: serde_json::Error,
    },
}

/// A `Result` whose error is [`Error`](enum@Error).
pub type Result<T, E = Error> = std::result::Result<T, E>;
