//! Paints the choropleth with the canvas 2D API directly: fractional
//! coordinates and even–odd fills, which plotters' integer paths cannot give.
//!
//! Two stacked canvases: the base holds fills and borders and is repainted
//! when the figures change; the overlay holds outlines of hovered, selected
//! and highlighted areas and is all a pointer move repaints. Each area's
//! outline is built once as a `Path2D` per layout, so repaints only fill.

use crate::data::{AreaId, Geometry};
use crate::geo::Point;
use crate::scale::theme::Theme;
use crate::scale::Rgb;
use crate::view::map::{path_data, Choropleth, Fill, Fit, MapLayer};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, CanvasWindingRule, Document, HtmlCanvasElement, Path2d};

pub struct MapPainter {
    pub base: HtmlCanvasElement,
    pub overlay: HtmlCanvasElement,
    /// Parallel to the layer's areas, in CSS px.
    paths: Vec<Path2d>,
    borders: Option<Path2d>,
    size: (f64, f64),
    dpr: f64,
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
    let s = c.style();
    s.set_property("width", &crate::scale::format::css_px(css.0))?;
    s.set_property("height", &crate::scale::format::css_px(css.1))
}

fn css(c: Rgb) -> String {
    c.to_string()
}

impl MapPainter {
    pub fn new(doc: &Document, parent: &web_sys::Node) -> Result<MapPainter, JsValue> {
        let base: HtmlCanvasElement = doc.create_element("canvas")?.dyn_into()?;
        base.set_class_name("map");
        base.set_attribute("role", "img")?;
        parent.append_child(&base)?;
        let overlay: HtmlCanvasElement = doc.create_element("canvas")?.dyn_into()?;
        overlay.set_class_name("overlay");
        // The base canvas carries the picture's text alternative.
        overlay.set_attribute("aria-hidden", "true")?;
        parent.append_child(&overlay)?;
        Ok(MapPainter {
            base,
            overlay,
            paths: Vec::new(),
            borders: None,
            size: (0.0, 0.0),
            dpr: 1.0,
        })
    }

    /// Sizes the canvases and builds the areas' paths for this layer and fit.
    pub fn prepare(
        &mut self,
        layer: &MapLayer,
        fit: &Fit,
        geometry: &Geometry,
        size: (f64, f64),
        dpr: f64,
    ) -> Result<(), JsValue> {
        size_canvas(&self.base, size, dpr)?;
        size_canvas(&self.overlay, size, dpr)?;
        self.size = size;
        self.dpr = dpr;
        self.paths.clear();
        for a in &layer.areas {
            let rings = a
                .polygons
                .iter()
                .flat_map(|p| p.rings.iter().map(Vec::as_slice));
            self.paths
                .push(Path2d::new_with_path_string(&path_data(rings, fit, true))?);
        }
        let arcs: Vec<Vec<Point>> = layer
            .arcs
            .iter()
            .map(|&i| geometry.arc_points(i).collect())
            .collect();
        let b =
            Path2d::new_with_path_string(&path_data(arcs.iter().map(Vec::as_slice), fit, false))?;
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
            if matches!(fill, Fill::NoData(_)) {
                // Hatching, so "no data" reads without colour.
                ctx.save();
                ctx.clip_with_path_2d_and_winding(path, CanvasWindingRule::Evenodd);
                let tl = fit.to_screen([a.bbox.min[0], a.bbox.max[1]]);
                let br = fit.to_screen([a.bbox.max[0], a.bbox.min[1]]);
                let h = br[1] - tl[1];
                ctx.begin_path();
                let mut x = tl[0] - h;
                while x < br[0] {
                    ctx.move_to(x, br[1]);
                    ctx.line_to(x + h, tl[1]);
                    x += 5.0;
                }
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
        Ok(())
    }

    fn outline(
        &self,
        ctx: &CanvasRenderingContext2d,
        layer: &MapLayer,
        fit: &Fit,
        id: AreaId,
        colour: Rgb,
        width: f64,
    ) -> Result<(), JsValue> {
        let Some(i) = layer.areas.iter().position(|a| a.id == id) else {
            return Ok(());
        };
        ctx.set_stroke_style_str(&css(colour));
        ctx.set_line_width(width);
        ctx.stroke_with_path(&self.paths[i]);
        let a = &layer.areas[i];
        if layer.is_tiny(fit, a) {
            let c = fit.to_screen(a.anchor);
            ctx.begin_path();
            ctx.arc(c[0], c[1], 6.0, 0.0, std::f64::consts::TAU)?;
            ctx.stroke();
        }
        Ok(())
    }

    /// Outlines: highlighted and selected areas in their line colours, the
    /// hovered one in the text colour, and the keyboard focus ring on top.
    pub fn paint_overlay(
        &self,
        layer: &MapLayer,
        fit: &Fit,
        theme: &Theme,
        lines: &[(AreaId, usize)],
        hovered: Option<AreaId>,
        focused: Option<AreaId>,
    ) -> Result<(), JsValue> {
        let ctx = self.ctx(&self.overlay)?;
        for &(id, slot) in lines {
            // A halo in the background colour keeps the outline visible on any fill.
            self.outline(&ctx, layer, fit, id, theme.background, 5.0)?;
            self.outline(
                &ctx,
                layer,
                fit,
                id,
                theme.lines[slot % theme.lines.len()],
                2.5,
            )?;
        }
        if let Some(h) = hovered {
            self.outline(&ctx, layer, fit, h, theme.background, 4.5)?;
            self.outline(&ctx, layer, fit, h, theme.text, 2.0)?;
        }
        if let Some(f) = focused {
            // The keyboard focus ring: thicker than any other outline, on a halo.
            self.outline(&ctx, layer, fit, f, theme.background, 7.0)?;
            self.outline(&ctx, layer, fit, f, theme.focus_ring, 3.5)?;
        }
        Ok(())
    }
}
