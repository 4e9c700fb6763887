//! Visvalingam–Whyatt simplification of one open polyline: repeatedly drop
//! the point whose triangle with its neighbours has the smallest area, until
//! every remaining triangle is at least `min_area`. Endpoints always stay, so
//! simplifying each shared arc on its own keeps neighbours gap-free.

use super::polygon::Point;

fn triangle_area(a: Point, b: Point, c: Point) -> f64 {
    ((b[0] - a[0]) * (c[1] - a[1]) - (c[0] - a[0]) * (b[1] - a[1])).abs() / 2.0
}

/// Returns the indices of the points kept, in order. A closed arc (first
/// point equals last) keeps at least four points so its ring stays a ring.
pub fn visvalingam(points: &[Point], min_area: f64) -> Vec<usize> {
    let n = points.len();
    if n <= 2 {
        return (0..n).collect();
    }
    let closed = points[0] == points[n - 1];
    let floor = if closed { 4 } else { 2 };
    let mut prev: Vec<usize> = (0..n).map(|i| i.wrapping_sub(1)).collect();
    let mut next: Vec<usize> = (1..=n).collect();
    let mut alive = vec![true; n];
    let mut area = vec![f64::INFINITY; n];
    for i in 1..n - 1 {
        area[i] = triangle_area(points[i - 1], points[i], points[i + 1]);
    }
    let mut left = n;
    // n is a few thousand at most per arc: a linear scan for the minimum is
    // simpler than a heap with decrease-key, and the pipeline runs once.
    while left > floor {
        let Some((i, &a)) = area
            .iter()
            .enumerate()
            .filter(|(i, _)| alive[*i])
            .min_by(|x, y| x.1.total_cmp(y.1))
        else {
            break;
        };
        if a >= min_area {
            break;
        }
        alive[i] = false;
        left -= 1;
        let (p, q) = (prev[i], next[i]);
        next[p] = q;
        prev[q] = p;
        // A neighbour's new triangle never counts as smaller than the point
        // just removed, so removal order stays monotone (Visvalingam's rule).
        for k in [p, q] {
            if k != 0 && k != n - 1 {
                let t = triangle_area(points[prev[k]], points[k], points[next[k]]);
                area[k] = t.max(a);
            }
        }
    }
    (0..n).filter(|&i| alive[i]).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collinear_points_are_dropped_and_endpoints_kept() {
        let pts = [[0.0, 0.0], [1.0, 0.0], [2.0, 0.0], [3.0, 0.0]];
        assert_eq!(visvalingam(&pts, 0.1), vec![0, 3]);
    }

    #[test]
    fn a_real_corner_survives() {
        let pts = [[0.0, 0.0], [1.0, 0.01], [2.0, 0.0], [2.0, 5.0]];
        assert_eq!(visvalingam(&pts, 0.5), vec![0, 2, 3]);
    }

    #[test]
    fn closed_arcs_keep_a_ring() {
        let ring = [[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 1.0], [0.0, 0.0]];
        assert_eq!(visvalingam(&ring, 1e9).len(), 4);
    }
}
