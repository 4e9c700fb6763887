//! The widget's options, read from its attributes and checked against the
//! bundle. A bad value gives an [`OptionError`] that names it and lists what
//! is allowed, with the nearest valid choice when one is close.

use crate::data::{AreaId, Bundle, Level, MeasureId};
use crate::scale::{palette, Classes, Sequential};
use crate::suggest::excerpt;
pub use crate::suggest::nearest;
use std::fmt;

/// The longest value any attribute may have, in characters: room for every
/// area code of England in `highlight` twice over, and a bound on the work a
/// hostile value (or share link) can cause.
pub const MAX_ATTRIBUTE_CHARS: usize = 4096;

/// Which parts the widget shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ViewKind {
    /// The map alone.
    Map,
    /// The trend alone (not for judgements, which have none).
    Trend,
    /// The table of the figures the map would show.
    Table,
    /// Map and trend side by side, stacked when narrow.
    MapTrend,
}

impl ViewKind {
    /// Every view, in the order the `view` attribute lists them.
    pub const ALL: [ViewKind; 4] = [
        ViewKind::MapTrend,
        ViewKind::Map,
        ViewKind::Trend,
        ViewKind::Table,
    ];

    /// The word the `view` attribute takes.
    pub fn keyword(self) -> &'static str {
        match self {
            ViewKind::Map => "map",
            ViewKind::Trend => "trend",
            ViewKind::Table => "table",
            ViewKind::MapTrend => "map+trend",
        }
    }

    /// Whether the view draws the map.
    pub fn has_map(self) -> bool {
        matches!(self, ViewKind::Map | ViewKind::MapTrend)
    }

    /// Whether the view draws the trend.
    pub fn has_trend(self) -> bool {
        matches!(self, ViewKind::Trend | ViewKind::MapTrend)
    }
}

/// The widget's colours (the `theme` attribute).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Theme {
    /// Light, the default.
    Light,
    /// Dark.
    Dark,
    /// Follows the reader's `prefers-color-scheme`.
    Auto,
}

impl Theme {
    /// Every theme, in the order the `theme` attribute lists them.
    pub const ALL: [Theme; 3] = [Theme::Light, Theme::Dark, Theme::Auto];

    /// The word the `theme` attribute takes.
    pub fn keyword(self) -> &'static str {
        match self {
            Theme::Light => "light",
            Theme::Dark => "dark",
            Theme::Auto => "auto",
        }
    }
}

/// The `classes` keywords, the default first.
pub const CLASS_KEYWORDS: [&str; 4] = ["quantile", "equal", "quantile-yearly", "equal-yearly"];

/// How values are grouped into colour classes. Unless `…Yearly`, the breaks
/// are computed once from every year of the measure (for the areas in view),
/// so moving through the years shows the figures changing, not the legend.
#[derive(Clone, Debug, PartialEq)]
pub enum ClassMethod {
    /// About equal numbers of areas per class (the default): one outlier
    /// cannot push most areas into one class, as equal widths can.
    Quantile,
    /// Equal-width classes on round numbers.
    Equal,
    /// Quantiles of the year shown only.
    QuantileYearly,
    /// Equal widths over the year shown only.
    EqualYearly,
    /// Breaks the page gave, ascending, with open-ended classes below and above.
    Breaks(Vec<f64>),
}

/// Map levels and the attribute words for them.
pub const MAP_LEVELS: [Level; 2] = [Level::Region, Level::Authority];

/// The widget's options, parsed and checked: every id here exists in the bundle.
#[derive(Clone, Debug, PartialEq)]
pub struct Options {
    /// What is mapped and charted.
    pub measure: MeasureId,
    /// The data year shown at start: one with data for the measure.
    pub year: u16,
    /// The page set `year` (otherwise `year` is the measure's latest).
    pub year_given: bool,
    /// Regions or authorities (never the country).
    pub level: Level,
    /// A region whose authorities fill the frame, the rest of England faded
    /// (at the region level: the region is outlined like a highlight).
    pub focus: Option<AreaId>,
    /// Areas outlined on the map and always drawn in the trend.
    pub highlight: Vec<AreaId>,
    /// Areas selected at start (the reader can change the selection).
    pub selected: Vec<AreaId>,
    /// What is shown; a judgement's `map+trend` is read as the map alone.
    pub view: ViewKind,
    /// Light, dark, or the reader's setting.
    pub theme: Theme,
    /// The sequential palette for classes (judgements use their own).
    pub palette: Sequential,
    /// How values are grouped into classes.
    pub classes: ClassMethod,
    /// Trend shown as % change since this year, if set.
    pub base_year: Option<u16>,
    /// Show the generated summary above the picture (it is always the
    /// canvases' text alternative).
    pub summary: bool,
    /// Map height in CSS px, instead of the height England's shape asks for.
    pub height: Option<f64>,
    /// Show the measure picker (`picker="measures"`).
    pub picker: bool,
}

/// A bad attribute value: which, what it was, and a message for the page
/// that lists the valid choices.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OptionError {
    /// The attribute's name.
    pub attribute: &'static str,
    /// The value as given.
    pub value: String,
    /// What is wrong and what would do, with the nearest valid choice when one is close.
    pub message: String,
}

impl fmt::Display for OptionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for OptionError {}

/// Years as ranges: "2010, 2013–2025".
pub fn year_list(years: &[u16]) -> String {
    let mut parts = Vec::new();
    let mut i = 0;
    while i < years.len() {
        let mut j = i;
        while j + 1 < years.len() && years[j + 1] == years[j] + 1 {
            j += 1;
        }
        parts.push(if j > i {
            format!("{}–{}", years[i], years[j])
        } else {
            years[i].to_string()
        });
        i = j + 1;
    }
    parts.join(", ")
}

fn err(attribute: &'static str, value: &str, message: String) -> OptionError {
    OptionError {
        attribute,
        value: value.to_string(),
        message,
    }
}

/// Reads a list of area codes, naming the first unknown one.
fn area_list(
    bundle: &Bundle,
    attribute: &'static str,
    text: &str,
) -> Result<Vec<AreaId>, OptionError> {
    let mut out = Vec::new();
    for code in text
        .split([',', ' '])
        .map(str::trim)
        .filter(|c| !c.is_empty())
    {
        let id = bundle
            .area_id(code)
            .filter(|&a| bundle.area(a).level != Level::Country)
            .ok_or_else(|| unknown_area(bundle, attribute, code, None))?;
        if !out.contains(&id) {
            out.push(id);
        }
    }
    Ok(out)
}

fn unknown_area(
    bundle: &Bundle,
    attribute: &'static str,
    code: &str,
    level: Option<Level>,
) -> OptionError {
    let candidates: Vec<_> = bundle
        .areas
        .iter()
        .filter(|a| a.level != Level::Country && level.is_none_or(|l| a.level == l))
        .collect();
    let hint = nearest(code, candidates.iter().map(|a| a.code.as_str()))
        .and_then(|n| candidates.iter().find(|a| a.code == n))
        .map_or(String::new(), |a| {
            format!(" Did you mean \"{}\" ({})?", a.code, a.name)
        });
    let what = match level {
        Some(Level::Region) => "region code",
        _ => "area code",
    };
    let list = if candidates.len() <= 12 {
        let l: Vec<String> = candidates
            .iter()
            .map(|a| format!("{} {}", a.code, a.name))
            .collect();
        format!("Valid codes: {}.", l.join(", "))
    } else {
        format!(
            "Valid codes are the ONS codes of England's {} regions (E12…) and {} local authorities (E06…, E08…, E09…, E10…).",
            bundle.areas_at(Level::Region).count(),
            bundle.areas_at(Level::Authority).count()
        )
    };
    err(
        attribute,
        code,
        format!("Unknown {what} \"{}\".{hint} {list}", excerpt(code)),
    )
}

fn choice<T: Copy>(
    attribute: &'static str,
    text: &str,
    all: &[T],
    keyword: impl Fn(T) -> &'static str,
) -> Result<T, OptionError> {
    let t = text.trim().to_ascii_lowercase();
    all.iter()
        .copied()
        .find(|&x| keyword(x) == t)
        .ok_or_else(|| {
            let words: Vec<&str> = all.iter().map(|&x| keyword(x)).collect();
            let hint = nearest(&t, words.iter().copied())
                .map_or(String::new(), |n| format!(" Did you mean \"{n}\"?"));
            err(
                attribute,
                text,
                format!(
                    "Unknown {attribute} \"{}\".{hint} Valid values: {}.",
                    excerpt(text.trim()),
                    words.join(", ")
                ),
            )
        })
}

impl Options {
    /// Reads options through `attr` (an attribute's value, if set). Absent
    /// attributes take defaults: the page's own figures if it brought some,
    /// else children looked after per 10,000; the measure's latest year;
    /// regions; map and trend; light theme. The first bad value is the error.
    pub fn parse(
        bundle: &Bundle,
        attr: impl Fn(&str) -> Option<String>,
    ) -> Result<Options, OptionError> {
        // Bounded before anything else reads them: no value a page (or a
        // share link) gives makes the work below take long.
        // (The element bounds the attributes it reads itself.)
        let engine = crate::view::attributes::ATTRIBUTES
            .iter()
            .filter(|a| a.read_by == crate::view::attributes::ReadBy::Engine);
        for name in engine.map(|a| a.name) {
            if let Some(v) = attr(name) {
                if v.chars().nth(MAX_ATTRIBUTE_CHARS).is_some() {
                    return Err(OptionError {
                        attribute: name,
                        value: excerpt(&v).into_owned(),
                        message: format!(
                            "The {name} attribute \"{}\" is too long: at most {} characters are allowed.",
                            excerpt(&v),
                            crate::scale::format::number(MAX_ATTRIBUTE_CHARS as f64, 0)
                        ),
                    });
                }
            }
        }
        let ids: Vec<&str> = bundle.measures.iter().map(|m| m.id.as_str()).collect();
        let measure = match attr("measure").map(|s| s.trim().to_string()) {
            // A page that brings its own figures shows them unless it asks otherwise.
            None => bundle
                .measure_id(crate::data::USER_MEASURE)
                .or_else(|| bundle.measure_id("cla_rate"))
                .unwrap_or(MeasureId(0)),
            Some(m) => bundle.measure_id(&m).ok_or_else(|| {
                let hint = nearest(&m, ids.iter().copied())
                    .map_or(String::new(), |n| format!(" Did you mean \"{n}\"?"));
                let list: Vec<String> = bundle
                    .measures
                    .iter()
                    .map(|x| format!("{} ({})", x.id, x.label))
                    .collect();
                err(
                    "measure",
                    &m,
                    format!(
                        "Unknown measure \"{}\".{hint} Valid measures: {}.",
                        excerpt(&m),
                        list.join(", ")
                    ),
                )
            })?,
        };
        let years = bundle.years_of(measure);
        let m = bundle.measure(measure);
        let year_given = attr("year").is_some();
        let year = match attr("year").map(|s| s.trim().to_string()) {
            None => *years.last().ok_or_else(|| {
                err(
                    "measure",
                    &m.id,
                    format!("Measure \"{}\" has no data.", m.id),
                )
            })?,
            Some(y) => match y.parse::<u16>() {
                Ok(v) if years.contains(&v) => v,
                _ => {
                    return Err(err(
                        "year",
                        &y,
                        format!(
                            "No data for year \"{}\" in {} ({}). Years with data: {}.",
                            excerpt(&y),
                            m.id,
                            m.label,
                            year_list(&years)
                        ),
                    ))
                }
            },
        };
        let level = match attr("level") {
            None => Level::Region,
            Some(l) => choice("level", &l, &MAP_LEVELS, Level::keyword)?,
        };
        if bundle.areas_at(level).next().is_none() {
            return Err(err(
                "level",
                level.keyword(),
                format!(
                    "This build of care-atlas has no areas at level \"{}\". Valid levels: region.",
                    level.keyword()
                ),
            ));
        }
        let focus = match attr("focus")
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
        {
            None => None,
            Some(code) => Some(
                bundle
                    .area_id(&code)
                    .filter(|&a| bundle.area(a).level == Level::Region)
                    .ok_or_else(|| unknown_area(bundle, "focus", &code, Some(Level::Region)))?,
            ),
        };
        let mut highlight = area_list(bundle, "highlight", &attr("highlight").unwrap_or_default())?;
        if let (Level::Region, Some(f)) = (level, focus) {
            if !highlight.contains(&f) {
                highlight.insert(0, f);
            }
        }
        let selected = area_list(bundle, "selected", &attr("selected").unwrap_or_default())?;
        let view = match attr("view") {
            None => ViewKind::MapTrend,
            Some(v) => choice("view", &v, &ViewKind::ALL, ViewKind::keyword)?,
        };
        let categorical = bundle.measure(measure).kind == crate::data::Kind::Category;
        if categorical && (view == ViewKind::Trend || attr("base-year").is_some()) {
            let what = if view == ViewKind::Trend {
                "view"
            } else {
                "base-year"
            };
            let value = attr(what).unwrap_or_default();
            return Err(err(
                what,
                &value,
                format!(
                    "{} is a judgement at one date, so it has no trend ({what}=\"{}\"). Use view=\"map\" or view=\"table\" for it, or a measure with figures over time.",
                    bundle.measure(measure).id,
                    excerpt(&value)
                ),
            ));
        }
        // A judgement has no trend: map and trend shows the map alone.
        let view = if categorical && view == ViewKind::MapTrend {
            ViewKind::Map
        } else {
            view
        };
        let theme = match attr("theme") {
            None => Theme::Light,
            Some(v) => choice("theme", &v, &Theme::ALL, Theme::keyword)?,
        };
        let palette = match attr("palette") {
            None => palette::YELLOW_GREEN_BLUE,
            Some(v) => choice("palette", &v, &palette::SEQUENTIAL, |p| p.name)?,
        };
        let classes = match attr("classes").map(|s| s.trim().to_ascii_lowercase()) {
            None => ClassMethod::Quantile,
            Some(c) if c == CLASS_KEYWORDS[0] => ClassMethod::Quantile,
            Some(c) if c == CLASS_KEYWORDS[1] => ClassMethod::Equal,
            Some(c) if c == CLASS_KEYWORDS[2] => ClassMethod::QuantileYearly,
            Some(c) if c == CLASS_KEYWORDS[3] => ClassMethod::EqualYearly,
            Some(c) => {
                let parsed: Result<Vec<f64>, _> =
                    c.split(',').map(|x| x.trim().parse::<f64>()).collect();
                match parsed.ok().filter(|b| Classes::from_breaks(b).is_some()) {
                    Some(b) => ClassMethod::Breaks(b),
                    None => {
                        return Err(err(
                            "classes",
                            &c,
                            format!(
                                "Unknown classes \"{}\". Valid values: {}, or from 2 to {} ascending numbers separated by commas (e.g. \"40,60,80,100\").",
                                excerpt(&c),
                                CLASS_KEYWORDS.join(", "),
                                crate::scale::classes::MAX_CLASSES + 1
                            ),
                        ))
                    }
                }
            }
        };
        let base_year = match attr("base-year")
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
        {
            None => None,
            Some(y) => match y.parse::<u16>() {
                Ok(v) if years.contains(&v) => Some(v),
                _ => {
                    return Err(err(
                        "base-year",
                        &y,
                        format!(
                            "No data to index to in year \"{}\" for {}. Years with data: {}.",
                            excerpt(&y),
                            m.id,
                            year_list(&years)
                        ),
                    ))
                }
            },
        };
        let summary = match attr("summary") {
            None => false,
            Some(v) => choice("summary", &v, &[true, false], |b| {
                if b {
                    "show"
                } else {
                    "hide"
                }
            })?,
        };
        let picker = match attr("picker") {
            None => false,
            Some(v) => choice("picker", &v, &[true], |_| "measures")?,
        };
        let height = match attr("height").map(|s| s.trim().trim_end_matches("px").to_string()) {
            None => None,
            Some(h) => match h.parse::<f64>() {
                Ok(v) if (160.0..=2000.0).contains(&v) => Some(v),
                _ => {
                    return Err(err(
                        "height",
                        &h,
                        format!("Unknown height \"{}\". Valid values: a number of CSS pixels from 160 to 2000 (e.g. \"480\").", excerpt(&h)),
                    ))
                }
            },
        };
        Ok(Options {
            measure,
            year,
            year_given,
            level,
            focus,
            highlight,
            selected,
            view,
            theme,
            palette,
            classes,
            base_year,
            summary,
            height,
            picker,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_reads_exactly_the_engines_attributes_in_the_table() {
        use crate::view::attributes::{ReadBy, ATTRIBUTES};
        let b = Bundle::decode(crate::data::EMBEDDED).unwrap();
        let asked = std::cell::RefCell::new(Vec::<String>::new());
        let _ = Options::parse(&b, |name| {
            if !asked.borrow().iter().any(|a| a == name) {
                asked.borrow_mut().push(name.to_string());
            }
            None
        });
        let mut asked = asked.into_inner();
        asked.sort();
        let mut engine: Vec<String> = ATTRIBUTES
            .iter()
            .filter(|a| a.read_by == ReadBy::Engine)
            .map(|a| a.name.to_string())
            .collect();
        engine.sort();
        assert_eq!(asked, engine);
    }

    #[test]
    fn year_lists_collapse_runs() {
        assert_eq!(year_list(&[2010, 2013, 2014, 2015]), "2010, 2013–2015");
        assert_eq!(year_list(&[]), "");
    }
}
