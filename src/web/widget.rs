//! One `<care-atlas>` element's state and rendering: it reads the options,
//! builds the parts inside the shadow root, and repaints only what an event
//! changed (a hover repaints the map's overlay, a year repaints the fills).

use super::dom::{console_error, el, slug, text_el};
use super::export::{self, Picture};
use super::map_canvas::MapPainter;
use super::style;
use super::table as table_view;
use super::theme;
use super::trend_canvas::TrendPainter;
use crate::data::{add_user_measure, AreaId, Bundle, Level, Problem, UserMeta};
use crate::scale::format::{css_px, number};
use crate::scale::theme::Theme;
use crate::view::carry::{self, PageSaid};
use crate::view::map::{preferred_height, Choropleth, Fit, LegendEntry, MapLayer};
use crate::view::nav::{self, Dir};
use crate::view::options::{Options, ViewKind};
use crate::view::selection::{trend_focus, Selection};
use crate::view::table::{Column, Sort};
use crate::view::{export as csv_export, text, trend};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{
    CustomEvent, CustomEventInit, Document, HtmlButtonElement, HtmlElement, HtmlInputElement,
    HtmlSelectElement, ShadowRoot,
};

/// Padding around the map inside its canvas, CSS px.
const MAP_PAD: f64 = 8.0;
const MAP_MAX_HEIGHT: f64 = 640.0;
/// From this width the map and the trend sit side by side.
const WIDE: f64 = 720.0;
const GAP: f64 = 24.0;

thread_local! {
    static SHEET: std::cell::OnceCell<web_sys::CssStyleSheet> = const { std::cell::OnceCell::new() };
}

/// The widget's stylesheet, built once per page and shared by every widget.
/// A constructed sheet, not a `<style>` element: pages whose
/// Content-Security-Policy forbids inline styles still style us.
fn stylesheet() -> Result<web_sys::CssStyleSheet, JsValue> {
    SHEET.with(|s| {
        if let Some(sheet) = s.get() {
            return Ok(sheet.clone());
        }
        let sheet = web_sys::CssStyleSheet::new()?;
        sheet.replace_sync(&style::css())?;
        Ok(s.get_or_init(|| sheet).clone())
    })
}

thread_local! {
    static NEXT_ID: std::cell::Cell<u32> = const { std::cell::Cell::new(1) };
}

/// How long the pointer rests on an area before the trend follows it.
const TREND_FOLLOW_MS: i32 = 90;

/// Type-ahead letters typed within this many ms of each other make one word.
const TYPE_AHEAD_MS: f64 = 800.0;

pub fn dpr() -> f64 {
    web_sys::window()
        .map_or(1.0, |w| w.device_pixel_ratio())
        .clamp(1.0, 4.0)
}

/// The controls row.
pub struct Controls {
    pub root: HtmlElement,
    pub year_group: HtmlElement,
    pub slider: HtmlInputElement,
    pub year_out: HtmlElement,
    pub play: HtmlButtonElement,
    pub index_label: HtmlElement,
    pub index: HtmlInputElement,
    pub picker_label: HtmlElement,
    pub picker: HtmlSelectElement,
    pub png: HtmlButtonElement,
    pub csv: HtmlButtonElement,
}

struct Elements {
    title: HtmlElement,
    summary: HtmlElement,
    message: HtmlElement,
    /// Lines of the page's own CSV that could not be used.
    warnings: HtmlElement,
    body: HtmlElement,
    map_part: HtmlElement,
    tip: HtmlElement,
    legend: HtmlElement,
    trend_part: HtmlElement,
    trend_title: HtmlElement,
    table_part: HtmlElement,
    table_wrap: HtmlElement,
    source: HtmlElement,
    /// The map's keyboard surface: a listbox of the areas, over the canvases.
    keys: HtmlElement,
    /// The trend's keyboard surface.
    trend_keys: HtmlElement,
    /// Polite announcements of what keyboard focus reaches.
    live: HtmlElement,
}

/// What the map draws, rebuilt when the set of live areas changes.
struct MapState {
    layer: MapLayer,
    key: (Level, Option<AreaId>, Vec<AreaId>),
    choro: Choropleth,
}

pub struct Widget {
    host: HtmlElement,
    doc: Document,
    /// The bundled dataset, with the page's own measure added when it brings one.
    bundle: Rc<Bundle>,
    /// The bundled dataset as compiled in, to add a page's figures to afresh.
    base: Rc<Bundle>,
    els: Elements,
    pub controls: Controls,
    map: MapPainter,
    trend: TrendPainter,
    opts: Option<Options>,
    /// The attributes that set the year, selection and base year, as last
    /// read: the reader's own choices outlive a change to any other attribute.
    said: PageSaid,
    /// The year shown; starts at the `year` attribute, moves with the slider.
    year: u16,
    years: Vec<u16>,
    base_year: Option<u16>,
    selection: Selection,
    hovered: Option<AreaId>,
    sort: Sort,
    state: Option<MapState>,
    fit: Fit,
    width: f64,
    map_size: (f64, f64),
    trend_size: (f64, f64),
    theme: Theme,
    pub playing: bool,
    outbox: Vec<(&'static str, JsValue)>,
    /// Prefix of element ids, unique per widget on the page.
    uid: u32,
    /// The area keyboard focus is on, and whether the map has focus.
    focused: Option<AreaId>,
    map_has_focus: bool,
    typed: String,
    typed_at: f64,
    /// The last arrow move (from, direction), so the opposite arrow undoes it.
    last_move: Option<(usize, Dir)>,
    /// Keyboard position in the trend: a year and a labelled line.
    trend_cursor: Option<(u16, usize)>,
    /// The areas the listbox and picker were built for: rebuilt only when
    /// the set changes, otherwise their words are refreshed in place.
    keys_for: std::cell::RefCell<Vec<AreaId>>,
    /// The function a timer calls to repaint the trend, and the timer pending.
    trend_tick: Option<js_sys::Function>,
    trend_timer: Option<i32>,
}

/// Dispatches queued events on the element, bubbling out of the shadow root.
pub fn dispatch(host: &HtmlElement, events: Vec<(&'static str, JsValue)>) {
    for (name, detail) in events {
        let init = CustomEventInit::new();
        init.set_detail(&detail);
        init.set_bubbles(true);
        init.set_composed(true);
        if let Ok(ev) = CustomEvent::new_with_event_init_dict(name, &init) {
            let _ = host.dispatch_event(&ev);
        }
    }
}

fn button(
    doc: &Document,
    label: &str,
    parent: &web_sys::Node,
) -> Result<HtmlButtonElement, JsValue> {
    let b: HtmlButtonElement = text_el(doc, "button", "", label, parent)?.dyn_into()?;
    b.set_type("button");
    Ok(b)
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
        root.set_adopted_style_sheets(&js_sys::Array::of1(&stylesheet()?.into()));
        let frame = el(&doc, "div", "frame", Some(root))?;
        frame.set_attribute("part", "frame")?;
        let title = el(&doc, "p", "title", Some(&frame))?;
        let summary = el(&doc, "p", "summary", Some(&frame))?;
        summary.set_hidden(true);
        let message = el(&doc, "div", "message", Some(&frame))?;
        message.set_attribute("role", "alert")?;
        message.set_hidden(true);
        let warnings = el(&doc, "div", "warnings", Some(&frame))?;
        warnings.set_hidden(true);

        let c = el(&doc, "div", "controls", Some(&frame))?;
        let year_group = el(&doc, "div", "year", Some(&c))?;
        let label = text_el(&doc, "label", "", "Year", &year_group)?;
        let slider: HtmlInputElement = doc.create_element("input")?.dyn_into()?;
        slider.set_type("range");
        slider.set_step("1");
        label.append_child(&slider)?;
        let year_out = el(&doc, "output", "", Some(&year_group))?;
        year_out.set_attribute("aria-hidden", "true")?;
        let play = button(&doc, "Play", &year_group)?;
        let index_label = el(&doc, "label", "", Some(&c))?;
        let index: HtmlInputElement = doc.create_element("input")?.dyn_into()?;
        index.set_type("checkbox");
        index_label.append_child(&index)?;
        index_label.append_with_str_1("Change since first year")?;
        let picker_label = text_el(&doc, "label", "picker", "Find an area", &c)?;
        let picker: HtmlSelectElement = doc.create_element("select")?.dyn_into()?;
        picker_label.append_child(&picker)?;
        let exports = el(&doc, "div", "exports", Some(&c))?;
        let png = button(&doc, "Download PNG", &exports)?;
        let csv = button(&doc, "Download CSV", &exports)?;

        let body = el(&doc, "div", "body", Some(&frame))?;
        let map_part = el(&doc, "div", "part map-part", Some(&body))?;
        let map_wrap = el(&doc, "div", "map-wrap", Some(&map_part))?;
        let map = MapPainter::new(&doc, &map_wrap)?;
        let tip = el(&doc, "div", "tip", Some(&map_wrap))?;
        tip.set_hidden(true);
        let keys = el(&doc, "div", "keys", Some(&map_wrap))?;
        keys.set_attribute("role", "listbox")?;
        keys.set_attribute("tabindex", "0")?;
        keys.set_attribute("aria-multiselectable", "true")?;
        let legend = el(&doc, "ul", "legend", Some(&map_part))?;
        legend.set_attribute("aria-label", "Legend")?;
        let trend_part = el(&doc, "div", "part trend-part", Some(&body))?;
        let trend_title = el(&doc, "p", "trend-title", Some(&trend_part))?;
        let plot = el(&doc, "div", "trend-plot", Some(&trend_part))?;
        let trend = TrendPainter::new(&doc, &plot)?;
        let trend_keys = el(&doc, "div", "keys", Some(&plot))?;
        trend_keys.set_attribute("role", "group")?;
        trend_keys.set_attribute("tabindex", "0")?;
        trend_keys.set_attribute(
            "aria-label",
            "Trend chart values. Left and right arrow keys move between years, up and down between lines.",
        )?;
        let table_part = el(&doc, "div", "part table-part", Some(&body))?;
        let table_wrap = el(&doc, "div", "table-wrap", Some(&table_part))?;
        let source = el(&doc, "p", "source", Some(&frame))?;
        let live = el(&doc, "div", "sr", Some(&frame))?;
        live.set_attribute("role", "status")?;
        live.set_attribute("aria-live", "polite")?;
        let uid = NEXT_ID.with(|n| {
            let v = n.get();
            n.set(v + 1);
            v
        });

        let theme = theme::current(&host);
        Ok(Widget {
            host,
            doc,
            base: bundle.clone(),
            bundle,
            els: Elements {
                title,
                summary,
                message,
                warnings,
                body,
                map_part,
                tip,
                legend,
                trend_part,
                trend_title,
                table_part,
                table_wrap,
                source,
                keys,
                trend_keys,
                live,
            },
            controls: Controls {
                root: c,
                year_group,
                slider,
                year_out,
                play,
                index_label,
                index,
                picker_label,
                picker,
                png,
                csv,
            },
            map,
            trend,
            opts: None,
            said: PageSaid::default(),
            year: 0,
            years: Vec::new(),
            base_year: None,
            selection: Selection::default(),
            hovered: None,
            sort: Sort::default(),
            state: None,
            fit: Fit {
                scale: 1.0,
                tx: 0.0,
                ty: 0.0,
            },
            width: 0.0,
            map_size: (0.0, 0.0),
            trend_size: (0.0, 0.0),
            theme,
            playing: false,
            outbox: Vec::new(),
            uid,
            focused: None,
            map_has_focus: false,
            typed: String::new(),
            typed_at: 0.0,
            last_move: None,
            trend_cursor: None,
            trend_tick: None,
            trend_timer: None,
            keys_for: std::cell::RefCell::new(Vec::new()),
        })
    }

    /// Queues an event for the page. Events are dispatched by the caller
    /// once the widget is no longer borrowed, so a page listener may call
    /// back into the element.
    fn emit(&mut self, name: &'static str, detail: &JsValue) {
        self.outbox.push((name, detail.clone()));
    }

    /// Takes the queued events, to dispatch with [`dispatch`].
    pub fn take_events(&mut self) -> (HtmlElement, Vec<(&'static str, JsValue)>) {
        (self.host.clone(), std::mem::take(&mut self.outbox))
    }

    /// Shows a problem inside the widget and in the console, and tells the page.
    pub fn show_error(&mut self, attribute: &str, value: &str, message: &str) {
        self.opts = None;
        self.state = None;
        self.els
            .title
            .set_text_content(Some("This chart cannot be shown"));
        self.els.message.set_text_content(Some(message));
        self.els.message.set_hidden(false);
        self.els.body.set_hidden(true);
        self.els.summary.set_hidden(true);
        self.controls.root.set_hidden(true);
        console_error(message);
        let detail = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&detail, &"message".into(), &message.into());
        let _ = js_sys::Reflect::set(&detail, &"attribute".into(), &attribute.into());
        let _ = js_sys::Reflect::set(&detail, &"value".into(), &value.into());
        self.emit("care-atlas-error", &detail);
    }

    pub fn is_ok(&self) -> bool {
        self.opts.is_some()
    }

    pub fn width(&self) -> f64 {
        self.width
    }

    /// Adds the page's own figures as a measure ([`crate::data::USER_MEASURE`]), shows
    /// which lines could not be used, and redraws. Returns those problems.
    pub fn set_user_data(&mut self, csv: &str, meta: &UserMeta) -> Result<Vec<Problem>, JsValue> {
        let (bundle, problems) = add_user_measure(&self.base, csv, meta);
        let usable = bundle.is_some();
        self.bundle = Rc::new(bundle.unwrap_or_else(|| (*self.base).clone()));
        self.refresh()?;
        let doc = &self.doc;
        let w = &self.els.warnings;
        w.set_inner_html("");
        w.set_hidden(problems.is_empty());
        if !problems.is_empty() {
            let intro = if usable {
                "Some lines of this page's figures could not be used; the others are shown:"
            } else {
                "This page's figures could not be used:"
            };
            text_el(doc, "p", "", intro, w)?;
            let list = el(doc, "ul", "", Some(w))?;
            let mut lines = Vec::new();
            for p in &problems {
                let text = if p.line > 0 {
                    format!("Line {}: {}", p.line, p.message)
                } else {
                    p.message.clone()
                };
                text_el(doc, "li", "", &text, &list)?;
                lines.push(text);
            }
            let message = format!("{intro} {}", lines.join(" "));
            console_error(&message);
            let detail = js_sys::Object::new();
            js_sys::Reflect::set(&detail, &"message".into(), &message.as_str().into())?;
            js_sys::Reflect::set(&detail, &"attribute".into(), &"data".into())?;
            self.emit("care-atlas-error", &detail);
        }
        Ok(problems)
    }

    /// Re-reads the attributes and redraws everything.
    pub fn refresh(&mut self) -> Result<(), JsValue> {
        let host = self.host.clone();
        let opts = match Options::parse(&self.bundle, |name| host.get_attribute(name)) {
            Err(e) => {
                self.show_error(e.attribute, &e.value, &e.message);
                return Ok(());
            }
            Ok(o) => o,
        };
        let said = PageSaid::read(|name| host.get_attribute(name));
        let keep = carry::keep(self.opts.as_ref().map(|_| &self.said), &said);
        self.said = said;
        self.years = self.bundle.years_of(opts.measure);
        let page_year_before = self.opts.as_ref().map_or(opts.year, |o| o.year);
        self.year = carry::year_after(
            keep.year,
            self.year,
            page_year_before,
            opts.year,
            &self.years,
        );
        if !keep.base_year || self.base_year.is_some_and(|y| !self.years.contains(&y)) {
            self.base_year = opts.base_year;
        }
        if !keep.selection {
            self.selection = Selection::new(&opts.selected);
        }
        self.hovered = None;
        self.state = None;
        self.els.message.set_hidden(true);
        self.els.body.set_hidden(false);
        self.controls.root.set_hidden(false);
        self.els
            .source
            .set_text_content(Some(&self.source_line(&opts)));
        self.opts = Some(opts);
        self.theme = theme::current(&self.host);
        self.update_controls()?;
        self.rebuild_map_state();
        self.layout(self.host.get_bounding_client_rect().width())
    }

    fn source_line(&self, o: &Options) -> String {
        let m = self.bundle.measure(o.measure);
        match self.bundle.sources.get(usize::from(m.source)) {
            Some(s) => format!(
                "{}: {}. {}",
                s.publisher, s.publication, self.bundle.attribution
            ),
            None => self.bundle.attribution.clone(),
        }
    }

    /// Rebuilds the layer when the year changes the set of live areas, and
    /// the colours always.
    fn rebuild_map_state(&mut self) {
        let Some(o) = &self.opts else { return };
        // Most measures are mapped on each year's areas; a series DWP re-based
        // to today's areas is mapped on those for every year.
        let map_year = self.bundle.map_year(o.measure, self.year);
        let live: Vec<AreaId> = self
            .bundle
            .areas_at(o.level)
            .filter(|&a| self.bundle.area(a).live_in(map_year))
            .collect();
        let key = (o.level, o.focus, live);
        let same = self.state.as_ref().is_some_and(|s| s.key == key);
        let layer = match self.state.take() {
            Some(s) if same => {
                let mut l = s.layer;
                l.year = self.year;
                l
            }
            _ => {
                let mut l = MapLayer::new(&self.bundle, o.level, map_year, o.focus);
                l.year = self.year;
                l
            }
        };
        let choro = Choropleth::new(&self.bundle, &layer, o.measure, o.palette, &o.classes);
        self.selection
            .retain(|a| self.bundle.area(a).level == o.level || o.highlight.contains(&a));
        self.state = Some(MapState { layer, key, choro });
        if !same {
            // New shapes: the paths must be rebuilt at the next layout.
            self.map_size = (0.0, 0.0);
        }
    }

    fn update_controls(&self) -> Result<(), JsValue> {
        let Some(o) = &self.opts else { return Ok(()) };
        let c = &self.controls;
        let n = self.years.len();
        c.slider.set_min("0");
        c.slider.set_max(&n.saturating_sub(1).to_string());
        let i = self.years.iter().position(|&y| y == self.year).unwrap_or(0);
        c.slider.set_value(&i.to_string());
        c.slider
            .set_attribute("aria-valuetext", &self.year.to_string())?;
        c.year_out.set_text_content(Some(&self.year.to_string()));
        c.year_group
            .set_hidden(!(o.view.has_map() || o.view == ViewKind::Table) || n < 2);
        c.play
            .set_text_content(Some(if self.playing { "Pause" } else { "Play" }));
        let base = self.base_year.unwrap_or_else(|| self.default_base());
        c.index_label.set_hidden(!o.view.has_trend());
        c.index.set_checked(self.base_year.is_some());
        if let Some(t) = c.index_label.last_child() {
            t.set_text_content(Some(&format!("Change since {base}")));
        }
        Ok(())
    }

    /// The base year index mode uses when the page set none: England's first.
    fn default_base(&self) -> u16 {
        let Some(o) = &self.opts else { return 0 };
        let m = o.measure;
        self.bundle
            .country()
            .and_then(|c| {
                self.years
                    .iter()
                    .copied()
                    .find(|&y| self.bundle.cell(m, c, y).value().is_some())
            })
            .or_else(|| self.years.first().copied())
            .unwrap_or(0)
    }

    /// Sizes every part to the element's width and paints it.
    pub fn layout(&mut self, width: f64) -> Result<(), JsValue> {
        let width = width.floor();
        if width < 1.0 {
            return Ok(()); // Hidden or not yet laid out: wait for the resize observer.
        }
        let Some(o) = &self.opts else { return Ok(()) };
        let view = o.view;
        let height = o.height;
        self.width = width;
        let wide = width >= WIDE && view == ViewKind::MapTrend;
        let map_w = if wide {
            (width * 0.5).min(640.0).floor()
        } else {
            width
        };
        let trend_w = if wide { width - map_w - GAP } else { width };
        let body = &self.els.body;
        body.class_list().toggle_with_force("wide", wide)?;
        body.class_list()
            .toggle_with_force("map-trend", view == ViewKind::MapTrend)?;
        body.style().set_property("--map-w", &css_px(map_w))?;
        self.els.map_part.set_hidden(!view.has_map());
        self.els.trend_part.set_hidden(!view.has_trend());
        self.els.table_part.set_hidden(view != ViewKind::Table);

        if let (true, Some(s)) = (view.has_map(), &self.state) {
            let h = height.unwrap_or_else(|| {
                preferred_height(s.layer.frame, map_w, MAP_PAD).min(MAP_MAX_HEIGHT)
            });
            let size = (map_w, h);
            let fit = Fit::new(s.layer.frame, map_w, h, MAP_PAD);
            let d = dpr();
            if size != self.map_size || fit != self.fit {
                self.map
                    .prepare(&s.layer, &fit, &self.bundle.geometry, size, d)?;
                self.map_size = size;
                self.fit = fit;
            }
        }
        self.trend_size = (
            trend_w,
            match view {
                ViewKind::Trend => (width * 0.5).clamp(260.0, 440.0),
                _ if wide => 300.0,
                _ => 260.0,
            },
        );
        self.paint_all()
    }

    /// Repaints every visible part from the current state.
    pub fn paint_all(&mut self) -> Result<(), JsValue> {
        self.render_text()?;
        self.paint_map()?;
        self.paint_overlay()?;
        self.paint_trend()?;
        self.render_table()
    }

    /// Title, summary, legend: what changes with the figures, not with a hover.
    fn render_text(&self) -> Result<(), JsValue> {
        let (Some(o), Some(s)) = (&self.opts, &self.state) else {
            return Ok(());
        };
        let b = &self.bundle;
        let m = o.measure;
        let title = match o.view {
            ViewKind::Trend => text::title_over_time(b, m),
            _ => text::title(b, m, self.year),
        };
        self.els.title.set_text_content(Some(&title));
        let active: Vec<AreaId> = s.layer.active().map(|a| a.id).collect();
        let summary = text::map_summary(
            b,
            m,
            self.year,
            o.level,
            &active,
            o.focus,
            self.selection.areas(),
        );
        self.map.base.set_attribute("aria-label", &summary)?;
        self.els.summary.set_text_content(Some(&summary));
        self.els.summary.set_hidden(!o.summary);

        let legend = &self.els.legend;
        legend.set_inner_html("");
        let doc = &self.doc;
        text_el(doc, "li", "legend-title", &self.legend_title(), legend)?;
        for e in s.choro.legend(b, m) {
            let li = el(doc, "li", "", Some(legend))?;
            let sw = el(
                doc,
                "span",
                if e.colour.is_some() {
                    "sw"
                } else {
                    "sw nodata"
                },
                Some(&li),
            )?;
            sw.set_attribute("aria-hidden", "true")?;
            if let Some(c) = e.colour {
                sw.style().set_property("background", &c.to_string())?;
            }
            text_el(doc, "span", "", &e.label, &li)?;
            let n = text_el(
                doc,
                "span",
                "n",
                &format!("({})", number(e.count as f64, 0)),
                &li,
            )?;
            n.set_attribute("aria-hidden", "true")?;
            let areas = if e.count == 1 { "area" } else { "areas" };
            text_el(doc, "span", "sr", &format!(", {} {areas}", e.count), &li)?;
            if let Some(why) = e.no_data {
                li.set_title(&format!("No data: {}", why.reason()));
                text_el(doc, "span", "sr", &format!(": {}", why.reason()), &li)?;
            }
        }
        self.render_keys()
    }

    /// The area's option id in the listbox.
    fn option_id(&self, id: AreaId) -> String {
        format!("ca{}-{}", self.uid, self.bundle.area(id).code)
    }

    /// What a keyboard or screen reader user is told about an area.
    fn area_words(&self, id: AreaId) -> String {
        let Some(o) = &self.opts else {
            return String::new();
        };
        let b = &self.bundle;
        let cell = b.cell(o.measure, id, self.year);
        let mut w = format!(
            "{}: {}",
            b.area(id).name,
            text::value_phrase(b, o.measure, &cell)
        );
        if self.selection.contains(id) {
            w += ", selected";
        }
        w
    }

    /// The listbox's options (one per area, by name) and the area picker.
    fn render_keys(&self) -> Result<(), JsValue> {
        let (Some(o), Some(s)) = (&self.opts, &self.state) else {
            return Ok(());
        };
        let b = &self.bundle;
        let doc = &self.doc;
        let keys = &self.els.keys;
        let what = match o.level {
            Level::Authority => "Local authorities",
            _ => "Regions",
        };
        keys.set_attribute(
            "aria-label",
            &format!("{what} on the map. Arrow keys move to the neighbouring area, Enter selects, type a name to jump to it."),
        )?;
        let order = nav::by_name(&s.layer, |i| b.area(s.layer.areas[i].id).name.clone());
        let ids: Vec<AreaId> = order.iter().map(|&i| s.layer.areas[i].id).collect();
        let rebuild = *self.keys_for.borrow() != ids;
        if rebuild {
            // A year that swaps a few authorities: drop the options of areas
            // gone and add those of areas new, keeping the rest as they are.
            let wanted: Vec<String> = ids.iter().map(|&id| self.option_id(id)).collect();
            let children = keys.children();
            for k in (0..children.length()).rev() {
                if let Some(c) = children.item(k) {
                    if !wanted.contains(&c.id()) {
                        c.remove();
                    }
                }
            }
            for (k, want) in wanted.iter().enumerate() {
                let here = keys.children().item(k as u32);
                if here.as_ref().is_some_and(|c| c.id() == *want) {
                    continue;
                }
                let opt = el(doc, "div", "", None)?;
                opt.set_id(want);
                opt.set_attribute("role", "option")?;
                keys.insert_before(&opt, here.as_ref().map(|c| c.as_ref()))?;
            }
        }
        let children = keys.children();
        for (k, &id) in ids.iter().enumerate() {
            let Some(opt) = children.item(k as u32) else {
                continue;
            };
            let words = self.area_words(id);
            let selected = if self.selection.contains(id) {
                "true"
            } else {
                "false"
            };
            // Written only when changed: a year's new figures touch just their options.
            if opt.text_content().as_deref() != Some(words.as_str()) {
                opt.set_text_content(Some(&words));
            }
            if opt.get_attribute("aria-selected").as_deref() != Some(selected) {
                opt.set_attribute("aria-selected", selected)?;
            }
        }
        match self
            .focused
            .filter(|f| s.layer.get(*f).is_some_and(|a| a.in_focus))
        {
            Some(f) => keys.set_attribute("aria-activedescendant", &self.option_id(f))?,
            None => keys.remove_attribute("aria-activedescendant")?,
        }

        // The picker: every area on the map, grouped by region at the authority level.
        let picker = &self.controls.picker;
        if rebuild {
            picker.set_inner_html("");
            let first = text_el(doc, "option", "", "Choose…", picker)?;
            first.set_attribute("value", "")?;
            let mut groups: Vec<(String, Vec<AreaId>)> = Vec::new();
            for &i in &order {
                let id = s.layer.areas[i].id;
                let group = match o.level {
                    Level::Authority => b
                        .area(id)
                        .region
                        .map(|r| b.area(r).name.clone())
                        .unwrap_or_default(),
                    _ => String::new(),
                };
                match groups.iter_mut().find(|(g, _)| *g == group) {
                    Some((_, v)) => v.push(id),
                    None => groups.push((group, vec![id])),
                }
            }
            crate::sort::sort_by(&mut groups, &mut |a, b| a.0.cmp(&b.0));
            for (group, ids) in groups {
                let parent: web_sys::Node = if group.is_empty() {
                    picker.clone().into()
                } else {
                    let g = el(doc, "optgroup", "", Some(picker))?;
                    g.set_attribute("label", &group)?;
                    g.into()
                };
                for id in ids {
                    let opt = text_el(doc, "option", "", &b.area(id).name, &parent)?;
                    opt.set_attribute("value", &b.area(id).code)?;
                }
            }
        }
        *self.keys_for.borrow_mut() = ids;
        self.controls
            .picker_label
            .set_hidden(!(o.view.has_map() || o.view.has_trend()));
        Ok(())
    }

    fn announce(&self, words: &str) {
        self.els.live.set_text_content(Some(words));
    }

    /// Moves keyboard focus to an area: ring, tooltip, listbox and announcement.
    fn focus_area(&mut self, id: AreaId) -> Result<(), JsValue> {
        self.focused = Some(id);
        self.els
            .keys
            .set_attribute("aria-activedescendant", &self.option_id(id))?;
        self.paint_overlay()?;
        if let Some(a) = self.state.as_ref().and_then(|s| s.layer.get(id)) {
            let p = self.fit.to_screen(a.anchor);
            self.show_tip(id, p[0], p[1])?;
        }
        self.announce(&self.area_words(id));
        Ok(())
    }

    /// The map gained or lost keyboard focus.
    pub fn map_focus(&mut self, on: bool) -> Result<(), JsValue> {
        self.map_has_focus = on;
        if !on {
            self.els.tip.set_hidden(true);
            return self.paint_overlay();
        }
        let Some(s) = &self.state else { return Ok(()) };
        let start = self
            .focused
            .filter(|f| s.layer.get(*f).is_some_and(|a| a.in_focus))
            .or_else(|| {
                self.selection
                    .areas()
                    .iter()
                    .chain(self.opts.iter().flat_map(|o| o.highlight.iter()))
                    .copied()
                    .find(|&a| s.layer.get(a).is_some_and(|x| x.in_focus))
            })
            .or_else(|| {
                let order = nav::by_name(&s.layer, |i| {
                    self.bundle.area(s.layer.areas[i].id).name.clone()
                });
                order.first().map(|&i| s.layer.areas[i].id)
            });
        match start {
            Some(id) => self.focus_area(id),
            None => Ok(()),
        }
    }

    /// A key pressed on the map. Returns whether it was used.
    pub fn map_key(&mut self, key: &str, modified: bool) -> Result<bool, JsValue> {
        let Some(s) = &self.state else {
            return Ok(false);
        };
        let layer = &s.layer;
        let cur = self
            .focused
            .and_then(|f| layer.areas.iter().position(|a| a.id == f));
        let name = |i: usize| self.bundle.area(layer.areas[i].id).name.clone();
        let order = nav::by_name(layer, name);
        let mut moved = None;
        let target = if let Some(dir) = Dir::from_key(key) {
            match (cur, self.last_move) {
                // The opposite arrow retraces the last step, so moves are reversible.
                (Some(_), Some((from, d))) if d.opposite() == dir => Some(from),
                (Some(c), _) => {
                    let next = nav::step(layer, &self.fit, c, dir);
                    moved = next.map(|_| (c, dir));
                    next.or(Some(c))
                }
                (None, _) => order.first().copied(),
            }
        } else {
            match key {
                "Home" => order.first().copied(),
                "End" => order.last().copied(),
                // A space within a typed name is part of it ("north e").
                " " if !self.typed.is_empty()
                    && js_sys::Date::now() - self.typed_at <= TYPE_AHEAD_MS =>
                {
                    self.typed_at = js_sys::Date::now();
                    self.typed.push(' ');
                    nav::find_by_prefix(&order, name, &self.typed, cur)
                }
                "Enter" | " " => {
                    if let Some(f) = self.focused {
                        self.toggle(f)?;
                        self.announce(&self.area_words(f));
                    }
                    return Ok(true);
                }
                "Escape" => {
                    self.els.tip.set_hidden(true);
                    self.hovered = None;
                    self.paint_overlay()?;
                    return Ok(true);
                }
                k if !modified && k.chars().count() == 1 && !k.starts_with(' ') => {
                    let now = js_sys::Date::now();
                    if now - self.typed_at > TYPE_AHEAD_MS {
                        self.typed.clear();
                    }
                    self.typed_at = now;
                    self.typed.push_str(k);
                    nav::find_by_prefix(&order, name, &self.typed, cur)
                }
                _ => return Ok(false),
            }
        };
        self.last_move = moved;
        if let Some(i) = target {
            let id = layer.areas[i].id;
            self.focus_area(id)?;
        }
        Ok(true)
    }

    /// The area picker chose `code`: select it and put keyboard focus there.
    pub fn pick(&mut self, code: &str) -> Result<(), JsValue> {
        let Some(id) = self.bundle.area_id(code) else {
            return Ok(());
        };
        if !self.selection.contains(id) {
            self.toggle(id)?;
        }
        self.focus_area(id)
    }

    /// The trend gained keyboard focus: start at the latest year, top line.
    pub fn trend_focus(&mut self, on: bool) -> Result<(), JsValue> {
        if !on {
            self.trend.clear_hover();
            self.hovered = None;
            return self.paint_overlay();
        }
        let Some((_, last)) = self.trend.years() else {
            return Ok(());
        };
        let cursor = self.trend_cursor.unwrap_or((last, 0));
        self.move_trend_cursor(cursor)
    }

    fn move_trend_cursor(&mut self, (year, line): (u16, usize)) -> Result<(), JsValue> {
        let lines = self.trend.labelled();
        let Some((first, last)) = self.trend.years() else {
            return Ok(());
        };
        if lines.is_empty() {
            return Ok(());
        }
        let year = year.clamp(first, last);
        let line = line.min(lines.len() - 1);
        self.trend_cursor = Some((year, line));
        let area = lines[line].0;
        self.trend.show_year(year, None)?;
        if self.hovered != Some(area) {
            self.hovered = Some(area);
            self.paint_overlay()?;
        }
        if let Some(words) = self.trend.value_text(area, year) {
            self.announce(&words);
        }
        Ok(())
    }

    /// A key pressed on the trend. Returns whether it was used.
    pub fn trend_key(&mut self, key: &str) -> Result<bool, JsValue> {
        let Some((first, last)) = self.trend.years() else {
            return Ok(false);
        };
        let (year, line) = self.trend_cursor.unwrap_or((last, 0));
        let next = match key {
            "ArrowLeft" => (year.saturating_sub(1).max(first), line),
            "ArrowRight" => ((year + 1).min(last), line),
            "ArrowUp" => (year, line.saturating_sub(1)),
            "ArrowDown" => (year, line + 1),
            "Home" => (first, line),
            "End" => (last, line),
            "Escape" => {
                self.trend.clear_hover();
                return Ok(true);
            }
            _ => return Ok(false),
        };
        self.move_trend_cursor(next)?;
        Ok(true)
    }

    fn legend_title(&self) -> String {
        let Some(o) = &self.opts else {
            return String::new();
        };
        let m = self.bundle.measure(o.measure);
        if m.categories.is_empty() {
            format!("{} ({})", m.short_label, m.unit)
        } else {
            m.short_label.clone()
        }
    }

    fn paint_map(&self) -> Result<(), JsValue> {
        let (Some(o), Some(s)) = (&self.opts, &self.state) else {
            return Ok(());
        };
        if !o.view.has_map() || self.map_size.0 < 1.0 {
            return Ok(());
        }
        self.map
            .paint_base(&s.layer, &s.choro, &self.fit, &self.theme)
    }

    /// Areas with a coloured line, and their colour slot.
    fn lines(&self) -> Vec<(AreaId, usize)> {
        let Some(o) = &self.opts else { return vec![] };
        trend_focus(&o.highlight, &self.selection, None)
            .into_iter()
            .enumerate()
            .map(|(i, a)| (a, i))
            .collect()
    }

    fn paint_overlay(&self) -> Result<(), JsValue> {
        let (Some(o), Some(s)) = (&self.opts, &self.state) else {
            return Ok(());
        };
        if !o.view.has_map() || self.map_size.0 < 1.0 {
            return Ok(());
        }
        self.map.paint_overlay(
            &s.layer,
            &self.theme,
            &self.lines(),
            self.hovered,
            self.focused.filter(|_| self.map_has_focus),
        )
    }

    /// The grey context lines: the other regions, or the focused region's authorities.
    fn context_areas(&self) -> Vec<AreaId> {
        let Some(o) = &self.opts else { return vec![] };
        let b = &self.bundle;
        match (o.level, o.focus) {
            (Level::Authority, Some(r)) => b
                .areas_at(Level::Authority)
                .filter(|&a| {
                    b.area(a).region == Some(r)
                        && b.area(a).live_in(b.map_year(o.measure, self.year))
                })
                .collect(),
            (Level::Authority, None) => vec![],
            _ => b.areas_at(Level::Region).collect(),
        }
    }

    fn trend_spec(&self) -> Option<trend::Spec> {
        let o = self.opts.as_ref()?;
        let focus = trend_focus(&o.highlight, &self.selection, self.hovered);
        let context = self.context_areas();
        let spec = trend::spec_for(
            &self.bundle,
            o.measure,
            &trend::Selection {
                focus: &focus,
                context: &context,
            },
        );
        Some(match self.base_year {
            Some(b) => spec.indexed(b),
            None => spec,
        })
    }

    fn trend_heading(&self, spec: &trend::Spec) -> String {
        let Some(o) = &self.opts else {
            return String::new();
        };
        let m = self.bundle.measure(o.measure);
        let named: Vec<&str> = spec
            .lines
            .iter()
            .filter(|l| l.role == trend::Role::Focus)
            .map(|l| l.label.as_str())
            .collect();
        let what = match spec.base_year {
            Some(b) => format!("{}: % change since {b}", m.short_label),
            None => format!("{} over time", m.short_label),
        };
        match (named.as_slice(), o.level) {
            ([], Level::Region) => format!("{what}: England and its regions"),
            ([], _) => format!("{what}: England"),
            (n, _) => format!("{what}: {} and England", n.join(", ")),
        }
    }

    fn paint_trend(&mut self) -> Result<(), JsValue> {
        let Some(o) = &self.opts else { return Ok(()) };
        if !o.view.has_trend() || self.trend_size.0 < 1.0 {
            return Ok(());
        }
        let Some(spec) = self.trend_spec() else {
            return Ok(());
        };
        self.els
            .trend_title
            .set_text_content(Some(&self.trend_heading(&spec)));
        self.trend.canvas.set_attribute(
            "aria-label",
            &text::trend_summary(&self.bundle, o.measure, &spec),
        )?;
        self.trend.paint(spec, self.trend_size, dpr(), &self.theme)
    }

    fn render_table(&self) -> Result<(), JsValue> {
        let (Some(o), Some(s)) = (&self.opts, &self.state) else {
            return Ok(());
        };
        if o.view != ViewKind::Table {
            return Ok(());
        }
        let areas: Vec<AreaId> = s.layer.active().map(|a| a.id).collect();
        table_view::render(
            &self.doc,
            &self.els.table_wrap,
            &self.bundle,
            o.measure,
            self.year,
            o.level,
            &areas,
            self.sort,
        )
    }

    fn show_tip(&self, id: AreaId, x: f64, y: f64) -> Result<(), JsValue> {
        let Some(o) = &self.opts else { return Ok(()) };
        let t = text::tooltip(&self.bundle, o.measure, id, self.year);
        let tip = &self.els.tip;
        // The tooltip's three lines are made once and refilled.
        if tip.child_element_count() != 3 {
            tip.set_inner_html("");
            el(&self.doc, "strong", "", Some(tip))?;
            el(&self.doc, "span", "v", Some(tip))?;
            el(&self.doc, "div", "d", Some(tip))?;
        }
        let kids = tip.children();
        for (i, text) in [&t.name, &t.value, &t.detail].into_iter().enumerate() {
            if let Some(k) = kids.item(i as u32) {
                if k.text_content().as_deref() != Some(text.as_str()) {
                    k.set_text_content(Some(text));
                }
            }
        }
        tip.set_hidden(false);
        // Beside the point, on the side with more room, anchored by the
        // corner nearest the point: no need to measure the tooltip, which
        // would force a layout on every pointer move.
        let st = tip.style();
        let (w, h) = self.map_size;
        if x < w / 2.0 {
            st.set_property("left", &css_px((x + 14.0).round()))?;
            st.remove_property("right")?;
        } else {
            st.set_property("right", &css_px((w - x + 14.0).round()))?;
            st.remove_property("left")?;
        }
        if y < h / 2.0 {
            st.set_property("top", &css_px((y + 14.0).round()))?;
            st.remove_property("bottom")?;
        } else {
            st.set_property("bottom", &css_px((h - y + 14.0).round()))?;
            st.remove_property("top")?;
        }
        Ok(())
    }

    /// Sets the hovered area, repainting only what shows it.
    fn set_hovered(&mut self, id: Option<AreaId>) -> Result<(), JsValue> {
        if id == self.hovered {
            return Ok(());
        }
        self.hovered = id;
        self.paint_overlay()?;
        self.schedule_trend()
    }

    /// The trend follows the hovered area once the pointer rests: the outline
    /// and tooltip answer at once, and sweeping across the map does not
    /// redraw the chart for every area passed over.
    fn schedule_trend(&mut self) -> Result<(), JsValue> {
        let (Some(f), Some(w)) = (&self.trend_tick, web_sys::window()) else {
            return self.paint_trend();
        };
        if let Some(id) = self.trend_timer.take() {
            w.clear_timeout_with_handle(id);
        }
        self.trend_timer =
            Some(w.set_timeout_with_callback_and_timeout_and_arguments_0(f, TREND_FOLLOW_MS)?);
        Ok(())
    }

    /// Called by the timer [`Widget::schedule_trend`] set.
    pub fn trend_due(&mut self) -> Result<(), JsValue> {
        self.trend_timer = None;
        self.paint_trend()
    }

    /// Gives the widget the function that calls [`Widget::trend_due`].
    pub fn set_trend_tick(&mut self, f: js_sys::Function) {
        self.trend_tick = Some(f);
    }

    /// Cancels a pending trend repaint (the widget is going away).
    pub fn cancel_timers(&mut self) {
        if let (Some(id), Some(w)) = (self.trend_timer.take(), web_sys::window()) {
            w.clear_timeout_with_handle(id);
        }
    }

    /// Pointer moved to (x, y) CSS px within the map.
    pub fn map_pointer(&mut self, x: f64, y: f64) -> Result<(), JsValue> {
        let Some(s) = &self.state else { return Ok(()) };
        let hit = s.layer.hit_screen(&self.fit, [x, y]);
        self.set_hovered(hit)?;
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
        self.trend.clear_hover();
        self.set_hovered(None)
    }

    fn emit_selection(&mut self) -> Result<(), JsValue> {
        let codes = js_sys::Array::new();
        for &a in self.selection.areas() {
            codes.push(&JsValue::from_str(&self.bundle.area(a).code));
        }
        let detail = js_sys::Object::new();
        js_sys::Reflect::set(&detail, &"codes".into(), &codes)?;
        let last = self
            .selection
            .areas()
            .last()
            .map(|&a| self.bundle.area(a).code.clone());
        js_sys::Reflect::set(
            &detail,
            &"code".into(),
            &last.map_or(JsValue::NULL, JsValue::from),
        )?;
        self.emit("care-atlas-select", &detail);
        Ok(())
    }

    /// Adds or removes an area from the selection.
    pub fn toggle(&mut self, id: AreaId) -> Result<(), JsValue> {
        self.selection.toggle(id);
        self.emit_selection()?;
        self.render_text()?;
        self.paint_overlay()?;
        self.paint_trend()
    }

    /// A click or tap on the map selects or deselects the area under it.
    pub fn map_click(&mut self, x: f64, y: f64) -> Result<(), JsValue> {
        let Some(s) = &self.state else { return Ok(()) };
        match s.layer.hit_screen(&self.fit, [x, y]) {
            Some(id) => {
                self.toggle(id)?;
                // On touch there is no hover: a tap also shows the tooltip.
                self.show_tip(id, x, y)
            }
            None => {
                self.els.tip.set_hidden(true);
                Ok(())
            }
        }
    }

    /// Pointer over the trend: read out the year, highlight the line's area.
    pub fn trend_pointer(&mut self, x: f64, y: f64) -> Result<(), JsValue> {
        let (_, near) = self.trend.hover(x, y)?;
        // Only repaint the map; the trend keeps its lines while read.
        if near != self.hovered {
            self.hovered = near;
            self.paint_overlay()?;
        }
        Ok(())
    }

    pub fn trend_click(&mut self, x: f64, y: f64) -> Result<(), JsValue> {
        let near = self.trend.scene().and_then(|s| s.line_near([x, y], 8.0));
        match near {
            Some(id) if self.bundle.area(id).level != Level::Country => {
                self.hovered = None;
                self.toggle(id)
            }
            _ => Ok(()),
        }
    }

    /// Moves to the year at `index` of the years with data.
    pub fn set_year_index(&mut self, index: usize) -> Result<bool, JsValue> {
        let Some(&y) = self.years.get(index) else {
            return Ok(false);
        };
        self.set_year(y)
    }

    /// Shows another year. Returns whether it has data.
    pub fn set_year(&mut self, year: u16) -> Result<bool, JsValue> {
        if !self.years.contains(&year) {
            return Ok(false);
        }
        if year == self.year {
            return Ok(true);
        }
        self.year = year;
        let before = self.state.as_ref().map(|s| s.key.clone());
        self.rebuild_map_state();
        if self.state.as_ref().map(|s| s.key.clone()) != before {
            self.layout(self.width)?;
        } else {
            self.render_text()?;
            self.paint_map()?;
            self.paint_overlay()?;
            self.render_table()?;
        }
        self.update_controls()?;
        self.els.tip.set_hidden(true);
        self.emit("care-atlas-yearchange", &JsValue::from(year));
        Ok(true)
    }

    /// The next year with data, for play; `false` at the last.
    pub fn step_year(&mut self) -> Result<bool, JsValue> {
        let i = self.years.iter().position(|&y| y == self.year).unwrap_or(0);
        if i + 1 >= self.years.len() {
            return Ok(false);
        }
        self.set_year_index(i + 1)
    }

    /// Play from the start when at the last year.
    pub fn rewind_if_at_end(&mut self) -> Result<(), JsValue> {
        if self.years.last() == Some(&self.year) {
            self.set_year_index(0)?;
        }
        Ok(())
    }

    pub fn set_playing(&mut self, on: bool) -> Result<(), JsValue> {
        self.playing = on;
        self.update_controls()
    }

    pub fn set_index_mode(&mut self, on: bool) -> Result<(), JsValue> {
        self.base_year = on.then(|| self.base_year.unwrap_or_else(|| self.default_base()));
        self.update_controls()?;
        self.trend.clear_hover();
        self.paint_trend()
    }

    pub fn sort_by(&mut self, column: Column) -> Result<(), JsValue> {
        self.sort = if self.sort.column == column {
            Sort {
                column,
                descending: !self.sort.descending,
            }
        } else {
            Sort {
                column,
                descending: column == Column::Value,
            }
        };
        self.render_table()
    }

    /// The theme or the page's colours changed: repaint with new colours.
    pub fn restyle(&mut self) -> Result<(), JsValue> {
        self.theme = theme::current(&self.host);
        self.paint_all()
    }

    /// Every figure shown, as CSV.
    pub fn csv(&self) -> Option<String> {
        let o = self.opts.as_ref()?;
        let s = self.state.as_ref()?;
        let mut figures: Vec<(AreaId, u16)> = Vec::new();
        if let Some(c) = self.bundle.country() {
            figures.push((c, self.year));
        }
        if o.view.has_map() || o.view == ViewKind::Table {
            figures.extend(s.layer.active().map(|a| (a.id, self.year)));
        }
        if o.view.has_trend() {
            if let Some(spec) = self.trend_spec() {
                for l in spec.lines.iter().filter(|l| l.role != trend::Role::Context) {
                    figures.extend((spec.first_year..=spec.last_year).map(|y| (l.area, y)));
                }
            }
        }
        Some(csv_export::csv(&self.bundle, o.measure, &figures))
    }

    fn file_name(&self, ext: &str) -> String {
        let Some(o) = &self.opts else {
            return format!("care-atlas.{ext}");
        };
        format!(
            "care-atlas-{}-{}.{ext}",
            slug(&self.bundle.measure(o.measure).id),
            self.year
        )
    }

    pub fn download_csv(&self) -> Result<(), JsValue> {
        let Some(csv) = self.csv() else { return Ok(()) };
        export::download_csv(&self.doc, &csv, &self.file_name("csv"))
    }

    pub fn download_png(&self) -> Result<(), JsValue> {
        let (Some(o), Some(s)) = (&self.opts, &self.state) else {
            return Ok(());
        };
        let legend: Vec<LegendEntry> = if o.view.has_map() {
            s.choro.legend(&self.bundle, o.measure)
        } else {
            vec![]
        };
        let title = match o.view {
            ViewKind::Trend => text::title_over_time(&self.bundle, o.measure),
            _ => text::title(&self.bundle, o.measure, self.year),
        };
        let heading = self
            .trend_spec()
            .map(|s| self.trend_heading(&s))
            .unwrap_or_default();
        let font = web_sys::window()
            .and_then(|w| w.get_computed_style(&self.host).ok().flatten())
            .and_then(|s| s.get_property_value("font-family").ok())
            .filter(|f| !f.is_empty())
            .unwrap_or_else(|| "sans-serif".into());
        let source = self.source_line(o);
        let legend_title = self.legend_title();
        let picture = Picture {
            title: &title,
            map: match (o.view.has_map(), &self.state) {
                (true, Some(s)) => Some((
                    &self.map.base,
                    self.map.outlines(&s.layer, &self.theme, &self.lines())?,
                )),
                _ => None,
            },
            legend: &legend,
            legend_title: &legend_title,
            trend: match (o.view.has_trend(), self.trend.scene()) {
                (true, Some(sc)) => Some((&self.trend.canvas, sc, heading.as_str())),
                _ => None,
            },
            source: &source,
            theme: &self.theme,
            font: &font,
        };
        export::download_png(&self.doc, &picture, &self.file_name("png"))
    }

    /// Where an area's anchor is, in viewport coordinates (for annotations and tests).
    pub fn area_point(&self, code: &str) -> Option<(f64, f64)> {
        let s = self.state.as_ref()?;
        let id = self.bundle.area_id(code)?;
        let a = s.layer.get(id)?;
        let p = self.fit.to_screen(a.anchor);
        let r = self.map.overlay.get_bounding_client_rect();
        Some((r.left() + p[0], r.top() + p[1]))
    }

    pub fn map_target(&self) -> &web_sys::Element {
        &self.map.overlay
    }

    pub fn trend_target(&self) -> &web_sys::HtmlCanvasElement {
        &self.trend.canvas
    }

    /// The map's and the trend's keyboard surfaces.
    pub fn key_targets(&self) -> (HtmlElement, HtmlElement) {
        (self.els.keys.clone(), self.els.trend_keys.clone())
    }

    pub fn table_target(&self) -> &HtmlElement {
        &self.els.table_wrap
    }

    pub fn year(&self) -> Option<u16> {
        self.opts.as_ref().map(|_| self.year)
    }

    pub fn selected_codes(&self) -> Vec<String> {
        self.selection
            .areas()
            .iter()
            .map(|&a| self.bundle.area(a).code.clone())
            .collect()
    }

    /// Replaces the selection with these codes; unknown codes are reported.
    pub fn select_codes(&mut self, codes: &[String]) -> Result<(), JsValue> {
        let mut ids = Vec::new();
        for c in codes {
            match self.bundle.area_id(c) {
                Some(id) => ids.push(id),
                None => return Err(JsValue::from_str(&format!("Unknown area code \"{c}\"."))),
            }
        }
        self.selection = Selection::new(&ids);
        self.emit_selection()?;
        self.render_text()?;
        self.paint_overlay()?;
        self.paint_trend()
    }

    pub fn ready_detail(&self) -> JsValue {
        let detail = js_sys::Object::new();
        if let Some(o) = &self.opts {
            let m = self.bundle.measure(o.measure);
            let _ = js_sys::Reflect::set(&detail, &"measure".into(), &m.id.as_str().into());
            let _ = js_sys::Reflect::set(&detail, &"year".into(), &self.year.into());
        }
        detail.into()
    }
}
