//! The map's legend: a list of classes with their swatches, ranges and
//! counts, and the no-data entries with their reasons.

use super::dom::{clear, el, text_el};
use super::error::Res;
use crate::scale::format::number;
use crate::view::map::{Hatch, LegendEntry};
use web_sys::{Document, HtmlElement};

pub fn render(doc: &Document, list: &HtmlElement, title: &str, entries: &[LegendEntry]) -> Res {
    clear(list);
    text_el(doc, "li", "legend-title", title, list)?;
    for e in entries {
        let li = el(doc, "li", "", Some(list))?;
        let class = match e.no_data {
            Some(why) => Hatch::class(why),
            None => "sw",
        };
        let sw = el(doc, "span", class, Some(&li))?;
        sw.set_attribute("aria-hidden", "true")?;
        if let Some(c) = e.colour {
            sw.style().set_property("background", &c.to_string())?;
        }
        text_el(doc, "span", "", &e.label, &li)?;
        let n = text_el(
            doc,
            "span",
            "n",
            &format!("({})", number(e.count as f64, 0)),
            &li,
        )?;
        n.set_attribute("aria-hidden", "true")?;
        let areas = if e.count == 1 { "area" } else { "areas" };
        text_el(doc, "span", "sr", &format!(", {} {areas}", e.count), &li)?;
        if let Some(why) = e.no_data {
            li.set_title(&format!("No data: {}", why.reason()));
            text_el(doc, "span", "sr", &format!(": {}", why.reason()), &li)?;
        }
    }
    Ok(())
}
