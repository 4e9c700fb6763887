//! Where the parts go at a given width: the map and the trend side by side
//! from [`WIDE`] px, stacked below it. One source for these rules: the
//! stylesheet's gap is written from [`GAP`].

use crate::geo::Bbox;
use crate::view::map::preferred_height;
use crate::view::options::ViewKind;

/// Padding around the map inside its canvas, CSS px.
pub const MAP_PAD: f64 = 8.0;
/// The tallest the map gets from England's shape alone, CSS px (the `height`
/// attribute may go beyond it).
pub const MAP_MAX_HEIGHT: f64 = 640.0;
/// The widest the map gets beside the trend.
pub const MAP_MAX_WIDTH_WIDE: f64 = 640.0;
/// From this width the map and the trend sit side by side.
pub const WIDE: f64 = 720.0;
/// Between the map and the trend when side by side.
pub const GAP: f64 = 24.0;

/// The zoom buttons: this size, this far from the map's top-right corner,
/// stacked with this gap.
pub const ZOOM_BUTTON: f64 = 28.0;
/// See [`ZOOM_BUTTON`].
pub const ZOOM_INSET: f64 = 6.0;
/// See [`ZOOM_BUTTON`].
pub const ZOOM_GAP: f64 = 4.0;

/// The corner of a map `width` px wide that the zoom buttons take, with a
/// margin: the London inset keeps clear of it.
pub fn zoom_controls(width: f64) -> crate::view::trend::Rect {
    let w = ZOOM_BUTTON + 2.0 * ZOOM_INSET;
    crate::view::trend::Rect {
        x: width - w,
        y: 0.0,
        w,
        h: 3.0 * ZOOM_BUTTON + 2.0 * ZOOM_GAP + 2.0 * ZOOM_INSET,
    }
}

/// Sizes of the parts shown, CSS px.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Layout {
    /// The element's width, whole CSS px.
    pub width: f64,
    /// Map and trend side by side.
    pub wide: bool,
    /// The map's width and height, if the view has a map.
    pub map: Option<(f64, f64)>,
    /// The trend's width and height, if the view has a trend.
    pub trend: Option<(f64, f64)>,
    /// The view is the table.
    pub table: bool,
    /// The bars' or the scatter's width and height (the bars' height comes
    /// from their number: see [`crate::view::bars::layout`]).
    pub chart: Option<(f64, f64)>,
}

/// The scatter's height at a width: about 3:4, within reason for a phone and a desk.
pub fn scatter_height(width: f64) -> f64 {
    (width * 0.75).clamp(280.0, 520.0)
}

/// Lays out `view` in `width` px; `frame` is the map's extent in world
/// units and `height` the page's map height, if it set one. `None` while
/// the element has no width (hidden, or not yet laid out).
pub fn layout(width: f64, view: ViewKind, frame: Bbox, height: Option<f64>) -> Option<Layout> {
    let width = width.floor();
    if width < 1.0 {
        return None;
    }
    let wide = width >= WIDE && view == ViewKind::MapTrend;
    let map_w = if wide {
        (width * 0.5).min(MAP_MAX_WIDTH_WIDE).floor()
    } else {
        width
    };
    let trend_w = if wide { width - map_w - GAP } else { width };
    let map_h =
        height.unwrap_or_else(|| preferred_height(frame, map_w, MAP_PAD).min(MAP_MAX_HEIGHT));
    let trend_h = match view {
        ViewKind::Trend => (width * 0.5).clamp(260.0, 440.0),
        _ if wide => 300.0,
        _ => 260.0,
    };
    Some(Layout {
        width,
        wide,
        map: view.has_map().then_some((map_w, map_h)),
        trend: view.has_trend().then_some((trend_w, trend_h)),
        table: view == ViewKind::Table,
        chart: view.has_chart().then_some((width, scatter_height(width))),
    })
}

/// The map's tooltip keeps this far from the point it describes, and at
/// least [`TIP_MARGIN`] inside the map's edges, CSS px.
pub const TIP_GAP: f64 = 14.0;
/// See [`TIP_GAP`].
pub const TIP_MARGIN: f64 = 4.0;

/// Where the map's tooltip goes along one axis: beside the point, on the
/// side with more room, and inside the map whenever it fits in it (across
/// always: the stylesheet caps its width at the map's less the margins).
///
/// The tooltip sits at the map's top-left corner and is moved by a
/// `translate` of [`TipAxis::css`], in which `100%` is the tooltip's own
/// length: the browser resolves it as it lays the tooltip out, so placing
/// it needs no reading of its size (which forced a layout in every hover).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TipAxis {
    /// The edge nearer the point: its start, or its end when `before`.
    near: f64,
    /// Whether the tooltip goes before the point (left of it, or above).
    before: bool,
    /// The farthest its end may reach.
    limit: f64,
}

impl TipAxis {
    /// For a point at `at` in a map `extent` CSS px long.
    pub fn new(at: f64, extent: f64) -> TipAxis {
        let before = at > extent / 2.0;
        let near = if before { at - TIP_GAP } else { at + TIP_GAP };
        TipAxis {
            near: near.round(),
            before,
            limit: (extent - TIP_MARGIN).round(),
        }
    }

    /// The offset as CSS, for a `translate`.
    pub fn css(&self) -> String {
        let px = crate::scale::format::css_px;
        let near = if self.before {
            format!("calc({} - 100%)", px(self.near))
        } else {
            px(self.near)
        };
        format!(
            "clamp({}, {near}, calc({} - 100%))",
            px(TIP_MARGIN),
            px(self.limit)
        )
    }

    /// Where the tooltip starts for a length of `len`, as the browser
    /// resolves [`TipAxis::css`] (`clamp` lets its minimum win).
    pub fn resolve(&self, len: f64) -> f64 {
        let start = if self.before {
            self.near - len
        } else {
            self.near
        };
        start.min(self.limit - len).max(TIP_MARGIN)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ENGLAND: Bbox = Bbox {
        min: [0.0, 0.0],
        max: [500.0, 600.0],
    };

    #[test]
    fn side_by_side_from_the_wide_width_stacked_below_it() {
        let w = layout(1000.0, ViewKind::MapTrend, ENGLAND, None).unwrap();
        assert!(w.wide);
        let (map_w, _) = w.map.unwrap();
        let (trend_w, _) = w.trend.unwrap();
        assert_eq!(map_w + GAP + trend_w, 1000.0);
        let n = layout(WIDE - 1.0, ViewKind::MapTrend, ENGLAND, None).unwrap();
        assert!(!n.wide);
        assert_eq!(n.map.unwrap().0, WIDE - 1.0);
        assert_eq!(n.trend.unwrap().0, WIDE - 1.0);
    }

    #[test]
    fn only_the_parts_of_the_view_and_nothing_without_width() {
        let t = layout(500.0, ViewKind::Table, ENGLAND, None).unwrap();
        assert!(t.table && t.map.is_none() && t.trend.is_none());
        let m = layout(500.0, ViewKind::Map, ENGLAND, Some(300.0)).unwrap();
        assert_eq!(m.map, Some((500.0, 300.0)));
        assert!(layout(0.4, ViewKind::Map, ENGLAND, None).is_none());
    }
    #[test]
    fn the_tooltip_goes_beside_the_point_on_the_roomier_side_and_inside_the_map() {
        let right = TipAxis::new(100.0, 560.0);
        assert_eq!(right.css(), "clamp(4.0px, 114.0px, calc(556.0px - 100%))");
        assert_eq!(right.resolve(200.0), 114.0);
        let left = TipAxis::new(400.0, 560.0);
        assert_eq!(
            left.css(),
            "clamp(4.0px, calc(386.0px - 100%), calc(556.0px - 100%))"
        );
        assert_eq!(left.resolve(200.0), 186.0);
        for extent in [120.0, 320.0, 560.0] {
            for at in [
                0.0,
                3.0,
                40.0,
                extent / 2.0,
                extent / 2.0 + 1.0,
                extent - 5.0,
                extent,
            ] {
                // The stylesheet caps its width at the map's less the margins (web/style.rs).
                for len in [20.0, 100.0, 238.0, extent - 8.0]
                    .into_iter()
                    .filter(|&l| l <= extent - 2.0 * TIP_MARGIN)
                {
                    let t = TipAxis::new(at, extent);
                    let start = t.resolve(len);
                    // Inside the map, with the margin, whenever it fits at all.
                    assert!(
                        start >= TIP_MARGIN && start + len <= extent - TIP_MARGIN + 0.5,
                        "{at} {extent} {len}: {start}"
                    );
                    // Clear of the point whenever the roomier side has space for it.
                    let room =
                        if at > extent / 2.0 { at } else { extent - at } - TIP_GAP - TIP_MARGIN;
                    if len <= room - 1.0 {
                        assert!(
                            start > at || start + len < at,
                            "{at} {extent} {len}: {start} covers the point"
                        );
                    }
                }
            }
        }
    }
}
