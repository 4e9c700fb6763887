//! `cargo xtask bench [peers|decode|interaction|all] [args]`: measurements, not
//! tests (timings on a shared 2-core machine are too noisy to gate on).
//!
//! - `peers` (the default, issue 13's check): care-atlas side by side with other
//!   libraries and a no-library floor page (payload, first paint at 1× and 4× CPU
//!   with ratios to d3 and the floor, hover and year-change latency, keyboard
//!   reach, ten widgets on one page), printed and written to `benches/results.md`.
//!   Only this task installs the peers' npm packages (`benches/node_modules`) and
//!   cuts their boundary and figures files from `../shared/data`. It takes about
//!   a quarter of an hour on a 2-core machine; `--rounds`, `--hovers`, `--years`,
//!   `--multi` and `--rates` (see `benches/compare.mjs`) trade time for noise;
//! - `decode`: how long decoding the bundle takes, natively and in headless Chromium;
//! - `interaction`: how long a hover and a year change take in the handler and to
//!   the next frame, on the authority and the region map (synthetic events);
//! - `all`: the three in turn.
//!
//! With no benchmark named, `peers` runs; arguments (after a name, or alone) go to
//! its script, except `--geometry care-atlas|ons`: the boundaries the peers and the
//! floor page draw. `care-atlas` (the default, as in issue 13's run) is care-atlas's
//! own simplified geometry for the 2025 authorities, taken from the compiled bundle
//! and written as TopoJSON in longitude/latitude, so every page draws the same
//! points; `ons` is ONS's TopoJSON as cut by `benches/peers/build.mjs`.

use crate::run::run;
use crate::{build, serve, tools};
use care_atlas::data::Level;
use care_atlas::geo::projection::to_grid;
use serde_json::json;
use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

const NAMES: [&str; 4] = ["decode", "interaction", "peers", "all"];

pub fn all(root: &Path, args: &[String]) -> Result<(), String> {
    let (only, rest) = match args.first().map(String::as_str) {
        Some(name) if NAMES.contains(&name) => (name, &args[1..]),
        _ => ("peers", args),
    };
    let wanted = |name: &str| only == "all" || only == name;
    // `--geometry` is this task's; the rest go to the script.
    let mut geometry = "care-atlas".to_string();
    let mut script_args = Vec::new();
    let mut it = rest.iter();
    while let Some(a) = it.next() {
        if a == "--geometry" {
            geometry = it.next().cloned().unwrap_or_default();
        } else {
            script_args.push(a.clone());
        }
    }
    if geometry != "care-atlas" && geometry != "ons" {
        return Err(format!(
            "--geometry {geometry:?}: the peers' boundaries are `care-atlas` (its own geometry) or `ons`"
        ));
    }
    let rest = &script_args[..];
    if wanted("decode") {
        run(
            root,
            Command::new("cargo").args([
                "run",
                "--quiet",
                "--release",
                "--example",
                "decode_bench",
            ]),
        )?;
    }
    tools::ensure_chromium()?;
    tools::ensure_npm_packages(&root.join("tests/page"))?;
    build::pkg(root)?;
    let site = build::site(root)?;
    if wanted("peers") {
        tools::ensure_npm_packages(&root.join("benches"))?;
        let mut cmd = Command::new("node");
        cmd.arg("benches/peers/build.mjs")
            .arg(&site)
            .env("CARE_ATLAS_SOURCES", crate::sources_dir(root));
        if geometry == "care-atlas" {
            let file = site.join("bench-geometry.topo.json");
            std::fs::write(&file, care_atlas_topojson(2025)?).map_err(|e| e.to_string())?;
            cmd.env("BENCH_GEOMETRY", &file);
        }
        run(root, &mut cmd)?;
    }
    let addr = serve::start(site, 0)?;
    let url = format!("http://{addr}/");
    if wanted("decode") {
        run(
            root,
            Command::new("node")
                .arg("benches/decode.mjs")
                .env("CARE_ATLAS_URL", &url)
                .env("CHROMIUM", tools::CHROMIUM),
        )?;
    }
    if wanted("interaction") {
        for level in ["la", "region"] {
            run(
                root,
                Command::new("node")
                    .arg("benches/interaction.mjs")
                    .arg(&url)
                    .args(["--level", level])
                    .args(rest)
                    // The harness reads the URL when imported, before the script sees its arguments.
                    .env("CARE_ATLAS_URL", &url)
                    .env("CHROMIUM", tools::CHROMIUM),
            )?;
        }
    }
    if wanted("peers") {
        run(
            root,
            Command::new("node")
                .arg("benches/compare.mjs")
                .arg(&url)
                .args(rest)
                .env("CHROMIUM", tools::CHROMIUM),
        )?;
    }
    Ok(())
}

/// Longitude and latitude of a British National Grid point: `to_grid` inverted by
/// Newton's method (a few steps from a rough guess reach well under a millimetre).
fn from_grid(e: f64, n: f64) -> [f64; 2] {
    let mut p = [-2.0 + (e - 400_000.0) / 68_000.0, 49.9 + n / 111_000.0];
    for _ in 0..8 {
        let g = to_grid(p[0], p[1]);
        let (r0, r1) = (g[0] - e, g[1] - n);
        if r0.abs() < 1e-4 && r1.abs() < 1e-4 {
            break;
        }
        let h = 1e-7;
        let gx = to_grid(p[0] + h, p[1]);
        let gy = to_grid(p[0], p[1] + h);
        let (a, b) = ((gx[0] - g[0]) / h, (gy[0] - g[0]) / h);
        let (c, d) = ((gx[1] - g[1]) / h, (gy[1] - g[1]) / h);
        let det = a * d - b * c;
        p[0] -= (d * r0 - b * r1) / det;
        p[1] -= (a * r1 - c * r0) / det;
    }
    p
}

/// care-atlas's own boundaries of the authorities mapped in `year`, from the
/// compiled bundle, as quantised TopoJSON (one object `utla`, properties `areacd`
/// and `areanm`, as ONS's file has): the same arcs and points the widget draws,
/// in longitude/latitude so that every peer can project them as it would ONS's.
/// Rings are turned, where needed, to d3-geo's winding (outer rings clockwise,
/// holes anticlockwise), which ONS's file follows and spherical renderers need;
/// planar ones ignore it.
fn care_atlas_topojson(year: u16) -> Result<String, String> {
    let b = care_atlas::data::complete()?;
    let g = &b.geometry;
    // Arcs renumbered in order of first use; rings as references to them.
    let mut index: BTreeMap<usize, i64> = BTreeMap::new();
    let mut order: Vec<usize> = Vec::new();
    let mut areas = Vec::new();
    for id in b.areas_live_in(Level::Authority, year) {
        let area = b.area(id);
        let Some(shape) = area.shape else { continue };
        let polygons: Vec<Vec<Vec<i64>>> = g.shapes[usize::from(shape)]
            .polygons
            .iter()
            .map(|rings| {
                rings
                    .iter()
                    .map(|ring| {
                        ring.iter()
                            .map(|&r| {
                                let (i, reversed) = if r < 0 { (!r, true) } else { (r, false) };
                                let j = *index.entry(i as usize).or_insert_with(|| {
                                    order.push(i as usize);
                                    order.len() as i64 - 1
                                });
                                if reversed {
                                    !j
                                } else {
                                    j
                                }
                            })
                            .collect()
                    })
                    .collect()
            })
            .collect();
        areas.push((area, polygons));
    }
    // The arcs in degrees.
    let arcs: Vec<Vec<[f64; 2]>> = order
        .iter()
        .map(|&i| {
            g.arcs[i]
                .iter()
                .map(|&q| {
                    let w = g.world(q);
                    from_grid(w[0], w[1])
                })
                .collect()
        })
        .collect();
    // Twice the signed area of a ring in degrees (positive: anticlockwise, y north).
    let area2 = |ring: &[i64]| {
        let mut pts: Vec<[f64; 2]> = Vec::new();
        for &r in ring {
            let arc = &arcs[if r < 0 { !r } else { r } as usize];
            if r < 0 {
                pts.extend(arc.iter().rev());
            } else {
                pts.extend(arc.iter());
            }
        }
        let n = pts.len();
        (0..n)
            .map(|k| {
                let (p, q) = (pts[k], pts[(k + 1) % n]);
                p[0] * q[1] - q[0] * p[1]
            })
            .sum::<f64>()
    };
    let geometries: Vec<serde_json::Value> = areas
        .into_iter()
        .map(|(area, mut polygons)| {
            for rings in &mut polygons {
                for (k, ring) in rings.iter_mut().enumerate() {
                    let outer = k == 0;
                    if (area2(ring) > 0.0) == outer {
                        ring.reverse();
                        for r in ring.iter_mut() {
                            *r = !*r;
                        }
                    }
                }
            }
            json!({
                "type": "MultiPolygon",
                "arcs": polygons,
                "properties": { "areacd": area.code, "areanm": area.name },
            })
        })
        .collect();
    // Quantised (1e5 steps, as build.mjs quantises ONS's file) and delta-encoded.
    let pts = || arcs.iter().flatten();
    let (x0, x1) = pts().fold((f64::MAX, f64::MIN), |(a, b), p| (a.min(p[0]), b.max(p[0])));
    let (y0, y1) = pts().fold((f64::MAX, f64::MIN), |(a, b), p| (a.min(p[1]), b.max(p[1])));
    let q = 1e5 - 1.0;
    let (sx, sy) = ((x1 - x0) / q, (y1 - y0) / q);
    let quantised: Vec<Vec<[i64; 2]>> = arcs
        .iter()
        .map(|arc| {
            let (mut px, mut py) = (0i64, 0i64);
            arc.iter()
                .map(|p| {
                    let x = ((p[0] - x0) / sx).round() as i64;
                    let y = ((p[1] - y0) / sy).round() as i64;
                    let d = [x - px, y - py];
                    (px, py) = (x, y);
                    d
                })
                .collect()
        })
        .collect();
    let topo = json!({
        "type": "Topology",
        "transform": { "scale": [sx, sy], "translate": [x0, y0] },
        "objects": { "utla": { "type": "GeometryCollection", "geometries": geometries } },
        "arcs": quantised,
    });
    Ok(topo.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn from_grid_inverts_to_grid_across_england() {
        for (lon, lat) in [
            (-5.7, 50.07),
            (1.76, 52.48),
            (-2.03, 55.81),
            (0.0, 51.5),
            (-3.4, 54.5),
        ] {
            let g = to_grid(lon, lat);
            let p = from_grid(g[0], g[1]);
            assert!(
                (p[0] - lon).abs() < 1e-8 && (p[1] - lat).abs() < 1e-8,
                "{lon},{lat} came back as {p:?}"
            );
        }
    }

    #[test]
    fn care_atlas_boundaries_become_topojson_of_the_same_arcs() {
        let text = care_atlas_topojson(2025).unwrap();
        if let Some(out) = std::env::var_os("BENCH_GEOMETRY_OUT") {
            std::fs::write(out, &text).unwrap(); // to look at by hand
        }
        let t: serde_json::Value = serde_json::from_str(&text).unwrap();
        let geometries = t["objects"]["utla"]["geometries"].as_array().unwrap();
        let b = care_atlas::data::complete().unwrap();
        assert_eq!(
            geometries.len(),
            b.areas_live_in(Level::Authority, 2025).count()
        );
        let arcs = t["arcs"].as_array().unwrap();
        let points: usize = arcs.iter().map(|a| a.as_array().unwrap().len()).sum();
        // Every referenced arc is there, once, with all its points.
        let mut seen = std::collections::BTreeSet::new();
        for g in geometries {
            for ring in g["arcs"]
                .as_array()
                .unwrap()
                .iter()
                .flat_map(|p| p.as_array().unwrap())
            {
                for r in ring.as_array().unwrap() {
                    let r = r.as_i64().unwrap();
                    let i = if r < 0 { !r } else { r } as usize;
                    assert!(i < arcs.len());
                    seen.insert(i);
                }
            }
        }
        assert_eq!(seen.len(), arcs.len());
        assert!(points > 5_000 && points <= 10_889, "{points} points");
        // The first point of the first arc (the first area's first arc, in stored order), back
        // on the grid, is where care-atlas has it, within half a quantisation step (~5 m; its
        // grid is 100 m).
        let [sx, sy] = [0, 1].map(|k| t["transform"]["scale"][k].as_f64().unwrap());
        let [tx, ty] = [0, 1].map(|k| t["transform"]["translate"][k].as_f64().unwrap());
        let q = &arcs[0][0];
        let (lon, lat) = (
            q[0].as_f64().unwrap() * sx + tx,
            q[1].as_f64().unwrap() * sy + ty,
        );
        let g = to_grid(lon, lat);
        let shape = b
            .area(b.areas_live_in(Level::Authority, 2025).next().unwrap())
            .shape
            .unwrap();
        let first = b.geometry.shapes[usize::from(shape)].polygons[0][0][0];
        let arc = &b.geometry.arcs[if first < 0 { !first } else { first } as usize];
        let w0 = b.geometry.world(arc[0]);
        assert!(
            (g[0] - w0[0]).abs() < 5.0 && (g[1] - w0[1]).abs() < 5.0,
            "{g:?} vs {w0:?}"
        );
    }
}
