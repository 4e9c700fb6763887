//! One `<care-atlas>` element: the reader's state (a pure [`Reader`]), what
//! is derived from it to draw (the map's layer and classes, the layout), and
//! the painters. Browser events become [`Input`]s through [`Widget::input`];
//! the parts an input made stale are redrawn by [`Widget::flush`], once, in
//! a fixed order, at the end of that input. (Chromium delivers pointer moves
//! and resizes at most once per frame, so those flush at most once per frame.)

use super::api::to_js;
use super::chart_canvas::{ChartPainter, Scene as ChartScene};
use super::dom::{clear, set_attr, set_hidden, set_text, text_el};
use super::dom::{slug, Interval, Timeout};
use super::error::{console_error, report, Res, WebError};
use super::export::{self, Picture};
use super::keep_recent;
use super::map_canvas::MapPainter;
use super::picker::Picker;
use super::shell::Shell;
use super::table as table_view;
use super::theme;
use super::tooltip;
use super::trend_canvas::TrendPainter;
use super::{legend, media};
use crate::data::{AreaId, Bundle, Level, MeasureId, NeighbourGroup, ReadyDetail, SelectDetail};
use crate::scale::format::css_px;
use crate::scale::theme::Theme;
use crate::view::compare;
use crate::view::inset::{self, Inset, Plan};
use crate::view::layout::{layout, MAP_PAD};
use crate::view::map::{Choropleth, Fit, LegendEntry, MapLayer};
use crate::view::options::{OptionError, Options, ViewKind};
use crate::view::selection::trend_focus;
use crate::view::state::{Dirty, Effects, Emit, Input, MapCtx, Reader, Say, Tip, TrendCtx};
use crate::view::table::Column;
use crate::view::zoom::{self, Zoom};
use crate::view::{export as csv_export, text, trend};
use std::cell::RefCell;
use std::rc::{Rc, Weak};
use wasm_bindgen::prelude::*;
use web_sys::{CustomEvent, CustomEventInit, Document, HtmlElement, ShadowRoot};

/// The parts only the full engine has (see `super::engine`).
#[cfg(feature = "full")]
mod full;

/// How long the pointer rests on an area before the trend follows it.
const TREND_FOLLOW_MS: i32 = 90;

/// Years advance this often when playing; slower when the reader asks for
/// reduced motion, so each map can be read before the next.
const PLAY_MS: i32 = 1000;
const PLAY_MS_REDUCED: i32 = 2000;

pub type Shared = Rc<RefCell<Widget>>;

pub fn dpr() -> f64 {
    web_sys::window()
        .map_or(1.0, |w| w.device_pixel_ratio())
        .clamp(1.0, 4.0)
}

/// Dispatches queued events on the element, bubbling out of the shadow root.
fn dispatch(host: &HtmlElement, events: Vec<(&'static str, JsValue)>) {
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

/// Runs `f` on the widget, then dispatches the events it queued — after the
/// borrow ends, so a page's listener can call back into the element. A
/// widget already borrowed (a listener calling back in the middle of an
/// input) is an error, not a panic.
pub fn act<T>(widget: &Shared, f: impl FnOnce(&mut Widget) -> Res<T>) -> Res<T> {
    let (r, (host, events)) = {
        let mut w = widget.try_borrow_mut().map_err(|_| {
            WebError::Browser("the widget is busy: called from inside its own event".into())
        })?;
        let r = f(&mut w);
        (r, w.take_events())
    };
    dispatch(&host, events);
    r
}

thread_local! {
    static NEXT_UID: std::cell::Cell<u32> = const { std::cell::Cell::new(1) };
}

/// A number unique to each widget on the page, for ids inside its shadow root.
fn next_uid() -> u32 {
    NEXT_UID.with(|n| {
        let v = n.get();
        n.set(v.wrapping_add(1));
        v
    })
}

fn reduced_motion() -> bool {
    media("(prefers-reduced-motion: reduce)").is_some_and(|m| m.matches())
}

/// Which areas a map shows: its level, the region in focus and the areas
/// live in its year. Years with the same key share one layer and layout.
type SceneKey = (Level, Option<AreaId>, Vec<AreaId>);

/// What the map draws, rebuilt when the set of live areas changes.
struct MapState {
    layer: MapLayer,
    key: SceneKey,
    choro: Choropleth,
}

/// London's inset as placed for one set of areas in one box: placing it
/// scans every vertex of the map and searches for open space.
struct PlanMemo {
    key: SceneKey,
    size: (f64, f64),
    grow: bool,
    plan: Option<Plan>,
    labels: Vec<String>,
}

pub struct Widget {
    host: HtmlElement,
    doc: Document,
    /// The bundled dataset, with the page's own measure added when it brings one.
    bundle: Rc<Bundle>,
    /// The bundled dataset as compiled in, to add a page's figures to afresh.
    base: Rc<Bundle>,
    pub shell: Shell,
    picker: Picker,
    map: MapPainter,
    trend: TrendPainter,
    chart: ChartPainter,
    /// The bars or the scatter as last laid out.
    chart_scene: Option<ChartScene>,
    /// Their width, CSS px (0 when neither is shown).
    chart_width: f64,
    /// Prefix of the tabs' and listbox options' ids, unique per widget.
    uid: String,
    pub reader: Reader,
    scene: Option<MapState>,
    /// Layers of other sets of areas, built for earlier years.
    spare_layers: Vec<(SceneKey, MapLayer)>,
    plans: Vec<PlanMemo>,
    /// Every-year classes kept between year changes, for the bundle they
    /// came from (weak: a page's own figures replace the bundle).
    class_memo: (Weak<Bundle>, crate::view::map::ClassMemo),
    /// The map's fit as drawn (zoomed), and the whole map's.
    fit: Fit,
    base_fit: Fit,
    zoom: Zoom,
    /// The London inset on authority maps of England, and its tiles' words.
    inset: Option<Inset>,
    inset_labels: Vec<String>,
    /// A pointer dragging the zoomed map: its id and last position; and
    /// whether it moved (then its click selects nothing).
    drag: Option<(i32, f64, f64)>,
    dragged: bool,
    /// Two fingers pinching: their distance and centre.
    pinch: Option<(f64, [f64; 2])>,
    /// The element's width, CSS px, as last observed.
    width: f64,
    map_size: (f64, f64),
    trend_size: (f64, f64),
    theme: Theme,
    dirty: Dirty,
    outbox: Vec<(&'static str, JsValue)>,
    /// This widget, for the timers' callbacks (weak: they must not keep it alive).
    me: Weak<RefCell<Widget>>,
    trend_timer: Option<Timeout>,
    player: Option<Interval>,
    /// Bad attribute values the chart is drawn without, as last shown.
    ignored: Vec<OptionError>,
    /// The last pointer down was a finger.
    touch: bool,
    /// The measure whose pack is loading, if the widget waits for one.
    waiting_for: Option<String>,
    /// `settled()` promises to resolve when it has arrived (or failed).
    settle: Vec<js_sys::Function>,
    /// What the options show that only the full engine draws, when this is
    /// the core engine (see `super::engine`): the widget says it is loading.
    full_for: Option<&'static str>,
}

/// A widget removed while its pack loads still settles its `settled()` promises.
impl Drop for Widget {
    fn drop(&mut self) {
        self.settled();
    }
}

impl Widget {
    pub fn new(host: HtmlElement, root: &ShadowRoot, bundle: Rc<Bundle>) -> Res<Shared> {
        let doc = host
            .owner_document()
            .ok_or_else(|| WebError::Browser("the element has no document".into()))?;
        // Measured before the widget's parts exist, so that this forces a
        // layout of the page alone; the first frame lays the parts out once.
        // (A host whose width depends on its content, as a flex item, is
        // measured again by the resize observer once drawn.)
        let width = host.get_bounding_client_rect().width();
        let (shell, map, trend, chart) = Shell::build(&doc, root)?;
        // Read by `refresh` once the frame's `data-theme` is set; nothing is
        // painted before that.
        let theme = crate::scale::theme::LIGHT;
        let picker = Picker::new(shell.keys.clone(), shell.controls.picker.clone());
        let widget = Rc::new(RefCell::new(Widget {
            host,
            doc,
            base: bundle.clone(),
            bundle,
            shell,
            picker,
            map,
            trend,
            chart,
            chart_scene: None,
            chart_width: 0.0,
            uid: format!("ca{}", next_uid()),
            reader: Reader::default(),
            scene: None,
            spare_layers: Vec::new(),
            plans: Vec::new(),
            class_memo: Default::default(),
            fit: Fit {
                scale: 1.0,
                tx: 0.0,
                ty: 0.0,
            },
            base_fit: Fit {
                scale: 1.0,
                tx: 0.0,
                ty: 0.0,
            },
            zoom: Zoom::NONE,
            inset: None,
            inset_labels: Vec::new(),
            drag: None,
            dragged: false,
            pinch: None,
            width,
            map_size: (0.0, 0.0),
            trend_size: (0.0, 0.0),
            theme,
            dirty: Dirty::default(),
            outbox: Vec::new(),
            me: Weak::new(),
            trend_timer: None,
            player: None,
            ignored: Vec::new(),
            touch: false,
            waiting_for: None,
            settle: Vec::new(),
            full_for: None,
        }));
        widget.borrow_mut().me = Rc::downgrade(&widget);
        Ok(widget)
    }

    /// Queues an event for the page (see [`act`]).
    fn emit(&mut self, name: &'static str, detail: JsValue) {
        self.outbox.push((name, detail));
    }

    fn take_events(&mut self) -> (HtmlElement, Vec<(&'static str, JsValue)>) {
        (self.host.clone(), std::mem::take(&mut self.outbox))
    }

    /// Tells the console and the page.
    fn emit_error(&mut self, e: &WebError) {
        console_error(e.message());
        self.emit("care-atlas-error", e.detail());
    }

    /// A bad call from the page (a bad argument to `what`): said above the
    /// picture, in the console and in a `care-atlas-error`; the picture stays.
    pub fn notice(&mut self, what: &str, value: &str, message: &str) -> Res {
        let w = &self.shell.warnings;
        let p = super::dom::text_el(&self.doc, "p", "", message, w)?;
        p.set_attribute("role", "alert")?;
        w.set_hidden(false);
        self.emit_error(&WebError::Call {
            what: what.into(),
            value: value.into(),
            message: message.into(),
        });
        Ok(())
    }

    /// Lists the attributes whose bad values were ignored, above the
    /// picture; each newly bad one is also logged and fired as an error
    /// (once, not again on every later change of another attribute).
    fn show_notices(&mut self, problems: Vec<OptionError>) -> Res {
        let n = &self.shell.notices;
        super::dom::clear(n);
        n.set_hidden(problems.is_empty());
        if !problems.is_empty() {
            let intro = if problems.len() == 1 {
                "One setting of this chart was ignored:"
            } else {
                "Some settings of this chart were ignored:"
            };
            super::dom::text_el(&self.doc, "p", "", intro, n)?;
            let list = super::dom::el(&self.doc, "ul", "", Some(n))?;
            for p in &problems {
                super::dom::text_el(&self.doc, "li", "", &p.message, &list)?;
            }
        }
        let old = std::mem::take(&mut self.ignored);
        for p in &problems {
            if !old
                .iter()
                .any(|o| o.attribute == p.attribute && o.value == p.value)
            {
                self.emit_error(&WebError::Attribute(p.clone()));
            }
        }
        self.ignored = problems;
        Ok(())
    }

    pub fn is_ok(&self) -> bool {
        self.reader.opts.is_some()
    }

    /// The options ask for what only the full engine draws.
    pub fn needs_full(&self) -> bool {
        self.full_for.is_some()
    }

    /// The core engine meets options only the full engine draws: it says
    /// so in place of the picture and asks the entry to move the element
    /// onto the full engine (the reader's year and selection go along).
    #[cfg(not(feature = "full"))]
    fn wait_for_full(&mut self, what: &'static str, opts: Options) -> Res {
        self.shell
            .frame
            .set_attribute("data-theme", opts.theme.keyword())?;
        self.shell
            .show_loading("Loading", &format!("Loading {what}\u{2026}"));
        // The reader takes the options up as the full engine will (a year or
        // selection the page set with them included), so that what the entry
        // carries over is what the reader would see; nothing is drawn.
        drop(self.configure(opts));
        self.scene = None;
        self.dirty = Dirty::default();
        if self.full_for.replace(what).is_none() {
            super::engine::ask(&self.host)?;
        }
        Ok(())
    }

    /// The reader takes up new options, keeping its year and selection where
    /// they still make sense.
    fn configure(&mut self, opts: Options) -> Effects {
        let bundle = self.bundle.clone();
        self.reader.apply(Input::Configure {
            opts,
            years: &|o, v| o.years_for(&bundle, v),
            level_of: &|a| bundle.area(a).level,
        })
    }

    /// Re-reads the attributes; the reader's year and selection stay where
    /// they still make sense (see [`Reader`]).
    pub fn refresh(&mut self) -> Res {
        self.stop_play()?;
        self.catch_up();
        let host = self.host.clone();
        let parsed = Options::read(&self.bundle, |name| host.get_attribute(name));
        #[cfg(not(feature = "full"))]
        {
            let full = parsed.as_ref().ok().and_then(|(o, _)| o.full_engine_for());
            if let Some(what) = full {
                // The options move on, not cloned: a clone of them is a big function.
                if let Ok((opts, _)) = parsed {
                    return self.wait_for_full(what, opts);
                }
            }
            // The page took back what needed the full engine.
            self.full_for = None;
        }
        if let Ok((opts, _)) = &parsed {
            // The measure, and the scatter's two when it can be shown: each
            // pack is waited for in turn (the refresh after one comes back here).
            let scatter = opts.view == ViewKind::Scatter || opts.tabs.contains(&ViewKind::Scatter);
            let needed = [opts.measure, opts.x, opts.y];
            let needed = if scatter { &needed[..] } else { &needed[..1] };
            if let Some(&m) = needed.iter().find(|&&m| !self.bundle.is_loaded(m)) {
                // In the page's theme while it waits, as when drawn.
                self.shell
                    .frame
                    .set_attribute("data-theme", opts.theme.keyword())?;
                return self.wait_for_pack(m);
            }
        }
        self.waiting_for = None;
        self.settled();
        match parsed {
            Err(e) => {
                self.show_notices(Vec::new())?;
                let e = WebError::Attribute(e);
                self.shell.show_message(e.message());
                self.emit_error(&e);
                self.reader.apply(Input::Unusable);
                self.scene = None;
                self.dirty = Dirty::default();
                Ok(())
            }
            Ok((opts, problems)) => {
                self.show_notices(problems)?;
                self.shell.hide_message();
                self.shell
                    .frame
                    .set_attribute("data-theme", opts.theme.keyword())?;
                self.shell
                    .source
                    .set_text_content(Some(&self.source_line(&opts)));
                self.theme = theme::current(&self.shell.probes);
                if self.width < 1.0 {
                    // Hidden when made: measured now, else the resize
                    // observer keeps the width (reading it here would force
                    // a layout of the whole widget in the middle of a change).
                    self.width = self.host.get_bounding_client_rect().width();
                }
                let fx = self.configure(opts);
                self.effects(fx)?;
                Ok(())
            }
        }
    }

    /// Takes up packs loaded since (by this widget, another, or the query
    /// API): the shared bundle, and this widget's copy with the page's figures.
    fn catch_up(&mut self) {
        let Ok(shared) = super::bundle() else { return };
        if Rc::ptr_eq(&shared, &self.base) {
            return;
        }
        // Only the full engine gives a widget its own copy (`setData`): the
        // core's test says so, and its module drops the copying code.
        self.bundle = if !cfg!(feature = "full") || Rc::ptr_eq(&self.bundle, &self.base) {
            shared.clone()
        } else {
            let mut own = (*self.bundle).clone();
            own.adopt_packs(&shared);
            Rc::new(own)
        };
        self.base = shared;
    }

    /// The measure's values are in a pack not yet here: say so in place of
    /// the picture, fetch it (shared with every widget on the page), and
    /// read the options again when it has come.
    fn wait_for_pack(&mut self, m: MeasureId) -> Res {
        let b = self.bundle.clone();
        let id = b.measure(m).id.clone();
        self.shell
            .show_loading(&b.measure(m).label, &super::packs::loading_words(&b, m));
        // The reader's state stays as it was (its year and selection carry
        // over to the new measure); nothing is drawn until the pack comes.
        self.scene = None;
        self.dirty = Dirty::default();
        if self.waiting_for.as_deref() == Some(id.as_str()) {
            return Ok(()); // Already asked for.
        }
        self.waiting_for = Some(id.clone());
        let me = self.me.clone();
        let asked = id.clone();
        super::packs::ensure(
            &id,
            Box::new(move |r| {
                if let Some(w) = me.upgrade() {
                    report(act(&w, |w| w.pack_arrived(&asked, r)));
                }
            }),
        );
        Ok(())
    }

    /// The pack this widget waited for has come, or could not.
    fn pack_arrived(&mut self, measure: &str, r: Result<(), String>) -> Res {
        if self.waiting_for.as_deref() != Some(measure) {
            return Ok(()); // The page asked for another measure meanwhile.
        }
        self.waiting_for = None;
        let r = match r {
            Ok(()) => self.refresh(),
            Err(why) => {
                let message = match self.bundle.measure_id(measure) {
                    Some(m) => super::packs::failure_words(&self.bundle, m, &why),
                    None => why,
                };
                let e = WebError::Pack {
                    measure: measure.into(),
                    message,
                };
                self.shell.show_message(e.message());
                self.emit_error(&e);
                Ok(())
            }
        };
        self.settled();
        r
    }

    /// `settled()`: resolves now, or once the pack waited for has come.
    pub fn when_settled(&mut self, resolve: js_sys::Function) {
        self.settle.push(resolve);
        if self.waiting_for.is_none() {
            self.settled();
        }
    }

    fn settled(&mut self) {
        for f in self.settle.drain(..) {
            let _ = f.call0(&JsValue::NULL);
        }
    }

    fn source_line(&self, o: &Options) -> String {
        text::source_line(&self.bundle, o.measure)
    }

    /// The source line of the view shown: the scatter's names both measures' publishers.
    fn source_for_view(&self, o: &Options) -> String {
        if self.reader.view != ViewKind::Scatter {
            return self.source_line(o);
        }
        let mut list: Vec<String> = Vec::new();
        for m in [o.x, o.y] {
            if let Some(s) = self
                .bundle
                .sources
                .get(usize::from(self.bundle.measure(m).source))
            {
                let t = format!("{}: {}.", s.publisher, s.publication);
                if !list.contains(&t) {
                    list.push(t);
                }
            }
        }
        list.push(self.bundle.attribution.clone());
        list.join(" ")
    }

    /// Applies an input to the reader's state and shows its effects.
    /// Returns whether the input was used.
    pub fn input(&mut self, input: Input) -> Res<bool> {
        let fx = self.reader.apply(input);
        self.effects(fx)
    }

    /// What an input asked for: tooltip, announcement, events at once; the
    /// rest marked stale and flushed.
    fn effects(&mut self, fx: Effects) -> Res<bool> {
        self.dirty.merge(fx.dirty);
        let chart = self.reader.view.has_chart();
        // A pointer moved over the map: only the outline changes, so the
        // tooltip is placed first, while it alone must be laid out for its
        // size to be read; the new outline is then laid out once, in the
        // frame, rather than also here (issue 13).
        let d = &self.dirty;
        let tip_first = !chart
            && matches!(fx.tip, Tip::At { .. })
            && !(d.layout || d.text || d.keys || d.map || d.trend || d.table)
            && !(d.year_mark || d.controls);
        if let (true, &Tip::At { area, x, y }) = (tip_first, &fx.tip) {
            self.show_tip(area, (x, y))?;
        }
        // Otherwise the scene first: a new year may change the shapes the tooltip sits on.
        self.flush()?;
        match fx.tip {
            Tip::Keep => {}
            Tip::At { .. } if tip_first => {}
            Tip::Hide => {
                set_hidden(&self.shell.tip, true);
                set_hidden(&self.shell.chart_tip, true);
            }
            Tip::At { area, x, y } if chart => self.show_chart_tip(area, Some((x, y)))?,
            Tip::Anchor(area) if chart => self.show_chart_tip(area, None)?,
            Tip::At { area, x, y } => self.show_tip(area, (x, y))?,
            Tip::Anchor(area) => {
                if let Some(p) = self.point_of(area) {
                    // Zoomed in, the map follows keyboard focus to areas off screen.
                    let z = self.zoom.reveal(self.zoom.to_base(p), self.map_size);
                    if z != self.zoom {
                        self.set_zoom(z)?;
                    }
                    if let Some(p) = self.point_of(area) {
                        self.show_tip(area, (p[0], p[1]))?;
                    }
                }
            }
        }
        if fx.trend_clear {
            self.trend.clear_hover();
        }
        if fx.trend_cursor {
            if let Some((year, _)) = self.reader.trend_cursor {
                self.trend.show_year(year, None)?;
            }
        }
        if let (Some(say), Some(o)) = (&fx.say, &self.reader.opts) {
            let words = match *say {
                Say::Area(a) if chart => self.chart_words(a).map(|w| {
                    let sel = if self.reader.selection.contains(a) {
                        ", selected"
                    } else {
                        ""
                    };
                    format!("{}: {}, {}{sel}", w[0], w[1], w[2].trim_end_matches('.'))
                }),
                Say::Area(a) => Some(text::area_words(
                    &self.bundle,
                    o.measure,
                    a,
                    self.reader.year,
                    self.reader.selection.contains(a),
                )),
                Say::TrendValue { area, year } => self.trend.value_text(area, year),
            };
            if let Some(w) = words {
                self.shell.announce(&w);
            }
        }
        if fx.focus_tab {
            let id = format!("{}-tab-{}", self.uid, self.reader.view.keyword());
            if let Some(t) = self.shell.tabs.query_selector(&format!("[id=\"{id}\"]"))? {
                if let Some(h) = t.dyn_ref::<HtmlElement>() {
                    h.focus()?;
                }
            }
        }
        for e in fx.emit {
            match e {
                Emit::YearChanged(y) => self.emit("care-atlas-yearchange", JsValue::from(y)),
                Emit::SelectionChanged => {
                    let detail = self.selection_detail();
                    self.emit("care-atlas-select", detail);
                }
            }
        }
        Ok(fx.used)
    }

    /// Redraws what is stale, in order: layout, map, text, keys, overlay,
    /// trend, table, controls.
    fn flush(&mut self) -> Res {
        if self.reader.opts.is_none() || self.waiting_for.is_some() || self.full_for.is_some() {
            self.dirty = Dirty::default();
            return Ok(());
        }
        let d = std::mem::take(&mut self.dirty);
        let mut d = d;
        if d.layout || d.map || d.text || d.keys || d.table {
            d.layout |= self.derive_scene();
        }
        if d.layout {
            if !self.lay_out()? {
                // No width yet: the resize observer will bring one.
                return Ok(());
            }
            d.merge(Dirty::ALL);
        }
        // The map before any text: its canvas text (the London inset's) sets
        // the canvas font, which makes the browser bring the page's style up
        // to date first; before the text changes below that costs nothing.
        if d.map {
            self.paint_map()?;
        }
        if d.text {
            self.render_text()?;
        }
        if d.keys {
            self.render_keys()?;
        }
        if d.overlay {
            self.paint_overlay()?;
        }
        if d.trend {
            self.trend_timer = None;
            self.paint_trend()?;
        } else {
            if d.trend_soon {
                self.schedule_trend()?;
            }
            if d.year_mark {
                self.mark_trend_year()?;
            }
        }
        if d.table {
            self.render_table()?;
        }
        if d.layout || d.text || d.map || d.trend {
            self.derive_chart()?;
        }
        if d.layout || d.text || d.map || d.trend || d.overlay {
            self.paint_chart()?;
        }
        if d.controls {
            self.update_controls()?;
        }
        Ok(())
    }

    /// Brings the map's layer and classes up to the reader's year and
    /// options. Returns whether the shapes changed (a new layout is needed).
    fn derive_scene(&mut self) -> bool {
        let Some(o) = &self.reader.opts else {
            self.scene = None;
            return false;
        };
        let year = self.reader.year;
        // Most measures are mapped on each year's areas; a series DWP re-based
        // to today's areas is mapped on those for every year.
        let map_year = self.bundle.map_year(o.measure, year);
        let mut live: Vec<AreaId> = Vec::new();
        for a in self.bundle.areas_at(o.level) {
            if self.bundle.area(a).live_in(map_year) {
                live.push(a);
            }
        }
        let key = (o.level, o.focus, live);
        let same = self.scene.as_ref().is_some_and(|s| s.key == key);
        let mut layer = match self.scene.take() {
            Some(s) if same => s.layer,
            old => {
                if let Some(s) = old {
                    keep_recent(&mut self.spare_layers, (s.key, s.layer));
                }
                match self.spare_layers.iter().position(|(k, _)| *k == key) {
                    Some(i) => self.spare_layers.swap_remove(i).1,
                    None => MapLayer::new(&self.bundle, o.level, map_year, o.focus),
                }
            }
        };
        layer.year = year;
        if !self.class_memo.0.ptr_eq(&Rc::downgrade(&self.bundle)) {
            self.class_memo = (Rc::downgrade(&self.bundle), Default::default());
        }
        let choro = Choropleth::remembering(
            &self.bundle,
            &layer,
            o.measure,
            o.palette,
            &o.classes,
            &mut self.class_memo.1,
        );
        self.scene = Some(MapState { layer, key, choro });
        !same
    }

    /// Sizes every part to the element's width. Returns `false` while the
    /// element has no width.
    fn lay_out(&mut self) -> Res<bool> {
        let (Some(o), Some(s)) = (&self.reader.opts, &self.scene) else {
            return Ok(false);
        };
        let view = self.reader.view;
        let Some(l) = layout(self.width, view, s.layer.frame, o.height) else {
            return Ok(false);
        };
        let body = &self.shell.body;
        body.class_list().toggle_with_force("wide", l.wide)?;
        body.class_list()
            .toggle_with_force("map-trend", view == ViewKind::MapTrend)?;
        let map_w = l.map.map_or(l.width, |m| m.0);
        body.style().set_property("--map-w", &css_px(map_w))?;
        self.shell.map_part.set_hidden(l.map.is_none());
        self.shell.trend_part.set_hidden(l.trend.is_none());
        self.shell.table_part.set_hidden(!l.table);
        self.shell.chart_part.set_hidden(l.chart.is_none());
        self.chart_width = l.chart.map_or(0.0, |c| c.0);
        self.render_tabs()?;
        self.shell
            .source
            .set_text_content(Some(&self.source_for_view(o)));
        if let Some(size) = l.map {
            let fit = Fit::new(s.layer.frame, size.0, size.1, MAP_PAD);
            // London's inset: over open space, or in a band below a narrow map.
            let grow = o.height.is_none();
            let memo = |m: &PlanMemo| m.key == s.key && m.size == size && m.grow == grow;
            let at = match self.plans.iter().position(memo) {
                Some(i) => i,
                None => {
                    let boroughs = inset::boroughs(&self.bundle, &s.layer);
                    let grid = inset::grid(&s.layer, &boroughs);
                    let plan = inset::plan(
                        &s.layer,
                        &grid,
                        &fit,
                        size,
                        grow,
                        crate::view::layout::zoom_controls(size.0),
                    );
                    let labels = plan.as_ref().map_or_else(Vec::new, |p| {
                        let cells = &p.inset.grid.cells;
                        let mut names = Vec::with_capacity(cells.len());
                        for c in cells {
                            names.push(self.bundle.area(s.layer.areas[c.0].id).name.clone());
                        }
                        inset::abbreviations(&names)
                    });
                    let key = s.key.clone();
                    keep_recent(
                        &mut self.plans,
                        PlanMemo {
                            key,
                            size,
                            grow,
                            plan,
                            labels,
                        },
                    );
                    self.plans.len() - 1
                }
            };
            let m = &self.plans[at];
            let plan = m.plan.clone();
            let (fit, size) = plan.as_ref().map_or((fit, size), |p| (p.fit, p.size));
            self.inset_labels.clone_from(&m.labels);
            self.inset = plan.map(|p| p.inset);
            self.map.font = self.font();
            self.map_size = size;
            self.base_fit = fit;
            // A new layout shows the whole map again.
            self.zoom = Zoom::NONE;
            self.fit = fit;
            self.map.prepare(
                &s.layer,
                &fit,
                &self.bundle.geometry,
                size,
                dpr(),
                self.inset.as_ref(),
            )?;
            self.update_zoom_controls()?;
        }
        self.trend_size = l.trend.unwrap_or((0.0, 0.0));
        Ok(true)
    }

    /// The element's width changed.
    pub fn resize(&mut self, width: f64) -> Res {
        if (self.width.floor() - width.floor()).abs() < 0.5 {
            return Ok(()); // The observer's first call, and other no-op sizes.
        }
        self.width = width;
        self.dirty.layout = true;
        self.flush()
    }

    /// The theme or the page's colours changed: repaint with new colours.
    pub fn restyle(&mut self) -> Res {
        self.theme = theme::current(&self.shell.probes);
        self.dirty.merge(Dirty {
            map: true,
            overlay: true,
            trend: true,
            ..Dirty::default()
        });
        self.flush()
    }

    fn legend_title(&self) -> String {
        let Some(o) = &self.reader.opts else {
            return String::new();
        };
        let m = self.bundle.measure(o.measure);
        let centred = self
            .scene
            .as_ref()
            .is_some_and(|s| s.choro.england.is_some());
        let england = self
            .bundle
            .country()
            .map(|c| self.bundle.cell(o.measure, c, self.reader.year));
        if let (true, Some(cell)) = (centred, england) {
            format!(
                "{} compared with England ({} in {})",
                m.short_label,
                text::value_phrase(&self.bundle, o.measure, &cell),
                self.reader.year
            )
        } else if m.categories.is_empty() {
            format!("{} ({})", m.short_label, m.unit)
        } else {
            m.short_label.clone()
        }
    }

    fn title(&self, o: &Options) -> String {
        match self.reader.view {
            ViewKind::Trend => text::title_over_time(&self.bundle, o.measure),
            ViewKind::Scatter => {
                let (x, y) = (self.bundle.measure(o.x), self.bundle.measure(o.y));
                format!(
                    "{} against {}, {}",
                    y.label,
                    crate::scale::format::mid_sentence(&x.label),
                    self.reader.year
                )
            }
            _ => text::title(&self.bundle, o.measure, self.reader.year),
        }
    }

    /// Title, summary, legend: what changes with the figures, not with a hover.
    fn render_text(&self) -> Res {
        let (Some(o), Some(s)) = (&self.reader.opts, &self.scene) else {
            return Ok(());
        };
        let b = &self.bundle;
        self.shell.title.set_text_content(Some(&self.title(o)));
        let active = s.layer.active_ids();
        let summary = text::map_summary(
            b,
            o.measure,
            self.reader.year,
            o.level,
            &active,
            o.focus,
            self.reader.selection.areas(),
        );
        let summary = match self.compare_words() {
            Some(w) => format!("{summary} {w}"),
            None => summary,
        };
        self.render_neighbours()?;
        set_attr(&self.map.base, "aria-label", &summary)?;
        set_text(&self.shell.summary, &summary);
        set_hidden(&self.shell.summary, !o.summary);
        legend::render(
            &self.doc,
            &self.shell.legend,
            &self.legend_title(),
            &s.choro.legend(b, o.measure),
        )
    }

    fn render_keys(&mut self) -> Res {
        let (Some(_), Some(s)) = (&self.reader.opts, &self.scene) else {
            return Ok(());
        };
        self.picker
            .render(&self.doc, &self.bundle, &s.layer, &self.reader)?;
        set_hidden(
            &self.shell.controls.picker_label,
            !(self.reader.view.has_map() || self.reader.view.has_trend()),
        );
        Ok(())
    }

    /// The measure picker: its groups are built once per bundle (a page's
    /// own figures add a group), then only its value follows the measure.
    fn update_measure_picker(&self, show: bool, measure: crate::data::MeasureId) -> Res {
        let c = &self.shell.controls;
        set_hidden(&c.measure_label, !show);
        if !show {
            return Ok(());
        }
        let b = &self.bundle;
        if c.measure.length() as usize != b.measures.len() {
            super::dom::clear(&c.measure);
            for (family, ids) in crate::view::measures::groups(b) {
                let group = self.doc.create_element("optgroup")?;
                group.set_attribute("label", family)?;
                for id in ids {
                    let m = b.measure(id);
                    let opt = super::dom::text_el(&self.doc, "option", "", &m.label, &group)?;
                    opt.set_attribute("value", &m.id)?;
                }
                c.measure.append_child(&group)?;
            }
        }
        c.measure.set_value(&b.measure(measure).id);
        Ok(())
    }

    /// The reader chose a measure in the picker: it goes through the
    /// `measure` attribute, exactly as a page setting it would.
    pub fn choose_measure(&mut self, id: &str) -> Res {
        self.host.set_attribute("measure", id)?;
        Ok(())
    }

    fn update_controls(&self) -> Res {
        let Some(o) = &self.reader.opts else {
            return Ok(());
        };
        self.update_measure_picker(o.picker, o.measure)?;
        let r = &self.reader;
        let c = &self.shell.controls;
        let n = r.years.len();
        set_attr(&c.slider, "min", "0")?;
        set_attr(&c.slider, "max", &n.saturating_sub(1).to_string())?;
        let i = r.years.iter().position(|&y| y == r.year).unwrap_or(0);
        let i = i.to_string();
        if c.slider.value() != i {
            c.slider.set_value(&i);
        }
        let year = r.year.to_string();
        set_attr(&c.slider, "aria-valuetext", &year)?;
        set_text(&c.year_out, &year);
        set_hidden(
            &c.year_group,
            !(r.view.has_map() || r.view.has_chart() || r.view == ViewKind::Table) || n < 2,
        );
        set_text(&c.play, if r.playing { "Pause" } else { "Play" });
        let base = r.base_year.unwrap_or_else(|| self.default_base());
        set_hidden(&c.index_label, !r.view.has_trend());
        if c.index.checked() != r.base_year.is_some() {
            c.index.set_checked(r.base_year.is_some());
        }
        if let Some(t) = c.index_label.last_child() {
            set_text(&t, &format!("Change since {base}"));
        }
        Ok(())
    }

    /// The base year index mode uses when the page set none: England's first.
    fn default_base(&self) -> u16 {
        let Some(o) = &self.reader.opts else { return 0 };
        let years = &self.reader.years;
        if let Some(c) = self.bundle.country() {
            for &y in years {
                if self.bundle.cell(o.measure, c, y).value().is_some() {
                    return y;
                }
            }
        }
        years.first().copied().unwrap_or(0)
    }

    fn paint_map(&self) -> Res {
        let (Some(_), Some(s)) = (&self.reader.opts, &self.scene) else {
            return Ok(());
        };
        if !self.reader.view.has_map() || self.map_size.0 < 1.0 {
            return Ok(());
        }
        Ok(self.map.paint_base(
            &s.layer,
            &s.choro,
            &self.fit,
            &self.theme,
            &self.inset_labels,
        )?)
    }

    /// Areas with a coloured line, and their colour slot.
    fn lines(&self) -> Vec<(AreaId, usize)> {
        let Some(o) = &self.reader.opts else {
            return vec![];
        };
        let mut out = Vec::new();
        for (i, a) in trend_focus(&o.highlight, &self.reader.selection, None)
            .into_iter()
            .enumerate()
        {
            out.push((a, i));
        }
        out
    }

    fn paint_overlay(&self) -> Res {
        let (Some(_), Some(s)) = (&self.reader.opts, &self.scene) else {
            return Ok(());
        };
        if !self.reader.view.has_map() || self.map_size.0 < 1.0 {
            return Ok(());
        }
        let r = &self.reader;
        Ok(self.map.paint_overlay(
            &s.layer,
            &self.theme,
            &self.lines(),
            &self.neighbour_areas(),
            r.hovered,
            r.focused.filter(|_| r.map_has_focus),
        )?)
    }

    /// With `compare="neighbours"`: the authority compared and its list in
    /// the chosen model (its own, or its stand-in's).
    #[cfg(not(feature = "full"))]
    #[inline(always)]
    fn neighbour_group(&self) -> Option<(AreaId, NeighbourGroup<'_>)> {
        None
    }

    /// The neighbours as the map draws them this year (a neighbour that no
    /// longer exists has no shape to outline; the list says so).
    fn neighbour_areas(&self) -> Vec<AreaId> {
        let (Some(o), Some((_, g))) = (&self.reader.opts, self.neighbour_group()) else {
            return vec![];
        };
        g.neighbours
            .iter()
            .filter_map(|n| {
                compare::neighbour_area(&self.bundle, o.measure, n.area, self.reader.year)
            })
            .collect()
    }

    /// What the summary adds for `compare="neighbours"` (the full engine's).
    #[cfg(not(feature = "full"))]
    fn compare_words(&self) -> Option<String> {
        None
    }

    /// The neighbours as a list of buttons: Tab reaches each, Enter selects
    /// it (its line joins the trend) and puts the map's focus on it.
    fn render_neighbours(&self) -> Res {
        let part = &self.shell.neighbours;
        super::dom::clear(part);
        let (Some(o), Some((subject, g))) = (&self.reader.opts, self.neighbour_group()) else {
            set_hidden(part, true);
            return Ok(());
        };
        set_hidden(part, false);
        let (b, doc, year) = (&self.bundle, &self.doc, self.reader.year);
        let heading = format!(
            "{}'s statistical neighbours, {} ({})",
            b.area(subject).name,
            o.neighbour_model.name(),
            o.neighbour_stat.keyword()
        );
        super::dom::text_el(doc, "p", "neighbours-title", &heading, part)?;
        let list = super::dom::el(doc, "ul", "", Some(part))?;
        list.set_attribute("aria-label", &heading)?;
        for n in g.neighbours {
            let li = super::dom::el(doc, "li", "", Some(&list))?;
            let on_map = compare::neighbour_area(b, o.measure, n.area, year);
            let cell = on_map.map_or(
                crate::data::Cell::Missing(crate::data::Missing::NotLive),
                |a| b.cell(o.measure, a, year),
            );
            let words = format!(
                "{} ({}): {}",
                b.area(n.area).name,
                n.closeness.words(),
                text::value_phrase(b, o.measure, &cell)
            );
            match on_map {
                Some(a) => {
                    let btn = super::dom::text_el(doc, "button", "", &words, &li)?;
                    btn.set_attribute("type", "button")?;
                    btn.set_attribute("data-code", &b.area(a).code)?;
                    let pressed = self.reader.selection.contains(a);
                    btn.set_attribute("aria-pressed", if pressed { "true" } else { "false" })?;
                }
                None => {
                    li.set_text_content(Some(&words));
                }
            }
        }
        Ok(())
    }

    /// The grey context lines: the other regions, or the focused region's authorities.
    fn context_areas(&self) -> Vec<AreaId> {
        let Some(o) = &self.reader.opts else {
            return vec![];
        };
        let b = &self.bundle;
        let (level, region) = match (o.level, o.focus) {
            (Level::Authority, Some(r)) => (Level::Authority, Some(r)),
            (Level::Authority, None) => return vec![],
            _ => (Level::Region, None),
        };
        let map_year = b.map_year(o.measure, self.reader.year);
        let mut out = Vec::new();
        // Every region, or the focused region's authorities on this year's map.
        for a in b.areas_at(level) {
            if region.is_none() || (b.area(a).region == region && b.area(a).live_in(map_year)) {
                out.push(a);
            }
        }
        out
    }

    fn trend_spec(&self) -> Option<trend::Spec> {
        let o = self.reader.opts.as_ref()?;
        let focus = trend_focus(&o.highlight, &self.reader.selection, self.reader.hovered);
        let context = self.context_areas();
        let mut spec = trend::spec_for(
            &self.bundle,
            o.measure,
            &trend::Selection {
                focus: &focus,
                context: &context,
            },
        );
        if let Some((subject, g)) = self.neighbour_group() {
            let stat = o.neighbour_stat;
            let (line, _) =
                compare::neighbour_line(&self.bundle, o.measure, subject, g.neighbours, stat);
            spec.lines.push(line);
        }
        Some(match self.reader.base_year {
            Some(b) => spec.indexed(b),
            None => spec,
        })
    }

    fn trend_heading(&self, spec: &trend::Spec) -> String {
        let Some(o) = &self.reader.opts else {
            return String::new();
        };
        text::trend_heading(&self.bundle, o.measure, o.level, spec)
    }

    fn paint_trend(&mut self) -> Res {
        let Some(o) = &self.reader.opts else {
            return Ok(());
        };
        if !self.reader.view.has_trend() || self.trend_size.0 < 1.0 {
            return Ok(());
        }
        let Some(spec) = self.trend_spec() else {
            return Ok(());
        };
        self.shell
            .trend_title
            .set_text_content(Some(&self.trend_heading(&spec)));
        self.trend.canvas.set_attribute(
            "aria-label",
            &text::trend_summary(&self.bundle, o.measure, &spec),
        )?;
        let note = text::trend_gaps(&self.bundle, o.measure, &spec);
        self.shell.trend_note.set_hidden(note.is_none());
        self.shell.trend_note.set_text_content(note.as_deref());
        self.trend
            .paint(spec, self.trend_size, dpr(), &self.theme)?;
        self.mark_trend_year()
    }

    /// The map's year on the trend: a marked rule and its values.
    fn mark_trend_year(&self) -> Res {
        let shown = self
            .reader
            .opts
            .as_ref()
            .is_some_and(|o| o.view.has_trend());
        if shown {
            self.trend
                .mark_year(self.reader.year, &self.shell.trend_readout)?;
        }
        Ok(())
    }

    /// The trend follows the hovered area once the pointer rests: the outline
    /// and tooltip answer at once, and sweeping across the map does not
    /// redraw the chart for every area passed over.
    fn schedule_trend(&mut self) -> Res {
        let me = self.me.clone();
        // Replacing the timer clears the one pending.
        self.trend_timer = Some(Timeout::new(TREND_FOLLOW_MS, move || {
            if let Some(w) = me.upgrade() {
                report(act(&w, |w| {
                    w.dirty.trend = true;
                    w.flush()
                }));
            }
        })?);
        Ok(())
    }

    fn render_table(&self) -> Res {
        let (Some(o), Some(s)) = (&self.reader.opts, &self.scene) else {
            return Ok(());
        };
        if self.reader.view != ViewKind::Table {
            return Ok(());
        }
        let areas = s.layer.active_ids();
        Ok(table_view::render(
            &self.doc,
            &self.shell.table_wrap,
            &self.bundle,
            o.measure,
            self.reader.year,
            o.level,
            &areas,
            self.reader.sort,
            self.neighbour_group().and_then(|(subject, _)| {
                crate::view::table::neighbours_row(
                    &self.bundle,
                    o.measure,
                    self.reader.year,
                    subject,
                    o.neighbour_model,
                    o.neighbour_stat,
                )
            }),
        )?)
    }

    /// Bars and the scatter are the full engine's (see `full.rs`).
    #[cfg(not(feature = "full"))]
    fn derive_chart(&mut self) -> Res {
        self.chart_scene = None;
        Ok(())
    }

    #[cfg(not(feature = "full"))]
    fn paint_chart(&self) -> Res {
        Ok(())
    }

    /// The tab list, built once for the page's tabs and then only updated,
    /// so the tab a reader is on keeps keyboard focus.
    #[inline(never)]
    fn render_tabs(&self) -> Res {
        let Some(o) = &self.reader.opts else {
            return Ok(());
        };
        let tabs = &self.shell.tabs;
        let body = &self.shell.body;
        tabs.set_hidden(o.tabs.is_empty());
        let panel = format!("{}-panel", self.uid);
        if o.tabs.is_empty() {
            body.remove_attribute("role")?;
            body.remove_attribute("aria-labelledby")?;
            return Ok(());
        }
        let mut want: Vec<String> = Vec::with_capacity(o.tabs.len());
        for t in &o.tabs {
            want.push(format!("{}-tab-{}", self.uid, t.keyword()));
        }
        let kids = tabs.children();
        let mut have: Vec<String> = Vec::with_capacity(want.len());
        for i in 0..kids.length() {
            if let Some(c) = kids.item(i) {
                have.push(c.id());
            }
        }
        if want != have {
            clear(tabs);
            for (t, id) in o.tabs.iter().zip(&want) {
                let b = text_el(&self.doc, "button", "", t.label(), tabs)?;
                b.set_id(id);
                b.set_attribute("type", "button")?;
                b.set_attribute("role", "tab")?;
                b.set_attribute("data-view", t.keyword())?;
                b.set_attribute("aria-controls", &panel)?;
            }
        }
        body.set_id(&panel);
        body.set_attribute("role", "tabpanel")?;
        for (t, id) in o.tabs.iter().zip(&want) {
            if let Some(b) = tabs.query_selector(&format!("[id=\"{id}\"]"))? {
                let on = *t == self.reader.view;
                b.set_attribute("aria-selected", if on { "true" } else { "false" })?;
                // Roving tabindex: Tab reaches the active tab, the arrows the others.
                b.set_attribute("tabindex", if on { "0" } else { "-1" })?;
                if on {
                    body.set_attribute("aria-labelledby", id)?;
                }
            }
        }
        Ok(())
    }

    /// Name, value, detail of a bar or point (the full engine's).
    #[cfg(not(feature = "full"))]
    fn chart_words(&self, _: AreaId) -> Option<[String; 3]> {
        None
    }

    /// The bars or the scatter on show. Always none in the core engine,
    /// which draws neither: saying so here lets the compiler drop the code
    /// that reads them from the core module.
    #[inline(always)]
    fn chart_scene(&self) -> Option<&ChartScene> {
        if cfg!(feature = "full") {
            self.chart_scene.as_ref()
        } else {
            None
        }
    }

    /// The tooltip of a bar or point, at the pointer or its anchor.
    fn show_chart_tip(&self, a: AreaId, at: Option<(f64, f64)>) -> Res {
        let (Some(w), Some(scene)) = (self.chart_words(a), self.chart_scene()) else {
            return Ok(());
        };
        let Some(at) = at.or_else(|| scene.anchor(a)) else {
            return Ok(());
        };
        let [name, value, detail] = w;
        let t = text::Tooltip {
            name,
            value,
            detail,
        };
        tooltip::show(
            &self.doc,
            &self.shell.chart_tip,
            &t,
            at,
            scene.size(),
            self.touch,
        )
    }

    /// Pointer over the bars or the scatter.
    pub fn chart_pointer(&mut self, x: f64, y: f64) -> Res {
        let hit = self.chart_scene().and_then(|s| s.hit(x, y));
        self.input(Input::MapPointer { hit, x, y }).map(drop)
    }

    /// A click or tap on a bar or point selects or deselects its area.
    pub fn chart_click(&mut self, x: f64, y: f64) -> Res {
        let hit = self.chart_scene().and_then(|s| s.hit(x, y));
        self.input(Input::MapClick { hit, x, y }).map(drop)
    }

    pub fn chart_focus(&mut self, on: bool) -> Res {
        let items = self.chart_scene().map_or(vec![], ChartScene::items);
        self.input(Input::ChartFocus { on, items: &items })
            .map(drop)
    }

    /// A key on the bars or the scatter. Returns whether it was used.
    pub fn chart_key(&mut self, key: &str) -> Res<bool> {
        let items = self.chart_scene().map_or(vec![], ChartScene::items);
        self.input(Input::ChartKey { key, items: &items })
    }

    /// A tab was chosen (by its view's keyword).
    pub fn tab(&mut self, keyword: &str) -> Res {
        self.stop_play()?;
        match ViewKind::ALL.iter().find(|v| v.keyword() == keyword) {
            Some(&v) => self.input(Input::Tab(v)).map(drop),
            None => Ok(()),
        }
    }

    /// A key on the tab list. Returns whether it was used.
    pub fn tab_key(&mut self, key: &str) -> Res<bool> {
        self.stop_play()?;
        self.input(Input::TabKey(key))
    }

    pub fn chart_target(&self) -> &web_sys::HtmlCanvasElement {
        &self.chart.canvas
    }

    fn show_tip(&self, id: AreaId, at: (f64, f64)) -> Res {
        let Some(o) = &self.reader.opts else {
            return Ok(());
        };
        let t = text::tooltip(&self.bundle, o.measure, id, self.reader.year);
        tooltip::show(
            &self.doc,
            &self.shell.tip,
            &t,
            at,
            self.map_size,
            self.touch,
        )
    }

    /// The pointer went down: on touch the tooltip docks away from the
    /// finger; outside the widget it is dismissed.
    pub fn pointer_down(&mut self, ev: &web_sys::Event) -> Res {
        let inside = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Node>().ok())
            .is_some_and(|n| self.host.contains(Some(&n)));
        if !inside {
            self.shell.tip.set_hidden(true);
            return Ok(());
        }
        if let Some(p) = ev.dyn_ref::<web_sys::PointerEvent>() {
            self.touch = p.pointer_type() == "touch";
        }
        Ok(())
    }

    fn selection_detail(&self) -> JsValue {
        let mut codes: Vec<&str> = Vec::new();
        for &a in self.reader.selection.areas() {
            codes.push(self.bundle.area(a).code.as_str());
        }
        let detail = SelectDetail {
            code: codes.last().copied(),
            codes,
        };
        to_js(&detail)
    }

    // Browser events, turned into inputs.

    fn hit(&self, x: f64, y: f64) -> Option<AreaId> {
        let layer = &self.scene.as_ref()?.layer;
        // The inset lies over the map: a point in its frame is the inset's.
        if let Some(i) = self.shown_inset().filter(|i| i.contains([x, y])) {
            return i.hit([x, y]).map(|k| layer.areas[k].id);
        }
        layer.hit_screen(&self.fit, [x, y])
    }

    /// The inset, unless the map is zoomed (then London's real shapes are
    /// big enough, and the inset would cover them).
    fn shown_inset(&self) -> Option<&Inset> {
        self.inset.as_ref().filter(|_| self.zoom.is_none())
    }

    /// Where an area is drawn for the reader, CSS px of the map: its tile in
    /// the inset, else its label point.
    fn point_of(&self, area: AreaId) -> Option<[f64; 2]> {
        let layer = &self.scene.as_ref()?.layer;
        let i = layer.areas.iter().position(|a| a.id == area)?;
        Some(inset::screen_point(layer, &self.fit, self.shown_inset(), i))
    }

    fn font(&self) -> String {
        web_sys::window()
            .and_then(|w| w.get_computed_style(&self.host).ok().flatten())
            .and_then(|s| s.get_property_value("font-family").ok())
            .filter(|f| !f.is_empty())
            .unwrap_or_else(|| "sans-serif".into())
    }

    // Zoom and pan.

    /// Shows the map at zoom `z`: paths rebuilt for the new scale, fills and
    /// outlines repainted, the tooltip hidden (its area may have moved).
    fn set_zoom(&mut self, z: Zoom) -> Res {
        let z = z.clamped(self.map_size);
        if z == self.zoom {
            return Ok(());
        }
        self.zoom = z;
        self.fit = z.apply(&self.base_fit);
        if let Some(s) = &self.scene {
            let inset = self.inset.as_ref().filter(|_| z.is_none());
            self.map.prepare(
                &s.layer,
                &self.fit,
                &self.bundle.geometry,
                self.map_size,
                dpr(),
                inset,
            )?;
        }
        self.shell.tip.set_hidden(true);
        self.paint_map()?;
        self.paint_overlay()?;
        self.update_zoom_controls()
    }

    fn update_zoom_controls(&self) -> Res {
        let z = &self.shell.zoom;
        z.zoom_in.set_disabled(self.zoom.k >= zoom::MAX_ZOOM - 1e-9);
        z.zoom_out.set_disabled(self.zoom.is_none());
        z.reset.set_disabled(self.zoom.is_none());
        self.map
            .overlay
            .class_list()
            .toggle_with_force("zoomed", !self.zoom.is_none())?;
        Ok(())
    }

    /// Zooms by `factor` about a point of the map (CSS px), or its centre.
    pub fn zoom_by(&mut self, factor: f64, at: Option<(f64, f64)>) -> Res {
        let c = at.unwrap_or((self.map_size.0 / 2.0, self.map_size.1 / 2.0));
        let z = self.zoom.at(factor, [c.0, c.1], self.map_size);
        self.set_zoom(z)
    }

    /// Zooms by `factor` keeping the keyboard's area in the middle (its real
    /// shape, not its inset tile), or about the map's centre without one.
    fn zoom_to_focus(&mut self, factor: f64) -> Res {
        let at = self.reader.focused.and_then(|f| {
            let a = self.scene.as_ref()?.layer.get(f)?;
            Some(self.fit.to_screen(a.anchor))
        });
        let Some(p) = at else {
            return self.zoom_by(factor, None);
        };
        let z = self.zoom.at(factor, p, self.map_size);
        let v = z.to_view(self.zoom.to_base(p));
        let (cx, cy) = (self.map_size.0 / 2.0, self.map_size.1 / 2.0);
        let z = z.pan(cx - v[0], cy - v[1], self.map_size);
        self.set_zoom(z)?;
        // The tooltip follows its area to where it is now drawn.
        if let Some(f) = self.reader.focused.filter(|_| self.reader.map_has_focus) {
            if let Some(q) = self.point_of(f) {
                self.show_tip(f, (q[0], q[1]))?;
            }
        }
        Ok(())
    }

    pub fn zoom_reset(&mut self) -> Res {
        self.set_zoom(Zoom::NONE)
    }

    pub fn pan_by(&mut self, dx: f64, dy: f64) -> Res {
        let z = self.zoom.pan(dx, dy, self.map_size);
        self.set_zoom(z)
    }

    /// A key for zoom and pan on the map: `+` (or `=`) and `-` zoom about
    /// the centre, `0` shows the whole map, Shift with an arrow pans (the
    /// arrows alone move between areas). Returns whether it was one.
    pub fn zoom_key(&mut self, key: &str, shift: bool) -> Res<bool> {
        let step = 0.25 * self.map_size.0.min(self.map_size.1);
        match (key, shift) {
            ("+" | "=", _) => self.zoom_to_focus(zoom::STEP)?,
            ("-" | "_", _) => self.zoom_to_focus(1.0 / zoom::STEP)?,
            ("0", _) => self.zoom_reset()?,
            ("ArrowLeft", true) => self.pan_by(step, 0.0)?,
            ("ArrowRight", true) => self.pan_by(-step, 0.0)?,
            ("ArrowUp", true) => self.pan_by(0.0, step)?,
            ("ArrowDown", true) => self.pan_by(0.0, -step)?,
            _ => return Ok(false),
        }
        Ok(true)
    }

    /// A pointer pressed on the map: a drag may pan the zoomed map.
    pub fn drag_start(&mut self, id: i32, x: f64, y: f64) {
        self.dragged = false;
        self.drag = (!self.zoom.is_none() && self.pinch.is_none()).then_some((id, x, y));
    }

    /// The pointer moved: pans once it has moved a few px (a tap that
    /// wobbles still selects). Returns whether it is dragging.
    pub fn drag_move(&mut self, id: i32, x: f64, y: f64) -> Res<bool> {
        let Some((d, x0, y0)) = self.drag else {
            return Ok(false);
        };
        if d != id || self.pinch.is_some() {
            return Ok(false);
        }
        if !self.dragged && (x - x0).hypot(y - y0) < 4.0 {
            return Ok(false);
        }
        self.dragged = true;
        self.drag = Some((id, x, y));
        self.pan_by(x - x0, y - y0)?;
        Ok(true)
    }

    pub fn drag_end(&mut self) {
        self.drag = None;
    }

    /// Two fingers on the map, at a distance with a centre (CSS px): pinch
    /// zooms about the centre and moving the centre pans. `None`: lifted.
    pub fn pinch(&mut self, fingers: Option<(f64, [f64; 2])>) -> Res {
        let Some((dist, c)) = fingers else {
            self.pinch = None;
            return Ok(());
        };
        self.drag = None;
        self.dragged = true;
        if let Some((d0, c0)) = self.pinch {
            if d0 > 0.0 && dist > 0.0 {
                let z = self.zoom.pan(c[0] - c0[0], c[1] - c0[1], self.map_size).at(
                    dist / d0,
                    c,
                    self.map_size,
                );
                self.set_zoom(z)?;
            }
        }
        self.pinch = Some((dist, c));
        Ok(())
    }

    /// Pointer moved to (x, y) CSS px within the map.
    pub fn map_pointer(&mut self, x: f64, y: f64) -> Res {
        let hit = self.hit(x, y);
        self.input(Input::MapPointer { hit, x, y }).map(drop)
    }

    /// A click or tap on the map selects or deselects the area under it
    /// (not the end of a drag or pinch).
    pub fn map_click(&mut self, x: f64, y: f64) -> Res {
        if std::mem::take(&mut self.dragged) {
            return Ok(());
        }
        let hit = self.hit(x, y);
        self.input(Input::MapClick { hit, x, y }).map(drop)
    }

    pub fn pointer_leave(&mut self) -> Res {
        self.input(Input::PointerLeave).map(drop)
    }

    /// Pointer over the trend: read out the year, outline the line's area.
    pub fn trend_pointer(&mut self, x: f64, y: f64) -> Res {
        let (_, near) = self.trend.hover(x, y)?;
        self.input(Input::TrendPointer(near)).map(drop)
    }

    pub fn trend_click(&mut self, x: f64, y: f64) -> Res {
        let near = self
            .trend
            .scene()
            .and_then(|s| s.line_near([x, y], 8.0))
            .filter(|&id| self.bundle.area(id).level != Level::Country);
        self.input(Input::TrendClick(near)).map(drop)
    }

    fn with_map<T>(&mut self, f: impl FnOnce(&mut Reader, MapCtx) -> T) -> Option<T> {
        let s = self.scene.as_ref()?;
        let bundle = &self.bundle;
        let name = |a: AreaId| bundle.area(a).name.clone();
        Some(f(
            &mut self.reader,
            MapCtx {
                layer: &s.layer,
                fit: &self.fit,
                inset: self.inset.as_ref().filter(|_| self.zoom.is_none()),
                name: &name,
            },
        ))
    }

    /// The map gained or lost keyboard focus.
    pub fn map_focus(&mut self, on: bool) -> Res {
        match self.with_map(|r, map| r.apply(Input::MapFocus { on, map })) {
            Some(fx) => self.effects(fx).map(drop),
            None => Ok(()),
        }
    }

    /// A key pressed on the map. Returns whether it was used.
    pub fn map_key(&mut self, key: &str, modified: bool) -> Res<bool> {
        let now = js_sys::Date::now();
        match self.with_map(|r, map| {
            r.apply(Input::MapKey {
                key,
                modified,
                now,
                map,
            })
        }) {
            Some(fx) => self.effects(fx),
            None => Ok(false),
        }
    }

    /// The area picker chose `code`: select it and put keyboard focus there.
    /// The area picker is about to open or take keys: its options are built now.
    pub fn open_picker(&mut self) -> Res {
        self.picker.build_select(&self.doc, &self.bundle)
    }

    pub fn pick(&mut self, code: &str) -> Res {
        match self.bundle.area_id(code) {
            Some(id) => self.input(Input::Pick(id)).map(drop),
            None => Ok(()),
        }
    }

    fn trend_ctx(&self) -> Option<TrendCtx> {
        let (first, last) = self.trend.years()?;
        Some(TrendCtx {
            first,
            last,
            lines: {
                let mut lines = Vec::new();
                for (a, _) in self.trend.labelled() {
                    lines.push(a);
                }
                lines
            },
        })
    }

    pub fn trend_focus(&mut self, on: bool) -> Res {
        let trend = self.trend_ctx();
        self.input(Input::TrendFocus { on, trend }).map(drop)
    }

    /// A key pressed on the trend. Returns whether it was used.
    pub fn trend_key(&mut self, key: &str) -> Res<bool> {
        let trend = self.trend_ctx();
        self.input(Input::TrendKey { key, trend })
    }

    /// Shows another year. Returns whether it has data.
    pub fn set_year(&mut self, year: u16) -> Res<bool> {
        self.input(Input::SetYear(year))
    }

    /// The slider moved: it takes over from play.
    pub fn set_year_index(&mut self, index: usize) -> Res {
        self.stop_play()?;
        self.input(Input::YearIndex(index)).map(drop)
    }

    pub fn set_index_mode(&mut self, on: bool) -> Res {
        let default_base = self.default_base();
        self.input(Input::IndexMode { on, default_base }).map(drop)
    }

    pub fn sort_by(&mut self, column: Column) -> Res {
        self.input(Input::SortBy(column)).map(drop)
    }

    /// Starts or stops playing through the years.
    pub fn toggle_play(&mut self) -> Res {
        if self.reader.playing {
            return self.stop_play();
        }
        if self.reader.opts.is_none() {
            return Ok(());
        }
        self.input(Input::Rewind)?;
        let me = self.me.clone();
        let ms = if reduced_motion() {
            PLAY_MS_REDUCED
        } else {
            PLAY_MS
        };
        self.player = Some(Interval::new(ms, move || {
            if let Some(w) = me.upgrade() {
                report(act(&w, Widget::tick));
            }
        })?);
        self.input(Input::Playing(true)).map(drop)
    }

    /// Play's next year.
    fn tick(&mut self) -> Res {
        // A tick after Pause does nothing. Browsers clear the timer, but a
        // host whose handles overflow the spec's `long` (Playwright's fake
        // clock counts from 10^12) cannot be cleared by its id.
        if !self.reader.playing {
            return self.stop_play();
        }
        if !self.input(Input::StepYear)? {
            self.stop_play()?;
        }
        Ok(())
    }

    /// Stopped, not dropped: this may run inside the timer's own callback.
    pub fn stop_play(&mut self) -> Res {
        if let Some(p) = &self.player {
            p.stop();
        }
        self.input(Input::Playing(false)).map(drop)
    }

    pub fn select_codes(&mut self, codes: &[String]) -> Res {
        let mut ids = Vec::new();
        for c in codes {
            match self.bundle.area_id(c) {
                Some(id) => ids.push(id),
                None => {
                    return Err(WebError::Call {
                        what: "select".into(),
                        value: crate::suggest::excerpt(c).into_owned(),
                        message: format!(
                            "Unknown area code \"{}\". Valid codes are the ONS codes of England's regions (E12…) and local authorities (E06…, E08…, E09…, E10…).",
                            crate::suggest::excerpt(c)
                        ),
                    });
                }
            }
        }
        self.input(Input::Select(ids)).map(drop)
    }

    // What the page can ask.

    /// Every figure shown, as CSV.
    pub fn csv(&self) -> Option<String> {
        let o = self.reader.opts.as_ref()?;
        let s = self.scene.as_ref()?;
        let year = self.reader.year;
        let mut figures: Vec<(AreaId, u16)> = Vec::new();
        if let Some(c) = self.bundle.country() {
            figures.push((c, year));
        }
        let view = self.reader.view;
        if let (ViewKind::Scatter, Some(ChartScene::Scatter(sc, _))) = (view, self.chart_scene()) {
            // Both measures of every area considered, plotted or not.
            let areas = sc
                .points
                .iter()
                .map(|p| p.area)
                .chain(sc.gaps.iter().map(|g| g.area));
            let figures: Vec<(AreaId, u16)> = areas.map(|a| (a, year)).collect();
            return Some(csv_export::csv_of(
                &self.bundle,
                &[(o.x, &figures), (o.y, &figures)],
                None,
            ));
        }
        if view.has_map() || view == ViewKind::Table || view == ViewKind::Bars {
            for a in s.layer.active_ids() {
                figures.push((a, year));
            }
        }
        if view.has_trend() {
            if let Some(spec) = self.trend_spec() {
                for l in &spec.lines {
                    if l.role == trend::Role::Context {
                        continue;
                    }
                    for y in spec.first_year..=spec.last_year {
                        figures.push((l.area, y));
                    }
                }
            }
        }
        Some(csv_export::csv(
            &self.bundle,
            o.measure,
            &figures,
            self.change_base(),
        ))
    }

    /// The base year when the trend shows % change since it.
    fn change_base(&self) -> Option<u16> {
        let o = self.reader.opts.as_ref()?;
        self.reader.base_year.filter(|_| o.view.has_trend())
    }

    fn file_name(&self, ext: &str) -> String {
        let Some(o) = &self.reader.opts else {
            return format!("care-atlas.{ext}");
        };
        csv_export::file_name(
            &slug(&self.bundle.measure(o.measure).id),
            self.reader.year,
            self.change_base(),
            ext,
        )
    }

    pub fn download_csv(&self) -> Res {
        let Some(csv) = self.csv() else {
            return Ok(());
        };
        Ok(export::download_csv(
            &self.doc,
            &csv,
            &self.file_name("csv"),
        )?)
    }

    pub fn download_png(&self) -> Res {
        let (Some(o), Some(s)) = (&self.reader.opts, &self.scene) else {
            return Ok(());
        };
        let view = self.reader.view;
        let legend: Vec<LegendEntry> = if view.has_map() {
            s.choro.legend(&self.bundle, o.measure)
        } else {
            vec![]
        };
        let title = self.title(o);
        let heading = self
            .trend_spec()
            .map(|s| self.trend_heading(&s))
            .unwrap_or_default();
        let font = self.font();
        let source = self.source_for_view(o);
        let mut notes = Vec::new();
        if view.has_chart() {
            let kids = self.shell.chart_note.children();
            for i in 0..kids.length() {
                if let Some(t) = kids.item(i).and_then(|k| k.text_content()) {
                    notes.push(t);
                }
            }
        }
        let note = notes.join(" ");
        let legend_title = self.legend_title();
        let picture = Picture {
            title: &title,
            map: if view.has_map() {
                Some((
                    &self.map.base,
                    self.map.outlines(&s.layer, &self.theme, &self.lines())?,
                ))
            } else {
                None
            },
            legend: &legend,
            legend_title: &legend_title,
            trend: match (view.has_trend(), self.trend.scene()) {
                (true, Some(sc)) => Some((&self.trend.canvas, sc, heading.as_str())),
                _ => None,
            },
            chart: (view.has_chart() && self.chart_scene().is_some()).then_some(&self.chart),
            note: &note,
            source: &source,
            theme: &self.theme,
            font: &font,
            width: self.width.floor(),
            wide: self.shell.body.class_list().contains("wide"),
        };
        Ok(export::download_png(
            &self.doc,
            &picture,
            &self.file_name("png"),
        )?)
    }

    /// Where an area's anchor is, in viewport coordinates (for annotations and tests).
    pub fn area_point(&self, code: &str) -> Option<(f64, f64)> {
        let id = self.bundle.area_id(code)?;
        let p = self.point_of(id)?;
        let r = self.map.overlay.get_bounding_client_rect();
        Some((r.left() + p[0], r.top() + p[1]))
    }

    pub fn map_target(&self) -> &web_sys::Element {
        &self.map.overlay
    }

    pub fn trend_target(&self) -> &web_sys::HtmlCanvasElement {
        &self.trend.canvas
    }

    pub fn year(&self) -> Option<u16> {
        self.reader.opts.as_ref().map(|_| self.reader.year)
    }

    pub fn selected_codes(&self) -> Vec<String> {
        let mut codes = Vec::new();
        for &a in self.reader.selection.areas() {
            codes.push(self.bundle.area(a).code.clone());
        }
        codes
    }

    pub fn ready_detail(&self) -> JsValue {
        let o = self.reader.opts.as_ref();
        to_js(&ReadyDetail {
            measure: o.map(|o| self.bundle.measure(o.measure).id.as_str()),
            year: o.map(|_| self.reader.year),
        })
    }
}
