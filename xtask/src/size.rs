//! What a page downloads to show the widget, raw and compressed as a web
//! server would send it, against a budget.

use crate::build::PAGE_FILES;
use std::io::Write;
use std::path::Path;

/// Everything a page downloads (the wasm includes the data), gzip -9:
/// about 150 KB for the interactive widget's code and up to 60 KB for the
/// full dataset (issue 3's budget); the standalone file, which replaces all
/// of it, has the same budget. Written down in the README; raise it only
/// with a reason in the commit. For scale: Observable Plot alone is 102 KB
/// gzip and ONS's boundary file 215 KB, before any widget code of one's own.
pub const BUDGET_GZIP: usize = 215 * 1024;

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
    standalone: Sizes,
}

fn read(path: &Path) -> Result<Vec<u8>, String> {
    std::fs::read(path)
        .map_err(|e| format!("{}: {e} (build first: cargo xtask pkg)", path.display()))
}

fn measure_all(root: &Path) -> Result<Report, String> {
    let mut files = Vec::new();
    let mut total = Sizes {
        raw: 0,
        gzip: 0,
        brotli: 0,
    };
    for f in PAGE_FILES {
        let s = measure(&read(&root.join("pkg").join(f))?);
        total.raw += s.raw;
        total.gzip += s.gzip;
        total.brotli += s.brotli;
        files.push((format!("pkg/{f}"), s));
    }
    Ok(Report {
        files,
        total,
        data: measure(care_atlas::data::EMBEDDED),
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
        row("of which data bundle", &r.data)
    );
    println!(
        "{}   (one file instead of the page total)",
        row(&format!("pkg/{}", crate::standalone::FILE), &r.standalone)
    );
    println!(
        "budget: page total ≤ {} gzip; standalone ≤ {} gzip",
        kb(BUDGET_GZIP),
        kb(BUDGET_GZIP)
    );
    if r.total.gzip > BUDGET_GZIP {
        return Err(format!(
            "page total {} gzip is over the {} budget",
            kb(r.total.gzip),
            kb(BUDGET_GZIP)
        ));
    }
    if r.standalone.gzip > BUDGET_GZIP {
        return Err(format!(
            "{} is {} gzip, over its {} budget",
            crate::standalone::FILE,
            kb(r.standalone.gzip),
            kb(BUDGET_GZIP)
        ));
    }
    Ok(())
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
    let sum = |v: &[&(String, Sizes)]| Sizes {
        raw: v.iter().map(|(_, s)| s.raw).sum(),
        gzip: v.iter().map(|(_, s)| s.gzip).sum(),
        brotli: v.iter().map(|(_, s)| s.brotli).sum(),
    };
    let rows = [
        ("wasm (incl. data)".to_string(), sum(&wasm)),
        (format!("JS glue + entry ({} files)", js.len()), sum(&js)),
    ];
    let mut out = format!(
        "Budget: **{} gzip** for the page total and for the standalone file.\n\n",
        kb(BUDGET_GZIP)
    );
    out.push_str("| file                        | raw      | gzip     | brotli   |\n");
    out.push_str("|-----------------------------|----------|----------|----------|\n");
    for (name, s) in &rows {
        out.push_str(&format!("| {name:<27} {}\n", cell(s)));
    }
    for (name, s) in [
        ("**total**", &r.total),
        ("of which data", &r.data),
        ("standalone file, instead", &r.standalone),
    ] {
        out.push_str(&format!("| {name:<27} {}\n", cell(s)));
    }
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
            standalone: sizes(3100),
        };
        let table = readme_table(&r);
        assert!(table.contains("| wasm (incl. data)           | 6.0 KB   | 2.0 KB   | 2.0 KB   |"));
        assert!(table.contains("| JS glue + entry (1 files)   | 3.0 KB   | 1.0 KB   | 1.0 KB   |"));
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
