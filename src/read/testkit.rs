//! Workbooks built in code for tests.

use std::path::PathBuf;

use crate::read::workbook::{CellValue, Sheet, SheetRow, Visibility, Workbook};

/// One cell from its written form: "" is empty; `'x` is the text `x`
/// (as Excel's quote prefix); `date:2024-01-01` is a date; `TRUE` and
/// `FALSE` are booleans; a decimal number is a number; anything else is text.
pub fn cell(s: &str) -> CellValue {
    if s.is_empty() {
        CellValue::Empty
    } else if let Some(text) = s.strip_prefix('\'') {
        CellValue::Text(text.into())
    } else if let Some(date) = s.strip_prefix("date:") {
        CellValue::Date(date.to_string())
    } else if s == "TRUE" || s == "FALSE" {
        CellValue::Bool(s == "TRUE")
    } else if let Ok(v) = s.parse::<f64>()
        && s.chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == '-')
    {
        CellValue::Number(v)
    } else {
        CellValue::Text(s.into())
    }
}

/// A visible sheet from rows of written cells, row 1 first.
pub fn sheet(name: &str, rows: &[&[&str]]) -> Sheet {
    let rows = rows
        .iter()
        .enumerate()
        .filter_map(|(r, cells)| {
            let cells: Vec<(u32, CellValue)> = cells
                .iter()
                .enumerate()
                .filter(|(_, s)| !s.is_empty())
                .map(|(c, s)| (c as u32, cell(s)))
                .collect();
            (!cells.is_empty()).then_some(SheetRow {
                index: r as u32,
                cells,
            })
        })
        .collect();
    Sheet {
        name: name.to_string(),
        index: 0,
        visibility: Visibility::Visible,
        rows,
        hidden_rows: Vec::new(),
        hidden_cols: Vec::new(),
        merged: Vec::new(),
        formulas: Vec::new(),
    }
}

/// A workbook of the given sheets, indexed in order.
pub fn workbook(file: &str, sheets: Vec<Sheet>) -> Workbook {
    let sheets = sheets
        .into_iter()
        .enumerate()
        .map(|(i, mut s)| {
            s.index = i;
            s
        })
        .collect();
    Workbook {
        path: PathBuf::from(file),
        file: file.to_string(),
        sha256: String::new(),
        sheets,
    }
}
