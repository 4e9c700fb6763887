//! The widget's options, read from its attributes and checked against the
//! bundle. A bad value gives an [`OptionError`] that names it and lists what
//! is allowed, with the nearest valid choice when one is close.

use crate::data::{AreaId, Bundle, Level, MeasureId, NeighbourModel};
use crate::scale::{decimal, palette, Classes, Sequential};
use crate::suggest::excerpt;
pub use crate::suggest::nearest;
use crate::view::compare::{Compare, Statistic};
use std::fmt;

/// The longest value any attribute may have, in characters: room for every
/// area code of England in `highlight` twice over, and a bound on the work a
/// hostile value (or share link) can cause.
pub const MAX_ATTRIBUTE_CHARS: usize = 4096;

/// Which parts the widget shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ViewKind {
    /// The map alone.
    Map,
    /// The trend alone (not for judgements, which have none).
    Trend,
    /// The table of the figures the map would show.
    Table,
    /// Map and trend side by side, stacked when narrow.
    #[default]
    MapTrend,
    /// Ranked bars of the areas for one year, with England's and the
    /// region's figures as reference lines.
    Bars,
    /// One measure against another (`x` and `y`) for one year, with the
    /// least-squares line and Pearson's r.
    Scatter,
}

impl ViewKind {
    /// Every view, in the order the `view` attribute lists them.
    pub const ALL: [ViewKind; 6] = [
        ViewKind::MapTrend,
        ViewKind::Map,
        ViewKind::Trend,
        ViewKind::Table,
        ViewKind::Bars,
        ViewKind::Scatter,
    ];

    /// The word the `view` attribute takes.
    pub fn keyword(self) -> &'static str {
        match self {
            ViewKind::Map => "map",
            ViewKind::Trend => "trend",
            ViewKind::Table => "table",
            ViewKind::MapTrend => "map+trend",
            ViewKind::Bars => "bars",
            ViewKind::Scatter => "scatter",
        }
    }

    /// The tab's name, as a reader sees it.
    pub fn label(self) -> &'static str {
        match self {
            ViewKind::Map => "Map",
            ViewKind::Trend => "Trend",
            ViewKind::Table => "Table",
            ViewKind::MapTrend => "Map and trend",
            ViewKind::Bars => "Ranked bars",
            ViewKind::Scatter => "Scatter",
        }
    }

    /// Whether the view ranks or plots areas one year at a time (bars, scatter).
    pub fn has_chart(self) -> bool {
        matches!(self, ViewKind::Bars | ViewKind::Scatter)
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
pub const CLASS_KEYWORDS: [&str; 5] = [
    "quantile",
    "equal",
    "quantile-yearly",
    "equal-yearly",
    "england",
];

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
    /// Above and below England's figure for the year, in bands of % difference
    /// ([`crate::view::map::ENGLAND_BANDS`]), in a diverging palette.
    England,
}

/// Map levels and the attribute words for them.
pub const MAP_LEVELS: [Level; 2] = [Level::Region, Level::Authority];

/// Whether any area of a level has a figure for the measure.
fn has_figures_at(bundle: &Bundle, measure: MeasureId, level: Level) -> bool {
    let s = &bundle.series[measure.index()];
    let width = s.cells.len() / s.areas.len().max(1);
    s.areas.iter().enumerate().any(|(row, &a)| {
        bundle.area(a).level == level
            && s.cells[row * width..(row + 1) * width]
                .iter()
                .any(|c| c.value().is_some())
    })
}

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
    /// The scatter's horizontal measure (default: DWP's current child poverty series).
    pub x: MeasureId,
    /// The scatter's vertical measure (default: `measure`, if it is a number
    /// other than `x`, else children looked after per 10,000).
    pub y: MeasureId,
    /// The views a reader can switch between, in order; empty: no tabs.
    pub tabs: Vec<ViewKind>,
    /// Region and England, or statistical neighbours too.
    pub compare: Compare,
    /// The neighbour model `compare="neighbours"` uses.
    pub neighbour_model: NeighbourModel,
    /// The neighbours' median or mean.
    pub neighbour_stat: Statistic,
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
    for code in text.split([',', ' ']) {
        let code = code.trim();
        if code.is_empty() {
            continue;
        }
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
    let mut candidates = Vec::new();
    let mut codes = Vec::new();
    for a in &bundle.areas {
        if a.level != Level::Country && level.is_none_or(|l| a.level == l) {
            candidates.push(a);
            codes.push(a.code.as_str());
        }
    }
    let hint = nearest(code, codes.iter().copied())
        .and_then(|n| candidates.iter().find(|a| a.code == n))
        .map_or(String::new(), |a| {
            format!(" Did you mean \"{}\" ({})?", a.code, a.name)
        });
    let what = match level {
        Some(Level::Region) => "region code",
        _ => "area code",
    };
    let list = if candidates.len() <= 12 {
        let mut l = Vec::with_capacity(candidates.len());
        for a in &candidates {
            l.push(format!("{} {}", a.code, a.name));
        }
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
    choice_of(attribute, text, all, keyword, "Valid values:")
}

/// [`choice`], with the words that introduce the list of valid values.
fn choice_of<T: Copy>(
    attribute: &'static str,
    text: &str,
    all: &[T],
    keyword: impl Fn(T) -> &'static str,
    valid: &str,
) -> Result<T, OptionError> {
    // The generic part is kept to this loop: one copy of it per type is
    // linked into the module, the matching and the message once.
    let mut words = Vec::with_capacity(all.len());
    for &x in all {
        words.push(keyword(x));
    }
    choose(attribute, text, &words, valid).map(|i| all[i])
}

/// The index of `text` among `words`, or the error that lists them.
fn choose(
    attribute: &'static str,
    text: &str,
    words: &[&'static str],
    valid: &str,
) -> Result<usize, OptionError> {
    let t = text.trim().to_ascii_lowercase();
    words.iter().position(|&w| w == t).ok_or_else(|| {
        let hint = nearest(&t, words.iter().copied())
            .map_or(String::new(), |n| format!(" Did you mean \"{n}\"?"));
        err(
            attribute,
            text,
            format!(
                "Unknown {attribute} \"{}\".{hint} {valid} {}.",
                excerpt(text.trim()),
                words.join(", ")
            ),
        )
    })
}

/// Reads a measure id given in `attribute` (`measure`, `x` or `y`): the one
/// path every attribute naming a measure goes through.
fn measure_attr(
    bundle: &Bundle,
    attribute: &'static str,
    text: &str,
) -> Result<MeasureId, OptionError> {
    let m = text.trim();
    bundle.measure_id(m).ok_or_else(|| {
        let ids = bundle.measures.iter().map(|x| x.id.as_str());
        let hint = nearest(m, ids).map_or(String::new(), |n| format!(" Did you mean \"{n}\"?"));
        let mut list = Vec::new();
        for x in &bundle.measures {
            if attribute == "measure" || x.kind != crate::data::Kind::Category {
                list.push(format!("{} ({})", x.id, x.label));
            }
        }
        err(
            attribute,
            m,
            format!(
                "Unknown measure \"{}\"{}.{hint} Valid measures: {}.",
                excerpt(m),
                if attribute == "measure" {
                    String::new()
                } else {
                    format!(" in {attribute}")
                },
                list.join(", ")
            ),
        )
    })
}

/// Whether two measures are vintages of one series, which must never be
/// compared or joined: a superseded series is bundled under the current
/// one's id with its years appended (`child_poverty_bhc_2015_2024` beside
/// `child_poverty_bhc`), in the same unit.
pub fn vintages_of_one_series(bundle: &Bundle, a: MeasureId, b: MeasureId) -> bool {
    let (ma, mb) = (bundle.measure(a), bundle.measure(b));
    let prefix = |long: &str, short: &str| {
        long.len() > short.len() + 1
            && long.starts_with(short)
            && long.as_bytes()[short.len()] == b'_'
    };
    a != b && ma.unit == mb.unit && (prefix(&ma.id, &mb.id) || prefix(&mb.id, &ma.id))
}

/// Years with data for both measures, ascending: the scatter's years.
pub fn common_years(bundle: &Bundle, x: MeasureId, y: MeasureId) -> Vec<u16> {
    let ys = bundle.years_of(y);
    let mut both = Vec::new();
    for v in bundle.years_of(x) {
        if ys.contains(&v) {
            both.push(v);
        }
    }
    both
}

/// The attributes without which there is nothing to draw: a bad value of one
/// of these replaces the chart with a message. Any other bad value is
/// dropped (its default used) and reported, and the chart is still drawn.
pub const ESSENTIAL: [&str; 2] = ["measure", "level"];

impl Options {
    /// Reads options as [`Options::parse`] does, but degrades rather than
    /// fails: a bad value of an optional attribute is read as if it were not
    /// set, and comes back in the list of problems (in the order found), its
    /// message saying so. Only a bad [`ESSENTIAL`] attribute is an error.
    pub fn read(
        bundle: &Bundle,
        attr: impl Fn(&str) -> Option<String>,
    ) -> Result<(Options, Vec<OptionError>), OptionError> {
        let mut problems: Vec<OptionError> = Vec::new();
        // A measure published for one level only (Ofsted judges authorities)
        // is mapped at that level, whatever the default or the page says.
        let mut level: Option<&'static str> = None;
        // Each pass drops one more attribute, so this ends within as many
        // passes as there are attributes.
        loop {
            let dropped = |name: &str| problems.iter().any(|p| p.attribute == name);
            match Options::parse(bundle, |name| match (name, level) {
                ("level", Some(l)) => Some(l.to_string()),
                _ if dropped(name) => None,
                _ => attr(name),
            }) {
                Ok(o) if level.is_none() && !has_figures_at(bundle, o.measure, o.level) => {
                    let Some(other) = MAP_LEVELS
                        .into_iter()
                        .find(|&l| has_figures_at(bundle, o.measure, l))
                    else {
                        return Ok((o, problems));
                    };
                    level = Some(other.keyword());
                    if let Some(given) = attr("level") {
                        let m = bundle.measure(o.measure);
                        problems.push(err(
                            "level",
                            &given,
                            format!(
                                "{} has no figures for {} (level=\"{}\"): it is published for {} only, so the map shows those (level=\"{}\").",
                                m.label,
                                o.level.plural(),
                                excerpt(given.trim()),
                                other.plural(),
                                other.keyword()
                            ),
                        ));
                    }
                }
                Ok(o) => return Ok((o, problems)),
                Err(e) if ESSENTIAL.contains(&e.attribute) || dropped(e.attribute) => {
                    return Err(e)
                }
                Err(mut e) => {
                    e.message = format!(
                        "{} It is ignored: the chart is shown as if {} were not set.",
                        e.message, e.attribute
                    );
                    problems.push(e);
                }
            }
        }
    }

    /// What these options show that only the full engine draws (see the
    /// crate's `full` feature), in words for the widget to say while it
    /// loads: the bars, the scatter (as the view or one of the tabs) and
    /// statistical neighbours. `None`: the core engine draws all of it.
    pub fn full_engine_for(&self) -> Option<&'static str> {
        let shows = |v| self.view == v || self.tabs.contains(&v);
        if shows(ViewKind::Bars) {
            Some("the ranked bars")
        } else if shows(ViewKind::Scatter) {
            Some("the scatter plot")
        } else if self.compare == Compare::Neighbours {
            Some("the statistical neighbours")
        } else {
            None
        }
    }

    /// The years a view moves through: the scatter's are those both its
    /// measures have, the other views' those of `measure`.
    pub fn years_for(&self, bundle: &Bundle, view: ViewKind) -> Vec<u16> {
        match view {
            ViewKind::Scatter => common_years(bundle, self.x, self.y),
            _ => bundle.years_of(self.measure),
        }
    }

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
        for name in crate::view::attributes::engine_names() {
            if let Some(v) = attr(name) {
                if v.chars().count() > MAX_ATTRIBUTE_CHARS {
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
        let measure = match attr("measure").map(|s| s.trim().to_string()) {
            // A page that brings its own figures shows them unless it asks otherwise.
            None => bundle
                .measure_id(crate::data::USER_MEASURE)
                .or_else(|| bundle.measure_id(crate::data::DEFAULT_MEASURE))
                .unwrap_or(MeasureId(0)),
            Some(m) => measure_attr(bundle, "measure", &m)?,
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
        let compare = match attr("compare") {
            None => Compare::Region,
            Some(v) => choice("compare", &v, &Compare::ALL, Compare::keyword)?,
        };
        let neighbour_model = match attr("neighbour-model") {
            None => NeighbourModel::Dfe2025,
            Some(v) => choice(
                "neighbour-model",
                &v,
                &NeighbourModel::ALL,
                NeighbourModel::keyword,
            )?,
        };
        let neighbour_stat = match attr("neighbour-stat") {
            None => Statistic::Median,
            Some(v) => choice("neighbour-stat", &v, &Statistic::ALL, Statistic::keyword)?,
        };
        // Neighbours are authorities: comparing with them shows authorities
        // unless the page asks for regions.
        let level = match attr("level") {
            None if compare == Compare::Neighbours => Level::Authority,
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
        if categorical && view == ViewKind::Bars {
            return Err(err(
                "view",
                "bars",
                format!(
                    "{} is a judgement, not a number, so it cannot be ranked in bars. Use view=\"map\" or view=\"table\" for it, or a measure with figures.",
                    bundle.measure(measure).id
                ),
            ));
        }
        // A judgement has no trend: map and trend shows the map alone.
        let view = if categorical && view == ViewKind::MapTrend {
            ViewKind::Map
        } else {
            view
        };
        let tabs = parse_tabs(bundle, measure, &attr("tabs").unwrap_or_default())?;
        let view = match (&tabs[..], attr("view")) {
            // The first tab opens unless the page names another.
            ([first, ..], None) => *first,
            (t, _) if t.is_empty() || t.contains(&view) => view,
            _ => {
                let mut words = Vec::with_capacity(tabs.len());
                for t in &tabs {
                    words.push(t.keyword());
                }
                return Err(err(
                    "view",
                    view.keyword(),
                    format!(
                        "The view \"{}\" is not among the tabs. Valid values with tabs=\"{}\": {}.",
                        view.keyword(),
                        words.join(","),
                        words.join(", ")
                    ),
                ));
            }
        };
        let (x, y) = scatter_measures(bundle, measure, &attr)?;
        let mut year = year;
        if view == ViewKind::Scatter {
            let both = common_years(bundle, x, y);
            if !both.contains(&year) {
                match (year_given, both.last()) {
                    (false, Some(&last)) => year = last,
                    _ => {
                        return Err(err(
                            "year",
                            &year.to_string(),
                            format!(
                            "No year {} with data for both {} (x) and {} (y). Years with both: {}.",
                            year,
                            bundle.measure(x).id,
                            bundle.measure(y).id,
                            if both.is_empty() {
                                "none".to_string()
                            } else {
                                year_list(&both)
                            }
                        ),
                        ))
                    }
                }
            }
        }
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
            Some(c) if c == CLASS_KEYWORDS[4] => ClassMethod::England,
            Some(c) => {
                match numbers(&c).filter(|b| Classes::from_breaks(b).is_some()) {
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
        let height = match attr("height").map(|s| {
            // Every trailing "px", as `trim_end_matches` took them (which
            // would link a substring searcher).
            let mut s = s.trim();
            while let Some(rest) = s.strip_suffix("px") {
                s = rest;
            }
            s.to_string()
        }) {
            None => None,
            Some(h) => match decimal::parse(&h) {
                Some(v) if (160.0..=2000.0).contains(&v) => Some(v),
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
            x,
            y,
            tabs,
            compare,
            neighbour_model,
            neighbour_stat,
            picker,
        })
    }
}

/// Numbers separated by commas; `None` if any is not one.
fn numbers(text: &str) -> Option<Vec<f64>> {
    let mut v = Vec::new();
    for x in text.split(',') {
        v.push(decimal::parse(x.trim())?);
    }
    Some(v)
}

/// The `tabs` list: view keywords separated by commas, each once.
fn parse_tabs(
    bundle: &Bundle,
    measure: MeasureId,
    text: &str,
) -> Result<Vec<ViewKind>, OptionError> {
    let mut tabs = Vec::new();
    for word in text.split(',').map(str::trim).filter(|w| !w.is_empty()) {
        let v = choice_of(
            "tabs",
            word,
            &ViewKind::ALL,
            ViewKind::keyword,
            "Valid values: a comma-separated list of",
        )?;
        if bundle.measure(measure).kind == crate::data::Kind::Category
            && (v.has_trend() || v == ViewKind::Bars)
        {
            return Err(err(
                "tabs",
                word,
                format!(
                    "{} is a judgement at one date, so it has no trend or bars (tabs=\"{}\"). Leave out {} for it.",
                    bundle.measure(measure).id,
                    excerpt(text),
                    v.keyword()
                ),
            ));
        }
        if !tabs.contains(&v) {
            tabs.push(v);
        }
    }
    Ok(tabs)
}

/// The scatter's measures: numbers, not two vintages of one series, not the same.
fn scatter_measures(
    bundle: &Bundle,
    measure: MeasureId,
    attr: &impl Fn(&str) -> Option<String>,
) -> Result<(MeasureId, MeasureId), OptionError> {
    use crate::data::Kind;
    let numeric = |m: MeasureId| bundle.measure(m).kind != Kind::Category;
    let read = |name: &'static str| -> Result<Option<MeasureId>, OptionError> {
        let Some(text) = attr(name).filter(|t| !t.trim().is_empty()) else {
            return Ok(None);
        };
        let id = measure_attr(bundle, name, &text)?;
        if !numeric(id) {
            let mut list = Vec::new();
            for m in &bundle.measures {
                if m.kind != Kind::Category {
                    list.push(m.id.as_str());
                }
            }
            return Err(err(
                name,
                &text,
                format!(
                    "{} is a judgement, not a number, so it cannot be an axis of the scatter ({name}=\"{}\"). Valid measures for {name}: {}.",
                    bundle.measure(id).id,
                    excerpt(text.trim()),
                    list.join(", ")
                ),
            ));
        }
        Ok(Some(id))
    };
    let fallback = bundle.measure_id("cla_rate").unwrap_or(measure);
    let x = read("x")?
        .or_else(|| bundle.measure_id("child_poverty_bhc"))
        .unwrap_or(fallback);
    let y = match read("y")? {
        Some(y) => y,
        None if numeric(measure) && measure != x && !vintages_of_one_series(bundle, measure, x) => {
            measure
        }
        None => fallback,
    };
    let (xm, ym) = (&bundle.measure(x).id, &bundle.measure(y).id);
    if x == y {
        return Err(err(
            "y",
            ym,
            format!("x and y both name {ym}: a scatter needs two different measures."),
        ));
    }
    if vintages_of_one_series(bundle, x, y) {
        return Err(err(
            "y",
            ym,
            format!(
                "{xm} (x) and {ym} (y) are two vintages of one series, which are never compared: DWP revised the whole series, and the two differ by 1 to 4 points. Use one of them with another measure, e.g. x=\"{xm}\" y=\"cla_rate\"."
            ),
        ));
    }
    Ok((x, y))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_reads_exactly_the_engines_attributes_in_the_table() {
        use crate::view::attributes::{ReadBy, ATTRIBUTES};
        let b = crate::data::complete().unwrap();
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
    fn an_unknown_keyword_is_named_with_a_hint_and_every_valid_value() {
        let b = crate::data::complete().unwrap();
        let problem = |name: &'static str, value: &'static str| {
            let (_, p) = Options::read(&b, |n| (n == name).then(|| value.to_string())).unwrap();
            assert_eq!(p.len(), 1, "{name}={value}: {p:?}");
            p[0].message.clone()
        };
        let m = problem("theme", "Drak");
        assert!(
            m.starts_with("Unknown theme \"Drak\". Did you mean \"dark\"? Valid values: "),
            "{m}"
        );
        for t in Theme::ALL {
            assert!(m.contains(t.keyword()), "{m}");
        }
        let m = problem("tabs", "map,trnd");
        assert!(
            m.contains(
                "\"trnd\". Did you mean \"trend\"? Valid values: a comma-separated list of map+trend, map, "
            ),
            "{m}"
        );
    }

    #[test]
    fn a_bad_optional_attribute_degrades_and_a_bad_measure_or_level_does_not() {
        let b = crate::data::complete().unwrap();
        let given = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                pairs
                    .iter()
                    .find(|(k, _)| *k == name)
                    .map(|(_, v)| v.to_string())
            }
        };
        let (o, problems) = Options::read(
            &b,
            given(&[
                ("palette", "rainbow"),
                ("highlight", "E0600004"),
                ("year", "1999"),
                ("theme", "dark"),
            ]),
        )
        .unwrap();
        let named: Vec<&str> = problems.iter().map(|p| p.attribute).collect();
        assert_eq!(named, ["year", "highlight", "palette"]);
        assert!(problems[2].message.contains("rainbow"));
        assert!(problems[2]
            .message
            .contains("shown as if palette were not set"));
        assert_eq!(o.palette, palette::YELLOW_GREEN_BLUE);
        assert!(o.highlight.is_empty());
        assert_eq!(o.theme, Theme::Dark, "good values are kept");
        assert_eq!(Some(&o.year), b.years_of(o.measure).last());
        for bad in [("measure", "looked_after"), ("level", "ward")] {
            let e = Options::read(&b, |n| (n == bad.0).then(|| bad.1.to_string())).unwrap_err();
            assert_eq!(e.attribute, bad.0);
            assert!(e.message.contains("Valid"), "{}", e.message);
        }
        // Ofsted judges authorities: a region map of it would be all gaps.
        let (o, p) = Options::read(&b, given(&[("measure", "ofsted_overall")])).unwrap();
        assert_eq!(
            (o.level, p.len()),
            (Level::Authority, 0),
            "by default, silently"
        );
        let (o, p) = Options::read(
            &b,
            given(&[("measure", "ofsted_overall"), ("level", "region")]),
        )
        .unwrap();
        assert_eq!(o.level, Level::Authority);
        assert_eq!(p[0].attribute, "level");
        assert!(
            p[0].message
                .contains("published for local authorities only"),
            "{}",
            p[0].message
        );
        let (o, p) = Options::read(&b, given(&[("level", "la")])).unwrap();
        assert_eq!((o.level, p.len()), (Level::Authority, 0));
        // A judgement has no trend: the view falls back, the map is drawn.
        let (o, p) = Options::read(
            &b,
            given(&[("measure", "ofsted_overall"), ("view", "trend")]),
        )
        .unwrap();
        assert_eq!((o.view, p.len()), (ViewKind::Map, 1));
    }

    #[test]
    fn year_lists_collapse_runs() {
        assert_eq!(year_list(&[2010, 2013, 2014, 2015]), "2010, 2013–2015");
        assert_eq!(year_list(&[]), "");
    }
}
