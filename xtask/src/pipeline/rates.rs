//! Rates per 10,000 children for England and its regions: the official
//! figures DfE published (held in LAIT), and where no rate was published,
//! rates derived from DfE's counts and ONS's populations.

use super::catalogue::{NOTE_DFE_2009_POP, NOTE_ONS_POP};
use super::collect::{round_to, Collected};
use super::table::{is_gap_code, norm_name, parse_figure, Table};
use care_atlas::data::{Basis, Cell, Missing};
use std::collections::BTreeMap;
use std::path::Path;

pub const ENGLAND: &str = "E92000001";

/// LAIT short descriptions of the rates, our measure ids, and the decimal
/// places DfE publishes each rate with. LAIT holds some values as binary
/// float text ("277.10000000000002"), so figures are read back at the
/// published precision, and anything finer is an error.
pub const LAIT_RATES: [(&str, &str, u8); 4] = [
    ("LAC", "cla_rate", 0),
    ("CIN", "cin_rate", 1),
    ("CPP_rate", "cpp_rate", 1),
    ("CPP_Total_Rateper10,000", "referrals_rate", 1),
];

/// A published figure at its published precision.
fn official(text: &str, decimals: u8, what: &str) -> Result<Option<Cell>, String> {
    let Some((v, _)) = parse_figure(text) else {
        return Ok(None);
    };
    let value = round_to(v, decimals);
    if (value - v).abs() > 1e-6 {
        return Err(format!(
            "{what}: {text} is finer than the {decimals} decimal place(s) DfE publishes"
        ));
    }
    Ok(Some(Cell::Value {
        value,
        decimals,
        basis: Basis::Official,
    }))
}

/// Looks up England and region codes by the names publishers print.
pub struct Names(BTreeMap<String, String>);

impl Names {
    pub fn new(regions: &[(String, String)]) -> Names {
        let mut m: BTreeMap<String, String> = regions
            .iter()
            .map(|(code, name)| (norm_name(name), code.clone()))
            .collect();
        m.insert("england".into(), ENGLAND.into());
        Names(m)
    }

    pub fn code(&self, name: &str) -> Option<&str> {
        self.0.get(&norm_name(name)).map(String::as_str)
    }
}

/// Official rates from the two LAIT snapshots: the newest for every year it
/// holds, the older one only for years the newest dropped (2015).
pub fn lait_official(data: &Path, names: &Names, out: &mut Collected) -> Result<(), String> {
    let keep: Vec<&str> = LAIT_RATES.iter().map(|(k, _, _)| *k).collect();
    let head = Table::read_lait(
        &data.join("sources/dfe-lait/bds_long_0__HEAD_2e30e39.parquet"),
        &keep,
    )?;
    let old = Table::read_lait(
        &data.join("sources/dfe-lait/bds_long_0__2025-05-28_c619cc4.parquet"),
        &keep,
    )?;
    let mut head_years: BTreeMap<String, Vec<u16>> = BTreeMap::new();
    for (i, t) in [&head, &old].into_iter().enumerate() {
        let (c_desc, c_year, c_area, c_value, c_num) = (
            t.col("Short Desc")?,
            t.col("Years")?,
            t.col("LA and Regions")?,
            t.col("Values")?,
            t.col("LA Number")?,
        );
        for row in &t.rows {
            let Some(&(_, measure, decimals)) =
                LAIT_RATES.iter().find(|(k, _, _)| *k == row[c_desc])
            else {
                continue;
            };
            let Ok(year) = row[c_year].get(..4).unwrap_or("").parse::<u16>() else {
                continue;
            };
            if i == 0 {
                head_years.entry(measure.into()).or_default().push(year);
            } else if head_years.get(measure).is_some_and(|ys| ys.contains(&year)) {
                continue;
            }
            // England is 970, regions 980–990; authorities are below 970.
            let num: u32 = row[c_num].parse().unwrap_or(0);
            if num < 970 {
                continue;
            }
            let Some(code) = names.code(&row[c_area]) else {
                continue; // Inner and Outer London: not areas of the map.
            };
            let src = format!("{} ({})", t.name, row[c_desc]);
            let cell = official(&row[c_value], decimals, &src)?
                .unwrap_or(Cell::Missing(Missing::Suppressed));
            out.put(measure, code, year, cell, &src);
        }
    }
    Ok(())
}

/// ONS mid-year populations aged 0–17: (area code, year) → population.
pub fn populations(data: &Path) -> Result<BTreeMap<(String, u16), f64>, String> {
    let t = Table::read_csv(
        &data.join("sources/dfe-ees/ons_mid-year_population_estimates_2012_to_2024.csv"),
    )?;
    let (c_level, c_region, c_la, c_year, c_pop) = (
        t.col("geographic_level")?,
        t.col("region_code")?,
        t.col("new_la_code")?,
        t.col("time_period")?,
        t.col("population_estimate")?,
    );
    let mut pop = BTreeMap::new();
    for row in &t.rows {
        let code = match row[c_level].as_str() {
            "National" => ENGLAND.to_string(),
            "Regional" => row[c_region].clone(),
            _ => row[c_la].clone(),
        };
        if let (Ok(y), Some((p, _))) = (row[c_year].parse::<u16>(), parse_figure(&row[c_pop])) {
            pop.insert((code, y), p);
        }
    }
    Ok(pop)
}

fn derive(count: f64, pop: f64, note: u8) -> Cell {
    Cell::Value {
        value: round_to(count / pop * 10_000.0, 1),
        decimals: 1,
        basis: Basis::Derived(note),
    }
}

/// Derived rates for England and the regions in years with no official rate:
/// children in need, on protection plans and referrals from the CIN census
/// files (2013 onwards), children looked after from the older releases.
pub fn derived(
    data: &Path,
    names: &Names,
    pop: &BTreeMap<(String, u16), f64>,
    out: &mut Collected,
) -> Result<(), String> {
    let is_ours = |code: &str| code == ENGLAND || names.0.values().any(|c| c == code);
    for (file, column, measure) in [
        (
            "b1_children_in_need_2013_to_2025.csv",
            "At31_episodes",
            "cin_rate",
        ),
        (
            "d5_cpps_at31march_by_duration_2013_to_2025.csv",
            "CPP_At31",
            "cpp_rate",
        ),
        (
            "c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv",
            "referral_count",
            "referrals_rate",
        ),
    ] {
        let t = Table::read_csv(&data.join("sources/dfe-ees").join(file))?;
        let (c_level, c_region, c_year, c_count) = (
            t.col("geographic_level")?,
            t.col("region_code")?,
            t.col("time_period")?,
            t.col(column)?,
        );
        for row in &t.rows {
            let code = match row[c_level].as_str() {
                "National" => ENGLAND,
                "Regional" => row[c_region].as_str(),
                _ => continue,
            };
            let Ok(year) = row[c_year].parse::<u16>() else {
                continue;
            };
            if !is_ours(code) || out.has_value(measure, code, year) {
                continue;
            }
            let src = format!("{file} ({column})");
            let cell = match (
                parse_figure(&row[c_count]),
                pop.get(&(code.to_string(), year - 1)),
            ) {
                (Some((n, _)), Some(&p)) => derive(n, p, NOTE_ONS_POP),
                (None, _) if is_gap_code(&row[c_count]) => Cell::Missing(Missing::Suppressed),
                _ => Cell::Missing(Missing::NotPublished),
            };
            out.put(measure, code, year, cell, &src);
        }
    }

    // Children looked after: 2010 with the population DfE published beside it.
    let hist = data.join("sources/dfe-cla-history");
    let t = Table::read_csv(&hist.join("SFR27_2010_March.csv"))?;
    let (c_level, c_name, c_count, c_pop) = (
        t.col("geog_l")?,
        t.col("geog_n")?,
        t.col("MarTotal_2010")?,
        t.col("Mid2009Pop0-17")?,
    );
    for row in &t.rows {
        if !matches!(row[c_level].as_str(), "National" | "GOR") {
            continue;
        }
        let Some(code) = names.code(&row[c_name]) else {
            continue;
        };
        if let (Some((n, _)), Some((p, _))) =
            (parse_figure(&row[c_count]), parse_figure(&row[c_pop]))
        {
            out.put(
                "cla_rate",
                code,
                2010,
                derive(n, p, NOTE_DFE_2009_POP),
                "SFR27_2010_March.csv",
            );
        }
    }
    // 2011–2017 counts; a rate only where ONS's mid-(Y−1) population is here
    // (none for mid-2010 and mid-2011, so 2011 and 2012 stay gaps).
    for (year, file) in [
        (2011u16, "SFR21_CLA.csv"),
        (2012, "SFR20_CLA2012.csv"),
        (2013, "SFR36_CLA2013.csv"),
        (2014, "SFR36_CLA2014.csv"),
        (2015, "SFR34_CLA2015.csv"),
        (2016, "SFR41_CLA2016.csv"),
        (2017, "SFR50_CLA2017.csv"),
    ] {
        let t = Table::read_csv(&hist.join(file))?;
        let column = format!("CLA_Mar{year}");
        let (c_level, c_name, c_count) = (t.col("geog_l")?, t.col("geog_n")?, t.col(&column)?);
        for row in &t.rows {
            if !matches!(row[c_level].as_str(), "NATIONAL" | "REGION") {
                continue;
            }
            let Some(code) = names.code(&row[c_name]) else {
                continue;
            };
            if out.has_value("cla_rate", code, year) {
                continue;
            }
            let src = format!("{file} ({column})");
            let cell = match (
                parse_figure(&row[c_count]),
                pop.get(&(code.to_string(), year - 1)),
            ) {
                (Some((n, _)), Some(&p)) => derive(n, p, NOTE_ONS_POP),
                _ => Cell::Missing(Missing::NotPublished),
            };
            out.put("cla_rate", code, year, cell, &src);
        }
    }
    Ok(())
}
