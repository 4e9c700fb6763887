//! What to draw, as pure data: the map's layer, fit and colours, the trend
//! chart's scene, and the words around them. Nothing here touches the browser.

pub mod carry;
pub mod export;
pub mod map;
pub mod nav;
pub mod options;
pub mod selection;
pub mod table;
pub mod text;
pub mod trend;
