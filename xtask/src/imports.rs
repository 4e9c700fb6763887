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

/// The module name the renamed imports are under.
const MODULE: &str = "w";

/// Each renamed import: its old name and its new one.
type Renamed = Vec<(String, String)>;

/// Renames the imports `wasm` takes from `module` (as named in the glue's
/// imports object) in both the module and the glue.
pub fn shorten(wasm: &[u8], glue: &str, module: &str) -> Result<(Vec<u8>, String), String> {
    let (wasm, renamed) = rename_in_module(wasm, module)?;
    let mut glue = glue.to_owned();
    for (old, new) in renamed
        .iter()
        .chain([&(format!("\"{module}\""), MODULE.into())])
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

/// The module with its imports from `module` renamed, and each old name with
/// its new one.
fn rename_in_module(wasm: &[u8], module: &str) -> Result<(Vec<u8>, Renamed), String> {
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
            imports(body, module, &mut renamed)?
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
    renamed: &mut Vec<(String, String)>,
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
            (MODULE, short)
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
        let flags = self.byte()?;
        self.uleb()?;
        if flags & 1 != 0 {
            self.uleb()?;
        }
        Ok(())
    }

    /// Steps over an import's description: what kind of thing, of what type.
    fn import_description(&mut self) -> Result<(), String> {
        let at = self.at;
        match self.byte()? {
            // A function, by its type's index; a tag (exception handling), likewise.
            0 => self.uleb().map(drop),
            4 => self.byte().and_then(|_| self.uleb()).map(drop),
            // A table: its element type (one byte in the reference-types
            // proposal the build enables), then limits.
            1 => self.byte().and_then(|_| self.limits()),
            2 => self.limits(),
            // A global: value type and mutability.
            3 => self.take(2).map(drop),
            kind => Err(format!(
                "import of unknown kind {kind} at byte {at} (xtask/src/imports.rs knows 0-4)"
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A module importing two functions from the glue and one from elsewhere,
    /// with a type section before and a custom section after.
    fn module() -> Vec<u8> {
        let mut imports = vec![3];
        for (from, name) in [
            ("./x_bg.js", "__wbg_log_0123456789abcdef"),
            ("env", "keep"),
            ("./x_bg.js", "__wbg_now_fedcba9876543210"),
        ] {
            for s in [from, name] {
                imports.push(s.len() as u8);
                imports.extend_from_slice(s.as_bytes());
            }
            imports.extend_from_slice(&[0, 0]);
        }
        let mut m = b"\0asm\x01\0\0\0".to_vec();
        m.extend_from_slice(&[1, 4, 1, 0x60, 0, 0]);
        m.push(2);
        uleb(&mut m, imports.len() as u64);
        m.extend_from_slice(&imports);
        m.extend_from_slice(&[0, 3, 2, b'h', b'i']);
        m
    }

    const GLUE: &str = r#"function imports() { const import0 = { __proto__: null, __wbg_log_0123456789abcdef: function(a) { console.log(a) }, __wbg_now_fedcba9876543210: function() { return Date.now() } }; return { __proto__: null, "./x_bg.js": import0 }; }"#;

    #[test]
    fn renames_both_copies_and_leaves_other_modules_alone() {
        let (wasm, glue) = shorten(&module(), GLUE, "./x_bg.js").unwrap();
        let text = String::from_utf8_lossy(&wasm);
        assert!(
            !text.contains("__wbg_") && !text.contains("x_bg"),
            "{text:?}"
        );
        assert!(
            text.contains("\x01w\x01a")
                && text.contains("\x01w\x01b")
                && text.contains("\x03env\x04keep")
        );
        assert!(
            glue.contains(" a: function(a)") && glue.contains(" b: function()"),
            "{glue}"
        );
        assert!(
            glue.contains("w: import0") && !glue.contains("x_bg"),
            "{glue}"
        );
        // The sections around the imports are copied as they were.
        assert_eq!(&wasm[8..14], &module()[8..14]);
        assert!(wasm.ends_with(&[0, 3, 2, b'h', b'i']));
        assert_eq!(
            wasm.len(),
            module().len()
                - 2 * ("__wbg_log_0123456789abcdef".len() - 1)
                - 2 * ("./x_bg.js".len() - 1)
        );
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
        assert!(rename_in_module(&m[..m.len() - 1], "./x_bg.js").is_err());
        assert!(rename_in_module(b"nope", "./x_bg.js").is_err());
    }
}
