//! "Nice" numbers: steps of 1, 2 or 5 times a power of ten, for axis ticks
//! and class breaks people can read at a glance.

/// The nice step nearest above `raw` (1, 2, 2.5 is avoided: 1, 2, 5 × 10^k).
pub fn nice_step(raw: f64) -> f64 {
    if !(raw.is_finite() && raw > 0.0) {
        return 1.0;
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
pub fn nice_ticks(lo: f64, hi: f64, max_count: usize) -> Vec<f64> {
    let (lo, hi) = if lo <= hi { (lo, hi) } else { (hi, lo) };
    let span = if hi > lo { hi - lo } else { lo.abs().max(1.0) };
    let step = nice_step(span / max_count.max(1) as f64);
    let start = (lo / step).floor() as i64;
    let mut end = (hi / step).ceil() as i64;
    if end == start {
        end += 1;
    }
    (start..=end)
        .map(|k| round_to_step(k as f64 * step, step))
        .collect()
}

/// Removes floating-point dust such as 0.30000000000000004.
fn round_to_step(v: f64, step: f64) -> f64 {
    let digits = (-step.log10().floor()).max(0.0) as i32 + 1;
    let p = 10f64.powi(digits);
    (v * p).round() / p
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

    #[test]
    fn decimals_of_steps() {
        assert_eq!(step_decimals(5.0), 0);
        assert_eq!(step_decimals(0.5), 1);
        assert_eq!(step_decimals(0.25), 2);
    }
}
