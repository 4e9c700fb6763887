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

/// A one-shot timer, cleared on drop (and when replaced).
pub struct Timeout {
    id: i32,
    _callback: Closure<dyn FnMut()>,
}

impl Timeout {
    pub fn new(ms: i32, f: impl FnOnce() + 'static) -> Result<Timeout, JsValue> {
        let callback = Closure::once(f);
        let window = web_sys::window().ok_or("no window")?;
        let id = window.set_timeout_with_callback_and_timeout_and_arguments_0(
            callback.as_ref().unchecked_ref(),
            ms,
        )?;
        Ok(Timeout {
            id,
            _callback: callback,
        })
    }
}

impl Drop for Timeout {
    fn drop(&mut self) {
        if let Some(w) = web_sys::window() {
            w.clear_timeout_with_handle(self.id);
        }
    }
}

/// A `ResizeObserver` watching one element, disconnected on drop.
pub struct Observer {
    observer: web_sys::ResizeObserver,
    _callback: Closure<dyn FnMut(js_sys::Array)>,
}

impl Observer {
    /// Calls `f` with the element's content width whenever it changes.
    pub fn width(
        target: &web_sys::Element,
        mut f: impl FnMut(f64) + 'static,
    ) -> Result<Observer, JsValue> {
        let callback = Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
            if let Ok(entry) = entries.get(0).dyn_into::<web_sys::ResizeObserverEntry>() {
                f(entry.content_rect().width());
            }
        });
        let observer = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref())?;
        observer.observe(target);
        Ok(Observer {
            observer,
            _callback: callback,
        })
    }
}

impl Drop for Observer {
    fn drop(&mut self) {
        self.observer.disconnect();
    }
}

// Each writer below writes only a change. The browser does not compare: the
// same words again replace the text node, the same attribute again restyles
// the element, and that is laid out anew in the next frame (a year step
// rewrote about twenty unchanged things, issue 13).

/// Sets the node's text, when it differs.
pub fn set_text(node: &web_sys::Node, text: &str) {
    if node.text_content().as_deref() != Some(text) {
        node.set_text_content(Some(text));
    }
}

/// Shows or hides the element, when that changes.
pub fn set_hidden(e: &HtmlElement, hidden: bool) {
    if e.hidden() != hidden {
        e.set_hidden(hidden);
    }
}

/// Sets an attribute, when its value differs.
pub fn set_attr(e: &web_sys::Element, name: &str, value: &str) -> Result<(), JsValue> {
    if e.get_attribute(name).as_deref() != Some(value) {
        e.set_attribute(name, value)?;
    }
    Ok(())
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
