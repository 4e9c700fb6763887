//! The query API in JavaScript: the bundled dataset's measures, areas, years
//! and figures as plain objects (see `pkg/care-atlas.d.ts` for their types),
//! so pages can build their own text and checks on the same numbers the
//! widget shows. The objects are [`crate::data::MeasureInfo`] and friends,
//! built through [`ToJs`] by [`to_js`]; errors become `Error`s whose message
//! names the bad value. The query functions are the full engine's
//! (`super::engine`): `dataset()` loads it.

#[cfg(feature = "full")]
use crate::data::Bundle;
use crate::data::{Sink, ToJs};
use js_sys::{Array, Object, Reflect};
#[cfg(feature = "full")]
use std::rc::Rc;
use wasm_bindgen::prelude::*;

#[cfg(feature = "full")]
fn data() -> Result<Rc<Bundle>, JsError> {
    super::bundle().map_err(|e| JsError::new(&e))
}

/// The JavaScript value for `v`: plain objects and arrays, `None` as `null`.
pub fn to_js(v: &dyn ToJs) -> JsValue {
    let mut b = Builder::default();
    v.to_js(&mut b);
    b.done
}

/// Builds the value from [`Sink`] calls: each object or array is created
/// when opened and stored in its parent when closed.
#[derive(Default)]
struct Builder {
    /// Open containers, each with the key it goes under in its parent.
    open: Vec<(Option<&'static str>, JsValue)>,
    key: Option<&'static str>,
    done: JsValue,
}

impl Builder {
    fn put(&mut self, v: JsValue) {
        match self.open.last() {
            None => self.done = v,
            Some((_, parent)) => match self.key.take() {
                // Setting a fresh plain object's own property cannot throw.
                Some(k) => drop(Reflect::set(parent, &JsValue::from_str(k), &v)),
                None => drop(parent.unchecked_ref::<Array>().push(&v)),
            },
        }
    }
}

impl Sink for Builder {
    fn object(&mut self) {
        self.open.push((self.key.take(), Object::new().into()));
    }
    fn array(&mut self) {
        self.open.push((self.key.take(), Array::new().into()));
    }
    fn end(&mut self) {
        if let Some((k, v)) = self.open.pop() {
            self.key = k;
            self.put(v);
        }
    }
    fn key(&mut self, k: &'static str) {
        self.key = Some(k);
    }
    fn string(&mut self, s: &str) {
        self.put(JsValue::from_str(s))
    }
    fn number(&mut self, v: f64) {
        self.put(JsValue::from_f64(v))
    }
    fn null(&mut self) {
        self.put(JsValue::NULL)
    }
}

/// Every measure in the bundle, with its metadata and the years it has data.
#[cfg(feature = "full")]
#[wasm_bindgen]
pub fn measures() -> Result<JsValue, JsError> {
    Ok(to_js(&data()?.measure_infos()))
}

/// Areas of the bundle, optionally of one level (`"country"`, `"region"`,
/// `"la"`): code, name, level, region, aliases and the data years mapped.
#[cfg(feature = "full")]
#[wasm_bindgen]
pub fn areas(level: Option<String>) -> Result<JsValue, JsError> {
    let b = data()?;
    let infos = b
        .area_infos(level.as_deref())
        .map_err(|e| JsError::new(&e))?;
    Ok(to_js(&infos))
}

/// The data years a measure has any value for, ascending.
#[cfg(feature = "full")]
#[wasm_bindgen]
pub fn years(measure: &str) -> Result<JsValue, JsError> {
    let b = data()?;
    let m = b
        .measure_id(measure)
        .ok_or_else(|| JsError::new(&format!("no measure \"{measure}\" in the bundle")))?;
    Ok(to_js(&b.years_of(m)))
}

/// One figure: `value(measure, areaCode, year)`. The code may be an alias;
/// `area` in the result is the code it resolved to that year.
#[cfg(feature = "full")]
#[wasm_bindgen]
pub fn value(measure: &str, area: &str, year: u16) -> Result<JsValue, JsError> {
    let b = data()?;
    // Never a silent gap for figures not fetched yet: say which pack they wait in.
    if let Some(family) = b.measure_id(measure).and_then(|m| b.pack_of(m)) {
        return Err(JsError::new(&format!(
            "the figures of \"{measure}\" are in the {family} pack ({}), not loaded yet: call ensureMeasure(\"{measure}\") first (dataset().value() does)",
            super::packs::file(family)
        )));
    }
    let f = b
        .figure_info(measure, area, year)
        .map_err(|e| JsError::new(&e.to_string()))?;
    Ok(to_js(&f))
}

/// Resolves once a measure's values are present (fetching its family's
/// pack on first use, shared with every widget on the page); rejects with
/// why they could not be loaded. Resolves at once for a measure in the core
/// or one the bundle does not hold (which `value` then names).
#[cfg(feature = "full")]
#[wasm_bindgen(js_name = ensureMeasure)]
pub fn ensure_measure(measure: String) -> js_sys::Promise {
    js_sys::Promise::new(&mut |resolve, reject| {
        let m = measure.clone();
        super::packs::ensure(
            &measure,
            Box::new(move |r| {
                let _ = match r {
                    Ok(()) => resolve.call0(&JsValue::NULL),
                    Err(why) => {
                        let words = match data() {
                            Ok(b) => match b.measure_id(&m) {
                                Some(id) => super::packs::failure_words(&b, id, &why),
                                None => why,
                            },
                            Err(_) => why,
                        };
                        reject.call1(&JsValue::NULL, &js_sys::Error::new(&words))
                    }
                };
            }),
        );
    })
}

/// The attribution the Open Government Licence asks every page to show.
#[cfg(feature = "full")]
#[wasm_bindgen]
pub fn attribution() -> Result<String, JsError> {
    Ok(data()?.attribution.clone())
}

/// Diagnostics: decodes the embedded bundle `runs` times and returns the
/// mean milliseconds per decode (used by `cargo xtask bench`).
#[cfg(feature = "full")]
#[wasm_bindgen(js_name = decodeBenchmark)]
pub fn decode_benchmark(runs: u32) -> Result<f64, JsError> {
    let runs = runs.max(1);
    let start = js_sys::Date::now();
    for _ in 0..runs {
        Bundle::decode(crate::data::WIDGET_DATA).map_err(|e| JsError::new(&e.to_string()))?;
    }
    Ok((js_sys::Date::now() - start) / f64::from(runs))
}

/// An authority's statistical neighbours: `neighbours(area, model)`, model
/// `"2025"` (default) or `"2021"`, each neighbour with DfE's closeness band.
#[cfg(feature = "full")]
#[wasm_bindgen]
pub fn neighbours(area: &str, model: Option<String>) -> Result<JsValue, JsError> {
    let b = data()?;
    let info = b
        .neighbours_info(area, model.as_deref())
        .map_err(|e| JsError::new(&e))?;
    Ok(to_js(&info))
}

/// An authority's figure against its neighbours, region and England, with
/// its rank and quartile band: `compare(measure, area, year, model, statistic)`.
#[cfg(feature = "full")]
#[wasm_bindgen]
pub fn compare(
    measure: &str,
    area: &str,
    year: u16,
    model: Option<String>,
    statistic: Option<String>,
) -> Result<JsValue, JsError> {
    use crate::data::NeighbourModel;
    use crate::view::compare::{comparison, Statistic};
    let b = data()?;
    let model = match model.as_deref() {
        None => NeighbourModel::Dfe2025,
        Some(k) => NeighbourModel::from_keyword(k).ok_or_else(|| {
            JsError::new(&format!(
                "unknown neighbour model \"{k}\": use \"2025\" or \"2021\""
            ))
        })?,
    };
    let stat = match statistic.as_deref() {
        None => Statistic::Median,
        Some(k) => Statistic::from_keyword(k).ok_or_else(|| {
            JsError::new(&format!(
                "unknown statistic \"{k}\": use \"median\" or \"mean\""
            ))
        })?,
    };
    if let Some(family) = b.measure_id(measure).and_then(|m| b.pack_of(m)) {
        return Err(JsError::new(&format!(
            "the figures of \"{measure}\" are in the {family} pack ({}), not loaded yet: call ensureMeasure(\"{measure}\") first (dataset().compare() does)",
            super::packs::file(family)
        )));
    }
    let c = comparison(&b, measure, area, year, model, stat).map_err(|e| JsError::new(&e))?;
    Ok(to_js(&c))
}
