//! The measure picker's contents (`picker="measures"`): the bundle's
//! measures grouped by family, in the bundle's order, each group under a
//! name readers know. A page's own figures, when it brings some, are a
//! group of their own at the end.

use crate::data::{Bundle, MeasureId};

/// A family's name as the picker shows it; an unknown family shows its id.
pub fn family_label(family: &str) -> &str {
    match family {
        "demand" => "Demand",
        "poverty" => "Child poverty",
        "ofsted" => "Ofsted inspections",
        "assessment" => "Factors at assessment",
        "workforce" => "Social work workforce",
        "spending" => "Spending",
        "placements" => "Placements",
        "leavers" => "Care leavers",
        "user" => "This page's figures",
        other => other,
    }
}

/// The groups, in the order their first measure comes in the bundle.
pub fn groups(bundle: &Bundle) -> Vec<(&str, Vec<MeasureId>)> {
    let mut out: Vec<(&str, Vec<MeasureId>)> = Vec::new();
    for id in bundle.measure_ids() {
        let family = bundle.measure(id).family.as_str();
        match out.iter_mut().find(|(f, _)| *f == family) {
            Some((_, v)) => v.push(id),
            None => out.push((family, vec![id])),
        }
    }
    for g in &mut out {
        g.0 = family_label(g.0);
    }
    out
}
