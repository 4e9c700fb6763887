//! The browser's events on a widget's parts, forwarded to [`Widget`]: one
//! listener each, owned, removed when the widget's handle is dropped. No
//! decisions here — only which part, which event, which input.

use super::dom::{Listener, Observer};
use super::error::{report, Res};
use super::media;
use super::table;
use super::widget::{act, Shared, Widget};
use wasm_bindgen::JsCast;
use web_sys::{
    Element, EventTarget, HtmlElement, KeyboardEvent, MouseEvent, PointerEvent, TouchEvent,
    WheelEvent,
};

/// Pointer position relative to an element, in CSS px.
fn local(target: &Element, ev: &web_sys::Event) -> Option<(f64, f64)> {
    let m = ev.dyn_ref::<MouseEvent>()?;
    let r = target.get_bounding_client_rect();
    Some((
        f64::from(m.client_x()) - r.left(),
        f64::from(m.client_y()) - r.top(),
    ))
}

/// What a listener calls with the widget and the event.
type Handler = Box<dyn Fn(&mut Widget, &web_sys::Event) -> Res>;

/// Listeners being made for one widget.
struct Binder<'a> {
    widget: &'a Shared,
    out: Vec<Listener>,
}

impl Binder<'_> {
    /// Calls `f` with the widget and the event.
    fn on(
        &mut self,
        target: &EventTarget,
        kind: &'static str,
        f: impl Fn(&mut Widget, &web_sys::Event) -> Res + 'static,
    ) -> Res {
        self.listen(target, kind, Box::new(f))
    }

    /// [`Binder::on`]'s work, not generic: one listener closure type for
    /// every handler, rather than a copy of the closure's glue per handler
    /// (about 40 of them).
    #[inline(never)]
    fn listen(&mut self, target: &EventTarget, kind: &'static str, f: Handler) -> Res {
        let w = self.widget.clone();
        self.out.push(Listener::new(target, kind, move |ev| {
            report(act(&w, |w| f(w, &ev)));
        })?);
        Ok(())
    }

    /// Calls `f` with the pointer's position on `target`.
    fn on_point(
        &mut self,
        target: &Element,
        kind: &'static str,
        f: fn(&mut Widget, f64, f64) -> Res,
    ) -> Res {
        let t = target.clone();
        self.on(target, kind, move |w, ev| match local(&t, ev) {
            Some((x, y)) => f(w, x, y),
            None => Ok(()),
        })
    }

    /// A key on a keyboard surface; a key the widget used does nothing else.
    fn on_key(
        &mut self,
        target: &HtmlElement,
        f: fn(&mut Widget, &KeyboardEvent) -> Res<bool>,
    ) -> Res {
        self.on(target, "keydown", move |w, ev| {
            if let Some(k) = ev.dyn_ref::<KeyboardEvent>() {
                if f(w, k)? {
                    ev.prevent_default();
                }
            }
            Ok(())
        })
    }
}

/// Every listener a widget needs, and the observer of its width.
pub fn bind(widget: &Shared, host: &HtmlElement) -> Res<(Vec<Listener>, Observer)> {
    let mut b = Binder {
        widget,
        out: Vec::new(),
    };
    let (chart, chart_keys, tabs) = {
        let w = widget.borrow();
        (
            w.chart_target().clone(),
            w.shell.chart_keys.clone(),
            w.shell.tabs.clone(),
        )
    };
    let (map, trend, table_wrap, keys, trend_keys, c, neighbours, z) = {
        let w = widget.borrow();
        let s = &w.shell;
        (
            w.map_target().clone(),
            w.trend_target().clone(),
            s.table_wrap.clone(),
            s.keys.clone(),
            s.trend_keys.clone(),
            (
                s.controls.slider.clone(),
                s.controls.play.clone(),
                s.controls.index.clone(),
                s.controls.png.clone(),
                s.controls.csv.clone(),
                s.controls.picker.clone(),
                s.controls.measure.clone(),
            ),
            s.neighbours.clone(),
            (
                s.zoom.zoom_in.clone(),
                s.zoom.zoom_out.clone(),
                s.zoom.reset.clone(),
            ),
        )
    };
    let (zoom_in, zoom_out, zoom_reset) = z;
    let (slider, play, index, png, csv, picker, measure) = c;
    let ms = measure.clone();
    b.on(&measure, "change", move |w, _| match ms.value() {
        id if id.is_empty() => Ok(()),
        id => w.choose_measure(&id),
    })?;

    b.on(&keys, "focus", |w, _| w.map_focus(true))?;
    b.on(&keys, "blur", |w, _| w.map_focus(false))?;
    b.on_key(&keys, |w, k| {
        let modified = k.ctrl_key() || k.meta_key() || k.alt_key();
        if modified && k.key().chars().count() == 1 {
            return Ok(false); // Leave the browser's and the reader's shortcuts alone.
        }
        if !modified && w.zoom_key(&k.key(), k.shift_key())? {
            return Ok(true);
        }
        w.map_key(&k.key(), modified)
    })?;
    b.on(&trend_keys, "focus", |w, _| w.trend_focus(true))?;
    b.on(&trend_keys, "blur", |w, _| w.trend_focus(false))?;
    b.on_key(&trend_keys, |w, k| {
        if k.ctrl_key() || k.meta_key() || k.alt_key() {
            return Ok(false);
        }
        w.trend_key(&k.key())
    })?;
    b.on(&chart_keys, "focus", |w, _| w.chart_focus(true))?;
    b.on(&chart_keys, "blur", |w, _| w.chart_focus(false))?;
    b.on_key(&chart_keys, |w, k| {
        if k.ctrl_key() || k.meta_key() || k.alt_key() {
            return Ok(false);
        }
        w.chart_key(&k.key())
    })?;
    b.on_point(&chart, "pointermove", Widget::chart_pointer)?;
    b.on(&chart, "pointerleave", |w, _| w.pointer_leave())?;
    b.on_point(&chart, "click", Widget::chart_click)?;
    b.on(&tabs, "click", |w, ev| {
        let view = ev
            .target()
            .and_then(|t| t.dyn_into::<Element>().ok())
            .and_then(|e| e.closest("[role=tab]").ok().flatten())
            .and_then(|b| b.get_attribute("data-view"));
        match view {
            Some(v) => w.tab(&v),
            None => Ok(()),
        }
    })?;
    b.on_key(&tabs, |w, k| {
        if k.ctrl_key() || k.meta_key() || k.alt_key() {
            return Ok(false);
        }
        w.tab_key(&k.key())
    })?;
    for open in ["focus", "pointerdown"] {
        b.on(&picker, open, |w, _| w.open_picker())?;
    }
    let pk = picker.clone();
    b.on(&picker, "change", move |w, _| match pk.value() {
        code if code.is_empty() => Ok(()),
        code => w.pick(&code),
    })?;

    // Inside the widget (retargeted to the host) or outside it.
    if let Some(doc) = host.owner_document() {
        b.on(&doc, "pointerdown", |w, ev| w.pointer_down(ev))?;
    }
    // Zoom: buttons; ctrl + wheel (a trackpad's pinch sends it too; the
    // wheel alone scrolls the page, as on any page); two fingers pinch;
    // a drag pans the zoomed map.
    b.on(&zoom_in, "click", |w, _| {
        w.zoom_by(crate::view::zoom::STEP, None)
    })?;
    b.on(&zoom_out, "click", |w, _| {
        w.zoom_by(1.0 / crate::view::zoom::STEP, None)
    })?;
    b.on(&zoom_reset, "click", |w, _| w.zoom_reset())?;
    let t = map.clone();
    b.on(&map, "wheel", move |w, ev| {
        let Some(wh) = ev.dyn_ref::<WheelEvent>() else {
            return Ok(());
        };
        if !(wh.ctrl_key() || wh.meta_key()) {
            return Ok(());
        }
        ev.prevent_default();
        // Pixels, lines or pages: a notch is about 100 px, a line 40.
        let dy = match wh.delta_mode() {
            0 => wh.delta_y(),
            1 => wh.delta_y() * 40.0,
            _ => wh.delta_y() * 400.0,
        };
        let factor = 1.0 - dy.clamp(-100.0, 100.0) * 0.0025;
        w.zoom_by(factor, local(&t, ev))
    })?;
    let t = map.clone();
    b.on(&map, "pointerdown", move |w, ev| {
        if let (Some(p), Some((x, y))) = (ev.dyn_ref::<PointerEvent>(), local(&t, ev)) {
            w.drag_start(p.pointer_id(), x, y);
        }
        Ok(())
    })?;
    let t = map.clone();
    b.on(&map, "pointermove", move |w, ev| {
        let Some((x, y)) = local(&t, ev) else {
            return Ok(());
        };
        if let Some(p) = ev.dyn_ref::<PointerEvent>() {
            if p.buttons() != 0 && w.drag_move(p.pointer_id(), x, y)? {
                if !t.has_pointer_capture(p.pointer_id()) {
                    let _ = t.set_pointer_capture(p.pointer_id());
                }
                return Ok(());
            }
        }
        w.map_pointer(x, y)
    })?;
    for kind in ["pointerup", "pointercancel"] {
        b.on(&map, kind, |w, _| {
            w.drag_end();
            Ok(())
        })?;
    }
    let t = map.clone();
    let fingers = move |ev: &web_sys::Event| -> Option<(f64, [f64; 2])> {
        let touches = ev.dyn_ref::<TouchEvent>()?.touches();
        if touches.length() != 2 {
            return None;
        }
        let (a, b) = (touches.item(0)?, touches.item(1)?);
        let r = t.get_bounding_client_rect();
        let (ax, ay) = (f64::from(a.client_x()), f64::from(a.client_y()));
        let (bx, by) = (f64::from(b.client_x()), f64::from(b.client_y()));
        Some((
            (ax - bx).hypot(ay - by),
            [(ax + bx) / 2.0 - r.left(), (ay + by) / 2.0 - r.top()],
        ))
    };
    let f = fingers.clone();
    b.on(&map, "touchmove", move |w, ev| match f(ev) {
        Some(two) => {
            // Two fingers are ours; one finger scrolls the page.
            ev.prevent_default();
            w.pinch(Some(two))
        }
        None => w.pinch(None),
    })?;
    let f = fingers;
    b.on(&map, "touchstart", move |w, ev| {
        w.pinch(None)?;
        match f(ev) {
            Some(two) => w.pinch(Some(two)),
            None => Ok(()),
        }
    })?;
    b.on(&map, "touchend", |w, _| w.pinch(None))?;
    b.on(&map, "pointerleave", |w, _| w.pointer_leave())?;
    b.on_point(&map, "click", Widget::map_click)?;
    b.on_point(&trend, "pointermove", Widget::trend_pointer)?;
    b.on(&trend, "pointerleave", |w, _| w.pointer_leave())?;
    b.on_point(&trend, "click", Widget::trend_click)?;

    let s = slider.clone();
    b.on(&slider, "input", move |w, _| {
        match s.value().parse::<usize>() {
            Ok(i) => w.set_year_index(i),
            Err(_) => Ok(()),
        }
    })?;
    b.on(&play, "click", |w, _| w.toggle_play())?;
    let i = index.clone();
    b.on(&index, "change", move |w, _| w.set_index_mode(i.checked()))?;
    b.on(&png, "click", |w, _| w.download_png())?;
    b.on(&csv, "click", |w, _| w.download_csv())?;
    b.on(&table_wrap, "click", |w, ev| {
        let col = ev
            .target()
            .and_then(|t| t.dyn_into::<Element>().ok())
            .and_then(|e| e.closest("button[data-col]").ok().flatten())
            .and_then(|b| b.get_attribute("data-col"))
            .and_then(|k| table::column_from_key(&k));
        match col {
            Some(c) => w.sort_by(c),
            None => Ok(()),
        }
    })?;
    b.on(&neighbours, "click", |w, ev| {
        let code = ev
            .target()
            .and_then(|t| t.dyn_into::<Element>().ok())
            .and_then(|e| e.closest("button[data-code]").ok().flatten())
            .and_then(|b| b.get_attribute("data-code"));
        match code {
            Some(c) => w.pick(&c),
            None => Ok(()),
        }
    })?;
    if let Some(dark) = media("(prefers-color-scheme: dark)") {
        b.on(&dark, "change", |w, _| w.restyle())?;
    }
    let w = widget.clone();
    let observer = Observer::width(host, move |width| {
        report(act(&w, |w| w.resize(width)));
    })?;
    Ok((b.out, observer))
}
