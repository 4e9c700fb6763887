//! Paints a [`Scene`] of the trend chart with a plotters backend, in device
//! pixels: positions and widths are multiplied by the device pixel ratio so
//! the chart stays crisp on HiDPI screens (a canvas backend does not know it).

use crate::scale::Rgb;
use crate::view::trend::{Role, Scene};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, DrawingBackend, DrawingErrorKind,
};

/// The trend's colours, taken from the theme.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TrendColours {
    /// Focus lines take these in turn, by slot.
    pub focus: Vec<Rgb>,
    /// England's line.
    pub england: Rgb,
    /// The line of a selected authority's region.
    pub region: Rgb,
    /// The neighbours' median or mean (drawn dashed).
    pub neighbours: Rgb,
    /// Thin grey context lines.
    pub context: Rgb,
    /// Horizontal grid lines at the value ticks.
    pub grid: Rgb,
    /// The x axis and its ticks.
    pub axis: Rgb,
}

impl TrendColours {
    /// The colour of a line: focus lines take the palette in turn by slot,
    /// starting again after the last.
    pub fn of(&self, role: Role, slot: usize) -> Rgb {
        match role {
            Role::Context => self.context,
            Role::Region => self.region,
            Role::England => self.england,
            Role::Neighbours => self.neighbours,
            Role::Focus => self
                .focus
                .get(slot % self.focus.len().max(1))
                .copied()
                .unwrap_or(self.england),
        }
    }
}

struct Stroke {
    colour: BackendColor,
    width: u32,
}

impl BackendStyle for Stroke {
    fn color(&self) -> BackendColor {
        self.colour
    }
    fn stroke_width(&self) -> u32 {
        self.width
    }
}

fn colour(c: Rgb) -> BackendColor {
    BackendColor {
        alpha: 1.0,
        rgb: (c.0, c.1, c.2),
    }
}

/// Line widths in CSS px for each role.
pub fn line_width(role: Role) -> f64 {
    match role {
        Role::Context => 1.0,
        Role::Region => 2.0,
        Role::England | Role::Neighbours => 2.5,
        Role::Focus => 3.0,
    }
}

/// Paints the scene's grid, axis and lines at `dpr` device pixels
/// per CSS px; its words are HTML. Lines go in the scene's order, so focus
/// lines end on top.
pub fn draw<B: DrawingBackend>(
    b: &mut B,
    scene: &Scene,
    colours: &TrendColours,
    dpr: f64,
) -> Result<(), DrawingErrorKind<B::ErrorType>> {
    let px = |p: [f64; 2]| -> BackendCoord {
        ((p[0] * dpr).round() as i32, (p[1] * dpr).round() as i32)
    };
    let w = |css: f64| ((css * dpr).round() as u32).max(1);
    let plot = scene.plot;

    let grid = Stroke {
        colour: colour(colours.grid),
        width: w(1.0),
    };
    for t in &scene.y_ticks {
        b.draw_line(px([plot.x, t.pos]), px([plot.right(), t.pos]), &grid)?;
    }
    let axis = Stroke {
        colour: colour(colours.axis),
        width: w(1.0),
    };
    b.draw_line(
        px([plot.x, plot.bottom()]),
        px([plot.right(), plot.bottom()]),
        &axis,
    )?;
    for t in &scene.x_ticks {
        b.draw_line(
            px([t.pos, plot.bottom()]),
            px([t.pos, plot.bottom() + 4.0]),
            &axis,
        )?;
    }

    for line in &scene.lines {
        let c = colours.of(line.role, line.slot);
        let stroke = Stroke {
            colour: colour(c),
            width: w(line_width(line.role)),
        };
        for seg in &line.segments {
            if line.role == Role::Neighbours {
                // Dashed, so it differs from England's line by more than colour.
                for (a, z) in dashes(seg, 7.0, 4.0) {
                    b.draw_line(px(a), px(z), &stroke)?;
                }
            } else {
                b.draw_path(seg.iter().map(|&p| px(p)), &stroke)?;
            }
        }
        let r = w(line_width(line.role) + 1.0);
        for &d in &line.dots {
            b.draw_circle(px(d), r, &stroke, true)?;
        }
        if line.role != Role::Context {
            // Mark the last value, where the end label points.
            if let Some(last) = line.segments.last().and_then(|s| s.last()) {
                if line.dots.last().is_none_or(|d| d[0] < last[0]) {
                    b.draw_circle(px(*last), r, &stroke, true)?;
                }
            }
        }
    }
    Ok(())
}

/// A polyline cut into dashes `on` long with gaps `off` long (CSS px),
/// the pattern running on across its corners.
pub fn dashes(points: &[[f64; 2]], on: f64, off: f64) -> Vec<([f64; 2], [f64; 2])> {
    let mut out = Vec::new();
    let mut t = 0.0f64; // Position within the on+off pattern.
    for w in points.windows(2) {
        let (a, z) = (w[0], w[1]);
        let len = (z[0] - a[0]).hypot(z[1] - a[1]);
        let at = |d: f64| {
            [
                a[0] + (z[0] - a[0]) * d / len,
                a[1] + (z[1] - a[1]) * d / len,
            ]
        };
        let mut d = 0.0;
        while d < len && len > 0.0 {
            let step = if t < on { on - t } else { on + off - t };
            let end = (d + step).min(len);
            if t < on {
                out.push((at(d), at(end)));
            }
            // Not `%`: on f64 it links libm's fmod and 128-bit division.
            // `(t + end) - d` as `%` had it, not `t += end - d`: summed in
            // that order, t stays on d's grid, so a step is never too small
            // to move d (else the loop would never end).
            let period = on + off;
            t = t + end - d;
            if t >= period {
                t -= period;
            }
            d = end;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::AreaId;
    use crate::view::trend::{Line, Spec};
    use plotters_backend::BackendTextStyle;

    /// A recorded path: device points, colour, stroke width.
    type Path = (Vec<BackendCoord>, (u8, u8, u8), u32);

    /// Records what is drawn, in device pixels.
    #[derive(Default)]
    struct Recorder {
        paths: Vec<Path>,
        circles: Vec<(BackendCoord, u32)>,
        lines: usize,
    }

    #[derive(Debug)]
    struct Never;
    impl std::fmt::Display for Never {
        fn fmt(&self, _: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            Ok(())
        }
    }
    impl std::error::Error for Never {}

    impl DrawingBackend for Recorder {
        type ErrorType = Never;
        fn get_size(&self) -> (u32, u32) {
            (1200, 600)
        }
        fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<Never>> {
            Ok(())
        }
        fn present(&mut self) -> Result<(), DrawingErrorKind<Never>> {
            Ok(())
        }
        fn draw_pixel(
            &mut self,
            _: BackendCoord,
            _: BackendColor,
        ) -> Result<(), DrawingErrorKind<Never>> {
            Ok(())
        }
        fn draw_line<S: BackendStyle>(
            &mut self,
            _: BackendCoord,
            _: BackendCoord,
            _: &S,
        ) -> Result<(), DrawingErrorKind<Never>> {
            self.lines += 1;
            Ok(())
        }
        fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
            &mut self,
            path: I,
            s: &S,
        ) -> Result<(), DrawingErrorKind<Never>> {
            self.paths
                .push((path.into_iter().collect(), s.color().rgb, s.stroke_width()));
            Ok(())
        }
        fn draw_circle<S: BackendStyle>(
            &mut self,
            c: BackendCoord,
            r: u32,
            _: &S,
            _: bool,
        ) -> Result<(), DrawingErrorKind<Never>> {
            self.circles.push((c, r));
            Ok(())
        }
        fn draw_text<S: BackendTextStyle>(
            &mut self,
            _: &str,
            _: &S,
            _: BackendCoord,
        ) -> Result<(), DrawingErrorKind<Never>> {
            panic!("text belongs in HTML, not on the canvas");
        }
    }

    fn colours() -> TrendColours {
        TrendColours {
            focus: vec![Rgb(200, 0, 0), Rgb(0, 0, 200)],
            england: Rgb(0, 0, 0),
            region: Rgb(90, 90, 90),
            neighbours: Rgb(60, 60, 60),
            context: Rgb(150, 150, 150),
            grid: Rgb(230, 230, 230),
            axis: Rgb(100, 100, 100),
        }
    }

    #[test]
    fn dashes_alternate_along_the_line_and_across_its_corners() {
        let d = dashes(&[[0.0, 0.0], [10.0, 0.0], [10.0, 10.0]], 4.0, 2.0);
        let lens: Vec<f64> = d
            .iter()
            .map(|(a, z)| ((z[0] - a[0]).hypot(z[1] - a[1]) * 10.0).round() / 10.0)
            .collect();
        // 0–4, 6–10 on the first leg; 12–16, 18–20 along the second.
        assert_eq!(lens, [4.0, 4.0, 4.0, 2.0]);
        assert_eq!(d[2].0, [10.0, 2.0]);
        assert!(dashes(&[[1.0, 1.0], [1.0, 1.0]], 4.0, 2.0).is_empty());
    }

    /// `dashes` as it was written with `%`, to compare against.
    fn dashes_by_remainder(points: &[[f64; 2]], on: f64, off: f64) -> Vec<([f64; 2], [f64; 2])> {
        let mut out = Vec::new();
        let mut t = 0.0f64;
        for w in points.windows(2) {
            let (a, z) = (w[0], w[1]);
            let len = (z[0] - a[0]).hypot(z[1] - a[1]);
            let at = |d: f64| {
                [
                    a[0] + (z[0] - a[0]) * d / len,
                    a[1] + (z[1] - a[1]) * d / len,
                ]
            };
            let mut d = 0.0;
            while d < len && len > 0.0 {
                let step = if t < on { on - t } else { on + off - t };
                let end = (d + step).min(len);
                if t < on {
                    out.push((at(d), at(end)));
                }
                t = (t + end - d) % (on + off);
                d = end;
            }
        }
        out
    }

    #[test]
    fn dashes_on_a_chart_like_line_end_and_equal_the_remainder_version() {
        // Fractional coordinates, as a chart's are: an earlier form of the
        // step left t just short of the period, and never ended on these.
        let mut lines = vec![vec![[0.0, 0.0], [60.0, 3.0], [120.0, 125.0]]];
        let mut seed = 7u64;
        let mut next = |k: f64| {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            (seed >> 11) as f64 / (1u64 << 53) as f64 * k
        };
        for _ in 0..300 {
            let mut x = 40.0;
            let mut line = Vec::new();
            for _ in 0..12 {
                x += 15.0 + next(70.0);
                line.push([x, 10.0 + next(300.0)]);
            }
            lines.push(line);
        }
        let (tx, rx) = std::sync::mpsc::channel();
        let work = lines.clone();
        std::thread::spawn(move || {
            let got: Vec<_> = work.iter().map(|l| dashes(l, 7.0, 4.0)).collect();
            let _ = tx.send(got);
        });
        let got = rx
            .recv_timeout(std::time::Duration::from_secs(20))
            .expect("dashes did not end");
        for (line, got) in lines.iter().zip(got) {
            assert_eq!(got, dashes_by_remainder(line, 7.0, 4.0), "{line:?}");
        }
    }

    #[test]
    fn draws_each_run_as_one_path_scaled_by_the_pixel_ratio() {
        let spec = Spec {
            first_year: 2010,
            last_year: 2013,
            base_year: None,
            lines: vec![Line {
                area: AreaId(3),
                label: "North East".into(),
                role: Role::Focus,
                slot: 0,
                values: vec![Some(10.0), None, Some(20.0), Some(30.0)],
                decimals: vec![0; 4],
            }],
        };
        let scene = spec.layout(600.0, 300.0);
        let mut r = Recorder::default();
        draw(&mut r, &scene, &colours(), 2.0).unwrap();
        assert_eq!(
            r.paths.len(),
            1,
            "2012–2013 is one path; 2010 is not joined to it"
        );
        let (pts, rgb, width) = &r.paths[0];
        assert_eq!(pts.len(), 2);
        assert_eq!(*rgb, (200, 0, 0));
        assert_eq!(*width, 6, "3 CSS px at DPR 2");
        let css = scene.lines[0].segments[0][0];
        assert_eq!(
            pts[0],
            ((css[0] * 2.0).round() as i32, (css[1] * 2.0).round() as i32)
        );
        // 2010's lone dot plus the end marker.
        assert_eq!(r.circles.len(), 2);
        assert!(r.lines > scene.y_ticks.len(), "grid lines and the axis");
    }
}
