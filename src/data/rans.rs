//! A small entropy coder for the boundary deltas: byte-wise rANS with one
//! static model (symbol frequencies stored beside the stream).
//!
//! Why: the boundaries are the largest part of the core (30.6 KB raw), and
//! their coordinate steps, written as varint bytes, compress badly in gzip
//! and brotli (19.0 KB gzip for 24.6 KB of steps, when their order-0
//! entropy is 13.8 KB). Coding the steps with their own frequencies gets
//! close to that entropy, and a compressor leaves the result as it is.

use super::wire::{Reader, Writer};
use super::DecodeError;

/// Frequencies sum to 2^SCALE.
const SCALE: u32 = 12;
const TOTAL: u32 = 1 << SCALE;
/// The state stays in [LOW, LOW × 256) between symbols.
const LOW: u32 = 1 << 23;
/// At most this many symbols in a model.
pub const MAX_SYMBOLS: usize = 256;

/// Symbol frequencies scaled to sum to [`TOTAL`], each symbol that occurs
/// keeping at least 1.
pub fn model(counts: &[u64]) -> Vec<u32> {
    let total: u64 = counts.iter().sum();
    if total == 0 {
        return Vec::new();
    }
    let mut f: Vec<u32> = counts
        .iter()
        .map(|&c| match c {
            0 => 0,
            c => ((c * u64::from(TOTAL)) / total).max(1) as u32,
        })
        .collect();
    // Give or take the remainder from the most frequent symbol, which
    // misses it least.
    let sum: u32 = f.iter().sum();
    let top = (0..f.len()).max_by_key(|&i| f[i]).unwrap_or(0);
    if sum < TOTAL {
        f[top] += TOTAL - sum;
    } else {
        let mut over = sum - TOTAL;
        // Take from the largest first, never below 1.
        while over > 0 {
            let i = (0..f.len()).max_by_key(|&i| f[i]).unwrap_or(0);
            let take = over.min(f[i] - 1).max(1);
            f[i] -= take;
            over -= take;
        }
    }
    f
}

/// Writes the model, then the symbols coded with it. Every symbol must
/// have a non-zero frequency in `freq`.
pub fn encode(w: &mut Writer, freq: &[u32], symbols: &[usize]) {
    w.len(freq.len());
    for &f in freq {
        w.uvar(u64::from(f));
    }
    let mut start = vec![0u32; freq.len()];
    for i in 1..freq.len() {
        start[i] = start[i - 1] + freq[i - 1];
    }
    // rANS codes last to first; the bytes come out backwards.
    let mut out = Vec::new();
    let mut x = LOW;
    for &s in symbols.iter().rev() {
        let f = freq[s];
        let x_max = ((LOW >> SCALE) << 8) * f;
        while x >= x_max {
            out.push((x & 0xff) as u8);
            x >>= 8;
        }
        x = ((x / f) << SCALE) + (x % f) + start[s];
    }
    out.extend(x.to_le_bytes());
    out.reverse();
    w.len(out.len());
    w.bytes.extend_from_slice(&out);
}

/// Reads a model and `n` symbols coded with it; also says how many symbols
/// the model has.
pub fn decode(r: &mut Reader, n: usize) -> Result<(Vec<u16>, usize), DecodeError> {
    let bad = |r: &Reader, what| DecodeError::Invalid {
        offset: r.offset(),
        what,
    };
    let count = r.len(1)?;
    if count == 0 || count > MAX_SYMBOLS {
        return Err(bad(r, "entropy model has no symbols or too many"));
    }
    let mut freq = Vec::with_capacity(count);
    let mut sum = 0u64;
    for _ in 0..count {
        let f = r.uvar()?;
        sum += f.min(u64::from(TOTAL) + 1);
        freq.push(f as u32);
    }
    if sum != u64::from(TOTAL) {
        return Err(bad(r, "entropy model frequencies do not add up"));
    }
    // Which symbol each slot of [0, TOTAL) belongs to, and where each starts.
    let mut slots = Vec::with_capacity(TOTAL as usize);
    let mut start = Vec::with_capacity(count);
    for (s, &f) in freq.iter().enumerate() {
        start.push(slots.len() as u32);
        slots.extend(std::iter::repeat_n(s as u16, f as usize));
    }
    let len = r.len(1)?;
    let mut bytes = r.sub(len)?;
    if len < 4 {
        return Err(bad(&bytes, "entropy-coded stream too short"));
    }
    let mut x = u32::from_be_bytes([bytes.u8()?, bytes.u8()?, bytes.u8()?, bytes.u8()?]);
    let mut out = Vec::with_capacity(n);
    for _ in 0..n {
        let slot = x & (TOTAL - 1);
        let s = slots[slot as usize];
        let f = freq[usize::from(s)];
        // In u64: a crafted state must give an error, never an overflow.
        let next = u64::from(f) * u64::from(x >> SCALE) + u64::from(slot - start[usize::from(s)]);
        let mut y = next;
        while y < u64::from(LOW) {
            y = (y << 8) | u64::from(bytes.u8()?);
        }
        x = u32::try_from(y).map_err(|_| bad(&bytes, "entropy-coded state out of range"))?;
        out.push(s);
    }
    Ok((out, count))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rnd(seed: &mut u64) -> u64 {
        *seed ^= *seed << 13;
        *seed ^= *seed >> 7;
        *seed ^= *seed << 17;
        *seed
    }

    #[test]
    fn symbols_come_back_as_they_went_in() {
        let mut seed = 0x1234_5678_9abc_def1;
        for case in 0..200 {
            let k = 1 + (rnd(&mut seed) % 200) as usize;
            let n = (rnd(&mut seed) % 3000) as usize;
            // Skewed, as coordinate steps are: small symbols common.
            let symbols: Vec<usize> = (0..n)
                .map(|_| {
                    let a = rnd(&mut seed) as usize % k;
                    let b = rnd(&mut seed) as usize % k;
                    a.min(b).min(rnd(&mut seed) as usize % k)
                })
                .collect();
            let mut counts = vec![0u64; k];
            for &s in &symbols {
                counts[s] += 1;
            }
            let freq = if n == 0 { vec![TOTAL] } else { model(&counts) };
            assert_eq!(freq.iter().sum::<u32>(), TOTAL, "case {case}");
            assert!(counts.iter().zip(&freq).all(|(&c, &f)| (c == 0) || f > 0));
            let mut w = Writer::default();
            encode(&mut w, &freq, &symbols);
            let mut r = Reader::new(&w.bytes, 0);
            let back: Vec<usize> = decode(&mut r, n)
                .unwrap()
                .0
                .into_iter()
                .map(usize::from)
                .collect();
            assert_eq!(back, symbols, "case {case}");
            assert!(r.is_empty(), "case {case}: every byte read");
        }
    }

    #[test]
    fn skewed_symbols_take_close_to_their_entropy() {
        let mut seed = 7;
        let symbols: Vec<usize> = (0..20_000)
            .map(|_| ((rnd(&mut seed) % 64) | 64).trailing_zeros() as usize)
            .collect();
        let mut counts = vec![0u64; 7];
        for &s in &symbols {
            counts[s] += 1;
        }
        let n = symbols.len() as f64;
        let bits: f64 = counts
            .iter()
            .filter(|&&c| c > 0)
            .map(|&c| -(c as f64) * (c as f64 / n).log2())
            .sum();
        let mut w = Writer::default();
        encode(&mut w, &model(&counts), &symbols);
        let entropy = bits / 8.0;
        assert!(
            (w.bytes.len() as f64) < entropy * 1.02 + 32.0,
            "{} bytes for {entropy:.0} bytes of entropy",
            w.bytes.len()
        );
    }

    #[test]
    fn damaged_streams_give_errors_not_panics() {
        let mut seed = 99;
        let symbols: Vec<usize> = (0..500).map(|_| (rnd(&mut seed) % 5) as usize).collect();
        let mut counts = vec![0u64; 5];
        for &s in &symbols {
            counts[s] += 1;
        }
        let mut w = Writer::default();
        encode(&mut w, &model(&counts), &symbols);
        for cut in 0..w.bytes.len() {
            // Cut short: an error, or (model intact, stream short) fewer bytes.
            let _ = decode(&mut Reader::new(&w.bytes[..cut], 0), 500);
        }
        for i in 0..w.bytes.len() {
            for flip in [1u8, 0x80, 0xff] {
                let mut b = w.bytes.clone();
                b[i] ^= flip;
                let _ = decode(&mut Reader::new(&b, 0), 500);
            }
        }
        // Frequencies that do not add up are refused.
        let mut w = Writer::default();
        w.len(2);
        w.uvar(1);
        w.uvar(1);
        w.len(4);
        w.bytes.extend([0, 0, 0x80, 0]);
        assert!(decode(&mut Reader::new(&w.bytes, 0), 3).is_err());
    }
}
