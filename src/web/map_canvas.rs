//! Paints the choropleth with the canvas 2D API directly: fractional
//! coordinates and even–odd fills, which plotters' integer paths cannot give.

use crate::data::AreaId;
use crate::geo::Point;
use crate::scale::Rgb;
use crate::view::map::{Choropleth, Fill, Fit, MapLayer};
use wasm_bindgen::prelude::*;
use web_sys::{CanvasRenderingContext2d, CanvasWindingRule};

/// Colours the map needs from the theme.
pub struct MapColours {
    pub border: Rgb,
    pub outline: Rgb,
    pub accent: Rgb,
    pub no_data: Rgb,
}

fn trace_polygon(ctx: &CanvasRenderingContext2d, fit: &Fit, rings: &[Vec<Point>]) {
    for ring in rings {
        let mut pts = ring.iter().map(|&p| fit.to_screen(p));
        if let Some(p) = pts.next() {
            ctx.move_to(p[0], p[1]);
            for p in pts {
                ctx.line_to(p[0], p[1]);
            }
            ctx.close_path();
        }
    }
}

fn outline(
    ctx: &CanvasRenderingContext2d,
    layer: &MapLayer,
    fit: &Fit,
    id: AreaId,
    colour: Rgb,
    width: f64,
) {
    if let Some(a) = layer.get(id) {
        ctx.begin_path();
        for poly in &a.polygons {
            trace_polygon(ctx, fit, &poly.rings);
        }
        ctx.set_stroke_style_str(&colour.to_string());
        ctx.set_line_width(width);
        ctx.stroke();
    }
}

#[allow(clippy::too_many_arguments)]
pub fn paint(
    ctx: &CanvasRenderingContext2d,
    size: (f64, f64),
    dpr: f64,
    layer: &MapLayer,
    choro: &Choropleth,
    fit: &Fit,
    colours: &MapColours,
    highlight: &[AreaId],
    hovered: Option<AreaId>,
    bundle_geometry: &crate::data::Geometry,
) -> Result<(), JsValue> {
    ctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0)?;
    ctx.clear_rect(0.0, 0.0, size.0, size.1);
    ctx.set_line_join("round");
    for (a, fill) in layer.areas.iter().zip(&choro.fills) {
        let colour = match *fill {
            Fill::Class(_) => choro.colour(*fill).unwrap_or(colours.no_data),
            Fill::NoData(_) => colours.no_data,
        };
        ctx.begin_path();
        for poly in &a.polygons {
            trace_polygon(ctx, fit, &poly.rings);
        }
        ctx.set_fill_style_str(&colour.to_string());
        ctx.fill_with_canvas_winding_rule(CanvasWindingRule::Evenodd);
    }
    // Borders: every arc once, in the page's background colour, so
    // neighbours read as separate without a heavy line.
    ctx.begin_path();
    for &i in &layer.arcs {
        let mut pts = bundle_geometry.arc_points(i).map(|p| fit.to_screen(p));
        if let Some(p) = pts.next() {
            ctx.move_to(p[0], p[1]);
            for p in pts {
                ctx.line_to(p[0], p[1]);
            }
        }
    }
    ctx.set_stroke_style_str(&colours.border.to_string());
    ctx.set_line_width(1.0);
    ctx.stroke();
    for &h in highlight {
        outline(ctx, layer, fit, h, colours.accent, 2.5);
    }
    if let Some(h) = hovered {
        outline(ctx, layer, fit, h, colours.outline, 2.0);
    }
    Ok(())
}
