//! The scatter: one measure against another for one year, each area a point,
//! with the least-squares line and Pearson's r, and the words that state
//! them as an association, not a cause. Areas missing either figure are
//! listed, never dropped silently. Pure maths and layout.

use crate::data::{AreaId, Bundle, Cell, Level, MeasureId, Missing};
use crate::scale::format;
use crate::scale::ticks::{nice_ticks, step_decimals};
use crate::view::trend::{Rect, Tick};

/// Pearson's r and the least-squares line of y on x.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Fit {
    /// How many points.
    pub n: usize,
    /// Pearson's correlation coefficient, −1 to 1.
    pub r: f64,
    /// The line's rise in y for one unit of x.
    pub slope: f64,
    /// The line's y at x = 0.
    pub intercept: f64,
}

/// Fits `points` by least squares, from deviations about the means (which
/// keeps large values from cancelling). `None` for fewer than three points,
/// or when x or y does not vary (r is then undefined).
pub fn fit(points: &[(f64, f64)]) -> Option<Fit> {
    let n = points.len();
    if n < 3 {
        return None;
    }
    let nf = n as f64;
    let mx = points.iter().map(|p| p.0).sum::<f64>() / nf;
    let my = points.iter().map(|p| p.1).sum::<f64>() / nf;
    let (mut sxx, mut syy, mut sxy) = (0.0, 0.0, 0.0);
    for &(x, y) in points {
        let (dx, dy) = (x - mx, y - my);
        sxx += dx * dx;
        syy += dy * dy;
        sxy += dx * dy;
    }
    if sxx <= 0.0 || syy <= 0.0 || !(sxx * syy).is_finite() {
        return None;
    }
    let slope = sxy / sxx;
    Some(Fit {
        n,
        r: (sxy / (sxx.sqrt() * syy.sqrt())).clamp(-1.0, 1.0),
        slope,
        intercept: my - slope * mx,
    })
}

/// The strength of an association in words, by the usual rule of thumb for
/// |r|: under 0.1 none to speak of, under 0.3 weak, under 0.5 moderate, else strong.
pub fn strength(r: f64) -> &'static str {
    match r.abs() {
        a if a < 0.1 => "no clear",
        a if a < 0.3 => "a weak",
        a if a < 0.5 => "a moderate",
        _ => "a strong",
    }
}

/// One area's point.
#[derive(Clone, Debug, PartialEq)]
pub struct Point {
    /// The area.
    pub area: AreaId,
    /// Its figure for the x measure.
    pub x: f64,
    /// Its figure for the y measure.
    pub y: f64,
    /// Its colour slot when selected or highlighted.
    pub slot: Option<usize>,
    /// In the emphasised group (the focused region).
    pub grouped: bool,
}

/// An area without both figures, and why each is missing (`None`: it has that one).
#[derive(Clone, Debug, PartialEq)]
pub struct Gap {
    /// The area.
    pub area: AreaId,
    /// Why x is missing.
    pub x: Option<Missing>,
    /// Why y is missing.
    pub y: Option<Missing>,
}

/// What the scatter shows for one year.
#[derive(Clone, Debug, PartialEq)]
pub struct Scatter {
    /// The horizontal measure.
    pub x: MeasureId,
    /// The vertical measure.
    pub y: MeasureId,
    /// The data year.
    pub year: u16,
    /// Areas with both figures, in order of x (then y): the keyboard's order.
    pub points: Vec<Point>,
    /// Areas missing one or both, by name.
    pub gaps: Vec<Gap>,
    /// Over every point; `None` when r is undefined.
    pub fit: Option<Fit>,
    /// The decimals of each axis' figures (the most any point has).
    pub decimals: (u8, u8),
}

/// The scatter of `areas` for `year`; `lines` are the selected and
/// highlighted areas with their colour slots, `group` the areas emphasised
/// (a focused region's authorities).
pub fn scatter(
    bundle: &Bundle,
    (x, y): (MeasureId, MeasureId),
    year: u16,
    areas: &[AreaId],
    lines: &[(AreaId, usize)],
    group: &[AreaId],
) -> Scatter {
    let mut points = Vec::new();
    let mut gaps = Vec::new();
    let mut decimals = (0, 0);
    for &a in areas {
        match (bundle.cell(x, a, year), bundle.cell(y, a, year)) {
            (
                Cell::Value {
                    value: vx,
                    decimals: dx,
                    ..
                },
                Cell::Value {
                    value: vy,
                    decimals: dy,
                    ..
                },
            ) => {
                decimals = (decimals.0.max(dx), decimals.1.max(dy));
                points.push(Point {
                    area: a,
                    x: vx,
                    y: vy,
                    slot: lines.iter().find(|l| l.0 == a).map(|l| l.1),
                    grouped: group.contains(&a),
                })
            }
            (cx, cy) => {
                let why = |c: Cell| match c {
                    Cell::Missing(m) => Some(m),
                    Cell::Value { .. } => None,
                };
                gaps.push(Gap {
                    area: a,
                    x: why(cx),
                    y: why(cy),
                });
            }
        }
    }
    crate::sort::sort_by(&mut points, &mut |p, q| {
        p.x.total_cmp(&q.x).then(p.y.total_cmp(&q.y))
    });
    let name = |a: AreaId| bundle.area(a).name.as_str();
    crate::sort::sort_by(&mut gaps, &mut |p, q| name(p.area).cmp(name(q.area)));
    let xy: Vec<(f64, f64)> = points.iter().map(|p| (p.x, p.y)).collect();
    Scatter {
        x,
        y,
        year,
        points,
        gaps,
        fit: fit(&xy),
        decimals,
    }
}

/// What the areas are called in words: "local authorities" or "regions".
fn areas_word(bundle: &Bundle, s: &Scatter) -> &'static str {
    let first = s
        .points
        .first()
        .map(|p| p.area)
        .or(s.gaps.first().map(|g| g.area));
    match first.map(|a| bundle.area(a).level) {
        Some(Level::Region) => Level::Region.plural(),
        _ => Level::Authority.plural(),
    }
}

/// The scatter's statement: what is plotted, r and n in words, the line's
/// slope, the caveat, and the areas left out.
pub fn describe(bundle: &Bundle, s: &Scatter) -> String {
    let (mx, my) = (bundle.measure(s.x), bundle.measure(s.y));
    let (lx, ly) = (
        format::mid_sentence(&mx.label),
        format::mid_sentence(&my.label),
    );
    let areas = areas_word(bundle, s);
    let mut out = format!(
        "Scatter of {ly} ({}) against {lx} ({}), {} {}, {} {areas}.",
        my.unit,
        mx.unit,
        my.convention,
        s.year,
        s.points.len()
    );
    match s.fit {
        Some(f) => {
            let dir = if f.r > 0.0 { "more" } else { "fewer" };
            out += &format!(
                " Pearson's r = {} (n = {}): {} {} association",
                format::number(f.r, 2),
                f.n,
                strength(f.r),
                if f.r >= 0.0 { "positive" } else { "negative" }
            );
            if f.r.abs() >= 0.1 {
                out += &format!(
                    "; {areas} with more {lx} tended to have {dir} {ly}. The least-squares line changes by {} {} for each 1 {} of {lx}",
                    format::number(f.slope, 2),
                    my.unit,
                    unit_one(&mx.unit)
                );
            }
            out += ". This is an association across areas, not a cause: other things differ between areas, and it says nothing certain about any one of them.";
        }
        None => out +=
            " Too few areas with both figures, or too little variation, to compute a correlation.",
    }
    if !s.gaps.is_empty() {
        let list: Vec<String> = s
            .gaps
            .iter()
            .map(|g| format!("{} ({})", bundle.area(g.area).name, gap_words(bundle, s, g)))
            .collect();
        out += &format!(" Not plotted, for want of a figure: {}.", list.join("; "));
    }
    out
}

/// "point" for "% of children under 16", else the unit as it is.
fn unit_one(unit: &str) -> &str {
    if unit.starts_with('%') {
        "percentage point"
    } else {
        unit
    }
}

/// Why an area is not plotted: "no low income figure: suppressed".
pub fn gap_words(bundle: &Bundle, s: &Scatter, g: &Gap) -> String {
    let mut parts = Vec::new();
    for (m, why) in [(s.x, g.x), (s.y, g.y)] {
        if let Some(w) = why {
            let reason = match w {
                Missing::NotLive => "not an area of this series in that year",
                other => other.reason(),
            };
            parts.push(format!(
                "no {} figure: {reason}",
                format::mid_sentence(&bundle.measure(m).short_label)
            ));
        }
    }
    parts.join("; ")
}

/// The scatter placed in a box.
#[derive(Clone, Debug, PartialEq)]
pub struct Layout {
    /// Width, CSS px.
    pub width: f64,
    /// Height, CSS px.
    pub height: f64,
    /// Where the points are.
    pub plot: Rect,
    /// Along the bottom.
    pub x_ticks: Vec<Tick>,
    /// Up the left.
    pub y_ticks: Vec<Tick>,
    /// Parallel to [`Scatter::points`], CSS px.
    pub dots: Vec<[f64; 2]>,
    /// The least-squares line across the plot, clipped to it.
    pub line: Option<[[f64; 2]; 2]>,
}

impl Layout {
    /// The point nearest (x, y) within `radius` CSS px.
    pub fn nearest(&self, x: f64, y: f64, radius: f64) -> Option<usize> {
        let d = |p: &[f64; 2]| (p[0] - x).powi(2) + (p[1] - y).powi(2);
        self.dots
            .iter()
            .enumerate()
            .filter(|(_, p)| d(p) <= radius * radius)
            .min_by(|a, b| d(a.1).total_cmp(&d(b.1)))
            .map(|(i, _)| i)
    }
}

/// Places `s` in `width` × `height` CSS px.
pub fn layout(s: &Scatter, width: f64, height: f64) -> Layout {
    let plot = Rect {
        x: 52.0,
        y: 10.0,
        w: (width - 52.0 - 14.0).max(20.0),
        h: (height - 10.0 - 40.0).max(20.0),
    };
    let range = |v: &mut dyn Iterator<Item = f64>| {
        v.fold((f64::INFINITY, f64::NEG_INFINITY), |(l, h), x| {
            (l.min(x), h.max(x))
        })
    };
    let (x0, x1) = range(&mut s.points.iter().map(|p| p.x));
    let (y0, y1) = range(&mut s.points.iter().map(|p| p.y));
    let xt = nice_ticks(x0, x1, ((plot.w / 80.0) as usize).max(2));
    let yt = nice_ticks(y0, y1, ((plot.h / 50.0) as usize).max(2));
    let (xa, xb) = (xt[0], xt[xt.len() - 1]);
    let (ya, yb) = (yt[0], yt[yt.len() - 1]);
    let sx = |v: f64| plot.x + (v - xa) / (xb - xa) * plot.w;
    let sy = |v: f64| plot.bottom() - (v - ya) / (yb - ya) * plot.h;
    let ticks = |t: &[f64], f: &dyn Fn(f64) -> f64| -> Vec<Tick> {
        let d = step_decimals(t[1] - t[0]);
        t.iter()
            .map(|&v| Tick {
                pos: f(v),
                text: format::number(v, d),
            })
            .collect()
    };
    // The line across the x range, clipped to the y range.
    let line = s.fit.and_then(|f| {
        let at = |x: f64| f.intercept + f.slope * x;
        let clip = |x: f64| {
            let y = at(x);
            if y < ya || y > yb {
                let target = if y < ya { ya } else { yb };
                (target - f.intercept) / f.slope
            } else {
                x
            }
        };
        let (a, b) = (clip(xa), clip(xb));
        (a.is_finite() && b.is_finite()).then(|| [[sx(a), sy(at(a))], [sx(b), sy(at(b))]])
    });
    Layout {
        width,
        height,
        plot,
        x_ticks: ticks(&xt, &sx),
        y_ticks: ticks(&yt, &sy),
        dots: s.points.iter().map(|p| [sx(p.x), sy(p.y)]).collect(),
        line,
    }
}

/// What the tooltip, the keyboard and a screen reader say of one point:
/// (name, "Low income 24.1%; Looked after 98 per 10,000 children", when).
pub fn words(bundle: &Bundle, s: &Scatter, i: usize) -> [String; 3] {
    let p = &s.points[i];
    let part = |m: MeasureId| {
        let cell = bundle.cell(m, p.area, s.year);
        format!(
            "{}: {}",
            bundle.measure(m).short_label,
            crate::view::text::value_phrase(bundle, m, &cell)
        )
    };
    let (mx, my) = (bundle.measure(s.x), bundle.measure(s.y));
    let when = if mx.convention == my.convention {
        format!("{} {}.", my.convention, s.year)
    } else {
        format!(
            "{}: {} {}; {}: {} {}.",
            mx.short_label, mx.convention, s.year, my.short_label, my.convention, s.year
        )
    };
    [
        bundle.area(p.area).name.clone(),
        format!("{}; {}", part(s.x), part(s.y)),
        when,
    ]
}
