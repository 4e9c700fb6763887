//! From values to what the eye reads: class breaks, palettes, colours, axis
//! ticks and number formatting.

pub mod classes;
pub mod colour;
pub mod format;
pub mod palette;
pub mod theme;
pub mod ticks;

pub use classes::Classes;
pub use colour::Rgb;
pub use palette::Sequential;
