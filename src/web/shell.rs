//! The widget's DOM inside its shadow root, built once: title, controls,
//! the map's and the trend's parts with their keyboard surfaces, the table,
//! the source line and the live region. Everything else only fills it in.

use super::chart_canvas::ChartPainter;
use super::dom::{clear, el, text_el};
use super::error::Res;
use super::map_canvas::MapPainter;
use super::style;
use super::trend_canvas::TrendPainter;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{
    CssStyleSheet, Document, HtmlButtonElement, HtmlElement, HtmlInputElement, HtmlSelectElement,
    ShadowRoot,
};

thread_local! {
    static SHEET: std::cell::OnceCell<CssStyleSheet> = const { std::cell::OnceCell::new() };
}

/// The widget's stylesheet, built once per page and shared by every widget.
/// A constructed sheet, not a `<style>` element: pages whose
/// Content-Security-Policy forbids inline styles still style us.
fn stylesheet() -> Result<CssStyleSheet, JsValue> {
    SHEET.with(|s| {
        if let Some(sheet) = s.get() {
            return Ok(sheet.clone());
        }
        let sheet = CssStyleSheet::new()?;
        sheet.replace_sync(&style::css())?;
        Ok(s.get_or_init(|| sheet).clone())
    })
}

/// The controls row.
pub struct Controls {
    pub root: HtmlElement,
    /// The measure picker (`picker="measures"`), hidden unless asked for.
    pub measure_label: HtmlElement,
    pub measure: HtmlSelectElement,
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

/// The map's zoom buttons.
pub struct ZoomButtons {
    pub zoom_in: HtmlButtonElement,
    pub zoom_out: HtmlButtonElement,
    pub reset: HtmlButtonElement,
}

pub struct Shell {
    pub frame: HtmlElement,
    pub title: HtmlElement,
    pub summary: HtmlElement,
    pub message: HtmlElement,
    /// Said while a pack of figures loads, in place of the picture.
    pub loading: HtmlElement,
    /// Lines of the page's own CSV that could not be used.
    pub warnings: HtmlElement,
    /// Attributes whose bad values were ignored (the chart is still drawn).
    pub notices: HtmlElement,
    pub body: HtmlElement,
    pub map_part: HtmlElement,
    pub tip: HtmlElement,
    pub legend: HtmlElement,
    pub trend_part: HtmlElement,
    pub trend_title: HtmlElement,
    /// The map's year's values of the trend's named lines.
    pub trend_readout: HtmlElement,
    /// Why the trend's lines break, where they do.
    pub trend_note: HtmlElement,
    pub table_part: HtmlElement,
    pub table_wrap: HtmlElement,
    /// The tab list (hidden without a `tabs` attribute).
    pub tabs: HtmlElement,
    /// The ranked bars or the scatter: its part, plot, tooltip, keyboard
    /// surface, statement, list of gaps and table equivalent.
    pub chart_part: HtmlElement,
    pub chart_tip: HtmlElement,
    pub chart_keys: HtmlElement,
    /// Filled by the full engine's bars and scatter.
    #[cfg_attr(not(feature = "full"), allow(dead_code))]
    pub chart_note: HtmlElement,
    #[cfg_attr(not(feature = "full"), allow(dead_code))]
    pub chart_table: HtmlElement,
    /// With `compare="neighbours"`: the neighbours, as buttons.
    pub neighbours: HtmlElement,
    pub source: HtmlElement,
    /// The map's keyboard surface: a listbox of the areas, over the canvases.
    pub keys: HtmlElement,
    /// The trend's keyboard surface.
    pub trend_keys: HtmlElement,
    /// Polite announcements of what keyboard focus reaches.
    pub live: HtmlElement,
    /// Resolve theme colours, one per slot (see `theme::current`).
    pub probes: Vec<HtmlElement>,
    pub controls: Controls,
    pub zoom: ZoomButtons,
}

fn button(doc: &Document, label: &str, parent: &web_sys::Node) -> Res<HtmlButtonElement> {
    let b: HtmlButtonElement = text_el(doc, "button", "", label, parent)?.unchecked_into();
    b.set_type("button");
    Ok(b)
}

fn input(doc: &Document, kind: &str) -> Res<HtmlInputElement> {
    let i: HtmlInputElement = doc.create_element("input")?.unchecked_into();
    i.set_type(kind);
    Ok(i)
}

impl Shell {
    /// Replaces whatever `root` held with the widget's parts.
    #[allow(clippy::type_complexity)]
    pub fn build(
        doc: &Document,
        root: &ShadowRoot,
    ) -> Res<(Shell, MapPainter, TrendPainter, ChartPainter)> {
        clear(root);
        root.set_adopted_style_sheets(&js_sys::Array::of1(&stylesheet()?.into()));
        let frame = el(doc, "div", "frame", Some(root))?;
        frame.set_attribute("part", "frame")?;
        let probe = el(doc, "span", "probe", Some(&frame))?;
        probe.set_hidden(true);
        let probes = super::theme::probes(doc, &probe)?;
        let title = el(doc, "p", "title", Some(&frame))?;
        let summary = el(doc, "p", "summary", Some(&frame))?;
        summary.set_hidden(true);
        let message = el(doc, "div", "message", Some(&frame))?;
        message.set_attribute("role", "alert")?;
        message.set_hidden(true);
        let loading = el(doc, "p", "loading", Some(&frame))?;
        loading.set_hidden(true);
        let warnings = el(doc, "div", "warnings", Some(&frame))?;
        warnings.set_hidden(true);
        let notices = el(doc, "div", "warnings notices", Some(&frame))?;
        notices.set_hidden(true);

        let tabs = el(doc, "div", "tabs", Some(&frame))?;
        tabs.set_attribute("role", "tablist")?;
        tabs.set_attribute("aria-label", "Views")?;
        tabs.set_hidden(true);
        let c = el(doc, "div", "controls", Some(&frame))?;
        // A native select: reachable and operable by keyboard, and read by
        // screen readers with its groups, without any script of ours.
        let measure_label = text_el(doc, "label", "measure-picker", "Measure", &c)?;
        let measure: HtmlSelectElement = doc.create_element("select")?.unchecked_into();
        measure_label.append_child(&measure)?;
        measure_label.set_hidden(true);
        let year_group = el(doc, "div", "year", Some(&c))?;
        let label = text_el(doc, "label", "", "Year", &year_group)?;
        let slider = input(doc, "range")?;
        slider.set_step("1");
        label.append_child(&slider)?;
        let year_out = el(doc, "output", "", Some(&year_group))?;
        year_out.set_attribute("aria-hidden", "true")?;
        let play = button(doc, "Play", &year_group)?;
        let index_label = el(doc, "label", "", Some(&c))?;
        let index = input(doc, "checkbox")?;
        index_label.append_child(&index)?;
        index_label.append_with_str_1("Change since first year")?;
        let picker_label = text_el(doc, "label", "picker", "Find an area", &c)?;
        let picker: HtmlSelectElement = doc.create_element("select")?.unchecked_into();
        picker_label.append_child(&picker)?;
        let exports = el(doc, "div", "exports", Some(&c))?;
        let png = button(doc, "Download PNG", &exports)?;
        let csv = button(doc, "Download CSV", &exports)?;

        let body = el(doc, "div", "body", Some(&frame))?;
        let map_part = el(doc, "div", "part map-part", Some(&body))?;
        let map_wrap = el(doc, "div", "map-wrap", Some(&map_part))?;
        let map = MapPainter::new(doc, &map_wrap)?;
        let tip = el(doc, "div", "tip", Some(&map_wrap))?;
        tip.set_hidden(true);
        let keys = el(doc, "div", "keys", Some(&map_wrap))?;
        keys.set_attribute("role", "listbox")?;
        keys.set_attribute("tabindex", "0")?;
        keys.set_attribute("aria-multiselectable", "true")?;
        // After the listbox in tab order; over the map's top-right corner.
        let zoom_root = el(doc, "div", "zoom", Some(&map_wrap))?;
        zoom_root.set_attribute("role", "group")?;
        zoom_root.set_attribute("aria-label", "Map zoom")?;
        let zoom_button = |text: &str, label: &str| -> Res<HtmlButtonElement> {
            let b = button(doc, text, &zoom_root)?;
            b.set_attribute("aria-label", label)?;
            b.set_title(label);
            Ok(b)
        };
        let zoom = ZoomButtons {
            zoom_in: zoom_button("+", "Zoom in")?,
            zoom_out: zoom_button("\u{2212}", "Zoom out")?,
            reset: zoom_button("\u{21ba}", "Show the whole map")?,
        };
        let legend = el(doc, "ul", "legend", Some(&map_part))?;
        legend.set_attribute("aria-label", "Legend")?;
        let trend_part = el(doc, "div", "part trend-part", Some(&body))?;
        let trend_title = el(doc, "p", "trend-title", Some(&trend_part))?;
        let plot = el(doc, "div", "trend-plot", Some(&trend_part))?;
        let trend = TrendPainter::new(doc, &plot)?;
        let trend_readout = el(doc, "p", "trend-readout", Some(&trend_part))?;
        let trend_note = el(doc, "p", "trend-note", Some(&trend_part))?;
        trend_note.set_hidden(true);
        let trend_keys = el(doc, "div", "keys", Some(&plot))?;
        trend_keys.set_attribute("role", "group")?;
        trend_keys.set_attribute("tabindex", "0")?;
        trend_keys.set_attribute(
            "aria-label",
            "Trend chart values. Left and right arrow keys move between years, up and down between lines.",
        )?;
        let table_part = el(doc, "div", "part table-part", Some(&body))?;
        let table_wrap = el(doc, "div", "table-wrap", Some(&table_part))?;
        let chart_part = el(doc, "div", "part chart-part", Some(&body))?;
        let chart_wrap = el(doc, "div", "chart-wrap", Some(&chart_part))?;
        let chart = ChartPainter::new(doc, &chart_wrap)?;
        let chart_tip = el(doc, "div", "tip", Some(&chart_wrap))?;
        chart_tip.set_hidden(true);
        let chart_keys = el(doc, "div", "keys", Some(&chart_wrap))?;
        chart_keys.set_attribute("role", "listbox")?;
        chart_keys.set_attribute("tabindex", "0")?;
        chart_keys.set_attribute("aria-multiselectable", "true")?;
        let chart_note = el(doc, "div", "chart-note", Some(&chart_part))?;
        let details = el(doc, "details", "", Some(&chart_part))?;
        text_el(doc, "summary", "", "The figures as a table", &details)?;
        let chart_table = el(doc, "div", "table-wrap", Some(&details))?;
        let neighbours = el(doc, "section", "neighbours", Some(&frame))?;
        neighbours.set_attribute("aria-label", "Statistical neighbours")?;
        neighbours.set_hidden(true);
        let source = el(doc, "p", "source", Some(&frame))?;
        let live = el(doc, "div", "sr", Some(&frame))?;
        live.set_attribute("role", "status")?;
        live.set_attribute("aria-live", "polite")?;
        let shell = Shell {
            frame,
            title,
            summary,
            message,
            loading,
            warnings,
            notices,
            body,
            map_part,
            tip,
            legend,
            trend_part,
            trend_title,
            trend_readout,
            trend_note,
            table_part,
            table_wrap,
            tabs,
            chart_part,
            chart_tip,
            chart_keys,
            chart_note,
            chart_table,
            neighbours,
            source,
            keys,
            trend_keys,
            live,
            probes,
            controls: Controls {
                root: c,
                measure_label,
                measure,
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
            zoom,
        };
        Ok((shell, map, trend, chart))
    }

    /// Says, in place of the picture and to screen readers, that the
    /// figures for `title` are on their way.
    pub fn show_loading(&self, title: &str, words: &str) {
        self.title.set_text_content(Some(title));
        self.loading.set_text_content(Some(words));
        self.loading.set_hidden(false);
        self.message.set_hidden(true);
        self.body.set_hidden(true);
        self.summary.set_hidden(true);
        self.controls.root.set_hidden(true);
        self.announce(words);
    }

    /// Shows a problem in place of the picture.
    pub fn show_message(&self, message: &str) {
        self.loading.set_hidden(true);
        self.title
            .set_text_content(Some("This chart cannot be shown"));
        self.message.set_text_content(Some(message));
        self.message.set_hidden(false);
        self.body.set_hidden(true);
        self.summary.set_hidden(true);
        self.controls.root.set_hidden(true);
    }

    /// Back to the picture after a message.
    pub fn hide_message(&self) {
        self.message.set_hidden(true);
        self.loading.set_hidden(true);
        self.body.set_hidden(false);
        self.controls.root.set_hidden(false);
    }

    /// Says `words` to screen readers.
    pub fn announce(&self, words: &str) {
        self.live.set_text_content(Some(words));
    }
}
