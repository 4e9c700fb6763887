//! DfE's statistical neighbour models, read from DfE's two files and placed
//! on the bundle's areas (see `care_atlas::data::neighbours` for how a model
//! is carried onto other years).
//!
//! - `sn_model_2025_wide.csv`: `old_la_code`, then `SN_k` and `SN_kP`
//!   (closeness). Numbers are read on the 2025 data year's areas.
//! - `New_Statistical_Neighbour_Groupings_April_2021.csv`: `LA num`, then
//!   ten `SNk`/`SNP` pairs (the closeness headers all read `SNP`, so columns
//!   are found by position after `SN1`). Its main block is the geography of
//!   April 2021, data year 2022; below a line "Old SNs:" DfE kept the lists
//!   of four authorities abolished before 2021 (Bournemouth, Poole and Dorset
//!   before 2019, Northamptonshire before 2021), which are read on the last
//!   data year each existed.

use super::la_numbers::LaNumbers;
use super::table::Table;
use care_atlas::data::{
    AreaId, Bundle, Closeness, Level, Neighbour, NeighbourModel, NeighbourSet, Neighbours,
};
use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::Path;

pub const DIR: &str = "sources/dfe-statistical-neighbours";
pub const FILE_2025: &str = "sn_model_2025_wide.csv";
pub const FILE_2021: &str = "New_Statistical_Neighbour_Groupings_April_2021.csv";

/// The data year whose areas each model's numbers name.
pub fn model_year(m: NeighbourModel) -> u16 {
    match m {
        NeighbourModel::Dfe2025 => 2025,
        NeighbourModel::Dfe2021 => 2022,
    }
}

/// One row as DfE printed it: the authority's number and its neighbours'
/// numbers with their bands.
pub struct Row {
    pub number: String,
    pub neighbours: Vec<(String, Closeness)>,
}

/// The rows of a model's file, in file order.
pub fn rows(data: &Path, m: NeighbourModel) -> Result<Vec<Row>, String> {
    let (file, subject_col, first_col) = match m {
        NeighbourModel::Dfe2025 => (FILE_2025, "old_la_code", "SN_1"),
        NeighbourModel::Dfe2021 => (FILE_2021, "LA num", "SN1"),
    };
    let t = Table::read_csv(&data.join(DIR).join(file))?;
    let (c_subject, c_first) = (t.col(subject_col)?, t.col(first_col)?);
    let mut out = Vec::new();
    for (i, row) in t.rows.iter().enumerate() {
        let number = &row[c_subject];
        // The 2021 file's blank lines and its "Old SNs:" heading.
        if number.is_empty() {
            continue;
        }
        let mut neighbours = Vec::new();
        for k in 0..10 {
            let (n, p) = (c_first + 2 * k, c_first + 2 * k + 1);
            let num = row.get(n).map_or("", String::as_str);
            let band = row.get(p).map_or("", String::as_str);
            let closeness = Closeness::parse(band)
                .ok_or_else(|| format!("{file} line {}: unknown closeness band {band:?}", i + 2))?;
            if num.is_empty() || !num.bytes().all(|b| b.is_ascii_digit()) {
                return Err(format!("{file} line {}: bad neighbour {num:?}", i + 2));
            }
            neighbours.push((num.to_string(), closeness));
        }
        out.push(Row {
            number: number.clone(),
            neighbours,
        });
    }
    Ok(out)
}

/// The area a number names in `year`, else the last earlier year it named one
/// (an authority abolished before the model's date), with that year.
fn resolve(b: &Bundle, la: &LaNumbers, number: &str, year: u16) -> Result<(AreaId, u16), String> {
    for y in (2010..=year).rev() {
        if let Some(a) = la.area(b, number, y)? {
            return Ok((a, y));
        }
    }
    Err(format!("DfE LA number {number} names no area up to {year}"))
}

/// One model's lists on the bundle's areas, and the stand-ins of the
/// authorities it does not list.
pub fn read(
    data: &Path,
    b: &Bundle,
    la: &LaNumbers,
    m: NeighbourModel,
) -> Result<NeighbourSet, String> {
    let mut set = NeighbourSet::default();
    for row in rows(data, m)? {
        let (subject, year) = resolve(b, la, &row.number, model_year(m))?;
        let mut list = Vec::new();
        for (num, closeness) in &row.neighbours {
            let area = la.area(b, num, year)?.ok_or_else(|| {
                format!(
                    "{} model: {}'s neighbour {num} names no area in {year}",
                    m.keyword(),
                    row.number
                )
            })?;
            list.push(Neighbour {
                area,
                closeness: *closeness,
            });
        }
        if set.lists.iter().any(|(s, _)| *s == subject) {
            return Err(format!("{} model lists {} twice", m.keyword(), row.number));
        }
        set.lists.push((subject, list));
    }
    set.stand_ins = stand_ins(b, &set, model_year(m));
    Ok(set)
}

/// For each authority mapped at or after the model's year that the model
/// does not list: the listed area it is under another code (same shape), or
/// else the listed area, abolished by then, that holds its anchor point.
fn stand_ins(b: &Bundle, set: &NeighbourSet, year: u16) -> Vec<(AreaId, AreaId)> {
    let listed: BTreeSet<AreaId> = set.lists.iter().map(|(a, _)| *a).collect();
    let g = &b.geometry;
    let mut out = Vec::new();
    for a in b.areas_at(Level::Authority) {
        let area = b.area(a);
        if listed.contains(&a) || area.data_years.1 < year {
            continue;
        }
        let same = listed.iter().copied().find(|&s| {
            let s = b.area(s);
            area.aliases.contains(&s.code) || s.aliases.contains(&area.code)
        });
        let carved = || {
            let anchor = g.world(g.shapes[usize::from(area.shape?)].anchor);
            listed.iter().copied().find(|&s| {
                let sa = b.area(s);
                sa.data_years.1 < area.data_years.0
                    && sa.shape.is_some_and(|sh| {
                        g.polygons(&g.shapes[usize::from(sh)])
                            .iter()
                            .any(|p| p.contains(anchor))
                    })
            })
        };
        if let Some(s) = same.or_else(carved) {
            out.push((a, s));
        }
    }
    out
}

/// Both models.
pub fn read_all(data: &Path, b: &Bundle, la: &LaNumbers) -> Result<Neighbours, String> {
    let mut n = Neighbours::default();
    for m in NeighbourModel::ALL {
        n.sets[m as usize] = read(data, b, la, m)?;
    }
    Ok(n)
}

/// The manifest's account: per model, its lists and stand-ins, and every
/// authority with no list at all (said, never dropped silently).
pub fn manifest(b: &Bundle, s: &mut String) {
    let code = |a: AreaId| format!("{} {}", b.area(a).code, b.area(a).name);
    let _ = writeln!(s, "\nstatistical neighbours");
    for m in NeighbourModel::ALL {
        let set = b.neighbours.set(m);
        let _ = writeln!(
            s,
            "  {} model: {} authorities listed, {} neighbours in all",
            m.keyword(),
            set.lists.len(),
            set.lists.iter().map(|(_, l)| l.len()).sum::<usize>()
        );
        for (a, st) in &set.stand_ins {
            let _ = writeln!(s, "    {} uses the list of {}", code(*a), code(*st));
        }
        let year = model_year(m);
        let without: Vec<String> = b
            .areas_at(Level::Authority)
            .filter(|&a| b.area(a).data_years.1 >= year && b.neighbour_group(a, m).is_none())
            .map(code)
            .collect();
        let _ = writeln!(
            s,
            "    authorities mapped from {year} on with no list: {}",
            if without.is_empty() {
                "none".to_string()
            } else {
                without.join(", ")
            }
        );
    }
}
