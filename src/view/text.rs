//! Words the widget shows: the title, tooltip lines, the map's summary (its
//! text alternative), and how a value and its basis read.

use crate::data::{AreaId, Basis, Bundle, Cell, Level, MeasureId};
use crate::scale::format;

/// "Children looked after, per 10,000 children, at 31 March 2025".
pub fn title(bundle: &Bundle, measure: MeasureId, year: u16) -> String {
    let m = bundle.measure(measure);
    format!("{}, {}, {} {}", m.label, m.unit, m.convention, year)
}

/// A value as read aloud: "111 per 10,000 children", or "no data (suppressed …)".
pub fn value_phrase(bundle: &Bundle, measure: MeasureId, cell: &Cell) -> String {
    let m = bundle.measure(measure);
    match *cell {
        Cell::Value {
            value, decimals, ..
        } => {
            format!("{} {}", format::number(value, decimals), m.unit)
        }
        Cell::Missing(why) => format!("no data ({})", why.reason()),
    }
}

/// Where a value comes from, in words.
pub fn basis_phrase(bundle: &Bundle, cell: &Cell) -> Option<String> {
    match cell {
        Cell::Value {
            basis: Basis::Official,
            ..
        } => Some("Official published figure".to_string()),
        Cell::Value {
            basis: Basis::Derived(n),
            ..
        } => Some(format!(
            "Derived: {}",
            bundle.notes.get(usize::from(*n)).map_or("", String::as_str)
        )),
        Cell::Missing(_) => None,
    }
}

/// The lines of the tooltip for one area.
pub struct Tooltip {
    pub name: String,
    pub value: String,
    pub detail: String,
}

pub fn tooltip(bundle: &Bundle, measure: MeasureId, area: AreaId, year: u16) -> Tooltip {
    let cell = bundle.cell(measure, area, year);
    let m = bundle.measure(measure);
    let when = format!("{} {}", m.convention, year);
    Tooltip {
        name: bundle.area(area).name.clone(),
        value: value_phrase(bundle, measure, &cell),
        detail: match basis_phrase(bundle, &cell) {
            Some(b) => format!("{when}. {b}."),
            None => format!("{when}."),
        },
    }
}

fn level_phrase(level: Level, n: usize) -> String {
    match level {
        Level::Country => "England".to_string(),
        Level::Region => format!("England's {n} regions"),
        Level::Authority => format!("{n} local authorities in England"),
    }
}

/// One or two sentences stating what the map shows, with the key numbers:
/// the canvas's text alternative.
pub fn map_summary(
    bundle: &Bundle,
    measure: MeasureId,
    year: u16,
    level: Level,
    areas: &[AreaId],
) -> String {
    let m = bundle.measure(measure);
    let mut ranked: Vec<(f64, u8, AreaId)> = areas
        .iter()
        .filter_map(|&a| match bundle.cell(measure, a, year) {
            Cell::Value {
                value, decimals, ..
            } => Some((value, decimals, a)),
            Cell::Missing(_) => None,
        })
        .collect();
    ranked.sort_unstable_by(|x, y| y.0.total_cmp(&x.0).then(x.2.cmp(&y.2)));
    let mut s = format!(
        "Map of {}: {}, {}, {} {}.",
        level_phrase(level, areas.len()),
        format::mid_sentence(&m.label),
        m.unit,
        m.convention,
        year
    );
    let name = |a: AreaId| bundle.area(a).name.as_str();
    if let (Some(hi), Some(lo)) = (ranked.first(), ranked.last()) {
        if ranked.len() > 1 {
            s += &format!(
                " Highest: {} ({}); lowest: {} ({}).",
                name(hi.2),
                format::number(hi.0, hi.1),
                name(lo.2),
                format::number(lo.0, lo.1)
            );
        }
    }
    let missing = areas.len() - ranked.len();
    if missing > 0 {
        s += &format!(" {missing} with no data.");
    }
    if let Some(c) = bundle.country() {
        if let Cell::Value {
            value, decimals, ..
        } = bundle.cell(measure, c, year)
        {
            s += &format!(" {}: {}.", name(c), format::number(value, decimals));
        }
    }
    s
}

/// The trend chart's text alternative: each labelled line's first and last
/// values over the years shown.
pub fn trend_summary(
    bundle: &Bundle,
    measure: MeasureId,
    spec: &crate::view::trend::Spec,
) -> String {
    use crate::view::trend::Role;
    let m = bundle.measure(measure);
    let mut s = format!(
        "Line chart of {}, {}, {}–{}.",
        format::mid_sentence(&m.label),
        m.unit,
        spec.first_year,
        spec.last_year
    );
    for l in spec.lines.iter().rev().filter(|l| l.role != Role::Context) {
        let first = l.values.iter().position(Option::is_some);
        let last = l.values.iter().rposition(Option::is_some);
        if let (Some(i), Some(j)) = (first, last) {
            let (a, b) = (l.values[i].unwrap_or(0.0), l.values[j].unwrap_or(0.0));
            s += &format!(
                " {}: {} in {}, {} in {}.",
                l.label,
                format::number(a, l.decimals[i]),
                spec.first_year + i as u16,
                format::number(b, l.decimals[j]),
                spec.first_year + j as u16
            );
        }
    }
    let context = spec
        .lines
        .iter()
        .filter(|l| l.role == Role::Context)
        .count();
    if context > 0 {
        s += &format!(" {context} other areas in grey.");
    }
    s
}
