//! Just enough of OpenDocument spreadsheets (Ofsted publishes `.ods`) to read
//! one sheet as a table of strings: a zip reader for `content.xml` (stored or
//! deflated) and a scan of its table rows and cells. Dates are read from the
//! cell's ISO `office:date-value`, not its displayed text.

use flate2::read::DeflateDecoder;
use std::io::Read;
use std::path::Path;

fn u16_at(b: &[u8], at: usize) -> Option<usize> {
    Some(usize::from(u16::from_le_bytes(
        b.get(at..at + 2)?.try_into().ok()?,
    )))
}

fn u32_at(b: &[u8], at: usize) -> Option<usize> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?) as usize)
}

/// One member of a zip archive, inflated.
fn zip_member(zip: &[u8], name: &str) -> Option<Vec<u8>> {
    // The end-of-central-directory record sits in the last 64 KB + 22 bytes.
    let eocd = (0..zip.len().saturating_sub(21))
        .rev()
        .find(|&i| zip[i..].starts_with(b"PK\x05\x06"))?;
    let entries = u16_at(zip, eocd + 10)?;
    let mut at = u32_at(zip, eocd + 16)?;
    for _ in 0..entries {
        if !zip.get(at..)?.starts_with(b"PK\x01\x02") {
            return None;
        }
        let method = u16_at(zip, at + 10)?;
        let size = u32_at(zip, at + 20)?;
        let (n, extra, comment) = (
            u16_at(zip, at + 28)?,
            u16_at(zip, at + 30)?,
            u16_at(zip, at + 32)?,
        );
        let local = u32_at(zip, at + 42)?;
        if zip.get(at + 46..at + 46 + n)? == name.as_bytes() {
            let data = local + 30 + u16_at(zip, local + 26)? + u16_at(zip, local + 28)?;
            let raw = zip.get(data..data + size)?;
            return match method {
                0 => Some(raw.to_vec()),
                8 => {
                    let mut out = Vec::new();
                    DeflateDecoder::new(raw).read_to_end(&mut out).ok()?;
                    Some(out)
                }
                _ => None,
            };
        }
        at += 46 + n + extra + comment;
    }
    None
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let key = format!("{name}=\"");
    let start = tag.find(&key)? + key.len();
    let len = tag[start..].find('"')?;
    Some(&tag[start..start + len])
}

/// Rows of a cell's worth of repeated empties are dropped: a sheet "ends"
/// with cells repeated 16,000 times to the last column.
const MAX_REPEAT: usize = 64;

/// The named sheet's rows, each cell's text (or ISO date) trimmed.
pub fn read_sheet(path: &Path, sheet: &str) -> Result<Vec<Vec<String>>, String> {
    let name = path
        .file_name()
        .map_or(String::new(), |n| n.to_string_lossy().into_owned());
    let zip = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let xml = zip_member(&zip, "content.xml")
        .ok_or_else(|| format!("{name}: no readable content.xml (not an OpenDocument file?)"))?;
    let xml = String::from_utf8(xml).map_err(|_| format!("{name}: content.xml is not UTF-8"))?;
    let open = format!("<table:table table:name=\"{sheet}\"");
    let start = xml
        .find(&open)
        .ok_or_else(|| format!("{name}: no sheet {sheet:?}"))?;
    let end = xml[start..]
        .find("</table:table>")
        .map_or(xml.len(), |e| start + e);
    let body = &xml[start..end];

    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut row: Option<Vec<String>> = None;
    let mut cell: Option<(String, usize, Option<String>)> = None;
    let mut pos = 0;
    while let Some(lt) = body[pos..].find('<') {
        let text_start = pos;
        let tag_start = pos + lt;
        let Some(gt) = body[tag_start..].find('>') else {
            break;
        };
        let tag = &body[tag_start + 1..tag_start + gt];
        pos = tag_start + gt + 1;
        if let Some((text, _, _)) = cell.as_mut() {
            text.push_str(&unescape(&body[text_start..tag_start]));
        }
        let self_closing = tag.ends_with('/');
        let tag_name = tag
            .split([' ', '\n', '\t'])
            .next()
            .unwrap_or("")
            .trim_end_matches('/');
        match tag_name {
            "table:table-row" => {
                row = Some(Vec::new());
                if self_closing {
                    rows.push(row.take().unwrap_or_default());
                }
            }
            "/table:table-row" => {
                if let Some(mut r) = row.take() {
                    while r.last().is_some_and(String::is_empty) {
                        r.pop();
                    }
                    rows.push(r);
                }
            }
            "table:table-cell" | "table:covered-table-cell" => {
                let repeat = attr(tag, "table:number-columns-repeated")
                    .and_then(|n| n.parse().ok())
                    .unwrap_or(1usize);
                let date = attr(tag, "office:date-value").map(str::to_string);
                if self_closing {
                    if let Some(r) = row.as_mut() {
                        let v = date.unwrap_or_default();
                        if !v.is_empty() || repeat <= MAX_REPEAT {
                            r.extend(std::iter::repeat_n(v, repeat.min(MAX_REPEAT)));
                        }
                    }
                } else {
                    cell = Some((String::new(), repeat, date));
                }
            }
            "/table:table-cell" | "/table:covered-table-cell" => {
                if let (Some((text, repeat, date)), Some(r)) = (cell.take(), row.as_mut()) {
                    let v = date.unwrap_or(text).trim().to_string();
                    r.extend(std::iter::repeat_n(v, repeat.min(MAX_REPEAT)));
                }
            }
            "text:s" => {
                if let Some((text, _, _)) = cell.as_mut() {
                    let n = attr(tag, "text:c")
                        .and_then(|n| n.parse().ok())
                        .unwrap_or(1);
                    text.push_str(&" ".repeat(n));
                }
            }
            "/text:p" => {
                if let Some((text, _, _)) = cell.as_mut() {
                    text.push('\n');
                }
            }
            _ => {}
        }
    }
    Ok(rows)
}
