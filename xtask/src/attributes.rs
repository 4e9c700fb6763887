//! The element's attributes and events, described once. Their names and order
//! come from the engine (`care_atlas::view::options::ATTRIBUTES`), the keywords
//! an attribute takes from the crate's own lists, the measure ids from the
//! bundle; what is added here is what only people need: a sentence for each,
//! its default, and the TypeScript shape of its value. `cargo xtask generate`
//! writes the typings, the JS entry's list and the README tables from it.

use care_atlas::data::{Bundle, EMBEDDED};
use care_atlas::scale::palette;
use care_atlas::view::options::{self, Theme, ViewKind};

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

/// One attribute, as people are told about it.
#[derive(Clone, Debug)]
pub struct Attribute {
    pub name: &'static str,
    pub value: Value,
    /// One sentence, in Markdown (backticks only); `{keywords}` stands for the
    /// keyword list, written from the crate's own.
    pub doc: &'static str,
    /// The default, in Markdown.
    pub default: &'static str,
}

impl Attribute {
    /// The element's property for it: camelCase, and `focusRegion` for
    /// `focus` (a property `focus` would hide `HTMLElement.focus()`).
    pub fn property(&self) -> String {
        if self.name == "focus" {
            return "focusRegion".into();
        }
        let mut out = String::new();
        let mut up = false;
        for c in self.name.chars() {
            if c == '-' {
                up = true;
            } else if up {
                out.extend(c.to_uppercase());
                up = false;
            } else {
                out.push(c);
            }
        }
        out
    }

    /// The doc sentence with its keywords filled in, in Markdown.
    pub fn doc_markdown(&self) -> String {
        let words = match &self.value {
            Value::Keywords(k) | Value::KeywordsOr(k) => k
                .iter()
                .map(|w| format!("`{w}`"))
                .collect::<Vec<_>>()
                .join(", "),
            _ => String::new(),
        };
        self.doc.replace("{keywords}", &words)
    }

    /// The doc sentence as plain text, for JSDoc.
    pub fn doc_text(&self) -> String {
        self.doc_markdown().replace('`', "\"")
    }
}

fn words<T>(list: &[T], word: impl Fn(&T) -> &str) -> Vec<String> {
    list.iter().map(|x| word(x).to_string()).collect()
}

/// What is said about each attribute, by name. Every attribute the engine
/// reads must have an entry, and no entry may name another (`table` checks).
fn describe(name: &str) -> Option<(Value, &'static str, &'static str)> {
    Some(match name {
        "measure" => (
            Value::Measure,
            "a measure id (see the measures), or `user` for your own figures",
            "`cla_rate`",
        ),
        "year" => (Value::Number, "a year with data for that measure", "the latest"),
        "level" => (
            Value::Keywords(words(&options::MAP_LEVELS, |l| l.keyword())),
            "{keywords} (`la`: upper-tier local authorities)",
            "`region`",
        ),
        "focus" => (
            Value::Code,
            "a region code: its authorities fill the frame (at `region` level: outlined)",
            "none",
        ),
        "highlight" => (
            Value::Codes,
            "area codes, comma-separated, e.g. `E12000001` (North East): outlined, always in the trend",
            "none",
        ),
        "selected" => (
            Value::Codes,
            "area codes selected at start (readers change the selection)",
            "none",
        ),
        "view" => (
            Value::Keywords(words(&ViewKind::ALL, |v| v.keyword())),
            "{keywords} (`map+trend`: side by side from 720 px, stacked when narrower)",
            "`map+trend`",
        ),
        "theme" => (
            Value::Keywords(words(&Theme::ALL, |t| t.keyword())),
            "{keywords} (`auto` follows the reader's setting)",
            "`light`",
        ),
        "palette" => (
            Value::Keywords(words(&palette::SEQUENTIAL, |p| p.name)),
            "{keywords} (all light-to-dark, colour-blind safe)",
            "`ylgnbu`",
        ),
        "classes" => (
            Value::KeywordsOr(vec!["equal".into(), "quantile".into()]),
            "{keywords}, or ascending breaks such as `40,60,80,100`",
            "`equal`",
        ),
        "base-year" => (
            Value::Number,
            "a year: the trend shows % change since it",
            "none",
        ),
        "summary" => (
            Value::Keywords(vec!["show".into(), "hide".into()]),
            "{keywords}: `show` puts the generated summary above the picture",
            "`hide`",
        ),
        "height" => (
            Value::Number,
            "the map's height in CSS px (160–2000)",
            "from England's shape",
        ),
        "data-src" => (
            Value::Text,
            "a same-origin URL of a CSV of your own figures (`area_code,year,value`)",
            "none",
        ),
        "data-label" => (Value::Text, "what your own figures measure", "none"),
        "data-unit" => (Value::Text, "the unit of your own figures", "none"),
        "data-source" => (Value::Text, "who published your own figures", "none"),
        "url-sync" => (
            Value::Flag,
            "keep the year and selection in the address's `#fragment` (share links)",
            "off",
        ),
        _ => return None,
    })
}

/// Every attribute the engine reads, in its order, described.
pub fn table() -> Result<Vec<Attribute>, String> {
    options::ATTRIBUTES
        .iter()
        .map(|&name| {
            let (value, doc, default) = describe(name).ok_or_else(|| {
                format!("the engine reads the attribute {name:?}, which xtask/src/attributes.rs does not describe")
            })?;
            Ok(Attribute {
                name,
                value,
                doc,
                default,
            })
        })
        .collect()
}

/// The measure ids the bundle holds, and `user` (the page's own figures).
pub fn measure_ids() -> Result<Vec<String>, String> {
    let b = Bundle::decode(EMBEDDED).map_err(|e| e.to_string())?;
    let mut ids: Vec<String> = b.measures.iter().map(|m| m.id.clone()).collect();
    ids.push(care_atlas::data::USER_MEASURE.to_string());
    Ok(ids)
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
        detail: "{ measure: string; year: number }",
        doc: "The widget has drawn.",
    },
    Event {
        name: "care-atlas-error",
        detail: "{ message: string; attribute?: string; value?: string }",
        doc: "A bad attribute or data: the message names the bad value and the valid ones.",
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
    fn every_attribute_the_engine_reads_is_described_and_nothing_else() {
        let t = table().unwrap();
        assert_eq!(t.len(), options::ATTRIBUTES.len());
        // An entry for an attribute the engine does not read would never be used: refuse it.
        for name in ["measure", "url-sync"] {
            assert!(describe(name).is_some());
        }
        assert!(describe("colour").is_none());
    }

    #[test]
    fn properties_are_camel_case_and_focus_is_focus_region() {
        let t = table().unwrap();
        let p = |n: &str| t.iter().find(|a| a.name == n).unwrap().property();
        assert_eq!(p("base-year"), "baseYear");
        assert_eq!(p("data-src"), "dataSrc");
        assert_eq!(p("focus"), "focusRegion");
        assert_eq!(p("measure"), "measure");
    }

    #[test]
    fn keyword_lists_come_from_the_crate() {
        let t = table().unwrap();
        let view = t.iter().find(|a| a.name == "view").unwrap();
        assert_eq!(
            view.value,
            Value::Keywords(words(&ViewKind::ALL, |v| v.keyword()))
        );
        assert!(view
            .doc_markdown()
            .starts_with("`map+trend`, `map`, `trend`, `table`"));
    }
}
