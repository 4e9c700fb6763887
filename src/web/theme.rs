//! The colours the canvases use, read back from the widget's custom
//! properties so the theme and a page's overrides reach the pictures as
//! well as the text. Each property is resolved through a probe element's
//! `color`, so any CSS colour a page writes (`lime`, `hsl(…)`, `#0f0`)
//! arrives as the `rgb(…)` the browser computed.

use crate::scale::theme::{Theme, LIGHT, SLOTS};
use crate::scale::Rgb;
use web_sys::HtmlElement;

pub fn current(probe: &HtmlElement) -> Theme {
    let mut theme = LIGHT;
    let Some(window) = web_sys::window() else {
        return theme;
    };
    let style = probe.style();
    for slot in &SLOTS {
        let _ = style.set_property("color", &format!("var(--ca-{})", slot.name));
        let rgb = window
            .get_computed_style(probe)
            .ok()
            .flatten()
            .and_then(|s| s.get_property_value("color").ok())
            .and_then(|v| Rgb::parse(&v));
        if let Some(c) = rgb {
            (slot.set)(&mut theme, c);
        }
    }
    let _ = style.remove_property("color");
    theme
}
