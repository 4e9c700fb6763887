//! Code that must not be in the WebAssembly module, found by name in the
//! release build before wasm-bindgen strips the names: each is small to
//! write and large to ship, and crept in unnoticed before.

use std::path::Path;

/// A symbol fragment, and why it is kept out and what to use instead.
const BANNED: [(&str, &str); 6] = [
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
    (
        "flt2dec",
        "Rust's float printing (Grisu and Dragon, ~15 KB) comes with `{}`, `{:.N}`, `{:?}` or to_string() of an f64 (f64::clamp's panic message too): use care_atlas::scale::format (number, plain, shortest) and care_atlas::scale::clamp",
    ),
    (
        "3fmt5float",
        "Rust's float formatting (core::fmt::float, ~3 KB) comes with `{}`, `{:.N}` or `{:?}` of an f64: use care_atlas::scale::format",
    ),
    (
        "dec2flt",
        "Rust's float parsing (~5 KB) comes with str::parse::<f64>: use care_atlas::scale::decimal::parse",
    ),
];

/// Fails naming every banned piece of code either engine's module holds
/// (read as rustc built them, before wasm-bindgen strips the names).
pub fn check(root: &Path) -> Result<(), String> {
    let mut found = Vec::new();
    for (name, _) in crate::build::ENGINES {
        let module = crate::build::engine_module(name);
        let bytes = std::fs::read(root.join(&module))
            .map_err(|e| format!("{module}: {e} (build first: cargo xtask pkg)"))?;
        found.extend(
            BANNED
                .iter()
                .filter(|(banned, _)| contains(&bytes, banned.as_bytes()))
                .map(|(banned, why)| format!("{module}: {banned}: {why}")),
        );
    }
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

    /// The float fragments are in the names the linker gave the code they
    /// ban (copied from a module built before it was taken out), and not in
    /// the names of the code that replaced it.
    #[test]
    fn float_fragments_match_the_code_they_ban() {
        let banned = [
            "_RNvNtNtNtNtCsgXGp5Oqx2Ny_4core3num7flt2dec8strategy5grisu19format_shortest_opt",
            "_RINvNtNtCsgXGp5Oqx2Ny_4core3fmt5float29float_to_decimal_common_exactdEB6_",
            "_RNvXs7_NtNtCsgXGp5Oqx2Ny_4core3fmt5floatdNtB7_7Display3fmt",
            "_RNvXs2_NtNtCsgXGp5Oqx2Ny_4core3num7dec2fltdNtNtNtB9_3str6traits7FromStr8from_str",
        ];
        let hits = |n: &str| {
            BANNED
                .iter()
                .filter(|(f, _)| contains(n.as_bytes(), f.as_bytes()))
                .count()
        };
        for n in banned {
            assert!(hits(n) > 0, "{n} is not caught");
        }
        for n in [
            "_ZN10care_atlas5scale6format6render17h7912827c8621a3a3E",
            "_ZN10care_atlas5scale7decimal5parse17h4c0ffee000000000E",
            "_ZN10care_atlas3web14canvas_backend10css_colour17h0000000000000000E",
        ] {
            assert_eq!(hits(n), 0, "{n} is caught");
        }
    }

    /// `check` reads both engines' modules where `cargo xtask pkg` leaves
    /// them and fails naming the module, what it found and what to use instead.
    #[test]
    fn check_fails_on_either_module_with_float_parsing() {
        let root = std::env::temp_dir().join(format!("care-atlas-bloat-{}", std::process::id()));
        let clean = b"\0asm..._ZN10care_atlas5scale7decimal5parse...";
        let modules: Vec<_> = crate::build::ENGINES
            .iter()
            .map(|(name, _)| root.join(crate::build::engine_module(name)))
            .collect();
        std::fs::create_dir_all(modules[0].parent().unwrap()).unwrap();
        for bad in &modules {
            for m in &modules {
                std::fs::write(m, clean).unwrap();
            }
            std::fs::write(bad, b"\0asm..._ZN4core3num7dec2flt5parse12parse_number...").unwrap();
            let err = check(&root).unwrap_err();
            let name = bad.file_name().unwrap().to_string_lossy();
            assert!(
                err.contains("dec2flt")
                    && err.contains("scale::decimal::parse")
                    && err.contains(&*name),
                "{err}"
            );
        }
        for m in &modules {
            std::fs::write(m, clean).unwrap();
        }
        assert_eq!(check(&root), Ok(()));
        let _ = std::fs::remove_dir_all(&root);
    }

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
