//! Validation (検証結果): every problem found in the inputs (SPEC §7), in
//! the order the reader reported them (file, sheet, row, column).
//!
//! ```text
//!   入力の検証結果
//!   エラー 1件 / 警告 2件
//!   ファイル | シート | セル | 重要度 | 内容 | 値
//!   C社.xlsx | 回答   | F12  | エラー | …    | ？
//! ```

use rust_xlsxwriter::{RowNum, Worksheet};

use super::format::write_text;
use super::layout::{Columns, cell, header_row, print_setup};
use super::{Ctx, Page};
use crate::model::{Finding, Severity};
use crate::write::labels::fill;

const HEADER_ROW: RowNum = 2;

pub fn write(ws: &mut Worksheet, ctx: &Ctx) -> anyhow::Result<()> {
    write_findings(ws, ctx, &ctx.inputs.findings)
}

/// The Validation sheet of any workbook fairbid writes, for `findings`.
pub(crate) fn write_findings(
    ws: &mut Worksheet,
    ctx: &Page,
    findings: &[Finding],
) -> anyhow::Result<()> {
    let l = &ctx.labels;
    let v = &l.validation;
    let s = &ctx.styles;
    ws.set_name(&l.sheets.validation)?;
    let mut cols = Columns::new(vec![(10, 30), (6, 20), (5, 10), (6, 8), (30, 70), (8, 30)]);

    write_text(ws, 0, 0, &v.title, &s.title)?;
    let count = |sev: Severity| {
        findings
            .iter()
            .filter(|f| f.severity == sev)
            .count()
            .to_string()
    };
    let counts = fill(
        &v.counts,
        &[
            ("errors", &count(Severity::Error)),
            ("warnings", &count(Severity::Warning)),
        ],
    );
    write_text(ws, 1, 0, &counts, &s.note)?;
    let headers = [
        &v.file,
        &v.sheet,
        &v.cell,
        &v.severity,
        &v.message,
        &v.value,
    ];
    header_row(ws, &mut cols, (HEADER_ROW, 0), headers, &s.header)?;

    let mut row = HEADER_ROW + 1;
    for f in findings {
        let severity = l.finding_severity(f.severity);
        cell(ws, &mut cols, (row, 0), &f.file, &s.text)?;
        cell(
            ws,
            &mut cols,
            (row, 1),
            f.sheet.as_deref().unwrap_or(""),
            &s.text,
        )?;
        cell(
            ws,
            &mut cols,
            (row, 2),
            f.cell.as_deref().unwrap_or(""),
            &s.text,
        )?;
        cell(ws, &mut cols, (row, 3), severity, s.finding(f.severity))?;
        cell(ws, &mut cols, (row, 4), &l.finding_message(f), &s.text)?;
        cell(
            ws,
            &mut cols,
            (row, 5),
            f.value.as_deref().unwrap_or(""),
            &s.text,
        )?;
        row += 1;
    }
    if findings.is_empty() {
        write_text(ws, row, 0, &v.none, &s.note)?;
    }

    cols.apply(ws)?;
    ws.autofilter(HEADER_ROW, 0, (row - 1).max(HEADER_ROW), 5)?;
    ws.set_freeze_panes(HEADER_ROW + 1, 0)?;
    print_setup(ws, ctx, (HEADER_ROW, HEADER_ROW))
}
