//! Moving around the map by keyboard: the arrow keys go to the neighbouring
//! area in that direction, Home and End to the first and last by name, and
//! typing a name's first letters goes to it.

use crate::geo::Point;
use crate::view::inset::{screen_point, Inset};
use crate::view::map::{Fit, MapLayer};

/// A direction on screen, from an arrow key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dir {
    /// West on the map.
    Left,
    /// East on the map.
    Right,
    /// North on the map.
    Up,
    /// South on the map.
    Down,
}

impl Dir {
    /// From a `KeyboardEvent.key`.
    pub fn from_key(key: &str) -> Option<Dir> {
        Some(match key {
            "ArrowLeft" => Dir::Left,
            "ArrowRight" => Dir::Right,
            "ArrowUp" => Dir::Up,
            "ArrowDown" => Dir::Down,
            _ => return None,
        })
    }

    /// The way back.
    pub fn opposite(self) -> Dir {
        match self {
            Dir::Left => Dir::Right,
            Dir::Right => Dir::Left,
            Dir::Up => Dir::Down,
            Dir::Down => Dir::Up,
        }
    }

    /// Unit vector in screen space (y down).
    fn vector(self) -> Point {
        match self {
            Dir::Left => [-1.0, 0.0],
            Dir::Right => [1.0, 0.0],
            Dir::Up => [0.0, -1.0],
            Dir::Down => [0.0, 1.0],
        }
    }
}

/// How far off the arrow's direction a candidate may lie (75°): wide enough
/// that a coastal area always has somewhere to go, narrow enough that Right
/// never goes up.
const MAX_ANGLE: f64 = 75.0 * std::f64::consts::PI / 180.0;

/// Cost of reaching `to` from `from` in direction `dir`, or `None` if it is
/// not that way: distance, made dearer the further off-axis it lies.
fn cost(from: Point, to: Point, dir: Dir) -> Option<f64> {
    let v = [to[0] - from[0], to[1] - from[1]];
    let d = dir.vector();
    let along = v[0] * d[0] + v[1] * d[1];
    let across = (v[0] * d[1] - v[1] * d[0]).abs();
    if along <= 0.0 {
        return None;
    }
    let angle = across.atan2(along);
    // Off-axis candidates pay quadratically: from the North East, Down should
    // reach Yorkshire (far, nearly due south) before the North West (near,
    // but as much west as south).
    let off = angle / MAX_ANGLE;
    (angle <= MAX_ANGLE).then(|| along.hypot(across) * (1.0 + 4.0 * off * off))
}

/// The index of the area to move to from area `from` (indices into
/// `layer.areas`): the cheapest neighbour sharing a border that way, else
/// (islands, coasts) the cheapest of all areas that way. Only areas in focus
/// take part. Areas are compared where the reader sees them: a London
/// borough at its tile in the inset when there is one (so the arrows move
/// between tiles as they are laid out), any other area at its label point.
pub fn step(
    layer: &MapLayer,
    fit: &Fit,
    inset: Option<&Inset>,
    from: usize,
    dir: Dir,
) -> Option<usize> {
    layer.areas.get(from)?;
    let at = |i: usize| screen_point(layer, fit, inset, i);
    let here = at(from);
    // The cheapest; of equal costs, the lowest index.
    let best = |cands: &mut dyn Iterator<Item = usize>| {
        let mut best: Option<(f64, usize)> = None;
        for i in cands {
            if i == from || !layer.areas[i].in_focus {
                continue;
            }
            let Some(c) = cost(here, at(i), dir) else {
                continue;
            };
            if best.is_none_or(|(b, j)| c.total_cmp(&b).then(i.cmp(&j)).is_lt()) {
                best = Some((c, i));
            }
        }
        best.map(|(_, i)| i)
    };
    best(&mut layer.neighbours[from].iter().copied()).or_else(|| best(&mut (0..layer.areas.len())))
}

/// Indices of the areas in focus, in alphabetical order of `name`.
pub fn by_name(layer: &MapLayer, name: impl Fn(usize) -> String) -> Vec<usize> {
    by_name_dyn(layer, &name)
}

// The work is not generic, so its code is linked in once, whatever closure
// the caller passes.
fn by_name_dyn(layer: &MapLayer, name: &dyn Fn(usize) -> String) -> Vec<usize> {
    let mut v: Vec<(String, usize)> = Vec::with_capacity(layer.areas.len());
    for (i, a) in layer.areas.iter().enumerate() {
        if a.in_focus {
            v.push((name(i).to_ascii_lowercase(), i));
        }
    }
    crate::sort::sort_by(&mut v, &mut |a, b| a.cmp(b));
    let mut order = Vec::with_capacity(v.len());
    for (_, i) in v {
        order.push(i);
    }
    order
}

/// Type-ahead: the first area (in `order`) whose name starts with `typed`,
/// looking from the current one onwards so typing a letter again moves on.
pub fn find_by_prefix(
    order: &[usize],
    name: impl Fn(usize) -> String,
    typed: &str,
    current: Option<usize>,
) -> Option<usize> {
    let typed = typed.to_ascii_lowercase();
    if typed.is_empty() {
        return None;
    }
    let start = current
        .and_then(|c| order.iter().position(|&i| i == c))
        .map_or(0, |p| {
            // A repeated single letter cycles through the areas it starts.
            if typed.chars().count() == 1 {
                p + 1
            } else {
                p
            }
        });
    for k in 0..order.len() {
        let i = order[(start + k) % order.len()];
        if name(i).to_ascii_lowercase().starts_with(&typed) {
            return Some(i);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::{Area, AreaId, Bundle, Geometry, Level, Shape};

    /// A 3 × 2 grid of square authorities sharing borders, plus an island
    /// off the right, with no shared border.
    ///
    ///   A B C   I
    ///   D E F
    fn layer() -> (Bundle, MapLayer) {
        let names = ["A", "B", "C", "D", "E", "F", "I"];
        let origin = [
            [0, 100],
            [100, 100],
            [200, 100],
            [0, 0],
            [100, 0],
            [200, 0],
            [400, 120],
        ];
        // Shared-edge topology: build each square from four arcs, reusing
        // the arc between two neighbours.
        let mut arcs: Vec<Vec<[i32; 2]>> = Vec::new();
        let mut index = std::collections::BTreeMap::new();
        let mut arc = |a: [i32; 2], b: [i32; 2]| -> i32 {
            let key = if a <= b { (a, b) } else { (b, a) };
            let i = *index.entry(key).or_insert_with(|| {
                arcs.push(vec![key.0, key.1]);
                arcs.len() - 1
            }) as i32;
            if arcs[i as usize][0] == a {
                i
            } else {
                !i
            }
        };
        let mut shapes = Vec::new();
        for o in origin {
            let s = 100;
            let (p0, p1, p2, p3) = (
                [o[0], o[1]],
                [o[0] + s, o[1]],
                [o[0] + s, o[1] + s],
                [o[0], o[1] + s],
            );
            let ring = vec![arc(p0, p1), arc(p1, p2), arc(p2, p3), arc(p3, p0)];
            shapes.push(Shape {
                polygons: vec![vec![ring]],
                anchor: [o[0] + 50, o[1] + 50],
            });
        }
        let areas = names
            .iter()
            .enumerate()
            .map(|(i, n)| Area {
                code: n.to_string(),
                name: n.to_string(),
                level: Level::Authority,
                region: None,
                subregion: None,
                data_years: (0, 3000),
                shape: Some(i as u16),
                aliases: vec![],
            })
            .collect();
        let b = Bundle {
            attribution: String::new(),
            areas,
            sources: vec![],
            notes: vec![],
            measures: vec![],
            series: vec![],
            neighbours: Default::default(),
            waiting: Default::default(),
            geometry: std::sync::Arc::new(Geometry {
                unit: 1.0,
                origin: [0.0, 0.0],
                arcs,
                shapes,
            }),
        };
        let l = MapLayer::new(&b, Level::Authority, 2020, None);
        (b, l)
    }

    fn go(l: &MapLayer, from: &str, dir: Dir) -> Option<String> {
        let fit = Fit::new(l.frame, 500.0, 300.0, 0.0);
        let i = l.areas.iter().position(|a| {
            a.id.index()
                == ["A", "B", "C", "D", "E", "F", "I"]
                    .iter()
                    .position(|n| *n == from)
                    .unwrap()
        })?;
        step(l, &fit, None, i, dir)
            .map(|j| ["A", "B", "C", "D", "E", "F", "I"][l.areas[j].id.index()].to_string())
    }

    #[test]
    fn shared_borders_make_neighbours() {
        let (_, l) = layer();
        let e = l.areas.iter().position(|a| a.id == AreaId(4)).unwrap();
        let mut n: Vec<u16> = l.neighbours[e].iter().map(|&i| l.areas[i].id.0).collect();
        n.sort();
        assert_eq!(n, vec![1, 3, 5], "E borders B, D and F");
        let island = l.areas.iter().position(|a| a.id == AreaId(6)).unwrap();
        assert!(l.neighbours[island].is_empty());
    }

    #[test]
    fn arrows_move_to_the_neighbour_that_way() {
        let (_, l) = layer();
        assert_eq!(go(&l, "E", Dir::Left).as_deref(), Some("D"));
        assert_eq!(go(&l, "E", Dir::Right).as_deref(), Some("F"));
        assert_eq!(go(&l, "E", Dir::Up).as_deref(), Some("B"));
        assert_eq!(go(&l, "B", Dir::Down).as_deref(), Some("E"));
        assert_eq!(go(&l, "A", Dir::Left), None, "nothing west of A");
        assert_eq!(go(&l, "D", Dir::Down), None);
    }

    #[test]
    fn islands_are_reached_across_the_water_and_left_again() {
        let (_, l) = layer();
        assert_eq!(go(&l, "C", Dir::Right).as_deref(), Some("I"));
        assert_eq!(go(&l, "I", Dir::Left).as_deref(), Some("C"));
    }

    /// London's boroughs are a few px each on the national map: with the
    /// inset, the arrows move between their tiles as the reader sees them.
    #[test]
    fn arrows_move_between_the_inset_s_tiles() {
        use crate::view::inset::{boroughs, grid, plan};
        let b = crate::data::complete().unwrap();
        let l = MapLayer::new(&b, Level::Authority, 2025, None);
        let fit = Fit::new(l.frame, 640.0, 640.0, 8.0);
        let g = grid(&l, &boroughs(&b, &l));
        let p = plan(
            &l,
            &g,
            &fit,
            (640.0, 640.0),
            true,
            crate::view::layout::zoom_controls(640.0),
        )
        .unwrap();
        let idx = |code: &str| {
            let id = b.area_id(code).unwrap();
            l.areas.iter().position(|a| a.id == id).unwrap()
        };
        let go = |from: &str, dir: Dir| {
            step(&l, &p.fit, Some(&p.inset), idx(from), dir)
                .map(|j| b.area(l.areas[j].id).code.clone())
        };
        let (camden, islington, hackney) = ("E09000007", "E09000019", "E09000012");
        assert_eq!(go(camden, Dir::Right).as_deref(), Some(islington));
        assert_eq!(go(islington, Dir::Right).as_deref(), Some(hackney));
        assert_eq!(go(hackney, Dir::Left).as_deref(), Some(islington));
        // Every borough can be reached from Camden by arrows alone, inside the inset.
        let mut seen = vec![idx(camden)];
        let mut k = 0;
        while k < seen.len() {
            for d in [Dir::Left, Dir::Right, Dir::Up, Dir::Down] {
                if let Some(j) = step(&l, &p.fit, Some(&p.inset), seen[k], d) {
                    if p.inset.centre(j).is_some() && !seen.contains(&j) {
                        seen.push(j);
                    }
                }
            }
            k += 1;
        }
        assert_eq!(seen.len(), 33);
    }

    #[test]
    fn type_ahead_finds_names_and_cycles_on_a_repeated_letter() {
        let order = [0, 1, 2, 3];
        let names = ["Darlington", "Derby", "Devon", "Dorset"];
        let name = |i: usize| names[i].to_string();
        assert_eq!(find_by_prefix(&order, name, "dev", None), Some(2));
        assert_eq!(find_by_prefix(&order, name, "d", Some(0)), Some(1));
        assert_eq!(
            find_by_prefix(&order, name, "d", Some(3)),
            Some(0),
            "wraps round"
        );
        assert_eq!(find_by_prefix(&order, name, "x", None), None);
    }
}
