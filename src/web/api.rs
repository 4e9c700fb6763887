//! The query API in JavaScript: the bundled dataset's measures, areas, years
//! and figures as plain objects (see `pkg/care-atlas.d.ts` for their types),
//! so pages can build their own text and checks on the same numbers the
//! widget shows. Thin over [`Bundle::value`] and friends; errors become `Error`s
//! whose message names the bad value.

use crate::data::{Basis, Bundle, Cell, Kind, Level, Measure, Missing, Polarity};
use js_sys::{Array, Object, Reflect};
use std::rc::Rc;
use wasm_bindgen::prelude::*;

fn data() -> Result<Rc<Bundle>, JsError> {
    super::bundle().map_err(|e| JsError::new(&e))
}

/// A plain object from key–value pairs.
fn obj(pairs: &[(&str, JsValue)]) -> Result<Object, JsError> {
    let o = Object::new();
    for (k, v) in pairs {
        Reflect::set(&o, &JsValue::from_str(k), v)
            .map_err(|_| JsError::new("could not build a result object"))?;
    }
    Ok(o)
}

fn strings<'a>(items: impl IntoIterator<Item = &'a String>) -> Array {
    items.into_iter().map(|s| JsValue::from_str(s)).collect()
}

fn opt_num(v: Option<impl Into<f64>>) -> JsValue {
    v.map_or(JsValue::NULL, |n| JsValue::from_f64(n.into()))
}

fn opt_str(v: Option<&str>) -> JsValue {
    v.map_or(JsValue::NULL, JsValue::from_str)
}

fn kind(k: Kind) -> &'static str {
    match k {
        Kind::Rate => "rate",
        Kind::Count => "count",
        Kind::Percent => "percent",
        Kind::Category => "category",
    }
}

fn measure_object(b: &Bundle, id: u16, m: &Measure) -> Result<Object, JsError> {
    let s = b.source_of(id);
    let years: Array = b
        .years_of(id)
        .into_iter()
        .map(|y| JsValue::from_f64(f64::from(y)))
        .collect();
    let source = obj(&[
        ("publisher", s.publisher.as_str().into()),
        ("publication", s.publication.as_str().into()),
        ("url", s.url.as_str().into()),
        ("licence", s.licence.as_str().into()),
    ])?;
    obj(&[
        ("id", m.id.as_str().into()),
        ("label", m.label.as_str().into()),
        ("shortLabel", m.short_label.as_str().into()),
        ("unit", m.unit.as_str().into()),
        ("kind", kind(m.kind).into()),
        (
            "polarity",
            match m.polarity {
                Polarity::HigherIsMoreNeed => "higher-is-more-need",
                Polarity::Neutral => "neutral",
            }
            .into(),
        ),
        ("decimals", f64::from(m.decimals).into()),
        ("definition", m.definition.as_str().into()),
        ("convention", m.convention.as_str().into()),
        ("years", years.into()),
        ("boundaries", opt_num(m.boundaries)),
        ("categories", strings(&m.categories).into()),
        ("source", source.into()),
    ])
}

/// Every measure in the bundle, with its metadata and the years it has data.
#[wasm_bindgen]
pub fn measures() -> Result<Array, JsError> {
    let b = data()?;
    b.measures
        .iter()
        .enumerate()
        .map(|(i, m)| measure_object(&b, i as u16, m).map(JsValue::from))
        .collect()
}

/// Areas of the bundle, optionally of one level (`"country"`, `"region"`,
/// `"la"`): code, name, level, region, aliases and the data years mapped.
#[wasm_bindgen]
pub fn areas(level: Option<String>) -> Result<Array, JsError> {
    let b = data()?;
    let level = match level.as_deref() {
        None => None,
        Some(l) => Some(
            Level::ALL
                .into_iter()
                .find(|x| x.keyword() == l)
                .ok_or_else(|| {
                    JsError::new(&format!(
                        "unknown level \"{l}\": use \"country\", \"region\" or \"la\""
                    ))
                })?,
        ),
    };
    // Open-ended lifetimes are stored as far-off years; JavaScript gets null.
    let (first, last) = b.areas.iter().fold((u16::MAX, 0), |(f, l), a| {
        (f.min(a.data_years.0), l.max(a.data_years.1))
    });
    b.areas
        .iter()
        .filter(|a| level.is_none_or(|l| a.level == l))
        .map(|a| {
            obj(&[
                ("code", a.code.as_str().into()),
                ("name", a.name.as_str().into()),
                ("level", a.level.keyword().into()),
                ("region", opt_str(a.region.map(|r| b.area(r).code.as_str()))),
                ("aliases", strings(&a.aliases).into()),
                (
                    "liveFrom",
                    opt_num((a.data_years.0 != first).then_some(a.data_years.0)),
                ),
                (
                    "liveTo",
                    opt_num((a.data_years.1 != last).then_some(a.data_years.1)),
                ),
            ])
            .map(JsValue::from)
        })
        .collect()
}

/// The data years a measure has any value for, ascending.
#[wasm_bindgen]
pub fn years(measure: &str) -> Result<Array, JsError> {
    let b = data()?;
    let m = b
        .measure_id(measure)
        .ok_or_else(|| JsError::new(&format!("no measure \"{measure}\" in the bundle")))?;
    Ok(b.years_of(m)
        .into_iter()
        .map(|y| JsValue::from_f64(f64::from(y)))
        .collect())
}

/// One figure: `value(measure, areaCode, year)`. The code may be an alias;
/// `area` in the result is the code it resolved to that year.
#[wasm_bindgen]
pub fn value(measure: &str, area: &str, year: u16) -> Result<Object, JsError> {
    let b = data()?;
    let f = b
        .value(measure, area, year)
        .map_err(|e| JsError::new(&e.to_string()))?;
    let a = b.area(f.area);
    let (status, reason) = match f.cell {
        Cell::Value {
            basis: Basis::Official,
            ..
        } => ("official", None),
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
    let date = f
        .date
        .map(|d| format!("{:04}-{:02}-{:02}", d / 10_000, d / 100 % 100, d % 100));
    obj(&[
        ("measure", b.measure(f.measure).id.as_str().into()),
        ("area", a.code.as_str().into()),
        ("areaName", a.name.as_str().into()),
        ("year", f64::from(year).into()),
        ("value", opt_num(f.value())),
        ("decimals", opt_num(decimals)),
        ("status", status.into()),
        ("note", opt_str(f.note(&b))),
        ("reason", opt_str(reason)),
        ("category", opt_str(f.category(&b))),
        ("date", opt_str(date.as_deref())),
    ])
}

/// The attribution the Open Government Licence asks every page to show.
#[wasm_bindgen]
pub fn attribution() -> Result<String, JsError> {
    Ok(data()?.attribution.clone())
}

/// Diagnostics: decodes the embedded bundle `runs` times and returns the
/// mean milliseconds per decode (used by `cargo xtask bench`).
#[wasm_bindgen(js_name = decodeBenchmark)]
pub fn decode_benchmark(runs: u32) -> Result<f64, JsError> {
    let runs = runs.max(1);
    let start = js_sys::Date::now();
    for _ in 0..runs {
        Bundle::decode(crate::data::EMBEDDED).map_err(|e| JsError::new(&e.to_string()))?;
    }
    Ok((js_sys::Date::now() - start) / f64::from(runs))
}
