//! The browser side: the only module that touches web-sys. The package's
//! JavaScript entry defines the `<care-atlas>` custom element and drives one
//! [`Atlas`] per element: created when it connects, freed when it leaves.

pub mod api;
mod dom;
mod map_canvas;
mod style;
mod widget;

use crate::data::Bundle;
use dom::{console_error, Listener};
use std::cell::{OnceCell, RefCell};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, MouseEvent, ResizeObserver, ResizeObserverEntry, ShadowRoot};
use widget::Widget;

thread_local! {
    static BUNDLE: OnceCell<Result<Rc<Bundle>, String>> = const { OnceCell::new() };
}

/// The embedded bundle, decoded once per page and shared by every widget.
fn bundle() -> Result<Rc<Bundle>, String> {
    BUNDLE.with(|b| {
        b.get_or_init(|| {
            Bundle::decode(crate::data::EMBEDDED)
                .map(Rc::new)
                .map_err(|e| format!("The bundled data could not be read: {e}."))
        })
        .clone()
    })
}

/// The engine behind one `<care-atlas>` element. Dropping it (`free()` from
/// JavaScript) removes its listeners and observer.
#[wasm_bindgen]
pub struct Atlas {
    widget: Rc<RefCell<Widget>>,
    _listeners: Vec<Listener>,
    observer: ResizeObserver,
    _on_resize: Closure<dyn FnMut(js_sys::Array)>,
}

fn report(r: Result<(), JsValue>) {
    if let Err(e) = r {
        console_error(&e.as_string().unwrap_or_else(|| format!("{e:?}")));
    }
}

/// Pointer position relative to the map canvas, in CSS px.
fn local(widget: &Rc<RefCell<Widget>>, ev: &web_sys::Event) -> Option<(f64, f64)> {
    let m = ev.dyn_ref::<MouseEvent>()?;
    let r = widget.borrow().map_canvas().get_bounding_client_rect();
    Some((
        f64::from(m.client_x()) - r.left(),
        f64::from(m.client_y()) - r.top(),
    ))
}

#[wasm_bindgen]
impl Atlas {
    /// Builds the widget inside `root` (the element's shadow root) and draws it.
    #[wasm_bindgen(constructor)]
    pub fn new(host: HtmlElement, root: ShadowRoot) -> Result<Atlas, JsValue> {
        let bundle = bundle();
        let data = match &bundle {
            Ok(b) => b.clone(),
            // Without data there is nothing to draw; say so where the chart would be.
            Err(msg) => {
                let doc = host.owner_document().ok_or("element has no document")?;
                let p = dom::el(&doc, "p", "", None)?;
                p.set_attribute("role", "alert")?;
                p.set_text_content(Some(msg));
                root.set_inner_html("");
                root.append_child(&p)?;
                console_error(msg);
                return Err(JsValue::from_str(msg));
            }
        };
        let widget = Rc::new(RefCell::new(Widget::new(host.clone(), &root, data)?));
        let canvas: web_sys::EventTarget = widget.borrow().map_canvas().clone().into();

        let w = widget.clone();
        let on_move = Listener::new(&canvas, "pointermove", move |ev| {
            if let Some((x, y)) = local(&w, &ev) {
                report(w.borrow_mut().pointer_move(x, y));
            }
        })?;
        let w = widget.clone();
        let on_leave = Listener::new(&canvas, "pointerleave", move |_| {
            report(w.borrow_mut().pointer_leave())
        })?;
        let w = widget.clone();
        let on_click = Listener::new(&canvas, "click", move |ev| {
            if let Some((x, y)) = local(&w, &ev) {
                report(w.borrow_mut().click(x, y));
            }
        })?;

        let w = widget.clone();
        let on_resize = Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
            let Ok(entry) = entries.get(0).dyn_into::<ResizeObserverEntry>() else {
                return;
            };
            let width = entry.content_rect().width();
            // Skip the observer's first call and other no-op sizes.
            let same = (w.borrow().width() - width.floor()).abs() < 0.5;
            if !same {
                report(w.borrow_mut().layout(width));
            }
        });
        let observer = ResizeObserver::new(on_resize.as_ref().unchecked_ref())?;
        observer.observe(&host);

        let atlas = Atlas {
            widget,
            _listeners: vec![on_move, on_leave, on_click],
            observer,
            _on_resize: on_resize,
        };
        atlas.refresh();
        Ok(atlas)
    }

    /// Re-reads the element's attributes and redraws. Returns whether the
    /// options were valid (an invalid one is shown inside the widget).
    pub fn refresh(&self) -> bool {
        let mut w = self.widget.borrow_mut();
        report(w.refresh());
        w.is_ok()
    }

    /// The viewport position `[x, y]` of an area's label point on the map,
    /// or `undefined` if the area is not on the map.
    #[wasm_bindgen(js_name = areaPoint)]
    pub fn area_point(&self, code: &str) -> Option<Vec<f64>> {
        self.widget
            .borrow()
            .area_point(code)
            .map(|(x, y)| vec![x, y])
    }

    /// Details for the `care-atlas-ready` event.
    #[wasm_bindgen(js_name = readyDetail)]
    pub fn ready_detail(&self) -> JsValue {
        self.widget.borrow().ready_detail()
    }
}

impl Drop for Atlas {
    fn drop(&mut self) {
        self.observer.disconnect();
    }
}
