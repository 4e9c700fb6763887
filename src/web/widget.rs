//! One `<care-atlas>` element's state and rendering: it reads the options,
//! lays out the map, legend, tooltip and trend inside the shadow root, and
//! repaints what an event changed.

use super::dom::{console_error, el};
use super::map_canvas::{self, MapColours};
use super::style::CSS;
use crate::data::{AreaId, Bundle, Level};
use crate::draw::trend::{self as draw_trend, TrendColours};
use crate::scale::format::css_px;
use crate::scale::{Rgb, Sequential};
use crate::view::map::{preferred_height, Choropleth, Fill, Fit, MapLayer};
use crate::view::options::Options;
use crate::view::{text, trend};
use plotters_canvas::CanvasBackend;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{
    CanvasRenderingContext2d, CustomEvent, CustomEventInit, HtmlCanvasElement, HtmlElement,
    ShadowRoot,
};

/// Padding around the map inside its canvas, CSS px.
const MAP_PAD: f64 = 8.0;
const MAP_MAX_HEIGHT: f64 = 640.0;
const TREND_HEIGHT: f64 = 260.0;
/// From this width the map and the trend sit side by side.
const WIDE: f64 = 720.0;
const GAP: f64 = 24.0;

struct Elements {
    title: HtmlElement,
    message: HtmlElement,
    body: HtmlElement,
    map: HtmlCanvasElement,
    tip: HtmlElement,
    legend: HtmlElement,
    trend_title: HtmlElement,
    trend: HtmlCanvasElement,
    labels: HtmlElement,
}

/// What the current options draw, rebuilt when they change.
struct View {
    opts: Options,
    layer: MapLayer,
    choro: Choropleth,
}

pub struct Widget {
    host: HtmlElement,
    els: Elements,
    bundle: Rc<Bundle>,
    view: Option<View>,
    width: f64,
    trend_width: f64,
    map_size: (f64, f64),
    fit: Fit,
    hovered: Option<AreaId>,
    selected: Option<AreaId>,
}

thread_local! {
    static SHEET: std::cell::OnceCell<web_sys::CssStyleSheet> = const { std::cell::OnceCell::new() };
}

/// The widget's stylesheet, built once per page and shared by every widget.
fn stylesheet() -> Result<web_sys::CssStyleSheet, JsValue> {
    SHEET.with(|s| {
        if let Some(sheet) = s.get() {
            return Ok(sheet.clone());
        }
        let sheet = web_sys::CssStyleSheet::new()?;
        sheet.replace_sync(CSS)?;
        Ok(s.get_or_init(|| sheet).clone())
    })
}

fn context(canvas: &HtmlCanvasElement) -> Result<CanvasRenderingContext2d, JsValue> {
    canvas
        .get_context("2d")?
        .ok_or_else(|| JsValue::from_str("canvas 2D context unavailable"))?
        .dyn_into::<CanvasRenderingContext2d>()
        .map_err(JsValue::from)
}

fn dpr() -> f64 {
    web_sys::window()
        .map_or(1.0, |w| w.device_pixel_ratio())
        .clamp(1.0, 4.0)
}

/// Sizes a canvas to `css` pixels, backed by `css × dpr` device pixels.
fn size_canvas(c: &HtmlCanvasElement, css: (f64, f64), dpr: f64) -> Result<(), JsValue> {
    let (w, h) = ((css.0 * dpr).round() as u32, (css.1 * dpr).round() as u32);
    if c.width() != w {
        c.set_width(w);
    }
    if c.height() != h {
        c.set_height(h);
    }
    let s = c.style();
    s.set_property("width", &css_px(css.0))?;
    s.set_property("height", &css_px(css.1))
}

impl Widget {
    pub fn new(
        host: HtmlElement,
        root: &ShadowRoot,
        bundle: Rc<Bundle>,
    ) -> Result<Widget, JsValue> {
        let doc = host.owner_document().ok_or("element has no document")?;
        while let Some(c) = root.first_child() {
            root.remove_child(&c)?;
        }
        // A constructed stylesheet, not a <style> element: a page whose
        // Content-Security-Policy forbids inline styles still styles us.
        root.set_adopted_style_sheets(&js_sys::Array::of1(&stylesheet()?.into()));
        let frame = el(&doc, "div", "frame", Some(root))?;
        frame.set_attribute("part", "frame")?;
        let title = el(&doc, "p", "title", Some(&frame))?;
        let message = el(&doc, "div", "message", Some(&frame))?;
        message.set_attribute("role", "alert")?;
        message.set_hidden(true);
        let body = el(&doc, "div", "body", Some(&frame))?;
        let map_wrap = el(&doc, "div", "map-wrap", Some(&body))?;
        let map: HtmlCanvasElement = doc.create_element("canvas")?.dyn_into()?;
        map.set_class_name("map");
        map.set_attribute("role", "img")?;
        map_wrap.append_child(&map)?;
        let tip = el(&doc, "div", "tip", Some(&map_wrap))?;
        tip.set_hidden(true);
        let legend = el(&doc, "ul", "legend", Some(&body))?;
        let trend_wrap = el(&doc, "div", "trend-wrap", Some(&body))?;
        let trend_title = el(&doc, "p", "trend-title", Some(&trend_wrap))?;
        let plot = el(&doc, "div", "trend-plot", Some(&trend_wrap))?;
        let trend: HtmlCanvasElement = doc.create_element("canvas")?.dyn_into()?;
        trend.set_class_name("trend");
        trend.set_attribute("role", "img")?;
        plot.append_child(&trend)?;
        let labels = el(&doc, "div", "labels", Some(&plot))?;
        labels.set_attribute("aria-hidden", "true")?;
        let source = el(&doc, "p", "source", Some(&frame))?;
        source.set_text_content(Some(&bundle.attribution));

        Ok(Widget {
            host,
            els: Elements {
                title,
                message,
                body,
                map,
                tip,
                legend,
                trend_title,
                trend,
                labels,
            },
            bundle,
            view: None,
            width: 0.0,
            trend_width: 0.0,
            map_size: (0.0, 0.0),
            fit: Fit {
                scale: 1.0,
                tx: 0.0,
                ty: 0.0,
            },
            hovered: None,
            selected: None,
        })
    }

    fn emit(&self, name: &str, detail: &JsValue) {
        let init = CustomEventInit::new();
        init.set_detail(detail);
        init.set_bubbles(true);
        init.set_composed(true);
        if let Ok(ev) = CustomEvent::new_with_event_init_dict(name, &init) {
            let _ = self.host.dispatch_event(&ev);
        }
    }

    /// Shows a problem inside the widget and in the console, and tells the page.
    pub fn show_error(&mut self, attribute: &str, value: &str, message: &str) {
        self.view = None;
        self.els
            .title
            .set_text_content(Some("This chart cannot be shown"));
        self.els.message.set_text_content(Some(message));
        self.els.message.set_hidden(false);
        self.els.body.set_hidden(true);
        console_error(message);
        let detail = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&detail, &"message".into(), &message.into());
        let _ = js_sys::Reflect::set(&detail, &"attribute".into(), &attribute.into());
        let _ = js_sys::Reflect::set(&detail, &"value".into(), &value.into());
        self.emit("care-atlas-error", &detail);
    }

    /// Re-reads the attributes and redraws everything.
    pub fn refresh(&mut self) -> Result<(), JsValue> {
        let host = self.host.clone();
        match Options::parse(&self.bundle, |name| host.get_attribute(name)) {
            Err(e) => {
                self.show_error(e.attribute, &e.value, &e.message);
                Ok(())
            }
            Ok(opts) => {
                let layer = MapLayer::new(&self.bundle, opts.level, opts.year);
                let palette = Sequential::by_name("ylgnbu")
                    .unwrap_or(crate::scale::palette::YELLOW_GREEN_BLUE);
                let choro = Choropleth::new(&self.bundle, &layer, opts.measure, palette);
                if self.selected.is_some_and(|s| layer.get(s).is_none()) {
                    self.selected = None;
                }
                self.hovered = None;
                self.els.message.set_hidden(true);
                self.els.body.set_hidden(false);
                self.view = Some(View { opts, layer, choro });
                self.render_static()?;
                self.layout(self.host.get_bounding_client_rect().width())
            }
        }
    }

    /// Text that does not depend on size: title, legend, summaries.
    fn render_static(&mut self) -> Result<(), JsValue> {
        let Some(v) = &self.view else { return Ok(()) };
        let b = &self.bundle;
        let m = v.opts.measure;
        self.els
            .title
            .set_text_content(Some(&text::title(b, m, v.opts.year)));
        let ids: Vec<AreaId> = v.layer.areas.iter().map(|a| a.id).collect();
        self.els.map.set_attribute(
            "aria-label",
            &text::map_summary(b, m, v.opts.year, v.opts.level, &ids),
        )?;

        let doc = self.host.owner_document().ok_or("no document")?;
        let legend = &self.els.legend;
        legend.set_inner_html("");
        legend.set_attribute("aria-label", "Legend")?;
        let head = el(&doc, "li", "legend-title", Some(legend))?;
        head.set_text_content(Some(&format!(
            "{} ({})",
            b.measure(m).short_label,
            b.measure(m).unit
        )));
        if let Some(classes) = &v.choro.classes {
            for (i, colour) in v.choro.colours.iter().enumerate() {
                let li = el(&doc, "li", "", Some(legend))?;
                let sw = el(&doc, "span", "sw", Some(&li))?;
                sw.style().set_property("background", &colour.to_string())?;
                sw.set_attribute("aria-hidden", "true")?;
                let t = el(&doc, "span", "", Some(&li))?;
                t.set_text_content(Some(&classes.label(i)));
            }
        }
        if v.choro.fills.iter().any(|f| matches!(f, Fill::NoData(_))) {
            let li = el(&doc, "li", "", Some(legend))?;
            let sw = el(&doc, "span", "sw nodata", Some(&li))?;
            sw.set_attribute("aria-hidden", "true")?;
            let t = el(&doc, "span", "", Some(&li))?;
            t.set_text_content(Some("No data"));
        }
        Ok(())
    }

    /// Sizes both canvases to the element's width and paints them.
    pub fn layout(&mut self, width: f64) -> Result<(), JsValue> {
        let width = width.floor();
        if width < 1.0 {
            return Ok(()); // Hidden or not yet laid out: wait for the resize observer.
        }
        self.width = width;
        let Some(v) = &self.view else { return Ok(()) };
        let wide = width >= WIDE;
        let map_w = if wide {
            (width * 0.48).min(600.0).floor()
        } else {
            width
        };
        self.trend_width = if wide { width - map_w - GAP } else { width };
        let body = &self.els.body;
        body.class_list().toggle_with_force("wide", wide)?;
        body.style().set_property("--map-w", &css_px(map_w))?;
        let h = preferred_height(v.layer.bbox, map_w, MAP_PAD).min(MAP_MAX_HEIGHT);
        self.map_size = (map_w, h);
        self.fit = Fit::new(v.layer.bbox, map_w, h, MAP_PAD);
        self.paint_map()?;
        self.paint_trend()
    }

    fn colours(&self) -> (MapColours, TrendColours) {
        let style = web_sys::window().and_then(|w| w.get_computed_style(&self.host).ok().flatten());
        let var = |name: &str, fallback: Rgb| {
            style
                .as_ref()
                .and_then(|s| s.get_property_value(name).ok())
                .and_then(|v| Rgb::parse(&v))
                .unwrap_or(fallback)
        };
        let text = var("--care-atlas-text", Rgb(0x1b, 0x1b, 0x1b));
        let background = var("--ca-bg", Rgb(0xff, 0xff, 0xff));
        let accent = var("--ca-accent", Rgb(0xb3, 0x12, 0x5a));
        let muted = var("--ca-muted", Rgb(0x50, 0x5a, 0x5f));
        (
            MapColours {
                border: background,
                outline: text,
                accent,
                no_data: Rgb(0xd4, 0xd4, 0xd4),
            },
            TrendColours {
                focus: accent,
                england: text,
                context: background.mix(muted, 0.45),
                grid: background.mix(muted, 0.18),
                axis: muted,
            },
        )
    }

    fn paint_map(&self) -> Result<(), JsValue> {
        let Some(v) = &self.view else { return Ok(()) };
        let dpr = dpr();
        size_canvas(&self.els.map, self.map_size, dpr)?;
        let ctx = context(&self.els.map)?;
        let (colours, _) = self.colours();
        map_canvas::paint(
            &ctx,
            self.map_size,
            dpr,
            &v.layer,
            &v.choro,
            &self.fit,
            &colours,
            &v.opts.highlight,
            self.hovered,
            &self.bundle.geometry,
        )
    }

    /// The areas the trend shows in colour: hovered, else selected, else highlighted.
    fn focus(&self) -> Vec<AreaId> {
        match (self.hovered.or(self.selected), &self.view) {
            (Some(a), _) => vec![a],
            (None, Some(v)) => v.opts.highlight.clone(),
            (None, None) => vec![],
        }
    }

    fn paint_trend(&self) -> Result<(), JsValue> {
        let Some(v) = &self.view else { return Ok(()) };
        let b = &self.bundle;
        let m = v.opts.measure;
        let context_areas: Vec<AreaId> = b.areas_at(Level::Region).collect();
        let focus = self.focus();
        let spec = trend::spec_for(b, m, &context_areas, &focus);
        let names: Vec<&str> = focus.iter().map(|&a| b.area(a).name.as_str()).collect();
        let heading = if names.is_empty() {
            format!(
                "{} over time: England and its regions",
                b.measure(m).short_label
            )
        } else {
            format!(
                "{} over time: {} and England",
                b.measure(m).short_label,
                names.join(", ")
            )
        };
        self.els.trend_title.set_text_content(Some(&heading));
        self.els
            .trend
            .set_attribute("aria-label", &text::trend_summary(b, m, &spec))?;

        let size = (self.trend_width, TREND_HEIGHT);
        let dpr = dpr();
        size_canvas(&self.els.trend, size, dpr)?;
        let scene = spec.layout(size.0, size.1);
        let ctx = context(&self.els.trend)?;
        ctx.set_transform(1.0, 0.0, 0.0, 1.0, 0.0, 0.0)?;
        ctx.clear_rect(
            0.0,
            0.0,
            f64::from(self.els.trend.width()),
            f64::from(self.els.trend.height()),
        );
        let (_, colours) = self.colours();
        let mut backend = CanvasBackend::with_canvas_object(self.els.trend.clone())
            .ok_or_else(|| JsValue::from_str("plotters could not use the trend canvas"))?;
        draw_trend::draw(&mut backend, &scene, &colours, dpr)
            .map_err(|e| JsValue::from_str(&e.to_string()))?;

        // Tick and line labels as HTML: crisp, themeable, and no DOM text measuring.
        let labels = &self.els.labels;
        labels.set_inner_html("");
        let doc = self.host.owner_document().ok_or("no document")?;
        let put = |class: &str, text: &str, x: f64, y: f64| -> Result<(), JsValue> {
            let s = el(&doc, "span", class, Some(labels))?;
            s.set_text_content(Some(text));
            let st = s.style();
            st.set_property("left", &css_px(x))?;
            st.set_property("top", &css_px(y))
        };
        for t in &scene.y_ticks {
            put("y", &t.text, scene.plot.x - 6.0, t.pos)?;
        }
        for t in &scene.x_ticks {
            put("x", &t.text, t.pos, scene.plot.bottom() + 6.0)?;
        }
        for l in &scene.lines {
            if let Some(e) = &l.end {
                let class = match l.role {
                    trend::Role::Focus => "end focus",
                    _ => "end england",
                };
                put(class, &e.text, scene.plot.right() + 8.0, e.y)?;
            }
        }
        Ok(())
    }

    fn show_tip(&self, id: AreaId, x: f64, y: f64) -> Result<(), JsValue> {
        let Some(v) = &self.view else { return Ok(()) };
        let t = text::tooltip(&self.bundle, v.opts.measure, id, v.opts.year);
        let tip = &self.els.tip;
        tip.set_inner_html("");
        let doc = self.host.owner_document().ok_or("no document")?;
        el(&doc, "strong", "", Some(tip))?.set_text_content(Some(&t.name));
        el(&doc, "span", "v", Some(tip))?.set_text_content(Some(&t.value));
        el(&doc, "div", "d", Some(tip))?.set_text_content(Some(&t.detail));
        tip.set_hidden(false);
        let (w, h) = (
            f64::from(tip.offset_width()),
            f64::from(tip.offset_height()),
        );
        let left = if x + 14.0 + w > self.map_size.0 {
            (x - 14.0 - w).max(0.0)
        } else {
            x + 14.0
        };
        let top = if y + 14.0 + h > self.map_size.1 {
            (y - 14.0 - h).max(0.0)
        } else {
            y + 14.0
        };
        tip.style().set_property("left", &css_px(left.round()))?;
        tip.style().set_property("top", &css_px(top.round()))
    }

    /// Pointer moved to (x, y) CSS px within the map canvas.
    pub fn pointer_move(&mut self, x: f64, y: f64) -> Result<(), JsValue> {
        let Some(v) = &self.view else { return Ok(()) };
        let hit = v.layer.hit(self.fit.to_world([x, y]));
        if hit != self.hovered {
            self.hovered = hit;
            self.paint_map()?;
            self.paint_trend()?;
        }
        match hit {
            Some(id) => self.show_tip(id, x, y),
            None => {
                self.els.tip.set_hidden(true);
                Ok(())
            }
        }
    }

    pub fn pointer_leave(&mut self) -> Result<(), JsValue> {
        self.els.tip.set_hidden(true);
        if self.hovered.take().is_some() {
            self.paint_map()?;
            self.paint_trend()?;
        }
        Ok(())
    }

    /// A click or tap selects the area under it (or clears on a second tap).
    pub fn click(&mut self, x: f64, y: f64) -> Result<(), JsValue> {
        let Some(v) = &self.view else { return Ok(()) };
        let hit = v.layer.hit(self.fit.to_world([x, y]));
        self.selected = if hit == self.selected { None } else { hit };
        let detail = js_sys::Object::new();
        let code = self.selected.map(|a| self.bundle.area(a).code.clone());
        js_sys::Reflect::set(
            &detail,
            &"code".into(),
            &code.map_or(JsValue::NULL, JsValue::from),
        )?;
        self.emit("care-atlas-select", &detail);
        self.paint_trend()
    }

    /// Where an area's anchor is, in viewport coordinates (for annotations and tests).
    pub fn area_point(&self, code: &str) -> Option<(f64, f64)> {
        let v = self.view.as_ref()?;
        let id = self.bundle.area_id(code)?;
        let a = v.layer.get(id)?;
        let p = self.fit.to_screen(a.anchor);
        let r = self.els.map.get_bounding_client_rect();
        Some((r.left() + p[0], r.top() + p[1]))
    }

    pub fn width(&self) -> f64 {
        self.width
    }

    pub fn map_canvas(&self) -> &HtmlCanvasElement {
        &self.els.map
    }

    pub fn ready_detail(&self) -> JsValue {
        let detail = js_sys::Object::new();
        if let Some(v) = &self.view {
            let m = self.bundle.measure(v.opts.measure);
            let _ = js_sys::Reflect::set(&detail, &"measure".into(), &m.id.as_str().into());
            let _ = js_sys::Reflect::set(&detail, &"year".into(), &v.opts.year.into());
        }
        detail.into()
    }

    pub fn is_ok(&self) -> bool {
        self.view.is_some()
    }
}
