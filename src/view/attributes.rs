//! Every attribute of `<care-atlas>`, once: its name and property, who acts
//! on it, what it accepts and its default, in words and as a TypeScript
//! type. The engine observes this list; `cargo xtask generate` writes from it the
//! JavaScript entry's list and properties, the TypeScript declarations and
//! the README's table, and `cargo xtask test` checks they are current. The
//! site's builder and reference are rendered from it too.

use crate::data::NeighbourModel;
use crate::scale::palette;
use crate::view::compare::{Compare, Statistic};
use crate::view::options::{Theme, ViewKind, MAP_LEVELS};

/// Who reads an attribute.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReadBy {
    /// The engine, through [`crate::view::options::Options::parse`].
    Engine,
    /// The JavaScript element (it loads the page's own figures, keeps share links).
    Element,
}

/// What an attribute accepts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Accepts {
    /// A measure id, or `user`.
    Measure,
    /// A data year of the measure.
    Year,
    /// A map level's keyword.
    Level,
    /// A view's keyword.
    View,
    /// A theme's keyword.
    Theme,
    /// A palette's name.
    Palette,
    /// `show` or `hide`.
    Summary,
    /// Which picker to show inside the widget: `measures`.
    Picker,
    /// One region code.
    Region,
    /// Area codes, separated by commas.
    Areas,
    /// `equal`, `quantile`, or ascending breaks.
    Classes,
    /// CSS px within a range.
    Pixels,
    /// Free text (or a URL).
    Text,
    /// Present or absent.
    Flag,
    /// View keywords, separated by commas.
    Tabs,
    /// What the reader's authority is compared with.
    Compare,
    /// A statistical neighbour model's year.
    NeighbourModel,
    /// The neighbours' median or mean.
    Statistic,
}

/// One attribute: the single source for the engine, the JavaScript entry, the
/// TypeScript types, the README and the site.
pub struct Attribute {
    /// The attribute's name, as written in HTML.
    pub name: &'static str,
    /// Who acts on it.
    pub read_by: ReadBy,
    /// What it accepts.
    pub accepts: Accepts,
    /// What it does, in a sentence.
    pub doc: &'static str,
    /// What it accepts, in words (the keywords themselves come from [`Attribute::keywords`]).
    pub values: &'static str,
    /// The default, in words.
    pub default: &'static str,
}

impl Attribute {
    /// The element's property: camelCase, except `focus`, which would hide
    /// `HTMLElement.focus()`.
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
                out.push(c.to_ascii_uppercase());
                up = false;
            } else {
                out.push(c);
            }
        }
        out
    }

    /// The keywords it accepts, when it accepts a fixed list.
    pub fn keywords(&self) -> Vec<&'static str> {
        match self.accepts {
            Accepts::Level => MAP_LEVELS.iter().map(|l| l.keyword()).collect(),
            Accepts::View | Accepts::Tabs => ViewKind::ALL.iter().map(|v| v.keyword()).collect(),
            Accepts::Theme => Theme::ALL.iter().map(|t| t.keyword()).collect(),
            Accepts::Palette => palette::SEQUENTIAL.iter().map(|p| p.name).collect(),
            Accepts::Summary => vec!["show", "hide"],
            Accepts::Picker => vec!["measures"],
            Accepts::Classes => crate::view::options::CLASS_KEYWORDS.to_vec(),
            Accepts::Compare => Compare::ALL.iter().map(|c| c.keyword()).collect(),
            Accepts::NeighbourModel => NeighbourModel::ALL.iter().map(|m| m.keyword()).collect(),
            Accepts::Statistic => Statistic::ALL.iter().map(|m| m.keyword()).collect(),
            _ => vec![],
        }
    }

    /// Its TypeScript type as a property or option value.
    pub fn typescript(&self) -> String {
        let keywords = self.keywords();
        // Classes also take breaks, tabs a list: free text.
        if !keywords.is_empty() && !matches!(self.accepts, Accepts::Classes | Accepts::Tabs) {
            let quoted: Vec<String> = keywords.iter().map(|k| format!("\"{k}\"")).collect();
            return quoted.join(" | ");
        }
        match self.accepts {
            Accepts::Year | Accepts::Pixels => "number | string".into(),
            Accepts::Areas => "string | string[]".into(),
            Accepts::Flag => "boolean".into(),
            _ => "string".into(),
        }
    }
}

/// Every attribute, in the order the README and the builder list them.
pub const ATTRIBUTES: [Attribute; 25] = [
    Attribute {
        name: "measure",
        read_by: ReadBy::Engine,
        accepts: Accepts::Measure,
        doc: "What is mapped and charted.",
        values: "a measure id (see the measures), or `user` for the page's own figures",
        default: "the page's own figures if it brings some, else `cla_rate`",
    },
    Attribute {
        name: "year",
        read_by: ReadBy::Engine,
        accepts: Accepts::Year,
        doc: "The year shown at start; readers move it with the slider and play.",
        values: "a year with data for that measure",
        default: "the latest",
    },
    Attribute {
        name: "level",
        read_by: ReadBy::Engine,
        accepts: Accepts::Level,
        doc: "Regions, or upper-tier local authorities (`la`).",
        values: "",
        default: "`region`",
    },
    Attribute {
        name: "focus",
        read_by: ReadBy::Engine,
        accepts: Accepts::Region,
        doc: "A region whose authorities fill the frame (at `region` level: outlined).",
        values: "a region code, e.g. `E12000001` (North East)",
        default: "none",
    },
    Attribute {
        name: "highlight",
        read_by: ReadBy::Engine,
        accepts: Accepts::Areas,
        doc: "Areas outlined on the map and always in the trend.",
        values: "area codes, comma-separated",
        default: "none",
    },
    Attribute {
        name: "selected",
        read_by: ReadBy::Engine,
        accepts: Accepts::Areas,
        doc: "Areas selected at start (readers change the selection).",
        values: "area codes, comma-separated",
        default: "none",
    },
    Attribute {
        name: "view",
        read_by: ReadBy::Engine,
        accepts: Accepts::View,
        doc: "What is shown: `map+trend` is side by side from 720 px, stacked when narrower; `bars` ranks the areas for the year; `scatter` plots `x` against `y`.",
        values: "",
        default: "`map+trend`",
    },
    Attribute {
        name: "tabs",
        read_by: ReadBy::Engine,
        accepts: Accepts::Tabs,
        doc: "Views a reader can switch between, as tabs inside the widget; the area, year and selection stay as they move. The first opens unless `view` names another.",
        values: "or several of them separated by commas, e.g. `map,trend,bars,scatter,table`",
        default: "none (no tabs)",
    },
    Attribute {
        name: "x",
        read_by: ReadBy::Engine,
        accepts: Accepts::Measure,
        doc: "The scatter's horizontal measure (a number, not a judgement).",
        values: "a measure id",
        default: "`child_poverty_bhc`",
    },
    Attribute {
        name: "y",
        read_by: ReadBy::Engine,
        accepts: Accepts::Measure,
        doc: "The scatter's vertical measure; never another vintage of `x`'s series.",
        values: "a measure id",
        default: "`measure`, or `cla_rate` if that is `x` or not a number",
    },
    Attribute {
        name: "theme",
        read_by: ReadBy::Engine,
        accepts: Accepts::Theme,
        doc: "Colours; `auto` follows the reader's setting.",
        values: "",
        default: "`light`",
    },
    Attribute {
        name: "palette",
        read_by: ReadBy::Engine,
        accepts: Accepts::Palette,
        doc: "Colours of the classes (all light-to-dark, colour-blind safe).",
        values: "",
        default: "`ylgnbu`",
    },
    Attribute {
        name: "classes",
        read_by: ReadBy::Engine,
        accepts: Accepts::Classes,
        doc: "How values are grouped into colours.",
        values: "or ascending breaks such as `40,60,80,100` (values below the first and from the last have classes of their own); `quantile` and `equal` use breaks fixed across the years, so Play shows change, the `-yearly` ones recompute them each year; `england` colours areas above and below England's figure for the year (bands of 10% and 30% difference, purple below, orange above)",
        default: "`quantile`",
    },
    Attribute {
        name: "base-year",
        read_by: ReadBy::Engine,
        accepts: Accepts::Year,
        doc: "The trend shows % change since this year.",
        values: "a year with data for that measure",
        default: "none",
    },
    Attribute {
        name: "compare",
        read_by: ReadBy::Engine,
        accepts: Accepts::Compare,
        doc: "What an authority is compared with: `region` (its region and England), or `neighbours`, which adds its DfE statistical neighbours (outlined on the map, their median or mean in the trend, table and summary, listed as buttons). The authority is the first highlighted, else the first selected; `neighbours` shows authorities unless `level` says otherwise.",
        values: "",
        default: "`region`",
    },
    Attribute {
        name: "neighbour-model",
        read_by: ReadBy::Engine,
        accepts: Accepts::NeighbourModel,
        doc: "Which of DfE's statistical neighbour models `compare=\"neighbours\"` uses: `2025` (today's authorities) or `2021` (April 2021's: Cumberland and Westmorland and Furness use Cumbria's list). Never mixed.",
        values: "",
        default: "`2025`, as DfE's dashboard",
    },
    Attribute {
        name: "neighbour-stat",
        read_by: ReadBy::Engine,
        accepts: Accepts::Statistic,
        doc: "The neighbours' average: `median` (DfE's dashboard) or `mean` (LAIT), over the neighbours with a figure each year.",
        values: "",
        default: "`median`",
    },
    Attribute {
        name: "summary",
        read_by: ReadBy::Engine,
        accepts: Accepts::Summary,
        doc: "`show` puts the generated summary above the picture (it is always the text alternative).",
        values: "",
        default: "`hide`",
    },
    Attribute {
        name: "picker",
        read_by: ReadBy::Engine,
        accepts: Accepts::Picker,
        doc: "`measures` puts a measure picker in the widget, grouped by family, so readers switch measure without a new embed.",
        values: "",
        default: "none",
    },
    Attribute {
        name: "height",
        read_by: ReadBy::Engine,
        accepts: Accepts::Pixels,
        doc: "The map's height in CSS px.",
        values: "160–2000",
        default: "from England's shape",
    },
    Attribute {
        name: "data-src",
        read_by: ReadBy::Element,
        accepts: Accepts::Text,
        doc: "Your own figures: a same-origin CSV with `area_code,year,value`.",
        values: "a URL on the page's own site",
        default: "none",
    },
    Attribute {
        name: "data-label",
        read_by: ReadBy::Element,
        accepts: Accepts::Text,
        doc: "Your own figures' label.",
        values: "text",
        default: "none",
    },
    Attribute {
        name: "data-unit",
        read_by: ReadBy::Element,
        accepts: Accepts::Text,
        doc: "Your own figures' unit.",
        values: "text",
        default: "none",
    },
    Attribute {
        name: "data-source",
        read_by: ReadBy::Element,
        accepts: Accepts::Text,
        doc: "Your own figures' source line.",
        values: "text",
        default: "none",
    },
    Attribute {
        name: "url-sync",
        read_by: ReadBy::Element,
        accepts: Accepts::Flag,
        doc: "Keep the year and selection in the address's `#fragment` (share links).",
        values: "present or absent",
        default: "off",
    },
];

/// The names, in order, made at compile time: what the engine uses at run
/// time, so that the docs (1.5 KB gzip), read only by the generated files,
/// stay out of the module.
const NAMES: [&str; ATTRIBUTES.len()] = {
    let mut out = [""; ATTRIBUTES.len()];
    let mut i = 0;
    while i < out.len() {
        out[i] = ATTRIBUTES[i].name;
        i += 1;
    }
    out
};

/// Whether the engine reads each attribute, as [`NAMES`] orders them.
const ENGINE_READS: [bool; ATTRIBUTES.len()] = {
    let mut out = [false; ATTRIBUTES.len()];
    let mut i = 0;
    while i < out.len() {
        out[i] = matches!(ATTRIBUTES[i].read_by, ReadBy::Engine);
        i += 1;
    }
    out
};

/// The names, in order: the element's `observedAttributes`.
pub fn names() -> impl Iterator<Item = &'static str> {
    NAMES.into_iter()
}

/// The names of the attributes the engine reads, in order.
pub fn engine_names() -> impl Iterator<Item = &'static str> {
    NAMES
        .into_iter()
        .zip(ENGINE_READS)
        .filter_map(|(n, e)| e.then_some(n))
}

/// Whether the element has an attribute with this name.
pub fn is_attribute(name: &str) -> bool {
    NAMES.contains(&name)
}

/// The attribute with this name (its docs: for the generated files and
/// native tools; the widget uses [`names`], [`engine_names`] and
/// [`is_attribute`], which leave the docs out of the module).
pub fn get(name: &str) -> Option<&'static Attribute> {
    ATTRIBUTES.iter().find(|a| a.name == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn properties_are_camel_case_and_focus_is_renamed() {
        let props: Vec<String> = ATTRIBUTES.iter().map(Attribute::property).collect();
        assert!(props.contains(&"baseYear".to_string()));
        assert!(props.contains(&"dataSrc".to_string()));
        assert!(props.contains(&"focusRegion".to_string()));
        assert!(!props.contains(&"focus".to_string()));
    }

    #[test]
    fn names_are_unique_and_keyword_types_list_every_keyword() {
        let mut names: Vec<&str> = names().collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), ATTRIBUTES.len());
        let view = get("view").unwrap();
        assert_eq!(
            view.typescript(),
            "\"map+trend\" | \"map\" | \"trend\" | \"table\" | \"bars\" | \"scatter\""
        );
        assert_eq!(get("url-sync").unwrap().typescript(), "boolean");
    }
}
