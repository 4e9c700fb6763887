//! Decimal text to `f64`, giving exactly what `str::parse::<f64>` gives, for
//! exactly the strings it accepts — without linking core's `dec2flt` (about
//! 5 KB of WebAssembly with its tables) into the module.
//!
//! The grammar is std's: an optional `+` or `-`, then `inf`, `infinity` or
//! `nan` in any case, or digits with at most one `.` (at least one digit on
//! either side) and an optional exponent `e`/`E`, sign, digits. No spaces,
//! no separators: callers strip what their own grammar allows first.
//!
//! Every result is correctly rounded (ties to even), like std's:
//! - up to 2^53 as an integer times or divided by a power of ten up to
//!   10^22, both exact in an `f64`, so one IEEE multiplication or division
//!   rounds correctly (Clinger's fast path) — every figure of up to 15
//!   significant digits and few decimals, i.e. every figure we read;
//! - anything longer or larger exactly, with a small big integer: the
//!   quotient digits × 10^e to 65 bits and whether anything remains, then
//!   rounded to the 53 bits (fewer if subnormal) of an `f64`.

/// Significant digits kept. A decimal needs at most 767 to decide how an
/// `f64` rounds; beyond that, whether any further digit is non-zero is all
/// that matters (kept as one extra `1`).
const MAX_DIGITS: usize = 800;

/// The powers of ten an `f64` holds exactly.
const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// `s` as `s.parse::<f64>().ok()` reads it.
pub fn parse(s: &str) -> Option<f64> {
    let b = s.as_bytes();
    let (negative, rest) = match b.first() {
        Some(b'-') => (true, &b[1..]),
        Some(b'+') => (false, &b[1..]),
        _ => (false, b),
    };
    let v = magnitude(rest)?;
    Some(if negative { -v } else { v })
}

fn magnitude(b: &[u8]) -> Option<f64> {
    if b.first().is_some_and(|c| c.is_ascii_alphabetic()) {
        let word = |w: &[u8]| b.eq_ignore_ascii_case(w);
        return if word(b"inf") || word(b"infinity") {
            Some(f64::INFINITY)
        } else if word(b"nan") {
            Some(f64::NAN)
        } else {
            None
        };
    }
    // Significant digits (no leading zeros), and the power of ten that
    // scales them: value = digits × 10^exp.
    let mut digits: Vec<u8> = Vec::new();
    let mut exp: i64 = 0;
    let mut truncated = false;
    let mut seen_digit = false;
    let mut seen_point = false;
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            c @ b'0'..=b'9' => {
                seen_digit = true;
                if seen_point {
                    exp -= 1;
                }
                if c != b'0' || !digits.is_empty() {
                    if digits.len() < MAX_DIGITS {
                        digits.push(c - b'0');
                    } else {
                        truncated |= c != b'0';
                        exp += 1;
                    }
                }
            }
            b'.' if !seen_point => seen_point = true,
            b'e' | b'E' => break,
            _ => return None,
        }
        i += 1;
    }
    if !seen_digit {
        return None;
    }
    if i < b.len() {
        exp = exp.saturating_add(exponent(&b[i + 1..])?);
    }
    if digits.is_empty() {
        return Some(0.0);
    }
    if truncated {
        digits.push(1);
        exp -= 1;
    }
    // Trailing zeros only make the slow path slower.
    while digits.last() == Some(&0) {
        digits.pop();
        exp += 1;
    }
    let magnitude = digits.len() as i64 + exp; // value < 10^magnitude
    if magnitude > 310 {
        return Some(f64::INFINITY);
    }
    if magnitude < -324 {
        // Below 10^-324, under half the least subnormal (4.9e-324).
        return Some(0.0);
    }
    if digits.len() <= 16 && (-22..=22).contains(&exp) {
        let n = digits.iter().fold(0u64, |n, &d| n * 10 + u64::from(d));
        if n <= 1 << 53 {
            let (n, p) = (n as f64, POW10[exp.unsigned_abs() as usize]);
            return Some(if exp < 0 { n / p } else { n * p });
        }
    }
    Some(exact(&digits, exp))
}

/// The digits after `e`: an optional sign and at least one digit. Huge
/// exponents saturate (the value is then 0 or infinite anyway).
fn exponent(b: &[u8]) -> Option<i64> {
    let (negative, digits) = match b.first() {
        Some(b'-') => (true, &b[1..]),
        Some(b'+') => (false, &b[1..]),
        _ => (false, b),
    };
    if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let n = digits.iter().fold(0i64, |n, &d| {
        (n * 10 + i64::from(d - b'0')).min(1_000_000_000)
    });
    Some(if negative { -n } else { n })
}

/// digits × 10^exp correctly rounded, by big-integer division.
fn exact(digits: &[u8], exp: i64) -> f64 {
    let mut num = Big::from_digits(digits);
    let mut den = Big(vec![1]);
    if exp >= 0 {
        num.mul_pow10(exp as u32);
    } else {
        den.mul_pow10(exp.unsigned_abs() as u32);
    }
    // Scale so the quotient has 64 or 65 bits: value = q × 2^-shift.
    let shift = 64 - (num.bits() as i64 - den.bits() as i64);
    if shift > 0 {
        num.shl(shift as u32);
    } else {
        den.shl(shift.unsigned_abs() as u32);
    }
    let (q, rest) = num.div_small_quotient(&den);
    let bits = 128 - i64::from(q.leading_zeros());
    // Bits of q to drop: down to 53 significant bits, or, below 2^-1022,
    // down to the subnormal step 2^-1074 (q's last bit is worth 2^-shift).
    let drop = (bits - 53).max(shift - 1074);
    let m = round_shift(q, drop, rest);
    let e = drop - shift; // value = m × 2^e
    compose(m, e)
}

/// `q >> drop`, rounded to nearest, ties to even; `sticky` says whether
/// anything below q was non-zero.
fn round_shift(q: u128, drop: i64, sticky: bool) -> u64 {
    if drop <= 0 {
        return (q << drop.unsigned_abs()) as u64;
    }
    if drop >= 128 {
        return 0;
    }
    let d = drop as u32;
    let kept = q >> d;
    let half = 1u128 << (d - 1);
    let below = q & ((1u128 << d) - 1);
    let up = below > half || (below == half && (sticky || kept & 1 == 1));
    (kept + u128::from(up)) as u64
}

/// m × 2^e as an `f64`, m < 2^54 and already rounded to what fits.
fn compose(mut m: u64, mut e: i64) -> f64 {
    if m == 0 {
        return 0.0;
    }
    if m >= 1 << 53 {
        // Rounding carried into a new bit: m is now 2^53 exactly.
        m >>= 1;
        e += 1;
    }
    // Normal: m has 53 bits, the biased exponent is e + 52 + 1023.
    if m >= 1 << 52 {
        let biased = e + 52 + 1023;
        if biased >= 2047 {
            return f64::INFINITY;
        }
        return f64::from_bits(((biased as u64) << 52) | (m & ((1 << 52) - 1)));
    }
    // Subnormal: e is -1074 and m counts steps of 2^-1074.
    f64::from_bits(m)
}

/// A non-negative big integer, 32-bit limbs, least significant first.
struct Big(Vec<u32>);

impl Big {
    fn from_digits(digits: &[u8]) -> Big {
        let mut b = Big(vec![0]);
        for chunk in digits.chunks(9) {
            let mut v = 0u32;
            for &d in chunk {
                v = v * 10 + u32::from(d);
            }
            b.mul_add(10u32.pow(chunk.len() as u32), v);
        }
        b
    }

    /// self × m + a.
    fn mul_add(&mut self, m: u32, a: u32) {
        let mut carry = u64::from(a);
        for limb in &mut self.0 {
            let v = u64::from(*limb) * u64::from(m) + carry;
            *limb = v as u32;
            carry = v >> 32;
        }
        if carry > 0 {
            self.0.push(carry as u32);
        }
    }

    fn mul_pow10(&mut self, mut n: u32) {
        while n > 0 {
            let k = n.min(9);
            self.mul_add(10u32.pow(k), 0);
            n -= k;
        }
    }

    fn bits(&self) -> u32 {
        let top = self.0.iter().rposition(|&l| l != 0).unwrap_or(0);
        top as u32 * 32 + (32 - self.0[top].leading_zeros())
    }

    fn shl(&mut self, n: u32) {
        let (limbs, bits) = ((n / 32) as usize, n % 32);
        if bits > 0 {
            let mut carry = 0u32;
            for limb in &mut self.0 {
                let v = *limb;
                *limb = (v << bits) | carry;
                carry = v >> (32 - bits);
            }
            if carry > 0 {
                self.0.push(carry);
            }
        }
        if limbs > 0 {
            self.0.splice(0..0, std::iter::repeat_n(0, limbs));
        }
    }

    fn shr1(&mut self) {
        let mut carry = 0u32;
        for limb in self.0.iter_mut().rev() {
            let v = *limb;
            *limb = (v >> 1) | carry;
            carry = v << 31;
        }
    }

    fn ge(&self, other: &Big) -> bool {
        let n = self.0.len().max(other.0.len());
        for i in (0..n).rev() {
            let (a, b) = (
                self.0.get(i).copied().unwrap_or(0),
                other.0.get(i).copied().unwrap_or(0),
            );
            if a != b {
                return a > b;
            }
        }
        true
    }

    /// self -= other (other ≤ self).
    fn sub(&mut self, other: &Big) {
        let mut borrow = 0i64;
        for (i, limb) in self.0.iter_mut().enumerate() {
            let v = i64::from(*limb) - i64::from(other.0.get(i).copied().unwrap_or(0)) - borrow;
            *limb = v as u32;
            borrow = i64::from(v < 0);
        }
    }

    fn is_zero(&self) -> bool {
        self.0.iter().all(|&l| l == 0)
    }

    /// self / den when the quotient is below 2^66, by shift and subtract;
    /// and whether a remainder is left.
    fn div_small_quotient(mut self, den: &Big) -> (u128, bool) {
        let mut d = Big(den.0.clone());
        d.shl(66);
        let mut q = 0u128;
        for _ in 0..=66 {
            q <<= 1;
            if self.ge(&d) {
                self.sub(&d);
                q |= 1;
            }
            d.shr1();
        }
        (q, !self.is_zero())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same(s: &str) {
        let want = s.parse::<f64>().ok();
        let got = parse(s);
        match (want, got) {
            (Some(w), Some(g)) if w.is_nan() => assert!(g.is_nan(), "{s:?}: {g}"),
            (Some(w), Some(g)) => assert_eq!(w.to_bits(), g.to_bits(), "{s:?}: {w:e} vs {g:e}"),
            (w, g) => assert_eq!(w.is_some(), g.is_some(), "{s:?}: std {w:?}, ours {g:?}"),
        }
    }

    #[test]
    fn the_grammar_is_std_s() {
        for s in [
            "",
            "+",
            "-",
            ".",
            "+.",
            "e",
            "e5",
            "1e",
            "1e+",
            "1e-",
            ".e1",
            "1.2.3",
            " 1",
            "1 ",
            "1_000",
            "1,5",
            "0x10",
            "1f",
            "inf",
            "-inf",
            "+Infinity",
            "INF",
            "infin",
            "nan",
            "-NaN",
            "nAn",
            "nana",
            "1.",
            ".5",
            "-.5",
            "+5.",
            "00012",
            "1e5",
            "1E-5",
            "1e+05",
            "-0",
            "-0.0",
            "0e999999999999999999",
            "1e-999999999999999999999",
            "1.e3",
            ".1e-2",
            "\u{2212}1",
            "１",
            "++1",
            "+-1",
            "--1",
        ] {
            same(s);
        }
    }

    #[test]
    fn edge_values_round_as_std_does() {
        for s in [
            "9007199254740992",
            "9007199254740993",
            "9007199254740994",
            "9007199254740995",
            "0.1",
            "0.3",
            "0.30000000000000004",
            "2.2250738585072011e-308",
            "2.2250738585072012e-308",
            "2.2250738585072014e-308",
            "4.9406564584124654e-324",
            "2.4703282292062327e-324",
            "2.4703282292062328e-324",
            "2.4703282292062328e-325",
            "1.7976931348623157e308",
            "1.7976931348623158e308",
            "1.7976931348623159e308",
            "179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174",
            "123456789012345678901234567890",
            "1e23",
            "8.98846567431158e307",
            "0.000000000000000000000000000000000000001",
            "1448997445238699",
            "12.345",
            "83630",
            "-1234.5",
        ] {
            same(s);
        }
        // Halfway between two floats, then a non-zero digit far beyond the
        // digits kept: only the sticky digit rounds it up.
        let halfway = "9007199254740993";
        same(&format!("{halfway}.{}1", "0".repeat(900)));
        same(&format!("{halfway}.{}", "0".repeat(900)));
    }
}
