//! Ranked bars: the areas in view sorted by their figure for one year,
//! highest first, with England's (and the region's) figure as labelled
//! reference lines. Areas without a figure are listed as gaps, with the
//! reason, never dropped silently. Pure layout: the web layer paints it.

use crate::data::{AreaId, Bundle, Cell, Level, MeasureId, Missing, NeighbourModel};
use crate::scale::format;
use crate::scale::ticks::nice_ticks;
use crate::view::compare::{self, Statistic};
use crate::view::trend::{Rect, Tick};

/// Up to this many bars are drawn as labelled rows; more are thin rows,
/// named only when selected or highlighted (hover and keyboard name the rest).
pub const MAX_LABELLED: usize = 40;
/// A labelled row's height, CSS px (a 16 px bar and its gap).
pub const ROW: f64 = 22.0;
/// The tallest the thin rows of many bars get, in all, CSS px.
pub const THIN_HEIGHT: f64 = 560.0;
/// The height of a line of text above the bars (reference labels, ticks).
pub const LINE: f64 = 16.0;

/// One area's bar.
#[derive(Clone, Debug, PartialEq)]
pub struct Bar {
    /// The area.
    pub area: AreaId,
    /// Its figure.
    pub value: f64,
    /// Decimal places it was published with.
    pub decimals: u8,
    /// 1 for the highest; ties share the better rank.
    pub rank: usize,
    /// Its colour slot when selected or highlighted (as in the trend).
    pub slot: Option<usize>,
}

/// What a reference line stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RefKind {
    /// England's figure.
    England,
    /// The region's figure.
    Region,
    /// The average of statistical neighbours.
    Neighbours,
}

/// A labelled vertical line across the bars.
#[derive(Clone, Debug, PartialEq)]
pub struct Reference {
    /// "England", "North East", …
    pub label: String,
    /// The figure.
    pub value: f64,
    /// Decimal places.
    pub decimals: u8,
    /// What it stands for.
    pub kind: RefKind,
}

/// The bars for one year: ranked, the gaps, the reference lines.
#[derive(Clone, Debug, PartialEq)]
pub struct Bars {
    /// Highest first (ties by name).
    pub bars: Vec<Bar>,
    /// Areas with no figure, by name, and why.
    pub gaps: Vec<(AreaId, Missing)>,
    /// England first, then the region.
    pub references: Vec<Reference>,
}

/// Ranks `areas` by `measure` in `year`. `lines` are the selected and
/// highlighted areas with their colour slots; `region` adds its figure as a
/// reference line (England's is always added when it has one).
pub fn bars(
    bundle: &Bundle,
    measure: MeasureId,
    year: u16,
    areas: &[AreaId],
    lines: &[(AreaId, usize)],
    region: Option<AreaId>,
) -> Bars {
    let name = |a: AreaId| bundle.area(a).name.as_str();
    let mut bars = Vec::new();
    let mut gaps = Vec::new();
    for &a in areas {
        match bundle.cell(measure, a, year) {
            Cell::Value {
                value, decimals, ..
            } => bars.push(Bar {
                area: a,
                value,
                decimals,
                rank: 0,
                slot: lines.iter().find(|l| l.0 == a).map(|l| l.1),
            }),
            Cell::Missing(why) => gaps.push((a, why)),
        }
    }
    crate::sort::sort_by(&mut bars, &mut |p, q| {
        q.value
            .total_cmp(&p.value)
            .then(name(p.area).cmp(name(q.area)))
    });
    for i in 0..bars.len() {
        // Ties share the better rank: the first bar with this value's place.
        bars[i].rank = if i > 0 && bars[i - 1].value == bars[i].value {
            bars[i - 1].rank
        } else {
            i + 1
        };
    }
    crate::sort::sort_by(&mut gaps, &mut |p, q| name(p.0).cmp(name(q.0)));
    let mut references = Vec::new();
    let country = bundle.country();
    for (area, kind) in [(country, RefKind::England), (region, RefKind::Region)] {
        let Some(a) =
            area.filter(|&a| kind == RefKind::England || bundle.area(a).level == Level::Region)
        else {
            continue;
        };
        if let Cell::Value {
            value, decimals, ..
        } = bundle.cell(measure, a, year)
        {
            references.push(Reference {
                label: bundle.area(a).name.clone(),
                value,
                decimals,
                kind,
            });
        }
    }
    Bars {
        bars,
        gaps,
        references,
    }
}

/// The bars of one authority and its statistical neighbours in `model`
/// (following DfE's stand-ins, e.g. Cumbria's list for Cumberland in the
/// 2021 model), with England's, its region's and the neighbours' `stat`
/// as reference lines. A neighbour with no area that year is listed as a
/// gap. `None` when the model lists no neighbours for it.
pub fn neighbour_bars(
    bundle: &Bundle,
    measure: MeasureId,
    year: u16,
    subject: AreaId,
    (model, stat): (NeighbourModel, Statistic),
    lines: &[(AreaId, usize)],
) -> Option<Bars> {
    let group = bundle.neighbour_group(subject, model)?;
    let mut areas = vec![subject];
    let mut gone = Vec::new();
    for n in group.neighbours {
        match compare::neighbour_area(bundle, measure, n.area, year) {
            Some(a) => areas.push(a),
            None => gone.push((n.area, Missing::NotLive)),
        }
    }
    let mut b = bars(
        bundle,
        measure,
        year,
        &areas,
        lines,
        bundle.area(subject).region,
    );
    b.gaps.extend(gone);
    let fig = compare::neighbour_figure(bundle, measure, group.neighbours, year, stat);
    if let Some(value) = fig.value {
        let of = if fig.with < fig.of {
            format!(" ({} of {})", fig.with, fig.of)
        } else {
            String::new()
        };
        b.references.push(Reference {
            label: format!("Neighbours' {}{of}", stat.keyword()),
            value,
            decimals: bundle.measure(measure).decimals.max(1),
            kind: RefKind::Neighbours,
        });
    }
    Some(b)
}

/// One bar as placed, CSS px.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    /// Top of the bar.
    pub y: f64,
    /// Its thickness.
    pub h: f64,
    /// Its right end (bars grow from the axis at `Layout::zero`).
    pub x: f64,
    /// The row's name is shown beside it.
    pub named: bool,
}

/// A reference line as placed.
#[derive(Clone, Debug, PartialEq)]
pub struct RefLine {
    /// Its x, CSS px.
    pub x: f64,
    /// Where its label's baseline row is (top of a text line), CSS px.
    pub label_y: f64,
    /// "England 70".
    pub text: String,
    /// The label extends to the left of the line (it is in the right half).
    pub leftward: bool,
    /// What it stands for.
    pub kind: RefKind,
}

/// The bars placed in a width.
#[derive(Clone, Debug, PartialEq)]
pub struct Layout {
    /// Width, CSS px.
    pub width: f64,
    /// Height, CSS px.
    pub height: f64,
    /// Where the bars are.
    pub plot: Rect,
    /// The axis value 0 (or the lowest value, if negative), CSS px.
    pub zero: f64,
    /// Parallel to [`Bars::bars`].
    pub rows: Vec<Row>,
    /// Reference lines.
    pub refs: Vec<RefLine>,
    /// Value ticks along the top.
    pub ticks: Vec<Tick>,
    /// Every row is named (few bars).
    pub labelled: bool,
}

impl Layout {
    /// The bar whose row is at `y` (and within the plot's width), if any.
    pub fn bar_at(&self, x: f64, y: f64) -> Option<usize> {
        if x < 0.0 || x > self.width || y < self.plot.y || y > self.plot.bottom() {
            return None;
        }
        let step = self.plot.h / self.rows.len().max(1) as f64;
        let i = ((y - self.plot.y) / step).floor() as usize;
        (i < self.rows.len()).then_some(i)
    }
}

/// Places `b` in `width` CSS px: names in a gutter at the left, values
/// along the top, one row per bar.
pub fn layout(b: &Bars, width: f64) -> Layout {
    let n = b.bars.len();
    let labelled = n <= MAX_LABELLED;
    let gutter = (width * 0.36).clamp(80.0, 190.0);
    let right = if labelled { 44.0 } else { 12.0 };
    let top = LINE * b.references.len() as f64 + LINE + 6.0;
    let step = if labelled {
        ROW
    } else {
        (THIN_HEIGHT / n as f64).clamp(3.0, 8.0)
    };
    let plot = Rect {
        x: gutter,
        y: top,
        w: (width - gutter - right).max(20.0),
        h: step * n as f64,
    };
    let values = b
        .bars
        .iter()
        .map(|x| x.value)
        .chain(b.references.iter().map(|r| r.value));
    let (lo, hi) = values.fold((0.0f64, 0.0f64), |(l, h), v| (l.min(v), h.max(v)));
    let ticks = nice_ticks(lo, hi, ((plot.w / 70.0) as usize).max(2));
    let (t0, t1) = (ticks[0], ticks[ticks.len() - 1]);
    let sx = |v: f64| plot.x + (v - t0) / (t1 - t0) * plot.w;
    let decimals = crate::scale::ticks::step_decimals(ticks[1] - ticks[0]);
    let zero = sx(crate::scale::clamp(0.0, t0, t1));
    let gap = if labelled { 6.0 } else { (step * 0.2).min(1.0) };
    let rows = b
        .bars
        .iter()
        .enumerate()
        .map(|(i, bar)| Row {
            y: plot.y + i as f64 * step + gap / 2.0,
            h: step - gap,
            x: sx(bar.value),
            named: labelled || bar.slot.is_some(),
        })
        .collect();
    let refs = b
        .references
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let x = sx(r.value);
            RefLine {
                x,
                label_y: i as f64 * LINE,
                text: format!("{} {}", r.label, format::number(r.value, r.decimals)),
                leftward: x > plot.x + plot.w / 2.0,
                kind: r.kind,
            }
        })
        .collect();
    Layout {
        width,
        height: plot.bottom() + 4.0,
        plot,
        zero,
        rows,
        refs,
        ticks: ticks
            .iter()
            .map(|&t| Tick {
                pos: sx(t),
                text: format::number(t, decimals),
            })
            .collect(),
        labelled,
    }
}

/// What the tooltip, the keyboard and a screen reader say of one bar:
/// (name, value with unit, "3rd highest of 152, at 31 March 2025. Official published figure.").
pub fn words(bundle: &Bundle, measure: MeasureId, year: u16, b: &Bars, i: usize) -> [String; 3] {
    let bar = &b.bars[i];
    let t = crate::view::text::tooltip(bundle, measure, bar.area, year);
    let rank = format!(
        "{} highest of {}",
        crate::view::text::ordinal(bar.rank),
        b.bars.len()
    );
    [t.name, t.value, format!("{rank}, {}", t.detail)]
}
