//! The exports, as pure data: the CSV of every figure the widget is
//! showing (what they are, their source and the licence the Open Government
//! Licence asks for as `#` comment lines above the header), the files'
//! names, and where each part goes in the PNG.

use crate::data::{AreaId, Basis, Bundle, Cell, Kind, MeasureId};
use crate::scale::format;
use crate::view::trend::{percent_change, Rect};

/// A text cell a spreadsheet will not run: one starting with `=`, `+`, `-`,
/// `@`, a tab or a carriage return is read as a formula by Excel, LibreOffice
/// and Sheets, so (as OWASP advises for CSV injection) it gets a leading `'`,
/// which they show as text. Numbers the widget writes never go through here.
fn text(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        field(&format!("'{s}"))
    } else {
        field(s)
    }
}

fn field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// The figures' file name: `care-atlas-cla-rate-2025.csv`, or in %-change
/// mode `care-atlas-cla-rate-change-since-2010-2025.csv`. `slug` is the
/// measure's id as it goes in a file name.
pub fn file_name(slug: &str, year: u16, base_year: Option<u16>, ext: &str) -> String {
    match base_year {
        Some(b) => format!("care-atlas-{slug}-change-since-{b}-{year}.{ext}"),
        None => format!("care-atlas-{slug}-{year}.{ext}"),
    }
}

/// A `yyyymmdd` date as ISO 8601 ("2025-03-24"), what spreadsheets read as a date.
fn iso_date(d: u32) -> String {
    let (y, m, day) = (d / 10_000, (d / 100) % 100, d % 100);
    let two = |n: u32| format!("{}{}", n / 10, n % 10);
    match (m, day) {
        (0, _) => y.to_string(),
        (m, 0) => format!("{y}-{}", two(m)),
        (m, d) => format!("{y}-{}-{}", two(m), two(d)),
    }
}

/// A comment line: `#` then the text, on one line (a CSV reader told that
/// `#` starts a comment skips it; R's `read.csv(comment.char = "#")`,
/// pandas' `comment="#"` and Papa Parse's `comments: "#"` do). A spreadsheet
/// opening the file still splits it at commas, so, as for cells (see
/// [`text`]), no piece may start like a formula, and double quotes become
/// single ones so no piece opens a quoted field.
fn comment(out: &mut String, text: &str) {
    out.push_str("# ");
    let one_line = text.replace(['\r', '\n'], " ").replace('"', "'");
    for (i, piece) in one_line.split(',').enumerate() {
        if i > 0 {
            out.push(',');
        }
        if piece.trim_start().starts_with(['=', '+', '-', '@', '\t']) {
            out.push('\'');
        }
        out.push_str(piece);
    }
    out.push_str("\r\n");
}

/// The CSV of the figures shown: `(area, year)` pairs (the map's areas in
/// its year, and every year of the trend's lines), each written once.
///
/// What the figures are, their source and licence come first as `#`
/// comment lines, then one header row and only rows of data, so a CSV
/// reader told about comments reads nothing but figures. With `base_year`
/// (the trend's "change since" mode) each row also has the base year's
/// value and the % change since it, named so in the header
/// (`change_since_2010_pct`). Measures with a date per area (Ofsted's
/// judgements) get the date the tooltip shows, `inspection_date`.
pub fn csv(
    bundle: &Bundle,
    measure: MeasureId,
    figures: &[(AreaId, u16)],
    base_year: Option<u16>,
) -> String {
    csv_of(bundle, &[(measure, figures)], base_year)
}

/// The figures of several measures in one file (the scatter's two): each
/// measure described in the comments, then its rows in turn, as [`csv`].
pub fn csv_of(
    bundle: &Bundle,
    parts: &[(MeasureId, &[(AreaId, u16)])],
    base_year: Option<u16>,
) -> String {
    let categorical = |m: MeasureId| bundle.measure(m).kind == Kind::Category;
    let dated = parts
        .iter()
        .any(|&(m, figures)| figures.iter().any(|&(a, _)| bundle.date(m, a).is_some()));
    let date_col = if parts.iter().any(|&(m, _)| categorical(m)) {
        "inspection_date"
    } else {
        "date"
    };
    let mut out = String::new();
    let mut said: Vec<String> = Vec::new();
    for &(measure, _) in parts {
        let m = bundle.measure(measure);
        if m.unit.is_empty() {
            comment(&mut out, &m.label);
        } else {
            comment(&mut out, &format!("{} ({})", m.label, m.unit));
        }
        // Each measure's own publisher, once; a page's figures credited to the page.
        let line = crate::view::text::source_line(bundle, measure);
        if !said.contains(&line) {
            comment(&mut out, &line);
            let url = &bundle.source_of(measure).url;
            if !url.is_empty() {
                comment(&mut out, &format!("Publication: {url}"));
            }
            said.push(line);
        }
    }
    comment(
        &mut out,
        "basis: official (as published), derived (computed from published figures, with its formula) or supplied by this page (the page's own figures, not official statistics); an empty value is a gap, with its reason.",
    );
    if let Some(b) = base_year {
        comment(
            &mut out,
            &format!("change_since_{b}_pct: the % change from the area's {b} value, (value / value_{b} - 1) x 100, computed by care-atlas from the published figures."),
        );
    }
    if dated {
        comment(
            &mut out,
            &format!("{date_col}: the date of the inspection whose judgement is shown."),
        );
    }
    let mut header =
        String::from("area_code,area_name,level,measure,measure_label,unit,year,value");
    if let Some(b) = base_year {
        header += &format!(",value_{b},change_since_{b}_pct");
    }
    header += ",basis";
    if dated {
        header += ",";
        header += date_col;
    }
    out += &header;
    out += "\r\n";
    for &(measure, figures) in parts {
        rows(bundle, measure, figures, base_year, dated, &mut out);
    }
    out
}

/// One measure's rows of [`csv_of`].
fn rows(
    bundle: &Bundle,
    measure: MeasureId,
    figures: &[(AreaId, u16)],
    base_year: Option<u16>,
    dated: bool,
    out: &mut String,
) {
    let m = bundle.measure(measure);
    let categorical = m.kind == Kind::Category;
    let mut seen: Vec<(AreaId, u16)> = Vec::new();
    for &(area, year) in figures {
        if seen.contains(&(area, year)) {
            continue;
        }
        seen.push((area, year));
        let a = bundle.area(area);
        let cell = bundle.cell(measure, area, year);
        let (value, basis) = match cell {
            Cell::Value { value, .. } if categorical => (
                m.categories
                    .get(value.max(0.0) as usize)
                    .cloned()
                    .unwrap_or_default(),
                "official".to_string(),
            ),
            // Plain digits, no thousands separators: spreadsheets read these as numbers.
            Cell::Value {
                value,
                decimals,
                basis,
            } => (
                format::plain(value, decimals),
                match basis {
                    Basis::Official => "official".to_string(),
                    Basis::Page => "supplied by this page".to_string(),
                    Basis::Derived(n) => format!(
                        "derived: {}",
                        bundle.notes.get(usize::from(n)).map_or("", String::as_str)
                    ),
                },
            ),
            Cell::Missing(why) => (String::new(), format!("no data: {}", why.reason())),
        };
        let mut line = vec![
            text(&a.code),
            text(&a.name),
            text(a.level.keyword()),
            text(&m.id),
            text(&m.label),
            text(&m.unit),
            year.to_string(),
            if categorical {
                text(&value)
            } else {
                field(&value)
            },
        ];
        if let Some(b) = base_year {
            let base = bundle.cell(measure, area, b);
            let change = cell
                .value()
                .zip(base.value())
                .filter(|_| !categorical)
                .and_then(|(v, b)| percent_change(v, b));
            line.push(match base {
                Cell::Value {
                    value, decimals, ..
                } if !categorical => format::plain(value, decimals),
                _ => String::new(),
            });
            line.push(change.map_or_else(String::new, |c| format::plain(c, 1)));
        }
        line.push(text(&basis));
        if dated {
            line.push(
                bundle
                    .date(measure, area)
                    .map_or_else(String::new, iso_date),
            );
        }
        *out += &line.join(",");
        *out += "\r\n";
    }
}

/// Padding round the exported picture, CSS px.
pub const PAD: f64 = 16.0;
/// Exported pictures are drawn at twice CSS size, for print and slides.
pub const SCALE: f64 = 2.0;
/// Line heights in the picture, CSS px: title, trend heading, legend, source.
pub const TITLE_LINE: f64 = 22.0;
/// See [`TITLE_LINE`].
pub const HEADING_LINE: f64 = 18.0;
/// See [`TITLE_LINE`].
pub const LEGEND_LINE: f64 = 20.0;
/// See [`TITLE_LINE`].
pub const SOURCE_LINE: f64 = 15.0;
/// See [`TITLE_LINE`].
pub const KEY_LINE: f64 = 15.0;
/// Space between blocks, CSS px.
const SPACE: f64 = 8.0;

/// What goes in the picture, measured: sizes in CSS px, text as line counts
/// (the browser measures and wraps the words).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SheetSpec {
    /// The widget's width as laid out (the picture's, less its padding).
    pub width: f64,
    /// Map and trend side by side, as on screen.
    pub wide: bool,
    /// Between the map and the trend when side by side.
    pub gap: f64,
    /// The map's box, if shown.
    pub map: Option<(f64, f64)>,
    /// The trend's box, if shown.
    pub trend: Option<(f64, f64)>,
    /// Lines of the title, of the trend's heading, of the legend (its title
    /// included) and of the source.
    pub title_lines: usize,
    /// See [`SheetSpec::title_lines`].
    pub heading_lines: usize,
    /// See [`SheetSpec::title_lines`].
    pub legend_lines: usize,
    /// See [`SheetSpec::title_lines`].
    pub source_lines: usize,
    /// Lines of the trend's key below the chart, when its lines' names do
    /// not fit at their ends (narrow widths); 0 otherwise.
    pub key_lines: usize,
}

/// Where each part of the picture goes, CSS px (the canvas is [`SCALE`] ×).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Sheet {
    /// The picture's size.
    pub width: f64,
    /// See [`Sheet::width`].
    pub height: f64,
    /// Each part's box.
    pub title: Rect,
    /// See [`Sheet::title`].
    pub map: Option<Rect>,
    /// See [`Sheet::title`].
    pub legend: Option<Rect>,
    /// See [`Sheet::title`].
    pub heading: Option<Rect>,
    /// See [`Sheet::title`].
    pub trend: Option<Rect>,
    /// See [`Sheet::title`].
    pub source: Rect,
    /// The trend's key, below the chart.
    pub key: Option<Rect>,
}

/// Lays the picture out as the widget is on screen: the map (with its
/// legend below it) beside the trend when `wide`, else one above the other.
pub fn sheet(s: &SheetSpec) -> Sheet {
    let title = Rect {
        x: PAD,
        y: PAD,
        w: s.width,
        h: s.title_lines as f64 * TITLE_LINE,
    };
    let top = title.bottom() + SPACE;
    let legend_h = s.legend_lines as f64 * LEGEND_LINE;
    let heading_h = s.heading_lines as f64 * HEADING_LINE;
    // The map's column: the map, then its legend.
    let map_col = |x: f64, y: f64| {
        let map = s.map.map(|(w, h)| Rect { x, y, w, h });
        let below = map.map_or(y, |m| m.bottom() + SPACE);
        let legend = (s.legend_lines > 0).then_some(Rect {
            x,
            y: below,
            w: s.map.map_or(s.width, |m| m.0),
            h: legend_h,
        });
        let end = legend.map_or(below, |l| l.bottom() + SPACE);
        (map, legend, end)
    };
    // The trend's column: its heading, then the chart.
    let trend_col = |x: f64, y: f64| match s.trend {
        Some((w, h)) => {
            let heading = Rect {
                x,
                y,
                w,
                h: heading_h,
            };
            let trend = Rect {
                x,
                y: heading.bottom() + 4.0,
                w,
                h,
            };
            let key = (s.key_lines > 0).then_some(Rect {
                x,
                y: trend.bottom() + 4.0,
                w,
                h: s.key_lines as f64 * KEY_LINE,
            });
            let end = key.map_or(trend.bottom(), |k| k.bottom());
            (Some(heading), Some(trend), key, end + SPACE)
        }
        None => (None, None, None, y),
    };
    let (map, legend, heading, trend, key, end) = match (s.wide, s.map) {
        (true, Some((mw, _))) if s.trend.is_some() => {
            let (map, legend, a) = map_col(PAD, top);
            let (heading, trend, key, b) = trend_col(PAD + mw + s.gap, top);
            (map, legend, heading, trend, key, a.max(b))
        }
        _ => {
            let (map, legend, a) = map_col(PAD, top);
            let (heading, trend, key, b) = trend_col(PAD, a);
            (map, legend, heading, trend, key, b)
        }
    };
    let source = Rect {
        x: PAD,
        y: end,
        w: s.width,
        h: s.source_lines as f64 * SOURCE_LINE,
    };
    Sheet {
        width: s.width + 2.0 * PAD,
        height: source.bottom() + PAD,
        title,
        map,
        legend,
        heading,
        trend,
        source,
        key,
    }
}

/// Legend entries `widths` px wide, flowed into rows of `width` px with
/// `gap` between entries, as the page's legend wraps: each entry's x and row.
pub fn flow(widths: &[f64], width: f64, gap: f64) -> Vec<(f64, usize)> {
    let mut out = Vec::with_capacity(widths.len());
    let (mut x, mut row) = (0.0, 0);
    for &w in widths {
        if x > 0.0 && x + w > width {
            x = 0.0;
            row += 1;
        }
        out.push((x, row));
        x += w + gap;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_with_commas_or_quotes_are_quoted() {
        assert_eq!(field("North East"), "North East");
        assert_eq!(
            field("Bournemouth, Christchurch and Poole"),
            "\"Bournemouth, Christchurch and Poole\""
        );
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
    }

    /// Issue 14, defect 7: `data-label='=HYPERLINK(...)'` and
    /// `data-unit="+cmd|..."` were written raw into every exported row.
    #[test]
    fn formula_like_text_is_neutralised_but_numbers_are_not() {
        assert_eq!(
            text("=HYPERLINK(\"http://x\",\"y\")"),
            "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""
        );
        assert_eq!(text("+cmd|' /C calc'!A0"), "'+cmd|' /C calc'!A0");
        for bad in ["-1+1", "@SUM(A1)", "\tx", "\rx"] {
            assert!(
                text(bad).trim_start_matches('"').starts_with('\''),
                "{bad:?}"
            );
        }
        assert_eq!(text("North East"), "North East");
        // Comment lines are split at commas by a spreadsheet too.
        let mut c = String::new();
        comment(&mut c, "Mine,=HYPERLINK(\"http://x\"),+cmd, per 10,000");
        assert_eq!(c, "# Mine,'=HYPERLINK('http://x'),'+cmd, per 10,000\r\n");
    }

    fn shown(c: Cell) -> String {
        match c {
            Cell::Value {
                value, decimals, ..
            } => format::plain(value, decimals),
            Cell::Missing(_) => String::new(),
        }
    }

    fn figures() -> (Bundle, MeasureId, Vec<(AreaId, u16)>) {
        let b = Bundle::decode(crate::data::EMBEDDED).unwrap();
        let m = b.measure_id("cla_rate").unwrap();
        let ne = b.area_id("E12000001").unwrap();
        let eng = b.country().unwrap();
        let mut f = vec![(eng, 2025), (ne, 2025)];
        f.extend((2010..=2025).map(|y| (ne, y)));
        (b, m, f)
    }

    /// A minimal RFC 4180 reader that skips `#` lines, as a CSV library told
    /// about comments does: every other line must be the header or data.
    fn rows(csv: &str) -> Vec<Vec<String>> {
        let mut out = Vec::new();
        for line in csv
            .split("\r\n")
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
        {
            let (mut row, mut cur, mut quoted, mut chars) =
                (vec![], String::new(), false, line.chars().peekable());
            while let Some(c) = chars.next() {
                match (c, quoted) {
                    ('"', true) if chars.peek() == Some(&'"') => {
                        cur.push('"');
                        chars.next();
                    }
                    ('"', q) => quoted = !q,
                    (',', false) => row.push(std::mem::take(&mut cur)),
                    (c, _) => cur.push(c),
                }
            }
            row.push(cur);
            out.push(row);
        }
        out
    }

    /// Issue 10: the source and licence lines came after the rows, and a
    /// parser read them as rows of one field.
    #[test]
    fn metadata_is_in_comment_lines_before_the_header_and_rows_are_all_data() {
        let (b, m, f) = figures();
        let out = csv(&b, m, &f, None);
        let (comments, rest): (Vec<&str>, Vec<&str>) = out
            .split("\r\n")
            .filter(|l| !l.is_empty())
            .partition(|l| l.starts_with('#'));
        assert!(out.starts_with("# "), "metadata first");
        assert!(comments
            .iter()
            .any(|c| c.contains("Open Government Licence")));
        assert!(comments.iter().any(|c| c.contains("Source: ")));
        assert!(
            rest[0].starts_with("area_code,"),
            "then the header: {}",
            rest[0]
        );
        let r = rows(&out);
        let n = r[0].len();
        assert!(
            r.iter().all(|row| row.len() == n),
            "every row has the header's {n} fields"
        );
        assert_eq!(
            r.len(),
            1 + 17,
            "the header and 17 figures (England, and the North East's 16 years once each)"
        );
        let ne2010 = r
            .iter()
            .find(|row| row[0] == "E12000001" && row[6] == "2010")
            .unwrap();
        assert_eq!(
            ne2010[7],
            shown(b.cell(m, b.area_id("E12000001").unwrap(), 2010))
        );
    }

    #[test]
    fn change_mode_exports_the_changes_named_as_such() {
        let (b, m, f) = figures();
        let out = csv(&b, m, &f, Some(2010));
        let r = rows(&out);
        let col = r[0]
            .iter()
            .position(|h| h == "change_since_2010_pct")
            .expect("named column");
        let base = r[0].iter().position(|h| h == "value_2010").unwrap();
        let ne = b.area_id("E12000001").unwrap();
        let (v25, v10) = (
            b.cell(m, ne, 2025).value().unwrap(),
            b.cell(m, ne, 2010).value().unwrap(),
        );
        let row = r
            .iter()
            .find(|row| row[0] == "E12000001" && row[6] == "2025")
            .unwrap();
        let got: f64 = row[col].parse().unwrap();
        assert!((got - (v25 / v10 - 1.0) * 100.0).abs() < 0.051, "{got}");
        assert_eq!(row[base], shown(b.cell(m, ne, 2010)));
        assert!(v10 > 0.0);
        let at_base = r
            .iter()
            .find(|row| row[0] == "E12000001" && row[6] == "2010")
            .unwrap();
        assert_eq!(at_base[col].parse::<f64>().unwrap(), 0.0);
        assert!(out.contains("# change_since_2010_pct: "));
        assert_eq!(
            file_name("cla-rate", 2025, Some(2010), "csv"),
            "care-atlas-cla-rate-change-since-2010-2025.csv"
        );
        assert_eq!(
            file_name("cla-rate", 2025, None, "csv"),
            "care-atlas-cla-rate-2025.csv"
        );
    }

    #[test]
    fn ofsted_exports_the_inspection_date_the_tooltip_shows() {
        let b = Bundle::decode(crate::data::EMBEDDED).unwrap();
        let m = b.measure_id("ofsted_overall").unwrap();
        let durham = b.area_id("E06000047").unwrap();
        let r = rows(&csv(&b, m, &[(durham, 2025)], None));
        let col = r[0]
            .iter()
            .position(|h| h == "inspection_date")
            .expect("a date column");
        let d = b.date(m, durham).unwrap();
        assert_eq!(
            r[1][col],
            format!("{}-{:02}-{:02}", d / 10_000, (d / 100) % 100, d % 100)
        );
        // The tooltip's words give the same day.
        let tip = crate::view::text::tooltip(&b, m, durham, 2025);
        assert!(
            tip.detail.contains(&crate::view::text::date(d)),
            "{}",
            tip.detail
        );
        // Measures without dates get no date column.
        let (b, cla, f) = figures();
        assert!(!rows(&csv(&b, cla, &f, None))[0]
            .iter()
            .any(|h| h.ends_with("date")));
    }

    fn spec(width: f64, wide: bool) -> SheetSpec {
        let (map_w, trend_w) = if wide {
            (512.0, width - 512.0 - 24.0)
        } else {
            (width, width)
        };
        SheetSpec {
            width,
            wide,
            gap: 24.0,
            map: Some((map_w, 600.0)),
            trend: Some((trend_w, 300.0)),
            title_lines: 1,
            heading_lines: 2,
            legend_lines: 3,
            source_lines: 2,
            key_lines: 0,
        }
    }

    /// Issue 10: a side-by-side view 1024 px wide downloaded as a 1024 × 2363 stack.
    #[test]
    fn the_picture_keeps_the_arrangement_on_screen() {
        let s = sheet(&spec(1024.0, true));
        assert_eq!(s.width, 1024.0 + 2.0 * PAD);
        let (map, trend) = (s.map.unwrap(), s.trend.unwrap());
        assert!(trend.x >= map.right() + 24.0 - 1e-9, "trend beside the map");
        assert_eq!(
            s.heading.unwrap().y,
            map.y,
            "both columns start under the title"
        );
        assert!(trend.right() <= s.width - PAD + 1e-9);
        assert!(s.height < 600.0 + 300.0, "not a stack: {}", s.height);
        assert!(
            s.legend.unwrap().y >= map.bottom() && s.legend.unwrap().right() <= map.right() + 1e-9
        );
        assert!(s.source.y >= s.legend.unwrap().bottom() && s.source.y >= trend.bottom());
        let n = sheet(&spec(600.0, false));
        let (map, trend) = (n.map.unwrap(), n.trend.unwrap());
        assert_eq!(map.x, trend.x);
        assert!(
            trend.y > n.legend.unwrap().bottom(),
            "stacked: map, legend, then the trend"
        );
        assert!(n.height > 600.0 + 300.0);
        let keyed = sheet(&SheetSpec {
            key_lines: 4,
            ..spec(600.0, false)
        });
        let k = keyed.key.unwrap();
        assert!(k.y >= keyed.trend.unwrap().bottom() && keyed.source.y >= k.bottom());
        assert_eq!(keyed.height, n.height + 4.0 + 4.0 * KEY_LINE);
        assert_eq!(n.width * SCALE, 1264.0);
    }

    #[test]
    fn legend_entries_flow_into_rows() {
        assert_eq!(
            flow(&[50.0, 50.0, 50.0], 120.0, 10.0),
            vec![(0.0, 0), (60.0, 0), (0.0, 1)]
        );
        assert_eq!(
            flow(&[500.0], 120.0, 10.0),
            vec![(0.0, 0)],
            "a long entry has a row of its own"
        );
    }
}
