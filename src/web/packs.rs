//! Packs of measure values, fetched on first use and shared by every widget
//! on the page: one fetch and one decode per family, whoever asks first (a
//! `measure` attribute, the query API, a measure picker). [`ensure`] is the
//! one path: "make this measure's values present, then call me back".
//!
//! The bytes come from the package's JavaScript entry (`setPackLoader`),
//! which knows where the files are (beside the module, or inlined in the
//! standalone build) and always settles: bytes, or a message saying why not.
//! A failure is not remembered: the next request fetches again.

use super::{bundle, set_bundle};
use crate::data::{Bundle, MeasureId};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;

/// Called once the pack is in the shared bundle, or with why it is not.
pub type Done = Box<dyn FnOnce(Result<(), String>)>;

thread_local! {
    static LOADER: RefCell<Option<js_sys::Function>> = const { RefCell::new(None) };
    /// Families being fetched, with who waits for each.
    static LOADING: RefCell<Vec<(String, Vec<Done>)>> = const { RefCell::new(Vec::new()) };
}

/// The entry's pack loader: `(family) => Promise<Uint8Array | string>`,
/// resolving to the pack's bytes or to a message saying why there are none.
#[wasm_bindgen(js_name = setPackLoader)]
pub fn set_pack_loader(loader: js_sys::Function) {
    LOADER.with(|l| *l.borrow_mut() = Some(loader));
}

/// The file a family's pack is in, for messages.
pub fn file(family: &str) -> String {
    crate::data::pack_file(family)
}

/// Makes the values of `measure` present in the shared bundle, then calls
/// `done` (at once if they already are). Every caller waiting for the same
/// pack shares its one fetch.
pub fn ensure(measure: &str, done: Done) {
    let family = match bundle() {
        Err(e) => return done(Err(e)),
        Ok(b) => match b.measure_id(measure) {
            Some(m) => b.pack_of(m).map(String::from),
            None => None,
        },
    };
    let Some(family) = family else {
        return done(Ok(()));
    };
    let first = LOADING.with(|l| {
        let mut l = l.borrow_mut();
        match l.iter_mut().find(|(f, _)| *f == family) {
            Some((_, waiting)) => {
                waiting.push(done);
                false
            }
            None => {
                l.push((family.clone(), vec![done]));
                true
            }
        }
    });
    if first {
        fetch(family);
    }
}

fn fetch(family: String) {
    let Some(loader) = LOADER.with(|l| l.borrow().clone()) else {
        return finish(
            &family,
            Err("no pack loader: the engine was started without the package's entry (care-atlas.js)".into()),
        );
    };
    let promise: JsValue = match loader.call1(&JsValue::NULL, &JsValue::from_str(&family)) {
        Ok(p) => js_sys::Promise::resolve(&p).into(),
        Err(e) => {
            return finish(
                &family,
                Err(super::error::WebError::from(e).message().into()),
            )
        }
    };
    // The loader settles once, with bytes or a message: one closure, freed when called.
    let f = family.clone();
    let then = Closure::once_into_js(move |v: JsValue| {
        let r = match v.as_string() {
            Some(why) => Err(why),
            None => Ok(js_sys::Uint8Array::new(&v).to_vec()),
        };
        finish(&f, r);
    });
    // `then` called by name: js-sys's typed `then` wants a Closure kept alive by us.
    let settle = js_sys::Reflect::get(&promise, &JsValue::from_str("then"))
        .ok()
        .and_then(|t| t.dyn_into::<js_sys::Function>().ok());
    match settle {
        Some(t) => drop(t.call1(&promise, &then)),
        None => finish(
            &family,
            Err("the pack loader did not return a promise".into()),
        ),
    }
}

/// Adds the fetched pack to the shared bundle, then tells everyone waiting.
fn finish(family: &str, fetched: Result<Vec<u8>, String>) {
    let added = fetched.and_then(|bytes| {
        let shared = bundle()?;
        if !shared
            .waiting
            .ids()
            .any(|m| shared.measure(m).family == family)
        {
            return Ok(()); // Added meanwhile (a second copy of the package).
        }
        let mut b = Bundle::clone(&shared);
        b.add_pack(&bytes).map_err(|e| {
            format!(
                "{} is damaged or belongs to another version of care-atlas ({e}); serve the package's files of one version together, then reload the page",
                file(family)
            )
        })?;
        set_bundle(Rc::new(b));
        Ok(())
    });
    let waiting = LOADING.with(|l| {
        let mut l = l.borrow_mut();
        match l.iter().position(|(f, _)| f == family) {
            Some(i) => l.swap_remove(i).1,
            None => Vec::new(),
        }
    });
    for done in waiting {
        done(added.clone());
    }
}

/// What a widget says while a measure's pack loads.
pub fn loading_words(b: &Bundle, m: MeasureId) -> String {
    format!("Loading the figures for “{}”…", b.measure(m).label)
}

/// The message when a measure's pack could not be added.
pub fn failure_words(b: &Bundle, m: MeasureId, why: &str) -> String {
    let measure = b.measure(m);
    format!(
        "The figures for “{}” (the {} pack, {}) could not be loaded: {why}",
        measure.label,
        measure.family,
        file(&measure.family),
    )
}
