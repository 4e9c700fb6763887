//! The packs: the values of each family of measures, cut from the core and
//! fetched by the widget on first use. Each is versioned and CRC-checked like
//! the core, belongs to one core, and decodes to exactly the values the
//! whole dataset holds.

use care_atlas::data::{
    complete, crc32, pack_file, Bundle, DecodeError, CORE_MEASURES, EMBEDDED, PACK_MAGIC, VERSION,
};

fn core() -> Bundle {
    Bundle::decode(EMBEDDED).expect("the committed core decodes")
}

fn pack(family: &str) -> Vec<u8> {
    let path = format!("{}/data/{}", env!("CARGO_MANIFEST_DIR"), pack_file(family));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Every family with values outside the core, in the order the pipeline cuts them.
const FAMILIES: [&str; 8] = [
    "demand",
    "poverty",
    "ofsted",
    "assessment",
    "workforce",
    "spending",
    "placements",
    "leavers",
];

/// Rewrites a pack's CRC so that damage reaches the decoder behind it.
fn recrc(bytes: &mut [u8]) {
    let crc = crc32(&bytes[16..]);
    bytes[12..16].copy_from_slice(&crc.to_le_bytes());
}

#[test]
fn the_core_holds_the_default_measure_and_waits_for_every_other() {
    let b = core();
    for m in b.measure_ids() {
        let id = b.measure(m).id.as_str();
        assert_eq!(
            b.is_loaded(m),
            CORE_MEASURES.contains(&id),
            "{id}: in the core only if the default view shows it"
        );
    }
    // The years of a waiting measure are known before its values.
    let cin = b.measure_id("cin_rate").unwrap();
    let whole = complete().unwrap();
    assert_eq!(b.years_of(cin), whole.years_of(cin));
    assert!(!b.years_of(cin).is_empty());
    assert_eq!(b.pack_of(cin), Some("demand"));
}

#[test]
fn every_pack_round_trips_to_the_whole_datasets_values() {
    let whole = complete().unwrap();
    let mut b = core();
    for family in FAMILIES {
        assert_eq!(b.add_pack(&pack(family)).unwrap(), family);
    }
    assert!(b.waiting.measures.is_empty());
    assert_eq!(b, whole);
    // Cut again, the packs are the committed bytes.
    let split = whole.encode_split(|m| !CORE_MEASURES.contains(&m.id.as_str()));
    let names: Vec<&str> = split.packs.iter().map(|(f, _)| f.as_str()).collect();
    assert_eq!(names, FAMILIES);
    for (family, bytes) in &split.packs {
        assert!(*bytes == pack(family), "{family}: another encoding");
    }
}

#[test]
fn packs_can_arrive_in_any_order_and_only_once() {
    let mut b = core();
    b.add_pack(&pack("ofsted")).unwrap();
    let ofsted = b.measure_id("ofsted_overall").unwrap();
    assert!(b.is_loaded(ofsted));
    assert!(!b.is_loaded(b.measure_id("cin_rate").unwrap()));
    b.add_pack(&pack("demand")).unwrap();
    // A second copy of a pack already added is refused, not merged.
    assert!(matches!(
        b.add_pack(&pack("demand")),
        Err(DecodeError::Invalid { .. })
    ));
}

#[test]
fn a_damaged_pack_fails_its_checksum() {
    let mut bytes = pack("demand");
    let at = bytes.len() / 2;
    bytes[at] ^= 0x40;
    match core().add_pack(&bytes) {
        Err(DecodeError::Checksum { expected, actual }) => assert_ne!(expected, actual),
        other => panic!("expected a checksum error, got {other:?}"),
    }
}

#[test]
fn a_pack_of_another_version_is_refused_by_version() {
    let mut bytes = pack("poverty");
    bytes[4..6].copy_from_slice(&(VERSION + 1).to_le_bytes());
    assert_eq!(
        core().add_pack(&bytes).unwrap_err(),
        DecodeError::UnsupportedVersion {
            found: VERSION + 1,
            supported: VERSION
        }
    );
}

#[test]
fn a_truncated_pack_says_how_much_is_missing() {
    let bytes = pack("demand");
    for keep in [0, 3, 15, 16, 100, bytes.len() / 2, bytes.len() - 1] {
        match core().add_pack(&bytes[..keep]) {
            Err(DecodeError::Truncated { wanted, .. }) => assert!(wanted > 0, "cut at {keep}"),
            other => panic!("cut at {keep}: expected truncation, got {other:?}"),
        }
    }
    let e = core().add_pack(&bytes[..bytes.len() / 2]).unwrap_err();
    assert!(e.to_string().contains("truncated"), "{e}");
}

#[test]
fn a_core_is_not_a_pack_nor_a_pack_a_core() {
    assert_eq!(
        core().add_pack(EMBEDDED).unwrap_err(),
        DecodeError::NotAPack
    );
    assert_eq!(
        Bundle::decode(&pack("demand")).unwrap_err(),
        DecodeError::NotABundle
    );
    assert_eq!(&pack("ofsted")[..4], PACK_MAGIC);
}

#[test]
fn a_pack_cut_from_another_core_is_refused() {
    let mut bytes = pack("ofsted");
    // The core's CRC follows the family's name ("ofsted": 1 + 6 bytes).
    let at = 16 + 7;
    bytes[at] ^= 1;
    recrc(&mut bytes);
    match core().add_pack(&bytes) {
        Err(e @ DecodeError::OtherCore { .. }) => {
            assert!(e.to_string().contains("another build"), "{e}")
        }
        other => panic!("expected another core, got {other:?}"),
    }
    // A core that waits for nothing takes no pack.
    let mut whole = complete().unwrap();
    assert!(matches!(
        whole.add_pack(&pack("ofsted")),
        Err(DecodeError::OtherCore { .. })
    ));
}

#[test]
fn every_flipped_byte_of_a_pack_is_a_typed_error_not_a_panic() {
    let good = pack("poverty");
    let base = core();
    // Every byte of the header and the start, then a stride through the values.
    for at in (0..64).chain((64..good.len()).step_by(13)) {
        let mut bad = good.clone();
        bad[at] ^= 0x5a;
        // Behind a correct checksum too, so the decoder itself meets the damage.
        let mut behind = bad.clone();
        if at >= 16 {
            recrc(&mut behind);
        }
        for bytes in [bad, behind] {
            let mut b = base.clone();
            if b.add_pack(&bytes).is_ok() {
                // Damage that still decodes must decode to a consistent bundle.
                let re = b.encode();
                assert!(Bundle::decode(&re).is_ok(), "byte {at}");
            }
        }
    }
}

#[test]
fn a_widgets_copy_adopts_the_packs_the_page_has_loaded() {
    let shared = {
        let mut b = core();
        b.add_pack(&pack("demand")).unwrap();
        b
    };
    let mut own = core();
    own.measures[0].label = "kept".into();
    own.adopt_packs(&shared);
    let cin = own.measure_id("cin_rate").unwrap();
    assert!(own.is_loaded(cin));
    assert_eq!(own.series[cin.index()], shared.series[cin.index()]);
    assert!(!own.is_loaded(own.measure_id("ofsted_overall").unwrap()));
    assert_eq!(own.measures[0].label, "kept");
}

#[test]
fn a_pack_missing_one_of_its_familys_measures_is_refused() {
    // The demand pack's last measure: its length, from a pack holding it
    // alone ("demand" + core CRC + count 1 precede it).
    let whole = complete().unwrap();
    let demand: Vec<&str> = whole
        .measures
        .iter()
        .filter(|m| m.family == "demand" && !CORE_MEASURES.contains(&m.id.as_str()))
        .map(|m| m.id.as_str())
        .collect();
    let last_id = *demand.last().unwrap();
    let alone = whole.encode_split(|m| m.id == last_id).packs.remove(0).1;
    let last = alone.len() - 16 - 7 - 4 - 1;
    let full = pack("demand");
    let mut cut = full[..full.len() - last].to_vec();
    assert_eq!(
        usize::from(cut[16 + 7 + 4]),
        demand.len(),
        "the demand pack holds every demand measure but the core's"
    );
    cut[16 + 7 + 4] -= 1;
    let len = (cut.len() - 16) as u32;
    cut[8..12].copy_from_slice(&len.to_le_bytes());
    recrc(&mut cut);
    match core().add_pack(&cut) {
        Err(DecodeError::Invalid { what, .. }) => assert!(what.contains("lacks"), "{what}"),
        other => panic!("expected a pack lacking a measure, got {other:?}"),
    }
}
