//! Ofsted's judgements of each local authority's children's services (the
//! ILACS inspections), as the latest judgement standing at 31 March.

use super::ods;
use std::path::Path;

pub const FILE: &str = "sources/ofsted/LA_Inspection_Outcomes_as_at_31_March_2025.ods";
const SHEET: &str = "Inspections_as_at_31_March";

/// Ofsted's four grades, best first: a value is an index into this.
pub const GRADES: [&str; 4] = [
    "Outstanding",
    "Good",
    "Requires improvement to be good",
    "Inadequate",
];

/// The sheet's judgement columns and our measure ids, overall first.
pub const JUDGEMENTS: [(&str, &str); 5] = [
    ("Overall effectiveness", "ofsted_overall"),
    (
        "The impact of leaders on social work practice with children and families",
        "ofsted_leaders",
    ),
    (
        "The experiences and progress of children who need help and protection",
        "ofsted_help_and_protection",
    ),
    (
        "The experiences and progress of children in care",
        "ofsted_children_in_care",
    ),
    (
        "The experiences and progress of care leavers",
        "ofsted_care_leavers",
    ),
];

pub struct Inspection {
    pub code: String,
    pub name: String,
    /// The inspection's first day, `yyyymmdd`.
    pub date: u32,
    /// Per [`JUDGEMENTS`]: the grade's index in [`GRADES`], or `None` where
    /// the sheet is blank (care leavers were first judged separately in
    /// inspections from January 2023).
    pub grades: [Option<u8>; 5],
}

/// The data year the sheet stands at ("… as at 31 March 2025" in its title)
/// and every authority's latest inspection.
pub fn read(data: &Path) -> Result<(u16, Vec<Inspection>), String> {
    let rows = ods::read_sheet(&data.join(FILE), SHEET)?;
    let err = |what: String| format!("{FILE} ({SHEET}): {what}");
    let title = rows
        .first()
        .and_then(|r| r.first())
        .ok_or_else(|| err("no title".into()))?;
    let year: u16 = title
        .strip_prefix("Local authority inspection judgements as at 31 March ")
        .and_then(|y| y.trim().parse().ok())
        .ok_or_else(|| err(format!("unexpected title {title:?}")))?;
    let header_at = rows
        .iter()
        .position(|r| r.iter().any(|c| c == "Local authority area code"))
        .ok_or_else(|| err("no header row".into()))?;
    let header = &rows[header_at];
    let col = |name: &str| {
        header
            .iter()
            .position(|c| c == name)
            .ok_or_else(|| err(format!("no column {name:?}")))
    };
    let (c_code, c_name, c_date) = (
        col("Local authority area code")?,
        col("Local authority name")?,
        col("Inspection date")?,
    );
    let c_grades: Vec<usize> = JUDGEMENTS
        .iter()
        .map(|(h, _)| col(h))
        .collect::<Result<_, _>>()?;
    let mut out = Vec::new();
    for r in &rows[header_at + 1..] {
        let cell = |i: usize| r.get(i).map_or("", String::as_str);
        if cell(c_code).is_empty() {
            continue;
        }
        let date: u32 = cell(c_date)
            .get(..10)
            .map(|d| d.replace('-', ""))
            .and_then(|d| d.parse().ok())
            .ok_or_else(|| {
                err(format!(
                    "{}: bad inspection date {:?}",
                    cell(c_code),
                    cell(c_date)
                ))
            })?;
        let mut grades = [None; 5];
        for (g, &c) in grades.iter_mut().zip(&c_grades) {
            let text = cell(c);
            if text.is_empty() {
                continue;
            }
            let i = GRADES
                .iter()
                .position(|x| *x == text)
                .ok_or_else(|| err(format!("{}: unknown grade {text:?}", cell(c_code))))?;
            *g = Some(i as u8);
        }
        out.push(Inspection {
            code: cell(c_code).to_string(),
            name: cell(c_name).to_string(),
            date,
            grades,
        });
    }
    Ok((year, out))
}
