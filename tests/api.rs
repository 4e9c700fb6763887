//! The JavaScript query API in headless Chromium (wasm-bindgen-test): the
//! plain objects pages get, their fields and errors.
// The query API is the full engine's (the `full` feature).
#![cfg(all(target_arch = "wasm32", feature = "full"))]

use care_atlas::web::api;
use js_sys::{Array, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn get(o: &JsValue, key: &str) -> JsValue {
    Reflect::get(o, &JsValue::from_str(key)).unwrap()
}

#[wasm_bindgen_test]
fn value_gives_the_published_figure_with_its_basis() {
    let v: JsValue = api::value("cla_rate", "E12000001", 2025).unwrap();
    assert_eq!(get(&v, "value").as_f64(), Some(111.0));
    assert_eq!(get(&v, "status").as_string().as_deref(), Some("official"));
    assert_eq!(
        get(&v, "areaName").as_string().as_deref(),
        Some("North East")
    );
    assert!(get(&v, "note").is_null());
    let d: JsValue = api::value("cla_rate", "E92000001", 2014).unwrap();
    assert_eq!(get(&d, "status").as_string().as_deref(), Some("derived"));
    assert!(get(&d, "note").as_string().unwrap().contains("÷"));
}

#[wasm_bindgen_test]
fn gaps_say_why_and_aliases_resolve_by_year() {
    let gap: JsValue = api::value("cla_rate", "E92000001", 2011).unwrap();
    assert!(get(&gap, "value").is_null());
    assert_eq!(
        get(&gap, "status").as_string().as_deref(),
        Some("not-published")
    );
    let dead: JsValue = api::value("cla_rate", "E10000006", 2025).unwrap();
    assert_eq!(
        get(&dead, "status").as_string().as_deref(),
        Some("not-live")
    );
    let ny: JsValue = api::value("cla_rate", "E10000023", 2025).unwrap();
    assert_eq!(get(&ny, "area").as_string().as_deref(), Some("E06000065"));
}

/// A pack loader as the package's entry gives one, serving the committed
/// Ofsted pack from memory (the test server has no package files).
fn serve_ofsted_pack() {
    let bytes = js_sys::Uint8Array::from(&include_bytes!("../data/care-atlas.ofsted.pack")[..]);
    let loader = wasm_bindgen::closure::Closure::<dyn Fn(JsValue) -> js_sys::Promise>::new(
        move |family: JsValue| {
            if family.as_string().as_deref() == Some("ofsted") {
                js_sys::Promise::resolve(&JsValue::from(&bytes))
            } else {
                js_sys::Promise::resolve(&JsValue::from_str("no such pack here"))
            }
        },
    );
    care_atlas::web::set_pack_loader(loader.as_ref().unchecked_ref::<js_sys::Function>().clone());
    loader.forget(); // For the test's lifetime.
}

#[wasm_bindgen_test]
async fn judgements_come_with_their_category_and_date_once_their_pack_is_loaded() {
    // Before the pack: an error naming it, never a silent gap.
    let early = api::value("ofsted_overall", "E06000047", 2025)
        .err()
        .map(JsValue::from)
        .and_then(|e| Reflect::get(&e, &"message".into()).ok())
        .and_then(|m| m.as_string())
        .unwrap_or_default();
    assert!(early.contains("care-atlas.ofsted.pack"), "{early}");
    serve_ofsted_pack();
    wasm_bindgen_futures::JsFuture::from(api::ensure_measure("ofsted_overall".into()))
        .await
        .unwrap();
    let v: JsValue = api::value("ofsted_overall", "E06000047", 2025).unwrap();
    let cat = get(&v, "category").as_string().unwrap();
    assert!([
        "Outstanding",
        "Good",
        "Requires improvement to be good",
        "Inadequate"
    ]
    .contains(&cat.as_str()));
    assert_eq!(get(&v, "date").as_string().unwrap().len(), 10);
}

#[wasm_bindgen_test]
fn measures_and_areas_list_their_metadata() {
    let ms = Array::from(&api::measures().unwrap());
    let ids: Vec<String> = ms
        .iter()
        .map(|m| get(&m, "id").as_string().unwrap())
        .collect();
    for id in [
        "cla_rate",
        "cla_count",
        "cin_rate",
        "cpp_rate",
        "referrals_rate",
        "child_poverty_bhc",
        "ofsted_overall",
    ] {
        assert!(ids.iter().any(|i| i == id), "{id}");
    }
    let cla = ms
        .iter()
        .find(|m| get(m, "id").as_string().as_deref() == Some("cla_rate"))
        .unwrap();
    assert_eq!(get(&cla, "kind").as_string().as_deref(), Some("rate"));
    let source = get(&cla, "source");
    assert_eq!(
        get(&source, "licence").as_string().as_deref(),
        Some("Open Government Licence v3.0")
    );
    let las = Array::from(&api::areas(Some("la".into())).unwrap());
    assert_eq!(las.length(), 163);
    let dorset_old = las
        .iter()
        .find(|a| get(a, "code").as_string().as_deref() == Some("E10000009"))
        .unwrap();
    assert_eq!(get(&dorset_old, "liveTo").as_f64(), Some(2019.0));
    assert!(get(&dorset_old, "liveFrom").is_null());
    assert_eq!(
        get(&dorset_old, "region").as_string().as_deref(),
        Some("E12000009")
    );
    let years = Array::from(&api::years("cin_rate").unwrap());
    assert_eq!(years.length(), 13);
}

#[wasm_bindgen_test]
fn unknown_names_are_errors_naming_them() {
    let e = api::value("cla_rat", "E12000001", 2025).unwrap_err();
    let msg = JsValue::from(e);
    assert!(get(&msg, "message")
        .as_string()
        .unwrap()
        .contains("cla_rat"));
    assert!(api::value("cla_rate", "X1", 2025).is_err());
    assert!(api::areas(Some("county".into())).is_err());
}
