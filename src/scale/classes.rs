//! Class breaks for choropleths: values are grouped into a few classes, each
//! drawn in one palette colour and listed in the legend with its range.

use super::format;
use super::ticks::{nice_step, step_decimals};

/// The most classes a map has: the palettes keep neighbouring classes
/// clearly apart up to this many, and a legend stays readable.
pub const MAX_CLASSES: usize = 9;

/// Classes as ascending breaks: class `i` holds values in `[breaks[i], breaks[i+1])`,
/// the last class also holds its upper bound.
#[derive(Clone, Debug, PartialEq)]
pub struct Classes {
    /// Ascending; `n + 1` breaks make `n` classes.
    pub breaks: Vec<f64>,
    /// Decimal places the legend needs to print the breaks exactly.
    pub decimals: u8,
}

impl Classes {
    /// Equal-width classes on round numbers spanning the values, about
    /// `target` of them (fewer when the values are few or close together).
    /// `None` when there are no finite values.
    pub fn equal_interval(values: &[f64], target: usize) -> Option<Classes> {
        let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
        for &v in values {
            if v.is_finite() {
                (lo, hi) = (lo.min(v), hi.max(v));
            }
        }
        if !lo.is_finite() {
            return None;
        }
        let target = target.clamp(1, MAX_CLASSES);
        // Halved before subtracting, so the widest ranges of f64 do not overflow.
        let half_span = hi / 2.0 - lo / 2.0;
        let mut step = if hi > lo {
            nice_step(half_span / target as f64 * 2.0)
        } else {
            // One distinct value: one class of a round width around it.
            nice_step(lo.abs().max(1.0) / 10.0)
        };
        // A nice step can round the count up past the palette: widen until it
        // fits (a few rounds; the bound only matters near the ends of f64).
        let mut fitted = None;
        for _ in 0..64 {
            let start = (lo / step).floor() * step;
            let end = (hi / step).floor() * step + step;
            let n = ((end - start) / step).round();
            if start.is_finite() && end.is_finite() && n >= 1.0 && n <= target as f64 {
                fitted = Some((start, n as usize));
                break;
            }
            step = nice_step(step * 1.01);
        }
        let Some((start, n)) = fitted else {
            // Values at the ends of f64: their range, as one class.
            let breaks = if hi > lo {
                vec![lo, hi]
            } else {
                vec![lo.min(0.0), lo.max(0.0)]
            };
            return Some(Classes {
                breaks,
                decimals: 0,
            });
        };
        let decimals = step_decimals(step);
        let p = 10f64.powi(i32::from(decimals));
        let (mut exact, mut rounded) = (Vec::with_capacity(n + 1), Vec::with_capacity(n + 1));
        for i in 0..=n {
            let b = start + i as f64 * step;
            exact.push(b);
            rounded.push((b * p).round() / p);
        }
        // Rounding removes float dust; where it would merge breaks (steps
        // finer than the decimals shown) the breaks stay as computed.
        let breaks =
            if rounded.iter().all(|b| b.is_finite()) && rounded.windows(2).all(|w| w[0] < w[1]) {
                rounded
            } else {
                exact
            };
        Some(Classes { breaks, decimals })
    }

    /// Classes holding about equal numbers of values: breaks at quantiles,
    /// rounded to `decimals` places, duplicates merged (so ties never make an
    /// empty class).
    pub fn quantile(values: &[f64], target: usize, decimals: u8) -> Option<Classes> {
        let mut v: Vec<f64> = Vec::with_capacity(values.len());
        for &x in values {
            if x.is_finite() {
                v.push(x);
            }
        }
        if v.is_empty() {
            return None;
        }
        crate::sort::sort_numbers(&mut v);
        let n = target.max(1);
        let p = 10f64.powi(i32::from(decimals));
        let round = |x: f64| (x * p).round() / p;
        let (lo, hi) = (round(v[0]), round(v[v.len() - 1]));
        let mut breaks = vec![lo];
        for k in 1..n {
            let b = round(v[(k * v.len()) / n]);
            if b > breaks[breaks.len() - 1] && b < hi {
                breaks.push(b);
            }
        }
        // One distinct value still gets a class of non-zero width.
        breaks.push(if hi > lo { hi } else { hi + 1.0 / p });
        Some(Classes { breaks, decimals })
    }

    /// Classes from breaks a user gave: ascending, at least two. Values below
    /// the first or above the last fall in the end classes; the legend's
    /// ranges still read as the breaks given.
    pub fn from_breaks(breaks: &[f64]) -> Option<Classes> {
        if breaks.len() < 2
            || breaks.len() > MAX_CLASSES + 1
            || breaks.windows(2).any(|w| w[0] >= w[1])
            || breaks.iter().any(|b| !b.is_finite())
        {
            return None;
        }
        let decimals = breaks
            .iter()
            .map(|&b| step_decimals(b.abs()))
            .max()
            .unwrap_or(0)
            .min(3);
        // Open-ended classes below the first break and from the last: a value
        // outside the page's breaks is drawn and counted where it belongs
        // ("under 40", "100 and over"), never in a class that does not hold it.
        let mut all = Vec::with_capacity(breaks.len() + 2);
        all.push(f64::NEG_INFINITY);
        all.extend_from_slice(breaks);
        all.push(f64::INFINITY);
        Some(Classes {
            breaks: all,
            decimals,
        })
    }

    /// The number of classes.
    pub fn len(&self) -> usize {
        self.breaks.len().saturating_sub(1)
    }

    /// No classes (fewer than two breaks).
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The class holding `v`; values outside the breaks go to the end classes.
    pub fn class_of(&self, v: f64) -> usize {
        let n = self.len();
        if n == 0 {
            return 0;
        }
        self.breaks[1..n].iter().take_while(|&&b| v >= b).count()
    }

    /// The legend's words for class `i`, e.g. "60 to under 80"; open-ended
    /// classes read "under 40" and "100 and over".
    pub fn label(&self, i: usize) -> String {
        let (lo, hi) = (self.breaks[i], self.breaks[i + 1]);
        let num = |v: f64| format::number(v, self.decimals);
        match (lo.is_finite(), hi.is_finite()) {
            (false, _) => format!("under {}", num(hi)),
            (_, false) => format!("{} and over", num(lo)),
            _ if i + 1 == self.len() => format!("{} to {}", num(lo), num(hi)),
            _ => format!("{} to under {}", num(lo), num(hi)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // The regional CLA rates per 10,000 of one year (shape of the real data).
    const RATES: [f64; 9] = [111.0, 98.0, 88.0, 70.0, 88.0, 55.0, 51.0, 58.0, 60.0];

    #[test]
    fn equal_interval_breaks_are_round_and_cover_every_value() {
        let c = Classes::equal_interval(&RATES, 5).unwrap();
        assert!(c.len() <= 5 && c.len() >= 3, "{:?}", c.breaks);
        assert!(c.breaks[0] <= 51.0 && *c.breaks.last().unwrap() >= 111.0);
        let step = c.breaks[1] - c.breaks[0];
        assert!(c
            .breaks
            .windows(2)
            .all(|w| (w[1] - w[0] - step).abs() < 1e-9));
        assert_eq!(step % 10.0, 0.0);
    }

    #[test]
    fn class_of_puts_break_values_in_the_upper_class() {
        let c = Classes {
            breaks: vec![40.0, 60.0, 80.0, 100.0, 120.0],
            decimals: 0,
        };
        assert_eq!(c.class_of(51.0), 0);
        assert_eq!(c.class_of(60.0), 1);
        assert_eq!(c.class_of(111.0), 3);
        assert_eq!(c.class_of(120.0), 3);
        assert_eq!(c.class_of(500.0), 3);
        assert_eq!(c.class_of(-5.0), 0);
    }

    #[test]
    fn labels_read_as_ranges() {
        let c = Classes {
            breaks: vec![40.0, 60.0, 80.0],
            decimals: 0,
        };
        assert_eq!(c.label(0), "40 to under 60");
        assert_eq!(c.label(1), "60 to 80");
    }

    #[test]
    fn quantile_classes_hold_similar_counts_and_cover_every_value() {
        let values: Vec<f64> = (1..=100).map(f64::from).collect();
        let c = Classes::quantile(&values, 4, 0).unwrap();
        assert_eq!(c.len(), 4, "{:?}", c.breaks);
        let mut counts = [0usize; 4];
        for &v in &values {
            counts[c.class_of(v)] += 1;
        }
        assert!(counts.iter().all(|&n| (20..=30).contains(&n)), "{counts:?}");
    }

    #[test]
    fn quantile_ties_never_make_empty_classes() {
        let c = Classes::quantile(&[5.0, 5.0, 5.0, 5.0, 9.0], 4, 0).unwrap();
        let mut seen = vec![0; c.len()];
        for v in [5.0, 5.0, 5.0, 5.0, 9.0] {
            seen[c.class_of(v)] += 1;
        }
        assert!(seen.iter().all(|&n| n > 0), "{:?} {seen:?}", c.breaks);
        assert_eq!(
            Classes::quantile(&RATES, 5, 0).unwrap().class_of(111.0),
            Classes::quantile(&RATES, 5, 0).unwrap().len() - 1
        );
    }

    #[test]
    fn given_breaks_must_ascend() {
        assert!(Classes::from_breaks(&[60.0, 80.0, 100.0]).is_some());
        assert!(Classes::from_breaks(&[60.0]).is_none());
        assert!(Classes::from_breaks(&[80.0, 60.0]).is_none());
        assert_eq!(Classes::from_breaks(&[0.5, 1.0]).unwrap().decimals, 1);
    }

    /// Issue 14, defect 1: values at the ends of f64 (a page's 1e308) made
    /// the widening loop spin or collect an absurd number of breaks.
    #[test]
    fn equal_interval_is_total_over_extreme_values() {
        for values in [
            vec![-1.7e308, 1.7e308],
            vec![f64::MAX],
            vec![0.0, 1e300],
            vec![1e-300, 2e-300],
            vec![-5.0, f64::INFINITY, 3.0],
        ] {
            let c = Classes::equal_interval(&values, 5).unwrap();
            assert!(
                (1..=MAX_CLASSES).contains(&c.len()),
                "{values:?}: {:?}",
                c.breaks
            );
            assert!(
                c.breaks.iter().all(|b| b.is_finite()),
                "{values:?}: {:?}",
                c.breaks
            );
            assert!(
                c.breaks.windows(2).all(|w| w[0] < w[1]),
                "{values:?}: {:?}",
                c.breaks
            );
        }
        let ten: Vec<f64> = (0..11).map(f64::from).collect();
        assert!(
            Classes::from_breaks(&ten).is_none(),
            "ten classes are too many"
        );
        assert!(Classes::from_breaks(&ten[..10]).is_some());
    }

    #[test]
    fn one_value_or_none() {
        let c = Classes::equal_interval(&[7.0], 5).unwrap();
        assert_eq!(c.len(), 1);
        assert_eq!(c.class_of(7.0), 0);
        assert!(Classes::equal_interval(&[f64::NAN], 5).is_none());
    }
}
