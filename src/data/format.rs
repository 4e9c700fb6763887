//! The binary bundle format, version 2.
//!
//! ```text
//! header   "CATL"  u16 version  u16 flags(0)  u32 payload length  u32 CRC-32 of payload
//! payload  attribution, sources, notes, areas, measures, series (one per measure), geometry,
//!          statistical neighbours (see `neighbours.rs`)
//! ```
//!
//! Integers are LEB128 varints (signed ones zigzag), strings are length-prefixed
//! UTF-8 (hand-written in `wire.rs` with the CRC-32, not crates: this decoder is in the wasm). Values are stored as integers scaled by 10^decimals of their measure,
//! delta-encoded along the years of each area. Arcs are quantised points, the
//! first absolute and the rest as deltas. Each series holds first a status
//! byte per cell, then the value deltas of the cells that have one (kept
//! apart, the repetitive statuses compress to almost nothing). For a value,
//! bits 0–1 of its status hold its published decimals and bits 2–7 its basis
//! (0 official, n + 1 derived by formula n); 0xFC–0xFE mark a gap and why.
//!
//! Version 2 added [`Measure::boundaries`] and the split of statuses from values;
//! version 3 the statistical neighbours section and polarities 2 and 3.
//!
//! Decoding checks every length and index, so a corrupt bundle yields a
//! [`DecodeError`] and never a panic.

use super::model::*;
use super::wire::{crc32, Reader, Writer};
use super::DecodeError;
use std::sync::Arc;

/// The first four bytes of every bundle.
pub const MAGIC: &[u8; 4] = b"CATL";
/// The format version this build writes and reads.
pub const VERSION: u16 = 3;
const HEADER_LEN: usize = 16;

const STATUS_SUPPRESSED: u8 = 0xFC;
const STATUS_NOT_PUBLISHED: u8 = 0xFD;
const STATUS_NOT_LIVE: u8 = 0xFE;
/// Derived-formula indices that still fit in bits 2–7 below the gap codes.
pub const MAX_NOTES: usize = 62;
const MAX_DECIMALS: u8 = 3;

fn pow10(d: u8) -> f64 {
    10f64.powi(i32::from(d))
}

impl Bundle {
    /// Serialises the bundle. Deterministic: the same bundle gives the same bytes.
    ///
    /// # Panics
    /// On a bundle the format cannot hold (more than [`MAX_NOTES`] formulas,
    /// more than 3 decimals): these are pipeline bugs, caught when building.
    pub fn encode(&self) -> Vec<u8> {
        let payload: Vec<u8> = self
            .encode_parts()
            .into_iter()
            .flat_map(|(_, bytes)| bytes)
            .collect();
        let mut out = Vec::with_capacity(HEADER_LEN + payload.len());
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&VERSION.to_le_bytes());
        out.extend_from_slice(&0u16.to_le_bytes());
        out.extend_from_slice(&(payload.len() as u32).to_le_bytes());
        out.extend_from_slice(&crc32(&payload).to_le_bytes());
        out.extend_from_slice(&payload);
        out
    }

    /// The payload in its parts, named, in order: `text` (attribution,
    /// sources, notes, areas, measures), one `values:<measure id>` per
    /// measure, `geometry` and `neighbours`. Their concatenation is the payload of
    /// [`Bundle::encode`]; the pipeline reports what each part costs.
    ///
    /// # Panics
    /// As [`Bundle::encode`].
    pub fn encode_parts(&self) -> Vec<(String, Vec<u8>)> {
        let mut parts = Vec::new();
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
            w.uvar(u64::from(a.data_years.0));
            w.uvar(u64::from(a.data_years.1));
            w.uvar(a.shape.map_or(0, |s| u64::from(s) + 1));
            w.len(a.aliases.len());
            for x in &a.aliases {
                w.str(x);
            }
        }
        w.len(self.measures.len());
        for m in &self.measures {
            assert!(m.decimals <= MAX_DECIMALS, "{}: too many decimals", m.id);
            w.str(&m.id);
            w.str(&m.label);
            w.str(&m.short_label);
            w.str(&m.unit);
            w.u8(m.kind as u8);
            w.u8(m.polarity as u8);
            w.u8(m.decimals);
            w.str(&m.definition);
            w.str(&m.convention);
            w.uvar(u64::from(m.source));
            w.uvar(u64::from(m.years.0));
            w.uvar(u64::from(m.years.1));
            w.uvar(m.boundaries.map_or(0, u64::from));
            w.len(m.categories.len());
            for c in &m.categories {
                w.str(c);
            }
        }
        parts.push(("text".to_string(), w.bytes));
        for (m, s) in self.measures.iter().zip(&self.series) {
            let mut w = Writer::default();
            encode_series(&mut w, m, s);
            parts.push((format!("values:{}", m.id), w.bytes));
        }
        let mut w = Writer::default();
        encode_geometry(&mut w, &self.geometry);
        parts.push(("geometry".to_string(), w.bytes));
        let mut w = Writer::default();
        super::neighbours::encode(&mut w, &self.neighbours);
        parts.push(("neighbours".to_string(), w.bytes));
        parts
    }

    /// Parses and validates a bundle.
    pub fn decode(bytes: &[u8]) -> Result<Bundle, DecodeError> {
        let mut h = Reader::new(bytes, 0);
        let magic = [h.u8()?, h.u8()?, h.u8()?, h.u8()?];
        if &magic != MAGIC {
            return Err(DecodeError::NotABundle);
        }
        let version = h.u16()?;
        if version != VERSION {
            return Err(DecodeError::UnsupportedVersion {
                found: version,
                supported: VERSION,
            });
        }
        if h.u16()? != 0 {
            return Err(invalid(6, "unknown header flags"));
        }
        let len = h.u32()? as usize;
        let expected = h.u32()?;
        let payload = &bytes[HEADER_LEN..];
        if payload.len() < len {
            return Err(DecodeError::Truncated {
                offset: bytes.len(),
                wanted: len - payload.len(),
            });
        }
        if payload.len() > len {
            return Err(DecodeError::Invalid {
                offset: HEADER_LEN + len,
                what: "bytes after the end of the payload",
            });
        }
        let actual = crc32(payload);
        if actual != expected {
            return Err(DecodeError::Checksum { expected, actual });
        }
        decode_payload(&mut Reader::new(payload, HEADER_LEN))
    }
}

fn decode_payload(r: &mut Reader) -> Result<Bundle, DecodeError> {
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
            data_years,
            shape,
            aliases,
        });
    }

    let n = r.len(12)?;
    let mut measures = Vec::with_capacity(n);
    for _ in 0..n {
        let id = r.str()?;
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
        let definition = r.str()?;
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
        measures.push(Measure {
            id,
            label,
            short_label,
            unit,
            kind,
            polarity,
            decimals,
            definition,
            convention,
            source: source as u16,
            years,
            boundaries,
            categories,
        });
    }

    // Measures are numbered by `MeasureId(u16)`.
    if measures.len() > usize::from(u16::MAX) {
        return Err(invalid(r.offset(), "too many measures"));
    }
    let mut series = Vec::with_capacity(measures.len());
    for m in &measures {
        series.push(Arc::new(decode_series(r, m, n_areas, notes.len())?));
    }
    let geometry = decode_geometry(r)?;
    let neighbours = super::neighbours::decode(r, n_areas)?;
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
        neighbours: Arc::new(neighbours),
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
    for arc in &g.arcs {
        w.len(arc.len());
        let mut prev = [0i32; 2];
        for p in arc {
            // In i64: the step between two i32 coordinates can exceed i32.
            w.ivar(i64::from(p[0]) - i64::from(prev[0]));
            w.ivar(i64::from(p[1]) - i64::from(prev[1]));
            prev = *p;
        }
    }
    w.len(g.shapes.len());
    for s in &g.shapes {
        w.len(s.polygons.len());
        for poly in &s.polygons {
            w.len(poly.len());
            for ring in poly {
                w.len(ring.len());
                for &a in ring {
                    w.ivar(i64::from(a));
                }
            }
        }
        w.ivar(i64::from(s.anchor[0]));
        w.ivar(i64::from(s.anchor[1]));
    }
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
    for _ in 0..n {
        let len = r.len(2)?;
        let mut arc = Vec::with_capacity(len);
        let mut prev = [0i32; 2];
        for _ in 0..len {
            let at = r.offset();
            let dx = r.ivar()?;
            let dy = r.ivar()?;
            // Checked: a crafted delta must give an error, never an overflow
            // (a panic with overflow checks on, a wrong point without).
            let x = i64::from(prev[0])
                .checked_add(dx)
                .and_then(|v| i32::try_from(v).ok());
            let y = i64::from(prev[1])
                .checked_add(dy)
                .and_then(|v| i32::try_from(v).ok());
            let (Some(x), Some(y)) = (x, y) else {
                return Err(invalid(at, "arc point out of range"));
            };
            prev = [x, y];
            arc.push(prev);
        }
        arcs.push(arc);
    }
    let n = r.len(3)?;
    let mut shapes = Vec::with_capacity(n);
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
                    let a = r.ivar()?;
                    let idx = if a < 0 { !a } else { a };
                    if idx >= arcs.len() as i64 {
                        return Err(invalid(at, "ring names a missing arc"));
                    }
                    ring.push(a as ArcRef);
                }
                rings.push(ring);
            }
            polygons.push(rings);
        }
        let at = r.offset();
        let ax = i32::try_from(r.ivar()?);
        let ay = i32::try_from(r.ivar()?);
        let (Ok(ax), Ok(ay)) = (ax, ay) else {
            return Err(invalid(at, "anchor out of range"));
        };
        shapes.push(Shape {
            polygons,
            anchor: [ax, ay],
        });
    }
    Ok(Geometry {
        unit: f[0],
        origin: [f[1], f[2]],
        arcs,
        shapes,
    })
}
