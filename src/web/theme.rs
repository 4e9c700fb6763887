//! The colours the canvases use, read back from the widget's custom
//! properties so the theme and a page's overrides reach the pictures as
//! well as the text. Each property is resolved through a probe element's
//! `color`, so any CSS colour a page writes (`lime`, `hsl(…)`, `#0f0`)
//! arrives as the `rgb(…)` the browser computed.

use crate::scale::theme::{Theme, LIGHT, SLOTS};
use crate::scale::Rgb;
use wasm_bindgen::JsValue;
use web_sys::HtmlElement;

/// One hidden span per slot (`SLOTS`' order), each coloured by its property,
/// so that the first read styles them all in one pass: colouring a single
/// probe slot by slot cost a style recalculation per slot (17 of them, about
/// 9 ms of the first paint in a profile).
pub fn probes(doc: &web_sys::Document, parent: &HtmlElement) -> Result<Vec<HtmlElement>, JsValue> {
    let mut out = Vec::with_capacity(SLOTS.len());
    for slot in &SLOTS {
        let p = super::dom::el(doc, "span", "", Some(parent))?;
        p.style()
            .set_property("color", &format!("var(--ca-{})", slot.name))?;
        out.push(p);
    }
    Ok(out)
}

/// The theme as the page's CSS resolves it now, read from `probes`.
pub fn current(probes: &[HtmlElement]) -> Theme {
    let mut theme = LIGHT;
    let Some(window) = web_sys::window() else {
        return theme;
    };
    for i in 0..SLOTS.len().min(probes.len()) {
        let rgb = window
            .get_computed_style(&probes[i])
            .ok()
            .flatten()
            .and_then(|s| s.get_property_value("color").ok())
            .and_then(|v| Rgb::parse(&v));
        if let Some(c) = rgb {
            (SLOTS[i].set)(&mut theme, c);
        }
    }
    theme
}
