//! The committed bundle's boundaries: which authorities each data year maps,
//! that they tile their regions without gaps or overlaps after
//! simplification, and that every shape is drawable.
#![cfg(not(target_arch = "wasm32"))]

use care_atlas::data::{AreaId, Bundle, Level};
use care_atlas::geo::Polygon;

fn bundle() -> Bundle {
    care_atlas::data::complete().expect("the committed bundle decodes")
}

fn polygons(b: &Bundle, area: AreaId) -> Vec<Polygon> {
    let shape = b.area(area).shape.expect("drawn");
    b.geometry.polygons(&b.geometry.shapes[usize::from(shape)])
}

fn area_of(b: &Bundle, area: AreaId) -> f64 {
    polygons(b, area).iter().map(Polygon::area).sum()
}

fn live(b: &Bundle, year: u16) -> Vec<AreaId> {
    b.areas_at(Level::Authority)
        .filter(|&a| b.area(a).live_in(year))
        .collect()
}

#[test]
fn each_data_year_maps_the_authorities_that_existed_before_its_1_april() {
    let b = bundle();
    assert_eq!(b.areas_at(Level::Authority).count(), 163);
    // Before 2015 no upper-tier boundary changed: those years map the same
    // 152 as 2015–2019.
    for (years, n) in [
        (2010..=2019, 152),
        (2020..=2021, 151),
        (2022..=2023, 152),
        (2024..=2025, 153),
    ] {
        for y in years {
            assert_eq!(live(&b, y).len(), n, "data year {y}");
        }
    }
    let code = |y: u16, c: &str| b.area_at(c, y).map(|a| b.area(a).code.as_str());
    // Dorset's reorganisation of 1 April 2019 shows from data year 2020.
    assert_eq!(code(2019, "E10000009"), Some("E10000009"));
    assert_eq!(code(2020, "E10000009"), None);
    assert_eq!(code(2020, "E06000059"), Some("E06000059"));
}

#[test]
fn a_code_and_its_alias_find_the_one_area_live_that_year() {
    let b = bundle();
    for (old, new, last_old_year) in [
        ("E10000023", "E06000065", 2023),
        ("E10000027", "E06000066", 2023),
        ("E10000002", "E06000060", 2020),
        ("E08000016", "E08000038", 2025),
        ("E08000019", "E08000039", 2025),
    ] {
        for y in [last_old_year, last_old_year + 1] {
            let want = if y <= last_old_year { old } else { new };
            for code in [old, new] {
                let a = b.area_at(code, y).unwrap_or_else(|| panic!("{code} {y}"));
                assert_eq!(b.area(a).code, want, "{code} in {y}");
            }
        }
        let (o, n) = (b.area_id(old).unwrap(), b.area_id(new).unwrap());
        assert_eq!(b.area(o).code, old, "own code wins over alias");
        assert_eq!(b.area(o).shape, b.area(n).shape, "same shape");
        assert_eq!(b.area(o).aliases, vec![new.to_string()]);
        assert_eq!(b.area(n).aliases, vec![old.to_string()]);
    }
}

#[test]
fn every_shape_is_drawable_and_its_anchor_inside_it_and_its_region() {
    let b = bundle();
    for id in b
        .areas_at(Level::Authority)
        .chain(b.areas_at(Level::Region))
    {
        let a = b.area(id);
        let polys = polygons(&b, id);
        assert!(!polys.is_empty(), "{} has no polygon", a.code);
        for p in &polys {
            assert!(
                p.rings.iter().all(|r| r.len() >= 3),
                "{}: a ring under 3 points",
                a.code
            );
            assert!(p.area() > 0.0, "{}: an empty polygon", a.code);
        }
        let shape = &b.geometry.shapes[usize::from(a.shape.unwrap())];
        let anchor = b.geometry.world(shape.anchor);
        assert!(
            polys.iter().any(|p| p.contains(anchor)),
            "{}: anchor outside",
            a.code
        );
        if a.level == Level::Authority {
            let r = a.region.expect("authorities have a region");
            assert_eq!(b.area(r).level, Level::Region);
            assert!(
                polygons(&b, r).iter().any(|p| p.contains(anchor)),
                "{} lies outside {}",
                a.code,
                b.area(r).name
            );
        }
    }
}

#[test]
fn london_boroughs_are_in_london() {
    let b = bundle();
    let london = b.area_id("E12000007").unwrap();
    let boroughs: Vec<_> = b
        .areas_at(Level::Authority)
        .filter(|&a| b.area(a).code.starts_with("E09"))
        .collect();
    assert_eq!(boroughs.len(), 33);
    assert!(boroughs.iter().all(|&a| b.area(a).region == Some(london)));
}

#[test]
fn each_years_authorities_tile_their_region_without_gap_or_overlap() {
    // Shared arcs are simplified once, so the authorities of a region must
    // add up to the region's area in every year; a gap or an overlap
    // between neighbours, or a missing or doubled authority, would not.
    let b = bundle();
    for year in 2010..=2025 {
        let authorities = live(&b, year);
        for r in b.areas_at(Level::Region) {
            let region_area = area_of(&b, r);
            let sum: f64 = authorities
                .iter()
                .filter(|&&a| b.area(a).region == Some(r))
                .map(|&a| area_of(&b, a))
                .sum();
            let rel = (sum - region_area).abs() / region_area;
            assert!(
                rel < 1e-9,
                "{year} {}: authorities {sum:.0} m², region {region_area:.0} m²",
                b.area(r).name
            );
        }
    }
}
