//! Export of what the widget shows: a PNG composed from the canvases with
//! the title, legend, labels and source drawn in, and the CSV of figures.

use super::dom::download;
use crate::scale::format::number;
use crate::scale::theme::Theme;
use crate::view::map::LegendEntry;
use crate::view::trend::Scene;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, Document, HtmlCanvasElement};

/// What goes into the picture, top to bottom.
pub struct Picture<'a> {
    pub title: &'a str,
    /// The map's canvas and the outlines drawn over it (path, colour, width).
    pub map: Option<(&'a HtmlCanvasElement, Vec<super::map_canvas::Outline>)>,
    pub legend: &'a [LegendEntry],
    pub legend_title: &'a str,
    pub trend: Option<(&'a HtmlCanvasElement, &'a Scene, &'a str)>,
    /// The bars or the scatter, and their words.
    pub chart: Option<&'a super::chart_canvas::ChartPainter>,
    /// What the chart states (r and its caveat, the gaps), under it.
    pub note: &'a str,
    pub source: &'a str,
    pub theme: &'a Theme,
    pub font: &'a str,
}

const PAD: f64 = 16.0;
/// Exported pictures are drawn at twice CSS size, for print and slides.
const SCALE: f64 = 2.0;

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
        let w = ctx
            .measure_text(&candidate)
            .map(|m| m.width())
            .unwrap_or(0.0);
        if w > width && !line.is_empty() {
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

fn css_size(c: &HtmlCanvasElement) -> (f64, f64) {
    let r = c.get_bounding_client_rect();
    (r.width(), r.height())
}

/// Draws the picture; returns the canvas.
pub fn compose(doc: &Document, p: &Picture) -> Result<HtmlCanvasElement, JsValue> {
    let map_size = p.map.as_ref().map(|(b, _)| css_size(b));
    let trend_size = p.trend.map(|(c, _, _)| css_size(c));
    let chart_size = p.chart.map(|c| css_size(&c.canvas));
    let inner = map_size
        .map_or(0.0, |s| s.0)
        .max(trend_size.map_or(0.0, |s| s.0))
        .max(chart_size.map_or(0.0, |s| s.0))
        .max(320.0);
    let width = inner + 2.0 * PAD;

    let canvas: HtmlCanvasElement = doc.create_element("canvas")?.dyn_into()?;
    let ctx: CanvasRenderingContext2d = canvas
        .get_context("2d")?
        .ok_or("no 2D context")?
        .dyn_into()
        .map_err(JsValue::from)?;
    // Measure text first to know the height.
    let font =
        |size: f64, bold: bool| format!("{}{size}px {}", if bold { "700 " } else { "" }, p.font);
    ctx.set_font(&font(16.0, true));
    let title = wrap(&ctx, p.title, inner);
    ctx.set_font(&font(11.0, false));
    let source = wrap(&ctx, p.source, inner);
    ctx.set_font(&font(12.0, false));
    let note = wrap(&ctx, p.note, inner);
    let legend_rows = if p.legend.is_empty() {
        0.0
    } else {
        1.0 + p.legend.len() as f64
    };
    let height = PAD
        + title.len() as f64 * 22.0
        + 8.0
        + map_size.map_or(0.0, |s| s.1 + 8.0)
        + legend_rows * 18.0
        + trend_size.map_or(0.0, |s| s.1 + 30.0)
        + chart_size.map_or(0.0, |s| s.1 + 10.0)
        + source.len() as f64 * 15.0
        + note.len() as f64 * 16.0
        + PAD;
    canvas.set_width((width * SCALE).round() as u32);
    canvas.set_height((height * SCALE).round() as u32);
    ctx.scale(SCALE, SCALE)?;
    ctx.set_fill_style_str(&p.theme.background.to_string());
    ctx.fill_rect(0.0, 0.0, width, height);
    ctx.set_text_baseline("top");

    let mut y = PAD;
    ctx.set_fill_style_str(&p.theme.text.to_string());
    ctx.set_font(&font(16.0, true));
    for l in &title {
        ctx.fill_text(l, PAD, y)?;
        y += 22.0;
    }
    y += 8.0;
    if let (Some((base, outlines)), Some(s)) = (&p.map, map_size) {
        ctx.draw_image_with_html_canvas_element_and_dw_and_dh(base, PAD, y, s.0, s.1)?;
        ctx.save();
        ctx.translate(PAD, y)?;
        ctx.set_line_join("round");
        for (path, colour, width) in outlines {
            ctx.set_stroke_style_str(&colour.to_string());
            ctx.set_line_width(*width);
            ctx.stroke_with_path(path);
        }
        ctx.restore();
        y += s.1 + 8.0;
    }
    if !p.legend.is_empty() {
        ctx.set_font(&font(12.0, false));
        ctx.set_fill_style_str(&p.theme.muted.to_string());
        ctx.fill_text(p.legend_title, PAD, y)?;
        y += 18.0;
        for e in p.legend {
            match e.colour {
                Some(c) => ctx.set_fill_style_str(&c.to_string()),
                None => ctx.set_fill_style_str(&p.theme.no_data.to_string()),
            }
            ctx.fill_rect(PAD, y, 14.0, 14.0);
            ctx.set_stroke_style_str(&p.theme.muted.to_string());
            ctx.set_line_width(1.0);
            ctx.stroke_rect(PAD + 0.5, y + 0.5, 13.0, 13.0);
            if let Some(why) = e.no_data {
                ctx.save();
                ctx.begin_path();
                ctx.rect(PAD, y, 14.0, 14.0);
                ctx.clip();
                super::map_canvas::hatch(
                    &ctx,
                    [PAD, y],
                    [PAD + 14.0, y + 14.0],
                    crate::view::map::Hatch::of(why),
                );
                ctx.set_stroke_style_str(&p.theme.hatch.to_string());
                ctx.stroke();
                ctx.restore();
            }
            ctx.set_fill_style_str(&p.theme.text.to_string());
            ctx.fill_text(
                &format!("{} ({})", e.label, number(e.count as f64, 0)),
                PAD + 20.0,
                y + 1.0,
            )?;
            y += 18.0;
        }
    }
    if let (Some((c, scene, heading)), Some(s)) = (p.trend, trend_size) {
        y += 6.0;
        ctx.set_font(&font(13.0, true));
        ctx.set_fill_style_str(&p.theme.text.to_string());
        ctx.fill_text(heading, PAD, y)?;
        y += 20.0;
        ctx.draw_image_with_html_canvas_element_and_dw_and_dh(c, PAD, y, s.0, s.1)?;
        ctx.set_font(&font(11.0, false));
        ctx.set_fill_style_str(&p.theme.muted.to_string());
        ctx.set_text_align("right");
        ctx.set_text_baseline("middle");
        for t in &scene.y_ticks {
            ctx.fill_text(&t.text, PAD + scene.plot.x - 6.0, y + t.pos)?;
        }
        ctx.set_text_align("center");
        ctx.set_text_baseline("top");
        for t in &scene.x_ticks {
            ctx.fill_text(&t.text, PAD + t.pos, y + scene.plot.bottom() + 6.0)?;
        }
        ctx.set_text_align("left");
        ctx.set_text_baseline("middle");
        ctx.set_font(&font(11.0, true));
        for l in &scene.lines {
            if let Some(e) = &l.end {
                let c = crate::draw::trend::TrendColours::of(
                    &super::trend_canvas::colours(p.theme),
                    l.role,
                    l.slot,
                );
                ctx.set_fill_style_str(&c.to_string());
                ctx.fill_text(&e.text, PAD + scene.plot.right() + 8.0, y + e.y)?;
            }
        }
        ctx.set_text_baseline("top");
        y += s.1 + 10.0;
    }
    if let (Some(c), Some(s)) = (p.chart, chart_size) {
        ctx.draw_image_with_html_canvas_element_and_dw_and_dh(&c.canvas, PAD, y, s.0, s.1)?;
        c.draw_words(&ctx, p.theme, &font, (PAD, y))?;
        y += s.1 + 10.0;
    }
    ctx.set_font(&font(12.0, false));
    ctx.set_fill_style_str(&p.theme.text.to_string());
    for l in &note {
        ctx.fill_text(l, PAD, y)?;
        y += 16.0;
    }
    ctx.set_font(&font(11.0, false));
    ctx.set_fill_style_str(&p.theme.muted.to_string());
    for l in &source {
        ctx.fill_text(l, PAD, y)?;
        y += 15.0;
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
