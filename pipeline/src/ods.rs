//! Sheets of OpenDocument spreadsheets (Ofsted publishes `.ods`) as tables
//! of strings, read with calamine. A date is the cell's ISO
//! `office:date-value`, not its displayed text.

use calamine::{open_workbook, Data, Ods, Reader};
use std::path::Path;

/// The named sheet's rows from its first non-empty one, each cell's text
/// (or ISO date) trimmed, and each row without its trailing empty cells.
pub fn read_sheet(path: &Path, sheet: &str) -> Result<Vec<Vec<String>>, String> {
    let name = path
        .file_name()
        .map_or(String::new(), |n| n.to_string_lossy().into_owned());
    let mut book: Ods<_> = open_workbook(path).map_err(|e| format!("{name}: {e}"))?;
    let range = book
        .worksheet_range(sheet)
        .map_err(|e| format!("{name}: sheet {sheet:?}: {e}"))?;
    Ok(range
        .rows()
        .map(|r| {
            let mut cells: Vec<String> = r.iter().map(text).collect();
            while cells.last().is_some_and(String::is_empty) {
                cells.pop();
            }
            cells
        })
        .collect())
}

fn text(cell: &Data) -> String {
    match cell {
        Data::String(s) => s.trim().to_string(),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Empty => String::new(),
        // Numbers, booleans and error cells as calamine writes them.
        other => other.to_string(),
    }
}
