//! Planar polygons in world coordinates (metres, y up): bounding boxes,
//! areas, containment and distance to the edge.

/// A point `[x, y]`.
pub type Point = [f64; 2];

/// A polygon as rings, outer first; holes are read by the even–odd rule, so
/// ring direction does not matter.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Polygon {
    /// Each ring's points in order; the edge back to the first is implied
    /// (a repeated first point does no harm).
    pub rings: Vec<Vec<Point>>,
}

/// An axis-aligned bounding box; [`Bbox::EMPTY`] holds nothing.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Bbox {
    /// The lowest x and y.
    pub min: Point,
    /// The highest x and y.
    pub max: Point,
}

impl Bbox {
    /// The box of no points: inverted, so adding any point makes it that point.
    pub const EMPTY: Bbox = Bbox {
        min: [f64::INFINITY, f64::INFINITY],
        max: [f64::NEG_INFINITY, f64::NEG_INFINITY],
    };

    /// The box of these points.
    pub fn of_points<'a>(points: impl IntoIterator<Item = &'a Point>) -> Bbox {
        let mut b = Bbox::EMPTY;
        for p in points {
            b.add(*p);
        }
        b
    }

    /// Grows the box to hold `p`.
    pub fn add(&mut self, p: Point) {
        self.min = [self.min[0].min(p[0]), self.min[1].min(p[1])];
        self.max = [self.max[0].max(p[0]), self.max[1].max(p[1])];
    }

    /// The box holding both.
    pub fn union(self, o: Bbox) -> Bbox {
        Bbox {
            min: [self.min[0].min(o.min[0]), self.min[1].min(o.min[1])],
            max: [self.max[0].max(o.max[0]), self.max[1].max(o.max[1])],
        }
    }

    /// Whether it holds no point.
    pub fn is_empty(&self) -> bool {
        !(self.min[0] <= self.max[0] && self.min[1] <= self.max[1])
    }

    /// Extent in x (negative when empty).
    pub fn width(&self) -> f64 {
        self.max[0] - self.min[0]
    }

    /// Extent in y (negative when empty).
    pub fn height(&self) -> f64 {
        self.max[1] - self.min[1]
    }

    /// Whether `p` lies inside or on the edge.
    pub fn contains(&self, p: Point) -> bool {
        p[0] >= self.min[0] && p[0] <= self.max[0] && p[1] >= self.min[1] && p[1] <= self.max[1]
    }
}

impl Polygon {
    /// The box of every ring's points.
    pub fn bbox(&self) -> Bbox {
        Bbox::of_points(self.rings.iter().flatten())
    }

    /// Area enclosed, holes subtracted (assuming holes lie inside the outer ring).
    pub fn area(&self) -> f64 {
        let mut rings = self.rings.iter().map(|r| ring_area(r).abs());
        let outer = rings.next().unwrap_or(0.0);
        outer - rings.sum::<f64>()
    }

    /// Even–odd point-in-polygon test over every ring.
    pub fn contains(&self, p: Point) -> bool {
        let mut inside = false;
        for ring in &self.rings {
            let n = ring.len();
            if n < 3 {
                continue;
            }
            let mut j = n - 1;
            for i in 0..n {
                let (a, b) = (ring[i], ring[j]);
                if (a[1] > p[1]) != (b[1] > p[1])
                    && p[0] < (b[0] - a[0]) * (p[1] - a[1]) / (b[1] - a[1]) + a[0]
                {
                    inside = !inside;
                }
                j = i;
            }
        }
        inside
    }

    /// Distance from `p` to the nearest edge: positive inside, negative outside.
    pub fn signed_distance(&self, p: Point) -> f64 {
        let mut best = f64::INFINITY;
        for ring in &self.rings {
            for w in ring.windows(2) {
                best = best.min(segment_distance_sq(p, w[0], w[1]));
            }
            if let (Some(&first), Some(&last)) = (ring.first(), ring.last()) {
                best = best.min(segment_distance_sq(p, last, first));
            }
        }
        let d = best.sqrt();
        if self.contains(p) {
            d
        } else {
            -d
        }
    }
}

/// Signed area by the shoelace formula: positive when anticlockwise (y up).
pub fn ring_area(ring: &[Point]) -> f64 {
    let n = ring.len();
    if n < 3 {
        return 0.0;
    }
    let mut s = 0.0;
    for i in 0..n {
        let (a, b) = (ring[i], ring[(i + 1) % n]);
        s += a[0] * b[1] - b[0] * a[1];
    }
    s / 2.0
}

/// Squared distance from `p` to the segment `a`–`b`.
pub fn segment_distance_sq(p: Point, a: Point, b: Point) -> f64 {
    let (dx, dy) = (b[0] - a[0], b[1] - a[1]);
    let len2 = dx * dx + dy * dy;
    let t = if len2 > 0.0 {
        (((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2).clamp(0.0, 1.0)
    } else {
        0.0
    };
    let (cx, cy) = (a[0] + t * dx - p[0], a[1] + t * dy - p[1]);
    cx * cx + cy * cy
}

#[cfg(test)]
mod tests {
    use super::*;

    fn square_with_hole() -> Polygon {
        Polygon {
            rings: vec![
                vec![[0.0, 0.0], [10.0, 0.0], [10.0, 10.0], [0.0, 10.0]],
                vec![[4.0, 4.0], [6.0, 4.0], [6.0, 6.0], [4.0, 6.0]],
            ],
        }
    }

    #[test]
    fn area_subtracts_holes() {
        assert_eq!(square_with_hole().area(), 96.0);
    }

    #[test]
    fn points_in_holes_are_outside() {
        let p = square_with_hole();
        assert!(p.contains([1.0, 1.0]));
        assert!(!p.contains([5.0, 5.0]));
        assert!(!p.contains([11.0, 5.0]));
    }

    #[test]
    fn signed_distance_is_positive_inside_and_negative_outside() {
        let p = square_with_hole();
        assert!((p.signed_distance([2.0, 5.0]) - 2.0).abs() < 1e-9);
        assert!((p.signed_distance([5.0, 5.0]) + 1.0).abs() < 1e-9);
        assert!((p.signed_distance([13.0, 5.0]) + 3.0).abs() < 1e-9);
    }

    #[test]
    fn empty_bbox_reports_empty() {
        assert!(Bbox::EMPTY.is_empty());
        assert!(!Bbox::of_points(&[[1.0, 2.0]]).is_empty());
    }
}
