//! Export of what the widget shows: a PNG composed from the canvases with
//! the title, legend, labels and source drawn in, laid out as on screen
//! (see [`crate::view::export::sheet`]), and the CSV of figures.

use super::dom::download;
use crate::scale::format::number;
use crate::scale::theme::Theme;
use crate::view::export::{
    flow, sheet, SheetSpec, HEADING_LINE, KEY_LINE, LEGEND_LINE, SCALE, SOURCE_LINE, TITLE_LINE,
};
use crate::view::map::LegendEntry;
use crate::view::trend::Scene;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, Document, HtmlCanvasElement};

/// What goes into the picture.
pub struct Picture<'a> {
    pub title: &'a str,
    /// The map's canvas and the outlines drawn over it (path, colour, width).
    pub map: Option<(&'a HtmlCanvasElement, Vec<super::map_canvas::Outline>)>,
    pub legend: &'a [LegendEntry],
    pub legend_title: &'a str,
    pub trend: Option<(&'a HtmlCanvasElement, &'a Scene, &'a str)>,
    /// The bars or the scatter, in the map's place.
    pub chart: Option<&'a super::chart_canvas::ChartPainter>,
    /// What the chart states (r and its caveat, the gaps), under it.
    pub note: &'a str,
    pub source: &'a str,
    pub theme: &'a Theme,
    pub font: &'a str,
    /// The widget's width, and whether the map and trend sit side by side.
    pub width: f64,
    pub wide: bool,
}

/// Breaks `text` into lines no wider than `width`.
fn wrap(ctx: &CanvasRenderingContext2d, text: &str, width: f64) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let candidate = if line.is_empty() {
            word.to_string()
        } else {
            format!("{line} {word}")
        };
        if text_width(ctx, &candidate) > width && !line.is_empty() {
            lines.push(std::mem::replace(&mut line, word.to_string()));
        } else {
            line = candidate;
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

fn text_width(ctx: &CanvasRenderingContext2d, text: &str) -> f64 {
    ctx.measure_text(text).map(|m| m.width()).unwrap_or(0.0)
}

fn css_size(c: &HtmlCanvasElement) -> (f64, f64) {
    let r = c.get_bounding_client_rect();
    (r.width(), r.height())
}

const SWATCH: f64 = 14.0;
const LEGEND_GAP: f64 = 16.0;

/// Draws the picture as the widget is laid out on screen; returns the canvas.
pub fn compose(doc: &Document, p: &Picture) -> Result<HtmlCanvasElement, JsValue> {
    // The core engine draws no bars or scatter: said here, its module drops
    // the code that draws them into the picture (the compiler does not see
    // that the widget never passes one).
    let chart = if cfg!(feature = "full") {
        p.chart
    } else {
        None
    };
    let chart_size = chart.map(|c| css_size(&c.canvas));
    // The bars or the scatter take the map's place in the arrangement.
    let map_size = p.map.as_ref().map(|(b, _)| css_size(b)).or(chart_size);
    let trend_size = p.trend.map(|(c, _, _)| css_size(c));
    let width = p
        .width
        .max(map_size.map_or(0.0, |s| s.0))
        .max(trend_size.map_or(0.0, |s| s.0))
        .max(280.0);
    let canvas: HtmlCanvasElement = doc.create_element("canvas")?.dyn_into()?;
    let ctx: CanvasRenderingContext2d = canvas
        .get_context("2d")?
        .ok_or("no 2D context")?
        .dyn_into()
        .map_err(JsValue::from)?;
    let font =
        // Whole px, as integers: formatting an f64 would link float printing into the wasm.
        |size: u32, bold: bool| format!("{}{size}px {}", if bold { "700 " } else { "" }, p.font);
    // Measure and wrap every text first, to know the height.
    ctx.set_font(&font(16, true));
    let title = wrap(&ctx, p.title, width);
    ctx.set_font(&font(11, false));
    let note = wrap(&ctx, p.note, width);
    let source = wrap(&ctx, p.source, width);
    ctx.set_font(&font(13, true));
    let heading = match (p.trend, trend_size) {
        (Some((_, _, h)), Some(s)) => wrap(&ctx, h, s.0),
        _ => vec![],
    };
    ctx.set_font(&font(12, false));
    let legend_w = map_size.map_or(width, |s| s.0);
    let mut labels: Vec<String> = Vec::with_capacity(p.legend.len());
    let mut entry_w: Vec<f64> = Vec::with_capacity(p.legend.len());
    for e in p.legend {
        let l = format!("{} ({})", e.label, number(e.count as f64, 0));
        entry_w.push(SWATCH + 6.0 + text_width(&ctx, &l));
        labels.push(l);
    }
    let placed = flow(&entry_w, legend_w, LEGEND_GAP);
    let legend_title = wrap(&ctx, p.legend_title, legend_w);
    let legend_lines = if p.legend.is_empty() {
        0
    } else {
        legend_title.len() + placed.last().map_or(0, |x| x.1 + 1)
    };
    // The lines' names go at their ends where they fit, as on screen; where
    // one does not (narrow widths), all go in a key below the chart.
    ctx.set_font(&font(11, true));
    let mut ends: Vec<(&crate::view::trend::SceneLine, &str)> = Vec::new();
    if let Some((_, sc, _)) = p.trend {
        for l in &sc.lines {
            if let Some(e) = &l.end {
                ends.push((l, e.text.as_str()));
            }
        }
    }
    let mut key: Vec<(usize, String)> = Vec::new();
    if let (Some((_, sc, _)), Some(size)) = (p.trend, trend_size) {
        let too_wide = |t: &str| sc.plot.right() + 8.0 + text_width(&ctx, t) > size.0;
        if ends.iter().any(|&(_, t)| too_wide(t)) {
            for (i, &(_, t)) in ends.iter().enumerate() {
                for l in wrap(&ctx, &format!("\u{25cf} {t}"), size.0) {
                    key.push((i, l));
                }
            }
        }
    }
    let sheet = sheet(&SheetSpec {
        width,
        wide: p.wide,
        gap: crate::view::layout::GAP,
        map: map_size,
        trend: trend_size,
        title_lines: title.len(),
        heading_lines: heading.len(),
        legend_lines,
        source_lines: note.len() + source.len(),
        key_lines: key.len(),
    });
    canvas.set_width((sheet.width * SCALE).round() as u32);
    canvas.set_height((sheet.height * SCALE).round() as u32);
    ctx.scale(SCALE, SCALE)?;
    ctx.set_fill_style_str(&p.theme.background.to_string());
    ctx.fill_rect(0.0, 0.0, sheet.width, sheet.height);
    ctx.set_text_baseline("top");

    ctx.set_fill_style_str(&p.theme.text.to_string());
    ctx.set_font(&font(16, true));
    for (i, l) in title.iter().enumerate() {
        ctx.fill_text(l, sheet.title.x, sheet.title.y + i as f64 * TITLE_LINE)?;
    }
    if let (Some((base, outlines)), Some(r)) = (&p.map, sheet.map) {
        ctx.draw_image_with_html_canvas_element_and_dw_and_dh(base, r.x, r.y, r.w, r.h)?;
        ctx.save();
        // The outlines stay in the map's box, as on screen.
        ctx.begin_path();
        ctx.rect(r.x, r.y, r.w, r.h);
        ctx.clip();
        ctx.translate(r.x, r.y)?;
        ctx.set_line_join("round");
        for (path, colour, width) in outlines {
            ctx.set_stroke_style_str(&colour.to_string());
            ctx.set_line_width(*width);
            ctx.stroke_with_path(path);
        }
        ctx.restore();
    }
    if let (Some(c), None, Some(r)) = (chart, &p.map, sheet.map) {
        ctx.draw_image_with_html_canvas_element_and_dw_and_dh(&c.canvas, r.x, r.y, r.w, r.h)?;
        // The chart's words are HTML on screen: drawn in here at their places.
        let size = |s: f64, bold: bool| font(s.round() as u32, bold);
        c.draw_words(&ctx, p.theme, &size, (r.x, r.y))?;
        ctx.set_text_align("left");
        ctx.set_text_baseline("top");
    }
    if let Some(r) = sheet.legend {
        ctx.set_font(&font(12, false));
        ctx.set_fill_style_str(&p.theme.muted.to_string());
        let mut y = r.y;
        for l in &legend_title {
            ctx.fill_text(l, r.x, y + 2.0)?;
            y += LEGEND_LINE;
        }
        for ((e, label), &(dx, row)) in p.legend.iter().zip(&labels).zip(&placed) {
            let (x, y) = (r.x + dx, y + row as f64 * LEGEND_LINE);
            match e.colour {
                Some(c) => ctx.set_fill_style_str(&c.to_string()),
                None => ctx.set_fill_style_str(&p.theme.no_data.to_string()),
            }
            ctx.fill_rect(x, y, SWATCH, SWATCH);
            ctx.set_stroke_style_str(&p.theme.muted.to_string());
            ctx.set_line_width(1.0);
            ctx.stroke_rect(x + 0.5, y + 0.5, SWATCH - 1.0, SWATCH - 1.0);
            if let Some(why) = e.no_data {
                ctx.save();
                ctx.begin_path();
                ctx.rect(x, y, SWATCH, SWATCH);
                ctx.clip();
                super::map_canvas::hatch(
                    &ctx,
                    [x, y],
                    [x + SWATCH, y + SWATCH],
                    crate::view::map::Hatch::of(why),
                );
                ctx.set_stroke_style_str(&p.theme.hatch.to_string());
                ctx.stroke();
                ctx.restore();
            }
            ctx.set_fill_style_str(&p.theme.text.to_string());
            ctx.fill_text(label, x + SWATCH + 6.0, y + 1.0)?;
        }
    }
    if let (Some((c, scene, _)), Some(h), Some(r)) = (p.trend, sheet.heading, sheet.trend) {
        ctx.set_font(&font(13, true));
        ctx.set_fill_style_str(&p.theme.text.to_string());
        for (i, l) in heading.iter().enumerate() {
            ctx.fill_text(l, h.x, h.y + i as f64 * HEADING_LINE)?;
        }
        let (x, y) = (r.x, r.y);
        ctx.draw_image_with_html_canvas_element_and_dw_and_dh(c, x, y, r.w, r.h)?;
        ctx.set_font(&font(11, false));
        ctx.set_fill_style_str(&p.theme.muted.to_string());
        ctx.set_text_align("right");
        ctx.set_text_baseline("middle");
        for t in &scene.y_ticks {
            ctx.fill_text(&t.text, x + scene.plot.x - 6.0, y + t.pos)?;
        }
        ctx.set_text_align("center");
        ctx.set_text_baseline("top");
        for t in &scene.x_ticks {
            ctx.fill_text(&t.text, x + t.pos, y + scene.plot.bottom() + 6.0)?;
        }
        ctx.set_text_align("left");
        ctx.set_text_baseline("middle");
        ctx.set_font(&font(11, true));
        let colour = |l: &crate::view::trend::SceneLine| {
            crate::draw::trend::TrendColours::of(
                &super::trend_canvas::colours(p.theme),
                l.role,
                l.slot,
            )
            .to_string()
        };
        match sheet.key {
            None => {
                for l in &scene.lines {
                    if let Some(e) = &l.end {
                        ctx.set_fill_style_str(&colour(l));
                        // Wrapped as on screen, centred on the line's end.
                        let top = e.y - (e.lines.len() as f64 - 1.0) * 8.0;
                        for (i, text) in e.lines.iter().enumerate() {
                            ctx.fill_text(
                                text,
                                x + scene.plot.right() + 8.0,
                                y + top + i as f64 * 16.0,
                            )?;
                        }
                    }
                }
            }
            Some(k) => {
                ctx.set_text_baseline("top");
                for (row, (i, text)) in key.iter().enumerate() {
                    if let Some((l, _)) = ends.get(*i) {
                        ctx.set_fill_style_str(&colour(l));
                        ctx.fill_text(text, k.x, k.y + row as f64 * KEY_LINE)?;
                    }
                }
            }
        }
        ctx.set_text_baseline("top");
    }
    ctx.set_font(&font(11, false));
    ctx.set_fill_style_str(&p.theme.text.to_string());
    for (i, l) in note.iter().chain(&source).enumerate() {
        if i == note.len() {
            ctx.set_fill_style_str(&p.theme.muted.to_string());
        }
        ctx.fill_text(l, sheet.source.x, sheet.source.y + i as f64 * SOURCE_LINE)?;
    }
    Ok(canvas)
}

/// Composes the picture and offers it as a PNG download.
pub fn download_png(doc: &Document, p: &Picture, name: &str) -> Result<(), JsValue> {
    let canvas = compose(doc, p)?;
    let doc = doc.clone();
    let name = name.to_string();
    let done = Closure::once_into_js(move |blob: JsValue| {
        if let Ok(blob) = blob.dyn_into::<web_sys::Blob>() {
            let _ = download(&doc, &blob, &name);
        }
    });
    canvas.to_blob(done.unchecked_ref())
}

/// Offers text as a CSV download (UTF-8 with a byte-order mark, so
/// spreadsheet programs read "£" and "–" correctly).
pub fn download_csv(doc: &Document, csv: &str, name: &str) -> Result<(), JsValue> {
    let parts = js_sys::Array::of2(&JsValue::from_str("\u{feff}"), &JsValue::from_str(csv));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type("text/csv;charset=utf-8");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts)?;
    download(doc, &blob, name)
}
