//! What the widget computes from a page's input, natively: the same pure
//! calls, in the same order, as `src/web/widget.rs` makes to draw a view
//! (options, map layer, classes, legend, words, trend, table, CSV export),
//! with none of the DOM. The hardening tests and the fuzz harness feed it.
#![allow(dead_code)]

use care_atlas::data::{AreaId, Bundle, Level};
use care_atlas::draw::trend::{draw, TrendColours};
use care_atlas::view::map::{path_data, preferred_height, Choropleth, Fit, MapLayer};
use care_atlas::view::options::{OptionError, Options, ViewKind};
use care_atlas::view::selection::{trend_focus, Selection};
use care_atlas::view::table::{self, Sort};
use care_atlas::view::{export, nav, text, trend};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, DrawingBackend, DrawingErrorKind,
};
use std::collections::HashMap;

/// Map layers depend only on the level, the areas live and the focus, not on
/// the figures: built once per key, as the widget keeps them across years.
#[derive(Default)]
pub struct Layers(HashMap<(Level, u16, Option<AreaId>), MapLayer>);

impl Layers {
    fn get(&mut self, b: &Bundle, level: Level, map_year: u16, focus: Option<AreaId>) -> MapLayer {
        self.0
            .entry((level, map_year, focus))
            .or_insert_with(|| MapLayer::new(b, level, map_year, focus))
            .clone()
    }
}

/// Everything the widget would show, as text and numbers.
#[derive(Debug, Default)]
pub struct Shown {
    /// Title, summaries, legend entries, tooltips, listbox words, table cells, tick labels.
    pub words: Vec<String>,
    pub csv: String,
    pub y_ticks: usize,
    pub x_ticks: usize,
    pub path_chars: usize,
}

/// A backend that draws nothing and checks that every coordinate plotters
/// is given is one a canvas can take.
pub struct Checked {
    pub calls: usize,
}

#[derive(Debug)]
pub struct Never;

impl std::fmt::Display for Never {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("never")
    }
}

impl std::error::Error for Never {}

impl Checked {
    fn point(&mut self, p: BackendCoord) {
        self.calls += 1;
        // Saturated casts land on the i32 limits: a coordinate from a non-finite value.
        assert!(
            p.0.abs() < i32::MAX && p.1.abs() < i32::MAX,
            "coordinate {p:?} is not finite"
        );
    }
}

impl DrawingBackend for Checked {
    type ErrorType = Never;

    fn get_size(&self) -> (u32, u32) {
        (800, 400)
    }

    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<Never>> {
        Ok(())
    }

    fn present(&mut self) -> Result<(), DrawingErrorKind<Never>> {
        Ok(())
    }

    fn draw_pixel(
        &mut self,
        p: BackendCoord,
        _: BackendColor,
    ) -> Result<(), DrawingErrorKind<Never>> {
        self.point(p);
        Ok(())
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        a: BackendCoord,
        b: BackendCoord,
        _: &S,
    ) -> Result<(), DrawingErrorKind<Never>> {
        self.point(a);
        self.point(b);
        Ok(())
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        _: &S,
    ) -> Result<(), DrawingErrorKind<Never>> {
        for p in path {
            self.point(p);
        }
        Ok(())
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        c: BackendCoord,
        _: u32,
        _: &S,
        _: bool,
    ) -> Result<(), DrawingErrorKind<Never>> {
        self.point(c);
        Ok(())
    }
}

fn colours() -> TrendColours {
    let c = care_atlas::scale::Rgb(10, 20, 30);
    TrendColours {
        focus: vec![c; 6],
        england: c,
        region: c,
        neighbours: c,
        context: c,
        grid: c,
        axis: c,
    }
}

/// Draws what `attr` asks for from `bundle`, `width` CSS px wide, with
/// `hovered` under the pointer; `paths` also builds the map's SVG paths (the
/// slowest step, so the fuzz harness does it for a share of its cases).
pub fn show(
    bundle: &Bundle,
    attr: &dyn Fn(&str) -> Option<String>,
    layers: &mut Layers,
    width: f64,
    hovered: Option<usize>,
    paths: bool,
) -> Result<Shown, OptionError> {
    let o = Options::parse(bundle, attr)?;
    let mut out = Shown::default();
    let m = o.measure;
    let year = o.year;
    let years = bundle.years_of(m);
    assert!(
        years.contains(&year),
        "year {year} has no data for {}",
        bundle.measure(m).id
    );
    let mut selection = Selection::new(&o.selected);
    let map_year = bundle.map_year(m, year);
    let mut layer = layers.get(bundle, o.level, map_year, o.focus);
    layer.year = year;
    let choro = Choropleth::new(bundle, &layer, m, o.palette, &o.classes);
    selection.retain(|a| bundle.area(a).level == o.level || o.highlight.contains(&a));
    let active: Vec<AreaId> = layer.active().map(|a| a.id).collect();
    let w = &mut out.words;
    w.push(text::title(bundle, m, year));
    w.push(text::title_over_time(bundle, m));
    w.push(text::map_summary(
        bundle,
        m,
        year,
        o.level,
        &active,
        o.focus,
        selection.areas(),
    ));
    for e in choro.legend(bundle, m) {
        w.push(e.label);
    }
    for &a in &active {
        let cell = bundle.cell(m, a, year);
        w.push(text::value_phrase(bundle, m, &cell));
        let t = text::tooltip(bundle, m, a, year);
        w.extend([t.name, t.value, t.detail]);
    }
    let order = nav::by_name(&layer, |i| bundle.area(layer.areas[i].id).name.clone());
    assert_eq!(order.len(), active.len());

    let h = o
        .height
        .unwrap_or_else(|| preferred_height(layer.frame, width, 8.0).min(640.0));
    let fit = Fit::new(layer.frame, width, h, 8.0);
    for a in layer.areas.iter().filter(|a| a.in_focus) {
        let p = fit.to_screen(a.anchor);
        assert!(p[0].is_finite() && p[1].is_finite());
        let _ = layer.hit_screen(&fit, p);
    }
    if let Some(i) = hovered.filter(|_| !order.is_empty()) {
        let from = order[i % order.len()];
        for dir in [
            nav::Dir::Up,
            nav::Dir::Down,
            nav::Dir::Left,
            nav::Dir::Right,
        ] {
            let _ = nav::step(&layer, &fit, None, from, dir);
        }
    }
    if paths {
        let d = path_data(
            layer.areas.iter().flat_map(|a| {
                a.polygons
                    .iter()
                    .flat_map(|p| p.rings.iter().map(Vec::as_slice))
            }),
            &fit,
            true,
        );
        out.path_chars = d.len();
    }

    let hover = hovered.and_then(|i| active.get(i % active.len().max(1)).copied());
    if o.view.has_trend() {
        let focus = trend_focus(&o.highlight, &selection, hover);
        let context: Vec<AreaId> = match (o.level, o.focus) {
            (Level::Authority, Some(r)) => bundle
                .areas_at(Level::Authority)
                .filter(|&a| bundle.area(a).region == Some(r) && bundle.area(a).live_in(map_year))
                .collect(),
            (Level::Authority, None) => vec![],
            _ => bundle.areas_at(Level::Region).collect(),
        };
        let spec = trend::spec_for(
            bundle,
            m,
            &trend::Selection {
                focus: &focus,
                context: &context,
            },
        );
        let spec = match o.base_year {
            Some(b) => spec.indexed(b),
            None => spec,
        };
        let scene = spec.layout(width.min(640.0), 300.0);
        out.y_ticks = scene.y_ticks.len();
        out.x_ticks = scene.x_ticks.len();
        for t in scene.y_ticks.iter().chain(&scene.x_ticks) {
            assert!(t.pos.is_finite(), "tick {} at {}", t.text, t.pos);
            out.words.push(t.text.clone());
        }
        for l in &scene.lines {
            if let Some(e) = &l.end {
                out.words.push(e.text.clone());
            }
        }
        let mut backend = Checked { calls: 0 };
        draw(&mut backend, &scene, &colours(), 2.0)
            .map_err(|_| ())
            .ok();
        out.words.push(text::trend_summary(bundle, m, &spec));
        let _ = scene.year_at(scene.plot.x + scene.plot.w / 2.0);
        let _ = scene.line_near([scene.plot.x + 5.0, scene.plot.y + 5.0], 8.0);
    }
    if o.view == ViewKind::Table || o.view.has_map() {
        for r in table::rows(bundle, m, year, &active, Sort::default()) {
            out.words.extend([r.name, r.region, r.value]);
        }
    }

    let mut figures: Vec<(AreaId, u16)> = Vec::new();
    if let Some(c) = bundle.country() {
        figures.push((c, year));
    }
    figures.extend(active.iter().map(|&a| (a, year)));
    for &a in selection.areas().iter().chain(&o.highlight) {
        figures.extend((years[0]..=years[years.len() - 1]).map(|y| (a, y)));
    }
    out.csv = export::csv(
        bundle,
        m,
        &figures,
        o.base_year.filter(|_| o.view.has_trend()),
    );
    Ok(out)
}

/// The fields of one line of the widget's own CSV export.
pub fn csv_fields(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            ('"', _) => quoted = !quoted,
            (',', false) => out.push(std::mem::take(&mut field)),
            _ => field.push(c),
        }
    }
    out.push(field);
    out
}

/// Properties every view must have, whatever the input: nothing a u64 cannot
/// hold printed as its largest value, a few ticks, and no exported text cell
/// that a spreadsheet would run as a formula.
pub fn check(shown: &Shown) {
    for w in &shown.words {
        assert!(
            !w.contains("18,446,744,073,709,551,615"),
            "saturated number in {w:?}"
        );
    }
    assert!(shown.y_ticks <= 13, "{} y ticks", shown.y_ticks);
    assert!(shown.x_ticks <= 200, "{} x ticks", shown.x_ticks);
    let mut header: Vec<String> = Vec::new();
    for line in shown.csv.split("\r\n").filter(|l| !l.is_empty()) {
        // Metadata comment lines: a spreadsheet splits them at commas too.
        if let Some(rest) = line.strip_prefix('#') {
            for piece in rest.split(',').skip(1) {
                assert!(
                    !piece
                        .trim_start()
                        .starts_with(['=', '+', '-', '@', '\t', '\r']),
                    "formula-like piece {piece:?} in comment {line:?}"
                );
            }
            continue;
        }
        if header.is_empty() {
            header = csv_fields(line);
            continue;
        }
        for (i, f) in csv_fields(line).iter().enumerate() {
            let h = header.get(i).map_or("", String::as_str);
            let numeric = h == "year"
                || ((h == "value" || h.starts_with("value_") || h.starts_with("change_since_"))
                    && f.parse::<f64>().is_ok());
            if !numeric {
                assert!(
                    !f.starts_with(['=', '+', '-', '@', '\t', '\r']),
                    "formula-like cell {f:?} in {line:?}"
                );
            }
        }
    }
}
