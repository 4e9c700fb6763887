//! The tooltip over the map: an area's name, value and detail, placed
//! beside a point on the side with more room (see [`TipAxis`]).

use super::dom::{clear, el, set_text};
use super::error::Res;
use crate::scale::format::css_px;
use crate::view::layout::{TipAxis, TIP_MARGIN};
use crate::view::text::Tooltip;
use web_sys::{Document, HtmlElement};

/// Shows `t` beside (x, y) in a map of `size` CSS px; `docked` (after a
/// tap) along the map's edge farther from the finger instead, so that it
/// does not cover the areas a reader would tap next.
pub fn show(
    doc: &Document,
    tip: &HtmlElement,
    t: &Tooltip,
    (x, y): (f64, f64),
    size: (f64, f64),
    docked: bool,
) -> Res {
    // The tooltip's three lines are made once and refilled.
    if tip.child_element_count() != 3 {
        clear(tip);
        el(doc, "strong", "", Some(tip))?;
        el(doc, "span", "v", Some(tip))?;
        el(doc, "div", "d", Some(tip))?;
    }
    let kids = tip.children();
    for (i, text) in [&t.name, &t.value, &t.detail].into_iter().enumerate() {
        if let Some(k) = kids.item(i as u32) {
            set_text(&k, text);
        }
    }
    tip.set_hidden(false);
    let st = tip.style();
    let (w, h) = size;
    if docked {
        // Across the map, the margin TipAxis keeps from its edges.
        let margin = css_px(TIP_MARGIN);
        st.set_property("left", &margin)?;
        st.set_property("right", &margin)?;
        st.set_property("max-width", "none")?;
        st.remove_property("transform")?;
        let (edge, other) = if y < h / 2.0 {
            ("bottom", "top")
        } else {
            ("top", "bottom")
        };
        st.set_property(edge, &margin)?;
        st.remove_property(other)?;
        return Ok(());
    }
    for p in ["max-width", "right", "bottom"] {
        st.remove_property(p)?;
    }
    st.set_property("left", "0")?;
    st.set_property("top", "0")?;
    // Beside the point, on the side with room, and always inside the map's
    // box (a tooltip must not spill over the page below the widget): the
    // browser fits it to the tooltip's size as it lays it out.
    st.set_property(
        "transform",
        &format!(
            "translate({}, {})",
            TipAxis::new(x, w).css(),
            TipAxis::new(y, h).css()
        ),
    )?;
    Ok(())
}
