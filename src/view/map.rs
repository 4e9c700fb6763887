//! The map as pure data: which areas are drawn for a level and year, their
//! polygons in world coordinates, how the world fits the canvas, and which
//! area lies under a pointer.

use crate::data::{AreaId, Bundle, Cell, Kind, Level, MeasureId, Missing};
use crate::geo::{Bbox, Point, Polygon};
use crate::scale::{palette, Classes, Rgb, Sequential};
use crate::view::options::ClassMethod;

/// One area ready to draw and hit-test.
#[derive(Clone, Debug)]
pub struct MapArea {
    /// The area.
    pub id: AreaId,
    /// Its polygons in world coordinates (metres, y up).
    pub polygons: Vec<Polygon>,
    /// The polygons' bounding box, for quick rejection in hit tests.
    pub bbox: Bbox,
    /// The interior point farthest from the edges, from the bundle.
    pub anchor: Point,
    /// Inside the focused region (or no focus): coloured and interactive.
    /// Areas outside are drawn faded for orientation and ignore the pointer.
    pub in_focus: bool,
}

/// The areas of one level live in one data year.
#[derive(Clone, Debug)]
pub struct MapLayer {
    /// The level drawn (regions or authorities).
    pub level: Level,
    /// The data year whose figures colour the map. The areas are those mapped
    /// for [`Bundle::map_year`], which differs for series published on one year's
    /// boundaries throughout.
    pub year: u16,
    /// The region whose authorities fill the frame; `None` at the region level.
    pub focus: Option<AreaId>,
    /// The areas drawn, in bundle order.
    pub areas: Vec<MapArea>,
    /// What the map frames: the focused region's areas, or all of them.
    pub frame: Bbox,
    /// Arcs bordering the drawn areas, drawn once each (not once per side).
    pub arcs: Vec<usize>,
    /// For each area (by index into `areas`), the areas sharing a border with it.
    pub neighbours: Vec<Vec<usize>>,
}

/// Areas drawn smaller than this many CSS px across get a marker, so the
/// City of London and the Isles of Scilly can still be seen and hovered.
pub const TINY_PX: f64 = 6.0;
/// How near (CSS px) the pointer must come to a tiny area's marker.
pub const TINY_HIT_PX: f64 = 7.0;

impl MapLayer {
    /// `focus` frames a region's authorities at the authority level; at the
    /// region level every region stays in view (the page outlines the focus).
    pub fn new(bundle: &Bundle, level: Level, year: u16, focus: Option<AreaId>) -> MapLayer {
        let focus = focus.filter(|_| level == Level::Authority);
        let g = &bundle.geometry;
        let mut areas = Vec::new();
        let mut frame = Bbox::EMPTY;
        let mut all = Bbox::EMPTY;
        let mut arcs = Vec::new();
        // Which areas use each arc: two areas on one arc are neighbours.
        let mut users: Vec<Vec<usize>> = vec![Vec::new(); g.arcs.len()];
        for id in bundle.areas_at(level) {
            let a = bundle.area(id);
            let Some(shape) = a.shape.and_then(|s| g.shapes.get(usize::from(s))) else {
                continue;
            };
            if !a.live_in(year) {
                continue;
            }
            let polygons = g.polygons(shape);
            let b = polygons.iter().fold(Bbox::EMPTY, |b, p| b.union(p.bbox()));
            let in_focus = focus.is_none_or(|f| id == f || a.region == Some(f));
            if in_focus {
                frame = frame.union(b);
            }
            all = all.union(b);
            for &r in shape.polygons.iter().flatten().flatten() {
                let arc = if r < 0 { !r as usize } else { r as usize };
                if let Some(u) = users.get_mut(arc) {
                    u.push(areas.len());
                }
            }
            areas.push(MapArea {
                id,
                polygons,
                bbox: b,
                anchor: g.world(shape.anchor),
                in_focus,
            });
        }
        // The arcs drawn, each once, in index order.
        arcs.extend((0..users.len()).filter(|&i| !users[i].is_empty()));
        let mut neighbours = vec![Vec::new(); areas.len()];
        for list in &users {
            for &a in list {
                for &b in list {
                    if a != b && !neighbours[a].contains(&b) {
                        neighbours[a].push(b);
                    }
                }
            }
        }
        MapLayer {
            level,
            year,
            focus,
            areas,
            frame: if frame.is_empty() { all } else { frame },
            arcs,
            neighbours,
        }
    }

    /// The area with this id, if drawn.
    pub fn get(&self, id: AreaId) -> Option<&MapArea> {
        self.areas.iter().find(|a| a.id == id)
    }

    /// Areas that are coloured and answer the pointer.
    pub fn active(&self) -> impl Iterator<Item = &MapArea> {
        self.areas.iter().filter(|a| a.in_focus)
    }

    /// The ids of the active areas, for the several places that want them
    /// as a list (one loop, rather than a chain collected at each).
    pub fn active_ids(&self) -> Vec<AreaId> {
        let mut out = Vec::with_capacity(self.areas.len());
        for a in &self.areas {
            if a.in_focus {
                out.push(a.id);
            }
        }
        out
    }

    /// The active area under a world point.
    pub fn hit(&self, p: Point) -> Option<AreaId> {
        self.active()
            .find(|a| a.bbox.contains(p) && a.polygons.iter().any(|poly| poly.contains(p)))
            .map(|a| a.id)
    }

    /// Whether an area is too small on screen to see or point at.
    pub fn is_tiny(&self, fit: &Fit, a: &MapArea) -> bool {
        a.bbox.width().max(a.bbox.height()) * fit.scale < TINY_PX
    }

    /// The active area under a screen point: its shape, or failing that the
    /// marker of a tiny area nearby.
    pub fn hit_screen(&self, fit: &Fit, s: Point) -> Option<AreaId> {
        if let Some(id) = self.hit(fit.to_world(s)) {
            return Some(id);
        }
        // The nearest tiny area within reach; the first of equals.
        let mut best: Option<(f64, AreaId)> = None;
        for a in self.active() {
            if !self.is_tiny(fit, a) {
                continue;
            }
            let c = fit.to_screen(a.anchor);
            let d = (c[0] - s[0]).hypot(c[1] - s[1]);
            if d <= TINY_HIT_PX && best.is_none_or(|(b, _)| d < b) {
                best = Some((d, a.id));
            }
        }
        best.map(|(_, id)| id)
    }
}

/// Maps world metres (y up) to CSS pixels (y down), keeping the aspect ratio
/// and centring the world box in the viewport.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Fit {
    /// CSS px per metre.
    pub scale: f64,
    /// Screen x of world x = 0, CSS px: `x_px = x × scale + tx`.
    pub tx: f64,
    /// Screen y of world y = 0, CSS px: `y_px = ty − y × scale` (y flips to point down).
    pub ty: f64,
}

impl Fit {
    /// Fits `world` into `width` × `height` CSS px, leaving `pad` px on every side.
    pub fn new(world: Bbox, width: f64, height: f64, pad: f64) -> Fit {
        let (w, h) = ((width - 2.0 * pad).max(1.0), (height - 2.0 * pad).max(1.0));
        let scale = if world.is_empty() || world.width() <= 0.0 || world.height() <= 0.0 {
            1.0
        } else {
            (w / world.width()).min(h / world.height())
        };
        let cx = (world.min[0] + world.max[0]) / 2.0;
        let cy = (world.min[1] + world.max[1]) / 2.0;
        Fit {
            scale,
            tx: width / 2.0 - cx * scale,
            ty: height / 2.0 + cy * scale,
        }
    }

    /// World metres to CSS px.
    pub fn to_screen(&self, p: Point) -> Point {
        [p[0] * self.scale + self.tx, self.ty - p[1] * self.scale]
    }

    /// CSS px to world metres.
    pub fn to_world(&self, s: Point) -> Point {
        [(s[0] - self.tx) / self.scale, (self.ty - s[1]) / self.scale]
    }
}

/// `v × 10` rounded half away from zero, as `f64::round` does, from
/// `trunc` (one wasm instruction; `round` is a library call in wasm, and
/// this runs for every point of every outline).
fn tenths(v: f64) -> i64 {
    let x = v * 10.0;
    let t = x.trunc();
    // `x - t` is exact: both have the same sign and exponent range.
    (if (x - t).abs() >= 0.5 {
        t + x.signum()
    } else {
        t
    }) as i64
}

/// A number of tenths as a decimal, written into the end of `buf`:
/// 125 → "12.5", -30 → "-3". Digits by hand: float and integer formatting
/// machinery cost more in the wasm.
fn tenth_digits(t: i64, buf: &mut [u8; 24]) -> &[u8] {
    let a = t.unsigned_abs();
    let mut at = buf.len();
    if a % 10 != 0 {
        at -= 2;
        buf[at] = b'.';
        buf[at + 1] = b'0' + (a % 10) as u8;
    }
    let mut w = a / 10;
    loop {
        at -= 1;
        buf[at] = b'0' + (w % 10) as u8;
        w /= 10;
        if w == 0 {
            break;
        }
    }
    if t < 0 {
        at -= 1;
        buf[at] = b'-';
    }
    &buf[at..]
}

/// Appends `v` to `out` to a tenth: "12.5", "-3", "140".
fn push_tenths(out: &mut String, v: f64) {
    let mut buf = [0u8; 24];
    out.extend(
        tenth_digits(tenths(v), &mut buf)
            .iter()
            .map(|&c| char::from(c)),
    );
}

/// SVG path data ("M12.5 3L14 7.2Z…") for lines of world points, in CSS px to
/// a tenth: the browser builds a `Path2D` from it in one call, where one call
/// per point would cross from wasm to JavaScript thousands of times.
/// Rings are closed with `Z`; points that round to the same tenth are dropped.
pub fn path_data<'a>(
    lines: impl IntoIterator<Item = &'a [Point]>,
    fit: &Fit,
    closed: bool,
) -> String {
    // Bytes, then one check that they are text: pushing chars costs an
    // encoding step per character.
    let mut out = Vec::new();
    for line in lines {
        push_line(&mut out, line, fit, closed);
    }
    String::from_utf8(out).unwrap_or_default()
}

/// One line of [`path_data`]: apart from its generic caller, so that the
/// module holds one copy of it and not one per kind of iterator.
fn push_line(out: &mut Vec<u8>, line: &[Point], fit: &Fit, closed: bool) {
    // A point is "L" and two numbers of about five characters: reserving
    // that once, and copying each number whole, spares a capacity check
    // (a call, in this build) per character: half the paths' time, natively.
    out.reserve(line.len() * 13 + 1);
    let mut last = None;
    let mut buf = [0u8; 24];
    for (i, &p) in line.iter().enumerate() {
        let s = fit.to_screen(p);
        let key = (tenths(s[0]), tenths(s[1]));
        if last == Some(key) {
            continue;
        }
        last = Some(key);
        out.push(if i == 0 { b'M' } else { b'L' });
        out.extend_from_slice(tenth_digits(key.0, &mut buf));
        out.push(b' ');
        out.extend_from_slice(tenth_digits(key.1, &mut buf));
    }
    if closed && last.is_some() {
        out.push(b'Z');
    }
}

/// SVG path data for a rectangle in CSS px, to a tenth.
pub fn rect_path(x: f64, y: f64, w: f64, h: f64) -> String {
    let mut out = String::new();
    for (i, p) in [[x, y], [x + w, y], [x + w, y + h], [x, y + h]]
        .iter()
        .enumerate()
    {
        out.push(if i == 0 { 'M' } else { 'L' });
        push_tenths(&mut out, p[0]);
        out.push(' ');
        push_tenths(&mut out, p[1]);
    }
    out.push('Z');
    out
}

/// The height a map of `world` wants at `width`, within sensible bounds.
pub fn preferred_height(world: Bbox, width: f64, pad: f64) -> f64 {
    if world.is_empty() || world.width() <= 0.0 {
        return width;
    }
    let inner = (width - 2.0 * pad).max(1.0);
    (inner * world.height() / world.width() + 2.0 * pad).clamp(160.0, 1200.0)
}

/// Every value of `measure` in every year, for the areas of the layer's level
/// in its focus (all of them without one): what fixed breaks are drawn from.
fn every_year(bundle: &Bundle, layer: &MapLayer, measure: MeasureId) -> Vec<f64> {
    let mut areas: Vec<AreaId> = Vec::new();
    for a in bundle.areas_at(layer.level) {
        if layer
            .focus
            .is_none_or(|f| a == f || bundle.area(a).region == Some(f))
        {
            areas.push(a);
        }
    }
    let mut out = Vec::new();
    for y in bundle.years_of(measure) {
        for &a in &areas {
            if let Some(v) = bundle.cell(measure, a, y).value() {
                out.push(v);
            }
        }
    }
    out
}

/// Decimal places for quantile breaks: whole numbers when the values span
/// 20 or more (a legend reads "75 to under 94", not "75.0 to under 94.0"),
/// else as many as the measure has, at most one.
fn break_decimals(values: &[f64], measure_decimals: u8) -> u8 {
    let (lo, hi) = values
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &v| {
            (a.min(v), b.max(v))
        });
    if hi - lo >= 20.0 {
        0
    } else {
        measure_decimals.min(1)
    }
}

/// How a gap is hatched: each reason in its own pattern, so that
/// "suppressed" and "not published" read apart without colour, on the map,
/// in the legend and in the PNG.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Hatch {
    /// CSS px between lines.
    pub spacing: f64,
    /// Lines both ways (a cross-hatch), not only rising to the right.
    pub cross: bool,
}

impl Hatch {
    /// The pattern for a reason.
    pub fn of(why: Missing) -> Hatch {
        match why {
            Missing::Suppressed => Hatch {
                spacing: 6.0,
                cross: true,
            },
            Missing::NotPublished => Hatch {
                spacing: 5.0,
                cross: false,
            },
            Missing::NotLive => Hatch {
                spacing: 10.0,
                cross: false,
            },
        }
    }

    /// The class the legend's swatch takes (its CSS draws the same pattern).
    pub fn class(why: Missing) -> &'static str {
        match why {
            Missing::Suppressed => "sw nodata suppressed",
            Missing::NotPublished => "sw nodata",
            Missing::NotLive => "sw nodata notlive",
        }
    }
}

/// How an area is filled.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Fill {
    /// A value, by index of its class.
    Class(usize),
    /// A judgement, by index into the measure's categories.
    Category(usize),
    /// No value, and why: hatched.
    NoData(Missing),
    /// Outside the focused region.
    Faded,
}

/// Values classed and coloured for one measure, year and layer.
#[derive(Clone, Debug)]
pub struct Choropleth {
    /// The class breaks; `None` for judgements, or when no area in focus has a
    /// value (or the page's breaks are unusable).
    pub classes: Option<Classes>,
    /// One per class, or per category for categorical measures.
    pub colours: Vec<Rgb>,
    /// Parallel to the layer's areas.
    pub fills: Vec<Fill>,
    /// Each area's figure, parallel to the layer's areas.
    pub cells: Vec<Cell>,
    /// England's figure for the year, when the classes are centred on it.
    pub england: Option<f64>,
}

/// Classes the legend aims for; fewer when values are few or close.
pub const TARGET_CLASSES: usize = 5;

/// The breaks of `classes="england"`, as % difference from England's figure
/// for the year: 30 % or more below, 10–30 % below, within 10 %, 10–30 %
/// above, 30 % or more above. Fixed bands, so the colours mean the same in
/// every year and for every measure.
pub const ENGLAND_BANDS: [f64; 4] = [-30.0, -10.0, 10.0, 30.0];

/// Classes drawn from every year's values (`quantile` and `equal`, the
/// defaults) depend on the measure, the level and the focus, not on the year
/// shown: a widget keeps them between year changes instead of gathering and
/// sorting every year's figures again (most of a year change's class work).
/// One memo serves one bundle; a page's own figures make a new bundle, and
/// with it a new memo.
#[derive(Clone, Debug, Default)]
pub struct ClassMemo {
    kept: Option<(ClassKey, Option<Classes>)>,
}

/// Measure, level, focus, and equal widths (rather than quantiles).
type ClassKey = (MeasureId, Level, Option<AreaId>, bool);

impl ClassMemo {
    fn get(&mut self, key: ClassKey, make: impl FnOnce() -> Option<Classes>) -> Option<Classes> {
        match &self.kept {
            Some((k, c)) if *k == key => c.clone(),
            _ => {
                let c = make();
                self.kept = Some((key, c.clone()));
                c
            }
        }
    }
}

impl Choropleth {
    /// Classes the values of the areas in focus (equal intervals, quantiles or
    /// the page's breaks) and picks each area's fill.
    pub fn new(
        bundle: &Bundle,
        layer: &MapLayer,
        measure: MeasureId,
        palette: Sequential,
        method: &ClassMethod,
    ) -> Choropleth {
        Choropleth::remembering(
            bundle,
            layer,
            measure,
            palette,
            method,
            &mut ClassMemo::default(),
        )
    }

    /// As [`Choropleth::new`], taking the every-year classes from `memo` when
    /// it holds them for this measure, level and focus (and keeping them there).
    pub fn remembering(
        bundle: &Bundle,
        layer: &MapLayer,
        measure: MeasureId,
        palette: Sequential,
        method: &ClassMethod,
        memo: &mut ClassMemo,
    ) -> Choropleth {
        let m = bundle.measure(measure);
        // The values are those of the areas in focus.
        let mut cells: Vec<Cell> = Vec::with_capacity(layer.areas.len());
        let mut values: Vec<f64> = Vec::new();
        for a in &layer.areas {
            let cell = bundle.cell(measure, a.id, layer.year);
            if a.in_focus {
                if let Some(v) = cell.value() {
                    values.push(v);
                }
            }
            cells.push(cell);
        }
        let categorical = m.kind == Kind::Category;
        // Centred on England only where England has a positive figure
        // that year; otherwise the default classes stand.
        let england = match method {
            ClassMethod::England if !categorical => bundle
                .country()
                .and_then(|c| bundle.cell(measure, c, layer.year).value())
                .filter(|&e| e > 0.0 && e.is_finite()),
            _ => None,
        };
        let method = match (method, england) {
            (ClassMethod::England, None) => &ClassMethod::Quantile,
            _ => method,
        };
        let classes = if categorical {
            None
        } else if let Some(e) = england {
            Classes::from_breaks(&ENGLAND_BANDS.map(|p| e * (1.0 + p / 100.0))).map(|mut k| {
                k.decimals = m.decimals;
                k
            })
        } else {
            match method {
                ClassMethod::Equal => memo.get((measure, layer.level, layer.focus, true), || {
                    Classes::equal_interval(&every_year(bundle, layer, measure), TARGET_CLASSES)
                }),
                ClassMethod::Quantile => {
                    memo.get((measure, layer.level, layer.focus, false), || {
                        let all = every_year(bundle, layer, measure);
                        Classes::quantile(&all, TARGET_CLASSES, break_decimals(&all, m.decimals))
                    })
                }
                ClassMethod::EqualYearly => Classes::equal_interval(&values, TARGET_CLASSES),
                ClassMethod::QuantileYearly => {
                    Classes::quantile(&values, TARGET_CLASSES, break_decimals(&values, m.decimals))
                }
                ClassMethod::Breaks(b) => Classes::from_breaks(b),
                ClassMethod::England => None,
            }
        };
        let colours = if categorical {
            palette::categorical(m.categories.len())
        } else if england.is_some() {
            palette::DIVERGING.to_vec()
        } else {
            palette.colours(classes.as_ref().map_or(0, Classes::len))
        };
        let mut fills = Vec::with_capacity(cells.len());
        for (a, c) in layer.areas.iter().zip(&cells) {
            fills.push(match (a.in_focus, c, &classes) {
                (false, _, _) => Fill::Faded,
                (true, Cell::Missing(m), _) => Fill::NoData(*m),
                (true, Cell::Value { value, .. }, _) if categorical => {
                    Fill::Category(value.max(0.0) as usize)
                }
                (true, Cell::Value { value, .. }, Some(k)) => Fill::Class(k.class_of(*value)),
                (true, Cell::Value { .. }, None) => Fill::NoData(Missing::NotPublished),
            });
        }
        Choropleth {
            classes,
            colours,
            fills,
            cells,
            england,
        }
    }

    /// The colour of a fill; `None` for no data and faded areas, which the
    /// painter draws with the theme's colours.
    pub fn colour(&self, fill: Fill) -> Option<Rgb> {
        match fill {
            Fill::Class(i) | Fill::Category(i) => self.colours.get(i).copied(),
            Fill::NoData(_) | Fill::Faded => None,
        }
    }

    /// The legend: one entry per class or category, then one per reason
    /// for missing data, each with how many areas it holds.
    pub fn legend(&self, bundle: &Bundle, measure: MeasureId) -> Vec<LegendEntry> {
        let m = bundle.measure(measure);
        let count = |f: &dyn Fn(&Fill) -> bool| self.fills.iter().filter(|x| f(x)).count();
        let mut out = Vec::new();
        if m.kind == Kind::Category {
            for (i, c) in m.categories.iter().enumerate() {
                out.push(LegendEntry {
                    colour: self.colours.get(i).copied(),
                    label: c.clone(),
                    count: count(&|f| *f == Fill::Category(i)),
                    no_data: None,
                });
            }
        } else if let Some(k) = &self.classes {
            for i in 0..k.len() {
                out.push(LegendEntry {
                    colour: self.colours.get(i).copied(),
                    label: match self.england {
                        Some(_) => format!("{} ({})", england_band(i), k.label(i)),
                        None => k.label(i),
                    },
                    count: count(&|f| *f == Fill::Class(i)),
                    no_data: None,
                });
            }
        }
        for why in [Missing::Suppressed, Missing::NotPublished, Missing::NotLive] {
            let n = count(&|f| *f == Fill::NoData(why));
            if n > 0 {
                out.push(LegendEntry {
                    colour: None,
                    label: format!("No data ({})", why.short()),
                    count: n,
                    no_data: Some(why),
                });
            }
        }
        out
    }
}

/// The words for band `i` of [`ENGLAND_BANDS`].
pub fn england_band(i: usize) -> String {
    let b = ENGLAND_BANDS;
    let pc = |v: f64| crate::scale::format::shortest(v.abs()) + "%";
    match i {
        0 => format!("{} or more below England", pc(b[0])),
        i if i + 1 < b.len() && b[i] < 0.0 && b[i - 1] < 0.0 => {
            format!("{} to {} below", pc(b[i]), pc(b[i - 1]))
        }
        i if i + 1 < b.len() && b[i - 1] < 0.0 => format!("within {} of England", pc(b[i])),
        i if i < b.len() => format!("{} to {} above", pc(b[i - 1]), pc(b[i])),
        _ => format!("{} or more above England", pc(b[b.len() - 1])),
    }
}

/// One line of the legend.
#[derive(Clone, Debug, PartialEq)]
pub struct LegendEntry {
    /// `None` for no data, drawn with the hatch pattern.
    pub colour: Option<Rgb>,
    /// The class's range ("60 to under 80"), a category ("Good") or
    /// "No data (suppressed)".
    pub label: String,
    /// Areas on the map in this entry.
    pub count: usize,
    /// For a no-data entry, why the values are missing.
    pub no_data: Option<Missing>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_round_trips_and_keeps_north_up() {
        let world = Bbox {
            min: [100.0, 0.0],
            max: [300.0, 400.0],
        };
        let f = Fit::new(world, 400.0, 400.0, 10.0);
        let top = f.to_screen([200.0, 400.0]);
        let bottom = f.to_screen([200.0, 0.0]);
        assert!(top[1] < bottom[1], "north must be up");
        assert!((top[1] - 10.0).abs() < 1e-9 && (bottom[1] - 390.0).abs() < 1e-9);
        assert!((top[0] - 200.0).abs() < 1e-9, "centred horizontally");
        let back = f.to_world(f.to_screen([123.0, 45.0]));
        assert!((back[0] - 123.0).abs() < 1e-9 && (back[1] - 45.0).abs() < 1e-9);
    }

    #[test]
    fn tenths_round_half_away_from_zero_as_f64_round_does() {
        let mut seed = 0x9e37_79b9_u64;
        let mut cases = vec![0.05, -0.05, 0.15, -0.25, 2.5, -2.5, 0.0, -0.0, 1e12 + 0.05];
        for _ in 0..100_000 {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            let v = (seed >> 11) as f64 / (1u64 << 53) as f64 * 4000.0 - 2000.0;
            // Exact ties in tenths (k.x5), and values between.
            cases.push((v * 20.0).round() / 20.0);
            cases.push(v);
        }
        for v in cases {
            assert_eq!(tenths(v), (v * 10.0).round() as i64, "{v}");
        }
    }

    #[test]
    fn path_data_is_svg_in_tenths_of_a_pixel() {
        let fit = Fit {
            scale: 1.0,
            tx: 0.0,
            ty: 100.0,
        };
        let ring: Vec<Point> = vec![[1.25, 90.0], [12.0, 90.0], [12.01, 90.0], [-3.3, 80.0]];
        assert_eq!(
            path_data([ring.as_slice()], &fit, true),
            "M1.3 10L12 10L-3.3 20Z"
        );
        assert_eq!(path_data([&ring[..2]], &fit, false), "M1.3 10L12 10");
        assert_eq!(rect_path(1.0, 2.0, 3.5, 4.0), "M1 2L4.5 2L4.5 6L1 6Z");
        let mut s = String::new();
        push_tenths(&mut s, 1234.56);
        assert_eq!(s, "1234.6");
    }

    #[test]
    fn preferred_height_follows_the_aspect_ratio() {
        let tall = Bbox {
            min: [0.0, 0.0],
            max: [100.0, 120.0],
        };
        assert!((preferred_height(tall, 500.0, 0.0) - 600.0).abs() < 1e-9);
        assert_eq!(preferred_height(tall, 10.0, 0.0), 160.0);
    }
}

#[cfg(test)]
mod layer_tests {
    use super::*;
    use crate::data::{Area, Geometry, Kind, Measure, Polarity, Series, Shape, Source};

    fn square(x: i32, y: i32, size: i32) -> Vec<[i32; 2]> {
        vec![
            [x, y],
            [x + size, y],
            [x + size, y + size],
            [x, y + size],
            [x, y],
        ]
    }

    /// Two regions side by side; the first holds a big authority and a tiny
    /// one (the City of London's case), the second one authority.
    fn bundle() -> Bundle {
        let area = |code: &str, level, region, shape| Area {
            code: code.into(),
            name: code.into(),
            level,
            region,
            subregion: None,
            data_years: (2000, 2100),
            shape,
            aliases: vec![],
        };
        Bundle {
            attribution: String::new(),
            areas: vec![
                area("E92000001", Level::Country, None, None),
                area("R1", Level::Region, None, Some(0)),
                area("R2", Level::Region, None, Some(1)),
                area("BIG", Level::Authority, Some(AreaId(1)), Some(2)),
                area("TINY", Level::Authority, Some(AreaId(1)), Some(3)),
                area("OTHER", Level::Authority, Some(AreaId(2)), Some(4)),
            ],
            sources: vec![Source {
                publisher: String::new(),
                publication: String::new(),
                url: String::new(),
                licence: String::new(),
            }],
            notes: vec![],
            measures: vec![Measure {
                id: "m".into(),
                family: "demand".into(),
                label: "M".into(),
                short_label: "M".into(),
                unit: "u".into(),
                kind: Kind::Rate,
                polarity: Polarity::Neutral,
                decimals: 0,
                definition: String::new(),
                convention: String::new(),
                source: 0,
                years: (2020, 2020),
                boundaries: None,
                next_year_areas: false,
                categories: vec![],
            }],
            series: vec![std::sync::Arc::new(Series {
                areas: vec![AreaId(3), AreaId(4), AreaId(5)],
                cells: vec![
                    Cell::Value {
                        value: 10.0,
                        decimals: 0,
                        basis: crate::data::Basis::Official,
                    },
                    Cell::Missing(Missing::Suppressed),
                    Cell::Value {
                        value: 30.0,
                        decimals: 0,
                        basis: crate::data::Basis::Official,
                    },
                ],
                dates: vec![],
            })],
            neighbours: Default::default(),
            waiting: Default::default(),
            geometry: std::sync::Arc::new(Geometry {
                unit: 1.0,
                origin: [0.0, 0.0],
                arcs: vec![
                    square(0, 0, 1000),
                    square(1000, 0, 1000),
                    square(0, 0, 900),
                    square(949, 500, 2),
                    square(1000, 0, 1000),
                ],
                shapes: (0..5)
                    .map(|i| Shape {
                        polygons: vec![vec![vec![i]]],
                        anchor: [[500, 500], [1500, 500], [450, 450], [950, 501], [1500, 500]]
                            [i as usize],
                    })
                    .collect(),
            }),
        }
    }

    #[test]
    fn tiny_areas_are_hit_near_their_marker() {
        let b = bundle();
        let layer = MapLayer::new(&b, Level::Authority, 2020, None);
        let fit = Fit::new(layer.frame, 400.0, 200.0, 0.0);
        let tiny = layer.get(AreaId(4)).unwrap();
        assert!(
            layer.is_tiny(&fit, tiny),
            "2 m across is far below {TINY_PX} px"
        );
        assert!(!layer.is_tiny(&fit, layer.get(AreaId(3)).unwrap()));
        let marker = fit.to_screen(tiny.anchor);
        // Beside the marker, outside any shape: still the tiny area.
        assert_eq!(
            layer.hit_screen(&fit, [marker[0] + 3.0, marker[1] - 3.0]),
            Some(AreaId(4))
        );
        // Inside the big authority, far from the marker: the big one.
        let big = fit.to_screen([200.0, 200.0]);
        assert_eq!(layer.hit_screen(&fit, big), Some(AreaId(3)));
        // Past the gap, in the neighbouring region's authority.
        assert_eq!(
            layer.hit_screen(&fit, [marker[0] + 3.0 * TINY_HIT_PX, marker[1]]),
            Some(AreaId(5))
        );
        // In the gap but beyond the marker's reach: nothing.
        assert_eq!(
            layer.hit_screen(&fit, [marker[0], marker[1] + 2.0 * TINY_HIT_PX]),
            None
        );
    }

    #[test]
    fn focusing_a_region_frames_its_authorities_and_fades_the_rest() {
        let b = bundle();
        let layer = MapLayer::new(&b, Level::Authority, 2020, Some(AreaId(1)));
        assert!(
            layer.frame.max[0] <= 1000.0,
            "framed to region R1: {:?}",
            layer.frame
        );
        let other = layer.get(AreaId(5)).unwrap();
        assert!(!other.in_focus);
        let fit = Fit::new(layer.frame, 400.0, 400.0, 0.0);
        // Faded areas do not answer the pointer.
        assert_eq!(layer.hit_screen(&fit, fit.to_screen([1500.0, 500.0])), None);
        let c = Choropleth::new(
            &b,
            &layer,
            MeasureId(0),
            palette::BLUES,
            &ClassMethod::Equal,
        );
        let fills: Vec<Fill> = c.fills.clone();
        assert_eq!(
            fills[layer.areas.iter().position(|a| a.id == AreaId(5)).unwrap()],
            Fill::Faded
        );
        assert_eq!(
            fills[layer.areas.iter().position(|a| a.id == AreaId(4)).unwrap()],
            Fill::NoData(Missing::Suppressed)
        );
        // Classes come from the focused areas only (10), not the faded 30.
        let k = c.classes.unwrap();
        assert!(*k.breaks.last().unwrap() < 30.0, "{:?}", k.breaks);
        // The region level keeps every region in view.
        let regions = MapLayer::new(&b, Level::Region, 2020, Some(AreaId(1)));
        assert!(regions.areas.iter().all(|a| a.in_focus));
    }

    #[test]
    fn england_classes_are_bands_of_difference_from_englands_figure() {
        let b = crate::data::complete().unwrap();
        let m = b.measure_id("cla_rate").unwrap();
        let layer = MapLayer::new(&b, Level::Authority, 2025, None);
        let c = Choropleth::new(&b, &layer, m, palette::BLUES, &ClassMethod::England);
        let e = b.cell(m, b.country().unwrap(), 2025).value().unwrap();
        assert_eq!(c.england, Some(e));
        assert_eq!(c.colours, palette::DIVERGING);
        // Every authority's class agrees with its % difference, computed here apart.
        for (a, fill) in layer.areas.iter().zip(&c.fills) {
            let Some(v) = b.cell(m, a.id, 2025).value() else {
                continue;
            };
            let pct = (v - e) / e * 100.0;
            let want = if pct < -30.0 {
                0
            } else if pct < -10.0 {
                1
            } else if pct < 10.0 {
                2
            } else if pct < 30.0 {
                3
            } else {
                4
            };
            assert_eq!(*fill, Fill::Class(want), "{} {v} vs England {e}", a.id);
        }
        let labels: Vec<String> = c.legend(&b, m).into_iter().map(|l| l.label).collect();
        assert!(
            labels[0].starts_with("30% or more below England (under "),
            "{labels:?}"
        );
        assert!(labels[1].starts_with("10% to 30% below ("), "{labels:?}");
        assert!(
            labels[2].starts_with("within 10% of England ("),
            "{labels:?}"
        );
        assert!(labels[3].starts_with("10% to 30% above ("), "{labels:?}");
        assert!(
            labels[4].starts_with("30% or more above England ("),
            "{labels:?}"
        );
        // A judgement is never centred; nor is a measure England has no figure for.
        let ofsted = b.measure_id("ofsted_overall").unwrap();
        let c = Choropleth::new(&b, &layer, ofsted, palette::BLUES, &ClassMethod::England);
        assert_eq!(c.england, None);
    }

    #[test]
    fn the_legend_counts_classes_and_names_missing_data() {
        let b = bundle();
        let layer = MapLayer::new(&b, Level::Authority, 2020, None);
        let c = Choropleth::new(
            &b,
            &layer,
            MeasureId(0),
            palette::BLUES,
            &ClassMethod::Breaks(vec![0.0, 20.0, 40.0]),
        );
        let legend = c.legend(&b, MeasureId(0));
        let entries: Vec<(&str, usize)> =
            legend.iter().map(|e| (e.label.as_str(), e.count)).collect();
        assert_eq!(
            entries[..4],
            [
                ("under 0", 0),
                ("0 to under 20", 1),
                ("20 to under 40", 1),
                ("40 and over", 0)
            ]
        );
        assert_eq!(legend[4].no_data, Some(Missing::Suppressed));
        assert_eq!(legend[4].colour, None);
    }

    /// Bug: with `classes="40,60,80,100"` County Durham (118) and Hartlepool
    /// (157) were drawn as "80 to 100", and the legend counted all 151
    /// authorities within 40–100.
    #[test]
    fn given_breaks_put_values_outside_them_in_open_ended_classes() {
        let b = crate::data::complete().unwrap();
        let m = b.measure_id("cla_rate").unwrap();
        let mut layer = MapLayer::new(&b, Level::Authority, b.map_year(m, 2025), None);
        layer.year = 2025;
        let c = Choropleth::new(
            &b,
            &layer,
            m,
            palette::BLUES,
            &ClassMethod::Breaks(vec![40.0, 60.0, 80.0, 100.0]),
        );
        let legend = c.legend(&b, m);
        assert_eq!(legend[0].label, "under 40");
        assert_eq!(legend[4].label, "100 and over");
        let durham = b.area_id("E06000047").unwrap();
        let i = layer.areas.iter().position(|a| a.id == durham).unwrap();
        assert_eq!(c.fills[i], Fill::Class(4), "118 is in 100 and over");
        let valued = c.cells.iter().filter(|c| c.value().is_some()).count();
        let counted: usize = legend
            .iter()
            .filter(|e| e.no_data.is_none())
            .map(|e| e.count)
            .sum();
        assert_eq!(
            counted, valued,
            "every value is counted once, in its own class"
        );
        assert!(legend[4].count > 0 && legend[0].count > 0);
    }
    #[test]
    fn tenths_are_written_as_rust_would_print_them() {
        let mut buf = [0u8; 24];
        for t in (-2500..2500).chain([i64::MIN, i64::MAX, 10, -10, 1, -1, 0]) {
            let (int, frac) = (t.unsigned_abs() / 10, t.unsigned_abs() % 10);
            let sign = if t < 0 { "-" } else { "" };
            let want = if frac == 0 {
                format!("{sign}{int}")
            } else {
                format!("{sign}{int}.{frac}")
            };
            assert_eq!(
                std::str::from_utf8(tenth_digits(t, &mut buf)).unwrap(),
                want
            );
        }
    }
}
