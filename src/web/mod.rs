//! The browser side: the only module that touches web-sys. The package's
//! JavaScript entry defines the `<care-atlas>` custom element and drives one
//! [`Atlas`] per element: created when it connects, freed when it leaves.

// Plain loops where a chain would collect: see "Code size" in lib.rs.

pub mod api;
mod canvas_backend;
mod chart_canvas;
mod dom;
mod engine;
mod error;
mod events;
mod export;
mod legend;
mod map_canvas;
mod packs;
pub use packs::set_pack_loader;
mod picker;
mod shell;
mod style;
mod table;
mod theme;
mod tooltip;
mod trend_canvas;
mod widget;

use crate::data::Bundle;
use dom::{Listener, Observer};
use error::{report, WebError};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use web_sys::{HtmlElement, ShadowRoot};
use widget::{act, Shared, Widget};

thread_local! {
    static BUNDLE: RefCell<Option<Result<Rc<Bundle>, String>>> = const { RefCell::new(None) };
}

/// The embedded core, decoded once per page and shared by every widget,
/// with the packs fetched so far added ([`packs`]).
fn bundle() -> Result<Rc<Bundle>, String> {
    BUNDLE.with(|b| {
        b.borrow_mut()
            .get_or_insert_with(|| {
                Bundle::decode(crate::data::WIDGET_DATA)
                    .map(Rc::new)
                    .map_err(|e| format!("The bundled data could not be read: {e}."))
            })
            .clone()
    })
}

/// Replaces the shared bundle (with a pack added); widgets take it up when
/// they next read their options.
fn set_bundle(b: Rc<Bundle>) {
    BUNDLE.with(|s| *s.borrow_mut() = Some(Ok(b)));
}

/// `{ problems: [{ line, message }] }`, as `setData` resolves to.
#[cfg(feature = "full")]
fn problems_object(problems: Vec<crate::data::Problem>) -> Result<JsValue, JsValue> {
    Ok(api::to_js(&crate::data::DataProblems(&problems)))
}

/// Checks a page's figures against the bundle without showing them: what
/// `setData` on an element not in the document resolves to (the figures are
/// shown once it is).
#[cfg(feature = "full")]
#[wasm_bindgen(js_name = checkData)]
pub fn check_data(csv: &str, label: &str, unit: &str, source: &str) -> Result<JsValue, JsValue> {
    let base = bundle().map_err(|e| JsValue::from_str(&e))?;
    let meta = crate::data::UserMeta {
        label: label.into(),
        unit: unit.into(),
        source: source.into(),
    };
    problems_object(crate::data::add_user_measure(&base, csv, &meta).1)
}

/// How many sets of areas a widget keeps laid out (layers, inset plans,
/// borders). England's authorities changed five times since 2014; playing
/// through the years goes back and forth between these, and rebuilding a
/// layer and placing the London inset took most of a year change (13 ms of
/// 20, measured in Chromium).
const KEPT_LAYOUTS: usize = 8;

/// Adds `item`, keeping at most [`KEPT_LAYOUTS`] entries, the newest last.
fn keep_recent<T>(list: &mut Vec<T>, item: T) {
    if list.len() >= KEPT_LAYOUTS {
        list.remove(0);
    }
    list.push(item);
}

fn media(query: &str) -> Option<web_sys::MediaQueryList> {
    web_sys::window()?.match_media(query).ok().flatten()
}

/// The engine behind one `<care-atlas>` element: the one handle JavaScript
/// holds. Dropping it (`free()` from JavaScript) removes its listeners and
/// observer, and with the widget its timers.
#[wasm_bindgen]
pub struct Atlas {
    widget: Shared,
    _listeners: Vec<Listener>,
    _observer: Observer,
}

#[wasm_bindgen]
impl Atlas {
    /// Builds the widget inside `root` (the element's shadow root) and draws it.
    #[wasm_bindgen(constructor)]
    pub fn new(host: HtmlElement, root: ShadowRoot) -> Result<Atlas, JsValue> {
        let data = match bundle() {
            Ok(b) => b,
            // Without data there is nothing to draw; say so where the chart would be.
            Err(msg) => {
                let e = WebError::Bundle(msg);
                if let Some(doc) = host.owner_document() {
                    if let Ok(p) = dom::el(&doc, "p", "", None) {
                        let _ = p.set_attribute("role", "alert");
                        p.set_text_content(Some(e.message()));
                        dom::clear(&root);
                        let _ = root.append_child(&p);
                    }
                }
                error::console_error(e.message());
                return Err(e.into_js());
            }
        };
        let widget = Widget::new(host.clone(), &root, data).map_err(WebError::into_js)?;
        let (listeners, observer) = events::bind(&widget, &host).map_err(WebError::into_js)?;
        let atlas = Atlas {
            widget,
            _listeners: listeners,
            _observer: observer,
        };
        atlas.refresh();
        Ok(atlas)
    }

    /// Re-reads the element's attributes and redraws. Returns whether the
    /// options were valid (an invalid one is shown inside the widget).
    pub fn refresh(&self) -> bool {
        report(act(&self.widget, Widget::refresh));
        self.read(Widget::is_ok).unwrap_or(false)
    }

    /// Repaints with the current theme colours (after a page changes them).
    pub fn restyle(&self) {
        report(act(&self.widget, Widget::restyle));
    }

    /// The viewport position `[x, y]` of an area's label point on the map,
    /// or `undefined` if the area is not on the map.
    #[wasm_bindgen(js_name = areaPoint)]
    pub fn area_point(&self, code: &str) -> Option<Vec<f64>> {
        self.read(|w| w.area_point(code))
            .flatten()
            .map(|(x, y)| vec![x, y])
    }

    /// The year shown.
    #[wasm_bindgen(getter)]
    pub fn year(&self) -> Option<u16> {
        self.read(Widget::year).flatten()
    }

    /// Shows another year; returns whether it has data. Stops play.
    #[wasm_bindgen(js_name = setYear)]
    pub fn set_year(&self, year: u16) -> Result<bool, JsValue> {
        self.act(|w| {
            w.stop_play()?;
            w.set_year(year)
        })
    }

    /// Codes of the selected areas.
    #[wasm_bindgen(getter)]
    pub fn selected(&self) -> js_sys::Array {
        strings(&self.read(Widget::selected_codes).unwrap_or_default())
    }

    /// Replaces the selection. (The entry has checked that `codes` holds
    /// strings; anything else becomes "", which `select_codes` refuses as an
    /// unknown area code, and the selection is left as it was.)
    pub fn select(&self, codes: js_sys::Array) -> Result<(), JsValue> {
        let mut list = Vec::with_capacity(codes.length() as usize);
        for c in codes.iter() {
            list.push(c.as_string().unwrap_or_default());
        }
        self.act(|w| w.select_codes(&list))
    }

    /// Starts or pauses playing through the years.
    #[wasm_bindgen(js_name = togglePlay)]
    pub fn toggle_play(&self) -> Result<(), JsValue> {
        self.act(Widget::toggle_play)
    }

    /// Every figure shown, as CSV text with its source and licence lines.
    pub fn csv(&self) -> Option<String> {
        self.read(Widget::csv).flatten()
    }

    /// Offers the figures shown as a CSV download.
    #[wasm_bindgen(js_name = downloadCsv)]
    pub fn download_csv(&self) -> Result<(), JsValue> {
        self.act(|w| w.download_csv())
    }

    /// Offers a picture of what is shown as a PNG download.
    #[wasm_bindgen(js_name = downloadPng)]
    pub fn download_png(&self) -> Result<(), JsValue> {
        self.act(|w| w.download_png())
    }

    /// Shows the page's own figures: CSV text with `area_code,year,value`
    /// columns. Returns `{ problems: [{ line, message }] }` for lines that
    /// could not be used (the rest are shown). The full engine's only.
    #[cfg(feature = "full")]
    #[wasm_bindgen(js_name = setData)]
    pub fn set_data(
        &self,
        csv: &str,
        label: &str,
        unit: &str,
        source: &str,
    ) -> Result<JsValue, JsValue> {
        let meta = crate::data::UserMeta {
            label: label.into(),
            unit: unit.into(),
            source: source.into(),
        };
        let problems = self.act(|w| w.set_user_data(csv, &meta))?;
        problems_object(problems)
    }

    /// Reports a bad call from the page (a method `what` given `value`):
    /// shown above the picture, logged, and sent as a `care-atlas-error`.
    pub fn notice(&self, what: &str, value: &str, message: &str) {
        report(act(&self.widget, |w| w.notice(what, value, message)));
    }

    /// Resolves once the widget shows its measure: at once, or when the
    /// pack with its values has loaded (or failed, which the widget shows).
    pub fn settled(&self) -> js_sys::Promise {
        let widget = self.widget.clone();
        js_sys::Promise::new(&mut |resolve, _| {
            match widget.try_borrow_mut() {
                Ok(mut w) => w.when_settled(resolve),
                // Busy inside its own event: nothing can be pending from here.
                Err(_) => drop(resolve.call0(&JsValue::NULL)),
            }
        })
    }

    /// Whether the options ask for what only the full engine draws (the core
    /// engine then shows that it is loading, and has asked the entry for it).
    #[wasm_bindgen(getter, js_name = needsFull)]
    pub fn needs_full(&self) -> bool {
        self.read(Widget::needs_full).unwrap_or(false)
    }

    /// Details for the `care-atlas-ready` event.
    #[wasm_bindgen(js_name = readyDetail)]
    pub fn ready_detail(&self) -> JsValue {
        // The typings' shape even in the (reentrant) case where the widget is busy.
        self.read(Widget::ready_detail).unwrap_or_else(|| {
            api::to_js(&crate::data::ReadyDetail {
                measure: None,
                year: None,
            })
        })
    }

    /// The attributes the element reads (its `observedAttributes`).
    #[wasm_bindgen(js_name = attributeNames)]
    pub fn attribute_names() -> js_sys::Array {
        let names = js_sys::Array::new();
        for n in crate::view::attributes::names() {
            names.push(&JsValue::from_str(n));
        }
        names
    }
}

/// A JS array of strings. Built by hand: wasm-bindgen's conversion of a
/// `Vec<String>` links about 1.4 KB of generic code into the module.
fn strings(list: &[String]) -> js_sys::Array {
    let out = js_sys::Array::new();
    for s in list {
        out.push(&JsValue::from_str(s));
    }
    out
}

impl Atlas {
    /// Runs `f` on the widget for a method; its error becomes the exception.
    fn act<T>(&self, f: impl FnOnce(&mut Widget) -> error::Res<T>) -> Result<T, JsValue> {
        act(&self.widget, f).map_err(WebError::into_js)
    }

    /// Reads the widget; `None` while it is busy (a page's listener calling
    /// back in the middle of an input), never a panic.
    fn read<T>(&self, f: impl FnOnce(&Widget) -> T) -> Option<T> {
        self.widget.try_borrow().ok().map(|w| f(&w))
    }
}
