//! The London inset of an authority map of England: London's 33 boroughs,
//! a few px each on the national map, again in a framed box labelled
//! "London", placed where it covers no area.
//!
//! The inset is a *tile map*: one square per borough, arranged as the
//! boroughs lie (north up, Havering east, Hillingdon west). A geographic
//! enlargement cannot give every borough a target a finger can hit: the
//! City of London is about 1.7 km across and Kensington and Chelsea 2 km
//! wide, so 24 CSS px for either needs some 13 px per km, a London 650 px
//! wide. Squares of [`MIN_PITCH`] px or more do, at any width from 320 px.
//! The main map still draws every borough in its place, and zoom (see
//! [`crate::view::zoom`]) enlarges the real shapes.
//!
//! All sizes are CSS px of the map's box, y down.

use crate::data::{Bundle, Level};
use crate::geo::Point;
use crate::view::map::{Fit, MapLayer};
use crate::view::trend::Rect;

/// London's region code: its authorities are the boroughs (and the City).
pub const LONDON: &str = "E12000007";
/// The smallest tile pitch: each borough's hit area is a square this wide,
/// above WCAG 2.2's 24 × 24 px target size.
pub const MIN_PITCH: f64 = 26.0;
/// The largest tile pitch, for wide maps with room to spare.
pub const MAX_PITCH: f64 = 40.0;
/// Gap between tiles (drawn; the hit area includes it).
pub const GAP: f64 = 2.0;
/// Padding inside the inset's frame.
pub const PAD: f64 = 6.0;
/// Height of the "London" label above the tiles.
pub const TITLE_H: f64 = 18.0;
/// The free-space search works on cells this many px square.
const CELL: f64 = 4.0;

/// The boroughs' places on a grid: (index into the layer's areas, column, row).
#[derive(Clone, Debug, PartialEq)]
pub struct Grid {
    /// Columns, west to east.
    pub cols: usize,
    /// Rows, north to south.
    pub rows: usize,
    /// Each borough and its cell.
    pub cells: Vec<(usize, usize, usize)>,
}

/// The inset as placed on a map: its frame and each borough's tile.
#[derive(Clone, Debug, PartialEq)]
pub struct Inset {
    /// The framed box, CSS px of the map's box.
    pub frame: Rect,
    /// Tile pitch: each borough's hit area is a `pitch` × `pitch` square.
    pub pitch: f64,
    /// The top-left corner of the tile grid.
    pub origin: Point,
    /// The grid the tiles follow.
    pub grid: Grid,
}

/// Where the inset goes, and the fit and size of the map around it.
#[derive(Clone, Debug, PartialEq)]
pub struct Plan {
    /// The inset.
    pub inset: Inset,
    /// The main map's fit (smaller than asked when the inset takes a band).
    pub fit: Fit,
    /// The map's box with the inset (taller than asked when it grew a band).
    pub size: (f64, f64),
}

/// The layer's London boroughs (indices into its areas), when the layer is
/// a map of England's authorities: no focus (a focus on London frames the
/// boroughs themselves; on another region, London is not in play).
pub fn boroughs(bundle: &Bundle, layer: &MapLayer) -> Vec<usize> {
    if layer.level != Level::Authority || layer.focus.is_some() {
        return vec![];
    }
    let Some(london) = bundle.area_id(LONDON) else {
        return vec![];
    };
    let mut out = Vec::new();
    for (i, a) in layer.areas.iter().enumerate() {
        if a.in_focus && bundle.area(a.id).region == Some(london) {
            out.push(i);
        }
    }
    out
}

/// Arranges `members` (indices into the layer's areas) on a grid, each in
/// the cell nearest its place: an optimal assignment (the Hungarian method)
/// of boroughs to cells, minimising the sum of squared distances between
/// each borough's label point, scaled to the grid, and its cell. Empty
/// outer rows and columns are dropped.
pub fn grid(layer: &MapLayer, members: &[usize]) -> Grid {
    let n = members.len();
    if n == 0 {
        return Grid {
            cols: 0,
            rows: 0,
            cells: vec![],
        };
    }
    let (mut lo, mut hi) = ([f64::INFINITY; 2], [f64::NEG_INFINITY; 2]);
    for &i in members {
        let p = layer.areas[i].anchor;
        lo = [lo[0].min(p[0]), lo[1].min(p[1])];
        hi = [hi[0].max(p[0]), hi[1].max(p[1])];
    }
    let (w, h) = ((hi[0] - lo[0]).max(1.0), (hi[1] - lo[1]).max(1.0));
    // About 1.3 cells per borough, in the shape of their spread.
    let want = (n as f64 * 1.3).max(1.0);
    let cols = ((want * w / h).sqrt().ceil() as usize).max(1);
    let rows = ((want / cols as f64).ceil() as usize).max(1);
    let m = cols * rows;
    let target = |p: Point| {
        [
            (p[0] - lo[0]) / w * (cols - 1) as f64,
            (hi[1] - p[1]) / h * (rows - 1) as f64,
        ]
    };
    let mut cost: Vec<Vec<f64>> = Vec::with_capacity(n);
    for &i in members {
        let t = target(layer.areas[i].anchor);
        let mut row = Vec::with_capacity(m);
        for c in 0..m {
            let (cx, cy) = ((c % cols) as f64, (c / cols) as f64);
            row.push((cx - t[0]).powi(2) + (cy - t[1]).powi(2));
        }
        cost.push(row);
    }
    let assigned = hungarian(&cost, m);
    let mut cells: Vec<(usize, usize, usize)> = Vec::with_capacity(n);
    let (mut c0, mut r0, mut c1, mut r1) = (usize::MAX, usize::MAX, 0, 0);
    for (k, &c) in assigned.iter().enumerate() {
        let (col, row) = (c % cols, c / cols);
        (c0, r0, c1, r1) = (c0.min(col), r0.min(row), c1.max(col), r1.max(row));
        cells.push((members[k], col, row));
    }
    for x in &mut cells {
        x.1 -= c0;
        x.2 -= r0;
    }
    Grid {
        cols: c1 - c0 + 1,
        rows: r1 - r0 + 1,
        cells,
    }
}

/// For each row of `cost` (n rows of m ≥ n columns), the column it gets in
/// the assignment of least total cost (Kuhn–Munkres with potentials, O(n²m)).
fn hungarian(cost: &[Vec<f64>], m: usize) -> Vec<usize> {
    let n = cost.len();
    let inf = f64::INFINITY;
    let (mut u, mut v) = (vec![0.0; n + 1], vec![0.0; m + 1]);
    // p[j]: the row (1-based) holding column j; way: the path back.
    let (mut p, mut way) = (vec![0usize; m + 1], vec![0usize; m + 1]);
    for i in 1..=n {
        p[0] = i;
        let mut j0 = 0;
        let mut minv = vec![inf; m + 1];
        let mut used = vec![false; m + 1];
        loop {
            used[j0] = true;
            let i0 = p[j0];
            let (mut delta, mut j1) = (inf, 0);
            for j in 1..=m {
                if !used[j] {
                    let cur = cost[i0 - 1][j - 1] - u[i0] - v[j];
                    if cur < minv[j] {
                        minv[j] = cur;
                        way[j] = j0;
                    }
                    if minv[j] < delta {
                        delta = minv[j];
                        j1 = j;
                    }
                }
            }
            for j in 0..=m {
                if used[j] {
                    u[p[j]] += delta;
                    v[j] -= delta;
                } else {
                    minv[j] -= delta;
                }
            }
            j0 = j1;
            if p[j0] == 0 {
                break;
            }
        }
        loop {
            let j1 = way[j0];
            p[j0] = p[j1];
            j0 = j1;
            if j0 == 0 {
                break;
            }
        }
    }
    let mut out = vec![0; n];
    for j in 1..=m {
        if p[j] != 0 {
            out[p[j] - 1] = j - 1;
        }
    }
    out
}

impl Inset {
    fn at(grid: &Grid, pitch: f64, x: f64, y: f64) -> Inset {
        let (w, h) = outer(grid, pitch);
        Inset {
            frame: Rect { x, y, w, h },
            pitch,
            origin: [x + PAD, y + PAD + TITLE_H],
            grid: grid.clone(),
        }
    }

    /// The hit area of a borough's tile: its whole cell, gap included.
    pub fn cell(&self, col: usize, row: usize) -> Rect {
        Rect {
            x: self.origin[0] + col as f64 * self.pitch,
            y: self.origin[1] + row as f64 * self.pitch,
            w: self.pitch,
            h: self.pitch,
        }
    }

    /// Each borough (index into the layer's areas) and its tile as drawn.
    pub fn tiles(&self) -> impl Iterator<Item = (usize, Rect)> + '_ {
        self.grid.cells.iter().map(|&(i, c, r)| {
            let k = self.cell(c, r);
            (
                i,
                Rect {
                    x: k.x + GAP / 2.0,
                    y: k.y + GAP / 2.0,
                    w: k.w - GAP,
                    h: k.h - GAP,
                },
            )
        })
    }

    /// The tile of a borough (index into the layer's areas), if it has one.
    pub fn tile_of(&self, area: usize) -> Option<Rect> {
        for (i, t) in self.tiles() {
            if i == area {
                return Some(t);
            }
        }
        None
    }

    /// Whether a point is in the inset's frame.
    pub fn contains(&self, s: Point) -> bool {
        let f = &self.frame;
        s[0] >= f.x && s[0] < f.right() && s[1] >= f.y && s[1] < f.bottom()
    }

    /// What a point in the frame hits: the borough whose cell holds it
    /// (index into the layer's areas), or `None` (the frame, the label, an
    /// empty cell). Points outside the frame are not the inset's to answer:
    /// check [`Inset::contains`] first.
    pub fn hit(&self, s: Point) -> Option<usize> {
        let (dx, dy) = (s[0] - self.origin[0], s[1] - self.origin[1]);
        if dx < 0.0 || dy < 0.0 {
            return None;
        }
        let (c, r) = ((dx / self.pitch) as usize, (dy / self.pitch) as usize);
        self.grid
            .cells
            .iter()
            .find(|x| x.1 == c && x.2 == r)
            .map(|x| x.0)
    }

    /// The centre of a borough's tile, if it has one.
    pub fn centre(&self, area: usize) -> Option<Point> {
        let &(_, c, r) = self.grid.cells.iter().find(|x| x.0 == area)?;
        let k = self.cell(c, r);
        Some([k.x + k.w / 2.0, k.y + k.h / 2.0])
    }
}

/// The frame's size for a grid at a pitch.
fn outer(grid: &Grid, pitch: f64) -> (f64, f64) {
    (
        grid.cols as f64 * pitch + 2.0 * PAD,
        grid.rows as f64 * pitch + 2.0 * PAD + TITLE_H,
    )
}

/// Calls `f(c, r)` for each cell of the ranges whose centre `p` contains.
/// Row by row: where the row's centre line crosses the edges, the cells
/// between the first and second crossing, third and fourth... are in
/// (even–odd). Each edge is visited once, for the few rows it spans. The
/// same answer, from the same arithmetic, as [`Polygon::contains`] at each
/// centre, at a fraction of the cost: placing the inset took 6 ms per layout
/// in Chromium, most of it in that test.
fn cells_inside(
    p: &crate::geo::Polygon,
    fit: &Fit,
    (cols, rows): (std::ops::Range<isize>, std::ops::Range<isize>),
    crossings: &mut Vec<(isize, f64)>,
    f: &mut impl FnMut(isize, isize),
) {
    let centre_y = |r: isize| fit.to_world([0.0, (r as f64 + 0.5) * CELL])[1];
    crossings.clear();
    for ring in p.rings.iter().filter(|r| r.len() >= 3) {
        let mut j = ring.len() - 1;
        for (i, &a) in ring.iter().enumerate() {
            let b = ring[j];
            j = i;
            // The rows whose centre line may cross the edge, a row wider
            // each way than the screen says; the exact test decides.
            let (sa, sb) = (fit.to_screen(a)[1] / CELL, fit.to_screen(b)[1] / CELL);
            let lo = (sa.min(sb).floor() as isize - 1).max(rows.start);
            let hi = (sa.max(sb).ceil() as isize + 1).min(rows.end - 1);
            for r in lo..=hi {
                let y = centre_y(r);
                if (a[1] > y) != (b[1] > y) {
                    crossings.push((r, (b[0] - a[0]) * (y - a[1]) / (b[1] - a[1]) + a[0]));
                }
            }
        }
    }
    crate::sort::sort_by(crossings, &mut |a, b| {
        a.0.cmp(&b.0).then(a.1.total_cmp(&b.1))
    });
    let mut rest = &crossings[..];
    while let Some(&(r, _)) = rest.first() {
        let n = rest.iter().take_while(|k| k.0 == r).count();
        let (row, next) = rest.split_at(n);
        rest = next;
        for c in cols.clone() {
            let x = fit.to_world([(c as f64 + 0.5) * CELL, 0.0])[0];
            // Inside when an odd number of crossings lie beyond x.
            let at_or_before = row.partition_point(|k| k.1 <= x);
            if (n - at_or_before) % 2 == 1 {
                f(c, r);
            }
        }
    }
}

/// Which cells of the map's box (each [`CELL`] px square) any area's shape
/// touches, one cell of margin included, as a summed-area table: `sum[r][c]`
/// counts the touched cells above and left of (r, c).
fn occupancy(
    layer: &MapLayer,
    fit: &Fit,
    size: (f64, f64),
    controls: Rect,
) -> (usize, usize, Vec<u32>) {
    let (nc, nr) = (
        (size.0 / CELL).ceil() as usize,
        (size.1 / CELL).ceil() as usize,
    );
    // Cells touched, then grown by one cell each way (the margin). The
    // grid of touched cells has a border one cell wide: a cell just outside
    // the box still lends its margin to the box's edge.
    let w = nc + 2;
    let mut hit = vec![false; w * (nr + 2)];
    let mut mark = |c: isize, r: isize| {
        if c >= -1 && r >= -1 && c <= nc as isize && r <= nr as isize {
            hit[(r + 1) as usize * w + (c + 1) as usize] = true;
        }
    };
    let (c0, c1) = (
        (controls.x / CELL).floor() as isize,
        (controls.right() / CELL).ceil() as isize,
    );
    for r in (controls.y / CELL).floor() as isize..(controls.bottom() / CELL).ceil() as isize {
        for c in c0..c1 {
            mark(c, r);
        }
    }
    let mut crossings = Vec::new();
    for a in &layer.areas {
        // Every vertex, so thin spits and islands count...
        for ring in a.polygons.iter().flat_map(|p| &p.rings) {
            for &p in ring {
                let s = fit.to_screen(p);
                mark(
                    (s[0] / CELL).floor() as isize,
                    (s[1] / CELL).floor() as isize,
                );
            }
        }
        // ...and every cell whose centre is inside.
        let tl = fit.to_screen([a.bbox.min[0], a.bbox.max[1]]);
        let br = fit.to_screen([a.bbox.max[0], a.bbox.min[1]]);
        let cols = ((tl[0] / CELL).floor() as isize).max(0)
            ..((br[0] / CELL).ceil() as isize).min(nc as isize);
        let rows = ((tl[1] / CELL).floor() as isize).max(0)
            ..((br[1] / CELL).ceil() as isize).min(nr as isize);
        for p in &a.polygons {
            cells_inside(
                p,
                fit,
                (cols.clone(), rows.clone()),
                &mut crossings,
                &mut mark,
            );
        }
    }
    // Cell (c, r) is (c + 1, r + 1) in `hit`, and busy if its 3 × 3 block
    // has a hit: three across (`across` at (c, hr) covers hit's c..c + 3),
    // then three down, rather than nine reads per cell.
    let mut across = vec![false; w * (nr + 2)];
    for hr in 0..nr + 2 {
        let row = &hit[hr * w..hr * w + w];
        for c in 0..nc {
            across[hr * w + c] = row[c] | row[c + 1] | row[c + 2];
        }
    }
    let mut sum = vec![0u32; (nc + 1) * (nr + 1)];
    for r in 0..nr {
        for c in 0..nc {
            let busy = across[r * w + c] | across[(r + 1) * w + c] | across[(r + 2) * w + c];
            sum[(r + 1) * (nc + 1) + c + 1] =
                u32::from(busy) + sum[r * (nc + 1) + c + 1] + sum[(r + 1) * (nc + 1) + c]
                    - sum[r * (nc + 1) + c];
        }
    }
    (nc, nr, sum)
}

/// The free position (c, r), each within its inclusive range, with the
/// least `dist` (squared, in px²), the lowest row and then column winning a
/// tie: what scanning every position row by row finds, searched in growing
/// rings round `target` (the position nearest London, in cells) and stopped
/// once no farther ring can come closer. Near London there is usually
/// sea: a few rings, where a full scan tested every cell of the map for
/// each tile size (several ms before the first paint).
fn nearest(
    cols: [usize; 2],
    rows: [usize; 2],
    target: Point,
    dist: &dyn Fn(usize, usize) -> f64,
    free: &dyn Fn(usize, usize) -> bool,
) -> Option<(usize, usize)> {
    let clamp = |v: f64, [a, b]: [usize; 2]| (v.round().max(a as f64).min(b as f64)) as usize;
    let (c0, r0) = (clamp(target[0], cols), clamp(target[1], rows));
    // How far the ring's centre is from the target, in cells: a position
    // k rings out is at least k − slack cells away.
    let slack = (c0 as f64 - target[0])
        .abs()
        .max((r0 as f64 - target[1]).abs());
    let reach = (c0 - cols[0])
        .max(cols[1] - c0)
        .max(r0 - rows[0])
        .max(rows[1] - r0);
    let mut best: Option<(f64, usize, usize)> = None;
    for k in 0..=reach {
        // (Less a hair, so rounding never ends the search before a tie.)
        let floor = ((k as f64 - slack - 1e-9).max(0.0) * CELL).powi(2);
        if best.is_some_and(|b| floor > b.0) {
            break;
        }
        let (ra, rb) = (r0.saturating_sub(k).max(rows[0]), (r0 + k).min(rows[1]));
        let (ca, cb) = (c0.saturating_sub(k).max(cols[0]), (c0 + k).min(cols[1]));
        for r in ra..=rb {
            let edge_row = r + k == r0 || r == r0 + k;
            // On the ring's top and bottom rows every column; between them
            // only the ring's two ends.
            let mut visit = |c: usize| {
                if free(c, r) {
                    let d = dist(c, r);
                    if best.is_none_or(|b| (d, r, c) < b) {
                        best = Some((d, r, c));
                    }
                }
            };
            if edge_row {
                (ca..=cb).for_each(&mut visit);
            } else {
                if c0 >= k && c0 - k >= cols[0] {
                    visit(c0 - k);
                }
                if k > 0 && c0 + k <= cols[1] {
                    visit(c0 + k);
                }
            }
        }
    }
    best.map(|(_, r, c)| (c, r))
}

/// Places the inset for `grid` on a map of `size` px drawn with `fit`: over
/// open space (sea, or the land of other nations, which the map leaves
/// blank), with the largest pitch that fits, as near London as it can be.
/// Where no open space is big enough (narrow maps), it takes a band below
/// the map: the map's box grows by the band when `grow` (the page set no
/// height), else England is fitted into less height. `None` without
/// boroughs, or when a fixed height leaves no room for both. The inset
/// keeps clear of `controls` (the zoom buttons' corner) too.
pub fn plan(
    layer: &MapLayer,
    grid: &Grid,
    fit: &Fit,
    size: (f64, f64),
    grow: bool,
    controls: Rect,
) -> Option<Plan> {
    if grid.cells.is_empty() {
        return None;
    }
    let (nc, nr, sum) = occupancy(layer, fit, size, controls);
    let busy = |c0: usize, r0: usize, c1: usize, r1: usize| {
        let s = |r: usize, c: usize| sum[r * (nc + 1) + c];
        s(r1, c1) + s(r0, c0) - s(r0, c1) - s(r1, c0)
    };
    let london = grid
        .cells
        .iter()
        .map(|&(i, _, _)| fit.to_screen(layer.areas[i].anchor))
        .fold([0.0, 0.0], |a, p| [a[0] + p[0], a[1] + p[1]]);
    let k = grid.cells.len() as f64;
    let london = [london[0] / k, london[1] / k];
    let edge = 8.0_f64; // kept clear of the box's edges
    let mut pitch = MAX_PITCH;
    while pitch >= MIN_PITCH {
        let (w, h) = outer(grid, pitch);
        let (cw, ch) = ((w / CELL).ceil() as usize, (h / CELL).ceil() as usize);
        let lo = (edge / CELL).ceil() as usize;
        let mut best = None;
        if cw + 2 * lo <= nc && ch + 2 * lo <= nr {
            // The distance from the inset's centre at (c, r) to London's.
            let dist = |c: usize, r: usize| {
                let centre = [(c as f64) * CELL + w / 2.0, (r as f64) * CELL + h / 2.0];
                let (dx, dy) = (centre[0] - london[0], centre[1] - london[1]);
                dx * dx + dy * dy
            };
            let target = [(london[0] - w / 2.0) / CELL, (london[1] - h / 2.0) / CELL];
            best = nearest(
                [lo, nc - cw - lo],
                [lo, nr - ch - lo],
                target,
                &dist,
                &|c, r| busy(c, r, c + cw, r + ch) == 0,
            );
        }
        if let Some((c, r)) = best {
            return Some(Plan {
                inset: Inset::at(grid, pitch, c as f64 * CELL, r as f64 * CELL),
                fit: *fit,
                size,
            });
        }
        pitch -= 2.0;
    }
    // No room over open space: a band below the map, the inset at its east end.
    let pitch = MIN_PITCH;
    let (w, h) = outer(grid, pitch);
    if w + 2.0 * edge > size.0 {
        return None;
    }
    let band = h + edge;
    let (map_h, total) = if grow {
        (size.1, size.1 + band)
    } else {
        (size.1 - band, size.1)
    };
    if map_h < 120.0 {
        return None;
    }
    // The main map keeps its fit's scale and centre; a fixed height refits it.
    let fit = if grow {
        *fit
    } else {
        let world = [fit.to_world([0.0, 0.0]), fit.to_world([size.0, size.1])];
        let shrink = map_h / size.1;
        let centre = [
            (world[0][0] + world[1][0]) / 2.0,
            (world[0][1] + world[1][1]) / 2.0,
        ];
        let scale = fit.scale * shrink;
        Fit {
            scale,
            tx: size.0 / 2.0 - centre[0] * scale,
            ty: map_h / 2.0 + centre[1] * scale,
        }
    };
    Some(Plan {
        inset: Inset::at(grid, pitch, size.0 - edge - w, map_h),
        fit,
        size: (size.0, total),
    })
}

/// Where an area is on screen for the keyboard and the tooltip: its tile's
/// centre when the inset shows it, else its label point on the map.
pub fn screen_point(layer: &MapLayer, fit: &Fit, inset: Option<&Inset>, i: usize) -> Point {
    inset
        .and_then(|x| x.centre(i))
        .unwrap_or_else(|| fit.to_screen(layer.areas[i].anchor))
}

/// Three letters for each name, unique among them, to write on the tiles:
/// the first three letters where no other name starts the same; else the
/// first letter and the first later pair, consonants first, no other
/// name's letters take ("Barnet" BRN, "Barking and Dagenham" BRK).
pub fn abbreviations(names: &[String]) -> Vec<String> {
    let letters = |s: &str| -> Vec<char> {
        let mut l = Vec::new();
        for c in s.chars() {
            if c.is_ascii_alphabetic() {
                l.push(c.to_ascii_uppercase());
            }
        }
        l
    };
    let word = |chars: &[char]| -> String {
        let mut w = String::with_capacity(chars.len());
        for &c in chars {
            w.push(c);
        }
        w
    };
    let mut first3: Vec<String> = Vec::with_capacity(names.len());
    for n in names {
        let l = letters(n);
        first3.push(word(&l[..l.len().min(3)]));
    }
    let mut used: Vec<String> = Vec::new();
    let mut out = vec![String::new(); names.len()];
    // Unclashed names first, so the clashed ones avoid their abbreviations.
    for (i, f) in first3.iter().enumerate() {
        if first3.iter().filter(|g| *g == f).count() == 1 {
            out[i] = f.clone();
            used.push(f.clone());
        }
    }
    for (i, n) in names.iter().enumerate() {
        if !out[i].is_empty() {
            continue;
        }
        let l = letters(n);
        let Some(&head) = l.first() else { continue };
        let vowel = |c: char| matches!(c, 'A' | 'E' | 'I' | 'O' | 'U');
        let mut cands: Vec<(usize, String)> = Vec::new();
        for a in 1..l.len() {
            for b in a + 1..l.len() {
                let s = word(&[head, l[a], l[b]]);
                let rank = usize::from(vowel(l[a])) + usize::from(vowel(l[b]));
                cands.push((rank, s));
            }
        }
        // Stable: within a rank, the earliest letters first.
        crate::sort::sort_by(&mut cands, &mut |x, y| x.0.cmp(&y.0));
        for (_, s) in cands {
            if !used.contains(&s) {
                used.push(s.clone());
                out[i] = s;
                break;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::{AreaId, Bundle};

    const NO_CONTROLS: Rect = Rect {
        x: 0.0,
        y: 0.0,
        w: 0.0,
        h: 0.0,
    };

    fn england(year: u16) -> (Bundle, MapLayer) {
        let b = crate::data::complete().unwrap();
        let l = MapLayer::new(&b, Level::Authority, year, None);
        (b, l)
    }

    #[test]
    fn the_row_by_row_fill_finds_the_cells_whose_centres_each_polygon_contains() {
        let (_, l) = england(2025);
        let mut checked = 0;
        for (w, h) in [(320.0, 420.0), (700.0, 900.0)] {
            let fit = Fit::new(l.frame, w, h, 8.0);
            let (nc, nr) = ((w / CELL).ceil() as isize, (h / CELL).ceil() as isize);
            let mut crossings = Vec::new();
            for p in l.areas.iter().flat_map(|a| &a.polygons) {
                let mut fast = Vec::new();
                cells_inside(p, &fit, (0..nc, 0..nr), &mut crossings, &mut |c, r| {
                    fast.push((c, r))
                });
                let mut slow = Vec::new();
                for r in 0..nr {
                    for c in 0..nc {
                        let centre = [(c as f64 + 0.5) * CELL, (r as f64 + 0.5) * CELL];
                        if p.contains(fit.to_world(centre)) {
                            slow.push((c, r));
                        }
                    }
                }
                assert_eq!(fast, slow);
                checked += slow.len();
            }
        }
        assert!(checked > 10_000, "{checked} cells inside");
    }

    #[test]
    fn occupancy_is_every_cell_touched_or_inside_with_a_cell_of_margin() {
        // The definition, cell by cell, against the row-by-row version.
        let (_, l) = england(2025);
        for (w, h) in [(320.0, 420.0), (480.0, 560.0), (1000.0, 1100.0)] {
            let fit = Fit::new(l.frame, w, h, 8.0);
            let controls = crate::view::layout::zoom_controls(w);
            let (nc, nr, sum) = occupancy(&l, &fit, (w, h), controls);
            let mut busy = vec![false; nc * nr];
            let mut mark = |c: isize, r: isize| {
                for (dc, dr) in (-1..=1).flat_map(|dc| (-1..=1).map(move |dr| (dc, dr))) {
                    let (c, r) = (c + dc, r + dr);
                    if c >= 0 && r >= 0 && (c as usize) < nc && (r as usize) < nr {
                        busy[r as usize * nc + c as usize] = true;
                    }
                }
            };
            for r in
                (controls.y / CELL).floor() as isize..(controls.bottom() / CELL).ceil() as isize
            {
                for c in
                    (controls.x / CELL).floor() as isize..(controls.right() / CELL).ceil() as isize
                {
                    mark(c, r);
                }
            }
            for a in &l.areas {
                for &p in a.polygons.iter().flat_map(|p| &p.rings).flatten() {
                    let s = fit.to_screen(p);
                    mark(
                        (s[0] / CELL).floor() as isize,
                        (s[1] / CELL).floor() as isize,
                    );
                }
            }
            for r in 0..nr as isize {
                for c in 0..nc as isize {
                    let centre = fit.to_world([(c as f64 + 0.5) * CELL, (r as f64 + 0.5) * CELL]);
                    if l.areas
                        .iter()
                        .flat_map(|a| &a.polygons)
                        .any(|p| p.contains(centre))
                    {
                        mark(c, r);
                    }
                }
            }
            let at = |r: usize, c: usize| sum[r * (nc + 1) + c];
            for r in 0..nr {
                for c in 0..nc {
                    let cell = at(r + 1, c + 1) + at(r, c) - at(r, c + 1) - at(r + 1, c);
                    assert_eq!(cell == 1, busy[r * nc + c], "{w}x{h}: cell {c},{r}");
                }
            }
            assert!(busy.iter().any(|b| !b) && busy.iter().any(|&b| b));
        }
    }

    #[test]
    fn the_ring_search_finds_what_a_full_scan_finds() {
        // Deterministic pseudo-random occupancy grids and targets, some
        // outside the range, some with no free position at all.
        let mut seed = 0x2545_f491_u64;
        let mut rnd = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for case in 0..400 {
            let (nc, nr) = (6 + rnd() as usize % 40, 6 + rnd() as usize % 40);
            let fill = rnd() % 100;
            let busy: Vec<bool> = (0..nc * nr).map(|_| rnd() % 100 < fill).collect();
            let cols = [rnd() as usize % 3, nc - 1 - rnd() as usize % 3];
            let rows = [rnd() as usize % 3, nr - 1 - rnd() as usize % 3];
            let target = [
                (rnd() % 1000) as f64 / 10.0 - 30.0,
                (rnd() % 1000) as f64 / 10.0 - 30.0,
            ];
            // Whole cells from the target half the time: exact ties.
            let t = if case % 2 == 0 {
                target.map(f64::round)
            } else {
                target
            };
            let dist = |c: usize, r: usize| {
                let (dx, dy) = ((c as f64 - t[0]) * CELL, (r as f64 - t[1]) * CELL);
                dx * dx + dy * dy
            };
            let free = |c: usize, r: usize| !busy[r * nc + c];
            let mut scan: Option<(f64, usize, usize)> = None;
            for r in rows[0]..=rows[1] {
                for c in cols[0]..=cols[1] {
                    if free(c, r) && scan.is_none_or(|b| dist(c, r) < b.0) {
                        scan = Some((dist(c, r), c, r));
                    }
                }
            }
            let want = scan.map(|(_, c, r)| (c, r));
            assert_eq!(nearest(cols, rows, t, &dist, &free), want, "case {case}");
        }
    }

    #[test]
    fn the_boroughs_are_london_s_33_and_only_on_maps_of_england() {
        let (b, l) = england(2025);
        let ids = boroughs(&b, &l);
        assert_eq!(ids.len(), 33);
        let london = b.area_id(LONDON).unwrap();
        assert!(ids
            .iter()
            .all(|&i| b.area(l.areas[i].id).region == Some(london)));
        let focused = MapLayer::new(&b, Level::Authority, 2025, Some(london));
        assert!(
            boroughs(&b, &focused).is_empty(),
            "London fills the frame itself"
        );
        let regions = MapLayer::new(&b, Level::Region, 2025, None);
        assert!(boroughs(&b, &regions).is_empty());
    }

    #[test]
    fn the_grid_gives_each_borough_its_own_cell_as_they_lie() {
        let (b, l) = england(2025);
        let g = grid(&l, &boroughs(&b, &l));
        assert_eq!(g.cells.len(), 33);
        let mut seen: Vec<(usize, usize)> = g.cells.iter().map(|x| (x.1, x.2)).collect();
        seen.sort_unstable();
        seen.dedup();
        assert_eq!(seen.len(), 33, "no two boroughs share a cell");
        assert!(g.cells.iter().all(|x| x.1 < g.cols && x.2 < g.rows));
        let at = |code: &str| {
            let id = b.area_id(code).unwrap();
            let x = g.cells.iter().find(|x| l.areas[x.0].id == id).unwrap();
            (x.1, x.2)
        };
        // Enfield is London's north, Croydon its south, Havering east, Hillingdon west.
        let (enfield, croydon) = (at("E09000010"), at("E09000008"));
        let (havering, hillingdon) = (at("E09000016"), at("E09000017"));
        assert_eq!(enfield.1, 0, "Enfield in the top row");
        assert_eq!(croydon.1, g.rows - 1, "Croydon in the bottom row");
        assert_eq!(havering.0, g.cols - 1, "Havering in the east column");
        assert_eq!(hillingdon.0, 0, "Hillingdon in the west column");
        // Every pair of boroughs more than 5 km apart east-west keeps its order.
        for x in &g.cells {
            for y in &g.cells {
                let (ax, bx) = (l.areas[x.0].anchor[0], l.areas[y.0].anchor[0]);
                if ax + 5_000.0 < bx {
                    assert!(
                        x.1 <= y.1,
                        "{} west of {}",
                        b.area(l.areas[x.0].id).name,
                        b.area(l.areas[y.0].id).name
                    );
                }
            }
        }
    }

    #[test]
    fn hungarian_finds_the_cheapest_assignment() {
        // Greedy takes (0,0)=1 then (1,1)=10: 11. The best is 2 + 3 = 5.
        let cost = vec![vec![1.0, 2.0, 9.0], vec![3.0, 10.0, 9.0]];
        assert_eq!(hungarian(&cost, 3), vec![1, 0]);
    }

    fn placed(width: f64) -> (Bundle, MapLayer, Plan) {
        let (b, l) = england(2025);
        let h = crate::view::map::preferred_height(l.frame, width, 8.0).min(640.0);
        let fit = Fit::new(l.frame, width, h, 8.0);
        let g = grid(&l, &boroughs(&b, &l));
        let p = plan(
            &l,
            &g,
            &fit,
            (width, h),
            true,
            crate::view::layout::zoom_controls(width),
        )
        .unwrap();
        (b, l, p)
    }

    /// The inset covers no area: no area's vertex, and no point inside any
    /// area, lies in its frame.
    fn assert_clear(l: &MapLayer, p: &Plan) {
        let f = p.inset.frame;
        for a in &l.areas {
            for ring in a.polygons.iter().flat_map(|q| &q.rings) {
                for &pt in ring {
                    assert!(
                        !p.inset.contains(p.fit.to_screen(pt)),
                        "a vertex of area {:?} is under the inset",
                        a.id
                    );
                }
            }
            let mut y = f.y;
            while y < f.bottom() {
                let mut x = f.x;
                while x < f.right() {
                    let w = p.fit.to_world([x, y]);
                    assert!(
                        !a.polygons.iter().any(|q| q.contains(w)),
                        "area {:?} under the inset at {x},{y}",
                        a.id
                    );
                    x += 2.0;
                }
                y += 2.0;
            }
        }
        assert!(
            f.x >= 0.0 && f.y >= 0.0 && f.right() <= p.size.0 && f.bottom() <= p.size.1,
            "{f:?} in {:?}",
            p.size
        );
    }

    #[test]
    fn on_a_wide_map_the_inset_sits_over_open_space_with_big_tiles() {
        let (_, l, p) = placed(640.0);
        assert_eq!(p.size, (640.0, 640.0), "no band needed");
        assert!(p.inset.pitch >= 28.0, "pitch {}", p.inset.pitch);
        assert_clear(&l, &p);
    }

    #[test]
    fn on_a_phone_the_inset_takes_a_band_below_the_map() {
        let (_, l, p) = placed(320.0);
        assert!(p.size.1 > 400.0, "{:?}", p.size);
        assert_eq!(p.inset.pitch, MIN_PITCH);
        assert_clear(&l, &p);
        // A page's fixed height is kept: England shrinks instead.
        let (b, l2) = england(2025);
        let fit = Fit::new(l2.frame, 320.0, 500.0, 8.0);
        let g = grid(&l2, &boroughs(&b, &l2));
        let fixed = plan(&l2, &g, &fit, (320.0, 500.0), false, NO_CONTROLS).unwrap();
        assert_eq!(fixed.size, (320.0, 500.0));
        assert!(fixed.fit.scale < fit.scale);
        assert_clear(&l2, &fixed);
        assert!(
            plan(&l2, &g, &fit, (320.0, 200.0), false, NO_CONTROLS).is_none(),
            "too short for both"
        );
    }

    #[test]
    fn every_borough_has_a_hit_area_of_at_least_24_px_square() {
        for width in [320.0, 480.0, 640.0, 1280.0] {
            let (_, l, p) = placed(width);
            for &(i, c, r) in &p.inset.grid.cells {
                let cell = p.inset.cell(c, r);
                assert!(cell.w >= 24.0 && cell.h >= 24.0);
                // Every point of the cell hits this borough, and only it.
                let mut y = cell.y + 0.5;
                while y < cell.bottom() {
                    let mut x = cell.x + 0.5;
                    while x < cell.right() {
                        assert!(p.inset.contains([x, y]));
                        assert_eq!(p.inset.hit([x, y]), Some(i), "{width}: {x},{y}");
                        x += 1.0;
                    }
                    y += 1.0;
                }
                let centre = p.inset.centre(i).unwrap();
                assert_eq!(screen_point(&l, &p.fit, Some(&p.inset), i), centre);
            }
            // The label above the tiles hits nothing.
            let f = p.inset.frame;
            assert_eq!(p.inset.hit([f.x + 3.0, f.y + 3.0]), None);
            assert!(!p.inset.contains([f.x - 1.0, f.y]));
        }
        let (_, l, _) = placed(320.0);
        let outside = l.areas.iter().position(|a| a.id == AreaId(0)).unwrap_or(0);
        let fit = Fit::new(l.frame, 320.0, 400.0, 8.0);
        assert_eq!(
            screen_point(&l, &fit, None, outside),
            fit.to_screen(l.areas[outside].anchor)
        );
    }

    #[test]
    fn abbreviations_are_three_letters_and_unique() {
        let (b, l) = england(2025);
        let names: Vec<String> = boroughs(&b, &l)
            .iter()
            .map(|&i| b.area(l.areas[i].id).name.clone())
            .collect();
        let ab = abbreviations(&names);
        for (n, a) in names.iter().zip(&ab) {
            assert_eq!(a.chars().count(), 3, "{n}: {a}");
            assert_eq!(
                a.chars().next(),
                n.chars().next().map(|c| c.to_ascii_uppercase()),
                "{n}: {a}"
            );
        }
        let mut u = ab.clone();
        u.sort();
        u.dedup();
        assert_eq!(u.len(), ab.len(), "{ab:?}");
        let of = |n: &str| ab[names.iter().position(|x| x == n).unwrap()].clone();
        assert_eq!(of("Camden"), "CAM");
        assert_ne!(of("Barnet"), of("Barking and Dagenham"));
    }
}
