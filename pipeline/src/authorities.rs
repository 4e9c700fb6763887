//! England's upper-tier local authorities (the level children's services are
//! run at): which ones the map shows in each data year, the other codes
//! publishers file them under, and the region each lies in.

use super::boundaries::{TopoArea, Topology};
use care_atlas::data::Geometry;
use std::collections::BTreeMap;

/// Data years an area with no recorded start or end is mapped for.
pub const ALWAYS: (u16, u16) = (1990, 2100);

/// The `utla` layer's English authorities, by code.
pub fn english(topo: &Topology) -> Result<Vec<&TopoArea>, String> {
    let mut v: Vec<&TopoArea> = topo
        .layer("utla")?
        .iter()
        .filter(|a| a.code.starts_with('E'))
        .collect();
    v.sort_by(|a, b| a.code.cmp(&b.code));
    if v.windows(2).any(|w| w[0].code == w[1].code) {
        return Err("the utla layer lists an authority twice".into());
    }
    Ok(v)
}

/// The data years an area is mapped for. Figures "at 31 March Y" belong to
/// the authorities that existed before the reorganisations of 1 April Y, so
/// a boundary in force from April S is first used for data year S + 1, and
/// one last in force in the year from April E is used up to data year E + 1.
pub fn data_years(a: &TopoArea) -> (u16, u16) {
    (
        a.start.map_or(ALWAYS.0, |s| s + 1),
        a.end.map_or(ALWAYS.1, |e| e + 1),
    )
}

/// Codes that name the same area: an authority abolished in one year and
/// one created the next from exactly the same arcs is a change of code only
/// (North Yorkshire, Somerset, Buckinghamshire becoming unitary; Barnsley and
/// Sheffield renumbered). Publishers use either code for either period, so
/// each of the pair carries the other as an alias; which one a figure lands
/// on is decided by the year (see [`care_atlas::data::Bundle::area_at`]).
pub fn aliases(areas: &[&TopoArea]) -> BTreeMap<String, Vec<String>> {
    let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for old in areas {
        let Some(end) = old.end else { continue };
        for new in areas {
            if new.start == Some(end + 1) && new.polygons == old.polygons {
                out.entry(old.code.clone())
                    .or_default()
                    .push(new.code.clone());
                out.entry(new.code.clone())
                    .or_default()
                    .push(old.code.clone());
            }
        }
    }
    out
}

/// The region whose (simplified) polygon holds each shape's anchor point:
/// a point deep inside the authority, so a border running along the
/// region's edge cannot mislead it. Derived from the geometry rather than a
/// list, and checked against DfE's and ONS's lookups in the tests.
pub fn region_of(g: &Geometry, region_shapes: &[u16], shape: u16) -> Result<usize, String> {
    let anchor = g.world(g.shapes[usize::from(shape)].anchor);
    let hits: Vec<usize> = region_shapes
        .iter()
        .enumerate()
        .filter(|(_, &s)| {
            g.polygons(&g.shapes[usize::from(s)])
                .iter()
                .any(|p| p.contains(anchor))
        })
        .map(|(i, _)| i)
        .collect();
    match hits.as_slice() {
        [one] => Ok(*one),
        _ => Err(format!(
            "shape {shape}'s anchor lies in {} regions",
            hits.len()
        )),
    }
}
