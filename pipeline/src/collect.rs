//! Gathers values from many files into one table keyed by measure, area and
//! data year, with a fixed precedence:
//!
//! 1. Between what two releases say (a figure or a gap), the newer release
//!    (its *vintage*: the latest year it holds) stands. DfE revises earlier
//!    years in each release (late returns, revised populations) and now and
//!    then withdraws a figure (`z`); the older figure is kept in
//!    [`Collected::revisions`] and reported, never silently dropped.
//! 2. Two releases of the same vintage whose figures disagree are a
//!    conflict: the build fails rather than choose.
//! 3. Otherwise an official figure beats a derived one (vintage 0), any
//!    value beats a gap, and a reason (suppressed) beats no reason.

use care_atlas::data::{AreaId, Basis, Cell, Missing};
use std::collections::BTreeMap;

#[derive(Clone, Debug)]
pub struct Entry {
    pub cell: Cell,
    /// The file (and where useful, the column) the value came from.
    pub source: String,
    pub vintage: u16,
}

/// (measure id, area, data year)
pub type Key = (String, AreaId, u16);

/// An official figure a newer release replaced (or withdrew).
#[derive(Clone, Debug)]
pub struct Revision {
    pub old: Entry,
}

#[derive(Default)]
pub struct Collected {
    pub entries: BTreeMap<Key, Entry>,
    pub conflicts: Vec<String>,
    pub revisions: Vec<Revision>,
    /// Dated measures: (measure id, area) → `yyyymmdd`.
    pub dates: BTreeMap<(String, AreaId), u32>,
}

fn rank(c: &Cell) -> u8 {
    match c {
        Cell::Value {
            basis: Basis::Official,
            ..
        } => 3,
        Cell::Value {
            basis: Basis::Derived(_) | Basis::Page,
            ..
        } => 2,
        Cell::Missing(Missing::Suppressed) => 1,
        Cell::Missing(_) => 0,
    }
}

impl Collected {
    pub fn put(
        &mut self,
        measure: &str,
        area: AreaId,
        year: u16,
        cell: Cell,
        source: &str,
        vintage: u16,
    ) {
        let key = (measure.to_string(), area, year);
        let new = Entry {
            cell,
            source: source.to_string(),
            vintage,
        };
        let Some(old) = self.entries.get(&key) else {
            self.entries.insert(key, new);
            return;
        };
        let official = |e: &Entry| {
            !matches!(
                e.cell,
                Cell::Value {
                    basis: Basis::Derived(_),
                    ..
                }
            ) && e.vintage > 0
        };
        if official(old) && official(&new) && old.vintage != new.vintage {
            let (older, newer) = if new.vintage > old.vintage {
                (old.clone(), new)
            } else {
                (new, old.clone())
            };
            let same = match (older.cell.value(), newer.cell.value()) {
                (Some(a), Some(b)) => (a - b).abs() <= 1e-9,
                (None, _) => true,
                (Some(_), None) => false,
            };
            if !same {
                self.revisions.push(Revision { old: older });
            }
            self.entries.insert(key, newer);
            return;
        }
        if let (Some(a), Some(b)) = (old.cell.value(), new.cell.value()) {
            if official(old) && official(&new) && (a - b).abs() > 1e-9 {
                self.conflicts.push(format!(
                    "{measure} area #{area} {year}: {} says {a}, {} says {b}",
                    old.source, new.source
                ));
                return;
            }
        }
        if rank(&new.cell) > rank(&old.cell) {
            self.entries.insert(key, new);
        }
    }

    pub fn get(&self, measure: &str, area: AreaId, year: u16) -> Option<&Entry> {
        self.entries.get(&(measure.to_string(), area, year))
    }

    pub fn has_value(&self, measure: &str, area: AreaId, year: u16) -> bool {
        self.get(measure, area, year)
            .is_some_and(|e| e.cell.value().is_some())
    }
}

/// Rounds to `decimals` places, half away from zero, as DfE's published rates are.
pub fn round_to(v: f64, decimals: u8) -> f64 {
    let p = 10f64.powi(i32::from(decimals));
    (v * p).round() / p
}

#[cfg(test)]
mod tests {
    use super::*;

    fn official(v: f64) -> Cell {
        Cell::Value {
            value: v,
            decimals: 0,
            basis: Basis::Official,
        }
    }

    #[test]
    fn the_newer_release_stands_and_the_older_is_recorded() {
        let mut c = Collected::default();
        c.put("m", AreaId(1), 2023, official(70.0), "new", 2025);
        c.put("m", AreaId(1), 2023, official(71.0), "old", 2023);
        assert_eq!(
            c.get("m", AreaId(1), 2023).unwrap().cell.value(),
            Some(70.0)
        );
        assert_eq!(c.revisions.len(), 1);
        assert!(c.conflicts.is_empty());
    }

    #[test]
    fn same_vintage_disagreement_is_a_conflict() {
        let mut c = Collected::default();
        c.put("m", AreaId(1), 2023, official(70.0), "a", 2025);
        c.put("m", AreaId(1), 2023, official(71.0), "b", 2025);
        assert_eq!(c.conflicts.len(), 1);
    }

    #[test]
    fn a_reason_beats_no_reason_and_a_value_beats_both() {
        let mut c = Collected::default();
        c.put(
            "m",
            AreaId(1),
            2023,
            Cell::Missing(Missing::NotPublished),
            "a",
            2025,
        );
        c.put(
            "m",
            AreaId(1),
            2023,
            Cell::Missing(Missing::Suppressed),
            "b",
            2025,
        );
        assert_eq!(
            c.get("m", AreaId(1), 2023).unwrap().cell,
            Cell::Missing(Missing::Suppressed)
        );
        c.put("m", AreaId(1), 2023, official(3.0), "c", 2025);
        assert_eq!(c.get("m", AreaId(1), 2023).unwrap().cell.value(), Some(3.0));
    }

    #[test]
    fn a_newer_release_withdrawing_a_figure_stands() {
        let mut c = Collected::default();
        c.put("m", AreaId(1), 2021, official(0.0), "old", 2023);
        c.put(
            "m",
            AreaId(1),
            2021,
            Cell::Missing(Missing::NotPublished),
            "new",
            2025,
        );
        assert_eq!(c.get("m", AreaId(1), 2021).unwrap().cell.value(), None);
        assert_eq!(c.revisions.len(), 1);
    }
}
