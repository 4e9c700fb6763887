//! The CSV export: every figure the widget is showing, one per line, with
//! where it came from, then the source and licence lines the Open
//! Government Licence asks for.

use crate::data::{AreaId, Basis, Bundle, Cell, Kind, MeasureId};
use crate::scale::format;

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

/// `(area, year)` pairs shown: the map's areas in its year, and every year
/// of the trend's lines. Duplicates are written once.
pub fn csv(bundle: &Bundle, measure: MeasureId, figures: &[(AreaId, u16)]) -> String {
    csv_of(bundle, &[(measure, figures)])
}

/// The figures of several measures in one file (the scatter's two), each
/// measure's rows in turn, then each source once.
pub fn csv_of(bundle: &Bundle, parts: &[(MeasureId, &[(AreaId, u16)])]) -> String {
    let mut out =
        String::from("area_code,area_name,level,measure,measure_label,unit,year,value,basis\r\n");
    for &(measure, figures) in parts {
        rows(bundle, measure, figures, &mut out);
    }
    let measures: Vec<MeasureId> = parts.iter().map(|p| p.0).collect();
    trailer(bundle, &measures, &mut out);
    out
}

fn rows(bundle: &Bundle, measure: MeasureId, figures: &[(AreaId, u16)], out: &mut String) {
    let m = bundle.measure(measure);
    let mut seen: Vec<(AreaId, u16)> = Vec::new();
    for &(area, year) in figures {
        if seen.contains(&(area, year)) {
            continue;
        }
        seen.push((area, year));
        let a = bundle.area(area);
        let cell = bundle.cell(measure, area, year);
        let (value, basis) = match cell {
            Cell::Value { value, .. } if m.kind == Kind::Category => (
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
        let numeric = m.kind != Kind::Category;
        let line = [
            text(&a.code),
            text(&a.name),
            text(a.level.keyword()),
            text(&m.id),
            text(&m.label),
            text(&m.unit),
            year.to_string(),
            if numeric { field(&value) } else { text(&value) },
            text(&basis),
        ];
        *out += &line.join(",");
        *out += "\r\n";
    }
}

/// Who the figures come from: each measure's own source line (see
/// [`crate::view::text::source_line`]), once each, and its publication's address.
fn trailer(bundle: &Bundle, measures: &[MeasureId], out: &mut String) {
    *out += "\r\n";
    let mut said: Vec<String> = Vec::new();
    for &m in measures {
        let line = crate::view::text::source_line(bundle, m);
        if said.contains(&line) {
            continue;
        }
        *out += &text(&line);
        *out += "\r\n";
        let url = &bundle.source_of(m).url;
        if !url.is_empty() {
            *out += &text(&format!("Publication: {url}"));
            *out += "\r\n";
        }
        said.push(line);
    }
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
    }
}
