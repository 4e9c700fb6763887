//! Which areas the reader has picked, and which the trend and table follow.

use crate::data::AreaId;

/// At most this many areas are selected; the trend has a colour for each.
pub const MAX_SELECTED: usize = 6;

/// The selected areas in the order they were picked, without repeats, at most
/// [`MAX_SELECTED`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Selection {
    areas: Vec<AreaId>,
}

impl Selection {
    /// A selection of these areas: repeats dropped, the first [`MAX_SELECTED`] kept.
    pub fn new(initial: &[AreaId]) -> Selection {
        let mut s = Selection::default();
        for &a in initial {
            if !s.contains(a) {
                s.areas.push(a);
            }
        }
        s.areas.truncate(MAX_SELECTED);
        s
    }

    /// The selected areas, oldest first.
    pub fn areas(&self) -> &[AreaId] {
        &self.areas
    }

    /// Whether the area is selected.
    pub fn contains(&self, a: AreaId) -> bool {
        self.areas.contains(&a)
    }

    /// Adds or removes an area; when full, the oldest selection makes way.
    pub fn toggle(&mut self, a: AreaId) {
        if let Some(i) = self.areas.iter().position(|&x| x == a) {
            self.areas.remove(i);
        } else {
            if self.areas.len() == MAX_SELECTED {
                self.areas.remove(0);
            }
            self.areas.push(a);
        }
    }

    /// Deselects everything.
    pub fn clear(&mut self) {
        self.areas.clear();
    }

    /// Keeps only the areas for which `keep` is true.
    pub fn retain(&mut self, keep: impl Fn(AreaId) -> bool) {
        self.areas.retain(|&a| keep(a));
    }
}

/// The trend's coloured lines: highlighted, then selected areas, then the
/// hovered one if it is not already there — so hovering never recolours
/// the lines already drawn.
pub fn trend_focus(
    highlight: &[AreaId],
    selected: &Selection,
    hovered: Option<AreaId>,
) -> Vec<AreaId> {
    let mut out: Vec<AreaId> = Vec::new();
    for &a in highlight
        .iter()
        .chain(selected.areas())
        .chain(hovered.iter())
    {
        if !out.contains(&a) {
            out.push(a);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toggle_adds_removes_and_keeps_the_newest_when_full() {
        let mut s = Selection::default();
        s.toggle(AreaId(3));
        s.toggle(AreaId(4));
        s.toggle(AreaId(3));
        assert_eq!(s.areas(), &[AreaId(4)]);
        for a in 10..20 {
            s.toggle(AreaId(a));
        }
        assert_eq!(s.areas().len(), MAX_SELECTED);
        assert_eq!(s.areas().last(), Some(&AreaId(19)));
        assert!(!s.contains(AreaId(4)));
    }

    #[test]
    fn hovering_appends_without_reordering() {
        let s = Selection::new(&[AreaId(5), AreaId(6)]);
        assert_eq!(
            trend_focus(&[AreaId(1)], &s, Some(AreaId(9))),
            [1, 5, 6, 9].map(AreaId).to_vec()
        );
        assert_eq!(
            trend_focus(&[AreaId(1)], &s, Some(AreaId(5))),
            [1, 5, 6].map(AreaId).to_vec()
        );
        assert_eq!(
            trend_focus(&[], &Selection::default(), None),
            Vec::<AreaId>::new()
        );
    }
}
