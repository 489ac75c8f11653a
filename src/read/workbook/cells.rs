//! calamine's cells into the sheet model.
//!
//! calamine hands cells over in two shapes: streamed one by one (xlsx), or as
//! a dense grid per sheet (.xls, .ods). Both end here as sparse rows, so that
//! every reader and check sees one model whatever the format, and dates
//! become ISO text, as a person reads them.

use std::fmt::Display;

use calamine::{Data, DataRef, ExcelDateTime, Reader, SheetType, SheetVisible};

use super::refusal::Refusal;
use super::sheet::{CellValue, Sheet, SheetRow, Visibility};

/// Largest dense grid (rows × columns) an .xls or .ods sheet may declare. A full
/// .xls sheet (65,536 × 256) is 16.7 M cells; calamine holds these formats as a
/// dense grid of 32-byte cells (twice, while copying), so 20 M keeps a
/// legitimate sheet readable and a crafted one from exhausting memory.
pub(super) const MAX_DENSE_CELLS: u64 = 20_000_000;

pub(super) fn visibility(visible: SheetVisible) -> Visibility {
    match visible {
        SheetVisible::Visible => Visibility::Visible,
        SheetVisible::Hidden => Visibility::Hidden,
        SheetVisible::VeryHidden => Visibility::VeryHidden,
    }
}

pub(super) fn empty_sheet(name: &str, index: usize, visibility: Visibility) -> Sheet {
    Sheet {
        name: name.to_string(),
        index,
        visibility,
        rows: Vec::new(),
        hidden_rows: Vec::new(),
        hidden_cols: Vec::new(),
        merged: Vec::new(),
        formulas: Vec::new(),
    }
}

/// Reads the visible worksheets of a format calamine holds as dense grids
/// (.xls, .ods); their guards have bounded the extent already.
pub(super) fn read_dense<RS, R>(workbook: &mut R) -> Result<Vec<Sheet>, Refusal>
where
    RS: std::io::Read + std::io::Seek,
    R: Reader<RS>,
    R::Error: Display,
{
    let metadata = workbook.sheets_metadata().to_vec();
    worksheets(&metadata, |sheet| {
        let range = workbook.worksheet_range(&sheet.name)?;
        let mut grid = Grid::default();
        if let Some((top, left)) = range.start() {
            for (row, col, data) in range.used_cells() {
                if let Some(value) = cell_value(data) {
                    grid.push(top + row as u32, left + col as u32, value);
                }
            }
        }
        sheet.rows = grid.finish();
        Ok::<(), R::Error>(())
    })
}

/// Every worksheet of a workbook, in order (chart and macro sheets left
/// out), `fill` reading the cells of each visible one; hidden ones stay
/// empty. A sheet `fill` cannot read refuses the file, naming the sheet.
pub(super) fn worksheets<E: Display>(
    metadata: &[calamine::Sheet],
    mut fill: impl FnMut(&mut Sheet) -> Result<(), E>,
) -> Result<Vec<Sheet>, Refusal> {
    let mut sheets = Vec::with_capacity(metadata.len());
    for (position, meta) in metadata.iter().enumerate() {
        if meta.typ != SheetType::WorkSheet {
            continue;
        }
        let mut sheet = empty_sheet(&meta.name, position, visibility(meta.visible));
        if sheet.visibility == Visibility::Visible {
            fill(&mut sheet).map_err(|e| Refusal::SheetUnreadable {
                sheet: meta.name.clone(),
                detail: e.to_string(),
            })?;
        }
        sheets.push(sheet);
    }
    Ok(sheets)
}

/// Cells collected into sparse rows. Readers deliver them in order almost
/// always; when not, they are sorted once at the end.
#[derive(Default)]
pub(super) struct Grid {
    rows: Vec<SheetRow>,
    out_of_order: bool,
}

impl Grid {
    pub(super) fn push(&mut self, row: u32, col: u32, value: CellValue) {
        match self.rows.last_mut() {
            Some(last) if last.index == row => {
                if last.cells.last().is_some_and(|(c, _)| *c >= col) {
                    self.out_of_order = true;
                }
                last.cells.push((col, value));
            }
            last => {
                // Rows of a table are alike: room for as many cells as the
                // row before spares the growing, and the unused room, of a
                // vector per row (a response of 200,000 rows holds two).
                let width = last.as_ref().map_or(1, |r| r.cells.len().max(1));
                if last.is_some_and(|r| r.index > row) {
                    self.out_of_order = true;
                }
                let mut cells = Vec::with_capacity(width);
                cells.push((col, value));
                self.rows.push(SheetRow { index: row, cells });
            }
        }
    }

    /// Rows ascending, cells ascending; a cell given twice keeps its last value.
    pub(super) fn finish(self) -> Vec<SheetRow> {
        if !self.out_of_order {
            return self.rows;
        }
        let mut cells: Vec<(u32, u32, CellValue)> = self
            .rows
            .into_iter()
            .flat_map(|r| r.cells.into_iter().map(move |(c, v)| (r.index, c, v)))
            .collect();
        cells.sort_by_key(|(r, c, _)| (*r, *c));
        let mut rows: Vec<SheetRow> = Vec::new();
        for (r, c, v) in cells {
            match rows.last_mut() {
                Some(last) if last.index == r => match last.cells.last_mut() {
                    Some(cell) if cell.0 == c => cell.1 = v,
                    _ => last.cells.push((c, v)),
                },
                _ => rows.push(SheetRow {
                    index: r,
                    cells: vec![(c, v)],
                }),
            }
        }
        rows
    }
}

/// A streamed xlsx value; `None` for an empty cell or empty text.
pub(super) fn cell_value_ref(value: DataRef<'_>) -> Option<CellValue> {
    Some(match value {
        DataRef::Empty => return None,
        DataRef::String(s) if s.is_empty() => return None,
        DataRef::SharedString("") => return None,
        DataRef::String(s) => CellValue::Text(s.into()),
        DataRef::SharedString(s) => CellValue::Text(s.into()),
        DataRef::Float(v) => CellValue::Number(v),
        DataRef::Int(v) => CellValue::Number(v as f64),
        DataRef::Bool(b) => CellValue::Bool(b),
        DataRef::DateTime(dt) => CellValue::Date(date_text(&dt)),
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => CellValue::Date(s),
        DataRef::Error(e) => CellValue::Error(e.to_string()),
    })
}

/// A value of a dense grid; `None` for an empty cell or empty text.
fn cell_value(value: &Data) -> Option<CellValue> {
    Some(match value {
        Data::Empty => return None,
        Data::String(s) if s.is_empty() => return None,
        Data::String(s) => CellValue::Text(s.as_str().into()),
        Data::Float(v) => CellValue::Number(*v),
        Data::Int(v) => CellValue::Number(*v as f64),
        Data::Bool(b) => CellValue::Bool(*b),
        Data::DateTime(dt) => CellValue::Date(date_text(dt)),
        Data::DateTimeIso(s) | Data::DurationIso(s) => CellValue::Date(s.clone()),
        Data::Error(e) => CellValue::Error(e.to_string()),
    })
}

/// ISO text of an Excel date: `2024-01-01`, `2024-01-01T09:30:00` when it has
/// a time, `09:30:00` for a time of day alone, and `36:00:00` for a duration.
fn date_text(dt: &ExcelDateTime) -> String {
    let serial = dt.as_f64();
    if dt.is_duration() {
        let ms = (serial * 86_400_000.0).round();
        let sign = if ms < 0.0 { "-" } else { "" };
        let ms = ms.abs() as u64;
        let (h, m, s) = (ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60);
        return format!("{sign}{h:02}:{m:02}:{s:02}");
    }
    let (y, mo, d, h, mi, s, ms) = dt.to_ymd_hms_milli();
    let time = if ms > 0 {
        format!("{h:02}:{mi:02}:{s:02}.{ms:03}")
    } else {
        format!("{h:02}:{mi:02}:{s:02}")
    };
    if serial < 1.0 {
        time
    } else if (h, mi, s, ms) == (0, 0, 0, 0) {
        format!("{y:04}-{mo:02}-{d:02}")
    } else {
        format!("{y:04}-{mo:02}-{d:02}T{time}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> CellValue {
        CellValue::Text(s.into())
    }

    #[test]
    fn out_of_order_cells_are_sorted_and_the_last_value_kept() {
        let mut grid = Grid::default();
        grid.push(3, 1, text("b"));
        grid.push(3, 0, text("a"));
        grid.push(1, 4, text("x"));
        grid.push(3, 1, text("B"));
        let rows = grid.finish();
        assert_eq!(
            rows,
            vec![
                SheetRow {
                    index: 1,
                    cells: vec![(4, text("x"))]
                },
                SheetRow {
                    index: 3,
                    cells: vec![(0, text("a")), (1, text("B"))]
                },
            ]
        );
    }

    #[test]
    fn dates_times_and_durations_as_text() {
        use calamine::ExcelDateTimeType::{DateTime, TimeDelta};
        let at = |v: f64, t| date_text(&ExcelDateTime::new(v, t, false));
        assert_eq!(at(45292.0, DateTime), "2024-01-01");
        assert_eq!(at(45292.5, DateTime), "2024-01-01T12:00:00");
        assert_eq!(at(0.375, DateTime), "09:00:00");
        assert_eq!(at(1.5, TimeDelta), "36:00:00");
    }
}
