//! The pure view layer against the real bundle: options and their error
//! messages, hit-testing, classes and the words the widget shows.
#![cfg(not(target_arch = "wasm32"))]

use care_atlas::data::{Bundle, Level};
use care_atlas::scale::palette::YELLOW_GREEN_BLUE;
use care_atlas::view::map::{Choropleth, Fill, Fit, MapLayer};
use care_atlas::view::options::{ClassMethod, Options};
use care_atlas::view::{text, trend};
use std::collections::HashMap;

fn bundle() -> Bundle {
    care_atlas::data::complete().unwrap()
}

fn parse(
    b: &Bundle,
    attrs: &[(&str, &str)],
) -> Result<Options, care_atlas::view::options::OptionError> {
    let m: HashMap<String, String> = attrs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    Options::parse(b, |k| m.get(k).cloned())
}

#[test]
fn defaults_are_children_looked_after_in_the_latest_year_by_region() {
    let b = bundle();
    let o = parse(&b, &[]).unwrap();
    assert_eq!(b.measure(o.measure).id, "cla_rate");
    assert_eq!(o.year, 2025);
    assert_eq!(o.level, Level::Region);
}

#[test]
fn an_unknown_measure_is_named_with_a_suggestion_and_the_valid_list() {
    let b = bundle();
    let e = parse(&b, &[("measure", "cla_rat")]).unwrap_err();
    assert_eq!(e.attribute, "measure");
    assert!(e.message.contains("\"cla_rat\""), "{}", e.message);
    assert!(
        e.message.contains("Did you mean \"cla_rate\"?"),
        "{}",
        e.message
    );
    for id in ["cla_rate", "cin_rate", "cpp_rate", "referrals_rate"] {
        assert!(e.message.contains(id), "{}", e.message);
    }
}

#[test]
fn a_year_without_data_lists_the_years_with_data() {
    let b = bundle();
    let e = parse(&b, &[("measure", "cla_rate"), ("year", "2011")]).unwrap_err();
    assert!(e.message.contains("2010, 2013–2025"), "{}", e.message);
    let e = parse(&b, &[("year", "twenty")]).unwrap_err();
    assert_eq!(e.attribute, "year");
    assert!(e.message.contains("\"twenty\""));
}

#[test]
fn unknown_highlight_codes_suggest_the_nearest_real_one() {
    let b = bundle();
    let e = parse(&b, &[("highlight", "E12000011")]).unwrap_err();
    assert!(
        e.message
            .contains("Did you mean \"E12000001\" (North East)?"),
        "{}",
        e.message
    );
    let o = parse(&b, &[("highlight", "E12000001, e12000007")]).unwrap();
    assert_eq!(o.highlight.len(), 2);
}

#[test]
fn every_region_is_hit_at_its_anchor_and_nothing_at_sea() {
    let b = bundle();
    let layer = MapLayer::new(&b, Level::Region, 2025, None);
    assert_eq!(layer.areas.len(), 9);
    let fit = Fit::new(layer.frame, 600.0, 700.0, 8.0);
    for a in &layer.areas {
        let screen = fit.to_screen(a.anchor);
        assert_eq!(
            layer.hit(fit.to_world(screen)),
            Some(a.id),
            "{}",
            b.area(a.id).name
        );
    }
    // The top-left corner of the frame is the Irish Sea.
    assert_eq!(layer.hit(fit.to_world([2.0, 2.0])), None);
}

#[test]
fn north_east_is_in_the_top_class_in_2025() {
    let b = bundle();
    let m = b.measure_id("cla_rate").unwrap();
    let layer = MapLayer::new(&b, Level::Region, 2025, None);
    let c = Choropleth::new(&b, &layer, m, YELLOW_GREEN_BLUE, &ClassMethod::Equal);
    let classes = c.classes.as_ref().unwrap();
    let ne = layer
        .areas
        .iter()
        .position(|a| b.area(a.id).code == "E12000001")
        .unwrap();
    assert_eq!(c.fills[ne], Fill::Class(classes.len() - 1));
    assert_eq!(c.colours.len(), classes.len());
}

#[test]
fn the_tooltip_reads_name_value_unit_year_and_basis() {
    let b = bundle();
    let m = b.measure_id("cla_rate").unwrap();
    let ne = b.area_id("E12000001").unwrap();
    let t = text::tooltip(&b, m, ne, 2025);
    assert_eq!(t.name, "North East");
    assert_eq!(t.value, "111 per 10,000 children");
    assert!(
        t.detail.contains("31 March 2025") && t.detail.contains("Official"),
        "{}",
        t.detail
    );
    let t = text::tooltip(&b, m, ne, 2010);
    assert!(t.detail.contains("Derived"), "{}", t.detail);
}

#[test]
fn the_map_summary_names_the_highest_and_lowest_regions() {
    let b = bundle();
    let m = b.measure_id("cla_rate").unwrap();
    let ids: Vec<_> = b.areas_at(Level::Region).collect();
    let s = text::map_summary(&b, m, 2025, Level::Region, &ids, None, &[]);
    assert!(s.contains("Highest: North East (111)"), "{s}");
    assert!(s.contains("England: 67."), "{s}");
}

#[test]
fn the_trend_of_a_region_keeps_the_2011_2012_gap() {
    let b = bundle();
    let m = b.measure_id("cla_rate").unwrap();
    let ne = b.area_id("E12000001").unwrap();
    let spec = trend::spec_for(
        &b,
        m,
        &trend::Selection {
            focus: &[ne],
            context: &[],
        },
    );
    let scene = spec.layout(640.0, 260.0);
    let line = scene.lines.iter().find(|l| l.area == ne).unwrap();
    assert_eq!(line.dots.len(), 1, "2010 alone");
    assert_eq!(line.segments.len(), 1, "2013–2025 joined");
    assert_eq!(line.segments[0].len(), 13);
    let s = text::trend_summary(&b, m, &spec);
    assert!(s.contains("North East: 69.5 in 2010, 111 in 2025."), "{s}");
}

#[test]
fn arrow_keys_between_regions_go_where_a_reader_expects() {
    use care_atlas::view::nav::{step, Dir};
    let b = bundle();
    let layer = MapLayer::new(&b, Level::Region, 2025, None);
    let fit = Fit::new(layer.frame, 500.0, 600.0, 8.0);
    let at = |code: &str| {
        layer
            .areas
            .iter()
            .position(|a| b.area(a.id).code == code)
            .unwrap()
    };
    let go = |from: &str, d: Dir| {
        step(&layer, &fit, None, at(from), d).map(|i| b.area(layer.areas[i].id).name.as_str())
    };
    assert_eq!(go("E12000001", Dir::Down), Some("Yorkshire and The Humber"));
    assert_eq!(go("E12000001", Dir::Left), Some("North West"));
    assert_eq!(go("E12000003", Dir::Up), Some("North East"));
    assert_eq!(go("E12000007", Dir::Up), Some("East of England"));
    assert_eq!(go("E12000009", Dir::Right), Some("South East"));
}

/// Issue 10: equal-interval classes gave one-colour maps (130 of 152
/// authorities in one class). With the default (quantiles of every year's
/// figures) no class holds more than half the areas of an England-wide map,
/// for every measure and year. A focused region is stricter to satisfy: its
/// 9 to 33 authorities can move together over the 13–16 years the breaks are
/// fixed across (the North East's looked-after rates in 2010, before their
/// rise: 7 of 12 in the lowest class), so there no class may hold more than
/// 60 %.
#[test]
fn the_default_classes_never_put_most_areas_in_one_class() {
    let b = bundle();
    let default = parse(&b, &[]).unwrap().classes;
    assert_eq!(default, ClassMethod::Quantile);
    let regions: Vec<_> = b.areas_at(Level::Region).collect();
    // The measures of issue 10. The wider measures of issue 12 do not yet
    // meet this: whole-number percentages tie (every region's care leavers
    // in suitable accommodation is 88–90 %) and strong trends put a whole
    // early year in one class when breaks are fixed across years (repeat
    // plans, regions 2013). Their classes are an open question for the
    // classes' owner, not hidden here: the list is explicit.
    const ISSUE_10: [&str; 7] = [
        "cla_rate",
        "cla_count",
        "cin_rate",
        "cpp_rate",
        "referrals_rate",
        "child_poverty_bhc",
        "child_poverty_bhc_2015_2024",
    ];
    for m in b.measure_ids() {
        if b.measure(m).kind == care_atlas::data::Kind::Category
            || !ISSUE_10.contains(&b.measure(m).id.as_str())
        {
            continue;
        }
        let mut views = vec![(Level::Region, None), (Level::Authority, None)];
        views.extend(regions.iter().map(|&r| (Level::Authority, Some(r))));
        for (level, focus) in views {
            for y in b.years_of(m) {
                let mut layer = MapLayer::new(&b, level, b.map_year(m, y), focus);
                layer.year = y;
                let c = Choropleth::new(&b, &layer, m, YELLOW_GREEN_BLUE, &default);
                let legend = c.legend(&b, m);
                let valued: usize = legend
                    .iter()
                    .filter(|e| e.no_data.is_none())
                    .map(|e| e.count)
                    .sum();
                let most = legend
                    .iter()
                    .filter(|e| e.no_data.is_none())
                    .map(|e| e.count)
                    .max()
                    .unwrap_or(0);
                if valued < 4 {
                    continue;
                }
                let limit = if focus.is_some() { 0.6 } else { 0.5 };
                assert!(
                    most as f64 <= limit * valued as f64,
                    "{} {level:?} {:?} {y}: {most} of {valued} in one class",
                    b.measure(m).id,
                    focus.map(|f| &b.area(f).name)
                );
            }
        }
    }
}

#[test]
fn a_london_borough_is_compared_with_inner_or_outer_london_as_well_as_london() {
    let b = bundle();
    let m = b.measure_id("cla_rate").unwrap();
    let area = |c: &str| b.area_id(c).unwrap();
    let lines = |focus: &[care_atlas::data::AreaId], m| {
        trend::spec_for(
            &b,
            m,
            &trend::Selection {
                focus,
                context: &[],
            },
        )
        .lines
        .iter()
        .filter(|l| l.role == trend::Role::Region)
        .map(|l| b.area(l.area).code.clone())
        .collect::<Vec<_>>()
    };
    // Hackney (Inner London), Barnet (Outer London), Gateshead (no subregion).
    assert_eq!(lines(&[area("E09000012")], m), ["E12000007", "E13000001"]);
    assert_eq!(lines(&[area("E09000003")], m), ["E12000007", "E13000002"]);
    assert_eq!(lines(&[area("E08000037")], m), ["E12000001"]);
    // A measure DfE does not publish for the subregions draws no empty line.
    let ofsted = b.measure_id("ofsted_overall").unwrap();
    assert_eq!(lines(&[area("E09000012")], ofsted), ["E12000007"]);
    // The subregion's own figure is DfE's (Inner London, 2025).
    let inner = area("E13000001");
    assert_eq!(b.cell(m, inner, 2025).value(), Some(59.0));
    // The table of regions shows both beside London; of the North East's authorities, neither.
    let regions: Vec<_> = b.areas_at(Level::Region).collect();
    let rows = care_atlas::view::table::subregions(&b, m, 2025, &regions);
    assert_eq!(
        rows.iter().map(|r| r.name.as_str()).collect::<Vec<_>>(),
        ["Inner London", "Outer London"]
    );
    assert_eq!(rows[0].region, "London");
    let ne = area("E12000001");
    let ne_las: Vec<_> = b
        .areas_at(Level::Authority)
        .filter(|&a| b.area(a).region == Some(ne))
        .collect();
    assert!(care_atlas::view::table::subregions(&b, m, 2025, &ne_las).is_empty());
}

#[test]
fn the_measure_picker_groups_every_measure_by_family_under_a_readable_name() {
    let b = bundle();
    assert!(!parse(&b, &[]).unwrap().picker, "off by default");
    assert!(parse(&b, &[("picker", "measures")]).unwrap().picker);
    let e = parse(&b, &[("picker", "measure")]).unwrap_err();
    assert!(
        e.message.contains("Did you mean \"measures\"")
            && e.message.contains("Valid values: measures"),
        "{}",
        e.message
    );
    let groups = care_atlas::view::measures::groups(&b);
    let names: Vec<&str> = groups.iter().map(|g| g.0).collect();
    assert_eq!(
        names,
        [
            "Demand",
            "Child poverty",
            "Ofsted inspections",
            "Factors at assessment",
            "Social work workforce",
            "Spending",
            "Placements",
            "Care leavers"
        ]
    );
    let listed: usize = groups.iter().map(|g| g.1.len()).sum();
    assert_eq!(listed, b.measures.len(), "every measure once");
    for (name, ids) in &groups {
        for &m in ids {
            assert_eq!(
                care_atlas::view::measures::family_label(&b.measure(m).family),
                *name
            );
        }
    }
    // Demand-over-the-year measures and the UASC share are in demand.
    let demand = &groups[0].1;
    for id in ["cla_starts_rate", "cpp_repeat_pct", "uasc_share"] {
        assert!(demand.contains(&b.measure_id(id).unwrap()), "{id}");
    }
}

#[test]
fn only_bars_scatter_and_neighbours_need_the_full_engine() {
    let b = bundle();
    let needs = |attrs: &[(&str, &str)]| parse(&b, attrs).unwrap().full_engine_for();
    // What the core engine draws: the default, every other view, tabs of them.
    assert_eq!(needs(&[]), None);
    for v in ["map", "trend", "table", "map+trend"] {
        assert_eq!(needs(&[("view", v)]), None, "view={v}");
    }
    assert_eq!(needs(&[("tabs", "map,trend,table")]), None);
    assert_eq!(needs(&[("level", "la"), ("compare", "region")]), None);
    // What it leaves to the full engine, as the view, a tab or a comparison.
    assert_eq!(needs(&[("view", "bars")]), Some("the ranked bars"));
    assert_eq!(needs(&[("tabs", "map,bars")]), Some("the ranked bars"));
    assert_eq!(needs(&[("view", "scatter")]), Some("the scatter plot"));
    assert_eq!(
        needs(&[("tabs", "trend,scatter")]),
        Some("the scatter plot")
    );
    assert_eq!(
        needs(&[("level", "la"), ("compare", "neighbours")]),
        Some("the statistical neighbours")
    );
}

/// The widget keeps every-year classes between year changes (issue 13): the
/// kept classes must be those a fresh computation gives, for every year,
/// however the measure, level, focus and method change in between.
#[test]
fn classes_kept_between_years_equal_classes_computed_afresh() {
    use care_atlas::view::map::ClassMemo;
    let b = bundle();
    let ne = b.area_id("E12000001").unwrap();
    let london = b.area_id("E12000007").unwrap();
    let views = [
        (Level::Region, None),
        (Level::Authority, None),
        (Level::Authority, Some(ne)),
        (Level::Authority, Some(london)),
    ];
    let measures: Vec<_> = ["cla_rate", "cin_rate", "child_poverty_bhc", "cla_count"]
        .iter()
        .map(|id| b.measure_id(id).unwrap())
        .collect();
    let methods = [
        ClassMethod::Quantile,
        ClassMethod::Equal,
        ClassMethod::QuantileYearly,
        ClassMethod::England,
    ];
    let same = |memo: &mut ClassMemo, m, level, focus, y, method: &ClassMethod| {
        let mut layer = MapLayer::new(&b, level, b.map_year(m, y), focus);
        layer.year = y;
        let kept = Choropleth::remembering(&b, &layer, m, YELLOW_GREEN_BLUE, method, memo);
        let fresh = Choropleth::new(&b, &layer, m, YELLOW_GREEN_BLUE, method);
        let what = format!("{} {level:?} {focus:?} {y} {method:?}", b.measure(m).id);
        assert_eq!(kept.classes, fresh.classes, "{what}");
        assert_eq!(kept.colours, fresh.colours, "{what}");
        assert_eq!(kept.fills, fresh.fills, "{what}");
    };
    // Years in turn for one view, as a reader moves the slider (the memo is used)…
    let mut memo = ClassMemo::default();
    let mut checked = 0;
    for &m in &measures {
        for &(level, focus) in &views {
            for method in &methods {
                for y in b.years_of(m) {
                    same(&mut memo, m, level, focus, y, method);
                    checked += 1;
                }
            }
        }
    }
    // …the view changing under one memo at every step…
    let mut memo = ClassMemo::default();
    for method in &methods {
        for &m in &measures {
            for y in b.years_of(m) {
                for &(level, focus) in &views {
                    same(&mut memo, m, level, focus, y, method);
                }
            }
        }
    }
    // …and the measure.
    for method in &methods {
        for y in 2015..=2025 {
            for &(level, focus) in &views {
                for &m in &measures {
                    if b.years_of(m).contains(&y) {
                        same(&mut memo, m, level, focus, y, method);
                    }
                }
            }
        }
    }
    assert!(checked > 300, "{checked}");
}
