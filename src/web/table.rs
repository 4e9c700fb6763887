//! The table view: a real `<table>` of the figures in view, with a caption,
//! header cells whose buttons sort it (and say so with `aria-sort`), and
//! England as the benchmark row.

use super::dom::{clear, el, text_el};
use crate::data::{AreaId, Bundle, Level, MeasureId};
use crate::view::table::{self, Column, Sort};
use wasm_bindgen::prelude::*;
use web_sys::{Document, HtmlElement};

pub fn column_key(c: Column) -> &'static str {
    match c {
        Column::Area => "area",
        Column::Region => "region",
        Column::Value => "value",
    }
}

pub fn column_from_key(k: &str) -> Option<Column> {
    [Column::Area, Column::Region, Column::Value]
        .into_iter()
        .find(|&c| column_key(c) == k)
}

#[allow(clippy::too_many_arguments)]
pub fn render(
    doc: &Document,
    wrap: &HtmlElement,
    bundle: &Bundle,
    measure: MeasureId,
    year: u16,
    level: Level,
    areas: &[AreaId],
    sort: Sort,
    neighbours: Option<table::Row>,
) -> Result<(), JsValue> {
    clear(wrap);
    let m = bundle.measure(measure);
    let t = el(doc, "table", "", Some(wrap))?;
    text_el(
        doc,
        "caption",
        "",
        &crate::view::text::title(bundle, measure, year),
        &t,
    )?;
    let thead = el(doc, "thead", "", Some(&t))?;
    let tr = el(doc, "tr", "", Some(&thead))?;
    let mut cols = vec![(
        Column::Area,
        if level == Level::Region {
            "Region"
        } else {
            "Area"
        },
        false,
    )];
    if table::shows_region(level) {
        cols.push((Column::Region, "Region", false));
    }
    cols.push((Column::Value, m.short_label.as_str(), true));
    for (c, label, num) in &cols {
        let th = el(doc, "th", if *num { "num" } else { "" }, Some(&tr))?;
        th.set_attribute("scope", "col")?;
        let state = if sort.column == *c {
            if sort.descending {
                "descending"
            } else {
                "ascending"
            }
        } else {
            "none"
        };
        th.set_attribute("aria-sort", state)?;
        let b = text_el(doc, "button", "", label, &th)?;
        b.set_attribute("type", "button")?;
        b.set_attribute("data-col", column_key(*c))?;
    }
    let th = text_el(doc, "th", "", "Rank", &tr)?;
    th.set_attribute("scope", "col")?;
    th.set_class_name("num");
    let banded = crate::view::compare::ranked(bundle, measure)
        && matches!(
            m.polarity,
            crate::data::Polarity::LowerIsBetter | crate::data::Polarity::HigherIsBetter
        );
    if banded {
        let th = text_el(doc, "th", "", "Band", &tr)?;
        th.set_attribute("scope", "col")?;
        th.set_attribute("title", crate::view::compare::band_rule(bundle, measure))?;
    }
    text_el(doc, "th", "", "Note", &tr)?.set_attribute("scope", "col")?;

    let body = el(doc, "tbody", "", Some(&t))?;
    let put_row = |r: &table::Row, benchmark: bool| -> Result<(), JsValue> {
        let tr = el(
            doc,
            "tr",
            if benchmark { "benchmark" } else { "" },
            Some(&body),
        )?;
        let th = text_el(doc, "th", "", &r.name, &tr)?;
        th.set_attribute("scope", "row")?;
        if table::shows_region(level) {
            text_el(doc, "td", "", &r.region, &tr)?;
        }
        text_el(doc, "td", "num", &r.value, &tr)?;
        text_el(doc, "td", "num", &r.rank_text, &tr)?;
        if banded {
            let band = r.band.map_or(String::new(), |b| b.letter().to_string());
            text_el(doc, "td", "", &band, &tr)?;
        }
        let td = el(doc, "td", "", Some(&tr))?;
        text_el(doc, "span", "note", &r.note, &td)?;
        Ok(())
    };
    if let Some(e) = table::england(bundle, measure, year) {
        put_row(&e, true)?;
    }
    if let Some(n) = neighbours {
        put_row(&n, true)?;
    }
    for r in table::rows(bundle, measure, year, areas, sort) {
        put_row(&r, false)?;
    }
    Ok(())
}
