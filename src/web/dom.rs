//! Small owned wrappers over the DOM: elements created with a class, and
//! event listeners that remove themselves when dropped (no `forget()` leaks).

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

/// Logs to the browser console as an error, prefixed with the widget's name.
pub fn console_error(msg: &str) {
    web_sys::console::error_1(&JsValue::from_str(&format!("care-atlas: {msg}")));
}
