//! "Nice" numbers: steps of 1, 2 or 5 times a power of ten, for axis ticks
//! and class breaks people can read at a glance.

/// The nice step nearest above `raw` (1, 2, 2.5 is avoided: 1, 2, 5 × 10^k).
///
/// Total: a step that is not a positive finite number gives 1, and one too
/// large for a nice step above it gives the largest power of ten.
pub fn nice_step(raw: f64) -> f64 {
    if raw.is_nan() || raw <= 0.0 {
        return 1.0;
    }
    if raw > 1e307 {
        return 1e308;
    }
    let mag = 10f64.powf(raw.log10().floor());
    let f = raw / mag;
    let nice = if f <= 1.0 {
        1.0
    } else if f <= 2.0 {
        2.0
    } else if f <= 5.0 {
        5.0
    } else {
        10.0
    };
    nice * mag
}

/// Ticks covering `lo..=hi` with at most about `max_count` steps, starting
/// and ending on multiples of the step (so the range is widened to them).
///
/// Total over every `f64`: at least two ascending finite ticks, never more
/// than `2 × max_count + 3`. A bound that is not finite is read as 0, and a
/// range near the ends of `f64` is given its two ends rather than steps past
/// them.
pub fn nice_ticks(lo: f64, hi: f64, max_count: usize) -> Vec<f64> {
    let finite = |v: f64| if v.is_finite() { v } else { 0.0 };
    let (lo, hi) = (finite(lo), finite(hi));
    let (lo, hi) = if lo <= hi { (lo, hi) } else { (hi, lo) };
    let n = max_count.clamp(1, 1000) as f64;
    // Halved before subtracting, so −1e308 … 1e308 does not overflow.
    let per_step = if hi > lo {
        (hi / 2.0 - lo / 2.0) / n * 2.0
    } else {
        lo.abs().max(1.0) / n
    };
    let step = nice_step(per_step);
    let start = (lo / step).floor();
    let mut end = (hi / step).ceil();
    if end == start {
        end += 1.0;
    }
    let count = end - start;
    let mut ticks: Vec<f64> = Vec::new();
    if count.is_finite() && count <= 2.0 * n + 2.0 {
        for k in 0..=count as usize {
            ticks.push(round_to_step((start + k as f64) * step, step));
        }
    }
    if ticks.len() >= 2 && ticks.iter().all(|t| t.is_finite()) {
        ticks
    } else if hi > lo {
        vec![lo, hi]
    } else {
        vec![lo.min(0.0), lo.max(0.0)]
    }
}

/// Removes floating-point dust such as 0.30000000000000004.
fn round_to_step(v: f64, step: f64) -> f64 {
    let digits = (-step.log10().floor()).max(0.0) as i32 + 1;
    let p = 10f64.powi(digits);
    let r = (v * p).round() / p;
    if r.is_finite() {
        r
    } else {
        v
    }
}

/// Decimal places needed to print a step exactly (0 for 5, 1 for 0.5).
pub fn step_decimals(step: f64) -> u8 {
    (0u8..6)
        .find(|&d| {
            let s = step * 10f64.powi(i32::from(d));
            (s - s.round()).abs() < 1e-9
        })
        .unwrap_or(6)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_are_one_two_or_five_times_a_power_of_ten() {
        assert_eq!(nice_step(0.7), 1.0);
        assert_eq!(nice_step(1.3), 2.0);
        assert_eq!(nice_step(37.0), 50.0);
        assert_eq!(nice_step(0.021), 0.05);
        assert_eq!(nice_step(0.0), 1.0);
    }

    #[test]
    fn ticks_cover_the_range_on_round_numbers() {
        assert_eq!(nice_ticks(0.0, 113.0, 5), vec![0.0, 50.0, 100.0, 150.0]);
        assert_eq!(nice_ticks(0.1, 0.3, 4), vec![0.1, 0.15, 0.2, 0.25, 0.3]);
        let t = nice_ticks(2010.0, 2025.0, 4);
        assert_eq!(t.first(), Some(&2010.0));
        assert!(t.last().is_some_and(|&l| l >= 2025.0));
    }

    #[test]
    fn a_flat_range_still_gets_two_ticks() {
        let t = nice_ticks(5.0, 5.0, 5);
        assert!(t.len() >= 2 && t[0] <= 5.0 && *t.last().unwrap() >= 5.0);
    }

    /// Issue 14, defect 1: a page's value of 1e400 (infinity) or a range of
    /// ±1.7e308 made `nice_ticks` collect `0..=i64::MAX` ("capacity overflow").
    #[test]
    fn huge_or_infinite_ranges_give_a_few_finite_ticks() {
        for (lo, hi) in [
            (0.0, f64::INFINITY),
            (f64::NEG_INFINITY, f64::INFINITY),
            (-1.7e307, 1.7e307),
            (-f64::MAX, f64::MAX),
            (f64::NAN, 5.0),
            (0.0, 1e300),
            (1e-300, 2e-300),
            (f64::MAX, f64::MAX),
        ] {
            let t = nice_ticks(lo, hi, 5);
            assert!(t.len() >= 2 && t.len() <= 13, "{lo} {hi}: {t:?}");
            assert!(t.iter().all(|v| v.is_finite()), "{lo} {hi}: {t:?}");
            assert!(t.windows(2).all(|w| w[0] < w[1]), "{lo} {hi}: {t:?}");
        }
        assert_eq!(nice_step(f64::INFINITY), 1e308);
    }

    #[test]
    fn decimals_of_steps() {
        assert_eq!(step_decimals(5.0), 0);
        assert_eq!(step_decimals(0.5), 1);
        assert_eq!(step_decimals(0.25), 2);
    }
}
