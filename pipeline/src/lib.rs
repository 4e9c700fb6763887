//! The data pipeline: builds care-atlas's bundle (`data/care-atlas.bin`)
//! and its manifest from the official files in `../shared/data/` (or
//! `$CARE_ATLAS_SOURCES`). `cargo xtask data` runs this crate's binary,
//! which writes both; `cargo test -p pipeline` checks the committed bundle
//! against the files (below).
//!
//! A crate of its own so that the rest of the build tasks (`cargo xtask
//! demo`, `pkg`, `site`) never compile its readers: parquet for DfE LAIT,
//! calamine for Ofsted's spreadsheet.
//!
//! # Source checks
//! The tests under `source_checks::` compare the committed bundle with the
//! official files. They need the files: without them they fail, unless
//! `CARE_ATLAS_SKIP_SOURCES` is set, when `build.rs` marks them ignored.

mod authorities;
mod boundaries;
mod catalogue;
mod collect;
mod derive;
mod ees;
mod history;
mod la_numbers;
mod lait;
mod neighbours;
mod ods;
mod ofsted;
mod outturn;
mod table;
mod wider;

use authorities::ALWAYS;
use boundaries::{Detail, Topology};
use care_atlas::data::{Area, AreaId, Basis, Bundle, Cell, Level, Missing, Series};
use collect::Collected;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;

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

/// The repository's root: the folder above this crate's.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the pipeline lives inside the repository")
        .to_path_buf()
}

/// The source folder: `$CARE_ATLAS_SOURCES`, else `../shared/data` beside
/// the repository (`build.rs` and xtask's `sources_dir` follow the same rule).
pub fn sources_dir(root: &Path) -> PathBuf {
    match std::env::var_os("CARE_ATLAS_SOURCES") {
        Some(p) => PathBuf::from(p),
        None => root.join("../shared/data"),
    }
}

pub const ENGLAND: &str = "E92000001";
pub const INNER_LONDON: &str = "E13000001";
pub const OUTER_LONDON: &str = "E13000002";
pub const LONDON: &str = "E12000007";
/// DfE's file whose authority rows name each London borough's subregion.
const SUBREGIONS_FROM: &str = "sources/dfe-ees/b1_children_in_need_2013_to_2025.csv";

/// Looks up England and region codes by the names publishers print.
pub struct Names(BTreeMap<String, String>);

impl Names {
    pub fn new(regions: &[(String, String)]) -> Names {
        let mut m: BTreeMap<String, String> = regions
            .iter()
            .map(|(code, name)| (table::norm_name(name), code.clone()))
            .collect();
        m.insert("england".into(), ENGLAND.into());
        // LAIT's names for DfE's two London subregions.
        m.insert("london (inner)".into(), INNER_LONDON.into());
        m.insert("london (outer)".into(), OUTER_LONDON.into());
        m.insert("inner london".into(), INNER_LONDON.into());
        m.insert("outer london".into(), OUTER_LONDON.into());
        Names(m)
    }

    pub fn code(&self, name: &str) -> Option<&str> {
        self.0.get(&table::norm_name(name)).map(String::as_str)
    }
}

/// Adds Inner and Outer London after the authorities (so no other area's
/// id moves), and files each London borough under the one DfE's files say.
fn subregions(data: &Path, areas: &mut Vec<Area>) -> Result<(), String> {
    let london = areas
        .iter()
        .position(|a| a.code == LONDON)
        .ok_or("no London region")?;
    let t = table::Table::read_csv(&data.join(SUBREGIONS_FROM))?;
    let (c_level, c_region, c_code) = (
        t.col("geographic_level")?,
        t.col("region_code")?,
        t.col("new_la_code")?,
    );
    for (code, name) in [
        (INNER_LONDON, "Inner London"),
        (OUTER_LONDON, "Outer London"),
    ] {
        let id = AreaId(areas.len() as u16);
        let mut members = 0;
        for row in t
            .rows
            .iter()
            .filter(|r| r[c_level] == "Local authority" && r[c_region] == code)
        {
            let a = areas
                .iter_mut()
                .find(|a| a.code == row[c_code])
                .ok_or_else(|| format!("{SUBREGIONS_FROM}: {} is no authority", row[c_code]))?;
            if a.region != Some(AreaId(london as u16)) {
                return Err(format!("{}: filed under {code} but not in London", a.code));
            }
            members += usize::from(a.subregion.replace(id).is_none());
        }
        if members == 0 {
            return Err(format!("{SUBREGIONS_FROM}: no borough of {name}"));
        }
        areas.push(Area {
            code: code.into(),
            name: name.into(),
            level: Level::Subregion,
            region: Some(AreaId(london as u16)),
            subregion: None,
            data_years: ALWAYS,
            shape: None,
            aliases: Vec::new(),
        });
    }
    Ok(())
}

/// What the build noticed, for the manifest.
struct Report<'a> {
    revisions: &'a [collect::Revision],
    unplaced: &'a [String],
    no_population: &'a [(String, AreaId, u16)],
}

pub struct Built {
    /// The core bundle (`data/care-atlas.bin`).
    pub bytes: Vec<u8>,
    /// One pack per family with values outside the core: `(file name in data/, bytes)`.
    pub packs: Vec<(String, Vec<u8>)>,
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
        code: ENGLAND.into(),
        name: "England".into(),
        level: Level::Country,
        region: None,
        subregion: None,
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
            subregion: None,
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
            region: Some(AreaId(region as u16 + 1)),
            subregion: None,
            data_years: authorities::data_years(a),
            shape: Some(shape),
            aliases: aliases.get(&a.code).cloned().unwrap_or_default(),
        });
    }

    subregions(data, &mut areas)?;
    let mut bundle = Bundle {
        attribution: catalogue::ATTRIBUTION.into(),
        areas,
        sources: catalogue::sources(),
        notes: catalogue::notes(),
        measures: Vec::new(),
        series: Vec::new(),
        geometry: Arc::new(geometry),
        neighbours: Default::default(),
        waiting: Default::default(),
    };
    let names = Names::new(
        &regions
            .iter()
            .map(|r| (r.code.clone(), r.name.clone()))
            .collect::<Vec<_>>(),
    );
    let la = la_numbers::LaNumbers::read(data)?;
    bundle.neighbours = Arc::new(neighbours::read_all(data, &bundle, &la)?);
    let mut c = Collected::default();
    let head = lait::read(data, lait::HEAD)?;
    let old = lait::read(data, lait::OLD)?;
    // DWP files every year's child poverty under the current authorities:
    // those of the latest data year held.
    let current = head.vintage;
    let b = &bundle;
    lait::collect(
        &head,
        b,
        &names,
        &la,
        (lait::CHILD_POVERTY_CURRENT, current),
        &mut c,
    )?;
    lait::collect(
        &old,
        b,
        &names,
        &la,
        (lait::CHILD_POVERTY_SUPERSEDED, current),
        &mut c,
    )?;
    ees::cla(data, b, &la, &mut c)?;
    ees::cin_counts(data, b, &la, &mut c)?;
    wider::collect(data, b, &la, &mut c)?;
    wider::mark_combined(b, &mut c)?;
    history::collect(data, b, &names, &la, &mut c)?;
    let (ofsted_year, inspections) = ofsted::read(data)?;
    for i in &inspections {
        let a = b.area_at(&i.code, ofsted_year).ok_or_else(|| {
            format!(
                "{}: {} {} is not mapped in {ofsted_year}",
                ofsted::FILE,
                i.code,
                i.name
            )
        })?;
        for ((_, id), grade) in ofsted::JUDGEMENTS.iter().zip(i.grades) {
            let cell = grade.map_or(Cell::Missing(Missing::NotPublished), |g| Cell::Value {
                value: f64::from(g),
                decimals: 0,
                basis: Basis::Official,
            });
            c.put(id, a, ofsted_year, cell, ofsted::FILE, ofsted_year);
            c.dates.insert((id.to_string(), a), i.date);
        }
    }
    let pop = ees::populations(data, b, &la)?;
    let no_population = derive::rates(&pop, &mut c);
    outturn::collect(data, b, &pop, &mut c)?;
    if !c.conflicts.is_empty() {
        return Err(format!(
            "official sources disagree:\n  {}",
            c.conflicts.join("\n  ")
        ));
    }

    let mut measures = catalogue::measures();
    measures.extend(catalogue::wider());
    let mut series = Vec::new();
    for m in &mut measures {
        if !catalogue::FAMILIES.contains(&m.family.as_str()) {
            return Err(format!(
                "{}: unknown family \"{}\" (families: {})",
                m.id,
                m.family,
                catalogue::FAMILIES.join(", ")
            ));
        }
        if m.id.starts_with("child_poverty") {
            m.boundaries = Some(current);
        }
        let years: Vec<u16> = c
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
        for (id, a) in bundle.areas.iter().enumerate() {
            let id = AreaId(id as u16);
            if !(first..=last).any(|y| c.get(&m.id, id, y).is_some()) {
                continue;
            }
            s.areas.push(id);
            for y in first..=last {
                let map_year = m.boundaries.unwrap_or(y + u16::from(m.next_year_areas));
                let cell = if !a.live_in(map_year) {
                    Cell::Missing(Missing::NotLive)
                } else {
                    c.get(&m.id, id, y)
                        .map_or(Cell::Missing(Missing::NotPublished), |e| e.cell)
                };
                s.cells.push(cell);
            }
            if let Some(&d) = c.dates.get(&(m.id.clone(), id)) {
                s.dates.push(d);
            }
        }
        if !s.dates.is_empty() && s.dates.len() != s.areas.len() {
            return Err(format!("{}: some areas lack a date", m.id));
        }
        series.push(Arc::new(s));
    }
    lait::polarities(data, &mut measures)?;
    bundle.measures = measures;
    bundle.series = series;
    let report = Report {
        revisions: &c.revisions,
        unplaced: &c.unplaced,
        no_population: &no_population,
    };
    let core = care_atlas::data::CORE_MEASURES;
    for id in core {
        if bundle.measure_id(id).is_none() {
            return Err(format!("the core's measure {id} is not in the catalogue"));
        }
    }
    let split = bundle.encode_split(|m| !core.contains(&m.id.as_str()));
    let packs: Vec<(String, Vec<u8>)> = split
        .packs
        .into_iter()
        .map(|(family, bytes)| (care_atlas::data::pack_file(&family), bytes))
        .collect();
    let manifest = manifest(&bundle, &split.core, &packs, &report);
    Ok(Built {
        bytes: split.core,
        packs,
        manifest,
    })
}

/// A readable account of what the bundle holds, committed beside it so a
/// data update shows up in review as text.
fn manifest(b: &Bundle, bytes: &[u8], packs: &[(String, Vec<u8>)], report: &Report) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "care-atlas bundle, format version {}",
        care_atlas::data::VERSION
    );
    let _ = writeln!(s, "crc32: {:08x}", care_atlas::data::crc32(bytes));
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
        "\n{:<28} {:<10} {:>5} {:>8} {:>7} {:>5}",
        "measure", "years", "areas", "official", "derived", "gaps"
    );
    for (m, ser) in b.measures.iter().zip(&b.series) {
        let count = |f: &dyn Fn(&Cell) -> bool| ser.cells.iter().filter(|c| f(c)).count();
        let _ = writeln!(
            s,
            "{:<28} {}–{}  {:>5} {:>8} {:>7} {:>5}",
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

    neighbours::manifest(b, &mut s);
    let _ = writeln!(
        s,
        "\nwhat each part costs (gzip -9 of the part on its own)\n{:<40} {:>8} {:>8}",
        "part", "raw", "gzip"
    );
    let mut raw_values = (0, 0);
    for (name, part) in b.encode_parts() {
        let z = gzip_len(&part);
        if name.starts_with("values:") {
            raw_values = (raw_values.0 + part.len(), raw_values.1 + z);
        }
        let _ = writeln!(s, "{name:<40} {:>8} {:>8}", part.len(), z);
    }
    let _ = writeln!(
        s,
        "{:<40} {:>8} {:>8}",
        "(all values)", raw_values.0, raw_values.1,
    );
    let _ = writeln!(
        s,
        "\nfiles: the core (its first frame compiled into both engines, with {}'s values; its second, the definitions and neighbours, into the full engine only) and one pack per family\n{:<40} {:>8} {:>8}",
        care_atlas::data::CORE_MEASURES.join(", "),
        "file",
        "raw",
        "gzip"
    );
    let _ = writeln!(
        s,
        "{:<40} {:>8} {:>8}",
        BUNDLE_PATH,
        bytes.len(),
        gzip_len(bytes)
    );
    for (name, pack) in packs {
        let _ = writeln!(
            s,
            "{:<40} {:>8} {:>8}",
            format!("data/{name}"),
            pack.len(),
            gzip_len(pack)
        );
    }

    let code = |a: AreaId| b.area(a).code.as_str();
    let _ = writeln!(
        s,
        "\nofficial figures a later release revised (the later figure is in the bundle): {}",
        report.revisions.len()
    );
    let mut by_source: BTreeMap<&str, usize> = BTreeMap::new();
    for r in report.revisions {
        *by_source.entry(r.old.source.as_str()).or_default() += 1;
    }
    for (src, n) in by_source {
        let _ = writeln!(s, "  {n:>5}  {src}");
    }
    let _ = writeln!(
        s,
        "\nofficial figures left out: filed under an authority not mapped that year: {}",
        report.unplaced.len()
    );
    for u in report.unplaced {
        let _ = writeln!(s, "  {u}");
    }
    let _ = writeln!(
        s,
        "\nrates left as gaps: a count was published but no population to divide it by"
    );
    let mut gaps: BTreeMap<(&str, u16), Vec<&str>> = BTreeMap::new();
    for (m, a, y) in report.no_population {
        gaps.entry((m.as_str(), *y)).or_default().push(code(*a));
    }
    for ((m, y), areas) in gaps {
        let list = if areas.len() > 6 {
            format!("{} areas", areas.len())
        } else {
            areas.join(", ")
        };
        let _ = writeln!(s, "  {m} {y}: {list}");
    }
    s
}

/// Bytes after `gzip -9` with miniz_oxide, as xtask's size report measures
/// the page's files (flate2's default backend): a 10-byte header, the
/// deflate stream, an 8-byte trailer. Called directly, not through flate2,
/// whose backend a dependency can switch (zip, under calamine, asks for
/// zlib-rs), which would change the manifest's figures by a few bytes.
fn gzip_len(bytes: &[u8]) -> usize {
    10 + miniz_oxide::deflate::compress_to_vec(bytes, 9).len() + 8
}

#[cfg(test)]
mod source_checks;
