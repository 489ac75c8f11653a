//! Problems found in the inputs (SPEC §7): rows of the Validation sheet, never
//! errors that stop the run, each with the file, sheet and cell it came from.

use serde::Serialize;

use super::{cell_ref, column_letters};

/// Severity of a validation row.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// One problem found in the inputs (SPEC §7). Data-quality problems are
/// findings, never errors that stop the run.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Finding {
    pub file: String,
    pub sheet: Option<String>,
    /// A1-style cell, or a row (`5:5`) or column (`C:C`) range.
    pub cell: Option<String>,
    pub severity: Severity,
    pub message: String,
    pub value: Option<String>,
    /// Sort key: (input order, sheet order, row, column); not serialized.
    #[serde(skip)]
    pub order: (usize, usize, u32, u32),
}

impl Finding {
    /// A finding about a whole file.
    pub fn file(file: &str, severity: Severity, message: impl Into<String>) -> Finding {
        Finding {
            file: file.to_string(),
            sheet: None,
            cell: None,
            severity,
            message: message.into(),
            value: None,
            order: (0, 0, 0, 0),
        }
    }

    /// Places the finding on a sheet (`sheet_index` is its position in the workbook).
    pub fn on_sheet(mut self, sheet: &str, sheet_index: usize) -> Finding {
        self.sheet = Some(sheet.to_string());
        self.order.1 = sheet_index;
        self
    }

    /// Places the finding on a cell; `row` and `col` are 0-based.
    pub fn at_cell(mut self, row: u32, col: u32) -> Finding {
        self.cell = Some(cell_ref(row, col));
        self.order.2 = row + 1;
        self.order.3 = col + 1;
        self
    }

    /// Places the finding on a whole row (`5:5`); `row` is 0-based.
    pub fn at_row(mut self, row: u32) -> Finding {
        self.cell = Some(format!("{0}:{0}", row + 1));
        self.order.2 = row + 1;
        self
    }

    /// Places the finding on a whole column (`C:C`); `col` is 0-based.
    pub fn at_column(mut self, col: u32) -> Finding {
        let letters = column_letters(col);
        self.cell = Some(format!("{letters}:{letters}"));
        self.order.3 = col + 1;
        self
    }

    /// Records the value found.
    pub fn with_value(mut self, value: impl Into<String>) -> Finding {
        self.value = Some(value.into());
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finding_places() {
        let f = Finding::file("a.xlsx", Severity::Warning, "m")
            .on_sheet("S", 2)
            .at_row(4);
        assert_eq!(f.cell.as_deref(), Some("5:5"));
        let f = Finding::file("a.xlsx", Severity::Warning, "m").at_column(2);
        assert_eq!(f.cell.as_deref(), Some("C:C"));
    }
}
