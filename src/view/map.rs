//! The map as pure data: which areas are drawn for a level and year, their
//! polygons in world coordinates, how the world fits the canvas, and which
//! area lies under a pointer.

use crate::data::{AreaId, Bundle, Cell, Level, MeasureId, Missing};
use crate::geo::{Bbox, Point, Polygon};
use crate::scale::{Classes, Rgb, Sequential};

/// One area ready to draw and hit-test.
#[derive(Clone, Debug)]
pub struct MapArea {
    pub id: AreaId,
    pub polygons: Vec<Polygon>,
    pub bbox: Bbox,
    /// The interior point farthest from the edges, from the bundle.
    pub anchor: Point,
}

/// The areas of one level live in one data year.
#[derive(Clone, Debug)]
pub struct MapLayer {
    pub level: Level,
    pub year: u16,
    pub areas: Vec<MapArea>,
    pub bbox: Bbox,
    /// Arcs bordering the drawn areas, drawn once each (not once per side).
    pub arcs: Vec<usize>,
}

impl MapLayer {
    pub fn new(bundle: &Bundle, level: Level, year: u16) -> MapLayer {
        let g = &bundle.geometry;
        let mut areas = Vec::new();
        let mut bbox = Bbox::EMPTY;
        let mut arcs = Vec::new();
        for id in bundle.areas_at(level) {
            let a = bundle.area(id);
            let Some(shape) = a.shape.and_then(|s| g.shapes.get(usize::from(s))) else {
                continue;
            };
            if !a.live_in(year) {
                continue;
            }
            let polygons = g.polygons(shape);
            let b = polygons.iter().fold(Bbox::EMPTY, |b, p| b.union(p.bbox()));
            bbox = bbox.union(b);
            arcs.extend(shape.polygons.iter().flatten().flatten().map(|&r| {
                if r < 0 {
                    !r as usize
                } else {
                    r as usize
                }
            }));
            areas.push(MapArea {
                id,
                polygons,
                bbox: b,
                anchor: g.world(shape.anchor),
            });
        }
        arcs.sort_unstable();
        arcs.dedup();
        MapLayer {
            level,
            year,
            areas,
            bbox,
            arcs,
        }
    }

    pub fn get(&self, id: AreaId) -> Option<&MapArea> {
        self.areas.iter().find(|a| a.id == id)
    }

    /// The area under a world point.
    pub fn hit(&self, p: Point) -> Option<AreaId> {
        self.areas
            .iter()
            .find(|a| a.bbox.contains(p) && a.polygons.iter().any(|poly| poly.contains(p)))
            .map(|a| a.id)
    }
}

/// Maps world metres (y up) to CSS pixels (y down), keeping the aspect ratio
/// and centring the world box in the viewport.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Fit {
    pub scale: f64,
    pub tx: f64,
    pub ty: f64,
}

impl Fit {
    pub fn new(world: Bbox, width: f64, height: f64, pad: f64) -> Fit {
        let (w, h) = ((width - 2.0 * pad).max(1.0), (height - 2.0 * pad).max(1.0));
        let scale = if world.is_empty() || world.width() <= 0.0 || world.height() <= 0.0 {
            1.0
        } else {
            (w / world.width()).min(h / world.height())
        };
        let cx = (world.min[0] + world.max[0]) / 2.0;
        let cy = (world.min[1] + world.max[1]) / 2.0;
        Fit {
            scale,
            tx: width / 2.0 - cx * scale,
            ty: height / 2.0 + cy * scale,
        }
    }

    pub fn to_screen(&self, p: Point) -> Point {
        [p[0] * self.scale + self.tx, self.ty - p[1] * self.scale]
    }

    pub fn to_world(&self, s: Point) -> Point {
        [(s[0] - self.tx) / self.scale, (self.ty - s[1]) / self.scale]
    }
}

/// The height a map of `world` wants at `width`, within sensible bounds.
pub fn preferred_height(world: Bbox, width: f64, pad: f64) -> f64 {
    if world.is_empty() || world.width() <= 0.0 {
        return width;
    }
    let inner = (width - 2.0 * pad).max(1.0);
    (inner * world.height() / world.width() + 2.0 * pad).clamp(160.0, 1200.0)
}

/// How an area is filled.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Fill {
    Class(usize),
    NoData(Missing),
}

/// Values classed and coloured for one measure, year and layer.
#[derive(Clone, Debug)]
pub struct Choropleth {
    pub classes: Option<Classes>,
    pub colours: Vec<Rgb>,
    /// Parallel to the layer's areas.
    pub fills: Vec<Fill>,
    pub cells: Vec<Cell>,
}

/// Classes the legend aims for; fewer when values are few or close.
pub const TARGET_CLASSES: usize = 5;

impl Choropleth {
    pub fn new(
        bundle: &Bundle,
        layer: &MapLayer,
        measure: MeasureId,
        palette: Sequential,
    ) -> Choropleth {
        let cells: Vec<Cell> = layer
            .areas
            .iter()
            .map(|a| bundle.cell(measure, a.id, layer.year))
            .collect();
        let values: Vec<f64> = cells.iter().filter_map(Cell::value).collect();
        let classes = Classes::equal_interval(&values, TARGET_CLASSES);
        let colours = palette.colours(classes.as_ref().map_or(0, Classes::len));
        let fills = cells
            .iter()
            .map(|c| match (c, &classes) {
                (Cell::Value { value, .. }, Some(k)) => Fill::Class(k.class_of(*value)),
                (Cell::Missing(m), _) => Fill::NoData(*m),
                (Cell::Value { .. }, None) => Fill::NoData(Missing::NotPublished),
            })
            .collect();
        Choropleth {
            classes,
            colours,
            fills,
            cells,
        }
    }

    pub fn colour(&self, fill: Fill) -> Option<Rgb> {
        match fill {
            Fill::Class(i) => self.colours.get(i).copied(),
            Fill::NoData(_) => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_round_trips_and_keeps_north_up() {
        let world = Bbox {
            min: [100.0, 0.0],
            max: [300.0, 400.0],
        };
        let f = Fit::new(world, 400.0, 400.0, 10.0);
        let top = f.to_screen([200.0, 400.0]);
        let bottom = f.to_screen([200.0, 0.0]);
        assert!(top[1] < bottom[1], "north must be up");
        assert!((top[1] - 10.0).abs() < 1e-9 && (bottom[1] - 390.0).abs() < 1e-9);
        assert!((top[0] - 200.0).abs() < 1e-9, "centred horizontally");
        let back = f.to_world(f.to_screen([123.0, 45.0]));
        assert!((back[0] - 123.0).abs() < 1e-9 && (back[1] - 45.0).abs() < 1e-9);
    }

    #[test]
    fn preferred_height_follows_the_aspect_ratio() {
        let tall = Bbox {
            min: [0.0, 0.0],
            max: [100.0, 120.0],
        };
        assert!((preferred_height(tall, 500.0, 0.0) - 600.0).abs() < 1e-9);
        assert_eq!(preferred_height(tall, 10.0, 0.0), 160.0);
    }
}
