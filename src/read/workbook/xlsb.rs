//! Reading an Excel binary workbook (.xlsb).
//!
//! calamine reads .xlsb; its records are binary, so none of the layout the
//! xlsx reader takes from the XML (hidden rows and columns, merged ranges,
//! formulas) is known here, and the §7 checks that need it are not made for
//! this format. The cells are streamed, as for xlsx, so a stray cell far from
//! the data costs one entry, not a grid. What a crafted binary part could
//! still make calamine reserve is bounded by the reader process's memory
//! limit (`read::isolate`).

use std::io::Cursor;

use calamine::{Reader, SheetType, Xlsb, XlsbError};

use super::cells::{Grid, cell_value_ref, empty_sheet, visibility};
use super::refusal::{Refusal, parser_refusal};
use super::sheet::{Sheet, Visibility};

pub(super) fn read(bytes: &[u8]) -> Result<Vec<Sheet>, Refusal> {
    let mut xlsb = Xlsb::new(Cursor::new(bytes))
        .map_err(|e| parser_refusal(matches!(e, XlsbError::Password), e))?;
    let metadata = xlsb.sheets_metadata().to_vec();
    let mut sheets = Vec::with_capacity(metadata.len());
    for (position, meta) in metadata.iter().enumerate() {
        if meta.typ != SheetType::WorkSheet {
            continue;
        }
        let mut sheet = empty_sheet(&meta.name, position, visibility(meta.visible));
        if sheet.visibility == Visibility::Visible {
            let unreadable = |e: XlsbError| Refusal::SheetUnreadable {
                sheet: meta.name.clone(),
                detail: e.to_string(),
            };
            let mut reader = xlsb
                .worksheet_cells_reader(&meta.name)
                .map_err(unreadable)?;
            let mut grid = Grid::default();
            while let Some(cell) = reader.next_cell().map_err(unreadable)? {
                let (row, col) = cell.get_position();
                if let Some(value) = cell_value_ref(cell.get_value().clone()) {
                    grid.push(row, col, value);
                }
            }
            sheet.rows = grid.finish();
        }
        sheets.push(sheet);
    }
    Ok(sheets)
}
