//! The bundle's statistical neighbours equal DfE's two files: every row,
//! every neighbour in DfE's order, every closeness band. The files are read
//! here with the csv crate directly (not the pipeline's reader), and the
//! bundle's areas are turned back into DfE numbers through the pairs DfE
//! prints in its children-in-need file.

use super::*;
use care_atlas::data::{Closeness, NeighbourModel};
use std::collections::{BTreeMap, BTreeSet};

/// GSS code → DfE LA numbers, from every row of DfE's b1 file.
fn numbers(dir: &Path) -> BTreeMap<String, BTreeSet<String>> {
    let t =
        Table::read_csv(&dir.join("sources/dfe-ees/b1_children_in_need_2013_to_2025.csv")).unwrap();
    let (n, c) = (t.col("old_la_code").unwrap(), t.col("new_la_code").unwrap());
    let mut m: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for r in &t.rows {
        if !r[n].is_empty() {
            m.entry(r[c].clone()).or_default().insert(r[n].clone());
        }
    }
    m
}

/// The file's rows: number → [(neighbour number, band text)].
fn file_rows(path: &Path, first: usize) -> BTreeMap<String, Vec<(String, String)>> {
    let text = std::fs::read_to_string(path).unwrap();
    let text = text.trim_start_matches('\u{feff}');
    let mut rdr = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut out = BTreeMap::new();
    for rec in rdr.records() {
        let rec = rec.unwrap();
        let num = rec.get(0).unwrap_or("").trim();
        if num.is_empty() {
            continue;
        }
        let list = (0..10)
            .map(|k| {
                (
                    rec[first + 2 * k].trim().to_string(),
                    rec[first + 2 * k + 1].trim().to_string(),
                )
            })
            .collect();
        assert!(out.insert(num.to_string(), list).is_none(), "{num} twice");
    }
    out
}

#[test]
#[cfg_attr(
    sources_absent,
    ignore = "official sources absent and CARE_ATLAS_SKIP_SOURCES set"
)]
fn neighbour_lists_equal_dfe_files() {
    let Some(dir) = sources() else { return };
    let b = committed();
    let nums = numbers(&dir);
    let number = |a: care_atlas::data::AreaId| -> BTreeSet<String> {
        let area = b.area(a);
        std::iter::once(&area.code)
            .chain(&area.aliases)
            .filter_map(|c| nums.get(c))
            .flatten()
            .cloned()
            .collect()
    };
    let sn = dir.join("sources/dfe-statistical-neighbours");
    for (model, file, first, rows) in [
        (NeighbourModel::Dfe2025, "sn_model_2025_wide.csv", 4, 153),
        (
            NeighbourModel::Dfe2021,
            "New_Statistical_Neighbour_Groupings_April_2021.csv",
            5,
            156,
        ),
    ] {
        let f = file_rows(&sn.join(file), first);
        assert_eq!(f.len(), rows, "{file}");
        let set = b.neighbours.set(model);
        assert_eq!(set.lists.len(), f.len(), "{file}: one list per row");
        for (num, want) in &f {
            let (subject, list) = set
                .lists
                .iter()
                .find(|(s, _)| number(*s).contains(num))
                .unwrap_or_else(|| panic!("{file}: no list for {num}"));
            assert_eq!(list.len(), 10);
            for ((wn, wband), got) in want.iter().zip(list) {
                assert!(
                    number(got.area).contains(wn),
                    "{file} {num} ({}): neighbour {wn} is {} in the bundle",
                    b.area(*subject).name,
                    b.area(got.area).code
                );
                assert_eq!(
                    Closeness::parse(wband),
                    Some(got.closeness),
                    "{file} {num} {wn}"
                );
            }
        }
    }
}
