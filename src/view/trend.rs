//! The trend chart as pure data: lines over years laid out in CSS pixels,
//! with gaps kept as gaps, axis ticks and labels at the ends of the lines.
//! Drawing it is [`crate::draw::trend`]'s job; text goes in HTML.

use crate::data::AreaId;
use crate::geo::Point;
use crate::scale::{format, ticks};

/// How a line is drawn, in order of emphasis.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Role {
    /// Other areas, thin and grey, for context.
    Context,
    /// England, the benchmark.
    England,
    /// The hovered or selected area.
    Focus,
}

/// One area's values, one slot per year from `first_year`.
#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    pub area: AreaId,
    pub label: String,
    pub role: Role,
    pub values: Vec<Option<f64>>,
    /// Decimal places to print each value with.
    pub decimals: Vec<u8>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Spec {
    pub first_year: u16,
    pub last_year: u16,
    pub lines: Vec<Line>,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

impl Rect {
    pub fn right(&self) -> f64 {
        self.x + self.w
    }
    pub fn bottom(&self) -> f64 {
        self.y + self.h
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Tick {
    /// Pixel position along the axis (x for years, y for values).
    pub pos: f64,
    pub text: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct EndLabel {
    /// Where the text's vertical centre goes, after moving labels apart.
    pub y: f64,
    pub text: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct SceneLine {
    pub area: AreaId,
    pub role: Role,
    /// Runs of consecutive years, each drawn as one polyline.
    pub segments: Vec<Vec<Point>>,
    /// Years with a value but no value the year before or after: drawn as dots
    /// so a lone figure (CLA 2010) is not lost and no gap is bridged.
    pub dots: Vec<Point>,
    pub end: Option<EndLabel>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Scene {
    pub width: f64,
    pub height: f64,
    pub plot: Rect,
    pub x_ticks: Vec<Tick>,
    pub y_ticks: Vec<Tick>,
    /// Drawn in order: context, then England, then focus on top.
    pub lines: Vec<SceneLine>,
}

/// Label line height in CSS px; end labels are kept at least this far apart.
pub const LABEL_HEIGHT: f64 = 16.0;
/// Rough width of a character of the 12–13 px UI font, to reserve label room
/// without measuring text (which plotters can only do through the DOM).
const CHAR_WIDTH: f64 = 7.5;

impl Spec {
    fn x(&self, plot: &Rect, year: u16) -> f64 {
        let span = f64::from(self.last_year.saturating_sub(self.first_year)).max(1.0);
        plot.x + f64::from(year - self.first_year) / span * plot.w
    }

    pub fn layout(&self, width: f64, height: f64) -> Scene {
        let max = self
            .lines
            .iter()
            .flat_map(|l| l.values.iter().flatten())
            .fold(0.0f64, |m, &v| m.max(v));
        let y_ticks_v = ticks::nice_ticks(0.0, if max > 0.0 { max } else { 1.0 }, 5);
        let y_top = *y_ticks_v.last().unwrap_or(&1.0);
        let step = y_ticks_v.get(1).copied().unwrap_or(1.0) - y_ticks_v[0];
        let y_dec = ticks::step_decimals(step);
        let y_texts: Vec<String> = y_ticks_v
            .iter()
            .map(|&v| format::number(v, y_dec))
            .collect();
        let left =
            8.0 + CHAR_WIDTH * y_texts.iter().map(|t| t.chars().count()).max().unwrap_or(1) as f64;

        let end_text = |l: &Line| -> Option<String> {
            let i = l.values.iter().rposition(Option::is_some)?;
            let v = l.values[i]?;
            Some(format!("{} {}", l.label, format::number(v, l.decimals[i])))
        };
        let labelled: Vec<String> = self
            .lines
            .iter()
            .filter(|l| l.role != Role::Context)
            .filter_map(end_text)
            .collect();
        let want = 16.0
            + CHAR_WIDTH
                * labelled
                    .iter()
                    .map(|t| t.chars().count())
                    .max()
                    .unwrap_or(0) as f64;
        let right = want.min(width * 0.42).max(12.0);
        let plot = Rect {
            x: left,
            y: 10.0,
            w: (width - left - right).max(10.0),
            h: (height - 10.0 - 26.0).max(10.0),
        };
        let ypx = |v: f64| plot.bottom() - v / y_top * plot.h;

        let y_ticks = y_ticks_v
            .iter()
            .zip(y_texts)
            .map(|(&v, text)| Tick { pos: ypx(v), text })
            .collect();

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
        let x_ticks = (self.first_year..=self.last_year)
            .filter(|y| {
                (y - self.first_year) as usize % year_step == 0
                    || *y == self.last_year && year_step == 1
            })
            .map(|y| Tick {
                pos: self.x(&plot, y),
                text: y.to_string(),
            })
            .collect();

        let mut lines: Vec<SceneLine> = self
            .lines
            .iter()
            .map(|l| {
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
                        .map(|(v, text)| EndLabel { y: ypx(v), text })
                };
                SceneLine {
                    area: l.area,
                    role: l.role,
                    segments,
                    dots,
                    end,
                }
            })
            .collect();
        lines.sort_by_key(|l| l.role);
        spread_labels(&mut lines, plot.y, plot.bottom());
        Scene {
            width,
            height,
            plot,
            x_ticks,
            y_ticks,
            lines,
        }
    }
}

/// Moves end labels apart vertically so none overlap, keeping them in the plot.
fn spread_labels(lines: &mut [SceneLine], top: f64, bottom: f64) {
    let mut idx: Vec<usize> = (0..lines.len())
        .filter(|&i| lines[i].end.is_some())
        .collect();
    let y = |lines: &[SceneLine], i: usize| lines[i].end.as_ref().map_or(0.0, |e| e.y);
    idx.sort_unstable_by(|&a, &b| y(lines, a).total_cmp(&y(lines, b)));
    let mut prev = f64::NEG_INFINITY;
    for &i in &idx {
        if let Some(e) = lines[i].end.as_mut() {
            e.y = e.y.max(prev + LABEL_HEIGHT).max(top);
            prev = e.y;
        }
    }
    // If the stack ran off the bottom, push it back up.
    let mut next = f64::INFINITY;
    for &i in idx.iter().rev() {
        if let Some(e) = lines[i].end.as_mut() {
            e.y = e.y.min(next - LABEL_HEIGHT).min(bottom);
            next = e.y;
        }
    }
}

/// The trend of one measure: `context` areas in grey, England as the
/// benchmark, and `focus` areas on top.
pub fn spec_for(
    bundle: &crate::data::Bundle,
    measure: crate::data::MeasureId,
    context: &[AreaId],
    focus: &[AreaId],
) -> Spec {
    use crate::data::Cell;
    let m = bundle.measure(measure);
    let (first, last) = m.years;
    let line = |area: AreaId, role: Role| {
        let cells: Vec<Cell> = (first..=last)
            .map(|y| bundle.cell(measure, area, y))
            .collect();
        Line {
            area,
            label: bundle.area(area).name.clone(),
            role,
            values: cells.iter().map(Cell::value).collect(),
            decimals: cells
                .iter()
                .map(|c| match c {
                    Cell::Value { decimals, .. } => *decimals,
                    Cell::Missing(_) => 0,
                })
                .collect(),
        }
    };
    let mut lines: Vec<Line> = context
        .iter()
        .filter(|a| !focus.contains(a))
        .map(|&a| line(a, Role::Context))
        .collect();
    if let Some(c) = bundle.country() {
        if !focus.contains(&c) {
            lines.push(line(c, Role::England));
        }
    }
    lines.extend(focus.iter().map(|&a| line(a, Role::Focus)));
    Spec {
        first_year: first,
        last_year: last,
        lines,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(role: Role, label: &str, values: Vec<Option<f64>>) -> Line {
        let decimals = vec![0; values.len()];
        Line {
            area: 0,
            label: label.into(),
            role,
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
}
