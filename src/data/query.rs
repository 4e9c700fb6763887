//! The query API: the bundle asked by the names users know — measure ids,
//! area codes (or their aliases), data years — answering with plain values.
//! The JavaScript API (`measures()`, `areas()`, `years()`, `value()`) is this,
//! exported.
//!
//! ```
//! use care_atlas::data::{Basis, Bundle, EMBEDDED};
//!
//! let b = Bundle::decode(EMBEDDED).unwrap();
//! let f = b.value("cla_rate", "E12000001", 2025).unwrap();
//! assert_eq!(f.value(), Some(111.0));
//! assert_eq!(f.basis(), Some(Basis::Official));
//! // Old codes find the area mapped that year: North Yorkshire's county code in 2025.
//! let f = b.value("cla_rate", "E10000023", 2025).unwrap();
//! assert_eq!(b.area(f.area).code, "E06000065");
//! ```

use super::model::*;
use std::fmt;

/// One figure: a measure for an area in a data year, with its basis or the
/// reason it is missing.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Figure {
    /// The measure.
    pub measure: MeasureId,
    /// The area the code asked for resolved to in that year.
    pub area: AreaId,
    /// The data year asked for.
    pub year: u16,
    /// The figure, or why there is none.
    pub cell: Cell,
    /// For dated measures (Ofsted's judgements), the inspection date as
    /// `yyyymmdd`.
    pub date: Option<u32>,
}

impl Figure {
    /// The figure; `None` for a gap.
    pub fn value(&self) -> Option<f64> {
        self.cell.value()
    }

    /// Official or derived; `None` for a gap.
    pub fn basis(&self) -> Option<Basis> {
        match self.cell {
            Cell::Value { basis, .. } => Some(basis),
            Cell::Missing(_) => None,
        }
    }

    /// Why the figure is missing; `None` for a value.
    pub fn missing(&self) -> Option<Missing> {
        match self.cell {
            Cell::Missing(m) => Some(m),
            Cell::Value { .. } => None,
        }
    }

    /// For a judgement, its category (e.g. "Good").
    pub fn category<'a>(&self, b: &'a Bundle) -> Option<&'a str> {
        let m = b.measure(self.measure);
        let i = self.value()?;
        (m.kind == Kind::Category)
            .then(|| m.categories.get(i as usize).map(String::as_str))
            .flatten()
    }

    /// For a derived value, the formula it was derived by.
    pub fn note<'a>(&self, b: &'a Bundle) -> Option<&'a str> {
        b.note(self.basis()?)
    }
}

/// A query naming something the bundle does not hold.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum QueryError {
    /// No measure has this id.
    UnknownMeasure(String),
    /// No area has this code or alias.
    UnknownArea(String),
}

impl fmt::Display for QueryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            QueryError::UnknownMeasure(m) => write!(f, "no measure \"{m}\" in the bundle"),
            QueryError::UnknownArea(a) => write!(f, "no area with code \"{a}\" in the bundle"),
        }
    }
}

impl std::error::Error for QueryError {}

impl Bundle {
    /// The measure with this id.
    pub fn measure_by_id(&self, id: &str) -> Option<&Measure> {
        self.measure_id(id).map(|m| self.measure(m))
    }

    /// Who published a measure, under what licence.
    pub fn source_of(&self, measure: MeasureId) -> &Source {
        &self.sources[usize::from(self.measure(measure).source)]
    }

    /// The formula of a derived value; `None` for official figures.
    pub fn note(&self, basis: Basis) -> Option<&str> {
        match basis {
            Basis::Official | Basis::Page => None,
            Basis::Derived(n) => self.notes.get(usize::from(n)).map(String::as_str),
        }
    }

    /// The areas of a level mapped in a data year, in bundle order.
    pub fn areas_live_in(&self, level: Level, year: u16) -> impl Iterator<Item = AreaId> + '_ {
        self.areas_at(level)
            .filter(move |&a| self.area(a).live_in(year))
    }

    /// A figure by measure id, area code (or alias) and data year. The code
    /// resolves to the area mapped for the measure that year ([`Bundle::area_at`]),
    /// so either of an authority's codes finds its figure; a code of an area
    /// not mapped that year gives its [`Missing::NotLive`] cell.
    pub fn value(&self, measure: &str, area: &str, year: u16) -> Result<Figure, QueryError> {
        let m = self
            .measure_id(measure)
            .ok_or_else(|| QueryError::UnknownMeasure(measure.to_string()))?;
        let a = self
            .area_at(area, self.map_year(m, year))
            .or_else(|| self.area_id(area))
            .ok_or_else(|| QueryError::UnknownArea(area.to_string()))?;
        Ok(Figure {
            measure: m,
            area: a,
            year,
            cell: self.cell(m, a, year),
            date: self.date(m, a),
        })
    }
}
