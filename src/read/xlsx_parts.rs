//! The parts of an xlsx package that calamine does not expose.
//!
//! calamine reads cell values but not which rows and columns are hidden
//! (upstream #237, closed as not planned), and a hidden row in a vendor's
//! response is exactly what a committee must be told about. So the sheet XML
//! is read here once more with quick-xml, for its layout only. The package
//! relationships are resolved the way calamine resolves them, so both readers
//! open the same part for the same sheet.

use std::collections::HashMap;
use std::io::{BufReader, Read, Seek};

use quick_xml::events::Event;
use zip::ZipArchive;

use super::safety::{parse_count, raw_attr, raw_attrs, xml_reader};
use super::workbook::MergedRange;

/// Highest 0-based row and column of a worksheet.
const LAST_ROW: u32 = 1_048_575;
const LAST_COL: u32 = 16_383;

/// Zip entry names by their normalized form (lower case, `/` separators), as
/// calamine looks parts up: writers disagree on the case of part names.
pub struct PartIndex(HashMap<String, String>);

impl PartIndex {
    pub fn new<R: Read + Seek>(zip: &ZipArchive<R>) -> PartIndex {
        let names = zip
            .file_names()
            .filter_map(Result::ok)
            .map(|name| {
                (
                    name.replace('\\', "/").to_ascii_lowercase(),
                    name.to_string(),
                )
            })
            .collect();
        PartIndex(names)
    }

    /// The entry name for a part path, or the path itself when unknown.
    pub fn resolve<'a>(&'a self, path: &'a str) -> &'a str {
        self.0
            .get(&path.to_ascii_lowercase())
            .map_or(path, String::as_str)
    }
}

/// One sheet as listed in `workbook.xml`, with the part holding it.
#[derive(Clone, Debug, PartialEq)]
pub struct SheetPart {
    pub name: String,
    pub path: String,
}

/// Why a zip is not a readable xlsx package.
#[derive(Clone, Debug, PartialEq)]
pub enum PackageError {
    /// No spreadsheet workbook part: another kind of zip (a .docx, an archive).
    NotWorkbook,
    /// The workbook part is binary (.xlsb).
    Xlsb,
    Damaged(String),
}

fn open_xml<'z, R: Read + Seek>(
    zip: &'z mut ZipArchive<R>,
    index: &PartIndex,
    path: &str,
) -> Option<Result<quick_xml::Reader<BufReader<zip::read::ZipFile<'z, R>>>, String>> {
    match zip.by_name(index.resolve(path)) {
        Ok(file) => Some(Ok(xml_reader(BufReader::new(file)))),
        Err(zip::result::ZipError::FileNotFound) => None,
        Err(e) => Some(Err(format!("{path}: {e}"))),
    }
}

fn unescaped(raw: &str) -> String {
    quick_xml::escape::unescape(raw).map_or_else(|_| raw.to_string(), |s| s.into_owned())
}

/// One relationship of a `.rels` part.
struct Relationship {
    id: String,
    target: String,
    typ: String,
}

/// The relationships of one `.rels` part, in document order.
fn relationships<R: Read + Seek>(
    zip: &mut ZipArchive<R>,
    index: &PartIndex,
    path: &str,
) -> Option<Result<Vec<Relationship>, String>> {
    let mut xml = match open_xml(zip, index, path)? {
        Ok(xml) => xml,
        Err(e) => return Some(Err(e)),
    };
    let mut rels = Vec::new();
    let mut buf = Vec::new();
    loop {
        buf.clear();
        match xml.read_event_into(&mut buf) {
            Ok(Event::Start(e) | Event::Empty(e)) if e.local_name().as_ref() == "Relationship" => {
                rels.push(Relationship {
                    id: raw_attr(&e, "Id").unwrap_or_default().to_string(),
                    target: raw_attr(&e, "Target").unwrap_or_default().to_string(),
                    typ: raw_attr(&e, "Type").unwrap_or_default().to_string(),
                });
            }
            Ok(Event::Eof) => return Some(Ok(rels)),
            Err(e) => return Some(Err(format!("{path}: {e}"))),
            Ok(_) => {}
        }
    }
}

/// The sheets of an xlsx package in workbook order, each with its part path,
/// found the way calamine finds them (later duplicates win, as in calamine).
pub fn sheet_parts<R: Read + Seek>(
    zip: &mut ZipArchive<R>,
    index: &PartIndex,
) -> Result<Vec<SheetPart>, PackageError> {
    let package = relationships(zip, index, "_rels/.rels")
        .ok_or(PackageError::NotWorkbook)?
        .map_err(PackageError::Damaged)?;
    let target = package
        .iter()
        .rev()
        .find(|rel| rel.typ.ends_with("/relationships/officeDocument"))
        .map(|rel| unescaped(&rel.target))
        .ok_or(PackageError::NotWorkbook)?;
    let (dir, name) = match target.rfind('/') {
        Some(i) => target.split_at(i + 1),
        None => ("", target.as_str()),
    };
    let base = dir.strip_prefix('/').unwrap_or(dir).to_string();
    let workbook_name = if name.is_empty() {
        "workbook.xml"
    } else {
        name
    };
    if workbook_name.to_ascii_lowercase().ends_with(".bin") {
        return Err(PackageError::Xlsb);
    }
    let workbook_path = format!("{base}{workbook_name}");
    let rels_path = format!("{base}_rels/{workbook_name}.rels");

    let mut xml = open_xml(zip, index, &workbook_path)
        .ok_or(PackageError::NotWorkbook)?
        .map_err(PackageError::Damaged)?;
    let mut listed = Vec::new();
    let mut buf = Vec::new();
    let mut root_seen = false;
    loop {
        buf.clear();
        match xml.read_event_into(&mut buf) {
            Ok(Event::Start(e) | Event::Empty(e)) => {
                if !root_seen {
                    root_seen = true;
                    if e.local_name().as_ref() != "workbook" {
                        return Err(PackageError::NotWorkbook);
                    }
                }
                if e.local_name().as_ref() == "sheet" {
                    let mut name = String::new();
                    let mut rel_id = "";
                    for (key, value) in raw_attrs(&e) {
                        if key == "name" {
                            name = unescaped(value);
                        } else if key == "id" || key.ends_with(":id") {
                            rel_id = value;
                        }
                    }
                    listed.push((name, rel_id.to_string()));
                }
            }
            Ok(Event::Eof) => break,
            Err(e) => return Err(PackageError::Damaged(format!("{workbook_path}: {e}"))),
            Ok(_) => {}
        }
    }
    if !root_seen {
        return Err(PackageError::NotWorkbook);
    }
    drop(xml);
    let rels: HashMap<String, String> = relationships(zip, index, &rels_path)
        .ok_or_else(|| PackageError::Damaged(format!("{rels_path} is missing")))?
        .map_err(PackageError::Damaged)?
        .into_iter()
        .map(|rel| (rel.id, rel.target))
        .collect();
    Ok(listed
        .into_iter()
        .map(|(name, rel_id)| {
            let target = rels.get(&rel_id).map_or("", String::as_str);
            let path = match target.strip_prefix('/') {
                Some(absolute) => absolute.to_string(),
                None => format!("{base}{target}"),
            };
            SheetPart { name, path }
        })
        .collect())
}

/// What the sheet XML says about its layout.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SheetLayout {
    /// 0-based, ascending, without repeats.
    pub hidden_rows: Vec<u32>,
    /// 0-based, ascending.
    pub hidden_cols: Vec<u32>,
    /// In document order, as the sheet lists them.
    pub merged: Vec<MergedRange>,
}

fn is_true(value: Option<&str>) -> bool {
    matches!(value, Some("1" | "true"))
}

/// A1 reference → 0-based (row, col); `None` when malformed or off the sheet.
fn parse_cell_ref(text: &str) -> Option<(u32, u32)> {
    let text = text.trim().replace('$', "");
    let split = text.find(|c: char| c.is_ascii_digit())?;
    let (letters, digits) = text.split_at(split);
    if letters.is_empty() || letters.len() > 3 || !letters.bytes().all(|b| b.is_ascii_alphabetic())
    {
        return None;
    }
    let col = letters.bytes().fold(0u32, |n, b| {
        n * 26 + u32::from(b.to_ascii_uppercase() - b'A' + 1)
    }) - 1;
    let row = parse_count(digits)?.checked_sub(1)?;
    (row <= u64::from(LAST_ROW) && col <= LAST_COL).then_some((row as u32, col))
}

/// `A1:C2` (or a single cell) → a range, corners put in order.
fn parse_range(text: &str) -> Option<MergedRange> {
    let (first, last) = match text.split_once(':') {
        Some((a, b)) => (parse_cell_ref(a)?, parse_cell_ref(b)?),
        None => {
            let cell = parse_cell_ref(text)?;
            (cell, cell)
        }
    };
    Some(MergedRange {
        first_row: first.0.min(last.0),
        first_col: first.1.min(last.1),
        last_row: first.0.max(last.0),
        last_col: first.1.max(last.1),
    })
}

/// Reads hidden rows, hidden columns and merged ranges from one sheet part in
/// a single pass.
pub fn read_layout<R: Read + Seek>(
    zip: &mut ZipArchive<R>,
    index: &PartIndex,
    path: &str,
) -> Result<SheetLayout, String> {
    let mut xml = open_xml(zip, index, path).ok_or_else(|| format!("{path} is missing"))??;
    let mut hidden_rows = Vec::new();
    // One bit per column: `<col>` ranges may overlap and repeat.
    let mut hidden_cols = vec![0u64; (LAST_COL as usize + 1) / 64];
    let mut merged = Vec::new();
    let mut next_row = 0u32;
    let mut buf = Vec::with_capacity(1024);
    loop {
        buf.clear();
        match xml.read_event_into(&mut buf) {
            Ok(Event::Start(e) | Event::Empty(e)) => match e.local_name().as_ref() {
                "row" => {
                    let row = raw_attr(&e, "r")
                        .and_then(parse_count)
                        .and_then(|r| r.checked_sub(1))
                        .map_or(next_row, |r| r.min(u64::from(LAST_ROW)) as u32);
                    if is_true(raw_attr(&e, "hidden")) {
                        hidden_rows.push(row);
                    }
                    next_row = row.saturating_add(1);
                }
                "col" if is_true(raw_attr(&e, "hidden")) => {
                    let min = raw_attr(&e, "min")
                        .and_then(parse_count)
                        .unwrap_or(1)
                        .max(1);
                    let max = raw_attr(&e, "max")
                        .and_then(parse_count)
                        .unwrap_or(min)
                        .min(u64::from(LAST_COL) + 1);
                    for col in (min - 1)..max {
                        hidden_cols[(col / 64) as usize] |= 1 << (col % 64);
                    }
                }
                "mergeCell" => {
                    if let Some(range) = raw_attr(&e, "ref").and_then(parse_range) {
                        merged.push(range);
                    }
                }
                _ => {}
            },
            Ok(Event::Eof) => break,
            Err(e) => return Err(format!("{path}: {e}")),
            Ok(_) => {}
        }
    }
    hidden_rows.sort_unstable();
    hidden_rows.dedup();
    let hidden_cols = (0..=LAST_COL)
        .filter(|&c| hidden_cols[(c / 64) as usize] & (1 << (c % 64)) != 0)
        .collect();
    Ok(SheetLayout {
        hidden_rows,
        hidden_cols,
        merged,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_references() {
        assert_eq!(parse_cell_ref("A1"), Some((0, 0)));
        assert_eq!(parse_cell_ref("$C$12"), Some((11, 2)));
        assert_eq!(parse_cell_ref("XFD1048576"), Some((1_048_575, 16_383)));
        assert_eq!(parse_cell_ref("XFE1"), None);
        assert_eq!(parse_cell_ref("A0"), None);
        assert_eq!(parse_cell_ref("A1048577"), None);
        assert_eq!(parse_cell_ref("12"), None);
    }

    #[test]
    fn ranges_put_corners_in_order() {
        let expected = MergedRange {
            first_row: 0,
            first_col: 0,
            last_row: 1,
            last_col: 2,
        };
        assert_eq!(parse_range("A1:C2"), Some(expected));
        assert_eq!(parse_range("C2:A1"), Some(expected));
        assert_eq!(
            parse_range("B3"),
            Some(MergedRange {
                first_row: 2,
                first_col: 1,
                last_row: 2,
                last_col: 1
            })
        );
    }
}
