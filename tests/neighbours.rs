//! Statistical neighbours, ranks and quartile bands, recomputed here by
//! independent means (the query API by code, integer arithmetic on the
//! published figures, counting rather than searching) and compared with
//! `view::compare`. The lists themselves are checked against DfE's files in
//! `pipeline/src/source_checks/neighbours.rs`.

use care_atlas::data::{Bundle, Closeness, Level, NeighbourModel, Polarity, Via};
use care_atlas::view::compare::{self, median, neighbour_figure, ordinal, rank, Band, Statistic};

fn bundle() -> Bundle {
    care_atlas::data::complete().unwrap()
}

/// The neighbours' figures for a year, through the public query API by code
/// (which resolves a code to the area mapped that year), scaled to integers.
fn figures_by_code(b: &Bundle, measure: &str, codes: &[String], year: u16) -> Vec<i64> {
    let dec = i32::from(b.measure(b.measure_id(measure).unwrap()).decimals);
    codes
        .iter()
        .filter_map(|c| b.value(measure, c, year).ok().and_then(|f| f.value()))
        .map(|v| (v * 10f64.powi(dec)).round() as i64)
        .collect()
}

#[test]
fn every_model_list_has_ten_distinct_neighbours_none_itself() {
    let b = bundle();
    for (m, n) in [
        (NeighbourModel::Dfe2025, 153),
        (NeighbourModel::Dfe2021, 156),
    ] {
        let set = b.neighbours.set(m);
        assert_eq!(set.lists.len(), n, "{m:?}");
        for (s, l) in &set.lists {
            assert_eq!(l.len(), 10, "{}", b.area(*s).name);
            assert!(l.iter().all(|x| x.area != *s));
            let mut ids: Vec<_> = l.iter().map(|x| x.area).collect();
            ids.sort();
            ids.dedup();
            assert_eq!(ids.len(), 10);
            assert!(l.windows(2).all(|w| w[0].closeness <= w[1].closeness));
        }
    }
    // Every authority mapped in 2025 has a list in both models.
    for a in b.areas_at(Level::Authority) {
        if b.area(a).live_in(2025) {
            for m in NeighbourModel::ALL {
                assert!(b.neighbour_group(a, m).is_some(), "{}", b.area(a).name);
            }
        }
    }
}

#[test]
fn stand_ins_are_the_same_area_or_its_predecessor() {
    let b = bundle();
    let id = |c: &str| b.area_id(c).unwrap();
    let g = b
        .neighbour_group(id("E06000065"), NeighbourModel::Dfe2021)
        .unwrap();
    assert_eq!(
        (g.via, b.area(g.subject).code.as_str()),
        (Via::SameArea, "E10000023")
    );
    let g = b
        .neighbour_group(id("E06000064"), NeighbourModel::Dfe2021)
        .unwrap();
    assert_eq!(
        (g.via, b.area(g.subject).name.as_str()),
        (Via::Predecessor, "Cumbria")
    );
    let own = b
        .neighbour_group(id("E06000047"), NeighbourModel::Dfe2025)
        .unwrap();
    assert_eq!(own.via, Via::Own);
    // Cumbria split in two: the 2025 model has no list for it, and says none.
    assert!(b
        .neighbour_group(id("E10000006"), NeighbourModel::Dfe2025)
        .is_none());
    // The models differ (DfE: they share about half of each list).
    let a = b
        .neighbours(id("E06000047"), NeighbourModel::Dfe2021)
        .unwrap();
    assert_ne!(a, own.neighbours);
    assert_eq!(Closeness::parse(" very Close "), Some(Closeness::VeryClose));
}

#[test]
fn neighbour_medians_and_means_equal_an_independent_calculation() {
    let b = bundle();
    let mut checked = 0;
    for measure in ["cla_rate", "cin_rate", "child_poverty_bhc"] {
        let m = b.measure_id(measure).unwrap();
        let dec = i32::from(b.measure(m).decimals);
        for year in [2016u16, 2021, 2025] {
            for model in NeighbourModel::ALL {
                for a in b.areas_at(Level::Authority) {
                    let Some(g) = b.neighbour_group(a, model) else {
                        continue;
                    };
                    let codes: Vec<String> = g
                        .neighbours
                        .iter()
                        .map(|n| b.area(n.area).code.clone())
                        .collect();
                    let mut v = figures_by_code(&b, measure, &codes, year);
                    let med = neighbour_figure(&b, m, g.neighbours, year, Statistic::Median);
                    let mean = neighbour_figure(&b, m, g.neighbours, year, Statistic::Mean);
                    assert_eq!((med.with, med.of), (v.len(), 10));
                    assert_eq!(med.with + med.gaps.len(), 10);
                    v.sort_unstable();
                    let scale = 10f64.powi(dec);
                    // Twice the median, in integers: no float in the reference.
                    let twice = match v.len() {
                        0 => None,
                        n if n % 2 == 1 => Some(2 * v[n / 2]),
                        n => Some(v[n / 2 - 1] + v[n / 2]),
                    };
                    assert_eq!(
                        med.value.map(|x| (x * scale * 2.0).round() as i64),
                        twice,
                        "{measure} {year} {}",
                        b.area(a).name
                    );
                    let sum: i64 = v.iter().sum();
                    match mean.value {
                        None => assert!(v.is_empty()),
                        Some(x) => assert!(
                            (x * scale * v.len() as f64 - sum as f64).abs() < 1e-6,
                            "{measure} {year} {}",
                            b.area(a).name
                        ),
                    }
                    checked += 1;
                }
            }
        }
    }
    assert!(checked > 2000, "checked {checked}");
}

#[test]
fn a_2021_neighbour_abolished_since_is_a_named_gap_and_a_code_change_keeps_its_figures() {
    let b = bundle();
    let m = b.measure_id("cla_rate").unwrap();
    let cumbria = b.area_id("E10000006").unwrap();
    let nyorks = b.area_id("E10000023").unwrap();
    // An authority whose 2021 list names Cumbria: in 2025 Cumbria is a gap, named.
    let (_, list) = b
        .neighbours
        .set(NeighbourModel::Dfe2021)
        .lists
        .iter()
        .find(|(_, l)| l.iter().any(|n| n.area == cumbria))
        .unwrap();
    let f = neighbour_figure(&b, m, list, 2025, Statistic::Median);
    assert!(f.gaps.iter().any(|(a, _)| *a == cumbria), "{f:?}");
    assert!(f.with < 10);
    let f = neighbour_figure(&b, m, list, 2022, Statistic::Median);
    assert!(f.gaps.iter().all(|(a, _)| *a != cumbria));
    // North Yorkshire's county code in 2025 finds the unitary authority's figure.
    let unitary = compare::neighbour_area(&b, m, nyorks, 2025).unwrap();
    assert_eq!(b.area(unitary).code, "E06000065");
    assert!(b.cell(m, unitary, 2025).value().is_some());
}

/// Place by counting: 1 + the authorities mapped that year with a strictly
/// higher figure; ties: the others with an equal one.
fn counted(b: &Bundle, measure: &str, code: &str, year: u16) -> (usize, usize, usize, usize) {
    let m = b.measure_id(measure).unwrap();
    let mine = b.value(measure, code, year).unwrap().value().unwrap();
    let map_year = b.map_year(m, year);
    let live: Vec<_> = b
        .areas_at(Level::Authority)
        .filter(|&a| b.area(a).live_in(map_year))
        .collect();
    let vals: Vec<f64> = live
        .iter()
        .filter_map(|&a| b.cell(m, a, year).value())
        .collect();
    let higher = vals.iter().filter(|&&v| v > mine).count();
    let equal = vals.iter().filter(|&&v| v == mine).count();
    (higher + 1, equal - 1, vals.len(), live.len() - vals.len())
}

#[test]
fn ranks_count_ties_and_gaps_as_an_independent_count_does() {
    let b = bundle();
    let mut ties = 0;
    let mut gaps = 0;
    for (measure, year) in [
        ("cla_rate", 2025u16),
        ("cpp_rate", 2015),
        ("cla_count", 2012),
    ] {
        let m = b.measure_id(measure).unwrap();
        for a in b.areas_at(Level::Authority) {
            let code = b.area(a).code.clone();
            let Some(r) = rank(&b, m, a, year) else {
                assert!(
                    b.cell(m, a, year).value().is_none(),
                    "{code} has a figure but no rank"
                );
                continue;
            };
            let (place, tied, of, without) = counted(&b, measure, &code, year);
            assert_eq!(
                (r.place, r.tied, r.of, r.without),
                (place, tied, of, without),
                "{measure} {year} {code}"
            );
            ties += usize::from(r.tied > 0);
            gaps += usize::from(r.without > 0);
        }
    }
    assert!(
        ties > 20 && gaps > 20,
        "the sample has ties ({ties}) and gaps ({gaps})"
    );
    // A tie in words: a rate in whole numbers has many.
    let m = b.measure_id("cla_rate").unwrap();
    let tied = b
        .areas_at(Level::Authority)
        .filter_map(|a| rank(&b, m, a, 2025))
        .find(|r| r.tied == 1)
        .unwrap();
    assert!(tied.words().starts_with("joint ") && tied.words().contains("(with 1 other)"));
    let gap = rank(
        &b,
        b.measure_id("cpp_rate").unwrap(),
        b.area_id("E06000047").unwrap(),
        2015,
    )
    .unwrap();
    assert!(
        gap.words().ends_with(&format!(
            "of {} authorities ({} without a figure are not ranked)",
            gap.of, gap.without
        )) && gap.without > 1,
        "{}",
        gap.words()
    );
    assert_eq!(
        [
            ordinal(1),
            ordinal(2),
            ordinal(3),
            ordinal(11),
            ordinal(22),
            ordinal(113)
        ],
        ["1st", "2nd", "3rd", "11th", "22nd", "113th"]
    );
}

#[test]
fn bands_follow_polarity_in_four_equal_groups() {
    let b = bundle();
    let m = b.measure_id("child_poverty_bhc").unwrap();
    assert_eq!(
        b.measure(m).polarity,
        Polarity::LowerIsBetter,
        "LAIT: ChildPov is Low"
    );
    let year = *b.years_of(m).last().unwrap();
    let mut seen = [0usize; 4];
    let mut any_tie = false;
    for a in b.areas_at(Level::Authority) {
        let Some(r) = rank(&b, m, a, year) else {
            continue;
        };
        let code = &b.area(a).code;
        // Independent: place from the better (lower) end by counting.
        let mine = b.cell(m, a, year).value().unwrap();
        let (_, _, of, _) = counted(&b, "child_poverty_bhc", code, year);
        let lower = b
            .areas_at(Level::Authority)
            .filter(|&x| b.area(x).live_in(b.map_year(m, year)))
            .filter_map(|x| b.cell(m, x, year).value())
            .filter(|&v| v < mine)
            .count();
        let expect = match 4 * lower / of {
            0 => Band::A,
            1 => Band::B,
            2 => Band::C,
            _ => Band::D,
        };
        assert_eq!(r.band(), Some(expect), "{code} {mine}");
        seen[expect as usize] += 1;
        any_tie |= r.tied > 0;
    }
    // Four groups of about a quarter each (ties can move the edges).
    assert!(seen.iter().all(|&n| (30..=46).contains(&n)), "{seen:?}");
    assert!(any_tie);
    assert!(compare::band_rule(&b, m).contains("lowest"));
    // No better direction, no band: the rates LAIT gives polarity "-".
    let cla = b.measure_id("cla_rate").unwrap();
    let r = rank(&b, cla, b.area_id("E06000047").unwrap(), 2025).unwrap();
    assert_eq!(r.band(), None);
    assert!(compare::band_rule(&b, cla).starts_with("No quartile band"));
    // Judgements are not ranked, nor averaged.
    let j = b.measure_id("ofsted_overall").unwrap();
    let durham = b.area_id("E06000047").unwrap();
    assert!(rank(&b, j, durham, 2025).is_none());
    let g = b.neighbour_group(durham, NeighbourModel::Dfe2025).unwrap();
    let f = neighbour_figure(&b, j, g.neighbours, 2025, Statistic::Median);
    assert!(f.value.is_none() && f.with == 10, "{f:?}");
    let s = compare::neighbour_sentence(
        &b,
        j,
        durham,
        2025,
        NeighbourModel::Dfe2025,
        Statistic::Median,
    );
    assert!(s.contains("not averaged"), "{s}");
    assert!(care_atlas::view::table::neighbours_row(
        &b,
        j,
        2025,
        durham,
        NeighbourModel::Dfe2025,
        Statistic::Median
    )
    .is_none());
}

#[test]
fn median_of_even_and_odd_counts() {
    assert_eq!(median(&mut [3.0, 1.0, 2.0]), Some(2.0));
    assert_eq!(median(&mut [4.0, 1.0, 3.0, 2.0]), Some(2.5));
    assert_eq!(median(&mut []), None);
    assert_eq!(compare::mean(&[1.0, 2.0]), Some(1.5));
}

#[test]
fn the_query_api_comparison_carries_model_statistic_and_counts() {
    let b = bundle();
    let c = compare::comparison(
        &b,
        "cla_rate",
        "E06000047",
        2025,
        NeighbourModel::Dfe2025,
        Statistic::Mean,
    )
    .unwrap();
    let json = care_atlas::data::Tree::of(&c);
    assert_eq!(json["neighbours"]["model"], "2025");
    assert_eq!(json["neighbours"]["statistic"], "mean");
    assert_eq!(json["neighbours"]["of"], 10.0);
    assert!(json["rank"]["words"].as_str().unwrap().contains(" of "));
    assert!(json["band"].is_null());
    assert_eq!(
        json["england"],
        b.value("cla_rate", "E92000001", 2025)
            .unwrap()
            .value()
            .unwrap()
    );
    assert!(compare::comparison(
        &b,
        "cla_rate",
        "E99999999",
        2025,
        NeighbourModel::Dfe2025,
        Statistic::Mean
    )
    .is_err());
}

#[test]
fn compare_options_default_as_dfe_and_name_bad_values() {
    use care_atlas::view::compare::Compare;
    use care_atlas::view::options::Options;
    let b = bundle();
    let parse = |pairs: &[(&str, &str)]| {
        let pairs: Vec<(String, String)> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Options::parse(&b, move |n| {
            pairs.iter().find(|(k, _)| k == n).map(|(_, v)| v.clone())
        })
    };
    let o = parse(&[("compare", "neighbours")]).unwrap();
    assert_eq!(o.compare, Compare::Neighbours);
    assert_eq!(o.neighbour_model, NeighbourModel::Dfe2025);
    assert_eq!(o.neighbour_stat, Statistic::Median);
    assert_eq!(o.level, Level::Authority, "neighbours are authorities");
    let o = parse(&[("neighbour-model", "2021"), ("neighbour-stat", "mean")]).unwrap();
    assert_eq!(
        (o.neighbour_model, o.neighbour_stat, o.compare),
        (NeighbourModel::Dfe2021, Statistic::Mean, Compare::Region)
    );
    for (attr, bad, valid) in [
        ("compare", "neighbors", "neighbours"),
        ("neighbour-model", "2019", "2025, 2021"),
        ("neighbour-stat", "average", "median, mean"),
    ] {
        let e = parse(&[(attr, bad)]).unwrap_err();
        assert_eq!((e.attribute, e.value.as_str()), (attr, bad));
        assert!(
            e.message.contains(bad) && e.message.contains(valid),
            "{}",
            e.message
        );
    }
}

#[test]
fn the_trend_line_table_row_and_words_carry_the_same_neighbour_figures() {
    let b = bundle();
    let m = b.measure_id("cla_rate").unwrap();
    let durham = b.area_id("E06000047").unwrap();
    let model = NeighbourModel::Dfe2021;
    let g = b.neighbour_group(durham, model).unwrap();
    let (line, figs) = compare::neighbour_line(&b, m, durham, g.neighbours, Statistic::Mean);
    let first = b.measure(m).years.0;
    for (i, f) in figs.iter().enumerate() {
        let y = first + i as u16;
        assert_eq!(
            line.values[i],
            neighbour_figure(&b, m, g.neighbours, y, Statistic::Mean).value
        );
        assert_eq!(line.values[i], f.value);
    }
    assert_eq!(line.label, "Neighbours' mean");
    let row = care_atlas::view::table::neighbours_row(&b, m, 2025, durham, model, Statistic::Mean)
        .unwrap();
    assert_eq!(row.cell.value(), figs.last().unwrap().value);
    assert!(
        row.name.contains("mean") && row.name.contains("2021"),
        "{}",
        row.name
    );
    assert!(row
        .note
        .contains(&format!("of {} neighbours", figs.last().unwrap().of)));
    let s = compare::neighbour_sentence(&b, m, durham, 2025, model, Statistic::Mean);
    assert!(
        s.contains("DfE's 2021 model, mean") && s.contains("with a figure"),
        "{s}"
    );
    // Printed as precisely as the neighbours' figures, no more: a median of
    // whole numbers that falls on a whole number has no decimals.
    let g25 = b.neighbour_group(durham, NeighbourModel::Dfe2025).unwrap();
    for stat in [Statistic::Median, Statistic::Mean] {
        let v = neighbour_figure(&b, m, g25.neighbours, 2025, stat)
            .value
            .unwrap();
        let whole = g25.neighbours.iter().all(|n| {
            matches!(
                b.cell(m, n.area, 2025),
                care_atlas::data::Cell::Value { decimals: 0, .. }
            )
        });
        assert!(whole);
        let d = if v.fract() == 0.0 { 0 } else { 1 };
        assert_eq!(
            compare::average_decimals(&b, m, g25.neighbours, 2025, Some(v)),
            d
        );
        let s = compare::neighbour_sentence(&b, m, durham, 2025, NeighbourModel::Dfe2025, stat);
        let shown = care_atlas::scale::format::number(v, d);
        assert!(
            s.contains(&format!(": {shown} per 10,000 children, from 10 of 10")),
            "{s}"
        );
    }
    // Cumberland in the 2021 model: Cumbria's list, said so.
    let cumberland = b.area_id("E06000063").unwrap();
    let s = compare::neighbour_sentence(&b, m, cumberland, 2025, model, Statistic::Median);
    assert!(s.contains("the list of Cumbria"), "{s}");
    // The subject: first highlighted authority, else first selected; regions skipped.
    let ne = b.area_id("E12000001").unwrap();
    assert_eq!(compare::subject(&b, &[ne], &[durham]), Some(durham));
    assert_eq!(compare::subject(&b, &[ne], &[]), None);
}
