//! Gathers values from many files into one table keyed by measure, area and
//! year, with a fixed precedence: an official published figure beats a
//! derived one, and any value beats a gap. Two official sources that disagree
//! are an error, not a silent choice.

use care_atlas::data::{Basis, Cell, Missing};
use std::collections::BTreeMap;

#[derive(Clone, Debug)]
pub struct Entry {
    pub cell: Cell,
    /// The file (and where useful, the column) the value came from.
    pub source: String,
}

/// (measure id, area code, data year)
pub type Key = (String, String, u16);

#[derive(Default)]
pub struct Collected {
    pub entries: BTreeMap<Key, Entry>,
    pub conflicts: Vec<String>,
}

fn rank(c: &Cell) -> u8 {
    match c {
        Cell::Value {
            basis: Basis::Official,
            ..
        } => 3,
        Cell::Value {
            basis: Basis::Derived(_),
            ..
        } => 2,
        Cell::Missing(Missing::Suppressed) => 1,
        Cell::Missing(_) => 0,
    }
}

impl Collected {
    pub fn put(&mut self, measure: &str, area: &str, year: u16, cell: Cell, source: &str) {
        let key = (measure.to_string(), area.to_string(), year);
        let new = Entry {
            cell,
            source: source.to_string(),
        };
        match self.entries.get(&key) {
            None => {
                self.entries.insert(key, new);
            }
            Some(old) => {
                if let (
                    Cell::Value {
                        value: a,
                        basis: Basis::Official,
                        ..
                    },
                    Cell::Value {
                        value: b,
                        basis: Basis::Official,
                        ..
                    },
                ) = (old.cell, new.cell)
                {
                    if (a - b).abs() > 1e-9 {
                        self.conflicts.push(format!(
                            "{measure} {area} {year}: {} says {a}, {} says {b}",
                            old.source, new.source
                        ));
                    }
                    return;
                }
                if rank(&new.cell) > rank(&old.cell) {
                    self.entries.insert(key, new);
                }
            }
        }
    }

    pub fn get(&self, measure: &str, area: &str, year: u16) -> Option<&Entry> {
        self.entries
            .get(&(measure.to_string(), area.to_string(), year))
    }

    pub fn has_value(&self, measure: &str, area: &str, year: u16) -> bool {
        self.get(measure, area, year)
            .is_some_and(|e| e.cell.value().is_some())
    }
}

/// Rounds to `decimals` places, half away from zero, as DfE's published rates are.
pub fn round_to(v: f64, decimals: u8) -> f64 {
    let p = 10f64.powi(i32::from(decimals));
    (v * p).round() / p
}
