//! `cargo xtask preview [year]`: draws the committed bundle's authorities to
//! PNG files, natively, to judge the boundaries' detail by eye: England
//! 1,200 px tall and the North East 800 px tall, as the issue asks the map to
//! look right at. Each authority gets a flat colour and every shared arc a
//! dark line, so a gap or an overlap between neighbours shows at once.

use care_atlas::data::{Bundle, Level};
use care_atlas::geo::{Bbox, Point, Polygon};
use std::io::Write;
use std::path::Path;

struct Canvas {
    w: usize,
    h: usize,
    px: Vec<[u8; 3]>,
}

impl Canvas {
    fn new(w: usize, h: usize) -> Canvas {
        Canvas {
            w,
            h,
            px: vec![[255, 255, 255]; w * h],
        }
    }

    /// Even–odd scanline fill, sampling at pixel centres.
    fn fill(&mut self, polys: &[Vec<Point>], c: [u8; 3]) {
        for y in 0..self.h {
            let sy = y as f64 + 0.5;
            let mut xs: Vec<f64> = Vec::new();
            for ring in polys {
                let n = ring.len();
                for i in 0..n {
                    let (a, b) = (ring[i], ring[(i + 1) % n]);
                    if (a[1] > sy) != (b[1] > sy) {
                        xs.push(a[0] + (sy - a[1]) * (b[0] - a[0]) / (b[1] - a[1]));
                    }
                }
            }
            xs.sort_by(f64::total_cmp);
            for pair in xs.chunks(2) {
                if let [x0, x1] = pair {
                    let from = (x0 - 0.5).ceil().max(0.0) as usize;
                    let to = ((x1 - 0.5).floor() as isize).min(self.w as isize - 1);
                    for x in from as isize..=to {
                        self.px[y * self.w + x as usize] = c;
                    }
                }
            }
        }
    }

    fn line(&mut self, a: Point, b: Point, c: [u8; 3]) {
        let steps = (b[0] - a[0]).abs().max((b[1] - a[1]).abs()).ceil().max(1.0) as usize;
        for i in 0..=steps {
            let t = i as f64 / steps as f64;
            let (x, y) = (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t);
            if x >= 0.0 && y >= 0.0 && (x as usize) < self.w && (y as usize) < self.h {
                self.px[y as usize * self.w + x as usize] = c;
            }
        }
    }

    fn png(&self, path: &Path) -> Result<(), String> {
        let mut raw = Vec::with_capacity(self.h * (1 + 3 * self.w));
        for row in self.px.chunks(self.w) {
            raw.push(0);
            for p in row {
                raw.extend_from_slice(p);
            }
        }
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        z.write_all(&raw).map_err(|e| e.to_string())?;
        let idat = z.finish().map_err(|e| e.to_string())?;
        let mut ihdr = Vec::new();
        ihdr.extend_from_slice(&(self.w as u32).to_be_bytes());
        ihdr.extend_from_slice(&(self.h as u32).to_be_bytes());
        ihdr.extend_from_slice(&[8, 2, 0, 0, 0]);
        let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
        for (kind, data) in [(b"IHDR", &ihdr), (b"IDAT", &idat), (b"IEND", &Vec::new())] {
            out.extend_from_slice(&(data.len() as u32).to_be_bytes());
            let mut chunk = kind.to_vec();
            chunk.extend_from_slice(data);
            out.extend_from_slice(&chunk);
            out.extend_from_slice(&care_atlas::data::crc32(&chunk).to_be_bytes());
        }
        std::fs::write(path, out).map_err(|e| format!("{}: {e}", path.display()))
    }
}

fn colour(i: usize) -> [u8; 3] {
    // Pale, well-separated hues so the dark borders stay readable.
    let h = (i as f64 * 0.618_034).fract() * 6.0;
    let f = h.fract();
    let (a, b, c) = (0.55, 0.55 + 0.4 * f, 0.95 - 0.4 * f);
    let rgb = match h as u32 {
        0 => (0.95, b, a),
        1 => (c, 0.95, a),
        2 => (a, 0.95, b),
        3 => (a, c, 0.95),
        4 => (b, a, 0.95),
        _ => (0.95, a, c),
    };
    [
        (rgb.0 * 255.0) as u8,
        (rgb.1 * 255.0) as u8,
        (rgb.2 * 255.0) as u8,
    ]
}

fn draw(
    b: &Bundle,
    year: u16,
    region: Option<&str>,
    height: usize,
    path: &Path,
) -> Result<(), String> {
    let g = &b.geometry;
    let region = region.and_then(|c| b.area_id(c));
    let ids: Vec<_> = b
        .areas_at(Level::Authority)
        .filter(|&i| b.area(i).live_in(year) && (region.is_none() || b.area(i).region == region))
        .collect();
    let polys: Vec<Vec<Polygon>> = ids
        .iter()
        .map(|&i| {
            let s = b.area(i).shape.map_or(0, usize::from);
            g.polygons(&g.shapes[s])
        })
        .collect();
    let bbox = polys
        .iter()
        .flatten()
        .fold(Bbox::EMPTY, |acc, p| acc.union(p.bbox()));
    let scale = (height as f64 - 20.0) / bbox.height();
    let width = (bbox.width() * scale + 20.0).ceil() as usize;
    let to_px = |p: Point| {
        [
            10.0 + (p[0] - bbox.min[0]) * scale,
            10.0 + (bbox.max[1] - p[1]) * scale,
        ]
    };
    let mut c = Canvas::new(width, height);
    for (k, ps) in polys.iter().enumerate() {
        let rings: Vec<Vec<Point>> = ps
            .iter()
            .flat_map(|p| {
                p.rings
                    .iter()
                    .map(|r| r.iter().map(|&q| to_px(q)).collect())
            })
            .collect();
        c.fill(&rings, colour(k));
    }
    for ps in &polys {
        for p in ps {
            for r in &p.rings {
                for i in 0..r.len() {
                    c.line(to_px(r[i]), to_px(r[(i + 1) % r.len()]), [40, 40, 40]);
                }
            }
        }
    }
    c.png(path)?;
    println!(
        "wrote {} ({} authorities, {}×{} px)",
        path.display(),
        ids.len(),
        width,
        height
    );
    Ok(())
}

pub fn run(root: &Path, year: u16) -> Result<(), String> {
    let b = care_atlas::data::complete()?;
    let dir = root.join("target/preview");
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    draw(
        &b,
        year,
        None,
        1200,
        &dir.join(format!("england-{year}.png")),
    )?;
    draw(
        &b,
        year,
        Some("E12000001"),
        800,
        &dir.join(format!("north-east-{year}.png")),
    )
}
