//! Which engine this module is, and the core engine's way to the full one.
//!
//! The package builds the crate twice (the `full` feature): the core module
//! a page loads first draws maps, trends and tables; bars, the scatter,
//! statistical neighbours, a page's own figures and the query API are in
//! the full module, loaded on first use. A core widget whose attributes ask
//! for one of those asks the entry (`setUpgrade`), which loads the full
//! module and moves the element onto it, keeping the reader's year and
//! selection. (Nothing a reader does inside a widget needs the full engine:
//! moving would rebuild the widget under the reader's focus.)

use wasm_bindgen::prelude::*;

/// Whether this module is the full engine.
#[wasm_bindgen(js_name = fullEngine)]
pub fn full_engine() -> bool {
    cfg!(feature = "full")
}

#[cfg(not(feature = "full"))]
pub use core_only::*;

#[cfg(not(feature = "full"))]
mod core_only {
    use super::super::error::{Res, WebError};
    use std::cell::RefCell;
    use wasm_bindgen::prelude::*;
    use web_sys::HtmlElement;

    thread_local! {
        static UPGRADE: RefCell<Option<js_sys::Function>> = const { RefCell::new(None) };
    }

    /// The entry's `(element) => void`: moves the element onto the full
    /// engine, which draws what its attributes ask.
    #[wasm_bindgen(js_name = setUpgrade)]
    pub fn set_upgrade(f: js_sys::Function) {
        UPGRADE.with(|u| *u.borrow_mut() = Some(f));
    }

    /// Asks the entry to move `host` onto the full engine.
    pub fn ask(host: &HtmlElement) -> Res {
        let f = UPGRADE.with(|u| u.borrow().clone()).ok_or_else(|| {
            WebError::Browser(
                "this part of the widget is in care-atlas's full engine, which this page's loader cannot start"
                    .into(),
            )
        })?;
        f.call1(&JsValue::NULL, host)?;
        Ok(())
    }
}
