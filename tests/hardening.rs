//! Regression tests for the defects of issue 14 whose logic is pure Rust,
//! each named after what broke. (The browser's side — Trusted Types,
//! fetches, failed loads, two copies, the JavaScript boundary — is tested in
//! `tests/page/hostile.test.mjs`.)
#![cfg(not(target_arch = "wasm32"))]

mod support;

use care_atlas::data::{
    add_user_measure, crc32, Bundle, Cell, DecodeError, Geometry, UserMeta, MAGIC, USER_MEASURE,
    VERSION,
};
use care_atlas::view::options::{Options, MAX_ATTRIBUTE_CHARS};
use std::collections::HashMap;
use std::time::Instant;
use support::{check, show, Layers};

fn bundle() -> Bundle {
    care_atlas::data::complete().unwrap()
}

fn attrs(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
    let m: HashMap<String, String> = pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    move |k| m.get(k).cloned()
}

fn meta(label: &str, unit: &str) -> UserMeta {
    UserMeta {
        label: label.into(),
        unit: unit.into(),
        source: "Test".into(),
    }
}

/// Defect 1: a page value of `1` and 400 zeros (or ±1.7e308) parsed to
/// infinity; `nice_ticks` then collected `0..=i64::MAX` and the widget
/// trapped half-drawn. Such values are refused by name, and values the view
/// is given beyond what a page can send still draw.
#[test]
fn defect_01_huge_values_are_refused_by_name_and_never_crash_the_view() {
    let b = bundle();
    let csv = format!(
        "area_code,year,value\nE12000001,2024,1{}\nE12000002,2024,-17{}\nE12000003,2024,5\nE12000003,2025,999999999999999\nE12000004,2024,0.001\nE12000004,2025,999999999999999\n",
        "0".repeat(400),
        "0".repeat(306)
    );
    let (nb, problems) = add_user_measure(&b, &csv, &meta("Mine", "per 10,000"));
    assert_eq!(problems.len(), 2, "{problems:?}");
    for p in &problems {
        assert!(p.message.contains("is too large"), "{}", p.message);
    }
    let nb = nb.expect("the good lines are kept");
    let mut layers = Layers::default();
    for extra in [
        vec![],
        vec![("base-year", "2024")],
        vec![("classes", "quantile")],
    ] {
        let mut a = vec![("measure", "user"), ("highlight", "E12000003,E12000004")];
        a.extend(extra);
        let shown = show(&nb, &attrs(&a), &mut layers, 800.0, Some(1), true).unwrap();
        check(&shown);
        assert!(shown
            .words
            .iter()
            .any(|w| w.contains("999,999,999,999,999")));
    }
    // Values past anything a page can send (the bundle is edited directly).
    let mut edge = nb.clone();
    let m = edge.measure_id(USER_MEASURE).unwrap().index();
    for (i, c) in std::sync::Arc::make_mut(&mut edge.series[m])
        .cells
        .iter_mut()
        .enumerate()
    {
        if let Cell::Value { value, .. } = c {
            *value = [f64::MAX, -f64::MAX, 1e-300, 1e300][i % 4];
        }
    }
    for extra in [vec![], vec![("base-year", "2024")]] {
        let mut a = vec![("measure", "user"), ("highlight", "E12000003,E12000004")];
        a.extend(extra);
        check(&show(&edge, &attrs(&a), &mut layers, 800.0, Some(0), false).unwrap());
    }
}

/// Defect 7: a page's label and unit were written raw into every exported
/// row, so `=HYPERLINK(...)` ran in the reader's spreadsheet.
#[test]
fn defect_07_exported_csv_neutralises_formulas_from_the_page() {
    let b = bundle();
    let (nb, p) = add_user_measure(
        &b,
        "area_code,year,value\nE12000001,2024,-3\nE12000002,2024,4\n",
        &meta(
            "=HYPERLINK(\"http://evil.example/\",\"x\")",
            "+cmd|' /C calc'!A0",
        ),
    );
    assert!(p.is_empty(), "{p:?}");
    let shown = show(
        &nb.unwrap(),
        &attrs(&[("measure", "user"), ("highlight", "E12000001")]),
        &mut Layers::default(),
        800.0,
        None,
        false,
    )
    .unwrap();
    check(&shown);
    assert!(shown.csv.contains(",\"'=HYPERLINK("), "{}", shown.csv);
    assert!(shown.csv.contains(",'+cmd|"), "{}", shown.csv);
    assert!(
        shown.csv.contains(",2024,-3,supplied by this page"),
        "numbers stay numbers: {}",
        shown.csv
    );
}

/// Defect 8: a 1 MB `highlight` froze the page 3–4 s in "did you mean", and
/// a share link with 2 MB in `selected` blocked it 6.7 s. Every attribute is
/// bounded first, and the message names the attribute and the limit.
#[test]
fn defect_08_long_attribute_values_are_refused_quickly_by_name() {
    let b = bundle();
    let started = Instant::now();
    for (name, len) in [
        ("highlight", 1 << 20),
        ("selected", 2 << 20),
        ("measure", 5000),
    ] {
        let value = "E120000011,".repeat(len / 11);
        let e = Options::parse(&b, attrs(&[(name, value.as_str())])).unwrap_err();
        assert_eq!(e.attribute, name);
        assert!(
            e.message
                .contains(&format!("The {name} attribute \"E120000011,"))
                && e.message
                    .contains("characters)\" is too long: at most 4,096 characters"),
            "{}",
            e.message
        );
        assert!(
            e.message.len() < 300,
            "the message quotes an excerpt: {}",
            e.message
        );
    }
    // Just under the limit: every code unknown, each checked for a typo.
    let near = "E1200001X,".repeat(MAX_ATTRIBUTE_CHARS / 10);
    let e = Options::parse(&b, attrs(&[("highlight", near.as_str())])).unwrap_err();
    assert!(
        e.message.contains("Unknown area code \"E1200001X\""),
        "{}",
        e.message
    );
    assert!(
        started.elapsed().as_millis() < 2000,
        "took {:?}",
        started.elapsed()
    );
}

/// A bundle of `payload` parts, with a header that matches it.
fn framed(payload: &[u8]) -> Vec<u8> {
    let mut out = MAGIC.to_vec();
    out.extend_from_slice(&VERSION.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out.extend_from_slice(&(payload.len() as u32).to_le_bytes());
    out.extend_from_slice(&crc32(payload).to_le_bytes());
    out.extend_from_slice(payload);
    out
}

/// Defect 11: with overflow checks on (as in these tests), a crafted
/// 10-byte varint made `i64::from(prev[0]) + dx` overflow in the decoder,
/// so debug and release builds disagreed. It is a typed error now.
#[test]
fn defect_11_a_crafted_varint_is_a_decode_error_not_an_overflow() {
    let tiny = Bundle {
        attribution: String::new(),
        areas: vec![],
        sources: vec![],
        notes: vec![],
        measures: vec![],
        series: vec![],
        neighbours: Default::default(),
        waiting: Default::default(),
        geometry: std::sync::Arc::new(Geometry {
            unit: 1.0,
            origin: [0.0, 0.0],
            arcs: vec![vec![[1, 0], [2, 0]]],
            shapes: vec![],
        }),
    };
    let bytes = tiny.encode();
    assert_eq!(Bundle::decode(&bytes).unwrap(), tiny);
    // The core's payload is sections (tag, length, bytes), the geometry (3)
    // last, each short enough here for a one-byte length; the full engine's
    // frame follows the core's and is left off here.
    let len = u32::from_le_bytes(bytes[8..12].try_into().unwrap()) as usize;
    let whole = &bytes[16..16 + len];
    let mut at = 0;
    while whole[at] != 3 {
        at += 2 + usize::from(whole[at + 1]);
    }
    let end = at + 2 + usize::from(whole[at + 1]);
    let (head, payload, tail) = (&whole[..at], &whole[at + 2..end], &whole[end..]);
    assert!(tail.is_empty(), "the geometry is the last section");
    let section = |geometry: Vec<u8>| {
        let mut p = head.to_vec();
        p.extend_from_slice(&[3, geometry.len() as u8]);
        p.extend_from_slice(&geometry);
        p.extend_from_slice(tail);
        p
    };
    // The arc's second point is its last five bytes but one: dx=1 dy=0, then no shapes.
    let n = payload.len();
    assert_eq!(&payload[n - 5..], &[0x02, 0x00, 0x02, 0x00, 0x00]);
    let mut crafted = payload[..n - 3].to_vec();
    // dx = i64::MAX (zigzag 0xFFFF_FFFF_FFFF_FFFE, ten bytes): 1 + i64::MAX overflows.
    crafted.extend_from_slice(&[0xFE, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01]);
    crafted.extend_from_slice(&[0x00, 0x00]);
    let crafted = section(crafted);
    match Bundle::decode(&framed(&crafted)) {
        Err(DecodeError::Invalid { what, .. }) => assert_eq!(what, "arc point out of range"),
        other => panic!("expected a typed error, got {other:?}"),
    }
    // A tenth byte above 1 does not fit 64 bits.
    let mut wide = payload[..n - 3].to_vec();
    wide.extend_from_slice(&[0xFE, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F]);
    wide.extend_from_slice(&[0x00, 0x00]);
    let wide = section(wide);
    assert!(matches!(
        Bundle::decode(&framed(&wide)),
        Err(DecodeError::Invalid {
            what: "varint longer than 64 bits",
            ..
        })
    ));
}
