//! The official files as tables of strings, read faithfully: CSV (UTF-8 with
//! or without BOM, or Latin-1 for the older DfE releases) and LAIT parquet.

use care_atlas::data::Missing;
use parquet::file::reader::{FileReader, SerializedFileReader};
use parquet::record::Field;
use std::path::Path;

/// A table whose cells are kept as the publisher wrote them.
pub struct Table {
    pub name: String,
    headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

impl Table {
    pub fn read_csv(path: &Path) -> Result<Table, String> {
        let name = path
            .file_name()
            .map_or(String::new(), |n| n.to_string_lossy().into_owned());
        let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
        let mut rdr = csv::ReaderBuilder::new().flexible(true).from_reader(bytes);
        let decode = |b: &[u8]| match std::str::from_utf8(b) {
            Ok(s) => s.trim().to_string(),
            // Pre-2018 DfE downloads are Windows-1252/Latin-1: map bytes to chars.
            Err(_) => b
                .iter()
                .map(|&c| char::from(c))
                .collect::<String>()
                .trim()
                .to_string(),
        };
        let headers = rdr
            .byte_headers()
            .map_err(|e| format!("{name}: {e}"))?
            .iter()
            .map(decode)
            .collect();
        let mut rows = Vec::new();
        for rec in rdr.byte_records() {
            let rec = rec.map_err(|e| format!("{name}: {e}"))?;
            rows.push(rec.iter().map(decode).collect());
        }
        Ok(Table {
            name,
            headers,
            rows,
        })
    }

    /// Reads the LAIT long-format parquet, keeping only rows whose
    /// `Short Desc` is in `keep` (the file holds ~640,000 rows of everything).
    pub fn read_lait(path: &Path, keep: &[&str]) -> Result<Table, String> {
        let name = path
            .file_name()
            .map_or(String::new(), |n| n.to_string_lossy().into_owned());
        let file = std::fs::File::open(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let reader = SerializedFileReader::new(file).map_err(|e| format!("{name}: {e}"))?;
        let headers: Vec<String> = reader
            .metadata()
            .file_metadata()
            .schema_descr()
            .columns()
            .iter()
            .map(|c| c.name().to_string())
            .collect();
        let mut rows = Vec::new();
        for row in reader
            .get_row_iter(None)
            .map_err(|e| format!("{name}: {e}"))?
        {
            let row = row.map_err(|e| format!("{name}: {e}"))?;
            let cells: Vec<String> = row
                .get_column_iter()
                .map(|(_, f)| match f {
                    Field::Str(s) => s.trim().to_string(),
                    Field::Null => String::new(),
                    // LA numbers are stored as doubles (301.0): keep them integral.
                    Field::Double(d) if d.fract() == 0.0 => format!("{}", *d as i64),
                    other => other.to_string(),
                })
                .collect();
            if cells.first().is_some_and(|c| keep.contains(&c.as_str())) {
                rows.push(cells);
            }
        }
        Ok(Table {
            name,
            headers,
            rows,
        })
    }

    pub fn col(&self, header: &str) -> Result<usize, String> {
        self.headers
            .iter()
            .position(|h| h.eq_ignore_ascii_case(header))
            .ok_or_else(|| {
                format!(
                    "{}: no column {header:?} (has {:?})",
                    self.name, self.headers
                )
            })
    }
}

/// Which set of symbols a file uses: DfE changed their meaning in 2018.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Era {
    /// The pre-2018 statistical first releases (SFR…csv): `x` marks a
    /// figure withheld for confidentiality (1 to 5 children, or one that
    /// would reveal such a figure), `..` one not available.
    Sfr,
    /// Explore education statistics and the GSS standard symbols since.
    Ees,
}

/// What a publisher's symbol in place of a figure means; `None` if `s` is
/// not one (a figure, or something unknown).
///
/// | symbol | meaning (EES)                                  | bundle         |
/// |--------|------------------------------------------------|----------------|
/// | `c`    | confidential: withheld to protect individuals   | Suppressed     |
/// | `u`    | low reliability: withheld as unreliable         | Suppressed     |
/// | `k`    | below 0.5, rounds to zero (figure not shown)    | Suppressed     |
/// | `low`  | rounds to zero but is not zero (not shown)      | Suppressed     |
/// | `x`    | not available (not collected or not returned)   | NotPublished   |
/// | `z`    | not applicable (e.g. the area did not exist)    | NotPublished¹  |
/// | `..`, `:`, `-` | not available (older files, LAIT)       | NotPublished   |
///
/// In the older releases `x` is a confidentiality suppression (Suppressed).
/// ¹ An area outside its years reads as NotLive in the bundle whatever
/// the file printed.
pub fn gap_reason(s: &str, era: Era) -> Option<Missing> {
    match (s, era) {
        ("x", Era::Sfr) => Some(Missing::Suppressed),
        ("c" | "u" | "k" | "low", _) => Some(Missing::Suppressed),
        ("x" | "z" | ".." | ":" | "-" | "", _) => Some(Missing::NotPublished),
        _ => None,
    }
}

/// Parses a published figure, keeping how many decimals it was printed with.
pub fn parse_figure(s: &str) -> Option<(f64, u8)> {
    let t = s.replace(',', "");
    let v: f64 = t.parse().ok()?;
    if !v.is_finite() {
        return None;
    }
    let decimals = t.split_once('.').map_or(0, |(_, f)| f.len()) as u8;
    Some((v, decimals))
}

/// Names compared loosely: case, "&" and spacing vary between publishers.
pub fn norm_name(s: &str) -> String {
    s.to_lowercase()
        .replace('&', "and")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_keep_their_published_precision() {
        assert_eq!(parse_figure("111"), Some((111.0, 0)));
        assert_eq!(parse_figure("452.8"), Some((452.8, 1)));
        assert_eq!(parse_figure("64,400"), Some((64400.0, 0)));
        assert_eq!(parse_figure("x"), None);
    }

    #[test]
    fn symbols_mean_what_their_era_says() {
        assert_eq!(gap_reason("c", Era::Ees), Some(Missing::Suppressed));
        assert_eq!(gap_reason("x", Era::Ees), Some(Missing::NotPublished));
        assert_eq!(gap_reason("x", Era::Sfr), Some(Missing::Suppressed));
        assert_eq!(gap_reason("z", Era::Ees), Some(Missing::NotPublished));
        assert_eq!(gap_reason("12", Era::Ees), None);
    }

    #[test]
    fn names_match_across_publishers() {
        assert_eq!(
            norm_name("Yorkshire and the Humber"),
            norm_name("YORKSHIRE AND THE HUMBER ")
        );
        assert_eq!(norm_name("Brighton & Hove"), "brighton and hove");
    }
}
