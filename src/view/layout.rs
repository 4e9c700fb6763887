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
}
