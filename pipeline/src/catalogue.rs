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
pub const SRC_CSWW: u16 = 4;
pub const SRC_S251: u16 = 5;
pub const SRC_RO3: u16 = 6;

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
        source(
            "Department for Education",
            "Children's social work workforce",
            "https://explore-education-statistics.service.gov.uk/find-statistics/childrens-social-work-workforce",
        ),
        source(
            "Department for Education",
            "LA and school expenditure (section 251 outturn), as held in the Local Authority Interactive Tool",
            "https://explore-education-statistics.service.gov.uk/find-statistics/la-and-school-expenditure",
        ),
        source(
            "Ministry of Housing, Communities and Local Government",
            "Local authority revenue expenditure and financing: 2024-25 outturn (RO3, social care)",
            "https://www.gov.uk/government/collections/local-authority-revenue-expenditure-and-financing",
        ),
    ]
}

/// Formulas of derived values; [`care_atlas::data::Basis::Derived`] indexes these.
pub const NOTE_ONS_POP: u8 = 0;
pub const NOTE_DFE_2009_POP: u8 = 1;
pub const NOTE_COMBINED_KINGSTON_RICHMOND: u8 = 2;
pub const NOTE_COMBINED_NORTHAMPTONSHIRE: u8 = 3;
pub const NOTE_RO3_AUTHORITY: u8 = 4;
pub const NOTE_RO3_SUM: u8 = 5;
pub const NOTE_RO3_ENGLAND: u8 = 6;

pub fn notes() -> Vec<String> {
    vec![
        "count ÷ ONS mid-year estimate of children aged 0–17 for the year before × 10,000, to 1 decimal place".into(),
        "count ÷ the mid-2009 population aged 0–17 published by DfE with the count (to the nearest 100) × 10,000, to 1 decimal place".into(),
        "one figure for two authorities: Kingston upon Thames and Richmond upon Thames make one combined workforce return (through Achieving for Children); DfE's figure for both is shown on each, never split".into(),
        "one figure for two authorities: North and West Northamptonshire make one combined workforce return (through Northamptonshire Children's Trust); DfE's figure for both is shown on each, never split".into(),
        "RO3 total expenditure on children's social care (£ thousand × 1,000) ÷ ONS mid-2024 estimate of children aged 0–17, to the nearest £".into(),
        "sum of its authorities' RO3 total expenditure on children's social care ÷ the sum's ONS mid-2024 population aged 0–17, to the nearest £ (a gap if any authority made no return)".into(),
        "MHCLG's England total of RO3 expenditure on children's social care (which estimates the authorities that made no return) ÷ ONS mid-2024 population aged 0–17, to the nearest £".into(),
    ]
}

/// Families of measures (`Measure::family`): measures published together,
/// shipped together in one pack and loaded together on first use.
pub const DEMAND: &str = "demand";
pub const POVERTY: &str = "poverty";
pub const OFSTED: &str = "ofsted";
pub const ASSESSMENT: &str = "assessment";
pub const WORKFORCE: &str = "workforce";
pub const SPENDING: &str = "spending";
pub const PLACEMENTS: &str = "placements";
pub const LEAVERS: &str = "leavers";
/// Every family, in the order their packs are listed.
pub const FAMILIES: [&str; 8] = [
    DEMAND, POVERTY, OFSTED, ASSESSMENT, WORKFORCE, SPENDING, PLACEMENTS, LEAVERS,
];

fn measure(id: &str, label: &str, short: &str, unit: &str, kind: Kind) -> Measure {
    Measure {
        id: id.into(),
        family: DEMAND.into(),
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
        next_year_areas: false,
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
        family: POVERTY.into(),
        definition: definition.into(),
        source: SRC_DWP,
        convention: "in the financial year ending 31 March".into(),
        ..measure(id, label, short, "% of children under 16", Kind::Percent)
    };
    let ofsted = |id: &str, label: &str, short: &str, definition: &str| Measure {
        family: OFSTED.into(),
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

/// The measures of issue 12, beyond demand: what families face at
/// assessment, the workforce, the money, placements and care leavers, and
/// the demand measures over the year. Appended after [`measures`] (ids are
/// public API; the order is the picker's within each family).
pub fn wider() -> Vec<Measure> {
    let m = |family: &str,
             id: &str,
             (label, short): (&str, &str),
             (unit, kind, decimals): (&str, Kind, u8),
             (polarity, convention, source): (Polarity, &str, u16),
             definition: &str| Measure {
        family: family.into(),
        definition: definition.into(),
        decimals,
        polarity,
        convention: convention.into(),
        source,
        ..measure(id, label, short, unit, kind)
    };
    let year = "in the year to 31 March";
    let pct = |unit| (unit, Kind::Percent, 0);
    let mut v = vec![
        m(DEMAND, "cla_starts_rate", ("Children starting to be looked after", "Starting care"),
          ("per 10,000 children", Kind::Rate, 0), (Polarity::HigherIsMoreNeed, year, SRC_CLA),
          "Children who started to be looked after during the year ending 31 March, per 10,000 children under 18 (DfE's published rate, to the nearest whole number)."),
        m(DEMAND, "cpp_repeat_pct", ("Second or subsequent child protection plans", "Repeat plans"),
          ("% of plans starting in the year", Kind::Percent, 1), (Polarity::HigherIsMoreNeed, year, SRC_CIN),
          "Child protection plans that started during the year ending 31 March and were the child's second or later plan, as a share of all plans that started."),
        m(DEMAND, "uasc_share", ("Unaccompanied asylum-seeking children among children looked after", "UASC share"),
          pct("% of children looked after"), (Polarity::Neutral, "at 31 March", SRC_CLA),
          "Unaccompanied asylum-seeking children as a share of all children looked after on 31 March (DfE, as held in LAIT): shows whether a high looked-after rate is driven by them. Excludes children looked after under a series of short-term placements."),
    ];
    for (id, what, _) in super::wider::FACTORS {
        v.push(m(ASSESSMENT, &format!("{id}_rate"), (&format!("Assessments finding {what}"), &capitalise(what)),
          ("per 10,000 children", Kind::Rate, 1), (Polarity::HigherIsMoreNeed, year, SRC_CIN),
          &format!("Episodes of need whose assessment, completed in the year ending 31 March, identified {what} as a factor, per 10,000 children under 18. Derived by care-atlas from DfE's count and ONS's population (DfE publishes the count only).")));
        v.push(m(ASSESSMENT, id, (&format!("Assessments finding {what} (number)"), &format!("{} (number)", capitalise(what))),
          ("episodes", Kind::Count, 0), (Polarity::HigherIsMoreNeed, year, SRC_CIN),
          &format!("Episodes of need whose assessment, completed in the year ending 31 March, identified {what} as a factor (DfE rounds counts to the nearest 10). An episode can record several factors.")));
    }
    let census = "at 30 September";
    let combined = " Kingston upon Thames with Richmond upon Thames, and North with West Northamptonshire, make combined returns: the one figure is shown on both and marked so.";
    let w = |id, labels, unit: (&str, Kind, u8), definition: &str| Measure {
        next_year_areas: true,
        ..m(
            WORKFORCE,
            id,
            labels,
            unit,
            (Polarity::LowerIsBetter, census, SRC_CSWW),
            &format!("{definition}{combined}"),
        )
    };
    v.extend([
        w("sw_turnover_rate", ("Children's social worker turnover", "Turnover"), ("% of social workers (FTE)", Kind::Percent, 1),
          "Children and family social workers (FTE) who left in the year to 30 September, as a share of those in post on 30 September. DfE's census is taken on 30 September, not 31 March: the map shows the authorities of that date."),
        w("sw_agency_rate", ("Agency children's social workers", "Agency workers"), ("% of social workers (FTE)", Kind::Percent, 1),
          "Agency children and family social workers (FTE) on 30 September, as a share of all social workers in post plus agency workers. Census of 30 September."),
        w("sw_vacancy_rate", ("Children's social worker vacancies", "Vacancies"), ("% of posts (FTE)", Kind::Percent, 1),
          "Vacant children and family social worker posts (FTE) on 30 September, as a share of vacancies plus social workers in post. Census of 30 September."),
        w("sw_caseload", ("Caseload per children's social worker", "Caseload"), ("cases per social worker (FTE)", Kind::Rate, 1),
          "Cases held on 30 September divided by the FTE children and family social workers (including agency workers) holding one or more cases. Census of 30 September."),
    ]);
    let fy = "in the financial year ending 31 March";
    let excl = " Section 251 outturn (gross expenditure, £, cash terms): DfE removed Wandsworth's and Middlesbrough's 2024-25 children's services figures from the regional and England totals over quality concerns.";
    let s = |id, labels, definition: &str| {
        m(
            SPENDING,
            id,
            labels,
            ("£ (gross expenditure)", Kind::Count, 0),
            (Polarity::Neutral, fy, SRC_S251),
            &format!("{definition}{excl}"),
        )
    };
    v.extend([
        s("spend_cla", ("Spending on children looked after", "Looked-after spend"),
          "Gross expenditure on children looked after: residential care, fostering, adoption, special guardianship, short breaks, education of children looked after, leaving care support and services for asylum-seeking children."),
        s("spend_safeguarding", ("Spending on safeguarding children and young people", "Safeguarding spend"),
          "Gross expenditure on safeguarding children and young people's services: social work (including child protection), commissioning and the local safeguarding board."),
        s("spend_family_support", ("Spending on family support services", "Family support spend"),
          "Gross expenditure on family support services for children in need and their families: direct payments, short breaks and other support for disabled children, targeted and universal family support."),
        s("spend_sure_start", ("Spending on Sure Start children's centres and early years", "Sure Start spend"),
          "Gross expenditure on Sure Start children's centres and early years."),
        m(SPENDING, "spend_csc_per_child", ("Spending on children's social care per child", "Spend per child"),
          ("£ per child aged 0–17", Kind::Rate, 0), (Polarity::Neutral, fy, SRC_RO3),
          "Total expenditure on children's social care in the revenue outturn (RO3, 2024-25, £ thousand) per child aged 0–17 (ONS mid-2024 estimate). Derived by care-atlas; regions, Inner and Outer London are sums of their authorities (a gap where one made no return: Birmingham, Cumberland and Slough for 2024-25), England MHCLG's published total."),
        m(PLACEMENTS, "placements_3plus_pct", ("Children looked after with 3 or more placements in the year", "3+ placements"),
          pct("% of children looked after"), (Polarity::LowerIsBetter, "at 31 March", SRC_CLA),
          "Children looked after on 31 March who had three or more placements during the year, as a share of all children looked after on 31 March."),
        m(PLACEMENTS, "placements_stable_pct", ("Long-term placement stability", "Stable placements"),
          pct("% of children looked after 2.5+ years"), (Polarity::HigherIsBetter, "at 31 March", SRC_CLA),
          "Children under 16 looked after continuously for at least 2.5 years on 31 March who had lived in the same placement (with the same carer) for at least 2 years, as a share of all such children."),
        m(PLACEMENTS, "placements_far_out_pct", ("New placements more than 20 miles from home and outside the authority", "Far, outside placements"),
          pct("% of new placements"), (Polarity::LowerIsBetter, year, SRC_CLA),
          "New placements made during the year ending 31 March outside the authority's boundary and more than 20 miles from the child's home, as a share of all new placements (including those whose distance is not recorded)."),
        m(LEAVERS, "leavers_eet_pct", ("Care leavers aged 19–21 in education, employment or training", "Leavers in EET"),
          pct("% of care leavers aged 19–21"), (Polarity::HigherIsBetter, year, SRC_CLA),
          "Former relevant young people (care leavers) whose 19th, 20th or 21st birthday fell in the year ending 31 March, in education, employment or training around their birthday, as a share of all such care leavers (including those the authority was not in touch with)."),
        m(LEAVERS, "leavers_accommodation_pct", ("Care leavers aged 19–21 in suitable accommodation", "Leavers suitably housed"),
          pct("% of care leavers aged 19–21"), (Polarity::HigherIsBetter, year, SRC_CLA),
          "Care leavers whose 19th, 20th or 21st birthday fell in the year ending 31 March, judged to be in suitable accommodation, as a share of all such care leavers."),
    ]);
    v
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map_or(String::new(), |f| f.to_uppercase().chain(c).collect())
}
