//! The browser side: the only module that touches web-sys. The package's
//! JavaScript entry defines the `<care-atlas>` custom element and drives one
//! [`Atlas`] per element: created when it connects, freed when it leaves.

pub mod api;
mod dom;
mod export;
mod map_canvas;
mod style;
mod table;
mod theme;
mod trend_canvas;
mod widget;

use crate::data::Bundle;
use dom::{console_error, Interval, Listener};
use std::cell::{OnceCell, RefCell};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{
    Element, HtmlElement, KeyboardEvent, MouseEvent, ResizeObserver, ResizeObserverEntry,
    ShadowRoot,
};
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

/// Years advance this often when playing; slower when the reader asks for
/// reduced motion, so each map can be read before the next.
const PLAY_MS: i32 = 1000;
const PLAY_MS_REDUCED: i32 = 2000;

type Shared = Rc<RefCell<Widget>>;

/// The engine behind one `<care-atlas>` element. Dropping it (`free()` from
/// JavaScript) removes its listeners, observer and timer.
#[wasm_bindgen]
pub struct Atlas {
    widget: Shared,
    _listeners: Vec<Listener>,
    observer: ResizeObserver,
    _on_resize: Closure<dyn FnMut(js_sys::Array)>,
    _trend_tick: Closure<dyn FnMut()>,
    player: Rc<RefCell<Option<Interval>>>,
}

fn report(r: Result<(), JsValue>) {
    if let Err(e) = r {
        let text = e
            .as_string()
            .or_else(|| {
                e.dyn_ref::<js_sys::Error>()
                    .map(|x| String::from(x.message()))
            })
            .unwrap_or_else(|| "unexpected error".into());
        console_error(&text);
    }
}

/// Runs `f` on the widget, then dispatches the events it queued — after the
/// borrow ends, so a page's listener can call back into the element.
fn act<T>(
    widget: &Shared,
    f: impl FnOnce(&mut Widget) -> Result<T, JsValue>,
) -> Result<T, JsValue> {
    let (r, (host, events)) = {
        let mut w = widget.borrow_mut();
        let r = f(&mut w);
        (r, w.take_events())
    };
    widget::dispatch(&host, events);
    r
}

/// `{ problems: [{ line, message }] }`, as `setData` resolves to.
fn problems_object(problems: Vec<crate::data::Problem>) -> Result<JsValue, JsValue> {
    let list = js_sys::Array::new();
    for p in problems {
        let o = js_sys::Object::new();
        js_sys::Reflect::set(&o, &"line".into(), &JsValue::from(p.line as u32))?;
        js_sys::Reflect::set(&o, &"message".into(), &p.message.into())?;
        list.push(&o);
    }
    let out = js_sys::Object::new();
    js_sys::Reflect::set(&out, &"problems".into(), &list)?;
    Ok(out.into())
}

/// Checks a page's figures against the bundle without showing them: what
/// `setData` on an element not in the document resolves to (the figures are
/// shown once it is).
#[wasm_bindgen(js_name = checkData)]
pub fn check_data(csv: &str, label: &str, unit: &str, source: &str) -> Result<JsValue, JsValue> {
    let base = bundle()?;
    let meta = crate::data::UserMeta {
        label: label.into(),
        unit: unit.into(),
        source: source.into(),
    };
    problems_object(crate::data::add_user_measure(&base, csv, &meta).1)
}

/// Pointer position relative to an element, in CSS px.
fn local(target: &Element, ev: &web_sys::Event) -> Option<(f64, f64)> {
    let m = ev.dyn_ref::<MouseEvent>()?;
    let r = target.get_bounding_client_rect();
    Some((
        f64::from(m.client_x()) - r.left(),
        f64::from(m.client_y()) - r.top(),
    ))
}

/// A pointer listener on `target` that passes the pointer's position on it to `f`.
fn on_point(
    widget: &Shared,
    target: &Element,
    kind: &'static str,
    f: fn(&mut Widget, f64, f64) -> Result<(), JsValue>,
) -> Result<Listener, JsValue> {
    let (w, t) = (widget.clone(), target.clone());
    Listener::new(target, kind, move |ev| {
        if let Some((x, y)) = local(&t, &ev) {
            report(act(&w, |w| f(w, x, y)));
        }
    })
}

/// A listener calling `f` with no arguments.
fn on_event(
    widget: &Shared,
    target: &web_sys::EventTarget,
    kind: &'static str,
    f: fn(&mut Widget) -> Result<(), JsValue>,
) -> Result<Listener, JsValue> {
    let w = widget.clone();
    Listener::new(target, kind, move |_| report(act(&w, f)))
}

fn media(query: &str) -> Option<web_sys::MediaQueryList> {
    web_sys::window()?.match_media(query).ok().flatten()
}

fn reduced_motion() -> bool {
    media("(prefers-reduced-motion: reduce)").is_some_and(|m| m.matches())
}

/// Starts or stops playing through the years.
fn toggle_play(widget: &Shared, player: &Rc<RefCell<Option<Interval>>>) -> Result<(), JsValue> {
    if widget.borrow().playing {
        return stop(widget, player);
    }
    act(widget, |w| w.rewind_if_at_end())?;
    let w = widget.clone();
    let p = player.clone();
    let ms = if reduced_motion() {
        PLAY_MS_REDUCED
    } else {
        PLAY_MS
    };
    let interval = Interval::new(ms, move || {
        // A tick after Pause does nothing. Browsers clear the timer, but a
        // host whose handles overflow the spec's `long` (Playwright's fake
        // clock counts from 10^12) cannot be cleared by its id.
        if !w.borrow().playing {
            if let Some(i) = p.borrow().as_ref() {
                i.stop();
            }
            return;
        }
        let more = act(&w, |w| w.step_year());
        match more {
            Ok(true) => {}
            other => {
                report(other.map(|_| ()));
                // Stop the timer but keep its closure: this code runs inside it.
                if let Some(i) = p.borrow().as_ref() {
                    i.stop();
                }
                report(act(&w, |w| w.set_playing(false)));
            }
        }
    })?;
    *player.borrow_mut() = Some(interval);
    act(widget, |w| w.set_playing(true))
}

fn stop(widget: &Shared, player: &Rc<RefCell<Option<Interval>>>) -> Result<(), JsValue> {
    if !widget.borrow().playing {
        return Ok(());
    }
    // Stopped, not dropped: a page listener may call this from inside a tick.
    if let Some(i) = player.borrow().as_ref() {
        i.stop();
    }
    act(widget, |w| w.set_playing(false))
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
                let doc = host.owner_document().ok_or("element has no document")?;
                let p = dom::el(&doc, "p", "", None)?;
                p.set_attribute("role", "alert")?;
                p.set_text_content(Some(&msg));
                dom::clear(&root);
                root.append_child(&p)?;
                console_error(&msg);
                return Err(JsValue::from_str(&msg));
            }
        };
        let widget: Shared = Rc::new(RefCell::new(Widget::new(host.clone(), &root, data)?));
        let player: Rc<RefCell<Option<Interval>>> = Rc::new(RefCell::new(None));
        let mut listeners = Vec::new();
        let (map, trend, table, (map_keys, trend_keys), c) = {
            let w = widget.borrow();
            let c = &w.controls;
            (
                w.map_target().clone(),
                w.trend_target().clone(),
                w.table_target().clone(),
                w.key_targets(),
                (
                    c.slider.clone(),
                    c.play.clone(),
                    c.index.clone(),
                    c.png.clone(),
                    c.csv.clone(),
                    c.picker.clone(),
                ),
            )
        };
        let (slider, play, index, png, csv, picker) = c;
        for (target, on) in [(&map_keys, true), (&map_keys, false)] {
            let w = widget.clone();
            listeners.push(Listener::new(
                target,
                if on { "focus" } else { "blur" },
                move |_| report(act(&w, |w| w.map_focus(on))),
            )?);
        }
        let w = widget.clone();
        listeners.push(Listener::new(&map_keys, "keydown", move |ev| {
            let Some(k) = ev.dyn_ref::<KeyboardEvent>() else {
                return;
            };
            let modified = k.ctrl_key() || k.meta_key() || k.alt_key();
            if modified && k.key().chars().count() == 1 {
                return; // Leave the browser's and the reader's shortcuts alone.
            }
            match act(&w, |w| w.map_key(&k.key(), modified)) {
                Ok(true) => ev.prevent_default(),
                Ok(false) => {}
                Err(e) => report(Err(e)),
            }
        })?);
        for (target, on) in [(&trend_keys, true), (&trend_keys, false)] {
            let w = widget.clone();
            listeners.push(Listener::new(
                target,
                if on { "focus" } else { "blur" },
                move |_| report(act(&w, |w| w.trend_focus(on))),
            )?);
        }
        let w = widget.clone();
        listeners.push(Listener::new(&trend_keys, "keydown", move |ev| {
            let Some(k) = ev.dyn_ref::<KeyboardEvent>() else {
                return;
            };
            if k.ctrl_key() || k.meta_key() || k.alt_key() {
                return;
            }
            match act(&w, |w| w.trend_key(&k.key())) {
                Ok(true) => ev.prevent_default(),
                Ok(false) => {}
                Err(e) => report(Err(e)),
            }
        })?);
        let (w, pk) = (widget.clone(), picker.clone());
        listeners.push(Listener::new(&picker, "change", move |_| {
            let code = pk.value();
            if !code.is_empty() {
                report(act(&w, |w| w.pick(&code)));
            }
        })?);

        listeners.push(on_point(&widget, &map, "pointermove", Widget::map_pointer)?);
        listeners.push(on_event(
            &widget,
            &map,
            "pointerleave",
            Widget::pointer_leave,
        )?);
        listeners.push(on_point(&widget, &map, "click", Widget::map_click)?);
        listeners.push(on_point(
            &widget,
            &trend,
            "pointermove",
            Widget::trend_pointer,
        )?);
        listeners.push(on_event(
            &widget,
            &trend,
            "pointerleave",
            Widget::pointer_leave,
        )?);
        listeners.push(on_point(&widget, &trend, "click", Widget::trend_click)?);
        let (w, s, p) = (widget.clone(), slider.clone(), player.clone());
        listeners.push(Listener::new(&slider, "input", move |_| {
            // Read the slider before stopping play: stopping redraws the controls.
            let i = s.value().parse::<usize>();
            // Dragging the slider takes over from play.
            report(stop(&w, &p));
            if let Ok(i) = i {
                report(act(&w, |w| w.set_year_index(i)).map(|_| ()));
            }
        })?);
        let (w, p) = (widget.clone(), player.clone());
        listeners.push(Listener::new(&play, "click", move |_| {
            report(toggle_play(&w, &p))
        })?);
        let (w, i) = (widget.clone(), index.clone());
        listeners.push(Listener::new(&index, "change", move |_| {
            report(act(&w, |w| w.set_index_mode(i.checked())))
        })?);
        let w = widget.clone();
        listeners.push(Listener::new(&png, "click", move |_| {
            report(w.borrow().download_png())
        })?);
        let w = widget.clone();
        listeners.push(Listener::new(&csv, "click", move |_| {
            report(w.borrow().download_csv())
        })?);
        let w = widget.clone();
        listeners.push(Listener::new(&table, "click", move |ev| {
            let col = ev
                .target()
                .and_then(|t| t.dyn_into::<Element>().ok())
                .and_then(|e| e.closest("button[data-col]").ok().flatten())
                .and_then(|b| b.get_attribute("data-col"))
                .and_then(|k| table::column_from_key(&k));
            if let Some(c) = col {
                report(act(&w, |w| w.sort_by(c)));
            }
        })?);
        if let Some(dark) = media("(prefers-color-scheme: dark)") {
            let w = widget.clone();
            listeners.push(Listener::new(&dark, "change", move |_| {
                report(act(&w, |w| w.restyle()))
            })?);
        }

        let w = widget.clone();
        let on_resize = Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
            let Ok(entry) = entries.get(0).dyn_into::<ResizeObserverEntry>() else {
                return;
            };
            let width = entry.content_rect().width();
            // Skip the observer's first call and other no-op sizes.
            let same = (w.borrow().width() - width.floor()).abs() < 0.5;
            if !same {
                report(act(&w, |w| w.layout(width)));
            }
        });
        let observer = ResizeObserver::new(on_resize.as_ref().unchecked_ref())?;
        observer.observe(&host);
        let w = widget.clone();
        let trend_tick = Closure::<dyn FnMut()>::new(move || report(act(&w, |w| w.trend_due())));
        widget.borrow_mut().set_trend_tick(
            trend_tick
                .as_ref()
                .unchecked_ref::<js_sys::Function>()
                .clone(),
        );

        let atlas = Atlas {
            widget,
            _listeners: listeners,
            observer,
            _on_resize: on_resize,
            _trend_tick: trend_tick,
            player,
        };
        atlas.refresh();
        Ok(atlas)
    }

    /// Re-reads the element's attributes and redraws. Returns whether the
    /// options were valid (an invalid one is shown inside the widget).
    pub fn refresh(&self) -> bool {
        report(stop(&self.widget, &self.player));
        report(act(&self.widget, |w| w.refresh()));
        self.widget.borrow().is_ok()
    }

    /// Repaints with the current theme colours (after a page changes them).
    pub fn restyle(&self) {
        report(act(&self.widget, |w| w.restyle()));
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

    /// The year shown.
    #[wasm_bindgen(getter)]
    pub fn year(&self) -> Option<u16> {
        self.widget.borrow().year()
    }

    /// Shows another year; returns whether it has data.
    #[wasm_bindgen(js_name = setYear)]
    pub fn set_year(&self, year: u16) -> Result<bool, JsValue> {
        report(stop(&self.widget, &self.player));
        act(&self.widget, |w| w.set_year(year))
    }

    /// Codes of the selected areas.
    #[wasm_bindgen(getter)]
    pub fn selected(&self) -> Vec<String> {
        self.widget.borrow().selected_codes()
    }

    /// Replaces the selection.
    pub fn select(&self, codes: Vec<String>) -> Result<(), JsValue> {
        act(&self.widget, |w| w.select_codes(&codes))
    }

    /// Starts or pauses playing through the years.
    #[wasm_bindgen(js_name = togglePlay)]
    pub fn toggle_play(&self) -> Result<(), JsValue> {
        toggle_play(&self.widget, &self.player)
    }

    /// Every figure shown, as CSV text with its source and licence lines.
    pub fn csv(&self) -> Option<String> {
        self.widget.borrow().csv()
    }

    /// Offers the figures shown as a CSV download.
    #[wasm_bindgen(js_name = downloadCsv)]
    pub fn download_csv(&self) -> Result<(), JsValue> {
        self.widget.borrow().download_csv()
    }

    /// Offers a picture of what is shown as a PNG download.
    #[wasm_bindgen(js_name = downloadPng)]
    pub fn download_png(&self) -> Result<(), JsValue> {
        self.widget.borrow().download_png()
    }

    /// Shows the page's own figures: CSV text with `area_code,year,value`
    /// columns. Returns `{ problems: [{ line, message }] }` for lines that
    /// could not be used (the rest are shown).
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
        let problems = act(&self.widget, |w| w.set_user_data(csv, &meta))?;
        problems_object(problems)
    }

    /// Reports a bad call from the page (named `attribute`, given `value`):
    /// shown above the picture, logged, and sent as a `care-atlas-error`.
    pub fn notice(&self, attribute: &str, value: &str, message: &str) {
        report(act(&self.widget, |w| w.notice(attribute, value, message)));
    }

    /// Details for the `care-atlas-ready` event.
    #[wasm_bindgen(js_name = readyDetail)]
    pub fn ready_detail(&self) -> JsValue {
        self.widget.borrow().ready_detail()
    }

    /// The attributes the element reads (its `observedAttributes`).
    #[wasm_bindgen(js_name = attributeNames)]
    pub fn attribute_names() -> Vec<String> {
        crate::view::options::ATTRIBUTES
            .iter()
            .map(|s| s.to_string())
            .collect()
    }
}

impl Drop for Atlas {
    fn drop(&mut self) {
        self.observer.disconnect();
        // The timer's closure is dropped with the Atlas: cancel it first.
        if let Ok(mut w) = self.widget.try_borrow_mut() {
            w.cancel_timers();
        }
        if let Some(i) = self.player.borrow_mut().take() {
            i.stop();
        }
    }
}
