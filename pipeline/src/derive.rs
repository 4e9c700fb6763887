//! Rates derived where DfE published none: count ÷ ONS mid-year population
//! aged 0–17 of the year before × 10,000, to one decimal place, as DfE
//! computes its own (they agree exactly where both exist, 2015–2025). A
//! count the publisher withheld leaves the rate withheld for the same reason.

use super::catalogue::NOTE_ONS_POP;
use super::collect::{round_to, Collected};
use care_atlas::data::{AreaId, Basis, Cell, Missing};
use std::collections::BTreeMap;

/// Each rate and the collected count it is derived from.
pub const RATES: [(&str, &str); 8] = [
    ("cla_rate", "cla_count"),
    ("cin_rate", "count:cin_rate"),
    ("cpp_rate", "count:cpp_rate"),
    ("referrals_rate", "count:referrals_rate"),
    // Factors at assessment: DfE publishes counts only.
    ("factor_domestic_abuse_rate", "factor_domestic_abuse"),
    ("factor_mental_health_rate", "factor_mental_health"),
    ("factor_drug_misuse_rate", "factor_drug_misuse"),
    ("factor_alcohol_misuse_rate", "factor_alcohol_misuse"),
];

pub fn derived(count: f64, pop: f64, note: u8) -> Cell {
    Cell::Value {
        value: round_to(count / pop * 10_000.0, 1),
        decimals: 1,
        basis: Basis::Derived(note),
    }
}

/// Fills every (rate, area, year) with a count but no official rate.
/// Returns the places a count exists but no population to divide by.
pub fn rates(
    pop: &BTreeMap<(AreaId, u16), f64>,
    out: &mut Collected,
) -> Vec<(String, AreaId, u16)> {
    let mut no_population = Vec::new();
    for (rate, count) in RATES {
        let counts: Vec<(AreaId, u16, Cell, String)> = out
            .entries
            .iter()
            .filter(|((m, _, _), _)| m == count)
            .map(|((_, a, y), e)| (*a, *y, e.cell, e.source.clone()))
            .collect();
        for (a, y, cell, source) in counts {
            if out.has_value(rate, a, y) {
                continue;
            }
            let cell = match (cell, pop.get(&(a, y))) {
                (Cell::Value { value, .. }, Some(&p)) => derived(value, p, NOTE_ONS_POP),
                (Cell::Value { .. }, None) => {
                    no_population.push((rate.to_string(), a, y));
                    Cell::Missing(Missing::NotPublished)
                }
                (gap, _) => gap,
            };
            let source = format!("{source} ÷ ONS population");
            out.put(rate, a, y, cell, &source, 0);
        }
    }
    no_population
}
