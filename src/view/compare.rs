//! Comparisons as DfE makes them: an authority against its statistical
//! neighbours' median (DfE's dashboard) or mean (LAIT), its rank among
//! England's authorities, and its quartile band A–D (LAIT's).
//!
//! - **Neighbour figure**: the median or mean of the neighbours *with a
//!   figure* that year; how many had one is always kept beside it
//!   ([`NeighbourFigure::with`]), and those without are named with why. No
//!   gap is filled. A neighbour is looked up by its code in each data year,
//!   so a code change keeps its figures (see [`crate::data::NeighbourGroup`]).
//! - **Rank**: among the authorities mapped that year with a figure, 1 the
//!   highest; tied figures share the best place ("joint 3rd"), the next
//!   place skips (1, 2, 2, 4), and authorities without a figure are counted
//!   and said, never ranked.
//! - **Band**: the rank counted from the *better* end, given the measure's
//!   polarity, in four equal groups: band = ⌊4 × (place from the better
//!   end − 1) ÷ authorities ranked⌋, A to D. A measure whose better direction
//!   DfE does not state (LAIT's polarity "-": the rates of children looked
//!   after, in need, on a plan, referred) has no band, and the text says so.
//!   Judgements are neither ranked nor banded.

use crate::data::{object, Sink, ToJs};
use crate::data::{
    AreaId, Bundle, Cell, Kind, Level, MeasureId, Missing, Neighbour, NeighbourModel, Polarity,
};

/// What an authority is compared with (the `compare` attribute).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Compare {
    /// Its region and England (the default).
    #[default]
    Region,
    /// Its statistical neighbours too.
    Neighbours,
}

impl Compare {
    /// Both, default first.
    pub const ALL: [Compare; 2] = [Compare::Region, Compare::Neighbours];

    /// The attribute's word.
    pub fn keyword(self) -> &'static str {
        match self {
            Compare::Region => "region",
            Compare::Neighbours => "neighbours",
        }
    }
}

/// The authority a `compare="neighbours"` view is about: the first
/// highlighted authority, else the first selected one.
pub fn subject(b: &Bundle, highlight: &[AreaId], selected: &[AreaId]) -> Option<AreaId> {
    highlight
        .iter()
        .chain(selected)
        .copied()
        .find(|&a| b.area(a).level == Level::Authority)
}

/// Which average of the neighbours.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Statistic {
    /// The median, as DfE's dashboard shows (the default).
    #[default]
    Median,
    /// The mean, as LAIT shows.
    Mean,
}

impl Statistic {
    /// Both, default first.
    pub const ALL: [Statistic; 2] = [Statistic::Median, Statistic::Mean];

    /// The attribute's word: `median` or `mean`.
    pub fn keyword(self) -> &'static str {
        match self {
            Statistic::Median => "median",
            Statistic::Mean => "mean",
        }
    }

    /// The statistic named by a keyword.
    pub fn from_keyword(k: &str) -> Option<Statistic> {
        Self::ALL.into_iter().find(|s| s.keyword() == k.trim())
    }
}

/// The median of `values` (the mean of the middle two for an even count);
/// `None` for none. Sorts `values`.
pub fn median(values: &mut [f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    crate::sort::sort_numbers(values);
    let n = values.len();
    Some(if n % 2 == 1 {
        values[n / 2]
    } else {
        (values[n / 2 - 1] + values[n / 2]) / 2.0
    })
}

/// The arithmetic mean; `None` for none.
pub fn mean(values: &[f64]) -> Option<f64> {
    (!values.is_empty()).then(|| values.iter().sum::<f64>() / values.len() as f64)
}

/// The area a neighbour's figures for data `year` are filed under: the area
/// live that year with its code (or with it as an alias: the same area
/// after a code change); `None` when no such area was mapped then.
pub fn neighbour_area(b: &Bundle, measure: MeasureId, area: AreaId, year: u16) -> Option<AreaId> {
    let map_year = b.map_year(measure, year);
    if b.area(area).live_in(map_year) {
        return Some(area);
    }
    b.area_at(&b.area(area).code, map_year)
}

/// The neighbours' average for one year, and how many it rests on.
#[derive(Clone, Debug, PartialEq)]
pub struct NeighbourFigure {
    /// The median or mean; `None` when no neighbour has a figure.
    pub value: Option<f64>,
    /// Neighbours with a figure.
    pub with: usize,
    /// Neighbours in the list.
    pub of: usize,
    /// Neighbours without a figure (as the model names them), and why.
    pub gaps: Vec<(AreaId, Missing)>,
}

/// The statistic over the neighbours with a figure for `year`.
pub fn neighbour_figure(
    b: &Bundle,
    measure: MeasureId,
    list: &[Neighbour],
    year: u16,
    stat: Statistic,
) -> NeighbourFigure {
    let mut values = Vec::with_capacity(list.len());
    let mut gaps = Vec::new();
    for n in list {
        let cell = match neighbour_area(b, measure, n.area, year) {
            Some(a) => b.cell(measure, a, year),
            None => Cell::Missing(Missing::NotLive),
        };
        match cell {
            Cell::Value { value, .. } => values.push(value),
            Cell::Missing(m) => gaps.push((n.area, m)),
        }
    }
    // A judgement's figure is its category's index: no average of those means anything.
    let value = match stat {
        _ if b.measure(measure).kind == Kind::Category => None,
        Statistic::Median => median(&mut values),
        Statistic::Mean => mean(&values),
    };
    NeighbourFigure {
        value,
        with: values.len(),
        of: list.len(),
        gaps,
    }
}

/// An authority's place among England's authorities for one year.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rank {
    /// 1 for the highest figure; tied figures share the best place.
    pub place: usize,
    /// Other authorities with exactly the same figure.
    pub tied: usize,
    /// Authorities ranked: those mapped that year with a figure.
    pub of: usize,
    /// Authorities mapped that year without a figure (not ranked).
    pub without: usize,
    /// The place counted from the better end (1 = best), when the measure
    /// has a better direction.
    pub from_best: Option<usize>,
}

/// A quartile band, A the best quarter for the measure.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Band {
    /// The best quarter.
    A,
    /// The second quarter.
    B,
    /// The third quarter.
    C,
    /// The worst quarter.
    D,
}

impl Band {
    /// The letter.
    pub fn letter(self) -> char {
        match self {
            Band::A => 'A',
            Band::B => 'B',
            Band::C => 'C',
            Band::D => 'D',
        }
    }
}

impl Rank {
    /// The quartile band, when the measure has a better direction.
    pub fn band(&self) -> Option<Band> {
        let p = self.from_best?;
        Some([Band::A, Band::B, Band::C, Band::D][((p - 1) * 4 / self.of).min(3)])
    }

    /// "3rd highest of 152 authorities", "joint 3rd highest (with 2 others)
    /// of 152 authorities"; those without a figure follow: "(1 without a
    /// figure is not ranked)".
    pub fn words(&self) -> String {
        let mut s = String::new();
        if self.tied > 0 {
            s.push_str("joint ");
        }
        s.push_str(&ordinal(self.place));
        s.push_str(" highest");
        match self.tied {
            0 => {}
            1 => s.push_str(" (with 1 other)"),
            t => s.push_str(&format!(" (with {t} others)")),
        }
        s.push_str(&format!(" of {} authorities", self.of));
        match self.without {
            0 => {}
            1 => s.push_str(" (1 without a figure is not ranked)"),
            n => s.push_str(&format!(" ({n} without a figure are not ranked)")),
        }
        s
    }
}

/// "1st", "2nd", "3rd", "11th", "22nd".
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

/// Whether a measure's figures are ranked (judgements are not).
pub fn ranked(b: &Bundle, measure: MeasureId) -> bool {
    b.measure(measure).kind != Kind::Category
}

/// The authorities ranked for a measure and year, and how many lack a figure.
fn field(b: &Bundle, measure: MeasureId, year: u16) -> (Vec<f64>, usize) {
    let map_year = b.map_year(measure, year);
    let mut values = Vec::new();
    let mut without = 0;
    for a in b.areas_at(Level::Authority) {
        if !b.area(a).live_in(map_year) {
            continue;
        }
        match b.cell(measure, a, year).value() {
            Some(v) => values.push(v),
            None => without += 1,
        }
    }
    (values, without)
}

/// Every authority's rank for a measure and year, computed once (for the
/// table and the map's tooltips). Areas without a figure, regions, England
/// and judgements get none.
pub struct Ranking {
    values: Vec<f64>,
    without: usize,
    polarity: Polarity,
    ranked: bool,
}

impl Ranking {
    /// The field of a measure in a year.
    pub fn new(b: &Bundle, measure: MeasureId, year: u16) -> Ranking {
        let (mut values, without) = field(b, measure, year);
        // The crate's small sort: std's would add kilobytes to the wasm.
        crate::sort::sort_numbers(&mut values);
        values.reverse();
        Ranking {
            values,
            without,
            polarity: b.measure(measure).polarity,
            ranked: ranked(b, measure),
        }
    }

    /// The rank of a figure in this field; `None` for a judgement.
    pub fn of_value(&self, v: f64) -> Option<Rank> {
        if !self.ranked || self.values.is_empty() {
            return None;
        }
        // Sorted descending: place = 1 + how many are higher.
        let higher = self.values.partition_point(|&x| x > v);
        let equal = self.values[higher..]
            .iter()
            .take_while(|&&x| x == v)
            .count();
        if equal == 0 {
            return None;
        }
        let lower = self.values.len() - higher - equal;
        let from_best = match self.polarity {
            Polarity::HigherIsBetter => Some(higher + 1),
            Polarity::LowerIsBetter => Some(lower + 1),
            Polarity::HigherIsMoreNeed | Polarity::Neutral => None,
        };
        Some(Rank {
            place: higher + 1,
            tied: equal - 1,
            of: self.values.len(),
            without: self.without,
            from_best,
        })
    }
}

/// An authority's rank for a measure and year; `None` for other areas, a
/// gap or a judgement.
pub fn rank(b: &Bundle, measure: MeasureId, area: AreaId, year: u16) -> Option<Rank> {
    if b.area(area).level != Level::Authority {
        return None;
    }
    let v = b.cell(measure, area, year).value()?;
    Ranking::new(b, measure, year).of_value(v)
}

/// Why a measure has no band, or what its band means, in a sentence.
pub fn band_rule(b: &Bundle, measure: MeasureId) -> &'static str {
    match b.measure(measure).polarity {
        Polarity::LowerIsBetter => {
            "Quartile bands as in DfE's LAIT: A is the quarter of authorities with the lowest figures, where DfE counts lower as better."
        }
        Polarity::HigherIsBetter => {
            "Quartile bands as in DfE's LAIT: A is the quarter of authorities with the highest figures, where DfE counts higher as better."
        }
        Polarity::HigherIsMoreNeed | Polarity::Neutral => {
            "No quartile band: DfE does not say whether a higher or lower figure is better for this measure."
        }
    }
}

/// "the median of its 10 statistical neighbours (DfE's 2025 model)".
pub fn describe(model: NeighbourModel, stat: Statistic, of: usize) -> String {
    format!(
        "the {} of its {of} statistical neighbours ({})",
        stat.keyword(),
        model.name()
    )
}

/// `compare(measure, area, year, options)` in the query API: an
/// authority's figure with its rank, band, neighbours' average, region and
/// England, every number from the bundle.
#[derive(Clone, Debug, PartialEq)]
pub struct ComparisonInfo {
    /// The measure's id.
    pub measure: String,
    /// The area's code (as resolved for that year).
    pub area: String,
    /// Its name.
    pub area_name: String,
    /// The data year.
    pub year: u16,
    /// The area's figure; `null` for a gap.
    pub value: Option<f64>,
    /// Its rank among authorities; `null` for a gap, a region or a judgement.
    pub rank: Option<RankInfo>,
    /// `A`–`D`; `null` when the measure has no better direction (see `bandRule`).
    pub band: Option<String>,
    /// What the band means, or why there is none.
    pub band_rule: &'static str,
    /// The neighbours' average; `null` when the model does not cover the area.
    pub neighbours: Option<NeighbourFigureInfo>,
    /// The area's region's figure (authorities only).
    pub region: Option<f64>,
    /// England's figure.
    pub england: Option<f64>,
}

/// A rank as the query API gives it.
#[derive(Clone, Debug, PartialEq)]
pub struct RankInfo {
    /// 1 for the highest; ties share the best place.
    pub place: usize,
    /// Other authorities with the same figure.
    pub tied: usize,
    /// Authorities ranked (with a figure).
    pub of: usize,
    /// Authorities mapped without a figure, not ranked.
    pub without: usize,
    /// "3rd highest of 152".
    pub words: String,
}

/// The neighbours' average as the query API gives it.
#[derive(Clone, Debug, PartialEq)]
pub struct NeighbourFigureInfo {
    /// `2025` or `2021`.
    pub model: &'static str,
    /// `median` or `mean`.
    pub statistic: &'static str,
    /// The average; `null` when no neighbour has a figure.
    pub value: Option<f64>,
    /// Neighbours with a figure.
    pub with: usize,
    /// Neighbours listed.
    pub of: usize,
    /// The code whose list is used (the area's own, or its stand-in's).
    pub listed_as: String,
    /// Neighbours without a figure: code, name and why.
    pub gaps: Vec<[String; 3]>,
}

// What JavaScript receives, named and ordered as `Comparison` in the typings.

impl ToJs for ComparisonInfo {
    fn to_js(&self, out: &mut dyn Sink) {
        object(
            out,
            "measure area areaName year value rank band bandRule neighbours region england",
            &[
                &self.measure,
                &self.area,
                &self.area_name,
                &self.year,
                &self.value,
                &self.rank,
                &self.band,
                &self.band_rule,
                &self.neighbours,
                &self.region,
                &self.england,
            ],
        )
    }
}

impl ToJs for RankInfo {
    fn to_js(&self, out: &mut dyn Sink) {
        object(
            out,
            "place tied of without words",
            &[
                &self.place,
                &self.tied,
                &self.of,
                &self.without,
                &self.words,
            ],
        )
    }
}

impl ToJs for NeighbourFigureInfo {
    fn to_js(&self, out: &mut dyn Sink) {
        object(
            out,
            "model statistic value with of listedAs gaps",
            &[
                &self.model,
                &self.statistic,
                &self.value,
                &self.with,
                &self.of,
                &self.listed_as,
                &self.gaps,
            ],
        )
    }
}

/// The comparison for `compare()`; an error names an unknown measure or
/// area, or a year the measure does not have.
pub fn comparison(
    b: &Bundle,
    measure: &str,
    area: &str,
    year: u16,
    model: NeighbourModel,
    stat: Statistic,
) -> Result<ComparisonInfo, String> {
    let f = b.value(measure, area, year).map_err(|e| e.to_string())?;
    let (m, a) = (f.measure, f.area);
    let cell_of = |x: AreaId| b.cell(m, x, year).value();
    let rank = rank(b, m, a, year);
    let neighbours = b.neighbour_group(a, model).map(|g| {
        let nf = neighbour_figure(b, m, g.neighbours, year, stat);
        NeighbourFigureInfo {
            model: model.keyword(),
            statistic: stat.keyword(),
            value: nf.value,
            with: nf.with,
            of: nf.of,
            listed_as: b.area(g.subject).code.clone(),
            gaps: nf
                .gaps
                .iter()
                .map(|(x, why)| {
                    let xa = b.area(*x);
                    [xa.code.clone(), xa.name.clone(), why.reason().to_string()]
                })
                .collect(),
        }
    });
    Ok(ComparisonInfo {
        measure: b.measure(m).id.clone(),
        area: b.area(a).code.clone(),
        area_name: b.area(a).name.clone(),
        year,
        value: f.value(),
        band: rank.and_then(|r| r.band()).map(|x| x.letter().to_string()),
        rank: rank.map(|r| RankInfo {
            place: r.place,
            tied: r.tied,
            of: r.of,
            without: r.without,
            words: r.words(),
        }),
        band_rule: band_rule(b, m),
        neighbours,
        region: b.area(a).region.and_then(cell_of),
        england: b.country().and_then(cell_of),
    })
}

/// Decimals to print a neighbours' average with: the finest the neighbours'
/// figures that year were published with, one more where the average falls
/// between (a median of two, a mean).
pub fn average_decimals(
    b: &Bundle,
    measure: MeasureId,
    list: &[Neighbour],
    year: u16,
    value: Option<f64>,
) -> u8 {
    let d = list
        .iter()
        .filter_map(|n| neighbour_area(b, measure, n.area, year))
        .filter_map(|a| match b.cell(measure, a, year) {
            Cell::Value { decimals, .. } => Some(decimals),
            Cell::Missing(_) => None,
        })
        .max()
        .unwrap_or(0);
    let exact = value.is_none_or(|v| ((v * 10f64.powi(i32::from(d))).fract()).abs() < 1e-9);
    if exact {
        d
    } else {
        d + 1
    }
}

/// The trend's line of the neighbours' statistic, year by year from the
/// neighbours with a figure that year, and those figures (for the words).
/// Printed to the finest decimals the neighbours' figures have, one more
/// where the average falls between (a median of two, a mean).
pub fn neighbour_line(
    b: &Bundle,
    measure: MeasureId,
    subject: AreaId,
    list: &[Neighbour],
    stat: Statistic,
) -> (crate::view::trend::Line, Vec<NeighbourFigure>) {
    let (first, last) = b.measure(measure).years;
    let mut values = Vec::new();
    let mut decimals = Vec::new();
    let mut figures = Vec::new();
    for y in first..=last {
        let f = neighbour_figure(b, measure, list, y, stat);
        let d = average_decimals(b, measure, list, y, f.value);
        values.push(f.value);
        decimals.push(d);
        figures.push(f);
    }
    let line = crate::view::trend::Line {
        area: subject,
        label: format!("Neighbours' {}", stat.keyword()),
        role: crate::view::trend::Role::Neighbours,
        slot: 0,
        values,
        decimals,
    };
    (line, figures)
}

/// "3rd highest of 152 authorities; quartile band B" — or, without a
/// better direction, the rank alone; `None` for a gap, a region or a judgement.
pub fn rank_phrase(b: &Bundle, measure: MeasureId, area: AreaId, year: u16) -> Option<String> {
    let r = rank(b, measure, area, year)?;
    Some(match r.band() {
        Some(band) => format!(
            "{}; quartile band {} (A is the best quarter)",
            r.words(),
            band.letter()
        ),
        None => r.words(),
    })
}

/// The sentence the summary and the table's note give for a neighbour
/// comparison: "County Durham's statistical neighbours (DfE's 2025 model,
/// median): 95 per 10,000 children, from 9 of 10 with a figure (Cumbria:
/// area did not exist that year)." Names the stand-in when the list is one.
pub fn neighbour_sentence(
    b: &Bundle,
    measure: MeasureId,
    subject: AreaId,
    year: u16,
    model: NeighbourModel,
    stat: Statistic,
) -> String {
    let name = &b.area(subject).name;
    let Some(g) = b.neighbour_group(subject, model) else {
        return format!(
            "{name} has no statistical neighbours in {}: it was not an authority on that model's geography.",
            model.name()
        );
    };
    let via = match g.via {
        crate::data::Via::Own => String::new(),
        crate::data::Via::SameArea => format!(" (listed under {})", b.area(g.subject).code),
        crate::data::Via::Predecessor => {
            format!(
                " (the list of {}, which it was formed from)",
                b.area(g.subject).name
            )
        }
    };
    let f = neighbour_figure(b, measure, g.neighbours, year, stat);
    let m = b.measure(measure);
    if m.kind == Kind::Category {
        return format!(
            "{name}'s statistical neighbours{via} ({}) are listed with their judgements; judgements are not averaged.",
            model.name()
        );
    }
    let value = match f.value {
        Some(v) => {
            let d = average_decimals(b, measure, g.neighbours, year, Some(v));
            format!("{} {}", crate::scale::format::number(v, d), m.unit)
        }
        None => "no figure".to_string(),
    };
    let mut s = format!(
        "{name}'s statistical neighbours{via} ({}, {}) in {year}: {value}, from {} of {} with a figure",
        model.name(),
        stat.keyword(),
        f.with,
        f.of
    );
    if !f.gaps.is_empty() {
        let gaps: Vec<String> = f
            .gaps
            .iter()
            .map(|(a, why)| format!("{}: {}", b.area(*a).name, why.reason()))
            .collect();
        s += &format!(" ({})", gaps.join("; "));
    }
    s.push('.');
    s
}
