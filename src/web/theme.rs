//! The colours the canvases use, read from the element's computed custom
//! properties so a page's overrides and the theme attribute reach the
//! pictures as well as the text.

use crate::scale::theme::{Theme, LIGHT};
use crate::scale::Rgb;
use web_sys::HtmlElement;

pub fn current(host: &HtmlElement) -> Theme {
    let style = web_sys::window().and_then(|w| w.get_computed_style(host).ok().flatten());
    let get = |name: &str, fallback: Rgb| {
        style
            .as_ref()
            .and_then(|s| s.get_property_value(name).ok())
            .and_then(|v| Rgb::parse(&v))
            .unwrap_or(fallback)
    };
    let d = &LIGHT;
    Theme {
        text: get("--ca-text", d.text),
        muted: get("--ca-muted", d.muted),
        background: get("--ca-bg", d.background),
        border: get("--ca-border", d.border),
        grid: get("--ca-grid", d.grid),
        no_data: get("--ca-no-data", d.no_data),
        hatch: get("--ca-hatch", d.hatch),
        faded: get("--ca-faded", d.faded),
        lines: [
            get("--ca-accent", d.lines[0]),
            get("--ca-line-1", d.lines[1]),
            get("--ca-line-2", d.lines[2]),
            get("--ca-line-3", d.lines[3]),
            get("--ca-line-4", d.lines[4]),
            get("--ca-line-5", d.lines[5]),
        ],
        region: get("--ca-region", d.region),
        context: get("--ca-context", d.context),
        focus_ring: get("--ca-focus", d.focus_ring),
    }
}
