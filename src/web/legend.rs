//! The map's legend: a list of classes with their swatches, ranges and
//! counts, and the no-data entries with their reasons.

use super::dom::{clear, el, text_el};
use super::error::Res;
use crate::scale::format::number;
use crate::view::map::{Hatch, LegendEntry};
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlElement};

/// Shows the legend. A year change mostly keeps the entries (the classes
/// are the same every year; the counts change, and a reason for missing
/// figures may come or go), so the list is refilled in place: an item whose
/// kind is unchanged gets only the words that changed, other items are
/// replaced, added or removed. Rebuilding the whole list made the browser
/// lay out every entry again on each change (issue 13).
pub fn render(doc: &Document, list: &HtmlElement, title: &str, entries: &[LegendEntry]) -> Res {
    let items = list.children(); // live: follows the changes below
    match items.item(0) {
        Some(t) if t.class_name() == "legend-title" => set_text(&t, title),
        _ => {
            clear(list);
            text_el(doc, "li", "legend-title", title, list)?;
        }
    }
    for (k, e) in entries.iter().enumerate() {
        match items.item(k as u32 + 1) {
            Some(li) if same_kind(&li, e) => refill(&li, e)?,
            Some(li) => {
                let new = entry(doc, e)?;
                list.replace_child(&new, &li)?;
            }
            None => {
                let new = entry(doc, e)?;
                list.append_child(&new)?;
            }
        }
    }
    while items.length() as usize > entries.len() + 1 {
        match list.last_element_child() {
            Some(last) => last.remove(),
            None => break,
        }
    }
    Ok(())
}

/// An entry's words: its range or category, its count (shown), and the
/// count (and the reason for a gap) as a screen reader hears them.
fn words(e: &LegendEntry) -> [String; 4] {
    let areas = if e.count == 1 { "area" } else { "areas" };
    [
        e.label.clone(),
        format!("({})", number(e.count as f64, 0)),
        format!(", {} {areas}", e.count),
        e.no_data
            .map_or_else(String::new, |why| format!(": {}", why.reason())),
    ]
}

fn swatch_class(e: &LegendEntry) -> &'static str {
    match e.no_data {
        Some(why) => Hatch::class(why),
        None => "sw",
    }
}

/// Whether `li` was built for an entry of `e`'s kind (swatch and parts).
fn same_kind(li: &Element, e: &LegendEntry) -> bool {
    let parts = if e.no_data.is_some() { 5 } else { 4 };
    li.child_element_count() == parts
        && li
            .first_element_child()
            .is_some_and(|sw| sw.class_name() == swatch_class(e))
}

/// Writes into an item of the same kind what differs from `e`.
fn refill(li: &Element, e: &LegendEntry) -> Res {
    let kids = li.children();
    if let (Some(c), Some(sw)) = (
        e.colour,
        kids.item(0).and_then(|s| s.dyn_into::<HtmlElement>().ok()),
    ) {
        sw.style().set_property("background", &c.to_string())?;
    }
    for (i, text) in words(e).iter().enumerate() {
        if let Some(span) = kids.item(i as u32 + 1) {
            set_text(&span, text);
        }
    }
    if let Some(why) = e.no_data {
        let title = format!("No data: {}", why.reason());
        if li.get_attribute("title").as_deref() != Some(title.as_str()) {
            li.set_attribute("title", &title)?;
        }
    }
    Ok(())
}

fn set_text(el: &Element, text: &str) {
    if el.text_content().as_deref() != Some(text) {
        el.set_text_content(Some(text));
    }
}

/// A new item for `e`.
fn entry(doc: &Document, e: &LegendEntry) -> Res<HtmlElement> {
    let li = el(doc, "li", "", None)?;
    let sw = el(doc, "span", swatch_class(e), Some(&li))?;
    sw.set_attribute("aria-hidden", "true")?;
    if let Some(c) = e.colour {
        sw.style().set_property("background", &c.to_string())?;
    }
    let [label, count, heard, reason] = words(e);
    text_el(doc, "span", "", &label, &li)?;
    let n = text_el(doc, "span", "n", &count, &li)?;
    n.set_attribute("aria-hidden", "true")?;
    text_el(doc, "span", "sr", &heard, &li)?;
    if let Some(why) = e.no_data {
        li.set_title(&format!("No data: {}", why.reason()));
        text_el(doc, "span", "sr", &reason, &li)?;
    }
    Ok(li)
}
