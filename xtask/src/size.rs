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

/// Prints the report; fails if the page's gzip total is over budget.
pub fn report(root: &Path) -> Result<(), String> {
    println!(
        "{:<28} {:>10} {:>10} {:>10}",
        "file", "raw", "gzip", "brotli"
    );
    let mut total = Sizes {
        raw: 0,
        gzip: 0,
        brotli: 0,
    };
    for f in PAGE_FILES {
        let bytes = std::fs::read(root.join("pkg").join(f))
            .map_err(|e| format!("pkg/{f}: {e} (build first)"))?;
        let s = measure(&bytes);
        println!(
            "{:<28} {:>10} {:>10} {:>10}",
            format!("pkg/{f}"),
            kb(s.raw),
            kb(s.gzip),
            kb(s.brotli)
        );
        total.raw += s.raw;
        total.gzip += s.gzip;
        total.brotli += s.brotli;
    }
    println!(
        "{:<28} {:>10} {:>10} {:>10}",
        "page total",
        kb(total.raw),
        kb(total.gzip),
        kb(total.brotli)
    );
    let data = std::fs::read(root.join(crate::pipeline::BUNDLE_PATH)).map_err(|e| e.to_string())?;
    let d = measure(&data);
    println!(
        "{:<28} {:>10} {:>10} {:>10}   (inside the wasm, counted above)",
        "of which data bundle",
        kb(d.raw),
        kb(d.gzip),
        kb(d.brotli)
    );
    let f = crate::standalone::FILE;
    let bytes = std::fs::read(root.join("pkg").join(f))
        .map_err(|e| format!("pkg/{f}: {e} (build first)"))?;
    let st = measure(&bytes);
    println!(
        "{:<28} {:>10} {:>10} {:>10}   (one file instead of the page total)",
        format!("pkg/{f}"),
        kb(st.raw),
        kb(st.gzip),
        kb(st.brotli)
    );
    println!(
        "budget: page total ≤ {} gzip; standalone ≤ {} gzip",
        kb(BUDGET_GZIP),
        kb(BUDGET_GZIP)
    );
    if total.gzip > BUDGET_GZIP {
        return Err(format!(
            "page total {} gzip is over the {} budget",
            kb(total.gzip),
            kb(BUDGET_GZIP)
        ));
    }
    if st.gzip > BUDGET_GZIP {
        return Err(format!(
            "{f} is {} gzip, over its {} budget",
            kb(st.gzip),
            kb(BUDGET_GZIP)
        ));
    }
    Ok(())
}
