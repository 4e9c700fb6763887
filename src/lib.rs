//! care-atlas: maps and trend lines of children's social care statistics for
//! England's regions and local authorities, drawn in the browser from a
//! dataset compiled into the WebAssembly module.
//!
//! The crate is layered so that everything but [`web`] is plain Rust, built
//! and tested natively:
//!
//! - [`data`]: the bundle's model and binary format;
//! - [`geo`]: projection, polygons, anchors, simplification;
//! - [`scale`]: classes, palettes, ticks, number formatting;
//! - [`view`]: what to draw and say, as data;
//! - [`draw`]: painting the trend onto any plotters backend;
//! - `web` (wasm32 only): the `<care-atlas>` element's engine, the one place
//!   that touches the DOM.

#![warn(missing_docs)]

pub mod data;
pub mod draw;
pub mod geo;
pub mod scale;
pub mod sort;
pub mod suggest;
pub mod view;

#[cfg(target_arch = "wasm32")]
pub mod web;
