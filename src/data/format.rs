//! The binary formats: the core bundle compiled into the widget, version 5,
//! and the packs of measure values fetched on first use.
//!
//! ```text
//! core     "CATL"  u16 version  u16 flags(0)  u32 payload length  u32 CRC-32 of payload
//!          payload: sections, each  u8 tag  varint length  bytes, in tag order:
//!            1 text      attribution, sources, notes, areas, measures
//!            2 values    the series of each measure held in the core, in measure order
//!            3 geometry  arcs and shapes
//!          then, in the same file, the full engine's part:
//!          "CATF"  u16 version  u16 flags(0)  u32 payload length  u32 CRC-32 of payload
//!          payload: u32 CRC-32 of the core's payload, each measure's
//!            definition (a count, then one string per measure, in order),
//!            then DfE's statistical neighbour models (see `neighbours.rs`)
//! pack     "CATP"  u16 version  u16 flags(0)  u32 payload length  u32 CRC-32 of payload
//!          payload: family, u32 CRC-32 of the core's payload it was cut from,
//!            count, then per measure: its id and its series
//! ```
//!
//! What only the full engine shows (the definitions, for the query API, and
//! the neighbours) is a frame of its own, so that the core engine can embed
//! the first frame alone (`data::WIDGET_DATA`); a core without it decodes
//! with empty definitions and no neighbour lists.
//!
//! A new part of the core is a new section: a tag, its encoder in
//! [`Bundle::encode_split`] and its decoder in `decode_payload`. Each
//! measure's record in `text` says whether its values are in the core or in
//! its family's pack, and for the latter lists the years with a value, so a
//! widget can offer the years before the pack arrives.
//!
//! Integers are LEB128 varints (signed ones zigzag), strings are length-prefixed
//! UTF-8 (hand-written in `wire.rs` with the CRC-32, not crates: this decoder is in the wasm). Values are stored as integers scaled by 10^decimals of their measure,
//! delta-encoded along the years of each area. Arcs are quantised points,
//! each a step from the point before (across arcs). Each series holds first a status
//! byte per cell, then the value deltas of the cells that have one (kept
//! apart, the repetitive statuses compress to almost nothing). For a value,
//! bits 0–1 of its status hold its published decimals and bits 2–7 its basis
//! (0 official, n + 1 derived by formula n); 0xFC–0xFE mark a gap and why.
//!
//! Version 2 added [`Measure::boundaries`] and the split of statuses from values;
//! version 3 each measure's [`Measure::family`] (after its id), [`Area::subregion`]
//! (Inner and Outer London), [`Measure::next_year_areas`] and polarities 2 and 3;
//! version 4 the sections and the packs; version 5 steps across arcs (an arc's
//! first point from the last arc's end), arc references as steps from the
//! last one named, anchors from their shape's first point, and the
//! definitions and neighbours in a frame of their own, for the full engine.
//!
//! Decoding checks every length and index, so a corrupt bundle or pack yields
//! a [`DecodeError`] and never a panic.

use super::model::*;
use super::wire::{crc32, Reader, Writer};
use super::DecodeError;
use std::sync::Arc;

/// The first four bytes of every core bundle.
pub const MAGIC: &[u8; 4] = b"CATL";
/// The first four bytes of every pack.
pub const PACK_MAGIC: &[u8; 4] = b"CATP";
/// The first four bytes of the full engine's frame, after the core's.
const FULL_MAGIC: &[u8; 4] = b"CATF";
/// The format version this build writes and reads (core and packs alike).
pub const VERSION: u16 = 5;
const HEADER_LEN: usize = 16;

/// Section tags of the core, in the order they are written.
const SECTION_TEXT: u8 = 1;
const SECTION_VALUES: u8 = 2;
const SECTION_GEOMETRY: u8 = 3;
const SECTIONS: [(u8, &str); 3] = [
    (SECTION_TEXT, "text"),
    (SECTION_VALUES, "values"),
    (SECTION_GEOMETRY, "geometry"),
];

/// Where a measure's values are, as its record in `text` says.
const IN_CORE: u8 = 0;
const IN_PACK: u8 = 1;

const STATUS_SUPPRESSED: u8 = 0xFC;
const STATUS_NOT_PUBLISHED: u8 = 0xFD;
const STATUS_NOT_LIVE: u8 = 0xFE;
/// Derived-formula indices that still fit in bits 2–7 below the gap codes.
pub const MAX_NOTES: usize = 62;
const MAX_DECIMALS: u8 = 3;

fn pow10(d: u8) -> f64 {
    10f64.powi(i32::from(d))
}

/// A core bundle and the packs cut from it, as [`Bundle::encode_split`] writes them.
#[derive(Clone, Debug, PartialEq)]
pub struct Split {
    /// The core: every section, with the values of the measures kept in it.
    pub core: Vec<u8>,
    /// One pack per family with values outside the core: `(family, bytes)`,
    /// in the order the families first appear among the measures.
    pub packs: Vec<(String, Vec<u8>)>,
}

fn framed(magic: &[u8; 4], payload: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(HEADER_LEN + payload.len());
    out.extend_from_slice(magic);
    out.extend_from_slice(&VERSION.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out.extend_from_slice(&(payload.len() as u32).to_le_bytes());
    out.extend_from_slice(&crc32(payload).to_le_bytes());
    out.extend_from_slice(payload);
    out
}

/// The length of a bundle's first frame (the core without the full
/// engine's part): its header and the payload length the header records,
/// or all of `bytes` if they are fewer. A `const fn`, so that the core
/// engine can copy that frame at compile time (`data::WIDGET_DATA`).
pub const fn core_frame_len(bytes: &[u8]) -> usize {
    if bytes.len() < HEADER_LEN {
        return bytes.len();
    }
    let len = u32::from_le_bytes([bytes[8], bytes[9], bytes[10], bytes[11]]) as usize;
    // Compared without adding, which could overflow a 32-bit usize.
    if len < bytes.len() - HEADER_LEN {
        HEADER_LEN + len
    } else {
        bytes.len()
    }
}

/// Checks the header and CRC of the frame that starts `bytes`, which is at
/// offset `at` in the file (for the errors); returns the payload, its CRC
/// and the bytes after the frame.
fn unframe<'a>(
    bytes: &'a [u8],
    at: usize,
    magic: &[u8; 4],
    not_it: DecodeError,
) -> Result<(&'a [u8], u32, &'a [u8]), DecodeError> {
    let mut h = Reader::new(bytes, at);
    let found = [h.u8()?, h.u8()?, h.u8()?, h.u8()?];
    if &found != magic {
        return Err(not_it);
    }
    let version = h.u16()?;
    if version != VERSION {
        return Err(DecodeError::UnsupportedVersion {
            found: version,
            supported: VERSION,
        });
    }
    if h.u16()? != 0 {
        return Err(invalid(at + 6, "unknown header flags"));
    }
    let len = h.u32()? as usize;
    let expected = h.u32()?;
    let payload = &bytes[HEADER_LEN..];
    if payload.len() < len {
        return Err(DecodeError::Truncated {
            offset: at + bytes.len(),
            wanted: len - payload.len(),
        });
    }
    let (payload, rest) = payload.split_at(len);
    let actual = crc32(payload);
    if actual != expected {
        return Err(DecodeError::Checksum { expected, actual });
    }
    Ok((payload, actual, rest))
}

/// The error for bytes after the last frame, at `offset` in the file.
fn trailing(offset: usize) -> DecodeError {
    invalid(offset, "bytes after the end of the payload")
}

impl Bundle {
    /// Serialises the bundle as one core holding every value it has.
    /// Deterministic: the same bundle gives the same bytes. (Measures still
    /// waiting for their pack stay waiting: their years are kept, their
    /// values were never here.)
    ///
    /// # Panics
    /// On a bundle the format cannot hold (more than [`MAX_NOTES`] formulas,
    /// more than 3 decimals): these are pipeline bugs, caught when building.
    pub fn encode(&self) -> Vec<u8> {
        self.encode_split(|_| false).core
    }

    /// Serialises the bundle as a core, with the values of the measures for
    /// which `packed` is true cut out into one pack per family. Deterministic.
    ///
    /// # Panics
    /// As [`Bundle::encode`].
    pub fn encode_split(&self, packed: impl Fn(&Measure) -> bool) -> Split {
        let is_packed: Vec<bool> = self
            .measure_ids()
            .map(|id| !self.is_loaded(id) || packed(self.measure(id)))
            .collect();
        let payload: Vec<u8> = self
            .core_parts(&is_packed)
            .into_iter()
            .flat_map(|(_, bytes)| bytes)
            .collect();
        let core_crc = crc32(&payload);
        let mut core = framed(MAGIC, &payload);
        core.extend_from_slice(&self.full_frame(core_crc));
        // Packs hold values this bundle has: a measure still waiting has none.
        let cut: Vec<bool> = self
            .measure_ids()
            .map(|id| is_packed[id.index()] && self.is_loaded(id))
            .collect();
        let mut families: Vec<&str> = Vec::new();
        for (m, _) in self.measures.iter().zip(&cut).filter(|(_, &c)| c) {
            if !families.contains(&m.family.as_str()) {
                families.push(&m.family);
            }
        }
        let packs = families
            .into_iter()
            .map(|family| {
                let mut w = Writer::default();
                w.str(family);
                w.bytes.extend_from_slice(&core_crc.to_le_bytes());
                let members: Vec<usize> = (0..self.measures.len())
                    .filter(|&i| cut[i] && self.measures[i].family == family)
                    .collect();
                w.len(members.len());
                for i in members {
                    let m = &self.measures[i];
                    w.str(&m.id);
                    encode_series(&mut w, m, &self.series[i]);
                }
                (family.to_string(), framed(PACK_MAGIC, &w.bytes))
            })
            .collect();
        Split { core, packs }
    }

    /// [`Bundle::encode`] after its header, in parts, named, in order:
    /// `text` (attribution, sources, notes, areas, measures), one
    /// `values:<measure id>` per measure, and `geometry`, each section's
    /// tag and length counted with its first part (their concatenation is
    /// the core's payload), then `definitions, neighbours`: the whole frame
    /// of the full engine's part. The pipeline reports what each part costs.
    ///
    /// # Panics
    /// As [`Bundle::encode`].
    pub fn encode_parts(&self) -> Vec<(String, Vec<u8>)> {
        let none: Vec<bool> = self.measure_ids().map(|id| !self.is_loaded(id)).collect();
        let mut parts = self.core_parts(&none);
        let payload: Vec<u8> = parts.iter().flat_map(|(_, b)| b.iter().copied()).collect();
        parts.push((
            "definitions, neighbours".to_string(),
            self.full_frame(crc32(&payload)),
        ));
        parts
    }

    /// The full engine's frame, tied to the core whose payload has `core_crc`.
    fn full_frame(&self, core_crc: u32) -> Vec<u8> {
        let mut w = Writer::default();
        w.bytes.extend_from_slice(&core_crc.to_le_bytes());
        w.len(self.measures.len());
        for m in &self.measures {
            w.str(&m.definition);
        }
        super::neighbours::encode(&mut w, &self.neighbours);
        framed(FULL_MAGIC, &w.bytes)
    }

    fn core_parts(&self, packed: &[bool]) -> Vec<(String, Vec<u8>)> {
        let mut parts = Vec::new();
        let section = |tag: u8, len: usize| {
            let mut w = Writer::default();
            w.u8(tag);
            w.len(len);
            w.bytes
        };
        let text = self.encode_text(packed);
        let mut first = section(SECTION_TEXT, text.len());
        first.extend_from_slice(&text);
        parts.push(("text".to_string(), first));
        let values: Vec<(String, Vec<u8>)> = self
            .measures
            .iter()
            .zip(&self.series)
            .zip(packed)
            .filter(|(_, &p)| !p)
            .map(|((m, s), _)| {
                let mut w = Writer::default();
                encode_series(&mut w, m, s);
                (format!("values:{}", m.id), w.bytes)
            })
            .collect();
        let total: usize = values.iter().map(|(_, b)| b.len()).sum();
        let mut prefix = section(SECTION_VALUES, total);
        if values.is_empty() {
            parts.push(("values".to_string(), std::mem::take(&mut prefix)));
        }
        for (name, bytes) in values {
            prefix.extend_from_slice(&bytes);
            parts.push((name, std::mem::take(&mut prefix)));
        }
        let mut w = Writer::default();
        encode_geometry(&mut w, &self.geometry);
        let mut g = section(SECTION_GEOMETRY, w.bytes.len());
        g.extend_from_slice(&w.bytes);
        parts.push(("geometry".to_string(), g));
        parts
    }

    fn encode_text(&self, packed: &[bool]) -> Vec<u8> {
        let mut w = Writer::default();
        w.str(&self.attribution);
        w.len(self.sources.len());
        for s in &self.sources {
            for t in [&s.publisher, &s.publication, &s.url, &s.licence] {
                w.str(t);
            }
        }
        assert!(self.notes.len() <= MAX_NOTES, "too many derivation notes");
        w.len(self.notes.len());
        for n in &self.notes {
            w.str(n);
        }
        w.len(self.areas.len());
        for a in &self.areas {
            w.str(&a.code);
            w.str(&a.name);
            w.u8(a.level.code());
            w.uvar(a.region.map_or(0, |r| u64::from(r.0) + 1));
            w.uvar(a.subregion.map_or(0, |r| u64::from(r.0) + 1));
            w.uvar(u64::from(a.data_years.0));
            w.uvar(u64::from(a.data_years.1));
            w.uvar(a.shape.map_or(0, |s| u64::from(s) + 1));
            w.len(a.aliases.len());
            for x in &a.aliases {
                w.str(x);
            }
        }
        w.len(self.measures.len());
        for (i, m) in self.measures.iter().enumerate() {
            assert!(m.decimals <= MAX_DECIMALS, "{}: too many decimals", m.id);
            w.str(&m.id);
            w.str(&m.family);
            w.str(&m.label);
            w.str(&m.short_label);
            w.str(&m.unit);
            w.u8(m.kind as u8);
            w.u8(m.polarity as u8);
            w.u8(m.decimals);
            w.str(&m.convention);
            w.uvar(u64::from(m.source));
            w.uvar(u64::from(m.years.0));
            w.uvar(u64::from(m.years.1));
            w.uvar(m.boundaries.map_or(0, u64::from));
            w.u8(u8::from(m.next_year_areas));
            w.len(m.categories.len());
            for c in &m.categories {
                w.str(c);
            }
            if packed[i] {
                w.u8(IN_PACK);
                let years = self.years_of(MeasureId(i as u16));
                w.len(years.len());
                for y in years {
                    w.uvar(u64::from(y - m.years.0));
                }
            } else {
                w.u8(IN_CORE);
            }
        }
        w.bytes
    }

    /// Parses and validates a core bundle. Measures whose values are in a
    /// pack are listed in [`Bundle::waiting`] until [`Bundle::add_pack`].
    ///
    /// The full engine's frame may follow; without it (the core engine's
    /// data) the measures' definitions are empty and there are no neighbours.
    /// The core engine, which embeds its first frame alone, refuses that
    /// frame as trailing bytes: it carries no decoder for it.
    pub fn decode(bytes: &[u8]) -> Result<Bundle, DecodeError> {
        let (payload, crc, rest) = unframe(bytes, 0, MAGIC, DecodeError::NotABundle)?;
        let mut b = decode_payload(&mut Reader::new(payload, HEADER_LEN))?;
        if !b.waiting.measures.is_empty() {
            b.waiting.core = crc;
        }
        if !rest.is_empty() {
            let at = bytes.len() - rest.len();
            // The core engine embeds the core frame alone and never shows
            // definitions or neighbours: it carries no decoder for them.
            if !cfg!(feature = "full") {
                return Err(trailing(at));
            }
            b.decode_full_frame(rest, at, crc)?;
        }
        Ok(b)
    }

    /// Reads the full engine's frame (the twin of `full_frame`), which is at
    /// offset `at` and must belong to the core whose payload has `core_crc`.
    fn decode_full_frame(
        &mut self,
        bytes: &[u8],
        at: usize,
        core_crc: u32,
    ) -> Result<(), DecodeError> {
        // A cut inside the magic is a truncation like any other.
        if !(bytes.starts_with(FULL_MAGIC) || FULL_MAGIC.starts_with(bytes)) {
            return Err(trailing(at));
        }
        let (payload, _, after) = unframe(bytes, at, FULL_MAGIC, trailing(at))?;
        if !after.is_empty() {
            return Err(trailing(at + bytes.len() - after.len()));
        }
        let r = &mut Reader::new(payload, at + HEADER_LEN);
        if r.u32()? != core_crc {
            return Err(invalid(
                at + HEADER_LEN,
                "full engine's part of another core",
            ));
        }
        let start = r.offset();
        if r.len(1)? != self.measures.len() {
            return Err(invalid(start, "definitions do not match the measures"));
        }
        for m in &mut self.measures {
            m.definition = r.str()?;
        }
        let neighbours = super::neighbours::decode(r, self.areas.len())?;
        if !r.is_empty() {
            return Err(invalid(
                r.offset(),
                "unread bytes at the end of the full engine's part",
            ));
        }
        self.neighbours = Arc::new(neighbours);
        Ok(())
    }

    /// Adds a pack's values to this core. Returns the pack's family. The pack
    /// must have been cut from this very core ([`DecodeError::OtherCore`]
    /// otherwise) and hold every measure of its family still waiting.
    pub fn add_pack(&mut self, bytes: &[u8]) -> Result<String, DecodeError> {
        let (payload, _, rest) = unframe(bytes, 0, PACK_MAGIC, DecodeError::NotAPack)?;
        if !rest.is_empty() {
            return Err(trailing(bytes.len() - rest.len()));
        }
        let r = &mut Reader::new(payload, HEADER_LEN);
        let family = r.str()?;
        let core = r.u32()?;
        if core != self.waiting.core || self.waiting.measures.is_empty() {
            return Err(DecodeError::OtherCore {
                family,
                expected: self.waiting.core,
                found: core,
            });
        }
        let n = r.len(2)?;
        let mut got: Vec<(MeasureId, Series)> = Vec::new();
        for _ in 0..n {
            let at = r.offset();
            let id = r.str()?;
            let m = self
                .measure_id(&id)
                .filter(|m| self.measure(*m).family == family)
                .filter(|m| self.waiting.contains(*m))
                .ok_or(invalid(
                    at,
                    "pack holds a measure its core does not wait for",
                ))?;
            if got.iter().any(|(g, _)| *g == m) {
                return Err(invalid(at, "pack holds a measure twice"));
            }
            let s = decode_series(r, self.measure(m), self.areas.len(), self.notes.len())?;
            got.push((m, s));
        }
        if !r.is_empty() {
            return Err(invalid(r.offset(), "unread bytes at the end of the pack"));
        }
        let mut wanted = 0;
        for m in self.waiting.ids() {
            if self.measure(m).family == family {
                wanted += 1;
            }
        }
        if got.len() != wanted {
            return Err(invalid(r.offset(), "pack lacks a measure of its family"));
        }
        // Popped (the measures are distinct, so order does not matter): a
        // `for` over the vector would link its by-value iterator's code.
        while let Some((m, s)) = got.pop() {
            self.waiting.remove(m);
            self.series[m.index()] = Arc::new(s);
        }
        Ok(family)
    }

    /// Takes the values of every measure `other` has loaded and this bundle
    /// waits for (a widget's own copy with a page's figures catching up with
    /// the packs the page has fetched since). Measures are matched by id.
    pub fn adopt_packs(&mut self, other: &Bundle) {
        let waiting: Vec<MeasureId> = self.waiting.ids().collect();
        for m in waiting {
            let Some(o) = other.measure_id(&self.measure(m).id) else {
                continue;
            };
            if other.is_loaded(o) {
                self.series[m.index()] = other.series[o.index()].clone();
                self.waiting.remove(m);
            }
        }
    }
}

fn decode_payload(payload: &mut Reader) -> Result<Bundle, DecodeError> {
    let mut sections: [Option<Reader>; SECTIONS.len()] = [None, None, None];
    let mut last = 0;
    while !payload.is_empty() {
        let at = payload.offset();
        let tag = payload.u8()?;
        let n = payload.len(1)?;
        let body = payload.sub(n)?;
        // In tag order, each once: a repeated or shuffled section is damage.
        if tag <= last {
            return Err(invalid(at, "sections out of order"));
        }
        last = tag;
        let slot = SECTIONS
            .iter()
            .position(|(t, _)| *t == tag)
            .ok_or(invalid(at, "unknown section"))?;
        sections[slot] = Some(body);
    }
    let [Some(mut text), Some(mut values), Some(mut shapes)] = sections else {
        return Err(invalid(
            payload.offset(),
            "a section of the core is missing",
        ));
    };
    let r = &mut text;
    let attribution = r.str()?;
    let n = r.len(4)?;
    let mut sources = Vec::with_capacity(n);
    for _ in 0..n {
        sources.push(Source {
            publisher: r.str()?,
            publication: r.str()?,
            url: r.str()?,
            licence: r.str()?,
        });
    }
    let at = r.offset();
    let n = r.len(1)?;
    if n > MAX_NOTES {
        return Err(invalid(at, "too many derivation notes"));
    }
    let mut notes = Vec::with_capacity(n);
    for _ in 0..n {
        notes.push(r.str()?);
    }

    let at = r.offset();
    let n_areas = r.len(7)?;
    // Areas are numbered by `AreaId(u16)`.
    if n_areas > usize::from(u16::MAX) {
        return Err(invalid(at, "too many areas"));
    }
    let mut areas = Vec::with_capacity(n_areas);
    let mut shape_refs = Vec::with_capacity(n_areas);
    for _ in 0..n_areas {
        let code = r.str()?;
        let name = r.str()?;
        let at = r.offset();
        let level = Level::from_code(r.u8()?).ok_or(invalid(at, "unknown area level"))?;
        let at = r.offset();
        let region = match r.uvar()? {
            0 => None,
            k if k <= n_areas as u64 => Some(AreaId((k - 1) as u16)),
            _ => return Err(invalid(at, "area's region out of range")),
        };
        let at = r.offset();
        let subregion = match r.uvar()? {
            0 => None,
            k if k <= n_areas as u64 => Some(AreaId((k - 1) as u16)),
            _ => return Err(invalid(at, "area's subregion out of range")),
        };
        let data_years = (year(r)?, year(r)?);
        let at = r.offset();
        let shape = match r.uvar()? {
            0 => None,
            k if k <= u64::from(u16::MAX) => Some((k - 1) as u16),
            _ => return Err(invalid(at, "area's shape out of range")),
        };
        shape_refs.push(at);
        let n = r.len(1)?;
        let mut aliases = Vec::with_capacity(n);
        for _ in 0..n {
            aliases.push(r.str()?);
        }
        areas.push(Area {
            code,
            name,
            level,
            region,
            subregion,
            data_years,
            shape,
            aliases,
        });
    }

    let n = r.len(13)?;
    let mut measures = Vec::with_capacity(n);
    let mut waiting = Vec::new();
    for _ in 0..n {
        let id = r.str()?;
        let family = r.str()?;
        let label = r.str()?;
        let short_label = r.str()?;
        let unit = r.str()?;
        let at = r.offset();
        let kind = match r.u8()? {
            0 => Kind::Rate,
            1 => Kind::Count,
            2 => Kind::Percent,
            3 => Kind::Category,
            _ => return Err(invalid(at, "unknown measure kind")),
        };
        let at = r.offset();
        let polarity = match r.u8()? {
            0 => Polarity::HigherIsMoreNeed,
            1 => Polarity::Neutral,
            2 => Polarity::LowerIsBetter,
            3 => Polarity::HigherIsBetter,
            _ => return Err(invalid(at, "unknown polarity")),
        };
        let at = r.offset();
        let decimals = r.u8()?;
        if decimals > MAX_DECIMALS {
            return Err(invalid(at, "too many decimals"));
        }
        let convention = r.str()?;
        let at = r.offset();
        let source = r.uvar()?;
        if source >= sources.len() as u64 {
            return Err(invalid(at, "measure's source out of range"));
        }
        let at = r.offset();
        let years = (year(r)?, year(r)?);
        if years.0 > years.1 {
            return Err(invalid(at, "measure's years run backwards"));
        }
        let boundaries = match year(r)? {
            0 => None,
            y => Some(y),
        };
        let at = r.offset();
        let next_year_areas = match r.u8()? {
            0 => false,
            1 => true,
            _ => return Err(invalid(at, "unknown next-year-areas flag")),
        };
        let n = r.len(1)?;
        let mut categories = Vec::with_capacity(n);
        for _ in 0..n {
            categories.push(r.str()?);
        }
        let at = r.offset();
        if (kind == Kind::Category) == categories.is_empty()
            || (kind == Kind::Category && decimals != 0)
        {
            return Err(invalid(at, "categories do not match the measure's kind"));
        }
        let at = r.offset();
        match r.u8()? {
            IN_CORE => {}
            IN_PACK => {
                let n = r.len(1)?;
                let mut list = Vec::with_capacity(n);
                for _ in 0..n {
                    let at = r.offset();
                    let y = r.uvar()?;
                    let y = u16::try_from(y)
                        .ok()
                        .and_then(|y| years.0.checked_add(y))
                        .filter(|&y| y <= years.1 && list.last().is_none_or(|&l| l < y))
                        .ok_or(invalid(at, "packed measure's year out of range"))?;
                    list.push(y);
                }
                waiting.push((MeasureId(measures.len() as u16), list));
            }
            _ => return Err(invalid(at, "unknown place of a measure's values")),
        }
        measures.push(Measure {
            id,
            family,
            label,
            short_label,
            unit,
            kind,
            polarity,
            decimals,
            // In the full engine's frame, if any.
            definition: String::new(),
            convention,
            source: source as u16,
            years,
            boundaries,
            next_year_areas,
            categories,
        });
    }

    // Measures are numbered by `MeasureId(u16)`.
    if measures.len() > usize::from(u16::MAX) {
        return Err(invalid(r.offset(), "too many measures"));
    }
    if !r.is_empty() {
        return Err(invalid(r.offset(), "unread bytes at the end of the text"));
    }
    let mut series = Vec::with_capacity(measures.len());
    let empty = Arc::new(Series {
        areas: Vec::new(),
        cells: Vec::new(),
        dates: Vec::new(),
    });
    for (i, m) in measures.iter().enumerate() {
        series.push(if waiting.iter().any(|(m, _)| m.index() == i) {
            empty.clone()
        } else {
            Arc::new(decode_series(&mut values, m, n_areas, notes.len())?)
        });
    }
    if !values.is_empty() {
        return Err(invalid(
            values.offset(),
            "unread bytes at the end of the values",
        ));
    }
    let r = &mut shapes;
    let geometry = decode_geometry(r)?;
    for (a, at) in areas.iter().zip(shape_refs) {
        if a.shape
            .is_some_and(|s| usize::from(s) >= geometry.shapes.len())
        {
            return Err(invalid(at, "area's shape out of range"));
        }
    }
    if !r.is_empty() {
        return Err(invalid(
            r.offset(),
            "unread bytes at the end of the payload",
        ));
    }
    Ok(Bundle {
        attribution,
        areas,
        sources,
        notes,
        measures,
        series,
        geometry: Arc::new(geometry),
        neighbours: Arc::default(),
        waiting: Waiting {
            core: 0,
            measures: waiting,
        },
    })
}

fn invalid(offset: usize, what: &'static str) -> DecodeError {
    DecodeError::Invalid { offset, what }
}

fn year(r: &mut Reader) -> Result<u16, DecodeError> {
    let at = r.offset();
    u16::try_from(r.uvar()?).map_err(|_| invalid(at, "year out of range"))
}

fn encode_series(w: &mut Writer, m: &Measure, s: &Series) {
    let width = usize::from(m.years.1 - m.years.0) + 1;
    assert_eq!(
        s.cells.len(),
        s.areas.len() * width,
        "{}: ragged series",
        m.id
    );
    let scale = pow10(m.decimals);
    w.len(s.areas.len());
    for &a in &s.areas {
        w.uvar(u64::from(a.0));
    }
    for cell in &s.cells {
        w.u8(match *cell {
            Cell::Value {
                decimals, basis, ..
            } => {
                assert!(decimals <= m.decimals, "{}: value finer than measure", m.id);
                let b = match basis {
                    Basis::Official => 0,
                    Basis::Derived(n) => n + 1,
                    Basis::Page => panic!("{}: a page's own figures are never stored", m.id),
                };
                decimals | (b << 2)
            }
            Cell::Missing(Missing::Suppressed) => STATUS_SUPPRESSED,
            Cell::Missing(Missing::NotPublished) => STATUS_NOT_PUBLISHED,
            Cell::Missing(Missing::NotLive) => STATUS_NOT_LIVE,
        });
    }
    for row in s.cells.chunks(width) {
        let mut prev = 0i64;
        for cell in row {
            if let Cell::Value { value, .. } = *cell {
                let q = (value * scale).round() as i64;
                w.ivar(q - prev);
                prev = q;
            }
        }
    }
    assert!(
        s.dates.is_empty() || s.dates.len() == s.areas.len(),
        "{}: one date per row",
        m.id
    );
    w.len(s.dates.len());
    for &d in &s.dates {
        w.uvar(u64::from(d));
    }
}

fn decode_series(
    r: &mut Reader,
    m: &Measure,
    n_areas: usize,
    n_notes: usize,
) -> Result<Series, DecodeError> {
    let width = usize::from(m.years.1 - m.years.0) + 1;
    let rows = r.len(width + 1)?;
    let mut areas = Vec::with_capacity(rows);
    for _ in 0..rows {
        let at = r.offset();
        let a = r.uvar()?;
        if a >= n_areas as u64 {
            return Err(invalid(at, "series area out of range"));
        }
        areas.push(AreaId(a as u16));
    }
    let scale = pow10(m.decimals);
    let mut cells = Vec::with_capacity(rows * width);
    for _ in 0..rows * width {
        let at = r.offset();
        let cell = match r.u8()? {
            STATUS_SUPPRESSED => Cell::Missing(Missing::Suppressed),
            STATUS_NOT_PUBLISHED => Cell::Missing(Missing::NotPublished),
            STATUS_NOT_LIVE => Cell::Missing(Missing::NotLive),
            0xFF => return Err(invalid(at, "unknown value status")),
            status => {
                let decimals = status & 3;
                let basis = match status >> 2 {
                    0 => Basis::Official,
                    n if usize::from(n) <= n_notes => Basis::Derived(n - 1),
                    _ => return Err(invalid(at, "derived value names a missing formula")),
                };
                if decimals > m.decimals {
                    return Err(invalid(at, "value finer than its measure"));
                }
                Cell::Value {
                    value: 0.0,
                    decimals,
                    basis,
                }
            }
        };
        cells.push(cell);
    }
    for row in cells.chunks_mut(width) {
        let mut prev = 0i64;
        for cell in row {
            if let Cell::Value { value, .. } = cell {
                let at = r.offset();
                prev = prev
                    .checked_add(r.ivar()?)
                    .ok_or(invalid(at, "value out of range"))?;
                if m.kind == Kind::Category && (prev < 0 || prev as usize >= m.categories.len()) {
                    return Err(invalid(at, "category value out of range"));
                }
                *value = prev as f64 / scale;
            }
        }
    }
    let at = r.offset();
    let n = r.len(1)?;
    if n != 0 && n != rows {
        return Err(invalid(at, "dates do not match the series' areas"));
    }
    let mut dates = Vec::with_capacity(n);
    for _ in 0..n {
        let at = r.offset();
        dates.push(u32::try_from(r.uvar()?).map_err(|_| invalid(at, "date out of range"))?);
    }
    Ok(Series {
        areas,
        cells,
        dates,
    })
}

fn encode_geometry(w: &mut Writer, g: &Geometry) {
    for f in [g.unit, g.origin[0], g.origin[1]] {
        w.bytes.extend_from_slice(&f.to_bits().to_le_bytes());
    }
    w.len(g.arcs.len());
    // Each point is a step from the one before, across arcs too: an arc
    // mostly starts where the last one ended (a junction), so its first step
    // is zero rather than a whole coordinate.
    let mut prev = [0i32; 2];
    for arc in &g.arcs {
        w.len(arc.len());
        for p in arc {
            // In i64: the step between two i32 coordinates can exceed i32.
            w.ivar(i64::from(p[0]) - i64::from(prev[0]));
            w.ivar(i64::from(p[1]) - i64::from(prev[1]));
            prev = *p;
        }
    }
    w.len(g.shapes.len());
    // A ring's arcs are mostly numbered in sequence: each reference is a
    // step from the last arc named, doubled, plus 1 when reversed.
    let mut last = 0i64;
    for s in &g.shapes {
        w.len(s.polygons.len());
        for poly in &s.polygons {
            w.len(poly.len());
            for ring in poly {
                w.len(ring.len());
                for &a in ring {
                    let (idx, reversed) = arc_index(a);
                    w.ivar((idx - last) * 2 + i64::from(reversed));
                    last = idx;
                }
            }
        }
        // The anchor, as a step from the shape's first point.
        let from = first_point(g, s);
        w.ivar(i64::from(s.anchor[0]) - i64::from(from[0]));
        w.ivar(i64::from(s.anchor[1]) - i64::from(from[1]));
    }
}

/// An arc reference's arc index and whether it runs backwards.
fn arc_index(a: ArcRef) -> (i64, bool) {
    if a < 0 {
        (i64::from(!a), true)
    } else {
        (i64::from(a), false)
    }
}

/// Where a shape's outline starts (the origin for a shape with none):
/// what its anchor is stored relative to.
fn first_point(g: &Geometry, s: &Shape) -> [i32; 2] {
    let Some(&a) = s
        .polygons
        .first()
        .and_then(|p| p.first())
        .and_then(|r| r.first())
    else {
        return [0, 0];
    };
    let (idx, reversed) = arc_index(a);
    let arc = g.arcs.get(idx as usize).map(Vec::as_slice).unwrap_or(&[]);
    let p = if reversed { arc.last() } else { arc.first() };
    p.copied().unwrap_or([0, 0])
}

/// `base + by` as an i32 coordinate, or `None` if it is out of range.
fn step(base: i32, by: i64) -> Option<i32> {
    i64::from(base)
        .checked_add(by)
        .and_then(|v| i32::try_from(v).ok())
}

fn decode_geometry(r: &mut Reader) -> Result<Geometry, DecodeError> {
    let mut f = [0f64; 3];
    for v in &mut f {
        let lo = u64::from(r.u32()?);
        let hi = u64::from(r.u32()?);
        *v = f64::from_bits(lo | (hi << 32));
    }
    if !(f[0].is_finite() && f[0] > 0.0 && f[1].is_finite() && f[2].is_finite()) {
        return Err(invalid(r.offset(), "geometry transform is not finite"));
    }
    let n = r.len(1)?;
    let mut arcs = Vec::with_capacity(n);
    let mut prev = [0i32; 2];
    for _ in 0..n {
        let len = r.len(2)?;
        let mut arc = Vec::with_capacity(len);
        for _ in 0..len {
            let at = r.offset();
            let dx = r.ivar()?;
            let dy = r.ivar()?;
            // Checked: a crafted step must give an error, never an overflow
            // (a panic with overflow checks on, a wrong point without).
            let (Some(x), Some(y)) = (step(prev[0], dx), step(prev[1], dy)) else {
                return Err(invalid(at, "arc point out of range"));
            };
            prev = [x, y];
            arc.push(prev);
        }
        arcs.push(arc);
    }
    let mut g = Geometry {
        unit: f[0],
        origin: [f[1], f[2]],
        arcs,
        shapes: Vec::new(),
    };
    let n = r.len(3)?;
    g.shapes.reserve(n);
    let mut last = 0i64;
    for _ in 0..n {
        let np = r.len(1)?;
        let mut polygons = Vec::with_capacity(np);
        for _ in 0..np {
            let nr = r.len(1)?;
            let mut rings = Vec::with_capacity(nr);
            for _ in 0..nr {
                let na = r.len(1)?;
                let mut ring = Vec::with_capacity(na);
                for _ in 0..na {
                    let at = r.offset();
                    let v = r.ivar()?;
                    let idx = last.checked_add(v.div_euclid(2));
                    let Some(idx) = idx.filter(|i| (0..g.arcs.len() as i64).contains(i)) else {
                        return Err(invalid(at, "ring names a missing arc"));
                    };
                    last = idx;
                    let a = idx as ArcRef;
                    ring.push(if v.rem_euclid(2) == 1 { !a } else { a });
                }
                rings.push(ring);
            }
            polygons.push(rings);
        }
        let mut shape = Shape {
            polygons,
            anchor: [0, 0],
        };
        let from = first_point(&g, &shape);
        let at = r.offset();
        let (dx, dy) = (r.ivar()?, r.ivar()?);
        let (Some(ax), Some(ay)) = (step(from[0], dx), step(from[1], dy)) else {
            return Err(invalid(at, "anchor out of range"));
        };
        shape.anchor = [ax, ay];
        g.shapes.push(shape);
    }
    Ok(g)
}
