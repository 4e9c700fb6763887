//! Small owned wrappers over the DOM: elements created with a class, event
//! listeners and timers that remove themselves when dropped (no `forget()`
//! leaks), and downloads.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Event, EventTarget, HtmlElement};

/// An event listener that is removed from its target on drop.
pub struct Listener {
    target: EventTarget,
    kind: &'static str,
    callback: Closure<dyn FnMut(Event)>,
}

impl Listener {
    pub fn new(
        target: &EventTarget,
        kind: &'static str,
        f: impl FnMut(Event) + 'static,
    ) -> Result<Listener, JsValue> {
        let callback = Closure::<dyn FnMut(Event)>::new(f);
        target.add_event_listener_with_callback(kind, callback.as_ref().unchecked_ref())?;
        Ok(Listener {
            target: target.clone(),
            kind,
            callback,
        })
    }
}

impl Drop for Listener {
    fn drop(&mut self) {
        let _ = self
            .target
            .remove_event_listener_with_callback(self.kind, self.callback.as_ref().unchecked_ref());
    }
}

/// A repeating timer, cleared on drop.
pub struct Interval {
    id: i32,
    _callback: Closure<dyn FnMut()>,
}

impl Interval {
    pub fn new(ms: i32, f: impl FnMut() + 'static) -> Result<Interval, JsValue> {
        let callback = Closure::<dyn FnMut()>::new(f);
        let window = web_sys::window().ok_or("no window")?;
        let id = window.set_interval_with_callback_and_timeout_and_arguments_0(
            callback.as_ref().unchecked_ref(),
            ms,
        )?;
        Ok(Interval {
            id,
            _callback: callback,
        })
    }
}

impl Interval {
    /// Stops the timer but keeps its closure alive, so this may be called
    /// from inside the timer's own callback.
    pub fn stop(&self) {
        if let Some(w) = web_sys::window() {
            w.clear_interval_with_handle(self.id);
        }
    }
}

impl Drop for Interval {
    fn drop(&mut self) {
        self.stop();
    }
}

/// Creates `<tag class="class">`, appended to `parent` when given.
pub fn el(
    doc: &Document,
    tag: &str,
    class: &str,
    parent: Option<&web_sys::Node>,
) -> Result<HtmlElement, JsValue> {
    let e: HtmlElement = doc.create_element(tag)?.dyn_into()?;
    if !class.is_empty() {
        e.set_class_name(class);
    }
    if let Some(p) = parent {
        p.append_child(&e)?;
    }
    Ok(e)
}

/// Removes every child of `node`. Not `innerHTML = ""`: pages that require
/// Trusted Types (`require-trusted-types-for 'script'`) refuse any string
/// assigned to `innerHTML`, even an empty one.
pub fn clear(node: &web_sys::Node) {
    node.set_text_content(None);
}

/// Creates an element with text content.
pub fn text_el(
    doc: &Document,
    tag: &str,
    class: &str,
    text: &str,
    parent: &web_sys::Node,
) -> Result<HtmlElement, JsValue> {
    let e = el(doc, tag, class, Some(parent))?;
    e.set_text_content(Some(text));
    Ok(e)
}

/// Logs to the browser console as an error, prefixed with the widget's name.
pub fn console_error(msg: &str) {
    web_sys::console::error_1(&JsValue::from_str(&format!("care-atlas: {msg}")));
}

/// Offers `blob` to the reader as a file called `name`.
pub fn download(doc: &Document, blob: &web_sys::Blob, name: &str) -> Result<(), JsValue> {
    let url = web_sys::Url::create_object_url_with_blob(blob)?;
    let a: web_sys::HtmlAnchorElement = doc.create_element("a")?.dyn_into()?;
    a.set_href(&url);
    a.set_download(name);
    a.click();
    // The click has started the download; the URL is no longer needed.
    web_sys::Url::revoke_object_url(&url)
}

/// A file name fragment from free text: "Children looked after" → "children-looked-after".
pub fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}
