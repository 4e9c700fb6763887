//! Numbers as people in the UK write them: thousands separated by commas,
//! a real minus sign, and the decimals the figure was published with.
//!
//! Written with integer arithmetic rather than `format!("{:.1}")`: Rust's
//! float formatting adds about 20 KB to the WebAssembly module (the size
//! check fails if it comes back; [`super::decimal`] reads numbers the same
//! way).
//!
//! Rounding to `d` decimals: `v × 10^d` is computed in `f64` and rounded
//! half away from zero. That rounds the figure as it is written, the way
//! published statistics are rounded: 0.15 to one place is 0.2 and 2.5 to
//! none is 3, where Rust's `{:.1}` gives 0.1 and `{:.0}` gives 2 (it rounds
//! the exact binary value, which for 0.15 is a hair below, and ties to
//! even). Away from a tie the two agree (a property test checks it). A
//! figure shown with the decimals it was published with prints as published.

/// `|v|` rounded to `decimals` places, as integer and fraction digits.
fn digits(v: f64, decimals: u8) -> (String, String) {
    let d = usize::from(decimals.min(9));
    let p = 10u64.pow(d as u32);
    let scaled = (v.abs() * p as f64).round() as u64;
    let frac = (scaled % p).to_string();
    let frac = if d == 0 {
        String::new()
    } else {
        "0".repeat(d - frac.len()) + &frac
    };
    ((scaled / p).to_string(), frac)
}

/// Beyond this many units of the last decimal place a number is printed
/// with a power of ten: its digits would no longer fit a `u64`, and nobody
/// reads nineteen of them.
const DIGITS_LIMIT: f64 = 1e18;

/// `|v|` to three significant figures times a power of ten: "1.23×10²⁰",
/// or for machines (`plain`) "1.23E20".
fn scientific(v: f64, plain: bool) -> String {
    const SUP: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
    let a = v.abs();
    let mut e = a.log10().floor() as i32;
    let mut m = (a / 10f64.powi(e - 2)).round() as u32;
    if m >= 1000 {
        m /= 10;
        e += 1;
    }
    let (digits, exp) = (m.to_string(), e.unsigned_abs().to_string());
    let mut out = format!("{}.{}", &digits[..1], &digits[1..]);
    let minus = e < 0;
    if plain {
        out.push('E');
        if minus {
            out.push('-');
        }
        out.push_str(&exp);
        return out;
    }
    out.push_str("×10");
    if minus {
        out.push('⁻');
    }
    out.extend(exp.bytes().map(|b| SUP[usize::from(b - b'0')]));
    out
}

fn render(v: f64, decimals: u8, minus: &str, group: bool) -> String {
    if !v.is_finite() {
        return "–".to_string();
    }
    let d = decimals.min(9);
    if v.abs() * 10f64.powi(i32::from(d)) >= DIGITS_LIMIT {
        let sign = if v < 0.0 { minus } else { "" };
        return format!("{sign}{}", scientific(v, !group));
    }
    let (int, frac) = digits(v, decimals);
    let mut out = String::with_capacity(int.len() + frac.len() + 6);
    // Negative zero after rounding (-0.04 to 1 place) prints as 0.0.
    if v < 0.0 && (int != "0" || frac.bytes().any(|b| b != b'0')) {
        out.push_str(minus);
    }
    let n = int.len();
    for (i, ch) in int.chars().enumerate() {
        if group && i > 0 && (n - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    if !frac.is_empty() {
        out.push('.');
        out.push_str(&frac);
    }
    out
}

/// Formats `v` with `decimals` places and thousands separators.
pub fn number(v: f64, decimals: u8) -> String {
    render(v, decimals, "\u{2212}", true)
}

/// A number for machines (CSV files): ASCII minus, no thousands separators,
/// and `1.23E20` beyond nineteen digits.
pub fn plain(v: f64, decimals: u8) -> String {
    render(v, decimals, "-", false)
}

/// `v` as Rust's `{}` prints it ("30", "0.5", "-2.25") without linking
/// Rust's float printing: the fewest decimals, up to six, that read back as
/// exactly `v`. Meant for constants and settings (class bands, CSS lengths,
/// colour alpha). The same as `{}` for every value that has six decimals or
/// fewer and is below 2³³ (where one decimal string at most reads back as
/// `v`) or is a whole number below 10¹⁵; otherwise it is `v` to six places
/// (0.1 + 0.2 as "0.300000", where `{}` gives 0.30000000000000004), and NaN
/// is "–".
pub fn shortest(v: f64) -> String {
    let mut out = String::new();
    for d in 0..=6 {
        out = plain(v, d);
        if super::decimal::parse(&out) == Some(v) {
            break;
        }
    }
    out
}

/// A CSS length in pixels, to 0.1 px: "12.5px".
pub fn css_px(v: f64) -> String {
    render(v, 1, "-", false) + "px"
}

/// Lower-cases the first letter, for a label used mid-sentence
/// ("Children in need" → "children in need").
pub fn mid_sentence(label: &str) -> String {
    let mut c = label.chars();
    match c.next() {
        Some(f) => f.to_ascii_lowercase().to_string() + c.as_str(),
        None => String::new(),
    }
}

/// A signed change in per cent: "+12%", "−3.5%", "0%".
pub fn percent_change(v: f64, decimals: u8) -> String {
    let body = number(v, decimals);
    if v > 0.0 && body.bytes().any(|b| b.is_ascii_digit() && b != b'0') {
        format!("+{body}%")
    } else {
        format!("{body}%")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_and_decimals() {
        assert_eq!(number(111.0, 0), "111");
        assert_eq!(number(83_630.0, 0), "83,630");
        assert_eq!(number(1_234_567.891, 1), "1,234,567.9");
        assert_eq!(number(452.0, 1), "452.0");
        assert_eq!(number(999.95, 1), "1,000.0");
    }

    #[test]
    fn negatives_use_a_real_minus_and_no_negative_zero() {
        assert_eq!(number(-1234.5, 1), "\u{2212}1,234.5");
        assert_eq!(number(-0.04, 1), "0.0");
        assert_eq!(number(f64::NAN, 0), "–");
    }

    /// Issue 14, defect 1: values of 1.8e19 and more printed as
    /// 18,446,744,073,709,551,615 (the largest u64), whatever they were.
    #[test]
    fn huge_values_print_with_a_power_of_ten_not_a_saturated_integer() {
        assert_eq!(number(1.8e19, 0), "1.80×10¹⁹");
        assert_eq!(number(-2.5e300, 1), "\u{2212}2.50×10³⁰⁰");
        assert_eq!(number(9.996e20, 0), "1.00×10²¹");
        assert_eq!(number(f64::MAX, 3), "1.80×10³⁰⁸");
        assert_eq!(number(999_999_999_999_999.0, 0), "999,999,999,999,999");
        assert_eq!(number(1e14, 3), "100,000,000,000,000.000");
        assert_eq!(number(1e15, 3), "1.00×10¹⁵");
        assert!(!number(3e19, 0).contains("18,446"));
        assert_eq!(percent_change(2e20, 0), "+2.00×10²⁰%");
        assert_eq!(plain(-2.5e300, 1), "-2.50E300");
        assert_eq!(plain(-1234.5, 1), "-1234.5");
    }

    /// SplitMix64, for the property tests below.
    fn next(state: &mut u64) -> u64 {
        *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = *state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// The documented half-way rule, and agreement with std everywhere else.
    #[test]
    fn rounds_half_away_from_zero_as_written_and_as_std_off_ties() {
        assert_eq!(plain(0.15, 1), "0.2");
        assert_eq!(format!("{:.1}", 0.15), "0.1");
        assert_eq!(plain(2.5, 0), "3");
        assert_eq!(plain(-2.5, 0), "-3");
        assert_eq!(plain(0.125, 2), "0.13");
        assert_eq!(plain(1.005, 2), "1.00"); // 1.005 × 100 is 100.49999999999999
        assert_eq!(plain(45.35, 1), "45.4");
        let mut s = 7u64;
        let mut compared = 0;
        for _ in 0..300_000 {
            let r = next(&mut s);
            let d = (r % 7) as u8;
            // Figures of up to 9 digits and 4 decimals, and arbitrary doubles.
            let v = if r & 8 == 0 {
                (next(&mut s) % 2_000_000_000) as f64 / 10f64.powi(((r >> 4) % 5) as i32)
                    - 1e9 / 10f64.powi(((r >> 8) % 5) as i32)
            } else {
                f64::from_bits(next(&mut s)) % 1e9
            };
            if !v.is_finite() {
                continue;
            }
            let t = v.abs() * 10f64.powi(i32::from(d));
            if ((t - t.floor()) - 0.5).abs() < 1e-6 {
                continue; // a tie, or too close to one to say which side
            }
            let want = format!("{v:.*}", usize::from(d));
            // Std keeps the sign of a value that rounds to zero; we drop it.
            let want = match want.strip_prefix('-') {
                Some(w) if w.bytes().all(|b| b == b'0' || b == b'.') => w.to_string(),
                _ => want,
            };
            assert_eq!(plain(v, d), want, "{v:e} to {d} places");
            compared += 1;
        }
        assert!(compared > 250_000, "{compared}");
    }

    #[test]
    fn shortest_prints_as_display_does() {
        for v in [
            0.0, 1.0, 24.0, 28.0, 6.0, 4.0, 30.0, 0.5, 0.25, 12.5, -2.25, 1e14, 0.000001,
        ] {
            assert_eq!(shortest(v), format!("{v}"));
        }
        assert_eq!(shortest(0.1 + 0.2), "0.300000");
        assert_eq!(shortest(-0.0), "0");
        assert_eq!(shortest(1.0 / 3.0), "0.333333");
        let mut s = 11u64;
        for _ in 0..200_000 {
            let r = next(&mut s);
            let d = (r % 7) as i32;
            let k = (next(&mut s) % 2_000_000_000_000) as i64 - 1_000_000_000_000;
            // Whole numbers to 10^12; with decimals, below 2^33 (see `shortest`).
            let v = if d == 0 {
                k as f64
            } else {
                (k % 8_000_000_000) as f64 / 10f64.powi(d)
            };
            assert_eq!(shortest(v), format!("{v}"), "{k} / 10^{d}");
        }
    }

    #[test]
    fn clamp_keeps_nan_and_needs_no_ordered_bounds() {
        use crate::scale::clamp;
        assert_eq!(clamp(5.0, 0.0, 3.0), 3.0);
        assert_eq!(clamp(-1.0, 0.0, 3.0), 0.0);
        assert_eq!(clamp(2.0, 0.0, 3.0), 2.0);
        assert!(clamp(f64::NAN, 0.0, 3.0).is_nan());
        assert_eq!(clamp(1.0, 3.0, 0.0), 0.0);
        for v in [-7.0, 0.0, 0.5, 9.0, f64::INFINITY, f64::NEG_INFINITY] {
            assert_eq!(clamp(v, -1.0, 1.0), v.clamp(-1.0, 1.0));
        }
    }

    #[test]
    fn css_lengths_and_mid_sentence_labels() {
        assert_eq!(css_px(12.345), "12.3px");
        assert_eq!(css_px(-3.0), "-3.0px");
        assert_eq!(css_px(1234.0), "1234.0px");
        assert_eq!(mid_sentence("Children in need"), "children in need");
        assert_eq!(mid_sentence(""), "");
    }

    #[test]
    fn percent_changes_carry_their_sign() {
        assert_eq!(percent_change(59.7, 0), "+60%");
        assert_eq!(percent_change(-3.46, 1), "\u{2212}3.5%");
        assert_eq!(percent_change(0.0, 0), "0%");
    }
}
