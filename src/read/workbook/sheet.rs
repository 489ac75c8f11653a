//! A workbook as fairbid holds it in memory: sheets of sparse rows of cell
//! values, with the layout a person opening the file would see (hidden rows
//! and columns, merged ranges, formulas).
//!
//! Every reader, check and writer that looks at cells speaks this model, and
//! the model speaks no file format: the format readers beside it fill it in,
//! so that a rule about cells never depends on how the file was parsed.

use std::borrow::Cow;
use std::path::PathBuf;

use compact_str::CompactString;
use serde::{Deserialize, Serialize};

use crate::normalize::id::id_from_number;

/// One cell's value, reduced to what the readers need.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum CellValue {
    Empty,
    /// Text as written. Most cells of a matrix or response are short (IDs,
    /// area names, answer codes, priorities) and are kept inline, without an
    /// allocation of their own.
    Text(CompactString),
    Number(f64),
    Bool(bool),
    /// A date or time cell, as ISO text (`2024-01-01`); an ID column holding
    /// one means Excel turned an ID like `1-1` into a date.
    Date(String),
    /// An error value such as `#N/A`.
    Error(String),
}

impl CellValue {
    /// The text a person sees: numbers without a trailing `.0`, booleans as
    /// `TRUE`/`FALSE`, empty as "".
    pub fn display(&self) -> String {
        match self {
            CellValue::Empty => String::new(),
            CellValue::Text(s) => s.to_string(),
            CellValue::Number(v) => id_from_number(*v),
            CellValue::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
            CellValue::Date(s) | CellValue::Error(s) => s.clone(),
        }
    }

    /// True for an empty cell or text of white space only.
    pub fn is_blank(&self) -> bool {
        match self {
            CellValue::Empty => true,
            CellValue::Text(s) => s.trim().is_empty(),
            _ => false,
        }
    }
}

/// The text a person sees in a cell, trimmed, borrowed when it can be.
pub fn cell_text(value: &CellValue) -> Cow<'_, str> {
    match value {
        CellValue::Empty => Cow::Borrowed(""),
        CellValue::Text(s) => Cow::Borrowed(s.trim()),
        CellValue::Date(s) | CellValue::Error(s) => Cow::Borrowed(s.trim()),
        CellValue::Number(v) => Cow::Owned(id_from_number(*v)),
        CellValue::Bool(true) => Cow::Borrowed("TRUE"),
        CellValue::Bool(false) => Cow::Borrowed("FALSE"),
    }
}

/// Whether a sheet is shown to a person opening the workbook.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Visibility {
    Visible,
    Hidden,
    VeryHidden,
}

/// One row of a sheet: its 0-based index and its non-empty cells, ascending by column.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SheetRow {
    pub index: u32,
    pub cells: Vec<(u32, CellValue)>,
}

impl SheetRow {
    /// The cell at a 0-based column, `Empty` when absent.
    pub fn get(&self, col: u32) -> &CellValue {
        match self.cells.binary_search_by_key(&col, |(c, _)| *c) {
            Ok(i) => &self.cells[i].1,
            Err(_) => &CellValue::Empty,
        }
    }
}

/// A merged range, 0-based and inclusive.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MergedRange {
    pub first_row: u32,
    pub first_col: u32,
    pub last_row: u32,
    pub last_col: u32,
}

/// One sheet. Hidden sheets carry no cells: they are never read as data.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Sheet {
    pub name: String,
    /// Position in the workbook, 0-based.
    pub index: usize,
    pub visibility: Visibility,
    /// Rows holding at least one non-empty cell, ascending; sparse, so a stray
    /// cell at XFD1048576 costs one entry, not a grid.
    #[serde(with = "wire")]
    pub rows: Vec<SheetRow>,
    /// 0-based rows marked hidden (xlsx only; empty for other formats).
    pub hidden_rows: Vec<u32>,
    /// 0-based columns marked hidden (xlsx only).
    pub hidden_cols: Vec<u32>,
    /// Merged ranges (xlsx and .xls; calamine 0.38 gives none for .ods).
    pub merged: Vec<MergedRange>,
    /// Cells holding a formula: (row, col, formula text without `=`), ascending.
    pub formulas: Vec<(u32, u32, String)>,
}

impl Sheet {
    /// The cell at a 0-based position, `Empty` when absent.
    pub fn cell(&self, row: u32, col: u32) -> &CellValue {
        match self.rows.binary_search_by_key(&row, |r| r.index) {
            Ok(i) => self.rows[i].get(col),
            Err(_) => &CellValue::Empty,
        }
    }

    /// Whether the cell holds a formula.
    pub fn formula(&self, row: u32, col: u32) -> Option<&str> {
        self.formulas
            .binary_search_by(|(r, c, _)| (*r, *c).cmp(&(row, col)))
            .ok()
            .map(|i| self.formulas[i].2.as_str())
    }
}

/// A workbook read into memory.
#[derive(Clone, Debug, PartialEq)]
pub struct Workbook {
    pub path: PathBuf,
    /// The file name as shown in reports (no directories).
    pub file: String,
    /// SHA-256 of the file's bytes, lower-case hex.
    pub sha256: String,
    pub sheets: Vec<Sheet>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_text_is_what_a_person_sees() {
        assert_eq!(cell_text(&CellValue::Text("  甲町 ".into())), "甲町");
        assert_eq!(cell_text(&CellValue::Number(12.0)), "12");
        assert_eq!(cell_text(&CellValue::Number(1.5)), "1.5");
        assert_eq!(cell_text(&CellValue::Bool(true)), "TRUE");
        assert_eq!(cell_text(&CellValue::Empty), "");
    }
}

/// The rows of a sheet as they cross from a reader process to the run
/// (`read::isolate`): in columns, so that the text of all cells travels as
/// one string, checked as UTF-8 once, rather than one string per cell.
/// Decoding the rows cell by cell took a sixth of a reader's own time.
pub(crate) mod wire {
    use compact_str::CompactString;
    use serde::de::Error as _;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    use super::{CellValue, SheetRow};

    /// A cell's kind in [`Columns::kinds`].
    const EMPTY: u8 = 0;
    const TEXT: u8 = 1;
    const NUMBER: u8 = 2;
    const FALSE: u8 = 3;
    const TRUE: u8 = 4;
    const DATE: u8 = 5;
    const ERROR: u8 = 6;

    #[derive(Default, Serialize, Deserialize)]
    struct Columns {
        /// Each row's index and how many cells it holds.
        rows: Vec<(u32, u32)>,
        /// Per cell: its column and its kind.
        cols: Vec<u32>,
        kinds: Vec<u8>,
        /// The numbers, in cell order.
        numbers: Vec<f64>,
        /// The text of text, date and error cells, one after the other;
        /// `ends[k]` is where the k-th ends.
        text: String,
        ends: Vec<u32>,
    }

    pub fn serialize<S: Serializer>(rows: &[SheetRow], s: S) -> Result<S::Ok, S::Error> {
        let mut c = Columns::default();
        for row in rows {
            c.rows.push((row.index, row.cells.len() as u32));
            for (col, value) in &row.cells {
                c.cols.push(*col);
                let mut text = |t: &str, kind: u8| {
                    c.text.push_str(t);
                    c.ends.push(c.text.len() as u32);
                    kind
                };
                let kind = match value {
                    CellValue::Empty => EMPTY,
                    CellValue::Text(t) => text(t, TEXT),
                    CellValue::Date(t) => text(t, DATE),
                    CellValue::Error(t) => text(t, ERROR),
                    CellValue::Number(n) => {
                        c.numbers.push(*n);
                        NUMBER
                    }
                    CellValue::Bool(false) => FALSE,
                    CellValue::Bool(true) => TRUE,
                };
                c.kinds.push(kind);
            }
        }
        c.serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<SheetRow>, D::Error> {
        let c = Columns::deserialize(d)?;
        let broken = || D::Error::custom("inconsistent sheet rows");
        if c.cols.len() != c.kinds.len() {
            return Err(broken());
        }
        let (mut cells, mut numbers, mut ends) = (0usize, c.numbers.iter(), c.ends.iter());
        let mut start = 0usize;
        let mut text = || -> Result<&str, D::Error> {
            let end = *ends.next().ok_or_else(broken)? as usize;
            let t = c.text.get(start..end).ok_or_else(broken)?;
            start = end;
            Ok(t)
        };
        let mut rows = Vec::with_capacity(c.rows.len());
        for &(index, width) in &c.rows {
            let width = width as usize;
            let range = cells..cells.checked_add(width).ok_or_else(broken)?;
            let (Some(cols), Some(kinds)) = (c.cols.get(range.clone()), c.kinds.get(range)) else {
                return Err(broken());
            };
            let mut row = Vec::with_capacity(width);
            for (&col, &kind) in cols.iter().zip(kinds) {
                let value = match kind {
                    EMPTY => CellValue::Empty,
                    TEXT => CellValue::Text(CompactString::from(text()?)),
                    DATE => CellValue::Date(text()?.to_string()),
                    ERROR => CellValue::Error(text()?.to_string()),
                    NUMBER => CellValue::Number(*numbers.next().ok_or_else(broken)?),
                    FALSE => CellValue::Bool(false),
                    TRUE => CellValue::Bool(true),
                    _ => return Err(broken()),
                };
                row.push((col, value));
            }
            cells += width;
            rows.push(SheetRow { index, cells: row });
        }
        Ok(rows)
    }
}
