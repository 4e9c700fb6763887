//! care-atlas: maps and trend lines of children's social care statistics for
//! England's regions and upper-tier local authorities — the engine of the
//! `<care-atlas>` web component, compiled to WebAssembly with the official
//! figures and boundaries built in.
//!
//! # What the widget does
//!
//! - **Areas**: England's 9 regions, or its upper-tier local authorities (the
//!   level children's services are run at), each data year on the authorities
//!   that existed then: 152 to 2019, 151 in 2020–2021, 152 in 2022–2023, 153
//!   in 2024–2025 (163 over all years). England is the benchmark. A region can
//!   be focused, so that its authorities fill the frame.
//! - **Measures** (their ids are public API): children looked after (a rate
//!   per 10,000 children and a count), children in need, children on child
//!   protection plans, referrals, children in relative low-income families
//!   (DWP's two series, kept apart), and Ofsted's five judgements of
//!   children's services as at 31 March 2025. A page can add figures of its
//!   own from CSV text ([`data::add_user_measure`]).
//! - **Figures as published**: every value is the publisher's, or a rate
//!   derived from a count and a population, marked as derived with its
//!   formula wherever it is shown. A gap stays a gap and says why: suppressed,
//!   not published, or the area did not exist that year.
//! - **Years**: data year Y means "at 31 March Y" (referrals: the year to 31
//!   March Y; child poverty: the financial year ending then).
//! - **Views**: a choropleth map, a trend of the selected areas with their
//!   region and England, both side by side (stacked when narrower than
//!   [`view::layout::WIDE`] px), a sortable table, ranked bars with
//!   England's, the region's (and statistical neighbours') figures as
//!   reference lines ([`view::bars`]), or a scatter of two measures with
//!   the least-squares line and Pearson's r, stated as an association, not
//!   a cause ([`view::scatter`]). With `tabs`, a reader switches between
//!   them, keeping the year and selection. The trend can show %
//!   change since a base year; a slider and Play move through the years; the
//!   figures shown download as CSV with their source, the picture as PNG.
//! - **Keyboard and screen readers**: on the map, the arrow keys move to the
//!   neighbouring area that way, Home and End to the first and last by name,
//!   typing a name goes to it, Enter or Space selects; on the trend, the
//!   arrows move through years and lines. A "Find an area" picker reaches
//!   every area. The map is exposed as a list box, a live region announces
//!   the focused area or value, each picture has a text alternative generated
//!   from the figures, and the table view is a real `<table>`. See
//!   `ACCESSIBILITY.md`.
//! - **Embedding**: the package's JavaScript entry defines `<care-atlas>`
//!   (its attributes: [`view::attributes::ATTRIBUTES`]) and `mount()` for
//!   frameworks, and fires `care-atlas-*` events. Several widgets can share
//!   a page; they share one decoded bundle. The same figures are a query API
//!   (`dataset()` in JavaScript, [`data::Bundle::value`] here).
//! - **No network**: the core of the dataset is compiled into the module
//!   ([`data::EMBEDDED`]: boundaries, names, metadata and the default
//!   measure's figures); the other figures are packs, one per family of
//!   measures, in the package beside the module and fetched from there on
//!   first use ([`data::Bundle::add_pack`]). The widget requests only the package's own files,
//!   and a CSV the page names with `data-src`, which must be on the page's
//!   own site. No cookies, no storage.
//!
//! ```
//! use care_atlas::data::{Basis, Bundle, EMBEDDED};
//!
//! let b = Bundle::decode(EMBEDDED).unwrap();
//! // The North East's rate of children looked after at 31 March 2025, as DfE published it.
//! let f = b.value("cla_rate", "E12000001", 2025).unwrap();
//! assert_eq!((f.value(), f.basis()), (Some(111.0), Some(Basis::Official)));
//! // DfE published no rate for 2013: it is derived, and says how.
//! let f = b.value("cla_rate", "E92000001", 2013).unwrap();
//! assert!(f.note(&b).unwrap().starts_with("count ÷ ONS mid-year estimate"));
//! ```
//!
//! # How the crate is built
//!
//! Everything but `web` is plain Rust, built and tested natively; each layer
//! uses only those listed before it:
//!
//! - [`data`]: the bundle's model, its versioned binary format (CRC-checked,
//!   typed decode errors, never a panic), the query API, a page's own figures;
//! - [`geo`]: the British National Grid projection, polygons from shared
//!   arcs, hit-testing, label points, simplification;
//! - [`scale`]: class breaks, palettes and themes (with their contrast),
//!   ticks, number formatting;
//! - [`view`]: what to draw and say, as data: the reader's state as one value
//!   changed by inputs, the options and attributes, the map's layer and fit,
//!   keyboard navigation, the trend's scene, the table, texts, the CSV;
//! - [`draw`]: the trend painted onto any plotters backend;
//! - `web` (wasm32 only): the `<care-atlas>` element's engine, the one place
//!   that touches the DOM: it turns browser events into [`view::state::Input`]s
//!   and renders the effects.
//!
//! [`sort`] and [`suggest`] are small helpers used throughout. The bundle is
//! built from the official files by the repository's own pipeline
//! (`cargo xtask data`).
//!
//! # Limitations
//!
//! - **England only, two levels**: regions and upper-tier authorities. No
//!   districts, wards or other nations; Inner and Outer London are not areas.
//! - **Years and gaps** (from the data, not the code): children in need,
//!   protection plans and referrals start in 2013; looked-after rates have
//!   2010 and 2013–2025, none for 2011 or 2012 (DfE published none, and no
//!   population is available to derive one); child poverty covers 2015–2024
//!   (earlier series) and 2022–2025 (revised), mapped on the 2025 authorities
//!   throughout; Ofsted's judgements are one date, for authorities only, so
//!   they have no trend and a region map of them is all "no data".
//!   Bournemouth, Poole and the old Dorset county have no rate where DfE
//!   published none in 2013–2019 (ONS's population there is `x`). The rates
//!   for 2013 and 2014 (and looked-after rates for 2010) are derived, not
//!   official, as are a few authority-years DfE's tool lacks.
//! - **Reorganised areas are not joined**: an authority's trend covers only
//!   the years it existed (Cumbria's ends in 2023, Cumberland's starts in
//!   2024), except for child poverty, which DWP re-based.
//! - **Coarse boundaries**: ONS's December 2016 super-generalised (200 m)
//!   boundaries, simplified further. An area under [`view::map::TINY_PX`] CSS
//!   px across is drawn as a marker: on a 640 px map of England the City of
//!   London, Islington and Kensington and Chelsea, at 320 px 28 authorities,
//!   most of them London boroughs.
//! - **London's inset is a tile map**, not an enlargement: one square per
//!   borough, arranged as they lie (see [`view::inset`]), because no
//!   enlargement that fits beside England gives the City of London or
//!   Kensington and Chelsea a 24 px target. The real shapes are reached by
//!   zooming (up to [`view::zoom::MAX_ZOOM`] ×); the inset hides while zoomed.
//!   Below about 560 px of map width it takes a band under the map, which
//!   makes the map taller.
//! - **Classes are quantiles of every year's figures** for the areas in view,
//!   so Play shows change rather than a moving legend; a class can therefore
//!   be empty in a given year (the legend says "(0)"), and in a focused
//!   region up to 60 % of its authorities can share a class in a year when
//!   they move together. There is no diverging scheme around England yet.
//! - **At most [`view::selection::MAX_SELECTED`] areas are selected**: a
//!   seventh click replaces the oldest; `select()` keeps the first six.
//! - **The data is compiled in**: new figures need `cargo xtask data`, a
//!   rebuild and a new release of the package. Every page downloads the whole
//!   dataset with the module, about 200 KB gzip in all (the README's Size
//!   table has the measured figures).
//! - **The scatter is across areas, one year at a time**: r says how two
//!   measures go together across authorities, not why, and not within any
//!   one of them. Two vintages of one series (DWP's child poverty) are never
//!   an x and a y together; its years are those both measures have.
//! - **Bars of every authority** are thin rows named only when selected or
//!   highlighted (hover, the keyboard and the table name the rest).
//! - **A panic stops every widget on the page**: one module instance serves
//!   them all, and a panic aborts it (`panic = "abort"`). The panic hook logs
//!   the message; the widgets stay unresponsive until the page is reloaded.
//! - **A page's own figures are taken as given**: only their codes, years and
//!   numbers are checked, and the tooltip, table, CSV and query API call them
//!   official (the source line names the page).
//! - **Tested in Chromium only**, and not yet by people using screen readers;
//!   the canvases keep their own colours in forced-colours mode (see
//!   `ACCESSIBILITY.md`).

#![warn(missing_docs)]

// Code size. Many places push into a `Vec` in a plain loop where an
// iterator chain would read as well: in the wasm each `collect`, `filter`,
// `chain`… call site links its own copies of the generic iterator code (60 KB
// raw in all, before issue 13's fourth round), where loops share a few small
// functions. For the same reason generic helpers keep their work in a
// non-generic inner function, and code the core engine can never run is
// left out of it with `cfg!(feature = "full")`.

pub mod data;
pub mod draw;
pub mod geo;
pub mod scale;
pub mod sort;
pub mod suggest;
pub mod view;

#[cfg(target_arch = "wasm32")]
pub mod web;

// Talc in place of std's dlmalloc: 2.5 KB gzip less in each module. An
// interleaved A/B (300 hovers, 120 year changes, 21 cold loads a build) found
// it no slower: hover 3.2 / 4.3 ms against 3.4 / 4.6, year change 10.4 / 20.0
// against 10.4 / 19.7, first paint 163 against 164 ms. (Talc's wasm allocator
// is for builds without atomics; one with them fails to compile, never silently.)
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static TALC: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
