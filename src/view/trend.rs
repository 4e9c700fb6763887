//! The trend chart as pure data: lines over years laid out in CSS pixels,
//! with gaps kept as gaps, axis ticks, labels at the ends of the lines, an
//! index mode (% change since a base year), and what lies under a pointer.
//! Drawing it is [`crate::draw::trend`]'s job; text goes in HTML.

use crate::data::{AreaId, Bundle, Cell, Level, MeasureId};
use crate::geo::polygon::segment_distance_sq;
use crate::geo::Point;
use crate::scale::{format, ticks};

/// How a line is drawn, in order of emphasis.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Role {
    /// Other areas, thin and grey, for context.
    Context,
    /// The region of a selected authority, and its subregion where DfE
    /// publishes one (Inner or Outer London for a borough).
    Region,
    /// England, the benchmark.
    England,
    /// The median or mean of an authority's statistical neighbours (its
    /// `area` is that authority's; drawn dashed). See [`crate::view::compare`].
    Neighbours,
    /// A hovered, selected or highlighted area.
    Focus,
}

/// One area's values, one slot per year from `first_year`.
#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    /// The area the line follows.
    pub area: AreaId,
    /// The area's name, written at the line's end.
    pub label: String,
    /// How it is drawn.
    pub role: Role,
    /// For focus lines, which colour of the line palette they take.
    pub slot: usize,
    /// `None` is a gap (missing, or the area did not exist): never bridged.
    pub values: Vec<Option<f64>>,
    /// Decimal places to print each value with.
    pub decimals: Vec<u8>,
}

/// The lines of a trend chart, before layout.
#[derive(Clone, Debug, PartialEq)]
pub struct Spec {
    /// The measure's first data year, the x axis's start.
    pub first_year: u16,
    /// The measure's last data year, the x axis's end.
    pub last_year: u16,
    /// Context lines first, then regions, England, and the focus lines.
    pub lines: Vec<Line>,
    /// Set when values are % change since this year.
    pub base_year: Option<u16>,
}

/// A rectangle in CSS px, y down.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rect {
    /// Left edge.
    pub x: f64,
    /// Top edge.
    pub y: f64,
    /// Width.
    pub w: f64,
    /// Height.
    pub h: f64,
}

impl Rect {
    /// Right edge.
    pub fn right(&self) -> f64 {
        self.x + self.w
    }
    /// Bottom edge.
    pub fn bottom(&self) -> f64 {
        self.y + self.h
    }
}

/// An axis tick and its label.
#[derive(Clone, Debug, PartialEq)]
pub struct Tick {
    /// Pixel position along the axis (x for years, y for values).
    pub pos: f64,
    /// The label: a year, a value, or a % change in index mode.
    pub text: String,
}

/// The label at a line's last value: its name and that value.
#[derive(Clone, Debug, PartialEq)]
pub struct EndLabel {
    /// Where the text's vertical centre goes, after moving labels apart.
    pub y: f64,
    /// "North East 111", or "North East +60%" in index mode.
    pub text: String,
    /// The text broken at spaces into lines that fit the room right of the
    /// plot ("Newcastle upon" / "Tyne 107" on a phone): never clipped.
    pub lines: Vec<String>,
}

impl EndLabel {
    /// Its height in CSS px.
    pub fn height(&self) -> f64 {
        LABEL_HEIGHT * self.lines.len().max(1) as f64
    }
}

/// Breaks `text` at spaces into lines of at most `chars` characters where
/// it can (a single longer word keeps its own line).
pub fn wrap(text: &str, chars: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        match lines.last_mut() {
            Some(l) if l.chars().count() + 1 + word.chars().count() <= chars => {
                l.push(' ');
                l.push_str(word);
            }
            _ => lines.push(word.to_string()),
        }
    }
    lines
}

/// One line laid out in CSS px.
#[derive(Clone, Debug, PartialEq)]
pub struct SceneLine {
    /// The area the line follows.
    pub area: AreaId,
    /// How it is drawn.
    pub role: Role,
    /// For focus lines, which colour of the line palette they take.
    pub slot: usize,
    /// Runs of consecutive years, each drawn as one polyline.
    pub segments: Vec<Vec<Point>>,
    /// Years with a value but no value the year before or after: drawn as dots
    /// so a lone figure (CLA 2010) is not lost and no gap is bridged.
    pub dots: Vec<Point>,
    /// Its end label; context lines and lines without values have none.
    pub end: Option<EndLabel>,
}

/// The trend chart laid out at a size: what [`crate::draw::trend`] paints and
/// the web layer labels.
#[derive(Clone, Debug, PartialEq)]
pub struct Scene {
    /// The chart's width, CSS px.
    pub width: f64,
    /// The chart's height, CSS px.
    pub height: f64,
    /// The area inside the axes, where lines go.
    pub plot: Rect,
    /// The first year on the x axis.
    pub first_year: u16,
    /// The last year on the x axis.
    pub last_year: u16,
    /// Year ticks, every 1, 2, 5, 10… years as the width allows.
    pub x_ticks: Vec<Tick>,
    /// Value ticks on round numbers; the axis always takes in zero.
    pub y_ticks: Vec<Tick>,
    /// Where the zero line is, in index mode (the base year's level).
    pub zero: Option<f64>,
    /// Drawn in order: context, regions, England, then focus on top.
    pub lines: Vec<SceneLine>,
}

/// Label line height in CSS px; end labels are kept at least this far apart.
pub const LABEL_HEIGHT: f64 = 16.0;
/// Rough width of a character of the 12–13 px UI font, to reserve label room
/// without measuring text (which plotters can only do through the DOM).
const CHAR_WIDTH: f64 = 7.5;

/// The % change from `base` to `v`.
/// `None` where there is no finite answer (a base of 0, or a ratio beyond f64).
pub fn percent_change(v: f64, base: f64) -> Option<f64> {
    let p = (v / base - 1.0) * 100.0;
    (base != 0.0 && v.is_finite() && base.is_finite() && p.is_finite()).then_some(p)
}

impl Line {
    /// The text for a value of this line: "111", or "+60%" in index mode.
    pub fn value_text(&self, i: usize, indexed: bool) -> Option<String> {
        let v = self.values.get(i).copied().flatten()?;
        let d = self.decimals.get(i).copied().unwrap_or(0);
        Some(if indexed {
            format::percent_change(v, d)
        } else {
            format::number(v, d)
        })
    }
}

impl Spec {
    fn x(&self, plot: &Rect, year: u16) -> f64 {
        let span = f64::from(self.last_year.saturating_sub(self.first_year)).max(1.0);
        plot.x + f64::from(year - self.first_year) / span * plot.w
    }

    /// The breaks in the labelled (not context) lines: for each, every run
    /// of years with no value between its first and last value, as
    /// `(line, from, to)`. These are where a reader sees a line stop and a
    /// lone dot, and so what the chart must explain.
    pub fn gaps(&self) -> Vec<(&Line, u16, u16)> {
        let mut out = Vec::new();
        for l in self.lines.iter().filter(|l| l.role != Role::Context) {
            let (Some(first), Some(last)) = (
                l.values.iter().position(Option::is_some),
                l.values.iter().rposition(Option::is_some),
            ) else {
                continue;
            };
            let mut run: Option<usize> = None;
            for i in first..=last {
                match (l.values[i], run) {
                    (None, None) => run = Some(i),
                    (Some(_), Some(from)) => {
                        let y = |i: usize| self.first_year + i as u16;
                        out.push((l, y(from), y(i - 1)));
                        run = None;
                    }
                    _ => {}
                }
            }
        }
        out
    }

    /// The same lines as % change since `base`: a line without a value in
    /// the base year has nothing to be indexed to and is left empty.
    pub fn indexed(&self, base: u16) -> Spec {
        let i = usize::from(base.saturating_sub(self.first_year));
        let mut lines = Vec::with_capacity(self.lines.len());
        for l in &self.lines {
            let b = l.values.get(i).copied().flatten();
            let mut values = Vec::with_capacity(l.values.len());
            for v in &l.values {
                values.push(v.zip(b).and_then(|(v, b)| percent_change(v, b)));
            }
            lines.push(Line {
                area: l.area,
                label: l.label.clone(),
                role: l.role,
                slot: l.slot,
                values,
                decimals: vec![0; l.values.len()],
            });
        }
        Spec {
            first_year: self.first_year,
            last_year: self.last_year,
            lines,
            base_year: Some(base),
        }
    }

    /// Lays the lines out in `width` × `height` CSS px: the value axis spans zero
    /// and every value, room is kept on the right for the end labels, and the
    /// labels are moved apart so none overlap.
    pub fn layout(&self, width: f64, height: f64) -> Scene {
        let indexed = self.base_year.is_some();
        let (mut lo, mut hi) = (0.0f64, 0.0f64);
        for l in &self.lines {
            for &v in l.values.iter().flatten() {
                (lo, hi) = (lo.min(v), hi.max(v));
            }
        }
        let hi = if hi > lo { hi } else { lo + 1.0 };
        let y_ticks_v = ticks::nice_ticks(lo, hi, 5);
        let (y_min, y_max) = (y_ticks_v[0], *y_ticks_v.last().unwrap_or(&1.0));
        let step = y_ticks_v.get(1).copied().unwrap_or(1.0) - y_ticks_v[0];
        let y_dec = ticks::step_decimals(step);
        let mut y_texts = Vec::with_capacity(y_ticks_v.len());
        let mut longest = 0;
        for &v in &y_ticks_v {
            let t = if indexed {
                format::percent_change(v, y_dec)
            } else {
                format::number(v, y_dec)
            };
            longest = longest.max(t.chars().count());
            y_texts.push(t);
        }
        let left = 8.0 + CHAR_WIDTH * longest as f64;

        let end_text = |l: &Line| -> Option<String> {
            let i = l.values.iter().rposition(Option::is_some)?;
            Some(format!("{} {}", l.label, l.value_text(i, indexed)?))
        };
        let mut widest = 0;
        for l in &self.lines {
            if l.role != Role::Context {
                if let Some(t) = end_text(l) {
                    widest = widest.max(t.chars().count());
                }
            }
        }
        let right = (16.0 + CHAR_WIDTH * widest as f64)
            .min(width * 0.42)
            .max(12.0);
        let room = (((right - 16.0) / CHAR_WIDTH).floor() as usize).max(1);
        let plot = Rect {
            x: left,
            y: 10.0,
            w: (width - left - right).max(10.0),
            h: (height - 10.0 - 26.0).max(10.0),
        };
        // Halved before subtracting: values near the ends of f64 stay finite.
        let ypx =
            |v: f64| plot.bottom() - (v / 2.0 - y_min / 2.0) / (y_max / 2.0 - y_min / 2.0) * plot.h;

        let mut y_ticks = Vec::with_capacity(y_texts.len());
        for (&v, text) in y_ticks_v.iter().zip(y_texts) {
            y_ticks.push(Tick { pos: ypx(v), text });
        }

        let years = usize::from(self.last_year - self.first_year) + 1;
        let max_x_ticks = ((plot.w / 44.0).floor() as usize).max(2);
        let mut year_step = 1;
        while years.div_ceil(year_step) > max_x_ticks {
            year_step = match year_step {
                1 => 2,
                2 => 5,
                s => s * 2,
            };
        }
        let mut x_ticks = Vec::with_capacity(years.div_ceil(year_step));
        for k in (0..years).step_by(year_step) {
            let y = self.first_year + k as u16;
            x_ticks.push(Tick {
                pos: self.x(&plot, y),
                text: y.to_string(),
            });
        }

        let mut lines: Vec<SceneLine> = Vec::with_capacity(self.lines.len());
        for l in &self.lines {
            let mut segments = Vec::new();
            let mut dots = Vec::new();
            let mut run: Vec<Point> = Vec::new();
            let mut flush = |run: &mut Vec<Point>| {
                match run.len() {
                    0 => {}
                    1 => dots.push(run[0]),
                    _ => segments.push(std::mem::take(run)),
                }
                run.clear();
            };
            for (i, v) in l.values.iter().enumerate() {
                match v {
                    Some(v) => run.push([self.x(&plot, self.first_year + i as u16), ypx(*v)]),
                    None => flush(&mut run),
                }
            }
            flush(&mut run);
            let end = if l.role == Role::Context {
                None
            } else {
                let last = l.values.iter().rposition(Option::is_some);
                last.and_then(|i| l.values[i])
                    .zip(end_text(l))
                    .map(|(v, text)| EndLabel {
                        y: ypx(v),
                        lines: wrap(&text, room),
                        text,
                    })
            };
            lines.push(SceneLine {
                area: l.area,
                role: l.role,
                slot: l.slot,
                segments,
                dots,
                end,
            });
        }
        crate::sort::sort_by(&mut lines, &mut |a, b| a.role.cmp(&b.role));
        spread_labels(&mut lines, plot.y, plot.bottom());
        Scene {
            width,
            height,
            plot,
            first_year: self.first_year,
            last_year: self.last_year,
            x_ticks,
            y_ticks,
            zero: indexed.then(|| ypx(0.0)),
            lines,
        }
    }
}

impl Scene {
    /// The x (CSS px) of a year.
    pub fn x_of(&self, year: u16) -> f64 {
        let span = f64::from(self.last_year.saturating_sub(self.first_year)).max(1.0);
        self.plot.x + f64::from(year.saturating_sub(self.first_year)) / span * self.plot.w
    }

    /// The year nearest a pointer's x, if the pointer is over the plot.
    pub fn year_at(&self, x: f64) -> Option<u16> {
        let p = self.plot;
        if x < p.x - 8.0 || x > p.right() + 8.0 {
            return None;
        }
        let span = f64::from(self.last_year - self.first_year).max(1.0);
        let t = crate::scale::clamp(((x - p.x) / p.w * span).round(), 0.0, span);
        Some(self.first_year + t as u16)
    }

    /// The line passing nearest a point, within `tolerance` CSS px: lines
    /// drawn on top win ties.
    pub fn line_near(&self, pt: Point, tolerance: f64) -> Option<AreaId> {
        let mut best: Option<(f64, AreaId)> = None;
        for l in self.lines.iter().rev() {
            let mut d = f64::INFINITY;
            for seg in &l.segments {
                for w in seg.windows(2) {
                    d = d.min(segment_distance_sq(pt, w[0], w[1]).sqrt());
                }
            }
            for &p in &l.dots {
                d = d.min((p[0] - pt[0]).hypot(p[1] - pt[1]));
            }
            if d <= tolerance && best.is_none_or(|(b, _)| d < b) {
                best = Some((d, l.area));
            }
        }
        best.map(|(_, a)| a)
    }
}

/// Moves end labels apart vertically so none overlap (a wrapped label takes
/// the height of its lines), keeping them in the plot.
fn spread_labels(lines: &mut [SceneLine], top: f64, bottom: f64) {
    let mut idx: Vec<usize> = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        if l.end.is_some() {
            idx.push(i);
        }
    }
    let y = |lines: &[SceneLine], i: usize| lines[i].end.as_ref().map_or(0.0, |e| e.y);
    crate::sort::sort_by(&mut idx, &mut |&a, &b| y(lines, a).total_cmp(&y(lines, b)));
    // The bottom edge of the label above.
    let mut prev = f64::NEG_INFINITY;
    for &i in &idx {
        if let Some(e) = lines[i].end.as_mut() {
            let half = e.height() / 2.0;
            e.y = e.y.max(prev + half).max(top + half - LABEL_HEIGHT / 2.0);
            prev = e.y + half;
        }
    }
    // If the stack ran off the bottom, push it back up.
    let mut next = f64::INFINITY;
    for &i in idx.iter().rev() {
        if let Some(e) = lines[i].end.as_mut() {
            let half = e.height() / 2.0;
            e.y = e.y.min(next - half).min(bottom - half + LABEL_HEIGHT / 2.0);
            next = e.y - half;
        }
    }
}

/// Which areas a trend shows, and how.
pub struct Selection<'a> {
    /// Hovered, selected and highlighted areas, in colour order.
    pub focus: &'a [AreaId],
    /// Grey context lines (e.g. the other regions).
    pub context: &'a [AreaId],
}

/// The trend of one measure: context areas in grey, the regions of focused
/// authorities, England as the benchmark, and the focus areas on top.
pub fn spec_for(bundle: &Bundle, measure: MeasureId, sel: &Selection) -> Spec {
    let m = bundle.measure(measure);
    let (first, last) = m.years;
    let line = |area: AreaId, role: Role, slot: usize| {
        let years = usize::from(last.saturating_sub(first)) + 1;
        let (mut values, mut decimals) = (Vec::with_capacity(years), Vec::with_capacity(years));
        for y in first..=last {
            let cell = bundle.cell(measure, area, y);
            values.push(cell.value());
            decimals.push(match cell {
                Cell::Value { decimals, .. } => decimals,
                Cell::Missing(_) => 0,
            });
        }
        Line {
            area,
            label: bundle.area(area).name.clone(),
            role,
            slot,
            values,
            decimals,
        }
    };
    // Each once. A borough's Inner or Outer London comes after London,
    // where the measure has figures for it.
    let mut regions: Vec<AreaId> = Vec::new();
    for &a in sel.focus {
        let area = bundle.area(a);
        if area.level != Level::Authority {
            continue;
        }
        for r in [area.region, area.subregion] {
            let Some(r) = r else { continue };
            if !sel.focus.contains(&r)
                && !regions.contains(&r)
                && (bundle.area(r).level != Level::Subregion
                    || (first..=last).any(|y| bundle.cell(measure, r, y).value().is_some()))
            {
                regions.push(r);
            }
        }
    }
    let mut lines: Vec<Line> = Vec::new();
    for &a in sel.context {
        if !sel.focus.contains(&a) && !regions.contains(&a) {
            lines.push(line(a, Role::Context, 0));
        }
    }
    for r in regions {
        lines.push(line(r, Role::Region, 0));
    }
    if let Some(c) = bundle.country() {
        if !sel.focus.contains(&c) {
            lines.push(line(c, Role::England, 0));
        }
    }
    for (i, &a) in sel.focus.iter().enumerate() {
        lines.push(line(a, Role::Focus, i));
    }
    Spec {
        first_year: first,
        last_year: last,
        lines,
        base_year: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(role: Role, label: &str, values: Vec<Option<f64>>) -> Line {
        let decimals = vec![0; values.len()];
        Line {
            area: AreaId(0),
            label: label.into(),
            role,
            slot: 0,
            values,
            decimals,
        }
    }

    fn spec() -> Spec {
        Spec {
            first_year: 2010,
            last_year: 2015,
            lines: vec![
                line(
                    Role::Focus,
                    "North East",
                    vec![Some(70.0), None, None, Some(80.0), Some(81.0), Some(81.0)],
                ),
                line(
                    Role::England,
                    "England",
                    vec![Some(58.0), None, None, Some(60.0), Some(60.0), Some(60.0)],
                ),
            ],
            base_year: None,
        }
    }

    #[test]
    fn gaps_inside_labelled_lines_are_found_and_ends_are_not_gaps() {
        let mut s = spec();
        s.lines[1].area = AreaId(1);
        s.lines.push(Line {
            area: AreaId(2),
            role: Role::Context,
            ..line(Role::Context, "Grey", vec![Some(1.0), None, Some(1.0)])
        });
        s.lines[0].values[5] = None;
        let gaps: Vec<_> = s.gaps().iter().map(|&(l, a, z)| (l.area, a, z)).collect();
        assert_eq!(
            gaps,
            [(AreaId(0), 2011, 2012), (AreaId(1), 2011, 2012)],
            "the trailing gap of the first line and the context line's gap are not breaks"
        );
    }

    #[test]
    fn end_labels_wrap_to_fit_a_narrow_chart_and_never_overlap() {
        assert_eq!(
            wrap("Newcastle upon Tyne 107", 14),
            ["Newcastle upon", "Tyne 107"]
        );
        assert_eq!(wrap("Gateshead 124", 40), ["Gateshead 124"]);
        let mut s = spec();
        s.lines[0].label = "Kingston upon Hull, City of".into();
        s.lines[1].values[5] = Some(80.5);
        for width in [300.0, 600.0, 1200.0] {
            let sc = s.layout(width, 300.0);
            let room = width - sc.plot.right() - 8.0;
            let mut ends: Vec<&EndLabel> = sc.lines.iter().filter_map(|l| l.end.as_ref()).collect();
            ends.sort_by(|a, b| a.y.total_cmp(&b.y));
            for e in &ends {
                let widest = e.lines.iter().map(|l| l.chars().count()).max().unwrap();
                assert!(
                    widest as f64 * CHAR_WIDTH <= room,
                    "{width}: {:?} in {room} px",
                    e.lines
                );
                assert_eq!(e.lines.join(" "), e.text);
            }
            for w in ends.windows(2) {
                assert!(
                    w[1].y - w[1].height() / 2.0 >= w[0].y + w[0].height() / 2.0 - 1e-9,
                    "{width}: labels overlap: {:?}",
                    ends
                );
            }
        }
    }

    #[test]
    fn gaps_stay_gaps_and_lone_years_become_dots() {
        let s = spec().layout(600.0, 300.0);
        let ne = s.lines.iter().find(|l| l.role == Role::Focus).unwrap();
        assert_eq!(ne.dots.len(), 1, "2010 stands alone");
        assert_eq!(ne.segments.len(), 1);
        assert_eq!(
            ne.segments[0].len(),
            3,
            "2013–2015 joined, 2010 not joined to them"
        );
        assert!(ne.segments[0][0][0] > ne.dots[0][0]);
    }

    #[test]
    fn higher_values_are_higher_on_screen_and_axis_starts_at_zero() {
        let s = spec().layout(600.0, 300.0);
        let ne = s.lines.iter().find(|l| l.role == Role::Focus).unwrap();
        let en = s.lines.iter().find(|l| l.role == Role::England).unwrap();
        assert!(ne.segments[0][0][1] < en.segments[0][0][1]);
        assert_eq!(s.y_ticks[0].text, "0");
        assert!((s.y_ticks[0].pos - s.plot.bottom()).abs() < 1e-9);
        assert_eq!(s.zero, None);
    }

    #[test]
    fn end_labels_name_the_last_value_and_do_not_overlap() {
        let mut sp = spec();
        sp.lines[1].values[5] = Some(80.5);
        let s = sp.layout(600.0, 300.0);
        let ys: Vec<f64> = s
            .lines
            .iter()
            .filter_map(|l| l.end.as_ref().map(|e| e.y))
            .collect();
        assert_eq!(ys.len(), 2);
        assert!((ys[0] - ys[1]).abs() >= LABEL_HEIGHT - 1e-9);
        let texts: Vec<&str> = s
            .lines
            .iter()
            .filter_map(|l| l.end.as_ref().map(|e| e.text.as_str()))
            .collect();
        assert!(texts.contains(&"North East 81"));
    }

    #[test]
    fn narrow_charts_thin_out_year_ticks() {
        let mut sp = spec();
        sp.last_year = 2025;
        for l in &mut sp.lines {
            l.values.resize(16, Some(60.0));
            l.decimals.resize(16, 0);
        }
        let wide = sp.layout(1000.0, 300.0);
        let narrow = sp.layout(320.0, 200.0);
        assert!(narrow.x_ticks.len() < wide.x_ticks.len());
        assert_eq!(narrow.x_ticks[0].text, "2010");
        assert!(narrow
            .x_ticks
            .windows(2)
            .all(|w| w[1].pos - w[0].pos >= 30.0));
    }

    #[test]
    fn index_mode_is_percent_change_since_the_base_year() {
        let sp = spec().indexed(2010);
        let ne = &sp.lines[0];
        assert_eq!(ne.values[0], Some(0.0));
        let v2015 = ne.values[5].unwrap();
        assert!((v2015 - (81.0 / 70.0 - 1.0) * 100.0).abs() < 1e-9);
        assert_eq!(ne.value_text(5, true).as_deref(), Some("+16%"));
        assert_eq!(ne.values[1], None, "gaps stay gaps");
        let en = &sp.lines[1];
        assert!((en.values[3].unwrap() - (60.0 / 58.0 - 1.0) * 100.0).abs() < 1e-9);
        // A line with no base-year value cannot be indexed.
        let later = spec().indexed(2011);
        assert!(later
            .lines
            .iter()
            .all(|l| l.values.iter().all(Option::is_none)));
    }

    #[test]
    fn index_mode_draws_a_zero_line_and_handles_falls() {
        let mut sp = spec();
        sp.lines[1].values[5] = Some(29.0); // England halves.
        let s = sp.indexed(2010).layout(600.0, 300.0);
        let zero = s.zero.expect("zero line in index mode");
        assert!(zero > s.plot.y && zero < s.plot.bottom());
        assert!(
            s.y_ticks.iter().any(|t| t.text.starts_with('\u{2212}')),
            "{:?}",
            s.y_ticks
        );
        assert!(s.y_ticks.iter().any(|t| t.text == "0%"));
    }

    #[test]
    fn pointer_queries_find_the_year_and_the_nearest_line() {
        let mut sp = spec();
        sp.lines[0].area = AreaId(7);
        sp.lines[1].area = AreaId(9);
        let s = sp.layout(600.0, 300.0);
        let x2013 = s.x_of(2013);
        assert_eq!(s.year_at(x2013 + 3.0), Some(2013));
        assert_eq!(s.year_at(1.0), None);
        let ne = s
            .lines
            .iter()
            .find(|l| l.area == AreaId(7))
            .unwrap()
            .segments[0][1];
        assert_eq!(s.line_near([ne[0], ne[1] + 2.0], 6.0), Some(AreaId(7)));
        assert_eq!(s.line_near([ne[0], ne[1] - 60.0], 6.0), None);
    }
}
