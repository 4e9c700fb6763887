//! From values to what the eye reads: class breaks, palettes, colours, axis
//! ticks and number formatting.

// Plain loops where a chain would collect: see "Code size" in lib.rs.

pub mod classes;
pub mod colour;
pub mod decimal;
pub mod format;
pub mod palette;
pub mod theme;
pub mod ticks;

pub use classes::Classes;

/// `v.clamp(lo, hi)` for bounds known only at run time. Std's `f64::clamp`
/// asserts `lo <= hi` with a message that prints both bounds with `{:?}`,
/// which links Rust's float formatting (about 15 KB) into the module; this
/// does not check. NaN stays NaN, as with std; if `lo > hi`, `hi` wins.
pub fn clamp(v: f64, lo: f64, hi: f64) -> f64 {
    if v < lo {
        lo.min(hi)
    } else if v > hi {
        hi
    } else {
        v
    }
}
pub use colour::Rgb;
pub use palette::Sequential;
