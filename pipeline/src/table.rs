//! The official files as tables of strings, read faithfully: CSV (UTF-8 with
//! or without BOM, or Windows-1252 where a file is not UTF-8) and LAIT parquet.

use care_atlas::data::Missing;
use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};
use parquet::file::reader::{FileReader, SerializedFileReader};
use parquet::record::Field;
use std::borrow::Cow;
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
        Table::from_csv(name, &bytes)
    }

    /// A CSV file's table, its text decoded by [`decode`].
    fn from_csv(name: String, bytes: &[u8]) -> Result<Table, String> {
        let text = decode(bytes);
        let mut rdr = csv::ReaderBuilder::new()
            .flexible(true)
            .from_reader(text.as_bytes());
        let trimmed = |r: &csv::StringRecord| r.iter().map(|c| c.trim().to_string()).collect();
        let headers = trimmed(rdr.headers().map_err(|e| format!("{name}: {e}"))?);
        let mut rows = Vec::new();
        for rec in rdr.records() {
            rows.push(trimmed(&rec.map_err(|e| format!("{name}: {e}"))?));
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

/// A CSV file's text: as its byte-order mark says (DfE's EES files start
/// with UTF-8's); else UTF-8 if it is valid UTF-8; else Windows-1252, what
/// Excel on Windows saves "CSV" as. The Encoding Standard's windows-1252
/// gives 0x80–0x9F the characters Windows puts there (€ ‘ ’ “ ” – —), which
/// reading bytes as Latin-1 made control characters. (Every file read today
/// is UTF-8, the pre-2018 releases plain ASCII: this is for the next one.)
fn decode(bytes: &[u8]) -> Cow<'_, str> {
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        return encoding.decode_without_bom_handling(&bytes[bom..]).0;
    }
    UTF_8
        .decode_without_bom_handling_and_without_replacement(bytes)
        .unwrap_or_else(|| WINDOWS_1252.decode_without_bom_handling(bytes).0)
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
    fn csv_that_is_not_utf8_is_read_as_windows_1252() {
        // Windows-1252's 0x80–0x9F are printable: € “ ” – ; 0xE9 is é.
        let t = Table::from_csv(
            "old.csv".into(),
            b"la_name,note\nCaf\xe9 , \x93Looked after\x94 \x96 \x80 5 \n",
        )
        .unwrap();
        assert_eq!(t.rows, [["Café", "“Looked after” – € 5"]]);
        // UTF-8, with and without its byte-order mark, stays as it is.
        for bytes in [
            &b"\xef\xbb\xbfname\nCaf\xc3\xa9\n"[..],
            b"name\nCaf\xc3\xa9\n",
        ] {
            let t = Table::from_csv("new.csv".into(), bytes).unwrap();
            assert_eq!(
                (t.col("name"), &t.rows[..]),
                (Ok(0), &[vec!["Café".to_string()]][..])
            );
        }
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
