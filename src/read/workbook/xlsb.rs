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

use calamine::{Reader, Xlsb, XlsbError};

use super::cells::{Grid, cell_value_ref, worksheets};
use super::refusal::{Refusal, parser_refusal};
use super::sheet::Sheet;

pub(super) fn read(bytes: &[u8]) -> Result<Vec<Sheet>, Refusal> {
    let mut xlsb = Xlsb::new(Cursor::new(bytes))
        .map_err(|e| parser_refusal(matches!(e, XlsbError::Password), e))?;
    let metadata = xlsb.sheets_metadata().to_vec();
    worksheets(&metadata, |sheet| {
        let mut reader = xlsb.worksheet_cells_reader(&sheet.name)?;
        let mut grid = Grid::default();
        while let Some(cell) = reader.next_cell()? {
            let (row, col) = cell.get_position();
            if let Some(value) = cell_value_ref(cell.get_value().clone()) {
                grid.push(row, col, value);
            }
        }
        sheet.rows = grid.finish();
        Ok::<(), XlsbError>(())
    })
}
