//! The widget's two small sorts, for everything it sorts at run time.
//!
//! The standard library's sorts are fast but large, and every call site with
//! its own comparison closure gets its own copy: in the WebAssembly module
//! they came to 40 KB, a fifth of the code. Most lists the widget sorts hold
//! at most a few hundred items, so a stable binary insertion sort through a
//! `dyn` comparison (one copy per element type) is plenty, at a few hundred
//! bytes; plain numbers, which can be every year's figures at once, have a
//! heap sort of their own. Hand-written on purpose, not a crate, for the
//! same reason: they are in the wasm.

use std::cmp::Ordering;

/// Sorts `v` stably by `cmp`.
pub fn sort_by<T>(v: &mut [T], cmp: &mut dyn FnMut(&T, &T) -> Ordering) {
    for i in 1..v.len() {
        // Where v[i] goes among the sorted v[..i]: after every element not greater.
        let (mut lo, mut hi) = (0, i);
        while lo < hi {
            let mid = (lo + hi) / 2;
            if cmp(&v[mid], &v[i]) == Ordering::Greater {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        // Adjacent swaps, not `rotate_right`, which is generic and large (a
        // copy per element type); the moves stay quadratic at worst, as
        // before, on at most a few hundred items.
        for j in (lo..i).rev() {
            v.swap(j, j + 1);
        }
    }
}

/// Sorts numbers ascending by `f64::total_cmp`, in O(n log n): the map's
/// classes sort every year's figures at once (over 1,600 at authority level),
/// which the insertion sort above did in quadratic time, a few milliseconds
/// of the first paint. A heap sort: no buffer and no generics, and equal
/// numbers under `total_cmp` are the same bits, so stability cannot show.
pub fn sort_numbers(v: &mut [f64]) {
    // Moves v[root] down until the heap of v[..end] holds.
    fn sift(v: &mut [f64], mut root: usize, end: usize) {
        loop {
            let mut child = 2 * root + 1;
            if child >= end {
                return;
            }
            if child + 1 < end && v[child].total_cmp(&v[child + 1]) == Ordering::Less {
                child += 1;
            }
            if v[root].total_cmp(&v[child]) != Ordering::Less {
                return;
            }
            v.swap(root, child);
            root = child;
        }
    }
    let n = v.len();
    for root in (0..n / 2).rev() {
        sift(v, root, n);
    }
    for end in (1..n).rev() {
        v.swap(0, end);
        sift(v, 0, end);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_numbers_as_the_standard_sort_does() {
        let mut seed = 99u64;
        for n in [0usize, 1, 2, 3, 7, 64, 1700] {
            let mut v: Vec<f64> = (0..n)
                .map(|i| {
                    seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1);
                    let x = ((seed >> 33) % 1000) as f64 / 7.0 - 40.0;
                    // Ties, signed zeros, infinities and NaN among them.
                    match i % 50 {
                        0 => -0.0,
                        1 => 0.0,
                        2 => f64::INFINITY,
                        3 => f64::NEG_INFINITY,
                        4 => f64::NAN,
                        5 => 3.0,
                        _ => x,
                    }
                })
                .collect();
            let mut w = v.clone();
            w.sort_by(f64::total_cmp);
            sort_numbers(&mut v);
            let bits = |v: &[f64]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
            assert_eq!(bits(&v), bits(&w), "n = {n}");
        }
    }

    #[test]
    fn sorts_and_keeps_equal_items_in_order() {
        let mut v = vec![(3, 'a'), (1, 'b'), (3, 'c'), (2, 'd'), (1, 'e'), (0, 'f')];
        sort_by(&mut v, &mut |a, b| a.0.cmp(&b.0));
        assert_eq!(
            v,
            vec![(0, 'f'), (1, 'b'), (1, 'e'), (2, 'd'), (3, 'a'), (3, 'c')]
        );
    }

    #[test]
    fn agrees_with_the_standard_sort() {
        let mut seed = 12345u64;
        let mut v: Vec<u32> = (0..500)
            .map(|_| {
                seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1);
                (seed >> 40) as u32 % 97
            })
            .collect();
        let mut w = v.clone();
        w.sort();
        sort_by(&mut v, &mut |a, b| a.cmp(b));
        assert_eq!(v, w);
        let mut empty: Vec<u8> = vec![];
        sort_by(&mut empty, &mut |a, b| a.cmp(b));
    }
}
