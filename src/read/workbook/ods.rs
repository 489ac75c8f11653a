//! Reading an OpenDocument spreadsheet (.ods).
//!
//! calamine expands `number-rows-repeated` and `number-columns-repeated` into
//! real copies and holds each sheet as a dense grid, so one attribute can ask
//! for a million rows of sixteen thousand cells; and it waits for a
//! `</table:table>` without stopping at the end of the input. So `content.xml`
//! is scanned here first, repeats multiplied out and every end tag required,
//! and only a document that passes reaches calamine.

use std::io::{BufReader, Cursor, Read, Seek};

use calamine::{Ods, OdsError, Reader};
use quick_xml::events::{BytesStart, Event};
use zip::ZipArchive;

use super::cells::{MAX_DENSE_CELLS, read_dense};
use super::refusal::{Looks, Refusal, parser_refusal};
use super::sheet::Sheet;
use super::xml::{parse_count, raw_attr, unescaped, xml_reader};

/// Largest amount of cell data calamine may build for one .ods sheet. ODS can
/// repeat a cell or a row a million times with one attribute, so the content
/// is estimated (repeats × size) before calamine expands it.
const MAX_ODS_SHEET_BYTES: u64 = 1 << 30;

/// Whether a zip is an OpenDocument spreadsheet, another OpenDocument file,
/// or neither (no `mimetype` entry).
pub fn open_document_kind<R: Read + Seek>(zip: &mut ZipArchive<R>) -> Option<Result<(), Looks>> {
    let mut entry = zip.by_name("mimetype").ok()?;
    let mut head = Vec::with_capacity(128);
    if (&mut entry).take(128).read_to_end(&mut head).is_err() {
        return Some(Err(Looks::OtherZip));
    }
    let head = head.trim_ascii();
    if head.starts_with(b"application/vnd.oasis.opendocument.spreadsheet") {
        Some(Ok(()))
    } else if head.starts_with(b"application/vnd.oasis.opendocument.") {
        Some(Err(Looks::OtherOpenDocument))
    } else {
        None
    }
}

/// Whether the document is saved with a password: its manifest then gives
/// the encryption of each part, and `content.xml` is ciphertext that would
/// otherwise read as a cut-off document.
fn is_encrypted<R: Read + Seek>(zip: &mut ZipArchive<R>) -> bool {
    let Ok(manifest) = zip.by_name("META-INF/manifest.xml") else {
        return false;
    };
    let mut reader = xml_reader(BufReader::new(manifest));
    let mut buf = Vec::new();
    loop {
        buf.clear();
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e) | Event::Empty(e))
                if e.local_name().as_ref() == "encryption-data" =>
            {
                return true;
            }
            Ok(Event::Eof) | Err(_) => return false,
            Ok(_) => {}
        }
    }
}

/// Reads an .ods package whose part sizes are checked, once its
/// `content.xml` has passed the checks below.
pub(super) fn read(
    bytes: &[u8],
    zip: &mut ZipArchive<Cursor<&[u8]>>,
) -> Result<Vec<Sheet>, Refusal> {
    if is_encrypted(zip) {
        return Err(Refusal::Encrypted);
    }
    check_ods_content(zip)?;
    let mut ods = Ods::new(Cursor::new(bytes))
        .map_err(|e| parser_refusal(matches!(e, OdsError::Password), e))?;
    read_dense(&mut ods)
}

/// Estimates, per table of an .ods `content.xml`, the dense grid and the cell
/// data calamine will build (it expands `number-rows-repeated` and
/// `number-columns-repeated` into real copies), and refuses an absurd one.
fn check_ods_content<R: Read + Seek>(zip: &mut ZipArchive<R>) -> Result<(), Refusal> {
    let Ok(entry) = zip.by_name("content.xml") else {
        // Calamine reports the missing part itself.
        return Ok(());
    };
    let mut reader = xml_reader(BufReader::new(entry));
    // calamine's .ods reader waits for `</table:table>` (and for the end of
    // a cell note) without stopping at the end of the input, so a cut-off
    // `content.xml` makes it loop forever. A well-formed document has every
    // end tag it waits for.
    reader.config_mut().check_end_names = true;
    let cut_off = |detail: String| Refusal::Damaged {
        detail: format!("content.xml: {detail}"),
    };
    let mut depth = 0usize;
    let mut buf = Vec::new();
    let mut table: Option<OdsTable> = None;
    loop {
        buf.clear();
        let event = reader
            .read_event_into(&mut buf)
            .map_err(|e| cut_off(e.to_string()))?;
        let empty = matches!(event, Event::Empty(_));
        match &event {
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
        match event {
            Event::Eof if depth > 0 => {
                return Err(cut_off("the document ends inside an element".to_string()));
            }
            Event::Eof => return Ok(()),
            Event::Start(e) if e.name().as_ref() == "table:table" => {
                let name = raw_attr(&e, "table:name")
                    .map(unescaped)
                    .unwrap_or_default();
                table = Some(OdsTable::new(name));
            }
            Event::End(e) if e.name().as_ref() == "table:table" => {
                if let Some(t) = table.take() {
                    t.check()?;
                }
            }
            Event::Start(e) | Event::Empty(e) => {
                let Some(t) = table.as_mut() else { continue };
                match e.name().as_ref() {
                    "table:table-row" => {
                        let repeats = raw_attr(&e, "table:number-rows-repeated")
                            .and_then(parse_count)
                            .unwrap_or(1);
                        t.start_row(repeats);
                        if empty {
                            t.end_row()?;
                        }
                    }
                    "table:table-cell" | "table:covered-table-cell" => {
                        t.start_cell(&e);
                        if empty {
                            t.end_cell();
                        }
                    }
                    "text:s" => {
                        let spaces = raw_attr(&e, "text:c").and_then(parse_count).unwrap_or(1);
                        t.add_content(spaces);
                    }
                    _ => {}
                }
            }
            Event::Text(text) => {
                if let Some(t) = table.as_mut() {
                    t.add_content(text.len() as u64);
                }
            }
            Event::End(e) => {
                let Some(t) = table.as_mut() else { continue };
                match e.name().as_ref() {
                    "table:table-row" => t.end_row()?,
                    "table:table-cell" | "table:covered-table-cell" => t.end_cell(),
                    _ => {}
                }
            }
            _ => {}
        }
    }
}

/// Running totals for one .ods table; all arithmetic saturates.
struct OdsTable {
    name: String,
    /// Rows seen so far, repeats included (capped as calamine caps them).
    rows: u64,
    first_used_row: Option<u64>,
    last_used_row: u64,
    widest: u64,
    bytes: u64,
    row_repeats: u64,
    row_col: u64,
    row_width: u64,
    row_bytes: u64,
    cell: Option<OdsCell>,
}

struct OdsCell {
    repeats: u64,
    used: bool,
    content: u64,
}

const ODS_MAX_ROWS: u64 = 1_048_576;
const ODS_MAX_COLS: u64 = 16_384;
/// Bytes of one cell in calamine's grids (value and formula).
const DENSE_CELL_BYTES: u64 = 32 + 24;

impl OdsTable {
    fn new(name: String) -> Self {
        OdsTable {
            name,
            rows: 0,
            first_used_row: None,
            last_used_row: 0,
            widest: 0,
            bytes: 0,
            row_repeats: 1,
            row_col: 0,
            row_width: 0,
            row_bytes: 0,
            cell: None,
        }
    }

    fn start_row(&mut self, repeats: u64) {
        let remaining = ODS_MAX_ROWS.saturating_sub(self.rows);
        self.row_repeats = repeats.min(remaining);
        self.row_col = 0;
        self.row_width = 0;
        self.row_bytes = 0;
    }

    fn end_row(&mut self) -> Result<(), Refusal> {
        self.end_cell();
        if self.row_width > 0 {
            self.first_used_row.get_or_insert(self.rows);
            self.last_used_row = self.rows.saturating_add(self.row_repeats.max(1) - 1);
            self.widest = self.widest.max(self.row_width);
            // calamine holds the row once as read (every cell up to the last
            // used one, value and formula), then once per repeat in its grid.
            let row = self
                .row_width
                .saturating_mul(DENSE_CELL_BYTES)
                .saturating_add(self.row_bytes);
            self.bytes = self
                .bytes
                .saturating_add(row.saturating_mul(self.row_repeats.saturating_add(1)));
        }
        self.rows = self.rows.saturating_add(self.row_repeats);
        self.row_width = 0;
        self.row_bytes = 0;
        self.check_bytes()
    }

    fn start_cell(&mut self, e: &BytesStart<'_>) {
        self.end_cell();
        let repeats = raw_attr(e, "table:number-columns-repeated")
            .and_then(parse_count)
            .unwrap_or(1);
        let mut used = false;
        let mut content = 0u64;
        for key in [
            "office:value",
            "office:string-value",
            "office:date-value",
            "office:time-value",
            "office:boolean-value",
            "office:value-type",
            "table:formula",
        ] {
            if let Some(v) = raw_attr(e, key) {
                used = true;
                content = content.saturating_add(v.len() as u64);
            }
        }
        self.cell = Some(OdsCell {
            repeats,
            used,
            content,
        });
    }

    fn add_content(&mut self, len: u64) {
        if let Some(cell) = self.cell.as_mut() {
            cell.used = true;
            cell.content = cell.content.saturating_add(len);
        }
    }

    fn end_cell(&mut self) {
        let Some(cell) = self.cell.take() else { return };
        let remaining = ODS_MAX_COLS.saturating_sub(self.row_col);
        let repeats = cell.repeats.min(remaining);
        self.row_col = self.row_col.saturating_add(repeats);
        if cell.used {
            self.row_width = self.row_col;
            // The text, as value and formula strings, in each repeated copy.
            let text = cell.content.saturating_mul(2);
            self.row_bytes = self.row_bytes.saturating_add(text.saturating_mul(repeats));
        }
    }

    fn check_bytes(&self) -> Result<(), Refusal> {
        if self.bytes > MAX_ODS_SHEET_BYTES {
            return Err(Refusal::SheetTooLarge {
                sheet: self.name.clone(),
                cells: self.cells(),
                limit: MAX_DENSE_CELLS,
            });
        }
        Ok(())
    }

    fn cells(&self) -> u64 {
        match self.first_used_row {
            None => 0,
            Some(first) => (self.last_used_row - first + 1).saturating_mul(self.widest),
        }
    }

    fn check(self) -> Result<(), Refusal> {
        let cells = self.cells();
        if cells > MAX_DENSE_CELLS || self.bytes > MAX_ODS_SHEET_BYTES {
            return Err(Refusal::SheetTooLarge {
                sheet: self.name,
                cells,
                limit: MAX_DENSE_CELLS,
            });
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::workbook::crafted::{ods, zip, zip_of};

    #[test]
    fn ods_spaces_repeated_a_trillion_times_are_refused() {
        let file = ods(
            "回答",
            r#"<table:table-row><table:table-cell office:value-type="string"><text:p>a<text:s text:c="1000000000000"/></text:p></table:table-cell></table:table-row>"#,
        );
        assert!(matches!(
            check_ods_content(&mut zip(&file)),
            Err(Refusal::SheetTooLarge { sheet, .. }) if sheet == "回答"
        ));
    }

    #[test]
    fn ods_rows_and_columns_repeated_to_the_limits_are_refused() {
        let file = ods(
            "回答",
            r#"<table:table-row table:number-rows-repeated="1048576"><table:table-cell table:number-columns-repeated="16384" office:value-type="float" office:value="1"/></table:table-row>"#,
        );
        assert!(matches!(
            check_ods_content(&mut zip(&file)),
            Err(Refusal::SheetTooLarge { .. })
        ));
    }

    #[test]
    fn ods_rows_padded_to_the_last_column_are_counted() {
        // Each row reads as 16,384 cells (empties up to the used one): 2,000
        // such rows are 1.8 GB in calamine's row buffer.
        let row = r#"<table:table-row><table:table-cell table:number-columns-repeated="16383"/><table:table-cell office:value-type="float" office:value="1"/></table:table-row>"#;
        let file = ods("回答", &row.repeat(2000));
        assert!(matches!(
            check_ods_content(&mut zip(&file)),
            Err(Refusal::SheetTooLarge { .. })
        ));
        let file = ods("回答", &row.repeat(10));
        assert_eq!(check_ods_content(&mut zip(&file)), Ok(()));
    }

    #[test]
    fn ods_cut_off_inside_a_table_is_damaged_not_an_endless_loop() {
        let file = ods(
            "回答",
            r#"<table:table-row><table:table-cell/></table:table-row>"#,
        );
        let mut parts = zip(&file);
        let mut content = String::new();
        parts
            .by_name("content.xml")
            .unwrap()
            .read_to_string(&mut content)
            .unwrap();
        let cut = &content[..content.find("</table:table>").unwrap()];
        let file = zip_of(&[
            (
                "mimetype",
                b"application/vnd.oasis.opendocument.spreadsheet",
            ),
            ("content.xml", cut.as_bytes()),
        ]);
        assert!(matches!(
            check_ods_content(&mut zip(&file)),
            Err(Refusal::Damaged { detail }) if detail.starts_with("content.xml: ")
        ));
        let file = zip_of(&[(
            "content.xml",
            content
                .replace("</table:table-row>", "</table:table-cell>")
                .as_bytes(),
        )]);
        assert!(matches!(
            check_ods_content(&mut zip(&file)),
            Err(Refusal::Damaged { .. })
        ));
    }

    #[test]
    fn ods_trailing_empty_repeats_are_fine() {
        // LibreOffice ends every sheet with repeated empty rows and cells.
        let file = ods(
            "回答",
            r#"<table:table-row><table:table-cell office:value-type="string"><text:p>◎</text:p></table:table-cell><table:table-cell table:number-columns-repeated="16383"/></table:table-row><table:table-row table:number-rows-repeated="1048575"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>"#,
        );
        assert_eq!(check_ods_content(&mut zip(&file)), Ok(()));
    }

    #[test]
    fn open_document_kinds() {
        let sheet = ods("回答", "");
        assert_eq!(open_document_kind(&mut zip(&sheet)), Some(Ok(())));
        let text = zip_of(&[("mimetype", b"application/vnd.oasis.opendocument.text")]);
        assert_eq!(
            open_document_kind(&mut zip(&text)),
            Some(Err(Looks::OtherOpenDocument))
        );
        let other = zip_of(&[("a.txt", b"x")]);
        assert_eq!(open_document_kind(&mut zip(&other)), None);
    }
}
