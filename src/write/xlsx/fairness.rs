//! Fairness (公平性): one row per flag.
//!
//! ```text
//!   公平性フラグ
//!   コード | フラグ | 重要度 | 要件ID | 要件 | 該当ベンダー | 内容 | 推奨対応 | 類似度 | 検出語 | 緩和候補
//!   F01    | 対応可能が1社のみ | 高 | R-001 | … | A社 | … | … |      |        |
//! ```
//!
//! The robustness of the ranking (what-ifs, relief sets, weight sensitivity)
//! has its own sheet, so that this one stays a filterable list of flags.

use rust_xlsxwriter::{ColNum, RowNum, Worksheet};

use super::Ctx;
use super::format::{write_number, write_text};
use super::layout::{Columns, cell, header_row, print_setup};
use crate::analyze::flags::worded;

const COL_CODE: ColNum = 0;
const COL_NAME: ColNum = 1;
const COL_SEVERITY: ColNum = 2;
const COL_ID: ColNum = 3;
const COL_TEXT: ColNum = 4;
const COL_VENDORS: ColNum = 5;
const COL_MESSAGE: ColNum = 6;
const COL_RECOMMENDATION: ColNum = 7;
const COL_SIMILARITY: ColNum = 8;
const COL_TERM: ColNum = 9;
const COL_RELIEF: ColNum = 10;

const HEADER_ROW: RowNum = 1;

pub fn write(ws: &mut Worksheet, ctx: &Ctx) -> anyhow::Result<()> {
    let l = &ctx.labels;
    let f = &l.fairness;
    let s = &ctx.styles;
    let a = ctx.analysis;
    let sep = l.common.list_separator.as_str();
    ws.set_name(&l.sheets.fairness)?;
    let mut cols = Columns::new(vec![
        (5, 8),
        (10, 24),
        (6, 8),
        (8, 14),
        (20, 40),
        (10, 24),
        (24, 50),
        (24, 50),
        (6, 10),
        (6, 16),
        (8, 24),
    ]);

    write_text(ws, 0, 0, &f.title, &s.title)?;
    let headers = [
        &f.code,
        &f.name,
        &f.severity,
        &f.requirement,
        &f.text,
        &f.vendors,
        &f.message,
        &f.recommendation,
        &f.similarity,
        &f.term,
        &f.relief,
    ];
    header_row(ws, &mut cols, (HEADER_ROW, 0), headers, &s.header)?;

    let say = ctx.say();
    let mut row = HEADER_ROW + 1;
    for flag in &a.flags {
        let text = flag
            .requirement
            .map_or("", |r| ctx.inputs.requirements[r.index()].text.as_str());
        let flag = worded(flag, &say);
        let severity = s.flag(flag.severity);
        cell(ws, &mut cols, (row, COL_CODE), flag.code.code(), severity)?;
        cell(
            ws,
            &mut cols,
            (row, COL_NAME),
            l.flag_name(flag.code),
            &s.text,
        )?;
        cell(
            ws,
            &mut cols,
            (row, COL_SEVERITY),
            l.flag_severity(flag.severity),
            severity,
        )?;
        let id = flag.requirement.as_deref().unwrap_or("");
        cell(ws, &mut cols, (row, COL_ID), id, &s.text)?;
        cell(ws, &mut cols, (row, COL_TEXT), text, &s.text)?;
        cell(
            ws,
            &mut cols,
            (row, COL_VENDORS),
            &flag.vendors.join(sep),
            &s.text,
        )?;
        cell(ws, &mut cols, (row, COL_MESSAGE), &flag.message, &s.text)?;
        cell(
            ws,
            &mut cols,
            (row, COL_RECOMMENDATION),
            &flag.recommendation,
            &s.text,
        )?;
        let similarity = flag.similarity.unwrap_or(f64::NAN);
        write_number(ws, row, COL_SIMILARITY, similarity, Some(&s.ratio))?;
        let term = flag.term.as_deref().unwrap_or("");
        cell(ws, &mut cols, (row, COL_TERM), term, &s.text)?;
        let relief = flag
            .relief
            .as_ref()
            .map(|r| r.join(sep))
            .unwrap_or_default();
        cell(ws, &mut cols, (row, COL_RELIEF), &relief, &s.text)?;
        row += 1;
    }
    if a.flags.is_empty() {
        write_text(ws, row, COL_CODE, &f.none, &s.note)?;
        row += 1;
    }
    let last_flag_row = row - 1;

    cols.apply(ws)?;
    ws.autofilter(HEADER_ROW, 0, last_flag_row, COL_RELIEF)?;
    ws.set_freeze_panes(HEADER_ROW + 1, 0)?;
    print_setup(ws, ctx, (HEADER_ROW, HEADER_ROW))
}
