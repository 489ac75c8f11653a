//! Reading an xlsx (or xlsm) package.
//!
//! calamine streams an xlsx sheet cell by cell, so a stray cell at XFD1048576
//! costs one entry, not a grid. What it does not stream is the shared-string
//! table, whose declared count it reserves up front: that count is checked
//! here against what the part's size could hold. The layout calamine does not
//! expose (hidden rows and columns, merged ranges) comes from `xlsx_parts`,
//! read on a second thread while calamine reads the cells.

use std::collections::HashMap;
use std::io::{BufReader, Cursor, Read, Seek};

use calamine::{Reader, Xlsx, XlsxError, XlsxFormulaMetadata};
use quick_xml::events::Event;
use zip::ZipArchive;

use super::cells::{Grid, cell_value_ref, worksheets};
use super::refusal::{Looks, Refusal, parser_refusal};
use super::sheet::{Sheet, Visibility};
use super::xlsx_parts::{self, PackageError, PartIndex, SheetPart};
use super::xml::{parse_count, raw_attr, xml_reader};

/// The smallest shared-string entry, `<si/>`: a part of N bytes cannot hold
/// more than N / 5 strings, so a larger declared count is a lie.
const MIN_SHARED_STRING_BYTES: u64 = 5;

/// Derived shared formulas repeat their master's text in every cell; past this
/// many bytes per sheet they are recorded with an empty text, so a crafted
/// sheet cannot multiply one long formula a million times.
const SHARED_FORMULA_TEXT_BUDGET: usize = 64 << 20;

/// Reads an xlsx package whose part sizes are checked: its shared strings
/// are checked next, its sheets found as calamine finds them, then read.
pub(super) fn read(
    bytes: &[u8],
    zip: &mut ZipArchive<Cursor<&[u8]>>,
) -> Result<Vec<Sheet>, Refusal> {
    check_shared_strings(zip)?;
    let index = PartIndex::new(zip);
    match xlsx_parts::sheet_parts(zip, &index) {
        Ok(parts) => read_xlsx(bytes, zip, &index, &parts),
        // A binary workbook part: the same package holds an .xlsb.
        Err(PackageError::Xlsb) => super::xlsb::read(bytes),
        Err(PackageError::NotWorkbook) => Err(Refusal::NotWorkbook(Looks::OtherZip)),
        Err(PackageError::Damaged(detail)) => Err(Refusal::Damaged { detail }),
    }
}

/// Refuses a shared-string table whose `uniqueCount` is more than its part's
/// declared size could hold: calamine reserves that many entries up front, and
/// 10^11 of them abort the process.
fn check_shared_strings<R: Read + Seek>(zip: &mut ZipArchive<R>) -> Result<(), Refusal> {
    let parts: Vec<usize> = (0..zip.len())
        .filter(|&i| {
            zip.by_index_data(i).is_ok_and(|e| {
                let name = String::from_utf8_lossy(e.name_raw()).to_ascii_lowercase();
                name.ends_with("sharedstrings.xml")
            })
        })
        .collect();
    for i in parts {
        let entry = zip.by_index(i).map_err(|e| Refusal::Damaged {
            detail: e.to_string(),
        })?;
        let part = String::from_utf8_lossy(entry.name_raw()).into_owned();
        let capacity = entry.size() / MIN_SHARED_STRING_BYTES;
        let mut reader = xml_reader(BufReader::new(entry));
        let mut buf = Vec::new();
        loop {
            buf.clear();
            match reader.read_event_into(&mut buf) {
                Ok(Event::Start(e) | Event::Empty(e)) if e.local_name().as_ref() == "sst" => {
                    let declared = raw_attr(&e, "uniqueCount").and_then(parse_count);
                    if let Some(declared) = declared.filter(|&n| n > capacity) {
                        return Err(Refusal::CraftedSharedStrings { declared, part });
                    }
                    break;
                }
                // Calamine fails on these too, with its own error.
                Ok(Event::Eof) | Err(_) => break,
                Ok(_) => {}
            }
        }
    }
    Ok(())
}

/// Reads an xlsx package: calamine streams the cells while a second thread
/// scans the same sheets for their layout (each pass inflates the sheet
/// once; on two cores they overlap). The layout pass reads through clones
/// of `zip`, which share its parsed central directory.
fn read_xlsx(
    bytes: &[u8],
    zip: &ZipArchive<Cursor<&[u8]>>,
    index: &PartIndex,
    parts: &[SheetPart],
) -> Result<Vec<Sheet>, Refusal> {
    std::thread::scope(|scope| {
        // Without a thread to spare, each layout is read after its cells.
        let layouts = std::thread::Builder::new()
            .spawn_scoped(scope, || read_layouts(zip.clone(), index, parts))
            .ok();
        let sheets = read_xlsx_sheets(bytes);
        let mut layouts = match layouts {
            Some(thread) => thread.join().unwrap_or_else(|_| {
                vec![Some(Err("the layout reader stopped".to_string())); parts.len()]
            }),
            None => Vec::new(),
        };
        let mut sheets = sheets?;
        for sheet in sheets.iter_mut() {
            if sheet.visibility != Visibility::Visible {
                continue;
            }
            let unreadable = |detail: String| Refusal::SheetUnreadable {
                sheet: sheet.name.clone(),
                detail,
            };
            // calamine lists sheets as workbook.xml does, so the positions agree.
            let at = Some(sheet.index)
                .filter(|&i| parts.get(i).is_some_and(|p| p.name == sheet.name))
                .or_else(|| parts.iter().position(|p| p.name == sheet.name))
                .ok_or_else(|| unreadable("not listed in workbook.xml".to_string()))?;
            let layout = match layouts.get_mut(at).and_then(Option::take) {
                Some(layout) => layout,
                None => xlsx_parts::read_layout(&mut zip.clone(), index, &parts[at].path),
            }
            .map_err(unreadable)?;
            sheet.hidden_rows = layout.hidden_rows;
            sheet.hidden_cols = layout.hidden_cols;
            sheet.merged = layout.merged;
        }
        Ok(sheets)
    })
}

/// The layout of every sheet `workbook.xml` marks visible, aligned with
/// `parts` (`None` for the others).
fn read_layouts(
    mut zip: ZipArchive<Cursor<&[u8]>>,
    index: &PartIndex,
    parts: &[SheetPart],
) -> Vec<Option<Result<xlsx_parts::SheetLayout, String>>> {
    parts
        .iter()
        .map(|part| {
            part.visible
                .then(|| xlsx_parts::read_layout(&mut zip, index, &part.path))
        })
        .collect()
}

/// The sheets with their cells as calamine reads them; hidden sheets empty.
fn read_xlsx_sheets(bytes: &[u8]) -> Result<Vec<Sheet>, Refusal> {
    let mut xlsx: Xlsx<_> = Xlsx::new(Cursor::new(bytes))
        .map_err(|e| parser_refusal(matches!(e, XlsxError::Password), e))?;
    let metadata = xlsx.sheets_metadata().to_vec();
    worksheets(&metadata, |sheet| read_xlsx_cells(&mut xlsx, sheet))
}

/// Streams one sheet's cells and formulas (one pass, no dense grid).
fn read_xlsx_cells(xlsx: &mut Xlsx<Cursor<&[u8]>>, sheet: &mut Sheet) -> Result<(), XlsxError> {
    let mut reader = xlsx.worksheet_cells_reader(&sheet.name)?;
    let mut grid = Grid::default();
    let mut formulas = Vec::new();
    // Shared formulas: index → (master text, master cell).
    let mut masters: HashMap<usize, (String, (u32, u32))> = HashMap::new();
    let mut budget = SHARED_FORMULA_TEXT_BUDGET;
    while let Some(record) = reader.next_cell_with_formula_metadata()? {
        let (row, col) = record.pos;
        if let Some(value) = cell_value_ref(record.value) {
            grid.push(row, col, value);
        }
        let Some(formula) = record.formula else {
            continue;
        };
        let text = match formula {
            XlsxFormulaMetadata::Normal { formula } => formula,
            XlsxFormulaMetadata::Shared {
                shared_index,
                range,
                formula,
            } => {
                let start = range.map_or((row, col), |r| r.start);
                masters.insert(shared_index, (formula.clone(), start));
                formula
            }
            XlsxFormulaMetadata::SharedDerived { shared_index } => match masters.get(&shared_index)
            {
                Some((master, start)) if master.len() <= budget => {
                    let text = calamine::expand_shared_formula(master, *start, (row, col))
                        .unwrap_or_else(|_| master.clone());
                    budget = budget.saturating_sub(text.len());
                    text
                }
                _ => String::new(),
            },
            // A kind of formula this reader does not know: still a formula.
            _ => String::new(),
        };
        formulas.push((row, col, text));
    }
    sheet.rows = grid.finish();
    sheet.formulas = sorted_formulas(formulas);
    Ok(())
}

/// Formulas ascending by (row, col); a repeated cell keeps its last formula.
fn sorted_formulas(mut formulas: Vec<(u32, u32, String)>) -> Vec<(u32, u32, String)> {
    if !formulas.is_sorted_by(|a, b| (a.0, a.1) < (b.0, b.1)) {
        formulas.sort_by_key(|f| (f.0, f.1));
        let mut kept: Vec<(u32, u32, String)> = Vec::with_capacity(formulas.len());
        for f in formulas {
            match kept.last_mut() {
                Some(last) if (last.0, last.1) == (f.0, f.1) => *last = f,
                _ => kept.push(f),
            }
        }
        return kept;
    }
    formulas
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::workbook::crafted::{zip, zip_of};

    #[test]
    fn shared_string_count_beyond_the_part_is_refused() {
        let sst = br#"<?xml version="1.0"?><sst xmlns="x" count="1" uniqueCount="100000000000"><si><t>a</t></si></sst>"#;
        let file = zip_of(&[("xl/sharedStrings.xml", sst)]);
        assert_eq!(
            check_shared_strings(&mut zip(&file)),
            Err(Refusal::CraftedSharedStrings {
                declared: 100_000_000_000,
                part: "xl/sharedStrings.xml".to_string(),
            })
        );
        let honest = br#"<sst count="2" uniqueCount="2"><si><t>a</t></si><si><t>b</t></si></sst>"#;
        let file = zip_of(&[("xl/sharedStrings.xml", honest)]);
        assert_eq!(check_shared_strings(&mut zip(&file)), Ok(()));
    }
}
