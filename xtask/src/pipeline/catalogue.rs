//! What each measure is, in our own words, and who publishes it. The numbers
//! come from the files; this is the text around them.

use care_atlas::data::{Kind, Measure, Polarity, Source};

pub const ATTRIBUTION: &str = "Source: Department for Education; Office for National Statistics; \
Ofsted; DWP. Open Government Licence v3.0. Contains OS data © Crown copyright and database right 2016.";

pub const OGL: &str = "Open Government Licence v3.0";

/// Index of each source in [`sources`].
pub const SRC_CLA: u16 = 0;
pub const SRC_CIN: u16 = 1;

pub fn sources() -> Vec<Source> {
    vec![
        Source {
            publisher: "Department for Education".into(),
            publication: "Children looked after in England including adoptions".into(),
            url: "https://explore-education-statistics.service.gov.uk/find-statistics/children-looked-after-in-england-including-adoptions".into(),
            licence: OGL.into(),
        },
        Source {
            publisher: "Department for Education".into(),
            publication: "Children in need".into(),
            url: "https://explore-education-statistics.service.gov.uk/find-statistics/children-in-need".into(),
            licence: OGL.into(),
        },
    ]
}

/// Formulas of derived values; [`care_atlas::data::Basis::Derived`] indexes these.
pub const NOTE_ONS_POP: u8 = 0;
pub const NOTE_DFE_2009_POP: u8 = 1;

pub fn notes() -> Vec<String> {
    vec![
        "count ÷ ONS mid-year estimate of children aged 0–17 for the year before × 10,000, to 1 decimal place".into(),
        "count ÷ the mid-2009 population aged 0–17 published by DfE with the count (to the nearest 100) × 10,000, to 1 decimal place".into(),
    ]
}

/// The measures in bundle order; `years` is filled in from the data.
pub fn measures() -> Vec<Measure> {
    let rate =
        |id: &str, label: &str, short: &str, definition: &str, convention: &str, source: u16| {
            Measure {
                id: id.into(),
                label: label.into(),
                short_label: short.into(),
                unit: "per 10,000 children".into(),
                kind: Kind::Rate,
                polarity: Polarity::HigherIsMoreNeed,
                decimals: 1,
                definition: definition.into(),
                convention: convention.into(),
                source,
                years: (0, 0),
                categories: Vec::new(),
            }
        };
    vec![
        rate(
            "cla_rate",
            "Children looked after",
            "Looked after",
            "Children looked after by the local authority on 31 March, per 10,000 children under 18 living in the area.",
            "at 31 March",
            SRC_CLA,
        ),
        rate(
            "cin_rate",
            "Children in need",
            "In need",
            "Children assessed as in need of children's social care services on 31 March (including those on protection plans and those looked after), per 10,000 children under 18.",
            "at 31 March",
            SRC_CIN,
        ),
        rate(
            "cpp_rate",
            "Children on child protection plans",
            "Protection plans",
            "Children who were the subject of a child protection plan on 31 March, per 10,000 children under 18.",
            "at 31 March",
            SRC_CIN,
        ),
        rate(
            "referrals_rate",
            "Referrals to children's social care",
            "Referrals",
            "Referrals received by children's social care in the year ending 31 March, per 10,000 children under 18.",
            "in the year to 31 March",
            SRC_CIN,
        ),
    ]
}
