//! Numbers as people in the UK write them: thousands separated by commas,
//! a real minus sign, and the decimals the figure was published with.
//!
//! Written with integer arithmetic rather than `format!("{:.1}")`: Rust's
//! float formatting adds about 20 KB to the WebAssembly module.

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
