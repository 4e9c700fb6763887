//! What to draw, as pure data: the map's layer, fit and colours, the trend
//! chart's scene, and the words around them. Nothing here touches the browser.

// Plain loops where a chain would collect: see "Code size" in lib.rs.

pub mod attributes;
pub mod bars;
pub mod compare;
pub mod export;
pub mod inset;
pub mod layout;
pub mod map;
pub mod measures;
pub mod nav;
pub mod options;
pub mod scatter;
pub mod selection;
pub mod state;
pub mod table;
pub mod text;
pub mod trend;
pub mod zoom;
