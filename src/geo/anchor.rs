//! The pole of inaccessibility: the interior point farthest from any edge,
//! where an area's label, marker or keyboard focus ring belongs. Unlike the
//! centroid it is always inside, even for crescent or island-strewn shapes.
//!
//! Search by subdividing square cells, best first: a cell can hold a point at
//! most `distance(centre) + half-diagonal` from the edge, so cells that cannot
//! beat the best found so far by more than `precision` are dropped.

use super::polygon::{Point, Polygon};
use std::cmp::Ordering;
use std::collections::BinaryHeap;

struct Cell {
    centre: Point,
    half: f64,
    dist: f64,
    potential: f64,
}

impl Cell {
    fn new(centre: Point, half: f64, poly: &Polygon) -> Cell {
        let dist = poly.signed_distance(centre);
        Cell {
            centre,
            half,
            dist,
            potential: dist + half * std::f64::consts::SQRT_2,
        }
    }
}

impl PartialEq for Cell {
    fn eq(&self, o: &Self) -> bool {
        self.potential == o.potential
    }
}
impl Eq for Cell {}
impl PartialOrd for Cell {
    fn partial_cmp(&self, o: &Self) -> Option<Ordering> {
        Some(self.cmp(o))
    }
}
impl Ord for Cell {
    fn cmp(&self, o: &Self) -> Ordering {
        self.potential.total_cmp(&o.potential)
    }
}

/// Finds a point inside `poly` within `precision` of the farthest-from-edge
/// point, and its distance to the edge. An empty polygon gives its bbox centre
/// (or the origin) at distance 0.
pub fn pole_of_inaccessibility(poly: &Polygon, precision: f64) -> (Point, f64) {
    let b = poly.bbox();
    if b.is_empty() {
        return ([0.0, 0.0], 0.0);
    }
    let size = b.width().min(b.height());
    let centre = [(b.min[0] + b.max[0]) / 2.0, (b.min[1] + b.max[1]) / 2.0];
    if size <= 0.0 {
        return (centre, 0.0);
    }
    let half = size / 2.0;
    let mut queue = BinaryHeap::new();
    let mut y = b.min[1];
    while y < b.max[1] {
        let mut x = b.min[0];
        while x < b.max[0] {
            queue.push(Cell::new([x + half, y + half], half, poly));
            x += size;
        }
        y += size;
    }
    let mut best = Cell::new(centre, 0.0, poly);
    while let Some(cell) = queue.pop() {
        if cell.dist > best.dist {
            best = Cell::new(cell.centre, 0.0, poly);
        }
        if cell.potential - best.dist <= precision {
            continue;
        }
        let h = cell.half / 2.0;
        for (dx, dy) in [(-h, -h), (h, -h), (-h, h), (h, h)] {
            queue.push(Cell::new(
                [cell.centre[0] + dx, cell.centre[1] + dy],
                h,
                poly,
            ));
        }
    }
    (best.centre, best.dist)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anchor_of_an_l_shape_is_inside_and_off_the_corner() {
        // An L whose centroid and bbox centre fall outside or near the bend.
        let l = Polygon {
            rings: vec![vec![
                [0.0, 0.0],
                [10.0, 0.0],
                [10.0, 2.0],
                [2.0, 2.0],
                [2.0, 10.0],
                [0.0, 10.0],
            ]],
        };
        let (p, d) = pole_of_inaccessibility(&l, 0.01);
        assert!(l.contains(p));
        // The widest circle sits in the bend: 1 + a = √2 (1 − a), a = (√2 − 1)/(√2 + 1).
        let a = (2f64.sqrt() - 1.0) / (2f64.sqrt() + 1.0);
        assert!((d - (1.0 + a)).abs() < 0.02, "distance {d}");
    }

    #[test]
    fn anchor_of_a_square_is_its_centre() {
        let sq = Polygon {
            rings: vec![vec![[0.0, 0.0], [4.0, 0.0], [4.0, 4.0], [0.0, 4.0]]],
        };
        let (p, d) = pole_of_inaccessibility(&sq, 0.001);
        assert!((p[0] - 2.0).abs() < 0.01 && (p[1] - 2.0).abs() < 0.01);
        assert!((d - 2.0).abs() < 0.01);
    }

    #[test]
    fn empty_polygon_gives_a_point_not_a_panic() {
        let (_, d) = pole_of_inaccessibility(&Polygon::default(), 1.0);
        assert_eq!(d, 0.0);
    }
}
