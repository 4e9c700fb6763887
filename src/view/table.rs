//! The table view: the figures on the map as rows, sortable by any column,
//! England as a reference row. Its cells are what the HTML table shows and
//! what the CSV export writes.

use crate::data::{AreaId, Basis, Bundle, Cell, Kind, Level, MeasureId};
use crate::view::compare::{self, Band, Ranking};
use crate::view::text;

/// A column the table can be sorted by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Column {
    /// The area's name.
    Area,
    /// The region's name (authorities only), then the area's name.
    Region,
    /// The figure; areas without one always sort last. For a judgement this is
    /// its category's index, best first, so "highest" is the worst judgement.
    Value,
}

/// The table's order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sort {
    /// The column sorted by.
    pub column: Column,
    /// Highest (or Z) first.
    pub descending: bool,
}

impl Default for Sort {
    /// Highest value first: what a reader of a league table expects.
    fn default() -> Sort {
        Sort {
            column: Column::Value,
            descending: true,
        }
    }
}

/// One area's row.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    /// The area.
    pub area: AreaId,
    /// The area's name.
    pub name: String,
    /// The area's ONS GSS code.
    pub code: String,
    /// The name of the region an authority belongs to; empty for regions and England.
    pub region: String,
    /// The figure, or why there is none.
    pub cell: Cell,
    /// The value as shown, or "No data".
    pub value: String,
    /// Official, derived (with formula) or why there is no value.
    pub note: String,
    /// 1 for the highest value, among rows with values (ties share a rank).
    pub rank: Option<usize>,
    /// The rank as shown: an authority's among England's authorities
    /// ("=3rd of 152" for a tie), else [`Row::rank`] among the rows.
    pub rank_text: String,
    /// An authority's quartile band, for measures DfE gives a better direction.
    pub band: Option<Band>,
}

fn row(bundle: &Bundle, measure: MeasureId, year: u16, area: AreaId) -> Row {
    let a = bundle.area(area);
    let cell = bundle.cell(measure, area, year);
    let value = text::figure(bundle, measure, &cell).unwrap_or_else(|| "No data".to_string());
    let note = match cell {
        Cell::Value {
            basis: Basis::Official,
            ..
        } => "Official".to_string(),
        Cell::Value { .. } => text::basis_phrase(bundle, &cell).unwrap_or_default(),
        Cell::Missing(why) => format!("No data: {}", why.reason()),
    };
    Row {
        area,
        name: a.name.clone(),
        code: a.code.clone(),
        region: a
            .region
            .map(|r| bundle.area(r).name.clone())
            .unwrap_or_default(),
        cell,
        value,
        note,
        rank: None,
        rank_text: String::new(),
        band: None,
    }
}

/// Rows for `areas`, ranked by value and sorted; areas without a value sort last.
pub fn rows(
    bundle: &Bundle,
    measure: MeasureId,
    year: u16,
    areas: &[AreaId],
    sort: Sort,
) -> Vec<Row> {
    let categorical = bundle.measure(measure).kind == Kind::Category;
    let mut rows: Vec<Row> = Vec::with_capacity(areas.len());
    let mut values: Vec<f64> = Vec::new();
    for &a in areas {
        let r = row(bundle, measure, year, a);
        if let Some(v) = r.cell.value() {
            values.push(v);
        }
        rows.push(r);
    }
    if !categorical {
        crate::sort::sort_numbers(&mut values);
        values.reverse();
        let england = Ranking::new(bundle, measure, year);
        for r in &mut rows {
            r.rank = r
                .cell
                .value()
                .map(|v| 1 + values.iter().take_while(|&&x| x > v).count());
            let wide = r
                .cell
                .value()
                .filter(|_| bundle.area(r.area).level == Level::Authority)
                .and_then(|v| england.of_value(v));
            r.rank_text = match (wide, r.rank) {
                (Some(k), _) => format!(
                    "{}{} of {}",
                    if k.tied > 0 { "=" } else { "" },
                    compare::ordinal(k.place),
                    k.of
                ),
                (None, Some(k)) => k.to_string(),
                (None, None) => String::new(),
            };
            r.band = wide.and_then(|k| k.band());
        }
    }
    crate::sort::sort_by(&mut rows, &mut |a, b| {
        let by_name = a.name.cmp(&b.name);
        let ord = match sort.column {
            Column::Area => by_name,
            Column::Region => a.region.cmp(&b.region).then(by_name),
            Column::Value => match (a.cell.value(), b.cell.value()) {
                (Some(x), Some(y)) => x.total_cmp(&y).then(by_name.reverse()),
                (Some(_), None) => return std::cmp::Ordering::Less,
                (None, Some(_)) => return std::cmp::Ordering::Greater,
                (None, None) => return by_name,
            },
        };
        if sort.descending {
            ord.reverse()
        } else {
            ord
        }
    });
    rows
}

/// England's row, shown apart as the benchmark.
pub fn england(bundle: &Bundle, measure: MeasureId, year: u16) -> Option<Row> {
    bundle.country().map(|c| row(bundle, measure, year, c))
}

/// The neighbours' benchmark row for `compare="neighbours"`: their median
/// or mean, the note saying of how many, which model and which statistic.
pub fn neighbours_row(
    bundle: &Bundle,
    measure: MeasureId,
    year: u16,
    subject: AreaId,
    model: crate::data::NeighbourModel,
    stat: compare::Statistic,
) -> Option<Row> {
    if !compare::ranked(bundle, measure) {
        return None; // Judgements are not averaged.
    }
    let g = bundle.neighbour_group(subject, model)?;
    let f = compare::neighbour_figure(bundle, measure, g.neighbours, year, stat);
    let (line, _) = compare::neighbour_line(bundle, measure, subject, g.neighbours, stat);
    let first = bundle.measure(measure).years.0;
    let d = line
        .decimals
        .get(usize::from(year.saturating_sub(first)))
        .copied()
        .unwrap_or(0);
    let cell = match f.value {
        Some(value) => Cell::Value {
            value,
            decimals: d,
            basis: Basis::Official,
        },
        None => Cell::Missing(crate::data::Missing::NotPublished),
    };
    Some(Row {
        area: subject,
        name: format!(
            "{}'s neighbours ({}, {})",
            bundle.area(subject).name,
            stat.keyword(),
            model.name()
        ),
        code: String::new(),
        region: String::new(),
        cell,
        value: f.value.map_or("No data".to_string(), |v| {
            crate::scale::format::number(v, d)
        }),
        note: format!(
            "Derived: the {} of the {} of {} neighbours with a figure",
            stat.keyword(),
            f.with,
            f.of
        ),
        rank: None,
        rank_text: String::new(),
        band: None,
    })
}

/// Rows for the subregions DfE publishes between a region and its
/// authorities (Inner and Outer London), shown apart like England and
/// unranked: for a table of regions that includes London, or of
/// authorities some of which belong to one.
pub fn subregions(bundle: &Bundle, measure: MeasureId, year: u16, areas: &[AreaId]) -> Vec<Row> {
    let mut rows = Vec::new();
    for s in bundle.areas_at(crate::data::Level::Subregion) {
        let sub = bundle.area(s);
        if areas
            .iter()
            .any(|&a| sub.region == Some(a) || bundle.area(a).subregion == Some(s))
        {
            rows.push(row(bundle, measure, year, s));
        }
    }
    rows
}

/// Whether the table needs a region column (authorities do, regions don't).
pub fn shows_region(level: Level) -> bool {
    level == Level::Authority
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_sort_is_highest_first() {
        let s = Sort::default();
        assert_eq!(s.column, Column::Value);
        assert!(s.descending);
    }
}
