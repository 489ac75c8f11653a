//! Sheets written row by row, whose rows can run to hundreds of thousands
//! (the Customization, the Remarks, By member; the sheets of the RFP draft
//! and of the response form): each sheet lays its rows out as [`Cell`]s in
//! a function called twice by [`stream`], once to size the columns and once
//! to write every row, in order, with its final height.

use std::borrow::Cow;

use rust_xlsxwriter::{ColNum, ExcelDateTime, Format, RowNum, Workbook, Worksheet};

use super::format::{TextFormat, write_column_text, write_number, write_text};
use super::layout::{Columns, end_streamed_rows, longest_word, row_height};

/// One cell of a streamed sheet, as its row is laid out.
pub enum Cell<'a> {
    /// Text that neither widens its column nor grows its row (titles, notes).
    Plain(Cow<'a, str>, &'a TextFormat),
    /// A column header: wraps within the column's width unless a word
    /// would not fit.
    Header(Cow<'a, str>, &'a TextFormat),
    /// A table cell: its column widens (within limits), its row grows.
    Text(Cow<'a, str>, &'a TextFormat),
    /// A table cell of a column that carries `TextFormat` as its column
    /// format: written without a format of its own (rust_xlsxwriter hashes
    /// a cell's format on every write, which tells on a long sheet); its
    /// column widens and its row grows, as for `Text`.
    Column(Cow<'a, str>, &'a TextFormat),
    Number(f64, &'a Format),
    /// A number written without a format of its own.
    Figure(f64),
    Blank(&'a Format),
    Date(ExcelDateTime, &'a Format),
    Bool(bool, &'a Format),
    /// A cell written as the inner one, its column widened to fit `shown`
    /// (a number or date copied from a matrix, as the matrix showed it);
    /// its row does not grow.
    Measured(Box<Cell<'a>>, Cow<'a, str>),
}

impl<'a> Cell<'a> {
    /// `cell`, its column widened to fit `shown`.
    pub fn measured(cell: Cell<'a>, shown: impl Into<Cow<'a, str>>) -> Cell<'a> {
        Cell::Measured(Box::new(cell), shown.into())
    }

    /// Widens `col` for this cell (the first pass).
    fn fit(&self, cols: &mut Columns, col: ColNum) {
        match self {
            Cell::Header(text, _) => cols.fit_width(col as usize, longest_word(text)),
            Cell::Text(text, _) | Cell::Column(text, _) => cols.fit(col as usize, text),
            Cell::Measured(_, shown) => cols.fit(col as usize, shown),
            _ => {}
        }
    }

    /// Lines the cell takes at the final widths.
    fn lines(&self, cols: &Columns, col: ColNum) -> usize {
        match self {
            Cell::Header(text, _) => cols.lines(col as usize, col as usize, text),
            Cell::Text(text, _) | Cell::Column(text, _) => {
                cols.lines(col as usize, col as usize, text)
            }
            _ => 1,
        }
    }

    fn write(&self, ws: &mut Worksheet, row: RowNum, col: ColNum) -> anyhow::Result<()> {
        match self {
            Cell::Plain(text, format) | Cell::Text(text, format) => {
                write_text(ws, row, col, text, format)
            }
            Cell::Header(text, format) => write_text(ws, row, col, text, format),
            Cell::Column(text, format) => write_column_text(ws, row, col, text, format),
            Cell::Number(value, format) => write_number(ws, row, col, *value, Some(format)),
            Cell::Figure(value) => write_number(ws, row, col, *value, None),
            Cell::Blank(format) => {
                ws.write_blank(row, col, format)?;
                Ok(())
            }
            Cell::Date(date, format) => {
                ws.write_datetime_with_format(row, col, date, format)?;
                Ok(())
            }
            Cell::Bool(value, format) => {
                ws.write_boolean_with_format(row, col, *value, format)?;
                Ok(())
            }
            Cell::Measured(cell, _) => cell.write(ws, row, col),
        }
    }
}

/// Receives each row of the sheet, in order.
pub type Rows<'e, 'a> = dyn FnMut(RowNum, &[(ColNum, Cell<'a>)]) -> anyhow::Result<()> + 'e;

/// Sheets of at least this many rows are written to disk as they are filled
/// (rust_xlsxwriter's constant-memory mode); shorter ones are held until the
/// save, which costs little and keeps no temporary file open for each.
pub const TO_DISK_FROM_ROWS: usize = 1_000;

/// A new sheet for [`stream`] to fill with `rows` rows: written to disk as it
/// is filled when it is long (see [`TO_DISK_FROM_ROWS`]).
pub fn add_sheet(wb: &mut Workbook, rows: usize) -> anyhow::Result<&mut Worksheet> {
    Ok(if rows >= TO_DISK_FROM_ROWS {
        wb.add_worksheet_with_constant_memory()?
    } else {
        wb.add_worksheet()
    })
}

/// Fills a sheet from `rows`, which lays out every row in order and is
/// called twice: once to size the columns, once to write each row with its
/// final height. The sheet ends with a blank cell in `end`, a format that
/// shows nothing on an empty cell (see [`end_streamed_rows`]). Returns what
/// the second call returns.
pub fn stream<'a, T>(
    ws: &mut Worksheet,
    end: &Format,
    mut cols: Columns,
    rows: impl Fn(&mut Rows<'_, 'a>) -> anyhow::Result<T>,
) -> anyhow::Result<T> {
    rows(&mut |_, cells| {
        for (col, cell) in cells {
            cell.fit(&mut cols, *col);
        }
        Ok(())
    })?;
    cols.apply(ws)?;
    let mut next_row = 0;
    let laid_out = rows(&mut |row, cells| {
        next_row = row + 1;
        let lines = cells
            .iter()
            .map(|(col, cell)| cell.lines(&cols, *col))
            .max()
            .unwrap_or(1);
        if lines > 1 {
            ws.set_row_height(row, row_height(lines))?;
        }
        for (col, cell) in cells {
            cell.write(ws, row, *col)?;
        }
        Ok(())
    })?;
    end_streamed_rows(ws, next_row, end)?;
    Ok(laid_out)
}

/// Column headers from column A, each wrapping within its column.
pub fn header_cells<'a, T: AsRef<str> + ?Sized + 'a>(
    headers: impl IntoIterator<Item = &'a T>,
    format: &'a TextFormat,
) -> Vec<(ColNum, Cell<'a>)> {
    headers
        .into_iter()
        .enumerate()
        .map(|(i, text)| {
            (
                i as ColNum,
                Cell::Header(Cow::Borrowed(text.as_ref()), format),
            )
        })
        .collect()
}
