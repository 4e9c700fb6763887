//! DfE's open data from Explore education statistics: children looked after
//! (count and rate, three releases) and the children in need census counts
//! that rates are derived from where DfE published none.

use super::collect::Collected;
use super::la_numbers::LaNumbers;
use super::table::{gap_reason, parse_figure, Era, Table};
use care_atlas::data::{AreaId, Basis, Bundle, Cell};
use std::path::Path;

/// Releases of "children looked after … number and rate per 10,000", newest
/// first, with the column holding the count. Each later release revises the
/// figures of earlier years (late returns, new population estimates), so a
/// year's figure comes from the newest release that holds it.
pub const CLA_RELEASES: [(&str, &str); 3] = [
    (
        "sources/dfe-ees/cla_number_and_rate_per_10k_children.csv",
        "children_count",
    ),
    (
        "sources/dfe-cla-history/cla_number_and_rate_per_10k_children_2020-2024.csv",
        "number",
    ),
    (
        "sources/dfe-cla-history/cla_number_and_rate_per_10k_children_2019-2023.csv",
        "number",
    ),
];

/// The children in need census counts: file, column, and the key the counts
/// are collected under (they are inputs to derived rates, not measures).
pub const CIN_COUNTS: [(&str, &str, &str); 3] = [
    (
        "sources/dfe-ees/b1_children_in_need_2013_to_2025.csv",
        "At31_episodes",
        "count:cin_rate",
    ),
    (
        "sources/dfe-ees/d5_cpps_at31march_by_duration_2013_to_2025.csv",
        "CPP_At31",
        "count:cpp_rate",
    ),
    (
        "sources/dfe-ees/c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv",
        "referral_count",
        "count:referrals_rate",
    ),
];

pub const POPULATION: &str = "sources/dfe-ees/ons_mid-year_population_estimates_2012_to_2024.csv";

/// Columns every EES file shares.
pub struct Geo {
    level: usize,
    region: usize,
    number: usize,
    code: usize,
    year: usize,
}

impl Geo {
    pub fn of(t: &Table) -> Result<Geo, String> {
        Ok(Geo {
            level: t.col("geographic_level")?,
            region: t.col("region_code")?,
            number: t.col("old_la_code")?,
            code: t.col("new_la_code")?,
            year: t.col("time_period")?,
        })
    }

    /// The area a row's figure for data `year` belongs to: England, a
    /// region, Inner or Outer London, or an authority. `Ok(None)` for rows
    /// of no area, or whose authority is not mapped that year.
    fn area(
        &self,
        b: &Bundle,
        la: &LaNumbers,
        row: &[String],
        year: u16,
    ) -> Result<Option<AreaId>, String> {
        self.area_of(b, la, row, (&row[self.code], &row[self.number]), year)
    }

    fn area_of(
        &self,
        b: &Bundle,
        la: &LaNumbers,
        row: &[String],
        (code, number): (&str, &str),
        year: u16,
    ) -> Result<Option<AreaId>, String> {
        Ok(match row[self.level].as_str() {
            "National" => b.country(),
            "Regional" => b.area_id(&row[self.region]).filter(|_| {
                ["E12", "E13"]
                    .iter()
                    .any(|p| row[self.region].starts_with(p))
            }),
            "Local authority" => match b.area_at(code, year) {
                Some(a) => Some(a),
                None => la.area(b, number, year)?,
            },
            _ => None,
        })
    }

    /// The areas of a row: one, or both authorities of a combined return
    /// (DfE prints "E09000021 / E09000027"; see [`super::wider::mark_combined`]).
    fn areas(
        &self,
        b: &Bundle,
        la: &LaNumbers,
        row: &[String],
        year: u16,
    ) -> Result<Vec<Option<AreaId>>, String> {
        if !row[self.code].contains(" / ") {
            return Ok(vec![self.area(b, la, row, year)?]);
        }
        row[self.code]
            .split(" / ")
            .zip(row[self.number].split(" / "))
            .map(|(c, n)| self.area_of(b, la, row, (c, n), year))
            .collect()
    }
}

/// The latest year a file holds: its vintage among releases.
pub fn vintage(t: &Table, geo: &Geo) -> Result<u16, String> {
    t.rows
        .iter()
        .filter_map(|r| r[geo.year].parse().ok())
        .max()
        .ok_or_else(|| format!("{}: no years", t.name))
}

/// A figure or the publisher's symbol for its absence. `None` for a blank.
fn figure(text: &str, decimals: u8) -> Option<Cell> {
    match parse_figure(text) {
        Some((v, _)) => Some(Cell::Value {
            value: super::collect::round_to(v, decimals),
            decimals,
            basis: Basis::Official,
        }),
        None => gap_reason(text, Era::Ees).map(Cell::Missing),
    }
}

/// One row's figure (or gap) into `out`. `ahead` is 1 for figures dated
/// after 1 April (the workforce census), whose areas are the next data year's.
#[allow(clippy::too_many_arguments)]
pub fn put_row(
    out: &mut Collected,
    b: &Bundle,
    geo: &Geo,
    la: &LaNumbers,
    row: &[String],
    (measure, text, decimals): (&str, &str, u8),
    (src, vintage): (&str, u16),
    ahead: u16,
) -> Result<(), String> {
    let year: u16 = row[geo.year]
        .parse()
        .map_err(|_| format!("{src}: bad year {:?}", row[geo.year]))?;
    let cell = figure(text, decimals);
    let at = year + ahead;
    for area in geo.areas(b, la, row, at)? {
        match area {
            Some(a) if b.area(a).live_in(at) => {
                if let Some(cell) = cell {
                    out.put(measure, a, year, cell, src, vintage);
                }
            }
            // DfE prints `z` for authorities not existing that year.
            _ if !matches!(cell, Some(Cell::Value { .. })) => {}
            _ if row[geo.level] == "Local authority" => {
                return Err(format!(
                    "{src}: a figure for {} in {year}, when it is not mapped",
                    row[geo.code]
                ))
            }
            _ => {}
        }
    }
    Ok(())
}

/// Official counts and rates of children looked after at 31 March.
pub fn cla(data: &Path, b: &Bundle, la: &LaNumbers, out: &mut Collected) -> Result<(), String> {
    for (file, count_col) in CLA_RELEASES {
        let t = Table::read_csv(&data.join(file))?;
        let geo = Geo::of(&t)?;
        let v = vintage(&t, &geo)?;
        let c_type = t
            .col("population_type")
            .or_else(|_| t.col("population_count"))?;
        let (c_count, c_rate) = (t.col(count_col)?, t.col("rate_per_10000")?);
        for row in &t.rows {
            // "on 31 March" in one release, "at 31 March" in the others.
            if !row[c_type].contains("31 March") {
                continue;
            }
            let src = format!("{} ({count_col})", t.name);
            put_row(
                out,
                b,
                &geo,
                la,
                row,
                ("cla_count", &row[c_count], 0),
                (&src, v),
                0,
            )?;
            let src = format!("{} (rate_per_10000)", t.name);
            put_row(
                out,
                b,
                &geo,
                la,
                row,
                ("cla_rate", &row[c_rate], 0),
                (&src, v),
                0,
            )?;
        }
    }
    Ok(())
}

/// Children in need, on protection plans, and referrals: counts.
pub fn cin_counts(
    data: &Path,
    b: &Bundle,
    la: &LaNumbers,
    out: &mut Collected,
) -> Result<(), String> {
    for (file, col, key) in CIN_COUNTS {
        let t = Table::read_csv(&data.join(file))?;
        let geo = Geo::of(&t)?;
        let v = vintage(&t, &geo)?;
        let c = t.col(col)?;
        let src = format!("{} ({col})", t.name);
        for row in &t.rows {
            put_row(out, b, &geo, la, row, (key, &row[c], 0), (&src, v), 0)?;
        }
    }
    Ok(())
}

/// ONS mid-year populations aged 0–17 as (area, data year) → population:
/// the mid-(Y−1) estimate is filed under data year Y, the year it divides.
pub fn populations(
    data: &Path,
    b: &Bundle,
    la: &LaNumbers,
) -> Result<std::collections::BTreeMap<(AreaId, u16), f64>, String> {
    let t = Table::read_csv(&data.join(POPULATION))?;
    let geo = Geo::of(&t)?;
    let c_pop = t.col("population_estimate")?;
    let mut pop = std::collections::BTreeMap::new();
    for row in &t.rows {
        let Ok(mid) = row[geo.year].parse::<u16>() else {
            continue;
        };
        let (Some((p, _)), Some(a)) = (parse_figure(&row[c_pop]), geo.area(b, la, row, mid + 1)?)
        else {
            continue;
        };
        pop.insert((a, mid + 1), p);
    }
    Ok(pop)
}
