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
pub struct Picker {
    pub keys: HtmlElement,
    pub select: HtmlSelectElement,
    /// Prefix of option ids, unique per widget on the page.
    uid: u32,
    built_for: Vec<AreaId>,
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
        self.keys.set_attribute(
            "aria-label",
            &format!("{what} on the map. Arrow keys move to the neighbouring area, Enter selects, type a name to jump to it. Plus and minus zoom, 0 shows the whole map, Shift and an arrow pans."),
        )?;
        let order = nav::by_name(layer, |i| b.area(layer.areas[i].id).name.clone());
        let ids: Vec<AreaId> = order.iter().map(|&i| layer.areas[i].id).collect();
        let rebuild = self.built_for != ids;
        if rebuild {
            self.rebuild_options(doc, b, &ids)?;
        }
        let children = self.keys.children();
        for (k, &id) in ids.iter().enumerate() {
            let Some(opt) = children.item(k as u32) else {
                continue;
            };
            let selected = r.selection.contains(id);
            let words = area_words(b, o.measure, id, r.year, selected);
            // Written only when changed: a year's new figures touch just their options.
            if opt.text_content().as_deref() != Some(words.as_str()) {
                opt.set_text_content(Some(&words));
            }
            let flag = if selected { "true" } else { "false" };
            if opt.get_attribute("aria-selected").as_deref() != Some(flag) {
                opt.set_attribute("aria-selected", flag)?;
            }
        }
        let focused = r
            .focused
            .filter(|f| layer.get(*f).is_some_and(|a| a.in_focus));
        self.set_active(b, focused)?;
        if rebuild {
            self.rebuild_select(doc, b, layer, &order, o.level)?;
        }
        self.built_for = ids;
        Ok(())
    }

    /// A year that swaps a few authorities drops the options of areas gone
    /// and adds those of areas new, keeping the rest as they are.
    fn rebuild_options(&self, doc: &Document, b: &Bundle, ids: &[AreaId]) -> Res {
        let keys = &self.keys;
        let wanted: Vec<String> = ids.iter().map(|&id| self.option_id(b, id)).collect();
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
    fn rebuild_select(
        &self,
        doc: &Document,
        b: &Bundle,
        layer: &MapLayer,
        order: &[usize],
        level: Level,
    ) -> Res {
        let picker = &self.select;
        clear(picker);
        let first = text_el(doc, "option", "", "Choose…", picker)?;
        first.set_attribute("value", "")?;
        let mut groups: Vec<(String, Vec<AreaId>)> = Vec::new();
        for &i in order {
            let id = layer.areas[i].id;
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
