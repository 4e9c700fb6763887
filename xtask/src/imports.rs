//! Short names for what a module imports from its glue.
//!
//! wasm-bindgen names each import after the web API it wraps plus a 16-digit
//! hash (`__wbg_setAttribute_1a2b…`), and writes every name twice: in the
//! module's import section and as a key of the glue's imports object. The
//! hashes do not compress, so ~200 of them cost about 7 KB gzip of the page
//! (measured: 4.4 KB of the core module, 2.6 KB of its glue). Nothing reads
//! the names but the instantiation, so both copies are renamed to `a`, `b`, …
//! (and the glue's module, `./care_atlas_bg.js`, to `w`).
//!
//! The glue is checked, not assumed: each old name and the module name must
//! occur exactly once in it, or the build fails naming the one that did not
//! (a newer wasm-bindgen may lay its glue out differently).

/// Each renamed import: its old name and its new one.
type Renamed = Vec<(String, String)>;

/// Renames the imports `wasm` takes from `module` (as named in the glue's
/// imports object) in both the module and the glue.
pub fn shorten(wasm: &[u8], glue: &str, module: &str) -> Result<(Vec<u8>, String), String> {
    let (_, names) = rename_in_module(wasm, module, "")?;
    let tag = module_tag(names.iter().map(|(old, _)| old.as_str()));
    let (wasm, renamed) = rename_in_module(wasm, module, &tag)?;
    let mut glue = glue.to_owned();
    // The module's key is written quoted: valid JS wherever the glue has it.
    for (old, new) in renamed
        .iter()
        .chain([&(format!("\"{module}\""), format!("\"{tag}\""))])
    {
        let found = occurrences(&glue, old);
        if found != 1 {
            return Err(format!(
                "the glue holds the import name {old} {found} times, not once: its layout changed (xtask/src/imports.rs)"
            ));
        }
        glue = replace_token(&glue, old, new);
    }
    Ok((wasm, glue))
}

/// `w` and six hex digits of an FNV-1a hash of the import names in order.
fn module_tag<'a>(names: impl Iterator<Item = &'a str>) -> String {
    let mut h: u32 = 0x811c_9dc5;
    for name in names {
        for b in name.bytes().chain([b'\n']) {
            h = (h ^ u32::from(b)).wrapping_mul(0x0100_0193);
        }
    }
    format!("w{:06x}", h & 0xff_ffff)
}

/// Occurrences of `name` not inside a longer identifier.
fn occurrences(text: &str, name: &str) -> usize {
    token_starts(text, name).count()
}

fn replace_token(text: &str, name: &str, new: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for at in token_starts(text, name) {
        out.push_str(&text[last..at]);
        out.push_str(new);
        last = at + name.len();
    }
    out.push_str(&text[last..]);
    out
}

fn token_starts<'a>(text: &'a str, name: &'a str) -> impl Iterator<Item = usize> + 'a {
    let ident =
        |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$');
    text.match_indices(name)
        .map(|(at, _)| at)
        .filter(move |&at| {
            !ident(text[..at].chars().next_back()) && !ident(text[at + name.len()..].chars().next())
        })
}

/// The `n`th short name: a … z, A … Z, then two letters and so on.
fn short_name(mut n: usize) -> String {
    const LETTERS: &[u8; 52] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    let mut name = vec![LETTERS[n % 52]];
    n /= 52;
    while n > 0 {
        n -= 1;
        name.push(LETTERS[n % 52]);
        n /= 52;
    }
    name.reverse();
    String::from_utf8(name).expect("ASCII letters")
}

/// The module with its imports from `module` renamed and moved to
/// `new_module`, and each old name with its new one.
fn rename_in_module(
    wasm: &[u8],
    module: &str,
    new_module: &str,
) -> Result<(Vec<u8>, Renamed), String> {
    if wasm.len() < 8 || &wasm[..4] != b"\0asm" {
        return Err("not a WebAssembly module".into());
    }
    let mut out = wasm[..8].to_vec();
    let mut renamed = Vec::new();
    let mut r = Bytes { b: wasm, at: 8 };
    while r.at < wasm.len() {
        let id = r.byte()?;
        let len = r.uleb()? as usize;
        let body = r.take(len)?;
        let body = if id == 2 {
            imports(body, module, new_module, &mut renamed)?
        } else {
            body.to_vec()
        };
        out.push(id);
        uleb(&mut out, body.len() as u64);
        out.extend_from_slice(&body);
    }
    Ok((out, renamed))
}

/// The import section rewritten.
fn imports(
    body: &[u8],
    module: &str,
    new_module: &str,
    renamed: &mut Renamed,
) -> Result<Vec<u8>, String> {
    let mut r = Bytes { b: body, at: 0 };
    let mut out = Vec::with_capacity(body.len());
    let count = r.uleb()?;
    uleb(&mut out, count);
    for _ in 0..count {
        let from = r.name()?;
        let name = r.name()?;
        let start = r.at;
        r.import_description()?;
        let description = &body[start..r.at];
        let (from, name) = if from == module {
            let short = short_name(renamed.len());
            renamed.push((name.to_owned(), short.clone()));
            (new_module, short)
        } else {
            (from, name.to_owned())
        };
        for s in [from, &name] {
            uleb(&mut out, s.len() as u64);
            out.extend_from_slice(s.as_bytes());
        }
        out.extend_from_slice(description);
    }
    if r.at != body.len() {
        return Err(format!(
            "import section: {} unread bytes",
            body.len() - r.at
        ));
    }
    Ok(out)
}

fn uleb(out: &mut Vec<u8>, mut v: u64) {
    loop {
        let byte = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

struct Bytes<'a> {
    b: &'a [u8],
    at: usize,
}

impl<'a> Bytes<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], String> {
        let end = self.at.checked_add(n).filter(|&e| e <= self.b.len());
        let end = end.ok_or_else(|| format!("module truncated at byte {}", self.at))?;
        let s = &self.b[self.at..end];
        self.at = end;
        Ok(s)
    }

    fn byte(&mut self) -> Result<u8, String> {
        Ok(self.take(1)?[0])
    }

    fn uleb(&mut self) -> Result<u64, String> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            v |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err(format!("LEB128 too long at byte {}", self.at))
    }

    fn name(&mut self) -> Result<&'a str, String> {
        let n = self.uleb()? as usize;
        let at = self.at;
        std::str::from_utf8(self.take(n)?)
            .map_err(|_| format!("a name that is not UTF-8 at byte {at}"))
    }

    fn limits(&mut self) -> Result<(), String> {
        let at = self.at;
        let flags = self.byte()?;
        // Bit 0: a maximum follows; 1: shared; 2: 64-bit. Anything else
        // (custom page sizes, say) would change what follows.
        if flags & !0b111 != 0 {
            return Err(format!(
                "limits with flags {flags:#x} at byte {at} (xtask/src/imports.rs knows bits 0-2)"
            ));
        }
        self.uleb()?;
        if flags & 1 != 0 {
            self.uleb()?;
        }
        Ok(())
    }

    /// A one-byte value type among `known` (the build's features; typed
    /// references would take more bytes).
    fn value_type(&mut self, known: &[u8]) -> Result<(), String> {
        let at = self.at;
        let t = self.byte()?;
        if known.contains(&t) {
            Ok(())
        } else {
            Err(format!(
                "value type {t:#x} at byte {at} (xtask/src/imports.rs knows {known:x?})"
            ))
        }
    }

    /// Steps over an import's description: what kind of thing, of what type.
    fn import_description(&mut self) -> Result<(), String> {
        let at = self.at;
        match self.byte()? {
            // A function, by its type's index; a tag (exception handling), likewise.
            0 => self.uleb().map(drop),
            4 => self.byte().and_then(|_| self.uleb()).map(drop),
            // A table: its element type, then limits.
            1 => self.value_type(&[0x70, 0x6f]).and_then(|_| self.limits()),
            2 => self.limits(),
            // A global: value type and mutability.
            3 => self
                .value_type(&[0x7f, 0x7e, 0x7d, 0x7c, 0x7b, 0x70, 0x6f])
                .and_then(|_| self.byte().map(drop)),
            kind => Err(format!(
                "import of unknown kind {kind} at byte {at} (xtask/src/imports.rs knows 0-4)"
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two functions imported from the glue, one from elsewhere, and one of
    /// each other kind (a table, a 64-bit memory with a maximum, a global,
    /// a tag), with a type section before and a custom section after.
    fn module_with(memory_flags: u8) -> Vec<u8> {
        let imports: [(&str, &str, &[u8]); 7] = [
            ("./x_bg.js", "__wbg_log_0123456789abcdef", &[0, 0]),
            ("env", "keep", &[0, 0]),
            ("env", "table", &[1, 0x6f, 1, 0, 10]),
            ("env", "memory", &[2, memory_flags, 1, 2]),
            ("./x_bg.js", "__wbg_now_fedcba9876543210", &[0, 0]),
            ("env", "global", &[3, 0x7f, 0]),
            ("env", "tag", &[4, 0, 0]),
        ];
        let mut section = vec![imports.len() as u8];
        for (from, name, description) in imports {
            for s in [from, name] {
                section.push(s.len() as u8);
                section.extend_from_slice(s.as_bytes());
            }
            section.extend_from_slice(description);
        }
        let mut m = b"\0asm\x01\0\0\0".to_vec();
        m.extend_from_slice(&[1, 4, 1, 0x60, 0, 0]);
        m.push(2);
        uleb(&mut m, section.len() as u64);
        m.extend_from_slice(&section);
        m.extend_from_slice(&[0, 3, 2, b'h', b'i']);
        m
    }

    fn module() -> Vec<u8> {
        module_with(0b101)
    }

    const GLUE: &str = r#"function imports() { const import0 = { __proto__: null, __wbg_log_0123456789abcdef: function(a) { console.log(a) }, __wbg_now_fedcba9876543210: function() { return Date.now() } }; return { __proto__: null, "./x_bg.js": import0 }; }"#;

    #[test]
    fn renames_both_copies_and_leaves_other_modules_alone() {
        let (wasm, glue) = shorten(&module(), GLUE, "./x_bg.js").unwrap();
        let tag =
            module_tag(["__wbg_log_0123456789abcdef", "__wbg_now_fedcba9876543210"].into_iter());
        assert!(tag.len() == 7 && tag.starts_with('w'), "{tag}");
        let text = String::from_utf8_lossy(&wasm);
        assert!(
            !text.contains("__wbg_") && !text.contains("x_bg"),
            "{text:?}"
        );
        assert!(
            text.contains(&format!("\x07{tag}\x01a")) && text.contains(&format!("\x07{tag}\x01b")),
            "{text:?}"
        );
        for other in [
            "\x03env\x04keep",
            "\x05table\x01\x6f\x01\x00\x0a",
            "\x06memory\x02\x05\x01\x02",
            "\x06global\x03\x7f\x00",
            "\x03tag\x04\x00\x00",
        ] {
            assert!(text.contains(other), "{other:?} in {text:?}");
        }
        assert!(
            glue.contains(" a: function(a)") && glue.contains(" b: function()"),
            "{glue}"
        );
        assert!(
            glue.contains(&format!("\"{tag}\": import0")) && !glue.contains("x_bg"),
            "{glue}"
        );
        // The sections around the imports are copied as they were.
        assert_eq!(&wasm[8..14], &module()[8..14]);
        assert!(wasm.ends_with(&[0, 3, 2, b'h', b'i']));
        // Shorter by the names, and by a byte of the section's length (two
        // bytes of LEB128 before, one after).
        let names =
            2 * ("__wbg_log_0123456789abcdef".len() - 1) + 2 * ("./x_bg.js".len() - tag.len());
        assert_eq!(wasm.len(), module().len() - names - 1);
    }

    #[test]
    fn builds_with_other_imports_get_other_module_names() {
        let a = module_tag(["f", "g"].into_iter());
        assert_ne!(a, module_tag(["g", "f"].into_iter()));
        assert_ne!(a, module_tag(["f", "g", "h"].into_iter()));
        assert_ne!(a, module_tag(["fg"].into_iter()));
        assert_eq!(a, module_tag(["f", "g"].into_iter()));
    }

    #[test]
    fn a_name_missing_from_the_glue_or_there_twice_is_an_error() {
        let missing = GLUE.replace("__wbg_now_fedcba9876543210", "__wbg_now_other");
        let e = shorten(&module(), &missing, "./x_bg.js").unwrap_err();
        assert!(e.contains("__wbg_now_fedcba9876543210 0 times"), "{e}");
        let twice = GLUE.replace("return Date.now()", "return __wbg_log_0123456789abcdef");
        let e = shorten(&module(), &twice, "./x_bg.js").unwrap_err();
        assert!(e.contains("__wbg_log_0123456789abcdef 2 times"), "{e}");
    }

    #[test]
    fn encodings_it_does_not_know_are_errors_not_guesses() {
        let e = shorten(&module_with(0b1001), GLUE, "./x_bg.js").unwrap_err();
        assert!(e.contains("limits with flags 0x9"), "{e}");
        let typed = module()
            .iter()
            .map(|&b| if b == 0x6f { 0x63 } else { b })
            .collect::<Vec<_>>();
        let e = shorten(&typed, GLUE, "./x_bg.js").unwrap_err();
        assert!(e.contains("value type 0x63"), "{e}");
    }

    #[test]
    fn a_longer_identifier_is_not_the_name() {
        assert_eq!(occurrences("ab abc cab ab_ $ab ab", "ab"), 2);
        assert_eq!(replace_token("ab(abc, ab)", "ab", "z"), "z(abc, z)");
    }

    #[test]
    fn short_names_are_unique_identifiers() {
        let names: Vec<String> = (0..3000).map(short_name).collect();
        assert_eq!(
            (names[0].as_str(), names[51].as_str(), names[52].as_str()),
            ("a", "Z", "aa")
        );
        let unique: std::collections::HashSet<_> = names.iter().collect();
        assert_eq!(unique.len(), names.len());
        assert!(names
            .iter()
            .all(|n| n.bytes().all(|b| b.is_ascii_alphabetic())));
    }

    #[test]
    fn a_truncated_module_is_an_error() {
        let m = module();
        assert!(rename_in_module(&m[..m.len() - 1], "./x_bg.js", "w").is_err());
        assert!(rename_in_module(b"nope", "./x_bg.js", "w").is_err());
    }
}
