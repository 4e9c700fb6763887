//! The bundled dataset as the widget sees it: areas, measures, their values per
//! year, and the shapes to draw. Built by the pipeline (`cargo xtask data`),
//! stored in the binary format of [`super::format`], decoded once at start-up.

use std::sync::Arc;

/// An area of this bundle: an index into [`Bundle::areas`] (not an ONS
/// code). A type of its own, so an area can never be passed as a measure.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct AreaId(pub u16);

/// A measure of this bundle: an index into [`Bundle::measures`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct MeasureId(pub u16);

impl AreaId {
    /// The position in [`Bundle::areas`].
    pub fn index(self) -> usize {
        usize::from(self.0)
    }
}

impl MeasureId {
    /// The position in [`Bundle::measures`] (and [`Bundle::series`]).
    pub fn index(self) -> usize {
        usize::from(self.0)
    }
}

impl std::fmt::Display for AreaId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl std::fmt::Display for MeasureId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

/// Geographic level of an area.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Level {
    /// England as a whole.
    Country,
    /// One of England's 9 regions (ONS codes E12…).
    Region,
    /// An upper-tier local authority: the level children's services are run at.
    Authority,
    /// A group of authorities within a region that DfE publishes figures for:
    /// Inner and Outer London (E13…). Not drawn; a comparison for its members.
    Subregion,
}

impl Level {
    /// Every level, in the order of their codes.
    pub const ALL: [Level; 4] = [
        Level::Country,
        Level::Region,
        Level::Authority,
        Level::Subregion,
    ];

    /// The level's byte in the bundle format.
    pub fn code(self) -> u8 {
        self as u8
    }

    /// The level stored as byte `c`; `None` for a byte that is no level.
    pub fn from_code(c: u8) -> Option<Level> {
        Level::ALL.get(usize::from(c)).copied()
    }

    /// The word users type in the `level` attribute.
    pub fn keyword(self) -> &'static str {
        match self {
            Level::Country => "country",
            Level::Region => "region",
            Level::Authority => "la",
            Level::Subregion => "subregion",
        }
    }

    /// The areas of the level in words, for sentences: "regions", "local authorities".
    pub fn plural(self) -> &'static str {
        match self {
            Level::Country => "England",
            Level::Region => "regions",
            Level::Subregion => "Inner and Outer London",
            Level::Authority => "local authorities",
        }
    }
}

/// England, a region or an upper-tier local authority, with the data years
/// it is mapped for.
#[derive(Clone, Debug, PartialEq)]
pub struct Area {
    /// ONS GSS code, e.g. `E12000001`.
    pub code: String,
    /// The name as ONS publishes it, e.g. "Kingston upon Hull, City of".
    pub name: String,
    /// Country, region or authority.
    pub level: Level,
    /// The region an authority belongs to (London boroughs: London).
    pub region: Option<AreaId>,
    /// The subregion between an authority and its region, where DfE
    /// publishes one: Inner or Outer London for a London borough.
    pub subregion: Option<AreaId>,
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
    /// Whether the area is mapped for data year `year`.
    pub fn live_in(&self, year: u16) -> bool {
        self.data_years.0 <= year && year <= self.data_years.1
    }
}

/// Who published a measure and under what terms.
#[derive(Clone, Debug, PartialEq)]
pub struct Source {
    /// Who published it, e.g. "Department for Education".
    pub publisher: String,
    /// The publication's title.
    pub publication: String,
    /// Where the publication is (empty for a page's own figures).
    pub url: String,
    /// The licence, e.g. "Open Government Licence v3.0" (empty for a page's own figures).
    pub licence: String,
}

/// What sort of number a measure's values are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Per 10,000 children, or similar.
    Rate,
    /// A number of children.
    Count,
    /// A percentage, e.g. of children under 16 in low-income families.
    Percent,
    /// A judgement: each value is an index into [`Measure::categories`].
    Category,
}

/// Whether a higher value means more need, and whether DfE calls either
/// direction better. The query API passes it on (`polarity`); quartile
/// bands ([`crate::view::compare`]) follow it as LAIT does: only measures
/// whose direction DfE judges (LAIT's "Low"/"High" polarity) are banded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Polarity {
    /// A higher figure means more need, but DfE does not call lower better
    /// (LAIT's polarity "-": the rates of children looked after, in need, on
    /// a plan, referred).
    HigherIsMoreNeed,
    /// No direction is implied: Ofsted's judgements (their categories carry
    /// their own order), spending, and a page's own figures.
    Neutral,
    /// A lower figure is better (LAIT's "Low"): child poverty, social worker
    /// turnover, vacancies, agency staff and caseloads, placement moves.
    LowerIsBetter,
    /// A higher figure is better (LAIT's "High"): care leavers in education
    /// or suitable accommodation, long-term placement stability.
    HigherIsBetter,
}

/// A statistic the bundle holds for every area and year it covers: what it
/// is, its unit and source, and its years.
#[derive(Clone, Debug, PartialEq)]
pub struct Measure {
    /// Stable identifier used in the `measure` attribute, e.g. `cla_rate`.
    pub id: String,
    /// The family it belongs to, a short id (`demand`, `poverty`, `ofsted`,
    /// `assessment`, `workforce`, `spending`, `placements`, `leavers`; `user`
    /// for a page's own figures): measures of one family are published
    /// together and are shipped and loaded together.
    pub family: String,
    /// Its name in titles, e.g. "Children looked after".
    pub label: String,
    /// A shorter name, for the legend's title, the table's value column and
    /// the trend's caption.
    pub short_label: String,
    /// Unit as read after a value: "per 10,000 children".
    pub unit: String,
    /// Rate, count, percentage or judgement.
    pub kind: Kind,
    /// Whether higher means more need.
    pub polarity: Polarity,
    /// Decimal places values are stored at; each value also keeps the
    /// precision it was published with (see [`Cell::Value`]).
    pub decimals: u8,
    /// What the figure counts, in the publisher's terms. Empty when decoded
    /// from the core's first frame alone (the core engine, which never shows it).
    pub definition: String,
    /// When the figure is taken, e.g. "at 31 March".
    pub convention: String,
    /// Index into [`Bundle::sources`].
    pub source: u16,
    /// First and last data year with any value.
    pub years: (u16, u16),
    /// For a series published on one year's areas for every year (DWP
    /// re-bases child poverty to the current authorities, so Cumberland has
    /// figures for 2015): that data year, whose areas hold every year's
    /// values and should be drawn for any year. `None`: each year's figures
    /// are for the areas live that year (see [`Bundle::map_year`]).
    pub boundaries: Option<u16>,
    /// Figures taken after 1 April of their data year (the workforce census
    /// of 30 September) belong to the areas of the *next* data year, those
    /// live on that date: the map draws them (see [`Bundle::map_year`]).
    pub next_year_areas: bool,
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
    /// Supplied by the page embedding the widget (its own CSV): neither
    /// official nor ours, and never written to a bundle file.
    Page,
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

    /// The reason in a phrase, for tooltips, the table and the query API.
    pub fn reason(self) -> &'static str {
        match self {
            Missing::Suppressed => "suppressed by the publisher",
            Missing::NotPublished => "not published for this year",
            Missing::NotLive => "area did not exist that year",
        }
    }
}

/// One area's figure for one data year: a value, or why there is none.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Cell {
    /// A figure.
    Value {
        /// The figure in the measure's unit; for a judgement, its category's index.
        value: f64,
        /// Decimal places the figure was published (or derived) with.
        decimals: u8,
        /// Official, or derived by a formula.
        basis: Basis,
    },
    /// No figure, and why.
    Missing(Missing),
}

impl Cell {
    /// The figure; `None` for a gap.
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
    /// The areas with a row; any other area reads as not published.
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
    /// Shared border lines, each a list of quantised points.
    pub arcs: Vec<Vec<[i32; 2]>>,
    /// One per drawn area, referenced by [`Area::shape`].
    pub shapes: Vec<Shape>,
}

/// An arc reference: `i` for arc i forwards, `!i` (bitwise not) for reversed.
pub type ArcRef = i32;

/// An area's outline as references to shared arcs, and where its label goes.
#[derive(Clone, Debug, PartialEq)]
pub struct Shape {
    /// Polygons, each a list of rings (outer first), each ring a list of arcs.
    pub polygons: Vec<Vec<Vec<ArcRef>>>,
    /// An interior point far from the edges (pole of inaccessibility), in
    /// quantised units: where a label, a marker or a focus ring goes.
    pub anchor: [i32; 2],
}

/// Measures whose values are in a pack not yet added (see
/// [`Bundle::add_pack`]), and the core the packs were cut from.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Waiting {
    /// CRC-32 of the core's payload, which every pack records: a pack cut
    /// from another build of the data is refused. 0 when nothing waits.
    pub core: u32,
    /// Each waiting measure and the data years it has a value for (known
    /// from the core, so the years can be offered before the values arrive),
    /// in measure order. (A list, not a map: a dozen entries, and a map's
    /// code would cost the wasm more than the data it replaces.)
    pub measures: Vec<(MeasureId, Vec<u16>)>,
}

impl Waiting {
    /// The years of a waiting measure; `None` if it is not waiting.
    pub fn years(&self, m: MeasureId) -> Option<&Vec<u16>> {
        self.measures.iter().find(|(w, _)| *w == m).map(|(_, y)| y)
    }

    /// Whether a measure waits for its pack.
    pub fn contains(&self, m: MeasureId) -> bool {
        self.years(m).is_some()
    }

    /// The waiting measures.
    pub fn ids(&self) -> impl Iterator<Item = MeasureId> + '_ {
        self.measures.iter().map(|(m, _)| *m)
    }

    /// No longer waiting for `m`.
    pub fn remove(&mut self, m: MeasureId) {
        self.measures.retain(|(w, _)| *w != m);
        if self.measures.is_empty() {
            self.core = 0;
        }
    }
}

/// The whole dataset: areas, sources, measures with their values, and the
/// boundaries. Decoded once; the web layer shares one copy between every
/// widget on a page.
#[derive(Clone, Debug, PartialEq)]
pub struct Bundle {
    /// Text the footer must show (Open Government Licence attribution).
    pub attribution: String,
    /// England, then the regions, then every authority that existed at some
    /// point in the years covered; indexed by [`AreaId`].
    pub areas: Vec<Area>,
    /// Publishers, referenced by [`Measure::source`].
    pub sources: Vec<Source>,
    /// Formulas of derived values, referenced by [`Basis::Derived`].
    pub notes: Vec<String>,
    /// The measures, indexed by [`MeasureId`].
    pub measures: Vec<Measure>,
    /// Parallel to `measures`. Shared (as is the geometry) so that a bundle
    /// with a page's figures added costs only what it adds, not a copy of
    /// every other measure's values: each widget with its own figures keeps one.
    pub series: Vec<Arc<Series>>,
    /// The boundaries of every drawn area.
    pub geometry: Arc<Geometry>,
    /// DfE's statistical neighbour models (see `data::neighbours`). Empty
    /// when decoded from the core's first frame alone (the core engine).
    pub neighbours: Arc<super::neighbours::Neighbours>,
    /// Measures whose values are still in their family's pack (their series
    /// are empty until it is added). Empty for a whole bundle.
    pub waiting: Waiting,
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
            .map(|i| AreaId(i as u16))
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
            .map(|(i, _)| AreaId(i as u16))
    }

    /// Every area's id, in the bundle's order.
    pub fn area_ids(&self) -> impl Iterator<Item = AreaId> + '_ {
        (0..self.areas.len()).map(|i| AreaId(i as u16))
    }

    /// Every measure's id, in the bundle's order.
    pub fn measure_ids(&self) -> impl Iterator<Item = MeasureId> + '_ {
        (0..self.measures.len()).map(|i| MeasureId(i as u16))
    }

    /// The area with this id. Panics on an id the bundle does not hold.
    pub fn area(&self, id: AreaId) -> &Area {
        &self.areas[id.index()]
    }

    /// The id of the measure named `id` (e.g. `cla_rate`), exact and case-sensitive.
    pub fn measure_id(&self, id: &str) -> Option<MeasureId> {
        self.measures
            .iter()
            .position(|m| m.id == id)
            .map(|i| MeasureId(i as u16))
    }

    /// The measure with this id. Panics on an id the bundle does not hold.
    pub fn measure(&self, id: MeasureId) -> &Measure {
        &self.measures[id.index()]
    }

    /// England's id.
    pub fn country(&self) -> Option<AreaId> {
        self.areas
            .iter()
            .position(|a| a.level == Level::Country)
            .map(|i| AreaId(i as u16))
    }

    /// Every area of a level, whatever years it is live, in bundle order.
    pub fn areas_at(&self, level: Level) -> impl Iterator<Item = AreaId> + '_ {
        self.areas
            .iter()
            .enumerate()
            .filter(move |(_, a)| a.level == level)
            .map(|(i, _)| AreaId(i as u16))
    }

    /// Whether a measure's values are here (not waiting in a pack).
    pub fn is_loaded(&self, measure: MeasureId) -> bool {
        !self.waiting.contains(measure)
    }

    /// The family whose pack holds a measure's values, if they are not loaded.
    pub fn pack_of(&self, measure: MeasureId) -> Option<&str> {
        (!self.is_loaded(measure)).then(|| self.measure(measure).family.as_str())
    }

    /// The value of a measure for an area in a data year. Areas or years the
    /// measure does not cover read as not published; areas outside their
    /// lifetime as not live. A measure whose pack is not added yet
    /// ([`Bundle::is_loaded`]) reads as not published: callers wait for it.
    pub fn cell(&self, measure: MeasureId, area: AreaId, year: u16) -> Cell {
        let m = self.measure(measure);
        let s = &self.series[measure.index()];
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
    /// published on one year's boundaries throughout ([`Measure::boundaries`])
    /// and figures dated after 1 April ([`Measure::next_year_areas`]).
    pub fn map_year(&self, measure: MeasureId, year: u16) -> u16 {
        let m = self.measure(measure);
        m.boundaries
            .unwrap_or(year.saturating_add(u16::from(m.next_year_areas)))
    }

    /// The date (`yyyymmdd`) an area's figure refers to, for dated measures.
    pub fn date(&self, measure: MeasureId, area: AreaId) -> Option<u32> {
        let s = &self.series[measure.index()];
        let row = s.areas.iter().position(|&a| a == area)?;
        s.dates.get(row).copied().filter(|&d| d != 0)
    }

    /// Years with at least one value for this measure, ascending.
    pub fn years_of(&self, measure: MeasureId) -> Vec<u16> {
        if let Some(years) = self.waiting.years(measure) {
            return years.clone();
        }
        let m = self.measure(measure);
        let s = &self.series[measure.index()];
        let width = usize::from(m.years.1 - m.years.0) + 1;
        let mut out = Vec::new();
        for c in 0..width {
            if (0..s.areas.len()).any(|r| s.cells[r * width + c].value().is_some()) {
                out.push(m.years.0 + c as u16);
            }
        }
        out
    }
}
