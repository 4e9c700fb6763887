//! `cargo xtask data`: builds the bundle from the official files in
//! `../shared/data/` (or `$CARE_ATLAS_SOURCES`) and writes `data/`.

mod authorities;
mod boundaries;
mod catalogue;
mod collect;
mod rates;
pub mod table;

use authorities::ALWAYS;
use boundaries::{Detail, Topology};
use care_atlas::data::{Area, Basis, Bundle, Cell, Level, Missing, Series};
use collect::Collected;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// Where the bundle and its manifest live, relative to the repository root.
pub const BUNDLE_PATH: &str = "data/care-atlas.bin";
pub const MANIFEST_PATH: &str = "data/manifest.txt";

/// Detail kept in the boundaries. England drawn 1,200 px tall is ~540 m a
/// pixel; the North East filling 800 px is ~190 m a pixel, the finest view
/// the widget offers. A 100 m grid is half a pixel there, and a corner whose
/// triangle is under 0.2 km² moves its border by about a pixel at most (a
/// 1 km edge, 400 m off). Finer costs bytes no one sees: the source is
/// ONS's 200 m generalised boundaries. Judge with `cargo xtask preview`.
const DETAIL: Detail = Detail {
    unit: 100.0,
    min_area: 200_000.0,
};

/// The source folder: `$CARE_ATLAS_SOURCES`, else `../shared/data` beside the repository.
pub fn sources_dir(root: &Path) -> PathBuf {
    match std::env::var_os("CARE_ATLAS_SOURCES") {
        Some(p) => PathBuf::from(p),
        None => root.join("../shared/data"),
    }
}

pub struct Built {
    pub bytes: Vec<u8>,
    pub manifest: String,
}

pub fn build(data: &Path) -> Result<Built, String> {
    if !data.join("sources").is_dir() {
        return Err(format!(
            "official source files not found at {} (expected a sources/ folder there); \
             set CARE_ATLAS_SOURCES to the folder that holds them",
            data.display()
        ));
    }
    let topo = Topology::read(&data.join("sources/ons-uk-topojson/topo.json"))?;
    let mut regions: Vec<_> = topo
        .layer("rgn")?
        .iter()
        .filter(|a| a.code.starts_with("E12"))
        .collect();
    regions.sort_by(|a, b| a.code.cmp(&b.code));
    if regions.len() != 9 {
        return Err(format!(
            "expected England's 9 regions in the rgn layer, found {}",
            regions.len()
        ));
    }
    let authorities = authorities::english(&topo)?;
    let all: Vec<_> = regions.iter().chain(&authorities).copied().collect();
    let (geometry, shape_of) = boundaries::build(&topo, &all, DETAIL)?;
    let (region_shapes, authority_shapes) = shape_of.split_at(regions.len());
    let aliases = authorities::aliases(&authorities);

    let mut areas = vec![Area {
        code: rates::ENGLAND.into(),
        name: "England".into(),
        level: Level::Country,
        region: None,
        data_years: ALWAYS,
        shape: None,
        aliases: Vec::new(),
    }];
    for (r, &shape) in regions.iter().zip(region_shapes) {
        areas.push(Area {
            code: r.code.clone(),
            name: r.name.clone(),
            level: Level::Region,
            region: None,
            data_years: ALWAYS,
            shape: Some(shape),
            aliases: Vec::new(),
        });
    }
    for (a, &shape) in authorities.iter().zip(authority_shapes) {
        let region = authorities::region_of(&geometry, region_shapes, shape)
            .map_err(|e| format!("{} {}: {e}", a.code, a.name))?;
        areas.push(Area {
            code: a.code.clone(),
            name: a.name.clone(),
            level: Level::Authority,
            // Areas 1..=9 are the regions, in the order of region_shapes.
            region: Some(region as u16 + 1),
            data_years: authorities::data_years(a),
            shape: Some(shape),
            aliases: aliases.get(&a.code).cloned().unwrap_or_default(),
        });
    }

    let names = rates::Names::new(
        &regions
            .iter()
            .map(|r| (r.code.clone(), r.name.clone()))
            .collect::<Vec<_>>(),
    );
    let mut collected = Collected::default();
    rates::lait_official(data, &names, &mut collected)?;
    let pop = rates::populations(data)?;
    rates::derived(data, &names, &pop, &mut collected)?;
    if !collected.conflicts.is_empty() {
        return Err(format!(
            "official sources disagree:\n  {}",
            collected.conflicts.join("\n  ")
        ));
    }

    let mut measures = catalogue::measures();
    let mut series = Vec::new();
    for m in &mut measures {
        let years: Vec<u16> = collected
            .entries
            .iter()
            .filter(|((id, _, _), e)| *id == m.id && e.cell.value().is_some())
            .map(|((_, _, y), _)| *y)
            .collect();
        let (Some(&first), Some(&last)) = (years.iter().min(), years.iter().max()) else {
            return Err(format!("no values found for {}", m.id));
        };
        m.years = (first, last);
        let mut s = Series {
            areas: Vec::new(),
            cells: Vec::new(),
            dates: Vec::new(),
        };
        for (id, a) in areas.iter().enumerate() {
            let any = (first..=last).any(|y| collected.get(&m.id, &a.code, y).is_some());
            if !any {
                continue;
            }
            s.areas.push(id as u16);
            for y in first..=last {
                let cell = if !a.live_in(y) {
                    Cell::Missing(Missing::NotLive)
                } else {
                    collected
                        .get(&m.id, &a.code, y)
                        .map_or(Cell::Missing(Missing::NotPublished), |e| e.cell)
                };
                s.cells.push(cell);
            }
        }
        series.push(s);
    }

    let bundle = Bundle {
        attribution: catalogue::ATTRIBUTION.into(),
        areas,
        sources: catalogue::sources(),
        notes: catalogue::notes(),
        measures,
        series,
        geometry,
    };
    let bytes = bundle.encode();
    let manifest = manifest(&bundle, &bytes);
    Ok(Built { bytes, manifest })
}

/// A readable account of what the bundle holds, committed beside it so a
/// data update shows up in review as text.
fn manifest(b: &Bundle, bytes: &[u8]) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "care-atlas bundle, format version {}",
        care_atlas::data::VERSION
    );
    let _ = writeln!(
        s,
        "bytes: {}  crc32: {:08x}",
        bytes.len(),
        care_atlas::data::crc32(bytes)
    );
    let _ = writeln!(
        s,
        "areas: {} ({} regions, {} authorities)",
        b.areas.len(),
        b.areas_at(Level::Region).count(),
        b.areas_at(Level::Authority).count()
    );
    let mut runs: Vec<(u16, u16, usize)> = Vec::new();
    for y in 2010..=2025u16 {
        let n = b
            .areas_at(Level::Authority)
            .filter(|&a| b.area(a).live_in(y))
            .count();
        match runs.last_mut() {
            Some(r) if r.2 == n => r.1 = y,
            _ => runs.push((y, y, n)),
        }
    }
    let runs: Vec<String> = runs
        .iter()
        .map(|(a, z, n)| format!("{a}–{z}: {n}"))
        .collect();
    let _ = writeln!(s, "authorities mapped per data year: {}", runs.join(", "));
    let points: usize = b.geometry.arcs.iter().map(Vec::len).sum();
    let _ = writeln!(
        s,
        "geometry: {} shapes, {} arcs, {} points, {} m grid",
        b.geometry.shapes.len(),
        b.geometry.arcs.len(),
        points,
        b.geometry.unit
    );
    let _ = writeln!(
        s,
        "\nmeasure          years      areas  official  derived  gaps"
    );
    for (m, ser) in b.measures.iter().zip(&b.series) {
        let count = |f: &dyn Fn(&Cell) -> bool| ser.cells.iter().filter(|c| f(c)).count();
        let _ = writeln!(
            s,
            "{:<16} {}–{}  {:>5}  {:>8}  {:>7}  {:>4}",
            m.id,
            m.years.0,
            m.years.1,
            ser.areas.len(),
            count(&|c| matches!(
                c,
                Cell::Value {
                    basis: Basis::Official,
                    ..
                }
            )),
            count(&|c| matches!(
                c,
                Cell::Value {
                    basis: Basis::Derived(_),
                    ..
                }
            )),
            count(&|c| matches!(c, Cell::Missing(_))),
        );
    }
    s
}

#[cfg(test)]
mod tests;
