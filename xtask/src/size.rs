//! What a page downloads to show the widget, raw and compressed as a web
//! server would send it, against a budget.

use crate::build::{FULL_FILES, PAGE_FILES};
use std::io::Write;
use std::path::Path;

/// What the default view downloads (the entry, and the core engine's glue
/// and wasm with the core data: boundaries, names, metadata and the default
/// measure's figures), gzip -9. It was 213 KB with every value inside; the
/// packs took the other measures' values out (issue 12), then that round's
/// features brought it to 271.9 KB. Issue 13 (which aims at 140 KB) took
/// out Rust's float formatting and parsing (-21.8 KB) and serde from the
/// query API and events (-3.7 KB): 249.8 KB; then the split into a core
/// and a full engine (-29 KB), one listener closure type (-4.8 KB) and the
/// entry minified with its sources module bundled in (-5.9 KB): 211.9 KB;
/// then bundle format 5's geometry (-3.5 KB), the core engine's data without
/// definitions and neighbours (-5.7 KB), Talc for dlmalloc (-2.5 KB) and the
/// attribute docs left out (-1.5 KB): 199.7 KB; then plain loops for
/// iterator chains (each collect call site linked its own generic code),
/// non-generic cores for generic helpers, and code the core engine can
/// never run left out of it (-18.1 KB): 181.6 KB; then a faster sort of
/// numbers, theme colours read in one pass and writes only of changes
/// (+0.5 KB), less wasm-opt's --converge (-0.3 KB): 181.8 KB; then short
/// import names in the module and its glue (-6.9 KB): 174.9 KB; then a
/// tooltip placed without measuring it and path text copied a number at a
/// time (+0.3 KB), and the glue's module named by a tag of its imports
/// (+0.1 KB): 175.3 KB measured. The budget is
/// set just above what is measured so that nothing grows unnoticed. Raise
/// it only with a reason in the commit. For scale: Observable Plot alone is
/// 102 KB gzip.
pub const BUDGET_GZIP: usize = 176 * 1024;

/// Each pack of figures, gzip -9: fetched when a reader first asks for one
/// of its family's measures. A family that outgrows it is split, or its
/// budget argued for in the commit.
pub const PACK_BUDGET_GZIP: usize = 24 * 1024;

/// The full engine (its glue and module), fetched on first use of bars, the
/// scatter, statistical neighbours, a page's own figures or the query API,
/// in place of the core engine or after it. It was the page's only engine
/// before the two were split (issue 13): 239.0 KB then, 231.4 after format 5
/// and Talc, 216.5 after the plain loops, 216.8 after the fifth round,
/// 210.7 with short import names.
pub const FULL_BUDGET_GZIP: usize = 211 * 1024;

/// The standalone file carries the module and every pack in one request
/// (347.5 KB measured with the eight packs of issue 12, 325.3 KB after issue
/// 13's first trims, 323.9 KB holding the full engine alone, 318.0 KB with
/// format 5 and Talc, 303.2 KB after the plain loops, 303.5 after the fifth
/// round, 297.0 with short import names).
pub const STANDALONE_BUDGET_GZIP: usize = 298 * 1024;

pub struct Sizes {
    pub raw: usize,
    pub gzip: usize,
    pub brotli: usize,
}

pub fn measure(bytes: &[u8]) -> Sizes {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    let _ = gz.write_all(bytes);
    let gzip = gz.finish().map_or(0, |v| v.len());
    let mut br = Vec::new();
    {
        let mut w = brotli::CompressorWriter::new(&mut br, 4096, 11, 22);
        let _ = w.write_all(bytes);
    }
    Sizes {
        raw: bytes.len(),
        gzip,
        brotli: br.len(),
    }
}

fn kb(n: usize) -> String {
    format!("{:.1} KB", n as f64 / 1024.0)
}

/// What was measured: the page's files one by one, their total, the data
/// bundle inside the wasm, and the standalone file.
struct Report {
    files: Vec<(String, Sizes)>,
    total: Sizes,
    data: Sizes,
    /// Each pack of figures, fetched on first use of its family.
    packs: Vec<(String, Sizes)>,
    /// The full engine's glue and module together.
    full: Sizes,
    standalone: Sizes,
}

fn read(path: &Path) -> Result<Vec<u8>, String> {
    std::fs::read(path)
        .map_err(|e| format!("{}: {e} (build first: cargo xtask pkg)", path.display()))
}

/// The sizes added up.
fn sum<'a>(sizes: impl IntoIterator<Item = &'a Sizes>) -> Sizes {
    sizes.into_iter().fold(
        Sizes {
            raw: 0,
            gzip: 0,
            brotli: 0,
        },
        |t, s| Sizes {
            raw: t.raw + s.raw,
            gzip: t.gzip + s.gzip,
            brotli: t.brotli + s.brotli,
        },
    )
}

/// Each of pkg/'s `names`, measured.
fn measure_files(
    root: &Path,
    names: impl IntoIterator<Item = impl AsRef<str>>,
) -> Result<Vec<(String, Sizes)>, String> {
    names
        .into_iter()
        .map(|f| {
            let f = f.as_ref();
            Ok((
                format!("pkg/{f}"),
                measure(&read(&root.join("pkg").join(f))?),
            ))
        })
        .collect()
}

fn measure_all(root: &Path) -> Result<Report, String> {
    use care_atlas::data::EMBEDDED;
    let files = measure_files(root, PAGE_FILES)?;
    let full = measure_files(root, FULL_FILES)?;
    Ok(Report {
        total: sum(files.iter().map(|(_, s)| s)),
        files,
        packs: measure_files(root, crate::build::pack_files()?)?,
        full: sum(full.iter().map(|(_, s)| s)),
        // What the core engine embeds: the bundle without the full engine's part.
        data: measure(&EMBEDDED[..care_atlas::data::core_frame_len(EMBEDDED)]),
        standalone: measure(&read(&root.join("pkg").join(crate::standalone::FILE))?),
    })
}

fn row(name: &str, s: &Sizes) -> String {
    format!(
        "{name:<28} {:>10} {:>10} {:>10}",
        kb(s.raw),
        kb(s.gzip),
        kb(s.brotli)
    )
}

/// Prints the report; fails if the page's gzip total is over budget.
pub fn report(root: &Path) -> Result<(), String> {
    print_and_check(&measure_all(root)?)
}

fn print_and_check(r: &Report) -> Result<(), String> {
    println!(
        "{:<28} {:>10} {:>10} {:>10}",
        "file", "raw", "gzip", "brotli"
    );
    for (name, s) in &r.files {
        println!("{}", row(name, s));
    }
    println!("{}", row("page total", &r.total));
    println!(
        "{}   (inside the wasm, counted above)",
        row("of which core data", &r.data)
    );
    for (name, s) in &r.packs {
        println!("{}   (on first use of its measures)", row(name, s));
    }
    println!(
        "{}   (on first use of bars, scatter, neighbours, own figures, dataset())",
        row("full engine (glue + wasm)", &r.full)
    );
    println!(
        "{}   (one file instead of the page total)",
        row(&format!("pkg/{}", crate::standalone::FILE), &r.standalone)
    );
    println!(
        "budget: page total ≤ {} gzip; each pack ≤ {} gzip; full engine ≤ {} gzip; standalone ≤ {} gzip",
        kb(BUDGET_GZIP),
        kb(PACK_BUDGET_GZIP),
        kb(FULL_BUDGET_GZIP),
        kb(STANDALONE_BUDGET_GZIP)
    );
    let mut over = Vec::new();
    if r.total.gzip > BUDGET_GZIP {
        over.push(format!(
            "page total {} gzip is over the {} budget",
            kb(r.total.gzip),
            kb(BUDGET_GZIP)
        ));
    }
    for (name, s) in &r.packs {
        if s.gzip > PACK_BUDGET_GZIP {
            over.push(format!(
                "{name} is {} gzip, over the {} budget of a pack",
                kb(s.gzip),
                kb(PACK_BUDGET_GZIP)
            ));
        }
    }
    if r.full.gzip > FULL_BUDGET_GZIP {
        over.push(format!(
            "the full engine is {} gzip, over its {} budget",
            kb(r.full.gzip),
            kb(FULL_BUDGET_GZIP)
        ));
    }
    if r.standalone.gzip > STANDALONE_BUDGET_GZIP {
        over.push(format!(
            "{} is {} gzip, over its {} budget",
            crate::standalone::FILE,
            kb(r.standalone.gzip),
            kb(STANDALONE_BUDGET_GZIP)
        ));
    }
    if over.is_empty() {
        Ok(())
    } else {
        Err(over.join("; "))
    }
}

const README: &str = "README.md";
const BEGIN: &str =
    "<!-- size table: written by `cargo xtask size --write`, checked by `cargo xtask test` -->";
const END: &str = "<!-- end of size table -->";

/// The README's size table, from the measurements.
fn readme_table(r: &Report) -> String {
    let cell = |s: &Sizes| {
        format!(
            "| {:<8} | {:<8} | {:<8} |",
            kb(s.raw),
            kb(s.gzip),
            kb(s.brotli)
        )
    };
    let (wasm, js): (Vec<_>, Vec<_>) = r.files.iter().partition(|(n, _)| n.ends_with(".wasm"));
    let rows = [
        (
            "wasm (incl. core data)".to_string(),
            sum(wasm.iter().map(|(_, s)| s)),
        ),
        (
            format!("JS glue + entry ({} files)", js.len()),
            sum(js.iter().map(|(_, s)| s)),
        ),
    ];
    let mut out = format!(
        "Budgets: **{} gzip** for the page total (the default view), **{} gzip** for each pack, \
         **{} gzip** for the full engine, **{} gzip** for the standalone file (which carries \
         the full engine and every pack).\n\n",
        kb(BUDGET_GZIP),
        kb(PACK_BUDGET_GZIP),
        kb(FULL_BUDGET_GZIP),
        kb(STANDALONE_BUDGET_GZIP)
    );
    out.push_str("| file                        | raw      | gzip     | brotli   |\n");
    out.push_str("|-----------------------------|----------|----------|----------|\n");
    for (name, s) in &rows {
        out.push_str(&format!("| {name:<27} {}\n", cell(s)));
    }
    for (name, s) in [("**total**", &r.total), ("of which core data", &r.data)] {
        out.push_str(&format!("| {name:<27} {}\n", cell(s)));
    }
    for (name, s) in &r.packs {
        let family = name
            .trim_start_matches("pkg/care-atlas.")
            .trim_end_matches(".pack");
        out.push_str(&format!(
            "| {:<27} {}\n",
            format!("pack `{family}`"),
            cell(s)
        ));
    }
    out.push_str(&format!(
        "| {:<27} {}\n",
        "full engine, on first use",
        cell(&r.full)
    ));
    out.push_str(&format!(
        "| {:<27} {}\n",
        "standalone file, instead",
        cell(&r.standalone)
    ));
    out
}

/// The README with its size table replaced by `table`.
fn with_table(readme: &str, table: &str) -> Result<String, String> {
    let start = readme
        .find(BEGIN)
        .ok_or_else(|| format!("{README} has no line `{BEGIN}`"))?
        + BEGIN.len();
    let end = readme[start..]
        .find(END)
        .ok_or_else(|| format!("{README} has no line `{END}` after the size table"))?
        + start;
    Ok(format!("{}\n{table}{}", &readme[..start], &readme[end..]))
}

/// `cargo xtask size --write`: puts the measured table into the README.
pub fn write_readme(root: &Path) -> Result<(), String> {
    let r = measure_all(root)?;
    print_and_check(&r)?;
    let path = root.join(README);
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{README}: {e}"))?;
    let new = with_table(&text, &readme_table(&r))?;
    std::fs::write(&path, new).map_err(|e| format!("{README}: {e}"))?;
    println!("wrote the size table into {README}");
    Ok(())
}

/// The budget, and the README's table equal to what was measured.
pub fn check(root: &Path) -> Result<(), String> {
    crate::bloat::check(root)?;
    let r = measure_all(root)?;
    print_and_check(&r)?;
    let text = std::fs::read_to_string(root.join(README)).map_err(|e| format!("{README}: {e}"))?;
    if with_table(&text, &readme_table(&r))? != text {
        return Err(format!(
            "the size table in {README} is not what was measured: run `cargo xtask size --write` and commit it"
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sizes(n: usize) -> Sizes {
        Sizes {
            raw: n * 3,
            gzip: n,
            brotli: n - 1,
        }
    }

    #[test]
    fn the_readme_table_is_replaced_between_its_markers_and_nowhere_else() {
        let r = Report {
            files: vec![
                ("pkg/a.js".into(), sizes(1024)),
                ("pkg/b.wasm".into(), sizes(2048)),
            ],
            total: sizes(3072),
            data: sizes(512),
            packs: vec![("pkg/care-atlas.demand.pack".into(), sizes(100))],
            full: sizes(2900),
            standalone: sizes(3100),
        };
        let table = readme_table(&r);
        assert!(table.contains("| wasm (incl. core data)      | 6.0 KB   | 2.0 KB   | 2.0 KB   |"));
        assert!(table.contains("| pack `demand`               | 0.3 KB   | 0.1 KB   | 0.1 KB   |"));
        assert!(table.contains("| JS glue + entry (1 files)   | 3.0 KB   | 1.0 KB   | 1.0 KB   |"));
        assert!(table.contains("| full engine, on first use   | 8.5 KB   | 2.8 KB   | 2.8 KB   |"));
        let readme = format!("before\n{BEGIN}\nold table\n{END}\nafter\n");
        let new = with_table(&readme, &table).unwrap();
        assert_eq!(new, format!("before\n{BEGIN}\n{table}{END}\nafter\n"));
        assert_eq!(
            with_table(&new, &table).unwrap(),
            new,
            "writing twice changes nothing"
        );
        assert!(with_table("no markers", &table).is_err());
    }
}
