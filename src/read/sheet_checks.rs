//! Findings every reader raises the same way, whatever the input.
//!
//! A committee must be able to trust that what it evaluates is what the vendor
//! showed: hidden sheets are never read, hidden rows and columns are read but
//! reported, formulas and merged cells in answer or cost columns are reported
//! because the value read may not be the value seen (SPEC §7).

use crate::model::{CheckedField, Finding, FindingKind, HeaderNeed, Severity, cell_ref};
use crate::read::header::{Header, detect_header};
use crate::read::table::{Schema, TableHeader};
use crate::read::workbook::{Sheet, Visibility, Workbook};

/// Collects the findings of one input file, each stamped with the file and
/// its position among the inputs so that findings sort by file first.
pub struct Reporter<'a> {
    pub file: &'a str,
    pub file_order: usize,
    pub findings: &'a mut Vec<Finding>,
}

impl<'a> Reporter<'a> {
    pub fn new(file: &'a str, file_order: usize, findings: &'a mut Vec<Finding>) -> Self {
        Reporter {
            file,
            file_order,
            findings,
        }
    }

    /// A finding about the whole file.
    pub fn about_file(&self, severity: Severity, kind: FindingKind) -> Finding {
        let mut finding = Finding::file(self.file, severity, kind);
        finding.order.0 = self.file_order;
        finding
    }

    /// A finding on a sheet; place it further with `at_cell`, `at_row`, `at_column`.
    pub fn on(&self, sheet: &Sheet, severity: Severity, kind: FindingKind) -> Finding {
        self.about_file(severity, kind)
            .on_sheet(&sheet.name, sheet.index)
    }

    pub fn push(&mut self, finding: Finding) {
        self.findings.push(finding);
    }
}

/// Calls `read` on each visible sheet that has a header, in sheet order, and
/// raises around it the findings every reader raises alike: hidden sheets
/// (never read), sheets that look meant to carry data but have no header,
/// hidden rows and columns of each sheet read (before its rows), and the file
/// when no sheet has a header. Returns whether one had.
pub fn for_each_data_sheet<'w>(
    r: &mut Reporter,
    wb: &'w Workbook,
    need: HeaderNeed,
    read: impl FnMut(&mut Reporter, &'w Sheet, &Header),
) -> bool {
    let evidence = |sheet: &Sheet| crate::read::header::required_alias_cell(sheet, need);
    for_each_sheet(
        r,
        wb,
        need,
        |sheet| detect_header(sheet, need),
        evidence,
        read,
    )
}

/// [`for_each_data_sheet`] for an input with a table of its own (prices,
/// decisions, criteria, scores, members): the header is detected against
/// `schema` alone.
pub fn for_each_table_sheet<'w>(
    r: &mut Reporter,
    wb: &'w Workbook,
    schema: &Schema,
    read: impl FnMut(&mut Reporter, &'w Sheet, &TableHeader),
) -> bool {
    let evidence = |sheet: &Sheet| schema.required_alias_cell(sheet);
    let detect = |sheet: &Sheet| schema.detect(sheet);
    for_each_sheet(r, wb, schema.need, detect, evidence, read)
}

/// [`for_each_table_sheet`] for an input whose header names one of two
/// column sets over the same columns (a scoresheet names the item, or only
/// its ID): `first`'s header when a sheet has one, else `second`'s.
pub fn for_each_table_sheet_either<'w>(
    r: &mut Reporter,
    wb: &'w Workbook,
    (first, second): (&Schema, &Schema),
    read: impl FnMut(&mut Reporter, &'w Sheet, &TableHeader),
) -> bool {
    let evidence = |sheet: &Sheet| {
        (first.required_alias_cell(sheet)).or_else(|| second.required_alias_cell(sheet))
    };
    let detect = |sheet: &Sheet| first.detect(sheet).or_else(|| second.detect(sheet));
    for_each_sheet(r, wb, first.need, detect, evidence, read)
}

fn for_each_sheet<'w, H>(
    r: &mut Reporter,
    wb: &'w Workbook,
    need: HeaderNeed,
    detect: impl Fn(&Sheet) -> Option<H>,
    evidence: impl Fn(&Sheet) -> Option<(u32, u32, String)>,
    mut read: impl FnMut(&mut Reporter, &'w Sheet, &H),
) -> bool {
    report_hidden_sheets(r, wb);
    let mut any_header = false;
    for sheet in wb
        .sheets
        .iter()
        .filter(|s| s.visibility == Visibility::Visible)
    {
        let Some(header) = detect(sheet) else {
            if let Some(found) = evidence(sheet) {
                report_missing_header(r, sheet, need, found);
            }
            continue;
        };
        any_header = true;
        report_hidden_lines(r, sheet);
        read(r, sheet, &header);
    }
    if !any_header {
        report_no_header_in_file(r, need);
    }
    any_header
}

/// Reports every hidden and very hidden sheet; none of them is read.
fn report_hidden_sheets(r: &mut Reporter, wb: &Workbook) {
    for sheet in &wb.sheets {
        let state = match sheet.visibility {
            Visibility::Visible => continue,
            Visibility::Hidden => "hidden",
            Visibility::VeryHidden => "veryHidden",
        };
        let kind = FindingKind::HiddenSheet {
            sheet: sheet.name.clone(),
        };
        let finding = r.on(sheet, Severity::Warning, kind).with_value(state);
        r.push(finding);
    }
}

/// Reports each hidden row and column of a sheet that is read; their cells
/// are still read, so the committee must see what a person opening the file
/// would not.
fn report_hidden_lines(r: &mut Reporter, sheet: &Sheet) {
    for &row in &sheet.hidden_rows {
        let kind = FindingKind::HiddenRow { row: row + 1 };
        let finding = r.on(sheet, Severity::Warning, kind).at_row(row);
        r.push(finding);
    }
    for &col in &sheet.hidden_cols {
        let kind = FindingKind::HiddenColumn {
            letters: crate::model::column_letters(col),
        };
        let finding = r.on(sheet, Severity::Warning, kind).at_column(col);
        r.push(finding);
    }
}

/// A column whose cells are checked for formulas and merges, with the field
/// it holds.
#[derive(Clone, Copy, Debug)]
pub struct CheckedColumn {
    pub col: u32,
    pub field: CheckedField,
}

impl CheckedColumn {
    pub fn answer(col: u32) -> Self {
        CheckedColumn {
            col,
            field: CheckedField::Answer,
        }
    }

    pub fn cost(col: u32) -> Self {
        CheckedColumn {
            col,
            field: CheckedField::Cost,
        }
    }
}

/// Reports each formula below the header in the given columns: the value read
/// is the one last calculated, which may not be what the vendor meant.
pub fn report_formulas(
    r: &mut Reporter,
    sheet: &Sheet,
    header_row: u32,
    columns: &[CheckedColumn],
) {
    for (row, col, formula) in &sheet.formulas {
        if *row <= header_row {
            continue;
        }
        let Some(column) = columns.iter().find(|c| c.col == *col) else {
            continue;
        };
        let kind = FindingKind::Formula {
            field: column.field,
        };
        let finding = r
            .on(sheet, Severity::Warning, kind)
            .at_cell(*row, *col)
            .with_value(format!("={formula}"));
        r.push(finding);
    }
}

/// Reports each merged range below the header that touches the given
/// columns: only its top-left cell holds a value, so the other rows it covers
/// read as blank.
pub fn report_merged(r: &mut Reporter, sheet: &Sheet, header_row: u32, columns: &[CheckedColumn]) {
    for m in &sheet.merged {
        if m.last_row <= header_row {
            continue;
        }
        let Some(column) = columns
            .iter()
            .find(|c| (m.first_col..=m.last_col).contains(&c.col))
        else {
            continue;
        };
        let range = format!(
            "{}:{}",
            cell_ref(m.first_row, m.first_col),
            cell_ref(m.last_row, m.last_col)
        );
        let kind = FindingKind::Merged {
            field: column.field,
            range: range.clone(),
        };
        let finding = r
            .on(sheet, Severity::Warning, kind)
            .at_cell(m.first_row, m.first_col)
            .with_value(range);
        r.push(finding);
    }
}

/// Reports a sheet without a header when its first rows name a required
/// field, i.e. the sheet looks meant to carry data. Sheets with nothing
/// relevant (a cover, instructions) raise nothing.
fn report_missing_header(
    r: &mut Reporter,
    sheet: &Sheet,
    need: HeaderNeed,
    (row, col, text): (u32, u32, String),
) {
    let finding = r
        .on(
            sheet,
            Severity::Warning,
            FindingKind::MissingHeader { need },
        )
        .at_cell(row, col)
        .with_value(text);
    r.push(finding);
}

/// Reports a file in which no sheet has a header: nothing of it can be read.
fn report_no_header_in_file(r: &mut Reporter, need: HeaderNeed) {
    let finding = r.about_file(Severity::Error, FindingKind::NoHeaderInFile { need });
    r.push(finding);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::testkit::{sheet, workbook};
    use crate::read::workbook::MergedRange;

    fn ja(f: &Finding) -> String {
        crate::write::Labels::load(crate::model::Lang::Ja)
            .unwrap()
            .finding_message(f)
    }

    fn reporter(findings: &mut Vec<Finding>) -> Reporter<'_> {
        Reporter::new("A社.xlsx", 3, findings)
    }

    #[test]
    fn hidden_sheets_are_named() {
        let mut hidden = sheet("旧回答", &[]);
        hidden.visibility = Visibility::Hidden;
        let mut very = sheet("作業用", &[]);
        very.visibility = Visibility::VeryHidden;
        let wb = workbook("A社.xlsx", vec![sheet("回答", &[]), hidden, very]);
        let mut findings = Vec::new();
        report_hidden_sheets(&mut reporter(&mut findings), &wb);
        assert_eq!(findings.len(), 2);
        assert_eq!(findings[0].sheet.as_deref(), Some("旧回答"));
        assert_eq!(findings[0].severity, Severity::Warning);
        assert_eq!(findings[0].value.as_deref(), Some("hidden"));
        assert_eq!(findings[0].order, (3, 1, 0, 0));
        assert_eq!(
            findings[0].kind,
            FindingKind::HiddenSheet {
                sheet: "旧回答".into()
            }
        );
        assert!(ja(&findings[0]).contains("旧回答"));
        assert_eq!(findings[1].value.as_deref(), Some("veryHidden"));
    }

    #[test]
    fn hidden_rows_and_columns_each_reported() {
        let mut s = sheet("回答", &[]);
        s.hidden_rows = vec![4, 9];
        s.hidden_cols = vec![2];
        let mut findings = Vec::new();
        report_hidden_lines(&mut reporter(&mut findings), &s);
        let cells: Vec<_> = findings.iter().map(|f| f.cell.clone().unwrap()).collect();
        assert_eq!(cells, ["5:5", "10:10", "C:C"]);
        assert!(findings.iter().all(|f| f.severity == Severity::Warning));
        assert_eq!(findings[0].file, "A社.xlsx");
    }

    #[test]
    fn formulas_below_the_header_in_checked_columns() {
        let mut s = sheet("回答", &[]);
        s.formulas = vec![
            (0, 2, "\"回答\"".into()),
            (3, 2, "IF(B4=\"\",\"\",\"○\")".into()),
            (3, 4, "SUM(F4:G4)".into()),
            (5, 3, "1200*1000".into()),
        ];
        let mut findings = Vec::new();
        let cols = [CheckedColumn::answer(2), CheckedColumn::cost(3)];
        report_formulas(&mut reporter(&mut findings), &s, 0, &cols);
        assert_eq!(findings.len(), 2);
        assert_eq!(findings[0].cell.as_deref(), Some("C4"));
        assert_eq!(
            findings[0].value.as_deref(),
            Some("=IF(B4=\"\",\"\",\"○\")")
        );
        assert!(ja(&findings[0]).contains("回答欄"));
        assert_eq!(findings[1].cell.as_deref(), Some("D6"));
        assert!(ja(&findings[1]).contains("費用欄"));
    }

    #[test]
    fn merged_ranges_touching_checked_columns() {
        let mut s = sheet("回答", &[]);
        let m = |first_row, first_col, last_row, last_col| MergedRange {
            first_row,
            first_col,
            last_row,
            last_col,
        };
        s.merged = vec![m(0, 0, 0, 5), m(4, 2, 5, 2), m(6, 0, 7, 1), m(8, 1, 8, 3)];
        let mut findings = Vec::new();
        report_merged(
            &mut reporter(&mut findings),
            &s,
            2,
            &[CheckedColumn::answer(2)],
        );
        let got: Vec<_> = findings
            .iter()
            .map(|f| (f.cell.clone().unwrap(), f.value.clone().unwrap()))
            .collect();
        assert_eq!(
            got,
            [
                ("C5".to_string(), "C5:C6".to_string()),
                ("B9".to_string(), "B9:D9".to_string())
            ]
        );
    }

    #[test]
    fn missing_header_only_where_a_required_alias_stands() {
        let mut findings = Vec::new();
        let mut r = reporter(&mut findings);
        let wb = workbook(
            "A社.xlsx",
            vec![
                sheet("表紙", &[&["会社名", "○○情報システム"]]),
                sheet("回答", &[&["", "回答", "記号"]]),
            ],
        );
        let read = for_each_data_sheet(&mut r, &wb, HeaderNeed::Response, |_, _, _| {});
        assert!(!read);
        // The sheet naming 回答 is reported; the cover is not; then the file.
        assert_eq!(findings.len(), 2);
        assert_eq!(findings[1].severity, Severity::Error);
        assert_eq!(findings[0].cell.as_deref(), Some("B1"));
        assert_eq!(findings[0].value.as_deref(), Some("回答"));
        assert_eq!(findings[0].severity, Severity::Warning);
    }
}
