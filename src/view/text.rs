//! Words the widget shows: the title, tooltip lines, the map's summary (its
//! text alternative), and how a value and its basis read.

use crate::data::{AreaId, Basis, Bundle, Cell, Kind, Level, MeasureId};
use crate::scale::format;

/// "Children looked after, per 10,000 children, at 31 March 2025". A
/// count's unit is left out ("Children looked after (number), at 31 March
/// 2025", not "…(number), children, …").
pub fn title(bundle: &Bundle, measure: MeasureId, year: u16) -> String {
    let m = bundle.measure(measure);
    if m.unit.is_empty() || m.kind == Kind::Count {
        format!("{}, {} {}", m.label, m.convention, year)
    } else {
        format!("{}, {}, {} {}", m.label, m.unit, m.convention, year)
    }
}

/// "Children looked after, per 10,000 children, 2010–2025".
pub fn title_over_time(bundle: &Bundle, measure: MeasureId) -> String {
    let m = bundle.measure(measure);
    if m.unit.is_empty() {
        format!("{}, {}–{}", m.label, m.years.0, m.years.1)
    } else {
        format!("{}, {}, {}–{}", m.label, m.unit, m.years.0, m.years.1)
    }
}

/// Who a measure's figures come from, for the line under the picture and
/// the exports: its own publisher and publication only (a page's own figures
/// are credited to the page, and said not to be official), then the
/// boundaries' attribution.
pub fn source_line(bundle: &Bundle, measure: MeasureId) -> String {
    let m = bundle.measure(measure);
    let s = bundle.source_of(measure);
    let page = m.id == crate::data::USER_MEASURE;
    let mut line = if page {
        format!("{}; not official statistics.", s.publisher)
    } else if s.licence.is_empty() {
        format!("Source: {}, {}.", s.publisher, s.publication)
    } else {
        format!("Source: {}, {}. {}.", s.publisher, s.publication, s.licence)
    };
    let derived = bundle.series[measure.index()].cells.iter().any(|c| {
        matches!(
            c,
            Cell::Value {
                basis: Basis::Derived(_),
                ..
            }
        )
    });
    if derived {
        line += " Figures marked derived were computed by care-atlas from published figures; each says how.";
    }
    if !bundle.attribution.is_empty() {
        line.push(' ');
        line += &bundle.attribution;
    }
    line
}

/// A figure as shown, without its unit: "111", "Good", or `None` for a gap.
pub fn figure(bundle: &Bundle, measure: MeasureId, cell: &Cell) -> Option<String> {
    let m = bundle.measure(measure);
    match *cell {
        Cell::Value { value, .. } if m.kind == Kind::Category => Some(
            m.categories
                .get(value.max(0.0) as usize)
                .cloned()
                .unwrap_or_default(),
        ),
        Cell::Value {
            value, decimals, ..
        } => Some(format::number(value, decimals)),
        Cell::Missing(_) => None,
    }
}

/// A value as read aloud: "111 per 10,000 children", or "no data (suppressed …)".
pub fn value_phrase(bundle: &Bundle, measure: MeasureId, cell: &Cell) -> String {
    let unit = &bundle.measure(measure).unit;
    match (figure(bundle, measure, cell), cell) {
        (Some(f), _) if unit.is_empty() || bundle.measure(measure).kind == Kind::Category => f,
        (Some(f), _) => format!("{f} {unit}"),
        (None, Cell::Missing(why)) => format!("no data ({})", why.reason()),
        (None, _) => "no data".to_string(),
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
            basis: Basis::Page, ..
        } => Some("Figure supplied by this page, not an official statistic".to_string()),
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

/// What a keyboard or screen reader user is told about an area on the map:
/// "Gateshead: 124 per 10,000 children, selected".
pub fn area_words(
    bundle: &Bundle,
    measure: MeasureId,
    area: AreaId,
    year: u16,
    selected: bool,
) -> String {
    let cell = bundle.cell(measure, area, year);
    let mut w = format!(
        "{}: {}",
        bundle.area(area).name,
        value_phrase(bundle, measure, &cell)
    );
    if selected {
        w += ", selected";
    }
    w
}

/// The lines of the tooltip for one area.
pub struct Tooltip {
    /// The area's name.
    pub name: String,
    /// The figure with its unit, or "no data (reason)".
    pub value: String,
    /// When it was taken and whether it is official or derived (with the formula).
    pub detail: String,
}

/// The tooltip for an area's figure in a data year; a dated figure (an
/// Ofsted judgement) gives its inspection date instead of the year.
pub fn tooltip(bundle: &Bundle, measure: MeasureId, area: AreaId, year: u16) -> Tooltip {
    let cell = bundle.cell(measure, area, year);
    let m = bundle.measure(measure);
    let when = match bundle.date(measure, area) {
        Some(d) => format!("{} {}", m.convention, date(d)),
        None => format!("{} {}", m.convention, year),
    };
    let mut detail = match basis_phrase(bundle, &cell) {
        Some(b) => format!("{when}. {b}."),
        None => format!("{when}."),
    };
    if let Some(r) = crate::view::compare::rank_phrase(bundle, measure, area, year) {
        // "Joint 3rd highest…": capitalised to start a sentence (ASCII only:
        // str::to_uppercase would bring Unicode's tables into the wasm).
        let mut r = r;
        if let Some(f) = r.get_mut(..1) {
            f.make_ascii_uppercase();
        }
        detail += &format!(" {r}.");
    }
    Tooltip {
        name: bundle.area(area).name.clone(),
        value: value_phrase(bundle, measure, &cell),
        detail,
    }
}

/// A `yyyymmdd` date as "15 March 2024".
pub fn date(d: u32) -> String {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let (y, m, day) = (d / 10_000, (d / 100) % 100, d % 100);
    match MONTHS.get((m as usize).wrapping_sub(1)) {
        Some(name) if day > 0 => format!("{day} {name} {y}"),
        Some(name) => format!("{name} {y}"),
        None => y.to_string(),
    }
}

/// "1st", "22nd", "113th".
pub fn ordinal(n: usize) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// One or two sentences stating what the map shows, with the key numbers
/// and ranks: the canvas's text alternative.
pub fn map_summary(
    bundle: &Bundle,
    measure: MeasureId,
    year: u16,
    level: Level,
    areas: &[AreaId],
    focus: Option<AreaId>,
    selected: &[AreaId],
) -> String {
    let m = bundle.measure(measure);
    let name = |a: AreaId| bundle.area(a).name.as_str();
    let place = match (level, focus) {
        (Level::Authority, Some(r)) => {
            format!("the {} local authorities of {}", areas.len(), name(r))
        }
        (Level::Region, Some(r)) => format!("{} among England's regions", name(r)),
        (Level::Country, _) => "England".to_string(),
        (Level::Region, _) => format!("England's {} regions", areas.len()),
        (Level::Authority, None) => format!("{} local authorities in England", areas.len()),
        (Level::Subregion, _) => format!("{} areas within regions", areas.len()),
    };
    let mut s = format!(
        "{}, {}, {} {}, in {place}.",
        m.label, m.unit, m.convention, year
    );
    if m.kind == Kind::Category {
        for (i, c) in m.categories.iter().enumerate() {
            let n = areas
                .iter()
                .filter(|&&a| bundle.cell(measure, a, year).value() == Some(i as f64))
                .count();
            s += &format!(" {c}: {n}.");
        }
    } else {
        let mut ranked: Vec<(f64, u8, AreaId)> = Vec::with_capacity(areas.len());
        for &a in areas {
            if let Cell::Value {
                value, decimals, ..
            } = bundle.cell(measure, a, year)
            {
                ranked.push((value, decimals, a));
            }
        }
        crate::sort::sort_by(&mut ranked, &mut |x, y| {
            y.0.total_cmp(&x.0).then(x.2.cmp(&y.2))
        });
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
        if let Some(c) = bundle.country() {
            if let Cell::Value {
                value, decimals, ..
            } = bundle.cell(measure, c, year)
            {
                s += &format!(" {}: {}.", name(c), format::number(value, decimals));
            }
        }
        for &a in selected {
            // An authority's place is England's (as DfE's LAIT gives it), with its band.
            let england_wide = (bundle.area(a).level == Level::Authority)
                .then(|| crate::view::compare::rank_phrase(bundle, measure, a, year))
                .flatten();
            if let (
                Some(words),
                Cell::Value {
                    value, decimals, ..
                },
            ) = (england_wide, bundle.cell(measure, a, year))
            {
                s += &format!(
                    " {} ({}) is {words}.",
                    name(a),
                    format::number(value, decimals)
                );
            } else if let Some(pos) = ranked.iter().position(|r| r.2 == a) {
                // Ties share the better rank.
                let v = ranked[pos].0;
                let rank = 1 + ranked.iter().take_while(|r| r.0 > v).count();
                s += &format!(
                    " {} ({}) is {} of {}.",
                    name(a),
                    format::number(v, ranked[pos].1),
                    ordinal(rank),
                    ranked.len()
                );
            }
        }
    }
    let missing = areas
        .iter()
        .filter(|&&a| bundle.cell(measure, a, year).value().is_none())
        .count();
    if missing > 0 {
        s += &format!(" {missing} with no data.");
    }
    s
}

/// "A, B and C".
fn and_list(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.to_string(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// What the words call a trend line: its label, or for the neighbours' line
/// (which follows its authority's id) that authority's neighbours.
fn line_name(bundle: &Bundle, l: &crate::view::trend::Line) -> String {
    match l.role {
        crate::view::trend::Role::Neighbours => {
            format!("{}'s neighbours", bundle.area(l.area).name)
        }
        _ => l.label.clone(),
    }
}

/// The trend's heading: the measure, and every line drawn — the named lines
/// (focus areas, their regions, England when it has figures) and how many
/// grey ones.
pub fn trend_heading(
    bundle: &Bundle,
    measure: MeasureId,
    level: Level,
    spec: &crate::view::trend::Spec,
) -> String {
    use crate::view::trend::Role;
    let m = bundle.measure(measure);
    let what = match spec.base_year {
        Some(b) => format!("{}: % change since {b}", m.short_label),
        None => format!("{} over time", m.short_label),
    };
    let drawn = |l: &crate::view::trend::Line| l.values.iter().any(Option::is_some);
    let mut named: Vec<String> = Vec::new();
    for role in [Role::Focus, Role::Neighbours, Role::Region, Role::England] {
        for l in &spec.lines {
            if l.role == role && drawn(l) {
                named.push(line_name(bundle, l));
            }
        }
    }
    let mut grey = 0;
    for l in &spec.lines {
        if l.role == Role::Context && drawn(l) {
            grey += 1;
        }
    }
    let kind = match (level, grey) {
        (Level::Region, 1) => "region",
        (Level::Region, _) => "regions",
        (_, 1) => "authority",
        _ => "authorities",
    };
    match (named.is_empty(), grey) {
        (true, 0) => what,
        (true, n) => format!("{what}: {n} {kind} in grey"),
        (false, 0) => format!("{what}: {}", and_list(&named)),
        (false, n) => format!(
            "{what}: {}, with {n} other {kind} in grey",
            and_list(&named)
        ),
    }
}

/// Where the named lines of the trend break, and why: "No figure for
/// England and North East in 2011–2012 (not published for that year); the
/// lines break there." `None` when no line breaks.
pub fn trend_gaps(
    bundle: &Bundle,
    measure: MeasureId,
    spec: &crate::view::trend::Spec,
) -> Option<String> {
    // Breaks grouped by their years and reason, in order of first seen.
    type Break = (u16, u16, &'static str);
    let mut groups: Vec<(Break, Vec<String>)> = Vec::new();
    for (line, from, to) in spec.gaps() {
        // The neighbours' line follows its authority's id, but its gaps are
        // the years none of the neighbours has a figure.
        let reason = match bundle.cell(measure, line.area, from) {
            _ if line.role == crate::view::trend::Role::Neighbours => "none of them has a figure",
            Cell::Missing(why) => why.short(),
            // A value with no % change (a base of 0): the figure exists.
            Cell::Value { .. } => "no change can be computed",
        };
        let name = line_name(bundle, line);
        match groups.iter_mut().find(|(k, _)| *k == (from, to, reason)) {
            Some((_, names)) => names.push(name),
            None => groups.push(((from, to, reason), vec![name])),
        }
    }
    if groups.is_empty() {
        return None;
    }
    let mut parts: Vec<String> = Vec::with_capacity(groups.len());
    for ((from, to, reason), names) in &groups {
        let years = if from == to {
            from.to_string()
        } else {
            format!("{from}–{to}")
        };
        parts.push(format!("{} in {years} ({reason})", and_list(names)));
    }
    Some(format!(
        "No figure for {}: the lines break there, and a figure with none either side is a dot.",
        parts.join("; ")
    ))
}

/// The trend chart's text alternative: each labelled line's first and last
/// values over the years shown, or its % change in index mode.
pub fn trend_summary(
    bundle: &Bundle,
    measure: MeasureId,
    spec: &crate::view::trend::Spec,
) -> String {
    use crate::view::trend::Role;
    let m = bundle.measure(measure);
    let mut s = match spec.base_year {
        Some(b) => format!(
            "Line chart of the change in {} since {b}, in per cent, {}–{}.",
            format::mid_sentence(&m.label),
            spec.first_year,
            spec.last_year
        ),
        None => format!(
            "Line chart of {}, {}, {}–{}.",
            format::mid_sentence(&m.label),
            m.unit,
            spec.first_year,
            spec.last_year
        ),
    };
    let indexed = spec.base_year.is_some();
    for l in spec.lines.iter().rev().filter(|l| l.role != Role::Context) {
        let first = l.values.iter().position(Option::is_some);
        let last = l.values.iter().rposition(Option::is_some);
        let year = |i: usize| spec.first_year + i as u16;
        s += &match (first, last) {
            (Some(_), Some(j)) if indexed => {
                format!(
                    " {}: {} by {}.",
                    l.label,
                    l.value_text(j, true).unwrap_or_default(),
                    year(j)
                )
            }
            (Some(i), Some(j)) => format!(
                " {}: {} in {}, {} in {}.",
                l.label,
                l.value_text(i, false).unwrap_or_default(),
                year(i),
                l.value_text(j, false).unwrap_or_default(),
                year(j)
            ),
            _ if indexed => format!(" {}: no figure for the base year.", l.label),
            _ => format!(" {}: no data.", l.label),
        };
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_neighbours_lines_gaps_are_the_neighbours_not_the_authority_twice() {
        use crate::data::NeighbourModel;
        use crate::view::compare::{neighbour_line, Statistic};
        use crate::view::trend::{spec_for, Selection};
        let b = crate::data::complete().unwrap();
        let m = b.measure_id("cla_rate").unwrap();
        let durham = b.area_id("E06000047").unwrap();
        let g = b.neighbour_group(durham, NeighbourModel::Dfe2025).unwrap();
        let mut spec = spec_for(
            &b,
            m,
            &Selection {
                focus: &[durham],
                context: &[],
            },
        );
        let (line, _) = neighbour_line(&b, m, durham, g.neighbours, Statistic::Median);
        spec.lines.push(line);
        let gaps = trend_gaps(&b, m, &spec).expect("CLA rates have a break");
        assert!(!gaps.contains("County Durham and County Durham"), "{gaps}");
        assert!(
            gaps.contains("County Durham's neighbours in 2011–2012 (none of them has a figure)"),
            "{gaps}"
        );
    }

    #[test]
    fn trend_headings_name_every_line_drawn_and_gaps_are_explained() {
        use crate::view::trend::{spec_for, Selection};
        let b = crate::data::complete().unwrap();
        let m = b.measure_id("cla_rate").unwrap();
        let gateshead = b.area_id("E08000037").unwrap();
        let regions: Vec<AreaId> = b.areas_at(Level::Region).collect();
        let spec = spec_for(
            &b,
            m,
            &Selection {
                focus: &[gateshead],
                context: &regions,
            },
        );
        let h = trend_heading(&b, m, Level::Region, &spec);
        assert!(
            h.ends_with(": Gateshead, North East and England, with 8 other regions in grey"),
            "{h}"
        );
        let gaps = trend_gaps(&b, m, &spec).expect("CLA rates have a break");
        println!("{gaps}");
        assert!(gaps.starts_with("No figure for "), "{gaps}");
        // Every break named is a real run of gaps in the bundle.
        for (line, from, to) in spec.gaps() {
            for y in from..=to {
                assert!(b.cell(m, line.area, y).value().is_none());
            }
            assert!(gaps.contains(&format!("{from}")), "{gaps}");
        }
        let none = spec_for(
            &b,
            m,
            &Selection {
                focus: &[],
                context: &[],
            },
        );
        assert_eq!(
            trend_heading(&b, m, Level::Region, &none),
            "Looked after over time: England"
        );
    }

    #[test]
    fn titles_and_source_lines_read_right_for_every_measure() {
        let b = crate::data::complete().unwrap();
        for m in b.measure_ids() {
            let t = title(&b, m, 2025);
            assert!(!t.contains(", ,") && !t.contains(",,"), "{t}");
            assert!(!t.contains("(number), children"), "{t}");
            let line = source_line(&b, m);
            let own = &b.source_of(m).publisher;
            assert!(line.starts_with(&format!("Source: {own}, ")), "{line}");
            for other in b.sources.iter().filter(|s| &s.publisher != own) {
                assert!(
                    !line.contains(&other.publisher),
                    "{line} names {}",
                    other.publisher
                );
            }
            assert!(line.contains("Contains OS data"), "{line}");
        }
        let count = b.measure_id("cla_count").unwrap();
        assert_eq!(
            title(&b, count, 2025),
            "Children looked after (number), at 31 March 2025"
        );
    }

    #[test]
    fn the_pages_own_figures_are_credited_to_the_page_alone() {
        let meta = crate::data::UserMeta {
            label: "Our rate".into(),
            unit: "per 10,000".into(),
            source: "Durham County Council".into(),
        };
        let base = crate::data::complete().unwrap();
        let (b, _) = crate::data::add_user_measure(
            &base,
            "area_code,year,value\nE06000047,2025,12\n",
            &meta,
        );
        let b = b.unwrap();
        let m = b.measure_id(crate::data::USER_MEASURE).unwrap();
        let line = source_line(&b, m);
        assert!(
            line.starts_with(
                "Figures supplied by this page (Durham County Council); not official statistics."
            ),
            "{line}"
        );
        for publisher in ["Department for Education", "Ofsted", "Work and Pensions"] {
            assert!(!line.contains(publisher), "{line}");
        }
        let durham = b.area_id("E06000047").unwrap();
        let tip = tooltip(&b, m, durham, 2025);
        assert!(
            tip.detail.contains("not an official statistic"),
            "{}",
            tip.detail
        );
    }

    #[test]
    fn dates_and_ordinals_read_naturally() {
        assert_eq!(date(20240315), "15 March 2024");
        assert_eq!(date(20241200), "December 2024");
        assert_eq!(ordinal(1), "1st");
        assert_eq!(ordinal(12), "12th");
        assert_eq!(ordinal(22), "22nd");
        assert_eq!(ordinal(113), "113th");
    }
}
