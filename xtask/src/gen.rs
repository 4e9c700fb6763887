//! `cargo xtask gen`: writes what is generated from the attribute table
//! (`src/view/attributes.rs`) into the files that need it, between marker
//! lines: the JavaScript entry's list and properties, the TypeScript
//! declarations, the README's table. `--check` (run by `cargo xtask test`)
//! fails if any is out of date.

use care_atlas::view::attributes::{Attribute, ReadBy, ATTRIBUTES};
use std::path::Path;

/// A generated block: the file, its marker comment syntax, the block's name and text.
struct Block {
    file: &'static str,
    open: String,
    close: String,
    text: String,
}

fn js_block(name: &str, text: String) -> Block {
    Block {
        file: "pkg/care-atlas.js",
        open: format!("// generated: {name} (cargo xtask gen, from src/view/attributes.rs)"),
        close: format!("// end generated: {name}"),
        text,
    }
}

fn ts_block(name: &str, text: String) -> Block {
    Block {
        file: "pkg/care-atlas.d.ts",
        open: format!("  // generated: {name} (cargo xtask gen, from src/view/attributes.rs)"),
        close: format!("  // end generated: {name}"),
        text,
    }
}

fn quoted(items: impl IntoIterator<Item = String>) -> String {
    items
        .into_iter()
        .map(|s| format!("\"{s}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `code` spans in the table's words become JSDoc-friendly backticks as they are.
fn doc_line(a: &Attribute) -> String {
    let mut s = a.doc.to_string();
    if !a.values.is_empty() {
        s += &format!(" Values: {}.", a.values);
    }
    s += &format!(" Default: {}.", a.default);
    s
}

fn blocks() -> Vec<Block> {
    let names = quoted(ATTRIBUTES.iter().map(|a| a.name.to_string()));
    let own = quoted(
        ATTRIBUTES
            .iter()
            .filter(|a| a.read_by == ReadBy::Element)
            .map(|a| a.name.to_string()),
    );
    let props = ATTRIBUTES
        .iter()
        .map(|a| format!("  \"{}\": \"{}\",", a.name, a.property()))
        .collect::<Vec<_>>()
        .join("\n");
    let js = format!(
        "// Every attribute the element observes, in the engine's order.\n\
         const ATTRIBUTES = [{names}];\n\
         // Attributes the element itself acts on; the engine reads the rest.\n\
         const OWN = new Set([{own}]);\n\
         // Each attribute's property (`focus` would hide HTMLElement.focus()).\n\
         const PROPERTIES = Object.freeze({{\n  __proto__: null,\n{props}\n}});\n"
    );
    let options: String = ATTRIBUTES
        .iter()
        .map(|a| {
            format!(
                "  /** `{}`: {} */\n  {}?: {};\n",
                a.name,
                doc_line(a),
                a.property(),
                a.typescript()
            )
        })
        .collect();
    let props: String = ATTRIBUTES
        .iter()
        .map(|a| {
            format!(
                "  /** The `{}` attribute. */\n  {}: string | null;\n",
                a.name,
                a.property()
            )
        })
        .collect();
    let mut readme =
        String::from("| attribute | what it does | values | default |\n|---|---|---|---|\n");
    for a in &ATTRIBUTES {
        let keywords = a.keywords();
        let values = if keywords.is_empty() {
            a.values.to_string()
        } else {
            keywords
                .iter()
                .map(|k| format!("`{k}`"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        readme += &format!(
            "| `{}` | {} | {} | {} |\n",
            a.name, a.doc, values, a.default
        );
    }
    vec![
        js_block("attributes", js),
        ts_block("options", options),
        ts_block("properties", props),
        Block {
            file: "README.md",
            open: "<!-- generated: attributes (cargo xtask gen, from src/view/attributes.rs) -->"
                .into(),
            close: "<!-- end generated: attributes -->".into(),
            text: readme,
        },
    ]
}

/// `text` with the block between its markers replaced.
fn replace(text: &str, b: &Block) -> Result<String, String> {
    let start = text
        .find(&b.open)
        .ok_or_else(|| format!("{} has no line `{}`", b.file, b.open))?
        + b.open.len();
    let end = text[start..]
        .find(&b.close)
        .ok_or_else(|| format!("{} has no line `{}`", b.file, b.close))?
        + start;
    Ok(format!("{}\n{}{}", &text[..start], b.text, &text[end..]))
}

/// Writes every generated block, or with `check` only says which are stale.
pub fn run(root: &Path, check: bool) -> Result<(), String> {
    let mut stale = Vec::new();
    for b in blocks() {
        let path = root.join(b.file);
        let old = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", b.file))?;
        let new = replace(&old, &b)?;
        if new != old {
            if check {
                stale.push(format!("{} ({})", b.file, b.open.trim()));
            } else {
                std::fs::write(&path, new).map_err(|e| format!("{}: {e}", b.file))?;
                println!("wrote {}", b.file);
            }
        }
    }
    if stale.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "generated text is out of date in {}: run `cargo xtask gen` and commit the result",
            stale.join(", ")
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_block_is_replaced_between_its_markers_and_is_stable() {
        let b = js_block("x", "new\n".into());
        let text = format!("a\n{}\nold\n{}\nb\n", b.open, b.close);
        let once = replace(&text, &b).unwrap();
        assert_eq!(once, format!("a\n{}\nnew\n{}\nb\n", b.open, b.close));
        assert_eq!(replace(&once, &b).unwrap(), once);
        assert!(replace("no markers", &b).is_err());
    }

    #[test]
    fn every_attribute_reaches_every_generated_file() {
        for b in blocks() {
            for a in &ATTRIBUTES {
                assert!(
                    b.text.contains(a.name) || b.text.contains(&a.property()),
                    "{} lacks {}",
                    b.file,
                    a.name
                );
            }
        }
    }
}
