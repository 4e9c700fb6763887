//! What each measure is, in our own words, and who publishes it. The numbers
//! come from the files; this is the text around them.

use care_atlas::data::{Kind, Measure, Polarity, Source};

/// The boundaries' attribution, shown after every measure's own source.
pub const ATTRIBUTION: &str =
    "Boundaries: Office for National Statistics, Open Government Licence v3.0. \
Contains OS data © Crown copyright and database right 2016.";

pub const OGL: &str = "Open Government Licence v3.0";

/// Index of each source in [`sources`].
pub const SRC_CLA: u16 = 0;
pub const SRC_CIN: u16 = 1;
pub const SRC_DWP: u16 = 2;
pub const SRC_OFSTED: u16 = 3;

pub fn sources() -> Vec<Source> {
    let source = |publisher: &str, publication: &str, url: &str| Source {
        publisher: publisher.into(),
        publication: publication.into(),
        url: url.into(),
        licence: OGL.into(),
    };
    vec![
        source(
            "Department for Education",
            "Children looked after in England including adoptions",
            "https://explore-education-statistics.service.gov.uk/find-statistics/children-looked-after-in-england-including-adoptions",
        ),
        source(
            "Department for Education",
            "Children in need",
            "https://explore-education-statistics.service.gov.uk/find-statistics/characteristics-of-children-in-need",
        ),
        source(
            "Department for Work and Pensions",
            "Children in low income families: local area statistics",
            "https://www.gov.uk/government/collections/children-in-low-income-families-local-area-statistics",
        ),
        source(
            "Ofsted",
            "Local authority inspection outcomes as at 31 March 2025 (Children's social care data in England 2025)",
            "https://www.gov.uk/government/statistics/childrens-social-care-data-in-england-2025",
        ),
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

fn measure(id: &str, label: &str, short: &str, unit: &str, kind: Kind) -> Measure {
    Measure {
        id: id.into(),
        label: label.into(),
        short_label: short.into(),
        unit: unit.into(),
        kind,
        polarity: Polarity::HigherIsMoreNeed,
        decimals: 1,
        definition: String::new(),
        convention: "at 31 March".into(),
        source: SRC_CLA,
        years: (0, 0),
        boundaries: None,
        categories: Vec::new(),
    }
}

/// The measures in bundle order; `years` (and child poverty's
/// `boundaries`) are filled in from the data. The ids are public API.
pub fn measures() -> Vec<Measure> {
    let rate = |id: &str, label: &str, short: &str, definition: &str, source: u16| Measure {
        definition: definition.into(),
        source,
        ..measure(id, label, short, "per 10,000 children", Kind::Rate)
    };
    let poverty = |id: &str, label: &str, short: &str, definition: &str| Measure {
        definition: definition.into(),
        source: SRC_DWP,
        convention: "in the financial year ending 31 March".into(),
        ..measure(id, label, short, "% of children under 16", Kind::Percent)
    };
    let ofsted = |id: &str, label: &str, short: &str, definition: &str| Measure {
        definition: definition.into(),
        source: SRC_OFSTED,
        decimals: 0,
        // Categories are judgements of the service, best first; not a scale of need.
        polarity: Polarity::Neutral,
        categories: super::ofsted::GRADES
            .iter()
            .map(|g| g.to_string())
            .collect(),
        ..measure(id, label, short, "", Kind::Category)
    };
    vec![
        rate(
            "cla_rate",
            "Children looked after",
            "Looked after",
            "Children looked after by the local authority on 31 March, per 10,000 children under 18 living in the area.",
            SRC_CLA,
        ),
        Measure {
            definition: "Children looked after by the local authority on 31 March: in its care under a court order, or accommodated by it for more than 24 hours.".into(),
            decimals: 0,
            ..measure("cla_count", "Children looked after (number)", "Looked after (number)", "children", Kind::Count)
        },
        rate(
            "cin_rate",
            "Children in need",
            "In need",
            "Children assessed as in need of children's social care services on 31 March (including those on protection plans and those looked after), per 10,000 children under 18.",
            SRC_CIN,
        ),
        rate(
            "cpp_rate",
            "Children on child protection plans",
            "Protection plans",
            "Children who were the subject of a child protection plan on 31 March, per 10,000 children under 18.",
            SRC_CIN,
        ),
        Measure {
            convention: "in the year to 31 March".into(),
            ..rate(
                "referrals_rate",
                "Referrals to children's social care",
                "Referrals",
                "Referrals received by children's social care in the year ending 31 March, per 10,000 children under 18.",
                SRC_CIN,
            )
        },
        poverty(
            super::lait::CHILD_POVERTY_CURRENT,
            "Children in relative low income families",
            "Low income",
            "Children under 16 living in families whose income before housing costs is below 60% of the UK median, as a share of all children under 16 in the area; DWP's revised series (years ending March 2022 onwards), on current local authority boundaries for every year. Not comparable with the earlier series.",
        ),
        poverty(
            super::lait::CHILD_POVERTY_SUPERSEDED,
            "Children in relative low income families (earlier series)",
            "Low income (earlier series)",
            "The same measure as DWP published it before it revised the whole series (years ending March 2015 to 2024), on current local authority boundaries. Superseded, and never to be joined to the revised series: the two differ by 1 to 4 points.",
        ),
        ofsted(
            "ofsted_overall",
            "Ofsted: overall effectiveness of children's services",
            "Ofsted overall",
            "Ofsted's overall judgement of the local authority's children's services at its latest inspection (ILACS) standing on 31 March.",
        ),
        ofsted(
            "ofsted_leaders",
            "Ofsted: impact of leaders on social work practice",
            "Ofsted leaders",
            "Ofsted's judgement of the impact of leaders on social work practice with children and families, at the latest inspection standing on 31 March.",
        ),
        ofsted(
            "ofsted_help_and_protection",
            "Ofsted: children who need help and protection",
            "Ofsted help and protection",
            "Ofsted's judgement of the experiences and progress of children who need help and protection, at the latest inspection standing on 31 March.",
        ),
        ofsted(
            "ofsted_children_in_care",
            "Ofsted: children in care",
            "Ofsted children in care",
            "Ofsted's judgement of the experiences and progress of children in care, at the latest inspection standing on 31 March.",
        ),
        ofsted(
            "ofsted_care_leavers",
            "Ofsted: care leavers",
            "Ofsted care leavers",
            "Ofsted's judgement of the experiences and progress of care leavers, at the latest inspection standing on 31 March; judged separately only in inspections from January 2023, so earlier inspections have none.",
        ),
    ]
}
