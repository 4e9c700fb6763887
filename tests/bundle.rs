//! The committed bundle, read as the widget reads it: decoding, the figures
//! the issue names, and what corruption does.
#![cfg(not(target_arch = "wasm32"))]

use care_atlas::data::{Basis, Bundle, Cell, DecodeError, Level, Missing, EMBEDDED};

fn bundle() -> Bundle {
    care_atlas::data::complete().expect("the committed bundle decodes")
}

#[test]
fn north_east_2025_children_looked_after_is_the_published_111() {
    let b = bundle();
    let m = b.measure_id("cla_rate").unwrap();
    let ne = b.area_id("E12000001").unwrap();
    assert_eq!(b.area(ne).name, "North East");
    assert_eq!(
        b.cell(m, ne, 2025),
        Cell::Value {
            value: 111.0,
            decimals: 0,
            basis: Basis::Official
        }
    );
}

#[test]
fn has_england_and_nine_regions_each_with_a_shape() {
    let b = bundle();
    assert_eq!(b.areas_at(Level::Country).count(), 1);
    let regions: Vec<_> = b.areas_at(Level::Region).collect();
    assert_eq!(regions.len(), 9);
    for r in regions {
        let a = b.area(r);
        assert!(a.code.starts_with("E12"), "{}", a.code);
        let shape = &b.geometry.shapes[usize::from(a.shape.expect("regions are drawn"))];
        assert!(!shape.polygons.is_empty(), "{} has no polygons", a.name);
    }
}

#[test]
fn the_four_rates_cover_every_published_year_and_keep_gaps() {
    let b = bundle();
    let years = |id: &str| b.years_of(b.measure_id(id).unwrap());
    let cla = years("cla_rate");
    assert_eq!(cla.first(), Some(&2010));
    assert_eq!(cla.last(), Some(&2025));
    assert!(
        !cla.contains(&2011) && !cla.contains(&2012),
        "no rate was published for 2011–2012"
    );
    for id in ["cin_rate", "cpp_rate", "referrals_rate"] {
        assert_eq!(years(id), (2013..=2025).collect::<Vec<_>>(), "{id}");
    }
    let m = b.measure_id("cla_rate").unwrap();
    let eng = b.country().unwrap();
    assert_eq!(b.cell(m, eng, 2011), Cell::Missing(Missing::NotPublished));
    assert!(matches!(
        b.cell(m, eng, 2010),
        Cell::Value {
            basis: Basis::Derived(1),
            ..
        }
    ));
    assert!(matches!(
        b.cell(m, eng, 2014),
        Cell::Value {
            basis: Basis::Derived(0),
            ..
        }
    ));
}

#[test]
fn re_encoding_gives_the_same_bytes() {
    // The core alone, its packs still waiting, re-encodes to itself.
    let core = Bundle::decode(EMBEDDED).unwrap();
    assert!(!core.waiting.measures.is_empty());
    assert!(
        core.encode() == EMBEDDED,
        "the core re-encodes to other bytes"
    );
    // The whole dataset cut again gives the same core and the same packs.
    let split =
        bundle().encode_split(|m| !care_atlas::data::CORE_MEASURES.contains(&m.id.as_str()));
    assert!(
        split.core == EMBEDDED,
        "the split core differs from the committed one"
    );
    for (family, bytes) in &split.packs {
        let file = std::fs::read(format!(
            "{}/data/{}",
            env!("CARGO_MANIFEST_DIR"),
            care_atlas::data::pack_file(family)
        ))
        .unwrap();
        assert!(
            *bytes == file,
            "the {family} pack differs from the committed one"
        );
    }
}

#[test]
fn every_flipped_byte_is_a_typed_error_not_a_panic() {
    // Every byte of the header and a stride through the payload.
    let positions = (0..64).chain((64..EMBEDDED.len()).step_by(97));
    for i in positions {
        let mut bad = EMBEDDED.to_vec();
        bad[i] ^= 0x5A;
        let r = Bundle::decode(&bad);
        assert!(r.is_err(), "flipping byte {i} went unnoticed");
    }
}

#[test]
fn truncation_is_reported_with_how_much_is_missing() {
    for keep in [0, 3, 10, 16, 100, EMBEDDED.len() / 2, EMBEDDED.len() - 1] {
        match Bundle::decode(&EMBEDDED[..keep]) {
            Err(DecodeError::Truncated { .. }) | Err(DecodeError::NotABundle) => {}
            other => panic!("keeping {keep} bytes gave {other:?}"),
        }
    }
    assert_eq!(
        Bundle::decode(b"GIF89a...........").unwrap_err(),
        DecodeError::NotABundle
    );
}

#[test]
fn a_corrupt_payload_with_a_matching_checksum_is_still_caught() {
    // Rewrite the checksum after corrupting, so only validation can notice:
    // point the first area's region at an area that does not exist.
    let mut b = bundle();
    let n = b.areas.len() as u16;
    b.areas[1].region = Some(care_atlas::data::AreaId(n + 5));
    let bytes = b.encode();
    match Bundle::decode(&bytes) {
        Err(DecodeError::Invalid { what, .. }) => assert!(what.contains("region"), "{what}"),
        other => panic!("expected an invalid-region error, got {other:?}"),
    }
}

#[test]
fn errors_read_as_sentences() {
    let e = Bundle::decode(&EMBEDDED[..20]).unwrap_err();
    assert!(e.to_string().starts_with("bundle is truncated"), "{e}");
}

#[test]
fn fields_of_format_2_survive_a_round_trip() {
    let mut b = bundle();
    let poverty = b.measure_id("child_poverty_bhc").unwrap();
    assert_eq!(b.measure(poverty).boundaries, Some(2025));
    let ofsted = b.measure_id("ofsted_overall").unwrap();
    let durham = b.area_id("E06000047").unwrap();
    assert!(b.date(ofsted, durham).is_some_and(|d| d > 20180000));
    b.measures[poverty.index()].boundaries = Some(2023);
    std::sync::Arc::make_mut(&mut b.series[ofsted.index()]).dates[0] = 20250331;
    let back = Bundle::decode(&b.encode()).unwrap();
    assert_eq!(back, b);
}

#[test]
fn a_judgement_outside_its_categories_is_a_typed_error() {
    let mut b = bundle();
    let m = b.measure_id("ofsted_overall").unwrap().index();
    let cell = std::sync::Arc::make_mut(&mut b.series[m])
        .cells
        .iter_mut()
        .find(|c| c.value().is_some())
        .unwrap();
    *cell = Cell::Value {
        value: 7.0,
        decimals: 0,
        basis: Basis::Official,
    };
    match Bundle::decode(&b.encode()) {
        Err(DecodeError::Invalid { what, .. }) => assert!(what.contains("category"), "{what}"),
        other => panic!("expected an invalid category, got {other:?}"),
    }
}

#[test]
fn an_older_format_is_refused_by_version() {
    let mut bytes = EMBEDDED.to_vec();
    bytes[4] = 1;
    bytes[5] = 0;
    assert_eq!(
        Bundle::decode(&bytes).unwrap_err(),
        DecodeError::UnsupportedVersion {
            found: 1,
            supported: care_atlas::data::VERSION
        }
    );
}

#[test]
fn cutting_the_payload_at_every_part_boundary_is_a_typed_error() {
    let b = Bundle::decode(EMBEDDED).unwrap();
    let mut at = 16;
    for (name, part) in b.encode_parts() {
        at += part.len();
        if at == care_atlas::data::core_frame_len(EMBEDDED) {
            // The end of the first frame: the core engine's whole data.
            assert_eq!(name, "geometry");
            assert!(Bundle::decode(&EMBEDDED[..at]).is_ok());
        } else if at < EMBEDDED.len() {
            assert!(
                matches!(
                    Bundle::decode(&EMBEDDED[..at]),
                    Err(DecodeError::Truncated { .. })
                ),
                "cut after {name}"
            );
        }
    }
    assert_eq!(at, EMBEDDED.len());
}

#[test]
fn the_core_frame_alone_is_the_bundle_without_the_full_engines_part() {
    // What the core engine embeds (`WIDGET_DATA` without the `full` feature).
    let whole = Bundle::decode(EMBEDDED).unwrap();
    let len = care_atlas::data::core_frame_len(EMBEDDED);
    assert!(len < EMBEDDED.len());
    let mut core = Bundle::decode(&EMBEDDED[..len]).unwrap();
    assert_eq!(*core.neighbours, Default::default());
    assert_ne!(*whole.neighbours, Default::default());
    assert!(core.measures.iter().all(|m| m.definition.is_empty()));
    assert!(whole.measures.iter().all(|m| !m.definition.is_empty()));
    core.neighbours = whole.neighbours.clone();
    for (c, w) in core.measures.iter_mut().zip(&whole.measures) {
        c.definition = w.definition.clone();
    }
    assert_eq!(core, whole);
    // Cut anywhere inside the full engine's frame: an error, never a bundle,
    // and its offset counts from the start of the file.
    for (cut, offset) in [
        (len + 1, len + 1),
        (len + 15, len + 12),
        (len + 16, len + 16),
        (EMBEDDED.len() - 1, EMBEDDED.len() - 1),
    ] {
        match Bundle::decode(&EMBEDDED[..cut]) {
            Err(DecodeError::Truncated { offset: o, .. }) => {
                assert_eq!(o, offset, "cut at {cut}")
            }
            other => panic!("cut at {cut}: {other:?}"),
        }
    }
    let mut flagged = EMBEDDED.to_vec();
    flagged[len + 6] = 1;
    assert_eq!(
        Bundle::decode(&flagged).unwrap_err().to_string(),
        format!(
            "bundle is corrupt at offset {}: unknown header flags",
            len + 6
        )
    );
    // Other bytes after the core, or the frame of another core: named errors.
    let mut other = EMBEDDED[..len].to_vec();
    other.extend_from_slice(b"junk");
    assert_eq!(
        Bundle::decode(&other).unwrap_err().to_string(),
        format!("bundle is corrupt at offset {len}: bytes after the end of the payload")
    );
    let mut tied = EMBEDDED.to_vec();
    tied[len + 16] ^= 1;
    let crc = care_atlas::data::crc32(&tied[len + 16..]);
    tied[len + 12..len + 16].copy_from_slice(&crc.to_le_bytes());
    assert!(Bundle::decode(&tied)
        .unwrap_err()
        .to_string()
        .ends_with("full engine's part of another core"));
}
