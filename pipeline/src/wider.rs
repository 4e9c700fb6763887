//! DfE's wider published measures from Explore education statistics (the
//! files behind DfE's "outcomes and enablers" dashboard): factors at
//! assessment, repeat protection plans, children starting care, the
//! social work workforce, placements and care leavers. One table,
//! [`PUBLISHED`], says which file, rows and column each measure's official
//! figures come from; [`super::lait`] adds LAIT's longer series of several.
//!
//! The workforce census is taken on 30 September: its figures are filed
//! under their own year and the areas live on that date (the next data
//! year's, see [`care_atlas::data::Measure::next_year_areas`]). Two pairs of
//! authorities make one combined return; [`mark_combined`] shows the one
//! figure on both and marks it.

use super::catalogue::{NOTE_COMBINED_KINGSTON_RICHMOND, NOTE_COMBINED_NORTHAMPTONSHIRE};
use super::collect::Collected;
use super::ees::Geo;
use super::la_numbers::LaNumbers;
use super::table::Table;
use care_atlas::data::{AreaId, Basis, Bundle, Cell};
use std::path::Path;

const DIR: &str = "sources/dfe-ees/";

/// One official series: the rows of `file` matching every `(column, value)`
/// of `rows` (a column named `a|b` is whichever the file has), the figure in
/// `column`, published to `decimals` places.
pub struct Published {
    pub measure: &'static str,
    pub file: &'static str,
    pub rows: &'static [(&'static str, &'static str)],
    pub column: &'static str,
    pub decimals: u8,
}

/// Parental factors at assessment: (count measure id, words, column of
/// `c3_factors_identified_at_end_of_assessment_2018_to_2025.csv`). Each
/// count's rate per 10,000 (`<id>_rate`) is derived (DfE publishes counts).
pub const FACTORS: [(&str, &str, &str); 4] = [
    (
        "factor_domestic_abuse",
        "parental domestic abuse",
        "Domestic_Abuse_parent",
    ),
    (
        "factor_mental_health",
        "parental mental ill health",
        "Mental_Health_parent",
    ),
    (
        "factor_drug_misuse",
        "parental drug misuse",
        "Drug_Misuse_parent",
    ),
    (
        "factor_alcohol_misuse",
        "parental alcohol misuse",
        "Alcohol_Misuse_parent",
    ),
];

const FACTORS_FILE: &str = "c3_factors_identified_at_end_of_assessment_2018_to_2025.csv";
const CSWW: &str = "csww_indicators_2017_to_2025.csv";
const STARTING: &[(&str, &str)] = &[(
    "population_type|population_count",
    "Children starting to be looked after each year",
)];

pub const PUBLISHED: &[Published] = &[
    Published {
        measure: "factor_domestic_abuse",
        file: FACTORS_FILE,
        rows: &[],
        column: "Domestic_Abuse_parent",
        decimals: 0,
    },
    Published {
        measure: "factor_mental_health",
        file: FACTORS_FILE,
        rows: &[],
        column: "Mental_Health_parent",
        decimals: 0,
    },
    Published {
        measure: "factor_drug_misuse",
        file: FACTORS_FILE,
        rows: &[],
        column: "Drug_Misuse_parent",
        decimals: 0,
    },
    Published {
        measure: "factor_alcohol_misuse",
        file: FACTORS_FILE,
        rows: &[],
        column: "Alcohol_Misuse_parent",
        decimals: 0,
    },
    Published {
        measure: "cpp_repeat_pct",
        file: "d3_cpps_subsequent_plan_2013_to_2025.csv",
        rows: &[],
        column: "CPP_subsequent_percent",
        decimals: 1,
    },
    Published {
        measure: "cla_starts_rate",
        file: "cla_number_and_rate_per_10k_children.csv",
        rows: STARTING,
        column: "rate_per_10000",
        decimals: 0,
    },
    Published {
        measure: "cla_starts_rate",
        file: "../dfe-cla-history/cla_number_and_rate_per_10k_children_2020-2024.csv",
        rows: STARTING,
        column: "rate_per_10000",
        decimals: 0,
    },
    Published {
        measure: "cla_starts_rate",
        file: "../dfe-cla-history/cla_number_and_rate_per_10k_children_2019-2023.csv",
        rows: STARTING,
        column: "rate_per_10000",
        decimals: 0,
    },
    Published {
        measure: "sw_turnover_rate",
        file: CSWW,
        rows: &[],
        column: "turnover_rate_fte",
        decimals: 1,
    },
    Published {
        measure: "sw_agency_rate",
        file: CSWW,
        rows: &[],
        column: "agency_rate_fte",
        decimals: 1,
    },
    Published {
        measure: "sw_vacancy_rate",
        file: CSWW,
        rows: &[],
        column: "vacancy_rate_fte",
        decimals: 1,
    },
    Published {
        measure: "sw_caseload",
        file: CSWW,
        rows: &[],
        column: "caseload_fte",
        decimals: 1,
    },
    Published {
        measure: "placements_3plus_pct",
        file: "la_cla_placement_stability.csv",
        rows: &[
            ("cla_group", "CLA on 31 March"),
            (
                "placement_stability",
                "With 3 or more placements during the year",
            ),
        ],
        column: "children_percent",
        decimals: 0,
    },
    Published {
        measure: "placements_stable_pct",
        file: "la_cla_placement_stability.csv",
        rows: &[
            (
                "cla_group",
                "Children looked after continuously for at least 2.5 years on 31 March aged under 16 years",
            ),
            (
                "placement_stability",
                "Living with the same carer for at least 2 years",
            ),
        ],
        column: "children_percent",
        decimals: 0,
    },
    Published {
        measure: "placements_far_out_pct",
        file: "la_cla_during_year_new_placements.csv",
        rows: &[
            ("characteristic", "Location of new placements during the year"),
            (
                "breakdown",
                "Placed outside LA boundary more than 20 miles from home",
            ),
        ],
        column: "children_percent",
        decimals: 0,
    },
    Published {
        measure: "leavers_eet_pct",
        file: "la_care_leavers_activity.csv",
        rows: &[
            ("care_leaver_age", "19 to 21 years"),
            ("breakdown", "Total in education, employment or training"),
        ],
        column: "care_leaver_percent",
        decimals: 0,
    },
    Published {
        measure: "leavers_accommodation_pct",
        file: "la_care_leavers_accommodation_suitability.csv",
        rows: &[
            ("care_leaver_age", "19 to 21 years"),
            ("breakdown", "Accommodation considered suitable"),
        ],
        column: "care_leaver_percent",
        decimals: 0,
    },
];

/// Measures from DfE's workforce census (30 September).
pub const CENSUS: [&str; 4] = [
    "sw_turnover_rate",
    "sw_agency_rate",
    "sw_vacancy_rate",
    "sw_caseload",
];

/// Authorities that make one combined workforce return: their codes, the
/// first census year the one figure covers both, and the note saying so.
pub const COMBINED: [([&str; 2], u16, u8); 2] = [
    (
        ["E09000021", "E09000027"],
        2016,
        NOTE_COMBINED_KINGSTON_RICHMOND,
    ),
    (
        ["E06000061", "E06000062"],
        2021,
        NOTE_COMBINED_NORTHAMPTONSHIRE,
    ),
];

pub fn path(p: &Published) -> String {
    format!("{DIR}{}", p.file)
}

/// Whether a row is one of a series' rows.
pub fn matches(t: &Table, row: &[String], rows: &[(&str, &str)]) -> Result<bool, String> {
    for (col, want) in rows {
        let c = col
            .split('|')
            .find_map(|c| t.col(c).ok())
            .ok_or_else(|| format!("{}: no column {col:?}", t.name))?;
        if row[c] != *want {
            return Ok(false);
        }
    }
    Ok(true)
}

/// Every official figure and gap of [`PUBLISHED`] into `out`.
pub fn collect(data: &Path, b: &Bundle, la: &LaNumbers, out: &mut Collected) -> Result<(), String> {
    for p in PUBLISHED {
        let t = Table::read_csv(&data.join(path(p)))?;
        let geo = Geo::of(&t)?;
        let v = super::ees::vintage(&t, &geo)?;
        let c = t.col(p.column)?;
        let src = format!("{} ({})", t.name, p.column);
        let ahead = u16::from(CENSUS.contains(&p.measure));
        for row in &t.rows {
            if !matches(&t, row, p.rows)? {
                continue;
            }
            super::ees::put_row(
                out,
                b,
                &geo,
                la,
                row,
                (p.measure, &row[c], p.decimals),
                (&src, v),
                ahead,
            )?;
        }
    }
    Ok(())
}

/// Shows each combined return's one figure on both its authorities, marked
/// with the note that says so: DfE files it under the pair (EES) or under
/// one of them with a dash for the other (LAIT 2016). Two different figures
/// for a pair in a combined year stop the build.
pub fn mark_combined(b: &Bundle, out: &mut Collected) -> Result<(), String> {
    for (codes, from, note) in COMBINED {
        for m in CENSUS {
            let years: Vec<u16> = out
                .entries
                .keys()
                .filter(|(id, _, y)| id == m && *y >= from)
                .map(|k| k.2)
                .collect();
            for y in years {
                let areas: Vec<AreaId> = codes.iter().filter_map(|c| b.area_at(c, y + 1)).collect();
                let [a, z] = areas[..] else {
                    return Err(format!(
                        "{m} {y}: combined return {codes:?} not both mapped"
                    ));
                };
                let cells = [a, z].map(|x| out.get(m, x, y).map(|e| (e.cell, e.source.clone())));
                let values: Vec<(f64, u8, String)> = cells
                    .iter()
                    .flatten()
                    .filter_map(|(c, s)| match *c {
                        Cell::Value {
                            value, decimals, ..
                        } => Some((value, decimals, s.clone())),
                        Cell::Missing(_) => None,
                    })
                    .collect();
                let Some((value, decimals, source)) = values.first().cloned() else {
                    continue;
                };
                if values.iter().any(|v| (v.0 - value).abs() > 1e-9) {
                    return Err(format!(
                        "{m} {y}: the combined return {codes:?} has two figures: {values:?}"
                    ));
                }
                let cell = Cell::Value {
                    value,
                    decimals,
                    basis: Basis::Derived(note),
                };
                for x in [a, z] {
                    out.entries.insert(
                        (m.to_string(), x, y),
                        super::collect::Entry {
                            cell,
                            source: format!("{source} (combined return)"),
                            vintage: 0,
                            dash: false,
                        },
                    );
                }
            }
        }
    }
    Ok(())
}
