//! What can go wrong in the browser layer, as one type, and the one shape of
//! the `care-atlas-error` event's detail:
//! `{ kind, message, attribute, value }`, where `kind` is `"attribute"`,
//! `"data"`, `"bundle"`, `"pack"` (a measure's pack of figures could not be
//! loaded), `"browser"` or `"call"` (a method given something it cannot use); `attribute`/`value` name the attribute (or method) to blame
//! and what it was given, else `null`. The package's JavaScript entry fires the
//! same shape for what it finds itself (a module that will not load: `"load"`).

use crate::data::ErrorDetail;
use crate::view::options::OptionError;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[derive(Debug)]
pub enum WebError {
    /// An attribute's value cannot be used.
    Attribute(OptionError),
    /// The page's own figures, wholly or partly unusable (full engine only).
    #[cfg_attr(not(feature = "full"), allow(dead_code))]
    Data(String),
    /// The bundled dataset could not be read.
    Bundle(String),
    /// The pack holding `measure`'s values could not be fetched or read.
    Pack { measure: String, message: String },
    /// The browser refused a call (a DOM method threw).
    Browser(String),
    /// The page gave the element something it cannot use: `what` is the
    /// method (kind `"call"`) or the attribute, `value` (an excerpt of) what
    /// it was given.
    Call {
        what: String,
        value: String,
        message: String,
    },
}

pub type Res<T = ()> = Result<T, WebError>;

impl From<JsValue> for WebError {
    fn from(e: JsValue) -> WebError {
        let text = e
            .as_string()
            .or_else(|| {
                e.dyn_ref::<js_sys::Error>()
                    .map(|x| String::from(x.message()))
            })
            .unwrap_or_else(|| "unexpected error".into());
        WebError::Browser(text)
    }
}

impl From<OptionError> for WebError {
    fn from(e: OptionError) -> WebError {
        WebError::Attribute(e)
    }
}

impl WebError {
    pub fn kind(&self) -> &'static str {
        match self {
            WebError::Attribute(_) => "attribute",
            WebError::Data(_) => "data",
            WebError::Bundle(_) => "bundle",
            WebError::Pack { .. } => "pack",
            WebError::Browser(_) => "browser",
            // The element's own attributes: its figures (`data-*`) or others.
            WebError::Call { what, .. } if crate::view::attributes::is_attribute(what) => {
                if what.starts_with("data-") {
                    "data"
                } else {
                    "attribute"
                }
            }
            WebError::Call { .. } => "call",
        }
    }

    pub fn message(&self) -> &str {
        match self {
            WebError::Attribute(e) => &e.message,
            WebError::Data(m) | WebError::Bundle(m) | WebError::Browser(m) => m,
            WebError::Call { message, .. } | WebError::Pack { message, .. } => message,
        }
    }

    /// The event detail: the same four keys, whatever went wrong.
    pub fn detail(&self) -> JsValue {
        let (attribute, value) = match self {
            WebError::Attribute(e) => (Some(e.attribute), Some(e.value.as_str())),
            WebError::Call { what, value, .. } => (Some(what.as_str()), Some(value.as_str())),
            WebError::Pack { measure, .. } => (Some("measure"), Some(measure.as_str())),
            _ => (None, None),
        };
        let detail = ErrorDetail {
            kind: self.kind(),
            message: self.message(),
            attribute,
            value,
        };
        super::api::to_js(&detail)
    }

    /// For a promise's rejection or a method's exception.
    pub fn into_js(self) -> JsValue {
        js_sys::Error::new(self.message()).into()
    }
}

/// Logs to the browser console as an error, prefixed with the widget's name.
pub fn console_error(msg: &str) {
    web_sys::console::error_1(&JsValue::from_str(&format!("care-atlas: {msg}")));
}

/// Logs an error that has nowhere better to go.
pub fn report(r: Res) {
    if let Err(e) = r {
        console_error(e.message());
    }
}

/// A panic is a bug, and with `panic = "abort"` it stops the module: say
/// what it was, once, in the console, rather than only "unreachable".
#[wasm_bindgen(start)]
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        console_error(&format!(
            "internal error (please report it): {info}. Widgets on this page stop responding until it is reloaded."
        ));
    }));
}
