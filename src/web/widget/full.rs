//! The widget's parts that only the full engine has (the crate's `full`
//! feature; see `super::super::engine`): the bars and the scatter, the
//! statistical neighbours, and a page's own figures. The
//! core engine's stand-ins are beside the callers in `widget.rs`.

use super::super::chart_canvas;
use super::super::dom::el;
use super::*;
use crate::data::{add_user_measure, Problem, UserMeta};
use crate::scale::format::{self, number};
use crate::view::compare::Compare;
use crate::view::{bars, scatter};

impl Widget {
    /// Adds the page's own figures as a measure ([`crate::data::USER_MEASURE`]), shows
    /// which lines could not be used, and redraws. Returns those problems.
    pub fn set_user_data(&mut self, csv: &str, meta: &UserMeta) -> Res<Vec<Problem>> {
        let (bundle, problems) = add_user_measure(&self.base, csv, meta);
        let usable = bundle.is_some();
        self.bundle = Rc::new(bundle.unwrap_or_else(|| (*self.base).clone()));
        // New figures, perhaps new years: the options are read again against
        // them, keeping the reader's year and selection where they still fit.
        self.refresh()?;
        let doc = &self.doc;
        let w = &self.shell.warnings;
        super::super::dom::clear(w);
        w.set_hidden(problems.is_empty());
        if !problems.is_empty() {
            let intro = if usable {
                "Some lines of this page's figures could not be used; the others are shown:"
            } else {
                "This page's figures could not be used:"
            };
            super::super::dom::text_el(doc, "p", "", intro, w)?;
            let list = super::super::dom::el(doc, "ul", "", Some(w))?;
            let mut lines = Vec::new();
            for p in &problems {
                let text = if p.line > 0 {
                    format!("Line {}: {}", p.line, p.message)
                } else {
                    p.message.clone()
                };
                super::super::dom::text_el(doc, "li", "", &text, &list)?;
                lines.push(text);
            }
            self.emit_error(&WebError::Data(format!("{intro} {}", lines.join(" "))));
        }
        Ok(problems)
    }

    pub(super) fn neighbour_group(&self) -> Option<(AreaId, NeighbourGroup<'_>)> {
        let o = self.reader.opts.as_ref()?;
        if o.compare != Compare::Neighbours {
            return None;
        }
        let s = compare::subject(&self.bundle, &o.highlight, self.reader.selection.areas())?;
        Some((s, self.bundle.neighbour_group(s, o.neighbour_model)?))
    }

    /// The bars or the scatter for the reader's year, with their words:
    /// the statement, the table equivalent and the keyboard's options.
    #[inline(never)]
    pub(super) fn derive_chart(&mut self) -> Res {
        let view = self.reader.view;
        let (Some(o), Some(s)) = (&self.reader.opts, &self.scene) else {
            return Ok(());
        };
        if !view.has_chart() || self.chart_width < 1.0 {
            self.chart_scene = None;
            return Ok(());
        }
        let b = &self.bundle;
        let year = self.reader.year;
        let lines = self.lines();
        let doc = &self.doc;
        let note = &self.shell.chart_note;
        clear(note);
        let say = |t: &str| text_el(doc, "p", "", t, note).map(drop);
        let scene = if view == ViewKind::Bars {
            let areas = s.layer.active_ids();
            let region = match (o.level, o.focus) {
                (Level::Authority, Some(f)) => Some(f),
                (Level::Authority, None) => lines.first().and_then(|l| b.area(l.0).region),
                _ => None,
            };
            // With compare="neighbours": the authority and its neighbours, their average a line.
            let subject = self.neighbour_group().map(|(s, _)| s);
            let model = (o.neighbour_model, o.neighbour_stat);
            let spec = match subject
                .and_then(|s| bars::neighbour_bars(b, o.measure, year, s, model, &lines))
            {
                Some(spec) => {
                    let s = subject.map_or("", |s| b.area(s).name.as_str());
                    let of = spec.bars.len() + spec.gaps.len() - 1;
                    say(&format!(
                        "{s} and {}.",
                        compare::describe(o.neighbour_model, o.neighbour_stat, of)
                    ))?;
                    spec
                }
                None => bars::bars(b, o.measure, year, &areas, &lines, region),
            };
            let m = b.measure(o.measure);
            let refs: Vec<String> = spec
                .references
                .iter()
                .map(|r| format!("{} {}", r.label, number(r.value, r.decimals)))
                .collect();
            if !refs.is_empty() {
                say(&format!("Reference lines: {}.", refs.join("; ")))?;
            }
            let mut rows: Vec<Vec<String>> = spec
                .bars
                .iter()
                .map(|x| {
                    vec![
                        b.area(x.area).name.clone(),
                        x.rank.to_string(),
                        number(x.value, x.decimals),
                    ]
                })
                .collect();
            if !spec.gaps.is_empty() {
                let list: Vec<String> = spec
                    .gaps
                    .iter()
                    .map(|(a, why)| format!("{} ({})", b.area(*a).name, why.reason()))
                    .collect();
                say(&format!(
                    "No figure, so no bar, for {}: {}.",
                    if list.len() == 1 {
                        "1 area".to_string()
                    } else {
                        format!("{} areas", list.len())
                    },
                    list.join("; ")
                ))?;
                rows.extend(spec.gaps.iter().map(|(a, why)| {
                    vec![
                        b.area(*a).name.clone(),
                        String::new(),
                        format!("No data: {}", why.reason()),
                    ]
                }));
            }
            let value_head = format!("{} ({})", m.short_label, m.unit);
            chart_canvas::table(
                doc,
                &self.shell.chart_table,
                &text::title(b, o.measure, year),
                &["Area", "Rank", &value_head],
                &rows,
                1,
            )?;
            let l = bars::layout(&spec, self.chart_width);
            ChartScene::Bars(spec, l)
        } else {
            let live = |a: AreaId, m| b.area(a).live_in(b.map_year(m, year));
            let areas: Vec<AreaId> = b
                .areas_at(o.level)
                .filter(|&a| live(a, o.x) || live(a, o.y))
                .collect();
            let neighbours = self.neighbour_areas();
            let group: Vec<AreaId> = match o.focus {
                _ if !neighbours.is_empty() => neighbours,
                Some(f) if o.level == Level::Authority => areas
                    .iter()
                    .copied()
                    .filter(|&a| b.area(a).region == Some(f))
                    .collect(),
                _ => vec![],
            };
            let spec = scatter::scatter(b, (o.x, o.y), year, &areas, &lines, &group);
            say(&scatter::describe(b, &spec))?;
            match (self.neighbour_group(), o.focus) {
                (Some((s, g)), _) => say(&format!(
                    "Filled points: {}'s statistical neighbours ({}); selected areas are named.",
                    b.area(s).name,
                    g.model.name()
                ))?,
                (None, Some(f)) if !group.is_empty() => say(&format!(
                    "Filled points: the authorities of {}; selected areas are named.",
                    b.area(f).name
                ))?,
                _ => {}
            }
            let (mx, my) = (b.measure(o.x), b.measure(o.y));
            let mut rows: Vec<Vec<String>> = spec
                .points
                .iter()
                .map(|p| {
                    vec![
                        b.area(p.area).name.clone(),
                        number(p.x, spec.decimals.0),
                        number(p.y, spec.decimals.1),
                    ]
                })
                .collect();
            let cell =
                |m, a| text::figure(b, m, &b.cell(m, a, year)).unwrap_or_else(|| "No data".into());
            rows.extend(spec.gaps.iter().map(|g| {
                vec![
                    b.area(g.area).name.clone(),
                    cell(o.x, g.area),
                    cell(o.y, g.area),
                ]
            }));
            let (hx, hy) = (
                format!("{} ({})", mx.short_label, mx.unit),
                format!("{} ({})", my.short_label, my.unit),
            );
            chart_canvas::table(
                doc,
                &self.shell.chart_table,
                &format!(
                    "{} and {}, {year}",
                    mx.label,
                    format::mid_sentence(&my.label)
                ),
                &["Area", &hx, &hy],
                &rows,
                1,
            )?;
            let h = crate::view::layout::scatter_height(self.chart_width);
            let l = scatter::layout(&spec, self.chart_width, h);
            ChartScene::Scatter(spec, l)
        };
        // The keyboard's listbox: one option per bar or point, in its order.
        let keys = &self.shell.chart_keys;
        clear(keys);
        keys.set_attribute(
            "aria-label",
            if view == ViewKind::Bars {
                "Bars, highest first. Arrow keys move from bar to bar, Home and End to the first and last, Enter selects."
            } else {
                "Points, in order of the horizontal measure. Arrow keys move from point to point, Home and End to the first and last, Enter selects."
            },
        )?;
        self.chart_scene = Some(scene);
        for a in self.chart_scene.as_ref().map_or(vec![], ChartScene::items) {
            let opt = el(doc, "div", "", Some(keys))?;
            opt.set_id(&format!("{}-o-{}", self.uid, b.area(a).code));
            opt.set_attribute("role", "option")?;
            let sel = self.reader.selection.contains(a);
            opt.set_attribute("aria-selected", if sel { "true" } else { "false" })?;
            if let Some(w) = self.chart_words(a) {
                opt.set_text_content(Some(&format!("{}: {}, {}", w[0], w[1], w[2])));
            }
        }
        Ok(())
    }

    #[inline(never)]
    pub(super) fn paint_chart(&self) -> Res {
        let (Some(o), Some(scene)) = (&self.reader.opts, &self.chart_scene) else {
            return Ok(());
        };
        if !self.reader.view.has_chart() {
            return Ok(());
        }
        let r = &self.reader;
        let label = match scene {
            ChartScene::Scatter(s, _) => scatter::describe(&self.bundle, s),
            ChartScene::Bars(b, _) => {
                let areas: Vec<AreaId> = b
                    .bars
                    .iter()
                    .map(|x| x.area)
                    .chain(b.gaps.iter().map(|g| g.0))
                    .collect();
                format!(
                    "Ranked bars, highest first. {}",
                    text::map_summary(
                        &self.bundle,
                        o.measure,
                        r.year,
                        o.level,
                        &areas,
                        o.focus,
                        r.selection.areas()
                    )
                )
            }
        };
        self.chart.canvas.set_attribute("aria-label", &label)?;
        self.shell.summary.set_text_content(Some(&label));
        let keys = &self.shell.chart_keys;
        match r
            .chart_cursor
            .filter(|c| r.chart_has_focus && scene.items().contains(c))
        {
            Some(c) => keys.set_attribute(
                "aria-activedescendant",
                &format!("{}-o-{}", self.uid, self.bundle.area(c).code),
            )?,
            None => keys.remove_attribute("aria-activedescendant")?,
        }
        Ok(self
            .chart
            .paint(scene, &self.bundle, &self.theme, r.hovered, dpr())?)
    }

    pub(super) fn chart_words(&self, a: AreaId) -> Option<[String; 3]> {
        let o = self.reader.opts.as_ref()?;
        match self.chart_scene.as_ref()? {
            ChartScene::Bars(b, _) => {
                let i = b.bars.iter().position(|x| x.area == a)?;
                Some(bars::words(&self.bundle, o.measure, self.reader.year, b, i))
            }
            ChartScene::Scatter(s, _) => {
                let i = s.points.iter().position(|p| p.area == a)?;
                Some(scatter::words(&self.bundle, s, i))
            }
        }
    }

    /// What the summary adds for `compare="neighbours"`: the neighbours'
    /// figure with model, statistic and count, or what to do to get one.
    pub(super) fn compare_words(&self) -> Option<String> {
        let o = self.reader.opts.as_ref()?;
        if o.compare != Compare::Neighbours {
            return None;
        }
        let b = &self.bundle;
        let Some(s) = compare::subject(b, &o.highlight, self.reader.selection.areas()) else {
            return Some(
                "Select an authority to compare it with its statistical neighbours.".into(),
            );
        };
        let mut w = compare::neighbour_sentence(
            b,
            o.measure,
            s,
            self.reader.year,
            o.neighbour_model,
            o.neighbour_stat,
        );
        if !self.reader.selection.contains(s) {
            if let Some(r) = compare::rank_phrase(b, o.measure, s, self.reader.year) {
                w += &format!(" {} is {r}.", b.area(s).name);
            }
        }
        if compare::ranked(b, o.measure) {
            w += " ";
            w += compare::band_rule(b, o.measure);
        }
        Some(w)
    }
}
