//! Drawing onto any plotters backend: the browser uses a canvas 2D backend
//! (`web::canvas_backend`), tests use a recording backend, so what is drawn
//! is checked natively.

pub mod trend;
