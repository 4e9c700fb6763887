//! A measure a page brings itself: CSV text with `area_code,year,value`
//! columns, checked line by line against the bundle's areas. Good rows are
//! kept; every bad one is reported with its line number and why, so an
//! editor can fix the file.

use super::model::*;

/// How the page describes its figures.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct UserMeta {
    /// What the figures are, for the title and legend; empty: "Figures supplied by this page".
    pub label: String,
    /// Read after a value; may be empty.
    pub unit: String,
    /// Who the figures come from, in the page's words.
    pub source: String,
}

/// One problem with the CSV, at a 1-based line number (0 for the file).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// The line, from 1; 0 when the problem is with the file as a whole.
    pub line: usize,
    /// What is wrong with it, with the nearest valid area code when one is close.
    pub message: String,
}

/// The id the page's measure takes.
pub const USER_MEASURE: &str = "user";
/// More problems than this are summarised, not listed one by one.
pub const MAX_PROBLEMS: usize = 20;

/// Splits one CSV line into fields: commas separate, double quotes enclose
/// fields that hold commas, `""` is a quote inside quotes.
fn fields(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                cur.push('"');
                chars.next();
            }
            ('"', _) => quoted = !quoted,
            (',', false) => out.push(std::mem::take(&mut cur)),
            _ => cur.push(c),
        }
    }
    out.push(cur);
    out.into_iter().map(|f| f.trim().to_string()).collect()
}

/// A number as written in the file: "12.5", "1,234" (quoted), "−3". Returns
/// the value and its decimal places.
fn number(text: &str) -> Option<(f64, u8)> {
    let t: String = text.chars().filter(|&c| c != ',' && c != ' ').collect();
    let t = t.replace('\u{2212}', "-");
    let body = t.strip_prefix('-').unwrap_or(&t);
    let valid = !body.is_empty()
        && body.chars().all(|c| c.is_ascii_digit() || c == '.')
        && body.matches('.').count() <= 1
        && body != ".";
    if !valid {
        return None;
    }
    let v: f64 = t.parse().ok()?;
    let decimals = t.split_once('.').map_or(0, |(_, f)| f.len().min(3)) as u8;
    Some((v, decimals))
}

/// Parses the page's CSV against the bundle. Returns the bundle with the
/// measure added (as [`USER_MEASURE`]) if any row was good, and every problem.
pub fn add_user_measure(
    bundle: &Bundle,
    csv: &str,
    meta: &UserMeta,
) -> (Option<Bundle>, Vec<Problem>) {
    let mut problems = Vec::new();
    let mut say = |line: usize, message: String| {
        if problems.len() < MAX_PROBLEMS {
            problems.push(Problem { line, message });
        }
    };
    let mut lines = csv
        .lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim_start_matches('\u{feff}')));
    let Some((_, header)) = lines.find(|(_, l)| !l.trim().is_empty()) else {
        say(0, "The CSV is empty: it needs a header line \"area_code,year,value\" and one line per figure.".into());
        return (None, problems);
    };
    let head: Vec<String> = fields(header)
        .into_iter()
        .map(|h| h.to_ascii_lowercase())
        .collect();
    let col = |name: &str| head.iter().position(|h| h == name);
    let (Some(c_code), Some(c_year), Some(c_value)) = (col("area_code"), col("year"), col("value"))
    else {
        let missing: Vec<&str> = ["area_code", "year", "value"]
            .into_iter()
            .filter(|n| col(n).is_none())
            .collect();
        say(
            1,
            format!(
                "The header line lacks the column(s) {}; it has: {}. The columns needed are area_code, year and value.",
                missing.join(", "),
                head.join(", ")
            ),
        );
        return (None, problems);
    };

    // (area, year) → (value, decimals, line)
    let mut rows: Vec<(AreaId, u16, f64, u8, usize)> = Vec::new();
    let mut bad = 0usize;
    for (line, text) in lines {
        if text.trim().is_empty() {
            continue;
        }
        let f = fields(text);
        let get = |c: usize| f.get(c).map(String::as_str).unwrap_or("");
        let (code, year_text, value_text) = (get(c_code), get(c_year), get(c_value));
        let Ok(year) = year_text.parse::<u16>().map_err(|_| ()).and_then(|y| {
            if (1990..=2100).contains(&y) {
                Ok(y)
            } else {
                Err(())
            }
        }) else {
            say(
                line,
                format!("year \"{year_text}\" is not a year (write it as four digits, e.g. 2024)."),
            );
            bad += 1;
            continue;
        };
        let Some(area) = bundle.area_at(code, year).or_else(|| bundle.area_id(code)) else {
            let hint = crate::suggest::nearest(code, bundle.areas.iter().map(|a| a.code.as_str()))
                .and_then(|n| bundle.area_id(n))
                .map_or(String::new(), |a| {
                    format!(
                        " Did you mean {} ({})?",
                        bundle.area(a).code,
                        bundle.area(a).name
                    )
                });
            say(
                line,
                format!(
                    "area code \"{code}\" is not an English region or upper-tier authority.{hint}"
                ),
            );
            bad += 1;
            continue;
        };
        let Some((value, decimals)) = number(value_text) else {
            say(line, format!("value \"{value_text}\" is not a number."));
            bad += 1;
            continue;
        };
        if let Some(first) = rows.iter().find(|r| r.0 == area && r.1 == year) {
            say(
                line,
                format!(
                    "{} {year} appears again (first on line {}); the first is kept.",
                    bundle.area(area).code,
                    first.4
                ),
            );
            bad += 1;
            continue;
        }
        rows.push((area, year, value, decimals, line));
    }
    if bad > MAX_PROBLEMS {
        let shown = problems.len();
        problems.push(Problem {
            line: 0,
            message: format!("…and {} more problem(s).", bad - shown),
        });
    }
    if rows.is_empty() {
        problems.push(Problem {
            line: 0,
            message: "No line of the CSV could be used, so there is nothing to show.".into(),
        });
        return (None, problems);
    }

    let first = rows.iter().map(|r| r.1).min().unwrap_or(0);
    let last = rows.iter().map(|r| r.1).max().unwrap_or(0);
    let width = usize::from(last - first) + 1;
    let decimals = rows.iter().map(|r| r.3).max().unwrap_or(0);
    let mut areas: Vec<AreaId> = rows.iter().map(|r| r.0).collect();
    crate::sort::sort_by(&mut areas, &mut |a, b| a.cmp(b));
    areas.dedup();
    let mut cells = vec![Cell::Missing(Missing::NotPublished); areas.len() * width];
    for &(a, y, value, d, _) in &rows {
        let row = areas.iter().position(|&x| x == a).unwrap_or(0);
        cells[row * width + usize::from(y - first)] = Cell::Value {
            value,
            decimals: d,
            basis: Basis::Official,
        };
    }
    let mut b = bundle.clone();
    if let Some(old) = b.measure_id(USER_MEASURE) {
        b.measures.remove(old.index());
        b.series.remove(old.index());
    }
    b.sources.push(Source {
        publisher: if meta.source.trim().is_empty() {
            "Figures supplied by this page".into()
        } else {
            format!("Figures supplied by this page ({})", meta.source.trim())
        },
        publication: String::new(),
        url: String::new(),
        licence: String::new(),
    });
    let label = if meta.label.trim().is_empty() {
        "Figures supplied by this page"
    } else {
        meta.label.trim()
    };
    b.measures.push(Measure {
        id: USER_MEASURE.into(),
        label: label.into(),
        short_label: label.into(),
        unit: meta.unit.trim().into(),
        kind: Kind::Rate,
        polarity: Polarity::Neutral,
        decimals,
        definition: String::new(),
        convention: "in".into(),
        source: (b.sources.len() - 1) as u16,
        years: (first, last),
        boundaries: None,
        categories: Vec::new(),
    });
    b.series.push(Series {
        areas,
        cells,
        dates: Vec::new(),
    });
    (Some(b), problems)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::EMBEDDED;

    fn bundle() -> Bundle {
        Bundle::decode(EMBEDDED).unwrap()
    }

    fn meta() -> UserMeta {
        UserMeta {
            label: "Foster carers".into(),
            unit: "per 10,000 children".into(),
            source: "County Durham Council".into(),
        }
    }

    #[test]
    fn good_rows_become_a_measure_and_bad_ones_are_reported_by_line() {
        let csv = "area_code,year,value\n\
                   E06000047,2024,12.5\n\
                   E06000047,2025,13\n\
                   E99999999,2025,4\n\
                   E12000001,2025,twelve\n\
                   E06000047,2025,14\n\
                   E12000001,20x5,3\n\
                   \"E12000001\",2025,\"1,234\"\n";
        let (b, problems) = add_user_measure(&bundle(), csv, &meta());
        let b = b.expect("good rows kept");
        let m = b.measure_id(USER_MEASURE).unwrap();
        let durham = b.area_id("E06000047").unwrap();
        assert_eq!(b.cell(m, durham, 2024).value(), Some(12.5));
        assert_eq!(
            b.cell(m, durham, 2025).value(),
            Some(13.0),
            "the first of a duplicate is kept"
        );
        assert_eq!(
            b.cell(m, b.area_id("E12000001").unwrap(), 2025).value(),
            Some(1234.0)
        );
        let lines: Vec<usize> = problems.iter().map(|p| p.line).collect();
        assert_eq!(lines, vec![4, 5, 6, 7]);
        assert!(
            problems[0].message.contains("\"E99999999\""),
            "{}",
            problems[0].message
        );
        assert!(problems[1].message.contains("\"twelve\" is not a number"));
        assert!(problems[2].message.contains("first on line 3"));
        assert!(problems[3].message.contains("\"20x5\" is not a year"));
        let src = &b.sources[usize::from(b.measure(m).source)];
        assert!(src.publisher.starts_with("Figures supplied by this page"));
    }

    #[test]
    fn missing_columns_are_named() {
        let (b, problems) =
            add_user_measure(&bundle(), "code,year,rate\nE06000047,2024,1\n", &meta());
        assert!(b.is_none());
        assert_eq!(problems[0].line, 1);
        assert!(
            problems[0].message.contains("area_code, value"),
            "{}",
            problems[0].message
        );
    }

    #[test]
    fn a_typo_in_a_code_gets_a_suggestion() {
        let (_, problems) = add_user_measure(
            &bundle(),
            "area_code,year,value\nE0600047,2024,1\n",
            &meta(),
        );
        assert!(
            problems[0]
                .message
                .contains("Did you mean E06000047 (County Durham)?"),
            "{}",
            problems[0].message
        );
    }

    #[test]
    fn old_codes_land_on_the_area_mapped_that_year() {
        // North Yorkshire's county code, used by DfE for later years too.
        let b = bundle();
        let csv = "area_code,year,value\nE10000023,2025,5\nE06000065,2020,6\n";
        let (nb, problems) = add_user_measure(&b, csv, &meta());
        assert!(problems.is_empty(), "{problems:?}");
        let nb = nb.unwrap();
        let m = nb.measure_id(USER_MEASURE).unwrap();
        let now = nb.area_at("E06000065", 2025).unwrap();
        let then = nb.area_at("E10000023", 2020).unwrap();
        assert_eq!(nb.cell(m, now, 2025).value(), Some(5.0));
        assert_eq!(nb.cell(m, then, 2020).value(), Some(6.0));
    }

    #[test]
    fn numbers_parse_strictly() {
        assert_eq!(number("12.5"), Some((12.5, 1)));
        assert_eq!(number("\u{2212}3"), Some((-3.0, 0)));
        assert_eq!(number("1 234"), Some((1234.0, 0)));
        assert_eq!(number("12.5.1"), None);
        assert_eq!(number("1e5"), None);
        assert_eq!(number(""), None);
        assert_eq!(
            fields("\"a, b\",\"say \"\"hi\"\"\", c"),
            vec!["a, b", "say \"hi\"", "c"]
        );
    }
}
