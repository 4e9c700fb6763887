//! `cargo xtask generate`: writes what is derived from the attribute table
//! (`attributes.rs`) into marked regions of hand-written files, and the
//! README's framework snippets from the tested example apps. `--check` (and a
//! native test) fails when a region is not what the table makes, so the
//! typings, the JS entry's list and the docs cannot drift from the engine.
//!
//! A region is the lines between `BEGIN GENERATED <name>` and
//! `END GENERATED <name>` (in a comment of the file's language); what is
//! outside the markers is left as written.

use crate::attributes::{self, Attribute, Value, EVENTS};
use std::path::Path;

/// One region of one file.
struct Region {
    file: &'static str,
    name: &'static str,
    text: String,
}

/// A framework's snippet in the README: the parts of an example app's files
/// between `#region readme` and `#endregion` (in a comment), each file's as
/// one code block.
pub struct Snippet {
    pub title: &'static str,
    /// Files, with the language of their code block.
    pub files: &'static [(&'static str, &'static str)],
}

/// The README's snippet per framework, each from its tested example app.
pub const SNIPPETS: [Snippet; 4] = [
    Snippet {
        title: "React 19",
        files: &[("examples/react-vite/src/Atlas.tsx", "tsx")],
    },
    Snippet {
        title: "Next.js (server-rendered)",
        files: &[
            ("examples/next/app/atlas.tsx", "tsx"),
            ("examples/next/next.config.mjs", "js"),
        ],
    },
    Snippet {
        title: "Vue 3",
        files: &[
            ("examples/vue-vite/src/Atlas.vue", "vue"),
            ("examples/vue-vite/vite.config.ts", "ts"),
        ],
    },
    Snippet {
        title: "SvelteKit",
        files: &[("examples/sveltekit/src/lib/Atlas.svelte", "svelte")],
    },
];

fn quote(s: &str) -> String {
    format!("\"{s}\"")
}

fn union(words: &[String]) -> String {
    words
        .iter()
        .map(|w| quote(w))
        .collect::<Vec<_>>()
        .join(" | ")
}

/// The TypeScript type of an attribute's value: `as_property` for the
/// element's properties and `mount()`, which also take arrays and booleans.
fn ts_type(a: &Attribute, as_property: bool) -> String {
    match &a.value {
        Value::Measure => "MeasureId".into(),
        Value::Keywords(k) => union(k),
        Value::KeywordsOr(k) => format!("{} | (string & {{}})", union(k)),
        Value::Number => "number | string".into(),
        Value::Codes => "string | string[]".into(),
        Value::Code | Value::Text => "string".into(),
        Value::Flag if as_property => "boolean".into(),
        // As HTML and frameworks write it: present, "true", or "false" (which the element reads as off).
        Value::Flag => "boolean | \"\" | \"true\" | \"false\"".into(),
    }
}

fn jsdoc(a: &Attribute) -> String {
    let default = a.default.replace('`', "\"");
    let mut doc = a.doc_text();
    if let Some(first) = doc.get(..1) {
        doc = first.to_uppercase() + &doc[1..];
    }
    format!("  /** {doc}. Default: {default}. */\n")
}

fn key(name: &str) -> String {
    if name.contains('-') {
        quote(name)
    } else {
        name.to_string()
    }
}

/// The types a page, a framework and `mount()` use: the measure ids, the
/// attributes by name, the same as properties, and the events.
fn types(table: &[Attribute], measures: &[String]) -> String {
    let mut out = String::from(
        "/** The measures in the bundled data, and \"user\" for the page's own figures. */\n",
    );
    out += "export type MeasureId =\n";
    for m in measures {
        out += &format!("  | {}\n", quote(m));
    }
    out.pop();
    out += ";\n\n";
    out +=
        "/** `<care-atlas>`'s attributes by name, as HTML and framework templates write them. */\n";
    out += "export interface CareAtlasAttributes {\n";
    for a in table {
        out += &jsdoc(a);
        out += &format!("  {}?: {};\n", key(a.name), ts_type(a, false));
    }
    out += "}\n\n";
    out += "/** The same as properties (camelCase; `focus` is `focusRegion`), also what `mount()` takes. */\n";
    out += "export interface CareAtlasOptions {\n";
    for a in table {
        out += &jsdoc(a);
        out += &format!("  {}?: {};\n", a.property(), ts_type(a, true));
    }
    out += "}\n\n";
    out += "/** The events `<care-atlas>` fires; they bubble out of its shadow root. */\n";
    out += "export interface CareAtlasEventMap {\n";
    for e in &EVENTS {
        out += &format!(
            "  /** {} */\n  {}: CustomEvent<{}>;\n",
            e.doc.replace('`', "\""),
            quote(e.name),
            e.detail
        );
    }
    out + "}\n"
}

/// The element's accessors: each reads the attribute, and takes what the
/// attribute's property takes (null or undefined removes it).
fn properties(table: &[Attribute]) -> String {
    let mut out = String::new();
    for a in table {
        let p = a.property();
        out += &format!(
            "  get {p}(): string | null;\n  set {p}(value: CareAtlasOptions[{}] | null | undefined);\n",
            quote(&p)
        );
    }
    out
}

fn js_list(table: &[Attribute]) -> String {
    use care_atlas::view::attributes::{get, ReadBy};
    let mut out = String::from("const ATTRIBUTES = [\n");
    for a in table {
        out += &format!("  {},\n", quote(a.name));
    }
    out += "];\n// Attributes the element itself acts on; the engine reads the rest.\nconst OWN = new Set([";
    let own: Vec<String> = table
        .iter()
        .filter(|a| get(a.name).is_some_and(|x| x.read_by == ReadBy::Element))
        .map(|a| quote(a.name))
        .collect();
    out += &own.join(", ");
    out += "]);\n// Each attribute's property (`focus` would hide HTMLElement.focus()).\nconst PROPERTIES = Object.freeze({\n  __proto__: null,\n";
    for a in table {
        out += &format!("  {}: {},\n", quote(a.name), quote(&a.property()));
    }
    out + "});\n"
}

fn readme_table(table: &[Attribute]) -> String {
    let mut out = String::from("| attribute | values | default |\n|---|---|---|\n");
    for a in table {
        out += &format!("| `{}` | {} | {} |\n", a.name, a.doc_markdown(), a.default);
    }
    out
}

/// The lines of every `#region readme` … `#endregion` part of `text`, each
/// part dedented, the parts in order.
fn snippet_lines(text: &str, file: &str) -> Result<String, String> {
    let mut parts = Vec::new();
    let mut lines = text.lines();
    while lines.by_ref().any(|l| l.contains("#region readme")) {
        let body: Vec<&str> = lines
            .by_ref()
            .take_while(|l| !l.contains("#endregion"))
            .collect();
        let indent = body
            .iter()
            .filter(|l| !l.trim().is_empty())
            .map(|l| l.len() - l.trim_start().len())
            .min()
            .unwrap_or(0);
        parts.push(
            body.iter()
                .map(|l| l.get(indent..).unwrap_or("").trim_end())
                .collect::<Vec<_>>()
                .join("\n"),
        );
    }
    if parts.is_empty() {
        return Err(format!("{file} has no `#region readme` comment"));
    }
    Ok(parts.join("\n"))
}

fn frameworks(root: &Path) -> Result<String, String> {
    let mut out = String::new();
    for s in &SNIPPETS {
        let links: Vec<String> = s
            .files
            .iter()
            .map(|(f, _)| format!("[`{f}`]({f})"))
            .collect();
        out += &format!("**{}** ({}):\n\n", s.title, links.join(", "));
        for (file, lang) in s.files {
            let text =
                std::fs::read_to_string(root.join(file)).map_err(|e| format!("{file}: {e}"))?;
            out += &format!("```{lang}\n{}\n```\n\n", snippet_lines(&text, file)?);
        }
    }
    out.pop();
    Ok(out)
}

/// The packs' table in `care-atlas-wasm.js`: each file in a literal
/// `new URL(…, import.meta.url)`, so bundlers copy it.
fn packs_table(families: &[String]) -> String {
    let mut out = String::from("const PACKS = {\n  __proto__: null,\n");
    for f in families {
        out += &format!(
            "  \"{f}\": () => new URL(\"./{}\", import.meta.url),\n",
            care_atlas::data::pack_file(f)
        );
    }
    out += "};\n";
    out
}

fn regions(root: &Path) -> Result<Vec<Region>, String> {
    let table = attributes::table()?;
    let measures = attributes::measure_ids()?;
    let r = |file, name, text| Region { file, name, text };
    Ok(vec![
        r("js/care-atlas.js", "attributes", js_list(&table)),
        r(
            "js/care-atlas-wasm.js",
            "packs",
            packs_table(&attributes::pack_families()?),
        ),
        r("pkg/care-atlas.d.ts", "types", types(&table, &measures)),
        r("pkg/care-atlas.d.ts", "properties", properties(&table)),
        r("README.md", "attributes", readme_table(&table)),
        r("pkg/README.md", "attributes", readme_table(&table)),
        r("README.md", "frameworks", frameworks(root)?),
    ])
}

/// `text` with the named region's lines replaced by `body`.
fn replace(text: &str, file: &str, name: &str, body: &str) -> Result<String, String> {
    let begin = format!("BEGIN GENERATED {name}");
    let end = format!("END GENERATED {name}");
    let b = text
        .find(&begin)
        .ok_or(format!("{file} has no `{begin}` marker"))?;
    let body_start = text[b..]
        .find('\n')
        .map(|i| b + i + 1)
        .ok_or(format!("{file}: `{begin}` ends the file"))?;
    let e = text[body_start..]
        .find(&end)
        .map(|i| body_start + i)
        .ok_or(format!("{file} has no `{end}` marker"))?;
    // The end marker's line starts with its comment opener: keep that line whole.
    let line_start = text[..e].rfind('\n').map_or(0, |i| i + 1);
    Ok(format!(
        "{}{}{}",
        &text[..body_start],
        body,
        &text[line_start..]
    ))
}

/// Files whose regions differ from what the table makes, with the new text.
fn stale(root: &Path) -> Result<Vec<(String, String)>, String> {
    let mut files: Vec<(String, String, String)> = Vec::new(); // path, old, new
    for r in regions(root)? {
        let i = match files.iter().position(|(f, _, _)| f == r.file) {
            Some(i) => i,
            None => {
                let text = std::fs::read_to_string(root.join(r.file))
                    .map_err(|e| format!("{}: {e}", r.file))?;
                files.push((r.file.to_string(), text.clone(), text));
                files.len() - 1
            }
        };
        files[i].2 = replace(&files[i].2, r.file, r.name, &r.text)?;
    }
    Ok(files
        .into_iter()
        .filter(|(_, old, new)| old != new)
        .map(|(f, _, new)| (f, new))
        .collect())
}

/// Writes every region; with `check`, writes nothing and fails if any is stale.
pub fn run(root: &Path, check: bool) -> Result<(), String> {
    let stale = stale(root)?;
    if check {
        if stale.is_empty() {
            println!("generated regions are current");
            return Ok(());
        }
        let names: Vec<_> = stale.iter().map(|(f, _)| f.as_str()).collect();
        return Err(format!(
            "generated regions are out of date in {}: run `cargo xtask generate`",
            names.join(", ")
        ));
    }
    for (file, text) in &stale {
        std::fs::write(root.join(file), text).map_err(|e| format!("{file}: {e}"))?;
        println!("wrote {file}");
    }
    if stale.is_empty() {
        println!("generated regions were already current");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_regions_are_current() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
        let stale = stale(root).unwrap();
        let names: Vec<_> = stale.iter().map(|(f, _)| f.as_str()).collect();
        assert!(
            names.is_empty(),
            "out of date (run `cargo xtask generate`): {names:?}"
        );
    }

    #[test]
    fn a_region_is_replaced_between_its_markers_and_nothing_else_moves() {
        let text = "a\n// BEGIN GENERATED x (note)\nold\n// END GENERATED x\nb\n";
        let out = replace(text, "f", "x", "new\n").unwrap();
        assert_eq!(
            out,
            "a\n// BEGIN GENERATED x (note)\nnew\n// END GENERATED x\nb\n"
        );
        assert!(replace(text, "f", "y", "").is_err());
    }

    #[test]
    fn snippets_are_the_region_dedented() {
        let src =
            "x\n  <!-- #region readme -->\n    <a>\n      <b/>\n    </a>\n  <!-- #endregion -->\n";
        assert_eq!(snippet_lines(src, "f").unwrap(), "<a>\n  <b/>\n</a>");
        assert!(snippet_lines("no markers", "f").is_err());
    }
}
