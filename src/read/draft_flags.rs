//! The flag codes an RFP draft wrote beside each requirement.
//!
//! A matrix may be a draft (`fairbid draft`), which carries a flags column
//! (`フラグ` / `Flags`, `F01 F07`). `template` reads it back before the form
//! goes out: a requirement the last evaluation found naming a product (F07)
//! should not reach the vendors unchanged. The column is found by its
//! header on each sheet's detected matrix header row; a matrix without one
//! has no flagged rows.

use std::collections::HashSet;

use crate::read::header::{HeaderNeed, detect_header};
use crate::read::workbook::{Visibility, Workbook, cell_text};

/// The rows (sheet name, 1-based row, as `Requirement::sheet` and `row`
/// give them) whose flags column — headed by one of `headers` — holds
/// `code` as one of its space-separated codes.
pub fn rows_flagged(wb: &Workbook, headers: &[&str], code: &str) -> HashSet<(String, u32)> {
    let mut flagged = HashSet::new();
    for sheet in (wb.sheets.iter()).filter(|s| s.visibility == Visibility::Visible) {
        let Some(header) = detect_header(sheet, HeaderNeed::Matrix) else {
            continue;
        };
        let Some(col) = (header.columns.headers.iter())
            .find(|(_, text)| headers.contains(&text.trim()))
            .map(|(col, _)| *col)
        else {
            continue;
        };
        for row in sheet.rows.iter().filter(|r| r.index > header.row) {
            let codes = cell_text(row.get(col));
            if codes
                .split_whitespace()
                .any(|c| c.eq_ignore_ascii_case(code))
            {
                flagged.insert((sheet.name.clone(), row.index + 1));
            }
        }
    }
    flagged
}
