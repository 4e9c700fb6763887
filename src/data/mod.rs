//! The bundled dataset: its model, its binary format, and the copy compiled
//! into the widget.

// Plain loops where a chain would collect: see "Code size" in lib.rs.

mod format;
mod model;
mod neighbours;
mod plain;
mod public;
mod query;
mod user;
mod wire;

pub use format::{core_frame_len, Split, MAGIC, MAX_NOTES, PACK_MAGIC, VERSION};
pub use model::*;
pub use neighbours::{
    Closeness, Neighbour, NeighbourGroup, NeighbourModel, NeighbourSet, Neighbours, Via,
};
pub use plain::{object, Sink, ToJs, Tree};
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
    /// The first bytes are not `CATP` (a pack was expected).
    NotAPack,
    /// A pack cut from another build of the data than this core.
    OtherCore {
        /// The pack's family.
        family: String,
        /// The CRC-32 of this core's payload (0 if it waits for no pack).
        expected: u32,
        /// The core CRC-32 the pack records.
        found: u32,
    },
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
            DecodeError::NotAPack => {
                write!(f, "not a care-atlas pack (the file does not start with \"CATP\")")
            }
            DecodeError::OtherCore {
                family,
                expected,
                found,
            } => write!(
                f,
                "the {family} pack belongs to another build of the data (it was cut from core {found:08x}, this widget's core is {expected:08x})"
            ),
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

/// The core bundle built by `cargo xtask data` and committed in `data/`:
/// boundaries, names, every measure's metadata, and the values of
/// [`CORE_MEASURES`]. The other values are in packs, one per family
/// (`data/care-atlas.<family>.pack`), fetched by the widget on first use.
pub const EMBEDDED: &[u8] = include_bytes!("../../data/care-atlas.bin");

/// What this build's widget decodes: all of [`EMBEDDED`] in the full engine;
/// in the core engine its first frame only, without the measures'
/// definitions (read only through the query API) and the statistical
/// neighbours, which it never shows.
#[cfg(feature = "full")]
pub static WIDGET_DATA: &[u8] = EMBEDDED;

// The full engine's definitions and neighbours are in the file's second
// frame: without it the widget would say that no authority has neighbours.
#[cfg(feature = "full")]
const _: () = assert!(
    core_frame_len(EMBEDDED) < EMBEDDED.len(),
    "data/care-atlas.bin lacks the full engine's frame: run cargo xtask data"
);

/// What this build's widget decodes (see the full engine's twin).
#[cfg(not(feature = "full"))]
pub static WIDGET_DATA: &[u8] = &CORE_FRAME;

#[cfg(not(feature = "full"))]
const CORE_FRAME_LEN: usize = core_frame_len(EMBEDDED);

/// A copy made at compile time, so that the module holds these bytes and
/// not the whole file (a slice of `EMBEDDED` would keep all of it).
#[cfg(not(feature = "full"))]
static CORE_FRAME: [u8; CORE_FRAME_LEN] = {
    let mut out = [0u8; CORE_FRAME_LEN];
    let mut i = 0;
    while i < CORE_FRAME_LEN {
        out[i] = EMBEDDED[i];
        i += 1;
    }
    out
};

/// The measure shown when a page names none.
pub const DEFAULT_MEASURE: &str = "cla_rate";

/// Measures whose values are compiled into the widget: what the default
/// view shows. Every other measure's values are in its family's pack.
pub const CORE_MEASURES: [&str; 1] = [DEFAULT_MEASURE];

/// The file name of a family's pack, in `data/` and in the npm package.
pub fn pack_file(family: &str) -> String {
    format!("care-atlas.{family}.pack")
}

/// The whole dataset, the core with every pack added, read from `data/` in
/// this source tree: for native tools and tests (the widget fetches packs;
/// in a browser there is no file system and this returns why).
pub fn complete() -> Result<Bundle, String> {
    let mut b = Bundle::decode(EMBEDDED).map_err(|e| format!("data/care-atlas.bin: {e}"))?;
    let mut families: Vec<String> = Vec::new();
    for m in b.waiting.ids() {
        let f = &b.measure(m).family;
        if !families.contains(f) {
            families.push(f.clone());
        }
    }
    for family in families {
        let path = format!("{}/data/{}", env!("CARGO_MANIFEST_DIR"), pack_file(&family));
        let bytes = std::fs::read(&path).map_err(|e| format!("{path}: {e}"))?;
        b.add_pack(&bytes).map_err(|e| format!("{path}: {e}"))?;
    }
    Ok(b)
}
