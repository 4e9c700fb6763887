//! The North East story's figures, computed from the bundle when the site is
//! built, and the check that every number in the rendered story is one of
//! them and equals what the bundle says.
//!
//! Each figure is written as `<data class="fig" data-kind=… value=…>text</data>`
//! carrying where it comes from, so [`check`] can recompute it; the years a
//! sentence names are figures too. A value the pipeline derived (count ÷
//! population) is followed by [`DERIVED_MARK`], one this site calculates (a
//! change, a ratio) by [`CALCULATED_MARK`]; the story's notes explain both.

use crate::html::{self, Token};
use care_atlas::data::NeighbourModel;
use care_atlas::data::{AreaId, Basis, Bundle, Cell, Kind, Level, MeasureId, Polarity};
use care_atlas::scale::format;
use care_atlas::view::compare::{self, Statistic};
use care_atlas::view::scatter;
use std::collections::BTreeMap;

/// The story's scatter: DWP's current child poverty series (x) against
/// children looked after (y).
pub const SCATTER: (&str, &str) = ("child_poverty_bhc", "cla_rate");

/// The scatter of every authority in `year`, as the widget draws it.
fn scatter_of(b: &Bundle, x: MeasureId, y: MeasureId, year: u16) -> scatter::Scatter {
    let live = |a: AreaId, m| b.area(a).live_in(b.map_year(m, year));
    let areas: Vec<AreaId> = b
        .areas_at(Level::Authority)
        .filter(|&a| live(a, x) || live(a, y))
        .collect();
    scatter::scatter(b, (x, y), year, &areas, &[], &[])
}

/// The region the story is about.
pub const REGION: &str = "E12000001";

pub const DERIVED_MARK: &str =
    r##"<a class="mark" href="#derived" aria-label="derived value, see the notes">†</a>"##;
pub const CALCULATED_MARK: &str = r##"<a class="mark" href="#calculated" aria-label="calculated by this site, see the notes">‡</a>"##;
/// Where each mark links: how [`check`] tells them apart.
const DERIVED_HREF: &str = "#derived";
const CALCULATED_HREF: &str = "#calculated";

const ORDINALS: [&str; 20] = [
    "",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
    "twentieth",
];
const COUNTS: [&str; 21] = [
    "no",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
];

pub fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn count_word(n: usize) -> String {
    COUNTS.get(n).map_or(n.to_string(), |w| w.to_string())
}

/// "highest", "second highest", …, "lowest"; `joint` when tied.
fn rank_phrase(rank: usize, of: usize, tied: bool, top: &str, bottom: &str) -> String {
    let word = if rank == of && of > 1 {
        bottom.to_string()
    } else if rank == 1 {
        top.to_string()
    } else {
        format!(
            "{} {top}",
            ORDINALS.get(rank - 1).copied().unwrap_or("next")
        )
    };
    if tied {
        format!("joint {word}")
    } else {
        word
    }
}

/// Rank (1 = largest) of `area` among `areas` by `key`, and whether it is tied.
fn rank_of(areas: &[(AreaId, f64)], area: AreaId) -> Option<(usize, bool)> {
    let own = areas.iter().find(|(a, _)| *a == area)?.1;
    let above = areas.iter().filter(|(_, v)| *v > own).count();
    let tied = areas
        .iter()
        .filter(|(a, v)| *v == own && *a != area)
        .count()
        > 0;
    Some((above + 1, tied))
}

fn percent(from: f64, to: f64) -> f64 {
    (to - from) / from * 100.0
}

/// The story's figures, keyed for the page template (`{{cla_rate.ne.last}}`).
pub struct Figures<'a> {
    b: &'a Bundle,
    region: AreaId,
    country: AreaId,
    regions: Vec<AreaId>,
}

impl<'a> Figures<'a> {
    pub fn new(b: &'a Bundle) -> Result<Figures<'a>, String> {
        let region = b
            .area_id(REGION)
            .ok_or(format!("the bundle has no area {REGION}"))?;
        let country = b.country().ok_or("the bundle has no country")?;
        Ok(Figures {
            b,
            region,
            country,
            regions: b.areas_at(Level::Region).collect(),
        })
    }

    fn measure(&self, m: MeasureId) -> &str {
        &self.b.measure(m).id
    }

    fn cell(&self, m: MeasureId, a: AreaId, y: u16) -> Result<(f64, u8, Basis), String> {
        match self.b.cell(m, a, y) {
            Cell::Value {
                value,
                decimals,
                basis,
            } => Ok((value, decimals, basis)),
            Cell::Missing(why) => Err(format!(
                "the story needs {} for {} in {y}, but it is missing ({})",
                self.measure(m),
                self.b.area(a).code,
                why.reason()
            )),
        }
    }

    /// A published (or pipeline-derived) value, with its mark if derived.
    pub fn value(&self, m: MeasureId, a: AreaId, y: u16) -> Result<String, String> {
        let (v, d, basis) = self.cell(m, a, y)?;
        let derived = matches!(basis, Basis::Derived(_));
        Ok(format!(
            r#"<data class="fig" data-kind="value" data-measure="{}" data-area="{}" data-year="{y}" data-basis="{}" value="{v}">{}</data>{}"#,
            self.measure(m),
            self.b.area(a).code,
            if derived { "derived" } else { "official" },
            format::number(v, d),
            if derived { DERIVED_MARK } else { "" }
        ))
    }

    pub fn year(&self, m: MeasureId, y: u16) -> String {
        format!(
            r#"<data class="fig" data-kind="year" data-measure="{}" value="{y}">{y}</data>"#,
            self.measure(m)
        )
    }

    /// Text of the bundle's that holds digits ("per 10,000 children", "at
    /// 31 March"), marked so the check can compare it with the bundle.
    fn text(&self, m: MeasureId, field: &str, value: &str) -> String {
        format!(
            r#"<span class="bundle-text" data-measure="{}" data-field="{field}">{}</span>"#,
            self.measure(m),
            escape(value)
        )
    }

    pub fn unit(&self, m: MeasureId) -> String {
        self.text(m, "unit", &self.b.measure(m).unit)
    }

    pub fn region_count(&self) -> String {
        format!(
            r#"<data class="fig" data-kind="count" data-level="region" value="{}">{}</data>"#,
            self.regions.len(),
            count_word(self.regions.len())
        )
    }

    /// Per cent change from `from` to `to`, whole per cent.
    pub fn change(&self, m: MeasureId, a: AreaId, from: u16, to: u16) -> Result<String, String> {
        let p = percent(self.cell(m, a, from)?.0, self.cell(m, a, to)?.0);
        Ok(format!(
            r#"<data class="fig" data-kind="change" data-measure="{}" data-area="{}" data-from="{from}" data-to="{to}" value="{p:.4}">{}</data>{CALCULATED_MARK}"#,
            self.measure(m),
            self.b.area(a).code,
            format::percent_change(p, 0)
        ))
    }

    fn values(&self, m: MeasureId, y: u16) -> Vec<(AreaId, f64)> {
        self.regions
            .iter()
            .filter_map(|&a| self.b.cell(m, a, y).value().map(|v| (a, v)))
            .collect()
    }

    /// "highest" (of the regions with a value that year).
    pub fn rank(&self, m: MeasureId, a: AreaId, y: u16) -> Result<String, String> {
        let all = self.values(m, y);
        let (r, tied) =
            rank_of(&all, a).ok_or(format!("no {} value to rank in {y}", self.measure(m)))?;
        Ok(format!(
            r#"<data class="fig" data-kind="rank" data-measure="{}" data-area="{}" data-year="{y}" value="{r}">{}</data>"#,
            self.measure(m),
            self.b.area(a).code,
            rank_phrase(r, all.len(), tied, "highest", "lowest")
        ))
    }

    /// "the largest rise" of the regions, by per cent change.
    pub fn change_rank(
        &self,
        m: MeasureId,
        a: AreaId,
        from: u16,
        to: u16,
    ) -> Result<String, String> {
        let first = self.values(m, from);
        let changes: Vec<(AreaId, f64)> = self
            .values(m, to)
            .into_iter()
            .filter_map(|(x, v)| {
                let f = first.iter().find(|(y, _)| *y == x)?.1;
                Some((x, percent(f, v)))
            })
            .collect();
        let (r, tied) = rank_of(&changes, a).ok_or("no change to rank")?;
        let own = changes.iter().find(|(x, _)| *x == a).map_or(0.0, |c| c.1);
        let noun = if own >= 0.0 { "rise" } else { "change" };
        Ok(format!(
            r#"the <data class="fig" data-kind="change-rank" data-measure="{}" data-area="{}" data-from="{from}" data-to="{to}" value="{r}">{}</data> {noun}"#,
            self.measure(m),
            self.b.area(a).code,
            rank_phrase(r, changes.len(), tied, "largest", "smallest")
        ))
    }

    /// How many times England's rate the area's is, to one decimal.
    pub fn ratio(&self, m: MeasureId, a: AreaId, y: u16) -> Result<String, String> {
        let r = self.cell(m, a, y)?.0 / self.cell(m, self.country, y)?.0;
        Ok(format!(
            r#"<data class="fig" data-kind="ratio" data-measure="{}" data-area="{}" data-year="{y}" value="{r:.4}">{}</data>{CALCULATED_MARK}"#,
            self.measure(m),
            self.b.area(a).code,
            format::number(r, 1)
        ))
    }

    /// The demand rates, the story's first subject, in bundle order.
    fn rates(&self) -> impl Iterator<Item = MeasureId> + '_ {
        // (Children starting care is told with the year's other measures.)
        self.b.measure_ids().filter(|&m| {
            let m = self.b.measure(m);
            m.kind == Kind::Rate && m.family == "demand" && m.id != "cla_starts_rate"
        })
    }

    /// The latest year both the region and England have a value.
    fn latest(&self, m: MeasureId) -> Result<u16, String> {
        self.b
            .years_of(m)
            .into_iter()
            .rev()
            .find(|&y| {
                self.b.cell(m, self.region, y).value().is_some()
                    && self.b.cell(m, self.country, y).value().is_some()
            })
            .ok_or_else(|| format!("{} has no year with both figures", self.measure(m)))
    }

    /// How many regions have a figure in `y`, as a word.
    fn regions_with(&self, m: MeasureId, y: u16) -> String {
        let n = self.values(m, y).len();
        format!(
            r#"<data class="fig" data-kind="count" data-measure="{}" data-year="{y}" value="{n}">{}</data>"#,
            self.measure(m),
            count_word(n)
        )
    }

    /// "lower than" / "higher than" / "the same as" England, and whether
    /// that is better or worse by the measure's polarity.
    fn compare(&self, m: MeasureId, y: u16) -> Result<(String, String), String> {
        let (own, eng) = (
            self.cell(m, self.region, y)?.0,
            self.cell(m, self.country, y)?.0,
        );
        let sign = (own - eng).signum() as i32 * i32::from(own != eng);
        let words = match sign {
            1 => "higher than",
            -1 => "lower than",
            _ => "the same as",
        };
        let better = match (self.b.measure(m).polarity, sign) {
            (_, 0) => None,
            (Polarity::HigherIsBetter, s) => Some(s > 0),
            (Polarity::LowerIsBetter, s) => Some(s < 0),
            // More need is not "worse" of a service; no verdict on spending.
            (Polarity::HigherIsMoreNeed | Polarity::Neutral, _) => None,
        };
        let attrs = format!(
            r#"data-measure="{}" data-area="{}" data-year="{y}""#,
            self.measure(m),
            self.b.area(self.region).code
        );
        let verdict = match better {
            Some(b) => format!(
                r#", <data class="fig" data-kind="verdict" {attrs} value="{}">{}</data> than England"#,
                i32::from(b),
                if b { "better" } else { "worse" }
            ),
            None => String::new(),
        };
        Ok((
            format!(
                r#"<data class="fig" data-kind="compare" {attrs} value="{sign}">{words}</data>"#
            ),
            verdict,
        ))
    }

    /// One measure in a sentence: the region against England in the latest
    /// year both have, its rank, and whether that is better or worse.
    fn item(&self, id: &str) -> Result<String, String> {
        let m = self.b.measure_id(id).ok_or(format!("no measure {id}"))?;
        let y = self.latest(m)?;
        let (cmp, verdict) = self.compare(m, y)?;
        let measure = self.b.measure(m);
        Ok(format!(
            "<li><strong>{}</strong> ({}, {} {}): {} in the {}, {cmp} England's {}{verdict}; the {} of the {} regions with a figure.</li>\n",
            self.text(m, "label", &measure.label),
            self.unit(m),
            self.text(m, "convention", &measure.convention),
            self.year(m, y),
            self.value(m, self.region, y)?,
            escape(&self.b.area(self.region).name),
            self.value(m, self.country, y)?,
            self.rank(m, self.region, y)?,
            self.regions_with(m, y),
        ))
    }

    fn items(&self, ids: &[&str]) -> Result<String, String> {
        let mut s = String::from("<ul class=\"latest\">\n");
        for id in ids {
            s += &self.item(id)?;
        }
        Ok(s + "</ul>")
    }

    /// The first and last year both the region and England have a value.
    fn span(&self, m: MeasureId) -> Result<(u16, u16), String> {
        let both: Vec<u16> = self
            .b
            .years_of(m)
            .into_iter()
            .filter(|&y| {
                self.b.cell(m, self.region, y).value().is_some()
                    && self.b.cell(m, self.country, y).value().is_some()
            })
            .collect();
        match (both.first(), both.last()) {
            (Some(&f), Some(&l)) if f < l => Ok((f, l)),
            _ => Err(format!("{} has no two years to compare", self.measure(m))),
        }
    }

    /// Every `{{key}}` the story's template may use.
    pub fn keys(&self) -> Result<BTreeMap<String, String>, String> {
        let mut k = BTreeMap::new();
        k.insert("regions".into(), self.region_count());
        k.insert("region.name".into(), escape(&self.b.area(self.region).name));
        k.insert("region.code".into(), REGION.into());
        for m in self.rates() {
            let id = self.measure(m).to_string();
            let (first, last) = self.span(m)?;
            let label = format::mid_sentence(&self.b.measure(m).label);
            let mut put = |key: &str, v: String| k.insert(format!("{id}.{key}"), v);
            put("label", escape(&label));
            put("unit", self.unit(m));
            put("first", self.year(m, first));
            put("last", self.year(m, last));
            put("first.raw", first.to_string());
            put("last.raw", last.to_string());
            for (name, a) in [("ne", self.region), ("eng", self.country)] {
                put(&format!("{name}.first"), self.value(m, a, first)?);
                put(&format!("{name}.last"), self.value(m, a, last)?);
                put(&format!("{name}.change"), self.change(m, a, first, last)?);
            }
            put("ne.rank.first", self.rank(m, self.region, first)?);
            put("ne.rank.last", self.rank(m, self.region, last)?);
            put(
                "ne.change_rank",
                self.change_rank(m, self.region, first, last)?,
            );
            put("ne.ratio", self.ratio(m, self.region, last)?);
        }
        self.scatter_keys(&mut k)?;
        k.insert("story.latest".into(), self.latest_list()?);
        k.insert(
            "story.factors".into(),
            self.items(&[
                "factor_domestic_abuse_rate",
                "factor_mental_health_rate",
                "factor_drug_misuse_rate",
                "factor_alcohol_misuse_rate",
            ])?,
        );
        k.insert(
            "story.demand_more".into(),
            self.items(&["cla_starts_rate", "cpp_repeat_pct", "uasc_share"])?,
        );
        k.insert(
            "story.workforce".into(),
            self.items(&[
                "sw_turnover_rate",
                "sw_agency_rate",
                "sw_vacancy_rate",
                "sw_caseload",
            ])?,
        );
        k.insert("story.money".into(), self.money()?);
        k.insert(
            "story.outcomes".into(),
            self.items(&[
                "placements_3plus_pct",
                "placements_stable_pct",
                "placements_far_out_pct",
                "leavers_eet_pct",
                "leavers_accommodation_pct",
            ])?,
        );
        k.insert("story.cla_table".into(), self.year_table("cla_rate")?);
        k.insert("story.notes".into(), self.notes());
        Ok(k)
    }

    /// Poverty against children looked after across the authorities in the
    /// latest year both have: r, n and the line's slope (calculated by this site).
    fn scatter_keys(&self, k: &mut BTreeMap<String, String>) -> Result<(), String> {
        let (Some(x), Some(y)) = (self.b.measure_id(SCATTER.0), self.b.measure_id(SCATTER.1))
        else {
            return Err("the story's scatter needs child_poverty_bhc and cla_rate".into());
        };
        let year = *care_atlas::view::options::common_years(self.b, x, y)
            .last()
            .ok_or("child poverty and children looked after share no year")?;
        let s = scatter_of(self.b, x, y, year);
        let f = s.fit.ok_or("the story's scatter has no correlation")?;
        let fig = |stat: &str, v: f64, text: String| {
            format!(
                r#"<data class="fig" data-kind="correlation" data-x="{}" data-y="{}" data-year="{year}" data-stat="{stat}" value="{v}">{text}</data>{CALCULATED_MARK}"#,
                SCATTER.0, SCATTER.1
            )
        };
        k.insert("scatter.r".into(), fig("r", f.r, format::number(f.r, 2)));
        k.insert("scatter.n".into(), fig("n", f.n as f64, f.n.to_string()));
        k.insert(
            "scatter.slope".into(),
            fig("slope", f.slope, format::number(f.slope, 1)),
        );
        k.insert("scatter.strength".into(), scatter::strength(f.r).into());
        k.insert("scatter.year".into(), self.year(y, year));
        k.insert("scatter.year.raw".into(), year.to_string());
        k.insert("scatter.x.unit".into(), self.unit(x));
        k.insert("scatter.y.unit".into(), self.unit(y));
        let gaps: Vec<String> = s
            .gaps
            .iter()
            .map(|g| escape(&self.b.area(g.area).name))
            .collect();
        k.insert("scatter.gaps".into(), gaps.join(" and "));
        Ok(())
    }

    /// One item per rate measure: the region and England in the latest year.
    fn latest_list(&self) -> Result<String, String> {
        let mut s = String::from("<ul class=\"latest\">\n");
        for m in self.rates() {
            let (first, last) = self.span(m)?;
            s += &format!(
                "<li><strong>{}</strong>: {} {} in {}, against {} for England: the {} of the {} regions. \
                 Since {}: {} in the {}, {} in England.</li>\n",
                escape(&self.b.measure(m).label),
                self.value(m, self.region, last)?,
                self.unit(m),
                self.year(m, last),
                self.value(m, self.country, last)?,
                self.rank(m, self.region, last)?,
                self.region_count(),
                self.year(m, first),
                self.change(m, self.region, first, last)?,
                escape(&self.b.area(self.region).name),
                self.change(m, self.country, first, last)?,
            );
        }
        Ok(s + "</ul>")
    }

    /// Spending: per child (derived from RO3), and the rise in section 251
    /// spending on children looked after, the region against England.
    fn money(&self) -> Result<String, String> {
        let per_child = self.item("spend_csc_per_child")?;
        let m = self.b.measure_id("spend_cla").ok_or("no spend_cla")?;
        let (first, last) = self.span(m)?;
        Ok(format!(
            "<ul class=\"latest\">\n{per_child}<li><strong>{}</strong> ({}, {}): in the {} {} in {}, {} in {}: a change of {}, against {} for England.</li>\n</ul>",
            self.text(m, "label", &self.b.measure(m).label),
            self.unit(m),
            self.text(m, "convention", &self.b.measure(m).convention),
            escape(&self.b.area(self.region).name),
            self.value(m, self.region, first)?,
            self.year(m, first),
            self.value(m, self.region, last)?,
            self.year(m, last),
            self.change(m, self.region, first, last)?,
            self.change(m, self.country, first, last)?,
        ))
    }

    /// Every year of a measure: the region, England, and the region's rank.
    fn year_table(&self, id: &str) -> Result<String, String> {
        let m = self.b.measure_id(id).ok_or(format!("no measure {id}"))?;
        let measure = self.b.measure(m);
        let region = escape(&self.b.area(self.region).name);
        let mut s = format!(
            "<div class=\"table-wrap\" role=\"region\" aria-labelledby=\"cla-table-caption\" tabindex=\"0\">\n\
             <table>\n<caption id=\"cla-table-caption\">{}, {}, {} each year: {region} and England</caption>\n\
             <thead><tr><th scope=\"col\">Year</th><th scope=\"col\">{region}</th><th scope=\"col\">England</th>\
             <th scope=\"col\">{region} among the regions</th></tr></thead>\n<tbody>\n",
            escape(&measure.label),
            self.unit(m),
            self.text(m, "convention", &measure.convention),
        );
        for y in measure.years.0..=measure.years.1 {
            let cell = |a| match self.b.cell(m, a, y) {
                Cell::Value { .. } => self.value(m, a, y),
                Cell::Missing(why) => Ok(format!(
                    "<span class=\"gap\">no figure: {}</span>",
                    why.reason()
                )),
            };
            let rank = if self.b.cell(m, self.region, y).value().is_some() {
                self.rank(m, self.region, y)?
            } else {
                String::new()
            };
            s += &format!(
                "<tr><th scope=\"row\">{}</th><td>{}</td><td>{}</td><td>{rank}</td></tr>\n",
                self.year(m, y),
                cell(self.region)?,
                cell(self.country)?
            );
        }
        Ok(s + "</tbody>\n</table>\n</div>")
    }

    /// The bundle's formulas for derived values, for the story's notes.
    fn notes(&self) -> String {
        let items: String = self
            .b
            .notes
            .iter()
            .enumerate()
            .map(|(i, n)| {
                format!(
                    r#"<li><span class="bundle-text" data-note="{i}">{}</span></li>"#,
                    escape(n)
                )
            })
            .collect();
        format!("<ul>{items}</ul>")
    }
}

/// A number as the story writes it: "1,234.5", "−3", "+60%", "1.7".
fn parse_number(text: &str) -> Option<f64> {
    let t: String = text
        .replace('\u{2212}', "-")
        .chars()
        .filter(|c| !matches!(c, ',' | '%' | '+'))
        .collect();
    t.trim().parse().ok()
}

/// Rank a phrase such as "second highest" or "joint lowest" stands for.
fn parse_rank(text: &str, of: usize) -> Option<usize> {
    let t = text.trim_start_matches("joint ");
    let mut words = t.split(' ');
    let first = words.next()?;
    match (first, words.next()) {
        ("highest" | "largest", None) => Some(1),
        ("lowest" | "smallest", None) => Some(of),
        (w, Some(_)) => ORDINALS.iter().position(|o| *o == w).map(|i| i + 1),
        _ => None,
    }
}

/// Checks a rendered story page against the bundle: every figure recomputed
/// from its provenance, no digit outside a figure or unit, derived and
/// calculated figures marked. Returns how many figures were checked.
pub fn check(html: &str, b: &Bundle) -> Result<usize, Vec<String>> {
    let tokens = html::tokens(html);
    let Some(start) = tokens
        .iter()
        .position(|t| t.is_start("article") && t.attr("id") == Some("story"))
    else {
        return Err(vec!["no <article id=\"story\"> in the page".into()]);
    };
    let rest = &tokens[start + 1..];
    let story = &rest[..rest
        .iter()
        .position(|t| t.is_end("article"))
        .unwrap_or(rest.len())];
    let mut errors = Vec::new();
    let mut checked = 0;
    let mut prose = String::new();
    let regions: Vec<AreaId> = b.areas_at(Level::Region).collect();
    let mut at = 0;
    while let Some(attrs) = story.get(at) {
        at += 1;
        let is_unit = attrs.is_start("span") && attrs.has_class("bundle-text");
        if !is_unit && !attrs.is_start("data") {
            prose += attrs.text().unwrap_or("");
            continue;
        }
        let element = if is_unit { "span" } else { "data" };
        let Some(len) = story[at..].iter().position(|t| t.is_end(element)) else {
            errors.push("unclosed figure".into());
            break;
        };
        let text: String = story[at..at + len].iter().filter_map(Token::text).collect();
        let text = text.as_str();
        at += len + 1;
        // The link that marks a figure derived or calculated follows it.
        let mark = story
            .get(at)
            .filter(|t| t.is_start("a") && t.has_class("mark"))
            .and_then(|t| t.attr("href"));
        let attr = |k: &str| attrs.attr(k);
        let measure = attr("data-measure").and_then(|m| b.measure_id(m));
        if is_unit {
            let want = match (measure, attr("data-field"), attr("data-note")) {
                (Some(m), Some("unit"), _) => Some(&b.measure(m).unit),
                (Some(m), Some("convention"), _) => Some(&b.measure(m).convention),
                (Some(m), Some("label"), _) => Some(&b.measure(m).label),
                (_, _, Some(n)) => n.parse::<usize>().ok().and_then(|n| b.notes.get(n)),
                _ => None,
            };
            if want.map(String::as_str) != Some(text) {
                errors.push(format!("{text:?} is not the bundle's text {attrs}"));
            }
            continue;
        }
        checked += 1;
        let num = |k: &str| attr(k).and_then(|v| v.parse::<f64>().ok());
        let year = |k: &str| attr(k).and_then(|v| v.parse::<u16>().ok());
        let area = attr("data-area").and_then(|a| b.area_id(a));
        let kind = attr("data-kind").unwrap_or("");
        let marked = |href: &str| mark == Some(href);
        let mut fail = |why: String| errors.push(format!("{kind} figure {text:?} {attrs}: {why}"));
        let value = |m, a, y| b.cell(m, a, y).value();
        match kind {
            "value" => {
                let (Some(m), Some(a), Some(y)) = (measure, area, year("data-year")) else {
                    fail("incomplete provenance".into());
                    continue;
                };
                match b.cell(m, a, y) {
                    Cell::Value {
                        value,
                        decimals,
                        basis,
                    } => {
                        let shown = parse_number(text);
                        let tol = 0.5 * 10f64.powi(-i32::from(decimals)) + 1e-9;
                        if shown.is_none_or(|s| (s - value).abs() > tol) {
                            fail(format!("the bundle says {value}"));
                        }
                        let derived = matches!(basis, Basis::Derived(_));
                        if derived != marked(DERIVED_HREF) {
                            fail(format!("derived is {derived} but the mark says otherwise"));
                        }
                    }
                    Cell::Missing(why) => {
                        fail(format!("the bundle has no value ({})", why.reason()))
                    }
                }
            }
            "change" => {
                let (Some(m), Some(a), Some(f), Some(t)) =
                    (measure, area, year("data-from"), year("data-to"))
                else {
                    fail("incomplete provenance".into());
                    continue;
                };
                match (value(m, a, f), value(m, a, t), parse_number(text)) {
                    (Some(x), Some(y), Some(shown)) => {
                        let want = (y - x) / x * 100.0;
                        if (shown - want).abs() > 0.5 + 1e-9 {
                            fail(format!("the change is {want:.2}%"));
                        }
                        if want > 0.5 && !text.starts_with('+') {
                            fail("a rise is shown without its sign".into());
                        }
                    }
                    _ => fail("cannot recompute".into()),
                }
                if !marked(CALCULATED_HREF) {
                    fail("not marked as calculated".into());
                }
            }
            "ratio" => {
                let (Some(m), Some(a), Some(y), Some(c)) =
                    (measure, area, year("data-year"), b.country())
                else {
                    fail("incomplete provenance".into());
                    continue;
                };
                match (value(m, a, y), value(m, c, y), parse_number(text)) {
                    (Some(x), Some(e), Some(shown)) if (shown - x / e).abs() <= 0.05 + 1e-9 => {}
                    _ => fail("is not the area's value over England's".into()),
                }
                if !marked(CALCULATED_HREF) {
                    fail("not marked as calculated".into());
                }
            }
            "rank" | "change-rank" => {
                let Some(m) = measure else {
                    fail("no measure".into());
                    continue;
                };
                let key = |x: AreaId| -> Option<f64> {
                    if kind == "rank" {
                        value(m, x, year("data-year")?)
                    } else {
                        let (f, t) = (
                            value(m, x, year("data-from")?)?,
                            value(m, x, year("data-to")?)?,
                        );
                        Some((t - f) / f)
                    }
                };
                let all: Vec<f64> = regions.iter().filter_map(|&x| key(x)).collect();
                match (area.and_then(key), parse_rank(text, all.len())) {
                    (Some(own), Some(shown)) => {
                        let want = 1 + all.iter().filter(|v| **v > own).count();
                        if shown != want || num("value") != Some(want as f64) {
                            fail(format!("the rank is {want} of {}", all.len()));
                        }
                    }
                    _ => fail("cannot recompute".into()),
                }
            }
            "correlation" => {
                let m = |k: &str| attr(k).and_then(|v| b.measure_id(v));
                let (Some(x), Some(y), Some(yr)) = (m("data-x"), m("data-y"), year("data-year"))
                else {
                    fail("incomplete provenance".into());
                    continue;
                };
                let Some(f) = scatter_of(b, x, y, yr).fit else {
                    fail("no correlation to recompute".into());
                    continue;
                };
                let (want, tol) = match attr("data-stat") {
                    Some("r") => (f.r, 0.005),
                    Some("n") => (f.n as f64, 0.0),
                    Some("slope") => (f.slope, 0.05),
                    _ => (f64::NAN, 0.0),
                };
                match parse_number(text) {
                    Some(shown) if (shown - want).abs() <= tol + 1e-9 => {}
                    _ => fail(format!("the bundle gives {want}")),
                }
                if !marked(CALCULATED_HREF) {
                    fail("not marked as calculated".into());
                }
            }
            "count" => {
                // All regions, or those with a figure for a measure in a year.
                let n = match (measure, year("data-year")) {
                    (Some(m), Some(y)) => regions
                        .iter()
                        .filter(|&&r| value(m, r, y).is_some())
                        .count(),
                    _ => regions.len(),
                };
                if COUNTS.get(n).copied() != Some(text) || num("value") != Some(n as f64) {
                    fail(format!("there are {n} regions"));
                }
            }
            "compare" | "verdict" => {
                let (Some(m), Some(a), Some(y), Some(c)) =
                    (measure, area, year("data-year"), b.country())
                else {
                    fail("incomplete provenance".into());
                    continue;
                };
                let (Some(own), Some(eng)) = (value(m, a, y), value(m, c, y)) else {
                    fail("cannot recompute".into());
                    continue;
                };
                let sign = if own > eng {
                    1
                } else if own < eng {
                    -1
                } else {
                    0
                };
                let want = if kind == "compare" {
                    ["lower than", "the same as", "higher than"][(sign + 1) as usize]
                } else {
                    let better = match b.measure(m).polarity {
                        Polarity::HigherIsBetter => sign > 0,
                        _ => sign < 0,
                    };
                    if better {
                        "better"
                    } else {
                        "worse"
                    }
                };
                if text != want {
                    fail(format!("the region is {want} England"));
                }
            }
            "year" => match (measure, year("value")) {
                (Some(m), Some(y)) if text == y.to_string() && b.years_of(m).contains(&y) => {}
                (Some(m), Some(y))
                    if text == y.to_string()
                        && (b.measure(m).years.0..=b.measure(m).years.1).contains(&y) => {}
                _ => fail("is not a year of its measure".into()),
            },
            "nstat" | "nwith" => {
                let (Some(m), Some(a), Some(y)) = (measure, area, year("data-year")) else {
                    fail("incomplete provenance".into());
                    continue;
                };
                let model = attr("data-model").and_then(NeighbourModel::from_keyword);
                let stat = attr("data-stat").and_then(Statistic::from_keyword);
                let (Some(model), Some(stat)) = (model, stat) else {
                    fail("no model or statistic".into());
                    continue;
                };
                let Some(g) = b.neighbour_group(a, model) else {
                    fail("the model has no list for the area".into());
                    continue;
                };
                let f = compare::neighbour_figure(b, m, g.neighbours, y, stat);
                let shown = parse_number(text);
                if kind == "nwith" {
                    if shown != Some(f.with as f64) && COUNTS.get(f.with).copied() != Some(text) {
                        fail(format!("{} neighbours have a figure", f.with));
                    }
                    continue;
                }
                match (f.value, shown) {
                    (Some(v), Some(x)) if (v - x).abs() <= 0.05 + 1e-9 => {}
                    (v, _) => fail(format!("the neighbours' {} is {v:?}", stat.keyword())),
                }
                if !marked(CALCULATED_HREF) {
                    fail("not marked as calculated".into());
                }
            }
            "nrank" | "nof" | "band" => {
                let (Some(m), Some(a), Some(y)) = (measure, area, year("data-year")) else {
                    fail("incomplete provenance".into());
                    continue;
                };
                let Some(r) = compare::rank(b, m, a, y) else {
                    fail("no rank".into());
                    continue;
                };
                let want = match kind {
                    "nrank" => {
                        let t = if r.tied > 0 { "joint " } else { "" };
                        format!("{t}{} highest", compare::ordinal(r.place))
                    }
                    "nof" => r.of.to_string(),
                    _ => r.band().map_or("none".into(), |x| x.letter().to_string()),
                };
                if text != want {
                    fail(format!("should read {want:?}"));
                }
            }
            "model" => {
                if attr("value")
                    .and_then(NeighbourModel::from_keyword)
                    .map(|m| m.keyword())
                    != Some(text)
                {
                    fail("is not a neighbour model".into());
                }
            }
            "listed" | "shared" => {
                let (Some(a), Some(model)) = (
                    area,
                    attr("data-model").and_then(NeighbourModel::from_keyword),
                ) else {
                    fail("incomplete provenance".into());
                    continue;
                };
                let list = |m| {
                    b.neighbour_group(a, m).map(|g| {
                        g.neighbours
                            .iter()
                            .map(|n| b.area(n.area).code.clone())
                            .collect::<Vec<_>>()
                    })
                };
                let n = match (kind, list(model)) {
                    ("listed", Some(l)) => l.len(),
                    (_, Some(l)) => {
                        let other = NeighbourModel::ALL
                            .into_iter()
                            .find(|&x| x != model)
                            .and_then(list)
                            .unwrap_or_default();
                        l.iter().filter(|c| other.contains(c)).count()
                    }
                    _ => usize::MAX,
                };
                if COUNTS.get(n).copied() != Some(text) || num("value") != Some(n as f64) {
                    fail(format!("the count is {n}"));
                }
            }
            other => fail(format!("unknown kind {other:?}")),
        }
    }
    // Digits left in the prose (the text outside figures) were typed in, not computed.
    for (i, line) in prose.lines().enumerate() {
        if line.chars().any(|c| c.is_ascii_digit()) {
            errors.push(format!(
                "a number typed into the story (line {}): {:?}",
                i + 1,
                line.trim()
            ));
        }
    }
    if checked == 0 {
        errors.push("the story has no figures".into());
    }
    if errors.is_empty() {
        Ok(checked)
    } else {
        Err(errors)
    }
}

/// The authority the neighbours page is about: County Durham, the North
/// East's largest authority.
pub const NEIGHBOURS_SUBJECT: &str = "E06000047";

/// The neighbours page's figures: one North East authority against its
/// statistical neighbours, its region and England, every one computed here
/// from the bundle and tagged for [`check`].
pub struct Neighbourhood<'a> {
    f: Figures<'a>,
    subject: AreaId,
}

impl<'a> Neighbourhood<'a> {
    pub fn new(b: &'a Bundle) -> Result<Neighbourhood<'a>, String> {
        let subject = b
            .area_id(NEIGHBOURS_SUBJECT)
            .ok_or(format!("the bundle has no area {NEIGHBOURS_SUBJECT}"))?;
        Ok(Neighbourhood {
            f: Figures::new(b)?,
            subject,
        })
    }

    fn b(&self) -> &'a Bundle {
        self.f.b
    }

    fn tag(
        &self,
        kind: &str,
        m: MeasureId,
        y: u16,
        extra: &str,
        value: String,
        text: String,
    ) -> String {
        format!(
            r#"<data class="fig" data-kind="{kind}" data-measure="{}" data-area="{}" data-year="{y}"{extra} value="{value}">{text}</data>"#,
            self.b().measure(m).id,
            self.b().area(self.subject).code
        )
    }

    fn stat(
        &self,
        m: MeasureId,
        y: u16,
        model: NeighbourModel,
        stat: Statistic,
    ) -> Result<String, String> {
        let g = self
            .b()
            .neighbour_group(self.subject, model)
            .ok_or("no neighbours")?;
        let f = compare::neighbour_figure(self.b(), m, g.neighbours, y, stat);
        let v = f.value.ok_or(format!("no neighbour has a figure in {y}"))?;
        let extra = format!(
            r#" data-model="{}" data-stat="{}""#,
            model.keyword(),
            stat.keyword()
        );
        let d = compare::average_decimals(self.b(), m, g.neighbours, y, Some(v));
        Ok(self.tag("nstat", m, y, &extra, format!("{v}"), format::number(v, d)) + CALCULATED_MARK)
    }

    fn with(&self, m: MeasureId, y: u16, model: NeighbourModel) -> Result<String, String> {
        let g = self
            .b()
            .neighbour_group(self.subject, model)
            .ok_or("no neighbours")?;
        let f = compare::neighbour_figure(self.b(), m, g.neighbours, y, Statistic::Median);
        let extra = format!(r#" data-model="{}" data-stat="median""#, model.keyword());
        Ok(self.tag(
            "nwith",
            m,
            y,
            &extra,
            f.with.to_string(),
            count_word(f.with),
        ))
    }

    fn model(&self, model: NeighbourModel) -> String {
        format!(
            r#"<data class="fig" data-kind="model" value="{0}">{0}</data>"#,
            model.keyword()
        )
    }

    fn count(&self, kind: &str, model: NeighbourModel, n: usize) -> String {
        format!(
            r#"<data class="fig" data-kind="{kind}" data-area="{}" data-model="{}" value="{n}">{}</data>"#,
            self.b().area(self.subject).code,
            model.keyword(),
            count_word(n)
        )
    }

    fn rank(&self, m: MeasureId, y: u16) -> Result<(String, String, String), String> {
        let r = compare::rank(self.b(), m, self.subject, y).ok_or("no rank")?;
        let t = if r.tied > 0 { "joint " } else { "" };
        Ok((
            self.tag(
                "nrank",
                m,
                y,
                "",
                r.place.to_string(),
                format!("{t}{} highest", compare::ordinal(r.place)),
            ),
            self.tag("nof", m, y, "", r.of.to_string(), r.of.to_string()),
            self.tag(
                "band",
                m,
                y,
                "",
                r.band().map_or("none".into(), |x| x.letter().to_string()),
                r.band().map_or("none".into(), |x| x.letter().to_string()),
            ),
        ))
    }

    /// The latest year the authority, England and the neighbours all have.
    fn latest(&self, m: MeasureId) -> Result<u16, String> {
        let b = self.b();
        b.years_of(m)
            .into_iter()
            .rev()
            .find(|&y| b.cell(m, self.subject, y).value().is_some())
            .ok_or(format!("{} has no figure for the subject", b.measure(m).id))
    }

    pub fn keys(&self) -> Result<BTreeMap<String, String>, String> {
        let b = self.b();
        let f = &self.f;
        let mut k = BTreeMap::new();
        let cla = b.measure_id("cla_rate").ok_or("no cla_rate")?;
        let pov = b
            .measure_id("child_poverty_bhc")
            .ok_or("no child_poverty_bhc")?;
        let (m25, m21) = (NeighbourModel::Dfe2025, NeighbourModel::Dfe2021);
        let a = self.subject;
        let region = b.area(a).region.ok_or("the subject has no region")?;
        let y = self.latest(cla)?;
        let g = b.neighbour_group(a, m25).ok_or("no 2025 list")?;
        k.insert("nb.name".into(), escape(&b.area(a).name));
        k.insert("nb.code".into(), b.area(a).code.clone());
        k.insert("nb.region".into(), escape(&b.area(region).name));
        k.insert("nb.model".into(), self.model(m25));
        k.insert("nb.model21".into(), self.model(m21));
        k.insert(
            "nb.listed".into(),
            self.count("listed", m25, g.neighbours.len()),
        );
        let other: Vec<AreaId> = b
            .neighbour_group(a, m21)
            .map_or(vec![], |g| g.neighbours.iter().map(|n| n.area).collect());
        let shared = g
            .neighbours
            .iter()
            .filter(|n| other.contains(&n.area))
            .count();
        k.insert("nb.shared".into(), self.count("shared", m25, shared));
        k.insert("nb.year".into(), f.year(cla, y));
        k.insert("nb.unit".into(), f.unit(cla));
        k.insert("nb.value".into(), f.value(cla, a, y)?);
        k.insert(
            "nb.median".into(),
            self.stat(cla, y, m25, Statistic::Median)?,
        );
        k.insert("nb.mean".into(), self.stat(cla, y, m25, Statistic::Mean)?);
        k.insert("nb.have".into(), self.with(cla, y, m25)?);
        k.insert(
            "nb.median21".into(),
            self.stat(cla, y, m21, Statistic::Median)?,
        );
        k.insert("nb.region.value".into(), f.value(cla, region, y)?);
        k.insert("nb.england".into(), f.value(cla, f.country, y)?);
        let (rank, of, _) = self.rank(cla, y)?;
        k.insert("nb.rank".into(), rank);
        k.insert("nb.of".into(), of);
        let py = self.latest(pov)?;
        let (prank, pof, pband) = self.rank(pov, py)?;
        k.insert("nb.pov.year".into(), f.year(pov, py));
        k.insert("nb.pov.value".into(), f.value(pov, a, py)?);
        k.insert("nb.pov.unit".into(), f.unit(pov));
        k.insert("nb.pov.rank".into(), prank);
        k.insert("nb.pov.of".into(), pof);
        k.insert("nb.pov.band".into(), pband);
        k.insert(
            "nb.pov.median".into(),
            self.stat(pov, py, m25, Statistic::Median)?,
        );
        k.insert("nb.list".into(), self.list(cla, y)?);
        k.insert("nb.table".into(), self.years(cla)?);
        Ok(k)
    }

    /// The neighbours: name, region, DfE's closeness, and the latest figure.
    fn list(&self, m: MeasureId, y: u16) -> Result<String, String> {
        let b = self.b();
        let g = b
            .neighbour_group(self.subject, NeighbourModel::Dfe2025)
            .ok_or("no list")?;
        let mut s = String::from(
            "<div class=\"table-wrap\" role=\"region\" aria-labelledby=\"nb-list-caption\" tabindex=\"0\">\n<table>\n\
             <caption id=\"nb-list-caption\">The statistical neighbours, closest first, and their rates</caption>\n\
             <thead><tr><th scope=\"col\">Authority</th><th scope=\"col\">Region</th><th scope=\"col\">Closeness</th>\
             <th scope=\"col\">Rate</th></tr></thead>\n<tbody>\n",
        );
        for n in g.neighbours {
            let shown = compare::neighbour_area(b, m, n.area, y).unwrap_or(n.area);
            let region = b
                .area(shown)
                .region
                .map_or(String::new(), |r| escape(&b.area(r).name));
            let value = match b.cell(m, shown, y) {
                Cell::Value { .. } => self.f.value(m, shown, y)?,
                Cell::Missing(why) => {
                    format!("<span class=\"gap\">no figure: {}</span>", why.reason())
                }
            };
            s += &format!(
                "<tr><th scope=\"row\">{}</th><td>{region}</td><td>{}</td><td>{value}</td></tr>\n",
                escape(&b.area(shown).name),
                n.closeness.label()
            );
        }
        Ok(s + "</tbody>\n</table>\n</div>")
    }

    /// Every year: the authority, its neighbours' median (and how many it
    /// rests on), its region and England.
    fn years(&self, m: MeasureId) -> Result<String, String> {
        let b = self.b();
        let name = escape(&b.area(self.subject).name);
        let region = b.area(self.subject).region.ok_or("no region")?;
        let mut s = format!(
            "<div class=\"table-wrap\" role=\"region\" aria-labelledby=\"nb-years-caption\" tabindex=\"0\">\n<table>\n\
             <caption id=\"nb-years-caption\">{}, {}, each year: {name}, the median of its statistical neighbours, the {} and England</caption>\n\
             <thead><tr><th scope=\"col\">Year</th><th scope=\"col\">{name}</th><th scope=\"col\">Neighbours' median</th>\
             <th scope=\"col\">Neighbours with a figure</th><th scope=\"col\">{}</th><th scope=\"col\">England</th></tr></thead>\n<tbody>\n",
            escape(&b.measure(m).label),
            self.f.unit(m),
            escape(&b.area(region).name),
            escape(&b.area(region).name),
        );
        let gap = |why: care_atlas::data::Missing| {
            format!("<span class=\"gap\">no figure: {}</span>", why.reason())
        };
        for y in b.years_of(m) {
            let cell = |a| match b.cell(m, a, y) {
                Cell::Value { .. } => self.f.value(m, a, y),
                Cell::Missing(why) => Ok(gap(why)),
            };
            let med = self
                .stat(m, y, NeighbourModel::Dfe2025, Statistic::Median)
                .unwrap_or_else(|_| "<span class=\"gap\">no neighbour has a figure</span>".into());
            s += &format!(
                "<tr><th scope=\"row\">{}</th><td>{}</td><td>{med}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
                self.f.year(m, y),
                cell(self.subject)?,
                self.with(m, y, NeighbourModel::Dfe2025)?,
                cell(region)?,
                cell(self.f.country)?
            );
        }
        Ok(s + "</tbody>\n</table>\n</div>")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_mark_links_where_the_check_looks_for_it() {
        for (mark, href) in [
            (DERIVED_MARK, DERIVED_HREF),
            (CALCULATED_MARK, CALCULATED_HREF),
        ] {
            let first = html::tokens(mark).into_iter().next().unwrap();
            assert!(first.is_start("a") && first.has_class("mark"), "{mark}");
            assert_eq!(first.attr("href"), Some(href));
        }
    }
}
