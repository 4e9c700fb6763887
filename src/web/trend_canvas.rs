//! The trend chart in the page: plotters paints the lines (onto
//! [`super::canvas_backend`]), HTML
//! carries every word (ticks, line labels, the hover read-out), which keeps
//! text crisp, themeable and readable by assistive technology.

use super::canvas_backend::CanvasBackend;
use super::dom::{clear, el, text_el};
use super::map_canvas::{context, size_canvas};
use crate::data::AreaId;
use crate::draw::trend::{self as draw_trend, TrendColours};
use crate::scale::format::css_px;
use crate::scale::theme::Theme;
use crate::view::trend::{Role, Scene, Spec};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, HtmlCanvasElement, HtmlElement};

pub struct TrendPainter {
    pub canvas: HtmlCanvasElement,
    /// Tick labels, and the signature of the ticks they show.
    axes: HtmlElement,
    ticks: String,
    /// Labels at the ends of the lines.
    ends: HtmlElement,
    rule: HtmlElement,
    tip: HtmlElement,
    /// The map's year: a dashed rule with the year under it.
    mark: HtmlElement,
    spec: Option<Spec>,
    scene: Option<Scene>,
    theme: Option<Theme>,
}

pub fn colours(t: &Theme) -> TrendColours {
    TrendColours {
        focus: t.lines.to_vec(),
        england: t.text,
        region: t.region,
        neighbours: t.muted,
        context: t.context,
        grid: t.grid,
        axis: t.muted,
    }
}

/// Lists the named lines' values in the year at index `i` (and `extra`'s,
/// a context line being pointed at), each with its colour key; returns how
/// many.
fn values_in(
    list: &HtmlElement,
    spec: &Spec,
    theme: &Theme,
    i: usize,
    indexed: bool,
    extra: Option<AreaId>,
) -> Result<usize, JsValue> {
    let doc = list.owner_document().ok_or("no document")?;
    let mut n = 0;
    for l in spec
        .lines
        .iter()
        .rev()
        .filter(|l| l.role != Role::Context || Some(l.area) == extra)
    {
        let li = el(&doc, "li", "", Some(list))?;
        let key = el(&doc, "span", "k", Some(&li))?;
        key.set_attribute("aria-hidden", "true")?;
        let c = draw_trend::TrendColours::of(&colours(theme), l.role, l.slot);
        key.style().set_property("background", &c.to_string())?;
        let v = l.value_text(i, indexed).unwrap_or_else(|| "no data".into());
        li.append_with_str_1(&format!("{}: {v}", l.label))?;
        n += 1;
    }
    Ok(n)
}

impl TrendPainter {
    pub fn new(doc: &Document, parent: &web_sys::Node) -> Result<TrendPainter, JsValue> {
        let canvas: HtmlCanvasElement = doc.create_element("canvas")?.dyn_into()?;
        canvas.set_class_name("trend");
        canvas.set_attribute("role", "img")?;
        parent.append_child(&canvas)?;
        let labels = el(doc, "div", "labels", Some(parent))?;
        labels.set_attribute("aria-hidden", "true")?;
        let axes = el(doc, "div", "", Some(&labels))?;
        let ends = el(doc, "div", "", Some(&labels))?;
        let rule = el(doc, "div", "rule", Some(parent))?;
        rule.set_hidden(true);
        let mark = el(doc, "div", "mark", Some(parent))?;
        mark.set_attribute("aria-hidden", "true")?;
        mark.set_hidden(true);
        let tip = el(doc, "div", "yeartip", Some(parent))?;
        tip.set_hidden(true);
        Ok(TrendPainter {
            canvas,
            axes,
            ticks: String::new(),
            ends,
            rule,
            tip,
            mark,
            spec: None,
            scene: None,
            theme: None,
        })
    }

    pub fn scene(&self) -> Option<&Scene> {
        self.scene.as_ref()
    }

    pub fn paint(
        &mut self,
        spec: Spec,
        size: (f64, f64),
        dpr: f64,
        theme: &Theme,
    ) -> Result<(), JsValue> {
        size_canvas(&self.canvas, size, dpr)?;
        let scene = spec.layout(size.0, size.1);
        let ctx = context(&self.canvas)?;
        ctx.set_transform(1.0, 0.0, 0.0, 1.0, 0.0, 0.0)?;
        ctx.clear_rect(
            0.0,
            0.0,
            f64::from(self.canvas.width()),
            f64::from(self.canvas.height()),
        );
        let mut backend = CanvasBackend::new(self.canvas.clone(), ctx.clone());
        draw_trend::draw(&mut backend, &scene, &colours(theme), dpr)
            .map_err(|e| JsValue::from_str(&e.to_string()))?;

        let doc = self.canvas.owner_document().ok_or("no document")?;
        let put = |parent: &HtmlElement,
                   class: &str,
                   text: &str,
                   x: f64,
                   y: f64|
         -> Result<HtmlElement, JsValue> {
            let s = text_el(&doc, "span", class, text, parent)?;
            let st = s.style();
            st.set_property("left", &css_px(x))?;
            st.set_property("top", &css_px(y))?;
            Ok(s)
        };
        // The axes rarely change on a hover: rebuild their labels only when they do.
        let mut ticks = String::new();
        for t in scene.y_ticks.iter().chain(&scene.x_ticks) {
            if !ticks.is_empty() {
                ticks.push('|');
            }
            ticks += &format!("{}@{}", t.text, css_px(t.pos));
        }
        ticks += &css_px(scene.plot.x);
        ticks += &css_px(scene.plot.bottom());
        if ticks != self.ticks {
            clear(&self.axes);
            for t in &scene.y_ticks {
                put(&self.axes, "y", &t.text, scene.plot.x - 6.0, t.pos)?;
            }
            for t in &scene.x_ticks {
                put(&self.axes, "x", &t.text, t.pos, scene.plot.bottom() + 6.0)?;
            }
            self.ticks = ticks;
        }
        let labels = &self.ends;
        clear(labels);
        for l in &scene.lines {
            if let Some(e) = &l.end {
                let class = match l.role {
                    Role::Focus => "end focus",
                    Role::Region => "end region",
                    Role::Neighbours => "end neighbours",
                    _ => "end england",
                };
                let s = put(
                    labels,
                    class,
                    &e.lines.join("\n"),
                    scene.plot.right() + 8.0,
                    e.y,
                )?;
                if l.role == Role::Focus {
                    s.style().set_property(
                        "color",
                        &theme.lines[l.slot % theme.lines.len()].to_string(),
                    )?;
                }
            }
        }
        self.rule
            .style()
            .set_property("height", &css_px(scene.plot.h))?;
        self.spec = Some(spec);
        self.scene = Some(scene);
        self.theme = Some(*theme);
        Ok(())
    }

    /// Shows the values of the labelled lines in the year under `x`, and
    /// returns that year and the line nearest the pointer.
    pub fn hover(&self, x: f64, y: f64) -> Result<(Option<u16>, Option<AreaId>), JsValue> {
        let Some(scene) = &self.scene else {
            return Ok((None, None));
        };
        let near = scene.line_near([x, y], 8.0);
        let Some(year) = scene.year_at(x) else {
            self.clear_hover();
            return Ok((None, near));
        };
        self.show_year(year, near)?;
        Ok((Some(year), near))
    }

    /// The labelled lines, top of the drawing order first (as the read-out lists them).
    pub fn labelled(&self) -> Vec<(AreaId, String)> {
        let mut out = Vec::new();
        for l in self.spec.iter().flat_map(|s| s.lines.iter().rev()) {
            // The neighbours' line follows its authority's id: reached
            // through the read-out, not as a line of its own.
            if l.role != Role::Context && l.role != Role::Neighbours {
                out.push((l.area, l.label.clone()));
            }
        }
        out
    }

    /// A line's value in a year, as shown: "North East, 2019: 102".
    pub fn value_text(&self, area: AreaId, year: u16) -> Option<String> {
        let spec = self.spec.as_ref()?;
        let l = spec
            .lines
            .iter()
            .find(|l| l.area == area && l.role != Role::Neighbours)?;
        let i = usize::from(year.checked_sub(spec.first_year)?);
        let v = l
            .value_text(i, spec.base_year.is_some())
            .unwrap_or_else(|| "no data".into());
        Some(format!("{}, {year}: {v}", l.label))
    }

    pub fn years(&self) -> Option<(u16, u16)> {
        self.spec.as_ref().map(|s| (s.first_year, s.last_year))
    }

    /// Marks a year with a rule and lists the labelled lines' values in it
    /// (and `extra`'s, a context line being pointed at).
    pub fn show_year(&self, year: u16, extra: Option<AreaId>) -> Result<(), JsValue> {
        let (Some(scene), Some(spec), Some(theme)) = (&self.scene, &self.spec, &self.theme) else {
            return Ok(());
        };
        let i = usize::from(year.saturating_sub(spec.first_year));
        let indexed = spec.base_year.is_some();
        let doc = self.canvas.owner_document().ok_or("no document")?;
        let tip = &self.tip;
        clear(tip);
        text_el(&doc, "strong", "", &year.to_string(), tip)?;
        let list = el(&doc, "ul", "", Some(tip))?;
        let any = values_in(&list, spec, theme, i, indexed, extra)? > 0;
        let x_px = scene.x_of(year);
        self.rule.style().set_property("left", &css_px(x_px))?;
        self.rule.set_hidden(false);
        tip.set_hidden(!any);
        // On the side of the rule with more room, without measuring the
        // read-out (which would force a layout on every move).
        let st = tip.style();
        if x_px < scene.width / 2.0 {
            st.set_property("left", &css_px(x_px + 12.0))?;
            st.remove_property("right")?;
        } else {
            st.set_property("right", &css_px(scene.width - x_px + 12.0))?;
            st.remove_property("left")?;
        }
        st.set_property("top", &css_px(scene.plot.y))?;
        Ok(())
    }

    /// Marks the map's year on the chart and lists the named lines' values
    /// in it in `readout` (which says so when the year is off the chart).
    pub fn mark_year(&self, year: u16, readout: &HtmlElement) -> Result<(), JsValue> {
        clear(readout);
        let (Some(scene), Some(spec), Some(theme)) = (&self.scene, &self.spec, &self.theme) else {
            self.mark.set_hidden(true);
            return Ok(());
        };
        let doc = self.canvas.owner_document().ok_or("no document")?;
        let on_chart = (spec.first_year..=spec.last_year).contains(&year);
        self.mark.set_hidden(!on_chart);
        if !on_chart {
            readout.set_text_content(Some(&format!("{year} is outside this chart.")));
            return Ok(());
        }
        let st = self.mark.style();
        st.set_property("left", &css_px(scene.x_of(year)))?;
        st.set_property("top", &css_px(scene.plot.y))?;
        st.set_property("height", &css_px(scene.plot.h))?;
        self.mark.set_text_content(Some(&year.to_string()));
        text_el(&doc, "strong", "", &format!("{year}:"), readout)?;
        let list = el(&doc, "ul", "", Some(readout))?;
        let i = usize::from(year - spec.first_year);
        values_in(&list, spec, theme, i, spec.base_year.is_some(), None)?;
        Ok(())
    }

    pub fn clear_hover(&self) {
        self.rule.set_hidden(true);
        self.tip.set_hidden(true);
    }
}
