//! Paints the choropleth with the canvas 2D API directly: fractional
//! coordinates and even–odd fills, which plotters' integer paths cannot give.
//!
//! A canvas holds fills and borders and is repainted when the figures change.
//! Over it, an SVG holds the outlines of hovered, selected, highlighted and
//! focused areas: a pointer move changes one path's `d`, and the browser
//! repaints just that path's box rather than a whole canvas. Each area's
//! outline is built once per layout, as SVG path data and as a `Path2D`.

use crate::data::{AreaId, Geometry};
use crate::geo::Point;
use crate::scale::theme::Theme;
use crate::scale::Rgb;
use crate::view::inset::Inset;
use crate::view::map::{path_data, rect_path, Choropleth, Fill, Fit, Hatch, MapLayer};
use crate::view::trend::Rect;
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{
    CanvasRenderingContext2d, CanvasWindingRule, Document, Element, HtmlCanvasElement, Path2d,
};

const SVG: &str = "http://www.w3.org/2000/svg";

/// An outline to stroke in a picture: its path, colour and width in CSS px.
pub type Outline = (Path2d, Rgb, f64);

pub struct MapPainter {
    pub base: HtmlCanvasElement,
    /// The outlines, and the pointer's target.
    pub overlay: Element,
    /// Selected and highlighted outlines; the hover and focus outlines
    /// (each a halo path and a line path).
    lines: Element,
    hover: [Element; 2],
    focus: [Element; 2],
    /// What `lines` shows, to redraw it only when it changes.
    lines_key: RefCell<String>,
    /// Parallel to the layer's areas, in CSS px: their ids, SVG path data,
    /// and the same as Path2D; and the fit they were made for.
    ids: Vec<AreaId>,
    /// The inset tile each area's outline rings, if any.
    tiles: Vec<Option<Rect>>,
    data: Vec<String>,
    paths: Vec<Path2d>,
    /// Paths built for this fit but not on the map now (other years'
    /// areas, or the same area with another tile), kept to reuse.
    spare: Vec<(AreaId, Option<Rect>, String, Path2d)>,
    /// The borders of the layers drawn at this fit, by their arcs.
    borders_memo: Vec<(Vec<usize>, Path2d)>,
    fit: Option<Fit>,
    /// The London inset the paths were made with.
    inset: Option<Inset>,
    borders: Option<Path2d>,
    size: (f64, f64),
    dpr: f64,
    /// The page's font family, for the inset's words.
    pub font: String,
}

pub fn context(canvas: &HtmlCanvasElement) -> Result<CanvasRenderingContext2d, JsValue> {
    canvas
        .get_context("2d")?
        .ok_or_else(|| JsValue::from_str("canvas 2D context unavailable"))?
        .dyn_into::<CanvasRenderingContext2d>()
        .map_err(JsValue::from)
}

/// Sizes a canvas to `css` pixels, backed by `css × dpr` device pixels.
pub fn size_canvas(c: &HtmlCanvasElement, css: (f64, f64), dpr: f64) -> Result<(), JsValue> {
    let (w, h) = ((css.0 * dpr).round() as u32, (css.1 * dpr).round() as u32);
    if c.width() != w {
        c.set_width(w);
    }
    if c.height() != h {
        c.set_height(h);
    }
    // Unchanged sizes are not written again: each write dirties the style.
    let s = c.style();
    for (prop, v) in [("width", css.0), ("height", css.1)] {
        let want = crate::scale::format::css_px(v);
        if s.get_property_value(prop).ok().as_deref() != Some(want.as_str()) {
            s.set_property(prop, &want)?;
        }
    }
    Ok(())
}

fn css(c: Rgb) -> String {
    c.to_string()
}

/// Traces a hatch pattern's lines over the box from `tl` to `br` (the caller
/// clips and strokes).
pub fn hatch(ctx: &CanvasRenderingContext2d, tl: [f64; 2], br: [f64; 2], h: Hatch) {
    let side = br[1] - tl[1];
    ctx.begin_path();
    let mut x = tl[0] - side;
    while x < br[0] + side {
        ctx.move_to(x, br[1]);
        ctx.line_to(x + side, tl[1]);
        if h.cross {
            ctx.move_to(x, tl[1]);
            ctx.line_to(x + side, br[1]);
        }
        x += h.spacing;
    }
}

impl MapPainter {
    pub fn new(doc: &Document, parent: &web_sys::Node) -> Result<MapPainter, JsValue> {
        let base: HtmlCanvasElement = doc.create_element("canvas")?.dyn_into()?;
        base.set_class_name("map");
        base.set_attribute("role", "img")?;
        parent.append_child(&base)?;
        let overlay = doc.create_element_ns(Some(SVG), "svg")?;
        overlay.set_attribute("class", "overlay")?;
        // The base canvas carries the picture's text alternative.
        overlay.set_attribute("aria-hidden", "true")?;
        overlay.set_attribute("focusable", "false")?;
        parent.append_child(&overlay)?;
        let path = |parent: &Element| -> Result<Element, JsValue> {
            let p = doc.create_element_ns(Some(SVG), "path")?;
            p.set_attribute("fill", "none")?;
            p.set_attribute("stroke-linejoin", "round")?;
            parent.append_child(&p)?;
            Ok(p)
        };
        let lines = doc.create_element_ns(Some(SVG), "g")?;
        overlay.append_child(&lines)?;
        let hover = [path(&overlay)?, path(&overlay)?];
        let focus = [path(&overlay)?, path(&overlay)?];
        Ok(MapPainter {
            base,
            overlay,
            lines,
            hover,
            focus,
            lines_key: RefCell::new(String::new()),
            ids: Vec::new(),
            tiles: Vec::new(),
            data: Vec::new(),
            spare: Vec::new(),
            borders_memo: Vec::new(),
            paths: Vec::new(),
            fit: None,
            inset: None,
            borders: None,
            size: (0.0, 0.0),
            dpr: 1.0,
            font: "sans-serif".into(),
        })
    }

    /// Sizes the canvases and builds the areas' paths for this layer and fit;
    /// a borough's outline also rings its tile in the London inset, if shown.
    pub fn prepare(
        &mut self,
        layer: &MapLayer,
        fit: &Fit,
        geometry: &Geometry,
        size: (f64, f64),
        dpr: f64,
        inset: Option<&Inset>,
    ) -> Result<(), JsValue> {
        size_canvas(&self.base, size, dpr)?;
        let (w, h) = (
            crate::scale::format::css_px(size.0),
            crate::scale::format::css_px(size.1),
        );
        self.overlay.set_attribute("width", &w)?;
        self.overlay.set_attribute("height", &h)?;
        self.overlay.set_attribute(
            "viewBox",
            &format!(
                "0 0 {} {}",
                w.strip_suffix("px").unwrap_or(&w),
                h.strip_suffix("px").unwrap_or(&h)
            ),
        )?;
        // Areas drawn at the same scale before keep their paths (with the
        // same inset tile, if any): a year that swaps a few authorities
        // rebuilds only theirs, and a year seen before rebuilds none.
        if self.fit.as_ref() == Some(fit) {
            // A loop, not four zipped drains: that chain's code is large.
            // `spare` ends up reversed, which does not matter: it is searched
            // by (area, tile), and no two entries share one.
            while let (Some(a), Some(t), Some(d), Some(p)) = (
                self.ids.pop(),
                self.tiles.pop(),
                self.data.pop(),
                self.paths.pop(),
            ) {
                self.spare.push((a, t, d, p));
            }
        } else {
            self.spare.clear();
            self.borders_memo.clear();
        }
        self.inset = inset.cloned();
        self.size = size;
        self.dpr = dpr;
        self.fit = Some(*fit);
        self.ids.clear();
        self.tiles.clear();
        self.paths.clear();
        self.data.clear();
        for (i, a) in layer.areas.iter().enumerate() {
            let tile = inset.and_then(|x| x.tile_of(i));
            let kept = self
                .spare
                .iter()
                .position(|(id, t, _, _)| *id == a.id && *t == tile);
            if let Some(k) = kept {
                let (_, _, d, p) = self.spare.swap_remove(k);
                self.ids.push(a.id);
                self.tiles.push(tile);
                self.data.push(d);
                self.paths.push(p);
                continue;
            }
            let rings = a
                .polygons
                .iter()
                .flat_map(|p| p.rings.iter().map(Vec::as_slice));
            let mut d = path_data(rings, fit, true);
            self.paths.push(Path2d::new_with_path_string(&d)?);
            if layer.is_tiny(fit, a) {
                // A ring round the marker, so a tiny area's outline can be seen.
                let c = fit.to_screen(a.anchor);
                // A 12-gon from a table: sin and cos would bring 7 KB of libm.
                const C: [f64; 4] = [1.0, 0.866_025_403_8, 0.5, 0.0];
                let mut ring: Vec<Point> = Vec::with_capacity(13);
                for k in 0..=12 {
                    let (cos, sin) = match k % 12 {
                        k @ 0..=3 => (C[k], C[3 - k]),
                        k @ 4..=6 => (-C[6 - k], C[k - 3]),
                        k @ 7..=9 => (-C[k - 6], -C[9 - k]),
                        k => (C[12 - k], -C[k - 9]),
                    };
                    ring.push(fit.to_world([c[0] + 6.0 * cos, c[1] + 6.0 * sin]));
                }
                d += &path_data([ring.as_slice()], fit, true);
            }
            if let Some(t) = tile {
                d += &rect_path(t.x, t.y, t.w, t.h);
            }
            self.ids.push(a.id);
            self.tiles.push(tile);
            self.data.push(d);
        }
        self.lines_key.borrow_mut().clear();
        let kept = self
            .borders_memo
            .iter()
            .find(|(arcs, _)| *arcs == layer.arcs);
        let b = match kept {
            Some((_, b)) => b.clone(),
            None => {
                let mut arcs: Vec<Vec<Point>> = Vec::with_capacity(layer.arcs.len());
                for &i in &layer.arcs {
                    let mut points = Vec::new();
                    for p in geometry.arc_points(i) {
                        points.push(p);
                    }
                    arcs.push(points);
                }
                let d = path_data(arcs.iter().map(Vec::as_slice), fit, false);
                let b = Path2d::new_with_path_string(&d)?;
                super::keep_recent(&mut self.borders_memo, (layer.arcs.clone(), b.clone()));
                b
            }
        };
        self.borders = Some(b);
        Ok(())
    }

    fn ctx(&self, c: &HtmlCanvasElement) -> Result<CanvasRenderingContext2d, JsValue> {
        let ctx = context(c)?;
        ctx.set_transform(self.dpr, 0.0, 0.0, self.dpr, 0.0, 0.0)?;
        ctx.clear_rect(0.0, 0.0, self.size.0, self.size.1);
        ctx.set_line_join("round");
        Ok(ctx)
    }

    /// Fills, hatching for missing data, borders, and markers for tiny areas.
    pub fn paint_base(
        &self,
        layer: &MapLayer,
        choro: &Choropleth,
        fit: &Fit,
        theme: &Theme,
        labels: &[String],
    ) -> Result<(), JsValue> {
        let ctx = self.ctx(&self.base)?;
        for ((a, fill), path) in layer.areas.iter().zip(&choro.fills).zip(&self.paths) {
            let colour = match *fill {
                Fill::Faded => theme.faded,
                Fill::NoData(_) => theme.no_data,
                f => choro.colour(f).unwrap_or(theme.no_data),
            };
            ctx.set_fill_style_str(&css(colour));
            ctx.fill_with_path_2d_and_winding(path, CanvasWindingRule::Evenodd);
            if let Fill::NoData(why) = *fill {
                // Hatching, so "no data" (and why) reads without colour.
                ctx.save();
                ctx.clip_with_path_2d_and_winding(path, CanvasWindingRule::Evenodd);
                let tl = fit.to_screen([a.bbox.min[0], a.bbox.max[1]]);
                let br = fit.to_screen([a.bbox.max[0], a.bbox.min[1]]);
                hatch(&ctx, tl, br, Hatch::of(why));
                ctx.set_stroke_style_str(&css(theme.hatch));
                ctx.set_line_width(1.0);
                ctx.stroke();
                ctx.restore();
            }
        }
        if let Some(b) = &self.borders {
            ctx.set_stroke_style_str(&css(theme.border));
            ctx.set_line_width(0.75);
            ctx.stroke_with_path(b);
        }
        for (a, fill) in layer.areas.iter().zip(&choro.fills) {
            if a.in_focus && layer.is_tiny(fit, a) {
                let c = fit.to_screen(a.anchor);
                ctx.begin_path();
                ctx.arc(c[0], c[1], 4.0, 0.0, std::f64::consts::TAU)?;
                ctx.set_fill_style_str(&css(choro.colour(*fill).unwrap_or(theme.no_data)));
                ctx.fill();
                ctx.set_stroke_style_str(&css(theme.text));
                ctx.set_line_width(1.0);
                ctx.stroke();
            }
        }
        if let Some(inset) = &self.inset {
            self.paint_inset(&ctx, inset, choro, theme, labels)?;
        }
        Ok(())
    }

    /// The London inset: a framed box titled "London", one tile per borough
    /// in its class's colour (hatched for no data), with its abbreviation.
    fn paint_inset(
        &self,
        ctx: &CanvasRenderingContext2d,
        inset: &Inset,
        choro: &Choropleth,
        theme: &Theme,
        labels: &[String],
    ) -> Result<(), JsValue> {
        let f = inset.frame;
        ctx.set_fill_style_str(&css(theme.background));
        ctx.fill_rect(f.x, f.y, f.w, f.h);
        ctx.set_stroke_style_str(&css(theme.muted));
        ctx.set_line_width(1.0);
        ctx.stroke_rect(f.x + 0.5, f.y + 0.5, f.w - 1.0, f.h - 1.0);
        ctx.set_fill_style_str(&css(theme.text));
        ctx.set_text_baseline("middle");
        ctx.set_text_align("left");
        ctx.set_font(&format!("700 12px {}", self.font));
        ctx.fill_text(
            "London",
            f.x + crate::view::inset::PAD,
            f.y + crate::view::inset::PAD + crate::view::inset::TITLE_H / 2.0 - 1.0,
        )?;
        // Whole px, as an integer: formatting an f64 would link float printing into the wasm.
        let size = (inset.pitch * 0.34).clamp(8.0, 12.0) as u32;
        ctx.set_font(&format!("700 {size}px {}", self.font));
        ctx.set_text_align("center");
        for (k, (i, t)) in inset.tiles().enumerate() {
            let fill = choro.fills.get(i).copied().unwrap_or(Fill::Faded);
            let colour = match fill {
                Fill::Faded | Fill::NoData(_) => theme.no_data,
                f => choro.colour(f).unwrap_or(theme.no_data),
            };
            ctx.set_fill_style_str(&css(colour));
            ctx.fill_rect(t.x, t.y, t.w, t.h);
            if let Fill::NoData(why) = fill {
                ctx.save();
                ctx.begin_path();
                ctx.rect(t.x, t.y, t.w, t.h);
                ctx.clip();
                hatch(ctx, [t.x, t.y], [t.x + t.w, t.y + t.h], Hatch::of(why));
                ctx.set_stroke_style_str(&css(theme.hatch));
                ctx.stroke();
                ctx.restore();
            }
            ctx.set_stroke_style_str(&css(theme.border));
            ctx.set_line_width(0.75);
            ctx.stroke_rect(t.x, t.y, t.w, t.h);
            if let Some(l) = labels.get(k) {
                // Dark text on light fills, light on dark: whichever contrasts more.
                let (dark, light) = (Rgb(0x1a, 0x1a, 0x1a), Rgb(0xff, 0xff, 0xff));
                let text = if colour.contrast(dark) >= colour.contrast(light) {
                    dark
                } else {
                    light
                };
                ctx.set_fill_style_str(&css(text));
                ctx.fill_text(l, t.x + t.w / 2.0, t.y + t.h / 2.0 + 0.5)?;
            }
        }
        ctx.set_text_align("left");
        Ok(())
    }

    /// An area's outline as SVG path data, or "" if it is not on the map.
    fn d(&self, layer: &MapLayer, id: Option<AreaId>) -> &str {
        id.and_then(|id| layer.areas.iter().position(|a| a.id == id))
            .and_then(|i| self.data.get(i))
            .map_or("", String::as_str)
    }

    /// Outlines: highlighted and selected areas in their line colours, the
    /// hovered one in the text colour, and the keyboard focus ring on top,
    /// each on a halo in the background colour so it shows on any fill.
    pub fn paint_overlay(
        &self,
        layer: &MapLayer,
        theme: &Theme,
        lines: &[(AreaId, usize)],
        neighbours: &[AreaId],
        hovered: Option<AreaId>,
        focused: Option<AreaId>,
    ) -> Result<(), JsValue> {
        // What the group shows: each area and colour (the theme may change too).
        let mut key = String::new();
        for &(id, slot) in lines {
            let colour = theme.lines[slot % theme.lines.len()];
            key += &format!("{id}:{colour}:{};", theme.background);
        }
        for id in neighbours {
            key += &format!("n{id}:{}:{};", theme.text, theme.background);
        }
        if *self.lines_key.borrow() != key {
            let doc = self.overlay.owner_document().ok_or("no document")?;
            super::dom::clear(&self.lines);
            // Statistical neighbours: a dashed outline under the coloured
            // ones, so an area both selected and a neighbour shows its colour.
            for &id in neighbours {
                for (colour, width, dash) in [
                    (theme.background, "4", None),
                    (theme.text, "1.75", Some("5 3")),
                ] {
                    let p = doc.create_element_ns(Some(SVG), "path")?;
                    p.set_attribute("d", self.d(layer, Some(id)))?;
                    p.set_attribute("fill", "none")?;
                    p.set_attribute("stroke", &css(colour))?;
                    p.set_attribute("stroke-width", width)?;
                    p.set_attribute("stroke-linejoin", "round")?;
                    if let Some(d) = dash {
                        p.set_attribute("stroke-dasharray", d)?;
                    }
                    p.set_attribute("class", "neighbour")?;
                    self.lines.append_child(&p)?;
                }
            }
            for &(id, slot) in lines {
                for (colour, width) in [
                    (theme.background, "5"),
                    (theme.lines[slot % theme.lines.len()], "2.5"),
                ] {
                    let p = doc.create_element_ns(Some(SVG), "path")?;
                    p.set_attribute("d", self.d(layer, Some(id)))?;
                    p.set_attribute("fill", "none")?;
                    p.set_attribute("stroke", &css(colour))?;
                    p.set_attribute("stroke-width", width)?;
                    p.set_attribute("stroke-linejoin", "round")?;
                    self.lines.append_child(&p)?;
                }
            }
            *self.lines_key.borrow_mut() = key;
        }
        let set = |pair: &[Element; 2],
                   id: Option<AreaId>,
                   colour: Rgb,
                   widths: [&str; 2]|
         -> Result<(), JsValue> {
            let d = self.d(layer, id);
            for (p, (c, w)) in pair
                .iter()
                .zip([(theme.background, widths[0]), (colour, widths[1])])
            {
                if p.get_attribute("d").as_deref() != Some(d) {
                    p.set_attribute("d", d)?;
                }
                super::dom::set_attr(p, "stroke", &css(c))?;
                super::dom::set_attr(p, "stroke-width", w)?;
            }
            Ok(())
        };
        set(&self.hover, hovered, theme.text, ["4.5", "2"])?;
        // The keyboard focus ring: thicker than any other outline.
        set(&self.focus, focused, theme.focus_ring, ["7", "3.5"])?;
        Ok(())
    }

    /// The outlines shown, as Path2D strokes for a picture: (path, colour, width).
    pub fn outlines(
        &self,
        layer: &MapLayer,
        theme: &Theme,
        lines: &[(AreaId, usize)],
    ) -> Result<Vec<Outline>, JsValue> {
        let mut out = Vec::new();
        for &(id, slot) in lines {
            let d = self.d(layer, Some(id));
            if !d.is_empty() {
                out.push((Path2d::new_with_path_string(d)?, theme.background, 5.0));
                out.push((
                    Path2d::new_with_path_string(d)?,
                    theme.lines[slot % theme.lines.len()],
                    2.5,
                ));
            }
        }
        Ok(out)
    }
}
