//! The query API's answers as plain values — what JavaScript's
//! `measures()`, `areas()`, `value()` and the element's event details return
//! (through [`ToJs`], keys in the order `pkg/care-atlas.d.ts` declares them).
//! Built here, natively, so every field is tested without a browser.

use super::model::*;
use super::neighbours::{NeighbourModel, Via};
use super::plain::{object, Sink, ToJs};
use super::query::QueryError;

/// Who published a measure, as JavaScript sees it.
#[derive(Clone, Debug, PartialEq)]
pub struct SourceInfo<'a> {
    /// Who published it, e.g. "Department for Education".
    pub publisher: &'a str,
    /// The publication's title.
    pub publication: &'a str,
    /// Where the publication is.
    pub url: &'a str,
    /// The licence, e.g. "Open Government Licence v3.0".
    pub licence: &'a str,
}

/// A measure and its metadata: an item of `measures()`.
#[derive(Clone, Debug, PartialEq)]
pub struct MeasureInfo<'a> {
    /// The stable id the `measure` attribute takes, e.g. `cla_rate`.
    pub id: &'a str,
    /// Its family, a short id: `demand`, `poverty`, `ofsted`, `assessment`,
    /// `workforce`, `spending`, `placements`, `leavers` (`user` for a page's own figures).
    pub family: &'a str,
    /// Its name, e.g. "Children looked after".
    pub label: &'a str,
    /// A shorter name.
    pub short_label: &'a str,
    /// Read after a value, e.g. "per 10,000 children"; empty for judgements.
    pub unit: &'a str,
    /// `rate`, `count`, `percent` or `category`.
    pub kind: &'static str,
    /// `higher-is-more-need` (no better direction, LAIT's "-"), `lower-is-better`
    /// (workforce, placement moves, child poverty), `higher-is-better` (care leavers,
    /// stability), or `neutral` (judgements, spending, a page's own figures).
    pub polarity: &'static str,
    /// Decimal places values are stored at; each figure has its own.
    pub decimals: u8,
    /// What the figure counts, in the publisher's terms.
    pub definition: &'a str,
    /// When it is taken: "at 31 March", "in the year to 31 March", "in the
    /// financial year ending 31 March".
    pub convention: &'a str,
    /// Data years with at least one value, ascending (gaps left out: `cla_rate`
    /// has 2010, then 2013 on).
    pub years: Vec<u16>,
    /// For a series published on one year's areas throughout (child poverty):
    /// that data year; `null` when each year has its own areas.
    pub boundaries: Option<u16>,
    /// For judgements, the categories, best first; otherwise empty.
    pub categories: &'a [String],
    /// Who published it.
    pub source: SourceInfo<'a>,
}

/// An area: an item of `areas()`.
#[derive(Clone, Debug, PartialEq)]
pub struct AreaInfo<'a> {
    /// The ONS GSS code, e.g. `E06000047`.
    pub code: &'a str,
    /// The name, e.g. "County Durham".
    pub name: &'a str,
    /// `country`, `region`, `la` or `subregion` (Inner and Outer London).
    pub level: &'static str,
    /// For an authority or subregion, its region's code (London boroughs: `E12000007`).
    pub region: Option<&'a str>,
    /// For a London borough, Inner or Outer London's code (`E13000001`/`2`).
    pub subregion: Option<&'a str>,
    /// Other codes publishers use for the same area and shape.
    pub aliases: &'a [String],
    /// The first data year the area is mapped for; `null` when mapped from the start.
    pub live_from: Option<u16>,
    /// The last data year the area is mapped for; `null` when it still is.
    pub live_to: Option<u16>,
}

/// One figure, as `value(measure, area, year)` returns it.
#[derive(Clone, Debug, PartialEq)]
pub struct FigureInfo<'a> {
    /// The measure's id.
    pub measure: &'a str,
    /// The code the asked code resolved to that year (an old code finds the
    /// area mapped then).
    pub area: &'a str,
    /// That area's name.
    pub area_name: &'a str,
    /// The data year asked for.
    pub year: u16,
    /// The figure (for a judgement, its category's index); `null` for a gap.
    pub value: Option<f64>,
    /// Decimal places it was published (or derived) with; `null` for a gap.
    pub decimals: Option<u8>,
    /// `official`, `derived`, `page` (the page's own figures), or for a gap `suppressed`, `not-published` or `not-live`.
    pub status: &'static str,
    /// For a derived value, the formula.
    pub note: Option<&'a str>,
    /// For a gap, why, in words.
    pub reason: Option<&'static str>,
    /// For a judgement, its category, e.g. "Good".
    pub category: Option<&'a str>,
    /// For a judgement, the inspection date as `YYYY-MM-DD`.
    pub date: Option<String>,
}

/// `care-atlas-select`'s detail.
#[derive(Clone, Debug, PartialEq)]
pub struct SelectDetail<'a> {
    /// The selected areas' codes, oldest selection first.
    pub codes: Vec<&'a str>,
    /// The last selected area, or null.
    pub code: Option<&'a str>,
}

/// `care-atlas-ready`'s detail: always an object, so that a page's handler
/// can read `e.detail.measure` whatever happened; both are null when nothing
/// could be drawn (attributes the widget cannot use, a pack that did not
/// come), which the widget shows and a `care-atlas-error` has told.
#[derive(Clone, Debug, PartialEq)]
pub struct ReadyDetail<'a> {
    /// The measure shown.
    pub measure: Option<&'a str>,
    /// The data year shown.
    pub year: Option<u16>,
}

/// `care-atlas-error`'s detail: one shape for every error.
#[derive(Clone, Debug, PartialEq)]
pub struct ErrorDetail<'a> {
    /// `attribute`, `data`, `bundle` or `browser` (the JavaScript entry adds `load`).
    pub kind: &'static str,
    /// What went wrong, in a sentence for people.
    pub message: &'a str,
    /// The attribute to blame, else `null`; `"data"` for the page's own figures.
    pub attribute: Option<&'a str>,
    /// The attribute's bad value, if an attribute is to blame.
    pub value: Option<&'a str>,
}

/// One neighbour: an item of `neighbours(area).neighbours`.
#[derive(Clone, Debug, PartialEq)]
pub struct NeighbourInfo<'a> {
    /// The code of the area the model names (the 2021 model names Cumbria).
    pub code: &'a str,
    /// Its name.
    pub name: &'a str,
    /// DfE's band: `extremely-close`, `very-close`, `close`, `somewhat-close`, `not-close`.
    pub closeness: &'static str,
    /// The band in DfE's words, e.g. "Very close".
    pub closeness_label: &'static str,
}

/// `neighbours(area, model)`: an authority's statistical neighbours in one model.
#[derive(Clone, Debug, PartialEq)]
pub struct NeighboursInfo<'a> {
    /// `2025` or `2021`.
    pub model: &'static str,
    /// The model in words, e.g. "DfE's 2025 model".
    pub model_name: &'static str,
    /// The asked area's code as resolved (an alias finds its area).
    pub area: &'a str,
    /// Its name.
    pub area_name: &'a str,
    /// The code whose list this is: the area's own, or a stand-in's.
    pub listed_as: &'a str,
    /// `own`, `same-area` (the model lists the area under another code) or
    /// `predecessor` (the model predates the area: the authority it was formed from).
    pub via: &'static str,
    /// The neighbours, closest first, as DfE orders them.
    pub neighbours: Vec<NeighbourInfo<'a>>,
}

// What JavaScript receives: every field, named as the typings name it, in
// declaration order (`Option`s as `null`).

impl ToJs for SourceInfo<'_> {
    fn to_js(&self, out: &mut dyn Sink) {
        object(
            out,
            "publisher publication url licence",
            &[&self.publisher, &self.publication, &self.url, &self.licence],
        )
    }
}

impl ToJs for MeasureInfo<'_> {
    fn to_js(&self, out: &mut dyn Sink) {
        object(out, "id family label shortLabel unit kind polarity decimals definition convention years boundaries categories source", &[&self.id, &self.family, &self.label, &self.short_label, &self.unit, &self.kind, &self.polarity, &self.decimals, &self.definition, &self.convention, &self.years, &self.boundaries, &self.categories, &self.source])
    }
}

impl ToJs for AreaInfo<'_> {
    fn to_js(&self, out: &mut dyn Sink) {
        object(
            out,
            "code name level region subregion aliases liveFrom liveTo",
            &[
                &self.code,
                &self.name,
                &self.level,
                &self.region,
                &self.subregion,
                &self.aliases,
                &self.live_from,
                &self.live_to,
            ],
        )
    }
}

impl ToJs for FigureInfo<'_> {
    fn to_js(&self, out: &mut dyn Sink) {
        object(
            out,
            "measure area areaName year value decimals status note reason category date",
            &[
                &self.measure,
                &self.area,
                &self.area_name,
                &self.year,
                &self.value,
                &self.decimals,
                &self.status,
                &self.note,
                &self.reason,
                &self.category,
                &self.date,
            ],
        )
    }
}

impl ToJs for SelectDetail<'_> {
    fn to_js(&self, out: &mut dyn Sink) {
        object(out, "codes code", &[&self.codes, &self.code])
    }
}

impl ToJs for ReadyDetail<'_> {
    fn to_js(&self, out: &mut dyn Sink) {
        object(out, "measure year", &[&self.measure, &self.year])
    }
}

impl ToJs for ErrorDetail<'_> {
    fn to_js(&self, out: &mut dyn Sink) {
        object(
            out,
            "kind message attribute value",
            &[&self.kind, &self.message, &self.attribute, &self.value],
        )
    }
}

impl ToJs for NeighbourInfo<'_> {
    fn to_js(&self, out: &mut dyn Sink) {
        object(
            out,
            "code name closeness closenessLabel",
            &[
                &self.code,
                &self.name,
                &self.closeness,
                &self.closeness_label,
            ],
        )
    }
}

impl ToJs for NeighboursInfo<'_> {
    fn to_js(&self, out: &mut dyn Sink) {
        object(
            out,
            "model modelName area areaName listedAs via neighbours",
            &[
                &self.model,
                &self.model_name,
                &self.area,
                &self.area_name,
                &self.listed_as,
                &self.via,
                &self.neighbours,
            ],
        )
    }
}

/// What `setData` resolves to: `{ problems: [{ line, message }] }`.
#[derive(Clone, Debug, PartialEq)]
pub struct DataProblems<'a>(pub &'a [super::Problem]);

impl ToJs for DataProblems<'_> {
    fn to_js(&self, out: &mut dyn Sink) {
        object(out, "problems", &[&self.0])
    }
}

impl ToJs for super::Problem {
    fn to_js(&self, out: &mut dyn Sink) {
        object(out, "line message", &[&self.line, &self.message])
    }
}

/// The query API's word for a kind: `rate`, `count`, `percent`, `category`.
pub fn kind_word(k: Kind) -> &'static str {
    match k {
        Kind::Rate => "rate",
        Kind::Count => "count",
        Kind::Percent => "percent",
        Kind::Category => "category",
    }
}

impl Bundle {
    /// A measure's information. Panics on an id the bundle does not hold.
    pub fn measure_info(&self, id: MeasureId) -> MeasureInfo<'_> {
        let m = self.measure(id);
        let s = self.source_of(id);
        MeasureInfo {
            id: &m.id,
            family: &m.family,
            label: &m.label,
            short_label: &m.short_label,
            unit: &m.unit,
            kind: kind_word(m.kind),
            polarity: match m.polarity {
                Polarity::HigherIsMoreNeed => "higher-is-more-need",
                Polarity::Neutral => "neutral",
                Polarity::LowerIsBetter => "lower-is-better",
                Polarity::HigherIsBetter => "higher-is-better",
            },
            decimals: m.decimals,
            definition: &m.definition,
            convention: &m.convention,
            years: self.years_of(id),
            boundaries: m.boundaries,
            categories: &m.categories,
            source: SourceInfo {
                publisher: &s.publisher,
                publication: &s.publication,
                url: &s.url,
                licence: &s.licence,
            },
        }
    }

    /// Every measure's information, in the bundle's order.
    pub fn measure_infos(&self) -> Vec<MeasureInfo<'_>> {
        (0..self.measures.len())
            .filter_map(|i| u16::try_from(i).ok())
            .map(|i| self.measure_info(MeasureId(i)))
            .collect()
    }

    /// Areas, all or of one level named as the API names it
    /// (`"country"`, `"region"`, `"la"`).
    pub fn area_infos(&self, level: Option<&str>) -> Result<Vec<AreaInfo<'_>>, String> {
        let level = match level {
            None => None,
            Some(l) => Some(
                Level::ALL
                    .into_iter()
                    .find(|x| x.keyword() == l)
                    .ok_or_else(|| {
                        format!("unknown level \"{l}\": use \"country\", \"region\", \"la\" or \"subregion\"")
                    })?,
            ),
        };
        // Open-ended lifetimes are stored as far-off years; JavaScript gets null.
        let (first, last) = self.areas.iter().fold((u16::MAX, 0), |(f, l), a| {
            (f.min(a.data_years.0), l.max(a.data_years.1))
        });
        Ok(self
            .areas
            .iter()
            .filter(|a| level.is_none_or(|l| a.level == l))
            .map(|a| AreaInfo {
                code: &a.code,
                name: &a.name,
                level: a.level.keyword(),
                region: a.region.map(|r| self.area(r).code.as_str()),
                subregion: a.subregion.map(|r| self.area(r).code.as_str()),
                aliases: &a.aliases,
                live_from: (a.data_years.0 != first).then_some(a.data_years.0),
                live_to: (a.data_years.1 != last).then_some(a.data_years.1),
            })
            .collect())
    }

    /// An area's neighbours in a model (`2025` when `None`), by code; an
    /// error names an unknown code or model, or an area the model does not
    /// cover (and why).
    pub fn neighbours_info(
        &self,
        area: &str,
        model: Option<&str>,
    ) -> Result<NeighboursInfo<'_>, String> {
        let model = match model {
            None => NeighbourModel::Dfe2025,
            Some(k) => NeighbourModel::from_keyword(k).ok_or_else(|| {
                format!("unknown neighbour model \"{k}\": use \"2025\" or \"2021\"")
            })?,
        };
        let id = self
            .area_id(area)
            .ok_or_else(|| format!("no area \"{area}\" in the bundle"))?;
        let a = self.area(id);
        let g = self.neighbour_group(id, model).ok_or_else(|| {
            if a.level == Level::Authority {
                format!(
                    "{} ({}) is not in {}: it was not an authority on that model's geography",
                    a.name,
                    a.code,
                    model.name()
                )
            } else {
                format!(
                    "{} ({}) has no statistical neighbours: DfE's models cover local authorities",
                    a.name, a.code
                )
            }
        })?;
        Ok(NeighboursInfo {
            model: model.keyword(),
            model_name: model.name(),
            area: &a.code,
            area_name: &a.name,
            listed_as: &self.area(g.subject).code,
            via: match g.via {
                Via::Own => "own",
                Via::SameArea => "same-area",
                Via::Predecessor => "predecessor",
            },
            neighbours: g
                .neighbours
                .iter()
                .map(|n| {
                    let na = self.area(n.area);
                    NeighbourInfo {
                        code: &na.code,
                        name: &na.name,
                        closeness: n.closeness.keyword(),
                        closeness_label: n.closeness.label(),
                    }
                })
                .collect(),
        })
    }

    /// One figure as the API gives it.
    pub fn figure_info(
        &self,
        measure: &str,
        area: &str,
        year: u16,
    ) -> Result<FigureInfo<'_>, QueryError> {
        let f = self.value(measure, area, year)?;
        let a = self.area(f.area);
        let (status, reason) = match f.cell {
            Cell::Value {
                basis: Basis::Official,
                ..
            } => ("official", None),
            Cell::Value {
                basis: Basis::Page, ..
            } => ("page", None),
            Cell::Value { .. } => ("derived", None),
            Cell::Missing(m) => (
                match m {
                    Missing::Suppressed => "suppressed",
                    Missing::NotPublished => "not-published",
                    Missing::NotLive => "not-live",
                },
                Some(m.reason()),
            ),
        };
        let decimals = match f.cell {
            Cell::Value { decimals, .. } => Some(decimals),
            Cell::Missing(_) => None,
        };
        Ok(FigureInfo {
            measure: &self.measure(f.measure).id,
            area: &a.code,
            area_name: &a.name,
            year,
            value: f.value(),
            decimals,
            status,
            note: f.note(self),
            reason,
            category: f.category(self),
            date: f
                .date
                .map(|d| format!("{:04}-{:02}-{:02}", d / 10_000, d / 100 % 100, d % 100)),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::Tree;

    /// `pkg/care-atlas.d.ts`, the typings pages compile against.
    const DTS: &str = include_str!("../../pkg/care-atlas.d.ts");

    /// The members `name` declares at its top level, in order, with their
    /// types (one line each in the typings).
    fn declared(name: &str) -> Vec<(&'static str, &'static str)> {
        let head = format!("export interface {name} {{");
        let start = DTS
            .find(&head)
            .unwrap_or_else(|| panic!("no interface {name} in the typings"));
        DTS[start..]
            .lines()
            .skip(1)
            .take_while(|l| *l != "}")
            .filter_map(|l| {
                let l = l.strip_prefix("  ")?;
                let (k, ty) = l.split_once(": ")?;
                let k = k.trim_matches('"');
                let plain =
                    !k.is_empty() && k.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'-');
                plain.then_some((k, ty))
            })
            .collect()
    }

    fn keys(name: &str) -> Vec<&'static str> {
        declared(name).into_iter().map(|(k, _)| k).collect()
    }

    /// The keys of an inline object type, `{ a: T; b: U }`, as declared.
    fn inline(name: &str, member: &str) -> Vec<&'static str> {
        let (_, ty) = declared(name)
            .into_iter()
            .find(|(k, _)| *k == member)
            .unwrap_or_else(|| panic!("no {name}.{member} in the typings"));
        let body = &ty[ty.find('{').unwrap() + 1..ty.rfind('}').unwrap()];
        body.split(';')
            .filter_map(|m| m.split_once(':'))
            .map(|(k, _)| k.trim())
            .collect()
    }

    #[test]
    fn answers_have_the_typings_keys_in_order() {
        let b = bundle();
        let m = Tree::of(&b.measure_infos());
        assert_eq!(m[0].keys(), keys("MeasureInfo"));
        assert_eq!(m[0]["source"].keys(), inline("MeasureInfo", "source"));
        let a = Tree::of(&b.area_infos(None).unwrap());
        assert_eq!(a[0].keys(), keys("AreaInfo"));
        let f = Tree::of(&b.figure_info("cla_rate", "E06000047", 2025).unwrap());
        assert_eq!(f.keys(), keys("Figure"));
        let n = Tree::of(&b.neighbours_info("E06000047", None).unwrap());
        assert_eq!(n.keys(), keys("Neighbours"));
        assert_eq!(
            n["neighbours"][0].keys(),
            inline("Neighbours", "neighbours")
        );
        let c = Tree::of(
            &crate::view::compare::comparison(
                &b,
                "cla_rate",
                "E06000047",
                2025,
                NeighbourModel::Dfe2025,
                crate::view::compare::Statistic::Median,
            )
            .unwrap(),
        );
        assert_eq!(c.keys(), keys("Comparison"));
        assert_eq!(c["rank"].keys(), inline("Comparison", "rank"));
        assert_eq!(c["neighbours"].keys(), inline("Comparison", "neighbours"));
        let e = Tree::of(&ErrorDetail {
            kind: "data",
            message: "m",
            attribute: None,
            value: None,
        });
        assert_eq!(e.keys(), keys("CareAtlasError"));
        let r = Tree::of(&ReadyDetail {
            measure: Some("cla_rate"),
            year: Some(2025),
        });
        assert_eq!(r.keys(), inline("CareAtlasEventMap", "care-atlas-ready"));
        assert_eq!(r["year"], 2025.0);
        let none = Tree::of(&ReadyDetail {
            measure: None,
            year: None,
        });
        assert_eq!(none.keys(), inline("CareAtlasEventMap", "care-atlas-ready"));
        assert_eq!(none["measure"], Tree::Null);
        let s = Tree::of(&SelectDetail {
            codes: vec![],
            code: None,
        });
        assert_eq!(s.keys(), inline("CareAtlasEventMap", "care-atlas-select"));
        assert_eq!(s["codes"], Tree::Array(vec![]));
        let p = Tree::of(&DataProblems(&[super::super::Problem {
            line: 3,
            message: "m".into(),
        }]));
        assert_eq!(p.keys(), ["problems"]);
        assert_eq!(p["problems"][0].keys(), keys("DataProblem"));
        assert_eq!(p["problems"][0]["line"], 3.0);
    }

    fn bundle() -> Bundle {
        crate::data::complete().unwrap()
    }

    #[test]
    fn a_figure_has_every_field_the_types_declare() {
        let b = bundle();
        let f = b.figure_info("cla_rate", "E12000001", 2025).unwrap();
        let json = Tree::of(&f);
        assert_eq!(
            json.keys(),
            [
                "measure", "area", "areaName", "year", "value", "decimals", "status", "note",
                "reason", "category", "date"
            ]
        );
        assert_eq!(json["value"], 111.0);
        assert_eq!(json["status"], "official");
        assert!(json["note"].is_null(), "absent is null, not missing");
        let gap = b.figure_info("cla_rate", "E92000001", 2011).unwrap();
        assert!(gap.value.is_none() && gap.reason.is_some());
    }

    #[test]
    fn measures_and_areas_name_their_fields_in_camel_case() {
        let b = bundle();
        let m = Tree::of(&b.measure_infos());
        assert!(m[0].get("shortLabel").is_some() && m[0]["source"].get("licence").is_some());
        assert_eq!(m[0]["family"], "demand");
        let areas = b.area_infos(Some("la")).unwrap();
        assert_eq!(areas.len(), 163);
        let a = Tree::of(&areas[0]);
        assert!(a.get("liveFrom").is_some() && a.get("liveTo").is_some());
        assert!(b.area_infos(Some("county")).is_err());
    }

    #[test]
    fn neighbours_name_model_closeness_and_stand_ins() {
        let b = bundle();
        let n = b.neighbours_info("E06000047", None).unwrap();
        let json = Tree::of(&n);
        assert_eq!(json["model"], "2025");
        assert_eq!(json["via"], "own");
        assert_eq!(json["neighbours"].as_array().unwrap().len(), 10);
        assert!(json["neighbours"][0].get("closenessLabel").is_some());
        let c = b.neighbours_info("E06000063", Some("2021")).unwrap();
        assert_eq!((c.via, c.listed_as), ("predecessor", "E10000006"));
        let err = b.neighbours_info("E10000006", Some("2025")).unwrap_err();
        assert!(err.contains("Cumbria") && err.contains("2025"), "{err}");
        assert!(b
            .neighbours_info("E06000047", Some("2019"))
            .unwrap_err()
            .contains("2019"));
        assert!(b.neighbours_info("E12000001", None).is_err());
    }

    #[test]
    fn event_details_have_their_one_shape() {
        let e = ErrorDetail {
            kind: "attribute",
            message: "m",
            attribute: Some("view"),
            value: None,
        };
        let json = Tree::of(&e);
        assert_eq!(json.keys(), ["kind", "message", "attribute", "value"]);
        assert!(json["value"].is_null());
        let s = Tree::of(&SelectDetail {
            codes: vec!["E1"],
            code: Some("E1"),
        });
        assert_eq!(s["codes"][0], "E1");
    }
}
