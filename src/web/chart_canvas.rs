//! The ranked bars and the scatter in the page: the canvas 2D API paints
//! bars, points and lines from the pure layouts in `view::bars` and
//! `view::scatter`; HTML carries every word (ticks, names, reference
//! labels), the keyboard's listbox, the statement and the table equivalent.
//! The core engine (no `full` feature) has the canvas but draws nothing on
//! it: the painting is the full engine's.
#![cfg_attr(not(feature = "full"), allow(dead_code))]

use super::dom::{clear, el, text_el};
use super::map_canvas::{context, size_canvas};
use crate::data::{AreaId, Bundle, MeasureId};
use crate::scale::format::css_px;
use crate::scale::theme::Theme;
use crate::scale::Rgb;
use crate::view::{bars, scatter};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, HtmlCanvasElement, HtmlElement};

/// What the chart shows, laid out.
pub enum Scene {
    Bars(bars::Bars, bars::Layout),
    Scatter(scatter::Scatter, scatter::Layout),
}

impl Scene {
    /// The areas in keyboard order (rank, or x).
    pub fn items(&self) -> Vec<AreaId> {
        match self {
            Scene::Bars(b, _) => b.bars.iter().map(|x| x.area).collect(),
            Scene::Scatter(s, _) => s.points.iter().map(|p| p.area).collect(),
        }
    }

    /// The item under (x, y) CSS px.
    pub fn hit(&self, x: f64, y: f64) -> Option<AreaId> {
        match self {
            Scene::Bars(b, l) => l.bar_at(x, y).map(|i| b.bars[i].area),
            Scene::Scatter(s, l) => l.nearest(x, y, 14.0).map(|i| s.points[i].area),
        }
    }

    /// Where an item's tooltip points, CSS px.
    pub fn anchor(&self, area: AreaId) -> Option<(f64, f64)> {
        match self {
            Scene::Bars(b, l) => {
                let i = b.bars.iter().position(|x| x.area == area)?;
                let r = &l.rows[i];
                Some((r.x.max(l.zero), r.y + r.h / 2.0))
            }
            Scene::Scatter(s, l) => {
                let i = s.points.iter().position(|p| p.area == area)?;
                Some((l.dots[i][0], l.dots[i][1]))
            }
        }
    }

    /// Width and height, CSS px.
    pub fn size(&self) -> (f64, f64) {
        match self {
            Scene::Bars(_, l) => (l.width, l.height),
            Scene::Scatter(_, l) => (l.width, l.height),
        }
    }
}

/// A word on the chart: its class (which says how it is anchored), text,
/// anchor point in CSS px and colour, if not the class's own.
type Label = (&'static str, String, f64, f64, Option<Rgb>);

pub struct ChartPainter {
    pub canvas: HtmlCanvasElement,
    labels: HtmlElement,
    /// The words last painted, for the PNG (which draws them on its canvas).
    last: std::cell::RefCell<Vec<Label>>,
}

fn css(c: Rgb) -> String {
    c.to_string()
}

impl ChartPainter {
    pub fn new(doc: &Document, parent: &web_sys::Node) -> Result<ChartPainter, JsValue> {
        let canvas: HtmlCanvasElement = doc.create_element("canvas")?.dyn_into()?;
        canvas.set_class_name("chart");
        // Unsized until drawn: a view without bars or a scatter keeps no 300 × 150 backing store.
        canvas.set_width(0);
        canvas.set_height(0);
        canvas.set_attribute("role", "img")?;
        parent.append_child(&canvas)?;
        let labels = el(doc, "div", "labels", Some(parent))?;
        labels.set_attribute("aria-hidden", "true")?;
        Ok(ChartPainter {
            canvas,
            labels,
            last: Default::default(),
        })
    }

    /// Paints `scene`; `hovered` gets a ring, the reference lines and the
    /// emphasised items their colours.
    #[inline(never)]
    pub fn paint(
        &self,
        scene: &Scene,
        bundle: &Bundle,
        theme: &Theme,
        hovered: Option<AreaId>,
        dpr: f64,
    ) -> Result<(), JsValue> {
        let size = scene.size();
        size_canvas(&self.canvas, size, dpr)?;
        let ctx = context(&self.canvas)?;
        ctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0)?;
        ctx.clear_rect(0.0, 0.0, size.0, size.1);
        let mut words: Vec<Label> = Vec::new();
        let mut put = |class: &'static str, text: &str, x: f64, y: f64, c: Option<Rgb>| {
            words.push((class, text.to_string(), x, y, c));
        };
        let slot = |s: Option<usize>| s.map(|s| theme.lines[s % theme.lines.len()]);
        let line =
            |a: [f64; 2], b: [f64; 2], c: Rgb, w: f64, dash: &[f64]| -> Result<(), JsValue> {
                ctx.set_stroke_style_str(&css(c));
                ctx.set_line_width(w);
                let d = js_sys::Array::new();
                for v in dash {
                    d.push(&JsValue::from(*v));
                }
                ctx.set_line_dash(&d)?;
                ctx.begin_path();
                ctx.move_to(a[0], a[1]);
                ctx.line_to(b[0], b[1]);
                ctx.stroke();
                Ok(())
            };
        match scene {
            Scene::Bars(b, l) => {
                let (top, bottom) = (l.plot.y, l.plot.bottom());
                for t in &l.ticks {
                    line([t.pos, top], [t.pos, bottom], theme.grid, 1.0, &[])?;
                    put("x", &t.text, t.pos, top - bars::LINE - 2.0, None);
                }
                for (bar, r) in b.bars.iter().zip(&l.rows) {
                    let c = slot(bar.slot).unwrap_or(theme.border);
                    ctx.set_fill_style_str(&css(c));
                    let (x0, x1) = (l.zero.min(r.x), l.zero.max(r.x));
                    ctx.fill_rect(x0, r.y, (x1 - x0).max(1.0), r.h);
                    if hovered == Some(bar.area) {
                        for y in [r.y - 1.5, r.y + r.h + 1.5] {
                            line([x0 - 2.0, y], [x1 + 2.0, y], theme.text, 2.0, &[])?;
                        }
                    }
                    let mid = r.y + r.h / 2.0;
                    if r.named || hovered == Some(bar.area) {
                        let class = if bar.slot.is_some() {
                            "name strong"
                        } else {
                            "name"
                        };
                        let name = &bundle.area(bar.area).name;
                        put(class, name, l.plot.x - 6.0, mid, slot(bar.slot));
                    }
                    if l.labelled {
                        let v = crate::scale::format::number(bar.value, bar.decimals);
                        put("val", &v, r.x.max(l.zero) + 4.0, mid, None);
                    }
                }
                line([l.zero, top], [l.zero, bottom], theme.muted, 1.0, &[])?;
                for r in &l.refs {
                    let (c, dash): (Rgb, &[f64]) = match r.kind {
                        bars::RefKind::England => (theme.text, &[5.0, 3.0]),
                        bars::RefKind::Region => (theme.region, &[2.0, 2.0]),
                        bars::RefKind::Neighbours => (theme.lines[1], &[8.0, 3.0, 2.0, 3.0]),
                    };
                    line([r.x, r.label_y + bars::LINE], [r.x, bottom], c, 1.5, dash)?;
                    let class = if r.leftward { "ref left" } else { "ref" };
                    put(class, &r.text, r.x, r.label_y, Some(c));
                }
            }
            Scene::Scatter(s, l) => {
                let p = &l.plot;
                for t in &l.x_ticks {
                    line([t.pos, p.y], [t.pos, p.bottom()], theme.grid, 1.0, &[])?;
                    put("x", &t.text, t.pos, p.bottom() + 6.0, None);
                }
                for t in &l.y_ticks {
                    line([p.x, t.pos], [p.right(), t.pos], theme.grid, 1.0, &[])?;
                    put("y", &t.text, p.x - 6.0, t.pos, None);
                }
                let axis = |m: MeasureId| {
                    let m = bundle.measure(m);
                    format!("{} ({})", m.short_label, m.unit)
                };
                put("axis-x", &axis(s.x), p.right(), p.bottom() + 22.0, None);
                put("axis-y", &axis(s.y), p.x + 4.0, p.y, None);
                let tau = std::f64::consts::TAU;
                // Plain points first, then the group, then the named ones, so emphasis is on top.
                let layer =
                    |p: &scatter::Point| usize::from(p.grouped) + 2 * usize::from(p.slot.is_some());
                let order = (0..4)
                    .flat_map(|k| (0..s.points.len()).filter(move |&i| layer(&s.points[i]) == k));
                for i in order {
                    let (pt, d) = (&s.points[i], l.dots[i]);
                    ctx.begin_path();
                    ctx.set_line_dash(&js_sys::Array::new())?;
                    if let Some(c) = slot(pt.slot) {
                        ctx.arc(d[0], d[1], 5.5, 0.0, tau)?;
                        ctx.set_fill_style_str(&css(c));
                        ctx.fill();
                        // Named on the side with more room.
                        let (class, x) = if d[0] > l.width / 2.0 {
                            ("pname strong left", d[0] - 8.0)
                        } else {
                            ("pname strong", d[0] + 8.0)
                        };
                        put(class, &bundle.area(pt.area).name, x, d[1], Some(c));
                    } else if pt.grouped {
                        ctx.arc(d[0], d[1], 4.0, 0.0, tau)?;
                        ctx.set_fill_style_str(&css(theme.text));
                        ctx.fill();
                    } else {
                        ctx.arc(d[0], d[1], 3.5, 0.0, tau)?;
                        ctx.set_stroke_style_str(&css(theme.border));
                        ctx.set_line_width(1.25);
                        ctx.stroke();
                    }
                    if hovered == Some(pt.area) {
                        ctx.begin_path();
                        ctx.arc(d[0], d[1], 8.0, 0.0, tau)?;
                        ctx.set_stroke_style_str(&css(theme.text));
                        ctx.set_line_width(2.0);
                        ctx.stroke();
                    }
                }
                if let Some([a, b]) = l.line {
                    line(a, b, theme.lines[1], 2.0, &[6.0, 4.0])?;
                }
            }
        }
        let doc = self.canvas.owner_document().ok_or("no document")?;
        clear(&self.labels);
        for (class, text, x, y, c) in &words {
            let s = text_el(&doc, "span", class, text, &self.labels)?;
            let st = s.style();
            st.set_property("left", &css_px(*x))?;
            st.set_property("top", &css_px(*y))?;
            if let Some(c) = c {
                st.set_property("color", &css(*c))?;
            }
        }
        *self.last.borrow_mut() = words;
        Ok(())
    }

    /// Draws the chart's words onto a picture's canvas at (dx, dy), anchored
    /// as the stylesheet anchors them in the page.
    pub fn draw_words(
        &self,
        ctx: &web_sys::CanvasRenderingContext2d,
        theme: &Theme,
        font: &dyn Fn(f64, bool) -> String,
        (dx, dy): (f64, f64),
    ) -> Result<(), JsValue> {
        for (class, text, x, y, c) in self.last.borrow().iter() {
            let left = class.ends_with("left");
            let kind = class.split(' ').next().unwrap_or("");
            let (align, base, shift) = match kind {
                "x" => ("center", "top", 0.0),
                "y" | "name" => ("right", "middle", 0.0),
                "val" => ("left", "middle", 0.0),
                "pname" if left => ("right", "middle", 0.0),
                "pname" => ("left", "middle", 0.0),
                "ref" if left => ("right", "top", -3.0),
                "ref" => ("left", "top", 3.0),
                "axis-x" => ("right", "top", 0.0),
                _ => ("left", "top", 0.0),
            };
            ctx.set_font(&font(11.0, class.contains("strong") || kind == "ref"));
            ctx.set_text_align(align);
            ctx.set_text_baseline(base);
            let muted = matches!(kind, "x" | "y");
            let colour = c.unwrap_or(if muted { theme.muted } else { theme.text });
            ctx.set_fill_style_str(&css(colour));
            ctx.fill_text(text, dx + x + shift, dy + y)?;
        }
        ctx.set_text_align("left");
        ctx.set_text_baseline("top");
        Ok(())
    }
}

/// A small table: a caption, header cells, rows of text (the first cell of
/// each row a row header). Numbers right-aligned from column `num_from`.
pub fn table(
    doc: &Document,
    parent: &HtmlElement,
    caption: &str,
    head: &[&str],
    rows: &[Vec<String>],
    num_from: usize,
) -> Result<(), JsValue> {
    clear(parent);
    let t = el(doc, "table", "", Some(parent))?;
    text_el(doc, "caption", "", caption, &t)?;
    let head_row = el(doc, "thead", "", Some(&t))?;
    let tr = el(doc, "tr", "", Some(&head_row))?;
    for (i, h) in head.iter().enumerate() {
        let th = text_el(doc, "th", if i >= num_from { "num" } else { "" }, h, &tr)?;
        th.set_attribute("scope", "col")?;
    }
    let body = el(doc, "tbody", "", Some(&t))?;
    for r in rows {
        let tr = el(doc, "tr", "", Some(&body))?;
        for (i, c) in r.iter().enumerate() {
            let cell = text_el(
                doc,
                if i == 0 { "th" } else { "td" },
                if i >= num_from { "num" } else { "" },
                c,
                &tr,
            )?;
            if i == 0 {
                cell.set_attribute("scope", "row")?;
            }
        }
    }
    Ok(())
}
