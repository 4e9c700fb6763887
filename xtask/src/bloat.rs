//! Code that must not be in the WebAssembly module, found by name in the
//! release build before wasm-bindgen strips the names: each is small to
//! write and large to ship, and crept in unnoticed before.

use std::path::Path;

/// A symbol fragment, and why it is kept out and what to use instead.
const BANNED: [(&str, &str); 3] = [
    (
        "unicode_data11conversions",
        "Unicode case tables (~23 KB) come with str/char to_lowercase and to_uppercase: use to_ascii_lowercase / to_ascii_uppercase",
    ),
    (
        "driftsort",
        "the standard library's stable sort (a copy per comparison closure): use care_atlas::sort::sort_by",
    ),
    (
        "quicksort",
        "the standard library's unstable sort (a copy per comparison closure): use care_atlas::sort::sort_by",
    ),
];

/// The release module (before wasm-bindgen), as `cargo xtask pkg` built it.
const MODULE: &str = "target/wasm32-unknown-unknown/release/care_atlas.wasm";

/// Fails naming every banned piece of code the module holds.
pub fn check(root: &Path) -> Result<(), String> {
    let bytes = std::fs::read(root.join(MODULE))
        .map_err(|e| format!("{MODULE}: {e} (build first: cargo xtask pkg)"))?;
    let found: Vec<String> = BANNED
        .iter()
        .filter(|(name, _)| contains(&bytes, name.as_bytes()))
        .map(|(name, why)| format!("{name}: {why}"))
        .collect();
    if found.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "the wasm module holds code kept out for its size:\n  {}",
            found.join("\n  ")
        ))
    }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_a_fragment_anywhere_and_only_whole() {
        assert!(contains(
            b"xx_unicode_data11conversions8to_lower",
            b"unicode_data11conversions"
        ));
        assert!(!contains(
            b"unicode_data11conversion",
            b"unicode_data11conversions"
        ));
    }
}
