//! Geometry: the projection the pipeline uses, polygons resolved from the
//! bundle's shared arcs, and the planar algorithms (containment, anchors,
//! simplification) both the pipeline and the widget rely on.
//!
//! Coordinates: *world* points are projected metres with y pointing north;
//! the view module maps them to CSS pixels with y pointing down.

mod anchor;
pub mod polygon;
pub mod projection;
mod simplify;

pub use anchor::pole_of_inaccessibility;
pub use polygon::{ring_area, Bbox, Point, Polygon};
pub use simplify::visvalingam;

use crate::data::{ArcRef, Geometry, Shape};

impl Geometry {
    /// A quantised point in world coordinates: `origin + q × unit`, in metres.
    pub fn world(&self, q: [i32; 2]) -> Point {
        [
            self.origin[0] + f64::from(q[0]) * self.unit,
            self.origin[1] + f64::from(q[1]) * self.unit,
        ]
    }

    /// The points of an arc in ring order (reversed for `!i` references),
    /// excluding its last point, which the next arc starts with.
    fn push_arc(&self, r: ArcRef, out: &mut Vec<Point>) {
        let (idx, reversed) = if r < 0 { (!r, true) } else { (r, false) };
        let arc = &self.arcs[idx as usize];
        let n = arc.len();
        for k in 0..n.saturating_sub(1) {
            let q = if reversed { arc[n - 1 - k] } else { arc[k] };
            out.push(self.world(q));
        }
    }

    /// The shape's polygons in world coordinates.
    pub fn polygons(&self, shape: &Shape) -> Vec<Polygon> {
        let mut polygons = Vec::with_capacity(shape.polygons.len());
        for arc_rings in &shape.polygons {
            let mut rings = Vec::with_capacity(arc_rings.len());
            for arcs in arc_rings {
                let mut ring = Vec::new();
                for &a in arcs {
                    self.push_arc(a, &mut ring);
                }
                rings.push(ring);
            }
            polygons.push(Polygon { rings });
        }
        polygons
    }

    /// The arc's points in world coordinates, in stored order.
    pub fn arc_points(&self, idx: usize) -> impl Iterator<Item = Point> + '_ {
        self.arcs[idx].iter().map(|&q| self.world(q))
    }
}
