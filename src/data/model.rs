//! The bundled dataset as the widget sees it: areas, measures, their values per
//! year, and the shapes to draw. Built by the pipeline (`cargo xtask data`),
//! stored in the binary format of [`super::format`], decoded once at start-up.

use std::sync::Arc;

/// Index into [`Bundle::areas`].
pub type AreaId = u16;
/// Index into [`Bundle::measures`].
pub type MeasureId = u16;

/// Geographic level of an area.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Level {
    Country,
    Region,
    /// An upper-tier local authority: the level children's services are run at.
    Authority,
}

impl Level {
    pub const ALL: [Level; 3] = [Level::Country, Level::Region, Level::Authority];

    pub fn code(self) -> u8 {
        self as u8
    }

    pub fn from_code(c: u8) -> Option<Level> {
        Level::ALL.get(usize::from(c)).copied()
    }

    /// The word users type in the `level` attribute.
    pub fn keyword(self) -> &'static str {
        match self {
            Level::Country => "country",
            Level::Region => "region",
            Level::Authority => "la",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Area {
    /// ONS GSS code, e.g. `E12000001`.
    pub code: String,
    pub name: String,
    pub level: Level,
    /// The region an authority belongs to (London boroughs: London).
    pub region: Option<AreaId>,
    /// First and last *data* year (statistics "at 31 March Y") this area is
    /// mapped for. Data year Y uses the boundaries live in year Y−1, so an
    /// authority created on 1 April 2023 first appears for data year 2024.
    pub data_years: (u16, u16),
    /// Index into [`Geometry::shapes`], if the area is drawn.
    pub shape: Option<u16>,
    /// Other codes publishers use for the same area and shape (e.g. North
    /// Yorkshire's county code E10000023 and unitary code E06000065).
    pub aliases: Vec<String>,
}

impl Area {
    pub fn live_in(&self, year: u16) -> bool {
        self.data_years.0 <= year && year <= self.data_years.1
    }
}

/// Who published a measure and under what terms.
#[derive(Clone, Debug, PartialEq)]
pub struct Source {
    pub publisher: String,
    pub publication: String,
    pub url: String,
    pub licence: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Per 10,000 children, or similar.
    Rate,
    Count,
    Percent,
    /// A judgement: each value is an index into [`Measure::categories`].
    Category,
}

/// Whether a higher value means more need, which decides how palettes and
/// words like "highest" are read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Polarity {
    HigherIsMoreNeed,
    Neutral,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Measure {
    /// Stable identifier used in the `measure` attribute, e.g. `cla_rate`.
    pub id: String,
    pub label: String,
    pub short_label: String,
    /// Unit as read after a value: "per 10,000 children".
    pub unit: String,
    pub kind: Kind,
    pub polarity: Polarity,
    /// Decimal places values are stored at; each value also keeps the
    /// precision it was published with (see [`Cell::Value`]).
    pub decimals: u8,
    pub definition: String,
    /// When the figure is taken, e.g. "at 31 March".
    pub convention: String,
    pub source: u16,
    /// First and last data year with any value.
    pub years: (u16, u16),
    /// For a series published on one year's areas for every year (DWP
    /// re-bases child poverty to the current authorities, so Cumberland has
    /// figures for 2015): that data year, whose areas hold every year's
    /// values and should be drawn for any year. `None`: each year's figures
    /// are for the areas live that year (see [`Bundle::map_year`]).
    pub boundaries: Option<u16>,
    /// For [`Kind::Category`]: the categories in order, best first
    /// (e.g. Outstanding, Good, Requires improvement, Inadequate).
    pub categories: Vec<String>,
}

/// Where a value comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Basis {
    /// The figure as the publisher published it.
    Official,
    /// Computed by the pipeline; the index names the formula in [`Bundle::notes`].
    Derived(u8),
}

/// Why a value is missing. A gap is shown as a gap, never filled.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Missing {
    /// Withheld by the publisher (small numbers, data quality).
    Suppressed,
    /// No figure published for this area and year.
    NotPublished,
    /// The area did not exist in that year.
    NotLive,
}

impl Missing {
    /// A word or two for legends: "suppressed", "not published", "no area".
    pub fn short(self) -> &'static str {
        match self {
            Missing::Suppressed => "suppressed",
            Missing::NotPublished => "not published",
            Missing::NotLive => "no such area",
        }
    }

    pub fn reason(self) -> &'static str {
        match self {
            Missing::Suppressed => "suppressed by the publisher",
            Missing::NotPublished => "not published for this year",
            Missing::NotLive => "area did not exist that year",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Cell {
    Value {
        value: f64,
        /// Decimal places the figure was published (or derived) with.
        decimals: u8,
        basis: Basis,
    },
    Missing(Missing),
}

impl Cell {
    pub fn value(&self) -> Option<f64> {
        match *self {
            Cell::Value { value, .. } => Some(value),
            Cell::Missing(_) => None,
        }
    }
}

/// Values of one measure: a dense table of `areas × years`.
#[derive(Clone, Debug, PartialEq)]
pub struct Series {
    pub areas: Vec<AreaId>,
    /// Row-major: `cells[row * year_count + (year - first_year)]`.
    pub cells: Vec<Cell>,
    /// For measures whose figure carries its own date (an inspection): one
    /// per row, as `yyyymmdd` (0 when unknown). Empty for other measures.
    pub dates: Vec<u32>,
}

/// Projected, quantised boundaries. Shapes reference shared arcs (TopoJSON
/// style), so neighbouring areas are drawn from the very same border points.
#[derive(Clone, Debug, PartialEq)]
pub struct Geometry {
    /// Metres per quantisation unit.
    pub unit: f64,
    /// Projected coordinates (metres, British National Grid parameters) of the
    /// quantisation origin. World point = origin + q × unit, with y northing.
    pub origin: [f64; 2],
    pub arcs: Vec<Vec<[i32; 2]>>,
    pub shapes: Vec<Shape>,
}

/// An arc reference: `i` for arc i forwards, `!i` (bitwise not) for reversed.
pub type ArcRef = i32;

#[derive(Clone, Debug, PartialEq)]
pub struct Shape {
    /// Polygons, each a list of rings (outer first), each ring a list of arcs.
    pub polygons: Vec<Vec<Vec<ArcRef>>>,
    /// An interior point far from the edges (pole of inaccessibility), in
    /// quantised units: where a label, a marker or a focus ring goes.
    pub anchor: [i32; 2],
}

#[derive(Clone, Debug, PartialEq)]
pub struct Bundle {
    /// Text the footer must show (Open Government Licence attribution).
    pub attribution: String,
    pub areas: Vec<Area>,
    pub sources: Vec<Source>,
    /// Formulas of derived values, referenced by [`Basis::Derived`].
    pub notes: Vec<String>,
    pub measures: Vec<Measure>,
    /// Parallel to `measures`. Shared (as is the geometry) so that a bundle
    /// with a page's figures added costs only what it adds, not a copy of
    /// every other measure's values: each widget with its own figures keeps one.
    pub series: Vec<Arc<Series>>,
    pub geometry: Arc<Geometry>,
}

impl Bundle {
    /// Finds an area by its code, or failing that by one of its aliases,
    /// ignoring case. A code that is both one area's own and another's alias
    /// (North Yorkshire's E10000023 and E06000065 name each other) finds the
    /// area that owns it; [`Bundle::area_at`] picks by year instead.
    pub fn area_id(&self, code: &str) -> Option<AreaId> {
        let code = code.trim();
        let own = |a: &Area| a.code.eq_ignore_ascii_case(code);
        let alias = |a: &Area| a.aliases.iter().any(|x| x.eq_ignore_ascii_case(code));
        self.areas
            .iter()
            .position(own)
            .or_else(|| self.areas.iter().position(alias))
            .map(|i| i as AreaId)
    }

    /// The area a figure published under `code` for data `year` belongs to:
    /// the area live that year whose code or alias it is. This is how a DfE
    /// figure filed under either of an authority's codes lands on the one
    /// shape the map draws that year.
    pub fn area_at(&self, code: &str, year: u16) -> Option<AreaId> {
        let code = code.trim();
        let live = || {
            self.areas
                .iter()
                .enumerate()
                .filter(|(_, a)| a.live_in(year))
        };
        live()
            .find(|(_, a)| a.code.eq_ignore_ascii_case(code))
            .or_else(|| {
                live().find(|(_, a)| a.aliases.iter().any(|x| x.eq_ignore_ascii_case(code)))
            })
            .map(|(i, _)| i as AreaId)
    }

    pub fn area(&self, id: AreaId) -> &Area {
        &self.areas[usize::from(id)]
    }

    pub fn measure_id(&self, id: &str) -> Option<MeasureId> {
        self.measures
            .iter()
            .position(|m| m.id == id)
            .map(|i| i as MeasureId)
    }

    pub fn measure(&self, id: MeasureId) -> &Measure {
        &self.measures[usize::from(id)]
    }

    pub fn country(&self) -> Option<AreaId> {
        self.areas
            .iter()
            .position(|a| a.level == Level::Country)
            .map(|i| i as AreaId)
    }

    pub fn areas_at(&self, level: Level) -> impl Iterator<Item = AreaId> + '_ {
        self.areas
            .iter()
            .enumerate()
            .filter(move |(_, a)| a.level == level)
            .map(|(i, _)| i as AreaId)
    }

    /// The value of a measure for an area in a data year. Areas or years the
    /// measure does not cover read as not published; areas outside their
    /// lifetime as not live.
    pub fn cell(&self, measure: MeasureId, area: AreaId, year: u16) -> Cell {
        let m = self.measure(measure);
        let s = &self.series[usize::from(measure)];
        if !self.area(area).live_in(self.map_year(measure, year)) {
            return Cell::Missing(Missing::NotLive);
        }
        if year < m.years.0 || year > m.years.1 {
            return Cell::Missing(Missing::NotPublished);
        }
        let Some(row) = s.areas.iter().position(|&a| a == area) else {
            return Cell::Missing(Missing::NotPublished);
        };
        let width = usize::from(m.years.1 - m.years.0) + 1;
        s.cells[row * width + usize::from(year - m.years.0)]
    }

    /// The data year whose areas hold a measure's figures for `year`, and so
    /// whose areas a map of it should draw: `year` itself, except for series
    /// published on one year's boundaries throughout ([`Measure::boundaries`]).
    pub fn map_year(&self, measure: MeasureId, year: u16) -> u16 {
        self.measure(measure).boundaries.unwrap_or(year)
    }

    /// The date (`yyyymmdd`) an area's figure refers to, for dated measures.
    pub fn date(&self, measure: MeasureId, area: AreaId) -> Option<u32> {
        let s = &self.series[usize::from(measure)];
        let row = s.areas.iter().position(|&a| a == area)?;
        s.dates.get(row).copied().filter(|&d| d != 0)
    }

    /// Years with at least one value for this measure, ascending.
    pub fn years_of(&self, measure: MeasureId) -> Vec<u16> {
        let m = self.measure(measure);
        let s = &self.series[usize::from(measure)];
        let width = usize::from(m.years.1 - m.years.0) + 1;
        (0..width)
            .filter(|&c| (0..s.areas.len()).any(|r| s.cells[r * width + c].value().is_some()))
            .map(|c| m.years.0 + c as u16)
            .collect()
    }
}
