//! Drawing onto any plotters backend: the browser uses `plotters-canvas`,
//! tests use a recording backend, so what is drawn is checked natively.

pub mod trend;
