//! Boundaries: ONS TopoJSON (WGS84, quantised, arcs shared by every layer)
//! → British National Grid metres → arcs simplified one by one (so shared
//! borders stay shared) → quantised to a grid → the bundle's geometry.

use care_atlas::data::{ArcRef, Geometry, Shape};
use care_atlas::geo::{
    pole_of_inaccessibility, projection, ring_area, visvalingam, Point, Polygon,
};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;

/// One area of a TopoJSON layer.
#[derive(Clone, Debug)]
pub struct TopoArea {
    pub code: String,
    pub name: String,
    /// First and last year (1 April) the boundary was in force, where ONS
    /// records one: areas created or abolished in the 2014–2025 reorganisations.
    pub start: Option<u16>,
    pub end: Option<u16>,
    /// Polygons → rings → source arc references.
    pub polygons: Vec<Vec<Vec<i64>>>,
}

pub struct Topology {
    /// Arcs in longitude/latitude degrees.
    pub arcs: Vec<Vec<[f64; 2]>>,
    pub layers: BTreeMap<String, Vec<TopoArea>>,
}

fn err(path: &Path, what: &str) -> String {
    format!("{}: {what}", path.display())
}

impl Topology {
    pub fn read(path: &Path) -> Result<Topology, String> {
        let text = std::fs::read_to_string(path).map_err(|e| err(path, &e.to_string()))?;
        let v: Value = serde_json::from_str(&text).map_err(|e| err(path, &e.to_string()))?;
        let tf = &v["transform"];
        let num = |x: &Value| {
            x.as_f64()
                .ok_or_else(|| err(path, "transform is not numeric"))
        };
        let (sx, sy) = (num(&tf["scale"][0])?, num(&tf["scale"][1])?);
        let (tx, ty) = (num(&tf["translate"][0])?, num(&tf["translate"][1])?);
        let arcs = v["arcs"]
            .as_array()
            .ok_or_else(|| err(path, "no arcs"))?
            .iter()
            .map(|arc| {
                // Quantised TopoJSON: positions are deltas from the previous one.
                let (mut x, mut y) = (0i64, 0i64);
                arc.as_array()
                    .into_iter()
                    .flatten()
                    .map(|p| {
                        x += p[0].as_i64().unwrap_or(0);
                        y += p[1].as_i64().unwrap_or(0);
                        [x as f64 * sx + tx, y as f64 * sy + ty]
                    })
                    .collect()
            })
            .collect();
        let mut layers = BTreeMap::new();
        for (name, obj) in v["objects"]
            .as_object()
            .ok_or_else(|| err(path, "no objects"))?
        {
            let mut areas = Vec::new();
            for g in obj["geometries"].as_array().into_iter().flatten() {
                let props = &g["properties"];
                let refs = |x: &Value| -> Vec<i64> {
                    x.as_array()
                        .into_iter()
                        .flatten()
                        .filter_map(Value::as_i64)
                        .collect()
                };
                let rings = |x: &Value| -> Vec<Vec<i64>> {
                    x.as_array().into_iter().flatten().map(refs).collect()
                };
                let polygons = match g["type"].as_str() {
                    Some("Polygon") => vec![rings(&g["arcs"])],
                    Some("MultiPolygon") => g["arcs"]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .map(rings)
                        .collect(),
                    _ => continue,
                };
                let year = |k: &str| props[k].as_u64().and_then(|y| u16::try_from(y).ok());
                areas.push(TopoArea {
                    code: props["areacd"].as_str().unwrap_or_default().to_string(),
                    name: props["areanm"].as_str().unwrap_or_default().to_string(),
                    start: year("start"),
                    end: year("end"),
                    polygons,
                });
            }
            layers.insert(name.clone(), areas);
        }
        Ok(Topology { arcs, layers })
    }

    pub fn layer(&self, name: &str) -> Result<&[TopoArea], String> {
        self.layers
            .get(name)
            .map(Vec::as_slice)
            .ok_or_else(|| format!("topology has no layer {name:?}"))
    }
}

/// How much detail to keep.
#[derive(Clone, Copy, Debug)]
pub struct Detail {
    /// Grid size in metres points are snapped to.
    pub unit: f64,
    /// Visvalingam threshold: corners whose triangle is smaller than this
    /// many square metres are dropped.
    pub min_area: f64,
}

/// The bundle's geometry for the given areas, and each area's shape index.
/// Areas drawn from exactly the same arcs (a code change with no boundary
/// change, e.g. North Yorkshire's county and unitary codes) share one shape.
pub fn build(
    topo: &Topology,
    areas: &[&TopoArea],
    detail: Detail,
) -> Result<(Geometry, Vec<u16>), String> {
    // Source arcs in order of first use, so output is deterministic.
    let mut order: Vec<usize> = Vec::new();
    let mut index: BTreeMap<usize, usize> = BTreeMap::new();
    for a in areas {
        for r in a.polygons.iter().flatten().flatten() {
            let src = if *r < 0 { !*r } else { *r } as usize;
            if src >= topo.arcs.len() {
                return Err(format!("{} names arc {src}, which does not exist", a.code));
            }
            index.entry(src).or_insert_with(|| {
                order.push(src);
                order.len() - 1
            });
        }
    }
    let projected: Vec<Vec<Point>> = order
        .iter()
        .map(|&i| {
            topo.arcs[i]
                .iter()
                .map(|p| projection::to_grid(p[0], p[1]))
                .collect()
        })
        .collect();
    let min = projected
        .iter()
        .flatten()
        .fold([f64::INFINITY; 2], |m, p| [m[0].min(p[0]), m[1].min(p[1])]);
    let origin = [
        (min[0] / detail.unit).floor() * detail.unit,
        (min[1] / detail.unit).floor() * detail.unit,
    ];
    let arcs: Vec<Vec<[i32; 2]>> = projected
        .iter()
        .map(|pts| {
            let keep = visvalingam(pts, detail.min_area);
            let mut q: Vec<[i32; 2]> = Vec::with_capacity(keep.len());
            for k in keep {
                let p = pts[k];
                let qp = [
                    ((p[0] - origin[0]) / detail.unit).round() as i32,
                    ((p[1] - origin[1]) / detail.unit).round() as i32,
                ];
                if q.last() != Some(&qp) {
                    q.push(qp);
                }
            }
            if q.len() == 1 {
                q.push(q[0]);
            }
            q
        })
        .collect();
    let mut geometry = Geometry {
        unit: detail.unit,
        origin,
        arcs,
        shapes: Vec::new(),
    };
    let mut shape_of = Vec::with_capacity(areas.len());
    let mut seen: BTreeMap<&Vec<Vec<Vec<i64>>>, u16> = BTreeMap::new();
    for a in areas {
        if let Some(&s) = seen.get(&a.polygons) {
            shape_of.push(s);
            continue;
        }
        let polygons: Vec<Vec<Vec<ArcRef>>> = a
            .polygons
            .iter()
            .map(|rings| {
                rings
                    .iter()
                    .map(|ring| {
                        ring.iter()
                            .map(|&r| {
                                let (src, rev) = if r < 0 { (!r, true) } else { (r, false) };
                                let i = index[&(src as usize)] as ArcRef;
                                if rev {
                                    !i
                                } else {
                                    i
                                }
                            })
                            .collect()
                    })
                    .collect()
            })
            .collect();
        let polygons = drop_collapsed(&geometry, polygons);
        if polygons.is_empty() {
            return Err(format!("{}: nothing left after simplification", a.code));
        }
        let mut shape = Shape {
            polygons,
            anchor: [0, 0],
        };
        shape.anchor = anchor(&geometry, &shape);
        let index = u16::try_from(geometry.shapes.len()).map_err(|_| "too many shapes")?;
        geometry.shapes.push(shape);
        seen.insert(&a.polygons, index);
        shape_of.push(index);
    }
    Ok((geometry, shape_of))
}

/// Drops rings that simplification and the grid flattened to nothing (a
/// sliver of coast reduced to a line), and polygons whose outer ring went.
/// They enclose no area, so neighbours drawn from the same arcs lose the very
/// same nothing, and the widget never meets a ring it cannot fill.
fn drop_collapsed(g: &Geometry, polygons: Vec<Vec<Vec<ArcRef>>>) -> Vec<Vec<Vec<ArcRef>>> {
    let flat = |ring: &Vec<ArcRef>| {
        let shape = Shape {
            polygons: vec![vec![ring.clone()]],
            anchor: [0, 0],
        };
        let pts = &g.polygons(&shape)[0].rings[0];
        pts.len() < 3 || ring_area(pts) == 0.0
    };
    polygons
        .into_iter()
        .filter(|rings| rings.first().is_some_and(|outer| !flat(outer)))
        .map(|rings| rings.into_iter().filter(|r| !flat(r)).collect())
        .collect()
}

/// The pole of inaccessibility of the shape's largest polygon, quantised.
fn anchor(g: &Geometry, shape: &Shape) -> [i32; 2] {
    let polys = g.polygons(shape);
    let biggest = polys
        .iter()
        .max_by(|a, b| a.area().total_cmp(&b.area()))
        .cloned()
        .unwrap_or_else(Polygon::default);
    let (p, _) = pole_of_inaccessibility(&biggest, g.unit);
    [
        ((p[0] - g.origin[0]) / g.unit).round() as i32,
        ((p[1] - g.origin[1]) / g.unit).round() as i32,
    ]
}
