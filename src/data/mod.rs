//! The bundled dataset: its model, its binary format, and the copy compiled
//! into the widget.

mod format;
mod model;
mod public;
mod query;
mod user;
mod wire;

pub use format::{MAGIC, MAX_NOTES, VERSION};
pub use model::*;
pub use public::*;
pub use query::{Figure, QueryError};
pub use user::{
    add_user_measure, Problem, UserMeta, MAX_CSV_CHARS, MAX_META_CHARS, MAX_PROBLEMS, MAX_ROWS,
    MAX_VALUE, USER_FAMILY, USER_MEASURE, YEARS,
};
pub use wire::crc32;

use std::fmt;

/// Why a bundle could not be read. Every variant says where, so a corrupt
/// file can be found and rebuilt (`cargo xtask data`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DecodeError {
    /// The first bytes are not `CATL`.
    NotABundle,
    /// The format version is one this build cannot read (rebuild the bundle, or
    /// the widget).
    UnsupportedVersion {
        /// The version in the header.
        found: u16,
        /// The version this build reads, [`VERSION`].
        supported: u16,
    },
    /// The data ends early: `wanted` more bytes were needed at `offset`.
    Truncated {
        /// Where the read began, in bytes from the start of the file.
        offset: usize,
        /// How many bytes it needed.
        wanted: usize,
    },
    /// The payload does not match its CRC-32.
    Checksum {
        /// The CRC-32 recorded in the header.
        expected: u32,
        /// The CRC-32 of the payload as read.
        actual: u32,
    },
    /// A length, index or code that cannot be right.
    Invalid {
        /// Where, in bytes from the start of the file.
        offset: usize,
        /// What was wrong, for the message.
        what: &'static str,
    },
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::NotABundle => {
                write!(f, "not a care-atlas bundle (the file does not start with \"CATL\")")
            }
            DecodeError::UnsupportedVersion { found, supported } => write!(
                f,
                "bundle format version {found} is not supported (this widget reads version {supported})"
            ),
            DecodeError::Truncated { offset, wanted } => write!(
                f,
                "bundle is truncated: {wanted} more byte(s) needed at offset {offset}"
            ),
            DecodeError::Checksum { expected, actual } => write!(
                f,
                "bundle is corrupt: checksum {actual:08x} does not match the recorded {expected:08x}"
            ),
            DecodeError::Invalid { offset, what } => {
                write!(f, "bundle is corrupt at offset {offset}: {what}")
            }
        }
    }
}

impl std::error::Error for DecodeError {}

/// The bundle built by `cargo xtask data` and committed in `data/`.
pub const EMBEDDED: &[u8] = include_bytes!("../../data/care-atlas.bin");
