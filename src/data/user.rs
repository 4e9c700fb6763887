//! A measure a page brings itself: CSV text with `area_code,year,value`
//! columns, checked line by line against the bundle's areas. Good rows are
//! kept; every bad one is reported with its line number and why, so an
//! editor can fix the file.

use super::model::*;
use crate::suggest::excerpt;
use std::borrow::Cow;
use std::sync::Arc;

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
/// The family of a page's own figures (never shipped in a pack).
pub const USER_FAMILY: &str = "user";
/// More problems than this are summarised, not listed one by one.
pub const MAX_PROBLEMS: usize = 20;
/// The longest CSV text read, in characters (about 1 MB): longer text is
/// refused whole, before any of it is parsed.
pub const MAX_CSV_CHARS: usize = 1_000_000;
/// The most lines of figures read (England has ~170 areas and the widget
/// ~30 years); lines after this many are refused, with one problem saying so.
pub const MAX_ROWS: usize = 20_000;
/// Values must be smaller than this either side of zero. No statistic of
/// England's children comes near; beyond it sums and digits stop being exact.
pub const MAX_VALUE: f64 = 1e15;
/// The longest label, unit or source line, in characters.
pub const MAX_META_CHARS: usize = 200;
/// Years a figure may be for.
pub const YEARS: std::ops::RangeInclusive<u16> = 1990..=2100;
/// Columns kept per line; more may be present but are not read.
const MAX_COLUMNS: usize = 64;

/// One record of the CSV: its fields and the line it starts on.
struct Record<'a> {
    line: usize,
    fields: Vec<Cow<'a, str>>,
    /// A quoted field was still open at the end of the text.
    unclosed: bool,
}

impl Record<'_> {
    fn is_blank(&self) -> bool {
        self.fields.iter().all(|f| f.is_empty())
    }
}

/// The records of CSV text as RFC 4180 has them: commas separate fields;
/// a record ends at a line break (CRLF, LF or a lone CR); a field in double
/// quotes may hold commas, line breaks and `""` for a quote. Leniently: text
/// after a closing quote is kept, a quote inside an unquoted field is a
/// character, and every field is trimmed of spaces.
///
/// Read byte by byte (the separators are ASCII, so slices stay UTF-8): an
/// unquoted field is a slice of the text, not a copy.
struct Records<'a> {
    text: &'a str,
    pos: usize,
    /// The 1-based line the next record starts on.
    line: usize,
}

impl<'a> Records<'a> {
    fn new(text: &'a str) -> Self {
        Records {
            text: text.trim_start_matches('\u{feff}'),
            pos: 0,
            line: 1,
        }
    }

    /// The first `,`, CR or LF at or after `from`.
    fn separator_at(&self, from: usize) -> Option<usize> {
        self.text.as_bytes()[from..]
            .iter()
            .position(|&b| b == b',' || b == b'\r' || b == b'\n')
            .map(|i| from + i)
    }

    /// Steps over the separator at `at` (if any); whether it ended the record.
    fn separator(&mut self, at: Option<usize>) -> bool {
        let b = self.text.as_bytes();
        match at {
            None => {
                self.pos = b.len();
                true
            }
            Some(i) if b[i] == b',' => {
                self.pos = i + 1;
                false
            }
            Some(i) => {
                self.pos = i + if b[i] == b'\r' && b.get(i + 1) == Some(&b'\n') {
                    2
                } else {
                    1
                };
                self.line += 1;
                true
            }
        }
    }

    /// One field from `pos`: its text, whether the record ended, whether a quote was left open.
    fn field(&mut self) -> (Cow<'a, str>, bool, bool) {
        let (text, b) = (self.text, self.text.as_bytes());
        let start = self.pos;
        let first = start
            + b[start..]
                .iter()
                .take_while(|&&c| c == b' ' || c == b'\t')
                .count();
        if b.get(first) != Some(&b'"') {
            let end = self.separator_at(start);
            let field = text[start..end.unwrap_or(b.len())].trim();
            return (Cow::Borrowed(field), self.separator(end), false);
        }
        let mut out = String::new();
        let mut seg = first + 1;
        let after = loop {
            let Some(k) = b[seg..]
                .iter()
                .position(|&c| c == b'"' || c == b'\r' || c == b'\n')
                .map(|i| seg + i)
            else {
                out.push_str(&text[seg..]);
                self.pos = b.len();
                return (Cow::Owned(out.trim().to_string()), true, true);
            };
            match b[k] {
                b'"' if b.get(k + 1) == Some(&b'"') => {
                    out.push_str(&text[seg..=k]);
                    seg = k + 2;
                }
                b'"' => {
                    out.push_str(&text[seg..k]);
                    break k + 1;
                }
                _ => {
                    out.push_str(&text[seg..k]);
                    out.push('\n');
                    seg = k + if b[k] == b'\r' && b.get(k + 1) == Some(&b'\n') {
                        2
                    } else {
                        1
                    };
                    self.line += 1;
                }
            }
        };
        let end = self.separator_at(after);
        out.push_str(&text[after..end.unwrap_or(b.len())]);
        let field = match out.trim() {
            t if t.len() == out.len() => out,
            t => t.to_string(),
        };
        (Cow::Owned(field), self.separator(end), false)
    }
}

impl<'a> Iterator for Records<'a> {
    type Item = Record<'a>;

    fn next(&mut self) -> Option<Record<'a>> {
        if self.pos >= self.text.len() {
            return None;
        }
        let line = self.line;
        let mut fields = Vec::new();
        loop {
            let (field, ended, unclosed) = self.field();
            if fields.len() < MAX_COLUMNS {
                fields.push(field);
            }
            if ended {
                return Some(Record {
                    line,
                    fields,
                    unclosed,
                });
            }
        }
    }
}

/// A number as written in the file: "12.5", "+5", "1,234" (quoted), "1 234",
/// "−3" (with a real minus). No exponents. Returns the value and its decimal
/// places (at most 3 are kept).
fn number(text: &str) -> Option<(f64, u8)> {
    // Copied only to drop separators or change a real minus sign.
    let t: Cow<str> = if text.contains([',', ' ', '\u{2212}']) {
        text.chars()
            .filter(|&c| c != ',' && c != ' ')
            .map(|c| if c == '\u{2212}' { '-' } else { c })
            .collect::<String>()
            .into()
    } else {
        text.into()
    };
    let body = t
        .strip_prefix('-')
        .or_else(|| t.strip_prefix('+'))
        .unwrap_or(&t);
    let valid = !body.is_empty()
        && body.chars().all(|c| c.is_ascii_digit() || c == '.')
        && body.matches('.').count() <= 1
        && body != ".";
    if !valid {
        return None;
    }
    let v = crate::scale::decimal::parse(&t)?;
    let decimals = t.split_once('.').map_or(0, |(_, f)| f.len().min(3)) as u8;
    Some((v, decimals))
}

/// Every area code and alias with its area, in sixteen buckets by their last
/// character, to find a line's area among a dozen short strings (the
/// bundle's `area_at` and `area_id` take four passes over every area,
/// filtering by year and walking aliases: twenty thousand lines of unknown
/// codes took tens of milliseconds that way).
struct Codes(Vec<Vec<(String, AreaId, bool)>>);

/// The bucket of a code: its last byte's low four bits, the same for both
/// cases of a letter.
fn bucket(code: &str) -> usize {
    code.as_bytes().last().map_or(0, |&b| usize::from(b & 15))
}

impl Codes {
    fn new(bundle: &Bundle) -> Codes {
        let mut v: Vec<Vec<(String, AreaId, bool)>> = (0..16).map(|_| Vec::new()).collect();
        for (i, a) in bundle.areas.iter().enumerate() {
            v[bucket(&a.code)].push((a.code.clone(), AreaId(i as u16), true));
            for x in &a.aliases {
                v[bucket(x)].push((x.clone(), AreaId(i as u16), false));
            }
        }
        Codes(v)
    }

    /// As `bundle.area_at(code, year).or_else(|| bundle.area_id(code))`: an
    /// area live that year by its own code, then by an alias; failing that
    /// any area by its code, then by an alias; the first in the bundle of each.
    fn find(&self, bundle: &Bundle, code: &str, year: u16) -> Option<AreaId> {
        let code = code.trim();
        // Best by rank: 0 live and own, 1 live alias, 2 own, 3 alias.
        let mut best: Option<(u8, AreaId)> = None;
        for &(ref c, id, own) in &self.0[bucket(code)] {
            if !c.eq_ignore_ascii_case(code) {
                continue;
            }
            let rank = u8::from(!own) + if bundle.area(id).live_in(year) { 0 } else { 2 };
            if best.is_none_or(|b| (rank, id) < b) {
                best = Some((rank, id));
            }
        }
        best.map(|(_, id)| id)
    }
}

/// Checks the words the page gives its figures.
fn check_meta(meta: &UserMeta) -> Option<String> {
    for (what, attribute, text) in [
        ("label", "data-label", &meta.label),
        ("unit", "data-unit", &meta.unit),
        ("source", "data-source", &meta.source),
    ] {
        // Said without the length: the JavaScript entry passes at most one
        // character more than allowed, not a megabyte, to be refused.
        if text.chars().nth(MAX_META_CHARS).is_some() {
            return Some(format!(
                "The figures' {what} ({attribute}) \"{}…\" is longer than {MAX_META_CHARS} characters, the most allowed.",
                text.chars().take(crate::suggest::EXCERPT_CHARS).collect::<String>()
            ));
        }
    }
    None
}

/// Parses the page's CSV against the bundle. Returns the bundle with the
/// measure added (as [`USER_MEASURE`]) if any row was good, and every problem.
///
/// Accepts CSV as RFC 4180 has it (lines ending in CRLF, LF or CR; fields
/// in double quotes may hold commas, line breaks and `""`; every field
/// trimmed of spaces) of at most [`MAX_CSV_CHARS`] characters and
/// [`MAX_ROWS`] lines of figures, with a header naming the columns
/// `area_code`, `year` and `value` in any order and case (other columns are
/// ignored); years in [`YEARS`]; values as digits with an optional sign
/// (`+`, `-`, `−`) and decimal point, smaller than [`MAX_VALUE`] either side
/// of zero; a label, unit and source of at most [`MAX_META_CHARS`] characters.
pub fn add_user_measure(
    bundle: &Bundle,
    csv: &str,
    meta: &UserMeta,
) -> (Option<Bundle>, Vec<Problem>) {
    let mut problems = Vec::new();
    if let Some(message) = check_meta(meta) {
        problems.push(Problem { line: 0, message });
        return (None, problems);
    }
    if csv.len() > MAX_CSV_CHARS && csv.chars().nth(MAX_CSV_CHARS).is_some() {
        problems.push(Problem {
            line: 0,
            message: format!(
                "The CSV is longer than {} characters, the most the widget reads. Give it only the figures it shows.",
                crate::scale::format::number(MAX_CSV_CHARS as f64, 0),
            ),
        });
        return (None, problems);
    }
    let unclosed = |line: usize| {
        Problem {
        line,
        message: "a quoted field that starts on this line is never closed (a \" is missing), so the rest of the file could not be read.".into(),
    }
    };
    let mut records = Records::new(csv).filter(|r| !r.is_blank());
    let Some(header) = records.next() else {
        problems.push(Problem { line: 0, message: "The CSV is empty: it needs a header line \"area_code,year,value\" and one line per figure.".into() });
        return (None, problems);
    };
    if header.unclosed {
        problems.push(unclosed(header.line));
        return (None, problems);
    }
    let head: Vec<String> = header
        .fields
        .iter()
        .map(|h| h.to_ascii_lowercase())
        .collect();
    let col = |name: &str| head.iter().position(|h| h == name);
    let (Some(c_code), Some(c_year), Some(c_value)) = (col("area_code"), col("year"), col("value"))
    else {
        let missing: Vec<&str> = ["area_code", "year", "value"]
            .into_iter()
            .filter(|n| col(n).is_none())
            .collect();
        let has: Vec<String> = head.iter().map(|h| excerpt(h).into_owned()).collect();
        problems.push(Problem {
            line: header.line,
            message: format!(
                "The header line lacks the column(s) {}; it has: {}. The columns needed are area_code, year and value.",
                missing.join(", "),
                excerpt(&has.join(", "))
            ),
        });
        return (None, problems);
    };

    let codes = Codes::new(bundle);
    // (area, year, value, decimals, line)
    let mut rows: Vec<(AreaId, u16, Option<f64>, u8, usize)> = Vec::new();
    // The line of the first figure for each area and year, to find repeats
    // without comparing every line with every other.
    let span = usize::from(YEARS.end() - YEARS.start()) + 1;
    let mut first_line = vec![0usize; bundle.areas.len() * span];
    // Lines that could not be used, and how many of them are listed.
    let mut bad = 0usize;
    let mut listed = 0usize;
    for (read, rec) in records.enumerate() {
        if rec.unclosed {
            problems.push(unclosed(rec.line));
            bad += 1;
            listed += 1;
            break;
        }
        if read == MAX_ROWS {
            problems.push(Problem {
                line: rec.line,
                message: format!(
                    "only the first {} lines of figures are read; this line and those after it were left out.",
                    crate::scale::format::number(MAX_ROWS as f64, 0)
                ),
            });
            break;
        }
        // Problems past the first MAX_PROBLEMS are only counted: their
        // messages (and "did you mean" searches) are never built.
        let mut say = |message: &dyn Fn() -> String| {
            bad += 1;
            if listed < MAX_PROBLEMS {
                listed += 1;
                problems.push(Problem {
                    line: rec.line,
                    message: message(),
                });
            }
        };
        let get = |c: usize| rec.fields.get(c).map_or("", |f| f.as_ref());
        let (code, year_text, value_text) = (get(c_code), get(c_year), get(c_value));
        let Some(year) = year_text.parse::<u16>().ok().filter(|y| YEARS.contains(y)) else {
            say(&|| {
                format!(
                    "year \"{}\" is not a year from {} to {} (write it as four digits, e.g. 2024).",
                    excerpt(year_text),
                    YEARS.start(),
                    YEARS.end()
                )
            });
            continue;
        };
        let Some(area) = codes.find(bundle, code, year) else {
            say(&|| {
                let hint =
                    crate::suggest::nearest(code, bundle.areas.iter().map(|a| a.code.as_str()))
                        .and_then(|n| bundle.area_id(n))
                        .map_or(String::new(), |a| {
                            format!(
                                " Did you mean {} ({})?",
                                bundle.area(a).code,
                                bundle.area(a).name
                            )
                        });
                format!(
                    "area code \"{}\" is not an English region or upper-tier authority.{hint}",
                    excerpt(code)
                )
            });
            continue;
        };
        // A blank value is a gap in the page's figures, drawn as one.
        let parsed = if value_text.trim().is_empty() {
            Some((None, 0))
        } else {
            number(value_text).map(|(v, d)| (Some(v), d))
        };
        let Some((value, decimals)) = parsed else {
            say(&|| {
                format!(
                    "value \"{}\" is not a number (write digits with an optional sign and decimal point, e.g. 12.5 or −3; no letters or exponents).",
                    excerpt(value_text)
                )
            });
            continue;
        };
        if value.is_some_and(|v| v.is_nan() || v.abs() >= MAX_VALUE) {
            say(&|| {
                format!(
                    "value \"{}\" is too large: values must be smaller than {} either side of zero.",
                    excerpt(value_text),
                    crate::scale::format::number(MAX_VALUE, 0)
                )
            });
            continue;
        }
        let slot = area.index() * span + usize::from(year - YEARS.start());
        match first_line.get(slot).copied() {
            Some(0) => first_line[slot] = rec.line,
            Some(first) => {
                say(&|| {
                    format!(
                        "{} {year} appears again (first on line {first}); the first is kept.",
                        bundle.area(area).code,
                    )
                });
                continue;
            }
            None => continue,
        }
        rows.push((area, year, value, decimals, rec.line));
    }
    if bad > listed {
        problems.push(Problem {
            line: 0,
            message: format!("…and {} more problem(s).", bad - listed),
        });
    }
    if rows.iter().all(|r| r.2.is_none()) {
        problems.push(Problem {
            line: 0,
            message: if rows.is_empty() {
                "No line of the CSV could be used, so there is nothing to show.".into()
            } else {
                "Every value in the CSV is blank, so there is nothing to show.".into()
            },
        });
        return (None, problems);
    }

    let first = rows.iter().map(|r| r.1).min().unwrap_or(0);
    let last = rows.iter().map(|r| r.1).max().unwrap_or(0);
    let width = usize::from(last - first) + 1;
    let decimals = rows.iter().map(|r| r.3).max().unwrap_or(0);
    // The areas with figures, in bundle order, and each one's row.
    let mut row_of: Vec<Option<usize>> = vec![None; bundle.areas.len()];
    for r in &rows {
        row_of[r.0.index()] = Some(0);
    }
    let mut areas: Vec<AreaId> = Vec::new();
    for (a, row) in row_of.iter_mut().enumerate() {
        if row.is_some() {
            *row = Some(areas.len());
            areas.push(AreaId(a as u16));
        }
    }
    let mut cells = vec![Cell::Missing(Missing::NotPublished); areas.len() * width];
    for &(a, y, value, d, _) in &rows {
        let row = row_of[a.index()].unwrap_or(0);
        if let Some(value) = value {
            cells[row * width + usize::from(y - first)] = Cell::Value {
                value,
                decimals: d,
                basis: Basis::Page,
            };
        }
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
        family: USER_FAMILY.into(),
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
        next_year_areas: false,
        categories: Vec::new(),
    });
    b.series.push(Arc::new(Series {
        areas,
        cells,
        dates: Vec::new(),
    }));
    (Some(b), problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bundle() -> Bundle {
        crate::data::complete().unwrap()
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
    fn a_blank_value_is_a_gap_and_page_figures_are_not_official() {
        let csv = "area_code,year,value\nE06000047,2024,\nE06000047,2025,13\n";
        let (b, problems) = add_user_measure(&bundle(), csv, &meta());
        assert!(problems.is_empty(), "{problems:?}");
        let b = b.unwrap();
        let m = b.measure_id(USER_MEASURE).unwrap();
        let durham = b.area_id("E06000047").unwrap();
        assert_eq!(
            b.cell(m, durham, 2024),
            Cell::Missing(Missing::NotPublished)
        );
        assert!(matches!(
            b.cell(m, durham, 2025),
            Cell::Value {
                basis: Basis::Page,
                ..
            }
        ));
        let (none, problems) = add_user_measure(
            &bundle(),
            "area_code,year,value\nE06000047,2024, \n",
            &meta(),
        );
        assert!(none.is_none());
        assert!(problems[0].message.contains("blank"), "{problems:?}");
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

    /// Issue 14, defect 10: CR-only line endings rejected the whole file, a
    /// quoted field holding a line break lost its row, and `+5` was refused
    /// while `+2024` was accepted.
    #[test]
    fn rfc_4180_line_endings_quoted_newlines_and_plus_signs() {
        let b = bundle();
        let durham = b.area_id("E06000047").unwrap();
        let ne = b.area_id("E12000001").unwrap();
        for (csv, lines) in [
            ("area_code,year,value\rE06000047,2024,+5\rE12000001,2024,7\r", [2, 3]),
            ("area_code,year,value\r\nE06000047,2024,+5\r\nE12000001,2024,7", [2, 3]),
            ("area_code,note,year,value\nE06000047,\"two\nlines\",2024,+5\nE12000001,,2024,7\n", [2, 4]),
            ("\u{feff}\"area_code\",\"year\",\"value\"\n\"E06000047\",\"2024\",\" +5 \"\n\nE12000001,+2024,7", [2, 4]),
        ] {
            let (nb, problems) = add_user_measure(&b, csv, &meta());
            assert!(problems.is_empty(), "{csv:?}: {problems:?}");
            let nb = nb.unwrap();
            let m = nb.measure_id(USER_MEASURE).unwrap();
            assert_eq!(nb.cell(m, durham, 2024).value(), Some(5.0), "{csv:?}");
            assert_eq!(nb.cell(m, ne, 2024).value(), Some(7.0), "{csv:?}");
            // A bad line is reported on the line it starts on.
            let bad = csv.replace(",7", ",seven");
            let (_, problems) = add_user_measure(&b, &bad, &meta());
            assert_eq!(problems.len(), 1, "{bad:?}: {problems:?}");
            assert_eq!(problems[0].line, lines[1], "{bad:?}: {problems:?}");
        }
        let (nb, problems) =
            add_user_measure(&b, "area_code,year,value\nE06000047,2024,\"5\n", &meta());
        assert!(nb.is_none());
        assert_eq!(problems[0].line, 2);
        assert!(problems[0].message.contains("never closed"), "{problems:?}");
    }

    /// Issue 14, defect 1: `1` followed by 400 zeros parsed to infinity and
    /// crashed the widget's ticks; huge values are now refused by name.
    #[test]
    fn huge_values_are_refused_naming_the_value_and_the_limit() {
        let b = bundle();
        let huge = format!("1{}", "0".repeat(400));
        let csv = format!("area_code,year,value\nE06000047,2024,{huge}\nE12000001,2024,-17{}\nE12000002,2024,999999999999999\n", "0".repeat(306));
        let (nb, problems) = add_user_measure(&b, &csv, &meta());
        let lines: Vec<usize> = problems.iter().map(|p| p.line).collect();
        assert_eq!(lines, vec![2, 3], "{problems:?}");
        assert!(
            problems[0].message.contains("value \"1000000000"),
            "{}",
            problems[0].message
        );
        assert!(
            problems[0].message.contains("(401 characters)"),
            "{}",
            problems[0].message
        );
        assert!(
            problems[0]
                .message
                .contains("smaller than 1,000,000,000,000,000"),
            "{}",
            problems[0].message
        );
        let nb = nb.unwrap();
        let m = nb.measure_id(USER_MEASURE).unwrap();
        let v = nb.cell(m, nb.area_id("E12000002").unwrap(), 2024).value();
        assert_eq!(v, Some(999_999_999_999_999.0));
    }

    /// Issue 14, defects 8 and 14: long inputs are bounded before any
    /// quadratic work, and `setData`'s size, row and label caps are named.
    #[test]
    fn long_inputs_are_capped_with_named_limits_and_stay_fast() {
        let b = bundle();
        let t = std::time::Instant::now();
        let big = "x".repeat(MAX_CSV_CHARS + 1);
        let (nb, p) = add_user_measure(&b, &big, &meta());
        assert!(nb.is_none());
        assert!(
            p[0].message
                .contains("longer than 1,000,000 characters, the most the widget reads"),
            "{p:?}"
        );

        // Junk lines: only the first problems are worded ("did you mean" is not run for the rest).
        let mut junk = String::from("area_code,year,value\n");
        while junk.len() < MAX_CSV_CHARS - 40 {
            junk.push_str("E0600004x,2024,1\n");
        }
        let (_, p) = add_user_measure(&b, &junk, &meta());
        assert_eq!(
            p.len(),
            MAX_PROBLEMS + 3,
            "20 listed, the row cap, the rest counted, nothing usable"
        );
        assert!(
            p.iter()
                .any(|p| p.message.contains("only the first 20,000 lines")),
            "{p:?}"
        );

        // Every area and year once: no pairwise search for repeats.
        let mut good = String::from("area_code,year,value\n");
        for a in b.areas.iter().filter(|a| a.live_in(2025)) {
            for y in 1990..=2100 {
                good.push_str(&format!("{},{y},1.5\n", a.code));
            }
        }
        let (nb, p) = add_user_measure(&b, &good, &meta());
        assert!(nb.is_some(), "{p:?}");
        assert!(t.elapsed().as_secs() < 20, "{:?}", t.elapsed());

        let long = UserMeta {
            label: "=".repeat(MAX_META_CHARS + 1),
            ..meta()
        };
        let (nb, p) = add_user_measure(&b, "area_code,year,value\nE06000047,2024,1\n", &long);
        assert!(nb.is_none());
        assert!(
            p[0].message.contains(
                "label (data-label) \"========================================…\" is longer than 200 characters, the most allowed"
            ),
            "{p:?}"
        );
    }

    #[test]
    fn the_code_index_finds_what_the_bundle_finds() {
        let b = bundle();
        let codes = Codes::new(&b);
        let mut words: Vec<String> = b
            .areas
            .iter()
            .flat_map(|a| std::iter::once(a.code.clone()).chain(a.aliases.clone()))
            .collect();
        words.extend(["", " e06000047 ", "E0600004", "x", "E06000047x"].map(String::from));
        for w in &words {
            for year in [1990, 2010, 2019, 2020, 2023, 2024, 2025, 2100] {
                let want = b.area_at(w, year).or_else(|| b.area_id(w));
                assert_eq!(codes.find(&b, w, year), want, "{w:?} in {year}");
            }
        }
    }

    #[test]
    fn numbers_parse_strictly() {
        assert_eq!(number("12.5"), Some((12.5, 1)));
        assert_eq!(number("\u{2212}3"), Some((-3.0, 0)));
        assert_eq!(number("1 234"), Some((1234.0, 0)));
        assert_eq!(number("12.5.1"), None);
        assert_eq!(number("1e5"), None);
        assert_eq!(number("+5"), Some((5.0, 0)));
        assert_eq!(number("+-5"), None);
        assert_eq!(number("-"), None);
        assert_eq!(number(""), None);
        let fields = |text: &str| -> Vec<Vec<String>> {
            Records::new(text)
                .map(|r| r.fields.iter().map(|f| f.to_string()).collect())
                .collect()
        };
        assert_eq!(
            fields("\"a, b\",\"say \"\"hi\"\"\", c"),
            vec![vec!["a, b", "say \"hi\"", "c"]]
        );
        // Lenient: text after a closing quote is kept; a quote inside a field is a character.
        assert_eq!(
            fields(" \"a\"b ,x\"y\r\n\"open\nstill"),
            vec![vec!["ab", "x\"y"], vec!["open\nstill"]]
        );
    }
}
