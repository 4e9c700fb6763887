//! Two ways to reach an area without a pointer: the map's listbox (one
//! option per area, by name, which the arrow keys and type-ahead move
//! through) and the "Find an area" picker, grouped by region.

use super::dom::{clear, el, text_el};
use super::error::Res;
use crate::data::{AreaId, Bundle, Level};
use crate::view::map::MapLayer;
use crate::view::nav;
use crate::view::state::Reader;
use crate::view::text::area_words;
use web_sys::{Document, HtmlElement, HtmlSelectElement};

/// The listbox and picker, and the areas they were last built for: they
/// are rebuilt only when that set changes; otherwise a year's new figures
/// refresh their words in place.
///
/// The picker's options (one per area, grouped by region: over 300 nodes)
/// are built when it is first focused or pressed, and again after the set
/// of areas changed: most readers never open it, and building it took a
/// fifth of the widget's DOM work before its first paint.
pub struct Picker {
    pub keys: HtmlElement,
    pub select: HtmlSelectElement,
    /// Prefix of option ids, unique per widget on the page.
    uid: u32,
    built_for: Vec<AreaId>,
    /// Each listbox option's words and selected state as last written
    /// (reading them back from the DOM costs a string copy each).
    words: Vec<(String, bool)>,
    /// The picker's areas in order, and the level, when they are not yet
    /// its options.
    pending: Option<(Vec<AreaId>, Level)>,
}

thread_local! {
    static NEXT_ID: std::cell::Cell<u32> = const { std::cell::Cell::new(1) };
}

impl Picker {
    pub fn new(keys: HtmlElement, select: HtmlSelectElement) -> Picker {
        let uid = NEXT_ID.with(|n| {
            let v = n.get();
            n.set(v.wrapping_add(1));
            v
        });
        Picker {
            keys,
            select,
            uid,
            built_for: Vec::new(),
            words: Vec::new(),
            pending: None,
        }
    }

    /// The area's option id in the listbox.
    pub fn option_id(&self, b: &Bundle, id: AreaId) -> String {
        format!("ca{}-{}", self.uid, b.area(id).code)
    }

    /// Points the listbox at the focused area, if it is on the map.
    pub fn set_active(&self, b: &Bundle, focused: Option<AreaId>) -> Res {
        match focused {
            Some(f) => self
                .keys
                .set_attribute("aria-activedescendant", &self.option_id(b, f))?,
            None => self.keys.remove_attribute("aria-activedescendant")?,
        }
        Ok(())
    }

    pub fn render(&mut self, doc: &Document, b: &Bundle, layer: &MapLayer, r: &Reader) -> Res {
        let Some(o) = &r.opts else { return Ok(()) };
        let what = match o.level {
            Level::Authority => "Local authorities",
            _ => "Regions",
        };
        super::dom::set_attr(
            &self.keys,
            "aria-label",
            &format!("{what} on the map. Arrow keys move to the neighbouring area, Enter selects, type a name to jump to it. Plus and minus zoom, 0 shows the whole map, Shift and an arrow pans."),
        )?;
        let order = nav::by_name(layer, |i| b.area(layer.areas[i].id).name.clone());
        let mut ids = Vec::with_capacity(order.len());
        for &i in &order {
            ids.push(layer.areas[i].id);
        }
        let rebuild = self.built_for != ids;
        if rebuild {
            self.rebuild_options(doc, b, &ids)?;
            self.words.clear();
        }
        self.words.resize(ids.len(), (String::new(), false));
        let children = self.keys.children();
        for (k, &id) in ids.iter().enumerate() {
            let selected = r.selection.contains(id);
            let words = area_words(b, o.measure, id, r.year, selected);
            // Written only when changed: a year's new figures touch just their options.
            let was = &mut self.words[k];
            if was.0 == words && was.1 == selected {
                continue;
            }
            let Some(opt) = children.item(k as u32) else {
                continue;
            };
            if was.0 != words {
                opt.set_attribute("aria-label", &words)?;
            }
            if was.1 != selected || was.0.is_empty() {
                opt.set_attribute("aria-selected", if selected { "true" } else { "false" })?;
            }
            *was = (words, selected);
        }
        let focused = r
            .focused
            .filter(|f| layer.get(*f).is_some_and(|a| a.in_focus));
        self.set_active(b, focused)?;
        if rebuild {
            self.pending = Some((ids.clone(), o.level));
            if self.select.length() == 0 {
                let first = text_el(doc, "option", "", "Choose…", &self.select)?;
                first.set_attribute("value", "")?;
            }
        }
        self.built_for = ids;
        Ok(())
    }

    /// Builds the picker's options if the areas changed since it was last
    /// built (called as it is focused or pressed, before it opens).
    pub fn build_select(&mut self, doc: &Document, b: &Bundle) -> Res {
        match self.pending.take() {
            Some((ids, level)) => self.rebuild_select(doc, b, &ids, level),
            None => Ok(()),
        }
    }

    /// A year that swaps a few authorities drops the options of areas gone
    /// and adds those of areas new, keeping the rest as they are.
    fn rebuild_options(&self, doc: &Document, b: &Bundle, ids: &[AreaId]) -> Res {
        let keys = &self.keys;
        let mut wanted = Vec::with_capacity(ids.len());
        for &id in ids {
            wanted.push(self.option_id(b, id));
        }
        let children = keys.children();
        for k in (0..children.length()).rev() {
            if let Some(c) = children.item(k) {
                if !wanted.contains(&c.id()) {
                    c.remove();
                }
            }
        }
        for (k, want) in wanted.iter().enumerate() {
            let here = keys.children().item(k as u32);
            if here.as_ref().is_some_and(|c| c.id() == *want) {
                continue;
            }
            let opt = el(doc, "div", "", None)?;
            opt.set_id(want);
            opt.set_attribute("role", "option")?;
            keys.insert_before(&opt, here.as_ref().map(|c| c.as_ref()))?;
        }
        Ok(())
    }

    /// Every area on the map, grouped by region at the authority level.
    fn rebuild_select(&self, doc: &Document, b: &Bundle, order: &[AreaId], level: Level) -> Res {
        let picker = &self.select;
        clear(picker);
        let first = text_el(doc, "option", "", "Choose…", picker)?;
        first.set_attribute("value", "")?;
        let mut groups: Vec<(String, Vec<AreaId>)> = Vec::new();
        for &id in order {
            let group = match level {
                Level::Authority => b
                    .area(id)
                    .region
                    .map(|r| b.area(r).name.clone())
                    .unwrap_or_default(),
                _ => String::new(),
            };
            match groups.iter_mut().find(|(g, _)| *g == group) {
                Some((_, v)) => v.push(id),
                None => groups.push((group, vec![id])),
            }
        }
        crate::sort::sort_by(&mut groups, &mut |a, b| a.0.cmp(&b.0));
        for (group, ids) in groups {
            let parent: web_sys::Node = if group.is_empty() {
                picker.clone().into()
            } else {
                let g = el(doc, "optgroup", "", Some(picker))?;
                g.set_attribute("label", &group)?;
                g.into()
            };
            for id in ids {
                let opt = text_el(doc, "option", "", &b.area(id).name, &parent)?;
                opt.set_attribute("value", &b.area(id).code)?;
            }
        }
        Ok(())
    }
}
