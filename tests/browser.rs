//! Browser tests: the widget engine in headless Chromium (wasm-bindgen-test),
//! reading real canvas pixels.
#![cfg(target_arch = "wasm32")]

use care_atlas::data::{Bundle, Level, EMBEDDED};
use care_atlas::scale::palette::YELLOW_GREEN_BLUE;
use care_atlas::scale::Rgb;
use care_atlas::view::map::{Choropleth, MapLayer};
use care_atlas::view::options::ClassMethod;
use care_atlas::web::Atlas;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{
    CanvasRenderingContext2d, HtmlCanvasElement, HtmlElement, ShadowRoot, ShadowRootInit,
    ShadowRootMode,
};

wasm_bindgen_test_configure!(run_in_browser);

struct Mounted {
    host: HtmlElement,
    root: ShadowRoot,
    atlas: Option<Atlas>,
}

impl Drop for Mounted {
    fn drop(&mut self) {
        self.atlas.take();
        self.host.remove();
    }
}

fn mount(width: u32, attrs: &[(&str, &str)]) -> Mounted {
    let doc = web_sys::window().unwrap().document().unwrap();
    let host: HtmlElement = doc.create_element("div").unwrap().dyn_into().unwrap();
    host.style()
        .set_property("width", &format!("{width}px"))
        .unwrap();
    host.style().set_property("display", "block").unwrap();
    for (k, v) in attrs {
        host.set_attribute(k, v).unwrap();
    }
    doc.body().unwrap().append_child(&host).unwrap();
    let root = host
        .attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open))
        .unwrap();
    let atlas = Atlas::new(host.clone(), root.clone()).ok();
    Mounted { host, root, atlas }
}

fn map_canvas(m: &Mounted) -> HtmlCanvasElement {
    m.root
        .query_selector("canvas.map")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap()
}

/// The colour of the device pixel under a viewport point.
fn pixel_at(canvas: &HtmlCanvasElement, x: f64, y: f64) -> (Rgb, u8) {
    let r = canvas.get_bounding_client_rect();
    let sx = f64::from(canvas.width()) / r.width();
    let sy = f64::from(canvas.height()) / r.height();
    let px = ((x - r.left()) * sx).floor();
    let py = ((y - r.top()) * sy).floor();
    let ctx: CanvasRenderingContext2d = canvas
        .get_context("2d")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    let d = ctx.get_image_data(px, py, 1.0, 1.0).unwrap().data();
    (Rgb(d[0], d[1], d[2]), d[3])
}

#[wasm_bindgen_test]
fn each_region_is_filled_with_the_colour_of_its_class() {
    let m = mount(600, &[("measure", "cla_rate"), ("year", "2025")]);
    let atlas = m.atlas.as_ref().expect("widget starts");
    let canvas = map_canvas(&m);

    let b = Bundle::decode(EMBEDDED).unwrap();
    let measure = b.measure_id("cla_rate").unwrap();
    let layer = MapLayer::new(&b, Level::Region, 2025, None);
    let choro = Choropleth::new(
        &b,
        &layer,
        measure,
        YELLOW_GREEN_BLUE,
        &ClassMethod::Quantile,
    );
    let mut classes_seen = std::collections::BTreeSet::new();
    for (a, fill) in layer.areas.iter().zip(&choro.fills) {
        let code = &b.area(a.id).code;
        let want = choro.colour(*fill).expect("every region has a 2025 value");
        let p = atlas.area_point(code).expect("region is on the map");
        let (got, alpha) = pixel_at(&canvas, p[0], p[1]);
        assert_eq!(alpha, 255, "{code}: pixel is not opaque");
        assert_eq!(
            got,
            want,
            "{code} ({}) is {got}, its class colour is {want}",
            b.area(a.id).name
        );
        classes_seen.insert(format!("{fill:?}"));
    }
    assert!(
        classes_seen.len() >= 3,
        "2025's regions span several classes"
    );
}

#[wasm_bindgen_test]
fn the_map_fits_its_container_and_is_backed_at_device_pixels() {
    for width in [320u32, 640] {
        let m = mount(width, &[]);
        let canvas = map_canvas(&m);
        let r = canvas.get_bounding_client_rect();
        assert!(
            (r.width() - f64::from(width)).abs() < 1.0,
            "css width {}",
            r.width()
        );
        let dpr = web_sys::window().unwrap().device_pixel_ratio();
        assert_eq!(canvas.width(), (f64::from(width) * dpr).round() as u32);
        // Outside England, the map is transparent: the page shows through.
        let (_, alpha) = pixel_at(&canvas, r.left() + 1.0, r.top() + 1.0);
        assert_eq!(alpha, 0);
    }
}

#[wasm_bindgen_test]
fn a_bad_measure_is_named_inside_the_widget_and_nothing_is_drawn() {
    let m = mount(500, &[("measure", "children")]);
    let msg = m.root.query_selector(".message").unwrap().unwrap();
    let text = msg.text_content().unwrap_or_default();
    assert!(!msg.dyn_ref::<HtmlElement>().unwrap().hidden());
    assert!(text.contains("\"children\""), "{text}");
    assert!(text.contains("cla_rate"), "{text}");
    assert_eq!(msg.get_attribute("role").as_deref(), Some("alert"));
    let body: HtmlElement = m
        .root
        .query_selector(".body")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    assert!(body.hidden());
}

#[wasm_bindgen_test]
fn fixing_the_attribute_and_refreshing_recovers() {
    // An unusable measure stops the chart; an optional attribute's bad
    // value (the year) only gets a notice, and the chart is drawn.
    let m = mount(500, &[("measure", "looked_after"), ("year", "1999")]);
    let atlas = m.atlas.as_ref().unwrap();
    assert!(!atlas.refresh());
    m.host.set_attribute("measure", "cla_rate").unwrap();
    assert!(atlas.refresh());
    let notice = m
        .root
        .query_selector(".notices li")
        .unwrap()
        .expect("the bad year is noticed")
        .text_content()
        .unwrap();
    assert!(notice.contains("\"1999\""), "{notice}");
    m.host.set_attribute("year", "2016").unwrap();
    assert!(atlas.refresh());
    let title = m
        .root
        .query_selector(".title")
        .unwrap()
        .unwrap()
        .text_content()
        .unwrap();
    assert!(title.ends_with("2016"), "{title}");
}
