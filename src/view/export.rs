//! The CSV export: every figure the widget is showing, one per line, with
//! where it came from, then the source and licence lines the Open
//! Government Licence asks for.

use crate::data::{AreaId, Basis, Bundle, Cell, Kind, MeasureId};
use crate::scale::format;

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
    let m = bundle.measure(measure);
    let mut seen: Vec<(AreaId, u16)> = Vec::new();
    let mut out =
        String::from("area_code,area_name,level,measure,measure_label,unit,year,value,basis\r\n");
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
                format::number(value, decimals)
                    .replace(',', "")
                    .replace('\u{2212}', "-"),
                match basis {
                    Basis::Official => "official".to_string(),
                    Basis::Derived(n) => format!(
                        "derived: {}",
                        bundle.notes.get(usize::from(n)).map_or("", String::as_str)
                    ),
                },
            ),
            Cell::Missing(why) => (String::new(), format!("no data: {}", why.reason())),
        };
        let cols = [
            a.code.as_str(),
            a.name.as_str(),
            a.level.keyword(),
            m.id.as_str(),
            m.label.as_str(),
            m.unit.as_str(),
            &year.to_string(),
            &value,
            &basis,
        ];
        let line: Vec<String> = cols.iter().map(|c| field(c)).collect();
        out += &line.join(",");
        out += "\r\n";
    }
    let src = bundle.sources.get(usize::from(m.source));
    out += "\r\n";
    if let Some(s) = src {
        out += &field(&format!(
            "Source: {}, {} ({})",
            s.publisher, s.publication, s.url
        ));
        out += "\r\n";
    }
    out += &field(&bundle.attribution);
    out += "\r\n";
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
}
