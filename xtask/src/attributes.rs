//! The element's attributes as the typings and docs need them, read from the
//! one attribute table (`care_atlas::view::attributes`): names, order, words,
//! defaults and keywords come from there, the measure ids from the bundle;
//! only the TypeScript shape of each value is decided here. Also the events.
//! `cargo xtask generate` writes the typings, the JS entry's list and the
//! README tables from it.

use care_atlas::view::attributes::{Accepts, ATTRIBUTES};

/// What an attribute's value is.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// One of the bundle's measure ids, or `user`.
    Measure,
    /// One of these words.
    Keywords(Vec<String>),
    /// One of these words, or free text of another form (the classes' breaks).
    KeywordsOr(Vec<String>),
    /// A number, as a number or its digits.
    Number,
    /// One area code, or several (comma-separated, or an array as a property).
    Codes,
    /// One area code.
    Code,
    /// Any text.
    Text,
    /// Present or absent.
    Flag,
}

/// One attribute, as the typings and docs need it.
#[derive(Clone, Debug)]
pub struct Attribute {
    pub name: &'static str,
    pub value: Value,
    /// What it does and takes, in Markdown (backticks only).
    doc: String,
    /// The default, in Markdown.
    pub default: &'static str,
}

impl Attribute {
    /// The element's property for it (`focusRegion` for `focus`).
    pub fn property(&self) -> String {
        care_atlas::view::attributes::get(self.name)
            .map_or_else(|| self.name.to_string(), |a| a.property())
    }

    /// The doc sentence, in Markdown.
    pub fn doc_markdown(&self) -> String {
        self.doc.clone()
    }

    /// The doc sentence as plain text, for JSDoc.
    pub fn doc_text(&self) -> String {
        self.doc.replace('`', "\"")
    }
}

/// Every attribute, in the engine's order, from the one table
/// (`care_atlas::view::attributes`): only the TypeScript shape of each value
/// is decided here.
pub fn table() -> Result<Vec<Attribute>, String> {
    Ok(ATTRIBUTES
        .iter()
        .map(|a| {
            let keywords: Vec<String> = a.keywords().iter().map(|k| k.to_string()).collect();
            let value = match a.accepts {
                Accepts::Measure => Value::Measure,
                Accepts::Year | Accepts::Pixels => Value::Number,
                Accepts::Region => Value::Code,
                Accepts::Areas => Value::Codes,
                Accepts::Classes | Accepts::Tabs => Value::KeywordsOr(keywords.clone()),
                Accepts::Text => Value::Text,
                Accepts::Flag => Value::Flag,
                _ => Value::Keywords(keywords.clone()),
            };
            let takes = if keywords.is_empty() {
                a.values.to_string()
            } else {
                let k = keywords
                    .iter()
                    .map(|k| format!("`{k}`"))
                    .collect::<Vec<_>>()
                    .join(", ");
                // Classes also take breaks, which the words say.
                if a.values.is_empty() {
                    k
                } else {
                    format!("{k}, {}", a.values)
                }
            };
            let doc = if takes.is_empty() {
                a.doc.to_string()
            } else {
                format!("{takes}: {}", a.doc)
            };
            Attribute {
                name: a.name,
                value,
                doc,
                default: a.default,
            }
        })
        .collect())
}

/// The measure ids the bundle holds, and `user` (the page's own figures).
pub fn measure_ids() -> Result<Vec<String>, String> {
    let b = care_atlas::data::complete().map_err(|e| e.to_string())?;
    let mut ids: Vec<String> = b.measures.iter().map(|m| m.id.clone()).collect();
    ids.push(care_atlas::data::USER_MEASURE.to_string());
    Ok(ids)
}

/// The families whose values are in packs, in the order of their first measure.
pub fn pack_families() -> Result<Vec<String>, String> {
    let core = care_atlas::data::Bundle::decode(care_atlas::data::EMBEDDED)
        .map_err(|e| format!("data/care-atlas.bin: {e}"))?;
    let mut families: Vec<String> = Vec::new();
    for m in core.waiting.ids() {
        let f = &core.measure(m).family;
        if !families.contains(f) {
            families.push(f.clone());
        }
    }
    Ok(families)
}

/// One event the element fires.
pub struct Event {
    pub name: &'static str,
    /// The TypeScript type of `detail`.
    pub detail: &'static str,
    pub doc: &'static str,
}

/// The events, in the order a page meets them.
pub const EVENTS: [Event; 4] = [
    Event {
        name: "care-atlas-ready",
        detail: "{ measure: string | null; year: number | null }",
        doc: "The widget has settled: drawn, with the measure and year shown, or showing why it cannot draw (attributes it cannot use, figures that did not come), with both null after a `care-atlas-error` that says why.",
    },
    Event {
        name: "care-atlas-error",
        detail: "CareAtlasError",
        doc: "Something could not be shown or used: `kind` says what, the message names the bad value and the valid ones.",
    },
    Event {
        name: "care-atlas-select",
        detail: "{ codes: string[]; code: string | null }",
        doc: "The selection changed. `code` is the last selected area, or null.",
    },
    Event {
        name: "care-atlas-yearchange",
        detail: "number",
        doc: "The year shown changed (slider, play or setYear); `detail` is the year.",
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_attribute_of_the_one_table_is_here_in_its_order() {
        let t = table().unwrap();
        let names: Vec<&str> = t.iter().map(|a| a.name).collect();
        let engine: Vec<&str> = care_atlas::view::attributes::names().collect();
        assert_eq!(names, engine);
    }

    #[test]
    fn properties_are_camel_case_and_focus_is_focus_region() {
        let t = table().unwrap();
        let p = |n: &str| t.iter().find(|a| a.name == n).unwrap().property();
        assert_eq!(p("base-year"), "baseYear");
        assert_eq!(p("focus"), "focusRegion");
    }

    #[test]
    fn keyword_lists_come_from_the_crate() {
        let t = table().unwrap();
        let view = t.iter().find(|a| a.name == "view").unwrap();
        assert!(view
            .doc_markdown()
            .starts_with("`map+trend`, `map`, `trend`, `table`"));
    }
}
