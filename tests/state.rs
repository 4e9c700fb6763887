//! The reader's state as a pure model: attribute changes keep what the reader
//! did, keyboard moves, play, hover and the trend's cursor — against the real
//! bundle, with no browser.
#![cfg(not(target_arch = "wasm32"))]

use care_atlas::data::{AreaId, Bundle, Level};
use care_atlas::view::map::{Fit, MapLayer};
use care_atlas::view::options::Options;
use care_atlas::view::state::{
    nearest_year, Dirty, Effects, Emit, Input, MapCtx, Reader, Say, Tip, TrendCtx,
};
use care_atlas::view::table::Column;
use std::collections::HashMap;

fn bundle() -> Bundle {
    care_atlas::data::complete().unwrap()
}

fn options(b: &Bundle, attrs: &[(&str, &str)]) -> Options {
    let m: HashMap<String, String> = attrs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    Options::parse(b, |k| m.get(k).cloned()).unwrap()
}

fn configure(r: &mut Reader, b: &Bundle, attrs: &[(&str, &str)]) -> Effects {
    let opts = options(b, attrs);
    r.apply(Input::Configure {
        opts,
        years: &|o, v| o.years_for(b, v),
        level_of: &|a| b.area(a).level,
    })
}

fn id(b: &Bundle, code: &str) -> AreaId {
    b.area_id(code).unwrap()
}

#[test]
fn an_attribute_change_keeps_the_readers_year_and_selection() {
    let b = bundle();
    let mut r = Reader::default();
    configure(&mut r, &b, &[("measure", "cla_rate")]);
    assert_eq!(r.year, 2025);
    r.apply(Input::SetYear(2018));
    r.apply(Input::Select(vec![
        id(&b, "E12000001"),
        id(&b, "E12000007"),
    ]));
    for change in [
        [("measure", "cin_rate"), ("palette", "ylgnbu")],
        [("measure", "cin_rate"), ("palette", "viridis")],
        [("measure", "cin_rate"), ("view", "table")],
        [("measure", "cla_rate"), ("base-year", "2013")],
    ] {
        let fx = configure(&mut r, &b, &change);
        assert_eq!(r.year, 2018, "after {change:?}");
        assert_eq!(r.selection.areas().len(), 2, "after {change:?}");
        assert!(fx.dirty.layout);
        assert!(
            !fx.emit.contains(&Emit::SelectionChanged),
            "the selection did not change"
        );
    }
    assert_eq!(r.base_year, Some(2013), "a changed base-year is taken");
}

#[test]
fn a_year_the_new_measure_lacks_moves_to_the_nearest_it_has() {
    let b = bundle();
    let mut r = Reader::default();
    configure(&mut r, &b, &[("measure", "cla_rate")]);
    r.apply(Input::SetYear(2010));
    // Children in need start in 2013.
    configure(&mut r, &b, &[("measure", "cin_rate")]);
    assert_eq!(r.year, 2013);
    // A year the reader never moved follows the options: the new measure's latest.
    let mut fresh = Reader::default();
    configure(&mut fresh, &b, &[("measure", "cla_rate")]);
    configure(&mut fresh, &b, &[("measure", "ofsted_overall")]);
    assert_eq!(
        Some(fresh.year),
        b.years_of(fresh.opts.as_ref().unwrap().measure)
            .last()
            .copied()
    );
    assert_eq!(nearest_year(&[2010, 2013, 2014], 2012), Some(2013));
    assert_eq!(
        nearest_year(&[2010, 2012], 2011),
        Some(2010),
        "ties go earlier"
    );
    assert_eq!(nearest_year(&[], 2011), None);
}

#[test]
fn the_page_changing_year_or_selected_wins_over_the_reader() {
    let b = bundle();
    let mut r = Reader::default();
    configure(&mut r, &b, &[("year", "2016")]);
    r.apply(Input::SetYear(2020));
    configure(&mut r, &b, &[("year", "2016"), ("palette", "blues")]);
    assert_eq!(
        r.year, 2020,
        "year attribute unchanged: the reader's year stays"
    );
    configure(&mut r, &b, &[("year", "2014"), ("palette", "blues")]);
    assert_eq!(r.year, 2014, "year attribute changed: the page's year");
    r.apply(Input::Select(vec![id(&b, "E12000002")]));
    let fx = configure(&mut r, &b, &[("year", "2014"), ("selected", "E12000003")]);
    assert_eq!(r.selection.areas(), &[id(&b, "E12000003")]);
    assert!(fx.emit.contains(&Emit::SelectionChanged));
}

#[test]
fn switching_level_drops_selected_areas_of_the_other_level_but_not_highlights() {
    let b = bundle();
    let mut r = Reader::default();
    configure(&mut r, &b, &[("highlight", "E06000047")]);
    let (ne, durham) = (id(&b, "E12000001"), id(&b, "E06000047"));
    r.apply(Input::Select(vec![ne, durham]));
    configure(&mut r, &b, &[("highlight", "E06000047"), ("level", "la")]);
    assert_eq!(r.selection.areas(), &[durham]);
}

#[test]
fn year_changes_emit_once_and_reject_years_without_data() {
    let b = bundle();
    let mut r = Reader::default();
    configure(&mut r, &b, &[("measure", "cla_rate")]);
    let fx = r.apply(Input::SetYear(2011));
    assert!(!fx.used, "2011 has no rate");
    assert_eq!(fx.dirty, Dirty::default());
    let fx = r.apply(Input::SetYear(2016));
    assert!(fx.used);
    assert_eq!(fx.emit, vec![Emit::YearChanged(2016)]);
    assert!(fx.dirty.map && fx.dirty.text && !fx.dirty.layout);
    assert_eq!(fx.tip, Tip::Hide);
    let fx = r.apply(Input::SetYear(2016));
    assert!(
        fx.used && fx.emit.is_empty(),
        "the same year again changes nothing"
    );
}

#[test]
fn play_steps_to_the_last_year_then_stops_and_rewinds_from_there() {
    let b = bundle();
    let mut r = Reader::default();
    configure(&mut r, &b, &[("measure", "cin_rate"), ("year", "2023")]);
    assert!(r.apply(Input::Playing(true)).dirty.controls);
    assert!(r.playing);
    assert_eq!(r.apply(Input::StepYear).emit, vec![Emit::YearChanged(2024)]);
    r.apply(Input::StepYear);
    assert_eq!(r.year, 2025);
    assert!(!r.apply(Input::StepYear).used, "no year after the last");
    r.apply(Input::Rewind);
    assert_eq!(r.year, 2013);
    let fx = configure(&mut r, &b, &[("measure", "cin_rate"), ("year", "2023")]);
    assert!(!r.playing, "new options stop play");
    assert!(fx.dirty.controls);
}

#[test]
fn hover_repaints_the_overlay_at_once_and_the_trend_once_the_pointer_rests() {
    let b = bundle();
    let mut r = Reader::default();
    configure(&mut r, &b, &[]);
    let ne = id(&b, "E12000001");
    let fx = r.apply(Input::MapPointer {
        hit: Some(ne),
        x: 10.0,
        y: 20.0,
    });
    assert!(fx.dirty.overlay && fx.dirty.trend_soon && !fx.dirty.trend);
    assert_eq!(
        fx.tip,
        Tip::At {
            area: ne,
            x: 10.0,
            y: 20.0
        }
    );
    let fx = r.apply(Input::MapPointer {
        hit: Some(ne),
        x: 11.0,
        y: 20.0,
    });
    assert!(!fx.dirty.any(), "the same area: nothing to redraw");
    let fx = r.apply(Input::PointerLeave);
    assert_eq!(r.hovered, None);
    assert!(fx.trend_clear && fx.tip == Tip::Hide);
}

#[test]
fn clicking_toggles_and_tells_the_page_and_a_click_on_nothing_hides_the_tip() {
    let b = bundle();
    let mut r = Reader::default();
    configure(&mut r, &b, &[]);
    let ne = id(&b, "E12000001");
    let fx = r.apply(Input::MapClick {
        hit: Some(ne),
        x: 1.0,
        y: 2.0,
    });
    assert_eq!(fx.emit, vec![Emit::SelectionChanged]);
    assert_eq!(
        fx.tip,
        Tip::At {
            area: ne,
            x: 1.0,
            y: 2.0
        },
        "a tap shows the tooltip"
    );
    assert!(r.selection.contains(ne));
    let fx = r.apply(Input::MapClick {
        hit: Some(ne),
        x: 1.0,
        y: 2.0,
    });
    assert!(!r.selection.contains(ne));
    assert_eq!(fx.tip, Tip::Hide, "a tap that deselects dismisses it");
    let fx = r.apply(Input::MapClick {
        hit: None,
        x: 1.0,
        y: 2.0,
    });
    assert_eq!(fx.tip, Tip::Hide);
    assert!(fx.emit.is_empty());
}

#[test]
fn keyboard_moves_are_reversible_and_type_ahead_finds_names() {
    let b = bundle();
    let mut r = Reader::default();
    configure(&mut r, &b, &[("level", "la"), ("focus", "E12000001")]);
    let opts = r.opts.clone().unwrap();
    let layer = MapLayer::new(&b, Level::Authority, 2024, opts.focus);
    let fit = Fit::new(layer.frame, 600.0, 600.0, 8.0);
    let name = |a: AreaId| b.area(a).name.clone();
    let ctx = || MapCtx {
        layer: &layer,
        fit: &fit,
        inset: None,
        name: &name,
    };
    let fx = r.apply(Input::MapFocus {
        on: true,
        map: ctx(),
    });
    let first = r.focused.unwrap();
    assert_eq!(fx.say, Some(Say::Area(first)));
    assert_eq!(fx.tip, Tip::Anchor(first));
    r.apply(Input::MapKey {
        key: "ArrowRight",
        modified: false,
        now: 0.0,
        map: ctx(),
    });
    let moved = r.focused.unwrap();
    r.apply(Input::MapKey {
        key: "ArrowLeft",
        modified: false,
        now: 10.0,
        map: ctx(),
    });
    if moved != first {
        assert_eq!(
            r.focused,
            Some(first),
            "the opposite arrow retraces the move"
        );
    }
    for (k, now) in [
        ("n", 100.0),
        ("o", 200.0),
        ("r", 300.0),
        ("t", 400.0),
        ("h", 500.0),
    ] {
        r.apply(Input::MapKey {
            key: k,
            modified: false,
            now,
            map: ctx(),
        });
    }
    assert_eq!(b.area(r.focused.unwrap()).name, "North Tyneside");
    // Typed after a pause, a letter starts a new word.
    r.apply(Input::MapKey {
        key: "g",
        modified: false,
        now: 2000.0,
        map: ctx(),
    });
    assert_eq!(b.area(r.focused.unwrap()).name, "Gateshead");
    let fx = r.apply(Input::MapKey {
        key: "Enter",
        modified: false,
        now: 2100.0,
        map: ctx(),
    });
    assert!(r.selection.contains(r.focused.unwrap()));
    assert_eq!(fx.emit, vec![Emit::SelectionChanged]);
    let fx = r.apply(Input::MapKey {
        key: "F5",
        modified: false,
        now: 2200.0,
        map: ctx(),
    });
    assert!(
        !fx.used,
        "keys the map does not use are left to the browser"
    );
}

#[test]
fn the_trend_cursor_moves_within_its_years_and_lines() {
    let b = bundle();
    let mut r = Reader::default();
    configure(&mut r, &b, &[]);
    let (ne, eng) = (id(&b, "E12000001"), id(&b, "E92000001"));
    let t = || {
        Some(TrendCtx {
            first: 2010,
            last: 2025,
            lines: vec![ne, eng],
        })
    };
    let fx = r.apply(Input::TrendFocus {
        on: true,
        trend: t(),
    });
    assert_eq!(r.trend_cursor, Some((2025, 0)));
    assert_eq!(
        fx.say,
        Some(Say::TrendValue {
            area: ne,
            year: 2025
        })
    );
    r.apply(Input::TrendKey {
        key: "ArrowRight",
        trend: t(),
    });
    assert_eq!(r.trend_cursor, Some((2025, 0)), "no year after the last");
    for _ in 0..3 {
        r.apply(Input::TrendKey {
            key: "ArrowDown",
            trend: t(),
        });
    }
    assert_eq!(r.trend_cursor, Some((2025, 1)), "no line below the last");
    r.apply(Input::TrendKey {
        key: "Home",
        trend: t(),
    });
    assert_eq!(r.trend_cursor, Some((2010, 1)));
    assert_eq!(r.hovered, Some(eng));
    assert!(
        !r.apply(Input::TrendKey {
            key: "x",
            trend: t()
        })
        .used
    );
}

#[test]
fn sorting_by_the_same_column_reverses_and_a_new_column_starts_sensibly() {
    let b = bundle();
    let mut r = Reader::default();
    configure(&mut r, &b, &[("view", "table")]);
    r.apply(Input::SortBy(Column::Value));
    let first = r.sort;
    r.apply(Input::SortBy(Column::Value));
    assert_eq!(r.sort.descending, !first.descending);
    assert!(r.apply(Input::SortBy(Column::Area)).dirty.table);
}

#[test]
fn unusable_options_stop_everything_until_usable_ones_come() {
    let b = bundle();
    let mut r = Reader::default();
    configure(&mut r, &b, &[]);
    r.apply(Input::Playing(true));
    r.apply(Input::Unusable);
    assert!(r.opts.is_none() && !r.playing);
    assert_eq!(r.apply(Input::SetYear(2016)), Effects::default());
    configure(&mut r, &b, &[]);
    assert!(r.apply(Input::SetYear(2016)).used);
}

/// Any sequence of inputs, however odd, leaves a state the widget can draw:
/// the year has data, the selection is within its limit, nothing panics.
#[test]
fn random_input_sequences_keep_the_state_drawable() {
    let b = bundle();
    let codes: Vec<AreaId> = b.area_ids().collect();
    let layer = MapLayer::new(&b, Level::Region, 2024, None);
    let fit = Fit::new(layer.frame, 400.0, 500.0, 8.0);
    let name = |a: AreaId| b.area(a).name.clone();
    let keys = [
        "ArrowUp",
        "ArrowDown",
        "ArrowLeft",
        "ArrowRight",
        "Home",
        "End",
        "Enter",
        " ",
        "Escape",
        "a",
        "n",
        "Tab",
    ];
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n as u64) as usize
    };
    let measures = [
        "cla_rate",
        "cin_rate",
        "cpp_rate",
        "ofsted_overall",
        "referrals_rate",
    ];
    let mut r = Reader::default();
    for step in 0..20_000 {
        let area = codes[next(codes.len())];
        let input = match next(16) {
            0 => {
                let m = measures[next(measures.len())];
                configure(&mut r, &b, &[("measure", m)]);
                continue;
            }
            1 => Input::SetYear(2000 + next(40) as u16),
            2 => Input::YearIndex(next(30)),
            3 => Input::StepYear,
            4 => Input::Rewind,
            5 => Input::Playing(next(2) == 0),
            6 => Input::MapPointer {
                hit: Some(area),
                x: 1.0,
                y: 1.0,
            },
            7 => Input::Toggle(area),
            8 => Input::Select((0..next(12)).map(|_| codes[next(codes.len())]).collect()),
            9 => Input::IndexMode {
                on: next(2) == 0,
                default_base: 2013,
            },
            10 => Input::MapFocus {
                on: next(2) == 0,
                map: MapCtx {
                    layer: &layer,
                    fit: &fit,
                    inset: None,
                    name: &name,
                },
            },
            11 | 12 => Input::MapKey {
                key: keys[next(keys.len())],
                modified: next(5) == 0,
                now: step as f64 * 100.0,
                map: MapCtx {
                    layer: &layer,
                    fit: &fit,
                    inset: None,
                    name: &name,
                },
            },
            13 => Input::TrendKey {
                key: keys[next(keys.len())],
                trend: Some(TrendCtx {
                    first: 2013,
                    last: 2025,
                    lines: vec![area],
                }),
            },
            14 => Input::PointerLeave,
            _ => Input::Unusable,
        };
        r.apply(input);
        if r.opts.is_some() {
            assert!(
                r.years.contains(&r.year),
                "step {step}: year {} has no data",
                r.year
            );
        }
        assert!(r.selection.areas().len() <= care_atlas::view::selection::MAX_SELECTED);
    }
}
