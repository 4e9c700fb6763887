//! DfE's three-digit local authority numbers (LAIT and the pre-2018 releases
//! file areas under them) to the bundle's areas, by year.
//!
//! DfE's own open-data files print both the number (`old_la_code`) and the
//! GSS code (`new_la_code`) on every row; the pairs they hold are the
//! mapping. A number can pair with two codes (North Yorkshire's county and
//! unitary codes, or Gateshead's and Northumberland's codes before 2013); the
//! year picks the one area live then, by the same rule as every other figure.

use super::table::Table;
use care_atlas::data::{AreaId, Bundle};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// DfE files whose rows pair LA numbers with GSS codes.
pub const FILES: [&str; 7] = [
    "sources/dfe-ees/b1_children_in_need_2013_to_2025.csv",
    "sources/dfe-ees/c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv",
    "sources/dfe-ees/d5_cpps_at31march_by_duration_2013_to_2025.csv",
    "sources/dfe-ees/cla_number_and_rate_per_10k_children.csv",
    "sources/dfe-ees/ons_mid-year_population_estimates_2012_to_2024.csv",
    "sources/dfe-cla-history/cla_number_and_rate_per_10k_children_2019-2023.csv",
    "sources/dfe-cla-history/cla_number_and_rate_per_10k_children_2020-2024.csv",
];

pub struct LaNumbers(BTreeMap<String, BTreeSet<String>>);

impl LaNumbers {
    pub fn read(data: &Path) -> Result<LaNumbers, String> {
        let mut map: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for f in FILES {
            let t = Table::read_csv(&data.join(f))?;
            let (c_num, c_code) = (t.col("old_la_code")?, t.col("new_la_code")?);
            for row in &t.rows {
                if !row[c_num].is_empty() && row[c_code].starts_with('E') {
                    map.entry(row[c_num].clone())
                        .or_default()
                        .insert(row[c_code].clone());
                }
            }
        }
        Ok(LaNumbers(map))
    }

    /// The area a figure filed under `number` for data `year` belongs to:
    /// `None` when none of the number's areas was live that year.
    pub fn area(&self, b: &Bundle, number: &str, year: u16) -> Result<Option<AreaId>, String> {
        let codes = self
            .0
            .get(number)
            .ok_or_else(|| format!("DfE LA number {number} is in none of DfE's code lists"))?;
        let hits: BTreeSet<AreaId> = codes.iter().filter_map(|c| b.area_at(c, year)).collect();
        match hits.len() {
            0 => Ok(None),
            1 => Ok(hits.into_iter().next()),
            _ => Err(format!(
                "DfE LA number {number} names {} areas live in {year}",
                hits.len()
            )),
        }
    }
}
