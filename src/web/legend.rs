//! The map's legend: a list of classes with their swatches, ranges and
//! counts, and the no-data entries with their reasons.

use super::dom::{el, set_text, text_el};
use super::error::Res;
use crate::scale::format::number;
use crate::view::map::{Hatch, LegendEntry};
use wasm_bindgen::JsCast;
use web_sys::{Document, HtmlElement};

/// Shows the legend. Every item has the same five parts (swatch, words,
/// count, the count and the reason for a gap as a screen reader hears them;
/// the last is empty for a class), so a year change, which keeps the classes
/// and changes counts (a reason for gaps may come or go), rewrites only the
/// words that changed, in place: rebuilding the list made the browser lay
/// out every entry again on each change (issue 13).
pub fn render(doc: &Document, list: &HtmlElement, title: &str, entries: &[LegendEntry]) -> Res {
    let items = list.children(); // live: follows the changes below
    if items.length() == 0 {
        text_el(doc, "li", "legend-title", "", list)?;
    }
    while (items.length() as usize) < entries.len() + 1 {
        let li = el(doc, "li", "", Some(list))?;
        for class in ["sw", "", "n", "sr", "sr"] {
            let part = el(doc, "span", class, Some(&li))?;
            if class == "sw" || class == "n" {
                part.set_attribute("aria-hidden", "true")?;
            }
        }
    }
    while items.length() as usize > entries.len() + 1 {
        if let Some(last) = list.last_element_child() {
            last.remove();
        }
    }
    if let Some(t) = items.item(0) {
        set_text(&t, title);
    }
    for (k, e) in entries.iter().enumerate() {
        let Some(li) = items.item(k as u32 + 1) else {
            continue;
        };
        let parts = li.children();
        if let Some(sw) = parts.item(0).and_then(|p| p.dyn_into::<HtmlElement>().ok()) {
            let class = e.no_data.map_or("sw", Hatch::class);
            if sw.class_name() != class {
                sw.set_class_name(class);
            }
            match e.colour {
                Some(c) => sw.style().set_property("background", &c.to_string())?,
                None => drop(sw.style().remove_property("background")?),
            }
        }
        let areas = if e.count == 1 { "area" } else { "areas" };
        let words = [
            e.label.clone(),
            format!("({})", number(e.count as f64, 0)),
            format!(", {} {areas}", e.count),
            e.no_data
                .map_or_else(String::new, |why| format!(": {}", why.reason())),
        ];
        for (i, w) in words.iter().enumerate() {
            if let Some(p) = parts.item(i as u32 + 1) {
                set_text(&p, w);
            }
        }
        let title = e.no_data.map(|why| format!("No data: {}", why.reason()));
        if li.get_attribute("title") != title {
            match title {
                Some(t) => li.set_attribute("title", &t)?,
                None => li.remove_attribute("title")?,
            }
        }
    }
    Ok(())
}
