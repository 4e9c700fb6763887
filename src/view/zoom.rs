//! Zoom and pan of the map: a scale about the map's own top-left corner
//! and a shift, both in CSS px, applied on top of the [`Fit`] that frames
//! the whole map. Clamped so the map always fills its box: a reader can
//! neither zoom out past the whole map nor pan it out of view.
//!
//! Coordinates: *base* px are where a point sits at no zoom; *view* px are
//! where it is drawn: `view = k × base + (x, y)`.

use crate::geo::Point;
use crate::view::map::Fit;

/// The closest a reader can zoom: the City of London (about 1.7 km across)
/// is then some 14 px wide on a 320 px phone, and Kensington and Chelsea
/// near 17 px.
pub const MAX_ZOOM: f64 = 16.0;
/// One press of a zoom button or key.
pub const STEP: f64 = 1.5;
/// How much of the view's edge a followed area keeps clear of, CSS px:
/// enough to clear the zoom buttons in the top-right corner.
pub const REVEAL_MARGIN: f64 = 48.0;

/// A zoom and pan; [`Zoom::NONE`] shows the whole map.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Zoom {
    /// Scale factor, 1 (whole map) to [`MAX_ZOOM`].
    pub k: f64,
    /// Horizontal shift, view px.
    pub x: f64,
    /// Vertical shift, view px.
    pub y: f64,
}

impl Default for Zoom {
    fn default() -> Zoom {
        Zoom::NONE
    }
}

impl Zoom {
    /// The whole map.
    pub const NONE: Zoom = Zoom {
        k: 1.0,
        x: 0.0,
        y: 0.0,
    };

    /// Whether this shows the whole map, unzoomed.
    pub fn is_none(&self) -> bool {
        self.k <= 1.0 + 1e-9
    }

    /// The fit as drawn: world metres straight to view px.
    pub fn apply(&self, fit: &Fit) -> Fit {
        Fit {
            scale: fit.scale * self.k,
            tx: fit.tx * self.k + self.x,
            ty: fit.ty * self.k + self.y,
        }
    }

    /// Base px to view px.
    pub fn to_view(&self, p: Point) -> Point {
        [p[0] * self.k + self.x, p[1] * self.k + self.y]
    }

    /// View px to base px.
    pub fn to_base(&self, p: Point) -> Point {
        [(p[0] - self.x) / self.k, (p[1] - self.y) / self.k]
    }

    /// Kept within the map's box of `size` CSS px: the scale within
    /// 1..=[`MAX_ZOOM`] and no edge of the map pulled inside the box.
    pub fn clamped(self, size: (f64, f64)) -> Zoom {
        let k = if self.k.is_finite() {
            self.k.clamp(1.0, MAX_ZOOM)
        } else {
            1.0
        };
        if k <= 1.0 + 1e-9 {
            return Zoom::NONE;
        }
        let fix = |v: f64, len: f64| {
            let lo = len - k * len;
            if v.is_finite() {
                crate::scale::clamp(v, lo, 0.0)
            } else {
                lo / 2.0
            }
        };
        Zoom {
            k,
            x: fix(self.x, size.0),
            y: fix(self.y, size.1),
        }
    }

    /// Scales by `factor` about the view point `c` (the pointer, the pinch's
    /// centre, or the box's centre), which stays where it is.
    pub fn at(self, factor: f64, c: Point, size: (f64, f64)) -> Zoom {
        let k = (self.k * factor).clamp(1.0, MAX_ZOOM);
        let f = k / self.k;
        Zoom {
            k,
            x: c[0] - f * (c[0] - self.x),
            y: c[1] - f * (c[1] - self.y),
        }
        .clamped(size)
    }

    /// Moves the picture by (dx, dy) view px.
    pub fn pan(self, dx: f64, dy: f64, size: (f64, f64)) -> Zoom {
        Zoom {
            x: self.x + dx,
            y: self.y + dy,
            ..self
        }
        .clamped(size)
    }

    /// Pans the least needed to bring the base point `p` into view, at least
    /// [`REVEAL_MARGIN`] from the edges (keyboard focus follows areas off
    /// screen). Unzoomed, everything is in view already.
    pub fn reveal(self, p: Point, size: (f64, f64)) -> Zoom {
        if self.is_none() {
            return self;
        }
        let v = self.to_view(p);
        let shift = |at: f64, len: f64| {
            let m = REVEAL_MARGIN.min(len / 2.0);
            if at < m {
                m - at
            } else if at > len - m {
                len - m - at
            } else {
                0.0
            }
        };
        self.pan(shift(v[0], size.0), shift(v[1], size.1), size)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SIZE: (f64, f64) = (400.0, 300.0);

    fn close(a: Point, b: Point) -> bool {
        (a[0] - b[0]).abs() < 1e-9 && (a[1] - b[1]).abs() < 1e-9
    }

    #[test]
    fn zooming_keeps_the_point_under_the_pointer() {
        let z = Zoom::NONE.at(2.0, [100.0, 50.0], SIZE);
        assert_eq!(z.k, 2.0);
        assert!(close(z.to_view([100.0, 50.0]), [100.0, 50.0]));
        let z2 = z.at(1.5, [300.0, 200.0], SIZE);
        let base = z.to_base([300.0, 200.0]);
        assert!(close(z2.to_view(base), [300.0, 200.0]));
        assert!(close(z2.to_base(z2.to_view([12.0, 34.0])), [12.0, 34.0]));
    }

    #[test]
    fn the_fit_as_drawn_composes_with_the_zoom() {
        let fit = Fit {
            scale: 0.5,
            tx: 10.0,
            ty: 200.0,
        };
        let z = Zoom {
            k: 3.0,
            x: -50.0,
            y: -20.0,
        };
        let w = [123.0, 45.0];
        assert!(close(
            z.apply(&fit).to_screen(w),
            z.to_view(fit.to_screen(w))
        ));
    }

    #[test]
    fn the_map_cannot_be_zoomed_out_past_whole_or_panned_out_of_view() {
        assert_eq!(Zoom::NONE.at(0.5, [10.0, 10.0], SIZE), Zoom::NONE);
        let z = Zoom::NONE.at(100.0, [0.0, 0.0], SIZE);
        assert_eq!(z.k, MAX_ZOOM);
        let far = z.pan(1e6, 1e6, SIZE);
        assert_eq!((far.x, far.y), (0.0, 0.0), "the top-left corner stays put");
        let other = z.pan(-1e6, -1e6, SIZE);
        // The bottom-right corner of the map stays at the box's bottom right.
        assert!(close(other.to_view([SIZE.0, SIZE.1]), [SIZE.0, SIZE.1]));
        // Zooming back out to 1 returns to the whole map, wherever it was panned.
        assert_eq!(other.at(1.0 / MAX_ZOOM, [5.0, 5.0], SIZE), Zoom::NONE);
        let nan = Zoom {
            k: f64::NAN,
            x: 0.0,
            y: 0.0,
        };
        assert_eq!(nan.clamped(SIZE), Zoom::NONE);
    }

    #[test]
    fn reveal_pans_just_enough_to_show_a_point() {
        let z = Zoom::NONE.at(4.0, [0.0, 0.0], SIZE);
        // A base point near the far corner is off screen at 4×, top-left.
        let p = [380.0, 280.0];
        let v = z.to_view(p);
        assert!(v[0] > SIZE.0 && v[1] > SIZE.1);
        let r = z.reveal(p, SIZE);
        let v = r.to_view(p);
        assert!(
            (REVEAL_MARGIN - 1e-9..=SIZE.0 - REVEAL_MARGIN + 1e-9).contains(&v[0])
                && (REVEAL_MARGIN - 1e-9..=SIZE.1 - REVEAL_MARGIN + 1e-9).contains(&v[1]),
            "{v:?}"
        );
        // A point already in view does not move the map.
        assert_eq!(r.reveal(r.to_base([200.0, 150.0]), SIZE), r);
        assert_eq!(Zoom::NONE.reveal(p, SIZE), Zoom::NONE);
    }
}
