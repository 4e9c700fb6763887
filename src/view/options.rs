//! The widget's options, read from its attributes and checked against the
//! bundle. A bad value gives an [`OptionError`] that names it and lists what
//! is allowed, with the nearest valid choice when one is close.

use crate::data::{AreaId, Bundle, Level, MeasureId};
use crate::scale::format;
use std::fmt;

/// Attributes the element reads.
pub const ATTRIBUTES: [&str; 4] = ["measure", "year", "level", "highlight"];

/// Levels the map can draw now.
pub const MAP_LEVELS: [Level; 1] = [Level::Region];

#[derive(Clone, Debug, PartialEq)]
pub struct Options {
    pub measure: MeasureId,
    pub year: u16,
    pub level: Level,
    /// Areas outlined on the map and drawn in the trend, in the order given.
    pub highlight: Vec<AreaId>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OptionError {
    pub attribute: &'static str,
    pub value: String,
    pub message: String,
}

impl fmt::Display for OptionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for OptionError {}

/// Levenshtein distance, for "did you mean".
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

/// The candidate nearest to `bad`, if it is plausibly a typo of it.
pub fn nearest<'a>(bad: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let bad = bad.to_ascii_lowercase();
    candidates
        .into_iter()
        .map(|c| (distance(&bad, &c.to_ascii_lowercase()), c))
        .filter(|(d, c)| *d <= (c.len() / 3).max(2))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// Years as ranges: "2010, 2013–2025".
pub fn year_list(years: &[u16]) -> String {
    let mut parts = Vec::new();
    let mut i = 0;
    while i < years.len() {
        let mut j = i;
        while j + 1 < years.len() && years[j + 1] == years[j] + 1 {
            j += 1;
        }
        parts.push(if j > i {
            format!("{}–{}", years[i], years[j])
        } else {
            years[i].to_string()
        });
        i = j + 1;
    }
    parts.join(", ")
}

fn err(attribute: &'static str, value: &str, message: String) -> OptionError {
    OptionError {
        attribute,
        value: value.to_string(),
        message,
    }
}

impl Options {
    /// Reads options through `attr` (an attribute's value, if set). Absent
    /// attributes take defaults: children looked after, the latest year, regions.
    pub fn parse(
        bundle: &Bundle,
        attr: impl Fn(&str) -> Option<String>,
    ) -> Result<Options, OptionError> {
        // The map and trend draw numbers; judgements (Ofsted's categories)
        // wait until they can be drawn as categories.
        let drawable = |m: &crate::data::Measure| m.kind != crate::data::Kind::Category;
        let ids: Vec<&str> = bundle
            .measures
            .iter()
            .filter(|m| drawable(m))
            .map(|m| m.id.as_str())
            .collect();
        let measure = match attr("measure").map(|s| s.trim().to_string()) {
            None => bundle.measure_id("cla_rate").unwrap_or(0),
            Some(m) => bundle
                .measure_id(&m)
                .filter(|&id| drawable(bundle.measure(id)))
                .ok_or_else(|| {
                    let hint = nearest(&m, ids.iter().copied())
                        .map_or(String::new(), |n| format!(" Did you mean \"{n}\"?"));
                    let list: Vec<String> = bundle
                        .measures
                        .iter()
                        .filter(|x| drawable(x))
                        .map(|x| format!("{} ({})", x.id, format::mid_sentence(&x.label)))
                        .collect();
                    err(
                        "measure",
                        &m,
                        format!(
                            "Unknown measure \"{m}\".{hint} Valid measures: {}.",
                            list.join(", ")
                        ),
                    )
                })?,
        };
        let years = bundle.years_of(measure);
        let m = bundle.measure(measure);
        let year = match attr("year").map(|s| s.trim().to_string()) {
            None => *years.last().ok_or_else(|| {
                err(
                    "measure",
                    &m.id,
                    format!("Measure \"{}\" has no data.", m.id),
                )
            })?,
            Some(y) => match y.parse::<u16>() {
                Ok(v) if years.contains(&v) => v,
                _ => {
                    return Err(err(
                        "year",
                        &y,
                        format!(
                            "No data for year \"{y}\" in {} ({}). Years with data: {}.",
                            m.id,
                            format::mid_sentence(&m.label),
                            year_list(&years)
                        ),
                    ))
                }
            },
        };
        let level = match attr("level").map(|s| s.trim().to_ascii_lowercase()) {
            None => Level::Region,
            Some(l) => MAP_LEVELS
                .into_iter()
                .find(|x| x.keyword() == l)
                .ok_or_else(|| {
                    let list: Vec<&str> = MAP_LEVELS.iter().map(|x| x.keyword()).collect();
                    err(
                        "level",
                        &l,
                        format!("Unknown level \"{l}\". Valid levels: {}.", list.join(", ")),
                    )
                })?,
        };
        let mut highlight = Vec::new();
        for code in attr("highlight")
            .unwrap_or_default()
            .split([',', ' '])
            .map(str::trim)
            .filter(|c| !c.is_empty())
        {
            let id = bundle
                .area_id(code)
                .filter(|&a| bundle.area(a).level != Level::Country)
                .ok_or_else(|| {
                    let codes = bundle.areas.iter().filter(|a| a.level != Level::Country);
                    let hint = nearest(code, codes.clone().map(|a| a.code.as_str())).map_or(
                        String::new(),
                        |n| {
                            format!(
                                " Did you mean \"{n}\" ({})?",
                                bundle.areas[usize::from(bundle.area_id(n).unwrap_or(0))].name
                            )
                        },
                    );
                    let list: Vec<String> =
                        codes.map(|a| format!("{} {}", a.code, a.name)).collect();
                    err(
                        "highlight",
                        code,
                        format!(
                            "Unknown area code \"{code}\".{hint} Valid codes: {}.",
                            list.join(", ")
                        ),
                    )
                })?;
            if !highlight.contains(&id) {
                highlight.push(id);
            }
        }
        Ok(Options {
            measure,
            year,
            level,
            highlight,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn year_lists_collapse_runs() {
        assert_eq!(year_list(&[2010, 2013, 2014, 2015]), "2010, 2013–2015");
        assert_eq!(year_list(&[]), "");
    }

    #[test]
    fn nearest_finds_typos_but_not_strangers() {
        let ids = ["cla_rate", "cin_rate", "cpp_rate"];
        assert_eq!(nearest("cla_rat", ids), Some("cla_rate"));
        assert_eq!(nearest("CLA_RATE", ids), Some("cla_rate"));
        assert_eq!(nearest("poverty", ids), None);
    }
}
