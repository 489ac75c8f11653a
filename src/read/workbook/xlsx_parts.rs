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
use zip::read::ZipFile;

use super::sheet::MergedRange;
use super::xml::{parse_count, raw_attr, raw_attrs, raw_attrs_of, unescaped, xml_reader};

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
    /// Not `hidden` or `veryHidden` in `workbook.xml`.
    pub visible: bool,
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

/// A part of the package, found as calamine finds it; `None` when absent,
/// and an error names the part.
fn open_part<'z, R: Read + Seek>(
    zip: &'z mut ZipArchive<R>,
    index: &PartIndex,
    path: &str,
) -> Option<Result<ZipFile<'z, R>, String>> {
    match zip.by_name(index.resolve(path)) {
        Ok(file) => Some(Ok(file)),
        Err(zip::result::ZipError::FileNotFound) => None,
        Err(e) => Some(Err(format!("{path}: {e}"))),
    }
}

fn open_xml<'z, R: Read + Seek>(
    zip: &'z mut ZipArchive<R>,
    index: &PartIndex,
    path: &str,
) -> Option<Result<quick_xml::Reader<BufReader<ZipFile<'z, R>>>, String>> {
    open_part(zip, index, path).map(|part| part.map(|file| xml_reader(BufReader::new(file))))
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
                    let mut visible = true;
                    for (key, value) in raw_attrs(&e) {
                        if key == "name" {
                            name = unescaped(value);
                        } else if key == "state" {
                            visible = value == "visible";
                        } else if key == "id" || key.ends_with(":id") {
                            rel_id = value;
                        }
                    }
                    listed.push((name, rel_id.to_string(), visible));
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
        .map(|(name, rel_id, visible)| {
            let target = rels.get(&rel_id).map_or("", String::as_str);
            let path = match target.strip_prefix('/') {
                Some(absolute) => absolute.to_string(),
                None => format!("{base}{target}"),
            };
            SheetPart {
                name,
                path,
                visible,
            }
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
    let part = open_part(zip, index, path).unwrap_or_else(|| Err(format!("{path} is missing")))?;
    scan_layout(part, LAYOUT_CHUNK).map_err(|e| format!("{path}: {e}"))
}

/// Bytes inflated at a time by the layout scan.
const LAYOUT_CHUNK: usize = 256 * 1024;

/// What the scan found at a `<`.
enum Tag<'a> {
    /// A start tag of interest: local name and attribute text; `len` bytes.
    Element {
        name: &'a [u8],
        attrs: &'a [u8],
        len: usize,
    },
    /// Anything else (cell tags, end tags, comments): skip `len` bytes.
    Skip(usize),
    /// The tag runs past the bytes read so far.
    Incomplete,
}

/// The first `<`, eight bytes at a time (a word holds a `<` when XOR with
/// `<<<<<<<<` leaves a zero byte; the lowest flagged byte is always exact).
fn find_open(haystack: &[u8]) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    const OPENS: u64 = ONES * b'<' as u64;
    let mut words = haystack.chunks_exact(8);
    let mut at = 0;
    for word in words.by_ref() {
        let x = u64::from_le_bytes(word.try_into().expect("8 bytes")) ^ OPENS;
        let found = x.wrapping_sub(ONES) & !x & HIGHS;
        if found != 0 {
            return Some(at + (found.trailing_zeros() / 8) as usize);
        }
        at += 8;
    }
    words
        .remainder()
        .iter()
        .position(|&b| b == b'<')
        .map(|i| at + i)
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Reads the tag starting at `bytes[0] == b'<'`. Only `row`, `col` and
/// `mergeCell` start tags are read in full; every other tag is skipped after
/// its name, since `<` cannot occur inside a tag or text (XML escapes it)
/// except in comments, CDATA and processing instructions, which are skipped
/// whole.
fn read_tag(bytes: &[u8]) -> Tag<'_> {
    let rest = &bytes[1..];
    // Fast path for the tags that make up most of a sheet: `</…`, and
    // one-letter names (`<c `, `<v>`, `<f>`, `<t>`).
    if let [first, second, ..] = rest
        && (*first == b'/'
            || (first.is_ascii_alphabetic()
                && (second.is_ascii_whitespace() || *second == b'>' || *second == b'/')))
    {
        return Tag::Skip(2);
    }
    let skip_to = |end: &[u8], from: usize| match find(&rest[from..], end) {
        Some(i) => Tag::Skip(1 + from + i + end.len()),
        None => Tag::Incomplete,
    };
    match rest.first() {
        None => return Tag::Incomplete,
        Some(b'/') => return Tag::Skip(2),
        Some(b'?') => return skip_to(b"?>", 1),
        Some(b'!') => {
            if rest.len() < 8 {
                return Tag::Incomplete;
            }
            return if rest.starts_with(b"!--") {
                skip_to(b"-->", 3)
            } else if rest.starts_with(b"![CDATA[") {
                skip_to(b"]]>", 8)
            } else {
                skip_to(b">", 1)
            };
        }
        Some(_) => {}
    }
    let Some(name_end) = rest
        .iter()
        .position(|&b| b.is_ascii_whitespace() || b == b'/' || b == b'>')
    else {
        return Tag::Incomplete;
    };
    let qname = &rest[..name_end];
    let name = match qname.iter().rposition(|&b| b == b':') {
        Some(colon) => &qname[colon + 1..],
        None => qname,
    };
    if !matches!(name, b"row" | b"col" | b"mergeCell") {
        return Tag::Skip(1 + name_end);
    }
    // The end of the tag: the first `>` outside a quoted value.
    let mut quote = None;
    for (i, &b) in rest.iter().enumerate().skip(name_end) {
        match (quote, b) {
            (None, b'"' | b'\'') => quote = Some(b),
            (Some(q), _) if b == q => quote = None,
            (None, b'>') => {
                let attrs = &rest[name_end..i];
                let attrs = attrs.strip_suffix(b"/").unwrap_or(attrs);
                return Tag::Element {
                    name,
                    attrs,
                    len: 1 + i + 1,
                };
            }
            _ => {}
        }
    }
    Tag::Incomplete
}

/// Fills `buf` with up to `want` more bytes; false at the end of the input.
fn fill(source: &mut impl Read, buf: &mut Vec<u8>, want: usize) -> Result<bool, String> {
    let old = buf.len();
    buf.resize(old + want, 0);
    let mut filled = old;
    while filled < buf.len() {
        match source.read(&mut buf[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => {
                buf.truncate(filled);
                return Err(e.to_string());
            }
        }
    }
    buf.truncate(filled);
    Ok(filled > old)
}

/// The layout scan over a sheet's XML, read `chunk` bytes at a time. A plain
/// byte scan: it runs on every visible sheet beside calamine's own parse, and
/// a full XML tokenizer here cost as much as reading the cells.
fn scan_layout(mut source: impl Read, chunk: usize) -> Result<SheetLayout, String> {
    let mut hidden_rows = Vec::new();
    // One bit per column: `<col>` ranges may overlap and repeat.
    let mut hidden_cols = vec![0u64; (LAST_COL as usize + 1) / 64];
    let mut merged = Vec::new();
    let mut next_row = 0u32;
    let mut buf = Vec::with_capacity(chunk);
    let mut pos = 0;
    let mut more = fill(&mut source, &mut buf, chunk)?;
    loop {
        let Some(offset) = find_open(&buf[pos..]) else {
            buf.clear();
            pos = 0;
            if !more {
                break;
            }
            more = fill(&mut source, &mut buf, chunk)?;
            continue;
        };
        let at = pos + offset;
        match read_tag(&buf[at..]) {
            Tag::Incomplete => {
                if !more {
                    break;
                }
                buf.drain(..at);
                pos = 0;
                // Read at least as much again, so a huge tag is rescanned
                // a logarithmic number of times, not once per chunk.
                let want = chunk.max(buf.len());
                more = fill(&mut source, &mut buf, want)?;
            }
            Tag::Skip(len) => pos = at + len,
            Tag::Element { name, attrs, len } => {
                let attrs = std::str::from_utf8(attrs).unwrap_or("");
                let attr = |key: &str| raw_attrs_of(attrs).find(|(k, _)| *k == key).map(|(_, v)| v);
                match name {
                    b"row" => {
                        let row = attr("r")
                            .and_then(parse_count)
                            .and_then(|r| r.checked_sub(1))
                            .map_or(next_row, |r| r.min(u64::from(LAST_ROW)) as u32);
                        if is_true(attr("hidden")) {
                            hidden_rows.push(row);
                        }
                        next_row = row.saturating_add(1);
                    }
                    b"col" if is_true(attr("hidden")) => {
                        let min = attr("min").and_then(parse_count).unwrap_or(1).max(1);
                        let max = attr("max")
                            .and_then(parse_count)
                            .unwrap_or(min)
                            .min(u64::from(LAST_COL) + 1);
                        for col in (min - 1)..max {
                            hidden_cols[(col / 64) as usize] |= 1 << (col % 64);
                        }
                    }
                    b"mergeCell" => {
                        if let Some(range) = attr("ref").and_then(parse_range) {
                            merged.push(range);
                        }
                    }
                    _ => {}
                }
                pos = at + len;
            }
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

    const SHEET: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cols><col min="3" max="3" width="0" hidden="1"/><col min="5" max="6" hidden="true" customWidth="1"/><col min="7" max="7" hidden="0"/></cols><sheetData><!-- <row r="9" hidden="1"> --><row r="1" spans="1:3"><c r="A1" t="inlineStr"><is><t><![CDATA[<row r="8" hidden="1">]]></t></is></c></row><row r="4" hidden="1" note="a>b"><c r="A4"><v>1</v></c></row><row hidden="true"/><x:row r="10" hidden="1"/></sheetData><mergeCells count="2"><mergeCell ref="A1:C2"/><mergeCell ref="D10:D12" /></mergeCells></worksheet>"#;

    #[test]
    fn layout_scan_reads_rows_columns_and_merges() {
        for chunk in [1, 3, 7, 64, 1 << 20] {
            let layout = scan_layout(SHEET.as_bytes(), chunk).unwrap();
            assert_eq!(layout.hidden_rows, vec![3, 4, 9], "chunk {chunk}");
            assert_eq!(layout.hidden_cols, vec![2, 4, 5], "chunk {chunk}");
            assert_eq!(
                layout.merged,
                vec![
                    MergedRange {
                        first_row: 0,
                        first_col: 0,
                        last_row: 1,
                        last_col: 2
                    },
                    MergedRange {
                        first_row: 9,
                        first_col: 3,
                        last_row: 11,
                        last_col: 3
                    },
                ],
                "chunk {chunk}"
            );
        }
    }

    #[test]
    fn layout_scan_of_a_huge_tag_is_not_quadratic() {
        let mut xml = String::from("<sheetData><row r=\"2\" hidden=\"1\" x=\"");
        xml.push_str(&"あ".repeat(4 << 20));
        xml.push_str("\"/></sheetData>");
        let layout = scan_layout(xml.as_bytes(), 1024).unwrap();
        assert_eq!(layout.hidden_rows, vec![1]);
    }

    #[test]
    fn finds_the_first_open_bracket() {
        let text = b"0123456789abcdef<ghij<";
        for start in 0..text.len() {
            let expected = text[start..].iter().position(|&b| b == b'<');
            assert_eq!(find_open(&text[start..]), expected, "from {start}");
        }
        assert_eq!(find_open("あ<".as_bytes()), Some(3));
        assert_eq!(find_open(&[0x3D, 0x3B, 0xBC, 0x3C]), Some(3));
        assert_eq!(find_open(b""), None);
    }

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
