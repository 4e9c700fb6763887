//! Ranked bars and the scatter (issue 11): ranks, gaps and layout of the
//! bars; Pearson's r and the least-squares line recomputed independently;
//! the scatter's measures and years; tabs in the reader's state — against
//! the real bundle, with no browser.
#![cfg(not(target_arch = "wasm32"))]

use care_atlas::data::{AreaId, Bundle, Level};
use care_atlas::view::bars::{self, RefKind};
use care_atlas::view::options::{Options, ViewKind};
use care_atlas::view::scatter;
use care_atlas::view::state::{Emit, Input, Reader, Say, Tip};
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

fn id(b: &Bundle, code: &str) -> AreaId {
    b.area_id(code).unwrap()
}

fn authorities(b: &Bundle, year: u16) -> Vec<AreaId> {
    b.areas_at(Level::Authority)
        .filter(|&a| b.area(a).live_in(year))
        .collect()
}

/// r and the line from raw sums (n Σxy − Σx Σy over the root of the
/// product of n Σx² − (Σx)² and n Σy² − (Σy)²): a different route from the
/// deviations about the means that `scatter::fit` takes.
fn by_raw_sums(points: &[(f64, f64)]) -> (f64, f64, f64) {
    let n = points.len() as f64;
    let (mut sx, mut sy, mut sxx, mut syy, mut sxy) = (0.0, 0.0, 0.0, 0.0, 0.0);
    for &(x, y) in points {
        sx += x;
        sy += y;
        sxx += x * x;
        syy += y * y;
        sxy += x * y;
    }
    let num = n * sxy - sx * sy;
    let r = num / ((n * sxx - sx * sx) * (n * syy - sy * sy)).sqrt();
    let slope = num / (n * sxx - sx * sx);
    (r, slope, (sy - slope * sx) / n)
}

#[test]
fn r_and_the_line_agree_with_an_independent_calculation_on_the_bundle() {
    let b = bundle();
    let (x, y) = (
        b.measure_id("child_poverty_bhc").unwrap(),
        b.measure_id("cla_rate").unwrap(),
    );
    for year in [2022, 2023, 2024, 2025] {
        let areas = authorities(&b, year);
        let s = scatter::scatter(&b, (x, y), year, &areas, &[], &[]);
        let pts: Vec<(f64, f64)> = s.points.iter().map(|p| (p.x, p.y)).collect();
        let f = s.fit.unwrap();
        let (r, slope, intercept) = by_raw_sums(&pts);
        assert_eq!(f.n, pts.len());
        assert!((f.r - r).abs() < 1e-9, "{year}: r {} vs {r}", f.r);
        assert!(
            (f.slope - slope).abs() < 1e-9,
            "{year}: slope {} vs {slope}",
            f.slope
        );
        assert!((f.intercept - intercept).abs() < 1e-6, "{year}");
        // Poverty and care go together across authorities: r is positive and clear.
        assert!(f.r > 0.3, "{year}: r = {}", f.r);
    }
}

#[test]
fn r_is_exact_on_lines_and_undefined_without_variation() {
    let line: Vec<(f64, f64)> = (0..10).map(|i| (i as f64, 2.0 * i as f64 + 1.0)).collect();
    let f = scatter::fit(&line).unwrap();
    assert!((f.r - 1.0).abs() < 1e-12 && (f.slope - 2.0).abs() < 1e-12);
    assert!((f.intercept - 1.0).abs() < 1e-12);
    let down: Vec<(f64, f64)> = (0..10).map(|i| (i as f64, 5.0 - 0.5 * i as f64)).collect();
    assert!((scatter::fit(&down).unwrap().r + 1.0).abs() < 1e-12);
    // Large values far from zero: the raw-sums route loses digits, the means route does not.
    let far: Vec<(f64, f64)> = [(1e8 + 1.0, 3.0), (1e8 + 2.0, 5.0), (1e8 + 3.0, 4.0)].to_vec();
    assert!((scatter::fit(&far).unwrap().r - 0.5).abs() < 1e-9);
    assert_eq!(scatter::fit(&[(1.0, 2.0), (2.0, 2.0), (3.0, 2.0)]), None);
    assert_eq!(scatter::fit(&[(1.0, 2.0), (2.0, 3.0)]), None);
    assert_eq!(scatter::strength(0.05), "no clear");
    assert_eq!(scatter::strength(-0.62), "a strong");
}

#[test]
fn the_scatter_lists_every_area_missing_a_figure_and_says_it_is_no_cause() {
    let b = bundle();
    let (x, y) = (
        b.measure_id("child_poverty_bhc").unwrap(),
        b.measure_id("cla_rate").unwrap(),
    );
    let areas = authorities(&b, 2025);
    let ne: Vec<AreaId> = areas
        .iter()
        .copied()
        .filter(|&a| b.area(a).region == Some(id(&b, "E12000001")))
        .collect();
    let durham = id(&b, "E06000047");
    let s = scatter::scatter(&b, (x, y), 2025, &areas, &[(durham, 0)], &ne);
    assert_eq!(s.points.len() + s.gaps.len(), areas.len());
    for g in &s.gaps {
        let (cx, cy) = (b.cell(x, g.area, 2025), b.cell(y, g.area, 2025));
        assert!(cx.value().is_none() || cy.value().is_none());
        assert_eq!(g.x.is_some(), cx.value().is_none());
        assert_eq!(g.y.is_some(), cy.value().is_none());
    }
    let names: Vec<&str> = s
        .gaps
        .iter()
        .map(|g| b.area(g.area).name.as_str())
        .collect();
    assert!(names.contains(&"Isles of Scilly"), "{names:?}");
    assert_eq!(s.points.iter().filter(|p| p.grouped).count(), 12);
    assert_eq!(
        s.points.iter().find(|p| p.area == durham).unwrap().slot,
        Some(0)
    );
    // Keyboard order is by x.
    assert!(s.points.windows(2).all(|w| w[0].x <= w[1].x));
    let words = scatter::describe(&b, &s);
    assert!(words.contains("not a cause"), "{words}");
    assert!(
        words.contains(&format!("(n = {})", s.points.len())),
        "{words}"
    );
    assert!(words.contains("Isles of Scilly"), "{words}");
    let r = care_atlas::scale::format::number(s.fit.unwrap().r, 2);
    assert!(words.contains(&format!("Pearson's r = {r}")), "{words}");
    // The line is drawn inside the plot.
    let l = scatter::layout(&s, 600.0, 450.0);
    let [p, q] = l.line.unwrap();
    for pt in [p, q] {
        assert!(pt[0] >= l.plot.x - 1e-6 && pt[0] <= l.plot.right() + 1e-6);
        assert!(pt[1] >= l.plot.y - 1e-6 && pt[1] <= l.plot.bottom() + 1e-6);
    }
    // Every point can be pointed at.
    for (i, d) in l.dots.iter().enumerate() {
        let hit = l.nearest(d[0], d[1], 1.0).unwrap();
        assert_eq!(l.dots[hit], l.dots[i]);
    }
}

#[test]
fn bars_are_ranked_highest_first_with_shared_ranks_and_gaps_listed() {
    let b = bundle();
    let m = b.measure_id("cla_rate").unwrap();
    for year in [2016, 2025] {
        let areas = authorities(&b, year);
        let spec = bars::bars(&b, m, year, &areas, &[], None);
        assert_eq!(spec.bars.len() + spec.gaps.len(), areas.len());
        assert!(spec.bars.windows(2).all(|w| w[0].value >= w[1].value));
        for bar in &spec.bars {
            let above = spec.bars.iter().filter(|x| x.value > bar.value).count();
            assert_eq!(bar.rank, above + 1, "{}", b.area(bar.area).name);
        }
        // Rates are published as whole numbers: some authorities tie.
        assert!(
            spec.bars.windows(2).any(|w| w[0].rank == w[1].rank),
            "{year}"
        );
        for (a, _) in &spec.gaps {
            assert!(b.cell(m, *a, year).value().is_none());
        }
        assert_eq!(spec.references[0].kind, RefKind::England);
    }
    let spec = bars::bars(&b, m, 2025, &authorities(&b, 2025), &[], None);
    let names: Vec<&str> = spec
        .gaps
        .iter()
        .map(|g| b.area(g.0).name.as_str())
        .collect();
    assert!(names.contains(&"Isles of Scilly"), "{names:?}");
}

#[test]
fn bars_of_a_region_are_labelled_with_england_and_the_region_as_reference_lines() {
    let b = bundle();
    let m = b.measure_id("cla_rate").unwrap();
    let ne = id(&b, "E12000001");
    let areas: Vec<AreaId> = authorities(&b, 2025)
        .into_iter()
        .filter(|&a| b.area(a).region == Some(ne))
        .collect();
    let durham = id(&b, "E06000047");
    let spec = bars::bars(&b, m, 2025, &areas, &[(durham, 2)], Some(ne));
    assert_eq!(spec.bars.len(), 12);
    let refs: Vec<(RefKind, f64)> = spec.references.iter().map(|r| (r.kind, r.value)).collect();
    let england = b.cell(m, b.country().unwrap(), 2025).value().unwrap();
    let region = b.cell(m, ne, 2025).value().unwrap();
    assert_eq!(
        refs,
        vec![(RefKind::England, england), (RefKind::Region, region)]
    );
    let l = bars::layout(&spec, 640.0);
    assert!(l.labelled && l.rows.iter().all(|r| r.named));
    // Lengths are proportional to the values, from the axis's zero.
    let unit = (l.rows[0].x - l.zero) / spec.bars[0].value;
    for (bar, row) in spec.bars.iter().zip(&l.rows) {
        assert!(((row.x - l.zero) - unit * bar.value).abs() < 1e-6);
        // Every bar can be pointed at, on its own row.
        let i = l.bar_at(row.x - 1.0, row.y + row.h / 2.0).unwrap();
        assert_eq!(spec.bars[i].area, bar.area);
    }
    let at = |v: f64| l.zero + unit * v;
    assert!((l.refs[0].x - at(england)).abs() < 1e-6);
    assert!((l.refs[1].x - at(region)).abs() < 1e-6);
    assert!(l.refs[0].text.starts_with("England "));
    assert_eq!(
        spec.bars.iter().find(|x| x.area == durham).unwrap().slot,
        Some(2)
    );
    // All of England: thin rows, named only when emphasised.
    let all = bars::bars(&b, m, 2025, &authorities(&b, 2025), &[(durham, 0)], None);
    let l = bars::layout(&all, 320.0);
    assert!(!l.labelled);
    assert_eq!(l.rows.iter().filter(|r| r.named).count(), 1);
    assert!(l.height <= bars::THIN_HEIGHT + 120.0, "{}", l.height);
}

#[test]
fn the_scatter_refuses_mixed_vintages_judgements_and_unknown_measures_by_name() {
    let b = bundle();
    let e = parse(
        &b,
        &[
            ("view", "scatter"),
            ("x", "child_poverty_bhc"),
            ("y", "child_poverty_bhc_2015_2024"),
        ],
    )
    .unwrap_err();
    assert_eq!(e.attribute, "y");
    assert!(
        e.message.contains("two vintages of one series"),
        "{}",
        e.message
    );
    assert!(e.message.contains("child_poverty_bhc (x)"), "{}", e.message);
    let e = parse(&b, &[("x", "povert")]).unwrap_err();
    assert_eq!(e.attribute, "x");
    assert!(
        e.message.starts_with("Unknown measure \"povert\" in x."),
        "{}",
        e.message
    );
    assert!(e
        .message
        .contains("child_poverty_bhc (Children in relative low income families)"));
    assert!(
        !e.message.contains("ofsted_overall"),
        "judgements are not offered: {}",
        e.message
    );
    let e = parse(&b, &[("y", "ofsted_overall")]).unwrap_err();
    assert!(
        e.message.contains("a judgement, not a number"),
        "{}",
        e.message
    );
    let e = parse(&b, &[("x", "cin_rate"), ("y", "cin_rate")]).unwrap_err();
    assert!(
        e.message.contains("two different measures"),
        "{}",
        e.message
    );
    // The earlier series ends in 2024: a scatter of it starts at its last year…
    let o = parse(
        &b,
        &[
            ("view", "scatter"),
            ("x", "child_poverty_bhc_2015_2024"),
            ("y", "cla_rate"),
        ],
    )
    .unwrap();
    assert_eq!(o.year, 2024);
    assert_eq!(
        o.years_for(&b, ViewKind::Scatter),
        (2015..=2024).collect::<Vec<_>>()
    );
    // … and a year it lacks is refused, naming the years both have.
    let e = parse(
        &b,
        &[
            ("view", "scatter"),
            ("year", "2025"),
            ("x", "child_poverty_bhc_2015_2024"),
        ],
    )
    .unwrap_err();
    assert!(
        e.message.contains("Years with both: 2015–2024"),
        "{}",
        e.message
    );
    // Defaults: DWP's current series against the measure.
    let o = parse(&b, &[("measure", "cpp_rate")]).unwrap();
    assert_eq!(
        (b.measure(o.x).id.as_str(), b.measure(o.y).id.as_str()),
        ("child_poverty_bhc", "cpp_rate")
    );
    let o = parse(&b, &[("measure", "child_poverty_bhc_2015_2024")]).unwrap();
    assert_eq!(
        b.measure(o.y).id,
        "cla_rate",
        "never the other vintage by default"
    );
}

#[test]
fn bad_tabs_are_named_with_the_views_allowed() {
    let b = bundle();
    let e = parse(&b, &[("tabs", "map,chart,table")]).unwrap_err();
    assert_eq!((e.attribute, e.value.as_str()), ("tabs", "chart"));
    assert!(
        e.message
            .contains("map+trend, map, trend, table, bars, scatter"),
        "{}",
        e.message
    );
    let e = parse(&b, &[("tabs", "map,table"), ("view", "scatter")]).unwrap_err();
    assert_eq!(e.attribute, "view");
    assert!(e.message.contains("not among the tabs"), "{}", e.message);
    let e = parse(&b, &[("measure", "ofsted_overall"), ("tabs", "map,bars")]).unwrap_err();
    assert_eq!(e.value, "bars");
    let o = parse(&b, &[("tabs", " bars , map,bars ")]).unwrap();
    assert_eq!(o.tabs, vec![ViewKind::Bars, ViewKind::Map]);
    assert_eq!(o.view, ViewKind::Bars, "the first tab opens");
}

fn configure(r: &mut Reader, b: &Bundle, attrs: &[(&str, &str)]) {
    let opts = parse(b, attrs).unwrap();
    r.apply(Input::Configure {
        opts,
        years: &|o, v| o.years_for(b, v),
        level_of: &|a| b.area(a).level,
    });
}

#[test]
fn tabs_keep_the_year_and_selection_and_move_the_year_only_when_a_view_lacks_it() {
    let b = bundle();
    let mut r = Reader::default();
    let attrs = [
        ("tabs", "map,bars,scatter"),
        ("level", "la"),
        ("x", "child_poverty_bhc_2015_2024"),
    ];
    configure(&mut r, &b, &attrs);
    assert_eq!((r.view, r.year), (ViewKind::Map, 2025));
    let durham = id(&b, "E06000047");
    r.apply(Input::Toggle(durham));
    let fx = r.apply(Input::Tab(ViewKind::Bars));
    assert!(fx.dirty.layout && fx.emit.is_empty());
    assert_eq!((r.view, r.year), (ViewKind::Bars, 2025));
    // The scatter's earlier poverty series ends in 2024.
    let fx = r.apply(Input::Tab(ViewKind::Scatter));
    assert_eq!((r.view, r.year), (ViewKind::Scatter, 2024));
    assert_eq!(fx.emit, vec![Emit::YearChanged(2024)]);
    assert_eq!(r.years.last(), Some(&2024));
    assert_eq!(r.selection.areas(), &[durham]);
    // Arrow keys wrap, Home and End go to the ends, and focus follows.
    let fx = r.apply(Input::TabKey("ArrowRight"));
    assert!(fx.focus_tab && fx.used);
    assert_eq!(r.view, ViewKind::Map);
    r.apply(Input::TabKey("ArrowLeft"));
    assert_eq!(r.view, ViewKind::Scatter);
    r.apply(Input::TabKey("Home"));
    assert_eq!(r.view, ViewKind::Map);
    r.apply(Input::TabKey("End"));
    assert_eq!(r.view, ViewKind::Scatter);
    // A view the tabs do not offer is not shown.
    assert!(!r.apply(Input::Tab(ViewKind::Trend)).used);
    assert_eq!(r.view, ViewKind::Scatter);
    // New attributes with the same view keep the reader's tab.
    configure(
        &mut r,
        &b,
        &[attrs[0], attrs[1], attrs[2], ("palette", "viridis")],
    );
    assert_eq!(r.view, ViewKind::Scatter);
}

#[test]
fn the_keyboard_reaches_every_bar_and_selects_with_enter() {
    let b = bundle();
    let mut r = Reader::default();
    configure(
        &mut r,
        &b,
        &[("view", "bars"), ("level", "la"), ("focus", "E12000001")],
    );
    let m = b.measure_id("cla_rate").unwrap();
    let ne = id(&b, "E12000001");
    let areas: Vec<AreaId> = authorities(&b, 2025)
        .into_iter()
        .filter(|&a| b.area(a).region == Some(ne))
        .collect();
    let spec = bars::bars(&b, m, 2025, &areas, &[], Some(ne));
    let items: Vec<AreaId> = spec.bars.iter().map(|x| x.area).collect();
    let fx = r.apply(Input::ChartFocus {
        on: true,
        items: &items,
    });
    assert_eq!(fx.say, Some(Say::Area(items[0])));
    assert_eq!(fx.tip, Tip::Anchor(items[0]));
    let mut seen = vec![items[0]];
    for _ in 1..items.len() + 2 {
        r.apply(Input::ChartKey {
            key: "ArrowDown",
            items: &items,
        });
        let c = r.chart_cursor.unwrap();
        if !seen.contains(&c) {
            seen.push(c);
        }
    }
    assert_eq!(seen, items, "every bar in rank order, stopping at the last");
    r.apply(Input::ChartKey {
        key: "Home",
        items: &items,
    });
    assert_eq!(r.chart_cursor, Some(items[0]));
    r.apply(Input::ChartKey {
        key: "End",
        items: &items,
    });
    assert_eq!(r.chart_cursor, Some(items[items.len() - 1]));
    let fx = r.apply(Input::ChartKey {
        key: "Enter",
        items: &items,
    });
    assert!(fx.used && r.selection.contains(items[items.len() - 1]));
    assert_eq!(fx.emit, vec![Emit::SelectionChanged]);
    r.apply(Input::ChartKey {
        key: "ArrowUp",
        items: &items,
    });
    assert_eq!(r.chart_cursor, Some(items[items.len() - 2]));
    assert_eq!(r.hovered, Some(items[items.len() - 2]));
    let fx = r.apply(Input::ChartFocus {
        on: false,
        items: &items,
    });
    assert_eq!(fx.tip, Tip::Hide);
    assert_eq!(r.hovered, None);
}

#[test]
fn bars_of_an_authoritys_neighbours_carry_their_average_as_a_reference_line() {
    use care_atlas::data::NeighbourModel;
    use care_atlas::view::compare::{self, Statistic};
    let b = bundle();
    let m = b.measure_id("cla_rate").unwrap();
    let durham = id(&b, "E06000047");
    for (model, stat) in [
        (NeighbourModel::Dfe2025, Statistic::Median),
        (NeighbourModel::Dfe2021, Statistic::Mean),
    ] {
        let spec =
            bars::neighbour_bars(&b, m, 2025, durham, (model, stat), &[(durham, 0)]).unwrap();
        let list = b.neighbour_group(durham, model).unwrap().neighbours;
        assert_eq!(spec.bars.len() + spec.gaps.len(), 1 + list.len());
        assert!(spec
            .bars
            .iter()
            .any(|x| x.area == durham && x.slot == Some(0)));
        for n in list {
            assert!(
                spec.bars.iter().any(|x| x.area == n.area)
                    || spec.gaps.iter().any(|g| g.0 == n.area),
                "{} is neither a bar nor a gap",
                b.area(n.area).name
            );
        }
        // The reference line is the neighbours' statistic, recomputed here from their figures.
        let mut values: Vec<f64> = list
            .iter()
            .filter_map(|n| b.cell(m, n.area, 2025).value())
            .collect();
        values.sort_by(f64::total_cmp);
        let want = match stat {
            Statistic::Median => {
                let k = values.len();
                if k % 2 == 1 {
                    values[k / 2]
                } else {
                    (values[k / 2 - 1] + values[k / 2]) / 2.0
                }
            }
            Statistic::Mean => values.iter().sum::<f64>() / values.len() as f64,
        };
        let r = spec
            .references
            .iter()
            .find(|r| r.kind == RefKind::Neighbours)
            .unwrap();
        assert!(
            (r.value - want).abs() < 1e-9,
            "{model:?} {stat:?}: {} vs {want}",
            r.value
        );
        assert!(
            r.label
                .starts_with(&format!("Neighbours' {}", stat.keyword())),
            "{}",
            r.label
        );
        let kinds: Vec<RefKind> = spec.references.iter().map(|r| r.kind).collect();
        assert_eq!(
            kinds,
            vec![RefKind::England, RefKind::Region, RefKind::Neighbours]
        );
        let fig = compare::neighbour_figure(&b, m, list, 2025, stat);
        assert_eq!(fig.value, Some(r.value));
        let l = bars::layout(&spec, 640.0);
        assert_eq!(l.refs.len(), 3);
        assert!(l.labelled);
    }
    // A region has no neighbours.
    assert!(bars::neighbour_bars(
        &b,
        m,
        2025,
        id(&b, "E12000001"),
        (NeighbourModel::Dfe2025, Statistic::Median),
        &[]
    )
    .is_none());
}
